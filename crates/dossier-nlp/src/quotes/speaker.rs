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

use super::confidence::How;
use super::cues::in_list;
use super::gender::{self, Gender};
use super::Doc;
use crate::reporting::is_reporting_verb;
use crate::token::TokenKind;

/// Share of its occurrences a lower-case word must have ended a speaker's
/// words in the training news to head a speaker phrase.
const SOURCE_HEAD_MIN: f32 = 0.005;

/// How far back (bytes) resolution looks for names, at most.
const VIEW_MAX_BYTES: usize = 6000;

/// Subject pronouns.
pub(crate) const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

/// Adverbs that open a sentence before its subject (`Still, many said`), sorted.
const SENTENCE_ADVERBS: &[&str] = &[
    "again",
    "earlier",
    "however",
    "instead",
    "later",
    "meanwhile",
    "nevertheless",
    "nonetheless",
    "now",
    "overall",
    "still",
    "then",
    "today",
    "yesterday",
];

/// Quantifiers that stand alone as a subject for people already in view
/// (`Several said`, `Others say`), sorted.
const QUANTIFIER_SUBJECTS: &[&str] = &["all", "both", "few", "many", "most", "others", "several", "some"];

/// Words that head a subject before a restrictive `who` on their own
/// (`Those who know him say`), sorted.
const RELATIVE_HEADS: &[&str] =
    &["anyone", "everyone", "few", "many", "most", "others", "people", "some", "someone", "those"];

/// Determiners and possessives that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "all", "an", "another", "any", "both", "each", "every", "few", "her", "his", "its", "many", "most",
    "my", "no", "one", "other", "our", "several", "some", "the", "their", "these", "this", "those", "three",
    "two", "your",
];

/// Words that cannot stand inside a noun phrase (conjunctions, clause
/// openers, prepositions other than `of`/`for`, auxiliaries); verbs of
/// saying ([`is_reporting_verb`]) cannot either.
const NP_STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "ago",
    "also",
    "although",
    "among",
    "and",
    "are",
    "as",
    "at",
    "away",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "earlier",
    "either",
    "even",
    "from",
    "had",
    "has",
    "have",
    "he",
    "here",
    "him",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "just",
    "later",
    "like",
    "may",
    "me",
    "might",
    "month",
    "must",
    "n't",
    "neither",
    "nor",
    "not",
    "now",
    "off",
    "on",
    "only",
    "or",
    "out",
    "over",
    "per",
    "she",
    "should",
    "since",
    "so",
    "still",
    "than",
    "that",
    "them",
    "then",
    "there",
    "they",
    "this",
    "though",
    "through",
    "to",
    "today",
    "tonight",
    "under",
    "up",
    "upon",
    "us",
    "via",
    "was",
    "we",
    "week",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "without",
    "would",
    "year",
    "yesterday",
    "yet",
    "you",
];

/// Legal forms that end a company's name after a comma (`Acme, Inc.`),
/// sorted (byte order).
const LEGAL_FORMS: &[&str] = &["AG", "Corp.", "GmbH", "Inc.", "LLC", "Ltd.", "PLC", "S.A.", "plc"];

/// Clause openers a capitalised sentence start may glue to a name (`When
/// Donald Trump`, `With Mayor Ruth Amos`): never part of the speaker.
const OPENERS: &[&str] = &[
    "after", "although", "as", "because", "before", "if", "once", "since", "though", "unless", "until",
    "when", "whereas", "while", "with", "without",
];

/// Words that open an adverbial phrase or clause, never a speaker's words.
const SPEAKER_NEVER_OPENS: &[&str] = &[
    "after", "although", "because", "before", "by", "despite", "during", "if", "in", "since", "though",
    "unless", "until", "when", "whenever", "whereas", "while",
];

/// Words skipped between a subject and its cue (`has also said`, `was quoted as saying`).
const AUX_ADV: &[&str] = &[
    "again",
    "already",
    "also",
    "are",
    "as",
    "been",
    "being",
    "can",
    "could",
    "did",
    "do",
    "does",
    "earlier",
    "even",
    "first",
    "further",
    "had",
    "has",
    "have",
    "is",
    "just",
    "later",
    "may",
    "might",
    "must",
    "n't",
    "never",
    "not",
    "now",
    "often",
    "once",
    "only",
    "quoted",
    "separately",
    "should",
    "similarly",
    "since",
    "still",
    "then",
    "too",
    "was",
    "were",
    "will",
    "would",
];

/// Words of time that follow a cue without being its speaker (`said Friday`).
pub(super) const TIME_WORDS: &[&str] = &[
    "afternoon",
    "april",
    "august",
    "december",
    "earlier",
    "evening",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "last",
    "later",
    "march",
    "monday",
    "month",
    "morning",
    "night",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "this",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "year",
    "yesterday",
];

/// Heads of a description that is a document, not a person (`the release
/// said`, `the cable says`): it is never resolved to a person's name met
/// near the same noun (`Mayor Ann Ray, quoted in the release,`).
const DOCUMENT_HEADS: &[&str] = &[
    "advisory",
    "affidavit",
    "agreement",
    "analysis",
    "announcement",
    "article",
    "assessment",
    "audit",
    "bulletin",
    "cable",
    "caption",
    "charter",
    "communique",
    "complaint",
    "conclusions",
    "decree",
    "document",
    "draft",
    "e-mail",
    "editorial",
    "email",
    "filing",
    "guidance",
    "indictment",
    "judgment",
    "lawsuit",
    "letter",
    "memo",
    "memorandum",
    "minutes",
    "notice",
    "order",
    "paper",
    "petition",
    "post",
    "proposal",
    "release",
    "report",
    "resolution",
    "review",
    "ruling",
    "statement",
    "study",
    "survey",
    "text",
    "transcript",
    "tweet",
    "website",
];

/// Last words of bodies' names (`National Highways`, `the Met Office`):
/// a title-case phrase ending in one is an organisation's name even when
/// the tagger missed it.
const ORG_HEADS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "directorate",
    "distribution",
    "electric",
    "energy",
    "exchange",
    "federation",
    "force",
    "foundation",
    "fund",
    "government",
    "group",
    "highways",
    "hospital",
    "inspectorate",
    "institute",
    "institution",
    "league",
    "library",
    "ministry",
    "museum",
    "network",
    "news",
    "observatory",
    "office",
    "organisation",
    "organization",
    "parliament",
    "partnership",
    "party",
    "police",
    "post",
    "press",
    "program",
    "programme",
    "project",
    "railways",
    "regulator",
    "secretariat",
    "senate",
    "service",
    "services",
    "society",
    "tribunal",
    "trust",
    "union",
    "university",
    "watch",
];

/// Words of a role, which make a title-case phrase a person's description
/// (`Head of the Programme Office`, `Police Public Relations Officer`);
/// the unnamed heads (`spokesman`, `member`) count too.
const ROLE_WORDS: &[&str] = &[
    "ambassador",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "commissioner",
    "coordinator",
    "deputy",
    "director",
    "envoy",
    "governor",
    "head",
    "inspector",
    "leader",
    "manager",
    "minister",
    "officer",
    "president",
    "secretary",
    "superintendent",
];

/// Titles dropped when comparing names (`Senator Sanders` = `Sanders`): the
/// quote stage's rows of the shared table (`src/titles.rs`); `Tan Sri` is
/// dropped as a pair by `strip_titles`.
pub(crate) use crate::titles::SPEAKER_TITLES as TITLES;

/// Heads of descriptions whose referent is a spokesperson or an unnamed source,
/// never the organisation or person named after `for`/`of`.
const UNNAMED_HEADS: &[&str] = &[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "attorney",
    "attorneys",
    "diplomat",
    "diplomats",
    "expert",
    "experts",
    "lawyer",
    "lawyers",
    "member",
    "members",
    "official",
    "officials",
    "people",
    "person",
    "representative",
    "source",
    "sources",
    "spokesman",
    "spokespeople",
    "spokesperson",
    "spokeswoman",
    "staffer",
    "staffers",
];

pub(super) fn is_cap(w: &str) -> bool {
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
        if in_list(PRONOUNS, l) {
            return true;
        }
        if !self.is_word(i) || in_list(DETERMINERS, l) {
            return false;
        }
        if is_cap(self.word(i)) {
            return self.cue[i] < 0.5;
        }
        !in_list(NP_STOP, l)
            && !is_reporting_verb(l)
            && !l.ends_with("ly")
            && self.cue[i] < 0.3
            && !l.ends_with("ing")
            && (super::cues::source_head_score(l).is_none_or(|h| h >= SOURCE_HEAD_MIN) || can_speak(l))
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
        // `think tank` is a noun phrase although `think` reports thought.
        let think_tank = l == "think" && matches!(self.low(i + 1), "tank" | "tanks");
        think_tank
            || !in_list(NP_STOP, l) && !is_reporting_verb(l) && !in_list(PRONOUNS, l) && self.cue[i] < 0.3
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
            if in_list(AUX_ADV, l) || (l.ends_with("ly") && l.len() > 4 && !is_cap(self.word(j))) {
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
        // `Lao Railway Co., Ltd.`, `Acme, Inc.`: a legal form after a comma
        // ends the company's name.
        if j >= lo + 2 && self.low(j - 1) == "," && LEGAL_FORMS.binary_search(&self.word(j)).is_ok() {
            if let Some((a, _)) = self.np_back(j - 2, lo) {
                return Some((a, j));
            }
        }
        let l = self.low(j);
        if in_list(PRONOUNS, l) {
            return Some((j, j));
        }
        let a = self.np_walk_back(j, j, lo);
        if let Some(start) = self.joined_name_start(a, j, lo) {
            return Some((start, j));
        }
        // A phrase never starts inside a name (`Roberto "Bobby" Vidal`,
        // `Bosnia and Herzegovina`): it takes the whole name, and the
        // article before it (`…, the Ministry of Health and Human Services
        // said`).
        let mut a = a;
        let before = self.names.partition_point(|n| n.span.start < self.toks[a].span.start);
        if let Some(n) = before.checked_sub(1).map(|k| &self.names[k]) {
            if n.toks.0 >= lo && n.toks.0 < a && n.toks.1 > a && n.toks.1 <= j + 1 {
                a = self.np_walk_back(n.toks.0, j, lo);
            }
        }
        while a < j
            && (matches!(self.low(a), "of" | "for" | "-" | "&" | "." | "and" | "but" | "or" | "so" | "yet")
                || self.is_possessive(a)
                || in_list(OPENERS, self.low(a)))
        {
            a += 1;
        }
        Some((a, j))
    }

    /// Walks a noun phrase ending at `j` leftwards from its token `a`: over
    /// the words that stand inside a noun phrase, up to and including its
    /// determiner (and on over `of the`/`for the`). Where it stops.
    fn np_walk_back(&self, mut a: usize, j: usize, lo: usize) -> usize {
        while a > lo && j - a < 12 {
            let k = a - 1;
            let lk = self.low(k);
            if in_list(DETERMINERS, lk) && !is_cap(self.word(k)) || matches!(lk, "the" | "a" | "an") {
                a = k;
                // `Ilse Moor of the Farmers Union`, `a spokesman for the
                // ministry`: the phrase goes on before `of`/`for the …`.
                if matches!(lk, "the" | "a" | "an")
                    && k >= lo + 2
                    && matches!(self.low(k - 1), "of" | "for")
                    && self.is_word(k - 2)
                    && self.np_inner(k - 2)
                    && !matches!(self.low(k - 2), "of" | "for")
                {
                    a = k - 1;
                    continue;
                }
                break;
            }
            if self.np_inner(k) {
                a = k;
            } else {
                break;
            }
        }
        a
    }

    /// Is token `t` part of a title-case name: a capitalised word, or a small
    /// word that joins one (`of`, `for`, `and`, `&`, a comma)?
    fn in_title_case_name(&self, t: usize) -> bool {
        is_cap(self.word(t)) && self.is_word(t) || matches!(self.low(t), "of" | "for" | "and" | "&" | ",")
    }

    /// `The Maritime and Coastguard Agency said`, `the Centers for Disease
    /// Control and Prevention said`: the phrase found back from the cue
    /// stops at `and`, but title-case words joined by `and` (commas before
    /// it) after `the` are one body's name, unless the first part is a whole
    /// place or person (`The Netherlands and Belgium said`) or a person is
    /// among them. Returns where `the` is.
    fn joined_name_start(&self, a: usize, j: usize, lo: usize) -> Option<usize> {
        if a <= lo + 1 || self.low(a - 1) != "and" || !is_cap(self.word(a)) || !is_cap(self.word(j)) {
            return None;
        }
        if !(a..=j).all(|t| self.in_title_case_name(t)) {
            return None;
        }
        let mut t = a - 1;
        let the = loop {
            if t <= lo || a - t > 12 {
                return None;
            }
            t -= 1;
            if self.low(t) == "the" {
                // `the Department of Climate Change, Energy, the Environment
                // and Water`: a `the` inside a longer name does not open it.
                if t > 0 && matches!(self.low(t - 1), "," | "of" | "for" | "and" | "&") {
                    return None;
                }
                break t;
            }
            if !self.in_title_case_name(t) || self.cue[t] >= 0.5 {
                return None;
            }
        };
        let first = the + 1;
        let first_end = (first..a).find(|&k| matches!(self.low(k), "and" | ","))?;
        if first_end == first || !is_cap(self.word(first_end - 1)) {
            return None;
        }
        let a_whole_place_or_person = self.names.iter().any(|n| {
            n.toks == (first, first_end) && matches!(n.label, Some(EntityLabel::Loc | EntityLabel::Per))
                || n.toks.0 >= first && n.toks.1 <= j + 1 && n.label == Some(EntityLabel::Per)
        });
        (!a_whole_place_or_person).then_some(the)
    }

    /// The words of a phrase [`joined_name_start`] made, as the body's name
    /// (without `the`); `None` for any other phrase.
    fn joined_name(&self, a: usize, b: usize) -> Option<String> {
        let first = if self.low(a) == "the" { a + 1 } else { a };
        let joined = (first..=b).any(|t| matches!(self.low(t), "and" | ","));
        let person_inside = self
            .names_in(self.toks[first].span.start, self.toks[b].span.end)
            .iter()
            .any(|n| n.label == Some(EntityLabel::Per));
        (joined
            && first < b
            && is_cap(self.word(first))
            && is_cap(self.word(b))
            && !person_inside
            && (first..=b).all(|t| self.in_title_case_name(t)))
        .then(|| self.text[self.toks[first].span.start..self.toks[b].span.end].to_string())
    }

    /// The noun phrase starting at token `k`, not reaching `hi` (exclusive).
    pub(crate) fn np_fwd(&self, k: usize, hi: usize) -> Option<(usize, usize)> {
        if k >= hi || !self.is_word(k) {
            return None;
        }
        let l = self.low(k);
        if in_list(PRONOUNS, l) && l != "it" {
            return Some((k, k));
        }
        let mut b = k;
        let mut i = k;
        let mut seen_content = false;
        while i < hi && i - k < 12 {
            let li = self.low(i);
            let ok = if i == k && in_list(DETERMINERS, li) {
                true
            } else if matches!(li, "of" | "for" | "to" | "at") {
                seen_content && i + 1 < hi && self.is_word(i + 1)
            } else {
                self.np_inner(i) && !matches!(li, "of" | "for")
            };
            if !ok {
                break;
            }
            if self.is_word(i) && !in_list(DETERMINERS, li) && !matches!(li, "of" | "for" | "to" | "at") {
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
        // `Several said`, `Most say`: a quantifier standing for people the
        // text has in view is the (unnamed) subject; so is a proportion
        // (`One in three said`).
        if in_list(QUANTIFIER_SUBJECTS, lj) && self.opens_clause(j, lo) {
            return Some(Subject { np: (j, j), role: None });
        }
        if let Some(first) = self.proportion_ending_at(j, lo).filter(|&f| self.opens_clause(f, lo)) {
            return Some(Subject { np: (first, j), role: None });
        }
        // `Voters who attended the rally said`: the noun phrase that opens the
        // clause, before a relative `who`, is the subject; what ends next to
        // the cue is the relative's object (`… who want to ban abortion said`).
        if let Some(s) = self.restrictive_relative_subject(c, lo) {
            return Some(s);
        }
        // A relative clause: `X, who said …`, `the ministry, which said …`
        // (`which` only with a verb of saying: `the union, which endorsed X`
        // reports an act).
        let relative = lj == "who" || lj == "which" && is_reporting_verb(self.low(c));
        if relative && j > lo + 1 && self.low(j - 1) == "," {
            let np = self.np_back(j - 2, lo)?;
            // `X, the president of Y, who …`: the relative may be X's; unclear.
            if np.0 > lo && self.low(np.0 - 1) == "," {
                return None;
            }
            return Some(Subject { np, role: None });
        }
        // An age between commas is no role: `Paul Ferris, 61, said`.
        if lj == "," && j > lo + 2 && self.toks[j - 1].kind == TokenKind::Number && self.low(j - 2) == "," {
            let np = self.np_back(j - 3, lo)?;
            return is_cap(self.word(np.1)).then_some(Subject { np, role: None });
        }
        if lj == "," && j > lo + 1 {
            // `The union, which has fought the closure for two years, said`:
            // a relative clause between commas, then the cue.
            if let Some(s) = self.subject_before_relative(j, lo) {
                return Some(s);
            }
            if let Some(s) = self.apposition_chain(j, lo) {
                return Some(s);
            }
            // Apposition: NAME , ROLE , cue
            let mut p = j - 1;
            while p > lo && j - p < 20 && self.low(p) != "," && !self.is_terminal(p) {
                p -= 1;
            }
            if self.low(p) == "," && p > lo && j - p >= 2 {
                let name_end = self.before_bracketed_age(p - 1);
                if let Some(np) = self.np_back(name_end, lo) {
                    let role_first = p + 1;
                    // `The Conservative MP for South Dorset, Giles Pennock,
                    // asked`, `the Director of the Fire Service, Mr Ade Bello,
                    // said`: a role ending in a capitalised word, then a
                    // person's name between the commas. The name speaks.
                    if np.1 == name_end && self.person_between(p + 1, j) && !self.person_ends_at(np.1 + 1) {
                        return Some(Subject { np: (p + 1, j - 1), role: Some(np) });
                    }
                    if np.1 == name_end && is_cap(self.word(np.1)) && self.is_word(role_first) {
                        return Some(Subject { np, role: Some((role_first, j - 1)) });
                    }
                    // `Another user, Roland Zell, wrote`: a description, then
                    // the name between the commas.
                    let named = self.names_in(self.toks[p + 1].span.start, self.toks[j - 1].span.end);
                    if np.1 == name_end
                        && !is_cap(self.word(np.1))
                        && named
                            .iter()
                            .any(|n| n.toks == (p + 1, j) && n.label.is_none_or(|l| l == EntityLabel::Per))
                    {
                        return Some(Subject { np: (p + 1, j - 1), role: Some(np) });
                    }
                }
            }
            return self.subject_before_parenthetical(j, lo);
        }
        let j = self.before_bracketed_age(j);
        // `…, fishermen at the port said`, `Officials in Kabul said …`: the
        // prepositional phrases that hang on the head belong to the speaker
        // when the whole phrase opens the clause or follows the content's
        // comma (not when it is a preposition's object: `…, the report by
        // economists at the bank said`).
        if let Some(whole) = self.np_with_attachments_back(j, lo) {
            let attached = (whole.0..j).any(|t| is_attachment(self.low(t)) && !self.in_name(t));
            let head = self.head_before_attachment(whole.0, whole.1);
            if attached
                && self.heads_a_group_or_name(head)
                && (whole.0 > lo && self.low(whole.0 - 1) == "," || self.opens_clause(whole.0, lo))
            {
                return Some(Subject { np: whole, role: None });
            }
        }
        self.np_back(j, lo).map(|np| Subject { np, role: None })
    }

    /// `A Ugandan official, speaking on condition of anonymity, said`, `An
    /// executive at one of the banks, who asked not to be named, said`: with
    /// `j` the comma before the cue, a noun phrase that opens the clause
    /// (prepositional phrases after its head included), then one insert
    /// between commas that opens like a participle, a relative, an age or an
    /// origin, never like a clause or a name. The phrase is the speaker.
    fn subject_before_parenthetical(&self, j: usize, lo: usize) -> Option<Subject> {
        let p = self.comma_opening_insert(j, lo)?;
        if p + 1 >= j || !self.opens_parenthetical(p + 1) {
            return None;
        }
        let np = self.np_with_attachments_back(p - 1, lo)?;
        (self.opens_clause(np.0, lo) && !in_list(PRONOUNS, self.low(np.1)))
            .then_some(Subject { np, role: None })
    }

    /// Does token `t` open an insert between commas that describes the noun
    /// phrase before it: a participle (`speaking`, `quoted`), a relative
    /// (`who`, `whose`), an age (`63`) or an origin (`from Gulu`)?
    fn opens_parenthetical(&self, t: usize) -> bool {
        let l = self.low(t);
        if self.toks[t].kind == TokenKind::Number {
            return true;
        }
        if !self.is_word(t) || is_cap(self.word(t)) {
            return false;
        }
        matches!(l, "who" | "whose" | "from" | "also" | "herself" | "himself" | "themselves")
            || l.len() > 5 && (l.ends_with("ing") || l.ends_with("ed")) && !is_reporting_verb(l)
    }

    /// The noun phrase ending at `j` with the prepositional phrases that hang
    /// on its head (`an executive at one of the banks`, `a farmer from the
    /// village of Kisoro`): [`np_back`], extended leftwards over at most two
    /// `NOUN PREP` steps.
    fn np_with_attachments_back(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        // The last object need not be a word that could head a speaker
        // (`farmers in the valley`).
        // `Tbilisi City Court on Thursday`, `the board in 2019`: a time is
        // when, not whose.
        if in_list(TIME_WORDS, self.low(j)) || self.toks[j].kind == TokenKind::Number {
            return self.np_back(j, lo);
        }
        let own = self.np_back(j, lo);
        let object = || (self.is_word(j) && self.np_inner(j)).then(|| (self.np_walk_back(j, j, lo), j));
        let mut np = own.or_else(object)?;
        for _ in 0..2 {
            if np.0 < lo + 2 || !is_attachment(self.low(np.0 - 1)) {
                break;
            }
            let Some(head) = self.np_back(np.0 - 2, lo) else { break };
            np = (head.0, np.1);
        }
        (own.is_some() || Some(np) != object()).then_some(np)
    }

    /// Can token `t` head a speaker that a prepositional phrase describes:
    /// a name the tagger found (not any capitalised word: `Preys on our
    /// worst instincts …`), a noun for people or bodies, a word the training news often
    /// ends a speaker with, or a noun shaped like one for people who do
    /// something (`growers`, `fishermen`, `economists`) — not a verb that
    /// merely looks plural (`this reeks of …`).
    fn heads_a_group_or_name(&self, t: usize) -> bool {
        let l = self.low(t);
        self.in_name(t)
            || can_speak(l)
            || super::cues::source_head_score(l).is_some_and(|h| h >= SOURCE_HEAD_MIN)
            || ["er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "men"]
                .iter()
                .any(|e| l.len() > e.len() + 2 && l.ends_with(e))
    }

    /// The last token of the head phrase of `[a, b]`: before its first
    /// `at`/`from`/`in`/`on`/`with` that stands outside a name (`officials
    /// at the ministry` → `officials`; `the Bank of America` stays whole).
    fn head_before_attachment(&self, a: usize, b: usize) -> usize {
        (a + 1..b)
            .find(|&t| is_attachment(self.low(t)) && self.low(t) != "of" && !self.in_name(t))
            .map_or(b, |t| t - 1)
    }

    /// Does token `t` open the main clause of the sentence that starts at
    /// `lo`: its first token, the first after a coordinating conjunction, or
    /// the first after a fronted phrase and its comma (`On Monday, …`,
    /// `Still, …`)? Not the first word of an apposition (`Kim Lee, a nurse
    /// who …`).
    fn opens_clause(&self, t: usize, lo: usize) -> bool {
        if t == lo {
            return true;
        }
        if t < lo + 2 {
            return matches!(self.low(t - 1), "but" | "and" | "yet");
        }
        match self.low(t - 1) {
            "but" | "and" | "yet" | ";" => true,
            "," => {
                let first = self.low(lo);
                let one_word = t - 1 == lo + 1;
                !(lo..t - 1).any(|k| self.low(k) == ",")
                    && (in_list(super::reported::FRONTED_OPENERS, first)
                        || first.ends_with("ed")
                        || first.ends_with("ing")
                        || one_word && (first.ends_with("ly") || in_list(SENTENCE_ADVERBS, first)))
            }
            _ => false,
        }
    }

    /// `One in three`, `nine in 10`, `four out of 10` ending at `j`: where
    /// the proportion starts.
    fn proportion_ending_at(&self, j: usize, lo: usize) -> Option<usize> {
        let count = |t: usize| {
            self.toks[t].kind == TokenKind::Number
                || matches!(
                    self.low(t),
                    "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
                )
        };
        if j < lo + 2 || !count(j) {
            return None;
        }
        if self.low(j - 1) == "in" && count(j - 2) {
            return Some(j - 2);
        }
        (j >= lo + 3 && self.low(j - 1) == "of" && self.low(j - 2) == "out" && count(j - 3)).then(|| j - 3)
    }

    /// `Voters who attended the rally on Tuesday said`, `Those who know him
    /// say`: a restrictive relative on the noun phrase that opens the clause
    /// before the cue at `c`. The phrase must open the clause, so an object
    /// with a relative (`He thanked the voters who came and said …`) is not
    /// taken.
    fn restrictive_relative_subject(&self, c: usize, lo: usize) -> Option<Subject> {
        let who = (lo + 1..c).rev().take(40).find(|&t| self.low(t) == "who")?;
        if self.low(who - 1) == "," || (who..c).any(|t| self.is_terminal(t) || self.in_passage[t].is_some()) {
            return None;
        }
        // `A driver who gave his name as Abu Omar said`: the relative names
        // the subject; the name next to the cue speaks.
        let before_cue = self.skip_aux_back(c - 1, lo);
        if self.names.iter().any(|n| {
            n.toks.1 == before_cue + 1
                && n.toks.0 > who + 1
                && n.label.is_none_or(|l| l == EntityLabel::Per)
                && matches!(self.low(n.toks.0 - 1), "as" | "named" | "called")
        }) {
            return None;
        }
        let head = who - 1;
        let np = if in_list(RELATIVE_HEADS, self.low(head)) { (head, head) } else { self.np_back(head, lo)? };
        (self.opens_clause(np.0, lo) && !in_list(PRONOUNS, self.low(np.1)))
            .then_some(Subject { np, role: None })
    }

    /// The comma that opens the insert ending at the comma `j` (`X, who …,
    /// said`): the nearest comma before `j` within 45 tokens of the clause
    /// starting at `lo`, if no sentence end or quoted passage lies between.
    fn comma_opening_insert(&self, j: usize, lo: usize) -> Option<usize> {
        let mut p = j;
        while p > lo && j - p < 45 {
            p -= 1;
            if self.is_terminal(p) || self.in_passage[p].is_some() {
                return None;
            }
            if self.low(p) == "," {
                break;
            }
        }
        (self.low(p) == "," && p > lo).then_some(p)
    }

    /// `The union, which has fought the closure for two years, said` with
    /// `j` the comma before the cue: the noun phrase before the comma that
    /// opens the relative (`who`, `which`, `whose`), when it opens the clause.
    fn subject_before_relative(&self, j: usize, lo: usize) -> Option<Subject> {
        let p = self.comma_opening_insert(j, lo)?;
        if !matches!(self.low(p + 1), "who" | "which" | "whose") {
            return None;
        }
        let np = self.np_back(p - 1, lo)?;
        self.opens_clause(np.0, lo).then_some(Subject { np, role: None })
    }

    /// The token before an age in brackets that ends at `t` (`Kamla Devi
    /// (62), a vendor, said`, the house style of South Asian and some
    /// British papers), else `t`.
    fn before_bracketed_age(&self, t: usize) -> usize {
        if t >= 3
            && self.low(t) == ")"
            && self.toks[t - 1].kind == TokenKind::Number
            && self.low(t - 2) == "("
        {
            t - 3
        } else {
            t
        }
    }

    /// Do tokens `[a, end)` hold exactly a person's name, after titles
    /// only (`Giles Pennock`, `Mr Ade Bello`)?
    fn person_between(&self, a: usize, end: usize) -> bool {
        if a >= end {
            return false;
        }
        self.names_in(self.toks[a].span.start, self.toks[end - 1].span.end).iter().any(|n| {
            n.label == Some(EntityLabel::Per)
                && n.toks.1 == end
                && (a..n.toks.0).all(|t| in_list(TITLES, self.low(t)) || self.low(t) == ".")
        })
    }

    /// Does a person's name end just before token `end`?
    fn person_ends_at(&self, end: usize) -> bool {
        let at = self.toks[end.saturating_sub(1)].span.start;
        self.names_in(at.saturating_sub(200), at + 1)
            .iter()
            .any(|n| n.toks.1 == end && n.label == Some(EntityLabel::Per))
    }

    /// `Maria Lindqvist, 47, of Uppsala, who has farmed for years, said`:
    /// a name followed by several appositions, each between commas, before
    /// the comma `j` that precedes the cue. The speaker is the first segment
    /// of the clause that is a whole capitalised noun phrase (a name, not a
    /// sentence opener such as `Still`), and the segments after it up to `j`
    /// are its role. Only chains of three or more segments are read here;
    /// `NAME, ROLE, said` is the caller's.
    fn apposition_chain(&self, j: usize, lo: usize) -> Option<Subject> {
        // Commas of the chain, right to left, within 40 tokens.
        let mut commas = vec![j];
        let mut p = j;
        while p > lo && j - p < 40 && commas.len() < 5 {
            p -= 1;
            if self.is_terminal(p) || self.in_passage[p].is_some() {
                break;
            }
            if self.low(p) == "," {
                commas.push(p);
            }
        }
        if commas.len() < 3 {
            return None;
        }
        // Segment starts, left to right: after each comma (and the clause start).
        commas.reverse();
        let first_start =
            if p == lo && !self.is_terminal(p) && self.in_passage[p].is_none() { lo } else { p + 1 };
        let mut starts = vec![first_start];
        starts.extend(commas.iter().map(|&c| c + 1));
        // The last comma is `j` itself: segments are [starts[k], commas[k]).
        for k in 0..commas.len() - 2 {
            let (a, end) = (starts[k], commas[k]);
            if end <= a {
                continue;
            }
            let Some(np) = self.np_back(end - 1, a) else { continue };
            if np.0 != a || np.1 != end - 1 || !is_cap(self.word(np.1)) {
                continue;
            }
            // A name: NER says a person or an organisation ends here, or,
            // without NER, the words are not a sentence opener.
            let named = self
                .names_in(self.toks[np.0].span.start, self.toks[np.1].span.end)
                .iter()
                .any(|n| n.toks.1 == np.1 + 1 && n.label.is_none_or(|l| l != EntityLabel::Loc));
            if !named || (np.0 == np.1 && in_list(super::names::NOT_NAMES, self.low(np.0))) {
                continue;
            }
            return Some(Subject { np, role: Some((end + 1, j - 1)) });
        }
        None
    }

    /// The speaker after an inverted cue at `c` (`said Myrzakmatov`), with an
    /// apposition after it (`said Ben Slay, a senior economist …`).
    pub(crate) fn subject_after(&self, c: usize, hi: usize) -> Option<Subject> {
        // `told The Associated Press`, `called the law "…"`: after these
        // verbs stands whom they were said to or about, never who spoke.
        if in_list(OBJECT_AFTER, self.low(c)) {
            return None;
        }
        let np = self.np_fwd(c + 1, hi)?;
        // `said Friday that …`, `said last week`: a time, not a speaker.
        if in_list(TIME_WORDS, self.low(np.0)) || np.0 < np.1 && in_list(TIME_WORDS, self.low(np.1)) {
            return None;
        }
        let mut role = None;
        // The apposition runs past the clause end `hi` (the comma after the
        // name), to the next comma or the sentence end.
        let hi = if hi == np.1 + 1 { self.sents[self.sent[c]].tokens.end.min(self.toks.len()) } else { hi };
        if np.1 + 2 < hi && self.low(np.1 + 1) == "," && is_cap(self.word(np.1)) {
            let r0 = np.1 + 2;
            if in_list(DETERMINERS, self.low(r0)) || !is_cap(self.word(r0)) || self.is_possessive(r0 + 1) {
                let mut r1 = r0;
                while r1 + 1 < hi && !matches!(self.low(r1 + 1), "," | ";" | "(") && !self.is_terminal(r1 + 1)
                {
                    r1 += 1;
                }
                if self.is_word(r0) {
                    role = Some((r0, r1));
                }
            }
        }
        Some(Subject { np, role })
    }

    /// The words of `np` that can be a speaker, or `None` when they cannot
    /// be one at all: a lone sentence opener, preposition or participle
    /// (`After`, `Despite`, `Speaking at …`), only a time (`Tuesday`), a
    /// possessive ending, or a phrase that opens with a preposition or
    /// subordinator (`After the vote`). A trailing time is dropped (`a poll
    /// released Thursday` → `a poll released`). Words that open a name the
    /// NER found (`Schilling`, `In 't Veld`) always can.
    pub(crate) fn plausible_speaker(&self, (a, mut b): (usize, usize)) -> Option<(usize, usize)> {
        let start = self.toks[a].span.start;
        let named = self
            .names_in(start, start + 1)
            .iter()
            .any(|n| n.toks.0 == a && matches!(n.label, Some(EntityLabel::Per | EntityLabel::Org)));
        while b > a && (in_list(TIME_WORDS, self.low(b)) || matches!(self.low(b), "night" | "morning")) {
            b -= 1;
        }
        // A transcript's label (`A:` of a Q&A too) is its turn's speaker.
        if named || self.transcript_label(a) == Some((a, b)) {
            return Some((a, b));
        }
        let first = self.low(a);
        if !self.is_word(b) || in_list(TIME_WORDS, self.low(b)) {
            return None;
        }
        // `He's said`: a contraction, not a possessive.
        if self.low(b) == "'s" && !(b > a && in_list(PRONOUNS, self.low(b - 1))) {
            return None;
        }
        if a == b {
            let opens_sentence = self.sents[self.sent[a]].tokens.start == a;
            let participle =
                is_cap(self.word(a)) && first.ends_with("ing") && first.len() > 4 && opens_sentence;
            let ok = in_list(PRONOUNS, first) || !(in_list(super::names::NOT_NAMES, first) || participle);
            return ok.then_some((a, b));
        }
        (!in_list(SPEAKER_NEVER_OPENS, first)).then_some((a, b))
    }

    /// Does token `i` end a clause? A period followed by a comma closes an
    /// abbreviation, not a sentence (`Mitch McConnell, R-Ky., said`, `Acme
    /// Inc., which said`).
    pub(crate) fn is_terminal(&self, i: usize) -> bool {
        match self.low(i) {
            "." => self.low(i + 1) != ",",
            "!" | "?" | ";" => true,
            _ => false,
        }
    }

    /// Resolves the speaker tokens `np` of the statement whose content is
    /// `content` to a name. `history` holds earlier speakers in text order:
    /// their position and name, an empty name for an unnamed speaker.
    /// Returns the name, the names considered, and the rule that decided.
    pub(crate) fn resolve(
        &self,
        np: (usize, usize),
        content: Span,
        history: &[(usize, String)],
    ) -> Resolution {
        let (a, b) = np;
        if self.transcript_label(a) == Some(np) {
            return self.label_name(np);
        }
        // `fishermen at the port`, `Police in Kabul`: the head before a
        // prepositional phrase (outside a name) is who speaks.
        let b = self.head_before_attachment(a, b);
        let head = self.low(b);
        let span = Span::new(self.toks[a].span.start, self.toks[b].span.end);
        // A name inside the phrase.
        let inner: Vec<&Name> =
            self.names_in(span.start, span.end).iter().filter(|n| span.contains(&n.span)).collect();
        let indefinite = matches!(self.low(a), "a" | "an" | "one" | "another" | "two" | "three" | "some");
        let unnamed_head = (a..=b).any(|i| {
            in_list(UNNAMED_HEADS, self.low(i))
                && i < b
                && matches!(Some(self.low(i + 1)), Some("for" | "of" | "to" | "at" | "with"))
        });
        // `Russia's envoy for Kosovo`, `Jake's rep`: the possessor is whom
        // the speaker belongs to, not the speaker; the noun after it is the
        // speaker, named only if the text attaches that noun to a name.
        if let Some((_, head)) = self.possessed_head(b, &inner) {
            let here = self.toks[a].span.start;
            let name = self.description_antecedent(head, head, here).or_else(|| self.description_ahead(head));
            let how = if name.is_some() { How::Description } else { How::Unnamed };
            return Resolution { name, candidates: vec![], how };
        }
        // `Cornwall council`, `Kent police`, `the Biden administration`, `the
        // Iraqi water resources ministry`: a name before the lower-case noun
        // of a body is that body, named by all its words (the name alone is
        // a place or a person who did not speak; an organisation's name,
        // `the FNV union`, is already the body's).
        let after_preposition =
            a > 0 && matches!(self.low(a - 1), "of" | "in" | "at" | "from" | "to" | "near" | "for" | "with");
        let named_body = inner.len() == 1
            && inner[0].label != Some(EntityLabel::Org)
            && !indefinite
            && !unnamed_head
            && !after_preposition
            && inner[0].toks.1 <= b
            && b - inner[0].toks.1 <= 3
            && (inner[0].toks.1..b).all(|t| {
                let w = self.low(t);
                self.is_word(t) && !is_cap(self.word(t)) && !in_list(NP_STOP, w) && !in_list(DETERMINERS, w)
            })
            && in_list(ORG_HEADS, head)
            && self.word(b).chars().next().is_some_and(char::is_lowercase);
        if named_body {
            // `the Ukrainian energy company` after `Ukrenergo` is Ukrenergo.
            let here = self.toks[a].span.start;
            if let Some(name) = self.description_antecedent(a, b, here) {
                return Resolution { name: Some(name), candidates: vec![], how: How::Description };
            }
            let name = &self.text[inner[0].span.start..self.toks[b].span.end];
            return Resolution { name: Some(name.to_string()), candidates: vec![], how: How::Name };
        }
        // A one-word demonym or party word (`the Swede`, `a Democrat`, `the
        // Wisconsin Republican`) names nobody (a plural, `Republicans`, is
        // the group itself); a place deep in a phrase with a common-noun head
        // (`Leaders of the eight countries bordering the Baltic Sea`) is not it.
        let demonym = |n: &Name| {
            let w = n.span.slice(self.text);
            n.label == Some(EntityLabel::Misc) && !w.contains(' ') && !w.ends_with('s')
        };
        let inner: Vec<&Name> = inner
            .into_iter()
            .filter(|n| !demonym(n))
            .filter(|n| n.label != Some(EntityLabel::Loc) || !self.common_head_before(a, n.toks.0))
            .collect();
        // `countries bordering the North Sea pledged`: a place right after
        // a participle or a preposition is its object, cut from a longer subject.
        let object_place = inner.len() == 1
            && inner[0].label == Some(EntityLabel::Loc)
            && a > 0
            && self.is_word(a - 1)
            && (self.low(a - 1).ends_with("ing")
                || matches!(self.low(a - 1), "of" | "in" | "at" | "from" | "to" | "near" | "across" | "for"));
        if object_place {
            return Resolution { name: None, candidates: vec![], how: How::Unnamed };
        }
        if let Some(name) = self.joined_name(a, b) {
            return Resolution { name: Some(name), candidates: vec![], how: How::Name };
        }
        if let Some(name) =
            inner.iter().rev().find(|n| n.span.end == span.end || n.label == Some(EntityLabel::Per))
        {
            if indefinite || unnamed_head {
                return Resolution { name: None, candidates: vec![], how: How::Unnamed };
            }
            if let Some(res) = self.prepositional_name(a, name, &inner) {
                return res;
            }
            return Resolution { name: Some(self.full_name(name)), candidates: vec![], how: How::Name };
        }
        if let Some(name) = inner.last() {
            if !indefinite && !unnamed_head && name.span.end == span.end {
                return Resolution {
                    name: Some(self.full_name(name)),
                    candidates: vec![],
                    how: How::NameInner,
                };
            }
        }
        if inner.is_empty() && a == b && !indefinite {
            if let Some(name) = self.untagged_surname(a) {
                return Resolution { name: Some(name), candidates: vec![], how: How::Name };
            }
        }
        if indefinite || unnamed_head || a < b && matches!(head, "sources" | "officials" | "people") {
            return Resolution { name: None, candidates: vec![], how: How::Unnamed };
        }
        let here = self.toks[a].span.start;
        // Names in view: from three paragraphs back to the speaker's words.
        let para = self.para_of(here);
        // The view is also capped in bytes, so that a text without paragraph
        // breaks does not make every resolution scan all earlier names.
        let window_start =
            self.paragraph_start(para.saturating_sub(3)).max(here.saturating_sub(VIEW_MAX_BYTES));
        let recent = self.names_in(window_start, here);
        let recent_end = recent.partition_point(|n| n.span.end <= here);
        let recent = &recent[..recent_end];
        // A name inside the statement's own content is someone it speaks
        // of, never its speaker (`Her manager, Ana Ruiz, offered to help, she
        // said`: `she` is not Ana Ruiz).
        let persons = || {
            recent
                .iter()
                .rev()
                .filter(|n| n.label.is_none_or(|l| l == EntityLabel::Per))
                .filter(|n| !(content.start <= n.span.start && n.span.end <= content.end))
        };
        // History is in text order: stop at the first speaker before the view.
        let last_speaker =
            history.iter().rev().take_while(|(pos, _)| *pos >= window_start).find(|(pos, _)| *pos < here);
        // Up to four distinct people, most recent first (names are compared
        // through the name that gives their fullest form, without building strings).
        let mut seen: Vec<usize> = Vec::with_capacity(4);
        for n in persons() {
            if !seen.contains(&n.full) {
                seen.push(n.full);
            }
            if seen.len() == 4 {
                break;
            }
        }
        let mut candidates: Vec<String> = Vec::with_capacity(seen.len());
        for &i in &seen {
            if let Some(n) = self.names.get(i) {
                let full = self.full_name(n);
                if !candidates.contains(&full) {
                    candidates.push(full);
                }
            }
        }
        // `he`/`she`: a person the document titles the other way (`Ms.
        // Lanner` for `he`) is no antecedent.
        let pronoun_gender = match head {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        let fits =
            |full: &str| pronoun_gender.is_none_or(|g| self.gender_of_name(full).is_none_or(|h| h == g));
        let before_filter = candidates.len();
        candidates.retain(|c| fits(c));
        // `he`/`she` never stands for an organisation or a place that spoke last.
        let a_person_at = |pos: usize| {
            self.names_in(pos, pos + 1).first().is_none_or(|n| {
                n.label.is_none_or(|l| l == EntityLabel::Per)
                    || self.gender_of_name(&self.full_name(n)).is_some()
            })
        };
        // (`the newspaper said` resolved to the New York Post is no `he`
        // either: a name the view labels anything but a person. A name with
        // a gender of its own, `Ainura Toktosunova`, is a person whatever
        // the tagger called it.)
        let labelled = |name: &str, is: &dyn Fn(EntityLabel) -> bool| {
            recent.iter().any(|n| {
                n.label.is_some_and(is)
                    && strip_titles(self.names.get(n.full).unwrap_or(n).span.slice(self.text)) == name
            })
        };
        // (Nor a body's name the tagger missed, `Right Wing Watch`, `the
        // Taxpayers League of Harlan County`: a body's noun ends the name
        // or stands before its `of`.)
        let body_head = |w: &str| in_list(ORG_HEADS, &w.to_lowercase());
        let not_a_person = |name: &str| {
            let words: Vec<&str> = name.split(' ').collect();
            self.gender_of_name(name).is_none()
                && (labelled(name, &|l| l != EntityLabel::Per)
                    || words.last().is_some_and(|w| body_head(w))
                    || words.windows(2).any(|p| p[1] == "of" && body_head(p[0])))
        };
        let an_organisation =
            |name: &str| labelled(name, &|l| matches!(l, EntityLabel::Org | EntityLabel::Loc));
        let last_speaker = last_speaker
            .filter(|(_, n)| fits(n))
            .filter(|(pos, n)| pronoun_gender.is_none() || a_person_at(*pos) && !not_a_person(n));
        match head {
            "he" | "she" | "i" | "we" => {
                if a != b {
                    return Resolution { name: None, candidates, how: How::PronounPhrase };
                }
                // The last speaker, when no other person has been the
                // subject of a sentence since: a person of the other gender,
                // or one merely mentioned (`the plan, backed by Jones,`),
                // does not count.
                if let Some((pos, name)) = last_speaker {
                    let mut others_since: Vec<String> = Vec::new();
                    for n in persons().take_while(|n| n.span.start > *pos) {
                        let full = self.full_name(n);
                        if full != *name
                            && fits(&full)
                            && self.opens_its_sentence(n)
                            && !others_since.contains(&full)
                        {
                            others_since.push(full);
                        }
                    }
                    match others_since.len() {
                        // A person the text describes without a name has
                        // become the subject since (`One of the victims, an
                        // 87-year-old widow, testified by video link. "…,"
                        // she told the court`): no name, rather than the
                        // earlier speaker's.
                        0 if pronoun_gender
                            .is_some_and(|g| self.described_subject_between(*pos, here, g)) =>
                        {
                            return Resolution { name: None, candidates: vec![], how: How::PronounOpen };
                        }
                        0 => {
                            return Resolution {
                                // An empty name is an unnamed speaker (`a former engineer`).
                                name: Some(name.clone()).filter(|n| !n.is_empty()),
                                candidates: vec![],
                                how: How::PronounLastSpeaker,
                            };
                        }
                        // One other person of the pronoun's gender has become
                        // the subject since (`His counterpart, Rustam Nazri,
                        // was less upbeat. "…," he said`): that person.
                        1 if pronoun_gender.is_some()
                            && self.gender_of_name(&others_since[0]) == pronoun_gender =>
                        {
                            return Resolution {
                                name: others_since.pop(),
                                candidates: vec![],
                                how: How::PronounSubject,
                            }
                        }
                        _ => {}
                    }
                }
                // Otherwise the most recent person, if the view holds only one.
                match candidates.len() {
                    0 => Resolution { name: None, candidates, how: How::PronounOpen },
                    1 if before_filter > 1 => {
                        Resolution { name: candidates.pop(), candidates: vec![], how: How::PronounGender }
                    }
                    1 => Resolution { name: candidates.pop(), candidates: vec![], how: How::PronounSingle },
                    _ => {
                        // Prefer a person already quoted.
                        if let Some((_, name)) = last_speaker.filter(|(_, n)| candidates.first() == Some(n)) {
                            return Resolution {
                                name: Some(name.clone()),
                                candidates: vec![],
                                how: How::PronounQuoted,
                            };
                        }
                        Resolution { name: None, candidates, how: How::PronounOpen }
                    }
                }
            }
            "they" | "it" => {
                // An organisation that spoke last beats one merely mentioned
                // since (`Brewhaus said … its Aria kettles … it said`).
                if let Some((_, name)) = last_speaker.filter(|(_, n)| an_organisation(n)) {
                    return Resolution { name: Some(name.clone()), candidates: vec![], how: How::OrgPronoun };
                }
                // `Another source claimed …. "…," they said`: the unnamed
                // speaker goes on.
                if head == "they" && last_speaker.is_some_and(|(_, n)| n.is_empty()) {
                    return Resolution { name: None, candidates: vec![], how: How::PronounLastSpeaker };
                }
                // Else the latest organisation that was a sentence's subject:
                // not one met as an object (`told BBC Radio`, `seen by The
                // Associated Press`) or a product (`its Aria kettle`).
                let subject_org = recent
                    .iter()
                    .rev()
                    .find(|n| n.label == Some(EntityLabel::Org) && self.opens_its_sentence(n));
                if let Some(o) = subject_org {
                    Resolution { name: Some(self.full_name(o)), candidates: vec![], how: How::OrgPronoun }
                } else {
                    Resolution { name: None, candidates, how: How::OrgPronounOpen }
                }
            }
            _ => {
                // A definite description: the name this noun was attached to earlier.
                // Only a singular description without a number (not `46
                // percent of voters`, `organizers`) stands for one name.
                let plural = head.ends_with('s') && !head.ends_with("ss");
                let counted = (a..=b).any(|t| self.toks[t].kind == TokenKind::Number);
                // `Time magazine` names itself before any earlier `magazine`.
                if let Some(name) = self.outlet_name(a, b) {
                    return Resolution { name: Some(name), candidates: vec![], how: How::Name };
                }
                if !(is_cap(self.word(b)) || plural || counted || in_list(DOCUMENT_HEADS, head)) {
                    if let Some(name) = self.description_antecedent(a, b, here) {
                        return Resolution { name: Some(name), candidates: vec![], how: How::Description };
                    }
                    if let Some(name) = self.description_ahead(b) {
                        return Resolution { name: Some(name), candidates: vec![], how: How::Description };
                    }
                }
                // `National Grid Electricity Distribution says`, `The Met
                // Office said`: capitalised words the tagger did not take
                // are still a proper name.
                if let Some(name) = self.capitalised_name(a, b) {
                    return Resolution { name: Some(name), candidates: vec![], how: How::NameInner };
                }
                Resolution { name: None, candidates, how: How::DescriptionOpen }
            }
        }
    }

    /// The words of `[a, b]` as an organisation's name when, after a
    /// leading `the`, they are two or more title-case words (joined by `of`,
    /// `for`, `and`, `the` at most) ending in a word that heads the names
    /// of bodies (`Office`, `Highways`, `Distribution`), and none of them a
    /// title or role (`Head of the Programme Office` is a person).
    fn capitalised_name(&self, a: usize, b: usize) -> Option<String> {
        // Cut from a longer name (`Maritime and | Coastguard Agency`): no.
        if a > 0 && (matches!(self.low(a - 1), "and" | "of" | "&") || is_cap(self.word(a - 1))) {
            return None;
        }
        let a = if self.low(a) == "the" { a + 1 } else { a };
        if b <= a || b - a > 6 || !in_list(ORG_HEADS, self.low(b)) {
            return None;
        }
        let title_case = |w: &str| is_cap(w) && w.chars().skip(1).any(char::is_lowercase);
        let caps = (a..=b).filter(|&t| title_case(self.word(t))).count();
        let ok = (a..=b).all(|t| {
            let w = self.word(t);
            let l = self.low(t);
            (title_case(w)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !in_list(super::names::NOT_NAMES, l)
                && !in_list(TITLES, l)
                && !in_list(ROLE_WORDS, l)
                && !in_list(UNNAMED_HEADS, l))
                || t > a && t < b && matches!(l, "of" | "for" | "and" | "the")
        });
        (ok && caps >= 2).then(|| self.text[self.toks[a].span.start..self.toks[b].span.end].to_string())
    }

    /// Does name `n` open its sentence, as its subject would (`Jones
    /// disagreed`, `But former Sen. Ruth Amos …`)? Only conjunctions,
    /// determiners, titles and capitalised words may stand before it.
    fn opens_its_sentence(&self, n: &Name) -> bool {
        let first = n.toks.0;
        let ss =
            self.after_timestamp(self.sents[self.sent[first.min(self.sent.len() - 1)]].tokens.start, first);
        // `Asked about the shoes, Lagat laughed`, `Speaking in Nairobi,
        // Okello said`: a clause opened by a participle, then the subject.
        if first > ss + 2
            && first - ss <= 16
            && self.word(first - 1) == ","
            && is_cap(self.word(ss))
            && self.low(ss).len() > 4
            && (self.low(ss).ends_with("ed") || self.low(ss).ends_with("ing"))
            && (ss + 1..first - 1).all(|t| self.word(t) != ",")
        {
            return true;
        }
        // `His counterpart, Farrukh Nazarov, was less upbeat`: a short
        // phrase in apposition before the name, with no verb in it.
        if n.toks.1 < self.toks.len() && self.is_possessive(n.toks.1) {
            return false; // `Vaughn's ex, …`: Vaughn is not the subject.
        }
        if first > 0 && matches!(self.low(first - 1), "born" | "née" | "nee") {
            return false; // `Born Margit Szabó in Debrecen, she …`: a birth name.
        }
        let mut comma = first;
        while comma > ss && (in_list(TITLES, self.low(comma - 1)) || self.low(comma - 1) == ".") {
            comma -= 1; // `His adviser, Dr. Ruth Ayuk, …`
        }
        let appositive = comma >= ss + 2
            && comma - ss <= 8
            && self.word(comma - 1) == ","
            && n.toks.1 < self.toks.len()
            && matches!(self.word(n.toks.1), "," | "—" | "–")
            && (ss..comma - 1)
                .all(|t| (self.is_word(t) && self.cue[t] < super::CUE_THRESHOLD) || self.is_possessive(t));
        appositive
            || first.saturating_sub(ss) <= 4
                && (ss..first).all(|t| {
                    let l = self.low(t);
                    matches!(l, "and" | "but" | "so" | "yet" | "the" | "former" | "then")
                        || in_list(TITLES, l)
                        || is_cap(self.word(t)) && !in_list(super::names::NOT_NAMES, l)
                })
    }

    /// Whether a sentence that starts after byte `from` and before byte
    /// `to` has for subject a person described by a noun of gender `g`,
    /// with no name: a determiner, at most two words, the noun (`A young
    /// widow testified`), at the sentence's start or after a short opening
    /// phrase set off by a comma (`One of the victims, an 87-year-old
    /// widow, …`). Not an object (`The novel follows his daughter`).
    fn described_subject_between(&self, from: usize, to: usize, g: Gender) -> bool {
        let t0 = self.toks.partition_point(|t| t.span.start <= from);
        let t1 = self.toks.partition_point(|t| t.span.start < to);
        if t0 >= t1 {
            return false;
        }
        let determiner = |t: usize| {
            matches!(self.low(t), "a" | "an" | "the" | "one" | "another" | "his" | "her" | "their")
        };
        let last = self.sent.len() - 1;
        for si in self.sent[t0.min(last)]..=self.sent[(t1 - 1).min(last)] {
            let sent = &self.sents[si];
            let ss = self.after_timestamp(sent.tokens.start, sent.tokens.end);
            if ss < t0 || ss >= t1 || !determiner(ss) {
                continue;
            }
            let end = sent.tokens.end.min(t1);
            let opening_comma = (ss + 1..(ss + 8).min(end)).find(|&t| self.word(t) == ",");
            let starts = [Some(ss), opening_comma.map(|c| c + 1)];
            for p in starts.into_iter().flatten().filter(|&p| p < end && determiner(p)) {
                for k in p + 1..(p + 4).min(end) {
                    if self.cue[k] >= super::CUE_THRESHOLD
                        || !self.is_word(k) && self.toks[k].kind != TokenKind::Number
                        || is_cap(self.word(k))
                    {
                        break;
                    }
                    if gender::of_noun(self.low(k)) == Some(g) {
                        let possessive = k + 1 < self.toks.len() && self.is_possessive(k + 1);
                        let named =
                            !self.names_in(self.toks[ss].span.start, self.toks[k].span.end).is_empty();
                        if !possessive && !named {
                            return true;
                        }
                        break;
                    }
                }
            }
        }
        false
    }

    /// The first token of a sentence after a live blog's leading time
    /// stamp (`04:55 —`, `10.15am:`, `9:40 GMT –`), at most `limit`.
    fn after_timestamp(&self, ss: usize, limit: usize) -> usize {
        if self.toks.get(ss).is_none_or(|t| t.kind != TokenKind::Number) {
            return ss;
        }
        let mut t = ss;
        while t < limit
            && (self.toks[t].kind == TokenKind::Number
                || matches!(
                    self.low(t),
                    ":" | "."
                        | "am"
                        | "pm"
                        | "a.m."
                        | "p.m."
                        | "gmt"
                        | "bst"
                        | "cet"
                        | "et"
                        | "utc"
                        | "local"
                        | "—"
                        | "–"
                        | "-"
                        | "|"
                ))
        {
            t += 1;
        }
        // Only a stamp set off by a dash or a colon (`25 people, …` is none).
        if t > ss && matches!(self.low(t - 1), ":" | "—" | "–" | "-" | "|") {
            t
        } else {
            ss
        }
    }

    /// A transcript label (`PENCE`, `SEN. AHO`) names the person of the
    /// document whose last name it is (`Mike Pence`), whatever the case; a
    /// label no name of the document ends with keeps its words unnamed.
    fn label_name(&self, (a, b): (usize, usize)) -> Resolution {
        if a == b && matches!(self.word(a), "Q" | "A") {
            let name = if self.word(a) == "A" { self.interviewee(a) } else { self.byline_name() };
            let how = if name.is_some() { How::Name } else { How::DescriptionOpen };
            return Resolution { name, candidates: vec![], how };
        }
        let last = self.word(b);
        let found = self.names.iter().find(|n| {
            n.label.is_none_or(|l| l == EntityLabel::Per)
                && n.span.slice(self.text).rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case(last))
                && n.toks.0 != a
        });
        match found {
            Some(n) => Resolution { name: Some(self.full_name(n)), candidates: vec![], how: How::Name },
            None => Resolution { name: None, candidates: vec![], how: How::DescriptionOpen },
        }
    }

    /// The author a byline names: a paragraph `By NAME` (a person's name
    /// and nothing after it but an outlet or a role after a comma or dash).
    fn byline_name(&self) -> Option<String> {
        self.paras.iter().take(6).find_map(|p| {
            let t = self.toks.partition_point(|t| t.span.end <= p.start);
            if t + 1 >= self.toks.len() || self.word(t) != "By" {
                return None;
            }
            let n = self.names_in(self.toks[t + 1].span.start, self.toks[t + 1].span.end).first()?;
            let ends_line = n.span.end >= p.end
                || self.text[n.span.end..p.end].trim_start().starts_with([',', '—', '–', '-', '|']);
            (n.label.is_none_or(|l| l == EntityLabel::Per) && ends_line).then(|| self.full_name(n))
        })
    }

    /// The interviewee of a Q&A whose answer is labelled `A` at token `a`:
    /// the one person the text names before its first question, the author
    /// of its byline apart. None when it names several.
    fn interviewee(&self, a: usize) -> Option<String> {
        let first_q = (0..a).find(|&t| self.word(t) == "Q" && self.transcript_label(t) == Some((t, t)))?;
        let author = self.byline_name();
        let mut people: Vec<String> = Vec::new();
        for n in self.names_in(0, self.toks[first_q].span.start) {
            if n.label != Some(EntityLabel::Per) {
                continue;
            }
            let full = self.full_name(n);
            if author.as_ref() != Some(&full) && !people.contains(&full) {
                people.push(full);
            }
        }
        (people.len() == 1).then(|| people.pop()).flatten()
    }

    /// `Time magazine`, `the Kyiv Independent newspaper`: a capitalised
    /// title before an outlet noun names the outlet (no NER class holds it
    /// reliably), as written, without a leading `the`.
    fn outlet_name(&self, a: usize, b: usize) -> Option<String> {
        let a = if matches!(self.low(a), "the") { a + 1 } else { a };
        if a >= b || !in_list(OUTLETS, self.low(b)) || !(a..b).all(|t| is_cap(self.word(t))) {
            return None;
        }
        Some(self.span_of(a, b).slice(self.text).to_string())
    }

    /// The gender the document gives the person whose fullest name is
    /// `full` (`Mr. Ferris`, `Ms. Lanner`, `Kim Lee opened a shop. She …`),
    /// if its evidence agrees.
    /// When the document says nothing, the name itself may
    /// (`super::gender::of_name`: a clear first name, a Russian surname).
    fn gender_of_name(&self, full: &str) -> Option<Gender> {
        self.genders
            .get_or_init(|| self.document_genders())
            .get(full)
            .copied()
            .or_else(|| gender::of_name(full))
            // A name known only by one clear first name (`Daniel`) is no `she`.
            .or_else(|| (!full.contains(' ')).then(|| gender::of_first_name(full)).flatten())
    }

    /// Fullest name → gender. Titles decide first (`Mr.`, `Ms.` before or at
    /// the start of a mention). A name without a title takes the gender of
    /// the subject pronoun that refers back to it where coreference is
    /// plain: the pronoun opens the next sentence (`Kim Lee opened a shop.
    /// She …`) or follows the cue of a sentence (`Alex Moor said he …`), and
    /// that sentence names no other person. A person given both genders is
    /// left out.
    fn document_genders(&self) -> std::collections::HashMap<String, Gender> {
        use std::collections::HashMap;
        let mut titled: HashMap<String, Option<Gender>> = HashMap::new();
        let title = |k: usize| title_gender(self.word(k));
        let pronoun = |k: usize| match self.low(k) {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        let mut pronouned: HashMap<String, Option<Gender>> = HashMap::new();
        let vote = |map: &mut HashMap<String, Option<Gender>>, name: String, g: Gender| {
            let e = map.entry(name).or_insert(Some(g));
            if *e != Some(g) {
                *e = None;
            }
        };
        for n in &self.names {
            let t = n.toks.0;
            if let Some(g) = title(t).or_else(|| t.checked_sub(1).and_then(title)) {
                vote(&mut titled, self.full_name(n), g);
            }
        }
        let person = |n: &Name| n.label.is_none_or(|l| l == EntityLabel::Per);
        let mut described: HashMap<String, Option<Gender>> = HashMap::new();
        for n in self.names.iter().filter(|n| person(n)) {
            let kunya = || {
                self.names
                    .get(n.full)
                    .unwrap_or(n)
                    .span
                    .slice(self.text)
                    .split(' ')
                    .next()
                    .and_then(gender::of_kunya)
            };
            if let Some(g) = self.noun_gender(n).or_else(kunya) {
                vote(&mut described, self.full_name(n), g);
            }
        }
        let mut i = 0;
        while i < self.names.len() {
            let n = &self.names[i];
            let t = n.toks.0;
            // The people of this name's sentence: exactly one, this one?
            let si = self.sent[t.min(self.sent.len() - 1)];
            let sent = &self.sents[si];
            let mut j = i + 1;
            let mut alone = person(n);
            while j < self.names.len() && self.sent[self.names[j].toks.0.min(self.sent.len() - 1)] == si {
                let m = &self.names[j];
                if person(m) && m.full != n.full {
                    alone = false;
                }
                j += 1;
            }
            let before_alone = self.names[..i]
                .iter()
                .rev()
                .take_while(|m| self.sent[m.toks.0.min(self.sent.len() - 1)] == si)
                .all(|m| !person(m) || m.full == n.full);
            if alone && before_alone {
                let se = sent.tokens.end.min(self.toks.len());
                // `… said he had …` in the sentence.
                let after_cue = (n.toks.1..se.saturating_sub(1).min(n.toks.1 + 12))
                    .find(|&k| {
                        self.cue[k] >= super::CUE_THRESHOLD
                            && self.in_passage[k].is_none()
                            && is_reporting_verb(self.low(k))
                    })
                    .and_then(|k| pronoun(k + 1));
                // `She …` opening the next sentence.
                let next = self.sents.get(si + 1).and_then(|s2| {
                    let k = s2.tokens.start;
                    (k < self.toks.len() && self.in_passage[k].is_none()).then(|| pronoun(k)).flatten()
                });
                for g in after_cue.into_iter().chain(next) {
                    vote(&mut pronouned, self.full_name(n), g);
                }
            }
            i = j;
        }
        let mut out: HashMap<String, Gender> =
            pronouned.into_iter().filter_map(|(k, g)| Some((k, g?))).collect();
        // A describing noun overrules pronouns, and titles overrule both;
        // a person given both genders by one kind of evidence has none.
        for (k, g) in described.into_iter().chain(titled) {
            match g {
                Some(g) => {
                    out.insert(k, g);
                }
                None => {
                    out.remove(&k);
                }
            }
        }
        out
    }

    /// The gender a noun describing the name gives it: before it (`his
    /// wife, Asha Rao`; `a spokeswoman in Amman, Lina Haddad`, as
    /// `noun_attached` links them) or in an apposition opened by an article
    /// or possessive (`Tom Ilves, the widower of …`, `Ada Kern, his
    /// sister,`). Not across `who`/`whose`/`of`: in `Rakesh Rao, whose son
    /// Amit …` and `a friend of his wife` the noun is someone else.
    fn noun_gender(&self, n: &Name) -> Option<Gender> {
        let (first, after) = n.toks;
        let before = (first.saturating_sub(6)..first)
            .rev()
            .take_while(|&t| !matches!(self.low(t), "." | ";" | ":" | "\"" | "“" | "”"))
            .find_map(|t| gender::of_noun(self.low(t)).filter(|_| self.noun_attached(n, self.low(t))));
        let appositive = || {
            if self.low(after) != ","
                || !matches!(self.low(after + 1), "a" | "an" | "the" | "his" | "her" | "their")
            {
                return None;
            }
            (after + 2..(after + 6).min(self.toks.len()))
                .take_while(|&t| !matches!(self.low(t), "," | "." | ";" | "of" | "who" | "whose" | "and"))
                .find_map(|t| gender::of_noun(self.low(t)))
        };
        before.or_else(appositive)
    }

    /// In a phrase ending at `b`, a name followed by a possessive and a common
    /// noun (`Russia's envoy`, `Jake's rep`, `Kiljunen's office`): the token
    /// heading what is possessed (the last word before a preposition, or `b`).
    fn possessed_head<'n>(&self, b: usize, inner: &[&'n Name]) -> Option<(&'n Name, usize)> {
        let n = inner.iter().copied().find(|n| {
            let after = n.toks.1;
            after < b
                && self.is_possessive(after)
                && self.is_word(after + 1)
                && !is_cap(self.word(after + 1))
                && n.label != Some(EntityLabel::Org)
        })?;
        let start = n.toks.1 + 1;
        let head = (start..=b)
            .find(|&t| matches!(self.low(t), "of" | "for" | "in" | "at" | "from" | "to" | "on" | ","))
            .map_or(b, |t| t - 1);
        (head >= start && self.is_word(head) && !is_cap(self.word(head))).then_some((n, head))
    }

    /// Is there a common noun (a lower-case word that is no determiner,
    /// number word or preposition) between `a` and token `t`?
    fn common_head_before(&self, a: usize, t: usize) -> bool {
        (a..t).any(|k| {
            let l = self.low(k);
            self.is_word(k)
                && !is_cap(self.word(k))
                && !in_list(DETERMINERS, l)
                && !matches!(l, "of" | "for" | "in" | "at" | "from" | "to" | "on" | "and" | "the")
        })
    }

    /// A name that is the object of a preposition inside the speaker's words
    /// (`Jason Ode of Cheyenne`, `the president of Russia`, `the Fund for
    /// Peace`) is not the speaker: the name before the preposition is; with
    /// none, a capitalised phrase is an organisation's own name, and a
    /// common noun (`supporters of X`) stays unnamed. `None` when `name` is
    /// not after a preposition in the phrase starting at token `a`.
    fn prepositional_name(&self, a: usize, name: &Name, inner: &[&Name]) -> Option<Resolution> {
        let mut p = name.toks.0.checked_sub(1).filter(|&p| p > a)?;
        // `… of the firm Sentinel Bridge`: a common noun standing before the
        // name as its title belongs to the name's phrase.
        if p > a + 2 && self.low(p - 1) == "the" && self.is_word(p) && !is_cap(self.word(p)) {
            p -= 1;
        }
        // `… of the Farmers Union`: the article belongs to the name's phrase.
        if self.low(p) == "the" && p > a + 1 {
            p -= 1;
        }
        if !matches!(self.low(p), "of" | "from" | "in" | "at" | "for") {
            return None;
        }
        let before = self.toks[p].span.start;
        if let Some(n) = inner.iter().rev().find(|n| n.span.end <= before) {
            return Some(Resolution { name: Some(self.full_name(n)), candidates: vec![], how: How::Name });
        }
        if is_cap(self.word(p - 1)) {
            let first = if in_list(DETERMINERS, self.low(a)) { a + 1 } else { a };
            let whole = Span::new(self.toks[first].span.start, name.span.end).slice(self.text).to_string();
            return Some(Resolution { name: Some(whole), candidates: vec![], how: How::Name });
        }
        Some(Resolution { name: None, candidates: vec![], how: How::Unnamed })
    }

    /// `a spokesman for the ministry`, `a lawyer for Ruth Amos`: the
    /// description without its determiner (the unnamed speaker's role) and
    /// whom the speaker speaks for (a name in its fullest form, else the words).
    pub(crate) fn spoken_for(&self, np: (usize, usize)) -> Option<(String, String)> {
        let (a, b) = np;
        // `Jake's rep`, `the minister's office`: the possessor is spoken for.
        let span = Span::new(self.toks[a].span.start, self.toks[b].span.end);
        let inner: Vec<&Name> =
            self.names_in(span.start, span.end).iter().filter(|n| span.contains(&n.span)).collect();
        if let Some((n, _)) = self.possessed_head(b, &inner) {
            let first = if in_list(DETERMINERS, self.low(a)) { a + 1 } else { a };
            let role =
                Span::new(self.toks[first].span.start, self.toks[b].span.end).slice(self.text).to_string();
            return Some((role, self.full_name(n)));
        }
        let i = (a..b).find(|&i| {
            let head = self.low(i);
            in_list(UNNAMED_HEADS, head)
                && (self.low(i + 1) == "for" || head.starts_with("spokes") && self.low(i + 1) == "of")
        })?;
        if i + 2 > b {
            return None;
        }
        let first = if in_list(DETERMINERS, self.low(a)) { a + 1 } else { a };
        let role = Span::new(self.toks[first].span.start, self.toks[b].span.end).slice(self.text).to_string();
        let whom = Span::new(self.toks[i + 2].span.start, self.toks[b].span.end);
        let name = self.names_in(whom.start, whom.end).iter().rev().find(|n| n.span.end == whom.end);
        let whom = match name {
            Some(n) => self.full_name(n),
            None => whom.slice(self.text).trim_start_matches("the ").to_string(),
        };
        Some((role, whom))
    }

    /// The outlet a statement was made to (`told Reuters`, `told the BBC`,
    /// `in an interview with CNN`): an organisation named right after the
    /// cue at `c` or after `interview with`/`interview on` shortly after it.
    pub(crate) fn channel_after(&self, c: usize) -> Option<String> {
        let se = self.sents[self.sent[c]].tokens.end.min(self.toks.len());
        let mut at = None;
        if matches!(self.low(c), "told" | "tells" | "tell" | "telling") {
            at = Some(c + 1);
        }
        if let Some(i) = (c + 1..se.min(c + 8)).find(|&t| self.low(t) == "interview") {
            if matches!(self.low(i + 1), "with" | "on") && at.is_none_or(|k| !self.org_at(k)) {
                at = Some(i + 2);
            }
        }
        let mut k = at.filter(|&k| k < se)?;
        if self.low(k) == "the" {
            k += 1;
        }
        let start = self.toks.get(k)?.span.start;
        let n = self.names_in(start, start + 1).first()?;
        (n.label == Some(EntityLabel::Org)).then(|| self.full_name(n))
    }

    fn org_at(&self, k: usize) -> bool {
        let k = if self.low(k) == "the" { k + 1 } else { k };
        self.toks.get(k).is_some_and(|t| {
            self.names_in(t.span.start, t.span.start + 1)
                .first()
                .is_some_and(|n| n.label == Some(EntityLabel::Org))
        })
    }

    /// For a description whose head noun is token `head`, the name that the
    /// same noun stood next to earlier (`envoy Alexander Botsan-Kharchenko`,
    /// `Kiljunen, the commission's chairman`): the latest of the names that
    /// end before `before`, looked at back to [`ATTACHED_LOOKBACK`] names.
    /// The description's words run from `first` (its determiner, if any) to `head`.
    fn description_antecedent(&self, first: usize, head: usize, before: usize) -> Option<String> {
        let noun = self.low(head);
        let limit = self.names.partition_point(|n| n.span.end <= before);
        // A noun for a person (`the researcher`, `the spokesperson`) is
        // never a body the noun merely stood near, and a body's noun (`the
        // ministry`) never a person.
        let fits = |n: &Name| match n.label {
            Some(EntityLabel::Loc) => false,
            Some(EntityLabel::Per) => !in_list(ORG_HEADS, noun),
            Some(_) => !is_person_noun(noun),
            None => true,
        };
        let n = self.names[..limit]
            .iter()
            .rev()
            .take(ATTACHED_LOOKBACK)
            .find(|n| fits(n) && (self.noun_attached(n, noun) || self.org_headed_by(n, first, head)))?;
        Some(self.full_name(n))
    }

    /// Is `n` an organisation headed by the description's head noun, a word
    /// that heads bodies' names, which holds the description's other words
    /// too? The head ends the name (`the airline` → `Westwind Airlines`,
    /// `the budget office` → `Congressional Budget Office`; `the terrorist
    /// group` is not `SITE Intelligence Group`) or stands before `of`/`for`
    /// (`the ministry` → `Ministry of Regional Development`, `the center` →
    /// `National Center for Palms and Dates`).
    fn org_headed_by(&self, n: &Name, first: usize, head: usize) -> bool {
        if n.label != Some(EntityLabel::Org) || n.toks.1 <= n.toks.0 + 1 {
            return false;
        }
        let noun = self.low(head);
        let is_head = |t: usize| {
            let w = self.low(t);
            in_list(ORG_HEADS, w) && (w == noun || w.strip_suffix('s') == Some(noun))
        };
        let headed = is_head(n.toks.1 - 1)
            || (n.toks.0..n.toks.1 - 1).any(|t| is_head(t) && matches!(self.low(t + 1), "of" | "for"));
        headed
            && (first..head)
                .filter(|&t| !in_list(DETERMINERS, self.low(t)))
                .all(|t| (n.toks.0..n.toks.1).any(|k| self.low(k) == self.low(t)))
    }

    /// `“…,” said the envoy. Mikhail Dorenko, Moldova's envoy to the talks,
    /// …`: a description named only after the quote, by the next sentence
    /// opening with a name whose apposition holds the same noun.
    fn description_ahead(&self, head: usize) -> Option<String> {
        let next = self.sents.get(self.sent[head] + 1)?;
        let first = next.tokens.start;
        let at = self.names.partition_point(|n| n.toks.0 < first);
        let n = self.names.get(at).filter(|n| n.toks.0 == first && self.low(n.toks.1) == ",")?;
        if n.label.is_some_and(|l| l != EntityLabel::Per) || !self.noun_attached(n, self.low(head)) {
            return None;
        }
        Some(self.full_name(n))
    }

    /// Does `noun` stand next to name `n`: as a title in the six words
    /// before it (`envoy Lars Berg`, `the envoy, Lars Berg`) or in an
    /// apposition after it (`Lars Berg, Norway's envoy to the region,`)?
    ///
    /// Before the name, only capitalised words, a comma and a prepositional
    /// phrase may stand between noun and name (`Russia's envoy to the
    /// region, Alexander …`), and the name is not itself the object of a
    /// preposition: in `the press service of the Cabinet` or `the ministry
    /// told AFP` the name is someone else.
    fn noun_attached(&self, n: &Name, noun: &str) -> bool {
        let (first, after) = n.toks;
        let mut prev = first.checked_sub(1);
        if let Some(t) = prev.filter(|&t| matches!(self.low(t), "the" | "a" | "an")) {
            prev = t.checked_sub(1);
        }
        let object = prev.is_some_and(|t| {
            matches!(self.low(t), "at" | "for" | "from" | "in" | "of" | "on" | "to" | "with")
        });
        let linked = |from: usize| {
            let mut in_phrase = false;
            (from + 1..first).all(|t| {
                let w = self.low(t);
                in_phrase |= in_list(ATTACHING_WORDS, w) && !matches!(w, "a" | "an" | "the" | "'s" | "’s");
                in_list(ATTACHING_WORDS, w)
                    || w == ","
                    || is_cap(self.word(t))
                    || in_phrase && self.is_word(t) && !in_list(NP_STOP, w) && !is_reporting_verb(w)
            })
        };
        let before = !object
            && (first.saturating_sub(6)..first)
                .rev()
                .take_while(|&t| !matches!(self.low(t), "." | ";" | ":"))
                .any(|t| names_role(self.low(t), noun) && linked(t));
        before
            || self.low(after) == ","
                && (after + 1..(after + 10).min(self.toks.len()))
                    .take_while(|&t| !matches!(self.low(t), "," | "." | ";"))
                    .any(|t| self.low(t) == noun)
    }

    /// `“…,” says Early.` after `Chris Early` was named: a capitalised word
    /// the tagger left untagged (it is also a common word: `Early`, `Doctor`,
    /// `Young`) that ends the full name of a person named earlier is that
    /// person. The nearest such person within [`ATTACHED_LOOKBACK`] names.
    fn untagged_surname(&self, t: usize) -> Option<String> {
        let w = self.word(t);
        if w.chars().count() < 3
            || !is_cap(w)
            || !w.chars().all(char::is_alphabetic)
            || in_list(PRONOUNS, self.low(t))
            || in_list(TITLES, self.low(t))
        {
            return None;
        }
        let here = self.toks[t].span.start;
        self.names_in(0, here).iter().rev().take(ATTACHED_LOOKBACK).find_map(|n| {
            // The full name is built (a string) only for a name whose words
            // hold `w` at all: up to 300 names are looked at.
            let src = self.names.get(n.full).unwrap_or(n);
            if n.label.is_some_and(|l| l != EntityLabel::Per) || !src.span.slice(self.text).contains(w) {
                return None;
            }
            let full = self.full_name(n);
            (full.contains(' ') && full.rsplit(' ').next() == Some(w)).then_some(full)
        })
    }

    /// The names that start in `[from, to)` (bytes), in text order.
    pub(crate) fn names_in(&self, from: usize, to: usize) -> &[Name] {
        let a = self.names.partition_point(|n| n.span.start < from);
        let b = self.names.partition_point(|n| n.span.start < to);
        &self.names[a..b.max(a)]
    }

    /// The fullest earlier form of a name (`Kiljunen` → `Kimmo Kiljunen`), titles dropped.
    pub(crate) fn full_name(&self, n: &Name) -> String {
        let src = self.names.get(n.full).unwrap_or(n);
        let name = drop_nicknames(strip_titles(src.span.slice(self.text)));
        let name = name.as_ref();
        // `The Royal Dutch Athletics Federation` is named without its article.
        let name = name.strip_prefix("The ").filter(|rest| rest.contains(' ')).unwrap_or(name);
        if src.label == Some(EntityLabel::Per) {
            return person_core(name).to_string();
        }
        name.to_string()
    }
}

/// Points every name at the name giving its fullest earlier form
/// (`Kiljunen` → `Kimmo Kiljunen`), in one pass over the names in text order.
///
/// Names that share a last word are one person only when one form ends
/// with the other's words (`Jeb Bush`, `John Ellis Bush`, `De Blasio`) or
/// both start with the same first name (`Donald Trump`, `Donald J. Trump`):
/// `Hillary Clinton` after `Bill Clinton` is someone else. A surname alone
/// is the person of that name mentioned most so far (ties: the fullest
/// name, then the first introduced). A one-word person's name that is no
/// one's last word is the person whose full name starts with it, when one
/// such person is mentioned most: a first name (`Sir Graham` → `Graham
/// Tollett`, `Joanne` → `Joanne Reid`) or a family name written first
/// (`Han` → `Han Seo-yeon`, `Lo` → `Winnie Lo Ka-man`).
pub(crate) fn fill_full_names(text: &str, names: &mut [Name]) {
    use std::collections::HashMap;
    /// One person a last word stands for.
    struct Person<'t> {
        /// Index of their fullest name so far.
        full: usize,
        words: usize,
        core: &'t str,
        mentions: usize,
    }
    let mut people: HashMap<&str, Vec<Person>> = HashMap::new();
    // First word of a person's full name → (their last word, index in `people`).
    let mut by_first: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for (i, name) in names.iter_mut().enumerate() {
        let core = strip_titles(name.span.slice(text));
        let core = core.strip_prefix("the ").or_else(|| core.strip_prefix("The ")).unwrap_or(core);
        let last = last_name_word(core);
        let first = core.split(' ').next().unwrap_or(core);
        let words = core.split(' ').count();
        let person = name.label.is_none_or(|l| l == EntityLabel::Per);
        let list = people.entry(last).or_default();
        let found = if words == 1 {
            // `Mrs. Tulloch` after `Raymond Tulloch` and his wife `Doreen
            // Tulloch`: the title's gender rules out the other.
            let before = text[..name.span.start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            let titled = title_gender(name.span.slice(text)).or_else(|| title_gender(before));
            list.iter()
                .enumerate()
                .filter(|(_, p)| titled.is_none_or(|t| gender::of_name(p.core).is_none_or(|g| g == t)))
                .max_by_key(|(k, p)| (p.mentions, p.words, std::cmp::Reverse(*k)))
                .map(|(k, _)| (last, k))
        } else {
            list.iter().position(|p| same_person(p.core, core)).map(|k| (last, k))
        };
        let found = found.or_else(|| {
            let only_name = words == 1 && person && people.get(last).is_none_or(|l| l.is_empty());
            let owners = by_first.get(first).filter(|_| only_name)?;
            let mentions = |&(l, k): &(&str, usize)| people[l][k].mentions;
            let best = owners.iter().max_by_key(|o| mentions(o))?;
            let tied = owners.iter().filter(|o| mentions(o) == mentions(best)).count() > 1;
            (!tied).then_some(*best)
        });
        name.full = match found {
            Some((l, k)) => {
                let p = &mut people.get_mut(l).expect("found in people")[k];
                p.mentions += 1;
                if words > p.words && l == last {
                    (p.full, p.words, p.core) = (i, words, core);
                }
                p.full
            }
            None => {
                let list = people.entry(last).or_default();
                if words > 1
                    && person
                    && core.split(' ').all(|w| w.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c)))
                {
                    by_first.entry(first).or_default().push((last, list.len()));
                    // `Winnie Lo Ka-man`: a Western first name, then the
                    // family name before the romanised given name.
                    let mut rev = core.rsplit(' ');
                    if let (Some(given), Some(family)) = (rev.next(), rev.next()) {
                        if words >= 3 && crate::ner::roles::is_romanised_given_name(given) {
                            by_first.entry(family).or_default().push((last, list.len()));
                        }
                    }
                }
                list.push(Person { full: i, words, core, mentions: 1 });
                i
            }
        };
    }
}

/// The last word of a name that is not a generational suffix
/// (`Martin Luther King Jr.` → `King`).
fn last_name_word(core: &str) -> &str {
    let mut words = core.rsplit(' ');
    let last = words.next().unwrap_or(core);
    if matches!(last, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV") {
        return words.next().unwrap_or(last);
    }
    last
}

/// Lower-case words that belong inside people's names.
const NAME_PARTICLES: &[&str] =
    &["al", "bin", "da", "de", "del", "der", "di", "dos", "du", "ibn", "la", "le", "van", "von", "y"];

/// A person's name without a role the tagger ran into it (`Chair of the
/// bench Janet Lowther` → `Janet Lowther`): what follows the last
/// lower-case word that is no name particle.
fn person_core(name: &str) -> &str {
    let mut cut = 0;
    let mut at = 0;
    for w in name.split(' ') {
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        if lower && !in_list(NAME_PARTICLES, w) {
            cut = at + w.len() + 1;
        }
        at += w.len() + 1;
    }
    match name.get(cut..) {
        Some(rest) if !rest.is_empty() && cut > 0 => rest,
        _ => name,
    }
}

/// Does a word before a name (`senator`, or its written-short title
/// `Sen.`) name the role a description's noun does (`the senator`)?
fn names_role(word: &str, noun: &str) -> bool {
    if word == noun {
        return true;
    }
    let short = word.strip_suffix('.').unwrap_or(word);
    let full: &[&str] = match short {
        "sen" => &["senator"],
        "rep" => &["representative", "congressman", "congresswoman"],
        "gov" => &["governor"],
        "lt" => &["lieutenant"],
        "gen" => &["general"],
        "col" => &["colonel"],
        "capt" => &["captain"],
        "sgt" => &["sergeant"],
        "det" => &["detective"],
        "insp" => &["inspector"],
        "supt" => &["superintendent"],
        "prof" => &["professor"],
        "amb" => &["ambassador"],
        "atty" => &["attorney"],
        "adm" => &["admiral"],
        "cllr" => &["councillor"],
        "pres" => &["president"],
        _ => &[],
    };
    full.contains(&noun)
}

/// The gender a name's own title gives (`Mr. Tulloch`, `Mrs. Tulloch`).
fn title_gender(name: &str) -> Option<Gender> {
    let first = name.split_whitespace().next()?;
    let is = |t: &str| first.eq_ignore_ascii_case(t);
    if is("mr.") || is("mr") {
        Some(Gender::Male)
    } else if ["mrs.", "mrs", "ms.", "ms", "miss"].into_iter().any(is) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Are two forms of a name (same last word) one person: one ends with the
/// other's words, or both start with the same first word?
fn same_person(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let cut = long.len() - short.len();
    let suffix = long.get(cut..).is_some_and(|end| end.eq_ignore_ascii_case(short))
        && (cut == 0 || long.get(..cut).is_some_and(|start| start.ends_with(' ')));
    let first = |s: &str| s.split(' ').next().unwrap_or("").to_lowercase();
    suffix || first(a) == first(b)
}

/// The name without a nickname in quotes (`Roberto "Bobby" Tabligan` →
/// `Roberto Tabligan`); an apostrophe inside a word (`O'Brien`) is not one.
fn drop_nicknames(name: &str) -> std::borrow::Cow<'_, str> {
    let nickname = |w: &str| {
        w.chars().count() > 2 && w.starts_with(['"', '“', '\'', '‘']) && w.ends_with(['"', '”', '\'', '’'])
    };
    if !name.split(' ').any(nickname) {
        return name.into();
    }
    name.split(' ').filter(|w| !nickname(w)).collect::<Vec<_>>().join(" ").into()
}

/// The name without leading titles (`Senator`, `Mr.`) and a trailing possessive.
fn strip_titles(s: &str) -> &str {
    let mut s = s.trim_end_matches("'s").trim_end_matches("’s").trim();
    while let Some((first, rest)) = s.split_once(char::is_whitespace) {
        let rest = rest.trim_start();
        if rest.is_empty() || !first.chars().all(|c| c.is_ascii_alphabetic() || c == '.') {
            break;
        }
        let lower = first.to_ascii_lowercase();
        if lower == "tan" && rest.starts_with("Sri ") {
            s = rest["Sri ".len()..].trim_start();
            continue;
        }
        // `Governor of Svalbard`, `Minister for Fisheries`: a title with its
        // domain is the whole name, not a title before one.
        if !in_list(TITLES, &lower) || rest.starts_with("of ") || rest.starts_with("for ") {
            break;
        }
        s = rest;
    }
    strip_domain_title(s)
}

/// `Tourism Director Ugyen Dorji`, `Marketing Chief Ana Ruiz`: one or two
/// capitalised words of a domain, then a title the tagger knows (it keeps
/// titles out of names only at their start), then a name of two words or
/// more: the name alone. Runs for every name compared, so it allocates
/// nothing.
fn strip_domain_title(s: &str) -> &str {
    // Most names have fewer than four words: nothing to strip.
    if s.bytes().filter(u8::is_ascii_whitespace).take(3).count() < 3 {
        return s;
    }
    let mut words = [(0usize, ""); 6];
    let mut n = 0;
    for w in s.split_whitespace().take(words.len()) {
        words[n] = (w.as_ptr() as usize - s.as_ptr() as usize, w);
        n += 1;
    }
    let words = &words[..n];
    let mut buf = [0u8; 24];
    let mut is_title = |w: &str| {
        let Some(lower) = ascii_lower(w, &mut buf) else { return false };
        dossier_core::titles::is_name_title(lower) || in_list(TITLES, lower)
    };
    if n < 4 || is_title(words[0].1) {
        return s;
    }
    for t in 1..=2 {
        if n < t + 3 || !words[t - 1].1.chars().all(char::is_alphabetic) || !is_cap(words[t - 1].1) {
            break;
        }
        if is_title(words[t].1) {
            // `Bank Chief Executive Ana Ruiz`: the title may run on.
            let mut k = t + 1;
            while n - k > 2 && is_title(words[k].1) {
                k += 1;
            }
            return &s[words[k].0..];
        }
    }
    s
}

/// `w` in lower case in `buf`, when it is ASCII and fits.
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = w.as_bytes();
    if bytes.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
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
    /// Which rule gave the name (or left it open).
    pub how: How,
    pub candidates: Vec<String>,
}

/// How many names back a description looks for the name its noun stood
/// next to (a bound, so that resolving one description costs the same in a
/// long text as in a short one).
const ATTACHED_LOOKBACK: usize = 300;

/// Cues whose next noun phrase is their object (an addressee or what is
/// described), so a speaker never stands there inverted.
const OBJECT_AFTER: &[&str] = &[
    "accused",
    "blamed",
    "call",
    "called",
    "calls",
    "criticised",
    "criticized",
    "described",
    "praised",
    "tell",
    "telling",
    "tells",
    "thanked",
    "told",
    "urged",
    "urges",
];

/// Small words that may stand between a role noun and the name it is
/// attached to (`envoy to the talks, Lars Berg`, `chief economist at the
/// bank, …`): articles and prepositions.
const ATTACHING_WORDS: &[&str] =
    &["'s", "a", "an", "at", "for", "from", "in", "of", "on", "the", "to", "with", "’s"];

/// Common nouns for a person, beyond roles and titles: a description
/// headed by one (`the researcher`, `the witness`) stands for a person.
const PERSON_NOUNS: &[&str] = &[
    "activist",
    "author",
    "boy",
    "brother",
    "captain",
    "coach",
    "daughter",
    "defendant",
    "doctor",
    "driver",
    "economist",
    "engineer",
    "farmer",
    "father",
    "founder",
    "girl",
    "husband",
    "investigator",
    "lawmaker",
    "man",
    "mother",
    "nurse",
    "owner",
    "player",
    "politician",
    "professor",
    "prosecutor",
    "researcher",
    "resident",
    "scientist",
    "sister",
    "son",
    "student",
    "suspect",
    "teacher",
    "victim",
    "widow",
    "wife",
    "witness",
    "woman",
    "worker",
];

/// Can a lower-case head noun stand for someone who speaks: a person
/// (`the prosecutor`, `the driver`), an unnamed source or a body (`the
/// authority`)? Titles are left out (`a former`). The cue table learned on
/// PolNeAR's political news vetoes heads it saw often and never ending a
/// speaker (`prosecutor` 0 of 35, mostly `special prosecutor Robert …`);
/// these nouns speak whatever the table says.
fn can_speak(noun: &str) -> bool {
    is_person_noun_but_a_title(noun) || in_list(ORG_HEADS, noun)
}

/// Prepositions whose phrase hangs on a speaker's head noun (`an
/// executive at one of the banks`, `farmers from the valley`).
fn is_attachment(word: &str) -> bool {
    matches!(word, "at" | "from" | "in" | "of" | "on" | "with")
}

/// Does a description's head noun stand for a person?
fn is_person_noun(noun: &str) -> bool {
    is_person_noun_but_a_title(noun) || in_list(TITLES, noun)
}

/// A person's common noun, a role or an unnamed source's head: a person
/// noun that is not a title.
fn is_person_noun_but_a_title(noun: &str) -> bool {
    in_list(PERSON_NOUNS, noun) || in_list(UNNAMED_HEADS, noun) || in_list(ROLE_WORDS, noun)
}

/// Nouns that name a news outlet after its title (`Time magazine`).
pub(crate) const OUTLETS: &[&str] = &[
    "broadcaster",
    "daily",
    "journal",
    "magazine",
    "network",
    "newspaper",
    "radio",
    "tabloid",
    "television",
    "tv",
    "website",
    "weekly",
];

/// A name mention: from NER when given, else from capitalisation.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    pub span: Span,
    pub label: Option<EntityLabel>,
    /// Index of the name giving this one's fullest earlier form.
    pub full: usize,
    /// Its first token and the token after it.
    pub toks: (usize, usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(super::LEGAL_FORMS.windows(2).all(|w| w[0] < w[1]));
        for list in [
            PRONOUNS,
            DETERMINERS,
            NP_STOP,
            AUX_ADV,
            TIME_WORDS,
            TITLES,
            DOCUMENT_HEADS,
            ORG_HEADS,
            ROLE_WORDS,
            UNNAMED_HEADS,
            OPENERS,
            SPEAKER_NEVER_OPENS,
            ATTACHING_WORDS,
            PERSON_NOUNS,
            QUANTIFIER_SUBJECTS,
            RELATIVE_HEADS,
            SENTENCE_ADVERBS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn forms_of_one_name_are_one_person() {
        assert!(same_person("Donald Trump", "Donald J. Trump"));
        assert!(same_person("De Blasio", "Bill de Blasio"));
        assert!(same_person("Ellis Bush", "John Ellis Bush"));
        assert!(!same_person("Jeb Bush", "John Ellis Bush"));
        assert!(!same_person("Hillary Clinton", "Bill Clinton"));
    }

    #[test]
    fn a_role_run_into_a_person_name_is_dropped() {
        assert_eq!(person_core("Chair of the bench Janet Lowther"), "Janet Lowther");
        assert_eq!(person_core("Ludwig van Beethoven"), "Ludwig van Beethoven");
        assert_eq!(person_core("Janet Lowther"), "Janet Lowther");
        assert_eq!(person_core("Ruth of"), "Ruth of");
    }

    #[test]
    fn titles_are_dropped_from_names() {
        assert_eq!(strip_titles("Senator Bernie Sanders"), "Bernie Sanders");
        // British council and police titles.
        assert_eq!(strip_titles("Cllr Ann Hope"), "Ann Hope");
        assert_eq!(strip_titles("DS Owen Hale"), "Owen Hale");
        assert_eq!(strip_titles("Mr. Kiljunen's"), "Kiljunen");
        assert_eq!(strip_titles("President"), "President");
    }
}
