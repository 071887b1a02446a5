//! The dossier store: an embedded, crash-safe home for a corpus that grows
//! for months, and the queries an analyst runs over it.
//!
//! A store is a directory:
//!
//! - `dossier.sqlite`: documents (text once, metadata), sentences, mentions,
//!   entities with aliases and knowledge-base facts, quotes with speakers,
//!   dates, and the analyst's decisions. SQLite in WAL mode, so readers work
//!   while an ingest writes; every document is written with all its
//!   annotations in one transaction, so a crash leaves it wholly in or out.
//! - `index/`: the tantivy full-text index, derived from SQLite and
//!   rebuildable ([`Store::reindex`]); see [`index`] for how a crash between
//!   the two commits is repaired.
//!
//! Every stored fact keeps its document and byte span, so it can be shown in
//! context; every query converts spans to code points in its results, which
//! are plain structs (serde `Serialize`) meant to be the API's DTOs: the CLI
//! only formats them, and an HTTP server can serve them as they are.
//!
//! ```
//! use dossier_core::{Annotations, Document, Format, Span};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = dossier_store::Store::create(dir.path()).unwrap();
//! let doc = Document::new("d1".into(), "a.txt".into(), Format::Text, "Kiljunen spoke in Osh.".into());
//! let ann = Annotations { sentences: vec![Span::new(0, 22)], ..Default::default() };
//! let mut w = store.writer().unwrap();
//! assert!(w.add(&doc, &ann).unwrap().is_added());
//! assert!(!w.add(&doc, &ann).unwrap().is_added()); // idempotent
//! w.finish().unwrap();
//! let hits = store.search(&dossier_store::SearchParams::new("osh")).unwrap();
//! assert_eq!(hits[0].id, "d1");
//! ```

pub mod copies;
pub mod countries;
pub mod credits;
pub mod decisions;
pub mod export;
pub mod index;
pub mod link_index;
pub mod query;
pub mod schema;
pub mod statements;
pub mod stem;
pub mod summary;
pub mod util;
pub mod via;
pub mod write;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
pub use rusqlite::InterruptHandle;

pub use copies::{CopiesView, CopyPair};
pub use decisions::{Decision, DecisionKind};
pub use link_index::StoreIndex;
pub use query::*;
pub use statements::{StatementStep, StatementSummary, StatementView};
pub use via::ViaOut;
pub use write::{AddOutcome, EntityMeta, LinkRecord, Prepared, Writer, BATCH_DOCS};

use index::FullText;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The full-text index failed.
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The search query is beyond the limits (length, words, nesting).
    #[error("{0}")]
    Query(String),
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The folder holds no store.
    #[error("no dossier store at {0} (create one with `dossier ingest PATH ...` or `dossier demo`)")]
    NoStore(PathBuf),
    /// The database is not a dossier store.
    #[error("not a dossier store: {0}")]
    NotAStore(String),
    /// The store was written by a newer dossier.
    #[error(
        "this store has schema version {found}, newer than the {supported} this dossier knows: \
         upgrade dossier to read it (it was not touched)"
    )]
    NewerSchema {
        /// Version found in the store.
        found: i64,
        /// Highest version this build supports.
        supported: i64,
    },
    /// Another process holds the store's writer.
    #[error("the store is busy: {0}")]
    Busy(String),
    /// A named thing does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// An argument or stored value is not valid.
    #[error("{0}")]
    Invalid(String),
    /// One document is larger than the store can hold; nothing of it was
    /// written and the writer can go on with the next.
    #[error("{0}")]
    TooLarge(String),
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io { path: path.to_path_buf(), source }
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database file inside a store folder.
pub const DB_FILE: &str = "dossier.sqlite";

/// Sets up a connection that writes a store (the writer's, and the store
/// benches'): WAL, a 32 MB page cache, 256 MB mapped, and the query
/// planner's stability guarantee. Without that guarantee SQLite plans some
/// statements with their bound values (a bound `LIMIT`; with the
/// statistics `PRAGMA optimize` gathers, a bound key compared with an
/// indexed column), and binding a new value to such a statement makes its
/// next step parse and plan it again: a cached statement run per key would
/// be compiled on every run. Plans are then made as on a statement's first
/// prepare, which is before anything is bound.
pub fn configure_writer(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000; \
         PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;",
    )?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}
/// The full-text index folder inside a store folder.
pub const INDEX_DIR: &str = "index";

/// What cached [`Stats`] are valid for: the store's generation and the
/// index commit.
type StatsKey = ((i64, i64, i64), u64);

/// An open store.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    ft: FullText,
    migrated_from: i64,
    read_only: bool,
    /// Sites by document, for search facets (loaded on first use).
    sites_table: std::sync::Mutex<query::search::SiteTable>,
    /// The last [`Stats`] and the [`Store::generation`] they were counted at.
    stats_cache: std::sync::Mutex<Option<(StatsKey, Stats)>>,
    /// In-memory filters of the keys copies and statements are filed under
    /// (built on use; see `copies/keys.rs`).
    keys: copies::keys::StoreKeys,
}

/// Prepared statements a connection keeps (rusqlite's default is 16).
const STATEMENT_CACHE: usize = 64;
impl Store {
    /// Opens an existing store; fails with [`StoreError::NoStore`] when
    /// `dir` holds none. Migrates an older schema.
    pub fn open(dir: &Path) -> Result<Store> {
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::NoStore(dir.to_path_buf()));
        }
        Self::open_inner(dir)
    }

    /// Opens the store in `dir`, creating the folder and an empty store
    /// when needed.
    pub fn create(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        Self::open_inner(dir)
    }

    /// Opens an existing store for reading only: the SQLite connection is
    /// read-only (`query_only`), nothing is migrated (a store at an older
    /// schema version is refused: open it once with [`Store::open`]), and
    /// the full-text index is never written. What a server's pool of
    /// connections uses.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::NoStore(dir.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Reads map the whole database, up to SQLite's 2 GiB cap (a server's
        // pages then cost no read() copy; the mapping is address space, the
        // pages are the kernel's shared page cache).
        conn.execute_batch(
            "PRAGMA query_only = ON; PRAGMA cache_size = -32000; PRAGMA mmap_size = 2147418112; \
             PRAGMA temp_store = MEMORY;",
        )?;
        let found = schema::current_version(&conn)?;
        if found != schema::SCHEMA_VERSION {
            return Err(StoreError::Invalid(format!(
                "this store has schema version {found}, this dossier reads {}: open it once for writing \
                 (any `dossier` command but `serve`) to migrate it",
                schema::SCHEMA_VERSION
            )));
        }
        let ft = FullText::open(&dir.join(INDEX_DIR))?;
        Ok(Store::assemble(dir, conn, ft, found, true))
    }

    fn open_inner(dir: &Path) -> Result<Store> {
        let mut conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        configure_writer(&conn)?;
        let migrated_from = schema::migrate(&mut conn)?;
        let ft = FullText::open(&dir.join(INDEX_DIR))?;
        Ok(Store::assemble(dir, conn, ft, migrated_from, false))
    }

    fn assemble(dir: &Path, conn: Connection, ft: FullText, migrated_from: i64, read_only: bool) -> Store {
        // Queries reuse their prepared statements (an entity page runs a
        // dozen distinct ones; re-preparing them was ~15% of its CPU).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The writer's stop pairs are remembered (a rollback hook on `conn`
        // forgets them); a read-only store files nothing.
        let keys = if read_only { Default::default() } else { copies::keys::StoreKeys::writing(&conn) };
        Store {
            dir: dir.to_path_buf(),
            conn,
            ft,
            migrated_from,
            read_only,
            sites_table: Default::default(),
            stats_cache: Default::default(),
            keys,
        }
    }

    /// A value that changes whenever the store's content does (a document
    /// added, a decision made or undone), cheap to read: caches of
    /// aggregate answers are keyed on it.
    pub fn generation(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(max(seq), 0) FROM documents), \
             (SELECT coalesce(max(id), 0) FROM decisions), (SELECT count(undone) FROM decisions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version found on open (0 for a new store); lower than
    /// [`schema::SCHEMA_VERSION`] when this open migrated it.
    pub fn migrated_from(&self) -> i64 {
        self.migrated_from
    }

    /// The SQLite connection, for the query modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A handle that stops this store's running SQLite statement from
    /// another thread (the statement then fails as interrupted): the
    /// server uses it to end a query past its time budget.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Runs `f` in one read transaction: its statements see one snapshot
    /// of the store, and SQLite takes and releases its file locks once
    /// instead of once per statement (an entity page runs ~80 of them; the
    /// lock system calls were a visible share of a page's CPU). When a
    /// transaction is already open, `f` just runs in it. The transaction is
    /// closed however `f` ends, unwinding included, so a store lent to the
    /// next query never keeps an old snapshot.
    pub fn in_read_transaction<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        struct Close<'a>(&'a Connection);
        impl Drop for Close<'_> {
            fn drop(&mut self) {
                if !self.0.is_autocommit() {
                    // A read transaction has nothing to lose: rolling back ends it.
                    let _ = self.0.execute_batch("ROLLBACK");
                }
            }
        }
        self.conn.execute_batch("BEGIN").map_err(|e| E::from(StoreError::from(e)))?;
        let _close = Close(&self.conn);
        f(self)
    }

    /// Turns off memory-mapped reads for this connection, so that a long
    /// ingest's resident memory stays flat as the database grows (queries
    /// keep mapping for speed).
    pub fn limit_memory(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA mmap_size = 0;")?;
        Ok(())
    }

    /// For each id, whether a document with that id is stored.
    pub fn contains_ids(&self, ids: &[&str]) -> Result<Vec<bool>> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        ids.iter().map(|id| Ok(stmt.exists([id])?)).collect()
    }

    /// The single writer of the store: holds the index's writer lock for
    /// its life, so a second ingest fails fast with [`StoreError::Busy`]
    /// while readers go on. Opening it first indexes any document SQLite
    /// holds beyond the index's high-water mark.
    pub fn writer(&mut self) -> Result<Writer<'_>> {
        Writer::new(self)
    }

    /// Indexes documents SQLite holds beyond the index's high-water mark,
    /// when no writer is running. Returns how many were indexed. Read
    /// commands call it so that search results are never lost to a crash.
    pub fn catch_up_index(&self) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        let hwm = self.ft.high_water_mark()?;
        let max: i64 =
            self.conn.query_row("SELECT coalesce(max(seq), 0) FROM documents", [], |r| r.get(0))?;
        if max <= hwm {
            return Ok(0);
        }
        let Some(mut w) = self.ft.try_writer()? else { return Ok(0) };
        let n = write::index_since(&self.conn, &self.ft, &mut w, self.ft.high_water_mark()?)?;
        Ok(n)
    }

    /// Rebuilds the full-text index from SQLite. Returns the number of
    /// documents indexed.
    pub fn reindex(&mut self) -> Result<usize> {
        let Some(mut w) = self.ft.try_writer()? else {
            return Err(StoreError::Busy("another process is writing (an ingest?)".into()));
        };
        w.delete_all_documents()?;
        let n = write::index_since(&self.conn, &self.ft, &mut w, 0)?;
        w.wait_merging_threads()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_compiles_a_statement_once_whatever_is_bound() {
        // A bound LIMIT is one of the values SQLite would otherwise plan
        // with, compiling the statement again at each new binding.
        let conn = Connection::open_in_memory().unwrap();
        configure_writer(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t (k INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);")
            .unwrap();
        let sql = "SELECT k FROM t WHERE k >= ?1 LIMIT ?2";
        for (from, limit) in [(1, 1), (2, 5), (1, 2)] {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            let got: Vec<i64> = stmt
                .query_map([from, limit], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(got.len(), (4 - from).min(limit) as usize);
        }
        let stmt = conn.prepare_cached(sql).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn a_running_statement_is_interrupted_from_another_thread() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let handle = store.interrupt_handle();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            handle.interrupt();
        });
        let start = std::time::Instant::now();
        // Counts to 10^10: minutes if not interrupted.
        let r: rusqlite::Result<i64> = store.conn().query_row(
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000000000) SELECT count(*) FROM c",
            [],
            |r| r.get(0),
        );
        stopper.join().unwrap();
        assert!(r.is_err(), "{r:?}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
        // The connection works again afterwards.
        let one: i64 = store.conn().query_row("SELECT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(one, 1);
    }
}
