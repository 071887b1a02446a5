//! Word knowledge the tagger carries beyond its weights: word clusters and
//! capitalisation statistics derived from unlabelled news text, and the
//! gazetteers built from the Phoenix knowledge base.
//!
//! Both live inside the model file, so tagging does no I/O. The clusters
//! give rare words the evidence of frequent words used alike; the
//! capitalisation ratio (how often a word is capitalised away from the
//! start of a sentence) tells a name from a common word in ALL-CAPS
//! headlines and at sentence starts; gazetteer matches mark known
//! countries, people, organisations and role words.

use super::features::TokInfo;
use super::hash::{hash_str, mix, KeyMap, StrMap};

/// Number of cluster granularities per word.
pub const CLUSTER_LEVELS: usize = 3;

/// Clusters and capitalisation counts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Lexicon {
    /// Exact word → cluster id at each granularity (coarse to fine).
    pub(crate) clusters: StrMap<[u16; CLUSTER_LEVELS]>,
    /// Lower-cased word → (occurrences away from a sentence start,
    /// of which capitalised).
    pub(crate) case_counts: StrMap<(u32, u32)>,
}

impl Lexicon {
    /// Parses the text form written by [`Lexicon::to_text`]: `C\tword\tc0\tc1\tc2`
    /// and `F\tlower\ttotal\tcapitalised` lines; `#` lines are comments.
    pub fn from_text(text: &str) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("lexicon line {}: malformed", n + 1);
            match f.as_slice() {
                ["C", w, a, b, c] => {
                    let ids = [
                        a.parse().map_err(|_| bad())?,
                        b.parse().map_err(|_| bad())?,
                        c.parse().map_err(|_| bad())?,
                    ];
                    lex.clusters.insert((*w).to_string(), ids);
                }
                ["F", w, t, c] => {
                    lex.case_counts.insert(
                        (*w).to_string(),
                        (t.parse().map_err(|_| bad())?, c.parse().map_err(|_| bad())?),
                    );
                }
                _ => return Err(bad()),
            }
        }
        Ok(lex)
    }

    /// The text form, sorted so that equal lexicons give equal bytes.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# dossier word lexicon v1: C word cluster-ids (coarse..fine); F lower total capitalised\n",
        );
        let mut c: Vec<_> = self.clusters.iter().collect();
        c.sort();
        for (w, ids) in c {
            out.push_str(&format!("C\t{w}\t{}\t{}\t{}\n", ids[0], ids[1], ids[2]));
        }
        let mut f: Vec<_> = self.case_counts.iter().collect();
        f.sort();
        for (w, (t, k)) in f {
            out.push_str(&format!("F\t{w}\t{t}\t{k}\n"));
        }
        out
    }

    /// Capitalisation bucket of a lower-cased word: 0..=5 by ratio, 6 when
    /// too rare to say, 7 when unseen.
    pub(crate) fn case_bucket(&self, lower: &str) -> u8 {
        match self.case_counts.get(lower) {
            None => 7,
            Some(&(t, _)) if t < 3 => 6,
            Some(&(t, k)) => {
                let r = k as f64 / t as f64;
                match r {
                    r if r < 0.02 => 0,
                    r if r < 0.2 => 1,
                    r if r < 0.5 => 2,
                    r if r < 0.8 => 3,
                    r if r < 0.98 => 4,
                    _ => 5,
                }
            }
        }
    }
}

/// Gazetteer categories: Phoenix sources (0–7: `company` is Phoenix's
/// multinational companies plus the project's own list of well-known
/// companies, platforms and publishers, `models/orgs.txt`), then GeoNames
/// places (8–12) by what kind of place bears the name and, for towns, by
/// the population of the largest place of that name: a name shared by
/// villages only is weak evidence, a city's strong.
pub const GAZ_CATEGORIES: [&str; 13] = [
    "country",
    "country-person",
    "country-group",
    "international",
    "nonstate",
    "agent",
    "demonym",
    "company",
    "geo-country",
    "geo-region",
    "geo-city-large",
    "geo-city",
    "geo-town",
];

/// First GeoNames category (see [`GAZ_CATEGORIES`]).
pub const GEO_FIRST: u8 = 8;

/// Token-role bit of a demonym that is an entry by itself (`KYRGYZ`,
/// `ALBANIAN`): category 6, role 0.
pub(crate) const DEMONYM_BITS: u64 = 1 << (6 * 4);

/// Multi-word name lists matched on upper-cased tokens.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Gazetteer {
    /// Entry (token sequence hash) → category bit mask.
    pub(crate) entries: KeyMap<u16>,
    /// Upper-cased first token hash → longest entry length starting with it.
    pub(crate) first: KeyMap<u8>,
    /// Upper-cased token hash → bit mask of (category, role) memberships,
    /// role 0 = single-token entry, 1 = first, 2 = last, 3 = inner token.
    pub(crate) token_roles: KeyMap<u64>,
    /// The entries as (category, upper-cased tokens joined by spaces), kept
    /// to write the model file.
    pub(crate) list: Vec<(u8, String)>,
}

/// Token-role bit of an agent (role word) that is an entry by itself
/// (`MAYOR`, `ENVOY`, `SPOKESMAN`): category 5, role 0. Last words of longer
/// entries do not count: `MINISTRY OF DEVELOPMENT` makes no role of
/// `Development`.
pub(crate) const AGENT_ROLE_BITS: u64 = 1 << (5 * 4);

/// Seed of upper-cased token hashes.
pub(crate) const UPPER_SEED: u64 = 0x5550;

/// Longest entry the gazetteer keeps, in tokens.
pub const GAZ_MAX_LEN: usize = 8;

/// Hash of a token sequence given the upper-cased hashes of its tokens.
#[inline]
pub(crate) fn seq_hash(tokens: &[u64]) -> u64 {
    tokens.iter().fold(SEQ_SEED, |h, &t| mix(h ^ t))
}

const SEQ_SEED: u64 = 0x6a09_e667_f3bc_c908;

impl Gazetteer {
    /// Whether the upper-cased token (hash, [`UPPER_SEED`]) is listed alone
    /// as a country (Phoenix or GeoNames), a region or a city; towns, whose
    /// names villages share, aside.
    pub(crate) fn lists_place(&self, upper: u64) -> bool {
        let roles = self.token_roles.get(&upper).copied().unwrap_or(0);
        let g = GEO_FIRST as u64;
        [0, g, g + 1, g + 2, g + 3].iter().any(|&c| roles & (1 << (c * 4)) != 0)
    }

    /// Builds a gazetteer from (category, entry) pairs, the entry given as
    /// upper-cased tokens separated by spaces. Duplicates merge.
    pub fn from_entries(entries: impl IntoIterator<Item = (u8, String)>) -> Gazetteer {
        let mut list: Vec<(u8, String)> = entries
            .into_iter()
            .filter(|(c, e)| (*c as usize) < GAZ_CATEGORIES.len() && !e.trim().is_empty())
            .filter(|(_, e)| e.split(' ').filter(|t| !t.is_empty()).count() <= GAZ_MAX_LEN)
            .collect();
        list.sort();
        list.dedup();
        let mut g = Gazetteer::default();
        for (cat, e) in &list {
            let toks: Vec<u64> =
                e.split(' ').filter(|t| !t.is_empty()).map(|t| hash_str(UPPER_SEED, t)).collect();
            *g.entries.entry(seq_hash(&toks)).or_default() |= 1 << cat;
            let f = g.first.entry(toks[0]).or_default();
            *f = (*f).max(toks.len() as u8);
            let n = toks.len();
            for (i, &t) in toks.iter().enumerate() {
                let role = if n == 1 {
                    0
                } else if i == 0 {
                    1
                } else if i + 1 == n {
                    2
                } else {
                    3
                };
                *g.token_roles.entry(t).or_default() |= 1 << (*cat as u64 * 4 + role);
            }
        }
        g.list = list;
        g
    }

    /// This gazetteer with more (category, entry) pairs (see
    /// [`Gazetteer::from_entries`]).
    pub fn extended(self, more: impl IntoIterator<Item = (u8, String)>) -> Gazetteer {
        Gazetteer::from_entries(self.list.into_iter().chain(more))
    }

    /// Number of entries of each category (see [`GAZ_CATEGORIES`]).
    pub fn counts(&self) -> [usize; GAZ_CATEGORIES.len()] {
        let mut n = [0; GAZ_CATEGORIES.len()];
        for (c, _) in &self.list {
            n[*c as usize] += 1;
        }
        n
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Longest matches in a sentence given upper-cased token hashes: for
    /// each token, a bit mask of (category, BILOU position) with bit
    /// `cat * 4 + pos` (pos 0 = B, 1 = I, 2 = L, 3 = U). Greedy, left to right.
    pub(crate) fn matches(&self, info: &[TokInfo], out: &mut Vec<u64>) {
        out.clear();
        out.resize(info.len(), 0);
        if self.first.is_empty() {
            return;
        }
        let mut upper: Vec<u64> = Vec::new();
        let mut i = 0;
        while i < info.len() {
            if !info[i].gaz_start {
                i += 1;
                continue;
            }
            if upper.is_empty() {
                upper = info.iter().map(|t| t.upper).collect();
            }
            let max = match self.first.get(&upper[i]) {
                Some(&m) => (m as usize).min(upper.len() - i),
                None => {
                    i += 1;
                    continue;
                }
            };
            // Prefix hashes grow one token at a time; the longest entry wins.
            let mut found = None;
            let mut h = SEQ_SEED;
            for len in 1..=max {
                h = mix(h ^ upper[i + len - 1]);
                if let Some(&cats) = self.entries.get(&h) {
                    found = Some((len, cats));
                }
            }
            match found {
                Some((len, cats)) => {
                    for c in 0..GAZ_CATEGORIES.len() as u64 {
                        if cats & (1 << c) == 0 {
                            continue;
                        }
                        for j in 0..len {
                            let pos = if len == 1 {
                                3
                            } else if j == 0 {
                                0
                            } else if j + 1 == len {
                                2
                            } else {
                                1
                            };
                            out[i + j] |= 1 << (c * 4 + pos);
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up(s: &str) -> Vec<TokInfo> {
        s.split(' ')
            .map(|t| {
                let upper = hash_str(UPPER_SEED, &t.to_uppercase());
                TokInfo { upper, gaz_start: true, ..Default::default() }
            })
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let g = Gazetteer::from_entries([
            (3, "INTERNATIONAL COURT OF JUSTICE".to_string()),
            (0, "KOSOVO".to_string()),
            (3, "INTERNATIONAL".to_string()),
        ]);
        let mut m = Vec::new();
        g.matches(&up("the International Court of Justice on Kosovo"), &mut m);
        assert_eq!(m, vec![0, 1 << 12, 1 << 13, 1 << 13, 1 << 14, 0, 1 << 3]);
    }

    #[test]
    fn lexicon_text_round_trip() {
        let lex = Lexicon::from_text("C\tParis\t1\t2\t3\nF\tparis\t10\t10\n").unwrap();
        assert_eq!(Lexicon::from_text(&lex.to_text()).unwrap(), lex);
        assert_eq!(lex.case_bucket("paris"), 5);
        assert_eq!(lex.case_bucket("lyon"), 7);
        assert!(Lexicon::from_text("X\t1").is_err());
    }
}
