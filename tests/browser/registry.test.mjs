// The cooperation registry in a real browser: the filters and sorting of
// kerja-sama/ (served with the strict CSP), the table without JavaScript,
// phone width, axe-core on the list, an agreement and a partner page, and
// vnu on every registry page type.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openPage, servedSite } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');
const site = servedSite();
const registry = JSON.parse(fs.readFileSync(path.join(site.out, 'data/kerja-sama.json'), 'utf8')).kerja_sama;

/** The ids (from the row links) and data attributes of the visible rows. */
function visibleRows() {
  return [...document.querySelectorAll('#ks-table tbody tr')].filter((r) => !r.hidden).map((r) => ({
    id: r.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop(),
    jenis: r.dataset.jenis, mitra: r.dataset.mitra.split(' '), status: r.dataset.status, tahun: r.dataset.tahun,
    berakhir: r.cells[5].dataset.value,
  }));
}

async function withPage(options, fn) {
  const { page, problems, close } = await openPage(site.browser, site.origin, options);
  try {
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

describe('registry list filters', () => {
  test('filters by status, kind, partner and year, keeps them in the URL, and resets', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/kerja-sama/`, { waitUntil: 'load' });
      assert.equal(await page.isVisible('#ks-filter'), true, 'the filter form is shown once the script runs');
      assert.equal((await page.evaluate(visibleRows)).length, registry.length);

      const ended = registry.filter((a) => a.status === 'berakhir').map((a) => a.id).sort();
      assert.ok(ended.length > 0);
      await page.selectOption('#f-status', 'berakhir');
      let rows = await page.evaluate(visibleRows);
      assert.deepEqual(rows.map((r) => r.id).sort(), ended);
      assert.match(page.url(), /\?status=berakhir$/);
      assert.match(await page.textContent('#ks-shown'), new RegExp(`^${ended.length} dari ${registry.length} `));

      await page.selectOption('#f-status', '');
      await page.selectOption('#f-jenis', 'KSDD');
      const magetan = 'pemerintah-kabupaten-magetan';
      await page.selectOption('#f-mitra', magetan);
      rows = await page.evaluate(visibleRows);
      const want = registry.filter((a) => a.jenis === 'KSDD' && a.para_pihak.some((p) => p.mitra_url.endsWith(`/${magetan}/`)));
      assert.ok(want.length > 0);
      assert.deepEqual(rows.map((r) => r.id).sort(), want.map((a) => a.id).sort());

      const year = String(Math.min(...registry.map((a) => Number(a.tanggal.tanda_tangan.slice(0, 4)))));
      await page.selectOption('#f-tahun', year);
      rows = await page.evaluate(visibleRows);
      assert.ok(rows.every((r) => r.tahun === year && r.jenis === 'KSDD' && r.mitra.includes(magetan)));

      await page.selectOption('#f-jenis', 'Sinergi');
      await page.selectOption('#f-tahun', '');
      await page.selectOption('#f-mitra', magetan);
      rows = await page.evaluate(visibleRows);
      const none = !registry.some((a) => a.jenis === 'Sinergi' && a.para_pihak.some((p) => p.mitra_url.endsWith(`/${magetan}/`)));
      assert.equal(await page.isVisible('#ks-empty'), none && rows.length === 0);

      await page.click('#ks-filter button[type=reset]');
      await page.waitForFunction((n) => document.querySelectorAll('#ks-table tbody tr:not([hidden])').length === n, registry.length);
      assert.doesNotMatch(page.url(), /\?/);
    });
  });

  test('a filter in the URL is applied on load', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/kerja-sama/?jenis=Sinergi`, { waitUntil: 'load' });
      assert.equal(await page.inputValue('#f-jenis'), 'Sinergi');
      const rows = await page.evaluate(visibleRows);
      assert.deepEqual(rows.map((r) => r.id).sort(), registry.filter((a) => a.jenis === 'Sinergi').map((a) => a.id).sort());
    });
  });

  test('sorts by end date both ways and says so with aria-sort', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/kerja-sama/`, { waitUntil: 'load' });
      const header = page.locator('#ks-table thead th').nth(5);
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      let ends = (await page.evaluate(visibleRows)).map((r) => r.berakhir);
      assert.deepEqual(ends, [...ends].sort());
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      ends = (await page.evaluate(visibleRows)).map((r) => r.berakhir);
      assert.deepEqual(ends, [...ends].sort().reverse());
    });
  });

  test('without JavaScript the whole table is there and the filters stay hidden', async () => {
    await withPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }, async (page) => {
      await page.goto(`${site.origin}/kerja-sama/`, { waitUntil: 'load' });
      assert.equal(await page.locator('#ks-table tbody tr').count(), registry.length);
      assert.equal(await page.isVisible('#ks-filter'), false);
    });
  });

  for (const url of ['/kerja-sama/', `/kerja-sama/${registry[0].id}/`, '/kerja-sama/mitra/']) {
    test(`${url} fits a phone: no horizontal overflow outside the table scrollers`, async () => {
      await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
        await page.goto(site.origin + url, { waitUntil: 'load' });
        const over = await page.evaluate(() => [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .filter((e) => !e.closest('.table-scroll'))
          .map((e) => e.localName));
        assert.deepEqual(over, [], `overflow on ${url}`);
      });
    });
  }
});

describe('registry accessibility and validity', () => {
  const example = registry.find((a) => a.contoh) ?? registry[0];
  const partner = new URL(example.para_pihak[0].mitra_url, 'http://x').pathname;
  const pages = ['/kerja-sama/', `/kerja-sama/${example.id}/`, partner];
  for (const scheme of ['light', 'dark']) {
    for (const url of pages) {
      test(`${url} has no axe violation (${scheme})`, async () => {
        await withPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true }, async (page) => {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(site.origin + url, { waitUntil: 'load' });
          await page.addScriptTag({ content: AXE });
          const { violations } = await page.evaluate(() => window.axe.run());
          assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
        });
      });
    }
  }

  test('an example agreement carries the CONTOH banner', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/kerja-sama/${example.id}/`, { waitUntil: 'load' });
      assert.match(await page.textContent('.ks-contoh-banner'), /CONTOH — bukan perjanjian nyata/);
    });
  });

  test('every registry page type is valid HTML (vnu)', () => {
    const files = ['kerja-sama/index.html', `kerja-sama/${example.id}/index.html`,
      'kerja-sama/mitra/index.html', `${partner.slice(1)}index.html`].map((f) => path.join(site.out, f));
    const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--html', ...files],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`cannot run java: ${r.error.message}`);
    const errors = JSON.parse(r.stderr).messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    assert.deepEqual(errors.map((e) => `${e.url}:${e.lastLine}: ${e.message}`), []);
  });
});
