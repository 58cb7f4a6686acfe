/* Care home action plan: the session bar, and the home, round and person pickers.
 *
 * A part of the page (pages/page.js). On a theme page the session bar
 * (overrides/actionplan/session-bar.html, #ap-session) says whose answers are
 * shown: the home, the round and the person or group. On a first visit it
 * makes a home and a round with the names in its markup; no person is chosen
 * for anyone (issue 22): the person pickers start at "Choose who is answering"
 * and offer the suggested roles, each once. The strip that stays in view while
 * answering (#ap-strip) says whose answers these are. "Your data" has the same
 * home picker.
 * Starting a round, adding a person and reopening a closed round are here too.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;
  var $ = C.$, $$ = C.$$, el = C.el;
  var ctx = P.ctx;

  /** A home and a round, made from the bar's words when missing. No person is
      ever made or chosen for anyone: "who is answering" is the first step. */
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
  }
  P.ensureDefaults = ensureDefaults;

  function option(value, text, attr) {
    var o = el("option", null, text);
    o.value = value;
    if (attr) o.setAttribute(attr, "");
    return o;
  }
  var fillSelect = C.fillSelect;
  /** The suggested roles no one in this home has yet, each once. */
  function freeRoles(bar, people) {
    var taken = Object.create(null), out = [];
    people.forEach(function (p) { taken[String(p.name).trim().toLowerCase()] = 1; });
    var roles = [];
    try { roles = JSON.parse(bar.getAttribute("data-roles") || "[]"); } catch (e) { roles = []; }
    roles.forEach(function (r) {
      var k = String(r).trim().toLowerCase();
      if (!taken[k]) { taken[k] = 1; out.push(r); }
    });
    return out;
  }
  /* The person pickers: "Choose who is answering" while no one is chosen and the
     people of this home; the strip's picker (data-ap-offer-roles) also offers the
     suggested roles no one has yet, and "someone else", so one choice starts answering. */
  function fillPeople(select, bar) {
    var people = ctx.participants || [];
    fillSelect(select, people, ctx.participant, function (p) { return p.name; });
    $$("option", select).forEach(function (o) { o.setAttribute("data-ap-person", ""); });
    if (!bar) return;
    if (!ctx.participant) {
      var none = option("", bar.getAttribute("data-choose-person"));
      none.selected = true;
      select.insertBefore(none, select.firstChild);
    }
    if (!select.hasAttribute("data-ap-offer-roles")) return;
    freeRoles(bar, people).forEach(function (r) { select.appendChild(option("new:" + r, r)); });
    select.appendChild(option("new:", bar.getAttribute("data-someone-else")));
  }
  function renderPickers() {
    var hs = St.homes(), bar = $("#ap-session");
    $$("[data-ap-home-picker]").forEach(function (p) { p.hidden = hs.length < 2; });
    $$('select[data-ap-select="home"]').forEach(function (s) { fillSelect(s, hs, ctx.home, function (h) { return h.name || h.id; }); });
    $$('select[data-ap-select="round"]').forEach(function (s) { fillSelect(s, ctx.rounds || [], ctx.round, C.roundText); });
    $$('select[data-ap-select="participant"]').forEach(function (s) { fillPeople(s, bar); });
    renderStrip();
  }
  /* The strip that stays in view: whose answers these are. */
  function renderStrip() {
    var strip = $("#ap-strip");
    if (!strip) return;
    var h = ctx.home && St.getHome(ctx.home), r = (ctx.rounds || []).filter(function (x) { return x.id === ctx.round; })[0];
    var where = $('[data-ap-strip="where"]', strip);
    where.textContent = C.fill(where.getAttribute("data-template"), { home: h ? (h.name || "") : "", round: r ? C.roundText(r) : "" });
    var ask = $("[data-ap-who-first]", strip);
    if (ask && ctx.participant) ask.hidden = true;
  }

  /** Someone picked "a role" or "someone else" in a person picker. */
  function pickNew(t) {
    var name = t.value.slice(4);
    if (!name) {
      // someone else: the "Add a person or group" form, with the picker put back
      renderPickers();
      var btn = $('[aria-controls="ap-new-participant"]');
      if (btn) { toggleForm(btn, true); btn.scrollIntoView({ block: "center" }); var f = $("#ap-new-participant-name"); if (f) f.focus(); }
      return;
    }
    var same = (ctx.participants || []).filter(function (p) { return String(p.name).trim().toLowerCase() === name.trim().toLowerCase(); })[0];
    ctx.participant = same ? same.id : St.createParticipant(ctx.home, name).id;
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
      if (t.value.indexOf("new:") === 0) {
        if (!ctx.home) return true;
        pickNew(t);
        if (t.value === "new:") return true;
      } else {
        ctx.participant = t.value || null;
      }
    }
    // the person being typed as was removed in another tab: what was typed is saved for the
    // person chosen now (the page said so, issue 18)
    var carry = P.hold && P.unsaved ? P.unsaved() : [];
    P.hold = null;
    // only what was chosen is kept: choosing a person does not pin the round shown
    if (which === "round") P.keepSelection({ round: ctx.round });
    if (which === "participant") P.keepSelection({ participant: ctx.participant });
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
      // a new round is filled in: its name from today's date ("December 2026"), which can be changed
      var title = form.getAttribute("data-ap-form") === "new-round" && $('input[name="title"]', form);
      if (title && !title.value) title.value = monthYear(C.today());
      if (first) first.focus();
    }
  }
  function monthYear(iso) {
    try { return new Date(iso + "T12:00:00").toLocaleDateString("en-GB", { month: "long", year: "numeric" }); } catch (e) { return iso; }
  }
  /* "Start a new round" from the review notice or the Results page (#ap-new-round):
     the form opens, filled in, where the link lands. */
  function openFromLink() {
    if (location.hash !== "#ap-new-round") return;
    var btn = $('[aria-controls="ap-new-round"]');
    if (!btn) return;
    toggleForm(btn, true);
    var form = $("#ap-new-round");
    if (form) form.scrollIntoView({ block: "center" });
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
      ctx.askPerson = true; // the person chosen last here, or no one: never the first in the list
      ensureDefaults(bar);
    },
    restore: renderPickers,
    ready: openFromLink,
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
        // issue 22: a new round starts by looking back at the actions still open
        var look = form.getAttribute("data-look-back");
        if (look && St.actionsToReview(ctx.home, r).length) {
          P.keepSelection({ round: r.id });
          location.href = look;
          return null;
        }
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
