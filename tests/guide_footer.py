#!/usr/bin/env python3
"""One-minute guides: a footer that wraps never leaves one word on a line.

The footer starts at its lead ("One Minute Guide: <title>", in the strong
style) and runs to the foot of the page, left of the QR code.  Read from
`leafpress dump`, its text boxes are gathered into lines (one baseline);
a line fails when it holds a single word (a run with a letter or digit in
it: a lone "·" is no word), and the lead fails when it wraps leaving one of
its words at the head of a line ("...online worries / you · Version 1.0").

usage: guide_footer.py [-v] LEAFPRESS GUIDE.md...
Prints one line per failure (with -v every footer's lines) and a summary.
"""
import re
import subprocess
import sys

BOX = re.compile(r'^p(\d+) text x=([\d.]+) y=([\d.]+) w=([\d.]+) .*?font=(\S+) .*"(.*)"$')
QR = re.compile(r'^p(\d+) qr x=([\d.]+) y=([\d.]+)')
WORD = re.compile(r"[^\s\u00a0]*[0-9A-Za-z\u00c0-\uffff][^\s\u00a0]*")


def words(text):
    return WORD.findall(text.replace("\u00b7", " "))


def footer_lines(dump):
    """{page: [(y, [(x, text, bold)])]} of each page's footer, top down."""
    boxes, qr = [], {}
    for ln in dump.splitlines():
        m = QR.match(ln)
        if m:
            qr[int(m.group(1))] = float(m.group(2))
            continue
        m = BOX.match(ln)
        if m:
            p, x, y, font, text = int(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(5), m.group(6)
            boxes.append((p, y, x, text, "Bold" in font))
    out = {}
    for page in sorted({b[0] for b in boxes}):
        mine = [b for b in boxes if b[0] == page and (page not in qr or b[2] < qr[page])]
        lead = [b for b in mine if b[4] and b[3].startswith("One Minute Guide:")]
        if not lead:
            continue
        top = max(b[1] for b in lead)
        lines = {}
        for b in mine:
            if b[1] >= top - 0.01:
                lines.setdefault(round(b[1], 2), []).append((b[2], b[3], b[4]))
        out[page] = [(y, sorted(lines[y])) for y in sorted(lines)]
    return out


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    leafpress, docs = args[0], args[1:]
    failures = checked = 0
    for md in docs:
        r = subprocess.run([leafpress, "dump", md], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL {md}: leafpress dump failed: {r.stderr.strip()[:200]}")
            failures += 1
            continue
        pages = footer_lines(r.stdout)
        if not pages:
            print(f"FAIL {md}: no footer lead (\"One Minute Guide: ...\") found")
            failures += 1
            continue
        for page, lines in pages.items():
            checked += 1
            for i, (y, parts) in enumerate(lines):
                text = "".join(t for _, t, _ in parts)
                if verbose:
                    print(f"{md}: p{page} y={y}: {text.strip()}")
                if len(lines) > 1 and len(words(text)) == 1:
                    print(f"FAIL {md}: page {page}: the footer's line \"{text.strip()}\" holds one word")
                    failures += 1
                # The lead's words that went on to this line (bold, at its head).
                head = []
                for _, t, bold in parts:
                    if not bold:
                        break
                    head.append(t)
                if i > 0 and head and len(words("".join(head))) == 1:
                    print(f"FAIL {md}: page {page}: the footer's lead leaves \"{''.join(head).strip()}\" "
                          f"alone at the head of a line")
                    failures += 1
    print(f"guide_footer: {len(docs)} guides, {checked} footers, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
