// "Chọn tất cả" on a rating campaign: checks or clears every member's box for a batch decision.
(function () {
  "use strict";
  function start() {
    var all = document.getElementById("chon-tat-ca");
    if (!all) { return; }
    all.addEventListener("change", function (event) {
      document.querySelectorAll('input[name="chon"]').forEach(function (box) { box.checked = event.target.checked; });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
