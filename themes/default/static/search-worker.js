// Search worker: runs the sopkb WASM module (fetched and compiled by the
// page, search.js; wasm-bindgen "no-modules" glue) over the index manifest,
// then answers the page's queries. The index
// (pack files of 4 KiB chunks) is read lazily, only the chunks a query
// touches, by HTTP Range requests (adjacent chunks in one). Before each
// search the module names the reads it lacks, a whole stage at a time
// (`engine.step`: term dictionaries, then postings, then the hits' stored
// documents); they are fetched in parallel and handed over, so a cold query
// costs about three round trips, not one per read. Whatever is still
// missing then (a failed batch) the module fetches itself through
// `sopkbFetchRange(pack, start, end)` below, a synchronous XMLHttpRequest
// (allowed inside workers). A host that ignores Range answers 200 with the
// whole pack: the module then keeps all its chunks, and keeps every fetched
// chunk in memory. An index of one small pack is fetched whole at once
// (WHOLE_INDEX below).
'use strict';

var engine = null;
var indexBase = '';
var latest = null; // only the newest query is answered; older ones are stale
var scheduled = false;

function packUrl(p) {
  return indexBase + 'pack-' + String(p).padStart(5, '0') + '.bin';
}

function rangeHeader(start, end) {
  return 'bytes=' + start + '-' + (end - 1);
}

/** Whether a 206's Content-Range is the range asked for (`end` exclusive). */
function rangeMatches(header, start, end) {
  var m = /^bytes (\d+)-(\d+)\//.exec(header || '');
  return !!m && Number(m[1]) === start && Number(m[2]) === end - 1;
}

/** Called by the WASM module: bytes `start..end` of pack `p`, or the whole
 * pack when the host ignored the range (a Uint8Array). */
self.sopkbFetchRange = function (p, start, end) {
  var url = packUrl(p);
  var xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.responseType = 'arraybuffer';
  xhr.setRequestHeader('Range', rangeHeader(start, end));
  xhr.send(null);
  if (xhr.status === 206 && !rangeMatches(xhr.getResponseHeader('Content-Range'), start, end)) {
    throw new Error('HTTP 206 for ' + url + ' with Content-Range ' +
      xhr.getResponseHeader('Content-Range') + ', asked ' + rangeHeader(start, end));
  }
  if ((xhr.status !== 206 && xhr.status !== 200) || !xhr.response) {
    throw new Error('HTTP ' + xhr.status + ' for ' + url);
  }
  return new Uint8Array(xhr.response);
};

/**
 * Whether the host answers Range requests, asked with one byte of the first
 * pack while the module and manifest load (no round trip of its own). A
 * host that ignores Range sends the whole pack: it is kept for the engine.
 * Resolves to that pack's bytes, or null.
 */
var rangesWork = null;
function probe() {
  return fetch(packUrl(0), { headers: { Range: 'bytes=0-0' } })
    .then(function (res) {
      if (res.status === 206) {
        rangesWork = true;
        return null;
      }
      if (res.status !== 200) return null;
      rangesWork = false;
      return res.arrayBuffer();
    })
    .catch(function () { return null; });
}

/** Packs fetched whole (a host that ignores Range): pack -> its one fetch. */
var wholePacks = new Map();

/**
 * The reads opening the index will make, fetched in parallel (one round
 * trip instead of one per read) and handed to the engine. A failure here
 * only means the synchronous fetcher gets the bytes later.
 */
function prefetch(e, firstPack) {
  if (firstPack) {
    var kept = 0;
    try { kept = e.add_bytes(0, 0, new Uint8Array(firstPack)); } catch (err) { /* fetched again later */ }
    wholePacks.set(0, Promise.resolve(kept));
  }
  return fetchAll(e, Array.from(e.open_ranges()));
}

/**
 * Fetches reads `r` (`[pack, start, end, ...]`) in parallel and hands them
 * to the engine: by range, or each pack once and whole from a host that
 * ignores Range (the engine keeps all its chunks). Resolves to the chunks
 * kept; failures keep nothing (the module fetches those bytes itself).
 */
function fetchAll(e, r) {
  var jobs = [];
  for (var k = 0; k + 2 < r.length; k += 3) {
    var p = r[k];
    if (wholePacks.has(p)) { // here or on its way, whole
      jobs.push(wholePacks.get(p).then(function () { return 0; }));
      continue;
    }
    if (rangesWork === false) {
      var job = fetchWhole(e, p);
      wholePacks.set(p, job);
      jobs.push(job);
    } else {
      jobs.push(fetchRange(e, p, r[k + 1], r[k + 2]));
    }
  }
  return Promise.all(jobs)
    .then(function (kept) { return kept.reduce(function (a, b) { return a + b; }, 0); });
}

function keep(e, p, start, b) {
  try { return e.add_bytes(p, start, new Uint8Array(b)); } catch (err) { return 0; }
}

function fetchWhole(e, p) {
  return fetch(packUrl(p))
    .then(function (res) { return res.ok ? res.arrayBuffer() : null; })
    .then(function (b) { return b ? keep(e, p, 0, b) : 0; })
    .catch(function () { return 0; });
}

function fetchRange(e, p, start, end) {
  return fetch(packUrl(p), { headers: { Range: rangeHeader(start, end) } })
    .then(function (res) {
      if (res.status === 206 && rangeMatches(res.headers.get('Content-Range'), start, end)) {
        return res.arrayBuffer().then(function (b) { return keep(e, p, start, b); });
      }
      // Range ignored after all: keep one whole copy of the pack.
      if (res.status !== 200 || wholePacks.has(p)) return 0;
      var job = res.arrayBuffer().then(function (b) { return keep(e, p, 0, b); });
      wholePacks.set(p, job);
      return job;
    })
    .catch(function () { return 0; });
}

/** Batches of reads before a search; past this, the module fetches itself. */
var MAX_ROUNDS = 8;

/**
 * Answers query `m`: the reads it lacks in parallel batches, then the search
 * from memory. Resolves without an answer when a newer query arrived
 * meanwhile (the page shows only the newest).
 */
async function answer(m) {
  var t0 = performance.now();
  var kinds = (m.kinds || []).join(',');
  var limit = m.limit || 10;
  var rounds = 0;
  var res = JSON.parse(engine.step(m.q, kinds, limit));
  while (res.fetch) {
    var kept = rounds < MAX_ROUNDS ? await fetchAll(engine, res.fetch) : 0;
    rounds++;
    if (latest) return;
    // Nothing came (or too many batches): the module fetches the rest
    // itself, and its fetches report what fails.
    res = JSON.parse(kept ? engine.step(m.q, kinds, limit) : engine.search(m.q, kinds, limit));
  }
  self.postMessage({
    type: 'results', id: m.id, q: m.q, limit: m.limit, hits: res.hits, total: res.total,
    ms: performance.now() - t0, rounds: rounds,
  });
}

function failed(m, e) {
  self.postMessage({ type: 'error', id: m && m.id, message: String(e && e.message || e) });
}

/**
 * An index this small (one pack) is fetched whole, in one request beside the
 * module: on a phone each range read costs a round trip (about 20 for a
 * first query, over 3 s on "Fast 4G"), more than the extra bytes. Larger
 * indexes are read by ranges, only the chunks a query touches.
 */
var WHOLE_INDEX = 512 * 1024;

function small(manifest) {
  var packBytes = manifest.chunk_size * manifest.pack_chunks;
  return manifest.total <= WHOLE_INDEX && manifest.total <= packBytes;
}

function wholePack(p) {
  return fetch(packUrl(p))
    .then(function (res) { return res.ok ? res.arrayBuffer() : null; })
    .catch(function () { return null; });
}

/** The compiled module, which the page fetches and posts (search.js). */
var moduleArrived;
var module = new Promise(function (resolve) { moduleArrived = resolve; });

async function init(m) {
  indexBase = m.index;
  // Everything starts at once: the manifest, then the index or the Range
  // probe, before the glue is even parsed; the page is already fetching and
  // compiling the module.
  var manifest = fetch(m.index + 'manifest.json').then(function (res) {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + res.url);
    return res.text();
  });
  var firstPack = manifest.then(function (text) {
    return small(JSON.parse(text)) ? wholePack(0) : probe();
  }).catch(function () { return null; });
  importScripts(m.glue);
  /* global wasm_bindgen */
  await wasm_bindgen({ module_or_path: await module });
  var e = new wasm_bindgen.Engine(await manifest);
  // What opening reads (segment footers, meta.json), in parallel.
  await prefetch(e, await firstPack);
  e.open();
  // The term dictionaries every query reads, a few dependent reads each:
  // all fields at once, before the first query.
  for (var round = 0; round < MAX_ROUNDS; round++) {
    var r = Array.from(e.fields_ranges());
    if (!r.length || !(await fetchAll(e, r))) break;
  }
  engine = e;
  self.postMessage({ type: 'ready' });
  flush();
}

var kindsSent = false;
var busy = false; // a query is between its batches

function flush() {
  scheduled = false;
  if (!engine || busy) return;
  if (latest) {
    var m = latest;
    latest = null;
    busy = true;
    answer(m).catch(function (e) { failed(m, e); }).then(function () {
      busy = false;
      flush();
    });
    return;
  }
  // Which kinds exist (for the filters) may cost a chunk or two: asked only
  // after the first answer, so it never delays a result.
  if (!kindsSent) {
    kindsSent = true;
    // A failure here (offline, its chunk not cached) only leaves every
    // filter shown: not worth an error on the page.
    try {
      self.postMessage({ type: 'kinds', kinds: JSON.parse(engine.kinds()) });
    } catch (e) { /* filters stay as they are */ }
  }
}

self.onmessage = function (e) {
  var m = e.data;
  if (m.type === 'module') {
    moduleArrived(m.module);
  } else if (m.type === 'init') {
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
