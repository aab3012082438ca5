#!/bin/sh
# make bench: how fast leafpress is, how much memory it takes and how big its
# PDFs are, next to what a user would pick instead, all measured in one run.
#
#   BENCH_RUNS=20      runs of each leafpress measurement (peers: at most 5)
#   BENCH_PEERS=0      do not try to install the peers (measure those present)
#   BENCH_GUIDE=FILE   the one-minute guide (default what-is-csa)
#
# Rows: one A4 one-minute guide, one process per document; the same guide
# built 50 times in one process (per document); the whole catalogue, both
# variants, in one process and as one process per document two at a time
# (what `make -j2` does).  Peers, on equivalent input (the same Markdown with
# directives and contact placeholders written out): pandoc -> XeLaTeX,
# pandoc -> WeasyPrint, and Typst through its Node compiler, one-shot and per
# document in one process.  Time is wall-clock; peak RSS is the process's
# own (wait4), which includes its children.
set -eu
cd "$(dirname "$0")/.."
LEAFPRESS=${LEAFPRESS:-build/leafpress}
WORK=${BENCH_DIR:-build/bench}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd) # absolute: the steps below change directory
[ -x "$LEAFPRESS" ] || { echo "bench: $LEAFPRESS is not built (make first)" >&2; exit 1; }
# A copy, so a rebuild during the run cannot swap the binary under it.
cp "$LEAFPRESS" "$WORK/leafpress"
LEAFPRESS=$WORK/leafpress

# Peers are large (XeLaTeX is hundreds of MB), so only `make bench` asks for
# them, and a failed install only leaves their rows out.
if [ "${BENCH_PEERS:-1}" != 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
    need=""
    command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
    { command -v xelatex && kpsewhich pzdr.tfm; } >/dev/null 2>&1 ||
        need="$need texlive-xetex texlive-fonts-recommended lmodern"
    command -v weasyprint >/dev/null 2>&1 || need="$need weasyprint"
    if [ -n "$need" ]; then
        echo "bench: installing peers:$need" >&2
        { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
            --no-install-recommends $need; } >"$WORK/apt.log" 2>&1 ||
            echo "bench: could not install some peers (see $WORK/apt.log)" >&2
    fi
    if command -v npm >/dev/null 2>&1 && [ ! -d "$WORK/typst/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
        mkdir -p "$WORK/typst"
        (cd "$WORK/typst" && [ -f package.json ] || echo '{"private":true}' >package.json
         cd "$WORK/typst" && npm install --no-audit --no-fund --loglevel=error \
            @myriaddreamin/typst-ts-node-compiler) >"$WORK/npm.log" 2>&1 ||
            echo "bench: could not install the Typst compiler (see $WORK/npm.log)" >&2
    fi
fi

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
exec "$PY" - "$LEAFPRESS" "$WORK" "${BENCH_RUNS:-20}" \
    "${BENCH_GUIDE:-content/professionals/what-is-csa.md}" <<'EOF'
import concurrent.futures, os, re, shutil, statistics, subprocess, sys, time

leafpress, work, runs, guide = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
peer_runs = max(1, min(runs, 5))
COPIES = 50
env = dict(os.environ, SOURCE_DATE_EPOCH="0")

def run_once(cmd, cwd=None, check=True):
    """Wall time (s) and peak RSS (KiB) of one process and its children."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t0
    if p.returncode != 0 and check:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err.decode()[-400:]}")
    return dt, ru.ru_maxrss

def measure(cmd, n, per=1, prepare=None, cwd=None, check=True):
    times, rss = [], 0
    for _ in range(n):
        if prepare: prepare()
        dt, kb = run_once(cmd, cwd, check)
        times.append(dt / per)
        rss = max(rss, kb)
    return times, rss

def fresh(d):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)

def tree_pdfs(d):
    return [os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if f.endswith(".pdf")]

def tree_bytes(d):
    return sum(os.path.getsize(p) for p in tree_pdfs(d))

rows = []  # (group, name, times, rss KiB, bytes, note)
def row(group, name, times, rss, size, note=""):
    rows.append((group, name, times, rss, size, note))

# ---------------------------------------------------------------- leafpress
slug = os.path.basename(guide)[:-3]
aud = os.path.basename(os.path.dirname(guide))
one = os.path.join(work, "one")
t, rss = measure([leafpress, "build", "--variant", "screen", "-o", one, guide], runs,
                 prepare=lambda: fresh(one))
row("guide", "leafpress, one process", t, rss, os.path.getsize(f"{one}/{aud}/{slug}.pdf"))

copies = os.path.join(work, "copies")
fresh(copies)
for i in range(COPIES):
    shutil.copy(guide, os.path.join(copies, f"{slug}-{i:02d}.md"))
many = os.path.join(work, "many")
t, rss = measure([leafpress, "build", "--variant", "screen", "-o", many, copies],
                 max(1, runs // 4), per=COPIES, prepare=lambda: fresh(many))
row("guide", f"leafpress, per document in one process ({COPIES} copies)", t, rss,
    os.path.getsize(f"{many}/{aud}/{slug}-00.pdf"))

docs = sorted(os.path.join(r, f) for r, _, fs in os.walk("content") for f in fs if f.endswith(".md"))
cat = os.path.join(work, "catalogue")
# A document that fails to build still costs its parse and layout, so the
# rows stand; how many PDFs came out is part of the row's name.
t, rss = measure([leafpress, "build", "-o", cat, "content"], max(1, runs // 4), prepare=lambda: fresh(cat),
                 check=False)
row("catalogue", f"leafpress, {len(docs)} docs, both variants, one process ({len(tree_pdfs(cat))} PDFs)",
    t, rss, tree_bytes(cat))

def jobs2():
    fresh(cat)
    t0 = time.perf_counter()
    peak = 0
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        for _, kb in ex.map(lambda d: run_once([leafpress, "build", "-o", cat, d], check=False), docs):
            peak = max(peak, kb)
    return time.perf_counter() - t0, peak
res = [jobs2() for _ in range(max(1, runs // 4))]
row("catalogue", f"leafpress, one process per document, 2 at a time ({len(tree_pdfs(cat))} PDFs)",
    [r[0] for r in res], max(r[1] for r in res), tree_bytes(cat))

# -------------------------------------------------------- equivalent input
def plain_markdown(path):
    """The guide as plain Markdown: directives as block quotes, contacts
    written out, the front matter's contacts as a closing list."""
    text = open(path, encoding="utf-8").read()
    _, front, body = text.split("---\n", 2)
    try:
        import yaml
        meta = yaml.safe_load(front)
        contacts = yaml.safe_load(open("content/contacts.yaml", encoding="utf-8"))
    except Exception:
        meta, contacts = {"title": slug}, {}
    def contact(m):
        key, _, field = m.group(1).partition(".")
        c = contacts.get(key, {})
        if field:
            return str(c.get(field, key))
        return " ".join(str(c[k]) for k in ("name", "phone") if k in c) or key
    body = re.sub(r"\{\{contact:([a-z0-9.-]+)\}\}", contact, body)
    out, in_fence = [], None
    for line in body.split("\n"):
        m = re.match(r"```(\w+)(.*)", line)
        if m and in_fence is None:
            in_fence = m.group(1)
            title = re.search(r'title="([^"]*)"', m.group(2))
            src = re.search(r'source="([^"]*)"', m.group(2))
            out.append(f"> **{title.group(1)}**" if title else ">")
            if src: out.append(f"> ({src.group(1)})")
            out.append(">")
            continue
        if line.startswith("```") and in_fence is not None:
            in_fence = None
            out.append("")
            continue
        if in_fence == "contacts" and line.strip():
            line = contact(re.match(r"(.*)", line.strip()))
        out.append(("> " + line) if in_fence is not None else line)
    keys = meta.get("contacts") or []
    out.append("\n## Key contacts\n")
    out += [f"- {contact(re.match(r'(.*)', k))}" for k in keys]
    head = f"---\ntitle: \"{meta.get('title', '')}\"\nsubtitle: \"{meta.get('subtitle', '')}\"\nlang: en-GB\n---\n"
    return head, "\n".join(out), meta

def typst_source(meta, md):
    def esc(s):
        return re.sub(r"([#$@<>\\\[\]_`*~=/-])", r"\\\1", s)
    def inline(s):
        parts = re.split(r"\*\*(.+?)\*\*", s)
        return "".join(f"*{esc(p)}*" if i % 2 else esc(p) for i, p in enumerate(parts))
    lines = ['#set page(paper: "a4", margin: 15mm)', '#set text(size: 10pt, lang: "en")',
             f"= {esc(str(meta.get('title', '')))}", "", esc(str(meta.get("subtitle", ""))), ""]
    for line in md.split("\n"):
        m = re.match(r"(#+) (.*)", line)
        if m: lines.append("=" * len(m.group(1)) + " " + inline(m.group(2)))
        elif re.match(r"\s*[-*] ", line): lines.append("- " + inline(re.sub(r"^\s*[-*] ", "", line)))
        elif line.startswith(">"): lines.append(inline(line.lstrip("> ")))
        else: lines.append(inline(line))
    return "\n".join(lines) + "\n"

head, md, meta = plain_markdown(guide)
peer = os.path.join(work, "peer")
fresh(peer)
open(f"{peer}/guide.md", "w", encoding="utf-8").write(head + md)
open(f"{peer}/guide.css", "w").write("@page { size: A4; margin: 15mm } body { font: 10pt sans-serif }\n")

# Peers run inside the scratch directory: TeX leaves logs where it runs.
def peer_row(name, cmd, pdf):
    try:
        t, rss = measure(cmd, peer_runs, cwd=peer)
        row("guide", name, t, rss, os.path.getsize(os.path.join(peer, pdf)))
    except (RuntimeError, FileNotFoundError) as e:
        print(f"bench: {name}: {e}", file=sys.stderr)

if shutil.which("pandoc") and shutil.which("xelatex"):
    peer_row("pandoc -> XeLaTeX", ["pandoc", "guide.md", "--pdf-engine=xelatex",
             "-V", "geometry:a4paper,margin=15mm", "-o", "xelatex.pdf"], "xelatex.pdf")
else:
    print("bench: pandoc or xelatex not installed: no XeLaTeX row", file=sys.stderr)
if shutil.which("pandoc") and shutil.which("weasyprint"):
    peer_row("pandoc -> WeasyPrint", ["pandoc", "guide.md", "--pdf-engine=weasyprint",
             "--css", "guide.css", "-o", "weasy.pdf"], "weasy.pdf")
else:
    print("bench: pandoc or weasyprint not installed: no WeasyPrint row", file=sys.stderr)

typst_mod = os.path.abspath(f"{work}/typst/node_modules/@myriaddreamin/typst-ts-node-compiler")
if shutil.which("node") and os.path.isdir(typst_mod):
    open(f"{peer}/guide.typ", "w", encoding="utf-8").write(typst_source(meta, md))
    open(f"{peer}/typst.js", "w").write(f"""
const fs = require('fs');
const {{ NodeCompiler }} = require({typst_mod!r});
const src = fs.readFileSync(process.argv[2], 'utf8');
const n = Number(process.argv[3]);
const c = NodeCompiler.create();
let pdf;
for (let i = 0; i < n; i++) {{ pdf = c.pdf({{ mainFileContent: src + '\\n// ' + i + '\\n' }}); }}
fs.writeFileSync(process.argv[4], pdf);
""")
    peer_row("Typst (node compiler), one process", ["node", "typst.js", "guide.typ", "1", "typst.pdf"],
             "typst.pdf")
    try:
        t, rss = measure(["node", f"{peer}/typst.js", f"{peer}/guide.typ", str(COPIES), f"{peer}/typst.pdf"],
                         peer_runs, per=COPIES)
        row("guide", f"Typst, per document in one process ({COPIES} compiles)", t, rss,
            os.path.getsize(f"{peer}/typst.pdf"))
    except RuntimeError as e:
        print(f"bench: Typst: {e}", file=sys.stderr)
else:
    print("bench: Typst node compiler not installed: no Typst rows", file=sys.stderr)

# -------------------------------------------------------------------- table
print(f"\nleafpress bench: {runs} runs of each leafpress row, {peer_runs} of each peer; "
      f"{os.cpu_count()} cores; guide {guide}\n")
print(f"{'':66} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>9} {'PDF':>9} {'ratio':>7}")
base = {}
for group, name, times, rss, size, note in rows:
    med = statistics.median(times)
    base.setdefault(group, med)
    print(f"{name:66} {med*1000:7.1f}ms {min(times)*1000:7.1f}ms {max(times)*1000:7.1f}ms "
          f"{rss/1024:6.1f}MiB {size/1024:7.1f}KB {med/base[group]:6.1f}x")
print("\nratio: median time over the first row of its group (leafpress, one process).")

def target(label, ok):
    print(f"target {label}: {'met' if ok else 'MISSED'}")
by = {name: (statistics.median(t), rss, size) for _, name, t, rss, size, _ in rows}
g = by.get("leafpress, one process")
p = by.get(f"leafpress, per document in one process ({COPIES} copies)")
if g:
    target(f"one guide, one process <= 10 ms ({g[0]*1000:.1f} ms)", g[0] <= 0.010)
    target(f"peak memory <= 20 MiB ({g[1]/1024:.1f} MiB)", g[1] <= 20 * 1024)
    target(f"guide PDF, screen <= 30 KB ({g[2]/1024:.1f} KB)", g[2] <= 30 * 1024)
if p:
    target(f"one guide, per document in one process <= 10 ms ({p[0]*1000:.1f} ms)", p[0] <= 0.010)
j = [v for k, v in by.items() if k.startswith("leafpress, one process per document")]
if j:
    target(f"whole catalogue, both variants, 2 cores <= 0.5 s ({j[0][0]:.2f} s)", j[0][0] <= 0.5)
EOF
