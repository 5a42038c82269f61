// The cooperation navigator's two questions (panduan/): choosing a partner
// and an object marks the matching outcome and jumps to it. Without this
// script the form stays hidden and the page lists every outcome by link.
(function () {
  "use strict";
  var form = document.getElementById("panduan-form");
  if (!form) return;
  var mitra = document.getElementById("panduan-q-mitra");
  var objek = document.getElementById("panduan-q-objek");
  var status = document.getElementById("panduan-status");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".panduan-hasil"));

  function matching(m, o) {
    return cards.filter(function (c) {
      return c.getAttribute("data-mitra") === m &&
        (c.getAttribute("data-objek") || "").split(" ").indexOf(o) >= 0;
    });
  }

  // Objects no rule answers for the chosen partner cannot be chosen.
  function limit() {
    var first = null;
    Array.prototype.forEach.call(objek.options, function (opt) {
      opt.disabled = matching(mitra.value, opt.value).length === 0;
      if (!opt.disabled && first === null) first = opt.value;
    });
    var chosen = objek.options[objek.selectedIndex];
    if (chosen && chosen.disabled && first !== null) objek.value = first;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    cards.forEach(function (c) { c.classList.remove("panduan-cocok"); });
    var found = matching(mitra.value, objek.value);
    status.textContent = "";
    if (!found.length) {
      status.textContent = form.getAttribute("data-none");
      return;
    }
    status.appendChild(document.createTextNode(form.getAttribute("data-found") + " "));
    found.forEach(function (c, i) {
      c.classList.add("panduan-cocok");
      var a = document.createElement("a");
      a.href = "#" + c.id;
      a.textContent = c.querySelector("h3").textContent;
      if (i) status.appendChild(document.createTextNode(", "));
      status.appendChild(a);
    });
    found[0].scrollIntoView();
    found[0].focus();
  });
  mitra.addEventListener("change", limit);
  limit();
  form.hidden = false;
})();
