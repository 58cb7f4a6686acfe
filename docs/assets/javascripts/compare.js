/* Care home action plan: the figures behind the "Compare homes" page (window.APCompare).
 *
 * Pure functions over summaries (summary.js): no page, no storage, no words.
 * Each home is one summary; its latest round is the one compared. Averages
 * across homes give each home one vote; rounding and the scale's words are
 * figures.js's.
 */
(function () {
  "use strict";

  var F = window.APFigures;

  function obj() { return Object.create(null); }

  /** The last round of a summary, or null. */
  function lastRound(s) { return s.rounds.length ? s.rounds[s.rounds.length - 1] : null; }

  /** A theme's average in one round: a number, or null when nobody rated it. */
  function avgIn(round, theme) {
    if (!round) return null;
    for (var i = 0; i < round.themes.length; i++) if (round.themes[i].theme === theme) return round.themes[i].average;
    return null;
  }

  /** One row per home: {id, name, round, cells: {theme: avg|null}, summary}. */
  function gridRows(homes, themeIds) {
    return homes.map(function (s) {
      var r = lastRound(s), cells = obj();
      themeIds.forEach(function (t) { cells[t] = avgIn(r, t); });
      return { id: s.home.id, name: s.home.name || s.home.id, round: r, cells: cells, summary: s };
    });
  }

  /** The average across homes for each theme (each home one vote): {theme: avg|null}. */
  function across(rows, themeIds) {
    var out = obj();
    themeIds.forEach(function (t) {
      var list = [];
      rows.forEach(function (r) { if (r.cells[t] !== null && r.cells[t] !== undefined) list.push(r.cells[t]); });
      out[t] = list.length ? F.round1(F.mean(list)) : null;
    });
    return out;
  }

  /** How many homes rate each theme below a point of the scale: {theme: n}. */
  function below(rows, themeIds, point) {
    var out = obj();
    themeIds.forEach(function (t) {
      out[t] = rows.filter(function (r) { return r.cells[t] !== null && r.cells[t] !== undefined && r.cells[t] < point; }).length;
    });
    return out;
  }

  /** Rows sorted by a column: "home" (name), "round" (date) or a theme id (average).
      Rows with no value go last either way; ties keep name order. */
  function sortRows(rows, col, dir) {
    var sign = dir === "descending" ? -1 : 1;
    function key(r) {
      if (col === "home") return r.name.toLowerCase();
      if (col === "round") return r.round ? r.round.date : null;
      var v = r.cells[col];
      return v === undefined ? null : v;
    }
    return rows.map(function (r, i) { return { r: r, k: key(r), i: i }; }).sort(function (a, b) {
      if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
      if (a.k < b.k) return -sign;
      if (a.k > b.k) return sign;
      return a.r.name.toLowerCase() < b.r.name.toLowerCase() ? -1 : a.r.name.toLowerCase() > b.r.name.toLowerCase() ? 1 : a.i - b.i;
    }).map(function (x) { return x.r; });
  }

  /** Each theme's average in each round of a summary: {theme: [avg|null, ...]} (figures.js's shape). */
  function progress(s, themeIds) {
    var out = obj();
    themeIds.forEach(function (t) { out[t] = s.rounds.map(function (r) { return avgIn(r, t); }); });
    return out;
  }
  /** Change since the round before, per theme: {theme: {kind, from, to, by}} for the themes
      rated in both of the home's last two rounds (figures.js's rule). */
  function change(s, themeIds) {
    var out = obj(), n = s.rounds.length;
    if (n < 2) return out;
    F.changes(progress(s, themeIds), themeIds.map(function (t) { return { id: t }; }), n - 1)
      .forEach(function (c) { out[c.theme] = c; });
    return out;
  }

  /** The chosen theme across homes and rounds: [{id, name, points: [{title, date, avg}]}]. */
  function series(homes, theme) {
    return homes.map(function (s) {
      return { id: s.home.id, name: s.home.name || s.home.id, points: s.rounds.map(function (r) {
        return { title: r.title, date: r.date, avg: avgIn(r, theme) };
      }) };
    });
  }

  /** The homes to talk to, with why: [{id, name, late, reviewDue, down: [theme ids], differ}],
      most reasons first. today: YYYY-MM-DD. */
  function toTalkTo(homes, themeIds, today) {
    var out = [];
    homes.forEach(function (s, i) {
      var late = (s.actions && s.actions.late) || 0;
      var next = (s.reviews && s.reviews.next) || "";
      var due = F.reviewDue(next, today);
      var ch = change(s, themeIds), down = themeIds.filter(function (t) { return ch[t] && ch[t].kind === "down"; });
      var r = lastRound(s), differ = r ? r.differ : 0;
      var reasons = (late ? 1 : 0) + (due ? 1 : 0) + (down.length ? 1 : 0) + (differ ? 1 : 0);
      if (reasons) out.push({ id: s.home.id, name: s.home.name || s.home.id, late: late, reviewDue: due ? next : "",
        down: down, differ: differ, reasons: reasons, i: i });
    });
    return out.sort(function (a, b) { return (b.reasons - a.reasons) || (b.late - a.late) || (a.i - b.i); });
  }

  /** The grid as rows for a CSV: head, then one row per home (averages to one decimal place). */
  function gridTable(rows, themeIds, head) {
    var out = [head];
    rows.forEach(function (r) {
      var row = [r.name, r.id, r.round ? r.round.title : "", r.round ? r.round.date : ""];
      themeIds.forEach(function (t) { row.push(F.fmt1(r.cells[t])); });
      out.push(row);
    });
    return out;
  }

  window.APCompare = {
    lastRound: lastRound, avgIn: avgIn, gridRows: gridRows, across: across, below: below, sortRows: sortRows,
    progress: progress, change: change, series: series, toTalkTo: toTalkTo, gridTable: gridTable
  };
})();
