// Search worker: loads the sopkb WASM module (wasm-bindgen "no-modules"
// glue) and the index manifest, then answers the page's queries. The index
// is read lazily: tantivy asks for bytes synchronously, and the module calls
// `sopkbFetchChunk(i)` below, which fetches only the chunks it needs
// with a synchronous XMLHttpRequest (allowed inside workers); the module
// keeps every fetched chunk in memory.
'use strict';

var engine = null;
var chunkBase = '';
var latest = null; // only the newest query is answered; older ones are stale
var scheduled = false;

function chunkName(i) {
  return 'chunk-' + String(i).padStart(5, '0') + '.bin';
}

/** Called by the WASM module: the bytes of chunk `i` (a Uint8Array). */
self.sopkbFetchChunk = function (i) {
  var name = chunkName(i);
  var xhr = new XMLHttpRequest();
  xhr.open('GET', chunkBase + name, false);
  xhr.responseType = 'arraybuffer';
  xhr.send(null);
  if (xhr.status !== 200 || !xhr.response) {
    throw new Error('HTTP ' + xhr.status + ' for ' + chunkBase + name);
  }
  return new Uint8Array(xhr.response);
};

function answer(m) {
  var t0 = performance.now();
  var res = JSON.parse(engine.search(m.q, (m.kinds || []).join(','), m.limit || 10));
  self.postMessage({
    type: 'results', id: m.id, q: m.q, limit: m.limit, hits: res.hits, total: res.total,
    ms: performance.now() - t0,
  });
}

function safely(fn, m) {
  try {
    fn(m);
  } catch (e) {
    self.postMessage({ type: 'error', id: m && m.id, message: String(e && e.message || e) });
  }
}

async function init(m) {
  importScripts(m.glue);
  /* global wasm_bindgen */
  await wasm_bindgen({ module_or_path: m.wasm });
  chunkBase = m.index;
  var res = await fetch(m.index + 'manifest.json');
  if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + m.index + 'manifest.json');
  var e = new wasm_bindgen.Engine(await res.text());
  // The chunks opening reads (segment footers, meta.json), fetched in
  // parallel: one round trip instead of one per chunk. A failure here only
  // means the synchronous fetcher gets them later.
  await Promise.all(Array.from(e.open_chunks(), function (i) {
    return fetch(chunkBase + chunkName(i))
      .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .then(function (b) { if (b) e.add_chunk(i, new Uint8Array(b)); })
      .catch(function () {});
  }));
  e.open();
  engine = e;
  self.postMessage({ type: 'ready' });
  flush();
}

var kindsSent = false;

function flush() {
  scheduled = false;
  if (!engine) return;
  if (latest) {
    var m = latest;
    latest = null;
    safely(answer, m);
  }
  // Which kinds exist (for the filters) may cost a chunk or two: asked only
  // after the first answer, so it never delays a result.
  if (!kindsSent) {
    kindsSent = true;
    safely(function () {
      self.postMessage({ type: 'kinds', kinds: JSON.parse(engine.kinds()) });
    });
  }
}

self.onmessage = function (e) {
  var m = e.data;
  if (m.type === 'init') {
    init(m).catch(function (err) {
      self.postMessage({ type: 'error', message: String(err && err.message || err) });
    });
  } else if (m.type === 'query') {
    latest = m;
    // Let queued messages arrive first, so a burst costs one search.
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  }
};
