// Samverka's only script besides htmx; every page works without it.
//
// A table region (.table-scroll) is focusable in the markup so that a keyboard user can scroll
// a table wider than the screen. Where the table fits, the extra tab stop only gets in the way,
// so it is taken out of the tab order, and put back when the window narrows.
(function () {
  "use strict";

  function update(root) {
    (root || document).querySelectorAll(".table-scroll, .gantt").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { update(); });
  window.addEventListener("resize", function () { update(); });
  // Rows and lists swapped in by htmx get the same treatment.
  document.addEventListener("htmx:afterSettle", function () { update(); });
})();
