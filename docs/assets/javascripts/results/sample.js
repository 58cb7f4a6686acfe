/* Care home action plan: the Results page, part 8 of 9 — "Load the example home":
 * content/sample-home.json (shipped as sample-home.js) put into a home of its own
 * with the fixed id, its dates counted back from today. See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, St = R.St;

  function addDays(iso, days) {
    var d = new Date(iso + "T12:00:00");
    d.setDate(d.getDate() + days);
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function loadSample() {
    var S = window.ACTION_PLAN_SAMPLE;
    if (!S) return false;
    var id = R.SAMPLE_ID, today = C.today();
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
      if (last && !fields["review-date"]) fields["review-date"] = C.addMonths(last.date, R.MONTHS);
      St.createAction(id, a.theme, fields);
    });
    St.setCurrentHome(id);
    St.setSelection(id, { round: last && last.id, participant: people.length ? people[0].id : null });
    return true;
  }

  R.loadSample = loadSample;
})();
