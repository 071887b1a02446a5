//! First and third passes: quoted passages attributed to the cue next to
//! them (`“…,” he said`, `said X: “…”`, `X: “…”`), continuations of the
//! previous speaker, leftover passages no cue explains, and pull quotes that
//! repeat a body quote.

use dossier_core::{EntityLabel, QuoteKind, Span};

use super::confidence::Origin;
use super::cues::in_list;
use super::speaker::{Subject, PRONOUNS};
use super::{Doc, Draft, Frame, CUE_THRESHOLD_NEAR_QUOTE};
use crate::reporting::is_reporting_verb;
use crate::token::TokenKind;

/// Verbs of manner that attribute a quote right before them (`“…,” she
/// laughed`) but report no words of their own elsewhere (`she laughed at
/// the idea`), so they are no cue in reported speech; with them, speech
/// verbs whose present tense is more often a noun (`the shouts`, `his
/// quips`), which only a quote beside them makes a verb.
const MANNER_CUES: &[&str] = &[
    "chuckled", "cried", "cries", "grinned", "laughed", "laughs", "quips", "retorts", "scoffed", "scoffs",
    "screams", "shouts", "sighed", "sighs", "smiled", "smiles", "snaps", "whispers",
];

impl Doc<'_> {
    /// First pass: attribute quoted passages to the cue next to them.
    pub(super) fn passage_quotes(&self) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut used = vec![false; self.passages.len()];
        // Passage index → draft index.
        let mut draft_of: Vec<Option<usize>> = vec![None; self.passages.len()];
        for pi in 0..self.passages.len() {
            if used[pi] || self.is_scare_quote(pi) {
                continue;
            }
            let p = self.passages[pi];
            let found =
                self.cue_after(pi).map(|f| (f, true)).or_else(|| self.cue_before(pi).map(|f| (f, false)));
            let Some((frame, after)) = found else { continue };
            used[pi] = true;
            let mut content = p.span;
            let mut kind = QuoteKind::Direct;
            if let Some(that) = frame.that {
                content.start = self.toks[that].span.start;
                kind = QuoteKind::Mixed;
            } else if after {
                // `Trump plans to build “a great wall,” Carson said.`: the
                // sentence's words before the quote are part of the content.
                let (a, _) = self.ptoks[pi];
                let (ss, _) = self.sentence_range(a);
                let words = (ss..a).filter(|&t| self.is_word(t)).count();
                if a > ss
                    && words >= 3
                    && (ss..a).all(|t| self.in_passage[t].is_none() && self.cue[t] < CUE_THRESHOLD_NEAR_QUOTE)
                    && !matches!(self.low(a - 1), ":" | "—" | "–")
                    && self.tok_para(ss) == self.tok_para(a)
                {
                    content.start = self.toks[ss].span.start;
                    kind = QuoteKind::Mixed;
                }
            }
            // A quote split by its cue, and passages that follow it at once.
            let mut last_end_tok = if after { frame.end } else { self.ptoks[pi].1 };
            let mut qi = pi + 1;
            while qi < self.passages.len() && !used[qi] {
                let (qa, qb) = self.ptoks[qi];
                let same_sentence = self.sent[qa] == self.sent[last_end_tok];
                let next_sentence = self.sent[qa] == self.sent[last_end_tok] + 1
                    && self.sents[self.sent[qa]].tokens.start == qa;
                let (_, qse) = self.sentence_range(qb);
                let ends_sentence = qb + 1 >= qse
                    || self.is_terminal(qb + 1)
                    || self.tok_para(qb + 1) != self.tok_para(qb)
                    || self.passages[qi].inner.slice(self.text).trim_end().ends_with(['.', '?', '!']);
                // `“A,” he said, adding that “B.”`, `…, and later added:
                // “B.”`: a second verb of saying of the speaker's between
                // the parts starts another statement (not `said when asked`
                // nor `according to`).
                let own_cue = self.cue_after(qi).is_some()
                    || self.cue_before(qi).is_some_and(|f| f.cue != frame.cue && f.cue.0 > last_end_tok)
                    || (last_end_tok + 1..qa).any(|t| {
                        let w = self.low(t);
                        t != frame.cue.0
                            && self.cue[t] >= super::CUE_THRESHOLD
                            && self.in_passage[t].is_none()
                            && w != "according"
                            && is_reporting_verb(w)
                            && (w.ends_with("ing") || matches!(self.low(t - 1), "and" | "then" | "later"))
                    });
                let joins = (same_sentence || next_sentence)
                    && self.tok_para(qa) == self.tok_para(last_end_tok)
                    && ends_sentence
                    && !own_cue;
                if !joins {
                    break;
                }
                used[qi] = true;
                content.end = self.passages[qi].span.end;
                last_end_tok = self.ptoks[qi].1;
                qi += 1;
            }
            draft_of[pi] = Some(drafts.len());
            drafts.push(Draft {
                kind,
                content,
                cue: Some(frame.cue),
                subject: frame.subject,
                inherited: None,
                origin: if after { Origin::CueAfter } else { Origin::CueBefore },
            });
        }
        // Paragraphs that only continue the previous speaker's quote.
        let mut last: Option<(usize, usize)> = None; // (draft index, paragraph)
        for pi in 0..self.passages.len() {
            if let Some(d) = draft_of[pi] {
                last = Some((d, self.para_of(drafts[d].content.end.saturating_sub(1))));
                continue;
            }
            if used[pi] {
                continue;
            }
            let p = self.passages[pi];
            let para = self.para_of(p.span.start);
            let whole_paragraph = self
                .paras
                .get(para)
                .is_some_and(|ps| ps.start == p.span.start && ps.end.saturating_sub(p.span.end) <= 1);
            match last {
                Some((d, lp)) if whole_paragraph && para == lp + 1 && drafts[d].kind == QuoteKind::Direct => {
                    used[pi] = true;
                    drafts.push(Draft {
                        kind: QuoteKind::Direct,
                        content: p.span,
                        cue: None,
                        subject: None,
                        inherited: Some(drafts[d].content),
                        origin: Origin::Continuation,
                    });
                    last = Some((d, para));
                }
                _ if whole_paragraph && !p.single && self.passage_words(pi) >= 4 => {
                    // A quoted paragraph with no cue: reported, its speaker left open.
                    used[pi] = true;
                    drafts.push(Draft {
                        kind: QuoteKind::Direct,
                        content: p.span,
                        cue: None,
                        subject: None,
                        inherited: None,
                        origin: Origin::Cueless,
                    });
                }
                _ => {}
            }
        }
        drafts
    }

    /// A quote with no cue of its own that follows a colon (`As Jo Park
    /// reported after the hearing: ¶ “…”`) is introduced by the sentence the
    /// colon ends: when that sentence holds a statement with a speaker, the
    /// quote takes that speaker. `drafts` are in text order.
    pub(super) fn colon_speakers(&self, drafts: &mut [Draft]) {
        for di in 0..drafts.len() {
            let d = &drafts[di];
            if d.subject.is_some()
                || d.inherited.is_some()
                || !matches!(d.origin, Origin::Cueless | Origin::Leftover)
            {
                continue;
            }
            let (first, _) = self.token_range(d.content);
            let Some(colon) = first.checked_sub(1).filter(|&c| self.low(c) == ":") else { continue };
            let (ss, _) = self.sentence_range(colon);
            // The statement of the colon's sentence: among the few drafts just before.
            let intro = drafts[..di]
                .iter()
                .rev()
                .take(4)
                .find(|e| e.subject.is_some() && e.cue.is_some_and(|(c0, c1)| c0 >= ss && c1 < colon));
            if let Some(content) = intro.map(|e| e.content) {
                drafts[di].inherited = Some(content);
            } else if let Some(subject) = self.colon_lead(ss, colon) {
                let d = &mut drafts[di];
                d.subject = Some(subject);
                d.cue = Some((colon, colon));
                d.origin = Origin::CueBefore;
            }
        }
    }

    /// Quoted passages no statement holds yet: reported without a cue.
    pub(super) fn leftover_passages(&self, drafts: &mut Vec<Draft>) {
        let mut spans: Vec<Span> = drafts.iter().map(|d| d.content).collect();
        spans.sort_by_key(|s| s.start);
        // Running maximum of ends, for an overlap test by binary search.
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        let mut added = Vec::new();
        for pi in 0..self.passages.len() {
            let p = self.passages[pi];
            if p.single || self.passage_words(pi) < 5 || self.is_scare_quote(pi) {
                continue;
            }
            let k = spans.partition_point(|s| s.start < p.span.end);
            if k > 0 && max_end[k - 1] > p.span.start {
                continue;
            }
            let mut inherited = None;
            if k > 0 {
                let prev = spans[k - 1];
                let (pp, here) = (self.para_of(prev.start), self.para_of(p.span.start));
                // Only within the paragraph: a passage in the next one
                // named the wrong person more often than the right one on
                // PolNeAR train.
                if here == pp {
                    inherited = Some(prev);
                }
            }
            added.push(Draft {
                kind: QuoteKind::Direct,
                content: p.span,
                cue: None,
                subject: None,
                inherited,
                origin: Origin::Leftover,
            });
        }
        drafts.extend(added);
    }

    /// A pull quote or caption repeating a statement of the body is not a
    /// new statement: of drafts with the same words (five or more, marks,
    /// case and spacing aside), the first with a speaker is kept, else the first.
    pub(super) fn drop_repeats(&self, drafts: &mut Vec<Draft>) {
        let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut drop = vec![false; drafts.len()];
        for (i, d) in drafts.iter().enumerate() {
            let mut key = String::with_capacity(d.content.len());
            let mut words = 0;
            for w in
                d.content.slice(self.text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
            {
                if words > 0 {
                    key.push(' ');
                }
                key.extend(w.chars().flat_map(char::to_lowercase));
                words += 1;
            }
            if words < 5 {
                continue;
            }
            match first.entry(key) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(mut o) => {
                    let j = *o.get();
                    if d.subject.is_some() && drafts[j].subject.is_none() && drafts[j].inherited.is_none() {
                        drop[j] = true;
                        o.insert(i);
                    } else {
                        drop[i] = true;
                    }
                }
            }
        }
        let mut i = 0;
        drafts.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    pub(super) fn passage_words(&self, pi: usize) -> usize {
        let (a, b) = self.ptoks[pi];
        (a..=b).filter(|&t| self.toks[t].kind == TokenKind::Word).count()
    }

    /// A short quoted phrase inside a sentence: a title or scare quote, not a quote of its own.
    pub(super) fn is_scare_quote(&self, pi: usize) -> bool {
        let p = &self.passages[pi];
        let (a, b) = self.ptoks[pi];
        let words = (a..=b).filter(|&t| self.toks[t].kind == TokenKind::Word).count();
        if p.single && words < 4 {
            return true;
        }
        if words > 4 {
            return false;
        }
        let (ss, se) = self.sentence_range(a);
        let starts_clause = a == ss || a > 0 && matches!(self.low(a - 1), ":" | ",");
        let inner_end = p.inner.slice(self.text).trim_end();
        let ends_clause =
            b + 1 >= se || inner_end.ends_with([',', '.', '?', '!']) || matches!(self.low(b + 1), "," | ".");
        !(starts_clause && ends_clause)
    }

    /// `“…,” he said` / `“…,” said X`: a cue right after passage `pi`.
    pub(super) fn cue_after(&self, pi: usize) -> Option<Frame> {
        let (_, b) = self.ptoks[pi];
        if let Some(frame) = self.post_signature(b) {
            return Some(frame);
        }
        let mut i = b + 1;
        if i >= self.toks.len() || self.tok_para(i) != self.tok_para(b) {
            return None;
        }
        // `“…ends here.” The agency declined …`: a cue in the next sentence
        // belongs to another statement.
        if self.sent[i] != self.sent[b] && self.passages[pi].inner.slice(self.text).trim_end().ends_with('.')
        {
            return None;
        }
        if self.low(i) == "," {
            i += 1;
        }
        // `“…” ― Pamela Padilla`: a dash and a name.
        if i < self.toks.len()
            && matches!(self.low(i), "―" | "—" | "–" | "-" | "--")
            && i + 1 < self.toks.len()
        {
            let hi = self.clause_end(i + 1, self.toks.len().min(i + 12));
            if let Some(frame) = self.name_after_dash(i, hi) {
                return Some(frame);
            }
        }
        if i >= self.toks.len() {
            return None;
        }
        let (_, se) = self.sentence_range(i.min(self.toks.len() - 1));
        let se = se.max(i + 1).min(self.toks.len());
        // Eight words at most between the quote and its cue, not counting
        // a bracket after the name (`Sen. Karin Aho (D-Vt.) said`).
        let (mut counted, mut skip_to) = (0, 0);
        for c in i..se {
            if c < skip_to {
                continue;
            }
            if self.low(c) == "(" && c > i {
                if let Some(close) = (c + 1..(c + 12).min(se)).find(|&t| self.low(t) == ")") {
                    skip_to = close + 1;
                    continue;
                }
            }
            if counted == 8 {
                break;
            }
            counted += 1;
            if self.in_passage[c].is_some() || self.is_terminal(c) {
                return None;
            }
            if self.low(c) == "," && c > i {
                return self.apposition_cue_after(i, c, se);
            }
            let point_out = matches!(self.low(c), "point" | "points" | "pointed") && self.low(c + 1) == "out";
            // `“…,” McDowell laughed`: a verb of manner reports the quote
            // next to it, though it never opens a statement of its own.
            let manner = in_list(MANNER_CUES, self.low(c));
            if self.cue[c] < CUE_THRESHOLD_NEAR_QUOTE && !point_out && !manner || self.low(c) == "according" {
                continue;
            }
            let hi = self.clause_end(c + 1, se);
            let subject = if c == i {
                self.subject_after(c, hi)
            } else {
                let j = self.skip_aux_back(c - 1, i);
                match self.np_back(j, i) {
                    Some(np) if np.0 == i => Some(Subject { np, role: None }),
                    // `“…,” JPL scientist and study co-author Maria Velez
                    // said`: two roles of one person, joined by `and`.
                    Some(np) if self.joined_roles(i, np.0) => Some(Subject { np: (i, np.1), role: None }),
                    _ => continue,
                }
            };
            // `“…,” he points out`: the particle is part of the cue.
            let cue = if point_out { (c, c + 1) } else { (c, c) };
            let end = subject.map_or(cue.1, |s| s.np.1.max(cue.1).max(s.role.map_or(0, |r| r.1)));
            return Some(Frame { cue, subject, that: None, end });
        }
        None
    }

    /// `“…” ¶ — Kristi Noem (@govkristinoem) November 18, 2019`: the
    /// sign-off line of an embedded post (how a page carries a tweet or an
    /// Instagram post) right after a quote that ends its paragraph names who
    /// wrote the quoted words: a dash, a capitalised name, then the
    /// account's `(@handle)`.
    fn post_signature(&self, b: usize) -> Option<Frame> {
        let i = b + 1;
        if i + 3 >= self.toks.len()
            || self.tok_para(i) != self.tok_para(b) + 1
            || !matches!(self.low(i), "—" | "―" | "–" | "-" | "--")
        {
            return None;
        }
        let open = (i + 2..(i + 10).min(self.toks.len() - 1)).find(|&t| self.low(t) == "(")?;
        if !self.word(open + 1).starts_with('@') || self.tok_para(open) != self.tok_para(i) {
            return None;
        }
        self.name_after_dash(i, open).filter(|frame| frame.end + 1 == open)
    }

    /// A capitalised name after the dash at `dash`, before `hi` and in the
    /// dash's paragraph, as the speaker of the quote before the dash (the
    /// dash stands for the cue).
    fn name_after_dash(&self, dash: usize, hi: usize) -> Option<Frame> {
        let np = self.np_fwd(dash + 1, hi)?;
        (self.word(np.0).starts_with(char::is_uppercase) && self.tok_para(np.0) == self.tok_para(dash))
            .then_some(Frame {
                cue: (dash, dash),
                subject: Some(Subject { np, role: None }),
                that: None,
                end: np.1,
            })
    }

    /// Do tokens `[i, np)` hold a role joined by `and` to the noun phrase
    /// that starts at `np` (`JPL scientist and | study co-author Maria
    /// Velez`)? Only words, and the word before `and` a lower-case role
    /// noun, so that two people (`Smith and Jones`) are never one speaker.
    fn joined_roles(&self, i: usize, np: usize) -> bool {
        np >= i + 2
            && np <= i + 5
            && self.low(np - 1) == "and"
            && (i..np - 1).all(|t| self.is_word(t) && self.cue[t] < CUE_THRESHOLD_NEAR_QUOTE)
            && self.word(np - 2).chars().next().is_some_and(char::is_lowercase)
            && !in_list(PRONOUNS, self.low(np - 2))
    }

    /// `“…,” Ben Slay, a senior economist at …, said`: the name `[i, comma)`,
    /// its apposition, and the cue after the second comma.
    pub(super) fn apposition_cue_after(&self, i: usize, comma: usize, se: usize) -> Option<Frame> {
        let np = self.np_back(comma - 1, i).filter(|np| np.0 == i)?;
        if !self.word(np.1).chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let close = (comma + 2..(comma + 30).min(se)).find(|&t| {
            matches!(self.low(t), "," | ";" | ":") || self.is_terminal(t) || self.in_passage[t].is_some()
        })?;
        if self.low(close) != "," {
            return None;
        }
        let mut c = close + 1;
        while c < se && c < close + 4 && self.cue[c] < CUE_THRESHOLD_NEAR_QUOTE {
            if !self.low(c).ends_with("ly")
                && !matches!(self.low(c), "also" | "has" | "had" | "then" | "later")
            {
                return None;
            }
            c += 1;
        }
        if c >= se || self.cue[c] < CUE_THRESHOLD_NEAR_QUOTE {
            return None;
        }
        Some(Frame {
            cue: (c, c),
            subject: Some(Subject { np, role: Some((comma + 1, close - 1)) }),
            that: None,
            end: c,
        })
    }

    /// `X said: “…”`, `X told reporters “…”`, `X: “…”` before passage `pi`.
    pub(super) fn cue_before(&self, pi: usize) -> Option<Frame> {
        let (a, _) = self.ptoks[pi];
        if a == 0 {
            return None;
        }
        let mut j = a - 1;
        let same_para = self.tok_para(j) == self.tok_para(a);
        if !same_para && self.low(j) != ":" {
            return None;
        }
        let mut colon = None;
        if matches!(self.low(j), ":" | "," | "—" | "–") {
            if self.low(j) == ":" {
                colon = Some(j);
            }
            if j == 0 {
                return None;
            }
            j -= 1;
        }
        let (ss, _) = self.sentence_range(j);
        let lo = ss.max(j.saturating_sub(8));
        let mut that = None;
        let mut k = j;
        loop {
            if self.in_passage[k].is_some() || self.is_terminal(k) {
                break;
            }
            if self.low(k) == "that" && that.is_none() && k + 1 == a {
                that = Some(k);
            }
            if self.cue[k] >= CUE_THRESHOLD_NEAR_QUOTE
                && self.low(k) != "according"
                && self.toks[k].kind == TokenKind::Word
            {
                let before = self.subject_before(k, ss);
                let inverted_ok = k == ss || matches!(self.low(k - 1), "," | "”" | "\"" | "’" | "'");
                let subject = before.or_else(|| {
                    if inverted_ok && !self.low(k).ends_with("ing") {
                        self.subject_after(k, j + 1)
                    } else {
                        None
                    }
                });
                // `X said, adding: “…”`: a participle takes the subject of
                // the cue before it in the sentence.
                let subject = subject.or_else(|| {
                    if !self.low(k).ends_with("ing") || k == ss || self.low(k - 1) != "," {
                        return None;
                    }
                    let c2 = (ss.max(k.saturating_sub(15))..k - 1).rev().find(|&t| {
                        self.cue[t] >= CUE_THRESHOLD_NEAR_QUOTE
                            && !self.low(t).ends_with("ing")
                            && self.in_passage[t].is_none()
                            && self.low(t) != "according"
                    })?;
                    self.subject_before(c2, ss).or_else(|| {
                        let ok = c2 == ss || matches!(self.low(c2 - 1), "," | "”" | "\"" | "’" | "'");
                        if ok {
                            self.subject_after(c2, self.clause_end(c2 + 1, k))
                        } else {
                            None
                        }
                    })
                });
                // `He began by saying, “…”`, `She went on to say: “…”`, `X
                // was prompted to say, “…”`: the subject of the verb that
                // governs the infinitive or gerund.
                let subject = subject.or_else(|| {
                    if k < ss + 2 || !matches!(self.low(k - 1), "to" | "by") {
                        return None;
                    }
                    let mut v = k - 2;
                    if matches!(self.low(v), "on" | "up") && v > ss {
                        v -= 1;
                    }
                    self.subject_before(v, ss)
                });
                // `Mrs. Clinton shook her head and said, “No.”`: a coordinated
                // cue (or a participle) takes the subject the sentence opens with.
                // So does a participle after a preposition or a verb of
                // saying after its object (`before saying, “…”`, `issued a
                // statement Tuesday saying, “…”`), and an infinitive whose
                // governing verb has no subject of its own (`went so far as to say:`).
                let subject = subject.or_else(|| {
                    let l = self.low(k);
                    let prev = self.low(k - 1);
                    let participle = l.ends_with("ing")
                        && (prev == ","
                            || matches!(prev, "before" | "after" | "while" | "without")
                            || is_reporting_verb(l) && self.is_word(k - 1));
                    let coordinated = matches!(prev, "and" | "but" | "then");
                    let infinitive = prev == "to";
                    if k > ss && (participle || coordinated || infinitive) {
                        self.opening_subject(ss, k)
                    } else {
                        None
                    }
                });
                // Only an addressee or an adjunct may stand between the cue
                // and the quote, unless a colon or comma introduces it;
                // otherwise the quote is part of a reported clause (mixed).
                let r = match subject {
                    Some(s) if before.is_none() => s.np.1.max(s.role.map_or(0, |x| x.1)) + 1,
                    _ => k + 1,
                };
                let start = self.content_start(k, r, a);
                let introduced = colon.is_some() || self.low(a - 1) == ",";
                if !(start >= a || that.is_some() && start + 1 == a || introduced) {
                    return None;
                }
                if subject.is_none() && !introduced {
                    return None;
                }
                return Some(Frame { cue: (k, k), subject, that, end: j });
            }
            if k == lo {
                break;
            }
            k -= 1;
        }
        // `Kiljunen: “…”`: a name and a colon.
        if let Some(c) = colon {
            if c > ss {
                if let Some(np) = self.np_back(c - 1, ss) {
                    if np.0 == ss && self.word(np.1).chars().next().is_some_and(char::is_uppercase) {
                        return Some(Frame {
                            cue: (c, c),
                            subject: Some(Subject { np, role: None }),
                            that: None,
                            end: c,
                        });
                    }
                }
            }
        }
        None
    }

    /// `Sanders delivered a snappy retort: “…”`, `But she did not stop
    /// there: “…”`: a clause with no verb of saying that ends in the colon
    /// introducing a quote still hands the quote to its subject — the
    /// subject the clause opens with, when a lower-case verb follows it (an
    /// apposition between commas aside). A caption (`Rosa Lind, 91, at
    /// work:`) or a label (`For example:`) has no such subject and verb.
    fn colon_lead(&self, ss: usize, colon: usize) -> Option<Subject> {
        let opening = self.opening_subject(ss, colon)?;
        // A capitalised opening word is a subject only as a name the tagger
        // found (`Giant screens glittered …:` is no speaker).
        let (a, b) = opening.np;
        let first = self.low(a);
        let named = || {
            let span = self.span_of(a, b);
            self.names_in(span.start, span.end)
                .iter()
                .any(|n| matches!(n.label, Some(EntityLabel::Per | EntityLabel::Org)))
        };
        if !(in_list(PRONOUNS, first) || matches!(first, "the" | "a" | "an") || named()) {
            return None;
        }
        let mut verb = b + 1;
        if self.low(verb) == "," {
            // Past an apposition after the subject (`Ines Vold, 64, made`),
            // or past the comma that closes one the subject stands in (`The
            // harbour master, Ines Vold, made`).
            verb = (verb + 1..(verb + 10).min(colon)).find(|&t| self.low(t) == ",").unwrap_or(verb) + 1;
        }
        // `She then went on:`: an adverb before the verb.
        if verb + 1 < colon
            && (self.low(verb).ends_with("ly") || matches!(self.low(verb), "also" | "then" | "later"))
        {
            verb += 1;
        }
        if verb >= colon || !self.is_word(verb) || !looks_finite(self.low(verb)) {
            return None;
        }
        // The apposition's name speaks (`The deputy, Ana Ruiz, made it plain:`).
        Some(self.subject_before(verb, ss).filter(|s| s.np.0 >= a).unwrap_or(opening))
    }
}

/// Does a lower-case word after a clause's subject look like its finite
/// verb: a past or third-person form (`delivered`, `makes`), an auxiliary,
/// or a common irregular past (`went`, `put`)? Nouns and prepositions
/// (`Ana Ruiz, 64, at work:`) do not.
fn looks_finite(w: &str) -> bool {
    let regular =
        w.len() > 3 && (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"));
    regular && !in_list(NOT_VERBS, w) || in_list(FINITE_VERBS, w)
}

/// Auxiliaries and irregular past forms that introduce a quote after a
/// colon (`She went on:`, `He put it bluntly:`), sorted.
const FINITE_VERBS: &[&str] = &[
    "are", "began", "came", "did", "does", "gave", "got", "had", "has", "is", "kept", "left", "made", "put",
    "sent", "set", "spoke", "summed", "took", "was", "went", "were", "will", "wrote",
];

/// Words ending like verbs that are none (`always`, `towards`), sorted.
const NOT_VERBS: &[&str] = &["always", "besides", "news", "perhaps", "towards", "whereas"];

#[cfg(test)]
mod tests {
    use super::{MANNER_CUES, NOT_VERBS};

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(MANNER_CUES.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_VERBS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::FINITE_VERBS.windows(2).all(|w| w[0] < w[1]));
    }
}
