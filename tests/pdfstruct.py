"""Reads a PDF's logical structure directly from its objects: no viewer's
tolerant reader in between, so an element a viewer would drop (an unknown
structure type, a broken kid) is seen as it is.

qpdf --json gives the objects with their streams decoded; this module walks
the page tree, parses each page's content stream into marked-content
sequences (with the text each one shows: two-byte codes read through each
font's ToUnicode map, or a marked-content sequence's ActualText where one
stands in for what it paints), and builds the structure tree with each element's
kids in order: elements, marked content (by MCID) and annotations (OBJR).
"""
import base64
import json
import re
import subprocess

# PDF 32000-1:2008, 14.8.4: the standard structure types.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}

# Elements that sit inside a line of text: the tree printout shows them
# inside their paragraph's text as well as on lines of their own.
INLINE_TYPES = {"Span", "Link", "Quote", "Code", "Reference"}


def text_of(v):
    """A PDF string as qpdf's JSON gives it ("u:text" or "b:hex") as str."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw[:2] == b"\xfe\xff":
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return None


class Elem:
    def __init__(self, ref, d):
        self.ref = ref
        self.d = d
        self.s = d.get("/S", "")[1:]
        self.alt = text_of(d.get("/Alt"))
        self.actual = text_of(d.get("/ActualText"))
        self.lang = text_of(d.get("/Lang"))
        self.id = d.get("/ID")
        self.kids = []  # Elem, ("mc", page_index, mcid), ("objr", annot_ref)
        self.parent = None

    def role(self, rolemap):
        s, seen = self.s, set()
        while s not in STANDARD_TYPES and s in rolemap and s not in seen:
            seen.add(s)
            s = rolemap[s]
        return s


class Doc:
    def __init__(self, path):
        self.path = path
        p = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                            "--decode-level=generalized", path], capture_output=True, text=True)
        if p.returncode not in (0, 3):
            raise RuntimeError(f"qpdf --json failed: {p.stderr.strip()}")
        q = json.loads(p.stdout)["qpdf"][1]
        self.objs = q
        self.trailer = q.get("trailer", {}).get("value", {})
        self.catalog = self.get(self.trailer.get("/Root"))
        self.pages = []
        self._walk_pages(self.catalog.get("/Pages"))
        self.page_index = {ref: i for i, ref in enumerate(self.pages)}
        # (page index, mcid) -> text; per page the untagged painting found
        self.mc_text = {}
        self.mc_seen = []  # (page, mcid) in content order
        self.untagged = []  # (page index, operator)
        self.cmaps = {}  # font ref -> {code: text}
        for i, ref in enumerate(self.pages):
            self._parse_page(i, ref)
        root = self.get(self.catalog.get("/StructTreeRoot"))
        self.struct_root = root
        self.rolemap = {k[1:]: v[1:] for k, v in (root or {}).get("/RoleMap", {}).items()}
        self.elems = []
        self.roots = []
        self.bad_kids = []
        if root:
            for k in self._list(root.get("/K")):
                e = self._elem(k, None)
                if e:
                    self.roots.append(e)

    # ---- objects
    def obj(self, ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            return self.objs.get("obj:" + ref, {})
        return {}

    def get(self, ref):
        """The value behind a reference (a stream's dictionary for a stream)."""
        if isinstance(ref, str) and ref.endswith(" R"):
            o = self.obj(ref)
            if "value" in o:
                return o["value"]
            if "stream" in o:
                return o["stream"].get("dict", {})
            return None
        return ref

    def stream_data(self, ref):
        o = self.obj(ref)
        st = o.get("stream", {})
        data = st.get("data")
        return base64.b64decode(data) if data else b""

    @staticmethod
    def _list(v):
        if v is None:
            return []
        return v if isinstance(v, list) else [v]

    def _walk_pages(self, ref, depth=0):
        node = self.get(ref) or {}
        if node.get("/Type") == "/Page":
            self.pages.append(ref)
            return
        if depth > 32:
            return
        for k in node.get("/Kids", []):
            self._walk_pages(k, depth + 1)

    # ---- content streams
    TOKEN = re.compile(rb"""
        (?P<ws>[\s]+) |
        (?P<comment>%[^\r\n]*) |
        (?P<hex><[0-9A-Fa-f\s]*>) |
        (?P<dopen><<) | (?P<dclose>>>) |
        (?P<aopen>\[) | (?P<aclose>\]) |
        (?P<lit>\() |
        (?P<name>/[^\s/\[\]()<>{}%]*) |
        (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)) |
        (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
    """, re.X)

    @staticmethod
    def _literal(data, i):
        """Parses a literal string starting after its '(' at i; returns (bytes, end)."""
        out, depth = bytearray(), 1
        while i < len(data):
            c = data[i]
            if c == 0x5C:  # backslash
                i += 1
                e = data[i:i + 1]
                m = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}.get(e)
                if m is not None:
                    out.append(m)
                elif e and e in b"01234567":
                    j = i
                    while j < i + 3 and j < len(data) and data[j:j + 1] in b"01234567":
                        j += 1
                    out.append(int(data[i:j], 8) & 0xFF)
                    i = j - 1
                elif e in (b"\r", b"\n"):
                    pass
                else:
                    out += e
            elif c == 0x28:
                depth += 1
                out.append(c)
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    return bytes(out), i + 1
                out.append(c)
            else:
                out.append(c)
            i += 1
        return bytes(out), i

    def _tokens(self, data):
        i = 0
        while i < len(data):
            m = self.TOKEN.match(data, i)
            if not m:
                i += 1
                continue
            kind = m.lastgroup
            if kind == "lit":
                s, i = self._literal(data, m.end())
                yield "str", s
                continue
            i = m.end()
            if kind in ("ws", "comment"):
                continue
            tok = m.group(kind)
            if kind == "hex":
                h = re.sub(rb"\s", b"", tok[1:-1])
                if len(h) % 2:
                    h += b"0"
                yield "str", bytes.fromhex(h.decode())
            else:
                yield kind, tok

    @staticmethod
    def parse_tounicode(data):
        """A ToUnicode CMap's bfchar and bfrange entries as {code: text}."""
        m = {}
        text = data.decode("latin-1")

        def utf16(h):
            return bytes.fromhex(h).decode("utf-16-be", "replace")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                m[int(src, 16)] = utf16(dst)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for a, b, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
                a, b = int(a, 16), int(b, 16)
                if rest.startswith("["):
                    for k, h in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                        m[a + k] = utf16(h)
                    continue
                d = bytearray(bytes.fromhex(rest[1:-1]))
                for k in range(a, b + 1):
                    m[k] = bytes(d).decode("utf-16-be", "replace")
                    d[-1] = (d[-1] + 1) & 0xFF
        return m

    def _font_map(self, ref):
        if ref not in self.cmaps:
            font = self.get(ref) or {}
            tu = font.get("/ToUnicode")
            self.cmaps[ref] = self.parse_tounicode(self.stream_data(tu)) if tu else None
        return self.cmaps[ref]

    def _codes_text(self, b, font):
        """Two-byte codes (Identity-H) through the font's ToUnicode map."""
        m = self._font_map(font) if font else None
        codes = [(b[k] << 8) | b[k + 1] for k in range(0, len(b) - 1, 2)]
        if m is None:
            return "".join(chr(c) for c in codes)
        return "".join(m.get(c, "\ufffd") for c in codes)

    def _parse_page(self, index, ref):
        page = self.get(ref)
        data = b"".join(self.stream_data(c) + b"\n" for c in self._list(page.get("/Contents")))
        res = self.get(page.get("/Resources")) or {}
        fonts = self.get(res.get("/Font")) or {}
        font = None
        stack = []  # (tag, mcid or None, ActualText or None)
        operands = []
        dict_depth = 0
        arr = None
        PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "b", "b*", "B", "B*", "Do", "sh"}
        for kind, tok in self._tokens(data):
            if kind == "dopen":
                dict_depth += 1
                operands.append(("dict", []))
                continue
            if kind == "dclose":
                dict_depth -= 1
                continue
            if dict_depth > 0:
                operands[-1][1].append((kind, tok))
                continue
            if kind == "aopen":
                arr = []
                continue
            if kind == "aclose":
                operands.append(("arr", arr or []))
                arr = None
                continue
            if arr is not None:
                arr.append((kind, tok))
                continue
            if kind != "op":
                operands.append((kind, tok))
                continue
            op = tok.decode("latin-1")
            if op in ("BDC", "BMC"):
                tag = operands[0][1].decode()[1:] if operands and operands[0][0] == "name" else "?"
                mcid = None
                actual = None
                if op == "BDC" and len(operands) > 1 and operands[1][0] == "dict":
                    items = operands[1][1]
                    for j in range(len(items) - 1):
                        if items[j] == ("name", b"/MCID") and items[j + 1][0] == "num":
                            mcid = int(items[j + 1][1])
                        if items[j] == ("name", b"/ActualText") and items[j + 1][0] == "str":
                            raw = items[j + 1][1]
                            actual = raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
                if actual is not None and not any(a is not None for _, _, a in stack):
                    owner = next(((t, m) for t, m, _ in reversed(stack) if m is not None), None)
                    if owner is not None:
                        self.mc_text[(index, owner[1])] += actual
                stack.append((tag, mcid, actual))
                if mcid is not None:
                    self.mc_text.setdefault((index, mcid), "")
                    self.mc_seen.append((index, mcid))
            elif op == "Tf":
                if operands and operands[0][0] == "name":
                    font = fonts.get(operands[0][1].decode("latin-1"))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in PAINT:
                if not stack:
                    self.untagged.append((index, op))
                elif op in ("Tj", "TJ", "'", '"'):
                    owner = next(((t, m) for t, m, _ in reversed(stack) if m is not None), None)
                    if any(a is not None for _, _, a in stack):
                        owner = None  # its ActualText said it
                    texts = []
                    for k, v in operands:
                        if k == "str":
                            texts.append(v)
                        elif k == "arr":
                            texts += [x for kk, x in v if kk == "str"]
                    if owner is not None:
                        key = (index, owner[1])
                        self.mc_text[key] += "".join(self._codes_text(t, font) for t in texts)
            operands = []

    # ---- structure tree
    def _elem(self, ref, parent):
        d = self.get(ref)
        if not isinstance(d, dict):
            self.bad_kids.append(f"kid {ref} is not a dictionary")
            return None
        if d.get("/Type") not in (None, "/StructElem"):
            return None
        e = Elem(ref, d)
        e.parent = parent
        self.elems.append(e)
        if len(self.elems) > 100000:
            raise RuntimeError("structure tree too large or cyclic")
        pg = self.page_index.get(d.get("/Pg"))
        for k in self._list(d.get("/K")):
            if isinstance(k, int):
                if pg is None:
                    self.bad_kids.append(f"{e.s}: MCID {k} without /Pg")
                else:
                    e.kids.append(("mc", pg, k))
                continue
            kd = self.get(k)
            if isinstance(kd, dict) and kd.get("/Type") == "/MCR":
                kp = self.page_index.get(kd.get("/Pg"), pg)
                e.kids.append(("mc", kp, kd.get("/MCID")))
            elif isinstance(kd, dict) and kd.get("/Type") == "/OBJR":
                e.kids.append(("objr", kd.get("/Obj")))
            else:
                c = self._elem(k, e)
                if c:
                    e.kids.append(c)
        return e

    def text(self, e, actual=True):
        """The text an element reads as: ActualText where given, else its
        marked content and its kids' text in order."""
        if actual and e.actual is not None:
            return e.actual
        out = []
        for k in e.kids:
            if isinstance(k, Elem):
                # block elements are apart even when no space was drawn
                sep = "" if k.s in INLINE_TYPES else " "
                out.append(sep + self.text(k, actual) + sep)
            elif k[0] == "mc":
                out.append(self.mc_text.get((k[1], k[2]), ""))
        return "".join(out)

    def walk(self, e=None, depth=0):
        """(elem, depth) in reading order."""
        if e is None:
            for r in self.roots:
                yield from self.walk(r, 0)
            return
        yield e, depth
        for k in e.kids:
            if isinstance(k, Elem):
                yield from self.walk(k, depth + 1)

    def first_page(self, e):
        for k in e.kids:
            if isinstance(k, Elem):
                p = self.first_page(k)
                if p is not None:
                    return p
            elif k[0] == "mc":
                return k[1]
        return None

    # ---- outlines
    def outlines(self):
        """[(depth, title, page index or None)] in order."""
        out = []
        root = self.get(self.catalog.get("/Outlines"))
        if not root:
            return out

        def walk(ref, depth, guard):
            while ref and ref not in guard and len(guard) < 10000:
                guard.add(ref)
                it = self.get(ref) or {}
                out.append((depth, text_of(it.get("/Title")) or "", self.dest_page(it)))
                walk(it.get("/First"), depth + 1, guard)
                ref = it.get("/Next")
        walk(root.get("/First"), 0, set())
        return out

    def dest_page(self, d):
        """The page a link annotation or outline item goes to, or None."""
        dest = d.get("/Dest")
        a = self.get(d.get("/A"))
        if dest is None and isinstance(a, dict) and a.get("/S") == "/GoTo":
            dest = a.get("/D")
        dest = self.get(dest)
        if isinstance(dest, list) and dest:
            return self.page_index.get(dest[0])
        return None

    def tree_lines(self, e=None, depth=0, width=70):
        """The structure tree as indented lines (for people to read)."""
        lines = []
        for el, dep in self.walk():
            inline = all(not isinstance(k, Elem) or k.s in INLINE_TYPES for k in el.kids)
            own = self.text(el, False) if inline and el.s not in INLINE_TYPES or el.s == "Link" else \
                "".join(self.mc_text.get((k[1], k[2]), "") for k in el.kids
                        if not isinstance(k, Elem) and k[0] == "mc")
            extra = []
            if el.lang:
                extra.append(f"Lang={el.lang}")
            if el.alt is not None:
                extra.append(f'Alt="{el.alt}"')
            if el.actual is not None:
                extra.append(f'ActualText="{el.actual}"')
            if any(not isinstance(k, Elem) and k[0] == "objr" for k in el.kids):
                annots = [self.get(k[1]) for k in el.kids if not isinstance(k, Elem) and k[0] == "objr"]
                for a in annots:
                    c = text_of(a.get("/Contents"))
                    uri = (self.get(a.get("/A")) or {}).get("/URI")
                    pg = self.dest_page(a)
                    extra.append(f'annot Contents="{c}"' + (f" -> page {pg + 1}" if pg is not None else "")
                                 + (f" -> {text_of(uri)}" if uri else ""))
            s = own.strip()
            if len(s) > width:
                s = s[:width - 1] + "\u2026"
            lines.append("  " * dep + el.s + (f' "{s}"' if s else "") +
                         ("  [" + "; ".join(extra) + "]" if extra else ""))
        return lines
