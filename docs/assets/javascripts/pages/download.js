/* Care home action plan: downloads of the answers (export to a file).
 *
 * A part of the page (pages/page.js): the "Export answers to a file" buttons
 * on a theme page (in the session bar's storage warning) and on "Your data",
 * and "Export to a spreadsheet (CSV)" on "Your data". Whatever is still being
 * typed is saved first. The file is made by the storage layer (exportAll,
 * toCSV) and downloaded from this device: nothing leaves it.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;

  function download(text, name, type) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }
  function exportJSON() {
    P.flushAll();
    download(JSON.stringify(St.exportAll(), null, 1), "action-plan-" + C.today() + ".json", "application/json");
    St.markExported();
  }
  function exportCSV() {
    P.flushAll();
    download(St.toCSV(St.exportAll()), "action-plan-" + C.today() + ".csv", "text/csv;charset=utf-8");
  }

  P.part({
    clicks: {
      "export-json": exportJSON,  // your-data.js then shows the new "last exported" date
      "export-csv": exportCSV
    }
  });
})();
