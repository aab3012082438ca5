// OUT/manifest.json against the files in OUT (node only, no browser):
//
//   node tests/browser/manifest.test.js OUT CONTENT_DIR
//
// Every PDF under OUT is listed once and every listed file exists, with the
// byte size on disk and the page count pdfinfo reads; every content file has
// an entry; every thumbnail exists; index.html links exactly the listed PDFs.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const out = path.resolve(process.argv[2] || 'out');
const content = process.argv[3] || 'content';
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'FAIL'} ${name}${!ok && detail ? `: ${detail}` : ''}`);
}

function walk(dir, ext, base = dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, ext, base, acc);
    else if (e.name.endsWith(ext)) acc.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return acc.sort();
}

function pdfinfoPages(file) {
  try {
    const text = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = text.match(/^Pages:\s+(\d+)/m);
    return m ? Number(m[1]) : -1;
  } catch {
    return null; // no pdfinfo: page counts are not checked
  }
}

function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  const docs = manifest.documents;
  check('manifest.json parses and lists documents', Array.isArray(docs) && docs.length > 0);

  const packs = manifest.packs || [];
  const listed = docs.concat(packs).flatMap((d) => d.files.map((f) => f.path)).sort();
  const onDisk = walk(out, '.pdf');
  const extra = onDisk.filter((p) => !listed.includes(p));
  const gone = listed.filter((p) => !onDisk.includes(p));
  const twice = listed.filter((p, i) => listed.indexOf(p) !== i);
  check(`the manifest lists every PDF in ${path.basename(out)}/ once (${onDisk.length})`,
    extra.length === 0 && gone.length === 0 && twice.length === 0,
    `not listed: ${extra.join(' ')}; missing: ${gone.join(' ')}; twice: ${twice.join(' ')}`);

  const wrong = [];
  for (const d of docs.concat(packs)) {
    for (const f of d.files) {
      const file = path.join(out, f.path);
      if (!fs.existsSync(file)) continue;
      if (fs.statSync(file).size !== f.bytes) wrong.push(`${f.path} bytes ${f.bytes} != ${fs.statSync(file).size}`);
      const pages = pdfinfoPages(file);
      if (pages !== null && pages !== f.pages) wrong.push(`${f.path} pages ${f.pages} != ${pages}`);
    }
  }
  check('every file\'s bytes and pages match the file (pdfinfo)', wrong.length === 0, wrong.join('; '));

  const sources = walk(content, '.md', content).map((p) => path.join(content, p));
  const named = docs.map((d) => path.normalize(d.source));
  const noEntry = sources.filter((s) => !named.includes(path.normalize(s)));
  check(`every content file has an entry (${sources.length})`, noEntry.length === 0, noEntry.join(' '));

  const fields = ['title', 'audience', 'format', 'summary', 'review_by', 'thumbnail'];
  const incomplete = docs.filter((d) => fields.some((k) => typeof d[k] !== 'string' || !d[k]) ||
    !d.files.some((f) => f.variant === 'screen') || !d.files.some((f) => f.variant === 'print'));
  check('every entry has title, audience, format, summary, review date, thumbnail, screen and print PDFs',
    incomplete.length === 0, incomplete.map((d) => d.source).join(' '));

  const packFiles = fs.existsSync(path.join(content, 'packs'))
    ? fs.readdirSync(path.join(content, 'packs')).filter((n) => n.endsWith('.yaml')) : [];
  const packSlugs = packs.map((p) => p.slug);
  const noPack = packFiles.filter((n) => !packSlugs.includes(n.replace(/\.yaml$/, '')));
  check(`every pack file has an entry with a screen and a print PDF (${packFiles.length})`,
    noPack.length === 0 && packs.every((p) => p.files.some((f) => f.variant === 'screen') &&
      p.files.some((f) => f.variant === 'print')), noPack.join(' '));

  const noThumb = docs.filter((d) => d.thumbnail && !fs.existsSync(path.join(out, d.thumbnail)));
  check('every thumbnail exists', noThumb.length === 0, noThumb.map((d) => d.thumbnail).join(' '));

  const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  const hrefs = [...html.matchAll(/href="([^"]+\.pdf)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).sort();
  check('index.html links exactly the PDFs in the manifest', JSON.stringify(hrefs) === JSON.stringify(listed),
    `${hrefs.length} links, ${listed.length} listed`);
}

try {
  main();
} catch (e) {
  check('manifest test ran', false, e.message);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
