//! One document as a reader shows it: metadata, the clean text, and every
//! annotation (sentences, entity mentions with their entities, quotes with
//! speakers and cues, dates), all spans in code points of the text.

use dossier_core::contract::DocumentMetaJson;
use serde::Serialize;

use super::{EntityRef, QuoteHit, QuoteParams};
use crate::util::{decode_spans, slice};
use crate::{Result, Store, StoreError};

/// An entity mention in a document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionOut {
    /// Start, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The words.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    /// The index of its sentence in `sentences`, when known.
    pub sentence: Option<usize>,
    /// The entity (after the analyst's decisions), when linked.
    pub entity: Option<EntityRef>,
}

/// A date expression in a document: the contract's own shape.
pub type DateOut = dossier_core::contract::DateJson;

/// A stored document with all its annotations: the contract's metadata
/// (flattened, so the JSON is one flat object), the text, and the
/// annotations with their entities resolved.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Id, path, format and metadata, as in the output contract.
    #[serde(flatten)]
    pub meta: DocumentMetaJson,
    /// The clean text.
    pub text: String,
    /// Sentences, `[start, end)` in code points.
    pub sentences: Vec<[usize; 2]>,
    /// Entity mentions in text order.
    pub mentions: Vec<MentionOut>,
    /// Quotes in text order.
    pub quotes: Vec<QuoteHit>,
    /// Date expressions in text order.
    pub dates: Vec<DateOut>,
    /// The message or archive this document was found in, when it is stored.
    pub parent_doc: Option<DocLink>,
    /// The documents found in this one (a message's attachments, an
    /// archive's members), in the order they were stored.
    pub children: Vec<DocLink>,
    /// Where the text says it comes from: wire credits, datelines,
    /// republication notes (the contract's `credits`).
    pub credits: Vec<dossier_core::contract::CreditJson>,
}

/// Another stored document, as a link shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocLink {
    /// Its contract id.
    pub id: String,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its file name in its container, when it has one.
    pub filename: Option<String>,
    /// Its contract format.
    pub format: String,
}

/// Most children listed on a document (an archive may hold thousands).
pub const MAX_CHILDREN: usize = 500;

/// Byte-to-code-point conversion for one text, in O(1) per offset.
struct CharMap(Vec<u32>);

impl CharMap {
    fn new(text: &str) -> CharMap {
        let mut map = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, _) in text.char_indices() {
            map[b] = n;
            n += 1;
        }
        map[text.len()] = n;
        // Bytes inside a char map to the char's index (never read for valid spans).
        for b in 1..text.len() {
            if !text.is_char_boundary(b) {
                map[b] = map[b - 1];
            }
        }
        CharMap(map)
    }

    fn at(&self, byte: i64) -> usize {
        let b = (byte.max(0) as usize).min(self.0.len() - 1);
        self.0[b] as usize
    }
}

impl Store {
    /// The document whose contract id is `id`, with its annotations;
    /// [`StoreError::NotFound`] when there is none.
    pub fn document(&self, id: &str) -> Result<DocumentView> {
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            Vec<u8>,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = {
            let mut stmt = self.conn().prepare_cached(
                "SELECT seq, path, format, url, title, authors, site, published, lang, text, sentences, envelope, credits \
                 FROM documents WHERE id = ?1",
            )?;
            let mut rows = stmt.query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                ))
            })?;
            rows.next().transpose()?
        };
        let Some((
            seq,
            path,
            format,
            url,
            title,
            authors,
            site,
            published,
            lang,
            text,
            sentences,
            envelope,
            credits,
        )) = row
        else {
            return Err(StoreError::NotFound(format!("document {id}")));
        };
        let cm = CharMap::new(&text);
        let sentences =
            decode_spans(&sentences).iter().map(|s| [cm.at(s.start as i64), cm.at(s.end as i64)]).collect();
        let mut mentions = Vec::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT start, end, sent, label, entity FROM mentions WHERE doc = ?1 ORDER BY start, end",
            )?;
            type MentionRow = (i64, i64, Option<i64>, String, Option<i64>);
            let rows: Vec<MentionRow> = stmt
                .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                .collect::<Result<_, _>>()?;
            let mut refs: std::collections::HashMap<i64, EntityRef> = std::collections::HashMap::new();
            for (s, e, sent, label, entity) in rows {
                let entity = match entity {
                    Some(eid) => {
                        if let std::collections::hash_map::Entry::Vacant(v) = refs.entry(eid) {
                            v.insert(self.entity_ref(eid)?);
                        }
                        Some(refs[&eid].clone())
                    }
                    None => None,
                };
                mentions.push(MentionOut {
                    start: cm.at(s),
                    end: cm.at(e),
                    text: slice(&text, s.max(0) as usize, e.max(0) as usize).to_string(),
                    label,
                    sentence: sent.map(|v| v.max(0) as usize),
                    entity,
                });
            }
        }
        let mut dates = Vec::new();
        {
            let mut stmt = self
                .conn()
                .prepare_cached("SELECT start, end, value FROM dates WHERE doc = ?1 ORDER BY start")?;
            let rows: Vec<(i64, i64, String)> = stmt
                .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (s, e, value) in rows {
                dates.push(DateOut {
                    start: cm.at(s),
                    end: cm.at(e),
                    text: slice(&text, s.max(0) as usize, e.max(0) as usize).to_string(),
                    value,
                });
            }
        }
        let mut quotes = self.quotes(&QuoteParams { doc: Some(id.to_string()), ..Default::default() })?;
        quotes.sort_by_key(|q| (q.start, q.end));
        let envelope = crate::util::envelope_of(envelope);
        let parent_doc = match &envelope.parent {
            Some(p) => self.doc_links("WHERE id = ?1", p)?.pop(),
            None => None,
        };
        let children = self.children_of(id)?;
        let credits = crate::credits::decode(credits, &text);
        Ok(DocumentView {
            meta: DocumentMetaJson {
                id: id.to_string(),
                path: crate::util::shown_path(path),
                format,
                url,
                title,
                authors: serde_json::from_str(&authors).unwrap_or_default(),
                site,
                published,
                lang,
                envelope,
            },
            text,
            sentences,
            mentions,
            quotes,
            dates,
            parent_doc,
            children,
            credits,
        })
    }

    /// The documents found in `id`, in the order they were stored, each
    /// under the name it had there.
    pub fn children_of(&self, id: &str) -> Result<Vec<DocLink>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.id, d.title, d.format, f.filename FROM found_in f JOIN documents d ON d.id = f.doc \
             WHERE f.parent = ?1 ORDER BY d.seq LIMIT {MAX_CHILDREN}"
        ))?;
        let rows = stmt.query_map([id], |r| {
            Ok(DocLink { id: r.get(0)?, title: r.get(1)?, format: r.get(2)?, filename: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links to the documents `filter` (an SQL `WHERE` on `?1` = `key`)
    /// selects, at most [`MAX_CHILDREN`].
    fn doc_links(&self, filter: &str, key: &str) -> Result<Vec<DocLink>> {
        let sql = format!("SELECT id, title, format, envelope FROM documents {filter} LIMIT {MAX_CHILDREN}");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([key], |r| {
            let envelope: Option<String> = r.get(3)?;
            Ok(DocLink {
                id: r.get(0)?,
                title: r.get(1)?,
                format: r.get(2)?,
                filename: crate::util::envelope_of(envelope).filename,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::CharMap;

    #[test]
    fn char_map_converts_bytes_to_code_points() {
        let t = "aé😀b";
        let m = CharMap::new(t);
        assert_eq!(m.at(0), 0);
        assert_eq!(m.at(1), 1);
        assert_eq!(m.at(3), 2);
        assert_eq!(m.at(7), 3);
        assert_eq!(m.at(8), 4);
        assert_eq!(m.at(99), 4);
        assert_eq!(m.at(-5), 0);
        assert_eq!(CharMap::new("").at(3), 0);
    }
}
