//! Statements where nothing was said.
//!
//! The learned cue table scores words by how often PolNeAR's annotators put
//! them in a cue, and PolNeAR attributes actions and states of mind as well
//! as speech. On news read as a journalist reads it, a vote, a choice or a
//! refusal is not a statement:
//!
//! - verbs that report an act, not words (`voted for`, `chose to`, `pushed`,
//!   `decided`, `paused`, `refused to`, `declined to`, `appears`), and
//!   `found` unless a court, a study or an inquiry found it;
//! - a content that is only an infinitive (`to back the plan`) after a verb
//!   that is not one of saying (`promised to`, `pledged to`, `urged … to`
//!   keep theirs), or only a prepositional phrase after any verb (`for the
//!   motion`, `said at a rally in Ohio`);
//! - `continues a tradition` (an object after `continue`: an act);
//! - `declined to comment`, `did not respond to requests for comment`,
//!   `could not be reached`: a speech act that says nothing;
//! - `asked not to be named`, `requested anonymity`: a source's request
//!   about themselves.

use super::cues::in_list;
use super::speaker::Subject;
use super::Doc;
use crate::reporting::{is_commitment_verb, is_reporting_verb, is_thought_verb};
use crate::token::TokenKind;

/// Verb forms that report an act or a state, never words.
const ACTS: &[&str] = &[
    "appear",
    "appeared",
    "appearing",
    "appears",
    "choose",
    "chooses",
    "choosing",
    "chose",
    "chosen",
    "decide",
    "decided",
    "decides",
    "deciding",
    "decline",
    "declined",
    "declines",
    "declining",
    "pause",
    "paused",
    "pauses",
    "pausing",
    "push",
    "pushed",
    "pushes",
    "pushing",
    "refuse",
    "refused",
    "refuses",
    "refusing",
    "vote",
    "voted",
    "votes",
    "voting",
];

/// Forms of `find`: a statement only when a court, a study or an inquiry finds.
const FIND: &[&str] = &["find", "finding", "finds", "found"];

/// Heads of speakers whose findings are statements (`the court found`).
const FINDERS: &[&str] = &[
    "analysis",
    "audit",
    "commission",
    "committee",
    "court",
    "inquiry",
    "investigation",
    "investigators",
    "judge",
    "jury",
    "panel",
    "poll",
    "report",
    "researchers",
    "review",
    "scientists",
    "studies",
    "study",
    "survey",
    "tribunal",
];

/// Prepositions that open a phrase of place, time or occasion (`at a
/// rally`, `during the debate`): after a verb of saying, where or when, never what.
const SETTING_OPENERS: &[&str] = &["at", "during", "in", "inside", "outside"];

/// Prepositions that open a content made of a prepositional phrase only.
const PP_OPENERS: &[&str] =
    &["about", "against", "at", "by", "for", "from", "in", "into", "on", "over", "with"];

impl Doc<'_> {
    /// Does the frame with cue `cue`, speaker `subject` and content tokens
    /// `[a, b)` report an act rather than words (module doc)?
    pub(crate) fn says_nothing(&self, cue: usize, subject: Option<Subject>, a: usize, b: usize) -> bool {
        let l = self.low(cue);
        if in_list(ACTS, l) {
            return true;
        }
        // `The festival continues a tradition …`: continuing something is
        // an act; `he continued, “…”` and `continued to insist that` speak.
        if matches!(l, "continue" | "continues" | "continued" | "continuing")
            && self.is_word(cue + 1)
            && !matches!(self.low(cue + 1), "to" | "that")
        {
            return true;
        }
        if in_list(FIND, l) {
            let head = subject.map(|s| self.low(s.np.1));
            return !head.is_some_and(|h| in_list(FINDERS, h));
        }
        if a >= b || is_commitment_verb(l) {
            return false;
        }
        let first = self.low(a);
        // `to back the plan`, `for the motion`: no clause, nothing said.
        let infinitive = first == "to" && a + 1 < b && self.is_word(a + 1);
        // (After a verb of saying too: `said at a rally`, `asked about the
        // war` tell where and on what, not what.)
        infinitive && (!is_reporting_verb(l) || is_thought_verb(l))
            || self.adjunct_only(a, b, is_reporting_verb(l) && !is_thought_verb(l))
            || self.no_comment(a, b)
            || self.anonymity_request(a, b)
    }

    /// `not to be named because …`, `to remain anonymous`, `anonymity`: the
    /// content of `asked`/`requested` when a source asks not to be named
    /// says nothing about the story.
    fn anonymity_request(&self, a: usize, b: usize) -> bool {
        let at = |k: usize| if a + k < b { self.low(a + k) } else { "" };
        let k = usize::from(at(0) == "not");
        at(0) == "anonymity"
            || at(k) == "to"
                && matches!(at(k + 1), "be" | "remain")
                && matches!(at(k + 2), "anonymous" | "identified" | "named" | "quoted")
    }

    /// Are tokens `[a, b)` a prepositional phrase and nothing else (`at a
    /// rally in Ohio last week`, `for the motion`): no clause, no quotation.
    /// After a verb of saying (`speech`), only a phrase of place, time or
    /// occasion counts (`said at a rally`): `asked about his taxes`,
    /// `warned against intervention` give what was said in a word.
    pub(crate) fn adjunct_only(&self, a: usize, b: usize, speech: bool) -> bool {
        let first = self.low(a);
        let opener = if speech { in_list(SETTING_OPENERS, first) } else { in_list(PP_OPENERS, first) };
        if a + 1 >= b || !opener {
            return false;
        }
        // `about 1,200 people live …`, `at least 20 were killed`: a
        // quantity opens a clause; `in favour of`, `in fact` are no place.
        let next = self.low(a + 1);
        if first == "about" && self.toks[a + 1].kind == TokenKind::Number
            || matches!(next, "least" | "most" | "favor" | "favour" | "support" | "fact")
        {
            return false;
        }
        let words = (a..b).filter(|&t| self.toks[t].kind == TokenKind::Word).take(13).count();
        // `In Ohio, the turnout was …`: a fronted phrase before a clause.
        let clause_after_comma = (a + 1..b).any(|t| self.low(t) == "," && t + 2 < b);
        words <= 12
            && !clause_after_comma
            && !(a..b).any(|t| matches!(self.low(t), "that" | "\"" | "“" | "”"))
    }

    /// `to comment`, `to requests for comment`, `for comment`: a content that says nothing.
    fn no_comment(&self, a: usize, b: usize) -> bool {
        (a..b.min(a + 5)).any(|t| matches!(self.low(t), "comment" | "comments")) && b - a <= 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [ACTS, FIND, FINDERS, PP_OPENERS, SETTING_OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
