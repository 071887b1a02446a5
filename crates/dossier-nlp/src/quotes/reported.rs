//! Second pass: reported speech around every remaining cue word: the
//! speaker before or after the cue, the content after it (from `that` when
//! there is one) or before it (`…, she said.`), and `according to X, …`.

use dossier_core::{EntityLabel, QuoteKind, Span};

use super::confidence::Origin;
use super::cues::{self, in_list};
use super::names::NOT_NAMES;
use super::position;
use super::speaker::{is_cap, Subject, PRONOUNS, TITLES};
use super::{overlap_share, Doc, Draft, ReportFrame, CUE_THRESHOLD};
use crate::reporting::{is_reporting_verb, is_thought_verb};
use crate::token::TokenKind;

/// Words that open an adverbial phrase put before the subject (`In a
/// second decision, the court said`, `Despite the setback, …`).
const FRONTED: &[&str] = &[
    "after",
    "amid",
    "at",
    "before",
    "despite",
    "during",
    "following",
    "for",
    "in",
    "on",
    "since",
    "under",
    "unlike",
    "with",
    "without",
];

/// Words that open a subordinate clause before the main one (`When A
/// warned that …, B stated …`): a cue inside that clause reports only up to
/// the clause's comma. `as` is left out: `As X reported, …` reports the
/// main clause.
const SUBORDINATORS: &[&str] =
    &["after", "although", "because", "before", "if", "once", "since", "though", "when", "whereas", "while"];

/// Words after `…, X said,` that open the reporter's own adjunct or clause
/// (sorted: binary search).
const ADJUNCT_OPENERS: &[&str] = &[
    "according",
    "after",
    "and",
    "as",
    "at",
    "before",
    "during",
    "for",
    "from",
    "in",
    "later",
    "on",
    "speaking",
    "then",
    "to",
    "when",
    "where",
    "which",
    "while",
    "who",
    "with",
];

/// Words that open a fronted clause or phrase before a sentence's subject.
pub(super) const FRONTED_OPENERS: &[&str] = &[
    "after",
    "although",
    "as",
    "at",
    "before",
    "despite",
    "during",
    "following",
    "if",
    "in",
    "on",
    "since",
    "though",
    "when",
    "while",
];

impl Doc<'_> {
    /// The end of a sentence's content: without a final `.`/`;` (a closing
    /// quotation mark and the punctuation inside it stay).
    pub(super) fn content_end(&self, ss: usize, se: usize) -> usize {
        let mut e = se;
        while e > ss + 1 && (self.is_terminal(e - 1) || matches!(self.low(e - 1), ",")) {
            e -= 1;
        }
        e
    }

    /// Second pass: reported speech around every remaining cue.
    pub(super) fn frame_quotes(&self, drafts: &mut Vec<Draft>) {
        let mut used_cue: Vec<usize> = drafts.iter().filter_map(|d| d.cue.map(|c| c.0)).collect();
        used_cue.sort_unstable();
        // Sentence → the subject of its first statement, for a participle
        // later in it (`“…,” McCain said, citing …`).
        let mut sentence_subject: Vec<Option<Subject>> = vec![None; self.sents.len()];
        for d in drafts.iter() {
            if let (Some(s), Some((c, _))) = (d.subject, d.cue) {
                sentence_subject[self.sent[c]].get_or_insert(s);
            }
        }
        // Stronger cues first, so that `according to` is read before a weak
        // cue such as `signed` in the same sentence.
        let mut order: Vec<usize> = (0..self.toks.len())
            .filter(|&c| {
                self.cue[c] >= CUE_THRESHOLD
                    && used_cue.binary_search(&c).is_err()
                    && self.in_passage[c].is_none()
            })
            .collect();
        order.sort_by(|&a, &b| self.cue[b].total_cmp(&self.cue[a]).then(a.cmp(&b)));
        let mut taken = vec![false; self.toks.len()];
        // Sentence → the drafts whose content or cue touches it.
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); self.sents.len()];
        for (di, d) in drafts.iter().enumerate() {
            self.index_draft(&mut by_sentence, di, d.content, d.cue);
        }
        for ci in order {
            if taken[ci] {
                continue;
            }
            // Nouns (`statement`) and phrasal verbs that are not speech (`add up`).
            if cues::is_noun_cue(self.low(ci)) || self.low(ci + 1) == "up" {
                continue;
            }
            let (ss, se) = self.sentence_range(ci);
            // `the claim`, `Trump's answers`: a noun, not a verb.
            if ci > ss
                && (matches!(
                    self.low(ci - 1),
                    "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its"
                ) || self.low(ci - 1) == "'s"
                    || self.low(ci - 1) == "'"
                        && ci >= ss + 2
                        && self.low(ci - 2).ends_with('s')
                        && self.toks[ci - 2].span.end == self.toks[ci - 1].span.start)
            {
                continue;
            }
            // An adverb cue (`also`, `repeatedly`) is read at its verb.
            let adverb = self.is_adverb(ci).then_some(ci);
            let ci = match adverb {
                Some(a) => match self.verb_after_adverb(a, se) {
                    Some(v) if !taken[v] && self.in_passage[v].is_none() => v,
                    _ => continue,
                },
                None => ci,
            };
            let cue_use = self.cue_in_verb_position(ci, ss);
            if cue_use == position::CueUse::No {
                continue;
            }
            let Some(mut frame) = self.reported_frame(ci, ss, se, sentence_subject[self.sent[ci]]) else {
                continue;
            };
            if let Some(a) = adverb {
                frame.cue.0 = a;
            }
            if frame.subject.is_some_and(|s| self.second_person(&s)) {
                continue;
            }
            // `I think`, `we hope`: the writer's own thought is no report; a
            // `think tank` is no thought.
            if is_thought_verb(self.low(ci))
                && (frame.subject.is_some_and(|s| s.np.0 == s.np.1 && matches!(self.low(s.np.0), "i" | "we"))
                    || matches!(self.low(ci + 1), "tank" | "tanks"))
            {
                continue;
            }
            // A passive's subject, a place after a preposition or a lone
            // nationality is not the speaker: the statement stays, unattributed.
            let absolute = self.absolute_subject(ci, ss).is_some();
            if let Some(s) = frame.subject.filter(|_| !absolute) {
                frame.subject = self.prepositional_host(&s, frame.cue.0, ss).or(Some(s));
            }
            if cue_use == position::CueUse::Passive
                || frame.subject.is_some_and(|s| !absolute && !self.speaker_fits(&s, frame.cue.0))
            {
                frame.subject = None;
            }
            if let Some(s) = frame.subject {
                sentence_subject[self.sent[ci]].get_or_insert(s);
            }
            let content = frame.content;
            // A vote, a choice, a refusal: an act, not words.
            let (ta, tb) = self.token_range(content);
            // `welcomed the plan but said …`, `declared a state of emergency
            // and says …`: a short object before a coordinated verb of saying
            // is what was done; the statement is the coordinated verb's.
            if self.cut_by_coordinated_cue(ta, tb) {
                continue;
            }
            if self.says_nothing(ci, frame.subject, ta, tb) {
                continue;
            }
            // A quote already found for this content wins, and a content
            // never holds the cue of another statement. Contents and cues
            // lie in the cue's sentence, so only the drafts that touch it
            // are looked at.
            if by_sentence[self.sent[ci]].iter().any(|&di| {
                let d = &drafts[di];
                overlap_share(d.content, content) >= 0.5
                    || d.cue.is_some_and(|(a, b)| content.contains(&self.span_of(a, b)))
            }) {
                continue;
            }
            let contains_quote = self.dq_prefix[tb] > self.dq_prefix[ta];
            let kind = if contains_quote { QuoteKind::Mixed } else { QuoteKind::Indirect };
            taken[frame.cue.0..=frame.cue.1].fill(true);
            self.index_draft(&mut by_sentence, drafts.len(), content, Some(frame.cue));
            drafts.push(Draft {
                kind,
                content,
                cue: Some(frame.cue),
                subject: frame.subject,
                inherited: None,
                origin: match frame.subject {
                    None => Origin::FrameOpen,
                    Some(_) if self.low(frame.cue.0) == "according" => Origin::FrameAccording,
                    Some(s) if s.np.0 > frame.cue.0 => Origin::FrameInverted,
                    Some(_) => Origin::FrameBefore,
                },
            });
        }
    }

    /// The subject that opens the sentence `ss` before a cue at `c`
    /// (`Clinton went on offense …, saying …`, `The president noted …, and
    /// added`): a name, a pronoun or a determiner-led phrase at the sentence
    /// start, after an opening adverbial clause of a few words at most.
    pub(super) fn opening_subject(&self, ss: usize, c: usize) -> Option<Subject> {
        let mut k = self.after_dateline(ss, c);
        // `And then Trump went on the attack, saying …`: a connective first.
        while k + 1 < c && matches!(self.low(k), "and" | "but" | "so" | "then" | "yet") {
            k += 1;
        }
        // `On Tuesday, Sanders went further, endorsing …`; but `Wexler
        // attacked his rival, calling …` opens with its subject. Two
        // fronted phrases may stand in a row (`On Thursday, after weeks
        // of silence, Warren endorsed …`).
        for round in 0..2 {
            if self.opens_with_subject(k) {
                break;
            }
            // A fronted clause (`Asked on Monday whether …, Mrs. Clinton
            // shook her head`) may run longer than a fronted phrase; only
            // such an opener may follow a first fronted phrase.
            let first = self.low(k);
            let clause = in_list(FRONTED_OPENERS, first) || first.ends_with("ed") || first.ends_with("ing");
            if round == 1 && !clause {
                break;
            }
            let reach = if clause { 20 } else { 6 };
            // The comma after which a subject stands, else the first (`At a
            // rally in Waco, Tex., Mr. Trump …` passes the state's).
            let mut commas = (k..(k + reach).min(c)).filter(|&t| self.low(t) == ",");
            let Some(first_comma) = commas.next() else { break };
            let comma = std::iter::once(first_comma)
                .chain(commas)
                .find(|&t| self.opens_with_subject(t + 1))
                .unwrap_or(first_comma);
            k = comma + 1;
        }
        if k >= c || self.in_passage[k].is_some() {
            return None;
        }
        let hi = self.clause_end(k, c);
        let l = self.low(k);
        let np = if in_list(PRONOUNS, l) {
            (l != "it").then_some((k, k))?
        } else if self.word(k).chars().next().is_some_and(char::is_uppercase)
            && (!in_list(NOT_NAMES, l) || in_list(TITLES, l))
        {
            // A name: its run of capitalised words (`Senator Ruth Amos`), or
            // a description that ends in one (`Democratic presidential
            // candidate Sen. Ruth Amos`).
            let mut e = k;
            while e + 1 < hi && self.word(e + 1).chars().next().is_some_and(char::is_uppercase) {
                e += 1;
            }
            match self.np_fwd(k, hi.min(k + 9)) {
                Some(np) if np.1 > e && self.word(np.1).chars().next().is_some_and(char::is_uppercase) => np,
                // `Dario's rep hit back`: the possessed noun heads the subject.
                _ if e + 2 < hi && matches!(self.low(e + 1), "'s" | "'") => {
                    self.np_fwd(e + 2, hi.min(e + 6)).map_or((k, e), |np| (k, np.1))
                }
                _ => (k, e),
            }
        } else if matches!(l, "the" | "a" | "an") {
            // A short description (`The president`); verbs end it early.
            let np = self.np_fwd(k, hi.min(k + 4))?;
            (np.0, np.1)
        } else {
            return None;
        };
        if np.1 + 1 >= c {
            return None;
        }
        Some(Subject { np, role: None })
    }

    /// `LOS ANGELES (AP) — Hillary Clinton …`, `Washington (AFP) – …`: the
    /// first token after a dateline that opens the sentence at `ss` (a few
    /// words, an agency in brackets or a date, then a dash), else `ss`.
    /// Reuters writes a hyphen (`LONDON, Dec 3 (Reuters) -`): a hyphen counts
    /// only after the agency's brackets.
    pub(super) fn after_dateline(&self, ss: usize, c: usize) -> usize {
        let Some(dash) = (ss..(ss + 12).min(c)).find(|&t| {
            matches!(self.low(t), "—" | "–" | "--") || self.low(t) == "-" && t > ss && self.low(t - 1) == ")"
        }) else {
            return ss;
        };
        let bracket = (ss..dash).any(|t| self.low(t) == "(");
        let shouted = (ss..dash).filter(|&t| self.is_word(t)).all(|t| {
            let w = self.word(t);
            w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
        });
        if dash > ss && (bracket || shouted) && self.is_word(ss) {
            dash + 1
        } else {
            ss
        }
    }

    /// Does sentence `ss` open with a pronoun or a person's or an
    /// organisation's name (NER), not an adverbial?
    fn opens_with_subject(&self, ss: usize) -> bool {
        let l = self.low(ss);
        if in_list(PRONOUNS, l) {
            return l != "it";
        }
        // `Mr. Putin …`: a title before the name.
        let first = if in_list(TITLES, l) && ss + 1 < self.toks.len() { ss + 1 } else { ss };
        let at = self.toks[first].span;
        self.names_in(at.start, at.end)
            .iter()
            .any(|n| n.toks.0 == first && matches!(n.label, Some(EntityLabel::Per | EntityLabel::Org)))
    }

    /// `…, with Moscow saying …`: the speaker of an absolute clause, a noun
    /// phrase after `with` right before an `-ing` verb of saying at `c`.
    pub(super) fn absolute_subject(&self, c: usize, ss: usize) -> Option<Subject> {
        let l = self.low(c);
        if c < ss + 2 || !l.ends_with("ing") || !is_reporting_verb(l) {
            return None;
        }
        let np = self.np_back(c - 1, ss)?;
        (np.0 > ss && self.low(np.0 - 1) == "with").then_some(Subject { np, role: None })
    }

    /// Records draft `di` under every sentence its content or cue touches.
    pub(super) fn index_draft(
        &self,
        by_sentence: &mut [Vec<usize>],
        di: usize,
        content: Span,
        cue: Option<(usize, usize)>,
    ) {
        let (a, b) = self.token_range(content);
        let mut ranges = [(a, b), (0, 0)];
        if let Some((c0, c1)) = cue {
            ranges[1] = (c0, c1 + 1);
        }
        let mut last = usize::MAX;
        for (a, b) in ranges {
            if a >= b || a >= self.sent.len() {
                continue;
            }
            let (s0, s1) = (self.sent[a], self.sent[(b - 1).min(self.sent.len() - 1)]);
            for s in s0..=s1 {
                if s != last {
                    if let Some(v) = by_sentence.get_mut(s) {
                        if v.last() != Some(&di) {
                            v.push(di);
                        }
                    }
                    last = s;
                }
            }
        }
    }

    /// Reads the frame of a reported-speech cue at `c` in sentence `[ss, se)`.
    pub(super) fn reported_frame(
        &self,
        c: usize,
        ss: usize,
        se: usize,
        main_subject: Option<Subject>,
    ) -> Option<ReportFrame> {
        let ss = self.after_dateline(ss, c);
        let ce = self.content_end(ss, se);
        let mut cue = (c, c);
        // `according to X, …` / `…, according to X.`
        if self.low(c) == "according" {
            if c + 1 >= se || self.low(c + 1) != "to" {
                return None;
            }
            cue = (c, c + 1);
            // `But, according to the poll, …`, `In addition, according to …`:
            // a connective before the phrase still lets it open the sentence.
            let lead_in = c > ss + 1 && self.low(c - 1) == "," && self.connective_lead(ss, c - 1);
            let opens = c == ss || c > 0 && self.is_open_mark(c - 1) && c - 1 == ss || lead_in;
            // `According to Reuters the talks collapsed …` (no comma): the
            // source ends where a new noun phrase or a number begins.
            if let Some(t) = self.according_source_end(c + 2, self.clause_end(c + 2, se)).filter(|_| opens) {
                if t + 2 < ce {
                    let subject = Some(Subject { np: (c + 2, t - 1), role: None });
                    return Some(ReportFrame { cue, subject, content: self.span_of(t, ce - 1) });
                }
            }
            let src_end = self.clause_end(c + 2, se);
            let subject = self.np_fwd(c + 2, src_end).map(|np| Subject { np, role: None });
            let content = if opens {
                let start = src_end + 1;
                if start >= ce {
                    return None;
                }
                self.span_of(start, ce - 1)
            } else if c > ss + 1 && self.low(c - 1) == "," {
                // `At the heart of it, according to X, was a decision …`: the
                // sentence goes on after the source; what was said is all of it.
                // Not after a whole clause (`Payments tripled, according to
                // the bank, which …`): then the source ends what was said.
                let goes_on = self.low(src_end) == ","
                    && !self.has_finite_verb(ss, c - 1)
                    && (src_end + 1..ce).filter(|&t| self.is_word(t)).take(3).count() >= 3;
                if goes_on {
                    self.span_of(ss, ce - 1)
                } else {
                    self.span_of(ss, c - 2)
                }
            } else {
                self.span_of(ss, ce - 1)
            };
            return Some(ReportFrame { cue, subject, content });
        }
        let l = self.low(c);
        if let Some(subject) = self.absolute_subject(c, ss) {
            let start = self.content_start(c, c + 1, ce);
            if start + 1 >= ce {
                return None;
            }
            let end = self.right_end(start, ce, true);
            return Some(ReportFrame { cue, subject: Some(subject), content: self.span_of(start, end - 1) });
        }
        // `…, adding that …`: a participle takes the main clause's subject.
        if l.ends_with("ing") && c > ss && self.low(c - 1) == "," {
            let start = self.content_start(c, c + 1, ce);
            if start + 1 >= ce {
                return None;
            }
            let end = self.right_end(start, ce, true);
            let subject = main_subject.or_else(|| self.opening_subject(ss, c));
            return Some(ReportFrame { cue, subject, content: self.span_of(start, end - 1) });
        }
        // `The minister admitted …, but said …`, `She called the ruling
        // reckless and said …`: a verb coordinated with the clause's first
        // verb shares its subject; what follows the cue is the content.
        if c > ss + 1 && matches!(self.low(self.skip_aux_back(c - 1, ss)), "and" | "but") {
            let start = self.content_start(c, c + 1, ce);
            if start + 1 >= ce {
                return None;
            }
            let end = self.right_end(start, ce, true);
            let subject =
                self.inner_clause_subject(ss, c).or(main_subject).or_else(|| self.opening_subject(ss, c));
            return Some(ReportFrame { cue, subject, content: self.span_of(start, end - 1) });
        }
        let before = self.subject_before(c, ss);
        let inverted_ok = c == ss || matches!(self.low(c - 1), "," | "”" | "\"" | "’" | "'");
        let subject = before.or_else(|| {
            if inverted_ok {
                self.subject_after(c, self.clause_end(c + 1, se))
                    .filter(|s| self.inverted_subject_ends(s, se))
            } else {
                None
            }
        });
        let subject = subject?;
        let subj_first = subject.np.0.min(subject.role.map_or(usize::MAX, |r| r.0));
        let subj_last = subject.np.1.max(subject.role.map_or(0, |r| r.1));
        let is_before = before.is_some();
        // Left material: from the sentence start to the subject (or the cue when inverted).
        let left_end = if is_before { subj_first } else { c }; // exclusive
        let mut l_end = left_end;
        while l_end > ss
            && matches!(self.low(l_end - 1), "," | "”" | "\"" | "—" | "–")
            && !self.is_close_mark(l_end - 1)
        {
            l_end -= 1;
        }
        // `…,` or `…,”` before the speaker: the content ends on its left.
        // (NYT-style `,''` closes with two apostrophes.)
        let mut before_marks = left_end;
        while before_marks > ss + 1 && left_end - before_marks < 2 && self.is_close_mark(before_marks - 1) {
            before_marks -= 1;
        }
        let left_comma =
            left_end > ss && (self.low(left_end - 1) == "," || self.low(before_marks - 1) == ",");
        let right_start = if is_before { c + 1 } else { subj_last + 1 };
        // Counted only as far as the tests below need (sentences can be huge).
        let right_words = (right_start..ce).filter(|&t| self.toks[t].kind == TokenKind::Word).take(7).count();
        let right_has_that = (right_start..ce.min(right_start + 8)).any(|t| self.low(t) == "that");
        // `…, Price said at a rally in Ohio last week.`: what follows the cue
        // is only where or when it was said; the content is on the left.
        let right_only_adjunct = right_start < ce && self.adjunct_only(right_start, ce, true);
        let left_words = (ss..l_end).filter(|&t| self.toks[t].kind == TokenKind::Word).take(2).count();
        // `In a second decision, the court said …`: an opening adverbial
        // is not the content; what follows the cue is.
        let fronted = is_before && self.fronted_adverbial(ss, l_end);
        // `The plan, she said, would fail.`: a cue between commas inside
        // the sentence; what was said is the whole sentence around it.
        let right_comma = self.low(right_start.min(ce - 1)) == ",";
        let adjunct_after = right_comma && self.opens_adjunct(right_start + 1)
            || !right_comma && is_before && self.setting_then_adjunct(right_start, ce);
        let between_commas =
            left_comma && left_words >= 2 && !fronted && right_words >= 2 && right_comma && !adjunct_after;
        let content = if between_commas {
            self.span_of(ss, ce - 1)
        } else if left_comma
            && left_words >= 2
            && !fronted
            && (adjunct_after || right_words <= 6 && !right_has_that || !is_before || right_only_adjunct)
        {
            // `…, she said.` / `…, said the envoy.`
            self.span_of(ss, l_end - 1)
        } else if right_words >= 2 {
            let start = self.content_start(c, right_start, ce);
            // `…, said Mr. Niemi (a view shared by others).`: an aside in
            // brackets is the reporter's, never what was said.
            if start >= ce || self.low(start) == "(" {
                return None;
            }
            if left_comma && left_words >= 2 && self.low(right_start.min(ce - 1)) == "," {
                // `The plan, he said, would fail.`
                self.span_of(ss, ce - 1)
            } else {
                let mut end = self.right_end(start, ce, is_reporting_verb(l));
                // A cue inside a relative (`X, which said …, refused`) or an
                // opening subordinate clause (`When A warned that …, B
                // stated …`) reports up to the comma that closes it.
                let relative =
                    is_before && matches!(self.low(self.skip_aux_back(c - 1, ss)), "who" | "which");
                // `When asked about …,`: the subordinator is no subject.
                let subordinate = is_before
                    && subj_first > ss
                    && in_list(SUBORDINATORS, self.low(ss))
                    && !(ss..subj_first).any(|t| self.low(t) == ",");
                if relative || subordinate {
                    if let Some(comma) =
                        (start + 1..end).find(|&t| self.low(t) == "," && self.in_passage[t].is_none())
                    {
                        end = comma;
                    }
                }
                if end <= start {
                    return None;
                }
                self.span_of(start, end - 1)
            }
        } else {
            return None;
        };
        Some(ReportFrame { cue, subject: Some(subject), content })
    }

    /// The subject of an inner clause that the coordinated cue at `c`
    /// continues: after a bracket or semicolon (`(they want lower rates and
    /// suggest …`), or a pronoun after a subordinator (`… after she attacked
    /// the police and blamed …`). A noun after a subordinator is left to the
    /// main clause (`He resigned after the scandal broke and said …`).
    fn inner_clause_subject(&self, ss: usize, c: usize) -> Option<Subject> {
        let k = (ss..c).rev().take(30).find(|&t| {
            self.in_passage[t].is_none()
                && (matches!(self.low(t), "(" | ";") || in_list(SUBORDINATORS, self.low(t)))
        })?;
        // A bracket closed before the cue (`Sen. Ruiz (D-Ohio) praised …
        // and said`) is an aside, not the clause the cue continues.
        if (k..c).any(|t| self.low(t) == ")") {
            return None;
        }
        let first = k + 1;
        if first >= c {
            return None;
        }
        let l = self.low(first);
        if in_list(PRONOUNS, l) && l != "it" && l != "you" {
            return Some(Subject { np: (first, first), role: None });
        }
        if !matches!(self.low(k), "(" | ";") {
            return None;
        }
        let np = self.np_fwd(first, self.clause_end(first, c))?;
        (np.1 + 1 < c).then_some(Subject { np, role: None })
    }

    /// Are tokens `[ss, end)` a connective that leads into the sentence
    /// (`But`, `In addition`, `However`, `On Monday`), not a clause?
    fn connective_lead(&self, ss: usize, end: usize) -> bool {
        let words = (ss..end).filter(|&t| self.is_word(t)).take(3).count();
        let first = self.low(ss);
        self.fronted_adverbial(ss, end)
            || words <= 2
                && (end - ss) == words
                && (matches!(first, "but" | "and" | "yet" | "so" | "however" | "moreover" | "also")
                    || first.ends_with("ly")
                    || words == 2 && first == "in")
    }

    /// `…, the ministry said on Monday, blaming …`, `…, staff said Tuesday,
    /// as complaints …`: after the cue at `right_start - 1`, only when or
    /// where it was said, then a comma and the reporter's own adjunct — what
    /// was said is on the left.
    fn setting_then_adjunct(&self, right_start: usize, ce: usize) -> bool {
        let Some(comma) = (right_start..ce.min(right_start + 10)).find(|&t| self.low(t) == ",") else {
            return false;
        };
        // `on Monday`, `Tuesday`, `on March 5`, `in a statement`.
        let from = if matches!(self.low(right_start), "on" | "in") { right_start + 1 } else { right_start };
        let timed = from < comma
            && (from..comma).all(|t| {
                in_list(super::speaker::TIME_WORDS, self.low(t))
                    || self.toks[t].kind == TokenKind::Number
                    || self.low(t) == "."
            });
        let setting = comma > right_start && (timed || self.adjunct_only(right_start, comma, true));
        setting && comma + 1 < ce && self.opens_adjunct(comma + 1)
    }

    /// Does token `t` open an adjunct or a clause of the reporter's own
    /// after a cue (`…, she said, adding …`, `…, he said, in a speech`,
    /// `…, as officials looked on`) rather than the rest of what was said?
    fn opens_adjunct(&self, t: usize) -> bool {
        let w = self.low(t);
        (w.ends_with("ing") && w.len() > 4) || self.in_passage[t].is_some() || in_list(ADJUNCT_OPENERS, w)
    }

    /// After `according to` at `k`, with no comma before `hi`: the token
    /// where the source's noun phrase gives way to the content, when a clear
    /// sign says so — a determiner, quantifier, number or subject pronoun
    /// after the source's own words (`the health ministry | at least 12
    /// patients died`). `None` when the source runs to `hi` or stops at
    /// anything less clear (`figures released by …`).
    fn according_source_end(&self, k: usize, hi: usize) -> Option<usize> {
        let mut seen = false;
        let mut after_connector = false;
        for t in k..hi.min(k + 10) {
            let l = self.low(t);
            let strong = matches!(l, "the" | "a" | "an" | "more" | "some" | "about" | "nearly" | "only")
                || l == "at" && self.low(t + 1) == "least"
                || in_list(PRONOUNS, l)
                || self.toks[t].kind == TokenKind::Number;
            if seen && !after_connector && strong {
                return Some(t);
            }
            if matches!(l, "of" | "for" | "'s" | "&" | "-") {
                after_connector = true;
                continue;
            }
            // A preposition (`figures released by the ministry`) or a verb
            // of saying leaves the bound unclear.
            let preposition =
                matches!(l, "at" | "by" | "from" | "in" | "into" | "on" | "over" | "to" | "under" | "with");
            if !self.is_word(t) && !strong || preposition || self.cue[t] >= CUE_THRESHOLD {
                return None;
            }
            after_connector = false;
            if !matches!(l, "the" | "a" | "an") && self.toks[t].kind != TokenKind::Number {
                seen = true;
            }
        }
        None
    }

    /// Is `[ss, end)` an opening adverbial phrase and nothing more (`In a
    /// second decision,`, `Despite the setback,`): a preposition or
    /// subordinator, at most eight words, no comma inside?
    pub(super) fn fronted_adverbial(&self, ss: usize, end: usize) -> bool {
        if ss >= end || !in_list(FRONTED, self.low(ss)) {
            return false;
        }
        let words = (ss..end).filter(|&t| self.is_word(t)).take(9).count();
        words <= 8
            && !(ss..end).any(|t| matches!(self.low(t), "," | ";" | ":") || self.in_passage[t].is_some())
    }

    /// Where content that starts at `start` ends (exclusive), before `ce`:
    /// at a clause that is not part of it (`, but …`, `; …`, `, adding …`),
    /// and, after a cue that is not a speech verb (`criticized`, `urged`),
    /// also at the first comma or a time or circumstance adjunct.
    pub(super) fn right_end(&self, start: usize, ce: usize, speech: bool) -> usize {
        let mut t = start + 1;
        while t < ce {
            let w = self.low(t);
            let next = self.low(t + 1);
            // `…,” but stopped short`: a quote closing on a comma, then another clause.
            if let Some(pi) = self.in_passage[t] {
                if self.ptoks[pi].1 == t
                    && self.passages[pi].inner.slice(self.text).trim_end().ends_with(',')
                    && matches!(next, "but" | "and" | "while" | "although" | "though")
                {
                    return t + 1;
                }
            }
            if self.in_passage[t].is_some() && self.in_passage[t] != self.in_passage[start] {
                t += 1;
                continue;
            }
            // `4.5 million cubic metres (160 million cubic feet) of water`: a
            // bracket closed soon inside the content is part of it.
            if w == "(" {
                match (t + 1..ce.min(t + 30)).find(|&k| matches!(self.low(k), ")" | "(")) {
                    Some(k) if self.low(k) == ")" => {
                        t = k + 1;
                        continue;
                    }
                    _ => return t,
                }
            }
            if matches!(w, ";" | "—" | "–" | "―") {
                return t;
            }
            // `… called the strike unnecessary and said it would …`: a second
            // verb of saying coordinated with the first opens its own statement.
            if matches!(w, "and" | "but") && self.coordinated_cue(t + 1, ce) {
                return if self.low(t - 1) == "," { t - 1 } else { t };
            }
            // `…, she said, …`: a parenthetical attribution ends the content.
            if w == "," && t + 2 < ce && in_list(PRONOUNS, next) && self.cue[t + 2] >= CUE_THRESHOLD {
                return t;
            }
            if w == ","
                && (matches!(
                    next,
                    "but"
                        | "while"
                        | "although"
                        | "though"
                        | "with"
                        | "despite"
                        | "according"
                        | "adding"
                        | "saying"
                        | "noting"
                        | "whereas"
                        | "even"
                        | "citing"
                        | "calling"
                        | "arguing"
                ) || !speech)
            {
                return t;
            }
            if !speech
                && t > start + 1
                && matches!(
                    w,
                    "during"
                        | "after"
                        | "when"
                        | "while"
                        | "because"
                        | "since"
                        | "before"
                        | "despite"
                        | "until"
                        | "amid"
                        | "following"
                )
            {
                return t;
            }
            t += 1;
        }
        ce
    }

    /// Is the content `[a, b)` a short object with no clause and no
    /// quotation (`the plan`, not `the figures were wrong`), ended by
    /// `and`/`but` and a coordinated verb of saying?
    fn cut_by_coordinated_cue(&self, a: usize, b: usize) -> bool {
        let mut t = b;
        if self.low(t) == "," {
            t += 1;
        }
        let words = (a..b).filter(|&k| self.is_word(k)).take(5).count();
        words <= 4
            && !self.has_finite_verb(a, b)
            && self.dq_prefix[b] == self.dq_prefix[a]
            && matches!(self.low(t), "and" | "but")
            && self.coordinated_cue(t + 1, self.toks.len())
    }

    /// Do tokens `[a, b)` look like a clause rather than a noun phrase: a
    /// `that`, an auxiliary or a lower-case past form (`tripled`)?
    fn has_finite_verb(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| {
            let l = self.low(k);
            matches!(
                l,
                "that"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "should"
                    | "must"
                    | "may"
                    | "might"
                    | "did"
                    | "does"
                    | "do"
            ) || l.len() > 4 && l.ends_with("ed") && !is_cap(self.word(k))
        })
    }

    /// Is the token at `t` (after `and`/`but`, auxiliaries and adverbs
    /// skipped) a finite verb of saying, the cue of a coordinated statement?
    fn coordinated_cue(&self, mut t: usize, ce: usize) -> bool {
        while t < ce && matches!(self.low(t), "also" | "later" | "then" | "has" | "had" | "have" | "again") {
            t += 1;
        }
        t < ce
            && self.in_passage[t].is_none()
            && self.cue[t] >= CUE_THRESHOLD
            && is_reporting_verb(self.low(t))
            && !self.low(t).ends_with("ing")
    }

    pub(super) fn is_close_mark(&self, i: usize) -> bool {
        matches!(self.low(i), "”" | "\"" | "'" | "»")
    }

    /// Where the reported content begins after a cue: at `that` when it comes
    /// soon, else after an addressee (`told reporters`) and a leading comma or colon.
    pub(super) fn content_start(&self, cue: usize, r: usize, ce: usize) -> usize {
        for t in r..ce.min(r + 8) {
            if self.low(t) == "that" {
                return t;
            }
            if matches!(self.low(t), "," | ":") && t > r || self.is_open_mark(t) {
                break;
            }
        }
        let mut s = r;
        if s < ce && matches!(self.low(s), "," | ":" | "—" | "–") {
            s += 1;
        }
        // Object pronoun or a short addressee.
        if s < ce
            && matches!(
                self.low(s),
                "reporters" | "journalists" | "him" | "her" | "them" | "me" | "us" | "supporters"
            )
        {
            s += 1;
        } else if s < ce
            && matches!(
                self.low(cue),
                "told"
                    | "tells"
                    | "tell"
                    | "telling"
                    | "asked"
                    | "asks"
                    | "assured"
                    | "informed"
                    | "reminded"
            )
        {
            if let Some(np) = self.np_fwd(s, ce) {
                s = np.1 + 1;
            }
        }
        // `in a statement`, `in an interview with X`, `on Twitter`, weekdays.
        if s + 2 < ce
            && self.low(s) == "in"
            && matches!(self.low(s + 1), "a" | "an")
            && cues::is_noun_cue(self.low(s + 2))
        {
            s += 3;
            if s < ce && self.low(s) == "with" {
                if let Some(np) = self.np_fwd(s + 1, ce) {
                    s = np.1 + 1;
                }
            }
        }
        if s + 1 < ce
            && self.low(s) == "on"
            && self.word(s + 1).chars().next().is_some_and(char::is_uppercase)
        {
            s += 2;
        }
        if s < ce && self.low(s) == "," {
            s += 1;
        }
        // `texted to say she would be late`: the content is what was said.
        if s + 2 < ce
            && self.low(s) == "to"
            && matches!(self.low(s + 1), "say" | "tell" | "announce" | "confirm")
        {
            s += 2;
        }
        s
    }
}
