//! The web UI, embedded in the binary: one HTML shell, a style sheet and
//! vanilla ES modules (no build step, no CDN, nothing fetched from outside).
//! The shell is served at `/`, every other file at `/ui/<name>`.
//!
//! The UI renders store data with DOM APIs and `textContent` only, never
//! `innerHTML`, and the HTML holds no inline script or style, so the
//! Content-Security-Policy can forbid both; tests below hold the files to
//! these rules.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::{ApiError, AppState};

/// An embedded file: name under `/ui/`, content type, body.
pub struct Asset {
    /// The file name.
    pub name: &'static str,
    /// Its content type.
    pub content_type: &'static str,
    /// Its bytes.
    pub body: &'static str,
}

macro_rules! asset {
    ($name:literal, $ty:expr) => {
        Asset { name: $name, content_type: $ty, body: include_str!(concat!("../assets/", $name)) }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the UI.
pub const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("dom.js", JS),
    asset!("search.js", JS),
    asset!("document.js", JS),
    asset!("entity.js", JS),
    asset!("quotes.js", JS),
    asset!("overview.js", JS),
    asset!("chart.js", JS),
    asset!("graph.js", JS),
];

/// The UI routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { serve("index.html") }))
        .route("/favicon.ico", get(|| async { serve("favicon.svg") }))
        .route("/ui/{name}", get(|Path(name): Path<String>| async move { serve(&name) }))
}

fn serve(name: &str) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => ([(header::CONTENT_TYPE, a.content_type), (header::CACHE_CONTROL, "no-cache")], a.body)
            .into_response(),
        None => ApiError::not_found("no such file").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_files_keep_to_the_content_security_policy() {
        for a in ASSETS {
            let b = a.body.to_ascii_lowercase().replace("http://www.w3.org/2000/svg", "");
            assert!(!b.contains("innerhtml"), "{}: innerHTML", a.name);
            assert!(!b.contains("outerhtml"), "{}: outerHTML", a.name);
            assert!(!b.contains("insertadjacenthtml"), "{}: insertAdjacentHTML", a.name);
            assert!(!b.contains("document.write"), "{}: document.write", a.name);
            assert!(!b.contains("eval("), "{}: eval", a.name);
            assert!(
                !b.contains("http://") && !b.contains("https://") || a.name.ends_with(".svg"),
                "{}: outside URL",
                a.name
            );
            if a.name.ends_with(".html") {
                assert!(!b.contains(" style="), "{}: inline style", a.name);
                assert!(!b.contains("<style"), "{}: inline style sheet", a.name);
                assert!(!has_event_attribute(&b), "{}: inline event handler", a.name);
                for tag in b.split("<script").skip(1) {
                    assert!(
                        tag.split('>').next().unwrap_or("").contains("src="),
                        "{}: inline script",
                        a.name
                    );
                }
            }
        }
    }

    /// Whether HTML holds an attribute like ` onclick=`.
    fn has_event_attribute(html: &str) -> bool {
        html.match_indices(" on").any(|(i, _)| {
            let rest = &html[i + 3..];
            let name_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            name_len > 0 && rest[name_len..].trim_start().starts_with('=')
        })
    }

    #[test]
    fn event_attributes_are_found() {
        assert!(has_event_attribute("<img src=x onerror=alert(1)>"));
        assert!(has_event_attribute("<a onclick =\"f()\">"));
        assert!(!has_event_attribute("<p>based on facts</p>"));
    }

    #[test]
    fn every_imported_module_is_embedded() {
        for a in ASSETS.iter().filter(|a| a.name.ends_with(".js")) {
            for line in a.body.lines().filter(|l| l.trim_start().starts_with("import ")) {
                let Some(path) = line.split(['"', '\'']).nth(1) else { continue };
                let name = path.trim_start_matches("./");
                assert!(
                    ASSETS.iter().any(|x| x.name == name),
                    "{} imports {path}, which is not embedded",
                    a.name
                );
            }
        }
    }
}
