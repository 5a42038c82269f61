// A measurement, not a gate (issue 17, point 2): time to a first search
// result and bytes transferred, sopkb side by side with Pagefind indexing the
// same built HTML. Each query is a cold visit: a fresh browser context, the
// HTTP cache disabled, no service worker, Chromium's "Fast 4G" throttling
// through CDP (the DevTools/Puppeteer preset: 9 Mbps down, 1.5 Mbps up,
// 60 ms RTT, with DevTools' 0.9 and 2.75 factors). The host gzips text and
// wasm like a common host and answers byte ranges. Figures are printed (and
// written to artifacts/search-measure.txt); only the answers are asserted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { ARTIFACTS, HERE, buildSite, launch, removeSite } from './lib/site.mjs';

const FAST_4G = {
  offline: false,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
  latency: 60 * 2.75,
};
const QUERIES = ['legal drafting', 'surat penawaran', 'naskah kerja sama', 'PKS'];

const site = buildSite();
const pagefindOut = path.join(site.tmp, 'pagefind');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

// The page that asks Pagefind, as a site would with its JS API; the time is
// taken when the first result's data (its URL and title) has arrived.
const PROBE = `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
const search = await pagefind.search(q);
const first = search.results.length ? await search.results[0].data() : null;
window.__first = { t: performance.now(), url: first && first.url, n: search.results.length };
</script></body></html>`;

/** Serves the site, /pagefind/ and the probe page; logs bytes sent per path. */
function serveBoth(log) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel === '/__pagefind.html') {
      res.writeHead(200, { 'Content-Type': TYPES['.html'] });
      res.end(PROBE);
      return;
    }
    const [dir, sub] = rel.startsWith('/pagefind/') ? [pagefindOut, rel.slice('/pagefind'.length)] : [site.out, rel];
    let file = path.join(dir, path.normalize(sub));
    if (sub.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const raw = fs.readFileSync(file);
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
    if (range) {
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), raw.length - 1)];
      const part = raw.subarray(start, end + 1);
      log.push({ path: rel, bytes: part.length });
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${raw.length}`, 'Content-Length': part.length });
      res.end(part);
      return;
    }
    // Pagefind's own files are gzipped already; sopkb's packs are binary.
    const ext = path.extname(file);
    const gzip = ext in TYPES && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = gzip ? zlib.gzipSync(raw) : raw;
    log.push({ path: rel, bytes: body.length });
    res.writeHead(200, {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    server, origin: `http://127.0.0.1:${server.address().port}`,
  })));
}

let browser, server, origin;
const log = [];
before(async () => {
  const bin = path.join(HERE, 'node_modules/.bin/pagefind');
  const r = spawnSync(bin, ['--site', site.out, '--output-path', pagefindOut, '--silent'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pagefind failed (${r.status}): ${r.stdout}${r.stderr}`);
  browser = await launch();
  ({ server, origin } = await serveBoth(log));
});
after(async () => {
  await browser?.close();
  server?.close();
  removeSite(site);
});

/** One cold visit of `url`; resolves to { t, url, bytes: { module, index } }. */
async function cold(url, classify) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_4G);
  // sopkb: the moment the first result is in the list.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const a = !window.__first && document.querySelector('#cari-hasil .hit-link');
      if (a) window.__first = { t: performance.now(), url: a.getAttribute('href'), n: 1 };
    }).observe(document, { childList: true, subtree: true });
  });
  const from = log.length;
  try {
    await page.goto(origin + url);
    const first = await (await page.waitForFunction(() => window.__first, null, { timeout: 60000, polling: 20 })).jsonValue();
    const bytes = { module: 0, index: 0 };
    for (const r of log.slice(from)) {
      const kind = classify(r.path);
      if (kind) bytes[kind] += r.bytes;
    }
    return { ...first, bytes };
  } finally {
    await context.close();
  }
}

const sopkbKind = (p) => (/^\/search\/index\//.test(p) ? 'index'
  : /^\/(search\/sopkb-search-|assets\/search)/.test(p) ? 'module' : null);
const pagefindKind = (p) => (!p.startsWith('/pagefind/') ? null
  : /\/(pagefind\.js|wasm\.[^/]*\.pagefind)$/.test(p) ? 'module' : 'index');

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

test('time to first result and bytes, sopkb and Pagefind, cold on Fast 4G (reported)', async () => {
  const rows = [];
  for (const q of QUERIES) {
    const enc = encodeURIComponent(q);
    const s = await cold(`/cari/?q=${enc}`, sopkbKind);
    const p = await cold(`/__pagefind.html?q=${enc}`, pagefindKind);
    // Behaviour, not speed: both found something for every query.
    assert.ok(s.url, `sopkb found nothing for ${q}`);
    assert.ok(p.n > 0, `Pagefind found nothing for ${q}`);
    rows.push([q, s, p]);
  }
  const lines = [
    'Search, first query cold (cache disabled, Fast 4G via CDP, gzip host answering ranges)',
    '| query | sopkb module | sopkb index | sopkb first result | Pagefind module | Pagefind index | Pagefind first result |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(([q, s, p]) => `| ${q} | ${kb(s.bytes.module)} | ${kb(s.bytes.index)} | ${Math.round(s.t)} ms | ` +
      `${kb(p.bytes.module)} | ${kb(p.bytes.index)} | ${Math.round(p.t)} ms |`),
    '(first result: from navigation start of cari/?q=… for sopkb, of a blank page importing pagefind.js for Pagefind)',
  ];
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'search-measure.txt'), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
});
