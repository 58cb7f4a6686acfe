/* Care home action plan: "Send to someone" and "A summary for the commissioner"
 * on the "Your data" page (issue 21).
 *
 * Binds only to its own markup ([data-module="ap-share"], from
 * overrides/actionplan/share.html; words in data-ap-words, from
 * content/share.yml). Reads through APStore's public functions only; makes
 * the summary with summary.js; saves or sends with files.js. The page says in
 * words what a file holds before it is saved.
 */
(function () {
  "use strict";

  var St = window.APStore, C = window.APCommon, S = window.APSummary, Files = window.APFiles, F = window.APFigures;
  if (!St || !C || !S || !Files || !F) return;
  var $ = C.$, $$ = C.$$, el = C.el, fill = C.fill;
  var QS = C.q.set || {};
  var OPTIONS = (QS.rating && QS.rating.options) || [];
  var STATUS_LABEL = Object.create(null);
  (QS.action_fields || []).forEach(function (f) {
    if (f.id === "status") (f.options || []).forEach(function (o) { STATUS_LABEL[o.value] = o.label; });
  });

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function homeName(h) { return h.name || h.id; }

  // One read of everything per change, shared by both parts of the page.
  var cached = null;
  function everything() { return cached || (cached = St.exportAll()); }
  /** The export of the chosen home ("" for every home but the example). */
  function exportOf(choice, sample) {
    var all = everything(), data = {};
    for (var k in all) if (Object.prototype.hasOwnProperty.call(all, k)) data[k] = all[k];
    if (choice) data.homes = data.homes.filter(function (h) { return h.id === choice; });
    else data.homes = data.homes.filter(function (h) { return h.id !== sample; });
    if (choice) delete data.set_aside; // a damaged record may belong to any home: it goes with "all"
    return data;
  }
  function fileName(base, suffix) {
    return (base || "home") + (suffix ? "-" + suffix : "") + "-" + C.today();
  }

  // ---- send a file --------------------------------------------------------------------
  function Send(box) {
    var W = JSON.parse(box.getAttribute("data-ap-words")), sample = box.getAttribute("data-sample-id");
    var select = $("[data-ap-share-home]", box), holds = $("[data-ap-share-holds]", box);
    var done = $("[data-ap-share-done]", box), current = null;
    function fillHomes() {
      var keep = select.value;
      while (select.options.length > 1) select.remove(1);
      St.homes().forEach(function (h) {
        var o = el("option", null, homeName(h));
        o.value = h.id;
        select.appendChild(o);
      });
      select.value = keep;
      if (select.value !== keep) select.value = "";
    }
    function describe() {
      var data = exportOf(select.value, sample), n = { rounds: 0, people: 0, answers: 0, actions: 0 };
      data.homes.forEach(function (h) {
        n.rounds += h.rounds.length; n.people += h.participants.length; n.answers += h.answers.length; n.actions += h.actions.length;
      });
      var name = select.value && data.homes[0] ? S.slug(data.homes[0].name) : W.all_file;
      current = data.homes.length ? Files.fileOf(JSON.stringify(data, null, 1), fileName(name) + ".json", "application/json") : null;
      holds.textContent = current ? fill(W.holds, { file: current.name, homes: data.homes.map(homeName).join(", "),
        rounds: n.rounds, people: n.people, answers: n.answers, actions: n.actions }) : W.nothing;
      $$("[data-ap-share-do]", box).forEach(function (b) { b.disabled = !current; });
      var can = !!current && Files.canShare(current);
      $('[data-ap-share-do="share"]', box).hidden = !can;
      $("[data-ap-share-hint]", box).hidden = !can;
    }
    function refresh() { fillHomes(); describe(); }
    select.addEventListener("change", function () { done.textContent = ""; describe(); });
    box.addEventListener("click", function (e) {
      var b = e.target.closest("[data-ap-share-do]");
      if (!b || !current) return;
      cached = null;
      describe(); // what is saved is what the page says now
      if (b.getAttribute("data-ap-share-do") === "share") {
        Files.share(current).then(function (ok) { if (ok) { St.markExported(); done.textContent = W.shared; } });
        return;
      }
      Files.save(current);
      St.markExported();
      done.textContent = fill(W.saved, { file: current.name });
    });
    return refresh;
  }

  // ---- the summary for the commissioner ---------------------------------------------
  function lines(s, W) {
    var out = [fill(W.line_home, { name: s.home.name })];
    if (!s.rounds.length) out.push(W.no_rounds);
    s.rounds.forEach(function (r) {
      out.push(fill(W.line_round, { title: r.title, date: C.fmtDate(r.date), people: r.people.total }));
      if (r.people.by_role.length) {
        out.push(fill(W.line_roles, { roles: r.people.by_role.map(function (x) { return fill(W.role, { role: x.role, n: x.count }); }).join(", ") }));
      }
      r.themes.forEach(function (t) {
        out.push(fill(W.line_theme, { theme: t.title, average: t.average === null ? "" : F.fmt1(t.average),
          words: F.nearestLabel(t.average, OPTIONS), answered: t.answered, not_sure: t.not_sure }));
      });
      out.push(fill(W.line_differ, { n: r.differ }));
    });
    out.push(fill(W.line_actions, { late: s.actions.late, counts: s.actions.by_status.map(function (x) {
      return fill(W.count, { status: STATUS_LABEL[x.status] || x.status, n: x.count });
    }).join(", ") }));
    out.push(fill(W.line_review, { last: s.reviews.last ? C.fmtDate(s.reviews.last) : W.none,
      next: s.reviews.next ? C.fmtDate(s.reviews.next) : W.none }));
    (s.what_we_will_do || []).forEach(function (a) {
      out.push(fill(W.line_what, { theme: C.q.themeTitle[a.theme] || a.theme, status: STATUS_LABEL[a.status] || a.status,
        what: a.what }));
    });
    return out;
  }
  function Summary(box) {
    var W = JSON.parse(box.getAttribute("data-ap-words")), sample = box.getAttribute("data-sample-id");
    var select = $("[data-ap-share-home]", box), include = $("[data-ap-share-include]", box);
    var preview = $("[data-ap-share-preview]", box), done = $("[data-ap-share-done]", box), current = null;
    function fillHomes() {
      var keep = select.value, homes = St.homes(), cur = St.currentHome();
      clear(select);
      homes.forEach(function (h) {
        var o = el("option", null, homeName(h));
        o.value = h.id;
        select.appendChild(o);
      });
      var mine = homes.filter(function (h) { return h.id !== sample; });
      var first = cur && cur.id !== sample ? cur.id : mine.length ? mine[0].id : homes.length ? homes[0].id : "";
      select.value = keep || first;
      if (!select.value) select.value = first;
    }
    function describe() {
      var data = select.value ? exportOf(select.value, sample) : { homes: [] };
      current = data.homes.length ? S.build(data.homes[0], S.optionsFrom(QS, C.today()), include.checked) : null;
      clear(preview);
      if (current) lines(current, W).forEach(function (t) { preview.appendChild(el("li", null, t)); });
      $$("[data-ap-share-do]", box).forEach(function (b) { b.disabled = !current; });
      var can = !!current && Files.canShare(jsonFile());
      $('[data-ap-share-do="share"]', box).hidden = !can;
    }
    function base() { return fileName(S.slug(current.home.name), W.file_suffix); }
    function jsonFile() { return Files.fileOf(JSON.stringify(current, null, 1), base() + ".json", "application/json"); }
    function refresh() { fillHomes(); describe(); }
    select.addEventListener("change", function () { done.textContent = ""; describe(); });
    include.addEventListener("change", function () { done.textContent = ""; describe(); });
    box.addEventListener("click", function (e) {
      var b = e.target.closest("[data-ap-share-do]");
      if (!b) return;
      cached = null;
      describe();
      if (!current) return;
      var what = b.getAttribute("data-ap-share-do"), file;
      if (what === "save-csv") file = Files.fileOf(S.toCSV([current], W.csv_head), base() + ".csv", "text/csv");
      else file = jsonFile();
      if (what === "share") { Files.share(file); return; }
      Files.save(file);
      done.textContent = fill(W.saved, { file: file.name });
    });
    return refresh;
  }

  // Scripts are at the end of <body>: the page above is there, so it is laid out now,
  // before the first paint (Your data holds its paint for this), and nothing moves.
  (function start() {
    var refreshers = $$('[data-module="ap-share"]').map(function (box) {
      return box.getAttribute("data-part") === "send" ? Send(box) : Summary(box);
    });
    function refresh() { cached = null; refreshers.forEach(function (fn) { fn(); }); }
    refresh();
    // another tab, an import or a rename on this page: the choices follow
    window.addEventListener("storage", refresh);
    if (St.onOtherTab) St.onOtherTab(refresh);
    document.addEventListener("click", function (e) {
      if (e.target.closest('[data-module="ap-share"]')) return;
      if (e.target.closest("button")) setTimeout(refresh, 0);
    });
    document.addEventListener("submit", function () { setTimeout(refresh, 0); });
  })();
})();
