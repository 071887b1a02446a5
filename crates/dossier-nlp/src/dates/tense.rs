//! The tense around a date expression: whether the clause it stands in
//! speaks of the past or the future, which decides where a bare weekday or
//! month falls relative to the article's date (`on Friday` after `said` is
//! the Friday before; after `will` the one after).

use super::lex::{Kind, Tok};
use super::resolve::Tense;

/// The tense of the clause around tokens `[s, e)`: the nearest tense cue
/// before the expression in its clause, else the nearest after it.
pub(crate) fn tense_at(text: &str, toks: &[Tok], s: usize, e: usize) -> Tense {
    // A date that modifies a noun (`the Nov. 8 election`, `Tuesday's
    // vote`) is not placed by the tense of the clause around that noun.
    let word_at = |k: usize| toks.get(k).filter(|t| t.kind == Kind::Word).map(|t| &text[t.start..t.end]);
    if s > 0 && word_at(s - 1).is_some_and(|w| ["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(w))) {
        return Tense::Unknown;
    }
    let boundary = |t: &Tok| t.gap >= 3 || matches!(t.punct(), Some('.' | '!' | '?' | ';' | '"' | '“' | '”'));
    let mut k = s;
    let mut steps = 0;
    while k > 0 && steps < 16 {
        k -= 1;
        let t = &toks[k];
        if boundary(t) {
            break;
        }
        if let Some(c) = cue(text, toks, k) {
            return c;
        }
        if toks[k + 1].gap >= 3 {
            break;
        }
        steps += 1;
    }
    // A date that opens its sentence, alone or after one preposition, and
    // is set off by a comma (`On Monday, the mayor said it would …`) dates
    // the report that follows, whatever the reported clause says.
    let opens = |k: usize| k == 0 || boundary(&toks[k - 1]) || toks[k].gap >= 2;
    let fronted = toks.get(e).and_then(Tok::punct) == Some(',')
        && (opens(s) || (toks[s - 1].kind == Kind::Word && toks[s - 1].cap && opens(s - 1)));
    let mut k = e;
    let mut steps = 0;
    while k < toks.len() && steps < 10 {
        let t = &toks[k];
        if boundary(t) || (k > e && t.gap >= 3) {
            break;
        }
        if fronted && is_reporting(text, t) {
            return Tense::Past;
        }
        // A reporting verb after the date belongs to the report, not to
        // the event the date is about ("talks resume Friday, he said").
        if let Some(c) = cue(text, toks, k).filter(|_| !is_reporting(text, &toks[k])) {
            return c;
        }
        k += 1;
        steps += 1;
    }
    Tense::Unknown
}

const FUTURE_WORDS: &[&str] =
    &["will", "shall", "ll", "would", "upcoming", "scheduled", "expected", "slated"];
const FUTURE_TO: &[&str] =
    &["going", "plans", "plan", "planned", "planning", "set", "is", "are", "am", "intends", "aims"];
const PAST_WORDS: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "took",
    "made",
    "met",
    "began",
    "came",
    "went",
    "gave",
    "held",
    "saw",
    "found",
    "left",
    "ran",
    "won",
    "lost",
    "fell",
    "rose",
    "wrote",
    "spoke",
    "broke",
    "brought",
    "bought",
    "caught",
    "thought",
    "sent",
    "spent",
    "built",
    "felt",
    "kept",
    "led",
    "paid",
    "sold",
    "struck",
    "stood",
    "threw",
    "became",
    "got",
    "knew",
    "grew",
    "drew",
    "flew",
    "shot",
    "sank",
    "fought",
    "ago",
    "yesterday",
    "since",
];
const NOT_PAST_ED: &[&str] = &[
    "need", "speed", "seed", "feed", "red", "bed", "indeed", "hundred", "united", "proceed", "exceed",
    "succeed", "shed", "bred", "wed", "fed", "ned", "ted", "ed",
];

fn is_reporting(text: &str, t: &Tok) -> bool {
    crate::reporting::is_reporting_verb(&text[t.start..t.end].to_ascii_lowercase())
}

fn cue(text: &str, toks: &[Tok], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let w = &text[t.start..t.end];
    let is = |list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let next_is_to = toks
        .get(k + 1)
        .is_some_and(|n| n.kind == Kind::Word && text[n.start..n.end].eq_ignore_ascii_case("to"));
    if is(FUTURE_WORDS) || (next_is_to && is(FUTURE_TO)) || w.eq_ignore_ascii_case("tomorrow") {
        return Some(Tense::Future);
    }
    // A participle after a present form of "be" is a passive, not a past
    // (`could be persuaded before April 26`, `the primary is held`).
    let passive = k > 0
        && toks[k - 1].kind == Kind::Word
        && ["be", "being", "is", "are", "am", "get", "gets"]
            .iter()
            .any(|b| b.eq_ignore_ascii_case(&text[toks[k - 1].start..toks[k - 1].end]));
    if is(PAST_WORDS) && !passive {
        return Some(Tense::Past);
    }
    if w.len() >= 4 && w.is_ascii() && !t.cap && w.ends_with("ed") && !is(NOT_PAST_ED) && !passive {
        // Only lower-case words: capitalised ones ending in "-ed" are names
        // (`Mohamed`, `Ahmed`) more often than sentence-initial verbs.
        return Some(Tense::Past);
    }
    None
}
