/* Care home action plan: the Results page, part 5 of 9 — one line chart as
 * inline SVG: the home's average for one theme in each round.
 *
 * The chart is drawn at the width it is given, in CSS pixels (its viewBox is
 * that wide), so its text, sized in em in actionplan.css, is the size of the
 * page's text and grows with the "Text size" choice. Every round has a label
 * under its point: the month and year of its date ("Mar 26"), or its title
 * when it has no date; when the labels would touch they take two lines.
 * See results/page.js. */
(function () {
  "use strict";

  var R = window.APRs;
  if (!R) return;
  var C = R.C, F = R.F, fill = C.fill, attr = R.attr;
  var SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, String(attrs[k]));
    if (text !== undefined) n.textContent = text;
    return n;
  }
  /** A round's short label: "Mar 26" from its date, else its title. */
  function shortLabel(r) {
    if (!r.date || !C.isDate(r.date)) return r.title || "";
    try {
      return new Date(r.date + "T12:00:00").toLocaleDateString("en-GB", { month: "short", year: "2-digit" }).replace(/^(\w{3})\w*/, "$1");
    } catch (e) { return r.title || ""; }
  }

  /** The chart of one theme: an <svg> width px wide, for text of em px. box holds the word templates. */
  function chart(t, rounds, values, box, width, em) {
    var n = rounds.length, span = R.HIGH - R.LOW || 1;
    var W = Math.max(Math.round(width), 10 * em);
    var step = n > 1 ? (W - 5.5 * em) / (n - 1) : 0;
    var twoLines = n > 1 && step < 4.2 * em;  // labels of about 3.5em would touch: alternate two lines
    var L = 2.2 * em, Rt = 1.2 * em, T = 1.6 * em, B = (twoLines ? 3.4 : 2.2) * em, P = 1.8 * em;
    var H = Math.round(T + B + 7 * em);
    function x(i) { return n < 2 ? L + (W - L - Rt) / 2 : L + P + i * (W - L - Rt - 2 * P) / (n - 1); }
    function y(v) { return T + (R.HIGH - v) * (H - T - B) / span; }
    var id = "ap-rs-chart-" + t.id;
    var points = rounds.map(function (r, i) {
      return fill(attr(box, "data-point"), { round: r.title, value: values[i] === null ? attr(box, "data-no-value") : F.fmt1(values[i]) });
    });
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": id + "-title", "data-ap-theme": t.id, focusable: "false" });
    s.appendChild(svg("title", { id: id + "-title" }, fill(attr(box, "data-chart-label"), { theme: t.title, points: points.join(", ") })));
    for (var v = R.LOW; v <= R.HIGH; v++) {  // a rule and a number for each point of the scale
      s.appendChild(svg("line", { x1: L, x2: W - Rt, y1: y(v), y2: y(v), class: "ap-rs-grid" }));
      s.appendChild(svg("text", { x: L - 0.5 * em, y: y(v) + 0.35 * em, "text-anchor": "end", class: "ap-rs-axis" }, String(v)));
    }
    var path = [];
    values.forEach(function (val, i) { if (val !== null) path.push(x(i).toFixed(1) + "," + y(val).toFixed(1)); });
    if (path.length > 1) s.appendChild(svg("polyline", { points: path.join(" "), class: "ap-rs-line" }));
    var label = n <= 8;
    values.forEach(function (val, i) {
      if (val === null) return;
      s.appendChild(svg("circle", { cx: x(i), cy: y(val), r: Math.max(4.5, 0.3 * em), class: "ap-rs-point",
        "data-ap-round": rounds[i].id, "data-ap-value": F.fmt1(val) }));
      if (label || i === n - 1) {
        var above = y(val) - 0.7 * em < T ? y(val) + 1.3 * em : y(val) - 0.6 * em;
        s.appendChild(svg("text", { x: x(i), y: above, "text-anchor": "middle", class: "ap-rs-value" }, F.fmt1(val)));
      }
    });
    rounds.forEach(function (r, i) {
      var line = twoLines && i % 2 ? 2 : 1;
      s.appendChild(svg("text", { x: x(i), y: H - B + (line === 1 ? 1.3 : 2.5) * em, "text-anchor": "middle",
        class: "ap-rs-axis ap-rs-round", "data-ap-round": r.id }, shortLabel(r)));
    });
    return s;
  }

  R.chart = chart;
  R.shortLabel = shortLabel;
})();
