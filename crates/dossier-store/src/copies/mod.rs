//! Copies: documents that are the same story printed again — a wire story
//! under another headline and lead, trimmed, wrapped in a site's
//! boilerplate, its paragraphs moved, a quote dropped. They form a copies
//! cluster whose origin is the earliest member.
//!
//! - [`fingerprint`]: word shingles, MinHash signatures and LSH band keys
//!   (pure functions with fixed seeds).
//! - [`keys`]: the band table, kept as a small recent table merged into a
//!   large settled one in sorted runs so commits stay cheap as it grows
//!   (statements' keys are kept the same way), and [`keys::Keys`], an
//!   in-memory filter ([`bloom`]) that answers lookups of absent keys
//!   without reading SQLite.
//! - [`record`]: at ingest, in the document's transaction, candidates by
//!   LSH, confirmed by the exact shingle overlap kept as evidence, and the
//!   cluster joined.
//! - [`query`]: a document's cluster, origin, members and evidence.
//!
//! Clusters are single-link: two documents are in one cluster when a chain
//! of confirmed pairs joins them. A digest that quotes two wire stories at
//! length can therefore join their clusters; the pairs show why.

pub mod bloom;
pub mod fingerprint;
pub mod keys;
pub mod query;
pub mod record;

pub use query::{CopiesView, CopyPair};
pub use record::{CopyRule, RULE};
