//! The Phoenix actor and agent dictionaries read into the tagger's
//! gazetteer (training only; contents, not paths).

use super::lexicon::{Gazetteer, GAZ_MAX_LEN};

/// Reads the Phoenix actor and agent dictionaries into a gazetteer. Each
/// file is given by name (its category follows from it) and contents.
pub fn phoenix_gazetteer<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Gazetteer {
    let mut entries: Vec<(u8, String)> = Vec::new();
    for (name, text) in files {
        let kind = if name.contains("Countries") {
            0
        } else if name.contains("International") {
            3
        } else if name.contains("MilNonState") {
            4
        } else if name.contains("agents") {
            5
        } else {
            continue;
        };
        let mut block: Vec<String> = Vec::new();
        let mut country = false;
        let mut person = false;
        let mut listed_person = false;
        // A block of the International file coded `[MNC…]` is a company.
        let mut company = false;
        let mut flush = |block: &mut Vec<String>, country: bool, person: bool, company: bool| {
            let cat = match kind {
                0 if country => 0,
                0 if person => 1,
                0 => 2,
                3 if company => 7,
                k => k,
            };
            let demonyms = if cat == 0 { demonyms_of(block) } else { Vec::new() };
            for (i, e) in block.drain(..).enumerate() {
                entries.push((if demonyms.contains(&i) { 6 } else { cat }, e));
            }
        };
        for line in expand_macros(text) {
            let line = line.as_str();
            let (body, comment) = match line.find('#') {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            };
            if body.trim().is_empty() || body.contains('!') {
                continue;
            }
            let starts_entry = !line.starts_with(char::is_whitespace) && !body.trim_start().starts_with('[');
            let is_alias = body.starts_with('+');
            if starts_entry && !is_alias {
                flush(&mut block, country, person, company);
                country = false;
                company = false;
                person = comment.contains("CountryInfo");
                listed_person = person;
            }
            let name_part = body.trim_start_matches('+');
            let name_part = name_part.split('[').next().unwrap_or("");
            for code in body.split('[').skip(1) {
                let code = code.split(']').next().unwrap_or("").trim();
                let head = code.split_whitespace().next().unwrap_or("");
                // A bare three-letter code is a country, dated or not
                // (`[KGZ >911221]`: Kyrgyzstan since independence); a dated
                // longer code is a person's role (`[KGZGOV 100407-111201]`).
                let bare = head.len() == 3 && head.chars().all(|c| c.is_ascii_uppercase());
                if kind == 3 && head.starts_with("MNC") {
                    company = true;
                }
                if bare && !listed_person {
                    country = true;
                }
                if !bare
                    && code.split_whitespace().nth(1).is_some_and(|d| d.chars().any(|c| c.is_ascii_digit()))
                {
                    person = true;
                }
            }
            if let Some(e) = normalise_entry(name_part) {
                block.push(e);
            }
        }
        flush(&mut block, country, person, company);
    }
    Gazetteer::from_entries(entries)
}

/// Endings that make a demonym of a country name's stem (`ALBANIA-N`,
/// `CHIN-ESE`, `IRAQ-I`, `POL-ISH`).
const DEMONYM_ENDINGS: [&str; 8] = ["N", "AN", "IAN", "EAN", "ESE", "I", "ISH", "IC"];

/// Indices of the entries of a Phoenix country block that are demonyms:
/// one-word entries formed from another one-word entry of the block by
/// dropping at most three final letters (keeping at least three) and adding
/// a demonym ending (`RUSSIAN` from `RUSSIA`, `LEBANESE` from `LEBANON`), or
/// that name the country when `STAN`/`ISTAN` is added (`KYRGYZ`, `UZBEK`).
/// Phoenix lists demonyms as aliases of the country; news (and CoNLL)
/// labels a country LOC but its demonym MISC, so the tagger needs them apart.
fn demonyms_of(block: &[String]) -> Vec<usize> {
    let words: Vec<&str> = block.iter().map(String::as_str).filter(|e| !e.contains(' ')).collect();
    let derived = |a: &str, stem: &str| {
        if a == stem || !a.is_ascii() || !stem.is_ascii() {
            return false;
        }
        if stem.len() > a.len() && (stem == format!("{a}STAN") || stem == format!("{a}ISTAN")) {
            return true;
        }
        (0..=3usize).any(|k| {
            stem.len() >= k + 3
                && a.starts_with(&stem[..stem.len() - k])
                && DEMONYM_ENDINGS.contains(&&a[stem.len() - k..])
        })
    };
    block
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.contains(' ') && words.iter().any(|s| derived(e, s)))
        .map(|(i, _)| i)
        .collect()
}

/// The lines of a Phoenix file with its word macros expanded: a line
/// `!PERSON! = MAN, MEN, WOMAN` defines `!PERSON!`, and `SPOKES!PERSON!`
/// then stands for `SPOKESMAN`, `SPOKESMEN`, `SPOKESWOMAN`. Definition
/// lines are dropped; lines with an unknown macro are kept as they are
/// (and skipped by the reader).
fn expand_macros(text: &str) -> Vec<String> {
    let mut macros: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("");
        if let Some((name, alts)) = body.split_once('=') {
            let name = name.trim();
            if name.len() > 2 && name.starts_with('!') && name.ends_with('!') {
                let alts: Vec<&str> = alts.split(',').map(str::trim).filter(|a| !a.is_empty()).collect();
                macros.push((name, alts));
            }
        }
    }
    let mut out = Vec::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("");
        if body.trim_start().starts_with('!') && body.contains('=') {
            continue;
        }
        let mut lines = vec![line.to_string()];
        for (name, alts) in &macros {
            if !lines[0].contains(name) {
                continue;
            }
            lines = lines
                .iter()
                .flat_map(|l| alts.iter().map(move |a| l.replacen(name, a, 1)))
                .take(64)
                .collect();
        }
        out.extend(lines);
    }
    out
}

fn normalise_entry(raw: &str) -> Option<String> {
    let toks: Vec<String> = raw
        .split(['_', ' ', '\t'])
        .filter(|t| !t.is_empty() && !t.starts_with('(') && !t.starts_with('~') && !t.starts_with('{'))
        .map(|t| t.to_uppercase())
        .collect();
    (!toks.is_empty() && toks.len() <= GAZ_MAX_LEN).then(|| toks.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_categories() {
        let countries = "# c\nKYRGYZSTAN_\n+OSH\n+KYRGYZ_\n\t[USRKGZ <910831]\n\t[KGZ >911221]\n\nROZA_OTUNBAYEVA_  # CountryInfo.txt\n+ROZA_OTUNBAEVA_\n\t[KGZGOV 100407-111201]\nKYRGYZ_ARMY\n\t[KGZMIL]\n";
        let intl = "ORGANIZATION_FOR_SECURITY_AND_COOPERATION_IN_EUROPE_ [IGOEUROSC]\n+OSCE\n";
        let agents = "!PERSON! = MAN, MEN\nMAYOR [GOV]\nSPOKES!PERSON! [~MED]\nX!UNKNOWN! [~AGR]\n";
        let g = phoenix_gazetteer([
            ("Phoenix.Countries.actors.txt", countries),
            ("Phoenix.International.actors.txt", intl),
            ("Phoenix.agents.txt", agents),
        ]);
        let has = |cat: u8, e: &str| g.list.contains(&(cat, e.to_string()));
        assert!(has(0, "KYRGYZSTAN") && has(0, "OSH") && has(6, "KYRGYZ") && !has(0, "KYRGYZ"));
        assert!(has(1, "ROZA OTUNBAEVA") && has(1, "ROZA OTUNBAYEVA"));
        assert!(has(2, "KYRGYZ ARMY"));
        assert!(has(3, "OSCE") && has(3, "ORGANIZATION FOR SECURITY AND COOPERATION IN EUROPE"));
        assert!(has(5, "MAYOR") && has(5, "SPOKESMAN") && has(5, "SPOKESMEN"));
        assert_eq!(g.len(), 11);
    }

    #[test]
    fn demonyms_are_told_from_places() {
        let block = |es: &[&str]| es.iter().map(|e| e.to_string()).collect::<Vec<_>>();
        let names = |es: &[&str]| {
            let b = block(es);
            demonyms_of(&b).into_iter().map(|i| b[i].clone()).collect::<Vec<_>>()
        };
        assert_eq!(names(&["ALBANIA", "ALBANIAN", "TIRANA"]), ["ALBANIAN"]);
        assert_eq!(names(&["LEBANON", "LEBANESE", "BEIRUT"]), ["LEBANESE"]);
        assert_eq!(names(&["UZBEKISTAN", "UZBEK", "TASHKENT"]), ["UZBEK"]);
        assert_eq!(names(&["RUSSIAN FEDERATION", "RUSSIAN", "RUSSIA", "MOSCOW"]), ["RUSSIAN"]);
        // A capital that merely ends like a demonym is a place.
        assert!(names(&["IRAN", "TEHRAN", "PERSIA"]).is_empty());
        assert!(names(&["KYRGYZSTAN", "KYRGYZTAN", "OSH", "BISHKEK"]).is_empty());
        assert!(names(&["ČR", "Č"]).is_empty(), "non-ASCII entries do not panic");
    }
}
