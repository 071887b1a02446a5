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

/** Link to a span in a document. */
export function docLink(doc, text, span) {
  const at = span ? span[0] + "-" + span[1] : null;
  return h("a", { href: route("/doc/" + encodeURIComponent(doc.id), { at }) }, text || doc.title || doc.path || doc.id);
}

/** The CSS class of an entity label. */
export function labelClass(label) {
  const l = String(label || "").toUpperCase();
  return ["PER", "ORG", "LOC", "MISC"].includes(l) ? "l-" + l.toLowerCase() : "l-none";
}

/** A line of document metadata. */
export function docMeta(doc) {
  return h("span", { class: "meta" }, [doc.published, doc.site].filter(Boolean).join(" · "));
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
