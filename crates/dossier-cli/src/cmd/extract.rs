//! `dossier extract`: documents in, one contract JSON object per document out.
//!
//! Inputs are read sequentially (so a WARC archive streams), gathered into
//! bounded batches, and each batch is built and annotated in parallel with
//! rayon; results are written in input order. A failed input or record is
//! named on standard error and the run goes on.

use std::io::Write;

use dossier_core::contract::DocumentJson;
use dossier_ingest::{expand_inputs, open_input, IngestError, RawDoc};
use dossier_nlp::Pipeline;
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
}

/// Documents per parallel batch: enough to keep every core busy, few enough
/// to keep memory flat on a stream of millions.
const BATCH_DOCS: usize = 256;
/// Raw bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 32 << 20;

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()?;
    }
    let pipeline = match &args.model {
        Some(path) => Pipeline::with_ner(super::ner::load_model(Some(path))?),
        None => Pipeline::new(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let mut report = |r: Result<String, IngestError>, out: &mut dyn Write| -> std::io::Result<()> {
        match r {
            Ok(line) => {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")
            }
            Err(e) => {
                failed = true;
                eprintln!("dossier: {e}");
                Ok(())
            }
        }
    };
    let mut batch: Vec<Result<RawDoc, IngestError>> = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;
    for input in expand_inputs(&args.paths) {
        let docs = match input {
            Ok(input) => open_input(&input),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
        for raw in docs {
            batch_bytes += raw.as_ref().map_or(0, |r| r.bytes.len());
            batch.push(raw);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                for r in process(&pipeline, std::mem::take(&mut batch)) {
                    report(r, &mut out)?;
                }
                batch_bytes = 0;
            }
        }
    }
    for r in process(&pipeline, batch) {
        report(r, &mut out)?;
    }
    out.flush()?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// Builds, annotates and serialises one batch in parallel, keeping order.
fn process(pipeline: &Pipeline, batch: Vec<Result<RawDoc, IngestError>>) -> Vec<Result<String, IngestError>> {
    batch.into_par_iter().map(|raw| process_one(pipeline, raw?)).collect()
}

/// Builds, annotates and serialises one raw document: everything `extract`
/// does to a document after reading it. Warnings go to standard error.
pub fn process_one(pipeline: &Pipeline, raw: RawDoc) -> Result<String, IngestError> {
    let locator = raw.locator.clone();
    let mut built = raw.build()?;
    for w in &built.warnings {
        eprintln!("dossier: {locator}: warning: {w}");
    }
    let ann = pipeline.process(&mut built.doc);
    serde_json::to_string(&DocumentJson::new(&built.doc, &ann))
        .map_err(|e| IngestError::new(locator, format!("cannot serialise: {e}")))
}
