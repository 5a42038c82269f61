// Gate: no broken internal link or anchor anywhere in the built shipped site,
// served at the root and under a sub-path (`--base-url /kb/`). Every HTML
// and SVG file's href/src/srcset/action/poster/data/cite/xlink:href (and the
// og: URLs), every url() of the CSS, the sitemap, the feed, robots.txt and
// the `url` fields of the open data are resolved like a browser would (against
// the page's own URL; 404.html against an unknown deep path, since a host
// serves it for any missing URL), must stay under the base URL, must name a
// file of the output (a folder URL means its index.html) and, with a
// #fragment, an element with that id in the target. No browser needed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildSiteWith } from './lib/gates.mjs';
import { removeSite } from './lib/site.mjs';

// A synthetic origin: any other origin is external and not checked here.
const ORIGIN = 'http://sopkb.invalid';

// ---- a small tokenizer of start tags (enough for HTML5 and SVG/XML) ----

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(n);
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const ATTR = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

/** The start tags of `text` as [{ name, attrs: Map, line }] (comments, script and style bodies skipped). */
export function startTags(text) {
  const tags = [];
  let i = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (pos) => {
    for (; counted < pos; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  while ((i = text.indexOf('<', i)) !== -1) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    const m = /^<([a-zA-Z][^\s/>]*)/.exec(text.slice(i, i + 64));
    if (!m) {
      i++;
      continue;
    }
    const name = m[1].toLowerCase();
    const attrs = new Map();
    let j = i + m[0].length;
    for (;;) {
      ATTR.lastIndex = j;
      const a = ATTR.exec(text);
      if (!a || a[0].length === 0) break;
      const key = a[1].toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
      j = ATTR.lastIndex;
    }
    const close = text.indexOf('>', j);
    tags.push({ name, attrs, line: lineAt(i) });
    i = close === -1 ? text.length : close + 1;
    if (name === 'script' || name === 'style') {
      const end = text.toLowerCase().indexOf(`</${name}`, i);
      i = end === -1 ? text.length : end;
    }
  }
  return tags;
}

// ---- what counts as a link ----

const URL_ATTRS = ['href', 'src', 'action', 'poster', 'data', 'cite', 'formaction', 'xlink:href'];

/** The URLs a page refers to: [{ attr, url, line }]. */
function linksOf(tags) {
  const links = [];
  for (const { name, attrs, line } of tags) {
    for (const attr of URL_ATTRS) {
      if (attrs.has(attr)) links.push({ attr: `${name}@${attr}`, url: attrs.get(attr), line });
    }
    if (attrs.has('srcset')) {
      for (const candidate of attrs.get('srcset').split(',')) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url) links.push({ attr: `${name}@srcset`, url, line });
      }
    }
    const prop = attrs.get('property') ?? attrs.get('name') ?? '';
    if (name === 'meta' && /^(og:url|og:image|twitter:image)$/.test(prop) && attrs.has('content')) {
      links.push({ attr: `meta[${prop}]`, url: attrs.get('content'), line });
    }
  }
  return links;
}

function idsOf(tags) {
  const ids = new Set();
  for (const { name, attrs } of tags) {
    if (attrs.has('id')) ids.add(attrs.get('id'));
    if (name === 'a' && attrs.has('name')) ids.add(attrs.get('name'));
  }
  return ids;
}

/** Every file of `out`, relative, with '/' separators. */
function walk(out) {
  return fs.readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(out, path.join(d.parentPath ?? d.path, d.name)).split(path.sep).join('/'))
    .sort();
}

/** The URL a host serves `rel` at, under `base` ('/' or '/kb/'). */
function urlOf(base, rel) {
  if (rel === '404.html') return `${ORIGIN}${base}tidak/ada/halaman-ini`; // served for any missing URL
  return `${ORIGIN}${base}${rel.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Checks every internal link of the site in `out`, built for `base`; returns
 * { problems: [string], checked, external, files }.
 */
export function checkLinks(out, base) {
  const files = walk(out);
  const fileSet = new Set(files);
  const idCache = new Map();
  const idsIn = (rel) => {
    if (!idCache.has(rel)) {
      const text = fs.readFileSync(path.join(out, rel), 'utf8');
      idCache.set(rel, /\.(html|svg)$/.test(rel) ? idsOf(startTags(text)) : null);
    }
    return idCache.get(rel);
  };
  const problems = [];
  let checked = 0;
  let external = 0;

  const check = (from, line, attr, raw, pageUrl) => {
    const where = `${from}${line ? `:${line}` : ''} ${attr}="${raw}"`;
    const value = raw.trim();
    if (value === '') return problems.push(`${where}: empty URL`);
    if (/^javascript:/i.test(value)) return problems.push(`${where}: javascript: URL`);
    let url;
    try {
      url = new URL(value, pageUrl);
    } catch {
      return problems.push(`${where}: not a URL`);
    }
    if (url.origin !== ORIGIN) {
      if (!/^(https?|mailto|tel|data|urn):$/.test(url.protocol)) problems.push(`${where}: unexpected scheme ${url.protocol}`);
      external++;
      return;
    }
    checked++;
    if (!url.pathname.startsWith(base)) return problems.push(`${where}: leaves the base URL ${base} (${url.pathname})`);
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return problems.push(`${where}: bad percent-encoding`);
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (!fileSet.has(rel)) {
      const isDir = files.some((f) => f.startsWith(rel + '/'));
      return problems.push(`${where}: ${isDir ? 'folder URL without its trailing slash' : 'no such file'} (${rel})`);
    }
    checkFragment(where, rel, url.hash, value);
  };
  // A fragment alone names an element of the same document, wherever it is served.
  const checkSameDocument = (from, line, attr, raw) => {
    checked++;
    const where = `${from}${line ? `:${line}` : ''} ${attr}="${raw}"`;
    checkFragment(where, from, raw.trim(), raw.trim());
  };
  const checkFragment = (where, rel, hash, value) => {
    if (hash !== '' || value.endsWith('#')) {
      const id = decodeURIComponent(hash.slice(1));
      const ids = idsIn(rel);
      if (id === '') problems.push(`${where}: empty fragment`);
      else if (ids === null) problems.push(`${where}: fragment into a file without ids (${rel})`);
      else if (!ids.has(id)) problems.push(`${where}: no element with id "${id}" in ${rel}`);
    }
  };

  for (const rel of files) {
    const pageUrl = urlOf(base, rel);
    if (/\.(html|svg)$/.test(rel)) {
      const tags = startTags(fs.readFileSync(path.join(out, rel), 'utf8'));
      const baseTag = tags.find((t) => t.name === 'base' && t.attrs.has('href'));
      const docUrl = baseTag ? new URL(baseTag.attrs.get('href'), pageUrl).href : pageUrl;
      for (const { attr, url, line } of linksOf(tags)) {
        if (attr === 'base@href') continue;
        if (url.trim().startsWith('#')) checkSameDocument(rel, line, attr, url);
        else check(rel, line, attr, url, docUrl);
      }
    } else if (rel.endsWith('.css')) {
      const css = fs.readFileSync(path.join(out, rel), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
        const url = m[1] ?? m[2] ?? m[3];
        if (!url.startsWith('data:')) check(rel, 0, 'url()', url, pageUrl);
      }
      for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) check(rel, 0, '@import', m[1] ?? m[2], pageUrl);
    } else if (rel === 'sitemap.xml' || rel === 'feed.xml') {
      const text = fs.readFileSync(path.join(out, rel), 'utf8');
      for (const m of text.matchAll(/<loc>([^<]*)<\/loc>/g)) check(rel, 0, 'loc', decodeEntities(m[1]), pageUrl);
      for (const t of startTags(text)) {
        if (t.name === 'link' && t.attrs.has('href')) check(rel, t.line, 'link@href', t.attrs.get('href'), pageUrl);
      }
    } else if (rel === 'robots.txt') {
      const text = fs.readFileSync(path.join(out, rel), 'utf8');
      for (const m of text.matchAll(/^Sitemap:\s*(\S+)/gim)) check(rel, 0, 'Sitemap', m[1], pageUrl);
    } else if (rel.startsWith('data/') && rel.endsWith('.json')) {
      const visit = (v, key) => {
        if (Array.isArray(v)) v.forEach((x) => visit(x, key));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
        else if (typeof v === 'string' && key === 'url') check(rel, 0, '"url"', v, pageUrl);
      };
      visit(JSON.parse(fs.readFileSync(path.join(out, rel), 'utf8')));
    }
  }
  return { problems, checked, external, files: files.length };
}

// ---- the gate ----

const sites = [];
after(() => sites.forEach(removeSite));

for (const base of ['/', '/kb/']) {
  test(`no broken internal link or anchor in the shipped site (base URL ${base})`, () => {
    const site = buildSiteWith(base === '/' ? [] : ['--base-url', base]);
    sites.push(site);
    const { problems, checked, external, files } = checkLinks(site.out, base);
    console.log(`links (${base}): ${checked} internal URLs checked in ${files} files, ${external} external skipped`);
    assert.ok(checked > 1000, `only ${checked} internal URLs found: is the crawler broken?`);
    assert.deepEqual(problems, [], `${problems.length} broken links:\n  ${problems.join('\n  ')}`);
  });
}

test('the link checker itself finds broken files, anchors and links leaving the base', () => {
  const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'sopkb-links-'));
  sites.push({ tmp });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  };
  write('index.html', '<!-- <a href="/kb/commented/"> --><a href=a/>ok</a><a href="/kb/a/#x">ok</a>' +
    '<a href="/kb/a/#y">bad anchor</a><a href="/kb/none/">bad file</a><a href="/a/">outside</a>' +
    '<img srcset="/kb/p.png 1x, /kb/q.png 2x" alt=""><a href="a">dir</a><a href="https://example.org/">ext</a>' +
    '<a href="#">empty</a><a href="/kb/a/?q=1&amp;r=2#x">query</a><script>let s = "<a href=\'/kb/nope/\'>";</script>');
  write('a/index.html', '<h1 id="x">x</h1><a href="../">up</a>');
  write('p.png', '');
  write('404.html', '<a href="a/">relative in 404</a><a href="/kb/a/">ok</a><p id="z"><a href="#z">same page</a></p>');
  const { problems, checked, external } = checkLinks(tmp, '/kb/');
  const reasons = problems.map((p) => p.replace(/^.*: /, ''));
  assert.deepEqual(reasons, [
    'no such file (tidak/ada/a/index.html)',
    'no element with id "y" in a/index.html',
    'no such file (none/index.html)',
    'leaves the base URL /kb/ (/a/)',
    'no such file (q.png)',
    'folder URL without its trailing slash (a)',
    'empty fragment',
  ], problems.join('\n'));
  assert.equal(external, 1);
  assert.equal(checked, 14);
});
