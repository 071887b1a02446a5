//! Boilerplate removal on the parsed page, before the main-text extractor
//! scores it.
//!
//! Readability-style scoring picks the right container most of the time but
//! then keeps whatever furniture sits inside it: image captions and credits,
//! bylines and datelines, share bars, "related stories", newsletter and
//! cookie prompts, comment forms, screen-reader-only labels. These rules are
//! the usual, site-independent ones (HTML semantics, ARIA roles, hidden
//! content, and class/id vocabulary that templates use for page furniture),
//! not rules for particular sites. A guard keeps any rule from removing the
//! article itself: an element that holds an `<article>`, `<main>` or
//! `articleBody`, or a large share of the page's text, is never removed.

use std::collections::HashSet;

use dom_query::{Document, NodeId, NodeRef};

/// Elements that are never main text.
const DROP_TAGS: &[&str] = &[
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "iframe",
    "svg",
    "canvas",
    "template",
    "dialog",
    "figcaption",
    "noscript",
    "object",
    "embed",
    "map",
    "menu",
];

/// ARIA landmark and widget roles of page furniture.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "toolbar",
    "tablist",
    "form",
];

/// Class/id fragments that name furniture wherever they appear in the value.
const DROP_SUBSTR: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "breadcrumb",
    "outbrain",
    "taboola",
    "disqus",
    "share-",
    "-share",
    "_share",
    "share_",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommend",
    "sponsor",
    "advert",
    "popup",
    "signup",
    "sign-up",
    "most-popular",
    "mostpopular",
    "trending",
    "screen-reader",
    "visually-hidden",
    "sr-only",
    "caption",
    "byline",
    "dateline",
    "timestamp",
    "author-bio",
    "authorbio",
];

/// Class/id words (the value split at `-`, `_` and spaces) that name furniture.
const DROP_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advertisement",
    "share",
    "tags",
    "sidebar",
    "comments",
    "comment",
    "nav",
    "menu",
    "footer",
    "banner",
    "toolbar",
    "print",
];

/// Elements that are the article (or contain it) and are never removed.
const KEEP_TAGS: &[&str] = &["html", "body", "main", "article"];

fn attr_matches(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    if DROP_SUBSTR.iter().any(|s| v.contains(s)) {
        return true;
    }
    // A word counts only at either end of a class name ("sidebar-right",
    // "post-comments"), not in the middle ("content-with-sidebar-wrap").
    v.split_whitespace().any(|name| {
        let mut words = name.split(['-', '_']).filter(|w| !w.is_empty());
        let first = words.next();
        let last = words.next_back();
        first.is_some_and(|w| DROP_WORDS.contains(&w)) || last.is_some_and(|w| DROP_WORDS.contains(&w))
    })
}

fn style_hidden(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Whether `node` looks like page furniture by itself (without the guard).
fn is_boilerplate(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else { return false };
    let name = name.to_ascii_lowercase();
    if KEEP_TAGS.contains(&name.as_str()) {
        return false;
    }
    if DROP_TAGS.contains(&name.as_str()) {
        return true;
    }
    if node.has_attr("hidden") {
        return true;
    }
    if node.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if node.attr("role").is_some_and(|r| DROP_ROLES.iter().any(|d| r.trim().eq_ignore_ascii_case(d))) {
        return true;
    }
    if node.attr("style").is_some_and(|s| style_hidden(&s)) {
        return true;
    }
    node.attr("class").is_some_and(|c| attr_matches(&c)) || node.attr("id").is_some_and(|i| attr_matches(&i))
}

/// Whether `node` holds the article: a protected descendant.
fn holds_article(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| {
        d.is_element()
            && (d
                .node_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("article") || n.eq_ignore_ascii_case("main"))
                || d.attr("itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")))
    })
}

/// Removes page furniture from `doc` (see the module doc). `max_share` is the
/// largest fraction of the body's text an element may hold and still be
/// removed.
pub(crate) fn remove_boilerplate(doc: &Document, max_share: f64) {
    doc.select(r#"script:not([type="application/ld+json"]), style, link"#).remove();
    let Some(body) = doc.body() else { return };
    let body_len = body.text().len().max(1) as f64;
    let candidates: Vec<NodeRef> =
        body.descendants_it().filter(|n| n.is_element() && is_boilerplate(n)).collect();
    let mut removed: HashSet<NodeId> = HashSet::new();
    for node in candidates {
        // Skip nodes already gone with a removed ancestor.
        if node.ancestors_it(None).any(|a| removed.contains(&a.id)) {
            continue;
        }
        if holds_article(&node) || node.text().len() as f64 > max_share * body_len {
            continue;
        }
        node.remove_from_parent();
        removed.insert(node.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let doc = Document::from(html);
        remove_boilerplate(&doc, 0.5);
        doc.body().map(|b| b.text().to_string()).unwrap_or_default()
    }

    #[test]
    fn furniture_goes_article_stays() {
        let t = cleaned(
            r#"<body><nav>Home News</nav><div class="cookie-banner">We use cookies</div>
            <article><h1>Title</h1><div class="article-meta">By X, 5 May</div>
            <p>First paragraph of the story, long enough to matter for the guard rule.</p>
            <figure><img src=a.jpg><figcaption>A caption</figcaption></figure>
            <ul class="share-buttons"><li>Facebook</li><li>Twitter</li></ul>
            <p>Second paragraph of the story, also long enough to carry most of the text.</p>
            <span class="sr-only">Advertisement</span><p hidden>secret</p>
            <div style="display: none">invisible</div></article>
            <section id="comments"><form><textarea></textarea></form>Comment text</section>
            <footer>Copyright</footer></body>"#,
        );
        for gone in [
            "Home",
            "cookies",
            "caption",
            "Facebook",
            "Advertisement",
            "secret",
            "invisible",
            "Comment text",
            "Copyright",
        ] {
            assert!(!t.contains(gone), "{gone} left in {t}");
        }
        assert!(t.contains("First paragraph") && t.contains("Second paragraph") && t.contains("Title"));
    }

    #[test]
    fn guard_keeps_a_container_holding_the_text() {
        // A template that puts the whole page in a `<form>` (ASP.NET style)
        // or marks the body wrapper with a furniture word must not lose it.
        let t = cleaned(
            r#"<body><form id="aspnetForm"><div class="page has-sidebar">
            <p>The only story on the page, with all of its words inside the form.</p></div></form></body>"#,
        );
        assert!(t.contains("The only story"));
        let t = cleaned(r#"<body><div class="related"><article><p>Story.</p></article></div></body>"#);
        assert!(t.contains("Story."));
    }

    #[test]
    fn word_rules_do_not_fire_inside_words() {
        assert!(!attr_matches("header-shadow load"));
        assert!(!attr_matches("article-body"));
        assert!(!attr_matches("content-with-sidebar-wrap"));
        assert!(attr_matches("sidebar-right"));
        assert!(attr_matches("post-comments"));
        assert!(attr_matches("AdSlot ad"));
        assert!(attr_matches("SocialLinks"));
    }
}
