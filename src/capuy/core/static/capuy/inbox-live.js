// The menu's count of what awaits the person, and the home page blocks, reload on live events.
// The stream (data-events on #dem-viec) carries the events of the conferences the person prepares or is
// invited to (the conferences app's live module); each event fires "capuy:live" on the body, which htmx
// elements listen to (hx-trigger="capuy:live from:body"). A 204 answer means nothing to follow.
(function () {
  "use strict";
  function start() {
    var badge = document.getElementById("dem-viec");
    if (!badge || !badge.dataset.events || !window.EventSource) { return; }
    var source = new EventSource(badge.dataset.events);
    var timer = null;
    function changed() {
      if (timer) { return; }
      timer = window.setTimeout(function () {  // a burst of events (a vote's ballots) gives one reload
        timer = null;
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
