// Live pages (Server-Sent Events), shared by the conference follow/screen pages and the vote pages.
// - capuyLive.connect(url, handlers): an EventSource that reconnects by itself, also after the server answered
//   an error (a restart behind nginx gives 502, after which a browser's EventSource gives up for good);
//   handlers.reconnected() runs when a stream comes back, so the page fetches what it missed.
// - capuyLive.showProgress(root, data): writes a vote's count from the event itself into the elements marked
//   data-voted, data-eligible, data-percent and <progress data-progress> — no request to the server.
// - capuyLive.later(fn): runs fn after a random delay of up to 1.5 s, so that a thousand open pages do not all
//   ask the server at the same millisecond.
(function () {
  "use strict";
  function percent(n, base) {
    if (!base) { return ""; }
    var v = Math.round(n * 1000 / base) / 10;
    return String(v).replace(".", ",") + "%";
  }
  function showProgress(root, data) {
    if (data.voted === undefined || data.voted === null) { return false; }
    var nodes = root.querySelectorAll('[data-vote-progress="' + data.vote + '"]');
    if (!nodes.length) { return false; }
    nodes.forEach(function (node) {
      var shown = parseInt(node.dataset.count || "0", 10);
      if (data.voted < shown) { return; }  // events of two workers may arrive out of order: counts only grow
      node.dataset.count = String(data.voted);
      node.querySelectorAll("[data-voted]").forEach(function (e) { e.textContent = String(data.voted); });
      if (data.eligible) {
        node.querySelectorAll("[data-eligible]").forEach(function (e) { e.textContent = String(data.eligible); });
        node.querySelectorAll("[data-percent]").forEach(function (e) { e.textContent = percent(data.voted, data.eligible); });
      }
      node.querySelectorAll("progress[data-progress]").forEach(function (e) {
        if (data.eligible) { e.max = data.eligible; }
        e.value = data.voted;
      });
    });
    return true;
  }
  function later(fn) { window.setTimeout(fn, Math.floor(Math.random() * 1500)); }
  function connect(url, handlers) {
    var source = null, broken = false, closed = false;
    function open() {
      source = new EventSource(url);
      Object.keys(handlers.events || {}).forEach(function (name) {
        source.addEventListener(name, function (e) {
          var data = {};
          try { data = JSON.parse(e.data || "{}"); } catch (err) { data = {}; }
          handlers.events[name](data);
        });
      });
      source.onopen = function () {
        if (handlers.status) { handlers.status("open"); }
        if (broken && handlers.reconnected) { handlers.reconnected(); }
        broken = false;
      };
      source.onerror = function () {
        broken = true;
        if (handlers.status) { handlers.status("reconnecting"); }
        if (source.readyState === EventSource.CLOSED && !closed) {
          window.setTimeout(open, 2000 + Math.floor(Math.random() * 3000));
        }
      };
    }
    open();
    window.addEventListener("pagehide", function () { closed = true; if (source) { source.close(); } });
  }
  window.capuyLive = { connect: connect, showProgress: showProgress, later: later, percent: percent };
})();
