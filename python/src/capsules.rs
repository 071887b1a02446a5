//! Arrow record batches across the Python boundary through the Arrow C
//! data interface as the PyCapsule protocol defines it
//! (`__arrow_c_array__`): a pair of capsules named `arrow_schema` and
//! `arrow_array`. pyarrow (14 or later), polars and DuckDB speak it, and
//! no byte of text is copied through JSON or Python objects on the way.

use std::ffi::CString;

use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{Array, RecordBatch, StructArray};
use arrow_schema::{ArrowError, SchemaRef};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// A batch as its (`arrow_schema`, `arrow_array`) capsules.
pub type Capsules = (Py<PyCapsule>, Py<PyCapsule>);

fn arrow_err(e: ArrowError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// Takes the record batch a producer exported into `schema` and `array`
/// (the pair `batch.__arrow_c_array__()` returns). The array is moved out
/// of its capsule, as the protocol asks of a consumer.
pub fn import_batch(schema: &Bound<'_, PyCapsule>, array: &Bound<'_, PyCapsule>) -> PyResult<RecordBatch> {
    check_name(schema, "arrow_schema")?;
    check_name(array, "arrow_array")?;
    // SAFETY: the capsules are named as the Arrow PyCapsule interface names
    // them, so they hold an `ArrowSchema` and an `ArrowArray` C struct.
    // The schema is only borrowed while the capsule lives (it is borrowed
    // here, for this call); `from_raw` moves the array out and leaves a
    // released struct behind, so the producer's destructor frees nothing
    // twice.
    let data = unsafe {
        let schema = &*(schema.pointer() as *const FFI_ArrowSchema);
        let array = FFI_ArrowArray::from_raw(array.pointer() as *mut FFI_ArrowArray);
        from_ffi(array, schema).map_err(arrow_err)?
    };
    let batch = StructArray::from(data);
    if batch.null_count() > 0 {
        return Err(PyValueError::new_err("a record batch has no null rows"));
    }
    Ok(RecordBatch::from(batch))
}

fn check_name(capsule: &Bound<'_, PyCapsule>, want: &str) -> PyResult<()> {
    match capsule.name()? {
        Some(name) if name.to_bytes() == want.as_bytes() => Ok(()),
        _ => Err(PyValueError::new_err(format!("expected an `{want}` capsule"))),
    }
}

/// Exports `batch` as the capsule pair a consumer imports (pyarrow:
/// `pa.record_batch(obj)` on an object whose `__arrow_c_array__` returns
/// them). A capsule that was never imported frees its batch when dropped.
pub fn export_batch(py: Python<'_>, batch: RecordBatch) -> PyResult<Capsules> {
    let schema = batch.schema();
    let array: StructArray = batch.into();
    let data = array.into_data();
    let ffi_schema = FFI_ArrowSchema::try_from(data.data_type()).map_err(arrow_err)?;
    // The field metadata (the layout's version) travels with the schema.
    let ffi_schema = with_metadata(ffi_schema, &schema)?;
    let ffi_array = FFI_ArrowArray::new(&data);
    let name = |n: &str| CString::new(n).expect("no NUL in a capsule name");
    Ok((
        PyCapsule::new(py, ffi_schema, Some(name("arrow_schema")))?.unbind(),
        PyCapsule::new(py, ffi_array, Some(name("arrow_array")))?.unbind(),
    ))
}

/// The schema's own metadata (`dossier.parquet_schema`) on the exported
/// struct, so the imported batch carries it.
fn with_metadata(ffi: FFI_ArrowSchema, schema: &SchemaRef) -> PyResult<FFI_ArrowSchema> {
    if schema.metadata().is_empty() {
        return Ok(ffi);
    }
    ffi.with_metadata(schema.metadata().clone()).map_err(arrow_err)
}

/// Exports a schema alone as an `arrow_schema` capsule (pyarrow:
/// `pa.schema(obj)` with `__arrow_c_schema__`).
pub fn export_schema(py: Python<'_>, schema: &SchemaRef) -> PyResult<Py<PyCapsule>> {
    let ffi = FFI_ArrowSchema::try_from(schema.as_ref()).map_err(arrow_err)?;
    let name = CString::new("arrow_schema").expect("no NUL in a capsule name");
    Ok(PyCapsule::new(py, ffi, Some(name))?.unbind())
}
