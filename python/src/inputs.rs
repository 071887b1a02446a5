//! What a call reads: paths the CLI would read, or inputs held in memory
//! (a `str`, `bytes`, or one row of a record batch), each read exactly as
//! a file of its name would be.

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use dossier_ingest::{IngestError, RawDoc};
use dossier_pipeline::sources;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// One input of a call.
pub struct Input {
    /// A path (file or folder) when `data` is None, else the name the bytes
    /// go by (`-` for a text, as standard input).
    pub name: String,
    /// The input's bytes, when held in memory.
    pub data: Option<Vec<u8>>,
}

/// The raw documents of every input, in order.
pub fn raw_docs(inputs: Vec<Input>) -> impl Iterator<Item = Result<RawDoc, IngestError>> {
    inputs.into_iter().flat_map(|input| -> Box<dyn Iterator<Item = _>> {
        match input.data {
            None => Box::new(sources(&[input.name])),
            Some(bytes) => dossier_pipeline::from_bytes(&input.name, bytes),
        }
    })
}

/// The inputs of a record batch: one per row, its bytes from the binary
/// column `data`, its name from the string column `path` (`-` when null).
pub fn from_batch(batch: &RecordBatch) -> PyResult<Vec<Input>> {
    let data = column(batch, "data", &DataType::Binary)?.as_binary::<i32>();
    let path = column(batch, "path", &DataType::Utf8)?.as_string::<i32>();
    Ok((0..batch.num_rows())
        .map(|i| Input {
            name: if path.is_null(i) { "-".to_string() } else { path.value(i).to_string() },
            data: Some(if data.is_null(i) { Vec::new() } else { data.value(i).to_vec() }),
        })
        .collect())
}

/// The column `name` of `batch`, which must be of type `want`.
pub fn column<'b>(batch: &'b RecordBatch, name: &str, want: &DataType) -> PyResult<&'b dyn Array> {
    let col = batch
        .column_by_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("the batch has no `{name}` column")))?;
    if col.data_type() != want {
        return Err(PyValueError::new_err(format!("column `{name}` is {}, not {want}", col.data_type())));
    }
    Ok(col.as_ref())
}
