//! RSS 2.0, Atom and RDF feeds (feed-rs): each item is one document with its
//! title, link, date and authors; HTML content goes through the HTML
//! extractor.

use dossier_core::Format;

use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// The items of a feed, parsed from its bytes.
pub fn items(path: String, bytes: &[u8]) -> RawDocs {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return Box::new(std::iter::once(Err(IngestError::new(path, format!("malformed feed: {e}")))))
        }
    };
    let site = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|s| !s.is_empty());
    let feed_authors: Vec<String> = feed
        .authors
        .iter()
        .map(|p| p.name.as_deref().unwrap_or("").trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let docs: Vec<_> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let locator = format!("{path}#item {}", i + 1);
            let (body_text, is_html) = match (&entry.content, &entry.summary) {
                (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                    let b = c.body.clone().unwrap_or_default();
                    let html = c.content_type.to_string().contains("html") || looks_like_html(&b);
                    (b, html)
                }
                (_, Some(s)) => (
                    s.content.clone(),
                    s.content_type.to_string().contains("html") || looks_like_html(&s.content),
                ),
                _ => (String::new(), false),
            };
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone());
            let title = entry.title.as_ref().map(|t| strip_tags(&t.content)).filter(|s| !s.is_empty());
            let mut authors: Vec<String> = entry
                .authors
                .iter()
                .map(|p| p.name.as_deref().unwrap_or("").trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            if authors.is_empty() {
                authors = feed_authors.clone();
            }
            let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
            // An item has no bytes of its own in the file; its id hashes what
            // identifies it, so the same item fetched again keeps its id.
            let identity = format!(
                "{}\n{}\n{}\n{}",
                entry.id,
                url.as_deref().unwrap_or(""),
                title.as_deref().unwrap_or(""),
                body_text
            );
            Ok(RawDoc {
                path: path.clone(),
                locator,
                format: Format::FeedItem,
                bytes: identity.into_bytes(),
                body: if is_html { Body::HtmlString(body_text) } else { Body::PlainString(body_text) },
                charset: None,
                meta: ContainerMeta {
                    url,
                    title,
                    authors,
                    site: site.clone(),
                    published,
                    source_id: Some(entry.id).filter(|s| !s.is_empty()),
                },
                warnings: Vec::new(),
            })
        })
        .collect();
    Box::new(docs.into_iter())
}

fn looks_like_html(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('<') || s.contains("</p>") || s.contains("<br")
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
