// The menu's count of what awaits the person, and the home page blocks, follow live events.
// The stream (data-events on #dem-viec) carries the events of the conferences the person prepares or is
// invited to (the conferences app's live module). On each event (a burst gives one reload) the count is
// recounted (?moi=1) and "capuy:live" is fired on the body, which the home page's blocks listen to
// (hx-trigger="capuy:live from:body"). The count is also recounted every five minutes, for the work that
// sends no live event. A 204 answer from the stream means nothing to follow: the browser stops.
(function () {
  "use strict";
  var RECOUNT_MS = 300000;
  function start() {
    var badge = document.getElementById("dem-viec");
    if (!badge || !badge.dataset.url) { return; }
    function recount() {
      if (window.htmx) { window.htmx.ajax("GET", badge.dataset.url + "?moi=1", { target: badge, swap: "innerHTML" }); }
    }
    window.setInterval(recount, RECOUNT_MS);
    if (!badge.dataset.events || !window.EventSource) { return; }
    var source = new EventSource(badge.dataset.events);
    var timer = null;
    function changed() {
      if (timer) { return; }
      timer = window.setTimeout(function () {
        timer = null;
        recount();
        document.body.dispatchEvent(new CustomEvent("capuy:live", { bubbles: true }));
        badge.dataset.updated = String(Date.now());
      }, 300);
    }
    ["status", "agenda", "attendance", "speakers", "speech", "conference", "vote", "invitation"].forEach(function (name) {
      source.addEventListener(name, changed);
    });
    source.onmessage = changed;
    badge.dataset.live = "connecting";
    source.onopen = function () { badge.dataset.live = "open"; };
    window.addEventListener("pagehide", function () { source.close(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
