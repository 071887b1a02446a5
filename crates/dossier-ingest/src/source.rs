//! Inputs, raw documents, and building a [`Document`] from a raw one.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dossier_core::{Document, Envelope, Format};
use sha2::{Digest, Sha256};

use crate::decode::decode;
use crate::detect::{is_gzip, sniff, Sniffed};
use crate::error::{describe_io, IngestError};
use crate::limits::{read_capped, size, Gunzip, Notes, MAX_DOCUMENT_BYTES};
use std::sync::Arc;

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
///
/// The walk is lazy: one folder is listed at a time, as the inputs before
/// it are consumed, so the first documents of a large tree are read before
/// the tree has been listed. A folder met again through a symbolic link is
/// walked once (`self -> .` does not loop), and FIFOs, sockets and devices
/// met in a folder are skipped with a note (reading one could block
/// forever); named on the command line, they are read.
pub fn expand_inputs(args: &[String]) -> Walk {
    Walk {
        args: args.iter().rev().cloned().collect(),
        stack: Vec::new(),
        seen: std::collections::HashSet::new(),
    }
}

/// The inputs of [`expand_inputs`], found as they are pulled.
pub struct Walk {
    /// Arguments not yet expanded, last first.
    args: Vec<String>,
    /// Entries of the folders being walked, next last.
    stack: Vec<PathBuf>,
    /// Folders already walked (device, inode).
    seen: std::collections::HashSet<(u64, u64)>,
}

#[cfg(unix)]
fn folder_key(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn folder_key(_: &std::fs::Metadata) -> (u64, u64) {
    // Without inodes, every folder counts as new (symbolic links to
    // folders are rare there).
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    (0, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

impl Walk {
    /// Pushes the sorted, visible entries of `dir` (when not walked yet).
    fn enter(&mut self, dir: &Path, meta: &std::fs::Metadata) -> Option<Result<Input, IngestError>> {
        if !self.seen.insert(folder_key(meta)) {
            return None;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return Some(Err(IngestError::new(dir.display().to_string(), describe_io(&e)))),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
            .collect();
        paths.sort_unstable_by(|a, b| b.cmp(a));
        self.stack.extend(paths);
        None
    }
}

impl Iterator for Walk {
    type Item = Result<Input, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(p) = self.stack.pop() {
                let meta = match std::fs::metadata(&p) {
                    Ok(m) => m,
                    Err(e) => return Some(Err(IngestError::new(p.display().to_string(), describe_io(&e)))),
                };
                if meta.is_dir() {
                    if let Some(e) = self.enter(&p, &meta) {
                        return Some(e);
                    }
                    continue;
                }
                if meta.is_file() {
                    return Some(Ok(Input::File(p)));
                }
                return Some(Err(IngestError::new(
                    p.display().to_string(),
                    format!("skipped: {}, not a regular file", special_kind(&meta)),
                )));
            }
            let arg = self.args.pop()?;
            if arg == "-" {
                return Some(Ok(Input::Stdin));
            }
            let path = PathBuf::from(&arg);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if let Some(e) = self.enter(&path, &m) {
                        return Some(e);
                    }
                }
                Ok(_) => return Some(Ok(Input::File(path))),
                Err(e) => return Some(Err(IngestError::new(arg, describe_io(&e)))),
            }
        }
    }
}

/// What a file that is neither a regular file nor a folder is.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
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
    /// Parent, e-mail headers and cable fields (see [`Envelope`]).
    pub envelope: Envelope,
    /// The document's id when it is not the sha256 of [`RawDoc::bytes`]: a
    /// zip archive on disk is hashed as it is read, not held in memory.
    pub known_id: Option<String>,
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
    /// `bytes` are a PDF document (`pdf/`).
    Pdf,
    /// `bytes` are an image to read by OCR (`ocr.rs`).
    Image,
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
    /// Problems met while reading it (cut at the size bound, trailing
    /// data), passed on to [`Built::warnings`].
    pub warnings: Vec<String>,
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
        let mut warnings = self.warnings;
        let mut meta = self.meta;
        let id = meta.known_id.take().unwrap_or_else(|| hex::encode(Sha256::digest(&self.bytes)));
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
            Body::Pdf => {
                let pdf = crate::pdf::read(&self.bytes).map_err(|e| IngestError::new(&self.locator, e))?;
                warnings.extend(pdf.warnings);
                meta.title = meta.title.take().or(pdf.meta.title);
                if meta.authors.is_empty() {
                    meta.authors = pdf.meta.authors;
                }
                // A PDF's creation date is when it was made: for a report
                // or a filing, the day it was published.
                meta.published = meta.published.take().or(pdf.meta.created);
                meta.envelope.pages = pdf.pages;
                pdf.text
            }
            Body::Image => {
                let (text, pages) =
                    crate::ocr::image_text(&self.bytes).map_err(|e| IngestError::new(&self.locator, e))?;
                meta.envelope.pages = pages;
                text
            }
        };
        if plain_file && meta.title.is_none() {
            let read = crate::headline::text_meta(&text);
            meta.title = read.title;
            if meta.authors.is_empty() {
                meta.authors = read.authors;
            }
        }
        // A cable or memo at the top of the text is the document: its header
        // says who wrote it, when, and under which subject.
        if let Some(cable) = crate::cable::read(&text) {
            cable.apply(&mut meta);
        }
        let mut doc = Document::new(id, self.path, self.format, text);
        doc.lang = crate::lang::identify(&doc.text);
        doc.url = meta.url;
        doc.title = meta.title;
        doc.authors = meta.authors;
        doc.site = meta.site;
        doc.published = meta.published;
        doc.source_id = meta.source_id;
        doc.envelope = meta.envelope;
        Ok(Built { doc, warnings })
    }

    /// This document as found in a message or archive whose id is
    /// `parent`, under the name `name`: its parent and file name are set
    /// unless a nearer container already set them.
    pub(crate) fn found_in(mut self, parent: &str, name: &str) -> Self {
        let env = &mut self.meta.envelope;
        if env.parent.is_none() {
            env.parent = Some(parent.to_string());
            if env.filename.is_none() {
                env.filename = Some(name.to_string());
            }
        }
        self
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
    // A page's bare day (its URL's date, its dateline) adds nothing to a
    // container's date-time of that same day (a feed's pubDate).
    meta.published = match (page.published, meta.published.take()) {
        (Some(day), Some(full)) if day.len() == 10 && full.starts_with(&day) => Some(full),
        (page, container) => page.or(container),
    };
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
            // A zip on disk is read in place (its index is at its end); a
            // FIFO or device named on the command line cannot seek, and is
            // streamed like standard input.
            Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => {
                match crate::archive::zip_on_disk(path.clone(), f) {
                    crate::archive::OnDisk::Zip(docs) => return docs,
                    crate::archive::OnDisk::Other(f) => Box::new(f),
                }
            }
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
    open_at_depth(path.clone(), path, name, reader, 0)
}

/// Streams the documents of a file found inside a message or an archive
/// (`bytes`, named `name`), `depth` containers deep; `locator` says where.
pub(crate) fn open_nested(
    path: String,
    locator: String,
    name: &str,
    bytes: Vec<u8>,
    depth: usize,
) -> RawDocs {
    if depth > crate::limits::MAX_NESTING {
        return one_err(
            &locator,
            format!("nested more than {} archives or messages deep: refused", crate::limits::MAX_NESTING),
        );
    }
    open_at_depth(path, locator, &name.to_ascii_lowercase(), Box::new(std::io::Cursor::new(bytes)), depth)
}

/// [`open_reader`] for an input `depth` containers deep, named `locator` in
/// messages.
fn open_at_depth(
    path: String,
    locator: String,
    name: &str,
    reader: Box<dyn Read + Send>,
    depth: usize,
) -> RawDocs {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let head = match buf.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return one_err(&locator, describe_io(&e)),
    };
    let notes = Notes::default();
    let (mut reader, head): (Box<dyn BufRead + Send>, Vec<u8>) = if is_gzip(&head) {
        let mut gz = BufReader::with_capacity(64 * 1024, Gunzip::new(buf, Arc::clone(&notes)));
        match gz.fill_buf() {
            Ok(h) => {
                let h = h.to_vec();
                (Box::new(gz), h)
            }
            Err(e) => return one_err(&locator, format!("bad gzip data: {}", describe_io(&e))),
        }
    } else {
        (Box::new(buf), head)
    };
    // Streams name their records after what they are given: a stream found
    // in a container is given its locator, and its documents get the
    // input's path back.
    let stream = |docs: RawDocs| -> RawDocs {
        let docs = with_notes(locator.clone(), docs, notes.clone());
        if depth == 0 {
            return docs;
        }
        let path = path.clone();
        Box::new(docs.map(move |r| {
            r.map(|mut d| {
                d.path = path.clone();
                d
            })
        }))
    };
    match sniff(&head, name) {
        Sniffed::Warc => stream(crate::warc::records(locator.clone(), reader)),
        Sniffed::Jsonl => stream(crate::jsonl::lines(locator.clone(), reader)),
        Sniffed::Feed => stream(crate::feed::stream(locator.clone(), reader)),
        Sniffed::Mbox => stream(crate::mail::mbox::messages(locator.clone(), reader, depth)),
        Sniffed::Binary if crate::mail::msg::is_ole2(&head) => {
            match read_capped(&mut reader, MAX_DOCUMENT_BYTES) {
                Ok((_, true)) => one_err(
                    &locator,
                    format!("OLE2 file larger than {}: refused", size(MAX_DOCUMENT_BYTES as u64)),
                ),
                Ok((bytes, false)) => crate::mail::msg::message(path, locator, bytes, depth),
                Err(e) => one_err(&locator, describe_io(&e)),
            }
        }
        Sniffed::Binary => one_err(&locator, crate::archive::what_binary(&head)),
        Sniffed::Pdf | Sniffed::Image => {
            let (format, body, what) = match sniff(&head, name) {
                Sniffed::Pdf => (Format::Pdf, Body::Pdf, "PDF"),
                _ => (Format::Image, Body::Image, "image"),
            };
            let max = crate::limits::MAX_PDF_BYTES;
            match read_capped(&mut reader, max) {
                Ok((_, true)) => {
                    one_err(&locator, format!("{what} larger than {}: refused", size(max as u64)))
                }
                Ok((bytes, false)) => one_doc(path, locator, format, bytes, body, Vec::new()),
                Err(e) => one_err(&locator, describe_io(&e)),
            }
        }
        Sniffed::Zip => {
            let held = crate::limits::MAX_HELD_ZIP_BYTES;
            match read_capped(&mut reader, held) {
                Ok((_, true)) => one_err(
                    &locator,
                    format!(
                        "zip archive larger than {} inside another file or on standard input: refused",
                        size(held as u64)
                    ),
                ),
                Ok((bytes, false)) => {
                    let id = hex::encode(Sha256::digest(&bytes));
                    crate::archive::members(path, locator, std::io::Cursor::new(bytes), id, depth)
                }
                Err(e) => one_err(&locator, describe_io(&e)),
            }
        }
        kind => {
            let (bytes, more) = match read_capped(&mut reader, MAX_DOCUMENT_BYTES) {
                Ok(r) => r,
                Err(e) => return one_err(&locator, describe_io(&e)),
            };
            let mut warnings = std::mem::take(&mut *notes.lock().unwrap_or_else(|e| e.into_inner()));
            let too_large = format!(
                "larger than {}: only its first {} read",
                size(MAX_DOCUMENT_BYTES as u64),
                size(MAX_DOCUMENT_BYTES as u64)
            );
            if kind == Sniffed::Email {
                if more {
                    return one_err(&locator, format!("message {too_large}"));
                }
                return crate::mail::message(path, locator, bytes, depth);
            }
            if more {
                warnings.push(too_large);
            }
            if let Sniffed::Office(kind) = kind {
                return crate::office::from_bytes(kind, path, locator, bytes, warnings);
            }
            let (format, body) =
                if kind == Sniffed::Html { (Format::Html, Body::Html) } else { (Format::Text, Body::Text) };
            one_doc(path, locator, format, bytes, body, warnings)
        }
    }
}

/// One raw document of a whole file, with nothing but its bytes known.
fn one_doc(
    path: String,
    locator: String,
    format: Format,
    bytes: Vec<u8>,
    body: Body,
    warnings: Vec<String>,
) -> RawDocs {
    Box::new(std::iter::once(Ok(RawDoc {
        path,
        locator,
        format,
        bytes,
        body,
        charset: None,
        meta: ContainerMeta::default(),
        warnings,
    })))
}

/// A stream's documents, then its reader's notes (trailing data after a
/// gzip stream) as one last error naming the input.
fn with_notes(path: String, docs: RawDocs, notes: Notes) -> RawDocs {
    let tail = std::iter::once(()).flat_map(move |()| {
        let notes = std::mem::take(&mut *notes.lock().unwrap_or_else(|e| e.into_inner()));
        notes.into_iter().map({
            let path = path.clone();
            move |n| Err(IngestError::new(path.clone(), n))
        })
    });
    Box::new(docs.chain(tail))
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
    fn feed_date_time_beats_the_same_day_from_an_item_url() {
        let feed = br#"<rss version="2.0"><channel><title>C</title><item><title>Pool</title>
            <link>https://courier.example/2024/07/05/pool/</link><pubDate>Fri, 05 Jul 2024 06:00:00 +0100</pubDate>
            <description>&lt;p&gt;The pool will reopen on Saturday after a six-month repair of its roof.&lt;/p&gt;</description></item></channel></rss>"#;
        let docs = read("feed.xml", feed);
        let doc = &docs[0].as_ref().unwrap().doc;
        assert_eq!(doc.published.as_deref(), Some("2024-07-05T05:00:00+00:00"));
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
        let got: Vec<String> =
            expand_inputs(&[dir.path().display().to_string()]).map(|r| r.unwrap().display()).collect();
        assert!(got[0].ends_with("a.txt") && got[1].ends_with("b/2.txt") && got.len() == 2, "{got:?}");
        assert!(expand_inputs(&["/no/such/file".into()]).next().unwrap().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn folder_links_are_followed_once_and_fifos_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::write(root.join("sub/b.txt"), "x").unwrap();
        std::os::unix::fs::symlink(".", root.join("self")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("zlink")).unwrap();
        let fifo = root.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        let got: Vec<Result<String, String>> = expand_inputs(&[root.display().to_string()])
            .map(|r| r.map(|i| i.display()).map_err(|e| format!("{}: {}", e.path, e.reason)))
            .collect();
        let files: Vec<&String> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(files.len(), 2, "each real file once: {got:?}");
        if made {
            let notes: Vec<&String> = got.iter().filter_map(|r| r.as_ref().err()).collect();
            assert_eq!(notes.len(), 1, "{got:?}");
            assert!(notes[0].ends_with("skipped: a FIFO, not a regular file"), "{got:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_on_the_command_line_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            return;
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, "Kiljunen said on August 23.\n").unwrap())
        };
        let docs: Vec<_> = open_input(&Input::File(fifo)).map(|r| r.and_then(RawDoc::build)).collect();
        writer.join().unwrap();
        assert_eq!(docs[0].as_ref().unwrap().doc.text, "Kiljunen said on August 23.\n");
    }

    #[test]
    fn a_zip_file_on_disk_is_read_in_place() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        w.start_file("note.txt", zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(b"The dam was built in 1975.\n").unwrap();
        w.finish().unwrap();
        let docs: Vec<_> =
            open_input(&Input::File(path.clone())).map(|r| r.and_then(RawDoc::build).unwrap()).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].doc.id, hex::encode(Sha256::digest(std::fs::read(&path).unwrap())));
        assert_eq!(docs[1].doc.envelope.parent.as_deref(), Some(docs[0].doc.id.as_str()));
    }

    #[test]
    fn walking_is_lazy() {
        // The first input comes out before the second argument is looked at.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        let mut walk = expand_inputs(&[dir.path().display().to_string(), "/no/such/file".into()]);
        assert!(walk.next().unwrap().is_ok());
        assert_eq!(walk.args.len(), 1);
        assert!(walk.next().unwrap().is_err());
        assert!(walk.next().is_none());
    }
}
