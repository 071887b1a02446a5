//! Attribution cues: which words report speech, thought or a source.
//!
//! Two sources of knowledge, merged:
//! - a table learned from the PolNeAR train split by `dossier train
//!   quote-cues` ([`build_cue_table`]): for each lower-cased word, how often
//!   it was part of an annotated Cue and how often it occurs at all, so the
//!   ratio estimates the chance that an occurrence is a cue;
//! - a short hand-written list of speech and thought verbs in all their
//!   forms, so that cues rare in the training news (`wondered`, `revealed`)
//!   are still known.
//!
//! The table is shipped in the binary (`cues.tsv`, `include_str!`).

use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_core::Span;

use super::eval::GoldAttribution;
use crate::token::{tokenize, TokenKind};

/// The learned table: `word<TAB>cue count<TAB>occurrences`, sorted by word.
const CUE_TABLE: &str = include_str!("cues.tsv");

/// Speech and thought verbs, every inflected form (the base form too).
const SPEECH_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "warn",
    "warns",
    "warned",
    "warning",
    "accuse",
    "accuses",
    "accused",
    "accusing",
    "argue",
    "argues",
    "argued",
    "arguing",
    "state",
    "states",
    "stated",
    "stating",
    "announce",
    "announces",
    "announced",
    "announcing",
    "reveal",
    "reveals",
    "revealed",
    "revealing",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "wonder",
    "wonders",
    "wondered",
    "wondering",
    "express",
    "expresses",
    "expressed",
    "expressing",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "note",
    "notes",
    "noted",
    "noting",
    "explain",
    "explains",
    "explained",
    "explaining",
    "declare",
    "declares",
    "declared",
    "declaring",
    "assert",
    "asserts",
    "asserted",
    "asserting",
    "contend",
    "contends",
    "contended",
    "contending",
    "stress",
    "stresses",
    "stressed",
    "stressing",
    "emphasize",
    "emphasized",
    "emphasizes",
    "emphasised",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "acknowledging",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "confirm",
    "confirms",
    "confirmed",
    "confirming",
    "deny",
    "denies",
    "denied",
    "denying",
    "reply",
    "replies",
    "replied",
    "replying",
    "respond",
    "responds",
    "responded",
    "responding",
    "recall",
    "recalls",
    "recalled",
    "recalling",
    "tweet",
    "tweets",
    "tweeted",
    "tweeting",
    "write",
    "writes",
    "wrote",
    "writing",
    "ask",
    "asks",
    "asked",
    "asking",
    "quip",
    "quipped",
    "joked",
    "conceded",
    "concedes",
    "maintained",
    "maintains",
    "predicted",
    "predicts",
    "vowed",
    "vows",
    "promised",
    "promises",
    "complained",
    "complains",
    "lamented",
    "boasted",
    "charged",
    "countered",
    "remarked",
    "remarks",
    "observed",
    "suggested",
    "suggests",
    "suggesting",
    "urged",
    "urges",
    "urging",
    "thinks",
    "believes",
    "believed",
    "reported",
    "reports",
    "reportedly",
    "estimated",
    "estimates",
    "concluded",
    "concludes",
    "testified",
    "alleged",
    "alleges",
    "alleging",
    "announced",
    "cautioned",
    "complained",
    "continued",
    "continues",
    "pointed",
    "agreed",
    "agrees",
    "disagreed",
    "objected",
    "proclaimed",
    "mused",
    "shouted",
    "screamed",
    "yelled",
    "whispered",
    "exclaimed",
    "retorted",
    "snapped",
    "according",
    "told",
    "explains",
    "threatened",
    "threatens",
    "demanded",
    "demands",
    "criticized",
    "criticised",
    "criticizes",
    "praised",
    "praises",
    "blasted",
    "slammed",
    "hinted",
    "signaled",
    "signalled",
];

/// Words that report speech only as a noun after a preposition (`in a
/// statement`); they are not verbs and never head a clause frame.
const NOUN_CUES: &[&str] =
    &["statement", "interview", "tweet", "letter", "op-ed", "report", "speech", "remarks", "post"];

/// A word's record, precomputed when the table is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// How likely an occurrence is an attribution cue, 0–1.
    pub cue: f32,
    /// Share of occurrences ending a speaker's words; `None` when too rare to tell.
    pub source_head: Option<f32>,
    /// A hand-listed verb of speech or thought.
    pub speech_verb: bool,
}

/// Longest word the table holds, in bytes; longer words are never cues.
const MAX_KEY: usize = 16;

/// The word table, looked up once per token: open addressing over words
/// packed into two integers, so a lookup is one multiply and one or two
/// integer compares (a general hash map cost more than all the rest of
/// attribution).
struct WordTable {
    keys: Vec<(u64, u64)>,
    values: Vec<WordInfo>,
    mask: usize,
}

fn pack(word: &str) -> Option<(u64, u64)> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > MAX_KEY {
        return None;
    }
    let mut buf = [0u8; MAX_KEY];
    buf[..b.len()].copy_from_slice(b);
    let lo = u64::from_le_bytes(buf[..8].try_into().ok()?);
    let hi = u64::from_le_bytes(buf[8..].try_into().ok()?);
    Some((lo, hi))
}

impl WordTable {
    fn new(entries: Vec<(String, WordInfo)>) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut t =
            WordTable { keys: vec![(0, 0); cap], values: vec![WordInfo::default(); cap], mask: cap - 1 };
        for (w, info) in entries {
            let Some(k) = pack(&w) else { continue };
            let mut i = t.slot(k);
            while t.keys[i] != (0, 0) && t.keys[i] != k {
                i = (i + 1) & t.mask;
            }
            t.keys[i] = k;
            t.values[i] = info;
        }
        t
    }

    fn slot(&self, (lo, hi): (u64, u64)) -> usize {
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 40) as usize & self.mask
    }

    fn get(&self, word: &str) -> Option<WordInfo> {
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

fn table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: HashMap<String, WordInfo> = HashMap::new();
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
                words.insert(
                    w.to_string(),
                    WordInfo {
                        cue: c as f32 / denom,
                        source_head: (n >= FREQUENT).then(|| h as f32 / denom),
                        speech_verb: false,
                    },
                );
            }
        }
        for v in SPEECH_VERBS {
            let e = words.entry(v.to_string()).or_default();
            e.cue = e.cue.max(0.7);
            e.speech_verb = true;
        }
        let mut entries: Vec<(String, WordInfo)> = words.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        WordTable::new(entries)
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

/// Everything known about a (normalised) word.
pub fn info(word: &str) -> WordInfo {
    table().get(word).unwrap_or_default()
}

/// How likely an occurrence of the (normalised) word is an attribution cue,
/// 0–1: the learned ratio (smoothed towards zero for rare words), raised for
/// the hand-written speech verbs.
pub fn cue_score(word: &str) -> f32 {
    info(word).cue
}

/// How often the (normalised) word ended a speaker's words in the training
/// news (`the official said`, `sources say`), as a share of its occurrences.
/// `None` for words too rare to tell. Frequent words that almost never end a
/// speaker's words (`a series of … said`) are not taken as speaker heads.
pub fn source_head_score(word: &str) -> Option<f32> {
    info(word).source_head
}

/// Occurrences in the training news from which a word's record as a
/// speaker head is taken as evidence.
const FREQUENT: u32 = 20;

/// True for a hand-listed verb of speech or thought (any form).
pub fn is_speech_verb(word: &str) -> bool {
    info(word).speech_verb
}

/// True for a word that is a cue only as a noun (`in a statement`).
pub fn is_noun_cue(word: &str) -> bool {
    NOUN_CUES.contains(&word)
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
