//! Reading copies: a document's cluster with its origin, every member and
//! the measured overlap of every confirmed pair (the evidence), and the
//! cluster of a search hit for collapsing results.

use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::query::{doc_ref, DocRef};
use crate::{Result, Store, StoreError};

/// Most members (and pairs) a copies view lists.
pub const MAX_MEMBERS: usize = 500;

/// A confirmed copy pair and how much the two texts share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopyPair {
    /// One document's contract id (stored first).
    pub a: String,
    /// The other's (stored later: the one whose ingest found the pair).
    pub b: String,
    /// Word shingles the two texts share.
    pub shared: usize,
    /// Shared shingles over the smaller text's shingles.
    pub containment: f64,
    /// Shared shingles over all shingles of the two.
    pub jaccard: f64,
}

/// A document's copies: the cluster it belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopiesView {
    /// The document asked about.
    pub id: String,
    /// Documents in the cluster, this one included (1 when it has no copy).
    pub documents: usize,
    /// Distinct sites among them (documents without a site not counted).
    pub sites: usize,
    /// The earliest member by publication date (undated ones last), ties
    /// broken by id; `None` when the document has no copy.
    pub origin: Option<DocRef>,
    /// Every member, origin first, then by date and id (at most
    /// [`MAX_MEMBERS`]).
    pub members: Vec<DocRef>,
    /// The confirmed pairs that joined them (at most [`MAX_MEMBERS`]).
    pub pairs: Vec<CopyPair>,
}

impl Store {
    /// The copies cluster of document `id`; [`StoreError::NotFound`] when
    /// no such document is stored.
    pub fn copies(&self, id: &str) -> Result<CopiesView> {
        let seq: i64 = self
            .conn()
            .prepare_cached("SELECT seq FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let Some((cluster, documents)) = self.copy_cluster(seq)? else {
            return Ok(CopiesView {
                id: id.to_string(),
                documents: 1,
                sites: 0,
                origin: None,
                members: Vec::new(),
                pairs: Vec::new(),
            });
        };
        let members: Vec<DocRef> = self
            .conn()
            .prepare_cached(
                "SELECT d.id, d.title, d.site, d.published, d.url, d.path FROM copy_clusters c \
                 JOIN documents d ON d.seq = c.doc WHERE c.cluster = ?1 \
                 ORDER BY d.day_lo IS NULL, d.day_lo, d.published, d.id LIMIT ?2",
            )?
            .query_map(rusqlite::params![cluster, MAX_MEMBERS as i64], doc_ref)?
            .collect::<Result<_, _>>()?;
        let sites: usize = self.conn().prepare_cached(
            "SELECT count(DISTINCT lower(d.site)) FROM copy_clusters c JOIN documents d ON d.seq = c.doc \
             WHERE c.cluster = ?1 AND d.site IS NOT NULL AND d.site != ''",
        )?
        .query_row([cluster], |r| r.get::<_, i64>(0))? as usize;
        let pairs: Vec<CopyPair> = self
            .conn()
            .prepare_cached(
                "SELECT da.id, db.id, p.shared, p.containment, p.jaccard FROM copy_clusters c \
                 JOIN copy_pairs p ON p.b = c.doc JOIN documents da ON da.seq = p.a \
                 JOIN documents db ON db.seq = p.b WHERE c.cluster = ?1 ORDER BY p.b, p.a LIMIT ?2",
            )?
            .query_map(rusqlite::params![cluster, MAX_MEMBERS as i64], |r| {
                Ok(CopyPair {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    shared: r.get::<_, i64>(2)? as usize,
                    containment: r.get(3)?,
                    jaccard: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(CopiesView {
            id: id.to_string(),
            documents,
            sites,
            origin: members.first().cloned(),
            members,
            pairs,
        })
    }

    /// The copies cluster of the stored document `seq` and its size, or
    /// `None` when it has no copy.
    pub fn copy_cluster(&self, seq: i64) -> Result<Option<(i64, usize)>> {
        let cluster: Option<i64> = self
            .conn()
            .prepare_cached("SELECT cluster FROM copy_clusters WHERE doc = ?1")?
            .query_row([seq], |r| r.get(0))
            .optional()?;
        let Some(cluster) = cluster else { return Ok(None) };
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM copy_clusters WHERE cluster = ?1")?
            .query_row([cluster], |r| r.get(0))?;
        Ok(Some((cluster, n as usize)))
    }

    /// Every copies cluster as lists of contract ids, each sorted, the
    /// lists in order (what `dossier eval copies` scores).
    pub fn copy_clusters(&self) -> Result<Vec<Vec<String>>> {
        let mut stmt = self.conn().prepare(
            "SELECT c.cluster, d.id FROM copy_clusters c JOIN documents d ON d.seq = c.doc ORDER BY c.cluster, d.id",
        )?;
        let mut out: Vec<(i64, Vec<String>)> = Vec::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (c, id) = row?;
            match out.last_mut() {
                Some((last, ids)) if *last == c => ids.push(id),
                _ => out.push((c, vec![id])),
            }
        }
        let mut lists: Vec<Vec<String>> = out.into_iter().map(|(_, ids)| ids).collect();
        lists.sort();
        Ok(lists)
    }
}
