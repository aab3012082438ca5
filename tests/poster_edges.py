#!/usr/bin/env python3
"""A poster's cards and picture circles stand out from the page.

usage: poster_edges.py LEAFPRESS DOC.md...  (a document that is refused is skipped)

For each poster, from its box dump: every rounded background below the head
(a card or a message's circle) meets the white page with its outermost colour,
its edge where it has one, and that colour must stand at least 1.5:1 against
white (WCAG contrast), so the card's edge does not disappear on paper.  The
colour names of the dump are looked up in the audience's theme.  Prints one
line per poster: the lowest contrast found.
"""
import re
import subprocess
import sys

LEAST = 1.5


def luminance(hexrgb):
    c = [int(hexrgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(audience):
    colours = {}
    with open(f"layouts/themes/{audience}.yaml", encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s+([a-z0-9-]+):\s*\{\s*rgb:\s*"#([0-9A-Fa-f]{6})"', line)
            if m:
                colours[m.group(1)] = m.group(2)
    return colours


BOX = re.compile(r"^p1 rect x=([0-9.]+) y=([0-9.]+) w=([0-9.]+) h=([0-9.]+) color=(\S+)(?: r=([0-9.]+))?")


def main():
    leafpress, docs = sys.argv[1], sys.argv[2:]
    bad = 0
    for doc in docs:
        with open(doc, encoding="utf-8") as f:
            audience = re.search(r"^audience:\s*(\S+)", f.read(), re.M).group(1)
        colours = palette(audience)
        run = subprocess.run([leafpress, "dump", doc], capture_output=True, text=True)
        if run.returncode != 0:
            # refused with its own message (tests/stranger checks those): nothing to look at
            print(f"skip {doc}: refused")
            continue
        dump = run.stdout
        worst, what, n = None, "", 0
        outer = []
        for line in dump.splitlines():
            if line.startswith("edition "):
                outer = []
                continue
            m = BOX.match(line)
            if not m or not m.group(6) or float(m.group(6)) <= 0:
                continue
            x, y, w, h = (float(m.group(i)) for i in range(1, 5))
            # inside a background already seen: an edge's fill, not what meets the page
            if any(x >= ox - 0.01 and y >= oy - 0.01 and x + w <= ox + ow + 0.01 and y + h <= oy + oh + 0.01
                   for ox, oy, ow, oh in outer):
                continue
            outer.append((x, y, w, h))
            n += 1
            c = contrast(colours[m.group(5)], "FFFFFF")
            if worst is None or c < worst:
                worst, what = c, f"{m.group(5)} at y={y:.1f}"
        if n == 0:
            # a plain poster without contacts has none; a catalogue poster always has
            if doc.startswith("content/"):
                print(f"FAIL {doc}: no cards or circles found")
                bad += 1
            else:
                print(f"ok {doc}: no cards or circles")
        elif worst < LEAST:
            print(f"FAIL {doc}: {what} stands {worst:.2f}:1 against the page ({LEAST}:1 at least)")
            bad += 1
        else:
            print(f"ok {doc}: {n} cards and circles, the palest edge {what} {worst:.2f}:1")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
