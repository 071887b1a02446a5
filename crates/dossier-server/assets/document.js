// The document reader: the clean text with entity mentions and quotes
// highlighted in place (colour by type), and a side panel listing them.
// Clicking a name opens the entity; clicking a quote shows who said it, how
// (direct or reported), how certain the attribution is, and when.
// #/doc/ID?at=START-END marks and scrolls to a span (code points);
// #/doc/ID?q=WORDS marks the words of the search it was opened from.
// A document with pages (a PDF) shows a "page N" mark where each page starts.

import { get, speakerMinConfidence } from "./api.js";
import {
  h, replace, route, entityLink, labelClass, outLink, formatDate, confidenceText, speakerEl, quoteWords, kindText, docTitle,
  plural,
} from "./dom.js";

/** The words of a search query worth marking (operators, fields and short words left out). */
export function searchTerms(q) {
  const out = [];
  for (let w of String(q || "").split(/\s+/)) {
    if (!w || w.startsWith("-") || /^(AND|OR|NOT)$/.test(w)) continue;
    w = w.replace(/^[+\w]+:/, "").replace(/[^\p{L}\p{N}'’-]+/gu, " ").trim();
    for (const x of w.split(" ")) if (x.length >= 2 && !out.includes(x.toLowerCase())) out.push(x.toLowerCase());
  }
  return out.slice(0, 20);
}

/** [start, end) code-point ranges where the text has a word starting with a term. */
function termRanges(chars, terms) {
  if (!terms.length) return [];
  const text = chars.join("");
  const esc = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${esc.join("|")})[\\p{L}\\p{N}]*`, "giu");
  const out = [];
  // Match on the joined string, mapping UTF-16 indexes back to code points.
  const cp = [];
  let i = 0;
  for (const c of chars) {
    cp.push(i);
    i += c.length;
  }
  const toCp = new Map(cp.map((u, k) => [u, k]));
  toCp.set(text.length, chars.length);
  for (const m of text.matchAll(re)) {
    const a = toCp.get(m.index), b = toCp.get(m.index + m[0].length);
    if (a !== undefined && b !== undefined && b > a) out.push([a, b]);
    if (out.length > 2000) break;
  }
  return out;
}

/** Splits the text at every span boundary and wraps each piece. */
function annotatedText(d, at, terms) {
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
  for (const [a, b] of termRanges(chars, terms || [])) spans.push({ kind: "h", i: 0, a, b });
  const cuts = new Set([0, n]);
  for (const sp of spans) if (sp.b > sp.a) { cuts.add(sp.a); cuts.add(sp.b); }
  // Page starts (after the first), each marked once before its text.
  const pageAt = new Map();
  (d.pages && d.pages.length > 1 ? d.pages : []).forEach((p, k) => {
    if (k > 0 && !pageAt.has(clamp(p))) { pageAt.set(clamp(p), k + 1); cuts.add(clamp(p)); }
  });
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
    // Drawn by CSS from data-page, so the reader's text stays the document's text.
    if (pageAt.has(a)) out.push(h("span", { class: "pagemark", title: "page " + pageAt.get(a), dataset: { page: "page " + pageAt.get(a) } }));
    const piece = chars.slice(a, b).join("");
    const find = (kind) => { for (let x = open.length - 1; x >= 0; x--) if (open[x].kind === kind) return open[x]; return null; };
    const m = find("m"), q = find("q"), c = find("c"), s = find("s"), t = find("t"), hl = find("h");
    let node = document.createTextNode(piece);
    if (hl) node = h("mark", { class: "hl" }, node);
    if (m) {
      const men = d.mentions[m.i];
      const cls = "ent " + labelClass(men.label);
      node = men.entity
        ? h("a", { href: route("/entity/" + encodeURIComponent(men.entity.id)), class: cls, title: `${men.label}: ${men.entity.name}`, dataset: { mention: m.i } }, node)
        : h("mark", { class: cls, title: men.label, dataset: { mention: m.i } }, node);
    }
    if (s) node = h("span", { class: "speaker", title: "speaker" }, node);
    if (c) node = h("span", { class: "cue", title: "cue" }, node);
    if (q) {
      const qq = d.quotes[q.i];
      const unsure = qq.confidence === null || qq.confidence === undefined || qq.confidence < (d.min_confidence || 0);
      node = h("span", { class: "quote q-" + qq.kind + (unsure ? " uncertain" : ""), dataset: { quote: q.i }, title: "show who said it" }, node);
    }
    if (t) {
      node = h("span", { class: "target" }, node);
      if (!firstTarget) firstTarget = node;
    }
    out.push(node);
  }
  return { nodes: out, firstTarget };
}

/** A link to another stored document, by its file name or title. */
function docLink(l) {
  return h("a", { href: route("/doc/" + encodeURIComponent(l.id)), class: "doclink" },
    l.filename || l.title || l.id.slice(0, 12), l.format ? h("span", { class: "muted" }, " (" + l.format + ")") : null);
}

/** Where the document was found and what it holds: parent, attachments or members. */
function familyRows(d) {
  const parent = d.parent_doc ? docLink(d.parent_doc) : d.parent ? h("code", null, d.parent) : null;
  const kids = d.children || [];
  const list = kids.length
    ? h("ul", { class: "children" }, kids.map((c) => h("li", null, docLink(c))))
    : null;
  return [
    ["Found in", parent],
    ["File name", d.filename],
    [d.format === "zip" ? "Members" : "Attachments", list],
  ];
}

/** The document's own credits: "wire: AFP · dateline: MOSCOW · republished: X" (text only). */
function creditsText(credits) {
  const words = { wire: "wire", dateline: "dateline", republished: "first published by" };
  const list = (credits || []).map((c) => `${words[c.kind] || c.kind}: ${c.name}`);
  return list.length ? [...new Set(list)].join(" · ") : null;
}

function metaList(d) {
  const list = (xs, sep) => (xs || []).join(sep || ", ");
  const rows = [
    ["Published", formatDate(d.published)],
    ["Site", d.site],
    ["Authors", (d.authors || []).join(", ")],
    ["Subject", d.subject && d.subject !== d.title ? d.subject : null],
    ["To", list(d.to)],
    ["Cc", list(d.cc)],
    ["Message-ID", d.message_id],
    ["In reply to", d.in_reply_to],
    ["Credits", creditsText(d.credits)],
    ["Classification", d.classification],
    ["References", list(d.references, "; ")],
    ["Pages", d.pages && d.pages.length ? String(d.pages.length) : null],
    ...familyRows(d),
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

/** The sentence around a quote, the quote's own words marked. */
function contextLine(q) {
  if (!q.context || !q.context.text) return null;
  const chars = Array.from(q.context.text);
  const a = Math.max(0, Math.min(chars.length, q.start - q.context.start));
  const b = Math.max(a, Math.min(chars.length, q.end - q.context.start));
  return h("p", { class: "qctx" }, h("span", { class: "muted" }, "In the text: "),
    chars.slice(0, a).join(""), h("span", { class: "ctx-q" }, chars.slice(a, b).join("")), chars.slice(b).join(""));
}

/**
 * A quote card: a direct quote in marks with its speaker after it, or
 * reported speech as a sentence (`Kiljunen said that …`), then kind,
 * confidence, date and source. `opts.uncertain` marks a quote whose
 * attribution is less certain; `opts.context` shows the sentence around it.
 */
/** What a channel is called: its words, and its entity and country when known. */
function viaItem(v) {
  const known = [v.entity ? entityLink(v.entity, v.entity.name) : null, v.country ? v.country : null].filter(Boolean);
  return h("span", { class: "via-item", title: v.kind.replace("_", " ") },
    "“" + v.text + "”", known.length ? [" (", known.map((k, i) => [i ? ", " : "", k]), ")"] : null);
}

/** The channels the text says the statement came through, or nothing. */
function viaLine(q) {
  if (!q.via || !q.via.length) return null;
  return h("p", { class: "via muted" }, "Via: ", q.via.map((v, i) => [i ? "; " : "", viaItem(v)]));
}

/**
 * How far the statement travelled: its documents, independent sources
 * (copies and shared wire credits counted once) and first appearance.
 */
function statementLine(q) {
  const st = q.statement;
  if (!st) return null;
  const first = st.first;
  return h("p", { class: "statement muted" },
    `Reported in ${plural(st.documents, "document")}, ${plural(st.independent, "independent source")}; first: `,
    h("a", { href: route("/doc/" + encodeURIComponent(first.id)) }, first.site || docTitle(first)),
    first.published ? ", " + formatDate(first.published) : "");
}

/** A list of quotes with each statement once: the first quote of a statement cluster stands for the rest. */
export function onePerStatement(items) {
  const seen = new Set();
  return items.filter((q) => {
    const id = q.statement && q.statement.id;
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function quoteCard(q, opts) {
  opts = opts || {};
  const sp = q.speaker;
  const ctx = q.context ? [q.context.start, q.context.end] : [q.start, q.end];
  const words = quoteWords(q);
  const text = q.kind === "direct"
    ? h("p", { class: "qtext" }, words)
    : h("p", { class: "qtext reported" }, speakerEl(sp), " ", words);
  const at = route("/doc/" + encodeURIComponent(q.doc.id), { at: ctx.join("-") });
  return h("blockquote", { class: "qcard q-" + q.kind + (opts.uncertain ? " uncertain" : "") },
    opts.uncertain ? h("p", { class: "unsure-note" }, "Less certain attribution: the speaker may be wrong.") : null,
    text,
    viaLine(q),
    statementLine(q),
    opts.context ? contextLine(q) : null,
    h("footer", null,
      q.kind === "direct" ? ["— ", speakerEl(sp), sp && sp.role ? h("span", { class: "muted" }, ", " + sp.role) : null, " · "] : null,
      h("span", { class: "kind" }, kindText(q.kind)),
      q.cue && q.kind === "direct" ? [" · cue: ", h("em", { class: "cue-word" }, q.cue.text)] : null,
      " · ", h("span", { class: "conf" }, confidenceText(q.confidence)),
      " · ", h("span", { class: "qdate" }, formatDate(q.date)),
      opts.showDoc ? [" · ", h("a", { href: at }, docTitle(q.doc))] : [" · ", h("a", { href: at, class: "jump" }, "in text")]));
}

/**
 * The page (counted from 1) on which code point `offset` of a document
 * with page starts `pages` stands, or null for a document without pages.
 */
export function pageOf(pages, offset) {
  if (!pages || !pages.length) return null;
  let k = 0;
  while (k + 1 < pages.length && pages[k + 1] <= offset) k += 1;
  return k + 1;
}

/** The box a click on a quote in the text opens: who, how, how certain, when, and on which page. */
function quoteDetail(q, pages) {
  const sp = q.speaker;
  const page = pageOf(pages, q.start);
  return [
    h("p", { class: "qtext" }, q.kind === "direct" ? quoteWords(q) : [speakerEl(sp), " ", quoteWords(q)]),
    h("dl", { class: "facts" },
      h("dt", null, "Speaker"), h("dd", { class: "d-speaker" }, speakerEl(sp), sp && sp.role ? ", " + sp.role : ""),
      h("dt", null, "Kind"), h("dd", { class: "d-kind" }, kindText(q.kind)),
      h("dt", null, "Confidence"), h("dd", { class: "d-conf" }, confidenceText(q.confidence)),
      h("dt", null, "Date"), h("dd", { class: "d-date" }, formatDate(q.date), q.date && q.date_source === "document" ? " (the document's date)" : ""),
      q.cue ? [h("dt", null, "Cue"), h("dd", null, q.cue.text)] : null,
      q.via && q.via.length ? [h("dt", null, "Via"), h("dd", { class: "d-via" }, q.via.map((v, i) => [i ? "; " : "", viaItem(v)]))] : null,
      page ? [h("dt", null, "Page"), h("dd", { class: "d-page" }, "page " + page)] : null),
  ];
}

/** Other sites among a cluster's members: distinct names, case folded, the document's own left out. */
export function otherSites(members, own) {
  const mine = String(own || "").toLowerCase();
  const seen = new Set();
  for (const m of members || []) {
    const s = String(m.site || "").trim().toLowerCase();
    if (s && s !== mine) seen.add(s);
  }
  return seen.size;
}

/** A link to a member of a copies cluster. */
function copyLink(m, text) {
  return h("a", { href: route("/doc/" + encodeURIComponent(m.id)), class: "doclink" }, text);
}

/**
 * The copies panel: "also published by N sites; first: SITE, DATE", the
 * members as links (this one marked) and the measured overlap of each
 * confirmed pair. Null when the document has no copy.
 */
function copiesPanel(c, d) {
  if (!c || !c.origin || c.documents < 2) return null;
  const o = c.origin;
  const sites = otherSites(c.members, d.site);
  const first = c.origin.id === d.id
    ? "this is the first"
    : ["first: ", copyLink(o, [o.site || docTitle(o), ", ", formatDate(o.published)])];
  const others = c.documents - 1;
  const what = sites > 0
    ? `Also published by ${sites} other ${sites === 1 ? "site" : "sites"}`
    : `${others} other ${others === 1 ? "copy" : "copies"} of this text`;
  const byId = new Map((c.members || []).map((m) => [m.id, m]));
  const name = (id) => { const m = byId.get(id); return m ? (m.site || docTitle(m)) : id.slice(0, 12); };
  return h("section", { class: "copies", "aria-label": "Copies" },
    h("h2", null, `Copies (${c.documents} documents)`),
    h("p", { class: "copies-summary" }, what, "; ", first, "."),
    h("ul", { class: "copies-list" }, (c.members || []).map((m) =>
      h("li", null, m.id === d.id ? h("strong", null, m.site || docTitle(m), " (this one)") : copyLink(m, m.site || docTitle(m)),
        " · ", formatDate(m.published), m.title ? h("span", { class: "muted" }, " · " + m.title) : null))),
    h("details", null, h("summary", null, "Evidence (shared wording)"),
      h("ul", { class: "copies-pairs" }, (c.pairs || []).map((p) =>
        h("li", null, `${name(p.a)} ~ ${name(p.b)}: ${p.shared} shared five-word runs, ` +
          `${Math.round(p.containment * 100)}% of the shorter text, Jaccard ${p.jaccard.toFixed(2)}`)))));
}

export async function renderDocument(view, id, params, alive) {
  const [d, min, copies] = await Promise.all([
    get("documents/" + encodeURIComponent(id)), speakerMinConfidence(),
    get("documents/" + encodeURIComponent(id) + "/copies").catch(() => null),
  ]);
  if (!alive()) return;
  d.min_confidence = min;
  let at = null;
  const m = /^(\d+)-(\d+)$/.exec(params.at || "");
  if (m) at = [Number(m[1]), Number(m[2])];
  const terms = searchTerms(params.q);
  const { nodes, firstTarget } = annotatedText(d, at, terms);
  const text = h("div", { class: "doctext", id: "doctext" }, nodes);
  const detail = h("aside", { class: "qdetail", id: "qdetail", hidden: true, role: "dialog", "aria-label": "Quote" });
  const closeDetail = () => { detail.hidden = true; };
  text.addEventListener("click", (ev) => {
    const el = ev.target.closest && ev.target.closest("[data-quote]");
    if (!el || ev.target.closest("a")) return;
    const q = d.quotes[Number(el.dataset.quote)];
    if (!q) return;
    replace(detail, h("button", { type: "button", class: "close", onclick: closeDetail, "aria-label": "Close" }, "×"), quoteDetail(q, d.pages));
    detail.hidden = false;
  });
  const legend = h("p", { class: "legend" },
    h("span", { class: "key l-per" }, "person"), h("span", { class: "key l-org" }, "organisation"),
    h("span", { class: "key l-loc" }, "place"), h("span", { class: "key l-misc" }, "other"),
    h("span", { class: "key quote" }, "quote (click it)"), h("span", { class: "key cue" }, "cue"), h("span", { class: "key speaker" }, "speaker"),
    terms.length ? h("mark", { class: "key hl" }, "searched words") : null);
  replace(view,
    h("div", { class: "reader" },
      h("article", { class: "doc" },
        h("h1", { id: "doctitle" }, docTitle(d)),
        metaList(d), legend, text, detail),
      h("aside", { class: "panel", "aria-label": "Entities and quotes" },
        copiesPanel(copies, d),
        h("h2", null, `Entities (${d.mentions.length} mentions)`), entityPanel(d),
        h("h2", null, `Quotes (${d.quotes.length})`),
        d.quotes.length ? h("div", { class: "quotes" }, d.quotes.map((q) => quoteCard(q, { uncertain: !(q.confidence >= min) }))) : h("p", { class: "muted" }, "No quotes found in this document."))));
  document.title = docTitle(d) + " — dossier";
  if (firstTarget) {
    firstTarget.setAttribute("tabindex", "-1");
    firstTarget.scrollIntoView({ block: "center" });
    firstTarget.focus({ preventScroll: true });
  }
}
