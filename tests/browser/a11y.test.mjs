// Accessibility: axe-core finds no violation on the home page, the SOP
// list and an SOP page at 1280 px, in the light and the dark colour scheme.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openPage, readSops, servedSite } from './lib/site.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = servedSite();
const sops = readSops(site.out);
const sop = sops.find((s) => s.id === 'paser-fasilitasi-kerja-sama') ?? sops[0];
const short = [...sops].sort((a, b) => a.langkah.length - b.langkah.length)[0];
const pathOf = (s) => new URL(s.url, 'http://x').pathname;
const PAGES = [['home', '/'], ['sop-index', '/sop/'], [`sop-${sop.id}`, pathOf(sop)]];

function describeViolations(violations) {
  return violations.map((v) => `\n  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) =>
    `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n')).join('');
}

const RUNS = [
  ...['light', 'dark'].flatMap((scheme) => PAGES.map(([name, url]) => ({ name, url, scheme, width: 1280 }))),
  // On a phone every diagram scrolls sideways: its scroll container must be reachable by keyboard.
  { name: `sop-${short.id}`, url: pathOf(short), scheme: 'light', width: 375 },
];

for (const { name, url, scheme, width } of RUNS) {
  test(`${name} at ${width} px has no axe violation (${scheme})`, async () => {
    const { page, problems, close } = await openPage(site.browser, site.origin, {
      viewport: { width, height: 800 },
      bypassCSP: true, // axe is injected as an inline script; layout.test.mjs checks the CSP
    });
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(site.origin + url, { waitUntil: 'load' });
      await page.addScriptTag({ content: AXE });
      const { violations } = await page.evaluate(() => window.axe.run());
      assert.equal(violations.length, 0, `axe violations on ${url} (${scheme}):${describeViolations(violations)}`);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
}
