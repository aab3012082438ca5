#!/usr/bin/env python3
"""Preflight of every print-variant PDF under OUT/print (default OUT = out):
PDF/X-4 (ISO 15930-7) and the house rules for bleed and marks, read back
from the PDF's own objects (qpdf --json) and text (pdftotext).

usage: tests/print_check.py [OUT] [--bleed-mm 3] [--show FILE.pdf]

For each OUT/print/**/*.pdf:
- the header says PDF 1.6 or lower;
- one /OutputIntents entry, /S /GTS_PDFX, with an OutputConditionIdentifier
  (and a RegistryName for a registered condition such as FOGRA39) and an
  embedded DestOutputProfile that is an ICC output profile for CMYK with
  /N 4;
- Info: GTS_PDFXVersion PDF/X-4, /Trapped /False (a name), a Title, and
  CreationDate and ModDate; the XMP says the same (pdfxid:GTS_PDFXVersion,
  xmp:CreateDate and ModifyDate at the same instant, pdf:Trapped, dc:title)
  and carries xmpMM DocumentID, VersionID and RenditionClass, and still
  pdfuaid:part 1; the file is tagged (MarkInfo /Marked, StructTreeRoot);
- the trailer has an /ID of two 16-byte strings;
- every page has a TrimBox and a BleedBox; the BleedBox is the trim grown
  by the bleed, and the MediaBox holds it with room for marks beyond;
  the trim matches the screen variant's page (two of them side by side on
  an imposed booklet, which must also come as OUT/print/..-pages.pdf with
  the screen variant's pages one by one);
- no annotation on any page reaches into the BleedBox;
- every colour is DeviceCMYK, DeviceGray, Separation or ICC-based: no
  rg/RG, every cs/CS names DeviceCMYK/DeviceGray or a Separation/ICC space
  of the page's resources, sc/scn components match the space; every image
  is 8-bit (or less) DeviceCMYK, DeviceGray or ICC-based, soft masks grey;
- nothing but marks and the slug lies outside the bleed: every path point
  there belongs to a stroke in the Separation /All (registration) colour,
  and those marks never reach into the bleed; images stay inside it;
- the slug line lies outside the bleed (within the media), in registration
  colour, and names the file, the date of CreationDate and the page; every
  other word lies inside the trim;
- every font is embedded.
Prints one line per failure and a summary; exits 1 when anything failed.
--show prints one file's output intent, Info, XMP and marks instead.
"""
import base64
import datetime
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdfwords import run  # noqa: E402

MM = 72 / 25.4
TOL = 0.05  # pt: libharu writes four decimals; boxes come from mm arithmetic
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}

failures = []
passes = 0


def fail(pdf, what):
    failures.append(f"{pdf}: {what}")


def check(cond, pdf, what):
    global passes
    if cond:
        passes += 1
    else:
        fail(pdf, what)
    return cond


# ------------------------------------------------------------ PDF objects

class Doc:
    """The objects of a PDF, from qpdf's JSON (version 2, streams decoded)."""

    def __init__(self, pdf):
        rc, out, err = run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                            "--decode-level=generalized", pdf])
        if rc not in (0, 3):
            raise ValueError("qpdf: " + err.strip())
        head, self.objs = json.loads(out)["qpdf"]
        self.version = head["pdfversion"]
        self.trailer = self.objs["trailer"]["value"]
        self.root = self.get(self.trailer["/Root"])
        self.pages = []
        self._walk(self.root["/Pages"], {})

    def get(self, v):
        """v with an indirect reference followed (a stream gives its dict)."""
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get("obj:" + v, {})
            return o["value"] if "value" in o else o.get("stream", {}).get("dict")
        return v

    def stream(self, v):
        o = self.objs.get("obj:" + v, {}) if isinstance(v, str) else {}
        s = o.get("stream")
        return (s["dict"], base64.b64decode(s.get("data", ""))) if s else (None, None)

    def _walk(self, ref, inherited):
        node = self.get(ref)
        inh = dict(inherited)
        for k in ("/Resources", "/MediaBox"):
            if k in node:
                inh[k] = node[k]
        if node.get("/Type") == "/Pages":
            for kid in node.get("/Kids", []):
                self._walk(kid, inh)
        else:
            page = dict(inh)
            page.update(node)
            page["ref"] = ref
            self.pages.append(page)

    def contents(self, page):
        c = page.get("/Contents")
        refs = c if isinstance(c, list) else [c] if c else []
        return b"\n".join(self.stream(r)[1] or b"" for r in refs).decode("latin-1")


def text(v):
    """A PDF string from qpdf's JSON ("u:..." text, "b:..." hex bytes)."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return None


def pdf_date(s):
    """D:YYYYMMDDHHmmSS with an optional zone -> aware datetime, or None."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?(00'00'?)?", s or "")
    if not m:
        return None
    y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
    tz = datetime.timezone.utc
    z = m.group(7)
    if z and z != "Z":
        sign = -1 if z[0] == "-" else 1
        hh, mm_ = int(z[1:3]), int(z.replace("'", "")[3:5])
        tz = datetime.timezone(sign * datetime.timedelta(hours=hh, minutes=mm_))
    return datetime.datetime(y, mo, d, h, mi, se, tzinfo=tz)


def xmp_date(s):
    try:
        return datetime.datetime.fromisoformat((s or "").replace("Z", "+00:00"))
    except ValueError:
        return None


# ------------------------------------------------------- document checks

def check_output_intent(pdf, doc):
    intents = [doc.get(i) for i in doc.get(doc.root.get("/OutputIntents")) or []]
    x = [i for i in intents if i.get("/S") == "/GTS_PDFX"]
    if not check(len(x) == 1, pdf, f"{len(x)} GTS_PDFX output intents (want 1)"):
        return
    oi = x[0]
    ident = text(oi.get("/OutputConditionIdentifier"))
    check(ident, pdf, "output intent without an OutputConditionIdentifier")
    if ident and ident.startswith("FOGRA"):
        check(text(oi.get("/RegistryName")), pdf, f"registered condition {ident} without a RegistryName")
    d, data = doc.stream(oi.get("/DestOutputProfile"))
    if not check(data, pdf, "output intent without an embedded DestOutputProfile"):
        return
    check(d.get("/N") == 4, pdf, f"output profile /N {d.get('/N')}, want 4")
    ok = len(data) >= 128 and data[36:40] == b"acsp"
    check(ok and data[12:16] == b"prtr" and data[16:20] == b"CMYK", pdf,
          f"output profile is not a CMYK output profile "
          f"(class {data[12:16]!r}, space {data[16:20]!r})" if ok else "output profile is not ICC")


def check_metadata(pdf, doc):
    info = doc.get(doc.trailer.get("/Info")) or {}
    check(text(info.get("/GTS_PDFXVersion")) == "PDF/X-4", pdf,
          f"Info GTS_PDFXVersion is {info.get('/GTS_PDFXVersion')!r}")
    check(info.get("/Trapped") == "/False", pdf, f"Info /Trapped is {info.get('/Trapped')!r}, want /False")
    title = text(info.get("/Title"))
    check(title, pdf, "Info has no Title")
    created, modified = pdf_date(text(info.get("/CreationDate"))), pdf_date(text(info.get("/ModDate")))
    check(created and modified, pdf, f"Info dates {info.get('/CreationDate')!r}, {info.get('/ModDate')!r}")
    ids = doc.trailer.get("/ID")
    # 16 bytes each: qpdf writes a string as hex ("b:" + 32 digits), or, when
    # the bytes happen to read as PDFDocEncoding text, as that text ("u:" and
    # one character a byte).
    check(isinstance(ids, list) and len(ids) == 2 and all(
        isinstance(i, str) and ((i.startswith("b:") and len(i) == 34) or (i.startswith("u:") and len(i) == 18))
        for i in ids), pdf, f"trailer /ID {ids!r}")
    check(doc.get(doc.root.get("/MarkInfo") or {}).get("/Marked") is True and "/StructTreeRoot" in doc.root,
          pdf, "not tagged (MarkInfo /Marked, StructTreeRoot)")

    _, data = doc.stream(doc.root.get("/Metadata"))
    if not check(data, pdf, "no XMP metadata stream"):
        return created
    try:
        xmp = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", data))
    except ET.ParseError as e:
        fail(pdf, f"XMP does not parse: {e}")
        return created
    def prop(name):
        ns, local = name.split(":")
        e = xmp.find(f".//{{{NS[ns]}}}{local}")
        if e is None:
            return None
        li = e.find(f".//{{{NS['rdf']}}}li")
        return (li.text if li is not None else e.text) or ""
    check(prop("pdfxid:GTS_PDFXVersion") == "PDF/X-4", pdf,
          f"XMP pdfxid:GTS_PDFXVersion is {prop('pdfxid:GTS_PDFXVersion')!r}")
    check(prop("pdfuaid:part") == "1", pdf, "XMP lost pdfuaid:part 1 (PDF/UA)")
    check(prop("pdf:Trapped") == "False", pdf, f"XMP pdf:Trapped is {prop('pdf:Trapped')!r}")
    check(prop("dc:title") == title, pdf, f"XMP dc:title {prop('dc:title')!r} is not Info Title {title!r}")
    for key, want in (("xmp:CreateDate", created), ("xmp:ModifyDate", modified)):
        got = xmp_date(prop(key))
        check(got and want and got == want, pdf, f"XMP {key} {prop(key)!r} is not the Info date {want}")
    for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass"):
        check(prop(key), pdf, f"XMP has no {key}")
    return created


# ----------------------------------------------------------- page checks

def colour_spaces(doc, res):
    """name -> (family, components) for the page's named colour spaces."""
    out = {}
    for name, cs in (doc.get(doc.get(res or {}).get("/ColorSpace")) or {}).items():
        out[name] = space_of(doc, cs)
    return out


def space_of(doc, cs):
    cs = doc.get(cs)
    if isinstance(cs, str):
        return cs, {"/DeviceCMYK": 4, "/DeviceGray": 1, "/DeviceRGB": 3}.get(cs, 0)
    if isinstance(cs, list) and cs:
        fam = cs[0]
        if fam == "/ICCBased":
            return fam, (doc.get(cs[1]) or {}).get("/N", 0)
        if fam == "/Separation":
            return f"/Separation {cs[1]}", 1
        if fam == "/DeviceN":
            return fam, len(doc.get(cs[1]) or [])
        return fam, 0
    return repr(cs), 0


ALLOWED = ("/DeviceCMYK", "/DeviceGray", "/ICCBased", "/Separation", "/DeviceN")


def check_images(pdf, doc, pno, res, seen):
    for name, ref in (doc.get(doc.get(res or {}).get("/XObject")) or {}).items():
        if ref in seen:
            continue
        seen.add(ref)
        x = doc.get(ref) or {}
        if x.get("/Subtype") == "/Form":
            check_images(pdf, doc, pno, x.get("/Resources"), seen)
            continue
        if x.get("/Subtype") != "/Image":
            continue
        fam, n = space_of(doc, x.get("/ColorSpace"))
        check(fam.startswith(ALLOWED), pdf, f"page {pno}: image {name} in {fam}")
        check(x.get("/BitsPerComponent", 0) <= 8, pdf,
              f"page {pno}: image {name} has {x.get('/BitsPerComponent')} bits a component")
        if "/SMask" in x:
            m = doc.get(x["/SMask"]) or {}
            check(m.get("/ColorSpace") == "/DeviceGray", pdf, f"page {pno}: image {name}'s soft mask is not grey")


TOKEN = re.compile(r"<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/\[\]<>()]+|[^\s/\[\]<>()]+")
REG = "/Separation /All"


def inside(pt, box, tol=TOL):
    return box[0] - tol <= pt[0] <= box[2] + tol and box[1] - tol <= pt[1] <= box[3] + tol


def check_content(pdf, pno, text_, spaces, bleed):
    """Colour operators, where paths go, and the colour of what lies
    beyond the bleed.  Returns the text runs painted outside the bleed
    in registration colour: [(x, y)] of their Td."""
    ctm = [1, 0, 0, 1, 0, 0]
    stack = []
    ops = []
    path = []
    fill = stroke = ("/DeviceGray", 1)
    tm = None
    problems = set()
    slug_runs = []

    def apply(x, y):
        a, b, c, d, e, f = ctm
        return (a * x + c * y + e, b * x + d * y + f)

    def space(tok, op):
        if tok in ("/DeviceCMYK", "/DeviceGray"):
            return tok, 4 if tok == "/DeviceCMYK" else 1
        if tok in spaces:
            fam, n = spaces[tok]
            if not fam.startswith(ALLOWED):
                problems.add(f"'{op}' selects {tok}, a {fam} space")
            return fam, n
        problems.add(f"'{op}' selects colour space {tok}, which is not allowed or not in the resources")
        return tok, 0

    in_array = 0
    for tok in TOKEN.findall(text_):
        if tok == "[":
            in_array += 1
            continue
        if tok == "]":
            in_array -= 1
            continue
        if in_array or tok.startswith(("/", "(", "<")):
            ops.append(tok)
            continue
        try:
            ops.append(float(tok))
            continue
        except ValueError:
            pass
        op = tok
        nums = [v for v in ops if isinstance(v, float)]
        names = [v for v in ops if isinstance(v, str) and v.startswith("/")]
        if op in ("rg", "RG"):
            problems.add(f"DeviceRGB operator '{op}'")
        elif op == "k":
            fill = ("/DeviceCMYK", 4)
        elif op == "K":
            stroke = ("/DeviceCMYK", 4)
        elif op == "g":
            fill = ("/DeviceGray", 1)
        elif op == "G":
            stroke = ("/DeviceGray", 1)
        elif op in ("cs", "CS") and names:
            sp = space(names[-1], op)
            if op == "cs":
                fill = sp
            else:
                stroke = sp
        elif op in ("sc", "scn", "SC", "SCN"):
            want = (fill if op.islower() else stroke)[1]
            if len(nums) != want:
                problems.add(f"'{op}' with {len(nums)} components in a {want}-component space")
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
        elif op == "c" and len(nums) >= 6:
            path += [apply(nums[-6], nums[-5]), apply(nums[-4], nums[-3]), apply(nums[-2], nums[-1])]
        elif op in ("v", "y") and len(nums) >= 4:
            path += [apply(nums[-4], nums[-3]), apply(nums[-2], nums[-1])]
        elif op == "re" and len(nums) >= 4:
            x, y, w, h = nums[-4:]
            path += [apply(x, y), apply(x + w, y + h)]
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            is_mark = op in ("S", "s") and stroke[0] == REG
            for p in path:
                if is_mark and inside(p, bleed, -TOL):
                    problems.add(f"mark at ({p[0]:.1f}, {p[1]:.1f}) inside the bleed area")
                elif not is_mark and op != "n" and not inside(p, bleed):
                    problems.add(f"'{op}' graphics at ({p[0]:.1f}, {p[1]:.1f}) outside the bleed, "
                                 f"not in registration colour")
            path = []
        elif op == "BT":
            tm = None
        elif op == "Td" and len(nums) >= 2:
            tm = apply(*nums[-2:])
        elif op in ("Tj", "TJ", "'", '"') and tm is not None:
            if not inside(tm, bleed):
                if fill[0] != REG:
                    problems.add(f"text at ({tm[0]:.1f}, {tm[1]:.1f}) outside the bleed, "
                                 f"not in registration colour")
                slug_runs.append(tm)
        elif op == "Do":
            for corner in ((0, 0), (1, 1)):
                p = apply(*corner)
                if not inside(p, bleed):
                    problems.add(f"image reaching ({p[0]:.1f}, {p[1]:.1f}), outside the bleed")
        ops = []
    for p in sorted(problems):
        fail(pdf, f"page {pno}: {p}")
    if not problems:
        check(True, pdf, "")
    return slug_runs


def check_text(pdf, pages, created):
    """Every word inside the trim but the slug; the slug says what it must."""
    rc, xml, err = run(["pdftotext", "-bbox-layout", pdf, "-"])
    if not check(rc == 0, pdf, "pdftotext: " + err.strip()):
        return
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'xmlns="[^"]*"', "", xml)
    root = ET.fromstring(xml)
    bad = []
    name = os.path.basename(pdf)
    day = created.strftime("%Y-%m-%d") if created else "?"
    for pno, page in enumerate(root.iter("page")):
        if pno >= len(pages):
            break
        t, b = pages[pno]["/TrimBox"], pages[pno]["/BleedBox"]
        H = float(page.get("height"))
        slug = []
        for wd in page.iter("word"):
            x0, y0, x1, y1 = (float(wd.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            # pdftotext measures from the top of the media box.
            if x0 >= t[0] - 0.5 and x1 <= t[2] + 0.5 and H - y1 >= t[1] - 0.5 and H - y0 <= t[3] + 0.5:
                continue
            if H - y0 < b[1] and x0 > 0 and x1 < float(page.get("width")) and H - y1 > 0:
                slug.append(wd.text or "")
            else:
                bad.append(f"p{pno + 1} '{wd.text}'")
        line = " ".join(slug)
        n = len(pages)
        check(name in line and day in line and
              (f"page {pno + 1} of {n}" in line or f"sheet side {pno + 1} of {n}" in line),
              pdf, f"page {pno + 1}: slug line {line!r} does not give the file {name}, "
                   f"the date {day} and the page")
    check(not bad, pdf, f"{len(bad)} words outside the trim and not in the slug: {bad[:4]}")


def trim_size(page):
    t = page["/TrimBox"]
    return t[2] - t[0], t[3] - t[1]


def check_pdf(pdf, screen, bleed_pt):
    with open(pdf, "rb") as f:
        head = f.read(16)
    m = re.match(rb"%PDF-(\d)\.(\d)", head)
    check(m and (int(m.group(1)), int(m.group(2))) <= (1, 6), pdf, f"header {head[:8]!r}: PDF/X-4 needs 1.6 or lower")
    try:
        doc = Doc(pdf)
    except (ValueError, KeyError) as e:
        fail(pdf, str(e))
        return
    check_output_intent(pdf, doc)
    created = check_metadata(pdf, doc)

    pages = doc.pages
    seen = set()
    for i, page in enumerate(pages):
        pno = i + 1
        if not check("/TrimBox" in page and "/BleedBox" in page, pdf, f"page {pno}: no TrimBox or BleedBox"):
            return
        media, trim, bleed = page["/MediaBox"], page["/TrimBox"], page["/BleedBox"]
        grown = (trim[0] - bleed_pt, trim[1] - bleed_pt, trim[2] + bleed_pt, trim[3] + bleed_pt)
        if any(abs(u - v) > TOL for u, v in zip(bleed, grown)):
            fail(pdf, f"page {pno}: BleedBox {bleed} is not the trim {trim} grown by {bleed_pt / MM:.1f} mm")
        else:
            check(media[0] < bleed[0] - 1 and media[1] < bleed[1] - 1 and media[2] > bleed[2] + 1 and
                  media[3] > bleed[3] + 1, pdf,
                  f"page {pno}: MediaBox {media} leaves no room for marks beyond the bleed {bleed}")
        annots = [doc.get(a) for a in doc.get(page.get("/Annots")) or []]
        inner = [a.get("/Subtype") for a in annots
                 if not (a["/Rect"][2] < bleed[0] or a["/Rect"][0] > bleed[2] or
                         a["/Rect"][3] < bleed[1] or a["/Rect"][1] > bleed[3])]
        check(not inner, pdf, f"page {pno}: {len(inner)} annotations inside the BleedBox ({inner[:3]})")
        spaces = colour_spaces(doc, page.get("/Resources"))
        check(any(fam == REG for fam, _ in spaces.values()), pdf,
              f"page {pno}: no Separation /All (registration) colour space for the marks")
        check_images(pdf, doc, pno, page.get("/Resources"), seen)
        runs = check_content(pdf, pno, doc.contents(page), spaces, bleed)
        check(runs, pdf, f"page {pno}: no slug line outside the bleed")

    if screen:
        sp = Doc(screen).pages
        sw, sh = trim_size(sp[0])
        pw, ph = trim_size(pages[0])
        imposed = abs(ph - sh) < 0.5 and abs(pw - 2 * sw) < 0.5 and len(pages) * 2 == len(sp)
        check(imposed or (abs(pw - sw) < 0.5 and abs(ph - sh) < 0.5 and len(pages) == len(sp)), pdf,
              f"trim {pw / MM:.1f}x{ph / MM:.1f} mm on {len(pages)} pages; the screen variant has "
              f"{sw / MM:.1f}x{sh / MM:.1f} mm on {len(sp)}")
        if imposed:
            single = pdf[:-4] + "-pages.pdf"
            if check(os.path.exists(single), pdf, f"an imposed booklet without its single pages {single}"):
                qp = Doc(single).pages
                check(len(qp) == len(sp) and all(abs(a - b) < 0.5 for a, b in zip(trim_size(qp[0]), (sw, sh))),
                      single, f"{len(qp)} pages of {trim_size(qp[0])}, the screen variant has {len(sp)} of "
                              f"{(sw, sh)}")

    check_text(pdf, pages, created)
    rc, out, err = run(["pdffonts", pdf])
    bad = [l.split()[0] for l in out.splitlines()[2:] if len(l.split()) >= 7 and l.split()[-5] != "yes"]
    check(not bad, pdf, f"fonts not embedded: {bad}")


def show(pdf):
    """One file's output intent, Info, XMP and the marks of its first page."""
    doc = Doc(pdf)
    print(f"== {pdf}: PDF {doc.version}")
    for oi in doc.get(doc.root.get("/OutputIntents")) or []:
        oi = dict(doc.get(oi))
        d, data = doc.stream(oi["/DestOutputProfile"])
        oi["/DestOutputProfile"] = (f"ICC stream, {len(data)} bytes, /N {d.get('/N')}, class "
                                    f"{data[12:16].decode()}, space {data[16:20].decode()}")
        print("-- /OutputIntents [0]")
        for k, v in oi.items():
            print(f"  {k} {text(v) or v}")
    print("-- Info")
    for k, v in (doc.get(doc.trailer.get("/Info")) or {}).items():
        print(f"  {k} {text(v) or v}")
    print(f"-- trailer /ID {doc.trailer.get('/ID')}")
    print("-- XMP")
    print(doc.stream(doc.root.get("/Metadata"))[1].decode("utf-8").rstrip())
    page = doc.pages[0]
    print("-- page 1: boxes")
    for k in ("/MediaBox", "/BleedBox", "/TrimBox"):
        print(f"  {k} {page[k]}")
    print(f"  /ColorSpace {doc.get(page['/Resources']).get('/ColorSpace')}")
    c = doc.contents(page)
    at = c.rfind("/Artifact BMC", 0, c.find("/LPAll CS"))
    print("-- page 1: marks and slug (content stream)")
    print(c[at:].rstrip())


def main(argv):
    out_dir = "out"
    bleed_mm = 3.0
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--bleed-mm" and args:
            bleed_mm = float(args.pop(0))
        elif a == "--show" and args:
            show(args.pop(0))
            return 0
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            out_dir = a
    root = os.path.join(out_dir, "print")
    pdfs = sorted(glob.glob(os.path.join(root, "**", "*.pdf"), recursive=True))
    if not pdfs:
        print(f"print_check: no PDFs under {root}")
        return 1
    for pdf in pdfs:
        rel = os.path.relpath(pdf, root)
        screen = os.path.join(out_dir, rel)
        if rel.endswith("-pages.pdf") and not os.path.exists(screen):
            screen = os.path.join(out_dir, rel[:-len("-pages.pdf")] + ".pdf")
        check_pdf(pdf, screen if os.path.exists(screen) else None, bleed_mm * MM)
    for f in failures:
        print("FAIL " + f)
    print(f"print_check: {len(pdfs)} PDFs, {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
