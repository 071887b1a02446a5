//! RSS 2.0, Atom and RDF feeds: each item is one document with its title,
//! link, date and authors; HTML content goes through the HTML extractor.
//!
//! A feed is streamed, one item at a time, like JSON Lines and WARC: a
//! quick-xml pass finds each `<item>`/`<entry>` element and its raw bytes,
//! and feed-rs parses that item alone, wrapped in the feed's own opening
//! tags (so namespaces, `xml:base` and the declared encoding still apply).
//! The channel's title and authors are parsed once, from the bytes before
//! the first item. Memory is bounded by the largest item, not the feed.

use std::io::{BufRead, Read};

use dossier_core::Format;
use quick_xml::events::Event;

use crate::limits::{size, MAX_FEED_ITEM_BYTES};
use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// Most bytes of a feed before its first item (channel title, description,
/// image…) kept for the channel's metadata; past it the feed is still read
/// but its items carry no site name or feed authors.
const MAX_HEAD_BYTES: usize = 4 << 20;

/// The items of a feed held in memory (fuzzing, tests).
pub fn items(path: String, bytes: &[u8]) -> RawDocs {
    stream(path, Box::new(std::io::Cursor::new(bytes.to_vec())))
}

/// Streams the items of a feed reader.
pub fn stream(path: String, mut reader: Box<dyn BufRead + Send>) -> RawDocs {
    // Transcoded to UTF-8 (from the BOM or the declared encoding) before
    // splitting; the pieces handed to feed-rs carry no declaration, so it
    // reads them as the UTF-8 they now are.
    let declared = reader.fill_buf().ok().and_then(declared_encoding);
    let mut utf8 = quick_xml::encoding::DecodingReader::new(reader);
    if let Some(encoding) = declared {
        // Before the first read, so the reader's own BOM check still wins.
        utf8.set_encoding(encoding);
    }
    let mut xml =
        quick_xml::Reader::from_reader(Recorder { inner: Box::new(utf8), rec: Vec::new(), origin: 0 });
    xml.config_mut().check_end_names = true;
    Box::new(FeedItems {
        path,
        xml,
        buf: Vec::new(),
        prologue: Vec::new(),
        open: Vec::new(),
        head_end: None,
        channel: None,
        count: 0,
        done: false,
    })
}

/// The ASCII-compatible encoding an XML declaration at the start of `head`
/// names (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
fn declared_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &head[..head.len().min(1024)];
    let decl = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).strip_prefix(b"<?xml")?;
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[at + 8..];
    let open = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let quote = rest[open];
    let label = &rest[open + 1..];
    let label = &label[..label.iter().position(|&b| b == quote)?];
    encoding_rs::Encoding::for_label(label).filter(|e| e.is_ascii_compatible())
}

/// A `BufRead` that keeps the bytes consumed through it since `origin`, so
/// that the raw bytes of an element can be cut out by position.
struct Recorder {
    inner: Box<dyn BufRead + Send>,
    rec: Vec<u8>,
    /// Absolute position of `rec[0]`.
    origin: u64,
}

impl Recorder {
    /// The recorded bytes from absolute position `from` to `to`.
    fn slice(&self, from: u64, to: u64) -> &[u8] {
        let a = (from.saturating_sub(self.origin) as usize).min(self.rec.len());
        let b = (to.saturating_sub(self.origin) as usize).min(self.rec.len());
        &self.rec[a..b.max(a)]
    }

    /// Forgets the bytes before absolute position `pos`.
    fn forget_before(&mut self, pos: u64) {
        let n = (pos.saturating_sub(self.origin) as usize).min(self.rec.len());
        self.rec.drain(..n);
        self.origin += n as u64;
    }
}

impl Read for Recorder {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Recorder {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            self.rec.extend_from_slice(&buf[..n.min(buf.len())]);
        }
        self.inner.consume(n);
    }
}

/// What the channel says of every item.
#[derive(Default)]
struct Channel {
    site: Option<String>,
    authors: Vec<String>,
}

struct FeedItems {
    path: String,
    xml: quick_xml::Reader<Recorder>,
    buf: Vec<u8>,
    /// The doctype, as written (entities a feed may declare).
    prologue: Vec<u8>,
    /// Elements open around the current position: (raw start tag, name).
    open: Vec<(Vec<u8>, Vec<u8>)>,
    /// Where the head (everything before the first item) ends, once known.
    head_end: Option<u64>,
    channel: Option<Channel>,
    count: usize,
    done: bool,
}

impl FeedItems {
    fn err(&mut self, reason: String) -> Option<Result<RawDoc, IngestError>> {
        self.done = true;
        Some(Err(IngestError::new(self.path.clone(), reason)))
    }

    /// `</b></a>` for the open elements `a`, `b`.
    fn closing_tags(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (_, name) in self.open.iter().rev() {
            out.extend_from_slice(b"</");
            out.extend_from_slice(name);
            out.push(b'>');
        }
        out
    }

    /// The feed's prologue and the start tags of the open elements.
    fn opening(&self) -> Vec<u8> {
        let mut doc = self.prologue.clone();
        for (tag, _) in &self.open {
            doc.extend_from_slice(tag);
        }
        doc
    }

    /// Parses the head (the bytes before the first item, when kept) for the
    /// channel's title and authors; an error means this is not a feed.
    fn read_channel(&mut self, head_end: u64) -> Result<(), String> {
        let recorder = self.xml.get_ref();
        // A head too long to keep leaves only the opening tags.
        let mut doc = if recorder.origin == 0 {
            let head = recorder.slice(0, head_end);
            // Without its declaration, which named the encoding before transcoding.
            let decl_end = match head.strip_prefix(b"<?xml") {
                Some(rest) => rest.windows(2).position(|w| w == b"?>").map_or(0, |i| i + 7),
                None => 0,
            };
            head[decl_end..].to_vec()
        } else {
            self.opening()
        };
        doc.extend_from_slice(&self.closing_tags());
        let feed = feed_rs::parser::parse(&doc[..]).map_err(|e| format!("malformed feed: {e}"))?;
        self.channel = Some(Channel {
            site: feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|s| !s.is_empty()),
            authors: names(&feed.authors),
        });
        Ok(())
    }
}

impl Iterator for FeedItems {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Start of the item being read, and whether it outgrew the bound.
        let mut item: Option<(u64, usize, bool)> = None;
        loop {
            if self.done {
                return None;
            }
            let before = self.xml.buffer_position();
            self.buf.clear();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => {
                    let at = self.xml.error_position();
                    return self.err(format!("malformed feed: {e} (at byte {at})"));
                }
            };
            let after = self.xml.buffer_position();
            if let Some((start, depth, oversized)) = item.as_mut() {
                match &event {
                    Event::Start(_) => *depth += 1,
                    Event::End(_) if *depth > 0 => *depth -= 1,
                    Event::End(_) => {
                        let (start, oversized) = (*start, *oversized);
                        return Some(self.item(start, after, oversized));
                    }
                    Event::Eof => return self.err("feed ends inside an item".into()),
                    _ => {}
                }
                if (after - *start) as usize > MAX_FEED_ITEM_BYTES {
                    // Keep reading to the item's end without holding it.
                    *oversized = true;
                    self.xml.get_mut().forget_before(after);
                }
                continue;
            }
            match event {
                Event::DocType(_) if self.open.is_empty() => {
                    let raw = self.xml.get_ref().slice(before, after).to_vec();
                    if self.prologue.len() + raw.len() <= 64 << 10 {
                        self.prologue.extend_from_slice(&raw);
                    }
                }
                Event::Start(ref e) | Event::Empty(ref e)
                    if matches!(e.local_name().into_inner(), "item" | "entry") && self.open.len() <= 3 =>
                {
                    if self.head_end.is_none() {
                        self.head_end = Some(before);
                        if let Err(reason) = self.read_channel(before) {
                            return self.err(reason);
                        }
                    }
                    if matches!(event, Event::Empty(_)) {
                        return Some(self.item(before, after, false));
                    }
                    item = Some((before, 0, false));
                    // Bytes before the item are no longer needed.
                    self.xml.get_mut().forget_before(before);
                    continue;
                }
                Event::Start(e) => {
                    let raw = self.xml.get_ref().slice(before, after).to_vec();
                    self.open.push((raw, e.name().into_inner().as_bytes().to_vec()));
                }
                Event::End(_) => {
                    self.open.pop();
                }
                Event::Eof => {
                    self.done = true;
                    if self.head_end.is_none() {
                        // No item: still say so if this is no feed at all.
                        if let Err(reason) = self.read_channel(after) {
                            return Some(Err(IngestError::new(self.path.clone(), reason)));
                        }
                    }
                    return None;
                }
                _ => {}
            }
            // Outside items only the head is kept, and only up to its bound.
            if self.head_end.is_some() || after as usize > MAX_HEAD_BYTES {
                self.xml.get_mut().forget_before(after);
            }
        }
    }
}

impl FeedItems {
    /// The document of the item whose raw bytes run from `start` to `end`.
    fn item(&mut self, start: u64, end: u64, oversized: bool) -> Result<RawDoc, IngestError> {
        self.count += 1;
        let locator = format!("{}#item {}", self.path, self.count);
        let bytes = self.xml.get_ref().slice(start, end).to_vec();
        self.xml.get_mut().forget_before(end);
        if oversized {
            let reason = format!(
                "item of {} larger than {}: not read",
                size(end - start),
                size(MAX_FEED_ITEM_BYTES as u64)
            );
            return Err(IngestError::new(locator, reason));
        }
        let mut doc = self.opening();
        doc.extend_from_slice(&bytes);
        doc.extend_from_slice(&self.closing_tags());
        let feed = feed_rs::parser::parse(&doc[..])
            .map_err(|e| IngestError::new(locator.clone(), format!("malformed item: {e}")))?;
        let entry =
            feed.entries.into_iter().next().ok_or_else(|| IngestError::new(locator.clone(), "empty item"))?;
        let channel = self.channel.get_or_insert_with(Channel::default);
        Ok(entry_doc(&self.path, locator, entry, channel))
    }
}

/// One feed entry as a raw document.
fn entry_doc(path: &str, locator: String, entry: feed_rs::model::Entry, channel: &Channel) -> RawDoc {
    let (body_text, is_html) = match (&entry.content, &entry.summary) {
        (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let b = c.body.clone().unwrap_or_default();
            let html = c.content_type.to_string().contains("html") || looks_like_html(&b);
            (b, html)
        }
        (_, Some(s)) => {
            (s.content.clone(), s.content_type.to_string().contains("html") || looks_like_html(&s.content))
        }
        _ => (String::new(), false),
    };
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let title = entry.title.as_ref().map(|t| strip_tags(&t.content)).filter(|s| !s.is_empty());
    let mut authors = names(&entry.authors);
    if authors.is_empty() {
        authors = channel.authors.clone();
    }
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    // An item has no bytes of its own in the file; its id hashes what
    // identifies it, so the same item fetched again keeps its id.
    let identity = format!(
        "{}\n{}\n{}\n{}",
        entry.id,
        url.as_deref().unwrap_or(""),
        title.as_deref().unwrap_or(""),
        body_text
    );
    RawDoc {
        path: path.to_string(),
        locator,
        format: Format::FeedItem,
        bytes: identity.into_bytes(),
        body: if is_html { Body::HtmlString(body_text) } else { Body::PlainString(body_text) },
        charset: None,
        meta: ContainerMeta {
            url,
            title,
            authors,
            site: channel.site.clone(),
            published,
            source_id: Some(entry.id).filter(|s| !s.is_empty()),
            ..ContainerMeta::default()
        },
        warnings: Vec::new(),
    }
}

fn names(people: &[feed_rs::model::Person]) -> Vec<String> {
    people
        .iter()
        .map(|p| p.name.as_deref().unwrap_or("").trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn looks_like_html(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('<') || s.contains("</p>") || s.contains("<br")
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(bytes: &[u8]) -> Vec<Result<RawDoc, IngestError>> {
        items("f.xml".into(), bytes).collect()
    }

    fn text(d: &RawDoc) -> &str {
        match &d.body {
            Body::HtmlString(s) | Body::PlainString(s) => s,
            _ => "",
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Valley Courier</title><link>https://courier.example/</link>
<item><title>Council votes on the bridge</title><link>https://courier.example/a</link>
<dc:creator>Ana Ruiz</dc:creator><pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The council met on Monday.</p>]]></content:encoded></item>
<item><title>Second story</title><link>https://courier.example/b</link><description>Plain words here.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_stream_with_channel_and_namespaces() {
        let got = docs(RSS.as_bytes());
        assert_eq!(got.len(), 2);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.locator, "f.xml#item 1");
        assert_eq!(a.meta.title.as_deref(), Some("Council votes on the bridge"));
        assert_eq!(a.meta.site.as_deref(), Some("The Valley Courier"));
        assert_eq!(a.meta.url.as_deref(), Some("https://courier.example/a"));
        assert_eq!(a.meta.authors, vec!["Ana Ruiz".to_string()]);
        assert!(a.meta.published.as_deref().unwrap().starts_with("2026-11-03"));
        assert!(text(a).contains("The council met on Monday."));
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.locator, "f.xml#item 2");
        assert_eq!(text(b), "Plain words here.");
    }

    #[test]
    fn atom_entries_and_feed_authors() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><author><name>Desk</name></author>
<id>urn:w</id><updated>2026-11-01T00:00:00Z</updated>
<entry><id>urn:1</id><title>One</title><updated>2026-11-01T08:00:00Z</updated><content type="text">First text.</content></entry>
<entry><id>urn:2</id><title>Two</title><updated>2026-11-02T08:00:00Z</updated><summary>Second text.</summary></entry></feed>"#;
        let got = docs(atom.as_bytes());
        assert_eq!(got.len(), 2);
        let two = got[1].as_ref().unwrap();
        assert_eq!(two.meta.source_id.as_deref(), Some("urn:2"));
        assert_eq!(two.meta.site.as_deref(), Some("Wire"));
        assert_eq!(two.meta.authors, vec!["Desk".to_string()]);
        assert_eq!(text(two), "Second text.");
    }

    #[test]
    fn declared_single_byte_encoding_is_decoded() {
        let mut bytes =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf"
                .to_vec();
        bytes.push(0xE9); // é in Latin-1
        bytes.extend_from_slice(
            b"</title><item><title>Se\xF1or</title><description>Ni\xF1o</description></item></channel></rss>",
        );
        let got = docs(&bytes);
        let d = got[0].as_ref().unwrap();
        assert_eq!(d.meta.site.as_deref(), Some("Café"));
        assert_eq!(d.meta.title.as_deref(), Some("Señor"));
        assert_eq!(text(d), "Niño");
    }

    #[test]
    fn an_item_past_the_bound_is_refused_and_the_next_is_read() {
        let mut feed = String::from(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>big</title><description>",
        );
        feed.push_str(&"word ".repeat(MAX_FEED_ITEM_BYTES / 5 + 10));
        feed.push_str("</description></item><item><title>small</title><description>ok</description></item></channel></rss>");
        let got = docs(feed.as_bytes());
        assert_eq!(got.len(), 2);
        let err = got[0].as_ref().unwrap_err();
        assert!(err.to_string().contains("larger than 16.0 MiB: not read"), "{err}");
        assert_eq!(got[1].as_ref().unwrap().meta.title.as_deref(), Some("small"));
    }

    #[test]
    fn broken_xml_keeps_the_items_before_it() {
        let broken = RSS.replace("<item><title>Second", "<item><title>Second</wrong>");
        let got = docs(broken.as_bytes());
        assert!(got[0].is_ok());
        let err = got.last().unwrap().as_ref().unwrap_err();
        assert!(err.to_string().contains("malformed feed"), "{err}");
    }

    #[test]
    fn xml_that_is_no_feed_is_an_error() {
        let got = docs(b"<?xml version=\"1.0\"?><catalog><book>x</book></catalog>");
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().to_string().contains("malformed feed"));
    }

    #[test]
    fn a_feed_without_items_gives_nothing() {
        assert!(docs(b"<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>").is_empty());
    }
}
