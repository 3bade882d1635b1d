// A vote's server events: each "vote" event asks the panels listening for capuy-vote to reload.
(function () {
  "use strict";
  function start() {
    if (!window.EventSource) { return; }
    document.querySelectorAll("[data-vote-events]").forEach(function (element) {
      var source = new EventSource(element.dataset.voteEvents);
      source.addEventListener("vote", function () { document.body.dispatchEvent(new Event("capuy-vote")); });
      window.addEventListener("pagehide", function () { source.close(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
