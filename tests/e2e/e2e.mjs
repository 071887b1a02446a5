// End-to-end tests of the dossier web UI in headless Chromium (Debian's
// chromium driven by playwright-core). Run by run.sh, which builds a store
// from committed fixtures and starts `dossier serve`; this script gets the
// server's URL in DOSSIER_URL and writes screenshots to ARTIFACTS.
//
// Checks: every page renders without console errors (CSP violations are
// console errors too); search -> document -> highlighted name -> entity page
// with its quotes; hostile titles, bodies and metadata never execute; the
// keyboard shortcut focuses search.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

let BASE = process.env.DOSSIER_URL;
const NAMES = process.env.DOSSIER_NAMES_URL;
const ART = process.env.ARTIFACTS || "e2e-artifacts";
const EXE = process.env.CHROMIUM || "/usr/bin/chromium";
if (!BASE) {
  console.error("DOSSIER_URL is not set");
  process.exit(2);
}
mkdirSync(ART, { recursive: true });

let passed = 0, failed = 0, skipped = 0;
const results = [];

async function api(path, base = BASE) {
  const r = await fetch(base + "/api/" + path, { signal: AbortSignal.timeout(15000) });
  if (!r.ok) throw new Error(`GET /api/${path}: ${r.status}`);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: EXE,
  headless: true,
  timeout: 60000,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

/** Runs one test in a fresh page, collecting console errors and dialogs. */
async function test(name, fn, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (opts.allow404 && /status of 404/.test(m.text())) return;
    if (opts.allow401 && /status of 401/.test(m.text())) return;
    problems.push("console error: " + m.text());
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", async (d) => { problems.push("dialog opened: " + d.message()); await d.dismiss(); });
  // Any request to another origin is a failure (nothing may leave the machine).
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.origin !== new URL(BASE).origin && u.protocol !== "data:") {
      problems.push("outside request: " + u.href);
      return route.abort();
    }
    return route.continue();
  });
  const t0 = Date.now();
  try {
    const outcome = await fn(page);
    const pwned = await page.evaluate(() => window.__pwned).catch(() => undefined);
    if (pwned !== undefined) problems.push("hostile code ran: window.__pwned = " + pwned);
    if (problems.length) throw new Error(problems.join("\n  "));
    if (outcome && outcome.skip) {
      skipped++;
      results.push(`SKIP ${name}: ${outcome.skip}`);
    } else {
      passed++;
      results.push(`ok   ${name} (${Date.now() - t0} ms)`);
    }
  } catch (e) {
    failed++;
    results.push(`FAIL ${name}: ${e.message}`);
    await page.screenshot({ path: join(ART, "FAILED-" + name.replace(/\W+/g, "-") + ".png"), fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
}

/** Opens a hash route and waits until the app says the page rendered. */
async function open(page, hash) {
  await page.goto(BASE + "/" + hash);
  await page.waitForFunction((h) => document.documentElement.dataset.rendered === h, hash, { timeout: 15000 });
}

async function shot(page, name) {
  await page.screenshot({ path: join(ART, name + ".png"), fullPage: true });
}

const stats = await api("stats?top=5");
const anyDoc = (await api("search?q=&limit=1")).hits[0];
const hostile = (await api("search?q=" + encodeURIComponent("pwned") + "&limit=20")).hits;

await test("overview renders", async (page) => {
  await open(page, "#/");
  await page.locator("h1", { hasText: "Corpus overview" }).waitFor();
  const docs = await page.locator(".stat .num").first().textContent();
  if (Number(docs.replace(/\D/g, "")) !== stats.stats.documents) throw new Error(`overview shows ${docs} documents, the API ${stats.stats.documents}`);
  await page.locator("svg.bars").first().waitFor();
  await shot(page, "overview");
});

await test("search renders hits with highlighted snippets", async (page) => {
  await open(page, "#/search");
  await page.locator("#q").fill("said");
  await page.locator("#q").press("Enter");
  await page.locator(".hit h3 a").first().waitFor();
  if ((await page.locator(".snippet mark").count()) === 0) throw new Error("no highlighted word in the snippets");
  await page.locator(".facets h2", { hasText: "Sites" }).waitFor();
  await shot(page, "search");
});

await test("document reader renders text, metadata and panel", async (page) => {
  await open(page, "#/doc/" + anyDoc.id);
  await page.locator("#doctitle").waitFor();
  await page.locator("#doctext").waitFor();
  const text = await page.locator("#doctext").textContent();
  const doc = await api("documents/" + anyDoc.id);
  if (text !== doc.text) throw new Error("the reader does not show the document's text exactly");
  const quotes = await page.locator("#doctext .quote").count();
  if (doc.quotes.length && !quotes) throw new Error("the document has quotes but none is highlighted");
  if ((await page.locator(".panel .qcard").count()) !== doc.quotes.length) throw new Error("the panel does not list every quote");
  await shot(page, "document");
});

await test("quotes explorer renders and filters", async (page) => {
  await open(page, "#/quotes");
  await page.locator("h1", { hasText: "Quotes" }).waitFor();
  if (stats.stats.quotes > 0) {
    await page.locator(".qcard").first().waitFor();
    const n = await page.locator(".qcard").count();
    if (n < 1 || n > 20) throw new Error(`${n} quote cards on the first page`);
    // Every quote card shows a speaker slot and a cue slot.
    const footer = await page.locator(".qcard footer").first().textContent();
    if (!/cue/.test(footer)) throw new Error("quote card without its cue: " + footer);
  }
  await page.locator("#f-from").fill("2099");
  await page.locator("#f-from").press("Enter");
  await page.locator("text=No quotes match.").waitFor();
  await open(page, "#/quotes");
  await shot(page, "quotes");
});

await test("search -> document -> highlighted name -> entity page with its quotes", async (page) => {
  // Pick, through the API, a document with a linked mention whose entity has
  // quotes, so that the walk does not depend on what NER finds.
  const quoted = async (base) => {
    for (const t of (await api("stats?top=50", base)).top_entities) {
      const p = await api("entities/" + encodeURIComponent(t.entity.id) + "?limit=5", base);
      if (p.quote_count > 0) return p;
    }
    return null;
  };
  let target = await quoted(BASE);
  const saved = BASE;
  if (!target && NAMES) {
    // The real pipeline linked no quoted entity: walk the store with synthetic linked names.
    target = await quoted(NAMES);
    if (target) BASE = NAMES;
  }
  if (!target) return { skip: "no store with a quoted entity" };
  console.log(`walk: entity ${target.id} in the ${BASE === saved ? "fixture (real pipeline)" : "synthetic-names"} store`);
  try {
  const hit = (await api("search?entity=" + encodeURIComponent(target.id) + "&limit=1")).hits[0];
  await open(page, "#/search");
  await page.locator("#entity").fill(target.id);
  await page.locator("#q").press("Enter");
  await page.locator(`.hit h3 a[href*="${hit.id}"]`).first().click();
  await page.locator("#doctext").waitFor();
  await page.locator(`#doctext a.ent[href="#/entity/${encodeURIComponent(target.id)}"]`).first().click();
  await page.locator("#entname").waitFor();
  const name = await page.locator("#entname").textContent();
  if (!name.includes(target.name)) throw new Error(`entity page shows ${name}, expected ${target.name}`);
  await page.locator("#quotes .qcard").first().waitFor();
  // Each quote links to its sentence in the source: follow one.
  await page.locator("#quotes .qcard footer a[href*='at=']").first().click();
  await page.locator("#doctext .target").first().waitFor();
  await page.goBack();
  await page.locator("#entname").waitFor();
  await shot(page, "entity");
  if (await page.locator("svg.net g.node").count()) {
    const before = await page.locator("svg.net g.node").count();
    await page.locator("svg.net g.node:not(.root) circle").first().click();
    await page.waitForTimeout(500);
    const after = await page.locator("svg.net g.node").count();
    if (after < before) throw new Error("expanding a node removed nodes");
    await shot(page, "entity-network");
  }
  } finally {
    BASE = saved;
  }
});

await test("entity page renders (most mentioned entity)", async (page) => {
  const saved = BASE;
  try {
    if (!stats.top_entities.length && NAMES) BASE = NAMES;
    const e = (await api("stats?top=1")).top_entities[0];
    if (!e) return { skip: "no store with an entity" };
    await open(page, "#/entity/" + encodeURIComponent(e.entity.id));
    await page.locator("#entname").waitFor();
    await page.locator("figure.chart svg").waitFor();
    await shot(page, "entity-top");
  } finally {
    BASE = saved;
  }
});

await test("hostile documents are shown as text and never execute", async (page) => {
  if (hostile.length < 2) throw new Error(`expected the hostile fixtures in the store, found ${hostile.length}`);
  await open(page, "#/search?q=pwned");
  await page.locator(".hit h3 a").first().waitFor();
  const titles = await page.locator(".hit h3 a").allTextContents();
  if (!titles.some((t) => t.includes("<script>"))) throw new Error("a hostile title should show its <script> as text: " + JSON.stringify(titles));
  await shot(page, "hostile-search");
  for (const hit of hostile) {
    await open(page, "#/doc/" + hit.id);
    await page.locator("#doctext").waitFor();
    const title = await page.locator("#doctitle").textContent();
    const text = await page.locator("#doctext").textContent();
    if (!/<script>|<img|javascript:/.test(title + text)) throw new Error("hostile markup should appear as text in " + hit.id);
    // Only the app's own script, no element from the document.
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute("src")));
    if (scripts.length !== 1 || scripts[0] !== "/ui/app.js") throw new Error("unexpected script elements: " + JSON.stringify(scripts));
    const imgs = await page.locator("img").count();
    if (imgs) throw new Error(`${imgs} <img> elements appeared`);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")));
    const bad = hrefs.filter((h) => /^\s*javascript:/i.test(h));
    if (bad.length) throw new Error("javascript: links rendered: " + JSON.stringify(bad));
    // Hover and click everything clickable in the text: still nothing runs.
    for (const el of await page.locator("#doctext a, #doctext mark, .meta-list a").all()) await el.hover().catch(() => {});
    await shot(page, "hostile-doc-" + hit.id.slice(0, 8));
  }
  await open(page, "#/quotes?about=pwned");
  await open(page, "#/quotes");
  await page.waitForTimeout(300);
});

await test("keyboard: / focuses search, g o goes to overview", async (page) => {
  await open(page, "#/quotes");
  await page.locator("h1", { hasText: "Quotes" }).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (id !== "topq") throw new Error("'/' focused " + id);
  await page.keyboard.press("Escape");
  await page.keyboard.press("g");
  await page.keyboard.press("o");
  await page.locator("h1", { hasText: "Corpus overview" }).waitFor();
});

await test("a bad link shows an error, not a blank page", async (page) => {
  await open(page, "#/doc/does-not-exist");
  await page.locator(".error", { hasText: "does-not-exist" }).waitFor();
  await open(page, "#/nowhere");
  await page.locator("h1", { hasText: "Not found" }).waitFor();
}, { allow404: true });

await test("with a token, the UI needs it, and opening /?token= once gives a session", async (page) => {
  const url = process.env.DOSSIER_TOKEN_URL;
  if (!url) return { skip: "no token server" };
  const saved = BASE;
  BASE = url;
  try {
    // Without the token, not even the shell is served.
    const denied = await page.goto(url + "/");
    if (denied.status() !== 401) throw new Error(`the shell answered ${denied.status()} without a token`);
    const wrong = await page.goto(url + "/?token=nope");
    if (wrong.status() !== 401) throw new Error(`a wrong token got ${wrong.status()}`);
    // The right token: redirected to / (the token leaves the address bar),
    // and the UI works on the session cookie, which scripts cannot read.
    await page.goto(url + "/?token=e2e-token");
    if (new URL(page.url()).search) throw new Error("the token stayed in the address bar: " + page.url());
    await page.locator("h1", { hasText: "Corpus overview" }).waitFor();
    if ((await page.evaluate(() => document.cookie)).includes("dossier_session")) throw new Error("the session cookie is readable by scripts");
    const cookies = await page.context().cookies();
    const c = cookies.find((x) => x.name === "dossier_session");
    if (!c || !c.httpOnly || c.sameSite !== "Strict") throw new Error("bad session cookie: " + JSON.stringify(c));
    await page.goto(url + "/#/search");
    await page.locator("#q").fill("said");
    await page.locator("#q").press("Enter");
    await page.locator(".hit h3 a").first().waitFor();
  } finally {
    BASE = saved;
  }
}, { allow401: true });

await browser.close();
for (const r of results) console.log(r);
console.log(`e2e: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
