// Offline use (issue 19, point 6): the service worker a build writes keeps
// the shell, the pages visited and, after a first search, the module and the
// whole index packs; offline, a visited SOP page reloads and search answers
// (the worker's synchronous Range reads are cut from the cached packs).
// Served under a sub-path by a host answering byte ranges, as nginx does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildSite, launch, openPage, readSops, removeSite, serve } from './lib/site.mjs';

const BASE = '/kb/';
const site = buildSite(['--base-url', BASE]);
const sops = readSops(site.out);
let browser, server, origin;
const log = [];
before(async () => {
  browser = await launch();
  ({ server, origin } = await serve(site.out, { base: BASE, ranges: true, log }));
});
after(async () => {
  await browser?.close();
  server?.close();
  removeSite(site);
});

const hits = (page) => page.$$eval('#cari-hasil .hit-link', (as) => as.map((a) => a.getAttribute('href')));

test('opened once online: a visited SOP page and search work offline', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}${BASE}`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${origin}${BASE}`);
    // A first search, online, under the worker's control: the module and the pack are kept.
    await page.goto(`${origin}${BASE}cari/?q=legal+drafting`);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the search page is controlled');
    await page.waitForSelector('#cari-hasil .hit-link', { timeout: 30000 });
    const online = await hits(page);
    assert.ok(log.some((p) => p.includes('/search/index/pack-')), 'the index was read from the host');
    const sop = sops[0];
    const sopUrl = sop.url.startsWith(BASE) ? sop.url : BASE + sop.url.replace(/^\//, '');
    await page.goto(`${origin}${sopUrl}`);
    // The whole pack is stored beside the first range reads; wait for it.
    await page.waitForFunction(async () => {
      for (const name of await caches.keys()) {
        const keys = await (await caches.open(name)).keys();
        if (keys.some((r) => /\/search\/index\/pack-\d+\.bin$/.test(r.url))) return true;
      }
      return false;
    }, null, { timeout: 20000, polling: 100 });

    const heading = await page.textContent('h1');
    assert.ok(heading.includes(sop.nama.slice(0, 20)), `${heading} is not ${sop.nama}`);

    await page.context().setOffline(true);
    const before = log.length;
    await page.reload();
    assert.equal(await page.textContent('h1'), heading);

    await page.goto(`${origin}${BASE}cari/?q=legal+drafting`);
    await page.waitForSelector('#cari-hasil .hit-link', { timeout: 30000 });
    assert.deepEqual(await hits(page), online, 'the same results offline');
    // A query never run online: its chunks come from the cached pack.
    await page.fill('#cari-q', 'penandatanganan naskah');
    await page.waitForFunction(() => /penandatanganan/i.test(document.getElementById('cari-hasil').textContent), null, { timeout: 20000 });
    // A range read offline is cut from the whole cached pack, as a host would answer it.
    const cut = await page.evaluate(async (url) => {
      const res = await fetch(url, { headers: { Range: 'bytes=100-199' } });
      return { status: res.status, range: res.headers.get('Content-Range'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, `${origin}${BASE}search/index/pack-00000.bin`);
    const pack = fs.readFileSync(path.join(site.out, 'search/index/pack-00000.bin'));
    assert.equal(cut.status, 206);
    assert.equal(cut.range, `bytes 100-199/${pack.length}`);
    assert.deepEqual(cut.bytes, Array.from(pack.subarray(100, 200)));
    assert.equal(log.length, before, `offline, yet the host was asked: ${log.slice(before).join(', ')}`);
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  } finally {
    await close();
  }
});
