//! Runs the built `dossier` binary's `eval html` and `bench html` commands on
//! a tiny benchmark directory made in a temporary folder.

use std::io::Write;
use std::process::Command;

const PAGE: &str = r#"<html><head><title>Bridge to close</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bridge to close</h1>
<p>The council voted on Tuesday to close the old bridge to cars from next spring, after an engineering
report found corrosion in two of its three spans.</p>
<p>Repairs are expected to take two years and to cost about four million euros, the mayor said on
Wednesday, adding that cyclists and pedestrians would keep their access throughout.</p>
<p>Residents on the east bank said the closure would double the length of their journey to the station.</p>
</article><footer>Copyright Example Media</footer></body></html>"#;

const GOLD_1: &str = "The council voted on Tuesday to close the old bridge to cars from next spring, after an \
engineering report found corrosion in two of its three spans.\n\nRepairs are expected to take two years and \
to cost about four million euros, the mayor said on Wednesday, adding that cyclists and pedestrians would keep \
their access throughout.\n\nResidents on the east bank said the closure would double the length of their \
journey to the station.";

fn bench_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("html");
    std::fs::create_dir(&html).expect("mkdir");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(PAGE.as_bytes()).expect("gzip");
    std::fs::write(html.join("a.html.gz"), gz.finish().expect("gzip")).expect("write");
    // The second page's gold text is not on the page at all.
    std::fs::write(html.join("b.html"), PAGE).expect("write");
    let gold = serde_json::json!({
        "a": {"articleBody": GOLD_1},
        "b": {"articleBody": "An entirely different story about elections held in a faraway country."}
    });
    std::fs::write(dir.path().join("ground-truth.json"), gold.to_string()).expect("write");
    dir
}

#[test]
fn eval_html_scores_pages() {
    let dir = bench_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["eval", "html", "--gold"])
        .arg(dir.path())
        .arg("--verbose")
        .output()
        .expect("run dossier");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Page a is perfect, page b scores zero: averages are 0.5 each.
    assert!(stdout.contains("pages      2"), "{stdout}");
    assert!(stdout.contains("precision  0.5000"), "{stdout}");
    assert!(stdout.contains("recall     0.5000"), "{stdout}");
    assert!(stdout.contains("F1         0.5000"), "{stdout}");
    assert!(stdout.contains("0.000 0.000 0.000 b"), "{stdout}");
}

/// Runs `dossier eval html --gold DIR --meta META`.
fn eval_with_meta(dir: &std::path::Path, meta: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["eval", "html", "--gold"])
        .arg(dir)
        .arg("--meta")
        .arg(meta)
        .output()
        .expect("run dossier")
}

#[test]
fn eval_html_scores_authors_and_dates() {
    let dir = bench_dir();
    // Page a names no author nor date: an empty gold is right. Page b's
    // gold wants a byline and a day the page does not give.
    let meta = dir.path().join("meta.jsonl");
    std::fs::write(
        &meta,
        "{\"id\":\"a\",\"authors\":[],\"published\":[]}\n{\"id\":\"b\",\"authors\":[\"Ann Lee\"],\"published\":[\"2020-01-02\"]}\n",
    )
    .expect("write");
    let out = eval_with_meta(dir.path(), &meta);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("meta pages 2"), "{stdout}");
    assert!(stdout.contains("authors    50.0% (1/2)"), "{stdout}");
    assert!(stdout.contains("published  50.0% (1/2)"), "{stdout}");
    // An id the benchmark does not hold is an error, not a silent skip.
    std::fs::write(&meta, "{\"id\":\"zz\",\"authors\":[],\"published\":[]}\n").expect("write");
    let out = eval_with_meta(dir.path(), &meta);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("zz"));
}

#[test]
fn eval_html_fails_cleanly_on_a_missing_dir() {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["eval", "html", "--gold", "/nonexistent/dossier-gold"])
        .output()
        .expect("run dossier");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ground-truth.json"));
}

#[test]
fn bench_html_runs() {
    let dir = bench_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["bench", "html", "--rounds", "1"])
        .arg(dir.path())
        .output()
        .expect("run dossier");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("one thread") && stdout.contains("all threads"), "{stdout}");
}
