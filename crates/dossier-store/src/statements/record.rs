//! The writer's half of statement clusters (see the module doc).

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::copies::fingerprint::{mix, word_hashes};
use crate::copies::record::{join_clusters, ClusterTable};
use crate::Result;

/// Stored quotes read from one key at most (the oldest filed first): a
/// word pair a speaker uses in hundreds of quotes (`of the`) is read no
/// further, so a quote costs at most this many rows per pair.
pub const MAX_PER_KEY: usize = 64;
/// Fewest word pairs (so words - 1) a quote needs to be clustered: `I
/// will not` could be anybody's, any day.
pub const MIN_PAIRS: usize = 3;

/// When two quotes of one speaker are one statement: the shorter quote's
/// word pairs are mostly in the longer one, and enough of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatementRule {
    /// Least share of the shorter quote's word pairs found in the other.
    pub containment: f64,
    /// Fewest shared word pairs.
    pub shared: usize,
}

/// The rule the writer applies, chosen on the dev half of the statements
/// corpus (`dossier eval statements --gold data/eval/statements/dev.jsonl
/// --sweep`): over the found quote pairs of one linked speaker, precision
/// 0.967 and recall 1.000 hold for every containment from 0.5 to 0.8 (0.957
/// at 0.4, recall 0.965 at 0.9); 0.6 sits inside that plateau. The test
/// half was scored once with it (docs/quality.md).
pub const RULE: StatementRule = StatementRule { containment: 0.6, shared: 3 };

impl StatementRule {
    /// Whether `shared` pairs of the shorter quote's `shorter` make one statement.
    pub fn holds(&self, shared: usize, shorter: usize) -> bool {
        shorter > 0 && shared >= self.shared && shared as f64 / shorter as f64 >= self.containment
    }
}

/// The distinct hashes of a text's consecutive word pairs (words as copies
/// reads them: letters and digits, lower-cased), sorted.
pub fn word_pairs(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let mut out: Vec<u64> = words.windows(2).map(|w| mix(w[0] ^ mix(w[1]))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Shared word pairs of two texts and their share of the smaller set.
pub fn pair_overlap(a: &str, b: &str) -> (usize, f64) {
    let (pa, pb) = (word_pairs(a), word_pairs(b));
    let o = crate::copies::fingerprint::overlap(&pa, &pb);
    (o.shared, o.containment)
}

/// The key of a word pair said by `speaker`: quotes are only ever compared
/// with the same speaker's.
fn key(speaker: i64, pair: u64) -> i64 {
    mix(pair ^ mix(speaker as u64)) as i64
}

/// Files quote `qid` (speaker entity row `speaker`, content `content`),
/// finds the stored quotes of the same speaker that are the same
/// statement, and records the pairs and the cluster. Runs inside the
/// document's transaction. Returns how many quotes it joined.
pub fn record(conn: &Connection, qid: i64, speaker: i64, content: &str) -> Result<usize> {
    let pairs = word_pairs(content);
    if pairs.len() < MIN_PAIRS {
        return Ok(0);
    }
    let keys: Vec<i64> = pairs.iter().map(|&p| key(speaker, p)).collect();
    // Stored quotes of the speaker by shared pairs.
    let mut shared: BTreeMap<i64, usize> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached("SELECT qid FROM statement_keys WHERE key = ?1 LIMIT ?2")?;
        for &k in &keys {
            for other in stmt.query_map(params![k, MAX_PER_KEY as i64], |r| r.get::<_, i64>(0))? {
                *shared.entry(other?).or_default() += 1;
            }
        }
    }
    let mut found: Vec<(i64, usize, f64)> = Vec::new();
    let mut size = conn.prepare_cached("SELECT pairs FROM statement_prints WHERE qid = ?1")?;
    for (other, n) in shared {
        if n < RULE.shared || other == qid {
            continue;
        }
        let Some(len) = size.query_row([other], |r| r.get::<_, i64>(0)).optional()? else { continue };
        let shorter = pairs.len().min(len as usize);
        if RULE.holds(n, shorter) {
            found.push((other, n, n as f64 / shorter as f64));
        }
    }
    conn.prepare_cached("INSERT OR REPLACE INTO statement_prints (qid, speaker, pairs) VALUES (?1, ?2, ?3)")?
        .execute(params![qid, speaker, pairs.len() as i64])?;
    let mut file = conn.prepare_cached("INSERT OR IGNORE INTO statement_keys (key, qid) VALUES (?1, ?2)")?;
    for k in keys {
        file.execute(params![k, qid])?;
    }
    if found.is_empty() {
        return Ok(0);
    }
    let mut pair = conn.prepare_cached(
        "INSERT OR REPLACE INTO statement_pairs (a, b, shared, containment) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (other, n, c) in &found {
        pair.execute(params![other, qid, *n as i64, c])?;
    }
    let table = ClusterTable { table: "statement_clusters", member: "qid" };
    join_clusters(conn, table, qid, found.iter().map(|f| f.0))?;
    Ok(found.len())
}

/// Files every stored quote with a linked speaker that has no print yet,
/// in the order they were stored (a store written before statements were
/// clustered).
pub fn backfill(conn: &Connection) -> Result<usize> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = conn
        .prepare(
            "SELECT q.qid, q.doc, q.sp_entity_auto, q.start, q.end FROM quotes q \
             WHERE q.sp_entity_auto IS NOT NULL AND q.qid NOT IN (SELECT qid FROM statement_prints) ORDER BY q.qid",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut text: Option<(i64, String)> = None;
    for &(qid, doc, speaker, start, end) in &rows {
        if text.as_ref().is_none_or(|(d, _)| *d != doc) {
            let t: String =
                conn.query_row("SELECT text FROM documents WHERE seq = ?1", [doc], |r| r.get(0))?;
            text = Some((doc, t));
        }
        let t = &text.as_ref().map(|(_, t)| t.as_str()).unwrap_or("");
        if let Some(content) = t.get(start.max(0) as usize..end.max(0) as usize) {
            record(conn, qid, speaker, content)?;
        }
    }
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_exact_words_hold_and_paraphrases_do_not() {
        let said = "Families have had three hard winters, and the city will not make a fourth one harder.";
        let carried = "Families have had three hard winters and the city will not make a fourth harder";
        let (n, c) = pair_overlap(said, carried);
        assert!(RULE.holds(n, word_pairs(carried).len().min(word_pairs(said).len())), "{n} {c}");
        let reworded = "We will not make a fourth winter harder for families.";
        let (n, c) = pair_overlap(said, reworded);
        assert!(!RULE.holds(n, word_pairs(reworded).len()), "{n} {c}");
        // A quote cut short is the same statement.
        let cut = "Families have had three hard winters";
        let (n, _) = pair_overlap(said, cut);
        assert!(RULE.holds(n, word_pairs(cut).len()));
    }

    #[test]
    fn pairs_ignore_case_and_punctuation() {
        assert_eq!(word_pairs("“We stay,” she said."), word_pairs("we stay she SAID"));
        assert_eq!(word_pairs("one").len(), 0);
    }
}
