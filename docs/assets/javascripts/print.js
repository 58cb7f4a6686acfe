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

  /** The text of the option chosen in the session bar's select (data-ap-select=name). */
  function chosen(name) {
    var s = document.querySelector('select[data-ap-select="' + name + '"]');
    var o = s && s.options[s.selectedIndex];
    return o && o.value && o.value.indexOf("new:") !== 0 ? o.text : ""; // "Choose who is answering" is nobody
  }
  /** At the top of a theme page on paper: whose answers, which round, which home. */
  function sayWhose() {
    var p = document.querySelector("[data-ap-print-whose]");
    if (!p) return;
    var values = { person: chosen("participant"), round: chosen("round"), home: chosen("home") };
    p.hidden = !values.person;
    p.textContent = p.getAttribute("data-template").replace(/\{(\w+)\}/g, function (m, k) { return values[k] || m; });
  }

  function addCopies() {
    removeCopies();
    sayWhose();
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
