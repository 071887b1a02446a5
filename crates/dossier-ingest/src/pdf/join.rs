//! Lines into paragraphs and pages into one text: lines of a paragraph
//! are joined by a space, or glued where a word was hyphenated at the line
//! end; paragraphs are separated by a blank line; a paragraph cut by a
//! column or page break is joined again when its last line does not end a
//! sentence. Where each page starts is kept (code points).

use std::collections::HashSet;

use super::layout::Line;

/// A new paragraph starts where the gap between two baselines, in font
/// sizes, is wider than this many times the page's usual one.
const PARAGRAPH_GAP: f64 = 1.35;

/// The paragraphs of one page (each a list of lines), from its lines in
/// reading order.
pub fn paragraphs(lines: &[Line]) -> Vec<Vec<String>> {
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].region == w[1].region && (w[1].size - w[0].size).abs() < 0.15 * w[0].size)
        .map(|w| (w[1].y - w[0].y) / w[1].size.max(1.0))
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.text.is_empty() {
            continue;
        }
        let same_paragraph = i > 0 && {
            let p = &lines[i - 1];
            let similar_size = (l.size - p.size).abs() < 0.15 * p.size.max(l.size);
            if p.region != l.region {
                // A column break: the paragraph goes on unless it had ended.
                similar_size && !ends_sentence(&p.text)
            } else {
                let gap = (l.y - p.y) / l.size.max(1.0);
                similar_size && gap > 0.0 && pitch.is_none_or(|pitch| gap <= PARAGRAPH_GAP * pitch)
            }
        };
        match out.last_mut() {
            Some(para) if same_paragraph => para.push(l.text.clone()),
            _ => out.push(vec![l.text.clone()]),
        }
    }
    out
}

/// True when a line ends a sentence (so a column or page break after it
/// is a paragraph break).
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', '…', ')'])
}

/// The document's text from its pages' paragraphs, with the code-point
/// offset at which each page starts.
pub fn assemble(pages: &[Vec<Vec<String>>]) -> (String, Vec<usize>) {
    let vocabulary = vocabulary(pages);
    let mut text = String::new();
    let mut chars = 0usize;
    let mut starts = Vec::with_capacity(pages.len());
    for page in pages {
        let mut page_start = None;
        for (k, para) in page.iter().enumerate() {
            let continues = k == 0 && !text.is_empty() && {
                let last = text.lines().last().unwrap_or("");
                !ends_sentence(last) && para[0].starts_with(|c: char| c.is_lowercase())
            };
            for (j, line) in para.iter().enumerate() {
                let before = if j == 0 && !continues {
                    if text.is_empty() {
                        ""
                    } else {
                        "\n\n"
                    }
                } else {
                    let len = text.len();
                    let glued = glue(&mut text, line, &vocabulary);
                    if text.len() < len {
                        chars -= 1;
                    }
                    glued
                };
                text.push_str(before);
                chars += before.chars().count();
                page_start.get_or_insert(chars);
                text.push_str(line);
                chars += line.chars().count();
            }
        }
        starts.push(page_start.unwrap_or(chars));
    }
    (text, starts)
}

/// What goes between the text so far and the next line of its paragraph:
/// a space, or nothing when the text ends with a word hyphenated at the
/// line end (the hyphen is then removed from `text`, unless the word is a
/// compound the document writes with a hyphen elsewhere, or the next line
/// starts with a capital: `Anglo-` `Saxon`).
fn glue(text: &mut String, next: &str, vocabulary: &HashSet<String>) -> &'static str {
    let Some(hyphen) = text.chars().last().filter(|c| matches!(c, '-' | '\u{AD}' | '\u{2010}')) else {
        return " ";
    };
    let head: String = text[..text.len() - hyphen.len_utf8()]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let Some(first) = next.chars().next().filter(|c| c.is_alphabetic()) else {
        return if head.is_empty() { " " } else { "" };
    };
    if head.is_empty() {
        return " ";
    }
    let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let joined = format!("{head}{tail}").to_lowercase();
    let compound = format!("{head}-{tail}").to_lowercase();
    let keep = hyphen != '\u{AD}'
        && (first.is_uppercase() || (vocabulary.contains(&compound) && !vocabulary.contains(&joined)));
    if !keep {
        text.truncate(text.len() - hyphen.len_utf8());
    }
    ""
}

/// The words written whole inside lines (not cut at a line end),
/// lower-cased, hyphenated compounds included.
fn vocabulary(pages: &[Vec<Vec<String>>]) -> HashSet<String> {
    let mut out = HashSet::new();
    for line in pages.iter().flatten().flatten() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if i + 1 == words.len() && w.ends_with('-') {
                continue;
            }
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(paras: &[&[&str]]) -> Vec<Vec<String>> {
        paras.iter().map(|p| p.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn hyphens_at_line_ends_are_undone_unless_the_word_is_a_compound() {
        let pages = vec![page(&[
            &["The commission pub-", "lished a well-", "known report.", "It was well-known before."],
            &["The Anglo-", "Saxon chronicle, a soft\u{AD}", "hyphen."],
        ])];
        let (text, _) = assemble(&pages);
        assert_eq!(
            text,
            "The commission published a well-known report. It was well-known before.\n\n\
             The Anglo-Saxon chronicle, a softhyphen."
        );
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_joined_and_pages_are_located() {
        let pages = vec![
            page(&[&["Dam repairs"], &["The engineers said the"]]),
            page(&[&["work would end in May."], &["A new paragraph."]]),
            page(&[]),
            page(&[&["Last page."]]),
        ];
        let (text, starts) = assemble(&pages);
        assert_eq!(
            text,
            "Dam repairs\n\nThe engineers said the work would end in May.\n\nA new paragraph.\n\nLast page."
        );
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(starts[0], 0);
        assert_eq!(chars[starts[1]..starts[1] + 4].iter().collect::<String>(), "work");
        assert_eq!(starts[2], starts[3] - 2, "an empty page starts where the next text would");
        assert_eq!(chars[starts[3]..].iter().collect::<String>(), "Last page.");
    }

    fn line(text: &str, y: f64, size: f64, region: usize) -> Line {
        Line { text: text.into(), x: 0.0, end: 100.0, y, size, region }
    }

    #[test]
    fn gaps_sizes_and_column_breaks_split_paragraphs() {
        let lines = vec![
            line("A Headline", 10.0, 16.0, 0),
            line("first line of", 40.0, 10.0, 1),
            line("the first paragraph.", 52.0, 10.0, 1),
            line("A second", 70.0, 10.0, 1),
            line("paragraph goes on", 82.0, 10.0, 1),
            line("in the next column.", 40.0, 10.0, 2),
            line("Ends here.", 52.0, 10.0, 2),
        ];
        assert_eq!(
            paragraphs(&lines),
            vec![
                vec!["A Headline".to_string()],
                vec!["first line of".into(), "the first paragraph.".into()],
                vec![
                    "A second".into(),
                    "paragraph goes on".into(),
                    "in the next column.".into(),
                    "Ends here.".into()
                ],
            ]
        );
    }
}
