/* Care home action plan: "Look back at last round's actions" (issue 22).
 *
 * The page (overrides/actionplan/look-back.html, ap_kind "look-back") is the
 * first step of a new round. For the newest round of the home chosen on this
 * device, it shows each action made before that round that was still open when
 * it started (and each one already looked back at in it), as a copy of the
 * page's <template id="ap-lb-template">, and saves the answers as they are
 * given (APStore.setActionReview: the action keeps its look back per round).
 * An outcome that closes an action (done, stop) gives it its status there.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon;
  if (!St || !C) return;
  var $ = C.$, $$ = C.$$;
  var QS = C.q.set, state = { home: null, round: null };

  var STATUS = (QS.action_fields || []).filter(function (f) { return f.id === "status"; })[0] || { options: [] };
  var STATUS_LABEL = Object.create(null);
  (STATUS.options || []).forEach(function (o) { STATUS_LABEL[String(o.value)] = o.label; });
  C.q.retiredList("status").forEach(function (r) { if (!STATUS_LABEL[r.value]) STATUS_LABEL[r.value] = r.label; });
  var FIRST = STATUS.options && STATUS.options.length ? String(STATUS.options[0].value) : "";

  function fact(box, name, text) {
    var dd = $('[data-ap-lb-fact="' + name + '"]', box);
    if (dd) dd.textContent = text;
  }
  function showStatus(box, a) {
    var s = (a.fields || {}).status || FIRST;
    fact(box, "status", STATUS_LABEL[s] || s);
  }
  function fillBox(box, a) {
    var f = a.fields || {}, r = St.actionReview(a, state.round) || {};
    box.setAttribute("data-ap-action-id", a.id);
    $("[data-ap-lb-what]", box).textContent = f.what || "";
    fact(box, "theme", C.q.themeTitle[a.theme] || a.theme);
    fact(box, "lead", f.lead || "");
    fact(box, "by-when", f["by-when"] ? C.fmtDate(f["by-when"]) : "");
    showStatus(box, a);
    $$('[data-ap-lb-field="outcome"]', box).forEach(function (i) { i.checked = i.value === r.outcome; });
    $$("textarea[data-ap-lb-field]", box).forEach(function (t) {
      if (document.activeElement !== t) t.value = r[t.getAttribute("data-ap-lb-field")] || "";
    });
  }

  function render() {
    var root = $("[data-ap-look-back]");
    if (!root) return;
    var h = St.currentHome();
    var rounds = h ? St.rounds(h.id) : [], round = rounds[rounds.length - 1];
    var list = $("[data-ap-lb-list]", root), tpl = $("#ap-lb-template");
    state.home = h ? h.id : null;
    state.round = round ? round.id : null;
    var acts = round ? St.actionsToReview(h.id, round) : [];
    var where = $("[data-ap-lb-round]", root);
    where.textContent = round ? C.fill(root.getAttribute("data-round"), { round: C.roundText(round) }) : "";
    where.hidden = !round;
    $("[data-ap-lb-none]", root).hidden = acts.length > 0;
    var boxes = $$("[data-ap-lb-action]", list);
    acts.forEach(function (a, i) {
      var box = boxes[i];
      if (!box) {
        var frag = tpl.content.cloneNode(true);
        box = frag.querySelector("[data-ap-lb-action]");
        C.renumber(box, i + 1);
        $("[data-ap-lb-number]", box).textContent = String(i + 1);
        list.appendChild(frag);
      }
      fillBox(box, a);
    });
    boxes.slice(acts.length).forEach(function (b) { list.removeChild(b); });
  }

  /** One answer given: saved to its action at once, and "Saved" said beside it. */
  function save(node) {
    var box = node.closest("[data-ap-lb-action]"), root = $("[data-ap-look-back]");
    if (!box || !state.home || !state.round) return;
    var id = box.getAttribute("data-ap-action-id"), field = node.getAttribute("data-ap-lb-field");
    if (node.type === "radio" && !node.checked) return;
    var ok = St.setActionReview(state.home, id, state.round, field, node.value) && !(St.isFailing && St.isFailing());
    if (field === "outcome") { // only an outcome changes the status: no read of every action per key typed
      var a = St.actions(state.home).filter(function (x) { return x.id === id; })[0];
      if (a) showStatus(box, a);
    }
    var said = $("[data-ap-lb-saved]", box);
    if (said) said.textContent = root.getAttribute(ok ? "data-saved" : "data-failed");
  }

  C.ready(function () {
    if (St.checkOnce) St.checkOnce();
    render();
    var root = $("[data-ap-look-back]");
    if (!root) return;
    root.addEventListener("input", function (e) { if (e.target.hasAttribute("data-ap-lb-field") && e.target.tagName === "TEXTAREA") save(e.target); });
    root.addEventListener("change", function (e) { if (e.target.hasAttribute("data-ap-lb-field")) save(e.target); });
    // another tab changed the answers: show what is kept now
    window.addEventListener("storage", function () { render(); });
  });
})();
