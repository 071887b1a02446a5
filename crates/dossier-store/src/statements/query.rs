//! Reading statement clusters: a quote's summary (how many documents, how
//! many independent sources, the first), and a cluster's chain.

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::query::{doc_ref, span_text, DocCache, DocRef, EntityRef, SpanText};
use crate::{Result, Store, StoreError, ViaOut};

/// Members read of one cluster at most (a statement carried by more
/// documents is counted up to here, and says so in `truncated`).
pub const MAX_MEMBERS: usize = 500;

/// A statement cluster as a quote in a list shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatementSummary {
    /// The cluster's id (`s` and a number), for `GET /api/statements/{id}`.
    pub id: String,
    /// Documents that carry the statement.
    pub documents: usize,
    /// Independent sources among them: a copies cluster counts once, and so
    /// do documents crediting one wire agency.
    pub independent: usize,
    /// The earliest document (by its date, then by when it was stored).
    pub first: DocRef,
    /// True when the cluster had more members than were read.
    pub truncated: bool,
}

/// One document in a statement's chain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatementStep {
    /// The document.
    pub doc: DocRef,
    /// The statement's words there.
    pub quote: SpanText,
    /// The channels that document's text gives for it (`told Kommersant`).
    pub via: Vec<ViaOut>,
    /// The wire agencies the document credits (`AFP`).
    pub wire: Vec<String>,
    /// The first-stored document of the document's copies cluster, when
    /// the document is a copy of it.
    pub copy_of: Option<String>,
    /// Which independent source it is (1 for the first one met in date order).
    pub source: usize,
}

/// Why two quotes are one statement: the word pairs they share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatementLink {
    /// The earlier-stored quote's document and start (code points).
    pub a: (String, usize),
    /// The later one.
    pub b: (String, usize),
    /// Word pairs shared.
    pub shared: i64,
    /// Their share of the shorter quote's pairs.
    pub containment: f64,
}

/// A statement cluster with its chain and evidence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatementView {
    /// Its id and counts.
    #[serde(flatten)]
    pub summary: StatementSummary,
    /// The speaker (after the analyst's decisions).
    pub speaker: Option<EntityRef>,
    /// Each document by date, with its channels, credits and source.
    pub chain: Vec<StatementStep>,
    /// The links that joined the cluster.
    pub links: Vec<StatementLink>,
}

/// A member quote and its document.
struct Member {
    qid: i64,
    seq: i64,
    start: i64,
    end: i64,
}

impl Store {
    /// The summary of the cluster of each of `qids` that has one.
    pub(crate) fn statement_summaries(&self, qids: &[i64]) -> Result<HashMap<i64, StatementSummary>> {
        let mut out = HashMap::new();
        let mut by_cluster: HashMap<i64, StatementSummary> = HashMap::new();
        let mut of = self.conn().prepare_cached("SELECT cluster FROM statement_clusters WHERE qid = ?1")?;
        for &qid in qids {
            let Some(c) = of.query_row([qid], |r| r.get::<_, i64>(0)).optional()? else { continue };
            if let std::collections::hash_map::Entry::Vacant(slot) = by_cluster.entry(c) {
                let members = self.statement_members(c)?;
                let (docs, sources) = self.statement_sources(&members)?;
                slot.insert(self.summary(c, &members, &docs, &sources)?);
            }
            out.insert(qid, by_cluster[&c].clone());
        }
        Ok(out)
    }

    /// The statement cluster `id` (`s123`) with its chain and evidence.
    pub fn statement(&self, id: &str) -> Result<StatementView> {
        let missing = || StoreError::NotFound(format!("no statement {id:?}"));
        let cluster: i64 = id.strip_prefix('s').and_then(|n| n.parse().ok()).ok_or_else(missing)?;
        let members = self.statement_members(cluster)?;
        if members.is_empty() {
            return Err(missing());
        }
        let (docs, sources) = self.statement_sources(&members)?;
        let summary = self.summary(cluster, &members, &docs, &sources)?;
        let speaker: Option<i64> = self
            .conn()
            .prepare_cached("SELECT sp_entity FROM quotes WHERE qid = ?1")?
            .query_row([members[0].qid], |r| r.get(0))?;
        let speaker = speaker.map(|e| self.entity_ref(e)).transpose()?;
        let mut cache = DocCache::new();
        let qids: Vec<i64> = members.iter().map(|m| m.qid).collect();
        let mut via = self.via_of_quotes(&qids, &mut cache)?;
        let mut chain = Vec::new();
        for m in &members {
            let (doc, text) = cache.get(self, m.seq)?;
            let k = docs.iter().position(|&d| d == m.seq).unwrap_or(0);
            chain.push(StatementStep {
                doc: doc.clone(),
                quote: span_text(text, m.start.max(0) as usize, m.end.max(0) as usize),
                via: via.remove(&m.qid).unwrap_or_default(),
                wire: self.wire_credits(m.seq)?,
                copy_of: self.copy_origin(m.seq)?,
                source: sources[k],
            });
        }
        let mut links = Vec::new();
        let start_of = |qid: i64| members.iter().find(|m| m.qid == qid);
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.a, p.b, p.shared, p.containment FROM statement_pairs p \
             JOIN statement_clusters c ON c.qid = p.b WHERE c.cluster = ?1 ORDER BY p.b, p.a LIMIT ?2",
        )?;
        let rows: Vec<(i64, i64, i64, f64)> = stmt
            .query_map(rusqlite::params![cluster, MAX_MEMBERS as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        for (a, b, shared, containment) in rows {
            let (Some(ma), Some(mb)) = (start_of(a), start_of(b)) else { continue };
            let at = |m: &Member, cache: &mut DocCache| -> Result<(String, usize)> {
                let (doc, text) = cache.get(self, m.seq)?;
                Ok((doc.id.clone(), crate::util::char_pos(text, m.start.max(0) as usize)))
            };
            links.push(StatementLink { a: at(ma, &mut cache)?, b: at(mb, &mut cache)?, shared, containment });
        }
        Ok(StatementView { summary, speaker, chain, links })
    }

    /// The cluster's member quotes, by their documents' dates (undated
    /// last), then as stored.
    fn statement_members(&self, cluster: i64) -> Result<Vec<Member>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT q.qid, q.doc, q.start, q.end FROM statement_clusters s JOIN quotes q ON q.qid = s.qid \
             JOIN documents d ON d.seq = q.doc WHERE s.cluster = ?1 \
             ORDER BY d.day_lo IS NULL, d.day_lo, q.doc, q.start LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![cluster, MAX_MEMBERS as i64 + 1], |r| {
            Ok(Member { qid: r.get(0)?, seq: r.get(1)?, start: r.get(2)?, end: r.get(3)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The members' documents in order, and the independent source of
    /// each: documents in one copies cluster, or crediting one wire
    /// agency, are one source (joined transitively).
    fn statement_sources(&self, members: &[Member]) -> Result<(Vec<i64>, Vec<usize>)> {
        let mut docs: Vec<i64> = Vec::new();
        for m in members.iter().take(MAX_MEMBERS) {
            if !docs.contains(&m.seq) {
                docs.push(m.seq);
            }
        }
        let mut parent: Vec<usize> = (0..docs.len()).collect();
        fn root(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        let mut first_with: HashMap<String, usize> = HashMap::new();
        for (i, &seq) in docs.iter().enumerate() {
            let mut keys: Vec<String> =
                self.wire_credits(seq)?.iter().map(|w| format!("w:{}", w.to_lowercase())).collect();
            let copy: Option<i64> = self
                .conn()
                .prepare_cached("SELECT cluster FROM copy_clusters WHERE doc = ?1")?
                .query_row([seq], |r| r.get(0))
                .optional()?;
            keys.extend(copy.map(|c| format!("c:{c}")));
            for k in keys {
                match first_with.get(&k) {
                    Some(&j) => {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                    None => {
                        first_with.insert(k, i);
                    }
                }
            }
        }
        // Sources numbered in the order their first document comes.
        let mut number: HashMap<usize, usize> = HashMap::new();
        let mut out = Vec::with_capacity(docs.len());
        for i in 0..docs.len() {
            let r = root(&mut parent, i);
            let n = number.len() + 1;
            out.push(*number.entry(r).or_insert(n));
        }
        Ok((docs, out))
    }

    fn summary(
        &self,
        cluster: i64,
        members: &[Member],
        docs: &[i64],
        sources: &[usize],
    ) -> Result<StatementSummary> {
        let first = self
            .conn()
            .prepare_cached("SELECT id, title, site, published, url, path FROM documents WHERE seq = ?1")?
            .query_row([docs[0]], doc_ref)?;
        Ok(StatementSummary {
            id: format!("s{cluster}"),
            documents: docs.len(),
            independent: sources.iter().max().copied().unwrap_or(0),
            first,
            truncated: members.len() > MAX_MEMBERS,
        })
    }

    /// The wire agencies a document credits.
    fn wire_credits(&self, seq: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT json_extract(c.value, '$.name') FROM documents d, json_each(d.credits) c \
             WHERE d.seq = ?1 AND d.credits IS NOT NULL AND json_extract(c.value, '$.kind') = 'wire'",
        )?;
        let rows = stmt.query_map([seq], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The origin (least stored) document of `seq`'s copies cluster, when
    /// it is another document.
    fn copy_origin(&self, seq: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT d.id FROM copy_clusters c JOIN documents d ON d.seq = c.cluster WHERE c.doc = ?1 AND c.cluster != ?1",
            )?
            .query_row([seq], |r| r.get(0))
            .optional()?)
    }
}
