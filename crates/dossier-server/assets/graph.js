// The actor network around one entity, drawn in SVG with a small force
// layout. A node's strongest links come first and are capped: expanding a
// node adds its next few links, and a "more" control adds more, so a hub
// never swamps the view. Nodes are focusable: Enter or a click (on the dot
// or on the name) expands one, and the panel beside the graph opens its
// page. A legend says what the colours mean. The layout is deterministic:
// ties in link strength are ordered by name, and nodes start on a circle.

import { get } from "./api.js";
import { h, s, replace, route, labelClass } from "./dom.js";

const STEP = 6; // links added per expansion
const MAX_NODES = 60;

export class Neighbourhood {
  constructor(root, profile) {
    this.nodes = new Map(); // id -> {id, name, label, x, y, vx, vy}
    this.edges = new Map(); // "a|b" -> {a, b, w}
    this.links = new Map(); // id -> sorted co-occurrences (strongest first)
    this.shown = new Map(); // id -> how many of its links are shown
    this.selected = root.id;
    this.root = root.id;
    this.el = h("div", { class: "graph" });
    this.addNode(root, 0, 0);
    this.learn(root.id, profile.co_sentence);
    this.expand(root.id);
  }

  addNode(e, x, y) {
    if (!this.nodes.has(e.id)) {
      // Start on a small circle around the node it hangs from, by arrival order.
      const k = this.nodes.size;
      const a = k * 2.399963;
      this.nodes.set(e.id, { id: e.id, name: e.name, label: e.label, x: x + Math.cos(a) * 15, y: y + Math.sin(a) * 15, vx: 0, vy: 0 });
    }
    return this.nodes.get(e.id);
  }

  learn(id, co) {
    this.links.set(id, [...(co || [])].sort((a, b) => b.count - a.count
      || String(a.entity.name).localeCompare(String(b.entity.name), "en") || String(a.entity.id).localeCompare(String(b.entity.id), "en")));
    if (!this.shown.has(id)) this.shown.set(id, 0);
  }

  /** Shows the next STEP links of a node (strongest first). */
  expand(id) {
    const links = this.links.get(id) || [];
    const from = this.nodes.get(id);
    let shown = this.shown.get(id) || 0;
    let added = 0;
    while (shown < links.length && added < STEP && this.nodes.size < MAX_NODES) {
      const c = links[shown++];
      this.addNode(c.entity, from.x, from.y);
      const key = [id, c.entity.id].sort().join("|");
      const old = this.edges.get(key);
      this.edges.set(key, { a: id, b: c.entity.id, w: Math.max(c.count, old ? old.w : 0) });
      added++;
    }
    this.shown.set(id, shown);
    this.selected = id;
  }

  remaining(id) {
    const links = this.links.get(id);
    if (!links) return null;
    return links.length - (this.shown.get(id) || 0);
  }

  async expandRemote(id) {
    if (!this.links.has(id)) {
      const p = await get("entities/" + encodeURIComponent(id), { limit: 50 });
      this.learn(id, p.co_sentence);
    }
    this.expand(id);
    this.layout();
    this.draw();
  }

  layout() {
    const ns = [...this.nodes.values()];
    const es = [...this.edges.values()];
    const root = this.nodes.get(this.root);
    for (let it = 0; it < 300; it++) {
      const t = 1 - it / 300;
      for (const a of ns) {
        for (const b of ns) {
          if (a === b) continue;
          const dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 25);
          const f = 2500 / d2;
          a.vx += (dx / Math.sqrt(d2)) * f;
          a.vy += (dy / Math.sqrt(d2)) * f;
        }
      }
      for (const e of es) {
        const a = this.nodes.get(e.a), b = this.nodes.get(e.b);
        const dx = b.x - a.x, dy = b.y - a.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const f = (d - 110) * 0.03;
        a.vx += (dx / d) * f; a.vy += (dy / d) * f;
        b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
      }
      for (const n of ns) {
        n.vx -= n.x * 0.005; n.vy -= n.y * 0.005;
        n.x += Math.max(-20, Math.min(20, n.vx)) * t;
        n.y += Math.max(-20, Math.min(20, n.vy)) * t;
        n.vx *= 0.5; n.vy *= 0.5;
      }
      root.x = 0; root.y = 0;
    }
  }

  draw() {
    const ns = [...this.nodes.values()];
    const xs = ns.map((n) => n.x), ys = ns.map((n) => n.y);
    const pad = 60;
    const x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
    const w = Math.max(...xs) - x0 + pad, hh = Math.max(...ys) - y0 + pad;
    const maxW = Math.max(1, ...[...this.edges.values()].map((e) => e.w));
    const svg = s("svg", { viewBox: `${x0} ${y0} ${w} ${hh}`, class: "net", role: "group", "aria-label": "Actor network" });
    for (const e of this.edges.values()) {
      const a = this.nodes.get(e.a), b = this.nodes.get(e.b);
      const line = s("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", "stroke-width": 1 + (4 * e.w) / maxW });
      line.append(s("title", null, `${a.name} — ${b.name}: ${e.w} sentences`));
      svg.append(line);
    }
    for (const n of ns) {
      const g = s("g", { class: "node " + labelClass(n.label) + (n.id === this.selected ? " selected" : "") + (n.id === this.root ? " root" : ""),
        transform: `translate(${n.x},${n.y})`, tabindex: 0, role: "button", "aria-label": `${n.name}: show its links`, dataset: { id: n.id } });
      g.append(s("circle", { r: n.id === this.root ? 12 : 8 }));
      g.append(s("text", { x: 12, y: 4, class: "label" }, n.name));
      const go = () => this.expandRemote(n.id).catch((err) => this.status(String(err.message || err)));
      g.addEventListener("click", go);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
      svg.append(g);
    }
    const sel = this.nodes.get(this.selected);
    const left = this.remaining(this.selected);
    const legend = h("p", { class: "legend graph-legend" }, "Colours: ",
      h("span", { class: "key l-per" }, "person"), h("span", { class: "key l-org" }, "organisation"),
      h("span", { class: "key l-loc" }, "place"), h("span", { class: "key l-misc" }, "other"),
      h("span", { class: "key" }, "thicker line: named together in more sentences"));
    const panel = h("div", { class: "graph-panel" }, legend,
      h("p", null, h("strong", null, sel.name), " ",
        h("a", { href: route("/entity/" + encodeURIComponent(sel.id)) }, "open page")),
      left === null ? null : h("p", { class: "muted" }, `${this.shown.get(this.selected) || 0} of ${(this.links.get(this.selected) || []).length} links shown`),
      left ? h("button", { type: "button", class: "more", onclick: () => { this.expand(this.selected); this.layout(); this.draw(); } }, `More links (${left} left)`) : null,
      this.nodes.size >= MAX_NODES ? h("p", { class: "muted" }, `Showing at most ${MAX_NODES} actors.`) : null,
      h("p", { class: "muted small" }, "Click or press Enter on a name to show its strongest links."),
      this.msg = h("p", { class: "error", role: "status" }));
    replace(this.el, svg, panel);
    const focusNode = this.el.querySelector(`g.node.selected`);
    if (focusNode && this.el.contains(document.activeElement) === false && this.drawn) focusNode.focus();
    this.drawn = true;
  }

  status(m) {
    if (this.msg) this.msg.textContent = m;
  }
}
