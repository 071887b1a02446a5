//! Interview and hearing transcripts: a paragraph that opens with a speaker
//! label in capitals and a colon (`PENCE: Well, look …`, `SEN. AHO: …`) is
//! that speaker's words, verbatim, whether or not the paragraph is put in
//! quotation marks.
//!
//! A label is one to three words written wholly in capitals (two letters
//! or more), right at the start of the paragraph (after an opening
//! quotation mark, if any), after a title in title case (`Mr TRAN:`, the
//! Hansard style) and before a role in brackets (`RODOLFO CRUZ (CHAIRMAN,
//! FISHERS' COOPERATIVE):`, the broadcast style) if any; or the
//! interviewer's `Q` and the interviewee's `A` of a Q&A interview. Unquoted
//! paragraphs count only in a transcript: two labelled paragraphs or more,
//! under two labels or more, so that a lone `NOTE: …` or `UPDATE: …` is
//! never taken for speech.

use dossier_core::QuoteKind;

use super::confidence::Origin;
use super::cues::in_list;
use super::speaker::{Subject, TITLES};
use super::{Doc, Draft};
use crate::token::TokenKind;

/// Words in capitals that label a paragraph but are no speaker.
const NOT_SPEAKERS: &[&str] =
    &["EDITOR'S", "NOTE", "PHOTO", "READ", "SOURCE", "UPDATE", "UPDATED", "VIDEO", "WATCH", "WARNING"];

impl Doc<'_> {
    /// The speaker label that opens at token `t`: its first and last
    /// tokens (the colon follows them, or a role in brackets and then the
    /// colon).
    pub(super) fn transcript_label(&self, t: usize) -> Option<(usize, usize)> {
        self.transcript_label_and_colon(t).map(|(label, _)| label)
    }

    /// [`Self::transcript_label`] and the token of the colon that ends it.
    fn transcript_label_and_colon(&self, t: usize) -> Option<((usize, usize), usize)> {
        let mut e = t;
        // `Mr TRAN:`: a title in title case before the name in capitals.
        let titled = self.is_word(t)
            && in_list(TITLES, self.low(t))
            && self.word(t).chars().skip(1).any(char::is_lowercase);
        if titled {
            e += 1;
            if self.word(e) == "." {
                e += 1;
            }
        }
        let mut words = 0;
        // The label ends before `:`, or before a role in brackets and `:`.
        let ends_at = |colon: usize, words: usize, last: usize| {
            (words > 0 && words <= 3 && !(t..colon).any(|k| self.gap_has_newline(k)))
                .then_some(((t, last), colon))
        };
        while e < self.toks.len() && words < 4 {
            let w = self.word(e);
            match self.toks[e].kind {
                TokenKind::Word => {
                    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                    let q_or_a = e == t && matches!(w, "Q" | "A") && self.word(e + 1) == ":";
                    if letters < 2 && !q_or_a
                        || w.chars().any(char::is_lowercase)
                        || NOT_SPEAKERS.contains(&w)
                    {
                        return None;
                    }
                    words += 1;
                }
                _ if w == "." && words > 0 => {}
                _ if w == ":" => return ends_at(e, words, e - 1),
                _ if w == "(" && words > 0 => {
                    let close = (e + 1..self.toks.len().min(e + 14)).find(|&k| self.word(k) == ")")?;
                    return if self.word(close + 1) == ":" { ends_at(close + 1, words, e - 1) } else { None };
                }
                _ => return None,
            }
            e += 1;
        }
        None
    }

    /// Quoted paragraphs that open with a label take it as their speaker
    /// (the drafts of the first pass), and, in a transcript, unquoted
    /// labelled paragraphs become direct statements.
    pub(super) fn transcript_turns(&self, drafts: &mut Vec<Draft>) {
        for d in drafts.iter_mut() {
            if d.subject.is_some()
                || !matches!(d.origin, Origin::Cueless | Origin::Continuation | Origin::Leftover)
            {
                continue;
            }
            let (a, _) = self.token_range(d.content);
            if a + 1 < self.toks.len() && self.is_open_mark(a) {
                if let Some(np) = self.transcript_label(a + 1) {
                    d.subject = Some(Subject { np, role: None });
                    d.inherited = None;
                    d.origin = Origin::Transcript;
                }
            }
        }
        // Unquoted turns: (label, content tokens) per paragraph.
        let mut turns = Vec::new();
        for p in &self.paras {
            let a = self.toks.partition_point(|t| t.span.end <= p.start);
            if a >= self.toks.len() || self.toks[a].span.start >= p.end || self.in_passage[a].is_some() {
                continue;
            }
            // The turn starts after the colon (after the role in brackets, if any).
            let Some((label, colon)) = self.transcript_label_and_colon(a) else { continue };
            let first = colon + 1;
            let last = self.toks.partition_point(|t| t.span.start < p.end);
            if first < last {
                turns.push((label, first, last - 1));
            }
        }
        let label_text = |l: (usize, usize)| self.span_of(l.0, l.1).slice(self.text);
        let distinct = {
            let mut v: Vec<&str> = turns.iter().map(|&(l, _, _)| label_text(l)).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        if turns.len() < 2 || distinct < 2 {
            return;
        }
        for (label, first, last) in turns {
            let content = self.span_of(first, last);
            if drafts.iter().any(|d| d.content.overlaps(&content)) {
                continue;
            }
            drafts.push(Draft {
                kind: QuoteKind::Direct,
                content,
                cue: None,
                subject: Some(Subject { np: label, role: None }),
                inherited: None,
                origin: Origin::Transcript,
            });
        }
    }
}
