/* Care home action plan: the Results page, part 1 of 9 — what every part shares
 * (window.APRs).
 *
 * The Results page is drawn by the scripts in this folder, one job each, loaded
 * in order by overrides/results.html: page.js (this: the data read from the
 * store, the chosen round and people, small helpers), choose.js, glance.js,
 * side.js, chart.js, progress.js, plan.js, sample.js and main.js (events and
 * start). The page's structure and every word are in its markup
 * (overrides/actionplan/results-body.html, from content/results.yml): the
 * scripts fill in numbers, names and answers, with textContent only. The
 * figures are the pure functions of figures.js (window.APFigures).
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, F = window.APFigures;
  var root = C && C.$("[data-ap-results]");
  if (!St || !C || !F || !root) return;

  var QS = C.q.set || {};
  var OPTIONS = (QS.rating && QS.rating.options) || [];
  var FIELDS = {};
  (QS.action_fields || []).forEach(function (f) { FIELDS[f.id] = f; });
  var STATUS_OPTIONS = (FIELDS.status && FIELDS.status.options) || [];
  var STATUSES = STATUS_OPTIONS.map(function (o) { return o.value; });
  var STATUS_LABEL = Object.create(null);
  STATUS_OPTIONS.forEach(function (o) { STATUS_LABEL[o.value] = o.label; });
  // a retired status keeps its old words (issue 18)
  C.q.retiredList("status").forEach(function (r) { if (!STATUS_LABEL[r.value]) STATUS_LABEL[r.value] = r.label; });

  // the look back's outcomes in words, for the action plan (issue 22)
  var OUTCOME = Object.create(null);
  (QS.look_back || []).forEach(function (o) { OUTCOME[o.value] = o.short; });

  var R = {
    OUTCOME: OUTCOME,
    St: St, C: C, F: F, root: root,
    OPTIONS: OPTIONS,
    SCALE: F.scaleOf(OPTIONS, C.q.retiredList("rating")),  // a retired point counts as content says (issue 18)
    LOW: OPTIONS.length ? Number(OPTIONS[0].value) : 1,
    HIGH: OPTIONS.length ? Number(OPTIONS[OPTIONS.length - 1].value) : 4,
    THEMES: (QS.themes || []).map(function (t) {
      return { id: t.id, title: t.title, questions: (t.questions || []).map(function (q) { return q.id; }) };
    }),
    STATUSES: STATUSES,
    STATUS_LABEL: STATUS_LABEL,
    DONE: STATUSES.length ? STATUSES[STATUSES.length - 1] : "done",
    STOPPED: F.stoppedValues(QS.look_back, STATUSES[STATUSES.length - 1]), // the statuses of a stopped action (issue 22)
    COUNTS_AS: F.statusCountsAs(QS.retired_values), // a retired status counts as a current one (issue 18)
    SAMPLE_ID: root.getAttribute("data-sample-id"),
    MONTHS: parseInt(root.getAttribute("data-review-months"), 10) || 3,
    data: null,  // what was read from the store: {homes, home, rounds, participants, answers, actions, byRound, cache}
    state: { home: null, round: null, left: {}, flaggedFirst: false, filters: { theme: "", status: "", lead: "", late: false } },
    views: {}    // name -> function drawing one part of the page (filled in by the other scripts)
  };
  window.APRs = R;

  R.isCurrent = function (q) { return !!C.q.current[q]; };

  // ---- reading ------------------------------------------------------------------
  R.load = function () {
    // the home shown is this page's own choice (state.home): choosing one here, or loading the
    // example, never changes the home the theme pages are on (issue 18)
    var sel = C.resolveSelection(St, { home: R.state.home });
    var home = sel.home ? St.getHome(sel.home) : null;
    var data = R.data = {
      homes: St.homes(),
      home: home,
      rounds: sel.rounds,
      participants: sel.participants,
      answers: home ? St.allAnswers(home.id) : [],
      actions: home ? St.actions(home.id) : [],
      byRound: Object.create(null),  // round id -> its answers
      cache: Object.create(null)     // round + people -> the answers indexed by question
    };
    data.answers.forEach(function (a) { (data.byRound[a.round] || (data.byRound[a.round] = [])).push(a); });
    if (!R.state.round || !sel.rounds.some(function (r) { return r.id === R.state.round; })) R.state.round = sel.round;
    return data;
  };
  /** The chosen round's answers from the people given, by question (kept until the next change). */
  R.roundAnswers = function (ids) {
    var key = R.state.round + "|" + ids.join(",");
    return R.data.cache[key] || (R.data.cache[key] = F.byQuestion(R.data.byRound[R.state.round] || [], R.state.round, ids, R.isCurrent));
  };
  R.included = function () {
    return R.data.participants.filter(function (p) { return !R.state.left[p.id]; });
  };
  /** The included people who answered anything in the chosen round. */
  R.tookPart = function () {
    var seen = {};
    (R.data.byRound[R.state.round] || []).forEach(function (a) { seen[a.participant] = 1; });
    return R.included().filter(function (p) { return seen[p.id]; });
  };
  R.roundIndex = function () {
    for (var i = 0; i < R.data.rounds.length; i++) if (R.data.rounds[i].id === R.state.round) return i;
    return -1;
  };
  R.currentRound = function () { var i = R.roundIndex(); return i < 0 ? null : R.data.rounds[i]; };

  // ---- small helpers ----------------------------------------------------------------
  R.attr = function (node, name) { return (node && node.getAttribute(name)) || ""; };
  R.themeHref = function (t) { return C.fill(root.getAttribute("data-theme-href"), { theme: t }); };
  R.questionHref = function (t, q) { return C.fill(root.getAttribute("data-question-href"), { theme: t, question: q }); };
  R.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  R.link = function (href, text) { var a = C.el("a", null, text); a.href = href; return a; };
  R.th = function (scope, text) { var h = C.el("th", null, text); h.scope = scope; return h; };
  /** Show or hide the notes of one kind ("no-answers", "one-round"...). */
  R.show = function (name, on) { C.$$('[data-ap-rs-empty="' + name + '"]', root).forEach(function (n) { n.hidden = !on; }); };
  R.ratingWords = function (value) {
    var n = F.num(value, R.SCALE), label = C.q.ratingLabel[value] || value;
    return n === null ? label : n + " " + label;
  };
  R.fillSelect = C.fillSelect; // the one in common.js, shared with the session bar and the reports
})();
