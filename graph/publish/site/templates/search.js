// Search over labels, aliases and quotes with the prebuilt index (assets/search-index.js).
(function () {
  "use strict";
  var index = window.KG_SEARCH || {entities: [], quotes: []};
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var entityList = document.getElementById("search-entities");
  var quoteList = document.getElementById("search-quotes");
  var LIMIT = 100;
  function norm(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
  }
  var entities = index.entities.map(function (e) { return {e: e, label: norm(e[0]), aliases: norm(e[1])}; });
  var quotes = index.quotes.map(function (q) { return {q: q, text: norm(q[0])}; });
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function link(path, text) {
    var a = el("a", null, text);
    a.setAttribute("href", path);  // paths are relative to the site's root, where this page is
    return a;
  }
  function matches(words, text) {
    for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    return true;
  }
  function run(query) {
    var q = norm(query), words = q ? q.split(" ") : [];
    entityList.replaceChildren();
    quoteList.replaceChildren();
    document.getElementById("entities-heading").hidden = true;
    document.getElementById("quotes-heading").hidden = true;
    if (!words.length) { status.textContent = ""; return; }
    var found = [];
    entities.forEach(function (item) {
      var rank = item.label === q ? 0 : item.label.indexOf(q) === 0 ? 1 : matches(words, item.label) ? 2
        : matches(words, item.aliases) ? 3 : -1;
      if (rank >= 0) found.push([rank, item]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || (a[1].label < b[1].label ? -1 : a[1].label > b[1].label ? 1 : 0); });
    var quoted = quotes.filter(function (item) { return matches(words, item.text); });
    found.slice(0, LIMIT).forEach(function (pair) {
      var e = pair[1].e, li = el("li");
      li.appendChild(link(e[3], e[0]));
      li.appendChild(el("span", "cls", " " + e[2]));
      if (e[1]) li.appendChild(el("div", "extra", "Also: " + e[1]));
      entityList.appendChild(li);
    });
    quoted.slice(0, LIMIT).forEach(function (item) {
      var t = item.q, li = el("li");
      li.appendChild(link(t[2], "\u201c" + t[0] + "\u201d"));
      li.appendChild(el("div", "extra", "\u2014 " + t[1] + (t[3] ? " \u00b7 supports: " + t[3] : "")));
      quoteList.appendChild(li);
    });
    document.getElementById("entities-heading").hidden = !found.length;
    document.getElementById("quotes-heading").hidden = !quoted.length;
    status.textContent = found.length + " page" + (found.length === 1 ? "" : "s") + " and " + quoted.length +
      " quote" + (quoted.length === 1 ? "" : "s") + " match \u201c" + query + "\u201d" +
      (found.length > LIMIT || quoted.length > LIMIT ? " (first " + LIMIT + " of each shown)" : "") + ".";
  }
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  input.addEventListener("input", function () { run(input.value); });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
  run(initial);
  document.body.setAttribute("data-search-ready", "true");
})();
