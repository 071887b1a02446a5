//! The PDF reader: lopdf's parser, pdf-extract's glyph decoding (its
//! panics are caught and reported), the self-drawing-form guard, layout,
//! header and footer removal, hyphenation and metadata, under a small page
//! and time budget. OCR is off: scanned pages are named, not recognised.
#![no_main]
use std::time::Duration;

use dossier_ingest::pdf::{read_with, Budget};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let budget = Budget { pages: 50, time: Duration::from_secs(5), ocr_page: Duration::from_secs(1) };
    let _ = read_with(data, budget, Err("OCR is off while fuzzing".into()));
});
