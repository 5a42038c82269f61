// Every page: registers the offline service worker (sw.js, generated per
// build) and gives search a head start. Small on purpose: it runs on every
// page, and nothing here is needed to read one.
(function () {
  'use strict';
  var me = document.currentScript;

  // `sopkb serve` reloads pages on every save and injects its script from
  // /__sopkb/: a cache there would only show stale pages.
  var preview = document.querySelector('script[src^="/__sopkb/"]');
  if (me && !preview && 'serviceWorker' in navigator) {
    // After load, so installing (which precaches the shell) never competes
    // with the page itself. sw.js sits at the site root (this file is in
    // assets/), so its scope is the whole site, also under a sub-path.
    window.addEventListener('load', function () {
      navigator.serviceWorker.register(new URL('../sw.js', me.src).href).catch(function () {
        // No offline copy (e.g. a host serving sw.js with the wrong type): the site still works.
      });
    });
  }

  // On a phone the module and the index manifest are most of the wait for a
  // first result: start fetching them as soon as the header box is focused,
  // while the visitor types. The browser keeps prefetches for the next page
  // (and the service worker, once installed, keeps them for good).
  // The default header names only the module's source-hash tag
  // (`data-search`); the URLs are the ones `search_assets::urls` gives, under
  // the site root (this file is in assets/). A theme may still list them in
  // `data-prefetch`.
  var form = document.querySelector('form.site-search[data-search], form.site-search[data-prefetch]');
  var box = form && form.querySelector('input[type="search"]');
  if (!box || !me) return;
  box.addEventListener('focus', function () {
    var tag = form.getAttribute('data-search');
    var urls = tag
      ? ['cari/', 'assets/search.js', 'assets/search-worker.js', 'search/sopkb-search-' + tag + '.js',
        'search/sopkb-search-' + tag + '.wasm', 'search/index/manifest.json'].map(function (p) {
        return new URL('../' + p, me.src).href;
      })
      : form.getAttribute('data-prefetch').split(' ');
    urls.forEach(function (url) {
      if (!url) return;
      var link = document.createElement('link');
      link.rel = 'prefetch';
      link.href = url;
      document.head.appendChild(link);
    });
  }, { once: true });
})();
