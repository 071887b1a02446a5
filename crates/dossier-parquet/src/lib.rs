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
//!   memory stays flat however many documents pass.

pub mod tables;
#[cfg(feature = "writer")]
pub mod writer;

pub use tables::{DocumentTables, EntityRow};
#[cfg(feature = "writer")]
pub use writer::{Counts, TablesWriter};

/// The version of the tables' layout, in each file's key-value metadata
/// under [`SCHEMA_VERSION_KEY`]. Like the JSON contract, a layout only
/// grows: a new version adds columns or tables, never renames or drops.
pub const SCHEMA_VERSION: &str = "1";

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
    #[cfg(feature = "writer")]
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: String,
        /// Why.
        source: parquet::errors::ParquetError,
    },
    /// A record batch did not match its schema (a bug).
    #[error("{0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}
