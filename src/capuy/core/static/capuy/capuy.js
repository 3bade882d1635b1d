// Behaviour that pages ask for with data attributes, so that no page needs an inline script
// (the Content-Security-Policy allows scripts from this site's files only).
(function () {
  "use strict";
  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { event.preventDefault(); window.print(); }
  });
  // hx-trigger="every Ns" on an element marked data-poll-visible: skip the request while the tab is hidden
  // (htmx's own filter syntax would need eval, which the policy forbids).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.hasAttribute("data-poll-visible") && document.visibilityState !== "visible") {
      event.preventDefault();
    }
  });
})();
