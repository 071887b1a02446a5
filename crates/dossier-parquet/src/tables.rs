//! Contract documents into Arrow record batches, one per table. The
//! schemas are built here and nowhere else, so the writer, the readers in
//! the tests and `docs/parquet.md` agree on one layout.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{Float32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use dossier_core::contract::{DocumentJson, SpanJson, SpeakerJson};
use dossier_core::Envelope;

use crate::{SCHEMA_VERSION, SCHEMA_VERSION_KEY};

/// One entity, as the `entities` table holds it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityRow {
    /// The entity id mentions and speakers carry (`kimmo-kiljunen`).
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`, when known.
    pub label: Option<String>,
    /// The names it goes by.
    pub aliases: Vec<String>,
    /// What is known about it (knowledge base, place, descriptions) as a
    /// JSON object, when anything is.
    pub facts: Option<String>,
    /// The entity an analyst merged it into (stores only).
    pub merged_into: Option<String>,
}

#[cfg(feature = "linker")]
impl EntityRow {
    /// The row of an entity a linker made (`dossier extract`, the Python
    /// package, Spark's linking task): its label and facts as a store
    /// would keep them.
    pub fn of_record(rec: &dossier_link::EntityRecord) -> Self {
        EntityRow {
            id: rec.id.clone(),
            name: rec.name.clone(),
            label: Some(rec.label().as_str().to_string()),
            aliases: rec.aliases.clone(),
            facts: Some(rec.facts_json()),
            merged_into: None,
        }
    }
}

/// The rows a slice of documents gives each per-document table.
pub struct DocumentTables {
    /// One row per document.
    pub documents: RecordBatch,
    /// One row per entity mention.
    pub mentions: RecordBatch,
    /// One row per quote.
    pub quotes: RecordBatch,
    /// One row per date expression.
    pub dates: RecordBatch,
}

/// The schema of one table by name (one of [`crate::TABLES`]).
pub fn schema(table: &str) -> Option<SchemaRef> {
    let s = Schemas::get();
    Some(match table {
        "documents" => s.documents.clone(),
        "mentions" => s.mentions.clone(),
        "quotes" => s.quotes.clone(),
        "dates" => s.dates.clone(),
        "entities" => s.entities.clone(),
        _ => return None,
    })
}

struct Schemas {
    documents: SchemaRef,
    mentions: SchemaRef,
    quotes: SchemaRef,
    dates: SchemaRef,
    entities: SchemaRef,
}

impl Schemas {
    fn get() -> &'static Schemas {
        static SCHEMAS: std::sync::OnceLock<Schemas> = std::sync::OnceLock::new();
        SCHEMAS.get_or_init(|| {
            let str_ = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
            let int = |name: &str, nullable: bool| Field::new(name, DataType::Int64, nullable);
            let list_of = |name: &str, item: DataType| {
                Field::new(name, DataType::List(Arc::new(Field::new("item", item, true))), false)
            };
            let list = |name: &str| list_of(name, DataType::Utf8);
            let span = |prefix: &str| -> Vec<Field> {
                vec![
                    str_("doc_id", false),
                    int(&format!("{prefix}_index"), false),
                    int("start", false),
                    int("end", false),
                    str_("text", false),
                ]
            };
            let with_version = |fields: Vec<Field>| {
                let meta = HashMap::from([(SCHEMA_VERSION_KEY.to_string(), SCHEMA_VERSION.to_string())]);
                Arc::new(Schema::new_with_metadata(fields, meta))
            };
            let documents = vec![
                str_("doc_id", false),
                str_("path", false),
                str_("format", false),
                str_("url", true),
                str_("title", true),
                list("authors"),
                str_("site", true),
                str_("published", true),
                str_("lang", true),
                str_("source_id", true),
                str_("parent", true),
                str_("envelope", true),
                int("text_length", false),
                str_("text", false),
                // Version 2: what a store keeps beyond the items of the
                // other tables (sentence spans in code points; the
                // contract's `credits` and `no_comment` lists as JSON,
                // null when empty).
                list_of("sentence_starts", DataType::Int64),
                list_of("sentence_ends", DataType::Int64),
                str_("credits", true),
                str_("no_comment", true),
            ];
            let mut mentions = span("mention");
            mentions.extend([str_("label", false), str_("entity_id", true)]);
            let mut quotes = span("quote");
            quotes.extend([
                str_("kind", false),
                int("cue_start", true),
                int("cue_end", true),
                str_("cue_text", true),
                int("speaker_start", true),
                int("speaker_end", true),
                str_("speaker_text", true),
                str_("speaker_name", true),
                str_("speaker_entity_id", true),
                str_("speaker_role", true),
                str_("speaker_on_behalf_of", true),
                str_("speaker_channel", true),
                Field::new("confidence", DataType::Float32, true),
                list("candidates"),
                str_("date", true),
                str_("date_source", true),
                str_("via", true),
            ]);
            let mut dates = span("date");
            dates.push(str_("value", false));
            let entities = vec![
                str_("entity_id", false),
                str_("name", false),
                str_("label", true),
                list("aliases"),
                str_("facts", true),
                str_("merged_into", true),
            ];
            Schemas {
                documents: with_version(documents),
                mentions: with_version(mentions),
                quotes: with_version(quotes),
                dates: with_version(dates),
                entities: with_version(entities),
            }
        })
    }
}

/// The columns every span table starts with: document, position of the
/// item in its document's list, code-point span, covered text.
#[derive(Default)]
struct SpanColumns {
    doc_id: StringBuilder,
    index: Int64Builder,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
}

impl SpanColumns {
    fn push(&mut self, doc_id: &str, index: usize, start: usize, end: usize, text: &str) {
        self.doc_id.append_value(doc_id);
        self.index.append_value(index as i64);
        self.start.append_value(start as i64);
        self.end.append_value(end as i64);
        self.text.append_value(text);
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.index.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
        ]
    }
}

/// An optional span's three columns (`cue_*`, `speaker_*`).
#[derive(Default)]
struct OptionalSpan {
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
}

impl OptionalSpan {
    fn push(&mut self, span: Option<(usize, usize, &str)>) {
        self.start.append_option(span.map(|s| s.0 as i64));
        self.end.append_option(span.map(|s| s.1 as i64));
        self.text.append_option(span.map(|s| s.2));
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        vec![Arc::new(self.start.finish()), Arc::new(self.end.finish()), Arc::new(self.text.finish())]
    }
}

fn strings(b: &mut ListBuilder<StringBuilder>, items: &[String]) {
    for s in items {
        b.values().append_value(s);
    }
    b.append(true);
}

fn finish_str(mut b: StringBuilder) -> ArrayRef {
    Arc::new(b.finish())
}

fn finish_list(mut b: ListBuilder<StringBuilder>) -> ArrayRef {
    Arc::new(b.finish())
}

/// The envelope as JSON, or nothing when it says nothing.
fn envelope_json(envelope: &Envelope) -> Option<String> {
    if *envelope == Envelope::default() {
        return None;
    }
    serde_json::to_string(envelope).ok()
}

/// A list as JSON, or nothing when it is empty.
fn json_list<T: serde::Serialize>(items: &[T]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    serde_json::to_string(items).ok()
}

impl DocumentTables {
    /// The rows of `docs`, in order.
    pub fn new(docs: &[DocumentJson]) -> Result<Self, ArrowError> {
        let schemas = Schemas::get();
        Ok(DocumentTables {
            documents: documents_batch(&schemas.documents, docs)?,
            mentions: mentions_batch(&schemas.mentions, docs)?,
            quotes: quotes_batch(&schemas.quotes, docs)?,
            dates: dates_batch(&schemas.dates, docs)?,
        })
    }
}

fn documents_batch(schema: &SchemaRef, docs: &[DocumentJson]) -> Result<RecordBatch, ArrowError> {
    let mut c: Vec<StringBuilder> = (0..12).map(|_| StringBuilder::new()).collect();
    let mut authors = ListBuilder::new(StringBuilder::new());
    let mut text_length = Int64Builder::new();
    let mut text = StringBuilder::new();
    let mut sentence_starts = ListBuilder::new(Int64Builder::new());
    let mut sentence_ends = ListBuilder::new(Int64Builder::new());
    let (mut credits, mut no_comment) = (StringBuilder::new(), StringBuilder::new());
    for d in docs {
        let m = &d.meta;
        c[0].append_value(&m.id);
        c[1].append_value(&m.path);
        c[2].append_value(&m.format);
        c[3].append_option(m.url.as_deref());
        c[4].append_option(m.title.as_deref());
        strings(&mut authors, &m.authors);
        c[5].append_option(m.site.as_deref());
        c[6].append_option(m.published.as_deref());
        c[7].append_option(m.lang.as_deref());
        c[8].append_option(d.source_id.as_deref());
        c[9].append_option(m.envelope.parent.as_deref());
        c[10].append_option(envelope_json(&m.envelope));
        text_length.append_value(d.text.chars().count() as i64);
        text.append_value(&d.text);
        for [start, end] in &d.sentences {
            sentence_starts.values().append_value(*start as i64);
            sentence_ends.values().append_value(*end as i64);
        }
        sentence_starts.append(true);
        sentence_ends.append(true);
        credits.append_option(json_list(&d.credits));
        no_comment.append_option(json_list(&d.no_comment));
    }
    let mut c = c.into_iter().map(finish_str);
    let mut next = || c.next().expect("twelve string columns");
    let (id, path, format, url, title) = (next(), next(), next(), next(), next());
    let (site, published, lang, source_id, parent, envelope) =
        (next(), next(), next(), next(), next(), next());
    let columns: Vec<ArrayRef> = vec![
        id,
        path,
        format,
        url,
        title,
        finish_list(authors),
        site,
        published,
        lang,
        source_id,
        parent,
        envelope,
        Arc::new(text_length.finish()),
        finish_str(text),
        Arc::new(sentence_starts.finish()),
        Arc::new(sentence_ends.finish()),
        finish_str(credits),
        finish_str(no_comment),
    ];
    RecordBatch::try_new(schema.clone(), columns)
}

fn mentions_batch(schema: &SchemaRef, docs: &[DocumentJson]) -> Result<RecordBatch, ArrowError> {
    let mut span = SpanColumns::default();
    let (mut label, mut entity) = (StringBuilder::new(), StringBuilder::new());
    for d in docs {
        for (i, m) in d.entities.iter().enumerate() {
            span.push(&d.meta.id, i, m.start, m.end, &m.text);
            label.append_value(&m.label);
            entity.append_option(m.entity.as_deref());
        }
    }
    let mut columns = span.finish();
    columns.extend([finish_str(label), finish_str(entity)]);
    RecordBatch::try_new(schema.clone(), columns)
}

fn quotes_batch(schema: &SchemaRef, docs: &[DocumentJson]) -> Result<RecordBatch, ArrowError> {
    let mut span = SpanColumns::default();
    let mut kind = StringBuilder::new();
    let mut cue = OptionalSpan::default();
    let mut speaker = OptionalSpan::default();
    // name, entity id, role, on behalf of, channel.
    let mut who: Vec<StringBuilder> = (0..5).map(|_| StringBuilder::new()).collect();
    let mut confidence = Float32Builder::new();
    let mut candidates = ListBuilder::new(StringBuilder::new());
    let (mut date, mut date_source) = (StringBuilder::new(), StringBuilder::new());
    let mut via = StringBuilder::new();
    for d in docs {
        for (i, q) in d.quotes.iter().enumerate() {
            span.push(&d.meta.id, i, q.start, q.end, &q.text);
            kind.append_value(&q.kind);
            cue.push(q.cue.as_ref().map(|c: &SpanJson| (c.start, c.end, c.text.as_str())));
            let sp: Option<&SpeakerJson> = q.speaker.as_ref();
            speaker.push(sp.map(|s| (s.start, s.end, s.text.as_str())));
            who[0].append_option(sp.and_then(|s| s.name.as_deref()));
            who[1].append_option(sp.and_then(|s| s.entity.as_deref()));
            who[2].append_option(sp.and_then(|s| s.role.as_deref()));
            who[3].append_option(sp.and_then(|s| s.on_behalf_of.as_deref()));
            who[4].append_option(sp.and_then(|s| s.channel.as_deref()));
            confidence.append_option(q.confidence);
            strings(&mut candidates, &q.candidates);
            date.append_option(q.date.as_deref());
            date_source.append_option(q.date_source.as_deref());
            // The channels as the contract's JSON array, null when none.
            via.append_option((!q.via.is_empty()).then(|| serde_json::to_string(&q.via).ok()).flatten());
        }
    }
    let mut columns = span.finish();
    columns.push(finish_str(kind));
    columns.extend(cue.finish());
    columns.extend(speaker.finish());
    columns.extend(who.into_iter().map(finish_str));
    columns.push(Arc::new(confidence.finish()));
    columns.push(finish_list(candidates));
    columns.extend([finish_str(date), finish_str(date_source), finish_str(via)]);
    RecordBatch::try_new(schema.clone(), columns)
}

fn dates_batch(schema: &SchemaRef, docs: &[DocumentJson]) -> Result<RecordBatch, ArrowError> {
    let mut span = SpanColumns::default();
    let mut value = StringBuilder::new();
    for d in docs {
        for (i, t) in d.dates.iter().enumerate() {
            span.push(&d.meta.id, i, t.start, t.end, &t.text);
            value.append_value(&t.value);
        }
    }
    let mut columns = span.finish();
    columns.push(finish_str(value));
    RecordBatch::try_new(schema.clone(), columns)
}

/// The `entities` rows of `rows`, in order.
pub fn entities_batch(rows: &[EntityRow]) -> Result<RecordBatch, ArrowError> {
    let (mut id, mut name, mut label) = (StringBuilder::new(), StringBuilder::new(), StringBuilder::new());
    let mut aliases = ListBuilder::new(StringBuilder::new());
    let (mut facts, mut merged_into) = (StringBuilder::new(), StringBuilder::new());
    for r in rows {
        id.append_value(&r.id);
        name.append_value(&r.name);
        label.append_option(r.label.as_deref());
        strings(&mut aliases, &r.aliases);
        facts.append_option(r.facts.as_deref());
        merged_into.append_option(r.merged_into.as_deref());
    }
    let columns: Vec<ArrayRef> = vec![
        finish_str(id),
        finish_str(name),
        finish_str(label),
        finish_list(aliases),
        finish_str(facts),
        finish_str(merged_into),
    ];
    RecordBatch::try_new(Schemas::get().entities.clone(), columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use dossier_core::contract::{DateJson, EntityJson, QuoteJson};

    /// A document written for this test (not from any corpus), with one
    /// mention, one quote and one date, and a non-ASCII character before
    /// them so byte and code-point offsets differ.
    fn doc() -> DocumentJson {
        let text = "Zoë Ahlberg said: \"The bridge opens on 3 May.\"".to_string();
        let mut d: DocumentJson = serde_json::from_value(serde_json::json!({
            "id": "d1", "path": "a.txt", "format": "text", "url": null, "title": null,
            "authors": ["Ann Writer"], "site": null, "published": null, "lang": "en",
            "text": text, "sentences": [], "entities": [], "quotes": [], "dates": []
        }))
        .expect("a minimal contract document");
        d.entities.push(EntityJson {
            start: 0,
            end: 11,
            text: "Zoë Ahlberg".into(),
            label: "PER".into(),
            entity: Some("zoe-ahlberg".into()),
        });
        let mut q: QuoteJson = serde_json::from_value(serde_json::json!({
            "kind": "direct", "start": 19, "end": 45, "text": "The bridge opens on 3 May."
        }))
        .expect("a minimal quote");
        q.speaker = Some(
            serde_json::from_value(serde_json::json!({
                "start": 0, "end": 11, "text": "Zoë Ahlberg", "name": "Zoë Ahlberg", "entity": "zoe-ahlberg"
            }))
            .expect("a minimal speaker"),
        );
        d.quotes.push(q);
        d.dates.push(DateJson { start: 39, end: 44, text: "3 May".into(), value: "2026-05-03".into() });
        d
    }

    #[test]
    fn one_row_per_item_with_code_point_spans() {
        let t = DocumentTables::new(&[doc(), doc()]).unwrap();
        assert_eq!(t.documents.num_rows(), 2);
        assert_eq!(t.mentions.num_rows(), 2);
        assert_eq!(t.quotes.num_rows(), 2);
        assert_eq!(t.dates.num_rows(), 2);
        let len = t.documents.column_by_name("text_length").unwrap().as_primitive::<Int64Type>();
        // 46 characters, 47 bytes ('ë' is two bytes).
        assert_eq!(len.value(0), 46);
        let start = t.dates.column_by_name("start").unwrap().as_primitive::<Int64Type>();
        assert_eq!(start.value(0), 39);
        let who = t.quotes.column_by_name("speaker_entity_id").unwrap().as_string::<i32>();
        assert_eq!(who.value(1), "zoe-ahlberg");
        let cue = t.quotes.column_by_name("cue_start").unwrap();
        assert!(cue.is_null(0), "a quote without a cue has null cue columns");
    }

    #[test]
    fn every_table_carries_the_schema_version() {
        for name in crate::TABLES {
            let s = schema(name).unwrap();
            assert_eq!(s.metadata().get(SCHEMA_VERSION_KEY).map(String::as_str), Some(SCHEMA_VERSION));
        }
        assert!(schema("sentences").is_none());
    }

    #[test]
    fn an_empty_envelope_is_null_and_a_full_one_is_json() {
        assert_eq!(envelope_json(&Envelope::default()), None);
        let env = Envelope { subject: Some("Budget".into()), ..Envelope::default() };
        assert!(envelope_json(&env).unwrap().contains("\"subject\":\"Budget\""));
    }
}
