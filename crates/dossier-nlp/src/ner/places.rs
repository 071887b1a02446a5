//! The GeoNames place gazetteer (data: GeoNames, <https://www.geonames.org>,
//! CC BY 4.0): from the `cities5000`, admin-division and country tables
//! (their contents, not paths) to the (category, name) entries the tagger
//! matches, deterministically.
//!
//! A name gets one category by what bears it, strongest first: a country
//! (`geo-country`), a city of at least [`LARGE`] people (`geo-city-large`),
//! a first-level region or a large second-level one (`geo-region`), a city
//! of at least [`MID`] (`geo-city`), any other town of the table
//! (`geo-town`). The population is that of the largest place of the name,
//! so a name that only villages share stays weak evidence. Names are
//! tokenized as the tagger's input is (`St. John's` → `ST. JOHN 'S`).
//!
//! GeoNames' alternate names are raw: codes and fragments (`OSS`, `Ox` for
//! Osh), transliterations in lower case (`shhrk ghrb`), other scripts. Kept
//! are names in Latin script, without digits, starting with a capital;
//! alternate names are kept only for places of at least [`MID`] people, and
//! never when in capitals or of fewer than four letters as one word. No
//! one-word name of fewer than three letters is kept at all.

use super::lexicon::{GAZ_CATEGORIES, GAZ_MAX_LEN, GEO_FIRST};
use std::collections::BTreeMap;

/// Population from which a city is large.
pub const LARGE: u64 = 100_000;
/// Population from which a town is a city, and its alternate names count.
pub const MID: u64 = 20_000;
/// Population from which a second-level division (a county, a district)
/// is kept.
pub const ADMIN2_MIN: u64 = 50_000;

const COUNTRY: u8 = GEO_FIRST;
const REGION: u8 = GEO_FIRST + 1;
const CITY_LARGE: u8 = GEO_FIRST + 2;
const CITY: u8 = GEO_FIRST + 3;
const TOWN: u8 = GEO_FIRST + 4;

/// Rank of a category: the strongest claim on a name wins.
fn rank(cat: u8) -> u8 {
    match cat {
        COUNTRY => 0,
        CITY_LARGE => 1,
        REGION => 2,
        CITY => 3,
        _ => 4,
    }
}

/// Whether `c` is a letter of the Latin script (ASCII, Latin-1, Latin
/// Extended-A/B and Additional).
fn latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic()
}

/// The entry form of a place name (tokens upper-cased, joined by spaces),
/// or `None` when the name is not kept (see the module notes).
pub fn normalise(name: &str, alternate: bool) -> Option<String> {
    let name = name.trim();
    let first = name.chars().next()?;
    if !first.is_uppercase() || name.chars().any(|c| c.is_numeric()) {
        return None;
    }
    if name.chars().any(|c| c.is_alphabetic() && !latin(c)) {
        return None;
    }
    if alternate && !name.chars().any(char::is_lowercase) {
        return None;
    }
    let toks = crate::token::tokenize(name);
    if toks.is_empty() || toks.len() > GAZ_MAX_LEN {
        return None;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if toks.len() == 1 && (letters < 3 || alternate && letters < 4) {
        return None;
    }
    let words: Vec<String> = toks.iter().map(|t| t.text(name).to_uppercase()).collect();
    Some(words.join(" "))
}

/// Reads a tab-separated table with a header line into rows of fields,
/// naming the columns wanted; rows lacking one are skipped.
fn rows<'a>(text: &'a str, want: &[&str]) -> Result<Vec<Vec<&'a str>>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let idx: Vec<usize> = want
        .iter()
        .map(|w| header.iter().position(|h| h.trim() == *w).ok_or_else(|| format!("no column {w:?}")))
        .collect::<Result<_, _>>()?;
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            idx.iter().map(|&i| f.get(i).copied()).collect::<Option<Vec<&str>>>()
        })
        .collect())
}

/// The place entries from the three GeoNames tables (`cities5000.tsv`,
/// `admin.tsv`, `countries.tsv`, with their header lines), sorted.
pub fn geonames_entries(cities: &str, admin: &str, countries: &str) -> Result<Vec<(u8, String)>, String> {
    let mut best: BTreeMap<String, u8> = BTreeMap::new();
    let mut put = |name: &str, alternate: bool, cat: u8| {
        if let Some(n) = normalise(name, alternate) {
            let e = best.entry(n).or_insert(cat);
            if rank(cat) < rank(*e) {
                *e = cat;
            }
        }
    };
    for r in rows(countries, &["name"]).map_err(|e| format!("countries: {e}"))? {
        put(r[0], false, COUNTRY);
    }
    for r in rows(cities, &["name", "population", "alternate_names"]).map_err(|e| format!("cities: {e}"))? {
        let pop: u64 = r[1].trim().parse().unwrap_or(0);
        let cat = if pop >= LARGE {
            CITY_LARGE
        } else if pop >= MID {
            CITY
        } else {
            TOWN
        };
        put(r[0], false, cat);
        if pop >= MID {
            for a in r[2].split('|') {
                put(a, true, cat);
            }
        }
    }
    for r in
        rows(admin, &["name", "level", "population", "alternate_names"]).map_err(|e| format!("admin: {e}"))?
    {
        let pop: u64 = r[2].trim().parse().unwrap_or(0);
        match r[1].trim() {
            "1" => {
                put(r[0], false, REGION);
                for a in r[3].split('|') {
                    put(a, true, REGION);
                }
            }
            "2" if pop >= ADMIN2_MIN => put(r[0], false, REGION),
            _ => {}
        }
    }
    Ok(best.into_iter().map(|(n, c)| (c, n)).collect())
}

/// The text form of place entries: a comment header crediting GeoNames,
/// then `category<TAB>NAME` lines.
pub fn to_text(entries: &[(u8, String)]) -> String {
    let mut out = String::from(
        "# Place names from GeoNames (https://www.geonames.org), CC BY 4.0; built by `dossier build places`.\n\
         # category<TAB>upper-cased tokens of the name\n",
    );
    for (c, n) in entries {
        out.push_str(GAZ_CATEGORIES[*c as usize]);
        out.push('\t');
        out.push_str(n);
        out.push('\n');
    }
    out
}

/// Reads the text form written by [`to_text`] (any gazetteer category by
/// name; `#` lines are comments), e.g. the project's own list of companies.
pub fn from_text(text: &str) -> Result<Vec<(u8, String)>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let (cat, name) = l.split_once('\t').ok_or_else(|| format!("line {}: no tab", i + 1))?;
        let c = GAZ_CATEGORIES
            .iter()
            .position(|g| *g == cat.trim())
            .ok_or_else(|| format!("line {}: unknown category {cat:?}", i + 1))?;
        let toks: Vec<String> =
            crate::token::tokenize(name.trim()).iter().map(|t| t.text(name.trim()).to_uppercase()).collect();
        if toks.is_empty() || toks.len() > GAZ_MAX_LEN {
            return Err(format!("line {}: bad name {name:?}", i + 1));
        }
        out.push((c as u8, toks.join(" ")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITIES: &str =
        "geonameid\tname\tcountry\tadmin1\tpopulation\tlatitude\tlongitude\talternate_names\n\
        1\tOsh\tKG\t08\t322164\t40.5\t72.8\tO'sh|OSS|Ox|Osch|awsh|Ош\n\
        2\tJalal-Abad\tKG\t03\t97000\t40.9\t73.0\tDzhalal-Abad\n\
        3\tSmallville\tUS\t01\t6000\t1\t1\tSmall Ville\n\
        4\tPort Harcourt\tNG\t50\t1148665\t4.8\t7.0\t\n\
        5\tSmallville\tCA\t01\t150000\t1\t1\t\n";
    const ADMIN: &str = "geonameid\tname\tgeonames_code\tlevel\ttype\tpopulation\talternate_names\n\
        9\tJalal-Abad\tKG.03\t1\tRegion\t0\tJalal-Abad Oblast\n\
        10\tTiny County\tUS.01.1\t2\t\t100\t\n";
    const COUNTRIES: &str = "iso\tiso3\tgeonameid\tname\tcapital\tcontinent\tpopulation\n\
        BA\tBIH\t1\tBosnia and Herzegovina\tSarajevo\tEU\t3323929\n";

    #[test]
    fn names_are_weighed_by_their_largest_place() {
        let e = geonames_entries(CITIES, ADMIN, COUNTRIES).unwrap();
        let cat = |n: &str| e.iter().find(|(_, x)| x == n).map(|(c, _)| GAZ_CATEGORIES[*c as usize]);
        assert_eq!(cat("OSH"), Some("geo-city-large"));
        assert_eq!(cat("BOSNIA AND HERZEGOVINA"), Some("geo-country"));
        // A region and a city of 97,000: the region is the stronger claim.
        assert_eq!(cat("JALAL-ABAD"), Some("geo-region"));
        assert_eq!(cat("DZHALAL-ABAD"), Some("geo-city"));
        assert_eq!(cat("JALAL-ABAD OBLAST"), Some("geo-region"));
        assert_eq!(cat("PORT HARCOURT"), Some("geo-city-large"));
        // One large place of the name is enough.
        assert_eq!(cat("SMALLVILLE"), Some("geo-city-large"));
        // Codes, fragments, lower-case transliterations, other scripts,
        // alternates of small towns and small counties are left out.
        for n in ["OSS", "OX", "AWSH", "ОШ", "SMALL VILLE", "TINY COUNTY"] {
            assert_eq!(cat(n), None, "{n}");
        }
        assert_eq!(cat("OSCH"), Some("geo-city-large"));
        assert!(e.windows(2).all(|w| w[0].1 < w[1].1), "sorted, one category per name");
    }

    #[test]
    fn text_form_round_trips_and_reports_errors() {
        let e = geonames_entries(CITIES, ADMIN, COUNTRIES).unwrap();
        assert_eq!(from_text(&to_text(&e)).unwrap(), e);
        assert!(from_text("company\tGoldman Sachs\n").unwrap() == vec![(7, "GOLDMAN SACHS".to_string())]);
        assert!(from_text("nope\tX\n").unwrap_err().contains("unknown category"));
        assert!(geonames_entries("a\tb\n", ADMIN, COUNTRIES).unwrap_err().contains("cities"));
    }

    #[test]
    fn two_letter_names_are_never_kept() {
        assert_eq!(normalise("Of", false), None);
        assert_eq!(normalise("Osh", false).as_deref(), Some("OSH"));
        assert_eq!(normalise("Osh", true), None);
        assert_eq!(normalise("St. John's", false).as_deref(), Some("ST. JOHN 'S"));
    }
}
