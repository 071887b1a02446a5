//! Exports: every document, entity, mention and quote of a store, streamed
//! record by record (a store of a million documents is never held in
//! memory), and the same as FollowTheMoney entities for OCCRP Aleph.
//!
//! FollowTheMoney mapping (checked against the `followthemoney` package's
//! own model by `tests/ftm/validate.py`): a document is an `Article`
//! (title, author, publishedAt, publisher, sourceUrl, language, bodyText,
//! fileName); a PER entity a `Person`, an ORG an `Organization`, a LOC (a
//! place or a country) an `Address` with its country as an ISO code; each
//! distinct name an entity goes by in a document is one `Mention`
//! (document, name, detectedSchema, and `resolved` for people and
//! organisations — FtM's `Mention` resolves only to legal entities). MISC
//! names (nationalities, events) become mentions without an entity. A quote
//! whose speaker is a linked entity is a `Documentation` (the article
//! documents the speaker: role `quoted` or `reported speech`, the words as
//! `summary`, the statement's date as `date`); FtM has no statement schema,
//! and `Documentation` needs an entity, so quotes of unlinked speakers
//! (`officials`, an unnamed spokesman) stay in the JSON Lines export only.

use dossier_core::contract::DocumentMetaJson;
use serde::Serialize;
use serde_json::{json, Value};

use crate::query::{DocRef, DocumentView, QuoteHit};
use crate::util::{char_pos, slice};
use crate::{Result, Store};

/// A document's metadata and text.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDocument {
    /// Id, path, format and metadata, as in the output contract.
    #[serde(flatten)]
    pub meta: DocumentMetaJson,
    /// The clean text.
    pub text: String,
    /// Wire credits, datelines and republication notes (the contract's
    /// `credits`).
    pub credits: Vec<dossier_core::contract::CreditJson>,
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
    Document(Box<ExportDocument>),
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
        self.export_entities(&mut |e| sink(ExportRecord::Entity(e)))?;
        self.for_each_document(&mut |seq, doc, text, fields| {
            sink(ExportRecord::Document(Box::new(ExportDocument {
                meta: DocumentMetaJson {
                    id: doc.id.clone(),
                    path: doc.path.clone(),
                    format: fields.format.clone(),
                    url: doc.url.clone(),
                    title: doc.title.clone(),
                    authors: fields.authors.clone(),
                    site: doc.site.clone(),
                    published: doc.published.clone(),
                    lang: fields.lang.clone(),
                    envelope: fields.envelope.clone(),
                },
                text: text.to_string(),
                credits: crate::credits::decode(fields.credits.clone(), text),
            })))?;
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

    /// Streams every document as [`Store::document`] shows it (metadata,
    /// text, sentences, mentions, quotes, dates), in the order stored: the
    /// whole of each document, for exports that keep documents together
    /// (Parquet tables).
    pub fn export_documents(&self, sink: &mut dyn FnMut(DocumentView) -> Result<()>) -> Result<()> {
        self.for_each_document(&mut |_, doc, _, _| sink(self.document(&doc.id)?))
    }

    /// Streams every entity, by id, with the analyst's merges named.
    pub fn export_entities(&self, sink: &mut dyn FnMut(ExportEntity) -> Result<()>) -> Result<()> {
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
            sink(ExportEntity {
                id: r.get(1)?,
                name: r.get(2)?,
                label: r.get(3)?,
                aliases: aliases.query_map([eid], |r| r.get(0))?.collect::<Result<_, _>>()?,
                facts: serde_json::from_str(&facts).unwrap_or(Value::Null),
                merged_into,
            })?;
        }
        Ok(())
    }

    /// Streams the store as FollowTheMoney entities (JSON objects with
    /// `id`, `schema`, `properties`).
    pub fn export_ftm(&self, sink: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT e.eid, e.id, e.name, e.label, e.facts, e.kind FROM entities e WHERE e.label IN ('PER', 'ORG', 'LOC') \
             AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity = e.eid) ORDER BY e.id",
        )?;
        let mut aliases =
            conn.prepare_cached("SELECT alias FROM aliases WHERE eid = ?1 ORDER BY count DESC, alias")?;
        // Entities exported as people or organisations: the only ones a
        // `Mention` may resolve to (a name NER read as a person can be linked
        // to a place entity).
        let mut legal: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut exported: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let eid: i64 = r.get(0)?;
            let id: String = r.get(1)?;
            let name: String = r.get(2)?;
            let label: Option<String> = r.get(3)?;
            let facts: Value = serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or(Value::Null);
            let kind: Option<String> = r.get(5)?;
            let alias: Vec<String> = aliases
                .query_map([eid], |r| r.get::<_, String>(0))?
                .filter_map(|a| a.ok())
                .filter(|a| *a != name)
                .collect();
            let schema = ftm_schema(label.as_deref());
            if matches!(schema, "Person" | "Organization") {
                legal.insert(id.clone());
            }
            exported.insert(id.clone());
            let mut props = json!({ "name": [name], "alias": alias });
            if schema == "Address" {
                props["full"] = json!([name]);
            }
            if let Some(c) = ftm_country(&facts, kind.as_deref(), &name) {
                props["country"] = json!([c]);
            }
            if schema == "Address" {
                ftm_place(&facts, &mut props);
            }
            sink(json!({ "id": ftm_entity_id(&id), "schema": schema, "properties": props }))?;
        }
        self.for_each_document(&mut |seq, doc, text, fields| {
            let file = doc.path.rsplit('/').next().unwrap_or(&doc.path).to_string();
            let name = doc.title.clone().unwrap_or_else(|| file.clone());
            let mut props = json!({
                "name": [if name.is_empty() { doc.id.clone() } else { name }],
                "title": doc.title.iter().collect::<Vec<_>>(),
                "fileName": [if file.is_empty() { doc.id.clone() } else { file }],
                "author": fields.authors,
                "publishedAt": doc.published.iter().collect::<Vec<_>>(),
                "publisher": doc.site.iter().collect::<Vec<_>>(),
                "sourceUrl": doc.url.iter().collect::<Vec<_>>(),
                "language": fields.lang.iter().map(|l| iso639_3(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>(),
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
                // `resolved` takes legal entities only: people and organisations.
                if let Some(e) = entity.as_ref().filter(|e| legal.contains(*e)) {
                    props["resolved"] = json!([ftm_entity_id(e)]);
                }
                if matches!(label.as_str(), "PER" | "ORG" | "LOC") {
                    props["detectedSchema"] = json!([ftm_schema(Some(&label))]);
                }
                sink(json!({ "id": format!("dossier-mention-{}-{i}", doc.id), "schema": "Mention", "properties": props }))?;
            }
            let quotes = self.quotes(&crate::QuoteParams { doc: Some(doc.id.clone()), ..Default::default() })?;
            for (i, q) in quotes.iter().enumerate() {
                let Some(speaker) = q.speaker.as_ref().and_then(|s| s.entity.as_ref()) else { continue };
                if !exported.contains(&speaker.id) {
                    continue;
                }
                let role = if q.kind == "direct" { "quoted" } else { "reported speech" };
                let mut props = json!({
                    "document": [doc_id],
                    "entity": [ftm_entity_id(&speaker.id)],
                    "role": [role],
                    "summary": [q.text],
                    "description": [q.context.text],
                });
                if let Some(d) = q.date.as_deref().and_then(ftm_date) {
                    props["date"] = json!([d]);
                }
                sink(json!({ "id": format!("dossier-quote-{}-{i}", doc.id), "schema": "Documentation", "properties": props }))?;
            }
            Ok(())
        })
    }

    /// Calls `f(seq, doc, text, (format, authors, lang))` for every
    /// document in `seq` order.
    #[allow(clippy::type_complexity)]
    fn for_each_document(
        &self,
        f: &mut dyn FnMut(i64, &DocRef, &str, &ExportFields) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT id, title, site, published, url, path, text, seq, format, authors, lang, envelope, credits \
             FROM documents ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc = crate::query::doc_ref(r)?;
            let text: String = r.get(6)?;
            let seq: i64 = r.get(7)?;
            let authors: String = r.get(9)?;
            let fields = ExportFields {
                format: r.get(8)?,
                authors: serde_json::from_str(&authors).unwrap_or_default(),
                lang: r.get(10)?,
                envelope: crate::util::envelope_of(r.get(11)?),
                credits: r.get(12)?,
            };
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

/// The columns of a document row that its `DocRef` does not carry.
struct ExportFields {
    format: String,
    authors: Vec<String>,
    lang: Option<String>,
    envelope: dossier_core::Envelope,
    /// The stored credits (see `credits.rs`).
    credits: Option<String>,
}

/// The FtM schema of an entity label.
fn ftm_schema(label: Option<&str>) -> &'static str {
    match label {
        Some("PER") => "Person",
        Some("ORG") => "Organization",
        Some("LOC") => "Address",
        _ => "LegalEntity",
    }
}

/// The lower-case ISO 3166 alpha-2 code FtM's `country` type takes: the
/// country of its GeoNames place, the entity's country fact (a knowledge-base code such as `KGZ`, or a name),
/// or, for a country itself, its own name.
fn ftm_country(facts: &Value, kind: Option<&str>, name: &str) -> Option<String> {
    let fact = |v: Option<&Value>| v.and_then(Value::as_str).and_then(crate::countries::alpha2);
    fact(facts.get("place").and_then(|p| p.get("country")))
        .or_else(|| fact(facts.get("country")))
        .or_else(|| fact(facts.get("kb").and_then(|k| k.get("country"))))
        .or_else(|| (kind == Some("country")).then(|| crate::countries::alpha2(name)).flatten())
        .or_else(|| {
            let code = facts.get("kb").and_then(|k| k.get("code")).and_then(Value::as_str)?;
            (kind == Some("country")).then(|| crate::countries::alpha2(code)).flatten()
        })
        .map(str::to_lowercase)
}

/// An `Address`'s GeoNames facts: the city or region it names, the
/// region a city lies in, and the coordinates of a city.
fn ftm_place(facts: &Value, props: &mut Value) {
    let Some(p) = facts.get("place") else { return };
    let text = |k: &str| p.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    match p.get("kind").and_then(Value::as_str) {
        Some("city") => {
            if let Some(n) = text("name") {
                props["city"] = json!([n]);
            }
            if let Some(r) = text("region") {
                props["region"] = json!([r]);
            }
        }
        Some("region") => {
            if let Some(n) = text("name") {
                props["region"] = json!([n]);
            }
        }
        _ => {}
    }
    for (from, to) in [("lat", "latitude"), ("lon", "longitude")] {
        if let Some(v) = p.get(from).and_then(Value::as_f64) {
            props[to] = json!([format!("{v}")]);
        }
    }
}

/// A contract date value as FtM's date type takes it (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`): an interval by its start; a year-less value is left out.
fn ftm_date(value: &str) -> Option<String> {
    let start = value.split('/').next().unwrap_or(value);
    let day = start.get(..10).unwrap_or(start);
    (!day.starts_with('-') && day.len() >= 4).then(|| day.to_string())
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
