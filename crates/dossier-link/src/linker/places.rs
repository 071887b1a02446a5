//! Places: a document's place groups resolved to GeoNames places together
//! (see [`crate::geo::resolve`]), so that `Osh, Kyrgyzstan` and a text
//! about Kyrgyzstan place `Osh` in Kyrgyzstan. A country the knowledge base
//! recognised is the GeoNames country with the same code: one entity, not
//! two. Unknown, ambiguous and weak names stay without a place.

use super::*;
use crate::geo::resolve::{resolve, PlaceQuery};
use crate::geo::{Gazetteer, PlaceKind};
use crate::index::PlaceFacts;

/// Words after a name that make it a region (`the Batken region`).
const REGION_WORDS: &[&str] = &[
    "region",
    "province",
    "oblast",
    "state",
    "governorate",
    "prefecture",
    "county",
    "district",
    "department",
];

impl Planner {
    /// Sets `place` on the clusters that name a place GeoNames knows.
    pub(super) fn place_pass(&self, text: &str, items: &[Item], clusters: &mut [Cluster]) {
        let wanted: Vec<usize> = (0..clusters.len()).filter(|&c| self.is_place_query(&clusters[c])).collect();
        if wanted.is_empty() {
            return;
        }
        let geo = self.gazetteer();
        let query_of: HashMap<usize, usize> = wanted.iter().enumerate().map(|(q, &c)| (c, q)).collect();
        let item_cluster = member_map(clusters, items.len());
        let mut queries: Vec<PlaceQuery> = Vec::with_capacity(wanted.len());
        let mentions = SpanFinder::new(
            items.iter().enumerate().filter(|(_, o)| o.mention.is_some()).map(|(j, o)| (j, o.span)),
        );
        for &c in &wanted {
            let cl = &clusters[c];
            let (key, mut region_cue) = strip_region_word(&cl.key);
            let mut qualifiers = Vec::new();
            for &(i, _) in &cl.members {
                let it = &items[i];
                if it.mention.is_none() {
                    continue;
                }
                region_cue |= followed_by_region_word(text, it.span.end);
                // `Paris, Texas`: the next place name after a comma alone.
                let next = mentions.first_from(it.span.end).map(|j| (j, &items[j]));
                if let Some((j, o)) = next {
                    let between = text.get(it.span.end..o.span.start).unwrap_or("");
                    if between.trim() == "," {
                        if let Some(q) = item_cluster[j].and_then(|cj| query_of.get(&cj)) {
                            if !qualifiers.contains(q) {
                                qualifiers.push(*q);
                            }
                        }
                    }
                }
            }
            let (kb_country, country_hint) = match cl.kb.map(|(e, _)| self.kb.entry(e)) {
                Some(en) if en.kind == EntityKind::Country => (country_of(geo, en), None),
                // A knowledge-base place, or a modifier (`Kyrgyz town of
                // …`), says which country.
                kb => {
                    let code = kb.map_or(cl.country.as_deref(), |en| en.country.as_deref());
                    let hint = code.and_then(|c| geo.country_iso3(c));
                    (None, hint.map(|i| geo.place(i).country.clone()))
                }
            };
            queries.push(PlaceQuery { key, region_cue, qualifiers, fixed: None, kb_country, country_hint });
        }
        for (q, place) in resolve(geo, &queries).into_iter().enumerate() {
            let cl = &mut clusters[wanted[q]];
            cl.place = place;
            // The name is a place the knowledge base took for a country
            // (`Western Australia`, `Georgia` the US state): the place it is.
            let kb_is_country = cl.kb.is_some_and(|(e, _)| self.kb.entry(e).kind == EntityKind::Country);
            if kb_is_country && place.is_some_and(|p| geo.place(p).kind != PlaceKind::Country) {
                cl.kb = None;
            }
            // A knowledge-base place of another country (`Paris` of France
            // for the Paris in Texas) is not this place.
            if let (Some(hint), Some(p)) = (&queries[q].country_hint, place) {
                if cl.kb.is_some() && geo.place(p).country != *hint {
                    cl.kb = None;
                }
            }
        }
    }

    /// Whether a group may name a place: NER called it a place, or the
    /// knowledge base knows it as a country or a place.
    fn is_place_query(&self, cl: &Cluster) -> bool {
        if !cl.alive || cl.person || cl.bare {
            return false;
        }
        match cl.kb.map(|(e, _)| self.kb.entry(e).kind) {
            Some(k) => matches!(k, EntityKind::Country | EntityKind::Place),
            None => major_label(&cl.labels) == EntityLabel::Loc,
        }
    }

    /// The gazetteer, loaded on first use.
    pub(super) fn gazetteer(&self) -> &Gazetteer {
        self.geo.get_or_init(Gazetteer::embedded)
    }

    /// The facts an entity record keeps about a place.
    pub(super) fn place_facts(&self, place: u32) -> PlaceFacts {
        let geo = self.gazetteer();
        let p = geo.place(place);
        PlaceFacts {
            geonames: p.id,
            kind: p.kind,
            name: p.name.clone(),
            country: p.country.clone(),
            country_name: geo.country(&p.country).map(|c| c.name.clone()),
            region: geo.region_of(p).map(|r| r.name.clone()),
            region_type: match p.kind {
                PlaceKind::Region => Some(p.detail.clone()),
                _ => geo.region_of(p).map(|r| r.detail.clone()),
            }
            .filter(|t| !t.is_empty()),
            population: p.population,
            lat: p.coords.map(|c| c.0),
            lon: p.coords.map(|c| c.1),
        }
    }
}

/// A place of the country `country` whose own name is `key`, when `key` is
/// not the country's own name: `Western Australia`, which Phoenix lists
/// among the names of Australia, is a region of it.
pub(super) fn place_in_country(geo: &Gazetteer, key: &str, country: u32) -> Option<u32> {
    let c = geo.place(country);
    if fold(&c.name) == key {
        return None;
    }
    let inside: Vec<u32> = geo
        .lookup(key)
        .iter()
        .filter(|(i, own)| *own && *i != country && geo.place(*i).country == c.country)
        .map(|(i, _)| *i)
        .collect();
    (inside.len() == 1).then(|| inside[0])
}

/// The GeoNames country of a knowledge-base country: by its code (the
/// Phoenix codes are ISO alpha-3 for current states), else by its name.
pub(super) fn country_of(geo: &Gazetteer, en: &KbEntry) -> Option<u32> {
    en.code.as_deref().and_then(|c| geo.country_iso3(c)).or_else(|| {
        geo.lookup(&fold(&en.name))
            .iter()
            .find(|(i, _)| geo.place(*i).kind == PlaceKind::Country)
            .map(|(i, _)| *i)
    })
}

/// `batken region` → (`batken`, true).
fn strip_region_word(key: &str) -> (String, bool) {
    match key.rsplit_once(' ') {
        Some((rest, last)) if REGION_WORDS.contains(&last) && !rest.is_empty() => (rest.to_string(), true),
        _ => (key.to_string(), false),
    }
}

/// Whether the word after byte `end` is a region word (`Chuy region`).
fn followed_by_region_word(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else { return false };
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    REGION_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn region_words_are_seen_after_and_inside_names() {
        assert_eq!(strip_region_word("batken oblast"), ("batken".to_string(), true));
        assert_eq!(strip_region_word("batken"), ("batken".to_string(), false));
        assert_eq!(strip_region_word("region"), ("region".to_string(), false));
        let t = "Farmers in the Chuy region said";
        assert!(followed_by_region_word(t, t.find(" region").unwrap()));
        assert!(!followed_by_region_word("Chuy regional office", 4));
        assert!(!followed_by_region_word("Chuy", 4));
    }
}
