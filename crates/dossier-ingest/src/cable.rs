//! Diplomatic cables and structured memos, recognised in the text of any
//! format: a header block at the top of the text (`DATE`, `FROM`/`FM`,
//! `TO`, `CLASSIFICATION:` or a spaced `C O N F I D E N T I A L` line,
//! `SUBJECT:`/`SUBJ:`, `REF:`) and paragraphs marked `1. (C)`.
//!
//! When the cable is the document (its header opens the text: within its
//! first 60 lines), its header is the document's metadata and wins over
//! the page's or message's: `published` from the cable's date (so a 2008
//! cable on a page of 2023 carries 2008), `authors` from the sender,
//! `title` and `subject` from the subject, `to` from the addressees, and
//! the extension fields `classification` and `references`. A cable quoted
//! further down an article is the article's content, not its metadata.
//!
//! Recognised when there is a subject line and either a classification, a
//! paragraph marker, or all of a date, a sender and an addressee: a
//! subject line alone is too common in ordinary text.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::source::ContainerMeta;

/// Lines from the top of the text searched for the header.
const HEADER_LINES: usize = 60;
/// Lines from the top searched for paragraph markers.
const BODY_LINES: usize = 400;

/// A cable's header fields.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cable {
    /// ISO 8601 date (or date-time, from a date-time group).
    pub date: Option<String>,
    /// The sender (`AMEMBASSY BISHKEK`), precedence and serial cut.
    pub from: Option<String>,
    /// The addressees.
    pub to: Vec<String>,
    /// `CONFIDENTIAL`, `SECRET//NOFORN`, …
    pub classification: Option<String>,
    /// The subject, continuation lines joined.
    pub subject: Option<String>,
    /// The cited documents, one per `A.`/`B.` item.
    pub references: Vec<String>,
}

impl Cable {
    /// Makes the header the document's metadata.
    pub fn apply(self, meta: &mut ContainerMeta) {
        if self.date.is_some() {
            meta.published = self.date;
        }
        if let Some(from) = self.from {
            meta.authors = vec![from];
        }
        if let Some(subject) = &self.subject {
            meta.title = Some(subject.clone());
            meta.envelope.subject = Some(subject.clone());
        }
        if !self.to.is_empty() {
            meta.envelope.to = self.to;
        }
        meta.envelope.classification = self.classification;
        meta.envelope.references = self.references;
    }
}

struct Patterns {
    field: Regex,
    dtg: Regex,
    spaced: Regex,
    class: Regex,
    para: Regex,
    ref_item: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // `SUBJECT: …`, `FM AMEMBASSY …` (upper case without a colon, as
        // cables write them), `Date: …` (any case with a colon).
        field: Regex::new(
            r"^(?:(?P<up>DATE|DTG|FROM|FM|TO|CLASSIFICATION|SUBJECT|SUBJ|REF|REFS|REFERENCE|REFERENCES)\b\s*:?\s*|(?i)(?P<any>date|from|to|classification|subject|subj|ref|refs|references?)\s*:\s*)(?P<value>.*)$",
        )
        .expect("cable field pattern"),
        // A date-time group: `P 101200Z APR 08` (precedence, day, time, month, year).
        dtg: Regex::new(r"^(?:[A-Z]{1,2}\s+)?(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2}|\d{4})\b")
            .expect("dtg pattern"),
        spaced: Regex::new(r"^((?:[A-Z] ){3,}[A-Z])\b").expect("spaced pattern"),
        class: Regex::new(
            r"^(TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|RESTRICTED)((?:\s*//\s*[A-Z]+)*)(\s+NOFORN)?",
        )
        .expect("class pattern"),
        para: Regex::new(r"^\s*\d{1,2}\.\s+\((?:C|S|U|SBU|TS|S/NF|C/NF|U/FOUO|S//NF|C//NF)\)").expect("para pattern"),
        ref_item: Regex::new(r"(?:^|\s)[A-Z]\.\s+").expect("ref pattern"),
    })
}

/// The cable header at the top of `text`, when it is a cable or memo.
pub fn read(text: &str) -> Option<Cable> {
    let p = patterns();
    let lines: Vec<&str> = text.lines().take(BODY_LINES).map(str::trim).collect();
    let head = &lines[..lines.len().min(HEADER_LINES)];
    let mut cable = Cable::default();
    let mut has_para = false;
    let mut i = 0;
    while i < head.len() {
        let line = head[i];
        i += 1;
        if cable.date.is_none() {
            if let Some(d) = dtg(p, line) {
                cable.date = Some(d);
                continue;
            }
        }
        if cable.classification.is_none() {
            if let Some(c) = classification(p, line) {
                cable.classification = Some(c);
                continue;
            }
        }
        let Some(m) = p.field.captures(line) else { continue };
        let key = m.name("up").or(m.name("any")).map(|k| k.as_str().to_ascii_uppercase()).unwrap_or_default();
        let mut value = m.name("value").map_or("", |v| v.as_str()).trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "DATE" | "DTG" if cable.date.is_none() => {
                cable.date = dtg(p, &value).or_else(|| parse_date(&value))
            }
            "FROM" | "FM" if cable.from.is_none() => cable.from = Some(station(&value)),
            "TO" if cable.to.is_empty() => cable.to = vec![station(&value)],
            "CLASSIFICATION" if cable.classification.is_none() => {
                cable.classification = classification(p, &value.to_ascii_uppercase()).or(Some(value))
            }
            "SUBJECT" | "SUBJ" if cable.subject.is_none() => {
                i += continuation(head, i, &mut value);
                cable.subject = Some(value);
            }
            k if k.starts_with("REF") && cable.references.is_empty() => {
                i += continuation(head, i, &mut value);
                cable.references = references(p, &value);
            }
            _ => {}
        }
    }
    if cable.subject.is_some() {
        has_para = lines.iter().any(|l| p.para.is_match(l));
    }
    let strong = cable.classification.is_some() || has_para;
    let memo = cable.date.is_some() && cable.from.is_some() && !cable.to.is_empty();
    (cable.subject.is_some() && (strong || memo)).then_some(cable)
}

/// Adds the lines after a field that continue it (not blank, not another
/// field, not a paragraph) to `value`; returns how many.
fn continuation(lines: &[&str], from: usize, value: &mut String) -> usize {
    let p = patterns();
    let mut n = 0;
    for line in &lines[from..] {
        if line.is_empty()
            || p.field.is_match(line)
            || p.para.is_match(line)
            || classification(p, line).is_some()
        {
            break;
        }
        // Cables put a field's continuation on the next lines; prose starts
        // with a paragraph number or after a blank line.
        if line.len() > 100 {
            break;
        }
        value.push(' ');
        value.push_str(line);
        n += 1;
        if n >= 5 {
            break;
        }
    }
    n
}

/// `AMEMBASSY BISHKEK PRIORITY 1234` → `AMEMBASSY BISHKEK`.
fn station(value: &str) -> String {
    const PRECEDENCE: &[&str] = &["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT"];
    let words: Vec<&str> = value.split_whitespace().collect();
    let end = words
        .iter()
        .position(|w| PRECEDENCE.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(words.len())
        .max(1);
    words[..end.min(words.len())].join(" ")
}

/// A classification line: `CONFIDENTIAL`, `SECRET//NOFORN`, the spaced
/// `C O N F I D E N T I A L SECTION 01 OF 02`, `UNCLAS`.
fn classification(p: &Patterns, line: &str) -> Option<String> {
    let collapsed;
    let line = match p.spaced.captures(line) {
        Some(m) => {
            collapsed = format!("{}{}", m[1].replace(' ', ""), &line[m[1].len()..]);
            collapsed.as_str()
        }
        None => line,
    };
    let m = p.class.captures(line)?;
    // The whole line must be the marking (and section or serial words), not
    // a sentence that starts with `Secret`.
    let rest = line[m[0].len()..].trim();
    if !(rest.is_empty() || rest.starts_with("SECTION") || rest.chars().all(|c| !c.is_ascii_lowercase())) {
        return None;
    }
    let base = if &m[1] == "UNCLAS" { "UNCLASSIFIED" } else { &m[1] };
    let caveats: String = m[2].chars().filter(|c| !c.is_whitespace()).collect();
    let noforn = if m.get(3).is_some() { "//NOFORN" } else { "" };
    Some(format!("{base}{caveats}{noforn}"))
}

/// `A. MOSCOW 1111 B. STATE 2222` → `["MOSCOW 1111", "STATE 2222"]`.
fn references(p: &Patterns, value: &str) -> Vec<String> {
    let items: Vec<String> = if p.ref_item.is_match(value) {
        p.ref_item.split(value).map(|s| s.trim().trim_end_matches([',', ';']).to_string()).collect()
    } else {
        value.split(';').map(|s| s.trim().to_string()).collect()
    };
    items.into_iter().filter(|s| !s.is_empty()).collect()
}

const MONTHS: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_uppercase();
    let w = w.trim_end_matches('.');
    MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m)).map(|i| i as u32 + 1)
}

fn full_year(y: &str) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    Some(match y.len() {
        2 if n < 50 => 2000 + n,
        2 => 1900 + n,
        4 => n,
        _ => return None,
    })
}

/// A date-time group (`101200Z APR 08`) as an ISO date-time in UTC.
fn dtg(p: &Patterns, line: &str) -> Option<String> {
    let m = p.dtg.captures(line)?;
    let day: u32 = m[1].parse().ok()?;
    let (hour, minute): (u32, u32) = (m[2].parse().ok()?, m[3].parse().ok()?);
    let date = NaiveDate::from_ymd_opt(full_year(&m[5])?, month(&m[4])?, day)?;
    (hour < 24 && minute < 60).then(|| format!("{date}T{hour:02}:{minute:02}:00Z"))
}

/// `2008-04-10`, `10 April 2008`, `April 10, 2008`, `10 APR 08`,
/// `04/10/2008` (month first, as US cables write it).
fn parse_date(value: &str) -> Option<String> {
    let cleaned: String = value.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let first = *words.first()?;
    let date = if let Some((y, rest)) = first.split_once('-') {
        let mut parts = rest.splitn(2, '-');
        let (m, d) = (parts.next()?, parts.next()?);
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.get(..2).unwrap_or(d).parse().ok()?)
    } else if first.contains('/') {
        let parts: Vec<&str> = first.split('/').collect();
        if parts.len() != 3 {
            return None;
        }
        NaiveDate::from_ymd_opt(full_year(parts[2])?, parts[0].parse().ok()?, parts[1].parse().ok()?)
    } else if let Some(m) = month(first) {
        NaiveDate::from_ymd_opt(full_year(words.get(2)?)?, m, words.get(1)?.parse().ok()?)
    } else {
        NaiveDate::from_ymd_opt(full_year(words.get(2)?)?, month(words.get(1)?)?, first.parse().ok()?)
    }?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests;
