//! A small, allocation-light tokenizer for date recognition.
//!
//! Date grammar works on words, digit runs and single punctuation marks, and
//! needs to know how much white space separates them (a date never spans a
//! paragraph break; `19.08.2010` is one date only because its parts touch).
//! Each word is classified once against the date lexicon (months, weekdays,
//! relative words) so the grammar only ever looks at tokens that can start a
//! date. The tokenizer is private to the `dates` module: the shared
//! tokenizer of the crate splits differently (it keeps `19.08.2010` whole),
//! and dates need their own view of the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (ASCII or not).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// Lexical class of a word, for the words the date grammar cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// Nothing date-related.
    None,
    /// A month name (1–12), full or abbreviated (`abbr`).
    Month { m: u8, abbr: bool },
    /// A weekday (0 = Monday), full or abbreviated (`abbr`).
    Weekday { d: u8, abbr: bool },
    /// `today`, `tonight`.
    Today,
    /// `yesterday`.
    Yesterday,
    /// `tomorrow`.
    Tomorrow,
    /// `this`.
    This,
    /// `last`, `past`, `previous`.
    Last,
    /// `next`, `coming`.
    Next,
    /// `early`, `mid`, `late`, `earlier`, `later`.
    Modifier,
    /// A calendar unit: 0 day, 1 week, 2 weekend, 3 month, 4 year, 5 decade.
    Unit { u: u8, plural: bool },
    /// `ago`.
    Ago,
    /// Part of a day: `morning`, `afternoon`, `evening`, `night`.
    DayPart,
    /// A season: 0 spring, 1 summer, 2 autumn/fall, 3 winter.
    Season(u8),
    /// A number word (`one` … `twenty`, `thirty`, `a`/`an` = 1).
    NumWord(u8),
    /// `between`.
    Between,
    /// `from`.
    From,
}

/// One token. Offsets are bytes into the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: Kind,
    /// White space before the token: 0 none, 1 spaces, 2 one line break,
    /// 3 a blank line (paragraph break) or more.
    pub gap: u8,
    /// For numbers: the value (saturating); for punctuation: the char.
    pub num: u32,
    /// For numbers: the number of digits.
    pub digits: u8,
    /// For words: starts with an upper-case letter.
    pub cap: bool,
    /// For words: the date-lexicon class.
    pub lex: Lex,
}

impl Tok {
    /// The punctuation character, if this is punctuation.
    pub fn punct(&self) -> Option<char> {
        if self.kind == Kind::Punct {
            char::from_u32(self.num)
        } else {
            None
        }
    }

    /// True for a number token.
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    let mut i = 0;
    let mut gap = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                gap = if gap >= 2 { 3 } else { 2 };
            } else if gap == 0 {
                gap = 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        if b.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(bytes[i] - b'0'));
                i += 1;
            }
            let digits = (i - start).min(255) as u8;
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Num,
                gap,
                num: v,
                digits,
                cap: false,
                lex: Lex::None,
            });
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && starts_alpha(text, i)) {
            let mut ascii = true;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 && starts_alpha(text, i) {
                    ascii = false;
                    i += utf8_len(c);
                } else {
                    break;
                }
            }
            let word = &bytes[start..i];
            let lex = if ascii { classify(word) } else { Lex::None };
            let cap = word[0].is_ascii_uppercase()
                || (!word[0].is_ascii() && text[start..].chars().next().is_some_and(char::is_uppercase));
            toks.push(Tok { start, end: i, kind: Kind::Word, gap, num: 0, digits: 0, cap, lex });
        } else {
            let len = if b < 0x80 { 1 } else { utf8_len(b) };
            let c = text[start..].chars().next().map_or(0, u32::from);
            i += len;
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Punct,
                gap,
                num: c,
                digits: 0,
                cap: false,
                lex: Lex::None,
            });
        }
        gap = 0;
    }
    toks
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn starts_alpha(text: &str, i: usize) -> bool {
    text.get(i..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic)
}

/// Classifies one ASCII word (any case) against the date lexicon.
fn classify(word: &[u8]) -> Lex {
    if word.len() > 9 {
        return Lex::None;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    let month = |m: u8| Lex::Month { m, abbr: false };
    let mabbr = |m: u8| Lex::Month { m, abbr: true };
    let wd = |d: u8| Lex::Weekday { d, abbr: false };
    let wabbr = |d: u8| Lex::Weekday { d, abbr: true };
    let unit = |u: u8, plural: bool| Lex::Unit { u, plural };
    match w {
        b"january" => month(1),
        b"jan" => mabbr(1),
        b"february" => month(2),
        b"feb" => mabbr(2),
        b"march" => month(3),
        b"mar" => mabbr(3),
        b"april" => month(4),
        b"apr" => mabbr(4),
        b"may" => month(5),
        b"june" => month(6),
        b"jun" => mabbr(6),
        b"july" => month(7),
        b"jul" => mabbr(7),
        b"august" => month(8),
        b"aug" => mabbr(8),
        b"september" => month(9),
        b"sep" | b"sept" => mabbr(9),
        b"october" => month(10),
        b"oct" => mabbr(10),
        b"november" => month(11),
        b"nov" => mabbr(11),
        b"december" => month(12),
        b"dec" => mabbr(12),
        b"monday" => wd(0),
        b"mon" => wabbr(0),
        b"tuesday" => wd(1),
        b"tue" | b"tues" => wabbr(1),
        b"wednesday" => wd(2),
        b"wed" => wabbr(2),
        b"thursday" => wd(3),
        b"thu" | b"thur" | b"thurs" => wabbr(3),
        b"friday" => wd(4),
        b"fri" => wabbr(4),
        b"saturday" => wd(5),
        b"sat" => wabbr(5),
        b"sunday" => wd(6),
        b"sun" => wabbr(6),
        b"today" | b"tonight" => Lex::Today,
        b"yesterday" => Lex::Yesterday,
        b"tomorrow" => Lex::Tomorrow,
        b"this" => Lex::This,
        b"last" | b"past" | b"previous" => Lex::Last,
        b"next" | b"coming" => Lex::Next,
        b"early" | b"mid" | b"late" | b"earlier" | b"later" => Lex::Modifier,
        b"day" => unit(0, false),
        b"days" => unit(0, true),
        b"week" => unit(1, false),
        b"weeks" => unit(1, true),
        b"weekend" => unit(2, false),
        b"weekends" => unit(2, true),
        b"month" => unit(3, false),
        b"months" => unit(3, true),
        b"year" => unit(4, false),
        b"years" => unit(4, true),
        b"decade" => unit(5, false),
        b"decades" => unit(5, true),
        b"ago" => Lex::Ago,
        b"morning" | b"afternoon" | b"evening" | b"night" => Lex::DayPart,
        b"spring" => Lex::Season(0),
        b"summer" => Lex::Season(1),
        b"autumn" | b"fall" => Lex::Season(2),
        b"winter" => Lex::Season(3),
        b"a" | b"an" | b"one" => Lex::NumWord(1),
        b"two" => Lex::NumWord(2),
        b"three" => Lex::NumWord(3),
        b"four" => Lex::NumWord(4),
        b"five" => Lex::NumWord(5),
        b"six" => Lex::NumWord(6),
        b"seven" => Lex::NumWord(7),
        b"eight" => Lex::NumWord(8),
        b"nine" => Lex::NumWord(9),
        b"ten" => Lex::NumWord(10),
        b"eleven" => Lex::NumWord(11),
        b"twelve" => Lex::NumWord(12),
        b"thirteen" => Lex::NumWord(13),
        b"fourteen" => Lex::NumWord(14),
        b"fifteen" => Lex::NumWord(15),
        b"sixteen" => Lex::NumWord(16),
        b"seventeen" => Lex::NumWord(17),
        b"eighteen" => Lex::NumWord(18),
        b"nineteen" => Lex::NumWord(19),
        b"twenty" => Lex::NumWord(20),
        b"thirty" => Lex::NumWord(30),
        b"forty" => Lex::NumWord(40),
        b"fifty" => Lex::NumWord(50),
        b"between" => Lex::Between,
        b"from" => Lex::From,
        _ => Lex::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_numbers_words_and_punctuation_with_gaps() {
        let t = "On 19.08.2010,\n\nNov  21";
        let toks = tokenize(t);
        let kinds: Vec<Kind> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Word,
                Kind::Num,
                Kind::Punct,
                Kind::Num,
                Kind::Punct,
                Kind::Num,
                Kind::Punct,
                Kind::Word,
                Kind::Num
            ]
        );
        assert_eq!(toks[1].num, 19);
        assert_eq!(toks[2].gap, 0);
        assert_eq!(toks[7].gap, 3);
        assert_eq!(toks[7].lex, Lex::Month { m: 11, abbr: true });
        assert_eq!(toks[8].gap, 1);
    }

    #[test]
    fn odd_unicode_never_breaks_offsets() {
        let t = "Račak — “Vučić” 🙂 said Friday";
        for tok in tokenize(t) {
            assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
        }
        let toks = tokenize(t);
        assert_eq!(toks[0].end - toks[0].start, "Račak".len());
        assert_eq!(toks.last().unwrap().lex, Lex::Weekday { d: 4, abbr: false });
    }

    #[test]
    fn huge_numbers_saturate() {
        let toks = tokenize("99999999999999999999");
        assert_eq!(toks[0].num, u32::MAX);
        assert_eq!(toks[0].digits, 20);
    }
}
