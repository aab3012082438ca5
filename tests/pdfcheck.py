#!/usr/bin/env python3
"""Checks every built PDF with real tools (QUALITY.md).

For each content file: the PDFs leafpress wrote for it (screen and print, every
edition) must pass qpdf --check, have every font embedded and subset with a
ToUnicode map, extract without poppler warnings, contain every word of the
document's own text, keep every word inside the safe area and off every other
word, use no type smaller than the audience's floor, and have the page count
and size the layout asked for.  Prints one line per failure and a summary.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

from pdfwords import norm_words, run

MM = 72 / 25.4
SAFE_MM = 5.0
# The smallest type each audience may get (DESIGN.md section 3).
MIN_SIZE = {"professionals": 7.5, "families": 12.0, "young-people": 16.0}
EASY_READ_MIN = 16.0  # easy read's own rule, for every audience

failures = []
passes = 0


def fail(pdf, what):
    failures.append(f"{pdf}: {what}")


def ok():
    global passes
    passes += 1


def front_audience(md, key="audience"):
    with open(md, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(key + r":\s*(\S+)", line)
            if m:
                return m.group(1)
    return None


def type_floor(md, audience):
    """The smallest type for the document: its audience's (from the table, or
    from min-text: of the project's theme for an audience added as a file),
    and at least 16 pt in easy read, whatever the audience."""
    floor = MIN_SIZE.get(audience)
    if floor is None:
        floor = 0
        d = os.path.dirname(os.path.abspath(md))
        while d != os.path.dirname(d):
            theme = os.path.join(d, "layouts", "themes", f"{audience}.yaml")
            if os.path.exists(theme):
                with open(theme, encoding="utf-8") as f:
                    m = re.search(r"^min-text:\s*([\d.]+)pt", f.read(), re.M)
                floor = float(m.group(1)) if m else 0
                break
            d = os.path.dirname(d)
    if front_audience(md, "format") == "easy-read":
        floor = max(floor, EASY_READ_MIN)
    return floor


def raw_words(text):
    return [w for w in re.split(r"\s+", text) if w]


def check_pdf(pdf, dump_words, source_words, edition, audience, print_variant):
    rc, out, err = run(["qpdf", "--check", pdf])
    if rc != 0 or "WARNING" in out + err:
        fail(pdf, "qpdf --check: " + (err or out).strip().splitlines()[-1])
    else:
        ok()
    rc, out, err = run(["pdffonts", pdf])
    bad = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name type encoding emb sub uni object ID
        if len(cols) >= 7 and cols[-5:-2] != ["yes", "yes", "yes"]:
            bad.append(cols[0])
    if rc != 0 or bad or err.strip():
        fail(pdf, f"fonts not embedded+subset+unicode: {bad} {err.strip()}")
    else:
        ok()
    rc, text, err = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    if rc != 0 or err.strip():
        fail(pdf, "pdftotext: " + err.strip())
    else:
        ok()
    words = norm_words(text)
    # A word hyphenated at a line end counts whole as well as in its pieces.
    raw = raw_words(text)
    for i, w in enumerate(raw[:-1]):
        if w.endswith("-") and len(w) > 1:
            nxt = raw[i + 1]
            words += norm_words(w[:-1] + nxt) + norm_words(w + nxt)
        # An address broken after / . ? & @ (nothing added) counts whole
        # too, over up to four lines.
        joined = w
        for nxt in raw[i + 1:i + 4]:
            if not re.search(r"://|www\.|@", joined) or joined[-1] not in "/.?&@=_#":
                break
            joined += nxt
            words += norm_words(joined)
    for label, want in (("layout", dump_words), ("source", source_words)):
        have = {}
        for w in words:
            have[w] = have.get(w, 0) + 1
        missing = []
        # pdftotext joins a line that ends in a hyphen to the next and drops
        # the hyphen, even a word's own ("counter-" / "radicalisation" reads
        # "counterradicalisation"): that counts for the word and its pieces.
        i = 0
        while i < len(want):
            w = want[i]
            nxt = want[i + 1] if i + 1 < len(want) else None
            if have.get(w, 0) > 0:
                have[w] -= 1
            elif "-" in w and have.get(w.replace("-", ""), 0) > 0:
                have[w.replace("-", "")] -= 1
            elif nxt and have.get(w + nxt, 0) > 0:
                have[w + nxt] -= 1
                i += 1
            else:
                missing.append(w)
            i += 1
        if missing:
            fail(pdf, f"{len(missing)} of {len(want)} {label} words missing from the text, e.g. {missing[:8]}")
        else:
            ok()
    rc, info, err = run(["pdfinfo", "-box", pdf])
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if pages != edition["pages"]:
        fail(pdf, f"{pages} pages, layout made {edition['pages']}")
    else:
        ok()
    trim = re.search(r"TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", info)
    tx0, ty0, tx1, ty1 = (float(v) for v in trim.groups())
    w_mm, h_mm = (tx1 - tx0) / MM, (ty1 - ty0) / MM
    if abs(w_mm - edition["w"]) > 0.2 or abs(h_mm - edition["h"]) > 0.2:
        fail(pdf, f"trim {w_mm:.1f}x{h_mm:.1f} mm, layout asked {edition['w']:.1f}x{edition['h']:.1f}")
    else:
        ok()
    if print_variant:
        if "BleedBox" not in info or abs(float(re.search(r"BleedBox:\s+([\d.]+)", info).group(1)) - tx0) < 1:
            fail(pdf, "print variant has no bleed around the trim")
        else:
            ok()
    # Geometry: every word inside the safe area, no two words overlapping.
    rc, xml, err = run(["pdftotext", "-bbox-layout", pdf, "-"])
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'xmlns="[^"]*"', "", xml)
    root = ET.fromstring(xml)
    safe = SAFE_MM * MM
    bb = re.search(r"BleedBox:\s+([\d.]+)", info)
    bleed = tx0 - float(bb.group(1)) if print_variant and bb else 0
    outside = []
    overlaps = []
    for pno, page in enumerate(root.iter("page")):
        words = []
        for wd in page.iter("word"):
            x0, y0, x1, y1 = (float(wd.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            if wd.text and all(0xE000 <= ord(ch) <= 0xF8FF for ch in wd.text):
                # An icon (Lucide, in the private use area) fills its em
                # square above the baseline: the font's descent is 0, which
                # poppler replaces with its default of 0.35 em, so the box
                # it reports reaches 0.35 em below the ink.
                y1 = y0 + (y1 - y0) / 1.35
            # Measure from the trim's corner (print variants add a margin).
            x0 -= tx0; x1 -= tx0
            y0 -= float(page.get("height")) - ty1; y1 -= float(page.get("height")) - ty1
            words.append((x0, y0, x1, y1, wd.text or ""))
            W, H = tx1 - tx0, ty1 - ty0
            # The print variant's slug line lies beyond the bleed, under
            # the trim (print_check.py checks it).
            if print_variant and y0 > H + bleed:
                continue
            if x0 < safe - 0.5 or y0 < safe - 0.5 or x1 > W - safe + 0.5 or y1 > H - safe + 0.5:
                outside.append(f"p{pno+1} '{wd.text}' at {x0/MM:.1f},{y0/MM:.1f}mm")
        words.sort()
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[0] >= a[2] - 0.6:
                    break
                # Word boxes are the font's full ascender-to-descender height,
                # deeper than tight display leading (a 112/114 headline), so
                # lines may share a sliver; text drawn over text shares most
                # of its height.
                vert = min(a[3], b[3]) - max(a[1], b[1])
                short = min(a[3] - a[1], b[3] - b[1])
                if a[0] < b[2] - 0.6 and b[0] < a[2] - 0.6 and vert > 0.3 * short:
                    overlaps.append(f"p{pno+1} '{a[4]}' / '{b[4]}'")
    if outside:
        fail(pdf, f"{len(outside)} words outside the safe area: {outside[:4]}")
    else:
        ok()
    if overlaps:
        fail(pdf, f"{len(overlaps)} overlapping words: {overlaps[:4]}")
    else:
        ok()


def main():
    out_dir = sys.argv[1]
    binary = sys.argv[2]
    sources = sys.argv[3:]
    for md in sources:
        rc, dump, err = run([binary, "dump", md])
        if rc != 0:
            fail(md, "dump failed: " + err.strip())
            continue
        rc, stext, err = run([binary, "text", md])
        if rc != 0:
            fail(md, "text failed: " + err.strip())
            continue
        source_words = norm_words(stext)
        audience = front_audience(md)
        slug = os.path.basename(md)[:-3]
        editions = []
        cur = None
        for line in dump.splitlines():
            m = re.match(r'edition "([^"]*)" ([\d.]+)x([\d.]+)mm pages (\d+)( imposed)?', line)
            if m:
                cur = {"suffix": m.group(1), "w": float(m.group(2)), "h": float(m.group(3)),
                       "pages": int(m.group(4)), "imposed": bool(m.group(5)), "text": [],
                       "min": 1e9}
                editions.append(cur)
                continue
            m = re.match(r"p\d+ text .* size=([\d.]+).*? \"(.*)\"$", line)
            if m and cur is not None:
                cur["min"] = min(cur["min"], float(m.group(1)))
                cur["text"].append(m.group(2).replace('\\"', '"').replace("\\\\", "\\"))
        for ed in editions:
            floor = type_floor(md, audience)
            if ed["min"] < floor - 0.01:
                fail(md, f"type at {ed['min']}pt, below the floor of {floor}pt for {audience} in this format")
            else:
                ok()
            words = norm_words(" ".join(ed["text"]))
            for variant in ("screen", "print"):
                sub = "print/" if variant == "print" else ""
                pdf = os.path.join(out_dir, f"{sub}{audience}/{slug}{ed['suffix']}.pdf")
                if not os.path.exists(pdf):
                    fail(pdf, "not built")
                    continue
                want = ed
                if variant == "print" and ed["imposed"]:
                    # Saddle-stitched: two pages side by side on each sheet side.
                    want = dict(ed, pages=ed["pages"] // 2, w=ed["w"] * 2)
                check_pdf(pdf, words, source_words, want, audience, variant == "print")
    for f in failures:
        print("FAIL " + f)
    print(f"pdfcheck: {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
