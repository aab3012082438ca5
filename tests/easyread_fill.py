#!/usr/bin/env python3
"""Easy-read page fill and sense-line tails, measured on the PDFs themselves.

Fill: each page is rendered (pdftoppm, grey) and the rows of pixels between
the foot of the title band and the bottom margin are read: the page is as
full as the lowest ink above the footer rule, as a share of that area.  Every
page but the last must be at least 80 % full, and no page may hold a single
block (one box or one row on its own, separated from anything else by white).

Spacing: the white between two blocks on a page is the space between rows
(and word boxes), which packs the page; it must stay near the mock-up's (5 to
7 mm, plus a little where a row's text is taller than its picture): read in
the picture column, where a row is its circle, a page made to look full by
opening its rows up wider than 9 mm fails.

The band is found in the left margin (tinted rows from the top edge), so the
fill is measured from band.gap under it.  No page of a leaflet of more than
one page may hold a single block, the last included: a box (its tint reaches
the margin's edge: a word box or the phone numbers) or a row (the danger row
left alone on a last page) looks left behind.  Easy read keeps the last page
company by closing rows up, by setting every circle smaller (down to
rows.circle-min) or by sending a row on from the page before.

Lone words: the words of each page (pdftotext -bbox) are grouped into
lines; a line of the body size that holds a single word and belongs to a
wrapped sentence (the line above it continues on it, or it continues on the
line below: same left edge, one body line apart, no full stop between) is a
one-word line, which sense lines never leave when the word fits beside its
neighbour: not as a tail ("videos.") nor before the rest of its sentence
("The / Coventry Rape and Sexual Abuse Centre"), and no line holds the end
of one sentence and the start of the next ("Care. Their / job is ...").

Names: with --names CONTACTS.yaml, a contact's name or short name of more
than one word ("Multi Agency Safeguarding Hub") that ends one line and goes
on at the start of the line below is split, which sense lines never do when
the name fits the measure (at least the widest line of its paragraph, and
at least the room to where a box's text ends); a name wider than that must
break somewhere and is not counted, nor is a name opened so that a word is
not left alone: "The Coventry Rape and / Sexual Abuse Centre" where "The"
and the whole name do not fit on one line and "The" starts the sentence
(or the word ends the sentence after the name).

A page the author ends (the next page starts with a section after a
thematic break, ***, in the PDF's source, given among the arguments as
NAME.md for NAME.pdf) need not be 80 % full.

With --no-fill, only the lines and names are checked.

usage: easyread_fill.py [-v] [--no-tails] [--no-fill] [--names CONTACTS.yaml] PDF... [SOURCE.md...]
With -v, each page as fill/blocks/widest space.
Prints one line per failure and a summary.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
MIN_FILL = 0.80
DPI = 50
BOTTOM_MARGIN_MM = 24.0   # layouts/easy-read.yaml margins.bottom
BAND_GAP_MM = 9.0         # band.gap: the band's foot to the first row
WHITE = 250               # a grey level at or above this is paper
GAP_MM = 3.0              # white at least this deep separates two blocks
MAX_SPACE_MM = 9.0        # the widest white between two rows on a page
PICTURE_MM = (15.0, 73.0) # the picture column: circles, word boxes' labels, headings
MARGIN_MM = 10.0          # the left margin (15 mm), where only the band is inked
BOX_EDGE_MM = (15.5, 20.0) # a box's tint reaches here, a row's circle (24.5 mm) does not
TEXT_RIGHT_MM = 195.0 - 4.5 # a row's text ends at the right margin, a box's 4.5 mm (its padding) short of it


def pages_grey(pdf):
    """Yields (width, height, rows of bytes) per page."""
    out = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), pdf],
                         capture_output=True, check=True).stdout
    pos = 0
    while pos < len(out):
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", out[pos:])
        w, h = int(m.group(1)), int(m.group(2))
        start = pos + m.end()
        data = out[start:start + w * h]
        yield w, h, [data[r * w:(r + 1) * w] for r in range(h)]
        pos = start + w * h


def measure(pdf):
    """Per page: (fill, number of blocks, widest white between blocks in mm)."""
    res = []
    for w, h, rows in pages_grey(pdf):
        px_mm = h / 297.0
        inked = [min(r) < WHITE for r in rows]
        # The band: tinted rows from the top edge, read in the left margin
        # (no text there, and the page's last column may round to paper).
        m0, m1 = 2, max(3, int(MARGIN_MM * px_mm))
        band = 0
        while band < h and max(rows[band][m0:m1]) < 255:
            band += 1
        top = band + int(BAND_GAP_MM * px_mm) - 1
        bottom = h - int(BOTTOM_MARGIN_MM * px_mm)
        # The space between rows, read in the picture column alone, where a
        # row is its circle (its text, centred on it, is beside it).
        x0, x1 = int(PICTURE_MM[0] * px_mm), int(PICTURE_MM[1] * px_mm)
        pic = [min(r[x0:x1]) < WHITE for r in rows]
        # Only white between two inked rows counts: not the band's gap to the
        # first row (band.gap), which starts above `top`.
        widest = 0.0
        run, seen = 0, False
        start = 0
        while start < h and pic[start]:
            start += 1
        for y in range(start, bottom):
            if pic[y]:
                if seen and run:
                    widest = max(widest, run / px_mm)
                seen, run = True, 0
            elif seen:
                run += 1
        low = None
        blocks = 0
        boxed = False  # does the only block so far reach the box edge?
        gap = GAP_MM * px_mm
        white_run = gap
        e0, e1 = int(BOX_EDGE_MM[0] * px_mm), int(BOX_EDGE_MM[1] * px_mm)
        spans = []  # each block's first and last inked row
        for y in range(top, bottom):
            if inked[y]:
                if white_run >= gap:
                    blocks += 1
                    spans.append([y, y])
                spans[-1][1] = y
                white_run = 0
                low = y
                boxed |= blocks == 1 and min(rows[y][e0:e1]) < WHITE
            else:
                white_run += 1
        fill = 0 if low is None else (low + 1 - top) / (bottom - top)
        res.append((min(fill, 1.0), blocks, widest, boxed,
                    [(a / px_mm, b / px_mm) for a, b in spans], top / px_mm, bottom / px_mm))
    return res


def lines_of(pdf):
    """Per page: lines as (x0, baseline-ish y1, height, [words])."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    out = re.sub(r'xmlns="[^"]*"', "", out)
    root = ET.fromstring(out)
    pages = []
    for page in root.iter("page"):
        words = []
        for wd in page.iter("word"):
            x0, y0, x1, y1 = (float(wd.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((y1, x0, y1 - y0, wd.text or "", x1))
        words.sort()
        lines = []
        for y1, x0, hgt, t, x1 in words:
            for ln in lines:
                if abs(ln["y"] - y1) < 1.0 and abs(ln["h"] - hgt) < 1.0:
                    ln["words"].append((x0, t))
                    ln["boxes"].append((x0, x1, t))
                    break
            else:
                lines.append({"y": y1, "h": hgt, "words": [(x0, t)], "boxes": [(x0, x1, t)]})
        for ln in lines:
            ln["words"].sort()
            ln["boxes"].sort()
            ln["x"] = ln["words"][0][0]
        pages.append(sorted(lines, key=lambda l: (l["y"], l["x"])))
    return pages


def line_at(lines, ln, step, body_leading):
    """The line step body lines below ln (-1: above) with its left edge and size, or None."""
    for o in lines:
        if (abs(o["x"] - ln["x"]) < 1.0 and abs(o["h"] - ln["h"]) < 1.0 and
                abs(o["y"] - ln["y"] - step * body_leading) < 1.0):
            return o
    return None


def tails(pdf, body_leading=24.0):
    """One-word lines of wrapped sentences: a tail (the line continues the
    one above) or a head (the line below continues this one), when the word
    would fit beside its neighbour on the line above or below (a piece of a
    long web address alone is no tail: it fits nowhere else)."""
    found = []
    for pno, lines in enumerate(lines_of(pdf)):
        def near(ln, step):
            return line_at(lines, ln, step, body_leading)

        def room(ln):
            """The measure: the room to where a row's text ends, at least the widest line."""
            m, o = TEXT_RIGHT_MM * MM - ln["x"], ln
            while near(o, -1) and not ends_sentence(near(o, -1)):
                o = near(o, -1)
            while o:
                m = max(m, o["boxes"][-1][1] - o["x"])
                o = near(o, 1) if not ends_sentence(o) else None
            return m

        for ln in lines:
            if len(ln["words"]) != 1:
                continue
            prev, nxt = near(ln, -1), near(ln, 1)
            prev = prev if prev and not ends_sentence(prev) else None
            nxt = nxt if nxt and not ends_sentence(ln) else None
            if not prev and not nxt:
                continue
            x0, x1, word = ln["boxes"][0]
            space = 5.12  # a 16 pt word space
            fits = room(ln)
            joins = ((prev and (prev["boxes"][-1][1] - prev["boxes"][-1][0]) + space + (x1 - x0) <= fits) or
                     (nxt and (x1 - x0) + space + (nxt["boxes"][0][1] - nxt["boxes"][0][0]) <= fits))
            if not joins:
                continue
            if prev:
                before = " ".join(t for _, t in prev["words"])
                found.append(f"p{pno + 1} '{before} / {word}'")
            else:
                after = " ".join(t for _, t in nxt["words"])
                found.append(f"p{pno + 1} '{word} / {after}' (a word alone before the rest of its sentence)")
    return found


TITLES = {"dr", "mr", "mrs", "ms", "mx", "st", "prof", "etc", "approx"}


def two_sentences(pdf):
    """Lines holding the end of one sentence and the start of another
    ("Children's Social Care. Their"): sense lines start every sentence on
    a line of its own."""
    found = []
    for pno, lines in enumerate(lines_of(pdf)):
        for ln in lines:
            words = [t for _, t in ln["words"]]
            for a, b in zip(words, words[1:]):
                core = a.rstrip(".!?)'\"\u2019\u201d")
                if (re.search(r"[.!?]['’\"”)]*$", a) and b[:1].isupper() and core and
                        "." not in core and core.lower() not in TITLES):
                    found.append(f"p{pno + 1} '{' '.join(words)}'")
                    break
    return found


def ends_sentence(ln):
    """The line ends its sentence (or is a label: 'Phone numbers:')."""
    return re.search(r"[.!?:]['’\"”)]*$", " ".join(t for _, t in ln["words"])) is not None


def contact_names(path):
    """The contacts table's names and short names of more than one word."""
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s+(?:name|short-name):\s*(.*?)\s*$", line)
            if not m:
                continue
            v = m.group(1)
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
                v = v[1:-1]
            words = v.split()
            if len(words) > 1:
                names.append(words)
    return names


def same_word(a, b, last):
    a, b = a.replace("\u2019", "'"), b.replace("\u2019", "'")
    if last:
        a, b = a.rstrip(".,;:!?)'\"\u201d"), b.rstrip(".,;:!?)'\"\u201d")
    return a.lower() == b.lower()


def split_names(pdf, names, body_leading=24.0):
    found = []
    for pno, lines in enumerate(lines_of(pdf)):
        def below(ln, step):
            return line_at(lines, ln, step, body_leading)

        for ln in lines:
            prev = below(ln, -1)
            if not prev:
                continue
            # The paragraph's measure is at least its widest line, and the
            # room from its left edge to where a box's text ends.
            measure, o = TEXT_RIGHT_MM * MM - ln["x"], ln
            while below(o, -1):
                o = below(o, -1)
            while o:
                measure = max(measure, o["boxes"][-1][1] - o["x"])
                o = below(o, 1)
            pb, nb = prev["boxes"], ln["boxes"]
            for name in names:
                for i in range(1, len(name)):
                    head, tail = name[:i], name[i:]
                    if len(pb) < i or len(nb) < len(tail):
                        continue
                    if not all(same_word(pb[len(pb) - i + k][2], head[k], False) for k in range(i)):
                        continue
                    if not all(same_word(nb[k][2], tail[k], k == len(tail) - 1)
                               for k in range(len(tail))):
                        continue
                    space = nb[1][0] - nb[0][1] if len(nb) > 1 else 4.0
                    width = (pb[-1][1] - pb[len(pb) - i][0]) + space + (nb[len(tail) - 1][1] - nb[0][0])
                    # A name is opened only so that a word is not left
                    # alone: the word that starts the sentence before it,
                    # or ends the sentence after it, does not fit beside it.
                    above = below(prev, -1)
                    starts = not above or ends_sentence(above)
                    if starts and len(pb) == i + 1 and (pb[0][1] - pb[0][0]) + space + width > measure:
                        continue
                    if ends_sentence(ln) and len(nb) == len(tail) + 1 and \
                            width + space + (nb[-1][1] - nb[-1][0]) > measure:
                        continue
                    if width <= measure:
                        found.append(f"p{pno + 1} '{' '.join(head)} / {' '.join(tail)}' "
                                     f"({width / MM:.1f} mm, the measure at least {measure / MM:.1f} mm)")
    return found


def author_breaks(md):
    """The headings of the sections an author starts on a new page (a
    thematic break, ***, before them), as set: without Markdown marks."""
    heads, broken, body = [], False, False
    with open(md, encoding="utf-8") as f:
        lines = f.read().split("\n")
    k = 0
    if lines and lines[0].strip() == "---":  # front matter
        k = 1
        while k < len(lines) and lines[k].strip() != "---":
            k += 1
        k += 1
    for line in lines[k:]:
        t = line.strip()
        if re.fullmatch(r"(\*\s*){3,}|(-\s*){3,}|(_\s*){3,}", t):
            broken = True
        elif t.startswith("#"):
            if broken:
                heads.append(re.sub(r"[*_`]", "", t.lstrip("#").strip()))
            broken = False
        elif t:
            broken = False
    return heads


def ended_by_author(pdf, md):
    """Pages (0-based) that end where the author asked for a new page: the
    page after starts with a heading that follows a thematic break."""
    heads = {re.sub(r"\s+", " ", h.replace("\u2019", "'")) for h in author_breaks(md)}
    ended = set()
    pages = lines_of(pdf)
    for p in range(len(pages) - 1):
        nxt = pages[p + 1]
        if not nxt:
            continue
        first = " ".join(t for _, t in nxt[0]["words"]).replace("\u2019", "'")
        if first in heads:
            ended.add(p)
    return ended


def word_box_starts(pdf, pages):
    """Pages (0-based) whose first block is a word box ("Word to know"),
    with the height in mm of the row and box that open the page after each
    page (None when that page does not open with a row and its word box)."""
    starts, opener = set(), {}
    for pno, lines in enumerate(lines_of(pdf)):
        spans = pages[pno][4]
        def in_span(k):
            a, b = spans[k]
            return any(" ".join(t for _, t in ln["words"]).startswith("Word to know") and
                       a - 1 <= ln["y"] / MM <= b + 1 for ln in lines)
        if spans and in_span(0):
            starts.add(pno)
        elif len(spans) > 1 and in_span(1):
            opener[pno] = spans[1][1] - spans[0][0]
    return starts, opener


def main(argv):
    verbose = "-v" in argv
    check_tails = "--no-tails" not in argv
    check_fill = "--no-fill" not in argv
    names = []
    if "--names" in argv:
        k = argv.index("--names")
        names = contact_names(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    sources = {}
    for a in argv:
        if a.endswith(".md"):
            sources.setdefault(a.rsplit("/", 1)[-1][:-3], a)
    pdfs = [a for a in argv if not a.startswith("-") and not a.endswith(".md")]
    failures = 0
    for pdf in pdfs:
        pages = measure(pdf)
        src = sources.get(pdf.rsplit("/", 1)[-1][:-4])
        by_author = ended_by_author(pdf, src) if src else set()
        # A word box sits on its row's page (DESIGN.md): a page may end
        # short when the row and word box that open the next do not fit
        # in what it has left, never with the box torn from its row.
        box_starts, opener = word_box_starts(pdf, pages)
        shown = " ".join(f"{f * 100:.0f}%/{b}{'box' if x else ''}/{g:.1f}mm"
                         for f, b, g, x, *_ in pages)
        if verbose:
            print(f"{pdf}: {shown}")
        for i, (fill, blocks, widest, boxed, *_) in enumerate(pages if check_fill else []):
            if widest > MAX_SPACE_MM:
                print(f"FAIL {pdf}: page {i + 1} opens its rows up to {widest:.1f} mm apart "
                      f"(packed rows are at most {MAX_SPACE_MM:.0f} mm apart)")
                failures += 1
            last = i == len(pages) - 1
            if i in box_starts:
                print(f"FAIL {pdf}: page {i + 1} of {len(pages)} starts with a word box, "
                      f"away from the row it explains")
                failures += 1
            _, _, _, _, _, top, bottom = pages[i]
            kept = (i + 1 in opener and
                    opener[i + 1] + GAP_MM > (1 - fill) * (bottom - top))
            if not last and fill < MIN_FILL and i not in by_author and not kept:
                print(f"FAIL {pdf}: page {i + 1} of {len(pages)} is {fill * 100:.0f}% full "
                      f"(every page but the last must be {MIN_FILL * 100:.0f}%)")
                failures += 1
            # One block alone: a box (word box, phone numbers) or a row,
            # on any page of a leaflet of more than one, the last included.
            if blocks == 1 and len(pages) > 1:
                print(f"FAIL {pdf}: page {i + 1} of {len(pages)} holds a single "
                      f"{'box' if boxed else 'row' if last else 'block'} on its own")
                failures += 1
        for t in tails(pdf) if check_tails else []:
            print(f"FAIL {pdf}: one-word line {t}")
            failures += 1
        for t in two_sentences(pdf) if check_tails else []:
            print(f"FAIL {pdf}: two sentences on one line {t}")
            failures += 1
        for t in split_names(pdf, names) if names else []:
            print(f"FAIL {pdf}: a name split over two lines {t}")
            failures += 1
    print(f"easyread_fill: {len(pdfs)} PDFs, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
