// HTML validity: the Nu HTML Checker (vnu) reports no error on one page of
// every page type, on every SOP's standalone swimlane.svg and on the CSS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildSite, filesEnding, readSops, removeSite } from './lib/site.mjs';

const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const site = buildSite();
const sops = readSops(site.out);
after(() => removeSite(site));

/** Runs vnu over `files`; returns its messages of type "error". */
function vnu(args, files) {
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...args, ...files],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
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

function describeErrors(errors) {
  return errors.map((e) => {
    const file = e.url ? path.relative(site.out, new URL(e.url).pathname) : '?';
    const extract = e.extract ? `\n      ${e.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
    return `\n  ${file}:${e.lastLine ?? '?'}:${e.firstColumn ?? '?'} ${e.message}${extract}`;
  }).join('');
}

function assertValid(args, files) {
  assert.ok(files.length > 0, 'nothing to check');
  for (const f of files) assert.ok(fs.existsSync(f), `missing ${f}`);
  const errors = vnu(args, files);
  assert.equal(errors.length, 0, `${errors.length} vnu errors:${describeErrors(errors)}`);
}

test('one page of every page type is valid HTML', () => {
  const legal = fs.readdirSync(path.join(site.out, 'dasar-hukum'), { withFileTypes: true })
    .filter((d) => d.isDirectory()).map((d) => d.name).sort()[0];
  const files = ['index.html', 'sop/index.html', ...sops.map((s) => `sop/${s.id}/index.html`),
    'dasar-hukum/index.html', `dasar-hukum/${legal}/index.html`, '404.html'];
  assertValid(['--html'], files.map((f) => path.join(site.out, f)));
});

test('every sop/*/swimlane.svg is valid SVG', () => {
  const files = sops.map((s) => path.join(site.out, 'sop', s.id, 'swimlane.svg'));
  assertValid(['--svg'], files);
});

test('the theme CSS is valid', () => {
  assertValid(['--css'], filesEnding(site.out, '.css'));
});
