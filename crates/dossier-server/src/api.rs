//! The JSON API: one handler per endpoint. Each checks its parameters
//! (unknown, repeated, malformed or out-of-range ones are a 400), calls one
//! store query on a pooled store, and serialises the store's own result
//! structs. Lists are paginated with `limit` and `offset`; a list whose
//! total the store does not count says `has_more` instead.
//!
//! Limits: the query string is at most [`MAX_QUERY_BYTES`] bytes, a text
//! parameter at most [`MAX_TEXT_CHARS`] characters, a page at most
//! [`MAX_LIMIT`] items, and `offset + limit` at most [`MAX_WINDOW`] (deep
//! pages cost the store as much as all the pages before them).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dossier_store::{GraphParams, QuoteParams, SearchParams, Store, TimelineParams};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{ApiError, AppState, StorePool};

/// Longest accepted query string, bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Longest accepted text parameter, characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Most items in one page.
pub const MAX_LIMIT: usize = 100;
/// Deepest item a page may reach (`offset + limit`).
pub const MAX_WINDOW: usize = 10_000;
/// Most edges `/api/graph` returns.
pub const MAX_GRAPH_EDGES: usize = 2_000;
/// Longest accepted id in a path, bytes.
const MAX_ID_BYTES: usize = 256;

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents/{id}/copies", get(copies))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/statements/{id}", get(statement))
        .route("/api/timeline", get(timeline))
        .route("/api/graph", get(graph))
        .route("/api/stats", get(stats))
}

/// The fallback: a JSON 404 for any path no route serves.
pub async fn not_found(uri: Uri) -> ApiError {
    let path: String = uri.path().chars().take(200).collect();
    ApiError::not_found(format!("no such path: {path}"))
}

/// The method fallback: a JSON 405 for a method a path does not take.
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> ApiError {
    let path: String = uri.path().chars().take(200).collect();
    ApiError {
        status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: format!("{path} does not take {method}"),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// Decoded query parameters, checked against the names an endpoint knows.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string, refusing names not in `known`, repeated
    /// names, bad percent-encoding and strings longer than
    /// [`MAX_QUERY_BYTES`].
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(ApiError::bad_parameter(format!(
                "the query string is longer than {MAX_QUERY_BYTES} bytes"
            )));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let k = percent_decode(k)?;
            let v = percent_decode(v)?;
            if !known.contains(&k.as_str()) {
                let k: String = k.chars().take(40).collect();
                return Err(ApiError::bad_parameter(format!(
                    "unknown parameter {k:?} (this endpoint takes: {})",
                    known.join(", ")
                )));
            }
            if pairs.iter().any(|(x, _)| *x == k) {
                return Err(ApiError::bad_parameter(format!("parameter {k:?} is given twice")));
            }
            pairs.push((k, v));
        }
        Ok(Params { pairs })
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A text parameter, trimmed; `None` when absent or blank.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.raw(name).map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
        if v.chars().count() > MAX_TEXT_CHARS {
            return Err(ApiError::bad_parameter(format!(
                "{name} is longer than {MAX_TEXT_CHARS} characters"
            )));
        }
        Ok(Some(v.to_string()))
    }

    /// A non-negative integer parameter in `min..=max`, `default` when absent.
    pub fn uint(&self, name: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(v) = self.raw(name).map(str::trim).filter(|v| !v.is_empty()) else { return Ok(default) };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_parameter(format!(
                "{name} must be an integer from {min} to {max}, not {:?}",
                short(v)
            ))),
        }
    }

    /// A boolean parameter (`true`/`1` or `false`/`0`), `false` when absent.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.raw(name).map(str::trim).unwrap_or("") {
            "" | "false" | "0" => Ok(false),
            "true" | "1" => Ok(true),
            v => Err(ApiError::bad_parameter(format!("{name} must be true or false, not {:?}", short(v)))),
        }
    }

    /// A number from 0 to 1 (a confidence); `None` when absent.
    pub fn fraction(&self, name: &str) -> Result<Option<f64>, ApiError> {
        let Some(v) = self.raw(name).map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
        match v.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(Some(x)),
            _ => Err(ApiError::bad_parameter(format!(
                "{name} must be a number from 0 to 1, not {:?}",
                short(v)
            ))),
        }
    }

    /// A date parameter (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name)? else { return Ok(None) };
        if !dossier_store::util::is_calendar_date(&v) {
            return Err(ApiError::bad_parameter(format!(
                "{name} must be a calendar date YYYY, YYYY-MM or YYYY-MM-DD, not {:?}",
                short(&v)
            )));
        }
        Ok(Some(v))
    }

    /// `limit` and `offset`, checked against [`MAX_LIMIT`] and [`MAX_WINDOW`].
    /// `limit=0` means what `--limit 0` means in the CLI, "all": here as
    /// many as a page holds ([`MAX_LIMIT`]), `has_more` telling whether
    /// more follow.
    pub fn page(&self, default_limit: usize) -> Result<Page, ApiError> {
        let limit = match self.uint("limit", default_limit, 0, MAX_LIMIT)? {
            0 => MAX_LIMIT,
            n => n,
        };
        let offset = self.uint("offset", 0, 0, MAX_WINDOW)?;
        if offset + limit > MAX_WINDOW {
            return Err(ApiError::bad_parameter(format!("offset + limit must be at most {MAX_WINDOW}")));
        }
        Ok(Page { limit, offset })
    }
}

fn short(v: &str) -> String {
    v.chars().take(40).collect()
}

/// Decodes `%XX` escapes and `+` (a space in a query string); fails on a bad
/// escape or on bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Result<String, ApiError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => return Err(ApiError::bad_parameter("bad percent-encoding in the query string")),
                }
                i += 3;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| ApiError::bad_parameter("the query string is not UTF-8"))
}

/// A page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Items per page.
    pub limit: usize,
    /// Items skipped.
    pub offset: usize,
}

impl Page {
    /// Cuts one page out of the first `offset + limit + 1` items a store
    /// query returned, telling whether more follow.
    fn cut<T: Serialize>(self, mut items: Vec<T>) -> Value {
        let has_more = items.len() > self.offset + self.limit;
        items.truncate(self.offset + self.limit);
        let items: Vec<T> = items.into_iter().skip(self.offset).collect();
        json!({ "offset": self.offset, "limit": self.limit, "has_more": has_more, "items": items })
    }

    /// How many items to ask the store for.
    fn fetch(self) -> usize {
        self.offset + self.limit + 1
    }

    /// Wraps a page the store already cut (asked for `limit + 1` items
    /// after `offset`), telling whether more follow.
    fn wrap<T: Serialize>(self, mut items: Vec<T>) -> PageOut<T> {
        let has_more = items.len() > self.limit;
        items.truncate(self.limit);
        PageOut { offset: self.offset, limit: self.limit, has_more, items }
    }
}

/// A page of a list, as answered.
#[derive(Debug, Serialize)]
pub struct PageOut<T> {
    /// Items skipped.
    pub offset: usize,
    /// Items per page.
    pub limit: usize,
    /// Whether items follow this page.
    pub has_more: bool,
    /// The items.
    pub items: Vec<T>,
}

/// `/api/entities`: the most mentioned, or the matches of a look-up.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum EntitiesOut {
    Top(PageOut<dossier_store::TopEntity>),
    Found(PageOut<dossier_store::EntityMatch>),
}

/// A page of search hits, as answered.
#[derive(Debug, Serialize)]
struct SearchPage {
    total: usize,
    offset: usize,
    limit: usize,
    hits: Vec<dossier_store::SearchHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<dossier_store::Facets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
    /// Undated documents the date filter left out (0 without one).
    undated_left_out: u64,
}

/// Checks an id taken from a path.
fn path_id(id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id.len() > MAX_ID_BYTES || id.chars().any(char::is_control) {
        return Err(ApiError::bad_parameter("bad id"));
    }
    Ok(id.to_string())
}

/// Runs a store query on a pooled store and answers its result as JSON,
/// serialised on the same blocking thread, straight to bytes.
pub(crate) async fn run<T, F>(pool: &Arc<StorePool>, f: F) -> Result<Response, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let body = pool
        .run(move |store| {
            let v = f(store)?;
            serde_json::to_vec(&v).map_err(|e| ApiError::internal(format!("cannot serialise: {e}")))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(
        q.as_deref(),
        &["q", "entity", "from", "to", "site", "limit", "offset", "facets", "collapse_copies"],
    )?;
    let page = p.page(20)?;
    let params = SearchParams {
        query: p.text("q")?.unwrap_or_default(),
        entity: p.text("entity")?,
        from: p.date("from")?,
        to: p.date("to")?,
        site: p.text("site")?,
        limit: page.limit,
        offset: page.offset,
        facets: p.flag("facets")?,
        collapse_copies: p.flag("collapse_copies")?,
    };
    run(&s.pool, move |store| {
        let r = store.search_counted(&params)?;
        let undated_left_out = store.search_undated_left_out(&params)?;
        Ok(SearchPage {
            total: r.total,
            offset: page.offset,
            limit: page.limit,
            hits: r.hits,
            facets: r.facets,
            notice: r.notice,
            undated_left_out,
        })
    })
    .await
}

async fn document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    of_document(s, &id, q, Store::document).await
}

/// The copies cluster of a document: origin, members and the measured
/// overlap of each confirmed pair.
async fn copies(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    of_document(s, &id, q, Store::copies).await
}

/// A statement cluster (`s123`, from a quote's `statement.id`): the same
/// statement in several documents, its counts, chain and evidence.
async fn statement(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    of_document(s, &id, q, Store::statement).await
}

/// An endpoint about one document: no query parameters, the id checked,
/// one store query.
async fn of_document<T: Serialize + Send + 'static>(
    s: AppState,
    id: &str,
    q: Option<String>,
    query: fn(&Store, &str) -> dossier_store::Result<T>,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = path_id(id)?;
    run(&s.pool, move |store| Ok(query(store, &id)?)).await
}

async fn entities(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["q", "limit", "offset"])?;
    let page = p.page(20)?;
    let name = p.text("q")?;
    run(&s.pool, move |store| match name {
        None => Ok(EntitiesOut::Top(page.wrap(store.top_entities_page(page.limit + 1, page.offset)?))),
        Some(name) => {
            if page.offset + page.limit > dossier_store::MAX_LOOKUP {
                return Err(ApiError::bad_parameter(format!(
                    "a look-up serves its first {} matches",
                    dossier_store::MAX_LOOKUP
                )));
            }
            Ok(EntitiesOut::Found(page.wrap(store.lookup_entities(&name, page.limit + 1, page.offset)?)))
        }
    })
    .await
}

async fn entity(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["limit", "offset", "min_confidence"])?;
    let page = p.page(20)?;
    // Its quotes are presented as its words: the less certain ones apart.
    let min = p.fraction("min_confidence")?.unwrap_or(dossier_store::SPEAKER_MIN_CONFIDENCE);
    let id = path_id(&id)?;
    run(&s.pool, move |store| Ok(store.entity_profile_filtered(&id, page.limit, page.offset, Some(min))?))
        .await
}

/// A page of quotes, as answered.
#[derive(Debug, Serialize)]
struct QuotesPage {
    #[serde(flatten)]
    page: PageOut<dossier_store::QuoteHit>,
    /// Quotes matching the filters.
    total: i64,
    /// The confidence filter applied (by default, for quotes by a speaker,
    /// [`dossier_store::SPEAKER_MIN_CONFIDENCE`]).
    min_confidence: Option<f64>,
    /// Quotes the confidence filter left out (less certain attributions).
    less_certain: i64,
    /// Undated quotes a date filter left out.
    undated_left_out: i64,
}

async fn quotes(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(
        q.as_deref(),
        &["speaker", "about", "via", "from", "to", "doc", "kind", "min_confidence", "limit", "offset"],
    )?;
    let page = p.page(20)?;
    let speaker = p.text("speaker")?;
    // Quotes by a speaker are presented as their words: less certain
    // attributions are left out unless asked for (`min_confidence=0`).
    let min_confidence = match p.fraction("min_confidence")? {
        Some(c) => Some(c),
        None if speaker.is_some() => Some(dossier_store::SPEAKER_MIN_CONFIDENCE),
        None => None,
    };
    let kind = p.text("kind")?;
    if let Some(k) = &kind {
        if !matches!(k.as_str(), "direct" | "indirect" | "mixed") {
            return Err(ApiError::bad_parameter(format!(
                "kind must be direct, indirect or mixed, not {:?}",
                short(k)
            )));
        }
    }
    let params = QuoteParams {
        speaker,
        about: p.text("about")?,
        from: p.date("from")?,
        to: p.date("to")?,
        doc: p.text("doc")?,
        kind,
        min_confidence,
        below_confidence: None,
        via: p.text("via")?,
        limit: page.limit + 1,
        offset: page.offset,
    };
    run(&s.pool, move |store| {
        let items = store.quotes(&params)?;
        let total = store.count_quotes(&params)?;
        let less_certain = match params.min_confidence {
            Some(c) if c > 0.0 => store.count_quotes(&QuoteParams {
                min_confidence: None,
                below_confidence: Some(c),
                ..params.clone()
            })?,
            _ => 0,
        };
        let undated_left_out = store.quotes_undated_left_out(&params)?;
        Ok(QuotesPage { page: page.wrap(items), total, min_confidence, less_certain, undated_left_out })
    })
    .await
}

async fn timeline(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["entity", "from", "to", "limit", "offset", "by"])?;
    match p.text("by")?.as_deref() {
        None => {}
        Some("month") => {
            let Some(entity) = p.text("entity")? else {
                return Err(ApiError::bad_parameter(
                    "by=month needs an entity (the corpus' months are in /api/stats)",
                ));
            };
            if p.text("from")?.is_some()
                || p.text("to")?.is_some()
                || p.text("limit")?.is_some()
                || p.text("offset")?.is_some()
            {
                return Err(ApiError::bad_parameter("by=month takes only entity"));
            }
            return run(&s.pool, move |store| {
                Ok(json!({ "entity": entity, "months": store.entity_months(&entity)? }))
            })
            .await;
        }
        Some(other) => {
            return Err(ApiError::bad_parameter(format!("by must be month, not {:?}", short(other))))
        }
    }
    let page = p.page(100)?;
    let params = TimelineParams {
        entity: p.text("entity")?,
        from: p.date("from")?,
        to: p.date("to")?,
        limit: page.fetch(),
    };
    run(&s.pool, move |store| Ok(page.cut(store.timeline(&params)?))).await
}

async fn graph(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["min_weight", "limit", "offset"])?;
    let min_weight = p.uint("min_weight", 1, 1, 1_000_000)?;
    let limit = p.uint("limit", 500, 1, MAX_GRAPH_EDGES)?;
    let offset = p.uint("offset", 0, 0, MAX_WINDOW)?;
    // The whole graph is computed over every mention: on a large store it
    // takes seconds, so only one is computed at a time.
    let heavy =
        match tokio::time::timeout(std::time::Duration::from_secs(60), s.heavy.clone().acquire_owned()).await
        {
            Ok(Ok(p)) => p,
            _ => return Err(ApiError::busy()),
        };
    run(&s.pool, move |store| {
        // Held until the query ends, even if the client has gone.
        let _heavy = heavy;
        let g = store.graph(&GraphParams { min_weight: min_weight as i64 })?;
        // Edges come heaviest first: keep the heaviest `limit` and the
        // nodes they touch.
        let total_edges = g.edges.len();
        let edges: Vec<_> = g.edges.into_iter().skip(offset).take(limit).collect();
        let keep: std::collections::HashSet<&str> =
            edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]).collect();
        let nodes: Vec<_> = g.nodes.iter().filter(|n| keep.contains(n.id.as_str())).collect();
        Ok(json!({
            "min_weight": min_weight,
            "offset": offset,
            "limit": limit,
            "total_nodes": g.nodes.len(),
            "total_edges": total_edges,
            "nodes": nodes,
            "edges": edges,
        }))
    })
    .await
}

async fn stats(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["top"])?;
    let top = p.uint("top", 20, 0, MAX_LIMIT)?;
    let cache = s.stats_cache.clone();
    run(&s.pool, move |store| {
        // Answered from the cache while the store has not changed.
        let gen = store.generation()?;
        if let Some((g, t, v)) = &*cache.lock().unwrap_or_else(|e| e.into_inner()) {
            if *g == gen && *t == top {
                return Ok(v.clone());
            }
        }
        let stats = store.stats()?;
        let top_entities = if top == 0 { Vec::new() } else { store.top_entities(top)? };
        let sites = store.sites(MAX_LIMIT)?;
        let documents_per_month = store.documents_per_month()?;
        let v = json!({
            "stats": stats,
            "speaker_min_confidence": dossier_store::SPEAKER_MIN_CONFIDENCE,
            "top_entities": top_entities,
            "sites": sites,
            "documents_per_month": documents_per_month,
        });
        *cache.lock().unwrap_or_else(|e| e.into_inner()) = Some((gen, top, v.clone()));
        Ok(v)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[test]
    fn params_decode_and_refuse_unknown_or_repeated_names() {
        let p = Params::parse(Some("q=Kiljunen+said&limit=5&entity=%C3%A9lise"), &["q", "limit", "entity"])
            .unwrap();
        assert_eq!(p.text("q").unwrap().as_deref(), Some("Kiljunen said"));
        assert_eq!(p.text("entity").unwrap().as_deref(), Some("élise"));
        assert_eq!(p.uint("limit", 20, 1, 100).unwrap(), 5);
        assert_eq!(Params::parse(Some("x=1"), &["q"]).unwrap_err().status, StatusCode::BAD_REQUEST);
        assert!(Params::parse(Some("q=1&q=2"), &["q"]).is_err());
        assert!(Params::parse(Some("q=%zz"), &["q"]).is_err());
        assert!(Params::parse(Some("q=%ff"), &["q"]).is_err());
        assert!(Params::parse(Some(&"q=a".repeat(2000)), &["q"]).is_err());
        assert!(Params::parse(None, &[]).is_ok());
    }

    #[test]
    fn numbers_dates_and_pages_are_checked() {
        let p = Params::parse(
            Some("limit=0&offset=-1&from=2010-13&to=2010-09-01"),
            &["limit", "offset", "from", "to"],
        )
        .unwrap();
        assert!(p.uint("limit", 20, 1, 100).is_err());
        assert!(p.uint("offset", 0, 0, 100).is_err());
        assert!(p.date("from").is_err(), "month 13");
        assert_eq!(p.date("to").unwrap().as_deref(), Some("2010-09-01"));
        let p = Params::parse(Some("from=yesterday"), &["from"]).unwrap();
        assert!(p.date("from").is_err());
        let p = Params::parse(Some("from=2010-02-30&to=2012-02-29"), &["from", "to"]).unwrap();
        assert!(p.date("from").is_err());
        assert_eq!(p.date("to").unwrap().as_deref(), Some("2012-02-29"));
        let p = Params::parse(Some("limit=100&offset=9950"), &["limit", "offset"]).unwrap();
        assert!(p.page(20).is_err());
        let p = Params::parse(Some("limit=3&offset=2"), &["limit", "offset"]).unwrap();
        let page = p.page(20).unwrap();
        let v = page.cut((0..page.fetch()).collect::<Vec<_>>());
        assert_eq!(v["items"], json!([2, 3, 4]));
        assert_eq!(v["has_more"], json!(true));
        let v = page.cut((0..5).collect::<Vec<_>>());
        assert_eq!(v["items"], json!([2, 3, 4]));
        assert_eq!(v["has_more"], json!(false));
    }

    #[test]
    fn text_parameters_are_bounded() {
        let long = format!("q={}", "é".repeat(MAX_TEXT_CHARS + 1));
        let p = Params::parse(Some(&long), &["q"]).unwrap();
        assert!(p.text("q").is_err());
        let ok = format!("q={}", "é".repeat(MAX_TEXT_CHARS));
        assert!(Params::parse(Some(&ok), &["q"]).unwrap().text("q").unwrap().is_some());
        let p = Params::parse(Some("q=+++"), &["q"]).unwrap();
        assert_eq!(p.text("q").unwrap(), None);
    }
}
