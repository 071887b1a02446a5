// The search page: a query with facets (entity, site, date range) counted
// over the query's own hits, and ranked hits whose snippets show the
// matched words highlighted.

import { get } from "./api.js";
import { h, replace, route, docLink, docMeta, errorBox, pager, docTitle, formatDate, shortMonth, plural } from "./dom.js";

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
  replace(view, h("h1", null, "Search"), form, h("div", { class: "cols search-cols" }, results, side));
  const top = document.getElementById("topq");
  if (top) top.value = p.q;

  let r;
  try {
    r = await get("search", { ...p, offset, limit: 20, facets: "true" });
  } catch (e) {
    if (alive()) replace(results, errorBox(e));
    return;
  }
  if (!alive()) return;
  renderFacets(side, p, r.facets, r.total);
  const filters = [p.entity && ["entity", p.entity], p.site && ["site", p.site], p.from && ["from", formatDate(p.from)], p.to && ["to", formatDate(p.to)]].filter(Boolean);
  const undatedNote = h("p", { class: "muted small", id: "undated-note" });
  replace(results,
    h("p", { class: "muted", id: "total" }, plural(r.total, "document"), filters.length ? " · " + filters.map(([k, v]) => `${k}: ${v}`).join(", ") : ""),
    undatedNote,
    h("ol", { class: "hits", start: offset + 1 }, r.hits.map((hit) =>
      h("li", { class: "hit" },
        h("h3", null, docLink(hit.doc, docTitle(hit.doc), null, p.q)),
        docMeta(hit.doc),
        hit.copies ? h("p", { class: "small muted copies-note" }, `The same story in ${hit.copies} documents (see the document's copies).`) : null,
        h("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights))))),
    pager("/search", p, { offset, limit: 20 }, offset + r.hits.length < r.total));
  if (p.from || p.to) {
    // A date filter leaves out the documents with no date: say how many.
    const n = r.undated_left_out || 0;
    undatedNote.textContent = n ? `The date filter left out ${plural(n, "undated document")}.` : "No undated document was left out by the date filter.";
  }
}

/**
 * The dates the hits span, by month (a document dated to the month only is
 * counted on its first day: a day would claim more than is known).
 */
function span(f, months) {
  const first = months.length ? formatDate(months[0].value) : formatDate(f.first_day);
  const last = months.length ? formatDate(months[months.length - 1].value) : formatDate(f.last_day);
  return first === last ? first : `${first} – ${last}`;
}

/** The facet column: sites, months and entities of this query's hits. */
function renderFacets(side, p, f, total) {
  const sites = f.sites || [];
  document.getElementById("site-options").replaceChildren(...sites.map((x) => h("option", { value: x.value })));
  document.getElementById("entity-options").replaceChildren(...f.entities.map((x) => h("option", { value: x.entity.name })));
  const count = (n) => h("span", { class: "count" }, String(n));
  const months = f.months || [];
  replace(side,
    h("h2", null, "Sites"),
    sites.length ? h("ul", { class: "facet" }, sites.map((x) =>
      h("li", null, h("a", { href: route("/search", { ...p, site: x.value }), "aria-current": p.site === x.value ? "true" : null }, x.value), " ", count(x.documents)))) : h("p", { class: "muted" }, "No sites."),
    h("h2", null, "Dates"),
    f.first_day ? h("p", { class: "small" }, span(f, months), f.undated ? ` · ${f.undated} undated` : "") : h("p", { class: "muted" }, "No dated hits." + (f.undated ? ` ${f.undated} undated.` : "")),
    months.length ? h("ul", { class: "facet months" }, months.slice(-24).reverse().map((x) =>
      h("li", null, h("a", { href: route("/search", { ...p, from: x.value, to: x.value }) }, shortMonth(x.value)), " ", count(x.documents)))) : null,
    h("h2", null, "Entities"),
    f.entities.length ? h("ul", { class: "facet" }, f.entities.map((x) =>
      h("li", null, h("a", { href: route("/search", { ...p, entity: x.entity.id }), class: "ent" }, x.entity.name), " ", count(x.documents)))) : h("p", { class: "muted" }, "No entities."),
    (p.site || p.entity || p.from || p.to) ? h("p", null, h("a", { href: route("/search", { q: p.q }) }, "Clear filters")) : null,
    h("p", { class: "muted small" }, "Counts are over this search's hits" + (total > f.entity_docs ? `; entities over the best ${f.entity_docs}.` : ".")));
}
