//! The linker's cross-document state kept in the store: [`StoreIndex`] is a
//! [`dossier_link::EntityIndex`] over the store's [`Writer`], so `dossier
//! ingest` links each new document against every entity ever stored (a new
//! article mentioning `Kiljunen` joins the existing `kimmo-kiljunen`).
//!
//! Why here: the store depends on `dossier-link` (never the reverse), so the
//! linker stays free of SQLite, and the adapter sits next to the tables and
//! the staging it relies on. The CLI only wires a
//! `Linker<StoreIndex>` to the ingest loop.
//!
//! Consistency: every `upsert` is staged in the writer and written in the
//! transaction of the document being linked ([`StoreIndex::add`]), so a crash
//! never leaves link state for a document that is not stored, and a
//! duplicate drops what it staged. Reads go through a small two-generation
//! cache (records by id, record ids by key, negative answers too) that every
//! `upsert` updates, so it always agrees with staged and committed state;
//! it is bounded (at most `2 × CACHE_RECORDS` records and `2 × CACHE_KEYS`
//! keys), so memory does not grow with the corpus.
//!
//! Decisions: [`Store::link_decisions`] turns the analyst's `distinct` pairs
//! into the linker's [`dossier_link::Decisions`] (names of one entity must
//! not join the other). Merges and splits are not fed to the linker: the
//! writer applies merges to every new mention (`entity` vs `entity_auto`),
//! which keeps the automatic links apart so that a merge stays undoable.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use dossier_core::{Annotations, Document};
use dossier_link::index::MAX_PER_KEY;
use dossier_link::names::fold;
use dossier_link::{Decisions, EntityIndex, EntityRecord};

use crate::write::{EntityMeta, LinkRecord};
use crate::{AddOutcome, Result, Store, StoreError, Writer};

/// Records kept in each generation of the cache.
const CACHE_RECORDS: usize = 8_192;
/// Keys kept in each generation of the cache.
const CACHE_KEYS: usize = 32_768;

/// A bounded map that keeps what was used recently: lookups promote from
/// the old generation to the young one; when the young one is full it
/// becomes the old one and the old one is dropped.
struct TwoGen<K, V> {
    young: HashMap<K, V>,
    old: HashMap<K, V>,
    cap: usize,
}

impl<K: Hash + Eq + Clone, V> TwoGen<K, V> {
    fn new(cap: usize) -> Self {
        TwoGen { young: HashMap::new(), old: HashMap::new(), cap }
    }

    /// The entry of `k` (looked up by a borrowed key, so a lookup needs no
    /// owned copy of it), promoted to the young generation.
    fn get_mut<Q>(&mut self, k: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if !self.young.contains_key(k) {
            let (k, v) = self.old.remove_entry(k)?;
            self.insert(k, v);
        }
        self.young.get_mut(k)
    }

    fn insert(&mut self, k: K, v: V) {
        if self.young.len() >= self.cap && !self.young.contains_key(&k) {
            self.old = std::mem::take(&mut self.young);
        }
        self.old.remove(&k);
        self.young.insert(k, v);
    }

    fn clear(&mut self) {
        self.young.clear();
        self.old.clear();
    }

    fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }
}

/// The store-backed [`EntityIndex`]: owns the store's writer for the run.
///
/// The trait reads through `&self`, so the cache sits in cells; linking runs
/// on one thread (the index is not `Sync`). A record is shared between the
/// cache and the pending list (`Arc`, not copies: an upsert used to copy the
/// whole record twice) and copied only when the linker is handed one.
pub struct StoreIndex<'s> {
    writer: Writer<'s>,
    records: RefCell<TwoGen<String, Arc<EntityRecord>>>,
    keys: RefCell<TwoGen<String, Vec<String>>>,
    /// The first error met by `candidates` or `upsert` (whose signatures
    /// cannot fail); [`StoreIndex::add`] returns it.
    error: RefCell<Option<StoreError>>,
    /// Records upserted while the current document is linked, in the order
    /// first upserted, with every key given: staged in the writer once,
    /// when the document is stored. Linking upserts an entity's record
    /// several times a document (when found, then with its counts), and
    /// each staging serialised the whole record and its facts.
    pending: Vec<(Arc<EntityRecord>, Vec<String>)>,
    /// Where each pending record's id is in `pending`.
    pending_at: HashMap<String, usize>,
}

impl<'s> StoreIndex<'s> {
    /// An index over `writer`.
    pub fn new(writer: Writer<'s>) -> Self {
        StoreIndex {
            writer,
            records: RefCell::new(TwoGen::new(CACHE_RECORDS)),
            keys: RefCell::new(TwoGen::new(CACHE_KEYS)),
            error: RefCell::new(None),
            pending: Vec::new(),
            pending_at: HashMap::new(),
        }
    }

    /// The writer (to ask whether a document is stored, commit the index…).
    pub fn writer(&mut self) -> &mut Writer<'s> {
        &mut self.writer
    }

    /// Gives the writer back.
    pub fn into_writer(self) -> Writer<'s> {
        self.writer
    }

    /// Stores a linked document with what linking staged, in one
    /// transaction. Fails with the first error linking met.
    pub fn add(&mut self, doc: &Document, ann: &Annotations) -> Result<AddOutcome> {
        self.add_owned(doc.clone(), ann.clone(), None)
    }

    /// [`StoreIndex::add`] taking the document, with the text-only work
    /// done already (see [`Writer::add_owned`]).
    pub fn add_owned(
        &mut self,
        doc: Document,
        ann: Annotations,
        prepared: Option<crate::Prepared>,
    ) -> Result<AddOutcome> {
        if let Some(e) = self.error.get_mut().take() {
            self.forget_staged();
            return Err(e);
        }
        if let Err(e) = self.stage_pending() {
            self.forget_staged();
            return Err(e);
        }
        let out = self.writer.add_owned(doc, ann, prepared);
        if !matches!(out, Ok(AddOutcome::Added { .. })) {
            // What was staged is gone; the cache may hold it.
            self.forget_staged();
        }
        out
    }

    /// Serialises the pending records and stages them, with their entity
    /// rows, in the writer (in the order first upserted, as staging each
    /// upsert did).
    fn stage_pending(&mut self) -> Result<()> {
        self.pending_at.clear();
        for (rec, keys) in std::mem::take(&mut self.pending) {
            let data = serde_json::to_string(&*rec).map_err(|e| {
                StoreError::Invalid(format!("cannot serialise the link record of {}: {e}", rec.id))
            })?;
            self.writer.stage_entity(entity_meta(&rec));
            self.writer.stage_link_record(LinkRecord { id: rec.id.clone(), data, keys });
        }
        Ok(())
    }

    /// Drops staged state and the cache (which may hold staged records).
    pub fn forget_staged(&mut self) {
        self.pending.clear();
        self.pending_at.clear();
        self.writer.clear_staged();
        self.records.get_mut().clear();
        self.keys.get_mut().clear();
    }

    /// Records and keys in the cache now (for tests and benchmarks).
    pub fn cached(&self) -> (usize, usize) {
        (self.records.borrow().len(), self.keys.borrow().len())
    }

    fn fail(&self, e: StoreError) {
        self.error.borrow_mut().get_or_insert(e);
    }

    /// The ids filed under `key` (stored, staged and pending), caching
    /// their records.
    fn load(&self, key: &str) -> Result<Vec<String>> {
        let mut rows = self.writer.link_candidates(key, MAX_PER_KEY)?;
        // Overlaid with the pending records as the writer overlays staged
        // ones: a pending record is the newest version of its row, and one
        // filed under `key` joins the answer while there is room.
        for (rec, keys) in &self.pending {
            if rows.iter().any(|(id, _)| *id == rec.id) {
                continue;
            }
            if keys.iter().any(|k| k == key) && rows.len() < MAX_PER_KEY {
                rows.push((rec.id.clone(), String::new()));
            }
        }
        let mut records = self.records.borrow_mut();
        let mut ids = Vec::with_capacity(rows.len());
        for (id, data) in rows {
            // A cached record is the newest (every upsert caches its own).
            if records.get_mut(&id).is_none() {
                let rec: Arc<EntityRecord> = match self.pending_at.get(&id) {
                    Some(&at) => self.pending[at].0.clone(),
                    None => Arc::new(serde_json::from_str(&data).map_err(|e| {
                        StoreError::Invalid(format!("the link record of {id} cannot be read: {e}"))
                    })?),
                };
                records.insert(id.clone(), rec);
            }
            ids.push(id);
        }
        Ok(ids)
    }

    fn record(&self, id: &str) -> Result<Option<Arc<EntityRecord>>> {
        if let Some(r) = self.records.borrow_mut().get_mut(id) {
            return Ok(Some(r.clone()));
        }
        self.load(&format!("id:{id}"))?;
        Ok(self.records.borrow_mut().get_mut(id).cloned())
    }

    /// The ids filed under `key`, from the cache or loaded into it.
    fn ids(&self, key: &str) -> Option<Vec<String>> {
        if let Some(ids) = self.keys.borrow_mut().get_mut(key) {
            return Some(ids.clone());
        }
        match self.load(key) {
            Ok(ids) => {
                self.keys.borrow_mut().insert(key.to_string(), ids.clone());
                Some(ids)
            }
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// The records filed under `key`, shared with the cache, until `stop`
    /// says enough.
    fn each_record(&self, key: &str, mut stop: impl FnMut(Arc<EntityRecord>) -> bool) {
        for id in self.ids(key).unwrap_or_default() {
            match self.record(&id) {
                Ok(Some(r)) => {
                    if stop(r) {
                        return;
                    }
                }
                Ok(None) => {}
                Err(e) => self.fail(e),
            }
        }
    }
}

impl EntityIndex for StoreIndex<'_> {
    fn candidates(&self, key: &str) -> Vec<EntityRecord> {
        let mut out = Vec::new();
        self.each_record(key, |r| {
            out.push(EntityRecord::clone(&r));
            false
        });
        out
    }

    /// Copies only the record found (the default copies every candidate).
    fn find(&self, key: &str, keep: &dyn Fn(&EntityRecord) -> bool) -> Option<EntityRecord> {
        let mut found = None;
        self.each_record(key, |r| {
            if keep(&r) {
                found = Some(EntityRecord::clone(&r));
            }
            found.is_some()
        });
        found
    }

    fn contains(&self, key: &str) -> bool {
        let mut any = false;
        self.each_record(key, |_| {
            any = true;
            true
        });
        any
    }

    fn upsert(&mut self, rec: EntityRecord, keys: &[String]) {
        let id_key = format!("id:{}", rec.id);
        let cache = self.keys.get_mut();
        for k in keys.iter().chain(std::iter::once(&id_key)) {
            if let Some(ids) = cache.get_mut(k.as_str()) {
                if !ids.contains(&rec.id) && ids.len() < MAX_PER_KEY {
                    ids.push(rec.id.clone());
                }
            }
        }
        let rec = Arc::new(rec);
        self.records.get_mut().insert(rec.id.clone(), rec.clone());
        let filed = match self.pending_at.get(&rec.id) {
            Some(&at) => {
                let (old, filed) = &mut self.pending[at];
                *old = rec;
                filed
            }
            None => {
                self.pending_at.insert(rec.id.clone(), self.pending.len());
                self.pending.push((rec, Vec::new()));
                &mut self.pending.last_mut().expect("just pushed").1
            }
        };
        for k in keys.iter().chain(std::iter::once(&id_key)) {
            if !filed.contains(k) {
                filed.push(k.clone());
            }
        }
    }
}

/// The `entities` row of a linker record: canonical name, label and kind,
/// and the facts (knowledge base, country, descriptions) as JSON.
pub fn entity_meta(rec: &EntityRecord) -> EntityMeta {
    let mut names = vec![rec.name.clone()];
    if let Some(kb) = &rec.kb {
        names.push(kb.name.clone());
        names.extend(kb.aliases.iter().cloned());
    }
    names.dedup();
    EntityMeta {
        names,
        id: rec.id.clone(),
        name: rec.name.clone(),
        label: rec.label(),
        kind: rec.kind.map(|k| k.as_str().to_string()),
        facts: rec.facts_json(),
        place: rec.place.clone(),
    }
}

impl Store {
    /// The analyst's decisions as the linker takes them: for every active
    /// `distinct A B`, each name A goes by (its aliases, the text of its
    /// mentions, its linker record's name and aliases) may not join B, and
    /// the other way round.
    pub fn link_decisions(&self) -> Result<Decisions> {
        let mut d = Decisions::default();
        for (a, b) in self.distinct_pairs()? {
            let (na, nb) = (self.names_of(&a)?, self.names_of(&b)?);
            for n in na {
                d.distinct.insert((n, b.clone()));
            }
            for n in nb {
                d.distinct.insert((n, a.clone()));
            }
        }
        Ok(d)
    }

    /// The folded names an entity goes by, over the entities merged into it.
    fn names_of(&self, id: &str) -> Result<Vec<String>> {
        let conn = self.conn();
        let Some(eid) = conn
            .query_row("SELECT eid FROM entities WHERE id = ?1", [id], |r| r.get::<_, i64>(0))
            .map(Some)
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
        else {
            return Ok(Vec::new());
        };
        let mut raw: Vec<String> = Vec::new();
        let mut ids: Vec<String> = vec![id.to_string()];
        for m in self.members(eid)? {
            let mut stmt = conn.prepare_cached("SELECT alias FROM aliases WHERE eid = ?1")?;
            for a in stmt.query_map([m], |r| r.get::<_, String>(0))? {
                raw.push(a?);
            }
            let mid: String = conn.query_row("SELECT id FROM entities WHERE eid = ?1", [m], |r| r.get(0))?;
            if !ids.contains(&mid) {
                ids.push(mid);
            }
        }
        let mut stmt = conn.prepare_cached("SELECT DISTINCT text FROM mentions WHERE entity = ?1")?;
        for t in stmt.query_map([eid], |r| r.get::<_, String>(0))? {
            raw.push(t?);
        }
        let mut stmt = conn.prepare_cached("SELECT data FROM link_records WHERE id = ?1")?;
        for i in &ids {
            let data: Vec<String> = stmt.query_map([i], |r| r.get(0))?.collect::<Result<_, _>>()?;
            for rec in data.iter().filter_map(|s| serde_json::from_str::<EntityRecord>(s).ok()) {
                raw.push(rec.name.clone());
                raw.extend(rec.aliases);
            }
        }
        let mut out: Vec<String> = Vec::new();
        for r in raw {
            let f = strip_the(&fold(&r));
            if !f.is_empty() && !out.contains(&f) {
                out.push(f);
            }
        }
        Ok(out)
    }
}

/// `the osce` → `osce`: the linker compares names without the article.
fn strip_the(s: &str) -> String {
    s.strip_prefix("the ").unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::EntityLabel;
    use dossier_link::EntityKind;
    use serde_json::Value;

    #[test]
    fn two_generations_stay_bounded_and_keep_recent_entries() {
        let mut c: TwoGen<u32, u32> = TwoGen::new(4);
        for i in 0..100 {
            c.insert(i, i);
            // Entry 0 is used all along, so it is never dropped.
            assert_eq!(c.get_mut(&0).copied(), Some(0));
            assert!(c.len() <= 8);
        }
        assert!(c.get_mut(&1).is_none());
        assert_eq!(c.get_mut(&99).copied(), Some(99));
    }

    #[test]
    fn records_upserted_while_linking_are_found_then_written_once_with_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(dir.path()).unwrap();
        let mut ix = StoreIndex::new(store.writer().unwrap());
        // Found, then counted: two upserts of one record in one document.
        let mut rec = EntityRecord { id: "lena-holt".into(), name: "Lena Holt".into(), ..Default::default() };
        ix.upsert(rec.clone(), &["n:lena holt".into()]);
        rec.documents = 1;
        ix.upsert(rec.clone(), &["s:holt".into()]);
        let found = |ix: &StoreIndex<'_>| -> Vec<(usize, u64)> {
            ["n:lena holt", "s:holt", "id:lena-holt"]
                .iter()
                .map(|k| {
                    let c = ix.candidates(k);
                    (c.len(), c.first().map_or(0, |r| r.documents))
                })
                .collect()
        };
        assert_eq!(found(&ix), [(1, 1); 3], "the newest version under every key");
        // Not from the cache alone: with it emptied, pending records are read.
        ix.records.get_mut().clear();
        ix.keys.get_mut().clear();
        assert_eq!(found(&ix), [(1, 1); 3]);
        let text = "Lena Holt spoke.";
        let doc = Document::new("d1".into(), "d1.txt".into(), dossier_core::Format::Text, text.into());
        assert!(ix.add(&doc, &Annotations::default()).unwrap().is_added());
        ix.into_writer().finish().unwrap();
        let conn = store.conn();
        let data: Vec<String> = conn
            .prepare("SELECT data FROM link_records")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(data.len(), 1);
        assert_eq!(serde_json::from_str::<EntityRecord>(&data[0]).unwrap().documents, 1);
        let keys: i64 = conn.query_row("SELECT count(*) FROM link_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(keys, 3);
        let name: String = conn.query_row("SELECT name FROM entities", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Lena Holt");
    }

    #[test]
    fn entity_rows_carry_kind_label_and_kb_facts() {
        let rec = EntityRecord {
            id: "kyrgyzstan".into(),
            kind: Some(EntityKind::Country),
            name: "Kyrgyzstan".into(),
            kb: Some(dossier_link::KbFacts {
                name: "Kyrgyzstan".into(),
                code: Some("KGZ".into()),
                adjectives: vec!["Kyrgyz".into()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let m = entity_meta(&rec);
        assert_eq!(m.label, EntityLabel::Loc);
        assert_eq!(m.kind.as_deref(), Some("country"));
        let facts: Value = serde_json::from_str(&m.facts).unwrap();
        assert_eq!(facts["kb"]["code"], "KGZ");
        assert_eq!(facts["kb"]["adjectives"][0], "Kyrgyz");
        assert!(facts.get("country").is_none());
    }
}
