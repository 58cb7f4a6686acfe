/* Care home action plan: the Results page, part 6 of 9 — progress over time:
 * a chart per theme (results/chart.js) once two rounds have ratings, the same
 * numbers in a table, and what changed since the round before.
 * See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, F = R.F, $ = C.$, el = C.el, fill = C.fill, attr = R.attr, root = R.root;
  var last = null;  // what the charts were drawn from, to draw them again at a new width

  function drawCharts() {
    var box = $("[data-ap-rs-progress]", root), charts = box && $("[data-ap-rs-chart]", box);
    if (!charts) return;
    R.clear(charts);
    if (!last) return;
    var figs = R.THEMES.map(function (t) {
      var fig = el("figure", "ap-rs-chart");
      fig.appendChild(el("figcaption", null, t.title));
      charts.appendChild(fig);
      return fig;
    });
    R.THEMES.forEach(function (t, i) {
      var fig = figs[i], width = fig.getBoundingClientRect().width;
      var em = parseFloat(getComputedStyle(fig).fontSize) || 16;
      fig.appendChild(R.chart(t, last.rounds, last.prog[t.id], box, width || 320, em));
    });
    last.width = charts.getBoundingClientRect().width;
    last.em = getComputedStyle(charts).fontSize;
  }

  function renderTable(box, prog, rounds) {
    var tableBox = R.clear($("[data-ap-rs-progress-table]", box));
    var table = el("table", "ap-rs-table ap-rs-progress-table");
    table.appendChild(el("caption", null, attr(box, "data-caption"))).id = "ap-rs-progress-caption";
    var head = el("tr");
    head.appendChild(R.th("col", attr(box, "data-theme")));
    rounds.forEach(function (r) { head.appendChild(R.th("col", C.roundText(r))); });
    table.appendChild(el("thead")).appendChild(head);
    var tb = el("tbody");
    R.THEMES.forEach(function (t) {
      var tr = el("tr");
      tr.setAttribute("data-ap-theme", t.id);
      tr.appendChild(R.th("row", t.title));
      prog[t.id].forEach(function (v) {
        var td = el("td", null, v === null ? attr(box, "data-no-value") : F.fmt1(v));
        if (v !== null) td.setAttribute("data-ap-avg", F.fmt1(v));
        tr.appendChild(td);
      });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    tableBox.appendChild(table);
  }

  function renderProgress() {
    var box = $("[data-ap-rs-progress]", root);
    if (!box) return;
    var people = R.included().map(function (p) { return p.id; });
    var rounds = R.data.rounds;
    var prog = F.progress(R.data.answers, rounds, R.THEMES, people, R.SCALE, R.isCurrent);
    var rated = rounds.filter(function (r, i) { return R.THEMES.some(function (t) { return prog[t.id][i] !== null; }); });
    R.show("one-round", !!R.data.answers.length && rated.length < 2);
    box.hidden = !rated.length;
    renderChanges(prog);
    // one round: no charts (a sentence says they come after the next round); the table stays
    last = rated.length >= 2 ? { prog: prog, rounds: rounds } : null;
    var charts = $("[data-ap-rs-chart]", box);
    if (charts) charts.hidden = !last;
    var note = $("[data-ap-rs-chart-note]", box);
    if (note) note.hidden = !last;
    drawCharts();
    if (rated.length) renderTable(box, prog, rounds); else R.clear($("[data-ap-rs-progress-table]", box));
    return prog;
  }

  function renderChanges(prog) {
    var ul = $("[data-ap-rs-changes]", root);
    if (!ul) return;
    R.clear(ul);
    var list = F.changes(prog, R.THEMES, R.roundIndex());
    if (!list.length) { ul.appendChild(el("li", "ap-rs-none", attr(ul, "data-none"))); return; }
    list.forEach(function (c) {
      var li = el("li", "ap-rs-change ap-rs-change--" + c.kind,
        fill(attr(ul, "data-" + c.kind), { theme: C.q.themeTitle[c.theme], from: F.fmt1(c.from), to: F.fmt1(c.to) }));
      li.setAttribute("data-ap-theme", c.theme);
      li.setAttribute("data-ap-change", c.kind);
      ul.appendChild(li);
    });
  }

  /** A new width or text size: draw the charts again to fit (a moment after the last change). */
  var timer = null;
  function resized() {
    var charts = $("[data-ap-rs-chart]", root);
    if (!last || !charts) return;
    if (charts.getBoundingClientRect().width === last.width && getComputedStyle(charts).fontSize === last.em) return;
    clearTimeout(timer);
    timer = setTimeout(drawCharts, 100);
  }
  if (window.ResizeObserver) {
    var watched = $("[data-ap-rs-chart]", root);
    if (watched) new ResizeObserver(resized).observe(watched);
  }
  window.addEventListener("resize", resized);
  if (window.MutationObserver) {  // the "Text size" choice changes the size of the charts' text
    new MutationObserver(resized).observe(document.documentElement, { attributes: true, attributeFilter: ["data-ap-text-size"] });
  }

  R.views.progress = renderProgress;
})();
