//! Key tables whose writes stay cheap as they grow: copies' LSH bands and
//! statements' sketch keys.
//!
//! Both file each new document or quote under random keys (64 bands, 8
//! sketch pairs). Filed straight into one large table, a transaction's new
//! rows land on nearly every page of it, so each commit writes
//! `min(rows inserted, pages of the table)` pages: per document that grows
//! with the store (docs/performance.md). So new rows go to a small
//! *recent* table, whose few pages a commit rewrites whatever the store's
//! size, and when it holds [`SETTLE_AT`] rows they are merged into the
//! large *settled* table in one sorted run, in the transaction that filed
//! the last of them: a merge of `N` rows into a table of `P` pages writes
//! at most `P` pages once per `N` rows, instead of up to one page per row.
//! Lookups read both tables, the settled one first (its members are the
//! older ones), so a lookup answers exactly what one table would.
//!
//! The merge is part of a document's transaction: a crash before its
//! commit leaves the rows in the recent table, where lookups still find
//! them, and the next filing merges them again.

use rusqlite::{params, Connection};

use super::bloom::Bloom;
use crate::statements::stops::Stops;
use crate::Result;

/// Rows the recent table holds before they are merged into the settled
/// one. The recent table then stays below ~2,000 pages (8 MB, well inside
/// the writer's 32 MB page cache), and the settled table, while it has
/// fewer pages than this many rows (to about 6 million rows, some 80,000
/// documents of ten quotes or 100,000 fingerprinted documents), is
/// rewritten at most once per 2^19 rows filed. The writes per document are
/// those of the recent table's pages per commit plus `pages(settled) /
/// SETTLE_AT` per row: by that model about 4 pages per document at 10,000
/// documents and 7 at 100,000 in `dossier bench statements`, where one
/// table writes 8 and 52 (measured times: docs/performance.md). Larger
/// stores grow the second term slowly (a third, larger level would keep it
/// bounded).
pub const SETTLE_AT: i64 = 1 << 19;

/// Keys filed by one statement ([`KeyTable::file`]): a quote's eight
/// sketch keys in one, a document's 64 bands in eight. The statement's own
/// cost (binding, opening the table's cursor, finishing) is paid once for
/// them; a shorter tail goes one key a statement.
const FILE_ROWS: usize = 8;

/// A member filed under a key, with the signature filed with it (0 in a
/// table without signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    /// The document or quote.
    pub member: i64,
    /// Its signature (statements: `statements::signature`).
    pub sig: u64,
}

/// A key table kept as a settled and a recent table with the same columns
/// (`key`, the member column, primary key both, without rowid; statements
/// add a signature column), and the count of rows filed into the recent
/// one in `key_runs`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyTable {
    /// The large table, written by merges.
    pub settled: &'static str,
    /// The small table new rows go to.
    pub recent: &'static str,
    /// The member column (`doc`, `qid`).
    pub member: &'static str,
    /// The column of the signature filed with each row (statements' `sig`:
    /// `statements::signature`), if the table has one; lookups return 0
    /// as the signature of a table without.
    pub sig: Option<&'static str>,
    /// Rows in the recent table that start a merge ([`SETTLE_AT`]; tests
    /// use fewer).
    pub settle_at: i64,
}

impl KeyTable {
    /// Copies' LSH bands: documents by band key.
    pub const COPIES: KeyTable = KeyTable {
        settled: "copy_bands",
        recent: "copy_bands_recent",
        member: "doc",
        sig: None,
        settle_at: SETTLE_AT,
    };
    /// Statements' sketch keys: quotes by speaker and word pair.
    pub const STATEMENTS: KeyTable = KeyTable {
        settled: "statement_keys",
        recent: "statement_keys_recent",
        member: "qid",
        sig: Some("sig"),
        settle_at: SETTLE_AT,
    };

    /// The members filed under `key`, at most `cap`, the settled ones first
    /// (each table in member order): the oldest filed first.
    pub fn members(&self, conn: &Connection, key: i64, cap: usize) -> Result<Vec<Filed>> {
        // One statement for both (SQLite runs a UNION ALL's parts in order;
        // the unit test below checks the order): this runs 8 to 64 times
        // per document. The cap is written into the SQL, not bound: SQLite
        // plans with a bound LIMIT's value, so binding one (even the same
        // value) makes the next step parse and plan the statement again.
        let mut stmt = conn.prepare_cached(&self.members_sql(cap))?;
        let rows = stmt
            .query_map(params![key], |r| Ok(Filed { member: r.get(0)?, sig: r.get::<_, i64>(1)? as u64 }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The statement of [`KeyTable::members`], its cap a literal.
    fn members_sql(&self, cap: usize) -> String {
        let (settled, recent, member, sig) =
            (self.settled, self.recent, self.member, self.sig.unwrap_or("0"));
        format!(
            "SELECT {member}, {sig} FROM {settled} WHERE key = ?1 UNION ALL SELECT {member}, {sig} FROM {recent} WHERE key = ?1 LIMIT {cap}"
        )
    }

    /// The columns of a row: `key, member[, sig]`.
    fn columns(&self) -> String {
        match self.sig {
            Some(sig) => format!("key, {}, {sig}", self.member),
            None => format!("key, {}", self.member),
        }
    }

    /// Files `member` under each of `keys` (in the recent table), with
    /// signature `sig` where the table keeps one, and merges the recent
    /// table into the settled one when it is full.
    ///
    /// No statement here opens a statement journal (SQLite gives one to a
    /// statement that may write several rows and may abort, then copies
    /// every page it changes into it): the keys go in [`FILE_ROWS`] a
    /// statement, and an `INSERT OR IGNORE` has nothing to abort on (its
    /// only constraints are the key and the `NOT NULL` columns, all
    /// bound); the count is a plain `UPDATE` and a read, since a
    /// `RETURNING` clause runs as a trigger and so needs a journal.
    pub fn file(&self, conn: &Connection, keys: &[i64], member: i64, sig: u64) -> Result<()> {
        let mut added = 0i64;
        let mut chunks = keys.chunks_exact(FILE_ROWS);
        let mut put = conn.prepare_cached(&self.file_sql(FILE_ROWS))?;
        for chunk in &mut chunks {
            added += put.execute(self.file_params(chunk, member, sig))? as i64;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut put_one = conn.prepare_cached(&self.file_sql(1))?;
            for k in rest {
                added += put_one.execute(self.file_params(std::slice::from_ref(k), member, sig))? as i64;
            }
        }
        if added == 0 {
            return Ok(());
        }
        conn.prepare_cached("UPDATE key_runs SET recent = recent + ?2 WHERE tbl = ?1")?
            .execute(params![self.recent, added])?;
        let filed: i64 = conn
            .prepare_cached("SELECT recent FROM key_runs WHERE tbl = ?1")?
            .query_row([self.recent], |r| r.get(0))?;
        if filed >= self.settle_at {
            self.settle(conn)?;
        }
        Ok(())
    }

    /// The insert of `rows` keys of one member into the recent table.
    fn file_sql(&self, rows: usize) -> String {
        let row = if self.sig.is_some() { "(?, ?, ?)" } else { "(?, ?)" };
        let values = vec![row; rows].join(", ");
        format!("INSERT OR IGNORE INTO {} ({}) VALUES {values}", self.recent, self.columns())
    }

    /// The parameters of [`KeyTable::file_sql`] for `keys`.
    fn file_params<'a>(&self, keys: &'a [i64], member: i64, sig: u64) -> impl rusqlite::Params + 'a {
        let with_sig = self.sig.is_some();
        rusqlite::params_from_iter(keys.iter().flat_map(move |&k| {
            let row = [k, member, sig as i64];
            row.into_iter().take(if with_sig { 3 } else { 2 })
        }))
    }

    /// Takes `member` off `key`, in whichever table holds it.
    pub fn unfile(&self, conn: &Connection, key: i64, member: i64) -> Result<()> {
        for table in [self.settled, self.recent] {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE key = ?1 AND {} = ?2", self.member))?
                .execute(params![key, member])?;
        }
        Ok(())
    }

    /// Merges the recent table into the settled one, in key order (the
    /// recent table's own order, so no sort), and empties it. Returns the
    /// rows merged.
    pub fn settle(&self, conn: &Connection) -> Result<usize> {
        let (settled, recent, member, columns) = (self.settled, self.recent, self.member, self.columns());
        let moved = conn.execute(
            &format!(
                "INSERT OR IGNORE INTO {settled} ({columns}) SELECT {columns} FROM {recent} ORDER BY key, {member}"
            ),
            [],
        )?;
        conn.execute(&format!("DELETE FROM {recent}"), [])?;
        conn.execute("UPDATE key_runs SET recent = 0 WHERE tbl = ?1", [recent])?;
        Ok(moved)
    }

    /// About how many rows the two tables hold: the settled table's rows
    /// below [`SAMPLE_BELOW`] (its keys are uniform hashes, so about
    /// 1/1,024 of them; a few pages read), scaled, and the recent table's
    /// count.
    fn estimated_rows(&self, conn: &Connection) -> Result<u64> {
        let sample: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM {} WHERE key < {SAMPLE_BELOW}", self.settled))?
            .query_row([], |r| r.get(0))?;
        let recent: i64 = conn
            .prepare_cached("SELECT recent FROM key_runs WHERE tbl = ?1")?
            .query_row([self.recent], |r| r.get(0))?;
        Ok((sample * ((1 << 31) / SAMPLE_BELOW) + recent).max(0) as u64)
    }

    /// Empties both tables (before every member is filed again).
    pub fn clear(&self, conn: &Connection) -> Result<()> {
        conn.execute(&format!("DELETE FROM {}", self.settled), [])?;
        conn.execute(&format!("DELETE FROM {}", self.recent), [])?;
        conn.execute("UPDATE key_runs SET recent = 0 WHERE tbl = ?1", [self.recent])?;
        Ok(())
    }
}

/// How many rows of a table a build of its filter reads in the time one
/// lookup of an absent key takes in SQLite, roughly (a sequential scan
/// step against a B-tree descent into a table larger than the page cache):
/// the filter is built once the lookups made without it reach the table's
/// rows over this, so a small ingest into a large store never pays for a
/// build it cannot earn back, and a long one builds early (the classic
/// rent-or-buy rule: at most twice the cost of the better choice).
const ROWS_PER_LOOKUP: u64 = 64;
/// Keys a filter is built for at least (64 KB).
const MIN_CAPACITY: u64 = 1 << 16;
/// Bytes a table's filter takes at most by default (16 MiB; the two
/// tables' filters 32 MiB). Below it a filter holds 8 bits per key, built
/// for twice the rows: in the benches up to about 100,000 documents. A
/// larger store keeps the filter at this size with fewer bits per key: at
/// a million documents (80 million statement keys, 64 million bands) 1.7
/// and 2.1 bits, so 45% and 38% of absent keys pass to SQLite instead of
/// 3-6% (docs/performance.md has what that costs).
pub const FILTER_BYTES: usize = 16 << 20;
/// Keys are uniform 31-bit hashes: the rows below this key are about
/// 1/1,024 of a table, read to estimate its size.
const SAMPLE_BELOW: i64 = 1 << 21;

/// A key table and an in-memory filter of the keys it holds, so that the
/// lookup of a key filed nowhere (most of a document's bands, most of a
/// quote's sketch keys) skips SQLite. The filter never forgets a key: it
/// is built from the tables, every key this connection files is added,
/// and when another connection has committed since it was built (an
/// analyst's merge in another process files quotes again) it is dropped
/// and built again ([`Keys::sync`]). Keys taken off (`unfile`, a rolled
/// back transaction) stay in it: they cost a lookup, never a miss.
///
/// Memory: a Bloom filter of 8 bits per key at its fullest, built for
/// twice the rows the tables hold, so 1-2 bytes per filed row, but never
/// more than [`FILTER_BYTES`] (or [`Keys::with_filter_bytes`]).
#[derive(Debug)]
pub struct Keys {
    /// The tables.
    pub(crate) table: KeyTable,
    filter: Filter,
    /// The filter's size at most.
    max_bytes: usize,
    /// Lookups answered by the filter alone, and by SQLite.
    skipped: u64,
    read: u64,
    /// Members those that read SQLite returned (candidates to compare).
    members: u64,
    /// Lookups that returned as many members as their cap (statements:
    /// stop pairs, which name no candidates).
    full: u64,
    /// Distinct candidates of the caller's lookups, and those of them it
    /// compared in full (read their stored prints).
    candidates: u64,
    compared: u64,
    /// Times the filter was built.
    builds: u64,
    /// Statements' stop pairs known in memory, when this `Keys` remembers
    /// them ([`Keys::remembering_stops`], [`Keys::open_members`]).
    stops: Option<Stops>,
}

#[derive(Debug)]
enum Filter {
    /// Not built: lookups read SQLite. Built after `build_after` lookups
    /// (estimated from the table's size at the first one).
    Unbuilt { lookups: u64, build_after: Option<u64> },
    /// Built at the store's `data_version` `version`; takes `room` more
    /// keys before it is built again, twice as large.
    Built { bloom: Bloom, room: u64, version: i64 },
}

/// What a [`Keys`] filter holds and did, for the benches.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterStats {
    /// Bytes of the filter (0 when not built).
    pub bytes: usize,
    /// Bits each key sets in it (0 when not built).
    pub probes: u32,
    /// Times it was built (from the tables).
    pub builds: u64,
    /// Lookups the filter answered alone (the key is filed nowhere).
    pub skipped: u64,
    /// Lookups that read SQLite.
    pub read: u64,
    /// Members they returned.
    pub members: u64,
    /// Lookups among them that returned their cap (statements: stop pairs,
    /// `statements::record::MAX_PER_KEY`).
    pub full: u64,
    /// Distinct candidates among them (per document or quote).
    pub candidates: u64,
    /// Those compared in full (their stored prints read; for statements,
    /// those whose signature passed).
    pub compared: u64,
    /// Stop pairs known in memory ([`Keys::remembering_stops`]).
    pub stops_known: usize,
    /// Lookups they answered without reading SQLite ([`Keys::open_members`]).
    pub stops_hit: u64,
}

impl Keys {
    /// `table` with no filter built yet.
    pub(crate) fn new(table: KeyTable) -> Keys {
        Keys {
            table,
            filter: Filter::Unbuilt { lookups: 0, build_after: None },
            max_bytes: FILTER_BYTES,
            skipped: 0,
            read: 0,
            members: 0,
            full: 0,
            candidates: 0,
            compared: 0,
            builds: 0,
            stops: None,
        }
    }

    /// The same, remembering the keys [`Keys::open_members`] finds full at
    /// `full_at` members (statements' stop pairs), so they are not read
    /// again. Installs a rollback hook on `conn` (see [`Stops`]): use it on
    /// the one connection this `Keys` files with.
    pub fn remembering_stops(mut self, conn: &Connection, full_at: usize) -> Keys {
        self.stops = Some(Stops::watching(conn, full_at));
        self
    }

    /// The same, its filter held to `max_bytes` (the benches measure a
    /// large store's filter density on a smaller store this way).
    pub fn with_filter_bytes(mut self, max_bytes: usize) -> Keys {
        self.max_bytes = max_bytes;
        self
    }

    /// Copies' bands.
    pub fn copies() -> Keys {
        Keys::new(KeyTable::COPIES)
    }

    /// Statements' sketch keys.
    pub fn statements() -> Keys {
        Keys::new(KeyTable::STATEMENTS)
    }

    /// Drops the filter when another connection has committed since it
    /// was built (SQLite's `data_version` counts only other connections'
    /// commits). Call it once per transaction, before its lookups: the
    /// filing functions (`record`, `record_print`) do.
    ///
    /// The known stop pairs are forgotten then too (another connection may
    /// have taken members off them).
    pub fn sync(&mut self, conn: &Connection) -> Result<()> {
        let built = match self.filter {
            Filter::Built { version, .. } => Some(version),
            Filter::Unbuilt { .. } => None,
        };
        let stops_to_check = self.stops.as_ref().is_some_and(|s| s.version.is_none() || !s.is_empty());
        if built.is_none() && !stops_to_check {
            return Ok(());
        }
        let now = data_version(conn)?;
        if built.is_some_and(|v| v != now) {
            self.filter = Filter::Unbuilt { lookups: 0, build_after: None };
        }
        if let Some(stops) = &mut self.stops {
            if stops.version != Some(now) {
                stops.clear(Some(now));
            }
        }
        Ok(())
    }

    /// [`KeyTable::members`], or nothing without reading SQLite when the
    /// filter says the key is filed nowhere.
    pub fn members(&mut self, conn: &Connection, key: i64, cap: usize) -> Result<Vec<Filed>> {
        if let Filter::Unbuilt { lookups, build_after } = &mut self.filter {
            *lookups += 1;
            let after = match *build_after {
                Some(a) => a,
                None => *build_after.insert(self.table.estimated_rows(conn)? / ROWS_PER_LOOKUP),
            };
            if *lookups > after {
                self.build(conn)?;
            }
        }
        if let Filter::Built { bloom, .. } = &self.filter {
            if !bloom.may_hold(key) {
                self.skipped += 1;
                return Ok(Vec::new());
            }
        }
        self.read += 1;
        let members = self.table.members(conn, key, cap)?;
        self.members += members.len() as u64;
        self.full += u64::from(members.len() >= cap);
        Ok(members)
    }

    /// [`Keys::members`] of a key that still takes members: `None` when it
    /// holds `cap` already (statements: a stop pair), without reading
    /// SQLite when it is known to (see [`Keys::remembering_stops`]); one
    /// found full is remembered. Call [`Keys::sync`] first in each
    /// transaction.
    pub fn open_members(&mut self, conn: &Connection, key: i64, cap: usize) -> Result<Option<Vec<Filed>>> {
        let stops = self.stops.as_mut().filter(|s| s.full_at == cap);
        if stops.is_some_and(|s| s.holds(key)) {
            return Ok(None);
        }
        let members = self.members(conn, key, cap)?;
        if members.len() < cap {
            return Ok(Some(members));
        }
        if let Some(stops) = self.stops.as_mut().filter(|s| s.full_at == cap) {
            stops.remember(key);
        }
        Ok(None)
    }

    /// Counts the distinct candidates of one document's or quote's lookups
    /// and how many of them the caller compared in full (for [`Keys::stats`]).
    pub fn count_candidates(&mut self, candidates: usize, compared: usize) {
        self.candidates += candidates as u64;
        self.compared += compared as u64;
    }

    /// [`KeyTable::file`], and the keys added to the filter.
    pub fn file(&mut self, conn: &Connection, keys: &[i64], member: i64, sig: u64) -> Result<()> {
        self.table.file(conn, keys, member, sig)?;
        let Filter::Built { bloom, room, .. } = &mut self.filter else { return Ok(()) };
        for &k in keys {
            bloom.insert(k);
        }
        *room = room.saturating_sub(keys.len() as u64);
        if *room == 0 {
            self.build(conn)?;
        }
        Ok(())
    }

    /// [`KeyTable::unfile`] (the key stays in the filter, and is no
    /// longer a known stop pair).
    pub fn unfile(&mut self, conn: &Connection, key: i64, member: i64) -> Result<()> {
        if let Some(stops) = &mut self.stops {
            stops.forget(key);
        }
        self.table.unfile(conn, key, member)
    }

    /// [`KeyTable::clear`], and the filter and known stop pairs dropped.
    pub fn clear(&mut self, conn: &Connection) -> Result<()> {
        self.table.clear(conn)?;
        self.filter = Filter::Unbuilt { lookups: 0, build_after: None };
        if let Some(stops) = &mut self.stops {
            stops.clear(None);
        }
        Ok(())
    }

    /// Builds the filter from every key in the tables, for twice as many
    /// (within its budget: then with fewer bits per key). Both tables are
    /// read in key order, so the filter is written front to back; the
    /// settled table's runs of a key at the stop cap are remembered as
    /// stop pairs, when this `Keys` remembers them.
    fn build(&mut self, conn: &Connection) -> Result<()> {
        let version = data_version(conn)?;
        let mut capacity = (2 * self.table.estimated_rows(conn)?).max(MIN_CAPACITY);
        if let Some(stops) = &mut self.stops {
            if stops.version != Some(version) {
                stops.clear(Some(version));
            }
        }
        loop {
            let mut bloom = Bloom::with_capacity(capacity, self.max_bytes);
            let mut rows = 0u64;
            for table in [self.table.settled, self.table.recent] {
                // Only the settled table's runs: a key may have rows in both.
                let stop_at = self.stops.as_ref().filter(|_| table == self.table.settled).map(|s| s.full_at);
                let (mut last, mut run) = (None, 0usize);
                let mut scan = conn.prepare(&format!("SELECT key FROM {table} ORDER BY key"))?;
                let mut keys = scan.query([])?;
                while let Some(r) = keys.next()? {
                    let key: i64 = r.get(0)?;
                    bloom.insert(key);
                    rows += 1;
                    run = if last == Some(key) { run + 1 } else { 1 };
                    last = Some(key);
                    if Some(run) == stop_at {
                        self.stops.as_mut().expect("stop_at comes from stops").remember(key);
                    }
                }
            }
            // The estimate was short by half or more: build once more.
            if rows > capacity / 2 + capacity / 4 {
                capacity = 2 * rows;
                continue;
            }
            self.filter = Filter::Built { bloom, room: capacity - rows, version };
            self.builds += 1;
            return Ok(());
        }
    }

    /// The filter's size and how lookups were answered.
    pub fn stats(&self) -> FilterStats {
        let (bytes, probes) = match &self.filter {
            Filter::Built { bloom, .. } => (bloom.bytes(), bloom.probes()),
            Filter::Unbuilt { .. } => (0, 0),
        };
        FilterStats {
            bytes,
            probes,
            builds: self.builds,
            skipped: self.skipped,
            read: self.read,
            members: self.members,
            full: self.full,
            candidates: self.candidates,
            compared: self.compared,
            stops_known: self.stops.as_ref().map_or(0, Stops::len),
            stops_hit: self.stops.as_ref().map_or(0, |s| s.hits),
        }
    }
}

impl std::fmt::Display for FilterStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let all = (self.skipped + self.read).max(1);
        write!(
            f,
"key filter {:.1} MB, {} probes per key, built {} times; lookups so far: {} answered by the filter alone ({:.1}%), {} read SQLite and returned {} members ({} lookups full to the cap); {} distinct candidates, {} compared in full; {} stop pairs known, {} lookups answered by them",
            self.bytes as f64 / 1e6,
            self.probes,
            self.builds,
            self.skipped,
            100.0 * self.skipped as f64 / all as f64,
            self.read,
            self.members,
            self.full,
            self.candidates,
            self.compared,
            self.stops_known,
            self.stops_hit
        )
    }
}

/// SQLite's count of commits by other connections, as this one sees it.
fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?)
}

/// The filters of a store's two key tables, kept with its connection.
#[derive(Debug)]
pub struct StoreKeys {
    /// Copies' bands.
    pub copies: Keys,
    /// Statements' sketch keys.
    pub statements: Keys,
}

impl Default for StoreKeys {
    fn default() -> Self {
        StoreKeys { copies: Keys::copies(), statements: Keys::statements() }
    }
}

impl StoreKeys {
    /// The filters of a store's writing connection `conn`, its statements'
    /// stop pairs remembered ([`Keys::remembering_stops`]).
    pub fn writing(conn: &Connection) -> StoreKeys {
        let full_at = crate::statements::record::MAX_PER_KEY;
        StoreKeys { copies: Keys::copies(), statements: Keys::statements().remembering_stops(conn, full_at) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store's tables, with a key table that merges every `settle_at` rows.
    fn tables(settle_at: i64) -> (Connection, KeyTable) {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        (conn, KeyTable { settle_at, ..KeyTable::COPIES })
    }

    fn ids(filed: Vec<Filed>) -> Vec<i64> {
        filed.into_iter().map(|f| f.member).collect()
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn keys_filed_several_a_statement_are_all_filed_once_with_their_signature() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        let t = KeyTable { settle_at: 1_000, ..KeyTable::STATEMENTS };
        // Two full statements of keys and a tail of three, key 7 twice in
        // the first statement and key 100 twice across the tail.
        let keys: Vec<i64> = vec![1, 2, 3, 7, 7, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 100, 17, 100];
        t.file(&conn, &keys, 42, 0xABCD).unwrap();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let rows: Vec<(i64, i64, i64)> = conn
            .prepare("SELECT key, qid, sig FROM statement_keys_recent ORDER BY key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(rows, distinct.iter().map(|&k| (k, 42, 0xABCD)).collect::<Vec<_>>());
        let filed: i64 =
            conn.query_row("SELECT recent FROM key_runs WHERE tbl = ?1", [t.recent], |r| r.get(0)).unwrap();
        assert_eq!(filed, distinct.len() as i64);
        // Filed again: nothing added, nothing counted.
        t.file(&conn, &keys, 42, 0xABCD).unwrap();
        let again: i64 =
            conn.query_row("SELECT recent FROM key_runs WHERE tbl = ?1", [t.recent], |r| r.get(0)).unwrap();
        assert_eq!(again, filed);
        assert_eq!(ids(t.members(&conn, 100, 8).unwrap()), vec![42]);
    }

    #[test]
    fn lookups_read_both_tables_oldest_first_and_a_full_recent_table_is_merged() {
        let (conn, t) = tables(5);
        t.file(&conn, &[10, 20], 1, 0).unwrap();
        t.file(&conn, &[10], 2, 0).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (3, 0));
        assert_eq!(ids(t.members(&conn, 10, 8).unwrap()), vec![1, 2]);
        // The fifth row fills the recent table: all five are merged.
        t.file(&conn, &[10, 30], 3, 0).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 5));
        t.file(&conn, &[10], 4, 0).unwrap();
        assert_eq!(ids(t.members(&conn, 10, 8).unwrap()), vec![1, 2, 3, 4], "settled first, then recent");
        assert_eq!(ids(t.members(&conn, 10, 3).unwrap()), vec![1, 2, 3], "the cap keeps the oldest");
        assert_eq!(ids(t.members(&conn, 30, 8).unwrap()), vec![3]);
        // A row filed twice counts once.
        t.file(&conn, &[10], 4, 0).unwrap();
        let filed: i64 =
            conn.query_row("SELECT recent FROM key_runs WHERE tbl = ?1", [t.recent], |r| r.get(0)).unwrap();
        assert_eq!(filed, 1);
        // Unfiling finds the row in either table.
        t.unfile(&conn, 10, 1).unwrap();
        t.unfile(&conn, 10, 4).unwrap();
        assert_eq!(ids(t.members(&conn, 10, 8).unwrap()), vec![2, 3]);
        t.clear(&conn).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 0));
    }

    #[test]
    fn signatures_are_read_back_from_either_table_and_survive_a_merge() {
        let (conn, _) = tables(5);
        let t = KeyTable { settle_at: 3, ..KeyTable::STATEMENTS };
        // A full 64-bit signature (stored as a negative SQLite integer).
        let (wide, narrow) = (u64::MAX - 6, 0b1011);
        t.file(&conn, &[10, 20], 1, wide).unwrap();
        t.file(&conn, &[10], 2, narrow).unwrap(); // the third row: merged
        t.file(&conn, &[10], 3, 5).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (1, 3));
        let read = t.members(&conn, 10, 8).unwrap();
        let expected = [(1, wide), (2, narrow), (3, 5)].map(|(member, sig)| Filed { member, sig });
        assert_eq!(read, expected);
        // A table without signatures answers 0.
        let (conn, copies) = tables(5);
        copies.file(&conn, &[10], 1, 99).unwrap();
        assert_eq!(copies.members(&conn, 10, 8).unwrap(), vec![Filed { member: 1, sig: 0 }]);
    }

    /// Distinct uniform 31-bit keys, as bands and sketch keys are.
    fn key(i: u64) -> i64 {
        (crate::copies::fingerprint::mix(i) >> 33) as i64
    }

    #[test]
    fn every_filed_key_is_found_after_reopen_and_absent_keys_skip_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.sqlite");
        let table = KeyTable { settle_at: 1_000, ..KeyTable::STATEMENTS };
        let n = 3_000u64;
        {
            let mut conn = Connection::open(&path).unwrap();
            crate::schema::migrate(&mut conn).unwrap();
            let mut keys = Keys::new(table);
            let tx = conn.transaction().unwrap();
            for i in 0..n {
                // Some rows merged into the settled table, the rest recent.
                keys.file(&tx, &[key(i)], i as i64 + 1, 0).unwrap();
            }
            tx.commit().unwrap();
        }
        let conn = Connection::open(&path).unwrap();
        let mut keys = Keys::new(table);
        keys.sync(&conn).unwrap();
        for i in 0..n {
            assert_eq!(ids(keys.members(&conn, key(i), 8).unwrap()), vec![i as i64 + 1], "key {i}");
        }
        let filed = keys.stats();
        assert!(filed.bytes > 0, "built after ~3,000 / ROWS_PER_LOOKUP lookups");
        assert_eq!((filed.skipped, filed.read), (0, n));
        for i in n..2 * n {
            assert!(ids(keys.members(&conn, key(i), 8).unwrap()).is_empty());
        }
        // Absent keys mostly never reach SQLite (false positives ~0.5% here).
        let absent = keys.stats();
        assert!(absent.skipped > n * 95 / 100, "{absent:?}");
        assert_eq!(absent.skipped + absent.read, 2 * n);
    }

    #[test]
    fn keys_filed_by_another_connection_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        let mut mine = Keys::statements();
        mine.file(&conn, &[key(1)], 1, 0).unwrap();
        assert_eq!(ids(mine.members(&conn, key(1), 8).unwrap()), vec![1]);
        assert!(mine.stats().bytes > 0, "built");
        // Another process (an analyst's merge) files a key and commits.
        let other = Connection::open(&path).unwrap();
        Keys::statements().file(&other, &[key(2)], 2, 0).unwrap();
        mine.sync(&conn).unwrap();
        assert_eq!(ids(mine.members(&conn, key(2), 8).unwrap()), vec![2]);
        // Keys filed on this connection after the build are in the filter.
        mine.file(&conn, &[key(3)], 3, 0).unwrap();
        mine.sync(&conn).unwrap();
        assert_eq!(ids(mine.members(&conn, key(3), 8).unwrap()), vec![3]);
    }

    #[test]
    fn a_filter_grows_with_its_table_and_a_large_table_waits_for_enough_lookups() {
        let (conn, table) = tables(1 << 30);
        let mut keys = Keys::new(table);
        let n = 3 * MIN_CAPACITY;
        for i in 0..n {
            keys.file(&conn, &[key(i)], 1, 0).unwrap();
            if i == 0 {
                assert!(
                    ids(keys.members(&conn, key(0), 1).unwrap()) == vec![1],
                    "an empty store builds at once"
                );
            }
        }
        assert!(keys.stats().bytes as u64 >= n, "rebuilt larger: {:?}", keys.stats());
        assert!((0..n).all(|i| !ids(keys.members(&conn, key(i), 1).unwrap()).is_empty()));
        // A fresh filter on a table of ~200,000 rows reads SQLite for
        // about rows / ROWS_PER_LOOKUP lookups before it builds.
        let mut fresh = Keys::new(table);
        let mut lookups = 0;
        while fresh.stats().bytes == 0 {
            fresh.members(&conn, key(n + lookups), 1).unwrap();
            lookups += 1;
        }
        let expected = n / ROWS_PER_LOOKUP;
        assert!(lookups > expected / 2 && lookups < expected * 2, "{lookups} lookups, ~{expected} expected");
    }

    #[test]
    fn a_filter_held_to_a_budget_stays_in_it_and_still_finds_every_key() {
        let (conn, table) = tables(1 << 12);
        // 32 KB: 8 bits per key up to the first build's 32,768 keys' worth.
        let mut keys = Keys::new(table).with_filter_bytes(1 << 15);
        let n = 4 * MIN_CAPACITY;
        for i in 0..n {
            keys.file(&conn, &[key(i)], i as i64, 0).unwrap();
            if i == 0 {
                keys.members(&conn, key(0), 1).unwrap();
            }
        }
        let stats = keys.stats();
        assert_eq!(stats.bytes, 1 << 15, "{stats:?}");
        // Rebuilt as it filled, at the same size with fewer bits per key.
        assert!(stats.builds >= 2 && stats.probes < 4, "{stats:?}");
        // (Some of the 262,144 31-bit keys are equal: each is found with its twins.)
        assert!((0..n).all(|i| ids(keys.members(&conn, key(i), 8).unwrap()).contains(&(i as i64))));
        // At ~1 bit per key most absent keys still pass, but not all.
        let filed: std::collections::HashSet<i64> = (0..n).map(key).collect();
        let absent: Vec<i64> = (n..).map(key).filter(|k| !filed.contains(k)).take(10_000).collect();
        let before = keys.stats();
        for &k in &absent {
            assert!(ids(keys.members(&conn, k, 1).unwrap()).is_empty());
        }
        let skipped = keys.stats().skipped - before.skipped;
        assert!((2_000..6_000).contains(&skipped), "{skipped} of 10,000 absent keys skipped");
    }

    #[test]
    fn a_lookup_is_compiled_once_not_at_every_key() {
        // A connection without the writer's planner guarantee: the
        // lookup's own SQL must not make SQLite compile it again when the
        // next key is bound (as a bound LIMIT did).
        let (conn, t) = tables(5);
        t.file(&conn, &[10, 20], 1, 0).unwrap();
        for key in [10, 20, 30, 10] {
            t.members(&conn, key, 8).unwrap();
        }
        let stmt = conn.prepare_cached(&t.members_sql(8)).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn a_merge_rolled_back_with_its_transaction_loses_nothing() {
        let (mut conn, t) = tables(4);
        t.file(&conn, &[1, 2, 3], 7, 0).unwrap();
        {
            let tx = conn.transaction().unwrap();
            t.file(&tx, &[4], 8, 0).unwrap(); // fills the recent table: merged
            assert_eq!(count(&tx, t.settled), 4);
            // Dropped without commit: a crash before the document's commit.
        }
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (3, 0));
        assert_eq!(ids(t.members(&conn, 2, 8).unwrap()), vec![7]);
        assert!(ids(t.members(&conn, 4, 8).unwrap()).is_empty());
        // The next filing merges them.
        t.file(&conn, &[4], 8, 0).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 4));
    }
}
