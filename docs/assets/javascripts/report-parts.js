/* Care home action plan: two parts of the printed reports (issue 20), drawn over
 * what report.js has read (its data and helpers are passed in):
 * - themes(): the full report's "every theme in full": each theme's main points
 *   and every person's rating and notes on every answered question (?theme=<id>
 *   in the address keeps one theme, for "everyone's answers" from a theme page);
 * - youSaid(): the one-page "You said, we did" sheet.
 * Words come from the page's data-w-* attributes; user text goes in by textContent.
 * Loaded before report.js, which calls these (window.APReportParts).
 */
(function () {
  "use strict";

  var C = window.APCommon, F = window.APFigures;
  if (!C || !F) return;
  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var MAX_DOING = 4, MAX_POINTS = 3, MAX_DONE = 2;  // so the sheet fits one page in large print

  /** The theme asked for in the address (?theme=<id>), if it is a theme. */
  function onlyTheme(themes) {
    var m = /[?&]theme=([a-z0-9-]+)/.exec(window.location.search);
    return m && themes.some(function (t) { return t.id === m[1]; }) ? m[1] : null;
  }

  // ---- the full report: every theme in full ---------------------------------------
  function themes(root, d, A) {
    var box = $("[data-ap-report-themes]", root);
    if (!box) return;
    var only = onlyTheme(A.THEMES), note = $("[data-ap-report-only]", root);
    if (note) {
      note.hidden = !only;
      var t = $("[data-ap-report-only-text]", note);
      if (t) t.textContent = only ? fill(t.getAttribute("data-template"), { theme: A.title(only) }) : "";
    }
    root.classList.toggle("ap-report--one-theme", !!only);
    var noteFields = (C.q.set.theme_notes || []);
    A.THEMES.forEach(function (theme) {
      var section = $('[data-ap-report-theme="' + theme.id + '"]', box);
      if (!section) return;
      section.hidden = !!only && only !== theme.id;
      var mp = A.clear($("[data-ap-report-main-points]", section));
      var notes = d.themeNotes[theme.id] || {};
      var any = false;
      noteFields.forEach(function (n) {
        var text = (notes[n.id] || "").trim();
        if (!text) return;
        any = true;
        var p = el("p", "ap-report__main-point", text);
        p.setAttribute("data-ap-theme-note", n.id);
        mp.appendChild(p);
      });
      if (!any) mp.appendChild(el("p", "ap-rs-none", A.w(box, "no-main-points")));
      var qs = A.clear($("[data-ap-report-questions]", section)), answered = 0;
      theme.questions.forEach(function (q) {
        var byP = d.index[q];
        var people = d.tookPart.filter(function (p) { return byP && byP[p.id] && hasAnything(byP[p.id]); });
        if (!people.length) return;
        answered++;
        qs.appendChild(questionNode(q, people, byP, box, A));
      });
      if (!answered) qs.appendChild(el("p", "ap-rs-none", A.w(box, "no-answers")));
    });
  }
  function hasAnything(a) {
    if (a.rating) return true;
    var n = a.notes || {};
    return Object.keys(n).some(function (k) { return String(n[k] || "").trim(); });
  }
  function questionNode(q, people, byP, box, A) {
    var div = el("div", "ap-report__question");
    div.setAttribute("data-ap-question", q);
    div.appendChild(el("h5", "ap-report__question-title", C.q.text[q]));
    var table = el("table", "ap-rs-table ap-report__answers");
    var head = el("tr");
    head.appendChild(A.th("col", A.w(box, "who")));
    head.appendChild(A.th("col", A.w(box, "rating")));
    head.appendChild(A.th("col", A.w(box, "notes")));
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    people.forEach(function (p) {
      var a = byP[p.id], tr = el("tr");
      tr.appendChild(A.th("row", p.name));
      var n = F.num(a.rating, A.SCALE), label = a.rating ? (C.q.ratingLabel[a.rating] || a.rating) : "";
      tr.appendChild(el("td", "ap-report__rating", n === null ? label : n + " " + label));
      var notes = el("td", "ap-rs-notes");
      Object.keys(a.notes || {}).forEach(function (k) {
        if (!String(a.notes[k] || "").trim()) return;
        var line = el("p");
        line.appendChild(el("strong", null, (C.q.noteLabel[k] || k) + ": "));
        line.appendChild(document.createTextNode(a.notes[k]));
        notes.appendChild(line);
      });
      tr.appendChild(notes);
      body.appendChild(tr);
    });
    table.appendChild(body);
    div.appendChild(table);
    return div;
  }

  // ---- "You said, we did" --------------------------------------------------------------
  /** A role written as part of a sentence: "Deputy manager" -> "deputy manager" (not "GP"). */
  function inSentence(text) {
    return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  }
  /** The first sentence of a note, to keep the sheet short. */
  function firstSentence(text) {
    var m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
    return m ? m[0] : text.trim();
  }
  function youSaid(root, d, A) {
    var box = $("[data-ap-ysd]", root);
    if (!box) return;
    var lists = {};
    $$("[data-ap-ysd-list]", root).forEach(function (ul) { lists[ul.getAttribute("data-ap-ysd-list")] = A.clear(ul); });
    var and = A.w(box, "and");
    function names(list) { return A.joinAnd(list.slice(0, 2).map(function (g) { return A.title(g.theme); }), and); }
    // what people told us: the themes, then a few main points (the themes to work on first)
    if (d.ranked.strong.length) lists.told.appendChild(A.li(fill(A.w(box, "good"), { themes: names(d.ranked.strong) })));
    if (d.ranked.work.length) lists.told.appendChild(A.li(fill(A.w(box, "work"), { themes: names(d.ranked.work) })));
    var order = d.ranked.work.concat(d.ranked.strong).map(function (g) { return g.theme; });
    A.THEMES.forEach(function (t) { if (order.indexOf(t.id) < 0) order.push(t.id); });
    var points = [];
    order.forEach(function (t) {
      var notes = d.themeNotes[t] || {};
      Object.keys(notes).forEach(function (k) { var s = String(notes[k] || "").trim(); if (s && points.length < MAX_POINTS) points.push(firstSentence(s)); });
    });
    if (points.length) {
      var item = A.li(A.w(box, "points") + ":");
      var ul = el("ul");
      points.forEach(function (p) { ul.appendChild(A.li(p)); });
      item.appendChild(ul);
      lists.told.appendChild(item);
    }
    // what we are doing: the open actions, late and soonest first
    d.groups.open.slice(0, MAX_DOING).forEach(function (x) {
      var f = x.action.fields || {}, lead = inSentence((f.lead || "").trim() || A.w(box, "no-lead"));
      var what = (f.what || "").trim().replace(/[.!]$/, "");
      lists.doing.appendChild(A.li(f["by-when"]
        ? fill(A.w(box, "action-item"), { what: what, lead: lead, date: C.fmtDate(f["by-when"]) })
        : fill(A.w(box, "action-no-date"), { what: what, lead: lead })));
    });
    if (!d.groups.open.length) lists.doing.appendChild(A.li(A.w(box, "no-doing")));
    // what has changed: actions done, themes that went up
    var changed = 0;
    d.groups.done.slice(0, MAX_DONE).forEach(function (x) {
      changed++;
      lists.changed.appendChild(A.li(fill(A.w(box, "done-item"), { what: ((x.action.fields || {}).what || "").trim().replace(/[.!]$/, "") })));
    });
    d.movers.up.slice(0, MAX_DONE).forEach(function (c) {
      changed++;
      lists.changed.appendChild(A.li(fill(A.w(box, "up-item"), { theme: A.title(c.theme) })));
    });
    if (!changed) lists.changed.appendChild(A.li(A.w(box, d.firstRound ? "first-round" : "no-changed")));
  }

  window.APReportParts = { themes: themes, youSaid: youSaid };
})();
