//! Scoring of extracted authors and publication dates against a hand
//! annotation (`dossier eval html --meta`; the guidelines are in
//! `data/eval/README.md`). Pure functions, so the rules are unit-tested.

use chrono::{DateTime, Duration, NaiveDate};

/// A name reduced to what an annotator and a page can both be expected to
/// agree on: case folded, dots dropped, single-letter middle initials
/// dropped (`Troy L. Smith` = `troy smith`), whitespace collapsed.
pub fn name_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.replace('.', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    words
        .into_iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == n || w.chars().count() > 1)
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the extracted author list is the gold list (as sets of
/// [`name_key`]s; an empty gold wants an empty list).
pub fn authors_match(extracted: &[String], gold: &[String]) -> bool {
    let mut e: Vec<String> = extracted.iter().map(|a| name_key(a)).collect();
    let mut g: Vec<String> = gold.iter().map(|a| name_key(a)).collect();
    e.sort();
    e.dedup();
    g.sort();
    g.dedup();
    e == g
}

/// Whether an extracted `published` value (ISO 8601 as `HtmlExtract` gives
/// it) names one of the gold days (`YYYY-MM-DD`). A value with an explicit
/// offset also matches a gold day on which its instant falls in some time
/// zone from UTC−12 to UTC+14: `2019-11-19T04:58:46Z` is 18 November in
/// California. `None` matches only an empty gold list.
pub fn published_matches(extracted: Option<&str>, gold: &[String]) -> bool {
    let Some(value) = extracted else { return gold.is_empty() };
    let days: Vec<NaiveDate> =
        gold.iter().filter_map(|g| NaiveDate::parse_from_str(g, "%Y-%m-%d").ok()).collect();
    if value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_some_and(|d| days.contains(&d))
    {
        return true;
    }
    let Ok(instant) = DateTime::parse_from_rfc3339(value) else { return false };
    let utc = instant.naive_utc();
    days.iter().any(|day| {
        let Some(start) = day.and_hms_opt(0, 0, 0) else { return false };
        utc >= start - Duration::hours(14) && utc < start + Duration::hours(36)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_compare_without_case_dots_and_middle_initials() {
        assert_eq!(name_key("Troy L. Smith"), "troy smith");
        assert_eq!(name_key("LISA  MASCARO"), "lisa mascaro");
        assert_eq!(name_key("J. Doe"), "j doe");
        assert!(authors_match(&v(&["Bo Chen", "ann lee"]), &v(&["Ann Lee", "Bo Chen"])));
        assert!(!authors_match(&v(&["Ann Lee"]), &v(&["Ann Lee", "Bo Chen"])));
        assert!(!authors_match(&v(&["Ann Lee"]), &[]));
        assert!(authors_match(&[], &[]));
    }

    #[test]
    fn dates_match_by_day_or_by_instant() {
        let g = v(&["2019-11-18"]);
        assert!(published_matches(Some("2019-11-18"), &g));
        assert!(published_matches(Some("2019-11-18T23:10:00"), &g));
        // 04:58 UTC on the 19th is the evening of the 18th in UTC−8.
        assert!(published_matches(Some("2019-11-19T04:58:46Z"), &g));
        // A date-time without a zone is taken at its word.
        assert!(!published_matches(Some("2019-11-19T04:58:46"), &g));
        assert!(!published_matches(Some("2019-11-20T13:00:00Z"), &g));
        assert!(!published_matches(None, &g));
        assert!(published_matches(None, &[]));
        assert!(!published_matches(Some("2019-11-18"), &[]));
    }
}
