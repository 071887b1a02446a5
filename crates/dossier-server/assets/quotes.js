// The quotes explorer: who said what, filtered by speaker (with name
// completion), subject, kind, confidence and date, with a total. Quotes by
// a speaker are presented as their words, so less certain attributions are
// left out there unless asked for, and a control says how many.

import { get, speakerMinConfidence } from "./api.js";
import { h, replace, route, pager, errorBox, plural } from "./dom.js";
import { quoteCard, onePerStatement } from "./document.js";

/** Fills a <datalist> with entity names matching what is typed in `input`. */
export function completeNames(input, list) {
  let timer = null;
  let last = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const v = input.value.trim();
      if (v.length < 2 || v === last) return;
      last = v;
      try {
        const r = await get("entities", { q: v, limit: 10 });
        if (input.value.trim() !== v) return;
        list.replaceChildren(...r.items.map((m) => {
          const e = m.entity || m;
          return h("option", { value: e.id }, e.name + (e.label ? ` (${e.label})` : ""));
        }));
      } catch (_) {
        /* completion is a help, not a requirement */
      }
    }, 200);
  });
}

export async function renderQuotes(view, params, alive) {
  const p = {
    speaker: params.speaker || "", about: params.about || "", via: params.via || "", kind: params.kind || "",
    min_confidence: params.min_confidence || "", from: params.from || "", to: params.to || "",
  };
  const offset = Number(params.offset || 0);
  const field = (name, label, attrs) =>
    h("label", { class: "field" }, label, h("input", { id: "f-" + name, name, value: p[name], autocomplete: "off", maxlength: 500, ...attrs }));
  const select = (name, label, options) =>
    h("label", { class: "field" }, label, h("select", { id: "f-" + name, name },
      options.map(([v, t]) => h("option", { value: v, selected: p[name] === v }, t))));
  const speakers = h("datalist", { id: "speaker-options" });
  const abouts = h("datalist", { id: "about-options" });
  const form = h("form", { class: "filters" },
    field("speaker", "Speaker", { placeholder: "name or id", list: "speaker-options" }),
    field("about", "About", { placeholder: "name or id", list: "about-options" }),
    field("via", "Via", { placeholder: "outlet, e.g. Reuters" }),
    select("kind", "Kind", [["", "any"], ["direct", "direct quotes"], ["indirect", "reported speech"], ["mixed", "partly quoted"]]),
    select("min_confidence", "Confidence", [["", "default"], ["0", "any"], ["0.5", "50% or more"], ["0.7", "70% or more"], ["0.9", "90% or more"]]),
    field("from", "From", { placeholder: "YYYY-MM-DD", inputmode: "numeric" }),
    field("to", "To", { placeholder: "YYYY-MM-DD", inputmode: "numeric" }),
    h("button", { type: "submit" }, "Filter"), speakers, abouts);
  completeNames(form.querySelector("#f-speaker"), speakers);
  completeNames(form.querySelector("#f-about"), abouts);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries([...new FormData(form)].map(([k, x]) => [k, String(x).trim()]));
    location.hash = route("/quotes", v);
  });
  const list = h("section", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  replace(view, h("h1", null, "Quotes"), form, list);
  let r, threshold;
  try {
    [r, threshold] = await Promise.all([get("quotes", { ...p, offset, limit: 20 }), speakerMinConfidence()]);
  } catch (e) {
    if (alive()) replace(list, errorBox(e));
    return;
  }
  if (!alive()) return;
  const min = r.min_confidence;
  const notes = [];
  if (r.less_certain > 0) {
    notes.push(h("p", { class: "less-certain" },
      `${plural(r.less_certain, "more quote")}, less certain (attributed with confidence under ${Math.round(min * 100)}%), not shown. `,
      h("a", { href: route("/quotes", { ...p, min_confidence: "0", offset: 0 }), id: "show-less-certain" }, "Show them, marked")));
  }
  if (r.undated_left_out > 0) {
    notes.push(h("p", { class: "muted", id: "undated-note" }, `The date filter left out ${plural(r.undated_left_out, "undated quote")}.`));
  }
  const marked = (q) => !(q.confidence >= threshold);
  replace(list,
    h("p", { id: "qtotal" }, h("strong", null, plural(r.total, "quote")),
      r.total > r.items.length ? ` · showing ${offset + 1}–${offset + r.items.length}` : ""),
    notes,
    r.items.length ? h("div", { class: "quotes" }, onePerStatement(r.items).map((q) => quoteCard(q, { showDoc: true, context: true, uncertain: marked(q) }))) : h("p", { class: "muted" }, "No quotes match."),
    pager("/quotes", p, { offset, limit: 20 }, r.has_more));
}
