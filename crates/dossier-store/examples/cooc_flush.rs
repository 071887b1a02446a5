//! Replays the co-occurrence pairs of a range of stored documents through
//! one [`CoocBatch`] flush, so the flush can be profiled alone and the same
//! way for two builds (an ingest's flushes follow the clock, see
//! `write.rs`'s `COOC_LAG_SECS`):
//!
//! ```sh
//! cargo build --release -p dossier-store --example cooc_flush
//! valgrind --tool=callgrind target/release/examples/cooc_flush MENTIONS.sqlite COOC.sqlite FROM TO
//! ```
//!
//! The linked mentions of documents `FROM < seq <= TO` are read from
//! `MENTIONS.sqlite` (a store) and their pairs written into the `cooc`
//! table of `COOC.sqlite` (changed: use a copy), with the writer's pragmas.
//! Prints the rows, documents and sentences of `cooc` after the flush.

use dossier_store::summary::CoocBatch;
use rusqlite::Connection;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mentions, cooc, from, to] = &args[..] else {
        eprintln!("usage: cooc_flush MENTIONS.sqlite COOC.sqlite FROM TO");
        std::process::exit(2);
    };
    let (from, to): (i64, i64) = (from.parse().expect("FROM"), to.parse().expect("TO"));
    let src =
        Connection::open_with_flags(mentions, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mut rows: Vec<(i64, Option<i64>, i64)> = src
        .prepare("SELECT doc, sent, entity FROM mentions WHERE doc > ?1 AND doc <= ?2 AND entity IS NOT NULL")
        .and_then(|mut s| s.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("read mentions");
    rows.sort_unstable();
    let mut batch = CoocBatch::default();
    for doc in rows.chunk_by(|x, y| x.0 == y.0) {
        let linked: Vec<(Option<i64>, i64)> = doc.iter().map(|&(_, s, e)| (s, e)).collect();
        batch.add_document(doc[0].0, &linked);
    }
    let mut conn = Connection::open(cooc).expect("open cooc");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000; \
         PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY; \
         CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);",
    )
    .expect("pragmas");
    batch.flush(&mut conn).expect("flush");
    let (n, d, s): (i64, i64, i64) = conn
        .query_row("SELECT count(*), sum(docs), sum(sents) FROM cooc", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("count");
    println!("{n} rows, {d} documents, {s} sentences");
}
