//! The store's single writer: each document with all its annotations (and
//! the link state linking it changed) written whole, inside a SQLite
//! transaction that groups up to [`BATCH_DOCS`] documents or
//! [`BATCH_MILLIS`] ms (so a crash loses at most the open batch, never part
//! of a document); the full-text index committed in larger batches, always
//! after the documents it holds.
//!
//! A document that fails halfway must not take its batch with it, nor be
//! committed in part. There is no savepoint: the writer keeps the
//! documents of the open transaction (with the link state staged for each)
//! until it commits, and on a failure rolls the transaction back and writes
//! them again, so the store holds them whole and nothing of the failed one.
//! A savepoint per document did the same at a price paid by every
//! document: SQLite copies each page a savepoint's writes touch first into
//! its in-memory statement journal (a document touches the same table tails
//! and entity pages as the one before it), and each statement that opens a
//! statement journal of its own truncates that journal on release, walking
//! it from its head; a savepoint per group of documents made that walk
//! quadratic in the group (tried and reverted, see docs/performance.md).
//!
//! A document whose id is already stored is skipped, so ingest is
//! idempotent. Entity ids found on mentions and speakers become entity rows
//! (the first time) and aliases (every surface form, counted); the
//! analyst's decisions are applied to the new rows as they are written, so
//! a merge made last month holds for an article added today.

use std::collections::HashMap;

use dossier_core::{Annotations, Document, EntityLabel, Span, Via};
use rusqlite::{params, Connection, OptionalExtension};
use tantivy::IndexWriter;

use crate::index::{FullText, IndexDoc};
use crate::util::{date_bounds, encode_spans, name_key, now, sentence_of};
use crate::{Result, Store, StoreError};

/// Documents between two index commits during an ingest.
const INDEX_COMMIT_DOCS: usize = 5_000;
/// Seconds between two index commits during an ingest, so that readers see
/// a long ingest progress.
const INDEX_COMMIT_SECS: u64 = 20;
/// Seconds the co-occurrence counts may lag the stored documents while an
/// ingest runs. The batch (see `summary.rs`) is written when it is full,
/// when the writer finishes, on [`Writer::commit_index`], and at a timed
/// index commit only when its last write is older than this. It used to be
/// written at every 20-second index commit, so the slower an ingest ran (a
/// loaded machine, a profiler) the fewer documents each write covered and
/// the more often the same pairs were upserted (under callgrind, 38
/// writes and 1.06 M upserts for the 483,440 pairs of 500 documents).
const COOC_LAG_SECS: u64 = 120;
/// Documents written in one SQLite transaction: pages that several
/// documents touch (a common entity's rows, the tails of the annotation
/// tables) are written once per batch rather than once per document. It is
/// also the most documents the writer holds after writing them, to write
/// them again should a later one of the batch fail (see the module doc);
/// the ingest's channel holds that many fewer, so no more documents are in
/// memory than before.
pub const BATCH_DOCS: usize = 256;
/// Milliseconds a batch stays open at most, so readers see a slow ingest
/// progress.
const BATCH_MILLIS: u128 = 1_000;
/// (key, record) filings remembered before the set is cleared.
const FILED_CACHE: usize = 200_000;
/// Entity ids kept in the writer's id-to-key cache before it is cleared.
const ENTITY_CACHE: usize = 200_000;

/// What [`Writer::add`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// Stored, with its `seq` and how many annotations came with it.
    Added {
        /// The new document's SQLite `seq`.
        seq: i64,
        /// Mentions stored.
        mentions: usize,
        /// Quotes stored.
        quotes: usize,
        /// Entities seen for the first time.
        new_entities: usize,
    },
    /// A document with this id was already stored; nothing was written.
    Skipped,
}

impl AddOutcome {
    /// True for [`AddOutcome::Added`].
    pub fn is_added(&self) -> bool {
        matches!(self, AddOutcome::Added { .. })
    }
}

/// The single writer of a store (see [`Store::writer`]).
pub struct Writer<'s> {
    store: &'s mut Store,
    index: IndexWriter,
    pending: usize,
    last_seq: i64,
    last_commit: std::time::Instant,
    /// When the co-occurrence batch was last written.
    cooc_written: std::time::Instant,
    eids: HashMap<String, i64>,
    /// Effective entity of an automatic one, from the analyst's merges.
    merged: HashMap<i64, i64>,
    /// Linker records staged for the next document's transaction.
    staged: Vec<LinkRecord>,
    /// Co-occurrence pairs not yet written (see `summary.rs`).
    cooc: crate::summary::CoocBatch,
    /// Entity names, types and facts staged for the next document's
    /// transaction.
    staged_meta: Vec<EntityMeta>,
    /// (key, record id) pairs known to be filed in `link_keys` (bounded).
    filed: Filed,
    /// True while a SQLite transaction is open.
    in_batch: bool,
    /// Documents in the open SQLite transaction.
    batch_docs: usize,
    /// When the open transaction began.
    batch_start: std::time::Instant,
    /// What the open transaction wrote, in order, to be written again when
    /// a later document of it fails (see the module doc).
    batch: Vec<Logged>,
    /// True while a document is written in part (from its first row until
    /// its last, or until the rollback after it failed).
    partial: bool,
}

/// A write of the open transaction, kept to be written again after a rollback.
enum Logged {
    /// A stored document, as it was written.
    Doc(Box<LoggedDoc>),
    /// A `found_in` row (a stored document met again in a container).
    FoundIn { parent: String, id: String, filename: Option<String> },
}

/// A document of the open transaction with everything its write used.
struct LoggedDoc {
    doc: Document,
    ann: Annotations,
    prepared: Prepared,
    staged: Vec<LinkRecord>,
    meta: Vec<EntityMeta>,
    /// The `seq` it got (a rewrite must give it the same: the full-text
    /// index has it under that number).
    seq: i64,
}

/// The (record id, key) pairs a writer knows to be in `link_keys`, at
/// most [`FILED_CACHE`] (then it starts over): looked up by borrowed
/// strings, since nearly every pair the linker stages is filed already.
#[derive(Default)]
struct Filed {
    keys_of: HashMap<String, Vec<String>>,
    len: usize,
}

impl Filed {
    /// Remembers the pair; false when it was known already.
    fn insert(&mut self, id: &str, key: &str) -> bool {
        if self.keys_of.get(id).is_some_and(|keys| keys.iter().any(|k| k == key)) {
            return false;
        }
        if self.len >= FILED_CACHE {
            self.clear();
        }
        match self.keys_of.get_mut(id) {
            Some(keys) => keys.push(key.to_string()),
            None => {
                self.keys_of.insert(id.to_string(), vec![key.to_string()]);
            }
        }
        self.len += 1;
        true
    }

    fn clear(&mut self) {
        self.keys_of.clear();
        self.len = 0;
    }
}

/// What writing one document gave.
struct Written {
    seq: i64,
    mentions: usize,
    quotes: usize,
    new_entities: usize,
    /// (sentence, effective entity) of each linked mention, for the
    /// co-occurrence counts (so they are not read back from SQLite).
    linked: Vec<(Option<i64>, i64)>,
}

impl Drop for Writer<'_> {
    /// Commits the documents already added (each is whole) when the writer
    /// is dropped without [`Writer::finish`], e.g. on an error elsewhere;
    /// rolls the transaction back instead when a document is written in
    /// part (a panic while writing it), so no part of one is ever committed.
    fn drop(&mut self) {
        if self.partial && self.in_batch {
            let _ = self.store.conn.execute_batch("ROLLBACK");
            self.in_batch = false;
        }
        let _ = self.commit_batch();
    }
}

/// What linking knows about an entity, written to its `entities` row with
/// the next document (see [`Writer::stage_entity`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMeta {
    /// The entity id.
    pub id: String,
    /// Its canonical name (replaces the name the row had).
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: EntityLabel,
    /// Its kind (`person`, `country`, …), when known.
    pub kind: Option<String>,
    /// Knowledge-base and document facts, a JSON object.
    pub facts: String,
    /// Names it is known by besides those the corpus uses (canonical and
    /// knowledge-base names): findable, with a count of 0.
    pub names: Vec<String>,
    /// The GeoNames place it is, when linking placed it.
    pub place: Option<dossier_link::PlaceFacts>,
}

/// One record of the linker's cross-document state: an entity id, the
/// record as the linker serialises it (opaque to the store), and the keys
/// it is filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    /// The entity id.
    pub id: String,
    /// The record, serialised by the linker.
    pub data: String,
    /// Keys to file it under (added to those it already has).
    pub keys: Vec<String>,
}

/// What the writer needs of a document that depends on its text alone
/// (not on the store or on linking): computed by [`Prepared::of`] on the
/// parallel side of an ingest, so the single writer thread does not.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The copies fingerprint (`None`: too short to have one).
    print: Option<crate::copies::fingerprint::Print>,
}

impl Prepared {
    /// The text-only work for `doc`.
    pub fn of(doc: &Document) -> Prepared {
        Prepared { print: crate::copies::fingerprint::Print::of(&doc.text) }
    }
}

/// Largest text one document may have: SQLite holds values up to 10^9
/// bytes, and the row holds more than the text.
pub const MAX_TEXT_BYTES: usize = 900_000_000;

impl<'s> Writer<'s> {
    pub(crate) fn new(store: &'s mut Store) -> Result<Writer<'s>> {
        let Some(mut index) = store.ft.try_writer()? else {
            return Err(StoreError::Busy("another process is writing to this store (an ingest?)".into()));
        };
        let hwm = store.ft.high_water_mark()?;
        index_since(&store.conn, &store.ft, &mut index, hwm)?;
        crate::summary::catch_up_cooc(&mut store.conn)?;
        let merged = crate::decisions::merge_map(&store.conn)?;
        let last_seq = store.ft.high_water_mark()?;
        Ok(Writer {
            store,
            index,
            pending: 0,
            last_seq,
            last_commit: std::time::Instant::now(),
            cooc_written: std::time::Instant::now(),
            eids: HashMap::new(),
            merged,
            staged: Vec::new(),
            cooc: Default::default(),
            staged_meta: Vec::new(),
            filed: Default::default(),
            in_batch: false,
            batch_docs: 0,
            batch_start: std::time::Instant::now(),
            batch: Vec::new(),
            partial: false,
        })
    }

    /// True when a document with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        contains(&self.store.conn, id)
    }

    /// The linker's records filed under `key`, oldest filing first, at most
    /// `limit`: what is stored, overlaid with what is staged for the next
    /// document. This is what a SQLite-backed `dossier_link::EntityIndex`
    /// answers `candidates` with.
    pub fn link_candidates(&self, key: &str, limit: usize) -> Result<Vec<(String, String)>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT r.id, r.data FROM link_keys k JOIN link_records r ON r.id = k.id WHERE k.key = ?1 ORDER BY k.ord LIMIT ?2",
        )?;
        let mut out: Vec<(String, String)> = stmt
            .query_map(params![key, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for rec in &self.staged {
            if let Some(slot) = out.iter_mut().find(|(id, _)| *id == rec.id) {
                slot.1 = rec.data.clone();
            } else if rec.keys.iter().any(|k| k == key) && out.len() < limit {
                out.push((rec.id.clone(), rec.data.clone()));
            }
        }
        Ok(out)
    }

    /// Stages a linker record; it is written in the same transaction as the
    /// next document [`Writer::add`] stores (and dropped if that document
    /// is a duplicate), so a crash never leaves link state for a document
    /// that is not stored.
    pub fn stage_link_record(&mut self, rec: LinkRecord) {
        match self.staged.iter_mut().find(|r| r.id == rec.id) {
            Some(r) => {
                r.data = rec.data;
                for k in rec.keys {
                    if !r.keys.contains(&k) {
                        r.keys.push(k);
                    }
                }
            }
            None => self.staged.push(rec),
        }
    }

    /// Stages an entity's canonical name, type and facts; like
    /// [`Writer::stage_link_record`], they are written with the next
    /// document [`Writer::add`] stores (the entity's row is created if
    /// needed) and dropped if that document is a duplicate.
    pub fn stage_entity(&mut self, meta: EntityMeta) {
        match self.staged_meta.iter_mut().find(|m| m.id == meta.id) {
            Some(m) => *m = meta,
            None => self.staged_meta.push(meta),
        }
    }

    /// Drops what is staged for the next document.
    pub fn clear_staged(&mut self) {
        self.staged.clear();
        self.staged_meta.clear();
    }

    /// Stores one document with its annotations in one transaction, unless
    /// its id is already stored. Spans that do not fit the text are dropped
    /// rather than stored wrong.
    pub fn add(&mut self, doc: &Document, ann: &Annotations) -> Result<AddOutcome> {
        self.add_prepared(doc, ann, None)
    }

    /// [`Writer::add`] with the text-only work done already
    /// ([`Prepared::of`] of this `doc`); `None` does it here.
    pub fn add_prepared(
        &mut self,
        doc: &Document,
        ann: &Annotations,
        prepared: Option<Prepared>,
    ) -> Result<AddOutcome> {
        self.add_owned(doc.clone(), ann.clone(), prepared)
    }

    /// [`Writer::add_prepared`] taking the document: the writer keeps it
    /// until its transaction commits (see the module doc), so an ingest
    /// hands it over rather than have it copied.
    pub fn add_owned(
        &mut self,
        doc: Document,
        ann: Annotations,
        prepared: Option<Prepared>,
    ) -> Result<AddOutcome> {
        if doc.text.len() > MAX_TEXT_BYTES {
            self.clear_staged();
            return Err(StoreError::TooLarge(format!(
                "text of {} bytes, more than one document of the store holds ({MAX_TEXT_BYTES} bytes): not stored",
                doc.text.len()
            )));
        }
        let out = self.add_inner(doc, ann, prepared);
        let Err(e) = out else { return out };
        // What this document wrote is undone with its transaction; the
        // transaction's earlier documents are written again.
        self.clear_staged();
        let e = match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::TooBig =>
            {
                StoreError::TooLarge(
                    "a value larger than the store holds (SQLite's 1 GB limit): not stored".into(),
                )
            }
            e => e,
        };
        self.rewrite_batch()?;
        Err(e)
    }

    /// Opens the transaction when it is not.
    fn begin_batch(&mut self) -> Result<()> {
        if !self.in_batch {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_batch = true;
            self.batch_start = std::time::Instant::now();
        }
        Ok(())
    }

    /// Rolls the open transaction back and writes its logged writes again
    /// in a new one (the document that failed was never logged). What the
    /// writer caches of rows the rollback took (entity keys, filed link
    /// keys) is forgotten first. Should the rewrite fail too, the
    /// transaction is rolled back and its documents dropped, and that error
    /// returned.
    fn rewrite_batch(&mut self) -> Result<()> {
        let was_open = self.in_batch;
        self.roll_back()?;
        if !was_open {
            return Ok(());
        }
        let logged = std::mem::take(&mut self.batch);
        self.begin_batch()?;
        let mut rewrite = || -> Result<usize> {
            let mut docs = 0;
            for w in &logged {
                match w {
                    Logged::Doc(d) => {
                        let written = self.write_document(&d.doc, &d.ann, &d.prepared, &d.staged, &d.meta)?;
                        if written.seq != d.seq {
                            return Err(StoreError::Invalid(format!(
                                "document {} written again as seq {} (was {})",
                                d.doc.id, written.seq, d.seq
                            )));
                        }
                        docs += 1;
                    }
                    Logged::FoundIn { parent, id, filename } => {
                        insert_found_in(&self.store.conn, parent, id, filename.as_deref())?;
                    }
                }
            }
            Ok(docs)
        };
        match rewrite() {
            Ok(docs) => {
                self.batch = logged;
                self.batch_docs = docs;
                Ok(())
            }
            Err(e) => {
                self.roll_back()?;
                Err(e)
            }
        }
    }

    /// Rolls the open transaction back (if one is open) and forgets what
    /// the writer caches of the rows it held (entity keys, filed link keys).
    fn roll_back(&mut self) -> Result<()> {
        self.eids.clear();
        self.filed.clear();
        if self.in_batch {
            self.store.conn.execute_batch("ROLLBACK")?;
            self.in_batch = false;
            self.partial = false;
            self.batch_docs = 0;
        }
        Ok(())
    }

    fn add_inner(
        &mut self,
        doc: Document,
        ann: Annotations,
        prepared: Option<Prepared>,
    ) -> Result<AddOutcome> {
        self.begin_batch()?;
        let conn = &self.store.conn;
        let exists = conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?.exists([&doc.id])?;
        if exists {
            self.staged.clear();
            self.staged_meta.clear();
            if let Some(parent) = &doc.envelope.parent {
                if insert_found_in(conn, parent, &doc.id, doc.envelope.filename.as_deref())? {
                    self.batch.push(Logged::FoundIn {
                        parent: parent.clone(),
                        id: doc.id.clone(),
                        filename: doc.envelope.filename.clone(),
                    });
                }
            }
            return Ok(AddOutcome::Skipped);
        }
        let staged = std::mem::take(&mut self.staged);
        let meta = std::mem::take(&mut self.staged_meta);
        let prepared = prepared.unwrap_or_else(|| Prepared::of(&doc));
        let written = self.write_document(&doc, &ann, &prepared, &staged, &meta)?;
        let Written { seq, mentions, quotes, new_entities, linked } = written;
        let day = doc.published.as_deref().and_then(date_bounds).map(|b| b.0);
        self.store.ft.add(
            &self.index,
            &IndexDoc {
                seq,
                title: doc.title.as_deref(),
                text: &doc.text,
                site: doc.site.as_deref(),
                day: day.as_deref(),
            },
        )?;
        self.cooc.add_document(seq, &linked);
        self.batch.push(Logged::Doc(Box::new(LoggedDoc { doc, ann, prepared, staged, meta, seq })));
        self.batch_docs += 1;
        // The co-occurrence batch is written in its own transaction: after
        // the documents it counts.
        if self.cooc.is_full() {
            self.commit_batch()?;
            self.flush_cooc()?;
        } else if self.batch_docs >= BATCH_DOCS || self.batch_start.elapsed().as_millis() >= BATCH_MILLIS {
            self.commit_batch()?;
        }
        self.last_seq = seq;
        self.pending += 1;
        if self.pending >= INDEX_COMMIT_DOCS || self.last_commit.elapsed().as_secs() >= INDEX_COMMIT_SECS {
            let cooc_due = self.cooc_written.elapsed().as_secs() >= COOC_LAG_SECS;
            self.commit_index_and(cooc_due)?;
        }
        Ok(AddOutcome::Added { seq, mentions, quotes, new_entities })
    }

    /// Writes one document's rows (and the link records and entity facts
    /// staged for it) into the open transaction; the SQL half of
    /// [`Writer::add_owned`], also what [`Writer::rewrite_batch`] repeats.
    fn write_document(
        &mut self,
        doc: &Document,
        ann: &Annotations,
        prepared: &Prepared,
        staged: &[LinkRecord],
        staged_meta: &[EntityMeta],
    ) -> Result<Written> {
        self.partial = true;
        let written = self.write_rows(doc, ann, prepared, staged, staged_meta)?;
        self.partial = false;
        Ok(written)
    }

    /// The rows of [`Writer::write_document`].
    fn write_rows(
        &mut self,
        doc: &Document,
        ann: &Annotations,
        prepared: &Prepared,
        staged: &[LinkRecord],
        staged_meta: &[EntityMeta],
    ) -> Result<Written> {
        let tx = &self.store.conn;
        if let Some(parent) = &doc.envelope.parent {
            insert_found_in(tx, parent, &doc.id, doc.envelope.filename.as_deref())?;
        }
        for rec in staged {
            tx.prepare_cached("INSERT INTO link_records (id, data) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET data = ?2")?
                .execute(params![rec.id, rec.data])?;
            for k in &rec.keys {
                // Filed already (the linker files a record under the same
                // keys document after document): nothing to write.
                if !self.filed.insert(&rec.id, k) {
                    continue;
                }
                // A key lists at most MAX_PER_KEY records (the linker reads
                // no more), so a common surname cannot grow without bound.
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO link_keys (key, id, ord) \
                     SELECT ?1, ?2, coalesce(max(ord), 0) + 1 FROM link_keys WHERE key = ?1 HAVING count(*) < ?3",
                )?
                .execute(params![k, rec.id, dossier_link::index::MAX_PER_KEY as i64])?;
            }
        }
        let text = doc.text.as_str();
        let ok = |s: &Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let sentences: Vec<Span> = ann.sentences.iter().copied().filter(ok).collect();
        let mentions: Vec<_> = ann.entities.iter().filter(|m| ok(&m.span)).collect();
        let quotes: Vec<_> = ann.quotes.iter().filter(|q| ok(&q.span)).collect();
        let dates: Vec<_> = ann.dates.iter().filter(|d| ok(&d.span)).collect();
        let (day_lo, day_hi) = doc.published.as_deref().and_then(date_bounds).unzip();
        // Prepared once per writer, like every statement below (preparing
        // it per document was a visible share of the writer's CPU).
        tx.prepare_cached(
            "INSERT INTO documents (id, path, format, url, title, authors, site, published, day_lo, day_hi, lang, \
             source_id, dateline, text, sentences, n_sentences, n_mentions, n_quotes, n_dates, ingested, \
             parent, envelope) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
             ?21, ?22)",
        )?
        .execute(params![
                doc.id,
                doc.path,
                doc.format.as_str(),
                doc.url,
                doc.title,
                serde_json::to_string(&doc.authors).unwrap_or_else(|_| "[]".into()),
                doc.site,
                doc.published,
                day_lo,
                day_hi,
                doc.lang,
                doc.source_id,
                doc.dateline_place,
                text,
                encode_spans(&sentences),
                sentences.len() as i64,
                mentions.len() as i64,
                quotes.len() as i64,
                dates.len() as i64,
                now(),
                doc.envelope.parent,
                crate::util::envelope_json(&doc.envelope),
        ])?;
        let seq = tx.last_insert_rowid();
        // Its copies among the stored documents, in the same transaction.
        crate::copies::record::record_print(
            tx,
            &mut self.store.keys.copies,
            seq,
            text,
            prepared.print.as_ref(),
        )?;
        if let Some(credits) = crate::credits::encode(&ann.credits, text) {
            tx.prepare_cached("UPDATE documents SET credits = ?2 WHERE seq = ?1")?
                .execute(params![seq, credits])?;
        }
        let mut new_entities = 0;
        // Entities whose name linking gives (it replaces a longest-surface
        // name), and the uses of each alias in this document, written once
        // per (entity, name) rather than once per mention.
        let named: std::collections::HashSet<&str> = staged_meta.iter().map(|m| m.id.as_str()).collect();
        let mut uses: std::collections::BTreeMap<(i64, String), (String, i64)> = Default::default();
        // (sentence, effective entity) of each linked mention, for the
        // co-occurrence counts (so they are not read back from SQLite).
        let mut linked: Vec<(Option<i64>, i64)> = Vec::new();
        let mut count_use = |eid: i64, alias: &str| {
            let key = name_key(alias);
            if !key.is_empty() {
                uses.entry((eid, key)).or_insert_with(|| (alias.to_string(), 0)).1 += 1;
            }
        };
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO mentions (doc, start, end, sent, label, text, entity_auto, entity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for m in &mentions {
                let surface = m.span.slice(text);
                let eid = match &m.entity {
                    Some(id) => {
                        let grow = !named.contains(id.as_str());
                        let (eid, new) = entity_eid(tx, &mut self.eids, id, surface, Some(m.label), grow)?;
                        new_entities += usize::from(new);
                        count_use(eid, surface);
                        Some(eid)
                    }
                    None => None,
                };
                let eff = eid.map(|e| *self.merged.get(&e).unwrap_or(&e));
                let sent = sentence_of(&sentences, m.span.start).map(|i| i as i64);
                if let Some(e) = eff {
                    linked.push((sent, e));
                }
                ins.execute(params![
                    seq,
                    m.span.start as i64,
                    m.span.end as i64,
                    sent,
                    m.label.as_str(),
                    surface,
                    eid,
                    eff
                ])?;
            }
            let mut ins = tx.prepare_cached(
                "INSERT INTO quotes (doc, kind, start, end, cue_start, cue_end, sp_start, sp_end, sp_text, sp_name, sp_key, \
                 sp_role, sp_entity_auto, sp_entity, confidence, candidates, date, date_source, day_lo, day_hi, ctx_start, ctx_end) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?;
            for q in &quotes {
                let cue = q.cue.filter(ok);
                let sp = q.speaker.as_ref().filter(|s| ok(&s.span));
                let sp_text = sp.map(|s| s.span.slice(text));
                let sp_name = sp.and_then(|s| s.name.clone());
                let sp_key = sp_name.as_deref().or(sp_text).map(name_key);
                let sp_eid = match sp.and_then(|s| s.entity.as_deref()) {
                    Some(id) => {
                        let name = sp_name.as_deref().or(sp_text).unwrap_or(id);
                        let grow = !named.contains(id);
                        let (eid, new) =
                            entity_eid(tx, &mut self.eids, id, name, Some(EntityLabel::Per), grow)?;
                        new_entities += usize::from(new);
                        // The speaker's words are a name the corpus uses
                        // for it when they are words of its name (`Kiljunen`,
                        // not `he` or `the envoy`) and no mention holds them.
                        if let (Some(t), Some(s)) = (sp_text, sp) {
                            let covered = mentions.iter().any(|m| m.span.overlaps(&s.span));
                            let full = name_key(name);
                            let words: Vec<&str> = full.split(' ').collect();
                            let key = name_key(t);
                            if !covered && !key.is_empty() && key.split(' ').all(|w| words.contains(&w)) {
                                count_use(eid, t);
                            }
                        }
                        // The name the quote gives its speaker finds it too
                        // (uncounted: `he` is not a use of the name).
                        if let Some(n) = &sp_name {
                            add_name(tx, eid, n)?;
                        }
                        Some(eid)
                    }
                    None => None,
                };
                let sp_eff = sp_eid.map(|e| *self.merged.get(&e).unwrap_or(&e));
                // The words around the quote: every sentence touching its
                // content, cue or speaker.
                let mut lo = q.span.start;
                let mut hi = q.span.end;
                for s in [cue, sp.map(|s| s.span)].into_iter().flatten() {
                    lo = lo.min(s.start);
                    hi = hi.max(s.end);
                }
                let ctx_lo = sentence_of(&sentences, lo).map_or(lo, |i| sentences[i].start);
                let ctx_hi =
                    sentence_of(&sentences, hi.saturating_sub(1)).map_or(hi, |i| sentences[i].end.max(hi));
                // Filters and the timeline use the statement's own date, or
                // the document's when the text gives none.
                let eff_date = q.date.as_deref().or(doc.published.as_deref());
                let (qlo, qhi) = eff_date.and_then(date_bounds).unzip();
                ins.execute(params![
                    seq,
                    q.kind.as_str(),
                    q.span.start as i64,
                    q.span.end as i64,
                    cue.map(|c| c.start as i64),
                    cue.map(|c| c.end as i64),
                    sp.map(|s| s.span.start as i64),
                    sp.map(|s| s.span.end as i64),
                    sp_text,
                    sp_name,
                    sp_key,
                    sp.and_then(|s| s.role.clone()),
                    sp_eid,
                    sp_eff,
                    q.confidence.map(f64::from),
                    serde_json::to_string(&q.candidates).unwrap_or_else(|_| "[]".into()),
                    q.date,
                    q.date_source.map(|s| s.as_str()),
                    qlo,
                    qhi,
                    ctx_lo as i64,
                    ctx_hi as i64,
                ])?;
                let qid = tx.last_insert_rowid();
                new_entities += add_via(tx, &mut self.eids, (seq, qid), text, &q.via)?;
                // The same statement in other documents (by the speaker as
                // the analyst sees it, or by name when not linked).
                if let Some(speaker) = crate::statements::record::speaker_ident(sp_eff, sp_name.as_deref()) {
                    crate::statements::record::record(
                        tx,
                        &mut self.store.keys.statements,
                        qid,
                        speaker,
                        q.span.slice(text),
                    )?;
                }
            }
            let mut ins = tx.prepare_cached(
                "INSERT INTO dates (doc, start, end, sent, value, day_lo, day_hi) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for d in &dates {
                let (lo, hi) = date_bounds(&d.value).unzip();
                ins.execute(params![
                    seq,
                    d.span.start as i64,
                    d.span.end as i64,
                    sentence_of(&sentences, d.span.start).map(|i| i as i64),
                    d.value,
                    lo,
                    hi
                ])?;
            }
        }
        for ((eid, key), (alias, n)) in uses {
            // Read, then insert or update: an upsert `RETURNING` the count
            // is a statement SQLite runs with a statement journal (the
            // RETURNING clause works as a trigger), a page copied for every
            // alias of every document; these single-row statements open none.
            let old: Option<i64> = tx
                .prepare_cached("SELECT count FROM aliases WHERE eid = ?1 AND key = ?2")?
                .query_row(params![eid, key], |r| r.get(0))
                .optional()?;
            match old {
                None => {
                    tx.prepare_cached(
                        "INSERT INTO aliases (eid, key, alias, count) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![eid, key, alias, n])?;
                }
                Some(_) => {
                    tx.prepare_cached("UPDATE aliases SET count = count + ?3 WHERE eid = ?1 AND key = ?2")?
                        .execute(params![eid, key, n])?;
                }
            }
            // A new name (or one only known uncounted so far): its words
            // find the entity, as the upsert's `count == n` decided.
            if old.unwrap_or(0) == 0 {
                crate::summary::add_alias_words(tx, eid, &key)?;
            }
        }
        for m in staged_meta {
            let (eid, new) = entity_eid(tx, &mut self.eids, &m.id, &m.name, Some(m.label), false)?;
            new_entities += usize::from(new);
            // Only a change is written (an unchanged row dirties no page).
            let changed = tx
                .prepare_cached(
                    "UPDATE entities SET name = ?2, label = ?3, kind = ?4, facts = ?5 WHERE eid = ?1 \
                     AND (name IS NOT ?2 OR label IS NOT ?3 OR kind IS NOT ?4 OR facts IS NOT ?5)",
                )?
                .execute(params![eid, m.name, m.label.as_str(), m.kind, m.facts])?;
            // The place columns follow the facts they repeat.
            if changed > 0 {
                let p = m.place.as_ref();
                tx.prepare_cached(
                    "UPDATE entities SET geonames = ?2, place_kind = ?3, country_code = ?4, lat = ?5, lon = ?6 \
                     WHERE eid = ?1",
                )?
                .execute(params![
                    eid,
                    p.map(|p| p.geonames),
                    p.map(|p| p.kind.as_str()),
                    p.map(|p| p.country.as_str()),
                    p.and_then(|p| p.lat),
                    p.and_then(|p| p.lon)
                ])?;
            }
            // Its canonical and knowledge-base names find it too
            // (`Otunbayeva` when the text wrote `Otunbaeva`), counted 0:
            // they are not forms the corpus used. They follow the name and
            // facts, so only a changed row can bring new ones.
            if changed > 0 {
                for n in &m.names {
                    add_name(tx, eid, n)?;
                }
            }
        }
        crate::summary::record_document(tx, seq, (mentions.len(), quotes.len(), dates.len()))?;
        Ok(Written { seq, mentions: mentions.len(), quotes: quotes.len(), new_entities, linked })
    }

    /// Commits the full-text index now (readers then see every document
    /// added so far).
    pub fn commit_index(&mut self) -> Result<()> {
        self.commit_index_and(true)
    }

    /// Commits the full-text index, and the co-occurrence batch too with
    /// `cooc` (without: it waits until full or due, see [`COOC_LAG_SECS`]).
    fn commit_index_and(&mut self, cooc: bool) -> Result<()> {
        // The index never records a document SQLite could still lose.
        self.commit_batch()?;
        if cooc {
            self.flush_cooc()?;
        }
        if self.pending > 0 {
            FullText::commit(&mut self.index, self.last_seq)?;
            self.pending = 0;
        }
        self.last_commit = std::time::Instant::now();
        Ok(())
    }

    /// Writes the co-occurrence batch (after the documents it counts are
    /// committed).
    fn flush_cooc(&mut self) -> Result<()> {
        self.cooc.flush(&mut self.store.conn)?;
        self.cooc_written = std::time::Instant::now();
        Ok(())
    }

    /// Commits the open batch of documents to SQLite (readers then see
    /// them).
    pub fn commit_batch(&mut self) -> Result<()> {
        if self.in_batch {
            self.store.conn.execute_batch("COMMIT")?;
            self.in_batch = false;
            self.batch_docs = 0;
        }
        self.batch.clear();
        Ok(())
    }

    /// Records that the stored document `id` was also found in `parent`
    /// under `filename` (an attachment met again in another message).
    pub fn found_in(&mut self, id: &str, parent: &str, filename: Option<&str>) -> Result<()> {
        self.begin_batch()?;
        if insert_found_in(&self.store.conn, parent, id, filename)? {
            self.batch.push(Logged::FoundIn {
                parent: parent.to_string(),
                id: id.to_string(),
                filename: filename.map(str::to_string),
            });
        }
        Ok(())
    }

    /// Commits the index and releases the writer.
    pub fn finish(mut self) -> Result<()> {
        self.commit_index()?;
        self.store.conn.execute_batch("PRAGMA optimize;")?;
        Ok(())
    }
}

/// Stores the channels of quote `qid` of document `seq` (`told
/// Kommersant`), each linked name an entity row that its name finds;
/// returns the entities new to the store.
fn add_via(
    tx: &Connection,
    cache: &mut HashMap<String, i64>,
    (seq, qid): (i64, i64),
    text: &str,
    via: &[Via],
) -> Result<usize> {
    if via.is_empty() {
        return Ok(0);
    }
    let mut new_entities = 0;
    let mut eids = Vec::with_capacity(via.len());
    for v in via {
        eids.push(match (&v.entity, &v.name) {
            (Some(id), Some(name)) => {
                let (eid, new) = entity_eid(tx, cache, id, name, Some(EntityLabel::Org), false)?;
                new_entities += usize::from(new);
                add_name(tx, eid, name)?;
                Some(eid)
            }
            _ => None,
        });
    }
    crate::via::insert(tx, seq, qid, text, via, &eids)?;
    Ok(new_entities)
}

/// True when a document with this id is stored.
pub fn contains(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

/// The entity key of `id`, creating the entity (named after `name`) when
/// new; with `grow`, an existing entity's name grows to the longest form
/// seen, so `kimmo-kiljunen` is shown as `Kimmo Kiljunen` rather than
/// `Kiljunen` (without: linking names it, see [`EntityMeta`]).
fn entity_eid(
    conn: &Connection,
    cache: &mut HashMap<String, i64>,
    id: &str,
    name: &str,
    label: Option<EntityLabel>,
    grow: bool,
) -> Result<(i64, bool)> {
    if let Some(&eid) = cache.get(id) {
        if grow {
            conn.prepare_cached(
                "UPDATE entities SET name = ?2 WHERE eid = ?1 AND length(name) < length(?2)",
            )?
            .execute(params![eid, name])?;
        }
        return Ok((eid, false));
    }
    let found: Option<(i64, String)> = conn
        .prepare_cached("SELECT eid, name FROM entities WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (eid, new) = match found {
        Some((eid, old)) => {
            if grow && name.chars().count() > old.chars().count() {
                conn.prepare_cached("UPDATE entities SET name = ?2 WHERE eid = ?1")?
                    .execute(params![eid, name])?;
            }
            (eid, false)
        }
        None => {
            conn.prepare_cached("INSERT INTO entities (id, name, label) VALUES (?1, ?2, ?3)")?
                .execute(params![id, name, label.map(|l| l.as_str())])?;
            (conn.last_insert_rowid(), true)
        }
    };
    if cache.len() >= ENTITY_CACHE {
        cache.clear();
    }
    cache.insert(id.to_string(), eid);
    Ok((eid, new))
}

/// Makes `name` find entity `eid` without counting a use of it (an alias
/// with count 0, unless the name is already an alias).
fn add_name(conn: &Connection, eid: i64, name: &str) -> Result<()> {
    let key = name_key(name);
    if !key.is_empty() {
        let inserted = conn
            .prepare_cached("INSERT OR IGNORE INTO aliases (eid, key, alias, count) VALUES (?1, ?2, ?3, 0)")?
            .execute(params![eid, key, name])?;
        if inserted > 0 {
            crate::summary::add_alias_words(conn, eid, &key)?;
        }
    }
    Ok(())
}

/// Indexes every document with `seq > after`, committing in batches; the
/// last commit records the highest `seq` (and happens even when there was
/// nothing to add, so that a preceding delete is committed). Returns the
/// number indexed.
pub(crate) fn index_since(
    conn: &Connection,
    ft: &FullText,
    w: &mut IndexWriter,
    after: i64,
) -> Result<usize> {
    let mut stmt =
        conn.prepare("SELECT seq, title, text, site, day_lo FROM documents WHERE seq > ?1 ORDER BY seq")?;
    let mut rows = stmt.query([after])?;
    let mut n = 0;
    let mut last = after;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let title: Option<String> = r.get(1)?;
        let text: String = r.get(2)?;
        let site: Option<String> = r.get(3)?;
        let day: Option<String> = r.get(4)?;
        ft.add(
            w,
            &IndexDoc {
                seq,
                title: title.as_deref(),
                text: &text,
                site: site.as_deref(),
                day: day.as_deref(),
            },
        )?;
        n += 1;
        last = seq;
        if n % INDEX_COMMIT_DOCS == 0 {
            FullText::commit(w, last)?;
        }
    }
    if n > 0 || after == 0 {
        FullText::commit(w, last)?;
    }
    Ok(n)
}

/// Files document `id` under the container `parent` (as `filename`); true
/// when a row was written (not there already).
fn insert_found_in(conn: &Connection, parent: &str, id: &str, filename: Option<&str>) -> Result<bool> {
    let n = conn
        .prepare_cached("INSERT OR IGNORE INTO found_in (parent, doc, filename) VALUES (?1, ?2, ?3)")?
        .execute(params![parent, id, filename])?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::{Format, Mention};
    use std::time::{Duration, Instant};

    /// An article written for this test: two people in one sentence; `n`
    /// makes its id and text unique.
    fn article(n: usize) -> (Document, Annotations) {
        let text = format!("Mira Holt met Teodor Vasko in Brill on day {n}.");
        let span = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let person = |w: &str, id: &str| Mention {
            span: span(w),
            label: EntityLabel::Per,
            entity: Some(id.to_string()),
        };
        let ann = Annotations {
            sentences: vec![Span::new(0, text.len())],
            entities: vec![person("Mira Holt", "mira-holt"), person("Teodor Vasko", "teodor-vasko")],
            ..Default::default()
        };
        (Document::new(format!("d{n}"), format!("d{n}.txt"), Format::Text, text.clone()), ann)
    }

    fn cooc_rows(store: &Store) -> i64 {
        store.conn().query_row("SELECT count(*) FROM cooc", [], |r| r.get(0)).unwrap()
    }

    /// One row-count query.
    fn count(store: &Store, sql: &str) -> i64 {
        store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_document_failing_halfway_leaves_its_batch_whole_and_the_rest_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(dir.path()).unwrap();
        let mut w = store.writer().unwrap();
        // A mention named `Zora Fail` cannot be stored: the document that
        // has one fails after its first mention row is written.
        w.store
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.mentions WHEN NEW.text = 'Zora Fail' \
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
            )
            .unwrap();
        let record = |id: &str, data: &str| LinkRecord {
            id: id.into(),
            data: data.into(),
            keys: vec![format!("id:{id}"), format!("n:{data}")],
        };
        for n in 1..=2 {
            let (doc, ann) = article(n);
            w.stage_link_record(record("mira-holt", &format!("v{n}")));
            assert!(w.add(&doc, &ann).unwrap().is_added());
        }
        assert_eq!(w.batch.len(), 2, "both documents are held with the open transaction");
        // The third: Mira Holt is written, then Zora Fail is refused.
        let text = "Mira Holt met Zora Fail in Brill.";
        let (doc, mut ann) = article(3);
        let doc = Document::new(doc.id, doc.path, Format::Text, text.into());
        ann.sentences = vec![Span::new(0, text.len())];
        ann.entities[1].span = Span::new(14, 23);
        ann.entities[1].entity = Some("zora-fail".into());
        w.stage_link_record(record("zora-fail", "v3"));
        w.stage_link_record(record("mira-holt", "v3"));
        assert!(w.add(&doc, &ann).is_err());
        // The writer goes on with the next document.
        let (doc, ann) = article(4);
        w.stage_link_record(record("mira-holt", "v4"));
        assert!(w.add(&doc, &ann).unwrap().is_added());
        w.finish().unwrap();
        let ids: Vec<String> = store
            .conn()
            .prepare("SELECT id || ':' || seq FROM documents ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(ids, ["d1:1", "d2:2", "d4:3"]);
        assert_eq!(count(&store, "SELECT count(*) FROM mentions"), 6, "no mention of the failed document");
        assert_eq!(count(&store, "SELECT count(*) FROM entities WHERE id = 'zora-fail'"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM link_records WHERE id = 'zora-fail'"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM link_keys WHERE id = 'mira-holt'"), 4);
        let data: String = store
            .conn()
            .query_row("SELECT data FROM link_records WHERE id = 'mira-holt'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(data, "v4");
        // Counted once each, though the first two were written twice.
        assert_eq!(count(&store, "SELECT count FROM aliases WHERE key = 'mira holt'"), 3);
        assert_eq!(count(&store, "SELECT documents FROM totals"), 3);
        assert_eq!(count(&store, "SELECT min(docs) FROM cooc"), 3);
        let s = store.stats().unwrap();
        assert_eq!((s.documents, s.mentions, s.indexed_documents), (3, 6, 3));
    }

    #[test]
    fn a_timed_index_commit_writes_cooccurrences_only_once_they_are_due() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(dir.path()).unwrap();
        let mut w = store.writer().unwrap();
        let ago = |secs: u64| Instant::now() - Duration::from_secs(secs);
        // The index commit is due, the co-occurrence batch is not.
        w.last_commit = ago(INDEX_COMMIT_SECS + 1);
        let (doc, ann) = article(1);
        w.add(&doc, &ann).unwrap();
        assert_eq!(w.pending, 0, "the index was committed");
        assert_eq!(cooc_rows(w.store), 0, "the pairs wait in the batch");
        // Both due: the pairs of both documents are written at once.
        w.last_commit = ago(INDEX_COMMIT_SECS + 1);
        w.cooc_written = ago(COOC_LAG_SECS + 1);
        let (doc, ann) = article(2);
        w.add(&doc, &ann).unwrap();
        assert_eq!(cooc_rows(w.store), 2, "one row per direction");
        let docs: i64 = w.store.conn().query_row("SELECT min(docs) FROM cooc", [], |r| r.get(0)).unwrap();
        assert_eq!(docs, 2);
        w.finish().unwrap();
    }
}
