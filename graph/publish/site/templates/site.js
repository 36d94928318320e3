// Source pages: highlight the span named by #q-START-END; a click on a highlight shows what it supports.
(function () {
  "use strict";
  function current() {
    var marks = document.querySelectorAll("pre.source-text mark.current"), i;
    for (i = 0; i < marks.length; i++) marks[i].classList.remove("current");
    var hash = decodeURIComponent(window.location.hash || "");
    if (hash.indexOf("#q-") !== 0) return;
    var key = hash.slice(3);
    var all = document.querySelectorAll("pre.source-text mark[data-q]");
    for (i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-q").split(" ").indexOf(key) >= 0) all[i].classList.add("current");
    }
  }
  window.addEventListener("hashchange", current);
  current();
  var text = document.querySelector("pre.source-text");
  if (text) {
    text.addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("mark[data-q]") : null;
      if (!mark) return;
      var keys = mark.getAttribute("data-q").split(" ");
      window.location.hash = "s-" + keys[keys.length - 1];
    });
  }
})();
