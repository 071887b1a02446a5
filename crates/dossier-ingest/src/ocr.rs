//! Optical character recognition with Tesseract, run as a subprocess: the
//! text of an image file (`.png`, `.jpg`, `.tiff`) and of PDF pages that
//! have no text layer (scans).
//!
//! A subprocess rather than a binding: nothing to link at build time, the
//! binary still runs where Tesseract is absent (the pages are then named in
//! a warning), and a page that takes too long is killed at its deadline.
//! Measured on a 1654 × 1240 scan at 200 dpi: 0.8 s per page of one core
//! (docs/quality.md, "Scans"). Recognition uses every installed language of
//! English and Russian (`-l eng+rus`); `DOSSIER_TESSERACT` names another
//! command, and `DOSSIER_TESSERACT=off` turns OCR off.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The Tesseract languages dossier asks for, when installed.
const LANGUAGES: &[&str] = &["eng", "rus"];

/// A Tesseract command that answered, and the languages it will use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tesseract {
    /// The command (`tesseract`, or `DOSSIER_TESSERACT`).
    pub command: String,
    /// `eng+rus`, or the subset installed.
    pub languages: String,
}

/// The Tesseract of this machine, looked up once: `None` when it is not
/// installed (or turned off), with the reason.
pub fn tesseract() -> Result<&'static Tesseract, &'static str> {
    static FOUND: OnceLock<Result<Tesseract, String>> = OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let command = std::env::var("DOSSIER_TESSERACT").unwrap_or_else(|_| "tesseract".into());
        if command == "off" {
            return Err("OCR is turned off (DOSSIER_TESSERACT=off)".into());
        }
        Tesseract::find(&command)
    });
    found.as_ref().map_err(String::as_str)
}

impl Tesseract {
    /// Asks `command` for its languages; an error says why it cannot be used.
    pub fn find(command: &str) -> Result<Tesseract, String> {
        let missing = || format!("tesseract is not installed (`{command}` did not run)");
        let out = run(command, &["--list-langs"], &[], Instant::now() + Duration::from_secs(20))
            .map_err(|_| missing())?;
        let installed: Vec<&str> = out.lines().map(str::trim).collect();
        let languages: Vec<&str> = LANGUAGES.iter().copied().filter(|l| installed.contains(l)).collect();
        if languages.is_empty() {
            return Err(format!("tesseract has neither English nor Russian data installed ({command})"));
        }
        Ok(Tesseract { command: command.to_string(), languages: languages.join("+") })
    }

    /// The text of one image (any format Tesseract reads: PNG, JPEG, TIFF,
    /// PNM, …), given its resolution when known; stopped at `deadline`.
    pub fn recognize(&self, image: &[u8], dpi: Option<u32>, deadline: Instant) -> Result<String, String> {
        let dpi = dpi.map(|d| d.clamp(50, 1200).to_string());
        let mut args = vec!["stdin", "stdout", "-l", self.languages.as_str()];
        if let Some(d) = &dpi {
            args.extend(["--dpi", d.as_str()]);
        }
        run(&self.command, &args, image, deadline)
    }
}

/// Runs `command args`, feeding `input` on standard input, and returns its
/// standard output; killed at `deadline`.
fn run(command: &str, args: &[&str], input: &[u8], deadline: Instant) -> Result<String, String> {
    let mut child = Command::new(command)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{command}: {e}"))?;
    // Feed and drain on threads, so a full pipe never blocks the wait.
    let mut stdin = child.stdin.take();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let mut stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.take(4096).read_to_end(&mut out);
            // Drain the rest so the child never blocks on a full pipe.
            let _ = std::io::copy(s, &mut std::io::sink());
        }
        out
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{command} took too long: stopped"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("{command}: {e}")),
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let err = String::from_utf8_lossy(&err);
        let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        return Err(format!("{command} failed ({status}): {last}"));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The text of an image file and where each of its pages starts (a TIFF
/// may hold several; Tesseract ends each page with a form feed).
pub fn image_text(bytes: &[u8]) -> Result<(String, Vec<usize>), String> {
    let tesseract = tesseract().map_err(|why| format!("an image, and {why}: not read"))?;
    image_text_with(tesseract, bytes)
}

/// [`image_text`] with a given Tesseract.
pub fn image_text_with(tesseract: &Tesseract, bytes: &[u8]) -> Result<(String, Vec<usize>), String> {
    let deadline = Instant::now() + Duration::from_secs(crate::limits::OCR_PAGE_SECONDS);
    let raw =
        tesseract.recognize(bytes, None, deadline).map_err(|e| format!("an image, not recognised: {e}"))?;
    let mut pages: Vec<Vec<Vec<String>>> = raw.split('\u{c}').map(paragraphs).collect();
    // The form feed after the last page leaves nothing behind it.
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    Ok(crate::pdf::join::assemble(&pages))
}

/// Tesseract's output as paragraphs: lines of a paragraph joined (words cut
/// at a line end by a hyphen joined again), blank lines between paragraphs,
/// form feeds and stray whitespace dropped.
pub fn paragraphs(raw: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in raw.split('\n') {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_command_is_named() {
        let e = Tesseract::find("/no/such/tesseract-binary").unwrap_err();
        assert!(e.contains("not installed"), "{e}");
    }

    #[test]
    fn a_slow_command_is_stopped_at_its_deadline() {
        let start = Instant::now();
        let e = run("sleep", &["5"], b"", Instant::now() + Duration::from_millis(200)).unwrap_err();
        assert!(e.contains("too long"), "{e}");
        assert!(start.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn output_lines_become_paragraphs() {
        let raw = "The bridge was  closed\non Monday.\n\n\nTraffic is diverted.\n\u{c}";
        assert_eq!(
            paragraphs(raw),
            vec![
                vec!["The bridge was closed".to_string(), "on Monday.".to_string()],
                vec!["Traffic is diverted.".to_string()]
            ]
        );
    }
}
