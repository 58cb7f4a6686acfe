/* Care home action plan: the start of the home page (issue 22).
 *
 * The buttons, the themes and every word are in the page's markup
 * (overrides/partials/ap-start.html, words from content/toolkit.yml "start").
 * This fills in where a returning user left off (the home, the round, the
 * person, the last theme answered and how many themes have answers this
 * round), points "Answer a theme" and "Carry on" at the right theme, shows
 * each theme's state and last round's home average, and offers the example
 * home only while nothing is saved. The figures are figures.js's.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, F = window.APFigures;
  if (!St || !C || !F) return;
  var $ = C.$, $$ = C.$$;

  /** The themes of the question set that have an answer (a rating or a note) in a round: {themeId: 1}. */
  function themesAnswered(answers, round) {
    var out = Object.create(null);
    answers.forEach(function (a) {
      var t = C.q.theme[a.question];
      if (a.round === round && t && C.q.current[a.question] && (a.rating || Object.keys(a.notes || {}).length)) out[t] = 1;
    });
    return out;
  }
  function linkTo(a, theme) {
    var href = a.getAttribute("href") || "";
    a.setAttribute("href", href.replace(/themes\/[^\/#]+\.html/, "themes/" + theme + ".html"));
  }

  function update() {
    var box = $("[data-ap-start]");
    if (!box) return;
    var h = St.currentHome();
    var homes = St.homes().filter(function (x) { return x.id !== "example-home"; });
    $$("[data-ap-start-example]", box).forEach(function (n) { n.hidden = homes.length > 0; });
    var back = $("[data-ap-start-back]", box), list = $("[data-ap-start-themes]", box);
    // the example home is for looking, not answering: it is never where you left off
    if (!h || h.id === "example-home") h = homes[0] || null;
    var rounds = h ? St.rounds(h.id) : [];
    if (!h || !rounds.length) { back.hidden = true; list.hidden = true; return; }
    var sel = St.getSelection(h.id);
    var round = rounds.filter(function (r) { return r.id === sel.round; })[0] || rounds[rounds.length - 1];
    var person = sel.participant && St.getParticipant(h.id, sel.participant);
    var answers = St.allAnswers(h.id);
    var done = themesAnswered(answers, round.id);
    var themes = (C.q.set.themes || []);
    var count = themes.filter(function (t) { return done[t.id]; }).length;
    var last = sel.theme && C.q.themeTitle[sel.theme] ? sel.theme : null;
    var next = themes.filter(function (t) { return !done[t.id]; })[0];
    var carryTo = last || (next && next.id) || (themes[0] && themes[0].id);

    $("[data-ap-start-where]", back).textContent = C.fill(box.getAttribute(person ? "data-welcome" : "data-welcome-nobody"),
      { home: h.name || "", round: C.roundText(round), person: person ? person.name : "" });
    var lastP = $("[data-ap-start-last]", back);
    lastP.hidden = !last;
    lastP.textContent = last ? C.fill(box.getAttribute("data-last-theme"), { theme: C.q.themeTitle[last] }) : "";
    $("[data-ap-start-progress]", back).textContent = C.fill(box.getAttribute("data-progress"), { count: count, total: themes.length });
    var carry = $("[data-ap-start-carry]", back);
    carry.textContent = C.fill(box.getAttribute("data-carry-on"), { theme: C.q.themeTitle[carryTo] || "" });
    linkTo(carry, carryTo);
    $$("[data-ap-start-answer]", box).forEach(function (a) { if (next) linkTo(a, next.id); });
    back.hidden = false;

    // each theme: answered this round or not, and last round's home average (where you started)
    var i = rounds.indexOf(round), prevRound = i > 0 ? rounds[i - 1] : null;
    var scale = F.scaleOf((C.q.set.rating && C.q.set.rating.options) || []);
    var shape = themes.map(function (t) { return { id: t.id, questions: (t.questions || []).map(function (q) { return q.id; }) }; });
    var prog = prevRound ? F.progress(answers, [prevRound], shape, null, scale) : null;
    $$("[data-ap-start-theme]", list).forEach(function (li) {
      var t = li.getAttribute("data-ap-start-theme");
      $("[data-ap-start-done]", li).hidden = !done[t];
      $("[data-ap-start-none]", li).hidden = !!done[t];
      var avg = prog && prog[t] ? prog[t][0] : null;
      $("[data-ap-start-prev]", li).textContent = avg === null || avg === undefined ? "" :
        C.fill(box.getAttribute("data-last-round"), { avg: F.fmt1(avg), label: F.nearestLabel(avg, C.q.set.rating.options) });
    });
    list.hidden = false;
  }

  // the start is above this script in the page: laid out now, before the first paint
  // (the home page holds its first paint for this when answers are saved: ap_layout_from_answers)
  (function () {
    if (!$("[data-ap-start]")) return;
    update();
    window.addEventListener("storage", function (e) {
      if (e.key === null || e.key.lastIndexOf(St.prefix, 0) === 0) update();
    });
  })();
})();
