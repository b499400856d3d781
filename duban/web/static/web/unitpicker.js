// Unit pickers (web/partials/unit_picker.html): type a unit's name or alias, move through the
// matches with the arrow keys and choose with Enter (or a click). A 配合单位 picker takes
// several, each removable with its × or with Backspace in the empty box. Listeners sit on the
// document, so pickers that htmx puts on the page work at once.
(function () {
  "use strict";
  var timers = new WeakMap(), latest = new WeakMap();

  function pickerOf(el) { return el && el.closest ? el.closest(".unit-picker") : null; }
  function box(picker) { return picker.querySelector(".unit-q"); }
  function options(picker) { return picker.querySelector(".unit-options"); }
  function isMultiple(picker) { return picker.hasAttribute("data-multiple"); }
  function single(picker) { return picker.querySelector('input[type="hidden"][id]'); }
  function chosenIds(picker) {
    return Array.prototype.map.call(picker.querySelectorAll(".picked [data-id]"), function (li) { return li.dataset.id; });
  }
  function touched(picker) {
    picker.dataset.dirty = "1";
    picker.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function close(picker) {
    var list = options(picker);
    list.hidden = true;
    list.textContent = "";
    box(picker).setAttribute("aria-expanded", "false");
    box(picker).removeAttribute("aria-activedescendant");
  }

  function activate(picker, index) {
    var all = options(picker).querySelectorAll('[role="option"]');
    if (!all.length) return;
    index = (index + all.length) % all.length;
    Array.prototype.forEach.call(all, function (li, i) {
      li.classList.toggle("active", i === index);
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    box(picker).setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex(picker) {
    var all = Array.prototype.slice.call(options(picker).querySelectorAll('[role="option"]'));
    return all.findIndex(function (li) { return li.classList.contains("active"); });
  }

  function show(picker, results) {
    var list = options(picker), taken = chosenIds(picker);
    list.textContent = "";
    results.filter(function (u) { return taken.indexOf(String(u.id)) < 0; }).forEach(function (unit) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = list.id + "-" + unit.id;
      li.dataset.id = unit.id;
      li.dataset.name = unit.name;
      li.textContent = unit.name;
      var where = document.createElement("span");
      where.className = "muted";
      where.textContent = " " + [unit.path, unit.kind].filter(Boolean).join(" · ");
      li.appendChild(where);
      list.appendChild(li);
    });
    if (!list.children.length) {
      var none = document.createElement("li");
      none.className = "muted none";
      none.textContent = list.dataset.none || "—";
      list.appendChild(none);
    }
    list.hidden = false;
    box(picker).setAttribute("aria-expanded", "true");
    activate(picker, 0);
  }

  function search(picker) {
    var text = box(picker).value.trim(), asked = {};
    latest.set(picker, asked);
    fetch(picker.dataset.search + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (latest.get(picker) === asked && document.activeElement === box(picker)) show(picker, data.results); })
      .catch(function () { close(picker); });
  }

  function choose(picker, option) {
    var field = box(picker);
    if (isMultiple(picker)) {
      var li = document.createElement("li"), hidden = document.createElement("input"), remove = document.createElement("button");
      li.dataset.id = option.dataset.id;
      hidden.type = "hidden";
      hidden.name = picker.querySelector('input[type="hidden"]').name;
      hidden.value = option.dataset.id;
      remove.type = "button";
      remove.className = "unpick";
      remove.textContent = "×";
      remove.setAttribute("aria-label", (picker.dataset.remove || "×") + option.dataset.name);
      li.appendChild(hidden);
      li.appendChild(document.createTextNode(option.dataset.name));
      li.appendChild(remove);
      picker.querySelector(".picked").appendChild(li);
      field.value = "";
    } else {
      single(picker).value = option.dataset.id;
      field.value = option.dataset.name;
      field.dataset.chosen = option.dataset.name;
    }
    close(picker);
    touched(picker);
    field.focus();
  }

  document.addEventListener("input", function (event) {
    var picker = event.target.classList && event.target.classList.contains("unit-q") ? pickerOf(event.target) : null;
    if (!picker) return;
    if (!isMultiple(picker) && !event.target.value.trim()) { single(picker).value = ""; touched(picker); }
    clearTimeout(timers.get(picker));
    timers.set(picker, setTimeout(function () { search(picker); }, 150));
  });

  // Capturing, so that a key the picker uses (Esc closing its list, Enter choosing) never
  // reaches the page's own shortcuts (review.js).
  document.addEventListener("keydown", function (event) {
    var field = event.target, picker = field.classList && field.classList.contains("unit-q") ? pickerOf(field) : null;
    if (!picker) return;
    var open = !options(picker).hidden, handled = true;
    switch (event.key) {
      case "ArrowDown": if (open) activate(picker, activeIndex(picker) + 1); else search(picker); break;
      case "ArrowUp": if (open) activate(picker, activeIndex(picker) - 1); else handled = false; break;
      case "Enter": {  // never submits the form (its first button would be 立项, not 交办)
        var active = open && options(picker).querySelector('[role="option"].active');
        if (active) choose(picker, active);
        break;
      }
      case "Escape": if (open) close(picker); else handled = false; break;
      case "Backspace": {
        var last = isMultiple(picker) && !field.value && picker.querySelector(".picked li:last-child");
        if (last) { last.remove(); touched(picker); } else handled = false;
        break;
      }
      case "Tab": if (open) close(picker); handled = false; break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  // A mouse choice: mousedown would take the focus from the box and close the list first.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest('.unit-options [role="option"]')) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest('.unit-options [role="option"]');
    if (option) { choose(pickerOf(option), option); return; }
    var remove = event.target.closest && event.target.closest(".unit-picker .unpick");
    if (remove) {
      var picker = pickerOf(remove);
      remove.closest("li").remove();
      touched(picker);
      box(picker).focus();
    }
  });

  // Leaving a single picker half-typed shows its unit again (what would be sent).
  document.addEventListener("focusout", function (event) {
    var picker = event.target.classList && event.target.classList.contains("unit-q") ? pickerOf(event.target) : null;
    if (!picker) return;
    setTimeout(function () {
      if (picker.contains(document.activeElement)) return;
      close(picker);
      var field = box(picker);
      if (!isMultiple(picker)) field.value = single(picker).value ? field.dataset.chosen || field.defaultValue : "";
    }, 150);
  });

  // What review.js keeps across a re-render of the cards (a choice made but not yet sent).
  window.dubanUnitPicker = {
    state: function (picker) {
      var picked = picker.querySelector(".picked"), hidden = single(picker);
      return { picked: picked ? picked.innerHTML : null, value: hidden ? hidden.value : null, text: box(picker).value };
    },
    restore: function (picker, state) {
      var picked = picker.querySelector(".picked"), hidden = single(picker);
      if (picked && state.picked !== null) picked.innerHTML = state.picked;
      if (hidden && state.value !== null) hidden.value = state.value;
      box(picker).value = state.text;
      if (hidden && state.value) box(picker).dataset.chosen = state.text;
      picker.dataset.dirty = "1";
    },
  };
})();
