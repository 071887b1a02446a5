//! Finding quoted passages: pairing the quotation marks news text uses.
//!
//! News writes quotation marks in many ways: straight `"` and curly `“ ”`
//! double quotes, New York Times style `''` pairs (and TeX-like ``` `` ```),
//! single quotes used as quotation marks (`‘…’`, `'…'`, told apart from the
//! apostrophes of `don't` and `Democrats’`), guillemets `« »` and German
//! `„ “`. Writers also break the pairing: a quote running over several
//! paragraphs repeats the opening mark at each paragraph and closes only at
//! the last, and an opening or closing mark is sometimes forgotten. This
//! module pairs the marks of one text into [`Passage`]s, paragraph by
//! paragraph, and never fails: unpaired marks either close at the paragraph
//! end or start at the paragraph start, as a reader would read them.

use dossier_core::Span;

/// A passage between quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// From the opening mark to the closing mark, both included (bytes).
    /// When a mark is missing, the paragraph start or end stands in.
    pub span: Span,
    /// The words inside the marks.
    pub inner: Span,
    /// Single quotation marks (`‘…’`, `'…'`).
    pub single: bool,
    /// The opening mark was missing (the passage starts at its paragraph).
    pub open_missing: bool,
    /// The closing mark was missing (the passage ends at its paragraph's end).
    pub close_missing: bool,
    /// The passage runs over more than one paragraph.
    pub multi_paragraph: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `“ ” " „ '' ``` `` ```.
    Double,
    /// `« »`.
    Guillemet,
    /// `‘ ’ '`.
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight double quote whose role is read from context.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    family: Family,
    role: Role,
    /// `„` opens a passage that `“` closes.
    low: bool,
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '"' | '‘' | '«' | '„' | '>'
                )
        }
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Scans one paragraph `text[start..end]` for quotation marks.
fn scan_marks(text: &str, start: usize, end: usize) -> Vec<Mark> {
    let para = &text[start..end];
    let bytes = para.as_bytes();
    let mut marks = Vec::new();
    let mut off = 0;
    // Only bytes that can begin a quotation mark are looked at: ASCII `"`,
    // `'`, `` ` `` and the lead bytes of `“ ” ‘ ’ „` (E2) and `« »` (C2).
    while let Some(rel) = bytes[off..].iter().position(|&b| matches!(b, b'"' | b'\'' | b'`' | 0xE2 | 0xC2)) {
        off += rel;
        let Some(c) = para[off..].chars().next() else { break };
        let clen = c.len_utf8();
        if !matches!(c, '“' | '”' | '„' | '«' | '»' | '"' | '`' | '\'' | '‘' | '’') {
            off += clen;
            continue;
        }
        let prev = para[..off].chars().next_back();
        let mut rest = para[off + clen..].chars();
        let next = rest.next();
        let after_next = rest.next();
        let at = start + off;
        // Advance past this mark; two-character marks advance further below.
        off += clen;
        let one = |family, role, low| Mark { start: at, end: at + c.len_utf8(), family, role, low };
        match c {
            '“' => marks.push(one(Family::Double, Role::Open, false)),
            // A closing mark misused as an opener at the start of a passage.
            '”' if prev.is_none_or(char::is_whitespace) && is_word_char(next) => {
                marks.push(one(Family::Double, Role::Open, false))
            }
            '”' => marks.push(one(Family::Double, Role::Close, false)),
            '„' => marks.push(one(Family::Double, Role::Open, true)),
            '«' => marks.push(one(Family::Guillemet, Role::Open, false)),
            '»' => marks.push(one(Family::Guillemet, Role::Close, false)),
            '"' => marks.push(one(Family::Double, Role::Either, false)),
            '`' if next == Some('`') => {
                marks.push(Mark {
                    start: at,
                    end: at + 2,
                    family: Family::Double,
                    role: Role::Open,
                    low: false,
                });
                off += 1;
                continue;
            }
            '\'' if next == Some('\'') => {
                marks.push(Mark {
                    start: at,
                    end: at + 2,
                    family: Family::Double,
                    role: Role::Either,
                    low: false,
                });
                off += 1;
                continue;
            }
            '‘' | '\'' | '’' => {
                let opens = c != '’'
                    && is_opening_context(prev)
                    && (is_word_char(next) || (matches!(next, Some('.')) && is_word_char(after_next)))
                    // An elided year ('90s) is not a quote.
                    && !(next.is_some_and(|n| n.is_ascii_digit()) && after_next.is_some_and(|n| n.is_ascii_digit()));
                let closes = c != '‘'
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && !is_word_char(next)
                    // Plural possessive: "Democrats’ plan".
                    && !(matches!(prev, Some('s' | 'S')) && next.is_some_and(char::is_whitespace));
                if opens {
                    marks.push(one(Family::Single, Role::Open, false));
                } else if closes {
                    marks.push(one(Family::Single, Role::Close, false));
                } else if c == '’' && matches!(prev, Some('s' | 'S')) && next.is_some_and(char::is_whitespace)
                {
                    // Possibly a closing quote after a word ending in s; kept as a weak closer.
                    marks.push(one(Family::Single, Role::Either, false));
                }
            }
            _ => {}
        }
    }
    marks
}

/// Splits `text` into paragraphs: blank lines separate them; a text without
/// any blank line uses single line breaks instead.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let blank = text.contains("\n\n") || text.contains("\n\r\n") || text.contains("\n \n");
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        // Jump to the next line break.
        match bytes[i..].iter().position(|&b| b == b'\n') {
            Some(rel) => i += rel,
            None => break,
        }
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            let mut newlines = 1;
            while j < bytes.len() && matches!(bytes[j], b'\n' | b'\r' | b' ' | b'\t') {
                if bytes[j] == b'\n' {
                    newlines += 1;
                }
                j += 1;
            }
            if !blank || newlines >= 2 || !wrapped_line(text, i, j) {
                push_trimmed(text, start, i, &mut out);
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Is the single line break at `text[nl..next]` a hard wrap inside a
/// paragraph (the line goes on mid-sentence) rather than a paragraph break?
fn wrapped_line(text: &str, nl: usize, next: usize) -> bool {
    let before = text[..nl].trim_end().chars().next_back();
    let after = text[next..].chars().next();
    after.is_some_and(char::is_lowercase) || before.is_some_and(|c| c.is_lowercase() || c == ',')
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Does the paragraph `p` start with an opening double-family mark?
fn starts_with_opener(text: &str, p: Span) -> Option<usize> {
    let s = p.slice(text);
    for (q, len) in [("“", 3), ("\"", 1), ("„", 3), ("«", 2), ("``", 2), ("''", 2)] {
        if s.starts_with(q) && !s[len..].starts_with(char::is_whitespace) {
            return Some(len);
        }
    }
    None
}

struct Open {
    mark: Mark,
    para_start: usize,
    multi: bool,
}

/// Finds every quoted passage in `text`, in text order.
pub fn find_passages(text: &str) -> Vec<Passage> {
    find_passages_in(text, &paragraphs(text))
}

/// Finds every quoted passage in `text`, given its [`paragraphs`].
pub fn find_passages_in(text: &str, paras: &[Span]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    // A double quote left open at the end of the previous paragraph.
    let mut carried: Option<Open> = None;
    for (pi, &para) in paras.iter().enumerate() {
        let marks = scan_marks(text, para.start, para.end);
        let mut open: Option<Open> = None;
        let mut skip_first = false;
        if let Some(c) = carried.take() {
            if let Some(len) = starts_with_opener(text, para) {
                // Multi-paragraph quote: this paragraph repeats the opening mark.
                open = Some(Open { mark: c.mark, para_start: c.para_start, multi: true });
                skip_first =
                    marks.first().is_some_and(|m| m.start == para.start && m.end == para.start + len);
            } else {
                close_at_paragraph_end(&c, paras[pi - 1], &mut out);
            }
        }
        let mut single_open: Option<Mark> = None;
        // Where an orphan closer's passage would start.
        let mut free_from = para.start;
        for (mi, m) in marks.iter().enumerate() {
            if skip_first && mi == 0 {
                continue;
            }
            match &open {
                Some(o) => {
                    let closes = match (o.mark.family, m.family) {
                        (Family::Double, Family::Double) => match m.role {
                            Role::Close | Role::Either => true,
                            // `„…“`, or a `“` misused as a closer before a space or punctuation.
                            Role::Open => {
                                o.mark.low
                                    || text[m.end..].chars().next().is_none_or(|n| !n.is_alphanumeric())
                            }
                        },
                        (Family::Guillemet, Family::Guillemet) => m.role != Role::Open,
                        _ => false,
                    };
                    if closes {
                        let o = open.take().unwrap();
                        out.push(Passage {
                            span: Span::new(o.mark.start, m.end),
                            inner: Span::new(o.mark.end, m.start),
                            single: false,
                            open_missing: false,
                            close_missing: false,
                            multi_paragraph: o.multi,
                        });
                        free_from = m.end;
                    }
                }
                None => {
                    if m.family == Family::Single {
                        match (m.role, single_open) {
                            (Role::Open, _) => single_open = Some(*m),
                            (Role::Close | Role::Either, Some(so)) => {
                                out.push(Passage {
                                    span: Span::new(so.start, m.end),
                                    inner: Span::new(so.end, m.start),
                                    single: true,
                                    open_missing: false,
                                    close_missing: false,
                                    multi_paragraph: false,
                                });
                                single_open = None;
                                free_from = m.end;
                            }
                            _ => {}
                        }
                        continue;
                    }
                    let prev = text[..m.start].chars().next_back().filter(|_| m.start > para.start);
                    let next = text[m.end..para.end].chars().next();
                    let opens = match m.role {
                        Role::Open => true,
                        Role::Close => false,
                        Role::Either => {
                            // Opening unless it clearly closes something.
                            let looks_closing = prev.is_some_and(|p| !p.is_whitespace())
                                && next.is_none_or(|n| n.is_whitespace() || ",.;:!?)".contains(n));
                            !looks_closing
                        }
                    };
                    single_open = None;
                    if opens {
                        open = Some(Open { mark: *m, para_start: para.start, multi: false });
                    } else {
                        // A closing mark whose opening mark was forgotten.
                        let s = text[free_from..m.start].trim_start();
                        let s_start = m.start - s.len();
                        if s.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                            out.push(Passage {
                                span: Span::new(s_start, m.end),
                                inner: Span::new(s_start, m.start),
                                single: false,
                                open_missing: true,
                                close_missing: false,
                                multi_paragraph: false,
                            });
                        }
                        free_from = m.end;
                    }
                }
            }
        }
        if let Some(o) = open {
            if pi + 1 < paras.len() && starts_with_opener(text, paras[pi + 1]).is_some() {
                carried = Some(o);
            } else {
                close_at_paragraph_end(&o, para, &mut out);
            }
        }
    }
    out.sort_by_key(|p| (p.span.start, p.span.end));
    out
}

fn close_at_paragraph_end(o: &Open, para: Span, out: &mut Vec<Passage>) {
    if para.end > o.mark.end {
        out.push(Passage {
            span: Span::new(o.mark.start, para.end),
            inner: Span::new(o.mark.end, para.end),
            single: false,
            open_missing: false,
            close_missing: true,
            multi_paragraph: o.para_start != para.start || o.multi,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find_passages(text).iter().map(|p| p.span.slice(text)).collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        assert_eq!(quoted("“We will stay,” he said."), ["“We will stay,”"]);
        assert_eq!(quoted("He said \"no\" and \"never.\""), ["\"no\"", "\"never.\""]);
    }

    #[test]
    fn nyt_style_double_apostrophes() {
        assert_eq!(quoted("''We are ready,'' the mayor said."), ["''We are ready,''"]);
        assert_eq!(quoted("``We are ready,'' the mayor said."), ["``We are ready,''"]);
    }

    #[test]
    fn single_quotes_but_not_apostrophes() {
        assert_eq!(quoted("He called it ‘a disgrace’ and left."), ["‘a disgrace’"]);
        assert_eq!(quoted("She said 'we don't care' yesterday."), ["'we don't care'"]);
        assert!(quoted("The Democrats’ plan doesn't work, it's Bob's.").is_empty());
        assert!(quoted("Back in the '90s it was fine.").is_empty());
    }

    #[test]
    fn guillemets_and_german_quotes() {
        assert_eq!(quoted("Il a dit « non » hier."), ["« non »"]);
        assert_eq!(quoted("Er sagte: „Wir bleiben“, und ging."), ["„Wir bleiben“"]);
    }

    #[test]
    fn nested_single_inside_double() {
        assert_eq!(quoted("“They said ‘never’ to us,” she said."), ["“They said ‘never’ to us,”"]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let text =
            "The minister said:\n\n“We will rebuild the bridge.\n\n“And we will do it this year,” he added.";
        let p = find_passages(text);
        assert_eq!(p.len(), 1);
        assert!(p[0].multi_paragraph);
        assert!(p[0].span.slice(text).ends_with("this year,”"));
    }

    #[test]
    fn forgotten_marks() {
        let text = "Mildly speaking, this does not help the talks,” he continued.";
        let p = find_passages(text);
        assert_eq!(p.len(), 1);
        assert!(p[0].open_missing);
        assert_eq!(p[0].span.slice(text), "Mildly speaking, this does not help the talks,”");
        let text = "“We will not leave the city\n\nThe mayor spoke on Monday.";
        let p = find_passages(text);
        assert_eq!(p[0].span.slice(text), "“We will not leave the city");
        assert!(p[0].close_missing);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "\"", "“", "”", "''", "'", "’s", "« »", "„", "a\n\n\"", "``", "'\u{301}'", "\n\n\n"]
        {
            let _ = find_passages(t);
        }
    }
}
