//! HTML main text and metadata (interim: dom_smoothie's readability with a
//! plain-text fallback; the full extractor lands from the `html` branch).

/// What an HTML page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlExtract {
    /// Main text.
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

/// Extracts the main text and metadata of `html`.
pub fn extract_html(html: &str, base_url: Option<&str>) -> HtmlExtract {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    match dom_smoothie::Readability::new(html, base_url, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(a) => HtmlExtract {
            text: a.text_content.to_string(),
            title: Some(a.title).filter(|t| !t.is_empty()),
            authors: a.byline.into_iter().collect(),
            site: a.site_name,
            url: a.url,
            published: a.published_time,
            lang: a.lang,
        },
        Err(_) => HtmlExtract::default(),
    }
}
