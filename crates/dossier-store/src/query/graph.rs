//! The actor network: entities as nodes, weighted edges for co-occurrence
//! in a sentence and for who quotes about whom, with GEXF and GraphML
//! writers so that it opens in Gephi.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::{Result, Store};

/// Options of [`Store::graph`].
#[derive(Debug, Clone)]
pub struct GraphParams {
    /// Edges lighter than this are left out (and nodes left without edges).
    pub min_weight: i64,
}

impl Default for GraphParams {
    fn default() -> Self {
        GraphParams { min_weight: 1 }
    }
}

/// An actor.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    /// Entity id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `PER`, `ORG`, `LOC`, `MISC`, when known.
    pub label: Option<String>,
    /// The entity type: `person`, `organisation`, `country`, `place`,
    /// `group` or `other` (from linking, else from the label).
    pub kind: String,
    /// Mentions in the corpus.
    pub mentions: i64,
}

/// A weighted edge.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// `co-occurrence` (undirected: sentences naming both) or
    /// `quotes-about` (directed: quotes by the source whose content
    /// mentions the target).
    pub kind: String,
    /// The count.
    pub weight: i64,
}

/// The actor network.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Nodes, by id.
    pub nodes: Vec<GraphNode>,
    /// Edges, heaviest first.
    pub edges: Vec<GraphEdge>,
}

impl Store {
    /// Builds the actor network.
    pub fn graph(&self, p: &GraphParams) -> Result<Graph> {
        let conn = self.conn();
        let mut raw: Vec<(i64, i64, &'static str, i64)> = Vec::new();
        // Both kinds of edge come from the summary tables the writer keeps
        // (see `summary.rs`): shared sentences from `cooc`, quotes about
        // someone from `quote_about`.
        let mut stmt = conn.prepare("SELECT a, b, sents FROM cooc WHERE a < b AND sents >= ?1")?;
        for r in stmt.query_map([p.min_weight], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (a, b, n) = r?;
            raw.push((a, b, "co-occurrence", n));
        }
        let mut stmt = conn.prepare(
            "SELECT q.sp_entity, qa.eid, count(*) AS n FROM quote_about qa JOIN quotes q ON q.qid = qa.qid \
             WHERE q.sp_entity IS NOT NULL AND q.sp_entity != qa.eid \
             GROUP BY q.sp_entity, qa.eid HAVING n >= ?1",
        )?;
        for r in stmt.query_map([p.min_weight], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (a, b, n) = r?;
            raw.push((a, b, "quotes-about", n));
        }
        let mut nodes: BTreeMap<i64, GraphNode> = BTreeMap::new();
        let mut count =
            conn.prepare_cached("SELECT coalesce((SELECT mentions FROM entity_stats WHERE eid = ?1), 0)")?;
        let mut kind_of = conn.prepare_cached("SELECT kind FROM entities WHERE eid = ?1")?;
        let mut ids: HashMap<i64, String> = HashMap::new();
        for &(a, b, _, _) in &raw {
            for e in [a, b] {
                if let std::collections::btree_map::Entry::Vacant(v) = nodes.entry(e) {
                    let r = self.entity_ref(e)?;
                    let mentions: i64 = count.query_row([e], |r| r.get(0))?;
                    let linked: Option<String> = kind_of.query_row([e], |r| r.get(0))?;
                    let kind = linked.unwrap_or_else(|| kind_of_label(r.label.as_deref()).to_string());
                    ids.insert(e, r.id.clone());
                    v.insert(GraphNode { id: r.id, name: r.name, label: r.label, kind, mentions });
                }
            }
        }
        let mut edges: Vec<GraphEdge> = raw
            .into_iter()
            .map(|(a, b, kind, weight)| GraphEdge {
                source: ids[&a].clone(),
                target: ids[&b].clone(),
                kind: kind.into(),
                weight,
            })
            .collect();
        edges.sort_by(|x, y| {
            y.weight
                .cmp(&x.weight)
                .then_with(|| (&x.source, &x.target, &x.kind).cmp(&(&y.source, &y.target, &y.kind)))
        });
        let mut nodes: Vec<GraphNode> = nodes.into_values().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Graph { nodes, edges })
    }
}

/// The entity type a NER label stands for, for entities linking gave no
/// type.
fn kind_of_label(label: Option<&str>) -> &'static str {
    match label {
        Some("PER") => "person",
        Some("ORG") => "organisation",
        Some("LOC") => "place",
        _ => "other",
    }
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl Graph {
    /// The graph as GEXF 1.3 (Gephi's own format). Co-occurrence edges are
    /// undirected, quotes-about edges directed.
    pub fn to_gexf(&self) -> String {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
        s.push_str("  <meta><creator>dossier</creator><description>actor network</description></meta>\n");
        s.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
        s.push_str("    <attributes class=\"node\">\n      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n      <attribute id=\"label\" title=\"label\" type=\"string\"/>\n      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n    </attributes>\n");
        s.push_str("    <attributes class=\"edge\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n");
        s.push_str("    <nodes>\n");
        for n in &self.nodes {
            let _ = writeln!(
                s,
                "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"type\" value=\"{}\"/><attvalue for=\"label\" value=\"{}\"/><attvalue for=\"mentions\" value=\"{}\"/></attvalues></node>",
                xml(&n.id),
                xml(&n.name),
                xml(&n.kind),
                xml(n.label.as_deref().unwrap_or("")),
                n.mentions
            );
        }
        s.push_str("    </nodes>\n    <edges>\n");
        for (i, e) in self.edges.iter().enumerate() {
            let ty = if e.kind == "quotes-about" { "directed" } else { "undirected" };
            let _ = writeln!(
                s,
                "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" type=\"{ty}\" weight=\"{}\" label=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{}\"/></attvalues></edge>",
                xml(&e.source),
                xml(&e.target),
                e.weight,
                xml(&e.kind),
                xml(&e.kind)
            );
        }
        s.push_str("    </edges>\n  </graph>\n</gexf>\n");
        s
    }

    /// The graph as GraphML (Gephi, yEd, networkx, igraph).
    pub fn to_graphml(&self) -> String {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        s.push_str("  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n");
        s.push_str("  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n");
        s.push_str("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
        s.push_str("  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n");
        s.push_str("  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n");
        s.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
        s.push_str("  <graph id=\"actors\" edgedefault=\"undirected\">\n");
        for n in &self.nodes {
            let _ = writeln!(
                s,
                "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"type\">{}</data><data key=\"label\">{}</data><data key=\"mentions\">{}</data></node>",
                xml(&n.id),
                xml(&n.name),
                xml(&n.kind),
                xml(n.label.as_deref().unwrap_or("")),
                n.mentions
            );
        }
        for (i, e) in self.edges.iter().enumerate() {
            let directed = e.kind == "quotes-about";
            let _ = writeln!(
                s,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\" directed=\"{directed}\"><data key=\"kind\">{}</data><data key=\"weight\">{}</data></edge>",
                xml(&e.source),
                xml(&e.target),
                xml(&e.kind),
                e.weight
            );
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
