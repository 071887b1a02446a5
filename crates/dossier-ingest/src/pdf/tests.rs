//! The PDF reader on fixtures of text written for the tests
//! (`tests/data`, made by `scripts/make-pdf-bench.py fixtures`), and on
//! hostile files.

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn no_ocr() -> Result<&'static Tesseract, String> {
    Err("OCR is off in this test".into())
}

#[test]
fn a_memo_reads_in_order_without_headers_and_footers() {
    let pdf = read_with(&fixture("memo.pdf"), Budget::default(), no_ocr()).unwrap();
    assert!(
        pdf.text.starts_with("Water board memo on the reservoir audit\n\nThe audit of the Kelmscott"),
        "{}",
        pdf.text
    );
    assert!(!pdf.text.contains("internal"), "running header kept: {}", pdf.text);
    assert!(!pdf.text.contains("Page "), "footer kept: {}", pdf.text);
    assert!(pdf
        .text
        .contains("\"We asked for the originals twice and received photocopies both times,\" she wrote."));
    assert!(pdf.text.trim_end().ends_with("by up to four per cent."));
    assert_eq!(pdf.pages.len(), 2);
    assert_eq!(pdf.pages[0], 0);
    let second: String = pdf.text.chars().skip(pdf.pages[1]).take(40).collect();
    assert!(second.starts_with("Appendix note 4: the flow meters"), "{second}");
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
}

#[test]
fn xmp_metadata_wins_over_the_info_dictionary() {
    let pdf = read_with(&fixture("memo.pdf"), Budget::default(), no_ocr()).unwrap();
    assert_eq!(pdf.meta.title.as_deref(), Some("Reservoir audit memo"));
    assert_eq!(pdf.meta.authors, vec!["Maren Holt".to_string(), "Ola Dahl".into()]);
    assert_eq!(pdf.meta.created.as_deref(), Some("2023-05-17T11:30:00+02:00"));
}

#[test]
fn an_encrypted_pdf_is_refused_by_name() {
    let e = read_with(&fixture("locked.pdf"), Budget::default(), no_ocr()).unwrap_err();
    assert!(e.contains("encrypted"), "{e}");
}

#[test]
fn a_form_that_draws_itself_does_not_recurse() {
    let pdf = read_with(&fixture("loop.pdf"), Budget::default(), no_ocr()).unwrap();
    assert!(pdf.warnings.iter().any(|w| w.contains("draw themselves")), "{:?}", pdf.warnings);
}

#[test]
fn broken_and_truncated_files_are_errors_not_panics() {
    let memo = fixture("memo.pdf");
    for cut in [10, memo.len() / 3, memo.len() / 2, memo.len() - 40] {
        // Either an error or what could be read; never a panic.
        let _ = read_with(&memo[..cut], Budget::default(), no_ocr());
    }
    assert!(read_with(b"%PDF-1.7\nthis is not a PDF at all", Budget::default(), no_ocr()).is_err());
    let mut flipped = memo.clone();
    for i in (200..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5A;
    }
    let _ = read_with(&flipped, Budget::default(), no_ocr());
}

#[test]
fn the_page_and_time_budgets_hold() {
    let memo = fixture("memo.pdf");
    let one_page = Budget { pages: 1, ..Budget::default() };
    let pdf = read_with(&memo, one_page, no_ocr()).unwrap();
    assert_eq!(pdf.pages.len(), 1);
    assert!(pdf.warnings.iter().any(|w| w.contains("only the first 1 read")), "{:?}", pdf.warnings);
    let no_time = Budget { time: Duration::ZERO, ..Budget::default() };
    let pdf = read_with(&memo, no_time, no_ocr()).unwrap();
    assert!(pdf.text.is_empty());
    assert!(pdf.warnings.iter().any(|w| w.contains("time budget")), "{:?}", pdf.warnings);
}

#[test]
fn a_scanned_page_without_ocr_is_named() {
    let pdf = read_with(&fixture("scan-bridge.pdf"), Budget::default(), no_ocr()).unwrap();
    assert!(pdf.text.is_empty());
    assert_eq!(
        pdf.warnings,
        vec!["page 1 has no text layer (scanned?) and OCR is off in this test: not read"]
    );
}

#[test]
fn pages_are_named_in_short() {
    assert_eq!(name_pages(&[4]), "page 4");
    assert_eq!(name_pages(&[2, 5]), "pages 2, 5");
    assert_eq!(name_pages(&(1..=12).collect::<Vec<_>>()), "pages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more");
}

/// The hostile files of `tests/data/hostile` (scripts/make-hostile-pdfs.py).
fn hostile(name: &str) -> Vec<u8> {
    let bytes = fixture(&format!("hostile/{name}"));
    if !name.ends_with(".gz") {
        return bytes;
    }
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out).unwrap();
    out
}

#[test]
fn every_stream_drawn_as_an_xobject_is_guarded_however_it_is_linked() {
    // The pdf fuzz target's SIGSEGVs: before the guard saw each of these
    // links, pdf-extract recursed until the stack overflowed. A form
    // without resources draws from its caller's (form-inherits); and
    // pdf-extract draws any stream an XObject name points to, follows
    // chains of references, and reads `Do` with no space before it.
    let files =
        ["form-inherits", "form-subtype", "form-no-subtype", "form-behind-reference", "form-glued-do"];
    for file in files.map(|name| format!("{name}.pdf")) {
        let pdf = read_with(&hostile(&file), Budget::default(), no_ocr()).unwrap();
        assert_eq!(pdf.text.trim(), "Ledger page text", "{file}");
        assert!(
            pdf.warnings.iter().any(|w| w.contains("1 form object(s) draw themselves")),
            "{file}: {:?}",
            pdf.warnings
        );
    }
}

#[test]
fn a_page_tree_loop_behind_a_reference_is_cut() {
    // pdf-extract climbed it for ever: run it where a hang fails the test.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read_with(&hostile("parent-behind-reference.pdf"), Budget::default(), no_ocr()));
    });
    let pdf = rx.recv_timeout(Duration::from_secs(30)).expect("the read came back").unwrap();
    assert_eq!(pdf.text, "");
    assert!(pdf.warnings.iter().any(|w| w.contains("1 page-tree link(s) loop")), "{:?}", pdf.warnings);
}

#[test]
fn a_deep_chain_of_forms_is_cut_at_the_depth_bound() {
    // 1,500 nested forms overflowed a test thread's 2 MiB stack.
    let pdf = read_with(&hostile("form-chain.pdf.gz"), Budget::default(), no_ocr()).unwrap();
    assert_eq!(pdf.text.trim(), "Ledger page text", "the page's own text is kept");
    let cut = format!("{} form object(s) nest more than 32 deep", 1500 - 32);
    assert!(pdf.warnings.iter().any(|w| w.contains(&cut)), "{:?}", pdf.warnings);
}

#[test]
fn page_tree_loops_are_cut_not_climbed_for_ever() {
    // Both hung: pdf-extract climbed the /Parent loop for the media box.
    let pdf = read_with(&hostile("parent-cycle.pdf"), Budget::default(), no_ocr()).unwrap();
    assert_eq!(pdf.text, "");
    assert!(pdf.warnings.iter().any(|w| w.contains("1 page-tree link(s) loop")), "{:?}", pdf.warnings);
    // A page without a media box, once its loop is cut, cannot be laid out.
    let e = read_with(&hostile("parent-loop.pdf"), Budget::default(), no_ocr()).unwrap_err();
    assert_eq!(e, "no page of this PDF could be read");
}
