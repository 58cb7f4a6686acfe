/* Care home action plan: the text size control in the header (issue 13).
 *
 * Normal, large or larger. The choice is kept on this device under
 * "<base path>ap:text-size" as a JSON string ("large", "larger"; no key for
 * normal), the key the inline script in partials/ap-head.html reads before the
 * first paint, so a page never flashes at the wrong size. The styles key off
 * html[data-ap-text-size]. Words are in the header's markup.
 */
(function () {
  "use strict";

  var C = window.APCommon;
  if (!C) return;
  var $ = C.$, $$ = C.$$;
  var KEY = C.keyPrefix + "text-size"; // every page has common.js; not every page has the storage scripts
  var html = document.documentElement;

  function current() { return html.getAttribute("data-ap-text-size") || "normal"; }
  function apply(size) {
    if (size === "normal") html.removeAttribute("data-ap-text-size");
    else html.setAttribute("data-ap-text-size", size);
    try {
      if (size === "normal") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, JSON.stringify(size));
    } catch (e) { /* not kept on this device: the page still changes */ }
  }

  function init() {
    var box = $("[data-ap-textsize]");
    if (!box) return;
    var btn = $(".ap-textsize__toggle", box), panel = $(".ap-textsize__panel", box);
    var radios = $$("input[type=radio]", box);
    // the choices show the current size when the panel opens
    function sync() { radios.forEach(function (r) { r.checked = r.value === current(); }); }
    function open(show, refocus) {
      panel.hidden = !show;
      btn.setAttribute("aria-expanded", show ? "true" : "false");
      if (show) {
        sync();
        var on = radios.filter(function (r) { return r.checked; })[0] || radios[0];
        on.focus();
      } else if (refocus) {
        btn.focus();
      }
    }
    btn.addEventListener("click", function () { open(panel.hidden); });
    box.addEventListener("change", function (e) {
      if (e.target.name === "ap-text-size") apply(e.target.value);
    });
    box.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && !panel.hidden) { e.preventDefault(); e.stopPropagation(); open(false, true); }
      // Enter on a choice closes the panel, as people expect of a menu
      if (e.key === "Enter" && e.target.name === "ap-text-size") { e.preventDefault(); open(false, true); }
    });
    document.addEventListener("click", function (e) {
      if (!panel.hidden && !box.contains(e.target)) open(false, false);
    });
    box.addEventListener("focusout", function (e) {
      if (!panel.hidden && e.relatedTarget && !box.contains(e.relatedTarget)) open(false, false);
    });
    // another tab changed it
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY && e.key !== null) return;
      var v = null;
      try { v = JSON.parse(window.localStorage.getItem(KEY)); } catch (err) { v = null; }
      if (v === "large" || v === "larger") html.setAttribute("data-ap-text-size", v);
      else html.removeAttribute("data-ap-text-size");
      if (!panel.hidden) sync();
    });
  }

  C.ready(init);
})();
