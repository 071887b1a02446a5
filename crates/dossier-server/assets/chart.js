// A small SVG bar chart of counts per month, with an accessible table
// fallback (the chart is a picture; the numbers are in the table).

import { h, s, shortMonth } from "./dom.js";

/** Fills the months between the first and the last ("2010-01" ... "2010-12"). */
export function allMonths(rows) {
  if (!rows.length) return [];
  const out = [];
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  let [y, m] = rows[0].month.split("-").map(Number);
  const [ly, lm] = rows[rows.length - 1].month.split("-").map(Number);
  let guard = 0;
  while ((y < ly || (y === ly && m <= lm)) && guard++ < 2400) {
    const key = String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0");
    out.push(byMonth.get(key) || { month: key });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Draws stacked bars. `series` is [{key, label, cls}], `rows` is
 * [{month, <key>: n}]. Returns a <figure>.
 */
export function barChart(rows, series, title) {
  const months = allMonths(rows);
  const W = 720, H = 180, pad = 28;
  const fig = h("figure", { class: "chart" }, h("figcaption", null, title));
  if (!months.length) {
    fig.append(h("p", { class: "muted" }, "No dated items."));
    return fig;
  }
  const total = (r) => series.reduce((a, se) => a + (r[se.key] || 0), 0);
  const max = Math.max(1, ...months.map(total));
  const bw = Math.min(40, (W - pad * 2) / months.length);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "bars", role: "img", "aria-label": title });
  svg.append(s("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: "axis" }));
  svg.append(s("text", { x: 2, y: pad - 8, class: "tick" }, String(max)));
  months.forEach((r, i) => {
    let y = H - pad;
    for (const se of series) {
      const v = r[se.key] || 0;
      if (!v) continue;
      const bh = ((H - pad * 2) * v) / max;
      y -= bh;
      const rect = s("rect", { x: pad + i * bw + 1, y, width: Math.max(1, bw - 2), height: bh, class: se.cls });
      rect.append(s("title", null, `${shortMonth(r.month)}: ${v} ${se.label}`));
      svg.append(rect);
    }
  });
  // At most six month labels, so they stay legible when the chart is phone-sized.
  const step = Math.max(1, Math.ceil(months.length / 6));
  months.forEach((r, i) => {
    if (i % step === 0) svg.append(s("text", { x: pad + i * bw, y: H - 6, class: "tick" }, shortMonth(r.month)));
  });
  fig.append(svg);
  const legend = h("p", { class: "legend" }, series.map((se) => h("span", { class: "key " + se.cls }, se.label)));
  fig.append(legend);
  const table = h("table", { class: "sr" },
    h("thead", null, h("tr", null, h("th", null, "Month"), series.map((se) => h("th", null, se.label)))),
    h("tbody", null, months.filter((r) => total(r) > 0).map((r) => h("tr", null, h("td", null, shortMonth(r.month)), series.map((se) => h("td", null, String(r[se.key] || 0)))))));
  fig.append(table);
  return fig;
}
