//! The linker's two per-document steps for distributed linking
//! ([`crate::distributed`]): a document's groups as plain rows, each with
//! the keys it is filed under and the lookups that find its entity
//! ([`Linker::groups`]); and, once the corpus-wide stages have given each
//! group its entity, those entities written into the document
//! ([`Linker::apply`]). Neither touches the index, so both run on any
//! partition in any order.

use super::*;

/// One within-document group, as a row the corpus-wide stages work on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    /// Its id: the document's sort key, `\0`, its rank in the document
    /// (six digits), so that ids sort in the order the ordered linker
    /// would resolve the groups.
    pub gid: String,
    /// The document's sort key.
    pub doc: String,
    /// Its rank in the document (the order the ordered linker resolves
    /// groups in: names that only context can place last).
    pub rank: u32,
    /// Whether its entity would be a person.
    pub person: bool,
    /// Whether it names a GeoNames place.
    pub placed: bool,
    /// A place name GeoNames knows but left unplaced: it joins no placed
    /// entity by name.
    pub unplaced_loc: bool,
    /// A bare surname (not part of the document's context for others).
    pub bare: bool,
    /// Its folded name (for a one-word name, the `s:`/`b:` key word).
    pub key: String,
    /// The keys its entity is filed under.
    pub files: Vec<String>,
    /// How it looks for an entity, in order.
    pub lookups: Vec<Lookup>,
    /// The record it founds when it is the first of its entity (its id is
    /// the slug base).
    pub founding: EntityRecord,
    /// What it adds to its entity's record.
    pub contribution: Contribution,
}

impl Group {
    /// The id of the group of rank `rank` in the document `doc`.
    pub fn gid_of(doc: &str, rank: usize) -> String {
        format!("{doc}\0{rank:06}")
    }
}

impl<I: EntityIndex> Linker<I> {
    /// The groups of one document (`doc`: its sort key), in the order the
    /// ordered linker resolves them. Pure: the index is not read.
    pub fn groups(&mut self, doc: &str, text: &str, ann: &Annotations) -> Vec<Group> {
        let planner = &self.planner;
        let plan = planner.plan_groups(text, ann);
        let mut out = Vec::with_capacity(plan.order.len());
        for (rank, &c) in plan.order.iter().enumerate() {
            let cl = &plan.clusters[c];
            let keys = planner.cluster_keys(cl, &plan.items);
            out.push(Group {
                gid: Group::gid_of(doc, rank),
                doc: doc.to_string(),
                rank: rank as u32,
                person: keys.kind == EntityKind::Person,
                placed: cl.place.is_some(),
                unplaced_loc: keys.unplaced_loc,
                bare: cl.bare,
                key: cl.key.clone(),
                founding: planner.founding_record(cl, keys.kind),
                contribution: planner.contribution(cl, &plan.items),
                files: keys.files,
                lookups: keys.lookups,
            });
        }
        out
    }

    /// Writes into `ann` the entities the corpus-wide stages gave the
    /// document's groups (`entity_of(rank)`: the entity id and the evidence
    /// that tied the group to it) and returns the links, as
    /// [`Linker::link`] would.
    pub fn apply(
        &mut self,
        text: &str,
        ann: &mut Annotations,
        entity_of: &dyn Fn(usize) -> Option<(String, Evidence)>,
    ) -> DocLinks {
        let plan = self.planner.plan_groups(text, ann);
        let mut cluster_entity: Vec<Option<(String, Evidence)>> = vec![None; plan.clusters.len()];
        for (rank, &c) in plan.order.iter().enumerate() {
            cluster_entity[c] = entity_of(rank);
        }
        plan.write_links(&cluster_entity, ann)
    }
}

/// The context one document's links give its entities (see
/// [`EntityRecord::add_context`]), for the distributed linker's records.
pub fn doc_context(links: &DocLinks) -> Vec<String> {
    salient(links).into_iter().map(str::to_string).collect()
}
