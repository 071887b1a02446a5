//! Summary tables the writer keeps current in each document's transaction,
//! so that the questions asked on every page (how many documents, how often
//! is this entity seen, since when) are answered by one row read instead of
//! a scan of millions of mentions:
//!
//! - `totals`: one row, the store's document, mention, quote and date counts;
//! - `entity_stats`: per effective entity (after the analyst's decisions),
//!   the documents that mention or quote it, its mentions, its quotes, and
//!   the first and last publication day of those documents;
//! - `alias_words`: every word of every alias key, for name look-up by word
//!   or word prefix (`/api/entities?q=`, `--speaker Kiljunen`);
//! - `cooc`: for each pair of effective entities mentioned in one document
//!   (both directions), the documents and the sentences they share, so an
//!   entity's companions are one primary-key range, exact over the whole
//!   corpus;
//! - `quote_about`: each quote whose content mentions an entity, keyed in
//!   quote-list order (dated first, by day, document, position), so "what
//!   others say about it" is read a page at a time.
//!
//! The writer calls [`record_document`] after inserting a document's rows;
//! decisions (merge, split, undo) change which entity a mention counts for,
//! so they call [`refresh_entities`] for the entities they touch. Schema
//! migration 2 → 3 builds them all from the stored rows ([`rebuild`]).
//!
//! Co-occurrence is the one summary not written per document: a document
//! with 25 linked entities has 600 pairs, and upserting them one document
//! at a time halved ingest speed. The writer gathers pairs in memory
//! ([`CoocBatch`]) and adds them in one transaction with the index commits
//! (every few thousand documents or seconds), recording the last document
//! counted (`meta.cooc_upto`) in the same transaction. So `cooc` lags an
//! ingest the way the full-text index does, and a crash loses nothing:
//! the next writer counts the documents above the mark from SQLite
//! ([`catch_up_cooc`]).

use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::FxHashMap;

use crate::Result;

/// Documents per co-occurrence slice in [`rebuild`].
const REBUILD_DOCS: i64 = 2_000;

/// The SQL that recomputes `entity_stats` rows; `{filter}` restricts the
/// entities (an `IN (...)` list, or `IS NOT NULL` for all).
fn stats_sql(filter: &str) -> String {
    format!(
        "INSERT INTO entity_stats (eid, documents, mentions, quotes, first_seen, last_seen) \
         SELECT x.e, count(*), sum(x.nm), sum(x.nq), min(d.day_lo), max(d.day_hi) FROM ( \
           SELECT e, doc, sum(nm) AS nm, sum(nq) AS nq FROM ( \
             SELECT entity AS e, doc, count(*) AS nm, 0 AS nq FROM mentions WHERE entity {filter} GROUP BY entity, doc \
             UNION ALL \
             SELECT sp_entity, doc, 0, count(*) FROM quotes WHERE sp_entity {filter} GROUP BY sp_entity, doc \
           ) GROUP BY e, doc \
         ) x JOIN documents d ON d.seq = x.doc GROUP BY x.e"
    )
}

/// Co-occurrence pairs of the mentions matching `{filter}` (on `m1`), one
/// row per ordered pair, summed over documents: documents shared and
/// sentences shared.
fn cooc_sql(filter: &str, conflict: &str) -> String {
    format!(
        "INSERT INTO cooc (a, b, docs, sents) \
         SELECT m1.entity, m2.entity, count(DISTINCT m1.doc), \
                count(DISTINCT CASE WHEN m1.sent = m2.sent THEN (m1.doc << 24) | m1.sent END) \
         FROM mentions m1 JOIN mentions m2 ON m2.doc = m1.doc \
         WHERE {filter} AND m1.entity IS NOT NULL AND m2.entity IS NOT NULL AND m1.entity != m2.entity \
         GROUP BY m1.entity, m2.entity {conflict}"
    )
}

/// Adds to the counts of a pair already there.
const COOC_ADD: &str =
    "ON CONFLICT (a, b) DO UPDATE SET docs = docs + excluded.docs, sents = sents + excluded.sents";

/// The quotes whose content holds a mention matching `{filter}` (on `m`).
fn quote_about_sql(filter: &str) -> String {
    format!(
        "INSERT OR IGNORE INTO quote_about (eid, undated, day_lo, doc, start, qid) \
         SELECT m.entity, q.day_lo IS NULL, coalesce(q.day_lo, ''), q.doc, q.start, q.qid \
         FROM mentions m JOIN quotes q ON q.doc = m.doc AND m.start >= q.start AND m.start < q.end \
         WHERE {filter} AND m.entity IS NOT NULL"
    )
}

/// Counts one newly inserted document (`seq`, with the `n_mentions`,
/// `n_quotes` and `n_dates` its row was given) into the totals and the
/// counters of every entity it mentions or quotes. Runs inside the
/// writer's transaction, after the document's rows are inserted.
pub fn record_document(
    conn: &Connection,
    seq: i64,
    (mentions, quotes, dates): (usize, usize, usize),
) -> Result<()> {
    // One row by its key, values bound: SQLite updates it in place without
    // a statement journal (an `UPDATE … FROM` may change several rows, so
    // it opened one, copying the page first, for every document).
    conn.prepare_cached(
        "UPDATE totals SET documents = documents + 1, mentions = mentions + ?1, quotes = quotes + ?2, \
         dates = dates + ?3 WHERE id = 1",
    )?
    .execute(params![mentions as i64, quotes as i64, dates as i64])?;
    conn.prepare_cached(
        "INSERT INTO entity_stats (eid, documents, mentions, quotes, first_seen, last_seen) \
         SELECT e, 1, sum(nm), sum(nq), (SELECT day_lo FROM documents WHERE seq = ?1), \
                (SELECT day_hi FROM documents WHERE seq = ?1) FROM ( \
           SELECT entity AS e, count(*) AS nm, 0 AS nq FROM mentions WHERE doc = ?1 AND entity IS NOT NULL GROUP BY entity \
           UNION ALL \
           SELECT sp_entity, 0, count(*) FROM quotes WHERE doc = ?1 AND sp_entity IS NOT NULL GROUP BY sp_entity \
         ) WHERE true GROUP BY e \
         ON CONFLICT (eid) DO UPDATE SET documents = documents + 1, mentions = mentions + excluded.mentions, \
           quotes = quotes + excluded.quotes, \
           first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen), \
           last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen)",
    )?
    .execute([seq])?;
    conn.prepare_cached(&quote_about_sql("m.doc = ?1"))?.execute([seq])?;
    Ok(())
}

/// Records the words of an alias key for entity `eid` (idempotent).
pub fn add_alias_words(conn: &Connection, eid: i64, key: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO alias_words (word, eid) VALUES (?1, ?2)")?;
    for w in key.split(' ').filter(|w| !w.is_empty()) {
        stmt.execute(params![w, eid])?;
    }
    Ok(())
}

/// Recomputes the counters of the given entities from the effective
/// columns (after decisions moved mentions between entities).
pub fn refresh_entities(conn: &Connection, eids: &[i64]) -> Result<()> {
    if eids.is_empty() {
        return Ok(());
    }
    let list = eids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    conn.execute(&format!("DELETE FROM entity_stats WHERE eid IN ({list})"), [])?;
    conn.execute(&stats_sql(&format!("IN ({list})")), [])?;
    // Pairs with a touched entity on either side are recounted: the
    // touched side first, then the mirror rows of untouched partners.
    // Only documents already counted (an ingest may be running).
    let upto = cooc_upto(conn)?;
    conn.execute(&format!("DELETE FROM cooc WHERE a IN ({list}) OR b IN ({list})"), [])?;
    conn.execute(&cooc_sql(&format!("m1.entity IN ({list}) AND m1.doc <= {upto}"), ""), [])?;
    conn.execute(
        &format!(
            "INSERT INTO cooc (a, b, docs, sents) SELECT b, a, docs, sents FROM cooc \
             WHERE a IN ({list}) AND b NOT IN ({list})"
        ),
        [],
    )?;
    conn.execute(&format!("DELETE FROM quote_about WHERE eid IN ({list})"), [])?;
    conn.execute(&quote_about_sql(&format!("m.entity IN ({list})")), [])?;
    Ok(())
}

/// Rebuilds every summary table from the stored rows.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM totals; DELETE FROM entity_stats; DELETE FROM alias_words; DELETE FROM cooc;
         DELETE FROM quote_about;
         INSERT INTO totals (id, documents, mentions, quotes, dates) VALUES (1,
           (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions),
           (SELECT count(*) FROM quotes), (SELECT count(*) FROM dates));",
    )?;
    conn.execute(&stats_sql("IS NOT NULL"), [])?;
    conn.execute(&quote_about_sql("1"), [])?;
    // Pairs a slice of documents at a time, so the grouping stays small.
    let max: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM documents", [], |r| r.get(0))?;
    set_cooc_upto(conn, 0)?;
    cooc_range(conn, 0, max)?;
    let keys: Vec<(i64, String)> = conn
        .prepare("SELECT eid, key FROM aliases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (eid, key) in keys {
        add_alias_words(conn, eid, &key)?;
    }
    Ok(())
}

/// The last document counted in `cooc` (documents are counted in `seq`
/// order).
pub fn cooc_upto(conn: &Connection) -> Result<i64> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'cooc_upto'", [], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn set_cooc_upto(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('cooc_upto', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1",
    )?
    .execute([seq.to_string()])?;
    Ok(())
}

/// Counts documents `after < seq <= upto` into `cooc` from SQLite, a slice
/// at a time, and moves the mark.
fn cooc_range(conn: &Connection, after: i64, upto: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached(&cooc_sql("m1.doc > ?1 AND m1.doc <= ?2", COOC_ADD))?;
    let mut lo = after;
    while lo < upto {
        let hi = (lo + REBUILD_DOCS).min(upto);
        stmt.execute([lo, hi])?;
        lo = hi;
    }
    set_cooc_upto(conn, upto.max(after))
}

/// Counts into `cooc` every stored document above the mark (after a crash
/// lost a writer's batch). Returns how many documents that was.
pub fn catch_up_cooc(conn: &mut Connection) -> Result<i64> {
    let upto = cooc_upto(conn)?;
    let max: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM documents", [], |r| r.get(0))?;
    if max <= upto {
        return Ok(0);
    }
    let tx = conn.transaction()?;
    cooc_range(&tx, upto, max)?;
    tx.commit()?;
    Ok(max - upto)
}

/// Most pairs a [`CoocBatch`] holds before it asks to be written. Each
/// pair in the batch costs two upserts when it is written (one a
/// direction), however many of its documents it appeared in, so the more
/// documents one batch covers the fewer upserts per document (common
/// people meet again): 200,000 ordered pairs (about 80 documents of the
/// synthetic corpus) spent a quarter of an ingest's CPU in these upserts.
/// 400,000 pairs with 32-bit counts fill a hash table of 2^19 slots of 24
/// bytes (~13 MB; the sorted copy made to write them ~10 MB, with a
/// 4-byte index of them turned round, 1.6 MB, once the table is freed).
/// The batch holds each unordered pair once (the counts are the same both
/// ways), so these 400,000 cover as many documents as 800,000 ordered
/// pairs did: on the 10,000-document synthetic corpus 806 upserts a
/// document instead of 1,195 (docs/performance.md). The index commits
/// (every few thousand documents or seconds) write the batch too.
const BATCH_PAIRS: usize = 400_000;

/// Pairs per statement when a [`CoocBatch`] is written. One upsert per
/// pair spent more on the statement than on the row (binding, opening the
/// table's and its two indexes' cursors, finishing); one statement of 64
/// rows pays that once and keeps its cursors open from one pair to the
/// next, which come in key order. 256 parameters, far below SQLite's limit.
const FLUSH_ROWS: usize = 64;

/// The upsert of `rows` pairs (a, b, docs, sents) into `cooc`, adding to the
/// counts of a pair already there.
fn upsert_cooc_sql(rows: usize) -> String {
    let values = vec!["(?, ?, ?, ?)"; rows].join(", ");
    format!("INSERT INTO cooc (a, b, docs, sents) VALUES {values} {COOC_ADD}")
}

/// A co-occurring pair (a, b) with its (documents, sentences) counts.
type PairCounts = ((i64, i64), (u32, u32));

/// The parameters of [`upsert_cooc_sql`] for `rows`.
fn pair_params(rows: &[PairCounts]) -> impl rusqlite::Params + '_ {
    rusqlite::params_from_iter(rows.iter().flat_map(|&((a, b), (d, s))| [a, b, i64::from(d), i64::from(s)]))
}

/// Upserts `pairs` (in key order) into `cooc`, [`FLUSH_ROWS`] a statement.
fn upsert_pairs(conn: &Connection, pairs: impl Iterator<Item = PairCounts>) -> Result<()> {
    let mut stmt = conn.prepare_cached(&upsert_cooc_sql(FLUSH_ROWS))?;
    let mut rows = Vec::with_capacity(FLUSH_ROWS);
    for pair in pairs {
        rows.push(pair);
        if rows.len() == FLUSH_ROWS {
            stmt.execute(pair_params(&rows))?;
            rows.clear();
        }
    }
    if !rows.is_empty() {
        conn.prepare(&upsert_cooc_sql(rows.len()))?.execute(pair_params(&rows))?;
    }
    Ok(())
}

/// Both directions of `pairs` (each (a, b) with a < b, sorted), merged
/// into one run in key order, so a flush walks the table once, front to
/// back. The turned-round pairs (b, a) are put in order through a 4-byte
/// index into `pairs` (sorted in place, so no scratch buffer), not a
/// second copy of the 24-byte entries; a forward and a turned-round key
/// are never equal (a < b against b > a).
fn both_ways(pairs: &[PairCounts]) -> impl Iterator<Item = PairCounts> + '_ {
    let n = u32::try_from(pairs.len()).expect("a co-occurrence batch under 2^32 pairs");
    let mut turned: Vec<u32> = (0..n).collect();
    turned.sort_unstable_by_key(|&i| {
        let (a, b) = pairs[i as usize].0;
        (b, a)
    });
    let mut forward = pairs.iter().copied().peekable();
    let mut backward = turned
        .into_iter()
        .map(|i| {
            let ((a, b), counts) = pairs[i as usize];
            ((b, a), counts)
        })
        .peekable();
    std::iter::from_fn(move || match (forward.peek(), backward.peek()) {
        (Some(f), Some(b)) if b.0 < f.0 => backward.next(),
        (Some(_), _) => forward.next(),
        (None, _) => backward.next(),
    })
}

/// Co-occurrence pairs of a batch of new documents, counted in memory.
#[derive(Debug, Default)]
pub struct CoocBatch {
    /// (a, b) → (documents, sentences), with a < b: the pair (b, a) has the
    /// same counts and is written from the same entry. The counts are of
    /// this batch only, so 32 bits hold them. Fx, not the standard SipHash:
    /// the keys are the store's own entity numbers, and hashing was a third
    /// of the cost of counting (written in key order, so the hash never
    /// shows in the store).
    pairs: FxHashMap<(i64, i64), (u32, u32)>,
    /// The last document counted.
    upto: Option<i64>,
}

impl CoocBatch {
    /// Counts the pairs of document `seq`, given the (sentence, effective
    /// entity) of each of its linked mentions as the writer stored them
    /// (the rows of `mentions` with an `entity`); documents must come in
    /// `seq` order.
    pub fn add_document(&mut self, seq: i64, rows: &[(Option<i64>, i64)]) {
        let mut ents: Vec<i64> = rows.iter().map(|r| r.1).collect();
        ents.sort_unstable();
        ents.dedup();
        for (i, &a) in ents.iter().enumerate() {
            for &b in &ents[i + 1..] {
                self.pairs.entry((a, b)).or_default().0 += 1;
            }
        }
        let mut by_sent: Vec<(i64, i64)> = rows.iter().filter_map(|&(s, e)| s.map(|s| (s, e))).collect();
        by_sent.sort_unstable();
        by_sent.dedup();
        // Sorted by (sentence, entity) and deduplicated, so within a
        // sentence the entities are distinct and ascending.
        for group in by_sent.chunk_by(|x, y| x.0 == y.0) {
            for (i, x) in group.iter().enumerate() {
                for y in &group[i + 1..] {
                    self.pairs.entry((x.1, y.1)).or_default().1 += 1;
                }
            }
        }
        self.upto = Some(seq);
    }

    /// Whether the batch is big enough to be written now.
    pub fn is_full(&self) -> bool {
        self.pairs.len() >= BATCH_PAIRS
    }

    /// Adds the batch to `cooc` and moves the mark, in one transaction,
    /// then empties it.
    pub fn flush(&mut self, conn: &mut Connection) -> Result<()> {
        let Some(upto) = self.upto else { return Ok(()) };
        let tx = conn.transaction()?;
        // The map's table is freed once its entries are moved out, so the
        // index of the turned-round pairs is not held beside it.
        let mut pairs: Vec<_> = std::mem::take(&mut self.pairs).into_iter().collect();
        pairs.sort_unstable_by_key(|p| p.0);
        upsert_pairs(&tx, both_ways(&pairs))?;
        set_cooc_upto(&tx, upto)?;
        tx.commit()?;
        self.upto = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cooc` as (a, b, docs, sents) rows, in key order.
    fn rows(conn: &Connection) -> Vec<(i64, i64, i64, i64)> {
        let mut stmt = conn.prepare("SELECT a, b, docs, sents FROM cooc ORDER BY a, b").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn both_directions_come_out_as_one_run_in_key_order() {
        // Pairs (a, b) with a < b in key order, three of them sharing b = 5.
        let pairs: Vec<PairCounts> =
            vec![((1, 5), (1, 0)), ((2, 3), (2, 1)), ((2, 9), (1, 1)), ((3, 5), (4, 0)), ((4, 5), (1, 0))];
        let run: Vec<PairCounts> = both_ways(&pairs).collect();
        let keys: Vec<(i64, i64)> = run.iter().map(|p| p.0).collect();
        let want = vec![(1, 5), (2, 3), (2, 9), (3, 2), (3, 5), (4, 5), (5, 1), (5, 3), (5, 4), (9, 2)];
        assert_eq!(keys, want, "every pair both ways, one run in key order");
        assert!(run.contains(&((3, 2), (2, 1))) && run.contains(&((9, 2), (1, 1))), "{run:?}");
    }

    #[test]
    fn a_batch_holds_each_pair_once_and_writes_it_both_ways() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        // Entities 30, 10 and 20 in one document, 10 and 30 also in one
        // sentence; a second document with 20 and 10.
        let mut batch = CoocBatch::default();
        batch.add_document(1, &[(Some(0), 30), (Some(0), 10), (Some(1), 20), (None, 10)]);
        batch.add_document(2, &[(Some(0), 20), (Some(1), 10)]);
        assert_eq!(batch.pairs.len(), 3, "{{10, 20}}, {{10, 30}}, {{20, 30}} once each");
        batch.flush(&mut conn).unwrap();
        let want = vec![
            (10, 20, 2, 0),
            (10, 30, 1, 1),
            (20, 10, 2, 0),
            (20, 30, 1, 0),
            (30, 10, 1, 1),
            (30, 20, 1, 0),
        ];
        assert_eq!(rows(&conn), want);
    }

    #[test]
    fn batches_of_any_size_add_up_to_the_counts_of_every_document() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); \
             CREATE TABLE cooc (a INTEGER NOT NULL, b INTEGER NOT NULL, docs INTEGER NOT NULL, \
             sents INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID; \
             CREATE INDEX cooc_docs ON cooc(a, docs DESC, b) WHERE docs > 1; \
             CREATE INDEX cooc_sents ON cooc(a, sents DESC, b) WHERE sents > 0;",
        )
        .unwrap();
        // Document d mentions entities d..d+12 (13 entities, 156 ordered
        // pairs), entity d alone in sentence 1 and the others in sentence
        // 0; written after 1, 2 and 3 documents, so the batches hold more
        // and fewer pairs than one statement writes, and later batches add
        // to rows already there.
        let mut batch = CoocBatch::default();
        for (d, flush) in [(1, true), (2, false), (3, true), (4, false), (5, false), (6, true)] {
            let mentions: Vec<(Option<i64>, i64)> =
                (d..d + 13).map(|e| (Some(i64::from(e != d) ^ 1), e)).collect();
            batch.add_document(d, &mentions);
            if flush {
                batch.flush(&mut conn).unwrap();
            }
        }
        assert_eq!(cooc_upto(&conn).unwrap(), 6);
        let mut want = Vec::new();
        for a in 1..19i64 {
            for b in 1..19i64 {
                let docs: Vec<i64> = (1..=6)
                    .filter(|&d| a != b && (d..d + 13).contains(&a) && (d..d + 13).contains(&b))
                    .collect();
                let sents = docs.iter().filter(|&&d| a != d && b != d).count() as i64;
                if !docs.is_empty() {
                    want.push((a, b, docs.len() as i64, sents));
                }
            }
        }
        assert_eq!(rows(&conn), want);
    }
}
