//! HTML main-text and metadata extraction (baseline being built).

pub mod metric;

use dom_smoothie::{Config, Readability, TextMode};

/// What was extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlExtract {
    /// The main text.
    pub text: String,
    /// Title.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site name.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub lang: Option<String>,
}

/// A main-text extractor.
pub trait MainTextExtractor: Send + Sync {
    /// Extracts.
    fn extract(&self, html: &str, base_url: Option<&str>) -> HtmlExtract;
}

/// Default extractor.
#[derive(Debug, Clone, Default)]
pub struct DomSmoothieExtractor {}

impl MainTextExtractor for DomSmoothieExtractor {
    fn extract(&self, html: &str, _base_url: Option<&str>) -> HtmlExtract {
        let cfg = Config { text_mode: TextMode::Formatted, ..Default::default() };
        let mut out = HtmlExtract::default();
        if let Ok(mut r) = Readability::new(html, None, Some(cfg)) {
            if let Ok(a) = r.parse() {
                out.text = a.text_content.to_string();
            }
        }
        out
    }
}

/// Extracts with the default extractor.
pub fn extract_html(html: &str, base_url: Option<&str>) -> HtmlExtract {
    DomSmoothieExtractor::default().extract(html, base_url)
}
