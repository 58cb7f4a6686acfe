/* Care home action plan: the storage layer (window.APStore).
 *
 * Plain JavaScript, a classic script, no build step. Everything the browser
 * keeps lives in localStorage under keys that start with the site's base path
 * (as Material does for its own settings), so two copies of the site on one
 * host, or on one disk, never share answers.
 *
 * Layout (schema 2), with S = <base path> + "ap:":
 *   S + "current"                      id of the home chosen on this device
 *   S + "device"                       {lastExport}
 *   S + "backup"                       every key below as it was before the last import, for undo:
 *                                      {kind: "before-import", made, pairs: [[key, value]], after: fingerprint}
 *   S + "aside:" + key                 a damaged record as it was (see repair), exported as set_aside
 *   S + "h:" + home                    the home record {schema, id, name, created}
 *   S + "h:" + home + ":sel"           {round, participant} chosen last
 *   S + "h:" + home + ":r:" + round    a round {id, title, date, home, reopened, created}
 *   S + "h:" + home + ":p:" + person   a participant {id, name, created}
 *   S + "h:" + home + ":a:" + round + ":" + person + ":" + question
 *                                      one answer {theme, rating, notes: {noteId: text}}
 *   S + "h:" + home + ":t:" + round + ":" + theme
 *                                      the theme notes {notes: {noteId: text}}
 *   S + "h:" + home + ":x:" + action   an action {id, theme, created, fields: {fieldId: value}}
 * Each write touches one small key (read fresh, change one field, write), so
 * two tabs editing different questions never overwrite each other.
 *
 * Schema 1 (the first version) kept everything in one JSON value under
 * <base path> + "actionplan"; see migrateV1 below.
 */
(function () {
  "use strict";

  var SCHEMA = 2;
  var FORMAT = "care-home-action-plan/answers";
  var FORMAT_VERSION = 1;
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  // One set of rules for the pages and the importer (rules.js). Names and ids
  // are data: every map keyed by them is prototype-free (obj()) or a Map, so
  // "constructor" or "__proto__" is a name like any other.
  var RULES = window.APRules;
  var MAX_TEXT = RULES.MAX_TEXT;
  var MAX_NAME = RULES.MAX_NAME;
  var MAX_ITEMS = 200000;
  var ID_RE = RULES.ID_RE;

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

  // ---- where this copy of the site lives -----------------------------------
  function computeScope() {
    try {
      var me = document.currentScript && document.currentScript.src;
      if (me) return new URL("../../", me);
    } catch (e) { /* fall through */ }
    try { if (window.__md_scope) return window.__md_scope; } catch (e) { /* ignore */ }
    return new URL(".", location.href);
  }
  var scope = computeScope();
  var BASE = scope.pathname;
  var S = BASE + "ap:";
  var LEGACY = BASE + "actionplan";

  // ---- a safe wrapper around localStorage ----------------------------------
  // Writes that fail are kept in memory for this page, so the form keeps
  // working and export still has everything typed.
  var mem = Object.create(null); // key -> string, or null for a removal that failed
  var failed = false;
  var readFailed = false; // once reading fails, nothing is written: we cannot see what we would overwrite
  var lastError = "";
  var listeners = [];

  function ls() {
    try { return window.localStorage || null; } catch (e) { return null; }
  }
  function notify() {
    for (var i = 0; i < listeners.length; i++) {
      try { listeners[i]({ ok: !failed, reason: lastError }); } catch (e) { /* ignore */ }
    }
  }
  function fail(err) {
    var name = (err && err.name) || "";
    lastError = /quota/i.test(name) || (err && err.code === 22) ? "full" : "blocked";
    if (!failed) { failed = true; notify(); }
  }
  function failRead(err) { readFailed = true; fail(err); }
  /* A write worked again after some failed: write what was kept in memory, and
     when all of it is stored, stop saying "not saved". */
  function recover(s) {
    for (var k in mem) {
      try {
        if (mem[k] === null) s.removeItem(k); else s.setItem(k, mem[k]);
        noteKey(k, mem[k] !== null);
        delete mem[k];
      } catch (e) { return; }
    }
    failed = false; lastError = ""; notify();
  }
  function rawGet(key) {
    if (key in mem) return mem[key];
    var s = ls();
    if (!s) { failRead(null); return null; }
    try { return s.getItem(key); } catch (e) { failRead(e); return null; }
  }
  function rawSet(key, value) {
    var s = readFailed ? null : ls();
    if (s) {
      try {
        s.setItem(key, value);
        noteKey(key, true);
        delete mem[key];
        if (failed) recover(s);
        return true;
      } catch (e) { fail(e); }
    } else {
      fail(null);
    }
    mem[key] = value;
    return false;
  }
  function rawRemove(key) {
    var s = readFailed ? null : ls();
    if (s) {
      try { s.removeItem(key); noteKey(key, false); delete mem[key]; if (failed) recover(s); return true; } catch (e) { fail(e); }
    } else {
      fail(null);
    }
    mem[key] = null;
    return false;
  }
  /* The names of the keys in localStorage, kept between reads: a page that reads
     a home of 13,000 answers asks for its keys a dozen times, and walking
     localStorage.key(i) each time took most of a second. Our own writes keep it
     up to date; another tab's writes (the storage event) or a count that does not
     match (a change made some other way) make it read afresh. */
  var known = null, knownCount = -1;
  function keyNames(s) {
    var n = s.length;
    if (known === null || n !== knownCount) {
      known = Object.create(null);
      for (var i = 0; i < n; i++) { var k = s.key(i); if (k !== null) known[k] = 1; }
      knownCount = n;
    }
    return known;
  }
  function noteKey(key, present) {
    if (known === null) return;
    if (present && !known[key]) { known[key] = 1; knownCount++; }
    else if (!present && known[key]) { delete known[key]; knownCount--; }
  }
  try { window.addEventListener("storage", function () { known = null; }); } catch (e) { /* no window events */ }

  function rawKeys(prefix) {
    var out = [], seen = Object.create(null), s = readFailed ? null : ls(), k;
    if (s) {
      try {
        var names = keyNames(s);
        for (k in names) if (k.lastIndexOf(prefix, 0) === 0) seen[k] = 1;
      } catch (e) { failRead(e); }
    } else if (!ls()) {
      failRead(null);
    }
    for (k in mem) {
      if (k.lastIndexOf(prefix, 0) === 0) { if (mem[k] === null) delete seen[k]; else seen[k] = 1; }
    }
    for (k in seen) out.push(k);
    return out;
  }
  function getJSON(key) {
    var v = rawGet(key);
    if (v === null || v === undefined) return null;
    try { return JSON.parse(v); } catch (e) { return null; }
  }
  function setJSON(key, obj) { return rawSet(key, JSON.stringify(obj)); }

  /** Try one harmless write to see whether this browser will keep anything. */
  function probe() {
    var s = ls(), key = S + "probe";
    if (!s) { failRead(null); return false; }
    try { s.getItem(key); } catch (e) { failRead(e); return false; }
    if (readFailed) return false;
    try { s.setItem(key, "1"); s.removeItem(key); if (failed) recover(s); return true; } catch (e) { fail(e); return false; }
  }

  // ---- small helpers ------------------------------------------------------
  function newId() {
    return (Date.now().toString(36) + Math.random().toString(36).slice(2, 7)).slice(0, 16);
  }
  function nowIso() { return new Date().toISOString(); }
  function byKeys(fields) {
    return function (a, b) {
      for (var i = 0; i < fields.length; i++) {
        var x = a[fields[i]] || "", y = b[fields[i]] || "";
        if (x < y) return -1;
        if (x > y) return 1;
      }
      return 0;
    };
  }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function obj() { return Object.create(null); }
  function get(o, k) { return o && own(o, k) ? o[k] : undefined; }
  function clean(obj) { // a copy without empty strings
    var out = {};
    for (var k in obj) if (own(obj, k) && obj[k] !== "" && obj[k] !== null && obj[k] !== undefined) out[k] = obj[k];
    return out;
  }
  function isEmpty(o) { for (var k in o) if (own(o, k)) return false; return true; }

  function H(home) { return S + "h:" + home; }

  // ---- homes ---------------------------------------------------------------
  function homes() {
    var list = [], keys = rawKeys(S + "h:");
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].indexOf(":", S.length + 2) !== -1) continue;
      var h = getJSON(keys[i]);
      if (isObj(h) && h.id) list.push(h);
    }
    return list.sort(byKeys(["created", "id"]));
  }
  function getHome(id) { var h = getJSON(H(id)); return isObj(h) ? h : null; }
  function currentHome() {
    var id = getJSON(S + "current");
    var h = id ? getHome(id) : null;
    if (h) return h;
    var all = homes();
    return all.length ? all[0] : null;
  }
  function setCurrentHome(id) { return setJSON(S + "current", id); }
  /** A new home, made the current one. ``id`` is for a home that must be found
      again by a fixed id (the Results page's example home); an id that is taken
      or not allowed gives null. */
  function createHome(name, id) {
    if (id !== undefined && (!ID_RE.test(String(id)) || getHome(id))) return null;
    var h = { schema: SCHEMA, id: id === undefined ? newId() : id, name: String(name || "").slice(0, MAX_NAME), created: nowIso() };
    setJSON(H(h.id), h);
    setCurrentHome(h.id);
    return h;
  }
  function renameHome(id, name) {
    var h = getHome(id);
    if (!h) return false;
    h.name = String(name).slice(0, MAX_NAME);
    return setJSON(H(id), h);
  }

  /** Remove one home and everything in it (rounds, people, answers, actions).
      The other homes on this device are not touched. */
  function removeHome(id) {
    var keys = rawKeys(H(id) + ":"), ok = true, i;
    for (i = 0; i < keys.length; i++) ok = rawRemove(keys[i]) && ok;
    ok = rawRemove(H(id)) && ok;
    if (getJSON(S + "current") === id) {
      var rest = homes();
      ok = (rest.length ? setCurrentHome(rest[0].id) : rawRemove(S + "current")) && ok;
    }
    return ok;
  }

  // ---- rounds and participants --------------------------------------------
  function listOf(home, kind, sorter) {
    var prefix = H(home) + ":" + kind + ":", list = [], keys = rawKeys(prefix);
    for (var i = 0; i < keys.length; i++) {
      var v = getJSON(keys[i]);
      if (isObj(v) && v.id) list.push(v);
    }
    return list.sort(sorter);
  }
  function rounds(home) { return listOf(home, "r", byKeys(["date", "created", "id"])); }
  function getRound(home, id) { return getJSON(H(home) + ":r:" + id); }
  /** A new round; null (nothing stored) when its date is not a real date. */
  function createRound(home, r) {
    if (!RULES.isDate(r.date)) return null;
    var round = { id: newId(), title: String(r.title || "").slice(0, MAX_NAME), date: r.date,
      home: String(r.home || "").slice(0, MAX_NAME), reopened: false, created: nowIso() };
    setJSON(H(home) + ":r:" + round.id, round);
    return round;
  }
  function updateRound(home, id, patch) {
    var r = getRound(home, id);
    if (!r) return false;
    for (var k in patch) if (own(patch, k)) r[k] = patch[k];
    return setJSON(H(home) + ":r:" + id, fixRound(r, id));
  }
  /** The newest round is open; earlier rounds are read-only unless reopened. */
  function isRoundOpen(home, id, list) {
    list = list || rounds(home);
    if (!list.length) return true;
    if (list[list.length - 1].id === id) return true;
    var r = getRound(home, id);
    return !!(r && r.reopened);
  }
  function participants(home) { return listOf(home, "p", byKeys(["created", "id"])); }
  function getParticipant(home, id) { return getJSON(H(home) + ":p:" + id); }
  function createParticipant(home, name) {
    var p = { id: newId(), name: String(name || "").slice(0, MAX_NAME), created: nowIso() };
    setJSON(H(home) + ":p:" + p.id, p);
    return p;
  }
  function renameParticipant(home, id, name) {
    var p = getParticipant(home, id);
    if (!p) return false;
    p.name = String(name).slice(0, MAX_NAME);
    return setJSON(H(home) + ":p:" + id, p);
  }
  /** Remove a participant and every answer they gave in this home. */
  function removeParticipant(home, id) {
    var keys = rawKeys(H(home) + ":a:"), ok = true;
    for (var i = 0; i < keys.length; i++) {
      var parts = keys[i].slice(H(home).length + 3).split(":");
      if (parts[1] === id) ok = rawRemove(keys[i]) && ok;
    }
    return rawRemove(H(home) + ":p:" + id) && ok;
  }
  function getSelection(home) { return getJSON(H(home) + ":sel") || {}; }
  function setSelection(home, sel) { return setJSON(H(home) + ":sel", sel); }

  // ---- answers, theme notes, actions ---------------------------------------
  function answerKey(home, round, person, q) { return H(home) + ":a:" + round + ":" + person + ":" + q; }
  function getAnswer(home, round, person, q) { return getJSON(answerKey(home, round, person, q)); }
  /** Change one field of one answer: read fresh, change, write back. */
  function setAnswerField(home, round, person, q, theme, field, value) {
    var key = answerKey(home, round, person, q);
    var a = getJSON(key);
    if (!isObj(a)) a = {};
    if (!isObj(a.notes)) a.notes = {};
    if (theme) a.theme = theme;
    if (field === "rating") {
      var scale = ratingValues();
      if (value && scale.length && scale.indexOf(String(value)) === -1) return false;
      if (value) a.rating = String(value); else delete a.rating;
    } else if (!RULES.isId(field)) {
      return false;
    } else if (value) {
      a.notes[field] = String(value).slice(0, MAX_TEXT);
    } else {
      delete a.notes[field];
    }
    if (!a.rating && isEmpty(a.notes)) return rawRemove(key);
    return setJSON(key, a);
  }
  function themeKey(home, round, theme) { return H(home) + ":t:" + round + ":" + theme; }
  function getThemeNotes(home, round, theme) { var t = getJSON(themeKey(home, round, theme)); return (t && isObj(t.notes)) ? t.notes : {}; }
  function setThemeNote(home, round, theme, field, value) {
    var key = themeKey(home, round, theme);
    var t = getJSON(key);
    if (!isObj(t)) t = {};
    if (!isObj(t.notes)) t.notes = {};
    if (!RULES.isId(field)) return false;
    if (value) t.notes[field] = String(value).slice(0, MAX_TEXT); else delete t.notes[field];
    if (isEmpty(t.notes)) return rawRemove(key);
    return setJSON(key, t);
  }
  function actions(home, theme) {
    var list = listOf(home, "x", byKeys(["created", "id"]));
    if (!theme) return list;
    return list.filter(function (a) { return a.theme === theme; });
  }
  function createAction(home, theme, fields) {
    var a = { id: newId(), theme: theme, created: nowIso(), fields: fixFields(fields) };
    setJSON(H(home) + ":x:" + a.id, a);
    return a;
  }
  function removeAction(home, id) {
    return rawRemove(H(home) + ":x:" + id);
  }
  function setActionField(home, id, field, value) {
    var key = H(home) + ":x:" + id;
    var a = getJSON(key);
    if (!isObj(a)) return false;
    if (!isObj(a.fields)) a.fields = {};
    if (!RULES.isId(field)) return false;
    if (value) {
      var one = {};
      one[field] = String(value);
      one = fixFields(one);
      if (!own(one, field)) return false; // not a real date, or not one of the choices: not stored
      a.fields[field] = one[field];
    } else {
      delete a.fields[field];
    }
    return setJSON(key, a);
  }

  /** Every answer in a home, for summaries and "answers to earlier questions". */
  function allAnswers(home, skipQuestion) {
    var prefix = H(home) + ":a:", keys = rawKeys(prefix), out = [];
    for (var i = 0; i < keys.length; i++) {
      var parts = keys[i].slice(prefix.length).split(":");
      if (skipQuestion && skipQuestion(parts[2])) continue;
      var a = getJSON(keys[i]);
      if (!isObj(a) || parts.length !== 3) continue;
      out.push({ round: parts[0], participant: parts[1], question: parts[2], theme: a.theme || "",
        rating: a.rating || null, notes: isObj(a.notes) ? a.notes : {} });
    }
    return out.sort(byKeys(["round", "participant", "question"]));
  }
  function allThemeNotes(home) {
    var prefix = H(home) + ":t:", keys = rawKeys(prefix), out = [];
    for (var i = 0; i < keys.length; i++) {
      var parts = keys[i].slice(prefix.length).split(":");
      var t = getJSON(keys[i]);
      if (!isObj(t) || parts.length !== 2) continue;
      out.push({ round: parts[0], theme: parts[1], notes: isObj(t.notes) ? t.notes : {} });
    }
    return out.sort(byKeys(["round", "theme"]));
  }

  // ---- the rules for one record (at entry, on repair, in migration) ----------
  function ratingValues() {
    var q = questionSet(), vals = [];
    ((q.rating && q.rating.options) || []).forEach(function (o) { vals.push(String(o.value)); });
    if (q.rating && q.rating.not_sure) vals.push(String(q.rating.not_sure.value));
    return vals;
  }
  function actionFieldTypes() {
    var m = obj();
    (questionSet().action_fields || []).forEach(function (f) { m[f.id] = f; });
    return m;
  }
  function textOf(v, max) {
    if (typeof v === "number" || typeof v === "boolean") v = String(v);
    return typeof v === "string" ? v.slice(0, max || MAX_TEXT) : "";
  }
  function stampOf(v) { return RULES.isStamp(v) ? v : ""; }
  function fixNotes(notes) {
    var out = {};
    if (!isObj(notes)) return out;
    Object.keys(notes).forEach(function (k) {
      var v = textOf(notes[k]);
      if (RULES.isId(k) && v) out[k] = v;
    });
    return out;
  }
  /** Action fields as the rules allow: text within the limit, real dates, known choices. */
  function fixFields(fields) {
    var out = {}, types = actionFieldTypes();
    if (!isObj(fields)) return out;
    Object.keys(fields).forEach(function (k) {
      var v = textOf(fields[k]), f = types[k];
      if (!RULES.isId(k) || !v) return;
      if (f && f.type === "date" && !RULES.isDate(v)) return;
      if (f && f.options && !f.options.some(function (o) { return String(o.value) === v; })) return;
      out[k] = v;
    });
    return out;
  }
  function fixHome(v, id) {
    v = isObj(v) ? v : {};
    return { schema: SCHEMA, id: id, name: textOf(v.name, MAX_NAME), created: stampOf(v.created) };
  }
  function fixRound(v, id) {
    v = isObj(v) ? v : {};
    var created = stampOf(v.created), day = created.slice(0, 10);
    return { id: id, title: textOf(v.title, MAX_NAME),
      date: RULES.isDate(v.date) ? v.date : (RULES.isDate(day) ? day : nowIso().slice(0, 10)),
      home: textOf(v.home, MAX_NAME), reopened: v.reopened === true, created: created };
  }
  function fixPerson(v, id) {
    v = isObj(v) ? v : {};
    return { id: id, name: textOf(v.name, MAX_NAME), created: stampOf(v.created) };
  }
  function fixAnswer(v) {
    if (!isObj(v)) return null;
    var a = { theme: RULES.isId(v.theme) ? v.theme : "", notes: fixNotes(v.notes) };
    var r = v.rating === null || v.rating === undefined ? "" : String(v.rating);
    var scale = ratingValues(); // (no question set on this page: keep the rating as it is)
    if (r && (!scale.length || scale.indexOf(r) !== -1)) a.rating = r;
    return a; // an empty answer is harmless (an import may bring one): kept as it is
  }
  function fixThemeNotes(v) {
    return isObj(v) ? { notes: fixNotes(v.notes) } : null;
  }
  function fixAction(v, id) {
    if (!isObj(v) || !RULES.isId(v.theme)) return null;
    return { id: id, theme: v.theme, created: stampOf(v.created), fields: fixFields(v.fields) };
  }
  /** The same data, whatever the order of the keys and however "nothing" is written. */
  function canon(v) {
    if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
    if (isObj(v)) {
      return "{" + Object.keys(v).sort().filter(function (k) {
        var x = v[k];
        return !(x === "" || x === null || x === undefined || x === false || (isObj(x) && isEmpty(x)));
      }).map(function (k) { return JSON.stringify(k) + ":" + canon(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v);
  }

  // ---- damaged records: repaired where they stand, the original kept aside ----
  var ASIDE = S + "aside:";
  function putAside(key, text) {
    var k = ASIDE + key.slice(S.length), n = 2;
    while (rawGet(k) !== null) k = ASIDE + key.slice(S.length) + " (" + n++ + ")";
    return rawSet(k, String(text).slice(0, RULES.MAX_ASIDE));
  }
  /** Check every stored record against the rules. A record that cannot be read or
      breaks them is kept aside as it was (reported on "Your data" and exported),
      and what can be saved of it is put back in its place. A round, person or home
      that answers still point to is put back too, so nothing is hidden.
      Returns how many records were set aside. */
  function repair() {
    var keys = rawKeys(S + "h:").sort(), n = 0, have = obj(), recs = [];
    keys.forEach(function (k) { have[k] = 1; });
    keys.forEach(function (k) {
      var parts = k.slice(S.length + 2).split(":"), kind = parts.length === 1 ? "h" : parts[1];
      if (kind === "sel") return;
      var want = { h: 1, r: 3, p: 3, x: 3, a: 5, t: 4 }[kind];
      if (!want) return; // not ours to judge: leave it alone
      var ids = parts.length === 1 ? parts : [parts[0]].concat(parts.slice(2));
      var okIds = parts.length === want && ids.every(RULES.isId);
      var text = rawGet(k), v = null;
      try { v = JSON.parse(text); } catch (e) { v = null; }
      var fixed = null;
      if (okIds) {
        var id = parts[parts.length - 1];
        if (kind === "h") fixed = fixHome(v, id);
        else if (kind === "r") fixed = fixRound(v, id);
        else if (kind === "p") fixed = fixPerson(v, id);
        else if (kind === "x") fixed = fixAction(v, id);
        else if (kind === "a") fixed = fixAnswer(v);
        else fixed = fixThemeNotes(v);
      }
      if (fixed && v !== null && canon(fixed) === canon(v)) { recs.push(parts); return; }
      putAside(k, text === null ? "" : text);
      n++;
      if (fixed) { rawSet(k, JSON.stringify(fixed)); recs.push(parts); } else rawRemove(k);
    });
    // what answers and notes point to must be there
    recs.forEach(function (parts) {
      var hk = S + "h:" + parts[0];
      function need(key, make) { if (!have[key]) { have[key] = 1; rawSet(key, JSON.stringify(make)); } }
      need(hk, fixHome({}, parts[0]));
      if (parts[1] === "a" || parts[1] === "t") need(hk + ":r:" + parts[2], fixRound({}, parts[2]));
      if (parts[1] === "a") need(hk + ":p:" + parts[3], fixPerson({}, parts[3]));
    });
    return n;
  }
  /** The damaged records kept aside: [{key, text}], by key. */
  function setAside() {
    return rawKeys(ASIDE).sort().map(function (k) { return { key: k.slice(ASIDE.length), text: rawGet(k) || "" }; });
  }

  // ---- export ---------------------------------------------------------------
  function questionSet() { return window.ACTION_PLAN_QUESTIONS || {}; }
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
        return { id: a.id, theme: a.theme || "", created: a.created || "", fields: isObj(a.fields) ? a.fields : {} };
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

  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // keep spreadsheets from running formulas
    if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  }
  /** One CSV: a "type" column says whether a row is an answer, theme notes or an action. */
  function toCSV(data) {
    var q = questionSet(), notes = q.notes || [], tnotes = q.theme_notes || [], afields = q.action_fields || [];
    var questions = obj(), themes = obj(), ratings = obj();
    (q.themes || []).forEach(function (t) {
      themes[t.id] = t.title;
      (t.questions || []).forEach(function (qq) { questions[qq.id] = qq.question; });
    });
    (q.retired_questions || []).forEach(function (r) { if (!questions[r.id]) questions[r.id] = r.question; });
    ((q.rating && q.rating.options) || []).forEach(function (o) { ratings[String(o.value)] = o.label; });
    if (q.rating && q.rating.not_sure) ratings[String(q.rating.not_sure.value)] = q.rating.not_sure.label;
    var head = ["Type", "Home", "Round", "Round date", "Person or group", "Theme", "Question id", "Question", "Rating", "Rating label"];
    notes.forEach(function (n) { head.push(n.label); });
    tnotes.forEach(function (n) { head.push(n.label); });
    head.push("Action id");
    afields.forEach(function (f) { head.push(f.label); });
    var rows = [head];
    function blank(n) { var a = []; for (var i = 0; i < n; i++) a.push(""); return a; }
    data.homes.forEach(function (h) {
      var rmap = obj(), pmap = obj();
      h.rounds.forEach(function (r) { rmap[r.id] = r; });
      h.participants.forEach(function (p) { pmap[p.id] = p.name; });
      h.answers.forEach(function (a) {
        var r = rmap[a.round] || {};
        var row = ["answer", h.name, r.title || "", r.date || "", pmap[a.participant] || "", themes[a.theme] || a.theme,
          a.question, questions[a.question] || "", a.rating || "", ratings[a.rating] || ""];
        notes.forEach(function (n) { row.push(get(a.notes, n.id) || ""); });
        rows.push(row.concat(blank(tnotes.length + 1 + afields.length)));
      });
      h.theme_notes.forEach(function (t) {
        var r = rmap[t.round] || {};
        var row = ["theme notes", h.name, r.title || "", r.date || "", "", themes[t.theme] || t.theme, "", "", "", ""];
        row = row.concat(blank(notes.length));
        tnotes.forEach(function (n) { row.push(get(t.notes, n.id) || ""); });
        rows.push(row.concat(blank(1 + afields.length)));
      });
      h.actions.forEach(function (a) {
        var row = ["action", h.name, "", "", "", themes[a.theme] || a.theme, "", "", "", ""];
        row = row.concat(blank(notes.length + tnotes.length));
        row.push(a.id);
        afields.forEach(function (f) {
          var v = get(a.fields, f.id) || "";
          (f.options || []).forEach(function (o) { if (String(o.value) === v) v = o.label; });
          row.push(v);
        });
        rows.push(row);
      });
    });
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // ---- import: validate everything first -------------------------------------
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
    if (data.set_aside !== undefined) {
      if (!Array.isArray(data.set_aside) || data.set_aside.length > 1000) impossible("the damaged records are not a list");
      var asideKeys = obj();
      data.set_aside.forEach(function (x, i) {
        checkKeys(x, ["key", "text"], "damaged record " + (i + 1));
        checkText(x.key, "damaged record " + (i + 1), 300);
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
          if (scale.indexOf(String(a.rating)) === -1) impossible(wa + " has a rating (" + String(a.rating).slice(0, 20) + ") that is not on the scale");
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
        checkKeys(a, ["id", "theme", "created", "fields"], wx);
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
            var ok = f.options.some(function (o) { return String(o.value) === a.fields[k]; });
            if (!ok) impossible(wx + " has a " + f.label.toLowerCase() + " that is not one of the choices");
          }
        }
      });
    });
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
      validateData(data);
      var s = { homes: data.homes.length, rounds: 0, participants: 0, answers: 0, actions: 0 };
      data.homes.forEach(function (h) {
        s.rounds += h.rounds.length; s.participants += h.participants.length;
        s.answers += h.answers.length; s.actions += h.actions.length;
      });
      return { ok: true, data: data, summary: s };
    } catch (p) {
      if (!(p instanceof Problem)) p = new Problem("damaged");
      var msg = MESSAGES[p.code] || "";
      if (p.code === "impossible") msg += p.detail + ".";
      return { ok: false, code: p.code, message: msg };
    }
  }

  // ---- telling other tabs ------------------------------------------------------
  var channel = null, tabListeners = [];
  try { channel = new BroadcastChannel(S + "changes"); } catch (e) { channel = null; }
  if (channel) {
    channel.onmessage = function (e) {
      var kind = e && e.data && e.data.kind;
      if (typeof kind !== "string") return;
      tabListeners.forEach(function (fn) { try { fn(kind); } catch (err) { /* ignore */ } });
    };
  }
  function tell(kind) { if (channel) { try { channel.postMessage({ kind: kind }); } catch (e) { /* ignore */ } } }

  // ---- writing a batch safely ---------------------------------------------
  /** Write [key, value|null] pairs; if any write fails, put every key back as it was. */
  function writeBatch(pairs) {
    var before = [], i;
    for (i = 0; i < pairs.length; i++) before.push([pairs[i][0], rawGet(pairs[i][0])]);
    for (i = 0; i < pairs.length; i++) {
      var ok = pairs[i][1] === null ? rawRemove(pairs[i][0]) : rawSet(pairs[i][0], pairs[i][1]);
      if (!ok) {
        // undo in reverse: removals first free room for the old values
        for (var j = i; j >= 0; j--) { delete mem[before[j][0]]; if (before[j][1] === null) rawRemove(before[j][0]); }
        for (j = i; j >= 0; j--) { if (before[j][1] !== null) rawSet(before[j][0], before[j][1]); delete mem[before[j][0]]; }
        return false;
      }
    }
    return true;
  }
  function homePairs(h, idMap) {
    // all keys for one exported home, as [key, value] pairs
    var hid = idMap ? idMap.home : h.id, pairs = [];
    pairs.push([H(hid), JSON.stringify({ schema: SCHEMA, id: hid, name: h.name, created: h.created })]);
    h.rounds.forEach(function (r) {
      pairs.push([H(hid) + ":r:" + r.id, JSON.stringify({ id: r.id, title: r.title, date: r.date, home: r.home, reopened: r.reopened, created: r.created })]);
    });
    h.participants.forEach(function (p) {
      pairs.push([H(hid) + ":p:" + p.id, JSON.stringify({ id: p.id, name: p.name, created: p.created })]);
    });
    h.answers.forEach(function (a) {
      var v = { theme: a.theme, notes: a.notes };
      if (a.rating !== null && a.rating !== undefined) v.rating = String(a.rating);
      pairs.push([answerKey(hid, a.round, a.participant, a.question), JSON.stringify(v)]);
    });
    h.theme_notes.forEach(function (t) { pairs.push([themeKey(hid, t.round, t.theme), JSON.stringify({ notes: t.notes })]); });
    h.actions.forEach(function (a) {
      pairs.push([H(hid) + ":x:" + a.id, JSON.stringify({ id: a.id, theme: a.theme, created: a.created, fields: a.fields })]);
    });
    return pairs;
  }
  function asidePairs(list) {
    return (list || []).map(function (x) { return [ASIDE + x.key, x.text]; });
  }
  function isDataKey(k) {
    return k === S + "current" || k.lastIndexOf(S + "h:", 0) === 0 || k.lastIndexOf(ASIDE, 0) === 0;
  }
  function dataKeys() { // every key that holds answers or choices (not the backup or device notes)
    return rawKeys(S + "h:").concat(rawKeys(S + "current"), rawKeys(ASIDE)).filter(isDataKey);
  }
  /** A short fingerprint of the answers (not which round or person is chosen). */
  function fingerprint() {
    var keys = dataKeys().filter(function (k) { return k !== S + "current" && !/:sel$/.test(k); }).sort();
    var h = 0x811c9dc5, i, j, s;
    for (i = 0; i < keys.length; i++) {
      s = keys[i] + "\u0000" + (rawGet(keys[i]) || "") + "\u0001";
      for (j = 0; j < s.length; j++) { h ^= s.charCodeAt(j); h = Math.imul(h, 16777619) >>> 0; }
    }
    return keys.length + ":" + h.toString(16);
  }

  // ---- undo: a copy of every key as it was before the last import ---------------
  var BACKUP = S + "backup";
  function keepBackup() {
    var pairs = dataKeys().sort().map(function (k) { return [k, rawGet(k)]; });
    var ok = rawSet(BACKUP, JSON.stringify({ kind: "before-import", made: nowIso(), pairs: pairs, after: null }));
    if (!ok) delete mem[BACKUP];
    return ok;
  }
  function sealBackup() { // after the import: what it looked like, to see later changes
    var b = readBackup();
    if (!b || !b.pairs) return;
    b.raw.after = fingerprint();
    if (!rawSet(BACKUP, JSON.stringify(b.raw))) { delete mem[BACKUP]; rawRemove(BACKUP); }
  }
  /** The backup, checked: {pairs, changed} or {damaged: true}, or null when there is none. */
  function readBackup() {
    var text = rawGet(BACKUP);
    if (text === null) return null;
    var b;
    try { b = JSON.parse(text); } catch (e) { return { damaged: true }; }
    if (isObj(b) && b.kind === "before-import" && Array.isArray(b.pairs)) {
      var ok = b.pairs.every(function (p) {
        return Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && isDataKey(p[0]) && typeof p[1] === "string";
      });
      if (!ok) return { damaged: true };
      return { pairs: b.pairs, raw: b, changed: typeof b.after !== "string" || b.after !== fingerprint() };
    }
    if (isObj(b) && b.format === FORMAT) { // a backup kept by an earlier version of this site
      var v = validate(text);
      if (!v.ok) return { damaged: true };
      var pairs = [];
      v.data.homes.forEach(function (h) { pairs = pairs.concat(homePairs(h)); });
      pairs.push([S + "current", JSON.stringify(v.data.homes[0].id)]);
      return { pairs: pairs, raw: null, changed: true };
    }
    return { damaged: true };
  }
  function hasBackup() { return rawGet(BACKUP) !== null; }
  /** {available, changed, damaged}: can the last import be undone, and has anything
      changed since it (so undo would lose that)? */
  function undoState() {
    var b = readBackup();
    if (!b) return { available: false, changed: false, damaged: false };
    return { available: true, changed: !!b.changed, damaged: !!b.damaged };
  }
  /** Put back exactly every key as it was before the last import, all or nothing.
      If anything changed since the import, nothing is done unless force is true
      (the page offers to export first). A backup that cannot be read changes
      nothing. Returns {ok} or {ok: false, code: "changed" | "backup-damaged" |
      "no-backup" | "storage"}. */
  function undoImport(force) {
    var b = readBackup();
    if (!b) return { ok: false, code: "no-backup", message: "" };
    if (b.damaged) return { ok: false, code: "backup-damaged", message: "" };
    if (b.changed && force !== true) return { ok: false, code: "changed", message: "" };
    var keep = obj(), writes = [];
    b.pairs.forEach(function (p) { keep[p[0]] = 1; });
    dataKeys().forEach(function (k) { if (!keep[k]) writes.push([k, null]); });
    b.pairs.forEach(function (p) { if (rawGet(p[0]) !== p[1]) writes.push(p); });
    if (!writeBatch(writes)) return { ok: false, code: "storage", message: MESSAGES.storage };
    rawRemove(BACKUP);
    tell("undone");
    return { ok: true };
  }

  /** Replace everything on this device with the file; keep a backup for undo. */
  function importReplace(data, keepCopy) {
    if (keepCopy !== false && !keepBackup()) {
      return { ok: false, code: "no-room", message: "There is not enough room on this device to keep a copy of your answers first, so nothing was changed. Export your answers, then delete them, then import." };
    }
    var pairs = [], keep = obj();
    data.homes.forEach(function (h) { pairs = pairs.concat(homePairs(h)); });
    pairs = pairs.concat(asidePairs(data.set_aside));
    pairs.push([S + "current", JSON.stringify(data.homes[0].id)]);
    pairs.forEach(function (p) { keep[p[0]] = 1; });
    var removals = dataKeys().filter(function (k) { return !keep[k]; }).map(function (k) { return [k, null]; });
    if (!writeBatch(removals.concat(pairs))) {
      if (keepCopy !== false) rawRemove(BACKUP);
      return { ok: false, code: "storage", message: MESSAGES.storage };
    }
    if (keepCopy !== false) sealBackup();
    tell("replaced");
    return { ok: true };
  }

  function lower(s) { return String(s || "").trim().toLowerCase(); }
  function tooMany(code) { return { ok: false, code: code, message: "" }; }

  /** Add a file's homes, rounds and people without overwriting anything here. */
  function importMerge(data) {
    var report = { rounds: 0, participants: 0, answers: 0, actions: 0, kept: 0, renamed: [] };
    var local = homes(), cur = currentHome(), pairs = [], problem = null, newHomes = 0;
    data.homes.forEach(function (fh) {
      if (problem) return;
      var target = null, i;
      for (i = 0; i < local.length; i++) if (local[i].id === fh.id) target = local[i];
      if (!target) for (i = 0; i < local.length; i++) if (lower(local[i].name) === lower(fh.name) && fh.name) target = local[i];
      if (!target && data.homes.length === 1 && cur) target = cur;
      if (!target) { // a new home: add it as it is
        newHomes++;
        var taken = !!getHome(fh.id);
        var hp = homePairs(fh, taken ? { home: newId() } : null);
        pairs = pairs.concat(hp);
        report.rounds += fh.rounds.length; report.participants += fh.participants.length;
        report.answers += fh.answers.length; report.actions += fh.actions.length;
        return;
      }
      var hid = target.id, lr = rounds(hid), lp = participants(hid), la = allAnswers(hid);
      var rmap = obj(), pmap = obj(), answered = obj(), addedRounds = 0, addedPeople = 0;
      la.forEach(function (a) { answered[a.participant + ":" + a.round] = 1; });
      fh.rounds.forEach(function (r) {
        var m = null;
        lr.forEach(function (x) { if (x.id === r.id) m = x; });
        if (!m) lr.forEach(function (x) { if (!m && x.title === r.title && x.date === r.date) m = x; });
        if (m) { rmap[r.id] = m.id; return; }
        var nid = getRound(hid, r.id) ? newId() : r.id;
        rmap[r.id] = nid;
        report.rounds++; addedRounds++;
        pairs.push([H(hid) + ":r:" + nid, JSON.stringify({ id: nid, title: r.title, date: r.date, home: r.home, reopened: r.reopened, created: r.created })]);
      });
      var names = new Map();
      lp.forEach(function (x) { names.set(lower(x.name), x); });
      fh.participants.forEach(function (p) {
        var m = null;
        lp.forEach(function (x) { if (x.id === p.id) m = x; });
        if (m) { pmap[p.id] = m.id; return; }
        var same = names.get(lower(p.name));
        if (same) {
          var clash = fh.answers.some(function (a) { return a.participant === p.id && answered[same.id + ":" + rmap[a.round]]; });
          if (!clash) { pmap[p.id] = same.id; return; }
        }
        var nid = getParticipant(hid, p.id) ? newId() : p.id, name = p.name, n = 2;
        if (same) {
          while (names.has(lower(p.name + " (" + n + ")"))) n++;
          name = (p.name + " (" + n + ")").slice(-MAX_NAME);
          report.renamed.push([p.name, name]);
        }
        names.set(lower(name), { id: nid, name: name });
        pmap[p.id] = nid;
        report.participants++; addedPeople++;
        pairs.push([H(hid) + ":p:" + nid, JSON.stringify({ id: nid, name: name, created: p.created })]);
      });
      if (lp.length + addedPeople > RULES.MAX_PEOPLE) { problem = "too-many-people"; return; }
      if (lr.length + addedRounds > RULES.MAX_ROUNDS) { problem = "too-many-rounds"; return; }
      fh.answers.forEach(function (a) {
        var key = answerKey(hid, rmap[a.round], pmap[a.participant], a.question);
        var here = getJSON(key), v = isObj(here) ? here : { theme: a.theme, notes: {} }, changed = !isObj(here), kept = false;
        if (!isObj(v.notes)) v.notes = {};
        if (a.rating !== null && a.rating !== undefined) {
          if (!v.rating) { v.rating = String(a.rating); changed = true; } else if (v.rating !== String(a.rating)) kept = true;
        }
        for (var k in a.notes) {
          if (!own(a.notes, k)) continue;
          if (!get(v.notes, k)) { v.notes[k] = a.notes[k]; changed = true; } else if (v.notes[k] !== a.notes[k]) kept = true;
        }
        if (kept) report.kept++;
        if (changed) { report.answers++; pairs.push([key, JSON.stringify(v)]); }
      });
      fh.theme_notes.forEach(function (t) {
        var key = themeKey(hid, rmap[t.round], t.theme), here = getJSON(key), v = isObj(here) && isObj(here.notes) ? here : { notes: {} }, changed = false;
        for (var k in t.notes) {
          if (!own(t.notes, k)) continue;
          if (!get(v.notes, k)) { v.notes[k] = t.notes[k]; changed = true; } else if (v.notes[k] !== t.notes[k]) report.kept++;
        }
        if (changed) pairs.push([key, JSON.stringify(v)]);
      });
      fh.actions.forEach(function (a) {
        if (getJSON(H(hid) + ":x:" + a.id)) return;
        report.actions++;
        pairs.push([H(hid) + ":x:" + a.id, JSON.stringify({ id: a.id, theme: a.theme, created: a.created, fields: a.fields })]);
      });
    });
    if (problem) return tooMany(problem);
    if (local.length + newHomes > RULES.MAX_HOMES) return tooMany("too-many-homes");
    (data.set_aside || []).forEach(function (x) { if (rawGet(ASIDE + x.key) === null) pairs.push([ASIDE + x.key, x.text]); });
    if (!cur && data.homes.length) pairs.push([S + "current", JSON.stringify(data.homes[0].id)]);
    if (!keepBackup()) {
      return { ok: false, code: "no-room", message: "There is not enough room on this device to keep a copy of your answers first, so nothing was changed. Export your answers, then delete them, then import." };
    }
    if (!writeBatch(pairs)) { rawRemove(BACKUP); return { ok: false, code: "storage", message: MESSAGES.storage }; }
    sealBackup();
    tell("merged");
    report.ok = true;
    return report;
  }

  /** Delete every answer, round, person, home and backup on this device. */
  function deleteAll() {
    var keys = rawKeys(S), ok = true;
    for (var i = 0; i < keys.length; i++) ok = rawRemove(keys[i]) && ok;
    if (rawGet(LEGACY) !== null) ok = rawRemove(LEGACY) && ok;
    if (ok) { mem = Object.create(null); failed = false; lastError = ""; notify(); }
    tell("deleted");
    return ok;
  }

  /** How much this site keeps, in bytes (browsers count two bytes a character). */
  function usage() {
    var keys = rawKeys(S), n = 0;
    for (var i = 0; i < keys.length; i++) n += (keys[i].length + (rawGet(keys[i]) || "").length) * 2;
    return n;
  }

  // ---- migrations ------------------------------------------------------------
  /* Schema 1 kept one JSON value under <base path> + "actionplan":
   *   {"version": 1, "home": "Rose House",
   *    "rounds": [{"id": "r1", "title": "Spring", "date": "2024-03-01"}],
   *    "participants": ["Manager", "Night staff"],
   *    "answers": {"r1": {"Manager": {"mt-key-worker": {"rating": 3, "notes": {"working-well": "..."}}}}},
   *    "theme_notes": {"r1": {"managing-transitions": {"main-points": "..."}}},
   *    "actions": {"managing-transitions": [{"what": "...", "status": "in-progress"}]}}
   * Participants were names; answers were keyed by the name. Everything moved is
   * cleaned to today's rules (fixRound, fixAnswer...); what cannot be kept in
   * the new layout is kept aside, like a damaged record. */
  function themeOf(qid) {
    var q = questionSet(), found = "";
    (q.themes || []).forEach(function (t) { (t.questions || []).forEach(function (x) { if (x.id === qid) found = t.id; }); });
    (q.retired_questions || []).forEach(function (r) { if (!found && r.id === qid) found = r.theme; });
    return found;
  }
  function safeId(s) { s = String(s || "").toLowerCase(); return ID_RE.test(s) ? s : newId(); }
  function migrateV1(old) {
    var now = nowIso(), n = 0;
    function uid() { n++; return (newId() + n.toString(36)).slice(-16); }
    var home = { id: uid(), name: textOf(old.home, MAX_NAME), created: now, rounds: [], participants: [], answers: [], theme_notes: [], actions: [] };
    var aside = [];
    var rmap = new Map(), pmap = new Map(), taken = obj();
    (Array.isArray(old.rounds) ? old.rounds : []).forEach(function (r) {
      if (!isObj(r)) return;
      var id = safeId(r.id);
      if (taken[id]) id = uid();
      taken[id] = 1;
      rmap.set(String(r.id), id);
      var fixed = fixRound({ title: r.title, date: r.date, home: old.home, created: now }, id);
      if (!isDate(r.date)) aside.push({ key: "legacy-v1:rounds:" + String(r.id).slice(0, 100), text: JSON.stringify(r) });
      home.rounds.push(fixed);
    });
    function person(name) {
      var key = typeof name === "string" ? name : JSON.stringify(name);
      if (!pmap.has(key)) {
        var id = uid();
        pmap.set(key, id);
        home.participants.push(fixPerson({ name: name, created: now }, id));
      }
      return pmap.get(key);
    }
    (Array.isArray(old.participants) ? old.participants : []).forEach(person);
    var answers = isObj(old.answers) ? old.answers : {};
    Object.keys(answers).forEach(function (rid) {
      if (!rmap.has(rid)) return;
      var byP = isObj(answers[rid]) ? answers[rid] : {};
      Object.keys(byP).forEach(function (pname) {
        var pid = person(pname);
        var byQ = isObj(byP[pname]) ? byP[pname] : {};
        Object.keys(byQ).forEach(function (qid) {
          var a = byQ[qid];
          var fixed = RULES.isId(qid) && isObj(a) ? fixAnswer({ theme: themeOf(qid), rating: a.rating, notes: a.notes }) : null;
          var asIs = isObj(a) ? { rating: a.rating === undefined || a.rating === null ? "" : String(a.rating), notes: a.notes } : null;
          if (!fixed || canon({ rating: fixed.rating, notes: fixed.notes }) !== canon(asIs)) {
            aside.push({ key: "legacy-v1:answers:" + [rid, pname, qid].join(":").slice(0, 200), text: JSON.stringify(a) });
          }
          if (!fixed) return;
          home.answers.push({ round: rmap.get(rid), participant: pid, question: qid, theme: fixed.theme,
            rating: fixed.rating || null, notes: fixed.notes });
        });
      });
    });
    var tn = isObj(old.theme_notes) ? old.theme_notes : {};
    Object.keys(tn).forEach(function (rid) {
      if (!rmap.has(rid) || !isObj(tn[rid])) return;
      Object.keys(tn[rid]).forEach(function (tid) {
        var fixed = RULES.isId(tid) ? fixThemeNotes({ notes: tn[rid][tid] }) : null;
        if (!fixed || canon(fixed.notes) !== canon(tn[rid][tid])) aside.push({ key: "legacy-v1:theme-notes:" + (rid + ":" + tid).slice(0, 200), text: JSON.stringify(tn[rid][tid]) });
        if (fixed) home.theme_notes.push({ round: rmap.get(rid), theme: tid, notes: fixed.notes });
      });
    });
    var acts = isObj(old.actions) ? old.actions : {};
    Object.keys(acts).forEach(function (tid) {
      (Array.isArray(acts[tid]) ? acts[tid] : []).forEach(function (f, i) {
        var id = uid(), fixed = fixAction({ theme: tid, created: now, fields: f }, id);
        if (!fixed || canon(fixed.fields) !== canon(f)) aside.push({ key: "legacy-v1:actions:" + (tid + ":" + i).slice(0, 200), text: JSON.stringify(f) });
        if (fixed) home.actions.push(fixed);
      });
    });
    // keys in the aside list are unique
    var seen = obj();
    aside.forEach(function (x) { var k = x.key, m = 2; while (seen[k]) k = x.key + " (" + m++ + ")"; seen[k] = 1; x.key = k; x.text = x.text.slice(0, RULES.MAX_ASIDE); });
    home.set_aside = aside;
    return home;
  }
  var MIGRATIONS = { 1: migrateV1 };

  /** Bring old stored data up to the current schema. The old value is kept, renamed. */
  function migrate() {
    var text = rawGet(LEGACY);
    if (text === null) return null;
    var old;
    try { old = JSON.parse(text); } catch (e) { return null; }
    if (!isObj(old) || !own(MIGRATIONS, old.version)) return null;
    var home = MIGRATIONS[old.version](old);
    var pairs = homePairs(home).concat(asidePairs(home.set_aside));
    if (!currentHome()) pairs.push([S + "current", JSON.stringify(home.id)]);
    pairs.push([S + "legacy-v" + old.version, text]);
    pairs.push([LEGACY, null]);
    return writeBatch(pairs) ? home.id : null;
  }

  window.APStore = {
    SCHEMA: SCHEMA, FORMAT: FORMAT, FORMAT_VERSION: FORMAT_VERSION, MAX_FILE_BYTES: MAX_FILE_BYTES,
    prefix: S, legacyKey: LEGACY, scope: scope, rules: RULES,
    onStatus: function (fn) { listeners.push(fn); },
    onOtherTab: function (fn) { tabListeners.push(fn); },
    isFailing: function () { return failed; },
    failReason: function () { return lastError; },
    canRead: function () { return !readFailed; },
    probe: probe,
    homes: homes, getHome: getHome, currentHome: currentHome, setCurrentHome: setCurrentHome,
    createHome: createHome, renameHome: renameHome, removeHome: removeHome,
    rounds: rounds, getRound: getRound, createRound: createRound, updateRound: updateRound, isRoundOpen: isRoundOpen,
    participants: participants, getParticipant: getParticipant, createParticipant: createParticipant,
    renameParticipant: renameParticipant, removeParticipant: removeParticipant,
    getSelection: getSelection, setSelection: setSelection,
    getAnswer: getAnswer, setAnswerField: setAnswerField, allAnswers: allAnswers,
    getThemeNotes: getThemeNotes, setThemeNote: setThemeNote,
    actions: actions, createAction: createAction, setActionField: setActionField, removeAction: removeAction,
    exportAll: exportAll, toCSV: toCSV, markExported: markExported, device: device,
    validate: validate, importMerge: importMerge, importReplace: importReplace,
    hasBackup: hasBackup, undoState: undoState, undoImport: undoImport, deleteAll: deleteAll, usage: usage,
    repair: repair, setAside: setAside,
    migrate: migrate, migrations: MIGRATIONS, isDate: isDate
  };

})();
