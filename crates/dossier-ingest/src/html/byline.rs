//! Authors from what the page shows: byline text cleaned into names, and
//! the byline elements of the article (a `rel=author` link, an element
//! whose class, id or `itemprop` says byline or author), never those of
//! sidebars, related-article lists, "trending" boxes or comment sections.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dom_query::{Document, NodeId, NodeRef, Selection};
use regex::Regex;

/// Words that make a byline segment a role, not a name ("Staff Writer",
/// "Senior Correspondent", "Opinion Columnist").
const ROLE_WORDS: &[&str] = &[
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "reporter",
    "reporters",
    "columnist",
    "contributor",
    "contributing",
    "staff",
    "producer",
    "journalist",
    "photographer",
    "intern",
    "critic",
    "analyst",
];

/// Account names a CMS shows when nobody signed the piece.
const ACCOUNT_NAMES: &[&str] =
    &["admin", "administrator", "webmaster", "root", "guest", "anonymous", "unknown"];

/// Lead-ins of a byline ("By", "Posted by", "Story by", "Author:").
fn lead_in_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(?:(?:posted|written|story|words|text|reporting|report|published)\s+by|by|authors?\s*:|from)\s+")
            .expect("valid lead-in regex")
    })
}

/// A web domain inside a segment ("Cleveland.com", "for NJ.com").
fn domain_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[\w-]+\.(?:com|org|net|co|uk|in|ca|au|io|news|info)\b")
            .expect("valid domain regex")
    })
}

/// Whether a byline segment is a role, an affiliation, a handle or a
/// date rather than a name.
fn is_role(segment: &str) -> bool {
    let lower = segment.to_lowercase();
    segment.starts_with('@')
        || segment.chars().any(|c| c.is_ascii_digit())
        || domain_re().is_match(segment)
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| ROLE_WORDS.contains(&w))
}

/// Whether `s` can be a name: not a URL, e-mail, handle, template
/// placeholder, account name, or overlong text.
pub(crate) fn is_plausible_name(s: &str) -> bool {
    let lower = s.to_lowercase();
    !(s.chars().count() > 80
        || lower.contains("://")
        || lower.starts_with("www.")
        || s.contains('@')
        || s.contains('{')
        || !s.chars().any(char::is_alphabetic)
        || ACCOUNT_NAMES.contains(&lower.as_str()))
}

/// Splits a byline into names ("A and B", "A, B & C"), dropping a lead-in
/// ("By", "Posted by"), roles and affiliations ("Staff Writer",
/// "Cleveland.com"), and rejecting values that are not names (URLs,
/// e-mails, account names). "Smith, John" stays one name: a split happens
/// only when every remaining part has at least two words.
pub(crate) fn split_authors(s: &str) -> Vec<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim().trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '|' | '•' | '·' | ',' | ':' | ' '));
    let s = lead_in_re().replace(s, "");
    let parts: Vec<&str> = s
        .split([',', ';', '|', '&', '•', '·'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim().trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' ')))
        .filter(|p| !p.is_empty())
        .collect();
    let names: Vec<&str> = parts.iter().copied().filter(|p| !is_role(p)).collect();
    let all_full = names.len() > 1 && names.iter().all(|p| p.split_whitespace().count() >= 2);
    let candidates: Vec<String> = match names.len() {
        0 => Vec::new(),
        _ if all_full => names.iter().map(|p| p.to_string()).collect(),
        _ => vec![names.join(", ")],
    };
    candidates.into_iter().filter(|c| is_plausible_name(c)).collect()
}

/// Class/id words of containers that hold other articles' bylines and
/// dates, or readers' names: sidebars, related and trending lists,
/// comment sections, author boxes at the foot of the page.
fn elsewhere_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)comment|sidebar|related|trending|most-?read|most-?popular|popular|recommend|widget|\brail\b|-rail\b|\brail-|teaser|promo|more-stories|read-?next|newsletter|author-?bio|outbrain|taboola",
        )
        .expect("valid elsewhere regex")
    })
}

/// Most byline or dated elements looked at on one page: the article's own
/// come early, and each costs a walk up its ancestors (hostile pages hold
/// hundreds of thousands).
const MAX_CANDIDATES: usize = 200;

/// Where things are in the page: the headline (the first `<h1>`), the
/// elements that hold it, and every element's position in document order.
pub(crate) struct Zones {
    h1_pos: Option<usize>,
    holds_h1: HashSet<NodeId>,
    order: HashMap<NodeId, usize>,
}

impl Zones {
    pub(crate) fn of(doc: &Document) -> Zones {
        let h1 = doc.select("h1").nodes().first().copied();
        let holds_h1 = h1.map(|h| h.ancestors_it(None).map(|a| a.id).collect()).unwrap_or_default();
        let order: HashMap<NodeId, usize> = doc
            .root()
            .descendants_it()
            .filter(NodeRef::is_element)
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        let h1_pos = h1.and_then(|h| order.get(&h.id).copied());
        Zones { h1_pos, holds_h1, order }
    }

    /// Whether `node` sits in a part of the page that is not the article's
    /// own header or body (see [`elsewhere_re`]; also `aside`, `nav`,
    /// `footer` and schema.org `Comment` items). The elements that hold the
    /// headline are the article's and never count (a `<body
    /// class="has-sidebar">` is no sidebar).
    pub(crate) fn is_elsewhere(&self, node: &NodeRef) -> bool {
        std::iter::once(*node).chain(node.ancestors_it(None)).any(|a| {
            !self.holds_h1.contains(&a.id)
                && a.node_name().is_some_and(|n| !matches!(&*n, "html" | "body"))
                && (a.node_name().is_some_and(|n| matches!(&*n, "aside" | "nav" | "footer"))
                    || a.attr("class").is_some_and(|c| elsewhere_re().is_match(&c))
                    || a.attr("id").is_some_and(|i| elsewhere_re().is_match(&i))
                    || a.attr("itemtype").is_some_and(|t| t.ends_with("/Comment")))
        })
    }

    /// Whether `node` comes after the headline (true when there is none).
    pub(crate) fn after_h1(&self, node: &NodeRef) -> bool {
        match (self.h1_pos, self.order.get(&node.id)) {
            (Some(h), Some(p)) => *p > h,
            _ => true,
        }
    }

    /// The first of `nodes` (in document order) outside sidebars and
    /// comments, preferring one after the headline. Only the first
    /// [`MAX_CANDIDATES`] are looked at.
    pub(crate) fn pick<'a>(&self, nodes: &[NodeRef<'a>]) -> Option<NodeRef<'a>> {
        let kept: Vec<NodeRef> =
            nodes.iter().take(MAX_CANDIDATES).copied().filter(|n| !self.is_elsewhere(n)).collect();
        kept.iter().copied().find(|n| self.after_h1(n)).or_else(|| kept.first().copied())
    }
}

/// Class/id/itemprop values that mark a byline or an author's name.
fn byline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)byline|author|\bwriter\b").expect("valid byline regex"))
}

fn marks_byline(node: &NodeRef) -> bool {
    ["class", "id", "itemprop"].iter().any(|a| node.attr(a).is_some_and(|v| byline_re().is_match(&v)))
}

/// Names from `rel=author` links outside sidebars and comments.
pub(crate) fn rel_author_names(doc: &Document, zones: &Zones) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.select(r#"a[rel~="author"]"#).nodes() {
        if !zones.is_elsewhere(node) {
            out.extend(split_authors(&node.text()));
        }
    }
    out
}

/// Names from the article's byline element: elements marked as byline or
/// author (class, id, `itemprop`) outside sidebars and comments, the first
/// after the headline in document order (else the first), with the marked
/// elements beside it in the same byline. Only the innermost marked
/// elements are read: `.byline-wrapper` may also hold the date, `.byline`
/// only the names; a marked element's `itemprop=name` child is preferred.
pub(crate) fn byline_names(doc: &Document, zones: &Zones) -> Vec<String> {
    let Some(body) = doc.body() else { return Vec::new() };
    let marked: Vec<NodeRef> =
        body.descendants_it().filter(|n| n.is_element() && marks_byline(n)).take(MAX_CANDIDATES).collect();
    // In document order a node's descendants follow it at once: a marked
    // node holds another one exactly when the next marked node is inside it.
    let innermost: Vec<NodeRef> = marked
        .iter()
        .enumerate()
        .filter(|(i, n)| !marked.get(i + 1).is_some_and(|next| next.ancestors_it(None).any(|a| a.id == n.id)))
        .map(|(_, n)| *n)
        .filter(|n| !n.text().trim().is_empty() || n.attr("content").is_some())
        .collect();
    let marked = innermost;
    let Some(first) = zones.pick(&marked) else { return Vec::new() };
    let mut nodes = vec![first];
    if let Some(parent) = first.parent() {
        nodes.extend(parent.element_children().into_iter().filter(|s| s.id != first.id && marks_byline(s)));
    }
    let mut out = Vec::new();
    for n in nodes {
        let name = Selection::from(n).select(r#"[itemprop="name"]"#);
        let raw = match name.nodes().first() {
            Some(x) => x.attr("content").unwrap_or_else(|| x.text()),
            None => n.attr("content").unwrap_or_else(|| n.text()),
        };
        out.extend(split_authors(&raw).into_iter().filter(|n| looks_like_name(n)));
    }
    out
}

/// Lower-case words that names carry ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "el", "y", "dos",
    "das", "ten", "ter",
];

/// Whether text read from a page element (not declared as an author) has
/// the shape of a name: at most six words, each capitalised or a
/// particle; scripts without case pass. Keeps "The Russian and Syrian
/// defense ministries" out when a claim's source is marked `author`.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphabetic());
            NAME_PARTICLES.contains(w) || first.is_none_or(|c| c.is_uppercase() || !c.is_lowercase())
        })
        && !matches!(words.first(), Some(&"The") | Some(&"A") | Some(&"An"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_names() {
        assert_eq!(split_authors("Smith, John"), vec!["Smith, John"]);
        assert_eq!(split_authors("A. Writer, B. Reporter & C. Editor"), Vec::<String>::new());
        assert_eq!(split_authors("Ann Lowe, Bo Chen & Cy Dunn"), vec!["Ann Lowe", "Bo Chen", "Cy Dunn"]);
        assert_eq!(split_authors("By Jane Roe, Staff Writer"), vec!["Jane Roe"]);
        assert_eq!(split_authors("Posted by Kim Ode"), vec!["Kim Ode"]);
        assert_eq!(split_authors("Troy Bell, Gazette.com"), vec!["Troy Bell"]);
        assert_eq!(split_authors("Amy Lo | North Media for Example.com"), vec!["Amy Lo"]);
        assert_eq!(split_authors("BY ALI RAZA and MEI SATO"), vec!["ALI RAZA", "MEI SATO"]);
        assert_eq!(split_authors("By Pat Kerr -"), vec!["Pat Kerr"]);
        assert_eq!(split_authors("Opinion Columnist"), Vec::<String>::new());
        assert!(split_authors("admin").is_empty());
        assert!(split_authors("me@example.org").is_empty());
        assert!(split_authors("https://facebook.com/x").is_empty());
    }

    #[test]
    fn page_text_must_look_like_a_name() {
        assert!(looks_like_name("Ludwig van Beethoven"));
        assert!(looks_like_name("ALI RAZA"));
        assert!(looks_like_name("정덕현"));
        assert!(!looks_like_name("The Russian"));
        assert!(!looks_like_name("Syrian defense ministries"));
    }

    #[test]
    fn byline_near_the_headline_not_in_sidebars_or_comments() {
        let doc = Document::from(
            r#"<body><div class="sidebar"><p class="byline">By Side Person</p></div>
            <h1>Headline</h1><div class="byline-wrap"><div class="byline">By <a>Lia Moss</a> and <a>Ed Park</a></div>
            <div class="date">May 2</div></div><p>Text.</p>
            <div class="comments"><span class="comment-author">Reader One</span></div></body>"#,
        );
        assert_eq!(byline_names(&doc, &Zones::of(&doc)), vec!["Lia Moss", "Ed Park"]);
        let doc = Document::from(
            r#"<body><h1>H</h1><p class="meta">By <span class="author">Ida Lund</span> and
            <span class="author">Ole Dahl</span></p><ul class="related"><li><a rel="author">Other Writer</a></li></ul></body>"#,
        );
        let zones = Zones::of(&doc);
        assert_eq!(byline_names(&doc, &zones), vec!["Ida Lund", "Ole Dahl"]);
        assert!(rel_author_names(&doc, &zones).is_empty());
    }
}
