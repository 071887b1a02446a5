//! A quote's signature: a 64-bit mask of its word pairs, filed with each of
//! its key rows, so that most candidates a key lookup returns are rejected
//! without reading their stored pairs (`statement_prints`, a random read in
//! a table that outgrows the page cache: docs/performance.md, issue #20).
//!
//! Each word pair (a 64-bit hash, [`super::record::word_pairs`]) sets the
//! bit given by its top six bits; the signature is the OR of its pairs'
//! bits. The check is exact in the safe direction: it never rejects a
//! candidate that the full comparison would join. Why, with `A` the new
//! quote's pairs and `B` the candidate's:
//!
//! 1. Every shared pair `p` is in `B`, so its bit is set in `B`'s mask.
//!    Hence `|A ∩ B| ≤ U`, where `U` counts the pairs of `A` whose bit is
//!    set in `B`'s mask (several pairs of `A` may share a bit, so `U` is
//!    counted over `A`'s pairs, not over the bits both masks set: that
//!    popcount can be *less* than `|A ∩ B|` and would not be safe).
//! 2. Distinct pairs of `B` set at most one new bit each, so
//!    `|B| ≥ popcount(mask B)`; hence `min(|A|, |B|) ≥ L = min(|A|,
//!    popcount(mask B))`, and `L > 0` when both quotes have pairs.
//! 3. The rule ([`StatementRule::holds`]) asks `shared ≥ n` and
//!    `shared / shorter ≥ c`. Both grow with `shared` and the second falls
//!    with `shorter` (IEEE division is monotone in each argument), so if it
//!    holds for the true `(|A ∩ B|, min(|A|, |B|))` it holds for `(U, L)`.
//!
//! So `!holds(U, L)` implies the full comparison rejects too: the candidate
//! is dropped unread. Which candidates are looked at (the cap of the oldest
//! [`super::record::MAX_PER_KEY`] per key) is unchanged, so the clusters
//! found are exactly those found without signatures (unit test below, and
//! `dossier bench statements` joins the same quotes).

use super::record::StatementRule;

/// The signature of a quote with pair hashes `pairs`.
pub fn signature(pairs: &[u64]) -> u64 {
    pairs.iter().fold(0, |mask, &p| mask | 1 << bit(p))
}

/// The bit of a pair hash (its top six bits: the hashes are uniform).
fn bit(pair: u64) -> u32 {
    (pair >> 58) as u32
}

/// A new quote's pairs counted by bit, to bound its overlap with each
/// candidate from the candidate's signature alone.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Pairs of the quote per bit.
    per_bit: [u16; 64],
    /// The quote's signature (the bits with a count).
    mask: u64,
    /// The quote's distinct pairs.
    pairs: usize,
}

impl Probe {
    /// The probe of a quote with distinct pair hashes `pairs`.
    pub fn new(pairs: &[u64]) -> Probe {
        let mut per_bit = [0u16; 64];
        for &p in pairs {
            per_bit[bit(p) as usize] = per_bit[bit(p) as usize].saturating_add(1);
        }
        Probe { per_bit, mask: signature(pairs), pairs: pairs.len() }
    }

    /// At least as many pairs as the quote shares with a quote whose
    /// signature is `other` (`U` of the module doc).
    pub fn most_shared(&self, other: u64) -> usize {
        let mut common = self.mask & other;
        let mut most = 0usize;
        while common != 0 {
            most += self.per_bit[common.trailing_zeros() as usize] as usize;
            common &= common - 1;
        }
        most
    }

    /// False only when `rule` cannot hold between the quote and a quote
    /// whose signature is `other` (see the module doc): such a candidate
    /// need not be read.
    pub fn may_join(&self, other: u64, rule: &StatementRule) -> bool {
        let shorter = self.pairs.min(other.count_ones() as usize);
        // An empty side: nothing to bound with; leave it to the comparison.
        shorter == 0 || rule.holds(self.most_shared(other), shorter)
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::{word_pairs, RULE};
    use super::*;
    use crate::copies::fingerprint::overlap;

    /// A small deterministic generator (xorshift).
    struct Gen(u64);
    impl Gen {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn a_quote_carried_again_passes_and_another_of_the_same_speaker_does_not() {
        let said = "We will keep the northern line open through the winter, and we will add two \
            trains every morning for the students who travel to the college from the valley towns.";
        let cut = "we will add two trains every morning for the students who travel to the college";
        let other = "The budget for the harbour will be set in the spring, after we have heard from \
            the fishing families and the ferry company about what the winter cost them.";
        let probe = Probe::new(&word_pairs(cut));
        assert!(probe.may_join(signature(&word_pairs(said)), &RULE));
        let probe = Probe::new(&word_pairs(other));
        assert!(!probe.may_join(signature(&word_pairs(said)), &RULE));
    }

    #[test]
    fn the_check_never_rejects_a_pair_the_full_comparison_joins() {
        // Quotes over a small vocabulary, so that pairs are often shared,
        // many quotes are cut or edited copies of others, and several pairs
        // of one quote often share a bit of the mask (a bound counted over
        // the bits both masks set would fail here).
        let vocab: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        // Words skewed to the first few (as a speaker's common pairs are).
        let word = |g: &mut Gen| {
            let top = 1 + g.below(vocab.len());
            g.below(top)
        };
        let mut texts: Vec<Vec<usize>> = Vec::new();
        for _ in 0..600 {
            let text = if !texts.is_empty() && g.below(3) == 0 {
                // An earlier quote again: cut at either end, a word changed.
                let from_text = g.below(texts.len());
                let mut w = texts[from_text].clone();
                let keep = (w.len() * (50 + g.below(51)) / 100).max(1);
                let from = g.below(w.len() - keep + 1);
                w = w[from..from + keep].to_vec();
                let at = g.below(w.len());
                w[at] = word(&mut g);
                w
            } else {
                (0..3 + g.below(45)).map(|_| word(&mut g)).collect()
            };
            texts.push(text);
        }
        let quotes: Vec<Vec<u64>> = texts
            .iter()
            .map(|t| word_pairs(&t.iter().map(|&i| vocab[i].as_str()).collect::<Vec<_>>().join(" ")))
            .collect();
        let (mut joined, mut rejected, mut collided) = (0, 0, 0);
        for a in &quotes {
            let probe = Probe::new(a);
            for b in &quotes {
                let o = overlap(a, b);
                let holds = RULE.holds(o.shared, a.len().min(b.len()));
                let bits_in_both = (signature(a) & signature(b)).count_ones() as usize;
                collided += usize::from(bits_in_both < o.shared);
                if holds {
                    joined += 1;
                    assert!(probe.may_join(signature(b), &RULE), "{a:?} {b:?}");
                } else if !probe.may_join(signature(b), &RULE) {
                    rejected += 1;
                }
            }
        }
        // The test means something: pairs join, others are rejected unread,
        // and shared pairs often outnumber the bits both masks set.
        assert!(joined > 1_000 && rejected > 100_000 && collided > 500, "{joined} {rejected} {collided}");
    }

    #[test]
    fn a_bound_is_never_below_the_pairs_shared() {
        let mut g = Gen(7);
        for _ in 0..2_000 {
            let a: Vec<u64> = {
                let mut v: Vec<u64> = (0..1 + g.below(80)).map(|_| (g.below(1 << 20) as u64) << 44).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let extra = (g.below(1 << 20) as u64) << 44;
            let mut b: Vec<u64> = a.iter().copied().filter(|_| g.below(2) == 0).chain([extra]).collect();
            b.sort_unstable();
            b.dedup();
            assert!(Probe::new(&a).most_shared(signature(&b)) >= overlap(&a, &b).shared);
            assert!(b.len() >= signature(&b).count_ones() as usize);
        }
    }
}
