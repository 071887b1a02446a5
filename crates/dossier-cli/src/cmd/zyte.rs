//! Reading the Zyte article-extraction benchmark layout shared by
//! `eval html` and `bench html`: `DIR/html/<id>.html.gz` pages and
//! `DIR/ground-truth.json` mapping id to `{"articleBody": ...}`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};

/// One page of the benchmark, decompressed and decoded.
pub struct Page {
    /// Page id (file name without `.html.gz`).
    pub id: String,
    /// The page HTML.
    pub html: String,
}

/// Reads every `html/*.html.gz` (or plain `*.html`) page under `dir`, sorted by id.
///
/// The benchmark pages are stored as UTF-8; any invalid byte is replaced
/// rather than failing the run.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>> {
    let hdir = dir.join("html");
    let mut pages = Vec::new();
    for entry in fs::read_dir(&hdir).with_context(|| format!("reading {}", hdir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let (id, gz) = if let Some(id) = name.strip_suffix(".html.gz") {
            (id.to_string(), true)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id.to_string(), false)
        } else {
            continue;
        };
        let raw = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let bytes = if gz {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .with_context(|| format!("gunzip {}", path.display()))?;
            out
        } else {
            raw
        };
        pages.push(Page { id, html: String::from_utf8_lossy(&bytes).into_owned() });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Reads `ground-truth.json`: id to gold article body.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, String>> {
    let path = dir.join("ground-truth.json");
    let raw = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value = serde_json::from_slice(&raw).context("parsing ground-truth.json")?;
    let obj = v.as_object().context("ground-truth.json is not an object")?;
    Ok(obj
        .iter()
        .map(|(k, v)| {
            let body = v.get("articleBody").and_then(|b| b.as_str()).unwrap_or_default();
            (k.clone(), body.to_string())
        })
        .collect())
}
