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
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}
pub(crate) use outln;

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
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
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
        for r in &self.rows {
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
