//! Telling e-mail, mbox and zip apart from text that merely looks like
//! them: a memo with `FROM:` and `TO:` lines is text (see `cable.rs`), an
//! article opening with "From the start" is text.

use crate::detect::Sniffed;

/// Headers only e-mail carries: one of them, or an address with `@` in
/// `From`/`To`/`Cc`/`Sender`, makes a header block a message.
const MAIL_ONLY: &[&str] = &[
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "delivered-to",
    "in-reply-to",
    "references",
    "reply-to",
    "dkim-signature",
    "thread-topic",
];

const ADDRESS: &[&str] = &["from", "to", "cc", "sender"];

/// The zip, mbox or e-mail kind of `head`, when it is one.
pub(crate) fn sniff_mail_or_zip(head: &[u8], name: &str) -> Option<Sniffed> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(Sniffed::Zip);
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if let Some(rest) = head.strip_prefix(b"From ") {
        // An mbox `From_` line (`From sender date`), then a message's headers.
        let end = rest.iter().position(|&b| b == b'\n')?;
        let words = rest[..end].split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).count();
        if words >= 3 && is_message(&rest[end + 1..], true) {
            return Some(Sniffed::Mbox);
        }
        return None;
    }
    let eml = name.ends_with(".eml");
    is_message(head, eml).then_some(Sniffed::Email)
}

/// True when `head` opens with an RFC 5322 header block of at least two
/// fields ending in a blank line (or past the sniffed bytes), with a sign
/// of e-mail in it (or `lenient`: the name or an mbox line said so).
fn is_message(head: &[u8], lenient: bool) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(16 << 10)]);
    let mut fields = 0;
    let mut mail_sign = false;
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) && fields > 0 {
            continue;
        }
        let Some((field, value)) = line.split_once(':') else {
            // The sniffed bytes may end inside a line: only the last may be cut.
            return lines.peek().is_none() && fields >= 2 && (mail_sign || lenient);
        };
        if field.is_empty() || !field.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        let field = field.to_ascii_lowercase();
        mail_sign |= MAIL_ONLY.contains(&field.as_str())
            || field.starts_with("x-")
            || (ADDRESS.contains(&field.as_str()) && value.contains('@'));
        fields += 1;
    }
    fields >= 2 && (mail_sign || (lenient && fields >= 1))
}
