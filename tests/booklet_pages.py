#!/usr/bin/env python3
"""Booklets, read from their box dumps (leafpress dump): the pages a reader
turns are as FORMATS.md and DESIGN.md describe them.

- The page count is a multiple of 4 (saddle stitching).
- The cover (page 1) and the outside back cover (the last page) carry no
  running header and no page number; neither do the notes pages that pad
  the count (a "Notes" heading and ruled lines).
- Every other page carries the running header (page furniture: no role,
  above the top margin) and its own number at the foot, on the outer edge:
  right on odd pages, left on even ones.
- The contents: every entry is a link, its page number is the page on which
  its chapter's heading stands, the numbers share one right edge, and dot
  leaders run from the words to the number.
- Every number to call (a tel: link) is set bold, in the text as on the back
  cover (DESIGN.md: contact numbers are the bold navy, plum or blue-deep).
- A heading stands as far under whatever comes before it (a paragraph, a
  list, a directory of contacts) as under any other: the baseline-to-baseline
  gaps before one level of heading agree within GAP_MM (a heading under a
  ```contacts block stood 2.5-2.8 mm closer than under a paragraph).

usage: booklet_pages.py LEAFPRESS FILE.md...
Prints one line per failure and a summary.
"""
import re
import subprocess
import sys

TOP_MM = 20.0      # the running header stands above this
FOOT_MM = 190.0    # the page number stands below this
GAP_MM = 1.2       # gaps before headings of one level agree within this


def boxes(leafpress, md):
    out = subprocess.run([leafpress, "dump", md], capture_output=True, text=True, check=True).stdout
    pages, bx = 0, []
    for line in out.splitlines():
        m = re.match(r'edition "[^"]*" ([\d.]+)x([\d.]+)mm pages (\d+)', line)
        if m:
            width, pages = float(m.group(1)), int(m.group(3))
            continue
        m = re.match(r"p(\d+) (\w+) (.*)", line)
        if not m:
            continue
        b = {"page": int(m.group(1)), "kind": m.group(2)}
        rest = m.group(3)
        t = re.search(r' "(.*)"$', rest)
        b["text"] = t.group(1).strip() if t else ""
        rest = rest[:t.start()] if t else rest
        for k, v in re.findall(r'(\w+)=("[^"]*"|\S+)', rest):
            b[k] = v.strip('"')
        for k in "xywh":
            if k in b:
                b[k] = float(b[k])
        bx.append(b)
    return width, pages, bx


def check(leafpress, md):
    fails = []
    width, n, bx = boxes(leafpress, md)
    if n % 4:
        fails.append(f"{n} pages, not a multiple of 4")
    furniture = [b for b in bx if b["kind"] == "text" and "role" not in b]
    notes = {b["page"] for b in furniture if b["text"] == "Notes"}
    for p in range(1, n + 1):
        head = [b for b in furniture if b["page"] == p and b["y"] < TOP_MM]
        folio = [b for b in furniture if b["page"] == p and b["y"] > FOOT_MM]
        if p == 1 or p == n or p in notes:
            what = "the cover" if p == 1 else "the back cover" if p == n else "a notes page"
            if head or folio:
                fails.append(f"page {p} ({what}) carries a running header or page number")
            continue
        if not head:
            fails.append(f"page {p} has no running header")
        if len(folio) != 1 or folio[0]["text"] != str(p):
            fails.append(f"page {p}: page number {[b['text'] for b in folio]}")
            continue
        f = folio[0]
        left = min(b["x"] for b in bx if b["page"] == p and b["kind"] == "text")
        right = max(b["x"] + b["w"] for b in bx if b["page"] == p and b["kind"] == "text")
        if p % 2 and abs(f["x"] + f["w"] - right) > 0.1:
            fails.append(f"page {p}: its number is not on the outer (right) edge")
        if not p % 2 and abs(f["x"] - left) > 0.1:
            fails.append(f"page {p}: its number is not on the outer (left) edge")
    for b in bx:
        if b["kind"] == "text" and b.get("url", "").startswith("tel:") and "Bold" not in b.get("font", ""):
            fails.append(f"page {b['page']}: the number to call '{b['text']}' is set {b.get('font')}, not bold")
    gaps = {}
    for p in range(1, n + 1):
        lines = []
        for b in sorted((b for b in bx if b["page"] == p and b["kind"] == "text" and "role" in b),
                        key=lambda b: b["y"]):
            if not lines or b["y"] - lines[-1]["y"] > 0.1:
                lines.append(b)
        for a, b in zip(lines, lines[1:]):
            if b["role"] in ("H2", "H3") and a["role"] not in ("H2", "H3"):
                gaps.setdefault(b["role"], []).append((b["y"] - a["y"], p, a["text"], b["text"]))
    for level, gs in gaps.items():
        lo, hi = min(gs), max(gs)
        if hi[0] - lo[0] > GAP_MM:
            fails.append(f"{level} headings stand {lo[0]:.2f} mm under '{lo[2]}' (page {lo[1]}) and "
                         f"{hi[0]:.2f} mm under '{hi[2]}' (page {hi[1]})")
    # The contents: the entries after the "Contents" heading, each a link.
    title = [b for b in bx if b["kind"] == "text" and b.get("role") == "H2" and b["text"] == "Contents"]
    if not title:
        fails.append("no contents page")
        return fails
    cp = title[0]["page"]
    entries = [b for b in bx if b["page"] == cp and b["kind"] == "text" and b.get("role") == "Link"]
    links = [b for b in bx if b["page"] == cp and b["kind"] == "link"]
    numbers = [b for b in entries if re.fullmatch(r"\d+", b["text"])]
    words = [b for b in entries if not re.fullmatch(r"\d+", b["text"])]
    heads = {}
    for b in bx:
        if b["kind"] == "text" and b.get("role") == "H2" and b["page"] > cp:
            heads.setdefault(b["text"], b["page"])
    if not numbers or len(links) != len(numbers):
        fails.append(f"contents: {len(numbers)} page numbers, {len(links)} links")
    edges = {round(b["x"] + b["w"], 1) for b in numbers}
    if len(edges) > 1:
        fails.append(f"contents: page numbers end at {sorted(edges)} mm, not on one edge")
    for link, num in zip(links, numbers):
        want = heads.get(link["text"])
        if want is None or str(want) != num["text"]:
            fails.append(f"contents: '{link['text']}' says page {num['text']}, its heading is on page {want}")
        # Leaders: dots on the number's line, between the words and the number.
        line = [b for b in words if abs(b["y"] - num["y"]) < 0.5]
        end = max((b["x"] + b["w"] for b in line), default=link["x"])
        dots = [b for b in bx if b["page"] == cp and b["kind"] == "rect" and b["w"] < 1
                and end - 0.1 <= b["x"] and b["x"] + b["w"] <= num["x"] + 0.1 and num["y"] - 3 < b["y"] < num["y"] + 0.5]
        if len(dots) < 3:
            fails.append(f"contents: no leaders from '{link['text']}' to its page number")
    return fails


def main(argv):
    leafpress, mds = argv[0], argv[1:]
    failures = 0
    for md in mds:
        for f in check(leafpress, md):
            print(f"FAIL {md}: {f}")
            failures += 1
    print(f"booklet_pages: {len(mds)} booklets, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
