// Registry list (kerja-sama/): filters and column sorting on top of the
// server-rendered table. Without JavaScript the full table stays usable.
(function () {
  "use strict";
  var form = document.getElementById("ks-filter");
  var table = document.getElementById("ks-table");
  if (!form || !table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var shown = document.getElementById("ks-shown");
  var empty = document.getElementById("ks-empty");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));

  // Filters are kept in the URL (?jenis=KSDD&status=aktif) so a view can be shared.
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    var v = params.get(s.getAttribute("data-filter"));
    if (v !== null && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) {
      s.value = v;
    }
  });

  function matches(row, key, value) {
    if (!value) return true;
    var have = (row.getAttribute("data-" + key) || "").split(" ");
    return have.indexOf(value) !== -1;
  }

  function apply() {
    var n = 0;
    var q = new URLSearchParams();
    selects.forEach(function (s) {
      if (s.value) q.set(s.getAttribute("data-filter"), s.value);
    });
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        return matches(row, s.getAttribute("data-filter"), s.value);
      });
      row.hidden = !ok;
      if (ok) n += 1;
    });
    var tmpl = shown.getAttribute("data-template") || "{n} / {total}";
    shown.textContent = tmpl.replace("{n}", String(n)).replace("{total}", String(rows.length));
    empty.hidden = n !== 0;
    var qs = q.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  // Sorting: each sortable header becomes a button; aria-sort tells the state.
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function cellValue(row, i) {
    var c = row.cells[i];
    return (c.getAttribute("data-value") || c.textContent).trim().toLowerCase();
  }
  heads.forEach(function (th, i) {
    if (!th.hasAttribute("data-sort")) return;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "ks-sort";
    btn.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(btn);
    btn.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = cellValue(a, i), y = cellValue(b, i);
        var r = x < y ? -1 : x > y ? 1 : 0;
        return asc ? r : -r;
      });
      sorted.forEach(function (row) { tbody.appendChild(row); });
    });
  });

  form.hidden = false;
  apply();
})();
