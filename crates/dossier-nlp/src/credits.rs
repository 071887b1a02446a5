//! Credits: what a document says about where its text comes from.
//!
//! - **datelines**: the place line a wire story opens with, up to the dash
//!   (`MOSCOW, Nov 21, 2007 (AFP) –`, `ROTTERDAM, Netherlands (AP) —`):
//!   a capitalised place first, then at most a region or date, then the
//!   dash or an agency in parentheses;
//! - **wire credits**: a news agency in parentheses on the dateline, after
//!   a dash at the end of a line (`– AP`), alone in parentheses on a line,
//!   on a `Source:` line, or before `contributed to this report`;
//! - **republication notes**: `originally published by X`, `first appeared
//!   in X`, `republished with permission from X`, `Source: X`.
//!
//! Only what the text says is taken: an agency is one of a listed few
//! ([`AGENCIES`]), written as agencies write themselves, and an outlet
//! after a republication phrase must start with a capital letter. A
//! credit's `name` is the agency's usual short name (`Associated Press`
//! and `AP` are both `AP`, so shared credits can be counted once), the
//! outlet or the place as written.

use dossier_core::{Credit, CreditKind, Span};

/// News agencies as texts write them, with the short name each is known by.
pub const AGENCIES: &[(&str, &str)] = &[
    ("AP", "AP"),
    ("Associated Press", "AP"),
    ("The Associated Press", "AP"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Reuters", "Reuters"),
    ("Thomson Reuters", "Reuters"),
    ("dpa", "dpa"),
    ("DPA", "dpa"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Xinhua", "Xinhua"),
    ("TASS", "TASS"),
    ("ITAR-TASS", "TASS"),
    ("Itar-Tass", "TASS"),
    ("Interfax", "Interfax"),
    ("RIA Novosti", "RIA Novosti"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
    ("ANSA", "ANSA"),
    ("EFE", "EFE"),
    ("Kyodo", "Kyodo"),
    ("Kyodo News", "Kyodo"),
    ("Yonhap", "Yonhap"),
    ("PA", "PA Media"),
    ("PA Media", "PA Media"),
    ("Press Association", "PA Media"),
    ("AAP", "AAP"),
    ("Australian Associated Press", "AAP"),
    ("CP", "Canadian Press"),
    ("Canadian Press", "Canadian Press"),
    ("The Canadian Press", "Canadian Press"),
    ("PTI", "PTI"),
    ("Press Trust of India", "PTI"),
    ("IANS", "IANS"),
    ("ANI", "ANI"),
    ("Bloomberg", "Bloomberg"),
    ("Anadolu", "Anadolu"),
    ("Anadolu Agency", "Anadolu"),
    ("Bernama", "Bernama"),
    ("Sputnik", "Sputnik"),
    ("Europa Press", "Europa Press"),
    ("Lusa", "Lusa"),
    ("AKIpress", "AKIpress"),
    ("Kabar", "Kabar"),
];

/// Phrases after which the outlet a text first appeared in is named.
const REPUBLISHED: &[&str] = &[
    "originally published by ",
    "originally published in ",
    "originally published on ",
    "originally appeared in ",
    "originally appeared on ",
    "first published by ",
    "first published in ",
    "first published on ",
    "first appeared in ",
    "first appeared on ",
    "republished with permission from ",
    "republished with permission of ",
    "republished from ",
    "reprinted with permission from ",
    "reprinted from ",
];

/// First words of what follows a republication phrase without being an
/// outlet besides month and weekday names (`first published in March
/// 2020`): languages (`in English translation`).
const NOT_OUTLETS: &[&str] = &["English", "French", "German", "Russian", "Spanish", "Arabic", "Chinese"];
/// Words that are no outlet alone.
const NOT_ALONE: &[&str] = &["The", "A", "An", "This", "It"];

/// Lines at the top of a text where a dateline may stand.
const DATELINE_LINES: usize = 15;
/// The longest dateline before its dash, bytes.
const MAX_DATELINE: usize = 100;
/// The longest outlet name after a republication phrase, bytes.
const MAX_OUTLET: usize = 60;

/// The short name of an agency written `name`, if it is one.
pub fn agency(name: &str) -> Option<&'static str> {
    AGENCIES.iter().find(|(written, _)| *written == name).map(|&(_, short)| short)
}

/// Every credit the text gives, in text order.
pub fn find_credits(text: &str) -> Vec<Credit> {
    let mut out = Vec::new();
    dateline(text, &mut out);
    for (start, line) in lines(text) {
        trailing_wire(line, start, &mut out);
        contributed(line, start, &mut out);
        source_line(line, start, &mut out);
    }
    republished(text, &mut out);
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out.dedup_by(|a, b| a.span == b.span && a.kind == b.kind);
    out
}

/// Lines with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// The leading run of capitalised words (`NEW YORK`, `ST. LOUIS`): its end
/// in bytes, when it has three letters or more.
fn caps_run(s: &str) -> Option<usize> {
    let mut end = 0;
    let mut letters = 0;
    for (i, word) in s.split_inclusive(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len();
        Some((start, w))
    }) {
        let w = word.trim_end();
        let comma = w.ends_with(',');
        let w = w.trim_end_matches(',');
        let ok = !w.is_empty()
            && w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'));
        if !ok {
            break;
        }
        letters += w.chars().filter(|c| c.is_alphabetic()).count();
        end = i + w.len();
        // A comma ends the place (`MOSCOW, Nov 21`).
        if comma {
            break;
        }
    }
    (letters >= 3).then_some(end)
}

/// The first dateline among the top lines, and the agency in it.
fn dateline(text: &str, out: &mut Vec<Credit>) {
    for (start, line) in lines(text).filter(|(_, l)| !l.trim().is_empty()).take(DATELINE_LINES) {
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        let dash = [" — ", " – ", " -- ", " - ", ")—", ")–"]
            .iter()
            .filter_map(|d| body.find(d).map(|i| if d.starts_with(')') { i + 1 } else { i }))
            .min();
        // Without a dash, an agency in parentheses ends the dateline
        // (`MOSCOW (Reuters) Russia's envoy …`).
        let paren_end = body.find(')').map(|i| i + 1);
        let Some(end) = dash.or(paren_end).filter(|&e| e <= MAX_DATELINE) else { continue };
        let prefix = body[..end].trim_end();
        if prefix.contains(['"', '“', '”', '?', '!', ';']) {
            continue;
        }
        let Some(place_end) = caps_run(prefix) else { continue };
        let place = prefix[..place_end].trim_end_matches([',', ' ']);
        let after = &prefix[place_end..];
        if !(after.is_empty() || after.starts_with([',', ' ', '('])) || agency(place).is_some() {
            continue;
        }
        let wire = prefix
            .rfind('(')
            .filter(|_| prefix.ends_with(')'))
            .and_then(|open| agency(&prefix[open + 1..prefix.len() - 1]).map(|short| (open, short)));
        if dash.is_none() && wire.is_none() {
            continue;
        }
        // The story after the dash starts a sentence (`NATO - the alliance
        // - met` is no dateline).
        let story = body[end..].trim_start_matches([' ', '—', '–', '-', ')']);
        if !story.is_empty()
            && !story.starts_with(|c: char| c.is_uppercase() || c.is_numeric() || "\"“'‘".contains(c))
        {
            continue;
        }
        let at = start + lead;
        out.push(Credit {
            kind: CreditKind::Dateline,
            name: place.to_string(),
            span: Span::new(at, at + prefix.len()),
        });
        if let Some((open, short)) = wire {
            out.push(Credit {
                kind: CreditKind::Wire,
                name: short.to_string(),
                span: Span::new(at + open + 1, at + prefix.len() - 1),
            });
        }
        return;
    }
}

/// `… said on Monday. – AP`, or a line that is only `(Reuters)`.
fn trailing_wire(line: &str, start: usize, out: &mut Vec<Credit>) {
    let t = line.trim_end().trim_end_matches('.');
    let lead = line.len() - line.trim_start().len();
    if let Some(inner) = t.trim_start().strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        if let Some(short) = agency(inner) {
            let s = start + lead + 1;
            out.push(Credit {
                kind: CreditKind::Wire,
                name: short.into(),
                span: Span::new(s, s + inner.len()),
            });
        }
        return;
    }
    let Some((i, d)) = ['—', '–', '-'].iter().filter_map(|d| t.rfind(*d).map(|i| (i, *d))).max() else {
        return;
    };
    let before = &t[..i];
    if !(before.trim().is_empty() || before.ends_with(' ')) {
        return;
    }
    let rest = &t[i + d.len_utf8()..];
    let name = rest.trim();
    if let Some(short) = agency(name) {
        let s = start + i + d.len_utf8() + (rest.len() - rest.trim_start().len());
        out.push(Credit { kind: CreditKind::Wire, name: short.into(), span: Span::new(s, s + name.len()) });
    }
}

/// `Reuters and The Associated Press contributed to this report.`
fn contributed(line: &str, start: usize, out: &mut Vec<Credit>) {
    let Some(i) = line.find(" contributed to this report") else { return };
    let sentence_start = line[..i].rfind(". ").map_or(0, |j| j + 2);
    let mut at = sentence_start;
    for piece in line[sentence_start..i].split_inclusive([',']).flat_map(|p| p.split_inclusive(" and ")) {
        let name = piece.trim_end_matches(" and ").trim_end_matches(',').trim();
        let lead = piece.len() - piece.trim_start().len();
        if let Some(short) = agency(name) {
            let s = start + at + lead;
            out.push(Credit {
                kind: CreditKind::Wire,
                name: short.into(),
                span: Span::new(s, s + name.len()),
            });
        }
        at += piece.len();
    }
}

/// A `Source: X` line: a wire credit when X is an agency, else a
/// republication note.
fn source_line(line: &str, start: usize, out: &mut Vec<Credit>) {
    let lead = line.len() - line.trim_start().len();
    let t = line.trim();
    let Some(rest) = t.strip_prefix("Source:").or_else(|| t.strip_prefix("SOURCE:")) else { return };
    let name = rest.trim().trim_end_matches('.');
    if name.is_empty() || name.len() > MAX_OUTLET || !name.starts_with(char::is_uppercase) {
        return;
    }
    let kind = if agency(name).is_some() { CreditKind::Wire } else { CreditKind::Republished };
    let shown = agency(name).map_or_else(|| name.to_string(), str::to_string);
    let s = start + lead;
    let e = s + t.find(name).unwrap_or(0) + name.len();
    out.push(Credit { kind, name: shown, span: Span::new(s, e) });
}

/// `This article was originally published by X.`
fn republished(text: &str, out: &mut Vec<Credit>) {
    // ASCII lower-casing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    for phrase in REPUBLISHED {
        let mut from = 0;
        while let Some(i) = lower[from..].find(phrase).map(|i| i + from) {
            from = i + phrase.len();
            let rest = &text[from..];
            let mut end =
                rest.find(['.', ',', ';', '\n', '(', ':']).unwrap_or(rest.len()).min(MAX_OUTLET + 1);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            for stop in [" on ", " under ", " and ", " with ", " as ", " at ", " in ", " by "] {
                if let Some(j) = rest[..end].find(stop) {
                    end = j;
                }
            }
            let name = rest[..end].trim_end();
            let first = name.split(' ').next().unwrap_or("");
            if name.is_empty()
                || name.len() > MAX_OUTLET
                || !name.starts_with(char::is_uppercase)
                || NOT_OUTLETS.contains(&first)
                || first.parse::<chrono::Month>().is_ok()
                || first.parse::<chrono::Weekday>().is_ok()
                || NOT_ALONE.contains(&name)
                || name.split(' ').count() > 8
            {
                continue;
            }
            let shown = agency(name).map_or_else(|| name.to_string(), str::to_string);
            out.push(Credit {
                kind: CreditKind::Republished,
                name: shown,
                span: Span::new(i, from + name.len()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, String, String)> {
        find_credits(text)
            .into_iter()
            .map(|c| (c.kind.as_str(), c.name, c.span.slice(text).to_string()))
            .collect()
    }

    fn c(kind: &'static str, name: &str, words: &str) -> (&'static str, String, String) {
        (kind, name.to_string(), words.to_string())
    }

    #[test]
    fn a_wire_dateline_gives_place_and_agency() {
        let t = "Envoy warns on talks\n\nTBILISI, March 3, 2019 (AFP) – Georgia's envoy said on Sunday that talks would resume.";
        assert_eq!(
            found(t),
            [c("dateline", "TBILISI", "TBILISI, March 3, 2019 (AFP)"), c("wire", "AFP", "AFP")]
        );
        let t = "ST. LOUIS, Missouri (AP) — A river barge ran aground on Friday.";
        assert_eq!(found(t), [c("dateline", "ST. LOUIS", "ST. LOUIS, Missouri (AP)"), c("wire", "AP", "AP")]);
        let t = "OSLO (Reuters) The Norwegian krone fell on Monday.";
        assert_eq!(found(t), [c("dateline", "OSLO", "OSLO (Reuters)"), c("wire", "Reuters", "Reuters")]);
        // A place line with a dash and no agency is a dateline alone.
        assert_eq!(found("CAIRO — Talks resumed on Monday."), [c("dateline", "CAIRO", "CAIRO")]);
    }

    #[test]
    fn capitals_that_are_no_dateline_are_left_alone() {
        assert!(found("BREAKING NEWS\n\nThe mayor resigned on Monday.").is_empty());
        assert!(found("NATO - the alliance - met on Monday.").is_empty());
        assert!(found("\"STOP — now,\" she shouted.").is_empty());
        // An agency in parentheses that is not on a dateline or a line of its own.
        assert!(found("The senator (AP) photo caption came later in the text.").is_empty());
    }

    #[test]
    fn trailing_and_contributed_wire_credits() {
        let t = "The ferry sank in calm water, officials said.\n\n– AP";
        assert_eq!(found(t), [c("wire", "AP", "AP")]);
        let t = "Police closed the road. — Reuters.";
        assert_eq!(found(t), [c("wire", "Reuters", "Reuters")]);
        let t = "The vote was close.\n\n(Reuters)";
        assert_eq!(found(t), [c("wire", "Reuters", "Reuters")]);
        let t = "Jo Smith in Lagos and The Associated Press contributed to this report.";
        assert_eq!(found(t), [c("wire", "AP", "The Associated Press")]);
        // A dash in a sentence before a common word is no credit.
        assert!(found("The result – a draw – pleased nobody.").is_empty());
    }

    #[test]
    fn republication_notes_name_the_first_outlet() {
        let t = "The forum closed on Friday.\n\nThis article was originally published by Strategic Culture Foundation.";
        assert_eq!(
            found(t),
            [c(
                "republished",
                "Strategic Culture Foundation",
                "originally published by Strategic Culture Foundation"
            )]
        );
        let t = "This story first appeared in The Conversation on May 5, 2021.";
        assert_eq!(found(t), [c("republished", "The Conversation", "first appeared in The Conversation")]);
        let t = "Growth slowed.\nSource: Kommersant\n";
        assert_eq!(found(t), [c("republished", "Kommersant", "Source: Kommersant")]);
        assert_eq!(found("Source: Reuters"), [c("wire", "Reuters", "Source: Reuters")]);
        // Not outlets: a month, a language, a lower-case phrase.
        assert!(found("The essay was first published in March.").is_empty());
        assert!(found("It first appeared in English translations.").is_empty());
        assert!(found("Source: a senior official.").is_empty());
    }
}
