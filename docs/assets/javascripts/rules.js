/* Care home action plan: the one set of rules for what can be stored (window.APRules).
 *
 * A classic script, loaded before store.js. The storage layer uses these rules
 * when the pages save something and when a file is imported, so whatever the
 * pages let someone store, the importer accepts, and the other way round. The
 * templates carry the same limits as maxlength and max attributes (a test
 * checks they agree).
 */
(function () {
  "use strict";

  var R = {
    MAX_TEXT: 20000,     // a note or an action field, in UTF-16 code units (as maxlength counts)
    MAX_NAME: 200,       // a home, round or person's name, a round's title
    MAX_HOMES: 100,      // more than the pages can show in about a second is refused on import
    MAX_ROUNDS: 500,     // per home
    MAX_PEOPLE: 500,     // per home
    MAX_ASIDE: 100000,   // the text of one damaged record kept aside
    MAX_ASIDE_KEY: 1000, // the name of one (a longer stored key is shortened when it is set aside)
    MAX_SET_ASIDE: 200000, // damaged records in one export: as many as the device can hold (issue 18)
    MAX_DATE: "9999-12-31",
    ID_RE: /^[a-z0-9](?:[a-z0-9-]{0,63})$/
  };

  R.isId = function (v) { return typeof v === "string" && R.ID_RE.test(v); };
  /** A rating or a choice as the pages store it: an id ("not-sure", "in-progress") or a whole
      number ("3"). One this version does not know (a newer version's) is kept as it is. */
  R.isValue = function (v) { return typeof v === "string" && (R.ID_RE.test(v) || /^-?\d{1,9}$/.test(v)); };

  /** A real calendar date written YYYY-MM-DD, with a four-digit year. */
  R.isDate = function (s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    var d = new Date(s + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  };
  /** A moment in time as toISOString writes it (or close to it). */
  R.isStamp = function (s) {
    return typeof s === "string" && s.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(s) && !isNaN(new Date(s).getTime());
  };
  R.text = function (v, max) {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") return "";
    return String(v).slice(0, max || R.MAX_TEXT);
  };
  R.name = function (v) { return R.text(v, R.MAX_NAME); };
  /** One cell of a CSV file (the export, the commissioner's summary, Compare homes):
      quoted when it must be, and never read by a spreadsheet as a formula. */
  R.csvCell = function (v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // keep spreadsheets from running formulas
    if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  };
  /** Rows (arrays of cells) as CSV text, with a byte order mark for spreadsheets. */
  R.csv = function (rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(R.csvCell).join(","); }).join("\r\n") + "\r\n";
  };

  window.APRules = R;
})();
