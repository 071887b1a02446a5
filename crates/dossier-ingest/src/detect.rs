//! Format detection from content, with the file name only breaking ties.

/// What an input (after gzip decompression) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A WARC archive.
    Warc,
    /// An RSS or Atom (or RDF) feed.
    Feed,
    /// An HTML page.
    Html,
    /// JSON Lines.
    Jsonl,
    /// One e-mail message (RFC 5322, an `.eml` file).
    Email,
    /// An mbox archive of e-mail messages.
    Mbox,
    /// A zip archive (an office file in a zip is told apart when it is opened).
    Zip,
    /// An office file that is no zip archive: RTF, CSV (see `office/`).
    Office(dossier_core::OfficeKind),
    /// A PDF document.
    Pdf,
    /// An image OCR can read (PNG, JPEG, TIFF).
    Image,
    /// Plain text.
    Text,
    /// Binary data that is none of the above.
    Binary,
}

/// True when `head` starts with the gzip magic bytes.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Sniffs the format from the first bytes of the (decompressed) content and
/// the file name (without a trailing `.gz`).
pub fn sniff(head: &[u8], name: &str) -> Sniffed {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if head.starts_with(b"WARC/") {
        return Sniffed::Warc;
    }
    if let Some(kind) = crate::mail::sniff::sniff_mail_or_zip(head, name) {
        return kind;
    }
    if let Some(kind) = crate::office::sniff(head, name) {
        return kind;
    }
    if let Some(kind) = pdf_or_image(head) {
        return kind;
    }
    if crate::archive::binary_kind(head).is_some() {
        return Sniffed::Binary;
    }
    let has_bom16 = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || crate::decode::utf16_without_bom(head).is_some();
    if !has_bom16 && looks_binary(head) {
        return Sniffed::Binary;
    }
    let text_head = strip_bom_and_space(head);
    let lower: Vec<u8> = text_head.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    if text_head.starts_with(b"<") {
        if starts_with_markup(&lower, &[b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title"])
        {
            return Sniffed::Html;
        }
        if contains(&lower, b"<rss") || contains(&lower, b"<feed") || contains(&lower, b"<rdf:rdf") {
            return Sniffed::Feed;
        }
        if contains(&lower, b"<html")
            || contains(&lower, b"<body")
            || contains(&lower, b"<p>")
            || contains(&lower, b"<div")
        {
            return Sniffed::Html;
        }
        if name.ends_with(".xml") || name.ends_with(".rss") || name.ends_with(".atom") {
            return Sniffed::Feed;
        }
    }
    if text_head.starts_with(b"{")
        && (name.ends_with(".jsonl") || name.ends_with(".ndjson") || first_line_is_object(text_head))
    {
        return Sniffed::Jsonl;
    }
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        return Sniffed::Html;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Sniffed::Jsonl;
    }
    if name.ends_with(".warc") {
        return Sniffed::Warc;
    }
    Sniffed::Text
}

/// A PDF (`%PDF-` in the first KB: the format allows bytes before it) or
/// an image Tesseract reads.
fn pdf_or_image(head: &[u8]) -> Option<Sniffed> {
    if find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Some(Sniffed::Pdf);
    }
    let image = head.starts_with(b"\x89PNG\r\n\x1a\n")
        || head.starts_with(b"\xFF\xD8\xFF")
        || head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*");
    image.then_some(Sniffed::Image)
}

/// Binary: NUL bytes or many control characters in the first 8 KB.
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) || b == 0x7F).count();
    control * 10 > sample.len().max(1)
}

fn strip_bom_and_space(head: &[u8]) -> &[u8] {
    let h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = h.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(h.len());
    let h = &h[start..];
    // Skip an XML declaration and comments before the root element.
    h
}

fn starts_with_markup(lower: &[u8], prefixes: &[&[u8]]) -> bool {
    let mut s = lower;
    // Skip `<?xml …?>` and `<!-- … -->` preambles.
    loop {
        if s.starts_with(b"<?") {
            match find(s, b"?>") {
                Some(p) => s = trim_start(&s[p + 2..]),
                None => return false,
            }
        } else if s.starts_with(b"<!--") {
            match find(s, b"-->") {
                Some(p) => s = trim_start(&s[p + 3..]),
                None => return false,
            }
        } else {
            break;
        }
    }
    prefixes.iter().any(|p| s.starts_with(p))
}

fn trim_start(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(s.len());
    &s[start..]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn first_line_is_object(head: &[u8]) -> bool {
    match head.iter().position(|&b| b == b'\n') {
        Some(end) => matches!(
            serde_json::from_slice::<serde_json::Value>(&head[..end]),
            Ok(serde_json::Value::Object(_))
        ),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_format_from_content() {
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo", "a.bin"), Sniffed::Warc);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">", "x"), Sniffed::Feed);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "x"),
            Sniffed::Feed
        );
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>", "page.txt"), Sniffed::Html);
        assert_eq!(sniff(b"<div><p>hi</p></div>", "snippet"), Sniffed::Html);
        assert_eq!(sniff(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n", "dump"), Sniffed::Jsonl);
        assert_eq!(sniff(b"Kiljunen said on August 23.", "a.html"), Sniffed::Html);
        assert_eq!(sniff(b"Kiljunen said on August 23.", "notes"), Sniffed::Text);
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\x00\x00", "a.txt"), Sniffed::Binary);
        assert_eq!(sniff(b"", "empty.txt"), Sniffed::Text);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00\x00\x00", "x"), Sniffed::Zip);
        assert_eq!(sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "report"), Sniffed::Pdf);
        assert_eq!(sniff(b"junk before\r\n%PDF-1.4\n", "a.txt"), Sniffed::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "scan"), Sniffed::Image);
        assert_eq!(sniff(b"II*\0\x08\0\0\0", "fax"), Sniffed::Image);
        assert_eq!(
            sniff(b"From: Ana Lind <ana@example.org>\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nHello", "m"),
            Sniffed::Email
        );
        assert_eq!(
            sniff(
                b"From ana@example.org Tue Mar  4 10:22:00 2008\nFrom: ana@example.org\nSubject: x\n\nHi\n",
                "box"
            ),
            Sniffed::Mbox
        );
        // A memo whose header says FROM and TO is text, not mail.
        assert_eq!(
            sniff(b"DATE: 2008-03-04\nFROM: AMEMBASSY OSH\nTO: SECSTATE\n\n1. (C) Text.", "c"),
            Sniffed::Text
        );
        assert_eq!(sniff(b"From the start, the minister said.\nHe left.", "a.txt"), Sniffed::Text);
        use dossier_core::OfficeKind;
        assert_eq!(sniff(b"{\\rtf1\\ansi Hello}", "x"), Sniffed::Office(OfficeKind::Rtf));
        assert_eq!(sniff(b"name,vote\nAna,yes\n", "votes.csv"), Sniffed::Office(OfficeKind::Csv));
        assert_eq!(sniff(b"name,vote\nAna,yes\n", "votes"), Sniffed::Text);
    }

    #[test]
    fn gzip_magic() {
        assert!(is_gzip(&[0x1f, 0x8b, 8, 0]));
        assert!(!is_gzip(b"<html>"));
    }
}
