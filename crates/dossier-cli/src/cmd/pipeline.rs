//! The part of `dossier extract` that `entities` shares: the shared document
//! loop of [`crate::pipeline`] with failures and warnings named on standard
//! error, and annotated documents handed on in input order, in batches (so
//! the caller can serialise a batch in parallel after linking it in order).

use dossier_core::{Annotations, Document};
use dossier_ingest::{IngestError, RawDoc};
use dossier_nlp::Pipeline;

use crate::pipeline::Item;

/// Documents handed to `on_batch` at a time.
const BATCH_DOCS: usize = 256;

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

/// Reads, builds and annotates every input (through the shared loop in
/// [`crate::pipeline`]), calling `on_batch` with batches of results in input
/// order. Returns true when some input failed (already named on standard
/// error); warnings are printed as they come.
pub fn annotate_inputs(
    pipeline: &Pipeline,
    paths: &[String],
    mut on_batch: impl FnMut(Vec<Annotated>) -> anyhow::Result<()>,
) -> anyhow::Result<bool> {
    let mut failed = false;
    let mut batch: Vec<Annotated> = Vec::with_capacity(BATCH_DOCS);
    crate::pipeline::run(
        crate::pipeline::sources(paths),
        pipeline,
        &mut |ids| Ok(vec![false; ids.len()]),
        &mut |item| {
            match item {
                Item::Doc { locator, doc, ann, warnings } => {
                    for w in &warnings {
                        eprintln!("dossier: {}", crate::output::clean(&format!("{locator}: warning: {w}")));
                    }
                    batch.push(Annotated { doc: *doc, ann: *ann });
                    if batch.len() >= BATCH_DOCS {
                        on_batch(std::mem::take(&mut batch))?;
                    }
                }
                Item::Known { .. } => {}
                Item::Failed(e) => {
                    failed = true;
                    eprintln!("dossier: {}", crate::output::clean(&e.to_string()));
                }
            }
            Ok(())
        },
    )?;
    on_batch(batch)?;
    Ok(failed)
}

/// Builds and annotates one raw document: everything `extract` does to a
/// document before linking. Warnings go to standard error.
pub fn annotate_one(pipeline: &Pipeline, raw: RawDoc) -> Result<Annotated, IngestError> {
    let locator = raw.locator.clone();
    let (doc, ann, warnings) = crate::pipeline::annotate(pipeline, raw.build()?);
    for w in &warnings {
        eprintln!("dossier: {}", crate::output::clean(&format!("{locator}: warning: {w}")));
    }
    Ok(Annotated { doc, ann })
}
