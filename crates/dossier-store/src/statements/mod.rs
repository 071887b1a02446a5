//! Statement clusters: the same statement (same speaker entity, exact or
//! near-exact words) reported in several documents, one cluster, with how
//! many documents carry it, how many *independent* sources (documents of
//! one copies cluster count once; documents crediting one wire agency
//! count once), its earliest appearance, and the chain by which it
//! travelled (each document by date with its channels and credits).
//!
//! - [`record`]: at ingest, in the document's transaction, each quote with
//!   a speaker (its linked entity after the analyst's merges, else its
//!   name) is filed under a sketch of 8 of its word pairs keyed by the
//!   speaker (the first 8 in a fixed hash order that are not stop pairs:
//!   a key full to its cap names no candidates and is walked past, and
//!   the writer remembers it: [`stops`]);
//!   stored quotes of that speaker filed under one of those keys are
//!   candidates, and a candidate whose stored pairs mostly hold the
//!   shorter quote's joins its cluster (single-link, like copies). Bounded
//!   work per quote. An analyst's merge or undo files the moved quotes
//!   again ([`record::refresh`]).
//! - [`query`]: a quote's cluster summary, and a cluster's chain.
//!
//! A paraphrase (`The people have made their choice` for `The voters have
//! spoken`) shares too few word pairs to join; a quote cut short (`we can
//! see the shore`) joins the whole when its pairs are in it.

pub mod query;
pub mod record;
pub mod signature;
pub mod stops;

pub use query::{StatementStep, StatementSummary, StatementView};
pub use record::{pair_overlap, StatementRule, RULE};
