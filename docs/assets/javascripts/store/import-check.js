/* Care home action plan: the storage layer, part 6 of 7 ("Your data" only) —
 * checking a file fully before anything in it is imported.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var isObj = P.isObj, own = P.own, obj = P.obj, RULES = P.RULES;
  var FORMAT = A.FORMAT, FORMAT_VERSION = A.FORMAT_VERSION, MAX_FILE_BYTES = A.MAX_FILE_BYTES;
  var MAX_TEXT = P.MAX_TEXT, MAX_NAME = P.MAX_NAME, MAX_ITEMS = 200000;
  var ratingValues = P.ratingValues, actionFieldTypes = P.actionFieldTypes, questionSet = P.questionSet;

  // Messages for import problems (kept here from before issue 12; newer
  // messages, such as the scale limits and undo, are in the pages' markup and
  // are looked up by the code that validate and undoImport return).
  var MESSAGES = {
    "too-big": "This file is too big (over 5 MB). An export from this tool is much smaller. Check you chose the right file.",
    "empty": "This file is empty. There is nothing in it to import.",
    "not-json": "This is not an export from the care home action plan. Choose the .json file you saved when you exported your answers.",
    "damaged": "This file is damaged or not complete. It may not have finished copying. Try exporting it again.",
    "not-object": "This file does not hold answers from the care home action plan.",
    "other-tool": "This file comes from another tool, not from the care home action plan.",
    "question-set": "This is the list of questions, not an export of answers.",
    "newer": "This file comes from a newer version of the action plan. Open the newest version of this site, then try again.",
    "bad-version": "This file has a version number we do not know, so we cannot read it safely.",
    "no-homes": "This file has no answers in it.",
    "impossible": "This file has something in it that cannot be right: ",
    "too-many": "This file has far too many answers to be a real export.",
    "storage": "We could not change what is stored on this device. Nothing was changed."
  };

  function Problem(code, detail) { this.code = code; this.detail = detail || ""; }
  function impossible(detail) { throw new Problem("impossible", detail); }

  var isDate = RULES.isDate, isStamp = RULES.isStamp;
  function checkKeys(o, allowed, where) {
    if (!isObj(o)) impossible(where + " is not a record");
    for (var k in o) if (own(o, k) && allowed.indexOf(k) === -1) impossible(where + " has a field we do not know: \"" + k.slice(0, 40) + "\"");
  }
  function checkId(v, where) {
    if (!RULES.isId(v)) impossible(where + " has an id that is not allowed");
  }
  function checkText(v, where, max) {
    if (typeof v !== "string") impossible(where + " should be text");
    if (v.length > (max || MAX_TEXT)) impossible(where + " is far too long");
  }
  function checkNotes(notes, where) {
    if (!isObj(notes)) impossible(where + " notes are not a record");
    for (var k in notes) {
      if (!own(notes, k)) continue;
      checkId(k, where + " notes");
      checkText(notes[k], where + " note \"" + k + "\"");
    }
  }

  /** An action's look backs (issue 22): {roundId: {outcome, learned, evidence, updated, before}}. */
  function checkReviews(reviews, where) {
    if (!isObj(reviews)) impossible(where + " has look backs that are not a record");
    for (var r in reviews) {
      if (!own(reviews, r)) continue;
      var v = reviews[r], w = where + ", look back";
      checkId(r, w);
      checkKeys(v, ["outcome", "learned", "evidence", "updated", "before"], w);
      if (v.outcome !== undefined && !RULES.isValue(v.outcome)) impossible(w + " has an outcome that is not one of the choices");
      if (v.before !== undefined && v.before !== "" && !RULES.isValue(v.before)) impossible(w + " has a status that is not one of the choices");
      if (v.learned !== undefined) checkText(v.learned, w);
      if (v.evidence !== undefined) checkText(v.evidence, w);
      if (v.updated !== undefined && v.updated !== "" && !isStamp(v.updated)) impossible(w + " has a time that is not real");
    }
  }

  function validateData(data) {
    if (!isObj(data)) throw new Problem("not-object");
    if (data.format !== FORMAT) {
      if (data.format === "care-home-action-plan/question-set") throw new Problem("question-set");
      throw new Problem("other-tool");
    }
    var fv = data.format_version;
    if (typeof fv !== "number" || fv !== Math.floor(fv) || fv < 1) throw new Problem("bad-version");
    if (fv > FORMAT_VERSION) throw new Problem("newer");
    checkKeys(data, ["format", "format_version", "exported", "question_set", "homes", "set_aside"], "The file");
    if (data.exported !== undefined && !isStamp(data.exported)) impossible("the export date is not a real date");
    if (data.question_set !== undefined && !isObj(data.question_set)) impossible("the question set is not a record");
    if (!Array.isArray(data.homes)) impossible("the list of homes is missing");
    if (!data.homes.length) throw new Problem("no-homes");
    if (data.homes.length > RULES.MAX_HOMES) throw new Problem("too-many-homes");
    var scale = ratingValues(), fieldTypes = actionFieldTypes(), total = 0, homeIds = obj();
    var unknown = 0; // ratings and choices this version does not know: kept as they are (issue 18)
    if (data.set_aside !== undefined) {
      if (!Array.isArray(data.set_aside)) impossible("the damaged records are not a list");
      if (data.set_aside.length > RULES.MAX_SET_ASIDE) throw new Problem("too-many");
      var asideKeys = obj();
      data.set_aside.forEach(function (x, i) {
        checkKeys(x, ["key", "text"], "damaged record " + (i + 1));
        checkText(x.key, "damaged record " + (i + 1), RULES.MAX_ASIDE_KEY);
        checkText(x.text, "damaged record " + (i + 1), RULES.MAX_ASIDE);
        if (!x.key || asideKeys[x.key]) impossible("two damaged records have the same name");
        asideKeys[x.key] = 1;
      });
    }
    data.homes.forEach(function (h, hi) {
      var w = "home " + (hi + 1);
      checkKeys(h, ["id", "name", "created", "rounds", "participants", "answers", "theme_notes", "actions"], w);
      checkId(h.id, w);
      if (homeIds[h.id]) impossible("two homes have the same id");
      homeIds[h.id] = 1;
      checkText(h.name, w + " name", MAX_NAME);
      if (h.created && !isStamp(h.created)) impossible(w + " has a date that is not real");
      ["rounds", "participants", "answers", "theme_notes", "actions"].forEach(function (k) {
        if (!Array.isArray(h[k])) impossible(w + " has no list of " + k.replace("_", " "));
        total += h[k].length;
      });
      if (total > MAX_ITEMS) throw new Problem("too-many");
      if (h.participants.length > RULES.MAX_PEOPLE) throw new Problem("too-many-people");
      if (h.rounds.length > RULES.MAX_ROUNDS) throw new Problem("too-many-rounds");
      var rids = obj(), pids = obj(), aids = obj(), seen = obj(), tseen = obj();
      h.rounds.forEach(function (r, i) {
        var wr = w + ", round " + (i + 1);
        checkKeys(r, ["id", "title", "date", "home", "reopened", "created"], wr);
        checkId(r.id, wr);
        if (rids[r.id]) impossible("two rounds have the same id");
        rids[r.id] = 1;
        checkText(r.title, wr + " title", MAX_NAME);
        if (!isDate(r.date)) impossible(wr + " date \"" + String(r.date).slice(0, 20) + "\" is not a real date");
        checkText(r.home, wr + " home name", MAX_NAME);
        if (typeof r.reopened !== "boolean") impossible(wr + " should say yes or no to \"reopened\"");
        if (r.created && !isStamp(r.created)) impossible(wr + " has a time that is not real");
      });
      h.participants.forEach(function (p, i) {
        var wp = w + ", person " + (i + 1);
        checkKeys(p, ["id", "name", "created"], wp);
        checkId(p.id, wp);
        if (pids[p.id]) impossible("two people have the same id");
        pids[p.id] = 1;
        checkText(p.name, wp + " name", MAX_NAME);
        if (p.created && !isStamp(p.created)) impossible(wp + " has a time that is not real");
      });
      h.answers.forEach(function (a, i) {
        var wa = w + ", answer " + (i + 1);
        checkKeys(a, ["round", "participant", "question", "theme", "rating", "notes"], wa);
        if (typeof a.round !== "string" || !rids[a.round]) impossible(wa + " belongs to a round that is not in the file");
        if (typeof a.participant !== "string" || !pids[a.participant]) impossible(wa + " belongs to a person who is not in the file");
        checkId(a.question, wa);
        if (a.theme !== "") checkId(a.theme, wa);
        if (a.rating !== null && a.rating !== undefined) {
          if (typeof a.rating !== "string" && typeof a.rating !== "number") impossible(wa + " has a rating that is not on the scale");
          if (scale.indexOf(String(a.rating)) === -1) {
            if (!RULES.isValue(String(a.rating))) impossible(wa + " has a rating (" + String(a.rating).slice(0, 20) + ") that is not on the scale");
            unknown++;
          }
        }
        checkNotes(a.notes, wa);
        var key = a.round + ":" + a.participant + ":" + a.question;
        if (seen[key]) impossible("the same answer is in the file twice");
        seen[key] = 1;
      });
      h.theme_notes.forEach(function (t, i) {
        var wt = w + ", theme notes " + (i + 1);
        checkKeys(t, ["round", "theme", "notes"], wt);
        if (typeof t.round !== "string" || !rids[t.round]) impossible(wt + " belong to a round that is not in the file");
        checkId(t.theme, wt);
        checkNotes(t.notes, wt);
        if (tseen[t.round + ":" + t.theme]) impossible("the same theme notes are in the file twice");
        tseen[t.round + ":" + t.theme] = 1;
      });
      h.actions.forEach(function (a, i) {
        var wx = w + ", action " + (i + 1);
        checkKeys(a, ["id", "theme", "created", "fields", "reviews"], wx);
        if (a.reviews !== undefined) checkReviews(a.reviews, wx);
        checkId(a.id, wx);
        if (aids[a.id]) impossible("two actions have the same id");
        aids[a.id] = 1;
        checkId(a.theme, wx);
        if (a.created && !isStamp(a.created)) impossible(wx + " has a time that is not real");
        if (!isObj(a.fields)) impossible(wx + " has no fields");
        for (var k in a.fields) {
          if (!own(a.fields, k)) continue;
          checkId(k, wx);
          checkText(a.fields[k], wx + " \"" + k + "\"");
          var f = fieldTypes[k];
          if (f && f.type === "date" && a.fields[k] && !isDate(a.fields[k])) impossible(wx + " has a date that is not real");
          if (f && f.options && a.fields[k]) {
            var ok = f.options.some(function (o) { return String(o.value) === a.fields[k]; }) ||
              (questionSet().retired_values || []).some(function (r) { return r.of === k && String(r.value) === a.fields[k]; });
            if (!ok && !RULES.isValue(a.fields[k])) impossible(wx + " has a " + f.label.toLowerCase() + " that is not one of the choices");
            if (!ok) unknown++;
          }
        }
      });
    });
    return unknown;
  }

  /** Check a file's text fully. Returns {ok, data, summary} or {ok: false, code, message}.
      Codes without a message here (too-many-people, too-many-rounds, too-many-homes)
      are worded in the page's markup. */
  function validate(text, size) {
    try {
      if (typeof size === "number" && size > MAX_FILE_BYTES) throw new Problem("too-big");
      if (typeof text !== "string") throw new Problem("not-json");
      if (text.length > MAX_FILE_BYTES) throw new Problem("too-big");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!text.trim()) throw new Problem("empty");
      var data;
      try {
        // JSON.parse makes own properties only, so a key such as "__proto__" is
        // plain data here; the checks below refuse keys that are not ids.
        data = JSON.parse(text);
      } catch (e) {
        var first = text.trim().charAt(0);
        throw new Problem(first === "{" || first === "[" ? "damaged" : "not-json");
      }
      var unknown = validateData(data);
      var s = { homes: data.homes.length, rounds: 0, participants: 0, answers: 0, actions: 0 };
      data.homes.forEach(function (h) {
        s.rounds += h.rounds.length; s.participants += h.participants.length;
        s.answers += h.answers.length; s.actions += h.actions.length;
      });
      // values this version does not know, and whether the file's questions are newer (issue 18)
      var ours = questionSet().version, theirs = data.question_set ? data.question_set.version : undefined;
      s.unknown = unknown;
      s.file = theirs === undefined || theirs === null ? "" : String(theirs).slice(0, 20);
      s.ours = ours === undefined || ours === null ? "" : String(ours);
      s.newer = typeof theirs === "number" && typeof ours === "number" && theirs > ours;
      return { ok: true, data: data, summary: s };
    } catch (p) {
      if (!(p instanceof Problem)) p = new Problem("damaged");
      var msg = MESSAGES[p.code] || "";
      if (p.code === "impossible") msg += p.detail + ".";
      return { ok: false, code: p.code, message: msg };
    }
  }

  P.MESSAGES = MESSAGES;
  A.validate = validate;
})();
