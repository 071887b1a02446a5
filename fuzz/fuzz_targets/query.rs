//! The search query front end: limits, then parsing, of any string.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(q) = std::str::from_utf8(data) {
        if let Ok(parsed) = dossier_store::user_query::parse(q) {
            // A fallback is always the plain words, without a second notice.
            assert!(parsed.notice.is_none() || matches!(parsed.node, dossier_store::user_query::Node::All(_)));
        }
    }
});
