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
//!   or word prefix (`/api/entities?q=`, `--speaker Kiljunen`).
//!
//! The writer calls [`record_document`] after inserting a document's rows;
//! decisions (merge, split, undo) change which entity a mention counts for,
//! so they call [`refresh_entities`] for the entities they touch. Schema
//! migration 2 → 3 builds all three from the stored rows
//! ([`rebuild`]).

use rusqlite::{params, Connection};

use crate::Result;

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

/// Counts one newly inserted document (`seq`) into the totals and the
/// counters of every entity it mentions or quotes. Runs inside the
/// writer's transaction, after the document's rows are inserted.
pub fn record_document(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE totals SET documents = documents + 1, mentions = mentions + d.n_mentions, \
         quotes = quotes + d.n_quotes, dates = dates + d.n_dates FROM (SELECT n_mentions, n_quotes, n_dates \
         FROM documents WHERE seq = ?1) AS d",
    )?
    .execute([seq])?;
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
    Ok(())
}

/// Rebuilds every summary table from the stored rows.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM totals; DELETE FROM entity_stats; DELETE FROM alias_words;
         INSERT INTO totals (id, documents, mentions, quotes, dates) VALUES (1,
           (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions),
           (SELECT count(*) FROM quotes), (SELECT count(*) FROM dates));",
    )?;
    conn.execute(&stats_sql("IS NOT NULL"), [])?;
    let keys: Vec<(i64, String)> = conn
        .prepare("SELECT eid, key FROM aliases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (eid, key) in keys {
        add_alias_words(conn, eid, &key)?;
    }
    Ok(())
}
