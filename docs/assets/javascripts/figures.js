/* Care home action plan: the figures behind the Results page (window.APFigures).
 *
 * Small pure functions: no DOM, no storage, no words. They take plain lists
 * (answers as APStore.allAnswers gives them, rounds, actions) and return plain
 * values, so the tests can call them on their own in the browser.
 *
 * The rules (the Results page says them in words too):
 * - a person's average for a theme is the mean of the numeric ratings they gave
 *   to that theme's questions in that round;
 * - the home's average for a theme is the mean of every numeric rating given to
 *   its questions in that round, by everyone included;
 * - both to one decimal place; "not sure" and unanswered questions never count;
 * - two or more points between the highest and lowest rating of a question is
 *   a disagreement.
 */
(function () {
  "use strict";

  var FLAG_SPREAD = 2;      // points between highest and lowest rating
  var SOON_DAYS = 14;       // "due soon": within this many days

  /** The numeric values of the scale, as a lookup: {"1": 1, "2": 2, ...}. A retired
      point ({value, counts_as}, issue 18) counts as the point it names; with no
      counts_as it is not a number, like "not sure". */
  function scaleOf(options, retired) {
    var s = Object.create(null);
    (options || []).forEach(function (o) {
      var n = Number(o.value);
      if (isFinite(n) && String(o.value) !== "") s[String(o.value)] = n;
    });
    (retired || []).forEach(function (r) {
      var k = String(r.value), to = r.counts_as === null || r.counts_as === undefined ? "" : String(r.counts_as);
      if (!(k in s) && to in s) s[k] = s[to];
    });
    return s;
  }
  /** A rating as a number, or null for "not sure", no answer or anything off the scale. */
  function num(rating, scale) {
    if (rating === null || rating === undefined) return null;
    var k = String(rating);
    return k in scale ? scale[k] : null;
  }
  function mean(list) {
    if (!list.length) return null;
    var t = 0;
    for (var i = 0; i < list.length; i++) t += list[i];
    return t / list.length;
  }
  /** To one decimal place, as a number (2.45 -> 2.5). */
  function round1(x) { return x === null || x === undefined ? null : Math.round(x * 10 + 1e-9) / 10; }
  /** To one decimal place, as text ("2.0"). */
  function fmt1(x) { return x === null || x === undefined ? "" : round1(x).toFixed(1); }
  /** The scale's words for an average: the nearest point ("Mostly" for 2.6; a half
      rounds up, so 1.5 is "Starting to"). */
  function nearestLabel(avg, options) {
    if (avg === null || avg === undefined) return "";
    var best = null, gap = Infinity;
    (options || []).forEach(function (o) {
      var d = Math.abs(Number(o.value) - avg);
      if (d <= gap + 1e-9) { gap = Math.min(d, gap); best = d <= gap + 1e-9 ? o.label : best; }
    });
    return best || "";
  }

  /** Answers of one round, from the people included, to current questions:
      {question: {participant: answer}} (a fresh index each call). */
  function byQuestion(answers, round, people, isCurrent) {
    var inc = people ? lookup(people) : null, out = Object.create(null);
    for (var i = 0; i < answers.length; i++) {
      var a = answers[i];
      if (a.round !== round || (inc && !inc[a.participant]) || (isCurrent && !isCurrent(a.question))) continue;
      (out[a.question] || (out[a.question] = Object.create(null)))[a.participant] = a;
    }
    return out;
  }
  function lookup(list) {
    var o = Object.create(null);
    for (var i = 0; i < list.length; i++) o[list[i]] = 1;
    return o;
  }

  /** One cell of the grid: {avg, answered, notSure} for a set of answers. */
  function cell(list, scale) {
    var nums = [], answered = 0, notSure = 0;
    for (var i = 0; i < list.length; i++) {
      var r = list[i].rating;
      if (r === null || r === undefined || r === "") continue;
      answered++;
      var n = num(r, scale);
      if (n === null) notSure++; else nums.push(n);
    }
    var m = mean(nums);
    return { avg: m === null ? null : round1(m), answered: answered, notSure: notSure, count: nums.length };
  }

  /** The whole home at a glance for one round.
      themes: [{id, questions: [question ids]}]; people: [participant ids].
      Returns [{theme, people: {pid: cell}, home: cell}] in theme order. */
  function glance(index, themes, people, scale) {
    return themes.map(function (t) {
      var per = Object.create(null), all = [];
      people.forEach(function (p) { per[p] = []; });
      t.questions.forEach(function (q) {
        var byP = index[q];
        if (!byP) return;
        people.forEach(function (p) { if (byP[p]) { per[p].push(byP[p]); all.push(byP[p]); } });
      });
      var cells = Object.create(null);
      people.forEach(function (p) { cells[p] = cell(per[p], scale); });
      return { theme: t.id, people: cells, home: cell(all, scale) };
    });
  }

  /** Highest, lowest and "not sure" for one question: {low, high, spread, flagged, notSure, rated}. */
  function spread(byP, people, scale) {
    var low = null, high = null, notSure = 0, rated = 0;
    people.forEach(function (p) {
      var a = byP && byP[p];
      if (!a || a.rating === null || a.rating === undefined || a.rating === "") return;
      var n = num(a.rating, scale);
      if (n === null) { notSure++; return; }
      rated++;
      if (low === null || n < low) low = n;
      if (high === null || n > high) high = n;
    });
    var s = low === null ? 0 : high - low;
    return { low: low, high: high, spread: s, flagged: rated >= 2 && s >= FLAG_SPREAD, notSure: notSure, rated: rated };
  }

  /** Side by side for one theme: [{question, answers: {pid: answer}, low, high, spread, flagged, notSure}],
      in question order, or with flagged questions first (widest first) when flaggedFirst. */
  function sideBySide(index, questions, people, scale, flaggedFirst) {
    var rows = questions.map(function (q, i) {
      var byP = index[q] || Object.create(null), s = spread(byP, people, scale);
      s.question = q; s.answers = byP; s.order = i;
      return s;
    });
    if (flaggedFirst) {
      rows.sort(function (a, b) {
        return (b.flagged - a.flagged) || (b.flagged ? b.spread - a.spread : 0) || (a.order - b.order);
      });
    }
    return rows;
  }

  /** What to talk about: the widest disagreements, the most "not sure", the lowest themes.
      Each list is at most `limit` long. themeOf: question id -> theme id. */
  function talk(index, themes, people, scale, glanceRows, limit) {
    limit = limit || 5;
    var qs = [], order = 0;
    themes.forEach(function (t) {
      t.questions.forEach(function (q) {
        var s = spread(index[q], people, scale);
        s.question = q; s.theme = t.id; s.order = order++;
        qs.push(s);
      });
    });
    var wide = qs.filter(function (s) { return s.flagged; })
      .sort(function (a, b) { return (b.spread - a.spread) || (a.order - b.order); }).slice(0, limit);
    var unsure = qs.filter(function (s) { return s.notSure > 0; })
      .sort(function (a, b) { return (b.notSure - a.notSure) || (a.order - b.order); }).slice(0, limit);
    var lowest = glanceRows.map(function (g, i) { return { theme: g.theme, avg: g.home.avg, order: i }; })
      .filter(function (g) { return g.avg !== null; })
      .sort(function (a, b) { return (a.avg - b.avg) || (a.order - b.order); }).slice(0, Math.min(3, limit));
    return { spread: wide, notSure: unsure, lowest: lowest };
  }

  /** Progress over time: for each theme, the home's average in each round (null when
      nothing was rated). rounds: [{id}] in order. Returns {themeId: [avg|null, ...]}. */
  function progress(answers, rounds, themes, people, scale, isCurrent) {
    var inc = people ? lookup(people) : null, themeOf = Object.create(null), pos = Object.create(null);
    themes.forEach(function (t) { t.questions.forEach(function (q) { themeOf[q] = t.id; }); });
    rounds.forEach(function (r, i) { pos[r.id] = i; });
    var sums = Object.create(null);
    themes.forEach(function (t) { sums[t.id] = rounds.map(function () { return [0, 0]; }); });
    for (var i = 0; i < answers.length; i++) {
      var a = answers[i], t = themeOf[a.question], p = pos[a.round];
      if (t === undefined || p === undefined || (inc && !inc[a.participant]) || (isCurrent && !isCurrent(a.question))) continue;
      var n = num(a.rating, scale);
      if (n === null) continue;
      sums[t][p][0] += n; sums[t][p][1]++;
    }
    var out = Object.create(null);
    themes.forEach(function (t) {
      out[t.id] = sums[t.id].map(function (s) { return s[1] ? round1(s[0] / s[1]) : null; });
    });
    return out;
  }

  /** What changed between round i-1 and round i: [{theme, kind: "up"|"down"|"same", from, to, by}],
      for the themes rated in both, in theme order. */
  function changes(prog, themes, i) {
    var out = [];
    if (i < 1) return out;
    themes.forEach(function (t) {
      var row = prog[t.id] || [], from = row[i - 1], to = row[i];
      if (from === null || from === undefined || to === null || to === undefined) return;
      var by = round1(to - from);
      out.push({ theme: t.id, kind: by > 0 ? "up" : by < 0 ? "down" : "same", from: from, to: to, by: by });
    });
    return out;
  }

  // ---- actions and reviews ---------------------------------------------------
  function dayNumber(iso) { // whole days since 1970 for a YYYY-MM-DD date (no time zone drift)
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000) : null;
  }
  /** The statuses that close an action without it being done (issue 22: "stopped"), from the
      look-back outcomes of the question set (QS.look_back), as {status: 1}. The done status
      (doneValue), which the "done" outcome also sets, is not one of them. */
  function stoppedValues(lookBack, doneValue) {
    var out = Object.create(null);
    (lookBack || []).forEach(function (o) { if (o.status && String(o.status) !== doneValue) out[String(o.status)] = 1; });
    return out;
  }
  /** {retired status: the status it counts as now} from the retired values of the question
      set (issue 18: QS.retired_values, of "status"); one that counts as nothing is left out. */
  function statusCountsAs(retired) {
    var out = Object.create(null);
    (retired || []).forEach(function (r) {
      if (r.of === "status" && r.counts_as !== null && r.counts_as !== undefined) out[String(r.value)] = String(r.counts_as);
    });
    return out;
  }
  /** When an action is due, compared with today: "overdue", "soon" (within 14 days), "later",
      "done", "stopped" (issue 22: a status in ``stopped``, from stoppedValues: no longer open)
      or "none" (no date). */
  function dueState(action, today, doneValue, stopped) {
    var f = action.fields || {};
    if (f.status === (doneValue || "done")) return "done";
    if (f.status && stopped && stopped[f.status] === 1) return "stopped";
    var d = dayNumber(f["by-when"]), t = dayNumber(today);
    if (d === null || t === null) return "none";
    if (d < t) return "overdue";
    if (d - t <= SOON_DAYS) return "soon";
    return "later";
  }
  /** Overdue first, then due within 14 days, then the rest of the open ones by date (no date
      last), then the stopped ones (issue 22), then the done ones last (by date too). */
  function sortActions(actions, today, doneValue, stopped) {
    var rank = { overdue: 0, soon: 1, later: 2, none: 2, stopped: 3, done: 4 }; // done ones last (issue 20)
    return actions.map(function (a, i) { return { action: a, state: dueState(a, today, doneValue, stopped), i: i }; })
      .sort(function (x, y) {
        var rx = rank[x.state], ry = rank[y.state];
        if (rx !== ry) return rx - ry;
        var dx = (x.action.fields || {})["by-when"] || "\uffff", dy = (y.action.fields || {})["by-when"] || "\uffff";
        if (dx !== dy) return dx < dy ? -1 : 1;
        return x.i - y.i;
      });
  }
  /** How many actions at each status: {statusValue: n}; an action with no status counts as the
      first, and one with a retired status as the status it counts as now (countsAs, from
      statusCountsAs), so no action is left out of the counts. */
  function statusCounts(actions, statusValues, countsAs) {
    var out = Object.create(null);
    statusValues.forEach(function (s) { out[s] = 0; });
    actions.forEach(function (a) {
      var s = (a.fields || {}).status || statusValues[0];
      if (!(s in out) && countsAs && countsAs[s] !== undefined) s = countsAs[s];
      if (s in out) out[s]++;
    });
    return out;
  }
  /** Keep the actions that match {theme, status, lead} ("" for any) and, with late: true,
      only the late ones (past their date and not done; today and doneValue say which). */
  function filterActions(actions, f, firstStatus, today, doneValue, stopped) {
    return actions.filter(function (a) {
      var x = a.fields || {};
      return (!f.theme || a.theme === f.theme) && (!f.status || (x.status || firstStatus) === f.status) &&
        (!f.lead || (x.lead || "").trim().toLowerCase() === f.lead.trim().toLowerCase()) &&
        (!f.late || dueState(a, today, doneValue, stopped) === "overdue");
    });
  }
  // One rule for adding months everywhere (an action's default review date too).
  var addMonths = window.APCommon.addMonths;
  /** The next review: the latest round's date plus the review interval ("" with no dated round). */
  function nextReview(rounds, months) {
    var latest = "";
    (rounds || []).forEach(function (r) { if (dayNumber(r.date) !== null && r.date > latest) latest = r.date; });
    return latest ? addMonths(latest, months) : "";
  }
  /** A review is due when today is on or after the review date. */
  function reviewDue(next, today) {
    var n = dayNumber(next), t = dayNumber(today);
    return n !== null && t !== null && t >= n;
  }

  // ---- what we found (the printed reports, issue 20) -----------------------------
  /** The themes with a home average, highest first: [{theme, avg, count}] (theme order breaks ties). */
  function rankThemes(glanceRows) {
    return glanceRows.map(function (g, i) { return { theme: g.theme, avg: g.home.avg, count: g.home.count, order: i }; })
      .filter(function (g) { return g.avg !== null; })
      .sort(function (a, b) { return (b.avg - a.avg) || (a.order - b.order); });
  }
  /** The strongest and the weakest themes, at most n of each and never the same theme in both:
      {strong: [...], work: [...]} (work lowest first). */
  function strongAndWeak(glanceRows, n) {
    var ranked = rankThemes(glanceRows), each = Math.min(n, Math.floor(ranked.length / 2)) || (ranked.length ? 1 : 0);
    var strong = ranked.slice(0, each);
    var work = ranked.slice(ranked.length === 1 ? 1 : -each).reverse();
    return { strong: strong, work: work };
  }
  /** The sum and count of the numeric ratings given to each theme's questions in an index:
      {themeId: {sum, count}} (the home's average for a theme is sum / count). */
  function themeSums(index, themes, people, scale) {
    var out = Object.create(null);
    themes.forEach(function (t) {
      var sum = 0, count = 0;
      t.questions.forEach(function (q) {
        people.forEach(function (p) {
          var a = index[q] && index[q][p], n = a ? num(a.rating, scale) : null;
          if (n !== null) { sum += n; count++; }
        });
      });
      out[t.id] = { sum: sum, count: count };
    });
    return out;
  }
  /** The home's overall average over every numeric rating: {avg, count, themes} (themes rated). */
  function overall(sums) {
    var sum = 0, count = 0, themes = 0;
    Object.keys(sums).forEach(function (t) {
      if (!sums[t].count) return;
      themes++; sum += sums[t].sum; count += sums[t].count;
    });
    return { avg: count ? round1(sum / count) : null, count: count, themes: themes };
  }
  /** The themes that went up and down ({up, down}, the biggest change first), from changes(). */
  function movers(list) {
    var up = list.filter(function (c) { return c.kind === "up"; }).sort(function (a, b) { return b.by - a.by; });
    var down = list.filter(function (c) { return c.kind === "down"; }).sort(function (a, b) { return a.by - b.by; });
    return { up: up, down: down };
  }
  /** Actions by where they stand today: {open: [...], done: [...], stopped: [...], late, progress,
      doneCount, total}; open ones late first (sortActions), each as {action, state}. */
  function actionGroups(actions, today, statusValues, stoppedStatuses) {
    var done = statusValues[statusValues.length - 1], progress = statusValues.length > 2 ? statusValues[1] : null;
    var sorted = sortActions(actions, today, done, stoppedStatuses);
    var open = sorted.filter(function (x) { return x.state !== "done" && x.state !== "stopped"; });
    var fin = sorted.filter(function (x) { return x.state === "done"; });
    var stopped = sorted.filter(function (x) { return x.state === "stopped"; });
    return {
      open: open, done: fin, stopped: stopped, total: actions.length, doneCount: fin.length,
      late: open.filter(function (x) { return x.state === "overdue"; }).length,
      progress: progress === null ? 0 : open.filter(function (x) { return (x.action.fields || {}).status === progress; }).length
    };
  }
  /** For each quality statement, the home's average over the ratings of the themes behind it
      (every numeric rating, as for a theme) and the actions of those themes.
      rows: [{id, themes: [theme ids]}]; sums as themeSums() gives them. */
  function evidence(rows, sums, actions) {
    return rows.map(function (r) {
      var sum = 0, count = 0, acts = [];
      r.themes.forEach(function (t) {
        var h = sums[t];
        if (h && h.count) { sum += h.sum; count += h.count; }
      });
      actions.forEach(function (a) { if (r.themes.indexOf(a.theme) >= 0) acts.push(a); });
      return { id: r.id, avg: count ? round1(sum / count) : null, count: count, actions: acts };
    });
  }

  window.APFigures = {
    FLAG_SPREAD: FLAG_SPREAD, SOON_DAYS: SOON_DAYS,
    stoppedValues: stoppedValues, statusCountsAs: statusCountsAs, scaleOf: scaleOf, num: num, mean: mean, round1: round1, fmt1: fmt1, nearestLabel: nearestLabel,
    byQuestion: byQuestion, cell: cell, glance: glance, spread: spread, sideBySide: sideBySide, talk: talk,
    progress: progress, changes: changes,
    dueState: dueState, sortActions: sortActions, statusCounts: statusCounts, filterActions: filterActions,
    addMonths: addMonths, nextReview: nextReview, reviewDue: reviewDue,
    rankThemes: rankThemes, strongAndWeak: strongAndWeak, themeSums: themeSums, overall: overall, movers: movers,
    actionGroups: actionGroups, evidence: evidence
  };
})();
