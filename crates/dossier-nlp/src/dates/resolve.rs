//! Turning what the grammar read into an ISO 8601 value.
//!
//! The grammar produces a [`Val`]: what the words say, possibly relative
//! ("last week") or partial ("August 23"). Resolution fills the gaps from the
//! anchor (the document's date) and the tense of the clause, and writes the
//! value in the grammar documented in the module root. Without an anchor a
//! relative value is dropped and a yearless one stays partial (`--08-23`):
//! nothing is invented.

use chrono::{Datelike, NaiveDate};

/// Which way in time the clause around an expression points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Past or reported speech.
    Past,
    /// Future ("will", "is scheduled to").
    Future,
    /// No cue found.
    Unknown,
}

/// A direction word in front of a weekday, month, season or unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// No word: the tense decides.
    Bare,
    /// `this`.
    This,
    /// `last`, `past`, `previous`.
    Last,
    /// `next`, `coming`.
    Next,
}

/// What a date expression says, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    /// A full calendar date.
    Ymd(i32, u32, u32),
    /// A month of a year.
    Ym(i32, u32),
    /// A year.
    Y(i32),
    /// Month and day without a year; the weekday, when the text gives one.
    Md(u32, u32, Option<u8>),
    /// A month without a year.
    M(u32),
    /// A weekday (0 = Monday) with its direction word.
    Weekday(u8, Dir),
    /// Today plus this many days.
    Day(i64),
    /// The week (Monday–Sunday) this many weeks from the anchor's.
    Week(i64),
    /// A weekend with its direction word.
    Weekend(Dir),
    /// The month this many months from the anchor's.
    RelMonth(i32),
    /// The year this many years from the anchor's.
    RelYear(i32),
    /// A named month with a direction word (`last March`).
    MonthDir(u32, Dir),
    /// A season (0 spring … 3 winter), of a given year or relative.
    Season(u8, Option<i32>, Dir),
    /// A decade, by its first year.
    Decade(i32),
    /// An interval.
    Range(Box<Val>, Box<Val>),
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Res {
    /// `YYYY-MM-DD`.
    D(NaiveDate),
    /// `YYYY-MM`.
    M(i32, u32),
    /// `YYYY`.
    Y(i32),
    /// `--MM-DD` (no year known).
    PartMd(u32, u32),
    /// `--MM` (no year known).
    PartM(u32),
    /// `start/end`.
    I(Box<Res>, Box<Res>),
}

impl Res {
    /// The ISO 8601 string.
    pub fn iso(&self) -> String {
        match self {
            Res::D(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Res::M(y, m) => format!("{y:04}-{m:02}"),
            Res::Y(y) => format!("{y:04}"),
            Res::PartMd(m, d) => format!("--{m:02}-{d:02}"),
            Res::PartM(m) => format!("--{m:02}"),
            Res::I(a, b) => format!("{}/{}", a.iso(), b.iso()),
        }
    }

    /// The first day the value covers, when it has a year.
    fn first_day(&self) -> Option<NaiveDate> {
        match self {
            Res::D(d) => Some(*d),
            Res::M(y, m) => NaiveDate::from_ymd_opt(*y, *m, 1),
            Res::Y(y) => NaiveDate::from_ymd_opt(*y, 1, 1),
            Res::I(a, _) => a.first_day(),
            _ => None,
        }
    }

    fn year(&self) -> Option<i32> {
        self.first_day().map(|d| d.year())
    }
}

/// Days in a month (leap years included); 0 for a bad month.
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let ce = i64::from(d.num_days_from_ce()) + n;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(ce).ok()?)
}

fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn weekday(d: NaiveDate) -> i64 {
    i64::from(d.weekday().num_days_from_monday())
}

fn season_months(s: u8, y: i32) -> Res {
    let (a, b) = match s {
        0 => ((y, 3), (y, 5)),
        1 => ((y, 6), (y, 8)),
        2 => ((y, 9), (y, 11)),
        _ => ((y, 12), (y + 1, 2)),
    };
    Res::I(Box::new(Res::M(a.0, a.1)), Box::new(Res::M(b.0, b.1)))
}

/// Resolves `val` against `anchor` given the clause's tense.
pub(crate) fn resolve(val: &Val, anchor: Option<NaiveDate>, tense: Tense) -> Option<Res> {
    match val {
        Val::Ymd(y, m, d) => NaiveDate::from_ymd_opt(*y, *m, *d).map(Res::D),
        Val::Ym(y, m) => Some(Res::M(*y, *m)),
        Val::Y(y) => Some(Res::Y(*y)),
        Val::Decade(y) => Some(Res::I(Box::new(Res::Y(*y)), Box::new(Res::Y(*y + 9)))),
        Val::Md(m, d, wd) => match anchor {
            None => Some(Res::PartMd(*m, *d)),
            Some(a) => {
                let cands: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, *m, *d))
                    .collect();
                if let Some(w) = wd {
                    // The weekday the text gives picks the year when it can.
                    let hits: Vec<&NaiveDate> =
                        cands.iter().filter(|c| weekday(**c) == i64::from(*w)).collect();
                    if hits.len() == 1 {
                        return Some(Res::D(*hits[0]));
                    }
                }
                pick_nearest(&cands, a, tense, 7).map(Res::D)
            }
        },
        Val::M(m) => match anchor {
            None => Some(Res::PartM(*m)),
            Some(a) => {
                let cands: Vec<NaiveDate> =
                    (a.year() - 1..=a.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, *m, 1)).collect();
                let first = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
                pick_nearest(&cands, first, tense, 0).map(|d| Res::M(d.year(), d.month()))
            }
        },
        Val::Weekday(w, dir) => {
            let a = anchor?;
            let diff = i64::from(*w) - weekday(a); // -6..=6
            let back = diff.rem_euclid(7) - 7; // -7..=-1 … as a past offset
            let back0 = if diff.rem_euclid(7) == 0 { 0 } else { back }; // -6..=0
            let fwd0 = diff.rem_euclid(7); // 0..=6
            let fwd = if fwd0 == 0 { 7 } else { fwd0 }; // 1..=7
            let off = match (dir, tense) {
                (Dir::Last, _) => back,
                (Dir::Next, _) => fwd,
                (Dir::This, Tense::Future) | (Dir::Bare, Tense::Future) => fwd0,
                (Dir::This, Tense::Unknown) => {
                    if fwd0 <= -back0 {
                        fwd0
                    } else {
                        back0
                    }
                }
                _ => back0,
            };
            add_days(a, off).map(Res::D)
        }
        Val::Day(n) => add_days(anchor?, *n).map(Res::D),
        Val::Week(n) => {
            let a = anchor?;
            let mon = add_days(a, -weekday(a) + 7 * n)?;
            Some(Res::I(Box::new(Res::D(mon)), Box::new(Res::D(add_days(mon, 6)?))))
        }
        Val::Weekend(dir) => {
            let a = anchor?;
            let wd = weekday(a);
            // Saturday of the anchor's own Monday–Sunday week.
            let sat_this = add_days(a, 5 - wd)?;
            let sat = match dir {
                Dir::Last => add_days(sat_this, -7)?,
                Dir::Next => add_days(sat_this, if wd >= 5 { 7 } else { 0 })?,
                Dir::This | Dir::Bare => match tense {
                    // Early in the week "this weekend" is the one just gone,
                    // unless the clause points ahead.
                    Tense::Future => sat_this,
                    Tense::Past => {
                        if wd >= 5 {
                            sat_this
                        } else {
                            add_days(sat_this, -7)?
                        }
                    }
                    Tense::Unknown => {
                        if wd <= 2 {
                            add_days(sat_this, -7)?
                        } else {
                            sat_this
                        }
                    }
                },
            };
            Some(Res::I(Box::new(Res::D(sat)), Box::new(Res::D(add_days(sat, 1)?))))
        }
        Val::RelMonth(n) => {
            let a = anchor?;
            let (y, m) = add_months(a.year(), a.month(), *n);
            Some(Res::M(y, m))
        }
        Val::RelYear(n) => Some(Res::Y(anchor?.year() + n)),
        Val::MonthDir(m, dir) => {
            let a = anchor?;
            let am = a.month();
            let y = match dir {
                Dir::Last => {
                    if *m < am {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                Dir::Next => {
                    if *m > am {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
                Dir::This | Dir::Bare => a.year(),
            };
            Some(Res::M(y, *m))
        }
        Val::Season(s, Some(y), _) => Some(season_months(*s, *y)),
        Val::Season(s, None, dir) => {
            let a = anchor?;
            let (ay, am) = (a.year(), a.month());
            // The season instance (by its start year) that contains the anchor month,
            // or the last one started before it.
            let start_month = [3u32, 6, 9, 12][usize::from(*s).min(3)];
            let idx = |y: i32| y * 12 + start_month as i32 - 1;
            let now = ay * 12 + am as i32 - 1;
            // Latest instance that has started by now.
            let mut y = ay;
            while idx(y) > now {
                y -= 1;
            }
            let running = now - idx(y) < 3;
            let y = match dir {
                Dir::Last => {
                    if running {
                        y - 1
                    } else {
                        y
                    }
                }
                Dir::Next => y + 1,
                // "This summer": the one running, else the one of the
                // anchor's calendar year, whichever side of the anchor.
                Dir::This | Dir::Bare => {
                    if running {
                        y
                    } else {
                        ay
                    }
                }
            };
            Some(season_months(*s, y))
        }
        Val::Range(a, b) => resolve_range(a, b, anchor, tense),
    }
}

/// Picks the candidate nearest `anchor`, unless the tense says it must lie
/// on one side and the nearest is further than `slack` days on the other.
fn pick_nearest(cands: &[NaiveDate], anchor: NaiveDate, tense: Tense, slack: i64) -> Option<NaiveDate> {
    let dist = |d: &NaiveDate| (i64::from(d.num_days_from_ce()) - i64::from(anchor.num_days_from_ce())).abs();
    let nearest = *cands.iter().min_by_key(|d| dist(d))?;
    let off = i64::from(nearest.num_days_from_ce()) - i64::from(anchor.num_days_from_ce());
    match tense {
        Tense::Past if off > slack => cands.iter().filter(|d| **d <= anchor).max().copied().or(Some(nearest)),
        Tense::Future if off < -slack => {
            cands.iter().filter(|d| **d >= anchor).min().copied().or(Some(nearest))
        }
        _ => Some(nearest),
    }
}

/// Gives a yearless end point the year of a start point (or the other way
/// round), rolling over when the months go backwards.
fn resolve_range(a: &Val, b: &Val, anchor: Option<NaiveDate>, tense: Tense) -> Option<Res> {
    let year_of = |v: &Val| match v {
        Val::Ymd(y, ..) | Val::Ym(y, _) | Val::Y(y) => Some(*y),
        _ => None,
    };
    let month_of = |v: &Val| match v {
        Val::Ymd(_, m, _) | Val::Ym(_, m) | Val::Md(m, ..) | Val::M(m) => Some(*m),
        _ => None,
    };
    let with_year = |v: &Val, y: i32| match v {
        Val::Md(m, d, _) => Val::Ymd(y, *m, *d),
        Val::M(m) => Val::Ym(y, *m),
        other => other.clone(),
    };
    let (ra, rb) = match (year_of(a), year_of(b)) {
        (None, Some(yb)) => {
            let back = month_of(a).zip(month_of(b)).is_some_and(|(ma, mb)| ma > mb);
            let a2 = with_year(a, if back { yb - 1 } else { yb });
            (resolve(&a2, anchor, tense)?, resolve(b, anchor, tense)?)
        }
        (ya, None) => {
            let ra = resolve(a, anchor, tense)?;
            let ya = ya.or_else(|| ra.year());
            let rb = match ya {
                Some(ya) => {
                    let fwd = month_of(a)
                        .or_else(|| ra.first_day().map(|d| d.month()))
                        .zip(month_of(b))
                        .is_some_and(|(ma, mb)| mb < ma);
                    resolve(&with_year(b, if fwd { ya + 1 } else { ya }), anchor, tense)?
                }
                None => resolve(b, anchor, tense)?,
            };
            (ra, rb)
        }
        _ => (resolve(a, anchor, tense)?, resolve(b, anchor, tense)?),
    };
    if let (Some(x), Some(y)) = (ra.first_day(), rb.first_day()) {
        if y < x {
            return None;
        }
    }
    Some(Res::I(Box::new(ra), Box::new(rb)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    fn iso(v: Val, a: Option<NaiveDate>, t: Tense) -> Option<String> {
        resolve(&v, a, t).map(|r| r.iso())
    }

    #[test]
    fn weekdays_go_back_for_past_and_forward_for_future() {
        // 2010-08-26 is a Thursday.
        let a = d(2010, 8, 26);
        assert_eq!(iso(Val::Weekday(0, Dir::Bare), a, Tense::Past).unwrap(), "2010-08-23");
        assert_eq!(iso(Val::Weekday(3, Dir::Bare), a, Tense::Past).unwrap(), "2010-08-26");
        assert_eq!(iso(Val::Weekday(4, Dir::Bare), a, Tense::Future).unwrap(), "2010-08-27");
        assert_eq!(iso(Val::Weekday(3, Dir::Last), a, Tense::Unknown).unwrap(), "2010-08-19");
        assert_eq!(iso(Val::Weekday(3, Dir::Next), a, Tense::Unknown).unwrap(), "2010-09-02");
        assert_eq!(iso(Val::Weekday(3, Dir::Bare), None, Tense::Past), None);
    }

    #[test]
    fn weeks_and_weekends_are_intervals() {
        let a = d(2010, 8, 26); // Thursday
        assert_eq!(iso(Val::Week(-1), a, Tense::Unknown).unwrap(), "2010-08-16/2010-08-22");
        assert_eq!(iso(Val::Weekend(Dir::This), a, Tense::Future).unwrap(), "2010-08-28/2010-08-29");
        assert_eq!(iso(Val::Weekend(Dir::This), a, Tense::Past).unwrap(), "2010-08-21/2010-08-22");
        assert_eq!(iso(Val::Weekend(Dir::Last), a, Tense::Unknown).unwrap(), "2010-08-21/2010-08-22");
        let mon = d(2010, 8, 23);
        assert_eq!(iso(Val::Weekend(Dir::Last), mon, Tense::Unknown).unwrap(), "2010-08-21/2010-08-22");
        assert_eq!(iso(Val::Weekend(Dir::Bare), mon, Tense::Unknown).unwrap(), "2010-08-21/2010-08-22");
    }

    #[test]
    fn yearless_dates_take_the_nearest_year_and_respect_tense() {
        let a = d(2010, 1, 10);
        assert_eq!(iso(Val::Md(12, 28, None), a, Tense::Unknown).unwrap(), "2009-12-28");
        assert_eq!(iso(Val::M(3), a, Tense::Unknown).unwrap(), "2010-03");
        assert_eq!(iso(Val::M(3), a, Tense::Past).unwrap(), "2009-03");
        assert_eq!(iso(Val::M(12), d(2010, 8, 26), Tense::Future).unwrap(), "2010-12");
        assert_eq!(iso(Val::Md(8, 23, None), None, Tense::Past).unwrap(), "--08-23");
        assert_eq!(iso(Val::M(8), None, Tense::Past).unwrap(), "--08");
        // Tuesday, March 8 exists in 2011 only among 2010–2012.
        assert_eq!(iso(Val::Md(3, 8, Some(1)), d(2011, 12, 30), Tense::Unknown).unwrap(), "2011-03-08");
    }

    #[test]
    fn ranges_share_years() {
        let a = d(2010, 8, 26);
        let r = Val::Range(Box::new(Val::M(9)), Box::new(Val::M(11)));
        assert_eq!(iso(r, a, Tense::Unknown).unwrap(), "2010-09/2010-11");
        let r = Val::Range(Box::new(Val::Md(12, 20, None)), Box::new(Val::Ymd(2011, 1, 5)));
        assert_eq!(iso(r, None, Tense::Unknown).unwrap(), "2010-12-20/2011-01-05");
        let r = Val::Range(Box::new(Val::Ymd(2010, 11, 20)), Box::new(Val::Md(1, 5, None)));
        assert_eq!(iso(r, None, Tense::Unknown).unwrap(), "2010-11-20/2011-01-05");
        let r = Val::Range(Box::new(Val::Y(2008)), Box::new(Val::Y(2006)));
        assert_eq!(iso(r, None, Tense::Unknown), None);
    }

    #[test]
    fn seasons_and_relative_units() {
        let a = d(2023, 2, 23);
        assert_eq!(iso(Val::Season(1, None, Dir::Last), a, Tense::Unknown).unwrap(), "2022-06/2022-08");
        assert_eq!(iso(Val::Season(3, None, Dir::This), a, Tense::Unknown).unwrap(), "2022-12/2023-02");
        assert_eq!(iso(Val::Season(0, None, Dir::Next), a, Tense::Unknown).unwrap(), "2023-03/2023-05");
        assert_eq!(iso(Val::RelMonth(-2), a, Tense::Unknown).unwrap(), "2022-12");
        assert_eq!(iso(Val::RelYear(1), a, Tense::Unknown).unwrap(), "2024");
        assert_eq!(iso(Val::MonthDir(3, Dir::Last), a, Tense::Unknown).unwrap(), "2022-03");
        assert_eq!(iso(Val::MonthDir(1, Dir::Last), a, Tense::Unknown).unwrap(), "2023-01");
        assert_eq!(iso(Val::Decade(1990), None, Tense::Unknown).unwrap(), "1990/1999");
        assert_eq!(iso(Val::Ymd(2010, 2, 30), a, Tense::Unknown), None);
    }
}
