// The quotes explorer: who said what, filtered by speaker, subject and date.

import { get } from "./api.js";
import { h, replace, route, pager, errorBox } from "./dom.js";
import { quoteCard } from "./document.js";

export async function renderQuotes(view, params, alive) {
  const p = { speaker: params.speaker || "", about: params.about || "", from: params.from || "", to: params.to || "" };
  const offset = Number(params.offset || 0);
  const field = (name, label, attrs) =>
    h("label", { class: "field" }, label, h("input", { id: "f-" + name, name, value: p[name], autocomplete: "off", maxlength: 500, ...attrs }));
  const form = h("form", { class: "filters" },
    field("speaker", "Speaker", { placeholder: "name or id" }),
    field("about", "About", { placeholder: "name or id" }),
    field("from", "From", { placeholder: "YYYY-MM-DD" }),
    field("to", "To", { placeholder: "YYYY-MM-DD" }),
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries([...new FormData(form)].map(([k, x]) => [k, String(x).trim()]));
    location.hash = route("/quotes", v);
  });
  const list = h("section", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  replace(view, h("h1", null, "Quotes"), form, list);
  let r;
  try {
    r = await get("quotes", { ...p, offset, limit: 20 });
  } catch (e) {
    if (alive()) replace(list, errorBox(e));
    return;
  }
  if (!alive()) return;
  replace(list,
    r.items.length ? h("div", { class: "quotes" }, r.items.map((q) => quoteCard(q, { showDoc: true }))) : h("p", { class: "muted" }, "No quotes match."),
    pager("/quotes", p, { offset, limit: 20 }, r.has_more));
}
