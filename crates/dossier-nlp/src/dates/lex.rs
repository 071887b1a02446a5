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
            // The lexicon key (see `pack`) is built on the way.
            let mut key = 0u64;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    key = (key << 5) | u64::from((c | 0x20) - b'a' + 1);
                    i += 1;
                } else if c >= 0x80 && starts_alpha(text, i) {
                    ascii = false;
                    i += utf8_len(c);
                } else {
                    break;
                }
            }
            let word = &bytes[start..i];
            let lex = if ascii && word.len() <= 9 { lookup(key) } else { Lex::None };
            let cap = word[0].is_ascii_uppercase()
                || (!word[0].is_ascii() && text[start..].chars().next().is_some_and(char::is_uppercase));
            toks.push(Tok { start, end: i, kind: Kind::Word, gap, num: 0, digits: 0, cap, lex });
        } else {
            let (len, c) = if b < 0x80 {
                (1, u32::from(b))
            } else {
                (utf8_len(b), text[start..].chars().next().map_or(0, u32::from))
            };
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

/// Is a lower-case word a month or weekday of the lexicon, whole or cut
/// short (`dec`, `tues`)? (The quote stage asks it of names.)
pub(crate) fn is_month_or_weekday(low: &str) -> bool {
    WORDS.iter().any(|(w, lex)| *w == low && matches!(lex, Lex::Month { .. } | Lex::Weekday { .. }))
}

/// The date lexicon, as written: lower-case word and class.
const WORDS: &[(&str, Lex)] = &[
    ("jan", Lex::Month { m: 1, abbr: true }),
    ("january", Lex::Month { m: 1, abbr: false }),
    ("feb", Lex::Month { m: 2, abbr: true }),
    ("february", Lex::Month { m: 2, abbr: false }),
    ("mar", Lex::Month { m: 3, abbr: true }),
    ("march", Lex::Month { m: 3, abbr: false }),
    ("apr", Lex::Month { m: 4, abbr: true }),
    ("april", Lex::Month { m: 4, abbr: false }),
    ("may", Lex::Month { m: 5, abbr: false }),
    ("jun", Lex::Month { m: 6, abbr: true }),
    ("june", Lex::Month { m: 6, abbr: false }),
    ("jul", Lex::Month { m: 7, abbr: true }),
    ("july", Lex::Month { m: 7, abbr: false }),
    ("aug", Lex::Month { m: 8, abbr: true }),
    ("august", Lex::Month { m: 8, abbr: false }),
    ("sep", Lex::Month { m: 9, abbr: true }),
    ("sept", Lex::Month { m: 9, abbr: true }),
    ("september", Lex::Month { m: 9, abbr: false }),
    ("oct", Lex::Month { m: 10, abbr: true }),
    ("october", Lex::Month { m: 10, abbr: false }),
    ("nov", Lex::Month { m: 11, abbr: true }),
    ("november", Lex::Month { m: 11, abbr: false }),
    ("dec", Lex::Month { m: 12, abbr: true }),
    ("december", Lex::Month { m: 12, abbr: false }),
    ("mon", Lex::Weekday { d: 0, abbr: true }),
    ("monday", Lex::Weekday { d: 0, abbr: false }),
    ("tue", Lex::Weekday { d: 1, abbr: true }),
    ("tues", Lex::Weekday { d: 1, abbr: true }),
    ("tuesday", Lex::Weekday { d: 1, abbr: false }),
    ("wed", Lex::Weekday { d: 2, abbr: true }),
    ("wednesday", Lex::Weekday { d: 2, abbr: false }),
    ("thu", Lex::Weekday { d: 3, abbr: true }),
    ("thur", Lex::Weekday { d: 3, abbr: true }),
    ("thurs", Lex::Weekday { d: 3, abbr: true }),
    ("thursday", Lex::Weekday { d: 3, abbr: false }),
    ("fri", Lex::Weekday { d: 4, abbr: true }),
    ("friday", Lex::Weekday { d: 4, abbr: false }),
    ("sat", Lex::Weekday { d: 5, abbr: true }),
    ("saturday", Lex::Weekday { d: 5, abbr: false }),
    ("sun", Lex::Weekday { d: 6, abbr: true }),
    ("sunday", Lex::Weekday { d: 6, abbr: false }),
    ("today", Lex::Today),
    ("tonight", Lex::Today),
    ("yesterday", Lex::Yesterday),
    ("tomorrow", Lex::Tomorrow),
    ("this", Lex::This),
    ("last", Lex::Last),
    ("past", Lex::Last),
    ("previous", Lex::Last),
    ("coming", Lex::Next),
    ("next", Lex::Next),
    ("earlier", Lex::Modifier),
    ("early", Lex::Modifier),
    ("late", Lex::Modifier),
    ("later", Lex::Modifier),
    ("mid", Lex::Modifier),
    ("ago", Lex::Ago),
    ("afternoon", Lex::DayPart),
    ("evening", Lex::DayPart),
    ("morning", Lex::DayPart),
    ("night", Lex::DayPart),
    ("spring", Lex::Season(0)),
    ("summer", Lex::Season(1)),
    ("autumn", Lex::Season(2)),
    ("fall", Lex::Season(2)),
    ("winter", Lex::Season(3)),
    ("a", Lex::NumWord(1)),
    ("an", Lex::NumWord(1)),
    ("one", Lex::NumWord(1)),
    ("two", Lex::NumWord(2)),
    ("three", Lex::NumWord(3)),
    ("four", Lex::NumWord(4)),
    ("five", Lex::NumWord(5)),
    ("six", Lex::NumWord(6)),
    ("seven", Lex::NumWord(7)),
    ("eight", Lex::NumWord(8)),
    ("nine", Lex::NumWord(9)),
    ("ten", Lex::NumWord(10)),
    ("eleven", Lex::NumWord(11)),
    ("twelve", Lex::NumWord(12)),
    ("thirteen", Lex::NumWord(13)),
    ("fourteen", Lex::NumWord(14)),
    ("fifteen", Lex::NumWord(15)),
    ("sixteen", Lex::NumWord(16)),
    ("seventeen", Lex::NumWord(17)),
    ("eighteen", Lex::NumWord(18)),
    ("nineteen", Lex::NumWord(19)),
    ("twenty", Lex::NumWord(20)),
    ("thirty", Lex::NumWord(30)),
    ("forty", Lex::NumWord(40)),
    ("fifty", Lex::NumWord(50)),
    ("between", Lex::Between),
    ("from", Lex::From),
    ("day", Lex::Unit { u: 0, plural: false }),
    ("days", Lex::Unit { u: 0, plural: true }),
    ("decade", Lex::Unit { u: 5, plural: false }),
    ("decades", Lex::Unit { u: 5, plural: true }),
    ("month", Lex::Unit { u: 3, plural: false }),
    ("months", Lex::Unit { u: 3, plural: true }),
    ("week", Lex::Unit { u: 1, plural: false }),
    ("weekend", Lex::Unit { u: 2, plural: false }),
    ("weekends", Lex::Unit { u: 2, plural: true }),
    ("weeks", Lex::Unit { u: 1, plural: true }),
    ("year", Lex::Unit { u: 4, plural: false }),
    ("years", Lex::Unit { u: 4, plural: true }),
];

/// [`WORDS`] keyed by [`pack`] and sorted by key at compile time, for a
/// binary search per word instead of a string comparison per entry.
const LEXICON: [(u64, Lex); WORDS.len()] = sorted_lexicon();

/// A 1024-bit filter over the keys of [`LEXICON`]: most words of running
/// text miss it and skip the binary search.
const FILTER: [u64; 16] = key_filter();

const fn sorted_lexicon() -> [(u64, Lex); WORDS.len()] {
    let mut out = [(0u64, Lex::None); WORDS.len()];
    let mut i = 0;
    while i < WORDS.len() {
        out[i] = (pack(WORDS[i].0.as_bytes()), WORDS[i].1);
        i += 1;
    }
    // Insertion sort: about a hundred entries, at compile time.
    let mut i = 1;
    while i < out.len() {
        let mut j = i;
        while j > 0 && out[j - 1].0 > out[j].0 {
            let t = out[j - 1];
            out[j - 1] = out[j];
            out[j] = t;
            j -= 1;
        }
        i += 1;
    }
    out
}

const fn key_filter() -> [u64; 16] {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < WORDS.len() {
        let h = slot(pack(WORDS[i].0.as_bytes()));
        bits[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    bits
}

/// The filter slot (0..1024) of a key.
const fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
}

/// Packs up to 12 ASCII letters, case-folded, five bits each, into one
/// integer key (0 for anything else).
const fn pack(word: &[u8]) -> u64 {
    if word.len() > 12 {
        return 0;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < word.len() {
        let c = word[i].to_ascii_lowercase();
        if !c.is_ascii_lowercase() {
            return 0;
        }
        key = (key << 5) | (c - b'a' + 1) as u64;
        i += 1;
    }
    key
}

/// Classifies one ASCII word (any case) against the date lexicon.
#[cfg(test)]
fn classify(word: &[u8]) -> Lex {
    if word.len() > 9 {
        return Lex::None;
    }
    lookup(pack(word))
}

/// The class of a packed key.
fn lookup(key: u64) -> Lex {
    let h = slot(key);
    if FILTER[h / 64] & (1 << (h % 64)) == 0 {
        return Lex::None;
    }
    match LEXICON.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(i) => LEXICON[i].1,
        Err(_) => Lex::None,
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
    fn lexicon_is_sorted_and_keys_round_trip() {
        assert!(LEXICON.windows(2).all(|w| w[0].0 < w[1].0));
        for (word, lex) in WORDS {
            assert_eq!(classify(word.as_bytes()), *lex, "{word}");
        }
        for word in ["january", "Sept", "WEDNESDAY", "yesterday", "ago", "an", "fall"] {
            assert_ne!(classify(word.as_bytes()), Lex::None, "{word}");
        }
        for word in ["the", "said", "janu", "mayor", "monday1", "septembers"] {
            assert_eq!(classify(word.as_bytes()), Lex::None, "{word}");
        }
        assert_eq!(classify(b"Nov"), Lex::Month { m: 11, abbr: true });
        assert_eq!(classify(b"thursday"), Lex::Weekday { d: 3, abbr: false });
        assert_eq!(classify(b"years"), Lex::Unit { u: 4, plural: true });
    }

    #[test]
    fn huge_numbers_saturate() {
        let toks = tokenize("99999999999999999999");
        assert_eq!(toks[0].num, u32::MAX);
        assert_eq!(toks[0].digits, 20);
    }
}
