// Helpers of the output gates (gates-*.test.mjs): build the shipped site with
// extra arguments, and the axe-core gate over every page type for one view.
// Node's runner gives each test file --test-timeout (120 s) in all, so the
// axe gate is cut into one file per view (colour scheme × width).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, buildSite, launch, openPage, readSops, removeSite, serve } from './site.mjs';

const BINARY = path.join(ROOT, 'target/release/sopkb');

/** A fresh temporary folder for a site: { tmp, out } (`out` does not exist yet). */
export function siteFolder() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-gates-'));
  return { tmp, out: path.join(tmp, 'public') };
}

/** Builds the shipped site with extra `sopkb build` arguments into `site.out` (default: a new temporary folder). */
export function buildSiteWith(args = [], site = siteFolder()) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --release\` in ${ROOT} first`);
  }
  const r = spawnSync(BINARY, ['--root', ROOT, 'build', '--out', site.out, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sopkb build failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return site;
}

/** The first `<kind>/<id>/` page of the output, e.g. `/templat/berita-acara/`. */
function firstPage(out, kind) {
  const ids = fs.readdirSync(path.join(out, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'mitra' && fs.existsSync(path.join(out, kind, d.name, 'index.html')))
    .map((d) => d.name).sort();
  if (ids.length === 0) throw new Error(`no ${kind}/<id>/ page was built`);
  return `/${kind}/${ids[0]}/`;
}

/** One page of every type (every SOP): [name, url, ready?], `ready` a selector to wait for after load. */
export function pageTypes(out) {
  return [
    ['home', '/'],
    ['sop-index', '/sop/'],
    ...readSops(out).map((s) => [`sop-${s.id}`, new URL(s.url, 'http://x').pathname]),
    ['sop-banding', '/sop/banding/'],
    ['sop-buku', '/sop/buku/'],
    ['panduan', '/panduan/'],
    ['dasar-hukum-index', '/dasar-hukum/'],
    ['dasar-hukum-page', firstPage(out, 'dasar-hukum')],
    ['templat-index', '/templat/'],
    ['templat-page', firstPage(out, 'templat')],
    ['pengetahuan-index', '/pengetahuan/'],
    ['pengetahuan-page', firstPage(out, 'pengetahuan')],
    ['istilah', '/istilah/'],
    ['kerja-sama-index', '/kerja-sama/'],
    ['kerja-sama-entry', firstPage(out, 'kerja-sama')],
    ['kerja-sama-mitra-index', '/kerja-sama/mitra/'],
    ['kerja-sama-mitra-page', firstPage(out, 'kerja-sama/mitra')],
    ['cari', '/cari/', '#cari-form:not([hidden])'],
    ['cari-results', '/cari/?q=kerja+sama', '#cari-hasil li'],
    ['404', '/tidak/ada/halaman-ini/'],
  ];
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function describeViolations(violations) {
  return violations.map((v) => `\n  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) =>
    `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n')).join('');
}

/**
 * Registers the axe gate for one view ({ scheme: 'light'|'dark', width }):
 * one test per page type; no violation, no console error, no request off
 * 127.0.0.1, the right HTTP status.
 */
export function axeGate({ scheme, width }) {
  const site = buildSite();
  const pages = pageTypes(site.out);
  let server, origin, browser, view;
  before(async () => {
    ({ server, origin } = await serve(site.out));
    browser = await launch();
    view = await openPage(browser, origin, {
      viewport: { width, height: 800 },
      bypassCSP: true, // axe is injected as an inline script; layout.test.mjs checks the CSP
    });
    await view.page.emulateMedia({ colorScheme: scheme });
  });
  after(async () => {
    await view?.close();
    await browser?.close();
    server?.close();
    removeSite(site);
  });

  test(`the axe gate covers every page folder of the site (${scheme}, ${width} px)`, () => {
    const covered = new Set(pages.map(([, url]) => url.split('/')[1]));
    const top = fs.readdirSync(site.out, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(site.out, d.name, 'index.html')))
      .map((d) => d.name);
    assert.deepEqual(top.filter((d) => !covered.has(d)), [], 'page folders without an axe run');
  });

  for (const [name, url, ready] of pages) {
    test(`${name} has no axe violation (${scheme}, ${width} px)`, async () => {
      const { page, problems } = view;
      problems.length = 0;
      const response = await page.goto(origin + url, { waitUntil: 'load' });
      assert.equal(response.status(), name === '404' ? 404 : 200, url);
      if (ready) await page.waitForSelector(ready, { timeout: 30_000 });
      await page.addScriptTag({ content: AXE });
      const { violations } = await page.evaluate(() => window.axe.run());
      assert.equal(violations.length, 0, `axe violations on ${url} (${scheme}, ${width} px):${describeViolations(violations)}`);
      // Chromium logs the 404 status of the 404 page itself as a console error.
      const own = `console error: Failed to load resource: the server responded with a status of 404 (Not Found) (${origin}${url})`;
      assert.deepEqual(problems.filter((p) => !(name === '404' && p === own)), [], url);
    });
  }
}
