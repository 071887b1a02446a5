//! Zip archives: the archive is a document of its own (format `zip`, no
//! text, its file name as title) and each member is read through the same
//! format detection as a file, its `parent` the archive's id and
//! `filename` its path in the archive. Members are read one at a time.
//!
//! Refused with the reason, naming the archive or the member (see
//! `limits.rs` for the numbers): more than [`MAX_ZIP_MEMBERS`] members; a
//! member that claims or turns out to be larger than the document bound,
//! or that expands more than [`crate::limits::MAX_EXPANSION`] times; an archive whose
//! members add up to more than [`MAX_ZIP_TOTAL_BYTES`]; archives or
//! messages nested deeper than [`MAX_NESTING`]; member paths that climb out
//! (`../`) or are absolute (`/etc/passwd`, `C:\…`); encrypted members and
//! compression methods other than stored and deflated. Nothing is ever
//! written to disk.

use std::io::{Read, Seek};

use dossier_core::Format;
use sha2::{Digest, Sha256};
use zip::result::ZipError;

use crate::limits::{
    check_expansion, size, MAX_DOCUMENT_BYTES, MAX_NESTING, MAX_ZIP_MEMBERS, MAX_ZIP_TOTAL_BYTES,
};
use crate::source::{open_nested, Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// A file on disk: a zip archive's documents, or the file (rewound) when
/// it is no zip.
pub(crate) enum OnDisk {
    /// The archive's documents.
    Zip(RawDocs),
    /// Not a zip: the file, at its start.
    Other(std::fs::File),
}

/// Reads a zip file on disk in place (seeking, never held in memory);
/// anything else is handed back.
pub(crate) fn zip_on_disk(path: String, mut file: std::fs::File) -> OnDisk {
    use std::io::SeekFrom;
    let err = |path: &str, e: std::io::Error| -> OnDisk {
        OnDisk::Zip(Box::new(std::iter::once(Err(IngestError::new(path, crate::error::describe_io(&e))))))
    };
    let mut magic = [0u8; 4];
    let n = match read_full(&mut file, &mut magic) {
        Ok(n) => n,
        Err(e) => return err(&path, e),
    };
    if let Err(e) = file.seek(SeekFrom::Start(0)) {
        return err(&path, e);
    }
    if n < 4 || !(magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06") {
        return OnDisk::Other(file);
    }
    // The archive's id, like any document's: the sha256 of its bytes.
    let mut hasher = Sha256::new();
    if let Err(e) = std::io::copy(&mut file, &mut hasher).and_then(|_| file.seek(SeekFrom::Start(0))) {
        return err(&path, e);
    }
    let id = hex::encode(hasher.finalize());
    OnDisk::Zip(members(path.clone(), path, std::io::BufReader::new(file), id, 0))
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// What binary data is, for the message that skips it.
pub(crate) fn what_binary(head: &[u8]) -> String {
    match binary_kind(head) {
        Some(k) => format!("binary data ({k}), not a format dossier reads yet: skipped"),
        None => "binary data, not a document format dossier reads".into(),
    }
}

/// The kind of a binary format dossier knows by its magic bytes (and does
/// not read yet), even when its first bytes look like text.
pub(crate) fn binary_kind(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"%PDF") {
        Some("a PDF document")
    } else if head.starts_with(b"\x89PNG") {
        Some("a PNG image")
    } else if head.starts_with(b"\xFF\xD8\xFF") {
        Some("a JPEG image")
    } else if head.starts_with(b"GIF8") {
        Some("a GIF image")
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        Some("a TIFF image")
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("an OLE2 file (Outlook .msg, or an old Word or Excel file)")
    } else {
        None
    }
}

/// The documents of a zip archive held in memory, read from `path` (the
/// reader the `zip` fuzz target drives).
pub fn zip_bytes(path: String, bytes: Vec<u8>) -> RawDocs {
    let id = hex::encode(Sha256::digest(&bytes));
    members(path.clone(), path, std::io::Cursor::new(bytes), id, 0)
}

/// Streams the documents of a zip archive: the archive, then its members.
/// `id` is the archive's id (the sha256 of its bytes).
pub(crate) fn members<R: Read + Seek + Send + 'static>(
    path: String,
    locator: String,
    reader: R,
    id: String,
    depth: usize,
) -> RawDocs {
    let one_err = |reason: String| -> RawDocs {
        Box::new(std::iter::once(Err(IngestError::new(locator.clone(), reason))))
    };
    if depth > MAX_NESTING {
        return one_err(format!("archive nested more than {MAX_NESTING} deep: refused"));
    }
    let mut zip = match zip::ZipArchive::new(reader) {
        Ok(z) => z,
        Err(e) => return one_err(format!("corrupt zip archive: {}", describe(&e))),
    };
    if zip.len() > MAX_ZIP_MEMBERS {
        return one_err(format!(
            "zip archive of {} members, more than {MAX_ZIP_MEMBERS}: refused",
            zip.len()
        ));
    }
    match crate::office::zip_kind(&mut zip) {
        Some(Ok(kind)) => return crate::office::from_zip(kind, path, locator, zip, id),
        Some(Err(what)) => {
            return one_err(format!("binary data ({what}), not a format dossier reads: skipped"))
        }
        None => {}
    }
    if let Some(kind) = package_kind(&zip) {
        return one_err(format!("binary data ({kind}), not a format dossier reads: skipped"));
    }
    let name = locator.rsplit(['/', '\\', '›']).next().unwrap_or(&locator).trim().to_string();
    let archive = RawDoc {
        path: path.clone(),
        locator: locator.clone(),
        format: Format::Zip,
        bytes: Vec::new(),
        body: Body::PlainString(String::new()),
        charset: None,
        meta: ContainerMeta { title: Some(name), known_id: Some(id.clone()), ..ContainerMeta::default() },
        warnings: Vec::new(),
    };
    let mut index = 0usize;
    let mut total = 0u64;
    let mut stopped = false;
    let read_members = std::iter::from_fn(move || -> Option<RawDocs> {
        while !stopped && index < zip.len() {
            let i = index;
            index += 1;
            let member = match read_member(&mut zip, i, &mut total) {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(r) => {
                    stopped = r.stops;
                    let at =
                        if r.name.is_empty() { locator.clone() } else { format!("{locator} › {}", r.name) };
                    return Some(Box::new(std::iter::once(Err(IngestError::new(at, r.reason)))));
                }
            };
            let at = format!("{locator} › {}", member.0);
            let docs = open_nested(path.clone(), at, &member.0, member.1, depth + 1);
            let (id, name) = (id.clone(), member.0);
            return Some(Box::new(docs.map(move |r| r.map(|d| d.found_in(&id, &name)))));
        }
        None
    });
    Box::new(std::iter::once(Ok(archive)).chain(read_members.flatten()))
}

/// Java and Android packages are zip archives of compiled code, not
/// documents: named and skipped. (Office files, zip archives too, are read
/// by `office/`.)
fn package_kind<R: Read + Seek>(zip: &zip::ZipArchive<R>) -> Option<&'static str> {
    let has = |name: &str| zip.index_for_name(name).is_some();
    (has("META-INF/MANIFEST.MF") || has("AndroidManifest.xml")).then_some("a Java or Android package")
}

/// Why a member was not read.
struct Refused {
    /// The member's name (empty when the archive itself is at fault).
    name: String,
    /// Why.
    reason: String,
    /// Whether reading the archive stops here.
    stops: bool,
}

impl Refused {
    fn member(name: &str, reason: impl Into<String>) -> Self {
        Refused { name: name.to_string(), reason: reason.into(), stops: false }
    }
}

/// A member's name and bytes; `None` for folders.
fn read_member<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    i: usize,
    total: &mut u64,
) -> Result<Option<(String, Vec<u8>)>, Refused> {
    let name = zip.name_for_index(i).map(str::to_string).unwrap_or_else(|| format!("member {}", i + 1));
    let mut file = match zip.by_index(i) {
        Ok(f) => f,
        Err(e) => return Err(Refused::member(&name, describe(&e))),
    };
    if file.is_dir() {
        return Ok(None);
    }
    if !is_safe_path(&name) || file.enclosed_name().is_none() {
        return Err(Refused::member(
            &name,
            "unsafe member path (absolute, or climbing out with `..`): refused",
        ));
    }
    if file.encrypted() {
        return Err(Refused::member(&name, "encrypted member: skipped"));
    }
    if file.size() > MAX_DOCUMENT_BYTES as u64 {
        let why = format!(
            "member of {} larger than {}: skipped",
            size(file.size()),
            size(MAX_DOCUMENT_BYTES as u64)
        );
        return Err(Refused::member(&name, why));
    }
    let compressed = file.compressed_size();
    let bytes = read_bounded(&mut file, compressed, total, false).map_err(|(reason, stops)| Refused {
        name: if stops { String::new() } else { name.clone() },
        reason,
        stops,
    })?;
    Ok(Some((name, bytes.0)))
}

/// Reads one member (`compressed` bytes in the archive) within the document
/// bound, the expansion bound and the archive's running `total`. With
/// `cut_ok` a member past the document bound is cut there (the bool says
/// so) instead of refused. An error says why, and whether reading the
/// archive stops (its members together are too large).
pub(crate) fn read_bounded(
    file: &mut dyn Read,
    compressed: u64,
    total: &mut u64,
    cut_ok: bool,
) -> Result<(Vec<u8>, bool), (String, bool)> {
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return Err((format!("corrupt member: {}", crate::error::describe_io(&e)), false)),
        };
        let room = MAX_DOCUMENT_BYTES.saturating_sub(bytes.len()).min(n);
        bytes.extend_from_slice(&buf[..room]);
        *total += n as u64;
        if room < n && !cut_ok {
            let why =
                format!("member larger than {} once expanded: skipped", size(MAX_DOCUMENT_BYTES as u64));
            return Err((why, false));
        }
        if let Err(e) = check_expansion((bytes.len() + n - room) as u64, compressed) {
            return Err((e.to_string(), false));
        }
        if *total > MAX_ZIP_TOTAL_BYTES {
            let why = format!(
                "members add up to more than {} expanded: stopped, a zip bomb?",
                size(MAX_ZIP_TOTAL_BYTES)
            );
            return Err((why, true));
        }
        if room < n {
            return Ok((bytes, true));
        }
    }
    Ok((bytes, false))
}

/// A member path that stays inside the archive: not absolute, no drive
/// letter, no `..` component, no NUL.
fn is_safe_path(name: &str) -> bool {
    let n = name.replace('\\', "/");
    !(n.starts_with('/')
        || n.contains('\0')
        || n.as_bytes().get(1) == Some(&b':')
        || n.split('/').any(|c| c == ".."))
}

fn describe(e: &ZipError) -> String {
    match e {
        ZipError::Io(e) => crate::error::describe_io(e),
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => "encrypted member: skipped".into(),
        ZipError::UnsupportedArchive(what) => {
            format!("unsupported: {what} (dossier reads stored and deflated members)")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
