#!/bin/sh
# make bench: how fast leafpress is, how much memory it takes and how big its
# PDFs are, next to what a user would pick instead, all measured in one run.
#
#   BENCH_RUNS=20      runs of each leafpress measurement (peers: at most 5)
#   BENCH_PEERS=0      do not try to install the peers (measure those present)
#   BENCH_GUIDE=FILE   the one-minute guide (default what-is-csa)
#   BENCH_SCALE=1000   documents in the scale run (0: none)
#
# Rows: one A4 one-minute guide, one process per document; 50 variants of
# the guide (words shuffled inside each paragraph line, so each is set
# anew) in one process; the whole catalogue, both variants, in one process
# and as one process per document two at a time (what `make -j2` does); and
# the scale run: 1,000 such variants of the catalogue's documents, built by
# one process with -j2.  Peers, on equivalent input (the same Markdown with
# directives and contact placeholders written out): pandoc -> XeLaTeX and
# pandoc -> WeasyPrint when apt can install them, and Typst through its Node
# compiler (pinned in tests/bench/package-lock.json), one-shot and the same
# 50 variants in one process.  Time is wall-clock; peak RSS and page faults are the process's
# own (wait4), which include its children's.  A closing table sets the
# figures #20 asks for beside Typst's and the targets; timing never fails.
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
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1 || SUDO=none
    need=""
    command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
    { command -v xelatex && kpsewhich pzdr.tfm; } >/dev/null 2>&1 ||
        need="$need texlive-xetex texlive-fonts-recommended lmodern"
    command -v weasyprint >/dev/null 2>&1 || need="$need weasyprint"
    if [ -n "$need" ] && [ "$SUDO" = none ]; then
        echo "bench: not root and no sudo: peers not installed:$need" >&2
    elif [ -n "$need" ]; then
        echo "bench: installing peers:$need" >&2
        { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
            --no-install-recommends $need; } >"$WORK/apt.log" 2>&1 ||
            echo "bench: could not install some peers (see $WORK/apt.log)" >&2
    fi
    # Typst at the version pinned in tests/bench/package-lock.json.
    if command -v npm >/dev/null 2>&1 &&
        ! cmp -s tests/bench/package-lock.json "$WORK/typst/package-lock.json"; then
        rm -rf "$WORK/typst"
        mkdir -p "$WORK/typst"
        cp tests/bench/package.json tests/bench/package-lock.json "$WORK/typst/"
        (cd "$WORK/typst" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
            { echo "bench: could not install the Typst compiler (see $WORK/npm.log)" >&2
              rm -f "$WORK/typst/package-lock.json"; }
    fi
fi

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
exec "$PY" - "$LEAFPRESS" "$WORK" "${BENCH_RUNS:-20}" \
    "${BENCH_GUIDE:-content/professionals/what-is-csa.md}" "${BENCH_SCALE:-1000}" <<'EOF'
import concurrent.futures, os, random, re, shutil, statistics, subprocess, sys, time

leafpress, work, runs, guide, scale_n = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
peer_runs = max(1, min(runs, 5))
COPIES = 50
env = dict(os.environ, SOURCE_DATE_EPOCH="0")

def run_once(cmd, cwd=None, check=True):
    """Wall time (s), peak RSS (KiB), page faults and CPU time (s, user +
    system) of one process (and the children it waited for)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t0
    if p.returncode != 0 and check:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err.decode()[-400:]}")
    return dt, ru.ru_maxrss, ru.ru_minflt + ru.ru_majflt, ru.ru_utime + ru.ru_stime

class M:
    """One measured thing: times and CPU times (s, per document), peak RSS
    (KiB), faults, bytes."""
    def __init__(self, times, rss, faults, size=None, cpu=None):
        self.times, self.rss, self.faults, self.size = times, rss, faults, size
        self.cpu = cpu or [0.0]
    @property
    def med(self): return statistics.median(self.times)
    @property
    def cpu_med(self): return statistics.median(self.cpu)

def measure(cmd, n, per=1, prepare=None, cwd=None, check=True):
    times, rss, faults, cpu = [], 0, [], []
    for _ in range(n):
        if prepare: prepare()
        dt, kb, fl, c = run_once(cmd, cwd, check)
        times.append(dt / per)
        cpu.append(c / per)
        rss = max(rss, kb)
        faults.append(fl)
    return M(times, rss, statistics.median(faults), cpu=cpu)

def fresh(d):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)

def tree_pdfs(d):
    return [os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if f.endswith(".pdf")]

def tree_bytes(d):
    return sum(os.path.getsize(p) for p in tree_pdfs(d))

rows = []  # (name, M)
def row(name, m):
    rows.append((name, m))
    return m

def marginal(one, many, n):
    """Per document in one process, start-up left out: (T(n) - T(1)) / (n - 1)."""
    return max(0.0, (many.med * n - one.med) / (n - 1))

# Documents made from the catalogue's own sources, each different: in every
# paragraph line the plain lower-case words change places (seeded by the
# copy's number), so lines break, hyphenate and balance differently while
# the length, the front matter, contacts, links and directives stay as they
# were.  The in-process rows (ours and Typst's) and the scale run use them,
# so no typesetter is timed re-making the document it has just made.
WORD = re.compile(r"[a-z]+")
def vary(text, seed):
    rnd = random.Random(seed)
    front_end = text.index("\n---\n", 4) + 5
    out, fence = [text[:front_end]], False
    for line in text[front_end:].split("\n"):
        if line.startswith("```"):
            fence = not fence
        plain = not fence and line and not re.match(r"\s*([#|>:{!<-]|\d+\.|\*|```)", line)
        if plain:
            toks = line.split(" ")
            at = [i for i, t in enumerate(toks) if WORD.fullmatch(t)]
            words = [toks[i] for i in at]
            rnd.shuffle(words)
            for i, w in zip(at, words):
                toks[i] = w
            line = " ".join(toks)
        out.append(line)
    return "\n".join(out)

# ---------------------------------------------------------------- leafpress
slug = os.path.basename(guide)[:-3]
aud = os.path.basename(os.path.dirname(guide))
one = os.path.join(work, "one")
lp_one = measure([leafpress, "build", "--variant", "screen", "-o", one, guide], runs,
                 prepare=lambda: fresh(one))
lp_one.size = os.path.getsize(f"{one}/{aud}/{slug}.pdf")
row("leafpress, one guide, fresh process", lp_one)

copies = os.path.join(work, "copies")
fresh(copies)
guide_text = open(guide, encoding="utf-8").read()
for i in range(COPIES):
    with open(os.path.join(copies, f"{slug}-{i:02d}.md"), "w", encoding="utf-8") as f:
        f.write(vary(guide_text, i))
many = os.path.join(work, "many")
lp_many = measure([leafpress, "build", "-j1", "--variant", "screen", "-o", many, copies],
                  max(1, runs // 4), per=COPIES, prepare=lambda: fresh(many))
lp_many.size = os.path.getsize(f"{many}/{aud}/{slug}-00.pdf")
row(f"leafpress, {COPIES} varied guides in one process (-j1), per guide", lp_many)

docs = sorted(os.path.join(r, f) for r, _, fs in os.walk("content") for f in fs if f.endswith(".md"))
cat = os.path.join(work, "catalogue")
# A document that fails to build still costs its parse and layout, so the
# rows stand; how many PDFs came out is part of the row's name.
lp_cat = measure([leafpress, "build", "-o", cat, "content"], max(1, runs // 4), prepare=lambda: fresh(cat),
                 check=False)
lp_cat.size = tree_bytes(cat)
row(f"leafpress, catalogue ({len(docs)} docs, both variants), one process ({len(tree_pdfs(cat))} PDFs)", lp_cat)

def jobs2():
    fresh(cat)
    t0 = time.perf_counter()
    peak, faults, cpu = 0, 0, 0.0
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        for _, kb, fl, c in ex.map(lambda d: run_once([leafpress, "build", "-o", cat, d], check=False), docs):
            peak, faults, cpu = max(peak, kb), faults + fl, cpu + c
    return time.perf_counter() - t0, peak, faults, cpu
res = [jobs2() for _ in range(max(1, runs // 4))]
row(f"leafpress, catalogue, one process per document, 2 at a time ({len(tree_pdfs(cat))} PDFs)",
    M([r[0] for r in res], max(r[1] for r in res), statistics.median(r[2] for r in res), tree_bytes(cat),
      [r[3] for r in res]))

# ------------------------------------------------- the 1,000-document run
# Built screen-only with -j2 by one process, as a site build would.
scale_m, scale_built = None, 0
if scale_n > 0:
    tree = os.path.join(work, "scale")
    fresh(tree)
    sources = [(d, open(d, encoding="utf-8").read()) for d in docs]
    for i in range(scale_n):
        path, text = sources[i % len(sources)]
        sub = os.path.join(tree, os.path.basename(os.path.dirname(path)))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{os.path.basename(path)[:-3]}-{i:04d}.md"), "w", encoding="utf-8") as f:
            f.write(vary(text, i))
    scale_out = os.path.join(work, "scale-out")
    # Not in the project: so layouts, fonts and contacts are named.
    scale_m = measure([leafpress, "build", "-j2", "--variant", "screen", "--layouts", "layouts",
                       "--fonts", "fonts", "--contacts", "content/contacts.yaml", "-o", scale_out, tree],
                      1, prepare=lambda: fresh(scale_out), check=False)
    scale_m.size = tree_bytes(scale_out)
    scale_built = len(tree_pdfs(scale_out))
    row(f"leafpress, {scale_n} varied documents, screen, -j2, one process ({scale_built} PDFs)", scale_m)

# -------------------------------------------------------- equivalent input
def plain_markdown(text):
    """The guide as plain Markdown: directives as block quotes, contacts
    written out, the front matter's contacts as a closing list."""
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

head, md, meta = plain_markdown(guide_text)
peer = os.path.join(work, "peer")
fresh(peer)
open(f"{peer}/guide.md", "w", encoding="utf-8").write(head + md)
open(f"{peer}/guide.css", "w").write("@page { size: A4; margin: 15mm } body { font: 10pt sans-serif }\n")

# Peers run inside the scratch directory: TeX leaves logs where it runs.
def peer_row(name, cmd, pdf, n=1):
    try:
        m = measure(cmd, peer_runs, per=n, cwd=peer)
        m.size = os.path.getsize(os.path.join(peer, pdf))
        return row(name, m)
    except (RuntimeError, FileNotFoundError) as e:
        print(f"bench: {name}: {e}", file=sys.stderr)
        return None

if shutil.which("pandoc") and shutil.which("xelatex"):
    peer_row("pandoc -> XeLaTeX, one guide", ["pandoc", "guide.md", "--pdf-engine=xelatex",
             "-V", "geometry:a4paper,margin=15mm", "-o", "xelatex.pdf"], "xelatex.pdf")
else:
    print("bench: pandoc or xelatex not installed: no XeLaTeX row", file=sys.stderr)
if shutil.which("pandoc") and shutil.which("weasyprint"):
    peer_row("pandoc -> WeasyPrint, one guide", ["pandoc", "guide.md", "--pdf-engine=weasyprint",
             "--css", "guide.css", "-o", "weasy.pdf"], "weasy.pdf")
else:
    print("bench: pandoc or weasyprint not installed: no WeasyPrint row", file=sys.stderr)

ty_one = ty_many = None
typst_mod = os.path.abspath(f"{work}/typst/node_modules/@myriaddreamin/typst-ts-node-compiler")
if shutil.which("node") and os.path.isdir(typst_mod):
    open(f"{peer}/guide.typ", "w", encoding="utf-8").write(typst_source(meta, md))
    for i in range(COPIES):
        _, vmd, vmeta = plain_markdown(vary(guide_text, i))
        open(f"{peer}/guide-{i}.typ", "w", encoding="utf-8").write(typst_source(vmeta, vmd))
    open(f"{peer}/typst.js", "w").write(f"""
const fs = require('fs');
const {{ NodeCompiler }} = require({typst_mod!r});
const n = Number(process.argv[3]);
const srcs = [];
for (let i = 0; i < n; i++)
  srcs.push(fs.readFileSync(n == 1 ? process.argv[2] + '.typ' : process.argv[2] + '-' + i + '.typ', 'utf8'));
const c = NodeCompiler.create();
let pdf;
for (let i = 0; i < n; i++) {{ pdf = c.pdf({{ mainFileContent: srcs[i] }}); }}
fs.writeFileSync(process.argv[4], pdf);
""")
    ty_one = peer_row("Typst (Node compiler), one guide, fresh process",
                      ["node", "typst.js", "guide", "1", "typst.pdf"], "typst.pdf")
    ty_many = peer_row(f"Typst, {COPIES} varied guides in one process, per guide",
                       ["node", "typst.js", "guide", str(COPIES), "typst.pdf"], "typst.pdf", COPIES)
else:
    print("bench: Typst node compiler not installed: no Typst rows", file=sys.stderr)

# -------------------------------------------------------------------- table
print(f"\nleafpress bench: {runs} runs of each leafpress row, {peer_runs} of each peer, one of the "
      f"{scale_n}-document run; {os.cpu_count()} cores; guide {guide}\n")
print(f"{'':84} {'median':>9} {'min':>9} {'max':>9} {'CPU':>9} {'peak RSS':>9} {'faults':>7} {'PDF':>9}")
for name, m in rows:
    size = f"{m.size/1024:7.1f}KB" if m.size is not None else f"{'':9}"
    print(f"{name:84} {m.med*1000:7.1f}ms {min(m.times)*1000:7.1f}ms {max(m.times)*1000:7.1f}ms "
          f"{m.cpu_med*1000:7.1f}ms {m.rss/1024:6.1f}MiB {m.faults:7.0f} {size}")
print("\nmedian, min, max: wall time; CPU: user + system time (median), what a busy machine does not "
      "inflate; per guide: the process's time over the guides it built (start-up included); "
      "faults: minor + major page faults (median)")

lp_marg = marginal(lp_one, lp_many, COPIES)
ty_marg = marginal(ty_one, ty_many, COPIES) if ty_one and ty_many else None
lp_marg_cpu = max(0.0, (lp_many.cpu_med * COPIES - lp_one.cpu_med) / (COPIES - 1))
print("\nfigure                                                     leafpress        peer   ratio  target")
def fig(name, ours, theirs, ratio, target, unit="ms"):
    t = f"{theirs:9.1f}{unit}" if theirs is not None else f"{'-':>11}"
    r = f"{ratio:6.1f}x" if ratio is not None else f"{'-':>7}"
    print(f"{name:56} {ours:9.1f}{unit} {t} {r}  {target}")
def met(ok): return "met" if ok else "MISSED"
r1 = ty_one.med / lp_one.med if ty_one else None
fig("one guide, fresh process (Typst over leafpress)", lp_one.med * 1000,
    ty_one.med * 1000 if ty_one else None, r1, f">= 8x: {met(r1 and r1 >= 8) if r1 else '-'}")
r2 = ty_marg / lp_marg if ty_marg is not None and lp_marg > 0 else None
fig("per guide in one process, start-up left out (T(50)-T(1))/49", lp_marg * 1000,
    ty_marg * 1000 if ty_marg is not None else None, r2,
    f"faster than Typst: {met(r2 > 1) if r2 else '-'}")
ty_marg_cpu = (max(0.0, (ty_many.cpu_med * COPIES - ty_one.cpu_med) / (COPIES - 1))
               if ty_one and ty_many else None)
r4 = ty_marg_cpu / lp_marg_cpu if ty_marg_cpu is not None and lp_marg_cpu > 0 else None
fig("  the same in CPU time", lp_marg_cpu * 1000, ty_marg_cpu * 1000 if ty_marg_cpu is not None else None,
    r4, f"faster than Typst: {met(r4 > 1) if r4 else '-'}")
r3 = ty_many.med / lp_many.med if ty_many else None
fig(f"per guide in one process, start-up included (T(50)/50)", lp_many.med * 1000,
    ty_many.med * 1000 if ty_many else None, r3, "")
peak = max(lp_one.rss, lp_many.rss, lp_cat.rss, scale_m.rss if scale_m else 0)
fig("peak memory, largest leafpress process above", peak / 1024,
    ty_one.rss / 1024 if ty_one else None, (ty_one.rss / peak) if ty_one else None,
    f"< 20 MiB: {met(peak < 20 * 1024)}", "MiB")
fig("peak memory, catalogue in one process (both variants)", lp_cat.rss / 1024, None, None,
    f"< 20 MiB: {met(lp_cat.rss < 20 * 1024)}", "MiB")
fig(f"{slug}.pdf (screen)", lp_one.size / 1024, ty_one.size / 1024 if ty_one else None,
    None, f"<= 30 KB: {met(lp_one.size <= 30 * 1024)}", "KB")
fig("catalogue, both variants, total PDF bytes", lp_cat.size / 1024, None, None, "", "KB")
fig("page faults, one guide, fresh process", lp_one.faults, ty_one.faults if ty_one else None,
    None, "", "  ")
if scale_m:
    fig(f"{scale_n} documents, -j2, wall time ({scale_built} PDFs)", scale_m.med, None, None,
        f"< 10 s: {met(scale_m.med < 10)}", "s ")
    fig(f"{scale_n} documents, CPU time over 2 cores (wall on an idle machine)", scale_m.cpu_med / 2,
        None, None, f"< 10 s: {met(scale_m.cpu_med / 2 < 10)}", "s ")
    fig(f"{scale_n} documents, -j2, peak memory", scale_m.rss / 1024, None, None,
        f"< 20 MiB: {met(scale_m.rss < 20 * 1024)}", "MiB")
print("\nratio: the peer's figure over leafpress's (above 1: leafpress is faster or smaller). "
      "Timing never fails the bench.")
EOF
