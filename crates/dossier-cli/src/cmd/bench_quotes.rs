//! `dossier bench quotes PATH...`: how much attribution adds, on one thread.
//!
//! Reads the inputs into memory, builds their documents as `dossier extract`
//! does, then times, rounds interleaved and medians reported:
//! - tokenize + sentence split;
//! - quote attribution alone, on tokens and sentences computed beforehand;
//! - `dossier extract` itself (build, every NLP stage including quotes, JSON).
//!
//! What attribution adds to extract is the quotes time over the extract time
//! less the quotes time. Build with `--release`.

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
    /// Run only one variant (`split`, `quotes` or `extract`), e.g. under
    /// `perf stat`, whose instruction counts do not depend on machine load.
    #[arg(long)]
    pub only: Option<String>,
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
    let prepared: Vec<(Vec<token::Token>, Vec<sentence::Sentence>)> = texts
        .iter()
        .map(|t| {
            let tokens = token::tokenize(t);
            let sentences = sentence::split_sentences(t, &tokens);
            (tokens, sentences)
        })
        .collect();
    // What `extract` runs: the quotes and the refusals to comment.
    let quotes_only = || -> usize {
        texts
            .iter()
            .zip(&prepared)
            .map(|(t, (tok, sen))| quotes::find_statements(t, tok, sen, &[]).0.len())
            .sum()
    };
    let extract = |raws: &[RawDoc]| -> usize {
        raws.iter().map(|r| process_one(&pipeline, r.clone()).map_or(0, |s| s.len())).sum()
    };
    // Warm-up; the invariants each timed round must reproduce.
    if let Some(only) = args.only.as_deref() {
        let mut times = Vec::new();
        for _ in 0..args.rounds {
            let s = Instant::now();
            let n = match only {
                "split" => split(&texts),
                "quotes" => quotes_only(),
                "extract" => extract(&raws),
                other => bail!("unknown variant {other}"),
            };
            ensure!(n > 0, "nothing measured");
            times.push(s.elapsed());
        }
        if !times.is_empty() {
            println!("{only}: {:.1} ms (median of {})", median(times) * 1e3, args.rounds);
        }
        return Ok(());
    }
    let n_split = split(&texts);
    let n_quotes = quotes_only();
    let out_bytes = extract(&raws);
    ensure!(n_split > 0 && n_quotes > 0, "benchmark invariants broken");
    let (mut t_split, mut t_quotes, mut t_extract) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..args.rounds.max(1) {
        let s = Instant::now();
        ensure!(split(&texts) == n_split, "tokenizer is not deterministic");
        t_split.push(s.elapsed());
        let s = Instant::now();
        ensure!(quotes_only() == n_quotes, "quotes are not deterministic");
        t_quotes.push(s.elapsed());
        let s = Instant::now();
        ensure!(extract(&raws) == out_bytes, "extract is not deterministic");
        t_extract.push(s.elapsed());
    }
    let (a, q, e) = (median(t_split), median(t_quotes), median(t_extract));
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {mb:.2} MB of text, {n_quotes} quotes; one thread, median of {} rounds",
        texts.len(),
        args.rounds.max(1)
    );
    println!("tokenize+split           {:>8.1} ms  {:>6.2} MB/s", a * 1e3, mb / a);
    println!("extract (with quotes)    {:>8.1} ms  {:>6.2} MB/s", e * 1e3, mb / e);
    println!("quotes (given tokens)    {:>8.1} ms  {:>6.2} MB/s", q * 1e3, mb / q.max(1e-9));
    println!("quotes vs tokenize+split {:>8.1} %", q / a * 100.0);
    println!("quotes vs extract without quotes {:>5.1} %", q / (e - q).max(1e-9) * 100.0);
    Ok(())
}
