//! The analyst's decisions: `merge`, `split`, `distinct`, `decisions`,
//! `undo`. They are stored apart from automatic linking and replayed over
//! it, so they survive re-ingest and re-linking.

use std::path::Path;

use dossier_store::decisions::MentionRef;
use dossier_store::{Decision, Store};

use crate::output::{json_lines, Table};
use crate::Outcome;

/// Arguments of `dossier merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The entity that stays (id or name).
    pub a: String,
    /// The entity that joins it (id or name).
    pub b: String,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// The entity (id or name).
    pub id: String,
    /// A mention to move out: DOC (all the entity's mentions in that document) or DOC:START-END
    /// (code points, as `dossier export` shows them). DOC may be a unique prefix of the id.
    #[arg(long = "mention", required = true, value_name = "DOC[:START-END]")]
    pub mentions: Vec<String>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier distinct`.
#[derive(Debug, clap::Args)]
pub struct DistinctArgs {
    /// One entity (id or name).
    pub a: String,
    /// The other.
    pub b: String,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier decisions`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// JSON Lines output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier undo`.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// The decision number (see `dossier decisions`).
    pub id: i64,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

fn show(d: &Decision, json: bool) -> anyhow::Result<Outcome> {
    if json {
        json_lines(std::slice::from_ref(d))?;
    } else {
        crate::output::outln!("decision {}: {}", d.id, describe(d));
    }
    Ok(Outcome::Success)
}

fn describe(d: &Decision) -> String {
    let b = d.b.as_deref().unwrap_or("?");
    let what = match d.kind {
        dossier_store::DecisionKind::Merge => format!("{b} merged into {}", d.a),
        dossier_store::DecisionKind::Distinct => format!("{} and {b} are distinct", d.a),
        dossier_store::DecisionKind::Split => {
            let m: Vec<String> = d
                .mentions
                .iter()
                .map(|m| match m.span {
                    Some([s, e]) => format!("{}:{s}-{e}", &m.doc[..m.doc.len().min(12)]),
                    None => m.doc[..m.doc.len().min(12)].to_string(),
                })
                .collect();
            format!("{} split: {} moved to {b}", d.a, m.join(", "))
        }
    };
    match &d.undone {
        Some(t) => format!("{what} (undone {t})"),
        None => what,
    }
}

/// `dossier merge`.
pub fn merge(dir: &Path, a: MergeArgs) -> anyhow::Result<Outcome> {
    let mut store = Store::open(dir)?;
    let d = store.merge(&a.a, &a.b)?;
    show(&d, a.json)
}

/// `dossier split`.
pub fn split(dir: &Path, a: SplitArgs) -> anyhow::Result<Outcome> {
    let mut store = Store::open(dir)?;
    let refs = a.mentions.iter().map(|m| MentionRef::parse(m)).collect::<Result<Vec<_>, _>>()?;
    let d = store.split(&a.id, &refs)?;
    show(&d, a.json)
}

/// `dossier distinct`.
pub fn distinct(dir: &Path, a: DistinctArgs) -> anyhow::Result<Outcome> {
    let mut store = Store::open(dir)?;
    let d = store.distinct(&a.a, &a.b)?;
    show(&d, a.json)
}

/// `dossier decisions`.
pub fn list(dir: &Path, a: ListArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let ds = store.decisions()?;
    if a.json {
        json_lines(&ds)?;
        return Ok(Outcome::Success);
    }
    if ds.is_empty() {
        crate::output::outln!("no decisions yet (see `dossier merge`, `split`, `distinct`)");
        return Ok(Outcome::Success);
    }
    let mut t = Table::new(&["#", "made", "by", "decision"]);
    for d in &ds {
        t.row(vec![d.id.to_string(), d.created.clone(), d.made_by.clone().unwrap_or_default(), describe(d)]);
    }
    t.print()?;
    Ok(Outcome::Success)
}

/// `dossier undo`.
pub fn undo(dir: &Path, a: UndoArgs) -> anyhow::Result<Outcome> {
    let mut store = Store::open(dir)?;
    let d = store.undo(a.id)?;
    show(&d, a.json)
}
