//! A blocked Bloom filter of 31-bit keys: the in-memory filter that lets a
//! key lookup skip SQLite when the key is filed nowhere (see
//! [`super::keys::Keys`]).
//!
//! Written here rather than taken from a crate: it is forty lines, the
//! keys are already uniform hashes, and the filter must answer the same on
//! every run (no randomly seeded hasher).
//!
//! Each key sets its bits in one 64-bit word (one cache miss per insert or
//! lookup, where a classic Bloom filter takes one per probe), and the word
//! is chosen by the key's own top bits, so keys inserted in key order (a
//! build from the key tables, whose primary key is the key) write the
//! filter front to back. Below 8 bits per key the filter sets fewer bits
//! per key, so that a filter held to a memory budget in a large store
//! degrades gently (about 40% of absent keys pass at 2 bits per key)
//! rather than fill up.

use super::fingerprint::mix;

/// Bits per key a filter is sized for when its budget allows.
pub const BITS_PER_KEY: u64 = 8;
/// Seed of the hash that picks the bits inside a key's word, so they are
/// not the bits that picked the word.
const SEED: u64 = 0xb100_f17e_0000_0031;
/// Keys are below 2^31 (bands and sketch keys are 31-bit hashes); a larger
/// value is folded into that range (still answered, only less evenly).
const KEY_BITS: u32 = 31;

/// A blocked Bloom filter.
#[derive(Debug, Clone)]
pub struct Bloom {
    words: Vec<u64>,
    /// Bits set (and tested) per key: 1 to 4, by bits per key.
    probes: u32,
}

impl Bloom {
    /// An empty filter for `capacity` keys: [`BITS_PER_KEY`] bits each but
    /// at most `max_bytes` (at least one word). The bits per key a key sets
    /// follow the bits per key there are (`ln 2 · bits per key`, 1 to 4),
    /// which keeps the chance an absent key passes near the least for the
    /// size: with the 64-bit blocks, 3.3% at 8 bits per key, 16% at 4,
    /// 39% at 2, 47% at 1.6 (`false_positive_rate`).
    pub fn with_capacity(capacity: u64, max_bytes: usize) -> Bloom {
        let words = capacity.saturating_mul(BITS_PER_KEY).div_ceil(64).min(max_bytes as u64 / 8).max(1);
        let bits_per_key = (words * 64) as f64 / capacity.max(1) as f64;
        let probes = (bits_per_key * std::f64::consts::LN_2).round().clamp(1.0, 4.0) as u32;
        Bloom { words: vec![0; words as usize], probes }
    }

    /// Bytes the filter holds.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }

    /// Bits each key sets.
    pub fn probes(&self) -> u32 {
        self.probes
    }

    /// The word of `key` (its top bits: monotonic in the key) and the bits
    /// it sets there (6 bits of a mixed hash per probe).
    fn slot(&self, key: i64) -> (usize, u64) {
        let k = (key as u64) & ((1 << KEY_BITS) - 1);
        let word = ((k * self.words.len() as u64) >> KEY_BITS) as usize;
        let h = mix(k ^ SEED);
        let mask = (0..self.probes).fold(0u64, |m, i| m | 1 << ((h >> (6 * i)) & 63));
        (word, mask)
    }

    /// Adds `key`.
    pub fn insert(&mut self, key: i64) {
        let (w, mask) = self.slot(key);
        self.words[w] |= mask;
    }

    /// False only when `key` was never inserted.
    pub fn may_hold(&self, key: i64) -> bool {
        let (w, mask) = self.slot(key);
        self.words[w] & mask == mask
    }
}

/// The expected share of absent keys a filter of `bits_per_key` with
/// `probes` bits per key lets pass, for 64-bit blocks (the keys in a block
/// are Poisson-distributed): what the docs' figures are computed with.
pub fn false_positive_rate(bits_per_key: f64, probes: u32) -> f64 {
    let per_word = 64.0 / bits_per_key;
    let (mut p_j, mut sum) = ((-per_word).exp(), 0.0);
    for j in 0..1_000 {
        if j > 0 {
            p_j *= per_word / j as f64;
        }
        let filled = 1.0 - (1.0 - 1.0 / 64.0f64).powi((j * probes) as i32);
        sum += p_j * filled.powi(probes as i32);
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: u64) -> i64 {
        (mix(i) >> 33) as i64
    }

    /// Of 100,000 keys never inserted, how many pass.
    fn passed(b: &Bloom, n: u64) -> usize {
        (n..n + 100_000).filter(|&i| b.may_hold(key(i))).count()
    }

    #[test]
    fn every_inserted_key_is_held_and_few_others_pass() {
        let n = 20_000u64;
        let mut b = Bloom::with_capacity(n, usize::MAX);
        for i in 0..n {
            b.insert(key(i));
        }
        assert!((0..n).all(|i| b.may_hold(key(i))));
        assert_eq!((b.bytes() as u64, b.probes()), (n, 4));
        // At its capacity (8 bits per key) about 3.3% of absent keys pass.
        let expected = false_positive_rate(8.0, 4);
        assert!((0.030..0.037).contains(&expected), "{expected}");
        let passed = passed(&b, n);
        assert!((2_800..3_800).contains(&passed), "{passed} of 100,000 absent keys passed");
        let empty = Bloom::with_capacity(0, usize::MAX);
        assert!(!empty.may_hold(key(1)));
    }

    #[test]
    fn a_budget_caps_the_size_and_fewer_bits_per_key_set_fewer_bits() {
        // Room for 2 bits per key: one bit each, about 39% pass.
        let n = 64_000u64;
        let mut b = Bloom::with_capacity(n, (n / 4) as usize);
        assert_eq!((b.bytes() as u64, b.probes()), (n / 4, 1));
        for i in 0..n {
            b.insert(key(i));
        }
        assert!((0..n).all(|i| b.may_hold(key(i))), "no false negatives at any size");
        let expected = false_positive_rate(2.0, 1);
        assert!((0.38..0.40).contains(&expected), "{expected}");
        let passed = passed(&b, n) as f64 / 100_000.0;
        assert!((expected - 0.02..expected + 0.02).contains(&passed), "{passed} passed, {expected} expected");
    }

    #[test]
    fn keys_in_key_order_fill_the_filter_front_to_back() {
        let b = Bloom::with_capacity(1 << 20, usize::MAX);
        let mut keys: Vec<i64> = (0..10_000).map(key).collect();
        keys.sort_unstable();
        let words: Vec<usize> = keys.iter().map(|&k| b.slot(k).0).collect();
        assert!(words.windows(2).all(|w| w[0] <= w[1]));
        assert!(*words.last().unwrap() < b.words.len());
    }
}
