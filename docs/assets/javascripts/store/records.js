/* Care home action plan: the storage layer, part 2 of 7 — the records: homes,
 * rounds, people, the selection, answers, theme notes and actions.
 *
 * Plain JavaScript, a classic script, no build step. Everything the browser
 * keeps lives in localStorage under keys that start with the site's base path
 * (as Material does for its own settings), so two copies of the site on one
 * host, or on one disk, never share answers.
 *
 * Layout (schema 2), with S = <base path> + "ap:":
 *   S + "current"                      id of the home chosen on this device
 *   S + "device"                       {lastExport}
 *   S + "device:checked"               what the records were when last checked in full (local.js)
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
 *   S + "h:" + home + ":x:" + action   an action {id, theme, created, fields: {fieldId: value},
 *                                      reviews: {roundId: {outcome, learned, evidence, updated, before}}}
 *                                      (reviews, issue 22: the look back at the action when that round
 *                                      started; only there once one is given; "before" is the status an
 *                                      outcome that closes the action replaced, put back if it is changed)
 * Each write touches one small key (read fresh, change one field, write), so
 * two tabs editing different questions never overwrite each other.
 *
 * Schema 1 (the first version) kept everything in one JSON value under
 * <base path> + "actionplan"; see migrateV1 in repair.js.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var S = P.S, rawGet = P.rawGet, rawSet = P.rawSet, rawRemove = P.rawRemove, rawKeys = P.rawKeys;
  var getJSON = P.getJSON, setJSON = P.setJSON, newId = P.newId, nowIso = P.nowIso, byKeys = P.byKeys;
  var isObj = P.isObj, own = P.own, isEmpty = P.isEmpty;

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
  var ID_RE = RULES.ID_RE;
  var ASIDE = S + "aside:"; // a damaged record kept aside (repair.js)

  // The rules for one record are in repair.js (loaded next); looked up when used.
  function fixRound(v, id) { return P.fixRound(v, id); }
  function fixFields(fields) { return P.fixFields(fields); }
  function ratingValues() { return P.ratingValues(); }

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
  var REVIEW_FIELDS = ["outcome", "learned", "evidence"];
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

  /** The status a look-back outcome gives an action ("" for none), from the question set. */
  function outcomeStatus(outcome) {
    var list = P.questionSet().look_back || [], out = "";
    list.forEach(function (o) { if (outcome && o.value === outcome && o.status) out = String(o.status); });
    return out;
  }
  /** Change one field ("outcome", "learned" or "evidence") of an action's look back in a
      round: read fresh, change, write back. An outcome that closes the action ("done",
      "stop") sets its status; choosing one that does not, while the status is still the one
      it set, puts back the status it had. What was typed is never touched by an outcome. */
  function setActionReview(home, id, round, field, value) {
    var key = H(home) + ":x:" + id, a = getJSON(key);
    if (!isObj(a) || !RULES.isId(round) || REVIEW_FIELDS.indexOf(field) === -1) return false;
    if (!isObj(a.fields)) a.fields = {};
    var all = isObj(a.reviews) ? a.reviews : {}, r = isObj(all[round]) ? all[round] : {};
    value = value ? String(value) : "";
    if (field === "outcome") {
      if (value && !RULES.isValue(value)) return false;
      var was = outcomeStatus(r.outcome), next = outcomeStatus(value);
      if (next) {
        if (!was) r.before = a.fields.status || "";
        a.fields.status = next;
      } else if (was) {
        if (a.fields.status === was) { if (r.before) a.fields.status = r.before; else delete a.fields.status; }
        delete r.before;
      }
      if (value) r.outcome = value; else delete r.outcome;
    } else if (value) {
      r[field] = value.slice(0, MAX_TEXT);
    } else {
      delete r[field];
    }
    if (!r.before) delete r.before;
    r.updated = nowIso();
    if (!r.outcome && !r.learned && !r.evidence && !r.before) delete all[round]; else all[round] = r;
    if (isEmpty(all)) delete a.reviews; else a.reviews = all;
    return setJSON(key, a);
  }
  /** An action's look back in a round ({outcome, learned, evidence, updated} or null). */
  function actionReview(action, round) {
    var all = action && isObj(action.reviews) ? action.reviews : null;
    return all && isObj(all[round]) ? all[round] : null;
  }
  /** The newest look back of an action: {round, review} or null; rounds as rounds() lists them. */
  function latestReview(action, roundList) {
    var out = null;
    (roundList || []).forEach(function (r) { var v = actionReview(action, r.id); if (v) out = { round: r, review: v }; });
    return out;
  }

  /** Is an action still open? Not when its status is the last one (done) or one a
      look-back outcome gives (stopped). */
  function isActionOpen(a) {
    var q = P.questionSet(), st = ((q.action_fields || []).filter(function (f) { return f.id === "status"; })[0] || {}).options || [];
    var s = (isObj(a && a.fields) && a.fields.status) || (st.length ? String(st[0].value) : "");
    if (st.length && s === String(st[st.length - 1].value)) return false;
    return !(q.look_back || []).some(function (o) { return o.status && String(o.status) === s; });
  }
  /** The actions to look back at when a round starts: made before it, and open then
      (still open, or already looked back at in this round). */
  function actionsToReview(home, round) {
    var r = isObj(round) ? round : getRound(home, round);
    if (!r) return [];
    return actions(home).filter(function (a) {
      var before = !r.created || !a.created || a.created < r.created;
      return before && (isActionOpen(a) || !!actionReview(a, r.id));
    });
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

  // ---- every key of one exported home (an import, a migration) ----------------
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
      pairs.push([H(hid) + ":x:" + a.id, JSON.stringify(actionRecord(a))]);
    });
    return pairs;
  }
  /** An action as it is stored, from an exported one (reviews only when there are some). */
  function actionRecord(a, roundMap) {
    var v = { id: a.id, theme: a.theme, created: a.created, fields: a.fields };
    if (isObj(a.reviews) && !isEmpty(a.reviews)) {
      v.reviews = {};
      Object.keys(a.reviews).forEach(function (r) { v.reviews[(roundMap && roundMap[r]) || r] = a.reviews[r]; });
    }
    return v;
  }
  function asidePairs(list) {
    return (list || []).map(function (x) { return [ASIDE + x.key, x.text]; });
  }

  var parts = {
    SCHEMA: SCHEMA, RULES: RULES, MAX_TEXT: MAX_TEXT, MAX_NAME: MAX_NAME, ID_RE: ID_RE, ASIDE: ASIDE,
    H: H, answerKey: answerKey, themeKey: themeKey, allThemeNotes: allThemeNotes,
    homePairs: homePairs, asidePairs: asidePairs, actionRecord: actionRecord, outcomeStatus: outcomeStatus
  };
  var api = {
    SCHEMA: SCHEMA, FORMAT: FORMAT, FORMAT_VERSION: FORMAT_VERSION, MAX_FILE_BYTES: MAX_FILE_BYTES, rules: RULES,
    homes: homes, getHome: getHome, currentHome: currentHome, setCurrentHome: setCurrentHome,
    createHome: createHome, renameHome: renameHome, removeHome: removeHome,
    rounds: rounds, getRound: getRound, createRound: createRound, updateRound: updateRound, isRoundOpen: isRoundOpen,
    participants: participants, getParticipant: getParticipant, createParticipant: createParticipant,
    renameParticipant: renameParticipant, removeParticipant: removeParticipant,
    getSelection: getSelection, setSelection: setSelection,
    getAnswer: getAnswer, setAnswerField: setAnswerField, allAnswers: allAnswers,
    getThemeNotes: getThemeNotes, setThemeNote: setThemeNote,
    actions: actions, createAction: createAction, setActionField: setActionField, removeAction: removeAction,
    setActionReview: setActionReview, actionReview: actionReview, latestReview: latestReview,
    isActionOpen: isActionOpen, actionsToReview: actionsToReview
  };
  var k;
  for (k in parts) P[k] = parts[k];
  for (k in api) A[k] = api[k];
})();
