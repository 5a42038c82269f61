// Printing: an SOP page prints on A4 landscape (the theme's @page rule),
// and the long Paser SOP takes more than one sheet. Saves the PDFs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { ARTIFACTS, openPage, readSops, servedSite } from './lib/site.mjs';

const site = servedSite();
const sops = readSops(site.out);
const paser = sops.find((s) => s.id === 'paser-fasilitasi-kerja-sama');
const short = [...sops].sort((a, b) => a.langkah.length - b.langkah.length)[0];
before(() => {
  fs.mkdirSync(path.join(ARTIFACTS, 'print'), { recursive: true });
});

/** Page count and the first MediaBox of a PDF, read from its raw bytes. */
function pdfInfo(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  const box = text.match(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/);
  assert.ok(box, 'no /MediaBox in the PDF');
  const [x0, y0, x1, y1] = box.slice(1).map(Number);
  return { pages, width: x1 - x0, height: y1 - y0 };
}

async function printSop(sop) {
  const { page, problems, close } = await openPage(site.browser, site.origin);
  try {
    await page.emulateMedia({ media: 'print' });
    await page.goto(site.origin + new URL(sop.url, site.origin).pathname, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'print', `${sop.id}.pdf`), pdf);
    assert.deepEqual(problems, []);
    return pdfInfo(pdf);
  } finally {
    await close();
  }
}

function assertA4Landscape(info) {
  assert.ok(Math.abs(info.width - 842) <= 2 && Math.abs(info.height - 595) <= 2,
    `expected A4 landscape (842×595 pt), got ${info.width}×${info.height}`);
}

test('the Paser SOP (36 steps) prints on several A4 landscape sheets', async () => {
  assert.ok(paser, 'sops.json has no paser-fasilitasi-kerja-sama');
  assert.equal(paser.langkah.length, 36);
  const info = await printSop(paser);
  assertA4Landscape(info);
  assert.ok(info.pages > 1, `expected more than one page, got ${info.pages}`);
});

test(`a short SOP (${short.id}, ${short.langkah.length} steps) prints on A4 landscape`, async () => {
  const info = await printSop(short);
  assertA4Landscape(info);
  assert.ok(info.pages >= 1);
});
