//! The zip reader: central directory, member limits (count, size, ratio,
//! nesting, paths), each member read through format detection.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for raw in dossier_ingest::archive::zip_bytes("f.zip".into(), data.to_vec()).take(256).flatten() {
        let _ = raw.build();
    }
});
