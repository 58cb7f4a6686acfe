/* Care home action plan: "a review is due" (issue 11).
 *
 * On the home page and the theme pages (overrides/partials/ap-review.html puts
 * the notice there, hidden): when the latest round's date plus the review
 * interval has passed, show the notice with the date. Its words are in the
 * markup; the figures are figures.js's.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, F = window.APFigures;
  if (!St || !C || !F) return;

  function update() {
    var box = C.$("[data-ap-review-notice]");
    if (!box) return;
    var home = St.currentHome();
    var months = parseInt(box.getAttribute("data-review-months"), 10) || 3;
    var next = home ? F.nextReview(St.rounds(home.id), months) : "";
    var due = F.reviewDue(next, C.today());
    var text = C.$("[data-ap-review-text]", box);
    if (text) text.textContent = due ? C.fill(box.getAttribute("data-template"), { date: C.fmtDate(next) }) : "";
    box.hidden = !due;
  }

  C.ready(function () {
    if (!C.$("[data-ap-review-notice]")) return;
    update();
    window.addEventListener("storage", function (e) {
      if (e.key === null || e.key.lastIndexOf(St.prefix, 0) === 0) update();
    });
    // a round started on this page, or another home chosen, in the session bar moves the date
    document.addEventListener("submit", function (e) {
      if (e.target && e.target.getAttribute("data-ap-form") === "new-round") setTimeout(update, 0);
    });
    document.addEventListener("change", function (e) {
      if (e.target && e.target.getAttribute && e.target.getAttribute("data-ap-select") === "home") setTimeout(update, 0);
    });
  });
})();
