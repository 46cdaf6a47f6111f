// The editor, enhanced where JavaScript runs: list rows are added, removed and reordered in place
// (without it the same buttons post the form and the page comes back changed), sections holding an
// error open, and a heartbeat tells the Studio this item's editor is open and shows who else has it open.
(function () {
  "use strict";

  const ROW_ACTIONS = ["add", "remove", "up", "down"];

  function rowsOf(list) {
    return Array.from(list.querySelectorAll("[data-row=\"" + list.dataset.list + "\"]"));
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function announce(form, text) {
    const live = form.querySelector("[data-row-live]");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // Rewrites one row's names, ids, labels and button values from index `from` to index `to`.
  function renumber(list, row, from, to) {
    if (from === to) return;
    const name = list.dataset.namePrefix + "[";
    const id = new RegExp(escapeRegExp(list.dataset.idPrefix) + "-" + from + "(?=-|\\s|$)", "g");
    const value = new RegExp("^(add|remove|up|down):" + escapeRegExp(list.dataset.list) + ":" + from + "$");
    const elements = [row].concat(Array.from(row.querySelectorAll("*")));
    for (const el of elements) {
      if (el.name && el.name.startsWith(name + from + "]")) el.name = name + to + "]" + el.name.slice((name + from + "]").length);
      for (const attr of ["id", "for", "aria-describedby", "aria-labelledby"]) {
        const text = el.getAttribute(attr);
        if (text) el.setAttribute(attr, text.replace(id, list.dataset.idPrefix + "-" + to));
      }
      if (el.tagName === "BUTTON" && value.test(el.value)) el.value = el.value.replace(/:\d+$/, ":" + to);
      if (el.tagName === "LABEL" || el.tagName === "LEGEND" || el.classList.contains("visually-hidden")) {
        const text = Array.from(el.childNodes).find(function (n) { return n.nodeType === Node.TEXT_NODE && /\d/.test(n.nodeValue); });
        if (text) text.nodeValue = text.nodeValue.replace(new RegExp("\\b" + (from + 1) + "(\\)?\\s*)$"), (to + 1) + "$1");
      }
    }
    row.dataset.index = String(to);
  }

  function settle(list) {
    const rows = rowsOf(list);
    rows.forEach(function (row, i) {
      renumber(list, row, Number(row.dataset.index), i);
      const up = row.querySelector("button[value^=\"up:\"]");
      const down = row.querySelector("button[value^=\"down:\"]");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === rows.length - 1;
    });
    return rows;
  }

  function blank(row, list) {
    row.querySelectorAll(".error, .preview, .row-status").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("[aria-describedby]").forEach(function (el) {
      const kept = el.getAttribute("aria-describedby").split(/\s+/).filter(function (x) { return !x.endsWith("-error"); });
      if (kept.length) el.setAttribute("aria-describedby", kept.join(" ")); else el.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    if (list.dataset.list === "references") {
      // As the server does: the next free id and today's date.
      const ids = new Set(rowsOf(list).map(function (r) {
        const input = r.querySelector("input[name$=\".Id\"]");
        return input ? input.value : "";
      }));
      let n = rowsOf(list).length; // the new row is already among them
      while (ids.has("ref-" + n)) n++;
      const idInput = row.querySelector("input[name$=\".Id\"]");
      const accessed = row.querySelector("input[name$=\".Accessed\"]");
      if (idInput) idInput.value = "ref-" + n;
      if (accessed) accessed.value = new Date().toISOString().slice(0, 10);
    }
  }

  function firstField(row) {
    return row.querySelector("input:not([type=hidden]), textarea, select");
  }

  function onRowButton(event) {
    const button = event.target.closest("button[name=op]");
    if (!button || button.disabled) return;
    const parts = button.value.split(":");
    if (parts.length < 2 || ROW_ACTIONS.indexOf(parts[0]) < 0) return;
    const form = button.form;
    const list = form && form.querySelector("[data-list=\"" + parts[1] + "\"]");
    if (!list) return;
    const rows = rowsOf(list);
    const index = Number(parts[2]);
    const noun = list.dataset.noun;
    const row = rows.find(function (r) { return Number(r.dataset.index) === index; });

    if (parts[0] === "add") {
      if (rows.length === 0) return; // nothing to copy: let the form post and the server add it
      event.preventDefault();
      const last = rows[rows.length - 1];
      const copy = last.cloneNode(true);
      last.after(copy);
      blank(copy, list);
      const all = settle(list);
      const field = firstField(copy);
      if (field) field.focus();
      announce(form, noun.charAt(0).toUpperCase() + noun.slice(1) + " " + all.length + " added.");
      return;
    }
    if (!row) return;
    event.preventDefault();
    if (parts[0] === "remove") {
      const next = row.nextElementSibling && row.nextElementSibling.matches("[data-row]") ? row.nextElementSibling : null;
      const previous = row.previousElementSibling && row.previousElementSibling.matches("[data-row]") ? row.previousElementSibling : null;
      row.remove();
      settle(list);
      const target = (next && firstField(next)) || (previous && firstField(previous)) || list.querySelector("button[value=\"add:" + parts[1] + "\"]");
      if (target) target.focus();
      announce(form, noun.charAt(0).toUpperCase() + noun.slice(1) + " " + (index + 1) + " removed.");
      return;
    }
    const up = parts[0] === "up";
    const other = up ? row.previousElementSibling : row.nextElementSibling;
    if (!other || !other.matches("[data-row]")) return;
    if (up) other.before(row); else other.after(row);
    settle(list);
    const to = Number(row.dataset.index);
    const again = row.querySelector("button[value=\"" + parts[0] + ":" + parts[1] + ":" + to + "\"]");
    const focus = again && !again.disabled ? again : row.querySelector("button[value=\"" + (up ? "down" : "up") + ":" + parts[1] + ":" + to + "\"]");
    if (focus) focus.focus();
    announce(form, noun.charAt(0).toUpperCase() + noun.slice(1) + " " + (index + 1) + " moved " + (up ? "up" : "down") + " to " + (to + 1) + ".");
  }

  function openSectionsWithErrors() {
    document.querySelectorAll("details.section").forEach(function (details) {
      if (details.querySelector(".has-error, .error")) details.open = true;
    });
    // A link to a field inside a closed section opens it.
    window.addEventListener("hashchange", function () {
      const target = location.hash && document.getElementById(location.hash.slice(1));
      const details = target && target.closest("details");
      if (details) details.open = true;
    });
  }

  function presence() {
    const region = document.querySelector("[data-presence-url]");
    const token = document.querySelector("input[name=__RequestVerificationToken]");
    if (!region || !token) return;
    const body = function () {
      const data = new FormData();
      data.append("__RequestVerificationToken", token.value);
      return data;
    };
    const beat = function () {
      fetch(region.dataset.presenceUrl, { method: "POST", body: body(), credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (!answer) return;
          const text = answer.sentence || "";
          if (region.textContent !== text) region.textContent = text;
        })
        .catch(function () { /* presence is best effort */ });
    };
    window.setInterval(beat, 30000);
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) navigator.sendBeacon(region.dataset.leaveUrl, body());
    });
  }

  document.addEventListener("click", onRowButton);
  openSectionsWithErrors();
  presence();
})();
