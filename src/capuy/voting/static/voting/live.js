// The vote panel of the presiding screen and of the ballot page: the count comes with each event and is written
// in place; when the vote opens or closes (or the stream comes back after a fault) the panel is fetched again.
(function () {
  "use strict";
  function start() {
    document.querySelectorAll("[data-vote-live]").forEach(function (section) {
      if (!window.EventSource || !window.capuyLive) { return; }
      var vote = parseInt(section.dataset.voteLive, 10);
      function refetch() { capuyLive.later(function () { section.dispatchEvent(new Event("capuy-vote")); }); }
      capuyLive.connect(section.dataset.events, {
        events: {
          vote: function (data) {
            if (data.vote !== vote) { return; }
            if (data.status === "open" && !data.resync && capuyLive.showProgress(section, data)) {
              section.dataset.updated = String(Date.now());
              return;
            }
            refetch();
          }
        },
        status: function (s) { section.dataset.live = s; },
        reconnected: refetch
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
