//! Whitespace normalisation of extracted main text.
//!
//! Extractors emit text with arbitrary runs of spaces, tabs, non-breaking
//! spaces and newlines. Downstream stages (sentence splitting, offsets in the
//! output contract) want one predictable shape: words separated by single
//! spaces, line breaks kept as single `\n` inside a paragraph, paragraphs
//! separated by exactly one blank line, no leading or trailing whitespace,
//! and invisible characters (zero-width spaces, soft hyphens, BOMs) removed.

/// Characters dropped outright: they are invisible and break tokenisation.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Normalises whitespace as described in the module doc. A line made only of
/// whitespace counts as a paragraph break.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // 0: nothing pending, 1: a line break pending, 2: a paragraph break pending.
    let mut pending_break = 0u8;
    for line in raw.split('\n') {
        let mut wrote_any = false;
        let mut space = false;
        for c in line.chars() {
            if is_invisible(c) || (c.is_control() && !c.is_whitespace()) {
                continue;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if !wrote_any {
                if !out.is_empty() {
                    out.push_str(if pending_break >= 2 { "\n\n" } else { "\n" });
                }
                pending_break = 0;
                wrote_any = true;
            } else if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        pending_break = if wrote_any { 1 } else { 2 };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn collapses_spaces_and_separates_paragraphs() {
        let raw = "  Hello\u{A0}\u{A0} world \t!\n\n\n\n  Second\u{200B} para\nsame para  \n \n\tThird ";
        assert_eq!(normalize(raw), "Hello world !\n\nSecond para\nsame para\n\nThird");
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n\r\n\t "), "");
        assert_eq!(normalize("\u{FEFF}x\u{00AD}y\u{0007}"), "xy");
    }

    #[test]
    fn crlf_is_one_line_break() {
        assert_eq!(normalize("a\r\nb\r\n\r\nc"), "a\nb\n\nc");
    }
}
