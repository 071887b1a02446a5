//! How well the linker places names: on sentences with the expected
//! GeoNames id of each place name (`data/eval/places-heldout.jsonl`, read
//! by `dossier eval places`), and on GUM's place mentions against their
//! Wikipedia titles (in [`crate::eval`]).

use dossier_core::{Annotations, EntityLabel, Mention, Span};

use super::{Gazetteer, PlaceKind};
use crate::index::PlaceFacts;
use crate::names::fold;
use crate::{KnowledgeBase, Linker, MemoryIndex};

/// One sentence (or short text) and its place names.
#[derive(Debug, Clone, Default)]
pub struct PlaceCase {
    /// The text.
    pub text: String,
    /// Each name, in text order, with the GeoNames ids that are right (any
    /// of them); none when the name should stay unplaced.
    pub places: Vec<(String, Vec<u32>)>,
}

/// The tally of [`score_cases`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceScore {
    /// Names scored.
    pub total: usize,
    /// Placed right, or left unplaced when that was right.
    pub correct: usize,
    /// Names the linker placed.
    pub placed: usize,
    /// Of those, placed right.
    pub placed_right: usize,
    /// Names that should stay unplaced.
    pub expected_none: usize,
    /// Names with an expected place the linker left unplaced.
    pub missed: usize,
    /// One line per error: the name, what was expected, what came out.
    pub errors: Vec<String>,
}

impl PlaceScore {
    /// Share of names decided right.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }

    /// Share of placed names placed right.
    pub fn precision(&self) -> f64 {
        self.placed_right as f64 / self.placed.max(1) as f64
    }
}

/// Links each case on its own (a fresh index: the cases are independent),
/// with its names given as place mentions, and scores the place of each.
/// A name not found in its text is an error of the gold file.
pub fn score_cases(
    kb: &KnowledgeBase,
    geo: &std::sync::Arc<Gazetteer>,
    cases: &[PlaceCase],
) -> Result<PlaceScore, String> {
    let mut s = PlaceScore::default();
    for (n, case) in cases.iter().enumerate() {
        let mut from = 0;
        let mut entities = Vec::new();
        for (name, _) in &case.places {
            let at = case.text.get(from..).and_then(|t| t.find(name.as_str()));
            let at = at.ok_or_else(|| format!("case {}: `{name}` not found in its text", n + 1))? + from;
            from = at + name.len();
            entities.push(Mention { span: Span::new(at, from), label: EntityLabel::Loc, entity: None });
        }
        let mut linker = Linker::new(kb.clone(), MemoryIndex::new()).with_gazetteer(geo.clone());
        let mut ann = Annotations { entities, ..Default::default() };
        linker.link(&case.text, &mut ann);
        for ((name, want), m) in case.places.iter().zip(&ann.entities) {
            let got =
                m.entity.as_deref().and_then(|id| linker.index().get(id)).and_then(|r| r.place.as_ref());
            s.total += 1;
            s.expected_none += usize::from(want.is_empty());
            let right = match got {
                Some(p) => {
                    s.placed += 1;
                    want.contains(&p.geonames)
                }
                None => {
                    s.missed += usize::from(!want.is_empty());
                    want.is_empty()
                }
            };
            if right {
                s.correct += 1;
                s.placed_right += usize::from(got.is_some());
            } else {
                let want = if want.is_empty() { "none".to_string() } else { format!("{want:?}") };
                let got =
                    got.map_or("none".to_string(), |p| format!("{} {} ({})", p.geonames, p.name, p.country));
                s.errors.push(format!("case {}: {name}: expected {want}, got {got}", n + 1));
            }
        }
    }
    Ok(s)
}

/// Whether a Wikipedia title (`Paris`, `Paris,_Texas`, `Georgia_(country)`)
/// names a place the gazetteer knows, and if so whether `got` fits it: the
/// same name (or alternate name), in the place the qualifier after a comma
/// names, of the kind a parenthesis names. `None` when the title names no
/// place the gazetteer knows. A bare title fits any place of its name: the
/// check catches wrong names, not a wrong one of two same-named places.
pub fn title_fits(geo: &Gazetteer, title: &str, got: Option<&PlaceFacts>) -> Option<bool> {
    let title = percent_decode(title).replace('_', " ");
    let (title, paren) = match title.split_once(" (") {
        Some((t, p)) => (t.to_string(), Some(fold(p.trim_end_matches(')')))),
        None => (title.clone(), None),
    };
    let (name, qualifier) = match title.split_once(", ") {
        Some((n, q)) => (fold(n), Some(fold(q))),
        None => (fold(&title), None),
    };
    let fits = |i: u32| {
        let p = geo.place(i);
        let country = geo.country(&p.country);
        let region = geo.region_of(p).map(|r| fold(&r.name));
        let q_ok = qualifier.as_ref().is_none_or(|q| {
            Some(q) == region.as_ref()
                || country.is_some_and(|c| fold(&c.name) == *q)
                || fold(&p.admin1) == *q
                || fold(&p.country) == *q
        });
        let kind_ok = paren.as_deref().is_none_or(|k| match p.kind {
            PlaceKind::Country => k == "country",
            PlaceKind::Region => k.contains("state") || k.contains("province") || k.contains("region"),
            PlaceKind::City => !(k == "country" || k.contains("state")),
        });
        q_ok && kind_ok
    };
    let named: Vec<u32> = geo.lookup(&name).iter().map(|(i, _)| *i).filter(|&i| fits(i)).collect();
    if named.is_empty() {
        return None;
    }
    Some(got.is_some_and(|p| named.iter().any(|&i| geo.place(i).id == p.geonames)))
}

/// `Paris%2C_Texas` → `Paris,_Texas` (GUM keeps titles URL-encoded).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::test_place as p;

    fn geo() -> std::sync::Arc<Gazetteer> {
        std::sync::Arc::new(Gazetteer::from_places(vec![
            p(1, PlaceKind::Country, "France", "FR", "", 67_000_000),
            p(2, PlaceKind::Country, "United States", "US", "", 327_000_000),
            p(11, PlaceKind::Region, "Texas", "US", "TX", 20_000_000),
            p(20, PlaceKind::City, "Paris", "FR", "11", 2_138_551),
            p(21, PlaceKind::City, "Paris", "US", "TX", 24_782),
            p(24, PlaceKind::City, "Springfield", "US", "IL", 114_394),
            p(25, PlaceKind::City, "Springfield", "US", "MA", 154_341),
        ]))
    }

    #[test]
    fn cases_are_scored_right_wrong_and_blank() {
        let cases = vec![
            PlaceCase {
                text: "From Paris, Texas, to Paris.".into(),
                places: vec![
                    ("Paris".into(), vec![21]),
                    ("Texas".into(), vec![11]),
                    ("Paris".into(), vec![20]),
                ],
            },
            PlaceCase {
                text: "Police in Springfield said.".into(),
                places: vec![("Springfield".into(), vec![])],
            },
            PlaceCase { text: "In Springfield.".into(), places: vec![("Springfield".into(), vec![24])] },
        ];
        let s = score_cases(&KnowledgeBase::default(), &geo(), &cases).unwrap();
        assert_eq!((s.total, s.expected_none, s.missed), (5, 1, 1));
        // One name joins one entity per document, so the second `Paris` goes
        // where the first went: the only wrong placement here.
        assert_eq!(s.correct, 3, "{:?}", s.errors);
        assert_eq!(s.errors.len(), 2);
        let bad = PlaceCase { text: "x".into(), places: vec![("Paris".into(), vec![])] };
        assert!(score_cases(&KnowledgeBase::default(), &geo(), &[bad]).is_err());
    }

    #[test]
    fn titles_fit_by_name_qualifier_and_kind() {
        let g = geo();
        let facts = |id| PlaceFacts { geonames: id, ..Default::default() };
        assert_eq!(title_fits(&g, "Paris,_Texas", Some(&facts(21))), Some(true));
        assert_eq!(title_fits(&g, "Paris%2C_Texas", Some(&facts(21))), Some(true));
        assert_eq!(title_fits(&g, "Paris,_Texas", Some(&facts(20))), Some(false));
        assert_eq!(title_fits(&g, "Paris", Some(&facts(20))), Some(true));
        assert_eq!(title_fits(&g, "Paris", None), Some(false));
        assert_eq!(title_fits(&g, "Texas", Some(&facts(11))), Some(true));
        assert_eq!(title_fits(&g, "Barack_Obama", None), None);
    }
}
