//! The e-mail readers: one message (MIME, encoded words, transfer
//! encodings, charsets, attachments read through format detection, quoted
//! replies), and the same bytes as an mbox (splitting, `>From` unescaping).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for raw in dossier_ingest::mail::eml("f.eml".into(), data.to_vec()).take(256).flatten() {
        let _ = raw.build();
    }
    let mbox = dossier_ingest::mail::mbox::messages("f.mbox".into(), Box::new(std::io::Cursor::new(data.to_vec())), 0);
    for raw in mbox.take(256).flatten() {
        let _ = raw.build();
    }
});
