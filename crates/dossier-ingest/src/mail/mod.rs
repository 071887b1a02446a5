//! E-mail: one `.eml` message, or an mbox archive streamed message by
//! message (`mbox.rs`), or an Outlook `.msg` file (`msg.rs`). Each message is one document (format `email`):
//!
//! - `authors` from `From` (the display name, else the address),
//!   `published` from `Date`, `title` and `subject` from `Subject`, and the
//!   envelope fields `to`, `cc`, `message_id`, `in_reply_to`;
//! - the text is the `text/plain` body when there is one, else the HTML
//!   body through the HTML main-text extractor; MIME encoded words,
//!   quoted-printable, base64 and charsets are decoded by `mail-parser`;
//! - quoted replies are cut (`reply.rs`): what a message quotes belongs to
//!   the earlier message, which is its own document when the archive has it;
//! - each attachment (and each forwarded `message/rfc822`) becomes a
//!   document of its own through the same format detection, its `parent`
//!   the message's id and `filename` its name. A format dossier cannot read
//!   is named on standard error and skipped.

pub mod mbox;
pub(crate) mod msg;
pub mod reply;
pub(crate) mod sniff;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use dossier_core::{Envelope, Format};

use crate::source::{open_nested, Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// An attachment found in a message, read later (lazily) as a document.
struct Attachment {
    name: String,
    bytes: Vec<u8>,
    /// A forwarded message (`message/rfc822`): read as e-mail whatever
    /// its headers look like.
    is_message: bool,
}

/// The documents of one `.eml` message read from `path`: the message, then
/// its attachments (the reader the `mail` fuzz target drives).
pub fn eml(path: String, bytes: Vec<u8>) -> RawDocs {
    message(path.clone(), path, bytes, 0)
}

/// The documents of one message (`bytes`, the whole RFC 5322 message): the
/// message, then its attachments. `depth` is how deep in archives and
/// messages it already is.
pub(crate) fn message(path: String, locator: String, bytes: Vec<u8>, depth: usize) -> RawDocs {
    let Some(msg) = MessageParser::default().parse(&bytes[..]) else {
        return Box::new(std::iter::once(Err(IngestError::new(
            locator,
            "not an e-mail message: no header lines",
        ))));
    };
    if msg.headers().is_empty() {
        return Box::new(std::iter::once(Err(IngestError::new(
            locator,
            "not an e-mail message: no header lines",
        ))));
    }
    let id = hex::encode(Sha256::digest(&bytes));
    let mut warnings = Vec::new();
    if let Some(problem) = broken_mime(&msg, &bytes) {
        warnings.push(problem);
    }
    let envelope = Envelope {
        to: addresses(msg.to()),
        cc: addresses(msg.cc()),
        subject: msg.subject().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        message_id: msg.message_id().map(str::to_string),
        in_reply_to: first_id(msg.in_reply_to()),
        ..Envelope::default()
    };
    let meta = ContainerMeta {
        title: envelope.subject.clone(),
        authors: msg.from().map(|a| a.iter().filter_map(person).collect()).unwrap_or_default(),
        published: msg.date().filter(|d| d.is_valid()).map(|d| d.to_rfc3339()),
        source_id: envelope.message_id.clone(),
        envelope,
        ..ContainerMeta::default()
    };
    let text = reply::cut_quoted(&body_text(&msg));
    let attachments = attachments(&msg);
    drop(msg);
    let doc = RawDoc {
        path: path.clone(),
        locator: locator.clone(),
        format: Format::Email,
        bytes,
        body: Body::PlainString(text),
        charset: None,
        meta,
        warnings,
    };
    let rest = attachments.into_iter().flat_map(move |a| {
        let at = format!("{locator} › {}", a.name);
        let docs = if a.is_message && depth < crate::limits::MAX_NESTING {
            message(path.clone(), at, a.bytes, depth + 1)
        } else {
            open_nested(path.clone(), at, &a.name, a.bytes, depth + 1)
        };
        docs.map({
            let (id, name) = (id.clone(), a.name);
            move |r| r.map(|d| d.found_in(&id, &name))
        })
    });
    Box::new(std::iter::once(Ok(doc)).chain(rest))
}

/// `Name <address>` (or the one that is there) for each address.
fn addresses(a: Option<&Address<'_>>) -> Vec<String> {
    let Some(a) = a else { return Vec::new() };
    a.iter()
        .filter_map(|addr| {
            let name = addr.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
            let address = addr.address.as_deref().map(str::trim).filter(|n| !n.is_empty());
            match (name, address) {
                (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
                (Some(n), None) => Some(n.to_string()),
                (None, Some(a)) => Some(a.to_string()),
                (None, None) => None,
            }
        })
        .collect()
}

/// An author: the display name, else the address.
fn person(addr: &mail_parser::Addr<'_>) -> Option<String> {
    let name = addr.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    name.or(addr.address.as_deref().map(str::trim).filter(|n| !n.is_empty())).map(str::to_string)
}

/// The first message id of a header (`In-Reply-To` may list several).
fn first_id(v: &mail_parser::HeaderValue<'_>) -> Option<String> {
    v.as_text()
        .map(str::to_string)
        .or_else(|| v.as_text_list().and_then(|l| l.first()).map(|s| s.to_string()))
        .filter(|s| !s.is_empty())
}

/// The message's readable body: its `text/plain` parts, or, for a message
/// that has only HTML, the main text of its HTML parts.
fn body_text(msg: &mail_parser::Message<'_>) -> String {
    let mut plain = Vec::new();
    let mut html = Vec::new();
    for id in &msg.text_body {
        match msg.part(*id).map(|p| &p.body) {
            Some(PartType::Text(t)) => plain.push(t.to_string()),
            Some(PartType::Html(h)) => html.push(h.to_string()),
            _ => {}
        }
    }
    if plain.iter().all(|t| t.trim().is_empty()) {
        for id in &msg.html_body {
            if let Some(PartType::Html(h)) = msg.part(*id).map(|p| &p.body) {
                if !html.contains(&h.to_string()) {
                    html.push(h.to_string());
                }
            }
        }
        let texts: Vec<String> = html.iter().map(|h| crate::html::extract_html(h, None).text).collect();
        return join_parts(texts);
    }
    join_parts(plain)
}

fn join_parts(parts: Vec<String>) -> String {
    let parts: Vec<&str> = parts.iter().map(|p| p.trim_end()).filter(|p| !p.trim().is_empty()).collect();
    let mut text = parts.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// Every attachment and forwarded message, with a name.
fn attachments(msg: &mail_parser::Message<'_>) -> Vec<Attachment> {
    let mut out = Vec::new();
    for (n, part) in msg.attachments().enumerate() {
        let name = part
            .attachment_name()
            .map(|s| s.trim().replace(['/', '\\'], "_"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("attachment {}", n + 1));
        let (bytes, is_message) = match &part.body {
            PartType::Text(t) | PartType::Html(t) => (t.as_bytes().to_vec(), false),
            PartType::Binary(b) | PartType::InlineBinary(b) => (b.to_vec(), false),
            PartType::Message(m) => (m.raw_message.to_vec(), true),
            PartType::Multipart(_) => continue,
        };
        out.push(Attachment { name, bytes, is_message });
    }
    out
}

/// A multipart message whose closing boundary is missing (a cut-off
/// message, the last of a truncated mbox), or whose parts could not be
/// decoded.
fn broken_mime(msg: &mail_parser::Message<'_>, raw: &[u8]) -> Option<String> {
    if msg.parts.iter().any(|p| p.is_encoding_problem) {
        return Some("broken MIME: a part could not be decoded as declared".into());
    }
    let ct = msg.root_part().content_type()?;
    if !ct.c_type.eq_ignore_ascii_case("multipart") {
        return None;
    }
    let boundary = ct.attribute("boundary")?;
    let closing = format!("--{boundary}--");
    (!contains(raw, closing.as_bytes()))
        .then(|| format!("truncated or broken MIME: the multipart has no closing boundary {closing:?}"))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests;
