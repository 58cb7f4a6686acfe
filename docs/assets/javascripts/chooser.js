/* Care home action plan: the home and round chooser (window.APChooser).
 *
 * One job: fill the two selects of a chooser (overrides/actionplan/
 * choose-home-round.html, or any select) from the store, and keep the choice
 * where every page finds it (the current home, the home's chosen round). Used
 * by the report pages (report.js) and the Results page (results.js). Reads and
 * writes only through window.APStore's public functions.
 */
(function () {
  "use strict";

  var C = window.APCommon;
  if (!C) return;

  var fillSelect = C.fillSelect;

  /** Fill the chooser in box for the home and round in sel (from APCommon.resolveSelection). */
  function fill(box, St, sel) {
    var homes = St.homes();
    var picker = C.$("[data-ap-choose-home]", box);
    if (picker) picker.hidden = homes.length < 2;
    var hs = C.$('[data-ap-choose-select="home"]', box), rs = C.$('[data-ap-choose-select="round"]', box);
    if (hs) fillSelect(hs, homes, sel.home, function (h) { return h.name || h.id; });
    if (rs) fillSelect(rs, sel.rounds.slice().reverse(), sel.round, C.roundText);
  }

  /** Keep a change of home or round (a change event from the chooser); true when it was one. */
  function choose(target, St) {
    var which = target.getAttribute("data-ap-choose-select");
    if (which === "home") { St.setCurrentHome(target.value); return true; }
    if (which === "round") {
      var h = St.currentHome();
      if (h) St.setSelection(h.id, { round: target.value, participant: St.getSelection(h.id).participant });
      return true;
    }
    return false;
  }

  window.APChooser = { fillSelect: fillSelect, fill: fill, choose: choose };
})();
