//! `declined to comment`, `did not respond to requests for comment`,
//! `could not be reached`: a speaker who said nothing.
//!
//! These are never statements (nothing.rs drops them as contents), but a
//! refusal to comment is news in itself, so each one is reported on its own
//! with the speaker the text gives (`Annotations::no_comment`).

use dossier_core::{NoComment, Quote};

use super::cues::in_list;
use super::speaker::Subject;
use super::Doc;

/// Verb forms of refusing (`declined to comment`, `refused comment`).
const REFUSE: &[&str] = &["decline", "declined", "declines", "declining", "refused", "refuses"];

/// What a refusal is about when it is one to speak.
const SPEAK: &[&str] = &["comment", "discuss", "elaborate", "respond", "speak"];

/// Verbs of answering after a negation (`did not respond`, `has not returned`).
const ANSWER: &[&str] =
    &["answer", "answered", "replied", "reply", "respond", "responded", "return", "returned"];

/// What went unanswered (`requests for comment`, `messages seeking comment`).
const ASKED: &[&str] = &["calls", "comment", "emails", "inquiries", "messages", "request", "requests"];

/// Negations before a verb (`did not`, `hasn't`).
const NEGATIONS: &[&str] = &["didn't", "hasn't", "haven't", "n't", "not", "wasn't"];

impl Doc<'_> {
    /// Every refusal or failure to comment, in text order: the words that
    /// say so and the subject they have.
    fn no_comment_phrases(&self) -> Vec<((usize, usize), Option<Subject>)> {
        let mut out = Vec::new();
        for i in 0..self.toks.len() {
            if self.in_passage[i].is_some() {
                continue;
            }
            let Some((first, last)) = self.no_comment_at(i) else { continue };
            let (ss, _) = self.sentence_range(first);
            let subject = self.subject_before(first, ss).filter(|s| !self.second_person(s));
            out.push(((first, last), subject));
        }
        out
    }

    /// The no-comment phrase whose key word is token `i`: its first and
    /// last token (the first is where its subject ends, auxiliaries aside).
    fn no_comment_at(&self, i: usize) -> Option<(usize, usize)> {
        let l = self.low(i);
        // This runs on every token: one `match` on the word (a jump on its
        // length, no binary search) lets all but the key words through.
        if !matches!(
            l,
            "decline"
                | "declined"
                | "declines"
                | "declining"
                | "refused"
                | "refuses"
                | "reached"
                | "answer"
                | "answered"
                | "replied"
                | "reply"
                | "respond"
                | "responded"
                | "return"
                | "returned"
        ) {
            return None;
        }
        // `declined to comment`, `declined comment`, `refused to discuss the case`.
        if in_list(REFUSE, l) {
            let k = if self.low(i + 1) == "to" { i + 2 } else { i + 1 };
            return in_list(SPEAK, self.low(k)).then_some((i, k));
        }
        // `could not be reached (for comment)`.
        if l == "reached" && self.low(i.checked_sub(1)?) == "be" {
            let neg = i.checked_sub(2)?;
            return in_list(NEGATIONS, self.low(neg)).then(|| (self.aux_start(neg), i));
        }
        // `did not (immediately) respond to requests for comment`.
        if in_list(ANSWER, l) {
            let mut neg = i.checked_sub(1)?;
            if self.is_adverb(neg) && !in_list(NEGATIONS, self.low(neg)) {
                neg = neg.checked_sub(1)?;
            }
            if !in_list(NEGATIONS, self.low(neg)) {
                return None;
            }
            let end = (i + 1..(i + 8).min(self.toks.len()))
                .take_while(|&t| !self.is_terminal(t) && self.low(t) != ",")
                .filter(|&t| in_list(ASKED, self.low(t)))
                .last()?;
            return Some((self.aux_start(neg), end));
        }
        None
    }

    /// The auxiliary a negation at `neg` hangs on (`did` in `did not`), or `neg`.
    fn aux_start(&self, neg: usize) -> usize {
        let before = neg.checked_sub(1).map_or("", |b| self.low(b));
        let aux = matches!(
            before,
            "did" | "does" | "do" | "could" | "can" | "has" | "have" | "had" | "was" | "were" | "would"
        );
        if matches!(self.low(neg), "not" | "n't") && aux {
            neg - 1
        } else {
            neg
        }
    }

    /// The no-comment events of the document, speakers resolved like a
    /// quote's against the names of the statements before them.
    pub(super) fn no_comments(&self, quotes: &[Quote]) -> Vec<NoComment> {
        self.no_comment_phrases()
            .into_iter()
            .map(|((a, b), subject)| {
                let span = self.span_of(a, b);
                let history: Vec<(usize, String)> = quotes
                    .iter()
                    .filter_map(|q| q.speaker.as_ref())
                    .filter(|s| s.span.start < span.start)
                    .filter_map(|s| Some((s.span.start, s.name.clone()?)))
                    .collect();
                let speaker = subject.map(|s| self.speaker_of(s, None, span, &history).0);
                NoComment { span, speaker }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [REFUSE, SPEAK, ANSWER, ASKED, NEGATIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
