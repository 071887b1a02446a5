//! Office files: word-processing documents, presentations, spreadsheets.
//!
//! | format | reader | text |
//! |---|---|---|
//! | `.docx` | `ooxml.rs` | body paragraphs and tables in order, then footnotes and endnotes |
//! | `.pptx` | `ooxml.rs` | slides in presentation order, each followed by its speaker notes |
//! | `.odt`, `.odp` | `odf.rs` | the same for OpenDocument (footnotes at the end, notes after each slide) |
//! | `.xlsx`, `.ods`, `.csv` | `sheet.rs` | each sheet: its name on a line, a blank line, then one line per row, cells separated by tabs |
//! | `.rtf` | `rtf.rs` | paragraphs and table rows like `.docx` |
//!
//! Headers, footers, slide numbers and dates of masters (page furniture,
//! repeated on every page), comments, deleted tracked changes and field
//! codes are not text. Metadata comes from the document properties
//! (`docProps/core.xml`, `meta.xml`, RTF `\info`): `title`, the creator as
//! `authors`, the creation date (else the last modification) as
//! `published`.
//!
//! The zip formats are read through the archive's bounds (`archive.rs`):
//! each part within the document size and expansion bounds, all parts
//! within the archive total; a sheet larger than the document bound is cut
//! with a warning, and a spreadsheet stops after [`MAX_SHEET_CELLS`] cells
//! with a warning. XML parts are read without expanding declared entities
//! (`xml.rs`). A broken file is one error naming it and the part at fault;
//! the batch goes on.

mod flow;
mod odf;
mod ooxml;
mod rtf;
mod sheet;
mod xml;

use std::io::{Read, Seek};

use dossier_core::{Format, OfficeKind};

use crate::detect::Sniffed;
use crate::limits::size;
use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

pub use crate::limits::MAX_SHEET_CELLS;

/// What a reader found: the text, the document properties, and warnings.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    text: String,
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    warnings: Vec<String>,
}

/// An office format known by its first bytes or (for CSV, which has
/// none) its name.
pub(crate) fn sniff(head: &[u8], name: &str) -> Option<Sniffed> {
    if head.starts_with(b"{\\rtf") {
        return Some(Sniffed::Office(OfficeKind::Rtf));
    }
    let tabular = name.ends_with(".csv") || name.ends_with(".tsv");
    // Excel's "Unicode" exports are UTF-16 with a BOM: NUL bytes, yet text.
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    (tabular && (utf16 || !crate::detect::looks_binary(head))).then_some(Sniffed::Office(OfficeKind::Csv))
}

/// The office format of a zip archive, from the parts it holds: `Ok` for
/// one dossier reads, `Err` naming another (an OpenDocument drawing …).
pub(crate) fn zip_kind<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Option<Result<OfficeKind, &'static str>> {
    let has = |zip: &zip::ZipArchive<R>, name: &str| zip.index_for_name(name).is_some();
    if has(zip, "word/document.xml") {
        return Some(Ok(OfficeKind::Docx));
    }
    if has(zip, "xl/workbook.xml") {
        return Some(Ok(OfficeKind::Xlsx));
    }
    if has(zip, "ppt/presentation.xml") {
        return Some(Ok(OfficeKind::Pptx));
    }
    if !(has(zip, "mimetype") && has(zip, "content.xml")) {
        return None;
    }
    let mut mimetype = String::new();
    if let Ok(f) = zip.by_name("mimetype") {
        let _ = f.take(256).read_to_string(&mut mimetype);
    }
    let kind = mimetype.trim().strip_prefix("application/vnd.oasis.opendocument.");
    Some(match kind.map(|k| k.split('-').next().unwrap_or(k)) {
        Some("text") => Ok(OfficeKind::Odt),
        Some("spreadsheet") => Ok(OfficeKind::Ods),
        Some("presentation") => Ok(OfficeKind::Odp),
        _ => Err("an OpenDocument file other than text, spreadsheet or presentation"),
    })
}

/// The one document of an office file held in a zip archive whose id is
/// `id`.
pub(crate) fn from_zip<R: Read + Seek>(
    kind: OfficeKind,
    path: String,
    locator: String,
    zip: zip::ZipArchive<R>,
    id: String,
) -> RawDocs {
    let mut pkg = Package { zip, total: 0, warnings: Vec::new() };
    let read = match kind {
        OfficeKind::Docx => ooxml::docx(&mut pkg),
        OfficeKind::Pptx => ooxml::pptx(&mut pkg),
        OfficeKind::Xlsx => sheet::xlsx(&mut pkg),
        OfficeKind::Odt | OfficeKind::Odp => odf::text(&mut pkg),
        OfficeKind::Ods => odf::spreadsheet(&mut pkg),
        OfficeKind::Rtf | OfficeKind::Csv => Err("not a zip format".to_string()),
    };
    let read = read.map(|mut r| {
        r.warnings.append(&mut pkg.warnings);
        r
    });
    one_doc(kind, path, locator, Vec::new(), Some(id), read)
}

/// The one document of an office file that is no archive (RTF, CSV):
/// `bytes` as read, `cut` when they stop at the document bound.
pub(crate) fn from_bytes(
    kind: OfficeKind,
    path: String,
    locator: String,
    bytes: Vec<u8>,
    mut warnings: Vec<String>,
) -> RawDocs {
    let read = match kind {
        OfficeKind::Rtf => Ok(rtf::read(&bytes)),
        _ => Ok(sheet::csv(&bytes, locator.ends_with(".tsv"))),
    };
    let read = read.map(|mut r: Extracted| {
        warnings.append(&mut r.warnings);
        r.warnings = warnings;
        r
    });
    one_doc(kind, path, locator, bytes, None, read)
}

fn one_doc(
    kind: OfficeKind,
    path: String,
    locator: String,
    bytes: Vec<u8>,
    known_id: Option<String>,
    read: Result<Extracted, String>,
) -> RawDocs {
    let doc = match read {
        Ok(r) => Ok(RawDoc {
            path,
            locator,
            format: Format::Office(kind),
            bytes,
            body: Body::PlainString(r.text),
            charset: None,
            meta: ContainerMeta {
                title: r.title,
                authors: r.authors,
                published: r.published,
                known_id,
                ..ContainerMeta::default()
            },
            warnings: r.warnings,
        }),
        Err(reason) => {
            Err(IngestError::new(locator, format!("unreadable .{} file: {reason}", kind.as_str())))
        }
    };
    Box::new(std::iter::once(doc))
}

/// The documents of an office file held in memory, read from `path` (the
/// reader the `office` fuzz target drives): zip formats, RTF and CSV (by
/// the name's extension).
pub fn office_bytes(path: String, bytes: Vec<u8>) -> RawDocs {
    crate::source::open_reader(path.clone(), &path, Box::new(std::io::Cursor::new(bytes)))
}

/// A zip package being read: its parts come out within the archive's
/// bounds.
pub(crate) struct Package<R> {
    zip: zip::ZipArchive<R>,
    /// Bytes expanded so far, against the archive total.
    total: u64,
    /// Parts cut at the size bound.
    warnings: Vec<String>,
}

impl<R: Read + Seek> Package<R> {
    /// The bytes of part `name` (`None` when the package has no such
    /// part). A part larger than the document bound is an error, unless
    /// `cut_ok`: then it is cut there with a warning.
    fn read_part(&mut self, name: &str, cut_ok: bool) -> Result<Option<Vec<u8>>, String> {
        let name = name.trim_start_matches('/');
        let index = match self.zip.index_for_name(name) {
            Some(i) => i,
            // Part names are case-insensitive in OOXML.
            None => match self.zip.file_names().position(|n| n.eq_ignore_ascii_case(name)) {
                Some(i) => i,
                None => return Ok(None),
            },
        };
        let mut file = self.zip.by_index(index).map_err(|e| format!("{name}: {e}"))?;
        if file.encrypted() {
            return Err(format!("{name} is encrypted"));
        }
        let compressed = file.compressed_size();
        match crate::archive::read_bounded(&mut file, compressed, &mut self.total, cut_ok) {
            Ok((bytes, cut)) => {
                if cut {
                    self.warnings.push(format!(
                        "{name} larger than {} expanded: only its first {} read",
                        size(crate::limits::MAX_DOCUMENT_BYTES as u64),
                        size(crate::limits::MAX_DOCUMENT_BYTES as u64)
                    ));
                }
                Ok(Some(bytes))
            }
            Err((reason, _)) => Err(format!("{name}: {reason}")),
        }
    }

    /// A part that must be there.
    fn part(&mut self, name: &str) -> Result<Vec<u8>, String> {
        self.read_part(name, false)?.ok_or_else(|| format!("no part {name}"))
    }

    /// A part that may be missing (footnotes, notes, properties).
    fn optional_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        self.read_part(name, false)
    }

    /// A part that may be very large (a sheet): cut at the bound.
    fn large_part(&mut self, name: &str) -> Result<Vec<u8>, String> {
        self.read_part(name, true)?.ok_or_else(|| format!("no part {name}"))
    }
}

/// Creation (else modification) date of the document properties, as the
/// contract's ISO 8601.
fn published(created: Option<&str>, modified: Option<&str>) -> Option<String> {
    created
        .and_then(crate::html::meta::normalize_date)
        .or_else(|| modified.and_then(crate::html::meta::normalize_date))
}

#[cfg(test)]
mod tests;

/// The warning of a text cut at the document bound.
fn cut_warning() -> String {
    let max = size(crate::limits::MAX_DOCUMENT_BYTES as u64);
    format!("text longer than {max}: only its first {max} kept")
}

/// Authors of a creator field: one name, or several separated by `;`.
fn split_authors(creator: &str) -> Vec<String> {
    creator.split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect()
}
