/* Care home action plan: the storage layer, part 3 of 7 — the rules for one
 * record, damaged records set aside and repaired, the check that runs once, and
 * the migrations from older versions of the stored data.
 *
 * Records are checked when they are written (records.js uses the fix* rules
 * here), and in full by repair(). checkOnce() is what pages call when they
 * open: it runs repair() only when the records are not what was checked last
 * (the note in local.js) or the site's version changed, so a device with many
 * answers does not check them all on every page.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var S = P.S, LEGACY = P.LEGACY, st = P.state, rawGet = P.rawGet, rawSet = P.rawSet, rawRemove = P.rawRemove;
  var rawKeys = P.rawKeys, writeBatch = P.writeBatch, newId = P.newId, nowIso = P.nowIso;
  var isObj = P.isObj, own = P.own, obj = P.obj, isEmpty = P.isEmpty, questionSet = P.questionSet;
  var SCHEMA = P.SCHEMA, RULES = P.RULES, MAX_TEXT = P.MAX_TEXT, MAX_NAME = P.MAX_NAME, ID_RE = P.ID_RE;
  var ASIDE = P.ASIDE, homePairs = P.homePairs, asidePairs = P.asidePairs, isDate = RULES.isDate;
  function currentHome() { return A.currentHome(); }

  // ---- the rules for one record (at entry, on repair, in migration) ----------
  /** The rating values this version knows: the scale, "not sure", and the retired points
      (issue 18: an answer holding a retired point keeps it, with its old words). */
  function ratingValues() {
    var q = questionSet(), vals = [];
    ((q.rating && q.rating.options) || []).forEach(function (o) { vals.push(String(o.value)); });
    if (q.rating && q.rating.not_sure) vals.push(String(q.rating.not_sure.value));
    (q.retired_values || []).forEach(function (r) { if (r.of === "rating") vals.push(String(r.value)); });
    return vals;
  }
  /** The choices of each choice field this version knows, the retired ones too: {fieldId: {value: 1}}. */
  function choiceValues() {
    var m = obj(), q = questionSet();
    (q.action_fields || []).forEach(function (f) {
      if (!f.options) return;
      m[f.id] = obj();
      f.options.forEach(function (o) { m[f.id][String(o.value)] = 1; });
    });
    (q.retired_values || []).forEach(function (r) { if (m[r.of]) m[r.of][String(r.value)] = 1; });
    return m;
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
      // a choice this version does not know (a newer version's, issue 18) is kept as it is
      if (f && f.options && !(choiceValues()[k] || {})[v] && !RULES.isValue(v)) return;
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
    // a rating this version does not know (a newer version's, issue 18) is kept as it is:
    // an answer is never set aside only because its value is unknown here
    var scale = ratingValues(); // (no question set on this page: keep the rating as it is)
    if (r && (!scale.length || scale.indexOf(r) !== -1 || RULES.isValue(r))) a.rating = r;
    return a; // an empty answer is harmless (an import may bring one): kept as it is
  }
  function fixThemeNotes(v) {
    return isObj(v) ? { notes: fixNotes(v.notes) } : null;
  }
  /** An action's look backs (issue 22), as the rules allow: keyed by round id, an outcome
      that is a value (one from a newer version is kept), text within the limit. */
  function fixReviews(reviews) {
    var out = {};
    if (!isObj(reviews)) return out;
    Object.keys(reviews).forEach(function (k) {
      var r = reviews[k], one = {};
      if (!RULES.isId(k) || !isObj(r)) return;
      if (typeof r.outcome === "string" && RULES.isValue(r.outcome)) one.outcome = r.outcome;
      ["learned", "evidence"].forEach(function (f) { var t = textOf(r[f]); if (t) one[f] = t; });
      if (typeof r.before === "string" && RULES.isValue(r.before)) one.before = r.before;
      var u = stampOf(r.updated);
      if (u) one.updated = u;
      if (!isEmpty(one)) out[k] = one;
    });
    return out;
  }
  function fixAction(v, id) {
    if (!isObj(v) || !RULES.isId(v.theme)) return null;
    var a = { id: id, theme: v.theme, created: stampOf(v.created), fields: fixFields(v.fields) };
    var reviews = fixReviews(v.reviews);
    if (!isEmpty(reviews)) a.reviews = reviews;
    return a;
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
  function putAside(key, text) {
    // a key of any length: a very long one is shortened (with a mark of the whole), so the
    // export holding it can be imported again (rules.js, MAX_ASIDE_KEY)
    var name = key.slice(S.length), max = RULES.MAX_ASIDE_KEY - 20;
    if (name.length > max) {
      var h = 0x811c9dc5;
      for (var i = 0; i < name.length; i++) { h ^= name.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
      name = name.slice(0, max - 12) + "~" + h.toString(16);
    }
    var k = ASIDE + name, n = 2;
    while (rawGet(k) !== null) k = ASIDE + name + " (" + n++ + ")";
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

  // ---- the check that runs once ------------------------------------------------
  /* Bump CHECK_RULES when the fix* rules above change, so every device checks its
     records again under the new rules. The question set's hash (a new rating
     scale, new action fields) and the limits in rules.js count as well. */
  var CHECK_RULES = 2; // 2: an action's look backs (issue 22)
  function siteVersion() {
    var q = questionSet();
    return [SCHEMA, CHECK_RULES, q.hash || "", q.version === undefined ? "" : q.version,
      MAX_TEXT, MAX_NAME, RULES.MAX_ASIDE, String(ID_RE)].join("|");
  }
  var last = null;
  /** Check every record (repair) only when something may need it: on the first
      visit, when the site's version changed, or when the records are not what
      they were after the last check plus this site's own writes (another tab of
      an older version, another tool, a record put in by hand). When storage
      cannot be read or written, it checks every time, as repair() always did.
      Returns how many records were set aside, like repair(). */
  function checkOnce() {
    var version = siteVersion(), reason = null, note;
    if (st.failed || st.readFailed || !P.ls()) reason = "storage";
    else {
      note = P.readNote();
      if (!note) reason = "first";
      else if (note.v !== version) reason = "version";
      else {
        var now = P.recordPrint();
        if (now.n !== note.n || now.sum !== note.sum) reason = "changed";
      }
    }
    if (!reason) { last = { ran: false, reason: "unchanged", setAside: 0 }; return 0; }
    var n = repair();
    if (!st.failed && !st.readFailed) P.writeNote(version);
    last = { ran: true, reason: reason, setAside: n };
    return n;
  }
  /** What the last checkOnce() on this page did: null before it ran, else
      {ran: true|false, reason: "first" | "version" | "changed" | "storage" |
      "unchanged", setAside: n}. For the tests and the benchmark. */
  function lastCheck() { return last ? { ran: last.ran, reason: last.reason, setAside: last.setAside } : null; }

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

  var parts = {
    ratingValues: ratingValues, actionFieldTypes: actionFieldTypes, textOf: textOf, fixFields: fixFields,
    fixHome: fixHome, fixRound: fixRound, fixPerson: fixPerson, fixAnswer: fixAnswer,
    fixThemeNotes: fixThemeNotes, fixAction: fixAction, fixReviews: fixReviews, canon: canon, repair: repair, setAside: setAside
  };
  var api = {
    repair: repair, setAside: setAside, checkOnce: checkOnce, lastCheck: lastCheck,
    migrate: migrate, migrations: MIGRATIONS, isDate: isDate
  };
  var k;
  for (k in parts) P[k] = parts[k];
  for (k in api) A[k] = api[k];
})();
