// The UI's entry point: a hash router (#/search, #/doc/ID, #/entity/ID,
// #/quotes, #/) that renders one page into <main>, keyboard shortcuts, and
// the token form shown when the server asks for a token.

import { onUnauthorized, setToken } from "./api.js";
import { h, replace, errorBox, route } from "./dom.js";
import { renderSearch } from "./search.js";
import { renderDocument } from "./document.js";
import { renderEntity } from "./entity.js";
import { renderQuotes } from "./quotes.js";
import { renderOverview } from "./overview.js";

const main = () => document.getElementById("main");

/** Splits location.hash into a path and its parameters. */
function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const i = raw.indexOf("?");
  const path = i < 0 ? raw : raw.slice(0, i);
  const params = Object.fromEntries(new URLSearchParams(i < 0 ? "" : raw.slice(i + 1)));
  return { path, params };
}

let generation = 0;

async function render() {
  const { path, params } = parseHash();
  const gen = ++generation;
  const view = h("div", { class: "view" }, h("p", { class: "muted" }, "Loading…"));
  replace(main(), view);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const page = parts[0] || "overview";
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const alive = () => gen === generation;
  try {
    if (page === "overview") await renderOverview(view, alive);
    else if (page === "search") await renderSearch(view, params, alive);
    else if (page === "doc" && parts[1]) await renderDocument(view, parts[1], params, alive);
    else if (page === "entity" && parts[1]) await renderEntity(view, parts[1], params, alive);
    else if (page === "quotes") await renderQuotes(view, params, alive);
    else replace(view, h("h1", null, "Not found"), h("p", null, "No such page. ", h("a", { href: "#/" }, "Go to the overview.")));
  } catch (e) {
    if (alive()) replace(view, h("h1", null, "Something went wrong"), errorBox(e));
  }
  // Tests wait for this mark: the page for this hash is drawn.
  if (alive()) document.documentElement.dataset.rendered = location.hash || "#/";
}

function setupTopSearch() {
  const form = document.getElementById("topsearch");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("topq").value.trim();
    location.hash = route("/search", { q });
  });
}

function setupToken() {
  const form = document.getElementById("tokenform");
  onUnauthorized(() => {
    form.hidden = false;
    document.getElementById("token").focus();
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken(document.getElementById("token").value.trim());
    form.hidden = true;
    render();
  });
}

function setupKeys() {
  let pendingG = false;
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (ev.key === "Escape" && typing) {
      t.blur();
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "/") {
      ev.preventDefault();
      const q = document.getElementById("q") || document.getElementById("topq");
      q.focus();
      q.select();
    } else if (ev.key === "g") {
      pendingG = true;
      setTimeout(() => (pendingG = false), 1000);
    } else if (pendingG && ev.key === "o") {
      location.hash = "#/";
    } else if (pendingG && ev.key === "q") {
      location.hash = "#/quotes";
    } else if (pendingG && ev.key === "s") {
      location.hash = "#/search";
    }
  });
}

window.addEventListener("hashchange", render);
document.addEventListener("DOMContentLoaded", () => {
  setupTopSearch();
  setupToken();
  setupKeys();
  render();
});
