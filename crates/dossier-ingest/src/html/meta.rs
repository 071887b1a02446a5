//! Page metadata: title, authors, site, canonical URL, publication date and
//! language, read from what the page declares about itself.
//!
//! Sources, in order of trust: JSON-LD (`NewsArticle` and kin: `headline`,
//! `author`, `publisher`, `datePublished`, `url`), `<meta>` tags (Open Graph,
//! `article:*`, `name=author`, Dublin Core `dc.*`/`dcterms.*`, Parse.ly,
//! Sailthru, `itemprop`), `<link rel=canonical>`, `<time datetime>` elements
//! and `<html lang>`. Every value is cleaned and validated (dates must parse
//! and are rewritten as ISO 8601; URLs must be absolute or resolvable against
//! the base URL; authors that are URLs or e-mails are dropped). When nothing
//! trustworthy is found the field stays empty: nothing is guessed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};
use dom_query::{Document, NodeRef};

use super::{byline, published};
use serde_json::Value;

/// Metadata found in one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
}

/// What the JSON-LD blocks of a page say about its article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    published: Option<String>,
    url: Option<String>,
    website_name: Option<String>,
}

/// `@type` values that describe the page's main content.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "LiveBlogPosting"
                | "SocialMediaPosting"
                | "DiscussionForumPosting"
                | "Report"
                | "Review"
        )
}

fn types_of(obj: &serde_json::Map<String, Value>) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_value(s),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@id"))),
        _ => None,
    }
}

/// Whether a JSON-LD node is an organisation (`Organization`,
/// `NewsMediaOrganization`, …): a publisher named as author is no byline.
fn is_organisation(o: &serde_json::Map<String, Value>) -> bool {
    types_of(o).iter().any(|t| t.ends_with("Organization") || *t == "Corporation")
}

/// Author names of a JSON-LD `author` value: strings, Person objects,
/// arrays of either, and `{"@id": …}` references to a Person elsewhere in
/// the page's JSON-LD (`ids`). Organisations are skipped.
fn names_of(v: Option<&Value>, ids: &IdMap, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => out.extend(byline::split_authors(s)),
        Some(Value::Array(a)) => a.iter().for_each(|x| names_of(Some(x), ids, out)),
        Some(Value::Object(o)) => {
            let node = match (o.get("name"), o.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => ids.get(id).copied().unwrap_or(o),
                _ => o,
            };
            if is_organisation(node) {
                return;
            }
            match node.get("name") {
                Some(Value::String(n)) => out.extend(byline::split_authors(n)),
                Some(Value::Array(a)) => {
                    a.iter().filter_map(Value::as_str).for_each(|n| out.extend(byline::split_authors(n)))
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// JSON-LD nodes by `@id`, across all the page's blocks.
type IdMap<'a> = std::collections::HashMap<&'a str, &'a serde_json::Map<String, Value>>;

/// Collects every JSON object of a JSON-LD value (top level, arrays, `@graph`).
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| objects(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                objects(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn parse_json_ld(doc: &Document) -> JsonLd {
    let mut values = Vec::new();
    for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let raw = node.text();
        let body = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        // serde_json's own recursion limit (128) keeps hostile nesting safe.
        if let Ok(v) = serde_json::from_str::<Value>(body) {
            values.push(v);
        }
    }
    let mut objs = Vec::new();
    for v in &values {
        objects(v, &mut objs, 0);
    }
    let ids: IdMap = objs.iter().filter_map(|o| Some((o.get("@id")?.as_str()?, *o))).collect();
    let website_name =
        objs.iter().find(|o| types_of(o).contains(&"WebSite")).and_then(|o| str_of(o.get("name")));
    let mut ld = JsonLd { website_name, ..Default::default() };
    // The article node; a page without one may describe itself as a
    // `WebPage` with author and date (older Yoast graphs).
    let article = objs
        .iter()
        .find(|o| types_of(o).iter().any(|t| is_article_type(t)))
        .or_else(|| objs.iter().find(|o| types_of(o).iter().any(|t| *t == "WebPage" || *t == "ItemPage")));
    let Some(o) = article else { return ld };
    ld.headline = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
    names_of(o.get("author"), &ids, &mut ld.authors);
    if ld.authors.is_empty() {
        names_of(o.get("creator"), &ids, &mut ld.authors);
    }
    ld.publisher = match o.get("publisher") {
        Some(Value::Object(p)) => {
            let p = match (p.get("name"), p.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => ids.get(id).copied().unwrap_or(p),
                _ => p,
            };
            str_of(p.get("name"))
        }
        Some(Value::Array(a)) => a.iter().find_map(|p| p.as_object().and_then(|p| str_of(p.get("name")))),
        Some(Value::String(s)) => clean_value(s),
        _ => None,
    };
    ld.published = str_of(o.get("datePublished"))
        .or_else(|| str_of(o.get("dateCreated")))
        .and_then(|d| normalize_date(&d));
    ld.url = str_of(o.get("url")).or_else(|| match o.get("mainEntityOfPage") {
        Some(Value::String(s)) => clean_value(s),
        Some(Value::Object(m)) => str_of(m.get("@id")).or_else(|| str_of(m.get("url"))),
        _ => None,
    });
    ld
}

/// Trims a metadata value and drops empty ones.
fn clean_value(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// `<meta>` tags as (lower-cased key, content) pairs, in document order.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content").and_then(|c| clean_value(&c)) else { continue };
        for key_attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = node.attr(key_attr) {
                out.push((k.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    out
}

fn first<'a>(tags: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| tags.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()))
}

/// Rewrites a date or date-time in one of the common page formats as ISO 8601:
/// `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z`) when a zone is given,
/// `YYYY-MM-DDTHH:MM:SS` without one, `YYYY-MM-DD` for a bare date. Years
/// outside 1800–2200 and unparseable values give `None`.
pub(crate) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let plausible = |y: i32| (1800..=2200).contains(&y);
    use chrono::Datelike;
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return plausible(d.year()).then(|| d.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S %z"]
    {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return plausible(d.year()).then(|| d.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return plausible(d.year()).then(|| d.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return plausible(d.year()).then(|| d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return plausible(d.year()).then(|| d.format("%Y-%m-%d").to_string());
        }
    }
    // A value that starts with a full ISO date followed by something chrono
    // does not read (an odd zone name, say): keep the date it states.
    if s.len() > 10 && s.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            let sep = s.as_bytes()[10];
            if matches!(sep, b'T' | b' ' | b't') {
                return plausible(d.year()).then(|| d.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

/// Reduces a language tag (`en-US`, `pt_BR`, `eng`) to its ISO 639-1 code.
pub(crate) fn normalize_lang(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary);
    }
    // ISO 639-2 (bibliographic and terminology) codes of common languages.
    let two = match primary.as_str() {
        "eng" => "en",
        "fra" | "fre" => "fr",
        "deu" | "ger" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "rus" => "ru",
        "zho" | "chi" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "ara" => "ar",
        "nld" | "dut" => "nl",
        "pol" => "pl",
        "tur" => "tr",
        "ukr" => "uk",
        "swe" => "sv",
        "ell" | "gre" => "el",
        "heb" => "he",
        "hin" => "hi",
        _ => return None,
    };
    Some(two.to_string())
}

/// Resolves `href` against `base` (both may be absent or relative); returns an
/// absolute http(s) URL or `None`.
pub(crate) fn resolve_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?.trim();
    let lower_base = base.to_ascii_lowercase();
    let scheme_end = if lower_base.starts_with("https://") {
        8
    } else if lower_base.starts_with("http://") {
        7
    } else {
        return None;
    };
    if let Some(rest) = href.strip_prefix("//") {
        return (!rest.is_empty()).then(|| format!("{}{}", &base[..scheme_end], rest));
    }
    let host_end = base[scheme_end..].find(['/', '?', '#']).map_or(base.len(), |i| scheme_end + i);
    if host_end == scheme_end {
        return None;
    }
    let origin = &base[..host_end];
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    if href.starts_with('#') || href.starts_with('?') || href.contains(':') {
        return None;
    }
    let path = &base[host_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    Some(format!("{origin}{dir}{href}"))
}

/// Strips a site-name segment from a `<title>`: "Headline | Site" → "Headline".
fn clean_title(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    if let Some(h1) = h1 {
        if h1.len() >= 10 && title.contains(h1) {
            return h1.to_string();
        }
    }
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " · "] {
            let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
            if parts.len() > 1 {
                let kept: Vec<&str> =
                    parts.iter().copied().filter(|p| !p.eq_ignore_ascii_case(site)).collect();
                if kept.len() < parts.len() && !kept.is_empty() {
                    return kept.join(sep);
                }
            }
        }
    }
    title.to_string()
}

/// Meta keys that carry the publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "datepublished",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
];

/// Meta keys that carry author names, most specific first.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
];

/// Elements that carry the publication date in an attribute, most
/// specific first: schema.org microdata, `<time pubdate>`, the hAtom
/// `published` class (Blogger, older WordPress themes), then any
/// `<time datetime>`. Sidebars and comments are skipped and an element
/// after the headline is preferred (see [`byline::Zones::pick`]).
const DATE_ELEMENTS: &[&str] =
    &[r#"[itemprop="datePublished"]"#, "time[pubdate]", r#"[class~="published"][title]"#, "time[datetime]"];

/// Authors, in order of trust: JSON-LD `author` (people, not
/// organisations), `<meta>` author keys (values that are names, not URLs),
/// `rel=author` links, then the byline element near the headline; links
/// and bylines in sidebars, related lists and comments never count.
fn authors_of(
    doc: &Document,
    zones: &LazyZones,
    tags: &[(String, String)],
    ld_authors: Vec<String>,
) -> Vec<String> {
    let mut authors = ld_authors;
    for key in AUTHOR_KEYS {
        if !authors.is_empty() {
            break;
        }
        for (k, v) in tags {
            if k == key {
                authors.extend(byline::split_authors(v));
            }
        }
    }
    if authors.is_empty() {
        authors = byline::rel_author_names(doc, zones.get());
    }
    if authors.is_empty() {
        authors = byline::byline_names(doc, zones.get());
    }
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.to_lowercase()));
    authors
}

/// The publication date, in order of trust: JSON-LD `datePublished`, Open
/// Graph and other `<meta>` keys, a dated element of the article
/// ([`DATE_ELEMENTS`]), then the date in the page's URL (`/2023/05/17/`).
/// The dateline, last in trust, needs the text and is read by the caller.
fn published_of(
    doc: &Document,
    zones: &LazyZones,
    tags: &[(String, String)],
    ld_published: Option<String>,
    urls: &[&str],
) -> Option<String> {
    ld_published
        .or_else(|| {
            DATE_KEYS
                .iter()
                .find_map(|k| tags.iter().filter(|(key, _)| key == k).find_map(|(_, v)| normalize_date(v)))
        })
        .or_else(|| {
            DATE_ELEMENTS.iter().find_map(|sel| {
                let dated: Vec<NodeRef> = doc
                    .select(sel)
                    .nodes()
                    .iter()
                    .copied()
                    .filter(|n| {
                        let v = n.attr("datetime").or_else(|| n.attr("content")).or_else(|| n.attr("title"));
                        v.is_some_and(|v| normalize_date(&v).is_some())
                    })
                    .collect();
                let n = zones.get().pick(&dated)?;
                normalize_date(&n.attr("datetime").or_else(|| n.attr("content")).or_else(|| n.attr("title"))?)
            })
        })
        .or_else(|| urls.iter().find_map(|u| published::url_date(u)))
}

/// The page's [`byline::Zones`], worked out only when a source needs them
/// (most pages name author and date in their metadata).
struct LazyZones<'a> {
    doc: &'a Document,
    cell: std::cell::OnceCell<byline::Zones>,
}

impl LazyZones<'_> {
    fn get(&self) -> &byline::Zones {
        self.cell.get_or_init(|| byline::Zones::of(self.doc))
    }
}

/// Reads the metadata of a parsed page. `base_url` resolves relative
/// canonical links.
pub(crate) fn extract_meta(doc: &Document, base_url: Option<&str>) -> Meta {
    let tags = meta_tags(doc);
    let ld = parse_json_ld(doc);
    let site = first(&tags, &["og:site_name", "application-name", "dc.publisher", "dcterms.publisher"])
        .map(str::to_string)
        .or(ld.publisher)
        .or(ld.website_name);

    let h1 = doc.select("h1").nodes().first().and_then(|n| clean_value(&n.text()));
    let title = first(&tags, &["og:title"])
        .map(|t| clean_title(t, site.as_deref(), None))
        .or(ld.headline)
        .or_else(|| {
            let keys =
                ["twitter:title", "parsely-title", "sailthru.title", "dc.title", "dcterms.title", "title"];
            first(&tags, &keys).map(|t| clean_title(t, site.as_deref(), None))
        })
        .or_else(|| {
            let t = doc.select("head title").nodes().first().and_then(|n| clean_value(&n.text()))?;
            Some(clean_title(&t, site.as_deref(), h1.as_deref()))
        })
        .or(h1);

    let url = doc
        .select(r#"link[rel="canonical"]"#)
        .nodes()
        .iter()
        .find_map(|n| resolve_url(&n.attr("href")?, base_url))
        .or_else(|| first(&tags, &["og:url"]).and_then(|u| resolve_url(u, base_url)))
        .or_else(|| ld.url.and_then(|u| resolve_url(&u, base_url)));

    let lang =
        doc.select("html[lang]").nodes().first().and_then(|n| normalize_lang(&n.attr("lang")?)).or_else(
            || first(&tags, &["content-language", "og:locale", "dc.language"]).and_then(normalize_lang),
        );

    let zones = LazyZones { doc, cell: std::cell::OnceCell::new() };
    let og_url = first(&tags, &["og:url"]);
    let urls: Vec<&str> = [url.as_deref(), og_url, base_url].into_iter().flatten().collect();
    let published = published_of(doc, &zones, &tags, ld.published, &urls);
    Meta { title, authors: authors_of(doc, &zones, &tags, ld.authors), site, url, published, lang }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Meta {
        extract_meta(&Document::from(html), Some("https://news.example.org/world/story.html?x=1"))
    }

    #[test]
    fn open_graph_and_meta_tags() {
        let m = meta(
            r#"<html lang="en-GB"><head><title>Ignored | Example News</title>
            <meta property="og:title" content=" Floods hit the valley ">
            <meta property="og:site_name" content="Example News">
            <meta property="og:url" content="https://news.example.org/floods">
            <meta property="article:published_time" content="2019-11-18T20:19:34-05:00">
            <meta name="author" content="Jane Roe and John Doe">
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Floods hit the valley"));
        assert_eq!(m.site.as_deref(), Some("Example News"));
        assert_eq!(m.url.as_deref(), Some("https://news.example.org/floods"));
        assert_eq!(m.published.as_deref(), Some("2019-11-18T20:19:34-05:00"));
        assert_eq!(m.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(m.lang.as_deref(), Some("en"));
    }

    #[test]
    fn site_name_is_stripped_from_titles() {
        let m = meta(
            r#"<head><meta property="og:title" content="Opinion | Floods | Example News">
            <meta property="og:site_name" content="Example News"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Opinion | Floods"));
    }

    #[test]
    fn json_ld_news_article_wins() {
        let m = meta(
            r#"<html><head>
            <meta name="author" content="Meta Person">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"The Site"},
              {"@type":"NewsArticle","headline":"Talks resume in Geneva",
               "datePublished":"2010-08-26T09:30:00Z",
               "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
               "publisher":{"@type":"Organization","name":"Wire Service"},
               "mainEntityOfPage":{"@id":"/2010/08/talks"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chen"]);
        assert_eq!(m.site.as_deref(), Some("Wire Service"));
        assert_eq!(m.published.as_deref(), Some("2010-08-26T09:30:00Z"));
        assert_eq!(m.url.as_deref(), Some("https://news.example.org/2010/08/talks"));
    }

    #[test]
    fn dublin_core_parsely_and_sailthru() {
        let m = meta(
            r#"<head><meta name="DC.date.issued" content="2007-11-21">
            <meta name="parsely-author" content="By Sam Poe">
            <meta name="dc.publisher" content="Gazette"></head>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2007-11-21"));
        assert_eq!(m.authors, vec!["Sam Poe"]);
        assert_eq!(m.site.as_deref(), Some("Gazette"));
        let m = meta(r#"<head><meta name="sailthru.date" content="Tue, 19 Nov 2019 14:41:32 +0000"></head>"#);
        assert_eq!(m.published.as_deref(), Some("2019-11-19T14:41:32Z"));
    }

    #[test]
    fn time_element_canonical_link_and_title_cleanup() {
        let m = meta(
            r#"<html lang="pt-BR"><head><title>Chuva forte em Lisboa | Diário</title>
            <meta property="og:site_name" content="Diário">
            <link rel="canonical" href="/chuva-lisboa"></head>
            <body><article><span class="by" itemprop="author">Rui Sá</span>
            <time datetime="2018-01-22 00:13">22 jan</time><p>Texto.</p></article></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Chuva forte em Lisboa"));
        assert_eq!(m.url.as_deref(), Some("https://news.example.org/chuva-lisboa"));
        assert_eq!(m.published.as_deref(), Some("2018-01-22T00:13:00"));
        assert_eq!(m.authors, vec!["Rui Sá"]);
        assert_eq!(m.lang.as_deref(), Some("pt"));
    }

    #[test]
    fn nothing_is_invented() {
        let m = meta("<html><body><p>Just text, 2019-01-01, by nobody.</p></body></html>");
        assert_eq!(m, Meta::default());
        let m = meta(
            r#"<html lang="x-klingon"><head><meta name="author" content="https://facebook.com/someone">
            <meta property="article:published_time" content="yesterday">
            <script type="application/ld+json">{not json</script></head></html>"#,
        );
        assert_eq!(m, Meta::default());
    }

    #[test]
    fn date_formats() {
        assert_eq!(normalize_date("2019-11-19T14:41:32.524Z").as_deref(), Some("2019-11-19T14:41:32Z"));
        assert_eq!(normalize_date("2019-11-19T14:41:32+0100").as_deref(), Some("2019-11-19T14:41:32+01:00"));
        assert_eq!(normalize_date("2019-11-19T14:41:32").as_deref(), Some("2019-11-19T14:41:32"));
        assert_eq!(normalize_date("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("2019-11-19T14:41:32 EST").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("0001-01-01"), None);
        assert_eq!(normalize_date("soon"), None);
        assert_eq!(normalize_date(""), None);
    }

    #[test]
    fn urls_and_langs() {
        let b = Some("https://ex.org/a/b.html");
        assert_eq!(resolve_url("c.html", b).as_deref(), Some("https://ex.org/a/c.html"));
        assert_eq!(resolve_url("//cdn.ex.org/x", b).as_deref(), Some("https://cdn.ex.org/x"));
        assert_eq!(resolve_url("/x", None), None);
        assert_eq!(resolve_url("javascript:void(0)", b), None);
        assert_eq!(normalize_lang("eng").as_deref(), Some("en"));
        assert_eq!(normalize_lang("zh_Hant_TW").as_deref(), Some("zh"));
        assert_eq!(normalize_lang(""), None);
    }
}
