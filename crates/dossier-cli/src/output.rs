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

#[cfg(test)]
mod tests {
    use super::*;

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
}
