/* Care home action plan: the "Compare homes" page (issue 21).
 *
 * Opens many files at once (picked or dropped on the page), reads them here and
 * keeps them in memory only (nothing is stored or sent), then draws the grid,
 * the changes, the chart and the homes to talk to from the figures in
 * compare.js. Every word is in the page's markup (data-ap-words, from
 * content/compare.yml); text goes in with textContent only.
 */
(function () {
  "use strict";

  var C = window.APCommon, F = window.APFigures, S = window.APSummary, X = window.APCompare;
  var Files = window.APFiles, St = window.APStore;
  var root = C && C.$("[data-ap-compare]");
  if (!root || !F || !S || !X || !Files) return;

  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var W = JSON.parse(root.getAttribute("data-ap-words"));
  var QS = C.q.set || {};
  var OPTIONS = (QS.rating && QS.rating.options) || [];
  var HIGH = OPTIONS.length ? Number(OPTIONS[OPTIONS.length - 1].value) : 4;
  var BELOW = Number(root.getAttribute("data-below")) || 3;
  var THEMES = (QS.themes || []).map(function (t) { return t.id; });
  var SVGNS = "http://www.w3.org/2000/svg";
  var MAX_BYTES = (St && St.MAX_FILE_BYTES) || 5 * 1024 * 1024;

  var state = { summaries: [], files: 0, refused: [], notes: [], sort: { col: "home", dir: "ascending" } };

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function level(avg) {
    if (avg === null || avg === undefined) return 0;
    var best = 0, gap = Infinity;
    OPTIONS.forEach(function (o) { var d = Math.abs(Number(o.value) - avg); if (d <= gap) { gap = d; best = Number(o.value); } });
    return best;
  }
  var dates = Object.create(null); // a date in words, worked out once (toLocaleDateString is slow)
  function fmtDate(d) { return d in dates ? dates[d] : (dates[d] = C.fmtDate(d)); }
  function roundText(r) { return (r.title || "") + (r.date ? " (" + fmtDate(r.date) + ")" : ""); }
  function title(t) { return C.q.themeTitle[t] || t; }
  function reason(code) { return W.open.reasons[code] || W.open.reasons.wrong; }

  // ---- reading the files ------------------------------------------------------------
  function readOne(file, opts) {
    if (file.size > MAX_BYTES) return Promise.resolve({ ok: false, code: "too_big" });
    return Files.readText(file).then(function (text) {
      return S.read(text, opts, St ? St.validate : null);
    }, function () { return { ok: false, code: "damaged" }; });
  }
  function open(list) {
    var files = Array.prototype.slice.call(list || []);
    if (!files.length) return Promise.resolve();
    var opts = S.optionsFrom(QS, C.today());
    root.removeAttribute("data-ap-drawn");
    return Promise.all(files.map(function (f) { return readOne(f, opts); })).then(function (results) {
      results.forEach(function (res, i) {
        var name = files[i].name;
        if (!res.ok) { state.refused.push(fill(W.open.refused, { file: name, reason: reason(res.code) })); return; }
        state.files++;
        if (res.left) state.notes.push(fill(W.open.left_out, { file: name }));
        state.summaries = state.summaries.concat(res.summaries);
      });
      draw();
    });
  }

  // ---- drawing ------------------------------------------------------------------------
  function cell(td, avg) {
    clear(td);
    td.className = "ap-rs-cell" + (level(avg) ? " ap-rs-lvl-" + level(avg) : "");
    if (avg === null || avg === undefined) { td.appendChild(el("span", "ap-rs-small", W.grid.no_rating)); return; }
    td.setAttribute("data-ap-avg", F.fmt1(avg));
    td.appendChild(el("span", "ap-rs-words", F.nearestLabel(avg, OPTIONS)));
    td.appendChild(el("span", "ap-rs-avg", F.fmt1(avg)));
  }
  function drawGrid(homes) {
    var rows = X.sortRows(X.gridRows(homes, THEMES), state.sort.col, state.sort.dir);
    var body = clear($("[data-ap-cmp-grid] tbody", root)), frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-ap-home", r.id);
      tr.appendChild(el("th", null, r.name)).setAttribute("scope", "row");
      tr.appendChild(el("td", null, r.round ? roundText(r.round) : ""));
      THEMES.forEach(function (t) {
        var td = el("td");
        td.setAttribute("data-ap-theme", t);
        cell(td, r.cells[t]);
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    var avg = X.across(rows, THEMES), low = X.below(rows, THEMES, BELOW);
    $$('[data-ap-cmp-row="average"] td', root).forEach(function (td) { cell(td, avg[td.getAttribute("data-ap-theme")]); });
    $$('[data-ap-cmp-row="below"] td', root).forEach(function (td) { td.textContent = String(low[td.getAttribute("data-ap-theme")]); });
    $$("[data-ap-cmp-grid] thead th", root).forEach(function (th) {
      var on = th.getAttribute("data-ap-cmp-col") === state.sort.col, b = $("button", th);
      var note = $(".ap-visually-hidden", b);
      if (note) b.removeChild(note);
      if (on) {
        th.setAttribute("aria-sort", state.sort.dir);
        b.appendChild(el("span", "ap-visually-hidden", " (" + (state.sort.dir === "ascending" ? W.grid.sorted_up : W.grid.sorted_down) + ")"));
      } else th.removeAttribute("aria-sort");
    });
    return rows;
  }
  function drawChange(rows) {
    var body = clear($("[data-ap-cmp-change] tbody", root)), frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var ch = X.change(r.summary, THEMES), tr = el("tr");
      tr.setAttribute("data-ap-home", r.id);
      tr.appendChild(el("th", null, r.name)).setAttribute("scope", "row");
      THEMES.forEach(function (t) {
        var c = ch[t], td = el("td", "ap-cmp-move" + (c ? " ap-cmp-move--" + c.kind : ""));
        td.setAttribute("data-ap-theme", t);
        if (c) td.setAttribute("data-ap-change", c.kind);
        td.textContent = c ? fill(W.change[c.kind], { from: F.fmt1(c.from), to: F.fmt1(c.to) })
          : r.cells[t] === null ? W.grid.no_rating : W.change.none;
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
  }
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function drawChart(rows) {
    var theme = $("[data-ap-cmp-theme]", root).value || THEMES[0];
    var homes = rows.map(function (r) { return r.summary; });
    var list = X.series(homes, theme), fig = $("[data-ap-cmp-chart]", root);
    $("[data-ap-cmp-chart-caption]", fig).textContent = fill(W.chart.caption, { theme: title(theme) });
    $("[data-ap-cmp-series] caption", root).textContent = fill(W.chart.caption, { theme: title(theme) });
    var old = $("svg", fig);
    if (old) fig.removeChild(old);
    var width = 460, left = 150, bar = 18, gap = 4, head = 22, y = 4, plot = width - left - 40; // room for "15 September 2024"
    var g = svg("g", {}), body = clear($("[data-ap-cmp-series] tbody", root)), frag = document.createDocumentFragment();
    list.forEach(function (h) {
      g.appendChild(svg("text", { x: 0, y: y + 15, "class": "ap-cmp-chart-home" }, h.name));
      y += head;
      h.points.forEach(function (p) {
        g.appendChild(svg("text", { x: 8, y: y + 13, "class": "ap-rs-axis" }, fmtDate(p.date)));
        if (p.avg !== null) {
          var w = Math.max(1, Math.round(plot * p.avg / HIGH));
          g.appendChild(svg("rect", { x: left, y: y, width: w, height: bar, "class": "ap-cmp-bar", "data-ap-value": F.fmt1(p.avg) }));
          g.appendChild(svg("text", { x: left + w + 6, y: y + 14, "class": "ap-rs-value" }, F.fmt1(p.avg)));
        } else g.appendChild(svg("text", { x: left, y: y + 14, "class": "ap-rs-axis" }, W.grid.no_rating));
        y += bar + gap;
        var tr = el("tr");
        tr.appendChild(el("th", null, h.name)).setAttribute("scope", "row");
        tr.appendChild(el("td", null, p.title));
        tr.appendChild(el("td", null, fmtDate(p.date)));
        var td = tr.appendChild(el("td", null, p.avg === null ? W.grid.no_rating : F.fmt1(p.avg)));
        if (p.avg !== null) td.setAttribute("data-ap-avg", F.fmt1(p.avg));
        frag.appendChild(tr);
      });
      y += gap * 2;
    });
    body.appendChild(frag);
    var pic = svg("svg", { viewBox: "0 0 " + width + " " + Math.max(y, 10), role: "img", "data-ap-theme": theme,
      "aria-label": fill(W.chart.label, { theme: title(theme) }) });
    pic.appendChild(g);
    fig.appendChild(pic);
  }
  function drawTalk(homes) {
    var list = clear($("[data-ap-cmp-talk]", root)), talk = X.toTalkTo(homes, THEMES, C.today());
    talk.forEach(function (t) {
      var why = [];
      if (t.late) why.push(fill(W.talk.late, { n: t.late }));
      if (t.reviewDue) why.push(fill(W.talk.review, { date: fmtDate(t.reviewDue) }));
      if (t.down.length) why.push(fill(W.talk.down, { themes: t.down.map(title).join(", ") }));
      if (t.differ) why.push(fill(W.talk.differ, { n: t.differ }));
      var li = el("li");
      li.setAttribute("data-ap-home", t.id);
      li.appendChild(el("strong", null, t.name));
      li.appendChild(document.createTextNode(": " + why.join("; ") + "."));
      list.appendChild(li);
    });
    $("[data-ap-cmp-talk-none]", root).hidden = talk.length > 0;
  }
  function drawNotes(homes) {
    var refused = $("[data-ap-cmp-refused]", root), rl = clear($("[data-ap-cmp-refused-list]", root));
    state.refused.forEach(function (t) { rl.appendChild(el("li", null, t)); });
    refused.hidden = !state.refused.length;
    var seen = Object.create(null), twice = [];
    state.summaries.forEach(function (s) { seen[s.home.id] = (seen[s.home.id] || 0) + 1; });
    homes.forEach(function (s) { if (seen[s.home.id] > 1) twice.push(fill(W.open.twice, { home: s.home.name || s.home.id })); });
    var notes = clear($("[data-ap-cmp-notes]", root));
    state.notes.concat(twice).forEach(function (t) { notes.appendChild(el("li", null, t)); });
  }
  function draw() {
    var homes = S.merge(state.summaries), any = homes.length > 0;
    drawNotes(homes);
    $("[data-ap-cmp-report]", root).hidden = !any;
    $("[data-ap-cmp-empty]", root).hidden = any;
    $('[data-ap-cmp-do="clear"]', root).hidden = !any && !state.refused.length;
    $$("[data-ap-cmp-print], [data-ap-cmp-print-hint]", root).forEach(function (n) { n.hidden = !any; });
    var said = any ? fill(W.open.loaded, { homes: homes.length, files: state.files }) : "";
    $("[data-ap-cmp-status]", root).textContent = said;
    $("[data-ap-cmp-summary]", root).textContent = said;
    if (any) {
      var rows = drawGrid(homes);
      drawChange(rows);
      drawChart(rows);
      drawTalk(homes);
    }
    root.setAttribute("data-ap-drawn", String(homes.length));
  }

  // ---- what people do ---------------------------------------------------------------------
  function saveCSV() {
    var homes = S.merge(state.summaries);
    var rows = X.sortRows(X.gridRows(homes, THEMES), state.sort.col, state.sort.dir);
    var head = [W.grid.home, W.grid.csv_home_id, W.grid.round, W.grid.csv_date].concat(THEMES.map(title));
    var name = (S.slug(W.title) || "homes") + "-" + C.today() + ".csv";
    Files.save(Files.fileOf(S.csv(X.gridTable(rows, THEMES, head)), name, "text/csv"));
  }
  function clearAll() {
    state = { summaries: [], files: 0, refused: [], notes: [], sort: state.sort };
    var input = $("#ap-cmp-files");
    input.value = "";
    draw();
    $("[data-ap-cmp-status]", root).textContent = W.open.cleared;
    input.focus();
  }
  $("#ap-cmp-files").addEventListener("change", function (e) { open(e.target.files); });
  root.addEventListener("click", function (e) {
    var sort = e.target.closest(".ap-cmp-sort");
    if (sort) {
      var col = sort.parentNode.getAttribute("data-ap-cmp-col");
      state.sort = { col: col, dir: state.sort.col === col && state.sort.dir === "ascending" ? "descending" : "ascending" };
      var rows = drawGrid(S.merge(state.summaries));
      drawChange(rows);
      return;
    }
    var b = e.target.closest("[data-ap-cmp-do]");
    if (!b) return;
    if (b.getAttribute("data-ap-cmp-do") === "csv") saveCSV();
    if (b.getAttribute("data-ap-cmp-do") === "clear") clearAll();
  });
  $("[data-ap-cmp-theme]", root).addEventListener("change", function () {
    drawChart(X.sortRows(X.gridRows(S.merge(state.summaries), THEMES), state.sort.col, state.sort.dir));
  });
  // Files dropped anywhere on the page are read here, never opened by the browser.
  document.addEventListener("dragover", function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") !== -1) {
      e.preventDefault();
      root.classList.add("ap-cmp--dropping");
    }
  });
  document.addEventListener("dragleave", function () { root.classList.remove("ap-cmp--dropping"); });
  document.addEventListener("drop", function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files || !e.dataTransfer.files.length) return;
    e.preventDefault();
    root.classList.remove("ap-cmp--dropping");
    open(e.dataTransfer.files);
  });
  // fixed column widths (see actionplan.css): the home, the round, then one per theme
  $$("table.ap-cmp-grid, table.ap-cmp-change", root).forEach(function (t) {
    t.style.width = (t.classList.contains("ap-cmp-grid") ? 19 : 10) + THEMES.length * 7.5 + "rem";
  });
  draw();
  root.setAttribute("data-ap-ready", "");
})();
