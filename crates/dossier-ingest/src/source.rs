//! Inputs, raw documents, and building a [`Document`] from a raw one.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dossier_core::{Document, Format};
use sha2::{Digest, Sha256};

use crate::decode::decode;
use crate::detect::{is_gzip, sniff, Sniffed};
use crate::error::{describe_io, IngestError};

/// One input: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, with the path as the user gave it (or as found in a folder walk).
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The path as shown in output and messages (`-` for standard input).
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Expands the user's arguments into inputs: files as they are, folders
/// walked recursively in sorted order (hidden entries skipped), `-` as
/// standard input. Paths that do not exist are returned as errors, in order.
pub fn expand_inputs(args: &[String]) -> Vec<Result<Input, IngestError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &mut out),
            Ok(_) => out.push(Ok(Input::File(path))),
            Err(e) => out.push(Err(IngestError::new(arg.clone(), describe_io(&e)))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, IngestError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Err(IngestError::new(dir.display().to_string(), describe_io(&e))));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(Input::File(p)));
        }
    }
}

/// Metadata a container (WARC record, feed item, JSON line) gives a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerMeta {
    /// URL of the record or item.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site or publisher.
    pub site: Option<String>,
    /// Publication date; page metadata, when present, wins over a record date.
    pub published: Option<String>,
    /// The container's own id for the document.
    pub source_id: Option<String>,
}

/// What a raw document's body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// `bytes` are plain text to decode verbatim.
    Text,
    /// `bytes` are an HTML page to decode and extract.
    Html,
    /// Already-decoded plain text (a JSON line's `text`).
    PlainString(String),
    /// Already-decoded HTML (a feed item's content).
    HtmlString(String),
}

/// A document as read, before decoding and extraction.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// The input path as given (`-` for standard input).
    pub path: String,
    /// Where exactly it came from, for messages (`a.warc.gz#record 3`).
    pub locator: String,
    /// The contract format.
    pub format: Format,
    /// The raw bytes: the document id is their sha256, and [`Body::Text`] and
    /// [`Body::Html`] are decoded from them.
    pub bytes: Vec<u8>,
    /// What the body is.
    pub body: Body,
    /// A declared charset (HTTP `Content-Type`), if any.
    pub charset: Option<String>,
    /// What the container said about the document.
    pub meta: ContainerMeta,
}

/// A built document and the warnings met on the way (one line each).
#[derive(Debug, Clone)]
pub struct Built {
    /// The document.
    pub doc: Document,
    /// Non-fatal problems, e.g. undecodable bytes.
    pub warnings: Vec<String>,
}

impl RawDoc {
    /// Decodes, extracts and identifies: the CPU-heavy, order-free half of
    /// ingest. Fails only on content that yields no document at all.
    pub fn build(self) -> Result<Built, IngestError> {
        let mut warnings = Vec::new();
        let id = hex::encode(Sha256::digest(&self.bytes));
        let mut meta = self.meta;
        // A plain-text file names its title and byline in its first lines.
        let plain_file = self.body == Body::Text;
        let text = match self.body {
            Body::Text => {
                let d = decode(&self.bytes, self.charset.as_deref(), false);
                if d.had_errors {
                    warnings.push(format!("undecodable bytes as {} replaced by U+FFFD", d.encoding));
                }
                d.text
            }
            Body::PlainString(s) => s,
            Body::Html => {
                let d = decode(&self.bytes, self.charset.as_deref(), true);
                if d.had_errors {
                    warnings.push(format!("undecodable bytes as {} replaced by U+FFFD", d.encoding));
                }
                html_text(&d.text, &mut meta)
            }
            Body::HtmlString(html) => html_text(&html, &mut meta),
        };
        if plain_file && meta.title.is_none() {
            let read = crate::headline::text_meta(&text);
            meta.title = read.title;
            if meta.authors.is_empty() {
                meta.authors = read.authors;
            }
        }
        let mut doc = Document::new(id, self.path, self.format, text);
        doc.lang = crate::lang::identify(&doc.text);
        doc.url = meta.url;
        doc.title = meta.title;
        doc.authors = meta.authors;
        doc.site = meta.site;
        doc.published = meta.published;
        doc.source_id = meta.source_id;
        Ok(Built { doc, warnings })
    }
}

/// Extracts a page's main text, merging its metadata into the container's.
/// The page's own metadata is richer than a container's, except where the
/// container is the authority (a feed's title and link).
fn html_text(html: &str, meta: &mut ContainerMeta) -> String {
    let page = crate::html::extract_html(html, meta.url.as_deref());
    meta.url = page.url.or(meta.url.take());
    meta.title = meta.title.take().or(page.title);
    if meta.authors.is_empty() {
        meta.authors = page.authors;
    }
    meta.site = meta.site.take().or(page.site);
    meta.published = page.published.or(meta.published.take());
    page.text
}

/// The raw documents of one input, streamed.
pub type RawDocs = Box<dyn Iterator<Item = Result<RawDoc, IngestError>> + Send>;

/// Opens one input and streams its raw documents. Reading is sequential and
/// lazy: a WARC or JSON Lines file is read record by record as the iterator
/// is pulled.
pub fn open_input(input: &Input) -> RawDocs {
    let path = input.display();
    let reader: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(std::io::stdin()),
        Input::File(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return one_err(&path, describe_io(&e)),
        },
    };
    let name = path.clone();
    open_reader(path, &name, reader)
}

fn one_err(path: &str, reason: String) -> RawDocs {
    Box::new(std::iter::once(Err(IngestError::new(path, reason))))
}

/// Streams the raw documents of `reader`, whose name (for extension
/// tie-breaks) is `name`.
pub fn open_reader(path: String, name: &str, reader: Box<dyn Read + Send>) -> RawDocs {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let head = match buf.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return one_err(&path, describe_io(&e)),
    };
    let (mut reader, head): (Box<dyn BufRead + Send>, Vec<u8>) = if is_gzip(&head) {
        let mut gz = BufReader::with_capacity(64 * 1024, flate2::bufread::MultiGzDecoder::new(buf));
        match gz.fill_buf() {
            Ok(h) => {
                let h = h.to_vec();
                (Box::new(gz), h)
            }
            Err(e) => return one_err(&path, format!("bad gzip data: {}", describe_io(&e))),
        }
    } else {
        (Box::new(buf), head)
    };
    match sniff(&head, name) {
        Sniffed::Warc => crate::warc::records(path, reader),
        Sniffed::Jsonl => crate::jsonl::lines(path, reader),
        Sniffed::Binary => one_err(&path, "binary data, not a document format dossier reads".into()),
        kind => {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return one_err(&path, describe_io(&e));
            }
            match kind {
                Sniffed::Feed => crate::feed::items(path, &bytes),
                Sniffed::Html => single(path, Format::Html, bytes, Body::Html),
                _ => single(path, Format::Text, bytes, Body::Text),
            }
        }
    }
}

fn single(path: String, format: Format, bytes: Vec<u8>, body: Body) -> RawDocs {
    Box::new(std::iter::once(Ok(RawDoc {
        locator: path.clone(),
        path,
        format,
        bytes,
        body,
        charset: None,
        meta: ContainerMeta::default(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Vec<Result<Built, IngestError>> {
        open_reader(name.into(), name, Box::new(std::io::Cursor::new(bytes.to_vec())))
            .map(|r| r.and_then(RawDoc::build))
            .collect()
    }

    #[test]
    fn plain_text_is_verbatim_without_bom() {
        let docs = read("a.txt", b"\xEF\xBB\xBFKiljunen said on August 23.\n");
        let doc = &docs[0].as_ref().unwrap().doc;
        assert_eq!(doc.text, "Kiljunen said on August 23.\n");
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.id.len(), 64);
    }

    #[test]
    fn gzip_html_is_detected_inside() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><head><title>T</title></head><body><p>Kiljunen said the investigation would last throughout September and the report would be ready in December.</p></body></html>").unwrap();
        let docs = read("page.html.gz", &gz.finish().unwrap());
        let doc = &docs[0].as_ref().unwrap().doc;
        assert_eq!(doc.format, Format::Html);
        assert!(doc.text.contains("Kiljunen said"));
    }

    #[test]
    fn truncated_gzip_is_an_error_naming_the_input() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&b"Kiljunen said on August 23. ".repeat(2000)).unwrap();
        let bytes = gz.finish().unwrap();
        let docs = read("cut.txt.gz", &bytes[..bytes.len() / 2]);
        let err = docs[0].as_ref().unwrap_err();
        assert_eq!(err.path, "cut.txt.gz");
        assert!(err.reason.contains("truncated"), "{}", err.reason);
    }

    #[test]
    fn binary_and_empty_inputs() {
        let docs = read("a.bin", b"\x00\x01\x02\x03garbage");
        assert!(docs[0].as_ref().unwrap_err().reason.contains("binary"));
        let docs = read("empty.txt", b"");
        assert_eq!(docs[0].as_ref().unwrap().doc.text, "");
    }

    #[test]
    fn folders_are_walked_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        let got: Vec<String> = expand_inputs(&[dir.path().display().to_string()])
            .into_iter()
            .map(|r| r.unwrap().display())
            .collect();
        assert!(got[0].ends_with("a.txt") && got[1].ends_with("b/2.txt") && got.len() == 2, "{got:?}");
        assert!(expand_inputs(&["/no/such/file".into()])[0].is_err());
    }
}
