//! Search snippets: the passage of a hit's text around the query's words,
//! with the matched words marked.
//!
//! The result is tantivy's `SnippetGenerator`'s, to the byte: the same
//! words (runs of alphanumeric characters, those of 40 bytes or more
//! dropped, as the index analyzer does), the same fragments of at most
//! `max_chars` bytes, the same scores (`1 / (1 + doc_freq)` per matched
//! word, summed in text order) and the same choice (best score, earliest
//! on a tie); a test holds the two equal. What differs is the cost.
//! tantivy runs the whole analyzer (lower-case, fold, stem) and allocates
//! a lower-cased copy of every word of every hit; under load, snippets of
//! 20 hits were most of a search's CPU. Here a word is analysed only when
//! its first letter can start a query term: the English stemmer never
//! changes a word's first letter (a test checks it over the seeds' words
//! and the stemmer's exceptions), so any other word cannot match.

use std::collections::BTreeSet;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher};

use crate::index::LONG_WORD_BYTES;

/// Finds snippets of one query in hits' texts.
pub(crate) struct Snippeter {
    /// The query's terms in the text field, as indexed, with their weight.
    terms: Vec<(String, Score)>,
    /// Whether an ASCII byte (lower-cased) starts some term.
    ascii_firsts: [bool; 128],
    /// The index's analyzer of the text field.
    analyzer: TextAnalyzer,
    /// Longest fragment, in bytes.
    max_chars: usize,
}

/// The best passage of a text: its byte range and the matched words in it
/// (byte ranges relative to the passage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    pub range: Range<usize>,
    pub highlighted: Vec<Range<usize>>,
}

impl Snippeter {
    /// The snippeter of `query`'s terms in `field`, weighted by their
    /// document frequency in `searcher`'s index.
    pub fn create(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        max_chars: usize,
    ) -> tantivy::Result<Self> {
        let mut terms = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        let mut weighted = Vec::new();
        for term in terms {
            let Some(text) = term.value().as_str().map(str::to_string) else { continue };
            let df = searcher.doc_freq(&term)?;
            if df > 0 {
                weighted.push((text, 1.0 / (1.0 + df as Score)));
            }
        }
        let analyzer = searcher.index().tokenizer_for_field(field)?;
        Ok(Snippeter::new(weighted, analyzer, max_chars))
    }

    /// A snippeter of given terms (as the analyzer outputs them) and weights.
    pub fn new(terms: Vec<(String, Score)>, analyzer: TextAnalyzer, max_chars: usize) -> Self {
        let mut ascii_firsts = [false; 128];
        for (t, _) in &terms {
            if let Some(&b) = t.as_bytes().first() {
                if b < 128 {
                    ascii_firsts[b as usize] = true;
                }
            }
        }
        Snippeter { terms, ascii_firsts, analyzer, max_chars }
    }

    /// The weight of `word` when it matches a term.
    fn weight(&mut self, word: &str) -> Option<Score> {
        let first = *word.as_bytes().first()?;
        if first < 128 && !self.ascii_firsts[first.to_ascii_lowercase() as usize] {
            return None;
        }
        let mut stream = self.analyzer.token_stream(word);
        let token = stream.next()?;
        // tantivy lower-cases the analysed word once more before the look-up.
        let text = &token.text;
        let hit = |t: &str| self.terms.iter().find(|(term, _)| term == t).map(|&(_, s)| s);
        if text.chars().all(|c| !c.is_uppercase()) {
            hit(text)
        } else {
            hit(&text.to_lowercase())
        }
    }

    /// The best passage of `text`, or `None` when no word of it matches.
    pub fn snippet(&mut self, text: &str) -> Option<Snippet> {
        let max = self.max_chars;
        let mut best: Option<(Score, Snippet)> = None;
        let (mut score, mut start, mut stop) = (0.0 as Score, 0usize, 0usize);
        let mut highlighted: Vec<Range<usize>> = Vec::new();
        for word in words(text) {
            if word.len() >= LONG_WORD_BYTES {
                continue;
            }
            if word.end - start > max {
                if score > 0.0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((
                        score,
                        Snippet { range: start..stop, highlighted: std::mem::take(&mut highlighted) },
                    ));
                }
                highlighted.clear();
                score = 0.0;
                start = word.start;
            }
            stop = word.end;
            if let Some(w) = self.weight(&text[word.clone()]) {
                score += w;
                highlighted.push(word.start - start..word.end - start);
            }
        }
        if score > 0.0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, Snippet { range: start..stop, highlighted }));
        }
        best.map(|(_, s)| s)
    }
}

/// Byte ranges of the maximal runs of alphanumeric characters of `text`
/// (tantivy's `SimpleTokenizer`), with a fast path for ASCII.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The alphanumeric character at `i` and its length, if there is one.
    let alnum_at = move |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b < 128 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        c.is_alphanumeric().then_some(c.len_utf8())
    };
    let char_len = move |i: usize| -> usize {
        let b = bytes[i];
        match b {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        }
    };
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if alnum_at(i).is_some() {
                let start = i;
                while i < bytes.len() {
                    match alnum_at(i) {
                        Some(n) => i += n,
                        None => break,
                    }
                }
                return Some(start..i);
            }
            i += char_len(i);
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::snippet::SnippetGenerator;

    use super::*;

    use crate::index::text_analyzer as analyzer;

    /// Snippets of both implementations for `terms` over `text`, as the
    /// fragment's text and highlighted ranges (tantivy gives no offset).
    type Found = Option<(String, Vec<Range<usize>>)>;
    fn both(terms: &[(&str, Score)], text: &str, max: usize) -> (Found, Found) {
        let map: BTreeMap<String, Score> = terms.iter().map(|&(t, s)| (t.to_string(), s)).collect();
        let theirs = SnippetGenerator::new(map, analyzer(), Field::from_field_id(0), max).snippet(text);
        let theirs =
            (!theirs.is_empty()).then(|| (theirs.fragment().to_string(), theirs.highlighted().to_vec()));
        let list = terms.iter().map(|&(t, s)| (t.to_string(), s)).collect();
        let ours = Snippeter::new(list, analyzer(), max)
            .snippet(text)
            .map(|s| (text[s.range].to_string(), s.highlighted));
        (ours, theirs)
    }

    #[test]
    fn same_snippets_as_tantivy() {
        let texts = [
            "The elections were held on Sunday. Election officials said turnout was low; the elected \
             council meets on Monday. ELECTIONS again, and élections in French, Élection too.",
            "Vučić said the talks in Pristina were over. Said was said by the said man; saying so.",
            "",
            "   ...   ",
            "no match here at all, none whatsoever",
            "Ünïcödé wörds, 日本語 text, and the election of 2010 in Osh; 2010-06-10 elections.",
            "a supercalifragilisticexpialidociousandthensomemorelettershere election word",
            "election",
        ];
        let queries: [&[(&str, Score)]; 5] = [
            &[("elect", 0.5)],
            &[("said", 0.01), ("talk", 0.2)],
            &[("elect", 0.1), ("2010", 0.3), ("osh", 0.9)],
            &[("vucic", 1.0)],
            &[("nothing", 1.0)],
        ];
        for text in texts {
            let long = format!("{text} {}", text.repeat(7));
            for q in queries {
                for max in [20, 60, 200] {
                    for t in [text, long.as_str()] {
                        let (ours, theirs) = both(q, t, max);
                        assert_eq!(ours, theirs, "{q:?} max {max} in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn stemming_keeps_the_first_letter() {
        // Every word of the demo seeds, and the English stemmer's own
        // exceptions, which rewrite more than a suffix.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus/seeds");
        let mut text = String::from(
            "skis skies dying lying tying idly gently ugly early only singly sky news howe atlas cosmos \
             bias andes inning innings outing outings canning cannings herring herrings earring earrings \
             proceed proceeds exceed exceeds succeed succeeds yes y'all youth Yemen",
        );
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        let mut a = analyzer();
        for w in words(&text) {
            let word = &text[w];
            if !word.is_ascii() {
                continue;
            }
            let mut s = a.token_stream(word);
            if let Some(t) = s.next() {
                assert_eq!(
                    t.text.as_bytes().first(),
                    Some(&word.as_bytes()[0].to_ascii_lowercase()),
                    "{word} -> {}",
                    t.text
                );
            }
        }
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let t = "Ča-ča 2010, x_y日本 ";
        let w: Vec<&str> = words(t).map(|r| &t[r]).collect();
        assert_eq!(w, ["Ča", "ča", "2010", "x", "y日本"]);
    }
}
