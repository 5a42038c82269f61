// Every page at phone and desktop width: no horizontal overflow, an <h1>,
// the swimlane of each SOP (one symbol per step, kinds and lanes), the
// #langkah-N anchors, nothing fetched from elsewhere, no console error, no
// inline script or style (the server sends a strict CSP). Saves screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ARTIFACTS, openPage, pagesToVisit, readSops, servedSite } from './lib/site.mjs';

const VIEWPORTS = [{ width: 375, height: 812 }, { width: 1280, height: 800 }];
const KINDS = ['mulai', 'proses', 'keputusan', 'selesai'];

const site = servedSite();
const pages = pagesToVisit(site.out, readSops(site.out));

/** What the page looks like, measured in the browser. */
function measure() {
  const svg = document.querySelector('.swimlane-scroll svg');
  const inlineCode = [
    // JSON-LD is a data block: never executed, so no CSP concern.
    ...[...document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')].map(() => '<script> without src'),
    ...[...document.querySelectorAll('style')].map(() => '<style> element'),
    ...[...document.querySelectorAll('[style]')].map((e) => `style= on <${e.localName}>`),
    ...[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
      .filter((a) => a.name.startsWith('on')).map((a) => `${a.name}= on <${e.localName}>`)),
  ];
  // The widest elements sticking out of the viewport, to explain an overflow.
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .filter((e) => !e.closest('.table-scroll, .swimlane-scroll'))
    .slice(0, 5).map((e) => `<${e.localName} class="${e.className?.baseVal ?? e.className}"> right=${Math.round(e.getBoundingClientRect().right)}`);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide,
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    inlineCode,
    svg: svg && {
      title: svg.querySelector('title')?.textContent.trim() ?? '',
      steps: [...svg.querySelectorAll('[data-step]')].map((e) => ({
        step: e.getAttribute('data-step'), kind: e.getAttribute('data-kind'), lane: e.getAttribute('data-lane'),
      })),
    },
    anchors: [...document.querySelectorAll('[id^="langkah-"]')].map((e) => e.id),
  };
}

for (const vp of VIEWPORTS) {
  const dir = path.join(ARTIFACTS, `${vp.width}x${vp.height}`);
  describe(`pages at ${vp.width}×${vp.height}`, () => {
    before(() => fs.mkdirSync(dir, { recursive: true }));
    for (const p of pages) {
      test(p.name, async () => {
        const { page, problems, close } = await openPage(site.browser, site.origin, { viewport: vp });
        try {
          const res = await page.goto(site.origin + new URL(p.url, site.origin).pathname, { waitUntil: 'load' });
          assert.equal(res.status(), 200, `${p.url} answered ${res.status()}`);
          const m = await page.evaluate(measure);
          await page.screenshot({ path: path.join(dir, `${p.name}.png`), fullPage: true });

          assert.ok(m.scrollWidth <= m.innerWidth,
            `horizontal overflow: scrollWidth ${m.scrollWidth} > ${m.innerWidth}; sticking out: ${m.wide.join('; ') || '?'}`);
          assert.equal(m.h1.length, 1, `expected one <h1>, found ${JSON.stringify(m.h1)}`);
          assert.ok(m.h1[0].length > 0, 'empty <h1>');
          assert.deepEqual(m.inlineCode, [], 'inline code breaks a strict CSP');
          assert.deepEqual(problems, []);
          if (p.sop) checkSop(p.sop, m);
        } finally {
          await close();
        }
      });
    }
  });
}

function checkSop(sop, m) {
  assert.ok(m.svg, 'no swimlane <svg> inside .swimlane-scroll');
  assert.ok(m.svg.title, 'the swimlane <svg> has no <title>');
  const positions = sop.langkah.map((l) => String(l.no));
  assert.deepEqual(m.svg.steps.map((s) => s.step).sort(), [...positions].sort(),
    `expected one [data-step] per step (${sop.langkah.length})`);
  for (const s of m.svg.steps) {
    assert.ok(KINDS.includes(s.kind), `step ${s.step}: data-kind="${s.kind}"`);
    assert.ok(sop.pelaksana.some((p) => p.id === s.lane), `step ${s.step}: data-lane="${s.lane}" is no pelaksana`);
  }
  const first = m.svg.steps.find((s) => s.step === positions[0]);
  const last = m.svg.steps.find((s) => s.step === positions.at(-1));
  assert.equal(first.kind, 'mulai', 'the first step is drawn as a terminator');
  assert.equal(last.kind, 'selesai', 'the last step is drawn as a terminator');
  const anchors = new Set(m.anchors);
  const missing = positions.filter((n) => !anchors.has(`langkah-${n}`));
  assert.deepEqual(missing, [], 'steps without a #langkah-N anchor');
}

test('an unknown URL gets the 404 page, with status 404 and its stylesheet', async () => {
  const { page, problems, close } = await openPage(site.browser, site.origin);
  try {
    const res = await page.goto(`${site.origin}/tidak/ada/`);
    assert.equal(res.status(), 404);
    assert.ok(await page.locator('h1').count() === 1, '404 page has no <h1>');
    const styled = await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 0));
    assert.ok(styled, 'the 404 page served under a nested path lost its stylesheet (relative asset URL?)');
    // The failed main document is reported as a console error by chromium; nothing else may fail.
    assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
  } finally {
    await close();
  }
});

test('pages declare an icon, so browsers do not ask for a missing /favicon.ico', async () => {
  const { page, close } = await openPage(site.browser, site.origin);
  try {
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(site.origin + '/', { waitUntil: 'load' });
    const href = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.href);
    assert.ok(href, 'no <link rel="icon"> in <head>: chromium then requests /favicon.ico and logs a 404');
    const res = await page.request.get(href);
    assert.equal(res.status(), 200, `the icon ${href} answered ${res.status()}`);
    assert.ok(!asked.includes('/favicon.ico') || href.endsWith('/favicon.ico'), 'a request for the missing /favicon.ico');
  } finally {
    await close();
  }
});
