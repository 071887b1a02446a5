//! `dossier extract`: documents in, one contract JSON object per document out.
//!
//! Inputs are read, built and annotated in ordered parallel batches (see
//! [`super::pipeline`]); then, on one thread and in input order, the linker
//! fills the entity ids of mentions and speakers (so ids are deterministic);
//! then each batch is serialised in parallel and written in input order.

use std::io::Write;

use dossier_core::contract::DocumentJson;
use dossier_ingest::{IngestError, RawDoc};
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use rayon::prelude::*;

use super::pipeline::{annotate_inputs, annotate_one, set_threads};
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

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    set_threads(args.threads)?;
    let pipeline = match &args.model {
        Some(path) => Pipeline::with_ner(super::ner::load_model(Some(path))?),
        None => Pipeline::new(),
    };
    let mut linker = Linker::with_embedded_kb();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let failed = annotate_inputs(&pipeline, &args.paths, |mut batch| {
        for a in batch.iter_mut() {
            linker.link(&a.doc.text, &mut a.ann);
        }
        let lines: Vec<String> = batch
            .par_iter()
            .map(|a| serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann)))
            .collect::<Result<_, _>>()?;
        for line in lines {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// Builds, annotates and serialises one raw document, without cross-document
/// linking (which needs the documents in order): what the per-document
/// benchmarks time.
pub fn process_one(pipeline: &Pipeline, raw: RawDoc) -> Result<String, IngestError> {
    let locator = raw.locator.clone();
    let a = annotate_one(pipeline, raw)?;
    serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann))
        .map_err(|e| IngestError::new(locator, format!("cannot serialise: {e}")))
}
