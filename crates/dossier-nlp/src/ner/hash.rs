//! Hashing for feature keys and the maps that hold them.
//!
//! Features are named by 64-bit keys built from a template number and the
//! feature's value, with a fixed function so that the same text gives the
//! same key on every machine and every run (the model file stores keys).
//! Keys are already well mixed, so the maps keyed by them skip rehashing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Final mixer of SplitMix64: a bijection that spreads every input bit.
#[inline]
pub(crate) const fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of `bytes` under `seed` (FNV-1a, then mixed).
#[inline]
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ mix(seed);
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Hash of a string under `seed`.
#[inline]
pub(crate) fn hash_str(seed: u64, s: &str) -> u64 {
    hash_bytes(seed, s.as_bytes())
}

/// Key of a template applied to one value.
#[inline]
pub(crate) const fn key1(template: u64, a: u64) -> u64 {
    mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15)) ^ a)
}

/// Key of a template applied to two values (order matters).
#[inline]
pub(crate) const fn key2(template: u64, a: u64, b: u64) -> u64 {
    mix(key1(template, a) ^ b.rotate_left(17))
}

/// Key of a template applied to three values.
#[inline]
pub(crate) const fn key3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(key2(template, a, b) ^ c.rotate_left(41))
}

/// A hasher that passes already-mixed `u64` keys through.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only used for u64 keys; other writes still hash deterministically.
        self.0 = hash_bytes(self.0, bytes);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// A map keyed by mixed `u64` keys.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A fast hasher for short strings (word cache).
#[derive(Default, Clone, Copy)]
pub(crate) struct StrHasher(u64);

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by strings with [`StrHasher`].
pub(crate) type StrMap<V> = HashMap<String, V, BuildHasherDefault<StrHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_distinct() {
        // Pinned: the model file stores these keys, so the function must not drift.
        assert_eq!(hash_str(1, "Paris"), hash_str(1, "Paris"));
        assert_ne!(hash_str(1, "Paris"), hash_str(2, "Paris"));
        assert_ne!(key2(3, 1, 2), key2(3, 2, 1));
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0x5692_161d_100b_05e5);
    }
}
