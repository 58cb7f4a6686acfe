/* Care home action plan: the Results page (issue 11).
 *
 * Draws the page from the figures (figures.js) over the stored answers
 * (store.js, read through its public functions only). The page's structure and
 * every word are in its markup (overrides/actionplan/results-body.html, from
 * content/results.yml): this script fills in numbers, names and answers, with
 * textContent only. Loaded on the Results page alone (kind "results", overrides/partials/ap-scripts.html).
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, F = window.APFigures;
  var root = C && C.$("[data-ap-results]");
  if (!St || !C || !F || !root) return;

  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var QS = C.q.set || {};
  var OPTIONS = (QS.rating && QS.rating.options) || [];
  var SCALE = F.scaleOf(OPTIONS, C.q.retiredList("rating"));
  var LOW = OPTIONS.length ? Number(OPTIONS[0].value) : 1;
  var HIGH = OPTIONS.length ? Number(OPTIONS[OPTIONS.length - 1].value) : 4;
  var THEMES = (QS.themes || []).map(function (t) {
    return { id: t.id, title: t.title, questions: (t.questions || []).map(function (q) { return q.id; }) };
  });
  var FIELDS = {};
  (QS.action_fields || []).forEach(function (f) { FIELDS[f.id] = f; });
  var STATUSES = ((FIELDS.status && FIELDS.status.options) || []).map(function (o) { return o.value; });
  var STATUS_LABEL = {};
  ((FIELDS.status && FIELDS.status.options) || []).forEach(function (o) { STATUS_LABEL[o.value] = o.label; });
  // a retired status (issue 18) keeps its words, and counts as the status content names
  var STATUS_AS = Object.create(null);
  C.q.retiredList("status").forEach(function (r) {
    var v = String(r.value);
    if (!STATUS_LABEL[v]) STATUS_LABEL[v] = r.label;
    STATUS_AS[v] = r.counts_as === null || r.counts_as === undefined ? null : String(r.counts_as);
  });
  /** The action as the figures count it: a retired status counts as content says (the words stay). */
  function counted(a) {
    var f = a.fields || {}, s = f.status;
    if (!s || !(s in STATUS_AS)) return a;
    var copy = {}, fields = {};
    Object.keys(a).forEach(function (k) { copy[k] = a[k]; });
    Object.keys(f).forEach(function (k) { fields[k] = f[k]; });
    if (STATUS_AS[s] === null) delete fields.status; else fields.status = STATUS_AS[s];
    copy.fields = fields;
    copy.shownStatus = s;
    return copy;
  }
  var DONE = STATUSES.length ? STATUSES[STATUSES.length - 1] : "done";
  var SVGNS = "http://www.w3.org/2000/svg";
  var SAMPLE_ID = root.getAttribute("data-sample-id");
  var MONTHS = parseInt(root.getAttribute("data-review-months"), 10) || 3;
  function isCurrent(q) { return !!C.q.current[q]; }

  var data = null;           // what was read from the store: {home, rounds, participants, answers, actions}
  var state = { home: null, round: null, left: {}, flaggedFirst: false, filters: { theme: "", status: "", lead: "" } };

  // ---- reading ------------------------------------------------------------------
  function load() {
    // the home shown here is this page's own choice (state.home): choosing one here, or
    // loading the example, never changes the home the theme pages are on
    var sel = C.resolveSelection(St, { home: state.home });
    var home = sel.home ? St.getHome(sel.home) : null;
    data = {
      homes: St.homes(),
      home: home,
      rounds: sel.rounds,
      participants: sel.participants,
      answers: home ? St.allAnswers(home.id) : [],
      actions: home ? St.actions(home.id).map(counted) : [],
      byRound: Object.create(null),  // round id -> its answers
      cache: Object.create(null)     // round + people -> the answers indexed by question
    };
    data.answers.forEach(function (a) { (data.byRound[a.round] || (data.byRound[a.round] = [])).push(a); });
    if (!state.round || !sel.rounds.some(function (r) { return r.id === state.round; })) state.round = sel.round;
    return data;
  }
  /** The chosen round's answers from the people included, by question (kept until the next change). */
  function roundIndex_(ids) {
    var key = state.round + "|" + ids.join(",");
    return data.cache[key] || (data.cache[key] = F.byQuestion(data.byRound[state.round] || [], state.round, ids, isCurrent));
  }
  function included() {
    return data.participants.filter(function (p) { return !state.left[p.id]; });
  }
  function roundIndex() {
    for (var i = 0; i < data.rounds.length; i++) if (data.rounds[i].id === state.round) return i;
    return -1;
  }
  function currentRound() { var i = roundIndex(); return i < 0 ? null : data.rounds[i]; }
  function themeHref(t) { return fill(root.getAttribute("data-theme-href"), { theme: t }); }
  function questionHref(t, q) { return fill(root.getAttribute("data-question-href"), { theme: t, question: q }); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function link(href, text) { var a = el("a", null, text); a.href = href; return a; }
  function attr(node, name) { return node.getAttribute(name) || ""; }
  function show(name, on) { $$('[data-ap-rs-empty="' + name + '"]', root).forEach(function (n) { n.hidden = !on; }); }

  // ---- choosing home, round and people -----------------------------------------
  function fillSelect(select, items, current, text) {
    clear(select);
    items.forEach(function (it) {
      var o = el("option", null, text(it));
      o.value = it.id;
      if (it.id === current) o.selected = true;
      select.appendChild(o);
    });
  }
  function renderChoose() {
    var homes = data.homes;
    var picker = $("[data-ap-rs-home-picker]", root);
    if (picker) picker.hidden = homes.length < 2;
    var hs = $('[data-ap-rs-select="home"]', root);
    if (hs) fillSelect(hs, homes, data.home && data.home.id, function (h) { return h.name || h.id; });
    var rs = $('[data-ap-rs-select="round"]', root);
    if (rs) fillSelect(rs, data.rounds.slice().reverse(), state.round, C.roundText);
    var box = $("[data-ap-rs-people]", root);
    if (box) {
      clear(box);
      data.participants.forEach(function (p, i) {
        var wrap = el("div", "ap-rs-check");
        var input = el("input");
        input.type = "checkbox";
        input.id = "ap-rs-person-" + i;
        input.checked = !state.left[p.id];
        input.setAttribute("data-ap-rs-person", p.id);
        var label = el("label", null, p.name);
        label.htmlFor = input.id;
        wrap.appendChild(input);
        wrap.appendChild(label);
        box.appendChild(wrap);
      });
    }
    var example = data.home && data.home.id === SAMPLE_ID;
    var hasSample = homes.some(function (h) { return h.id === SAMPLE_ID; });
    $$("[data-ap-rs-example-showing]", root).forEach(function (n) { n.hidden = !example; });
    $$('[data-ap-rs-do="remove-sample"]', root).forEach(function (n) { n.hidden = !hasSample; });
    $$('[data-ap-rs-do="load-sample"]', root).forEach(function (n) { n.hidden = hasSample || !window.ACTION_PLAN_SAMPLE; });
  }

  function renderReport() {
    var report = $("[data-ap-rs-report]", root);
    if (!report) return;
    var r = currentRound(), none = attr(report, "data-none");
    var took = tookPart();
    var facts = {
      home: data.home ? (data.home.name || (r && r.home) || "") : none,
      round: r ? r.title : none,
      date: r ? C.fmtDate(r.date) : "",
      people: took.length ? took.map(function (p) { return p.name; }).join(", ") : none
    };
    Object.keys(facts).forEach(function (k) { var d = $('[data-ap-rs-fact="' + k + '"]', report); if (d) d.textContent = facts[k]; });
  }
  /** The included people who answered anything in the chosen round. */
  function tookPart() {
    var seen = {};
    (data.byRound[state.round] || []).forEach(function (a) { seen[a.participant] = 1; });
    return included().filter(function (p) { return seen[p.id]; });
  }

  // ---- the whole home at a glance ---------------------------------------------
  function levelClass(avg) { return avg === null ? "ap-rs-lvl-0" : "ap-rs-lvl-" + Math.round(avg); }
  function cellNode(tag, c, box) {
    var td = el(tag, "ap-rs-cell " + levelClass(c.avg));
    if (c.avg !== null) {
      td.setAttribute("data-ap-avg", F.fmt1(c.avg));
      td.appendChild(el("span", "ap-rs-avg", F.fmt1(c.avg)));
      td.appendChild(el("span", "ap-rs-words", F.nearestLabel(c.avg, OPTIONS)));
    } else {
      td.appendChild(el("span", "ap-rs-words", attr(box, "data-none")));
    }
    td.appendChild(el("span", "ap-rs-small", fill(attr(box, "data-answered"), { n: c.answered })));
    td.appendChild(el("span", "ap-rs-small", fill(attr(box, "data-not-sure"), { n: c.notSure })));
    return td;
  }
  function renderGlance() {
    var box = $("[data-ap-rs-glance]", root);
    if (!box) return;
    clear(box);
    var people = tookPart(), r = currentRound();
    show("one-person", !!data.answers.length && people.length < 2);
    if (!r || !people.length) return;
    var index = roundIndex_(people.map(function (p) { return p.id; }));
    var rows = F.glance(index, THEMES, people.map(function (p) { return p.id; }), SCALE);
    var table = el("table", "ap-rs-table ap-rs-glance");
    table.appendChild(el("caption", null, fill(attr(box, "data-caption"), { round: C.roundText(r) }))).id = "ap-rs-glance-caption";
    var head = el("tr");
    head.appendChild(th("col", attr(box, "data-theme")));
    people.forEach(function (p) { head.appendChild(th("col", p.name)); });
    head.appendChild(th("col", attr(box, "data-home")));
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row, i) {
      var tr = el("tr");
      tr.setAttribute("data-ap-theme", row.theme);
      var name = th("row");
      name.appendChild(link("#side-" + row.theme, THEMES[i].title));
      tr.appendChild(name);
      people.forEach(function (p) { tr.appendChild(cellNode("td", row.people[p.id], box)); });
      var home = cellNode("td", row.home, box);
      home.className += " ap-rs-cell--home";
      tr.appendChild(home);
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    return rows;
  }
  function th(scope, text) { var h = el("th", null, text); h.scope = scope; return h; }

  // ---- what to talk about -------------------------------------------------------
  function renderTalk() {
    var lists = {};
    $$("[data-ap-rs-talk]", root).forEach(function (ol) { lists[ol.getAttribute("data-ap-rs-talk")] = clear(ol); });
    var people = tookPart().map(function (p) { return p.id; });
    var index = roundIndex_(people);
    var t = F.talk(index, THEMES, people, SCALE, F.glance(index, THEMES, people, SCALE), 5);
    function fillList(ol, items, make) {
      if (!ol) return;
      if (!items.length) { ol.appendChild(el("li", "ap-rs-none", attr(ol, "data-none"))); return; }
      items.forEach(function (it) {
        var li = el("li");
        li.appendChild(make(it, attr(ol, "data-template")));
        ol.appendChild(li);
      });
    }
    fillList(lists.spread, t.spread, function (s, tpl) {
      return link(questionHref(s.theme, s.question), fill(tpl, { question: C.q.text[s.question], theme: C.q.themeTitle[s.theme],
        low: labelOf(s.low), high: labelOf(s.high) }));
    });
    fillList(lists["not-sure"], t.notSure, function (s, tpl) {
      return link(questionHref(s.theme, s.question), fill(tpl, { question: C.q.text[s.question], theme: C.q.themeTitle[s.theme], n: s.notSure }));
    });
    fillList(lists.lowest, t.lowest, function (g, tpl) {
      return link("#side-" + g.theme, fill(tpl, { theme: C.q.themeTitle[g.theme], average: F.fmt1(g.avg), words: F.nearestLabel(g.avg, OPTIONS) }));
    });
  }
  function labelOf(n) { return n + " " + (C.q.ratingLabel[String(n)] || ""); }

  // ---- side by side ---------------------------------------------------------------
  function renderSide() {
    var words = $("[data-ap-rs-side-words]", root);
    if (!words) return;
    var people = tookPart(), ids = people.map(function (p) { return p.id; });
    var index = roundIndex_(ids);
    THEMES.forEach(function (t) {
      var section = $('[data-ap-rs-side="' + t.id + '"]', root);
      if (!section) return;
      var body = clear($("[data-ap-rs-side-body]", section));
      var rows = F.sideBySide(index, t.questions, ids, SCALE, state.flaggedFirst);
      var any = rows.some(function (r) { return ids.some(function (p) { return r.answers[p]; }); });
      section.classList.toggle("ap-rs-theme--flagged", rows.some(function (r) { return r.flagged; }));
      if (!any) { body.appendChild(el("p", "ap-rs-none", attr(words, "data-none"))); return; }
      rows.forEach(function (row) {
        var q = el("div", "ap-rs-q" + (row.flagged ? " ap-rs-q--flagged" : ""));
        q.setAttribute("data-ap-question", row.question);
        var h = el("h4", "ap-rs-q__title");
        h.appendChild(link(questionHref(t.id, row.question), C.q.text[row.question]));
        q.appendChild(h);
        if (row.flagged) q.appendChild(el("p", "ap-rs-flag", attr(words, "data-flag")));
        var table = el("table", "ap-rs-table ap-rs-answers");
        var head = el("tr");
        head.appendChild(th("col", attr(words, "data-who")));
        head.appendChild(th("col", attr(words, "data-rating")));
        head.appendChild(th("col", attr(words, "data-notes")));
        table.appendChild(el("thead")).appendChild(head);
        var tb = el("tbody");
        people.forEach(function (p) {
          var a = row.answers[p.id], tr = el("tr");
          tr.appendChild(th("row", p.name));
          var rating = a && a.rating ? (C.q.ratingLabel[a.rating] || a.rating) : attr(words, "data-no-answer");
          var n = a ? F.num(a.rating, SCALE) : null;
          var td = el("td", "ap-rs-rating", n === null ? rating : n + " " + rating);
          if (a && a.rating) td.setAttribute("data-ap-rating", a.rating);
          tr.appendChild(td);
          var notes = el("td", "ap-rs-notes");
          var keys = a ? Object.keys(a.notes || {}) : [];
          keys.forEach(function (k) {
            var line = el("p");
            line.appendChild(el("strong", null, (C.q.noteLabel[k] || k) + ": "));
            line.appendChild(document.createTextNode(a.notes[k]));
            notes.appendChild(line);
          });
          tr.appendChild(notes);
          tb.appendChild(tr);
        });
        table.appendChild(tb);
        q.appendChild(table);
        body.appendChild(q);
      });
    });
  }

  // ---- progress over time ------------------------------------------------------------
  function renderProgress() {
    var box = $("[data-ap-rs-progress]", root);
    if (!box) return;
    var charts = clear($("[data-ap-rs-chart]", box)), tableBox = clear($("[data-ap-rs-progress-table]", box));
    var people = included().map(function (p) { return p.id; });
    var rounds = data.rounds;
    var prog = F.progress(data.answers, rounds, THEMES, people, SCALE, isCurrent);
    var rated = rounds.filter(function (r, i) { return THEMES.some(function (t) { return prog[t.id][i] !== null; }); });
    show("one-round", !!data.answers.length && rated.length < 2);
    box.hidden = !rated.length;
    renderChanges(prog);
    if (!rated.length) return prog;
    THEMES.forEach(function (t) { charts.appendChild(chart(t, rounds, prog[t.id], box)); });
    var table = el("table", "ap-rs-table ap-rs-progress-table");
    table.appendChild(el("caption", null, attr(box, "data-caption"))).id = "ap-rs-progress-caption";
    var head = el("tr");
    head.appendChild(th("col", attr(box, "data-theme")));
    rounds.forEach(function (r) { head.appendChild(th("col", C.roundText(r))); });
    table.appendChild(el("thead")).appendChild(head);
    var tb = el("tbody");
    THEMES.forEach(function (t) {
      var tr = el("tr");
      tr.setAttribute("data-ap-theme", t.id);
      tr.appendChild(th("row", t.title));
      prog[t.id].forEach(function (v) {
        var td = el("td", null, v === null ? attr(box, "data-no-value") : F.fmt1(v));
        if (v !== null) td.setAttribute("data-ap-avg", F.fmt1(v));
        tr.appendChild(td);
      });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    tableBox.appendChild(table);
    return prog;
  }
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, String(attrs[k]));
    if (text !== undefined) n.textContent = text;
    return n;
  }
  /** One small line chart: the home's average for one theme in each round. */
  function chart(t, rounds, values, box) {
    var W = 320, H = 170, L = 34, R = 14, T = 14, B = 30;
    var n = rounds.length, span = HIGH - LOW || 1;
    var P = 18; // room between the axis numbers and the first and last points
    function x(i) { return n < 2 ? L + (W - L - R) / 2 : L + P + i * (W - L - R - 2 * P) / (n - 1); }
    function y(v) { return T + (HIGH - v) * (H - T - B) / span; }
    var id = "ap-rs-chart-" + t.id;
    var fig = el("figure", "ap-rs-chart");
    var points = [];
    rounds.forEach(function (r, i) {
      points.push(fill(attr(box, "data-point"), { round: r.title, value: values[i] === null ? attr(box, "data-no-value") : F.fmt1(values[i]) }));
    });
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": id + "-title", "data-ap-theme": t.id, focusable: "false" });
    s.appendChild(svg("title", { id: id + "-title" }, fill(attr(box, "data-chart-label"), { theme: t.title, points: points.join(", ") })));
    for (var v = LOW; v <= HIGH; v++) {  // a rule and a number for each point of the scale
      s.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "ap-rs-grid" }));
      s.appendChild(svg("text", { x: L - 8, y: y(v) + 4, "text-anchor": "end", class: "ap-rs-axis" }, String(v)));
    }
    var path = [];
    values.forEach(function (val, i) { if (val !== null) path.push(x(i).toFixed(1) + "," + y(val).toFixed(1)); });
    if (path.length > 1) s.appendChild(svg("polyline", { points: path.join(" "), class: "ap-rs-line" }));
    var label = n <= 8;
    values.forEach(function (val, i) {
      if (val === null) return;
      var c = svg("circle", { cx: x(i), cy: y(val), r: 4.5, class: "ap-rs-point", "data-ap-round": rounds[i].id, "data-ap-value": F.fmt1(val) });
      s.appendChild(c);
      if (label || i === n - 1) {
        var above = y(val) - 9 < T ? y(val) + 17 : y(val) - 9;
        s.appendChild(svg("text", { x: x(i), y: above, "text-anchor": "middle", class: "ap-rs-value" }, F.fmt1(val)));
      }
    });
    if (n) {
      s.appendChild(svg("text", { x: L, y: H - 8, "text-anchor": n < 2 ? "middle" : "start", class: "ap-rs-axis" }, rounds[0].title));
      if (n > 1) s.appendChild(svg("text", { x: W - R, y: H - 8, "text-anchor": "end", class: "ap-rs-axis" }, rounds[n - 1].title));
    }
    s.setAttribute("aria-hidden", "false");
    fig.appendChild(el("figcaption", null, t.title));
    fig.appendChild(s);
    return fig;
  }
  function renderChanges(prog) {
    var ul = $("[data-ap-rs-changes]", root);
    if (!ul) return;
    clear(ul);
    var list = F.changes(prog, THEMES, roundIndex());
    if (!list.length) { ul.appendChild(el("li", "ap-rs-none", attr(ul, "data-none"))); return; }
    list.forEach(function (c) {
      var li = el("li", "ap-rs-change ap-rs-change--" + c.kind,
        fill(attr(ul, "data-" + c.kind), { theme: C.q.themeTitle[c.theme], from: F.fmt1(c.from), to: F.fmt1(c.to) }));
      li.setAttribute("data-ap-theme", c.theme);
      li.setAttribute("data-ap-change", c.kind);
      ul.appendChild(li);
    });
  }

  // ---- the action plan ----------------------------------------------------------------
  function renderPlan() {
    var plan = $("[data-ap-rs-plan]", root);
    if (!plan) return;
    var today = C.today();
    // the next review
    var next = F.nextReview(data.rounds, MONTHS), due = F.reviewDue(next, today);
    var rv = $("[data-ap-rs-review]", plan);
    if (rv) rv.textContent = !next ? attr(plan, "data-review-none")
      : fill(attr(plan, due ? "data-review-due" : "data-review-next"), { date: C.fmtDate(next), months: MONTHS });
    var nr = $("[data-ap-rs-new-round]", plan);
    if (nr) nr.hidden = !(due || !next);
    var all = data.actions;
    show("no-actions", !all.length);
    var body = $("[data-ap-rs-plan-body]", plan);
    if (body) body.hidden = !all.length;
    // the leads to filter by
    var leadSel = $('[data-ap-rs-filter="lead"]', plan), leads = {};
    all.forEach(function (a) { var l = ((a.fields || {}).lead || "").trim(); if (l) leads[l.toLowerCase()] = leads[l.toLowerCase()] || l; });
    if (leadSel) {
      var first = leadSel.options[0];
      clear(leadSel).appendChild(first);
      Object.keys(leads).sort().forEach(function (k) {
        var o = el("option", null, leads[k]); o.value = leads[k];
        leadSel.appendChild(o);
      });
      if (state.filters.lead && !leads[state.filters.lead.toLowerCase()]) state.filters.lead = "";
      leadSel.value = state.filters.lead;
    }
    // counts of each status
    var counts = F.statusCounts(all, STATUSES), cl = $("[data-ap-rs-counts]", plan);
    if (cl) {
      clear(cl);
      STATUSES.forEach(function (s) {
        var li = el("li", null, fill(attr(plan, "data-count"), { status: STATUS_LABEL[s], n: counts[s] }));
        li.setAttribute("data-ap-status", s);
        cl.appendChild(li);
      });
    }
    var shownList = F.sortActions(F.filterActions(all, state.filters, STATUSES[0]), today, DONE);
    var shown = $("[data-ap-rs-shown]", plan);
    if (shown) shown.textContent = fill(attr(plan, "data-shown"), { n: shownList.length, total: all.length });
    var tb = $("[data-ap-rs-actions] tbody", plan);
    if (!tb) return;
    clear(tb);
    if (!shownList.length) {
      var tr0 = el("tr"), td0 = el("td", "ap-rs-none", attr(plan, "data-none-match"));
      td0.colSpan = 6;
      tr0.appendChild(td0);
      tb.appendChild(tr0);
    }
    shownList.forEach(function (it) {
      var a = it.action, f = a.fields || {}, tr = el("tr", "ap-rs-action--" + it.state);
      tr.setAttribute("data-ap-action", a.id);
      tr.setAttribute("data-ap-due", it.state);
      var th0 = th("row");
      th0.appendChild(link(themeHref(a.theme), C.q.themeTitle[a.theme] || a.theme));
      tr.appendChild(th0);
      tr.appendChild(el("td", null, f.what || ""));
      tr.appendChild(el("td", null, f["first-step"] || ""));
      tr.appendChild(el("td", null, f.lead || ""));
      var when = el("td");
      when.appendChild(el("span", null, f["by-when"] ? C.fmtDate(f["by-when"]) : attr(plan, "data-no-date")));
      if (it.state === "overdue" || it.state === "soon") {
        when.appendChild(el("strong", "ap-rs-due ap-rs-due--" + it.state, attr(plan, it.state === "overdue" ? "data-overdue" : "data-soon")));
      }
      tr.appendChild(when);
      var st = a.shownStatus || f.status || STATUSES[0];
      tr.appendChild(el("td", null, STATUS_LABEL[st] || st || ""));
      tb.appendChild(tr);
    });
  }

  // ---- the whole page ------------------------------------------------------------------
  function renderScale() {
    var p = $("[data-ap-rs-scale]", root);
    if (p) p.textContent = fill(attr(p, "data-template"), { scale: OPTIONS.map(function (o) { return o.value + " " + o.label; }).join(", ") });
  }
  function render() {
    renderChoose();
    renderReport();
    var empty = !data.answers.length;
    show("no-answers", empty);
    root.classList.toggle("ap-rs--empty", empty);
    renderGlance();
    renderTalk();
    renderSide();
    renderProgress();
    renderPlan();
  }
  function refresh() { load(); render(); }

  // ---- the example home (example-home.js): for looking; the page shows it without choosing it ----
  function loadSample() {
    var sel = window.APExample ? window.APExample.load(SAMPLE_ID, MONTHS) : null;
    if (sel) state.home = SAMPLE_ID;
    return !!sel;
  }
  function say(text) {
    var s = $("[data-ap-rs-example-status]", root);
    if (s) s.textContent = text;
  }

  // ---- events ------------------------------------------------------------------------------
  function onChange(e) {
    var t = e.target;
    var which = t.getAttribute("data-ap-rs-select");
    if (which === "home") {
      state.home = t.value;
      state.round = null; state.left = {};
      refresh();
      return;
    }
    if (which === "round") {
      state.round = t.value;
      if (data.home) St.setSelection(data.home.id, { round: t.value, participant: St.getSelection(data.home.id).participant });
      render();
      return;
    }
    var person = t.getAttribute("data-ap-rs-person");
    if (person) {
      if (t.checked) delete state.left[person]; else state.left[person] = 1;
      var id = t.id;
      render();
      var again = document.getElementById(id);
      if (again) again.focus();
      return;
    }
    if (t.hasAttribute("data-ap-rs-flagged-first")) { state.flaggedFirst = t.checked; renderSide(); return; }
    var f = t.getAttribute("data-ap-rs-filter");
    if (f) { state.filters[f] = t.value; renderPlan(); }
  }
  function onClick(e) {
    var b = e.target.closest && e.target.closest("[data-ap-rs-do]");
    if (!b) return;
    var what = b.getAttribute("data-ap-rs-do"), status = $("[data-ap-rs-example-status]", root);
    if (what === "load-sample") {
      loadSample();
      state.round = null; state.left = {};
      refresh();
      say(attr(status, "data-loaded"));
      var rm = $('[data-ap-rs-do="remove-sample"]', root);
      if (rm) rm.focus();
    } else if (what === "remove-sample" || what === "cancel-remove-sample") {
      // removing asks first
      var box = $("[data-ap-rs-remove-confirm]", root), ask = $('[data-ap-rs-do="remove-sample"]', root);
      var open = what === "remove-sample";
      if (box) box.hidden = !open;
      if (ask) ask.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && box) box.focus(); else if (ask) ask.focus();
    } else if (what === "confirm-remove-sample") {
      var kept = window.APExample ? window.APExample.remove(SAMPLE_ID, attr(status, "data-kept-name")) : (St.removeHome(SAMPLE_ID), null);
      var confirmBox = $("[data-ap-rs-remove-confirm]", root);
      if (confirmBox) confirmBox.hidden = true;
      if (state.home === SAMPLE_ID) state.home = kept ? kept.id : null;
      state.round = null; state.left = {};
      refresh();
      say(kept ? fill(attr(status, "data-kept"), { name: kept.name }) : attr(status, "data-removed"));
      var ld = $('[data-ap-rs-do="load-sample"]', root);
      if (ld) ld.focus();
    }
  }
  var timer = null;
  function onStorage(e) {
    if (e.key !== null && e.key.lastIndexOf(St.prefix, 0) !== 0) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 50);
  }

  function init() {
    try { St.migrate(); } catch (e) { /* nothing is removed by a failed migration */ }
    renderScale();
    refresh();
    root.addEventListener("change", onChange);
    root.addEventListener("click", onClick);
    window.addEventListener("storage", onStorage);
    root.setAttribute("data-ap-ready", "1");
  }

  // For the tests and the benchmark: each view on its own, over the data read last.
  window.APResults = {
    load: load, render: render, refresh: refresh, loadSample: loadSample,
    forget: function () { if (data) data.cache = Object.create(null); },
    views: { glance: renderGlance, talk: renderTalk, side: renderSide, progress: renderProgress, plan: renderPlan }
  };

  C.ready(init);
})();
