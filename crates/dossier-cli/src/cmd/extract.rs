//! `dossier extract`: documents in, one contract JSON object per document out.
//!
//! Inputs are read, built, annotated and linked by the shared loop
//! ([`dossier_pipeline::annotate_and_link`]: ordered parallel batches, then
//! linking in input order so ids are deterministic); each linked batch is
//! serialised here in parallel and written in input order.

use std::io::Write;

use dossier_core::contract::DocumentJson;
use dossier_ingest::{IngestError, RawDoc};
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use dossier_pipeline::{annotate_and_link, annotate_one, set_threads, sources, Annotated};
use rayon::prelude::*;

use crate::Outcome;

/// Arguments of `dossier extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (walked recursively, sorted) or `-` for standard input.
    #[arg(default_value = "-")]
    pub paths: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// A NER model file to use instead of the built-in one.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// The folder of the Parquet tables (with `--format parquet`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<std::path::PathBuf>,
}

/// Output formats of `dossier extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One contract JSON object per document on standard output (docs/output-contract.md).
    Json,
    /// Five Parquet tables (documents, mentions, quotes, dates, entities) in `--out DIR` (docs/parquet.md).
    Parquet,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    set_threads(args.threads)?;
    let pipeline = match &args.model {
        Some(path) => Pipeline::with_ner(super::ner::load_model(Some(path))?),
        None => Pipeline::new(),
    };
    if args.format == Format::Parquet {
        return extract_parquet(&pipeline, &args);
    }
    if let Some(out) = &args.out {
        anyhow::bail!("--out {} is for --format parquet; JSON goes to standard output", out.display());
    }
    let mut writer = BatchWriter::new();
    let failed = annotate_and_link(
        &pipeline,
        sources(&args.paths),
        &mut Linker::with_embedded_kb(),
        &mut crate::output::print_problem,
        &mut |batch| writer.write(batch),
    )?;
    writer.finish()?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// `--format parquet`: the same documents as the JSON, as tables in `--out`.
fn extract_parquet(pipeline: &Pipeline, args: &Args) -> anyhow::Result<Outcome> {
    use anyhow::Context;
    let dir =
        args.out.as_deref().context("--format parquet writes five files: give the folder with --out DIR")?;
    let mut tables = super::parquet::create(dir)?;
    let mut linker = Linker::with_embedded_kb();
    let failed = annotate_and_link(
        pipeline,
        sources(&args.paths),
        &mut linker,
        &mut crate::output::print_problem,
        &mut |batch| super::parquet::write_batch(&mut tables, &batch),
    )?;
    super::parquet::finish_extract(tables, &linker, dir)?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// Writes linked batches as JSON Lines to standard output.
struct BatchWriter {
    out: std::io::BufWriter<std::io::Stdout>,
}

impl BatchWriter {
    fn new() -> Self {
        BatchWriter { out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()) }
    }

    /// Serialises `batch` in parallel and writes it in order.
    fn write(&mut self, batch: Vec<Annotated>) -> anyhow::Result<()> {
        let lines: Vec<String> = batch
            .par_iter()
            .map(|a| serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann)))
            .collect::<Result<_, _>>()?;
        for line in lines {
            self.out.write_all(line.as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Builds, annotates and serialises one raw document, without cross-document
/// linking (which needs the documents in order): what the per-document
/// benchmarks time.
pub fn process_one(pipeline: &Pipeline, raw: RawDoc) -> Result<String, IngestError> {
    let locator = raw.locator.clone();
    let a = annotate_one(pipeline, raw, &mut crate::output::print_problem)?;
    serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann))
        .map_err(|e| IngestError::new(locator, format!("cannot serialise: {e}")))
}
