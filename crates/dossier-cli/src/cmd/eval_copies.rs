//! `dossier eval copies`: the syndication corpus (`data/eval/copies`, built
//! by `scripts/make-copies-corpus.py`) ingested into a fresh store through
//! the real writer, its copies clusters scored against the gold groups as
//! pairs: a pair of documents is predicted when they end in one cluster,
//! gold when they share a `group`.
//!
//! `--sweep` also scores the confirmation rule alone over every pair of
//! documents (no LSH, no clusters) at several containment thresholds: how
//! the threshold was chosen on the dev half.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use anyhow::Context;
use dossier_core::Annotations;
use dossier_store::copies::fingerprint::{overlap, shingles};
use dossier_store::copies::RULE;
use dossier_store::Store;
use serde_json::json;

/// Arguments of `dossier eval copies`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON Lines: `{"id", "title", "site", "published", "text", "group"}`;
    /// documents with the same `group` are copies of each other.
    #[arg(long)]
    pub gold: PathBuf,
    /// Also score the confirmation rule alone at several thresholds.
    #[arg(long)]
    pub sweep: bool,
    /// Also print every wrong and missed pair.
    #[arg(long)]
    pub errors: bool,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// A gold document: its group and the edits that made it.
struct Gold {
    group: String,
    edits: Vec<String>,
}

/// Precision, recall and F1 of `predicted` against `gold` pairs.
fn score(predicted: &BTreeSet<(String, String)>, gold: &BTreeSet<(String, String)>) -> (f64, f64, f64) {
    let hit = predicted.intersection(gold).count() as f64;
    let p = if predicted.is_empty() { 1.0 } else { hit / predicted.len() as f64 };
    let r = if gold.is_empty() { 1.0 } else { hit / gold.len() as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Every unordered pair of `ids`, each as (smaller, larger).
fn pairs_of(ids: &[String], out: &mut BTreeSet<(String, String)>) {
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            out.insert(if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) });
        }
    }
}

/// Runs the evaluation.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let raw = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let mut gold: HashMap<String, Gold> = HashMap::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        let id = v["id"].as_str().with_context(|| format!("line {}: no id", n + 1))?.to_string();
        let group = v["group"].as_str().with_context(|| format!("line {}: no group", n + 1))?.to_string();
        let edits = v["edits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e.as_str())
            .map(String::from)
            .collect();
        gold.insert(id, Gold { group, edits });
    }
    // Documents as ingest builds them (the JSON Lines reader), stored with
    // no annotations: copies need only the text.
    let tmp = tempfile::tempdir()?;
    let mut store = Store::create(tmp.path())?;
    let mut name_of: HashMap<String, String> = HashMap::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    {
        let mut w = store.writer()?;
        for raw in dossier_pipeline::sources(&[args.gold.display().to_string()]) {
            let doc = raw?.build()?.doc;
            let name = doc.source_id.clone().context("a gold line without id")?;
            name_of.insert(doc.id.clone(), name.clone());
            w.add(&doc, &Annotations::default())?;
            texts.push((name, doc.text));
        }
        w.finish()?;
    }
    let mut predicted = BTreeSet::new();
    for cluster in store.copy_clusters()? {
        let names: Vec<String> = cluster.iter().filter_map(|id| name_of.get(id).cloned()).collect();
        pairs_of(&names, &mut predicted);
    }
    let mut groups: HashMap<&str, Vec<String>> = HashMap::new();
    for (id, g) in &gold {
        groups.entry(g.group.as_str()).or_default().push(id.clone());
    }
    let mut gold_pairs = BTreeSet::new();
    for ids in groups.values() {
        pairs_of(ids, &mut gold_pairs);
    }
    let (p, r, f) = score(&predicted, &gold_pairs);
    let mut sweep = Vec::new();
    let mut margin: Option<(f64, f64)> = None;
    if args.sweep {
        let sets: Vec<(String, Vec<u64>)> = texts.iter().map(|(n, t)| (n.clone(), shingles(t))).collect();
        let mut all = Vec::new();
        for (i, (a, sa)) in sets.iter().enumerate() {
            for (b, sb) in &sets[i + 1..] {
                let key = if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
                all.push((key, overlap(sa, sb)));
            }
        }
        // The margin the threshold sits in: the most a non-copy pair
        // shares, the least a copy pair does.
        let most_other = all
            .iter()
            .filter(|(k, _)| !gold_pairs.contains(k))
            .map(|(_, o)| o.containment)
            .fold(0.0, f64::max);
        let least_copy = all
            .iter()
            .filter(|(k, _)| gold_pairs.contains(k))
            .map(|(_, o)| o.containment)
            .fold(1.0, f64::min);
        margin = Some((most_other, least_copy));
        for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
            let rule = dossier_store::copies::CopyRule { containment: t, ..RULE };
            let kept: BTreeSet<(String, String)> =
                all.iter().filter(|(_, o)| rule.holds(o)).map(|(k, _)| k.clone()).collect();
            let (sp, sr, sf) = score(&kept, &gold_pairs);
            sweep.push(json!({"containment": t, "shared": RULE.shared, "precision": sp, "recall": sr, "f1": sf, "pairs": kept.len()}));
        }
    }
    if args.json {
        println!(
            "{}",
            json!({"documents": texts.len(), "groups": groups.len(), "gold_pairs": gold_pairs.len(),
                   "predicted_pairs": predicted.len(), "precision": p, "recall": r, "f1": f, "sweep": sweep,
                   "margin": margin.map(|(other, copy)| json!({"non_copies_max": other, "copies_min": copy}))})
        );
    } else {
        println!(
            "{} documents, {} groups: {} gold copy pairs, {} predicted",
            texts.len(),
            groups.len(),
            gold_pairs.len(),
            predicted.len()
        );
        println!(
            "pair precision {p:.3}  recall {r:.3}  F1 {f:.3}  (rule: containment >= {}, shared >= {})",
            RULE.containment, RULE.shared
        );
        if let Some((other, copy)) = margin {
            println!("  containment of pairs, all of them: non-copies at most {other:.3}, copies at least {copy:.3}");
        }
        for s in &sweep {
            println!(
                "  rule alone, all pairs, containment >= {:.1}: P {:.3} R {:.3} F1 {:.3} ({} pairs)",
                s["containment"].as_f64().unwrap_or(0.0),
                s["precision"].as_f64().unwrap_or(0.0),
                s["recall"].as_f64().unwrap_or(0.0),
                s["f1"].as_f64().unwrap_or(0.0),
                s["pairs"]
            );
        }
    }
    if args.errors {
        let text_of: HashMap<&str, &str> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let edits = |n: &str| gold.get(n).map(|g| g.edits.join("+")).unwrap_or_default();
        let show = |kind: &str, (a, b): &(String, String)| {
            let o = overlap(&shingles(text_of[a.as_str()]), &shingles(text_of[b.as_str()]));
            println!(
                "{kind} {a} [{}] ~ {b} [{}]: {} shared, containment {:.2}, jaccard {:.2}",
                edits(a),
                edits(b),
                o.shared,
                o.containment,
                o.jaccard
            );
        };
        for pair in predicted.difference(&gold_pairs) {
            show("wrong ", pair);
        }
        for pair in gold_pairs.difference(&predicted) {
            show("missed", pair);
        }
    }
    Ok(())
}
