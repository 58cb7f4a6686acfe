/* Care home action plan: the theme form, restored from and saved to the device.
 *
 * A part of the page (pages/page.js), on the theme pages. It fills the
 * questions (#ap-questions: a rating and notes per question) and the theme's
 * notes (#ap-theme-notes) with the answers of the home, round and person
 * chosen in the session bar, and saves each field as it changes: a choice at
 * once, typed text a moment after the last key press (and on leaving the
 * page). The status line says "Saved", or why not.
 *
 * Two tabs: a field someone is typing in keeps their words when another tab
 * changes it, and the page tells them (setText).
 *
 * Other parts of the form add their own kind of field with APPage.fieldKind
 * (actions.js: the action plan), so one saver serves the whole form.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;
  var $ = C.$, $$ = C.$$;
  var ctx = P.ctx;
  var TEXT_DELAY = 600; // ms after the last key press before text is saved

  // ---- a field someone is typing in keeps their words -------------------------
  var known = new WeakMap();   // field -> the stored text this page last showed or saved
  var typedAt = new WeakMap(); // field -> when someone last typed in it
  function typing(node) {
    return P.dirty(node) || (document.activeElement === node && Date.now() - (typedAt.get(node) || 0) < 60000);
  }
  /** Show stored text in a field, unless someone is typing there (then keep theirs). */
  P.setText = function (node, value) {
    if (!P.forceRefresh && typing(node)) {
      // someone is typing here: keep their words; say so if another tab changed this field
      var was = known.get(node);
      if (was !== undefined && value !== was && value !== node.value && !P.hold) P.otherTab("conflict");
      known.set(node, value);
      return;
    }
    known.set(node, value);
    if (node.value !== value) node.value = value;
  };

  // ---- restoring the form ---------------------------------------------------
  function restoreQuestions() {
    var form = $("#ap-questions");
    if (!form || !ctx.home) return;
    var open = St.isRoundOpen(ctx.home, ctx.round, ctx.rounds);
    $$("[data-ap-question]", form).forEach(function (fs) {
      var qid = fs.getAttribute("data-ap-question");
      var a = ctx.round && ctx.participant ? St.getAnswer(ctx.home, ctx.round, ctx.participant, qid) : null;
      var rating = a && a.rating ? String(a.rating) : "";
      var notes = (a && a.notes) || {};
      var radios = $$("input[type=radio][data-ap-field]", fs);
      radios.forEach(function (r) { r.checked = r.value === rating; r.disabled = !open; });
      // a rating this version does not know (a newer version's): kept as it is, and said (issue 18)
      var unknown = $("[data-ap-unknown-rating]", fs), strange = !!rating && !radios.some(function (r) { return r.value === rating; });
      if (unknown) {
        unknown.hidden = !strange;
        unknown.textContent = strange ? C.fill(unknown.getAttribute("data-template"), { value: rating }) : "";
      }
      $$("textarea[data-ap-field]", fs).forEach(function (t) { P.setText(t, C.own(notes, t.getAttribute("data-ap-field")) || ""); t.disabled = !open; });
    });
    var tn = $("#ap-theme-notes");
    if (tn) {
      var notes = ctx.round ? St.getThemeNotes(ctx.home, ctx.round, ctx.theme) : {};
      $$("[data-ap-field]", tn).forEach(function (t) { P.setText(t, C.own(notes, t.getAttribute("data-ap-field")) || ""); t.disabled = !open; });
    }
    $$("[data-ap-readonly]").forEach(function (n) { n.hidden = open; });
    if (ctx.participant) applyHeld();
  }

  // ---- no one chosen yet: ask who is answering, and hold what they gave --------
  /* A rating tapped (or a note typed) before anyone is chosen is saved as no
     one: the strip asks who is answering, and once they choose, what they gave
     is saved as them, unless they already had an answer there (never overwritten). */
  var held = Object.create(null); // element id -> the field, waiting for a person
  function hold(node) {
    held[node.type === "radio" ? node.name : node.id] = node;
    // the strip (in view while answering) asks; focus stays where it is, so the arrow
    // keys still move through the choices
    var ask = $("[data-ap-who-first]"), said = $('[data-ap-strip="status"]');
    if (ask) { ask.hidden = false; P.say(ask.textContent); } // never a "Saved" left from before
    if (said) said.textContent = "";
  }
  function applyHeld() {
    var nodes = Object.keys(held).map(function (k) { return held[k]; });
    held = Object.create(null);
    nodes.forEach(function (node) {
      var info = fieldInfo(node);
      if (!info || !info.qid) return;
      var a = St.getAnswer(ctx.home, ctx.round, ctx.participant, info.qid);
      if (node.type === "radio") {
        var value = node.value;
        if (a && a.rating) return; // theirs already: shown as it is
        $$('input[type=radio][name="' + node.name + '"]').forEach(function (r) { r.checked = r.value === value; });
      } else {
        var typed = node.getAttribute("data-ap-held");
        node.removeAttribute("data-ap-held");
        if (!typed || (a && a.notes && C.own(a.notes, info.field))) return; // theirs already: kept
        node.value = typed;
      }
      save(node, info, { home: ctx.home, round: ctx.round, participant: ctx.participant });
    });
  }
  function needsAsking(node, info) {
    return info && info.type.needsPerson && ctx.home && !ctx.participant;
  }

  // ---- the kinds of field, and saving one -----------------------------------
  /** Nothing was saved and there is nothing to say (a closed round, no person). */
  var SKIP = P.SKIP = {};
  var kinds = [];
  /** A kind of field: {kind, match(node, field) -> info or null, save(node, info, snap, value)
      -> true, false or SKIP, needsRound, needsPerson}. Asked in the order they were added. */
  P.fieldKind = function (k) { kinds.push(k); };
  function fieldInfo(node) {
    if (!node || !node.getAttribute || !node.getAttribute("data-ap-field")) return null;
    var field = node.getAttribute("data-ap-field");
    for (var i = 0; i < kinds.length; i++) {
      var info = kinds[i].match(node, field);
      if (info) { info.type = kinds[i]; return info; }
    }
    return null;
  }

  function saved(ok, node) {
    var s = $("#ap-save-status");
    if (!s) return;
    var full = ok && node && node.maxLength > 0 && node.value.length >= node.maxLength;
    P.say(ok && !St.isFailing() ? s.getAttribute(full ? "data-full" : "data-saved") : s.getAttribute("data-failed"));
  }
  function save(node, info, snap) {
    if (!snap.home) return;
    if (P.isExample && P.isExample(snap.home)) return; // the example home is for looking (issue 18)
    if (P.hold && info.type.needsPerson) { // the person was removed in another tab: not saved, and said
      P.otherTab("person-gone", { name: P.hold.name });
      return;
    }
    var value = node.type === "radio" ? (node.checked ? node.value : "") : node.value;
    var status = $("#ap-save-status");
    if (!C.dateOk(node)) return; // not a real date: not stored, and the field's own message says why
    // the home, round or person was deleted or replaced in another tab: say so, never "Saved"
    if (!St.getHome(snap.home) || (info.type.needsRound && !St.getRound(snap.home, snap.round)) ||
        (info.type.needsPerson && !St.getParticipant(snap.home, snap.participant))) {
      if (status) P.say(status.getAttribute("data-gone"));
      return;
    }
    if (node.type !== "radio") known.set(node, value);
    var ok = info.type.save(node, info, snap, value);
    if (ok !== SKIP) saved(ok, node);
    // the theme answered last, for the home page's "carry on" (issue 22)
    if (ok === true && ctx.theme && St.getSelection(snap.home).theme !== ctx.theme) P.keepSelection({ theme: ctx.theme });
  }
  function schedule(node, info) {
    var key = node.id, snap = { home: ctx.home, round: ctx.round, participant: ctx.participant };
    if (P.pending[key]) clearTimeout(P.pending[key].timer);
    var job = {
      run: function () {
        clearTimeout(job.timer);
        if (P.pending[key] === job) delete P.pending[key];
        save(node, info, snap);
      }
    };
    job.timer = setTimeout(job.run, TEXT_DELAY);
    P.pending[key] = job;
  }
  /** Any field of the form someone is typing in now. */
  P.typingAny = function () {
    return $$("#ap-questions textarea[data-ap-field], #ap-theme-notes [data-ap-field]").some(typing);
  };
  /** The text typed and not saved (another tab removed the person): [{node, value}]. */
  P.unsaved = function () {
    return $$("#ap-questions textarea[data-ap-field], #ap-theme-notes [data-ap-field]").filter(function (n) {
      return n.value !== (known.get(n) || "");
    }).map(function (n) { return { node: n, value: n.value }; });
  };
  P.saveNow = function (node) {
    var info = fieldInfo(node);
    if (info) save(node, info, { home: ctx.home, round: ctx.round, participant: ctx.participant });
  };
  function immediate(node) {
    return node.type === "radio" || node.type === "date" || node.tagName === "SELECT";
  }

  // the questions: a rating and notes per question, for one person in one round
  P.fieldKind({
    kind: "q", needsRound: true, needsPerson: true,
    match: function (node, field) {
      var q = node.closest("[data-ap-question]");
      return q && node.closest("#ap-questions") ? { qid: q.getAttribute("data-ap-question"), field: field } : null;
    },
    save: function (node, info, snap, value) {
      if (!snap.round || !snap.participant || !St.isRoundOpen(snap.home, snap.round)) return SKIP;
      return St.setAnswerField(snap.home, snap.round, snap.participant, info.qid, ctx.theme, info.field, value);
    }
  });
  // the theme's notes: one set per round
  P.fieldKind({
    kind: "t", needsRound: true,
    match: function (node, field) { return node.closest("#ap-theme-notes") ? { field: field } : null; },
    save: function (node, info, snap, value) {
      if (!snap.round || !St.isRoundOpen(snap.home, snap.round)) return SKIP;
      return St.setThemeNote(snap.home, snap.round, ctx.theme, info.field, value);
    }
  });

  P.part({
    restore: restoreQuestions,
    input: function (e) {
      typedAt.set(e.target, Date.now());
      var info = fieldInfo(e.target);
      if (!info || immediate(e.target)) return;
      if (needsAsking(e.target, info)) {
        e.target.setAttribute("data-ap-held", e.target.value);
        if (!held[e.target.id]) hold(e.target);
        return;
      }
      schedule(e.target, info);
    },
    change: function (t) {
      var info = fieldInfo(t);
      if (!info) return false;
      if (needsAsking(t, info)) {
        if (t.type === "radio") hold(t);
        return true;
      }
      if (P.pending[t.id]) P.pending[t.id].run();
      else if (immediate(t)) save(t, info, { home: ctx.home, round: ctx.round, participant: ctx.participant });
      return true;
    }
  });
})();
