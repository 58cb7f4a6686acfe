/* Care home action plan: the example home is for looking, not for answering (issue 18).
 *
 * A part of the page (pages/page.js), on the theme pages, loaded after the theme
 * form and the actions. While the example home (the session bar's
 * data-example-home) is the one chosen, the page says so (the bar's
 * [data-ap-example-note], words from content/toolkit.yml) and every control that
 * would save into it is disabled: the answers, the theme's notes, the actions,
 * a new round or person, and conversation mode. The theme form refuses to save
 * into it too (P.isExample), so nothing typed ever reaches it.
 */
(function () {
  "use strict";

  var P = window.APPage, C = window.APCommon;
  if (!P) return;
  var $ = C.$, $$ = C.$$;
  var ctx = P.ctx;

  /** True when ``home`` is the example home. */
  P.isExample = function (home) {
    var bar = $("#ap-session"), id = bar && bar.getAttribute("data-example-home");
    return !!id && !!home && home === id;
  };

  // what the theme form does not manage itself (it enables and disables its own fields by round)
  var OTHERS = '#ap-actions [data-ap-field], [data-ap-do="add-action"], [data-ap-do="remove-action"], ' +
    '[data-ap-do="reopen-round"], [aria-controls="ap-new-round"], [aria-controls="ap-new-participant"], ' +
    '[data-ap-conv-do="open"]';
  var FORM = "#ap-questions [data-ap-field], #ap-theme-notes [data-ap-field]";
  var locked = false;

  function restore() {
    var example = P.isExample(ctx.home);
    $$("[data-ap-example-note]").forEach(function (n) { n.hidden = !example; });
    if (example) {
      $$(FORM + ", " + OTHERS).forEach(function (c) { c.disabled = true; });
      locked = true;
    } else if (locked) {
      $$(OTHERS).forEach(function (c) { c.disabled = false; });
      locked = false;
    }
  }

  P.part({ restore: restore });
})();
