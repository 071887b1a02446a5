//! The full-text index (tantivy): derived data, rebuilt from SQLite at will.
//!
//! Each indexed document carries its SQLite `seq`; titles and texts are
//! indexed (not stored: snippets are cut from the text in SQLite), and the
//! site and publication day are kept for filters. Every commit records the
//! highest `seq` it covers as the commit payload (the high-water mark). Since
//! the one writer adds documents in `seq` order, every document at or below
//! the mark is in the index, and whatever SQLite holds above it (after a
//! crash between the two commits) is indexed again on the next open for
//! writing. `dossier reindex` rebuilds the whole index.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED,
    STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument};

use crate::Result;

/// The analyzer of titles and texts: words, lower case, ASCII folding
/// (`Vučić` finds `Vucic`), English stemming (memoised: [`crate::stem`]).
pub const TEXT_ANALYZER: &str = "dossier_text";

/// Words of this many bytes or more are left out of the index (and so of
/// search snippets).
pub(crate) const LONG_WORD_BYTES: usize = 40;

/// The analyzer of titles and texts: words (alphanumeric runs) shorter
/// than [`LONG_WORD_BYTES`], lower-cased, folded to ASCII, stemmed.
pub(crate) fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONG_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(crate::stem::CachedStemmer)
        .build()
}
/// The analyzer of sites: the whole value, lower case.
const KEYWORD_ANALYZER: &str = "dossier_keyword";

/// Memory the index writer may use before it flushes a segment.
const WRITER_HEAP: usize = 64 << 20;

/// Handles to the index fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document's SQLite `seq`.
    pub seq: Field,
    /// Title.
    pub title: Field,
    /// Main text.
    pub text: Field,
    /// Site, one lower-case keyword.
    pub site: Field,
    /// Publication day as `YYYYMMDD`.
    pub day: Field,
}

/// The full-text index of a store, with one reader kept open for the
/// store's life (opening a reader maps every segment: doing it per query
/// cost more than the query).
pub struct FullText {
    /// The tantivy index.
    pub index: Index,
    /// Its fields.
    pub fields: Fields,
    /// The reader; reloaded by [`FullText::searcher`] when a newer commit
    /// exists (the writer may be another process, so no in-process
    /// notification can be relied on).
    reader: IndexReader,
    /// Opstamp of the commit `reader` shows.
    opstamp: AtomicU64,
}

/// One document to index.
pub struct IndexDoc<'a> {
    /// SQLite `seq`.
    pub seq: i64,
    /// Title, if any.
    pub title: Option<&'a str>,
    /// Main text.
    pub text: &'a str,
    /// Site, if any.
    pub site: Option<&'a str>,
    /// First day of the publication date, `YYYY-MM-DD`, if any.
    pub day: Option<&'a str>,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_u64_field("seq", NumericOptions::default() | INDEXED | FAST | STORED);
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("title", text.clone());
    b.add_text_field("text", text);
    b.add_text_field(
        "site",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD_ANALYZER)
                .set_index_option(IndexRecordOption::Basic),
        ),
    );
    b.add_i64_field("day", NumericOptions::default() | INDEXED | FAST);
    b.build()
}

impl FullText {
    /// Opens the index in `dir`, creating it when absent.
    pub fn open(dir: &Path) -> Result<FullText> {
        std::fs::create_dir_all(dir).map_err(|e| crate::StoreError::io(dir, e))?;
        let directory = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| crate::StoreError::Invalid(format!("cannot open index {}: {e}", dir.display())))?;
        let index = Index::open_or_create(directory, schema())?;
        let tokenizers = index.tokenizers();
        tokenizers.register(TEXT_ANALYZER, text_analyzer());
        tokenizers.register(
            KEYWORD_ANALYZER,
            TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build(),
        );
        let s = index.schema();
        let fields = Fields {
            seq: s.get_field("seq")?,
            title: s.get_field("title")?,
            text: s.get_field("text")?,
            site: s.get_field("site")?,
            day: s.get_field("day")?,
        };
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let opstamp = AtomicU64::new(index.load_metas()?.opstamp);
        Ok(FullText { index, fields, reader, opstamp })
    }

    /// A searcher over the last commit: the kept reader, reloaded first
    /// when the index has a newer commit than it shows (one small file
    /// read per call).
    pub fn searcher(&self) -> Result<Searcher> {
        let latest = self.index.load_metas()?.opstamp;
        if latest != self.opstamp.load(Ordering::Acquire) {
            self.reader.reload()?;
            self.opstamp.store(latest, Ordering::Release);
        }
        Ok(self.reader.searcher())
    }

    /// The highest `seq` the last commit covers (0 when none).
    pub fn high_water_mark(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.as_deref().and_then(|p| p.trim().parse().ok()).unwrap_or(0))
    }

    /// Takes the index's writer lock. `Ok(None)` when another process
    /// holds it (an ingest is running).
    pub fn try_writer(&self) -> Result<Option<IndexWriter>> {
        match self.index.writer_with_num_threads(1, WRITER_HEAP) {
            Ok(w) => Ok(Some(w)),
            Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Adds one document to the writer (not yet committed).
    pub fn add(&self, writer: &IndexWriter, d: &IndexDoc<'_>) -> Result<()> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.seq, d.seq as u64);
        if let Some(t) = d.title {
            doc.add_text(f.title, t);
        }
        doc.add_text(f.text, d.text);
        if let Some(s) = d.site {
            doc.add_text(f.site, s);
        }
        if let Some(day) = d.day.and_then(day_number) {
            doc.add_i64(f.day, day);
        }
        writer.add_document(doc)?;
        Ok(())
    }

    /// Commits what the writer holds, recording `seq` as the high-water mark.
    pub fn commit(writer: &mut IndexWriter, seq: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&seq.to_string());
        prepared.commit()?;
        Ok(())
    }

    /// Number of documents the last commit holds.
    pub fn num_docs(&self) -> Result<u64> {
        Ok(self.searcher()?.num_docs())
    }

    /// The `seq` stored with a hit.
    pub fn seq_of(&self, doc: &TantivyDocument) -> Option<i64> {
        doc.get_first(self.fields.seq).and_then(|v| v.as_u64()).map(|v| v as i64)
    }
}

/// `YYYY-MM-DD…` to `YYYYMMDD`.
pub fn day_number(day: &str) -> Option<i64> {
    let b = day.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = day[0..4].parse().ok()?;
    let m: i64 = day[5..7].parse().ok()?;
    let d: i64 = day[8..10].parse().ok()?;
    Some(y * 10_000 + m * 100 + d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("2010-08-26"), Some(20_100_826));
        assert_eq!(day_number("2010-08"), None);
    }

    #[test]
    fn high_water_mark_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let ft = FullText::open(dir.path()).unwrap();
        assert_eq!(ft.high_water_mark().unwrap(), 0);
        let mut w = ft.try_writer().unwrap().unwrap();
        // A second writer is refused while the first lives.
        assert!(ft.try_writer().unwrap().is_none());
        ft.add(
            &w,
            &IndexDoc {
                seq: 7, title: Some("Osh"), text: "Vučić said", site: None, day: Some("2010-08-26")
            },
        )
        .unwrap();
        FullText::commit(&mut w, 7).unwrap();
        drop(w);
        let ft = FullText::open(dir.path()).unwrap();
        assert_eq!(ft.high_water_mark().unwrap(), 7);
        assert_eq!(ft.num_docs().unwrap(), 1);
        // The kept reader sees a later commit (here by another handle, as
        // an ingest in another process would make it).
        let other = FullText::open(dir.path()).unwrap();
        let mut w = other.try_writer().unwrap().unwrap();
        other.add(&w, &IndexDoc { seq: 8, title: None, text: "more", site: None, day: None }).unwrap();
        FullText::commit(&mut w, 8).unwrap();
        assert_eq!(ft.num_docs().unwrap(), 2);
    }
}
