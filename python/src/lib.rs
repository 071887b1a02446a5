//! The native half of the Python package `dossier`: the document loop of
//! `dossier-pipeline` (read, annotate in parallel, link in input order)
//! with the GIL released.
//!
//! - [`extract_json`]: each document serialised as the CLI's `extract`
//!   serialises it (`dossier.extract` turns the JSON into dicts);
//! - [`extract_arrow`]: Arrow record batches in and out through the C data
//!   interface ([`capsules`]), the tables of `docs/parquet.md`;
//! - [`spark`]: the two halves the Spark driver (`dossier.spark`) runs,
//!   annotation on each partition and linking in input order;
//! - [`linking`]: the per-partition steps of distributed linking
//!   (`dossier.spark`, `linking="distributed"`).

mod capsules;
mod inputs;
mod linking;
mod spark;

use arrow_array::RecordBatch;
use dossier_core::contract::DocumentJson;
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use dossier_parquet::tables::{entities_batch, DocumentTables, EntityRow};
use dossier_pipeline::{annotate_and_link, Annotated};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule};
use rayon::prelude::*;

use crate::capsules::{export_batch, import_batch, Capsules};
use crate::inputs::{raw_docs, Input};

/// One input: a path (file or folder) when `data` is None, else the bytes
/// of one input named `name`.
type PyInput<'py> = (String, Option<Bound<'py, PyBytes>>);

/// What [`extract_json`] returns: one contract JSON line per document, the
/// problems met (`PATH: reason`), and whether some input failed.
type Extracted = (Vec<String>, Vec<String>, bool);

/// What [`extract_arrow`] returns: (table name, its batch) for the five
/// tables, the problems met, and whether some input failed.
type ExtractedArrow = (Vec<(String, Capsules)>, Vec<String>, bool);

/// A pool of `threads` threads (all cores when None) for one call.
fn pool(threads: Option<usize>) -> PyResult<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Extracts `inputs` as `dossier extract` does, on `threads` threads (all
/// cores when None), and returns (JSON lines, problems, failed).
#[pyfunction]
#[pyo3(signature = (inputs, threads=None))]
fn extract_json(py: Python<'_>, inputs: Vec<PyInput<'_>>, threads: Option<usize>) -> PyResult<Extracted> {
    let owned: Vec<Input> = inputs
        .into_iter()
        .map(|(name, data)| Input { name, data: data.map(|b| b.as_bytes().to_vec()) })
        .collect();
    let pool = pool(threads)?;
    let (docs, problems, failed) = py.allow_threads(|| pool.install(|| linked_documents(&pool, owned, None)));
    let lines = py
        .allow_threads(|| {
            pool.install(|| docs.par_iter().map(serde_json::to_string).collect::<Result<_, _>>())
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((lines, problems, failed))
}

/// Extracts the inputs of one record batch (columns `path`, utf8, and
/// `data`, binary: one input per row, read as a file of that name would
/// be) and returns the tables of `docs/parquet.md` as record batches:
/// documents, mentions, quotes and dates in input order, and the entities
/// the call's linker made.
#[pyfunction]
#[pyo3(signature = (schema, array, threads=None))]
fn extract_arrow(
    py: Python<'_>,
    schema: &Bound<'_, PyCapsule>,
    array: &Bound<'_, PyCapsule>,
    threads: Option<usize>,
) -> PyResult<ExtractedArrow> {
    let batch = import_batch(schema, array)?;
    let inputs = inputs::from_batch(&batch)?;
    let pool = pool(threads)?;
    let mut linker = Linker::with_embedded_kb();
    let (tables, problems, failed) = py.allow_threads(|| {
        pool.install(|| {
            let (docs, problems, failed) = linked_documents(&pool, inputs, Some(&mut linker));
            let tables = DocumentTables::new(&docs).and_then(|t| {
                let entities = entities_batch(&entity_rows(&linker))?;
                Ok(vec![
                    ("documents", t.documents),
                    ("mentions", t.mentions),
                    ("quotes", t.quotes),
                    ("dates", t.dates),
                    ("entities", entities),
                ])
            });
            (tables, problems, failed)
        })
    });
    let tables = tables.map_err(|e| PyValueError::new_err(e.to_string()))?;
    let exported = tables
        .into_iter()
        .map(|(name, batch): (&str, RecordBatch)| Ok((name.to_string(), export_batch(py, batch)?)))
        .collect::<PyResult<_>>()?;
    Ok((exported, problems, failed))
}

/// The loop itself, inside `pool`, without the GIL: every document of
/// `inputs`, linked in input order by `linker` (a fresh one when None), as
/// contract documents, with the problems met and whether an input failed.
fn linked_documents(
    pool: &rayon::ThreadPool,
    inputs: Vec<Input>,
    linker: Option<&mut Linker>,
) -> (Vec<DocumentJson>, Vec<String>, bool) {
    let mut own = None;
    let linker = linker.unwrap_or_else(|| own.insert(Linker::with_embedded_kb()));
    let pipeline = Pipeline::new();
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let failed = annotate_and_link(
        &pipeline,
        raw_docs(inputs),
        linker,
        &mut |p| problems.push(p.to_string()),
        &mut |batch: Vec<Annotated>| {
            // The linking side runs on a thread of its own: convert on the
            // caller's pool, not rayon's global one.
            let json: Vec<DocumentJson> =
                pool.install(|| batch.par_iter().map(|a| DocumentJson::new(&a.doc, &a.ann)).collect());
            docs.extend(json);
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let failed = match failed {
        Ok(failed) => failed,
        Err(never) => match never {},
    };
    (docs, problems, failed)
}

/// The `entities` rows of every record `linker` made, in the order it
/// made them, as `dossier extract --format parquet` writes them.
fn entity_rows(linker: &Linker) -> Vec<EntityRow> {
    linker.index().records().iter().map(EntityRow::of_record).collect()
}

/// The schema of each table (`documents`, …), as `arrow_schema` capsules.
#[pyfunction]
fn table_schemas(py: Python<'_>) -> PyResult<Vec<(String, Py<PyCapsule>)>> {
    dossier_parquet::TABLES
        .iter()
        .map(|name| {
            let schema = dossier_parquet::tables::schema(name).expect("a table of TABLES");
            Ok((name.to_string(), capsules::export_schema(py, &schema)?))
        })
        .collect()
}

/// dossier's native module (use the `dossier` package, not this).
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(table_schemas, m)?)?;
    m.add_function(wrap_pyfunction!(spark::annotate_arrow, m)?)?;
    m.add_class::<spark::OrderedLinker>()?;
    m.add_class::<linking::Planner>()?;
    m.add_class::<linking::RecordFolder>()?;
    m.add_function(wrap_pyfunction!(linking::entities_table, m)?)?;
    m.add_function(wrap_pyfunction!(linking::assign_ids, m)?)?;
    Ok(())
}
