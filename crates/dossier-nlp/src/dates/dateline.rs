//! Datelines: the date printed at the top of an article.
//!
//! Wire copy opens with `MOSCOW, Nov 21, 2007 (AFP) –`, web articles print
//! `Global Research, August 26, 2010` under the byline, Wikinews prints
//! `Friday, July 21, 2017` under the title. When ingest finds no published
//! date in the metadata, this date is the document's own date, the anchor
//! every relative expression is resolved against.

use super::{grammar, lex, resolve};

/// How many non-empty lines at the top of a text may hold the dateline.
const MAX_LINES: usize = 15;
/// How many bytes at the top of a text are looked at.
const MAX_BYTES: usize = 3000;
/// The longest text allowed before the date on a dateline (place, site or
/// a label such as `Date:`).
const MAX_PREFIX: usize = 60;

/// Recognises a dateline among the first lines of `text` and returns its
/// date (`YYYY-MM-DD`) and, when the dateline names one in capitals
/// (`MOSCOW, …`), the place as written.
///
/// Only full dates count (day, month and year), and only when the date
/// stands at the start of its line after at most a short prefix ending in a
/// comma, colon or dash, and is followed by nothing, an agency in
/// parentheses, or a dash. A date inside a sentence is not a dateline.
///
/// ```
/// use dossier_nlp::dates::dateline_date;
///
/// let text = "MOSCOW, Nov 21, 2007 (AFP) – Russia's envoy to Kosovo said on Wednesday …";
/// assert_eq!(dateline_date(text), Some(("2007-11-21".to_string(), Some("MOSCOW".to_string()))));
/// ```
pub fn dateline_date(text: &str) -> Option<(String, Option<String>)> {
    let mut cut = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()).take(MAX_LINES) {
        if let Some(found) = line_dateline(line) {
            return Some(found);
        }
    }
    None
}

fn line_dateline(line: &str) -> Option<(String, Option<String>)> {
    let toks = lex::tokenize(line);
    for c in grammar::parse_all(line, &toks) {
        let Some(res) = resolve::resolve(&c.val, None, resolve::Tense::Unknown) else { continue };
        let start = toks[c.start].start;
        if start > MAX_PREFIX + 2 {
            return None;
        }
        let resolve::Res::D(_) = res else { continue };
        let prefix = line[..start].trim_end();
        let suffix = line[toks[c.end - 1].end..].trim_start();
        if !prefix_ok(prefix) || !suffix_ok(suffix) {
            continue;
        }
        return Some((res.iso(), place(prefix)));
    }
    None
}

fn prefix_ok(prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    let ends_right = prefix.ends_with([',', ':', '-', '–', '—', '|', '/']);
    let sentence = prefix.contains(". ") || prefix.contains(['"', '“', '”', '!', '?', ';']);
    ends_right && !sentence && prefix.len() <= MAX_PREFIX
}

fn suffix_ok(suffix: &str) -> bool {
    suffix.is_empty()
        || suffix.starts_with(['(', '-', '–', '—', '|', '/', ':'])
        || suffix.starts_with("--")
        || (suffix.len() <= 40 && !suffix.contains(['.', '"', '“']))
}

/// The place of a wire dateline: the prefix in capitals (`MOSCOW`, `NEW
/// YORK`, `ST. PETERSBURG`), without the trailing punctuation.
fn place(prefix: &str) -> Option<String> {
    let p = prefix.trim_end_matches([',', ':', '-', '–', '—', '|', '/', ' ']).trim();
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    let ok = letters >= 2
        && p.chars().all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'' || c == ',')
        && p.chars().any(char::is_uppercase);
    ok.then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(t: &str) -> Option<(String, Option<String>)> {
        dateline_date(t)
    }

    #[test]
    fn wire_dateline_with_place_and_agency() {
        assert_eq!(
            dl("NEW YORK, March 3, 2019 (Reuters) - Shares rose on Monday."),
            Some(("2019-03-03".into(), Some("NEW YORK".into())))
        );
        assert_eq!(
            dl("KYIV, 4 Feb 2014 -- Protesters gathered."),
            Some(("2014-02-04".into(), Some("KYIV".into())))
        );
    }

    #[test]
    fn site_line_below_title_and_byline() {
        let t = "\n\n# Some headline about trade\n\nBy [A. Writer](#)\n\nRegion: [Europe](#)\n\nDaily Bugle, June 3, 2012\n\nThe body starts here and mentions May 2, 2011 in passing.";
        assert_eq!(dl(t), Some(("2012-06-03".into(), None)));
    }

    #[test]
    fn weekday_dateline_and_labelled_dateline() {
        assert_eq!(dl("A headline\n\nMonday, October 3, 2016\n\nText."), Some(("2016-10-03".into(), None)));
        assert_eq!(dl("Source: Wire service Date: May 9, 2004\n\nText"), Some(("2004-05-09".into(), None)));
        assert_eq!(dl("Posted 2013-07-01\nText"), None); // no separator after the label
        assert_eq!(dl("Posted: 2013-07-01\nText"), Some(("2013-07-01".into(), None)));
    }

    #[test]
    fn dates_inside_sentences_are_not_datelines() {
        assert_eq!(
            dl("The cables written by the ambassador on December 12, 2006, reveal a discussion."),
            None
        );
        assert_eq!(dl("An official said today that talks would resume in 2011."), None);
        assert_eq!(dl("Report from June 2010\n\nText"), None); // no day
        assert_eq!(dl(""), None);
        assert_eq!(dl("🙂🙂🙂 é"), None);
    }
}
