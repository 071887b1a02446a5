//! Quality floors of HTML extraction, run through the binary's `eval html`:
//! text F1, author and publication-day accuracy on the Zyte dev pages
//! (hand annotation of 45 of them in `data/eval/html-meta-dev.jsonl`) and
//! on the twelve held-out pages of `data/eval/html-heldout`. The floors are
//! the figures measured when the author and date rules were written
//! (docs/quality.md); a change that loses any of them fails here.

mod util;

use std::path::PathBuf;

/// The repository's `data/eval` folder.
fn eval_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/eval").join(rel)
}

/// The number after `label` in `eval html` output (`F1         0.9800`,
/// `authors    88.9% (40/45)` → the count right, 40).
fn figure(stdout: &str, label: &str) -> f64 {
    let line =
        stdout.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label} in {stdout}"));
    let rest = line[label.len()..].trim();
    match rest.find('(') {
        Some(i) => rest[i + 1..].split('/').next().and_then(|n| n.parse().ok()).expect("count"),
        None => rest.parse().expect("number"),
    }
}

fn eval(gold: &std::path::Path, meta: &std::path::Path) -> String {
    let run = util::dossier(&[
        "eval",
        "html",
        "--gold",
        gold.to_str().expect("utf-8 path"),
        "--meta",
        meta.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn held_out_pages_text_authors_and_dates() {
    let out = eval(&eval_data("html-heldout"), &eval_data("html-heldout/meta.jsonl"));
    assert!(figure(&out, "F1") >= 0.99, "{out}");
    assert!(figure(&out, "authors") >= 12.0, "{out}");
    assert!(figure(&out, "published") >= 12.0, "{out}");
}

#[test]
fn zyte_dev_text_authors_and_dates() {
    let Some(gold) = util::shared_data("data/html/zyte-dev") else { return };
    let out = eval(&gold, &eval_data("html-meta-dev.jsonl"));
    assert!(figure(&out, "F1") >= 0.98, "{out}");
    assert!(figure(&out, "authors") >= 40.0, "{out}");
    assert!(figure(&out, "published") >= 38.0, "{out}");
}
