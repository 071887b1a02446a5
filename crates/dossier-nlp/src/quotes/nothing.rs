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
//! - a content that is only an infinitive (`to back the plan`) or a
//!   prepositional phrase (`for the motion`) after a verb that is not one of
//!   saying (`promised to`, `pledged to`, `urged … to` keep theirs);
//! - `continues a tradition` (an object after `continue`: an act);
//! - `declined to comment`, `did not respond to requests for comment`,
//!   `could not be reached`: a speech act that says nothing.

use super::cues::in_list;
use super::speaker::Subject;
use super::Doc;
use crate::reporting::{is_commitment_verb, is_reporting_verb};
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
        let words = (a..b).filter(|&t| self.toks[t].kind == TokenKind::Word).take(13).count();
        let has_clause = (a..b).any(|t| matches!(self.low(t), "that" | "\"" | "“" | "”"));
        // `to back the plan`, `for the motion`: no clause, nothing said.
        let infinitive = first == "to" && a + 1 < b && self.is_word(a + 1);
        let pp = in_list(PP_OPENERS, first) && words <= 12 && !has_clause;
        (infinitive || pp) && !is_reporting_verb(l) || self.no_comment(a, b)
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
        for list in [ACTS, FIND, FINDERS, PP_OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
