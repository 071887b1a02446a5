//! Speakers: finding the words that name who speaks, and resolving them to a name.
//!
//! Without a parser, the speaker of a cue is read off the tokens around it:
//! the noun phrase just before the cue (after skipping auxiliaries and
//! adverbs: `Kiljunen has also said`), or just after it when the cue is
//! inverted (`said a spokeswoman for …`). An apposition between commas
//! (`Ben Slay, a senior economist at …, said`) gives the name as speaker and
//! the description as its role.
//!
//! Resolution then maps the words to a name, within the document:
//! a name mention stands for itself (a surname for the fuller name met
//! earlier), `he`/`she`/`I` for the most salient earlier person (the last
//! speaker if they are still in view, otherwise the most recent named
//! person), `they`/`it` for the most recent organisation, and a definite
//! description (`the envoy`, `Russia's envoy to Kosovo`) for the name that
//! the same noun was attached to earlier (`envoy Alexander Botsan-Kharchenko`).
//! Indefinite descriptions (`a spokeswoman for EU foreign policy chief
//! Catherine Ashton`) stay unnamed: the spokeswoman is not Ashton.

use dossier_core::{EntityLabel, Span};

use super::Doc;
use crate::token::TokenKind;

/// Share of its occurrences a lower-case word must have ended a speaker's
/// words in the training news to head a speaker phrase.
const SOURCE_HEAD_MIN: f32 = 0.005;

/// Subject pronouns.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "you"];

/// Determiners and possessives that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your", "some",
    "many", "several", "another", "both", "each", "every", "any", "no", "one", "two", "three", "other",
    "most", "few", "all",
];

/// Words that cannot stand inside a noun phrase (conjunctions, clause
/// openers, prepositions other than `of`/`for`, auxiliaries and verbs of saying).
const NP_STOP: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "but",
    "or",
    "nor",
    "because",
    "when",
    "while",
    "if",
    "as",
    "than",
    "so",
    "then",
    "after",
    "before",
    "since",
    "where",
    "whether",
    "though",
    "although",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "into",
    "about",
    "over",
    "under",
    "during",
    "against",
    "without",
    "through",
    "between",
    "among",
    "upon",
    "per",
    "via",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "not",
    "n't",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "there",
    "here",
    "also",
    "what",
    "how",
    "why",
    "him",
    "them",
    "me",
    "us",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "just",
    "even",
    "only",
    "like",
    "according",
    "saying",
    "telling",
    "added",
    "adding",
    "wrote",
    "asked",
    "this",
    "week",
    "year",
    "month",
    "today",
    "yesterday",
    "tonight",
    "ago",
    "now",
    "later",
    "earlier",
    "again",
    "still",
    "yet",
    "both",
    "either",
    "neither",
    "up",
    "out",
    "off",
    "down",
    "back",
    "away",
];

/// Words skipped between a subject and its cue (`has also said`, `was quoted as saying`).
const AUX_ADV: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "would",
    "will",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "then",
    "later",
    "once",
    "earlier",
    "again",
    "further",
    "only",
    "even",
    "still",
    "just",
    "never",
    "not",
    "n't",
    "been",
    "being",
    "since",
    "first",
    "already",
    "often",
    "now",
    "quoted",
    "as",
    "later",
    "then",
    "too",
    "similarly",
    "separately",
];

/// Titles dropped when comparing names (`Senator Sanders` = `Sanders`).
const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "president",
    "secretary",
    "gen",
    "gen.",
    "general",
    "prof",
    "prof.",
    "professor",
    "mayor",
    "judge",
    "justice",
    "speaker",
    "minister",
    "prime",
    "chairman",
    "leader",
    "ambassador",
    "candidate",
    "former",
    "vice",
    "sir",
    "lord",
    "pope",
    "king",
    "queen",
    "prince",
];

/// Heads of descriptions whose referent is a spokesperson or an unnamed source,
/// never the organisation or person named after `for`/`of`.
const UNNAMED_HEADS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "aides",
    "official",
    "officials",
    "source",
    "sources",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "representative",
    "staffer",
    "staffers",
    "member",
    "members",
    "people",
    "person",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "diplomat",
    "diplomats",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

impl Doc<'_> {
    pub(crate) fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.low(i), "'s" | "'")
    }

    /// True when token `i` may be the last word (head) of a subject noun phrase.
    fn can_head(&self, i: usize) -> bool {
        let l = self.low(i);
        if PRONOUNS.contains(&l) {
            return true;
        }
        if !self.is_word(i) || DETERMINERS.contains(&l) {
            return false;
        }
        if is_cap(self.word(i)) {
            return self.cue[i] < 0.5;
        }
        !NP_STOP.contains(&l)
            && !l.ends_with("ly")
            && self.cue[i] < 0.3
            && !l.ends_with("ing")
            && super::cues::source_head_score(l).is_none_or(|h| h >= SOURCE_HEAD_MIN)
    }

    /// Can token `i` stand inside a noun phrase before its head?
    fn np_inner(&self, i: usize) -> bool {
        let l = self.low(i);
        if self.is_possessive(i) || matches!(l, "of" | "for" | "-" | "&" | ".") {
            return true;
        }
        if self.toks[i].kind == TokenKind::Number {
            return true;
        }
        if !self.is_word(i) {
            return false;
        }
        if is_cap(self.word(i)) {
            return true;
        }
        !NP_STOP.contains(&l) && !PRONOUNS.contains(&l) && self.cue[i] < 0.3
    }

    /// Skips auxiliaries and adverbs leftwards from `j` (inclusive), not below `lo`.
    pub(crate) fn skip_aux_back(&self, mut j: usize, lo: usize) -> usize {
        let mut n = 0;
        while j > lo && n < 4 {
            let l = self.low(j);
            // A parenthetical after the subject: `Rep. Gwen Moore (D-Wis.) said`.
            if l == ")" {
                if let Some(open) = (lo..j).rev().take(12).find(|&t| self.low(t) == "(") {
                    if open > lo {
                        j = open - 1;
                        n += 1;
                        continue;
                    }
                }
                break;
            }
            if AUX_ADV.contains(&l) || (l.ends_with("ly") && l.len() > 4 && !is_cap(self.word(j))) {
                j -= 1;
                n += 1;
            } else {
                break;
            }
        }
        j
    }

    /// The noun phrase ending at token `j` (inclusive), not reaching before `lo`.
    pub(crate) fn np_back(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if j < lo || !self.can_head(j) {
            return None;
        }
        let l = self.low(j);
        if PRONOUNS.contains(&l) {
            return Some((j, j));
        }
        let mut a = j;
        while a > lo && j - a < 9 {
            let k = a - 1;
            let lk = self.low(k);
            if DETERMINERS.contains(&lk) && !is_cap(self.word(k)) || matches!(lk, "the" | "a" | "an") {
                a = k;
                break;
            }
            if self.np_inner(k) {
                a = k;
            } else {
                break;
            }
        }
        while a < j && (matches!(self.low(a), "of" | "for" | "-" | "&" | ".") || self.is_possessive(a)) {
            a += 1;
        }
        Some((a, j))
    }

    /// The noun phrase starting at token `k`, not reaching `hi` (exclusive).
    pub(crate) fn np_fwd(&self, k: usize, hi: usize) -> Option<(usize, usize)> {
        if k >= hi || !self.is_word(k) {
            return None;
        }
        let l = self.low(k);
        if PRONOUNS.contains(&l) && l != "it" {
            return Some((k, k));
        }
        let mut b = k;
        let mut i = k;
        let mut seen_content = false;
        while i < hi && i - k < 12 {
            let li = self.low(i);
            let ok = if i == k && DETERMINERS.contains(&li) {
                true
            } else if matches!(li, "of" | "for" | "to" | "at") {
                seen_content && i + 1 < hi && self.is_word(i + 1)
            } else {
                self.np_inner(i) && !matches!(li, "of" | "for")
            };
            if !ok {
                break;
            }
            if self.is_word(i) && !DETERMINERS.contains(&li) && !matches!(li, "of" | "for" | "to" | "at") {
                seen_content = true;
                b = i;
            }
            i += 1;
        }
        seen_content.then_some((k, b))
    }

    /// The speaker before a cue at `c`: skips auxiliaries, handles `who` and
    /// appositions. Returns the speaker's token range and the role's.
    pub(crate) fn subject_before(&self, c: usize, lo: usize) -> Option<Subject> {
        if c == 0 || c <= lo {
            return None;
        }
        let j = self.skip_aux_back(c - 1, lo);
        let lj = self.low(j);
        if lj == "who" && j > lo + 1 && self.low(j - 1) == "," {
            let np = self.np_back(j - 2, lo)?;
            return Some(Subject { np, role: None });
        }
        if lj == "," && j > lo + 1 {
            // Apposition: NAME , ROLE , cue
            let mut p = j - 1;
            while p > lo && j - p < 20 && self.low(p) != "," && !self.is_terminal(p) {
                p -= 1;
            }
            if self.low(p) == "," && p > lo && j - p >= 2 {
                if let Some(np) = self.np_back(p - 1, lo) {
                    let role_first = p + 1;
                    if np.1 == p - 1 && is_cap(self.word(np.1)) && self.is_word(role_first) {
                        return Some(Subject { np, role: Some((role_first, j - 1)) });
                    }
                }
            }
            return None;
        }
        self.np_back(j, lo).map(|np| Subject { np, role: None })
    }

    /// The speaker after an inverted cue at `c` (`said Myrzakmatov`), with an
    /// apposition after it (`said Ben Slay, a senior economist …`).
    pub(crate) fn subject_after(&self, c: usize, hi: usize) -> Option<Subject> {
        let np = self.np_fwd(c + 1, hi)?;
        let mut role = None;
        if np.1 + 2 < hi && self.low(np.1 + 1) == "," && is_cap(self.word(np.1)) {
            let r0 = np.1 + 2;
            if DETERMINERS.contains(&self.low(r0)) || !is_cap(self.word(r0)) || self.is_possessive(r0 + 1) {
                let mut r1 = r0;
                while r1 + 1 < hi && !matches!(self.low(r1 + 1), "," | ";" | "(") {
                    r1 += 1;
                }
                if self.is_word(r0) {
                    role = Some((r0, r1));
                }
            }
        }
        Some(Subject { np, role })
    }

    pub(crate) fn is_terminal(&self, i: usize) -> bool {
        matches!(self.low(i), "." | "!" | "?" | ";")
    }

    /// Resolves the speaker tokens `np` to a name. `history` lists earlier
    /// resolved speakers (token position, name). Returns the name, the
    /// names considered, and a confidence factor.
    pub(crate) fn resolve(&self, np: (usize, usize), history: &[(usize, String)]) -> Resolution {
        let (a, b) = np;
        let head = self.low(b);
        let span = Span::new(self.toks[a].span.start, self.toks[b].span.end);
        // A name inside the phrase.
        let inner: Vec<&Name> = self.names.iter().filter(|n| span.contains(&n.span)).collect();
        let indefinite = matches!(self.low(a), "a" | "an" | "one" | "another" | "two" | "three" | "some");
        let unnamed_head = (a..=b).any(|i| {
            UNNAMED_HEADS.contains(&self.low(i))
                && i < b
                && matches!(Some(self.low(i + 1)), Some("for" | "of" | "to" | "at" | "with"))
        });
        if let Some(name) =
            inner.iter().rev().find(|n| n.span.end == span.end || n.label == Some(EntityLabel::Per))
        {
            if indefinite || unnamed_head {
                return Resolution { name: None, candidates: vec![], confidence: 0.8 };
            }
            return Resolution { name: Some(self.full_name(name)), candidates: vec![], confidence: 0.95 };
        }
        if let Some(name) = inner.last() {
            if !indefinite && !unnamed_head && name.span.end == span.end {
                return Resolution { name: Some(self.full_name(name)), candidates: vec![], confidence: 0.9 };
            }
        }
        if indefinite || unnamed_head || a < b && matches!(head, "sources" | "officials" | "people") {
            return Resolution { name: None, candidates: vec![], confidence: 0.8 };
        }
        let here = self.toks[a].span.start;
        // Names in view: from three paragraphs back to the speaker's words.
        let para = self.para_of(here);
        let window_start = self.paragraph_start(para.saturating_sub(3));
        let recent: Vec<&Name> =
            self.names.iter().filter(|n| n.span.start >= window_start && n.span.end <= here).collect();
        let persons: Vec<&Name> =
            recent.iter().copied().filter(|n| n.label.is_none_or(|l| l == EntityLabel::Per)).collect();
        let orgs: Vec<&Name> = recent.iter().copied().filter(|n| n.label == Some(EntityLabel::Org)).collect();
        let last_speaker = history.iter().rev().find(|(pos, _)| *pos >= window_start && *pos < here);
        let mut candidates: Vec<String> = Vec::new();
        for n in persons.iter().rev() {
            let full = self.full_name(n);
            if !candidates.contains(&full) {
                candidates.push(full);
            }
            if candidates.len() == 4 {
                break;
            }
        }
        match head {
            "he" | "she" | "i" | "we" => {
                if a != b {
                    return Resolution { name: None, candidates, confidence: 0.5 };
                }
                // The last speaker, when no other person was named since.
                if let Some((pos, name)) = last_speaker {
                    let others_since =
                        persons.iter().filter(|n| n.span.start > *pos).any(|n| self.full_name(n) != *name);
                    if !others_since {
                        return Resolution { name: Some(name.clone()), candidates: vec![], confidence: 0.85 };
                    }
                }
                // Otherwise the most recent person, if the view holds only one.
                match candidates.len() {
                    0 => Resolution { name: None, candidates, confidence: 0.6 },
                    1 => Resolution { name: candidates.pop(), candidates: vec![], confidence: 0.75 },
                    _ => {
                        // Prefer a person already quoted.
                        if let Some((_, name)) = last_speaker.filter(|(_, n)| candidates.first() == Some(n)) {
                            return Resolution {
                                name: Some(name.clone()),
                                candidates: vec![],
                                confidence: 0.7,
                            };
                        }
                        Resolution { name: None, candidates, confidence: 0.55 }
                    }
                }
            }
            "they" | "it" => {
                if let Some(o) = orgs.last() {
                    Resolution { name: Some(self.full_name(o)), candidates: vec![], confidence: 0.6 }
                } else {
                    Resolution { name: None, candidates, confidence: 0.5 }
                }
            }
            _ => {
                // A definite description: the name this noun was attached to earlier.
                if !is_cap(self.word(b)) {
                    if let Some(name) = self.description_antecedent(b, here) {
                        return Resolution { name: Some(name), candidates: vec![], confidence: 0.75 };
                    }
                }
                Resolution { name: None, candidates, confidence: 0.6 }
            }
        }
    }

    /// For a description whose head noun is token `head`, the name that the
    /// same noun stood next to earlier (`envoy Alexander Botsan-Kharchenko`,
    /// `Kiljunen, the commission's chairman`).
    fn description_antecedent(&self, head: usize, before: usize) -> Option<String> {
        let noun = self.low(head);
        let mut best: Option<&Name> = None;
        for (i, t) in self.toks.iter().enumerate() {
            if t.span.start >= before {
                break;
            }
            if self.low(i) != noun {
                continue;
            }
            let pos = t.span;
            // A name right after the noun (title use) or within a short apposition around it.
            let near = self.names.iter().find(|n| {
                let gap = self.text.get(pos.end..n.span.start).unwrap_or(".");
                let after = n.span.start >= pos.end
                    && n.span.end <= before
                    && (gap.len() <= 2
                        || gap.len() <= 40
                            && gap.ends_with(", ")
                            && gap.matches(',').count() == 1
                            && !gap.contains('.'));
                let before_noun = n.span.end <= pos.start
                    && self.text[n.span.end..pos.start].starts_with(',')
                    && self.text[n.span.end..pos.start].len() < 60
                    && !self.text[n.span.end..pos.start][1..].contains([',', '.']);
                (after || before_noun) && n.label.is_none_or(|l| l != EntityLabel::Loc)
            });
            if let Some(n) = near {
                best = Some(n);
            }
        }
        best.map(|n| self.full_name(n))
    }

    /// The fullest earlier form of a name (`Kiljunen` → `Kimmo Kiljunen`), titles dropped.
    pub(crate) fn full_name(&self, n: &Name) -> String {
        n.full.clone()
    }
}

/// Fills every name's fullest earlier form (`Kiljunen` → `Kimmo Kiljunen`),
/// titles dropped, in one pass over the names in text order.
pub(crate) fn fill_full_names(text: &str, names: &mut [Name]) {
    let mut longest: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for n in names.iter_mut() {
        let own = strip_titles(n.span.slice(text));
        let last = own.rsplit(' ').next().unwrap_or(&own).to_string();
        let words = own.split(' ').count();
        let best = match longest.get(&last) {
            Some(other) if other.split(' ').count() > words => other.clone(),
            _ => {
                longest.insert(last, own.clone());
                own
            }
        };
        n.full = best;
    }
}

fn strip_titles(s: &str) -> String {
    let s = s.trim_end_matches("'s").trim_end_matches("’s");
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut i = 0;
    while i + 1 < words.len() && TITLES.contains(&words[i].to_lowercase().as_str()) {
        i += 1;
    }
    words[i..].join(" ")
}

/// A subject found next to a cue: its tokens and an apposition's tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject {
    pub np: (usize, usize),
    pub role: Option<(usize, usize)>,
}

/// What resolution found.
#[derive(Debug, Clone)]
pub(crate) struct Resolution {
    pub name: Option<String>,
    pub candidates: Vec<String>,
    pub confidence: f32,
}

/// A name mention: from NER when given, else from capitalisation.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    pub span: Span,
    pub label: Option<EntityLabel>,
    /// The fullest earlier form of the name, titles dropped.
    pub full: String,
}
