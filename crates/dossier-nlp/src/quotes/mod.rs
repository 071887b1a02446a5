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
//! look-back of at most 300 names for descriptions, a bounded window of names); the
//! `quotes_scaling` bench checks it. Nothing here fails: odd input gives
//! fewer quotes.

pub mod confidence;
pub mod cues;
pub mod eval;
pub(crate) mod gender;
pub mod marks;
mod names;
mod no_comment;
mod nothing;
mod passages;
mod position;
mod reported;
mod speaker;
mod transcript;
mod via;
pub mod via_eval;

use dossier_core::{Mention, NoComment, Quote, QuoteKind, Span, Speaker};

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
    Doc::new(text, tokens, sentences, entities).attribute()
}

/// [`find_quotes`], and the refusals to comment of the same text
/// ([`no_comment`]): who declined to comment or could not be reached.
pub fn find_statements(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Mention],
) -> (Vec<Quote>, Vec<NoComment>) {
    if tokens.is_empty() || sentences.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let doc = Doc::new(text, tokens, sentences, entities);
    let quotes: Vec<Quote> = doc.attribute().into_iter().map(|(q, _)| q).collect();
    let refusals = doc.no_comments(&quotes);
    (quotes, refusals)
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
    /// Prefix count of tokens inside double-quoted passages.
    dq_prefix: Vec<u32>,
    /// Fullest name → the gender its titles say (built on first use, see `speaker`).
    genders: std::cell::OnceCell<std::collections::HashMap<String, gender::Gender>>,
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
            dq_prefix: Vec::new(),
            genders: std::cell::OnceCell::new(),
        };
        // `As X put it, “…”`: the idiom is a cue whatever the table says of `put`.
        let put_it: Vec<usize> = (0..toks.len().saturating_sub(2))
            .filter(|&i| {
                matches!(doc.low(i), "put" | "puts")
                    && doc.low(i + 1) == "it"
                    && matches!(doc.low(i + 2), "," | ":" | "\"" | "“" | "this" | "that")
            })
            .collect();
        for i in put_it {
            doc.cue[i] = doc.cue[i].max(CUE_THRESHOLD_NEAR_QUOTE + 0.2);
        }
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

    /// The three passes, then speaker resolution (module doc).
    fn attribute(&self) -> Vec<(Quote, Evidence)> {
        let mut drafts = self.passage_quotes();
        self.frame_quotes(&mut drafts);
        self.leftover_passages(&mut drafts);
        self.transcript_turns(&mut drafts);
        drafts.sort_by_key(|d| (d.content.start, d.content.end));
        self.drop_repeats(&mut drafts);
        self.colon_speakers(&mut drafts);
        self.finish(drafts)
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

    /// Where a clause that starts at `i` ends (exclusive): the next comma or
    /// clause punctuation, or `se`.
    fn clause_end(&self, i: usize, se: usize) -> usize {
        (i..se)
            .find(|&t| matches!(self.low(t), "," | ";" | ":" | "(" | "—" | "–") || self.is_terminal(t))
            .unwrap_or(se)
    }

    /// The tokens `[a, b)` that overlap `span`.
    fn token_range(&self, span: Span) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.span.end <= span.start);
        let b = self.toks.partition_point(|t| t.span.start < span.end);
        (a, b.max(a))
    }

    /// The speaker subject `s` names: resolved against `history` (earlier
    /// speakers' positions and names), with its role, whom it speaks for
    /// and the outlet after the cue; and how it was resolved.
    fn speaker_of(
        &self,
        s: Subject,
        cue: Option<(usize, usize)>,
        content: Span,
        history: &[(usize, String)],
    ) -> (Speaker, speaker::Resolution) {
        let res = self.resolve(s.np, content, history);
        let span = self.span_of(s.np.0, s.np.1);
        let role = s.role.map(|(a, b)| self.span_of(a, b).slice(self.text).to_string());
        let (role, on_behalf_of) = match self.spoken_for(s.np) {
            Some((r, whom)) if res.name.is_none() => (role.or(Some(r)), Some(whom)),
            _ => (role, None),
        };
        let channel = cue.and_then(|(c, _)| self.channel_after(c));
        (Speaker { span, name: res.name.clone(), entity: None, role, on_behalf_of, channel }, res)
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
            // Words that cannot be a speaker leave the statement unattributed.
            let subject = d.subject.and_then(|s| self.plausible_speaker(s.np).map(|np| Subject { np, ..s }));
            if let Some(s) = subject {
                let (found, res) = self.speaker_of(s, d.cue, d.content, &history);
                if let Some(n) = &found.name {
                    history.push((found.span.start, n.clone()));
                } else if res.how == How::Unnamed {
                    // An unnamed speaker (`A former engineer, who asked not to
                    // be named, said …`) is the last speaker too: a `she said`
                    // after it is that engineer, not an earlier name.
                    history.push((found.span.start, String::new()));
                }
                how = res.how;
                candidates = res.candidates;
                speaker = Some(found);
            } else if let Some(src) = d.inherited {
                let at = out.partition_point(|(q, _)| (q.span.start, q.span.end) < (src.start, src.end));
                if let Some((q, _)) = out.get(at).filter(|(q, _)| q.span == src) {
                    speaker = q.speaker.clone();
                    how = How::Inherited;
                }
            }
            if speaker.is_none() && candidates.is_empty() {
                let here = d.content.start;
                candidates = history
                    .iter()
                    .rev()
                    .filter(|(p, n)| *p < here && !n.is_empty())
                    .map(|(_, n)| n.clone())
                    .take(3)
                    .collect();
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
                    via: self.via_of(d.cue, d.content),
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
