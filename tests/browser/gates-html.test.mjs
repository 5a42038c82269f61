// Gate: the Nu HTML Checker (vnu) reports zero errors on every HTML page,
// every SVG file and every CSS file of the built shipped site (the whole
// output, not a sample; one java run, which takes a few seconds).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildSite, filesEnding, removeSite } from './lib/site.mjs';

const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const sites = [];
after(() => sites.forEach(removeSite));

/** Runs vnu once over `files` (HTML, SVG and CSS by extension); returns its error messages. */
function vnu(files) {
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--also-check-css',
    '--also-check-svg', ...files], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw new Error(`cannot run java: ${r.error.message}`);
  // vnu writes its JSON report to stderr; exit code 1 only means "errors found".
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    throw new Error(`vnu failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
}

function describe(out, errors) {
  return errors.map((e) => {
    const file = e.url ? path.relative(out, new URL(e.url).pathname) : '?';
    const extract = e.extract ? `\n      ${e.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
    return `\n  ${file}:${e.lastLine ?? '?'}:${e.firstColumn ?? '?'} ${e.message}${extract}`;
  }).join('');
}

function assertSiteValid(site) {
  const html = filesEnding(site.out, '.html');
  const svg = filesEnding(site.out, '.svg');
  const css = filesEnding(site.out, '.css');
  const all = fs.readdirSync(site.out, { recursive: true }).filter((f) => f.endsWith('.html')).length;
  assert.equal(html.length, all);
  assert.ok(html.length > 50 && svg.length > 0 && css.length > 0, `${html.length} html, ${svg.length} svg, ${css.length} css`);
  const errors = vnu([...html, ...svg, ...css]);
  console.log(`vnu: ${html.length} HTML, ${svg.length} SVG, ${css.length} CSS files, ${errors.length} errors`);
  assert.equal(errors.length, 0, `${errors.length} vnu errors:${describe(site.out, errors)}`);
}

test('every HTML page, SVG and CSS file of the shipped site is valid (Nu HTML Checker)', () => {
  const site = buildSite();
  sites.push(site);
  assertSiteValid(site);
});

test('the checker run catches an invalid page, SVG and CSS file', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-vnu-'));
  const site = { tmp, out: tmp };
  sites.push(site);
  const write = (rel, text) => fs.writeFileSync(path.join(site.out, rel), text);
  write('rusak.html', '<!DOCTYPE html><html lang="id"><title>x</title><p><div>x</p>');
  write('rusak.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect bogus="1"/></svg>');
  write('rusak.css', 'p { colr: red; }');
  const errors = vnu(['rusak.html', 'rusak.svg', 'rusak.css'].map((f) => path.join(site.out, f)));
  const files = new Set(errors.map((e) => path.basename(new URL(e.url).pathname)));
  assert.deepEqual([...files].sort(), ['rusak.css', 'rusak.html', 'rusak.svg'], describe(site.out, errors));
});
