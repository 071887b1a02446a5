//! Annotations the NLP stages attach to a document. All spans are byte
//! offsets into `Document::text`.

use crate::span::Span;

/// The four CoNLL-2003 entity classes the contract uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place: country, city, region, geographic feature.
    Loc,
    /// Any other name: nationalities, events, works, products.
    Misc,
}

impl EntityLabel {
    /// All labels, in a fixed order.
    pub const ALL: [EntityLabel; 4] =
        [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc, EntityLabel::Misc];

    /// The contract's name (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Parses `PER`/`ORG`/`LOC`/`MISC`.
    pub fn parse(s: &str) -> Option<EntityLabel> {
        Some(match s {
            "PER" => EntityLabel::Per,
            "ORG" => EntityLabel::Org,
            "LOC" => EntityLabel::Loc,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where the name stands in the text.
    pub span: Span,
    /// Its class.
    pub label: EntityLabel,
    /// The cross-document entity id, once linked.
    pub entity: Option<String>,
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Wholly inside quotation marks.
    Direct,
    /// Reported speech, no quotation marks.
    Indirect,
    /// Partly quoted.
    Mixed,
}

impl QuoteKind {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }

    /// Parses the contract's name.
    pub fn parse(s: &str) -> Option<QuoteKind> {
        Some(match s {
            "direct" => QuoteKind::Direct,
            "indirect" => QuoteKind::Indirect,
            "mixed" => QuoteKind::Mixed,
            _ => return None,
        })
    }
}

/// Who a statement is attributed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The words the text uses for the speaker ("he", "Kiljunen", "a spokeswoman for …").
    pub span: Span,
    /// The resolved name, when the words point to a named actor.
    pub name: Option<String>,
    /// The cross-document entity id, once linked.
    pub entity: Option<String>,
    /// An apposition describing the speaker, when the text gives one (or the
    /// description of an unnamed speaker: `spokesman for the ministry`).
    pub role: Option<String>,
    /// Whom the speaker speaks for (`a spokesman for X said` → X), when the text says.
    pub on_behalf_of: Option<String>,
    /// The outlet the statement was made to or through (`X told Reuters`), when the text says.
    pub channel: Option<String>,
}

/// Whether a statement's date comes from the text or from the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The text says when the statement was made.
    Text,
    /// The document's own date stands in.
    Document,
}

impl DateSource {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Document => "document",
        }
    }
}

/// A statement attributed to someone.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The content that is attributed.
    pub span: Span,
    /// The cue ("said", "according to"), when there is one.
    pub cue: Option<Span>,
    /// The speaker, or `None` when the text gives none or leaves it unclear.
    pub speaker: Option<Speaker>,
    /// Confidence in the attribution, 0–1.
    pub confidence: Option<f32>,
    /// Names considered when the speaker is unclear.
    pub candidates: Vec<String>,
    /// When the statement was made (ISO 8601, possibly partial).
    pub date: Option<String>,
    /// Where `date` comes from.
    pub date_source: Option<DateSource>,
    /// The channels the text says the statement came through (`told
    /// Kommersant`, `in a statement to AFP`, `according to Time
    /// magazine`), in text order; empty when it names none.
    pub via: Vec<Via>,
}

/// How a statement reached the text, as the text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViaKind {
    /// Said to an outlet (`told Kommersant`, `speaking to the BBC`).
    Told,
    /// In an interview (`in an interview with the BBC`).
    Interview,
    /// In a statement, to an outlet when the text names one (`in a
    /// statement to AFP`).
    Statement,
    /// In a (press) release.
    Release,
    /// Posted on a platform (`wrote on X`, `in a post on Telegram`).
    Post,
    /// `according to Time magazine`, when someone else is the speaker.
    AccordingTo,
    /// `as reported by X`, `as X reported`.
    ReportedBy,
    /// `quoted by Interfax`, `Interfax quoted him as saying`.
    QuotedBy,
}

impl ViaKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ViaKind; 8] = [
        ViaKind::Told,
        ViaKind::Interview,
        ViaKind::Statement,
        ViaKind::Release,
        ViaKind::Post,
        ViaKind::AccordingTo,
        ViaKind::ReportedBy,
        ViaKind::QuotedBy,
    ];

    /// The contract's name (`told`, `interview`, `statement`, `release`,
    /// `post`, `according_to`, `reported_by`, `quoted_by`).
    pub fn as_str(self) -> &'static str {
        match self {
            ViaKind::Told => "told",
            ViaKind::Interview => "interview",
            ViaKind::Statement => "statement",
            ViaKind::Release => "release",
            ViaKind::Post => "post",
            ViaKind::AccordingTo => "according_to",
            ViaKind::ReportedBy => "reported_by",
            ViaKind::QuotedBy => "quoted_by",
        }
    }

    /// The kind named by [`ViaKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        ViaKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One channel of a statement: its kind, the words that say so, and the
/// outlet, platform or person named (none for `in a press release`).
#[derive(Debug, Clone, PartialEq)]
pub struct Via {
    /// What kind of channel.
    pub kind: ViaKind,
    /// The words that say so (`told Russia's Kommersant daily`): the evidence.
    pub span: Span,
    /// The channel's name, as the text gives it in its fullest form.
    pub name: Option<String>,
    /// Where the name stands (inside `span`): what the linker links.
    pub name_span: Option<Span>,
    /// The cross-document entity id of the name, once linked.
    pub entity: Option<String>,
}

/// A speaker who said nothing: `declined to comment`, `did not respond to
/// requests for comment`, `could not be reached`. Never a statement, but
/// news in itself.
#[derive(Debug, Clone, PartialEq)]
pub struct NoComment {
    /// The words that say so (`declined to comment`).
    pub span: Span,
    /// Who declined, when the text says (resolved like a quote's speaker).
    pub speaker: Option<Speaker>,
}

/// A date expression with its normalised value.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Where the expression stands in the text.
    pub span: Span,
    /// ISO 8601 value, possibly partial (`2010-09`, `2010`) or a range
    /// (`2010-09/2010-11`).
    pub value: String,
}

/// Everything the NLP stages found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotations {
    /// Sentence spans, in text order.
    pub sentences: Vec<Span>,
    /// Named-entity mentions, in text order.
    pub entities: Vec<Mention>,
    /// Attributed statements, in text order.
    pub quotes: Vec<Quote>,
    /// Date expressions, in text order.
    pub dates: Vec<DateMention>,
    /// Refusals and failures to comment, in text order.
    pub no_comment: Vec<NoComment>,
    /// What the document says about where its text comes from (wire
    /// credits, datelines, republication notes), in text order.
    pub credits: Vec<Credit>,
}

/// The kind of a document's credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditKind {
    /// A news agency the text credits (`(AFP)`, `– AP`, `Reuters
    /// contributed to this report`).
    Wire,
    /// The place line a wire story opens with (`MOSCOW, Nov 21, 2007 (AFP)`).
    Dateline,
    /// A note that the text was published elsewhere first (`originally
    /// published by`, `first appeared in`, `Source:`).
    Republished,
}

impl CreditKind {
    /// `wire`, `dateline` or `republished`.
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Wire => "wire",
            CreditKind::Dateline => "dateline",
            CreditKind::Republished => "republished",
        }
    }

    /// The kind named by [`CreditKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "wire" => Some(CreditKind::Wire),
            "dateline" => Some(CreditKind::Dateline),
            "republished" => Some(CreditKind::Republished),
            _ => None,
        }
    }
}

/// A credit the document gives itself: its kind, whom it names (an agency
/// or outlet as the text writes it; the place of a dateline) and the words
/// that say so.
#[derive(Debug, Clone, PartialEq)]
pub struct Credit {
    /// What kind of credit.
    pub kind: CreditKind,
    /// The agency, outlet or (for a dateline) place named.
    pub name: String,
    /// The words that give the credit.
    pub span: Span,
}
