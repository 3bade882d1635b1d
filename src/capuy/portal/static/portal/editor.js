/* The writers' rich-text editor: Squire (vendor/squire-*.min.js) on the article body, with a toolbar for
   bold, italic, headings, lists, links and image upload. The textarea stays the form field (and the
   fallback without JavaScript); the server sanitizes the body again on save (portal/richtext.py). */
(function () {
  "use strict";
  var textarea = document.getElementById("id_body");
  var panel = document.getElementById("trinh-soan-thao");
  if (!textarea || !panel || !window.Squire) { return; }
  var form = textarea.form;

  // Only what the server keeps (portal/richtext.py); anything else is unwrapped or dropped before it enters
  // the editor, so pasting from a word processor cannot carry scripts, styles or handlers in.
  var TAGS = /^(H2|H3|H4|P|BR|STRONG|EM|B|I|U|S|SUB|SUP|UL|OL|LI|BLOCKQUOTE|A|FIGURE|FIGCAPTION|IMG|TABLE|THEAD|TBODY|TR|TH|TD|CAPTION|DIV|SPAN)$/;
  var DROP = /^(SCRIPT|STYLE|IFRAME|OBJECT|EMBED|NOSCRIPT|TEMPLATE|LINK|META)$/;
  var ATTRS = /^(href|title|src|alt|width|height|colspan|rowspan|scope|start)$/;
  var BAD_URL = /^\s*(javascript|vbscript|data):/i;

  function scrub(node) {
    Array.prototype.slice.call(node.childNodes).forEach(function (child) {
      if (child.nodeType === 3) { return; }
      if (child.nodeType !== 1 || DROP.test(child.tagName)) { child.remove(); return; }
      scrub(child);
      if (!TAGS.test(child.tagName)) {
        while (child.firstChild) { node.insertBefore(child.firstChild, child); }
        child.remove();
        return;
      }
      Array.prototype.slice.call(child.attributes).forEach(function (a) {
        var name = a.name.toLowerCase();
        if (!ATTRS.test(name) || ((name === "href" || name === "src") && BAD_URL.test(a.value))) {
          child.removeAttribute(a.name);
        }
      });
    });
  }

  function clean(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    scrub(template.content);
    return document.importNode(template.content, true);
  }

  var area = document.createElement("div");
  area.className = "rte-area";
  area.id = "noi-dung-soan-thao";
  area.setAttribute("role", "textbox");
  area.setAttribute("aria-multiline", "true");
  area.setAttribute("aria-label", "Nội dung bài viết");
  textarea.parentNode.insertBefore(panel, textarea);
  textarea.parentNode.insertBefore(area, textarea);
  textarea.hidden = true;
  panel.hidden = false;
  var label = form.querySelector('label[for="id_body"]');
  if (label) { label.setAttribute("for", area.id); }

  var editor = new window.Squire(area, { blockTag: "P", sanitizeToDOMFragment: clean });
  editor.setHTML(textarea.value || "");
  // Squire knows blocks and containers but not figures: it wraps the image of a figure in a paragraph and
  // ends captions with a <br>. The saved body gets the plain <figure><img><figcaption> back.
  function tidy(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.querySelectorAll("figure > p, figure > div").forEach(function (block) {
      if (!block.querySelector("img")) { return; }
      while (block.firstChild) { block.parentNode.insertBefore(block.firstChild, block); }
      block.remove();
    });
    template.content.querySelectorAll("figure br").forEach(function (br) {
      if (!br.nextSibling) { br.remove(); }
    });
    return template.innerHTML;
  }
  function sync() { textarea.value = tidy(editor.getHTML()); }
  // A figure goes after the block holding the cursor, never inside a heading or a paragraph.
  function insertFigure(html) {
    editor.modifyBlocks(function (fragment) {
      fragment.appendChild(clean(html));
      return fragment;
    });
  }
  editor.addEventListener("input", sync);
  form.addEventListener("submit", sync);

  var status = panel.querySelector("[role=status]");
  function say(text) { status.textContent = text; }

  function setBlock(tag) {
    editor.modifyBlocks(function (fragment) {
      var out = document.createDocumentFragment();
      Array.prototype.slice.call(fragment.childNodes).forEach(function (block) {
        if (block.nodeType === 1 && /^(P|DIV|H2|H3|H4)$/.test(block.tagName)) {
          var replacement = document.createElement(block.tagName === tag ? "P" : tag);
          while (block.firstChild) { replacement.appendChild(block.firstChild); }
          out.appendChild(replacement);
        } else {
          out.appendChild(block);
        }
      });
      return out;
    });
  }

  var commands = {
    bold: function () { if (editor.hasFormat("B")) { editor.removeBold(); } else { editor.bold(); } },
    italic: function () { if (editor.hasFormat("I")) { editor.removeItalic(); } else { editor.italic(); } },
    h2: function () { setBlock("H2"); },
    h3: function () { setBlock("H3"); },
    ul: function () { if (editor.hasFormat("UL")) { editor.removeList(); } else { editor.makeUnorderedList(); } },
    ol: function () { if (editor.hasFormat("OL")) { editor.removeList(); } else { editor.makeOrderedList(); } },
    link: function () {
      var url = window.prompt("Địa chỉ liên kết (https://…, mailto:… hoặc /đường-dẫn-trong-trang):", "https://");
      if (url === null) { return; }
      url = url.trim();
      if (!/^(https?:\/\/|mailto:|\/)/i.test(url)) { say("Địa chỉ liên kết phải bắt đầu bằng https://, http://, mailto: hoặc /."); return; }
      editor.makeLink(url);
    },
    unlink: function () { editor.removeLink(); }
  };
  panel.querySelectorAll("[data-rte]").forEach(function (button) {
    button.addEventListener("click", function () {
      commands[button.getAttribute("data-rte")]();
      sync();
      editor.focus();
    });
  });

  var upload = panel.querySelector("[data-rte-upload]");
  if (!upload) { return; }
  var file = panel.querySelector("#rte-anh");
  var alt = panel.querySelector("#rte-alt");
  var caption = panel.querySelector("#rte-chu-thich");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  upload.addEventListener("click", function () {
    if (!file.files.length) { say("Hãy chọn một tệp ảnh."); file.focus(); return; }
    if (!alt.value.trim()) { say("Hãy nhập mô tả thay thế (alt) cho ảnh: người khiếm thị cần nó để biết ảnh có gì."); alt.focus(); return; }
    var data = new FormData();
    data.append("image", file.files[0]);
    data.append("alt_text", alt.value);
    data.append("caption", caption.value);
    upload.disabled = true;
    say("Đang tải ảnh lên…");
    fetch(upload.getAttribute("data-rte-upload"), {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrf }
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; });
    }).then(function (result) {
      if (!result.ok) { say(result.json.error || "Không tải được ảnh lên."); return; }
      editor.focus();
      insertFigure(result.json.html);
      sync();
      file.value = ""; alt.value = ""; caption.value = "";
      say("Đã chèn ảnh vào bài. Nhớ bấm «Lưu».");
    }).catch(function () {
      say("Không tải được ảnh lên; vui lòng thử lại.");
    }).then(function () { upload.disabled = false; });
  });
}());
