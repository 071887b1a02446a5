//! Running headers and footers: rows at the top or bottom of a page that
//! repeat across pages (digits aside, so `Page 3` and `Page 4` are one
//! line), and lone page numbers, are page furniture, not text.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::layout::Row;

/// How far from the top or bottom edge a header or footer row may stand,
/// as a share of the page height.
const BAND: f64 = 0.12;

/// Rows per band looked at: a header may have two lines.
const ROWS_PER_BAND: usize = 2;

/// Removes headers, footers and page numbers from `pages` (rows top to
/// bottom, with each page's height); returns how many rows went.
pub fn strip(pages: &mut [(Vec<Row>, f64)]) -> usize {
    let candidates = |rows: &[Row], height: f64| -> Vec<(usize, String)> {
        let top = rows.iter().enumerate().take(ROWS_PER_BAND).filter(|(_, r)| r.y <= BAND * height);
        let bottom =
            rows.iter().enumerate().rev().take(ROWS_PER_BAND).filter(|(_, r)| r.y >= (1.0 - BAND) * height);
        top.chain(bottom).map(|(i, r)| (i, shape(&r.text()))).collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (rows, height) in pages.iter() {
        let mut on_page: Vec<String> = candidates(rows, *height).into_iter().map(|c| c.1).collect();
        on_page.sort();
        on_page.dedup();
        for s in on_page {
            *seen.entry(s).or_default() += 1;
        }
    }
    let n = pages.len();
    let repeated = |s: &str| seen.get(s).is_some_and(|&k| k >= 2 && 2 * k >= n);
    let mut removed = 0;
    for (rows, height) in pages.iter_mut() {
        let mut drop: Vec<usize> = candidates(rows, *height)
            .into_iter()
            .filter(|(i, s)| repeated(s) || is_page_number(&rows[*i].text()))
            .map(|c| c.0)
            .collect();
        drop.sort_unstable();
        drop.dedup();
        for i in drop.into_iter().rev() {
            rows.remove(i);
            removed += 1;
        }
    }
    removed
}

/// A row's text with digits folded, case and spacing ignored.
fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() })
        .collect()
}

/// `12`, `- 12 -`, `Page 12`, `page 3 of 9`, `3/9`, `iv`: a page number
/// alone on its row.
pub fn is_page_number(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)^[-–—\s]*(page|p\.|seite|стр\.?|страница)?\s*(\d{1,4}|[ivxlc]{1,6})\s*((of|/|из)\s*\d{1,4})?[-–—\s]*$")
            .expect("constant pattern")
    });
    re.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::super::glyphs::Glyph;
    use super::*;

    fn row(text: &str, y: f64) -> Row {
        let glyphs = text
            .chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Glyph {
                x: 5.0 * i as f64,
                y,
                end: 5.0 * i as f64 + 5.0,
                size: 10.0,
                text: c.into(),
            })
            .collect();
        Row { glyphs, y, size: 10.0 }
    }

    #[test]
    fn repeated_headers_and_numbered_footers_go() {
        let page = |n: usize, body: &str| {
            (
                vec![
                    row("The Quarterly Review", 20.0),
                    row(body, 100.0),
                    row("The end of a paragraph.", 112.0),
                    row(&format!("Page {n}"), 580.0),
                ],
                600.0,
            )
        };
        let mut pages = vec![page(1, "First page text."), page(2, "Second page text."), page(3, "Third.")];
        assert_eq!(strip(&mut pages), 6);
        assert_eq!(pages[1].0.len(), 2);
        assert_eq!(pages[1].0[0].text(), "Second page text.");
    }

    #[test]
    fn a_single_page_keeps_its_first_line_but_not_its_number() {
        let mut pages = vec![(vec![row("Council approves budget", 30.0), row("3", 590.0)], 600.0)];
        assert_eq!(strip(&mut pages), 1);
        assert_eq!(pages[0].0[0].text(), "Council approves budget");
    }

    #[test]
    fn page_number_shapes() {
        for yes in ["12", "- 12 -", "Page 4", "page 3 of 9", "3/9", "iv", "— 7 —"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["12 people died", "Page one of the report", "In 2019"] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
