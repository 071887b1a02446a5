//! `dossier bench html DIR`: HTML main-text extraction speed in pages per
//! second, on one thread and on all threads, over pages decompressed into
//! memory before timing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use dossier_ingest::html::extract_html;
use rayon::prelude::*;

/// Arguments of `dossier bench html`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory with `html/<id>.html.gz` pages (the Zyte benchmark layout).
    pub dir: PathBuf,
    /// How many times to run over the whole set for each measurement.
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
}

/// CPU time used so far by the calling thread (Linux `schedstat`), if known.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs the benchmark and prints pages/s and MB/s.
pub fn run(args: &Args) -> Result<()> {
    let pages = super::zyte::load_pages(&args.dir)?;
    if pages.is_empty() {
        bail!("no pages under {}", args.dir.join("html").display());
    }
    let rounds = args.rounds.max(1);
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    // Warm-up, and an invariant so the loop cannot measure nothing.
    let chars: usize = pages.iter().map(|p| extract_html(&p.html, None).text.len()).sum();
    if chars == 0 {
        bail!("extraction produced no text at all");
    }
    let report = |label: &str, secs: f64, threads: usize| {
        let n = (pages.len() * rounds) as f64;
        println!(
            "{label:<12} threads={threads:<3} pages={:<6} {:>9.1} pages/s {:>7.1} MB/s",
            pages.len() * rounds,
            n / secs,
            (bytes * rounds) as f64 / secs / 1e6
        );
    };
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let mut total = 0usize;
    for _ in 0..rounds {
        for p in &pages {
            total += extract_html(&p.html, None).text.len();
        }
    }
    let wall = t.elapsed().as_secs_f64();
    report("one thread", wall, 1);
    if let (Some(a), Some(b)) = (cpu0, thread_cpu()) {
        // On a busy machine wall-clock time includes waiting for a core;
        // the thread's own CPU time shows the speed of one core.
        report("one core cpu", (b - a).as_secs_f64(), 1);
    }
    assert_eq!(total, chars * rounds, "extraction is not deterministic");
    let t = Instant::now();
    let total: usize = (0..rounds)
        .into_par_iter()
        .flat_map(|_| pages.par_iter())
        .map(|p| extract_html(&p.html, None).text.len())
        .sum();
    report("all threads", t.elapsed().as_secs_f64(), rayon::current_num_threads());
    assert_eq!(total, chars * rounds, "extraction is not deterministic");
    println!("corpus: {} pages, {:.1} MB of HTML", pages.len(), bytes as f64 / 1e6);
    Ok(())
}
