//! JSON Lines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs = dossier_ingest::jsonl::lines("f.jsonl".into(), Box::new(std::io::Cursor::new(data.to_vec())));
    for d in docs.take(256) {
        if let Ok(raw) = d {
            let _ = raw.build();
        }
    }
});
