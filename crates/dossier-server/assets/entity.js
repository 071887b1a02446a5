// The entity page: the names the corpus uses for it (knowledge-base names
// apart), knowledge-base facts in words, a chart of its documents and quotes
// over time, its quotes (the less certain ones behind a control), what
// others say about it, its neighbourhood in the actor network, and the
// analyst's corrections: merge, split, distinct, and the decisions made,
// each undoable.

import { get, post } from "./api.js";
import { h, replace, route, entityLink, labelClass, errorBox, formatDate, plural } from "./dom.js";
import { barChart } from "./chart.js";
import { quoteCard, onePerStatement } from "./document.js";
import { Neighbourhood } from "./graph.js";
import { completeNames } from "./quotes.js";

const ROLES = {
  GOV: "government", MIL: "military", OPP: "opposition", REB: "rebels", BUS: "business", MED: "media", JUD: "judiciary",
  LEG: "legislature", COP: "police", ELI: "elites", CVL: "civilians", EDU: "education", HLH: "health", REF: "refugees",
  SPY: "intelligence services", LAB: "labour", AGR: "agriculture", CRM: "criminals", ENV: "environmental groups",
  HRI: "human rights groups", IGO: "intergovernmental organisation", NGO: "non-governmental organisation",
  UAF: "armed forces (unidentified)", PTY: "political party", MOD: "moderates", RAD: "radicals", REL: "religious groups",
  SET: "settlers", INS: "insurgents", SEP: "separatists", IMG: "immigrants", DEV: "development", UNO: "United Nations",
  EUR: "Europe", AFR: "Africa", ASA: "Asia", MEA: "Middle East", WST: "the West", BFR: "bank", JEW: "Jewish", MUS: "Muslim",
  CHR: "Christian", ELE: "elections", NGM: "non-governmental movement",
};
const KINDS = { person: "person", organisation: "organisation", group: "group", country: "country", place: "place", other: "other" };

/** A knowledge-base actor code in words (`GBRGOV` → government of the United Kingdom), or null. */
export function codeInWords(code, country) {
  const c = String(code || "").toUpperCase();
  if (!/^[A-Z]{3}(?:[A-Z]{3})*$/.test(c)) return null;
  const parts = c.match(/.{3}/g);
  const roles = parts.slice(1).map((p) => ROLES[p]).filter(Boolean);
  const head = ROLES[parts[0]];
  if (head && !parts.slice(1).length) return head;
  if (!country && !head) return roles.length ? roles.join(", ") : null;
  const of = country ? " of " + country : head ? " (" + head + ")" : "";
  return roles.length ? roles.join(", ") + of : country || null;
}

const PLACE_KINDS = { city: "city", region: "region", country: "country" };

/** A degree of latitude or longitude in words: `40.53° N`. */
function degrees(v, pos, neg) {
  return Math.abs(v).toFixed(2) + "\u00b0 " + (v < 0 ? neg : pos);
}

/** A region with what it is: `Osh Region`, `Batken Province`; a state by its name alone (`Texas`). */
function regionInWords(name, type) {
  const t = String(type || "");
  return /^(region|province|oblast|county|district|governorate|prefecture|department)$/i.test(t) ? name + " " + t : String(name);
}

/**
 * A GeoNames place in words, no codes: `city in Kyrgyzstan, Osh region,
 * pop. 322,164, 40.53° N 72.80° E`; null when there is none.
 */
export function placeInWords(place) {
  if (!place || typeof place !== "object") return null;
  const kind = PLACE_KINDS[place.kind];
  if (!kind) return null;
  const parts = [];
  const country = place.country_name ? String(place.country_name) : null;
  if (kind === "country") parts.push("country");
  else parts.push(kind + (country ? (kind === "region" ? " of " : " in ") + country : ""));
  if (kind === "city" && place.region) parts.push(regionInWords(place.region, place.region_type));
  if (kind === "region" && place.region_type) parts[0] += " (" + String(place.region_type).toLowerCase() + ")";
  // A region's population is that of its listed cities only: not shown.
  if (kind !== "region" && Number(place.population) > 0) parts.push("pop. " + Number(place.population).toLocaleString("en"));
  if (Number.isFinite(place.lat) && Number.isFinite(place.lon)) parts.push(degrees(place.lat, "N", "S") + " " + degrees(place.lon, "E", "W"));
  return parts.join(", ");
}

/** Knowledge-base facts in words. */
function factList(p) {
  const f = p.facts && typeof p.facts === "object" ? p.facts : {};
  const kb = f.kb && typeof f.kb === "object" ? f.kb : null;
  const rows = [];
  if (p.kind) rows.push(["Kind", KINDS[p.kind] || p.kind]);
  const place = placeInWords(p.place);
  if (place) rows.push(["Place", place + " (GeoNames)"]);
  const country = (kb && kb.country) || f.country;
  if (country) rows.push(["Country", String(country)]);
  if (kb && kb.roles && kb.roles.length) rows.push(["Roles", h("ul", null, kb.roles.map((r) => h("li", null, String(r))))]);
  else if (kb && kb.code) {
    const w = codeInWords(kb.code, country);
    if (w) rows.push(["Role", w]);
  }
  if (kb && kb.adjectives && kb.adjectives.length) rows.push(["Adjectives", kb.adjectives.map(String).join(", ")]);
  if (f.descriptions && f.descriptions.length) rows.push(["Described as", f.descriptions.map(String).join("; ")]);
  if (kb && kb.name && kb.name !== p.name) rows.push(["Knowledge-base name", String(kb.name)]);
  if (!rows.length) return h("p", { class: "muted" }, "No facts known beyond the documents.");
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

/** Names: those the documents use, with counts; knowledge-base names apart, folded. */
function nameList(p) {
  const seen = p.aliases.filter((a) => a.count > 0);
  const seenKeys = new Set(seen.map((a) => a.name.toLowerCase()));
  const kb = p.aliases.filter((a) => a.count <= 0 && !seenKeys.has(a.name.toLowerCase())).map((a) => a.name);
  return [
    seen.length ? h("ul", { class: "aliases", id: "names" }, seen.map((a) => h("li", null, a.name, " ", h("span", { class: "count" }, "×" + a.count))))
      : h("p", { class: "muted" }, "No names recorded."),
    kb.length ? h("details", { class: "kbnames" }, h("summary", null, `Other names in the knowledge base (${kb.length}), not seen in these documents`),
      h("p", { class: "small" }, kb.join(" · "))) : null,
  ];
}

function seenLine(p) {
  if (!p.first_seen) return " · no dated documents";
  const a = formatDate(p.first_seen), b = formatDate(p.last_seen);
  return a === b ? ` · seen ${a}` : ` · seen from ${a} to ${b}`;
}

export async function renderEntity(view, id, params, alive) {
  const p = await get("entities/" + encodeURIComponent(id), { limit: 50 });
  if (!alive()) return;
  document.title = p.name + " — dossier";
  const chartBox = h("div", { class: "chartbox" }, h("p", { class: "muted" }, "Loading the timeline…"));
  const graphBox = h("div", { class: "graphbox" });
  const quotes = p.quotes.slice(0, 20);
  const unsure = (p.less_certain || []).slice(0, 20);
  const about = p.quoted_about.slice(0, 20);
  const unsureBox = h("div", { class: "quotes", id: "less-certain", hidden: true },
    unsure.map((q) => quoteCard(q, { showDoc: true, uncertain: true })),
    p.less_certain_count > unsure.length ? h("p", null, h("a", { href: route("/quotes", { speaker: p.id, min_confidence: "0" }) }, "All of them →")) : null);
  const toggle = p.less_certain_count > 0
    ? h("button", { type: "button", class: "link", id: "show-less-certain", "aria-controls": "less-certain", "aria-expanded": "false", onclick: (ev) => {
      unsureBox.hidden = !unsureBox.hidden;
      ev.target.setAttribute("aria-expanded", String(!unsureBox.hidden));
      ev.target.textContent = unsureBox.hidden ? showText : "Hide the less certain quotes";
    } }, "")
    : null;
  const showText = `${plural(p.less_certain_count, "more quote")}, less certain: show them`;
  if (toggle) toggle.textContent = showText;
  const decisions = h("section", { id: "corrections" }, h("h2", null, "Corrections"), h("p", { class: "muted" }, "Loading…"));
  replace(view,
    h("header", { class: "ent-head" },
      h("h1", { id: "entname" }, h("span", { class: "badge " + labelClass(p.label) }, p.label || "?"), " ", p.name),
      h("p", { class: "counts" },
        `${plural(p.mentions, "mention")} in ${plural(p.documents, "document")} · ${plural(p.quote_count, "quote")}`,
        seenLine(p),
        " · ", h("a", { href: route("/search", { entity: p.id }) }, "its documents"),
        " · ", h("a", { href: route("/quotes", { speaker: p.id }) }, "all its quotes"),
        " · ", h("a", { href: route("/quotes", { about: p.id }) }, "all quotes about it"))),
    h("div", { class: "cols2" },
      h("section", null,
        h("h2", null, "Names"),
        nameList(p),
        p.merged.length ? h("p", { class: "muted" }, "Merged into it: " + p.merged.join(", ")) : null,
        p.also_matched.length ? h("p", { class: "muted" }, "The name also matches: ", p.also_matched.map((e, i) => [i ? ", " : "", entityLink(e)])) : null),
      h("section", null, h("h2", null, "Facts"), factList(p))),
    h("section", null, h("h2", null, "Over time"), chartBox),
    h("section", { id: "quotes" },
      h("h2", null, `Quotes by ${p.name}`),
      p.less_certain_count ? h("p", { class: "muted small" }, `Attributed with confidence ${Math.round((p.min_confidence || 0) * 100)}% or more.`) : null,
      quotes.length ? h("div", { class: "quotes" }, onePerStatement(quotes).map((q) => quoteCard(q, { showDoc: true }))) : h("p", { class: "muted" }, p.less_certain_count ? "No quote is attributed with confidence." : "No quotes attributed."),
      p.quote_count - p.less_certain_count > quotes.length ? h("p", null, h("a", { href: route("/quotes", { speaker: p.id }) }, "All its quotes →")) : null,
      toggle ? h("p", { class: "less-certain" }, toggle) : null,
      unsureBox),
    h("section", { id: "about" },
      h("h2", null, "What others say about it"),
      about.length ? h("div", { class: "quotes" }, onePerStatement(about).map((q) => quoteCard(q, { showDoc: true, uncertain: !(q.confidence >= (p.min_confidence || 0)) }))) : h("p", { class: "muted" }, "No quotes by others mention it."),
      about.length >= 20 ? h("p", null, h("a", { href: route("/quotes", { about: p.id }) }, "More →")) : null),
    h("section", { id: "network" },
      h("h2", null, "Network"),
      p.co_sentence.length ? graphBox : h("p", { class: "muted" }, "It is never named in a sentence with another entity."),
      p.co_document.length ? h("details", null, h("summary", null, "Named in the same documents"),
        h("ul", { class: "co" }, p.co_document.map((c) => h("li", null, entityLink(c.entity), " ", h("span", { class: "count" }, plural(c.count, "document")))))) : null),
    decisions);
  if (p.co_sentence.length) {
    const n = new Neighbourhood({ id: p.id, name: p.name, label: p.label }, p);
    n.layout();
    n.draw();
    graphBox.append(n.el);
  }
  renderCorrections(decisions, p, alive).catch((e) => { if (alive()) replace(decisions, h("h2", null, "Corrections"), errorBox(e)); });
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

/** One decision in words. */
function describe(d, self) {
  const other = (x) => (x === self ? "this entity" : h("a", { href: route("/entity/" + encodeURIComponent(x)) }, x));
  if (d.kind === "merge") return [other(d.b), " merged into ", other(d.a)];
  if (d.kind === "distinct") return [other(d.a), " and ", other(d.b), " marked as different actors"];
  const n = d.mentions.length;
  const docs = d.mentions.map((m) => m.span ? `${m.doc.slice(0, 10)} at ${m.span[0]}–${m.span[1]}` : `all of ${m.doc.slice(0, 10)}`).join(", ");
  return [plural(n, "mention group") + " of ", other(d.a), " split off into ", other(d.b), ` (${docs})`];
}

/** The corrections panel: the decisions touching this entity and the forms to make new ones. */
async function renderCorrections(box, p, alive) {
  const r = await get("decisions", { entity: p.id });
  if (!alive()) return;
  const status = h("p", { class: "status", role: "status", id: "correction-status" });
  const done = (d) => {
    status.textContent = `Decision ${d.id} recorded. Reloading…`;
    setTimeout(() => window.dispatchEvent(new HashChangeEvent("hashchange")), 300);
  };
  const fail = (e) => { status.textContent = ""; status.append(errorBox(e)); };
  const history = r.items.length
    ? h("ol", { class: "decisions", id: "decisions" }, r.items.map((d) => h("li", { class: d.undone ? "undone" : null },
      h("span", null, `#${d.id} `), describe(d, p.id),
      h("span", { class: "muted small" }, ` · ${formatDate(d.created)}${d.made_by ? " by " + d.made_by : ""}`,
        d.undone ? ` · undone ${formatDate(d.undone)}${d.undone_by ? " by " + d.undone_by : ""}` : ""),
      !d.undone && r.writable ? [" ", h("button", { type: "button", class: "small undo", onclick: () => post(`decisions/${d.id}/undo`).then(done, fail) }, "Undo")] : null)))
    : h("p", { class: "muted" }, "No corrections made to this entity.");
  if (!r.writable) {
    replace(box, h("h2", null, "Corrections"), history,
      h("p", { class: "muted small", id: "read-only" }, "This server is read-only. To merge, split or separate entities, start it with a token (dossier serve --token …) and open it with ?token=…."));
    return;
  }
  // Merge or mark distinct: pick the other entity by name.
  const other = h("input", { id: "other-entity", autocomplete: "off", placeholder: "name or id", list: "other-options", maxlength: 500 });
  const opts = h("datalist", { id: "other-options" });
  completeNames(other, opts);
  const pick = (kind) => (ev) => {
    ev.preventDefault();
    const b = other.value.trim();
    if (!b) { status.textContent = "Choose the other entity first."; return; }
    post("decisions", { kind, a: p.id, b }).then(done, fail);
  };
  const pair = h("form", { class: "filters correction", id: "pair-form" },
    h("label", { class: "field" }, "Another entity", other), opts,
    h("button", { type: "submit", id: "merge" }, "Same actor: merge into this one"),
    h("button", { type: "button", id: "distinct", class: "secondary", onclick: pick("distinct") }, "Different actors"));
  pair.addEventListener("submit", pick("merge"));
  // Split: choose a document of this entity, then all its mentions there or one.
  const docSel = h("select", { id: "split-doc" }, h("option", { value: "" }, "Loading its documents…"));
  const menSel = h("select", { id: "split-mention" }, h("option", { value: "" }, "all its mentions in that document"));
  const split = h("form", { class: "filters correction", id: "split-form" },
    h("label", { class: "field" }, "Document", docSel),
    h("label", { class: "field" }, "Mention", menSel),
    h("button", { type: "submit", id: "split" }, "Split off: another actor"));
  split.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!docSel.value) { status.textContent = "Choose a document first."; return; }
    const m = { doc: docSel.value };
    if (menSel.value) m.span = menSel.value.split("-").map(Number);
    post("decisions", { kind: "split", a: p.id, mentions: [m] }).then(done, fail);
  });
  docSel.addEventListener("change", async () => {
    menSel.replaceChildren(h("option", { value: "" }, "all its mentions in that document"));
    if (!docSel.value) return;
    try {
      const d = await get("documents/" + encodeURIComponent(docSel.value));
      const chars = Array.from(d.text);
      for (const m of d.mentions.filter((x) => x.entity && x.entity.id === p.id)) {
        const ctx = chars.slice(Math.max(0, m.start - 40), Math.min(chars.length, m.end + 40)).join("").replace(/\s+/g, " ");
        menSel.append(h("option", { value: `${m.start}-${m.end}` }, `“${m.text}” … ${ctx} …`));
      }
    } catch (e) {
      fail(e);
    }
  });
  replace(box, h("h2", null, "Corrections"),
    h("p", { class: "muted small" }, "Correct the machine: each decision is recorded with its time and who made it, and can be undone."),
    pair, split, status, h("h3", null, "Decisions"), history);
  try {
    const s = await get("search", { q: "", entity: p.id, limit: 50 });
    if (!alive()) return;
    docSel.replaceChildren(h("option", { value: "" }, `choose one of ${plural(s.total, "document")}`),
      ...s.hits.map((x) => h("option", { value: x.id }, (x.doc.title || x.id).slice(0, 90))));
  } catch (e) {
    fail(e);
  }
}
