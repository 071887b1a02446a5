//! Named-entity recognition: people, organisations, places and other names.
//!
//! A two-stage averaged-perceptron tagger over BILOU tags with Viterbi
//! decoding (see [`model`](NerModel) for the design and file format,
//! `features.rs` for what it looks at). The model the project trains ships
//! inside the binary ([`NerModel::embedded`]); another can be loaded with
//! [`NerModel::from_bytes`]. Training lives in `train` behind the `train`
//! cargo feature.
//!
//! The tagger works on documents given as sentences of token strings, so
//! CoNLL files need no tokenizer; [`Tagger::tag_spans`] works on text with
//! token and sentence spans and returns [`Mention`]s with byte spans.
//!
//! ```
//! let model = dossier_nlp::ner::NerModel::embedded().unwrap();
//! let mut tagger = model.tagger();
//! let doc = vec![vec!["Roza", "Otunbaeva", "visited", "Moscow", "."]];
//! let tags = tagger.tag_iob2(&doc);
//! assert_eq!(tags[0], ["B-PER", "I-PER", "O", "B-LOC", "O"]);
//! ```

mod acronyms;
mod bodies;
#[cfg(feature = "train")]
mod clusters;
mod consistency;
pub mod eval;
pub(crate) mod features;
mod hash;
pub mod lexicon;
mod model;
#[cfg(feature = "train")]
mod phoenix;
#[cfg(feature = "train")]
pub mod places;
pub(crate) mod roles;
mod rules;
pub mod tags;
#[cfg(feature = "train")]
pub mod train;

pub use model::{ModelError, NerModel, Tagger, FORMAT_VERSION};

use dossier_core::{EntityLabel, Mention, Span};

impl Tagger<'_> {
    /// Tags one document given as sentences of tokens; returns IOB2 tags
    /// (`B-PER`, `I-PER`, `O`, …) per token.
    pub fn tag_iob2<S: AsRef<str>>(&mut self, doc: &[Vec<S>]) -> Vec<Vec<String>> {
        self.tag_bilou(doc).iter().map(|t| tags::bilou_to_iob2(t)).collect()
    }

    /// Tags a text given its sentence spans and token spans (bytes, in
    /// order); returns the names found, with byte spans. Tokens outside
    /// every sentence form sentences of their own; spans that are not on
    /// character boundaries of `text` are skipped.
    pub fn tag_spans(&mut self, text: &str, sentences: &[Span], tokens: &[Span]) -> Vec<Mention> {
        let mut groups: Vec<Vec<Span>> = Vec::new();
        let mut si = 0;
        let mut cur_sent: Option<usize> = None;
        for &t in tokens {
            if t.start >= t.end
                || t.end > text.len()
                || !text.is_char_boundary(t.start)
                || !text.is_char_boundary(t.end)
            {
                continue;
            }
            while si < sentences.len() && sentences[si].end <= t.start {
                si += 1;
            }
            let inside = si < sentences.len() && sentences[si].start <= t.start;
            let key = inside.then_some(si);
            if groups.is_empty()
                || key != cur_sent
                || key.is_none() && groups.last().is_some_and(|g| g.len() >= 200)
            {
                groups.push(Vec::new());
                cur_sent = key;
            }
            if let Some(g) = groups.last_mut() {
                g.push(t);
            }
        }
        let doc: Vec<Vec<&str>> =
            groups.iter().map(|g| g.iter().map(|s| &text[s.start..s.end]).collect()).collect();
        let tags = self.tag_bilou(&doc);
        let mut out = Vec::new();
        for (g, t) in groups.iter().zip(&tags) {
            for c in tags::bilou_chunks(t) {
                let span = Span::new(g[c.start].start, g[c.end - 1].end);
                let mut label = tags::TYPES[c.ty];
                let mut span = span;
                if c.end == c.start + 1 {
                    match self.modified_place(span.slice(text)) {
                        Modified::Not => {}
                        Modified::Place(len) => {
                            span = Span::new(span.start, span.start + len);
                            label = EntityLabel::Loc;
                        }
                        Modified::NoName => continue,
                    }
                }
                out.push(Mention { span, label, entity: None });
            }
        }
        out
    }

    /// What a one-word name of the form `Name-modifier` is in running
    /// text: CoNLL-2003 labels `Kenya-based`, `U.S.-led` MISC as a whole
    /// (and so does the tagger, to score by its conventions), but for a
    /// reader the name is the place before the hyphen and the rest a
    /// modifier. Party-state tags (`D-Calif.`, `R-Texas`) name no one, nor
    /// does a stance towards a name (`pro-Beijing lawmakers`,
    /// `anti-Kremlin protests`): CoNLL-2003 labels the few it holds MISC
    /// (and leaves 39 of 45 outside names), but a reader looking for who is
    /// named wants `Beijing` from `Beijing said`, not from a modifier.
    fn modified_place(&self, word: &str) -> Modified {
        if let Some(rest) = word.strip_prefix("pro-").or_else(|| word.strip_prefix("anti-")) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return Modified::NoName;
            }
        }
        if let Some(rest) =
            word.strip_prefix("D-").or_else(|| word.strip_prefix("R-")).or_else(|| word.strip_prefix("I-"))
        {
            if rest.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().all(|c| c.is_alphabetic() || c == '.')
            {
                return Modified::NoName;
            }
        }
        let Some((head, modifier)) = word.rsplit_once('-') else { return Modified::Not };
        if !MODIFIERS.contains(&modifier) || !head.chars().next().is_some_and(char::is_uppercase) {
            return Modified::Not;
        }
        if self.is_listed_place(head) {
            Modified::Place(head.len())
        } else {
            Modified::Not
        }
    }
}

/// Lower-case words that, after a hyphen, make a name a modifier
/// (`Kenya-based`, `Chicago-area`).
const MODIFIERS: [&str; 16] = [
    "based",
    "area",
    "born",
    "led",
    "backed",
    "owned",
    "run",
    "controlled",
    "made",
    "bound",
    "funded",
    "brokered",
    "headquartered",
    "registered",
    "linked",
    "allied",
];

/// See [`Tagger::modified_place`].
enum Modified {
    /// Not a name with a modifier.
    Not,
    /// A place of this many bytes, then a modifier.
    Place(usize),
    /// Not a name at all.
    NoName,
}

impl NerModel {
    /// Tags a text given its sentence and token spans (see
    /// [`Tagger::tag_spans`]). Makes a fresh tagger; keep a [`Tagger`] to tag
    /// many documents faster.
    pub fn tag_spans(&self, text: &str, sentences: &[Span], tokens: &[Span]) -> Vec<Mention> {
        self.tagger().tag_spans(text, sentences, tokens)
    }
}

/// Tags a document tokenized by [`crate::token::tokenize`] and split by
/// [`crate::sentence::split_sentences`]; returns mentions with byte spans.
pub fn tag_document(
    tagger: &mut Tagger<'_>,
    text: &str,
    sentences: &[crate::sentence::Sentence],
    tokens: &[crate::token::Token],
) -> Vec<Mention> {
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    let sents: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    tagger.tag_spans(text, &sents, &spans)
}

/// The label of a type number (index into [`tags::TYPES`]).
pub fn label(ty: usize) -> Option<EntityLabel> {
    tags::TYPES.get(ty).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_model_finds_nothing_and_does_not_panic() {
        let m = NerModel::default();
        let mut t = m.tagger();
        assert_eq!(t.tag_iob2(&[vec!["Paris"]]), vec![vec!["O".to_string()]]);
        assert!(m.tag_spans("Paris", &[Span::new(0, 5)], &[Span::new(0, 5)]).is_empty());
    }

    #[test]
    fn modifiers_after_a_place_are_not_part_of_the_name() {
        let m = NerModel::embedded().unwrap();
        let t = m.tagger();
        assert!(matches!(t.modified_place("Kenya-based"), Modified::Place(5)));
        assert!(matches!(t.modified_place("Chicago-area"), Modified::Place(7)));
        assert!(matches!(t.modified_place("D-Calif."), Modified::NoName));
        assert!(matches!(t.modified_place("R-Texas"), Modified::NoName));
        assert!(matches!(t.modified_place("pro-Moscow"), Modified::NoName));
        assert!(matches!(t.modified_place("anti-Brussels"), Modified::NoName));
        // Hyphenated names and modifiers of what is no place stay whole.
        assert!(matches!(t.modified_place("Botsan-Kharchenko"), Modified::Not));
        assert!(matches!(t.modified_place("Jalal-Abad"), Modified::Not));
        assert!(matches!(t.modified_place("Pentagon-backed"), Modified::Not));
        assert!(matches!(t.modified_place("Coca-Cola"), Modified::Not));
    }

    #[test]
    fn spans_map_back_to_the_text() {
        let m = NerModel::embedded().unwrap();
        let text = "Roza Otunbaeva visited Moscow.";
        let toks =
            [Span::new(0, 4), Span::new(5, 14), Span::new(15, 22), Span::new(23, 29), Span::new(29, 30)];
        let got: Vec<(&str, &str)> = m
            .tag_spans(text, &[Span::new(0, 30)], &toks)
            .iter()
            .map(|m| (m.span.slice(text), m.label.as_str()))
            .collect();
        assert_eq!(got, vec![("Roza Otunbaeva", "PER"), ("Moscow", "LOC")]);
        // Spans off character boundaries or out of range are skipped, not a panic.
        let odd = [Span::new(0, 2), Span::new(1, 3), Span::new(40, 50)];
        let _ = m.tag_spans("Ča", &[], &odd);
    }
}
