//! Hostile inputs, generated here (never committed), each run through the
//! real binary under a time limit and a peak-memory limit: decompression
//! bombs, oversized records and lines, trailing garbage, folder loops and
//! FIFOs, quadratic HTML, UTF-16 without a BOM, malformed WARC records and
//! control characters meant for the terminal. The batch must go on past
//! each bad input, and memory must stay in proportion to what is kept.

mod util;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

/// A bounded run: outcome, wall time and peak resident memory (MiB).
struct Bounded {
    code: i32,
    stdout: String,
    stderr: String,
    secs: f64,
    peak_mib: u64,
}

/// Runs `dossier ARGS`; fails the test past `limit`.
fn bounded(args: &[&str], limit: Duration) -> Bounded {
    let m = util::dossier_measured(args, limit);
    assert_ne!(m.run.code, -1, "dossier {args:?}: {}", m.run.stderr);
    Bounded {
        code: m.run.code,
        stdout: m.run.stdout,
        stderr: m.run.stderr,
        secs: m.secs,
        peak_mib: m.peak_mib,
    }
}

/// Peak memory of ingesting one small article: the baseline every case
/// is measured against (models, store, threads).
fn baseline_mib(dir: &Path) -> u64 {
    let small = dir.join("small.txt");
    std::fs::write(&small, "Otunbayeva said the inquiry would report in December.\n").unwrap();
    let store = dir.join("baseline-store");
    let r = bounded(&["--store", s(&store), "ingest", s(&small)], Duration::from_secs(120));
    assert_eq!(r.code, 0, "{}", r.stderr);
    eprintln!("baseline (one small article): {:.1} s, peak {} MiB", r.secs, r.peak_mib);
    r.peak_mib
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Ingests `inputs` into a new store under `dir`, with a report, within
/// the limits; returns the run, the summary and the report lines.
fn ingest(
    dir: &Path,
    name: &str,
    inputs: &[&Path],
    limit: Duration,
    max_mib: u64,
) -> (Bounded, Value, Vec<Value>) {
    let store = dir.join(format!("{name}-store"));
    let report = dir.join(format!("{name}-report.jsonl"));
    let mut args = vec!["--store", s(&store), "ingest", "--json", "--report", s(&report)];
    args.extend(inputs.iter().map(|p| s(p)));
    let r = bounded(&args, limit);
    assert!(r.code == 0 || r.code == 1, "{name}: exit {}: {}", r.code, r.stderr);
    assert!(r.peak_mib <= max_mib, "{name}: peak {} MiB > {max_mib} MiB", r.peak_mib);
    let summary: Value = serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("{name}: summary not JSON ({e}): {}", r.stdout));
    let lines =
        std::fs::read_to_string(&report).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    eprintln!("{name}: {:.1} s, peak {} MiB", r.secs, r.peak_mib);
    (r, summary, lines)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const GOOD: &str =
    "Roza Otunbayeva said on Tuesday that the inquiry into the clashes in Osh would report in December.\n";

#[test]
fn hostile_files_are_bounded_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let base = baseline_mib(dir);
    // Each case may use at most this much more than the baseline: what a
    // kept document costs (64 MiB at most), with room for the allocator.
    let max = base + 200;
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();

    // 1. A gzip bomb: 512 MiB of one letter in ~0.5 MiB.
    let bomb = dir.join("bomb.txt.gz");
    {
        let mut e =
            flate2::write::GzEncoder::new(std::fs::File::create(&bomb).unwrap(), flate2::Compression::best());
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..512 {
            e.write_all(&chunk).unwrap();
        }
        e.finish().unwrap();
    }
    let (r, sum, report) = ingest(dir, "bomb", &[&bomb, &good], Duration::from_secs(60), max);
    assert_eq!((sum["added"].as_u64(), sum["failed"].as_u64()), (Some(1), Some(1)), "{}", r.stderr);
    assert!(report[0]["reason"].as_str().unwrap().contains("decompression bomb"), "{report:?}");

    // 2. A WARC record whose gzip Content-Encoding expands 1,000 times,
    // between two good records.
    let payload = gzip(&vec![b' '; 256 << 20]);
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(&payload);
    let warc = dir.join("bomb.warc");
    let mut w = Vec::new();
    let record = |w: &mut Vec<u8>, block: &[u8], http: bool| {
        let ct = if http { "application/http; msgtype=response" } else { "text/plain" };
        let kind = if http { "response" } else { "resource" };
        write!(
            w,
            "WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .unwrap();
        w.extend(block);
        w.extend(b"\r\n\r\n");
    };
    record(&mut w, GOOD.as_bytes(), false);
    record(&mut w, &http, true);
    // 3. A malformed record (no length), then junk, then a good record:
    // the reader resyncs on the next `WARC/` line.
    w.extend(b"WARC/1.0\r\nWARC-Type: resource\r\n\r\nno length here\r\n\r\njunk line\n");
    record(&mut w, b"Kimmo Kiljunen said the commission would not be rushed.", false);
    std::fs::write(&warc, &w).unwrap();
    let (r, sum, report) = ingest(dir, "warc", &[&warc, &good], Duration::from_secs(60), max);
    assert_eq!(sum["added"].as_u64(), Some(2), "{}", r.stderr);
    assert_eq!(sum["failed"].as_u64(), Some(2), "{report:?}");
    let reasons: Vec<&str> = report.iter().filter_map(|l| l["reason"].as_str()).collect();
    assert!(reasons.iter().any(|x| x.contains("decompression bomb")), "{reasons:?}");
    assert!(reasons.iter().any(|x| x.contains("Content-Length")), "{reasons:?}");

    // 4. A JSON line longer than a document may be, then a good line.
    let jsonl = dir.join("long.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        f.write_all(b"{\"text\": \"").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..70 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"}\n").unwrap();
        writeln!(f, "{}", serde_json::json!({ "text": GOOD })).unwrap();
    }
    let (r, sum, report) = ingest(dir, "jsonl", &[&jsonl], Duration::from_secs(60), max);
    assert_eq!((sum["added"].as_u64(), sum["failed"].as_u64()), (Some(1), Some(1)), "{}", r.stderr);
    assert!(report[0]["reason"].as_str().unwrap().contains("longer than"), "{report:?}");

    // 5. Gzip followed by trailing garbage: what was decoded, with a warning.
    let tail = dir.join("tail.txt.gz");
    let mut bytes = gzip(GOOD.as_bytes());
    bytes.extend(b"\x00\x01 trailing garbage");
    std::fs::write(&tail, bytes).unwrap();
    let (r, sum, _) = ingest(dir, "tail", &[&tail], Duration::from_secs(60), max);
    assert_eq!(sum["added"].as_u64(), Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("trailing data after the gzip stream ignored"), "{}", r.stderr);

    // 6. 200,000 distinct attributes on one element (50 s before the cap).
    let html = dir.join("attrs.html");
    let attrs: String = (0..200_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    std::fs::write(&html, format!("<html><body><div{attrs}><p>{GOOD}</p></div></body></html>")).unwrap();
    let (r, sum, _) = ingest(dir, "attrs", &[&html], Duration::from_secs(30), max);
    assert_eq!(sum["added"].as_u64(), Some(1), "{}", r.stderr);
    assert!(r.secs < 20.0, "{:.1} s", r.secs);

    // 7. A 135 MB feed is streamed item by item: memory stays that of one
    // item; an item past the item bound is refused and the next is read.
    let feed = dir.join("huge.rss");
    let pad = "padding ".repeat(12_800); // ~100 KB an item, of nothing to keep
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&feed).unwrap());
        f.write_all(
            b"<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:x=\"urn:pad\"><channel><title>T</title>",
        )
        .unwrap();
        for i in 0..1_300 {
            write!(
                f,
                "<item><title>Item {i}</title><description>{GOOD}</description><x:pad>{pad}</x:pad></item>"
            )
            .unwrap();
            if i == 650 {
                let big = "word ".repeat(4 << 20); // 20 MiB, past the 16 MiB item bound
                write!(f, "<item><title>Too big</title><description>{big}</description></item>").unwrap();
            }
        }
        f.write_all(b"</channel></rss>").unwrap();
    }
    assert!(std::fs::metadata(&feed).unwrap().len() > 135_000_000);
    let (r, sum, report) = ingest(dir, "feed", &[&feed, &good], Duration::from_secs(120), max);
    assert_eq!((sum["added"].as_u64(), sum["failed"].as_u64()), (Some(1_301), Some(1)), "{}", r.stderr);
    let reason = report.iter().find_map(|l| l["reason"].as_str()).unwrap();
    assert!(reason.contains("larger than 16.0 MiB: not read"), "{report:?}");

    // 8. UTF-16 without a byte order mark.
    let utf16 = dir.join("utf16.txt");
    std::fs::write(&utf16, GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()).unwrap();
    let out = util::dossier(&["extract", s(&utf16)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(doc["text"], GOOD);
}

#[cfg(unix)]
#[test]
fn folder_loops_and_fifos_do_not_hang_or_repeat() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("tree");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("one.txt"), GOOD).unwrap();
    std::fs::write(root.join("a/b/two.txt"), "Kimmo Kiljunen said the commission would not be rushed.\n")
        .unwrap();
    std::os::unix::fs::symlink(".", root.join("self")).unwrap();
    std::os::unix::fs::symlink("../..", root.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink(".", root.join("a/again")).unwrap();
    let fifo_made = Command::new("mkfifo").arg(root.join("pipe")).status().is_ok_and(|s| s.success());
    let base = baseline_mib(tmp.path());
    let (r, sum, report) = ingest(tmp.path(), "tree", &[&root], Duration::from_secs(60), base + 100);
    assert_eq!(sum["added"].as_u64(), Some(2), "each real file once: {}", r.stderr);
    assert_eq!(sum["skipped"].as_u64(), Some(0), "no file read twice: {report:?}");
    if fifo_made {
        assert_eq!(sum["failed"].as_u64(), Some(1), "{report:?}");
        assert!(r.stderr.contains("skipped: a FIFO, not a regular file"), "{}", r.stderr);
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // A file name and a title carrying escape sequences, BEL and CR.
    let evil_name = dir.join("evil\x1b]0;pwned\x07\r.bin");
    std::fs::write(&evil_name, b"\x00\x01\x02 binary").unwrap();
    let jsonl = dir.join("evil.jsonl");
    let line = serde_json::json!({
        "title": "Osh \u{1b}[2J\u{1b}[31mcleared\u{7}\r",
        "text": "Otunbayeva said the \u{1b}[5m inquiry \u{9b}31m would report.",
    });
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    let store = dir.join("store");
    let r = util::dossier(&["--store", s(&store), "ingest", s(&evil_name), s(&jsonl)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let bad = |t: &str| t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    assert!(!bad(&r.stderr), "{:?}", r.stderr);
    assert!(r.stderr.contains("evil\\x1b]0;pwned\\x07\\r.bin"), "{:?}", r.stderr);
    let r = util::dossier(&["--store", s(&store), "search", "inquiry"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("cleared"), "{}", r.stdout);
    assert!(!bad(&r.stdout), "{:?}", r.stdout);
    // JSON output is unchanged: the title comes back as stored.
    let r = util::dossier(&["--store", s(&store), "search", "--json", "inquiry"]);
    let hit: Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(hit["doc"]["title"], "Osh \u{1b}[2J\u{1b}[31mcleared\u{7}");
}
