// The corpus overview: counts, top entities, sites and documents over time.

import { get } from "./api.js";
import { h, replace, route, entityLink, plural } from "./dom.js";
import { barChart } from "./chart.js";

export async function renderOverview(view, alive) {
  const r = await get("stats", { top: 25 });
  if (!alive()) return;
  const st = r.stats;
  const count = (n, label) => h("div", { class: "stat" }, h("span", { class: "num" }, Number(n).toLocaleString("en")), h("span", { class: "lbl" }, label));
  replace(view,
    h("h1", null, "Corpus overview"),
    h("div", { class: "stats" },
      count(st.documents, "documents"), count(st.entities, "entities"), count(st.mentions, "mentions"),
      count(st.quotes, "quotes"), count(st.dates, "dates")),
    h("section", null, h("h2", null, "Documents over time"),
      barChart(r.documents_per_month, [{ key: "documents", label: "documents", cls: "s-docs" }], "Documents published per month")),
    h("div", { class: "cols2" },
      h("section", null, h("h2", null, "Most mentioned entities"),
        r.top_entities.length ? h("ol", { class: "top" }, r.top_entities.map((t) =>
          h("li", null, entityLink(t.entity), " ", h("span", { class: "count" }, `${plural(t.mentions, "mention")}, ${plural(t.documents, "document")}`)))) : h("p", { class: "muted" }, "No entities yet.")),
      h("section", null, h("h2", null, "Sites"),
        r.sites.length ? h("ol", { class: "top" }, r.sites.map((x) =>
          h("li", null, h("a", { href: route("/search", { site: x.site }) }, x.site), " ", h("span", { class: "count" }, String(x.documents))))) : h("p", { class: "muted" }, "No sites recorded."))));
  document.title = "dossier";
}
