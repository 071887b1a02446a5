use std::io::Write;

use crate::source::{open_reader, Built, RawDoc};

fn read(name: &str, bytes: &[u8]) -> Vec<Result<Built, crate::IngestError>> {
    open_reader(name.into(), name, Box::new(std::io::Cursor::new(bytes.to_vec())))
        .map(|r| r.and_then(RawDoc::build))
        .collect()
}

/// A zip of `members`, deflated (also used by the office tests).
pub(crate) fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn each_member_is_a_document_with_the_archive_as_parent() {
    let inner = zip_of(&[("deep.txt", b"The deepest note.\n")]);
    let z = zip_of(&[
        ("notes/a.txt", b"The dam was built in 1975.\n"),
        (
            "page.html",
            b"<html><body><p>The board met in Osh on Friday to discuss the reservoir.</p></body></html>",
        ),
        ("inner.zip", &inner),
    ]);
    let docs = read("leak.zip", &z);
    let docs: Vec<&Built> = docs.iter().map(|d| d.as_ref().unwrap()).collect();
    assert_eq!(docs.len(), 5);
    let archive = &docs[0].doc;
    assert_eq!(archive.format, dossier_core::Format::Zip);
    assert_eq!(archive.text, "");
    assert_eq!(archive.title.as_deref(), Some("leak.zip"));
    assert_eq!(docs[1].doc.text, "The dam was built in 1975.\n");
    assert_eq!(docs[1].doc.envelope.parent.as_deref(), Some(archive.id.as_str()));
    assert_eq!(docs[1].doc.envelope.filename.as_deref(), Some("notes/a.txt"));
    assert_eq!(docs[2].doc.format, dossier_core::Format::Html);
    // The nested archive is a child of the outer one, its member a child of it.
    assert_eq!(docs[3].doc.format, dossier_core::Format::Zip);
    assert_eq!(docs[3].doc.envelope.parent.as_deref(), Some(archive.id.as_str()));
    assert_eq!(docs[4].doc.envelope.parent.as_deref(), Some(docs[3].doc.id.as_str()));
    assert_eq!(docs[4].doc.envelope.filename.as_deref(), Some("deep.txt"));
}

#[test]
fn path_tricks_are_refused_and_the_rest_read() {
    let z = zip_of(&[("../../etc/evil.txt", b"x"), ("/abs.txt", b"y"), ("ok.txt", b"Fine.\n")]);
    let docs = read("tricks.zip", &z);
    assert_eq!(docs.len(), 4);
    for d in &docs[1..3] {
        let e = d.as_ref().unwrap_err();
        assert!(e.reason.contains("unsafe member path"), "{e}");
        assert!(e.path.starts_with("tricks.zip › "), "{e}");
    }
    assert_eq!(docs[3].as_ref().unwrap().doc.text, "Fine.\n");
}

#[test]
fn a_zip_bomb_member_is_refused() {
    let zeros = vec![b'a'; 40 << 20];
    let z = zip_of(&[("bomb.txt", &zeros)]);
    assert!(z.len() < (40 << 20) / 100, "deflate packs it more than 100 times: {}", z.len());
    let docs = read("bomb.zip", &z);
    let e = docs[1].as_ref().unwrap_err();
    assert!(e.reason.contains("expands more than"), "{e}");
}

#[test]
fn nesting_beyond_the_limit_is_refused() {
    let mut z = zip_of(&[("core.txt", b"The core.\n")]);
    for _ in 0..crate::limits::MAX_NESTING + 1 {
        z = zip_of(&[("next.zip", &z)]);
    }
    let docs = read("nest.zip", &z);
    assert!(docs.iter().any(|d| d.as_ref().is_err_and(|e| e.reason.contains("deep: refused"))), "{docs:?}");
    assert!(!docs.iter().any(|d| d.as_ref().is_ok_and(|b| b.doc.text == "The core.\n")));
}

#[test]
fn corrupt_and_truncated_archives_are_named() {
    let z = zip_of(&[("a.txt", b"The dam was built in 1975.\n")]);
    for cut in [z.len() / 2, 30] {
        let docs = read("cut.zip", &z[..cut]);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.path, "cut.zip");
        assert!(e.reason.contains("corrupt zip archive"), "{e}");
    }
    // A damaged member (its data changed): checksum or inflate error, named.
    let mut bad = zip_of(&[("a.txt", &b"The dam was built in 1975. ".repeat(50))]);
    for b in &mut bad[40..60] {
        *b ^= 0x5a;
    }
    let docs = read("bad.zip", &bad);
    assert!(docs.iter().skip(1).all(|d| d.as_ref().is_err_and(|e| e.path == "bad.zip › a.txt")), "{docs:?}");
}

#[test]
fn an_office_file_is_one_document_not_unpacked() {
    let body = br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>The dam was built in 1975.</w:t></w:r></w:p></w:body></w:document>"#;
    let z = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", body)]);
    let docs = read("report.docx", &z);
    assert_eq!(docs.len(), 1, "{docs:?}");
    let doc = &docs[0].as_ref().unwrap().doc;
    assert_eq!(doc.format.as_str(), "docx");
    assert_eq!(doc.text, "The dam was built in 1975.\n");
}
