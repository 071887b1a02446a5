//! PDF documents: the text of every page in reading order, the metadata,
//! and where each page starts.
//!
//! pdf-extract (on lopdf) decodes the glyphs, fonts and encodings; the
//! rest is ours, chosen by measurement (docs/quality.md, "PDF"):
//! `layout.rs` puts the glyphs of a page into rows, columns and reading
//! order, `furniture.rs` drops running headers, footers and page numbers,
//! `join.rs` makes paragraphs and undoes hyphenation at line ends,
//! `meta.rs` reads the title, authors and creation date, and `scan.rs`
//! hands pages without a text layer to Tesseract (`crate::ocr`).
//!
//! Hostile files: the reader runs page by page under a page budget and a
//! time budget (`limits.rs`); a panic inside the PDF crates is caught and
//! reported as an error (the file) or a warning (the page); links that
//! would make pdf-extract recurse without end (forms that draw
//! themselves, page-tree loops) are cut first (`defuse.rs`); an
//! encrypted file that needs a password is refused by name.

mod defuse;
mod furniture;
pub mod glyphs;
pub mod isolate;
pub mod join;
pub mod layout;
pub mod meta;
mod scan;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

use lopdf::{Document, Object, ObjectId};

use crate::limits::{MAX_PDF_PAGES, OCR_PAGE_SECONDS, PDF_SECONDS};
use crate::ocr::Tesseract;

pub use meta::PdfMeta;

/// Most glyphs read on one page (a dense page has 10,000).
const MAX_GLYPHS_PER_PAGE: usize = 500_000;

/// What a PDF held.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The text, pages in order.
    pub text: String,
    /// The code-point offset at which each page's text starts.
    pub pages: Vec<usize>,
    /// Title, authors and creation date.
    pub meta: PdfMeta,
    /// Pages not read, or read in part, and why.
    pub warnings: Vec<String>,
}

/// How much one file may cost.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Pages read; later ones are named in a warning.
    pub pages: usize,
    /// Time for the text layer of all pages.
    pub time: Duration,
    /// Time for the recognition of one scanned page.
    pub ocr_page: Duration,
}

impl Default for Budget {
    /// The limits of `limits.rs`; `DOSSIER_PDF_SECONDS` sets another time
    /// budget per file (a batch that must not wait two minutes on a
    /// hostile file, the tests).
    fn default() -> Self {
        let seconds = std::env::var("DOSSIER_PDF_SECONDS")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0);
        Budget {
            pages: MAX_PDF_PAGES,
            time: seconds.map(Duration::from_secs_f64).unwrap_or(Duration::from_secs(PDF_SECONDS)),
            ocr_page: Duration::from_secs(OCR_PAGE_SECONDS),
        }
    }
}

/// Reads a PDF with the default budget and this machine's Tesseract: in
/// a child process killed at the deadline when one is configured
/// (`isolate.rs`), else in this process.
pub fn read(bytes: &[u8]) -> Result<PdfText, String> {
    match isolate::reader() {
        Some(exe) => isolate::read_in_child(exe, bytes, Budget::default()),
        None => read_with(bytes, Budget::default(), crate::ocr::tesseract().map_err(str::to_string)),
    }
}

/// Reads a PDF; `ocr` is the Tesseract for pages without text, or why
/// there is none. An error means no text at all could be read.
pub fn read_with(bytes: &[u8], budget: Budget, ocr: Result<&Tesseract, String>) -> Result<PdfText, String> {
    read_reporting(bytes, budget, ocr, &mut |_| {})
}

/// [`read_with`], telling `before_ocr` how many scanned pages it is about
/// to recognise (the reader child announces them to its parent, which
/// gives it the time).
pub fn read_reporting(
    bytes: &[u8],
    budget: Budget,
    ocr: Result<&Tesseract, String>,
    before_ocr: &mut dyn FnMut(usize),
) -> Result<PdfText, String> {
    quiet_panics();
    let mut doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(format!("not a readable PDF ({e})")),
        Err(_) => return Err("not a readable PDF (its structure broke the PDF reader)".into()),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("an encrypted PDF that needs a password: not read".into());
    }
    let mut out = PdfText {
        meta: catch_unwind(AssertUnwindSafe(|| meta::read(&doc))).unwrap_or_default(),
        ..PdfText::default()
    };
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    if pages.is_empty() {
        return Err("a PDF without pages".into());
    }
    if pages.len() > budget.pages {
        out.warnings.push(format!(
            "{} pages: only the first {} read (the page budget per file)",
            pages.len(),
            budget.pages
        ));
    }
    let images = defuse::defuse(&mut doc, &mut out.warnings);
    let deadline = Instant::now() + budget.time;
    let mut read: Vec<(Vec<layout::Row>, f64)> = Vec::new();
    let mut widths = Vec::new();
    let mut failed = Vec::new();
    for (&number, _) in pages.iter().take(budget.pages) {
        if Instant::now() >= deadline {
            out.warnings.push(format!(
                "stopped before page {number} of {}: the time budget of {} s per file was spent",
                pages.len(),
                budget.time.as_secs_f64()
            ));
            break;
        }
        let mut collector = glyphs::Collector::new(deadline, MAX_GLYPHS_PER_PAGE);
        let result =
            catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(&doc, &mut collector, number)));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                let partial = if collector.glyphs.is_empty() { "" } else { " (read in part)" };
                out.warnings.push(format!("page {number}{partial}: {e}"));
            }
            Err(_) => failed.push(number),
        }
        widths.push(collector.width);
        read.push((layout::rows(collector.glyphs), collector.width.max(1.0)));
        // The height is what furniture needs; the collector knew it.
        if let Some(last) = read.last_mut() {
            last.1 = page_height(&doc, pages[&number]).unwrap_or(last.1);
        }
    }
    if !failed.is_empty() {
        out.warnings
            .push(format!("{} could not be read (the PDF reader failed on them)", name_pages(&failed)));
    }
    if read.iter().all(|(rows, _)| rows.is_empty()) && !failed.is_empty() && images.is_empty() {
        return Err("no page of this PDF could be read".into());
    }
    furniture::strip(&mut read);
    let ordered: Vec<Vec<layout::Line>> = read.iter().map(|(rows, _)| layout::reading_order(rows)).collect();
    if out.meta.title.is_none() {
        out.meta.title = ordered.first().and_then(|lines| layout::headline(lines));
    }
    let mut paragraphs: Vec<Vec<Vec<String>>> = ordered.iter().map(|lines| join::paragraphs(lines)).collect();
    defuse::restore(&mut doc, images);
    let scanned: Vec<u32> = pages
        .keys()
        .zip(&paragraphs)
        .filter(|(n, p)| p.is_empty() && !failed.contains(n))
        .map(|(n, _)| *n)
        .collect();
    if !scanned.is_empty() {
        if ocr.is_ok() {
            before_ocr(scanned.len());
        }
        recognize(&doc, &pages, &scanned, &widths, budget, ocr, &mut paragraphs, &mut out.warnings);
    }
    let (text, starts) = join::assemble(&paragraphs);
    out.text = text;
    out.pages = starts;
    Ok(out)
}

/// OCR of the pages without a text layer, in place of their paragraphs.
#[allow(clippy::too_many_arguments)]
fn recognize(
    doc: &Document,
    pages: &BTreeMap<u32, ObjectId>,
    scanned: &[u32],
    widths: &[f64],
    budget: Budget,
    ocr: Result<&Tesseract, String>,
    paragraphs: &mut [Vec<Vec<String>>],
    warnings: &mut Vec<String>,
) {
    let tesseract = match ocr {
        Ok(t) => t,
        Err(why) => {
            warnings.push(format!(
                "{} {} no text layer (scanned?) and {why}: not read",
                name_pages(scanned),
                if scanned.len() == 1 { "has" } else { "have" }
            ));
            return;
        }
    };
    let mut unread = Vec::new();
    for &number in scanned {
        let index = number as usize - 1;
        let width = widths.get(index).copied().unwrap_or(0.0);
        let image = catch_unwind(AssertUnwindSafe(|| scan::page_image(doc, pages[&number], width)))
            .unwrap_or_else(|_| Err("its image broke the PDF reader".into()));
        let result =
            image.and_then(|img| tesseract.recognize(&img.bytes, img.dpi, Instant::now() + budget.ocr_page));
        match result {
            Ok(raw) => {
                if let Some(p) = paragraphs.get_mut(index) {
                    *p = crate::ocr::paragraphs(&raw);
                }
            }
            // An empty page is no news: only pages with an image are named.
            Err(why) if why == "it has neither text nor an image" => {}
            Err(why) => unread.push(format!("page {number}: {why}")),
        }
    }
    if !unread.is_empty() {
        warnings.push(format!("pages without a text layer not recognised: {}", unread.join("; ")));
    }
}

/// `page 3`, `pages 2, 5, 7`, or the first few and a count.
fn name_pages(numbers: &[u32]) -> String {
    let shown: Vec<String> = numbers.iter().take(10).map(u32::to_string).collect();
    let more = if numbers.len() > 10 { format!(" and {} more", numbers.len() - 10) } else { String::new() };
    if numbers.len() == 1 {
        format!("page {}", shown[0])
    } else {
        format!("pages {}{more}", shown.join(", "))
    }
}

fn page_height(doc: &Document, page: ObjectId) -> Option<f64> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(Object::Array(b)) = dict.get(b"MediaBox").and_then(|o| doc.dereference(o).map(|(_, o)| o)) {
            let num = |o: &Object| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).ok();
            if b.len() == 4 {
                return Some((num(&b[3])? - num(&b[1])?).abs());
            }
        }
        dict = doc.get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

/// Panics inside the PDF crates are caught and reported as a page or file
/// that could not be read; their default message on standard error is
/// silenced (any other panic is printed as before).
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            if !(file.contains("pdf-extract")
                || file.contains("lopdf")
                || file.contains("adobe-cmap")
                || file.contains("type1-encoding")
                || file.contains("cff-parser")
                || file.contains("postscript"))
            {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests;
