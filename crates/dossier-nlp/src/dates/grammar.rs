//! The date grammar: which token sequences are date expressions, and what
//! they say.
//!
//! A hand-written recursive-descent reader over [`lex`](super::lex) tokens.
//! Scanning goes left to right; at each token that can start a date (a
//! number, a month or weekday name, a relative word) the longest reading is
//! tried first and, when one succeeds, scanning resumes after it, so the
//! result is in text order and never overlaps. Rules are written from how
//! English news prints dates, not from any one corpus; the negative rules
//! (what makes a four-digit number *not* a year) look only at the
//! neighbouring words and symbols.

use chrono::Datelike;

use super::lex::{Kind, Lex, Tok};
use super::resolve::{days_in_month, Dir, Val};
use super::words::*;

/// A date expression found in the tokens: `toks[start..end]` and its reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cand {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What the words say.
    pub val: Val,
}

/// Reads every date expression in `toks`.
pub(crate) fn parse_all(text: &str, toks: &[Tok]) -> Vec<Cand> {
    let g = G { text, toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let trigger = match t.kind {
            Kind::Num => true,
            Kind::Word => t.lex != Lex::None,
            Kind::Punct => t.num == u32::from('\'') || t.num == u32::from('’'),
        };
        if trigger {
            if let Some((end, val)) = g.top(i) {
                out.push(Cand { start: i, end, val });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

struct G<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl G<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        let t = self.tok(i)?;
        (t.kind == Kind::Word).then(|| &self.text[t.start..t.end])
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        self.word(i).is_some_and(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
    }

    fn prev_word_in(&self, i: usize, list: &[&str]) -> bool {
        i > 0 && self.word_in(i - 1, list)
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.tok(i).and_then(Tok::punct)
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('-' | '–' | '—' | '‐' | '‑'))
    }

    /// True when token `i` follows the previous one with no space.
    fn tight(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == 0)
    }

    /// True when token `i` exists and is not after a paragraph break or a
    /// line break (parts of one date stay on one line, but a single line
    /// break is tolerated for text wrapped at a fixed width).
    fn near(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap <= 2)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.tok(i)?;
        t.is_num().then_some((t.num, t.digits))
    }

    /// Highest-level rule: ranges with a keyword, modifiers, then a core date.
    fn top(&self, i: usize) -> Option<(usize, Val)> {
        let t = &self.toks[i];
        match t.lex {
            Lex::Between => {
                if let Some(r) = self.keyword_range(i, &["and"]) {
                    return Some(r);
                }
            }
            Lex::From => {
                if let Some(r) = self.keyword_range(i, &["to", "until", "till", "through", "thru"]) {
                    return Some(r);
                }
            }
            Lex::Modifier => {
                if let Some(r) = self.modified(i) {
                    return Some(r);
                }
            }
            _ => {}
        }
        self.core(i)
    }

    /// `between X and Y`, `from X to Y` (also with a dash for `to`).
    fn keyword_range(&self, i: usize, joins: &[&str]) -> Option<(usize, Val)> {
        if !self.near(i + 1) {
            return None;
        }
        let (e1, a) = self.core(i + 1)?;
        if !self.near(e1) {
            return None;
        }
        let j = if self.word_in(e1, joins) || (joins.len() > 1 && self.is_dash(e1)) {
            e1 + 1
        } else {
            return None;
        };
        if !self.near(j) {
            return None;
        }
        let (e2, b) = match self.tok(j)?.lex {
            // The second month of a range needs no further support.
            Lex::Month { m, abbr } if self.tok(j)?.cap => match self.month_day(j, m, abbr) {
                Some(r) => r,
                None => self.month_year_or_bare_unchecked(j, m, abbr)?,
            },
            _ => self.core(j)?,
        };
        if !rangeable(&a) || !rangeable(&b) {
            return None;
        }
        Some((e2, Val::Range(Box::new(a), Box::new(b))))
    }

    /// `early March`, `mid-2022`, `late 1990s`, `earlier today`, `later this month`.
    fn modified(&self, i: usize) -> Option<(usize, Val)> {
        let w = self.word(i)?.to_ascii_lowercase();
        let mut j = i + 1;
        if w == "mid" && self.is_dash(j) && self.tight(j) {
            j += 1;
        }
        if !self.near(j) || (j == i + 1 && self.tok(j)?.gap == 0) {
            return None;
        }
        let next = self.tok(j)?;
        let ok = match w.as_str() {
            "earlier" | "later" => matches!(next.lex, Lex::Today | Lex::This),
            _ => {
                matches!(
                    next.lex,
                    Lex::Month { abbr: false, .. }
                        | Lex::Weekday { abbr: false, .. }
                        | Lex::This
                        | Lex::Last
                        | Lex::Next
                        | Lex::Yesterday
                        | Lex::Tomorrow
                ) || next.is_num()
            }
        };
        if !ok {
            return None;
        }
        let (e, v) = self.core(j)?;
        match v {
            Val::Ym(..)
            | Val::Y(_)
            | Val::M(_)
            | Val::Decade(_)
            | Val::RelMonth(_)
            | Val::RelYear(_)
            | Val::MonthDir(..)
            | Val::Week(_)
            | Val::Weekday(..)
            | Val::Day(_) => Some((e, v)),
            _ => None,
        }
    }

    /// A single date expression, possibly a dash range of like parts.
    fn core(&self, i: usize) -> Option<(usize, Val)> {
        let t = *self.tok(i)?;
        match t.lex {
            Lex::Weekday { d, abbr } => self.weekday(i, d, abbr),
            Lex::Month { m, abbr } => self.month(i, m, abbr),
            // Capitalised in mid-sentence, these are names (`USA Today`,
            // `NBC's Today show`).
            Lex::Today | Lex::Yesterday | Lex::Tomorrow if t.cap && self.mid_sentence(i) => None,
            Lex::Today => Some((i + 1, Val::Day(0))),
            Lex::Yesterday => Some((self.day_part(i + 1), Val::Day(-1))),
            Lex::Tomorrow => Some((self.day_part(i + 1), Val::Day(1))),
            Lex::This | Lex::Last | Lex::Next => self.directed(i),
            Lex::NumWord(n) => self.ago(i, u32::from(n)),
            Lex::Season(s) => self.season_year(i, s),
            _ if t.is_num() => self.number(i),
            _ if matches!(t.punct(), Some('\'' | '’')) => self.apostrophe_decade(i),
            _ => None,
        }
    }

    /// True when token `i` follows a word or number on the same line.
    fn mid_sentence(&self, i: usize) -> bool {
        i > 0 && self.toks[i].gap <= 1 && matches!(self.toks[i - 1].kind, Kind::Word | Kind::Num)
    }

    /// Extends over a following `morning`/`afternoon`/`evening`/`night`.
    fn day_part(&self, j: usize) -> usize {
        match self.tok(j) {
            Some(t) if t.lex == Lex::DayPart && t.gap == 1 => j + 1,
            _ => j,
        }
    }

    fn weekday(&self, i: usize, d: u8, abbr: bool) -> Option<(usize, Val)> {
        let t = self.tok(i)?;
        if abbr && !t.cap {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.punct(j) == Some('.') && self.tight(j) {
            j += 1;
        }
        if self.punct(j) == Some(',') {
            j += 1;
        }
        // A weekday in front of a full or partial calendar date.
        if self.near(j) {
            let full = match self.tok(j).map(|t| t.lex) {
                Some(Lex::Month { m, abbr }) => self.month_day(j, m, abbr),
                _ if self.tok(j).is_some_and(Tok::is_num) => self.day_month(j),
                _ => None,
            };
            match full {
                Some((e, Val::Md(m, dd, _))) => return Some((e, Val::Md(m, dd, Some(d)))),
                // A weekday that contradicts the date is not part of it
                // (`Edmonton Sun, August 16, 2008` names a paper).
                Some((e, v @ Val::Ymd(y, m, dd))) => {
                    let agrees = chrono::NaiveDate::from_ymd_opt(y, m, dd)
                        .is_some_and(|x| x.weekday().num_days_from_monday() == u32::from(d));
                    if agrees {
                        return Some((e, v));
                    }
                    return None;
                }
                _ => {}
            }
        }
        if abbr || self.prev_word_in(i, WEEKDAY_NAME_BEFORE) {
            return None;
        }
        // `the next Tuesday`, `the following Friday`: anchored on another event.
        if i >= 2
            && self.prev_word_in(i, &["next", "following", "previous", "same"])
            && self.prev_word_in(i - 1, &["the"])
        {
            return None;
        }
        if let Some(n) = self.tok(i + 1) {
            if n.kind == Kind::Word && n.cap && n.gap == 1 && self.word_in(i + 1, WEEKDAY_NAME_AFTER) {
                return None;
            }
        }
        Some((self.day_part(i + 1), Val::Weekday(d, Dir::Bare)))
    }

    /// `Month Day[, Year]`, `Month Day-Day[, Year]`.
    fn month_day(&self, i: usize, m: u8, abbr: bool) -> Option<(usize, Val)> {
        let t = self.tok(i)?;
        if !t.cap {
            return None;
        }
        let m = u32::from(m);
        let mut j = i + 1;
        if abbr && self.punct(j) == Some('.') && self.tight(j) {
            j += 1;
        }
        let (d, dig) = self.num(j)?;
        // `Sept.11` is written without a space often enough to accept it
        // after an abbreviation's full stop.
        let glued_ok = self.tok(j)?.gap == 0 && j > i + 1;
        if dig > 2 || !(1..=31).contains(&d) || !self.near(j) || (self.tok(j)?.gap == 0 && !glued_ok) {
            return None;
        }
        let glued_after = self.glued_after(j) && self.punct(j + 1) != Some('-');
        if glued_after || self.punct(j + 1) == Some('%') {
            return None;
        }
        let mut k = self.ordinal(j + 1);
        let mut d2 = None;
        if self.is_dash(k) && self.tok(k)?.gap <= 1 {
            if let Some((x, dx)) = self.num(k + 1) {
                if dx <= 2 && x > d && x <= 31 && !self.glued_after(k + 1) {
                    d2 = Some(x);
                    k = self.ordinal(k + 2);
                }
            }
        }
        let mut y_at = k;
        if self.punct(y_at) == Some(',') {
            y_at += 1;
        }
        let year = self.num(y_at).filter(|(y, dig)| {
            *dig == 4 && (1000..=2199).contains(y) && self.near(y_at) && !self.number_continues(y_at)
        });
        let mk = |day: u32, y: Option<i32>| -> Option<Val> {
            let ok_day = day <= days_in_month(y.unwrap_or(2000), m);
            ok_day.then_some(match y {
                Some(y) => Val::Ymd(y, m, day),
                None => Val::Md(m, day, None),
            })
        };
        let (end, y) = match year {
            Some((y, _)) => (y_at + 1, Some(y as i32)),
            None => (k, None),
        };
        let a = mk(d, y)?;
        match d2 {
            Some(d2) => Some((end, Val::Range(Box::new(a), Box::new(mk(d2, y)?)))),
            None => Some((end, a)),
        }
    }

    /// Skips an ordinal suffix (`21st`) right after a day number.
    fn ordinal(&self, j: usize) -> usize {
        if self.tight(j) && self.word_in(j, &["st", "nd", "rd", "th"]) {
            j + 1
        } else {
            j
        }
    }

    /// True when the number at `j` is glued to more digits (`1,400`, `3.5`,
    /// `12:30`, `555-2010`), which makes it part of a larger number, a time
    /// or an identifier.
    fn number_continues(&self, j: usize) -> bool {
        self.number_continues_but(j, None)
    }

    /// [`Self::number_continues`], ignoring glue by `allowed` after the number
    /// (a day range `23-25` is read by the caller).
    fn number_continues_but(&self, j: usize, allowed: Option<char>) -> bool {
        let after = self.punct(j + 1);
        let glued_num_after = matches!(after, Some(',' | '.' | ':' | '/' | '-'))
            && after != allowed
            && self.tight(j + 1)
            && self.tight(j + 2)
            && self.tok(j + 2).is_some_and(Tok::is_num);
        let glued_before = j >= 2
            && matches!(self.punct(j - 1), Some(',' | '.' | ':' | '/' | '-'))
            && self.tight(j)
            && self.tight(j - 1)
            && self.tok(j - 2).is_some_and(|t| t.is_num() || t.kind == Kind::Word)
            && !self.word_in(j - 2, &["mid"]);
        let percent = matches!(self.punct(j + 1), Some('%'));
        glued_num_after || glued_before || percent
    }

    /// A month name: with a day, with a year, alone, or a month range.
    fn month(&self, i: usize, m: u8, abbr: bool) -> Option<(usize, Val)> {
        let t = self.tok(i)?;
        if !t.cap {
            return None;
        }
        if let Some((e, v)) = self.month_day(i, m, abbr) {
            // `January 23 - March 9, 2014`.
            if matches!(v, Val::Md(..) | Val::Ymd(..)) && self.is_dash(e) && self.tok(e)?.gap <= 1 {
                if let Some(Lex::Month { m: m2, abbr: a2 }) = self.tok(e + 1).map(|t| t.lex) {
                    if self.tok(e + 1)?.gap <= 1 {
                        if let Some((e2, v2 @ (Val::Md(..) | Val::Ymd(..)))) = self.month_day(e + 1, m2, a2) {
                            return Some((e2, Val::Range(Box::new(v), Box::new(v2))));
                        }
                    }
                }
            }
            return Some((e, v));
        }
        let (e, v) = self.month_year_or_bare(i, m, abbr)?;
        // `September-November`, `September–November 2010`.
        if self.is_dash(e) && self.tok(e)?.gap <= 1 {
            if let Some(Lex::Month { m: m2, abbr: a2 }) = self.tok(e + 1).map(|t| t.lex) {
                if self.tok(e + 1)?.cap && self.tok(e + 1)?.gap <= 1 {
                    if let Some((e2, v2)) = self.month_year_or_bare_unchecked(e + 1, m2, a2) {
                        return Some((e2, Val::Range(Box::new(v), Box::new(v2))));
                    }
                }
            }
        }
        Some((e, v))
    }

    fn month_year_or_bare(&self, i: usize, m: u8, abbr: bool) -> Option<(usize, Val)> {
        let r = self.month_year_or_bare_unchecked(i, m, abbr)?;
        if let (_, Val::M(_)) = r {
            // A bare month name needs support: a preposition in front, or
            // (for names that are not also common words) no capitalised
            // word after it, which would make it a first name.
            let prep = self.prev_word_in(i, TIME_PREPS) || (i > 0 && self.is_dash(i - 1));
            let ambiguous = m == 5 || m == 3 || abbr;
            let next_cap = self.tok(i + 1).is_some_and(|n| n.kind == Kind::Word && n.cap && n.gap == 1);
            let range_follows =
                self.is_dash(i + 1) && self.tok(i + 2).is_some_and(|t| matches!(t.lex, Lex::Month { .. }));
            if (next_cap || ambiguous) && !range_follows && !prep {
                return None;
            }
        }
        Some(r)
    }

    fn month_year_or_bare_unchecked(&self, i: usize, m: u8, abbr: bool) -> Option<(usize, Val)> {
        let m32 = u32::from(m);
        let mut j = i + 1;
        if abbr && self.punct(j) == Some('.') && self.tight(j) {
            j += 1;
        }
        let mut y_at = j;
        if self.punct(y_at) == Some(',') || self.word_in(y_at, &["of"]) {
            y_at += 1;
        }
        if let Some((y, dig)) = self.num(y_at) {
            if dig == 4 && (1000..=2199).contains(&y) && self.near(y_at) && !self.number_continues(y_at) {
                return Some((y_at + 1, Val::Ym(y as i32, m32)));
            }
        }
        Some((j, Val::M(m32)))
    }

    /// `this/last/next` + week, weekend, month, year, weekday, month name,
    /// season, or `last night` / `this morning`.
    fn directed(&self, i: usize) -> Option<(usize, Val)> {
        let w = self.word(i)?.to_ascii_lowercase();
        if self.prev_word_in(i, &["the", "a", "that", "its", "his", "her", "their"]) {
            return None;
        }
        let mut dir = match w.as_str() {
            "this" => Dir::This,
            "last" => Dir::Last,
            "next" => Dir::Next,
            _ => return None, // "past", "previous", "coming" alone are durations or anaphora
        };
        let mut j = i + 1;
        if dir == Dir::This {
            if self.word_in(j, &["past"]) {
                dir = Dir::Last;
                j += 1;
            } else if self.word_in(j, &["coming"]) {
                dir = Dir::Next;
                j += 1;
            }
        }
        let t = self.tok(j)?;
        if t.gap != 1 {
            return None;
        }
        let n: i32 = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        let v = match t.lex {
            Lex::Unit { u: 1, plural: false } => Val::Week(i64::from(n)),
            Lex::Unit { u: 2, plural: false } => Val::Weekend(dir),
            Lex::Unit { u: 3, plural: false } => Val::RelMonth(n),
            Lex::Unit { u: 4, plural: false } => Val::RelYear(n),
            Lex::DayPart => {
                let part = self.word(j)?.to_ascii_lowercase();
                return match (dir, part.as_str()) {
                    (Dir::Last, "night") => Some((j + 1, Val::Day(-1))),
                    (Dir::This, "morning" | "afternoon" | "evening") => Some((j + 1, Val::Day(0))),
                    _ => None,
                };
            }
            Lex::Weekday { d, abbr: false } => return Some((self.day_part(j + 1), Val::Weekday(d, dir))),
            Lex::Month { m, abbr: false } if t.cap => Val::MonthDir(u32::from(m), dir),
            Lex::Season(s) => Val::Season(s, None, dir),
            _ => return None,
        };
        Some((j + 1, v))
    }

    /// `two years ago`, `3 days ago`, `a decade ago`.
    fn ago(&self, i: usize, n: u32) -> Option<(usize, Val)> {
        let u = self.tok(i + 1)?;
        let Lex::Unit { u, plural } = u.lex else { return None };
        if plural != (n != 1) || self.tok(i + 2)?.lex != Lex::Ago {
            return None;
        }
        if self.tok(i + 1)?.gap != 1 || self.tok(i + 2)?.gap != 1 {
            return None;
        }
        let n = i64::from(n);
        let v = match u {
            0 => Val::Day(-n),
            1 => Val::Week(-n),
            3 => Val::RelMonth(-(n as i32)),
            4 => Val::RelYear(-(n as i32)),
            5 => Val::RelYear(-(n as i32) * 10),
            _ => return None,
        };
        Some((i + 3, v))
    }

    /// `summer 2010`, `the summer of 2010`.
    fn season_year(&self, i: usize, s: u8) -> Option<(usize, Val)> {
        let mut j = i + 1;
        if self.word_in(j, &["of"]) {
            j += 1;
        }
        let (y, dig) = self.num(j)?;
        if dig != 4 || !(1000..=2199).contains(&y) || !self.near(j) || self.number_continues(j) {
            return None;
        }
        Some((j + 1, Val::Season(s, Some(y as i32), Dir::Bare)))
    }

    /// `'90s`.
    fn apostrophe_decade(&self, i: usize) -> Option<(usize, Val)> {
        let (n, dig) = self.num(i + 1)?;
        if dig != 2 || n % 10 != 0 || !self.tight(i + 1) || !self.tight(i + 2) || !self.word_in(i + 2, &["s"])
        {
            return None;
        }
        Some((i + 3, Val::Decade(two_digit_decade(n))))
    }

    /// Everything that starts with digits.
    fn number(&self, i: usize) -> Option<(usize, Val)> {
        let (n, dig) = self.num(i)?;
        if let Some(r) = self.numeric_date(i) {
            return Some(r);
        }
        if dig <= 2 {
            if let Some(r) = self.day_month(i) {
                return Some(r);
            }
            if let Some(r) = self.ago(i, n) {
                return Some(r);
            }
            // `the 80s`.
            if dig == 2
                && n % 10 == 0
                && self.tight(i + 1)
                && self.word_in(i + 1, &["s"])
                && self.prev_word_in(i, &["the", "early", "mid", "late"])
            {
                return Some((i + 2, Val::Decade(two_digit_decade(n))));
            }
            return None;
        }
        if dig != 4 {
            return None;
        }
        // Decades: `1990s`, `1990's`.
        if n % 10 == 0 && (1000..=2190).contains(&n) && !self.number_continues(i) {
            if self.tight(i + 1) && self.word_in(i + 1, &["s"]) {
                return Some((i + 2, Val::Decade(n as i32)));
            }
            if matches!(self.punct(i + 1), Some('\'' | '’'))
                && self.tight(i + 1)
                && self.tight(i + 2)
                && self.word_in(i + 2, &["s"])
            {
                return Some((i + 3, Val::Decade(n as i32)));
            }
        }
        // Year ranges: `1988-1992`, `2006–08`.
        if self.is_dash(i + 1) && self.tok(i + 1)?.gap <= 1 && self.year_context_ok(i, true) {
            if let Some((n2, d2)) = self.num(i + 2) {
                let ok_gap = self.tok(i + 2)?.gap <= 1;
                let y2 = match d2 {
                    4 => Some(n2),
                    2 => Some(n / 100 * 100 + n2),
                    _ => None,
                };
                if let Some(y2) = y2 {
                    if ok_gap
                        && y2 > n
                        && y2 - n <= 100
                        && (1000..=2199).contains(&n)
                        && !self.glued_after(i + 2)
                    {
                        return Some((
                            i + 3,
                            Val::Range(Box::new(Val::Y(n as i32)), Box::new(Val::Y(y2 as i32))),
                        ));
                    }
                }
            }
        }
        if self.is_year(i) {
            return Some((i + 1, Val::Y(n as i32)));
        }
        None
    }

    fn glued_after(&self, j: usize) -> bool {
        matches!(self.punct(j + 1), Some(',' | '.' | ':' | '/' | '-'))
            && self.tight(j + 1)
            && self.tight(j + 2)
            && self.tok(j + 2).is_some_and(Tok::is_num)
    }

    /// `2007-11-21`, `2007/11/21`, `19.08.2010`, `21/11/2007`, `11/21/2007`.
    fn numeric_date(&self, i: usize) -> Option<(usize, Val)> {
        let (a, da) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '-' | '/' | '.') || !self.tight(i + 1) || !self.tight(i + 2) {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        if self.punct(i + 3) != Some(sep) || !self.tight(i + 3) || !self.tight(i + 4) {
            return None;
        }
        let (c, dc) = self.num(i + 4)?;
        // Not part of a longer dotted or dashed sequence (versions, phone numbers, IPs).
        let glued_before =
            i >= 1 && self.tight(i) && matches!(self.punct(i - 1), Some('.' | '-' | '/' | ':'));
        let glued_after = matches!(self.punct(i + 5), Some('.' | '-' | '/' | ':'))
            && self.tight(i + 5)
            && self.tight(i + 6)
            && self.tok(i + 6).is_some_and(|t| t.is_num() || t.kind == Kind::Word);
        if glued_before || glued_after {
            return None;
        }
        let (y, m, d) = if da == 4 && db <= 2 && dc <= 2 {
            (a, b, c)
        } else if da <= 2 && db <= 2 && dc == 4 {
            match sep {
                '/' => {
                    if a > 12 {
                        (c, b, a)
                    } else {
                        (c, a, b) // month first when both fit: the US order
                    }
                }
                _ => {
                    if b > 12 {
                        (c, a, b)
                    } else {
                        (c, b, a)
                    }
                }
            }
        } else {
            return None;
        };
        if !(1000..=2199).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y as i32, m) {
            return None;
        }
        Some((i + 5, Val::Ymd(y as i32, m, d)))
    }

    /// `21 Nov 2007`, `21st of November`, `23-25 August 2010`, `26 August`.
    fn day_month(&self, i: usize) -> Option<(usize, Val)> {
        let (d, dig) = self.num(i)?;
        if dig > 2 || !(1..=31).contains(&d) || self.number_continues_but(i, Some('-')) {
            return None;
        }
        let mut j = self.ordinal(i + 1);
        let mut d2 = None;
        if self.is_dash(j) && self.tok(j)?.gap <= 1 {
            if let Some((x, dx)) = self.num(j + 1) {
                if dx <= 2 && x > d && x <= 31 {
                    d2 = Some(x);
                    j = self.ordinal(j + 2);
                }
            }
        }
        if self.word_in(j, &["of"]) {
            j += 1;
        }
        let mt = self.tok(j)?;
        let Lex::Month { m, abbr } = mt.lex else { return None };
        if !mt.cap || mt.gap == 0 || !self.near(j) {
            return None;
        }
        let m = u32::from(m);
        let mut k = j + 1;
        if abbr && self.punct(k) == Some('.') && self.tight(k) {
            k += 1;
        }
        let mut y_at = k;
        if self.punct(y_at) == Some(',') {
            y_at += 1;
        }
        let year = self.num(y_at).filter(|(y, dig)| {
            *dig == 4 && (1000..=2199).contains(y) && self.near(y_at) && !self.number_continues(y_at)
        });
        let (end, y) = match year {
            Some((y, _)) => (y_at + 1, Some(y as i32)),
            None => (k, None),
        };
        let mk = |day: u32| -> Option<Val> {
            (day <= days_in_month(y.unwrap_or(2000), m)).then_some(match y {
                Some(y) => Val::Ymd(y, m, day),
                None => Val::Md(m, day, None),
            })
        };
        let a = mk(d)?;
        match d2 {
            Some(d2) => Some((end, Val::Range(Box::new(a), Box::new(mk(d2)?)))),
            None => Some((end, a)),
        }
    }

    /// Context checks for a year-like number that are shared by bare years
    /// and year ranges: not an amount, identifier or part of a longer number.
    fn year_context_ok(&self, i: usize, range: bool) -> bool {
        if i > 0 {
            let p = &self.toks[i - 1];
            if let Some(c) = p.punct() {
                if NOT_YEAR_SYMBOLS.contains(&c) {
                    return false;
                }
            }
            if p.is_num() {
                return false;
            }
            if self.word_in(i - 1, NOT_YEAR_BEFORE) {
                return false;
            }
            // `No. 2010`, `p. 2010`.
            if p.punct() == Some('.')
                && i >= 2
                && self.word_in(i - 2, &["no", "nos", "p", "pp", "art", "sec", "vol"])
            {
                return false;
            }
        }
        if !range && self.number_continues(i) {
            return false;
        }
        if range && i >= 2 && self.tight(i) && matches!(self.punct(i - 1), Some('-' | '/' | '.' | ':')) {
            return false;
        }
        true
    }

    /// Whether a lone four-digit number is a year.
    fn is_year(&self, i: usize) -> bool {
        let n = self.toks[i].num;
        if !(1000..=2199).contains(&n) || !self.year_context_ok(i, false) {
            return false;
        }
        let strong = self.prev_word_in(i, YEAR_PREPS);
        if !strong && !(1600..=2100).contains(&n) {
            return false;
        }
        match self.tok(i + 1) {
            Some(nt) if nt.kind == Kind::Word => {
                let nw = &self.text[nt.start..nt.end];
                if nt.gap == 0 {
                    return false; // `2010abc`
                }
                if self.word_in(i + 1, COUNT_NOUNS) {
                    return false;
                }
                if nt.cap || strong || self.word_in(i + 1, YEAR_FOLLOWERS) {
                    return true;
                }
                // Any other lower-case word: `2010 people`-like unless a
                // determiner makes it a modifier (`the 2014 protests`).
                let det = self.prev_word_in(i, &["the", "its", "his", "her", "their", "this", "that"]);
                det && !nw.ends_with("ers")
            }
            _ => true,
        }
    }
}

fn rangeable(v: &Val) -> bool {
    matches!(v, Val::Ymd(..) | Val::Ym(..) | Val::Y(_) | Val::Md(..) | Val::M(_))
}

fn two_digit_decade(n: u32) -> i32 {
    if n <= 10 {
        2000 + n as i32
    } else {
        1900 + n as i32
    }
}
