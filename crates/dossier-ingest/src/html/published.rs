//! Publication dates that pages state outside their metadata: in the URL
//! (`/2023/05/17/`, `/2019-11-19/`) and in the dateline that opens the
//! text (`KESTREL BAY, Feb. 9, 2021 —`). Both are less trusted than
//! JSON-LD, `<meta>` and `<time>` (see `meta::published_of`).

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

/// A year, month and day as path segments, or as one `YYYY-MM-DD` segment.
fn url_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d\d)(?:/(\d\d?)/(\d\d?)|-(\d\d)-(\d\d))(?:[/\-_.?#]|$)")
            .expect("valid URL date regex")
    })
}

/// The day a URL's path names, as `YYYY-MM-DD`; `None` when it names none
/// or an impossible one (`/2019/13/45/`).
pub(crate) fn url_date(url: &str) -> Option<String> {
    let path_start = url.find("://").map_or(0, |i| i + 3);
    let path = &url[path_start..];
    let path = &path[path.find('/')?..];
    let c = url_date_re().captures(path)?;
    let year: i32 = c[1].parse().ok()?;
    let month: u32 = c.get(2).or(c.get(4))?.as_str().parse().ok()?;
    let day: u32 = c.get(3).or(c.get(5))?.as_str().parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

/// A dateline at the start of the text: a place in capitals, a comma, a
/// date with its year, then a dash or a wire credit.
fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[\p{Lu}][\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{L}. ]{2,20})?,\s+((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+)(?:19|20)\d\d)\s*(?:[-–—]|\()",
        )
        .expect("valid dateline regex")
    })
}

/// The date of a dateline that opens `text`, as `YYYY-MM-DD`.
pub(crate) fn dateline_date(text: &str) -> Option<String> {
    let mut end = text.len().min(160);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let c = dateline_re().captures(head)?;
    let raw = c[1].replace(['.', ','], "");
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ").replace("Sept ", "Sep ");
    ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&raw, f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://ex.org/2023/05/17/story-slug/").as_deref(), Some("2023-05-17"));
        assert_eq!(url_date("https://ex.org/news/story/2019-11-19/slug").as_deref(), Some("2019-11-19"));
        assert_eq!(url_date("https://ex.org/2023/5/7/slug").as_deref(), Some("2023-05-07"));
        assert_eq!(url_date("https://ex.org/2019/11/slug.html"), None);
        assert_eq!(url_date("https://ex.org/2019/13/45/slug"), None);
        assert_eq!(url_date("https://ex.org/item/20191119041538"), None);
        assert_eq!(url_date("https://2019.example/05/06/x"), None);
    }

    #[test]
    fn dates_in_datelines() {
        assert_eq!(dateline_date("OSLO, Feb. 9, 2021 — The council met.").as_deref(), Some("2021-02-09"));
        assert_eq!(dateline_date("NEW HAVEN, Conn., March 3, 2020 - Text").as_deref(), Some("2020-03-03"));
        assert_eq!(dateline_date("LONDON, 14 March 2023 (Wire) - Text").as_deref(), Some("2023-03-14"));
        assert_eq!(dateline_date("BERN, Sept. 30, 2019 — Text").as_deref(), Some("2019-09-30"));
        // No year, no date: the resolver's job, not metadata.
        assert_eq!(dateline_date("PARIS, March 3 (Wire) - Text"), None);
        assert_eq!(dateline_date("The vote on March 3, 2020 - a close one"), None);
    }
}
