//! A Bloom filter of 31-bit keys: the in-memory filter that lets a key
//! lookup skip SQLite when the key is filed nowhere (see
//! [`super::keys::Keys`]).
//!
//! Written here rather than taken from a crate: it is thirty lines, the
//! keys are already uniform hashes, and the filter must answer the same on
//! every run (no randomly seeded hasher).

use super::fingerprint::mix;

/// Bits set (and tested) per key. With `b` bits per key the chance that
/// an absent key passes is about `(1 - e^(-PROBES/b))^PROBES`: 2.4% at
/// 8 bits per key, 0.24% at 16.
const PROBES: u64 = 4;
/// Seed of the probe hash, so the filter's bits are not the keys' own.
const SEED: u64 = 0xb100_f17e_0000_0031;

/// A Bloom filter sized for a number of keys at 8 bits each.
#[derive(Debug, Clone)]
pub struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    /// An empty filter for `capacity` keys (8 bits each, at least 64 bits).
    pub fn with_capacity(capacity: u64) -> Bloom {
        let words = capacity.div_ceil(8).max(1);
        Bloom { bits: vec![0; words as usize] }
    }

    /// Bytes the filter holds.
    pub fn bytes(&self) -> usize {
        self.bits.len() * 8
    }

    /// The bit positions of `key`: double hashing of one 64-bit hash, each
    /// mapped onto the filter's bits by a multiply-shift (no power-of-two
    /// size needed).
    fn probes(&self, key: i64) -> impl Iterator<Item = usize> {
        let m = self.bits.len() as u128 * 64;
        let h = mix(key as u64 ^ SEED);
        let step = mix(h) | 1;
        (0..PROBES).map(move |i| ((u128::from(h.wrapping_add(i.wrapping_mul(step))) * m) >> 64) as usize)
    }

    /// Adds `key`.
    pub fn insert(&mut self, key: i64) {
        for p in self.probes(key) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    /// False only when `key` was never inserted.
    pub fn may_hold(&self, key: i64) -> bool {
        self.probes(key).all(|p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inserted_key_is_held_and_few_others_pass() {
        let n = 20_000u64;
        let mut b = Bloom::with_capacity(n);
        let key = |i: u64| (mix(i) >> 33) as i64;
        for i in 0..n {
            b.insert(key(i));
        }
        assert!((0..n).all(|i| b.may_hold(key(i))));
        // At its capacity (8 bits per key) about 2.4% of absent keys pass.
        let passed = (n..n + 100_000).filter(|&i| b.may_hold(key(i))).count();
        assert!((1_000..4_000).contains(&passed), "{passed} of 100,000 absent keys passed");
        assert_eq!(b.bytes() as u64, n);
        let empty = Bloom::with_capacity(0);
        assert!(!empty.may_hold(key(1)));
    }
}
