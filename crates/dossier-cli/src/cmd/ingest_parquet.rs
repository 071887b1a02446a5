//! `dossier ingest --parquet DIR`: a run's tables (`dossier extract
//! --format parquet`, or `python -m dossier.spark extract`) into the
//! store without running the NLP stages again. Each document row is read
//! back with its mentions, quotes and dates into the document and
//! annotations it was made from, and handed to the same writer as
//! `ingest` (stored documents skipped, one transaction each).
//!
//! Linking runs again, as at every ingest, over the store's entities: the
//! tables' entity ids are dropped first. The store's linker state (the
//! records and keys a later ingest links against, the analyst's
//! decisions) only exists if the store's own linker made the entities, and
//! ids then agree with every other document of the store; for a store
//! that held nothing before, they are the ids the tables had, since both
//! link in the same input order with the same rules.

use std::path::Path;

use anyhow::Context;
use dossier_core::contract::DocumentJson;
use dossier_ingest::IngestError;
use dossier_pipeline::Item;
use dossier_store::Store;

/// Documents checked against the store at a time.
const BATCH: usize = 256;

/// The documents of the tables in `dir`, in table order.
pub fn read(dir: &Path) -> anyhow::Result<Vec<DocumentJson>> {
    dossier_parquet::reader::read_documents(dir)
        .with_context(|| format!("cannot read the Parquet tables in {}", dir.display()))
}

/// Hands every document of `docs` to `send` as `ingest` would hand a
/// document read from a file: `Known` when the store has it, else `Doc`
/// with its annotations and no entity ids, or `Failed` when its rows do
/// not make a document.
pub fn feed(
    docs: Vec<DocumentJson>,
    lookup: &Store,
    send: &mut dyn FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let batch: Vec<DocumentJson> = docs.by_ref().take(BATCH).collect();
        let ids: Vec<&str> = batch.iter().map(|d| d.meta.id.as_str()).collect();
        let known = lookup.contains_ids(&ids)?;
        for (json, known) in batch.into_iter().zip(known) {
            let locator = format!("{}#{}", json.meta.path, &json.meta.id[..json.meta.id.len().min(12)]);
            if known {
                let env = &json.meta.envelope;
                let found_in = env.parent.clone().map(|p| (p, env.filename.clone()));
                send(Item::Known { locator, id: json.meta.id, found_in })?;
                continue;
            }
            match json.to_parts() {
                Ok((doc, mut ann)) => {
                    unlink(&mut ann);
                    send(Item::Doc { locator, doc: Box::new(doc), ann: Box::new(ann), warnings: Vec::new() })?
                }
                Err(e) => send(Item::Failed(IngestError::new(locator, e.to_string())))?,
            }
        }
    }
    Ok(())
}

/// Drops the entity ids a table gave mentions and speakers: the store's
/// linker assigns its own.
fn unlink(ann: &mut dossier_core::Annotations) {
    for m in &mut ann.entities {
        m.entity = None;
    }
    let speakers = ann.quotes.iter_mut().filter_map(|q| q.speaker.as_mut());
    for sp in speakers.chain(ann.no_comment.iter_mut().filter_map(|n| n.speaker.as_mut())) {
        sp.entity = None;
    }
}
