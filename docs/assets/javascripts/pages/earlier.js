/* Care home action plan: answers to earlier questions.
 *
 * A part of the page (pages/page.js). Answers are kept for questions that are
 * no longer in the question set (content/toolkit.yml lists them as retired,
 * with their words). A theme page shows its own under the form (a section
 * copied from <template id="ap-ui-templates">, shown only when there are
 * some); "Your data" shows all of them (your-data.js calls renderEarlier).
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;
  var $ = C.$, el = C.el;
  var ctx = P.ctx;
  var QS = C.q.set;

  /** Fill container with the home's answers to earlier questions (of one theme, or all);
      returns how many. */
  P.renderEarlier = function (container, filterTheme) {
    var words = $("[data-ap-earlier-words]") || container;
    var tpl = $("#ap-ui-templates");
    if (tpl && !words.getAttribute("data-round")) {
      words = tpl.content.querySelector("[data-ap-earlier-words]") || words;
    }
    while (container.firstChild) container.removeChild(container.firstChild);
    if (!ctx.home) return 0;
    var rounds = Object.create(null), people = Object.create(null);
    (ctx.rounds || []).forEach(function (r) { rounds[r.id] = r; });
    (ctx.participants || []).forEach(function (p) { people[p.id] = p.name; });
    var n = 0;
    St.allAnswers(ctx.home, function (q) { return !!C.q.current[q]; }).forEach(function (a) {
      var theme = a.theme || C.q.theme[a.question] || "";
      if (filterTheme && theme !== filterTheme) return;
      n++;
      var item = el("div", "ap-earlier__item");
      item.setAttribute("data-ap-earlier-question", a.question);
      item.appendChild(el("p", "ap-earlier__question", C.q.text[a.question] || (words.getAttribute("data-unknown") + " (" + a.question + ")")));
      var dl = el("dl", "ap-earlier__answers");
      function row(label, value) {
        if (!value) return;
        dl.appendChild(el("dt", null, label));
        dl.appendChild(el("dd", null, value));
      }
      row(words.getAttribute("data-round"), rounds[a.round] ? C.roundText(rounds[a.round]) : a.round);
      row(words.getAttribute("data-person"), people[a.participant] || a.participant);
      row(QS.rating && QS.rating.prompt, C.q.ratingLabel[a.rating] || a.rating);
      Object.keys(a.notes).forEach(function (k) { row(C.q.noteLabel[k] || k, a.notes[k]); });
      item.appendChild(dl);
      container.appendChild(item);
    });
    return n;
  };

  function renderThemeEarlier() {
    var section = $("#ap-earlier");
    if (!section) {
      var tpl = $("#ap-ui-templates"), form = $("#ap-questions");
      if (!tpl || !form) return;
      section = tpl.content.querySelector('[data-ap-tpl="earlier"]').cloneNode(true);
      section.id = "ap-earlier";
      form.parentNode.insertBefore(section, form.nextSibling);
    }
    var n = P.renderEarlier($("[data-ap-earlier-list]", section), ctx.theme);
    section.hidden = n === 0;
  }

  P.part({
    restore: function () { if ($("#ap-questions")) renderThemeEarlier(); }
  });
})();
