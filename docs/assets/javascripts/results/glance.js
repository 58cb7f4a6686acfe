/* Care home action plan: the Results page, part 3 of 9 — the whole home at a
 * glance (themes by people, "Whole home" first after the theme) and what to talk
 * about. See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, F = R.F, $ = C.$, $$ = C.$$, el = C.el, fill = C.fill, attr = R.attr, root = R.root;

  function levelClass(avg) { return avg === null ? "ap-rs-lvl-0" : "ap-rs-lvl-" + Math.round(avg); }
  function cellNode(c, box) {
    var td = el("td", "ap-rs-cell " + levelClass(c.avg));
    if (c.avg !== null) {
      td.setAttribute("data-ap-avg", F.fmt1(c.avg));
      td.appendChild(el("span", "ap-rs-avg", F.fmt1(c.avg)));
      td.appendChild(el("span", "ap-rs-words", F.nearestLabel(c.avg, R.OPTIONS)));
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
    R.clear(box);
    var people = R.tookPart(), r = R.currentRound();
    R.show("one-person", !!R.data.answers.length && people.length < 2);
    if (!r || !people.length) return;
    var ids = people.map(function (p) { return p.id; });
    var rows = F.glance(R.roundAnswers(ids), R.THEMES, ids, R.SCALE);
    var table = el("table", "ap-rs-table ap-rs-glance");
    table.appendChild(el("caption", null, fill(attr(box, "data-caption"), { round: C.roundText(r) }))).id = "ap-rs-glance-caption";
    var head = el("tr");
    head.appendChild(R.th("col", attr(box, "data-theme")));
    head.appendChild(R.th("col", attr(box, "data-home"))).className = "ap-rs-cell--home";
    people.forEach(function (p) { head.appendChild(R.th("col", p.name)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row, i) {
      var tr = el("tr");
      tr.setAttribute("data-ap-theme", row.theme);
      var name = R.th("row");
      name.appendChild(R.link("#side-" + row.theme, R.THEMES[i].title));
      tr.appendChild(name);
      var home = cellNode(row.home, box);
      home.className += " ap-rs-cell--home";
      tr.appendChild(home);
      people.forEach(function (p) { tr.appendChild(cellNode(row.people[p.id], box)); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    return rows;
  }

  function renderTalk() {
    var lists = {};
    $$("[data-ap-rs-talk]", root).forEach(function (ol) { lists[ol.getAttribute("data-ap-rs-talk")] = R.clear(ol); });
    var people = R.tookPart().map(function (p) { return p.id; });
    var index = R.roundAnswers(people);
    var t = F.talk(index, R.THEMES, people, R.SCALE, F.glance(index, R.THEMES, people, R.SCALE), 5);
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
      return R.link(R.questionHref(s.theme, s.question), fill(tpl, { question: C.q.text[s.question], theme: C.q.themeTitle[s.theme],
        low: R.ratingWords(String(s.low)), high: R.ratingWords(String(s.high)) }));
    });
    fillList(lists["not-sure"], t.notSure, function (s, tpl) {
      return R.link(R.questionHref(s.theme, s.question), fill(tpl, { question: C.q.text[s.question], theme: C.q.themeTitle[s.theme], n: s.notSure }));
    });
    fillList(lists.lowest, t.lowest, function (g, tpl) {
      return R.link("#side-" + g.theme, fill(tpl, { theme: C.q.themeTitle[g.theme], average: F.fmt1(g.avg), words: F.nearestLabel(g.avg, R.OPTIONS) }));
    });
  }

  R.views.glance = renderGlance;
  R.views.talk = renderTalk;
})();
