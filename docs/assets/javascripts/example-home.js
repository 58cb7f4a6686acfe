/* Care home action plan: the example home (window.APExample), for the Results page.
 *
 * The example home is for looking, not for answering (issue 18). It is loaded
 * from content/sample-home.json (assets/javascripts/sample-home.js) into a home
 * of its own with a fixed id, and it never becomes the home the device has
 * chosen: the theme pages stay on the user's own home. Removing it keeps
 * anything a person typed into it (earlier versions of the site let them) in a
 * new home of its own. Words come from the page's markup; storage is APStore's.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon;
  if (!St || !C) return;

  function addDays(iso, days) {
    var d = new Date(iso + "T12:00:00");
    d.setDate(d.getDate() + days);
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function sample() { return window.ACTION_PLAN_SAMPLE || null; }
  /** Put the device's chosen home back as it was (creating a home makes it the chosen one). */
  function keepChoice(before, fn) {
    var out = fn();
    if (before) St.setCurrentHome(before.id);
    return out;
  }

  /** Load the example into the home ``id`` (any earlier copy is replaced). Returns
      {round, participant} to show first, or null when there is no example. */
  function load(id, months) {
    var S = sample();
    if (!S) return null;
    var before = St.currentHome(), today = C.today();
    if (before && before.id === id) before = null;
    return keepChoice(before, function () {
      if (St.getHome(id)) St.removeHome(id);
      St.createHome(S.name, id);
      var people = S.people.map(function (name) {
        // people are listed in the order they were added (to the millisecond): keep the file's order
        var t = Date.now();
        while (Date.now() === t) { /* wait for the next millisecond */ }
        return St.createParticipant(id, name);
      });
      var last = null;
      S.rounds.forEach(function (r) {
        var round = St.createRound(id, { title: r.title, date: C.addMonths(today, -r.months_ago), home: S.name });
        last = round;
        Object.keys(r.answers || {}).forEach(function (qid) {
          var ans = r.answers[qid], theme = C.q.theme[qid];
          (ans.ratings || []).forEach(function (v, i) {
            if (v !== null && v !== undefined) St.setAnswerField(id, round.id, people[i].id, qid, theme, "rating", String(v));
          });
          Object.keys(ans.notes || {}).forEach(function (name) {
            var who = people[S.people.indexOf(name)];
            if (!who) return;
            Object.keys(ans.notes[name]).forEach(function (k) { St.setAnswerField(id, round.id, who.id, qid, theme, k, ans.notes[name][k]); });
          });
        });
        Object.keys(r.theme_notes || {}).forEach(function (t) {  // the main points for each theme
          Object.keys(r.theme_notes[t]).forEach(function (k) { St.setThemeNote(id, round.id, t, k, r.theme_notes[t][k]); });
        });
      });
      (S.actions || []).forEach(function (a) {
        var fields = {};
        Object.keys(a.fields || {}).forEach(function (k) { fields[k] = a.fields[k]; });
        if (typeof a.by_when_days === "number") fields["by-when"] = addDays(today, a.by_when_days);
        if (last && !fields["review-date"]) fields["review-date"] = C.addMonths(last.date, months);
        St.createAction(id, a.theme, fields);
      });
      var sel = { round: last && last.id, participant: people.length ? people[0].id : null };
      St.setSelection(id, sel);
      return sel;
    });
  }

  function sameNotes(a, b) {
    a = a || {}; b = b || {};
    var ka = Object.keys(a).filter(function (k) { return a[k]; }), kb = Object.keys(b).filter(function (k) { return b[k]; });
    return ka.length === kb.length && ka.every(function (k) { return a[k] === b[k]; });
  }
  var DATES = { "by-when": 1, "review-date": 1 }; // worked out from the day it was loaded
  function sameAction(a, s) {
    if (a.theme !== s.theme) return false;
    var f = a.fields || {}, g = s.fields || {};
    var keys = Object.keys(f).concat(Object.keys(g)).filter(function (k) { return !DATES[k]; });
    return keys.every(function (k) { return (f[k] || "") === (g[k] || ""); });
  }

  /** What a person typed into the example home: {answers, notes, actions}, each as stored,
      with the rounds and people they belong to. Everything the example file holds is left out. */
  function typed(id) {
    var S = sample() || { people: [], rounds: [], actions: [] };
    var round = Object.create(null), person = Object.create(null), byTitle = Object.create(null);
    St.rounds(id).forEach(function (r) { round[r.id] = r; });
    St.participants(id).forEach(function (p) { person[p.id] = p; });
    S.rounds.forEach(function (r) { byTitle[r.title] = r; });
    var answers = St.allAnswers(id).filter(function (a) {
      var r = round[a.round], p = person[a.participant];
      var sr = r && byTitle[r.title], i = p ? S.people.indexOf(p.name) : -1;
      var want = sr && i >= 0 ? (sr.answers || {})[a.question] : null;
      if (!want) return true;
      var rating = (want.ratings || [])[i];
      rating = rating === null || rating === undefined ? null : String(rating);
      return (a.rating || null) !== rating || !sameNotes(a.notes, (want.notes || {})[p.name]);
    });
    var notes = [];
    St.rounds(id).forEach(function (r) {
      ((C.q.set && C.q.set.themes) || []).forEach(function (t) {
        var n = St.getThemeNotes(id, r.id, t.id), sr = byTitle[r.title];
        var want = sr && sr.theme_notes ? sr.theme_notes[t.id] : null;
        if (Object.keys(n).length && !sameNotes(n, want)) notes.push({ round: r.id, theme: t.id, notes: n });
      });
    });
    var actions = St.actions(id).filter(function (a) {
      return !(S.actions || []).some(function (s) { return sameAction(a, s); });
    });
    return { answers: answers, notes: notes, actions: actions, rounds: round, people: person };
  }

  /** Copy what was typed into a new home called ``name``; returns the new home, or null if nothing was typed. */
  function keepTyped(id, name) {
    var t = typed(id);
    if (!t.answers.length && !t.notes.length && !t.actions.length) return null;
    var before = St.currentHome();
    if (before && before.id === id) before = null;
    return keepChoice(before, function () {
      var h = St.createHome(name), rmap = Object.create(null), pmap = Object.create(null);
      function roundFor(rid) {
        if (!rmap[rid]) {
          var r = t.rounds[rid] || { title: rid, date: C.today() };
          rmap[rid] = St.createRound(h.id, { title: r.title, date: r.date, home: r.home || "" }).id;
        }
        return rmap[rid];
      }
      function personFor(pid) {
        if (!pmap[pid]) pmap[pid] = St.createParticipant(h.id, (t.people[pid] || { name: pid }).name).id;
        return pmap[pid];
      }
      t.answers.forEach(function (a) {
        var r = roundFor(a.round), p = personFor(a.participant), theme = a.theme || C.q.theme[a.question] || "";
        if (a.rating) St.setAnswerField(h.id, r, p, a.question, theme, "rating", a.rating);
        Object.keys(a.notes).forEach(function (k) { St.setAnswerField(h.id, r, p, a.question, theme, k, a.notes[k]); });
      });
      t.notes.forEach(function (n) {
        var r = roundFor(n.round);
        Object.keys(n.notes).forEach(function (k) { St.setThemeNote(h.id, r, n.theme, k, n.notes[k]); });
      });
      t.actions.forEach(function (a) { St.createAction(h.id, a.theme, a.fields || {}); });
      return h;
    });
  }

  /** Remove the example home. Anything typed into it goes first into a new home
      called ``name`` (returned), so nothing a person wrote is lost. */
  function remove(id, name) {
    var kept = keepTyped(id, name);
    var before = St.currentHome();
    St.removeHome(id);
    if (before && before.id !== id) St.setCurrentHome(before.id);
    return kept;
  }

  window.APExample = { load: load, typed: typed, remove: remove };
})();
