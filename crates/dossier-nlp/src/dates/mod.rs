//! Date expressions: recognition, normalisation to ISO 8601, datelines, and
//! the date of a reported statement.
//!
//! "When did he say it?" matters as much as who said it: a cable from 2006
//! reported in 2023 is not news from 2023. This module finds every date
//! expression of a text and resolves it against the document's own date
//! (the *anchor*), reads the dateline at the top of an article when the
//! metadata has no date, and picks the date a statement was made.
//!
//! # What is recognised
//!
//! - absolute dates in the usual news forms: `November 21, 2007`,
//!   `Nov. 21, 2007`, `21 Nov 2007`, `21st of November`, `19.08.2010`,
//!   `2007-11-21`, `11/21/2007`, with or without a leading weekday
//!   (`Friday, July 21, 2017`);
//! - month and day without a year (`on August 23`, `Nov 21`), month and year
//!   (`June, 2010`, `November 2008`), a month alone (`in December`, `in
//!   early March`), years (`in 2008`, `the 2014 protests`), decades (`the
//!   1990s`, `the '80s`), seasons with a year (`summer 2010`);
//! - weekdays (`on Wednesday`, `Thursday afternoon`, `last Friday`);
//! - words relative to the anchor: `today`, `tonight`, `yesterday`,
//!   `tomorrow`, `last night`, `this morning`, `this/last/next week`,
//!   `weekend`, `month`, `year`, `last March`, `last summer`, `two years
//!   ago`, `a decade ago`, `earlier today`, `later this month`;
//! - ranges: `September-November`, `August 23-25`, `1988-1992`, `between
//!   2006 and 2008`, `from November 20 to December 11`;
//! - modifiers that keep the value: `early`, `mid`, `mid-`, `late`.
//!
//! Numbers that are counts, amounts or identifiers are not years: `1,400
//! international representatives`, `Resolution 1244`, `$2010`, `2010
//! people`, phone numbers, clock times, section numbers.
//!
//! # Value grammar
//!
//! ```text
//! value    = point | point "/" point            ; ISO 8601 interval
//! point    = YYYY "-" MM "-" DD                 ; a day
//!          | YYYY "-" MM                        ; a month
//!          | YYYY                               ; a year
//!          | "--" MM "-" DD | "--" MM           ; no year known (no anchor)
//! ```
//!
//! Weeks are the interval Monday–Sunday (`2015-09-14/2015-09-20`), weekends
//! Saturday–Sunday, decades `1990/1999`, seasons the meteorological months
//! of the northern hemisphere (`2022-06/2022-08`). Modifiers such as `early`
//! do not narrow the value: `early March` is `2023-03`.
//!
//! # Resolution against the anchor
//!
//! Relative expressions need the anchor; without one they are left out,
//! never guessed. A month or month-day without a year takes the year that
//! puts it nearest the anchor, unless the clause's tense says it lies on
//! the other side (`in March, he said` in a January article is last March).
//! A bare weekday is the nearest such day on or before the anchor for past
//! or reported speech and on or after it when the clause points ahead
//! (`will`, `shall`, `'ll`, `would`, `going to`, `plans to`, `scheduled`,
//! `is to`). The tense cue is the nearest one before the expression in its
//! clause, else the nearest after it. Everything is deterministic and pure.
//!
//! # Limits
//!
//! Anaphoric expressions anchored on another event (`the next day`, `the
//! year before`), holidays, clock times and durations are not dates here.
//! A yearless date is resolved against the document's date unless the text
//! has established an earlier time of its own (`In December 2010 …`; see
//! `story.rs` for what counts); `tonight – Dec. 30` is the explicit date.

mod dateline;
mod grammar;
mod lex;
mod resolve;
mod statement;
mod story;
mod tense;
mod words;

use chrono::NaiveDate;
use dossier_core::{DateMention, Span};

pub use dateline::dateline_date;
pub(crate) use lex::is_month_or_weekday;
pub use statement::statement_date;

/// Finds the date expressions of `text`, in text order and non-overlapping,
/// each with its ISO 8601 value (see the module docs for the grammar).
///
/// `anchor` is the document's date: relative and yearless expressions are
/// resolved against it. Without it, relative expressions are left out and
/// yearless ones keep a partial value (`--08-23`). Spans are byte offsets.
///
/// ```
/// use chrono::NaiveDate;
/// use dossier_nlp::dates::find_dates;
///
/// let text = "Kiljunen said on August 23 that the report would be ready in December.";
/// let found = find_dates(text, NaiveDate::from_ymd_opt(2010, 8, 26));
/// let values: Vec<&str> = found.iter().map(|d| d.value.as_str()).collect();
/// assert_eq!(values, ["2010-08-23", "2010-12"]);
/// assert_eq!(found[0].span.slice(text), "August 23");
/// ```
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    if !has_date_trigger(text.as_bytes()) {
        return Vec::new();
    }
    let toks = lex::tokenize(text);
    let cands = grammar::parse_all(text, &toks);
    let paragraph = story::paragraphs(&toks);
    let mut story = story::StoryTime::new(anchor);
    let mut out = Vec::with_capacity(cands.len());
    let mut i = 0;
    while i < cands.len() {
        let c = &cands[i];
        // `tonight – Dec. 30`: one expression, the day the explicit date names.
        let (read, first) = match cands.get(i + 1) {
            Some(next) if story::restates(text, &toks, c, next) => (next, c),
            _ => (c, c),
        };
        i += if std::ptr::eq(read, first) { 1 } else { 2 };
        let para = paragraph[read.start];
        let tense = tense::tense_at(text, &toks, read.start, read.end);
        let res = match story.reference_for(&read.val, para) {
            // A clause in the past tense is placed nearest the story's
            // time; one that does not look back (`will launch on April
            // 29`, `launches June 28`) speaks from the document's date.
            Some(reference) if tense == resolve::Tense::Past => {
                resolve::resolve(&read.val, Some(reference), resolve::Tense::Unknown)
            }
            _ => resolve::resolve(&read.val, anchor, tense),
        };
        story.see(&read.val, para, story::opens_sentence_with_in(text, &toks, read));
        if let Some(res) = res {
            out.push(DateMention {
                span: Span::new(toks[first.start].start, toks[read.end - 1].end),
                value: res.iso(),
            });
        }
    }
    out
}

/// Cheap test for "might contain a date": a digit, or a letter pair that
/// begins one of the lexicon's words. Most paragraphs of running text pass,
/// but it lets short strings and text without any trigger skip tokenising.
fn has_date_trigger(b: &[u8]) -> bool {
    b.iter().any(|c| c.is_ascii_digit()) || {
        let lower = |c: u8| c.to_ascii_lowercase();
        b.windows(3).any(|w| {
            matches!(
                [lower(w[0]), lower(w[1]), lower(w[2])],
                [b'j', b'a', b'n']
                    | [b'f', b'e', b'b']
                    | [b'm', b'a', b'r' | b'y']
                    | [b'a', b'p' | b'u', b'r' | b'g']
                    | [b'j', b'u', b'n' | b'l']
                    | [b's', b'e', b'p']
                    | [b'o', b'c', b't']
                    | [b'n', b'o', b'v']
                    | [b'd', b'e', b'c']
                    | [b'm', b'o', b'n']
                    | [b't', b'u', b'e']
                    | [b'w', b'e', b'd']
                    | [b't', b'h', b'u']
                    | [b'f', b'r', b'i']
                    | [b's', b'a', b't']
                    | [b's', b'u', b'n' | b'm']
                    | [b't', b'o', b'd' | b'n' | b'm']
                    | [b'y', b'e', b's']
                    | [b't', b'h', b'i']
                    | [b'l', b'a', b's']
                    | [b'n', b'e', b'x']
                    | [b'a', b'g', b'o']
                    | [b'w', b'i', b'n']
                    | [b'f', b'a', b'l']
            )
        })
    }
}

/// Parses an ISO 8601 date (`YYYY-MM-DD`, optionally followed by a time) as
/// found in a document's `published` field.
pub fn parse_anchor(published: &str) -> Option<NaiveDate> {
    let b = published.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)
}

#[cfg(test)]
mod tests;
