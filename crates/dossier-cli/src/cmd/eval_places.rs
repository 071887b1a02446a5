//! `dossier eval places`: reads sentences with the expected GeoNames id of
//! each place name (`data/eval/places-heldout.jsonl`) and scores the
//! places the linker gives them (see [`dossier_link::geo::eval`]).

use std::path::PathBuf;

use anyhow::Context;
use dossier_link::geo::eval::{score_cases, PlaceCase};
use dossier_link::geo::Gazetteer;
use dossier_link::KnowledgeBase;
use serde_json::{json, Value};

/// Arguments of `dossier eval places`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON Lines: `{"text": …, "places": [{"mention": …, "geonames": ID | [ID, …] | null}]}`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also print every error.
    #[arg(long)]
    pub errors: bool,
}

/// One gold line as a case.
fn case(v: &Value) -> Option<PlaceCase> {
    let text = v.get("text")?.as_str()?.to_string();
    let mut places = Vec::new();
    for p in v.get("places")?.as_array()? {
        let mention = p.get("mention")?.as_str()?.to_string();
        let ids = match p.get("geonames")? {
            Value::Null => Vec::new(),
            Value::Array(a) => {
                a.iter().map(|x| x.as_u64().map(|n| n as u32)).collect::<Option<Vec<u32>>>()?
            }
            x => vec![x.as_u64()? as u32],
        };
        places.push((mention, ids));
    }
    Some(PlaceCase { text, places })
}

/// Runs the evaluation.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", args.gold.display(), n + 1))?;
        cases.push(case(&v).with_context(|| format!("{}:{}: not a place case", args.gold.display(), n + 1))?);
    }
    let s = score_cases(&KnowledgeBase::embedded(), &Gazetteer::embedded(), &cases)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    if args.errors {
        for e in &s.errors {
            println!("{e}");
        }
    }
    if args.json {
        let v = json!({
            "names": s.total, "correct": s.correct, "accuracy": s.accuracy(),
            "placed": s.placed, "placed_right": s.placed_right, "precision": s.precision(),
            "unplaced": s.total - s.placed, "missed": s.missed, "expected_none": s.expected_none,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "{} place names in {} texts ({} to stay unplaced)\naccuracy {:.3} ({} right)\nplaced {} (precision {:.3}), unplaced {} (of which {} had a place)",
            s.total,
            cases.len(),
            s.expected_none,
            s.accuracy(),
            s.correct,
            s.placed,
            s.precision(),
            s.total - s.placed,
            s.missed
        );
    }
    Ok(())
}
