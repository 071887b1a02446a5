//! The JSON output contract (`docs/output-contract.md`), the one serialised
//! face of the data model.
//!
//! These types mirror the contract field for field, with offsets in Unicode
//! code points. [`DocumentJson::new`] builds one from a [`Document`] and its
//! [`Annotations`], converting byte spans once. Fields are only ever added
//! here, never renamed or re-meant; unknown values serialise as `null`/`[]`.

use serde::{Deserialize, Serialize};

use crate::annot::{Annotations, Quote, Speaker};
use crate::doc::{Document, Envelope};
use crate::span::{CharOffsets, Span};

/// What is known about a document besides its text and annotations: the
/// first fields of the contract's document object, shared by `extract`'s
/// lines, the store's document view and its export (each flattens it, so
/// the JSON is the same flat object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentMetaJson {
    /// sha256 of the raw input bytes, hex.
    pub id: String,
    /// The input path as given, or `-`.
    pub path: String,
    /// `text`, `html`, `warc-record`, `feed-item`, `jsonl`, `email`, `zip`, or
    /// an office format (`docx`, `odt`, `rtf`, `pptx`, `odp`, `xlsx`, `ods`, `csv`).
    pub format: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site or publisher.
    pub site: Option<String>,
    /// ISO 8601 publication date.
    pub published: Option<String>,
    /// ISO 639-1 language.
    pub lang: Option<String>,
    /// Extensions: `parent`, `filename`, `to`, `cc`, `subject`,
    /// `message_id`, `in_reply_to`, `classification`, `references`, `pages`.
    #[serde(flatten)]
    pub envelope: Envelope,
}

impl DocumentMetaJson {
    /// The metadata of `doc`.
    pub fn of(doc: &Document) -> Self {
        DocumentMetaJson {
            id: doc.id.clone(),
            path: doc.path.clone(),
            format: doc.format.as_str().to_string(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            authors: doc.authors.clone(),
            site: doc.site.clone(),
            published: doc.published.clone(),
            lang: doc.lang.clone(),
            envelope: doc.envelope.clone(),
        }
    }
}

/// One document line of `dossier extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentJson {
    /// Id, path, format and metadata.
    #[serde(flatten)]
    pub meta: DocumentMetaJson,
    /// The clean main text; all offsets index into it (code points).
    pub text: String,
    /// Sentence `[start, end)` pairs.
    pub sentences: Vec<[usize; 2]>,
    /// Named-entity mentions.
    pub entities: Vec<EntityJson>,
    /// Attributed statements.
    pub quotes: Vec<QuoteJson>,
    /// Date expressions.
    pub dates: Vec<DateJson>,
    /// Extension: the identifier the source gave the document (JSON Lines
    /// `id`, feed guid, WARC-Record-ID), when any.
    #[serde(default)]
    pub source_id: Option<String>,
    /// Extension: who declined to comment or could not be reached.
    #[serde(default)]
    pub no_comment: Vec<NoCommentJson>,
    /// Extension: where the text says it comes from (wire credits,
    /// datelines, republication notes).
    #[serde(default)]
    pub credits: Vec<CreditJson>,
}

/// A credit the document gives itself (`(AFP)`, `MOSCOW, Nov 21, 2007
/// (AFP)`, `originally published by X`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditJson {
    /// `wire`, `dateline` or `republished`.
    pub kind: String,
    /// The agency (by its short name), outlet or dateline place.
    pub name: String,
    /// Start of the words that give the credit (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The words.
    pub text: String,
}

impl CreditJson {
    /// The contract form of a credit of a text with offsets `offsets`.
    pub fn of(text: &str, offsets: &CharOffsets, c: &crate::annot::Credit) -> Self {
        let (start, end) = offsets.span(c.span);
        CreditJson {
            kind: c.kind.as_str().to_string(),
            name: c.name.clone(),
            start,
            end,
            text: c.span.slice(text).to_string(),
        }
    }
}

/// A refusal or failure to comment (`declined to comment`): never a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoCommentJson {
    /// Start of the words that say so (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The words (`declined to comment`).
    pub text: String,
    /// Who declined, `null` when the text does not say.
    pub speaker: Option<SpeakerJson>,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityJson {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    /// Cross-document entity id, when linked.
    pub entity: Option<String>,
}

/// A plain span with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanJson {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A quote's speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerJson {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The words the text uses.
    pub text: String,
    /// Resolved name.
    pub name: Option<String>,
    /// Cross-document entity id.
    pub entity: Option<String>,
    /// Apposition describing the speaker.
    #[serde(default)]
    pub role: Option<String>,
    /// Whom the speaker speaks for (`a spokesman for X` → X).
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// The outlet the statement was made to or through (`told Reuters`).
    #[serde(default)]
    pub channel: Option<String>,
}

/// An attributed statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteJson {
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Start of the content (code points).
    pub start: usize,
    /// End of the content (code points, exclusive).
    pub end: usize,
    /// The content.
    pub text: String,
    /// The cue, when any.
    pub cue: Option<SpanJson>,
    /// The speaker, `null` when none or unclear.
    pub speaker: Option<SpeakerJson>,
    /// Confidence 0–1.
    #[serde(default)]
    pub confidence: Option<f32>,
    /// Names considered when the speaker is unclear.
    #[serde(default)]
    pub candidates: Vec<String>,
    /// When the statement was made.
    #[serde(default)]
    pub date: Option<String>,
    /// `text` or `document`.
    #[serde(default)]
    pub date_source: Option<String>,
    /// The channels the text says the statement came through, in text
    /// order (`told Kommersant`); empty when it names none.
    #[serde(default)]
    pub via: Vec<ViaJson>,
}

/// A channel of a statement (`told Kommersant`, `in a statement to AFP`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViaJson {
    /// `told`, `interview`, `statement`, `release`, `post`,
    /// `according_to`, `reported_by` or `quoted_by`.
    pub kind: String,
    /// The outlet, platform or person named, `null` when none is
    /// (`in a press release`).
    pub name: Option<String>,
    /// Cross-document entity id of the name, when linked.
    #[serde(default)]
    pub entity: Option<String>,
    /// Start of the words that say so (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The words (`told Russia's Kommersant daily`).
    pub text: String,
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateJson {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// Normalised ISO 8601 value.
    pub value: String,
}

struct Conv<'a> {
    text: &'a str,
    offsets: CharOffsets,
}

impl Conv<'_> {
    fn span(&self, span: Span) -> SpanJson {
        let (start, end) = self.offsets.span(span);
        SpanJson { start, end, text: span.slice(self.text).to_string() }
    }
}

impl DocumentJson {
    /// Builds the contract object, converting byte spans to code points.
    pub fn new(doc: &Document, ann: &Annotations) -> Self {
        let conv = Conv { text: &doc.text, offsets: CharOffsets::new(&doc.text) };
        DocumentJson {
            meta: DocumentMetaJson::of(doc),
            text: doc.text.clone(),
            sentences: ann
                .sentences
                .iter()
                .map(|s| {
                    let (a, b) = conv.offsets.span(*s);
                    [a, b]
                })
                .collect(),
            entities: ann
                .entities
                .iter()
                .map(|m| {
                    let s = conv.span(m.span);
                    EntityJson {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        label: m.label.as_str().to_string(),
                        entity: m.entity.clone(),
                    }
                })
                .collect(),
            quotes: ann.quotes.iter().map(|q| quote_json(&conv, q)).collect(),
            dates: ann
                .dates
                .iter()
                .map(|d| {
                    let s = conv.span(d.span);
                    DateJson { start: s.start, end: s.end, text: s.text, value: d.value.clone() }
                })
                .collect(),
            source_id: doc.source_id.clone(),
            no_comment: ann
                .no_comment
                .iter()
                .map(|n| {
                    let s = conv.span(n.span);
                    NoCommentJson {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        speaker: n.speaker.as_ref().map(|sp| speaker_json(&conv, sp)),
                    }
                })
                .collect(),
            credits: ann.credits.iter().map(|c| CreditJson::of(&doc.text, &conv.offsets, c)).collect(),
        }
    }
}

fn quote_json(conv: &Conv<'_>, q: &Quote) -> QuoteJson {
    let content = conv.span(q.span);
    QuoteJson {
        kind: q.kind.as_str().to_string(),
        start: content.start,
        end: content.end,
        text: content.text,
        cue: q.cue.map(|c| conv.span(c)),
        speaker: q.speaker.as_ref().map(|sp| speaker_json(conv, sp)),
        confidence: q.confidence,
        candidates: q.candidates.clone(),
        date: q.date.clone(),
        date_source: q.date_source.map(|d| d.as_str().to_string()),
        via: q
            .via
            .iter()
            .map(|v| {
                let s = conv.span(v.span);
                ViaJson {
                    kind: v.kind.as_str().to_string(),
                    name: v.name.clone(),
                    entity: v.entity.clone(),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                }
            })
            .collect(),
    }
}

fn speaker_json(conv: &Conv<'_>, sp: &Speaker) -> SpeakerJson {
    let s = conv.span(sp.span);
    SpeakerJson {
        start: s.start,
        end: s.end,
        text: s.text,
        name: sp.name.clone(),
        entity: sp.entity.clone(),
        role: sp.role.clone(),
        on_behalf_of: sp.on_behalf_of.clone(),
        channel: sp.channel.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annot::{EntityLabel, Mention};
    use crate::doc::Format;

    #[test]
    fn every_contract_key_is_present_and_offsets_are_code_points() {
        let text = "“Račak” 🙂 Kimmo Kiljunen said.".to_string();
        let b = text.find("Kimmo").unwrap();
        let doc = Document::new("x".into(), "a.txt".into(), Format::Text, text.clone());
        let ann = Annotations {
            sentences: vec![Span::new(0, text.len())],
            entities: vec![Mention { span: Span::new(b, b + 14), label: EntityLabel::Per, entity: None }],
            ..Default::default()
        };
        let json = serde_json::to_value(DocumentJson::new(&doc, &ann)).unwrap();
        for key in [
            "id",
            "path",
            "format",
            "url",
            "title",
            "authors",
            "site",
            "published",
            "lang",
            "text",
            "sentences",
            "entities",
            "quotes",
            "dates",
            "no_comment",
            "credits",
            "parent",
            "filename",
            "to",
            "cc",
            "subject",
            "message_id",
            "in_reply_to",
            "classification",
            "references",
            "pages",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        let e = &json["entities"][0];
        let chars: Vec<char> = text.chars().collect();
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..t].iter().collect::<String>(), "Kimmo Kiljunen");
        assert_eq!(json["sentences"][0][1].as_u64().unwrap() as usize, chars.len());
    }
}
