// The cooperation navigator panduan/ in a real browser: without JavaScript
// every outcome is reachable by links from the partner list and the form
// stays hidden; with it, answering the two questions marks and jumps to
// the matching outcome (served with the strict CSP). axe-core on the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openPage, servedSite } from './lib/site.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = servedSite();

async function withPage(options, fn) {
  const { page, problems, close } = await openPage(site.browser, site.origin, options);
  try {
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

/** Every outcome card: its id, partner and objects. */
function cards() {
  return [...document.querySelectorAll('.panduan-hasil')].map((c) => ({
    id: c.id, mitra: c.dataset.mitra, objek: c.dataset.objek.split(' '),
    title: c.querySelector('h3').textContent,
  }));
}

test('without JavaScript every outcome is reachable by links', async () => {
  await withPage({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false }, async (page) => {
    await page.goto(`${site.origin}/`, { waitUntil: 'load' });
    await page.click('header nav a[href="/panduan/"]');
    await page.waitForURL(`${site.origin}/panduan/`);
    assert.equal(await page.isVisible('#panduan-form'), false, 'no form without the script');
    const all = await page.evaluate(cards);
    assert.ok(all.length >= 5, `${all.length} outcomes`);
    for (const c of all) {
      // From the partner list at the top to the card, by a plain link.
      await page.click(`.panduan-toc a[href="#${c.id}"]`);
      assert.equal(new URL(page.url()).hash, `#${c.id}`);
      assert.equal(await page.isVisible(`#${c.id}`), true, c.id);
      const partner = await page.$eval(`#${c.id}`, (el) => el.closest('section').id);
      assert.equal(partner, `panduan-mitra-${c.mitra}`);
      // Each card links its sources.
      assert.ok(await page.$$eval(`#${c.id} .panduan-sumber a`, (a) => a.length) > 0, `${c.id} cites a source`);
    }
  });
});

test('answering the two questions shows the matching outcome', async () => {
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${site.origin}/panduan/`, { waitUntil: 'load' });
    assert.equal(await page.isVisible('#panduan-form'), true, 'the form is shown once the script runs');
    const all = await page.evaluate(cards);
    for (const c of all) {
      await page.selectOption('#panduan-q-mitra', c.mitra);
      await page.selectOption('#panduan-q-objek', c.objek[0]);
      await page.click('#panduan-form button[type=submit]');
      const marked = await page.$$eval('.panduan-cocok', (els) => els.map((e) => e.id));
      assert.deepEqual(marked, [c.id], `${c.mitra} + ${c.objek[0]}`);
      assert.equal(await page.evaluate(() => document.activeElement.id), c.id);
      assert.ok((await page.textContent('#panduan-status')).includes(c.title));
      assert.equal(await page.isVisible(`#${c.id}`), true);
    }
    // An object no rule gives for the partner cannot be chosen.
    const partner = all[0].mitra;
    await page.selectOption('#panduan-q-mitra', partner);
    const allowed = await page.$$eval('#panduan-q-objek option', (o) => o.filter((x) => !x.disabled).map((x) => x.value));
    const want = [...new Set(all.filter((c) => c.mitra === partner).flatMap((c) => c.objek))];
    assert.deepEqual(allowed.sort(), want.sort());
  });
});

test('the page has no axe violation', async () => {
  await withPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true }, async (page) => {
    await page.goto(`${site.origin}/panduan/`, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE });
    const { violations } = await page.evaluate(() => window.axe.run());
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  });
});
