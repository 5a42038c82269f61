// Live reload of `sopkb serve` in a real browser: an open SOP page reloads
// by itself after its file is saved, shows the error overlay (file and
// line) when the file is broken and drops it when fixed, all under the
// suite's strict CSP (the server's script is external, its overlay styled
// by an external stylesheet). Runs the release binary on a copy of the
// shipped content, so the repository is never edited.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CSP, ROOT, launch, openPage } from './lib/site.mjs';

const BINARY = path.join(ROOT, 'target/release/sopkb');
const WAIT = 30000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-reload-'));
for (const entry of ['sopkb.toml', 'sops', 'content', 'static', 'schema']) {
  const from = path.join(ROOT, entry);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(tmp, entry), { recursive: true });
}
const sopId = 'magetan-penawaran-kerja-sama';
const sopFile = path.join(tmp, 'sops', `${sopId}.yaml`);
const original = fs.readFileSync(sopFile, 'utf8');
const nama = /^nama: (.+?)(\s+#.*)?$/m.exec(original)[1].trim();

let server, origin, browser, log = '';

/** Starts `sopkb serve --port 0`; resolves to the printed origin. */
function startServe() {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --release\` in ${ROOT} first`);
  }
  server = spawn(BINARY, ['--root', tmp, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SOPKB_LANG: '' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${log}`)), WAIT);
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    server.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
}

before(async () => {
  origin = await startServe();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Serves documents with the suite's CSP, as a strict host would. */
async function withCsp(page) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `page.evaluate` that survives the second reload `serve` sends (the exact
 * site follows the quick preview of the edited SOP): retried after a navigation. */
async function evaluateSettled(page, fn) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      return await page.evaluate(fn);
    } catch (e) {
      if (attempt >= 5 || !/Execution context was destroyed|navigation/.test(String(e))) throw e;
    }
  }
}

/** Writes the SOP file as an editor saves it (whole file). */
function save(text) {
  fs.writeFileSync(sopFile, text);
}

test('an open page reloads by itself after an edit, shows the overlay on an error and drops it when fixed', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await withCsp(page);
    const stream = page.waitForResponse((r) => r.url().startsWith(`${origin}/__sopkb/events`), { timeout: WAIT });
    await page.goto(`${origin}/sop/${sopId}/`);
    assert.equal((await stream).status(), 200);
    await page.locator('h1', { hasText: nama }).waitFor({ timeout: WAIT });
    // The injected tag is external: nothing inline for the CSP to block.
    assert.equal(await page.locator('script[src^="/__sopkb/reload.js?build="]').count(), 1);
    await page.evaluate(() => { window.sopkbBeforeReload = true; });

    // 1. Edit: the page reloads on its own (the marker is gone) with the new title.
    const started = Date.now();
    save(original.replace(/^nama: .+$/m, `nama: ${nama} (disunting)`));
    await page.locator('h1', { hasText: `${nama} (disunting)` }).waitFor({ timeout: WAIT });
    const reloadMs = Date.now() - started;
    assert.equal(await evaluateSettled(page, () => window.sopkbBeforeReload), undefined, 'the page was not reloaded');
    console.log(`# saved -> reloaded page shows the edit: ${reloadMs} ms`);

    // 2. Break it: the page reloads and the overlay names the file and line.
    const broken = original.replace(/^(\s+pelaksana: )([a-z][\w-]*)/m, '$1keuangan-tidak-ada');
    assert.notEqual(broken, original, 'no single-lane step to break');
    const line = broken.split('\n').findIndex((l) => l.includes('keuangan-tidak-ada')) + 1;
    save(broken);
    const overlay = page.locator('#sopkb-overlay');
    await overlay.waitFor({ timeout: WAIT });
    await page.locator(`#sopkb-overlay [data-file="sops/${sopId}.yaml"][data-line="${line}"]`).waitFor({ timeout: WAIT });
    assert.match(await overlay.innerText(), new RegExp(`sops/${sopId}\\.yaml:${line}:`));
    // Styled by the external stylesheet despite the CSP: fixed on top.
    assert.equal(await overlay.evaluate((e) => getComputedStyle(e).position), 'fixed');

    // 3. Fix it: the overlay goes away by itself.
    save(original);
    await overlay.waitFor({ state: 'detached', timeout: WAIT });
    await page.locator('h1', { hasText: new RegExp(`^\\s*${escapeRe(nama)}\\s*$`) }).waitFor({ timeout: WAIT });

    // Reloads abort the previous page's event stream; that is expected.
    const real = problems.filter((p) => !p.includes('/__sopkb/events'));
    assert.deepEqual(real, []);
  } finally {
    await close();
  }
});

test('live preview registers no service worker, and its sw.js retires one left by a build', async () => {
  const { page, problems, close } = await openPage(browser, origin);
  try {
    await page.goto(`${origin}/`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    const sw = await page.evaluate(async () => (await fetch('/sw.js')).text());
    assert.match(sw, /unregister\(\)/);
    assert.doesNotMatch(sw, /VERSION/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
