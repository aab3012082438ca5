#!/usr/bin/env python3
"""A poster has no empty band: its head is as tall as its text, and the room
under the head is shared between the blocks, not left in one place.

usage: poster_bands.py LEAFPRESS DOC.md...

For each edition of each poster, from its box dump (lengths in mm, the
edition's scale k from its width against A3's 297 mm):
- in the head, the space from the headline's last line to the strapline
  (or to the symbol when there is no strapline) is at most 30 mm * k (the
  CSE poster's one-line headline left 43 mm there);
- under the head, the largest vertical gap between the boxes is at most the
  third largest plus 20 mm * k: the gaps above the messages, between the
  blocks and above the footer share the room (a poster of two short
  messages left 200 mm above its footer).
Text boxes span from y - 0.8 * size to y + 0.2 * size (y is the baseline);
icons end at y; rectangles and QR codes start at y.
"""
import re
import subprocess
import sys

NUM = re.compile(r" (x|y|w|h|size)=([0-9.]+)")


def boxes(dump):
    eds, cur = [], None
    for line in dump.splitlines():
        m = re.match(r'edition "([^"]*)" ([0-9.]+)x([0-9.]+)mm', line)
        if m:
            cur = {"name": m.group(1), "W": float(m.group(2)), "H": float(m.group(3)), "boxes": []}
            eds.append(cur)
            continue
        if cur is None or not line.startswith("p1 "):
            continue
        kind = line.split()[1]
        v = {k: float(x) for k, x in NUM.findall(line)}
        role = re.search(r" role=(\S+)", line)
        cur["boxes"].append((kind, v, role.group(1) if role else "", line))
    return eds


def extent(kind, v):
    if kind == "text":
        return v["y"] - 0.8 * v["h"], v["y"] + 0.2 * v["h"]
    if kind == "icon":
        return v["y"] - v["h"], v["y"]
    return v["y"], v["y"] + v["h"]


def check(ed):
    k = ed["W"] / 297.0
    bs = ed["boxes"]
    head = next((v for kind, v, _, _ in bs if kind == "rect" and v["x"] == 0 and v["y"] == 0), None)
    if head is None:
        return ["no head"]
    hb = head["h"]
    bad = []
    h1 = [extent(kind, v)[1] for kind, v, role, _ in bs if kind == "text" and role == "H1"]
    below = [extent(kind, v)[0] for kind, v, role, _ in bs
             if kind in ("text", "icon") and role != "H1" and h1 and v["y"] > max(h1) and v["y"] - v["h"] < hb]
    if h1 and below:
        gap = min(below) - max(h1)
        if gap > 30 * k:
            bad.append(f"{gap:.1f} mm of empty head under the headline (at most {30 * k:.1f})")
    spans = sorted(extent(kind, v) for kind, v, _, _ in bs if kind in ("text", "icon", "rect", "qr")
                   and extent(kind, v)[0] >= hb - 0.01)
    gaps, end = [], hb
    for a, b in spans:
        if a > end + 0.01:
            gaps.append(a - end)
        end = max(end, b)
    gaps = sorted((g for g in gaps if g >= 3 * k), reverse=True)
    if len(gaps) >= 3 and gaps[0] > gaps[2] + 20 * k:
        bad.append(f"a {gaps[0]:.1f} mm band under the head (the gaps are {', '.join(f'{g:.1f}' for g in gaps[:4])})")
    return bad


def main():
    leafpress, docs = sys.argv[1], sys.argv[2:]
    nbad = 0
    for doc in docs:
        run = subprocess.run([leafpress, "dump", doc], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {doc}: did not build: {run.stderr.strip()[:200]}")
            nbad += 1
            continue
        for ed in boxes(run.stdout):
            bad = check(ed)
            for b in bad:
                print(f"FAIL {doc} {ed['name']}: {b}")
            nbad += bool(bad)
            if not bad:
                print(f"ok {doc} {ed['name']}")
    print(f"poster_bands: {nbad} failed")
    return 1 if nbad else 0


if __name__ == "__main__":
    sys.exit(main())
