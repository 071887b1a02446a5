//! The security edge: the bearer-token check and the headers on every
//! response.
//!
//! - With a token, EVERY request (API, UI shell, UI assets) must carry
//!   `Authorization: Bearer <token>` (compared in constant time) or the
//!   session cookie, or it gets a JSON 401. A browser cannot add a header
//!   to a page load, so it gets the cookie by opening `/?token=<token>`
//!   once: the server answers with a redirect to `/` (the token leaves the
//!   address bar and the history) and sets `dossier_session`, a random value
//!   made at start (not the token, so the cookie reveals nothing of it and
//!   dies with the process), `HttpOnly` (scripts cannot read it) and
//!   `SameSite=Strict` (no other site can make the browser send it, so no
//!   cross-site request forgery or embedding). The token is never accepted
//!   in the URL of any other request.
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

/// The name of the session cookie.
pub const COOKIE: &str = "dossier_session";

/// A new random session value: 32 bytes from the operating system, hex.
pub fn new_session_id() -> String {
    use std::io::Read;
    let mut b = [0u8; 32];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut b)).is_ok();
    if !from_os {
        // std's hasher keys are drawn from the OS's random source.
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in b.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Whether the headers carry the session cookie with this value.
pub fn cookie_ok(headers: &HeaderMap, session: &str) -> bool {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(';').filter_map(|c| c.trim().split_once('=')).any(|(name, value)| {
            name.trim() == COOKIE && constant_time_eq(value.trim().as_bytes(), session.as_bytes())
        })
    })
}

/// The `token` parameter of a query string, decoded; `None` when absent or
/// badly encoded.
fn token_param(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == "token")
        .and_then(|(_, v)| crate::api::percent_decode(v).ok())
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

/// Whether an `Origin` header names the same origin as the `Host` the
/// request was sent to (`null`, or another site, does not).
pub fn same_origin(origin: &str, host: &str) -> bool {
    let Some(authority) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else {
        return false;
    };
    !host.is_empty() && authority.trim_end_matches('/').eq_ignore_ascii_case(host)
}

/// Middleware: the `Host` check on loopback, the `Origin` check without a
/// token, and the token check.
pub async fn check_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Without a token, a page of another site that the browser lets send a
    // request here (it names its own origin) is refused: it could not read
    // the answer, but it must not make the server work for it either.
    if state.token.is_none() {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
            if !origin.to_str().is_ok_and(|o| same_origin(o, host)) {
                let e = ApiError {
                    status: StatusCode::FORBIDDEN,
                    code: "forbidden_origin",
                    message: "this server answers pages of its own origin only".into(),
                };
                return e.into_response();
            }
        }
    }
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
        if bearer_ok(req.headers(), token) || cookie_ok(req.headers(), &state.session) {
            return next.run(req).await;
        }
        // The one place a token is taken from a URL: a browser opening the
        // UI. It is swapped for the session cookie at once.
        if req.uri().path() == "/" {
            if let Some(given) = token_param(req.uri().query()) {
                if constant_time_eq(given.as_bytes(), token.as_bytes()) {
                    let cookie = format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", state.session);
                    let mut r = StatusCode::SEE_OTHER.into_response();
                    let h = r.headers_mut();
                    h.insert(header::LOCATION, HeaderValue::from_static("/"));
                    if let Ok(v) = HeaderValue::from_str(&cookie) {
                        h.insert(header::SET_COOKIE, v);
                    }
                    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    return r;
                }
            }
        }
        let mut r = ApiError::unauthorized().into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return r;
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
    fn session_cookies_are_checked_exactly() {
        let id = new_session_id();
        assert_eq!(id.len(), 64);
        assert_ne!(id, new_session_id());
        let mut h = HeaderMap::new();
        assert!(!cookie_ok(&h, &id));
        h.insert(header::COOKIE, HeaderValue::from_str(&format!("a=b; {COOKIE}={id}; c=d")).unwrap());
        assert!(cookie_ok(&h, &id));
        h.insert(header::COOKIE, HeaderValue::from_str(&format!("{COOKIE}={}", &id[1..])).unwrap());
        assert!(!cookie_ok(&h, &id));
        h.insert(header::COOKIE, HeaderValue::from_str(&format!("x{COOKIE}={id}")).unwrap());
        assert!(!cookie_ok(&h, &id));
        assert_eq!(token_param(Some("a=1&token=s%33cret")).as_deref(), Some("s3cret"));
        assert_eq!(token_param(Some("tokens=x")), None);
        assert_eq!(token_param(None), None);
    }

    #[test]
    fn origins_must_match_the_host() {
        assert!(same_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(same_origin("http://LOCALHOST:8080", "localhost:8080"));
        assert!(same_origin("https://news.example", "news.example"));
        assert!(!same_origin("http://evil.example", "127.0.0.1:8080"));
        assert!(!same_origin("http://127.0.0.1:8081", "127.0.0.1:8080"));
        assert!(!same_origin("null", "127.0.0.1:8080"));
        assert!(!same_origin("http://127.0.0.1:8080", ""));
        assert!(!same_origin("file://", "127.0.0.1:8080"));
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
