// End-to-end tests of the dossier web UI in headless Chromium (Debian's
// chromium driven by playwright-core). Run by run.sh, which builds a store
// from committed fixtures and starts `dossier serve`; this script gets the
// server's URL in DOSSIER_URL and writes screenshots to ARTIFACTS.
//
// Checks: every page renders without console errors (CSP violations are
// console errors too); search -> document -> highlighted name -> entity page
// with its quotes; hostile titles, bodies and metadata never execute; the
// keyboard shortcut focuses search; no page scrolls sideways at 420 px;
// titles wrap beside the reader's panel; search words are marked in the
// reader and a click on a quote tells who, how, how certain and when;
// reported speech is never in quotation marks; dates read as dates; the
// quotes explorer's total and filters; confidence shown and less certain
// quotes hidden behind a control; corrections (merge, distinct, split, undo)
// made in the UI with the token; the graph's legend, labels and layout.

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
/** The test servers' origins: the only ones a page may reach. A page can
 * still be loading from one test's server when BASE is switched back. */
const OWN = new Set([BASE, NAMES, process.env.DOSSIER_TOKEN_URL, process.env.DOSSIER_WRITE_URL].filter(Boolean).map((u) => new URL(u).origin));

let passed = 0, failed = 0, skipped = 0;
const results = [];

async function api(path, base = BASE, headers = {}) {
  const r = await fetch(base + "/api/" + path, { headers, signal: AbortSignal.timeout(15000) });
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
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1280, height: 900 } });
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
    if (!OWN.has(u.origin) && u.protocol !== "data:") {
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
  // The hits of the typed query, not of a search still in flight: wait for a mark.
  await page.locator(".snippet mark").first().waitFor({ timeout: 5000 }).catch(() => {});
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
    if (!/confidence \d+%/.test(footer)) throw new Error("quote card without its confidence: " + footer);
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
      if (p.quotes.length > 0) return p;
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
  // (No `about=pwned`: a filter naming no entity is now an error, tested
  // as "a bad link shows an error"; the explorer lists the hostile quotes.)
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

// ---- issue 14: a journalist's first day ----

/** Text that must never appear where a date is shown. */
const BAD_DATE = /(^|[\s(])--\d|----------|\?\s+to\s+\?|seen \? /;

/** Fails when the page scrolls sideways or shows a raw date. */
async function checkPage(page, label) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.scrollingElement.scrollWidth, iw: innerWidth }));
  if (sw > iw) {
    const wide = await page.evaluate(() => [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5)
      .map((e) => e.tagName + "." + e.className + ": " + (e.textContent || "").slice(0, 60)));
    throw new Error(`${label}: the page scrolls sideways (${sw} > ${iw}): ${JSON.stringify(wide)}`);
  }
  const text = await page.locator("main").innerText();
  const m = BAD_DATE.exec(text);
  if (m) throw new Error(`${label}: a raw date is shown: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
}

const longDoc = (await api("search?q=" + encodeURIComponent("ferry terminal") + "&limit=5")).hits
  .sort((a, b) => (b.doc.title || "").length - (a.doc.title || "").length)[0];
const quoted = (await api("quotes?limit=100&min_confidence=0")).items;
const quotedDoc = quoted.find((q) => q.kind === "direct") || quoted[0];
const topNames = NAMES ? (await api("stats?top=3", NAMES)).top_entities : [];

await test("phone (420 px): no page scrolls sideways, facets fold under results, charts legible", async (page) => {
  const pages = ["#/", "#/search?q=said", "#/search?q=said&from=2010&to=2010-12", "#/quotes", "#/quotes?kind=indirect",
    "#/doc/" + anyDoc.id, "#/doc/" + longDoc.id, "#/doc/" + longDoc.id + "?q=ferry", "#/nowhere"];
  for (const hit of hostile) pages.push("#/doc/" + hit.id);
  for (const hash of pages) {
    await open(page, hash);
    await checkPage(page, hash);
    await shot(page, "phone-" + hash.replace(/\W+/g, "-").replace(/^(-doc-\w{8})\w*/, "$1"));
  }
  await open(page, "#/search?q=said");
  const res = await page.locator(".results").boundingBox();
  const fac = await page.locator(".facets").boundingBox();
  if (!(fac.y >= res.y + res.height - 1)) throw new Error("the facets are not under the results on a phone");
  await open(page, "#/");
  const tick = await page.locator("svg.bars .tick").first().boundingBox();
  if (!tick || tick.height < 9) throw new Error(`chart labels are ${tick && tick.height} px high on a phone`);
  if (NAMES) {
    const saved = BASE;
    BASE = NAMES;
    try {
      for (const t of topNames) {
        await open(page, "#/entity/" + encodeURIComponent(t.entity.id));
        await checkPage(page, "entity " + t.entity.id);
      }
      await shot(page, "phone-entity");
      await open(page, "#/quotes?speaker=" + encodeURIComponent(topNames[0].entity.id));
      await checkPage(page, "quotes by a speaker");
    } finally {
      BASE = saved;
    }
  }
}, { viewport: { width: 420, height: 900 }, allow404: true });

await test("desktop: long titles wrap and never run under the side panel", async (page) => {
  for (const id of [longDoc.id, ...hostile.map((h) => h.id)]) {
    await open(page, "#/doc/" + id);
    await checkPage(page, "doc " + id);
    const t = await page.locator("#doctitle").boundingBox();
    const p = await page.locator(".panel").boundingBox();
    if (t.x + t.width > p.x + 1) throw new Error(`the title (right edge ${t.x + t.width}) runs under the panel (left edge ${p.x})`);
    const text = await page.locator("#doctext").boundingBox();
    if (text.x + text.width > p.x + 1) throw new Error("the text runs under the panel");
  }
  await shot(page, "desktop-long-title");
  await open(page, "#/search?q=" + encodeURIComponent("ferry terminal"));
  await checkPage(page, "search for the long title");
});

await test("reader: search words marked; a click on a quote shows speaker, kind, confidence and date", async (page) => {
  await open(page, "#/search?q=terminal");
  await page.locator(".hit h3 a").first().click();
  await page.locator("#doctext").waitFor();
  const marks = await page.locator("#doctext mark.hl").allTextContents();
  if (!marks.length || !marks.every((m) => /^terminal/i.test(m))) throw new Error("search words not marked: " + JSON.stringify(marks));
  await open(page, "#/doc/" + quotedDoc.doc.id);
  await page.locator("#doctext .quote").first().click();
  await page.locator("#qdetail").waitFor();
  const detail = await page.locator("#qdetail").innerText();
  for (const want of [/Speaker/, /Kind\s+(direct quote|reported speech)/, /Confidence\s+confidence \d+%/, /Date\s+(undated|\d{1,2} \w+ \d{4}|\w+ \d{4}|\d{4})/]) {
    if (!want.test(detail)) throw new Error(`the quote box lacks ${want}: ${detail}`);
  }
  await shot(page, "reader-quote-detail");
});

await test("quotes: direct quotes in marks once, reported speech never in marks, dates in words", async (page) => {
  await open(page, "#/quotes?min_confidence=0&limit=100");
  await page.locator(".qcard").first().waitFor();
  const cards = await page.locator(".qcard").evaluateAll((els) => els.map((e) => ({ cls: e.className, text: e.querySelector(".qtext").textContent, foot: e.querySelector("footer").textContent })));
  let direct = 0, reported = 0;
  for (const c of cards) {
    if (/q-direct/.test(c.cls)) {
      direct++;
      if (!/^“[^“”"]/.test(c.text) || !/[^“”",]”$/.test(c.text)) throw new Error("a direct quote not in one pair of marks: " + c.text);
    } else {
      reported++;
      if (/^["“”‘’«]/.test(c.text.trim())) throw new Error("reported speech in quotation marks: " + c.text);
      if (!/\bthat\b|\bwhether\b|\bif\b/.test(c.text)) throw new Error("reported speech not told as such: " + c.text);
    }
    if (!/confidence \d+%/.test(c.foot)) throw new Error("no confidence: " + c.foot);
  }
  if (!direct || !reported) throw new Error(`expected both kinds on the page: ${direct} direct, ${reported} reported`);
  await checkPage(page, "quotes");
  // The document side panel too.
  await open(page, "#/doc/" + longDoc.id);
  for (const t of await page.locator(".panel .qcard.q-indirect .qtext").allTextContents()) {
    if (/^["“”]/.test(t.trim())) throw new Error("reported speech in marks in the panel: " + t);
  }
  // Partial dates read as dates.
  await open(page, "#/doc/" + longDoc.id);
  const meta = await page.locator(".meta-list").innerText();
  if (!/March 2010/.test(meta)) throw new Error("a month-only date is not shown as 'March 2010': " + meta);
});

await test("quotes explorer: total, filters by kind, confidence, speaker (completed) and date, sentence around each", async (page) => {
  const all = await api("quotes?limit=1");
  await open(page, "#/quotes");
  const total = await page.locator("#qtotal").innerText();
  if (!total.includes(String(all.total))) throw new Error(`the total says ${total}, the API ${all.total}`);
  if ((await page.locator(".qcard .qctx").count()) !== (await page.locator(".qcard").count())) throw new Error("a card without its sentence");
  await page.locator("#f-kind").selectOption("direct");
  await page.locator("#f-kind").press("Enter").catch(() => {});
  await page.locator("form.filters button[type=submit]").click();
  await page.waitForFunction(() => document.documentElement.dataset.rendered.includes("kind=direct"));
  const kinds = await page.locator(".qcard").evaluateAll((els) => els.map((e) => e.className));
  if (!kinds.length || kinds.some((k) => !/q-direct/.test(k))) throw new Error("the kind filter let others through");
  await open(page, "#/quotes?min_confidence=0.9");
  for (const f of await page.locator(".qcard .conf").allTextContents()) {
    if (Number(/(\d+)%/.exec(f)[1]) < 90) throw new Error("the confidence filter let through " + f);
  }
  await open(page, "#/quotes?from=2010&to=2010-12");
  const n = await api("quotes?from=2010&to=2010-12&limit=1");
  if (n.undated_left_out) await page.locator("#undated-note", { hasText: String(n.undated_left_out) }).waitFor();
  await open(page, "#/search?q=said&from=2010&to=2010-12");
  await page.locator("#undated-note", { hasText: /undated|No undated/ }).waitFor();
  if (NAMES) {
    const saved = BASE;
    BASE = NAMES;
    try {
      await open(page, "#/quotes");
      const name = topNames[0].entity.name;
      await page.locator("#f-speaker").pressSequentially(name.slice(0, 4), { delay: 30 });
      await page.waitForFunction(() => document.querySelectorAll("#speaker-options option").length > 0, null, { timeout: 5000 });
    } finally {
      BASE = saved;
    }
  }
  await shot(page, "quotes-explorer");
});

await test("confidence: less certain quotes by a speaker are hidden behind a control and marked", async (page) => {
  // A speaker with less certain quotes, by the API.
  let who = null;
  for (const q of quoted) {
    const sp = q.speaker && (q.speaker.entity ? q.speaker.entity.id : q.speaker.name);
    if (!sp) continue;
    const r = await api("quotes?limit=1&speaker=" + encodeURIComponent(sp));
    if (r.less_certain > 0) { who = { sp, r }; break; }
  }
  if (!who) return { skip: "no speaker with less certain quotes in the fixtures" };
  await open(page, "#/quotes?speaker=" + encodeURIComponent(who.sp));
  await page.locator(".less-certain", { hasText: String(who.r.less_certain) }).waitFor();
  await page.locator("#show-less-certain").click();
  await page.waitForFunction(() => document.documentElement.dataset.rendered.includes("min_confidence=0"));
  if (!(await page.locator(".qcard.uncertain").count())) throw new Error("the less certain quotes are not marked");
  await shot(page, "less-certain");
});

await test("speakers: only a named entity is a link; pronouns and descriptions are plain text", async (page) => {
  await open(page, "#/quotes?min_confidence=0");
  const links = await page.locator(".qcard a.ent").allTextContents();
  const generic = /^(he|she|they|it|we|i|you|officials?|police|researchers|a spokes\w+|the spokes\w+)$/i;
  const bad = links.filter((t) => generic.test(t.trim()));
  if (bad.length) throw new Error("generic speakers as links: " + JSON.stringify(bad));
  // A quote whose speaker is a pronoun or a description with no name: plain text in its document.
  const q = quoted.find((x) => x.speaker && !x.speaker.name && generic.test(x.speaker.text.trim()));
  if (!q) return { skip: "no quote by an unnamed pronoun or description" };
  await open(page, "#/doc/" + q.doc.id);
  const plain = await page.locator(".panel .qcard .speaker-name").allTextContents();
  if (!plain.some((t) => t.trim() === q.speaker.text.trim())) throw new Error(`"${q.speaker.text}" is not plain text: ${JSON.stringify(plain)}`);
  const panelLinks = await page.locator(".panel .qcard a.ent").allTextContents();
  if (panelLinks.some((t) => generic.test(t.trim()))) throw new Error("a generic speaker is a link: " + JSON.stringify(panelLinks));
});

await test("entity page: names seen in the corpus, knowledge-base names apart, facts in words", async (page) => {
  const saved = BASE;
  try {
    let e = stats.top_entities[0];
    if (!e && NAMES) { BASE = NAMES; e = topNames[0]; }
    if (!e) return { skip: "no entity" };
    const p = await api("entities/" + encodeURIComponent(e.entity.id));
    await open(page, "#/entity/" + encodeURIComponent(e.entity.id));
    const names = await page.locator("#names li").allTextContents();
    const seen = p.aliases.filter((a) => a.count > 0).map((a) => a.name);
    if (names.length !== seen.length) throw new Error(`names shown ${JSON.stringify(names)}, seen in the corpus ${JSON.stringify(seen)}`);
    const facts = await page.locator(".facts").first().innerText().catch(() => "");
    if (/[{}\[\]"]|\b[A-Z]{3}(?:[A-Z]{3})+\b/.test(facts)) throw new Error("raw JSON or codes in the facts: " + facts);
    await checkPage(page, "entity");
  } finally {
    BASE = saved;
  }
});

await test("entity page: a place GeoNames placed is said in words (a city with its coordinates)", async (page) => {
  let place = null;
  for (const t of stats.top_entities.slice(0, 30)) {
    const p = await api("entities/" + encodeURIComponent(t.entity.id));
    if (p.place && p.place.kind && (!place || (Number.isFinite(p.place.lat) && !Number.isFinite(place.place.lat)))) place = p;
  }
  if (!place) return { skip: "no placed entity among the top entities" };
  await open(page, "#/entity/" + encodeURIComponent(place.id));
  const facts = await page.locator(".facts").first().innerText();
  if (!new RegExp("Place\\s+" + place.place.kind).test(facts)) throw new Error(`no ${place.place.kind} in the facts: ` + facts);
  if (Number.isFinite(place.place.lat) && !/\d+\.\d\d\u00b0 [NS] \d+\.\d\d\u00b0 [EW]/.test(facts)) throw new Error("no coordinates in words: " + facts);
  if (place.place.kind !== "country" && !facts.includes(place.place.country_name)) throw new Error(`no ${place.place.country_name} in the facts: ` + facts);
  if (/[{}\[\]"]|\bgeonames\b/.test(facts)) throw new Error("raw JSON in the facts: " + facts);
});

await test("graph: a legend, labels that work when clicked, the same layout every time", async (page) => {
  if (!NAMES) return { skip: "no synthetic-names store" };
  const saved = BASE;
  BASE = NAMES;
  try {
    let target = null;
    for (const t of topNames) {
      const p = await api("entities/" + encodeURIComponent(t.entity.id), NAMES);
      if (p.co_sentence.length >= 2) { target = p; break; }
    }
    if (!target) return { skip: "no entity with neighbours" };
    const layout = async () => {
      await open(page, "#/entity/" + encodeURIComponent(target.id));
      await page.locator("svg.net g.node").first().waitFor();
      return page.locator("svg.net g.node").evaluateAll((els) => els.map((e) => e.dataset.id + "@" + e.getAttribute("transform")));
    };
    const one = await layout();
    const two = await layout();
    if (JSON.stringify(one) !== JSON.stringify(two)) throw new Error("the graph is drawn differently each time");
    await page.locator(".graph-legend", { hasText: "person" }).waitFor();
    const label = page.locator("svg.net g.node:not(.root) text").first();
    const name = await label.textContent();
    await label.click();
    await page.locator(".graph-panel strong", { hasText: name }).waitFor({ timeout: 5000 });
    await shot(page, "graph");
  } finally {
    BASE = saved;
  }
});

await test("corrections in the UI: merge, undo, distinct and split, recorded with who and when", async (page) => {
  const url = process.env.DOSSIER_WRITE_URL;
  if (!url || !NAMES) return { skip: "no writable server" };
  const saved = BASE;
  BASE = url;
  try {
    const auth = { Authorization: "Bearer e2e-token" };
    const top = (await api("stats?top=2", url, auth)).top_entities;
    const [a, b] = [top[0].entity, top[1].entity];
    await page.goto(url + "/?token=e2e-token");
    await page.locator("h1", { hasText: "Corpus overview" }).waitFor();
    const entityPage = async (id) => {
      await page.goto(url + "/#/entity/" + encodeURIComponent(id));
      await page.waitForFunction(() => (document.documentElement.dataset.rendered || "").startsWith("#/entity/"));
      await page.locator("#pair-form").waitFor();
    };
    await entityPage(a.id);
    await page.locator("#other-entity").fill(b.id);
    await page.locator("#merge").click();
    await page.locator("#decisions li", { hasText: "merged into" }).waitFor();
    const line = await page.locator("#decisions li").first().innerText();
    if (!/by web:e2e/.test(line)) throw new Error("the decision does not say who made it: " + line);
    if (!/\d{1,2} \w+ \d{4}/.test(line)) throw new Error("the decision does not say when: " + line);
    const merged = await api("entities/" + encodeURIComponent(b.id), url, auth);
    if (merged.id !== a.id) throw new Error("the merge did not take: " + merged.id);
    await shot(page, "corrections-merged");
    await page.locator("#decisions li button.undo").first().click();
    await page.locator("#decisions li.undone").waitFor();
    await page.locator("#other-entity").fill(b.id);
    await page.locator("#distinct").click();
    await page.locator("#decisions li", { hasText: "different actors" }).waitFor();
    // Split off one document's mentions.
    await page.waitForFunction(() => document.querySelectorAll("#split-doc option").length > 1);
    const doc = await page.locator("#split-doc option").nth(1).getAttribute("value");
    await page.locator("#split-doc").selectOption(doc);
    await page.locator("#split").click();
    await page.locator("#decisions li", { hasText: "split off" }).waitFor();
    const ds = await api("decisions", url, auth);
    if (ds.items.length !== 3 || !ds.items.every((d) => d.made_by === "web:e2e")) throw new Error("decisions recorded: " + JSON.stringify(ds.items));
    await checkPage(page, "corrections");
    await shot(page, "corrections");
  } finally {
    BASE = saved;
  }
}, { allow404: true });

await test("a server without a token offers no corrections", async (page) => {
  if (!NAMES) return { skip: "no synthetic-names store" };
  const saved = BASE;
  BASE = NAMES;
  try {
    await open(page, "#/entity/" + encodeURIComponent(topNames[0].entity.id));
    await page.locator("#read-only").waitFor();
    if (await page.locator("#pair-form").count()) throw new Error("correction forms on a read-only server");
  } finally {
    BASE = saved;
  }
});

await browser.close();
for (const r of results) console.log(r);
console.log(`e2e: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
