//! `dossier extract`: documents in, one contract JSON object per document out.
//!
//! The document loop is [`crate::pipeline`]'s (ordered parallel batches);
//! results are written in input order. A failed input or record is named on
//! standard error and the run goes on.

use std::io::Write;

use dossier_core::contract::DocumentJson;
use dossier_ingest::{IngestError, RawDoc};
use dossier_nlp::Pipeline;

use crate::pipeline::{self, Item};
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
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()?;
    }
    let nlp = Pipeline::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    pipeline::run(
        pipeline::sources(&args.paths),
        &nlp,
        &mut |ids| Ok(vec![false; ids.len()]),
        &mut |item| {
            match item {
                Item::Doc { locator, doc, ann, warnings } => {
                    for w in &warnings {
                        eprintln!("dossier: {locator}: warning: {w}");
                    }
                    serde_json::to_writer(&mut out, &DocumentJson::new(&doc, &ann))?;
                    out.write_all(b"\n")?;
                }
                Item::Known { .. } => {}
                Item::Failed(e) => {
                    failed = true;
                    eprintln!("dossier: {e}");
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
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
