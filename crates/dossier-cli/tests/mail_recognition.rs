//! Mail and cable recognition must not fire on news: every text and page
//! of the shared corpora (the seed articles — one of which reports on
//! diplomatic cables —, the demo corpus, PolNeAR train and dev, the Zyte
//! dev pages) is read as it is, with no document taken for an e-mail and
//! no cable header found. Skipped, with a note, without `../shared`.

mod util;

use dossier_ingest::{expand_inputs, open_input, RawDoc};

/// (documents, read as e-mail, with a cable header) over `paths`.
fn recognised(paths: &[String]) -> (usize, Vec<String>, Vec<String>) {
    let (mut n, mut mail, mut cables) = (0, Vec::new(), Vec::new());
    for input in expand_inputs(paths) {
        for raw in open_input(&input.unwrap()) {
            let Ok(built) = raw.and_then(RawDoc::build) else { continue };
            n += 1;
            if built.doc.format == dossier_core::Format::Email {
                mail.push(built.doc.path.clone());
            }
            if built.doc.envelope.classification.is_some() || !built.doc.envelope.references.is_empty() {
                cables.push(built.doc.path.clone());
            }
        }
    }
    (n, mail, cables)
}

#[test]
fn no_news_document_is_taken_for_mail_or_a_cable() {
    let rels = [
        "data/corpus/seeds",
        "data/corpus/wikinews-gum.jsonl",
        "data/attribution/polnear/train/text",
        "data/attribution/polnear/dev/text",
        "data/html/zyte-dev/html",
    ];
    let mut paths = Vec::new();
    for rel in rels {
        match util::shared_data(rel) {
            Some(p) => paths.push(p.display().to_string()),
            None => return,
        }
    }
    let (n, mail, cables) = recognised(&paths);
    assert!(n > 1000, "{n} documents read");
    assert!(mail.is_empty(), "taken for e-mail: {mail:?}");
    assert!(cables.is_empty(), "taken for cables: {cables:?}");
    eprintln!("{n} news documents: none taken for e-mail or a cable");
}
