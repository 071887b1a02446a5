//! Quotes and attribution: who said what, according to whom.
//!
//! [`find_quotes`] finds every statement a news text attributes to someone:
//!
//! - **direct** quotes, wholly inside quotation marks (`“We stay,” he said.`);
//! - **mixed** quotes, a reported clause that quotes some words (`accused the
//!   United States of living in a “pseudo-reality”`);
//! - **indirect** (reported) speech (`Kiljunen said the investigation would
//!   last`, `according to Time magazine, …`).
//!
//! It works in two passes over the shared tokens and sentences. The first
//! pairs quotation marks into passages ([`marks`]) and attributes each
//! passage to the cue and speaker next to it (`“…,” he said`, `said X: “…”`,
//! `X: “…”`); a quote split by its cue (`"A," he said. "B."`) is reported as
//! **one** quote whose span runs from the first part to the last, and a
//! paragraph that only continues the previous speaker's quote is attributed
//! to that speaker. The second pass takes every remaining cue word (a table
//! learned from PolNeAR train plus a list of speech verbs, [`cues`]) and
//! reads its frame: speaker before or after the cue, content after it (from
//! `that` when there is one) or before it (`…, she said.`), and `according
//! to X, …`. Speakers are then resolved to names within the document
//! ([`speaker`]). A third pass reports the quoted passages of five words or
//! more that no statement holds yet (they are attributed in the news more
//! often than not), with the speaker of the statement just before when it is
//! in the same paragraph. A verb without a subject of its
//! own (`…, adding: “…”`, `X shook her head and said, “…”`) takes the
//! subject the sentence opens with. A cue after a quote that ends its
//! sentence with a period belongs to the next statement, not to the quote
//! (after `?` or `!` it may still be the quote's: `“Why?” she asked.`).
//!
//! A cue of the second pass must stand where a verb can ([`position`]): not
//! a capitalised word inside a sentence (`the United States`), an adverb
//! (`also`, `explicitly`; one before a cue verb joins it), an `-ing` form
//! modifying the noun before it (`the forces backing him`) or a participle
//! of a passive or reduced clause (`as proposed by`); its speaker must not
//! be a second-person reader (`You are commenting …`), a lone nationality
//! adjective, or the object of a preposition (`workers in Osh said`: the
//! speaker is `workers`).
//!
//! Every step is linear in the text (a per-sentence index of statements, a
//! noun index for descriptions, a bounded window of names); the
//! `quotes_scaling` bench checks it. Nothing here fails: odd input gives
//! fewer quotes.

pub mod confidence;
pub mod cues;
pub mod eval;
pub mod marks;
mod nothing;
mod position;
mod speaker;

use dossier_core::{Mention, Quote, QuoteKind, Span, Speaker};

use crate::sentence::Sentence;
use crate::token::{Token, TokenKind};
use confidence::{Evidence, How, Origin};
use cues::in_list;
use marks::Passage;
use speaker::{Name, Subject, PRONOUNS};

/// Cue score from which a word starts a reported-speech frame.
const CUE_THRESHOLD: f32 = 0.28;
/// Cue score enough right next to a quotation (`“…,” he quipped`).
const CUE_THRESHOLD_NEAR_QUOTE: f32 = 0.3;

/// Finds the attributed statements of `text`, in text order.
///
/// `tokens` and `sentences` come from [`crate::token::tokenize`] and
/// [`crate::sentence::split_sentences`] on the same text; `entities` are the
/// NER mentions (may be empty: names are then read off capitalisation).
pub fn find_quotes(text: &str, tokens: &[Token], sentences: &[Sentence], entities: &[Mention]) -> Vec<Quote> {
    find_quotes_with_evidence(text, tokens, sentences, entities).into_iter().map(|(q, _)| q).collect()
}

/// [`find_quotes`], with the evidence each statement was found with (what
/// its `confidence` is computed from; `dossier eval quotes` fits the model on it).
pub fn find_quotes_with_evidence(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Mention],
) -> Vec<(Quote, Evidence)> {
    if tokens.is_empty() || sentences.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, tokens, sentences, entities);
    let mut drafts = doc.passage_quotes();
    doc.frame_quotes(&mut drafts);
    doc.leftover_passages(&mut drafts);
    drafts.sort_by_key(|d| (d.content.start, d.content.end));
    doc.drop_repeats(&mut drafts);
    doc.finish(drafts)
}

/// One document prepared for attribution.
pub(crate) struct Doc<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Lower-cased, apostrophe-folded token texts, one buffer.
    low_buf: String,
    /// Token → its range in `low_buf`.
    low_at: Vec<(u32, u32)>,
    /// Cue score per token.
    cue: Vec<f32>,
    /// Token index → sentence index.
    sent: Vec<usize>,
    sents: &'a [Sentence],
    paras: Vec<Span>,
    passages: Vec<Passage>,
    /// Passage → (first token, last token), inclusive.
    ptoks: Vec<(usize, usize)>,
    /// Token → the passage it lies in.
    in_passage: Vec<Option<usize>>,
    names: Vec<Name>,
    /// Noun → names it was attached to (built on first use, see `speaker`).
    attached: std::cell::OnceCell<std::collections::HashMap<String, Vec<usize>>>,
    /// Prefix count of tokens inside double-quoted passages.
    dq_prefix: Vec<u32>,
}

/// A statement found, before speaker resolution.
#[derive(Debug, Clone)]
struct Draft {
    kind: QuoteKind,
    content: Span,
    cue: Option<(usize, usize)>,
    subject: Option<Subject>,
    /// The speaker is taken over from an earlier quote (continuation).
    inherited: Option<Span>,
    /// How the content was found.
    origin: Origin,
}

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

/// Common sentence-initial words that are not names.
const NOT_NAMES: &[&str] = &[
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

impl<'a> Doc<'a> {
    fn new(text: &'a str, toks: &'a [Token], sents: &'a [Sentence], entities: &[Mention]) -> Self {
        let mut low_buf = String::with_capacity(text.len());
        let mut low_at = Vec::with_capacity(toks.len());
        let mut cue = Vec::with_capacity(toks.len());
        for t in toks {
            let w = t.text(text);
            let start = low_buf.len();
            if w.is_ascii() {
                low_buf.push_str(w);
                low_buf[start..].make_ascii_lowercase();
            } else {
                low_buf.push_str(&cues::normalize(w));
            }
            low_at.push((start as u32, low_buf.len() as u32));
            cue.push(if t.kind == TokenKind::Word { cues::cue_score(&low_buf[start..]) } else { 0.0 });
        }
        let mut sent = vec![0usize; toks.len()];
        for (si, s) in sents.iter().enumerate() {
            for t in s.tokens.clone() {
                if let Some(x) = sent.get_mut(t) {
                    *x = si;
                }
            }
        }
        let paras = marks::paragraphs(text);
        let passages: Vec<Passage> = marks::find_passages_in(text, &paras);
        let mut in_passage = vec![None; toks.len()];
        let mut ptoks = Vec::with_capacity(passages.len());
        for (pi, p) in passages.iter().enumerate() {
            let a = toks.partition_point(|t| t.span.end <= p.span.start);
            let b = toks.partition_point(|t| t.span.start < p.span.end);
            let (a, b) = if a < b { (a, b - 1) } else { (a.min(toks.len() - 1), a.min(toks.len() - 1)) };
            ptoks.push((a, b));
            for slot in in_passage.iter_mut().take(b + 1).skip(a) {
                *slot = Some(pi);
            }
        }
        let mut doc = Doc {
            text,
            toks,
            low_buf,
            low_at,
            cue,
            sent,
            sents,
            paras,
            passages,
            ptoks,
            in_passage,
            names: Vec::new(),
            attached: std::cell::OnceCell::new(),
            dq_prefix: Vec::new(),
        };
        let mut acc = 0u32;
        doc.dq_prefix.reserve(toks.len() + 1);
        doc.dq_prefix.push(0);
        for slot in &doc.in_passage {
            if slot.is_some_and(|pi| !doc.passages[pi].single) {
                acc += 1;
            }
            doc.dq_prefix.push(acc);
        }
        doc.names = if entities.is_empty() { doc.capitalised_names() } else { doc.entity_names(entities) };
        speaker::fill_full_names(text, &mut doc.names);
        doc
    }

    fn entity_names(&self, entities: &[Mention]) -> Vec<Name> {
        let mut v: Vec<Name> = entities
            .iter()
            .filter(|m| {
                m.span.end <= self.text.len()
                    && self.text.is_char_boundary(m.span.start)
                    && self.text.is_char_boundary(m.span.end)
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
        v
    }

    /// Names read off capitalisation: runs of capitalised words, leaving out
    /// common sentence openers.
    fn capitalised_names(&self) -> Vec<Name> {
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

    fn name_token(&self, i: usize) -> bool {
        let w = self.toks[i].text(self.text);
        self.toks[i].kind == TokenKind::Word
            && w.chars().next().is_some_and(char::is_uppercase)
            && !(w.len() > 5 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
    }

    fn gap_has_newline(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|n| self.text[self.toks[i].span.end..n.span.start].contains('\n'))
    }

    /// The lower-cased, apostrophe-folded text of token `i` (empty past the end).
    pub(crate) fn low(&self, i: usize) -> &str {
        self.low_at.get(i).map_or("", |&(a, b)| &self.low_buf[a as usize..b as usize])
    }

    pub(crate) fn para_of(&self, byte: usize) -> usize {
        self.paras.partition_point(|p| p.end <= byte).min(self.paras.len().saturating_sub(1))
    }

    pub(crate) fn paragraph_start(&self, idx: usize) -> usize {
        self.paras.get(idx).map_or(0, |p| p.start)
    }

    fn tok_para(&self, i: usize) -> usize {
        self.para_of(self.toks[i].span.start)
    }

    fn sentence_range(&self, i: usize) -> (usize, usize) {
        let s = &self.sents[self.sent[i]];
        (s.tokens.start, s.tokens.end)
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }

    fn is_open_mark(&self, i: usize) -> bool {
        matches!(self.low(i), "\"" | "“" | "„" | "«" | "'" | "‘" | "`")
    }

    /// First pass: attribute quoted passages to the cue next to them.
    fn passage_quotes(&self) -> Vec<Draft> {
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
                let own_cue = self.cue_after(qi).is_some()
                    || self.cue_before(qi).is_some_and(|f| f.cue != frame.cue && f.cue.0 > last_end_tok);
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

    /// Quoted passages no statement holds yet: reported without a cue.
    fn leftover_passages(&self, drafts: &mut Vec<Draft>) {
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
    fn drop_repeats(&self, drafts: &mut Vec<Draft>) {
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

    fn passage_words(&self, pi: usize) -> usize {
        let (a, b) = self.ptoks[pi];
        (a..=b).filter(|&t| self.toks[t].kind == TokenKind::Word).count()
    }

    /// A short quoted phrase inside a sentence: a title or scare quote, not a quote of its own.
    fn is_scare_quote(&self, pi: usize) -> bool {
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
    fn cue_after(&self, pi: usize) -> Option<Frame> {
        let (_, b) = self.ptoks[pi];
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
            if let Some(np) = self.np_fwd(i + 1, hi) {
                if self.word(np.0).chars().next().is_some_and(char::is_uppercase)
                    && self.tok_para(np.0) == self.tok_para(b)
                {
                    return Some(Frame {
                        cue: (i, i),
                        subject: Some(Subject { np, role: None }),
                        that: None,
                        end: np.1,
                    });
                }
            }
        }
        if i >= self.toks.len() {
            return None;
        }
        let (_, se) = self.sentence_range(i.min(self.toks.len() - 1));
        let se = se.max(i + 1).min(self.toks.len());
        for c in i..(i + 8).min(se) {
            if self.in_passage[c].is_some() || self.is_terminal(c) {
                return None;
            }
            if self.low(c) == "," && c > i {
                return self.apposition_cue_after(i, c, se);
            }
            if self.cue[c] < CUE_THRESHOLD_NEAR_QUOTE || self.low(c) == "according" {
                continue;
            }
            let hi = self.clause_end(c + 1, se);
            let subject = if c == i {
                self.subject_after(c, hi)
            } else {
                let j = self.skip_aux_back(c - 1, i);
                match self.np_back(j, i) {
                    Some(np) if np.0 == i => Some(Subject { np, role: None }),
                    _ => continue,
                }
            };
            let end = subject.map_or(c, |s| s.np.1.max(c).max(s.role.map_or(0, |r| r.1)));
            return Some(Frame { cue: (c, c), subject, that: None, end });
        }
        None
    }

    /// `“…,” Ben Slay, a senior economist at …, said`: the name `[i, comma)`,
    /// its apposition, and the cue after the second comma.
    fn apposition_cue_after(&self, i: usize, comma: usize, se: usize) -> Option<Frame> {
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
    fn cue_before(&self, pi: usize) -> Option<Frame> {
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
                // `Mrs. Clinton shook her head and said, “No.”`: a coordinated
                // cue (or a participle) takes the subject the sentence opens with.
                let subject = subject.or_else(|| {
                    let participle = self.low(k).ends_with("ing") && self.low(k - 1) == ",";
                    let coordinated = matches!(self.low(k - 1), "and" | "but");
                    if k > ss && (participle || coordinated) {
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

    /// Where a clause that starts at `i` ends (exclusive): the next comma or
    /// clause punctuation, or `se`.
    fn clause_end(&self, i: usize, se: usize) -> usize {
        (i..se)
            .find(|&t| matches!(self.low(t), "," | ";" | ":" | "(" | "—" | "–") || self.is_terminal(t))
            .unwrap_or(se)
    }

    /// The end of a sentence's content: without a final `.`/`;` (a closing
    /// quotation mark and the punctuation inside it stay).
    fn content_end(&self, ss: usize, se: usize) -> usize {
        let mut e = se;
        while e > ss + 1 && (self.is_terminal(e - 1) || matches!(self.low(e - 1), ",")) {
            e -= 1;
        }
        e
    }

    /// Second pass: reported speech around every remaining cue.
    fn frame_quotes(&self, drafts: &mut Vec<Draft>) {
        let mut used_cue: Vec<usize> = drafts.iter().filter_map(|d| d.cue.map(|c| c.0)).collect();
        used_cue.sort_unstable();
        let mut sentence_subject: Vec<Option<Subject>> = vec![None; self.sents.len()];
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
            if ci > ss
                && matches!(
                    self.low(ci - 1),
                    "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its"
                )
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
            // A passive's subject, a place after a preposition or a lone
            // nationality is not the speaker: the statement stays, unattributed.
            if let Some(s) = frame.subject {
                frame.subject = self.prepositional_host(&s, frame.cue.0, ss).or(Some(s));
            }
            if cue_use == position::CueUse::Passive
                || frame.subject.is_some_and(|s| !self.speaker_fits(&s, frame.cue.0))
            {
                frame.subject = None;
            }
            if let Some(s) = frame.subject {
                sentence_subject[self.sent[ci]].get_or_insert(s);
            }
            let content = frame.content;
            // A vote, a choice, a refusal: an act, not words.
            let (ta, tb) = self.token_range(content);
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
    fn opening_subject(&self, ss: usize, c: usize) -> Option<Subject> {
        let mut k = ss;
        // `On Tuesday, Sanders went further, endorsing …`
        if let Some(comma) = (ss..(ss + 6).min(c)).find(|&t| self.low(t) == ",") {
            k = comma + 1;
        }
        if k >= c || self.in_passage[k].is_some() {
            return None;
        }
        let hi = self.clause_end(k, c);
        let l = self.low(k);
        let np = if in_list(PRONOUNS, l) {
            (l != "it").then_some((k, k))?
        } else if self.word(k).chars().next().is_some_and(char::is_uppercase) && !in_list(NOT_NAMES, l) {
            // A name: its run of capitalised words (`Senator Ruth Amos`).
            let mut e = k;
            while e + 1 < hi && self.word(e + 1).chars().next().is_some_and(char::is_uppercase) {
                e += 1;
            }
            (k, e)
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

    /// The tokens `[a, b)` that overlap `span`.
    fn token_range(&self, span: Span) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.span.end <= span.start);
        let b = self.toks.partition_point(|t| t.span.start < span.end);
        (a, b.max(a))
    }

    /// Records draft `di` under every sentence its content or cue touches.
    fn index_draft(
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
    fn reported_frame(
        &self,
        c: usize,
        ss: usize,
        se: usize,
        main_subject: Option<Subject>,
    ) -> Option<ReportFrame> {
        let ce = self.content_end(ss, se);
        let mut cue = (c, c);
        // `according to X, …` / `…, according to X.`
        if self.low(c) == "according" {
            if c + 1 >= se || self.low(c + 1) != "to" {
                return None;
            }
            cue = (c, c + 1);
            let src_end = self.clause_end(c + 2, se);
            let subject = self.np_fwd(c + 2, src_end).map(|np| Subject { np, role: None });
            let content = if c == ss || c > 0 && self.is_open_mark(c - 1) && c - 1 == ss {
                let start = src_end + 1;
                if start >= ce {
                    return None;
                }
                self.span_of(start, ce - 1)
            } else if c > ss + 1 && self.low(c - 1) == "," {
                self.span_of(ss, c - 2)
            } else {
                self.span_of(ss, ce - 1)
            };
            return Some(ReportFrame { cue, subject, content });
        }
        let l = self.low(c);
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
        let left_comma = left_end > ss
            && (self.low(left_end - 1) == ","
                || left_end > ss + 1 && self.is_close_mark(left_end - 1) && self.low(left_end - 2) == ",");
        let right_start = if is_before { c + 1 } else { subj_last + 1 };
        // Counted only as far as the tests below need (sentences can be huge).
        let right_words = (right_start..ce).filter(|&t| self.toks[t].kind == TokenKind::Word).take(7).count();
        let right_has_that = (right_start..ce.min(right_start + 8)).any(|t| self.low(t) == "that");
        let left_words = (ss..l_end).filter(|&t| self.toks[t].kind == TokenKind::Word).take(2).count();
        // `In a second decision, the court said …`: an opening adverbial
        // is not the content; what follows the cue is.
        let fronted = is_before && self.fronted_adverbial(ss, l_end);
        let content = if left_comma
            && left_words >= 2
            && !fronted
            && (right_words <= 6 && !right_has_that || !is_before)
        {
            // `…, she said.` / `…, said the envoy.`
            self.span_of(ss, l_end - 1)
        } else if right_words >= 2 {
            let start = self.content_start(c, right_start, ce);
            if start >= ce {
                return None;
            }
            if left_comma && left_words >= 2 && self.low(right_start.min(ce - 1)) == "," {
                // `The plan, he said, would fail.`
                self.span_of(ss, ce - 1)
            } else {
                let end = self.right_end(start, ce, cues::is_speech_verb(l));
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

    /// Is `[ss, end)` an opening adverbial phrase and nothing more (`In a
    /// second decision,`, `Despite the setback,`): a preposition or
    /// subordinator, at most eight words, no comma inside?
    fn fronted_adverbial(&self, ss: usize, end: usize) -> bool {
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
    fn right_end(&self, start: usize, ce: usize, speech: bool) -> usize {
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
            if matches!(w, ";" | "—" | "–" | "―" | "(") {
                return t;
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

    fn is_close_mark(&self, i: usize) -> bool {
        matches!(self.low(i), "”" | "\"" | "'" | "»")
    }

    /// Where the reported content begins after a cue: at `that` when it comes
    /// soon, else after an addressee (`told reporters`) and a leading comma or colon.
    fn content_start(&self, cue: usize, r: usize, ce: usize) -> usize {
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
        s
    }

    /// Resolves speakers in text order and builds the quotes, each with the
    /// evidence its calibrated `confidence` comes from.
    fn finish(&self, drafts: Vec<Draft>) -> Vec<(Quote, Evidence)> {
        let mut history: Vec<(usize, String)> = Vec::new();
        let mut out: Vec<(Quote, Evidence)> = Vec::with_capacity(drafts.len());
        // Continuations name the content of the quote they continue, which comes earlier.
        for d in &drafts {
            let mut speaker = None;
            let mut candidates = Vec::new();
            let mut how = How::None;
            if let Some(s) = d.subject {
                let res = self.resolve(s.np, &history);
                let span = self.span_of(s.np.0, s.np.1);
                let role = s.role.map(|(a, b)| self.span_of(a, b).slice(self.text).to_string());
                if let Some(n) = &res.name {
                    history.push((span.start, n.clone()));
                }
                how = res.how;
                candidates = res.candidates;
                let (role, on_behalf_of) = match self.spoken_for(s.np) {
                    Some((r, whom)) if res.name.is_none() => (role.or(Some(r)), Some(whom)),
                    _ => (role, None),
                };
                let channel = d.cue.and_then(|(c, _)| self.channel_after(c));
                speaker = Some(Speaker { span, name: res.name, entity: None, role, on_behalf_of, channel });
            } else if let Some(src) = d.inherited {
                let at = out.partition_point(|(q, _)| (q.span.start, q.span.end) < (src.start, src.end));
                if let Some((q, _)) = out.get(at).filter(|(q, _)| q.span == src) {
                    speaker = q.speaker.clone();
                    how = How::Inherited;
                }
            }
            if speaker.is_none() && candidates.is_empty() {
                let here = d.content.start;
                candidates =
                    history.iter().rev().filter(|(p, _)| *p < here).map(|(_, n)| n.clone()).take(3).collect();
                candidates.dedup();
            }
            let (ta, tb) = self.token_range(d.content);
            let evidence = Evidence {
                origin: d.origin,
                how,
                kind: d.kind,
                cue_score: d.cue.map_or(0.0, |(c, _)| self.cue[c]),
                words: (ta..tb).filter(|&t| self.is_word(t)).count(),
                role: speaker.as_ref().is_some_and(|s| s.role.is_some()),
                named: speaker.as_ref().is_some_and(|s| s.name.is_some()),
            };
            out.push((
                Quote {
                    kind: d.kind,
                    span: d.content,
                    cue: d.cue.map(|(a, b)| self.span_of(a, b)),
                    speaker,
                    confidence: Some(evidence.probability().clamp(0.0, 1.0)),
                    candidates,
                    date: None,
                    date_source: None,
                },
                evidence,
            ));
        }
        out
    }
}

/// A cue found next to a quoted passage.
#[derive(Debug, Clone, Copy)]
struct Frame {
    cue: (usize, usize),
    subject: Option<Subject>,
    /// A `that` between the cue and the passage makes the quote mixed.
    that: Option<usize>,
    /// The last token of the attribution frame.
    end: usize,
}

/// A reported-speech frame.
#[derive(Debug, Clone, Copy)]
struct ReportFrame {
    cue: (usize, usize),
    subject: Option<Subject>,
    content: Span,
}

/// How much of the shorter span the two spans share, 0–1.
fn overlap_share(a: Span, b: Span) -> f32 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let shorter = a.len().min(b.len()).max(1);
    inter as f32 / shorter as f32
}

/// Is `word` a subject pronoun?
pub fn is_pronoun(word: &str) -> bool {
    in_list(PRONOUNS, word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests;
