//! The one list of reporting verbs the language layer shares.
//!
//! Attribution (`quotes`) reads these words as cues of speech or thought,
//! the speaker's noun phrase stops at them, and statement dating
//! (`dates::tense`) skips them when it looks for the tense of a reported
//! content (`said` is the report's tense, not the content's). One list, so
//! that a verb added for one stage is known to all three.

use crate::quotes::cues::in_list;

/// Verbs that report speech or thought, every inflected form (the base
/// form too), lower-case and sorted.
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "according",
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "acknowledging",
    "add",
    "added",
    "adding",
    "adds",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "agreed",
    "agrees",
    "alleged",
    "alleges",
    "alleging",
    "announce",
    "announced",
    "announces",
    "announcing",
    "answer",
    "answered",
    "answering",
    "answers",
    "argue",
    "argued",
    "argues",
    "arguing",
    "ask",
    "asked",
    "asking",
    "asks",
    "assert",
    "asserted",
    "asserting",
    "asserts",
    "believe",
    "believed",
    "believes",
    "blasted",
    "boasted",
    "cautioned",
    "cautions",
    "charged",
    "claim",
    "claimed",
    "claiming",
    "claims",
    "complained",
    "complains",
    "conceded",
    "concedes",
    "concluded",
    "concludes",
    "confirm",
    "confirmed",
    "confirming",
    "confirms",
    "contend",
    "contended",
    "contending",
    "contends",
    "continued",
    "continues",
    "countered",
    "criticised",
    "criticises",
    "criticized",
    "criticizes",
    "declare",
    "declared",
    "declares",
    "declaring",
    "demanded",
    "demands",
    "denied",
    "denies",
    "deny",
    "denying",
    "disagreed",
    "disagrees",
    "doubted",
    "doubts",
    "emphasised",
    "emphasises",
    "emphasize",
    "emphasized",
    "emphasizes",
    "estimated",
    "estimates",
    "exclaimed",
    "exclaims",
    "explain",
    "explained",
    "explaining",
    "explains",
    "express",
    "expressed",
    "expresses",
    "expressing",
    "fear",
    "feared",
    "fears",
    "hinted",
    "insist",
    "insisted",
    "insisting",
    "insists",
    "joked",
    "lamented",
    "laments",
    "maintained",
    "maintains",
    "mused",
    "muttered",
    "mutters",
    "note",
    "noted",
    "notes",
    "noting",
    "objected",
    "observed",
    "pointed",
    "praised",
    "praises",
    "predicted",
    "predicts",
    "proclaimed",
    "proclaims",
    "promised",
    "promises",
    "quip",
    "quipped",
    "recall",
    "recalled",
    "recalling",
    "recalls",
    "remarked",
    "remarks",
    "replied",
    "replies",
    "reply",
    "replying",
    "reported",
    "reportedly",
    "reports",
    "respond",
    "responded",
    "responding",
    "responds",
    "retorted",
    "reveal",
    "revealed",
    "revealing",
    "reveals",
    "said",
    "say",
    "saying",
    "says",
    "screamed",
    "shouted",
    "signaled",
    "signalled",
    "slammed",
    "snapped",
    "state",
    "stated",
    "states",
    "stating",
    "stress",
    "stressed",
    "stresses",
    "stressing",
    "suggested",
    "suggesting",
    "suggests",
    "suspect",
    "suspected",
    "suspects",
    "tell",
    "telling",
    "tells",
    "testified",
    "testifies",
    "texted",
    "think",
    "thinks",
    "thought",
    "threatened",
    "threatens",
    "told",
    "tweet",
    "tweeted",
    "tweeting",
    "tweets",
    "urged",
    "urges",
    "urging",
    "vowed",
    "vows",
    "warn",
    "warned",
    "warning",
    "warns",
    "whispered",
    "wonder",
    "wondered",
    "wondering",
    "wonders",
    "write",
    "writes",
    "writing",
    "wrote",
    "yelled",
    "yells",
];

/// Verbs whose infinitive content is a commitment said aloud (`promised to`).
const COMMITMENT_VERBS: &[&str] = &[
    "pledge",
    "pledged",
    "pledges",
    "pledging",
    "promise",
    "promised",
    "promises",
    "promising",
    "threaten",
    "threatened",
    "threatening",
    "threatens",
    "vow",
    "vowed",
    "vowing",
    "vows",
];

/// Verbs of thought and feeling with a clause for content (`strategists
/// think that …`, `police suspect the fire was set`), every form, sorted;
/// all are reporting verbs too. Their speaker is never the writer (`I
/// think`), and neither an infinitive (`fear to lose`) nor a phrase
/// (`think about the play-offs`) after them is a statement. Wishes (`hope`)
/// are left out: `… and hope Mali drop points` states nothing.
const THOUGHT_VERBS: &[&str] = &[
    "believe",
    "believed",
    "believes",
    "doubted",
    "doubts",
    "fear",
    "feared",
    "fears",
    "suspect",
    "suspected",
    "suspects",
    "think",
    "thinks",
    "thought",
];

/// True for a verb of thought ([`THOUGHT_VERBS`]).
pub fn is_thought_verb(word: &str) -> bool {
    in_list(THOUGHT_VERBS, word)
}

/// True for a verb that reports speech or thought (any form; `word` lower-case).
pub fn is_reporting_verb(word: &str) -> bool {
    in_list(REPORTING_VERBS, word)
}

/// True for a verb of commitment said aloud (`promised`, `vowed`): its
/// infinitive content (`promised to resign`) is a statement.
pub fn is_commitment_verb(word: &str) -> bool {
    in_list(COMMITMENT_VERBS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [REPORTING_VERBS, COMMITMENT_VERBS, THOUGHT_VERBS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn knows_the_forms_of_saying_and_nothing_else() {
        for w in ["said", "says", "told", "added", "stated", "wrote", "announced"] {
            assert!(is_reporting_verb(w), "{w}");
        }
        for w in THOUGHT_VERBS {
            assert!(is_reporting_verb(w), "{w}");
        }
        for w in ["bridge", "voted", "Said"] {
            assert!(!is_reporting_verb(w), "{w}");
        }
        assert!(is_commitment_verb("vowed") && !is_commitment_verb("said"));
    }
}
