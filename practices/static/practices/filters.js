// The filters are a <details>: collapsed on small screens so the first result is in view,
// open on wide screens where they sit beside the results. Without JavaScript they open when
// a filter is active, and one click opens them otherwise.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 56rem)").matches) return;
  document.querySelectorAll("details[data-filters]").forEach(function (details) {
    details.open = true;
  });
})();
