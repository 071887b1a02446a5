//! An entity's profile: names, type, knowledge-base facts, how often and
//! when it is seen, what it says, what others say about it, and whom it
//! appears with.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::{EntityRef, MatchKind, QuoteHit};
use crate::{Result, Store, StoreError};

/// A name or entity with a count.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NameCount {
    /// The name as written.
    pub name: String,
    /// How often.
    pub count: i64,
}

/// An entity seen with another, and how often.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cooccurrence {
    /// The other entity.
    pub entity: EntityRef,
    /// Sentences (or documents) where both are mentioned.
    pub count: i64,
}

/// Everything the store knows about one entity.
#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    /// The entity id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`, when known.
    pub label: Option<String>,
    /// A richer type from the knowledge base, when known.
    pub kind: Option<String>,
    /// Knowledge-base facts (country, roles, actor codes…), as linking gave them.
    pub facts: serde_json::Value,
    /// The GeoNames place it is, when linking placed it: `geonames` (id),
    /// `kind` (`country`, `region`, `city`), `country` (ISO alpha-2),
    /// `country_name`, `region`, `region_type`, `population`, `lat`, `lon`
    /// (cities only).
    pub place: Option<serde_json::Value>,
    /// How the name given matched the entity.
    pub matched: MatchKind,
    /// Other entities the name also matched, most mentioned first.
    pub also_matched: Vec<EntityRef>,
    /// Entities merged into this one by the analyst.
    pub merged: Vec<String>,
    /// The names the corpus uses for it, most frequent first.
    pub aliases: Vec<NameCount>,
    /// Documents that mention or quote it.
    pub documents: i64,
    /// Mentions.
    pub mentions: i64,
    /// Quotes attributed to it.
    pub quote_count: i64,
    /// Publication date of the first document that mentions it.
    pub first_seen: Option<String>,
    /// Publication date of the last document that mentions it.
    pub last_seen: Option<String>,
    /// Its quotes (the first `limit`, in date order); with a
    /// `min_confidence`, only those attributed with at least that confidence.
    pub quotes: Vec<QuoteHit>,
    /// The confidence below which its quotes are listed apart, in
    /// `less_certain` (`None`: every quote is in `quotes`).
    pub min_confidence: Option<f64>,
    /// How many of its quotes are attributed with less than `min_confidence`.
    pub less_certain_count: i64,
    /// Those quotes (the first `limit`, in date order).
    pub less_certain: Vec<QuoteHit>,
    /// What others say about it: quotes by someone else whose content
    /// mentions it.
    pub quoted_about: Vec<QuoteHit>,
    /// Documents `quoted_about`, `co_sentence` and `co_document` are
    /// counted over: all of them (`documents`), since those lists are read
    /// from the summary tables. Kept for clients of the earlier API, whose
    /// profiles looked at a window of recent documents only.
    pub window_documents: i64,
    /// Entities mentioned in the same sentence, with sentence counts.
    pub co_sentence: Vec<Cooccurrence>,
    /// Entities mentioned in the same document, with document counts.
    pub co_document: Vec<Cooccurrence>,
}

use super::quotes::QUOTE_COLUMNS;

/// An entity's place columns and facts: geonames, place_kind, country_code,
/// lat, lon, facts.
type PlaceRow = (i64, Option<String>, Option<String>, Option<f64>, Option<f64>, String);

impl Store {
    /// The place columns of an entity (schema 6) with the words its facts
    /// add (country and region names, population), or `None`.
    fn entity_place(&self, eid: i64) -> Result<Option<serde_json::Value>> {
        let row: Option<PlaceRow> = self
            .conn()
            .prepare_cached(
                "SELECT geonames, place_kind, country_code, lat, lon, facts FROM entities \
                 WHERE eid = ?1 AND geonames IS NOT NULL",
            )?
            .query_row([eid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .optional()?;
        let Some((geonames, kind, country, lat, lon, facts)) = row else { return Ok(None) };
        let facts: serde_json::Value = serde_json::from_str(&facts).unwrap_or_default();
        let words = facts.get("place");
        let word = |k: &str| words.and_then(|p| p.get(k)).cloned().unwrap_or(serde_json::Value::Null);
        Ok(Some(serde_json::json!({
            "geonames": geonames, "kind": kind, "name": word("name"), "country": country,
            "country_name": word("country_name"), "region": word("region"), "region_type": word("region_type"),
            "population": word("population"), "lat": lat, "lon": lon,
        })))
    }

    /// The profile of the entity a name or id stands for (the most
    /// mentioned, when several match). `limit` bounds each list.
    pub fn entity_profile(&self, name: &str, limit: usize) -> Result<EntityProfile> {
        self.entity_profile_page(name, limit, 0)
    }

    /// [`Store::entity_profile`] with its lists (quotes, quoted about,
    /// co-occurrences, other matches) paged: `offset` items of each are
    /// skipped. Counts and dates come from the `entity_stats` summary, the
    /// quotes from the speaker index in date order, what others say from
    /// `quote_about`, companions from `cooc` (see `summary.rs`): each list
    /// is an index range, so a profile's cost barely grows with the
    /// entity's fame, and every count is over the whole corpus.
    pub fn entity_profile_page(&self, name: &str, limit: usize, offset: usize) -> Result<EntityProfile> {
        self.entity_profile_filtered(name, limit, offset, None)
    }

    /// [`Store::entity_profile_page`] whose quotes attributed with less
    /// than `min_confidence` are listed apart (`less_certain`), so a view
    /// that presents them as the entity's words can hide them.
    pub fn entity_profile_filtered(
        &self,
        name: &str,
        limit: usize,
        offset: usize,
        min_confidence: Option<f64>,
    ) -> Result<EntityProfile> {
        if let Some(c) = min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(StoreError::Invalid(format!("a confidence is from 0 to 1, not {c}")));
            }
        }
        let r = self.resolve_entities(name)?;
        let Some(&eid) = r.eids.first() else {
            return Err(StoreError::NotFound(format!("no entity named {name:?}")));
        };
        let also_matched = r.eids[1..]
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&e| self.entity_ref(e))
            .collect::<Result<_>>()?;
        let conn = self.conn();
        let (id, ename, label, kind, facts): (String, String, Option<String>, Option<String>, String) = conn
            .prepare_cached("SELECT id, name, label, kind, facts FROM entities WHERE eid = ?1")?
            .query_row([eid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        let place = self.entity_place(eid)?;
        let members = self.members(eid)?;
        let mut merged = Vec::new();
        let mut aliases: Vec<NameCount> = Vec::new();
        let mut facts: serde_json::Value = serde_json::from_str(&facts).unwrap_or(serde_json::Value::Null);
        for &m in &members {
            if m != eid {
                let (mid, mfacts): (String, String) = conn
                    .prepare_cached("SELECT id, facts FROM entities WHERE eid = ?1")?
                    .query_row([m], |r| Ok((r.get(0)?, r.get(1)?)))?;
                merged.push(mid);
                if facts.as_object().is_none_or(|o| o.is_empty()) {
                    facts = serde_json::from_str(&mfacts).unwrap_or(facts);
                }
            }
            let mut stmt = conn.prepare_cached("SELECT alias, count FROM aliases WHERE eid = ?1")?;
            for a in stmt.query_map([m], |r| Ok(NameCount { name: r.get(0)?, count: r.get(1)? }))? {
                let a = a?;
                match aliases.iter_mut().find(|x| x.name == a.name) {
                    Some(x) => x.count += a.count,
                    None => aliases.push(a),
                }
            }
        }
        aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        let (documents, mentions, quote_count, first_seen, last_seen): (
            i64,
            i64,
            i64,
            Option<String>,
            Option<String>,
        ) = conn
            .prepare_cached(
                "SELECT documents, mentions, quotes, first_seen, last_seen FROM entity_stats WHERE eid = ?1",
            )?
            .query_row([eid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?
            .unwrap_or((0, 0, 0, None, None));
        let lim = limit.max(1) as i64;
        let off = offset as i64;
        let by_speaker = |cond: &str, c: f64| {
            self.quote_rows(
                &format!(
                    "SELECT {QUOTE_COLUMNS} FROM quotes q WHERE q.sp_entity = ?1 {cond} \
                     ORDER BY q.day_lo IS NULL, q.day_lo, q.doc, q.start LIMIT ?2 OFFSET ?3"
                ),
                &[Value::Integer(eid), Value::Integer(lim), Value::Integer(off), Value::Real(c)],
            )
        };
        let (quotes, less_certain, less_certain_count) = match min_confidence {
            None => (by_speaker("AND ?4 >= 0", 0.0)?, Vec::new(), 0),
            Some(c) => {
                let n: i64 = conn
                    .prepare_cached(
                        "SELECT count(*) FROM quotes q INDEXED BY quotes_speaker \
                         WHERE q.sp_entity = ?1 AND coalesce(q.confidence, 0) < ?2",
                    )?
                    .query_row(rusqlite::params![eid, c], |r| r.get(0))?;
                (
                    by_speaker("AND coalesce(q.confidence, 0) >= ?4", c)?,
                    by_speaker("AND coalesce(q.confidence, 0) < ?4", c)?,
                    n,
                )
            }
        };
        // Others' quotes about it, in quote-list order from `quote_about`
        // (its own quotes that name it are skipped).
        let quoted_about = self.quote_rows(
            &format!(
                "SELECT {QUOTE_COLUMNS} FROM quote_about qa JOIN quotes q ON q.qid = qa.qid \
                 WHERE qa.eid = ?1 AND q.sp_entity IS NOT ?1 \
                 ORDER BY qa.undated, qa.day_lo, qa.doc, qa.start, qa.qid LIMIT ?2 OFFSET ?3"
            ),
            &[Value::Integer(eid), Value::Integer(lim), Value::Integer(off)],
        )?;
        let (co_sentence, co_document) = self.cooccurrence_pages(eid, lim as usize, off as usize)?;
        let window_documents = documents;
        Ok(EntityProfile {
            id,
            name: ename,
            label,
            kind,
            facts,
            place,
            matched: r.kind,
            also_matched,
            merged,
            aliases,
            documents,
            mentions,
            quote_count,
            min_confidence,
            less_certain_count,
            less_certain,
            first_seen,
            last_seen,
            quotes,
            quoted_about,
            window_documents,
            co_sentence,
            co_document,
        })
    }

    /// The entities seen with `eid` in most sentences (those with at least
    /// one) and in most documents, one page of each, ties by entity, read
    /// from the rank-ordered `cooc` indexes of schema 4: a page costs its
    /// own rows, not the entity's ~30k companions when it is a hub.
    fn cooccurrence_pages(
        &self,
        eid: i64,
        limit: usize,
        offset: usize,
    ) -> Result<(Vec<Cooccurrence>, Vec<Cooccurrence>)> {
        let sents = self.ranked_rows(
            "SELECT b, sents FROM cooc INDEXED BY cooc_sents WHERE a = ?1 AND sents > 0 \
             ORDER BY sents DESC, b LIMIT ?2 OFFSET ?3",
            eid,
            limit,
            offset,
        )?;
        let docs = self.co_document_page(eid, limit, offset)?;
        let refs = |v: Vec<(i64, i64)>| -> Result<Vec<Cooccurrence>> {
            v.into_iter().map(|(e, count)| Ok(Cooccurrence { entity: self.entity_ref(e)?, count })).collect()
        };
        Ok((refs(sents)?, refs(docs)?))
    }

    /// One page of `eid`'s companions ranked by documents, then entity.
    /// The index `cooc_docs` holds the pairs seen in more than one
    /// document, in that order; every other pair was seen in exactly one
    /// (a pair exists because two entities met in a document, and
    /// decisions recount pairs rather than decrement them), so they follow,
    /// by entity, which is the primary-key order.
    fn co_document_page(&self, eid: i64, limit: usize, offset: usize) -> Result<Vec<(i64, i64)>> {
        let mut page = self.ranked_rows(
            "SELECT b, docs FROM cooc INDEXED BY cooc_docs WHERE a = ?1 AND docs > 1 \
             ORDER BY docs DESC, b LIMIT ?2 OFFSET ?3",
            eid,
            limit,
            offset,
        )?;
        if page.len() >= limit {
            return Ok(page);
        }
        // Where the single-document pairs start in the ranking.
        let ranked = if page.is_empty() && offset > 0 {
            self.conn()
                .prepare_cached("SELECT count(*) FROM cooc INDEXED BY cooc_docs WHERE a = ?1 AND docs > 1")?
                .query_row([eid], |r| r.get::<_, i64>(0))? as usize
        } else {
            offset + page.len()
        };
        let rest = self.ranked_rows(
            "SELECT b, docs FROM cooc WHERE a = ?1 AND docs = 1 ORDER BY b LIMIT ?2 OFFSET ?3",
            eid,
            limit - page.len(),
            (offset + page.len()).saturating_sub(ranked),
        )?;
        page.extend(rest);
        Ok(page)
    }

    /// `(entity, count)` rows of a ranked `cooc` query taking `eid`,
    /// `limit` and `offset`.
    fn ranked_rows(&self, sql: &str, eid: i64, limit: usize, offset: usize) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([eid, limit as i64, offset as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
