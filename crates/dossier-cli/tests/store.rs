//! End-to-end tests of the store commands on the real binary: the demo as
//! quick start, idempotent ingest with its report, the query commands'
//! JSON Lines, and a crash test that kills `dossier ingest` with SIGKILL in
//! the middle of a run.

mod util;

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::{demo_corpus, dossier, json_lines, TempDir};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

#[test]
fn demo_is_a_quick_start_and_can_be_rerun() {
    let dir = TempDir::new();
    let store = dir.path("demo-store");
    let run = dossier(&["--store", &store, "demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("24 added"), "{}", run.stdout);
    assert!(run.stdout.contains("== search"), "{}", run.stdout);
    // Rerunning recreates the demo store rather than adding to it.
    let again = dossier(&["--store", &store, "demo"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("24 added"), "{}", again.stdout);
    // The demo refuses to wipe a folder that is not its own.
    let other = dir.path("precious");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(format!("{other}/notes.txt"), "keep me").unwrap();
    let refused = dossier(&["--store", &other, "demo"]);
    assert_eq!(refused.code, 2);
    assert!(std::path::Path::new(&format!("{other}/notes.txt")).exists());
}

#[test]
fn demo_never_deletes_an_analysts_work() {
    let dir = TempDir::new();
    // Documents added to a demo store: the rerun refuses and keeps them.
    let store = dir.path("demo-store");
    assert_eq!(dossier(&["--store", &store, "demo"]).code, 0);
    let run = dossier(&["--store", &store, "ingest", &util::fixture("unicode.txt")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let refused = dossier(&["--store", &store, "demo"]);
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(refused.stderr.contains("1 document besides the demo's"), "{}", refused.stderr);
    assert!(refused.stderr.contains("NEW_DIR"), "says how to start over: {}", refused.stderr);
    let stats = dossier(&["--store", &store, "stats", "--json"]);
    assert_eq!(json_lines(&stats.stdout)[0]["documents"], 25, "{}", stats.stdout);

    // An analyst's decision, even on the demo's own documents, is kept too.
    let store = dir.path("demo-store-2");
    let demo = dossier(&["--store", &store, "demo"]);
    assert_eq!(demo.code, 0);
    // The tour's "try next" names the profiled entity; it appears with others.
    let line = demo.stdout.lines().find(|l| l.contains(" entity ")).expect("a try-next entity line");
    let a = line.rsplit(' ').next().unwrap().to_string();
    let profile = json_lines(&dossier(&["--store", &store, "entity", &a, "--json"]).stdout).remove(0);
    let b = profile["co_document"][0]["entity"]["id"].as_str().expect("a companion").to_string();
    let run = dossier(&["--store", &store, "distinct", &a, &b]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let refused = dossier(&["--store", &store, "demo"]);
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(refused.stderr.contains("1 analyst decision"), "{}", refused.stderr);
}

#[test]
fn ingest_is_idempotent_reports_and_answers_queries() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let report = dir.path("report.jsonl");
    let first = dossier(&["--store", &store, "ingest", &demo_corpus(), "--report", &report, "--json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let s = &json_lines(&first.stdout)[0];
    assert_eq!(s["added"], 24);
    assert_eq!(s["skipped"], 0);
    let lines = json_lines(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(lines.len(), 24);
    assert!(lines.iter().all(|l| l["outcome"] == "added" && l["id"].as_str().unwrap().len() == 64));

    let second = dossier(&["--store", &store, "ingest", &demo_corpus(), &util::fixture("unicode.txt")]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stdout.contains("1 added, 24 skipped"), "{}", second.stdout);
    let third = dossier(&["--store", &store, "ingest", &demo_corpus()]);
    assert!(third.stdout.starts_with("nothing new: 24 documents already in the store"), "{}", third.stdout);

    let stats = dossier(&["--store", &store, "stats", "--json"]);
    let st = &json_lines(&stats.stdout)[0];
    for key in ["documents", "entities", "mentions", "quotes"] {
        assert!(st[key].is_number(), "{key} missing in {st}");
    }
    assert_eq!(st["documents"], 25);
    assert_eq!(st["indexed_documents"], 25);
    assert_eq!(st["schema_version"], 12);

    let search = dossier(&["--store", &store, "search", "\"White House\"", "--json"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    let hits = json_lines(&search.stdout);
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h["id"].as_str().unwrap().len(), 64);
        for r in h["highlights"].as_array().unwrap() {
            let (a, b) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            let word: String = h["snippet"].as_str().unwrap().chars().skip(a).take(b - a).collect();
            assert!(["white", "house"].contains(&word.to_lowercase().as_str()), "{word}");
        }
    }
    let dated = dossier(&[
        "--store", &store, "search", "*", "--from", "2017", "--to", "2017-12", "--json", "--limit", "100",
    ]);
    for h in json_lines(&dated.stdout) {
        assert!(h["doc"]["published"].as_str().unwrap().starts_with("2017"), "{h}");
    }
    // A date filter says how many undated documents it left out; the table
    // reads `undated`, never a row of dashes.
    let every = json_lines(&dossier(&["--store", &store, "search", "*", "--json", "--limit", "100"]).stdout);
    let undated = every.iter().filter(|h| h["doc"]["published"].is_null()).count();
    match undated {
        0 => assert!(!dated.stderr.contains("undated"), "{}", dated.stderr),
        1 => assert!(dated.stderr.contains("left out 1 undated document"), "{}", dated.stderr),
        n => assert!(dated.stderr.contains(&format!("left out {n} undated documents")), "{}", dated.stderr),
    }
    let table = dossier(&["--store", &store, "search", "*", "--limit", "100"]);
    assert!(!table.stdout.contains("----------"), "{}", table.stdout);
    assert_eq!(table.stdout.contains("undated"), undated > 0, "{}", table.stdout);

    // Quotes carry their document id and a context that holds them.
    let quotes = dossier(&["--store", &store, "quotes", "--json", "--limit", "0"]);
    let qs = json_lines(&quotes.stdout);
    assert_eq!(qs.len() as u64, st["quotes"].as_u64().unwrap());
    for q in &qs {
        assert_eq!(q["doc"]["id"].as_str().unwrap().len(), 64);
        let ctx = &q["context"];
        assert!(
            ctx["start"].as_u64() <= q["start"].as_u64() && q["end"].as_u64() <= ctx["end"].as_u64(),
            "{q}"
        );
    }
    // A speaker named in a quote is found by name.
    if let Some(name) = qs.iter().find_map(|q| q["speaker"]["name"].as_str()) {
        let by = dossier(&["--store", &store, "quotes", "--speaker", name, "--json"]);
        assert!(!json_lines(&by.stdout).is_empty(), "no quotes by {name}");
    }

    for (fmt, needle) in [("json", "\"nodes\""), ("gexf", "<gexf"), ("graphml", "<graphml")] {
        let g = dossier(&["--store", &store, "graph", "--format", fmt]);
        assert_eq!(g.code, 0, "{}", g.stderr);
        assert!(g.stdout.contains(needle));
    }
    let ftm = dossier(&["--store", &store, "export", "--format", "ftm"]);
    let ents = json_lines(&ftm.stdout);
    assert_eq!(ents.iter().filter(|e| e["schema"] == "Article").count(), 25);
    let jsonl = dossier(&["--store", &store, "export", "--format", "jsonl"]);
    assert_eq!(json_lines(&jsonl.stdout).iter().filter(|e| e["type"] == "document").count(), 25);
    let csv_dir = dir.path("csv");
    let csv = dossier(&["--store", &store, "export", "--format", "csv", "--out", &csv_dir]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    for f in ["documents.csv", "entities.csv", "mentions.csv", "quotes.csv"] {
        assert!(std::path::Path::new(&format!("{csv_dir}/{f}")).exists());
    }
    let tl = dossier(&["--store", &store, "timeline", "--json", "--limit", "50"]);
    let items = json_lines(&tl.stdout);
    let days: Vec<&str> = items.iter().map(|i| i["day"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
}

/// Pipes FtM entities through `tests/ftm/validate.py`, which checks them
/// against the `followthemoney` package's own model. Skipped, saying so,
/// where the package is not installed, unless `DOSSIER_REQUIRE_FTM` is set
/// (CI installs it and sets it).
fn validate_ftm(stdout: &str) {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/ftm/validate.py");
    let has = std::process::Command::new("python3").args(["-c", "import followthemoney"]).status();
    if !has.is_ok_and(|s| s.success()) {
        assert!(
            std::env::var_os("DOSSIER_REQUIRE_FTM").is_none(),
            "DOSSIER_REQUIRE_FTM is set but followthemoney is missing"
        );
        let _ = writeln!(
            std::io::stderr(),
            "skipped: the followthemoney package is not installed (pip install followthemoney)"
        );
        return;
    }
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdout.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "FtM validation failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn ftm_export_is_valid_followthemoney() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let run = dossier(&[
        "--store",
        &store,
        "ingest",
        &demo_corpus(),
        &util::fixture("articles/envoy.txt"),
        &util::fixture("articles/police.txt"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ftm = dossier(&["--store", &store, "export", "--format", "ftm"]);
    assert_eq!(ftm.code, 0, "{}", ftm.stderr);
    let ents = json_lines(&ftm.stdout);
    let schemas = |name: &str| ents.iter().filter(|e| e["schema"] == name).count();
    assert_eq!(schemas("Article"), 26);
    assert_eq!(schemas("LegalEntity"), 0, "places are addresses, not legal entities");
    assert!(schemas("Address") > 0 && schemas("Person") > 0 && schemas("Documentation") > 0);
    // Countries as ISO codes: Kyrgyzstan's places and actors carry `kg`.
    let countries: Vec<&str> = ents
        .iter()
        .flat_map(|e| e["properties"]["country"].as_array().into_iter().flatten())
        .filter_map(|c| c.as_str())
        .collect();
    assert!(countries.contains(&"kg"), "{countries:?}");
    assert!(
        countries.iter().all(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_lowercase())),
        "{countries:?}"
    );
    // Cities GeoNames placed carry their coordinates: Osh in Kyrgyzstan.
    let osh = ents
        .iter()
        .find(|e| e["schema"] == "Address" && e["properties"]["city"][0] == "Osh")
        .unwrap_or_else(|| panic!("no Address for Osh"));
    assert_eq!(osh["properties"]["country"][0], "kg");
    let lat: f64 = osh["properties"]["latitude"][0].as_str().unwrap().parse().unwrap();
    assert!((lat - 40.53).abs() < 0.01, "{osh}");
    validate_ftm(&ftm.stdout);
}

#[test]
fn text_documents_are_titled_by_their_headline_and_stored_without_machine_paths() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let folder = dir.path("leaks");
    std::fs::create_dir_all(format!("{folder}/2010")).unwrap();
    let article = std::fs::read_to_string(util::fixture("articles/envoy.txt")).unwrap();
    std::fs::write(format!("{folder}/2010/envoy.txt"), &article).unwrap();
    let run = dossier(&["--store", &store, "ingest", &folder, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = json_lines(&dossier(&["--store", &store, "search", "Kiljunen", "--json"]).stdout);
    let doc = &hits[0]["doc"];
    assert_eq!(doc["title"], "Finnish envoy says Kyrgyz inquiry must be independent");
    assert_eq!(doc["path"], "leaks/2010/envoy.txt");
    let root = dir.path("");
    for args in [
        vec!["export", "--format", "jsonl"],
        vec!["export", "--format", "ftm"],
        vec!["quotes", "--json", "--limit", "0"],
        vec!["search", "Kiljunen", "--json"],
    ] {
        let mut all = vec!["--store", store.as_str()];
        all.extend(args.iter().copied());
        let out = dossier(&all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains(root.trim_end_matches('/')), "{args:?} shows the machine's folders");
    }
    let docs = json_lines(&dossier(&["--store", &store, "export", "--format", "jsonl"]).stdout);
    let d = docs.iter().find(|r| r["type"] == "document").unwrap();
    assert_eq!(d["authors"], serde_json::json!(["Pyotr Iskenderov"]));
}

#[test]
fn entity_profiles_read_as_words_with_knowledge_base_names_apart() {
    let dir = TempDir::new();
    let store = dir.path("s");
    let run = dossier(&["--store", &store, "ingest", &util::fixture("articles/envoy.txt"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let osce = dossier(&["--store", &store, "entity", "OSCE"]);
    assert_eq!(osce.code, 0, "{}", osce.stderr);
    let line = |label: &str| {
        osce.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{label}: ")))
            .map(str::to_string)
            .unwrap_or_default()
    };
    // The names the text uses, with counts; the knowledge base's apart.
    assert!(line("names").contains("OSCE ×"), "{}", osce.stdout);
    assert!(line("names").split(", ").all(|n| n.contains(" ×")), "{}", osce.stdout);
    assert!(line("knowledge base").contains("intergovernmental organisation"), "{}", osce.stdout);
    // No raw JSON, no actor codes.
    assert!(!osce.stdout.contains('{') && !osce.stdout.contains("IGO"), "{}", osce.stdout);
}

#[test]
fn a_missing_store_is_a_clear_error() {
    let dir = TempDir::new();
    let run = dossier(&["--store", &dir.path("none"), "search", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no dossier store"), "{}", run.stderr);
}

fn stats(store: &str) -> serde_json::Value {
    let run = dossier(&["--store", store, "stats", "--json"]);
    assert_eq!(run.code, 0, "stats failed: {}", run.stderr);
    json_lines(&run.stdout).remove(0)
}

/// Kills `dossier ingest` with SIGKILL mid-run, then proves the store
/// opens, holds no partial document, answers searches, and that re-running
/// the ingest completes it without duplicates.
#[test]
fn sigkill_during_ingest_leaves_a_consistent_store_that_a_rerun_completes() {
    const DOCS: usize = 5000;
    let dir = TempDir::new();
    let corpus = dir.path("corpus");
    let store = dir.path("store");
    let gen =
        dossier(&["bench", "gen-corpus", "--docs", &DOCS.to_string(), "--words", "300", "--out", &corpus]);
    assert_eq!(gen.code, 0, "{}", gen.stderr);

    let mut child = Command::new(bin())
        .args(["--store", &store, "ingest", &corpus])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until documents are landing, reading the store while it is
    // being written (readers work during an ingest).
    let t0 = Instant::now();
    let mut seen = 0;
    while t0.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(30));
        if !std::path::Path::new(&format!("{store}/dossier.sqlite")).exists() {
            continue;
        }
        let run = dossier(&["--store", &store, "stats", "--json"]);
        if run.code != 0 {
            continue; // the store may still be being created
        }
        seen = json_lines(&run.stdout)[0]["documents"].as_u64().unwrap() as usize;
        if seen >= 300 {
            let search = dossier(&["--store", &store, "search", "said", "--json"]);
            assert_eq!(search.code, 0, "search during ingest: {}", search.stderr);
            break;
        }
    }
    assert!(seen >= 300, "ingest did not get going");
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let st = stats(&store);
    let stored = st["documents"].as_u64().unwrap() as usize;
    assert!(stored < DOCS, "the ingest finished before it was killed; the test proves nothing");
    // No partial document: each stored document has exactly the
    // annotations recorded with it.
    let conn = rusqlite::Connection::open(format!("{store}/dossier.sqlite")).unwrap();
    let partial: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents d WHERE \
             d.n_mentions != (SELECT count(*) FROM mentions m WHERE m.doc = d.seq) OR \
             d.n_quotes != (SELECT count(*) FROM quotes q WHERE q.doc = d.seq) OR \
             d.n_dates != (SELECT count(*) FROM dates t WHERE t.doc = d.seq) OR \
             d.n_sentences * 8 != length(d.sentences)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0);
    let orphans: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT seq FROM documents)) + \
             (SELECT count(*) FROM quotes WHERE doc NOT IN (SELECT seq FROM documents))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    // No link state for a document that is not stored: every linker record
    // is an entity some stored mention or quote is linked to.
    let records: i64 = conn.query_row("SELECT count(*) FROM link_records", [], |r| r.get(0)).unwrap();
    assert!(records > 0, "the killed ingest linked nothing");
    let unbacked: i64 = conn
        .query_row(
            "SELECT count(*) FROM link_records r WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = r.id AND \
             (EXISTS (SELECT 1 FROM mentions m WHERE m.entity_auto = e.eid) OR \
              EXISTS (SELECT 1 FROM quotes q WHERE q.sp_entity_auto = e.eid)))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unbacked, 0);
    drop(conn);
    // Every stored document is searchable (a lagging index is caught up).
    let all = dossier(&["--store", &store, "search", "*", "--json", "--limit", "100000"]);
    assert_eq!(json_lines(&all.stdout).len(), stored);

    let rerun = dossier(&["--store", &store, "ingest", &corpus, "--json"]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    let s = &json_lines(&rerun.stdout)[0];
    assert_eq!(s["added"].as_u64().unwrap() as usize, DOCS - stored);
    assert_eq!(s["skipped"].as_u64().unwrap() as usize, stored);
    let st = stats(&store);
    assert_eq!(st["documents"].as_u64().unwrap() as usize, DOCS);
    assert_eq!(st["indexed_documents"].as_u64().unwrap() as usize, DOCS);
    let all = dossier(&["--store", &store, "search", "*", "--json", "--limit", "100000"]);
    let ids: HashSet<String> =
        json_lines(&all.stdout).iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), DOCS, "duplicates or gaps in the index");
}

#[test]
fn quotes_table_shows_confidence_and_never_puts_reported_speech_in_marks() {
    let dir = TempDir::new();
    let store = dir.path("s");
    assert_eq!(dossier(&["--store", &store, "ingest", &demo_corpus()]).code, 0);
    let table = dossier(&["--store", &store, "quotes", "--limit", "0"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let lines: Vec<&str> = table.stdout.lines().collect();
    let (mut direct, mut reported) = (0, 0);
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with("    in: ") {
            continue;
        }
        // A quote's channels, when it has any, stand between its text and `in:`.
        let i = if lines[i - 1].starts_with("    via: ") { i - 1 } else { i };
        let (head, text) = (lines[i - 2], lines[i - 1].trim());
        assert!(head.contains(", confidence 0."), "{head}");
        assert!(!head.starts_with("----"), "a date as dashes: {head}");
        if head.contains("[direct") {
            direct += 1;
            assert!(text.starts_with('“') && !text.starts_with("“\"") && !text.contains("\"”"), "{text}");
        } else {
            reported += 1;
            assert!(head.contains("[reported speech"), "{head}");
            assert!(!text.starts_with(['"', '“', '”']), "reported speech in marks: {text}");
            assert!(text.contains(" that ") || text.contains(" whether ") || text.contains(" if "), "{text}");
        }
    }
    assert!(direct > 0 && reported > 0, "{direct} direct, {reported} reported");
    // A speaker with a less certain quote: the table leaves it out and says so.
    let all = json_lines(&dossier(&["--store", &store, "quotes", "--json", "--limit", "0"]).stdout);
    let unsure = all.iter().find_map(|q| {
        let name = q["speaker"]["entity"]["id"].as_str()?;
        (q["confidence"].as_f64()? < 0.7).then(|| name.to_string())
    });
    if let Some(who) = unsure {
        let t = dossier(&["--store", &store, "quotes", "--speaker", &who]);
        assert!(t.stdout.contains("more, less certain"), "{}", t.stdout);
        let every = dossier(&["--store", &store, "quotes", "--speaker", &who, "--min-confidence", "0"]);
        assert!(!every.stdout.contains("less certain"), "{}", every.stdout);
        assert!(every.stdout.lines().count() > t.stdout.lines().count());
    }
    assert_eq!(dossier(&["--store", &store, "quotes", "--min-confidence", "2"]).code, 2);
}
