//! The native halves of distributed linking on Spark (`dossier.spark`,
//! `linking="distributed"`; the stages of `dossier_link::distributed`).
//! Spark runs the joins and counts between them; these run per
//! partition:
//!
//! - [`Planner::groups`]: each annotated document's groups as rows, with
//!   the keys they are filed under and their lookups (JSON columns Spark
//!   explodes);
//! - [`Planner::apply`]: the entities the corpus-wide stages gave a
//!   document's groups written into it, and the document's tables, plus
//!   one row per entity it names (for the entity's document count and
//!   context);
//! - [`RecordFolder`]: an entity's rows (its groups' contributions and
//!   its documents' contexts), sorted, folded into its record;
//! - [`entities_table`]: records as the `entities` table; [`assign_ids`]:
//!   ids of colliding slug bases, on the driver.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dossier_core::contract::DocumentJson;
use dossier_link::distributed::{add_document, probes};
use dossier_link::linker::{doc_context, Contribution, Group};
use dossier_link::{EntityRecord, Evidence, Linker};
use dossier_parquet::tables::{entities_batch, DocumentTables, EntityRow};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use serde::{Deserialize, Serialize};

use crate::capsules::{export_batch, import_batch, Capsules};
use crate::inputs::column;

fn err(e: impl ToString) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The sort key of a document: its input's, then its place in the input.
fn doc_key(order: &str, seq: i64) -> String {
    format!("{order}\0{seq:012}")
}

/// A batch's (`order`, `seq`, `document`) rows, documents parsed.
fn documents(batch: &RecordBatch) -> PyResult<Vec<(String, DocumentJson)>> {
    let order = column(batch, "order", &DataType::Utf8)?.as_string::<i32>();
    let seq = column(batch, "seq", &DataType::Int64)?.as_primitive::<arrow_array::types::Int64Type>();
    let doc = column(batch, "document", &DataType::Utf8)?.as_string::<i32>();
    (0..batch.num_rows())
        .map(|i| {
            Ok((doc_key(order.value(i), seq.value(i)), serde_json::from_str(doc.value(i)).map_err(err)?))
        })
        .collect()
}

/// What a group row carries to the record stage.
#[derive(Serialize, Deserialize)]
struct Payload {
    founding: EntityRecord,
    contribution: Contribution,
}

/// A probe as the JSON `probes` column lists it.
#[derive(Serialize)]
struct ProbeRow<'a> {
    pos: usize,
    key: &'a str,
    evidence: &'static str,
    any_kind: bool,
}

/// The per-partition linker of the distributed stages: it only lends its
/// knowledge base and gazetteer (no index: nothing is kept between rows).
#[pyclass(unsendable)]
pub struct Planner {
    linker: Linker,
}

#[pymethods]
impl Planner {
    #[new]
    fn new() -> Self {
        Planner { linker: Linker::with_embedded_kb() }
    }

    /// The groups of the documents of a batch (`order`, `seq`, `document`:
    /// unlinked contract JSON): one row per group (see `GROUPS` in
    /// dossier/spark.py).
    fn groups(
        &mut self,
        py: Python<'_>,
        schema: &Bound<'_, PyCapsule>,
        array: &Bound<'_, PyCapsule>,
    ) -> PyResult<Capsules> {
        let batch = import_batch(schema, array)?;
        let docs = documents(&batch)?;
        let linker = &mut self.linker;
        let batch = py.allow_threads(|| -> Result<RecordBatch, String> {
            let mut groups = Vec::new();
            for (key, json) in &docs {
                let (doc, ann) = json.to_parts().map_err(|e| format!("{}: {e}", json.meta.path))?;
                groups.extend(linker.groups(key, &doc.text, &ann));
            }
            group_batch(&groups).map_err(|e| e.to_string())
        });
        export_batch(py, batch.map_err(err)?)
    }

    /// Writes the entities of their groups (`entities`: JSON
    /// `[{"rank", "id", "evidence"}]`, null for none) into the documents
    /// of a batch and returns the `documents`, `mentions`, `quotes` and
    /// `dates` tables and `doc_entities` (`entity`, `sort`, `context`: one
    /// row per entity a document names, `context` its JSON list).
    fn apply(
        &mut self,
        py: Python<'_>,
        schema: &Bound<'_, PyCapsule>,
        array: &Bound<'_, PyCapsule>,
    ) -> PyResult<Vec<(String, Capsules)>> {
        #[derive(Deserialize)]
        struct Assigned {
            rank: usize,
            id: String,
            evidence: String,
        }
        let batch = import_batch(schema, array)?;
        let docs = documents(&batch)?;
        let assigned = column(&batch, "entities", &DataType::Utf8)?.as_string::<i32>();
        let assigned: Vec<Vec<Assigned>> = (0..batch.num_rows())
            .map(|i| {
                if assigned.is_null(i) {
                    return Ok(Vec::new());
                }
                serde_json::from_str(assigned.value(i)).map_err(err)
            })
            .collect::<PyResult<_>>()?;
        let linker = &mut self.linker;
        let tables = py.allow_threads(|| -> Result<Vec<(&'static str, RecordBatch)>, String> {
            let mut out = Vec::with_capacity(docs.len());
            let (mut entity, mut sort, mut context) =
                (StringBuilder::new(), StringBuilder::new(), StringBuilder::new());
            for ((key, json), assigned) in docs.iter().zip(&assigned) {
                let (doc, mut ann) = json.to_parts().map_err(|e| format!("{}: {e}", json.meta.path))?;
                let by_rank: HashMap<usize, (String, Evidence)> = assigned
                    .iter()
                    .map(|a| {
                        (a.rank, (a.id.clone(), Evidence::parse(&a.evidence).unwrap_or(Evidence::First)))
                    })
                    .collect();
                let links = linker.apply(&doc.text, &mut ann, &|rank| by_rank.get(&rank).cloned());
                let ctx = serde_json::to_string(&doc_context(&links)).map_err(|e| e.to_string())?;
                let mut seen = std::collections::HashSet::new();
                for id in links.entities.iter().filter(|id| seen.insert(id.as_str())) {
                    entity.append_value(id);
                    sort.append_value(format!("{key}\u{1}"));
                    context.append_value(&ctx);
                }
                out.push(DocumentJson::new(&doc, &ann));
            }
            let t = DocumentTables::new(&out).map_err(|e| e.to_string())?;
            let doc_entities = string_batch(vec![("entity", entity), ("sort", sort), ("context", context)])
                .map_err(|e| e.to_string())?;
            Ok(vec![
                ("documents", t.documents),
                ("mentions", t.mentions),
                ("quotes", t.quotes),
                ("dates", t.dates),
                ("doc_entities", doc_entities),
            ])
        });
        tables
            .map_err(err)?
            .into_iter()
            .map(|(name, b)| Ok((name.to_string(), export_batch(py, b)?)))
            .collect()
    }
}

/// A batch of utf8 columns.
fn string_batch(cols: Vec<(&str, StringBuilder)>) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let fields: Vec<Field> = cols.iter().map(|(n, _)| Field::new(*n, DataType::Utf8, true)).collect();
    let arrays: Vec<ArrayRef> = cols.into_iter().map(|(_, mut b)| Arc::new(b.finish()) as ArrayRef).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

fn group_batch(groups: &[Group]) -> Result<RecordBatch, Box<dyn std::error::Error>> {
    let (mut gid, mut doc, mut key, mut base) =
        (StringBuilder::new(), StringBuilder::new(), StringBuilder::new(), StringBuilder::new());
    let (mut files, mut probe_col, mut payload) =
        (StringBuilder::new(), StringBuilder::new(), StringBuilder::new());
    let mut rank = Int32Builder::new();
    let mut weight = Int64Builder::new();
    let mut flags: Vec<BooleanBuilder> = (0..5).map(|_| BooleanBuilder::new()).collect();
    for g in groups {
        gid.append_value(&g.gid);
        doc.append_value(&g.doc);
        key.append_value(&g.key);
        base.append_value(&g.founding.id);
        rank.append_value(g.rank as i32);
        weight.append_value(g.contribution.aliases.len() as i64);
        let context = g.lookups.contains(&dossier_link::linker::Lookup::Context);
        for (b, v) in flags.iter_mut().zip([g.person, g.placed, g.unplaced_loc, g.bare, context]) {
            b.append_value(v);
        }
        files.append_value(serde_json::to_string(&g.files)?);
        let probed = probes(g);
        let rows: Vec<ProbeRow> = probed
            .iter()
            .map(|(k, p)| ProbeRow {
                pos: p.pos,
                key: k,
                evidence: p.evidence.as_str(),
                any_kind: p.any_kind,
            })
            .collect();
        probe_col.append_value(serde_json::to_string(&rows)?);
        payload.append_value(serde_json::to_string(&Payload {
            founding: g.founding.clone(),
            contribution: g.contribution.clone(),
        })?);
    }
    let mut fields = vec![
        Field::new("gid", DataType::Utf8, false),
        Field::new("doc", DataType::Utf8, false),
        Field::new("rank", DataType::Int32, false),
    ];
    for n in ["person", "placed", "unplaced_loc", "bare", "context"] {
        fields.push(Field::new(n, DataType::Boolean, false));
    }
    for n in ["key", "base"] {
        fields.push(Field::new(n, DataType::Utf8, false));
    }
    fields.push(Field::new("weight", DataType::Int64, false));
    for n in ["files", "probes", "payload"] {
        fields.push(Field::new(n, DataType::Utf8, false));
    }
    let mut arrays: Vec<ArrayRef> =
        vec![Arc::new(gid.finish()), Arc::new(doc.finish()), Arc::new(rank.finish())];
    arrays.extend(flags.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    arrays.push(Arc::new(key.finish()));
    arrays.push(Arc::new(base.finish()));
    arrays.push(Arc::new(weight.finish()));
    arrays.extend([
        Arc::new(files.finish()) as ArrayRef,
        Arc::new(probe_col.finish()),
        Arc::new(payload.finish()),
    ]);
    Ok(RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)?)
}

/// Folds entity rows into records, the rows of one entity together and in
/// order (`root`, `id`, `sort`, `kind`: `group` or `doc`, `evidence`,
/// `payload`: a group's payload or a document's context), batch after
/// batch: an entity's rows may span batches, so the one being folded is
/// kept until the next starts.
#[pyclass(unsendable)]
pub struct RecordFolder {
    current: Option<(String, EntityRecord)>,
}

#[pymethods]
impl RecordFolder {
    #[new]
    fn new() -> Self {
        RecordFolder { current: None }
    }

    /// Folds a batch; returns the records it finished (`root`, `record`: JSON).
    fn push(
        &mut self,
        py: Python<'_>,
        schema: &Bound<'_, PyCapsule>,
        array: &Bound<'_, PyCapsule>,
    ) -> PyResult<Capsules> {
        let batch = import_batch(schema, array)?;
        let col = |n| column(&batch, n, &DataType::Utf8).map(|c| c.as_string::<i32>());
        let (root, id, kind, evidence, payload) =
            (col("root")?, col("id")?, col("kind")?, col("evidence")?, col("payload")?);
        let mut done = Vec::new();
        for i in 0..batch.num_rows() {
            if self.current.as_ref().is_none_or(|(r, _)| r != root.value(i)) {
                done.extend(self.current.take());
                self.current = Some((root.value(i).to_string(), EntityRecord::default()));
            }
            let Some((_, rec)) = self.current.as_mut() else { continue };
            if kind.value(i) == "group" {
                let p: Payload = serde_json::from_str(payload.value(i)).map_err(err)?;
                if rec.id.is_empty() {
                    *rec = EntityRecord { id: id.value(i).to_string(), ..p.founding };
                }
                let ev = Evidence::parse(evidence.value(i)).unwrap_or(Evidence::First);
                p.contribution.apply(rec, ev);
            } else {
                let ctx: Vec<String> = serde_json::from_str(payload.value(i)).map_err(err)?;
                add_document(rec, &ctx);
            }
        }
        export_batch(py, records_batch(done)?)
    }

    /// The last record.
    fn finish(&mut self, py: Python<'_>) -> PyResult<Capsules> {
        export_batch(py, records_batch(self.current.take().into_iter().collect())?)
    }
}

/// Finished records as (`root`, `record`: JSON) rows.
fn records_batch(done: Vec<(String, EntityRecord)>) -> PyResult<RecordBatch> {
    let (mut roots, mut records) = (StringBuilder::new(), StringBuilder::new());
    for (root, rec) in done {
        roots.append_value(root);
        records.append_value(serde_json::to_string(&rec).map_err(err)?);
    }
    string_batch(vec![("root", roots), ("record", records)]).map_err(err)
}

/// The `entities` table of a batch of records (`record`: JSON).
#[pyfunction]
pub fn entities_table(
    py: Python<'_>,
    schema: &Bound<'_, PyCapsule>,
    array: &Bound<'_, PyCapsule>,
) -> PyResult<Capsules> {
    let batch = import_batch(schema, array)?;
    let col = column(&batch, "record", &DataType::Utf8)?.as_string::<i32>();
    let rows: Vec<EntityRow> = col
        .iter()
        .flatten()
        .map(|j| serde_json::from_str::<EntityRecord>(j).map(|r| EntityRow::of_record(&r)))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    export_batch(py, entities_batch(&rows).map_err(err)?)
}

/// Entity ids for `(root group id, slug base)` pairs, by the rule of
/// `dossier_link::distributed::assign_ids`: used by the driver for the
/// few bases whose ids collide.
#[pyfunction]
pub fn assign_ids(roots: Vec<(String, String)>) -> Vec<(String, String)> {
    dossier_link::distributed::assign_ids(&roots).into_iter().collect()
}
