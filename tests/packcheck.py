"""Checks a handout pack PDF (leafpress pack) from its own objects.

usage: packcheck.py PACK.pdf TITLE DOC_TITLE...

The page count is even; the first page says the title; the outline has the
cover's title, then one top-level bookmark per document in order, each going
to an odd (right-hand) page; the structure tree has one Part per document,
each with a /Lang, and a TOC with one TOCI per document whose link goes to
the page its bookmark does; no page between two documents carries anything
but blank paper."""
import os
import sys

from pdfstruct import Doc


def main():
    path, title, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    d = Doc(path)
    problems = []
    npages = len(d.page_index)
    if npages % 2:
        problems.append(f"{npages} pages: a pack has an even count")
    top = [(t, p) for depth, t, p in d.outlines() if depth == 0]
    if not top or top[0][0] != title:
        problems.append(f"first bookmark {top[:1]} is not the pack's title {title!r}")
    got = [t.replace("\u00a0", " ") for t, _ in top[1:]]
    if got != docs:
        problems.append(f"document bookmarks {got} are not {docs}")
    for t, p in top[1:]:
        if p is None or p % 2:
            problems.append(f"bookmark {t!r} goes to page {None if p is None else p + 1}, not a right-hand page")
    parts = [e for e, _ in d.walk() if e.s == "Part"]
    if len(parts) != len(docs):
        problems.append(f"{len(parts)} Part elements for {len(docs)} documents")
    for e in parts:
        if not e.lang:
            problems.append(f"a Part has no /Lang")
    tocs = [e for e, _ in d.walk() if e.s == "TOC"]
    tocis = [k for k in tocs[0].kids if hasattr(k, "s") and k.s == "TOCI"] if tocs else []
    if len(tocis) != len(docs):
        problems.append(f"{len(tocis)} contents entries for {len(docs)} documents")
    for e, (t, p) in zip(tocis, top[1:]):
        pages = []
        for el, _ in d.walk(e):
            for k in el.kids:
                if not hasattr(k, "s") and k[0] == "objr":
                    pages.append(d.dest_page(d.get(k[1])))
        # The print variant has no links: its contents entries are text.
        want = [] if "/print/" in path.replace(os.sep, "/") else [p]
        if pages != want:
            problems.append(f"contents entry for {t!r} links to {pages}, its bookmark to {p}")
    # A blank left-hand page holds no marked content at all.
    used = {pg for (pg, _mcid) in d.mc_text}
    starts = sorted(p for _, p in top[1:] if p is not None)
    for s in starts:
        if s - 1 >= 2 and s - 1 not in used and (s - 1) % 2 == 0:
            problems.append(f"page {s} is blank but is a right-hand page")
    for p in problems:
        print(f"packcheck: {path}: {p}")
    print(f"packcheck: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
