//! The tables read back into contract documents: what `dossier ingest
//! --parquet` stores without running the NLP stages again. A table is
//! either the file `DIR/NAME.parquet` (`dossier extract --format
//! parquet`) or a folder `DIR/NAME/` of part files read in name order
//! (Spark's layout, `python -m dossier.spark extract`).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use dossier_core::contract::{
    CreditJson, DateJson, DocumentJson, DocumentMetaJson, EntityJson, NoCommentJson, QuoteJson, SpanJson,
    SpeakerJson,
};
use dossier_core::Envelope;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::Error;

/// The Parquet files of table `name` in `dir`, in reading order.
pub fn table_files(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Error> {
    let single = dir.join(format!("{name}.parquet"));
    if single.is_file() {
        return Ok(vec![single]);
    }
    let folder = dir.join(name);
    let io = |source| Error::Io { path: folder.display().to_string(), source };
    let mut parts: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(['.', '_'])))
        .collect();
    parts.sort();
    Ok(parts)
}

/// Every record batch of table `name` in `dir`, in order.
pub fn read_table(dir: &Path, name: &str) -> Result<Vec<RecordBatch>, Error> {
    let mut out = Vec::new();
    for path in table_files(dir, name)? {
        let shown = path.display().to_string();
        let file = File::open(&path).map_err(|source| Error::Io { path: shown.clone(), source })?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(|b| b.build())
            .map_err(|source| Error::Parquet { path: shown.clone(), source })?;
        for batch in reader {
            out.push(batch?);
        }
    }
    Ok(out)
}

/// A column read by name, whatever Arrow type of strings, integers or
/// lists the writer chose (Spark and this crate differ).
struct Columns<'b> {
    batch: &'b RecordBatch,
    table: &'static str,
}

impl<'b> Columns<'b> {
    fn get(&self, name: &str) -> Result<&'b dyn Array, Error> {
        self.batch.column_by_name(name).map(|c| c.as_ref()).ok_or_else(|| self.bad(name))
    }

    fn bad(&self, name: &str) -> Error {
        Error::Table(format!("table {}: column `{name}` missing or of an unexpected type", self.table))
    }

    /// The string at `row`, None when null or absent (a column a later
    /// layout added).
    fn opt_str(&self, name: &str, row: usize) -> Result<Option<String>, Error> {
        let Some(col) = self.batch.column_by_name(name) else { return Ok(None) };
        if col.is_null(row) {
            return Ok(None);
        }
        if let Some(s) = col.as_string_opt::<i32>() {
            return Ok(Some(s.value(row).to_string()));
        }
        if let Some(s) = col.as_string_opt::<i64>() {
            return Ok(Some(s.value(row).to_string()));
        }
        Err(self.bad(name))
    }

    fn str(&self, name: &str, row: usize) -> Result<String, Error> {
        self.opt_str(name, row)?.ok_or_else(|| self.bad(name))
    }

    fn opt_int(&self, name: &str, row: usize) -> Result<Option<usize>, Error> {
        let col = self.get(name)?;
        if col.is_null(row) {
            return Ok(None);
        }
        let v = col.as_primitive_opt::<Int64Type>().ok_or_else(|| self.bad(name))?.value(row);
        usize::try_from(v).map(Some).map_err(|_| self.bad(name))
    }

    fn int(&self, name: &str, row: usize) -> Result<usize, Error> {
        self.opt_int(name, row)?.ok_or_else(|| self.bad(name))
    }

    /// A list of strings at `row` (empty when null or absent).
    fn list(&self, name: &str, row: usize) -> Result<Vec<String>, Error> {
        let Some(col) = self.batch.column_by_name(name) else { return Ok(Vec::new()) };
        if col.is_null(row) {
            return Ok(Vec::new());
        }
        let items = col.as_list_opt::<i32>().ok_or_else(|| self.bad(name))?.value(row);
        let text = |v: Option<&str>| v.unwrap_or_default().to_string();
        if let Some(s) = items.as_string_opt::<i32>() {
            return Ok(s.iter().map(text).collect());
        }
        if let Some(s) = items.as_string_opt::<i64>() {
            return Ok(s.iter().map(text).collect());
        }
        Err(self.bad(name))
    }

    fn int_list(&self, name: &str, row: usize) -> Result<Vec<usize>, Error> {
        let Some(col) = self.batch.column_by_name(name) else { return Ok(Vec::new()) };
        if col.is_null(row) {
            return Ok(Vec::new());
        }
        let items = col.as_list_opt::<i32>().ok_or_else(|| self.bad(name))?.value(row);
        let ints = items.as_primitive_opt::<Int64Type>().ok_or_else(|| self.bad(name))?;
        ints.iter().map(|v| v.and_then(|v| usize::try_from(v).ok()).ok_or_else(|| self.bad(name))).collect()
    }

    fn opt_f32(&self, name: &str, row: usize) -> Result<Option<f32>, Error> {
        let col = self.get(name)?;
        if col.is_null(row) {
            return Ok(None);
        }
        Ok(Some(col.as_primitive_opt::<Float32Type>().ok_or_else(|| self.bad(name))?.value(row)))
    }
}

/// The rows of one per-document table, grouped by `doc_id`, each group in
/// table order.
fn by_doc<T>(
    dir: &Path,
    table: &'static str,
    mut row: impl FnMut(&Columns<'_>, usize) -> Result<T, Error>,
) -> Result<HashMap<String, Vec<T>>, Error> {
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for batch in read_table(dir, table)? {
        let c = Columns { batch: &batch, table };
        for r in 0..batch.num_rows() {
            out.entry(c.str("doc_id", r)?).or_default().push(row(&c, r)?);
        }
    }
    Ok(out)
}

fn span(c: &Columns<'_>, prefix: &str, r: usize) -> Result<Option<SpanJson>, Error> {
    let (s, e, t) = (format!("{prefix}_start"), format!("{prefix}_end"), format!("{prefix}_text"));
    Ok(match (c.opt_int(&s, r)?, c.opt_int(&e, r)?, c.opt_str(&t, r)?) {
        (Some(start), Some(end), Some(text)) => Some(SpanJson { start, end, text }),
        _ => None,
    })
}

fn quote(c: &Columns<'_>, r: usize) -> Result<QuoteJson, Error> {
    let speaker = match span(c, "speaker", r)? {
        None => None,
        Some(s) => Some(SpeakerJson {
            start: s.start,
            end: s.end,
            text: s.text,
            name: c.opt_str("speaker_name", r)?,
            entity: c.opt_str("speaker_entity_id", r)?,
            role: c.opt_str("speaker_role", r)?,
            on_behalf_of: c.opt_str("speaker_on_behalf_of", r)?,
            channel: c.opt_str("speaker_channel", r)?,
        }),
    };
    Ok(QuoteJson {
        kind: c.str("kind", r)?,
        start: c.int("start", r)?,
        end: c.int("end", r)?,
        text: c.str("text", r)?,
        cue: span(c, "cue", r)?,
        speaker,
        confidence: c.opt_f32("confidence", r)?,
        candidates: c.list("candidates", r)?,
        date: c.opt_str("date", r)?,
        date_source: c.opt_str("date_source", r)?,
        via: json(c, "via", r)?,
    })
}

/// A JSON column (`envelope`, `credits`, `no_comment`, a quote's `via`)
/// parsed, or its default when null or absent.
fn json<T: serde::de::DeserializeOwned + Default>(c: &Columns<'_>, name: &str, r: usize) -> Result<T, Error> {
    match c.opt_str(name, r)? {
        None => Ok(T::default()),
        Some(s) => serde_json::from_str(&s).map_err(|e| Error::Table(format!("{}: `{name}`: {e}", c.table))),
    }
}

/// Every document of the tables in `dir`, in the `documents` table's
/// order, with its mentions, quotes and dates in their list order. Tables
/// written before the `sentence_*`, `credits` and `no_comment` columns
/// existed give documents without them.
pub fn read_documents(dir: &Path) -> Result<Vec<DocumentJson>, Error> {
    let mut mentions = by_doc(dir, "mentions", |c, r| {
        Ok((
            c.int("mention_index", r)?,
            EntityJson {
                start: c.int("start", r)?,
                end: c.int("end", r)?,
                text: c.str("text", r)?,
                label: c.str("label", r)?,
                entity: c.opt_str("entity_id", r)?,
            },
        ))
    })?;
    let mut quotes = by_doc(dir, "quotes", |c, r| Ok((c.int("quote_index", r)?, quote(c, r)?)))?;
    let mut dates = by_doc(dir, "dates", |c, r| {
        Ok((
            c.int("date_index", r)?,
            DateJson {
                start: c.int("start", r)?,
                end: c.int("end", r)?,
                text: c.str("text", r)?,
                value: c.str("value", r)?,
            },
        ))
    })?;
    fn ordered<T>(rows: Option<Vec<(usize, T)>>) -> Vec<T> {
        let mut rows = rows.unwrap_or_default();
        rows.sort_by_key(|(i, _)| *i);
        rows.into_iter().map(|(_, t)| t).collect()
    }
    let mut docs = Vec::new();
    for batch in read_table(dir, "documents")? {
        let c = Columns { batch: &batch, table: "documents" };
        for r in 0..batch.num_rows() {
            let id = c.str("doc_id", r)?;
            let mut envelope: Envelope = json(&c, "envelope", r)?;
            envelope.parent = c.opt_str("parent", r)?;
            let starts = c.int_list("sentence_starts", r)?;
            let ends = c.int_list("sentence_ends", r)?;
            let credits: Vec<CreditJson> = json(&c, "credits", r)?;
            let no_comment: Vec<NoCommentJson> = json(&c, "no_comment", r)?;
            docs.push(DocumentJson {
                meta: DocumentMetaJson {
                    path: c.str("path", r)?,
                    format: c.str("format", r)?,
                    url: c.opt_str("url", r)?,
                    title: c.opt_str("title", r)?,
                    authors: c.list("authors", r)?,
                    site: c.opt_str("site", r)?,
                    published: c.opt_str("published", r)?,
                    lang: c.opt_str("lang", r)?,
                    envelope,
                    id: id.clone(),
                },
                text: c.str("text", r)?,
                sentences: starts.into_iter().zip(ends).map(|(s, e)| [s, e]).collect(),
                entities: ordered(mentions.remove(&id)),
                quotes: ordered(quotes.remove(&id)),
                dates: ordered(dates.remove(&id)),
                source_id: c.opt_str("source_id", r)?,
                no_comment,
                credits,
            });
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TablesWriter;

    /// A document written for this test with every kind of item, a
    /// non-ASCII name first so code points and bytes differ.
    fn doc() -> DocumentJson {
        let text = "Zoë Ahlberg said on 3 May: \"The bridge opens.\" (AP) She declined to comment.";
        serde_json::from_value(serde_json::json!({
            "id": "d1", "path": "a.txt", "format": "text", "url": null, "title": "Bridge",
            "authors": ["Ann Writer"], "site": null, "published": "2026-05-04", "lang": "en",
            "subject": "Bridge works", "parent": "p0",
            "text": text, "sentences": [[0, 46], [52, 77]],
            "entities": [{"start": 0, "end": 11, "text": "Zoë Ahlberg", "label": "PER", "entity": "zoe-ahlberg"}],
            "quotes": [{"kind": "direct", "start": 27, "end": 46, "text": "\"The bridge opens.\"",
                "cue": {"start": 12, "end": 16, "text": "said"},
                "speaker": {"start": 0, "end": 11, "text": "Zoë Ahlberg", "name": "Zoë Ahlberg",
                    "entity": "zoe-ahlberg", "role": null, "on_behalf_of": null, "channel": "AP"},
                "confidence": 0.5, "candidates": ["Zoë Ahlberg"], "date": "2026-05-03", "date_source": "text"}],
            "dates": [{"start": 20, "end": 25, "text": "3 May", "value": "2026-05-03"}],
            "source_id": "s-1",
            "no_comment": [{"start": 56, "end": 75, "text": "declined to comment", "speaker": null}],
            "credits": [{"kind": "wire", "name": "AP", "start": 47, "end": 51, "text": "(AP)"}]
        }))
        .expect("a contract document")
    }

    fn write(dir: &Path, docs: &[DocumentJson]) {
        let mut w = TablesWriter::create(dir).unwrap();
        w.write_documents(docs).unwrap();
        w.finish().unwrap();
    }

    #[test]
    fn documents_read_back_equal_to_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut plain = doc();
        plain.meta.id = "d2".into();
        plain.entities.clear();
        plain.no_comment.clear();
        plain.credits.clear();
        plain.meta.envelope = Envelope::default();
        let docs = vec![doc(), plain];
        write(dir.path(), &docs);
        assert_eq!(read_documents(dir.path()).unwrap(), docs);
    }

    #[test]
    fn a_folder_of_part_files_is_read_in_name_order() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut second = doc();
        second.meta.id = "d2".into();
        write(a.path(), &[doc()]);
        write(b.path(), std::slice::from_ref(&second));
        let spark = tempfile::tempdir().unwrap();
        for table in crate::TABLES {
            std::fs::create_dir(spark.path().join(table)).unwrap();
            for (dir, part) in [(&b, "part-00001.parquet"), (&a, "part-00000.parquet")] {
                let from = dir.path().join(format!("{table}.parquet"));
                std::fs::copy(from, spark.path().join(table).join(part)).unwrap();
            }
            std::fs::write(spark.path().join(table).join("_SUCCESS"), b"").unwrap();
        }
        assert_eq!(read_documents(spark.path()).unwrap(), vec![doc(), second]);
    }
}
