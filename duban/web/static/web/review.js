// Review screen keyboard: j/k move, x check, a accept, g assign, r reject, e edit, s split,
// u/c the card's lead unit / co-units picker,
// m merge checked, Shift+A/G/R act on the checked ones. Keys are ignored while typing in a field
// (the unit pickers' own keys are in unitpicker.js).
// Selecting text in the article offers to mark it as a directive the analyser missed.
(function () {
  "use strict";
  var current = 0;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll(".proposal")); }

  // Make card ``index`` the current one. ``takeFocus`` is false when the user clicked inside
  // the card: moving focus away from the clicked button would make htmx forget which button
  // submitted the form (the request then has no ``action``).
  function focusCard(index, takeFocus) {
    var all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    document.querySelectorAll(".proposal.current, mark.dir.current").forEach(function (el) { el.classList.remove("current"); });
    var card = all[current];
    card.classList.add("current");
    if (takeFocus !== false) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
    var mark = document.getElementById("m-" + card.dataset.item);
    if (mark) { mark.classList.add("current"); if (takeFocus !== false) mark.scrollIntoView({ block: "center" }); }
  }

  // j past the last card of a page opens the next page, k before the first the previous one.
  function turnPage(index, rel) {
    if (index >= 0 && index < cards().length) return false;
    var link = document.querySelector('.pager a[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
    return !!link;
  }

  function press(card, action) {
    var button = card && card.querySelector('button[name="action"][value="' + action + '"]');
    if (button) button.click();
    return !!button;
  }

  function bulk(action) {
    var button = document.querySelector('#bulk button[value="' + action + '"]');
    if (button) button.click();
  }

  function openDetails(card, key) {
    var details = card.querySelector('details[data-key="' + key + '"]');
    if (!details) return;
    details.open = true;
    var field = details.querySelector("textarea, input:not([type=hidden]), select");
    if (field) field.focus();
  }

  // u: the card's 牵头单位, c: its 配合单位 (type, ↓/↑, Enter; Esc back to the cards).
  function focusPicker(card, multiple) {
    var field = card && card.querySelector(".acts .unit-picker" + (multiple ? "[data-multiple]" : ":not([data-multiple])") + " .unit-q");
    if (field) { field.focus(); field.select(); }
  }

  function reject(card, bulkMode) {
    var field = bulkMode ? document.getElementById("bulk-reason") : card.querySelector('input[name="reason"]');
    if (!field) return;
    if (!field.value.trim()) { field.focus(); field.placeholder = field.placeholder + " ↵"; return; }
    if (bulkMode) bulk("reject"); else press(card, "reject");
  }

  function toggleKeys(open) {
    var keys = document.querySelector("details.keys");
    if (keys) keys.open = open === undefined ? !keys.open : open;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape") { toggleKeys(false); if (target.blur) target.blur(); focusCard(current); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) {
      if (event.key === "Enter" && target.name === "reason" && target.value.trim()) {
        event.preventDefault();
        if (target.id === "bulk-reason") bulk("reject"); else press(target.closest(".proposal"), "reject");
      }
      return;
    }
    var card = cards()[current];
    var handled = true;
    switch (event.key) {
      case "j": case "ArrowDown": if (!turnPage(current + 1, "next")) focusCard(current + 1); break;
      case "k": case "ArrowUp": if (!turnPage(current - 1, "prev")) focusCard(current - 1); break;
      case "x": case " ": if (card) { var box = card.querySelector(".sel"); if (box && !box.disabled) box.checked = !box.checked; } break;
      case "a": press(card, "accept"); break;
      case "g": press(card, "assign"); break;
      case "r": reject(card, false); break;
      case "e": if (card) openDetails(card, "e"); break;
      case "s": if (card) openDetails(card, "s"); break;
      case "u": focusPicker(card, false); break;
      case "c": focusPicker(card, true); break;
      case "m": bulk("merge"); break;
      case "A": bulk("accept"); break;
      case "G": bulk("assign"); break;
      case "R": reject(card, true); break;
      case "?": toggleKeys(); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("change", function (event) {
    if (event.target.id === "bulk-all") {
      document.querySelectorAll(".proposal .sel:not(:disabled)").forEach(function (box) { box.checked = event.target.checked; });
    }
  });

  document.addEventListener("click", function (event) {
    var card = event.target.closest && event.target.closest(".proposal");
    if (card) { var i = cards().indexOf(card); if (i >= 0 && i !== current) focusCard(i, false); }
    var mark = event.target.closest && event.target.closest("mark.dir");
    if (mark) { var j = cards().findIndex(function (c) { return c.dataset.item === mark.dataset.item; }); if (j >= 0) focusCard(j); }
  });

  // Units and deadlines typed on other cards but not yet sent survive the re-render after an
  // action. Only fields the user changed are kept, and after 修改 not those of the edited card:
  // it shows the values just saved, which must not be put back to what they were before.
  document.addEventListener("input", function (event) {
    var el = event.target;
    // A unit picker marks itself once a unit is chosen (unitpicker.js); its search box is not a value.
    if (el.closest && el.closest(".proposal .acts") && !el.closest(".unit-picker")) el.dataset.dirty = "1";
  });
  var kept = {}, keptPickers = {}, sent = { card: null, action: "" };
  document.body.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    sent.action = (params && (params.get ? params.get("action") : params.action)) || "";
    sent.card = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest(".proposal") : null;
  });
  document.body.addEventListener("htmx:beforeSwap", function () {
    kept = {};
    var saved = sent.action === "edit" ? sent.card : null;
    document.querySelectorAll("#review .proposal .acts [data-dirty]:not(.unit-picker)").forEach(function (el) {
      if (el.id && el.closest(".proposal") !== saved) kept[el.id] = el.value;
    });
    keptPickers = {};
    if (window.dubanUnitPicker) {
      document.querySelectorAll("#review .proposal .acts .unit-picker[data-dirty]").forEach(function (el) {
        if (el.closest(".proposal") !== saved) keptPickers[el.id] = window.dubanUnitPicker.state(el);
      });
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "review") return;  // a refusal shown in place: nothing re-rendered
    Object.keys(kept).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.value = kept[id]; el.dataset.dirty = "1"; }
    });
    Object.keys(keptPickers).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && window.dubanUnitPicker) window.dubanUnitPicker.restore(el, keptPickers[id]);
    });
    focusCard(current);
  });

  // Marking a directive: select words in the article, then 标记为指示要求.
  function paragraphOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el && el.closest ? el.closest("article.article p[data-para]") : null;
  }

  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var paragraph = paragraphOf(range.startContainer);
    if (!paragraph || paragraph !== paragraphOf(range.endContainer)) return null;  // one paragraph at a time
    var start = offsetIn(paragraph, range.startContainer, range.startOffset);
    var end = offsetIn(paragraph, range.endContainer, range.endOffset);
    var text = paragraph.textContent.slice(start, end);
    // Leading and trailing blanks are not part of the directive.
    start += text.length - text.replace(/^\s+/, "").length;
    end -= text.length - text.replace(/\s+$/, "").length;
    if (end <= start) return null;
    return { para: paragraph.dataset.para, start: start, end: end, text: paragraph.textContent.slice(start, end) };
  }

  function showMarkForm() {
    var form = document.getElementById("mark-form");
    if (!form) return;
    var span = selectedSpan();
    if (!span) { form.hidden = true; return; }
    form.elements.para.value = span.para;
    form.elements.start.value = span.start;
    form.elements.end.value = span.end;
    document.getElementById("mark-text").textContent = span.text;
    form.hidden = false;
  }

  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("#mark-form")) return;
    setTimeout(showMarkForm, 0);
  });
  document.addEventListener("keyup", function (event) { if (event.shiftKey) showMarkForm(); });

  document.addEventListener("DOMContentLoaded", function () { focusCard(0); });
})();
