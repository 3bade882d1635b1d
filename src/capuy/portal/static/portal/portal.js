// The public article's tools, asked for with data attributes: the Content-Security-Policy allows scripts from
// this site's files only, and the links work without this file (the share links are ordinary links).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print], [data-copy-link]") : null;
    if (!target) { return; }
    if (target.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
      return;
    }
    // <a href="…" data-copy-link>: copy the address; where the clipboard is refused the link opens as usual.
    if (navigator.clipboard && navigator.clipboard.writeText) {
      event.preventDefault();
      var status = document.getElementById(target.getAttribute("aria-describedby") || "");
      navigator.clipboard.writeText(target.href).then(function () {
        if (status) { status.textContent = "Đã sao chép liên kết bài viết."; }
      }, function () {
        if (status) { status.textContent = "Không sao chép được; hãy sao chép địa chỉ trên thanh trình duyệt."; }
      });
    }
  });
})();
