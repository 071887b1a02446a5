//! `dossier bench …`: speed measurements (run them on a release build).

use clap::Subcommand;

use crate::Outcome;

/// The benchmarks.
#[derive(Debug, Subcommand)]
pub enum Bench {
    /// Tokenize + sentence split + NER tagging, tokens per second (one thread).
    Ner(super::ner::BenchArgs),
    /// Speed of `dossier extract` (build + NLP + JSON) in docs/s and MB/s.
    Extract(super::bench_extract::Args),
    /// Tokens/s of the real `dossier extract` command (files in, JSON out), -j1 and -j2, wall and CPU time.
    Throughput(super::bench_throughput::Args),
    /// HTML extraction speed in pages per second (one thread, all threads).
    Html(super::bench_html::Args),
    /// Throughput of date recognition in MB/s.
    Dates(super::bench_dates::Args),
    /// Cross-document linking of 1k/10k/100k synthetic documents' mentions (linear time).
    Link(super::bench_link::Args),
    /// Copy detection per document at 1k/10k/100k synthetic documents (flat when it scales).
    Copies(super::bench_copies::Args),
    /// Statement clustering per document at 1k/10k/100k synthetic documents (flat when it scales)
    Statements(super::bench_statements::Args),
    /// What attribution adds to tokenizing, sentence splitting and `dossier extract`.
    Quotes(super::bench_quotes::Args),
    /// Write a synthetic corpus (JSON Lines) made from the demo corpus, for `bench store`.
    GenCorpus(super::bench_store::GenArgs),
    /// Reading an mbox (split, MIME, attachments): messages/s and peak memory.
    Mbox(super::bench_mbox::Args),
    /// Reading PDFs (text layer, layout, metadata): pages/s of one thread.
    Pdf(super::bench_pdf::Args),
    /// Ingest a corpus into a fresh store: docs/s, peak memory, size, query latency p50/p99.
    Store(super::bench_store::StoreArgs),
}

/// Runs one benchmark.
pub fn run(bench: Bench) -> anyhow::Result<Outcome> {
    match bench {
        Bench::Ner(args) => return super::ner::bench(args),
        Bench::Extract(args) => super::bench_extract::run(&args)?,
        Bench::Throughput(args) => super::bench_throughput::run(&args)?,
        Bench::Html(args) => super::bench_html::run(&args)?,
        Bench::Dates(args) => super::bench_dates::run(&args)?,
        Bench::Quotes(args) => super::bench_quotes::run(&args)?,
        Bench::Link(args) => super::bench_link::run(&args)?,
        Bench::Copies(args) => super::bench_copies::run(&args)?,
        Bench::Statements(args) => super::bench_statements::run(&args)?,
        Bench::Mbox(args) => super::bench_mbox::run(&args)?,
        Bench::Pdf(args) => super::bench_pdf::run(&args)?,
        Bench::GenCorpus(args) => return super::bench_store::run_gen(&args),
        Bench::Store(args) => return super::bench_store::run_store(&args),
    }
    Ok(Outcome::Success)
}
