//! dossier's results as Parquet tables, the form that pandas, polars,
//! DuckDB and Spark read: `documents`, `mentions`, `quotes`, `dates` and
//! `entities`, one row per item, joined by `doc_id` and `entity_id`, spans
//! in Unicode code points exactly as in the JSON output contract.
//! `docs/parquet.md` documents every column; [`SCHEMA_VERSION`] is written
//! into every file and changes only by adding columns.
//!
//! - [`tables`]: contract documents (and entity rows) into Arrow record
//!   batches, one per table: what a writer, or a caller that wants Arrow
//!   in memory, uses;
//! - [`writer`]: the five files of a folder, written batch by batch so
//!   memory stays flat however many documents pass;
//! - [`reader`]: a folder of tables (this crate's files or Spark's part
//!   files) read back into contract documents, for `ingest --parquet`.

#[cfg(feature = "files")]
pub mod reader;
pub mod tables;
#[cfg(feature = "files")]
pub mod writer;

pub use tables::{DocumentTables, EntityRow};
#[cfg(feature = "files")]
pub use writer::{Counts, TablesWriter};

/// The version of the tables' layout, in each file's key-value metadata
/// under [`SCHEMA_VERSION_KEY`]. Like the JSON contract, a layout only
/// grows: a new version adds columns or tables, never renames or drops.
/// Version 2 added the `documents` columns `sentence_starts`,
/// `sentence_ends`, `credits` and `no_comment`, so a store can be loaded
/// from the tables alone.
pub const SCHEMA_VERSION: &str = "2";

/// The metadata key of [`SCHEMA_VERSION`].
pub const SCHEMA_VERSION_KEY: &str = "dossier.parquet_schema";

/// The tables, in the order they are written; each is `NAME.parquet`.
pub const TABLES: [&str; 5] = ["documents", "mentions", "quotes", "dates", "entities"];

/// What can go wrong writing tables.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be created or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The Parquet encoder refused a batch.
    #[cfg(feature = "files")]
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: String,
        /// Why.
        source: parquet::errors::ParquetError,
    },
    /// A table lacks a column or holds a value the layout does not allow.
    #[error("{0}")]
    Table(String),
    /// A record batch did not match its schema (a bug).
    #[error("{0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}
