// Shared helpers of the browser suite: build the site with the release
// binary into a temporary folder, serve it on 127.0.0.1, launch Debian's
// chromium through playwright-core, and list the pages to visit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(HERE, '../..');
export const ARTIFACTS = path.join(HERE, 'artifacts');
// SOPKB_BIN: another binary (e.g. a debug build while iterating).
const BINARY = process.env.SOPKB_BIN || path.join(ROOT, 'target/release/sopkb');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Builds the site into a fresh temporary folder (`args`: more options of
 * `sopkb build`, e.g. `--base-url /kb/`); returns { tmp, out }. */
export function buildSite(args = []) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --release\` in ${ROOT} first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-browser-'));
  const out = path.join(tmp, 'public');
  const r = spawnSync(BINARY, ['--root', ROOT, 'build', '--out', out, ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`sopkb build failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return { tmp, out };
}

export function removeSite(site) {
  if (site) fs.rmSync(site.tmp, { recursive: true, force: true });
}

/** The open data of the built site: data/sops.json's `sops` array. */
export function readSops(out) {
  return JSON.parse(fs.readFileSync(path.join(out, 'data/sops.json'), 'utf8')).sops;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// A strict policy: no inline script, no inline style, nothing from elsewhere.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves `dir` like a plain static host; resolves to { server, origin }.
 * Options model other hosts: `base` serves the site under a sub-path
 * (built with `--base-url` of that path), `wasmType` is the Content-Type
 * sent for `.wasm` (hosts without `application/wasm`), `ranges` answers a
 * single byte range with 206, and `log` collects the paths requested.
 */
export function serve(dir, { base = '/', wasmType = TYPES['.wasm'], ranges = false, log = null } = {}) {
  const server = http.createServer((req, res) => {
    const type = (file) => (path.extname(file) === '.wasm' ? wasmType : TYPES[path.extname(file)])
      || 'application/octet-stream';
    const send = (status, file) => {
      const headers = { 'Content-Type': type(file), 'Content-Security-Policy': CSP };
      const range = ranges && status === 200 && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
      if (range) {
        const size = fs.statSync(file).size;
        const [start, end] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
        if (start > end) return res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end + 1 - start });
        return fs.createReadStream(file, { start, end }).pipe(res);
      }
      res.writeHead(status, headers);
      fs.createReadStream(file).pipe(res);
    };
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    log?.push(rel);
    if (!(rel + '/').startsWith(base)) return send(404, path.join(dir, '404.html'));
    rel = '/' + rel.slice(base.length);
    let file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir)) return send(404, path.join(dir, '404.html'));
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      res.writeHead(301, { Location: base + rel.slice(1) + '/' }).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isFile()) send(200, file);
    else send(404, path.join(dir, '404.html'));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

/**
 * The shipped site for one test file: built now, served and opened in
 * Chromium by a `before` hook, closed and removed by an `after` hook.
 * `site.origin` and `site.browser` are set once `before` has run.
 */
export function servedSite() {
  const site = buildSite();
  let server;
  before(async () => {
    ({ server, origin: site.origin } = await serve(site.out));
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    server?.close();
    removeSite(site);
  });
  return site;
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens a page that records every problem the suite forbids: a request to
 * anything but `origin`, a console error, an uncaught exception.
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) {
      problems.push(`request leaves 127.0.0.1: ${r.method()} ${u}`);
    }
  });
  // Chromium's own /favicon.ico probe happens at random times (once per
  // browser); layout.test.mjs checks the icon on purpose, so it is not counted here.
  const probe = (u) => u === `${origin}/favicon.ico`;
  page.on('console', (m) => {
    if (m.type() === 'error' && !probe(m.location().url)) problems.push(`console error: ${m.text()} (${m.location().url || '?'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document' && !probe(r.url())) {
      problems.push(`HTTP ${r.status()} for ${r.request().resourceType()} ${r.url()}`);
    }
  });
  // net::ERR_ABORTED is the browser cancelling what a page it leaves still
  // loads (e.g. its favicon on a quick goto): not a defect of the site. A
  // missing file is a 4xx response and is caught above.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

/** Every page the layout test visits: [{ name, url, sop? }]. */
export function pagesToVisit(out, sops) {
  const legal = fs.readdirSync(path.join(out, 'dasar-hukum'), { withFileTypes: true })
    .filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (legal.length === 0) throw new Error('no dasar-hukum/<id>/ page was built');
  return [
    { name: 'home', url: '/' },
    { name: 'sop-index', url: '/sop/' },
    ...sops.map((s) => ({ name: `sop-${s.id}`, url: s.url, sop: s })),
    { name: 'dasar-hukum-index', url: '/dasar-hukum/' },
    { name: `dasar-hukum-${legal[0]}`, url: `/dasar-hukum/${legal[0]}/` },
    { name: '404', url: '/404.html' },
  ];
}

/** The site's files below `out` whose name ends with `suffix`, sorted. */
export function filesEnding(out, suffix) {
  return fs.readdirSync(out, { recursive: true })
    .filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(out, f));
}
