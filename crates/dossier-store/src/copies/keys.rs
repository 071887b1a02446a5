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

/// A key table kept as a settled and a recent table with the same columns
/// (`key`, the member column; primary key both, without rowid), and the
/// count of rows filed into the recent one in `key_runs`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyTable {
    /// The large table, written by merges.
    pub settled: &'static str,
    /// The small table new rows go to.
    pub recent: &'static str,
    /// The member column (`doc`, `qid`).
    pub member: &'static str,
    /// Rows in the recent table that start a merge ([`SETTLE_AT`]; tests
    /// use fewer).
    pub settle_at: i64,
}

impl KeyTable {
    /// Copies' LSH bands: documents by band key.
    pub const COPIES: KeyTable =
        KeyTable { settled: "copy_bands", recent: "copy_bands_recent", member: "doc", settle_at: SETTLE_AT };
    /// Statements' sketch keys: quotes by speaker and word pair.
    pub const STATEMENTS: KeyTable = KeyTable {
        settled: "statement_keys",
        recent: "statement_keys_recent",
        member: "qid",
        settle_at: SETTLE_AT,
    };

    /// The members filed under `key`, at most `cap`, the settled ones first
    /// (each table in member order): the oldest filed first.
    pub fn members(&self, conn: &Connection, key: i64, cap: usize) -> Result<Vec<i64>> {
        // One statement for both (SQLite runs a UNION ALL's parts in order;
        // the unit test below checks the order): this runs 8 to 64 times
        // per document. The cap is written into the SQL, not bound: SQLite
        // plans with a bound LIMIT's value, so binding one (even the same
        // value) makes the next step parse and plan the statement again.
        let mut stmt = conn.prepare_cached(&self.members_sql(cap))?;
        let rows = stmt.query_map(params![key], |r| r.get::<_, i64>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The statement of [`KeyTable::members`], its cap a literal.
    fn members_sql(&self, cap: usize) -> String {
        let (settled, recent, member) = (self.settled, self.recent, self.member);
        format!(
            "SELECT {member} FROM {settled} WHERE key = ?1 UNION ALL SELECT {member} FROM {recent} WHERE key = ?1 LIMIT {cap}"
        )
    }

    /// Files `member` under each of `keys` (in the recent table), and
    /// merges the recent table into the settled one when it is full.
    pub fn file(&self, conn: &Connection, keys: &[i64], member: i64) -> Result<()> {
        let mut put = conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {} (key, {}) VALUES (?1, ?2)",
            self.recent, self.member
        ))?;
        let mut added = 0i64;
        for &k in keys {
            added += put.execute(params![k, member])? as i64;
        }
        let filed: i64 = conn
            .prepare_cached("UPDATE key_runs SET recent = recent + ?2 WHERE tbl = ?1 RETURNING recent")?
            .query_row(params![self.recent, added], |r| r.get(0))?;
        if filed >= self.settle_at {
            self.settle(conn)?;
        }
        Ok(())
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
        let (settled, recent, member) = (self.settled, self.recent, self.member);
        let moved = conn.execute(
            &format!(
                "INSERT OR IGNORE INTO {settled} (key, {member}) SELECT key, {member} FROM {recent} ORDER BY key, {member}"
            ),
            [],
        )?;
        conn.execute(&format!("DELETE FROM {recent}"), [])?;
        conn.execute("UPDATE key_runs SET recent = 0 WHERE tbl = ?1", [recent])?;
        Ok(moved)
    }

    /// Empties both tables (before every member is filed again).
    pub fn clear(&self, conn: &Connection) -> Result<()> {
        conn.execute(&format!("DELETE FROM {}", self.settled), [])?;
        conn.execute(&format!("DELETE FROM {}", self.recent), [])?;
        conn.execute("UPDATE key_runs SET recent = 0 WHERE tbl = ?1", [self.recent])?;
        Ok(())
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

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn lookups_read_both_tables_oldest_first_and_a_full_recent_table_is_merged() {
        let (conn, t) = tables(5);
        t.file(&conn, &[10, 20], 1).unwrap();
        t.file(&conn, &[10], 2).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (3, 0));
        assert_eq!(t.members(&conn, 10, 8).unwrap(), vec![1, 2]);
        // The fifth row fills the recent table: all five are merged.
        t.file(&conn, &[10, 30], 3).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 5));
        t.file(&conn, &[10], 4).unwrap();
        assert_eq!(t.members(&conn, 10, 8).unwrap(), vec![1, 2, 3, 4], "settled first, then recent");
        assert_eq!(t.members(&conn, 10, 3).unwrap(), vec![1, 2, 3], "the cap keeps the oldest");
        assert_eq!(t.members(&conn, 30, 8).unwrap(), vec![3]);
        // A row filed twice counts once.
        t.file(&conn, &[10], 4).unwrap();
        let filed: i64 =
            conn.query_row("SELECT recent FROM key_runs WHERE tbl = ?1", [t.recent], |r| r.get(0)).unwrap();
        assert_eq!(filed, 1);
        // Unfiling finds the row in either table.
        t.unfile(&conn, 10, 1).unwrap();
        t.unfile(&conn, 10, 4).unwrap();
        assert_eq!(t.members(&conn, 10, 8).unwrap(), vec![2, 3]);
        t.clear(&conn).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 0));
    }

    #[test]
    fn a_lookup_is_compiled_once_not_at_every_key() {
        // A connection without the writer's planner guarantee: the
        // lookup's own SQL must not make SQLite compile it again when the
        // next key is bound (as a bound LIMIT did).
        let (conn, t) = tables(5);
        t.file(&conn, &[10, 20], 1).unwrap();
        for key in [10, 20, 30, 10] {
            t.members(&conn, key, 8).unwrap();
        }
        let stmt = conn.prepare_cached(&t.members_sql(8)).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn a_merge_rolled_back_with_its_transaction_loses_nothing() {
        let (mut conn, t) = tables(4);
        t.file(&conn, &[1, 2, 3], 7).unwrap();
        {
            let tx = conn.transaction().unwrap();
            t.file(&tx, &[4], 8).unwrap(); // fills the recent table: merged
            assert_eq!(count(&tx, t.settled), 4);
            // Dropped without commit: a crash before the document's commit.
        }
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (3, 0));
        assert_eq!(t.members(&conn, 2, 8).unwrap(), vec![7]);
        assert!(t.members(&conn, 4, 8).unwrap().is_empty());
        // The next filing merges them.
        t.file(&conn, &[4], 8).unwrap();
        assert_eq!((count(&conn, t.recent), count(&conn, t.settled)), (0, 4));
    }
}
