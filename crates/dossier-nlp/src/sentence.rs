//! Sentence splitting over the shared tokens, made for news text.
//!
//! A sentence ends at `.`, `!`, `?`, `…` or `...` when what follows looks
//! like a new sentence (a capital, a digit, an opening quote or bracket, or
//! the end of the text); closing quotes and brackets after the mark stay with
//! the sentence (`… trust,” he told reporters.` is one sentence; `“Yes.” Then`
//! is two), unless a straight quote is glued to the next word: the `''` of
//! `plan.''It` (New York Times style) opens the next sentence. Abbreviation periods belong to their token, so `U.S.`, `Gen.` and
//! initials do not end a sentence unless the next word is a typical sentence
//! opener. Line structure counts too: a blank line always ends a sentence, and
//! a single line break does when the line before looks like a headline, a
//! dateline or a list item (no final punctuation, short), or the next line
//! starts a list item. Hard-wrapped prose lines are joined.

use std::ops::Range;

use dossier_core::Span;

use crate::token::{Token, TokenKind, TITLE_ABBREVIATIONS};

/// One sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end (bytes).
    pub span: Span,
    /// Indices into the token slice the sentence was split from.
    pub tokens: Range<usize>,
}

/// Words that typically open a sentence; after a non-title abbreviation
/// (`… in the U.S. The talks …`) they signal a boundary.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "For",
    "So",
    "Yet",
    "Some",
    "Many",
    "Most",
    "According",
];

/// Longest line (in tokens) still taken for a headline when it lacks final
/// punctuation.
const HEADLINE_MAX_TOKENS: usize = 16;

/// Splits `tokens` (from [`crate::token::tokenize`] on `text`) into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        let mut end_here = false;
        let mut last = i; // the last token that belongs to the sentence if it ends here
        let tok = tokens[i].text(text);
        if is_terminal(tok) && !is_list_number_period(text, tokens, i) {
            // Absorb closing quotes and brackets.
            while last + 1 < tokens.len() && closes(text, tokens, last) {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => starts_sentence(next.text(text)) || gap_has_newline(text, tokens, last),
            };
        } else if tok.ends_with('.') && tokens[i].kind == TokenKind::Word && tok.len() > 1 {
            // An abbreviation that may also close the sentence.
            let body = tok.trim_end_matches('.').to_lowercase();
            if !TITLE_ABBREVIATIONS.contains(&body.as_str()) && !is_initial(tok) {
                end_here = match tokens.get(i + 1) {
                    None => true,
                    Some(next) => OPENERS.contains(&next.text(text)) || gap_has_blank_line(text, tokens, i),
                };
            }
        }
        if !end_here && i + 1 < tokens.len() && line_break_ends_sentence(text, tokens, start, i) {
            end_here = true;
        }
        if end_here || last + 1 == tokens.len() {
            sentences.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[last].span.end),
                tokens: start..last + 1,
            });
            start = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    sentences
}

fn is_terminal(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || (tok.len() > 1 && tok.chars().all(|c| matches!(c, '.' | '!' | '?')))
}

/// Does token `i + 1` close what token `i` ends? Curly and angle closers
/// always do; a straight quote only when attached (`idea."` closes, while in
/// `idea. "We` the quote opens the next sentence).
fn closes(text: &str, tokens: &[Token], i: usize) -> bool {
    let attached = gap(text, tokens, i).is_empty();
    match tokens[i + 1].text(text) {
        "”" | "’" | "»" | "›" => !gap_has_newline(text, tokens, i),
        "\"" | "'" => attached && !opens_word(text, tokens, i + 1),
        ")" | "]" | "}" => attached,
        _ => false,
    }
}

/// Is the straight quote at token `j` glued to the word after it (`''It`,
/// `"We`, possibly as the first of a `''` pair)? Then it opens the next
/// sentence even when the period before it has no space (`plan.''It`).
fn opens_word(text: &str, tokens: &[Token], j: usize) -> bool {
    let mut k = j;
    // The second mark of a `''` pair.
    if tokens.get(k + 1).is_some_and(|t| t.text(text) == tokens[j].text(text))
        && gap(text, tokens, k).is_empty()
    {
        k += 1;
    }
    gap(text, tokens, k).is_empty()
        && tokens.get(k + 1).is_some_and(|t| t.text(text).chars().next().is_some_and(char::is_alphanumeric))
}

/// A period after a number that opens a line (`1. First point`) numbers a
/// list item; it does not end a sentence.
fn is_list_number_period(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && i < tokens.len()
        && tokens[i].text(text) == "."
        && tokens[i - 1].kind == TokenKind::Number
        && tokens[i - 1].span.end == tokens[i].span.start
        && tokens[i - 1].span.len() <= 3
        && (i == 1 || gap_has_newline(text, tokens, i - 2))
}

fn is_initial(tok: &str) -> bool {
    let mut chars = tok.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn starts_sentence(tok: &str) -> bool {
    let c = tok.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '"' | '“' | '‘' | '«' | '„' | '(' | '[' | '\'' | '`' | '-' | '–' | '—' | '•' | '*')
}

/// The whitespace between token `i` and token `i + 1`.
fn gap<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    match tokens.get(i + 1) {
        Some(next) => &text[tokens[i].span.end..next.span.start],
        None => "",
    }
}

fn gap_has_newline(text: &str, tokens: &[Token], i: usize) -> bool {
    gap(text, tokens, i).contains('\n')
}

fn gap_has_blank_line(text: &str, tokens: &[Token], i: usize) -> bool {
    gap(text, tokens, i).matches('\n').count() >= 2
}

/// Does the line break after token `i` end the sentence that began at token `start`?
fn line_break_ends_sentence(text: &str, tokens: &[Token], start: usize, i: usize) -> bool {
    if !gap_has_newline(text, tokens, i) {
        return false;
    }
    if gap_has_blank_line(text, tokens, i) {
        return true;
    }
    let next = tokens[i + 1].text(text);
    if is_list_marker(next) || is_list_number_period(text, tokens, i + 2) {
        return true;
    }
    // The line that ends at token i: from the last line break before it.
    let mut line_start = i;
    while line_start > start && !gap_has_newline(text, tokens, line_start - 1) {
        line_start -= 1;
    }
    let line_tokens = i + 1 - line_start;
    let last = tokens[i].text(text);
    let continues = matches!(last, "," | ";" | ":" | "-" | "–" | "—" | "(" | "&")
        || last.chars().all(|c| c.is_lowercase()) && line_tokens > HEADLINE_MAX_TOKENS;
    // A short line without final punctuation is a headline, byline or list item;
    // a long one is hard-wrapped prose.
    // A line opening with a bare number (`26 August` / `2010`) continues.
    !continues
        && line_tokens <= HEADLINE_MAX_TOKENS
        && starts_sentence(next)
        && !next.starts_with(|c: char| c.is_numeric())
}

fn is_list_marker(tok: &str) -> bool {
    matches!(tok, "-" | "*" | "•" | "·" | "–" | "—")
}

/// Splits `text` into sentence spans (tokenizing it first).
pub fn sentence_spans(text: &str) -> Vec<Span> {
    let tokens = crate::token::tokenize(text);
    split_sentences(text, &tokens).into_iter().map(|s| s.span).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentence_spans(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("Gen. Smith met U.S. envoy J. K. Rowe on Nov. 21. He left."),
            ["Gen. Smith met U.S. envoy J. K. Rowe on Nov. 21.", "He left."]
        );
        assert_eq!(
            sents("It grew 3.5 percent. Dr. Brown agreed."),
            ["It grew 3.5 percent.", "Dr. Brown agreed."]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end_before_an_opener() {
        assert_eq!(
            sents("Talks were held in the U.S. The envoy left."),
            ["Talks were held in the U.S.", "The envoy left."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            sents("“That would create trust,” he told reporters. “Yes.” Then he left."),
            ["“That would create trust,” he told reporters.", "“Yes.”", "Then he left."]
        );
        assert_eq!(sents("\"Why?\" he asked. Nobody knew..."), ["\"Why?\" he asked.", "Nobody knew..."]);
    }

    #[test]
    fn nyt_double_single_quotes_open_the_next_sentence() {
        // The opening `''` after a sentence end belongs to the next sentence;
        // the closing `''` stays with its own.
        assert_eq!(
            sents("The mayor rejected the plan. ''It will not work,'' he said. ''Never.'' Then he left."),
            ["The mayor rejected the plan.", "''It will not work,'' he said.", "''Never.''", "Then he left."]
        );
        assert_eq!(sents("He agreed.''We will see.''"), ["He agreed.", "''We will see.''"]);
        assert_eq!(sents("``Yes,'' she said. ``No.''"), ["``Yes,'' she said.", "``No.''"]);
    }

    #[test]
    fn datelines_headlines_and_lists() {
        let text = "Clashes in Osh\n\nMOSCOW, Nov 21, 2007 (AFP) – Russia said on Wednesday it would act.\nKey points\n- first point\n- second point";
        assert_eq!(
            sents(text),
            [
                "Clashes in Osh",
                "MOSCOW, Nov 21, 2007 (AFP) – Russia said on Wednesday it would act.",
                "Key points",
                "- first point",
                "- second point"
            ]
        );
    }

    #[test]
    fn straight_quotes_open_or_close_by_attachment() {
        assert_eq!(
            sents("The council rejected the idea. \"We will not allow it.\" He left."),
            ["The council rejected the idea.", "\"We will not allow it.\"", "He left."]
        );
    }

    #[test]
    fn numbered_lists_and_split_dates() {
        assert_eq!(
            sents("Steps:\n1. Talk to the envoy.\n2. Report back.\nPublished 26 August\n2010 by the desk."),
            ["Steps:", "1. Talk to the envoy.", "2. Report back.", "Published 26 August\n2010 by the desk."]
        );
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "The commission said that the investigation into the clashes would last throughout the\nautumn and that the report would be ready in December.";
        assert_eq!(sents(text).len(), 1);
    }

    #[test]
    fn spans_cover_all_tokens_in_order() {
        let text = "A. B said: “no…” — and then?! Yes. 🙂";
        let tokens = crate::token::tokenize(text);
        let s = split_sentences(text, &tokens);
        assert_eq!(s.first().unwrap().tokens.start, 0);
        assert_eq!(s.last().unwrap().tokens.end, tokens.len());
        for w in s.windows(2) {
            assert_eq!(w[0].tokens.end, w[1].tokens.start);
        }
        assert!(split_sentences("", &[]).is_empty());
    }
}
