//! E-mail, mbox, zip archives and cables through the real binary: the
//! envelope fields in `extract`'s lines, attachments and archive members
//! as documents with their parent, bad input named while the run goes on,
//! and the same documents through `ingest` (idempotent, counted), the
//! store's search and export. Fixtures in `tests/fixtures/mail` were
//! written for these tests (see their text); `leak.zip` and `corrupt.zip`
//! were made with Python's zipfile from `cable.txt` and a note.

mod util;

use serde_json::Value;
use util::{dossier, fixture, json_lines, TempDir};

fn by_filename<'a>(docs: &'a [Value], name: &str) -> &'a Value {
    docs.iter().find(|d| d["filename"] == name).unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn extract_reads_messages_attachments_archives_and_cables() {
    let run = dossier(&["extract", &fixture("mail")]);
    assert_eq!(run.code, 1, "bad inputs make the exit status 1: {}", run.stderr);
    let docs = json_lines(&run.stdout);
    assert_eq!(docs.len(), 11, "{}", run.stdout);
    util::check_contract(&run.stdout, &[]);

    // The reply: headers decoded, quoted text cut, attachments linked.
    let reply = docs
        .iter()
        .find(|d| d["message_id"] == "reply-42@example.org" && d["path"].as_str().unwrap().ends_with(".eml"))
        .unwrap();
    assert_eq!(reply["format"], "email");
    assert_eq!(reply["authors"][0], "Tomás Ruiz");
    assert_eq!(reply["published"], "2008-03-04T10:22:00+01:00");
    assert_eq!(reply["subject"], "Re: Reservoir figures");
    assert_eq!(reply["title"], "Re: Reservoir figures");
    assert_eq!(reply["to"][0], "Ana Lind <ana@example.org>");
    assert_eq!(reply["cc"][0], "Desk <b> <desk@example.org>");
    assert_eq!(reply["in_reply_to"], "question-41@example.org");
    let text = reply["text"].as_str().unwrap();
    assert!(text.contains("Günter Maas of the OSCE agrees."), "quoted-printable and charset: {text}");
    assert!(!text.contains("How full") && !text.contains("wrote:"), "quoted reply cut: {text}");
    let memo = by_filename(&docs, "memo.html");
    assert_eq!(memo["format"], "html");
    assert_eq!(memo["parent"], reply["id"]);
    assert!(memo["text"].as_str().unwrap().contains("built in 1975"));

    // The mbox: one document per message, `>From` unescaped, the thread linked.
    let mbox: Vec<&Value> =
        docs.iter().filter(|d| d["path"].as_str().unwrap().ends_with("inbox.mbox")).collect();
    assert_eq!(mbox[0]["message_id"], "question-41@example.org");
    assert!(mbox[0]["text"].as_str().unwrap().contains("\nFrom what I hear"));
    assert_eq!(mbox[1]["in_reply_to"], mbox[0]["message_id"]);
    assert_eq!(mbox[1]["text"], "Half empty, said Aida Sadykova.\n");

    // The archive: a document of its own, each readable member a child.
    let zip = docs.iter().find(|d| d["format"] == "zip").unwrap();
    assert_eq!(zip["text"], "");
    assert_eq!(by_filename(&docs, "notes/dam.txt")["parent"], zip["id"]);

    // Cables: the header is the metadata, even on a page dated 2023.
    for cable in [
        by_filename(&docs, "cable.txt"),
        docs.iter().find(|d| d["format"] == "html" && d["parent"].is_null()).unwrap(),
    ] {
        assert_eq!(cable["published"], "2008-04-10T12:00:00Z", "{cable}");
        assert_eq!(cable["authors"][0], "AMEMBASSY BISHKEK");
        assert_eq!(cable["title"], "KYRGYZSTAN: WATER TALKS STALL AS DONORS LOSE PATIENCE");
        assert_eq!(cable["classification"], "CONFIDENTIAL");
        assert_eq!(cable["references"], serde_json::json!(["BISHKEK 111", "STATE 2222"]));
    }

    // Every bad part named, with its reason.
    for (what, why) in [
        ("corrupt.zip: corrupt zip archive", ""),
        ("leak.zip › ../escape.txt: unsafe member path", ""),
        ("leak.zip › photo.png: an image, ", " (read by OCR, or named when it cannot be)"),
        ("reply.eml › scan.pdf: not a readable PDF", " (attachments are read as PDFs)"),
        ("inbox.mbox#message 3: warning: truncated", ""),
    ] {
        assert!(run.stderr.contains(what), "{what}{why} not in {}", run.stderr);
    }
}

#[test]
fn ingest_stores_them_once_and_counts() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let report = dir.path("report.jsonl");
    let first = dossier(&["--store", &store, "ingest", &fixture("mail"), "--report", &report, "--json"]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let s = &json_lines(&first.stdout)[0];
    // `leak.zip › cable.txt` has the bytes of `cable.txt`, so the id: stored once.
    let counts = (s["added"].as_u64(), s["skipped"].as_u64(), s["failed"].as_u64());
    assert_eq!(counts, (Some(10), Some(1), Some(4)), "{s}");
    let lines = json_lines(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(lines.iter().filter(|l| l["outcome"] == "added").count(), 10);
    let second = dossier(&["--store", &store, "ingest", &fixture("mail"), "--json"]);
    let s = &json_lines(&second.stdout)[0];
    assert_eq!((s["added"].as_u64(), s["skipped"].as_u64()), (Some(0), Some(11)), "{s}");

    let search = dossier(&["--store", &store, "search", "Sadykova", "--json"]);
    let hits = json_lines(&search.stdout);
    assert!(hits.iter().any(|h| h["doc"]["title"] == "Re: Reservoir figures"), "{}", search.stdout);

    let export = dossier(&["--store", &store, "export", "--format", "jsonl"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let records = json_lines(&export.stdout);
    let msg =
        records.iter().find(|r| r["message_id"] == "question-41@example.org").expect("envelope exported");
    assert_eq!(msg["to"][0], "tomas@example.org");
}
