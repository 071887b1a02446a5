//! HTML main-text and metadata extraction, with the attribute cap.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = dossier_ingest::html::cap_attributes(&html);
    let _ = dossier_ingest::html::extract_html(&html, Some("https://example.org/a"));
});
