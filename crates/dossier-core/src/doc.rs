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
    /// One e-mail message: an `.eml` file or one message of an mbox.
    Email,
    /// A zip archive: no text of its own, its members are documents whose
    /// `parent` it is.
    Zip,
    /// An office file (`docx`, `odt`, `pptx`, `odp`, `xlsx`, `ods`,
    /// `csv`, `rtf`): its text in reading order, see `dossier-ingest`'s
    /// `office` module.
    Office(OfficeKind),
    /// A PDF document: the text of its pages (OCR for pages without text).
    Pdf,
    /// An image (PNG, JPEG, TIFF) read by OCR.
    Image,
}

/// Which office format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfficeKind {
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
    /// RTF.
    Rtf,
    /// PowerPoint (Office Open XML).
    Pptx,
    /// OpenDocument presentation.
    Odp,
    /// Excel (Office Open XML).
    Xlsx,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma- (or tab-, semicolon-) separated values.
    Csv,
}

impl OfficeKind {
    /// Every kind, for parsing names back.
    pub const ALL: [OfficeKind; 8] = [
        OfficeKind::Docx,
        OfficeKind::Odt,
        OfficeKind::Rtf,
        OfficeKind::Pptx,
        OfficeKind::Odp,
        OfficeKind::Xlsx,
        OfficeKind::Ods,
        OfficeKind::Csv,
    ];

    /// The contract's name: the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeKind::Docx => "docx",
            OfficeKind::Odt => "odt",
            OfficeKind::Rtf => "rtf",
            OfficeKind::Pptx => "pptx",
            OfficeKind::Odp => "odp",
            OfficeKind::Xlsx => "xlsx",
            OfficeKind::Ods => "ods",
            OfficeKind::Csv => "csv",
        }
    }
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
            Format::Email => "email",
            Format::Zip => "zip",
            Format::Office(kind) => kind.as_str(),
            Format::Pdf => "pdf",
            Format::Image => "image",
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
            "email" => Format::Email,
            "zip" => Format::Zip,
            "pdf" => Format::Pdf,
            "image" => Format::Image,
            other => return OfficeKind::ALL.into_iter().find(|k| k.as_str() == other).map(Format::Office),
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
    /// Where the document was found and what its envelope said (e-mail
    /// headers, archive member name, cable header fields).
    pub envelope: Envelope,
    /// The clean main text.
    pub text: String,
}

/// What a document's container or header said about it beyond the common
/// metadata: the message or archive it came from, e-mail headers, a
/// cable's header fields. Serialised flat into the contract's document
/// object (its "Extensions"); every field is `null` or `[]` when unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Envelope {
    /// The id of the document this one was found in: the e-mail message of
    /// an attachment, the zip archive of a member.
    #[serde(default)]
    pub parent: Option<String>,
    /// The file name the document had in its container (an attachment's
    /// name, a zip member's path).
    #[serde(default)]
    pub filename: Option<String>,
    /// Addressees (`To`, a cable's `TO`), as written (`Name <addr>`).
    #[serde(default)]
    pub to: Vec<String>,
    /// Copy addressees (`Cc`).
    #[serde(default)]
    pub cc: Vec<String>,
    /// The subject line, as written (also the title when there is no other).
    #[serde(default)]
    pub subject: Option<String>,
    /// The message's `Message-ID`, without angle brackets.
    #[serde(default)]
    pub message_id: Option<String>,
    /// The `Message-ID` this message answers (`In-Reply-To`), without angle
    /// brackets: threads are followed through it.
    #[serde(default)]
    pub in_reply_to: Option<String>,
    /// A cable's or memo's classification (`CONFIDENTIAL`, `SECRET//NOFORN`).
    #[serde(default)]
    pub classification: Option<String>,
    /// The documents a cable's `REF:` line cites, one entry each.
    #[serde(default)]
    pub references: Vec<String>,
    /// A PDF's pages: the code-point offset in `text` at which each page
    /// starts, first page first (`[0, 1830, 3907]`); empty for documents
    /// without pages. A span starting at `s` is on page `k + 1` for the
    /// last `k` with `pages[k] <= s`.
    #[serde(default)]
    pub pages: Vec<usize>,
}

impl Envelope {
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Envelope::default()
    }
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
            envelope: Envelope::default(),
            text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_read_back() {
        for kind in OfficeKind::ALL {
            assert_eq!(Format::parse(Format::Office(kind).as_str()), Some(Format::Office(kind)));
        }
        assert_eq!(Format::parse("zip"), Some(Format::Zip));
        assert_eq!(Format::parse("doc"), None);
    }
}
