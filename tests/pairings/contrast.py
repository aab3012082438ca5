#!/usr/bin/env python3
"""Every text of a document against what it is drawn on (tests/pairings).

Usage: contrast.py LEAFPRESS LAYOUTS_DIR FILE.md...

For each document, `leafpress dump` gives every box in drawing order with its
colour token; a text's background is the last filled shape drawn before it
that holds the text's middle, else the white page.  The colours' sRGB values
come from the document's theme (layouts/themes/<audience>.yaml, where colour
roles keep their palette token's name), and every pair must reach the
theme's contrast-min by the WCAG 2.x formula.  So the pairs a layout really
sets text in are checked in every audience's palette, not only the pairs a
theme lists.  Prints one line per failure and a summary.
"""
import re
import subprocess
import sys

import yaml


def lum(hexv):
    def ch(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexv[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def ratio(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def front(md, key):
    with open(md, encoding="utf-8") as f:
        for line in f:
            m = re.match(rf"{key}:\s*(\S+)", line)
            if m:
                return m.group(1)
    return None


NUM = r"([-\d.]+)"
BOX = re.compile(rf"p(\d+) (rect|text) x={NUM} y={NUM} w={NUM} h={NUM}(.*)$")


def main():
    binary, layouts, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures, checked = [], 0
    for md in docs:
        audience = front(md, "audience")
        with open(f"{layouts}/themes/{audience}.yaml", encoding="utf-8") as f:
            theme = yaml.safe_load(f)
        palette = {k: v["rgb"] for k, v in theme["colors"].items()}
        floor = float(theme.get("contrast-min", 4.5))
        out = subprocess.run([binary, "dump", "--layouts", layouts, md], capture_output=True, text=True)
        if out.returncode != 0:
            failures.append(f"{md}: dump failed: {out.stderr.strip()}")
            continue
        shapes = []  # (page, x0, y0, x1, y1, colour) in drawing order
        edition = None
        for line in out.stdout.splitlines():
            if line.startswith("edition"):
                edition, shapes = line, []
                continue
            m = BOX.match(line)
            if not m:
                continue
            page, kind = int(m.group(1)), m.group(2)
            x, y, w, h = (float(m.group(i)) for i in range(3, 7))
            colour = re.search(r" color=([a-z0-9-]+)", m.group(7))
            colour = colour.group(1) if colour else None
            if kind == "rect":
                if colour in palette:
                    shapes.append((page, x, y, x + w, y + h, colour))
                continue
            if colour not in palette:
                continue
            cx, cy = x + w / 2, y - h * 0.35  # y is the baseline, h the type size
            bg = "white-page"
            for s in reversed(shapes):
                if s[0] == page and s[1] <= cx <= s[3] and s[2] <= cy <= s[4]:
                    bg = s[5]
                    break
            bg_rgb = palette.get(bg, "#FFFFFF")
            r = ratio(palette[colour], bg_rgb)
            checked += 1
            if r < floor - 0.005:
                text = m.group(7).rsplit('"', 2)[-2] if '"' in m.group(7) else ""
                failures.append(f"{md}: p{page} {colour} on {bg} is {r:.2f}:1, below {floor}:1 ('{text[:40]}')")
    for f in failures:
        print("FAIL " + f)
    print(f"contrast: {len(docs)} documents, {checked} texts, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
