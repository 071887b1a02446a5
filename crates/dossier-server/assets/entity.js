// The entity page: names and aliases, knowledge-base facts, a chart of its
// documents and quotes over time, its quotes (each linking to its sentence
// in the source), what others say about it, and its neighbourhood in the
// actor network.

import { get } from "./api.js";
import { h, replace, route, entityLink, labelClass, errorBox } from "./dom.js";
import { barChart } from "./chart.js";
import { quoteCard } from "./document.js";
import { Neighbourhood } from "./graph.js";

/** Knowledge-base facts (any JSON) as nested definition lists. */
function facts(v) {
  if (v === null || v === undefined) return h("span", { class: "muted" }, "—");
  if (Array.isArray(v)) return v.length ? h("ul", null, v.map((x) => h("li", null, facts(x)))) : h("span", { class: "muted" }, "—");
  if (typeof v === "object") {
    const keys = Object.keys(v);
    if (!keys.length) return h("span", { class: "muted" }, "none");
    return h("dl", { class: "facts" }, keys.map((k) => [h("dt", null, k), h("dd", null, facts(v[k]))]));
  }
  return h("span", null, String(v));
}

export async function renderEntity(view, id, params, alive) {
  const p = await get("entities/" + encodeURIComponent(id), { limit: 50 });
  if (!alive()) return;
  document.title = p.name + " — dossier";
  const chartBox = h("div", { class: "chartbox" }, h("p", { class: "muted" }, "Loading the timeline…"));
  const graphBox = h("div", { class: "graphbox" });
  const quotes = p.quotes.slice(0, 20);
  const about = p.quoted_about.slice(0, 20);
  replace(view,
    h("header", { class: "ent-head" },
      h("h1", { id: "entname" }, h("span", { class: "badge " + labelClass(p.label) }, p.label || "?"), " ", p.name),
      p.kind ? h("p", { class: "muted" }, p.kind) : null,
      h("p", { class: "counts" },
        `${p.mentions} mentions in ${p.documents} documents · ${p.quote_count} quotes`,
        p.first_seen ? ` · seen ${p.first_seen} to ${p.last_seen}` : "",
        " · ", h("a", { href: route("/search", { entity: p.id }) }, "its documents"),
        " · ", h("a", { href: route("/quotes", { speaker: p.id }) }, "all its quotes"),
        " · ", h("a", { href: route("/quotes", { about: p.id }) }, "all quotes about it"))),
    h("div", { class: "cols2" },
      h("section", null,
        h("h2", null, "Names"),
        p.aliases.length ? h("ul", { class: "aliases" }, p.aliases.map((a) => h("li", null, a.name, " ", h("span", { class: "count" }, "×" + a.count)))) : h("p", { class: "muted" }, "No names recorded."),
        p.merged.length ? h("p", { class: "muted" }, "Merged: " + p.merged.join(", ")) : null,
        p.also_matched.length ? h("p", { class: "muted" }, "The name also matches: ", p.also_matched.map((e, i) => [i ? ", " : "", entityLink(e)])) : null),
      h("section", null, h("h2", null, "Facts"), facts(p.facts))),
    h("section", null, h("h2", null, "Over time"), chartBox),
    h("section", { id: "quotes" },
      h("h2", null, `Quotes (${p.quote_count})`),
      quotes.length ? h("div", { class: "quotes" }, quotes.map((q) => quoteCard(q, { showDoc: true }))) : h("p", { class: "muted" }, "No quotes attributed."),
      p.quote_count > quotes.length ? h("p", null, h("a", { href: route("/quotes", { speaker: p.id }) }, "All its quotes →")) : null),
    h("section", { id: "about" },
      h("h2", null, "What others say about it"),
      about.length ? h("div", { class: "quotes" }, about.map((q) => quoteCard(q, { showDoc: true }))) : h("p", { class: "muted" }, "No quotes by others mention it."),
      about.length >= 20 ? h("p", null, h("a", { href: route("/quotes", { about: p.id }) }, "More →")) : null),
    h("section", { id: "network" },
      h("h2", null, "Network"),
      p.window_documents < p.documents ? h("p", { class: "muted small" }, `Links counted over its latest ${p.window_documents} of ${p.documents} documents.`) : null,
      p.co_sentence.length ? graphBox : h("p", { class: "muted" }, "It is never named in a sentence with another entity."),
      p.co_document.length ? h("details", null, h("summary", null, "Named in the same documents"),
        h("ul", { class: "co" }, p.co_document.map((c) => h("li", null, entityLink(c.entity), " ", h("span", { class: "count" }, String(c.count)))))) : null));
  if (p.co_sentence.length) {
    const n = new Neighbourhood({ id: p.id, name: p.name, label: p.label }, p);
    n.layout();
    n.draw();
    graphBox.append(n.el);
  }
  try {
    const t = await get("timeline", { entity: p.id, by: "month" });
    if (!alive()) return;
    replace(chartBox, barChart(t.months, [
      { key: "documents", label: "documents", cls: "s-docs" },
      { key: "quotes", label: "quotes", cls: "s-quotes" },
    ], `${p.name}: documents and quotes per month`));
  } catch (e) {
    if (alive()) replace(chartBox, errorBox(e));
  }
}
