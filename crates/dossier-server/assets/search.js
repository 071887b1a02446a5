// The search page: a query with facets (entity, site, date range) and
// ranked hits whose snippets show the matched words highlighted.

import { get } from "./api.js";
import { h, replace, route, docLink, docMeta, errorBox, pager } from "./dom.js";

let corpus = null;

/** Corpus-wide facet values (sites, top entities), fetched once per page load. */
async function facets() {
  if (!corpus) corpus = await get("stats", { top: 15 });
  return corpus;
}

/** The snippet with [start, end) code-point ranges wrapped in <mark>. */
export function highlighted(text, ranges) {
  const chars = Array.from(text || "");
  const out = [];
  let pos = 0;
  for (const [a, b] of [...(ranges || [])].sort((x, y) => x[0] - y[0])) {
    if (a < pos || b <= a) continue;
    out.push(chars.slice(pos, a).join(""));
    out.push(h("mark", null, chars.slice(a, b).join("")));
    pos = b;
  }
  out.push(chars.slice(pos).join(""));
  return out;
}

export async function renderSearch(view, params, alive) {
  const p = { q: params.q || "", entity: params.entity || "", site: params.site || "", from: params.from || "", to: params.to || "" };
  const offset = Number(params.offset || 0);
  const field = (name, label, attrs) =>
    h("label", { class: "field" }, label, h("input", { id: name, name, value: p[name], autocomplete: "off", maxlength: 500, ...attrs }));
  const form = h("form", { class: "filters", role: "search" },
    field("q", "Words", { type: "search", placeholder: "e.g. election OR vote" }),
    field("entity", "Entity", { placeholder: "name or id", list: "entity-options" }),
    field("site", "Site", { list: "site-options" }),
    field("from", "From", { placeholder: "YYYY-MM-DD", pattern: "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" }),
    field("to", "To", { placeholder: "YYYY-MM-DD", pattern: "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" }),
    h("button", { type: "submit" }, "Search"),
    h("datalist", { id: "entity-options" }),
    h("datalist", { id: "site-options" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries([...new FormData(form)].map(([k, x]) => [k, String(x).trim()]));
    location.hash = route("/search", v);
  });
  const side = h("aside", { class: "facets", "aria-label": "Facets" });
  const results = h("section", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Searching…"));
  replace(view, h("h1", null, "Search"), form, h("div", { class: "cols" }, side, results));
  const top = document.getElementById("topq");
  if (top) top.value = p.q;

  facets().then((f) => {
    if (!alive()) return;
    const sites = f.sites || [];
    document.getElementById("site-options").replaceChildren(...sites.map((x) => h("option", { value: x.site })));
    document.getElementById("entity-options").replaceChildren(...f.top_entities.map((x) => h("option", { value: x.entity.name })));
    replace(side,
      h("h2", null, "Sites"),
      sites.length ? h("ul", { class: "facet" }, sites.slice(0, 15).map((x) =>
        h("li", null, h("a", { href: route("/search", { ...p, site: x.site }), "aria-current": p.site === x.site ? "true" : null }, x.site), " ", h("span", { class: "count" }, String(x.documents))))) : h("p", { class: "muted" }, "No sites."),
      h("h2", null, "Entities"),
      f.top_entities.length ? h("ul", { class: "facet" }, f.top_entities.map((x) =>
        h("li", null, h("a", { href: route("/search", { ...p, entity: x.entity.id }), class: "ent" }, x.entity.name), " ", h("span", { class: "count" }, String(x.documents))))) : h("p", { class: "muted" }, "No entities."),
      (p.site || p.entity || p.from || p.to) ? h("p", null, h("a", { href: route("/search", { q: p.q }) }, "Clear filters")) : null,
      h("p", { class: "muted small" }, "Counts are over the whole corpus."));
  }).catch((e) => alive() && replace(side, errorBox(e)));

  let r;
  try {
    r = await get("search", { ...p, offset, limit: 20 });
  } catch (e) {
    if (alive()) replace(results, errorBox(e));
    return;
  }
  if (!alive()) return;
  const filters = [p.entity && ["entity", p.entity], p.site && ["site", p.site], p.from && ["from", p.from], p.to && ["to", p.to]].filter(Boolean);
  replace(results,
    h("p", { class: "muted", id: "total" }, `${r.total} document${r.total === 1 ? "" : "s"}`, filters.length ? " · " + filters.map(([k, v]) => `${k}: ${v}`).join(", ") : ""),
    h("ol", { class: "hits", start: offset + 1 }, r.hits.map((hit) =>
      h("li", { class: "hit" },
        h("h3", null, docLink(hit.doc, hit.doc.title || hit.doc.path)),
        docMeta(hit.doc),
        h("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights))))),
    pager("/search", p, { offset, limit: 20 }, offset + r.hits.length < r.total));
}
