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

/// A held-out document with what its annotator added per attribution.
pub struct HeldoutDoc {
    /// The text and attributions.
    pub doc: GoldDoc,
    /// The speaker's resolved name, per attribution.
    pub names: Vec<Option<String>>,
    /// The channel names, per attribution; `None` when not annotated.
    pub via: Vec<Option<Vec<String>>>,
}

/// Loads a hand-annotated held-out set (`data/eval/quotes-heldout.jsonl`):
/// one JSON object a line, `{"id", "text", "attributions": [{"kind",
/// "content": [piece, …], "source": words|null, "name": name|null}]}`.
///
/// Content pieces are exact substrings, each occurring once in the text.
/// The source is the occurrence of its words (whole words, outside the
/// content) nearest to the content. An attribution may list the
/// channels its text gives, `"via": [name, …]` (set 7 on). Returns the
/// documents and, per attribution, the resolved name the annotator gave
/// (for the name score) and its channel names (`None` where the set does
/// not annotate channels).
pub fn load_heldout(path: &Path) -> Result<Vec<HeldoutDoc>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let name = v["id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().context("no text")?.to_string();
        let mut gold = Vec::new();
        let mut names = Vec::new();
        let mut via = Vec::new();
        for a in v["attributions"].as_array().context("no attributions")? {
            let mut content = Vec::new();
            for piece in a["content"].as_array().context("no content")? {
                let piece = piece.as_str().context("content piece is not a string")?;
                let mut found = text.match_indices(piece);
                let (Some((at, _)), None) = (found.next(), found.next()) else {
                    anyhow::bail!("{}:{}: content {piece:?} must occur exactly once", path.display(), n + 1);
                };
                content.push(dossier_core::Span::new(at, at + piece.len()));
            }
            content.sort();
            let mut source = Vec::new();
            if let Some(words) = a["source"].as_str() {
                let s = nearest_occurrence(&text, words, &content)
                    .with_context(|| format!("{}:{}: source {words:?} not found", path.display(), n + 1))?;
                source.push(s);
            }
            names.push(a["name"].as_str().map(str::to_string));
            via.push(a.get("via").and_then(|v| v.as_array()).map(|list| {
                list.iter().filter_map(|n| n.as_str().map(str::to_string)).collect::<Vec<String>>()
            }));
            gold.push(GoldAttribution { content, source, cue: vec![] });
        }
        out.push(HeldoutDoc { doc: GoldDoc { name, text, gold }, names, via });
    }
    Ok(out)
}

/// The whole-word occurrence of `words` outside `content` nearest to it.
fn nearest_occurrence(text: &str, words: &str, content: &[dossier_core::Span]) -> Option<dossier_core::Span> {
    let (c0, c1) = (content.first()?.start, content.last()?.end);
    let boundary = |s: Option<char>| s.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(words)
        .map(|(at, _)| dossier_core::Span::new(at, at + words.len()))
        .filter(|s| boundary(text[..s.start].chars().next_back()) && boundary(text[s.end..].chars().next()))
        .filter(|s| !content.iter().any(|c| c.overlaps(s)))
        .min_by_key(|s| if s.end <= c0 { c0 - s.end } else { s.start.saturating_sub(c1) })
}
