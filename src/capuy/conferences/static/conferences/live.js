// Live updates of the presiding screen and the follow view: reload the panel on every server event.
(function () {
  "use strict";
  function start() {
    var root = document.getElementById("truc-tiep");
    if (!root || !window.EventSource) { return; }
    var source = new EventSource(root.dataset.events);
    var pending = false;
    function refresh() {
      if (pending) { return; }
      pending = true;
      fetch(root.dataset.panel, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { root.innerHTML = html; root.dataset.updated = String(Date.now()); } })
        .finally(function () { pending = false; });
    }
    ["hello", "status", "agenda", "attendance", "speakers", "speech", "conference", "vote"].forEach(function (name) {
      source.addEventListener(name, refresh);
    });
    source.onmessage = refresh;
    root.dataset.live = "connecting";
    source.onopen = function () { root.dataset.live = "open"; };
    window.addEventListener("pagehide", function () { source.close(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
