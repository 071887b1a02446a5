//! Attribution cues: which words report speech, thought or a source.
//!
//! Two sources of knowledge, merged:
//! - a table learned from the PolNeAR train split by `dossier train
//!   quote-cues` ([`build_cue_table`]): for each lower-cased word, how often
//!   it was part of an annotated Cue and how often it occurs at all, so the
//!   ratio estimates the chance that an occurrence is a cue;
//! - the hand-written list of speech and thought verbs in all their forms
//!   ([`crate::reporting`]), so that cues rare in the training news
//!   (`wondered`, `revealed`) are still known.
//!
//! The table is shipped in the binary (`cues.tsv`, `include_str!`).

use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_core::Span;

use super::eval::GoldAttribution;
use crate::reporting::{is_reporting_verb, REPORTING_VERBS};
use crate::token::{tokenize, TokenKind};

/// The learned table: `word<TAB>cue count<TAB>occurrences`, sorted by word.
const CUE_TABLE: &str = include_str!("cues.tsv");

/// Words that report speech only as a noun after a preposition (`in a
/// statement`); they are not verbs and never head a clause frame.
const NOUN_CUES: &[&str] =
    &["interview", "letter", "op-ed", "post", "remarks", "report", "speech", "statement", "tweet"];

/// Membership in a word list sorted by bytes (every list here is; a test
/// checks it): a binary search instead of a scan, as these lists are
/// consulted for many tokens.
pub(crate) fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Longest word the tables hold, in bytes; longer words are never cues.
const MAX_KEY: usize = 16;

/// Cue scores below this are stored as zero: no rule looks at them, and a
/// smaller table stays in cache (attribution looks up every token).
const CUE_FLOOR: f32 = 0.15;

/// A word table looked up once per token: open addressing over words packed
/// into two integers, so a lookup is one multiply and one or two integer
/// compares (a general hash map cost more than all the rest of attribution).
struct WordTable<V> {
    keys: Vec<(u64, u64)>,
    values: Vec<V>,
    mask: usize,
}

fn pack(word: &str) -> Option<(u64, u64)> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > MAX_KEY {
        return None;
    }
    let (mut lo, mut hi) = (0u64, 0u64);
    for (i, &x) in b.iter().enumerate() {
        if i < 8 {
            lo |= u64::from(x) << (8 * i);
        } else {
            hi |= u64::from(x) << (8 * (i - 8));
        }
    }
    Some((lo, hi))
}

impl<V: Copy + Default> WordTable<V> {
    fn new(entries: &[(String, V)]) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = WordTable { keys: vec![(0, 0); cap], values: vec![V::default(); cap], mask: cap - 1 };
        for (w, v) in entries {
            let Some(k) = pack(w) else { continue };
            let mut i = t.slot(k);
            while t.keys[i] != (0, 0) && t.keys[i] != k {
                i = (i + 1) & t.mask;
            }
            t.keys[i] = k;
            t.values[i] = *v;
        }
        t
    }

    fn slot(&self, (lo, hi): (u64, u64)) -> usize {
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 40) as usize & self.mask
    }

    fn get(&self, word: &str) -> Option<V> {
        let k = pack(word)?;
        let mut i = self.slot(k);
        loop {
            let here = self.keys[i];
            if here == k {
                return Some(self.values[i]);
            }
            if here == (0, 0) {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

struct Tables {
    /// Cue scores of at least [`CUE_FLOOR`].
    cue: WordTable<f32>,
    /// Speaker-head shares of frequent words.
    head: WordTable<f32>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut cue: Vec<(String, f32)> = Vec::new();
        let mut head: Vec<(String, f32)> = Vec::new();
        for line in CUE_TABLE.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            if let (Some(w), Some(Ok(c)), Some(Ok(h)), Some(Ok(n))) = (
                cols.next(),
                cols.next().map(str::parse::<u32>),
                cols.next().map(str::parse::<u32>),
                cols.next().map(str::parse::<u32>),
            ) {
                let denom = n as f32 + 2.0;
                let score = c as f32 / denom;
                let speech = is_reporting_verb(w);
                // A noun for a person heads a speaker and is never the cue,
                // whatever a rare use taught the table (`kept mum` made
                // `mum` a cue, and `Her mum said …` lost its statement).
                let person_noun = super::gender::of_noun(w).is_some();
                if (score >= CUE_FLOOR || speech) && !person_noun {
                    cue.push((w.to_string(), if speech { score.max(0.7) } else { score }));
                }
                if n >= FREQUENT {
                    head.push((w.to_string(), h as f32 / denom));
                }
            }
        }
        for v in REPORTING_VERBS {
            if !cue.iter().any(|(w, _)| w == v) {
                cue.push((v.to_string(), 0.7));
            }
        }
        Tables { cue: WordTable::new(&cue), head: WordTable::new(&head) }
    })
}

/// Lower-cases a word and folds typographic apostrophes.
pub fn normalize(word: &str) -> String {
    let mut s = word.to_lowercase();
    if s.contains('’') {
        s = s.replace('’', "'");
    }
    s
}

/// How likely an occurrence of the (normalised) word is an attribution cue,
/// 0–1: the learned ratio (smoothed towards zero for rare words), raised for
/// the hand-written speech verbs; 0 below a floor no rule looks at.
pub fn cue_score(word: &str) -> f32 {
    tables().cue.get(word).unwrap_or(0.0)
}

/// How often the (normalised) word ended a speaker's words in the training
/// news (`the official said`, `sources say`), as a share of its occurrences.
/// `None` for words too rare to tell. Frequent words that almost never end a
/// speaker's words (`a series of … said`) are not taken as speaker heads.
pub fn source_head_score(word: &str) -> Option<f32> {
    tables().head.get(word)
}

/// Occurrences in the training news from which a word's record as a
/// speaker head is taken as evidence.
const FREQUENT: u32 = 20;

/// True for a word that is a cue only as a noun (`in a statement`).
pub fn is_noun_cue(word: &str) -> bool {
    in_list(NOUN_CUES, word)
}

/// Builds the cue table from gold-annotated documents (text and its
/// attributions): every token is counted, and counted as a cue when it lies
/// inside the Cue of an attribution. Words seen as a cue fewer than
/// `min_count` times are left out. The output is sorted, so the same
/// documents always give the same bytes.
pub fn build_cue_table(docs: &[(&str, &[GoldAttribution])], min_count: u32) -> String {
    let mut counts: HashMap<String, (u32, u32, u32)> = HashMap::new();
    for (text, gold) in docs {
        let mut cue_spans: Vec<Span> = gold.iter().flat_map(|g| g.cue.iter().copied()).collect();
        cue_spans.sort();
        cue_spans.dedup();
        let mut source_ends: Vec<usize> =
            gold.iter().filter_map(|g| g.source.last().map(|s| s.end)).collect();
        source_ends.sort_unstable();
        source_ends.dedup();
        for tok in tokenize(text) {
            if tok.kind != TokenKind::Word {
                continue;
            }
            let entry = counts.entry(normalize(tok.text(text))).or_default();
            entry.2 += 1;
            if cue_spans.iter().any(|c| c.contains(&tok.span)) {
                entry.0 += 1;
            }
            if source_ends.binary_search(&tok.span.end).is_ok() {
                entry.1 += 1;
            }
        }
    }
    let mut rows: Vec<(String, (u32, u32, u32))> = counts
        .into_iter()
        .filter(|(_, (c, h, n))| *c >= min_count || *h >= min_count || *n >= FREQUENT)
        .collect();
    rows.sort();
    let mut out = String::from(
        "# dossier attribution cues, learned from PolNeAR train (Newell, Margolin & Ruths, LREC 2018; research use)\n\
         # by `dossier train quote-cues`. word<TAB>times inside a gold Cue<TAB>times ending a gold Source<TAB>occurrences\n",
    );
    for (w, (c, h, n)) in rows {
        out.push_str(&format!("{w}\t{c}\t{h}\t{n}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(NOUN_CUES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn speech_verbs_score_high_and_function_words_low() {
        for w in ["said", "says", "told", "wondered", "revealed", "according"] {
            assert!(cue_score(w) >= 0.5, "{w}");
        }
        for w in ["the", "bridge", "and"] {
            assert!(cue_score(w) < 0.2, "{w}");
        }
    }

    #[test]
    fn table_is_built_deterministically_from_gold_cues() {
        let text = "Ann said no. Bob said yes. The said order.";
        let i = text.find("said").unwrap();
        let j = text[i + 1..].find("said").unwrap() + i + 1;
        let gold = vec![
            GoldAttribution { content: vec![], source: vec![], cue: vec![Span::new(i, i + 4)] },
            GoldAttribution { content: vec![], source: vec![], cue: vec![Span::new(j, j + 4)] },
        ];
        let t = build_cue_table(&[(text, &gold)], 1);
        assert!(t.contains("\nsaid\t2\t0\t3\n"));
        assert!(!t.contains("\nno\t"));
        assert_eq!(t, build_cue_table(&[(text, &gold)], 1));
    }
}
