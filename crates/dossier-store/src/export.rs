//! Exports: every document, entity, mention and quote of a store, streamed
//! record by record (a store of a million documents is never held in
//! memory), and the same as FollowTheMoney entities for OCCRP Aleph.
//!
//! FollowTheMoney mapping: a document is an `Article` (title, author,
//! publishedAt, publisher, sourceUrl, language, bodyText, fileName); a PER
//! entity a `Person`, an ORG an `Organization`, a LOC a `LegalEntity` (a
//! country or place as a party: FtM has no country schema, and `Mention`
//! resolves only to legal entities); each distinct name an entity goes by in
//! a document is one `Mention` (document, name, resolved, detectedSchema).
//! MISC names (nationalities, events) become mentions without an entity.

use serde::Serialize;
use serde_json::{json, Value};

use crate::query::{DocRef, QuoteHit};
use crate::util::{char_pos, slice};
use crate::{Result, Store};

/// A document's metadata and text.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDocument {
    /// Contract id.
    pub id: String,
    /// Input path.
    pub path: String,
    /// Input format.
    pub format: String,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site.
    pub site: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub lang: Option<String>,
    /// The clean text.
    pub text: String,
}

/// An entity.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEntity {
    /// Entity id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `PER`, `ORG`, `LOC`, `MISC`.
    pub label: Option<String>,
    /// Names it goes by.
    pub aliases: Vec<String>,
    /// Knowledge-base facts.
    pub facts: Value,
    /// The entity it was merged into by the analyst, if any.
    pub merged_into: Option<String>,
}

/// A mention.
#[derive(Debug, Clone, Serialize)]
pub struct ExportMention {
    /// Document contract id.
    pub doc: String,
    /// Start, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The words.
    pub text: String,
    /// `PER`, `ORG`, `LOC`, `MISC`.
    pub label: String,
    /// Entity id after the analyst's decisions.
    pub entity: Option<String>,
}

/// One exported record.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ExportRecord {
    /// A document.
    Document(ExportDocument),
    /// An entity.
    Entity(ExportEntity),
    /// A mention.
    Mention(ExportMention),
    /// A quote.
    Quote(Box<QuoteHit>),
}

impl Store {
    /// Streams every entity, then every document followed by its mentions
    /// and quotes, to `sink`.
    pub fn export(&self, sink: &mut dyn FnMut(ExportRecord) -> Result<()>) -> Result<()> {
        let conn = self.conn();
        let map = crate::decisions::merge_map(conn)?;
        let mut stmt = conn.prepare("SELECT eid, id, name, label, facts FROM entities ORDER BY id")?;
        let mut aliases =
            conn.prepare_cached("SELECT alias FROM aliases WHERE eid = ?1 ORDER BY count DESC, alias")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let eid: i64 = r.get(0)?;
            let facts: String = r.get(4)?;
            let merged_into = match map.get(&eid) {
                Some(&to) => Some(self.entity_ref(to)?.id),
                None => None,
            };
            sink(ExportRecord::Entity(ExportEntity {
                id: r.get(1)?,
                name: r.get(2)?,
                label: r.get(3)?,
                aliases: aliases.query_map([eid], |r| r.get(0))?.collect::<Result<_, _>>()?,
                facts: serde_json::from_str(&facts).unwrap_or(Value::Null),
                merged_into,
            }))?;
        }
        self.for_each_document(&mut |seq, doc, text, fields| {
            sink(ExportRecord::Document(ExportDocument {
                id: doc.id.clone(),
                path: doc.path.clone(),
                format: fields.0.clone(),
                url: doc.url.clone(),
                title: doc.title.clone(),
                authors: fields.1.clone(),
                site: doc.site.clone(),
                published: doc.published.clone(),
                lang: fields.2.clone(),
                text: text.to_string(),
            }))?;
            for m in self.doc_mentions(seq, &doc.id, text)? {
                sink(ExportRecord::Mention(m))?;
            }
            let quotes =
                self.quotes(&crate::QuoteParams { doc: Some(doc.id.clone()), ..Default::default() })?;
            for q in quotes {
                sink(ExportRecord::Quote(Box::new(q)))?;
            }
            Ok(())
        })
    }

    /// Streams the store as FollowTheMoney entities (JSON objects with
    /// `id`, `schema`, `properties`).
    pub fn export_ftm(&self, sink: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT e.eid, e.id, e.name, e.label, e.facts FROM entities e WHERE e.label IN ('PER', 'ORG', 'LOC') \
             AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity = e.eid) ORDER BY e.id",
        )?;
        let mut aliases =
            conn.prepare_cached("SELECT alias FROM aliases WHERE eid = ?1 ORDER BY count DESC, alias")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let eid: i64 = r.get(0)?;
            let id: String = r.get(1)?;
            let name: String = r.get(2)?;
            let label: Option<String> = r.get(3)?;
            let facts: Value = serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or(Value::Null);
            let alias: Vec<String> = aliases
                .query_map([eid], |r| r.get::<_, String>(0))?
                .filter_map(|a| a.ok())
                .filter(|a| *a != name)
                .collect();
            let mut props = json!({ "name": [name], "alias": alias });
            if let Some(c) = facts.get("country").and_then(Value::as_str) {
                props["country"] = json!([c.to_lowercase()]);
            }
            sink(
                json!({ "id": ftm_entity_id(&id), "schema": ftm_schema(label.as_deref()), "properties": props }),
            )?;
        }
        self.for_each_document(&mut |seq, doc, text, fields| {
            let file = doc.path.rsplit('/').next().unwrap_or(&doc.path).to_string();
            let name = doc.title.clone().unwrap_or_else(|| file.clone());
            let mut props = json!({
                "name": [if name.is_empty() { doc.id.clone() } else { name }],
                "title": doc.title.iter().collect::<Vec<_>>(),
                "fileName": [if file.is_empty() { doc.id.clone() } else { file }],
                "author": fields.1,
                "publishedAt": doc.published.iter().collect::<Vec<_>>(),
                "publisher": doc.site.iter().collect::<Vec<_>>(),
                "sourceUrl": doc.url.iter().collect::<Vec<_>>(),
                "language": fields.2.iter().map(|l| iso639_3(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>(),
                "bodyText": [text],
            });
            // One Mention per distinct (name, entity) in the document.
            let mut seen: Vec<(String, Option<String>, String)> = Vec::new();
            let mut people = Vec::new();
            let mut places = Vec::new();
            let mut orgs = Vec::new();
            for m in self.doc_mentions(seq, &doc.id, text)? {
                let key = (m.text.clone(), m.entity.clone(), m.label.clone());
                if seen.contains(&key) {
                    continue;
                }
                match m.label.as_str() {
                    "PER" => people.push(m.text.clone()),
                    "ORG" => orgs.push(m.text.clone()),
                    "LOC" => places.push(m.text.clone()),
                    _ => {}
                }
                seen.push(key);
            }
            props["peopleMentioned"] = json!(people);
            props["companiesMentioned"] = json!(orgs);
            props["locationMentioned"] = json!(places);
            let doc_id = format!("dossier-doc-{}", doc.id);
            sink(json!({ "id": doc_id, "schema": "Article", "properties": props }))?;
            for (i, (name, entity, label)) in seen.into_iter().enumerate() {
                let mut props = json!({ "document": [doc_id], "name": [name] });
                let resolvable = matches!(label.as_str(), "PER" | "ORG" | "LOC");
                if let (Some(e), true) = (&entity, resolvable) {
                    props["resolved"] = json!([ftm_entity_id(e)]);
                }
                if resolvable {
                    props["detectedSchema"] = json!([ftm_schema(Some(&label))]);
                }
                sink(json!({ "id": format!("dossier-mention-{}-{i}", doc.id), "schema": "Mention", "properties": props }))?;
            }
            Ok(())
        })
    }

    /// Calls `f(seq, doc, text, (format, authors, lang))` for every
    /// document in `seq` order.
    #[allow(clippy::type_complexity)]
    fn for_each_document(
        &self,
        f: &mut dyn FnMut(i64, &DocRef, &str, &(String, Vec<String>, Option<String>)) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT id, title, site, published, url, path, text, seq, format, authors, lang FROM documents ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc = crate::query::doc_ref(r)?;
            let text: String = r.get(6)?;
            let seq: i64 = r.get(7)?;
            let authors: String = r.get(9)?;
            let fields =
                (r.get::<_, String>(8)?, serde_json::from_str(&authors).unwrap_or_default(), r.get(10)?);
            f(seq, &doc, &text, &fields)?;
        }
        Ok(())
    }

    fn doc_mentions(&self, seq: i64, doc_id: &str, text: &str) -> Result<Vec<ExportMention>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.start, m.end, m.label, e.id FROM mentions m LEFT JOIN entities e ON e.eid = m.entity \
             WHERE m.doc = ?1 ORDER BY m.start",
        )?;
        let rows = stmt.query_map([seq], |r| {
            Ok((
                r.get::<_, i64>(0)? as usize,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (s, e, label, entity) = row?;
            out.push(ExportMention {
                doc: doc_id.to_string(),
                start: char_pos(text, s),
                end: char_pos(text, e),
                text: slice(text, s, e).to_string(),
                label,
                entity,
            });
        }
        Ok(out)
    }
}

/// The FtM schema of an entity label.
fn ftm_schema(label: Option<&str>) -> &'static str {
    match label {
        Some("PER") => "Person",
        Some("ORG") => "Organization",
        _ => "LegalEntity",
    }
}

/// The FtM id of an entity.
fn ftm_entity_id(id: &str) -> String {
    format!("dossier-entity-{id}")
}

/// ISO 639-1 to the ISO 639-3 codes FtM's `language` type uses, for the
/// languages dossier identifies; empty when unknown.
fn iso639_3(code: &str) -> &'static str {
    match code {
        "en" => "eng",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "ru" => "rus",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        "sv" => "swe",
        "fi" => "fin",
        "pl" => "pol",
        "uk" => "ukr",
        "ar" => "ara",
        "tr" => "tur",
        "zh" => "zho",
        "ja" => "jpn",
        "ko" => "kor",
        _ => "",
    }
}
