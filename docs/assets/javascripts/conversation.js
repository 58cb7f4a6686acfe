/* Care home action plan: conversation mode (issue 13).
 *
 * One question at a time, filling the screen in large type, for a group round
 * a tablet or a television. It is only a view over the page's real form: the
 * same fieldset, the same radios (styled as big buttons) and the note boxes
 * named in content (each under its own label), so the theme form (pages/theme-form.js) saves the answers exactly as it always does. The group is
 * chosen through the session bar's own controls (select#ap-participant and the
 * "Add a person or group" form), so the session bar (pages/session-bar.js) creates and selects it.
 *
 * Moves: the Previous and Next buttons, the arrow keys and Page Up / Page Down
 * (a presentation clicker), and swiping. Escape leaves and lands on the same
 * question in the page. The question you were on is kept per theme on this
 * device, so coming back resumes there. Words come from the page's markup
 * (content/toolkit.yml, "conversation"), never from this script.
 */
(function () {
  "use strict";

  var C = window.APCommon, St = window.APStore;
  if (!C || !St) return;
  var $ = C.$, $$ = C.$$;
  var SWIPE = 60; // px a finger must travel sideways to move a question

  var root, form, tpl, bar, nav, theme, questions = [], index = 0, active = false;
  var swipe = null;
  var roleOptions = null; // the suggested groups, as the page has them

  // ---- where we were: one small key per theme, outside the answers ---------
  function posKey() { return St.prefix + "conversation:" + theme; }
  function readPos() {
    try { return JSON.parse(window.localStorage.getItem(posKey())) || {}; } catch (e) { return {}; }
  }
  function writePos(change) {
    var pos = readPos();
    Object.keys(change).forEach(function (k) { pos[k] = change[k]; });
    try {
      window.localStorage.setItem(posKey(), JSON.stringify(pos));
    } catch (e) { /* not kept on this device: conversation mode still works */ }
  }

  // ---- the group: chosen through the session bar's own controls --------------
  function participantSelect() { return $("#ap-participant"); }
  function fillWho() {
    var who = $("#ap-conv-who");
    if (!who) return;
    // the people of this home only (the picker also offers roles and "someone else"), each name once
    var ps = participantSelect(), seen = Object.create(null);
    var people = (ps ? $$("option[data-ap-person]", ps) : []).filter(function (o) {
      var k = o.textContent.trim().toLowerCase();
      if (seen[k]) return false;
      seen[k] = 1;
      return true;
    });
    var known = {};
    $$('option[data-ap-conv-person]', who).forEach(function (o) { o.remove(); });
    var first = who.firstChild;
    people.forEach(function (o) {
      var opt = C.el("option", null, o.textContent);
      opt.value = "p:" + o.value;
      opt.setAttribute("data-ap-conv-person", "");
      who.insertBefore(opt, first);
      known[o.textContent.trim().toLowerCase()] = opt;
    });
    // a suggested group that is already a participant is offered once, as that person:
    // the suggestion is taken out of the list (a hidden option still shows on some tablets)
    if (!roleOptions) roleOptions = $$('option[value^="new:"]', who);
    var wanted = null;
    roleOptions.forEach(function (o) {
      var same = known[o.textContent.trim().toLowerCase()];
      if (same && o.parentNode) o.parentNode.removeChild(o);
      if (!same && !o.parentNode) who.appendChild(o);
      if (o.defaultSelected) wanted = same || o;
    });
    var last = readPos().who;
    var lastOpt = last && $$("option", who).filter(function (o) { return o.value === "p:" + last; })[0];
    (lastOpt || wanted || who.options[0]).selected = true;
  }
  function chooseGroup() {
    var who = $("#ap-conv-who"), value = who ? who.value : "";
    var ps = participantSelect();
    if (value.indexOf("p:") === 0 && ps) {
      var id = value.slice(2);
      if (ps.value !== id) {
        ps.value = id;
        ps.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return id;
    }
    var add = $("#ap-new-participant"), name = $("#ap-new-participant-name");
    if (value.indexOf("new:") === 0 && add && name) {
      name.value = value.slice(4);
      if (add.requestSubmit) add.requestSubmit();
      else add.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    }
    return ps ? ps.value : null;
  }

  // ---- showing one question ---------------------------------------------------
  /** The question's own note boxes that conversation mode shows (data-notes: ids of note
   * fields), each with its own label, so what people said is kept under what it is. */
  function markNotes() {
    var ids = (root.getAttribute("data-notes") || "").split(/\s+/).filter(Boolean);
    questions.forEach(function (fs) {
      $$("textarea[data-ap-field]", fs).forEach(function (t) {
        var field = t.closest(".ap-field");
        if (field) field.classList.toggle("ap-conv-note", ids.indexOf(t.getAttribute("data-ap-field")) >= 0);
      });
    });
  }
  function show(i, focus) {
    index = Math.max(0, Math.min(questions.length - 1, i));
    questions.forEach(function (fs, n) { fs.classList.toggle("ap-conv-current", n === index); });
    var prev = $('[data-ap-conv-do="previous"]', nav), next = $('[data-ap-conv-do="next"]', nav);
    prev.disabled = index === 0;
    next.textContent = root.getAttribute(index === questions.length - 1 ? "data-finish" : "data-next");
    var ps = participantSelect(), who = $("[data-ap-conv-who]", bar);
    var name = ps && ps.selectedIndex >= 0 ? ps.options[ps.selectedIndex].textContent : "";
    who.textContent = C.fill(root.getAttribute("data-answering-as"), { name: name });
    var article = form.closest("article");
    if (article) article.scrollTop = 0;
    writePos({ question: questions[index].getAttribute("data-ap-question") });
    if (focus !== false) questions[index].focus({ preventScroll: true });
  }
  function move(step) {
    if (!active) return;
    if (step > 0 && index === questions.length - 1) { finish(); return; }
    if (step < 0 && index === 0) return;
    show(index + step);
  }

  // ---- entering and leaving -----------------------------------------------------
  function enter() {
    if (!form || !questions.length) return;
    if (!bar) {
      var frag = tpl.content.cloneNode(true);
      bar = frag.querySelector('[data-ap-conv-part="bar"]');
      nav = frag.querySelector('[data-ap-conv-part="nav"]');
      form.insertBefore(bar, form.firstChild);
      form.appendChild(nav);
    }
    var wanted = readPos().question, start = 0;
    questions.forEach(function (fs, n) { if (fs.getAttribute("data-ap-question") === wanted) start = n; });
    active = true;
    document.documentElement.classList.add("ap-conv");
    show(start);
  }
  function leave(focusTo) {
    if (!active) return;
    active = false;
    document.documentElement.classList.remove("ap-conv");
    questions.forEach(function (fs) { fs.classList.remove("ap-conv-current"); });
    var target = focusTo || questions[index];
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }
  /** After "Finish": how many questions have a rating, how many are "not sure" (words in the markup). */
  function sayDone() {
    var box = $("[data-ap-conv-done]"), text = box && $("[data-ap-conv-done-text]", box);
    if (!text) return;
    var unsure = 0, answered = 0;
    questions.forEach(function (fs) {
      var on = $("input[type=radio]:checked", fs);
      if (!on) return;
      answered++;
      if (on.closest(".ap-radio--not-sure")) unsure++;
    });
    text.textContent = C.fill(text.getAttribute("data-template"), { answered: answered, total: questions.length, not_sure: unsure });
    box.hidden = false;
  }
  function finish() {
    sayDone();
    // after the last question: land on what comes after the questions
    var next = form.nextElementSibling;
    while (next && !/^H[23]$/.test(next.tagName)) next = next.nextElementSibling;
    if (next) next.setAttribute("tabindex", "-1");
    leave(next || null);
  }

  // ---- events -------------------------------------------------------------------------
  function toggleChooser(show) {
    var box = $("#ap-conv-choose"), btn = $('[data-ap-conv-do="open"]', root);
    box.hidden = !show;
    btn.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) { fillWho(); $("#ap-conv-who").focus(); } else btn.focus();
  }
  function onClick(e) {
    var btn = e.target.closest && e.target.closest("[data-ap-conv-do]");
    if (!btn) return;
    switch (btn.getAttribute("data-ap-conv-do")) {
      case "open": toggleChooser($("#ap-conv-choose").hidden); break;
      case "cancel": toggleChooser(false); break;
      case "begin": {
        writePos({ who: chooseGroup() });
        $("#ap-conv-choose").hidden = true;
        $('[data-ap-conv-do="open"]', root).setAttribute("aria-expanded", "false");
        enter();
        break;
      }
      case "previous": move(-1); break;
      case "next": move(1); break;
      case "leave": leave(); break;
      default: break;
    }
  }
  function typing(t) {
    return t && (t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && t.type !== "radio" && t.type !== "checkbox"));
  }
  function onKey(e) {
    var choose = $("#ap-conv-choose");
    if (!active && (e.key === "Escape" || e.key === "Esc") && choose && !choose.hidden && choose.contains(e.target)) {
      e.preventDefault();
      toggleChooser(false);
      return;
    }
    if (!active || e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === "Escape" || k === "Esc") { e.preventDefault(); leave(); return; }
    if (k === "PageDown" || k === "PageUp") {
      e.preventDefault();
      move(k === "PageDown" ? 1 : -1);
      return;
    }
    if ((k === "ArrowRight" || k === "ArrowLeft") && !typing(e.target) && !e.shiftKey) {
      e.preventDefault();
      move(k === "ArrowRight" ? 1 : -1);
    }
  }
  function onPointerDown(e) {
    if (!active || (e.pointerType !== "touch" && e.pointerType !== "pen") || typing(e.target)) { swipe = null; return; }
    swipe = { x: e.clientX, y: e.clientY, id: e.pointerId };
  }
  function onPointerUp(e) {
    if (!swipe || e.pointerId !== swipe.id) return;
    var dx = e.clientX - swipe.x, dy = e.clientY - swipe.y;
    swipe = null;
    if (Math.abs(dx) >= SWIPE && Math.abs(dx) > 2 * Math.abs(dy)) move(dx < 0 ? 1 : -1);
  }

  function init() {
    root = $("[data-ap-conv]");
    form = $("#ap-questions");
    tpl = $("#ap-conv-template");
    var session = $("#ap-session");
    if (!root || !form || !tpl || !session) return;
    theme = form.getAttribute("data-ap-theme") || session.getAttribute("data-ap-theme");
    questions = $$("[data-ap-question]", form);
    questions.forEach(function (fs) { fs.setAttribute("tabindex", "-1"); });
    markNotes();
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    form.addEventListener("pointerdown", onPointerDown);
    form.addEventListener("pointerup", onPointerUp);
    form.addEventListener("pointercancel", function () { swipe = null; });
    // "Answer together" on the home page lands here (#ap-conv-start): the chooser is open
    if (root.id && location.hash === "#" + root.id) toggleChooser(true);
  }

  C.ready(init);
})();
