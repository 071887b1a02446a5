//! Small helpers shared by the writer and the queries: name keys for alias
//! look-up, date bounds for range filters, the sentence table's compact
//! encoding, and byte-to-code-point conversion for output.

use dossier_core::Span;

/// The look-up key of a name: lower case, letters and digits only, single
/// spaces. `Kiljunen`, `KILJUNEN` and `Kiljunen,` share a key.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' && c != '.' {
            space = true;
        }
    }
    out
}

/// A stored input path as the store shows it. Stores written before paths
/// were kept relative hold the ingesting machine's absolute paths; those are
/// shown by their file name alone, so no view or export leaks the folders of
/// that machine.
pub fn shown_path(path: String) -> String {
    let absolute = path.starts_with('/') || path.starts_with('\\') || path.get(1..3) == Some(":\\");
    if !absolute {
        return path;
    }
    path.rsplit(['/', '\\']).find(|p| !p.is_empty()).unwrap_or_default().to_string()
}

/// The first and last day an ISO 8601 value (possibly partial, possibly a
/// `from/to` range) can stand for, as `YYYY-MM-DD` strings that compare in
/// date order. `None` when the value does not start with a year.
///
/// `2010` → (`2010-01-01`, `2010-12-31`); `2010-09` → (`2010-09-01`,
/// `2010-09-31`); the day 31 of a short month is harmless for comparisons.
pub fn date_bounds(value: &str) -> Option<(String, String)> {
    let (a, b) = match value.split_once('/') {
        Some((a, b)) => (a, b),
        None => (value, value),
    };
    Some((pad(a, "01", "01")?, pad(b, "12", "31")?))
}

/// Whether a query's date bound `YYYY`, `YYYY-MM` or `YYYY-MM-DD` names a
/// real month and day (`2010-13` and `2010-02-30` do not; a filter on them
/// is a typo to report, not a range to guess).
pub fn is_calendar_date(v: &str) -> bool {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|s| s.iter().all(u8::is_ascii_digit))
            .map(|_| v[r].parse::<u32>().unwrap_or(0))
    };
    let Some(year) = num(0..4) else { return false };
    match b.len() {
        4 => true,
        7 => b[4] == b'-' && num(5..7).is_some_and(|m| (1..=12).contains(&m)),
        10 => {
            let (Some(m), Some(d)) = (num(5..7), num(8..10)) else { return false };
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            b[4] == b'-' && b[7] == b'-' && (1..=days).contains(&d)
        }
        _ => false,
    }
}

fn pad(v: &str, month: &str, day: &str) -> Option<String> {
    let v = v.trim();
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    let year = &v[..4];
    if b.get(4) == Some(&b'-') && digits(5..7) {
        let m = &v[5..7];
        if b.get(7) == Some(&b'-') && digits(8..10) {
            return Some(format!("{year}-{m}-{}", &v[8..10]));
        }
        return Some(format!("{year}-{m}-{day}"));
    }
    Some(format!("{year}-{month}-{day}"))
}

/// Encodes sentence spans as little-endian `u32` pairs.
pub fn encode_spans(spans: &[Span]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 8);
    for s in spans {
        out.extend_from_slice(&(s.start as u32).to_le_bytes());
        out.extend_from_slice(&(s.end as u32).to_le_bytes());
    }
    out
}

/// Decodes what [`encode_spans`] wrote; a truncated tail is ignored.
pub fn decode_spans(bytes: &[u8]) -> Vec<Span> {
    bytes
        .chunks_exact(8)
        .map(|c| {
            let a = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            let b = u32::from_le_bytes([c[4], c[5], c[6], c[7]]) as usize;
            Span::new(a, b)
        })
        .collect()
}

/// The index of the sentence holding byte `pos`, if any.
pub fn sentence_of(sentences: &[Span], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= pos);
    sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
}

/// The code-point offset of byte offset `byte` in `text` (clamped to the
/// text and to a char boundary, so a bad span never panics).
pub fn char_pos(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// `text[start..end]` clamped to char boundaries; empty when out of range.
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    let fix = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let (a, b) = (fix(start), fix(end));
    if a <= b {
        &text[a..b]
    } else {
        ""
    }
}

/// Now, as an RFC 3339 UTC timestamp (seconds).
pub fn now() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The `documents.envelope` column of an envelope: its JSON, `None` when
/// nothing is known.
pub(crate) fn envelope_json(e: &dossier_core::Envelope) -> Option<String> {
    (!e.is_empty()).then(|| serde_json::to_string(e).unwrap_or_default())
}

/// An envelope read back from the `documents.envelope` column.
pub(crate) fn envelope_of(column: Option<String>) -> dossier_core::Envelope {
    column.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn name_keys_fold_case_and_punctuation() {
        assert_eq!(name_key("Kimmo  Kiljunen,"), "kimmo kiljunen");
        assert_eq!(name_key("KILJUNEN"), "kiljunen");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("O’Brien"), "obrien");
        assert_eq!(name_key("Vučić"), "vučić");
        assert_eq!(name_key("  "), "");
    }

    #[test]
    fn date_bounds_cover_partial_values_and_ranges() {
        assert_eq!(date_bounds("2010-08-26T10:00:00Z").unwrap(), ("2010-08-26".into(), "2010-08-26".into()));
        assert_eq!(date_bounds("2010-09").unwrap(), ("2010-09-01".into(), "2010-09-31".into()));
        assert_eq!(date_bounds("2010").unwrap(), ("2010-01-01".into(), "2010-12-31".into()));
        assert_eq!(date_bounds("2010-09/2010-11").unwrap(), ("2010-09-01".into(), "2010-11-31".into()));
        assert_eq!(date_bounds("yesterday"), None);
        assert_eq!(date_bounds(""), None);
    }

    #[test]
    fn calendar_dates_are_checked() {
        for ok in ["2010", "2010-01", "2010-12", "2010-02-28", "2012-02-29", "2000-02-29", "2010-12-31"] {
            assert!(is_calendar_date(ok), "{ok}");
        }
        for bad in [
            "2010-13",
            "2010-00",
            "2010-02-29",
            "1900-02-29",
            "2010-04-31",
            "2010-01-00",
            "2010-1-01",
            "201",
            "",
            "2010-01-01T10",
            "2010/01/01",
            "abcd",
            "2010-é1",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }

    #[test]
    fn spans_round_trip_and_sentence_lookup() {
        let spans = vec![Span::new(0, 10), Span::new(11, 20), Span::new(25, 30)];
        assert_eq!(decode_spans(&encode_spans(&spans)), spans);
        assert_eq!(sentence_of(&spans, 0), Some(0));
        assert_eq!(sentence_of(&spans, 12), Some(1));
        assert_eq!(sentence_of(&spans, 22), None);
        assert_eq!(sentence_of(&spans, 40), None);
    }

    #[test]
    fn char_positions_and_slices_never_panic() {
        let t = "Račak 🙂 x";
        assert_eq!(char_pos(t, t.find('x').unwrap()), 8);
        assert_eq!(char_pos(t, 3), 2); // inside 'č': clamped back
        assert_eq!(slice(t, 0, 100), t);
        assert_eq!(slice(t, 50, 60), "");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(14_847), (2010, 8, 26));
    }
}
