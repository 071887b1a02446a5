//! The analyst's corrections over the API: the CLI's `merge`, `split`,
//! `distinct`, `decisions` and `undo` for the web UI.
//!
//! - `GET /api/decisions[?entity=ID]`: every decision (or those naming an
//!   entity), oldest first, with when and by whom each was made and undone,
//!   and `writable`: whether this server takes corrections.
//! - `POST /api/decisions` with a JSON body `{"kind": "merge", "a": A, "b":
//!   B}`, `{"kind": "distinct", "a": A, "b": B}` or `{"kind": "split", "a":
//!   A, "mentions": [{"doc": DOC, "span": [START, END]}]}` (no `span`: all of
//!   A's mentions in DOC): records one, answers it (201).
//! - `POST /api/decisions/{id}/undo`: undoes one.
//!
//! Writes are refused (403) unless the server was started with a token,
//! even on 127.0.0.1: without one it stays read-only. A write must carry
//! the token as a bearer header, or come from the UI with the session
//! cookie (`SameSite=Strict`, so no other site can make a browser send it)
//! AND the `X-Dossier: 1` header AND an `Origin` naming this server (a page
//! of another site can send neither without a CORS preflight, which this
//! server never grants). Any `Origin` must be this server's. Each decision
//! records its maker as `web:LABEL` (the token's label, `--token-label`).
//! Writes run one at a time on a read-write store opened for each; the
//! pool's read-only stores see them at their next query.

use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dossier_store::decisions::MentionRef;
use dossier_store::{Decision, Store};
use serde::Deserialize;
use serde_json::json;

use crate::api::Params;
use crate::security::{bearer_ok, cookie_ok};
use crate::{ApiError, AppState};

/// Largest accepted request body, bytes.
const MAX_BODY: usize = 64 * 1024;
/// Most mentions one split names.
const MAX_MENTIONS: usize = 1000;

/// What writes need: the store folder, a lock that makes them one at a
/// time, and who they are recorded as.
#[derive(Debug)]
pub struct Writes {
    dir: PathBuf,
    lock: tokio::sync::Mutex<()>,
    by: String,
}

impl Writes {
    /// Writes to the store in `dir`, recorded as made by `web:<label>`.
    pub fn new(dir: PathBuf, label: &str) -> Writes {
        let label: String =
            label.chars().filter(|c| !c.is_control()).take(64).collect::<String>().trim().to_string();
        let label = if label.is_empty() { "token".to_string() } else { label };
        Writes { dir, lock: tokio::sync::Mutex::new(()), by: format!("web:{label}") }
    }
}

/// The decision routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/decisions", get(list).post(create))
        .route("/api/decisions/{id}/undo", post(undo))
}

/// A new decision, as posted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewDecision {
    kind: String,
    a: String,
    b: Option<String>,
    #[serde(default)]
    mentions: Vec<MentionRef>,
}

fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError { status: StatusCode::FORBIDDEN, code, message: message.into() }
}

/// Whether a write may go ahead: the server has a token, any `Origin` is
/// this server, and the request carries the token, or the session cookie
/// with `X-Dossier: 1` and an `Origin`.
pub fn check_write(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Err(forbidden(
            "read_only",
            "this server is read-only: start `dossier serve` with --token (or DOSSIER_TOKEN) to make corrections",
        ));
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin = headers.get(header::ORIGIN).map(|o| o.to_str().unwrap_or("null"));
    if let Some(o) = origin {
        if !crate::security::same_origin(o, host) {
            return Err(forbidden("cross_origin", "a correction must come from this server's own pages"));
        }
    }
    if bearer_ok(headers, token) {
        return Ok(());
    }
    let custom = headers.get("x-dossier").and_then(|v| v.to_str().ok()) == Some("1");
    if cookie_ok(headers, &state.session) && custom && origin.is_some() {
        return Ok(());
    }
    Err(forbidden(
        "write_refused",
        "a correction needs `Authorization: Bearer <token>`, or the UI's session with the X-Dossier: 1 header",
    ))
}

/// Runs a write on a read-write store, one at a time.
async fn write<F>(state: &AppState, f: F) -> Result<Decision, ApiError>
where
    F: FnOnce(&mut Store, &str) -> Result<Decision, dossier_store::StoreError> + Send + 'static,
{
    let w = state.writes.clone();
    let _one = w.lock.lock().await;
    let w2 = w.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&w2.dir)?;
        Ok::<_, ApiError>(f(&mut store, &w2.by)?)
    })
    .await
    .unwrap_or_else(|_| Err(ApiError::internal("the correction failed unexpectedly")))
}

fn created(d: Decision) -> Response {
    (StatusCode::CREATED, Json(d)).into_response()
}

async fn list(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["entity"])?;
    let entity = p.text("entity")?;
    let writable = s.token.is_some();
    crate::api::run(&s.pool, move |store| {
        let mut items = store.decisions()?;
        if let Some(e) = &entity {
            let id = store.entity_id(e)?;
            // The entity and every entity merged into it or split from it.
            let mut ids = vec![id.clone()];
            let mut grew = true;
            while grew {
                grew = false;
                for d in &items {
                    for (x, y) in [(Some(&d.a), d.b.as_ref()), (d.b.as_ref(), Some(&d.a))] {
                        if let (Some(x), Some(y)) = (x, y) {
                            if ids.contains(x)
                                && !ids.contains(y)
                                && d.kind != dossier_store::DecisionKind::Distinct
                            {
                                ids.push(y.clone());
                                grew = true;
                            }
                        }
                    }
                }
            }
            items.retain(|d| ids.contains(&d.a) || d.b.as_ref().is_some_and(|b| ids.contains(b)));
        }
        Ok(json!({ "writable": writable, "items": items }))
    })
    .await
}

async fn create(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    check_write(&s, &headers)?;
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.trim().to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "bad_content_type",
            message: "send the decision as JSON (Content-Type: application/json)".into(),
        });
    }
    if body.len() > MAX_BODY {
        return Err(ApiError::bad_parameter(format!("the body is longer than {MAX_BODY} bytes")));
    }
    let d: NewDecision =
        serde_json::from_slice(&body).map_err(|e| ApiError::bad_parameter(format!("bad decision: {e}")))?;
    let need_b = || {
        d.b.clone()
            .filter(|b| !b.trim().is_empty())
            .ok_or_else(|| ApiError::bad_parameter(format!("a {} needs `b`, the other entity", d.kind)))
    };
    let a = d.a.trim().to_string();
    if a.is_empty() {
        return Err(ApiError::bad_parameter("a decision needs `a`, the entity it is about"));
    }
    let out = match d.kind.as_str() {
        "merge" => {
            let b = need_b()?;
            write(&s, move |st, by| st.merge_by(&a, &b, by)).await?
        }
        "distinct" => {
            let b = need_b()?;
            write(&s, move |st, by| st.distinct_by(&a, &b, by)).await?
        }
        "split" => {
            if d.mentions.is_empty() || d.mentions.len() > MAX_MENTIONS {
                return Err(ApiError::bad_parameter(format!(
                    "a split needs from 1 to {MAX_MENTIONS} mentions ({{\"doc\": ID}} or {{\"doc\": ID, \"span\": [START, END]}})"
                )));
            }
            if d.mentions.iter().any(|m| m.span.is_some_and(|[x, y]| x >= y)) {
                return Err(ApiError::bad_parameter(
                    "a mention's span must be [START, END] with START < END",
                ));
            }
            let mentions = d.mentions;
            write(&s, move |st, by| st.split_by(&a, &mentions, by)).await?
        }
        other => {
            let other: String = other.chars().take(40).collect();
            return Err(ApiError::bad_parameter(format!(
                "kind must be merge, split or distinct, not {other:?}"
            )));
        }
    };
    Ok(created(out))
}

async fn undo(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_write(&s, &headers)?;
    let id: i64 = id.parse().map_err(|_| ApiError::bad_parameter("a decision id is a number"))?;
    let d = write(&s, move |st, by| st.undo_by(id, by)).await?;
    Ok(Json(d).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cleaned() {
        assert_eq!(Writes::new("s".into(), " desk\n").by, "web:desk");
        assert_eq!(Writes::new("s".into(), "").by, "web:token");
    }
}
