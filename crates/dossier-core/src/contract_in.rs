//! The contract read back: a [`DocumentJson`] (from `dossier extract`'s
//! output, a Parquet table or a Spark stage) into the [`Document`] and
//! [`Annotations`] it was made from, code points turned back into bytes.
//! What lets linking run on documents annotated elsewhere, and a store
//! load results without running the NLP stages again.

use crate::annot::{
    Annotations, Credit, CreditKind, DateMention, DateSource, EntityLabel, Mention, NoComment, Quote,
    QuoteKind, Speaker, Via, ViaKind,
};
use crate::contract::{DocumentJson, SpeakerJson, ViaJson};
use crate::doc::{Document, Format};
use crate::span::Span;

/// Why a contract document could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractError(pub String);

impl std::fmt::Display for ContractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ContractError {}

/// Code points to bytes for one text.
struct ByteOffsets {
    /// `bytes[c]` is the byte offset of code point `c`, for `0..=len`.
    bytes: Vec<usize>,
}

impl ByteOffsets {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        ByteOffsets { bytes }
    }

    fn span(&self, start: usize, end: usize) -> Result<Span, ContractError> {
        match (self.bytes.get(start), self.bytes.get(end)) {
            (Some(&s), Some(&e)) if s <= e => Ok(Span { start: s, end: e }),
            _ => Err(ContractError(format!(
                "span {start}..{end} outside a text of {} code points",
                self.bytes.len() - 1
            ))),
        }
    }
}

impl DocumentJson {
    /// The document and annotations this contract object describes. The
    /// one field the contract does not carry, `Document::dateline_place`,
    /// is left empty (the dateline is among the credits). Spans outside the
    /// text and unknown labels, kinds or formats are errors.
    pub fn to_parts(&self) -> Result<(Document, Annotations), ContractError> {
        let at = ByteOffsets::new(&self.text);
        let m = &self.meta;
        let format = Format::parse(&m.format)
            .ok_or_else(|| ContractError(format!("unknown format `{}`", m.format)))?;
        let mut doc = Document::new(m.id.clone(), m.path.clone(), format, self.text.clone());
        doc.url = m.url.clone();
        doc.title = m.title.clone();
        doc.authors = m.authors.clone();
        doc.site = m.site.clone();
        doc.published = m.published.clone();
        doc.lang = m.lang.clone();
        doc.source_id = self.source_id.clone();
        doc.envelope = m.envelope.clone();
        let speaker = |s: &SpeakerJson| -> Result<Speaker, ContractError> {
            Ok(Speaker {
                span: at.span(s.start, s.end)?,
                name: s.name.clone(),
                entity: s.entity.clone(),
                role: s.role.clone(),
                on_behalf_of: s.on_behalf_of.clone(),
                channel: s.channel.clone(),
            })
        };
        let mut ann = Annotations::default();
        for [s, e] in &self.sentences {
            ann.sentences.push(at.span(*s, *e)?);
        }
        for e in &self.entities {
            let label = EntityLabel::parse(&e.label)
                .ok_or_else(|| ContractError(format!("unknown label `{}`", e.label)))?;
            ann.entities.push(Mention { span: at.span(e.start, e.end)?, label, entity: e.entity.clone() });
        }
        for q in &self.quotes {
            let kind = QuoteKind::parse(&q.kind)
                .ok_or_else(|| ContractError(format!("unknown kind `{}`", q.kind)))?;
            let date_source = match q.date_source.as_deref() {
                None => None,
                Some("text") => Some(DateSource::Text),
                Some("document") => Some(DateSource::Document),
                Some(other) => return Err(ContractError(format!("unknown date_source `{other}`"))),
            };
            ann.quotes.push(Quote {
                kind,
                span: at.span(q.start, q.end)?,
                cue: q.cue.as_ref().map(|c| at.span(c.start, c.end)).transpose()?,
                speaker: q.speaker.as_ref().map(speaker).transpose()?,
                confidence: q.confidence,
                candidates: q.candidates.clone(),
                date: q.date.clone(),
                date_source,
                via: q.via.iter().map(|v| self.via(&at, v)).collect::<Result<_, _>>()?,
            });
        }
        for d in &self.dates {
            ann.dates.push(DateMention { span: at.span(d.start, d.end)?, value: d.value.clone() });
        }
        for n in &self.no_comment {
            ann.no_comment.push(NoComment {
                span: at.span(n.start, n.end)?,
                speaker: n.speaker.as_ref().map(speaker).transpose()?,
            });
        }
        for c in &self.credits {
            let kind = CreditKind::parse(&c.kind)
                .ok_or_else(|| ContractError(format!("unknown credit kind `{}`", c.kind)))?;
            ann.credits.push(Credit { kind, name: c.name.clone(), span: at.span(c.start, c.end)? });
        }
        Ok((doc, ann))
    }

    /// One channel read back. The contract keeps the channel's name, not
    /// where it stands, so the name is found again inside the words that
    /// say so (the linker links it there); a name not written there as
    /// given is left without a place.
    fn via(&self, at: &ByteOffsets, v: &ViaJson) -> Result<Via, ContractError> {
        let kind =
            ViaKind::parse(&v.kind).ok_or_else(|| ContractError(format!("unknown via kind `{}`", v.kind)))?;
        let span = at.span(v.start, v.end)?;
        let name_span = v.name.as_deref().and_then(|name| {
            let words = self.text.get(span.start..span.end)?;
            let i = words.find(name)?;
            Some(Span { start: span.start + i, end: span.start + i + name.len() })
        });
        Ok(Via { kind, span, name: v.name.clone(), name_span, entity: v.entity.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document written for this test, with a non-ASCII name before
    /// every span so code points and bytes differ.
    fn parts() -> (Document, Annotations) {
        let text = "Zoë Ahlberg said on 3 May, speaking to Radio Nord: \"The bridge opens.\" (AP) She declined to comment further.";
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span { start, end: start + needle.len() }
        };
        let mut doc = Document::new("d1".into(), "a.txt".into(), Format::Text, text.into());
        doc.title = Some("Bridge".into());
        doc.source_id = Some("s-1".into());
        let zoe = Speaker {
            span: at("Zoë Ahlberg"),
            name: Some("Zoë Ahlberg".into()),
            entity: Some("zoe-ahlberg".into()),
            role: None,
            on_behalf_of: None,
            channel: Some("Radio".into()),
        };
        let ann = Annotations {
            sentences: vec![Span { start: 0, end: at("\"The bridge opens.\"").end }],
            entities: vec![Mention {
                span: at("Zoë Ahlberg"),
                label: EntityLabel::Per,
                entity: Some("zoe-ahlberg".into()),
            }],
            quotes: vec![Quote {
                kind: QuoteKind::Direct,
                span: at("\"The bridge opens.\""),
                cue: Some(at("said")),
                speaker: Some(zoe.clone()),
                confidence: Some(0.5),
                candidates: vec!["Zoë Ahlberg".into()],
                date: Some("2026-05-03".into()),
                date_source: Some(DateSource::Text),
                via: vec![Via {
                    kind: ViaKind::Told,
                    span: at("speaking to Radio Nord"),
                    name: Some("Radio Nord".into()),
                    name_span: Some(at("Radio Nord")),
                    entity: Some("radio-nord".into()),
                }],
            }],
            dates: vec![DateMention { span: at("3 May"), value: "2026-05-03".into() }],
            no_comment: vec![NoComment { span: at("declined to comment"), speaker: Some(zoe) }],
            credits: vec![Credit { kind: CreditKind::Wire, name: "AP".into(), span: at("(AP)") }],
        };
        (doc, ann)
    }

    #[test]
    fn a_contract_document_reads_back_to_its_parts() {
        let (doc, ann) = parts();
        let json = DocumentJson::new(&doc, &ann);
        assert_eq!(json.to_parts().unwrap(), (doc, ann));
    }

    #[test]
    fn a_span_beyond_the_text_is_an_error() {
        let (doc, ann) = parts();
        let mut json = DocumentJson::new(&doc, &ann);
        json.dates[0].end = json.text.chars().count() + 1;
        assert!(json.to_parts().unwrap_err().0.contains("outside"));
        json.dates.clear();
        json.entities[0].label = "PERSON".into();
        assert!(json.to_parts().is_err());
    }
}
