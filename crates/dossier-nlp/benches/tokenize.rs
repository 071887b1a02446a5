//! Throughput of the tokenizer and sentence splitter on the PolNeAR train
//! texts (`cargo bench -p dossier-nlp --bench tokenize`). Skips with a note
//! when `../shared/data` is absent.

use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/attribution/polnear/train/text");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("note: {dir} not found; benchmark skipped");
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = 5;
    let t = Instant::now();
    let mut tokens = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            tokens += dossier_nlp::token::tokenize(text).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(tokens > bytes / 10, "too few tokens: the tokenizer is not measuring real work");
    println!(
        "tokenize: {:.1} MB/s, {:.0} tokens/s ({} docs, {:.1} MB, {rounds} rounds)",
        (bytes * rounds) as f64 / secs / 1e6,
        tokens as f64 / secs,
        texts.len(),
        bytes as f64 / 1e6
    );
    let t = Instant::now();
    let mut sentences = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            let toks = dossier_nlp::token::tokenize(text);
            sentences += dossier_nlp::sentence::split_sentences(text, &toks).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(sentences > texts.len() * rounds);
    println!("tokenize + sentences: {:.1} MB/s", (bytes * rounds) as f64 / secs / 1e6);
}
