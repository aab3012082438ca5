#!/usr/bin/env python3
"""A Matterhorn-style check of the tagging of every built PDF, screen and print.

The structure tree is read directly from the objects (pdfstruct.py), not
through a viewer's tolerant reader.  Each check names the Matterhorn
Protocol 1.1 failure condition it stands for where there is one:

  01-005  all painting is marked content: tagged, or an artifact
  01-007  each marked-content sequence belongs to exactly one element
  02-001  only standard structure types, or types role-mapped to them
  06-00x  /Lang, DisplayDocTitle, a title, pdfuaid:part in the XMP
  09-004  lists: L holds LI (or L, Caption); LI holds Lbl/LBody; TOC holds TOCI
  13-004  every Figure has alternate text; a Figure's alt is not the heading
          beside it read twice, nor a web address read aloud
  14-002  the first numbered heading is H1; 14-003: no level is skipped
  19-003  a Note has an /ID
  28-008  every link annotation has /Contents, a /StructParent and an OBJR in
          a Link element; links going to different places say so differently
  leafpress's own rules:
          a document of more than one page has bookmarks, each going to the
          page where its heading is; a table of contents is TOC/TOCI and each
          entry links to the page of its heading; contact details are a list
          (one LI per contact, never two contacts in one paragraph); text set
          in capitals by style reads as written (ActualText); /Lang tags are
          well-formed and each [passage]{lang=xx} of the source is a Span
          with that /Lang; the document's text is in the tree, in source order.

Usage: tagcheck.py OUT_DIR LEAFPRESS FILE.md...
       tagcheck.py --pdf TITLE PDF...  (a PDF made of several documents: a pack)
       tagcheck.py --tree PDF...   (prints the structure tree and bookmarks)
"""
import glob
import os
import re
import sys

from pdfstruct import INLINE_TYPES, STANDARD_TYPES, Doc, Elem, text_of
from pdfwords import norm_words, run

failures = []
passes = 0


def check(ok, pdf, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(f"{pdf}: {what}")
    return ok


def contacts_fields(path):
    """[(key, name, phone)] from contacts.yaml's plain layout."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([a-z0-9-]+):\s*$", line)
            if m:
                cur = {"key": m.group(1)}
                out.append(cur)
                continue
            m = re.match(r'^\s+(name|short-name|phone|note[a-z-]*|hours):\s*"?([^"\n]+?)"?\s*$', line)
            if m and cur is not None:
                cur[m.group(1)] = m.group(2)
                if m.group(1).startswith("note") or m.group(1) == "hours":
                    cur.setdefault("notes", []).append(squash(m.group(2)))
    return [c for c in out if "name" in c]


def squash(s):
    return " ".join(norm_words(s))


def is_heading(e):
    return re.fullmatch(r"H[1-6]", e.s) is not None


def own_mc(e):
    return [k for k in e.kids if not isinstance(k, Elem) and k[0] == "mc"]


def check_pdf(pdf, body_words, title, contacts, passages=()):
    try:
        d = Doc(pdf)
    except Exception as ex:  # a PDF qpdf cannot read fails every check
        check(False, pdf, f"cannot read: {ex}")
        return
    cat = d.catalog
    # 06: document-level
    check(str(cat.get("/Lang", "")).startswith("u:") and len(cat["/Lang"]) > 2, pdf,
          "06-002 no /Lang on the catalog")
    check((cat.get("/MarkInfo") or {}).get("/Marked") is True, pdf, "01-002 no /MarkInfo /Marked true")
    check((d.get(cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is True, pdf,
          "07-001 no DisplayDocTitle")
    info = d.get(d.trailer.get("/Info")) or {}
    check(text_of(info.get("/Title")) == title, pdf, f"06-003 title is not '{title}'")
    xmp = d.stream_data(cat.get("/Metadata")).decode("utf-8", "replace")
    check("<pdfuaid:part>1</pdfuaid:part>" in xmp, pdf, "06-002 no pdfuaid:part in the XMP")
    if not check(d.struct_root is not None and d.roots, pdf, "01-001 no structure tree"):
        return

    # 01: content
    check(not d.untagged, pdf, f"01-005 {len(d.untagged)} painting operators outside marked content "
          f"(first on page {d.untagged[0][0] + 1}: {d.untagged[0][1]})" if d.untagged else "")
    owners = {}
    for e in d.elems:
        for k in own_mc(e):
            owners.setdefault((k[1], k[2]), []).append(e)
    seen = set(d.mc_seen)
    dup = [k for k, v in owners.items() if len(v) > 1]
    orphan = [k for k in seen if k not in owners]
    missing = [k for k in owners if k not in seen]
    check(not dup and not orphan and not missing and not d.bad_kids, pdf,
          f"01-007 marked content and tree disagree: {len(orphan)} sequences no element owns, "
          f"{len(missing)} kids with no sequence, {len(dup)} owned twice; {d.bad_kids[:2]}")

    # 02: types
    unknown = sorted({e.s for e in d.elems if e.role(d.rolemap) not in
                      STANDARD_TYPES})
    check(not unknown, pdf, f"02-001 non-standard structure types without a role map: {unknown}")

    # 09: lists and contents
    bad = []
    for e in d.elems:
        kids = [k for k in e.kids if isinstance(k, Elem)]
        r = e.role(d.rolemap)
        if r == "L":
            bad += [f"L>{k.s}" for k in kids if k.role(d.rolemap) not in ("LI", "L", "Caption")]
        elif r == "LI":
            bad += [f"LI>{k.s}" for k in kids if k.role(d.rolemap) not in ("Lbl", "LBody")]
        elif r == "TOC":
            bad += [f"TOC>{k.s}" for k in kids if k.role(d.rolemap) not in ("TOCI", "TOC", "Caption")]
        if r in ("LI",) and (e.parent is None or e.parent.role(d.rolemap) != "L"):
            bad.append(f"{e.parent.s if e.parent else 'root'}>LI")
        if r in ("Lbl", "LBody") and (e.parent is None or e.parent.role(d.rolemap) != "LI"):
            bad.append(f"{e.parent.s if e.parent else 'root'}>{e.s}")
        if r == "TOCI" and (e.parent is None or e.parent.role(d.rolemap) != "TOC"):
            bad.append(f"{e.parent.s if e.parent else 'root'}>TOCI")
    check(not bad, pdf, f"09-004 list or contents elements out of place: {sorted(set(bad))}")

    # 14: headings in reading order
    levels = [int(e.s[1]) for e, _ in d.walk() if is_heading(e)]
    skips = [f"H{a}->H{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    check(not levels or levels[0] == 1, pdf, "14-002 the first heading is not H1")
    check(not skips, pdf, f"14-003 heading levels skip: {skips[:4]}")

    # 19: notes
    check(all(e.id for e in d.elems if e.role(d.rolemap) == "Note"), pdf, "19-003 a Note without /ID")

    # 13: figures
    order = list(d.walk())
    figs = [e for e in d.elems if e.role(d.rolemap) == "Figure"]
    check(all(e.alt and e.alt.strip() for e in figs), pdf, "13-004 a Figure without /Alt")
    urls = [e.alt for e in figs if e.alt and ("://" in e.alt or re.search(r"\bwww\.", e.alt))]
    check(not urls, pdf, f"13-004 a Figure's alt reads a web address aloud: {urls[:1]}")
    twice = []
    for i, (e, _) in enumerate(order):
        if e.role(d.rolemap) != "Figure" or not e.alt:
            continue
        nxt = next((x for x, _ in order[i + 1:] if x.role(d.rolemap) not in ("Figure",)
                    and d.text(x).strip()), None)
        if nxt is not None and is_heading(nxt) and squash(e.alt) == squash(d.text(nxt)):
            twice.append(e.alt)
    check(not twice, pdf, f"13-004 a Figure's alt repeats the heading beside it: {twice[:2]}")

    # 28: links
    objr = {}
    for e in d.elems:
        for k in e.kids:
            if not isinstance(k, Elem) and k[0] == "objr":
                objr[k[1]] = e
    annots = [(k[4:], v["value"]) for k, v in d.objs.items()
              if isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
    lonely = [r for r, a in annots if r not in objr or objr[r].s != "Link"
              or "/StructParent" not in a or not text_of(a.get("/Contents"))]
    check(not lonely, pdf, f"28-008 {len(lonely)} of {len(annots)} link annotations without a Link "
          f"element, /StructParent or /Contents")
    where = {}
    for r, a in annots:
        act = d.get(a.get("/A")) or {}
        dest = text_of(act.get("/URI")) if act.get("/URI") else f"page {d.dest_page(a)}"
        where.setdefault(text_of(a.get("/Contents")) or "", set()).add(dest)
    same = {c: sorted(v) for c, v in where.items() if len(v) > 1}
    check(not same, pdf, "28-008 links to different places read the same: " +
          "; ".join(f"'{c}' -> {v}" for c, v in list(same.items())[:2]))

    # bookmarks
    if len(d.pages) > 1:
        outl = d.outlines()
        heads = {}
        for e in d.elems:
            if is_heading(e):
                heads.setdefault(squash(d.text(e)), set()).add(d.first_page(e))
        wrong = [t for _, t, p in outl if p is None or p not in heads.get(squash(t), ())]
        check(outl and not wrong, pdf,
              f"no bookmarks for {len(d.pages)} pages" if not outl else
              f"bookmarks that do not go to their heading's page: {wrong[:3]}")

    # The print variant has no links at all: its contents entries are text.
    in_print = f"{os.sep}print{os.sep}" in pdf
    if in_print:
        check(not annots, pdf, f"a print PDF with {len(annots)} link annotations")

    # contents: TOC/TOCI with links to the headings' pages
    for toc in (e for e in d.elems if e.role(d.rolemap) == "TOC" and not in_print):
        for item in (k for k in toc.kids if isinstance(k, Elem)):
            links = [x for x, _ in d.walk(item) if x.s == "Link"]
            pages = [d.dest_page(d.get(k[1])) for x in links for k in x.kids
                     if not isinstance(k, Elem) and k[0] == "objr"]
            words = norm_words(d.text(item))
            # Headings the entry names (a pack may hold two documents with
            # headings of one text): the link must go to one of them.
            targets = set()
            for e in d.elems:
                if is_heading(e) and e is not item:
                    hw = norm_words(d.text(e))
                    if hw and words[:len(hw)] == hw:
                        targets.add(d.first_page(e))
            target = sorted(t for t in targets if t is not None)
            check(pages and pages[0] is not None and pages[0] in targets, pdf,
                  f"contents entry '{d.text(item)[:40]}' does not link to its heading's page "
                  f"(links to {pages}, heading on {target})")

    # contacts: a list, one item per contact
    run_together, loose = [], []
    phones = {c["key"]: c["phone"] for c in contacts if "phone" in c}
    for e in d.elems:
        if e.s in INLINE_TYPES or not own_mc(e) and not any(
                isinstance(k, Elem) and k.s in INLINE_TYPES for k in e.kids):
            continue
        t = d.text(e)
        held = {k for k, p in phones.items() if re.search(r"(?<!\d)" + re.escape(p) + r"(?![\d])", t)}
        if len(held) >= 3:
            run_together.append(t[:50])
        st = squash(t)
        # a directory entry: the contact's names, then its number or its
        # note ("MASH (Multi Agency Safeguarding Hub) 024 ...", "Stop it Now!
        # Confidential helpline for ... 0808 ..."), or the number alone
        entry = False
        for c in contacts:
            if "phone" not in c or squash(c["phone"]) not in st:
                continue
            words = st.split()
            names = set(norm_words(c["name"] + " " + c.get("short-name", "")))
            k = 0
            while k < len(words) and words[k] in names:
                k += 1
            rest = " ".join(words[k:])
            if rest == squash(c["phone"]) or k > 0 and (rest.startswith(squash(c["phone"])) or
                                                         any(n and rest.startswith(n) for n in c.get("notes", []))):
                entry = True
        if entry and not any(
                a.role(d.rolemap) == "LI" for a in ancestors(e)):
            loose.append(t[:40])
    check(not run_together, pdf, f"contacts run together in one element: {run_together[:1]}")
    check(not loose, pdf, f"a contact's name or number outside a list item: {loose[:2]}")

    # capitals by style read as written
    caps = []
    for (pg, mcid), t in d.mc_text.items():
        letters = [c for c in t if c.isalpha()]
        long_words = [w for w in re.findall(r"[^\W\d_]{3,}", t)]
        if len(long_words) >= 2 and letters and all(c.isupper() for c in letters):
            el = owners.get((pg, mcid), [None])[0]
            if el is None or not any(a.actual is not None for a in [el] + ancestors(el)):
                caps.append(t.strip()[:30])
    check(not caps, pdf, f"text set in capitals is stored in capitals with no ActualText: {caps[:2]}")

    # languages
    langs = [e.lang for e in d.elems if e.lang is not None]
    check(all(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", x) for x in langs), pdf,
          f"a malformed /Lang: {langs}")

    # passages marked [words]{lang=xx} in the source: a Span with that /Lang
    spans = {}
    for e in d.elems:
        if e.lang is not None:
            spans.setdefault(e.lang, []).append(d.text(e))
    for words, lang in passages:
        got = " ".join(spans.get(lang, []))
        check(all(w in norm_words(got) for w in norm_words(words)), pdf,
              f"'{words}' is not tagged /Lang {lang} (spans in {lang}: {spans.get(lang)})")

    # reading order: the source text is a subsequence of the tree's text
    tree = norm_words(" ".join(d.text(r) for r in d.roots))
    i = matched = 0
    for w in body_words:
        while i < len(tree) and tree[i] != w:
            i += 1
        if i == len(tree):
            break
        matched += 1
        i += 1
    check(matched == len(body_words), pdf,
          f"structure tree holds the text in order only up to word {matched} of {len(body_words)}"
          + (f" ('{body_words[matched]}')" if matched < len(body_words) else ""))


def ancestors(e):
    out = []
    p = e.parent
    while p is not None and len(out) < 1000:
        out.append(p)
        p = p.parent
    return out


def print_tree(pdf):
    d = Doc(pdf)
    print(f"== {pdf}: {len(d.pages)} pages")
    print("\n".join(d.tree_lines()))
    outl = d.outlines()
    if outl:
        print("-- bookmarks")
        for depth, t, p in outl:
            print("  " * depth + f"{t}  -> page {p + 1 if p is not None else '?'}")


def main():
    if sys.argv[1] == "--tree":
        try:
            for pdf in sys.argv[2:]:
                print_tree(pdf)
        except BrokenPipeError:  # piped into head: stop quietly
            sys.stderr.close()
        return 0
    contacts = contacts_fields(os.path.join("content", "contacts.yaml"))
    if sys.argv[1] == "--pdf":
        # Every rule but the source-text ones (a pack has no one source).
        for pdf in sys.argv[3:]:
            check_pdf(pdf, [], sys.argv[2], contacts, [])
        for f in failures:
            print("FAIL " + f)
        print(f"tagcheck: {passes} passed, {len(failures)} failed")
        return 1 if failures else 0
    out_dir, binary = sys.argv[1], sys.argv[2]
    # Every document's slug: an edition of one (x-a4.pdf, x-pages.pdf) is not
    # another document whose name starts with it (x-easy-read.pdf).
    slugs = {os.path.basename(m)[:-3] for m in sys.argv[3:]}
    for md in sys.argv[3:]:
        rc, text, err = run([binary, "text", md])
        if rc != 0:
            failures.append(f"{md}: text failed: {err.strip()}")
            continue
        lines = text.splitlines()
        title = lines[0] if lines else ""
        # The title, subtitle and body: everything before the front-matter
        # contacts and words, which formats may place anywhere.
        rc, body, err = run([binary, "text", "--body", md])
        words = norm_words(body)
        with open(md, encoding="utf-8") as f:
            src = f.read()
        aud = re.search(r"^audience:\s*(\S+)", src, re.M).group(1)
        passages = re.findall(r"\[([^\]\[]+)\]\{lang=([^}]+)\}", src)
        slug = os.path.basename(md)[:-3]
        pdfs = sorted(glob.glob(os.path.join(out_dir, aud, slug + ".pdf")) +
                      glob.glob(os.path.join(out_dir, aud, slug + "-*.pdf")) +
                      glob.glob(os.path.join(out_dir, "print", aud, slug + ".pdf")) +
                      glob.glob(os.path.join(out_dir, "print", aud, slug + "-*.pdf")))
        pdfs = [p for p in pdfs
                if not any(o != slug and len(o) > len(slug) and
                           (os.path.basename(p)[:-4] == o or os.path.basename(p).startswith(o + "-"))
                           for o in slugs)]
        if not pdfs:
            failures.append(f"{md}: no PDF in {out_dir}")
        for pdf in pdfs:
            check_pdf(pdf, words, title, contacts, passages)
    for f in failures:
        print("FAIL " + f)
    print(f"tagcheck: {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
