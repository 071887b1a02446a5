//! The WARC reader (resync, lengths, HTTP payloads, content encodings).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs = dossier_ingest::warc::records("f.warc".into(), Box::new(std::io::Cursor::new(data.to_vec())));
    for d in docs.take(256) {
        if let Ok(raw) = d {
            let _ = raw.build();
        }
    }
});
