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

use std::sync::OnceLock;

use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;

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
    "pullquote",
    "pull-quote",
    "pull_quote",
];

/// Class/id fragments of consent and cookie notices.
const CONSENT_SUBSTR: &[&str] = &["cookie", "consent", "gdpr"];

/// A consent notice or dialog up to this many characters is removed even
/// when it holds most of a page's text (a short article under a long
/// cookie notice); longer ones fall under the usual share guard.
const MAX_NOTICE_CHARS: usize = 1500;

/// Whether `node` is a consent or cookie notice or a dialog: furniture
/// that may outweigh a short article and must still never replace it.
fn is_notice(node: &NodeRef) -> bool {
    let named = |attr: &str| {
        node.attr(attr).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            CONSENT_SUBSTR.iter().any(|w| v.contains(w))
        })
    };
    named("class")
        || named("id")
        || node.node_name().is_some_and(|n| &*n == "dialog")
        || node.attr("role").is_some_and(|r| {
            let r = r.trim().to_ascii_lowercase();
            r == "dialog" || r == "alertdialog"
        })
}

/// Whether `node` is marked as a pull quote (a sentence of the article
/// repeated large), which is never text even though it is a quotation.
fn is_pull_quote(node: &NodeRef) -> bool {
    ["class", "id"].iter().any(|a| {
        node.attr(a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("pullquote") || v.contains("pull-quote") || v.contains("pull_quote")
        })
    })
}

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

/// One case-insensitive regex for all class/id rules: any fragment of
/// [`DROP_SUBSTR`], or a word of [`DROP_WORDS`] at either end of a class name
/// ("sidebar-right", "post-comments"; not "content-with-sidebar-wrap").
fn furniture_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let subs = DROP_SUBSTR.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let words = DROP_WORDS.join("|");
        let pat = format!(r"(?i){subs}|(?:^|\s)(?:{words})(?:[-_\s]|$)|(?:^|[-_\s])(?:{words})(?:\s|$)");
        // Built from constant word lists; known to compile.
        Regex::new(&pat).expect("valid furniture regex")
    })
}

fn attr_matches(value: &str) -> bool {
    furniture_re().is_match(value)
}

fn style_hidden(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Whether `node` looks like page furniture by itself (without the guard).
fn is_boilerplate(node: &NodeRef) -> Option<Rule> {
    // html5ever lower-cases HTML element names.
    let name = node.node_name()?;
    if KEEP_TAGS.contains(&&*name) {
        return None;
    }
    let structural = DROP_TAGS.contains(&&*name)
        || node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || node.attr("role").is_some_and(|r| DROP_ROLES.iter().any(|d| r.trim().eq_ignore_ascii_case(d)))
        || node.attr("style").is_some_and(|s| style_hidden(&s));
    if structural {
        return Some(Rule::Structure);
    }
    let named = node.attr("class").is_some_and(|c| attr_matches(&c))
        || node.attr("id").is_some_and(|i| attr_matches(&i));
    named.then_some(Rule::Name)
}

/// Why an element was taken for furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Its tag, ARIA role or hidden state.
    Structure,
    /// Its class or id vocabulary, a weaker signal.
    Name,
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

/// Whether `node` is or holds a `<blockquote>`: quoted content (embedded
/// posts included) belongs to the article even inside a "widget".
fn holds_quote(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .any(|d| d.node_name().is_some_and(|n| &*n == "blockquote"))
}

/// Removes page furniture from `doc` (see the module doc). `max_share` is the
/// largest fraction of the body's text an element may hold and still be
/// removed.
pub(crate) fn remove_boilerplate(doc: &Document, max_share: f64) {
    doc.select(r#"script:not([type="application/ld+json"]), style, link"#).remove();
    let Some(body) = doc.body() else { return };
    let body_len = body.normalized_char_count().max(1) as f64;
    let candidates: Vec<(NodeRef, Rule)> = body
        .descendants_it()
        .filter(|n| n.is_element())
        .filter_map(|n| Some((n, is_boilerplate(&n)?)))
        .collect();
    let mut removed: HashSet<NodeId> = HashSet::new();
    for (node, rule) in candidates {
        // Skip nodes already gone with a removed ancestor.
        if node.ancestors_it(None).any(|a| removed.contains(&a.id)) {
            continue;
        }
        let len = node.normalized_char_count();
        let small_notice = len <= MAX_NOTICE_CHARS && is_notice(&node);
        if (len as f64 > max_share * body_len && !small_notice) || holds_article(&node) {
            continue;
        }
        // A "social embed" holding a quoted post is content.
        if rule == Rule::Name && holds_quote(&node) && !is_pull_quote(&node) {
            continue;
        }
        node.remove_from_parent();
        removed.insert(node.id);
    }
    unwrap_quotes(&body);
}

/// Embedded posts arrive as `<div class=embed><blockquote>…</blockquote></div>`;
/// Readability drops such small, link-rich `<div>`s as clutter. Unwrapping
/// the wrappers that hold nothing but the quote leaves the `<blockquote>`,
/// which it keeps, in the flow of the text.
fn unwrap_quotes(body: &NodeRef) {
    let quotes: Vec<NodeRef> =
        body.descendants_it().filter(|n| n.node_name().is_some_and(|t| &*t == "blockquote")).collect();
    for q in quotes {
        let mut hops = 0;
        while let Some(parent) = q.parent() {
            let is_div = parent.node_name().is_some_and(|t| &*t == "div");
            let only_child = parent.element_children().len() == 1
                && parent.children_it(false).all(|c| c.is_element() || c.text().trim().is_empty());
            if hops >= 4 || !only_child || !is_div {
                break;
            }
            // `unwrap_node` replaces the node's parent by the parent's children.
            q.unwrap_node();
            hops += 1;
        }
    }
}

/// Class/id words that, inside the chosen article, name metadata lines and
/// furniture rather than text (at either end of a class name, as above).
const POST_WORDS: &[&str] = &[
    "meta",
    "date",
    "time",
    "tags",
    "tag",
    "author",
    "authors",
    "byline",
    "published",
    "updated",
    "widget",
    "advert",
    "ad",
    "ads",
    "related",
    "share",
    "social",
    "caption",
    "credit",
    "credits",
];

fn post_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let words = POST_WORDS.join("|");
        let pat = format!(r"(?i)(?:^|\s)(?:{words})(?:[-_\s]|$)|(?:^|[-_\s])(?:{words})(?:\s|$)");
        // Built from a constant word list; known to compile.
        Regex::new(&pat).expect("valid post-clean regex")
    })
}

/// Whole-element labels that are never article text (ad slots, comment
/// counters, "read more" teasers), in a few languages.
const LABELS: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "ads",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "publicidade",
    "pubblicità",
    "реклама",
    "sponsored",
    "comments",
    "comment",
    "read more",
    "see more",
    "don't miss",
    "you may also like",
    "you may also like...",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "share",
    "share this",
    "share this article",
];

/// Link text length over text length, in normalised characters.
fn link_density(node: &NodeRef, len: usize) -> f64 {
    if len == 0 {
        return 0.0;
    }
    let links: usize = node
        .descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| &*n == "a"))
        .map(|a| a.normalized_char_count())
        .sum();
    links as f64 / len as f64
}

/// Cleans the article container the extractor chose: removes metadata lines
/// and furniture by class/id, blocks that are (almost) all links (lists of
/// related stories, "READ MORE: …" teasers) and elements whose whole text is
/// a furniture label. No removed element may hold more than `max_share` of
/// the article's text.
pub(crate) fn post_clean(root: &NodeRef, max_share: f64) {
    let total = root.normalized_char_count().max(1) as f64;
    let candidates: Vec<NodeRef> = root.descendants_it().filter(NodeRef::is_element).collect();
    let mut removed: HashSet<NodeId> = HashSet::new();
    for node in candidates {
        if node.ancestors_it(None).any(|a| removed.contains(&a.id)) {
            continue;
        }
        let Some(name) = node.node_name() else { continue };
        let len = node.normalized_char_count();
        if len as f64 > max_share * total {
            continue;
        }
        let by_attr = ((node.attr("class").is_some_and(|c| post_re().is_match(&c))
            || node.attr("id").is_some_and(|i| post_re().is_match(&i)))
            && !holds_quote(&node))
            || is_pull_quote(&node);
        let blockish =
            matches!(&*name, "p" | "li" | "ul" | "ol" | "dl" | "div" | "h2" | "h3" | "h4" | "h5" | "h6");
        // Embedded posts (tweets and the like) are quoted content, links and all.
        let linky = blockish
            && len > 0
            && link_density(&node, len) >= 0.8
            && !node.ancestors_it(None).any(|a| a.node_name().is_some_and(|n| &*n == "blockquote"));
        let label = len > 0 && len <= 40 && {
            let t = node.text();
            let t = t.trim().trim_end_matches(':').to_lowercase();
            LABELS.contains(&t.as_str())
        };
        if by_attr || linky || label {
            node.remove_from_parent();
            removed.insert(node.id);
        }
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

    fn post_cleaned(inner: &str) -> String {
        let doc = Document::from(format!("<body><div id=root>{inner}</div></body>"));
        let root = doc.select_single("#root");
        let node = root.nodes().first().expect("root");
        post_clean(node, 0.2);
        node.text().to_string()
    }

    #[test]
    fn post_clean_drops_link_lists_labels_and_metadata_lines() {
        let body = "<p>The council voted on Tuesday to close the old bridge to cars from next spring, after an \
            engineering report found corrosion in two of its three spans. Cyclists and pedestrians keep access.</p>\
            <p>Repairs are expected to take two years and to cost about four million euros, the mayor said.</p>\
            <p>Residents on the east bank said the closure would double their journey to the station.</p>";
        let t = post_cleaned(&format!(
            "<div class=\"post-meta\">Posted: Fri 6:45 PM</div>{body}<p>Advertisement</p>\
             <p>You may also like...</p><p><a href=/x>Bridge closures around the region</a></p>\
             <ul><li><a href=/y>Ten things to do this weekend</a></li></ul>"
        ));
        for gone in ["Posted", "Advertisement", "You may also like", "Bridge closures", "Ten things"] {
            assert!(!t.contains(gone), "{gone} left in {t}");
        }
        assert!(t.contains("The council voted") && t.contains("Residents on the east bank"));
    }

    #[test]
    fn post_clean_keeps_embedded_posts_and_prose_with_links() {
        let t = post_cleaned(
            "<p>The minister <a href=/m>Ana Costa</a> said the plan was <a href=/p>published</a> on Monday \
             and would be debated in parliament next week, with a vote expected before the summer recess.</p>\
             <div class=\"article-widget\"><blockquote class=\"twitter-tweet\"><p>We will vote no.</p>\
             — Opposition (@opp) <a href=/t>May 2, 2021</a></blockquote></div>",
        );
        assert!(t.contains("The minister Ana Costa said"));
        assert!(t.contains("We will vote no."));
    }

    #[test]
    fn embed_wrappers_around_quotes_are_unwrapped() {
        let doc = Document::from(
            r#"<body><article><p>Text before the embed, long enough to be the article.</p>
            <div class="social-media-embed"><div><blockquote class="twitter-tweet"><p>Quoted post</p>
            </blockquote><script>load()</script></div></div>
            <div class="box"><blockquote>Pull quote</blockquote><p>and a caption-like line</p></div></article></body>"#,
        );
        remove_boilerplate(&doc, 0.5);
        let quotes = doc.select("blockquote");
        let parents: Vec<String> = quotes
            .nodes()
            .iter()
            .map(|q| q.parent().and_then(|p| p.node_name()).unwrap_or_default().to_string())
            .collect();
        // The embed's wrappers are gone; a div with other content stays.
        assert_eq!(parents, vec!["article", "div"]);
        assert!(doc.select("article").text().contains("Quoted post"));
    }
}
