/* Care home action plan: page enhancement (restore, autosave, rounds, people,
 * homes, actions, "your data", export and import).
 *
 * The HTML is the form: this script only fills in, saves and summarises the
 * controls the site already has. User text reaches the page through
 * textContent and value only. Words shown to people come from the page's own
 * markup (data-* attributes and <template>s) or from the question set.
 */
(function () {
  "use strict";

  var St = window.APStore;
  if (!St || !window.APCommon) return;
  var QS = window.ACTION_PLAN_QUESTIONS || {};
  var TEXT_DELAY = 600; // ms after the last key press before text is saved

  var ctx = { home: null, round: null, participant: null, theme: null };
  var pending = Object.create(null); // element id -> {timer, run}
  var refreshTimer = null;
  var pendingImport = null;
  var statusTimer = null;

  var C = window.APCommon;
  var $ = C.$, $$ = C.$$, ready = C.ready, el = C.el, fill = C.fill;
  var today = C.today, fmtDate = C.fmtDate, addMonths = C.addMonths, roundText = C.roundText;
  var questionText = C.q.text, questionTheme = C.q.theme, currentIds = C.q.current;
  var ratingLabel = C.q.ratingLabel, noteLabel = C.q.noteLabel;

  // ---- status: "Saved", and the alert when nothing can be kept --------------
  function say(text) {
    var s = $("#ap-save-status");
    if (!s) return;
    s.textContent = text;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { s.textContent = ""; }, 4000);
  }
  function saved(ok, node) {
    var s = $("#ap-save-status");
    if (!s) return;
    var full = ok && node && node.maxLength > 0 && node.value.length >= node.maxLength;
    say(ok && !St.isFailing() ? s.getAttribute(full ? "data-full" : "data-saved") : s.getAttribute("data-failed"));
  }
  /* Another tab deleted, replaced, undid or merged, or changed the field being typed in. */
  function otherTab(kind) {
    $$("[data-ap-other-tab]").forEach(function (n) {
      var text = n.getAttribute("data-" + kind);
      if (!text) return;
      n.textContent = text;
      n.hidden = false;
    });
  }
  function showStorageStatus() {
    var failing = St.isFailing();
    $$("[data-ap-storage-alert]").forEach(function (a) { a.hidden = !failing; });
  }

  // ---- choosing home, round and person ------------------------------------
  function resolve() {
    var r = C.resolveSelection(St, ctx);
    ctx.home = r.home; ctx.round = r.round; ctx.participant = r.participant;
    ctx.rounds = r.rounds; ctx.participants = r.participants;
  }
  function ensureDefaults(bar) {
    var h = St.currentHome();
    if (!h) h = St.createHome(bar.getAttribute("data-default-home"));
    ctx.home = h.id;
    if (!St.rounds(h.id).length) St.createRound(h.id, { title: bar.getAttribute("data-default-round"), date: today(), home: "" });
    if (!St.participants(h.id).length) St.createParticipant(h.id, bar.getAttribute("data-default-participant"));
  }
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
  function renderPickers() {
    var hs = St.homes();
    $$("[data-ap-home-picker]").forEach(function (p) { p.hidden = hs.length < 2; });
    $$('select[data-ap-select="home"]').forEach(function (s) { fillSelect(s, hs, ctx.home, function (h) { return h.name || h.id; }); });
    $$('select[data-ap-select="round"]').forEach(function (s) { fillSelect(s, ctx.rounds || [], ctx.round, roundText); });
    $$('select[data-ap-select="participant"]').forEach(function (s) { fillSelect(s, ctx.participants || [], ctx.participant, function (p) { return p.name; }); });
  }

  // ---- restoring the form ---------------------------------------------------
  function dirty(node) { return node.id && pending[node.id]; }
  /** o[k] when o has its own k: a stored name or id is never one of JavaScript's own words. */
  function val(o, k) { return o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; }
  var known = new WeakMap(); // field -> the stored text this page last showed or saved
  var forceRefresh = false;  // after another tab replaced everything: show what is stored now
  var typedAt = new WeakMap(); // field -> when someone last typed in it
  function typing(node) {
    return dirty(node) || (document.activeElement === node && Date.now() - (typedAt.get(node) || 0) < 60000);
  }
  function setText(node, value) {
    if (!forceRefresh && typing(node)) {
      // someone is typing here: keep their words; say so if another tab changed this field
      var was = known.get(node);
      if (was !== undefined && value !== was && value !== node.value) otherTab("conflict");
      known.set(node, value);
      return;
    }
    known.set(node, value);
    if (node.value !== value) node.value = value;
  }
  function restoreQuestions() {
    var form = $("#ap-questions");
    if (!form || !ctx.home) return;
    var open = St.isRoundOpen(ctx.home, ctx.round, ctx.rounds);
    $$("[data-ap-question]", form).forEach(function (fs) {
      var qid = fs.getAttribute("data-ap-question");
      var a = ctx.round && ctx.participant ? St.getAnswer(ctx.home, ctx.round, ctx.participant, qid) : null;
      var rating = a && a.rating ? String(a.rating) : "";
      var notes = (a && a.notes) || {};
      $$("input[type=radio][data-ap-field]", fs).forEach(function (r) { r.checked = r.value === rating; r.disabled = !open; });
      $$("textarea[data-ap-field]", fs).forEach(function (t) { setText(t, val(notes, t.getAttribute("data-ap-field")) || ""); t.disabled = !open; });
    });
    var tn = $("#ap-theme-notes");
    if (tn) {
      var notes = ctx.round ? St.getThemeNotes(ctx.home, ctx.round, ctx.theme) : {};
      $$("[data-ap-field]", tn).forEach(function (t) { setText(t, val(notes, t.getAttribute("data-ap-field")) || ""); t.disabled = !open; });
    }
    $$("[data-ap-readonly]").forEach(function (n) { n.hidden = open; });
  }

  function renumber(node, n) {
    var all = [node].concat($$("*", node));
    all.forEach(function (e) {
      for (var i = 0; i < e.attributes.length; i++) {
        var at = e.attributes[i];
        if (at.value.indexOf("__N__") !== -1) e.setAttribute(at.name, at.value.split("__N__").join(String(n)));
      }
    });
    $$(".ap-action__number", node).forEach(function (s) { s.textContent = String(n); });
  }
  function addActionFieldset() {
    var list = $("[data-ap-action-list]"), tpl = $("#ap-action-template");
    if (!list || !tpl) return null;
    var n = $$(".ap-action", list).length + 1;
    var frag = tpl.content.cloneNode(true);
    var fs = frag.querySelector(".ap-action");
    renumber(fs, n);
    list.appendChild(frag);
    return list.lastElementChild && list.lastElementChild.classList.contains("ap-action") ? list.lastElementChild : $$(".ap-action", list).pop();
  }
  function clearActionFieldset(fs) {
    fs.removeAttribute("data-ap-action-id");
    $$("[data-ap-field]", fs).forEach(function (f) {
      if (f.tagName === "SELECT") f.selectedIndex = 0; else setText(f, "");
    });
  }
  /* Each action box gets a "Remove this action" button, with a confirmation. It is
     there from the start, so the page never shifts under a finger as someone types. */
  function syncRemoveButtons() {
    var tpl = $("#ap-ui-templates");
    if (!tpl) return;
    $$("[data-ap-action-list] .ap-action").forEach(function (fs) {
      var box = $("[data-ap-tpl=\"remove-action\"]", fs);
      if (!box) {
        box = tpl.content.querySelector('[data-ap-tpl="remove-action"]').cloneNode(true);
        var n = fs.getAttribute("data-ap-action"), q = $("[data-ap-confirm-question]", box);
        q.id = "ap-remove-action-q-" + n;
        $("[data-ap-confirm-action]", box).setAttribute("aria-labelledby", q.id);
        $("[data-ap-confirm-action]", box).id = "ap-remove-action-" + n;
        $('[data-ap-do="remove-action"]', box).setAttribute("aria-controls", "ap-remove-action-" + n);
        fs.appendChild(box);
      }
    });
  }
  function resetActions() {
    var list = $("[data-ap-action-list]");
    if (!list) return;
    $$(".ap-action", list).forEach(function (fs, i) { if (i > 0) list.removeChild(fs); else clearActionFieldset(fs); });
  }
  function restoreActions() {
    var list = $("[data-ap-action-list]");
    if (!list || !ctx.home) return;
    var actions = St.actions(ctx.home, ctx.theme), byId = Object.create(null);
    actions.forEach(function (a) { byId[a.id] = a; });
    // An action removed (here or in another tab): number the rest again from 1,
    // unless someone is typing in an action just now; then only empty its box.
    var gone = $$(".ap-action", list).some(function (fs) {
      var id = fs.getAttribute("data-ap-action-id");
      return id && !byId[id];
    });
    if (gone && !list.contains(document.activeElement)) resetActions();
    var sets = $$(".ap-action", list), shown = Object.create(null);
    sets.forEach(function (fs) {
      var id = fs.getAttribute("data-ap-action-id");
      if (id && byId[id]) shown[id] = fs;
      else if (id) clearActionFieldset(fs);
    });
    actions.forEach(function (a) {
      if (shown[a.id]) return;
      var free = null;
      $$(".ap-action", list).forEach(function (fs) {
        if (!free && !fs.getAttribute("data-ap-action-id") && !$$("[data-ap-field]", fs).some(dirty)) free = fs;
      });
      var fs = free || addActionFieldset();
      if (!fs) return;
      fs.setAttribute("data-ap-action-id", a.id);
      shown[a.id] = fs;
    });
    actions.forEach(function (a) {
      var fs = shown[a.id], fields = a.fields || {};
      $$("[data-ap-field]", fs).forEach(function (f) {
        var v = val(fields, f.getAttribute("data-ap-field")) || "";
        if (f.tagName === "SELECT") { if (v) f.value = v; else f.selectedIndex = 0; } else setText(f, v);
      });
    });
    syncRemoveButtons();
  }

  function renderEarlier(container, filterTheme) {
    // answers kept for questions that are not in the current question set
    var words = $("[data-ap-earlier-words]") || container;
    var tpl = $("#ap-ui-templates");
    if (tpl && !words.getAttribute("data-round")) {
      words = tpl.content.querySelector("[data-ap-earlier-words]") || words;
    }
    while (container.firstChild) container.removeChild(container.firstChild);
    if (!ctx.home) return 0;
    var rounds = Object.create(null), people = Object.create(null);
    (ctx.rounds || []).forEach(function (r) { rounds[r.id] = r; });
    (ctx.participants || []).forEach(function (p) { people[p.id] = p.name; });
    var n = 0;
    St.allAnswers(ctx.home, function (q) { return !!currentIds[q]; }).forEach(function (a) {
      var theme = a.theme || questionTheme[a.question] || "";
      if (filterTheme && theme !== filterTheme) return;
      n++;
      var item = el("div", "ap-earlier__item");
      item.setAttribute("data-ap-earlier-question", a.question);
      item.appendChild(el("p", "ap-earlier__question", questionText[a.question] || (words.getAttribute("data-unknown") + " (" + a.question + ")")));
      var dl = el("dl", "ap-earlier__answers");
      function row(label, value) {
        if (!value) return;
        dl.appendChild(el("dt", null, label));
        dl.appendChild(el("dd", null, value));
      }
      row(words.getAttribute("data-round"), rounds[a.round] ? roundText(rounds[a.round]) : a.round);
      row(words.getAttribute("data-person"), people[a.participant] || a.participant);
      row(QS.rating && QS.rating.prompt, ratingLabel[a.rating] || a.rating);
      Object.keys(a.notes).forEach(function (k) { row(noteLabel[k] || k, a.notes[k]); });
      item.appendChild(dl);
      container.appendChild(item);
    });
    return n;
  }
  function renderThemeEarlier() {
    var section = $("#ap-earlier");
    if (!section) {
      var tpl = $("#ap-ui-templates"), form = $("#ap-questions");
      if (!tpl || !form) return;
      section = tpl.content.querySelector('[data-ap-tpl="earlier"]').cloneNode(true);
      section.id = "ap-earlier";
      form.parentNode.insertBefore(section, form.nextSibling);
    }
    var n = renderEarlier($("[data-ap-earlier-list]", section), ctx.theme);
    section.hidden = n === 0;
  }

  function restoreAll() {
    resolve();
    renderPickers();
    restoreQuestions();
    restoreActions();
    if ($("#ap-questions")) renderThemeEarlier();
    if ($("[data-ap-yd]")) renderYourData();
    showStorageStatus();
  }

  // ---- saving ---------------------------------------------------------------
  function fieldInfo(node) {
    if (!node || !node.getAttribute || !node.getAttribute("data-ap-field")) return null;
    var field = node.getAttribute("data-ap-field");
    var q = node.closest("[data-ap-question]");
    if (q && node.closest("#ap-questions")) return { kind: "q", qid: q.getAttribute("data-ap-question"), field: field };
    if (node.closest("#ap-theme-notes")) return { kind: "t", field: field };
    var a = node.closest(".ap-action");
    if (a && node.closest("#ap-actions")) return { kind: "x", fs: a, field: field };
    return null;
  }
  function save(node, info, snap) {
    if (!snap.home) return;
    var value = node.type === "radio" ? (node.checked ? node.value : "") : node.value;
    var ok, status = $("#ap-save-status");
    if (!C.dateOk(node)) return; // not a real date: not stored, and the field's own message says why
    // the home, round or person was deleted or replaced in another tab: say so, never "Saved"
    if (!St.getHome(snap.home) || (info.kind !== "x" && !St.getRound(snap.home, snap.round)) ||
        (info.kind === "q" && !St.getParticipant(snap.home, snap.participant))) {
      if (status) say(status.getAttribute("data-gone"));
      return;
    }
    if (node.type !== "radio") known.set(node, value);
    if (info.kind === "q") {
      if (!snap.round || !snap.participant || !St.isRoundOpen(snap.home, snap.round)) return;
      ok = St.setAnswerField(snap.home, snap.round, snap.participant, info.qid, ctx.theme, info.field, value);
    } else if (info.kind === "t") {
      if (!snap.round || !St.isRoundOpen(snap.home, snap.round)) return;
      ok = St.setThemeNote(snap.home, snap.round, ctx.theme, info.field, value);
    } else {
      var id = info.fs.getAttribute("data-ap-action-id");
      if (id && St.actions(snap.home).some(function (a) { return a.id === id; })) {
        ok = St.setActionField(snap.home, id, info.field, value);
      } else {
        var fields = {};
        $$("[data-ap-field]", info.fs).forEach(function (f) { fields[f.getAttribute("data-ap-field")] = f.value; });
        var review = $('[data-ap-field="review-date"]', info.fs), r = snap.round && St.getRound(snap.home, snap.round);
        var bar = $("#ap-session");
        if (review && !review.value && r) {
          review.value = addMonths(r.date, parseInt((bar && bar.getAttribute("data-review-months")) || "3", 10));
          fields["review-date"] = review.value;
        }
        var a = St.createAction(snap.home, ctx.theme, fields);
        info.fs.setAttribute("data-ap-action-id", a.id);
        ok = !St.isFailing();
      }
    }
    saved(ok, node);
  }
  function schedule(node, info) {
    var key = node.id, snap = { home: ctx.home, round: ctx.round, participant: ctx.participant };
    if (pending[key]) clearTimeout(pending[key].timer);
    var job = {
      run: function () {
        clearTimeout(job.timer);
        if (pending[key] === job) delete pending[key];
        save(node, info, snap);
      }
    };
    job.timer = setTimeout(job.run, TEXT_DELAY);
    pending[key] = job;
  }
  function flushAll() {
    Object.keys(pending).forEach(function (k) { if (pending[k]) pending[k].run(); });
  }
  function immediate(node) {
    return node.type === "radio" || node.type === "date" || node.tagName === "SELECT";
  }
  function onInput(e) {
    typedAt.set(e.target, Date.now());
    var info = fieldInfo(e.target);
    if (!info || immediate(e.target)) return;
    schedule(e.target, info);
  }
  function onChange(e) {
    var t = e.target;
    C.dateOk(t, true);
    var info = fieldInfo(t);
    if (info) {
      if (pending[t.id]) pending[t.id].run();
      else if (immediate(t)) save(t, info, { home: ctx.home, round: ctx.round, participant: ctx.participant });
      return;
    }
    var which = t.getAttribute && t.getAttribute("data-ap-select");
    if (which) {
      flushAll();
      if (which === "home") {
        ctx.home = t.value; ctx.round = ctx.participant = null;
        St.setCurrentHome(t.value);
        resetActions();
      } else if (which === "round") {
        ctx.round = t.value;
      } else if (which === "participant") {
        ctx.participant = t.value;
      }
      if (ctx.home && which !== "home") St.setSelection(ctx.home, { round: ctx.round, participant: ctx.participant });
      forceRefresh = true; // another home, round or person: every field shows theirs
      try { restoreAll(); } finally { forceRefresh = false; }
      return;
    }
    if (t.id === "ap-import-file") readImportFile(t);
  }

  // ---- downloads --------------------------------------------------------------
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
    flushAll();
    download(JSON.stringify(St.exportAll(), null, 1), "action-plan-" + today() + ".json", "application/json");
    St.markExported();
    if ($("[data-ap-yd]")) renderYourData();
  }
  function exportCSV() {
    flushAll();
    download(St.toCSV(St.exportAll()), "action-plan-" + today() + ".csv", "text/csv;charset=utf-8");
  }

  // ---- the "Your data" page ---------------------------------------------------
  function yd(name) { return $('[data-ap-yd-part="' + name + '"]'); }
  function renderYourData() {
    var h = ctx.home ? St.getHome(ctx.home) : null;
    var nameInput = $("#ap-yd-home-name");
    if (nameInput && document.activeElement !== nameInput) nameInput.value = h ? (h.name || "") : "";
    $$("[data-ap-needs-home]").forEach(function (n) { n.hidden = !h; });
    // rounds
    var rl = $("[data-ap-rounds-list]");
    if (rl) {
      while (rl.firstChild) rl.removeChild(rl.firstChild);
      C.page("rounds", (ctx.rounds || []).slice().reverse()).forEach(function (r) { rl.appendChild(el("li", null, roundText(r) + (r.home ? " – " + r.home : ""))); });
    }
    // people
    var pl = $("[data-ap-people-list]"), ptpl = $("#ap-person-template");
    if (pl && ptpl) {
      var focusedId = document.activeElement && pl.contains(document.activeElement) ? document.activeElement.id : null;
      while (pl.firstChild) pl.removeChild(pl.firstChild);
      var shown = C.page("people", ctx.participants || []), first = C.pageStart("people");
      shown.forEach(function (p, i) {
        var li = ptpl.content.firstElementChild.cloneNode(true);
        li.setAttribute("data-ap-person", p.id);
        renumber(li, first + i + 1);
        $$("[data-ap-name]", li).forEach(function (n) { n.textContent = p.name; });
        var input = $("input", li);
        if (input) input.value = p.name;
        pl.appendChild(li);
      });
      if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
    }
    // what is kept
    var usage = $("[data-ap-usage]");
    if (usage) {
      var b = St.usage();
      usage.textContent = fill(usage.getAttribute("data-template"), { kb: (b / 1024).toFixed(b < 10240 ? 1 : 0), percent: Math.max(0, Math.round(b / (5 * 1024 * 1024) * 100)) });
    }
    var last = $("[data-ap-last-export]"), dev = St.device();
    if (last) last.textContent = dev.lastExport ? fmtDate(dev.lastExport.slice(0, 10)) : last.getAttribute("data-never");
    var reminder = $("[data-ap-export-reminder]");
    if (reminder) {
      var old = !dev.lastExport || (Date.now() - new Date(dev.lastExport).getTime()) > 30 * 24 * 3600 * 1000;
      reminder.hidden = !(old && St.homes().length);
    }
    var undo = $("[data-ap-undo-wrap]");
    if (undo) undo.hidden = !St.undoState().available;
    var damaged = $("[data-ap-damaged]"), aside = St.setAside().length;
    if (damaged) {
      damaged.hidden = !aside;
      damaged.textContent = aside ? fill(damaged.getAttribute("data-template"), { n: aside }) : "";
    }
    var earlier = $("[data-ap-earlier-all]");
    if (earlier) {
      var n = renderEarlier(earlier, null);
      var none = $("[data-ap-earlier-none]");
      if (none) none.hidden = n > 0;
    }
  }
  function renderPersist() {
    var p = $("[data-ap-persist]");
    if (!p) return;
    var btn = $('[data-ap-do="persist"]');
    var s = navigator.storage;
    if (!s || !s.persisted) { p.textContent = p.getAttribute("data-unknown"); if (btn) btn.hidden = true; return; }
    s.persisted().then(function (yes) {
      p.textContent = yes ? p.getAttribute("data-yes") : p.getAttribute("data-no");
      if (btn) btn.hidden = !!yes;
    }, function () { p.textContent = p.getAttribute("data-unknown"); });
  }
  function askPersist() {
    var s = navigator.storage;
    if (!s || !s.persist) return;
    s.persist().then(renderPersist, renderPersist);
  }

  /** The words for a refused import or undo: the page's own, by code, else the store's. */
  function problemText(res) {
    var err = $("[data-ap-import-error]");
    return (res.code && err && err.getAttribute("data-" + res.code)) || res.message || (err && err.getAttribute("data-storage")) || "";
  }
  function importMessage(kind, text) {
    var err = $("[data-ap-import-error]"), done = $("[data-ap-import-done]");
    if (err) { err.textContent = kind === "error" ? text : ""; err.hidden = kind !== "error"; }
    if (done) done.textContent = kind === "done" ? text : "";
  }
  function readImportFile(input) {
    var choice = $("[data-ap-import-choice]");
    pendingImport = null;
    if (choice) choice.hidden = true;
    importMessage("", "");
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > St.MAX_FILE_BYTES) { importMessage("error", problemText(St.validate("", file.size))); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var res = St.validate(String(reader.result), file.size);
      if (!res.ok) { importMessage("error", problemText(res)); return; }
      pendingImport = res.data;
      var sum = $("[data-ap-import-summary]");
      if (sum) sum.textContent = fill(sum.getAttribute("data-template"), res.summary);
      if (choice) { choice.hidden = false; choice.focus(); }
    };
    reader.onerror = function () { importMessage("error", St.validate("{", 0).message); };
    reader.readAsText(file);
  }
  function finishImport(res, template) {
    var choice = $("[data-ap-import-choice]"), input = $("#ap-import-file");
    if (!res.ok) { importMessage("error", problemText(res)); return; }
    pendingImport = null;
    if (choice) choice.hidden = true;
    if (input) input.value = "";
    ctx.home = null; ctx.round = null; ctx.participant = null;
    restoreAll();
    var msg = fill(template, res);
    if (res.renamed && res.renamed.length) {
      var t = $("[data-ap-import-renamed]");
      msg += " " + res.renamed.map(function (pair) { return fill(t && t.getAttribute("data-template"), { name: pair[0], now: pair[1] }); }).join(" ");
    }
    var keptTpl = $("[data-ap-import-kept]");
    if (res.kept && keptTpl) msg += " " + fill(keptTpl.getAttribute("data-template"), res);
    importMessage("done", msg);
  }

  function toggleForm(btn, show) {
    var form = document.getElementById(btn.getAttribute("aria-controls"));
    if (!form) return;
    if (show === undefined) show = form.hidden;
    form.hidden = !show;
    btn.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) {
      var first = $("input:not([type=hidden]), select, textarea, button", form);
      var date = $('input[type="date"]', form);
      if (date && !date.value) date.value = today();
      if (first) first.focus();
    }
  }
  function toggleFor(form) { return $('[aria-controls="' + form.id + '"]'); }

  function onClick(e) {
    var btn = e.target.closest && e.target.closest("[data-ap-do]");
    if (!btn) return;
    var what = btn.getAttribute("data-ap-do");
    var li = btn.closest("[data-ap-person]");
    switch (what) {
      case "toggle": toggleForm(btn); break;
      case "cancel": {
        var f = btn.closest("form");
        if (f) { f.hidden = true; var t = toggleFor(f); if (t) { t.setAttribute("aria-expanded", "false"); t.focus(); } }
        break;
      }
      case "reopen-round":
        St.updateRound(ctx.home, ctx.round, { reopened: true });
        restoreAll();
        break;
      case "add-action": {
        var fs = addActionFieldset();
        syncRemoveButtons();
        if (fs) { var first = $("[data-ap-field]", fs); if (first) first.focus(); }
        break;
      }
      case "remove-action": {
        var ra = $("[data-ap-confirm-action]", btn.closest(".ap-action"));
        if (ra) { ra.hidden = false; btn.setAttribute("aria-expanded", "true"); ra.focus(); }
        break;
      }
      case "cancel-remove-action": {
        var box2 = btn.closest(".ap-action-remove");
        $("[data-ap-confirm-action]", box2).hidden = true;
        var rb2 = $('[data-ap-do="remove-action"]', box2);
        rb2.setAttribute("aria-expanded", "false");
        rb2.focus();
        break;
      }
      case "confirm-remove-action": {
        var gone = btn.closest(".ap-action").getAttribute("data-ap-action-id");
        flushAll();
        var removed = gone ? St.removeAction(ctx.home, gone) : true;
        resetActions();
        restoreActions();
        say(removed ? btn.getAttribute("data-done") : $("#ap-save-status").getAttribute("data-failed"));
        var actionsForm = $("#ap-actions");
        if (actionsForm) { actionsForm.setAttribute("tabindex", "-1"); actionsForm.focus(); }
        break;
      }
      case "export-json": {
        exportJSON();
        // exported from the "changed since the import" box: now undo may go ahead
        if (btn.closest("[data-ap-undo-changed]")) $$('[data-ap-do="undo-anyway"]').forEach(function (b) { b.hidden = false; });
        break;
      }
      case "page-next": case "page-prev": {
        C.turnPage(btn.closest("[data-ap-pager]").getAttribute("data-ap-pager"), what === "page-next" ? 1 : -1);
        renderYourData();
        break;
      }
      case "export-csv": exportCSV(); break;
      case "persist": askPersist(); break;
      case "import-merge":
        if (pendingImport) finishImport(St.importMerge(pendingImport), btn.getAttribute("data-done"));
        break;
      case "import-replace":
        if (pendingImport) finishImport(St.importReplace(pendingImport), btn.getAttribute("data-done"));
        break;
      case "import-cancel": {
        pendingImport = null;
        var c = $("[data-ap-import-choice]"); if (c) c.hidden = true;
        var inp = $("#ap-import-file"); if (inp) { inp.value = ""; inp.focus(); }
        break;
      }
      case "undo-import":
      case "undo-anyway": {
        var r = St.undoImport(what === "undo-anyway");
        var changedBox = $("[data-ap-undo-changed]"), undoBtn = $('[data-ap-do="undo-import"]');
        if (!r.ok && r.code === "changed" && changedBox) {
          // something changed since the import: say so, and offer to export first
          changedBox.hidden = false;
          changedBox.focus();
          break;
        }
        if (changedBox) changedBox.hidden = true;
        $$('[data-ap-do="undo-anyway"]').forEach(function (b) { b.hidden = true; });
        if (r.ok) { ctx.home = ctx.round = ctx.participant = null; forceRefresh = true; }
        try { restoreAll(); } finally { forceRefresh = false; }
        importMessage(r.ok ? "done" : "error", r.ok ? undoBtn.getAttribute("data-done") : problemText(r));
        break;
      }
      case "delete-all": {
        var box = $("[data-ap-delete-confirm]");
        if (box) { box.hidden = false; btn.setAttribute("aria-expanded", "true"); box.focus(); }
        break;
      }
      case "cancel-delete": {
        var b2 = $("[data-ap-delete-confirm]"); if (b2) b2.hidden = true;
        var d = $('[data-ap-do="delete-all"]'); if (d) { d.setAttribute("aria-expanded", "false"); d.focus(); }
        break;
      }
      case "confirm-delete": {
        var ok = St.deleteAll();
        var b3 = $("[data-ap-delete-confirm]"); if (b3) b3.hidden = true;
        ctx.home = ctx.round = ctx.participant = null;
        resetActions();
        restoreAll();
        say(ok ? btn.getAttribute("data-done") : btn.getAttribute("data-failed"));
        var dd = $("[data-ap-delete-done]"); if (dd) dd.textContent = ok ? btn.getAttribute("data-done") : btn.getAttribute("data-failed");
        break;
      }
      case "rename-person": {
        var form = $("form", li); if (form) { form.hidden = false; var i2 = $("input", form); if (i2) i2.focus(); }
        break;
      }
      case "cancel-rename": {
        var fr = btn.closest("form"); if (fr) fr.hidden = true;
        var rb = $('[data-ap-do="rename-person"]', li); if (rb) rb.focus();
        break;
      }
      case "remove-person": {
        var cb = $("[data-ap-confirm]", li); if (cb) { cb.hidden = false; cb.focus(); }
        break;
      }
      case "cancel-remove": {
        var cb2 = $("[data-ap-confirm]", li); if (cb2) cb2.hidden = true;
        var rm = $('[data-ap-do="remove-person"]', li); if (rm) rm.focus();
        break;
      }
      case "confirm-remove-person": {
        St.removeParticipant(ctx.home, li.getAttribute("data-ap-person"));
        if (ctx.participant === li.getAttribute("data-ap-person")) ctx.participant = null;
        restoreAll();
        say(btn.getAttribute("data-done"));
        var heading = $("#people-and-groups") || $("[data-ap-people-list]");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        break;
      }
      default: break;
    }
  }

  function onSubmit(e) {
    var form = e.target, kind = form.getAttribute && form.getAttribute("data-ap-form");
    if (!kind) return;
    e.preventDefault();
    var data = {};
    $$("input", form).forEach(function (i) { if (i.name) data[i.name] = i.value.trim(); });
    if (kind === "new-round") {
      if (!ctx.home) return;
      var dateInput = $('input[type="date"]', form);
      if (dateInput && !C.dateOk(dateInput, true)) { dateInput.focus(); return; }
      if (!data.title) return;
      flushAll();
      var r = St.createRound(ctx.home, data);
      if (!r) return;
      ctx.round = r.id;
    } else if (kind === "new-participant") {
      if (!ctx.home || !data.name) return;
      flushAll();
      var p = St.createParticipant(ctx.home, data.name);
      ctx.participant = p.id;
    } else if (kind === "rename-person") {
      var li = form.closest("[data-ap-person]");
      if (!data.name || !li) return;
      St.renameParticipant(ctx.home, li.getAttribute("data-ap-person"), data.name);
    } else if (kind === "rename-home") {
      if (!data.name) return;
      if (!ctx.home) ctx.home = St.createHome(data.name).id;
      else St.renameHome(ctx.home, data.name);
    } else if (kind === "add-home") {
      if (!data.name) return;
      flushAll();
      var h = St.createHome(data.name);
      ctx.home = h.id; ctx.round = ctx.participant = null;
      var bar = $("#ap-session");
      if (bar) { ensureDefaults(bar); resetActions(); }
    } else {
      return;
    }
    if (ctx.home) St.setSelection(ctx.home, { round: ctx.round, participant: ctx.participant });
    if (kind === "new-round" || kind === "new-participant") {
      form.reset();
      form.hidden = true;
      var t = toggleFor(form);
      if (t) t.setAttribute("aria-expanded", "false");
    } else if (kind === "add-home") {
      form.reset();
    }
    forceRefresh = kind !== "rename-person" && kind !== "rename-home";
    try { restoreAll(); } finally { forceRefresh = false; }
    var done = form.getAttribute("data-done");
    say(done || ($("#ap-save-status") || form).getAttribute("data-saved"));
    var focusTo = kind === "new-round" ? $("#ap-round") : kind === "new-participant" ? $("#ap-participant") : null;
    if (focusTo) focusTo.focus();
  }

  /* Show what is stored now. After another tab deleted, replaced or undid
     everything, fields show the new answers even where the cursor is, and a
     theme page starts a new plan if nothing is left. */
  var otherKind = null;
  function refresh() {
    var kind = otherKind, bar = $("#ap-session");
    otherKind = null;
    if (kind) {
      ctx.home = ctx.round = ctx.participant = null;
      forceRefresh = true;
      if (bar && !St.currentHome()) ensureDefaults(bar);
    }
    try { restoreAll(); } finally { forceRefresh = false; }
  }
  function onStorage(e) {
    if (e.key !== null && e.key.lastIndexOf(St.prefix, 0) !== 0) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 30);
  }
  function onOtherTab(kind) {
    otherTab(kind);
    if (kind !== "merged") otherKind = kind;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 60); // after the other tab's writes have all arrived
  }

  function init() {
    try { St.migrate(); } catch (e) { /* keep going: nothing is removed by a failed migration */ }
    var bar = $("#ap-session");
    var ydParts = $$("[data-ap-yd]");
    if (!bar && !ydParts.length) return;
    try { St.repair(); } catch (e) { /* keep going: a record that cannot be repaired is left as it is */ }
    St.onStatus(showStorageStatus);
    St.probe();
    if (bar) {
      ctx.theme = bar.getAttribute("data-ap-theme");
      ensureDefaults(bar);
    }
    restoreAll();
    renderPersist();
    document.addEventListener("input", onInput);
    document.addEventListener("change", onChange);
    document.addEventListener("click", onClick);
    document.addEventListener("submit", onSubmit);
    window.addEventListener("storage", onStorage);
    St.onOtherTab(onOtherTab);
    document.addEventListener("invalid", function (e) { C.dateOk(e.target, true); }, true);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flushAll(); });
    window.addEventListener("pagehide", flushAll);
    window.addEventListener("beforeunload", flushAll);
  }

  // This script is at the end of <body>, so the page above it is all there: lay it
  // out from the saved answers now, before the first paint (pages whose layout
  // depends on them hold their first paint until this has run: partials/ap-head.html).
  init();
})();
