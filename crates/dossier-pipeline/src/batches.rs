//! The shared document loop of `extract`, `ingest` and `demo` (and of any
//! other face of dossier): inputs are
//! read sequentially (a WARC archive streams), gathered into bounded
//! batches, each batch is built in parallel, the caller may drop documents
//! it already has (so `ingest` never annotates a stored document twice),
//! the rest are annotated in parallel, and results come back in input
//! order through one callback.

use dossier_core::{Annotations, Document};
use dossier_ingest::source::Built;
use dossier_ingest::{expand_inputs, open_input, IngestError, RawDoc};
use dossier_nlp::Pipeline;
use rayon::prelude::*;

/// Documents per parallel batch: enough to keep every core busy, few enough
/// to keep memory flat on a stream of millions.
const BATCH_DOCS: usize = 256;
/// Raw bytes per batch, whichever limit comes first.
const BATCH_BYTES: usize = 32 << 20;

/// Asked, for the ids of a built batch, which documents the caller already
/// has (true: skip annotating it).
pub type Known<'a, E> = dyn FnMut(&[&str]) -> Result<Vec<bool>, E> + 'a;

/// One input's outcome, in input order.
pub enum Item {
    /// A document, built and annotated.
    Doc {
        /// Where it came from (`a.warc.gz#record 3`).
        locator: String,
        /// The document.
        doc: Box<Document>,
        /// Its annotations.
        ann: Box<Annotations>,
        /// Non-fatal problems met while building it.
        warnings: Vec<String>,
    },
    /// A document the caller already has (see `known` in [`run`]): built
    /// but not annotated.
    Known {
        /// Where it came from.
        locator: String,
        /// Its contract id.
        id: String,
        /// The message or archive it was found in this time, and its name
        /// there (the stored copy may have come from elsewhere).
        found_in: Option<(String, Option<String>)>,
    },
    /// An input or record that yielded no document.
    Failed(IngestError),
}

/// The raw documents of every input, in order: files and folders expanded,
/// `-` for standard input, inputs that cannot be opened as one error each.
pub fn sources(paths: &[String]) -> impl Iterator<Item = Result<RawDoc, IngestError>> {
    expand_inputs(paths).flat_map(|input| match input {
        Ok(input) => open_input(&input),
        Err(e) => Box::new(std::iter::once(Err(e))),
    })
}

/// Annotates one built document. A text longer than the NLP stages read
/// (see [`dossier_nlp::annotated_len`]) adds a warning saying so.
pub fn annotate(nlp: &Pipeline, mut built: Built) -> (Document, Annotations, Vec<String>) {
    let ann = nlp.process(&mut built.doc);
    let annotated = dossier_nlp::annotated_len(&built.doc.text);
    if annotated < built.doc.text.len() {
        built.warnings.push(format!(
            "text of {} bytes; annotations cover its first {annotated} bytes",
            built.doc.text.len()
        ));
    }
    (built.doc, ann, built.warnings)
}

/// Runs the loop over `raws`. `known` gets the ids of a built batch and
/// answers, for each, whether to skip annotating it; `sink` gets every
/// item in input order and may stop the run with an error (the caller's
/// own error type: the loop itself never fails).
pub fn run<E>(
    raws: impl Iterator<Item = Result<RawDoc, IngestError>>,
    nlp: &Pipeline,
    known: &mut Known<E>,
    sink: &mut dyn FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    run_prepared(raws, nlp, known, &|_| (), &mut |item, ()| sink(item))
}

/// [`run`], with `prepare` run on each annotated document on the parallel
/// side too, its result handed to `sink` with the document (`None` with
/// the other items): work a sequential consumer would otherwise do itself
/// (`ingest` fingerprints each text for the store's single writer).
pub fn run_prepared<E, P: Send + Default>(
    raws: impl Iterator<Item = Result<RawDoc, IngestError>>,
    nlp: &Pipeline,
    known: &mut Known<E>,
    prepare: &(dyn Fn(&Document) -> P + Sync),
    sink: &mut dyn FnMut(Item, P) -> Result<(), E>,
) -> Result<(), E> {
    let mut batch: Vec<Result<RawDoc, IngestError>> = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;
    for raw in raws {
        batch_bytes += raw.as_ref().map_or(0, |r| r.bytes.len());
        batch.push(raw);
        if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
            process(nlp, std::mem::take(&mut batch), known, prepare, sink)?;
            batch_bytes = 0;
        }
    }
    process(nlp, batch, known, prepare, sink)
}

fn process<E, P: Send + Default>(
    nlp: &Pipeline,
    batch: Vec<Result<RawDoc, IngestError>>,
    known: &mut Known<E>,
    prepare: &(dyn Fn(&Document) -> P + Sync),
    sink: &mut dyn FnMut(Item, P) -> Result<(), E>,
) -> Result<(), E> {
    if batch.is_empty() {
        return Ok(());
    }
    let built: Vec<Result<(String, Built), IngestError>> = batch
        .into_par_iter()
        .map(|raw| {
            let raw = raw?;
            let locator = raw.locator.clone();
            Ok((locator, raw.build()?))
        })
        .collect();
    let ids: Vec<&str> =
        built.iter().filter_map(|b| b.as_ref().ok()).map(|(_, b)| b.doc.id.as_str()).collect();
    let skip = known(&ids)?;
    let mut skip = skip.into_iter();
    let items: Vec<(Item, P)> = built
        .into_iter()
        .map(|b| b.map(|b| (b, skip.next().unwrap_or(false))))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|b| match b {
            Err(e) => (Item::Failed(e), P::default()),
            Ok(((locator, built), true)) => {
                let env = built.doc.envelope;
                let found_in = env.parent.map(|p| (p, env.filename));
                (Item::Known { locator, id: built.doc.id, found_in }, P::default())
            }
            Ok(((locator, built), false)) => {
                let (doc, ann, warnings) = annotate(nlp, built);
                let prepared = prepare(&doc);
                (Item::Doc { locator, doc: Box::new(doc), ann: Box::new(ann), warnings }, prepared)
            }
        })
        .collect();
    for (item, prepared) in items {
        sink(item, prepared)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_prepared_in_parallel_comes_with_its_own_document() {
        // Texts written for this test; the middle input is a JSON Lines
        // record that yields no document.
        let inputs: Vec<&[u8]> =
            vec![b"Ana Lind sailed to Hull on Monday.", b"{\"text\": 3}\n", b"The ferry left at dawn."];
        let raws = inputs.into_iter().flat_map(|b| crate::from_bytes("-", b.to_vec()));
        let mut got: Vec<Option<(String, usize)>> = Vec::new();
        run_prepared(
            raws,
            &Pipeline::new(),
            &mut |ids| Ok(vec![false; ids.len()]),
            &|doc: &Document| doc.text.len(),
            &mut |item, len| {
                got.push(match item {
                    Item::Doc { doc, .. } => Some((doc.text, len)),
                    _ => {
                        assert_eq!(len, 0, "nothing prepared for an input without a document");
                        None
                    }
                });
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].is_none(), "{got:?}");
        for (text, len) in got.into_iter().flatten() {
            assert_eq!(text.len(), len, "{text}");
        }
    }
}
