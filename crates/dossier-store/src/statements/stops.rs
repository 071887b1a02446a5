//! Stop pairs known in memory, so that a quote walking past its stop pairs
//! ([`super::record::MAX_PER_KEY`]) does not read each one's full key
//! again: in `dossier bench statements` such reads were 534,668 of the
//! lookups over 200,000 documents, 64 rows each (docs/performance.md,
//! issue #20).
//!
//! A remembered key must really be full, or a quote would walk past a key
//! that still takes it (a set that holds a key too few is only a read
//! more). A key fills only by filing and empties only by unfiling
//! ([`super::record::refresh`]), a rolled-back transaction, or another
//! connection's commit, so the set forgets: a key when it is unfiled
//! ([`crate::copies::keys::Keys::unfile`]), everything when the connection
//! rolls a transaction back (counted by a rollback hook on it: any path,
//! the writer's rewrite after a failed document, a dropped writer, a failed
//! decision) and when another connection has committed (SQLite's
//! `data_version`, checked with the key filter's). It is filled as lookups
//! find keys at the cap, and from the settled key table's runs of equal
//! keys when the key filter is built from the tables (a key whose rows are
//! split between the settled and recent tables is found at its first
//! lookup instead). It holds at most [`MAX_STOPS`] keys; past that a stop
//! pair is read as before.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rusqlite::Connection;
use rustc_hash::FxHashSet;

/// Stop pairs remembered at most: 4 bytes each in a hash set, about 5 MB
/// at its fullest (the 200,000-document bench has far fewer:
/// docs/performance.md).
pub const MAX_STOPS: usize = 1 << 19;

/// Keys known to hold their cap of members (see the module doc).
#[derive(Debug)]
pub struct Stops {
    /// The keys (31-bit hashes).
    keys: FxHashSet<u32>,
    /// Members that make a key a stop pair.
    pub full_at: usize,
    /// Rollbacks of the connection, counted by its rollback hook, and the
    /// count the set was last checked at.
    rollbacks: Arc<AtomicU64>,
    seen_rollbacks: u64,
    /// The connection's `data_version` the keys were read at (a commit by
    /// another connection changes it).
    pub(crate) version: Option<i64>,
    /// Lookups the set answered without reading SQLite.
    pub hits: u64,
}

impl Stops {
    /// An empty set for the keys of `conn` that hold `full_at` members,
    /// with a rollback hook on `conn` (it replaces any other: the store's
    /// writer connection has no other).
    pub fn watching(conn: &Connection, full_at: usize) -> Stops {
        let rollbacks = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&rollbacks);
        conn.rollback_hook(Some(move || {
            counted.fetch_add(1, Ordering::Relaxed);
        }));
        Stops { keys: FxHashSet::default(), full_at, rollbacks, seen_rollbacks: 0, version: None, hits: 0 }
    }

    /// Whether `key` is a known stop pair (after forgetting all of them if
    /// the connection rolled back since the last check).
    pub fn holds(&mut self, key: i64) -> bool {
        self.check_rollbacks();
        let known = self.keys.contains(&(key as u32));
        self.hits += u64::from(known);
        known
    }

    /// Remembers `key`, just read with its cap of members, while the set
    /// has room.
    pub fn remember(&mut self, key: i64) {
        self.check_rollbacks();
        if self.keys.len() < MAX_STOPS {
            self.keys.insert(key as u32);
        }
    }

    /// Forgets `key` (a member was taken off it).
    pub fn forget(&mut self, key: i64) {
        self.keys.remove(&(key as u32));
    }

    /// Forgets every key; `version` is the `data_version` from which keys
    /// are remembered again.
    pub fn clear(&mut self, version: Option<i64>) {
        self.keys.clear();
        self.version = version;
    }

    /// Keys remembered.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether none is remembered.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Forgets every key when the connection has rolled a transaction back
    /// since the last check: a key filled in it may have emptied.
    fn check_rollbacks(&mut self) {
        let now = self.rollbacks.load(Ordering::Relaxed);
        if now != self.seen_rollbacks {
            self.seen_rollbacks = now;
            self.keys.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::copies::keys::{KeyTable, Keys};

    /// The cap of the keys here (a small one: fewer rows to file).
    const CAP: usize = 4;

    /// A store's tables at `path` (or in memory), statement keys merged
    /// into the settled table every `settle_at` rows.
    fn open(path: Option<&std::path::Path>) -> Connection {
        let mut conn = match path {
            Some(p) => Connection::open(p).unwrap(),
            None => Connection::open_in_memory().unwrap(),
        };
        crate::schema::migrate(&mut conn).unwrap();
        conn
    }

    fn keys(conn: &Connection, settle_at: i64) -> Keys {
        Keys::new(KeyTable { settle_at, ..KeyTable::STATEMENTS }).remembering_stops(conn, CAP)
    }

    /// Whether `key` takes members, and how many lookups read SQLite so far.
    fn open_now(filed: &mut Keys, conn: &Connection, key: i64) -> (Option<usize>, u64) {
        filed.sync(conn).unwrap();
        let members = filed.open_members(conn, key, CAP).unwrap().map(|m| m.len());
        (members, filed.stats().read)
    }

    #[test]
    fn a_full_key_is_read_once_then_known_and_forgotten_when_a_member_leaves() {
        let conn = open(None);
        let mut filed = keys(&conn, 1_000);
        for member in 1..=CAP as i64 {
            filed.file(&conn, &[7], member, 0).unwrap();
        }
        let (members, reads) = open_now(&mut filed, &conn, 7);
        assert_eq!(members, None, "full");
        // Known now: answered without a read.
        assert_eq!(open_now(&mut filed, &conn, 7), (None, reads));
        assert_eq!((filed.stats().stops_known, filed.stats().stops_hit), (1, 1));
        // A member taken off: the key takes quotes again.
        filed.unfile(&conn, 7, 2).unwrap();
        assert_eq!(open_now(&mut filed, &conn, 7), (Some(CAP - 1), reads + 1));
    }

    #[test]
    fn a_key_filled_in_a_transaction_rolled_back_is_forgotten() {
        let conn = open(None);
        let mut filed = keys(&conn, 1_000);
        for member in 1..CAP as i64 {
            filed.file(&conn, &[7], member, 0).unwrap();
        }
        conn.execute_batch("BEGIN").unwrap();
        filed.file(&conn, &[7], CAP as i64, 0).unwrap();
        assert_eq!(open_now(&mut filed, &conn, 7).0, None, "full in the transaction");
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(open_now(&mut filed, &conn, 7).0, Some(CAP - 1), "open again after the rollback");
    }

    #[test]
    fn another_connections_commit_forgets_the_known_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.sqlite");
        let conn = open(Some(&path));
        let mut filed = keys(&conn, 1_000);
        for member in 1..=CAP as i64 {
            filed.file(&conn, &[7], member, 0).unwrap();
        }
        assert_eq!(open_now(&mut filed, &conn, 7).0, None);
        // An analyst's merge in another process takes a member off.
        let other = Connection::open(&path).unwrap();
        Keys::statements().unfile(&other, 7, 1).unwrap();
        assert_eq!(open_now(&mut filed, &conn, 7).0, Some(CAP - 1));
    }

    #[test]
    fn a_build_from_the_tables_knows_the_settled_full_keys_without_reading_them() {
        let conn = open(None);
        // Keys above the rows sampled to estimate the table's size, so the
        // first lookup of this small store builds the filter.
        let (full, short, recent) = (1 << 30, (1 << 30) + 1, (1 << 30) + 2);
        {
            // Filed by an earlier run: `full` holds the cap and `short` one
            // less, merged into the settled table; `recent` full in the
            // recent table.
            let mut earlier = Keys::new(KeyTable { settle_at: 2 * CAP as i64 - 1, ..KeyTable::STATEMENTS });
            for member in 1..=CAP as i64 {
                earlier.file(&conn, &[full], member, 0).unwrap();
                if member < CAP as i64 {
                    earlier.file(&conn, &[short], member, 0).unwrap();
                }
            }
            for member in 1..=CAP as i64 {
                earlier.file(&conn, &[recent], member, 0).unwrap();
            }
        }
        let settled: i64 = conn.query_row("SELECT count(*) FROM statement_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(settled, 2 * CAP as i64 - 1);
        let mut filed = keys(&conn, 1_000);
        let (_, reads) = open_now(&mut filed, &conn, (1 << 30) + 3);
        assert!(filed.stats().bytes > 0, "built at the first lookup");
        assert_eq!(filed.stats().stops_known, 1);
        assert_eq!(open_now(&mut filed, &conn, full), (None, reads), "known from the build, not read");
        assert_eq!(open_now(&mut filed, &conn, short), (Some(CAP - 1), reads + 1));
        assert_eq!(
            open_now(&mut filed, &conn, recent),
            (None, reads + 2),
            "read: recent rows are not counted"
        );
    }
}
