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

pub mod credits;
pub mod dates;
pub mod ner;
pub mod quotes;
pub mod reporting;
pub mod sentence;
pub mod titles;
pub mod token;

use std::cell::RefCell;
use std::sync::OnceLock;

use dossier_core::{Annotations, Document};

/// How much of one document's text the NLP stages read: 1 MiB, some 170,000
/// words, twenty times a long article. Past that a "document" is a dump
/// (a book, a database export) that would hold a whole batch up for minutes;
/// its text is kept whole and its first 1 MiB annotated, and the caller is
/// expected to say so.
pub const MAX_ANNOTATED_BYTES: usize = 1 << 20;

/// The length of the prefix of `text` that [`Pipeline::annotate`] reads: all
/// of it up to [`MAX_ANNOTATED_BYTES`], else up to the last line break (or
/// space) before that limit.
pub fn annotated_len(text: &str) -> usize {
    if text.len() <= MAX_ANNOTATED_BYTES {
        return text.len();
    }
    let mut cut = MAX_ANNOTATED_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    head.rfind('\n').or_else(|| head.rfind(' ')).map_or(cut, |i| i + 1)
}

/// All NLP stages, configured once and shared across threads.
#[derive(Debug, Clone, Copy)]
pub struct Pipeline {
    /// Models live for the whole process, so that each worker thread can keep
    /// its own tagger (with its warm per-word cache) from one document to
    /// the next.
    ner: &'static ner::NerModel,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

static EMBEDDED_NER: OnceLock<ner::NerModel> = OnceLock::new();

thread_local! {
    /// This thread's tagger, and the address of the model it belongs to.
    static TAGGER: RefCell<Option<(usize, ner::Tagger<'static>)>> = const { RefCell::new(None) };
}

impl Pipeline {
    /// The pipeline with the models built into the binary (loaded once per process).
    pub fn new() -> Self {
        // The embedded model is checked by the tests of this crate; failing
        // to read it is a build defect, not a run-time condition.
        let ner =
            EMBEDDED_NER.get_or_init(|| ner::NerModel::embedded().expect("the embedded NER model is valid"));
        Pipeline { ner }
    }

    /// The pipeline with another NER model (`--model PATH`). The model is
    /// kept for the rest of the process.
    pub fn with_ner(ner: ner::NerModel) -> Self {
        Pipeline { ner: Box::leak(Box::new(ner)) }
    }

    /// Runs `f` with this thread's tagger for the pipeline's model.
    fn with_tagger<R>(&self, f: impl FnOnce(&mut ner::Tagger<'static>) -> R) -> R {
        let key = self.ner as *const ner::NerModel as usize;
        TAGGER.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.as_ref().is_none_or(|(k, _)| *k != key) {
                *slot = Some((key, self.ner.tagger()));
            }
            let (_, tagger) = slot.as_mut().expect("just set");
            f(tagger)
        })
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

    /// Runs every stage over `doc`. Never fails: odd text gives fewer
    /// annotations. Only the first [`MAX_ANNOTATED_BYTES`] of a text are
    /// annotated (see [`annotated_len`]); the text itself is kept whole.
    pub fn annotate(&self, doc: &Document) -> Annotations {
        let text = &doc.text[..annotated_len(&doc.text)];
        let tokens = token::tokenize(text);
        let sentences = sentence::split_sentences(text, &tokens);
        let anchor = doc.published.as_deref().and_then(dates::parse_anchor);
        let entities = self.with_tagger(|t| ner::tag_document(t, text, &sentences, &tokens));
        let (mut quotes, no_comment) = quotes::find_statements(text, &tokens, &sentences, &entities);
        let dates = dates::find_dates(text, anchor);
        for q in &mut quotes {
            (q.date, q.date_source) =
                dates::statement_date(text, q.span, q.cue, &dates, doc.published.as_deref());
        }
        Annotations {
            sentences: sentences.iter().map(|s| s.span).collect(),
            entities,
            quotes,
            dates,
            no_comment,
            credits: credits::find_credits(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_annotated_up_to_the_limit_at_a_line_break() {
        let line = "Kiljunen said the inquiry would last until November.\n";
        let text = line.repeat(MAX_ANNOTATED_BYTES / line.len() + 10);
        let cut = annotated_len(&text);
        assert!(cut <= MAX_ANNOTATED_BYTES && cut > MAX_ANNOTATED_BYTES - line.len());
        assert!(text[..cut].ends_with('\n'));
        assert_eq!(annotated_len(line), line.len());
        let doc = Document::new("x".into(), "-".into(), dossier_core::Format::Text, text);
        let ann = Pipeline::new().annotate(&doc);
        assert!(ann.sentences.last().unwrap().end <= cut);
    }
}
