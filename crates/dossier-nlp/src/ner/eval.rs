//! Entity-level scoring with the semantics of CoNLL's `conlleval` script.
//!
//! A predicted name counts as correct when a gold name has exactly the same
//! tokens and type. Gold and predicted tags may be IOB1, IOB2 or IOBES
//! strings; both are decoded into chunks the way `conlleval` decodes them
//! (see [`super::tags::iob_chunks`]). Precision, recall and F1 are given per
//! type and overall, with token accuracy, as `conlleval` prints them.

use super::tags::{iob_chunks, Chunk, TYPES};
use std::fmt::Write;

/// Counts of one evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Gold names per type (index into [`TYPES`]).
    pub gold: [usize; 4],
    /// Predicted names per type.
    pub guessed: [usize; 4],
    /// Correct names per type.
    pub correct: [usize; 4],
    /// Tokens seen.
    pub tokens: usize,
    /// Tokens whose tag matched (compared as IOB2).
    pub tokens_correct: usize,
}

/// IOB2 tag codes (0 = O, 1 + 2·type = B, 2 + 2·type = I) of chunks.
fn chunk_tags(chunks: &[Chunk], n: usize) -> Vec<usize> {
    let mut t = vec![0; n];
    for c in chunks {
        for (i, x) in t.iter_mut().enumerate().take(c.end.min(n)).skip(c.start) {
            *x = if i == c.start { 1 + 2 * c.ty } else { 2 + 2 * c.ty };
        }
    }
    t
}

/// Precision, recall and F1 from counts (0 when undefined, as `conlleval`).
pub fn prf(correct: usize, guessed: usize, gold: usize) -> (f64, f64, f64) {
    let p = if guessed > 0 { correct as f64 / guessed as f64 } else { 0.0 };
    let r = if gold > 0 { correct as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

impl Scores {
    /// Adds one sentence. `keep[ty]` selects the types that count: names of
    /// other types are ignored on both sides (e.g. to score PER/ORG/LOC only
    /// against data without MISC). Sentences of unequal length count the
    /// missing tokens as wrong and their names as missed.
    pub fn add<G: AsRef<str>, P: AsRef<str>>(&mut self, gold: &[G], pred: &[P], keep: [bool; 4]) {
        let filt =
            |c: Vec<Chunk>| -> Vec<Chunk> { c.into_iter().filter(|c| c.ty < 4 && keep[c.ty]).collect() };
        let g = filt(iob_chunks(gold));
        let p = filt(iob_chunks(pred));
        // Token accuracy compares the tags as IOB2, so that IOB1 gold and
        // IOB2 predictions of the same names agree.
        let (gt, pt) = (chunk_tags(&g, gold.len()), chunk_tags(&p, gold.len()));
        self.tokens += gold.len();
        self.tokens_correct += gt.iter().zip(&pt).filter(|(a, b)| a == b).count();
        for c in &g {
            self.gold[c.ty] += 1;
        }
        for c in &p {
            self.guessed[c.ty] += 1;
            if g.binary_search(c).is_ok() {
                self.correct[c.ty] += 1;
            }
        }
    }

    /// Adds the counts of another evaluation.
    pub fn merge(&mut self, o: &Scores) {
        for t in 0..4 {
            self.gold[t] += o.gold[t];
            self.guessed[t] += o.guessed[t];
            self.correct[t] += o.correct[t];
        }
        self.tokens += o.tokens;
        self.tokens_correct += o.tokens_correct;
    }

    /// Overall (precision, recall, F1).
    pub fn overall(&self) -> (f64, f64, f64) {
        prf(self.correct.iter().sum(), self.guessed.iter().sum(), self.gold.iter().sum())
    }

    /// (precision, recall, F1) of one type.
    pub fn of_type(&self, ty: usize) -> (f64, f64, f64) {
        prf(self.correct[ty], self.guessed[ty], self.gold[ty])
    }

    /// A report in the layout of `conlleval` (percentages).
    pub fn report(&self) -> String {
        let mut s = String::new();
        let (p, r, f) = self.overall();
        let acc = if self.tokens > 0 { self.tokens_correct as f64 / self.tokens as f64 } else { 0.0 };
        let _ = writeln!(
            s,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens,
            self.gold.iter().sum::<usize>(),
            self.guessed.iter().sum::<usize>(),
            self.correct.iter().sum::<usize>()
        );
        let _ = writeln!(
            s,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            100.0 * acc,
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for (ty, label) in TYPES.iter().enumerate() {
            if self.gold[ty] == 0 && self.guessed[ty] == 0 {
                continue;
            }
            let (p, r, f) = self.of_type(ty);
            let _ = writeln!(
                s,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                label.as_str(),
                100.0 * p,
                100.0 * r,
                100.0 * f,
                self.guessed[ty]
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_and_type() {
        let mut s = Scores::default();
        // Gold in IOB1, prediction in IOB2: the same two names → perfect.
        s.add(&["I-PER", "I-PER", "O", "I-LOC"], &["B-PER", "I-PER", "O", "B-LOC"], [true; 4]);
        assert_eq!(s.overall(), (1.0, 1.0, 1.0));
        // A name cut short and a wrong type: both wrong, nothing right.
        let mut s = Scores::default();
        s.add(&["B-ORG", "I-ORG", "O", "B-LOC"], &["B-ORG", "O", "O", "B-MISC"], [true; 4]);
        assert_eq!((s.gold, s.guessed, s.correct), ([0, 1, 1, 0], [0, 1, 0, 1], [0; 4]));
        assert_eq!(s.overall(), (0.0, 0.0, 0.0));
        assert_eq!(s.tokens_correct, 2);
        // IOB1 and IOB2 spellings of the same tags count as equal tokens.
        let mut s = Scores::default();
        s.add(&["I-PER", "I-PER"], &["B-PER", "I-PER"], [true; 4]);
        assert_eq!(s.tokens_correct, 2);
    }

    #[test]
    fn partial_credit_by_type_and_filter() {
        let mut s = Scores::default();
        s.add(&["B-PER", "O", "B-MISC", "B-LOC"], &["B-PER", "O", "O", "B-ORG"], [true, true, true, false]);
        // MISC is not scored; the gold LOC is missed and the predicted ORG is wrong.
        assert_eq!(s.gold, [1, 0, 1, 0]);
        assert_eq!(s.guessed, [1, 1, 0, 0]);
        assert_eq!(s.correct, [1, 0, 0, 0]);
        let (p, r, f) = s.overall();
        assert!((p - 0.5).abs() < 1e-12 && (r - 0.5).abs() < 1e-12 && (f - 0.5).abs() < 1e-12);
        assert!(s.report().contains("FB1:  50.00"));
    }
}
