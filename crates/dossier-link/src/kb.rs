//! The knowledge base: known actors with their names, aliases, actor codes
//! and dated roles, as a compact table shipped inside the binary.
//!
//! The table is built once from the Phoenix/CAMEO dictionaries by
//! `dossier build kb` (see [`crate::phoenix`]) and written with
//! [`KnowledgeBase::to_bytes`]: a versioned, deterministic byte format (same
//! input, same bytes). [`KnowledgeBase::embedded`] loads the committed copy.
//! Loading builds the lookup tables (folded name → entries) in memory.

use std::collections::{BTreeMap, HashMap};

use crate::names::{fold, initials, translit_key};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: government body, company, international organisation.
    Organisation,
    /// A country (a state, past or present).
    Country,
    /// Any other place: city, region, feature.
    Place,
    /// A non-state group: militant, rebel, separatist, religious.
    Group,
    /// Anything else named (events, works, products).
    Other,
}

impl EntityKind {
    /// The name used in JSON (`person`, `organisation`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }

    /// Parses [`EntityKind::as_str`] back.
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "person" => EntityKind::Person,
            "organisation" => EntityKind::Organisation,
            "country" => EntityKind::Country,
            "place" => EntityKind::Place,
            "group" => EntityKind::Group,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }

    fn code(self) -> u8 {
        match self {
            EntityKind::Person => 0,
            EntityKind::Organisation => 1,
            EntityKind::Country => 2,
            EntityKind::Place => 3,
            EntityKind::Group => 4,
            EntityKind::Other => 5,
        }
    }

    fn from_code(c: u8) -> Option<EntityKind> {
        Some(match c {
            0 => EntityKind::Person,
            1 => EntityKind::Organisation,
            2 => EntityKind::Country,
            3 => EntityKind::Place,
            4 => EntityKind::Group,
            5 => EntityKind::Other,
            _ => return None,
        })
    }
}

/// A dated role: an actor code held between two dates (`[KGZGOV >100801]`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct KbRole {
    /// The CAMEO actor code (`KGZGOV`, `IGOUNO`).
    pub code: String,
    /// First day (ISO 8601), when the source gives one.
    pub from: Option<String>,
    /// Last day (ISO 8601), when the source gives one.
    pub to: Option<String>,
}

/// One known actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbEntry {
    /// Its kind.
    pub kind: EntityKind,
    /// Canonical name (`Roza Otunbayeva`).
    pub name: String,
    /// The main actor code (`KGZ` for a country, `IGO` …), when any.
    pub code: Option<String>,
    /// Other names (`Roza Otunbaeva`, `U.S.`, `America`).
    pub aliases: Vec<String>,
    /// For countries: the adjectives and demonyms pointing to them (`Kyrgyz`).
    pub adjectives: Vec<String>,
    /// Dated roles.
    pub roles: Vec<KbRole>,
    /// The country code the actor belongs to, when known (`KGZ`).
    pub country: Option<String>,
}

/// How a name matched a knowledge-base entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KbVia {
    /// The canonical name.
    Name,
    /// A listed alias.
    Alias,
    /// A country adjective or demonym.
    Adjective,
    /// The initials of the entry's name (`OSCE`), unique in the table.
    Acronym,
    /// A transliteration variant of the name or an alias.
    Translit,
}

/// The knowledge base: entries plus lookup tables.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    entries: Vec<KbEntry>,
    by_fold: HashMap<String, Vec<(u32, KbVia)>>,
    by_translit: HashMap<String, Vec<u32>>,
    countries: HashMap<String, u32>,
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbFormatError(pub String);

impl std::fmt::Display for KbFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad knowledge-base table: {}", self.0)
    }
}

impl std::error::Error for KbFormatError {}

const MAGIC: &[u8; 9] = b"DOSSIERKB";
/// Version of the byte format written by [`KnowledgeBase::to_bytes`].
pub const FORMAT_VERSION: u8 = 1;

static EMBEDDED: &[u8] = include_bytes!("../data/kb.bin");

impl KnowledgeBase {
    /// The table committed in `data/kb.bin` (built from Phoenix, MIT; see
    /// `data/LICENSE-phoenix.txt`). An unreadable table gives an empty base.
    pub fn embedded() -> KnowledgeBase {
        KnowledgeBase::from_bytes(EMBEDDED).unwrap_or_default()
    }

    /// Builds a base from entries, in the given order.
    pub fn from_entries(entries: Vec<KbEntry>) -> KnowledgeBase {
        let mut kb = KnowledgeBase { entries, ..Default::default() };
        kb.index();
        kb
    }

    /// All entries.
    pub fn entries(&self) -> &[KbEntry] {
        &self.entries
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &KbEntry {
        &self.entries[i as usize]
    }

    /// Entries whose name, alias, adjective or unique acronym folds to
    /// `folded` (see [`crate::names::fold`]).
    pub fn lookup(&self, folded: &str) -> &[(u32, KbVia)] {
        self.by_fold.get(folded).map_or(&[], |v| v.as_slice())
    }

    /// Entries whose name or alias has the transliteration key `key` (for
    /// persons and organisations, only names of two words or more).
    pub fn lookup_translit(&self, key: &str) -> &[u32] {
        self.by_translit.get(key).map_or(&[], |v| v.as_slice())
    }

    /// The country entry with a three-letter code (`KGZ`).
    pub fn country(&self, code: &str) -> Option<&KbEntry> {
        self.countries.get(code).map(|&i| self.entry(i))
    }

    /// A role in words: `government of Kyrgyzstan from 2010-08-01`.
    pub fn describe_role(&self, role: &KbRole) -> String {
        let mut parts = Vec::new();
        let mut rest = role.code.as_str();
        let mut country = None;
        if rest.len() >= 3 && rest.is_char_boundary(3) {
            if let Some(c) = self.country(&rest[..3]) {
                country = Some(c.name.clone());
                rest = &rest[3..];
            }
        }
        while rest.len() >= 3 && rest.is_char_boundary(3) {
            parts.push(sector(&rest[..3]).unwrap_or(&rest[..3]).to_string());
            rest = &rest[3..];
        }
        let mut s = match (parts.is_empty(), &country) {
            (true, Some(c)) => c.clone(),
            (false, Some(c)) => format!("{} of {c}", parts.join(", ")),
            (_, None) => parts.join(", "),
        };
        if s.is_empty() {
            s = role.code.clone();
        }
        match (&role.from, &role.to) {
            (Some(f), Some(t)) => format!("{s} from {f} to {t}"),
            (Some(f), None) => format!("{s} from {f}"),
            (None, Some(t)) => format!("{s} until {t}"),
            (None, None) => s,
        }
    }

    fn index(&mut self) {
        let mut by_fold: HashMap<String, Vec<(u32, KbVia)>> = HashMap::new();
        let mut by_translit: HashMap<String, Vec<u32>> = HashMap::new();
        let mut acronyms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let i = i as u32;
            let mut add = |s: &str, via: KbVia| {
                let f = fold(s);
                if f.is_empty() {
                    return;
                }
                let v = by_fold.entry(f).or_default();
                if !v.iter().any(|(j, _)| *j == i) {
                    v.push((i, via));
                }
            };
            add(&e.name, KbVia::Name);
            for a in &e.aliases {
                add(a, KbVia::Alias);
            }
            for a in &e.adjectives {
                add(a, KbVia::Adjective);
            }
            if e.kind == EntityKind::Country {
                if let Some(c) = &e.code {
                    self.countries.entry(c.clone()).or_insert(i);
                }
            }
            if matches!(e.kind, EntityKind::Organisation | EntityKind::Group) {
                let f = fold(&e.name);
                if f.split(' ').filter(|w| !crate::names::is_connector(w)).count() >= 3 {
                    acronyms.entry(initials(&f)).or_default().push(i);
                }
            }
            {
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    let f = fold(n);
                    if matches!(e.kind, EntityKind::Country | EntityKind::Place) || f.contains(' ') {
                        let v = by_translit.entry(translit_key(&f)).or_default();
                        if !v.contains(&i) {
                            v.push(i);
                        }
                    }
                }
            }
        }
        for (acr, ids) in acronyms {
            if ids.len() == 1 && acr.len() >= 3 && !by_fold.contains_key(&acr) {
                by_fold.insert(acr, vec![(ids[0], KbVia::Acronym)]);
            }
        }
        self.by_fold = by_fold;
        self.by_translit = by_translit;
    }

    /// Writes the table: magic, format version, then every entry.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        put_len(&mut out, self.entries.len());
        for e in &self.entries {
            out.push(e.kind.code());
            put_str(&mut out, &e.name);
            put_str(&mut out, e.code.as_deref().unwrap_or(""));
            put_strs(&mut out, &e.aliases);
            put_strs(&mut out, &e.adjectives);
            put_len(&mut out, e.roles.len());
            for r in &e.roles {
                put_str(&mut out, &r.code);
                put_str(&mut out, r.from.as_deref().unwrap_or(""));
                put_str(&mut out, r.to.as_deref().unwrap_or(""));
            }
            put_str(&mut out, e.country.as_deref().unwrap_or(""));
        }
        out
    }

    /// Reads a table written by [`KnowledgeBase::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<KnowledgeBase, KbFormatError> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(KbFormatError("not a dossier knowledge-base table".into()));
        }
        let v = r.take(1)?[0];
        if v != FORMAT_VERSION {
            return Err(KbFormatError(format!("format version {v}, this build reads {FORMAT_VERSION}")));
        }
        let n = r.len()?;
        let mut entries = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let kind =
                EntityKind::from_code(r.take(1)?[0]).ok_or_else(|| KbFormatError("bad kind".into()))?;
            let name = r.str()?;
            let code = opt(r.str()?);
            let aliases = r.strs()?;
            let adjectives = r.strs()?;
            let nr = r.len()?;
            let mut roles = Vec::with_capacity(nr.min(1024));
            for _ in 0..nr {
                roles.push(KbRole { code: r.str()?, from: opt(r.str()?), to: opt(r.str()?) });
            }
            let country = opt(r.str()?);
            entries.push(KbEntry { kind, name, code, aliases, adjectives, roles, country });
        }
        if r.pos != bytes.len() {
            return Err(KbFormatError("trailing bytes".into()));
        }
        Ok(KnowledgeBase::from_entries(entries))
    }
}

/// CAMEO sector codes in words.
fn sector(code: &str) -> Option<&'static str> {
    Some(match code {
        "GOV" => "government",
        "MIL" => "military",
        "OPP" => "opposition",
        "ELI" => "elite",
        "REB" => "rebels",
        "BUS" => "business",
        "LEG" => "legislature",
        "JUD" => "judiciary",
        "COP" => "police",
        "MED" => "media",
        "EDU" => "education",
        "HLH" => "health",
        "LAB" => "labour",
        "AGR" => "agriculture",
        "REF" => "refugees",
        "HRI" => "human rights",
        "CVL" => "civilians",
        "SPY" => "intelligence",
        "UAF" => "armed forces",
        "IGO" => "intergovernmental organisation",
        "NGO" => "non-governmental organisation",
        "MNC" => "multinational corporation",
        "IMG" => "international militarised group",
        "UNO" => "United Nations",
        "DEV" => "development",
        "ENV" => "environment",
        "REL" => "religion",
        "CRM" => "criminals",
        "INS" => "insurgents",
        "SEP" => "separatists",
        "PTY" => "party",
        "MOD" => "moderates",
        "RAD" => "radicals",
        "WST" => "West",
        "EUR" => "Europe",
        "NAT" => "NATO",
        "UNR" => "unrecognised",
        _ => return None,
    })
}

pub(crate) fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

pub(crate) fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn put_strs(out: &mut Vec<u8>, v: &[String]) {
    put_len(out, v.len());
    for s in v {
        put_str(out, s);
    }
}

/// Reads what `put_len`, `put_str` and `put_strs` wrote (the knowledge
/// base and the gazetteer share the encoding).
pub(crate) struct Reader<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], KbFormatError> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.b.len());
        let end = end.ok_or_else(|| KbFormatError("truncated".into()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn len(&mut self) -> Result<usize, KbFormatError> {
        let mut n = 0usize;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            n |= ((b & 0x7f) as usize) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(KbFormatError("bad length".into()))
    }

    pub(crate) fn str(&mut self) -> Result<String, KbFormatError> {
        let n = self.len()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| KbFormatError("bad UTF-8".into()))
    }

    pub(crate) fn strs(&mut self) -> Result<Vec<String>, KbFormatError> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            v.push(self.str()?);
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> KnowledgeBase {
        KnowledgeBase::from_entries(vec![
            KbEntry {
                kind: EntityKind::Country,
                name: "Kyrgyzstan".into(),
                code: Some("KGZ".into()),
                aliases: vec!["Kirghizia".into()],
                adjectives: vec!["Kyrgyz".into()],
                roles: vec![],
                country: Some("KGZ".into()),
            },
            KbEntry {
                kind: EntityKind::Organisation,
                name: "Organization for Security and Cooperation in Europe".into(),
                code: Some("IGO".into()),
                aliases: vec![],
                adjectives: vec![],
                roles: vec![],
                country: None,
            },
            KbEntry {
                kind: EntityKind::Person,
                name: "Roza Otunbayeva".into(),
                code: None,
                aliases: vec!["Roza Otunbaeva".into()],
                adjectives: vec![],
                roles: vec![KbRole { code: "KGZGOV".into(), from: Some("2010-08-01".into()), to: None }],
                country: Some("KGZ".into()),
            },
        ])
    }

    #[test]
    fn round_trips_deterministically() {
        let kb = small();
        let bytes = kb.to_bytes();
        let back = KnowledgeBase::from_bytes(&bytes).unwrap();
        assert_eq!(back.entries(), kb.entries());
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn rejects_bad_tables_without_panicking() {
        assert!(KnowledgeBase::from_bytes(b"").is_err());
        assert!(KnowledgeBase::from_bytes(b"DOSSIERKB\x09").is_err());
        let bytes = small().to_bytes();
        for cut in 0..bytes.len() {
            assert!(KnowledgeBase::from_bytes(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn lookups_by_alias_adjective_acronym_and_translit() {
        let kb = small();
        assert_eq!(kb.lookup("kyrgyz"), &[(0, KbVia::Adjective)]);
        assert_eq!(kb.lookup("osce"), &[(1, KbVia::Acronym)]);
        assert_eq!(kb.lookup("roza otunbaeva"), &[(2, KbVia::Alias)]);
        assert_eq!(kb.lookup_translit(&translit_key("kirgizia")), &[0]);
        assert_eq!(kb.describe_role(&kb.entry(2).roles[0]), "government of Kyrgyzstan from 2010-08-01");
    }

    #[test]
    fn embedded_table_loads_and_knows_the_basics() {
        let kb = KnowledgeBase::embedded();
        assert!(kb.entries().len() > 1000, "{}", kb.entries().len());
        let us: Vec<_> = ["us", "united states", "america"]
            .iter()
            .map(|k| kb.lookup(k).iter().find(|(i, _)| kb.entry(*i).kind == EntityKind::Country).map(|x| x.0))
            .collect();
        assert!(us[0].is_some() && us.iter().all(|x| *x == us[0]), "{us:?}");
        assert!(kb.lookup("osce").iter().any(|(i, _)| kb.entry(*i).kind == EntityKind::Organisation));
        assert!(kb.lookup("kyrgyz").iter().any(|(i, _)| kb.entry(*i).code.as_deref() == Some("KGZ")));
    }
}
