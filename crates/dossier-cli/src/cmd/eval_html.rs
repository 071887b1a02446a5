//! `dossier eval html --gold DIR`: scores main-text extraction on the Zyte
//! article-extraction benchmark layout with the benchmark's own metric
//! (shingle precision and recall averaged over pages, F1 of the averages),
//! and with `--meta FILE` the extracted authors and publication dates
//! against a hand annotation (`data/eval/html-meta-dev.jsonl`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use dossier_ingest::html::{extract_html, meta_metric, metric, HtmlExtract};
use rayon::prelude::*;

/// Arguments of `dossier eval html`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Benchmark directory with `html/<id>.html.gz` and `ground-truth.json`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Also score authors and publication dates against this JSON Lines
    /// annotation (`{"id", "authors": [...], "published": ["YYYY-MM-DD"]}`);
    /// only the pages it lists are scored on metadata.
    #[arg(long)]
    pub meta: Option<PathBuf>,
    /// Also list the worst pages by F1 (and the metadata mistakes).
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
    let results: Vec<(String, HtmlExtract, metric::Counts)> = pages
        .par_iter()
        .map(|p| {
            let e = extract_html(&p.html, None);
            let counts = metric::compare(&gold[&p.id], &e.text);
            (p.id.clone(), e, counts)
        })
        .collect();
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir)?;
        for (id, e, _) in &results {
            std::fs::write(dir.join(format!("{id}.txt")), &e.text)?;
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
    if let Some(path) = &args.meta {
        let extracted: BTreeMap<&str, &HtmlExtract> =
            results.iter().map(|(id, e, _)| (id.as_str(), e)).collect();
        score_meta(path, &extracted, args.verbose)?;
    }
    Ok(())
}

/// One page of the metadata annotation.
#[derive(serde::Deserialize)]
struct MetaGold {
    id: String,
    authors: Vec<String>,
    published: Vec<String>,
}

/// Prints author and date accuracy over the annotated pages.
fn score_meta(path: &Path, extracted: &BTreeMap<&str, &HtmlExtract>, verbose: bool) -> Result<()> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let (mut pages, mut authors_ok, mut dates_ok) = (0usize, 0usize, 0usize);
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: MetaGold =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let Some(e) = extracted.get(g.id.as_str()) else {
            bail!("{}:{}: page {} is not in the benchmark directory", path.display(), n + 1, g.id)
        };
        pages += 1;
        let a = meta_metric::authors_match(&e.authors, &g.authors);
        let d = meta_metric::published_matches(e.published.as_deref(), &g.published);
        authors_ok += usize::from(a);
        dates_ok += usize::from(d);
        if verbose && !(a && d) {
            let short = g.id.get(..12).unwrap_or(&g.id);
            if !a {
                println!("  authors   {short}: got {:?}, gold {:?}", e.authors, g.authors);
            }
            if !d {
                println!("  published {short}: got {:?}, gold {:?}", e.published, g.published);
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / pages.max(1) as f64;
    println!("meta pages {pages}");
    println!("authors    {:.1}% ({authors_ok}/{pages})", pct(authors_ok));
    println!("published  {:.1}% ({dates_ok}/{pages})", pct(dates_ok));
    Ok(())
}
