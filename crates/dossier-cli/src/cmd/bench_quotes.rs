//! `dossier bench quotes --corpus DIR`: how much attribution adds to the
//! text pipeline. Times tokenize + sentence split against tokenize + split +
//! quotes over every `.txt` file under DIR (in memory, one thread), the two
//! runs interleaved, and reports medians. Build with `--release`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{ensure, Result};
use dossier_nlp::{quotes, sentence, token};

/// Arguments of `dossier bench quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of plain-text files (searched recursively for `*.txt`).
    #[arg(long)]
    corpus: PathBuf,
    /// Timed rounds of each variant (the median is reported).
    #[arg(long, default_value_t = 15)]
    rounds: usize,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().and_then(|e| e.to_str()) == Some("txt") {
            out.push(p);
        }
    }
    Ok(())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let mut files = Vec::new();
    collect(&args.corpus, &mut files)?;
    let texts: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    ensure!(!texts.is_empty(), "no .txt files under {}", args.corpus.display());
    let bytes: usize = texts.iter().map(String::len).sum();
    let base = |texts: &[String]| -> (usize, usize) {
        let mut n_tokens = 0;
        let mut n_sentences = 0;
        for t in texts {
            let tokens = token::tokenize(t);
            let sentences = sentence::split_sentences(t, &tokens);
            n_tokens += tokens.len();
            n_sentences += sentences.len();
        }
        (n_tokens, n_sentences)
    };
    let with_quotes = |texts: &[String]| -> (usize, usize) {
        let mut n_tokens = 0;
        let mut n_quotes = 0;
        for t in texts {
            let tokens = token::tokenize(t);
            let sentences = sentence::split_sentences(t, &tokens);
            n_quotes += quotes::find_quotes(t, &tokens, &sentences, &[]).len();
            n_tokens += tokens.len();
        }
        (n_tokens, n_quotes)
    };
    // Warm-up, and the invariants each timed run must reproduce.
    let (tokens, sentences) = base(&texts);
    let (tokens2, n_quotes) = with_quotes(&texts);
    ensure!(tokens == tokens2 && n_quotes > 0, "benchmark invariants broken");
    let mut t_base = Vec::with_capacity(args.rounds);
    let mut t_quotes = Vec::with_capacity(args.rounds);
    for _ in 0..args.rounds.max(1) {
        let s = Instant::now();
        ensure!(base(&texts) == (tokens, sentences), "tokenizer is not deterministic");
        t_base.push(s.elapsed());
        let s = Instant::now();
        ensure!(with_quotes(&texts) == (tokens, n_quotes), "quotes are not deterministic");
        t_quotes.push(s.elapsed());
    }
    let (a, b) = (median(t_base), median(t_quotes));
    let mb = bytes as f64 / 1e6;
    println!("{} texts, {:.2} MB, {tokens} tokens, {sentences} sentences, {n_quotes} quotes", texts.len(), mb);
    println!("tokenize+split          {:>8.1} ms  {:>6.1} MB/s", a.as_secs_f64() * 1e3, mb / a.as_secs_f64());
    println!("tokenize+split+quotes   {:>8.1} ms  {:>6.1} MB/s", b.as_secs_f64() * 1e3, mb / b.as_secs_f64());
    println!("quotes overhead         {:>8.1} %", (b.as_secs_f64() / a.as_secs_f64() - 1.0) * 100.0);
    Ok(())
}
