/* Care home action plan: the storage layer, part 7 of 7 ("Your data" only) —
 * the CSV export, importing a checked file (merge or replace), the copy kept for
 * undo, and deleting everything.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var S = P.S, LEGACY = P.LEGACY, st = P.state, rawGet = P.rawGet, rawSet = P.rawSet, rawRemove = P.rawRemove;
  var rawKeys = P.rawKeys, getJSON = P.getJSON, writeBatch = P.writeBatch, newId = P.newId, nowIso = P.nowIso;
  var isObj = P.isObj, own = P.own, obj = P.obj, get = P.get, questionSet = P.questionSet;
  var RULES = P.RULES, MAX_NAME = P.MAX_NAME, FORMAT = A.FORMAT, MESSAGES = P.MESSAGES;
  var H = P.H, ASIDE = P.ASIDE, answerKey = P.answerKey, themeKey = P.themeKey;
  var homePairs = P.homePairs, asidePairs = P.asidePairs, validate = A.validate;
  var homes = A.homes, currentHome = A.currentHome, getHome = A.getHome, rounds = A.rounds, getRound = A.getRound;
  var participants = A.participants, getParticipant = A.getParticipant, allAnswers = A.allAnswers;
  function tell(kind) { P.tell(kind); }

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
    var retiredChoice = obj(); // a retired point or status keeps its old words (issue 18)
    (q.retired_values || []).forEach(function (r) {
      if (r.of === "rating") { if (!ratings[String(r.value)]) ratings[String(r.value)] = r.label; } else retiredChoice[r.of + ":" + r.value] = r.label;
    });
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
          var raw = v;
          (f.options || []).forEach(function (o) { if (String(o.value) === raw) v = o.label; });
          if (v === raw && retiredChoice[f.id + ":" + raw]) v = retiredChoice[f.id + ":" + raw];
          row.push(v);
        });
        rows.push(row);
      });
    });
    return window.APRules.csv(rows);
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
    if (!ok) delete st.mem[BACKUP];
    return ok;
  }
  function sealBackup() { // after the import: what it looked like, to see later changes
    var b = readBackup();
    if (!b || !b.pairs) return;
    b.raw.after = fingerprint();
    if (!rawSet(BACKUP, JSON.stringify(b.raw))) { delete st.mem[BACKUP]; rawRemove(BACKUP); }
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

  /** Where each home in a file goes (issue 18): homes are matched by id, never by name
      or by the home chosen here. [{index, id, name, rounds, people, answers, target, same}],
      target being the id of the home here with the same id, "new", or "skip" for an
      example home (``exampleId``) when this device has its own. */
  function importPlan(data, exampleId) {
    return data.homes.map(function (fh, i) {
      var here = getHome(fh.id), target = here ? here.id : "new";
      if (here && exampleId && fh.id === exampleId) target = "skip";
      return { index: i, id: fh.id, name: fh.name, rounds: fh.rounds.length, people: fh.participants.length,
        answers: fh.answers.length, target: target, same: !!here && target !== "skip" };
    });
  }

  /** Add a file's homes, rounds and people without overwriting anything here. Each home
      goes where ``targets`` says (by its place in the file: the id of a home here, "new" or
      "skip"); by default into the home here with the same id, else in as a new home. */
  function importMerge(data, targets) {
    var report = { rounds: 0, participants: 0, answers: 0, actions: 0, kept: 0, renamed: [],
      newHomes: [], skipped: [], keptActions: [], keptRounds: [] };
    var local = homes(), cur = currentHome(), pairs = [], problem = null, newHomes = 0, first = null;
    var plan = importPlan(data);
    data.homes.forEach(function (fh, hi) {
      if (problem) return;
      var t = targets && targets[hi] !== undefined ? targets[hi] : plan[hi].target;
      if (t === "skip") { report.skipped.push(fh.name); return; }
      var target = t && t !== "new" ? getHome(t) : null;
      if (!target) { // a new home: add it as it is (with an id of its own if this one is taken)
        newHomes++;
        var taken = !!getHome(fh.id), nid = taken ? newId() : fh.id;
        var hp = homePairs(fh, taken ? { home: nid } : null);
        pairs = pairs.concat(hp);
        report.newHomes.push(fh.name);
        if (!first) first = nid;
        report.rounds += fh.rounds.length; report.participants += fh.participants.length;
        report.answers += fh.answers.length; report.actions += fh.actions.length;
        return;
      }
      var hid = target.id, lr = rounds(hid), lp = participants(hid), la = allAnswers(hid);
      if (!first) first = hid;
      var rmap = obj(), pmap = obj(), answered = obj(), addedRounds = 0, addedPeople = 0;
      la.forEach(function (a) { answered[a.participant + ":" + a.round] = 1; });
      fh.rounds.forEach(function (r) {
        var m = null;
        lr.forEach(function (x) { if (x.id === r.id) m = x; });
        // the same round with another date: this device's date is kept, and the summary says so
        if (m && m.date !== r.date) report.keptRounds.push({ title: m.title || r.title, here: m.date, file: r.date });
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
        var here = getJSON(H(hid) + ":x:" + a.id);
        if (here) { // the same action: this device's is kept; a status that differs is said
          var hs = (isObj(here.fields) && here.fields.status) || "", fs = (a.fields && a.fields.status) || "";
          if (hs !== fs) report.keptActions.push({ what: (isObj(here.fields) && here.fields.what) || a.fields.what || "", here: hs, file: fs });
          // look backs (issue 22) this device does not have are added; one it has is kept as it is
          var mine = isObj(here.reviews) ? here.reviews : {}, added = false;
          Object.keys(a.reviews || {}).forEach(function (r) {
            var to = rmap[r] || r;
            if (!isObj(mine[to])) { mine[to] = a.reviews[r]; added = true; }
          });
          if (added) { here.reviews = mine; pairs.push([H(hid) + ":x:" + a.id, JSON.stringify(here)]); }
          return;
        }
        report.actions++;
        pairs.push([H(hid) + ":x:" + a.id, JSON.stringify(P.actionRecord(a, rmap))]);
      });
    });
    if (problem) return tooMany(problem);
    if (local.length + newHomes > RULES.MAX_HOMES) return tooMany("too-many-homes");
    (data.set_aside || []).forEach(function (x) { if (rawGet(ASIDE + x.key) === null) pairs.push([ASIDE + x.key, x.text]); });
    if (!cur && first) pairs.push([S + "current", JSON.stringify(first)]);
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
    if (ok) { st.mem = Object.create(null); st.failed = false; st.lastError = ""; P.notify(); }
    tell("deleted");
    return ok;
  }


  var api = {
    toCSV: toCSV, importMerge: importMerge, importPlan: importPlan, importReplace: importReplace,
    hasBackup: hasBackup, undoState: undoState, undoImport: undoImport, deleteAll: deleteAll
  };
  for (var k in api) A[k] = api[k];
})();
