//! The cross-document state of the linker: entity records and the keys they
//! can be found under, behind the small [`EntityIndex`] trait so that a
//! store can keep them on disk. [`MemoryIndex`] keeps them in memory.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::kb::EntityKind;

/// Why two mentions were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The first mention of an entity: nothing joined yet.
    First,
    /// The same full name (after folding case, diacritics and punctuation).
    SameName,
    /// A surname or first name after (or before) the full name in one document.
    PartialName,
    /// An acronym the text defines (`… Organisation (CSTO)`).
    AcronymDefined,
    /// An acronym whose letters are the initials of a name in the document.
    AcronymInitials,
    /// A name, alias or acronym the knowledge base lists for the entity.
    KbAlias,
    /// A country adjective or demonym (`Kyrgyz` → Kyrgyzstan).
    Demonym,
    /// A transliteration variant (`Otunbaeva` / `Otunbayeva`).
    Transliteration,
    /// A description the document ties to a name (`the Kyrgyz president`).
    Description,
    /// A quote's speaker that is, or names, a linked mention.
    Speaker,
    /// Shared context: the documents mention the same other actors.
    Context,
    /// An analyst's decision ([`crate::Decisions`]).
    Decision,
}

impl Evidence {
    /// The name used in JSON (`same-name`, `kb-alias`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::First => "first",
            Evidence::SameName => "same-name",
            Evidence::PartialName => "partial-name",
            Evidence::AcronymDefined => "acronym-defined",
            Evidence::AcronymInitials => "acronym-initials",
            Evidence::KbAlias => "kb-alias",
            Evidence::Demonym => "demonym",
            Evidence::Transliteration => "transliteration",
            Evidence::Description => "description",
            Evidence::Speaker => "speaker",
            Evidence::Context => "context",
            Evidence::Decision => "decision",
        }
    }

    /// Parses [`Evidence::as_str`] back.
    pub fn parse(s: &str) -> Option<Evidence> {
        Evidence::ALL.iter().copied().find(|e| e.as_str() == s)
    }

    /// Every kind, in a fixed order.
    pub const ALL: [Evidence; 12] = [
        Evidence::First,
        Evidence::SameName,
        Evidence::PartialName,
        Evidence::AcronymDefined,
        Evidence::AcronymInitials,
        Evidence::KbAlias,
        Evidence::Demonym,
        Evidence::Transliteration,
        Evidence::Description,
        Evidence::Speaker,
        Evidence::Context,
        Evidence::Decision,
    ];

    /// How much a join on this evidence alone is worth, 0–1.
    pub fn confidence(self) -> f32 {
        match self {
            Evidence::First | Evidence::Decision | Evidence::Speaker => 1.0,
            Evidence::SameName | Evidence::AcronymDefined => 0.95,
            Evidence::PartialName | Evidence::KbAlias => 0.9,
            Evidence::AcronymInitials | Evidence::Demonym => 0.85,
            Evidence::Transliteration => 0.8,
            Evidence::Description => 0.75,
            Evidence::Context => 0.7,
        }
    }
}

/// What the knowledge base knows about an entity, in words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KbFacts {
    /// The knowledge base's canonical name.
    pub name: String,
    /// Actor code (`KGZ`, `IGO`, `KGZGOV`).
    pub code: Option<String>,
    /// The country the actor belongs to (its name), when known.
    pub country: Option<String>,
    /// Roles in words (`government of Kyrgyzstan from 2010-08-01`).
    pub roles: Vec<String>,
    /// For countries, the adjectives pointing to them.
    pub adjectives: Vec<String>,
    /// Other names the knowledge base lists.
    pub aliases: Vec<String>,
}

/// The GeoNames place an entity is (`place` in the entity JSON).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaceFacts {
    /// The GeoNames id.
    pub geonames: u32,
    /// `country`, `region` or `city`.
    pub kind: crate::geo::PlaceKind,
    /// GeoNames' name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its country (`KG`).
    pub country: String,
    /// Its country's name, when known.
    pub country_name: Option<String>,
    /// The first-level region it lies in (`Osh`), for a city.
    pub region: Option<String>,
    /// What GeoNames calls that region, or the place itself when it is a
    /// region (`Region`, `State`, `Province`).
    pub region_type: Option<String>,
    /// Population (for a region, that of its listed cities).
    pub population: u64,
    /// Latitude in degrees (cities only).
    pub lat: Option<f64>,
    /// Longitude in degrees (cities only).
    pub lon: Option<f64>,
}

/// One canonical actor across documents: plain data (serde), so a store can
/// keep it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityRecord {
    /// Stable readable id (`kimmo-kiljunen`, `osce`, `william-burns-2`).
    pub id: String,
    /// Its kind.
    pub kind: Option<EntityKind>,
    /// Canonical name: the fullest form seen.
    pub name: String,
    /// Surface forms seen in the documents (at most [`MAX_ALIASES`]), in the
    /// order first seen.
    pub aliases: Vec<String>,
    /// Knowledge-base facts, when linked to the knowledge base.
    pub kb: Option<KbFacts>,
    /// Descriptions the documents give (`Kyrgyz president`), at most [`MAX_ALIASES`].
    pub descriptions: Vec<String>,
    /// The country (name) a modifier ties the actor to (`Kyrgyz security
    /// forces`), when any.
    pub country: Option<String>,
    /// The GeoNames place it is, when the linker placed it.
    pub place: Option<PlaceFacts>,
    /// How its mentions were joined: evidence kind and count.
    pub evidence: Vec<(Evidence, u64)>,
    /// Number of mentions linked to it.
    pub mentions: u64,
    /// Number of documents it appears in.
    pub documents: u64,
    /// Other entities it co-occurs with and how often (at most [`MAX_CONTEXT`]).
    pub context: Vec<(String, u32)>,
}

/// Most aliases (and descriptions) an entity record keeps.
pub const MAX_ALIASES: usize = 24;
/// Most context entries an entity record keeps.
pub const MAX_CONTEXT: usize = 24;
/// Most entities one document adds to the context of each of its entities:
/// those it mentions most.
pub const CONTEXT_PER_DOC: usize = 12;
/// Most entities one key lists (a common surname cannot grow without bound,
/// which keeps linking linear in the number of documents).
pub const MAX_PER_KEY: usize = 32;

impl EntityRecord {
    /// The contract label of its kind: what a store's `entities` row and
    /// the Parquet `entities` table give it.
    pub fn label(&self) -> dossier_core::EntityLabel {
        use dossier_core::EntityLabel;
        match self.kind {
            Some(EntityKind::Person) => EntityLabel::Per,
            Some(EntityKind::Organisation | EntityKind::Group) => EntityLabel::Org,
            Some(EntityKind::Country | EntityKind::Place) => EntityLabel::Loc,
            Some(EntityKind::Other) | None => EntityLabel::Misc,
        }
    }

    /// What is known about it beyond its names (country, descriptions,
    /// knowledge-base facts, GeoNames place) as one JSON object: the
    /// `facts` a store keeps and the Parquet `entities` table carries.
    pub fn facts_json(&self) -> String {
        use serde_json::{json, Map, Value};
        // Most records have no facts (the writer asks for every record a
        // document touches): the empty object without building a map.
        if self.country.is_none() && self.descriptions.is_empty() && self.kb.is_none() && self.place.is_none()
        {
            return "{}".to_string();
        }
        let mut facts = Map::new();
        if let Some(c) = &self.country {
            facts.insert("country".into(), json!(c));
        }
        if !self.descriptions.is_empty() {
            facts.insert("descriptions".into(), json!(self.descriptions));
        }
        if let Some(kb) = &self.kb {
            let mut k = Map::new();
            k.insert("name".into(), json!(kb.name));
            for (name, v) in [("code", &kb.code), ("country", &kb.country)] {
                if let Some(v) = v {
                    k.insert(name.into(), json!(v));
                }
            }
            for (name, v) in [("roles", &kb.roles), ("adjectives", &kb.adjectives), ("aliases", &kb.aliases)]
            {
                if !v.is_empty() {
                    k.insert(name.into(), json!(v));
                }
            }
            facts.insert("kb".into(), Value::Object(k));
        }
        if let Some(p) = &self.place {
            facts.insert("place".into(), serde_json::to_value(p).unwrap_or(Value::Null));
        }
        Value::Object(facts).to_string()
    }

    /// Adds `n` to the count of an evidence kind.
    pub fn add_evidence(&mut self, e: Evidence, n: u64) {
        match self.evidence.iter_mut().find(|(k, _)| *k == e) {
            Some((_, c)) => *c += n,
            None => {
                self.evidence.push((e, n));
                self.evidence.sort();
            }
        }
    }

    /// Adds a surface form unless already there (by exact text) or full.
    pub fn add_alias(&mut self, a: &str) {
        if self.aliases.len() < MAX_ALIASES && !self.aliases.iter().any(|x| x == a) {
            self.aliases.push(a.to_string());
        }
    }

    /// Adds co-occurring entities, keeping the [`MAX_CONTEXT`] most frequent;
    /// among equally frequent ones the most recently added win (so a new
    /// document's actors are not crowded out by an older document's), and
    /// the order depends only on the order of the calls: deterministic.
    pub fn add_context<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            if id == self.id {
                continue;
            }
            let n = match self.context.iter().position(|(k, _)| k == id) {
                Some(p) => self.context.remove(p).1 + 1,
                None => 1,
            };
            self.context.insert(0, (id.to_string(), n));
        }
        // A stable sort: ties keep the most recent first.
        self.context.sort_by_key(|c| std::cmp::Reverse(c.1));
        self.context.truncate(MAX_CONTEXT);
    }
}

/// Where the linker keeps entities between documents.
///
/// Keys are opaque strings the linker makes (`n:p:kimmo kiljunen`,
/// `kb:osce`, `id:kimmo-kiljunen`); an index only has to remember which
/// records were stored under which key. Every record is stored under
/// `id:<its id>` too, which is how the linker checks that an id is free.
///
/// Implementations: [`MemoryIndex`] here; the store keeps the same in SQLite.
pub trait EntityIndex {
    /// Records stored under `key`, in the order they were first stored
    /// (at most [`MAX_PER_KEY`]).
    fn candidates(&self, key: &str) -> Vec<EntityRecord>;
    /// The first of [`candidates`](Self::candidates) that `keep` accepts.
    /// An index that holds its records can override it to copy only that
    /// one (the linker asks this for every name of every document).
    fn find(&self, key: &str, keep: &dyn Fn(&EntityRecord) -> bool) -> Option<EntityRecord> {
        self.candidates(key).into_iter().find(|r| keep(r))
    }
    /// Whether any record is stored under `key`.
    fn contains(&self, key: &str) -> bool {
        !self.candidates(key).is_empty()
    }
    /// Stores `rec` (replacing the record with the same id) and files it
    /// under each of `keys` (keys it was filed under before stay). It takes
    /// the record: the linker is done with it, and an index keeps it.
    fn upsert(&mut self, rec: EntityRecord, keys: &[String]);
}

/// An in-memory [`EntityIndex`].
#[derive(Debug, Clone, Default)]
pub struct MemoryIndex {
    records: Vec<EntityRecord>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl MemoryIndex {
    /// An empty index.
    pub fn new() -> Self {
        MemoryIndex::default()
    }

    /// Every record, in the order first stored.
    pub fn records(&self) -> &[EntityRecord] {
        &self.records
    }

    /// The record with id `id`.
    pub fn get(&self, id: &str) -> Option<&EntityRecord> {
        self.by_id.get(id).map(|&i| &self.records[i])
    }
}

impl EntityIndex for MemoryIndex {
    fn candidates(&self, key: &str) -> Vec<EntityRecord> {
        self.by_key.get(key).map_or_else(Vec::new, |v| v.iter().map(|&i| self.records[i].clone()).collect())
    }

    fn find(&self, key: &str, keep: &dyn Fn(&EntityRecord) -> bool) -> Option<EntityRecord> {
        self.by_key.get(key)?.iter().map(|&i| &self.records[i]).find(|r| keep(r)).cloned()
    }

    fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    fn upsert(&mut self, rec: EntityRecord, keys: &[String]) {
        let id_key = format!("id:{}", rec.id);
        let i = match self.by_id.get(&rec.id) {
            Some(&i) => {
                self.records[i] = rec;
                i
            }
            None => {
                self.by_id.insert(rec.id.clone(), self.records.len());
                self.records.push(rec);
                self.records.len() - 1
            }
        };
        for k in keys.iter().map(|k| k.as_str()).chain(std::iter::once(id_key.as_str())) {
            // Most keys are there already: look up before making a String.
            let v = match self.by_key.get_mut(k) {
                Some(v) => v,
                None => self.by_key.entry(k.to_string()).or_default(),
            };
            if !v.contains(&i) && v.len() < MAX_PER_KEY {
                v.push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_index_files_records_under_keys_and_ids() {
        let mut ix = MemoryIndex::new();
        let mut r =
            EntityRecord { id: "kimmo-kiljunen".into(), name: "Kimmo Kiljunen".into(), ..Default::default() };
        ix.upsert(r.clone(), &["n:p:kimmo kiljunen".into()]);
        r.mentions = 3;
        ix.upsert(r, &["s:kiljunen".into()]);
        assert_eq!(ix.candidates("n:p:kimmo kiljunen")[0].mentions, 3);
        assert_eq!(ix.candidates("s:kiljunen").len(), 1);
        assert_eq!(ix.candidates("id:kimmo-kiljunen").len(), 1);
        assert!(ix.candidates("id:other").is_empty());
        assert_eq!(ix.records().len(), 1);
    }

    #[test]
    fn facts_are_the_same_json_with_and_without_the_empty_shortcut() {
        let mut r = EntityRecord { id: "ana-k".into(), name: "Ana K".into(), ..Default::default() };
        assert_eq!(r.facts_json(), serde_json::Value::Object(Default::default()).to_string());
        r.descriptions.push("harbour director".into());
        assert_eq!(r.facts_json(), r#"{"descriptions":["harbour director"]}"#);
    }

    #[test]
    fn keys_are_bounded_and_context_is_ordered() {
        let mut ix = MemoryIndex::new();
        for i in 0..100 {
            ix.upsert(EntityRecord { id: format!("smith-{i}"), ..Default::default() }, &["s:smith".into()]);
        }
        assert_eq!(ix.candidates("s:smith").len(), MAX_PER_KEY);
        let mut r = EntityRecord { id: "a".into(), ..Default::default() };
        r.add_context(["b", "c", "c", "a"]);
        assert_eq!(r.context, vec![("c".to_string(), 2), ("b".to_string(), 1)]);
        // A full list of single sightings makes room for the newest.
        let old: Vec<String> = (0..MAX_CONTEXT).map(|i| format!("old-{i}")).collect();
        r.add_context(old.iter().map(String::as_str));
        r.add_context(["new"]);
        assert_eq!(r.context.len(), MAX_CONTEXT);
        assert_eq!(r.context[0], ("c".to_string(), 2));
        assert_eq!(r.context[1], ("new".to_string(), 1));
        for e in Evidence::ALL {
            assert_eq!(Evidence::parse(e.as_str()), Some(e));
        }
    }

    #[test]
    fn records_round_trip_through_json_with_the_documented_names() {
        let mut r = EntityRecord {
            id: "osce".into(),
            kind: Some(crate::EntityKind::Organisation),
            name: "Organization for Security and Co-operation in Europe".into(),
            kb: Some(KbFacts { name: "OSCE".into(), code: Some("IGOEUROSCE".into()), ..Default::default() }),
            ..Default::default()
        };
        r.add_evidence(Evidence::KbAlias, 2);
        r.add_alias("OSCE");
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"kb-alias\"") && json.contains("\"organisation\""), "{json}");
        let back: EntityRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        // Fields added later default when an older record lacks them.
        let old: EntityRecord = serde_json::from_str(r#"{"id":"x","name":"X"}"#).unwrap();
        assert_eq!(old.id, "x");
        assert!(old.aliases.is_empty());
    }
}
