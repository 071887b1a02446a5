//! RSS, Atom and RDF feeds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for d in dossier_ingest::feed::items("f.xml".into(), data).take(256) {
        if let Ok(raw) = d {
            let _ = raw.build();
        }
    }
});
