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
/// Acts (`voted for`, `decided`), infinitive- or PP-only contents and
/// `declined to comment` are no longer statements (issue 16), which PolNeAR
/// counts: all contents fell from 0.642 to 0.633 with them (0.635 after the
/// forms and speakers of the second pass of issue 16). Raised to the twelfth
/// quotes pass's figures (2026-12-07: subjects found behind quantifiers and
/// relative clauses, coordinated verbs of saying, verbs of thought), then
/// the thirteenth's (a quote after a clause ending in a colon, contents
/// before a cue with a setting and an adjunct after it).
const MEASURED: [(&str, f64); 4] =
    [("direct", 0.870), ("direct_e2e", 0.792), ("all", 0.653), ("all_e2e", 0.592)];

/// Dev speaker precision (of the named statements whose content matches, the
/// share whose speaker words overlap the gold Source) and the share right
/// (content and speaker) of the statements with confidence ≥ 0.8.
const MEASURED_SPEAKERS: [(&str, f64); 2] = [("precision", 0.957), ("conf_ge_0_8", 0.908)];

/// Held-out figures measured with `dossier eval quotes --gold data/eval/quotes-heldout.jsonl`.
const MEASURED_HELDOUT: [(&str, f64); 4] =
    [("direct", 1.000), ("direct_e2e", 0.917), ("all", 0.980), ("all_e2e", 0.918)];

/// How far below the measured F1 a score may fall before the test fails.
const MARGIN: f64 = 0.005;

fn check(gold: &std::path::Path, measured: &[(&str, f64)]) -> serde_json::Value {
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
    scores
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_quality_holds_on_polnear_dev() {
    let Some(dev) = util::shared_data("data/attribution/polnear/dev") else { return };
    let scores = check(&dev, &MEASURED);
    let speakers = &scores["speakers"];
    let precision = speakers["precision"].as_f64().expect("precision");
    let right = speakers["conf_ge_0_8"]["right"].as_f64().expect("share right");
    for (name, got) in [("precision", precision), ("conf_ge_0_8", right)] {
        let measured = MEASURED_SPEAKERS.iter().find(|(n, _)| *n == name).expect("figure").1;
        assert!(got >= measured - MARGIN, "{name} {got:.3} fell below the measured {measured:.3} - {MARGIN}");
    }
    // Confidence means something: each bin is right at least as often as the one below.
    let both: Vec<f64> = speakers["bins"]
        .as_array()
        .expect("bins")
        .iter()
        .map(|b| b["both"].as_f64().unwrap_or(0.0) / b["n"].as_f64().unwrap_or(0.0).max(1.0))
        .collect();
    assert!(both.windows(2).all(|w| w[0] <= w[1]), "reliability bins not monotonic: {both:?}");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_quality_holds_on_the_held_out_set() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/eval/quotes-heldout.jsonl");
    let _ = check(&file, &MEASURED_HELDOUT);
}

/// Set 8 figures (written before any rule saw it; scored once, untouched,
/// 2026-12-07), with speaker names as `dossier extract` gives them (after linking).
const MEASURED_HELDOUT_8: [(&str, f64); 4] =
    [("direct", 0.941), ("direct_e2e", 0.873), ("all", 0.889), ("all_e2e", 0.846)];

/// Set 8 speaker precision: of the named statements whose content matches,
/// the share naming the annotator's speaker.
const MEASURED_HELDOUT_8_PRECISION: f64 = 0.965;

/// Ninth held-out set, scored once untouched (2026-12-07: precision 0.868);
/// development material since the tenth quotes pass, which raised it. The
/// twelfth pass cost it one direct match (`called the strike "…" and said …`
/// is two statements now, and the set annotates only the second).
const MEASURED_HELDOUT_9: [(&str, f64); 4] =
    [("direct", 0.977), ("direct_e2e", 0.947), ("all", 0.934), ("all_e2e", 0.920)];
const MEASURED_HELDOUT_9_PRECISION: f64 = 0.966;

/// Tenth held-out set, scored untouched before and after the tenth quotes
/// pass (2026-12-07; precision 0.917 before, 0.930 after); development
/// material since the eleventh pass, which raised it.
const MEASURED_HELDOUT_10: [(&str, f64); 4] =
    [("direct", 0.957), ("direct_e2e", 0.907), ("all", 0.903), ("all_e2e", 0.867)];
const MEASURED_HELDOUT_10_PRECISION: f64 = 0.968;

/// Eleventh held-out set, scored untouched before and after the eleventh
/// quotes pass (2026-12-07; precision 0.899 before, 0.902 after);
/// development material since the twelfth pass.
const MEASURED_HELDOUT_11: [(&str, f64); 4] =
    [("direct", 0.957), ("direct_e2e", 0.922), ("all", 0.910), ("all_e2e", 0.894)];
const MEASURED_HELDOUT_11_PRECISION: f64 = 0.941;

/// Twelfth held-out set, scored untouched before and after the twelfth
/// quotes pass (2026-12-07; precision 0.954 before, all end-to-end 0.815);
/// development material since the thirteenth pass. The fourteenth pass
/// reads Q&A turns (`Q:`, `A:`) as the verbatim speech they are: kind
/// direct, while the annotators label unquoted turns indirect (the checker
/// wants quotation marks on direct pieces), so the direct scores count
/// them as false (direct 0.920 → 0.882, end to end 0.898 → 0.862) while
/// all contents gain them (0.867 → 0.886).
const MEASURED_HELDOUT_12: [(&str, f64); 4] =
    [("direct", 0.882), ("direct_e2e", 0.862), ("all", 0.899), ("all_e2e", 0.886)];
const MEASURED_HELDOUT_12_PRECISION: f64 = 0.991;

/// Thirteenth held-out set, scored untouched before and after the
/// thirteenth quotes pass (2026-12-07; precision 0.892 before, 0.900 after;
/// direct end-to-end 0.854 before; scored a third time, aggregates only,
/// after a fix of the pass's own tests widened one rule); development
/// material since the fourteenth pass, whose transcript and Q&A turns
/// (kind direct, unquoted in the annotation: see set 12) move direct
/// 0.875 → 0.833 and end to end 0.865 → 0.814, all 0.844 → 0.869.
const MEASURED_HELDOUT_13: [(&str, f64); 4] =
    [("direct", 0.833), ("direct_e2e", 0.814), ("all", 0.879), ("all_e2e", 0.870)];
const MEASURED_HELDOUT_13_PRECISION: f64 = 0.917;

/// Fourteenth held-out set, scored untouched before and after the
/// fourteenth quotes pass (2026-12-07; before: direct 0.882, direct end to
/// end 0.868, all 0.821, all end to end 0.811, precision 0.928). Its two
/// transcripts and Q&A give unquoted turns, read as direct speech (see set 12).
const MEASURED_HELDOUT_14: [(&str, f64); 4] =
    [("direct", 0.843), ("direct_e2e", 0.830), ("all", 0.862), ("all_e2e", 0.852)];
const MEASURED_HELDOUT_14_PRECISION: f64 = 0.941;

/// Fifteenth held-out set, scored untouched before and after the
/// fifteenth quotes pass (2026-12-07; before: all 0.858, all end to end
/// 0.845, precision 0.954), then once more with the merged main for this
/// floor (aggregates only each time; the same figures as the pass's build).
const MEASURED_HELDOUT_15: [(&str, f64); 4] =
    [("direct", 0.835), ("direct_e2e", 0.825), ("all", 0.863), ("all_e2e", 0.850)];
const MEASURED_HELDOUT_15_PRECISION: f64 = 0.955;

/// Checks a held-out set's F1 scores and its speaker precision against
/// their measured floors.
fn check_held_out(name: &str, measured: &[(&str, f64)], measured_precision: f64) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/eval").join(name);
    let scores = check(&file, measured);
    let precision = scores["speakers"]["precision"].as_f64().expect("precision");
    assert!(
        precision >= measured_precision - MARGIN,
        "{name}: speaker precision {precision:.3} fell below the measured {measured_precision:.3} - {MARGIN}"
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_eighth_held_out_set() {
    check_held_out("quotes-heldout-8.jsonl", &MEASURED_HELDOUT_8, MEASURED_HELDOUT_8_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_ninth_held_out_set() {
    check_held_out("quotes-heldout-9.jsonl", &MEASURED_HELDOUT_9, MEASURED_HELDOUT_9_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_tenth_held_out_set() {
    check_held_out("quotes-heldout-10.jsonl", &MEASURED_HELDOUT_10, MEASURED_HELDOUT_10_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_eleventh_held_out_set() {
    check_held_out("quotes-heldout-11.jsonl", &MEASURED_HELDOUT_11, MEASURED_HELDOUT_11_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_twelfth_held_out_set() {
    check_held_out("quotes-heldout-12.jsonl", &MEASURED_HELDOUT_12, MEASURED_HELDOUT_12_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_thirteenth_held_out_set() {
    check_held_out("quotes-heldout-13.jsonl", &MEASURED_HELDOUT_13, MEASURED_HELDOUT_13_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_fourteenth_held_out_set() {
    check_held_out("quotes-heldout-14.jsonl", &MEASURED_HELDOUT_14, MEASURED_HELDOUT_14_PRECISION);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release mode only: cargo test --release")]
fn attribution_and_names_hold_on_the_fifteenth_held_out_set() {
    check_held_out("quotes-heldout-15.jsonl", &MEASURED_HELDOUT_15, MEASURED_HELDOUT_15_PRECISION);
}
