//! `dossier eval html --gold DIR`: scores main-text extraction on the Zyte
//! article-extraction benchmark layout with the benchmark's own metric
//! (shingle precision and recall averaged over pages, F1 of the averages).

use std::path::PathBuf;

use anyhow::{bail, Result};
use dossier_ingest::html::{extract_html, metric};
use rayon::prelude::*;

/// Arguments of `dossier eval html`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Benchmark directory with `html/<id>.html.gz` and `ground-truth.json`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Also list the worst pages by F1.
    #[arg(long, short)]
    pub verbose: bool,
    /// Write each page's extracted text to this directory as `<id>.txt`.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// Runs the evaluation and prints precision, recall and F1.
pub fn run(args: &Args) -> Result<()> {
    let gold = super::zyte::load_gold(&args.gold)?;
    let pages = super::zyte::load_pages(&args.gold)?;
    let pages: Vec<_> = pages.into_iter().filter(|p| gold.contains_key(&p.id)).collect();
    if pages.is_empty() {
        bail!("no page of {} has a ground-truth entry", args.gold.display());
    }
    if pages.len() < gold.len() {
        eprintln!("warning: {} gold ids have no page", gold.len() - pages.len());
    }
    let results: Vec<(String, String, metric::Counts)> = pages
        .par_iter()
        .map(|p| {
            let text = extract_html(&p.html, None).text;
            let counts = metric::compare(&gold[&p.id], &text);
            (p.id.clone(), text, counts)
        })
        .collect();
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir)?;
        for (id, text, _) in &results {
            std::fs::write(dir.join(format!("{id}.txt")), text)?;
        }
    }
    let counts: Vec<_> = results.iter().map(|r| r.2).collect();
    let s = metric::score(&counts);
    if args.verbose {
        let mut worst: Vec<_> = results
            .iter()
            .map(|(id, _, c)| {
                let (p, r) = (c.precision(), c.recall());
                let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
                (f, p, r, id)
            })
            .collect();
        worst.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!("worst pages (F1 precision recall id):");
        for (f, p, r, id) in worst.iter().take(15) {
            println!("  {f:.3} {p:.3} {r:.3} {id}");
        }
    }
    println!("pages      {}", s.pages);
    println!("precision  {:.4}", s.precision);
    println!("recall     {:.4}", s.recall);
    println!("F1         {:.4}", s.f1);
    Ok(())
}
