#!/usr/bin/env python3
"""Checks every print-variant PDF under OUT/print (default OUT = out).

usage: tests/print_check.py [OUT] [--bleed-mm 3]

For each OUT/print/**/*.pdf, read back from the PDF itself:
- every page carries its own TrimBox and BleedBox; BleedBox is the trim
  grown by the bleed on every side; the MediaBox holds the bleed with room
  for marks beyond it;
- the trim matches the screen variant's page (OUT/<audience>/<slug>.pdf),
  or two of its pages side by side for an imposed booklet (half as many
  sheets as pages);
- the content streams paint only in DeviceCMYK: no rg/RG/g/G, no other
  colour space, no sc/scn with other than four components;
- nothing but marks lies outside the bleed: every path point outside the
  BleedBox belongs to a stroke in registration colour (C=M=Y=K=1), and those
  marks never reach into the bleed; images stay inside the bleed; every word
  of text lies inside the trim;
- every font is embedded.
Prints one line per failure and a summary; exits 1 when anything failed.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
TOL = 0.05  # pt: libharu writes four decimals; boxes come from mm arithmetic

failures = []
passes = 0


def run(cmd):
    p = subprocess.run(cmd, capture_output=True)
    return p.returncode, p.stdout.decode("latin-1"), p.stderr.decode("utf-8", "replace")


def fail(pdf, what):
    failures.append(f"{pdf}: {what}")


def ok():
    global passes
    passes += 1


def boxes(pdf):
    """[{MediaBox: (x0, y0, x1, y1), ...}, ...] per page, from pdfinfo -box."""
    rc, out, err = run(["pdfinfo", "-box", "-f", "1", "-l", "100000", pdf])
    if rc != 0:
        return None
    pages = {}
    for m in re.finditer(r"Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = tuple(float(m.group(i)) for i in range(3, 7))
    return [pages[k] for k in sorted(pages)]


def page_contents(qdf):
    """The content stream text of each page of a qpdf --qdf file, in order."""
    streams = {}
    for m in re.finditer(r"%% Contents for page (\d+)\n.*?\nstream\n(.*?)\nendstream", qdf, re.S):
        streams.setdefault(int(m.group(1)), []).append(m.group(2))
    return ["\n".join(streams[k]) for k in sorted(streams)]


TOKEN = re.compile(r"<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/\[\]<>()]+|[^\s/\[\]<>()]+")


def number(t):
    try:
        return float(t)
    except ValueError:
        return None


def inside(pt, box, tol=TOL):
    x, y = pt
    return box[0] - tol <= x <= box[2] + tol and box[1] - tol <= y <= box[3] + tol


def strictly_outside(pt, box, tol=TOL):
    x, y = pt
    return x < box[0] - tol or x > box[2] + tol or y < box[1] - tol or y > box[3] + tol


def check_content(pdf, pno, text, trim, bleed):
    """Colour operators and where graphics go, on one page."""
    ctm = [1, 0, 0, 1, 0, 0]
    stack = []
    ops = []
    path = []
    stroke = None
    problems = set()

    def apply(x, y):
        a, b, c, d, e, f = ctm
        return (a * x + c * y + e, b * x + d * y + f)

    in_array = 0
    for tok in TOKEN.findall(text):
        if tok == "[":
            in_array += 1
            continue
        if tok == "]":
            in_array -= 1
            continue
        if in_array or tok.startswith(("/", "(", "<")):
            ops.append(tok)
            continue
        n = number(tok)
        if n is not None:
            ops.append(n)
            continue
        op = tok
        nums = [v for v in ops if isinstance(v, float)]
        if op in ("rg", "RG", "g", "G"):
            problems.add(f"DeviceRGB/Gray operator '{op}'")
        elif op in ("cs", "CS"):
            if not any(v == "/DeviceCMYK" for v in ops):
                problems.add(f"colour space {ops} {op}")
        elif op in ("sc", "scn", "SC", "SCN"):
            if len(nums) != 4:
                problems.add(f"'{op}' with {len(nums)} components")
        elif op == "K":
            stroke = tuple(nums[-4:])
        elif op == "q":
            stack.append(list(ctm))
        elif op == "Q":
            ctm = stack.pop() if stack else [1, 0, 0, 1, 0, 0]
        elif op == "cm" and len(nums) >= 6:
            a, b, c, d, e, f = nums[-6:]
            A, B, C, D, E, F = ctm
            ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                   e * A + f * C + E, e * B + f * D + F]
        elif op in ("m", "l") and len(nums) >= 2:
            path.append(apply(*nums[-2:]))
        elif op in ("c",) and len(nums) >= 6:
            path += [apply(nums[-6], nums[-5]), apply(nums[-4], nums[-3]), apply(nums[-2], nums[-1])]
        elif op in ("v", "y") and len(nums) >= 4:
            path += [apply(nums[-4], nums[-3]), apply(nums[-2], nums[-1])]
        elif op == "re" and len(nums) >= 4:
            x, y, w, h = nums[-4:]
            path += [apply(x, y), apply(x + w, y + h)]
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            is_mark = op in ("S", "s") and stroke is not None and all(abs(v - 1) < 1e-3 for v in stroke)
            for p in path:
                if is_mark:
                    if not strictly_outside(p, bleed):
                        problems.add(f"mark at ({p[0]:.1f}, {p[1]:.1f}) inside the bleed area")
                elif op != "n" and strictly_outside(p, bleed):
                    problems.add(f"'{op}' graphics at ({p[0]:.1f}, {p[1]:.1f}) outside the bleed")
            path = []
        elif op == "Do":
            for corner in ((0, 0), (1, 1)):
                p = apply(*corner)
                if strictly_outside(p, bleed):
                    problems.add(f"image reaching ({p[0]:.1f}, {p[1]:.1f}), outside the bleed")
        ops = []
    for p in sorted(problems):
        fail(pdf, f"page {pno}: {p}")
    if not problems:
        ok()


def check_text(pdf, pages):
    rc, xml, err = run(["pdftotext", "-bbox-layout", pdf, "-"])
    if rc != 0:
        fail(pdf, "pdftotext: " + err.strip())
        return
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'xmlns="[^"]*"', "", xml)
    root = ET.fromstring(xml)
    bad = []
    for pno, page in enumerate(root.iter("page")):
        if pno >= len(pages):
            break
        t = pages[pno]["TrimBox"]
        H = float(page.get("height"))
        for wd in page.iter("word"):
            x0, y0, x1, y1 = (float(wd.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            # pdftotext measures from the top of the media box.
            if x0 < t[0] - 0.5 or x1 > t[2] + 0.5 or H - y1 < t[1] - 0.5 or H - y0 > t[3] + 0.5:
                bad.append(f"p{pno + 1} '{wd.text}'")
    if bad:
        fail(pdf, f"{len(bad)} words outside the trim: {bad[:4]}")
    else:
        ok()


def check_pdf(pdf, screen, bleed_pt):
    pages = boxes(pdf)
    if not pages:
        fail(pdf, "pdfinfo cannot read it")
        return
    rc, qdf, err = run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"])
    if rc not in (0, 3):
        fail(pdf, "qpdf: " + err.strip())
        return
    if qdf.count("/TrimBox") < len(pages) or qdf.count("/BleedBox") < len(pages):
        fail(pdf, f"TrimBox on {qdf.count('/TrimBox')}, BleedBox on {qdf.count('/BleedBox')} of {len(pages)} pages")
    else:
        ok()
    for i, b in enumerate(pages):
        media, trim, bleed = b["MediaBox"], b["TrimBox"], b["BleedBox"]
        grown = (trim[0] - bleed_pt, trim[1] - bleed_pt, trim[2] + bleed_pt, trim[3] + bleed_pt)
        if any(abs(u - v) > TOL for u, v in zip(bleed, grown)):
            fail(pdf, f"page {i + 1}: BleedBox {bleed} is not the trim {trim} grown by {bleed_pt / MM:.1f} mm")
        elif not (media[0] < bleed[0] - 1 and media[1] < bleed[1] - 1 and
                  media[2] > bleed[2] + 1 and media[3] > bleed[3] + 1):
            fail(pdf, f"page {i + 1}: MediaBox {media} leaves no room for marks beyond the bleed {bleed}")
        else:
            ok()
    if screen:
        sp = boxes(screen)
        if sp:
            sw = sp[0]["TrimBox"][2] - sp[0]["TrimBox"][0]
            sh = sp[0]["TrimBox"][3] - sp[0]["TrimBox"][1]
            pw = pages[0]["TrimBox"][2] - pages[0]["TrimBox"][0]
            ph = pages[0]["TrimBox"][3] - pages[0]["TrimBox"][1]
            if abs(ph - sh) < 0.5 and abs(pw - 2 * sw) < 0.5 and len(pages) * 2 == len(sp):
                ok()  # a booklet imposed 2-up
            elif abs(pw - sw) < 0.5 and abs(ph - sh) < 0.5 and len(pages) == len(sp):
                ok()
            else:
                fail(pdf, f"trim {pw / MM:.1f}x{ph / MM:.1f} mm on {len(pages)} pages; the screen "
                          f"variant has {sw / MM:.1f}x{sh / MM:.1f} mm on {len(sp)}")
    contents = page_contents(qdf)
    if len(contents) != len(pages):
        fail(pdf, f"found content for {len(contents)} of {len(pages)} pages")
    for i, text in enumerate(contents[:len(pages)]):
        check_content(pdf, i + 1, text, pages[i]["TrimBox"], pages[i]["BleedBox"])
    check_text(pdf, pages)
    rc, out, err = run(["pdffonts", pdf])
    bad = [l.split()[0] for l in out.splitlines()[2:] if len(l.split()) >= 7 and l.split()[-5] != "yes"]
    if bad:
        fail(pdf, f"fonts not embedded: {bad}")
    else:
        ok()


def main(argv):
    out_dir = "out"
    bleed_mm = 3.0
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--bleed-mm" and args:
            bleed_mm = float(args.pop(0))
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            out_dir = a
    root = os.path.join(out_dir, "print")
    pdfs = []
    for dirpath, _, files in os.walk(root):
        pdfs += [os.path.join(dirpath, f) for f in files if f.endswith(".pdf")]
    if not pdfs:
        print(f"print_check: no PDFs under {root}")
        return 1
    for pdf in sorted(pdfs):
        rel = os.path.relpath(pdf, root)
        screen = os.path.join(out_dir, rel)
        check_pdf(pdf, screen if os.path.exists(screen) else None, bleed_mm * MM)
    for f in failures:
        print("FAIL " + f)
    print(f"print_check: {len(pdfs)} PDFs, {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
