// The SOP book (sop/buku/) printed to PDF by Chromium, read back with
// poppler-utils (pdfinfo, pdftotext): A4 landscape from the page's CSS, at
// least a cover, the contents and an identity page plus the flowchart pages
// per SOP, every SOP title in the text, each contents entry's page number
// the page where that SOP starts, page numbers in the footer, an outline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { ARTIFACTS, openPage, readSops, servedSite } from './lib/site.mjs';

const site = servedSite();
const sops = readSops(site.out);
before(() => {
  fs.mkdirSync(path.join(ARTIFACTS, 'print'), { recursive: true });
});

/** Prints `url` (a site path) to a PDF file; returns its path. */
async function print(url, name) {
  const { page, problems, close } = await openPage(site.browser, site.origin);
  try {
    await page.emulateMedia({ media: 'print' });
    await page.goto(site.origin + url, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    const file = path.join(ARTIFACTS, 'print', `${name}.pdf`);
    fs.writeFileSync(file, pdf);
    assert.deepEqual(problems, []);
    return file;
  } finally {
    await close();
  }
}

function pdfinfo(file) {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)[1]);
  const [w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(out).slice(1).map(Number);
  return { pages, w, h };
}

/** The text of each page (pdftotext separates pages with a form feed). */
function pageTexts(file) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return text.split('\f').map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The text of the bottom margin (14 mm, 40 pt) of page `n`. */
function footer(file, n) {
  const args = ['-f', String(n), '-l', String(n), '-x', '0', '-y', '555', '-W', '842', '-H', '40', file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
}

/** The outline (bookmarks) of the PDF, from pdftohtml's XML output:
 * [{ depth, title }], depth 1 at the top. */
function outline(file) {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const marks = [];
  let depth = 0;
  for (const m of xml.matchAll(/<outline>|<\/outline>|<item[^>]*>([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth += 1;
    else if (m[0] === '</outline>') depth -= 1;
    else marks.push({ depth, title: decodeEntities(m[1]).trim() });
  }
  return marks;
}

function decodeEntities(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The minimum page count of a book of `list`: cover, contents (18
 * entries a page), then per SOP its identity page and one page per
 * flowchart SVG (as many as the SOP page prints: `.swimlane-print svg`). */
function expectedPages(list) {
  let n = 1 + Math.max(1, Math.ceil(list.length / 18));
  for (const s of list) {
    const html = fs.readFileSync(path.join(site.out, 'sop', s.id, 'index.html'), 'utf8');
    const print = /<div class="swimlane-print">([\s\S]*?)<\/section>/.exec(html)[1];
    n += 1 + (print.match(/<svg /g) || []).length;
  }
  return n;
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

async function checkBook(url, name, list) {
  const file = await print(url, name);
  const info = pdfinfo(file);
  assert.ok(Math.abs(info.w - 842) <= 2 && Math.abs(info.h - 595) <= 2, `expected A4 landscape, got ${info.w}×${info.h}`);
  const min = expectedPages(list);
  assert.ok(info.pages >= min, `${name}: ${info.pages} pages, expected at least ${min}`);
  const pages = pageTexts(file);
  const all = pages.join(' ');
  for (const s of list) assert.ok(all.includes(norm(s.nama)), `${name}: "${s.nama}" is not in the PDF text`);
  // The contents: "hal. N" after each entry, N a number, and the SOP's
  // title heads page N (its identity page).
  const toc = pages.slice(1, 1 + Math.max(1, Math.ceil(list.length / 18))).join(' ');
  const refs = [...toc.matchAll(/hal\. (\S+)/g)].map((m) => m[1]);
  assert.equal(refs.length, list.length, `${name}: contents references ${refs.join(',')}`);
  for (const r of refs) assert.match(r, /^\d+$/, `${name}: a contents reference is not a number: ${r}`);
  const sorted = [...refs].map(Number);
  for (const [i, n] of sorted.entries()) {
    const start = pages[n - 1] ?? '';
    assert.ok(list.some((s) => start.startsWith(norm(s.nama))), `${name}: contents entry ${i + 1} points at page ${n}, which starts "${start.slice(0, 80)}"`);
    // Page numbers in the footer: the bottom margin of page n says n.
    assert.equal(footer(file, n), String(n), `${name}: the footer of page ${n}`);
  }
  // The outline: the book's title, the SOPs below it, their parts below
  // them. Chromium joins a wrapped heading's lines without a space:
  // titles are compared without white space.
  const marks = outline(file);
  const bare = (s) => s.replace(/\s+/g, '');
  assert.deepEqual(marks[0], { depth: 1, title: 'Buku SOP' }, `${name}: outline ${JSON.stringify(marks.slice(0, 3))}`);
  for (const s of list) {
    const at = marks.findIndex((m) => bare(m.title) === bare(s.nama));
    assert.ok(at > 0, `${name}: no bookmark "${s.nama}" in ${JSON.stringify(marks.map((m) => m.title))}`);
    assert.equal(marks[at].depth, 2, `${name}: "${s.nama}" is not right below the book's title`);
    assert.equal(marks[at + 1]?.depth, 3, `${name}: "${s.nama}" has no parts below it`);
  }
  return info.pages;
}

test('the whole SOP book prints as an A4 landscape book with contents, page numbers and an outline', async () => {
  const n = await checkBook('/sop/buku/', 'buku', sops);
  console.log(`sop/buku/: ${n} pages for ${sops.length} SOPs`);
});

test('a region book prints only that region', async () => {
  const region = 'Pemerintah Kota Yogyakarta';
  const list = sops.filter((s) => s.instansi === region);
  assert.ok(list.length > 1);
  const n = await checkBook('/sop/buku/pemerintah-kota-yogyakarta/', 'buku-yogyakarta', list);
  const text = pageTexts(path.join(ARTIFACTS, 'print', 'buku-yogyakarta.pdf')).join(' ');
  for (const s of sops.filter((s) => s.instansi !== region)) {
    assert.ok(!text.includes(norm(s.nama)), `"${s.nama}" is in the Yogyakarta book`);
  }
  console.log(`sop/buku/pemerintah-kota-yogyakarta/: ${n} pages for ${list.length} SOPs`);
});
