/* Printing (issue 5). A classic script: no modules, no inline handlers.
 *
 * - Prints on a click of a print button ([data-ap-print]). The buttons show only
 *   with JavaScript (.ap-js-only, decided before the first paint); without it
 *   the browser's own Print still works.
 * - Filled-in printing: a textarea prints only its visible rows, so just
 *   before printing each note's text is copied, with textContent, into a
 *   print-only copy beside it (an empty note gets ruled lines to write on).
 *   The copies are removed after printing. Radios need nothing: the print
 *   stylesheet shows a checked one as a ticked box.
 */
(function () {
  "use strict";

  var COPY = "ap-print-copy";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function showButtons() {
    each("[data-ap-print]", function (button) {
      if (button.getAttribute("data-ap-print-ready")) return;
      button.setAttribute("data-ap-print-ready", "1");
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function removeCopies() {
    each("." + COPY, function (el) { el.parentNode.removeChild(el); });
  }

  function addCopies() {
    removeCopies();
    each("textarea", function (area) {
      var copy = document.createElement("div");
      copy.className = COPY;
      copy.setAttribute("aria-hidden", "true");
      var text = area.value.replace(/\s+$/, "");
      if (text) {
        copy.classList.add(COPY + "--filled");
        copy.textContent = text;
      } else {
        var rows = Math.max(1, Math.min(parseInt(area.getAttribute("rows"), 10) || 2, 8));
        for (var i = 0; i < rows; i += 1) {
          var line = document.createElement("div");
          line.className = COPY + "__line";
          copy.appendChild(line);
        }
      }
      area.parentNode.insertBefore(copy, area.nextSibling);
    });
    document.documentElement.classList.add("ap-printing");
  }

  function done() {
    removeCopies();
    document.documentElement.classList.remove("ap-printing");
  }

  window.addEventListener("beforeprint", addCopies);
  window.addEventListener("afterprint", done);
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    var onChange = function (event) { if (event.matches) addCopies(); };
    if (query.addEventListener) query.addEventListener("change", onChange);
  }

  // Expose for tests and for other scripts that print (no globals beyond this one).
  window.ActionPlanPrint = { prepare: addCopies, finish: done };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
