//! Cross-document linking as stages that need no input order, so that a
//! cluster (Spark) can run them over partitions of a corpus: the layout of
//! ARCHITECTURE.md, "Linking at scale".
//!
//! 1. Per document, pure: its groups as rows ([`Linker::groups`]), each
//!    with the keys its entity is filed under and its lookups.
//! 2. Per key across the corpus: the earliest filer of each class
//!    ([`key_heads`]; person or not, placed or not), which is all a lookup
//!    can hit: the ordered linker takes the first entity filed under a key
//!    that it accepts, and that entity is the one of the earliest such
//!    filer.
//! 3. Per key, the join decision of each group that looks itself up there
//!    ([`decide`]): an edge to the earliest earlier filer it accepts; per
//!    group, the edge of its first lookup that hits ([`first_edges`]).
//! 4. Connected components ([`roots`]): every edge points from a group to
//!    an earlier one and a group has at most one, so the graph is a forest
//!    and pointer jumping finds each tree's root in O(log depth) rounds.
//! 5. One-word names only context can place (bare surnames, unknown one-word
//!    names) are decided after a first round of components, on the
//!    entities' contexts ([`context_edges`]), then components again.
//! 6. Ids: the slug base of each root's founding record, `-2`, `-3` …
//!    in order of the roots' group ids ([`assign_ids`]), so ids do not
//!    depend on partitioning.
//!
//! What differs from the ordered linker: a group is compared with the
//! filers of a key rather than with an entity as it stands after earlier
//! documents, and an entity's context is taken from all its documents
//! (after the first round), not only earlier ones. [`link_distributed`]
//! runs the stages in memory over simulated partitions; `dossier eval
//! link --distributed` and the tests measure how close it comes.

use std::collections::{BTreeMap, HashMap, HashSet};

use dossier_core::Annotations;

use crate::index::{EntityRecord, Evidence, MAX_PER_KEY};
use crate::linker::{doc_context, DocLinks, Group, Linker, Lookup};

/// A group filed under a key, as the key's stage sees it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Filer {
    /// The group's id.
    pub gid: String,
    /// Whether its entity would be a person.
    pub person: bool,
    /// Whether it names a GeoNames place.
    pub placed: bool,
}

impl Filer {
    /// The filer row of a group.
    pub fn of(g: &Group) -> Filer {
        Filer { gid: g.gid.clone(), person: g.person, placed: g.placed }
    }

    fn class(&self) -> usize {
        usize::from(self.person) * 2 + usize::from(self.placed)
    }
}

/// Stage 2 for one key: the earliest filer of each class, sorted by group
/// id (at most four). Associative and commutative: heads of parts of a
/// key's filers, merged with this again, are the heads of all of them.
pub fn key_heads(filers: impl IntoIterator<Item = Filer>) -> Vec<Filer> {
    let mut best: [Option<Filer>; 4] = Default::default();
    for f in filers {
        let slot = &mut best[f.class()];
        if slot.as_ref().is_none_or(|b| f.gid < b.gid) {
            *slot = Some(f);
        }
    }
    let mut out: Vec<Filer> = best.into_iter().flatten().collect();
    out.sort();
    out
}

/// A group's lookup under one key (one of [`Group::lookups`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// The group.
    pub gid: String,
    /// The lookup's position among the group's lookups.
    pub pos: usize,
    /// What a hit rests on.
    pub evidence: Evidence,
    /// Any kind of entity will do (a knowledge-base entry or place key).
    pub any_kind: bool,
    /// Whether the group is a person.
    pub person: bool,
    /// Whether the group is an unplaced place name.
    pub unplaced_loc: bool,
}

/// A group joining an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The later group.
    pub from: String,
    /// The earlier group, whose entity it joins.
    pub to: String,
    /// Why.
    pub evidence: Evidence,
    /// The position of the lookup that found it (the first that hits wins).
    pub pos: usize,
}

/// The name probes of a group (`(key, probe)`), the context lookup left
/// out: a knowledge-base or place key accepts any kind, a name key a
/// filer of the group's kind.
pub fn probes(g: &Group) -> Vec<(String, Probe)> {
    let probe = |pos, evidence, any_kind| Probe {
        gid: g.gid.clone(),
        pos,
        evidence,
        any_kind,
        person: g.person,
        unplaced_loc: g.unplaced_loc,
    };
    g.lookups
        .iter()
        .enumerate()
        .filter_map(|(pos, l)| match l {
            Lookup::Entry { key } => Some((key.clone(), probe(pos, Evidence::KbAlias, true))),
            Lookup::Name { key, evidence } => Some((key.clone(), probe(pos, *evidence, false))),
            Lookup::Context => None,
        })
        .collect()
}

/// Stage 3 for one key: the edge of one probe, to the earliest filer
/// before the group that it accepts (`heads` from [`key_heads`]).
pub fn decide(heads: &[Filer], p: &Probe) -> Option<Edge> {
    heads
        .iter()
        .filter(|h| h.gid < p.gid)
        .find(|h| p.any_kind || (h.person == p.person && !(p.unplaced_loc && h.placed)))
        .map(|h| Edge { from: p.gid.clone(), to: h.gid.clone(), evidence: p.evidence, pos: p.pos })
}

/// Per group, the edge of its first lookup that hits.
pub fn first_edges(edges: impl IntoIterator<Item = Edge>) -> BTreeMap<String, Edge> {
    let mut out: BTreeMap<String, Edge> = BTreeMap::new();
    for e in edges {
        match out.get(&e.from) {
            Some(old) if (old.pos, &old.to) <= (e.pos, &e.to) => {}
            _ => {
                out.insert(e.from.clone(), e);
            }
        }
    }
    out
}

/// Stage 4: the root of every group that has an edge, by pointer jumping
/// (each round, a group's parent becomes its parent's parent): the rounds
/// a Spark job would run as self-joins. Groups without an edge are roots.
pub fn roots(parent: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut cur = parent.clone();
    loop {
        let mut changed = false;
        let next: BTreeMap<String, String> = cur
            .iter()
            .map(|(g, p)| match cur.get(p) {
                Some(pp) => {
                    changed = true;
                    (g.clone(), pp.clone())
                }
                None => (g.clone(), p.clone()),
            })
            .collect();
        cur = next;
        if !changed {
            return cur;
        }
    }
}

/// The entity (root group id) of `gid` under `roots`.
fn label<'a>(roots: &'a BTreeMap<String, String>, gid: &'a str) -> &'a str {
    roots.get(gid).map_or(gid, String::as_str)
}

/// Stage 5: the edges of the groups that look themselves up by context
/// (bare surnames, unknown one-word names), given the first round's
/// components. `first_round` holds the name edges of those groups too,
/// kept for the unknown one-word names context does not place.
///
/// Each stage is a join or a count, so that Spark runs it as such:
/// - a document's salient entities are its [`crate::index::CONTEXT_PER_DOC`]
///   heaviest (members; ties: first resolved first); an entity's context is
///   the [`crate::index::MAX_CONTEXT`] entities that are salient in most of
///   its documents (ties: earlier entity first);
/// - a one-word name's candidates are the person entities among the first
///   [`MAX_PER_KEY`] entities filed under `s:`/`b:` its word (in order of
///   their first filer, as the ordered linker's index lists a key's first
///   32 entities) whose first filer comes before it;
/// - it joins the one candidate whose context shares the most entities with
///   the earlier non-bare groups of its document, when that is at least two
///   and no other candidate shares as many (the ordered linker's rule).
pub fn context_edges(groups: &[&Group], first_round: &BTreeMap<String, Edge>) -> Vec<Edge> {
    let context_groups: HashSet<&str> =
        groups.iter().filter(|g| g.lookups.contains(&Lookup::Context)).map(|g| g.gid.as_str()).collect();
    let strong: BTreeMap<String, String> = first_round
        .values()
        .filter(|e| !context_groups.contains(e.from.as_str()))
        .map(|e| (e.from.clone(), e.to.clone()))
        .collect();
    let labels = roots(&strong);
    let person: HashSet<&str> = groups.iter().filter(|g| g.person).map(|g| g.gid.as_str()).collect();
    // Documents with their groups in rank order.
    let mut docs: BTreeMap<&str, Vec<&Group>> = BTreeMap::new();
    for g in groups {
        docs.entry(g.doc.as_str()).or_default().push(g);
    }
    for gs in docs.values_mut() {
        gs.sort_by_key(|g| g.rank);
    }
    // How many documents have each entity salient beside each other one.
    let mut cooc: HashMap<&str, HashMap<&str, u32>> = HashMap::new();
    for gs in docs.values() {
        let mut weight: Vec<(&str, usize)> = Vec::new();
        for g in gs {
            let l = label(&labels, &g.gid);
            match weight.iter_mut().find(|(k, _)| *k == l) {
                Some((_, n)) => *n += g.contribution.aliases.len(),
                None => weight.push((l, g.contribution.aliases.len())),
            }
        }
        let mut salient = weight.clone();
        salient.sort_by_key(|w| std::cmp::Reverse(w.1));
        salient.truncate(crate::index::CONTEXT_PER_DOC);
        for &(l, _) in &weight {
            let row = cooc.entry(l).or_default();
            for &(o, _) in salient.iter().filter(|(o, _)| *o != l) {
                *row.entry(o).or_default() += 1;
            }
        }
    }
    let context: HashMap<&str, HashSet<&str>> = cooc
        .into_iter()
        .map(|(l, row)| {
            let mut v: Vec<(&str, u32)> = row.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (l, v.into_iter().take(crate::index::MAX_CONTEXT).map(|(o, _)| o).collect())
        })
        .collect();
    // Each `s:`/`b:` key's entities with their first filer, the first
    // MAX_PER_KEY by first filer kept (a common surname's candidates stay
    // bounded however large the corpus).
    let mut first_filer: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for g in groups {
        let l = label(&labels, &g.gid);
        for k in g.files.iter().filter(|k| k.starts_with("s:") || k.starts_with("b:")) {
            let f = first_filer.entry(k.as_str()).or_default().entry(l).or_insert(g.gid.as_str());
            *f = (*f).min(g.gid.as_str());
        }
    }
    let entities: HashMap<&str, Vec<(&str, &str)>> = first_filer
        .into_iter()
        .map(|(k, by_entity)| {
            let mut v: Vec<(&str, &str)> = by_entity.into_iter().map(|(l, f)| (f, l)).collect();
            v.sort_unstable();
            v.truncate(MAX_PER_KEY);
            (k, v)
        })
        .collect();
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| context_groups.contains(g.gid.as_str())) {
        let pos = g.lookups.iter().position(|l| *l == Lookup::Context).unwrap_or(0);
        let doc_ctx: HashSet<&str> = docs[g.doc.as_str()]
            .iter()
            .filter(|o| o.rank < g.rank && !o.bare)
            .map(|o| label(&labels, &o.gid))
            .collect();
        let mut scores: BTreeMap<&str, usize> = BTreeMap::new();
        for key in [format!("s:{}", g.key), format!("b:{}", g.key)] {
            for &(f, l) in entities.get(key.as_str()).map_or(&[][..], Vec::as_slice) {
                if f < g.gid.as_str() && person.contains(l) {
                    let shared = context.get(l).map_or(0, |c| c.intersection(&doc_ctx).count());
                    scores.insert(l, shared);
                }
            }
        }
        let best = scores.values().copied().max().unwrap_or(0);
        let at_best: Vec<&str> = scores.iter().filter(|(_, &s)| s == best).map(|(l, _)| *l).collect();
        if best >= 2 && at_best.len() == 1 {
            out.push(Edge {
                from: g.gid.clone(),
                to: at_best[0].to_string(),
                evidence: Evidence::Context,
                pos,
            });
        } else if let Some(e) = first_round.get(&g.gid) {
            out.push(e.clone());
        }
    }
    out
}

/// Stage 6: entity ids for the roots `(root group id, slug base)`: in
/// order of the root's group id, the first of each base gets the base,
/// the next `base-2`, and so on; an id another base already made (a name
/// that slugs to `smith-2`) goes to the earlier root and the later one
/// takes its base's next suffix.
pub fn assign_ids(roots: &[(String, String)]) -> BTreeMap<String, String> {
    let mut sorted: Vec<&(String, String)> = roots.iter().collect();
    sorted.sort();
    let mut next: HashMap<&str, usize> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = BTreeMap::new();
    for (gid, base) in sorted {
        let n = next.entry(base.as_str()).or_insert(1);
        let mut id = if *n == 1 { base.clone() } else { format!("{base}-{n}") };
        while taken.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        *n += 1;
        taken.insert(id.clone());
        out.insert(gid.clone(), id);
    }
    out
}

/// Counts one more document of an entity, with that document's context
/// ([`doc_context`]), as the ordered linker does after each document.
pub fn add_document(rec: &mut EntityRecord, context: &[String]) {
    rec.documents += 1;
    rec.add_context(context.iter().map(String::as_str));
}

/// What [`link_distributed`] gives.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    /// Per document, its links (as [`Linker::link`] returns them).
    pub links: Vec<DocLinks>,
    /// Every entity, in order of its first group.
    pub records: Vec<EntityRecord>,
}

/// Links `docs` (text and annotations, in input order) with the stages of
/// this module, each document and each key handled in a simulated
/// partition (`partitions` of them, documents dealt round the partitions
/// out of order), the way a cluster would. The result does not depend on
/// `partitions`. `planner` only lends its knowledge base and gazetteer.
pub fn link_distributed(planner: &mut Linker, docs: &mut [(&str, Annotations)], partitions: usize) -> Linked {
    let partitions = partitions.max(1);
    let doc_key = |i: usize| format!("{i:012}");
    // Stage 1, per partition: documents dealt out of order.
    let mut parts: Vec<Vec<Group>> = vec![Vec::new(); partitions];
    for i in (0..docs.len()).rev() {
        let (text, ann) = &docs[i];
        parts[(i * 7 + 3) % partitions].extend(planner.groups(&doc_key(i), text, ann));
    }
    // Stage 2: heads per key, per partition, then merged.
    let mut heads: HashMap<String, Vec<Filer>> = HashMap::new();
    for part in &parts {
        let mut local: HashMap<&str, Vec<Filer>> = HashMap::new();
        for g in part {
            for k in &g.files {
                local.entry(k.as_str()).or_default().push(Filer::of(g));
            }
        }
        for (k, fs) in local {
            let merged = heads.remove(k).unwrap_or_default().into_iter().chain(key_heads(fs));
            heads.insert(k.to_string(), key_heads(merged));
        }
    }
    // Stage 3: each probe decided by its key.
    let mut edges = Vec::new();
    for g in parts.iter().flatten() {
        for (key, p) in probes(g) {
            edges.extend(heads.get(&key).and_then(|h| decide(h, &p)));
        }
    }
    let first = first_edges(edges);
    // Stages 4 and 5.
    let groups: Vec<&Group> = parts.iter().flatten().collect();
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    let mut cross: HashMap<&str, Evidence> = HashMap::new();
    let context = context_edges(&groups, &first);
    let context_groups: HashSet<&str> =
        groups.iter().filter(|g| g.lookups.contains(&Lookup::Context)).map(|g| g.gid.as_str()).collect();
    for e in first.values().filter(|e| !context_groups.contains(e.from.as_str())).chain(&context) {
        parent.insert(e.from.clone(), e.to.clone());
        cross.insert(e.from.as_str(), e.evidence);
    }
    let root_of = roots(&parent);
    // Stage 6.
    let by_gid: HashMap<&str, &Group> = groups.iter().map(|g| (g.gid.as_str(), *g)).collect();
    let root_bases: Vec<(String, String)> = groups
        .iter()
        .filter(|g| !root_of.contains_key(&g.gid))
        .map(|g| (g.gid.clone(), g.founding.id.clone()))
        .collect();
    let ids = assign_ids(&root_bases);
    let entity = |gid: &str| -> (String, Evidence) {
        let root = label(&root_of, gid);
        (ids[root].clone(), cross.get(gid).copied().unwrap_or(Evidence::First))
    };
    // Apply per document, then fold the records in group order.
    let mut links = Vec::with_capacity(docs.len());
    for (i, (text, ann)) in docs.iter_mut().enumerate() {
        let key = doc_key(i);
        links.push(planner.apply(text, ann, &|rank| {
            by_gid.get(Group::gid_of(&key, rank).as_str()).map(|g| entity(&g.gid))
        }));
    }
    let mut records: BTreeMap<&str, EntityRecord> = BTreeMap::new();
    let mut sorted = groups.clone();
    sorted.sort_by(|a, b| a.gid.cmp(&b.gid));
    for g in &sorted {
        let root = label(&root_of, &g.gid);
        let (id, ev) = entity(&g.gid);
        let rec = records.entry(root).or_insert_with(|| EntityRecord { id, ..by_gid[root].founding.clone() });
        g.contribution.apply(rec, ev);
    }
    let index_of: HashMap<String, &str> = records.iter().map(|(root, r)| (r.id.clone(), *root)).collect();
    for l in &links {
        let ctx = doc_context(l);
        let mut seen = HashSet::new();
        for id in l.entities.iter().filter(|id| seen.insert(id.as_str())) {
            if let Some(rec) = index_of.get(id).and_then(|root| records.get_mut(root)) {
                add_document(rec, &ctx);
            }
        }
    }
    Linked { links, records: records.into_values().collect() }
}

#[cfg(test)]
mod tests {
    use dossier_core::EntityLabel;

    use super::*;
    use crate::linker::tests::doc;
    use EntityLabel::{Loc, Org, Per};

    /// A small corpus: one person across documents by full name and
    /// surname, two people sharing a surname, a place, an organisation by
    /// name and acronym, a name the context places.
    fn corpus() -> Vec<(&'static str, Annotations)> {
        let texts: Vec<(&str, Vec<(&str, EntityLabel)>)> = vec![
            (
                "Pell Orrin met Dana Vey in Tromsø. Orrin runs the Harbour Authority of Nordland.",
                vec![
                    ("Pell Orrin", Per),
                    ("Dana Vey", Per),
                    ("Tromsø", Loc),
                    ("Orrin", Per),
                    ("Harbour Authority of Nordland", Org),
                ],
            ),
            (
                "Kari Orrin, a teacher, spoke in Bodø. Kari Orrin left early.",
                vec![("Kari Orrin", Per), ("Bodø", Loc), ("Kari Orrin", Per)],
            ),
            (
                "Dana Vey and Pell Orrin signed with the Harbour Authority of Nordland (HAN) in Tromsø.",
                vec![
                    ("Dana Vey", Per),
                    ("Pell Orrin", Per),
                    ("Harbour Authority of Nordland", Org),
                    ("HAN", Org),
                    ("Tromsø", Loc),
                ],
            ),
            (
                "Orrin said Dana Vey and the HAN would meet in Tromsø.",
                vec![("Orrin", Per), ("Dana Vey", Per), ("HAN", Org), ("Tromsø", Loc)],
            ),
            ("Pell Orrin was re-elected.", vec![("Pell Orrin", Per)]),
        ];
        texts.into_iter().map(|(t, m)| (t, doc(t, &m))).collect()
    }

    fn ids(docs: &[(&str, Annotations)]) -> Vec<Vec<Option<String>>> {
        docs.iter().map(|(_, a)| a.entities.iter().map(|m| m.entity.clone()).collect()).collect()
    }

    /// `corpus()` linked by the stages (3 partitions) and by the ordered
    /// linker, which must give every mention the same id: those ids, what
    /// the stages give and the ordered linker after the documents.
    fn linked_alike<'a>(
        corpus: impl Fn() -> Vec<(&'a str, Annotations)>,
    ) -> (Vec<Vec<Option<String>>>, Linked, Linker) {
        let mut docs = corpus();
        let out = link_distributed(&mut Linker::with_embedded_kb(), &mut docs, 3);
        let mut ordered = corpus();
        let mut linker = Linker::with_embedded_kb();
        for (t, a) in ordered.iter_mut() {
            linker.link(t, a);
        }
        assert_eq!(ids(&docs), ids(&ordered));
        (ids(&docs), out, linker)
    }

    #[test]
    fn the_result_does_not_depend_on_the_partitions() {
        let mut planner = Linker::with_embedded_kb();
        let mut base = corpus();
        let first = link_distributed(&mut planner, &mut base, 1);
        for partitions in [2, 3, 5, 8] {
            let mut docs = corpus();
            let out = link_distributed(&mut planner, &mut docs, partitions);
            assert_eq!(ids(&docs), ids(&base), "{partitions} partitions");
            assert_eq!(out.links, first.links, "{partitions} partitions");
            assert_eq!(out.records, first.records, "{partitions} partitions");
        }
    }

    #[test]
    fn names_link_across_documents_as_the_ordered_linker_links_them() {
        let (got, out, linker) = linked_alike(corpus);
        // Pell Orrin in documents 1, 3 and 5; Kari Orrin apart.
        assert_eq!(got[0][0].as_deref(), Some("pell-orrin"));
        assert_eq!(got[2][1], got[0][0]);
        assert_eq!(got[4][0], got[0][0]);
        assert_ne!(got[1][0], got[0][0]);
        // The acronym defined in document 3 is the organisation of document 1.
        assert_eq!(got[2][3], got[0][4]);
        // Records: one per entity, in order of first mention, counted.
        let pell = out.records.iter().find(|r| r.id == "pell-orrin").expect("a record");
        assert_eq!(pell.documents, linker.index().get("pell-orrin").map(|r| r.documents).unwrap_or(0));
        assert_eq!(out.records.len(), linker.index().records().len());
    }

    #[test]
    fn a_surname_key_offers_context_only_its_first_entities_as_the_index_does() {
        // MAX_PER_KEY people named Orrin come first; the next Orrin shares
        // two actors with a later bare `Orrin`, but a key lists only its
        // first MAX_PER_KEY entities, so context cannot reach that one.
        let names: Vec<String> = ["Ka", "Lo", "Mi", "Te"]
            .iter()
            .flat_map(|a| ["ra", "vin", "del", "so", "mu", "ri", "no", "ta"].map(|b| format!("{a}{b} Orrin")))
            .collect();
        assert_eq!(names.len(), MAX_PER_KEY);
        let mut texts: Vec<(String, Vec<(String, EntityLabel)>)> =
            names.iter().map(|n| (format!("{n} spoke."), vec![(n.clone(), Per)])).collect();
        let late = "Tova Orrin met Dana Vey at the Harbour Authority of Nordland.";
        let bare = "Dana Vey and the Harbour Authority of Nordland agreed. Orrin said so.";
        for t in [late, bare] {
            let m = ["Tova Orrin", "Dana Vey", "Harbour Authority of Nordland", "Orrin"]
                .iter()
                .filter(|m| t.contains(*m) && !(**m == "Orrin" && t.contains("Tova Orrin")))
                .map(|m| (m.to_string(), if m.starts_with("Harbour") { Org } else { Per }))
                .collect();
            texts.push((t.to_string(), m));
        }
        let corpus = || -> Vec<(&str, Annotations)> {
            texts
                .iter()
                .map(|(t, m)| {
                    let m: Vec<(&str, EntityLabel)> = m.iter().map(|(s, l)| (s.as_str(), *l)).collect();
                    (t.as_str(), doc(t, &m))
                })
                .collect()
        };
        let (got, _, _) = linked_alike(corpus);
        let (tova, orrin) = (&got[MAX_PER_KEY][0], &got[MAX_PER_KEY + 1][2]);
        assert_eq!(tova.as_deref(), Some("tova-orrin"));
        assert_ne!(orrin, tova);
    }

    #[test]
    fn heads_merge_in_any_order_and_decisions_respect_kind_and_order() {
        let f = |g: &str, person: bool| Filer { gid: g.into(), person, placed: false };
        let all = vec![f("c", true), f("a", false), f("b", true), f("d", false)];
        let whole = key_heads(all.clone());
        let parts = key_heads(key_heads(all[2..].to_vec()).into_iter().chain(key_heads(all[..2].to_vec())));
        assert_eq!(whole, parts);
        assert_eq!(whole, vec![f("a", false), f("b", true)]);
        let probe = |gid: &str, person| Probe {
            gid: gid.into(),
            pos: 0,
            evidence: Evidence::SameName,
            any_kind: false,
            person,
            unplaced_loc: false,
        };
        assert_eq!(decide(&whole, &probe("z", true)).map(|e| e.to), Some("b".into()));
        // Only earlier groups are joined: the first filer founds the entity.
        assert_eq!(decide(&whole, &probe("b", true)), None);
    }

    #[test]
    fn roots_and_ids_follow_the_order_of_groups() {
        let parent: BTreeMap<String, String> = [("d", "c"), ("c", "b"), ("b", "a"), ("f", "e")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let r = roots(&parent);
        assert_eq!(r["d"], "a");
        assert_eq!(r["f"], "e");
        let ids = assign_ids(&[
            ("g2".into(), "smith".into()),
            ("g1".into(), "smith".into()),
            ("g0".into(), "smith-2".into()),
            ("g3".into(), "vey".into()),
        ]);
        assert_eq!(ids["g0"], "smith-2");
        assert_eq!(ids["g1"], "smith");
        // `smith-2` is taken by a name of its own: the next Smith is -3.
        assert_eq!(ids["g2"], "smith-3");
        assert_eq!(ids["g3"], "vey");
    }
}
