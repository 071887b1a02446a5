//! Reading a PolNeAR split from disk (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`).
//!
//! Several annotators' files may exist for one article; dossier takes one per
//! article deterministically: the file whose annotator suffix sorts first.
//! Parsing itself is pure and lives in `dossier_nlp::quotes::eval`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use dossier_nlp::quotes::eval::{parse_brat, GoldAttribution};

/// One article with its gold attributions.
pub struct GoldDoc {
    /// The article's file stem.
    pub name: String,
    /// The article text.
    pub text: String,
    /// Its attributions (one annotator's).
    pub gold: Vec<GoldAttribution>,
}

/// Loads every annotated article of the split at `dir`, sorted by name.
pub fn load_split(dir: &Path) -> Result<Vec<GoldDoc>> {
    let ann_dir = dir.join("attributions");
    let mut chosen: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let entries = std::fs::read_dir(&ann_dir).with_context(|| format!("reading {}", ann_dir.display()))?;
    let mut files: Vec<std::path::PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for path in files {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.extension().and_then(|e| e.to_str()) != Some("ann") {
            continue;
        }
        let Some((article, _annotator)) = stem.rsplit_once('_') else { continue };
        chosen.entry(article.to_string()).or_insert(path);
    }
    let mut docs = Vec::with_capacity(chosen.len());
    for (name, ann_path) in chosen {
        let text_path = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let ann =
            std::fs::read_to_string(&ann_path).with_context(|| format!("reading {}", ann_path.display()))?;
        let gold = parse_brat(&text, &ann);
        docs.push(GoldDoc { name, text, gold });
    }
    Ok(docs)
}
