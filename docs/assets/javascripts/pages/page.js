/* Care home action plan: what every page that keeps answers shares (window.APPage).
 *
 * Loaded on the theme pages and "Your data" (overrides/partials/ap-scripts.html),
 * before the parts of the page (session-bar.js, theme-form.js, actions.js,
 * earlier.js, download.js, your-data.js), which add themselves with
 * APPage.part({...}); pages/start.js, loaded after them, starts the page.
 *
 * It holds what the parts share: which home, round and person are shown (ctx),
 * laying the page out again from what is stored (restoreAll: each part's
 * restore, in the order they were loaded), the status line ("Saved") and the
 * notices about storage and other tabs, the text waiting to be saved (pending,
 * flushAll), and one listener per kind of event, which hands each click
 * (data-ap-do), form (data-ap-form) and change to the part that knows it.
 *
 * The HTML is the form: the parts only fill in, save and summarise the
 * controls the site already has. User text reaches the page through
 * textContent and value only. Words come from the page's own markup.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon;
  if (!St || !C) return;
  var $ = C.$, $$ = C.$$;

  var P = {
    ctx: { home: null, round: null, participant: null, theme: null },
    pending: Object.create(null), // element id -> {timer, run}: text waiting to be saved
    forceRefresh: false           // after another tab replaced everything: show what is stored now
  };
  var ctx = P.ctx;
  var parts = [];
  var clicks = Object.create(null);  // data-ap-do -> [handler(btn, what, event)]
  var forms = Object.create(null);   // data-ap-form -> handler(form, data)
  var statusTimer = null, refreshTimer = null;

  /** A part of the page: {present(), init(), ready(), restore(), change(node) -> true when
      it was the part's, input(event), wiped(), reset(), clicks: {what: fn}, forms: {kind: fn}}. */
  P.part = function (p) {
    parts.push(p);
    Object.keys(p.clicks || {}).forEach(function (what) { (clicks[what] = clicks[what] || []).push(p.clicks[what]); });
    Object.keys(p.forms || {}).forEach(function (kind) { forms[kind] = p.forms[kind]; });
  };
  function each(hook) {
    var args = Array.prototype.slice.call(arguments, 1);
    parts.forEach(function (p) { if (p[hook]) p[hook].apply(null, args); });
  }

  // ---- status: "Saved", and the alert when nothing can be kept --------------
  P.say = function (text) {
    var s = $("#ap-save-status");
    if (!s) return;
    s.textContent = text;
    // the strip that stays in view while answering keeps the last word ("Saved" or the problem)
    var strip = $('[data-ap-strip="status"]');
    if (strip && text) strip.textContent = text;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { s.textContent = ""; }, 4000);
  };
  /* Another tab deleted, replaced, undid or merged, or changed the field being typed in. */
  P.otherTab = function (kind, values) {
    $$("[data-ap-other-tab]").forEach(function (n) {
      var text = n.getAttribute("data-" + kind);
      if (!text) return;
      n.textContent = values ? C.fill(text, values) : text;
      n.hidden = false;
    });
  };
  function showStorageStatus() {
    var failing = St.isFailing();
    $$("[data-ap-storage-alert]").forEach(function (a) { a.hidden = !failing; });
  }

  // ---- which home, round and person; laying the page out again --------------
  function resolve() {
    var was = ctx.participant, before = ctx.participants || [];
    var r = C.resolveSelection(St, ctx);
    ctx.home = r.home; ctx.round = r.round; ctx.participant = r.participant;
    ctx.rounds = r.rounds; ctx.participants = r.participants;
    // the person being typed as was removed in another tab: never switch to another person
    // silently; say so, and keep what is typed until a person is chosen (issue 18)
    if (was && was !== r.participant && !r.participants.some(function (p) { return p.id === was; }) &&
        P.typingAny && P.typingAny()) {
      var gone = before.filter(function (p) { return p.id === was; })[0];
      P.hold = { name: gone ? gone.name : "" };
      P.otherTab("person-gone", P.hold);
    }
  }
  P.restoreAll = function () {
    resolve();
    each("restore");
    showStorageStatus();
  };
  /** Lay the page out again; with force, every field shows what is stored, even where someone types. */
  P.refreshAll = function (force) {
    P.forceRefresh = !!force;
    try { P.restoreAll(); } finally { P.forceRefresh = false; }
  };
  /** Keep what was chosen on the device (by default the round and the person; a
      change names only what changed), and the theme answered last (the home page's
      "carry on", issue 22). */
  P.keepSelection = function (change) {
    if (!ctx.home) return;
    change = change || { round: ctx.round, participant: ctx.participant };
    var was = St.getSelection(ctx.home), sel = {};
    ["round", "participant", "theme"].forEach(function (k) {
      var v = C.own(change, k) !== undefined ? change[k] : C.own(was, k);
      if (v !== undefined && v !== null) sel[k] = v;
    });
    St.setSelection(ctx.home, sel);
  };
  /** Another home (or none): each part empties what belonged to the last one (the actions). */
  P.reset = function () { each("reset"); };

  // ---- text waiting to be saved ----------------------------------------------
  P.dirty = function (node) { return node.id && P.pending[node.id]; };
  P.flushAll = function () {
    Object.keys(P.pending).forEach(function (k) { if (P.pending[k]) P.pending[k].run(); });
  };

  /** The button that shows and hides a form. */
  P.toggleFor = function (form) { return $('[aria-controls="' + form.id + '"]'); };

  // ---- events, each handed to the part that knows it -------------------------
  function onClick(e) {
    var btn = e.target.closest && e.target.closest("[data-ap-do]");
    if (!btn) return;
    var what = btn.getAttribute("data-ap-do");
    (clicks[what] || []).forEach(function (fn) { fn(btn, what, e); });
  }
  function onChange(e) {
    var t = e.target;
    C.dateOk(t, true);
    parts.some(function (p) { return p.change && p.change(t); });
  }
  function onInput(e) { each("input", e); }

  function onSubmit(e) {
    var form = e.target, kind = form.getAttribute && form.getAttribute("data-ap-form");
    if (!kind) return;
    e.preventDefault();
    var data = {};
    $$("input", form).forEach(function (i) { if (i.name) data[i.name] = i.value.trim(); });
    // the part does what the form asks; it returns null when there is nothing to do,
    // else {tidy(): put the form away, refresh: show every field afresh, focus(): where to}
    var done = forms[kind] ? forms[kind](form, data) : null;
    if (!done) return;
    P.keepSelection();
    if (done.tidy) done.tidy();
    P.refreshAll(done.refresh);
    P.say(form.getAttribute("data-done") || ($("#ap-save-status") || form).getAttribute("data-saved"));
    var focusTo = done.focus && done.focus();
    if (focusTo) focusTo.focus();
  }

  /* Show what is stored now. After another tab deleted, replaced or undid
     everything, fields show the new answers even where the cursor is, and a
     theme page starts a new plan if nothing is left. */
  var otherKind = null;
  function refresh() {
    var kind = otherKind;
    otherKind = null;
    var ask = ctx.askPerson;
    // words typed in the moment before another tab replaced everything: kept, put back and
    // saved where they were typed, if that is still there (issue 18)
    var typed = kind ? Object.keys(P.pending).map(function (id) {
      var node = document.getElementById(id);
      return node ? { node: node, value: node.value, job: P.pending[id] } : null;
    }).filter(Boolean) : [];
    if (kind) {
      ctx.home = ctx.round = ctx.participant = null;
      // another tab put other answers here: show them as the file has them (the strip says whose)
      ctx.askPerson = false;
      var said = $('[data-ap-strip="status"]');
      if (said) said.textContent = ""; // a "Saved" from before is not about what shows now
      P.forceRefresh = true;
      each("wiped");
    }
    try { P.restoreAll(); } finally { P.forceRefresh = false; ctx.askPerson = ask; }
    typed.forEach(function (t) { t.node.value = t.value; t.job.run(); });
    var status = $("#ap-save-status");
    if (typed.length && status && status.textContent === status.getAttribute("data-saved")) P.otherTab("kept-typing");
  }
  function onStorage(e) {
    if (e.key !== null && e.key.lastIndexOf(St.prefix, 0) !== 0) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 30);
  }
  function onOtherTab(kind) {
    P.otherTab(kind);
    if (kind !== "merged") otherKind = kind;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 60); // after the other tab's writes have all arrived
  }

  /** Called once, by pages/start.js, when every part has been loaded. */
  P.start = function () {
    try { St.migrate(); } catch (e) { /* keep going: nothing is removed by a failed migration */ }
    if (!parts.some(function (p) { return p.present && p.present(); })) return;
    try { St.checkOnce(); } catch (e) { /* keep going: a record that cannot be repaired is left as it is */ }
    St.onStatus(showStorageStatus);
    St.probe();
    each("init");
    P.restoreAll();
    each("ready");
    document.addEventListener("input", onInput);
    document.addEventListener("change", onChange);
    document.addEventListener("click", onClick);
    document.addEventListener("submit", onSubmit);
    window.addEventListener("storage", onStorage);
    St.onOtherTab(onOtherTab);
    document.addEventListener("invalid", function (e) { C.dateOk(e.target, true); }, true);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") P.flushAll(); });
    window.addEventListener("pagehide", P.flushAll);
    window.addEventListener("beforeunload", P.flushAll);
  };

  window.APPage = P;
})();
