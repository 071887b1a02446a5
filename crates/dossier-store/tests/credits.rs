//! A document's credits are stored with it and come back, in code points,
//! in the document view and the export. Text written for this test.

use dossier_core::{Annotations, Credit, CreditKind, Document, Format, Span};
use dossier_store::export::ExportRecord;
use dossier_store::Store;

#[test]
fn credits_are_stored_shown_and_exported() {
    let text = "KRAKÓW (AFP) – Żaneta Nowak won the race on Sunday.";
    let at = text.find("AFP").unwrap();
    let dash = text.find(" –").unwrap();
    let doc = Document::new("d1".into(), "d1.txt".into(), Format::Text, text.into());
    let ann = Annotations {
        credits: vec![
            Credit { kind: CreditKind::Dateline, name: "KRAKÓW".into(), span: Span::new(0, dash) },
            Credit { kind: CreditKind::Wire, name: "AFP".into(), span: Span::new(at, at + 3) },
        ],
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    let mut w = store.writer().unwrap();
    w.add(&doc, &ann).unwrap();
    w.finish().unwrap();
    let view = store.document("d1").unwrap();
    let got: Vec<(&str, &str, usize, usize, &str)> = view
        .credits
        .iter()
        .map(|c| (c.kind.as_str(), c.name.as_str(), c.start, c.end, c.text.as_str()))
        .collect();
    assert_eq!(got, [("dateline", "KRAKÓW", 0, 12, "KRAKÓW (AFP)"), ("wire", "AFP", 8, 11, "AFP")]);
    let mut exported = Vec::new();
    store
        .export(&mut |r| {
            if let ExportRecord::Document(d) = r {
                exported.push(d.credits.len());
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(exported, [2]);
}
