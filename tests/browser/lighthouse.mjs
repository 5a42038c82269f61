// Lighthouse over the built shipped site, with Debian's chromium and no
// network beyond 127.0.0.1: the gate (`lighthouseGate`, used by
// gates-lighthouse-*.test.mjs) and a command that prints the scores.
//
//   node lighthouse.mjs [PATH…]     build, serve, audit (default: home, the
//                                   Paser SOP, cari/) on mobile and desktop
//                                   and print the scores
//
// The site is built as it is published: with the absolute base URL of the
// server (the robots.txt audit requires an absolute `Sitemap:` URL).
// The site is served like a real static host serves it: right content
// types, gzip for text when the browser asks for it, and a cache lifetime
// (long and `immutable` for the content-hashed search module, short for the
// rest). Lighthouse runs its default mobile configuration (simulated slow 4G
// and a 4x slower CPU), without the full-page screenshot; every request it
// makes is checked to stay on 127.0.0.1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { buildSiteWith, siteFolder } from './lib/gates.mjs';
import { CSP, removeSite } from './lib/site.mjs';

export const CHROME_PATH = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
// The flags of the suite (lib/site.mjs), with the new headless mode.
export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Builds the site as it is published, with the absolute base URL of the
 * server that serves it (sitemap, robots.txt `Sitemap:` line and og:url
 * need one, see README "Output"), and serves it; resolves to { site, server, origin }.
 */
export async function buildAndServePublished() {
  const site = siteFolder();
  const { server, origin } = await serveCompressed(site.out);
  try {
    buildSiteWith(['--base-url', `${origin}/`], site);
  } catch (e) {
    server.close();
    removeSite(site);
    throw e;
  }
  return { site, server, origin };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.bin': 'application/octet-stream',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const COMPRESSIBLE = /^(text\/|image\/svg|application\/(json|xml|wasm))/;

/** Serves `dir` like a static host with compression and caching; resolves to { server, origin }. */
export function serveCompressed(dir) {
  const server = http.createServer((req, res) => {
    const send = (status, file) => {
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      const rel = path.relative(dir, file);
      const headers = {
        'Content-Type': type,
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        // Names under search/ (module, glue) carry a content hash.
        'Cache-Control': /^search\/sopkb-search-/.test(rel) ? 'public, max-age=31536000, immutable'
          : status === 200 ? 'public, max-age=600' : 'no-store',
        Vary: 'Accept-Encoding',
      };
      let body = fs.readFileSync(file);
      if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = zlib.gzipSync(body, { level: 9 });
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir)) return send(404, path.join(dir, '404.html'));
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      res.writeHead(301, { Location: rel + '/' }).end();
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

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The gate: the lowest score (0–100) accepted per category. */
export const MINIMUM = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95 };
/** The pages audited: the home, the longest SOP (Paser) and the search page. */
export const PAGES = ['/', '/sop/paser-fasilitasi-kerja-sama/', '/cari/'];

/** Launches chromium for Lighthouse; returns chrome-launcher's handle ({ port, kill }). */
export async function launchChrome() {
  const chromeLauncher = await import('chrome-launcher');
  return chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
}

/**
 * Audits `url` with Lighthouse in the chromium listening on `port`; returns
 * { scores: {category: 0–100}, failing: [audits that cost points], offsite: [requests leaving 127.0.0.1] }.
 */
export async function audit(url, port, formFactor = 'mobile') {
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const flags = {
    port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES,
    disableFullPageScreenshot: true,
  };
  const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {};
  const failing = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        failing.push(`${id}/${ref.id} score ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}: ${a.title}`);
      }
    }
  }
  const origin = new URL(url).origin;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const offsite = requests.map((r) => r.url)
    .filter((u) => !u.startsWith(origin + '/') && !/^(data|blob):/.test(u));
  const metrics = Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint',
    'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
    .map((id) => [id, lhr.audits[id]?.displayValue]));
  return { scores, failing, offsite, metrics, requests: requests.length };
}

/** One line per page: `scores` as "performance 100 · accessibility 100 · …". */
export function formatScores(scores) {
  return CATEGORIES.map((c) => `${c} ${scores[c]}`).join(' · ');
}

/**
 * Registers the Lighthouse gate for one form factor ('mobile' | 'desktop'):
 * one test per page of PAGES, its scores printed.
 */
export function lighthouseGate(formFactor) {
  let site, server, origin, chrome;
  before(async () => {
    ({ site, server, origin } = await buildAndServePublished());
    chrome = await launchChrome();
  });
  after(async () => {
    await chrome?.kill();
    server?.close();
    removeSite(site);
  });
  for (const page of PAGES) {
    test(`Lighthouse ${formFactor} ${page}: accessibility 100, performance, best practices and SEO >= 95`,
      async () => {
        const r = await audit(origin + page, chrome.port, formFactor);
        console.log(`lighthouse ${formFactor} ${page}: ${formatScores(r.scores)}`);
        assert.deepEqual(r.offsite, [], 'requests leaving 127.0.0.1');
        assert.ok(r.requests > 0, 'Lighthouse saw no request');
        const low = CATEGORIES.filter((c) => !(r.scores[c] >= MINIMUM[c]));
        assert.deepEqual(low, [], `scores below the gate on ${page} (${formatScores(r.scores)}):\n  ` +
          `${r.failing.join('\n  ')}\n  metrics: ${JSON.stringify(r.metrics)}`);
      });
  }
}

// `node lighthouse.mjs [PATH…]`: build, serve, audit and print the scores.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : PAGES;
  const { site, server, origin } = await buildAndServePublished();
  const chrome = await launchChrome();
  let failed = false;
  try {
    for (const formFactor of ['mobile', 'desktop']) {
      for (const p of paths) {
        const r = await audit(origin + p, chrome.port, formFactor);
        const low = CATEGORIES.filter((c) => !(r.scores[c] >= MINIMUM[c]));
        failed ||= low.length > 0 || r.offsite.length > 0;
        console.log(`${formFactor.padEnd(7)} ${p.padEnd(38)} ${formatScores(r.scores)}`);
        console.log(`        ${Object.entries(r.metrics).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
        for (const f of r.failing) console.log(`        - ${f}`);
        for (const u of r.offsite) console.log(`        ! request off 127.0.0.1: ${u}`);
      }
    }
  } finally {
    await chrome.kill();
    server.close();
    removeSite(site);
  }
  process.exitCode = failed ? 1 : 0;
}
