//! `dossier extract`: documents in, one contract JSON object per document out.
//!
//! Inputs are read, built and annotated in ordered parallel batches (see
//! [`super::pipeline`]); then, on one thread and in input order, the linker
//! fills the entity ids of mentions and speakers (so ids are deterministic);
//! then each batch is serialised in parallel and written in input order.
//! With more than one thread, linking and writing run on a thread of their
//! own, one batch behind the annotation of the next.

use std::io::Write;

use dossier_core::contract::DocumentJson;
use dossier_ingest::{IngestError, RawDoc};
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use rayon::prelude::*;

use super::pipeline::{annotate_inputs, annotate_one, set_threads, Annotated};
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
    if rayon::current_num_threads() == 1 {
        // One thread asked for: link and write in line.
        let mut writer = BatchWriter::new();
        let failed = annotate_inputs(&pipeline, &args.paths, |batch| writer.write(batch))?;
        writer.finish()?;
        return Ok(if failed { Outcome::PartialFailure } else { Outcome::Success });
    }
    // Linking is sequential (ids follow input order), so it runs on its own
    // thread one batch behind: while it links and writes batch k, the pool
    // annotates batch k + 1 (linking alone would otherwise leave the other
    // cores idle for a quarter of the run).
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<Annotated>>(1);
    let writer = std::thread::spawn(move || -> anyhow::Result<()> {
        let mut writer = BatchWriter::new();
        for batch in batches {
            writer.write(batch)?;
        }
        writer.finish()
    });
    let failed = annotate_inputs(&pipeline, &args.paths, |batch| {
        // A closed channel means the writer stopped on an error, reported below.
        to_writer.send(batch).map_err(|_| anyhow::anyhow!("the output stopped"))
    });
    drop(to_writer);
    writer.join().map_err(|_| anyhow::anyhow!("the output thread panicked"))??;
    Ok(if failed? { Outcome::PartialFailure } else { Outcome::Success })
}

/// Links annotated batches in input order and writes them as JSON Lines to
/// standard output.
struct BatchWriter {
    linker: Linker,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
}

impl BatchWriter {
    fn new() -> Self {
        BatchWriter {
            linker: Linker::with_embedded_kb(),
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        }
    }

    /// Links `batch` (in order: ids depend on it), serialises it in
    /// parallel and writes it.
    fn write(&mut self, mut batch: Vec<Annotated>) -> anyhow::Result<()> {
        for a in batch.iter_mut() {
            self.linker.link(&a.doc.text, &mut a.ann);
        }
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
    let a = annotate_one(pipeline, raw)?;
    serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann))
        .map_err(|e| IngestError::new(locator, format!("cannot serialise: {e}")))
}
