//! The dossier data model.
//!
//! Every stage of the pipeline speaks these types: ingest produces a
//! [`Document`], the NLP stages add [`Annotations`] whose spans are **byte**
//! offsets into `Document::text`, and [`contract`] turns both into the JSON
//! object of the output contract (`docs/output-contract.md`), converting byte
//! offsets to code-point offsets once, at that edge.
//!
//! This crate does no I/O and pulls no heavy dependency, so every other crate
//! can depend on it.

pub mod annot;
pub mod contract;
pub mod contract_in;
pub mod doc;
pub mod span;
pub mod titles;

pub use annot::{
    Annotations, Credit, CreditKind, DateMention, DateSource, EntityLabel, Mention, NoComment, Quote,
    QuoteKind, Speaker, Via, ViaKind,
};
pub use doc::{Document, Envelope, Format, OfficeKind};
pub use span::{CharOffsets, Span};
