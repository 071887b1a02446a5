//! A document: clean text plus the metadata ingest found for it.

/// Where a document came from, as the contract's `format` field names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A plain-text file, read verbatim.
    Text,
    /// An HTML page, reduced to its main text.
    Html,
    /// One `response`/`resource` record of a WARC archive.
    WarcRecord,
    /// One item of an RSS or Atom feed.
    FeedItem,
    /// One line of a JSON Lines file.
    Jsonl,
}

impl Format {
    /// The contract's name for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::WarcRecord => "warc-record",
            Format::FeedItem => "feed-item",
            Format::Jsonl => "jsonl",
        }
    }

    /// Parses the contract's name back.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "html" => Format::Html,
            "warc-record" => Format::WarcRecord,
            "feed-item" => Format::FeedItem,
            "jsonl" => Format::Jsonl,
            _ => return None,
        })
    }
}

/// One document: its identity, metadata and clean main text.
///
/// Every annotation produced later indexes into `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// sha256 (hex) of the raw bytes the document was read from.
    pub id: String,
    /// The input path as given, or `-` for standard input.
    pub path: String,
    /// The input format.
    pub format: Format,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Title, when known.
    pub title: Option<String>,
    /// Authors, in the order the source gives them.
    pub authors: Vec<String>,
    /// Site or publisher name, when known.
    pub site: Option<String>,
    /// Publication date (ISO 8601 date or date-time), when known.
    pub published: Option<String>,
    /// ISO 639-1 language code, when identified.
    pub lang: Option<String>,
    /// The identifier the source itself gave the document (a JSON Lines
    /// `id`, a feed item's guid, a WARC record id), when it has one.
    pub source_id: Option<String>,
    /// Place named by a dateline (`MOSCOW, Nov 21, 2007 (AFP) –`), when any.
    pub dateline_place: Option<String>,
    /// The clean main text.
    pub text: String,
}

impl Document {
    /// A document with the given identity and text and no metadata.
    pub fn new(id: String, path: String, format: Format, text: String) -> Self {
        Document {
            id,
            path,
            format,
            url: None,
            title: None,
            authors: Vec::new(),
            site: None,
            published: None,
            lang: None,
            source_id: None,
            dateline_place: None,
            text,
        }
    }
}
