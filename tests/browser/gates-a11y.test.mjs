// Gate: axe-core reports no violation on any page type of the built shipped
// site (every SOP; one page of each other kind; the search page empty and
// with results; the 404 page as a host serves it), each in the light and
// the dark colour scheme at 1280 and 375 px, with no console error and no
// request leaving 127.0.0.1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildSite, launch, openPage, readSops, removeSite, serve } from './lib/site.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = buildSite();
const sops = readSops(site.out);

/** The first `<kind>/<id>/` page of the output, e.g. `/templat/berita-acara/`. */
function firstPage(kind) {
  const ids = fs.readdirSync(path.join(site.out, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(site.out, kind, d.name, 'index.html')))
    .map((d) => d.name).filter((n) => n !== 'mitra').sort();
  if (ids.length === 0) throw new Error(`no ${kind}/<id>/ page was built`);
  return `/${kind}/${ids[0]}/`;
}

// [name, url, ready?]: `ready` is a selector to wait for after load.
const PAGES = [
  ['home', '/'],
  ['sop-index', '/sop/'],
  ...sops.map((s) => [`sop-${s.id}`, new URL(s.url, 'http://x').pathname]),
  ['sop-banding', '/sop/banding/'],
  ['dasar-hukum-index', '/dasar-hukum/'],
  ['dasar-hukum-page', firstPage('dasar-hukum')],
  ['templat-index', '/templat/'],
  ['templat-page', firstPage('templat')],
  ['pengetahuan-index', '/pengetahuan/'],
  ['pengetahuan-page', firstPage('pengetahuan')],
  ['istilah', '/istilah/'],
  ['kerja-sama-index', '/kerja-sama/'],
  ['kerja-sama-entry', firstPage('kerja-sama')],
  ['kerja-sama-mitra-index', '/kerja-sama/mitra/'],
  ['kerja-sama-mitra-page', firstPage('kerja-sama/mitra')],
  ['cari', '/cari/', '#cari-form:not([hidden])'],
  ['cari-results', '/cari/?q=kerja+sama', '#cari-hasil li'],
  ['404', '/tidak/ada/halaman-ini/'],
];
const VIEWS = ['light', 'dark'].flatMap((scheme) => [1280, 375].map((width) => ({ scheme, width })));

let server, origin, browser;
const views = [];
before(async () => {
  ({ server, origin } = await serve(site.out));
  browser = await launch();
  for (const view of VIEWS) {
    const opened = await openPage(browser, origin, {
      viewport: { width: view.width, height: 800 },
      bypassCSP: true, // axe is injected as an inline script; layout.test.mjs checks the CSP
    });
    await opened.page.emulateMedia({ colorScheme: view.scheme });
    views.push({ ...view, ...opened });
  }
});
after(async () => {
  for (const v of views) await v.close();
  await browser?.close();
  server?.close();
  removeSite(site);
});

function describeViolations(violations) {
  return violations.map((v) => `\n    ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) =>
    `      ${n.target.join(' ')}\n        ${n.failureSummary.replace(/\n/g, '\n        ')}`).join('\n')).join('');
}

test('the gate covers every page type the site builds', () => {
  const covered = new Set(PAGES.map(([, url]) => url.split('/')[1]));
  const top = fs.readdirSync(site.out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(site.out, d.name, 'index.html')))
    .map((d) => d.name);
  assert.deepEqual(top.filter((d) => !covered.has(d)), [], 'page folders without an axe run');
});

for (const [name, url, ready] of PAGES) {
  test(`${name} has no axe violation (light and dark, 1280 and 375 px)`, async () => {
    const failures = [];
    for (const { page, problems, scheme, width } of views) {
      problems.length = 0;
      const response = await page.goto(origin + url, { waitUntil: 'load' });
      assert.equal(response.status(), name === '404' ? 404 : 200, url);
      if (ready) await page.waitForSelector(ready, { timeout: 30_000 });
      await page.addScriptTag({ content: AXE });
      const { violations } = await page.evaluate(() => window.axe.run());
      if (violations.length > 0) failures.push(`\n  ${scheme} ${width} px:${describeViolations(violations)}`);
      // Chromium logs the 404 status of the 404 page itself as a console error.
      const own = `console error: Failed to load resource: the server responded with a status of 404 (Not Found) (${origin}${url})`;
      const real = problems.filter((p) => !(name === '404' && p === own));
      if (real.length > 0) failures.push(`\n  ${scheme} ${width} px: ${real.join('; ')}`);
    }
    assert.equal(failures.length, 0, `${url}:${failures.join('')}`);
  });
}
