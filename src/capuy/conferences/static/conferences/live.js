// Live updates of the presiding screen and the follow view. A vote's progress comes with the event and is
// written in place; anything else (agenda, speakers, a vote opening or closing) reloads the panel, after a
// short random delay so that every phone in the hall does not ask at the same moment.
(function () {
  "use strict";
  function start() {
    var root = document.getElementById("truc-tiep");
    if (!root || !window.EventSource || !window.capuyLive) { return; }
    var pending = false;
    function fetchPanel() {
      if (pending) { return; }
      pending = true;
      fetch(root.dataset.panel, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { root.innerHTML = html; root.dataset.updated = String(Date.now()); } })
        .finally(function () { pending = false; });
    }
    function refresh() { capuyLive.later(fetchPanel); }
    var events = {};
    ["status", "agenda", "attendance", "speakers", "speech", "conference"].forEach(function (name) { events[name] = refresh; });
    events.hello = function (data) { if (data.resync) { refresh(); } };
    events.vote = function (data) {
      if (data.status === "open" && capuyLive.showProgress(root, data)) { root.dataset.updated = String(Date.now()); return; }
      refresh();
    };
    root.dataset.live = "connecting";
    capuyLive.connect(root.dataset.events, {
      events: events,
      status: function (s) { root.dataset.live = s; },
      reconnected: refresh
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
