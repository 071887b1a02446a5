//! The writer's half of statement clusters (see the module doc).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection, OptionalExtension};

use crate::copies::fingerprint::{mix, word_hashes};
use crate::copies::keys::{Filed, Keys};
use crate::copies::record::{join_clusters, ClusterTable};
use crate::Result;

use super::signature::{signature, Probe};

/// Stored quotes one key holds at most. A key that holds this many is a
/// *stop pair* of its speaker (a word pair they use in quote after quote,
/// `of the`): it names no candidates and takes no more quotes. Its members
/// are only its oldest quotes with that pair (no quote filed after it
/// filled could be found through it), and in `dossier bench statements`
/// no joined pair was found through a full key alone (docs/performance.md,
/// issue #20), while such keys named a third of the prints read. A quote
/// compares only members of its keys that still take quotes, and walks
/// past its stop pairs to [`SKETCH`] such keys ([`open_keys`]), so it
/// reads at most this many rows per pair it has; the store's writer
/// remembers the stop pairs it has met ([`super::stops`]), so each is read
/// once rather than by every quote that walks past it.
pub const MAX_PER_KEY: usize = 64;
/// Fewest word pairs (so words - 1) a quote needs to be clustered: `I
/// will not` could be anybody's, any day.
pub const MIN_PAIRS: usize = 3;
/// Word pairs a quote is filed under at most: the ones whose hash under a
/// fixed seed is least (a bottom-k min-hash sketch). A quote whose pairs
/// are mostly inside another's shares at least one of them with the
/// other's sketch unless all of the other's least pairs fall outside it:
/// for a shorter quote holding a share `c` of the longer one's pairs, a
/// chance of `(1 - c)^8` (0.07% at `c = 0.6`). Filing under a bounded number
/// of pairs (rather than all ~25) keeps the key table small enough to stay
/// in SQLite's page cache (docs/performance.md).
pub const SKETCH: usize = 8;
/// The seed of the sketch's hash (any fixed value; changing it changes
/// which keys stored quotes are filed under: a schema migration).
const SKETCH_SEED: u64 = 0x5ce7_c400_0000_0008;

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

/// Who a quote is filed under: only quotes of one speaker are compared.
/// The effective entity (after the analyst's merges) when the speaker is
/// linked; else the speaker's name as the text gives it, normalised (an
/// unlinked `Lars Berg` is compared with other unlinked `Lars Berg`s, and
/// never with an entity); a speaker without a name (`he` unresolved, `a
/// spokesman`) is not filed at all: nothing says two such quotes share a
/// speaker.
pub fn speaker_ident(entity: Option<i64>, name: Option<&str>) -> Option<i64> {
    if let Some(e) = entity {
        return Some(e);
    }
    let key = crate::util::name_key(name?);
    if key.is_empty() {
        return None;
    }
    // Names are negative, entity rows positive: they never meet.
    let h = word_hashes(&key).iter().fold(0u64, |acc, &w| mix(acc ^ w));
    Some(-((h >> 1) as i64) - 1)
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

/// `pairs` in sketch order: least hash under [`SKETCH_SEED`] first. A quote
/// is filed under the first [`SKETCH`] of them that are not stop pairs of
/// its speaker ([`open_keys`]).
pub fn ranked(pairs: &[u64]) -> Vec<u64> {
    let mut ranked: Vec<(u64, u64)> = pairs.iter().map(|&p| (mix(p ^ SKETCH_SEED), p)).collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, p)| p).collect()
}

/// The first [`SKETCH`] pairs of `pairs` in sketch order (the keys of a
/// quote whose speaker has no stop pairs among them).
pub fn sketch(pairs: &[u64]) -> Vec<u64> {
    ranked(pairs).into_iter().take(SKETCH).collect()
}

/// The keys a quote of `speaker` with pair hashes `pairs` is filed under:
/// its pairs in sketch order, stop pairs ([`MAX_PER_KEY`]) skipped, until
/// [`SKETCH`] keys that still take quotes. `open` is called with the
/// members of each of them.
///
/// Why skip rather than stop at the first [`SKETCH`]: a prolific speaker's
/// common word pairs fill up as the store grows, and a quote whose first
/// pairs are all stop pairs would otherwise be filed under few keys or
/// none, so that a repeat of it, sharing only those pairs' keys, finds
/// nothing (`dossier bench statements` missed 4 of 248,970 planted
/// repeats at 200k documents that way: docs/performance.md, issue #20).
/// Walking past them keeps what the plain sketch promises for a cut
/// copy `R` of an earlier quote `S`: the first of `S`'s keys that is in
/// `R` and still open is among `R`'s keys, because every pair of `R`
/// ranked before it was a stop pair when `S` was filed or is one of `S`'s
/// keys, full now. So `R` misses `S` only when every key they share has
/// filled up between the two.
fn open_keys(
    conn: &Connection,
    filed: &mut Keys,
    speaker: i64,
    pairs: &[u64],
    mut open: impl FnMut(&[Filed]),
) -> Result<Vec<i64>> {
    let mut keys = Vec::with_capacity(SKETCH);
    for p in ranked(pairs) {
        if keys.len() == SKETCH {
            break;
        }
        let k = key(speaker, p);
        if let Some(members) = filed.open_members(conn, k, MAX_PER_KEY)? {
            keys.push(k);
            open(&members);
        }
    }
    Ok(keys)
}

/// Shared word pairs of two texts and their share of the smaller set.
pub fn pair_overlap(a: &str, b: &str) -> (usize, f64) {
    let (pa, pb) = (word_pairs(a), word_pairs(b));
    let o = crate::copies::fingerprint::overlap(&pa, &pb);
    (o.shared, o.containment)
}

/// A quote's pair hashes as stored: little-endian `u64`s.
fn encode(pairs: &[u64]) -> Vec<u8> {
    pairs.iter().flat_map(|p| p.to_le_bytes()).collect()
}

/// Stored pair hashes (a length not a multiple of 8 drops the rest).
fn decode(bytes: &[u8]) -> Vec<u64> {
    bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))).collect()
}

/// The key of a word pair said by `speaker` (a [`speaker_ident`]): 31
/// bits, so SQLite stores it in 4 bytes rather than 8 (the key table is
/// most of the statements' bytes). Two pairs sharing a key only make a
/// candidate, which the stored pairs then reject.
fn key(speaker: i64, pair: u64) -> i64 {
    (mix(pair ^ mix(speaker as u64)) >> 33) as i64
}

/// Files quote `qid` (said by `speaker`, a [`speaker_ident`], with content
/// `content`), finds the stored quotes of the same speaker that are the
/// same statement, and records the pairs and the cluster. Runs inside the
/// document's transaction. Returns how many quotes it joined.
///
/// Candidates are the quotes filed under the quote's keys ([`open_keys`]:
/// its first [`SKETCH`] pairs in sketch order that are not stop pairs; the
/// quote is filed under the same keys); each is confirmed by the exact overlap of the two quotes' stored pair
/// hashes, so the sketch decides only which quotes are compared. A
/// candidate whose signature (filed with its key rows) shows the rule
/// cannot hold is dropped without reading its pairs: never one the full
/// comparison would join ([`super::signature`]). `filed` is the store's
/// key table with its filter ([`Keys::statements`]).
pub fn record(conn: &Connection, filed: &mut Keys, qid: i64, speaker: i64, content: &str) -> Result<usize> {
    let pairs = word_pairs(content);
    if pairs.len() < MIN_PAIRS {
        return Ok(0);
    }
    filed.sync(conn)?;
    let probe = Probe::new(&pairs);
    // Every candidate (for the count), and those the signature lets through.
    let (mut all, mut candidates): (BTreeSet<i64>, BTreeSet<i64>) = Default::default();
    let open = open_keys(conn, filed, speaker, &pairs, |members| {
        for m in members {
            if m.member != qid && all.insert(m.member) && probe.may_join(m.sig, &RULE) {
                candidates.insert(m.member);
            }
        }
    })?;
    filed.count_candidates(all.len(), candidates.len());
    let mut found: Vec<(i64, usize, f64)> = Vec::new();
    let mut print = conn.prepare_cached("SELECT speaker, hashes FROM statement_prints WHERE qid = ?1")?;
    for other in candidates {
        let Some((who, bytes)) =
            print.query_row([other], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))).optional()?
        else {
            continue;
        };
        if who != speaker {
            continue; // a key collision
        }
        let o = crate::copies::fingerprint::overlap(&pairs, &decode(&bytes));
        if RULE.holds(o.shared, pairs.len().min(bytes.len() / 8)) {
            found.push((other, o.shared, o.containment));
        }
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO statement_prints (qid, speaker, pairs, hashes) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![qid, speaker, pairs.len() as i64, encode(&pairs)])?;
    filed.file(conn, &open, qid, signature(&pairs))?;
    if found.is_empty() {
        return Ok(0);
    }
    let mut pair = conn.prepare_cached(
        "INSERT OR REPLACE INTO statement_pairs (a, b, shared, containment) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (other, n, c) in &found {
        let (a, b) = ((*other).min(qid), (*other).max(qid));
        pair.execute(params![a, b, *n as i64, c])?;
    }
    join_clusters(conn, STATEMENTS, qid, found.iter().map(|f| f.0))?;
    Ok(found.len())
}

/// Statement clusters of quotes.
const STATEMENTS: ClusterTable = ClusterTable { table: "statement_clusters", member: "qid" };

/// A stored quote's content, read from its document's text.
fn content_of(conn: &Connection, doc: i64, start: i64, end: i64) -> Result<Option<String>> {
    let text: String =
        conn.prepare_cached("SELECT text FROM documents WHERE seq = ?1")?.query_row([doc], |r| r.get(0))?;
    Ok(text.get(start.max(0) as usize..end.max(0) as usize).map(str::to_string))
}

/// A stored quote as filing needs it.
struct StoredQuote {
    qid: i64,
    doc: i64,
    entity: Option<i64>,
    name: Option<String>,
    start: i64,
    end: i64,
}

/// The columns [`StoredQuote::read`] reads, from `quotes q`.
const STORED_QUOTE: &str = "q.qid, q.doc, q.sp_entity, q.sp_name, q.start, q.end";

impl StoredQuote {
    /// Reads the [`STORED_QUOTE`] columns starting at column `at`.
    fn read(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StoredQuote> {
        Ok(StoredQuote {
            qid: r.get(at)?,
            doc: r.get(at + 1)?,
            entity: r.get(at + 2)?,
            name: r.get(at + 3)?,
            start: r.get(at + 4)?,
            end: r.get(at + 5)?,
        })
    }

    /// Files the quote under its speaker now (nothing when it has none).
    fn file(&self, conn: &Connection, filed: &mut Keys) -> Result<()> {
        let Some(speaker) = speaker_ident(self.entity, self.name.as_deref()) else { return Ok(()) };
        if let Some(content) = content_of(conn, self.doc, self.start, self.end)? {
            record(conn, filed, self.qid, speaker, &content)?;
        }
        Ok(())
    }
}

/// Files every stored quote with a linked or named speaker that has no
/// print yet, in the order they were stored (a store written before
/// statements were clustered, or before they were filed as now).
pub fn backfill(conn: &Connection, filed: &mut Keys) -> Result<usize> {
    let rows: Vec<StoredQuote> = conn
        .prepare(&format!(
            "SELECT {STORED_QUOTE} FROM quotes q WHERE (q.sp_entity IS NOT NULL OR q.sp_name IS NOT NULL) \
             AND q.qid NOT IN (SELECT qid FROM statement_prints) ORDER BY q.qid"
        ))?
        .query_map([], |r| StoredQuote::read(r, 0))?
        .collect::<std::result::Result<_, _>>()?;
    for q in &rows {
        q.file(conn, filed)?;
    }
    Ok(rows.len())
}

/// Files every stored print under its sketch keys again, with its
/// signature (a store whose key rows were written without one, before
/// schema 12). Prints are read in the order they were stored, so each
/// key's members stay in filing order (the cap keeps the oldest).
pub fn refile_keys(conn: &Connection, filed: &mut Keys) -> Result<usize> {
    filed.clear(conn)?;
    let mut prints = conn.prepare("SELECT qid, speaker, hashes FROM statement_prints ORDER BY qid")?;
    let mut rows = prints.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (qid, speaker, bytes): (i64, i64, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let pairs = decode(&bytes);
        let keys = open_keys(conn, filed, speaker, &pairs, |_| {})?;
        filed.file(conn, &keys, qid, signature(&pairs))?;
        n += 1;
    }
    Ok(n)
}

/// Brings the filing up to date with the analyst's decisions, after the
/// quotes' effective speakers were rewritten: a quote whose speaker is no
/// longer the one it was filed under leaves its keys, pairs and cluster
/// (the rest of its old cluster is split again by the pairs that remain)
/// and is filed again under its speaker now. So merging two entities joins
/// their statements, and undoing the merge parts them again. Returns how
/// many quotes were filed again.
pub fn refresh(conn: &Connection, filed: &mut Keys) -> Result<usize> {
    // Each moved quote, the speaker it was filed under and its pair hashes.
    let moved: Vec<(StoredQuote, i64, Vec<u8>)> = conn
        .prepare(&format!(
            "SELECT {STORED_QUOTE}, p.speaker, p.hashes FROM statement_prints p JOIN quotes q ON q.qid = p.qid \
             WHERE (p.speaker >= 0 AND p.speaker IS NOT q.sp_entity) OR (p.speaker < 0 AND q.sp_entity IS NOT NULL) \
             ORDER BY p.qid"
        ))?
        .query_map([], |r| Ok((StoredQuote::read(r, 0)?, r.get(6)?, r.get(7)?)))?
        .collect::<std::result::Result<_, _>>()?;
    if moved.is_empty() {
        return Ok(0);
    }
    let mut old_clusters: BTreeSet<i64> = BTreeSet::new();
    let mut cluster_of = conn.prepare_cached("SELECT cluster FROM statement_clusters WHERE qid = ?1")?;
    for (q, old, hashes) in &moved {
        let qid = q.qid;
        if let Some(c) = cluster_of.query_row([qid], |r| r.get::<_, i64>(0)).optional()? {
            old_clusters.insert(c);
        }
        // Filed under its first keys that were open then: some of its pairs.
        for p in decode(hashes) {
            filed.unfile(conn, key(*old, p), qid)?;
        }
        conn.execute("DELETE FROM statement_pairs WHERE a = ?1 OR b = ?1", [qid])?;
        conn.execute("DELETE FROM statement_clusters WHERE qid = ?1", [qid])?;
        conn.execute("DELETE FROM statement_prints WHERE qid = ?1", [qid])?;
    }
    for c in old_clusters {
        recluster(conn, c)?;
    }
    for (q, ..) in &moved {
        q.file(conn, filed)?;
    }
    Ok(moved.len())
}

/// Splits cluster `cluster` into the groups its remaining pairs still
/// join (each named after its least quote); a quote left alone has no
/// cluster row.
fn recluster(conn: &Connection, cluster: i64) -> Result<()> {
    let members: Vec<i64> = conn
        .prepare_cached("SELECT qid FROM statement_clusters WHERE cluster = ?1 ORDER BY qid")?
        .query_map([cluster], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let index: BTreeMap<i64, usize> = members.iter().enumerate().map(|(i, &q)| (q, i)).collect();
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut pairs = conn.prepare_cached("SELECT a, b FROM statement_pairs WHERE b = ?1 OR a = ?1")?;
    for &q in &members {
        for row in pairs.query_map([q], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (a, b) = row?;
            if let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut size = vec![0usize; members.len()];
    for i in 0..members.len() {
        size[root(&mut parent, i)] += 1;
    }
    let mut set = conn.prepare_cached("UPDATE statement_clusters SET cluster = ?2 WHERE qid = ?1")?;
    let mut drop = conn.prepare_cached("DELETE FROM statement_clusters WHERE qid = ?1")?;
    for (i, &q) in members.iter().enumerate() {
        let r = root(&mut parent, i);
        if size[r] < 2 {
            drop.execute([q])?;
        } else {
            set.execute(params![q, members[r]])?;
        }
    }
    Ok(())
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
    fn a_quote_is_filed_under_a_bounded_sketch_that_a_cut_copy_meets() {
        let said = "We will keep the northern line open through the winter, and we will add two trains \
            every morning for the students who travel to the college from the valley towns.";
        let pairs = word_pairs(said);
        let filed = sketch(&pairs);
        assert_eq!(filed.len(), SKETCH);
        assert!(filed.iter().all(|p| pairs.contains(p)));
        assert_eq!(sketch(&pairs), filed, "fixed");
        // A copy cut to its first two thirds: its own sketch meets the
        // whole's (its least pairs that are the whole's least are in both).
        let cut = "We will keep the northern line open through the winter, and we will add two trains";
        let cut_filed = sketch(&word_pairs(cut));
        assert!(cut_filed.iter().any(|p| filed.contains(p)), "{cut_filed:?} {filed:?}");
        // A short quote is filed under all its pairs.
        assert_eq!(sketch(&word_pairs("we stay here now")).len(), 3);
        assert_eq!(decode(&encode(&pairs)), pairs);
    }

    /// An empty store's connection and its statement keys.
    fn store() -> (Connection, Keys) {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        (conn, Keys::statements())
    }

    #[test]
    fn a_full_key_is_a_stop_pair_that_names_no_candidates_and_takes_no_more_quotes() {
        let (conn, mut filed) = store();
        let speaker = 7;
        // Short quotes are filed under all their pairs: each of these under
        // `"harbour fees"`, and two pairs of its own.
        let say =
            |filed: &mut Keys, qid: i64, words: &str| record(&conn, filed, qid, speaker, words).unwrap();
        let first = "harbour fees are rising again this spring";
        say(&mut filed, 1, first);
        for qid in 2..=MAX_PER_KEY as i64 + 3 {
            say(&mut filed, qid, &format!("harbour fees w{qid} x{qid}"));
        }
        let fees = key(speaker, word_pairs("harbour fees")[0]);
        let rows: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM statement_keys WHERE key = ?1) \
                 + (SELECT count(*) FROM statement_keys_recent WHERE key = ?1)",
                [fees],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, MAX_PER_KEY as i64, "no quote filed past the cap");
        // A new quote with the stop pair: none of its members is a candidate.
        let before = filed.stats().candidates;
        assert_eq!(say(&mut filed, 100, "harbour fees y1 z1"), 0);
        assert_eq!(filed.stats().candidates, before, "a stop pair names no candidates");
        // A repeat of the first quote is still found through its other pairs.
        assert_eq!(say(&mut filed, 101, first), 1);
    }

    #[test]
    fn known_stop_pairs_are_not_read_again_and_the_same_quotes_join() {
        let speaker = 7;
        let first = "harbour fees are rising again this spring".to_string();
        let mut quotes = vec![first.clone()];
        quotes.extend((0..MAX_PER_KEY + 10).map(|n| format!("harbour fees w{n} x{n}")));
        quotes.push(first);
        let run = |remember: bool| {
            let (conn, plain) = store();
            let mut filed = if remember { plain.remembering_stops(&conn, MAX_PER_KEY) } else { plain };
            let joins: Vec<usize> = (0..quotes.len())
                .map(|i| record(&conn, &mut filed, i as i64 + 1, speaker, &quotes[i]).unwrap())
                .collect();
            (joins, filed.stats())
        };
        let (plain_joins, plain) = run(false);
        let (joins, remembered) = run(true);
        assert_eq!(joins, plain_joins);
        assert_eq!(joins.last(), Some(&1), "the repeat joins");
        // Read full once, then known: every later quote with the pair.
        assert_eq!(remembered.full, 1);
        assert_eq!(remembered.stops_hit, plain.full - 1);
        assert!(plain.full > 10, "{plain:?}");
    }

    #[test]
    fn a_quote_whose_first_pairs_are_stop_pairs_is_filed_past_them_and_its_repeat_joins() {
        let (conn, mut filed) = store();
        let speaker = 7;
        let said = "the ferry will run twice a day from the old pier until the new bridge opens";
        let pairs = word_pairs(said);
        assert!(pairs.len() > SKETCH + 2);
        // Make the first SKETCH pairs of the quote in sketch order stop
        // pairs of its speaker: each filled to the cap by short quotes of
        // the same speaker that hold it (filed under all their pairs).
        let words: Vec<&str> = said.split(' ').collect();
        let first: BTreeSet<u64> = sketch(&pairs).into_iter().collect();
        let mut qid = 0;
        for w in words.windows(2) {
            if !first.contains(&word_pairs(&w.join(" "))[0]) {
                continue;
            }
            for n in 0..MAX_PER_KEY {
                qid += 1;
                record(&conn, &mut filed, qid, speaker, &format!("{} {} f{n} g{n}", w[0], w[1])).unwrap();
            }
        }
        let full = filed.stats().full;
        // Filed now, it takes keys past its first pairs (without the skip:
        // none, and the repeat below finds nothing).
        assert_eq!(record(&conn, &mut filed, 1_000, speaker, said).unwrap(), 0);
        assert!(filed.stats().full >= full + SKETCH as u64, "its first pairs read as stop pairs");
        let (ident, trimmed) = (1_001, "the ferry will run twice a day from the old pier");
        assert_eq!(record(&conn, &mut filed, ident, speaker, said).unwrap(), 1, "a verbatim repeat joins");
        assert_eq!(record(&conn, &mut filed, 1_002, speaker, trimmed).unwrap(), 2, "a cut copy joins both");
        let cluster = |q: i64| -> i64 {
            conn.query_row("SELECT cluster FROM statement_clusters WHERE qid = ?1", [q], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(cluster(1_000), cluster(ident));
        assert_eq!(cluster(1_000), cluster(1_002));
    }

    #[test]
    fn speakers_are_entities_or_normalised_names_never_nothing() {
        assert_eq!(speaker_ident(Some(7), Some("Ines Morel")), Some(7));
        let name = speaker_ident(None, Some("Ines Morel")).unwrap();
        assert!(name < 0, "names never meet entity rows");
        assert_eq!(speaker_ident(None, Some("INES  MOREL,")), Some(name));
        assert_ne!(speaker_ident(None, Some("Ines Morelli")), Some(name));
        assert_eq!(speaker_ident(None, None), None);
        assert_eq!(speaker_ident(None, Some("“ ”")), None);
    }

    #[test]
    fn pairs_ignore_case_and_punctuation() {
        assert_eq!(word_pairs("“We stay,” she said."), word_pairs("we stay she SAID"));
        assert_eq!(word_pairs("one").len(), 0);
    }
}
