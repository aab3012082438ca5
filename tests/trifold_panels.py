#!/usr/bin/env python3
"""A tri-fold's panels are where its layout puts them.

    trifold_panels.py LAYOUTS_DIR LAYOUT DUMP SOURCE.md

Reads the layout's panels: (following extends:, merging maps key by key as
leafpress does) on its own, then checks the box dump of SOURCE.md built
with it:

- every box but the panels' backgrounds lies within one panel of its page
  (nothing crosses a fold);
- the title (H1) is in the panel whose role is cover;
- the back panel's heading (back.heading) is in the panel whose role is back;
- the first heading of each part of the text (between *** rules) is in the
  flow panel of that place in the reading order (order:);
- set type as DESIGN.md asks, whatever the layout: every number to call
  (a tel: link) is bold; the lines of a block are at least 1.1 times their
  size apart (the young people's cover foot was 16 pt on 15.5 pt, its lines
  touching); a month never ends a line with its year on the next
  ("November / 2026").

Prints one line per problem and exits 1 when there is any.
"""
import os
import re
import sys

import yaml

MM_SLACK = 0.05


def merge(over, base):
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(v, out[k])
        else:
            out[k] = v
    return out


def load_layout(d, name, depth=0):
    with open(os.path.join(d, name + ".yaml"), encoding="utf-8") as f:
        lay = yaml.safe_load(f) or {}
    if "extends" in lay and depth < 4:
        lay = merge(lay, load_layout(d, lay["extends"], depth + 1))
    return lay


def mm(text):
    m = re.fullmatch(r"([0-9.]+)mm", str(text).strip())
    if not m:
        raise SystemExit(f"trifold_panels: width {text!r} is not in mm")
    return float(m.group(1))


def panels_of(lay):
    """[(page, x0, x1, role, order, name)], pages 1 (outside) and 2 (inside)."""
    rows = []
    for name, p in lay["panels"].items():
        rows.append((1 if p["side"] == "outside" else 2, int(p["at"]), mm(p["width"]), p["role"],
                     int(p.get("order", 0) or 0), name))
    rows.sort()
    out, x, page = [], 0.0, None
    for pg, _at, w, role, order, name in rows:
        if pg != page:
            x, page = 0.0, pg
        out.append((pg, x, x + w, role, order, name))
        x += w
    return out


BOX = re.compile(r"^p(\d+) (\w+) x=([-0-9.]+) y=([-0-9.]+) w=([-0-9.]+) h=([-0-9.]+)(.*)$")


def boxes(dump):
    for line in dump.splitlines():
        m = BOX.match(line)
        if not m:
            continue
        rest = m.group(7)
        role = re.search(r" role=(\S+)", rest)
        text = re.search(r' "(.*)"$', rest)
        yield {"page": int(m.group(1)), "kind": m.group(2), "x": float(m.group(3)), "y": float(m.group(4)),
               "w": float(m.group(5)), "h": float(m.group(6)), "role": role.group(1) if role else "",
               "text": text.group(1).strip() if text else "", "line": line}


def panel_at(panels, b):
    for p in panels:
        if p[0] == b["page"] and b["x"] >= p[1] - MM_SLACK and b["x"] + b["w"] <= p[2] + MM_SLACK:
            return p
    return None


def first_headings(md):
    """The first ## or ### heading of each part of the text, split at ***."""
    with open(md, encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    parts = re.split(r"(?m)^\*\*\*\s*$", body)
    heads = []
    for part in parts:
        m = re.search(r"(?m)^#{2,3} (.+?)\s*$", part)
        heads.append(m.group(1) if m else None)
    return heads


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MIN_LEADING = 1.1  # baseline to baseline, times the type size (the tightest in DESIGN.md: 28/32)


def type_problems(bs):
    """The checks that hold for any panel arrangement."""
    out = []
    for b in bs:
        if b["kind"] == "text" and 'url="tel:' in b["line"] and not re.search(r"font=\S*Bold", b["line"]):
            out.append(f"a number to call is not bold: {b['line']}")
    # Lines of one block: text boxes starting at the same x, in the same
    # font and size, on consecutive baselines of one page.
    lines = {}
    for b in bs:
        if b["kind"] != "text":
            continue
        font = re.search(r" font=(\S+) size=([0-9.]+)", b["line"])
        if font:
            lines.setdefault((b["page"], b["x"], font.group(1), font.group(2)), []).append(b)
    for (page, _x, _font, size), run in lines.items():
        run.sort(key=lambda b: b["y"])
        for a, b in zip(run, run[1:]):
            gap = b["y"] - a["y"]
            if 0 < gap < MIN_LEADING * float(size) * 25.4 / 72 and gap < 2 * b["h"]:
                out.append(f"p{page}: lines {gap:.2f} mm apart at {size} pt (under {MIN_LEADING} times the size): "
                           f"'{a['text']}' / '{b['text']}'")
    texts = sorted((b for b in bs if b["kind"] == "text"), key=lambda b: (b["page"], b["x"], b["y"]))
    for a, b in zip(texts, texts[1:]):
        if (a["page"] == b["page"] and a["x"] == b["x"] and a["text"].split()[-1:] and
                a["text"].split()[-1] in MONTHS and re.match(r"\d{4}\b", b["text"])):
            out.append(f"p{a['page']}: a date split across lines: '{a['text']}' / '{b['text']}'")
    return out


def main():
    layouts, name, dump_path, md = sys.argv[1:5]
    lay = load_layout(layouts, name)
    panels = panels_of(lay)
    with open(dump_path, encoding="utf-8") as f:
        bs = list(boxes(f.read()))
    height = mm(lay["page"]["height"])
    problems = []

    def where(role, order=0):
        return [p for p in panels if p[3] == role and (not order or p[4] == order)]

    for b in bs:
        background = b["kind"] == "rect" and b["y"] <= 0 and b["h"] >= height - MM_SLACK
        if not background and b["kind"] != "link" and panel_at(panels, b) is None:
            problems.append(f"crosses a fold or lies outside every panel: {b['line']}")

    def check(what, found, want):
        if not found:
            problems.append(f"{what}: not in the dump")
        for b in found:
            if panel_at(panels, b) not in want:
                problems.append(f"{what} is not in panel {[p[5] for p in want]}: {b['line']}")

    check("the title", [b for b in bs if b["role"] == "H1"], where("cover"))
    heading = lay["back"]["heading"]
    # The text may have a heading of the same words (tests/stranger's
    # compound-title has a "## Who to call" of its own): one must be on the back.
    found = [b for b in bs if b["text"] == heading]
    check(f"the back panel's heading '{heading}'", [b for b in found if panel_at(panels, b) in where("back")][:1]
          or found, where("back"))
    flows = sorted(p[4] for p in where("flow"))
    heads = first_headings(md)
    if len(heads) == len(flows):
        for order, head in zip(flows, heads):
            if head:
                found = [b for b in bs if b["role"] == "H2" and b["text"] and head.startswith(b["text"])][:1]
                check(f"the heading '{head}'", found, where("flow", order))
    elif heads and heads[0]:
        found = [b for b in bs if b["role"] == "H2" and b["text"] and heads[0].startswith(b["text"])][:1]
        check(f"the heading '{heads[0]}'", found, where("flow", flows[0]))
    problems += type_problems(bs)
    for p in problems:
        print(f"{md} ({name}): {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
