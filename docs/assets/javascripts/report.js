/* Care home action plan: the printed reports (issue 20).
 *
 * Fills in a report page (overrides/actionplan/report-page.html): the summary
 * report, the full report or "You said, we did", for the home and round chosen
 * in its chooser (chooser.js). The figures come from figures.js (pure
 * functions), the answers from window.APStore (read only); every word is in the
 * page's data-w-* attributes (content/reports.yml), and user text reaches the
 * page by textContent only. The full report's themes and the one-page sheet are
 * drawn by report-parts.js, over what this script reads (window.APReport).
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, F = window.APFigures, Ch = window.APChooser;
  var root = C && C.$("[data-ap-report]");
  if (!St || !C || !F || !Ch || !root) return;

  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var QS = C.q.set || {};
  var OPTIONS = (QS.rating && QS.rating.options) || [];
  var SCALE = F.scaleOf(OPTIONS);
  var TOP = OPTIONS.length ? OPTIONS[OPTIONS.length - 1].value : 4;
  var THEMES = (QS.themes || []).map(function (t) {
    return { id: t.id, title: t.title, questions: (t.questions || []).map(function (q) { return q.id; }) };
  });
  var FIELDS = QS.action_fields || [];
  var STATUS = FIELDS.filter(function (f) { return f.id === "status"; })[0] || { options: [] };
  var STATUSES = STATUS.options.map(function (o) { return o.value; });
  var KIND = root.getAttribute("data-ap-report");
  var OUTCOME = Object.create(null); // the look back's outcomes in words (issue 22)
  (QS.look_back || []).forEach(function (o) { OUTCOME[o.value] = o.short; });
  function isCurrent(q) { return !!C.q.current[q]; }
  function w(node, name) { return (node && node.getAttribute("data-w-" + name)) || ""; }
  function clear(node) { while (node && node.firstChild) node.removeChild(node.firstChild); return node; }
  function li(text, cls) { return el("li", cls, text); }
  function th(scope, text) { var h = el("th", null, text); h.scope = scope; return h; }
  function words(avg) { return F.nearestLabel(avg, OPTIONS); }
  function title(id) { return C.q.themeTitle[id] || id; }
  /** "a, b and c" with the page's word for "and". */
  function joinAnd(list, and) {
    if (list.length < 2) return list.join("");
    return list.slice(0, -1).join(", ") + " " + and + " " + list[list.length - 1];
  }

  // ---- reading ------------------------------------------------------------------
  /** Everything a report shows, read once per change: window.APReport.data. */
  function read() {
    var sel = C.resolveSelection(St, {});
    var home = sel.home ? St.getHome(sel.home) : null;
    var d = { sel: sel, home: home, rounds: sel.rounds, people: sel.participants, today: C.today() };
    d.answers = home ? St.allAnswers(home.id) : [];
    d.actions = home ? St.actions(home.id) : [];
    d.roundIndex = -1;
    sel.rounds.forEach(function (r, i) { if (r.id === sel.round) d.roundIndex = i; });
    d.round = d.roundIndex < 0 ? null : sel.rounds[d.roundIndex];
    var inRound = d.answers.filter(function (a) { return a.round === sel.round; });
    var seen = {};
    inRound.forEach(function (a) { seen[a.participant] = 1; });
    d.tookPart = d.people.filter(function (p) { return seen[p.id]; });
    var ids = d.tookPart.map(function (p) { return p.id; });
    d.index = F.byQuestion(inRound, sel.round, ids, isCurrent);
    d.glance = F.glance(d.index, THEMES, ids, SCALE);
    d.themeNotes = Object.create(null);
    if (home && d.round) THEMES.forEach(function (t) { d.themeNotes[t.id] = St.getThemeNotes(home.id, d.round.id, t.id); });
    var prog = F.progress(d.answers, d.rounds, THEMES, null, SCALE, isCurrent);
    d.firstRound = !d.rounds.slice(0, Math.max(0, d.roundIndex)).some(function (r, i) {
      return THEMES.some(function (t) { return prog[t.id][i] !== null; });
    });
    d.movers = F.movers(F.changes(prog, THEMES, d.roundIndex));
    d.groups = F.actionGroups(d.actions, d.today, STATUSES, F.stoppedValues(QS.look_back, STATUSES[STATUSES.length - 1]));
    d.ranked = F.strongAndWeak(d.glance, 3);
    d.sums = F.themeSums(d.index, THEMES, ids, SCALE);
    d.overall = F.overall(d.sums);
    d.spread = F.talk(d.index, THEMES, ids, SCALE, d.glance, 5).spread;
    return d;
  }

  // ---- the cover ------------------------------------------------------------------
  function fact(name, text) { $$('[data-ap-report-fact="' + name + '"]', root).forEach(function (n) { n.textContent = text; }); }
  function renderCover(d) {
    fact("home", d.home ? (d.home.name || (d.round && d.round.home) || "") : "");
    fact("round", d.round ? (d.round.date ? fill(w(root, "round-of"), { round: d.round.title, date: C.fmtDate(d.round.date) }) : d.round.title) : "");
    fact("printed", fill(w(root, "printed"), { date: C.fmtDate(d.today) }));
    fact("people", d.tookPart.length ? d.tookPart.map(function (p) { return p.name; }).join(", ") : w(root, "nobody"));
  }

  // ---- what we found ----------------------------------------------------------------
  function themeItem(box, g) {
    return fill(w(box, "theme-item"), { theme: title(g.theme), average: F.fmt1(g.avg), words: words(g.avg) });
  }
  function renderFound(d) {
    var box = $("[data-ap-found]", root);
    if (!box) return;
    var text = $("[data-ap-found-text]", box), o = d.overall;
    var sentences = [];
    if (o.avg !== null) {
      sentences.push(fill(w(box, "overview"), { people: d.tookPart.length, ratings: o.count, themes: o.themes,
        average: F.fmt1(o.avg), top: TOP, words: words(o.avg) }));
    }
    if (d.ranked.strong.length && d.ranked.work.length) {
      sentences.push(fill(w(box, "strong-weak"), { strong: title(d.ranked.strong[0].theme), weak: title(d.ranked.work[0].theme) }));
    }
    text.textContent = sentences.join(" ");
    var lists = {};
    $$("[data-ap-found-list]", box).forEach(function (ul) { lists[ul.getAttribute("data-ap-found-list")] = clear(ul); });
    d.ranked.strong.forEach(function (g) { lists.strong.appendChild(li(themeItem(box, g))); });
    d.ranked.work.forEach(function (g) { lists.work.appendChild(li(themeItem(box, g))); });
    d.spread.forEach(function (s) {
      lists.differ.appendChild(li(fill(w(box, "differ-item"), { question: C.q.text[s.question], theme: title(s.theme),
        low: s.low + " " + (C.q.ratingLabel[String(s.low)] || ""), high: s.high + " " + (C.q.ratingLabel[String(s.high)] || "") })));
    });
    if (!d.spread.length) lists.differ.appendChild(li(w(box, "none-differ")));
    var moved = d.movers.up.concat(d.movers.down);
    moved.forEach(function (c) {
      lists.changes.appendChild(li(fill(w(box, c.kind), { theme: title(c.theme), from: F.fmt1(c.from), to: F.fmt1(c.to) })));
    });
    if (!moved.length) lists.changes.appendChild(li(w(box, d.firstRound ? "first-round" : "no-change")));
    var g = d.groups;
    if (!g.total) { lists.actions.appendChild(li(w(box, "no-actions"))); return; }
    lists.actions.appendChild(li(fill(w(box, "actions-count"), { done: g.doneCount, progress: g.progress, late: g.late, total: g.total })));
    g.open.filter(function (x) { return x.state === "overdue"; }).forEach(function (x) {
      var f = x.action.fields || {};
      lists.actions.appendChild(li(fill(w(box, "late-item"), { what: f.what || "", date: C.fmtDate(f["by-when"]) })));
    });
  }

  // ---- the whole home at a glance ---------------------------------------------------
  function cell(c, none) {
    var td = el("td", "ap-rs-cell ap-rs-lvl-" + (c.avg === null ? 0 : Math.round(c.avg)));
    if (c.avg === null) { td.textContent = none; return td; }
    td.setAttribute("data-ap-avg", F.fmt1(c.avg));
    td.appendChild(el("span", "ap-rs-avg", F.fmt1(c.avg)));
    td.appendChild(document.createTextNode(" "));
    td.appendChild(el("span", "ap-rs-words", words(c.avg)));
    return td;
  }
  function renderGlance(d) {
    var box = $("[data-ap-report-glance]", root);
    if (!box) return;
    var holder = clear($("[data-ap-report-glance-table]", box));
    var key = $("[data-ap-report-key]", box);
    if (key) key.textContent = fill(w(box, "key"), { scale: OPTIONS.map(function (o) { return o.value + " " + o.label; }).join(", ") });
    if (!d.round || !d.tookPart.length) return;
    var table = el("table", "ap-rs-table ap-rs-glance ap-report__glance");
    table.appendChild(el("caption", null, fill(w(box, "caption"), { round: C.roundText(d.round) })));
    var head = el("tr");
    head.appendChild(th("col", w(box, "theme")));
    head.appendChild(th("col", w(box, "home")));
    d.tookPart.forEach(function (p) { head.appendChild(th("col", p.name)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    d.glance.forEach(function (row) {
      var tr = el("tr");
      tr.setAttribute("data-ap-theme", row.theme);
      tr.appendChild(th("row", title(row.theme)));
      var home = cell(row.home, w(box, "none"));
      home.className += " ap-rs-cell--home";
      tr.appendChild(home);
      d.tookPart.forEach(function (p) { tr.appendChild(cell(row.people[p.id], w(box, "none"))); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    holder.appendChild(table);
  }

  // ---- the action plan ----------------------------------------------------------------
  var LABELS = Object.create(null);
  (STATUS.options || []).forEach(function (o) { LABELS[o.value] = o.label; });
  function fieldText(f, id, type) {
    var v = f[id];
    if (id === "status") return LABELS[v || STATUSES[0]] || v || "";
    if (type === "date") return v ? C.fmtDate(v) : w(root, "no-date");
    return v || "";
  }
  var numbers = Object.create(null);  // action id -> its number in the plan (the evidence table points to it)
  function actionNode(tpl, x, n, box) {
    var a = x.action, f = a.fields || {};
    var node = tpl.content.firstElementChild.cloneNode(true);
    numbers[a.id] = n;
    $("[data-ap-action-number]", node).textContent = fill(w(box, "number"), { n: n });
    node.setAttribute("data-ap-action", a.id);
    node.setAttribute("data-ap-due", x.state);
    $("[data-ap-action-theme]", node).textContent = title(a.theme);
    FIELDS.forEach(function (fd) {
      var dd = $('[data-ap-action-field="' + fd.id + '"]', node);
      if (dd) dd.textContent = fieldText(f, fd.id, fd.type);
    });
    $("[data-ap-action-late]", node).hidden = x.state !== "overdue";
    showReview($("[data-ap-action-review]", node), a, box);
    return node;
  }
  /** The action's newest look back (issue 22), in the words the page carries. */
  function showReview(holder, a, box) {
    var lr = holder && box.hasAttribute("data-lb-in-plan") ? St.latestReview(a, data ? data.rounds : []) : null;
    if (!lr) return;
    var rv = lr.review;
    if (rv.outcome) holder.appendChild(el("p", "ap-report__lookback-outcome", fill(box.getAttribute("data-lb-in-plan"),
      { round: lr.round.title || C.roundText(lr.round), outcome: OUTCOME[rv.outcome] || rv.outcome })));
    if (rv.learned) holder.appendChild(el("p", null, fill(box.getAttribute("data-lb-learned"), { text: rv.learned })));
    if (rv.evidence) holder.appendChild(el("p", null, fill(box.getAttribute("data-lb-evidence"), { text: rv.evidence })));
    holder.hidden = !holder.firstChild;
  }
  function renderPlan(d) {
    var box = $("[data-ap-report-plan]", root);
    if (!box) return;
    var tpl = $("template[data-ap-report-action]", box);
    var open = clear($('[data-ap-report-actions="open"]', box)), done = clear($('[data-ap-report-actions="done"]', box));
    $("[data-ap-report-no-actions]", box).hidden = !!d.actions.length;
    $("[data-ap-report-done-heading]", box).hidden = !d.groups.done.length;
    var stopped = clear($('[data-ap-report-actions="stopped"]', box)), sh = $("[data-ap-report-stopped-heading]", box);
    if (sh) sh.hidden = !d.groups.stopped.length;
    numbers = Object.create(null);
    d.groups.open.concat(d.groups.done, stopped ? d.groups.stopped : []).forEach(function (x, i) {
      (x.state === "done" ? done : x.state === "stopped" ? stopped : open).appendChild(actionNode(tpl, x, i + 1, box));
    });
  }

  // ---- evidence for inspection ----------------------------------------------------------
  function renderEvidence(d) {
    var box = $("[data-ap-report-evidence]", root);
    if (!box) return;
    var rows = $$("tr[data-ap-statement]", box);
    var list = F.evidence(rows.map(function (tr) {
      return { id: tr.getAttribute("data-ap-statement"), themes: tr.getAttribute("data-ap-themes").split(" ") };
    }), d.sums, d.actions);
    rows.forEach(function (tr, i) {
      var e = list[i];
      var avg = $("[data-ap-statement-average]", tr);
      avg.textContent = e.avg === null ? w(box, "no-average") : F.fmt1(e.avg) + " (" + words(e.avg) + ")";
      if (e.avg !== null) avg.setAttribute("data-ap-avg", F.fmt1(e.avg));
      var nums = e.actions.map(function (a) { return numbers[a.id]; }).filter(Boolean).sort(function (a, b) { return a - b; });
      $("[data-ap-statement-actions]", tr).textContent = nums.length ? nums.join(", ") : w(box, "no-actions");
    });
  }

  // ---- the whole page ---------------------------------------------------------------------
  var data = null;
  function render() {
    data = read();
    var controls = $(".ap-report__controls", root);
    if (controls) Ch.fill(controls, St, data.sel);
    $$("[data-ap-report-example]", root).forEach(function (n) { n.hidden = !(data.home && data.home.id === "example-home"); });
    var empty = !data.round || !data.answers.some(function (a) { return a.round === data.round.id; });
    $("[data-ap-report-empty]", root).hidden = !empty;
    $("[data-ap-report-doc]", root).hidden = empty;
    root.classList.toggle("ap-report--empty", empty);
    renderCover(data);
    if (KIND === "you-said") {
      if (window.APReportParts) window.APReportParts.youSaid(root, data, api);
      return;
    }
    renderFound(data);
    renderGlance(data);
    renderPlan(data);
    if (KIND === "full" && window.APReportParts) window.APReportParts.themes(root, data, api);
    renderEvidence(data);
  }
  var timer = null;
  function onStorage(e) {
    if (e.key !== null && e.key.lastIndexOf(St.prefix, 0) !== 0) return;
    clearTimeout(timer);
    timer = setTimeout(render, 50);
  }
  var api = { THEMES: THEMES, OPTIONS: OPTIONS, SCALE: SCALE, w: w, clear: clear, li: li, th: th, title: title,
    words: words, joinAnd: joinAnd, fieldText: fieldText };
  window.APReport = { render: render, data: function () { return data; }, api: api };

  C.ready(function () {
    try { St.migrate(); } catch (e) { /* nothing is removed by a failed migration */ }
    render();
    root.addEventListener("change", function (e) { if (Ch.choose(e.target, St)) render(); });
    window.addEventListener("storage", onStorage);
    root.setAttribute("data-ap-ready", "1");
  });
})();
