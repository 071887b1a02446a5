//! OCR of a scanned page: `tests/data/scan-bridge.png` is text written for
//! the project rendered at 200 dpi with speckle noise, a slight blur and a
//! 1.2° rotation (`scripts/make-pdf-bench.py scans`), and
//! `scan-bridge.pdf` is the same image as a PDF page without a text layer.
//! Word accuracy (gold words found, as a multiset, over gold words) holds a
//! floor below the measured figure. Skipped, saying so, where Tesseract is
//! not installed, unless `DOSSIER_REQUIRE_OCR` is set (CI installs it and
//! sets it).

use std::collections::HashMap;
use std::io::Write;

use dossier_ingest::ocr::{image_text_with, Tesseract};
use dossier_ingest::pdf::{read_with, Budget};

/// Measured 1.000 on both (Tesseract 5.3, eng+rus); the floor leaves room
/// for other Tesseract versions.
const FLOOR: f64 = 0.95;

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tesseract() -> Option<Tesseract> {
    match Tesseract::find("tesseract") {
        Ok(t) => Some(t),
        Err(why) => {
            let required = std::env::var("DOSSIER_REQUIRE_OCR").is_ok_and(|v| !v.is_empty() && v != "0");
            assert!(!required, "DOSSIER_REQUIRE_OCR is set but {why}");
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {why} (apt-get install tesseract-ocr tesseract-ocr-eng)"
            );
            None
        }
    }
}

/// Share of the gold words (lower-cased `\w+` runs) found in `got`.
fn word_accuracy(gold: &str, got: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let mut have: HashMap<String, usize> = HashMap::new();
    for w in words(got) {
        *have.entry(w).or_default() += 1;
    }
    let gold = words(gold);
    let found = gold
        .iter()
        .filter(|w| match have.get_mut(*w) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    found as f64 / gold.len().max(1) as f64
}

#[test]
fn a_scanned_image_is_read_above_the_floor() {
    let Some(t) = tesseract() else { return };
    let gold = std::fs::read_to_string(data("scan-bridge.txt")).unwrap();
    let (text, pages) = image_text_with(&t, &std::fs::read(data("scan-bridge.png")).unwrap()).unwrap();
    let accuracy = word_accuracy(&gold, &text);
    eprintln!("scan-bridge.png word accuracy {accuracy:.3}");
    assert!(accuracy >= FLOOR, "word accuracy {accuracy:.3} below {FLOOR}:\n{text}");
    assert_eq!(pages, vec![0]);
    assert!(text.starts_with("Inspectors find cracks"), "{text}");
}

#[test]
fn a_scanned_pdf_page_is_read_above_the_floor() {
    let Some(t) = tesseract() else { return };
    let gold = std::fs::read_to_string(data("scan-bridge.txt")).unwrap();
    let pdf = read_with(&std::fs::read(data("scan-bridge.pdf")).unwrap(), Budget::default(), Ok(&t)).unwrap();
    let accuracy = word_accuracy(&gold, &pdf.text);
    eprintln!("scan-bridge.pdf word accuracy {accuracy:.3}");
    assert!(accuracy >= FLOOR, "word accuracy {accuracy:.3} below {FLOOR}:\n{}", pdf.text);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    assert_eq!(pdf.pages, vec![0]);
}

#[test]
fn the_measure_counts_each_gold_word_once() {
    assert_eq!(word_accuracy("the bridge the river", "the bridge rivr"), 0.5);
    assert_eq!(word_accuracy("Bridge", "bridge bridge"), 1.0);
}
