//! Main text and metadata of an HTML page.
//!
//! [`extract_html`] turns one decoded HTML page into an [`HtmlExtract`]: the
//! article's clean text (navigation, ads, captions, share bars, comment forms
//! and cookie banners left out; paragraphs separated by a blank line) plus
//! the metadata the page declares (title, authors, site, canonical URL,
//! publication date, language).
//!
//! The work is behind the [`MainTextExtractor`] trait so the algorithm can be
//! swapped; [`DomSmoothieExtractor`] is the default. Its pipeline:
//!
//! 1. a linear, non-recursive pre-scan (`scan`) measures nesting depth;
//!    pages too deep or too big for a DOM take the flat path (one-pass text
//!    rendering, metadata from `<head>` only), which is what keeps hostile
//!    input (100,000 nested `<div>`s, 50 MB on one line) fast and free of
//!    stack overflows;
//! 2. the page is parsed once (html5ever via `dom_query`), metadata is read
//!    (`meta`), page furniture is removed by general rules (`clean`:
//!    tags, ARIA roles, hidden content, class/id vocabulary, with a guard
//!    that never removes the article itself), and wrappers around embedded
//!    posts are unwrapped so they stay in the text;
//! 3. `dom_smoothie` (a port of Mozilla Readability) picks the article
//!    container; inside it, metadata lines, link lists and furniture labels
//!    are removed and the rest is rendered as text, one paragraph per block;
//! 4. when that fails or returns next to nothing, the cleaned page body is
//!    used instead;
//! 5. whitespace is normalised ([`text::normalize`]) and short furniture
//!    paragraphs (date stamps, credits, calls to action) are dropped
//!    (`lines`).
//!
//! Quality is measured with `dossier eval html --gold DIR` on the Zyte
//! article-extraction benchmark ([`metric`]); speed with `dossier bench html`.

mod byline;
mod clean;
mod lines;
pub(crate) mod meta;
pub mod meta_metric;
pub mod metric;
mod published;
mod scan;
pub mod text;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// What was extracted from one HTML page. Empty fields mean the page did not
/// say; nothing is guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlExtract {
    /// The main text: paragraphs separated by one blank line, single spaces
    /// between words, no leading or trailing whitespace.
    pub text: String,
    /// The article's title (headline), without the site name suffix.
    pub title: Option<String>,
    /// Authors' names, in the page's order, without duplicates.
    pub authors: Vec<String>,
    /// Site or publisher name.
    pub site: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD), absolute.
    pub url: Option<String>,
    /// Publication date as ISO 8601: `YYYY-MM-DD`, or a date-time with the
    /// page's offset (`2019-11-18T20:19:34-05:00`) or without a zone.
    pub published: Option<String>,
    /// ISO 639-1 language code from `<html lang>` (or a language meta tag).
    pub lang: Option<String>,
}

/// A main-text and metadata extractor for HTML pages.
///
/// Implementations must never panic and must return in time roughly linear
/// in the input size, whatever the input.
pub trait MainTextExtractor: Send + Sync {
    /// Extracts main text and metadata from `html` (already decoded).
    /// `base_url`, when given and absolute, resolves relative links such as a
    /// relative canonical URL.
    fn extract(&self, html: &str, base_url: Option<&str>) -> HtmlExtract;
}

/// The default extractor: boilerplate pre-cleaning, `dom_smoothie`
/// (Readability) for the article container, fallbacks, and a flat
/// non-recursive path for hostile input. See the module doc.
#[derive(Debug, Clone)]
pub struct DomSmoothieExtractor {
    /// Pages nested deeper than this take the flat path (html5ever is
    /// quadratic on deep nesting and DOM consumers may recurse).
    pub max_depth: usize,
    /// Pages with more than this many bytes of markup (scripts and styles
    /// not counted) take the flat path, which keeps time per page bounded.
    pub max_dom_bytes: usize,
    /// Pages with more start tags than this take the flat path.
    pub max_tags: usize,
    /// Remove page furniture before scoring.
    pub pre_clean: bool,
    /// Largest share of the page's text that one removed element may hold.
    pub max_removed_share: f64,
    /// Clean the article container Readability chose (metadata lines,
    /// link lists, furniture labels).
    pub post_clean: bool,
    /// Largest share of the article's text that one element removed by the
    /// post-cleaning may hold.
    pub max_removed_share_post: f64,
    /// Drop short paragraphs that are date stamps, credits or calls to
    /// action (see the `lines` module).
    pub drop_furniture_lines: bool,
    /// Main text shorter than this many characters triggers the fallbacks.
    pub min_text_chars: usize,
}

impl Default for DomSmoothieExtractor {
    fn default() -> Self {
        DomSmoothieExtractor {
            max_depth: 1_000,
            max_dom_bytes: 8 << 20,
            max_tags: 400_000,
            pre_clean: true,
            max_removed_share: 0.5,
            post_clean: true,
            max_removed_share_post: 0.2,
            min_text_chars: 200,
            drop_furniture_lines: true,
        }
    }
}

impl DomSmoothieExtractor {
    /// The flat path: one linear pass over the markup, metadata from the
    /// `<head>` alone when that part is itself safe to parse.
    fn extract_flat(&self, html: &str, base_url: Option<&str>) -> HtmlExtract {
        let mut out = HtmlExtract { text: text::normalize(&scan::flat_text(html)), ..Default::default() };
        let head_end = find_ascii_ci(html, "<body").unwrap_or(html.len());
        let head = &html[..head_end];
        if head.len() <= self.max_dom_bytes.min(4 << 20) && scan::profile(head).max_depth <= self.max_depth {
            set_meta(&mut out, meta::extract_meta(&Document::from(head), base_url));
        }
        out
    }
}

impl MainTextExtractor for DomSmoothieExtractor {
    fn extract(&self, html: &str, base_url: Option<&str>) -> HtmlExtract {
        if html.trim().is_empty() {
            return HtmlExtract::default();
        }
        let profile = scan::profile(html);
        if profile.markup_bytes > self.max_dom_bytes
            || profile.max_depth > self.max_depth
            || profile.tags > self.max_tags
        {
            return self.extract_flat(html, base_url);
        }
        let mut out = HtmlExtract::default();
        // A reader's browser runs scripts and so hides <noscript>.
        let visible = strip_noscript(html);
        let doc = Document::from(&*visible);
        let meta = meta::extract_meta(&doc, base_url);
        out.text = self.main_text(doc, &visible, base_url);
        if matches!(visible, std::borrow::Cow::Owned(_)) && out.text.chars().count() < NOSCRIPT_ONLY_CHARS {
            // The page keeps its text for script-less readers only.
            let kept = self.main_text(Document::from(html), html, base_url);
            if kept.chars().count() > out.text.chars().count() {
                out.text = kept;
            }
        }
        set_meta(&mut out, meta);
        if out.published.is_none() {
            // The dateline opens the story, under a headline or standfirst.
            out.published = out.text.split("\n\n").take(3).find_map(published::dateline_date);
        }
        out
    }
}

/// Below this many characters of text outside `<noscript>`, the page is
/// taken to keep its text for script-less readers only (an app shell with
/// the article in `<noscript>`), and the `<noscript>` text is read. A short
/// article under a long notice has more than this.
const NOSCRIPT_ONLY_CHARS: usize = 40;

/// `html` without its closed `<noscript>…</noscript>` blocks (one linear
/// pass; borrowed when there is none). A browser that runs scripts never
/// shows them, and their "JavaScript is disabled" notices must not stand in
/// for the article; html5ever would otherwise hoist a `<noscript>` notice
/// in `<head>` into the body. An unclosed `<noscript>` is left alone.
fn strip_noscript(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let tag_at =
        |i: usize, tag: &[u8]| b.get(i + 1..i + 1 + tag.len()).is_some_and(|w| w.eq_ignore_ascii_case(tag));
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(open) = next_tag(b, from, |i| tag_at(i, b"noscript")) {
        let Some(close) = next_tag(b, open + 1, |i| tag_at(i, b"/noscript")) else { break };
        let end = html[close..].find('>').map_or(html.len(), |i| close + i + 1);
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[copied..open]);
        copied = end;
        from = end;
    }
    finish_copy(html, out, copied)
}

/// The position of the next `<` at or after `from` for which `is_tag` holds.
fn next_tag(b: &[u8], mut from: usize, is_tag: impl Fn(usize) -> bool) -> Option<usize> {
    while let Some(p) = memchr_lt(b, from) {
        if is_tag(p) {
            return Some(p);
        }
        from = p + 1;
    }
    None
}

impl DomSmoothieExtractor {
    /// The article text of a page that takes the DOM path: pre-cleaning,
    /// Readability, the body fallback and the paragraph filters.
    fn main_text(&self, doc: Document, html: &str, base_url: Option<&str>) -> String {
        if self.pre_clean {
            clean::remove_boilerplate(&doc, self.max_removed_share);
        }
        let mut text = self.readability_text(doc, base_url);
        if text.chars().count() < self.min_text_chars {
            text = self.fallback_text(html, text);
        }
        if self.drop_furniture_lines {
            text = lines::drop_furniture_lines(&text);
            text = lines::drop_repeated_paragraphs(&text);
        }
        text
    }
}

impl DomSmoothieExtractor {
    /// Runs Readability on the (pre-cleaned) page, cleans the article it
    /// chose and renders it as text.
    fn readability_text(&self, doc: Document, base_url: Option<&str>) -> String {
        let cfg = Config { text_mode: TextMode::Formatted, keep_classes: true, ..Default::default() };
        let base = base_url.filter(|u| meta::resolve_url(u, None).is_some());
        let Ok(mut r) = Readability::with_document(doc, base, Some(cfg)) else { return String::new() };
        let Ok(article) = r.parse() else { return String::new() };
        if !self.post_clean {
            return text::normalize(&article.text_content);
        }
        let root = r.doc.select_single("#readability-page-1");
        match root.nodes().first() {
            Some(node) => {
                clean::post_clean(node, self.max_removed_share_post);
                text::normalize(&node.formatted_text())
            }
            None => text::normalize(&article.text_content),
        }
    }

    /// Used when the extractor found (next to) nothing: the cleaned page body,
    /// if it has more to offer.
    fn fallback_text(&self, html: &str, main: String) -> String {
        let doc = Document::from(html);
        if self.pre_clean {
            clean::remove_boilerplate(&doc, self.max_removed_share);
        }
        doc.select("script, style, head").remove();
        let body = doc.body().map(|b| text::normalize(&b.formatted_text())).unwrap_or_default();
        if body.chars().count() > main.chars().count() {
            body
        } else {
            main
        }
    }
}

fn set_meta(out: &mut HtmlExtract, m: meta::Meta) {
    out.title = m.title;
    out.authors = m.authors;
    out.site = m.site;
    out.url = m.url;
    out.published = m.published;
    out.lang = m.lang;
}

/// Byte index of the first case-insensitive occurrence of ASCII `needle`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes().windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Extracts main text and metadata with the default [`DomSmoothieExtractor`].
pub fn extract_html(html: &str, base_url: Option<&str>) -> HtmlExtract {
    static DEFAULT: std::sync::OnceLock<DomSmoothieExtractor> = std::sync::OnceLock::new();
    let html = cap_attributes(html);
    DEFAULT.get_or_init(DomSmoothieExtractor::default).extract(&html, base_url)
}

/// Most attributes kept on one element: the HTML parser checks each new
/// attribute against the element's others, so 200,000 of them took 50 s.
pub const MAX_ATTRIBUTES: usize = 256;

/// `html` with the attributes of any tag beyond the first
/// [`MAX_ATTRIBUTES`] dropped (one linear pass; the page is copied only
/// when a tag has too many).
pub fn cap_attributes(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `html` already copied to `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr_lt(b, i) {
        i = p + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // Walk the tag: name, then attributes separated by whitespace;
        // quoted values may hold anything.
        let mut j = i;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let (mut attrs, mut in_space, mut after_eq, mut cut_at) = (0usize, true, false, None);
        while j < b.len() && b[j] != b'>' {
            let c = b[j];
            if c == b'"' || c == b'\'' {
                j = b[j + 1..].iter().position(|&d| d == c).map_or(b.len(), |k| j + 1 + k + 1);
                in_space = false;
                after_eq = false;
                continue;
            }
            if c.is_ascii_whitespace() {
                in_space = true;
            } else if c == b'=' {
                after_eq = true;
            } else {
                if in_space && !after_eq && c != b'/' {
                    attrs += 1;
                    if attrs > MAX_ATTRIBUTES && cut_at.is_none() {
                        cut_at = Some(j);
                    }
                }
                in_space = false;
                after_eq = false;
            }
            j += 1;
        }
        if let Some(cut) = cut_at {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..cut]);
            copied = j.min(b.len());
        }
        i = j;
    }
    finish_copy(html, out, copied)
}

/// The result of a pass that copies `html` only once it has something to
/// cut: `html` itself when nothing was cut, else the copy with the rest of
/// `html` (from `copied`) appended.
fn finish_copy(html: &str, out: Option<String>, copied: usize) -> std::borrow::Cow<'_, str> {
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// The position of the next `<` at or after `from`.
fn memchr_lt(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?.iter().position(|&c| c == b'<').map(|k| from + k)
}

#[cfg(test)]
mod tests;
