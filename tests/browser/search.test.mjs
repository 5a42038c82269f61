// Search (cari/): the WASM module, run in a Web Worker, answers from the
// shipped packed index (read by HTTP byte ranges). Checks the killer query (Magetan step 8 with its
// executor, time and highlights), results as you type, kind filters,
// keyboard-only use, the header search box and the no-JS message; measures
// the bytes fetched under search/ before the first result (cold, and with
// the module cached) and query latency; and runs the same module in node
// against `sopkb search --json` (native and WASM must agree).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { CSP, ROOT, buildSite, launch, openPage, readSops, removeSite } from './lib/site.mjs';

const site = buildSite();
const sops = readSops(site.out);
const BINARY = path.join(ROOT, 'target/release/sopkb');

// Magetan's step 8: "Meminta Legal Drafting ..." (the DESIGN §7 example).
const magetan = sops.find((s) => s.id.startsWith('magetan') &&
  s.langkah.some((l) => /legal drafting/i.test(l.kegiatan)));
const step8 = magetan?.langkah.find((l) => /legal drafting/i.test(l.kegiatan));
const laneName = (id) => magetan.pelaksana.find((p) => p.id === id)?.nama ?? id;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.bin': 'application/octet-stream',
};

/**
 * A static host like lib/site.mjs's, with the caching a publisher would set:
 * the module and glue (content-named) are immutable; the index is `no-store`,
 * so a second visit measures "module cached, index fetched again" (the worst
 * case: the site changed since the last visit). Gzips like a common host,
 * answers single byte ranges with 206 (unless `ranges` is false: a host
 * that ignores Range), and logs, per request, the file's bytes and the
 * bytes sent.
 */
function serveCounting(dir, { ranges = true } = {}) {
  const log = [];
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(dir, path.normalize(rel));
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': CSP });
      res.end(fs.readFileSync(path.join(dir, '404.html')));
      return;
    }
    const cache = /^\/search\/sopkb-search-[0-9a-f]+\.(wasm|js)$/.test(rel)
      ? 'public, max-age=31536000, immutable'
      : rel.startsWith('/search/') ? 'no-store' : 'no-cache';
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
    if (ranges && range && path.extname(file) === '.bin') {
      // Only the range is read (as a static server would): reading the
      // whole pack per request slowed the latency figures of a large index.
      const size = fs.statSync(file).size;
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      const part = Buffer.alloc(end + 1 - start);
      const fd = fs.openSync(file, 'r');
      try { fs.readSync(fd, part, 0, part.length, start); } finally { fs.closeSync(fd); }
      log.push({ path: rel, raw: part.length, bytes: part.length, range: true });
      res.writeHead(206, {
        'Content-Type': TYPES['.bin'], 'Content-Length': part.length,
        'Content-Range': `bytes ${start}-${end}/${size}`, 'Cache-Control': cache,
      });
      res.end(part);
      return;
    }
    const raw = fs.readFileSync(file);
    // Like common hosts and CDNs: text and wasm gzipped, opaque binaries not.
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && path.extname(file) !== '.bin';
    const body = gzip ? zlib.gzipSync(raw) : raw;
    log.push({ path: rel, raw: raw.length, bytes: body.length });
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
      'Cache-Control': cache,
      'Content-Security-Policy': CSP,
    });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, log, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

let server, log, origin, browser;
before(async () => {
  assert.ok(step8, 'no Magetan step about legal drafting in data/sops.json');
  ({ server, log, origin } = await serveCounting(site.out));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  removeSite(site);
});

/** The rendered results: [{ href, kind, title, meta, marks }]. */
function results(page) {
  return page.$$eval('#cari-hasil li', (lis) => lis.map((li) => ({
    href: li.querySelector('a').href,
    kind: li.className.replace(/^hit hit-/, ''),
    title: li.querySelector('.hit-title').textContent,
    meta: li.querySelector('.hit-meta')?.textContent ?? '',
    marks: [...li.querySelectorAll('.hit-snippet mark')].map((m) => m.textContent),
  })));
}

// Navigating away aborts the previous page's pending requests (its icon):
// that is not a problem of the page.
const real = (problems) => problems.filter((p) => !/net::ERR_ABORTED/.test(p));
const waitForResults = (page) => page.waitForSelector('#cari-hasil li', { timeout: 30000 });
const step8Href = () => `${origin}/sop/${magetan.id}/#langkah-${step8.no}`;

test('"legal drafting" finds Magetan step 8 with its executor, time and highlights', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/cari/?q=legal%20drafting`);
    await waitForResults(page);
    assert.equal(await page.inputValue('#cari-q'), 'legal drafting');
    const top = (await results(page)).slice(0, 3);
    const hit = top.find((h) => h.href === step8Href());
    assert.ok(hit, `Magetan step ${step8.no} not in the first 3 results:\n${JSON.stringify(top, null, 1)}`);
    assert.equal(hit.kind, 'langkah');
    assert.match(hit.meta, new RegExp(magetan.nama.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(hit.meta, new RegExp(`\\b${step8.no}\\b`));
    for (const lane of step8.pelaksana) assert.ok(hit.meta.includes(laneName(lane)), `executor ${laneName(lane)} missing in "${hit.meta}"`);
    assert.ok(hit.meta.includes(step8.waktu.teks), `time ${step8.waktu.teks} missing in "${hit.meta}"`);
    assert.ok(hit.marks.some((m) => /legal|drafting/i.test(m)), `no <mark> in the snippet: ${JSON.stringify(hit)}`);
    assert.match(await page.textContent('#cari-status'), /\d/);
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

test('results update while typing, character by character', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/cari/`);
    await page.waitForFunction(() => document.activeElement?.id === 'cari-q');
    await page.evaluate(() => {
      window.renders = [];
      new MutationObserver(() => {
        const first = document.querySelector('#cari-hasil li .hit-title');
        if (first) window.renders.push(first.textContent);
      }).observe(document.getElementById('cari-hasil'), { childList: true });
    });
    await page.keyboard.type('surat', { delay: 120 });
    await waitForResults(page);
    const before = await results(page);
    await page.keyboard.type(' kuasa', { delay: 120 });
    await page.waitForFunction((first) => {
      const t = document.querySelector('#cari-hasil li .hit-title');
      return t && t.textContent !== first && /kuasa/i.test(t.textContent);
    }, before[0].title, { timeout: 15000 });
    const renders = await page.evaluate(() => window.renders.length);
    assert.ok(renders >= 3, `only ${renders} renders while typing 11 characters`);
    assert.match(page.url(), /\?q=surat(\+|%20)kuasa$/);
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

test('kind filters restrict the results and are kept in the URL', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/cari/?q=kerja%20sama`);
    await waitForResults(page);
    // The query matches several kinds (each filter below finds some); which
    // kinds make the first ten is the ranking's business, not this test's.
    for (const kind of ['sop', 'langkah']) {
      await page.check(`input[name="jenis"][value="${kind}"]`);
      await page.waitForFunction((k) => {
        const lis = [...document.querySelectorAll('#cari-hasil li')];
        return lis.length > 0 && lis.every((li) => li.classList.contains(`hit-${k}`));
      }, kind, { timeout: 15000 });
      assert.match(page.url(), new RegExp(`jenis=${kind}`));
      await page.uncheck(`input[name="jenis"][value="${kind}"]`);
    }
    // A filter given in the URL (the no-JS form submits it) applies on load.
    await page.goto(`${origin}/cari/?q=kerja%20sama&jenis=istilah`);
    await waitForResults(page);
    assert.deepEqual([...new Set((await results(page)).map((h) => h.kind))], ['istilah']);
    assert.equal(await page.isChecked('input[name="jenis"][value="istilah"]'), true);
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

test('keyboard only: type, arrow down to a result, Enter opens #langkah-N', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/cari/`);
    await page.waitForFunction(() => document.activeElement?.id === 'cari-q');
    await page.keyboard.type('legal drafting');
    await page.waitForSelector(`#cari-hasil a[href="/sop/${magetan.id}/#langkah-${step8.no}"]`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hit-link')), true);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cari-q');
    let found = false;
    for (let i = 0; i < 10 && !found; i++) {
      await page.keyboard.press('ArrowDown');
      found = await page.evaluate(() => document.activeElement.href) === step8Href();
    }
    assert.ok(found, 'arrow keys never reached the Magetan step');
    await Promise.all([page.waitForURL(step8Href()), page.keyboard.press('Enter')]);
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), `langkah-${step8.no}`);
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

test('a first page of 10 results, more on request (focus moves to the first new one)', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/cari/?q=kerja%20sama`);
    await waitForResults(page);
    assert.equal((await results(page)).length, 10);
    await page.focus('#cari-lebih');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#cari-hasil li').length > 10);
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#cari-hasil a')].indexOf(document.activeElement)), 10);
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

test('the header search box on every page leads to the results', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/sop/`);
    await page.fill('#site-search-q', 'legal drafting');
    await Promise.all([page.waitForURL(/\/cari\/\?q=legal/), page.press('#site-search-q', 'Enter')]);
    await waitForResults(page);
    assert.ok((await results(page)).some((h) => h.href === step8Href()));
    assert.equal(await page.$('#site-search-q'), null, 'the search page repeats the header box');
    assert.deepEqual(real(problems), []);
  } finally {
    await close();
  }
});

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

for (const width of [375, 1280]) {
  test(`the search page with results at ${width} px: no overflow, no inline code, no axe violation`, async () => {
    const { page, problems, close } = await openPage(browser, origin, { viewport: { width, height: 800 } });
    try {
      await page.goto(`${origin}/cari/?q=legal%20drafting`);
      await waitForResults(page);
      const m = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        inline: document.querySelectorAll('script:not([src]), style, [style]').length,
      }));
      assert.ok(m.scrollWidth <= m.innerWidth, `overflow: ${m.scrollWidth} > ${m.innerWidth}`);
      assert.equal(m.inline, 0);
      assert.deepEqual(real(problems), []);
    } finally {
      await close();
    }
    // axe is injected as an inline script: a page without the CSP.
    const axe = await openPage(browser, origin, { viewport: { width, height: 800 }, bypassCSP: true });
    try {
      await axe.page.goto(`${origin}/cari/?q=legal%20drafting`);
      await waitForResults(axe.page);
      await axe.page.addScriptTag({ content: AXE });
      const { violations } = await axe.page.evaluate(() => window.axe.run());
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    } finally {
      await axe.close();
    }
  });
}

test('without JavaScript the search page says so and points to the SOP list', async () => {
  const { page, close } = await openPage(browser, origin, { javaScriptEnabled: false });
  try {
    await page.goto(`${origin}/cari/?q=pks`);
    const text = await page.textContent('.search-noscript');
    assert.match(text, /JavaScript/);
    assert.equal(await page.getAttribute('.search-noscript a', 'href'), '/sop/');
    assert.equal(await page.isVisible('#cari-form'), false);
  } finally {
    await close();
  }
});

/** What the server sent under /search/ since `from` (a log index): bytes on
 * the wire (gzipped where the host would), and the files' own sizes. */
function searchBytes(from, entries = log) {
  const part = entries.slice(from).filter((r) => r.path.startsWith('/search/'));
  const sum = (f, key = 'bytes') => part.filter(f).reduce((n, r) => n + r[key], 0);
  const isModule = (r) => /\.(wasm|js)$/.test(r.path);
  const isChunk = (r) => r.path.endsWith('.bin');
  return {
    sent: sum(() => true),
    raw: sum(() => true, 'raw'),
    module: sum(isModule),
    moduleRaw: sum(isModule, 'raw'),
    manifest: sum((r) => r.path.endsWith('manifest.json')),
    chunks: sum(isChunk),
    chunkCount: part.filter(isChunk).length,
    ranges: part.filter((r) => r.range).length,
  };
}

/**
 * Opens cari/?q=q1 in a fresh browser (cold), then cari/?q=q2 in the same
 * one (module in the HTTP cache, index fetched again); returns the bytes of
 * each visit under search/ and the time to the first result.
 */
async function visitTwice(where, q1, q2) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const visit = async (q) => {
      const mark = where.log.length;
      const t0 = Date.now();
      await page.goto(`${where.origin}/cari/?q=${encodeURIComponent(q)}`);
      await waitForResults(page);
      return { ...searchBytes(mark, where.log), ms: Date.now() - t0 };
    };
    return { cold: await visit(q1), cached: await visit(q2) };
  } finally {
    await context.close();
  }
}

test('bytes fetched under search/ before the first result: cold, then with the module cached', async () => {
  const { cold, cached } = await visitTwice({ origin, log }, 'legal drafting', 'tanda tangan');
  console.log(`# search bytes, cold first query: ${JSON.stringify(cold)}`);
  console.log(`# search bytes, module cached:    ${JSON.stringify(cached)}`);
  const wasm = fs.readdirSync(path.join(site.out, 'search')).filter((f) => f.endsWith('.wasm'))
    .map((f) => fs.statSync(path.join(site.out, 'search', f)).size)[0];
  assert.ok(cold.moduleRaw >= wasm, 'the cold visit did not fetch the module');
  assert.equal(cached.module, 0, 'the module was fetched again although cacheable');
  assert.ok(cached.chunks > 0, 'the second visit fetched no index at all');
  // An index of one pack up to 512 KB comes whole in one request (a round
  // trip per range read costs more on a phone); a larger one by ranges.
  const manifest = JSON.parse(fs.readFileSync(path.join(site.out, 'search/index/manifest.json'), 'utf8'));
  if (manifest.total <= 512 * 1024) {
    assert.ok(cold.ranges === 0 && cold.chunkCount === 1, `a small index was not fetched whole, once: ${JSON.stringify(cold)}`);
  } else {
    assert.ok(cold.ranges > 0 && cold.ranges === cold.chunkCount, 'the index was not read by ranges');
  }
});

test('a host that ignores Range: whole packs, each fetched once, and the same results', async () => {
  const plain = await serveCounting(site.out, { ranges: false });
  try {
    const { cold, cached } = await visitTwice(plain, 'legal drafting', 'tanda tangan');
    console.log(`# search bytes without Range, cold: ${JSON.stringify(cold)}`);
    const packs = fs.readdirSync(path.join(site.out, 'search/index')).filter((f) => f.endsWith('.bin'));
    const size = packs.reduce((n, f) => n + fs.statSync(path.join(site.out, 'search/index', f)).size, 0);
    assert.ok(cold.chunks <= size, `fetched ${cold.chunks} bytes of packs, ${size} in all`);
    assert.ok(cached.chunkCount <= packs.length, `${cached.chunkCount} pack requests for ${packs.length} packs`);
    const { page, problems, close } = await openPage(browser, plain.origin);
    try {
      await page.goto(`${plain.origin}/cari/?q=legal%20drafting`);
      await waitForResults(page);
      assert.ok((await results(page)).slice(0, 3).some((h) => h.href === `${plain.origin}/sop/${magetan.id}/#langkah-${step8.no}`));
      assert.deepEqual(real(problems), []);
    } finally {
      await close();
    }
  } finally {
    plain.server.close();
  }
});

const QUERIES = [
  'legal drafting', 'tanda tangan', 'kerjasama', 'kerja sama', 'PKS', 'surat penawaran', 'bupati',
  'nota kesepakatan', 'kesepakatan bersama', 'DPRD', 'persetujuan DPRD', 'TKKSD', 'tim koordinasi',
  'rancangan perjanjian', 'pihak ketiga', 'evaluasi', 'pemantauan', 'registrasi', 'laporan',
  'sekretaris daerah', 'sekda', 'bagian hukum', 'kerangka acuan kerja', 'KAK', 'telaahan staf',
  'disposisi', 'naskah', 'paraf', 'koordinasi', 'Kemendagri', 'gubernur', 'provinsi', 'pemerintah daerah lain',
  'badan usaha', 'hari kerja', 'rapat', 'pembahasan', 'undangan', 'surat kuasa', 'penandatanganan',
  'arsip', 'dokumentasi', 'berita acara', 'permohonan fasilitasi', 'OPD pemrakarsa', 'menandatangani',
  'ditandatangani', 'kelengkapan', 'verifikasi', 'PP 28 2018', 'permendagri 22 2020',
];

/** Runs `queries` one after another through a fresh worker on `where`'s
 * search page (`options`: of the browser context); returns the time to
 * ready and per-query times. */
async function latency(where, queries, options = {}) {
  const { page, problems, close } = await openPage(browser, where.origin, options);
  try {
    await page.goto(`${where.origin}/cari/`);
    const r = await page.evaluate(async (queries) => {
      const d = document.getElementById('cari').dataset;
      const abs = (u) => new URL(u, document.baseURI).href;
      const w = new Worker(abs(d.worker));
      const next = (type) => new Promise((resolve, reject) => {
        w.onmessage = (e) => (e.data.type === type ? resolve(e.data) : e.data.type === 'error' && reject(new Error(e.data.message)));
      });
      let t0 = performance.now();
      // As search.js does: the page compiles the module and posts it.
      w.postMessage({ type: 'init', glue: abs(d.glue), index: abs(d.index) });
      const bytes = await (await fetch(abs(d.wasm))).arrayBuffer();
      w.postMessage({ type: 'module', module: await WebAssembly.compile(bytes) });
      await next('ready');
      const ready = performance.now() - t0;
      const rounds = [];
      const engine = [];
      const batches = [];
      const again = []; // the same queries once more: every chunk here
      let id = 0;
      for (const q of queries.concat(queries)) {
        t0 = performance.now();
        w.postMessage({ type: 'query', id: ++id, q, kinds: [], limit: 30 });
        const m = await next('results');
        if (id > queries.length) {
          again.push(performance.now() - t0);
          continue;
        }
        rounds.push(performance.now() - t0);
        engine.push(m.ms);
        batches.push(m.rounds ?? 0);
      }
      w.terminate();
      return { ready, rounds, engine, batches, again };
    }, queries);
    const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
    const f = (x) => x.toFixed(2);
    const summary = {
      median: pct(r.rounds, 0.5), p95: pct(r.rounds, 0.95),
      text: `worker ready ${f(r.ready)} ms; round trip over ${queries.length} queries: first ${f(r.rounds[0])} ms, ` +
        `median ${f(pct(r.rounds, 0.5))} ms, p95 ${f(pct(r.rounds, 0.95))} ms, max ${f(pct(r.rounds, 1))} ms ` +
        `(in the worker: median ${f(pct(r.engine, 0.5))}, p95 ${f(pct(r.engine, 0.95))}); ` +
        `parallel batches of reads per query: median ${pct(r.batches, 0.5)}, max ${pct(r.batches, 1)}; ` +
        `the same queries again (no reads): median ${f(pct(r.again, 0.5))} ms, p95 ${f(pct(r.again, 0.95))} ms`,
    };
    return { ...summary, problems };
  } finally {
    await close();
  }
}

test(`query latency in the browser over ${QUERIES.length} queries`, async () => {
  const r = await latency({ origin }, QUERIES);
  console.log(`# latency: ${r.text}`);
  assert.ok(r.p95 < 100, 'p95 latency above 100 ms');
  assert.deepEqual(real(r.problems), []);
});

/** The site's module loaded in node, reading chunks from disk. */
function nodeEngine(out) {
  const dir = path.join(out, 'search');
  const named = (ext) => fs.readdirSync(dir).find((f) => f.startsWith('sopkb-search-') && f.endsWith(ext));
  globalThis.sopkbFetchRange = (p, start, end) =>
    fs.readFileSync(path.join(dir, 'index', `pack-${String(p).padStart(5, '0')}.bin`)).subarray(start, end);
  const glue = vm.runInThisContext(`(function () { ${fs.readFileSync(path.join(dir, named('.js')), 'utf8')}\nreturn wasm_bindgen; })()`);
  glue.initSync({ module: fs.readFileSync(path.join(dir, named('.wasm'))) });
  return { glue, engine: new glue.Engine(fs.readFileSync(path.join(dir, 'index/manifest.json'), 'utf8')) };
}

test('in node, the WASM module answers exactly like `sopkb search --json`', () => {
  const { engine } = nodeEngine(site.out);
  for (const q of ['legal drafting', 'tanda tangan', 'kerjasama', 'PKS', 'surat kuasa', 'persetujuan DPRD', 'sekda']) {
    const wasm = JSON.parse(engine.search(q, '', 10)).hits;
    const r = spawnSync(BINARY, ['search', '--site', site.out, '--json', '--limit', '10', q], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const native = JSON.parse(r.stdout).hits;
    assert.deepEqual(wasm.map((h) => [h.url, h.kind, h.step]), native.map((h) => [h.url, h.kind, h.step]), `results differ for "${q}"`);
    for (const [i, h] of wasm.entries()) assert.ok(Math.abs(h.score - native[i].score) < 1e-4, `score of ${h.url} for "${q}"`);
  }
  const top = JSON.parse(engine.search('legal drafting', 'langkah', 3)).hits;
  assert.equal(top[0].url, `/sop/${magetan.id}/#langkah-${step8.no}`);
  // The analyzer under WASM: compounds split with any affix, acronyms kept.
  const terms = (t) => JSON.parse(engine.terms(t));
  assert.deepEqual(terms('Kerjasama'), terms('kerja sama'));
  assert.deepEqual(terms('penandatanganan'), terms('tanda tangan'));
  assert.deepEqual(terms('tandatangan'), terms('tanda tangan'));
  assert.ok(terms('PKS').includes('pks'));
});

// Measurements on other built sites (e.g. the synthetic corpora of
// examples/gen_site.rs, then built): SOPKB_SEARCH_BENCH=/tmp/site1000,/tmp/site10000
for (const dir of (process.env.SOPKB_SEARCH_BENCH || '').split(',').filter(Boolean)) {
  test(`bench: ${dir}`, async () => {
    const bench = await serveCounting(path.resolve(dir));
    try {
      const files = fs.readdirSync(path.join(dir, 'search/index'));
      const size = files.reduce((n, f) => n + fs.statSync(path.join(dir, 'search/index', f)).size, 0);
      console.log(`# ${dir}: index ${files.length} files, ${size} bytes; docs ${JSON.parse(fs.readFileSync(path.join(dir, 'search/index/manifest.json'))).docs}`);
      for (const [q1, q2] of [['penandatanganan naskah', 'rapat koordinasi'], ['persetujuan dewan', 'laporan evaluasi'], ['bupati', 'kerja sama']]) {
        const { cold, cached } = await visitTwice(bench, q1, q2);
        console.log(`#   "${q1}" cold:   sent ${cold.sent} (raw ${cold.raw}); module ${cold.module}, manifest ${cold.manifest}, ${cold.chunkCount} chunks ${cold.chunks}; ${cold.ms} ms`);
        console.log(`#   "${q2}" cached: sent ${cached.sent} (raw ${cached.raw}); manifest ${cached.manifest}, ${cached.chunkCount} chunks ${cached.chunks}; ${cached.ms} ms`);
      }
      console.log(`#   latency: ${(await latency(bench, QUERIES)).text}`);
      // The offline worker (sw.js) answers ranges from whole cached packs
      // and fetches those in the background: without it, the reads alone.
      console.log(`#   latency without the offline worker: ${(await latency(bench, QUERIES, { serviceWorkers: 'block' })).text}`);
    } finally {
      bench.server.close();
    }
  });
}

test('in node, the WASM analyzer gives the native tokens of the shared analyzer cases', () => {
  const { glue } = nodeEngine(site.out);
  const file = path.join(ROOT, 'crates/sopkb-search/tests/data/analyzer-cases.json');
  const cases = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(cases.length >= 10);
  for (const c of cases) assert.deepEqual(JSON.parse(glue.analyze(c.text, '')), c.tokens, c.text);
});
