//! `--format parquet` of `extract` and `export`: the five tables of
//! `docs/parquet.md` (written by `dossier-parquet`) from the two places
//! results live, a run's linked documents and a store.

use std::path::Path;

use anyhow::Context;
use dossier_core::contract::{DocumentJson, EntityJson, QuoteJson, SpeakerJson, ViaJson};
use dossier_link::Linker;
use dossier_parquet::{EntityRow, TablesWriter};
use dossier_pipeline::Annotated;
use dossier_store::export::ExportEntity;
use dossier_store::{DocumentView, QuoteHit, Store};
use rayon::prelude::*;

use crate::Outcome;

/// Opens the tables in `dir` for writing.
pub fn create(dir: &Path) -> anyhow::Result<TablesWriter> {
    TablesWriter::create(dir).with_context(|| format!("cannot write Parquet tables in {}", dir.display()))
}

/// Adds a linked batch of `extract`: the contract documents, built in
/// parallel as the JSON Lines are.
pub fn write_batch(tables: &mut TablesWriter, batch: &[Annotated]) -> anyhow::Result<()> {
    let docs: Vec<DocumentJson> = batch.par_iter().map(|a| DocumentJson::new(&a.doc, &a.ann)).collect();
    Ok(tables.write_documents(&docs)?)
}

/// Writes `extract`'s entities (every record the run's linker made, in
/// the order it made them, with the facts a store would keep) and closes
/// the tables.
pub fn finish_extract(mut tables: TablesWriter, linker: &Linker, dir: &Path) -> anyhow::Result<()> {
    let rows: Vec<EntityRow> = linker.index().records().iter().map(EntityRow::of_record).collect();
    tables.write_entities(&rows)?;
    finish(tables, dir)
}

fn finish(tables: TablesWriter, dir: &Path) -> anyhow::Result<()> {
    let n = tables.finish()?;
    eprintln!(
        "wrote {} documents, {} mentions, {} quotes, {} dates, {} entities as Parquet tables in {}",
        n.documents,
        n.mentions,
        n.quotes,
        n.dates,
        n.entities,
        crate::output::clean(&dir.display().to_string())
    );
    Ok(())
}

/// Documents written to a table at a time by `export`.
const EXPORT_BATCH: usize = 256;

/// `dossier export --format parquet --out DIR`: every document of the store
/// as the store shows it, then every entity.
pub fn export(store: &Store, dir: &Path) -> anyhow::Result<Outcome> {
    let mut tables = create(dir)?;
    let mut batch: Vec<DocumentJson> = Vec::with_capacity(EXPORT_BATCH);
    let mut failure: Option<anyhow::Error> = None;
    let mut write = |tables: &mut TablesWriter, batch: &mut Vec<DocumentJson>| -> dossier_store::Result<()> {
        tables.write_documents(batch).map_err(|e| {
            let msg = e.to_string();
            failure = Some(e.into());
            dossier_store::StoreError::Invalid(msg)
        })?;
        batch.clear();
        Ok(())
    };
    let streamed = store.export_documents(&mut |view| {
        batch.push(contract_of(view));
        if batch.len() >= EXPORT_BATCH {
            write(&mut tables, &mut batch)?;
        }
        Ok(())
    });
    let streamed = streamed.and_then(|_| write(&mut tables, &mut batch));
    if let Some(e) = failure {
        return Err(e);
    }
    streamed?;
    let mut rows = Vec::new();
    store.export_entities(&mut |e| {
        rows.push(entity_row(e));
        Ok(())
    })?;
    tables.write_entities(&rows)?;
    finish(tables, dir)?;
    Ok(Outcome::Success)
}

/// A stored document in the contract's shape (what the store does not keep
/// stays empty: `source_id`, `no_comment`, a speaker's `on_behalf_of` and
/// `channel`).
fn contract_of(view: DocumentView) -> DocumentJson {
    DocumentJson {
        meta: view.meta,
        text: view.text,
        sentences: view.sentences,
        entities: view
            .mentions
            .into_iter()
            .map(|m| EntityJson {
                start: m.start,
                end: m.end,
                text: m.text,
                label: m.label,
                entity: m.entity.map(|e| e.id),
            })
            .collect(),
        quotes: view.quotes.into_iter().map(quote_of).collect(),
        dates: view.dates,
        source_id: None,
        no_comment: Vec::new(),
        credits: view.credits,
    }
}

fn quote_of(q: QuoteHit) -> QuoteJson {
    QuoteJson {
        kind: q.kind,
        start: q.start,
        end: q.end,
        text: q.text,
        cue: q.cue,
        speaker: q.speaker.map(|s| SpeakerJson {
            start: s.start,
            end: s.end,
            text: s.text,
            name: s.name,
            entity: s.entity.map(|e| e.id),
            role: s.role,
            on_behalf_of: None,
            channel: None,
        }),
        confidence: q.confidence.map(|c| c as f32),
        candidates: q.candidates,
        date: q.date,
        date_source: q.date_source,
        via: q
            .via
            .into_iter()
            .map(|v| ViaJson {
                kind: v.kind,
                name: v.name,
                entity: v.entity.map(|e| e.id),
                start: v.start,
                end: v.end,
                text: v.text,
            })
            .collect(),
    }
}

fn entity_row(e: ExportEntity) -> EntityRow {
    EntityRow {
        id: e.id,
        name: e.name,
        label: e.label,
        aliases: e.aliases,
        facts: (!e.facts.is_null()).then(|| e.facts.to_string()),
        merged_into: e.merged_into,
    }
}
