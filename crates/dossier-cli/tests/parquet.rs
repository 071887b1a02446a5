//! `--format parquet` of `extract` and `export` on the real binary: the
//! tables read back in Rust hold one row per item of the JSON output with
//! the same code-point spans, and DuckDB (from PyPI) reads them and finds
//! the same top speakers as the JSON and as `dossier quotes`.

mod util;

use std::collections::HashMap;
use std::fs::File;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;
use util::{demo_corpus, dossier, json_lines, TempDir};

/// One table read back: its batches (one per row group).
struct Table(Vec<RecordBatch>);

impl Table {
    fn read(dir: &str, name: &str) -> Table {
        let file = File::open(format!("{dir}/{name}.parquet")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let kv = reader.metadata().file_metadata().key_value_metadata().cloned().unwrap_or_default();
        assert!(
            kv.iter().any(|k| k.key == "dossier.parquet_schema" && k.value.as_deref() == Some("2")),
            "{name} names its schema version"
        );
        Table(reader.build().unwrap().collect::<Result<_, _>>().unwrap())
    }

    fn rows(&self) -> usize {
        self.0.iter().map(|b| b.num_rows()).sum()
    }

    fn strings(&self, name: &str) -> Vec<Option<String>> {
        self.0
            .iter()
            .flat_map(|b| {
                let col = b.column_by_name(name).unwrap_or_else(|| panic!("column {name}"));
                col.as_string::<i32>().iter().map(|s| s.map(str::to_string)).collect::<Vec<_>>()
            })
            .collect()
    }

    fn ints(&self, name: &str) -> Vec<i64> {
        self.0
            .iter()
            .flat_map(|b| {
                let col = b.column_by_name(name).unwrap_or_else(|| panic!("column {name}"));
                col.as_primitive::<Int64Type>().iter().map(|v| v.expect("not null")).collect::<Vec<_>>()
            })
            .collect()
    }
}

/// A span row: document, index in its list, start, end, text.
type SpanRow = (String, i64, i64, i64, String);

fn span_rows(t: &Table, index: &str) -> Vec<SpanRow> {
    let (docs, idx, start, end, text) =
        (t.strings("doc_id"), t.ints(index), t.ints("start"), t.ints("end"), t.strings("text"));
    (0..t.rows())
        .map(|i| (docs[i].clone().unwrap(), idx[i], start[i], end[i], text[i].clone().unwrap()))
        .collect()
}

/// The same rows from the JSON documents' list `key`.
fn json_span_rows(docs: &[Value], key: &str) -> Vec<SpanRow> {
    let mut rows = Vec::new();
    for d in docs {
        for (i, item) in d[key].as_array().unwrap().iter().enumerate() {
            rows.push((
                d["id"].as_str().unwrap().to_string(),
                i as i64,
                item["start"].as_i64().unwrap(),
                item["end"].as_i64().unwrap(),
                item["text"].as_str().unwrap().to_string(),
            ));
        }
    }
    rows
}

/// Every span row covers its own text in its document, counted in code
/// points.
fn assert_spans_cover_their_text(dir: &str, rows: &[SpanRow]) {
    let docs = Table::read(dir, "documents");
    let texts: HashMap<String, Vec<char>> = docs
        .strings("doc_id")
        .into_iter()
        .zip(docs.strings("text"))
        .map(|(id, text)| (id.unwrap(), text.unwrap().chars().collect()))
        .collect();
    for (doc, _, start, end, text) in rows {
        let chars = &texts[doc];
        let covered: String = chars[*start as usize..*end as usize].iter().collect();
        assert_eq!(&covered, text, "{doc} {start}-{end}");
    }
}

#[test]
fn extract_tables_hold_the_json_items_with_the_same_spans() {
    let dir = TempDir::new();
    let out = dir.path("tables");
    let json = dossier(&["extract", &demo_corpus()]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let docs = json_lines(&json.stdout);
    let run = dossier(&["extract", "--format", "parquet", "--out", &out, &demo_corpus()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "the tables go to --out, not standard output");

    let documents = Table::read(&out, "documents");
    let ids: Vec<String> = docs.iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(documents.strings("doc_id").into_iter().map(Option::unwrap).collect::<Vec<_>>(), ids);
    for (table, index, key) in [
        ("mentions", "mention_index", "entities"),
        ("quotes", "quote_index", "quotes"),
        ("dates", "date_index", "dates"),
    ] {
        let rows = span_rows(&Table::read(&out, table), index);
        assert!(!rows.is_empty(), "the demo corpus has {table}");
        assert_eq!(rows, json_span_rows(&docs, key), "{table} equal the JSON's {key}");
        assert_spans_cover_their_text(&out, &rows);
    }
    // Labels, entity ids and speakers as in the JSON.
    let mentions = Table::read(&out, "mentions");
    let json_entities: Vec<Option<String>> = docs
        .iter()
        .flat_map(|d| {
            d["entities"].as_array().unwrap().iter().map(|m| m["entity"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(mentions.strings("entity_id"), json_entities);
    let quotes = Table::read(&out, "quotes");
    let json_speakers: Vec<Option<String>> = docs
        .iter()
        .flat_map(|d| {
            d["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["speaker"]["entity"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(quotes.strings("speaker_entity_id"), json_speakers);
    // Every linked mention names a row of the entities table.
    let entities = Table::read(&out, "entities");
    let known: std::collections::HashSet<String> =
        entities.strings("entity_id").into_iter().map(Option::unwrap).collect();
    assert!(json_entities.iter().flatten().all(|e| known.contains(e)));
    assert!(run.stderr.contains(&format!("{} documents", docs.len())), "{}", run.stderr);
}

#[test]
fn parquet_needs_a_folder_and_json_takes_none() {
    let no_out = dossier(&["extract", "--format", "parquet", &demo_corpus()]);
    assert_eq!(no_out.code, 2, "{}", no_out.stderr);
    assert!(no_out.stderr.contains("--out DIR"), "{}", no_out.stderr);
    let dir = TempDir::new();
    let stray = dossier(&["extract", "--out", &dir.path("x"), &demo_corpus()]);
    assert_eq!(stray.code, 2, "{}", stray.stderr);
}

#[test]
fn export_tables_hold_what_the_store_holds() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let out = dir.path("tables");
    let ingest = dossier(&["--store", &store, "ingest", &demo_corpus()]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    let run = dossier(&["--store", &store, "export", "--format", "parquet", "--out", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats = &json_lines(&dossier(&["--store", &store, "stats", "--json"]).stdout)[0];
    for (table, stat) in [
        ("documents", "documents"),
        ("mentions", "mentions"),
        ("quotes", "quotes"),
        ("dates", "dates"),
        ("entities", "entities"),
    ] {
        assert_eq!(Table::read(&out, table).rows() as u64, stats[stat].as_u64().unwrap(), "{table}");
    }
    for (table, index) in [("mentions", "mention_index"), ("quotes", "quote_index"), ("dates", "date_index")]
    {
        assert_spans_cover_their_text(&out, &span_rows(&Table::read(&out, table), index));
    }
    // The quotes are those `dossier quotes` lists, span for span.
    let listed = json_lines(&dossier(&["--store", &store, "quotes", "--json", "--limit", "0"]).stdout);
    let mut from_cli: Vec<(String, i64, i64)> = listed
        .iter()
        .map(|q| {
            (
                q["doc"]["id"].as_str().unwrap().to_string(),
                q["start"].as_i64().unwrap(),
                q["end"].as_i64().unwrap(),
            )
        })
        .collect();
    let quotes = Table::read(&out, "quotes");
    let (docs, start, end) = (quotes.strings("doc_id"), quotes.ints("start"), quotes.ints("end"));
    let mut from_tables: Vec<(String, i64, i64)> =
        (0..quotes.rows()).map(|i| (docs[i].clone().unwrap(), start[i], end[i])).collect();
    from_cli.sort();
    from_tables.sort();
    assert_eq!(from_tables, from_cli);
}

#[test]
fn ingest_parquet_stores_what_ingest_stores() {
    let dir = TempDir::new();
    let tables = dir.path("tables");
    let run = dossier(&["extract", "--format", "parquet", "--out", &tables, &demo_corpus()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (from_files, from_tables) = (dir.path("files"), dir.path("tables-store"));
    let ingest = dossier(&["--store", &from_files, "ingest", &demo_corpus()]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    let loaded = dossier(&["--store", &from_tables, "ingest", "--parquet", &tables, "--json"]);
    assert_eq!(loaded.code, 0, "{}", loaded.stderr);
    assert_eq!(json_lines(&loaded.stdout)[0]["added"], 24);
    // The same records, entity ids included (linking ran again, in the
    // same order); only the stored path differs (`ingest` keeps the name
    // below what it was given, the tables the path `extract` was given).
    let export = |store: &str| -> Vec<Value> {
        let run = dossier(&["--store", store, "export", "--format", "jsonl"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut records = json_lines(&run.stdout);
        for r in &mut records {
            if let Some(o) = r.as_object_mut() {
                o.remove("path");
            }
        }
        records
    };
    let (a, b) = (export(&from_files), export(&from_tables));
    assert_eq!(a.len(), b.len());
    assert!(a.len() >= 24);
    assert_eq!(a, b);
    // A second load adds nothing.
    let again = dossier(&["--store", &from_tables, "ingest", "--parquet", &tables, "--json"]);
    assert_eq!(json_lines(&again.stdout)[0]["skipped"], 24, "{}", again.stderr);
    // A folder without tables is an error that says so.
    let missing = dossier(&["--store", &from_tables, "ingest", "--parquet", &dir.path("nothing")]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("Parquet tables"), "{}", missing.stderr);
}

/// Runs `tests/parquet/query.py` on a folder of tables. None (after saying
/// so) where the duckdb package is not installed, unless
/// `DOSSIER_REQUIRE_DUCKDB` is set (CI installs it and sets it).
fn duckdb_query(dir: &str) -> Option<Value> {
    let has = std::process::Command::new("python3").args(["-c", "import duckdb"]).status();
    if !has.is_ok_and(|s| s.success()) {
        assert!(
            std::env::var_os("DOSSIER_REQUIRE_DUCKDB").is_none(),
            "DOSSIER_REQUIRE_DUCKDB is set but the duckdb package is missing"
        );
        eprintln!("skipped: the duckdb package is not installed (pip install duckdb)");
        return None;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/parquet/query.py");
    let out = std::process::Command::new("python3").args([script, dir]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// The ten most quoted speaker entities of quote records whose speaker
/// entity id sits at `path`: most quotes first, then by id.
fn top_speakers<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Value {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for id in ids.flatten() {
        *counts.entry(id).or_default() += 1;
    }
    let mut top: Vec<(&str, i64)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(10);
    serde_json::json!(top.iter().map(|(k, n)| serde_json::json!([k, n])).collect::<Vec<_>>())
}

#[test]
fn duckdb_reads_the_tables_and_finds_the_top_speakers() {
    let dir = TempDir::new();
    // From extract: the same top speakers as the JSON output.
    let out = dir.path("extract");
    assert_eq!(dossier(&["extract", "--format", "parquet", "--out", &out, &demo_corpus()]).code, 0);
    let Some(found) = duckdb_query(&out) else { return };
    let docs = json_lines(&dossier(&["extract", &demo_corpus()]).stdout);
    let quotes = docs.iter().flat_map(|d| d["quotes"].as_array().unwrap().iter());
    let expected = top_speakers(quotes.map(|q| q["speaker"]["entity"].as_str()));
    assert!(expected.as_array().is_some_and(|t| t.len() >= 3), "the demo corpus has quoted people");
    assert_eq!(found["top_speakers"], expected);
    assert_eq!(found["bad_spans"], 0, "DuckDB's substr agrees with every span");
    assert_eq!(found["unknown_entities"], 0);
    assert_eq!(found["rows"]["documents"], docs.len());

    // From a store: the same top speakers as `dossier quotes`.
    let store = dir.path("s");
    assert_eq!(dossier(&["--store", &store, "ingest", &demo_corpus()]).code, 0);
    let out = dir.path("export");
    assert_eq!(dossier(&["--store", &store, "export", "--format", "parquet", "--out", &out]).code, 0);
    let found = duckdb_query(&out).expect("duckdb was found above");
    let listed = json_lines(&dossier(&["--store", &store, "quotes", "--json", "--limit", "0"]).stdout);
    assert_eq!(
        found["top_speakers"],
        top_speakers(listed.iter().map(|q| q["speaker"]["entity"]["id"].as_str()))
    );
    assert_eq!(found["bad_spans"], 0);
}
