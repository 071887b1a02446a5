//! Full-text search: tantivy's query syntax over titles and texts, with
//! entity, date and site filters, ranked hits, highlighted snippets and,
//! on request, facets counted over the query's own hits.
//!
//! The index keeps each document's SQLite `seq` and publication day as
//! fast fields, so hits are mapped to documents without reading stored
//! documents, and the site and date facets are counted over every hit from
//! those columns (sites through an in-memory `seq → site` table the store
//! loads once and extends as documents arrive). The entity facet needs
//! the mentions of each hit, so it is counted over the best
//! [`ENTITY_FACET_DOCS`] hits and says so.

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::snippet::{Snippet, Snippeter};
use super::{date_filter, doc_ref, user_query, DocRef, EntityRef};
use crate::index::day_number;
use crate::{Result, Store, StoreError};

/// Best hits the entity facet is counted over.
pub const ENTITY_FACET_DOCS: usize = 200;
/// Most hits a search collapsing copies looks through for enough clusters.
pub const MAX_COLLAPSE_DEPTH: usize = 20_000;
/// Values listed per facet.
const FACET_VALUES: usize = 15;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchParams {
    /// What the user typed (see [`super::user_query`]): words (all
    /// required), `"phrases"`, `OR`, `-excluded`, `title:word`,
    /// `text:word`, `site:name`, `( )`; anything else literally. Empty or
    /// `*` matches every document (useful with filters).
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
    /// Best hits to skip (paging).
    pub offset: usize,
    /// Whether to count facets over the hits.
    pub facets: bool,
    /// One hit per copies cluster (its best-ranked member), with the
    /// cluster's size in [`SearchHit::copies`]; `offset` and `limit` then
    /// count clusters.
    pub collapse_copies: bool,
}

impl SearchParams {
    /// A plain query, no filter, ten hits, no facets.
    pub fn new(query: &str) -> Self {
        SearchParams {
            query: query.to_string(),
            entity: None,
            from: None,
            to: None,
            site: None,
            limit: 10,
            offset: 0,
            facets: false,
            collapse_copies: false,
        }
    }
}

/// A facet value and how many hits have it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCount {
    /// The value (a site as stored, or a month `YYYY-MM`).
    pub value: String,
    /// Hits with it.
    pub documents: u64,
}

/// An entity and how many of the counted hits mention or quote it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityFacet {
    /// The entity.
    pub entity: EntityRef,
    /// Hits mentioning it (among the best [`Facets::entity_docs`]).
    pub documents: u64,
}

/// Facets of a search, counted over its hits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Facets {
    /// Sites of all hits, most hits first.
    pub sites: Vec<FacetCount>,
    /// Hits per publication month, over all dated hits, in month order.
    pub months: Vec<FacetCount>,
    /// Earliest publication day among the hits.
    pub first_day: Option<String>,
    /// Latest publication day among the hits.
    pub last_day: Option<String>,
    /// Hits without a publication date.
    pub undated: u64,
    /// Entities mentioned in the best hits, most hits first.
    pub entities: Vec<EntityFacet>,
    /// How many of the best hits `entities` is counted over (all hits when
    /// there are at most [`ENTITY_FACET_DOCS`]).
    pub entity_docs: usize,
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
    /// Documents in its copies cluster, itself included (see
    /// [`Store::copies`]); `null` when it has no copy.
    pub copies: Option<usize>,
}

/// Hits and the number of matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The best hits after `offset`, at most `limit`, best first.
    pub hits: Vec<SearchHit>,
    /// Facets, when asked for.
    pub facets: Option<Facets>,
    /// Set when the query's advanced syntax was malformed and its words
    /// were searched as written instead (say it to the user once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// Counts the site and month facets of every hit from the fast fields as
/// the search visits it, keeping no list of hits ("said" has ~90k).
struct FacetCounter {
    /// Site number of each `seq` (see [`SiteTable`]).
    of_seq: Arc<Vec<u32>>,
    /// Number of sites.
    sites: usize,
}

struct FacetCounterSegment {
    seq: Column<u64>,
    day: Column<i64>,
    of_seq: Arc<Vec<u32>>,
    tally: Tally,
}

/// Site and month counts over hits.
struct Tally {
    /// Hits counted (those with a `seq`).
    hits: usize,
    /// Hits per site number.
    sites: Vec<u64>,
    /// Dated hits per month `YYYYMM`.
    months: DenseCounts,
    /// Earliest and latest day `YYYYMMDD` (`i64::MAX`, `i64::MIN` when none).
    first: i64,
    last: i64,
    /// Hits without a date.
    undated: u64,
}

impl Tally {
    fn new(sites: usize) -> Tally {
        Tally {
            hits: 0,
            sites: vec![0; sites],
            months: DenseCounts::default(),
            first: i64::MAX,
            last: i64::MIN,
            undated: 0,
        }
    }

    fn merge(&mut self, other: Tally) {
        self.hits += other.hits;
        for (a, b) in self.sites.iter_mut().zip(other.sites) {
            *a += b;
        }
        for (m, n) in other.months.into_sorted() {
            self.months.add_n(m, n);
        }
        self.first = self.first.min(other.first);
        self.last = self.last.max(other.last);
        self.undated += other.undated;
    }
}

impl Collector for FacetCounter {
    type Fruit = Tally;
    type Child = FacetCounterSegment;

    fn for_segment(&self, _ord: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = reader.fast_fields();
        Ok(FacetCounterSegment {
            seq: ff.u64("seq")?,
            day: ff.i64("day")?,
            of_seq: Arc::clone(&self.of_seq),
            tally: Tally::new(self.sites),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::new(self.sites);
        for f in fruits {
            all.merge(f);
        }
        Ok(all)
    }
}

impl SegmentCollector for FacetCounterSegment {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(seq) = self.seq.first(doc) else { return };
        let t = &mut self.tally;
        t.hits += 1;
        if let Some(&n) = self.of_seq.get(seq as usize) {
            if let Some(c) = t.sites.get_mut(n as usize) {
                *c += 1;
            }
        }
        match self.day.first(doc) {
            Some(d) => {
                t.months.add_n(d / 100, 1);
                t.first = t.first.min(d);
                t.last = t.last.max(d);
            }
            None => t.undated += 1,
        }
    }

    fn harvest(self) -> Tally {
        self.tally
    }
}

/// The site of every document by `seq`, loaded once and extended as
/// documents arrive (documents are never rewritten).
#[derive(Default)]
pub(crate) struct SiteTable {
    /// Highest `seq` loaded.
    upto: i64,
    /// Site names.
    names: Vec<String>,
    /// Site number by name (case-insensitive).
    by_name: HashMap<String, u32>,
    /// Site number of each `seq` (`u32::MAX`: none); shared with the
    /// facet counter of a running search, copied only when it grows then.
    of_seq: Arc<Vec<u32>>,
}

impl SiteTable {
    fn add(&mut self, seq: i64, site: &str) {
        let key = site.to_lowercase();
        let n = match self.by_name.get(&key) {
            Some(&n) => n,
            None => {
                let n = self.names.len() as u32;
                self.names.push(site.to_string());
                self.by_name.insert(key, n);
                n
            }
        };
        let i = seq.max(0) as usize;
        let of_seq = Arc::make_mut(&mut self.of_seq);
        if of_seq.len() <= i {
            of_seq.resize(i + 1, u32::MAX);
        }
        of_seq[i] = n;
    }
}

/// Most keys [`DenseCounts`] keeps in its array (a span of ~650 years of
/// months `YYYYMM`); keys beyond it are counted in a map.
const DENSE_SPAN: i64 = 1 << 16;

/// Counts of integers that mostly lie close together (months `YYYYMM`) in
/// an array that grows at either end; outliers go to a map.
#[derive(Default)]
struct DenseCounts {
    /// The key counted at index 0.
    base: i64,
    counts: std::collections::VecDeque<u64>,
    outliers: std::collections::BTreeMap<i64, u64>,
}

impl DenseCounts {
    /// Counts `key` `n` times.
    fn add_n(&mut self, key: i64, n: u64) {
        if self.counts.is_empty() {
            self.base = key;
        }
        let hi = self.base + self.counts.len() as i64;
        if key < self.base - DENSE_SPAN || key >= self.base + DENSE_SPAN || hi - key > DENSE_SPAN {
            *self.outliers.entry(key).or_default() += n;
            return;
        }
        while key < self.base {
            self.counts.push_front(0);
            self.base -= 1;
        }
        let i = (key - self.base) as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += n;
    }

    /// The counted keys in order, with their counts.
    fn into_sorted(self) -> Vec<(i64, u64)> {
        let mut all = self.outliers;
        for (i, c) in self.counts.into_iter().enumerate() {
            if c > 0 {
                *all.entry(self.base + i as i64).or_default() += c;
            }
        }
        all.into_iter().collect()
    }
}

fn day_string(n: i64) -> String {
    format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
}

const SNIPPET_CHARS: usize = 200;

/// Bytes of a text the snippet is first looked for in: a long document
/// is only read in full when its opening holds no match.
const SNIPPET_WINDOW: usize = 16 * 1024;

/// The best snippet of `text`, looked for in its first [`SNIPPET_WINDOW`]
/// bytes (cut at a char boundary) and, when none is found there, in the
/// whole text.
fn snippet_of(snippeter: &mut Snippeter, text: &str) -> Option<Snippet> {
    if text.len() > SNIPPET_WINDOW {
        let mut end = SNIPPET_WINDOW;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(snip) = snippeter.snippet(&text[..end]) {
            return Some(snip);
        }
    }
    snippeter.snippet(text)
}

impl Store {
    /// Searches the full-text index.
    pub fn search(&self, p: &SearchParams) -> Result<Vec<SearchHit>> {
        Ok(self.search_counted(p)?.hits)
    }

    /// How many undated documents the date filters of `p` leave out: 0
    /// without `from`/`to`, else the documents with no date that match the
    /// query and every other filter.
    pub fn search_undated_left_out(&self, p: &SearchParams) -> Result<u64> {
        if p.from.is_none() && p.to.is_none() {
            return Ok(0);
        }
        let all = self.search_counted(&SearchParams {
            from: None,
            to: None,
            limit: 1,
            offset: 0,
            facets: true,
            ..p.clone()
        })?;
        Ok(all.facets.map_or(0, |f| f.undated))
    }

    /// Searches the full-text index, also counting every match (and the
    /// facets, when asked).
    pub fn search_counted(&self, p: &SearchParams) -> Result<SearchResults> {
        self.catch_up_index()?;
        let f = self.ft.fields;
        let searcher = self.ft.searcher()?;
        let q = p.query.trim();
        let (user, highlight, notice): (Box<dyn Query>, Box<dyn Query>, Option<String>) =
            if q.is_empty() || q == "*" {
                (Box::new(AllQuery), Box::new(AllQuery), None)
            } else {
                let parsed = user_query::parse(q).map_err(StoreError::Query)?;
                let mut b = user_query::Builder { fields: f, analyzer: crate::index::text_analyzer() };
                (b.query(&parsed.node, false), b.query(&parsed.node, true), parsed.notice)
            };
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(name) = &p.entity {
            let eids = self.filter_entities(name)?;
            let mut seqs: Vec<i64> = Vec::new();
            let mut stmt = self.conn().prepare_cached(
                "SELECT doc FROM mentions WHERE entity = ?1 UNION SELECT doc FROM quotes WHERE sp_entity = ?1",
            )?;
            for eid in &eids {
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
            if !matches!((&a, &b), (Bound::Unbounded, Bound::Unbounded)) {
                must.push((Occur::Must, Box::new(RangeQuery::new(a, b))));
            }
        }
        if let Some(site) = &p.site {
            let term = Term::from_field_text(f.site, &site.to_lowercase());
            must.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        // A lone user query is searched as it is, so tantivy can skip
        // blocks that cannot reach the top hits.
        let query: Box<dyn Query> = if must.is_empty() {
            user.box_clone()
        } else {
            must.insert(0, (Occur::Must, user.box_clone()));
            Box::new(BooleanQuery::new(must))
        };
        let want = (p.offset + p.limit).max(1);
        let top_n = if p.facets { want.max(ENTITY_FACET_DOCS) } else { want };
        let (top, total, facets) = if p.facets {
            // Facets visit every hit anyway: that pass counts them too.
            let counter = {
                let mut sites = self.sites_table.lock().unwrap_or_else(|e| e.into_inner());
                self.load_sites(&mut sites)?;
                FacetCounter { of_seq: Arc::clone(&sites.of_seq), sites: sites.names.len() }
            };
            let (top, tally) = searcher.search(&*query, &(TopDocs::with_limit(top_n), counter))?;
            let total = tally.hits;
            let facets = self.facets(&searcher, &top, tally)?;
            (top, total, Some(facets))
        } else {
            // One pass ranks and counts (measured: counting apart, then
            // ranking with block skipping, was slower on 100k documents).
            let (top, total) = searcher.search(&*query, &(TopDocs::with_limit(top_n), Count))?;
            (top, total, None)
        };
        let top = if p.collapse_copies { self.collapsed(&searcher, &*query, top, top_n, want)? } else { top };
        let mut snippets = Snippeter::create(&searcher, &*highlight, f.text, SNIPPET_CHARS)?;
        let mut hits = Vec::with_capacity(p.limit);
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, site, published, url, path, text FROM documents WHERE seq = ?1",
        )?;
        let mut seq_of = SeqOf::new(&searcher);
        for (score, addr) in top.into_iter().skip(p.offset).take(p.limit) {
            let Some(seq) = seq_of.get(addr)? else { continue };
            let Some((doc, text)) = stmt
                .query_row([seq], |r| Ok((doc_ref(r)?, r.get::<_, String>(6)?)))
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
            else {
                continue;
            };
            let (snippet, highlights) = match snippet_of(&mut snippets, &text) {
                None => (text.chars().take(SNIPPET_CHARS).collect::<String>(), Vec::new()),
                Some(snip) => {
                    let frag = &text[snip.range];
                    let hl = snip
                        .highlighted
                        .iter()
                        .map(|r| [frag[..r.start].chars().count(), frag[..r.end].chars().count()])
                        .collect();
                    (frag.to_string(), hl)
                }
            };
            let copies = self.copy_cluster(seq)?.map(|(_, n)| n);
            hits.push(SearchHit { id: doc.id.clone(), doc, score, snippet, highlights, copies });
        }
        Ok(SearchResults { total, hits, facets, notice })
    }

    /// The best hits with one per copies cluster, at least `want` of them
    /// when the query has that many clusters: `top` (the best `top_n`
    /// hits) collapsed, searched again deeper while too few are left, up
    /// to [`MAX_COLLAPSE_DEPTH`] hits.
    fn collapsed(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        mut top: Vec<(Score, DocAddress)>,
        mut top_n: usize,
        want: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        loop {
            let mut seq_of = SeqOf::new(searcher);
            let mut seen = std::collections::HashSet::new();
            let mut kept = Vec::with_capacity(want);
            for &(score, addr) in &top {
                let cluster = match seq_of.get(addr)? {
                    Some(seq) => self.copy_cluster(seq)?.map(|(c, _)| c),
                    None => None,
                };
                if cluster.is_none_or(|c| seen.insert(c)) {
                    kept.push((score, addr));
                }
            }
            if kept.len() >= want || top.len() < top_n || top_n >= MAX_COLLAPSE_DEPTH {
                return Ok(kept);
            }
            top_n = (top_n * 4).min(MAX_COLLAPSE_DEPTH);
            top = searcher.search(query, &TopDocs::with_limit(top_n))?;
        }
    }

    /// The facets of a search from its hits' tally and best hits.
    fn facets(&self, searcher: &Searcher, top: &[(Score, DocAddress)], tally: Tally) -> Result<Facets> {
        let Tally { sites: site_counts, months, first, last, undated, .. } = tally;
        let sites_tab = self.sites_table.lock().unwrap_or_else(|e| e.into_inner());
        let mut sites: Vec<FacetCount> = site_counts
            .into_iter()
            .enumerate()
            .filter(|&(_, c)| c > 0)
            .map(|(n, c)| FacetCount { value: sites_tab.names[n].clone(), documents: c })
            .collect();
        drop(sites_tab);
        sites.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.value.cmp(&b.value)));
        sites.truncate(FACET_VALUES);
        let months = months
            .into_sorted()
            .into_iter()
            .map(|(m, c)| FacetCount { value: format!("{:04}-{:02}", m / 100, m % 100), documents: c })
            .collect();
        // Entities over the best hits: each hit's linked mentions, read
        // from the (doc, sent, entity) index, counted once per hit.
        let mut seqs: Vec<i64> = Vec::with_capacity(top.len().min(ENTITY_FACET_DOCS));
        let mut seq_of = SeqOf::new(searcher);
        for (_, addr) in top.iter().take(ENTITY_FACET_DOCS) {
            if let Some(seq) = seq_of.get(*addr)? {
                seqs.push(seq);
            }
        }
        // Entity → (hits mentioning it, last hit counted), so an entity
        // named many times in one hit counts once without sorting its rows.
        let mut per_entity: HashMap<i64, (u64, usize)> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT entity FROM mentions INDEXED BY mentions_doc_sent WHERE doc = ?1 AND entity IS NOT NULL",
        )?;
        for (i, &seq) in seqs.iter().enumerate() {
            let mut rows = stmt.query([seq])?;
            while let Some(r) = rows.next()? {
                let e: i64 = r.get(0)?;
                let slot = per_entity.entry(e).or_insert((0, usize::MAX));
                if slot.1 != i {
                    *slot = (slot.0 + 1, i);
                }
            }
        }
        let mut ranked: Vec<(i64, u64)> = per_entity.into_iter().map(|(e, (n, _))| (e, n)).collect();
        let by_count = |a: &(i64, u64), b: &(i64, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > FACET_VALUES {
            ranked.select_nth_unstable_by(FACET_VALUES, by_count);
            ranked.truncate(FACET_VALUES);
        }
        ranked.sort_unstable_by(by_count);
        let entities = ranked
            .into_iter()
            .map(|(e, n)| Ok(EntityFacet { entity: self.entity_ref(e)?, documents: n }))
            .collect::<Result<Vec<_>>>()?;
        Ok(Facets {
            sites,
            months,
            first_day: (first != i64::MAX).then(|| day_string(first)),
            last_day: (last != i64::MIN).then(|| day_string(last)),
            undated,
            entities,
            entity_docs: seqs.len(),
        })
    }

    /// Brings the `seq → site` table up to the last stored document.
    fn load_sites(&self, t: &mut SiteTable) -> Result<()> {
        let max: i64 =
            self.conn().query_row("SELECT coalesce(max(seq), 0) FROM documents", [], |r| r.get(0))?;
        if max <= t.upto {
            return Ok(());
        }
        // The first load reads the site index (small) rather than the
        // document rows (large); later ones read the new rows only.
        let sql = if t.upto == 0 {
            "SELECT seq, site FROM documents INDEXED BY documents_site WHERE site IS NOT NULL AND seq > ?1"
        } else {
            "SELECT seq, site FROM documents WHERE seq > ?1 AND site IS NOT NULL"
        };
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut rows = stmt.query([t.upto])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let site: String = r.get(1)?;
            if !site.is_empty() {
                t.add(seq, &site);
            }
        }
        t.upto = max;
        Ok(())
    }
}

/// The `seq` of hits, from the fast field, each segment's column opened
/// once.
struct SeqOf<'a> {
    searcher: &'a Searcher,
    columns: Vec<Option<Column<u64>>>,
}

impl<'a> SeqOf<'a> {
    fn new(searcher: &'a Searcher) -> Self {
        SeqOf { searcher, columns: vec![None; searcher.segment_readers().len()] }
    }

    fn get(&mut self, addr: DocAddress) -> Result<Option<i64>> {
        let i = addr.segment_ord as usize;
        if self.columns.get(i).is_some_and(Option::is_none) {
            self.columns[i] = Some(self.searcher.segment_reader(addr.segment_ord).fast_fields().u64("seq")?);
        }
        Ok(self.columns.get(i).and_then(Option::as_ref).and_then(|c| c.first(addr.doc_id)).map(|v| v as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_counts_equal_a_map() {
        // Months spread both ways from the first key, repeats, and far
        // outliers (odd years) that must not grow the array.
        let keys: Vec<i64> = vec![
            201_003, 200_912, 201_003, 199_901, 201_112, 200_001, 99, -5, 999_912, 201_003, 201_004, 185_007,
        ];
        let mut d = DenseCounts::default();
        let mut want: std::collections::BTreeMap<i64, u64> = Default::default();
        for &k in &keys {
            d.add_n(k, 1);
            *want.entry(k).or_default() += 1;
        }
        assert!(d.counts.len() as i64 <= 2 * DENSE_SPAN, "{}", d.counts.len());
        assert_eq!(d.into_sorted(), want.into_iter().collect::<Vec<_>>());
        assert!(DenseCounts::default().into_sorted().is_empty());
    }

    #[test]
    fn site_table_grows_and_folds_case() {
        let mut t = SiteTable::default();
        t.add(3, "Wikinews");
        t.add(1, "wikinews");
        t.add(2, "BBC");
        assert_eq!(t.names, vec!["Wikinews".to_string(), "BBC".to_string()]);
        assert_eq!(*t.of_seq, vec![u32::MAX, 0, 1, 0]);
        assert_eq!(day_string(20_100_826), "2010-08-26");
    }

    fn snippeter(term: &str) -> Snippeter {
        Snippeter::new(vec![(term.to_string(), 1.0)], crate::index::text_analyzer(), SNIPPET_CHARS)
    }

    #[test]
    fn snippet_found_in_the_window_or_the_whole_text() {
        let mut g = snippeter("elect");
        let frag = |t: &str, s: Option<Snippet>| t[s.expect("a snippet").range].to_string();
        // Early match: found in the window.
        let early = format!("The elections were held. {}", "filler é ".repeat(4000));
        assert!(early.len() > SNIPPET_WINDOW);
        assert!(frag(&early, snippet_of(&mut g, &early)).contains("elections"));
        // Match only past the window (after a multi-byte boundary): the whole text is read.
        let late = format!("{}then the elections came.", "filler é ".repeat(4000));
        assert!(frag(&late, snippet_of(&mut g, &late)).contains("elections"));
        // No match anywhere, short or long: no snippet, no panic.
        assert!(snippet_of(&mut g, &"nothing ".repeat(5000)).is_none());
        assert!(snippet_of(&mut g, "").is_none());
    }
}
