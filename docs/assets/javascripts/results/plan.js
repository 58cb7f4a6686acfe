/* Care home action plan: the Results page, part 7 of 9 — the review notice (at
 * the top of the page) and the home's action plan: how many actions at each
 * status, filters (theme, status, lead, late only, clear), the list with the
 * open actions first and the done ones after, and a status to change on each
 * action, saved with APStore.setActionField as on the theme page.
 * See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, F = R.F, St = R.St, $ = C.$, $$ = C.$$, el = C.el, fill = C.fill, attr = R.attr, root = R.root;

  function renderReview() {
    var box = $("[data-ap-rs-review-box]", root);
    if (!box) return;
    var next = F.nextReview(R.data.rounds, R.MONTHS), due = F.reviewDue(next, C.today());
    var rv = $("[data-ap-rs-review]", box);
    if (rv) rv.textContent = !next ? attr(box, "data-review-none")
      : fill(attr(box, due ? "data-review-due" : "data-review-next"), { date: C.fmtDate(next), months: R.MONTHS });
    box.classList.toggle("ap-rs-review--due", !!due);
    var nr = $("[data-ap-rs-new-round]", box);
    if (nr) nr.hidden = !(due || !next);
  }

  function renderCounts(plan) {
    var counts = F.statusCounts(R.data.actions, R.STATUSES, R.COUNTS_AS), cl = $("[data-ap-rs-counts]", plan);
    if (!cl) return;
    R.clear(cl);
    var stopped = R.STOPPED;
    R.STATUSES.forEach(function (s) {
      if (stopped[s] && !counts[s]) return; // "Stopped" only once something was stopped (issue 22)
      var li = el("li", null, fill(attr(plan, "data-count"), { status: R.STATUS_LABEL[s], n: counts[s] }));
      li.setAttribute("data-ap-status", s);
      cl.appendChild(li);
    });
  }

  function renderLeads(plan) {
    var leadSel = $('[data-ap-rs-filter="lead"]', plan), leads = {}, filters = R.state.filters;
    if (!leadSel) return;
    R.data.actions.forEach(function (a) {
      var l = ((a.fields || {}).lead || "").trim();
      if (l) leads[l.toLowerCase()] = leads[l.toLowerCase()] || l;
    });
    var first = leadSel.options[0];
    R.clear(leadSel).appendChild(first);
    Object.keys(leads).sort().forEach(function (k) {
      var o = el("option", null, leads[k]); o.value = leads[k];
      leadSel.appendChild(o);
    });
    if (filters.lead && !leads[filters.lead.toLowerCase()]) filters.lead = "";
    leadSel.value = filters.lead;
  }

  /** The filters' controls show the filters in force (after "Clear filters" too). */
  function showFilters(plan) {
    var f = R.state.filters;
    $$("[data-ap-rs-filter]", plan).forEach(function (c) {
      var k = c.getAttribute("data-ap-rs-filter");
      if (c.type === "checkbox") c.checked = !!f[k]; else c.value = f[k] || "";
    });
  }

  /** A cell, with the column's name before it for when the table is shown as cards. */
  function cell(tag, label, node) {
    var c = el(tag);
    c.appendChild(el("span", "ap-rs-cardlabel", label));
    if (typeof node === "string") c.appendChild(document.createTextNode(node)); else c.appendChild(node);
    return c;
  }

  function statusControl(plan, a, heads) {
    var tpl = $("template[data-ap-rs-status]", plan);
    var f = a.fields || {};
    var box = el("div", "ap-rs-status");
    if (!tpl) { box.textContent = R.STATUS_LABEL[f.status || R.STATUSES[0]] || f.status || ""; return box; }
    box.appendChild(tpl.content.cloneNode(true));
    var sel = $("select", box);
    sel.id = "ap-rs-status-" + a.id;
    $("[data-ap-rs-status-words]", box).textContent = fill(attr(tpl, "data-label"), { status: heads.status, what: f.what || heads.what });
    sel.value = f.status || R.STATUSES[0];
    sel.setAttribute("data-ap-rs-status-of", a.id);
    if (R.data.home && R.data.home.id === R.SAMPLE_ID) sel.disabled = true; // the example home is for looking (issue 18)
    return box;
  }

  /** "What we will do", and under it the action's newest look back (issue 22): the
      outcome in words, what we learned, how we know. */
  function whatWithReview(plan, a) {
    var box = el("div"), f = a.fields || {}, lr = St.latestReview(a, R.data.rounds);
    box.appendChild(el("span", null, f.what || ""));
    if (!lr || !plan.hasAttribute("data-lb-in-plan")) return box;
    var rv = lr.review, out = el("div", "ap-rs-lookback");
    out.setAttribute("data-ap-rs-lookback", "");
    var words = rv.outcome ? (R.OUTCOME[rv.outcome] || rv.outcome) : "";
    if (words) out.appendChild(el("p", "ap-rs-lookback__outcome", fill(attr(plan, "data-lb-in-plan"), { round: lr.round.title || C.roundText(lr.round), outcome: words })));
    if (rv.learned) out.appendChild(el("p", null, fill(attr(plan, "data-lb-learned"), { text: rv.learned })));
    if (rv.evidence) out.appendChild(el("p", null, fill(attr(plan, "data-lb-evidence"), { text: rv.evidence })));
    if (out.firstChild) box.appendChild(out);
    return box;
  }

  function renderPlan() {
    var plan = $("[data-ap-rs-plan]", root);
    if (!plan) return;
    renderReview();
    var today = C.today(), all = R.data.actions;
    R.show("no-actions", !all.length);
    var lb = $("[data-ap-rs-look-back]", plan), last = R.data.rounds[R.data.rounds.length - 1];
    if (lb) lb.hidden = !(R.data.home && R.data.home.id !== R.SAMPLE_ID && last && St.actionsToReview(R.data.home.id, last).length);
    var body = $("[data-ap-rs-plan-body]", plan);
    if (body) body.hidden = !all.length;
    renderLeads(plan);
    renderCounts(plan);
    showFilters(plan);
    var shownList = F.sortActions(F.filterActions(all, R.state.filters, R.STATUSES[0], today, R.DONE, R.STOPPED), today, R.DONE, R.STOPPED);
    var shown = $("[data-ap-rs-shown]", plan);
    if (shown) shown.textContent = fill(attr(plan, "data-shown"), { n: shownList.length, total: all.length });
    var table = $("[data-ap-rs-actions]", plan), tb = table && $("tbody", table);
    if (!tb) return;
    R.clear(tb);
    var heads = {};
    $$("thead th", table).forEach(function (h) { heads[h.getAttribute("data-col")] = h.textContent; });
    if (!shownList.length) {
      var tr0 = el("tr"), td0 = el("td", "ap-rs-none", attr(plan, "data-none-match"));
      td0.colSpan = 6;
      tr0.appendChild(td0);
      tb.appendChild(tr0);
    }
    shownList.forEach(function (it) {
      var a = it.action, f = a.fields || {}, tr = el("tr", "ap-rs-action--" + it.state);
      tr.setAttribute("data-ap-action", a.id);
      tr.setAttribute("data-ap-due", it.state);
      var th0 = cell("th", heads.theme, R.link(R.themeHref(a.theme), C.q.themeTitle[a.theme] || a.theme));
      th0.scope = "row";
      tr.appendChild(th0);
      tr.appendChild(cell("td", heads.what, whatWithReview(plan, a)));
      tr.appendChild(cell("td", heads["first-step"], f["first-step"] || ""));
      tr.appendChild(cell("td", heads.lead, f.lead || ""));
      var when = cell("td", heads["by-when"], el("span", null, f["by-when"] ? C.fmtDate(f["by-when"]) : attr(plan, "data-no-date")));
      if (it.state === "overdue" || it.state === "soon") {
        when.appendChild(el("strong", "ap-rs-due ap-rs-due--" + it.state, attr(plan, it.state === "overdue" ? "data-overdue" : "data-soon")));
      }
      tr.appendChild(when);
      tr.appendChild(cell("td", heads.status, statusControl(plan, a, heads)));
      tb.appendChild(tr);
    });
  }

  /** A status chosen on the page: saved at once, like on the theme page, and "Saved" said by it. */
  function saveStatus(sel) {
    var home = R.data.home, id = sel.getAttribute("data-ap-rs-status-of");
    var plan = $("[data-ap-rs-plan]", root), said = sel.closest(".ap-rs-status") && $("[data-ap-rs-saved]", sel.closest(".ap-rs-status"));
    var ok = !!home && St.setActionField(home.id, id, "status", sel.value) && !St.isFailing();
    R.data.actions.forEach(function (a) { if (a.id === id) { a.fields = a.fields || {}; a.fields.status = sel.value; } });
    renderCounts(plan);  // the list keeps its order until the filters change, so the row stays under the finger
    if (said) said.textContent = attr(said, ok ? "data-saved" : "data-failed");
  }

  R.views.plan = renderPlan;
  R.saveStatus = saveStatus;
})();
