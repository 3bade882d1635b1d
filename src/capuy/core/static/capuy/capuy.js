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
// Search-as-you-type choosers (core/choosers.py): a click on a match puts its id into the form.
(function () {
  "use strict";
  function hidden(name, value) {
    var input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value;
    return input;
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    var pick = target.closest("[data-chooser-pick]");
    var remove = target.closest("[data-chooser-remove]");
    var box = (pick || remove) ? (pick || remove).closest("[data-chooser]") : null;
    if (!box) { return; }
    event.preventDefault();
    if (remove) { remove.closest(".chip").remove(); return; }
    var chosen = box.querySelector(".chooser-chosen");
    var search = box.querySelector("input[type=search]");
    var id = pick.getAttribute("data-chooser-pick"), label = pick.getAttribute("data-label");
    if (box.hasAttribute("data-multiple")) {
      if (!chosen.querySelector("input[value='" + id + "']")) {
        var chip = document.createElement("span");
        chip.className = "chip"; chip.textContent = label;
        chip.appendChild(hidden(box.getAttribute("data-name"), id));
        var button = document.createElement("button");
        button.type = "button"; button.className = "link"; button.textContent = " ×";
        button.setAttribute("data-chooser-remove", ""); button.setAttribute("aria-label", "Bỏ " + label);
        chip.appendChild(button);
        chosen.appendChild(chip);
      }
      search.value = "";
    } else {
      chosen.textContent = "";
      chosen.appendChild(hidden(box.getAttribute("data-name"), id));
      search.value = label;
    }
    box.querySelector(".chooser-results").textContent = "";
  });
  // Emptying a single chooser's box clears its choice.
  document.addEventListener("input", function (event) {
    var box = event.target.closest ? event.target.closest("[data-chooser]") : null;
    if (box && !box.hasAttribute("data-multiple") && event.target.value === "") {
      box.querySelector(".chooser-chosen").textContent = "";
    }
  });
})();
