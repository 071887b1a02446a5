//! What a quote's `confidence` means: the chance that its content and its
//! speaker are both right.
//!
//! Each statement carries the evidence it was found with ([`Evidence`]): how
//! the content was found (a cue next to a quotation, a reported-speech frame,
//! a paragraph continuing a quote, a passage with no cue), which rule gave
//! the speaker's name ([`How`]), the kind, the cue's strength and the
//! content's length. A small logistic model over these features turns them
//! into a probability. Its weights are fitted on PolNeAR train by `dossier
//! eval quotes --gold …/train --fit-confidence` (Newton's method, an L2
//! penalty, deterministic) and shipped in `confidence.tsv`; "right" there
//! means what the reliability table of `dossier eval quotes` counts: the
//! content matches a gold content and the speaker's words overlap its gold
//! source (or both have none).

use std::sync::OnceLock;

use dossier_core::QuoteKind;

/// The fitted weights: `feature<TAB>weight`, one a line, in [`FEATURES`] order.
const WEIGHTS: &str = include_str!("confidence.tsv");

/// How the statement's content was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A quoted passage with its cue after it (`“…,” she said`).
    CueAfter,
    /// A quoted passage with its cue before it (`She said: “…”`).
    CueBefore,
    /// A quoted paragraph continuing the previous speaker's quote.
    Continuation,
    /// A whole quoted paragraph with no cue at all.
    Cueless,
    /// A quoted passage no cue explains, left over at the end.
    Leftover,
    /// Reported speech, speaker before the cue (`X said that …`).
    FrameBefore,
    /// Reported speech, speaker after the cue (`…, said X.`).
    FrameInverted,
    /// `according to X`.
    FrameAccording,
    /// Reported speech without a speaker of its own.
    FrameOpen,
    /// A transcript paragraph under a speaker label (`PENCE: …`).
    Transcript,
}

/// Which rule named the speaker, or left the name open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A name ends the speaker's words (`Kiljunen said`).
    Name,
    /// A name inside the speaker's words (`Kiljunen's office`).
    NameInner,
    /// An indefinite or spokesperson description, left unnamed on purpose.
    Unnamed,
    /// A pronoun taking the last speaker, nobody else named since.
    PronounLastSpeaker,
    /// A pronoun with one person in view.
    PronounSingle,
    /// A pronoun with one person of its gender in view (titles tell).
    PronounGender,
    /// A pronoun taking the person who opened this sentence or the one before.
    PronounSubject,
    /// A pronoun taking the last speaker among several people in view.
    PronounQuoted,
    /// A pronoun left open (nobody or several in view).
    PronounOpen,
    /// A phrase ending in a pronoun (`both he`).
    PronounPhrase,
    /// `they`/`it` taking the last organisation.
    OrgPronoun,
    /// `they`/`it` left open.
    OrgPronounOpen,
    /// A definite description naming whom the same noun was attached to.
    Description,
    /// A description left open.
    DescriptionOpen,
    /// The speaker is taken over from the quote this one continues.
    Inherited,
    /// No speaker.
    None,
}

/// What one statement was found with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// How the content was found.
    pub origin: Origin,
    /// How the speaker was named.
    pub how: How,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue word's score (0 without a cue).
    pub cue_score: f32,
    /// Words in the content.
    pub words: usize,
    /// The speaker has an apposition (`X, a lawyer, said`).
    pub role: bool,
    /// The speaker has a resolved name.
    pub named: bool,
}

/// Feature names, in the order of [`Evidence::features`].
pub const FEATURES: &[&str] = &[
    "bias",
    "origin=cue_after",
    "origin=cue_before",
    "origin=continuation",
    "origin=cueless",
    "origin=leftover",
    "origin=frame_before",
    "origin=frame_inverted",
    "origin=frame_according",
    "origin=frame_open",
    "how=name",
    "how=name_inner",
    "how=unnamed",
    "how=pronoun_last_speaker",
    "how=pronoun_single",
    "how=pronoun_quoted",
    "how=pronoun_open",
    "how=pronoun_phrase",
    "how=org_pronoun",
    "how=org_pronoun_open",
    "how=description",
    "how=description_open",
    "how=inherited",
    "how=none",
    "kind=mixed",
    "kind=indirect",
    "cue_score",
    "words<4",
    "words<8",
    "words>=40",
    "role",
    "named",
    "origin=transcript",
];

impl Evidence {
    /// The feature vector (one-hot origin, rule and kind; cue score; length bands; flags).
    pub fn features(&self) -> Vec<f64> {
        let mut x = vec![0.0; FEATURES.len()];
        x[0] = 1.0;
        let o = match self.origin {
            Origin::CueAfter => 1,
            Origin::CueBefore => 2,
            Origin::Continuation => 3,
            Origin::Cueless => 4,
            Origin::Leftover => 5,
            Origin::FrameBefore => 6,
            Origin::FrameInverted => 7,
            Origin::FrameAccording => 8,
            Origin::FrameOpen => 9,
            Origin::Transcript => 32,
        };
        x[o] = 1.0;
        let h = match self.how {
            How::Name => 10,
            How::NameInner => 11,
            How::Unnamed => 12,
            How::PronounLastSpeaker => 13,
            How::PronounSingle | How::PronounGender | How::PronounSubject => 14,
            How::PronounQuoted => 15,
            How::PronounOpen => 16,
            How::PronounPhrase => 17,
            How::OrgPronoun => 18,
            How::OrgPronounOpen => 19,
            How::Description => 20,
            How::DescriptionOpen => 21,
            How::Inherited => 22,
            How::None => 23,
        };
        x[h] = 1.0;
        match self.kind {
            QuoteKind::Mixed => x[24] = 1.0,
            QuoteKind::Indirect => x[25] = 1.0,
            QuoteKind::Direct => {}
        }
        x[26] = f64::from(self.cue_score.clamp(0.0, 1.0));
        x[27] = f64::from(u8::from(self.words < 4));
        x[28] = f64::from(u8::from(self.words < 8));
        x[29] = f64::from(u8::from(self.words >= 40));
        x[30] = f64::from(u8::from(self.role));
        x[31] = f64::from(u8::from(self.named));
        x
    }

    /// The chance that content and speaker are both right, from the shipped weights.
    pub fn probability(&self) -> f32 {
        predict(weights(), &self.features()) as f32
    }
}

/// The shipped weights (zeros for a feature the table lacks).
fn weights() -> &'static [f64] {
    static W: OnceLock<Vec<f64>> = OnceLock::new();
    W.get_or_init(|| parse_weights(WEIGHTS))
}

/// Reads a `feature<TAB>weight` table into [`FEATURES`] order; unknown or
/// malformed lines are skipped, missing features weigh 0.
pub fn parse_weights(table: &str) -> Vec<f64> {
    let mut w = vec![0.0; FEATURES.len()];
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let Some((name, value)) = line.split_once('\t') else { continue };
        let (Some(i), Ok(v)) = (FEATURES.iter().position(|f| *f == name), value.trim().parse::<f64>()) else {
            continue;
        };
        w[i] = v;
    }
    w
}

/// Writes weights as the table [`parse_weights`] reads, with a header line.
pub fn format_weights(w: &[f64], header: &str) -> String {
    let mut out = format!("# {header}\n");
    for (name, v) in FEATURES.iter().zip(w) {
        out.push_str(&format!("{name}\t{v:.4}\n"));
    }
    out
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The logistic model's probability for features `x`.
pub fn predict(w: &[f64], x: &[f64]) -> f64 {
    sigmoid(w.iter().zip(x).map(|(a, b)| a * b).sum())
}

/// Fits a logistic model to `(features, right)` samples by Newton's method
/// with an L2 penalty `lambda` (not on the bias). Deterministic.
pub fn fit(samples: &[(Vec<f64>, bool)], lambda: f64) -> Vec<f64> {
    let d = FEATURES.len();
    let mut w = vec![0.0; d];
    for _ in 0..30 {
        let mut grad = vec![0.0; d];
        let mut hess = vec![vec![0.0; d]; d];
        for (x, y) in samples {
            let p = predict(&w, x);
            let r = p - f64::from(u8::from(*y));
            let s = p * (1.0 - p);
            for i in 0..d {
                if x[i] == 0.0 {
                    continue;
                }
                grad[i] += r * x[i];
                for j in 0..d {
                    hess[i][j] += s * x[i] * x[j];
                }
            }
        }
        for i in 1..d {
            grad[i] += lambda * w[i];
            hess[i][i] += lambda;
        }
        hess[0][0] += 1e-9;
        let Some(step) = solve(hess, grad) else { break };
        let mut change = 0.0f64;
        for i in 0..d {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        let (top, rest) = a.split_at_mut(c + 1);
        let pivot = &top[c];
        for (r, row) in rest.iter_mut().enumerate() {
            let f = row[c] / pivot[c];
            if f == 0.0 {
                continue;
            }
            for (x, p) in row[c..].iter_mut().zip(&pivot[c..]) {
                *x -= f * p;
            }
            b[c + 1 + r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(origin: Origin, how: How) -> Evidence {
        Evidence { origin, how, kind: QuoteKind::Direct, cue_score: 0.9, words: 12, role: false, named: true }
    }

    #[test]
    fn the_shipped_table_names_every_feature() {
        let names: Vec<&str> =
            WEIGHTS.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect();
        assert_eq!(names, FEATURES);
    }

    #[test]
    fn a_named_speaker_next_to_its_quote_beats_a_passage_without_cue() {
        let near = ev(Origin::CueAfter, How::Name).probability();
        let none = Evidence { named: false, ..ev(Origin::Leftover, How::None) }.probability();
        assert!(near > none, "{near} vs {none}");
        assert!((0.0..=1.0).contains(&near) && (0.0..=1.0).contains(&none));
    }

    #[test]
    fn fitting_recovers_the_rates_of_separate_groups() {
        // Named speakers after a quote right 9 times in 10, leftovers 2 in 10.
        let mut samples = Vec::new();
        for i in 0..100 {
            samples.push((ev(Origin::CueAfter, How::Name).features(), i % 10 != 0));
            samples.push((ev(Origin::Leftover, How::None).features(), i % 10 < 2));
        }
        let w = fit(&samples, 1e-6);
        let a = predict(&w, &ev(Origin::CueAfter, How::Name).features());
        let b = predict(&w, &ev(Origin::Leftover, How::None).features());
        assert!((a - 0.9).abs() < 0.02, "{a}");
        assert!((b - 0.2).abs() < 0.02, "{b}");
    }

    #[test]
    fn weights_round_trip_through_the_table() {
        let w: Vec<f64> = (0..FEATURES.len()).map(|i| i as f64 / 8.0 - 1.0).collect();
        let back = parse_weights(&format_weights(&w, "test"));
        assert!(w.iter().zip(&back).all(|(a, b)| (a - b).abs() < 1e-4));
    }
}
