// Document templates in the browser: a template page shows its fields
// highlighted (a visible background on every <mark class="isian">), lists
// them, and both downloads (.docx, .md) are served and are what they claim;
// an SOP step that names the template links to it; glossary tooltips exist;
// the knowledge page types are valid HTML (vnu).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { openPage, servedSite } from './lib/site.mjs';

const site = servedSite();
const templates = fs.existsSync(path.join(site.out, 'templat'))
  ? fs.readdirSync(path.join(site.out, 'templat')).filter((d) => fs.existsSync(path.join(site.out, 'templat', d, 'index.html')))
  : [];

test('template pages highlight their fields and serve both downloads', { skip: templates.length === 0 && 'no shipped templates' }, async () => {
  for (const id of templates) {
    const { page, problems, close } = await openPage(site.browser, site.origin);
    await page.goto(`${site.origin}/templat/${id}/`);
    const info = await page.evaluate(() => {
      const marks = [...document.querySelectorAll('.document mark.isian')];
      return {
        marks: marks.length,
        unstyled: marks.filter((m) => {
          const bg = getComputedStyle(m).backgroundColor;
          return bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent';
        }).length,
        rawMarkers: document.querySelector('.document').textContent.includes('{{'),
        fields: document.querySelectorAll('table.fields tbody tr').length,
        docx: document.querySelector('a[href$=".docx"]')?.getAttribute('href'),
        md: document.querySelector('a[href$=".md"]')?.getAttribute('href'),
      };
    });
    assert.ok(info.marks > 0, `${id}: no highlighted field`);
    assert.equal(info.unstyled, 0, `${id}: fields without a highlight`);
    assert.equal(info.rawMarkers, false, `${id}: raw {{ }} markers shown`);
    assert.ok(info.fields > 0, `${id}: no list of fields`);
    for (const [href, magic] of [[info.docx, 'PK'], [info.md, '---']]) {
      assert.ok(href, `${id}: download link missing`);
      const res = await page.request.get(new URL(href, page.url()).href);
      assert.equal(res.status(), 200, `${id}: ${href}`);
      const body = await res.body();
      assert.equal(body.subarray(0, magic.length).toString('latin1'), magic, `${id}: ${href} content`);
    }
    assert.deepEqual(problems, [], `${id}: ${problems.join('\n')}`);
    await close();
  }
});

test('an SOP step that names a template links to it', { skip: templates.length === 0 && 'no shipped templates' }, async () => {
  const { page, problems, close } = await openPage(site.browser, site.origin);
  await page.goto(`${site.origin}/sop/magetan-penawaran-kerja-sama/`);
  const link = page.locator('.step-list a.doc-link').first();
  const href = await link.getAttribute('href');
  assert.match(href, /\/templat\/[a-z0-9-]+\/$/);
  await link.click();
  await page.waitForURL(`**${href}`);
  assert.ok(await page.locator('.document mark.isian').count() > 0);
  assert.deepEqual(problems, []);
  await close();
});

test('the glossary has anchors and other pages carry <abbr> tooltips', async () => {
  const { page, problems, close } = await openPage(site.browser, site.origin);
  await page.goto(`${site.origin}/istilah/`);
  const anchors = await page.locator('dl.glossary dt[id]').count();
  assert.ok(anchors > 0, 'glossary entries with anchors');
  await page.goto(`${site.origin}/sop/magetan-penawaran-kerja-sama/`);
  const abbrs = await page.locator('main abbr[title]').count();
  assert.ok(abbrs > 0, 'abbr tooltips on an SOP page');
  assert.deepEqual(problems, []);
  await close();
});

test('knowledge page types are valid HTML', () => {
  const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  const articles = fs.existsSync(path.join(site.out, 'pengetahuan'))
    ? fs.readdirSync(path.join(site.out, 'pengetahuan')).filter((d) => !d.endsWith('.html')).map((d) => `pengetahuan/${d}/index.html`)
    : [];
  const files = ['istilah/index.html', 'templat/index.html', 'pengetahuan/index.html', 'feed.xml',
    ...templates.slice(0, 3).map((t) => `templat/${t}/index.html`), ...articles.slice(0, 3)]
    .filter((f) => f.endsWith('.html')).map((f) => path.join(site.out, f));
  const r = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run java: ${r.error.message}`);
  const errors = JSON.parse(r.stderr).messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  assert.deepEqual(errors.map((e) => `${e.url}:${e.lastLine} ${e.message}`), []);
});
