// The search page (cari/): reads the box and the kind filters, posts queries
// to search-worker.js (which owns the WASM module and the index) and renders
// the answers. Nothing heavy runs here, so typing never stutters.
(function () {
  'use strict';
  var root = document.getElementById('cari');
  if (!root) return;
  var form = document.getElementById('cari-form');
  var input = document.getElementById('cari-q');
  var status = document.getElementById('cari-status');
  var list = document.getElementById('cari-hasil');
  var more = document.getElementById('cari-lebih');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="jenis"]'));
  var t = root.dataset;
  var kindLabel = {};
  boxes.forEach(function (b) { kindLabel[b.value] = b.parentNode.textContent.trim(); });

  // Whatever stops the module (an old browser, a host that lost a file, a
  // network gone before it arrived): say so and offer the SOP list, never
  // leave an empty panel.
  // A query that fails (offline, its chunk not cached) leaves the next
  // query free to try; a module that cannot start stops the page for good.
  var failed = false;
  function fail(why, permanent) {
    if (failed) return;
    failed = permanent !== false;
    status.textContent = t.tGagal + ' ';
    var a = el('a', null, t.tGagalTautan);
    a.setAttribute('href', t.sopList);
    status.appendChild(a);
    status.appendChild(document.createTextNode('.'));
    list.textContent = '';
    more.hidden = true;
    if (why && window.console) console.warn('sopkb search:', why);
  }

  /**
   * Compiles the module while it downloads (compileStreaming). That needs the
   * host to send `application/wasm`; from one that does not (or a browser
   * without streaming compilation) the bytes are compiled once they are all
   * here. Deciding on the header, not on a failed attempt, keeps the body
   * unread for the fallback and the console clean.
   */
  function compile(res) {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + res.url);
    var type = (res.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
      return WebAssembly.compileStreaming(res);
    }
    return res.arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
  }

  if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') {
    fail();
    return;
  }
  form.hidden = false;

  var abs = function (u) { return new URL(u, document.baseURI).href; };
  // The module is fetched and compiled here, at once, and handed to the
  // worker compiled: on a phone that saves the round trip of the worker
  // script before the largest download starts.
  var compiled = fetch(abs(t.wasm)).then(compile);
  var worker = new Worker(abs(t.worker));
  // The worker script itself did not load or threw while starting.
  worker.onerror = function (e) { e.preventDefault(); fail(e.message || 'worker failed'); };
  worker.postMessage({ type: 'init', glue: abs(t.glue), index: abs(t.index) });
  compiled.then(function (module) {
    worker.postMessage({ type: 'module', module: module });
  }, function (e) { fail(e && e.message || e); });

  var ready = false;
  var seq = 0; // id of the latest query; older answers are dropped
  var timer = 0;
  var shownQuery = null;
  // Results asked for: a first page is cheap (each hit may cost a chunk of
  // the document store); "more" asks for more of the same query.
  var PAGE = 10;
  var limit = PAGE;
  var focusFrom = -1; // after "more": focus the first new result

  function kinds() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function syncUrl(q) {
    var url = new URL(location.href);
    if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
    url.searchParams.delete('jenis');
    kinds().forEach(function (k) { url.searchParams.append('jenis', k); });
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  function send(keepLimit) {
    clearTimeout(timer);
    if (failed) return;
    if (keepLimit !== true) limit = PAGE;
    var q = input.value.trim();
    syncUrl(q);
    seq += 1;
    if (!q) {
      shownQuery = '';
      list.textContent = '';
      more.hidden = true;
      status.textContent = ready ? t.tKetik : t.tMemuat;
      return;
    }
    if (!ready) status.textContent = t.tMemuat;
    worker.postMessage({ type: 'query', id: seq, q: q, kinds: kinds(), limit: limit });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(send, 60);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function snippet(parts) {
    var p = el('p', 'hit-snippet');
    parts.forEach(function (part) {
      p.appendChild(part[1] ? el('mark', null, part[0]) : document.createTextNode(part[0]));
    });
    return p;
  }

  function render(msg) {
    list.textContent = '';
    shownQuery = msg.q;
    msg.hits.forEach(function (h) {
      var li = el('li', 'hit hit-' + h.kind);
      var a = el('a', 'hit-link');
      a.setAttribute('href', h.url);
      a.appendChild(el('span', 'hit-kind', kindLabel[h.kind] || h.kind));
      a.appendChild(el('span', 'hit-title', h.title));
      li.appendChild(a);
      var meta = [];
      if (h.sop_title && h.kind !== 'sop') meta.push(h.sop_title);
      if (h.step != null) meta.push(t.tLangkah + ' ' + (h.step_label || h.step));
      if (h.executor) meta.push(t.tPelaksana + ': ' + h.executor);
      if (h.time) meta.push(t.tWaktu + ': ' + h.time);
      if (meta.length) li.appendChild(el('p', 'hit-meta', meta.join(' · ')));
      if (h.snippet && h.snippet.length) li.appendChild(snippet(h.snippet));
      list.appendChild(li);
    });
    var full = msg.hits.length >= msg.limit;
    status.textContent = !msg.hits.length ? fill(t.tKosong, { q: msg.q })
      : fill(full ? t.tTeratas : t.tHasil, { n: msg.hits.length });
    more.hidden = !full;
    if (focusFrom >= 0) {
      var next = links()[focusFrom] || links()[links().length - 1];
      if (next) next.focus();
      focusFrom = -1;
    }
  }

  worker.onmessage = function (e) {
    var m = e.data;
    if (m.type === 'ready') {
      ready = true;
      if (!input.value.trim()) status.textContent = t.tKetik;
    } else if (m.type === 'kinds') {
      // Hide the filters of kinds the site does not have.
      boxes.forEach(function (b) {
        b.parentNode.hidden = !m.kinds[b.value] && !b.checked;
      });
    } else if (m.type === 'results') {
      if (m.id === seq) render(m);
    } else if (m.type === 'error') {
      if (m.id == null || m.id === seq) fail(m.message, m.id == null);
    }
  };

  // Keyboard: ArrowDown from the box enters the results, arrows move between
  // them, Escape returns to the box; Enter on a result follows its link.
  function links() { return Array.prototype.slice.call(list.querySelectorAll('a.hit-link')); }
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var first = links()[0];
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener('keydown', function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });

  more.addEventListener('click', function () {
    focusFrom = links().length;
    limit += 2 * PAGE;
    send(true);
  });
  input.addEventListener('input', schedule);
  boxes.forEach(function (b) { b.addEventListener('change', function () { send(); }); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.value.trim() === shownQuery && links()[0]) links()[0].focus();
    else send();
  });

  var params = new URLSearchParams(location.search);
  var wanted = params.getAll('jenis');
  boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  input.value = params.get('q') || '';
  send();
  if (!input.value) input.focus();
})();
