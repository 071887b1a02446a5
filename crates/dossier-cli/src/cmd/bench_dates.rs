//! `dossier bench dates`: throughput of date recognition.
//!
//! Runs `find_dates` over every text of the given corpora (JSON Lines or
//! text files/folders), repeating the whole pass until at least `--seconds`
//! have gone by, and prints MB/s and documents/s. Each pass must find the
//! same number of dates as the first one, so the loop cannot be optimised
//! into measuring nothing. Build with `--release` for figures worth quoting.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use dossier_nlp::dates::{find_dates, parse_anchor};

use super::corpus;

/// Arguments of `dossier bench dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpora: JSON Lines files (`text`, `published`), text files or folders.
    #[arg(long = "corpus", required = true)]
    pub corpus: Vec<PathBuf>,
    /// Minimum measuring time in seconds.
    #[arg(long, default_value_t = 2.0)]
    pub seconds: f64,
}

/// Runs the benchmark and prints the figures.
pub fn run(args: &Args) -> Result<()> {
    let docs = corpus::read(&args.corpus)?;
    if docs.is_empty() {
        bail!("no documents in the given corpora");
    }
    let anchors: Vec<_> = docs.iter().map(|d| d.published.as_deref().and_then(parse_anchor)).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pass = || -> usize {
        docs.iter().zip(&anchors).map(|(d, a)| black_box(find_dates(black_box(&d.text), *a)).len()).sum()
    };
    let budget = Duration::from_secs_f64(args.seconds.max(0.01));
    let expected = pass(); // warm-up
    let (passes, secs) = timed(budget, || {
        let found = pass();
        if found != expected {
            bail!("a pass found {found} dates, the first pass {expected}");
        }
        Ok(())
    })?;
    let mb = (bytes as f64 * passes as f64) / 1e6;
    println!(
        "dates: {} documents, {:.2} MB, {} dates per pass; {} passes in {:.2} s: {:.1} MB/s, {:.0} documents/s",
        docs.len(),
        bytes as f64 / 1e6,
        expected,
        passes,
        secs,
        mb / secs,
        (docs.len() as f64 * passes as f64) / secs
    );
    // A machine-independent yardstick: splitting the same texts on white
    // space, timed the same way on the same machine.
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let (bpasses, bsecs) = timed(budget, || {
        let n: usize = docs.iter().map(|d| black_box(&d.text).split_whitespace().count()).sum();
        if n != words {
            bail!("baseline pass counted {n} words, expected {words}");
        }
        Ok(())
    })?;
    let base = (bytes as f64 * bpasses as f64) / 1e6 / bsecs;
    println!(
        "baseline (split_whitespace, {words} words per pass): {base:.1} MB/s; find_dates runs at {:.0}% of it",
        100.0 * (mb / secs) / base
    );
    Ok(())
}

/// Runs `f` until `budget` has elapsed; returns the runs and the seconds.
fn timed(budget: Duration, mut f: impl FnMut() -> Result<()>) -> Result<(u64, f64)> {
    let start = Instant::now();
    let mut runs = 0u64;
    while start.elapsed() < budget {
        f()?;
        runs += 1;
    }
    Ok((runs, start.elapsed().as_secs_f64()))
}
