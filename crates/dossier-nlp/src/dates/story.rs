//! The time the text itself has set: which date a yearless `December 27`
//! means once the story has said it is telling of December 2010, and which
//! day `tonight – Dec. 30` is.
//!
//! A month or month-day without a year is normally placed nearest the
//! document's date. In a retrospective published in 2012 that opens `In
//! December 2010 the river burst its banks`, the `December 27` two sentences
//! later is 2010-12-27, not 2011-12-27, when its clause is in the past
//! tense (one that looks ahead or speaks in the present, `will launch on
//! April 29`, is placed against the document's date as before). The text
//! has *established* a time
//! when, before the expression, it named a past month with its year
//! (`December 2010`, `December 3, 2010`) in the same or the previous
//! paragraph, or opened a sentence of the same paragraph with a past year
//! (`In 2010, …`); "past" means a year before the document's. Any relative
//! expression (`yesterday`, `on Tuesday`, `last month`) or an explicit date
//! of the document's year brings the story back to the present and ends the
//! established time. A bare year elsewhere (`the 2014 protests`, `since
//! 1998`) establishes nothing: it names a background event, not the time of
//! the narrative.

use chrono::{Datelike, NaiveDate};

use super::grammar::Cand;
use super::lex::{Kind, Tok};
use super::resolve::Val;

/// The reference date the story has established, if any.
#[derive(Debug, Clone, Copy)]
struct Established {
    /// The day yearless expressions are placed nearest to.
    reference: NaiveDate,
    /// Paragraph where it was set.
    paragraph: usize,
    /// Set by a bare sentence-opening year: holds within its paragraph only.
    bare_year: bool,
}

/// Follows the story's time through a document's date expressions, in text
/// order.
#[derive(Debug)]
pub(crate) struct StoryTime {
    anchor: Option<NaiveDate>,
    established: Option<Established>,
}

impl StoryTime {
    pub(crate) fn new(anchor: Option<NaiveDate>) -> Self {
        StoryTime { anchor, established: None }
    }

    /// The date to place `val` against: the established reference for a
    /// yearless month or month-day when the story has one in reach, else
    /// `None` (the document's date applies).
    pub(crate) fn reference_for(&self, val: &Val, paragraph: usize) -> Option<NaiveDate> {
        if !matches!(val, Val::Md(..) | Val::M(_)) {
            return None;
        }
        let e = self.established?;
        let reach = if e.bare_year { 0 } else { 1 };
        (paragraph.saturating_sub(e.paragraph) <= reach).then_some(e.reference)
    }

    /// Takes note of an expression the text has just used.
    pub(crate) fn see(&mut self, val: &Val, paragraph: usize, opens_sentence_with_in: bool) {
        let past = |y: i32| self.anchor.is_none_or(|a| y < a.year());
        let of_anchor_year = |y: i32| self.anchor.is_some_and(|a| y == a.year());
        let set = |reference: Option<NaiveDate>, bare_year: bool| {
            reference.map(|reference| Established { reference, paragraph, bare_year })
        };
        match val {
            Val::Ymd(y, m, d) if past(*y) => {
                self.established = set(NaiveDate::from_ymd_opt(*y, *m, *d), false)
            }
            Val::Ym(y, m) if past(*y) => self.established = set(NaiveDate::from_ymd_opt(*y, *m, 1), false),
            Val::Y(y) if past(*y) && opens_sentence_with_in => {
                self.established = set(NaiveDate::from_ymd_opt(*y, 7, 1), true);
            }
            Val::Ymd(y, ..) | Val::Ym(y, _) | Val::Y(y) if of_anchor_year(*y) => self.established = None,
            Val::Day(_)
            | Val::Week(_)
            | Val::Weekday(..)
            | Val::Weekend(_)
            | Val::RelMonth(_)
            | Val::RelYear(_)
            | Val::MonthDir(..) => self.established = None,
            _ => {}
        }
    }
}

/// True when candidate `c` is a bare year that opens its sentence after
/// `In` (`In 2010, the river …`).
pub(crate) fn opens_sentence_with_in(text: &str, toks: &[Tok], c: &Cand) -> bool {
    if c.start == 0 || !matches!(c.val, Val::Y(_)) {
        return false;
    }
    let prep = &toks[c.start - 1];
    if prep.kind != Kind::Word || &text[prep.start..prep.end] != "In" {
        return false;
    }
    let before = text[..prep.start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '”']) || prep.gap >= 2
}

/// True when `next` restates the day a relative word `c` names, with only
/// a dash, comma or parenthesis between them (`tonight – Dec. 30`,
/// `today (March 3)`): the explicit date then says which day it is.
pub(crate) fn restates(text: &str, toks: &[Tok], c: &Cand, next: &Cand) -> bool {
    if !matches!(c.val, Val::Day(_)) || !matches!(next.val, Val::Md(..) | Val::Ymd(..)) {
        return false;
    }
    let between = &text[toks[c.end - 1].end..toks[next.start].start];
    let marks = between.trim();
    !marks.is_empty()
        && marks.chars().count() <= 2
        && marks.chars().all(|ch| matches!(ch, '-' | '–' | '—' | ',' | '('))
        && !between.contains('\n')
}

/// Paragraph number of each token (a blank line starts a new one).
pub(crate) fn paragraphs(toks: &[Tok]) -> Vec<usize> {
    let mut n = 0;
    toks.iter()
        .map(|t| {
            if t.gap >= 3 {
                n += 1;
            }
            n
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_past_month_with_its_year_sets_the_reference_for_the_next_paragraph() {
        let mut s = StoryTime::new(Some(d(2012, 3, 10)));
        s.see(&Val::Ym(2010, 12), 0, false);
        assert_eq!(s.reference_for(&Val::Md(12, 27, None), 1), Some(d(2010, 12, 1)));
        assert_eq!(s.reference_for(&Val::Md(12, 27, None), 2), None);
        // Only yearless expressions use it.
        assert_eq!(s.reference_for(&Val::Weekday(0, super::super::resolve::Dir::Bare), 0), None);
    }

    #[test]
    fn relative_words_and_the_documents_year_end_it() {
        let mut s = StoryTime::new(Some(d(2012, 3, 10)));
        s.see(&Val::Ym(2010, 12), 0, false);
        s.see(&Val::Day(-1), 0, false);
        assert_eq!(s.reference_for(&Val::M(1), 0), None);
        s.see(&Val::Ymd(2009, 5, 4), 0, false);
        s.see(&Val::Y(2012), 0, false);
        assert_eq!(s.reference_for(&Val::M(1), 0), None);
    }

    #[test]
    fn a_bare_year_counts_only_opening_a_sentence_and_in_its_paragraph() {
        let mut s = StoryTime::new(Some(d(2012, 3, 10)));
        s.see(&Val::Y(1998), 0, false);
        assert_eq!(s.reference_for(&Val::M(6), 0), None);
        s.see(&Val::Y(2010), 0, true);
        assert_eq!(s.reference_for(&Val::M(6), 0), Some(d(2010, 7, 1)));
        assert_eq!(s.reference_for(&Val::M(6), 1), None);
    }

    #[test]
    fn a_future_year_establishes_nothing() {
        let mut s = StoryTime::new(Some(d(2012, 3, 10)));
        s.see(&Val::Ym(2030, 3), 0, false);
        assert_eq!(s.reference_for(&Val::Md(6, 1, None), 0), None);
    }
}
