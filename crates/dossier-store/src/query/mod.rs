//! The queries an analyst runs over a store, each a method of [`Store`]
//! returning plain structs (the API's DTOs, serde `Serialize`). Every
//! reference to a document carries its contract id, and every span in a
//! result is in code points of the document's text.
//!
//! Names are resolved to entities the same way everywhere
//! ([`Store::resolve_entities`]): an entity id first, then an alias seen in
//! the corpus (`Kiljunen`), then a word of a name, so `--speaker Kiljunen`
//! works whether the user knows the id or not.

mod counts;
mod document;
mod entity;
mod graph;
mod lookup;
mod quotes;
pub(crate) mod search;
mod snippet;
mod timeline;
pub mod user_query;

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

pub use counts::{MonthCount, SiteCount};
pub use document::{DateOut, DocLink, DocumentView, MentionOut, MAX_CHILDREN};
pub use entity::{Cooccurrence, EntityProfile, NameCount};
pub use graph::{Graph, GraphEdge, GraphNode, GraphParams};
pub use lookup::{EntityMatch, LookupKind, MAX_LOOKUP};
pub use quotes::{QuoteHit, QuoteParams, SpanText, SpeakerOut, SPEAKER_MIN_CONFIDENCE};
pub use search::{
    EntityFacet, FacetCount, Facets, SearchHit, SearchParams, SearchResults, ENTITY_FACET_DOCS,
};
pub use timeline::{TimelineItem, TimelineParams};

use crate::decisions::merge_map;
use crate::util::{char_pos, date_bounds, name_key, slice};
use crate::{Result, Store, StoreError};

/// A document as results refer to it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRef {
    /// The contract id (sha256 of the raw bytes).
    pub id: String,
    /// Title, when known.
    pub title: Option<String>,
    /// Site, when known.
    pub site: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
    /// URL, when known.
    pub url: Option<String>,
    /// Input path it was read from.
    pub path: String,
}

/// An entity as results refer to it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRef {
    /// The entity id (`kimmo-kiljunen`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`, when known.
    pub label: Option<String>,
}

/// How a name was resolved to entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The name is an entity id.
    Id,
    /// The name is an alias seen in the corpus.
    Alias,
    /// The name is a word (or words) of an alias.
    Word,
}

/// Entities a name resolves to.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// How they matched.
    pub kind: MatchKind,
    /// Effective entity keys (after merges), most mentioned first.
    pub eids: Vec<i64>,
    /// The name's key, for matching unlinked speakers.
    pub key: String,
}

/// An entity with its counts.
#[derive(Debug, Clone, Serialize)]
pub struct TopEntity {
    /// The entity.
    pub entity: EntityRef,
    /// Mentions.
    pub mentions: i64,
    /// Documents mentioning it.
    pub documents: i64,
}

/// Counts and sizes of a store.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The store folder.
    pub store: String,
    /// Documents.
    pub documents: i64,
    /// Entities that have at least one mention or quote.
    pub entities: i64,
    /// Entity mentions.
    pub mentions: i64,
    /// Quotes.
    pub quotes: i64,
    /// Date expressions.
    pub dates: i64,
    /// Analyst decisions in force.
    pub decisions: i64,
    /// Documents in the full-text index's last commit.
    pub indexed_documents: u64,
    /// Schema version.
    pub schema_version: i64,
    /// Bytes of SQLite (database, WAL and shared-memory files).
    pub db_bytes: u64,
    /// Bytes of the full-text index.
    pub index_bytes: u64,
    /// Bytes of the whole store folder.
    pub total_bytes: u64,
}

/// Date filter bounds: `from` and `to` as `YYYY-MM-DD` (partial values
/// widen: `--from 2010` starts on 1 January, `--to 2010-09` ends on the
/// 31st).
pub(crate) fn date_filter(from: Option<&str>, to: Option<&str>) -> Result<(Option<String>, Option<String>)> {
    let bad = |v: &str| StoreError::Invalid(format!("bad date {v:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"));
    let bound = |v: &str| {
        let v = v.trim();
        if crate::util::is_calendar_date(v) {
            date_bounds(v)
        } else {
            None
        }
    };
    let lo = from.map(|v| bound(v).map(|b| b.0).ok_or_else(|| bad(v))).transpose()?;
    let hi = to.map(|v| bound(v).map(|b| b.1).ok_or_else(|| bad(v))).transpose()?;
    if let (Some(l), Some(h), Some(f), Some(t)) = (&lo, &hi, from, to) {
        // `YYYY-MM-DD` strings compare in date order.
        if l > h {
            return Err(StoreError::Invalid(format!(
                "the date range is empty: from {:?} is later than to {:?}",
                f.trim(),
                t.trim()
            )));
        }
    }
    Ok((lo, hi))
}

/// A document's text and reference, cached while one query converts spans.
pub(crate) struct DocCache {
    docs: HashMap<i64, (DocRef, String)>,
}

impl DocCache {
    pub(crate) fn new() -> Self {
        DocCache { docs: HashMap::new() }
    }

    pub(crate) fn get(&mut self, store: &Store, seq: i64) -> Result<&(DocRef, String)> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.docs.entry(seq) {
            let v = store
                .conn()
                .prepare_cached(
                    "SELECT id, title, site, published, url, path, text FROM documents WHERE seq = ?1",
                )?
                .query_row([seq], |r| Ok((doc_ref(r)?, r.get::<_, String>(6)?)))?;
            slot.insert(v);
        }
        Ok(&self.docs[&seq])
    }
}

/// Reads a [`DocRef`] from the first six columns `id, title, site,
/// published, url, path`.
pub(crate) fn doc_ref(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocRef> {
    Ok(DocRef {
        id: r.get(0)?,
        title: r.get(1)?,
        site: r.get(2)?,
        published: r.get(3)?,
        url: r.get(4)?,
        path: crate::util::shown_path(r.get(5)?),
    })
}

/// A byte span as code points plus its text.
pub(crate) fn span_text(text: &str, start: usize, end: usize) -> SpanText {
    SpanText {
        start: char_pos(text, start),
        end: char_pos(text, end),
        text: slice(text, start, end).to_string(),
    }
}

impl Store {
    /// Counts, sizes and version of the store. The counts come from the
    /// summary tables the writer keeps (see `summary.rs`), and the whole
    /// answer is kept until [`Store::generation`] or the index changes.
    pub fn stats(&self) -> Result<Stats> {
        // The index may be caught up without SQLite changing.
        let gen = (self.generation()?, self.ft.index.load_metas()?.opstamp);
        if let Some((g, s)) = &*self.stats_cache.lock().unwrap_or_else(|e| e.into_inner()) {
            if *g == gen {
                return Ok(s.clone());
            }
        }
        let count = |sql: &str| -> Result<i64> { Ok(self.conn().query_row(sql, [], |r| r.get(0))?) };
        let db_bytes = ["", "-wal", "-shm"]
            .iter()
            .map(|s| {
                std::fs::metadata(self.dir().join(format!("{}{s}", crate::DB_FILE))).map_or(0, |m| m.len())
            })
            .sum();
        let index_bytes = dir_size(&self.dir().join(crate::INDEX_DIR));
        let (documents, mentions, quotes, dates): (i64, i64, i64, i64) = self.conn().query_row(
            "SELECT documents, mentions, quotes, dates FROM totals WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let stats = Stats {
            store: self.dir().display().to_string(),
            documents,
            entities: count("SELECT count(*) FROM entity_stats WHERE documents > 0")?,
            mentions,
            quotes,
            dates,
            decisions: count("SELECT count(*) FROM decisions WHERE undone IS NULL")?,
            indexed_documents: self.ft.num_docs()?,
            schema_version: crate::schema::current_version(self.conn())?,
            db_bytes,
            index_bytes,
            total_bytes: dir_size(self.dir()),
        };
        *self.stats_cache.lock().unwrap_or_else(|e| e.into_inner()) = Some((gen, stats.clone()));
        Ok(stats)
    }

    /// The most mentioned entities, with their mention and document counts.
    pub fn top_entities(&self, limit: usize) -> Result<Vec<TopEntity>> {
        self.top_entities_page(limit, 0)
    }

    /// A page of [`Store::top_entities`].
    pub fn top_entities_page(&self, limit: usize, offset: usize) -> Result<Vec<TopEntity>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT eid, mentions, documents FROM entity_stats WHERE mentions > 0 \
             ORDER BY mentions DESC, eid LIMIT ?1 OFFSET ?2",
        )?;
        let rows: Vec<(i64, i64, i64)> = stmt
            .query_map([limit as i64, offset as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(e, mentions, documents)| {
                Ok(TopEntity { entity: self.entity_ref(e)?, mentions, documents })
            })
            .collect()
    }

    /// The most quoted speakers by name (linked or not), with quote counts.
    pub fn top_speakers(&self, limit: usize) -> Result<Vec<NameCount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT coalesce(e.name, q.sp_name) AS who, count(*) AS n FROM quotes q \
             LEFT JOIN entities e ON e.eid = q.sp_entity WHERE who IS NOT NULL \
             GROUP BY coalesce(q.sp_entity, q.sp_key) ORDER BY n DESC, who LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| Ok(NameCount { name: r.get(0)?, count: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The entities a filter names (`entity=`, `about=`): like
    /// [`Store::resolve_entities`], but a name no entity goes by is an
    /// error rather than a filter that silently matches nothing.
    pub fn filter_entities(&self, name: &str) -> Result<Vec<i64>> {
        let r = self.resolve_entities(name)?;
        if r.eids.is_empty() {
            return Err(StoreError::NotFound(format!("no entity named {name:?}")));
        }
        Ok(r.eids)
    }

    /// Resolves a name or id to entities: an entity id (following merges),
    /// else an alias seen in the corpus, else a word of an alias. Empty
    /// `eids` when nothing matches.
    pub fn resolve_entities(&self, name: &str) -> Result<Resolved> {
        let map = merge_map(self.conn())?;
        let eff = |e: i64| *map.get(&e).unwrap_or(&e);
        let key = name_key(name);
        let by_id: Option<i64> = self
            .conn()
            .prepare_cached("SELECT eid FROM entities WHERE id = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        if let Some(e) = by_id {
            return Ok(Resolved { kind: MatchKind::Id, eids: vec![eff(e)], key });
        }
        if key.is_empty() {
            return Ok(Resolved { kind: MatchKind::Alias, eids: Vec::new(), key });
        }
        let ranked = |sql: &str, arg: &str| -> Result<Vec<i64>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([arg], |r| r.get::<_, i64>(0))?;
            let mut out: Vec<i64> = Vec::new();
            for e in rows {
                let e = eff(e?);
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            Ok(out)
        };
        let exact = ranked(
            "SELECT a.eid FROM aliases a JOIN entities e ON e.eid = a.eid WHERE a.key = ?1 \
             GROUP BY a.eid ORDER BY sum(a.count) DESC",
            &key,
        )?;
        if !exact.is_empty() {
            return Ok(Resolved { kind: MatchKind::Alias, eids: exact, key });
        }
        // Entities with an alias holding every word of the name, most
        // mentioned first.
        let mut common: Option<std::collections::HashSet<i64>> = None;
        let mut stmt =
            self.conn().prepare_cached("SELECT eid FROM alias_words WHERE word = ?1 LIMIT 100000")?;
        for w in key.split(' ') {
            let mut set: std::collections::HashSet<i64> =
                stmt.query_map([w], |r| r.get(0))?.collect::<Result<_, _>>()?;
            if let Some(prev) = &common {
                set.retain(|e| prev.contains(e));
            }
            common = Some(set);
        }
        let mut found: Vec<(i64, i64)> = Vec::new();
        let mut count = self.conn().prepare_cached("SELECT mentions FROM entity_stats WHERE eid = ?1")?;
        for e in common.unwrap_or_default() {
            let n: i64 = count.query_row([e], |r| r.get(0)).optional()?.unwrap_or(0);
            found.push((e, n));
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut word: Vec<i64> = Vec::new();
        for (e, _) in found {
            let e = eff(e);
            if !word.contains(&e) {
                word.push(e);
            }
            if word.len() >= 50 {
                break;
            }
        }
        Ok(Resolved { kind: MatchKind::Word, eids: word, key })
    }

    /// The one entity id a name or id stands for (the most mentioned when
    /// several match); [`StoreError::NotFound`] when none does.
    pub fn entity_id(&self, name: &str) -> Result<String> {
        if let Some(id) = self
            .conn()
            .query_row("SELECT id FROM entities WHERE id = ?1", [name], |r| r.get::<_, String>(0))
            .optional()?
        {
            return Ok(id);
        }
        let r = self.resolve_entities(name)?;
        let Some(&eid) = r.eids.first() else {
            return Err(StoreError::NotFound(format!("no entity named {name:?}")));
        };
        Ok(self.conn().query_row("SELECT id FROM entities WHERE eid = ?1", [eid], |r| r.get(0))?)
    }

    /// The automatic entities an effective one stands for: itself and
    /// every entity merged into it.
    pub(crate) fn members(&self, eid: i64) -> Result<Vec<i64>> {
        let map = merge_map(self.conn())?;
        let mut out = vec![eid];
        out.extend(map.iter().filter(|(_, &to)| to == eid).map(|(&from, _)| from));
        Ok(out)
    }

    /// The alias keys of effective entities (over their merged members),
    /// each key once, in entity order. The merge map is read once.
    pub(crate) fn alias_keys_of(&self, eids: &[i64]) -> Result<Vec<String>> {
        let map = merge_map(self.conn())?;
        let mut stmt = self.conn().prepare_cached("SELECT key FROM aliases WHERE eid = ?1")?;
        let mut out: Vec<String> = Vec::new();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for &eid in eids {
            let merged = map.iter().filter(|(_, &to)| to == eid).map(|(&from, _)| from);
            for m in std::iter::once(eid).chain(merged) {
                for k in stmt.query_map([m], |r| r.get::<_, String>(0))? {
                    let k = k?;
                    if seen.insert(k.clone()) {
                        out.push(k);
                    }
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn entity_ref(&self, eid: i64) -> Result<EntityRef> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, name, label FROM entities WHERE eid = ?1")?
            .query_row(params![eid], |r| {
                Ok(EntityRef { id: r.get(0)?, name: r.get(1)?, label: r.get(2)? })
            })?)
    }
}

/// Total bytes of the files under `dir`.
fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    rd.filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
