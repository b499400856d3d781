// Review screen keyboard: j/k move, x check, a accept, g assign, r reject, e edit, s split,
// m merge checked, Shift+A/G/R act on the checked ones. Keys are ignored while typing in a field.
(function () {
  "use strict";
  var current = 0;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll(".proposal")); }

  function focusCard(index) {
    var all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    document.querySelectorAll(".proposal.current, mark.dir.current").forEach(function (el) { el.classList.remove("current"); });
    var card = all[current];
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
    var mark = document.getElementById("m-" + card.dataset.item);
    if (mark) { mark.classList.add("current"); mark.scrollIntoView({ block: "center" }); }
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

  function reject(card, bulkMode) {
    var field = bulkMode ? document.getElementById("bulk-reason") : card.querySelector('input[name="reason"]');
    if (!field) return;
    if (!field.value.trim()) { field.focus(); field.placeholder = field.placeholder + " ↵"; return; }
    if (bulkMode) bulk("reject"); else press(card, "reject");
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape") { if (target.blur) target.blur(); focusCard(current); return; }
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
      case "j": case "ArrowDown": focusCard(current + 1); break;
      case "k": case "ArrowUp": focusCard(current - 1); break;
      case "x": case " ": if (card) { var box = card.querySelector(".sel"); if (box && !box.disabled) box.checked = !box.checked; } break;
      case "a": press(card, "accept"); break;
      case "g": press(card, "assign"); break;
      case "r": reject(card, false); break;
      case "e": if (card) openDetails(card, "e"); break;
      case "s": if (card) openDetails(card, "s"); break;
      case "m": bulk("merge"); break;
      case "A": bulk("accept"); break;
      case "G": bulk("assign"); break;
      case "R": reject(card, true); break;
      case "?": var keys = document.querySelector("details.keys"); if (keys) keys.open = !keys.open; break;
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
    if (card) { var i = cards().indexOf(card); if (i >= 0 && i !== current) focusCard(i); }
    var mark = event.target.closest && event.target.closest("mark.dir");
    if (mark) { var j = cards().findIndex(function (c) { return c.dataset.item === mark.dataset.item; }); if (j >= 0) focusCard(j); }
  });

  // After an htmx swap the cards are new: keep the place and the units/deadlines chosen
  // on other cards but not yet sent.
  var kept = {};
  document.body.addEventListener("htmx:beforeSwap", function () {
    kept = {};
    document.querySelectorAll('#review select[name="lead_unit"], #review input[name="deadline"]').forEach(function (el) {
      if (el.id) kept[el.id] = el.value;
    });
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var flash = document.getElementById("flash");
    if (flash && event.detail.target.id === "review") flash.innerHTML = "";  // an old refusal no longer applies
    Object.keys(kept).forEach(function (id) { var el = document.getElementById(id); if (el) el.value = kept[id]; });
    focusCard(current);
  });
  document.addEventListener("DOMContentLoaded", function () { focusCard(0); });
})();
