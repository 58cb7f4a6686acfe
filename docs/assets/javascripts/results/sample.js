/* Care home action plan: the Results page, part 8 of 9 — "Load the example home":
 * content/sample-home.json (shipped as sample-home.js) put into a home of its own
 * with the fixed id, its dates counted back from today. See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;

  /** Load the example (example-home.js): shown here, never chosen for the device (issue 18). */
  function loadSample() {
    var sel = window.APExample ? window.APExample.load(R.SAMPLE_ID, R.MONTHS) : null;
    if (sel) R.state.home = R.SAMPLE_ID;
    return !!sel;
  }

  R.loadSample = loadSample;
})();
