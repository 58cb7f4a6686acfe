/* Care home action plan: the Results page, part 9 of 9 — drawing the whole page,
 * the page's events, and the start. See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, St = R.St, $ = C.$, $$ = C.$$, root = R.root, state = R.state, V = R.views;

  function renderScale() {
    var p = $("[data-ap-rs-scale]", root);
    if (p) p.textContent = C.fill(p.getAttribute("data-template"), { scale: R.OPTIONS.map(function (o) { return o.value + " " + o.label; }).join(", ") });
  }
  function render() {
    V.choose();
    V.report();
    var empty = !R.data.answers.length;
    R.show("no-answers", empty);
    root.classList.toggle("ap-rs--empty", empty);
    V.glance();
    V.talk();
    V.side();
    V.progress();
    V.plan();
    scrollHints();
  }
  function refresh() { R.load(); render(); }
  /** A table wider than its region says so above it ("Scroll sideways to see more"), in the page's words. */
  function scrollHints() {
    var words = root.getAttribute("data-scroll-hint");
    $$(".ap-rs-scroll[role=region]", root).forEach(function (region) {
      var hint = region.previousElementSibling;
      if (!hint || !hint.hasAttribute("data-ap-rs-scroll-hint")) {
        hint = C.el("p", "ap-rs-scroll-hint ap-no-print", words);
        hint.setAttribute("data-ap-rs-scroll-hint", "");
        hint.setAttribute("aria-hidden", "true");  // the region itself is named and can be scrolled by keyboard
        region.parentNode.insertBefore(hint, region);
      }
      hint.hidden = region.scrollWidth <= region.clientWidth + 1;
    });
  }
  var hintTimer = null;
  function laterHints() { clearTimeout(hintTimer); hintTimer = setTimeout(scrollHints, 150); }
  function say(text) {
    var s = $("[data-ap-rs-example-status]", root);
    if (s) s.textContent = text;
  }
  function focusOn(selector) { var n = $(selector, root); if (n) n.focus(); }

  // ---- events ------------------------------------------------------------------------------
  function onChange(e) {
    var t = e.target;
    var which = t.getAttribute("data-ap-rs-select");
    if (which === "home") {
      state.home = t.value;
      state.round = null; state.left = {};
      refresh();
      return;
    }
    if (which === "round") {
      state.round = t.value;
      if (R.data.home) St.setSelection(R.data.home.id, { round: t.value, participant: St.getSelection(R.data.home.id).participant });
      render();
      return;
    }
    var person = t.getAttribute("data-ap-rs-person");
    if (person) {
      if (t.checked) delete state.left[person]; else state.left[person] = 1;
      var id = t.id;
      render();
      var again = document.getElementById(id);
      if (again) again.focus();
      return;
    }
    if (t.hasAttribute("data-ap-rs-flagged-first")) { state.flaggedFirst = t.checked; V.side(); scrollHints(); return; }
    if (t.hasAttribute("data-ap-rs-status-of")) { R.saveStatus(t); return; }
    var f = t.getAttribute("data-ap-rs-filter");
    if (f) { state.filters[f] = t.type === "checkbox" ? t.checked : t.value; V.plan(); scrollHints(); }
  }
  function onClick(e) {
    var b = e.target.closest && e.target.closest("[data-ap-rs-do]");
    if (!b) return;
    var what = b.getAttribute("data-ap-rs-do"), status = $("[data-ap-rs-example-status]", root);
    if (what === "load-sample") {
      R.loadSample();
      state.round = null; state.left = {};
      refresh();
      say(R.attr(status, "data-loaded"));
      focusOn('[data-ap-rs-do="remove-sample"]');
    } else if (what === "remove-sample" || what === "cancel-remove-sample") {
      // removing asks first (issue 18)
      var box = $("[data-ap-rs-remove-confirm]", root), ask = $('[data-ap-rs-do="remove-sample"]', root);
      var open = what === "remove-sample";
      if (box) box.hidden = !open;
      if (ask) ask.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && box) box.focus(); else if (ask) ask.focus();
    } else if (what === "confirm-remove-sample") {
      // anything someone typed into it is kept in a home of its own, and said
      var kept = window.APExample ? window.APExample.remove(R.SAMPLE_ID, R.attr(status, "data-kept-name")) : (St.removeHome(R.SAMPLE_ID), null);
      var confirmBox = $("[data-ap-rs-remove-confirm]", root);
      if (confirmBox) confirmBox.hidden = true;
      if (state.home === R.SAMPLE_ID) state.home = kept ? kept.id : null;
      state.round = null; state.left = {};
      refresh();
      say(kept ? R.C.fill(R.attr(status, "data-kept"), { name: kept.name }) : R.attr(status, "data-removed"));
      focusOn('[data-ap-rs-do="load-sample"]');
    } else if (what === "clear-filters") {
      state.filters = { theme: "", status: "", lead: "", late: false };
      V.plan();
      focusOn('[data-ap-rs-filter="theme"]');
    }
  }
  var timer = null;
  function onStorage(e) {
    if (e.key !== null && e.key.lastIndexOf(St.prefix, 0) !== 0) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 50);
  }

  function init() {
    try { St.migrate(); } catch (e) { /* nothing is removed by a failed migration */ }
    renderScale();
    refresh();
    root.addEventListener("change", onChange);
    root.addEventListener("click", onClick);
    window.addEventListener("storage", onStorage);
    window.addEventListener("resize", laterHints);
    if (window.MutationObserver) {  // the "Text size" choice changes what fits
      new MutationObserver(laterHints).observe(document.documentElement, { attributes: true, attributeFilter: ["data-ap-text-size"] });
    }
    root.setAttribute("data-ap-ready", "1");
  }

  // For the tests and the benchmark: each view on its own, over the data read last.
  window.APResults = {
    load: R.load, render: render, refresh: refresh, loadSample: R.loadSample,
    forget: function () { if (R.data) R.data.cache = Object.create(null); },
    views: { glance: V.glance, talk: V.talk, side: V.side, progress: V.progress, plan: V.plan }
  };

  C.ready(init);
})();
