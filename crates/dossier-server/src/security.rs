//! The security edge: the bearer-token check and the headers on every
//! response.
//!
//! - With a token, every `/api/` request must carry `Authorization: Bearer
//!   <token>` (compared in constant time) or gets a JSON 401. The UI shell
//!   (`/` and `/ui/...`: HTML, CSS and scripts compiled into the binary,
//!   holding no store data) is served without it, since a browser cannot add
//!   a header to a page load; the UI asks for the token and sends it with
//!   each API call.
//! - While the server listens on a loopback address, a request whose `Host`
//!   is not a loopback name is refused (403): a hostile web page that points
//!   its own domain at 127.0.0.1 (DNS rebinding) cannot read the API.
//! - Every response carries a Content-Security-Policy that allows scripts,
//!   styles, images and connections from the server itself only (no inline
//!   scripts or styles, no outside origin), plus `nosniff`, no referrer and
//!   no framing. API responses are not cached.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, AppState};

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Compares two byte strings in time that depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the headers carry `Authorization: Bearer <token>`.
pub fn bearer_ok(headers: &HeaderMap, token: &str) -> bool {
    let Some(v) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else { return false };
    let Some((scheme, given)) = v.trim().split_once(' ') else { return false };
    scheme.eq_ignore_ascii_case("bearer") && constant_time_eq(given.trim().as_bytes(), token.as_bytes())
}

/// Whether a `Host` header names this machine's loopback interface.
pub fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':')
            .map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// Middleware: the `Host` check on loopback and the token check on `/api/`.
pub async fn check_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.loopback_only {
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        if !loopback_host(host) {
            let e = ApiError {
                status: StatusCode::FORBIDDEN,
                code: "forbidden_host",
                message: "this server answers requests for localhost only".into(),
            };
            return e.into_response();
        }
    }
    if let Some(token) = &state.token {
        if req.uri().path().starts_with("/api/") && !bearer_ok(req.headers(), token) {
            let mut r = ApiError::unauthorized().into_response();
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    next.run(req).await
}

/// Middleware: security headers on every response.
pub async fn headers(req: Request<Body>, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_checked_exactly() {
        let mut h = HeaderMap::new();
        assert!(!bearer_ok(&h, "s3cret"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        assert!(bearer_ok(&h, "s3cret"));
        assert!(!bearer_ok(&h, "s3cre"));
        assert!(!bearer_ok(&h, "s3cret!"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer s3cret"));
        assert!(bearer_ok(&h, "s3cret"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic s3cret"));
        assert!(!bearer_ok(&h, "s3cret"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer"));
        assert!(!bearer_ok(&h, "s3cret"));
    }

    #[test]
    fn loopback_hosts() {
        for ok in [
            "localhost",
            "localhost:8080",
            "127.0.0.1",
            "127.0.0.1:1",
            "127.9.9.9:80",
            "[::1]:8080",
            "[::1]",
            "a.localhost",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "10.0.0.1:80",
            "[::2]:80",
            "localhost.evil",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }
}
