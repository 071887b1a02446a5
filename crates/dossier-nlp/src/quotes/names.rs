//! Names in a document before any speaker is resolved: the NER mentions,
//! or, when there are none, runs of capitalised words that are not common
//! sentence openers.

use dossier_core::{EntityLabel, Mention, Span};

use super::cues::in_list;
use super::speaker::Name;
use super::Doc;

/// Common sentence-initial words that are not names.
pub(super) const NOT_NAMES: &[&str] = &[
    "a",
    "according",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "april",
    "are",
    "as",
    "asked",
    "at",
    "august",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "december",
    "did",
    "do",
    "don't",
    "dr.",
    "during",
    "each",
    "even",
    "every",
    "february",
    "for",
    "friday",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "i'm",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "it's",
    "its",
    "january",
    "july",
    "june",
    "just",
    "let",
    "let's",
    "many",
    "march",
    "may",
    "meanwhile",
    "monday",
    "more",
    "most",
    "mr.",
    "mrs.",
    "ms.",
    "my",
    "no",
    "not",
    "november",
    "now",
    "october",
    "of",
    "on",
    "one",
    "only",
    "other",
    "our",
    "read",
    "said",
    "saturday",
    "says",
    "september",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "sunday",
    "that",
    "that's",
    "the",
    "their",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thursday",
    "to",
    "tuesday",
    "two",
    "was",
    "we",
    "we're",
    "wednesday",
    "were",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "would",
    "yes",
    "yet",
    "you",
    "your",
];

/// A month or weekday, whole or cut short (`Dec`, `Dec.`, `Tues`; the date
/// stage's lexicon): the tagger sometimes takes one before a day's number
/// for a name (`LONDON, Dec 3 (Reuters)`); there it never speaks. Only
/// before a number: `Jun` and `Jan` are also given names. `May`, `March`
/// (`Mar`) and `Sun` are left out: they are also names of people and of a
/// newspaper.
fn is_calendar_word(low: &str) -> bool {
    let word = low.strip_suffix('.').unwrap_or(low);
    !matches!(word, "may" | "march" | "mar" | "sun") && crate::dates::is_month_or_weekday(word)
}

impl Doc<'_> {
    pub(super) fn entity_names(&self, entities: &[Mention]) -> Vec<Name> {
        let mut v: Vec<Name> = entities
            .iter()
            .filter(|m| {
                m.span.end <= self.text.len()
                    && self.text.is_char_boundary(m.span.start)
                    && self.text.is_char_boundary(m.span.end)
                    && !(is_calendar_word(&m.span.slice(self.text).to_lowercase())
                        && self.text[m.span.end..]
                            .trim_start_matches(['.', ' '])
                            .starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|m| Name {
                span: m.span,
                label: Some(m.label),
                full: usize::MAX,
                toks: (
                    self.toks.partition_point(|t| t.span.start < m.span.start),
                    self.toks.partition_point(|t| t.span.start < m.span.end),
                ),
            })
            .collect();
        v.sort_by_key(|n| (n.span.start, n.span.end));
        self.join_nicknames(v)
    }

    /// `Roberto "Bobby" Tabligan`: a nickname in quotes between the parts
    /// of a person's name leaves the tagger two names (or three); they are
    /// one person, named without the nickname (see `speaker::drop_nicknames`).
    fn join_nicknames(&self, names: Vec<Name>) -> Vec<Name> {
        let quote = |t: usize| matches!(self.low(t), "\"" | "“" | "”" | "'" | "‘" | "’");
        let capitalised = |t: usize| self.word(t).chars().next().is_some_and(char::is_uppercase);
        let person = |n: &Name| n.label.is_none_or(|l| l == EntityLabel::Per);
        let mut out: Vec<Name> = Vec::with_capacity(names.len());
        let mut i = 0;
        while i < names.len() {
            let n = &names[i];
            let e = n.toks.1;
            // The opening quote stands after the name, or the tagger took it
            // and the nickname into the name (`Roberto "Bobby`).
            let open = (n.toks.0 + 1..=e).find(|&p| {
                p + 3 < self.toks.len() && p + 3 >= e && quote(p) && capitalised(p + 1) && quote(p + 2)
            });
            if let Some(p) = open.filter(|_| person(n)) {
                let mut k = i + 1;
                if names.get(k).is_some_and(|m| m.toks.0 > p && m.toks.1 <= p + 3) {
                    k += 1;
                }
                if let Some(m) = names.get(k).filter(|m| m.toks.0 == p + 3 && person(m)) {
                    out.push(Name {
                        span: Span::new(n.span.start, m.span.end),
                        label: n.label.or(m.label),
                        full: usize::MAX,
                        toks: (n.toks.0, m.toks.1),
                    });
                    i = k + 1;
                    continue;
                }
            }
            out.push(n.clone());
            i += 1;
        }
        out
    }

    /// Names read off capitalisation: runs of capitalised words, leaving out
    /// common sentence openers.
    pub(super) fn capitalised_names(&self) -> Vec<Name> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if !self.name_token(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i + 1 < self.toks.len() && self.name_token(i + 1) && !self.gap_has_newline(i) {
                i += 1;
            }
            // A run of one common word at a sentence start is not a name.
            let first_in_sentence = self.sents.get(self.sent[start]).is_some_and(|s| s.tokens.start == start)
                || start > 0 && matches!(self.low(start - 1), "\"" | "“" | "'" | "‘");
            let mut s = start;
            while s <= i && in_list(NOT_NAMES, self.low(s)) {
                s += 1;
            }
            if s <= i && !(first_in_sentence && s == start && start == i && self.cue[s] > 0.2) {
                out.push(Name {
                    span: Span::new(self.toks[s].span.start, self.toks[i].span.end),
                    label: None,
                    full: usize::MAX,
                    toks: (s, i + 1),
                });
            }
            i += 1;
        }
        out
    }
}
