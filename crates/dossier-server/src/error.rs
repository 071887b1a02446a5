//! Errors: [`ApiError`] is what a request can end in, always answered as a
//! JSON body `{"error": {"status": 400, "code": "bad_parameter", "message":
//! "..."}}` with a fitting status code, never a panic or a stack trace;
//! [`ServerError`] is what can stop the server from starting or running.

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dossier_store::StoreError;

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable machine-readable code (`bad_parameter`, `not_found`…).
    pub code: &'static str,
    /// A message for a person.
    pub message: String,
}

impl ApiError {
    /// 400: a parameter is missing, unknown, malformed or out of range.
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, code: "bad_parameter", message: message.into() }
    }

    /// 404: no such id or path.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: message.into() }
    }

    /// 401: the bearer token is missing or wrong.
    pub fn unauthorized() -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: "this server requires a token: send `Authorization: Bearer <token>`, or open \
                      /?token=<token> once in a browser"
                .into(),
        }
    }

    /// 500: the store failed. The message names the failure, never a
    /// backtrace.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, code: "internal", message: message.into() }
    }

    /// 503: every store of the pool stayed busy too long.
    pub fn busy() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: "the server is busy; try again".into(),
        }
    }

    /// 503: the query ran past its time budget and was stopped.
    pub fn too_slow(budget: std::time::Duration) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "query_too_slow",
            message: format!(
                "the query took longer than {} s and was stopped; narrow it",
                budget.as_secs_f32()
            ),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NotFound(m) => ApiError::not_found(m),
            StoreError::Invalid(m) => ApiError::bad_parameter(m),
            StoreError::Query(q) => ApiError::bad_parameter(q),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "code": self.code, "message": self.message }
        });
        (self.status, Json(body)).into_response()
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The async runtime could not be built.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// Serving failed.
    #[error("server failed: {0}")]
    Serve(std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_fitting_statuses() {
        assert_eq!(ApiError::from(StoreError::NotFound("x".into())).status, StatusCode::NOT_FOUND);
        assert_eq!(ApiError::from(StoreError::Invalid("x".into())).status, StatusCode::BAD_REQUEST);
        assert_eq!(ApiError::from(StoreError::Busy("x".into())).status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
