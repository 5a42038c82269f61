// Hostile content in a real browser (issue 10): the project of
// tests/testsuite/output_safety/hostile/ puts script tags, event handlers,
// attribute breakouts and `javascript:`/`data:` URLs (in raw HTML) into
// every kind of field. Built and served under the strict CSP, no page may
// open a dialog, log a console error (a blocked inline script would), load
// anything from another origin, or throw; searching for the payload must
// not run it either. tests/testsuite/output_safety.rs checks the same files statically.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, filesEnding, launch, openPage, serve } from './lib/site.mjs';

// PAYLOAD_PROJECT: another project (to see the test fail, e.g. with trust_html = true).
const PROJECT = process.env.PAYLOAD_PROJECT || path.join(ROOT, 'tests/testsuite/output_safety/hostile');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-payload-'));
const out = path.join(tmp, 'public');
const built = spawnSync(path.join(ROOT, 'target/release/sopkb'), ['--root', PROJECT, 'build', '--out', out], { encoding: 'utf8' });

let server, origin, browser;
before(async () => {
  assert.equal(built.status, 0, `the hostile project builds:\n${built.stderr}`);
  ({ server, origin } = await serve(out));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens `url`, hovers and focuses what it can, and returns every problem. */
async function visit(url) {
  const { page, problems, close } = await openPage(browser, origin);
  page.on('dialog', async (d) => {
    problems.push(`dialog opened (${d.type()}: ${d.message()})`);
    await d.dismiss();
  });
  await page.goto(`${origin}${url}`, { waitUntil: 'load' });
  // Handlers that need a gesture (onmouseover, onfocus) get one.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('main *')) {
      for (const type of ['mouseover', 'focus', 'click']) {
        if (type === 'click' && el.closest('a, button, summary')) continue;
        el.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
  });
  await page.waitForTimeout(150);
  const live = await page.evaluate(() => ({
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]
      .filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
    scriptUrls: [...document.querySelectorAll('[href], [src], [action]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action'))
      .filter((u) => /^\s*(javascript|vbscript|data):/i.test(u) && !u.startsWith('data:image/')),
    // JSON-LD data blocks are never executed; each must still be one
    // JSON value the payload could not end early.
    inlineScripts: [...document.scripts].filter((s) => !s.src && s.type !== 'application/ld+json').length,
    badJsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')]
      .filter((s) => { try { JSON.parse(s.text); return s.text.includes('<'); } catch { return true; } }).length,
  }));
  // `<img src=x onerror=alert(11)>` is sanitised to `<img src="x">`: its
  // failed load (404 for `.../x`) is the inert remnant, not the payload.
  const inert = (p) => /(status of 404 .*\/x\)|HTTP 404 for image .*\/x)$/.test(p);
  problems.splice(0, problems.length, ...problems.filter((p) => !inert(p)));
  for (const h of live.handlers) problems.push(`event handler attribute ${h}`);
  for (const u of live.scriptUrls) problems.push(`script URL ${u}`);
  if (live.inlineScripts) problems.push(`${live.inlineScripts} inline <script>`);
  if (live.badJsonLd) problems.push(`${live.badJsonLd} JSON-LD block(s) broken or holding '<'`);
  await close();
  return problems;
}

test('no hostile page runs anything', async () => {
  const pages = filesEnding(out, '.html').map((f) => '/' + path.relative(out, f).replace(/index\.html$/, ''));
  assert.ok(pages.length > 15, `${pages.length} pages`);
  const all = [];
  for (const url of pages) {
    for (const p of await visit(url)) all.push(`${url}: ${p}`);
  }
  assert.deepEqual(all, []);
});

test('searching for the payload shows it as text', async () => {
  const q = encodeURIComponent('kegiatan <script>alert(1)</script>');
  const { page, problems, close } = await openPage(browser, origin);
  page.on('dialog', async (d) => {
    problems.push(`dialog opened (${d.message()})`);
    await d.dismiss();
  });
  await page.goto(`${origin}/cari/?q=${q}`);
  await page.waitForFunction(() => document.querySelectorAll('main a[href*="/sop/"]').length > 0, null, { timeout: 15000 });
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  assert.match(text, /<script>alert\(1\)<\/script>/, 'the payload is shown as text in the results');
  await close();
  assert.deepEqual(problems, []);
});
