/* Care home action plan: the storage layer, part 5 of 7 — the export of
 * everything to one JSON file (the session bar on theme pages and "Your data"),
 * the device notes (when the last export was made) and the bytes used.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var S = P.S, rawGet = P.rawGet, rawKeys = P.rawKeys, getJSON = P.getJSON, setJSON = P.setJSON;
  var nowIso = P.nowIso, isObj = P.isObj, questionSet = P.questionSet;
  var FORMAT = A.FORMAT, FORMAT_VERSION = A.FORMAT_VERSION;
  var homes = A.homes, rounds = A.rounds, participants = A.participants, allAnswers = A.allAnswers;
  var actions = A.actions, allThemeNotes = P.allThemeNotes, repair = P.repair, setAside = P.setAside;

  function exportHome(h) {
    return {
      id: h.id, name: h.name || "", created: h.created || "",
      rounds: rounds(h.id).map(function (r) {
        return { id: r.id, title: r.title || "", date: r.date || "", home: r.home || "",
          reopened: !!r.reopened, created: r.created || "" };
      }),
      participants: participants(h.id).map(function (p) { return { id: p.id, name: p.name || "", created: p.created || "" }; }),
      answers: allAnswers(h.id),
      theme_notes: allThemeNotes(h.id),
      actions: actions(h.id).map(function (a) {
        var x = { id: a.id, theme: a.theme || "", created: a.created || "", fields: isObj(a.fields) ? a.fields : {} };
        if (isObj(a.reviews) && Object.keys(a.reviews).length) x.reviews = a.reviews; // issue 22
        return x;
      })
    };
  }
  function exportAll() {
    var q = questionSet();
    repair(); // whatever is exported passes the importer's checks
    var out = {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      exported: nowIso(),
      question_set: { title: q.title || "", version: q.version === undefined ? null : q.version, hash: q.hash || "" },
      homes: homes().map(exportHome)
    };
    var aside = setAside();
    if (aside.length) out.set_aside = aside; // only when there is something damaged
    return out;
  }
  function markExported() {
    var d = getJSON(S + "device") || {};
    d.lastExport = nowIso();
    setJSON(S + "device", d);
  }
  function device() { return getJSON(S + "device") || {}; }

  /** How much this site keeps, in bytes (browsers count two bytes a character). */
  function usage() {
    var keys = rawKeys(S), n = 0;
    for (var i = 0; i < keys.length; i++) n += (keys[i].length + (rawGet(keys[i]) || "").length) * 2;
    return n;
  }

  A.exportAll = exportAll;
  A.markExported = markExported;
  A.device = device;
  A.usage = usage;
})();
