// The download page in a real browser: Debian's chromium, driven by
// puppeteer-core, opening OUT/index.html as a file (no server).
//
//   node tests/browser/catalogue.test.js OUT
//
// Checks: every href and src resolves to a file that exists (or an id on the
// page); the full list shows without JavaScript; the filters change which
// entries are visible; the search and the topic and age filters show exactly
// the documents manifest.json says match; Tab reaches the filters and every
// link, with a visible focus ring; every piece of text has WCAG AA contrast
// on its background; at 320, 390 and 1280 px nothing is wider than the
// window and axe-core finds no WCAG 2.2 A/AA violation; the two PDFs are
// labelled for what they are; tri-fold thumbnails are the cover panel; no
// console errors.  Prints one line per check and "N passed, N failed" last.
// With SCREENSHOTS=DIR, saves DIR/catalogue-<width>.png at each width.
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

const WIDTHS = [320, 390, 1280];
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).documents;
// The page's search folds case, accents and curly quotes; so does the test,
// independently, from the manifest's own fields.
const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019]/g, "'");
const idOf = (d) => `d-${d.audience}-${d.slug}`;

async function openPage(browser, { javascript, width = 1280 }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.setJavaScriptEnabled(javascript);
  await page.setViewport({ width, height: 900 });
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
  const boxes = await page.$$eval('#filters input[type=checkbox]', (bs) => bs.length);
  const fields = await page.$$eval('#filters input, #filters select', (bs) => bs.filter((b) => b.type !== 'hidden').length);
  const seen = [];
  const rings = [];
  for (let i = 0; i < links + fields + 10; i++) {
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
  const firstBox = seen.findIndex((f) => f.type === 'search');
  const firstPdf = seen.findIndex((f) => f.href.endsWith('.pdf'));
  check('Tab reaches the skip link first, then the search box, then the PDF links',
    seen.length > 0 && seen[0].href === '#list' && firstBox > 0 && firstPdf > firstBox,
    seen.slice(0, 4).map((f) => f.href || f.type).join(' '));
  check(`Tab reaches the search, every filter (${fields}) and every link (${allLinks.size})`,
    seen.filter((f) => f.type === 'checkbox').length === boxes && seen.some((f) => f.tag === 'SELECT') &&
    seen.some((f) => f.type === 'number') && [...allLinks].every((h) => linkSeen.has(h)),
    `${seen.length} stops`);
  check('every focused control shows a focus ring', rings.length > 0 && rings.every(Boolean));
}

const shownIds = (page) =>
  page.$$eval('#list > li', (lis) => lis.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('h2').id).sort());
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

async function setField(page, selector, value) {
  await page.$eval(selector, (e, v) => {
    e.value = v;
    e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  }, value);
}

// The search box, typed into as a reader would, against the manifest.
async function checkSearch(page) {
  const total = manifest.length;
  const textOf = (d) => fold([d.title, d.summary || '', ...(d.topics || [])].join(' '));
  const topicWord = fold(manifest.flatMap((d) => d.topics || [])[0] || 'online');
  for (const q of [topicWord, 'online', 'SAFE online', 'easy read', 'child\u2019s', 'zzzz nothing']) {
    await page.click('#q', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type('#q', q);
    const words = fold(q).split(/\s+/).filter(Boolean);
    const want = manifest.filter((d) => words.every((w) => textOf(d).includes(w))).map(idOf).sort();
    const got = await shownIds(page);
    const count = await page.$eval('#count', (c) => c.textContent);
    check(`search "${q}" shows exactly the ${want.length} of ${total} leaflets whose title, summary or topics have it`,
      same(got, want) && (want.length ? count.includes(`Showing ${want.length} of ${total}`) : count.startsWith('No leaflets match')),
      `shown ${got.join(' ')}; count "${count}"`);
  }
  await page.click('#filters button[type=reset]');
  await new Promise((r) => setTimeout(r, 50));
  check('"Show all" empties the search', (await page.$eval('#q', (e) => e.value)) === '' && (await shownIds(page)).length === total);

  const topics = [...new Set(manifest.flatMap((d) => d.topics || []))].sort();
  const options = await page.$$eval('#topic option', (os) => os.map((o) => o.value).filter(Boolean));
  check(`the topic list has every topic once (${topics.length})`, same(options, topics), options.join(', '));
  let bad = [];
  for (const t of topics) {
    await setField(page, '#topic', t);
    const want = manifest.filter((d) => (d.topics || []).includes(t)).map(idOf).sort();
    if (!same(await shownIds(page), want)) bad.push(t);
  }
  check('each topic shows exactly its leaflets', topics.length > 0 && bad.length === 0, bad.join(', '));
  await setField(page, '#topic', '');

  bad = [];
  for (const age of [0, 5, 8, 12, 17, 20]) {
    await setField(page, '#age', String(age));
    const want = manifest.filter((d) => d.ages && d.ages.min <= age && age <= d.ages.max).map(idOf).sort();
    if (!same(await shownIds(page), want)) bad.push(age);
  }
  check('an age shows exactly the leaflets whose age range holds it (0, 5, 8, 12, 17, 20)', bad.length === 0, bad.join(', '));
  // Search and filters combine: a 12-year-old, online.
  await setField(page, '#age', '12');
  await setField(page, '#q', 'online');
  const want = manifest.filter((d) => d.ages && d.ages.min <= 12 && 12 <= d.ages.max && textOf(d).includes('online')).map(idOf).sort();
  const got = await shownIds(page);
  check(`search and age combine ("online", age 12: ${want.length})`, want.length > 0 && same(got, want), got.join(' '));
  await page.click('#filters button[type=reset]');
  await new Promise((r) => setTimeout(r, 50));
}

// Each PDF link says what the file is for: the screen file to read or print
// at home, the print file (bleed, crop marks) for a print shop.
async function checkLabels(page) {
  const links = await page.$$eval('a[href$=".pdf"]', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  const wrong = links.filter((l) => {
    const print = l.href.startsWith('print/');
    return !l.text.startsWith(print ? 'PDF for a print shop' : 'PDF to read or print at home');
  });
  check(`every PDF link is labelled for home or a print shop (${links.length})`, links.length > 0 && wrong.length === 0,
    wrong.map((l) => `${l.href}: ${l.text}`).join('; '));
}

// A tri-fold's first page is three panels; its thumbnail is the cover panel
// alone (portrait, about 100 by 210 mm), and says so.
async function checkCovers(page) {
  const thumbs = await page.$$eval('#list > li', (lis) => lis.map((li) => {
    const img = li.querySelector('img');
    return { format: li.dataset.format, alt: img ? img.alt : '', w: img ? img.naturalWidth : 0, h: img ? img.naturalHeight : 0 };
  }));
  const tri = thumbs.filter((t) => t.format === 'trifold');
  const bad = tri.filter((t) => !t.alt.startsWith('Cover of') || Math.abs(t.w / t.h - 100 / 210) > 0.02);
  check(`tri-fold thumbnails show the cover panel (${tri.length})`, tri.length > 0 && bad.length === 0,
    bad.map((t) => `${t.alt} ${t.w}x${t.h}`).join('; '));
}

// WCAG 1.4.10: from 320 px up, nothing scrolls sideways; every visible box
// lies inside the window.  Then axe-core, WCAG 2.2 A and AA rules.
async function checkWidth(browser, width, shots) {
  const { page, problems } = await openPage(browser, { javascript: true, width });
  const over = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`page is ${document.documentElement.scrollWidth} px wide`);
    for (const e of document.querySelectorAll('body *')) {
      if (e.offsetParent === null || e.closest('.vh, .skip')) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) out.push(`${e.tagName}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out;
  });
  check(`at ${width} px nothing is wider than the window`, over.length === 0, over.slice(0, 5).join('; '));
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  }));
  const v = result.violations;
  check(`at ${width} px axe-core finds no WCAG 2.2 A/AA violation`, v.length === 0,
    v.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0].target.join(' ')}`).join('; '));
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `catalogue-${width}.png`), fullPage: false });
  }
  check(`at ${width} px no console errors`, problems.length === 0, problems.join('; '));
  await page.close();
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
    await checkLabels(page);
    await checkCovers(page);
    await checkFilters(page);
    await checkSearch(page);
    await checkKeyboard(page);
    await checkContrast(page);
    check('no console errors, page errors or failed requests', problems.length === 0, problems.join('; '));
    await page.close();
    for (const w of WIDTHS) await checkWidth(browser, w, process.env.SCREENSHOTS);
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
