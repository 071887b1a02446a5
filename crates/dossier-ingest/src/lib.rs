//! Reading documents in every format dossier accepts.
//!
//! Ingest turns input paths into [`Document`]s in two steps, so that the
//! expensive part can run in parallel while input order is kept:
//!
//! 1. [`open_input`] reads one input (file or standard input) *sequentially*
//!    and yields [`RawDoc`]s: a WARC archive or a JSON Lines file yields one
//!    per record or line, streamed, so a 2 GB archive is never held in
//!    memory; a feed yields one per item.
//! 2. [`RawDoc::build`] turns one raw document into a [`Document`]: charset
//!    decoding, HTML main-text and metadata extraction, language
//!    identification. It is pure and `Send`, so callers run it on a thread
//!    pool.
//!
//! Formats are detected from content (gzip magic, `WARC/` header, zip
//! magic (office files are zip archives too, read by `office/`), RTF magic, mbox `From ` lines and e-mail headers, feed and HTML markup, JSON
//! objects), the extension only breaking ties. Containers (zip archives,
//! e-mail attachments) are opened and each part read through the same
//! detection (`archive.rs`, `mail/`); a cable or memo header at the top of
//! any text becomes the document's metadata (`cable.rs`). PDFs are read
//! page by page in reading order (`pdf/`), scans and images through
//! Tesseract when it is installed (`ocr.rs`). A bad input
//! is an [`IngestError`] naming the path and the reason; it never stops the
//! inputs after it.

pub mod archive;
pub mod cable;
pub mod decode;
pub mod detect;
pub mod error;
pub mod feed;
pub mod headline;
pub mod html;
pub mod jsonl;
pub mod lang;
pub mod limits;
pub mod mail;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod source;
pub mod warc;

pub use error::IngestError;
pub use source::{expand_inputs, open_input, Input, RawDoc};
