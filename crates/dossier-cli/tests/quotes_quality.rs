//! Holds the shipped attribution quality at its measured PolNeAR dev score
//! and on the project's held-out set.
//!
//! Runs the built `dossier eval quotes` on `../shared/data/attribution/polnear/dev`
//! and on `data/eval/quotes-heldout.jsonl`, and fails when a score drops more
//! than half a point below the figures measured when the rules and the cue
//! table were last changed. Only in
//! release builds (CI runs `cargo test --release`): a debug build is too slow
//! to be worth it and the figures do not depend on the profile.

mod util;

use std::path::PathBuf;
use std::process::Command;

/// Dev figures measured with `dossier eval quotes --gold ../shared/data/attribution/polnear/dev`
/// (F1: direct, direct end-to-end, all contents, all end-to-end).
/// End-to-end needs a predicted speaker span overlapping the gold Source (a
/// gold attribution without a Source never matches end to end).
const MEASURED: [(&str, f64); 4] =
    [("direct", 0.859), ("direct_e2e", 0.766), ("all", 0.642), ("all_e2e", 0.570)];

/// Held-out figures measured with `dossier eval quotes --gold data/eval/quotes-heldout.jsonl`.
const MEASURED_HELDOUT: [(&str, f64); 4] =
    [("direct", 0.980), ("direct_e2e", 0.898), ("all", 0.918), ("all_e2e", 0.837)];

/// How far below the measured F1 a score may fall before the test fails.
const MARGIN: f64 = 0.005;

fn check(gold: &std::path::Path, measured: &[(&str, f64)]) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["eval", "quotes", "--json", "--gold"])
        .arg(gold)
        .output()
        .expect("run dossier");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scores: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON scores");
    for &(name, measured) in measured {
        let f1 = scores[name]["f1"].as_f64().expect("f1");
        assert!(
            f1 >= measured - MARGIN,
            "{}: {name} F1 {f1:.3} fell below the measured {measured:.3} - {MARGIN}",
            gold.display()
        );
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_quality_holds_on_polnear_dev() {
    let Some(dev) = util::shared_data("data/attribution/polnear/dev") else { return };
    check(&dev, &MEASURED);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_quality_holds_on_the_held_out_set() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/eval/quotes-heldout.jsonl");
    check(&file, &MEASURED_HELDOUT);
}
