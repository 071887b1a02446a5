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

pub mod ner;
pub mod sentence;
pub mod token;

use dossier_core::{Annotations, Document};

/// All NLP stages, configured once and shared across threads.
#[derive(Debug, Default)]
pub struct Pipeline {
    ner: ner::NerModel,
}

impl Pipeline {
    /// The pipeline with the models built into the binary. (The embedded NER
    /// model is checked by tests to load; were it unreadable, the pipeline
    /// would find no names rather than fail.)
    pub fn new() -> Self {
        Pipeline { ner: ner::NerModel::embedded().unwrap_or_default() }
    }

    /// Runs every stage over `doc`. Never fails: odd text gives fewer annotations.
    pub fn annotate(&self, doc: &Document) -> Annotations {
        let tokens = token::tokenize(&doc.text);
        let sentences = sentence::split_sentences(&doc.text, &tokens);
        let entities = ner::tag_document(&mut self.ner.tagger(), &doc.text, &sentences, &tokens);
        Annotations { sentences: sentences.iter().map(|s| s.span).collect(), entities, ..Default::default() }
    }
}
