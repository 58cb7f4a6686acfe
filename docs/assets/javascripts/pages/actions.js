/* Care home action plan: the theme's actions (forward planning).
 *
 * A part of the page (pages/page.js), on the theme pages, after
 * theme-form.js, whose saver it uses (APPage.fieldKind). Each action is a box
 * of fields (#ap-actions, [data-ap-action-list]); a new one is a copy of the
 * page's <template id="ap-action-template">. Actions belong to the home's
 * plan, not to a round, so they outlive it. A new action's review date is
 * the round's date plus the months the session bar says. Each box has a
 * "Remove this action" button with a confirmation.
 */
(function () {
  "use strict";

  var P = window.APPage, St = window.APStore, C = window.APCommon;
  if (!P || !P.fieldKind) return;
  var $ = C.$, $$ = C.$$;
  var ctx = P.ctx;

  function renumber(node, n) {
    C.renumber(node, n);
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
      if (f.tagName === "SELECT") f.selectedIndex = 0; else P.setText(f, "");
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
        if (!free && !fs.getAttribute("data-ap-action-id") && !$$("[data-ap-field]", fs).some(P.dirty)) free = fs;
      });
      var fs = free || addActionFieldset();
      if (!fs) return;
      fs.setAttribute("data-ap-action-id", a.id);
      shown[a.id] = fs;
    });
    actions.forEach(function (a) {
      var fs = shown[a.id], fields = a.fields || {};
      $$("[data-ap-field]", fs).forEach(function (f) {
        var v = C.own(fields, f.getAttribute("data-ap-field")) || "";
        if (f.tagName === "SELECT") { if (v) f.value = v; else f.selectedIndex = 0; } else P.setText(f, v);
      });
    });
    syncRemoveButtons();
  }

  // an action's field: saved to the action, or the first field typed makes the action
  P.fieldKind({
    kind: "x",
    match: function (node, field) {
      var a = node.closest(".ap-action");
      return a && node.closest("#ap-actions") ? { fs: a, field: field } : null;
    },
    save: function (node, info, snap, value) {
      var id = info.fs.getAttribute("data-ap-action-id");
      if (id && St.actions(snap.home).some(function (a) { return a.id === id; })) {
        return St.setActionField(snap.home, id, info.field, value);
      }
      var fields = {};
      $$("[data-ap-field]", info.fs).forEach(function (f) { fields[f.getAttribute("data-ap-field")] = f.value; });
      var review = $('[data-ap-field="review-date"]', info.fs), r = snap.round && St.getRound(snap.home, snap.round);
      var bar = $("#ap-session");
      if (review && !review.value && r) {
        review.value = C.addMonths(r.date, parseInt((bar && bar.getAttribute("data-review-months")) || "3", 10));
        fields["review-date"] = review.value;
      }
      var a = St.createAction(snap.home, ctx.theme, fields);
      info.fs.setAttribute("data-ap-action-id", a.id);
      return !St.isFailing();
    }
  });

  P.part({
    restore: restoreActions,
    reset: resetActions,
    clicks: {
      "add-action": function () {
        var fs = addActionFieldset();
        syncRemoveButtons();
        if (fs) { var first = $("[data-ap-field]", fs); if (first) first.focus(); }
      },
      "remove-action": function (btn) {
        var ra = $("[data-ap-confirm-action]", btn.closest(".ap-action"));
        if (ra) { ra.hidden = false; btn.setAttribute("aria-expanded", "true"); ra.focus(); }
      },
      "cancel-remove-action": function (btn) {
        var box = btn.closest(".ap-action-remove");
        $("[data-ap-confirm-action]", box).hidden = true;
        var rb = $('[data-ap-do="remove-action"]', box);
        rb.setAttribute("aria-expanded", "false");
        rb.focus();
      },
      "confirm-remove-action": function (btn) {
        var gone = btn.closest(".ap-action").getAttribute("data-ap-action-id");
        P.flushAll();
        var removed = gone ? St.removeAction(ctx.home, gone) : true;
        resetActions();
        restoreActions();
        P.say(removed ? btn.getAttribute("data-done") : $("#ap-save-status").getAttribute("data-failed"));
        var actionsForm = $("#ap-actions");
        if (actionsForm) { actionsForm.setAttribute("tabindex", "-1"); actionsForm.focus(); }
      }
    }
  });
})();
