//! The native half of the Python package `dossier`: the document loop of
//! `dossier-pipeline` (read, annotate in parallel, link in input order)
//! with the GIL released, each document serialised as the CLI's
//! `extract` serialises it. The Python half (`dossier/__init__.py`) turns
//! the JSON into dicts and the problems into warnings or an exception.

use dossier_core::contract::DocumentJson;
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use dossier_pipeline::{annotate_and_link, sources, Annotated};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

/// One input: a path (file or folder) when `data` is None, else the bytes
/// of one input named `name`.
type PyInput<'py> = (String, Option<Bound<'py, PyBytes>>);

/// What [`extract_json`] returns: one contract JSON line per document, the
/// problems met (`PATH: reason`), and whether some input failed.
type Extracted = (Vec<String>, Vec<String>, bool);

/// Extracts `inputs` as `dossier extract` does, on `threads` threads (all
/// cores when None), and returns (JSON lines, problems, failed).
#[pyfunction]
#[pyo3(signature = (inputs, threads=None))]
fn extract_json(py: Python<'_>, inputs: Vec<PyInput<'_>>, threads: Option<usize>) -> PyResult<Extracted> {
    let owned: Vec<(String, Option<Vec<u8>>)> =
        inputs.into_iter().map(|(name, data)| (name, data.map(|b| b.as_bytes().to_vec()))).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.allow_threads(|| pool.install(|| run(&pool, owned)))
        .map_err(|e: serde_json::Error| PyValueError::new_err(e.to_string()))
}

/// The loop itself, inside `pool`, without the GIL.
fn run(
    pool: &rayon::ThreadPool,
    inputs: Vec<(String, Option<Vec<u8>>)>,
) -> Result<Extracted, serde_json::Error> {
    let raws = inputs.into_iter().flat_map(|(name, data)| -> Box<dyn Iterator<Item = _>> {
        match data {
            None => Box::new(sources(&[name])),
            Some(bytes) => dossier_pipeline::from_bytes(&name, bytes),
        }
    });
    let pipeline = Pipeline::new();
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let failed = annotate_and_link(
        &pipeline,
        raws,
        &mut Linker::with_embedded_kb(),
        &mut |p| problems.push(p.to_string()),
        &mut |batch: Vec<Annotated>| {
            // The linking side runs on a thread of its own: serialise on
            // the caller's pool, not rayon's global one.
            let json: Vec<String> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|a| serde_json::to_string(&DocumentJson::new(&a.doc, &a.ann)))
                    .collect::<Result<_, _>>()
            })?;
            lines.extend(json);
            Ok(())
        },
    )?;
    Ok((lines, problems, failed))
}

/// dossier's native module (use the `dossier` package, not this).
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    Ok(())
}
