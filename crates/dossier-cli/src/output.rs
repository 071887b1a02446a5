//! Output helpers shared by the subcommands: JSON Lines, plain tables,
//! shortening text for a terminal.

use std::io::Write;

/// True when the error chain holds a broken pipe (`dossier … | head`), which
/// is how a reader says it has seen enough, not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `println!` that returns the write error instead of panicking, so that
/// `dossier entity X | head` ends quietly when the reader closes the pipe
/// (see [`is_broken_pipe`]).
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock())?
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        writeln!(std::io::stdout().lock(), "{}", $crate::output::clean(&line))?
    }};
}
pub(crate) use outln;

/// `s` safe to print on a terminal: control characters (escape
/// sequences, BEL, carriage returns, C1 controls) and the bidirectional
/// overrides are shown escaped (`\x1b`, `\r`, `\u{202e}`), so a file name or
/// a document's text cannot move the cursor, retitle the window or hide
/// what follows. New lines and tabs stay. JSON output does not use it.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            c if bad(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if bad(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Names a warning or a failed input on standard error (the run goes on).
pub fn print_problem(problem: dossier_pipeline::Problem<'_>) {
    eprintln!("dossier: {}", clean(&problem.to_string()));
}

/// Buffered standard output.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

/// Writes `items` as JSON Lines.
pub fn json_lines<T: serde::Serialize>(items: &[T]) -> anyhow::Result<()> {
    let mut out = stdout();
    for it in items {
        serde_json::to_writer(&mut out, it)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// A date value of the contract (`2010-08-23`, `2010-03`, `2010`,
/// `--12`, `1990/1999`, …) as a reader says it: days stay ISO (they sort
/// and align in tables), a month reads `March 2010`, a decade `the 1990s`,
/// a year-less value says so, and no value at all is `undated`.
pub fn human_date(value: Option<&str>) -> String {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return "undated".into() };
    if let Some((a, b)) = v.split_once('/') {
        let decade = a.len() == 4 && b.len() == 4 && a.ends_with('0') && b.ends_with('9') && a[..3] == b[..3];
        if decade {
            return format!("the {a}s");
        }
        return format!("{} to {}", human_date(Some(a)), human_date(Some(b)));
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied();
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        ["", "", m] => month(m).map_or_else(|| v.to_string(), |m| format!("{m} (year unknown)")),
        ["", "", m, d] => month(m)
            .map_or_else(|| v.to_string(), |m| format!("{} {m} (year unknown)", d.trim_start_matches('0'))),
        [y, m] => month(m).map_or_else(|| v.to_string(), |m| format!("{m} {y}")),
        _ => v.get(..10).unwrap_or(v).to_string(),
    }
}

/// When an entity was seen: `seen 2010-06-10 to 2010-08-26`, `seen in
/// March 2010`, or `no dated documents`.
pub fn seen_between(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (None, None) => "no dated documents".into(),
        (Some(a), Some(b)) if a == b => format!("seen {}", human_date(Some(a))),
        (a, b) => format!("seen {} to {}", human_date(a), human_date(b)),
    }
}

/// `n` and the noun, plural unless `n` is one: `1 document`, `3 documents`,
/// `2 entities` (regular English plurals of the last word).
pub fn counted(n: i64, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// `s` on one line (whitespace runs collapsed), at most `max` characters,
/// with `…` when cut.
pub fn short(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let mut out: String = one.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A plain text table: columns padded to their widest cell.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(headers: &[&str]) -> Self {
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the table to standard output.
    pub fn print(&self) -> anyhow::Result<()> {
        let rows: Vec<Vec<String>> =
            self.rows.iter().map(|r| r.iter().map(|c| clean(c).into_owned()).collect()).collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(c.chars().count());
                }
            }
        }
        let mut out = stdout();
        let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
            let n = cells.len();
            for (i, c) in cells.iter().enumerate() {
                if i + 1 == n {
                    write!(out, "{c}")?;
                } else {
                    let pad = widths[i].saturating_sub(c.chars().count());
                    write!(out, "{c}{}  ", " ".repeat(pad))?;
                }
            }
            writeln!(out)
        };
        line(&self.headers, &mut out)?;
        for r in &rows {
            line(r, &mut out)?;
        }
        out.flush()?;
        Ok(())
    }
}

/// Human-readable bytes.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// A linked GeoNames place in words: `city in Kyrgyzstan, Osh Region,
/// pop. 322,164, 40.53° N 72.80° E` (what the web UI's entity page says),
/// from the JSON of a place (the store's profile, or the linker's
/// `PlaceFacts` serialised).
pub fn place_in_words(place: &serde_json::Value) -> Option<String> {
    let text = |k: &str| place.get(k).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    let mut out = text("kind")?.to_string();
    // The country's name, else its code.
    if let Some(c) = text("country_name").or(text("country")).filter(|_| text("kind") != Some("country")) {
        out.push_str(&format!(" in {c}"));
    }
    if let Some(r) = text("region") {
        out.push_str(&format!(", {r}"));
    }
    if let Some(n) = place.get("population").and_then(|v| v.as_u64()).filter(|&n| n > 0) {
        out.push_str(&format!(", pop. {}", thousands(n)));
    }
    if let (Some(lat), Some(lon)) =
        (place.get("lat").and_then(|v| v.as_f64()), place.get("lon").and_then(|v| v.as_f64()))
    {
        let ns = if lat < 0.0 { 'S' } else { 'N' };
        let ew = if lon < 0.0 { 'W' } else { 'E' };
        out.push_str(&format!(", {:.2}° {ns} {:.2}° {ew}", lat.abs(), lon.abs()));
    }
    Some(out)
}

/// `322164` → `322,164`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_dates() {
        assert_eq!(human_date(Some("2010-08-23")), "2010-08-23");
        assert_eq!(human_date(Some("2010-08-23T10:00:00Z")), "2010-08-23");
        assert_eq!(human_date(Some("2010-03")), "March 2010");
        assert_eq!(human_date(Some("2010")), "2010");
        assert_eq!(human_date(Some("1990/1999")), "the 1990s");
        assert_eq!(human_date(Some("2015-09-14/2015-09-20")), "2015-09-14 to 2015-09-20");
        assert_eq!(human_date(Some("--12")), "December (year unknown)");
        assert_eq!(human_date(Some("--08-03")), "3 August (year unknown)");
        assert_eq!(human_date(None), "undated");
        assert_eq!(human_date(Some("")), "undated");
    }

    #[test]
    fn counts_read_right() {
        assert_eq!(counted(1, "document"), "1 document");
        assert_eq!(counted(0, "document"), "0 documents");
        assert_eq!(counted(2, "quote"), "2 quotes");
        assert_eq!(counted(3, "entity"), "3 entities");
        assert_eq!(counted(1, "entity"), "1 entity");
        assert_eq!(counted(2, "day"), "2 days");
    }

    #[test]
    fn short_collapses_and_cuts() {
        assert_eq!(short("a\n  b", 10), "a b");
        assert_eq!(short("Kimmo Kiljunen", 6), "Kimmo…");
    }

    #[test]
    fn human_bytes() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1536), "1.5 KiB");
    }

    #[test]
    fn places_read_in_words() {
        let osh = serde_json::json!({"kind": "city", "country_name": "Kyrgyzstan", "region": "Osh Region",
            "population": 322164, "lat": 40.52828, "lon": 72.7985});
        assert_eq!(
            place_in_words(&osh).unwrap(),
            "city in Kyrgyzstan, Osh Region, pop. 322,164, 40.53° N 72.80° E"
        );
        let country =
            serde_json::json!({"kind": "country", "country_name": "Kyrgyzstan", "population": null});
        assert_eq!(place_in_words(&country).unwrap(), "country");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }
}
