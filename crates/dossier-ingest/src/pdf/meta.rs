//! A PDF's title, authors and creation date: from its XMP metadata stream
//! (`dc:title`, `dc:creator`, `xmp:CreateDate`), else from its document
//! information dictionary (`/Title`, `/Author`, `/CreationDate`). Titles a
//! program made up (`Microsoft Word - draft.docx`, `untitled`) are dropped.

use std::sync::OnceLock;

use lopdf::{Document, Object};
use regex::Regex;

/// What the PDF says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfMeta {
    /// Title.
    pub title: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Creation date, ISO 8601.
    pub created: Option<String>,
}

/// Reads the metadata of `doc`; XMP wins field by field.
pub fn read(doc: &Document) -> PdfMeta {
    let xmp = xmp_of(doc).map(|x| from_xmp(&x)).unwrap_or_default();
    let info = info_of(doc);
    PdfMeta {
        title: xmp.title.or(info.title).filter(|t| !made_up_title(t)),
        authors: if xmp.authors.is_empty() { info.authors } else { xmp.authors },
        created: xmp.created.or(info.created),
    }
}

fn info_of(doc: &Document) -> PdfMeta {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            o => Some(o),
        })
        .and_then(|o| o.as_dict().ok())
    else {
        return PdfMeta::default();
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => doc.get_object(*id).ok(),
                o => Some(o),
            })
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    PdfMeta {
        title: text(b"Title"),
        authors: text(b"Author").map(|a| split_authors(&a)).unwrap_or_default(),
        created: text(b"CreationDate").and_then(|d| pdf_date(&d)),
    }
}

/// `Ana Lind; Per Berg` → two names; a single `Lind, Ana` stays one.
fn split_authors(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
}

/// A PDF date (`D:20240315120000+01'00'`, any trailing part optional) as
/// ISO 8601: a date-time with its offset when it has a time, else a day.
pub fn pdf_date(s: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}?'?)?")
            .expect("constant pattern")
    });
    let c = re.captures(s.trim())?;
    let num = |i: usize, default: u32| c.get(i).and_then(|m| m.as_str().parse().ok()).unwrap_or(default);
    let (y, mo, d) = (num(1, 0), num(2, 1), num(3, 1));
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y as i32, mo, d)?;
    if c.get(4).is_none() {
        return Some(format!("{y:04}-{mo:02}-{d:02}"));
    }
    let (h, mi, sec) = (num(4, 0), num(5, 0), num(6, 0));
    if h > 23 || mi > 59 || sec > 59 {
        return Some(format!("{y:04}-{mo:02}-{d:02}"));
    }
    let offset = match c.get(7).map(|m| m.as_str().replace('\'', "")) {
        None => String::new(),
        Some(z) if z == "Z" => "Z".into(),
        Some(z) => {
            let (sign, digits) = z.split_at(1);
            let hh = digits.get(..2).unwrap_or("00");
            let mm = digits.get(2..4).unwrap_or("00");
            format!("{sign}{hh}:{mm}")
        }
    };
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{sec:02}{offset}"))
}

/// The XMP packet of the catalog's `/Metadata` stream, when any.
fn xmp_of(doc: &Document) -> Option<String> {
    let id = doc.catalog().ok()?.get(b"Metadata").ok()?.as_reference().ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    // An XMP packet is a few KB; a huge one is not read.
    (bytes.len() <= 1 << 20).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

/// Title, creators and creation date of an XMP packet.
pub fn from_xmp(xml: &str) -> PdfMeta {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    let [title, creator, li, created] = RE.get_or_init(|| {
        [
            Regex::new(r"(?s)<dc:title\b[^>]*>(.*?)</dc:title>").expect("constant pattern"),
            Regex::new(r"(?s)<dc:creator\b[^>]*>(.*?)</dc:creator>").expect("constant pattern"),
            Regex::new(r"(?s)<rdf:li\b[^>]*>(.*?)</rdf:li>").expect("constant pattern"),
            Regex::new(r#"(?s)xmp:CreateDate(?:="([^"]*)"|>([^<]*)<)"#).expect("constant pattern"),
        ]
    });
    let items = |block: Option<regex::Captures>| -> Vec<String> {
        let Some(block) = block else { return Vec::new() };
        li.captures_iter(&block[1]).map(|c| unescape(c[1].trim())).filter(|s| !s.is_empty()).collect()
    };
    let date =
        created.captures(xml).and_then(|c| c.get(1).or(c.get(2))).map(|m| m.as_str().trim().to_string());
    PdfMeta {
        title: items(title.captures(xml)).into_iter().next(),
        authors: items(creator.captures(xml)),
        created: date.and_then(|d| iso_date(&d)),
    }
}

/// An XMP date (`2024-03-15T12:00:00+01:00`, `2024-03-15`, `2024`) as ISO
/// 8601, when it is one.
fn iso_date(s: &str) -> Option<String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.to_rfc3339());
    }
    let day = s.get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|_| day.to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A title a program gave rather than an author.
fn made_up_title(t: &str) -> bool {
    let lower = t.to_lowercase();
    lower.starts_with("microsoft word - ")
        || lower.starts_with("microsoft powerpoint - ")
        || ["untitled", "title", "document", "(anonymous)"].contains(&lower.as_str())
        || [".doc", ".docx", ".pdf", ".odt", ".rtf", ".indd", ".tex", ".qxd"]
            .iter()
            .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso() {
        assert_eq!(pdf_date("D:20240315120000+01'00'").as_deref(), Some("2024-03-15T12:00:00+01:00"));
        assert_eq!(pdf_date("D:20240315120000Z").as_deref(), Some("2024-03-15T12:00:00Z"));
        assert_eq!(pdf_date("D:20240315").as_deref(), Some("2024-03-15"));
        assert_eq!(pdf_date("D:2024031512").as_deref(), Some("2024-03-15T12:00:00"));
        assert_eq!(pdf_date("D:20241345"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn xmp_title_creators_and_date() {
        let xml = r#"<x:xmpmeta><rdf:RDF><rdf:Description xmp:CreateDate="2019-11-18T09:30:00+01:00">
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Audit of the Harbour Fund</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>Ana Lind</rdf:li><rdf:li>Per Berg &amp; Co</rdf:li></rdf:Seq></dc:creator>
            </rdf:Description></rdf:RDF></x:xmpmeta>"#;
        let m = from_xmp(xml);
        assert_eq!(m.title.as_deref(), Some("Audit of the Harbour Fund"));
        assert_eq!(m.authors, vec!["Ana Lind".to_string(), "Per Berg & Co".into()]);
        assert_eq!(m.created.as_deref(), Some("2019-11-18T09:30:00+01:00"));
    }

    #[test]
    fn program_titles_are_not_titles() {
        assert!(made_up_title("Microsoft Word - budget_v3.docx"));
        assert!(made_up_title("scan0001.pdf"));
        assert!(!made_up_title("Annual report 2023"));
    }
}
