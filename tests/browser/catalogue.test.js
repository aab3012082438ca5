// The download page in a real browser: Debian's chromium, driven by
// puppeteer-core, opening OUT/index.html as a file (no server).
//
//   node tests/browser/catalogue.test.js OUT
//
// Checks: every href and src resolves to a file that exists (or an id on the
// page); the full list shows without JavaScript; the filters change which
// entries are visible; Tab reaches the filters and every link, with a visible
// focus ring; every piece of text has WCAG AA contrast on its background; no
// console errors.  Prints one line per check and "N passed, N failed" last.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const puppeteer = require('puppeteer-core');

const out = path.resolve(process.argv[2] || 'out');
const index = path.join(out, 'index.html');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

async function openPage(browser, { javascript }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.setJavaScriptEnabled(javascript);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
  return { page, problems };
}

async function checkLinks(page) {
  const refs = await page.$$eval('[href], [src]', (els) =>
    els.map((e) => ({ tag: e.tagName, attr: e.getAttribute('href') ?? e.getAttribute('src'), url: e.href || e.src })));
  const missing = [];
  for (const r of refs) {
    if (r.attr.startsWith('#')) {
      const found = await page.$(`[id="${r.attr.slice(1)}"]`);
      if (!found) missing.push(`${r.attr} (no such id)`);
      continue;
    }
    if (!r.url.startsWith('file:')) {
      missing.push(`${r.attr} (not a local file)`);
      continue;
    }
    const file = fileURLToPath(r.url);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) missing.push(r.attr);
  }
  const pdfs = refs.filter((r) => r.attr.endsWith('.pdf')).length;
  check(`every href and src resolves (${refs.length} of them, ${pdfs} PDFs)`, refs.length > 0 && missing.length === 0,
    missing.join(', '));
  const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
  check('every thumbnail loads as an image', broken.length === 0, broken.join(', '));
  const noAlt = await page.$$eval('img', (imgs) => imgs.filter((i) => !i.alt || !i.alt.trim()).length);
  check('every thumbnail has alt text', noAlt === 0, `${noAlt} without`);
}

const visible = (page) =>
  page.$$eval('#list > li', (lis) => lis.filter((li) => li.offsetParent !== null).map((li) => ({
    audience: li.dataset.audience, format: li.dataset.format })));

async function checkFilters(page) {
  const all = await visible(page);
  const total = await page.$$eval('#list > li', (l) => l.length);
  check('with JavaScript the filter form shows and every entry is listed',
    (await page.$eval('#filters', (f) => !f.hidden && f.offsetParent !== null)) && all.length === total && total > 0);

  for (const name of ['audience', 'format']) {
    const values = await page.$$eval(`input[name=${name}]`, (bs) => bs.map((b) => b.value));
    for (const value of values) {
      const want = all.filter((e) => e[name] !== value).length;
      await page.click(`input[name=${name}][value="${value}"]`);
      const now = await visible(page);
      const count = await page.$eval('#count', (c) => c.textContent);
      check(`unticking ${name} ${value} hides exactly its entries (${total} -> ${want})`,
        now.length === want && now.every((e) => e[name] !== value) && count.includes(`Showing ${want} of ${total}`),
        `${now.length} visible, count says "${count}"`);
      await page.click(`input[name=${name}][value="${value}"]`);
    }
  }
  // Two filters at once: only the entries matching both remain.
  const aud = all[0].audience;
  const fmt = all[0].format;
  await page.$$eval('#filters input[type=checkbox]', (bs, a, f) => bs.forEach((b) => {
    const keep = (b.name === 'audience' && b.value === a) || (b.name === 'format' && b.value === f);
    if (b.checked !== keep) b.click();
  }), aud, fmt);
  const both = await visible(page);
  const want = all.filter((e) => e.audience === aud && e.format === fmt).length;
  check(`audience and format filters combine (${aud} + ${fmt}: ${want})`,
    both.length === want && both.every((e) => e.audience === aud && e.format === fmt), `${both.length} visible`);
  await page.click('#filters button[type=reset]');
  await new Promise((r) => setTimeout(r, 50));
  check('"Show all" brings every entry back', (await visible(page)).length === total);
}

async function checkKeyboard(page) {
  // A fresh load, so Tab starts from the top of the document.
  await page.reload({ waitUntil: 'load' });
  const links = await page.$$eval('a[href]', (as) => as.length);
  const boxes = await page.$$eval('#filters input', (bs) => bs.length);
  const seen = [];
  const rings = [];
  for (let i = 0; i < links + boxes + 10; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      return { tag: e.tagName, type: e.type || '', href: e.getAttribute('href') || '', value: e.value || '',
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (!f) break;
    seen.push(f);
    rings.push(f.ring);
  }
  const linkSeen = new Set(seen.filter((f) => f.tag === 'A').map((f) => f.href));
  const allLinks = new Set(await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href'))));
  const firstBox = seen.findIndex((f) => f.type === 'checkbox');
  const firstPdf = seen.findIndex((f) => f.href.endsWith('.pdf'));
  check('Tab reaches the skip link first, then the filters, then the PDF links',
    seen.length > 0 && seen[0].href === '#list' && firstBox > 0 && firstPdf > firstBox,
    seen.slice(0, 4).map((f) => f.href || f.type).join(' '));
  check(`Tab reaches every filter (${boxes}) and every link (${allLinks.size})`,
    seen.filter((f) => f.type === 'checkbox').length === boxes && [...allLinks].every((h) => linkSeen.has(h)),
    `${seen.length} stops`);
  check('every focused control shows a focus ring', rings.length > 0 && rings.every(Boolean));
}

// WCAG 2.x contrast of each element's own text against the first opaque
// background behind it.
async function checkContrast(page) {
  const bad = await page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (e) => {
      for (; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || e.offsetParent === null || e.closest('.vh, script, style')) continue;
      const s = getComputedStyle(e);
      const fg = rgb(s.color).slice(0, 3);
      const [a, b] = [lum(fg), lum(background(e))].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) out.push(`${e.tagName} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
    }
    return out;
  });
  check('all text has at least 4.5:1 contrast (WCAG AA)', bad.length === 0, bad.slice(0, 5).join('; '));
}

async function main() {
  if (!fs.existsSync(index)) {
    check(`${index} exists`, false);
    return;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'leafpress-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--allow-file-access-from-files'],
  });
  try {
    const plain = await openPage(browser, { javascript: false });
    const lis = await plain.page.$$eval('#list > li', (l) => l.filter((li) => li.offsetParent !== null).length);
    const total = await plain.page.$$eval('#list > li', (l) => l.length);
    check(`without JavaScript every entry shows (${total}) and the filter form stays hidden`,
      total > 0 && lis === total && (await plain.page.$eval('#filters', (f) => f.offsetParent === null)));
    await plain.page.close();

    const { page, problems } = await openPage(browser, { javascript: true });
    check('the page has lang="en-GB", a title and one h1',
      (await page.$eval('html', (h) => h.lang)) === 'en-GB' && (await page.title()).length > 0 &&
      (await page.$$eval('h1', (h) => h.length)) === 1);
    await checkLinks(page);
    await checkFilters(page);
    await checkKeyboard(page);
    await checkContrast(page);
    check('no console errors, page errors or failed requests', problems.length === 0, problems.join('; '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main()
  .catch((e) => check('browser test ran', false, e.stack))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });
