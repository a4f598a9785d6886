/* Title suggestions: ARIA 1.2 combobox with a listbox popup. Without this script the
   search boxes are plain GET forms. Server text is set with textContent, never as HTML. */
(function () {
  "use strict";
  var DELAY = 200; // ms of quiet before asking
  var n = 0;

  function setup(input) {
    var url = input.getAttribute("data-autocomplete-url");
    var host = input.closest("[data-autocomplete]") || input.form;
    if (!url || !host || !window.fetch) return;
    var id = "ac-list-" + ++n;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var items = [], active = -1, timer, controller;

    list.id = id;
    list.className = "ac__list";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-ac-label") || "");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    host.classList.add("ac");
    host.appendChild(list);
    host.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");

    function show(open) {
      list.hidden = !(open && items.length);
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (list.hidden) select(-1);
    }

    function select(index) {
      if (items[active]) items[active].setAttribute("aria-selected", "false");
      active = index;
      if (items[index]) {
        items[index].setAttribute("aria-selected", "true");
        items[index].scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", items[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) window.location.assign(items[index].getAttribute("data-url"));
    }

    function render(results) {
      list.textContent = "";
      active = -1;
      items = results.map(function (result, index) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        option.id = id + "-" + index;
        option.className = "ac__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        title.textContent = result.title;
        option.appendChild(title);
        if (result.municipality) {
          var meta = document.createElement("span");
          meta.className = "ac__meta";
          meta.textContent = result.municipality;
          option.appendChild(meta);
        }
        option.addEventListener("click", function () { go(index); });
        list.appendChild(option);
        return option;
      });
      status.textContent = items.length
        ? items.length + " " + (input.getAttribute("data-ac-some") || "")
        : input.getAttribute("data-ac-none") || "";
      show(true);
    }

    function ask() {
      var query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < 2) return render([]);
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          // An answer to an older query must not replace a newer one.
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {}); // aborted or offline: the form works anyway
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) show(true);
        else select(active < items.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        select(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape") {
        if (open) show(false);
        else input.value = "";
        event.preventDefault();
      } else if (event.key === "Tab") {
        show(false);
      }
    });

    // Let a click on an option land before the list closes.
    input.addEventListener("blur", function () { setTimeout(function () { show(false); }, 150); });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  }

  function start() {
    [].forEach.call(document.querySelectorAll("input[data-autocomplete-url]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
