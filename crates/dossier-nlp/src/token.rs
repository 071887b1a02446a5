//! The tokenizer every dossier stage shares.
//!
//! Penn-Treebank-like, because that is how the NER training data
//! (CoNLL-2003) is tokenized: punctuation is split off, possessive `'s`/`’s`
//! and clitics (`n't`, `'re`, `'ll`, …) are their own tokens, while
//! abbreviations (`U.S.`, `Nov.`, `Gen.`), initials (`J.`), decimals and
//! thousands (`3.5`, `1,400`), times (`3:45`), hyphenated and apostrophised
//! names (`Botsan-Kharchenko`, `O'Brien`), URLs and e-mail addresses stay
//! whole. Every token is a byte span into the input, and the tokenizer never
//! fails or drops a non-space character.

use dossier_core::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Contains at least one letter.
    Word,
    /// Starts with a digit and has no letter (`1,400`, `3.5`, `19.08.2010`).
    Number,
    /// Punctuation: quotes, brackets, dashes, sentence marks.
    Punct,
    /// Anything else: symbols, emoji, currency signs.
    Symbol,
}

/// One token: a byte span into the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands (bytes).
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Abbreviations whose final period belongs to the token (lower-cased,
/// without the period). Titles, months, corporate and common Latin forms.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "pres", "hon", "amb", "st", "ste", "mt", "ft", "jr", "sr", "messrs", "mme", "mlle",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "co", "ltd", "bros", "dept",
    "univ", "assn", "est", "vs", "etc", "approx", "no", "nos", "vol", "fig", "ed", "eds", "al", "ca", "cf",
    "op", "ave", "blvd", "rd", "hwy", "pp", "para", "art", "sec", "gov't", "dist", "natl", "intl",
];

/// Titles: an abbreviation that always precedes a name, so its period never
/// ends a sentence.
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "pres", "hon", "amb", "st", "mt", "messrs", "mme", "mlle",
];

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut tokens);
    }
    tokens
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '„' | '‚' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '`' | '*' | '_'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '!' | '?' | ',' | ';' | ':' | '*' | '_' | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '‒' | '−')
}

fn kind_of(s: &str) -> TokenKind {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if s.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else if first.is_ascii_digit() || first.is_numeric() {
        TokenKind::Number
    } else if s
        .chars()
        .all(|c| c.is_ascii_punctuation() || is_dash(c) || is_open_punct(c) || is_close_punct(c))
        || matches!(first, '…' | '•' | '·')
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn push(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    if start < end {
        tokens.push(Token { span: Span::new(start, end), kind: kind_of(&text[start..end]) });
    }
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, mut start: usize, mut end: usize, tokens: &mut Vec<Token>) {
    // Fast path: most chunks are a plain ASCII word or number.
    let bytes = &text.as_bytes()[start..end];
    if bytes.iter().all(u8::is_ascii_alphanumeric) {
        let kind =
            if bytes.iter().any(u8::is_ascii_alphabetic) { TokenKind::Word } else { TokenKind::Number };
        tokens.push(Token { span: Span::new(start, end), kind });
        return;
    }
    // Leading punctuation, one mark at a time.
    while start < end {
        let c = text[start..end].chars().next().unwrap();
        let rest = &text[start + c.len_utf8()..end];
        let leading_symbol =
            matches!(c, '$' | '€' | '£' | '¥') && rest.starts_with(|d: char| d.is_ascii_digit());
        // An apostrophe before digits is an elided century ('90s): keep it.
        let elision = matches!(c, '\'' | '’') && rest.starts_with(|d: char| d.is_ascii_digit());
        if (is_open_punct(c) && !elision) || is_dash(c) || leading_symbol {
            push(tokens, text, start, start + c.len_utf8());
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation is collected in reverse and pushed after the core.
    let mut trailing: Vec<(usize, usize)> = Vec::with_capacity(4);
    loop {
        if start >= end {
            break;
        }
        let core = &text[start..end];
        let c = core.chars().next_back().unwrap();
        let clen = c.len_utf8();
        if core.ends_with("...") && core.len() > 3 {
            let e = end - 3;
            let s = text[start..e].trim_end_matches('.').len() + start;
            trailing.push((s, end));
            end = s;
            continue;
        }
        if c == '.' {
            let body = &core[..core.len() - 1];
            if body.is_empty() || !keeps_period(body) {
                trailing.push((end - 1, end));
                end -= 1;
                continue;
            }
            break;
        }
        if c == '%' && core.len() > 1 {
            trailing.push((end - 1, end));
            end -= 1;
            continue;
        }
        // A trailing apostrophe after s is a plural possessive (Democrats’).
        if matches!(c, '\'' | '’') && core.len() > clen {
            let before = core[..core.len() - clen].chars().next_back().unwrap();
            if matches!(before, 's' | 'S') && !core[..core.len() - clen].contains(['\'', '’', '"', '“']) {
                trailing.push((end - clen, end));
                end -= clen;
                continue;
            }
        }
        if is_close_punct(c) || is_dash(c) {
            trailing.push((end - clen, end));
            end -= clen;
            continue;
        }
        break;
    }
    // Clitics: possessive 's, n't, 're, 've, 'll, 'd, 'm.
    if start < end {
        let core = &text[start..end];
        if let Some(cut) = clitic_cut(core) {
            split_core(text, start, start + cut, tokens);
            push(tokens, text, start + cut, end);
        } else {
            split_core(text, start, end, tokens);
        }
    }
    for &(s, e) in trailing.iter().rev() {
        push(tokens, text, s, e);
    }
}

/// True when the period after `body` is part of the token: a known
/// abbreviation, an initial, or a dotted acronym (`U.S`, `e.g`).
fn keeps_period(body: &str) -> bool {
    let last_part = body.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or(body);
    if last_part.is_empty() {
        return false;
    }
    let mut chars = last_part.chars();
    let first = chars.next().unwrap();
    // Initials: one letter.
    if chars.next().is_none() && first.is_alphabetic() {
        return first.is_uppercase() || body.len() == 1;
    }
    // Dotted acronyms: U.S, U.N, e.g, a.m, Ph.D
    if last_part.contains('.') && last_part.split('.').all(|p| !p.is_empty() && p.chars().count() <= 3) {
        return last_part.chars().all(|c| c.is_alphabetic() || c == '.');
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last_part))
}

/// Where a clitic starts in `core`, if it ends in one.
fn clitic_cut(core: &str) -> Option<usize> {
    // (letters before the apostrophe, letters after it)
    const CLITICS: [(&str, &str); 7] =
        [("n", "t"), ("", "s"), ("", "re"), ("", "ve"), ("", "ll"), ("", "d"), ("", "m")];
    let bytes = core.as_bytes();
    for (before, after) in CLITICS {
        let Some(rest) = strip_suffix_ignore_case(bytes, after.as_bytes()) else { continue };
        let rest = if let Some(r) = rest.strip_suffix(b"'") {
            r
        } else if let Some(r) = rest.strip_suffix("’".as_bytes()) {
            r
        } else {
            continue;
        };
        let Some(head) = strip_suffix_ignore_case(rest, before.as_bytes()) else { continue };
        // Something word-like must stand before the clitic.
        let head = std::str::from_utf8(head).ok()?;
        return head.chars().next_back().filter(|c| c.is_alphanumeric()).map(|_| head.len());
    }
    None
}

fn strip_suffix_ignore_case<'a>(s: &'a [u8], suffix: &[u8]) -> Option<&'a [u8]> {
    let cut = s.len().checked_sub(suffix.len())?;
    s[cut..].eq_ignore_ascii_case(suffix).then_some(&s[..cut])
}

/// Splits a core (no leading or trailing punctuation) at characters that
/// cannot be word-internal. Connectors stay inside a token only between
/// alphanumerics: `-` `'` `’` `.` `&` `/` `_` `@` anywhere, `,` and `:`
/// between digits.
fn split_core(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let core = &text[start..end];
    if core.contains("://") || core.starts_with("www.") || is_email(core) {
        push(tokens, text, start, end);
        return;
    }
    let mut tok_start = 0usize; // byte offset in core
    let mut prev: Option<char> = None;
    let mut iter = core.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        if c.is_alphanumeric() || is_mark(c) {
            prev = Some(c);
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let between_alnum =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let internal = match c {
            '-' | '\'' | '’' | '.' | '&' | '/' | '_' | '@' | '\u{00AD}' => between_alnum,
            ',' | ':' => between_digits,
            _ => false,
        } || (c == '.' && next.is_none() && prev.is_some()) // a period the caller chose to keep
            || (matches!(c, '\'' | '’') && prev.is_none() && next.is_some_and(|n| n.is_ascii_digit()));
        if internal {
            prev = Some(c);
            continue;
        }
        // `c` is a separator: emit what came before, then `c` (a run of hyphens is one token).
        push(tokens, text, start + tok_start, start + off);
        let mut run_end = off + c.len_utf8();
        if c == '-' {
            while let Some(&(o, '-')) = iter.peek() {
                run_end = o + 1;
                iter.next();
            }
        }
        push(tokens, text, start + off, start + run_end);
        tok_start = run_end;
        prev = None;
    }
    push(tokens, text, start + tok_start, end);
}

fn is_mark(c: char) -> bool {
    // Combining diacritical marks (decomposed Vuc\u{30c}ic\u{301}).
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_email(s: &str) -> bool {
    let Some(at) = s.find('@') else { return false };
    at > 0
        && s[at + 1..].contains('.')
        && !s[at + 1..].starts_with('.')
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_abbreviations() {
        assert_eq!(
            toks("The U.S. envoy, Gen. Smith, arrived on Nov. 21."),
            ["The", "U.S.", "envoy", ",", "Gen.", "Smith", ",", "arrived", "on", "Nov.", "21", "."]
        );
    }

    #[test]
    fn possessives_and_clitics() {
        assert_eq!(toks("Russia's envoy"), ["Russia", "'s", "envoy"]);
        assert_eq!(toks("Kosovo’s status"), ["Kosovo", "’s", "status"]);
        assert_eq!(toks("Democrats’ plan"), ["Democrats", "’", "plan"]);
        assert_eq!(toks("they don't know"), ["they", "do", "n't", "know"]);
        assert_eq!(toks("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("1,400 people, 3.5% at 3:45 on 19.08.2010"),
            ["1,400", "people", ",", "3.5", "%", "at", "3:45", "on", "19.08.2010"]
        );
        assert_eq!(toks("$20 in the '90s"), ["$", "20", "in", "the", "'90s"]);
    }

    #[test]
    fn names_with_hyphens_and_diacritics() {
        assert_eq!(
            toks("Alexander Botsan-Kharchenko met Vučić in Račak."),
            ["Alexander", "Botsan-Kharchenko", "met", "Vučić", "in", "Račak", "."]
        );
    }

    #[test]
    fn quotes_brackets_dashes_and_ellipses() {
        assert_eq!(
            toks("“We will not,” he said (AFP) – no..."),
            ["“", "We", "will", "not", ",", "”", "he", "said", "(", "AFP", ")", "–", "no", "..."]
        );
        assert_eq!(toks("'Yes'"), ["'", "Yes", "'"]);
        assert_eq!(toks("Kosovo--Serbia"), ["Kosovo", "--", "Serbia"]);
        assert_eq!(toks("«Non»"), ["«", "Non", "»"]);
    }

    #[test]
    fn urls_emails_and_emoji() {
        assert_eq!(
            toks("see https://example.org/a.html, mail a.b@c.org🙂"),
            ["see", "https://example.org/a.html", ",", "mail", "a.b@c.org", "🙂"]
        );
    }

    #[test]
    fn spans_are_exact_and_cover_every_non_space_char() {
        let text = "“Račak”\u{a0}— 🙂 U.S.-led, co-operation; Kiljunen: \"no\"";
        let tokens = tokenize(text);
        let covered: String = tokens.iter().map(|t| t.text(text)).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(covered, expected);
        for w in tokens.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for text in
            ["", " ", "'", "’s", "...", ".", "'s'", "n't", "a’", "—", "\u{301}", "$", "%", "x.", "..a.."]
        {
            let _ = tokenize(text);
        }
    }
}
