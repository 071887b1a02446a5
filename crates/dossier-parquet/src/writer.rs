//! The five tables of a folder, written batch by batch: each call turns a
//! slice of documents into record batches and hands them to one Parquet
//! writer per table, which closes a row group every so many rows, so
//! memory stays flat on a stream of millions of documents.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use dossier_core::contract::DocumentJson;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::tables::{entities_batch, schema, DocumentTables, EntityRow};
use crate::{Error, SCHEMA_VERSION, SCHEMA_VERSION_KEY};

/// Rows per row group of the `documents` table (it holds the texts:
/// 8,192 news articles are some tens of megabytes).
const DOCUMENT_ROWS_PER_GROUP: usize = 8 << 10;
/// Rows per row group of the other tables (small rows).
const ROWS_PER_GROUP: usize = 128 << 10;

/// Rows written to each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// `documents` rows.
    pub documents: usize,
    /// `mentions` rows.
    pub mentions: usize,
    /// `quotes` rows.
    pub quotes: usize,
    /// `dates` rows.
    pub dates: usize,
    /// `entities` rows.
    pub entities: usize,
}

/// One table's file and its writer.
struct Table {
    path: PathBuf,
    writer: ArrowWriter<File>,
    rows: usize,
}

impl Table {
    fn create(dir: &Path, name: &str) -> Result<Self, Error> {
        let path = dir.join(format!("{name}.parquet"));
        let file =
            File::create(&path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        let rows = if name == "documents" { DOCUMENT_ROWS_PER_GROUP } else { ROWS_PER_GROUP };
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(rows)
            .set_key_value_metadata(Some(vec![
                KeyValue::new(SCHEMA_VERSION_KEY.to_string(), SCHEMA_VERSION.to_string()),
                KeyValue::new("dossier.table".to_string(), name.to_string()),
            ]))
            .build();
        let schema = schema(name).expect("a table of TABLES");
        let writer = ArrowWriter::try_new(file, schema, Some(props))
            .map_err(|source| Error::Parquet { path: path.display().to_string(), source })?;
        Ok(Table { path, writer, rows: 0 })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), Error> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.rows += batch.num_rows();
        self.writer.write(batch).map_err(|source| self.error(source))
    }

    fn close(self) -> Result<usize, Error> {
        let path = self.path.display().to_string();
        self.writer.close().map_err(|source| Error::Parquet { path, source })?;
        Ok(self.rows)
    }

    fn error(&self, source: parquet::errors::ParquetError) -> Error {
        Error::Parquet { path: self.path.display().to_string(), source }
    }
}

/// Writes `documents.parquet`, `mentions.parquet`, `quotes.parquet`,
/// `dates.parquet` and `entities.parquet` into one folder. Files are only
/// valid after [`TablesWriter::finish`].
pub struct TablesWriter {
    documents: Table,
    mentions: Table,
    quotes: Table,
    dates: Table,
    entities: Table,
}

impl TablesWriter {
    /// Creates the folder (when needed) and the five files in it,
    /// replacing files of the same names.
    pub fn create(dir: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(dir)
            .map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
        Ok(TablesWriter {
            documents: Table::create(dir, "documents")?,
            mentions: Table::create(dir, "mentions")?,
            quotes: Table::create(dir, "quotes")?,
            dates: Table::create(dir, "dates")?,
            entities: Table::create(dir, "entities")?,
        })
    }

    /// Adds the rows of `docs`, in order.
    pub fn write_documents(&mut self, docs: &[DocumentJson]) -> Result<(), Error> {
        let t = DocumentTables::new(docs)?;
        self.documents.write(&t.documents)?;
        self.mentions.write(&t.mentions)?;
        self.quotes.write(&t.quotes)?;
        self.dates.write(&t.dates)?;
        Ok(())
    }

    /// Adds entity rows, in order.
    pub fn write_entities(&mut self, rows: &[EntityRow]) -> Result<(), Error> {
        self.entities.write(&entities_batch(rows)?)
    }

    /// Writes the files' footers and says how many rows each table has.
    pub fn finish(self) -> Result<Counts, Error> {
        Ok(Counts {
            documents: self.documents.close()?,
            mentions: self.mentions.close()?,
            quotes: self.quotes.close()?,
            dates: self.dates.close()?,
            entities: self.entities.close()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn empty_tables_are_valid_files_with_their_schema_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let counts = TablesWriter::create(dir.path()).unwrap().finish().unwrap();
        assert_eq!(counts, Counts::default());
        for name in crate::TABLES {
            let file = File::open(dir.path().join(format!("{name}.parquet"))).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
            let kv = reader.metadata().file_metadata().key_value_metadata().unwrap();
            assert!(kv
                .iter()
                .any(|k| k.key == SCHEMA_VERSION_KEY && k.value.as_deref() == Some(SCHEMA_VERSION)));
            assert_eq!(reader.schema().fields().len(), schema(name).unwrap().fields().len());
        }
    }

    #[test]
    fn entity_rows_read_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = TablesWriter::create(dir.path()).unwrap();
        let row = EntityRow {
            id: "ada-quist".into(),
            name: "Ada Quist".into(),
            label: Some("PER".into()),
            aliases: vec!["Quist".into(), "Ada Quist".into()],
            facts: None,
            merged_into: None,
        };
        w.write_entities(std::slice::from_ref(&row)).unwrap();
        assert_eq!(w.finish().unwrap().entities, 1);
        let file = File::open(dir.path().join("entities.parquet")).unwrap();
        let batches: Vec<RecordBatch> = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
        assert_eq!(batches[0].columns(), entities_batch(&[row]).unwrap().columns());
    }
}
