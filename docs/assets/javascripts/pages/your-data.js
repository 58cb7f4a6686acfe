/* Care home action plan: the "Your data" page.
 *
 * A part of the page (pages/page.js), on docs/your-data.md alone ([data-ap-yd]).
 * It shows what this device keeps (the home, its rounds and people a page at
 * a time, the space used, the last export, damaged records set aside, answers
 * to earlier questions) and does what the page offers: rename the home, add
 * a home, rename or remove a person, import a file (checked in full first,
 * then merge or replace), undo an import, keep the data safe from clearing
 * (persist), and delete everything, each with its confirmation.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P) return;
  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var ctx = P.ctx;
  var pendingImport = null;

  // ---- what is kept ---------------------------------------------------------
  function renderYourData() {
    var h = ctx.home ? St.getHome(ctx.home) : null;
    var nameInput = $("#ap-yd-home-name");
    if (nameInput && document.activeElement !== nameInput) nameInput.value = h ? (h.name || "") : "";
    $$("[data-ap-needs-home]").forEach(function (n) { n.hidden = !h; });
    // rounds
    var rl = $("[data-ap-rounds-list]");
    if (rl) {
      while (rl.firstChild) rl.removeChild(rl.firstChild);
      C.page("rounds", (ctx.rounds || []).slice().reverse()).forEach(function (r) { rl.appendChild(el("li", null, C.roundText(r) + (r.home ? " – " + r.home : ""))); });
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
        C.renumber(li, first + i + 1);
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
    if (last) last.textContent = dev.lastExport ? C.fmtDate(dev.lastExport.slice(0, 10)) : last.getAttribute("data-never");
    var reminder = $("[data-ap-export-reminder]");
    if (reminder) {
      // measured from the last export, or, on a device that has never exported, from its
      // first use (its oldest home of its own): never for answers minutes old (issue 18)
      var since = dev.lastExport || firstUse();
      var old = !!since && (Date.now() - new Date(since).getTime()) > 30 * 24 * 3600 * 1000;
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
      var n = P.renderEarlier(earlier, null);
      var none = $("[data-ap-earlier-none]");
      if (none) none.hidden = n > 0;
    }
  }
  function exampleId() { var n = $("[data-example-home]"); return n ? n.getAttribute("data-example-home") : ""; }
  function firstUse() {
    var stamps = St.homes().filter(function (h) { return h.id !== exampleId() && h.created; })
      .map(function (h) { return h.created; }).sort();
    return stamps[0] || "";
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

  // ---- import and undo ------------------------------------------------------
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
      renderPlan(res);
      if (choice) { choice.hidden = false; choice.focus(); }
    };
    reader.onerror = function () { importMessage("error", St.validate("{", 0).message); };
    reader.readAsText(file);
  }
  /** Before anything changes: each home in the file, and where it will go (issue 18). Homes
      are matched by id; the person can bring one in as a new home or into a home here. */
  function renderPlan(res) {
    var list = $("[data-ap-import-homes]"), tpl = $("#ap-import-home-template");
    var plan = St.importPlan(res.data, exampleId());
    var here = St.homes().filter(function (h) { return h.id !== exampleId(); });
    if (list && tpl) {
      while (list.firstChild) list.removeChild(list.firstChild);
      plan.forEach(function (p, i) {
        var li = tpl.content.firstElementChild.cloneNode(true);
        C.renumber(li, i + 1);
        var label = $("[data-ap-import-home-name]", li), sel = $("[data-ap-import-target]", li);
        label.textContent = fill(label.getAttribute("data-template"), { name: p.name || p.id, people: p.people, rounds: p.rounds, answers: p.answers });
        sel.setAttribute("data-ap-import-index", String(i));
        function option(value, text, chosen) {
          var o = el("option", null, text);
          o.value = value;
          o.selected = !!chosen;
          sel.appendChild(o);
        }
        if (p.target === "skip") option("skip", sel.getAttribute("data-skip"), true);
        else {
          option("new", sel.getAttribute("data-new"), p.target === "new");
          here.forEach(function (h) {
            option(h.id, fill(sel.getAttribute(h.id === p.target ? "data-same" : "data-into"), { name: h.name || h.id }), h.id === p.target);
          });
        }
        list.appendChild(li);
      });
    }
    var newer = $("[data-ap-import-newer]"), s = res.summary, which = s.newer ? "data-newer" : s.unknown ? "data-unknown" : "";
    if (newer) {
      newer.hidden = !which;
      newer.textContent = which ? fill(newer.getAttribute(which), { file: s.file, ours: s.ours, n: s.unknown }) : "";
    }
  }
  function targets() {
    var out = [];
    $$("[data-ap-import-target]").forEach(function (s) { out[+s.getAttribute("data-ap-import-index")] = s.value; });
    return out;
  }
  function statusLabel(v) {
    var words = "";
    (C.q.set.action_fields || []).forEach(function (f) {
      if (f.id !== "status") return;
      (f.options || []).forEach(function (o, i) { if (String(o.value) === v || (!v && i === 0)) words = o.label; });
    });
    var r = C.q.retired.status && C.q.retired.status[v];
    return words || (r && r.label) || v;
  }
  function finishImport(res, template) {
    var choice = $("[data-ap-import-choice]"), input = $("#ap-import-file");
    if (!res.ok) { importMessage("error", problemText(res)); return; }
    pendingImport = null;
    if (choice) choice.hidden = true;
    if (input) input.value = "";
    ctx.home = null; ctx.round = null; ctx.participant = null;
    P.restoreAll();
    var msg = fill(template, res);
    if (res.renamed && res.renamed.length) {
      var t = $("[data-ap-import-renamed]");
      msg += " " + res.renamed.map(function (pair) { return fill(t && t.getAttribute("data-template"), { name: pair[0], now: pair[1] }); }).join(" ");
    }
    var keptTpl = $("[data-ap-import-kept]");
    if (res.kept && keptTpl) msg += " " + fill(keptTpl.getAttribute("data-template"), res);
    // where one version was kept over another, and which homes came in new: said plainly (issue 18)
    function add(sel, items, values) {
      var t = $(sel);
      (items || []).forEach(function (x) { if (t) msg += " " + fill(t.getAttribute("data-template"), values(x)); });
    }
    add("[data-ap-import-new-home]", res.newHomes, function (name) { return { name: name }; });
    add("[data-ap-import-kept-action]", res.keptActions, function (k) { return { what: k.what, here: statusLabel(k.here), file: statusLabel(k.file) }; });
    add("[data-ap-import-kept-round]", res.keptRounds, function (k) { return { title: k.title, here: C.fmtDate(k.here), file: C.fmtDate(k.file) }; });
    importMessage("done", msg);
  }
  function undoImport(btn, what) {
    var r = St.undoImport(what === "undo-anyway");
    var changedBox = $("[data-ap-undo-changed]"), undoBtn = $('[data-ap-do="undo-import"]');
    if (!r.ok && r.code === "changed" && changedBox) {
      // something changed since the import: say so, and offer to export first
      changedBox.hidden = false;
      changedBox.focus();
      return;
    }
    if (changedBox) changedBox.hidden = true;
    $$('[data-ap-do="undo-anyway"]').forEach(function (b) { b.hidden = true; });
    if (r.ok) { ctx.home = ctx.round = ctx.participant = null; }
    P.refreshAll(r.ok);
    importMessage(r.ok ? "done" : "error", r.ok ? undoBtn.getAttribute("data-done") : problemText(r));
  }

  // ---- the person named on a button's row ------------------------------------
  function row(btn) { return btn.closest("[data-ap-person]"); }

  P.part({
    present: function () { return !!$("[data-ap-yd]"); },
    restore: function () { if ($("[data-ap-yd]")) renderYourData(); },
    ready: renderPersist,
    change: function (t) {
      if (t.id !== "ap-import-file") return false;
      readImportFile(t);
      return true;
    },
    clicks: {
      "export-json": function (btn) {  // download.js has saved the file
        if ($("[data-ap-yd]")) renderYourData();
        // exported from the "changed since the import" box: now undo may go ahead
        if (btn.closest("[data-ap-undo-changed]")) $$('[data-ap-do="undo-anyway"]').forEach(function (b) { b.hidden = false; });
      },
      "page-next": turn, "page-prev": turn,
      "persist": askPersist,
      "import-merge": function (btn) { if (pendingImport) finishImport(St.importMerge(pendingImport, targets()), btn.getAttribute("data-done")); },
      "import-replace": function (btn) { if (pendingImport) finishImport(St.importReplace(pendingImport), btn.getAttribute("data-done")); },
      "import-cancel": function () {
        pendingImport = null;
        var c = $("[data-ap-import-choice]"); if (c) c.hidden = true;
        var inp = $("#ap-import-file"); if (inp) { inp.value = ""; inp.focus(); }
      },
      "undo-import": undoImport, "undo-anyway": undoImport,
      "delete-all": function (btn) {
        var box = $("[data-ap-delete-confirm]");
        if (box) { box.hidden = false; btn.setAttribute("aria-expanded", "true"); box.focus(); }
      },
      "cancel-delete": function () {
        var b = $("[data-ap-delete-confirm]"); if (b) b.hidden = true;
        var d = $('[data-ap-do="delete-all"]'); if (d) { d.setAttribute("aria-expanded", "false"); d.focus(); }
      },
      "confirm-delete": function (btn) {
        var ok = St.deleteAll();
        var b = $("[data-ap-delete-confirm]"); if (b) b.hidden = true;
        ctx.home = ctx.round = ctx.participant = null;
        P.reset();
        P.restoreAll();
        P.say(ok ? btn.getAttribute("data-done") : btn.getAttribute("data-failed"));
        var dd = $("[data-ap-delete-done]"); if (dd) dd.textContent = ok ? btn.getAttribute("data-done") : btn.getAttribute("data-failed");
      },
      "rename-person": function (btn) {
        var form = $("form", row(btn)); if (form) { form.hidden = false; var i = $("input", form); if (i) i.focus(); }
      },
      "cancel-rename": function (btn) {
        var f = btn.closest("form"); if (f) f.hidden = true;
        var rb = $('[data-ap-do="rename-person"]', row(btn)); if (rb) rb.focus();
      },
      "remove-person": function (btn) {
        var cb = $("[data-ap-confirm]", row(btn)); if (cb) { cb.hidden = false; cb.focus(); }
      },
      "cancel-remove": function (btn) {
        var cb = $("[data-ap-confirm]", row(btn)); if (cb) cb.hidden = true;
        var rm = $('[data-ap-do="remove-person"]', row(btn)); if (rm) rm.focus();
      },
      "confirm-remove-person": function (btn) {
        var li = row(btn);
        St.removeParticipant(ctx.home, li.getAttribute("data-ap-person"));
        if (ctx.participant === li.getAttribute("data-ap-person")) ctx.participant = null;
        P.restoreAll();
        P.say(btn.getAttribute("data-done"));
        var heading = $("#people-and-groups") || $("[data-ap-people-list]");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      }
    },
    forms: {
      "rename-person": function (form, data) {
        var li = form.closest("[data-ap-person]");
        if (!data.name || !li) return null;
        St.renameParticipant(ctx.home, li.getAttribute("data-ap-person"), data.name);
        return { refresh: false };
      },
      "rename-home": function (form, data) {
        if (!data.name) return null;
        if (!ctx.home) ctx.home = St.createHome(data.name).id;
        else St.renameHome(ctx.home, data.name);
        return { refresh: false };
      },
      "add-home": function (form, data) {
        if (!data.name) return null;
        P.flushAll();
        var h = St.createHome(data.name);
        ctx.home = h.id; ctx.round = ctx.participant = null;
        var bar = $("#ap-session");
        if (bar && P.ensureDefaults) { P.ensureDefaults(bar); P.reset(); }
        return { tidy: function () { form.reset(); }, refresh: true };
      }
    }
  });

  function turn(btn, what) {
    C.turnPage(btn.closest("[data-ap-pager]").getAttribute("data-ap-pager"), what === "page-next" ? 1 : -1);
    renderYourData();
  }
})();
