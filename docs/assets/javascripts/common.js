/* Care home action plan: small helpers shared by every page script (window.APCommon).
 *
 * A classic script, on every page (overrides/partials/ap-scripts.html), after
 * the storage scripts where a page has them (question-set.js, rules.js, the
 * store) and before the page scripts (pages/*.js, results, conversation mode,
 * text size...). It holds only what more than one page script needs: DOM
 * shortcuts, dates, the word templates, the question set looked up by id, and
 * where this copy of the site keeps its keys. Nothing here touches
 * localStorage: that is the storage layer's job alone. On a page without the
 * storage scripts (a guidance page) the question set is empty and no text is
 * a date.
 */
(function () {
  "use strict";

  var QS = window.ACTION_PLAN_QUESTIONS || {};

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  /* Run fn once the page's markup is there. Our scripts come at the very end of
     the page, after the marker id="ap-parsed" (main.html): when it exists, all
     the markup has been read, so fn runs at once, before the first paint (a
     page that holds its first paint for its scripts never shows a half-made
     state). Elsewhere (a page made another way) it waits for DOMContentLoaded. */
  function ready(fn) {
    if (document.readyState !== "loading" || document.getElementById("ap-parsed")) fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  function pad(n) { return ("0" + n).slice(-2); }
  function isoDay(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  /** Today's date on this device, as YYYY-MM-DD. */
  function today() { return isoDay(new Date()); }
  // One rule for a real date, the storage layer's (import checks use it too).
  var isDate = window.APStore ? window.APStore.isDate : function () { return false; };
  /** A date as people write it: "3 March 2025". */
  function fmtDate(s) {
    if (!isDate(s)) return s || "";
    try {
      return new Date(s + "T12:00:00").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    } catch (e) { return s; }
  }
  /** The date a number of months after (or, negative, before) a YYYY-MM-DD date;
      "" for no date. A day the month lacks becomes its last day: 31 August plus
      six months is 28 (or 29) February, never a day in March. */
  function addMonths(date, months) {
    if (!isDate(date)) return "";
    var y = +date.slice(0, 4), mo = +date.slice(5, 7) - 1 + months, d = +date.slice(8, 10);
    y += Math.floor(mo / 12); mo = ((mo % 12) + 12) % 12;
    var last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
    return y + "-" + pad(mo + 1) + "-" + pad(Math.min(d, last));
  }
  /** Fill "{name}" slots in a word template from the page's markup. */
  function fill(tpl, values) {
    return String(tpl || "").replace(/\{(\w+)\}/g, function (m, k) { return values[k] === undefined ? m : String(values[k]); });
  }
  /** A new element; its text (if any) is set as text, never as HTML. */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  /** Fill a select with items ({id, ...}); text(item) is each option's words; current is
      chosen. A select that has the focus keeps it. */
  function fillSelect(select, items, current, text) {
    if (!select) return;
    var keep = document.activeElement === select;
    while (select.firstChild) select.removeChild(select.firstChild);
    items.forEach(function (it) {
      var o = el("option", null, text(it));
      o.value = it.id;
      if (it.id === current) o.selected = true;
      select.appendChild(o);
    });
    if (keep) select.focus();
  }
  function roundText(r) { return (r.title || "") + (r.date ? " (" + fmtDate(r.date) + ")" : ""); }
  /** o[k] when o has its own k: a stored name or id is never one of JavaScript's own words. */
  function own(o, k) { return o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; }
  /** A copy of a <template>'s part made the n-th: "__N__" in its attributes becomes n. */
  function renumber(node, n) {
    var all = [node].concat($$("*", node));
    all.forEach(function (e) {
      for (var i = 0; i < e.attributes.length; i++) {
        var at = e.attributes[i];
        if (at.value.indexOf("__N__") !== -1) e.setAttribute(at.name, at.value.split("__N__").join(String(n)));
      }
    });
  }
  /** The start of every key this copy of the site keeps on the device: the
      storage layer's where the page has it, else the site's base path (Material's
      __md_scope, as the inline script in partials/ap-head.html reads it before
      the first paint) and "ap:". The text size (textsize.js) is kept under it on
      every page, with or without the storage scripts. */
  var keyPrefix = (function () {
    if (window.APStore) return window.APStore.prefix;
    try { if (window.__md_scope) return window.__md_scope.pathname + "ap:"; } catch (e) { /* fall through */ }
    return new URL(".", location.href).pathname + "ap:";
  })();

  // ---- the question set, looked up by id ------------------------------------
  var q = {
    set: QS,
    text: Object.create(null),      // question id -> wording (current or retired)
    theme: Object.create(null),     // question id -> theme id
    current: Object.create(null),   // question id -> 1 when it is in the current set
    themeTitle: Object.create(null),
    ratingLabel: Object.create(null),
    noteLabel: Object.create(null),
    themeNoteLabel: Object.create(null)
  };
  (QS.themes || []).forEach(function (t) {
    q.themeTitle[t.id] = t.title;
    (t.questions || []).forEach(function (x) { q.text[x.id] = x.question; q.theme[x.id] = t.id; q.current[x.id] = 1; });
  });
  (QS.retired_questions || []).forEach(function (r) {
    if (!q.text[r.id]) q.text[r.id] = r.question;
    if (!q.theme[r.id]) q.theme[r.id] = r.theme;
  });
  ((QS.rating && QS.rating.options) || []).forEach(function (o) { q.ratingLabel[String(o.value)] = o.label; });
  if (QS.rating && QS.rating.not_sure) q.ratingLabel[String(QS.rating.not_sure.value)] = QS.rating.not_sure.label;
  // values taken out of the content (issue 18): "rating" or a choice field's id -> value -> {label, counts_as}
  q.retired = Object.create(null);
  (QS.retired_values || []).forEach(function (r) {
    (q.retired[r.of] || (q.retired[r.of] = Object.create(null)))[String(r.value)] = r;
    if (r.of === "rating" && !q.ratingLabel[String(r.value)]) q.ratingLabel[String(r.value)] = r.label;
  });
  q.retiredList = function (of) {
    return (QS.retired_values || []).filter(function (r) { return r.of === of; });
  };
  (QS.notes || []).forEach(function (n) { q.noteLabel[n.id] = n.label; });
  (QS.theme_notes || []).forEach(function (n) { q.themeNoteLabel[n.id] = n.label; });

  // ---- which home, round and person ------------------------------------------
  function pick(list, wanted, fallback) {
    for (var i = 0; i < list.length; i++) if (list[i].id === wanted) return wanted;
    return fallback;
  }
  /** The home, round and person to show: the ones asked for if they still exist,
      else the ones chosen last on this device, else the newest round and the
      first person (with want.askPerson: no one). Returns {home, round, participant, rounds, participants}. */
  function resolveSelection(St, want) {
    want = want || {};
    var h = (want.home && St.getHome(want.home)) || St.currentHome();
    if (!h) return { home: null, round: null, participant: null, rounds: [], participants: [] };
    var sel = St.getSelection(h.id), rs = St.rounds(h.id), ps = St.participants(h.id);
    var lastRound = rs.length ? rs[rs.length - 1].id : null;
    return {
      home: h.id,
      round: pick(rs, want.round, pick(rs, sel.round, lastRound)),
      // a page where answers are given (want.askPerson) never picks the first person for anyone
      participant: pick(ps, want.participant, pick(ps, sel.participant, ps.length && !want.askPerson ? ps[0].id : null)),
      rounds: rs,
      participants: ps
    };
  }

  // ---- a date typed into a date field ------------------------------------------
  /** True when a date field holds a real date (or nothing). With show, the field's
      own message (#<id>-error, in the markup) is shown or hidden to match. A date
      field lets people type a five-digit year; the rules do not. */
  function dateOk(node, show) {
    if (!node || node.tagName !== "INPUT" || node.type !== "date") return true;
    var v = node.validity || {};
    var ok = !(v.badInput || v.rangeOverflow || v.rangeUnderflow) && (!node.value || isDate(node.value));
    if (show) {
      var msg = document.getElementById(node.id + "-error");
      if (msg) msg.hidden = ok;
      if (ok) node.removeAttribute("aria-invalid"); else node.setAttribute("aria-invalid", "true");
    }
    return ok;
  }

  // ---- long lists shown a page at a time --------------------------------------------
  var pages = Object.create(null); // list name -> first item shown
  function pager(name) { return $('[data-ap-pager="' + name + '"]'); }
  function pageSize(name) { var p = pager(name); return parseInt((p && p.getAttribute("data-size")) || "50", 10); }
  function pageStart(name) { return pages[name] || 0; }
  /** The part of list to show now; the list's pager (in the markup) says which part. */
  function page(name, list) {
    var size = pageSize(name), from = Math.min(pageStart(name), Math.max(0, list.length - 1));
    from -= from % size;
    pages[name] = from;
    var box = pager(name);
    if (box) {
      box.hidden = list.length <= size;
      var note = $("[data-ap-page-note]", box);
      if (note) note.textContent = fill(note.getAttribute("data-template"), { from: from + 1, to: Math.min(from + size, list.length), total: list.length, size: size });
      var prev = $('[data-ap-do="page-prev"]', box), next = $('[data-ap-do="page-next"]', box);
      if (prev) prev.disabled = from === 0;
      if (next) next.disabled = from + size >= list.length;
    }
    return list.slice(from, from + size);
  }
  function turnPage(name, dir) { pages[name] = Math.max(0, pageStart(name) + dir * pageSize(name)); }

  window.APCommon = {
    $: $, $$: $$, ready: ready, el: el, fill: fill, fillSelect: fillSelect, own: own, renumber: renumber, keyPrefix: keyPrefix,
    today: today, isDate: isDate, fmtDate: fmtDate, addMonths: addMonths, roundText: roundText,
    q: q, resolveSelection: resolveSelection,
    dateOk: dateOk, page: page, pageStart: pageStart, turnPage: turnPage
  };
})();
