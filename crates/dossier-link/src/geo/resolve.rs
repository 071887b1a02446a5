//! Which place a name means, decided per document the way a geographer
//! would: by how large each candidate is, by what else the document names,
//! and by what the text says next to the name.
//!
//! Each candidate gets a score on a log10 scale of people:
//! - prior: a city counts its population; a region the population of its
//!   listed cities, less one (a bare name more often means the city than the
//!   region, and a region named after its city yields to it); a country its
//!   population plus three (`Georgia`, `Jordan`, `Niger` are the countries
//!   unless the text says otherwise); a match on an alternate name rather
//!   than the place's own name costs half a point;
//! - the text next to the name: `Paris, Texas` (a qualifier after a comma
//!   that is the candidate's country or region) adds six; `the Batken
//!   region` makes the regions the only candidates;
//! - the document: a country it names, or that its clearly placed names lie
//!   in, adds 2.5 to candidates in that country; a region it names adds
//!   three to its cities, and a city it names three to its region.
//!
//! The best candidate is taken only when it leads the next by at least one
//! point (ten times the people): `Springfield` and `Victoria` alone stay
//! unlinked, an honest blank.

use std::collections::HashSet;

use super::{Gazetteer, PlaceKind};

/// How far the best candidate must lead the second (log10 of people).
pub const MARGIN: f64 = 1.0;
/// What a country gets over its population.
const COUNTRY_BONUS: f64 = 3.0;
/// What a region gets below the people of its cities when nothing says
/// "region".
const REGION_PENALTY: f64 = 1.0;
/// Cost of matching an alternate name instead of the place's own name.
const ALIAS_COST: f64 = 0.5;
/// A qualifier after a comma: `Paris, Texas`.
const QUALIFIER: f64 = 6.0;
/// The document names the candidate's country or lies in it.
const SAME_COUNTRY: f64 = 2.5;
/// The document names the candidate's region, or a city in the candidate region.
const SAME_REGION: f64 = 3.0;

/// One place name of a document to resolve.
#[derive(Debug, Clone, Default)]
pub struct PlaceQuery {
    /// The folded name.
    pub key: String,
    /// The text calls it a region (`the Batken region`, `Chuy province`).
    pub region_cue: bool,
    /// Indices of the queries that qualify it after a comma (`Paris, Texas`).
    pub qualifiers: Vec<usize>,
    /// The place is already known.
    pub fixed: Option<u32>,
    /// The country the knowledge base recognised in the name: a candidate
    /// like the others (`Georgia` may still be the US state in a text about
    /// Atlanta), and the answer when no candidate clearly wins.
    pub kb_country: Option<u32>,
    /// The country (ISO alpha-2) a knowledge base places it in.
    pub country_hint: Option<String>,
}

/// A candidate and its score.
#[derive(Debug, Clone, Copy)]
struct Scored {
    place: u32,
    score: f64,
}

/// The place each query means (an index into the gazetteer), or `None`
/// when the name is unknown or no candidate clearly wins.
pub fn resolve(g: &Gazetteer, queries: &[PlaceQuery]) -> Vec<Option<u32>> {
    let cands: Vec<Vec<Scored>> = queries.iter().map(|q| candidates(g, q)).collect();
    // First pass: what is clear without context sets the context.
    let first: Vec<Option<u32>> =
        queries.iter().zip(&cands).map(|(q, c)| q.fixed.or_else(|| winner(c)).or(q.kb_country)).collect();
    let mut out = Vec::with_capacity(queries.len());
    for (qi, q) in queries.iter().enumerate() {
        if q.fixed.is_some() {
            out.push(q.fixed);
            continue;
        }
        // Context from the other queries only: a name cannot vouch for itself.
        let mut countries: HashSet<&str> = HashSet::new();
        let mut regions: HashSet<(&str, &str)> = HashSet::new();
        let mut city_regions: HashSet<(&str, &str)> = HashSet::new();
        for (j, p) in first.iter().enumerate() {
            let Some(p) = p.filter(|_| j != qi) else { continue };
            let p = g.place(p);
            countries.insert(&p.country);
            match p.kind {
                PlaceKind::Region => {
                    regions.insert((&p.country, &p.admin1));
                }
                PlaceKind::City => {
                    city_regions.insert((&p.country, &p.admin1));
                }
                PlaceKind::Country => {}
            }
        }
        let mut scored = cands[qi].clone();
        for s in &mut scored {
            let p = g.place(s.place);
            let region = (p.country.as_str(), p.admin1.as_str());
            if countries.contains(p.country.as_str()) {
                s.score += SAME_COUNTRY;
            }
            match p.kind {
                PlaceKind::City if regions.contains(&region) => s.score += SAME_REGION,
                PlaceKind::Region if city_regions.contains(&region) => s.score += SAME_REGION,
                _ => {}
            }
            if q.country_hint.as_deref() == Some(p.country.as_str()) {
                s.score += QUALIFIER;
            }
            let qualified = q.qualifiers.iter().any(|&j| {
                cands.get(j).is_some_and(|cj| {
                    cj.iter().any(|c| {
                        let by = g.place(c.place);
                        match by.kind {
                            PlaceKind::Country => by.country == p.country && p.kind != PlaceKind::Country,
                            PlaceKind::Region => {
                                p.kind == PlaceKind::City && by.country == p.country && by.admin1 == p.admin1
                            }
                            PlaceKind::City => false,
                        }
                    })
                })
            });
            if qualified {
                s.score += QUALIFIER;
            }
        }
        out.push(winner(&scored).or(q.kb_country));
    }
    out
}

/// The candidates of a name with their prior scores.
fn candidates(g: &Gazetteer, q: &PlaceQuery) -> Vec<Scored> {
    if q.key.len() < 3 {
        return Vec::new();
    }
    let mut hits = g.lookup(&q.key).to_vec();
    if let Some(c) = q.kb_country.filter(|c| !hits.iter().any(|(i, _)| i == c)) {
        hits.push((c, true));
    }
    let mut out: Vec<Scored> = Vec::new();
    for (i, own) in hits {
        let p = g.place(i);
        // Short names only by a place's own name (`Os` is no name of Osh).
        if !own && q.key.len() < 4 {
            continue;
        }
        let people = (p.population as f64 + 1000.0).log10();
        let mut score = match p.kind {
            PlaceKind::Country => people + COUNTRY_BONUS,
            PlaceKind::Region if q.region_cue => people,
            PlaceKind::Region => people - REGION_PENALTY,
            PlaceKind::City => people,
        };
        if !own {
            score -= ALIAS_COST;
        }
        out.push(Scored { place: i, score });
    }
    // `the Batken region`: only regions, when there are any.
    if q.region_cue && out.iter().any(|s| g.place(s.place).kind == PlaceKind::Region) {
        out.retain(|s| g.place(s.place).kind == PlaceKind::Region);
    }
    // A region named after its own city (`Osh`, `Tbilisi`) yields to the
    // city unless the text calls it a region.
    if !q.region_cue {
        let cities: HashSet<(String, String)> = out
            .iter()
            .map(|s| g.place(s.place))
            .filter(|p| p.kind == PlaceKind::City)
            .map(|p| (p.country.clone(), p.admin1.clone()))
            .collect();
        out.retain(|s| {
            let p = g.place(s.place);
            p.kind != PlaceKind::Region || !cities.contains(&(p.country.clone(), p.admin1.clone()))
        });
    }
    out
}

/// The best candidate when it leads the second by [`MARGIN`].
fn winner(c: &[Scored]) -> Option<u32> {
    let mut best: Option<Scored> = None;
    let mut second = f64::NEG_INFINITY;
    for s in c {
        match best {
            Some(b) if s.score > b.score => {
                second = b.score;
                best = Some(*s);
            }
            Some(_) => second = second.max(s.score),
            None => best = Some(*s),
        }
    }
    best.filter(|b| b.score - second >= MARGIN).map(|b| b.place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::test_place as place;
    use crate::names::fold;

    /// A made-up world: two Parises, a country and a US state called
    /// Georgia, a city and region called Osh, three Springfields.
    fn world() -> Gazetteer {
        use PlaceKind::*;
        Gazetteer::from_places(vec![
            place(1, Country, "Georgia", "GE", "", 3_700_000),
            place(2, Country, "United States", "US", "", 327_000_000),
            place(3, Country, "Kyrgyzstan", "KG", "", 6_300_000),
            place(10, Region, "Georgia", "US", "GA", 5_000_000),
            place(11, Region, "Texas", "US", "TX", 20_000_000),
            place(12, Region, "Osh", "KG", "08", 400_000),
            place(13, Region, "Batken", "KG", "09", 60_000),
            place(20, City, "Paris", "FR", "11", 2_138_551),
            place(21, City, "Paris", "US", "TX", 24_782),
            place(22, City, "Atlanta", "US", "GA", 510_823),
            place(23, City, "Osh", "KG", "08", 322_164),
            place(24, City, "Springfield", "US", "IL", 114_394),
            place(25, City, "Springfield", "US", "MA", 154_341),
            place(26, City, "Tbilisi", "GE", "51", 1_049_498),
            place(27, City, "Batken", "KG", "09", 27_730),
        ])
    }

    fn ids(g: &Gazetteer, qs: &[PlaceQuery]) -> Vec<Option<u32>> {
        resolve(g, qs).into_iter().map(|p| p.map(|i| g.place(i).id)).collect()
    }

    fn q(name: &str) -> PlaceQuery {
        PlaceQuery { key: fold(name), ..Default::default() }
    }

    #[test]
    fn population_decides_alone_and_a_close_call_stays_blank() {
        let g = world();
        assert_eq!(ids(&g, &[q("Paris")]), [Some(20)]);
        assert_eq!(ids(&g, &[q("Springfield")]), [None]);
        assert_eq!(ids(&g, &[q("Atlantis")]), [None]);
        // The city, not the region named after it.
        assert_eq!(ids(&g, &[q("Osh")]), [Some(23)]);
    }

    #[test]
    fn a_qualifier_after_a_comma_places_the_name() {
        let g = world();
        let paris = PlaceQuery { qualifiers: vec![1], ..q("Paris") };
        assert_eq!(ids(&g, &[paris, q("Texas")]), [Some(21), Some(11)]);
    }

    #[test]
    fn the_document_decides_between_a_country_and_a_state() {
        let g = world();
        assert_eq!(ids(&g, &[q("Georgia"), q("Tbilisi")]), [Some(1), Some(26)]);
        assert_eq!(ids(&g, &[q("Georgia"), q("Atlanta")]), [Some(10), Some(22)]);
        assert_eq!(ids(&g, &[q("Georgia")]), [Some(1)], "countries before same-named regions");
    }

    #[test]
    fn a_region_cue_picks_the_region_and_hints_and_fixed_places_hold() {
        let g = world();
        let batken = PlaceQuery { region_cue: true, ..q("Batken") };
        assert_eq!(ids(&g, &[batken]), [Some(13)]);
        assert_eq!(ids(&g, &[q("Batken")]), [Some(27)]);
        let hinted = PlaceQuery { country_hint: Some("US".into()), ..q("Paris") };
        assert_eq!(ids(&g, &[hinted]), [Some(21)]);
        let kg = g.lookup("kyrgyzstan")[0].0;
        let fixed = PlaceQuery { fixed: Some(kg), ..q("Kyrgyz") };
        assert_eq!(ids(&g, &[fixed]), [Some(3)]);
        // A knowledge-base country is a candidate, and the answer when
        // nothing wins; the document can still make it the US state.
        let us = g.lookup("united states")[0].0;
        let america = PlaceQuery { kb_country: Some(us), ..q("America") };
        assert_eq!(ids(&g, &[america]), [Some(2)]);
        let ge = g.lookup("georgia").iter().find(|(i, _)| g.place(*i).kind == PlaceKind::Country).unwrap().0;
        let georgia = PlaceQuery { kb_country: Some(ge), ..q("Georgia") };
        assert_eq!(ids(&g, std::slice::from_ref(&georgia)), [Some(1)]);
        assert_eq!(ids(&g, &[georgia, q("Atlanta")]), [Some(10), Some(22)]);
    }
}
