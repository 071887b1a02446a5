//! Holds the shipped attribution quality at its measured PolNeAR dev score.
//!
//! Runs the built `dossier eval quotes` on `../shared/data/attribution/polnear/dev`
//! and fails when a score drops more than a small margin below the figures
//! measured when the rules and the cue table were last changed. Only in
//! release builds (CI runs `cargo test --release`): a debug build is too slow
//! to be worth it and the figures do not depend on the profile.

use std::path::PathBuf;
use std::process::Command;

/// Dev figures measured with `dossier eval quotes --gold ../shared/data/attribution/polnear/dev`
/// (F1: direct, direct end-to-end, all contents, all end-to-end).
const MEASURED: [(&str, f64); 4] =
    [("direct", 0.824), ("direct_e2e", 0.743), ("all", 0.627), ("all_e2e", 0.545)];

/// How far below the measured F1 a score may fall before the test fails.
const MARGIN: f64 = 0.01;

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_quality_holds_on_polnear_dev() {
    let dev = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/attribution/polnear/dev");
    assert!(dev.join("attributions").is_dir(), "PolNeAR dev split not found at {}", dev.display());
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["eval", "quotes", "--json", "--gold"])
        .arg(&dev)
        .output()
        .expect("run dossier");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scores: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON scores");
    for (name, measured) in MEASURED {
        let f1 = scores[name]["f1"].as_f64().expect("f1");
        assert!(
            f1 >= measured - MARGIN,
            "{name} F1 {f1:.3} fell below the measured {measured:.3} - {MARGIN}"
        );
    }
}
