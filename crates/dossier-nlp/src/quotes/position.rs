//! Is a cue word really a verb of saying in a verb position, and is the
//! phrase before it really someone who can say something?
//!
//! The learned cue table scores words, not uses: PolNeAR counts `also` (from
//! `also said`), `seems`, `backing` or `proposed` as cue words often enough
//! that, read alone, they open reported-speech frames on news that reports no
//! speech at all (`the forces backing him`, `as proposed by a UN envoy`, `the
//! United States`). Without a tagger, these checks read the evidence the
//! tokens give (casing, the word before, the word after, the shape of the
//! word) and keep a cue only where a finite or participial verb of a clause
//! can stand. A second check keeps a reported-speech frame only when its
//! speaker is someone: not a second-person reader (`You are commenting …`),
//! not a place or a nationality used as a modifier, and not the object of a
//! preposition (`the developments in Kyrgyzstan highlighted …`: the speaker
//! would be the developments, not Kyrgyzstan).
//!
//! These checks apply to the reported-speech frames of the second pass;
//! quotes in quotation marks keep their own, stricter, context.

use dossier_core::EntityLabel;

use super::cues::in_list;
use super::speaker::Subject;
use super::Doc;
use crate::reporting::is_reporting_verb;

/// Forms of `be`: before a past participle they make a passive (`were
/// described`), whose subject is what is talked about, not who talks.
const BE_FORMS: &[&str] = &["am", "are", "be", "been", "being", "is", "was", "were"];

/// Adverbs that PolNeAR counts inside a cue (`also said`, `reportedly told`)
/// but that never head a frame of their own.
const ADVERBS: &[&str] = &[
    "again", "already", "also", "even", "ever", "further", "just", "later", "never", "not", "now", "often",
    "once", "only", "still", "then", "too", "yet",
];

/// Words after which an `-ing` form is a verb of its own clause (`, saying`,
/// `is saying`, `by saying`), not a modifier of the noun before it.
const BEFORE_VERBAL_ING: &[&str] = &[
    "after", "also", "am", "and", "are", "be", "been", "before", "being", "but", "by", "for", "from", "in",
    "is", "not", "of", "on", "or", "still", "then", "upon", "was", "were", "when", "while", "without",
];

/// Prepositions whose object is a place, time or thing next to the speaker
/// (`workers in Osh`, `envoy to Kosovo`), never the speaker itself.
const PREPOSITIONS: &[&str] = &[
    "across",
    "against",
    "among",
    "around",
    "at",
    "between",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "on",
    "outside",
    "over",
    "throughout",
    "to",
    "under",
    "with",
    "within",
];

/// Second-person words: a reader addressed by the page, not a news source.
const SECOND_PERSON: &[&str] = &["you", "your", "yourself", "yourselves"];

/// How a cue word may be used, read off the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueUse {
    /// Not a verb heading a frame here.
    No,
    /// A verb of a clause whose subject (before or after it) speaks.
    Active,
    /// A passive that takes a clause (`was asked whether …`, `is expected
    /// to …`): the subject before it is not the speaker.
    Passive,
}

/// Words that open the clause a passive cue reports (`was asked whether`).
const CLAUSE_OPENERS: &[&str] =
    &["how", "if", "that", "to", "what", "when", "where", "whether", "which", "who", "why"];

impl Doc<'_> {
    /// Can the cue word at `c` (sentence starting at `ss`) head a
    /// reported-speech frame as a verb, and how?
    ///
    /// No for a capitalised word inside a sentence that is not in title case
    /// (a name: `the United States`), a word inside an NER name, an adverb
    /// (`also`, `explicitly`), an `-ing` form right after a noun or an
    /// adjective (`the forces backing him`, `Russian backing`) unless it
    /// heads an absolute clause (`with Moscow saying`), a participle
    /// of a reduced clause (`as proposed by`, `a plan endorsed by`), and a
    /// passive (`were described in the cables`) unless a clause follows it
    /// (`was asked whether …`), which makes it [`CueUse::Passive`].
    pub(crate) fn cue_in_verb_position(&self, c: usize, ss: usize) -> CueUse {
        let l = self.low(c);
        let w = self.word(c);
        let after_open_mark = c > 0 && self.is_open_mark_tok(c - 1);
        // A capitalised word inside a running sentence is a name, not a verb.
        if c > ss
            && !after_open_mark
            && w.chars().next().is_some_and(char::is_uppercase)
            && !self.title_case_sentence(c)
        {
            return CueUse::No;
        }
        if self.in_name(c) {
            return CueUse::No;
        }
        if l == "according" {
            return CueUse::Active;
        }
        if self.is_adverb(c) {
            return CueUse::No;
        }
        // A verb learned as a cue but not one of saying (`seems`, `plans`)
        // followed by an adverb describes a state (`seems keenly interested`).
        let next = self.low(c + 1);
        if !is_reporting_verb(l) && next.len() > 4 && next.ends_with("ly") {
            return CueUse::No;
        }
        let prev = if c > ss { self.low(c - 1) } else { "" };
        // `-ing` after a content word modifies it (`officials backing the
        // plan`, `Russian backing`): a verb of its own needs a comma, an
        // auxiliary, a conjunction or a preposition before it.
        if l.ends_with("ing") && c > ss && self.is_word(c - 1) && self.absolute_subject(c, ss).is_none() {
            let p = self.word(c - 1);
            let adverb = prev.ends_with("ly") && !p.chars().next().is_some_and(char::is_uppercase);
            if !in_list(BEFORE_VERBAL_ING, prev) && !adverb {
                return CueUse::No;
            }
        }
        let participle =
            l.ends_with("ed") || matches!(l, "told" | "written" | "said" | "shown" | "seen" | "known");
        // `was (also) skeptical about`: an adjective after a copula is no verb.
        if !participle && !l.ends_with("ing") && !is_reporting_verb(l) {
            let mut j = c;
            while j > ss && self.is_adverb(j - 1) {
                j -= 1;
            }
            if j > ss && in_list(BE_FORMS, self.low(j - 1)) {
                return CueUse::No;
            }
        }
        if participle {
            let mut j = c;
            while j > ss && (in_list(ADVERBS, self.low(j - 1)) || self.low(j - 1).ends_with("ly")) {
                j -= 1;
            }
            let before = if j > ss { self.low(j - 1) } else { "" };
            if in_list(BE_FORMS, before) {
                // `were described in the cables`: no clause, no statement.
                return if in_list(CLAUSE_OPENERS, self.low(c + 1)) { CueUse::Passive } else { CueUse::No };
            }
            // A reduced clause: `as proposed by a UN envoy`, `a plan endorsed by X`.
            if before == "as" || self.low(c + 1) == "by" {
                return CueUse::No;
            }
        }
        CueUse::Active
    }

    /// Is token `c` an adverb (`also`, `explicitly`) rather than a verb?
    pub(crate) fn is_adverb(&self, c: usize) -> bool {
        let l = self.low(c);
        in_list(ADVERBS, l) || l.len() > 4 && l.ends_with("ly") && !is_reporting_verb(l)
    }

    /// For an adverb cue (`also`, `repeatedly`), the verb it modifies when
    /// that verb is a cue word itself (`also said`, `repeatedly wondered`):
    /// the frame is read at the verb, and the cue runs from the adverb.
    pub(crate) fn verb_after_adverb(&self, c: usize, se: usize) -> Option<usize> {
        let v = (c + 1..se.min(c + 3)).find(|&t| !self.is_adverb(t))?;
        let w = self.word(v);
        let l = self.low(v);
        let verb_shape = is_reporting_verb(l) || ["ed", "s", "ing"].iter().any(|e| l.ends_with(e));
        let copula = c > 0 && in_list(BE_FORMS, self.low(c - 1));
        (self.is_word(v)
            && !w.chars().next().is_some_and(char::is_uppercase)
            && self.cue[v] > 0.0
            && verb_shape
            && !copula)
            .then_some(v)
    }

    /// Does an inverted subject (`…, said the envoy.`) end where an inverted
    /// attribution ends: at the sentence end, a comma, a colon, a bracket or
    /// a quotation mark, a time clause, or before `in`/`on`/`at` and a
    /// determiner or a name (`said X in a statement`, `said X on Monday`)? A noun phrase that runs on (`…, reveal a
    /// discussion in 2006 between …`) is the verb's object, not its speaker.
    pub(crate) fn inverted_subject_ends(&self, s: &Subject, se: usize) -> bool {
        let end = s.np.1.max(s.role.map_or(0, |r| r.1)) + 1;
        if end >= se {
            return true;
        }
        let next = self.low(end);
        if self.is_terminal(end) || matches!(next, "," | ":" | "(" | ")" | "—" | "–" | "that") {
            return true;
        }
        if self.in_passage[end].is_some() || self.is_open_mark_tok(end) {
            return true;
        }
        if matches!(next, "during" | "after" | "before" | "when" | "while") {
            return true;
        }
        // `said X in a statement`, `said X on Monday`, `said X in Moscow`;
        // not `… in 2006 between …`.
        if matches!(next, "in" | "on" | "at") {
            let w = self.word(end + 1);
            return matches!(self.low(end + 1), "a" | "an" | "the")
                || self.is_word(end + 1) && w.chars().next().is_some_and(char::is_uppercase);
        }
        self.cue[end] >= 0.28 || self.word(end).chars().next().is_some_and(char::is_uppercase)
    }

    /// Is the sentence of token `c` written in title case (a headline:
    /// `Senator Says Talks Will Resume`)? True when none of its words of four
    /// letters or more is lower-case.
    fn title_case_sentence(&self, c: usize) -> bool {
        let s = &self.sents[self.sent[c]];
        !s.tokens.clone().any(|t| {
            let w = self.word(t);
            self.is_word(t) && w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase)
        })
    }

    /// Is token `i` inside a name found by NER?
    pub(super) fn in_name(&self, i: usize) -> bool {
        let at = self.toks[i].span;
        let k = self.names.partition_point(|n| n.span.end <= at.start);
        self.names
            .get(k)
            .is_some_and(|n| n.label.is_some() && n.span.start <= at.start && at.end <= n.span.end)
    }

    fn is_possessive_tok(&self, i: usize) -> bool {
        let l = self.low(i);
        l == "'s" || l == "'" || l.ends_with("'s")
    }

    fn is_open_mark_tok(&self, i: usize) -> bool {
        matches!(self.low(i), "\"" | "“" | "„" | "«" | "'" | "‘" | "`")
    }

    /// Is `s` a second-person reader (`You are commenting …`, `your
    /// friends say`)? Pages address their reader; news sources are never `you`.
    pub(crate) fn second_person(&self, s: &Subject) -> bool {
        let (a, b) = s.np;
        (a..=b).any(|t| in_list(SECOND_PERSON, self.low(t)))
    }

    /// Can `s` name the speaker of a reported-speech frame whose cue starts
    /// at `cue`? Not a phrase before the cue that is only the object of a
    /// preposition (`workers in Osh said`: Osh did not speak), not a nationality or other MISC adjective standing alone
    /// (`Russian`). Such frames keep their content with no speaker.
    /// The speaker of a frame whose subject `s` is the object of a
    /// preposition before the cue: the noun phrase the preposition hangs on
    /// (`Serbia's ambassador in Paris said` → `Serbia's ambassador`, `Human
    /// rights workers in Osh, the city …, said` → `Human rights workers`),
    /// or none. An apposition after the place describes the place and is dropped.
    pub(crate) fn prepositional_host(&self, s: &Subject, cue: usize, ss: usize) -> Option<Subject> {
        let mut np = s.np;
        // `on Trump's claim that`: the possessor is the speaker.
        if self.is_possessive_tok(np.1) || self.is_possessive_tok(np.1 + 1) {
            return None;
        }
        for _ in 0..3 {
            if np.1 >= cue || np.0 < ss + 2 || !in_list(PREPOSITIONS, self.low(np.0 - 1)) {
                break;
            }
            np = self.np_back(np.0 - 2, ss)?;
        }
        (np != s.np).then_some(Subject { np, role: None })
    }

    pub(crate) fn speaker_fits(&self, s: &Subject, cue: usize) -> bool {
        let (a, b) = s.np;
        if a > 0
            && b < cue
            && !self.is_possessive_tok(b)
            && !self.is_possessive_tok(b + 1)
            && in_list(PREPOSITIONS, self.low(a - 1))
        {
            return false;
        }
        let span = self.span_of(a, b);
        let whole = self.names_in(span.start, span.end).iter().find(|n| n.span == span);
        // A nationality or party adjective (`Russian`, `Serb-dominated`, `Democratic`).
        let l = self.low(a);
        let adjective = l.contains('-') || ["an", "ic", "ish", "ese", "ean"].iter().any(|e| l.ends_with(e));
        !whole.is_some_and(|n| n.label == Some(EntityLabel::Misc) && a == b && adjective)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [BE_FORMS, ADVERBS, BEFORE_VERBAL_ING, PREPOSITIONS, SECOND_PERSON, CLAUSE_OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
