//! Builds the gazetteer from the GeoNames files (`cities5000.tsv`,
//! `admin.tsv`, `countries.tsv`; see `../shared/data/kb/geonames/README.md`).
//! Deterministic: the same files give the same table.
//!
//! Kept: every country, every first-level region, every city of 5,000
//! people or more. Alternate names are folded; codes (`OSS`, `LED`) and
//! names under three letters are dropped, and a place keeps more of them the
//! larger it is (a village's forty exonyms would only add ambiguity and
//! bytes), names written in plain ASCII first.

use std::collections::{BTreeSet, HashMap};

use super::{Gazetteer, Place, PlaceKind};
use crate::names::fold;

/// Most alternate names a place keeps, by population.
fn alias_budget(kind: PlaceKind, population: u64) -> usize {
    match kind {
        PlaceKind::Country => 64,
        PlaceKind::Region => 16,
        PlaceKind::City => match population {
            0..=19_999 => 4,
            20_000..=99_999 => 8,
            100_000..=999_999 => 24,
            _ => 64,
        },
    }
}

/// The folded alternate names worth keeping, in a fixed order.
fn pick_aliases(name: &str, alternates: &str, budget: usize) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::from([fold(name)]);
    let mut ascii = Vec::new();
    let mut other = Vec::new();
    for a in alternates.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        let code = a.chars().count() <= 4 && a.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        let f = fold(a);
        if code || f.len() < 3 || !seen.insert(f.clone()) {
            continue;
        }
        if a.is_ascii() {
            ascii.push(f);
        } else {
            other.push(f);
        }
    }
    ascii.extend(other);
    ascii.truncate(budget);
    ascii
}

/// A table's rows as maps from column name to value (header line first).
fn rows<'a>(text: &'a str, file: &str, need: &[&str]) -> Result<Vec<HashMap<&'a str, &'a str>>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    if let Some(n) = need.iter().find(|n| !header.contains(n)) {
        return Err(format!("{file}: no `{n}` column"));
    }
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut row: HashMap<&str, &str> = header.iter().map(|h| (*h, "")).collect();
            row.extend(header.iter().copied().zip(l.split('\t')));
            row
        })
        .collect())
}

fn number(s: &str) -> u64 {
    s.trim().parse().unwrap_or(0)
}

/// The gazetteer from the three GeoNames tables' texts.
pub fn from_geonames(cities: &str, admin: &str, countries: &str) -> Result<Gazetteer, String> {
    let mut places = Vec::new();
    for r in rows(countries, "countries.tsv", &["iso", "iso3", "geonameid", "name", "population"])? {
        let Ok(id) = r["geonameid"].trim().parse() else { continue };
        places.push(Place {
            id,
            kind: PlaceKind::Country,
            name: r["name"].to_string(),
            country: r["iso"].to_string(),
            admin1: String::new(),
            detail: r["iso3"].to_string(),
            population: number(r["population"]),
            coords: None,
            aliases: Vec::new(),
        });
    }
    let mut region_pop: HashMap<(String, String), u64> = HashMap::new();
    let need =
        ["geonameid", "name", "country", "admin1", "population", "latitude", "longitude", "alternate_names"];
    for r in rows(cities, "cities5000.tsv", &need)? {
        let Ok(id) = r["geonameid"].trim().parse() else { continue };
        let population = number(r["population"]);
        let coords = match (r["latitude"].trim().parse::<f64>(), r["longitude"].trim().parse::<f64>()) {
            (Ok(la), Ok(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
                Some((la, lo))
            }
            _ => None,
        };
        let (country, admin1) = (r["country"].to_string(), r["admin1"].to_string());
        *region_pop.entry((country.clone(), admin1.clone())).or_default() += population;
        places.push(Place {
            id,
            kind: PlaceKind::City,
            name: r["name"].to_string(),
            aliases: pick_aliases(r["name"], r["alternate_names"], alias_budget(PlaceKind::City, population)),
            country,
            admin1,
            detail: String::new(),
            population,
            coords,
        });
    }
    let need = ["geonameid", "name", "geonames_code", "level", "type", "alternate_names"];
    for r in rows(admin, "admin.tsv", &need)? {
        if r["level"].trim() != "1" {
            continue;
        }
        let Ok(id) = r["geonameid"].trim().parse() else { continue };
        let Some((country, admin1)) = r["geonames_code"].split_once('.') else { continue };
        let population = region_pop.get(&(country.to_string(), admin1.to_string())).copied().unwrap_or(0);
        places.push(Place {
            id,
            kind: PlaceKind::Region,
            name: r["name"].to_string(),
            country: country.to_string(),
            admin1: admin1.to_string(),
            detail: r["type"].trim().to_string(),
            population,
            coords: None,
            aliases: pick_aliases(
                r["name"],
                r["alternate_names"],
                alias_budget(PlaceKind::Region, population),
            ),
        });
    }
    places.sort_by_key(|p| (p.kind, p.id));
    places.dedup_by_key(|p| (p.kind, p.id));
    Ok(Gazetteer::from_places(places))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITIES: &str =
        "geonameid\tname\tcountry\tadmin1\tpopulation\tlatitude\tlongitude\talternate_names\n\
        1527534\tOsh\tKG\t08\t322164\t40.52828\t72.7985\tOSS|Os|Osch|Ош\n\
        5601538\tMoscow\tUS\tID\t25060\t46.73239\t-117.00017\t\n";
    const ADMIN: &str = "geonameid\tname\tgeonames_code\tlevel\ttype\tpopulation\talternate_names\n\
        1346798\tOsh\tKG.08\t1\tRegion\t0\tOsh Oblast|Ошская область\n\
        99\tSomewhere County\tKG.08.99\t2\tDistrict\t0\t\n";
    const COUNTRIES: &str = "iso\tiso3\tgeonameid\tname\tcapital\tcontinent\tpopulation\n\
        KG\tKGZ\t1527747\tKyrgyzstan\tBishkek\tAS\t6315800\n";

    #[test]
    fn builds_places_with_regions_populations_and_folded_aliases() {
        let g = from_geonames(CITIES, ADMIN, COUNTRIES).unwrap();
        let kinds: Vec<PlaceKind> = g.places().iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PlaceKind::Country, PlaceKind::Region, PlaceKind::City, PlaceKind::City]);
        let osh = g.by_id(1527534).unwrap();
        // A code and a two-letter name dropped; the Cyrillic name folds to
        // the name itself.
        assert_eq!(osh.aliases, ["osch"]);
        assert_eq!(g.lookup("osh").len(), 2, "the city and its region");
        let region = g.by_id(1346798).unwrap();
        assert_eq!((region.population, region.detail.as_str()), (322_164, "Region"));
        assert_eq!(g.region_of(osh).unwrap().id, 1346798);
        assert!(g.by_id(99).is_none(), "second-level regions are left out");
        assert_eq!(g.by_id(5601538).unwrap().coords, Some((46.73239, -117.00017)));
        assert_eq!(from_geonames(CITIES, ADMIN, COUNTRIES).unwrap().to_bytes(), g.to_bytes());
        assert!(from_geonames("a\tb\n", ADMIN, COUNTRIES).unwrap_err().contains("cities5000"));
    }
}
