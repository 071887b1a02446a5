//! The part of `dossier extract` that other commands share: inputs read
//! sequentially (a WARC archive streams), gathered into bounded batches,
//! each batch built and annotated in parallel with rayon, handed on in input
//! order. A failed input or record is named on standard error and the run
//! goes on.

use dossier_core::{Annotations, Document};
use dossier_ingest::{expand_inputs, open_input, IngestError, RawDoc};
use dossier_nlp::Pipeline;
use rayon::prelude::*;

/// Documents per parallel batch: enough to keep every core busy, few enough
/// to keep memory flat on a stream of millions.
const BATCH_DOCS: usize = 256;
/// Raw bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 32 << 20;

/// One document with its annotations.
pub struct Annotated {
    /// The document.
    pub doc: Document,
    /// What the NLP stages found.
    pub ann: Annotations,
}

/// Sets the size of rayon's global pool (default: all cores).
pub fn set_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()?;
    }
    Ok(())
}

/// Reads, builds and annotates every input, calling `on_batch` with each
/// batch of results in input order. Returns true when some input failed
/// (already named on standard error).
pub fn annotate_inputs(
    pipeline: &Pipeline,
    paths: &[String],
    mut on_batch: impl FnMut(Vec<Annotated>) -> anyhow::Result<()>,
) -> anyhow::Result<bool> {
    let mut failed = false;
    let mut batch: Vec<Result<RawDoc, IngestError>> = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;
    let mut flush = |batch: Vec<Result<RawDoc, IngestError>>, failed: &mut bool| -> anyhow::Result<()> {
        let mut ok = Vec::with_capacity(batch.len());
        for r in process(pipeline, batch) {
            match r {
                Ok(a) => ok.push(a),
                Err(e) => {
                    *failed = true;
                    eprintln!("dossier: {e}");
                }
            }
        }
        on_batch(ok)
    };
    for input in expand_inputs(paths) {
        let docs = match input {
            Ok(input) => open_input(&input),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
        for raw in docs {
            batch_bytes += raw.as_ref().map_or(0, |r| r.bytes.len());
            batch.push(raw);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                flush(std::mem::take(&mut batch), &mut failed)?;
                batch_bytes = 0;
            }
        }
    }
    flush(batch, &mut failed)?;
    Ok(failed)
}

/// Builds and annotates one batch in parallel, keeping order.
fn process(
    pipeline: &Pipeline,
    batch: Vec<Result<RawDoc, IngestError>>,
) -> Vec<Result<Annotated, IngestError>> {
    batch.into_par_iter().map(|raw| annotate_one(pipeline, raw?)).collect()
}

/// Builds and annotates one raw document: everything `extract` does to a
/// document before linking. Warnings go to standard error.
pub fn annotate_one(pipeline: &Pipeline, raw: RawDoc) -> Result<Annotated, IngestError> {
    let locator = raw.locator.clone();
    let mut built = raw.build()?;
    for w in &built.warnings {
        eprintln!("dossier: {locator}: warning: {w}");
    }
    let ann = pipeline.process(&mut built.doc);
    let annotated = dossier_nlp::annotated_len(&built.doc.text);
    if annotated < built.doc.text.len() {
        eprintln!(
            "dossier: {locator}: warning: text of {} bytes; annotations cover its first {annotated} bytes",
            built.doc.text.len()
        );
    }
    Ok(Annotated { doc: built.doc, ann })
}
