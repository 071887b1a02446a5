//! Reads the Phoenix / CAMEO (TABARI) actor dictionaries into knowledge-base
//! entries. Pure: the caller reads the files and passes their contents.
//!
//! The TABARI format: a line starting with a name opens an entry
//! (`ROZA_OTUNBAYEVA_  # CountryInfo.txt`), `+` lines add aliases
//! (`+ROZA_OTUNBAEVA_`), bracketed codes give the actor code, possibly dated
//! (`[KGZGOV >100801]`: government of Kyrgyzstan from 2010-08-01), `#` starts
//! a comment. Country blocks mix the country's names, its adjectives and
//! its cities in one alias list; [`build`] tells them apart (an alias that
//! shares no stem with the country's name is a place *in* the country, not
//! a name *of* it).

use std::collections::HashMap;

use crate::kb::{EntityKind, KbEntry, KbRole};
use crate::names::{fold, initials, is_connector, is_title, title_case, translit_key, translit_word};

/// Which dictionary a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFile {
    /// `Phoenix.Countries.actors.txt`: countries, their people and institutions.
    Countries,
    /// `Phoenix.International.actors.txt`: international organisations and their people.
    International,
    /// `Phoenix.MilNonState.actors.txt`: militant and non-state groups.
    MilNonState,
}

#[derive(Debug, Default)]
struct RawEntry {
    name: String,
    aliases: Vec<String>,
    codes: Vec<Code>,
    comment: String,
}

/// An actor code with its first and last day.
type Code = (String, Option<String>, Option<String>);

/// Parses one file into raw entries.
fn parse_file(contents: &str) -> Vec<RawEntry> {
    let mut out: Vec<RawEntry> = Vec::new();
    for line in contents.lines() {
        let (body, comment) = match line.find('#') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, ""),
        };
        let first = body.chars().next();
        let (names_part, codes) = split_codes(body);
        match first {
            None => continue,
            Some('+') => {
                if let Some(e) = out.last_mut() {
                    for a in names_part.split('+') {
                        let a = a.trim();
                        if !a.is_empty() {
                            e.aliases.push(a.to_string());
                        }
                    }
                    e.codes.extend(codes);
                }
            }
            Some(c) if c.is_whitespace() => {
                if let Some(e) = out.last_mut() {
                    e.codes.extend(codes);
                }
            }
            Some('!') | Some('<') | Some('{') | Some('-') => {}
            Some(_) => {
                let name = names_part.trim();
                if name.is_empty() {
                    continue;
                }
                out.push(RawEntry {
                    name: name.to_string(),
                    aliases: Vec::new(),
                    codes,
                    comment: comment.to_string(),
                });
            }
        }
    }
    out
}

/// Splits a line body into the part before the first `[` and its codes.
fn split_codes(body: &str) -> (&str, Vec<Code>) {
    let cut = body.find('[').unwrap_or(body.len());
    let mut codes = Vec::new();
    let mut rest = &body[cut..];
    while let Some(i) = rest.find('[') {
        let Some(j) = rest[i..].find(']') else { break };
        let inner = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        if !code.chars().all(|c| c.is_ascii_uppercase()) || code.len() < 3 {
            continue;
        }
        let (from, to) = match parts.next() {
            Some(d) => parse_range(d),
            None => (None, None),
        };
        codes.push((code.to_string(), from, to));
    }
    (&body[..cut], codes)
}

fn parse_range(d: &str) -> (Option<String>, Option<String>) {
    if let Some(x) = d.strip_prefix('>') {
        (parse_date(x), None)
    } else if let Some(x) = d.strip_prefix('<') {
        (None, parse_date(x))
    } else if let Some((a, b)) = d.split_once('-') {
        (parse_date(a), parse_date(b))
    } else {
        (parse_date(d), None)
    }
}

/// `YYMMDD` (years up to 15 are 20xx, the dictionaries date from 2014) or
/// `YYYYMMDD` to ISO 8601; anything else is no date.
fn parse_date(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy <= 15 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A TABARI phrase (`ROZA_OTUNBAYEVA_`, `ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`) as
/// words, plus any parenthesised acronym it carries.
fn clean_phrase(s: &str) -> (String, Option<String>) {
    let mut acronym = None;
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(')') else {
            rest = &rest[i + 1..];
            continue;
        };
        let inner = &rest[i + 1..i + j];
        if (2..=8).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_uppercase()) {
            acronym = Some(inner.to_string());
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    let words: Vec<&str> =
        out.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    (words.join(" "), acronym)
}

const ORG_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "union",
    "council",
    "party",
    "army",
    "forces",
    "force",
    "front",
    "movement",
    "ministry",
    "department",
    "committee",
    "assembly",
    "court",
    "bank",
    "agency",
    "commission",
    "association",
    "league",
    "brigade",
    "brigades",
    "group",
    "nations",
    "federation",
    "institute",
    "fund",
    "program",
    "programme",
    "office",
    "police",
    "government",
    "parliament",
    "congress",
    "senate",
    "foundation",
    "society",
    "corporation",
    "company",
    "service",
    "services",
    "authority",
    "tribunal",
    "coalition",
    "alliance",
    "center",
    "centre",
    "university",
    "network",
    "secretary",
    "president",
    "minister",
    "republic",
    "kingdom",
    "state",
    "states",
    "mission",
    "military",
];

fn looks_like_person(name: &str) -> bool {
    let f = fold(name);
    let words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    (2..=5).contains(&words.len()) && !words.iter().any(|w| ORG_WORDS.contains(w))
}

/// Drops leading titles from a person's name (`SECRETARY-GENERAL BAN KI-MOON`
/// → `BAN KI-MOON`), keeping at least two words.
fn strip_titles(name: &str) -> String {
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 2 && fold(words[0]).split(' ').all(is_title) {
        words.remove(0);
    }
    words.join(" ")
}

fn stems(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !is_connector(w))
        .map(|w| translit_word(w).chars().take(4).collect())
        .collect()
}

fn is_demonym(folded: &str, country_words: &[&str]) -> bool {
    if folded.contains(' ') {
        return false;
    }
    let strict_prefix = country_words.iter().any(|c| c.len() > folded.len() && c.starts_with(folded));
    let free = ["ese", "ish", "nch", "tch", "ech"].iter().any(|s| folded.ends_with(s));
    let stem = ["an", "ian", "ean", "i", "ic"].iter().any(|s| folded.ends_with(s));
    strict_prefix || free || stem
}

/// Builds knowledge-base entries from the dictionaries, in the order given.
///
/// Deterministic: the same files give the same entries in the same order.
pub fn build(files: &[(SourceFile, &str)]) -> Vec<KbEntry> {
    let mut entries: Vec<KbEntry> = Vec::new();
    let mut places: Vec<KbEntry> = Vec::new();
    for (source, contents) in files {
        for raw in parse_file(contents) {
            let (name, name_acr) = clean_phrase(&raw.name);
            // `THE UNITED NATIONS` is named `United Nations`.
            let name = match name.strip_prefix("THE ") {
                Some(rest) if !rest.is_empty() => rest.to_string(),
                _ => name,
            };
            if name.is_empty() {
                continue;
            }
            let mut alias_acrs = Vec::new();
            let mut aliases: Vec<String> = Vec::new();
            for a in &raw.aliases {
                let (a, acr) = clean_phrase(a);
                alias_acrs.extend(acr);
                if !a.is_empty() {
                    aliases.push(a);
                }
            }
            let comment = raw.comment.to_ascii_lowercase();
            let bare3 = raw
                .codes
                .iter()
                .filter(|(c, _, _)| c.len() == 3)
                .max_by_key(|(_, f, t)| (t.is_none(), f.clone()))
                .map(|(c, _, _)| c.clone());
            let dated = raw.codes.iter().any(|(_, f, t)| f.is_some() || t.is_some());
            let person_comment = comment.contains("countryinfo") || comment.contains("igorulers");
            let kind = if person_comment {
                EntityKind::Person
            } else if *source == SourceFile::Countries
                && bare3.is_some()
                && !raw.codes.iter().any(|(c, _, _)| c.starts_with("IGO"))
            {
                EntityKind::Country
            } else if dated && looks_like_person(&strip_titles(&name)) {
                EntityKind::Person
            } else if *source == SourceFile::MilNonState {
                EntityKind::Group
            } else {
                EntityKind::Organisation
            };
            let roles: Vec<KbRole> = raw
                .codes
                .iter()
                .map(|(c, f, t)| KbRole { code: c.clone(), from: f.clone(), to: t.clone() })
                .collect();
            let code = match kind {
                EntityKind::Country => bare3.clone(),
                _ => raw
                    .codes
                    .iter()
                    .find(|(_, f, t)| f.is_none() && t.is_none())
                    .or(raw.codes.last())
                    .map(|c| c.0.clone()),
            };
            let mut e = KbEntry {
                kind,
                name: String::new(),
                code,
                aliases: Vec::new(),
                adjectives: Vec::new(),
                roles: if kind == EntityKind::Country { Vec::new() } else { roles },
                country: None,
            };
            match kind {
                EntityKind::Country => {
                    let f = fold(&name);
                    let words: Vec<&str> =
                        f.split(' ').filter(|w| !w.is_empty() && !is_connector(w)).collect();
                    let name_stems = stems(&f);
                    let acr = initials(&f);
                    e.name = title_case(&name, false);
                    e.country = e.code.clone();
                    for a in aliases {
                        let fa = fold(&a);
                        let is_acr = fa == acr
                            || (fa.len() <= 4
                                && a.chars().all(|c| !c.is_lowercase())
                                && !fa.contains(' ')
                                && fa.chars().filter(|c| "aeiou".contains(*c)).count() <= 1);
                        let shares = stems(&fa).iter().any(|s| name_stems.contains(s));
                        let free = !fa.contains(' ')
                            && ["ese", "ish", "nch", "tch", "ech"].iter().any(|x| fa.ends_with(x));
                        if is_acr {
                            e.aliases.push(title_case(&a, true));
                        } else if shares && is_demonym(&fa, &words) || free {
                            e.adjectives.push(title_case(&a, false));
                        } else if shares {
                            e.aliases.push(title_case(&a, false));
                        } else {
                            places.push(KbEntry {
                                kind: EntityKind::Place,
                                name: title_case(&a, false),
                                code: e.code.clone(),
                                aliases: Vec::new(),
                                adjectives: Vec::new(),
                                roles: Vec::new(),
                                country: e.code.clone(),
                            });
                        }
                    }
                }
                EntityKind::Person => {
                    e.name = title_case(&strip_titles(&name), false);
                    for a in aliases {
                        e.aliases.push(title_case(&strip_titles(&a), false));
                    }
                }
                _ => {
                    let short = |s: &str| !s.contains(' ');
                    e.name = title_case(&name, short(&name));
                    for a in aliases {
                        let up = short(&a);
                        e.aliases.push(title_case(&a, up));
                    }
                    e.aliases.extend(name_acr);
                    e.aliases.extend(alias_acrs);
                }
            }
            let nf = fold(&e.name);
            let mut seen = vec![nf];
            e.aliases.retain(|a| {
                let f = fold(a);
                let keep = !f.is_empty() && !seen.contains(&f);
                seen.push(f);
                keep
            });
            e.adjectives.sort();
            e.adjectives.dedup();
            entries.push(e);
        }
    }
    // Country codes known, tie people and institutions to their country.
    let countries: HashMap<String, ()> = entries
        .iter()
        .filter(|e| e.kind == EntityKind::Country)
        .filter_map(|e| e.code.clone())
        .map(|c| (c, ()))
        .collect();
    for e in entries.iter_mut().filter(|e| e.kind != EntityKind::Country) {
        e.country = e
            .roles
            .iter()
            .map(|r| &r.code)
            .chain(e.code.as_ref())
            .find(|c| c.len() >= 3 && c.is_char_boundary(3) && countries.contains_key(&c[..3]))
            .map(|c| c[..3].to_string());
    }
    entries.extend(places);
    merge_duplicates(entries)
}

/// Merges entries that are one actor listed twice: same kind and same
/// folded name (persons also same country), or an organisation listed under
/// its acronym next to its full name with the same code (`UN` / `United
/// Nations`).
fn merge_duplicates(entries: Vec<KbEntry>) -> Vec<KbEntry> {
    let key = |e: &KbEntry| {
        let f = fold(&e.name);
        let f = translit_key(f.strip_prefix("the ").unwrap_or(&f)).replace(' ', "");
        let country =
            if e.kind == EntityKind::Person { e.country.clone().unwrap_or_default() } else { String::new() };
        (e.kind, f, country)
    };
    let mut out: Vec<KbEntry> = Vec::new();
    let mut at: HashMap<(EntityKind, String, String), usize> = HashMap::new();
    for e in entries {
        let k = key(&e);
        match at.get(&k) {
            Some(&i) => absorb(&mut out[i], e),
            None => {
                at.insert(k, out.len());
                out.push(e);
            }
        }
    }
    // Acronym entries into their expansion.
    let mut by_initials: HashMap<(String, Option<String>), Vec<usize>> = HashMap::new();
    for (i, e) in out.iter().enumerate() {
        if e.kind == EntityKind::Organisation {
            let f = fold(&e.name);
            if f.split(' ').filter(|w| !is_connector(w)).count() >= 2 {
                by_initials.entry((initials(&f), e.code.clone())).or_default().push(i);
            }
        }
    }
    let mut gone = vec![false; out.len()];
    for i in 0..out.len() {
        let e = &out[i];
        if e.kind != EntityKind::Organisation || e.name.contains(' ') {
            continue;
        }
        let k = (fold(&e.name), e.code.clone());
        if let Some(targets) = by_initials.get(&k) {
            if targets.len() == 1 && targets[0] != i && !gone[targets[0]] {
                let t = targets[0];
                let moved = out[i].clone();
                absorb(&mut out[t], moved);
                gone[i] = true;
            }
        }
    }
    out.into_iter().zip(gone).filter(|(_, g)| !g).map(|(e, _)| e).collect()
}

fn absorb(into: &mut KbEntry, from: KbEntry) {
    let mut seen: Vec<String> = std::iter::once(&into.name).chain(&into.aliases).map(|s| fold(s)).collect();
    for a in std::iter::once(from.name).chain(from.aliases) {
        let f = fold(&a);
        if !seen.contains(&f) {
            seen.push(f);
            into.aliases.push(a);
        }
    }
    for a in from.adjectives {
        if !into.adjectives.contains(&a) {
            into.adjectives.push(a);
        }
    }
    for r in from.roles {
        if !into.roles.contains(&r) {
            into.roles.push(r);
        }
    }
    if into.code.is_none() {
        into.code = from.code;
    }
    if into.country.is_none() {
        into.country = from.country;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTRIES: &str = "\
# header comment
KYRGYZSTAN_
+KYRGYZ_ 
+KIRGHIZIA_ 
+BISHKEK_ 
	[USRKGZ <910831]
	[KGZ >911221]
ROZA_OTUNBAYEVA_  # CountryInfo.txt
+ROZA_OTUNBAEVA_
	[KGZGOV 050501-051031]
	[KGZGOV >100801]

UNITED_STATES_OF_AMERICA_  [USA]
+AMERICAN_
+AMERICA
+US_
+U.S.
+NEW_YORK_
";

    const INTL: &str = "\
UN_ [IGOUNO]
UNITED_NATIONS_	[IGOUNO]# NGO_Actors
ORGANIZATION_FOR_SECURITY_AND_COOPERATION_IN_EUROPE_	[IGO]
SECRETARY-GENERAL_BAN_KI-MOON
+BAN_KI-MOON
	[IGOUNO >20070101]
";

    #[test]
    fn parses_countries_people_and_organisations() {
        let es = build(&[(SourceFile::Countries, COUNTRIES), (SourceFile::International, INTL)]);
        let find = |n: &str| es.iter().find(|e| e.name == n).unwrap_or_else(|| panic!("{n}: {es:#?}"));
        let kgz = find("Kyrgyzstan");
        assert_eq!(kgz.kind, EntityKind::Country);
        assert_eq!(kgz.code.as_deref(), Some("KGZ"));
        assert_eq!(kgz.adjectives, vec!["Kyrgyz".to_string()]);
        assert!(kgz.aliases.contains(&"Kirghizia".to_string()));
        assert_eq!(find("Bishkek").kind, EntityKind::Place);
        assert_eq!(find("Bishkek").country.as_deref(), Some("KGZ"));
        let roza = find("Roza Otunbayeva");
        assert_eq!(roza.kind, EntityKind::Person);
        assert_eq!(roza.aliases, vec!["Roza Otunbaeva".to_string()]);
        assert_eq!(roza.country.as_deref(), Some("KGZ"));
        assert_eq!(
            roza.roles[1],
            KbRole { code: "KGZGOV".into(), from: Some("2010-08-01".into()), to: None }
        );
        let us = find("United States of America");
        assert!(us.aliases.iter().any(|a| fold(a) == "us"));
        assert!(us.aliases.contains(&"America".to_string()));
        assert_eq!(us.adjectives, vec!["American".to_string()]);
        assert_eq!(find("New York").kind, EntityKind::Place);
        let un = find("United Nations");
        assert!(un.aliases.contains(&"UN".to_string()), "{un:?}");
        assert!(!es.iter().any(|e| e.name == "UN"));
        assert_eq!(find("Ban Ki-Moon").kind, EntityKind::Person);
    }

    #[test]
    fn dates_and_odd_lines() {
        assert_eq!(parse_date("100801").as_deref(), Some("2010-08-01"));
        assert_eq!(parse_date("620101").as_deref(), Some("1962-01-01"));
        assert_eq!(parse_date("20070101").as_deref(), Some("2007-01-01"));
        assert_eq!(parse_date("2004017"), None);
        assert_eq!(parse_date("991399"), None);
        assert!(build(&[(SourceFile::Countries, "+ORPHAN\n\t[XXX]\n[[[\n\u{1F642}")]).len() <= 1);
    }
}
