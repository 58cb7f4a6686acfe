/* Care home action plan: the summary for a commissioner (window.APSummary).
 *
 * Pure functions: no page, no storage, no words of their own. They turn one
 * home's full export (as APStore.exportAll gives each home) into the
 * figures-only summary, write a summary as CSV, and read a file's text back as
 * summaries (or a reason to refuse it). The averages and counts come from
 * figures.js, so they are the numbers the Results page shows.
 *
 * The summary (format "care-home-action-plan/summary", version 1; the README
 * describes every field) holds no notes, no people's names and no answer text.
 * The actions' "what we will do" is in it only when asked for.
 */
(function () {
  "use strict";

  var F = window.APFigures;
  var FORMAT = "care-home-action-plan/summary";
  var FORMAT_VERSION = 1;
  var EXPORT_FORMAT = "care-home-action-plan/answers";
  var SAMPLE_ID = "example-home";
  var ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

  function obj() { return Object.create(null); }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  /** What build() needs from the question set (window.ACTION_PLAN_QUESTIONS). */
  function optionsFrom(qs, today) {
    qs = qs || {};
    var status = (qs.action_fields || []).filter(function (f) { return f.id === "status"; })[0] || {};
    var statuses = (status.options || []).map(function (o) { return o.value; });
    var current = obj();
    var themes = (qs.themes || []).map(function (t) {
      var ids = (t.questions || []).map(function (q) { current[q.id] = 1; return q.id; });
      return { id: t.id, title: t.title, questions: ids };
    });
    return {
      themes: themes,
      isCurrent: function (q) { return !!current[q]; },
      options: (qs.rating && qs.rating.options) || [],
      statuses: statuses,
      done: statuses.length ? statuses[statuses.length - 1] : "done",
      stopped: F.stoppedValues(qs.look_back, statuses[statuses.length - 1]), // a stopped action is not late (issue 22)
      countsAs: F.statusCountsAs(qs.retired_values), // a retired status counts as a current one (issue 18)
      roles: qs.roles || [],
      months: qs.review_months || 3,
      today: today,
      questionSet: { version: qs.version === undefined ? null : qs.version, hash: qs.hash || "" }
    };
  }

  /** Who took part in a round: how many, and how many by role (a name that is one of
      the suggested roles, such as "Night staff"); anyone else is only counted. */
  function people(ids, nameOf, roles) {
    var byRole = obj(), other = 0, known = obj();
    roles.forEach(function (r) { known[String(r).trim().toLowerCase()] = r; });
    ids.forEach(function (id) {
      var role = known[String(nameOf[id] || "").trim().toLowerCase()];
      if (role) byRole[role] = (byRole[role] || 0) + 1; else other++;
    });
    var list = roles.filter(function (r) { return byRole[r]; }).map(function (r) { return { role: r, count: byRole[r] }; });
    return { total: ids.length, by_role: list, other: other };
  }

  /** The summary of one home (a home object from APStore.exportAll). opts: optionsFrom().
      includeActions adds each action's theme, status, date and "what we will do". */
  function build(home, opts, includeActions) {
    var scale = F.scaleOf(opts.options), nameOf = obj();
    (home.participants || []).forEach(function (p) { nameOf[p.id] = p.name; });
    var byRound = obj();
    (home.answers || []).forEach(function (a) { (byRound[a.round] || (byRound[a.round] = [])).push(a); });
    var rounds = (home.rounds || []).slice().sort(function (a, b) {
      return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.created || "") < (b.created || "") ? -1 : 1;
    });
    var allPeople = (home.participants || []).map(function (p) { return p.id; });
    var outRounds = rounds.map(function (r) {
      var list = byRound[r.id] || [];
      var index = F.byQuestion(list, r.id, null, opts.isCurrent);
      var took = obj(), tookList = [];
      list.forEach(function (a) {
        if (a.rating !== null && a.rating !== undefined && a.rating !== "" && !took[a.participant]) {
          took[a.participant] = 1; tookList.push(a.participant);
        }
      });
      var glance = F.glance(index, opts.themes, allPeople, scale), differ = 0, themes = [];
      glance.forEach(function (g, i) {
        if (!g.home.answered) return;
        var n = 0;
        opts.themes[i].questions.forEach(function (q) { if (F.spread(index[q], allPeople, scale).flagged) n++; });
        differ += n;
        themes.push({ theme: g.theme, title: opts.themes[i].title, average: g.home.avg,
          answered: g.home.answered, not_sure: g.home.notSure, differ: n });
      });
      return { title: r.title || "", date: r.date || "", people: people(tookList, nameOf, opts.roles),
        themes: themes, differ: differ };
    });
    var acts = home.actions || [], byStatus = F.statusCounts(acts, opts.statuses, opts.countsAs), late = 0;
    acts.forEach(function (a) { if (F.dueState(a, opts.today, opts.done, opts.stopped) === "overdue") late++; });
    var statusList = opts.statuses.map(function (s) { return { status: s, count: byStatus[s] || 0 }; });
    var last = "";
    rounds.forEach(function (r) { if (DATE_RE.test(r.date || "") && r.date > last) last = r.date; });
    var out = {
      format: FORMAT, format_version: FORMAT_VERSION, made: opts.today,
      question_set: opts.questionSet,
      scale: opts.options.map(function (o) { return { value: Number(o.value), label: o.label }; }),
      home: { id: home.id, name: home.name || "" },
      rounds: outRounds,
      actions: { total: acts.length, by_status: statusList, late: late },
      reviews: { months: opts.months, last: last, next: F.nextReview(rounds, opts.months) }
    };
    if (includeActions) {
      out.what_we_will_do = F.sortActions(acts, opts.today, opts.done, opts.stopped).map(function (x) {
        var f = x.action.fields || {};
        return { theme: x.action.theme, status: f.status || opts.statuses[0] || "", by_when: f["by-when"] || "",
          what: f.what || "" };
      });
    }
    return out;
  }

  // ---- CSV -------------------------------------------------------------------------
  var csvCell = window.APRules.csvCell, csv = window.APRules.csv; // one CSV rule for every file
  /** One row per round and theme. head: the column names, in this order: home, home id,
      round, date, people, theme, average, words, answered, not sure, seen differently,
      actions, late actions, last review, next review. */
  function toCSV(summaries, head) {
    var rows = [head];
    summaries.forEach(function (s) {
      var h = s.home, a = s.actions || {}, rv = s.reviews || {};
      var tail = [a.total, a.late, rv.last, rv.next];
      s.rounds.forEach(function (r) {
        r.themes.forEach(function (t) {
          rows.push([h.name, h.id, r.title, r.date, r.people.total, t.title || t.theme,
            t.average === null ? "" : F.fmt1(t.average), F.nearestLabel(t.average, s.scale), t.answered, t.not_sure,
            t.differ].concat(tail));
        });
      });
    });
    return csv(rows);
  }

  // ---- reading a file --------------------------------------------------------------
  function num(v) { return typeof v === "number" && isFinite(v); }
  function text(v, max) { return typeof v === "string" && v.length <= (max || 200); }
  /** A summary's shape is checked in full: true, or false when anything is off. */
  function checkSummary(s) {
    if (!isObj(s.home) || !ID_RE.test(s.home.id || "") || !text(s.home.name)) return false;
    if (!Array.isArray(s.rounds) || s.rounds.length > 500 || !Array.isArray(s.scale)) return false;
    if (!s.scale.every(function (o) { return isObj(o) && num(o.value) && text(o.label); })) return false;
    var ok = s.rounds.every(function (r) {
      return isObj(r) && text(r.title) && DATE_RE.test(r.date || "") && isObj(r.people) && num(r.people.total) &&
        Array.isArray(r.themes) && num(r.differ) && r.themes.every(function (t) {
          return isObj(t) && ID_RE.test(t.theme || "") && (t.average === null || num(t.average)) &&
            num(t.answered) && num(t.not_sure) && num(t.differ) && (t.title === undefined || text(t.title));
        });
    });
    var a = s.actions, rv = s.reviews;
    return ok && isObj(a) && num(a.total) && num(a.late) && Array.isArray(a.by_status) && isObj(rv) &&
      (rv.last === "" || DATE_RE.test(rv.last || "")) && (rv.next === "" || DATE_RE.test(rv.next || ""));
  }
  /** Read a file's text: {ok: true, kind: "summary"|"export", summaries: [...], left: n}
      or {ok: false, code}. Codes: "empty", "damaged" (not JSON, or cut short), "other"
      (from another program), "newer" (a newer version of this site), "wrong" (ours,
      but something in it cannot be right). A full export is checked by checkExport
      (APStore.validate: (text) -> {ok, data, code}) and each home in it is summarised;
      the example home is left out (left counts the homes left out). */
  function read(textIn, opts, checkExport) {
    if (typeof textIn !== "string" || !textIn.trim()) return { ok: false, code: "empty" };
    if (textIn.charCodeAt(0) === 0xfeff) textIn = textIn.slice(1);
    var data;
    try { data = JSON.parse(textIn); } catch (e) {
      var first = textIn.trim().charAt(0);
      return { ok: false, code: first === "{" || first === "[" ? "damaged" : "other" };
    }
    if (!isObj(data)) return { ok: false, code: "other" };
    var fv = data.format_version;
    if (data.format === FORMAT) {
      if (!num(fv) || fv < 1 || fv !== Math.floor(fv)) return { ok: false, code: "wrong" };
      if (fv > FORMAT_VERSION) return { ok: false, code: "newer" };
      return checkSummary(data) ? { ok: true, kind: "summary", summaries: [data], left: 0 } : { ok: false, code: "wrong" };
    }
    if (data.format === EXPORT_FORMAT) {
      var checked = checkExport ? checkExport(textIn) : { ok: true, data: data };
      if (!checked.ok) return { ok: false, code: checked.code === "newer" ? "newer" : "wrong" };
      var homes = checked.data.homes.filter(function (h) { return h.id !== SAMPLE_ID; });
      return { ok: true, kind: "export", summaries: homes.map(function (h) { return build(h, opts, false); }),
        left: checked.data.homes.length - homes.length };
    }
    return { ok: false, code: "other" };
  }

  /** The latest round's date of a summary ("" with none). */
  function latest(s) { return s.rounds.length ? s.rounds[s.rounds.length - 1].date : ""; }
  /** Many summaries as one per home: the same home (same id) counts once, the one
      with the newer latest round winning (then more rounds, then the newer file). */
  function merge(list) {
    var byId = obj(), order = [];
    list.forEach(function (s) {
      var id = s.home.id, have = byId[id];
      if (!have) { byId[id] = s; order.push(id); return; }
      var a = latest(s), b = latest(have);
      if (a > b || (a === b && (s.rounds.length > have.rounds.length ||
          (s.rounds.length === have.rounds.length && (s.made || "") >= (have.made || ""))))) byId[id] = s;
    });
    return order.map(function (id) { return byId[id]; });
  }

  /** A file name from a home's name: "Oak House" -> "oak-house" ("" with no letters or digits). */
  function slug(name) {
    return String(name || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  window.APSummary = {
    FORMAT: FORMAT, FORMAT_VERSION: FORMAT_VERSION, SAMPLE_ID: SAMPLE_ID,
    optionsFrom: optionsFrom, build: build, people: people,
    csvCell: csvCell, csv: csv, toCSV: toCSV,
    read: read, checkSummary: checkSummary, merge: merge, latest: latest, slug: slug
  };
})();
