//! The two halves of dossier on Spark (`dossier.spark`), split where the
//! work stops being independent per document:
//!
//! - [`annotate_arrow`], run by `mapInArrow` on every partition: read,
//!   build and annotate the partition's inputs in parallel, without
//!   linking; each document leaves as its contract JSON (an internal
//!   column between the two stages: the one lossless form of a document
//!   and its annotations that exists), tagged with its input's sort key;
//! - [`OrderedLinker`], run by one task over every annotated document in
//!   input order: links them exactly as `dossier extract` links (so the
//!   entity ids are the CLI's, whatever the partitioning) and turns them
//!   into the tables of `docs/parquet.md`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dossier_core::contract::DocumentJson;
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use dossier_parquet::tables::{entities_batch, DocumentTables};
use dossier_pipeline::batches::{run, Item};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use rayon::prelude::*;

use crate::capsules::{export_batch, import_batch, Capsules};
use crate::inputs::{column, from_batch, raw_docs};
use crate::{entity_rows, pool};

/// The rows [`annotate_arrow`] gives one document or failure.
struct AnnotatedRow {
    /// The sort key of the input it came from.
    order: String,
    /// Its position among that input's documents and failures.
    seq: i64,
    /// The unlinked contract document, or None for a failure.
    document: Option<String>,
    /// Warnings or the failure, `PATH: reason` lines.
    problem: Option<String>,
}

/// Annotates the inputs of one batch (columns `order`, utf8, a sort key
/// that puts the inputs in the order `dossier extract` would read them;
/// `path`, utf8; `data`, binary) on `threads` threads and returns a batch
/// of (`order`, `seq`, `document`, `problem`): one row per document (its
/// contract JSON, not linked) or per input that yielded none.
#[pyfunction]
#[pyo3(signature = (schema, array, threads=None))]
pub fn annotate_arrow(
    py: Python<'_>,
    schema: &Bound<'_, PyCapsule>,
    array: &Bound<'_, PyCapsule>,
    threads: Option<usize>,
) -> PyResult<Capsules> {
    let batch = import_batch(schema, array)?;
    let order = column(&batch, "order", &DataType::Utf8)?.as_string::<i32>();
    let orders: Vec<String> = (0..batch.num_rows()).map(|i| order.value(i).to_string()).collect();
    let inputs = from_batch(&batch)?;
    let pool = pool(threads)?;
    let rows = py.allow_threads(|| pool.install(|| annotate_rows(inputs, &orders)));
    export_batch(py, annotated_batch(rows).map_err(|e| PyValueError::new_err(e.to_string()))?)
}

fn annotate_rows(inputs: Vec<crate::inputs::Input>, orders: &[String]) -> Vec<AnnotatedRow> {
    // Which input each raw document came from: the loop hands back one
    // item per raw document, in order.
    let input_of: Rc<RefCell<Vec<usize>>> = Rc::default();
    let raws = inputs.into_iter().enumerate().flat_map(|(i, input)| {
        let input_of = Rc::clone(&input_of);
        raw_docs(vec![input]).inspect(move |_| input_of.borrow_mut().push(i))
    });
    let pipeline = Pipeline::new();
    let mut rows: Vec<AnnotatedRow> = Vec::new();
    let mut item_no = 0usize;
    let mut seq_of_input = vec![0i64; orders.len()];
    let mut sink = |item: Item| -> Result<(), std::convert::Infallible> {
        let input = input_of.borrow()[item_no];
        item_no += 1;
        let seq = seq_of_input[input];
        seq_of_input[input] += 1;
        let (document, problem) = match item {
            Item::Doc { locator, doc, ann, warnings } => {
                let json = serde_json::to_string(&DocumentJson::new(&doc, &ann)).ok();
                let problem = (!warnings.is_empty()).then(|| {
                    warnings.iter().map(|w| format!("{locator}: warning: {w}")).collect::<Vec<_>>().join("\n")
                });
                (json, problem)
            }
            // Nothing is known beforehand, so nothing is skipped.
            Item::Known { .. } => return Ok(()),
            Item::Failed(e) => (None, Some(e.to_string())),
        };
        rows.push(AnnotatedRow { order: orders[input].clone(), seq, document, problem });
        Ok(())
    };
    match run(raws, &pipeline, &mut |ids| Ok(vec![false; ids.len()]), &mut sink) {
        Ok(()) => rows,
        Err(never) => match never {},
    }
}

fn annotated_batch(rows: Vec<AnnotatedRow>) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let (mut order, mut seq) = (StringBuilder::new(), Int64Builder::new());
    let (mut document, mut problem) = (StringBuilder::new(), StringBuilder::new());
    for r in rows {
        order.append_value(&r.order);
        seq.append_value(r.seq);
        document.append_option(r.document);
        problem.append_option(r.problem);
    }
    let schema = Schema::new(vec![
        Field::new("order", DataType::Utf8, false),
        Field::new("seq", DataType::Int64, false),
        Field::new("document", DataType::Utf8, true),
        Field::new("problem", DataType::Utf8, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(order.finish()),
        Arc::new(seq.finish()),
        Arc::new(document.finish()),
        Arc::new(problem.finish()),
    ];
    RecordBatch::try_new(Arc::new(schema), columns)
}

/// One run's linker, fed annotated documents in input order, batch after
/// batch, as `dossier extract` feeds its own.
#[pyclass(unsendable)]
pub struct OrderedLinker {
    linker: Linker,
}

#[pymethods]
impl OrderedLinker {
    #[new]
    fn new() -> Self {
        OrderedLinker { linker: Linker::with_embedded_kb() }
    }

    /// Links the documents of a batch (a utf8 column `document` of
    /// unlinked contract JSON, null rows skipped), in row order, and
    /// returns their `documents`, `mentions`, `quotes` and `dates` tables.
    #[pyo3(signature = (schema, array, threads=None))]
    fn link(
        &mut self,
        py: Python<'_>,
        schema: &Bound<'_, PyCapsule>,
        array: &Bound<'_, PyCapsule>,
        threads: Option<usize>,
    ) -> PyResult<Vec<(String, Capsules)>> {
        let batch = import_batch(schema, array)?;
        let col = column(&batch, "document", &DataType::Utf8)?.as_string::<i32>();
        let json: Vec<&str> = col.iter().flatten().collect();
        let pool = pool(threads)?;
        let linker = &mut self.linker;
        let tables = py.allow_threads(|| -> Result<DocumentTables, String> {
            let mut parts = pool.install(|| {
                json.par_iter()
                    .map(|j| {
                        let doc: DocumentJson = serde_json::from_str(j).map_err(|e| e.to_string())?;
                        doc.to_parts().map_err(|e| format!("{}: {e}", doc.meta.path))
                    })
                    .collect::<Result<Vec<_>, String>>()
            })?;
            for (doc, ann) in parts.iter_mut() {
                linker.link(&doc.text, ann);
            }
            let docs: Vec<DocumentJson> =
                pool.install(|| parts.par_iter().map(|(d, a)| DocumentJson::new(d, a)).collect());
            DocumentTables::new(&docs).map_err(|e| e.to_string())
        });
        let t = tables.map_err(PyValueError::new_err)?;
        [("documents", t.documents), ("mentions", t.mentions), ("quotes", t.quotes), ("dates", t.dates)]
            .into_iter()
            .map(|(name, b)| Ok((name.to_string(), export_batch(py, b)?)))
            .collect()
    }

    /// The `entities` table: every entity the linker made so far, in the
    /// order it made them.
    fn entities(&self, py: Python<'_>) -> PyResult<Capsules> {
        let batch =
            entities_batch(&entity_rows(&self.linker)).map_err(|e| PyValueError::new_err(e.to_string()))?;
        export_batch(py, batch)
    }
}
