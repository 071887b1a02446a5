//! `dossier eval statements`: the statements corpus (`data/eval/statements`,
//! built by `scripts/make-statements-corpus.py`) ingested into a fresh store
//! through the real ingest (NLP, linking, writer), its statement clusters
//! scored against the gold as pairs of quoted passages in different
//! documents: a pair is predicted when the quotes dossier found at the two
//! passages are in one cluster, gold when the passages share a `statement`.
//!
//! Recall is end to end: a passage whose quote was not found, or whose
//! speaker has neither an entity nor a name (no cluster without a
//! speaker), misses its pairs. `--sweep` also scores the joining rule alone, over every pair of
//! found quotes with the same linked speaker, at several thresholds: how
//! the threshold was chosen on the dev half.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;
use dossier_store::statements::{pair_overlap, StatementRule, RULE};
use dossier_store::{QuoteHit, QuoteParams, Store};
use serde_json::json;

/// Arguments of `dossier eval statements`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON Lines: `{"id", "title", "site", "published", "text",
    /// "statements": [{"start", "end", "text", "statement"}]}` (code points).
    #[arg(long)]
    pub gold: PathBuf,
    /// Also score the joining rule alone at several thresholds.
    #[arg(long)]
    pub sweep: bool,
    /// Also print every wrong and missed pair.
    #[arg(long)]
    pub errors: bool,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// A gold passage and what dossier found there.
struct Passage {
    doc: String,
    start: usize,
    end: usize,
    text: String,
    statement: String,
    /// The quote found over it (most overlap, at least half the passage).
    found: Option<QuoteHit>,
}

impl Passage {
    fn cluster(&self) -> Option<&str> {
        self.found.as_ref()?.statement.as_ref().map(|s| s.id.as_str())
    }

    fn speaker(&self) -> Option<&str> {
        Some(self.found.as_ref()?.speaker.as_ref()?.entity.as_ref()?.id.as_str())
    }
}

/// Precision and recall from true positives, false positives, false negatives.
fn pr(tp: usize, fp: usize, missed: usize) -> (f64, f64) {
    let p = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + missed == 0 { 1.0 } else { tp as f64 / (tp + missed) as f64 };
    (p, r)
}

/// Runs the evaluation.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let path = args.gold.display().to_string();
    let raw = std::fs::read_to_string(&args.gold).with_context(|| format!("cannot read {path}"))?;
    let mut gold: HashMap<String, Vec<(usize, usize, String, String)>> = HashMap::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        let id = v["id"].as_str().with_context(|| format!("line {}: no id", n + 1))?.to_string();
        let list = v["statements"].as_array().into_iter().flatten().filter_map(|s| {
            Some((
                s["start"].as_u64()? as usize,
                s["end"].as_u64()? as usize,
                s["text"].as_str()?.to_string(),
                s["statement"].as_str()?.to_string(),
            ))
        });
        gold.insert(id, list.collect());
    }
    let tmp = tempfile::tempdir()?;
    let summary = super::ingest::ingest(
        tmp.path(),
        dossier_pipeline::sources(std::slice::from_ref(&path)),
        None::<std::io::Sink>,
        super::ingest::Options::default(),
    )?;
    let store = Store::open(tmp.path())?;
    let mut passages: Vec<Passage> = Vec::new();
    for raw in dossier_pipeline::sources(std::slice::from_ref(&path)) {
        let doc = raw?.build()?.doc;
        let name = doc.source_id.clone().context("a gold line without id")?;
        let hits = store.quotes(&QuoteParams { doc: Some(doc.id.clone()), ..Default::default() })?;
        for (start, end, text, statement) in gold.remove(&name).unwrap_or_default() {
            let covered = |h: &QuoteHit| h.end.min(end).saturating_sub(h.start.max(start));
            let found =
                hits.iter().filter(|h| 2 * covered(h) >= end - start).max_by_key(|h| covered(h)).cloned();
            passages.push(Passage { doc: name.clone(), start, end, text, statement, found });
        }
    }
    // Pairs of passages in different documents.
    let (mut tp, mut fp, mut missed) = (0, 0, 0);
    let mut wrong: Vec<(usize, usize)> = Vec::new();
    let mut lost: Vec<(usize, usize)> = Vec::new();
    let mut same_speaker: Vec<(usize, usize, bool)> = Vec::new();
    for i in 0..passages.len() {
        for j in i + 1..passages.len() {
            let (a, b) = (&passages[i], &passages[j]);
            if a.doc == b.doc {
                continue;
            }
            let is_gold = a.statement == b.statement;
            let predicted = a.cluster().is_some() && a.cluster() == b.cluster();
            match (is_gold, predicted) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    wrong.push((i, j));
                }
                (true, false) => {
                    missed += 1;
                    lost.push((i, j));
                }
                (false, false) => {}
            }
            if a.speaker().is_some() && a.speaker() == b.speaker() {
                same_speaker.push((i, j, is_gold));
            }
        }
    }
    let (p, r) = pr(tp, fp, missed);
    let found = passages.iter().filter(|p| p.found.is_some()).count();
    let linked = passages.iter().filter(|p| p.speaker().is_some()).count();
    let mut sweep = Vec::new();
    if args.sweep {
        let overlaps: Vec<((usize, f64), bool)> = same_speaker
            .iter()
            .map(|&(i, j, g)| {
                let text = |k: usize| passages[k].found.as_ref().map_or("", |h| h.text.as_str());
                (pair_overlap(text(i), text(j)), g)
            })
            .collect();
        let gold_same = overlaps.iter().filter(|(_, g)| *g).count();
        for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
            let rule = StatementRule { containment: t, ..RULE };
            let kept = |&((n, c), _): &((usize, f64), bool)| n >= rule.shared && c >= rule.containment;
            let hit = overlaps.iter().filter(|o| kept(o) && o.1).count();
            let all = overlaps.iter().filter(|o| kept(o)).count();
            let (sp, sr) = pr(hit, all - hit, gold_same - hit);
            sweep.push(
                json!({"containment": t, "shared": RULE.shared, "precision": sp, "recall": sr, "pairs": all}),
            );
        }
    }
    if args.json {
        println!(
            "{}",
            json!({"documents": summary.added, "passages": passages.len(), "found": found, "linked": linked,
                   "gold_pairs": tp + missed, "predicted_pairs": tp + fp, "precision": p, "recall": r,
                   "same_speaker_pairs": same_speaker.len(), "sweep": sweep})
        );
    } else {
        println!(
            "{} documents, {} gold passages: {} found as quotes, {} of them with a linked speaker",
            summary.added,
            passages.len(),
            found,
            linked
        );
        println!(
            "pairs across documents: {} gold, {} predicted; precision {p:.3}  recall {r:.3}  (rule: shared pairs >= {}, containment >= {})",
            tp + missed,
            tp + fp,
            RULE.shared,
            RULE.containment
        );
        for s in &sweep {
            println!(
                "  rule alone, found pairs of one speaker, containment >= {:.1}: P {:.3} R {:.3} ({} pairs)",
                s["containment"].as_f64().unwrap_or(0.0),
                s["precision"].as_f64().unwrap_or(0.0),
                s["recall"].as_f64().unwrap_or(0.0),
                s["pairs"]
            );
        }
    }
    if args.errors {
        let show = |kind: &str, (i, j): (usize, usize)| {
            let (a, b) = (&passages[i], &passages[j]);
            let why = match (&a.found, &b.found) {
                (Some(x), Some(y)) => {
                    let (n, c) = pair_overlap(&x.text, &y.text);
                    format!(
                        "{n} shared pairs, containment {c:.2}; speakers {:?} / {:?}",
                        a.speaker(),
                        b.speaker()
                    )
                }
                _ => "a passage found no quote".into(),
            };
            println!("{kind} {}@{}-{} ~ {}@{}-{}: {why}", a.doc, a.start, a.end, b.doc, b.start, b.end);
            println!("    {:?}\n    {:?}", a.text, b.text);
        };
        for &pair in &wrong {
            show("wrong ", pair);
        }
        for &pair in &lost {
            show("missed", pair);
        }
    }
    Ok(())
}
