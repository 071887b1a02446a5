//! dossier's language layer.
//!
//! Pure functions from text to annotations: the tokenizer and sentence
//! splitter every later stage shares, named-entity recognition, quotes and
//! attribution, and dates. Nothing here does I/O: models arrive as bytes.
//!
//! [`Pipeline::annotate`] runs every stage over one [`Document`]:
//!
//! ```
//! use dossier_core::{Document, Format};
//! let doc = Document::new("id".into(), "-".into(), Format::Text, "Kiljunen left. He said so.".into());
//! let ann = dossier_nlp::Pipeline::new().annotate(&doc);
//! assert_eq!(ann.sentences.len(), 2);
//! ```

pub mod dates;
pub mod quotes;
pub mod sentence;
pub mod token;

use dossier_core::{Annotations, Document};

/// All NLP stages, configured once and shared across threads.
#[derive(Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    /// The pipeline with the models built into the binary.
    pub fn new() -> Self {
        Pipeline {}
    }

    /// Completes the document's metadata from its text, then annotates it:
    /// a dateline (`MOSCOW, Nov 21, 2007 (AFP) –`) gives `published` when the
    /// source had no date, and the dateline's place.
    pub fn process(&self, doc: &mut Document) -> Annotations {
        if let Some((date, place)) = dates::dateline_date(&doc.text) {
            if doc.published.is_none() {
                doc.published = Some(date);
            }
            doc.dateline_place = place;
        }
        self.annotate(doc)
    }

    /// Runs every stage over `doc`. Never fails: odd text gives fewer annotations.
    pub fn annotate(&self, doc: &Document) -> Annotations {
        let tokens = token::tokenize(&doc.text);
        let sentences = sentence::split_sentences(&doc.text, &tokens);
        let anchor = doc.published.as_deref().and_then(dates::parse_anchor);
        let entities = Vec::new();
        let quotes = quotes::find_quotes(&doc.text, &tokens, &sentences, &entities);
        Annotations {
            sentences: sentences.iter().map(|s| s.span).collect(),
            entities,
            quotes,
            dates: dates::find_dates(&doc.text, anchor),
            ..Default::default()
        }
    }
}
