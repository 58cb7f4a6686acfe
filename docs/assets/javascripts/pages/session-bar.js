/* Care home action plan: the session bar, and the home, round and person pickers.
 *
 * A part of the page (pages/page.js). On a theme page the session bar
 * (overrides/actionplan/session-bar.html, #ap-session) says whose answers are
 * shown: the home, the round and the person or group. On a first visit it
 * makes a home, a round and a person with the names in its markup, so the
 * form can be answered at once. "Your data" has the same home picker.
 * Starting a round, adding a person and reopening a closed round are here too.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;
  var $ = C.$, $$ = C.$$, el = C.el;
  var ctx = P.ctx;

  /** A home, a round and a person to answer as, made from the bar's words when missing. */
  function ensureDefaults(bar) {
    var h = St.currentHome(), example = bar.getAttribute("data-example-home");
    if (h && example && h.id === example) {
      // the example home is for looking (issue 18): a theme page opens on the user's own home
      h = St.homes().filter(function (x) { return x.id !== example; })[0] || null;
      if (h) St.setCurrentHome(h.id);
    }
    if (!h) h = St.createHome(bar.getAttribute("data-default-home"));
    ctx.home = h.id;
    if (!St.rounds(h.id).length) St.createRound(h.id, { title: bar.getAttribute("data-default-round"), date: C.today(), home: "" });
    if (!St.participants(h.id).length) St.createParticipant(h.id, bar.getAttribute("data-default-participant"));
  }
  P.ensureDefaults = ensureDefaults;

  var fillSelect = C.fillSelect;
  function renderPickers() {
    var hs = St.homes();
    $$("[data-ap-home-picker]").forEach(function (p) { p.hidden = hs.length < 2; });
    $$('select[data-ap-select="home"]').forEach(function (s) { fillSelect(s, hs, ctx.home, function (h) { return h.name || h.id; }); });
    $$('select[data-ap-select="round"]').forEach(function (s) { fillSelect(s, ctx.rounds || [], ctx.round, C.roundText); });
    $$('select[data-ap-select="participant"]').forEach(function (s) { fillSelect(s, ctx.participants || [], ctx.participant, function (p) { return p.name; }); });
  }

  /** Another home, round or person chosen: every field shows theirs. */
  function pick(t) {
    var which = t.getAttribute && t.getAttribute("data-ap-select");
    if (!which) return false;
    P.flushAll();
    if (which === "home") {
      ctx.home = t.value; ctx.round = ctx.participant = null;
      St.setCurrentHome(t.value);
      P.reset();
    } else if (which === "round") {
      ctx.round = t.value;
    } else if (which === "participant") {
      ctx.participant = t.value;
    }
    // the person being typed as was removed in another tab: what was typed is saved for the
    // person chosen now (the page said so, issue 18)
    var carry = P.hold && P.unsaved ? P.unsaved() : [];
    P.hold = null;
    if (ctx.home && which !== "home") St.setSelection(ctx.home, { round: ctx.round, participant: ctx.participant });
    P.refreshAll(true);
    if (which === "participant") carry.forEach(function (c) { c.node.value = c.value; P.saveNow(c.node); });
    return true;
  }

  // ---- the "Start a new round" and "Add a person or group" forms -------------
  function toggleForm(btn, show) {
    var form = document.getElementById(btn.getAttribute("aria-controls"));
    if (!form) return;
    if (show === undefined) show = form.hidden;
    form.hidden = !show;
    btn.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) {
      var first = $("input:not([type=hidden]), select, textarea, button", form);
      var date = $('input[type="date"]', form);
      if (date && !date.value) date.value = C.today();
      if (first) first.focus();
    }
  }
  function putAway(form) {
    return function () {
      form.reset();
      form.hidden = true;
      var t = P.toggleFor(form);
      if (t) t.setAttribute("aria-expanded", "false");
    };
  }

  P.part({
    present: function () { return !!$("#ap-session"); },
    init: function () {
      var bar = $("#ap-session");
      if (!bar) return;
      ctx.theme = bar.getAttribute("data-ap-theme");
      ensureDefaults(bar);
    },
    restore: renderPickers,
    // after another tab deleted or replaced everything: a theme page starts a new plan
    wiped: function () {
      var bar = $("#ap-session");
      if (bar && !St.currentHome()) ensureDefaults(bar);
    },
    change: pick,
    clicks: {
      "toggle": function (btn) { toggleForm(btn); },
      "cancel": function (btn) {
        var f = btn.closest("form");
        if (f) { f.hidden = true; var t = P.toggleFor(f); if (t) { t.setAttribute("aria-expanded", "false"); t.focus(); } }
      },
      "reopen-round": function () {
        St.updateRound(ctx.home, ctx.round, { reopened: true });
        P.restoreAll();
      }
    },
    forms: {
      "new-round": function (form, data) {
        if (!ctx.home) return null;
        var dateInput = $('input[type="date"]', form);
        if (dateInput && !C.dateOk(dateInput, true)) { dateInput.focus(); return null; }
        if (!data.title) return null;
        P.flushAll();
        var r = St.createRound(ctx.home, data);
        if (!r) return null;
        ctx.round = r.id;
        return { tidy: putAway(form), refresh: true, focus: function () { return $("#ap-round"); } };
      },
      "new-participant": function (form, data) {
        if (!ctx.home || !data.name) return null;
        P.flushAll();
        var p = St.createParticipant(ctx.home, data.name);
        ctx.participant = p.id;
        return { tidy: putAway(form), refresh: true, focus: function () { return $("#ap-participant"); } };
      }
    }
  });
})();
