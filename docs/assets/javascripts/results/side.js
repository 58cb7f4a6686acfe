/* Care home action plan: the Results page, part 4 of 9 — side by side: for each
 * theme a compact grid of questions by people with the rating in words, the
 * notes on demand (a disclosure under the question), and the questions nobody
 * answered folded away. See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, F = R.F, $ = C.$, el = C.el, fill = C.fill, attr = R.attr, root = R.root;

  function hasAnswer(a) {
    return !!a && (!!a.rating || Object.keys(a.notes || {}).some(function (k) { return a.notes[k]; }));
  }

  /** The notes people wrote to one question, behind a disclosure ("Notes (3)"). */
  function notesRow(row, people, words, cols) {
    var who = people.filter(function (p) {
      var a = row.answers[p.id];
      return a && Object.keys(a.notes || {}).some(function (k) { return a.notes[k]; });
    });
    if (!who.length) return null;
    var n = 0;
    var list = el("ul", "ap-rs-notes");
    who.forEach(function (p) {
      var a = row.answers[p.id], li = el("li");
      li.appendChild(el("strong", "ap-rs-notes__who", p.name));
      Object.keys(a.notes).forEach(function (k) {
        if (!a.notes[k]) return;
        n++;
        var line = el("p");
        line.appendChild(el("span", "ap-rs-notes__label", (C.q.noteLabel[k] || k) + ": "));
        line.appendChild(document.createTextNode(a.notes[k]));
        li.appendChild(line);
      });
      list.appendChild(li);
    });
    var tr = el("tr", "ap-rs-notes-row" + (row.flagged ? " ap-rs-notes-row--flagged" : ""));
    var td = el("td");
    td.colSpan = cols;
    var details = el("details", "ap-rs-notes-box");
    details.appendChild(el("summary", null, fill(attr(words, "data-show-notes"), { n: n })));
    details.appendChild(list);
    td.appendChild(details);
    tr.appendChild(td);
    return tr;
  }

  function renderTheme(t, section, people, index, words) {
    var body = R.clear($("[data-ap-rs-side-body]", section));
    var ids = people.map(function (p) { return p.id; });
    var rows = F.sideBySide(index, t.questions, ids, R.SCALE, R.state.flaggedFirst);
    var answered = rows.filter(function (r) { return ids.some(function (p) { return hasAnswer(r.answers[p]); }); });
    var nobody = rows.filter(function (r) { return answered.indexOf(r) < 0; });
    section.classList.toggle("ap-rs-theme--flagged", rows.some(function (r) { return r.flagged; }));
    if (!answered.length) { body.appendChild(el("p", "ap-rs-none", attr(words, "data-none"))); return; }
    var region = el("div", "ap-rs-scroll");
    region.setAttribute("role", "region");
    region.setAttribute("aria-labelledby", "side-" + t.id + "-title ap-side-title");  // unlike the theme's own section
    region.tabIndex = 0;
    var table = el("table", "ap-rs-table ap-rs-side");
    var head = el("tr");
    head.appendChild(R.th("col", attr(words, "data-question")));
    people.forEach(function (p) { head.appendChild(R.th("col", p.name)); });
    table.appendChild(el("thead")).appendChild(head);
    var tb = el("tbody");
    answered.forEach(function (row) {
      var tr = el("tr", "ap-rs-q" + (row.flagged ? " ap-rs-q--flagged" : ""));
      tr.setAttribute("data-ap-question", row.question);
      var q = R.th("row");
      q.appendChild(R.link(R.questionHref(t.id, row.question), C.q.text[row.question]));
      if (row.flagged) q.appendChild(el("p", "ap-rs-flag", attr(words, "data-flag")));
      tr.appendChild(q);
      people.forEach(function (p) {
        var a = row.answers[p.id];
        var n = a ? F.num(a.rating, R.SCALE) : null;
        var td = a && a.rating ? el("td", "ap-rs-rating ap-rs-lvl-" + (n === null ? 0 : n), R.ratingWords(a.rating))
          : el("td", "ap-rs-rating ap-rs-rating--none", attr(words, "data-no-answer"));
        if (a && a.rating) td.setAttribute("data-ap-rating", a.rating);
        tr.appendChild(td);
      });
      tb.appendChild(tr);
      var notes = notesRow(row, people, words, people.length + 1);
      if (notes) tb.appendChild(notes);
    });
    table.appendChild(tb);
    region.appendChild(table);
    body.appendChild(region);
    if (nobody.length) {
      var fold = el("details", "ap-rs-unanswered");
      fold.appendChild(el("summary", null, fill(attr(words, "data-unanswered"), { n: nobody.length })));
      var ul = el("ul");
      nobody.forEach(function (row) {
        ul.appendChild(el("li")).appendChild(R.link(R.questionHref(t.id, row.question), C.q.text[row.question]));
      });
      fold.appendChild(ul);
      body.appendChild(fold);
    }
  }

  function renderSide() {
    var words = $("[data-ap-rs-side-words]", root);
    if (!words) return;
    var people = R.tookPart();
    var index = R.roundAnswers(people.map(function (p) { return p.id; }));
    R.THEMES.forEach(function (t) {
      var section = $('[data-ap-rs-side="' + t.id + '"]', root);
      if (section) renderTheme(t, section, people, index, words);
    });
  }

  R.views.side = renderSide;
})();
