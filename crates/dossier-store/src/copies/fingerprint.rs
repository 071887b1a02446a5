//! The near-duplicate fingerprint of a text: its word shingles, a MinHash
//! signature over them, and the LSH band keys that find candidate copies.
//!
//! Written here rather than taken from a crate: the MinHash crates on
//! crates.io either hash with `std`'s randomly seeded hasher (fingerprints
//! would change between runs, and stored ones must not) or bring an LSH
//! index of their own in memory, where dossier keeps the bands in SQLite.
//! What is needed is forty lines of arithmetic with fixed seeds.
//!
//! Shingles are runs of [`SHINGLE_WORDS`] words, lower-cased, punctuation
//! dropped, so a new headline, quotation-mark style or line wrapping does
//! not change them. Every hash is a fixed function of the words: the same
//! text gives the same fingerprint on every machine and in every version
//! that keeps these constants (changing one means a schema migration that
//! recomputes the stored fingerprints).

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// MinHash values per signature.
pub const HASHES: usize = 128;
/// Signature values per LSH band: a pair with shingle Jaccard `s` shares a
/// band with probability `1 - (1 - s^r)^b` (`r` rows, `b` bands).
pub const BAND_ROWS: usize = 2;
/// LSH bands (the signature values left over are not banded).
pub const BANDS: usize = HASHES / BAND_ROWS;
/// Fewest shingles a text must have to be fingerprinted: a few lines of
/// text are a caption or a stub, not a story that can be copied.
pub const MIN_SHINGLES: usize = 25;

/// SplitMix64's finaliser: a fixed, well-mixing 64-bit permutation.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over bytes, then [`mix`]: the hash of one word.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// The hashes of the text's words: letters and digits, lower-cased;
/// apostrophes inside a word are dropped (`don't` and `don’t` are one word).
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            out.push(word_hash(word));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '’') || word.is_empty() {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

/// The distinct shingle hashes of `text`, sorted (so two sets intersect in
/// one merge pass).
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let mut out: Vec<u64> =
        words.windows(SHINGLE_WORDS).map(|w| mix(w.iter().fold(0u64, |acc, &h| mix(acc ^ h)))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How much two sorted shingle sets share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Shingles in both.
    pub shared: usize,
    /// Shared over the smaller set: 1 when one text is inside the other
    /// (a truncated copy, a copy wrapped in boilerplate).
    pub containment: f64,
    /// Shared over the union.
    pub jaccard: f64,
}

/// The overlap of two sorted, distinct shingle sets.
pub fn overlap(a: &[u64], b: &[u64]) -> Overlap {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let small = a.len().min(b.len());
    let union = a.len() + b.len() - shared;
    Overlap {
        shared,
        containment: if small == 0 { 0.0 } else { shared as f64 / small as f64 },
        jaccard: if union == 0 { 0.0 } else { shared as f64 / union as f64 },
    }
}

/// The MinHash signature of a shingle set: for each of [`HASHES`] fixed
/// permutations, the least permuted shingle (its high 32 bits). Two
/// signatures agree in a position with probability equal to the sets'
/// Jaccard similarity.
pub fn signature(shingles: &[u64]) -> [u32; HASHES] {
    let mut sig = [u32::MAX; HASHES];
    for (i, slot) in sig.iter_mut().enumerate() {
        let seed = mix(0x5eed_0000 + i as u64);
        let least = shingles.iter().map(|&s| mix(s ^ seed)).min().unwrap_or(u64::MAX);
        *slot = (least >> 32) as u32;
    }
    sig
}

/// The signature as stored: little-endian `u32`s.
pub fn encode(sig: &[u32; HASHES]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature; `None` when the bytes are not one.
pub fn decode(bytes: &[u8]) -> Option<[u32; HASHES]> {
    if bytes.len() != HASHES * 4 {
        return None;
    }
    let mut sig = [0u32; HASHES];
    for (slot, c) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
        *slot = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

/// The share of positions where two signatures agree: an estimate of the
/// Jaccard similarity of their sets.
pub fn estimated_jaccard(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// Containment from a Jaccard estimate and the two set sizes:
/// `|A ∩ B| = J (|A| + |B|) / (1 + J)`, over the smaller size.
pub fn estimated_containment(jaccard: f64, n_a: usize, n_b: usize) -> f64 {
    let small = n_a.min(n_b);
    if small == 0 {
        return 0.0;
    }
    (jaccard * (n_a + n_b) as f64 / (1.0 + jaccard) / small as f64).min(1.0)
}

/// The LSH key of each band: documents sharing a key are candidate copies.
/// The band's number is part of the key, so bands rarely collide. Keys
/// have 31 bits, so SQLite stores each in 4 bytes rather than 8 (the band
/// table is most of the copies' bytes, and its size is what each commit
/// writes): a collision only makes a candidate, which the signature's
/// estimate then drops.
pub fn band_keys(sig: &[u32; HASHES]) -> [i64; BANDS] {
    let mut keys = [0i64; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let mut h = mix(b as u64 + 1);
        for &v in &sig[b * BAND_ROWS..(b + 1) * BAND_ROWS] {
            h = mix(h ^ u64::from(v));
        }
        *key = (h >> 33) as i64;
    }
    keys
}

/// A text's fingerprint as the writer files it: the size of its shingle
/// set, its signature and its band keys. Pure of the text, so an ingest
/// computes it on the parallel (NLP) side and hands it to the single
/// writer with the document, which then only reads and writes bands. The
/// shingles themselves are not kept (a 600-word text has ~600, 4.8 kB):
/// the writer recomputes them only for a document with a candidate copy,
/// so what waits for the writer stays as small as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    /// Distinct shingles of the text.
    pub shingles: usize,
    /// Its MinHash signature.
    pub sig: [u32; HASHES],
    /// Its LSH band keys.
    pub keys: [i64; BANDS],
}

impl Print {
    /// The fingerprint of `text`; `None` for a text with fewer than
    /// [`MIN_SHINGLES`] shingles (not fingerprinted, see there).
    pub fn of(text: &str) -> Option<Print> {
        let shingles = shingles(text);
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        let sig = signature(&shingles);
        Some(Print { shingles: shingles.len(), keys: band_keys(&sig), sig })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The harbour authority said on Tuesday that the northern pier would close for \
        repairs until the spring, after divers found cracks in three of its concrete pillars. Ferry \
        services will move to the southern terminal, where a temporary ticket office opens next week. \
        Local traders worry that the closure will keep visitors away from the old market during the \
        busiest months of the year.";

    #[test]
    fn shingles_ignore_case_punctuation_and_wrapping() {
        let a = shingles("The Pier will close, the authority said.");
        let b = shingles("the pier\nwill CLOSE the authority said");
        assert_eq!(a, b);
        assert_eq!(a.len(), 7 - SHINGLE_WORDS + 1);
        assert_eq!(shingles("don't stop me now, please"), shingles("don’t stop me now please"));
    }

    #[test]
    fn overlap_measures_containment_and_jaccard() {
        let whole = shingles(STORY);
        let half = shingles(&STORY[..STORY.len() / 2]);
        let o = overlap(&whole, &half);
        assert_eq!(o.shared, half.len());
        assert!((o.containment - 1.0).abs() < 1e-9);
        assert!(o.jaccard < 0.6 && o.jaccard > 0.3, "{o:?}");
        let other =
            shingles("Shares in the mining group fell sharply after it cut its forecast for the year.");
        assert_eq!(overlap(&whole, &other).shared, 0);
    }

    #[test]
    fn signatures_are_fixed_and_estimate_jaccard() {
        let s = shingles(STORY);
        let sig = signature(&s);
        assert_eq!(decode(&encode(&sig)), Some(sig));
        assert_eq!(signature(&s), sig, "the same text, the same signature");
        let edited = STORY.replace("Tuesday", "Wednesday").replace("old market", "fish market");
        let e = shingles(&edited);
        let exact = overlap(&s, &e).jaccard;
        let est = estimated_jaccard(&sig, &signature(&e));
        assert!((est - exact).abs() < 0.2, "estimate {est}, exact {exact}");
        assert_eq!(band_keys(&sig), band_keys(&signature(&s)));
    }

    #[test]
    fn a_print_is_the_parts_the_writer_files_and_none_for_a_stub() {
        let p = Print::of(STORY).expect("a story has a print");
        let s = shingles(STORY);
        assert_eq!(p.shingles, s.len());
        assert_eq!(p.sig, signature(&s));
        assert_eq!(p.keys, band_keys(&p.sig));
        assert_eq!(Print::of("A caption of seven words, no more."), None);
    }

    #[test]
    fn containment_is_recovered_from_the_jaccard_of_unequal_sets() {
        // A inside B, |A| = 50, |B| = 150: J = 1/3.
        let c = estimated_containment(1.0 / 3.0, 50, 150);
        assert!((c - 1.0).abs() < 1e-9, "{c}");
        assert_eq!(estimated_containment(0.5, 0, 10), 0.0);
    }
}
