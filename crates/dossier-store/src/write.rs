//! The store's single writer: each document with all its annotations (and
//! the link state linking it changed) written whole, in its own savepoint
//! inside a SQLite transaction that groups up to [`BATCH_DOCS`] documents
//! or [`BATCH_MILLIS`] ms (so a crash loses at most the open batch, never
//! part of a document); the full-text index committed in larger batches,
//! always after the documents it holds.
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
/// Documents written in one SQLite transaction (each inside its own
/// savepoint, so a batch holds only whole documents): pages that several
/// documents touch (a common entity's rows, the tails of the annotation
/// tables) are written once per batch rather than once per document.
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
    filed: std::collections::HashSet<(String, String)>,
    /// True while a SQLite transaction is open.
    in_batch: bool,
    /// Documents in the open SQLite transaction.
    batch_docs: usize,
    /// When the open transaction began.
    batch_start: std::time::Instant,
}

impl Drop for Writer<'_> {
    /// Commits the documents already added (each is whole) when the writer
    /// is dropped without [`Writer::finish`], e.g. on an error elsewhere.
    fn drop(&mut self) {
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
        if doc.text.len() > MAX_TEXT_BYTES {
            return Err(StoreError::TooLarge(format!(
                "text of {} bytes, more than one document of the store holds ({MAX_TEXT_BYTES} bytes): not stored",
                doc.text.len()
            )));
        }
        let out = self.add_inner(doc, ann, prepared).map_err(|e| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::TooBig =>
            {
                StoreError::TooLarge(
                    "a value larger than the store holds (SQLite's 1 GB limit): not stored".into(),
                )
            }
            e => e,
        });
        if out.is_err() {
            // The document's savepoint was rolled back: forget what this
            // writer believed it had filed, and what was staged for it.
            self.filed.clear();
            self.clear_staged();
        }
        out
    }

    fn add_inner(
        &mut self,
        doc: &Document,
        ann: &Annotations,
        prepared: Option<Prepared>,
    ) -> Result<AddOutcome> {
        if !self.in_batch {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_batch = true;
            self.batch_start = std::time::Instant::now();
        }
        // One savepoint per document inside the batch: a document that
        // fails halfway is rolled back alone, so a batch only ever holds
        // whole documents.
        let tx = self.store.conn.savepoint()?;
        let exists = tx.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?.exists([&doc.id])?;
        if exists {
            self.staged.clear();
            self.staged_meta.clear();
            if note_found_in(&tx, doc)? {
                tx.commit()?;
            }
            return Ok(AddOutcome::Skipped);
        }
        note_found_in(&tx, doc)?;
        for rec in std::mem::take(&mut self.staged) {
            tx.prepare_cached("INSERT INTO link_records (id, data) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET data = ?2")?
                .execute(params![rec.id, rec.data])?;
            for k in &rec.keys {
                // Filed already (the linker files a record under the same
                // keys document after document): nothing to write.
                if self.filed.contains(&(k.clone(), rec.id.clone())) {
                    continue;
                }
                if self.filed.len() >= FILED_CACHE {
                    self.filed.clear();
                }
                self.filed.insert((k.clone(), rec.id.clone()));
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
        let prepared = prepared.unwrap_or_else(|| Prepared::of(doc));
        crate::copies::record::record_print(
            &tx,
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
        let named: std::collections::HashSet<String> =
            self.staged_meta.iter().map(|m| m.id.clone()).collect();
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
                        let grow = !named.contains(id);
                        let (eid, new) = entity_eid(&tx, &mut self.eids, id, surface, Some(m.label), grow)?;
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
                            entity_eid(&tx, &mut self.eids, id, name, Some(EntityLabel::Per), grow)?;
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
                            add_name(&tx, eid, n)?;
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
                new_entities += add_via(&tx, &mut self.eids, (seq, qid), text, &q.via)?;
                // The same statement in other documents (by the speaker as
                // the analyst sees it, or by name when not linked).
                if let Some(speaker) = crate::statements::record::speaker_ident(sp_eff, sp_name.as_deref()) {
                    crate::statements::record::record(
                        &tx,
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
            let count: i64 = tx
                .prepare_cached(
                    "INSERT INTO aliases (eid, key, alias, count) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (eid, key) DO UPDATE SET count = count + ?4 RETURNING count",
                )?
                .query_row(params![eid, key, alias, n], |r| r.get(0))?;
            if count == n {
                crate::summary::add_alias_words(&tx, eid, &key)?;
            }
        }
        for m in std::mem::take(&mut self.staged_meta) {
            let (eid, new) = entity_eid(&tx, &mut self.eids, &m.id, &m.name, Some(m.label), false)?;
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
                    add_name(&tx, eid, n)?;
                }
            }
        }
        crate::summary::record_document(&tx, seq)?;
        tx.commit()?;
        self.batch_docs += 1;
        self.cooc.add_document(seq, &linked);
        // The co-occurrence batch is written in its own transaction: after
        // the documents it counts.
        if self.cooc.is_full() {
            self.commit_batch()?;
            self.flush_cooc()?;
        } else if self.batch_docs >= BATCH_DOCS || self.batch_start.elapsed().as_millis() >= BATCH_MILLIS {
            self.commit_batch()?;
        }
        let day = doc.published.as_deref().and_then(date_bounds).map(|b| b.0);
        self.store.ft.add(
            &self.index,
            &IndexDoc {
                seq,
                title: doc.title.as_deref(),
                text,
                site: doc.site.as_deref(),
                day: day.as_deref(),
            },
        )?;
        self.last_seq = seq;
        self.pending += 1;
        if self.pending >= INDEX_COMMIT_DOCS || self.last_commit.elapsed().as_secs() >= INDEX_COMMIT_SECS {
            let cooc_due = self.cooc_written.elapsed().as_secs() >= COOC_LAG_SECS;
            self.commit_index_and(cooc_due)?;
        }
        Ok(AddOutcome::Added { seq, mentions: mentions.len(), quotes: quotes.len(), new_entities })
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
        Ok(())
    }

    /// Records that the stored document `id` was also found in `parent`
    /// under `filename` (an attachment met again in another message).
    pub fn found_in(&mut self, id: &str, parent: &str, filename: Option<&str>) -> Result<()> {
        if !self.in_batch {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_batch = true;
            self.batch_start = std::time::Instant::now();
        }
        self.store
            .conn
            .prepare_cached("INSERT OR IGNORE INTO found_in (parent, doc, filename) VALUES (?1, ?2, ?3)")?
            .execute(params![parent, id, filename])?;
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

/// Files `doc` under the container its envelope names, if any; true when
/// a row was written.
fn note_found_in(tx: &rusqlite::Savepoint<'_>, doc: &Document) -> Result<bool> {
    let Some(parent) = &doc.envelope.parent else { return Ok(false) };
    let n = tx
        .prepare_cached("INSERT OR IGNORE INTO found_in (parent, doc, filename) VALUES (?1, ?2, ?3)")?
        .execute(params![parent, doc.id, doc.envelope.filename])?;
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
