//! The loop of [`crate::batches`] for callers that want annotated documents
//! and nothing else (`extract`, `entities`, the Python package): failures
//! and warnings are handed to the caller as [`Problem`]s as they come, and
//! annotated documents are handed on in input order, in batches (so the
//! caller can serialise a batch in parallel after linking it in order).

use dossier_core::{Annotations, Document};
use dossier_ingest::{IngestError, RawDoc};
use dossier_nlp::Pipeline;

use crate::batches::Item;

/// Documents handed to `on_batch` at a time.
const BATCH_DOCS: usize = 256;

/// One document with its annotations.
pub struct Annotated {
    /// The document.
    pub doc: Document,
    /// What the NLP stages found.
    pub ann: Annotations,
}

/// Something the caller should tell the user about; the run goes on.
#[derive(Debug)]
pub enum Problem<'a> {
    /// A document was read, but not all of it could be used.
    Warning {
        /// Where the document came from (`a.warc.gz#record 3`).
        locator: &'a str,
        /// What went wrong.
        message: &'a str,
    },
    /// An input or record yielded no document.
    Failed(&'a IngestError),
}

impl std::fmt::Display for Problem<'_> {
    /// The line the CLI prints after `dossier: `: the locator comes first,
    /// so the user knows which file to look at.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Warning { locator, message } => write!(f, "{locator}: warning: {message}"),
            Problem::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// Sets the size of rayon's global pool (default: all cores). Once per
/// process: rayon builds its global pool only once.
pub fn set_threads(threads: Option<usize>) -> Result<(), rayon::ThreadPoolBuildError> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()?;
    }
    Ok(())
}

/// Reads, builds and annotates every raw document (through the shared loop
/// in [`crate::batches`]), calling `on_batch` with batches of results in
/// input order and `report` with every warning and failure as they come.
/// Returns true when some input failed.
pub fn annotate_inputs<E>(
    pipeline: &Pipeline,
    raws: impl Iterator<Item = Result<RawDoc, IngestError>>,
    report: &mut dyn FnMut(Problem<'_>),
    mut on_batch: impl FnMut(Vec<Annotated>) -> Result<(), E>,
) -> Result<bool, E> {
    let mut failed = false;
    let mut batch: Vec<Annotated> = Vec::with_capacity(BATCH_DOCS);
    crate::batches::run(raws, pipeline, &mut |ids| Ok(vec![false; ids.len()]), &mut |item| {
        match item {
            Item::Doc { locator, doc, ann, warnings } => {
                for message in &warnings {
                    report(Problem::Warning { locator: &locator, message });
                }
                batch.push(Annotated { doc: *doc, ann: *ann });
                if batch.len() >= BATCH_DOCS {
                    on_batch(std::mem::take(&mut batch))?;
                }
            }
            Item::Known { .. } => {}
            Item::Failed(e) => {
                failed = true;
                report(Problem::Failed(&e));
            }
        }
        Ok(())
    })?;
    on_batch(batch)?;
    Ok(failed)
}

/// Builds and annotates one raw document: everything `extract` does to a
/// document before linking. Warnings go to `report`.
pub fn annotate_one(
    pipeline: &Pipeline,
    raw: RawDoc,
    report: &mut dyn FnMut(Problem<'_>),
) -> Result<Annotated, IngestError> {
    let locator = raw.locator.clone();
    let (doc, ann, warnings) = crate::batches::annotate(pipeline, raw.build()?);
    for message in &warnings {
        report(Problem::Warning { locator: &locator, message });
    }
    Ok(Annotated { doc, ann })
}
