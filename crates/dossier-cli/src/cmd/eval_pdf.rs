//! `dossier eval pdf --gold DIR`: scores PDF text extraction on a folder
//! of `<name>.pdf` files with their gold text `<name>.txt` beside them
//! (`data/eval/pdf`, `data/eval/pdf-heldout`, made by
//! `scripts/make-pdf-bench.py`), with the shingle metric of `eval html`.
//! `--engine` scores another reader on the same files (the crate
//! comparison of docs/quality.md), `--pred DIR` texts made outside.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use dossier_ingest::html::metric;

/// Arguments of `dossier eval pdf`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder with `<name>.pdf` and the gold `<name>.txt`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Which reader: `dossier` (the one ingest uses), `pdf-extract` (its
    /// plain-text output) or `lopdf` (lopdf's `extract_text`).
    #[arg(long, default_value = "dossier")]
    pub engine: Engine,
    /// Score the texts in this folder (`<name>.txt`, made by another tool)
    /// instead of extracting.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Also list every file's scores.
    #[arg(long, short)]
    pub verbose: bool,
    /// Write each extracted text to this folder as `<name>.txt`.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// The PDF readers compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// dossier's reader (pdf-extract glyphs, dossier's layout).
    Dossier,
    /// pdf-extract's own plain-text output.
    PdfExtract,
    /// lopdf's `Document::extract_text`.
    Lopdf,
}

/// The text `engine` reads from a PDF (empty when it fails).
pub fn extract(engine: Engine, bytes: &[u8]) -> Result<String, String> {
    let caught = |f: &dyn Fn() -> Result<String, String>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| Err("panicked".into()))
    };
    match engine {
        Engine::Dossier => dossier_ingest::pdf::read_with(
            bytes,
            dossier_ingest::pdf::Budget::default(),
            Err("OCR is not scored here".into()),
        )
        .map(|p| p.text),
        Engine::PdfExtract => {
            caught(&|| pdf_extract::extract_text_from_mem(bytes).map_err(|e| e.to_string()))
        }
        Engine::Lopdf => caught(&|| {
            let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            doc.extract_text(&pages).map_err(|e| e.to_string())
        }),
    }
}

/// The PDFs of `dir` (sorted) that have a gold text.
pub fn pdfs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf") && p.with_extension("txt").exists())
        .collect();
    out.sort();
    Ok(out)
}

/// Runs the evaluation and prints precision, recall and F1.
pub fn run(args: &Args) -> Result<()> {
    let files = pdfs(&args.gold)?;
    if files.is_empty() {
        bail!("no <name>.pdf with a <name>.txt in {}", args.gold.display());
    }
    let mut counts = Vec::new();
    let mut failed = 0;
    let start = Instant::now();
    for pdf in &files {
        let name = pdf.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let gold = std::fs::read_to_string(pdf.with_extension("txt"))?;
        let text = match &args.pred {
            Some(dir) => std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_default(),
            None => {
                let bytes = std::fs::read(pdf).with_context(|| pdf.display().to_string())?;
                extract(args.engine, &bytes).unwrap_or_else(|e| {
                    failed += 1;
                    eprintln!("{}: {e}", pdf.display());
                    String::new()
                })
            }
        };
        if let Some(dir) = &args.dump {
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join(format!("{name}.txt")), &text)?;
        }
        let c = metric::compare(&gold, &text);
        if args.verbose {
            println!("  {:.3} {:.3} {name}", c.precision(), c.recall());
        }
        counts.push(c);
    }
    let s = metric::score(&counts);
    println!("files      {} ({failed} failed)", s.pages);
    println!("precision  {:.4}", s.precision);
    println!("recall     {:.4}", s.recall);
    println!("F1         {:.4}", s.f1);
    if args.pred.is_none() {
        println!("time       {:.3} s", start.elapsed().as_secs_f64());
    }
    Ok(())
}
