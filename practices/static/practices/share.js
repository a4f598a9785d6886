// "Print / save as PDF" and "Copy link": shown only when this script runs (the buttons are
// hidden in the HTML, so without JavaScript nothing dead is on the page). No share widgets.
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (group) {
    var status = group.querySelector("[data-share-status]");
    group.querySelectorAll("button[data-share-action]").forEach(function (button) {
      var action = button.getAttribute("data-share-action");
      if (action === "copy" && !(navigator.clipboard && window.isSecureContext)) {
        return; // no clipboard here: the address bar is the fallback
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (action === "print") {
          window.print();
          return;
        }
        navigator.clipboard.writeText(window.location.href).then(
          function () { status.textContent = status.getAttribute("data-done"); },
          function () { status.textContent = status.getAttribute("data-failed"); }
        );
      });
    });
  });
})();
