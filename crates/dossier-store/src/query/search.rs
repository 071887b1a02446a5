//! Full-text search: tantivy's query syntax over titles and texts, with
//! entity, date and site filters, ranked hits and highlighted snippets.

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::{date_filter, doc_ref, DocRef};
use crate::index::day_number;
use crate::{Result, Store};

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchParams {
    /// tantivy query syntax: words (all required by default), `"phrases"`,
    /// `OR`, `-excluded`, `title:word`, `site:name`. Empty or `*` matches
    /// every document (useful with filters).
    pub query: String,
    /// Only documents mentioning or quoting this entity (name or id).
    pub entity: Option<String>,
    /// Only documents published on or after this date.
    pub from: Option<String>,
    /// Only documents published on or before this date.
    pub to: Option<String>,
    /// Only documents of this site (case-insensitive).
    pub site: Option<String>,
    /// Most hits to return.
    pub limit: usize,
}

impl SearchParams {
    /// A plain query, no filter, ten hits.
    pub fn new(query: &str) -> Self {
        SearchParams { query: query.to_string(), entity: None, from: None, to: None, site: None, limit: 10 }
    }
}

/// One ranked document.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The document's contract id.
    pub id: String,
    /// The document.
    pub doc: DocRef,
    /// Relevance (BM25).
    pub score: f32,
    /// A passage of the text around the best matches.
    pub snippet: String,
    /// The matched words in `snippet`, `[start, end)` in code points.
    pub highlights: Vec<[usize; 2]>,
}

/// Hits and the number of matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<SearchHit>,
}

const SNIPPET_CHARS: usize = 200;

impl Store {
    /// Searches the full-text index.
    pub fn search(&self, p: &SearchParams) -> Result<Vec<SearchHit>> {
        Ok(self.search_counted(p)?.hits)
    }

    /// Searches the full-text index, also counting every match.
    pub fn search_counted(&self, p: &SearchParams) -> Result<SearchResults> {
        self.catch_up_index()?;
        let f = self.ft.fields;
        let reader = self.ft.reader()?;
        let searcher = reader.searcher();
        let q = p.query.trim();
        let user: Box<dyn Query> = if q.is_empty() || q == "*" {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(&self.ft.index, vec![f.title, f.text]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, 2.0);
            parser.parse_query(q)?
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user.box_clone())];
        if let Some(name) = &p.entity {
            let r = self.resolve_entities(name)?;
            let mut seqs: Vec<i64> = Vec::new();
            let mut stmt = self.conn().prepare_cached(
                "SELECT doc FROM mentions WHERE entity = ?1 UNION SELECT doc FROM quotes WHERE sp_entity = ?1",
            )?;
            for eid in &r.eids {
                for s in stmt.query_map([eid], |r| r.get::<_, i64>(0))? {
                    seqs.push(s?);
                }
            }
            must.push((
                Occur::Must,
                Box::new(TermSetQuery::new(seqs.into_iter().map(|s| Term::from_field_u64(f.seq, s as u64)))),
            ));
        }
        let (lo, hi) = date_filter(p.from.as_deref(), p.to.as_deref())?;
        if lo.is_some() || hi.is_some() {
            let bound = |v: Option<String>| match v.as_deref().and_then(day_number) {
                Some(n) => Bound::Included(Term::from_field_i64(f.day, n)),
                None => Bound::Unbounded,
            };
            let (a, b) = (bound(lo), bound(hi));
            let q: Box<dyn Query> = match (&a, &b) {
                (Bound::Unbounded, Bound::Unbounded) => Box::new(AllQuery),
                _ => Box::new(RangeQuery::new(a, b)),
            };
            must.push((Occur::Must, q));
        }
        if let Some(site) = &p.site {
            let term = Term::from_field_text(f.site, &site.to_lowercase());
            must.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        let query = BooleanQuery::new(must);
        let (top, total) = searcher.search(&query, &(TopDocs::with_limit(p.limit.max(1)), Count))?;
        let mut snippets = SnippetGenerator::create(&searcher, &*user, f.text)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, site, published, url, path, text FROM documents WHERE seq = ?1",
        )?;
        for (score, addr) in top.into_iter().take(p.limit) {
            let d: TantivyDocument = searcher.doc(addr)?;
            let Some(seq) = self.ft.seq_of(&d) else { continue };
            let Some((doc, text)) = stmt
                .query_row([seq], |r| Ok((doc_ref(r)?, r.get::<_, String>(6)?)))
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
            else {
                continue;
            };
            let snip = snippets.snippet(&text);
            let (snippet, highlights) = if snip.is_empty() {
                (text.chars().take(SNIPPET_CHARS).collect::<String>(), Vec::new())
            } else {
                let frag = snip.fragment();
                let hl = snip
                    .highlighted()
                    .iter()
                    .map(|r| [frag[..r.start].chars().count(), frag[..r.end].chars().count()])
                    .collect();
                (frag.to_string(), hl)
            };
            hits.push(SearchHit { id: doc.id.clone(), doc, score, snippet, highlights });
        }
        Ok(SearchResults { total, hits })
    }
}
