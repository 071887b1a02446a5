//! `dossier bench mbox`: how fast an mbox is read — split into messages,
//! MIME decoded (quoted-printable, base64), quoted replies cut, attachments
//! read as documents — in messages per second, and the peak memory of the
//! process, which stays flat however large the mbox (`--size-mb 2048`
//! writes and reads a 2 GB one). The mbox is written from the demo corpus
//! (deterministic), or `--input` names one. `--nlp N` also runs the first N
//! messages through the whole `extract` (NLP and JSON), for its messages/s.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_core::Format;
use dossier_ingest::{open_input, Input, RawDoc};
use dossier_nlp::Pipeline;
use rayon::prelude::*;

use super::bench_store::{rss, DEMO};

/// Arguments of `dossier bench mbox`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Size of the mbox to write, in MB.
    #[arg(long, default_value_t = 64)]
    pub size_mb: u64,
    /// Keep the written mbox at this path (default: a temporary file, removed).
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// Read this mbox instead of writing one.
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Also run the first N messages through the whole `extract`.
    #[arg(long, default_value_t = 0)]
    pub nlp: usize,
}

/// Raw documents built in parallel at a time (as `extract` batches them).
const BATCH: usize = 256;

/// Runs the benchmark.
pub fn run(args: &Args) -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("dossier-bench-{}.mbox", std::process::id()));
    let remove = args.input.is_none() && args.keep.is_none();
    let path = match (&args.input, &args.keep) {
        (Some(p), _) => p.clone(),
        (None, keep) => {
            let p = keep.clone().unwrap_or_else(|| tmp.clone());
            let t = Instant::now();
            let n = write_mbox(&p, args.size_mb << 20)?;
            println!(
                "wrote {} ({n} messages, {} MB) in {:.1} s",
                p.display(),
                args.size_mb,
                t.elapsed().as_secs_f64()
            );
            p
        }
    };
    let bytes = std::fs::metadata(&path).with_context(|| path.display().to_string())?.len();
    let t = Instant::now();
    let (mut messages, mut attachments, mut failed) = (0u64, 0u64, 0u64);
    let mut kept: Vec<RawDoc> = Vec::new();
    let mut batch: Vec<RawDoc> = Vec::with_capacity(BATCH);
    let build = |batch: &mut Vec<RawDoc>, messages: &mut u64, attachments: &mut u64, failed: &mut u64| {
        let built: Vec<_> = std::mem::take(batch).into_par_iter().map(RawDoc::build).collect();
        for b in built {
            match b {
                Ok(b) if b.doc.format == Format::Email => *messages += 1,
                Ok(_) => *attachments += 1,
                Err(_) => *failed += 1,
            }
        }
    };
    for raw in open_input(&Input::File(path.clone())) {
        match raw {
            Ok(r) => {
                if kept.len() < args.nlp {
                    kept.push(r.clone());
                }
                batch.push(r);
                if batch.len() == BATCH {
                    build(&mut batch, &mut messages, &mut attachments, &mut failed);
                }
            }
            Err(_) => failed += 1,
        }
    }
    build(&mut batch, &mut messages, &mut attachments, &mut failed);
    let secs = t.elapsed().as_secs_f64();
    if remove {
        let _ = std::fs::remove_file(&tmp);
    }
    let (_, peak) = rss();
    println!(
        "read: {messages} messages + {attachments} attachments ({failed} failed) from {:.0} MB in {secs:.1} s: \
         {:.0} messages/s, {:.1} MB/s; peak memory {} MiB ({} threads)",
        bytes as f64 / 1e6,
        messages as f64 / secs,
        bytes as f64 / 1e6 / secs,
        peak >> 20,
        rayon::current_num_threads()
    );
    if !kept.is_empty() {
        let pipeline = Pipeline::new();
        let n = kept.len();
        let t = Instant::now();
        let out: usize = kept
            .into_par_iter()
            .map(|r| super::extract::process_one(&pipeline, r).map_or(0, |s| s.len()))
            .sum();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "extract (NLP + JSON): {n} documents in {secs:.1} s: {:.1} documents/s ({out} bytes of JSON)",
            n as f64 / secs
        );
    }
    Ok(())
}

/// Writes an mbox of about `size` bytes from the demo corpus: every
/// message has a subject, date and id, every other one answers the one
/// before (quoting it), every third is multipart with its text in
/// quoted-printable and a base64 text attachment. Returns the messages.
fn write_mbox(path: &std::path::Path, size: u64) -> Result<u64> {
    let texts: Vec<String> = DEMO
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    anyhow::ensure!(!texts.is_empty(), "the demo corpus has no texts");
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(path).with_context(|| path.display().to_string())?);
    let (mut written, mut n) = (0u64, 0u64);
    while written < size {
        let text = &texts[n as usize % texts.len()];
        let msg = message(n, text, &texts[(n as usize + 1) % texts.len()]);
        out.write_all(msg.as_bytes())?;
        written += msg.len() as u64;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// One message of the synthetic mbox (with its `From ` line).
fn message(n: u64, text: &str, next: &str) -> String {
    let who = n % 50;
    let mut m = format!(
        "From sender{who}@example.org Mon Jan  5 10:00:00 2015\nFrom: Reporter {who} <sender{who}@example.org>\n\
         To: desk@example.org\nSubject: Story {n}\nDate: Mon, 5 Jan 2015 {:02}:{:02}:00 +0000\n\
         Message-ID: <m{n}@example.org>\nMIME-Version: 1.0\n",
        (n / 60) % 24,
        n % 60
    );
    let mut body = text.to_string();
    if n % 2 == 1 {
        m.push_str(&format!("In-Reply-To: <m{}@example.org>\n", n - 1));
        body.push_str("\n\nOn Mon, 5 Jan 2015, the desk wrote:\n");
        for line in next.lines().take(5) {
            body.push_str("> ");
            body.push_str(line);
            body.push('\n');
        }
    }
    if n % 3 == 0 {
        m.push_str("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n");
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n",
        );
        m.push_str(&quoted_printable(&body));
        m.push_str("\n--b\nContent-Type: text/plain; name=\"next.txt\"\nContent-Disposition: attachment; filename=\"next.txt\"\n");
        m.push_str("Content-Transfer-Encoding: base64\n\n");
        m.push_str(&base64(next.as_bytes()));
        m.push_str("\n--b--\n");
    } else {
        m.push_str("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
        m.push_str(&body);
        m.push('\n');
    }
    // mboxrd: body lines that start with `From ` (after `>`s) get one more `>`.
    let mut escaped = String::with_capacity(m.len() + 64);
    for (i, line) in m.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_start_matches('>').starts_with("From ") {
            escaped.push('>');
        }
        escaped.push_str(line);
    }
    escaped.push('\n');
    escaped
}

/// Quoted-printable (RFC 2045): `=`, non-ASCII and control bytes as `=XX`,
/// soft line breaks before 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10);
    for line in text.split('\n') {
        let mut col = 0;
        for &b in line.as_bytes() {
            let piece = if b == b'=' || !(0x20..0x7F).contains(&b) {
                format!("={b:02X}")
            } else {
                (b as char).to_string()
            };
            if col + piece.len() > 75 {
                out.push_str("=\n");
                col = 0;
            }
            col += piece.len();
            out.push_str(&piece);
        }
        out.push('\n');
    }
    out
}

/// Base64 (RFC 4648) in lines of 76 characters.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + bytes.len() / 57 + 4);
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push('\n');
        }
        let v = chunk.iter().enumerate().fold(0u32, |acc, (k, &b)| acc | (u32::from(b) << (16 - 8 * k)));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(v >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoders_match_their_rfcs() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(quoted_printable("a=b é"), "a=3Db =C3=A9\n");
    }

    #[test]
    fn the_synthetic_mbox_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.mbox");
        let n = write_mbox(&p, 200_000).unwrap();
        let docs: Vec<_> = open_input(&Input::File(p)).map(|r| r.and_then(RawDoc::build).unwrap()).collect();
        let messages = docs.iter().filter(|d| d.doc.format == Format::Email).count() as u64;
        assert_eq!(messages, n);
        assert_eq!(docs.len() as u64, n + n.div_ceil(3), "one attachment every third message");
        let first = &docs[0].doc;
        assert_eq!(first.envelope.message_id.as_deref(), Some("m0@example.org"));
        // The quoted-printable body decodes to the demo text itself.
        let text0 =
            DEMO.lines().next().and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()).unwrap();
        assert_eq!(first.text.trim_end(), text0["text"].as_str().unwrap().trim_end());
        assert!(docs.iter().all(|d| !d.doc.text.contains("\n> ")), "quoted replies are cut");
    }
}
