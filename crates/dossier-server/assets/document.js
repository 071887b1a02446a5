// The document reader: the clean text with entity mentions and quotes
// highlighted in place (colour by type), and a side panel listing them.
// Clicking a name opens the entity; every quote shows its speaker and cue.
// #/doc/ID?at=START-END marks and scrolls to a span (code points).

import { get } from "./api.js";
import { h, replace, route, entityLink, labelClass, outLink } from "./dom.js";

/** Splits the text at every span boundary and wraps each piece. */
function annotatedText(d, at) {
  const chars = Array.from(d.text);
  const n = chars.length;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const spans = [];
  d.mentions.forEach((m, i) => spans.push({ kind: "m", i, a: clamp(m.start), b: clamp(m.end) }));
  d.quotes.forEach((q, i) => {
    spans.push({ kind: "q", i, a: clamp(q.start), b: clamp(q.end) });
    if (q.cue) spans.push({ kind: "c", i, a: clamp(q.cue.start), b: clamp(q.cue.end) });
    if (q.speaker) spans.push({ kind: "s", i, a: clamp(q.speaker.start), b: clamp(q.speaker.end) });
  });
  if (at) spans.push({ kind: "t", i: 0, a: clamp(at[0]), b: clamp(at[1]) });
  const cuts = new Set([0, n]);
  for (const sp of spans) if (sp.b > sp.a) { cuts.add(sp.a); cuts.add(sp.b); }
  const bounds = [...cuts].sort((x, y) => x - y);
  // Spans covering each piece, found with a sweep over spans sorted by start.
  const byStart = spans.filter((sp) => sp.b > sp.a).sort((x, y) => x.a - y.a || y.b - x.b);
  const open = [];
  let k = 0;
  const out = [];
  let firstTarget = null;
  for (let j = 0; j + 1 < bounds.length; j++) {
    const a = bounds[j], b = bounds[j + 1];
    while (k < byStart.length && byStart[k].a <= a) open.push(byStart[k++]);
    for (let x = open.length - 1; x >= 0; x--) if (open[x].b <= a) open.splice(x, 1);
    const piece = chars.slice(a, b).join("");
    const find = (kind) => { for (let x = open.length - 1; x >= 0; x--) if (open[x].kind === kind) return open[x]; return null; };
    const m = find("m"), q = find("q"), c = find("c"), s = find("s"), t = find("t");
    let node = document.createTextNode(piece);
    if (m) {
      const men = d.mentions[m.i];
      const cls = "ent " + labelClass(men.label);
      node = men.entity
        ? h("a", { href: route("/entity/" + encodeURIComponent(men.entity.id)), class: cls, title: `${men.label}: ${men.entity.name}`, dataset: { mention: m.i } }, node)
        : h("mark", { class: cls, title: men.label, dataset: { mention: m.i } }, node);
    }
    if (s) node = h("span", { class: "speaker", title: "speaker" }, node);
    if (c) node = h("span", { class: "cue", title: "cue" }, node);
    if (q) node = h("span", { class: "quote q-" + d.quotes[q.i].kind, dataset: { quote: q.i } }, node);
    if (t) {
      node = h("span", { class: "target" }, node);
      if (!firstTarget) firstTarget = node;
    }
    out.push(node);
  }
  return { nodes: out, firstTarget };
}

function metaList(d) {
  const rows = [
    ["Published", d.published],
    ["Site", d.site],
    ["Authors", (d.authors || []).join(", ")],
    ["Language", d.lang],
    ["Format", d.format],
    ["Source", d.url ? outLink(d.url, d.url) : d.path],
    ["Id", h("code", null, d.id)],
  ].filter(([, v]) => v);
  return h("dl", { class: "meta-list" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

function entityPanel(d) {
  const groups = new Map();
  for (const m of d.mentions) {
    const key = m.entity ? "e:" + m.entity.id : "t:" + m.label + ":" + m.text;
    const g = groups.get(key) || { m, count: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  const list = [...groups.values()].sort((x, y) => y.count - x.count);
  if (!list.length) return h("p", { class: "muted" }, "No entities found in this document.");
  return h("ul", { class: "entities" }, list.map(({ m, count }) =>
    h("li", null,
      h("span", { class: "badge " + labelClass(m.label) }, m.label),
      " ",
      m.entity ? entityLink(m.entity, m.entity.name) : h("span", null, m.text),
      " ",
      h("span", { class: "count" }, "×" + count))));
}

/** A quote card: the words, the speaker and the cue. */
export function quoteCard(q, opts) {
  const sp = q.speaker;
  const who = sp
    ? (sp.entity
      ? entityLink(sp.entity, sp.name || sp.entity.name)
      : h("a", { href: route("/quotes", { speaker: sp.name || sp.text }), class: "speaker-name", title: "quotes by this name" }, sp.name || sp.text))
    : h("span", { class: "muted" }, "unknown speaker");
  const ctx = q.context ? [q.context.start, q.context.end] : [q.start, q.end];
  return h("blockquote", { class: "qcard q-" + q.kind },
    h("p", { class: "qtext" }, q.kind === "direct" && !/^["“‘'«]/.test(q.text) ? "“" + q.text + "”" : q.text),
    h("footer", null,
      "— ", who,
      sp && sp.role ? h("span", { class: "muted" }, ", " + sp.role) : null,
      sp && sp.text && sp.name && sp.text !== sp.name ? h("span", { class: "muted" }, ` (“${sp.text}”)`) : null,
      q.cue ? [" · cue: ", h("em", { class: "cue-word" }, q.cue.text)] : [" · ", h("span", { class: "muted" }, "no cue")],
      " · ", h("span", { class: "muted" }, q.kind),
      q.date ? [" · ", h("span", null, q.date)] : null,
      opts && opts.showDoc ? [" · ", h("a", { href: route("/doc/" + encodeURIComponent(q.doc.id), { at: ctx.join("-") }) }, q.doc.title || q.doc.path)] : [" · ", h("a", { href: route("/doc/" + encodeURIComponent(q.doc.id), { at: ctx.join("-") }), class: "jump" }, "in text")]));
}

export async function renderDocument(view, id, params, alive) {
  const d = await get("documents/" + encodeURIComponent(id));
  if (!alive()) return;
  let at = null;
  const m = /^(\d+)-(\d+)$/.exec(params.at || "");
  if (m) at = [Number(m[1]), Number(m[2])];
  const { nodes, firstTarget } = annotatedText(d, at);
  const text = h("div", { class: "doctext", id: "doctext" }, nodes);
  const legend = h("p", { class: "legend" },
    h("span", { class: "key l-per" }, "person"), h("span", { class: "key l-org" }, "organisation"),
    h("span", { class: "key l-loc" }, "place"), h("span", { class: "key l-misc" }, "other"),
    h("span", { class: "key quote" }, "quote"), h("span", { class: "key cue" }, "cue"), h("span", { class: "key speaker" }, "speaker"));
  replace(view,
    h("div", { class: "reader" },
      h("article", { class: "doc" },
        h("h1", { id: "doctitle" }, d.title || d.path),
        metaList(d), legend, text),
      h("aside", { class: "panel", "aria-label": "Entities and quotes" },
        h("h2", null, `Entities (${d.mentions.length} mentions)`), entityPanel(d),
        h("h2", null, `Quotes (${d.quotes.length})`),
        d.quotes.length ? h("div", { class: "quotes" }, d.quotes.map((q) => quoteCard(q))) : h("p", { class: "muted" }, "No quotes found in this document."))));
  document.title = (d.title || "document") + " — dossier";
  if (firstTarget) {
    firstTarget.setAttribute("tabindex", "-1");
    firstTarget.scrollIntoView({ block: "center" });
    firstTarget.focus({ preventScroll: true });
  }
}
