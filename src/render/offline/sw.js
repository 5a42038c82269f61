// sopkb offline service worker. `sopkb build` writes this file as sw.js at
// the site root with VERSION (a hash of the built site) and SHELL (the
// pages and assets to keep from the first visit) above: a new build is a
// new sw.js, so the browser installs it and the old cache goes.
//
// - Pages (navigations): network first, the cached copy when offline, so a
//   reader online always sees the current build.
// - The search module, its glue and the index: cache first; they only change
//   with a build, and a build changes VERSION.
// - Index packs are read by byte ranges (synchronous XHR with Range from the
//   search worker, which this worker controls). The Cache API keeps only
//   whole 200 responses, so on first use the range goes to the network as
//   asked (the first result is not delayed) and the whole pack is fetched
//   beside it and kept; later reads, online or offline, are cut from it
//   (206 with Content-Range, as a host answering ranges would).
// - Everything else of the site (CSS, JS, SVG, downloads): stale while
//   revalidate.
'use strict';

var CACHE = 'sopkb-' + VERSION;
var SCOPE = self.registration.scope; // the site's base URL, with its sub-path

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(SHELL.map(function (p) { return new Request(SCOPE + p, { cache: 'reload' }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf('sopkb-') === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET' || req.url.indexOf(SCOPE) !== 0) return;
  var path = req.url.slice(SCOPE.length).split(/[?#]/)[0];
  if (/^search\/index\/pack-\d+\.bin$/.test(path)) {
    e.respondWith(pack(e, req));
  } else if (req.mode === 'navigate') {
    e.respondWith(networkFirst(e, req));
  } else if (path.indexOf('search/') === 0) {
    e.respondWith(cacheFirst(e, req));
  } else {
    e.respondWith(staleWhileRevalidate(e, req));
  }
});

/** Stores a copy of `res` (complete, same-origin answers only: a redirect
 * stored for a page could not answer its navigation). */
function keep(req, res) {
  if (res.status !== 200 || res.type !== 'basic' || res.redirected) return Promise.resolve();
  var copy = res.clone();
  return caches.open(CACHE).then(function (c) { return c.put(req, copy); });
}

function networkFirst(e, req) {
  return fetch(req).then(function (res) {
    e.waitUntil(keep(req, res));
    return res;
  }, function (err) {
    // `ignoreSearch`: cari/?q=… is the one cari/ page.
    return caches.match(req, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      throw err;
    });
  });
}

function cacheFirst(e, req) {
  return caches.match(req).then(function (hit) {
    return hit || fetch(req).then(function (res) {
      e.waitUntil(keep(req, res));
      return res;
    });
  });
}

function staleWhileRevalidate(e, req) {
  var fresh = fetch(req);
  // Registered first, so the copy is taken before the page reads the body.
  e.waitUntil(fresh.then(function (res) { return keep(req, res); }).catch(function () {}));
  return caches.match(req).then(function (hit) { return hit || fresh; });
}

var fetching = {}; // pack URL -> its whole fetch, once per worker life

/** The bytes of the last few whole packs read from the cache (URL -> a
 * promise), oldest first: a query reads dozens of ranges, and reading a
 * 1 MiB pack out of the cache for each cost more than the search. One build's
 * packs never change under one worker (a new build is a new worker). */
var buffers = {};
var BUFFERS = 8;

function bytesOf(url, whole) {
  if (!buffers[url]) {
    buffers[url] = whole.arrayBuffer();
    buffers[url].catch(function () { delete buffers[url]; });
    var urls = Object.keys(buffers);
    if (urls.length > BUFFERS) delete buffers[urls[0]];
  }
  return buffers[url];
}

function pack(e, req) {
  var url = req.url.split('#')[0];
  if (buffers[url]) return cut(buffers[url], req.headers.get('Range'));
  return caches.match(url).then(function (whole) {
    if (whole) {
      var range = req.headers.get('Range');
      return range ? cut(bytesOf(url, whole), range) : whole;
    }
    return fetch(req).then(function (res) {
      if (res.status === 200) {
        // A host that ignores Range already sent the whole pack.
        e.waitUntil(keep(new Request(url), res));
      } else if (!fetching[url]) {
        fetching[url] = fetch(url).then(function (full) { return keep(new Request(url), full); })
          .catch(function () {}).then(function () { delete fetching[url]; });
        e.waitUntil(fetching[url]);
      }
      return res;
    });
  });
}

/** The part of a cached whole pack (`bytes`, a promise) a Range header asks
 * for (one range, as the search worker sends), or the whole pack. */
function cut(bytes, range) {
  var m = /^bytes=(\d+)-(\d*)$/.exec(range || '');
  return bytes.then(function (buf) {
    if (!m) {
      return new Response(buf, { headers: { 'Content-Type': 'application/octet-stream' } });
    }
    var start = Number(m[1]);
    var end = m[2] === '' ? buf.byteLength - 1 : Math.min(Number(m[2]), buf.byteLength - 1);
    if (start > end) {
      return new Response(null, { status: 416, headers: { 'Content-Range': 'bytes */' + buf.byteLength } });
    }
    return new Response(buf.slice(start, end + 1), {
      status: 206,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Range': 'bytes ' + start + '-' + end + '/' + buf.byteLength,
        'Content-Length': String(end + 1 - start),
      },
    });
  });
}
