//! Bytes to text: BOM, then the declared charset (HTTP header, HTML meta),
//! then UTF-8 if the bytes are (mostly) UTF-8, then detection (chardetng).
//! Undecodable bytes become U+FFFD and the caller is told, so it can warn
//! once per file.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and what happened on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM dropped.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`. `declared` is a charset label from outside the bytes
/// (an HTTP `Content-Type`); `is_html` allows a `<meta charset>` prescan.
pub fn decode(bytes: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(enc, bytes);
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let meta = if is_html { meta_charset(bytes) } else { None };
    if let Some(enc) = declared.or(meta) {
        // A page declaring a legacy charset that is in fact valid UTF-8 is
        // common (templates copied around); valid UTF-8 with non-ASCII bytes
        // is very unlikely to be anything else.
        if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return finish(UTF_8, bytes);
        }
        // UTF-16 labels in a meta tag are lies: the tag itself was readable as ASCII.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
        return finish(enc, bytes);
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return finish(UTF_8, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    finish(detector.guess(None, chardetng::Utf8Detection::Allow), bytes)
}

/// UTF-16 without a byte order mark, told by its zero bytes: text in
/// Latin script has a zero high byte in most code units, all on the same
/// side (odd offsets for little-endian). Checked on the first 4 KB, then
/// confirmed by decoding them without error.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let units = sample.len() / 2;
    if units < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let enc = if odd * 10 >= units * 3 && even * 50 <= units {
        encoding_rs::UTF_16LE
    } else if even * 10 >= units * 3 && odd * 50 <= units {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (_, errors) = enc.decode_without_bom_handling(sample);
    (!errors).then_some(enc)
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name(), had_errors }
}

/// True when the bytes hold more valid multi-byte UTF-8 sequences than
/// invalid bytes: a UTF-8 text with a few stray bytes, which should stay
/// UTF-8 (with replacement characters) rather than be re-read as Latin-1.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte +=
                    std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multibyte >= invalid.max(1)
}

/// The charset of a `<meta charset=…>` or `<meta http-equiv content="…;
/// charset=…">` in the first 2 KB of an HTML page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_and_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFRa\xC4\x8Dak", None, false);
        assert_eq!(d.text, "Račak");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Osh".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, None, false).text, "Osh");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = "Otunbayeva said the Osh inquiry would report in December.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None, false).text, text);
        assert_eq!(decode(&be, None, false).encoding, "UTF-16BE");
        assert_eq!(decode(&be, None, false).text, text);
        // Binary with a few zero bytes, and plain ASCII, are not UTF-16.
        assert!(utf16_without_bom(b"\x00\x01\x02\x03\x04\x05\x06\x07").is_none());
        assert!(utf16_without_bom(text.as_bytes()).is_none());
    }

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xCE\xF8</body></html>";
        let d = decode(page, None, true);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Ош"));
    }

    #[test]
    fn declared_charset_and_detection() {
        assert!(decode(b"caf\xE9", Some("iso-8859-1"), false).text.ends_with('é'));
        let latin1 = "Le gouvernement a d\u{e9}clar\u{e9} que la r\u{e9}union \u{e9}tait pr\u{e9}vue \u{e0} Gen\u{e8}ve.";
        let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
        let d = decode(&bytes, None, false);
        assert_eq!(d.text, latin1);
        assert!(!d.had_errors);
    }

    #[test]
    fn stray_invalid_bytes_become_replacement_characters() {
        let d = decode(b"Vu\xC4\x8Di\xC4\x87 said \xFF so", None, false);
        assert_eq!(d.text, "Vučić said \u{FFFD} so");
        assert!(d.had_errors);
    }
}
