//! `dossier bench quotes PATH...`: how much attribution adds, on one thread.
//!
//! Reads the inputs into memory, builds their documents as `dossier extract`
//! does, then times, rounds interleaved and medians reported:
//! - tokenize + sentence split, alone and followed by quote attribution;
//! - `dossier extract` itself (build, every NLP stage including quotes, JSON).
//!
//! The quotes' share of extract is the quotes-only time (the difference of
//! the first two) over the extract time without it. Build with `--release`.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};
use dossier_ingest::{expand_inputs, open_input, RawDoc};
use dossier_nlp::{quotes, sentence, token, Pipeline};

use super::extract::process_one;

/// Arguments of `dossier bench quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders, as for `dossier extract` (plain text for the figure the README quotes).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Timed rounds of each variant (the median is reported).
    #[arg(long, default_value_t = 11)]
    pub rounds: usize,
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64()
}

/// Runs the benchmark.
pub fn run(args: &Args) -> Result<()> {
    let mut raws: Vec<RawDoc> = Vec::new();
    for input in expand_inputs(&args.paths) {
        for raw in open_input(&input?) {
            match raw {
                Ok(r) => raws.push(r),
                Err(e) => eprintln!("dossier: skipped {e}"),
            }
        }
    }
    if raws.is_empty() {
        bail!("no documents in the inputs");
    }
    let texts: Vec<String> = raws.iter().filter_map(|r| r.clone().build().ok()).map(|b| b.doc.text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let pipeline = Pipeline::new();
    let split = |texts: &[String]| -> usize {
        texts
            .iter()
            .map(|t| {
                let tokens = token::tokenize(t);
                sentence::split_sentences(t, &tokens).len() + tokens.len()
            })
            .sum()
    };
    let split_quotes = |texts: &[String]| -> (usize, usize) {
        texts.iter().fold((0, 0), |(n, q), t| {
            let tokens = token::tokenize(t);
            let sentences = sentence::split_sentences(t, &tokens);
            let found = quotes::find_quotes(t, &tokens, &sentences, &[]).len();
            (n + sentences.len() + tokens.len(), q + found)
        })
    };
    let extract = |raws: &[RawDoc]| -> usize {
        raws.iter().map(|r| process_one(&pipeline, r.clone()).map_or(0, |s| s.len())).sum()
    };
    // Warm-up; the invariants each timed round must reproduce.
    let n_split = split(&texts);
    let (n_split2, n_quotes) = split_quotes(&texts);
    let out_bytes = extract(&raws);
    ensure!(n_split == n_split2 && n_quotes > 0, "benchmark invariants broken");
    let (mut t_split, mut t_quotes, mut t_extract) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..args.rounds.max(1) {
        let s = Instant::now();
        ensure!(split(&texts) == n_split, "tokenizer is not deterministic");
        t_split.push(s.elapsed());
        let s = Instant::now();
        ensure!(split_quotes(&texts) == (n_split, n_quotes), "quotes are not deterministic");
        t_quotes.push(s.elapsed());
        let s = Instant::now();
        ensure!(extract(&raws) == out_bytes, "extract is not deterministic");
        t_extract.push(s.elapsed());
    }
    let (a, b, e) = (median(t_split), median(t_quotes), median(t_extract));
    let q = (b - a).max(0.0);
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {mb:.2} MB of text, {n_quotes} quotes; one thread, median of {} rounds",
        texts.len(),
        args.rounds.max(1)
    );
    println!("tokenize+split           {:>8.1} ms  {:>6.2} MB/s", a * 1e3, mb / a);
    println!("tokenize+split+quotes    {:>8.1} ms  {:>6.2} MB/s", b * 1e3, mb / b);
    println!("extract (with quotes)    {:>8.1} ms  {:>6.2} MB/s", e * 1e3, mb / e);
    println!("quotes alone             {:>8.1} ms  {:>6.2} MB/s", q * 1e3, mb / q.max(1e-9));
    println!("quotes vs tokenize+split {:>8.1} %", q / a * 100.0);
    println!("quotes vs extract without quotes {:>5.1} %", q / (e - q).max(1e-9) * 100.0);
    Ok(())
}
