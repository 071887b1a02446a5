//! Charset decoding: BOM, declared labels, meta prescan, UTF-16 without
//! BOM, detection.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dossier_ingest::decode::decode(data, None, false);
    let _ = dossier_ingest::decode::decode(data, None, true);
    let _ = dossier_ingest::decode::decode(data, Some("windows-1252"), true);
});
