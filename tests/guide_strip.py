#!/usr/bin/env python3
"""One-minute guides: the key-contacts strip, measured on the box dump
(leafpress dump).

The strip is the panel the dump shows as a rectangle followed at once by its
rule (a rectangle of the same x, y and width, less high) and its icon.  For
each page that holds one this prints the white between the content above it
(the lowest baseline or panel foot) and the strip, and between the strip and
what follows it (the footer), and fails when

  - anything that is not the strip's own (the boxes set inside it right after
    it) reaches into it: a panel, a picture, a word, a code;
  - the strip stands more than MAX_ABOVE_LINES body lines plus body.gap under
    the text above it: the white belongs under the strip, at the foot of the
    page, not between the text and the contacts that end it.

usage: guide_strip.py [-v] LEAFPRESS MD...
"""
import re
import subprocess
import sys

GAP_MM = 6.0             # body.gap in the guide's layout: text to strip
MAX_ABOVE_LINES = 2.0    # lines of white above the strip, past GAP_MM, at most
PT = 25.4 / 72
BOX = re.compile(r'^p(\d+) (\w+) x=(-?[\d.]+) y=(-?[\d.]+) w=(-?[\d.]+) h=(-?[\d.]+)(.*)$')


def boxes(leafpress, md):
    out = subprocess.run([leafpress, "dump", md], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    res = []
    for line in out.stdout.splitlines():
        m = BOX.match(line)
        if not m:
            continue
        page, kind = int(m.group(1)), m.group(2)
        x, y, w, h = (float(m.group(k)) for k in range(3, 7))
        size = re.search(r" size=([\d.]+)", m.group(7))
        if kind == "text":
            # y is the baseline, h the type size: cap height above it, the
            # descender below.
            ext = (x, y - 0.75 * h, x + w, y + 0.2 * h)
        else:
            ext = (x, y, x + w, y + h)
        bleed = kind == "rect" and x <= 0.01 and w >= 200  # the title band and its rule
        res.append({"page": page, "kind": kind, "ext": ext, "base": y if kind == "text" else y + h,
                    "size": float(size.group(1)) if size else 0, "bleed": bleed, "line": line})
    return res


def strips(bx):
    for i in range(len(bx) - 2):
        a, b, c = bx[i], bx[i + 1], bx[i + 2]
        if a["kind"] == b["kind"] == "rect" and c["kind"] == "icon" and a["page"] == b["page"]:
            ax, ay, ax1, ay1 = a["ext"]
            bx0, by, bx1, by1 = b["ext"]
            if abs(ax - bx0) < 0.01 and abs(ay - by) < 0.01 and abs(ax1 - bx1) < 0.01 and by1 < ay1 - 0.5:
                yield i


def body_line_mm(bx):
    """The body's leading: the commonest step between baselines in a column."""
    steps = {}
    ys = sorted({(b["page"], round(b["ext"][0], 1), round(b["base"], 2)) for b in bx if b["kind"] == "text"})
    for (p0, x0, y0), (p1, x1, y1) in zip(ys, ys[1:]):
        if p0 == p1 and x0 == x1 and 3.0 < y1 - y0 < 12.0:
            k = round(y1 - y0, 1)
            steps[k] = steps.get(k, 0) + 1
    return max(steps, key=lambda k: (steps[k], -k)) if steps else 14 * PT


def check(leafpress, md, verbose):
    fails = []
    bx = boxes(leafpress, md)
    line = body_line_mm(bx)
    shown = []
    for i in strips(bx):
        s = bx[i]
        page = s["page"]
        x0, y0, x1, y1 = s["ext"]
        own = {i}
        k = i + 1
        while k < len(bx) and bx[k]["page"] == page:
            e = bx[k]["ext"]
            if not (e[0] >= x0 - 0.01 and e[2] <= x1 + 0.01 and e[1] >= y0 - 0.01 and e[3] <= y1 + 0.01):
                break
            own.add(k)
            k += 1
        above, below = None, None
        for j, b in enumerate(bx):
            if j in own or b["page"] != page or b["bleed"] or b["kind"] == "link":
                continue
            e = b["ext"]
            if e[0] < x1 - 0.01 and e[2] > x0 + 0.01 and e[1] < y1 - 0.01 and e[3] > y0 + 0.01:
                fails.append(f"FAIL {md}: p{page} the key-contacts strip ({y0:.2f}-{y1:.2f} mm) overlaps "
                             f"{b['kind']} {e[1]:.2f}-{e[3]:.2f} mm: {b['line'][:90]}")
            elif e[3] <= y0 + 0.01:
                above = b["base"] if above is None else max(above, b["base"])
            elif e[1] >= y1 - 0.01:
                below = e[1] if below is None else min(below, e[1])
        white_above = y0 - above if above is not None else 0.0
        white_below = below - y1 if below is not None else 0.0
        shown.append(f"p{page} white above {white_above:.1f} mm, below {white_below:.1f} mm")
        limit = GAP_MM + MAX_ABOVE_LINES * line
        if white_above > limit + 0.05:
            fails.append(f"FAIL {md}: p{page} {white_above:.1f} mm of white above the key-contacts strip "
                         f"(at most {limit:.1f}: body.gap and {MAX_ABOVE_LINES:g} lines)")
    if verbose:
        print(f"{md}: " + ("; ".join(shown) if shown else "no strip"))
    return fails


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) < 2:
        print(__doc__)
        return 2
    leafpress, mds = args[0], args[1:]
    failures = 0
    for md in mds:
        try:
            fails = check(leafpress, md, verbose)
        except RuntimeError as e:
            fails = [f"FAIL {md}: dump failed: {e}"]
        for f in fails:
            print(f)
        failures += len(fails)
    print(f"guide_strip: {len(mds)} guides, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
