//! Reading evaluation corpora: JSON Lines files with `id`, `text` and
//! `published` fields (such as `wikinews-gum.jsonl`), or plain text files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One document of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    /// The document's id (`id` field, or the file name).
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its publication date, when the corpus gives one.
    pub published: Option<String>,
}

/// Reads every document under `paths`: `.jsonl` files line by line, other
/// files as one plain-text document each, folders recursively (sorted).
pub fn read(paths: &[PathBuf]) -> Result<Vec<CorpusDoc>> {
    let mut out = Vec::new();
    for p in paths {
        read_path(p, &mut out)?;
    }
    Ok(out)
}

fn read_path(p: &Path, out: &mut Vec<CorpusDoc>) -> Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .with_context(|| format!("reading folder {}", p.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            read_path(&e, out)?;
        }
        return Ok(());
    }
    let raw = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
    if p.extension().is_some_and(|e| e == "jsonl") {
        for (n, line) in raw.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("{}:{}: bad JSON", p.display(), n + 1))?;
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let id = v["id"].as_str().map_or_else(|| format!("{}:{}", p.display(), n + 1), str::to_string);
            let published = v["published"].as_str().map(str::to_string);
            out.push(CorpusDoc { id, text, published });
        }
    } else {
        let id = p.file_name().map_or_else(|| p.display().to_string(), |f| f.to_string_lossy().into_owned());
        out.push(CorpusDoc { id, text: raw, published: None });
    }
    Ok(())
}

/// Reads a JSON Lines gold file: one object per non-empty line, with the
/// file and line named when one is not JSON.
pub fn read_gold_lines(path: &Path) -> Result<Vec<serde_json::Value>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(line).with_context(|| format!("{}:{}: bad JSON", path.display(), n + 1))?,
        );
    }
    Ok(out)
}
