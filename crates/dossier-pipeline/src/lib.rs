//! dossier's document loop, shared by every face of dossier (the CLI's
//! `extract`, `entities`, `ingest` and `demo`, and the Python package):
//!
//! - [`batches`]: inputs read sequentially (a WARC archive streams),
//!   gathered into bounded batches, built and annotated in parallel,
//!   results in input order, documents the caller already has skipped;
//! - [`annotated`]: that loop for callers that want annotated documents,
//!   with warnings and failures handed back as [`Problem`]s (a bad input
//!   never stops a run);
//! - [`linked`]: the same, then linked across documents in input order,
//!   as `dossier extract` writes them.
//!
//! Nothing here prints or writes: output is the caller's.

pub mod annotated;
pub mod batches;
pub mod linked;

pub use annotated::{annotate_inputs, annotate_one, set_threads, Annotated, Problem};
pub use batches::{annotate, sources, Item};
pub use linked::annotate_and_link;

/// The raw documents of one input held in memory (`bytes`, shown as
/// `name`), read exactly as a file of that name would be: the format is
/// detected from the content, a JSON Lines or WARC input gives one
/// document per record. `-` reads as standard input does.
pub fn from_bytes(name: &str, bytes: Vec<u8>) -> dossier_ingest::source::RawDocs {
    dossier_ingest::source::open_reader(name.to_string(), name, Box::new(std::io::Cursor::new(bytes)))
}
