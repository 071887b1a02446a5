//! `dossier bench pdf [DIR…]`: how fast PDFs are read — pages per second
//! of one thread, text layer only (layout, headers, hyphenation and
//! metadata included) — over the PDFs of the folders (default: the two
//! benchmark folders), read `--rounds` times. `--ocr` also times Tesseract
//! on the pages without a text layer; `--child` reads each file as ingest
//! does, in a reader child process (the cost of the isolation).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use dossier_ingest::pdf::{read_with, Budget};

/// Arguments of `dossier bench pdf`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of PDFs (every `*.pdf` in them).
    #[arg(default_values_t = ["data/eval/pdf".to_string(), "data/eval/pdf-heldout".to_string()])]
    pub dirs: Vec<String>,
    /// How many times each file is read.
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
    /// Run OCR on pages without a text layer (read once).
    #[arg(long)]
    pub ocr: bool,
    /// Read each file in a reader child process, as ingest does
    /// (dossier_ingest::pdf::isolate), OCR as configured.
    #[arg(long)]
    pub child: bool,
}

/// Runs the benchmark.
pub fn run(args: &Args) -> Result<()> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for dir in &args.dirs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("reading {dir}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        found.sort();
        for p in found {
            let bytes = std::fs::read(&p).with_context(|| p.display().to_string())?;
            files.push((p, bytes));
        }
    }
    let (mut pages, mut bytes, mut elapsed) = (0usize, 0usize, Duration::ZERO);
    let rounds = if args.ocr { 1 } else { args.rounds.max(1) };
    for _ in 0..rounds {
        for (path, data) in &files {
            let ocr = if args.ocr {
                dossier_ingest::ocr::tesseract().map_err(str::to_string)
            } else {
                Err("OCR is not timed".to_string())
            };
            let t = Instant::now();
            let read = if args.child {
                dossier_ingest::pdf::read(data)
            } else {
                read_with(data, Budget::default(), ocr)
            };
            match read {
                Ok(pdf) => pages += pdf.pages.len(),
                Err(e) => eprintln!("{}: {e}", path.display()),
            }
            elapsed += t.elapsed();
            bytes += data.len();
        }
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!("files      {} × {rounds}", files.len());
    println!("pages      {pages}");
    let how = if args.child { "one thread, a reader process per file" } else { "one thread" };
    println!("time       {secs:.3} s ({how})");
    println!("pages/s    {:.1}", pages as f64 / secs);
    println!("MB/s       {:.2}", bytes as f64 / secs / 1e6);
    Ok(())
}
