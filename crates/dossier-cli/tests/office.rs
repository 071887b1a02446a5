//! Office files through the real binary: each format's document in
//! `extract` (text and properties), a broken and a hostile file named on
//! standard error while the run goes on, and the same files through
//! `ingest` (idempotent, counted), the store's search and export. The
//! files are dossier-ingest's fixtures (`scripts/make-office-fixtures.py`).

mod util;

use serde_json::Value;
use util::{dossier, json_lines, TempDir};

fn office_fixtures() -> String {
    format!("{}/../dossier-ingest/tests/fixtures/office", env!("CARGO_MANIFEST_DIR"))
}

/// A folder with the fixtures, a truncated .docx and a zip-bomb .xlsx.
fn folder_with_bad_files(dir: &TempDir) -> String {
    let root = dir.path("in");
    std::fs::create_dir(&root).unwrap();
    for entry in std::fs::read_dir(office_fixtures()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, format!("{root}/{}", path.file_name().unwrap().to_str().unwrap())).unwrap();
    }
    let docx = std::fs::read(format!("{root}/memo.docx")).unwrap();
    std::fs::write(format!("{root}/cut.docx"), &docx[..docx.len() / 3]).unwrap();
    // An .xlsx whose workbook part is 30 MiB of spaces: a few KB on disk.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    use std::io::Write;
    w.write_all(&vec![b' '; 30 << 20]).unwrap();
    std::fs::write(format!("{root}/bomb.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    root
}

fn by_format<'a>(docs: &'a [Value], format: &str) -> &'a Value {
    docs.iter().find(|d| d["format"] == format).unwrap_or_else(|| panic!("no {format} document"))
}

#[test]
fn extract_reads_each_office_format_and_names_bad_files() {
    let dir = TempDir::new();
    let run = dossier(&["extract", &folder_with_bad_files(&dir)]);
    assert_eq!(run.code, 1, "bad inputs make the exit status 1: {}", run.stderr);
    let docs = json_lines(&run.stdout);
    assert_eq!(docs.len(), 8, "one document per good file: {}", run.stdout);
    util::check_contract(&run.stdout, &[]);
    for format in ["docx", "odt", "rtf", "pptx", "odp", "xlsx", "ods", "csv"] {
        let doc = by_format(&docs, format);
        assert!(!doc["text"].as_str().unwrap().is_empty(), "{doc}");
    }
    let memo = by_format(&docs, "docx");
    assert_eq!(memo["title"], "Reservoir inspection memo");
    assert_eq!(memo["authors"][0], "Ana Lind");
    assert_eq!(memo["published"], "2024-03-05T10:22:00Z");
    assert!(memo["text"].as_str().unwrap().contains("North dam\tBen Okoro\t8 March"));
    // The pipeline runs on it: the people of the memo are found, in prose
    // and in a table cell.
    let names: Vec<&str> =
        memo["entities"].as_array().unwrap().iter().filter_map(|e| e["text"].as_str()).collect();
    assert!(names.iter().any(|n| n.contains("Ana Lind")), "{names:?}");
    assert!(names.contains(&"Ben Okoro"), "{names:?}");
    assert!(by_format(&docs, "xlsx")["text"].as_str().unwrap().starts_with("Budget 2024\n\n"));
    for what in [
        "cut.docx: corrupt zip archive",
        "bomb.xlsx: unreadable .xlsx file: xl/workbook.xml: compressed data expands",
    ] {
        assert!(run.stderr.contains(what), "{what} not in {}", run.stderr);
    }
}

#[test]
fn ingest_stores_them_once_and_search_finds_them() {
    let dir = TempDir::new();
    let input = folder_with_bad_files(&dir);
    let store = dir.path("s");
    let first = dossier(&["--store", &store, "ingest", &input, "--json"]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let s = &json_lines(&first.stdout)[0];
    assert_eq!((s["added"].as_u64(), s["failed"].as_u64()), (Some(8), Some(2)), "{s}");
    let second = dossier(&["--store", &store, "ingest", &input, "--json"]);
    let s = &json_lines(&second.stdout)[0];
    assert_eq!((s["added"].as_u64(), s["skipped"].as_u64()), (Some(0), Some(8)), "{s}");

    let search = dossier(&["--store", &store, "search", "spillway", "--json"]);
    let hits = json_lines(&search.stdout);
    assert!(hits.iter().any(|h| h["doc"]["title"] == "Letter to the council"), "{}", search.stdout);
    let search = dossier(&["--store", &store, "search", "inspector", "--json"]);
    let hits = json_lines(&search.stdout);
    assert!(
        hits.iter().any(|h| h["doc"]["title"] == "Water budget"),
        "a spreadsheet cell: {}",
        search.stdout
    );

    let export = dossier(&["--store", &store, "export", "--format", "jsonl"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let records = json_lines(&export.stdout);
    assert!(
        records.iter().any(|r| r["format"] == "pptx" && r["title"] == "Water briefing"),
        "{}",
        export.stdout
    );
}
