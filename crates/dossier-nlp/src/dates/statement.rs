//! The date of a reported statement.
//!
//! A quote's date is when it was said, which is not always when it was
//! published: `Kiljunen said on August 23 …` in an article of August 26,
//! `the cables written … on December 12, 2006, reveal …` in a 2023 article.
//! The rule is deliberately narrow: a date counts only when it sits in the
//! attribution clause itself, close to the cue, outside the quoted content
//! and in the same sentence, with no word between it and the cue that opens
//! another clause (`and`, `who`, `that`, `after`, …), and not inside a
//! relative clause of its own. Otherwise the document's date stands in, and
//! `date_source` says which of the two the value is.

use dossier_core::{DateMention, DateSource, Span};

/// Most words allowed between the cue (or the quote, without a cue) and a
/// date for the date to belong to the attribution clause.
const MAX_WORDS: usize = 10;

/// The date a statement was made and where that date comes from.
///
/// `quote_span` is the attributed content, `cue` the reporting verb or
/// phrase when known, `dates` the document's date mentions (from
/// [`find_dates`](super::find_dates)), `doc_date` the document's date.
/// A date mention in the same clause as the cue ("said on August 23", "in a
/// statement on Tuesday", "written … on December 12, 2006, reveal") wins,
/// with [`DateSource::Text`]; when several qualify, the one nearest the cue
/// does. Else the document's date is returned with
/// [`DateSource::Document`]; else `(None, None)`.
///
/// ```
/// use dossier_core::{DateSource, Span};
/// use dossier_nlp::dates::{find_dates, statement_date};
///
/// let text = "Kiljunen said on August 23 that the inquiry would start soon.";
/// let dates = find_dates(text, chrono::NaiveDate::from_ymd_opt(2010, 8, 26));
/// let cue = Span::new(9, 13); // "said"
/// let quote = Span::new(text.find("the inquiry").unwrap(), text.len() - 1);
/// let got = statement_date(text, quote, Some(cue), &dates, Some("2010-08-26"));
/// assert_eq!(got, (Some("2010-08-23".to_string()), Some(DateSource::Text)));
/// ```
pub fn statement_date(
    text: &str,
    quote_span: Span,
    cue: Option<Span>,
    dates: &[DateMention],
    doc_date: Option<&str>,
) -> (Option<String>, Option<DateSource>) {
    let pivot = cue.unwrap_or(quote_span);
    let mut best: Option<(usize, bool, &DateMention)> = None;
    // Only dates within reach of the pivot can qualify (`dates` is in text
    // order): a gap of more than MAX_WORDS words is rejected below anyway,
    // and looking no further keeps a document with thousands of quotes and
    // dates linear.
    let reach = (MAX_WORDS + 1) * MAX_WORD_BYTES;
    let first = dates.partition_point(|d| d.span.end + reach < pivot.start);
    for d in dates[first..].iter().take_while(|d| d.span.start <= pivot.end + reach) {
        if d.span.overlaps(&quote_span) || d.span.overlaps(&pivot) || !in_bounds(text, d.span) {
            continue;
        }
        // The text between the date and the pivot, which must not cross
        // the quoted content, a sentence end or a quotation mark.
        let (gap, after) = if d.span.start >= pivot.end {
            (Span::new(pivot.end, d.span.start), true)
        } else {
            (Span::new(d.span.end, pivot.start), false)
        };
        if gap.overlaps(&quote_span) && cue.is_some() {
            continue;
        }
        let Some(between) = text.get(gap.start..gap.end) else { continue };
        if crosses_clause(between) || has_clause_word(between) {
            continue;
        }
        // A date before the cue that sits in a relative clause of its own
        // (`Hughes, who stood down in 2011, said …`) dates that clause.
        if !after && in_relative_clause(text, d.span.start) {
            continue;
        }
        let words = between.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        if words > MAX_WORDS {
            continue;
        }
        let better = match best {
            None => true,
            Some((bw, bafter, _)) => words < bw || (words == bw && after && !bafter),
        };
        if better {
            best = Some((words, after, d));
        }
    }
    if let Some((_, _, d)) = best {
        return (Some(d.value.clone()), Some(DateSource::Text));
    }
    match doc_date {
        Some(dd) if !dd.trim().is_empty() => (Some(dd.trim().to_string()), Some(DateSource::Document)),
        _ => (None, None),
    }
}

/// Words that open another clause. Between a date and the cue they mean the
/// date belongs to another event (`The broadcasts began on August 10 and
/// South Korea says …`, `said Carl Jenks, who has lived there since 1961`,
/// `said that on Monday the talks …`).
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "or", "while", "whereas", "when", "after", "before", "because", "although", "though",
    "since", "until", "as", "if", "who", "whom", "whose", "which", "that", "where",
];

/// Relative pronouns: a clause they open is about its own event.
const RELATIVE_WORDS: &[&str] = &["who", "whom", "whose", "which", "that", "where", "when"];

fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty())
}

fn has_clause_word(between: &str) -> bool {
    words_of(between).any(|w| CLAUSE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
}

/// True when the stretch before `at`, back to the previous comma or the
/// sentence start, holds a relative pronoun.
fn in_relative_clause(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else { return false };
    // Look back a bounded stretch, so many dates in one long sentence stay linear.
    let mut lo = at.saturating_sub(MAX_WORDS * MAX_WORD_BYTES);
    while !before.is_char_boundary(lo) {
        lo += 1;
    }
    let stretch = &before[lo..];
    let from = stretch
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | '.' | ';' | '\n' | '"' | '“' | '”' | '('))
        .map_or(0, |(k, c)| k + c.len_utf8());
    words_of(&stretch[from..]).any(|w| RELATIVE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
}

/// Longest word (bytes, with its space) counted when bounding the search.
const MAX_WORD_BYTES: usize = 64;

fn in_bounds(text: &str, s: Span) -> bool {
    s.start <= s.end && s.end <= text.len()
}

/// True when `between` holds a sentence end, a paragraph break, a
/// semicolon or a quotation mark.
fn crosses_clause(between: &str) -> bool {
    if between.contains("\n\n") || between.contains([';', '"', '“', '”', '!', '?']) {
        return true;
    }
    // A full stop followed by white space ends a sentence, except after a
    // single capital (`U.S.`, `J.`) or a common title abbreviation.
    let b = between.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'.' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            let word_start = between[..i].rfind(|ch: char| ch.is_whitespace()).map_or(0, |k| k + 1);
            let word = &between[word_start..i];
            let abbrev = word.len() == 1 && word.chars().all(|ch| ch.is_ascii_uppercase())
                || word.contains('.')
                || [
                    "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Sen", "Rep", "Gov", "Prof", "St",
                    "Jr", "Sr",
                ]
                .contains(&word);
            if !abbrev {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::find_dates;
    use chrono::NaiveDate;

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn run(
        text: &str,
        quote: &str,
        cue: Option<&str>,
        anchor: (i32, u32, u32),
    ) -> (Option<String>, Option<DateSource>) {
        let a = NaiveDate::from_ymd_opt(anchor.0, anchor.1, anchor.2);
        let dates = find_dates(text, a);
        let doc = format!("{:04}-{:02}-{:02}", anchor.0, anchor.1, anchor.2);
        statement_date(text, span_of(text, quote), cue.map(|c| span_of(text, c)), &dates, Some(&doc))
    }

    #[test]
    fn date_right_after_the_cue_wins() {
        let t = "The envoy said on March 14 that the border would reopen next week.";
        let got = run(t, "the border would reopen next week", Some("said"), (2011, 3, 17));
        assert_eq!(got, (Some("2011-03-14".into()), Some(DateSource::Text)));
    }

    #[test]
    fn statement_phrase_with_weekday() {
        // 2012-05-10 is a Thursday; "Tuesday" is two days before.
        let t = "Talks have failed, the ministry said in a statement on Tuesday.";
        let got = run(t, "Talks have failed", Some("said"), (2012, 5, 10));
        assert_eq!(got, (Some("2012-05-08".into()), Some(DateSource::Text)));
    }

    #[test]
    fn date_between_subject_and_cue() {
        let t = "A memo sent by the consul, Ann Lee, on June 2, 2004, describes a secret meeting in Rome.";
        let got = run(t, "a secret meeting in Rome", Some("describes"), (2021, 1, 5));
        assert_eq!(got, (Some("2004-06-02".into()), Some(DateSource::Text)));
    }

    #[test]
    fn fronted_date_before_speaker() {
        let t = "On Monday, the mayor told reporters that the bridge was safe.";
        let got = run(t, "the bridge was safe", Some("told"), (2019, 9, 18));
        assert_eq!(got, (Some("2019-09-16".into()), Some(DateSource::Text)));
    }

    #[test]
    fn dates_inside_the_quote_or_another_sentence_do_not_count() {
        let t = "Elections were held in 2008. \"We will win in 2012,\" the leader said.";
        let got = run(t, "We will win in 2012,", Some("said"), (2011, 6, 1));
        assert_eq!(got, (Some("2011-06-01".into()), Some(DateSource::Document)));
        let t = "The minister spoke at length about the reforms of the past years and their many critics, then said in 1999 that it had worked.";
        // "in 1999" is after the cue, within reach: it is the statement's date.
        let got = run(t, "it had worked", Some("said"), (2001, 1, 1));
        assert_eq!(got.1, Some(DateSource::Text));
    }

    #[test]
    fn a_date_of_another_clause_does_not_date_the_statement() {
        // 2015-08-21 is a Friday.
        let t = "The ferries stopped on August 3 and the operator says they will not sail again.";
        let got = run(t, "they will not sail again", Some("says"), (2015, 8, 21));
        assert_eq!(got.1, Some(DateSource::Document));
        let t = "\"We grew up here,\" said Ana Ruiz, who has run the bakery since 1988.";
        let got = run(t, "We grew up here,", Some("said"), (2015, 8, 21));
        assert_eq!(got.1, Some(DateSource::Document));
        let t = "The coach said that on Sunday the team would rest.";
        let got = run(t, "the team would rest", Some("said"), (2015, 8, 21));
        assert_eq!(got.1, Some(DateSource::Document));
    }

    #[test]
    fn a_date_in_a_relative_clause_before_the_cue_is_that_clauses() {
        let t = "Reyes, who retired in 2011, said this week that the bridge must be rebuilt.";
        let got = run(t, "the bridge must be rebuilt", Some("said"), (2015, 8, 21));
        // "this week", after the cue, dates the statement; 2011 does not.
        assert_eq!(got, (Some("2015-08-17/2015-08-23".into()), Some(DateSource::Text)));
        let t = "Reyes, who retired in 2011, said the bridge must be rebuilt.";
        let got = run(t, "the bridge must be rebuilt", Some("said"), (2015, 8, 21));
        assert_eq!(got.1, Some(DateSource::Document));
    }

    #[test]
    fn a_year_opening_the_quote_is_not_the_statements() {
        let t = "\"Started in 1990 by two teachers, the choir has never missed a season,\" its director said on Friday.";
        let got = run(
            t,
            "Started in 1990 by two teachers, the choir has never missed a season,",
            Some("said"),
            (2015, 8, 26),
        );
        assert_eq!(got, (Some("2015-08-21".into()), Some(DateSource::Text)));
    }

    #[test]
    fn no_document_date_and_no_text_date() {
        let t = "She said the plan works.";
        let got = statement_date(t, span_of(t, "the plan works"), Some(span_of(t, "said")), &[], None);
        assert_eq!(got, (None, None));
    }

    #[test]
    fn bad_spans_never_panic() {
        let t = "Dr. Ruiz said on May 4 it is fine.";
        let dates = vec![DateMention { span: Span::new(5, 500), value: "2010".into() }];
        let got =
            statement_date(t, Span::new(400, 900), Some(Span::new(900, 10)), &dates, Some("2010-01-01"));
        assert_eq!(got.1, Some(DateSource::Document));
    }
}
