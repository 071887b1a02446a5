//! Outlook `.msg` files: an OLE2 compound file holding the message's MAPI
//! properties (MS-OXMSG), read with the `cfb` crate. One document per
//! message (format `email`), filled like an `.eml`:
//!
//! - `authors` from the sender's name (else address, else whom a draft
//!   is sent for), `published` from the
//!   submit time (else the delivery time), `title`/`subject` from the
//!   subject, `to`/`cc` from the recipient table (else the display lists),
//!   `message_id` and `in_reply_to` from the Internet headers' properties;
//! - the text is the plain body, else the HTML body through the HTML
//!   extractor, with quoted replies cut as for `.eml` (an RTF-only body is
//!   not read: it is compressed RTF, rare without a plain body);
//! - each attachment is a document of its own through the same format
//!   detection, its `parent` the message; an attached message (`.msg` in
//!   `.msg`) is read as a message.
//!
//! Streams are read within the document bound; an OLE2 file that is no
//! message (an old `.doc` or `.xls`) is named and skipped.

use std::io::{Cursor, Read, Seek};

use dossier_core::{Envelope, Format};
use sha2::{Digest, Sha256};

use crate::limits::{read_capped, MAX_DOCUMENT_BYTES, MAX_NESTING};
use crate::source::{open_nested, Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

const SUBJECT: u16 = 0x0037;
const SENDER_NAME: u16 = 0x0C1A;
const SENDER_ADDRESS: u16 = 0x0C1F;
const SENDER_SMTP: u16 = 0x5D01;
/// Whom the message is sent for: all a draft names.
const SENT_FOR_NAME: u16 = 0x0042;
const SENT_FOR_ADDRESS: u16 = 0x0065;
const DISPLAY_TO: u16 = 0x0E04;
const DISPLAY_CC: u16 = 0x0E03;
const BODY: u16 = 0x1000;
const HTML: u16 = 0x1013;
const MESSAGE_ID: u16 = 0x1035;
const IN_REPLY_TO: u16 = 0x1042;
const SUBMIT_TIME: u16 = 0x0039;
const DELIVERY_TIME: u16 = 0x0E06;
const RECIPIENT_TYPE: u16 = 0x0C15;
const DISPLAY_NAME: u16 = 0x3001;
const EMAIL_ADDRESS: u16 = 0x3003;
const SMTP_ADDRESS: u16 = 0x39FE;
const ATTACH_DATA: u16 = 0x3701;
const ATTACH_FILENAME: u16 = 0x3704;
const ATTACH_LONG_FILENAME: u16 = 0x3707;

/// Most attachments and recipients read from one message.
const MAX_PARTS: usize = 1000;

/// True when `head` starts an OLE2 compound file.
pub(crate) fn is_ole2(head: &[u8]) -> bool {
    head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// The documents of an Outlook message (`bytes`, a whole `.msg` file):
/// the message, then its attachments. `Err` with the reason when it is no
/// message.
pub(crate) fn message(path: String, locator: String, bytes: Vec<u8>, depth: usize) -> RawDocs {
    let id = hex::encode(Sha256::digest(&bytes));
    let parsed = cfb::CompoundFile::open(Cursor::new(&bytes[..]))
        .map_err(|e| format!("corrupt OLE2 file: {e}"))
        .and_then(|mut file| read_message(&mut file, "/", depth));
    let msg = match parsed {
        Ok(m) => m,
        Err(reason) => return Box::new(std::iter::once(Err(IngestError::new(locator, reason)))),
    };
    build(path, locator, bytes, id, msg, depth)
}

/// A message as read from its storage.
struct Msg {
    meta: ContainerMeta,
    text: String,
    attachments: Vec<Attachment>,
    warnings: Vec<String>,
}

/// An attachment: its name and bytes, or an attached message.
struct Attachment {
    name: String,
    content: Content,
}

enum Content {
    Bytes(Vec<u8>),
    Message(Box<Msg>),
}

fn build(path: String, locator: String, bytes: Vec<u8>, id: String, msg: Msg, depth: usize) -> RawDocs {
    let doc = RawDoc {
        path: path.clone(),
        locator: locator.clone(),
        format: Format::Email,
        bytes,
        body: Body::PlainString(msg.text),
        charset: None,
        meta: ContainerMeta { known_id: Some(id.clone()), ..msg.meta },
        warnings: msg.warnings,
    };
    let rest = msg.attachments.into_iter().flat_map(move |a| {
        let at = format!("{locator} › {}", a.name);
        let docs: RawDocs = match a.content {
            Content::Bytes(b) => open_nested(path.clone(), at, &a.name, b, depth + 1),
            // An attached message has no bytes of its own in the file: its
            // id is that of its text and headers.
            Content::Message(m) => {
                let key = format!("{id}\n{}\n{}", a.name, m.text);
                let inner_id = hex::encode(Sha256::digest(key.as_bytes()));
                build(path.clone(), at, Vec::new(), inner_id, *m, depth + 1)
            }
        };
        docs.map({
            let (id, name) = (id.clone(), a.name);
            move |r| r.map(|d| d.found_in(&id, &name))
        })
    });
    Box::new(std::iter::once(Ok(doc)).chain(rest))
}

/// Reads the message stored at `base` (`/` for the file's own message,
/// ending in `/`).
fn read_message<F: Read + Seek>(
    file: &mut cfb::CompoundFile<F>,
    base: &str,
    depth: usize,
) -> Result<Msg, String> {
    let entries = children(file, base)?;
    if !entries.iter().any(|n| n.starts_with("__substg1.0_")) {
        return Err("binary data (an OLE2 file that is no Outlook message: an old Word or Excel file?), \
                    not a format dossier reads: skipped"
            .into());
    }
    // The file's own message has a 32-byte header before its fixed
    // properties; an attached message 24 bytes.
    let props = Props::read(file, base, if base == "/" { 32 } else { 24 });
    let mut warnings = Vec::new();
    let (mut to, mut cc) = (Vec::new(), Vec::new());
    for recip in entries.iter().filter(|n| n.starts_with("__recip_version1.0_#")).take(MAX_PARTS) {
        let r = Props::read(file, &format!("{base}{recip}/"), 8);
        let name = r.string(file, DISPLAY_NAME);
        let address = r
            .string(file, SMTP_ADDRESS)
            .or_else(|| r.string(file, EMAIL_ADDRESS).filter(|a| a.contains('@')));
        let shown = match (name, address) {
            (Some(n), Some(a)) if n != a => format!("{n} <{a}>"),
            (Some(n), _) => n,
            (None, Some(a)) => a,
            (None, None) => continue,
        };
        match r.long(RECIPIENT_TYPE) {
            Some(2) => cc.push(shown),
            Some(3) => {}
            _ => to.push(shown),
        }
    }
    if to.is_empty() {
        to = display_list(props.string(file, DISPLAY_TO));
    }
    if cc.is_empty() {
        cc = display_list(props.string(file, DISPLAY_CC));
    }
    let bracketless = |s: String| s.trim().trim_start_matches('<').trim_end_matches('>').to_string();
    let envelope = Envelope {
        to,
        cc,
        subject: props.string(file, SUBJECT).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        message_id: props.string(file, MESSAGE_ID).map(bracketless).filter(|s| !s.is_empty()),
        in_reply_to: props.string(file, IN_REPLY_TO).map(bracketless).filter(|s| !s.is_empty()),
        ..Envelope::default()
    };
    let sender = props
        .string(file, SENDER_NAME)
        .or_else(|| props.string(file, SENDER_SMTP))
        .or_else(|| props.string(file, SENDER_ADDRESS))
        .or_else(|| props.string(file, SENT_FOR_NAME))
        .or_else(|| props.string(file, SENT_FOR_ADDRESS))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let meta = ContainerMeta {
        title: envelope.subject.clone(),
        authors: sender.into_iter().collect(),
        published: props.time(SUBMIT_TIME).or_else(|| props.time(DELIVERY_TIME)),
        source_id: envelope.message_id.clone(),
        envelope,
        ..ContainerMeta::default()
    };
    let body = match props.string(file, BODY).filter(|b| !b.trim().is_empty()) {
        Some(plain) => plain,
        None => match props.binary(file, HTML).or_else(|| props.string(file, HTML).map(String::into_bytes)) {
            Some(html) => {
                let decoded = crate::decode::decode(&html, None, true);
                crate::html::extract_html(&decoded.text, None).text
            }
            None => String::new(),
        },
    };
    let mut text = super::reply::cut_quoted(&body.replace("\r\n", "\n"));
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let mut attachments = Vec::new();
    let attach_dirs: Vec<&String> =
        entries.iter().filter(|n| n.starts_with("__attach_version1.0_#")).take(MAX_PARTS).collect();
    for (n, dir) in attach_dirs.into_iter().enumerate() {
        let at = format!("{base}{dir}/");
        let a = Props::read(file, &at, 8);
        let name = a
            .string(file, ATTACH_LONG_FILENAME)
            .or_else(|| a.string(file, ATTACH_FILENAME))
            .or_else(|| a.string(file, DISPLAY_NAME))
            .map(|s| s.trim().replace(['/', '\\'], "_"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("attachment {}", n + 1));
        if let Some(bytes) = a.binary(file, ATTACH_DATA) {
            attachments.push(Attachment { name, content: Content::Bytes(bytes) });
            continue;
        }
        let inner = format!("{at}__substg1.0_3701000D/");
        if file.is_storage(&inner) {
            if depth >= MAX_NESTING {
                warnings
                    .push(format!("{name}: attached message nested more than {MAX_NESTING} deep: skipped"));
                continue;
            }
            match read_message(file, &inner, depth + 1) {
                Ok(m) => attachments.push(Attachment { name, content: Content::Message(Box::new(m)) }),
                Err(e) => warnings.push(format!("{name}: {e}")),
            }
            continue;
        }
        warnings.push(format!("{name}: an attachment without data (an embedded OLE object?): skipped"));
    }
    Ok(Msg { meta, text, attachments, warnings })
}

/// The names of the entries of a storage.
fn children<F: Read + Seek>(file: &cfb::CompoundFile<F>, base: &str) -> Result<Vec<String>, String> {
    let entries = file.read_storage(base).map_err(|e| format!("corrupt Outlook message: {e}"))?;
    let mut names: Vec<String> = entries.take(100_000).map(|e| e.name().to_string()).collect();
    names.sort();
    Ok(names)
}

/// `A; B` display lists as names.
fn display_list(list: Option<String>) -> Vec<String> {
    list.map(|l| l.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

/// One object's properties: where its property streams are, and the
/// fixed-size values of its `__properties_version1.0` stream.
struct Props {
    base: String,
    /// (property id, type, value) of each fixed-size property.
    fixed: Vec<(u16, u16, u64)>,
}

impl Props {
    /// Reads the fixed properties after a header of `header` bytes.
    fn read<F: Read + Seek>(file: &mut cfb::CompoundFile<F>, base: &str, header: usize) -> Self {
        let raw = stream(file, &format!("{base}__properties_version1.0")).unwrap_or_default();
        let fixed = raw
            .get(header..)
            .unwrap_or_default()
            .chunks_exact(16)
            .map(|e| {
                let kind = u16::from_le_bytes([e[0], e[1]]);
                let id = u16::from_le_bytes([e[2], e[3]]);
                let mut value = [0u8; 8];
                value.copy_from_slice(&e[8..16]);
                (id, kind, u64::from_le_bytes(value))
            })
            .collect();
        Props { base: base.to_string(), fixed }
    }

    /// A string property: UTF-16 (`001F`) or 8-bit (`001E`, read as
    /// UTF-8 when it is, else Windows-1252).
    fn string<F: Read + Seek>(&self, file: &mut cfb::CompoundFile<F>, id: u16) -> Option<String> {
        if let Some(b) = stream(file, &format!("{}__substg1.0_{id:04X}001F", self.base)) {
            let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            return Some(String::from_utf16_lossy(&units).trim_end_matches('\0').to_string());
        }
        let b = stream(file, &format!("{}__substg1.0_{id:04X}001E", self.base))?;
        let b = b.strip_suffix(b"\0").unwrap_or(&b);
        Some(match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252.decode(b).0.into_owned(),
        })
    }

    /// A binary property (`0102`).
    fn binary<F: Read + Seek>(&self, file: &mut cfb::CompoundFile<F>, id: u16) -> Option<Vec<u8>> {
        stream(file, &format!("{}__substg1.0_{id:04X}0102", self.base))
    }

    /// A 32-bit integer property (`0003`).
    fn long(&self, id: u16) -> Option<u32> {
        self.fixed.iter().find(|(i, k, _)| *i == id && *k == 0x0003).map(|(_, _, v)| *v as u32)
    }

    /// A time property (`0040`, a FILETIME) as ISO 8601 in UTC.
    fn time(&self, id: u16) -> Option<String> {
        let (_, _, ticks) = self.fixed.iter().find(|(i, k, _)| *i == id && *k == 0x0040)?;
        let secs = (ticks / 10_000_000) as i64 - 11_644_473_600;
        let t = chrono::DateTime::from_timestamp(secs, 0)?;
        use chrono::Datelike;
        (1800..=2200).contains(&t.year()).then(|| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    }
}

/// A stream's bytes, up to the document bound (`None` when absent).
fn stream<F: Read + Seek>(file: &mut cfb::CompoundFile<F>, path: &str) -> Option<Vec<u8>> {
    let mut s = file.open_stream(path).ok()?;
    read_capped(&mut s, MAX_DOCUMENT_BYTES).ok().map(|(b, _)| b)
}

#[cfg(test)]
mod tests;
