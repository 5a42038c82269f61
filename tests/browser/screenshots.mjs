// The pictures of the editor guide (docs/PANDUAN.md): docs/img/panduan-<name>-<width>.png,
// each at 375 px (phone) and 1280 px (desktop), light colour scheme.
//
//   node screenshots.mjs [SITE_DIR]
//
// SITE_DIR (or SOPKB_SITE): a site already built from this repository, e.g.
// `sopkb build --out /tmp/site`; without it the site is built into a temporary
// folder by the suite's own helper (lib/site.mjs, target/release/sopkb).
// The site is served as the suite serves it (lib/site.mjs: strict CSP,
// 127.0.0.1 only) and every page must load without a console error or a
// request elsewhere, as in layout.test.mjs.
//
// The error overlay exists only in `sopkb serve`, so for that one picture the
// binary (SOPKB_BIN, default target/release/sopkb) serves a temporary copy
// of the content in which one step names an undeclared executor: the
// example of PANDUAN.md section 3 (`tapen` for `tapem`). The repository is
// never edited.
//
// Each picture is one element (or the top of the page), cut to MAX_HEIGHT
// (or the shot's own maxHeight), so the files stay small (< 300 KB, checked).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildSite, launch, openPage, removeSite, serve } from './lib/site.mjs';

const OUT = path.join(ROOT, 'docs/img');
const WIDTHS = [375, 1280];
const HEIGHT = { 375: 812, 1280: 800 };
const MAX_HEIGHT = { 375: 1400, 1280: 1000 };
const MAX_BYTES = 300 * 1024;
const BINARY = process.env.SOPKB_BIN || path.join(ROOT, 'target/release/sopkb');

/**
 * The pictures: name, page, what to capture (a CSS selector, or null for
 * the viewport) and what to wait for first.
 */
const SHOTS = [
  { name: 'beranda', url: '/', element: null },
  { name: 'identitas', url: '/sop/yogyakarta-pemantauan-ksd/', element: 'section.identity', maxHeight: 1500 },
  { name: 'swimlane', url: '/sop/tangerang-penyiapan-rancangan-kesepakatan-bersama/', element: 'section.swimlane' },
  { name: 'total', url: '/sop/tangerang-penyiapan-rancangan-kesepakatan-bersama/', element: 'section.totals' },
  { name: 'mutu-baku', url: '/sop/yogyakarta-pemantauan-ksd/', element: 'section.mutu' },
  { name: 'cari', url: '/cari/?q=legal+drafting', element: null, ready: '#cari-hasil li' },
  { name: 'templat', url: '/templat/surat-penawaran/', element: 'section[aria-labelledby="dokumen-h"]', maxHeight: 900 },
  { name: 'kerja-sama', url: '/kerja-sama/', element: null, ready: '#ks-filter:not([hidden])' },
];

/** Saves a picture of `selector` (or the viewport), at most MAX_HEIGHT tall. */
async function shoot(page, selector, width, file, maxHeight = MAX_HEIGHT[width]) {
  await page.evaluate(() => document.fonts.ready);
  let clip = null;
  if (selector) {
    await page.waitForSelector(selector);
    const box = await page.evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    }, selector);
    // A little margin around the element, within the page.
    const m = 8;
    const x = Math.max(0, Math.floor(box.x - m));
    const y = Math.max(0, Math.floor(box.y - m));
    clip = {
      x, y,
      width: Math.min(width - x, Math.ceil(box.width + 2 * m)),
      height: Math.min(maxHeight, Math.ceil(box.height + 2 * m)),
    };
  }
  await page.screenshot(clip ? { path: file, clip, fullPage: true } : { path: file });
  const size = fs.statSync(file).size;
  if (size > MAX_BYTES) throw new Error(`${path.relative(ROOT, file)} is ${size} bytes (> ${MAX_BYTES})`);
  console.log(`${path.relative(ROOT, file)}  ${Math.round(size / 1024)} KB`);
}

/** Opens `url` at `width`, waits for `ready`; fails on any problem the suite forbids. */
async function visit(browser, origin, url, width, ready, problemsAllowed = false) {
  const view = await openPage(browser, origin, {
    viewport: { width, height: HEIGHT[width] }, colorScheme: 'light', deviceScaleFactor: 1,
  });
  const res = await view.page.goto(origin + url, { waitUntil: 'load' });
  if (res.status() !== 200) throw new Error(`${url} answered ${res.status()}`);
  if (ready) await view.page.waitForSelector(ready, { timeout: 15000 });
  if (!problemsAllowed && view.problems.length > 0) throw new Error(`${url}: ${view.problems.join('; ')}`);
  return view;
}

/** Pictures of the built site. */
async function siteShots(browser, dir) {
  const { server, origin } = await serve(dir);
  try {
    for (const shot of SHOTS) {
      for (const width of WIDTHS) {
        const view = await visit(browser, origin, shot.url, width, shot.ready);
        try {
          await shoot(view.page, shot.element, width, path.join(OUT, `panduan-${shot.name}-${width}.png`),
            shot.maxHeight ?? MAX_HEIGHT[width]);
          if (view.problems.length > 0) throw new Error(`${shot.url}: ${view.problems.join('; ')}`);
        } finally {
          await view.close();
        }
      }
    }
  } finally {
    server.close();
  }
}

/** Starts `sopkb serve --port 0` on `root`; resolves to { child, origin, log }. */
function startServe(root) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --release\` in ${ROOT} first, or set SOPKB_BIN`);
  }
  const child = spawn(BINARY, ['--root', root, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SOPKB_LANG: '' },
  });
  const state = { child, log: '' };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sopkb serve printed no address:\n${state.log}`)), 30000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      state.log += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(state.log);
      if (m && !state.origin) {
        clearTimeout(timer);
        state.origin = `http://127.0.0.1:${m[1]}`;
        resolve(state);
      }
    });
    child.on('exit', (code) => reject(new Error(`sopkb serve exited (${code}):\n${state.log}`)));
  });
}

/** The overlay of `sopkb serve` over the Magetan SOP with one mistyped executor. */
async function overlayShots(browser) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopkb-screenshots-'));
  let state;
  try {
    for (const entry of ['sopkb.toml', 'sops', 'content', 'static', 'schema']) {
      const from = path.join(ROOT, entry);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(tmp, entry), { recursive: true });
    }
    state = await startServe(tmp);
    const file = path.join(tmp, 'sops/magetan-penawaran-kerja-sama.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const broken = text.replace(/^(    pelaksana: )tapem(    # inferred: IL 2 )/m, '$1tapen$2');
    if (broken === text) throw new Error('the line to break (step 2 of the Magetan SOP) was not found');
    const before = state.log.length;
    fs.writeFileSync(file, broken);
    const deadline = Date.now() + 30000;
    while (!state.log.slice(before).includes('SOP004')) {
      if (Date.now() > deadline) throw new Error(`no rebuild with SOP004:\n${state.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const width of WIDTHS) {
      // The page is served without the suite's CSP header; serve's own
      // reload script is external, so nothing inline runs either way.
      const view = await visit(browser, state.origin, '/sop/magetan-penawaran-kerja-sama/', width, '#sopkb-overlay');
      try {
        await shoot(view.page, null, width, path.join(OUT, `panduan-overlay-${width}.png`));
      } finally {
        await view.close();
      }
    }
  } finally {
    state?.child.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const given = process.argv[2] || process.env.SOPKB_SITE;
let site = null;
let dir;
if (given) {
  dir = path.resolve(given);
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} holds no built site (index.html)`);
} else {
  site = buildSite();
  dir = site.out;
}
fs.mkdirSync(OUT, { recursive: true });
const browser = await launch();
try {
  await siteShots(browser, dir);
  await overlayShots(browser);
} finally {
  await browser.close();
  removeSite(site);
}
