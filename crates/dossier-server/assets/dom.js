// DOM helpers. Every piece of store data reaches the page through
// textContent or a checked attribute: never through HTML parsing.

/** Creates an element: h("a", {href: "#/x", class: "c"}, "text", child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2), v);
    } else if (k === "href") {
      el.setAttribute("href", safeHref(String(v)));
    } else if (k === "dataset") {
      for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Internal links (#/...) pass; anything else must parse as http(s). */
export function safeHref(v) {
  if (v.startsWith("#")) return v;
  try {
    const u = new URL(v);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (_) {
    /* not a URL */
  }
  return "#";
}

/** An outside link (document URLs): opened without referrer or opener. */
export function outLink(url, text) {
  const href = safeHref(url || "");
  if (href === "#") return h("span", { class: "muted" }, text || url || "");
  return h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, text || url);
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Builds a hash route: route("/search", {q: "x"}). */
export function route(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const qs = q.toString();
  return "#" + path + (qs ? "?" + qs : "");
}

/** Link to an entity page. */
export function entityLink(e, text) {
  if (!e || !e.id) return h("span", null, text || (e && e.name) || "");
  return h("a", { href: route("/entity/" + encodeURIComponent(e.id)), class: "ent " + labelClass(e.label) }, text || e.name);
}

/** Link to a document, at a span (code points) and with search words to mark. */
export function docLink(doc, text, span, q) {
  const at = span ? span[0] + "-" + span[1] : null;
  return h("a", { href: route("/doc/" + encodeURIComponent(doc.id), { at, q }) }, text || docTitle(doc));
}

/** A document's title, never a machine path: its file name at most. */
export function docTitle(doc) {
  if (doc.title) return doc.title;
  const p = String(doc.path || "");
  const name = p.split(/[\\/]/).filter(Boolean).pop();
  return name || "untitled document";
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A date value (ISO 8601, maybe partial, maybe a range `A/B`) in words:
 * `15 March 2010`, `March 2010`, `2010`, `the 1990s`, `March (year
 * unknown)`; `undated` when there is none or it cannot be read.
 */
export function formatDate(v) {
  if (v === null || v === undefined) return "undated";
  const s = String(v).trim();
  if (!s) return "undated";
  const parts = s.split("/");
  if (parts.length === 2) {
    const dec = /^(\d{3})0$/.exec(parts[0]);
    if (dec && parts[1] === dec[1] + "9") return `the ${parts[0]}s`;
    const a = formatDate(parts[0]), b = formatDate(parts[1]);
    if (a === "undated") return b;
    if (b === "undated" || a === b) return a;
    return a + " – " + b;
  }
  const month = (m) => MONTHS[Number(m) - 1];
  const day = (d) => Number(d) >= 1 && Number(d) <= 31;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (m && month(m[2]) && day(m[3])) return `${Number(m[3])} ${month(m[2])} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && month(m[2])) return `${month(m[2])} ${m[1]}`;
  m = /^(\d{4})$/.exec(s);
  if (m) return m[1];
  m = /^(\d{3})X$/i.exec(s);
  if (m) return `the ${m[1]}0s`;
  m = /^(?:--|XXXX-)(\d{2})(?:-(\d{2}))?$/i.exec(s);
  if (m && month(m[1])) return (m[2] && day(m[2]) ? Number(m[2]) + " " : "") + month(m[1]) + " (year unknown)";
  return "undated";
}

/** A month key (`2010-03`) as a short label (`Mar 2010`). */
export function shortMonth(key) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(key || ""));
  if (!m || !MONTHS[Number(m[2]) - 1]) return String(key || "");
  return MONTHS[Number(m[2]) - 1].slice(0, 3) + " " + m[1];
}

/** "1 document", "2 documents". */
export function plural(n, one, many) {
  return `${Number(n).toLocaleString("en")} ${n === 1 ? one : many || one + "s"}`;
}

/** A quote's attribution confidence in words. */
export function confidenceText(c) {
  if (c === null || c === undefined) return "confidence unknown";
  return `confidence ${Math.round(Number(c) * 100)}%`;
}

const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "hers", "their", "its", "one", "who", "this", "that"]);
const GENERIC = new Set(["officials", "official", "police", "witnesses", "witness", "residents", "analysts", "analyst", "experts", "expert",
  "sources", "source", "observers", "authorities", "critics", "spokesman", "spokeswoman", "spokesperson", "reports", "report",
  "diplomats", "diplomat", "people", "others", "some", "many", "protesters", "activists", "locals", "media", "government",
  "statement", "ministry", "organisers", "organizers", "lawyers", "doctors", "scientists", "researchers", "leaders", "members"]);

/** Whether a speaker's words are a name (`Kiljunen`), not a pronoun or a description (`He`, `officials`). */
export function isName(name) {
  const t = String(name || "").trim();
  if (!/^\p{Lu}/u.test(t)) return false;
  const words = t.split(/\s+/);
  const low = words.map((w) => w.toLowerCase());
  if (words.length === 1 && (PRONOUNS.has(low[0]) || GENERIC.has(low[0]))) return false;
  if (/^(a|an|the|some|many|several|two|three|other|one)$/.test(low[0]) && words.slice(1).every((w) => GENERIC.has(w.toLowerCase()) || !/^\p{Lu}/u.test(w))) return false;
  return true;
}

/**
 * A quote's speaker: a link to the entity page only when the speaker is a
 * named entity; a pronoun or a description is plain text.
 */
export function speakerEl(sp) {
  if (!sp) return h("span", { class: "muted speaker-name" }, "an unknown speaker");
  const e = sp.entity;
  const shown = e ? e.name : sp.name || sp.text;
  const el = e && isName(e.name)
    ? entityLink(e, e.name)
    : h("span", { class: "speaker-name" }, shown);
  return [el, sp.text && sp.text !== shown ? h("span", { class: "muted" }, ` (“${sp.text}”)`) : null];
}

const MARKS = /^[\s"“”„‟«»‘’‚'‹›]+|[\s"“”„‟«»‘’‚'‹›]+$/g;
// Words that open a sentence in lower case once they follow "said that" (as in the store's `display_text`).
const OPENERS = new Set(["a", "about", "after", "all", "almost", "an", "any", "as", "at", "before", "both", "by", "each", "every", "few",
  "for", "he", "her", "his", "if", "in", "it", "its", "less", "many", "more", "most", "no", "none", "not", "on",
  "only", "our", "several", "she", "some", "such", "that", "the", "their", "there", "these", "they", "this",
  "those", "we", "when", "while", "with"]);

/**
 * A quote as a reader should see it (as `display_text` in the store): a
 * direct quote inside one pair of marks; reported speech (indirect, mixed)
 * never in marks, after its verb: `said that …`.
 */
export function quoteWords(q) {
  let t = String(q.text || "").trim();
  if (q.kind === "direct") return "“" + t.replace(MARKS, "").replace(/,$/, "").trimEnd() + "”";
  const cue = q.cue && q.cue.text ? q.cue.text.trim() : "";
  const verb = /^\p{Ll}+$/u.test(cue) && (/(ed|s)$/.test(cue) || /^(said|told|wrote|thought|felt|knew|spoke|say|tell)$/.test(cue)) ? cue : "said";
  const first = t.split(/\s+/)[0] || "";
  if (OPENERS.has(first.toLowerCase()) && first !== first.toUpperCase()) t = t[0].toLowerCase() + t.slice(1);
  return /^(that|whether|if)\s/.test(t) ? `${verb} ${t}` : `${verb} that ${t}`;
}

/** A quote's kind in words. */
export function kindText(kind) {
  return kind === "direct" ? "direct quote" : kind === "mixed" ? "reported speech, partly quoted" : "reported speech";
}

/** The CSS class of an entity label. */
export function labelClass(label) {
  const l = String(label || "").toUpperCase();
  return ["PER", "ORG", "LOC", "MISC"].includes(l) ? "l-" + l.toLowerCase() : "l-none";
}

/** A line of document metadata. */
export function docMeta(doc) {
  return h("span", { class: "meta" }, [formatDate(doc.published), doc.site].filter(Boolean).join(" · "));
}

/** An error box. */
export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, String(err && err.message ? err.message : err));
}

/** A "previous / next" pager over offset and limit. */
export function pager(path, params, page, hasMore) {
  const prev = page.offset > 0 ? h("a", { href: route(path, { ...params, offset: Math.max(0, page.offset - page.limit) }), rel: "prev" }, "← Previous") : null;
  const next = hasMore ? h("a", { href: route(path, { ...params, offset: page.offset + page.limit }), rel: "next" }, "Next →") : null;
  if (!prev && !next) return null;
  return h("nav", { class: "pager", "aria-label": "Pages" }, prev, " ", next);
}
