/* Care home action plan: the Results page, part 2 of 9 — choosing the home, the
 * round and the people, the facts of the round, and the bar of links that stays
 * in view (it shows the chosen home and round). See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, $ = C.$, $$ = C.$$, el = C.el, root = R.root;

  function renderChoose() {
    var data = R.data, homes = data.homes;
    var picker = $("[data-ap-rs-home-picker]", root);
    if (picker) picker.hidden = homes.length < 2;
    var hs = $('[data-ap-rs-select="home"]', root);
    if (hs) R.fillSelect(hs, homes, data.home && data.home.id, function (h) { return h.name || h.id; });
    var rs = $('[data-ap-rs-select="round"]', root);
    if (rs) R.fillSelect(rs, data.rounds.slice().reverse(), R.state.round, C.roundText);
    var box = $("[data-ap-rs-people]", root);
    if (box) {
      R.clear(box);
      data.participants.forEach(function (p, i) {
        var wrap = el("div", "ap-rs-check");
        var input = el("input");
        input.type = "checkbox";
        input.id = "ap-rs-person-" + i;
        input.checked = !R.state.left[p.id];
        input.setAttribute("data-ap-rs-person", p.id);
        var label = el("label", null, p.name);
        label.htmlFor = input.id;
        wrap.appendChild(input);
        wrap.appendChild(label);
        box.appendChild(wrap);
      });
    }
    var example = data.home && data.home.id === R.SAMPLE_ID;
    var hasSample = homes.some(function (h) { return h.id === R.SAMPLE_ID; });
    $$("[data-ap-rs-example-showing]", root).forEach(function (n) { n.hidden = !example; });
    $$('[data-ap-rs-do="remove-sample"]', root).forEach(function (n) { n.hidden = !hasSample; });
    $$('[data-ap-rs-do="load-sample"]', root).forEach(function (n) { n.hidden = hasSample || !window.ACTION_PLAN_SAMPLE; });
  }

  /** The facts of the round (home, round, date, who took part), and the same home and round in the bar. */
  function renderReport() {
    var r = R.currentRound(), report = $("[data-ap-rs-report]", root), none = R.attr(report, "data-none");
    var took = R.tookPart(), home = R.data.home;
    var facts = {
      home: home ? (home.name || (r && r.home) || "") : none,
      round: r ? r.title : none,
      date: r ? C.fmtDate(r.date) : "",
      people: took.length ? took.map(function (p) { return p.name; }).join(", ") : none
    };
    Object.keys(facts).forEach(function (k) {
      $$('[data-ap-rs-fact="' + k + '"]', root).forEach(function (d) { d.textContent = facts[k]; });
    });
    var bar = $("[data-ap-rs-bar]", root);
    if (bar) {
      var home$ = $('[data-ap-rs-bar-fact="home"]', bar), round$ = $('[data-ap-rs-bar-fact="round"]', bar);
      if (home$) home$.textContent = facts.home;
      if (round$) round$.textContent = facts.round;
    }
    barHeight();
  }

  /** The parts' headings stop below the bar when a link is followed: the bar's height, for the CSS. */
  function barHeight() {
    var bar = $("[data-ap-rs-bar]", root);
    if (bar) document.documentElement.style.setProperty("--ap-rs-bar", (getComputedStyle(bar).position === "sticky" ? Math.ceil(bar.getBoundingClientRect().height) : 0) + "px");
  }

  var bar = $("[data-ap-rs-bar]", root);
  if (bar && window.ResizeObserver) new ResizeObserver(barHeight).observe(bar);

  R.views.choose = renderChoose;
  R.views.report = renderReport;
  R.barHeight = barHeight;
})();
