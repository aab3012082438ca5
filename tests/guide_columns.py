#!/usr/bin/env python3
"""One-minute guides: the two body columns of every page end within two body
lines of each other (DESIGN.md: "The two columns end within two lines of each
other"), measured on the PDF itself.

The words of each page (pdftotext -bbox) between the title band and the
key-contacts strip (or the footer, on a page without one) are split at the
gutter into the two columns; a column ends at the foot of its lowest word.
A page whose body is one column of text (nothing right of the gutter) is
reported too: the text was not balanced at all (unless the build said it is a
single block that cannot be split, below).  A two-sided guide is checked
on both sides, and its text is shared out across them: each side's fill (the
share of its room for text, from the foot of the title band or the top of the
page to the footer, that is taken by the definitions panel, the columns down
to where they end on average, and the strip that follows them) is measured;
the back (the last page) may end higher than the front, which is seen first
and carries at least a third of its columns' room, but it is never fuller than
the front by more than MAX_SIDES_DIFF, nor left with less than MIN_BACK.
Only a side whose title band,
definitions panel and strip leave no room for a block of text (nothing starts
at the first column's left edge: the panel's text is inset) has nothing to
share, and is not compared.

A page whose columns end further apart passes only when the build said why
(--warnings: the build's stderr) and the distance is what short blocks
leave: leafpress sets a paragraph or two a line looser or tighter where that
balances the columns (TeX's looseness), and warns only when nothing does: a
few blocks too short to split even set a line looser (a heading keeps two
lines of its text, a paragraph splits only with two lines on each side, a
panel never), whose columns then end at most MAX_UNSPLIT_LINES apart, or a
single such block in one column of at most ONE_COLUMN_LINES lines.  The test
prints such pages as UNSPLITTABLE; further apart, or longer, they fail
whatever the build said.

usage: guide_columns.py [-v] [--warnings BUILD-STDERR]... PDF...
Prints one line per failure (and with -v the ends of every page) and a summary.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
LINE = 14.0               # body leading, pt (DESIGN.md: 10/14), when a PDF does not show its own
MAX_LINES = 2             # the columns end within two lines of each other
MAX_UNSPLIT_LINES = 4     # ... or, warned, a heading and a short paragraph apart at most
ONE_COLUMN_LINES = 4      # a single block left in one column: a heading and three lines
GUTTER_MM = (102.0, 108.0)  # first column ends at 102, second starts at 108
BAND_MM = 52.0            # the title band and its rule (page 1)
FOOTER_MM = 271.0         # the footer zone starts at 272
MARGIN_MM = 15.0          # the first column's left edge (the panel's text starts 5.9 mm in)
MAX_SIDES_DIFF = 0.25     # the back is fuller than the front by at most a quarter of a side
MIN_BACK = 0.20           # and holds at least a fifth of a side


def pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    out = re.sub(r'xmlns="[^"]*"', "", out)
    root = ET.fromstring(out)
    for page in root.iter("page"):
        words = []
        for wd in page.iter("word"):
            x0, y0, x1, y1 = (float(wd.get(k)) / MM for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((x0, y0, x1, y1, wd.text or ""))
        yield words


def strip_top(words):
    """The top of the key-contacts strip's label in mm, or None: the lowest
    "Key contacts" on the page (the body may name the strip too)."""
    top = None
    for w in words:
        if w[4].upper() == "KEY" and any(v[4].upper() == "CONTACTS" and abs(v[1] - w[1]) < 0.5 for v in words):
            top = w[1] if top is None else max(top, w[1])
    return top


def footer_top(words):
    """Where the footer starts, in mm: the top of its lead line ("One
    Minute Guide: ...", which an audience's larger type may wrap), or
    FOOTER_MM."""
    top = FOOTER_MM
    for i, w in enumerate(words[:-1]):
        v = words[i + 1]
        if w[4] == "Minute" and v[4].startswith("Guide") and abs(v[1] - w[1]) < 0.5 and w[1] > 150.0:
            top = min(top, w[1] - 1.0)
    return top


def column_ends(words, first):
    """(end of column 1, end of column 2) in mm, or None for an empty one."""
    top = BAND_MM if first else 0.0
    bottom = footer_top(words)
    # The key-contacts strip: its label, and everything under it.
    strip = strip_top(words)
    if strip is not None:
        bottom = min(bottom, strip - 2.0)
    ends = [None, None]
    for x0, y0, x1, y1, t in words:
        if y0 < top or y1 > bottom:
            continue
        # Words of the definitions panel across both columns count for the
        # column they stand in, as the body's do.
        col = 0 if x0 < GUTTER_MM[0] else 1 if x0 >= GUTTER_MM[1] - 0.5 else None
        if col is None:
            continue
        ends[col] = y1 if ends[col] is None else max(ends[col], y1)
    return ends


def column_lines(words, first):
    """How many lines of text the page's columns hold (distinct line feet
    between the title band and the strip or footer)."""
    top = BAND_MM if first else 0.0
    bottom = footer_top(words)
    strip = strip_top(words)
    if strip is not None:
        bottom = min(bottom, strip - 2.0)
    return len({round(w[3]) for w in words if w[1] >= top and w[3] <= bottom})


def body_line(all_pages):
    """The body's leading in mm, as the PDF sets it: the commonest step
    between one line of a column and the next (professionals 14 pt, young
    people 24 pt: two lines are the audience's two lines)."""
    steps = {}
    for words in all_pages:
        for col in (0, 1):
            ys = sorted({round(w[3], 1) for w in words
                         if (w[0] < GUTTER_MM[0]) == (col == 0) and BAND_MM < w[1] and w[3] < FOOTER_MM})
            for a, b in zip(ys, ys[1:]):
                if 3.0 < b - a < 12.0:
                    k = round((b - a) * MM * 2) / 2  # to the half point
                    steps[k] = steps.get(k, 0) + 1
    if not steps:
        return LINE / MM
    return max(steps, key=lambda k: (steps[k], -k)) / MM


def side_fill(words, first, ends):
    """The share of a side's room for text that is used: from the foot of
    the title band (the front) or the top of its highest word (the back) to
    the footer, down to where the side's content ends: the foot of its
    key-contacts strip (which follows the text), or where its columns end
    on average."""
    foot = footer_top(words)
    top = BAND_MM if first else min((w[1] for w in words if w[3] < foot), default=0.0)
    strip = strip_top(words)
    found = [e for e in ends if e is not None]
    end = sum(found) / len(found) if found else top
    if strip is not None:
        end = max(w[3] for w in words if w[3] < foot)
    room = foot - top
    return max(0.0, min(1.0, (end - top) / room)) if room > 0 else 1.0


def holds_text(words, first):
    """Does the side set text in its columns (not only the definitions
    panel and the key-contacts strip)?"""
    top = BAND_MM if first else 0.0
    strip = strip_top(words)
    bottom = strip if strip is not None else FOOTER_MM
    return any(abs(w[0] - MARGIN_MM) < 0.6 and w[1] > top and w[3] < bottom for w in words)


UNSPLITTABLE = re.compile(r"^(.*?\.md):\d+:\d+: warning: the columns( of the front| of the back)? end "
                          r"(\d+) mm apart: no break in the text keeps them within two lines")


def unsplittable(files):
    """{(document slug, page number)} the build warned about."""
    said = set()
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            for ln in f:
                m = UNSPLITTABLE.match(ln.strip())
                if m:
                    slug = m.group(1).rsplit("/", 1)[-1][:-3]
                    said.add((slug, 2 if m.group(2) == " of the back" else 1))
    return said


def main(argv):
    verbose = "-v" in argv
    warned, pdfs, args = [], [], iter(argv)
    for a in args:
        if a == "--warnings":
            warned.append(next(args))
        elif not a.startswith("-"):
            pdfs.append(a)
    explained = unsplittable(warned)
    unsplit = 0
    failures = 0
    for pdf in pdfs:
        shown = []
        all_pages = list(pages(pdf))
        line = body_line(all_pages)
        limit = MAX_LINES * line
        fills, texts = [], []
        for pno, words in enumerate(all_pages):
            texts.append(holds_text(words, pno == 0))
            a, b = column_ends(words, pno == 0)
            fills.append(side_fill(words, pno == 0, (a, b)))
            if a is None and b is None:
                shown.append(f"p{pno + 1} empty")
                print(f"FAIL {pdf}: page {pno + 1} has no body text")
                failures += 1
                continue
            slug = pdf.rsplit("/", 1)[-1][:-4]
            if (a is None or b is None) and (slug, pno + 1) in explained and \
                    column_lines(words, pno == 0) <= ONE_COLUMN_LINES:
                shown.append(f"p{pno + 1} one column")
                print(f"UNSPLITTABLE {pdf}: page {pno + 1} sets its body in one column, and the build said "
                      f"no break in the text does better (a single block that cannot be split)")
                unsplit += 1
                continue
            if a is None or b is None:
                shown.append(f"p{pno + 1} one column")
                print(f"FAIL {pdf}: page {pno + 1} sets its body in one column")
                failures += 1
                continue
            diff = abs(a - b)
            shown.append(f"p{pno + 1} {a:.1f}/{b:.1f} mm ({diff / line:.1f} lines)")
            if limit + 0.05 < diff <= MAX_UNSPLIT_LINES * line + 0.05 and (slug, pno + 1) in explained:
                print(f"UNSPLITTABLE {pdf}: page {pno + 1}: the columns end {diff:.1f} mm apart "
                      f"({a:.1f} and {b:.1f} mm), and the build said no break in the text does better")
                unsplit += 1
            elif diff > limit + 0.05:
                print(f"FAIL {pdf}: page {pno + 1}: the columns end {diff:.1f} mm apart "
                      f"({a:.1f} and {b:.1f} mm; two lines are {limit:.1f} mm)")
                failures += 1
        if len(fills) == 2:
            shown.append(f"sides filled {fills[0]:.0%}/{fills[1]:.0%}")
            if not all(texts):
                shown.append("(a side has no room for text: not compared)")
            elif fills[1] - fills[0] > MAX_SIDES_DIFF + 0.005:
                print(f"FAIL {pdf}: the two sides are filled {fills[0]:.0%} and {fills[1]:.0%}: the back "
                      f"is fuller than the front by more than {MAX_SIDES_DIFF:.0%} of a side")
                failures += 1
            elif fills[1] < MIN_BACK - 0.005:
                print(f"FAIL {pdf}: the two sides are filled {fills[0]:.0%} and {fills[1]:.0%}: the back "
                      f"holds less than {MIN_BACK:.0%} of a side")
                failures += 1
        if verbose:
            print(f"{pdf}: " + "; ".join(shown))
    print(f"guide_columns: {len(pdfs)} PDFs, {failures} failures, {unsplit} pages unsplittable")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
