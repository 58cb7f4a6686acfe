/* Care home action plan: the storage layer, part 1 of 7 — where this copy of
 * the site keeps things, and a safe wrapper around localStorage.
 *
 * The storage layer is window.APStore, made by these classic scripts, loaded
 * in this order (overrides/partials/scripts/store.html and transfer.html):
 *   local.js         where this copy lives, the safe localStorage wrapper, the
 *                    key-name cache, "not saved" listeners, the probe, writing a
 *                    batch all or nothing, and the note of what was last checked
 *   records.js       homes, rounds, people, selection, answers, theme notes, actions
 *   repair.js        the rules for one record, damaged records set aside, the check
 *                    that runs once (checkOnce), migrations from older versions
 *   tabs.js          the news between tabs (BroadcastChannel)
 *   export.js        the JSON export, device notes, bytes used
 *   import-check.js  (only "Your data") checking a file before anything is imported
 *   transfer.js      (only "Your data") CSV, merge, replace, undo, delete all
 *
 * Each file adds its public functions to window.APStore, and what the other
 * files need to share (never copy) to window.APStoreParts, the one internal
 * object: it is not for page scripts, which use window.APStore only.
 *
 * The key layout is described at the top of records.js.
 */
(function () {
  "use strict";

  // ---- where this copy of the site lives -----------------------------------
  function computeScope() {
    try {
      var me = document.currentScript && document.currentScript.src;
      if (me) return new URL("../../../", me); // this file is assets/javascripts/store/local.js
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
  var st = { mem: Object.create(null), failed: false, readFailed: false, lastError: "" };
  // st.mem: key -> string, or null for a removal that failed. st.readFailed: once
  // reading fails, nothing is written: we cannot see what we would overwrite.
  var listeners = [];

  function ls() {
    try { return window.localStorage || null; } catch (e) { return null; }
  }
  function notify() {
    for (var i = 0; i < listeners.length; i++) {
      try { listeners[i]({ ok: !st.failed, reason: st.lastError }); } catch (e) { /* ignore */ }
    }
  }
  function fail(err) {
    var name = (err && err.name) || "";
    st.lastError = /quota/i.test(name) || (err && err.code === 22) ? "full" : "blocked";
    if (!st.failed) { st.failed = true; notify(); }
  }
  function failRead(err) { st.readFailed = true; fail(err); }
  /* Set (or, for null, remove) one key in localStorage, and keep the notes on
     what was written up to date. Throws what the browser throws. */
  function put(s, key, value) {
    var before = tracked(key) ? s.getItem(key) : null;
    if (value === null) s.removeItem(key); else s.setItem(key, value);
    noteWrite(key, before, value);
    noteKey(key, value !== null);
  }
  /* A write worked again after some failed: write what was kept in memory, and
     when all of it is stored, stop saying "not saved". */
  function recover(s) {
    var mem = st.mem;
    for (var k in mem) {
      try { put(s, k, mem[k]); delete mem[k]; } catch (e) { return; }
    }
    st.failed = false; st.lastError = ""; notify();
  }
  function rawGet(key) {
    if (key in st.mem) return st.mem[key];
    var s = ls();
    if (!s) { failRead(null); return null; }
    try { return s.getItem(key); } catch (e) { failRead(e); return null; }
  }
  /* One write: a value to set, or null to remove the key. If the browser will
     not take it, the value is held in memory (st.mem) so this page still shows
     it, and false says it was not kept. */
  function rawWrite(key, value) {
    var s = st.readFailed ? null : ls();
    if (s) {
      try {
        put(s, key, value);
        delete st.mem[key];
        if (st.failed) recover(s);
        return true;
      } catch (e) { fail(e); }
    } else {
      fail(null);
    }
    st.mem[key] = value;
    return false;
  }
  function rawSet(key, value) { return rawWrite(key, value); }
  function rawRemove(key) { return rawWrite(key, null); }
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
    var out = [], seen = Object.create(null), s = st.readFailed ? null : ls(), k, mem = st.mem;
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
    if (st.readFailed) return false;
    try { s.setItem(key, "1"); s.removeItem(key); if (st.failed) recover(s); return true; } catch (e) { fail(e); return false; }
  }

  // ---- what was checked last: S + "device:checked" = {v, n, sum} --------------
  /* The records (every key under S + "h:") are checked in full (repair.js) only
     when they are not what was checked last. The note says which site version
     checked them (v), how many records there were (n) and a sum of a short hash
     of each key and value (sum: the order of the keys does not matter). Each of
     our own writes to a record moves n and sum on by that one record, so the
     note stays true while only this site writes. With no records there is no
     note (a device with nothing stored keeps nothing of ours). A change made any other way
     (another tool, an older version of the site in another tab, a record put in
     by hand) leaves the note behind, and the next check runs in full. When the
     note cannot be moved on (a full disk), it is removed: the next check runs. */
  var RECS = S + "h:", CHECKED = S + "device:checked"; // a note about this device, not data: never exported or put back by undo
  var batchDepth = 0, pending = { n: 0, sum: 0 };
  function tracked(key) { return key.lastIndexOf(RECS, 0) === 0; }
  function hashOf(key, text) { // FNV-1a, 32 bits, of key NUL text
    var h = 0x811c9dc5, s = key + "\u0000" + text, i;
    for (i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function noteWrite(key, before, after) {
    if (!tracked(key) || before === after) return;
    var dn = (after === null ? 0 : 1) - (before === null ? 0 : 1);
    var ds = ((after === null ? 0 : hashOf(key, after)) - (before === null ? 0 : hashOf(key, before))) >>> 0;
    pending.n += dn;
    pending.sum = (pending.sum + ds) >>> 0;
    if (!batchDepth) flushNote();
  }
  function flushNote() {
    var dn = pending.n, ds = pending.sum, s = ls();
    pending = { n: 0, sum: 0 };
    if (held) { held.n += dn; held.sum = (held.sum + ds) >>> 0; if (dn || ds) writeHeld(); return; }
    if ((!dn && !ds) || !s) return;
    try {
      var text = s.getItem(CHECKED);
      if (text === null) return; // nothing checked yet: the next check runs in full anyway
      var c = JSON.parse(text);
      if (!isNote(c) || c.n + dn <= 0) { s.removeItem(CHECKED); return; } // no records: no note
      s.setItem(CHECKED, JSON.stringify({ v: c.v, n: c.n + dn, sum: (c.sum + ds) >>> 0 }));
    } catch (e) {
      try { s.removeItem(CHECKED); } catch (e2) { /* the note no longer matches: the next check runs */ }
    }
  }
  function isNote(c) {
    return c !== null && typeof c === "object" && typeof c.v === "string" && typeof c.n === "number" && typeof c.sum === "number";
  }
  /** The records as they are now: {n, sum}, as the note counts them. */
  function recordPrint() {
    var keys = rawKeys(RECS), n = 0, sum = 0;
    for (var i = 0; i < keys.length; i++) {
      var text = rawGet(keys[i]);
      if (text === null) continue;
      n++;
      sum = (sum + hashOf(keys[i], text)) >>> 0;
    }
    return { n: n, sum: sum };
  }
  /* A check on loading a page writes nothing: its note is held in memory and
     written with this page's first write of its own, or when the page is left.
     So a page that only reads never writes (a full disk, a locked-down browser),
     and the one write a nearly full disk has room for is the answer, not the note. */
  var held = null;
  function writeHeld() {
    var h = held, s = ls();
    held = null;
    if (!h || !s) return;
    try {
      if (h.n > 0) s.setItem(CHECKED, JSON.stringify(h)); else s.removeItem(CHECKED);
    } catch (e) {
      try { s.removeItem(CHECKED); } catch (e2) { /* the note no longer matches: the next check runs */ }
    }
  }
  function readNote() {
    if (held) return { v: held.v, n: held.n, sum: held.sum };
    var c = getJSON(CHECKED);
    return isNote(c) ? c : null;
  }
  function writeNote(version) {
    var p = recordPrint();
    pending = { n: 0, sum: 0 };
    if (!p.n) { held = null; return rawGet(CHECKED) === null || rawRemove(CHECKED); } // nothing stored: nothing to note
    held = { v: version, n: p.n, sum: p.sum };
    return true;
  }
  if (window.addEventListener) {
    window.addEventListener("pagehide", writeHeld);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") writeHeld(); });
  }

  // ---- writing a batch safely ---------------------------------------------
  /** Write [key, value|null] pairs; if any write fails, put every key back as it was. */
  function writeBatch(pairs) {
    var before = [], i, mem = st.mem;
    batchDepth++;
    try {
      for (i = 0; i < pairs.length; i++) before.push([pairs[i][0], rawGet(pairs[i][0])]);
      for (i = 0; i < pairs.length; i++) {
        var ok = rawWrite(pairs[i][0], pairs[i][1]);
        if (!ok) {
          // undo in reverse: removals first free room for the old values
          for (var j = i; j >= 0; j--) { delete mem[before[j][0]]; if (before[j][1] === null) rawRemove(before[j][0]); }
          for (j = i; j >= 0; j--) { if (before[j][1] !== null) rawSet(before[j][0], before[j][1]); delete mem[before[j][0]]; }
          return false;
        }
      }
      return true;
    } finally {
      batchDepth--;
      if (!batchDepth) flushNote();
    }
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
  function isEmpty(o) { for (var k in o) if (own(o, k)) return false; return true; }
  function questionSet() { return window.ACTION_PLAN_QUESTIONS || {}; }

  /* The internal object the storage files share. Page scripts use APStore only. */
  window.APStoreParts = {
    S: S, LEGACY: LEGACY, CHECKED: CHECKED, state: st, ls: ls, notify: notify,
    rawGet: rawGet, rawSet: rawSet, rawRemove: rawRemove, rawKeys: rawKeys,
    getJSON: getJSON, setJSON: setJSON, writeBatch: writeBatch,
    recordPrint: recordPrint, readNote: readNote, writeNote: writeNote,
    newId: newId, nowIso: nowIso, byKeys: byKeys, isObj: isObj, own: own, obj: obj, get: get,
    isEmpty: isEmpty, questionSet: questionSet,
    tell: function () { /* tabs.js tells the other tabs */ }
  };

  window.APStore = {
    prefix: S, legacyKey: LEGACY, scope: scope,
    onStatus: function (fn) { listeners.push(fn); },
    isFailing: function () { return st.failed; },
    failReason: function () { return st.lastError; },
    canRead: function () { return !st.readFailed; },
    probe: probe
  };
})();
