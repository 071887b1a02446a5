//! Reading a PDF in a child process that is killed at a deadline.
//!
//! Inside one process the reader cannot stop lopdf while it parses a file
//! or decodes one page's content stream (a hostile file can keep either
//! busy for minutes and take gigabytes), and a stack overflow in the PDF
//! crates would end the whole batch. So the `dossier` binary reads each
//! PDF in a copy of itself (`dossier __read-pdf`, the bytes on standard
//! input, the result as one JSON line on standard output) and kills it
//! past the time budget, or when it holds more than
//! [`MAX_PDF_MEMORY`](crate::limits::MAX_PDF_MEMORY) (`DOSSIER_PDF_MEMORY_MB`
//! sets another bound): the file is then
//! named with the reason and the batch goes on. A thread could not do
//! this: an abandoned thread keeps its CPU and memory until it ends, if
//! ever.
//!
//! Library users and tests that do not call [`isolate_with`] read in
//! process, as before.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{Budget, PdfMeta, PdfText};
use crate::limits::MAX_PDF_MEMORY;

/// The argument that makes the dossier binary a PDF reader child.
pub const CHILD_ARG: &str = "__read-pdf";

/// Time the child gets beyond the budget to start and answer (it starts
/// in about 10 ms).
const GRACE: Duration = Duration::from_secs(2);

static READER: OnceLock<PathBuf> = OnceLock::new();

/// Makes [`super::read`] read each PDF in a child process: `exe
/// __read-pdf`, where `exe` is a binary that calls [`child_main`] for that
/// argument (the dossier binary, at start).
pub fn isolate_with(exe: PathBuf) {
    let _ = READER.set(exe);
}

/// The reader child configured by [`isolate_with`], if any.
pub(super) fn reader() -> Option<&'static PathBuf> {
    READER.get()
}

/// The child's side: reads a PDF from standard input, writes `ocr N`
/// lines before recognising N scanned pages (the parent extends its
/// deadline) and the result as one JSON line. Returns the exit code.
pub fn child_main() -> i32 {
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return 2;
    }
    let ocr = crate::ocr::tesseract().map_err(str::to_string);
    let mut out = std::io::stdout().lock();
    let result = super::read_reporting(&bytes, Budget::default(), ocr, &mut |pages| {
        let _ = writeln!(out, "ocr {pages}");
        let _ = out.flush();
    });
    let line = match result {
        Ok(pdf) => json!({
            "text": pdf.text,
            "pages": pdf.pages,
            "title": pdf.meta.title,
            "authors": pdf.meta.authors,
            "created": pdf.meta.created,
            "warnings": pdf.warnings,
        }),
        Err(e) => json!({ "error": e }),
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
        return 2;
    }
    0
}

/// Reads `bytes` in the child `exe`, under `budget`'s time (plus the OCR
/// time per scanned page the child announces) and the memory bound.
pub fn read_in_child(exe: &PathBuf, bytes: &[u8], budget: Budget) -> Result<PdfText, String> {
    let mut child = Command::new(exe)
        .arg(CHILD_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the PDF reader ({}): {e}", exe.display()))?;
    let pid = child.id();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err("could not talk to the PDF reader".into());
    };
    // The bytes go in on their own thread: a child that dies early must
    // not leave the writer blocked.
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let memory = std::env::var("DOSSIER_PDF_MEMORY_MB")
        .ok()
        .and_then(|mb| mb.parse::<u64>().ok())
        .map_or(MAX_PDF_MEMORY, |mb| mb << 20);
    let mut deadline = Instant::now() + budget.time + GRACE;
    let outcome = loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => match line.strip_prefix("ocr ").and_then(|n| n.parse::<u32>().ok()) {
                Some(pages) => deadline = Instant::now() + budget.ocr_page * pages + GRACE,
                None => break parse_answer(&line),
            },
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break Err(match child.wait() {
                    Ok(status) => format!("the PDF reader died on this file ({status})"),
                    Err(e) => format!("the PDF reader died on this file ({e})"),
                });
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if Instant::now() >= deadline {
                    break Err(format!(
                        "not read: the PDF reader was stopped after the time budget of {} s per file",
                        budget.time.as_secs_f64()
                    ));
                }
                if resident_bytes(pid).is_some_and(|rss| rss > memory) {
                    break Err(format!(
                        "not read: the PDF reader was stopped past {} of memory",
                        crate::limits::size(memory)
                    ));
                }
            }
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    let _ = writer.join();
    let _ = reader.join();
    outcome
}

/// The child's JSON answer as a [`PdfText`], or its error.
fn parse_answer(line: &str) -> Result<PdfText, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("the PDF reader answered badly ({e})"))?;
    if let Some(e) = v.get("error").and_then(Value::as_str) {
        return Err(e.to_string());
    }
    let strings = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let string = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(PdfText {
        text: string("text").unwrap_or_default(),
        pages: v
            .get("pages")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|n| n.as_u64().map(|n| n as usize)).collect())
            .unwrap_or_default(),
        meta: PdfMeta { title: string("title"), authors: strings("authors"), created: string("created") },
        warnings: strings("warnings"),
    })
}

/// The resident memory of process `pid` (Linux; `None` elsewhere).
fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        let line = json!({"text": "a\n\nb", "pages": [0, 3], "title": "T", "authors": ["A B"],
            "created": null, "warnings": ["w"]})
        .to_string();
        let pdf = parse_answer(&line).unwrap();
        assert_eq!((pdf.text.as_str(), pdf.pages.as_slice()), ("a\n\nb", &[0usize, 3][..]));
        assert_eq!(pdf.meta, PdfMeta { title: Some("T".into()), authors: vec!["A B".into()], created: None });
        assert_eq!(pdf.warnings, vec!["w"]);
        assert_eq!(parse_answer(r#"{"error":"an encrypted PDF"}"#).unwrap_err(), "an encrypted PDF");
        assert!(parse_answer("garbage").is_err());
    }

    #[test]
    fn this_process_reads_its_own_memory() {
        assert!(resident_bytes(std::process::id()).is_some_and(|b| b > 0));
    }
}
