//! dossier's language layer.
//!
//! Pure functions from text to annotations: the tokenizer and sentence
//! splitter every later stage shares, named-entity recognition, quotes and
//! attribution, and dates. Nothing here does I/O: models arrive as bytes.

pub mod ner;
