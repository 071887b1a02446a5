//! The gazetteer: places from GeoNames (<https://www.geonames.org>, CC BY
//! 4.0) with their kind, country, region, population, coordinates and the
//! names they go by, shipped in the binary as `data/places.bin`.
//!
//! The table is built by `dossier build gazetteer` from the GeoNames files
//! in `../shared/data/kb/geonames` ([`build`]) and written with
//! [`Gazetteer::to_bytes`], a versioned, deterministic byte format.
//! [`Gazetteer::embedded`] loads the committed copy once per process (it is
//! only loaded when a document names a place). [`resolve`] chooses which
//! place a name means in a document.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::kb::{put_len, put_str, put_strs, KbFormatError, Reader};
use crate::names::fold;

pub mod build;
pub mod eval;
pub mod resolve;

/// What kind of place.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level region (state, province, oblast).
    Region,
    /// A populated place (GeoNames' cities of 5,000 people or more).
    #[default]
    City,
}

impl PlaceKind {
    /// The name used in JSON (`country`, `region`, `city`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }

    fn code(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::City => 2,
        }
    }

    fn from_code(c: u8) -> Option<PlaceKind> {
        Some(match c {
            0 => PlaceKind::Country,
            1 => PlaceKind::Region,
            2 => PlaceKind::City,
            _ => return None,
        })
    }
}

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The GeoNames id.
    pub id: u32,
    /// Country, region or city.
    pub kind: PlaceKind,
    /// The GeoNames name (`Osh`, `Texas`, `Bosnia and Herzegovina`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its country (`KG`).
    pub country: String,
    /// GeoNames admin1 code of its region within the country (`08`, `TX`);
    /// empty for a country.
    pub admin1: String,
    /// For a country its ISO alpha-3 code (`KGZ`); for a region its type
    /// (`Region`, `State`, `Province`); empty for a city.
    pub detail: String,
    /// Population (GeoNames'; for a region, the sum of its listed cities,
    /// since GeoNames gives none).
    pub population: u64,
    /// Latitude and longitude in degrees (cities only: GeoNames' region and
    /// country files give none).
    pub coords: Option<(f64, f64)>,
    /// Other names, folded (see [`fold`]): Latin and Cyrillic alternate names.
    pub aliases: Vec<String>,
}

/// The gazetteer: places plus lookup tables.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded name → (place index, whether it is the place's own name).
    by_name: HashMap<String, Vec<(u32, bool)>>,
    by_id: HashMap<u32, u32>,
    countries: HashMap<String, u32>,
    countries_iso3: HashMap<String, u32>,
    regions: HashMap<(String, String), u32>,
}

const MAGIC: &[u8; 10] = b"DOSSIERGEO";
/// Version of the byte format written by [`Gazetteer::to_bytes`].
pub const FORMAT_VERSION: u8 = 1;

static EMBEDDED: &[u8] = include_bytes!("../data/places.bin");
static LOADED: OnceLock<Arc<Gazetteer>> = OnceLock::new();

impl Gazetteer {
    /// The table committed in `data/places.bin` (GeoNames, CC BY 4.0),
    /// loaded once per process. An unreadable table gives an empty one.
    pub fn embedded() -> Arc<Gazetteer> {
        LOADED.get_or_init(|| Arc::new(Gazetteer::from_bytes(EMBEDDED).unwrap_or_default())).clone()
    }

    /// Builds a gazetteer from places, in the given order.
    pub fn from_places(places: Vec<Place>) -> Gazetteer {
        let mut g = Gazetteer { places, ..Default::default() };
        for (i, p) in g.places.iter().enumerate() {
            let i = i as u32;
            let mut add = |key: &str, own: bool| {
                if key.is_empty() {
                    return;
                }
                for k in name_variants(key) {
                    let v = g.by_name.entry(k).or_default();
                    match v.iter_mut().find(|(j, _)| *j == i) {
                        Some(e) => e.1 |= own,
                        None => v.push((i, own)),
                    }
                }
            };
            add(&fold(&p.name), true);
            for a in &p.aliases {
                add(a, false);
            }
            g.by_id.insert(p.id, i);
            match p.kind {
                PlaceKind::Country => {
                    g.countries.insert(p.country.clone(), i);
                    g.countries_iso3.insert(p.detail.clone(), i);
                }
                PlaceKind::Region => {
                    g.regions.insert((p.country.clone(), p.admin1.clone()), i);
                }
                PlaceKind::City => {}
            }
        }
        g
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at index `i`.
    pub fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }

    /// The place with a GeoNames id.
    pub fn by_id(&self, id: u32) -> Option<&Place> {
        self.by_id.get(&id).map(|&i| self.place(i))
    }

    /// Places a folded name can mean: (index, whether it is the place's
    /// own name rather than an alternate name).
    pub fn lookup(&self, folded: &str) -> &[(u32, bool)] {
        self.by_name.get(folded).map_or(&[], |v| v.as_slice())
    }

    /// The country with an ISO alpha-2 code (`KG`).
    pub fn country(&self, iso2: &str) -> Option<&Place> {
        self.countries.get(iso2).map(|&i| self.place(i))
    }

    /// The index of the country with an ISO alpha-3 code (`KGZ`).
    pub fn country_iso3(&self, iso3: &str) -> Option<u32> {
        self.countries_iso3.get(iso3).copied()
    }

    /// The first-level region a place lies in.
    pub fn region_of(&self, p: &Place) -> Option<&Place> {
        if p.kind != PlaceKind::City {
            return None;
        }
        self.regions.get(&(p.country.clone(), p.admin1.clone())).map(|&i| self.place(i))
    }

    /// Writes the table: magic, format version, then every place.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        put_len(&mut out, self.places.len());
        for p in &self.places {
            put_len(&mut out, p.id as usize);
            out.push(p.kind.code());
            put_str(&mut out, &p.name);
            put_str(&mut out, &p.country);
            put_str(&mut out, &p.admin1);
            put_str(&mut out, &p.detail);
            put_len(&mut out, p.population as usize);
            // Coordinates in 1/100,000 of a degree (about a metre), offset
            // to stay positive; 0 means none.
            let (lat, lon) = p.coords.map_or((0, 0), |(la, lo)| {
                (((la + 90.0) * 1e5).round() as usize + 1, ((lo + 180.0) * 1e5).round() as usize + 1)
            });
            put_len(&mut out, lat);
            put_len(&mut out, lon);
            put_strs(&mut out, &p.aliases);
        }
        out
    }

    /// Reads a table written by [`Gazetteer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, KbFormatError> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(KbFormatError("not a dossier gazetteer".into()));
        }
        let v = r.take(1)?[0];
        if v != FORMAT_VERSION {
            return Err(KbFormatError(format!("gazetteer format {v}, this build reads {FORMAT_VERSION}")));
        }
        let n = r.len()?;
        let mut places = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let id = u32::try_from(r.len()?).map_err(|_| KbFormatError("bad id".into()))?;
            let kind = PlaceKind::from_code(r.take(1)?[0]).ok_or_else(|| KbFormatError("bad kind".into()))?;
            let name = r.str()?;
            let country = r.str()?;
            let admin1 = r.str()?;
            let detail = r.str()?;
            let population = r.len()? as u64;
            let (lat, lon) = (r.len()?, r.len()?);
            let coords =
                (lat > 0 && lon > 0).then(|| ((lat - 1) as f64 / 1e5 - 90.0, (lon - 1) as f64 / 1e5 - 180.0));
            let aliases = r.strs()?;
            places.push(Place { id, kind, name, country, admin1, detail, population, coords, aliases });
        }
        if r.pos != bytes.len() {
            return Err(KbFormatError("trailing bytes".into()));
        }
        Ok(Gazetteer::from_places(places))
    }
}

/// The keys a folded name is filed under: itself, and `st`/`saint`,
/// `ste`/`sainte`, `ft`/`fort`, `mt`/`mount` read either way (`St.
/// Petersburg` is `Saint Petersburg`).
pub fn name_variants(folded: &str) -> Vec<String> {
    let mut out = vec![folded.to_string()];
    // What follows `word ` at the start of the name (no allocation: this
    // runs for every name of the gazetteer when it loads).
    let after_word = |word: &str| folded.strip_prefix(word).and_then(|rest| rest.strip_prefix(' '));
    for (short, long) in [("st", "saint"), ("ste", "sainte"), ("ft", "fort"), ("mt", "mount")] {
        if let Some(rest) = after_word(long) {
            out.push(format!("{short} {rest}"));
        } else if let Some(rest) = after_word(short) {
            out.push(format!("{long} {rest}"));
        }
    }
    out
}

/// A place for tests: no coordinates, no alternate names.
#[cfg(test)]
pub(crate) fn test_place(
    id: u32,
    kind: PlaceKind,
    name: &str,
    country: &str,
    admin1: &str,
    population: u64,
) -> Place {
    Place {
        id,
        kind,
        name: name.into(),
        country: country.into(),
        admin1: admin1.into(),
        detail: String::new(),
        population,
        coords: None,
        aliases: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn small() -> Gazetteer {
        let city = |id, name: &str, c: &str, a: &str, pop, aliases: &[&str]| Place {
            id,
            kind: PlaceKind::City,
            name: name.into(),
            country: c.into(),
            admin1: a.into(),
            detail: String::new(),
            population: pop,
            coords: Some((40.5, -72.8)),
            aliases: aliases.iter().map(|s| fold(s)).collect(),
        };
        Gazetteer::from_places(vec![
            Place {
                id: 1527747,
                kind: PlaceKind::Country,
                name: "Kyrgyzstan".into(),
                country: "KG".into(),
                admin1: String::new(),
                detail: "KGZ".into(),
                population: 6_315_800,
                coords: None,
                aliases: vec!["kirgizija".into()],
            },
            city(1527534, "Osh", "KG", "08", 322_164, &["Ош"]),
            city(4171563, "St. Petersburg", "US", "FL", 257_083, &[]),
        ])
    }

    #[test]
    fn round_trips_deterministically_and_finds_names() {
        let g = small();
        let bytes = g.to_bytes();
        let back = Gazetteer::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.places(), g.places());
        let osh = back.lookup("osh");
        assert_eq!(osh.len(), 1);
        assert!(osh[0].1, "its own name");
        assert_eq!(back.place(back.lookup("osh")[0].0).coords, Some((40.5, -72.8)));
        assert_eq!(back.country("KG").unwrap().name, "Kyrgyzstan");
        assert_eq!(back.country_iso3("KGZ"), Some(0));
        assert_eq!(back.by_id(1527534).unwrap().name, "Osh");
        // `Saint` and `St` meet.
        assert_eq!(back.lookup("saint petersburg").len(), 1);
        assert!(Gazetteer::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Gazetteer::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn embedded_table_knows_osh_and_the_countries() {
        let g = Gazetteer::embedded();
        let osh: Vec<&Place> = g.lookup("osh").iter().map(|(i, _)| g.place(*i)).collect();
        assert!(osh.iter().any(|p| p.id == 1527534 && p.country == "KG" && p.coords.is_some()));
        assert!(g.places().iter().filter(|p| p.kind == PlaceKind::Country).count() >= 240);
        assert_eq!(g.region_of(g.by_id(1527534).unwrap()).map(|r| r.kind), Some(PlaceKind::Region));
    }

    #[test]
    fn name_variants_swap_whole_first_words_only() {
        assert_eq!(name_variants("saint kitts"), ["saint kitts", "st kitts"]);
        assert_eq!(name_variants("st kitts"), ["st kitts", "saint kitts"]);
        assert_eq!(name_variants("ste anne"), ["ste anne", "sainte anne"]);
        assert_eq!(name_variants("mount vernon"), ["mount vernon", "mt vernon"]);
        assert_eq!(name_variants("fortaleza"), ["fortaleza"]);
        assert_eq!(name_variants("stanley"), ["stanley"]);
        assert_eq!(name_variants("saint"), ["saint"]);
    }
}
