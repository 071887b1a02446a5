//! The Zyte article-extraction-benchmark metric: shingle precision and recall.
//!
//! This is the score used to judge main-text extraction (`dossier eval html`).
//! It reproduces the benchmark's `evaluate.py`: text is tokenised with the
//! Unicode regex `\w+`, tokens are joined into overlapping 4-gram shingles
//! (a text with fewer than four tokens yields one shingle of all its tokens,
//! an empty text none), and the multisets of predicted and gold shingles are
//! compared. Precision and recall are computed per page and averaged over
//! pages; F1 is taken from the two averages. Keeping the metric in the library
//! (pure, no I/O) lets it be unit-tested on hand-made strings.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// Shingle length used by the benchmark.
pub const NGRAM: usize = 4;

/// True positives, false positives and false negatives of one page, counted
/// over shingles (multiset semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Shingles present in both prediction and gold (minimum of the counts).
    pub tp: usize,
    /// Predicted shingles in excess of the gold count.
    pub fp: usize,
    /// Gold shingles in excess of the predicted count.
    pub fn_: usize,
}

impl Counts {
    /// Page precision: 1 when nothing is wrong (`fp == fn == 0`), 0 when
    /// nothing is right (`tp == 0`), else `tp / (tp + fp)`.
    pub fn precision(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// Page recall: 1 when nothing is wrong, 0 when nothing is right, else
    /// `tp / (tp + fn)`.
    pub fn recall(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // The pattern is a constant and known to compile.
    RE.get_or_init(|| Regex::new(r"\w+").expect("valid regex"))
}

/// Tokens of `text`: every maximal run of Unicode word characters.
pub fn tokens(text: &str) -> Vec<&str> {
    word_re().find_iter(text).map(|m| m.as_str()).collect()
}

/// The 4-gram shingles of `text`, joined by single spaces, in order.
///
/// Fewer than [`NGRAM`] tokens give one shingle of all tokens; no tokens give
/// no shingle.
pub fn shingles(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let n = toks.len().saturating_sub(NGRAM - 1).max(1);
    (0..n).map(|i| toks[i..(i + NGRAM).min(toks.len())].join(" ")).filter(|s| !s.is_empty()).collect()
}

fn multiset(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for s in shingles(text) {
        *m.entry(s).or_insert(0) += 1;
    }
    m
}

/// Compares one predicted text with its gold text.
pub fn compare(gold: &str, pred: &str) -> Counts {
    let g = multiset(gold);
    let p = multiset(pred);
    let mut c = Counts::default();
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        c.tp += gc.min(pc);
        c.fn_ += gc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        c.fp += pc.saturating_sub(gc);
    }
    c
}

/// Averaged scores over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Mean page precision.
    pub precision: f64,
    /// Mean page recall.
    pub recall: f64,
    /// Harmonic mean of the two means.
    pub f1: f64,
    /// Number of pages scored.
    pub pages: usize,
}

/// Averages page precision and recall over `pages` and derives F1 from the
/// averages, as the benchmark does. An empty set scores zero.
pub fn score(pages: &[Counts]) -> Score {
    if pages.is_empty() {
        return Score { precision: 0.0, recall: 0.0, f1: 0.0, pages: 0 };
    }
    let n = pages.len() as f64;
    let p = pages.iter().map(Counts::precision).sum::<f64>() / n;
    let r = pages.iter().map(Counts::recall).sum::<f64>() / n;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Score { precision: p, recall: r, f1, pages: pages.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        assert_eq!(tokens("Héllo, wörld! 42_x — ок"), vec!["Héllo", "wörld", "42_x", "ок"]);
        assert!(tokens(" ,.;— ").is_empty());
    }

    #[test]
    fn shingles_of_short_and_long_texts() {
        assert!(shingles("").is_empty());
        assert!(shingles("!!!").is_empty());
        assert_eq!(shingles("one two"), vec!["one two"]);
        assert_eq!(shingles("a b c d"), vec!["a b c d"]);
        assert_eq!(shingles("a b, c d. e"), vec!["a b c d", "b c d e"]);
    }

    #[test]
    fn identical_texts_are_perfect() {
        let c = compare("The cat sat on the mat.", "The cat  sat\non the mat");
        assert_eq!(c, Counts { tp: 3, fp: 0, fn_: 0 });
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn extra_and_missing_text() {
        // gold: a b c d e f (3 shingles); pred: c d e f g h (3 shingles), 1 shared.
        let c = compare("a b c d e f", "c d e f g h");
        assert_eq!(c, Counts { tp: 1, fp: 2, fn_: 2 });
        assert!((c.precision() - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.recall() - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn multiset_counts_repeated_shingles() {
        // The gold repeats a sentence twice, the prediction once.
        let c = compare("x y z w x y z w", "x y z w");
        assert_eq!(c.tp, 1);
        assert_eq!(c.fp, 0);
        assert_eq!(c.fn_, 4);
        assert_eq!(c.precision(), 1.0);
        assert!((c.recall() - 0.2).abs() < 1e-12);
    }

    #[test]
    fn empty_cases() {
        assert_eq!(compare("", "").precision(), 1.0);
        assert_eq!(compare("", "").recall(), 1.0);
        let c = compare("some gold text here", "");
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        let c = compare("", "spurious prediction");
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
    }

    #[test]
    fn f1_from_averages() {
        let pages = [Counts { tp: 1, fp: 0, fn_: 0 }, Counts { tp: 1, fp: 1, fn_: 3 }];
        let s = score(&pages);
        assert!((s.precision - 0.75).abs() < 1e-12);
        assert!((s.recall - 0.625).abs() < 1e-12);
        let f1 = 2.0 * 0.75 * 0.625 / (0.75 + 0.625);
        assert!((s.f1 - f1).abs() < 1e-12);
        assert_eq!(score(&[]).f1, 0.0);
    }
}
