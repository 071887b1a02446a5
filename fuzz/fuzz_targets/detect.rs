//! Format detection and the whole reading of one input (gzip included):
//! any bytes, under any of the names that steer detection.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["a.txt", "a.html", "a.jsonl", "a.warc", "a.xml"] {
        let _ = dossier_ingest::detect::sniff(data, name);
        let docs = dossier_ingest::source::open_reader(name.into(), name, Box::new(std::io::Cursor::new(data.to_vec())));
        for d in docs.take(64) {
            if let Ok(raw) = d {
                let _ = raw.build();
            }
        }
    }
});
