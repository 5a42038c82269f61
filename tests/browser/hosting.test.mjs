// Search where the site is hosted (issue 17, points 2 and 5): under a
// sub-path, on a host that sends `.wasm` as application/octet-stream, in a
// worker without SharedArrayBuffer; a module that cannot load leaves a
// message and the SOP list link, never an empty panel; and the header box
// starts fetching the module and the index manifest as soon as it is focused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildSite, launch, openPage, removeSite, serve } from './lib/site.mjs';

const BASE = '/kb/';
const site = buildSite(['--base-url', BASE]);
let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  removeSite(site);
});

/** Serves the sub-path build with `options`; runs `fn({ page, problems, origin, log })`. */
async function hosted(options, fn, pageOptions = {}) {
  const log = [];
  const { server, origin } = await serve(site.out, { base: BASE, log, ...options });
  // No service worker here: every request must reach this host as the test asks.
  const opened = await openPage(browser, origin, { serviceWorkers: 'block', ...pageOptions });
  try {
    await fn({ ...opened, origin, log });
  } finally {
    await opened.close();
    server.close();
  }
}

async function firstHit(page) {
  await page.waitForSelector('#cari-hasil .hit-link', { timeout: 30000 });
  return page.$eval('#cari-hasil .hit-link', (a) => a.getAttribute('href'));
}

test('under a sub-path, with .wasm sent as application/octet-stream and ranges: results link inside it', async () => {
  await hosted({ wasmType: 'application/octet-stream', ranges: true }, async ({ page, problems, origin, log }) => {
    await page.goto(`${origin}${BASE}cari/?q=legal+drafting`);
    const href = await firstHit(page);
    assert.ok(href.startsWith(BASE), `result ${href} is outside ${BASE}`);
    assert.ok(log.some((p) => p.startsWith(`${BASE}search/`) && p.endsWith('.wasm')), 'the module came from the sub-path');
    assert.ok(log.every((p) => p.startsWith(BASE) || p === '/favicon.ico'), `a request left ${BASE}: ${log.join(', ')}`);
    assert.deepEqual(problems, []);
  });
});

test('search runs in a worker without SharedArrayBuffer', async () => {
  await hosted({}, async ({ page, problems, origin }) => {
    // The page is not cross-origin isolated, so Chromium offers no
    // SharedArrayBuffer; the worker is also told to forget it, in case a
    // host sends COOP/COEP and a later Chromium keeps it.
    await page.route('**/assets/search-worker.js', async (route) => {
      const res = await route.fetch();
      const body = 'delete self.SharedArrayBuffer;\n' + await res.text();
      await route.fulfill({ response: res, body });
    });
    await page.goto(`${origin}${BASE}cari/?q=surat+penawaran`);
    await firstHit(page);
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'undefined');
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.deepEqual(problems, []);
  });
});

for (const [what, route] of [
  ['the module is missing (404)', (r) => r.fulfill({ status: 404, body: 'gone' })],
  ['the module is not WebAssembly', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' })],
  ['the worker script is missing', null],
]) {
  test(`when ${what}, the search page says so and links to the SOP list`, async () => {
    await hosted({}, async ({ page, origin }) => {
      if (route) await page.route('**/*.wasm', route);
      else await page.route('**/assets/search-worker.js', (r) => r.fulfill({ status: 404, body: '' }));
      await page.goto(`${origin}${BASE}cari/?q=legal+drafting`);
      const link = page.locator('#cari-status a');
      await link.waitFor({ timeout: 30000 });
      assert.equal(await link.getAttribute('href'), `${BASE}sop/`);
      assert.match(await page.textContent('#cari-status'), /Maaf, pencarian tidak dapat dimuat/);
      assert.equal(await page.locator('#cari-hasil li').count(), 0);
      // Typing afterwards keeps the message (no "loading…" forever).
      await page.fill('#cari-q', 'kerja sama');
      await page.waitForTimeout(200);
      assert.ok(await link.isVisible());
    });
  });
}

test('focusing the header search box starts fetching the module and the index manifest', async () => {
  await hosted({}, async ({ page, problems, origin, log }) => {
    await page.goto(`${origin}${BASE}sop/`);
    await page.waitForLoadState('load');
    const fetched = () => log.filter((p) => p.endsWith('.wasm') || p.endsWith('/search/index/manifest.json'));
    assert.deepEqual(fetched(), [], 'nothing of search is fetched before the box is used');
    await page.focus('#site-search-q');
    const deadline = Date.now() + 15000;
    while (fetched().length < 2 && Date.now() < deadline) await page.waitForTimeout(50);
    assert.equal(fetched().length, 2, `fetched: ${log.join(', ')}`);
    // Typing and submitting still lead to the results.
    await page.fill('#site-search-q', 'legal drafting');
    await page.press('#site-search-q', 'Enter');
    await firstHit(page);
    assert.deepEqual(problems, []);
  });
});
