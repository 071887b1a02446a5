//! `dossier copies DOC`: the copies cluster of a stored document — the same
//! story stored again under other headlines and sites — with its origin
//! (the earliest member) and the measured overlap of each confirmed pair.

use std::path::Path;

use dossier_store::Store;

use crate::output::{counted, human_date, outln, short};
use crate::Outcome;

/// Arguments of `dossier copies`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document's id (as `dossier search` shows it).
    pub id: String,
    /// JSON output (one object: documents, sites, origin, members, pairs).
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(dir: &Path, a: Args) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let v = store.copies(&a.id)?;
    if a.json {
        outln!("{}", serde_json::to_string(&v)?);
        return Ok(Outcome::Success);
    }
    let Some(origin) = &v.origin else {
        outln!("no copies: no other stored document carries this text");
        return Ok(Outcome::Success);
    };
    outln!(
        "the same story in {} from {}; first: {}, {}",
        counted(v.documents as i64, "document"),
        counted(v.sites as i64, "site"),
        origin.site.as_deref().unwrap_or("(no site)"),
        human_date(origin.published.as_deref())
    );
    for m in &v.members {
        let mark = if m.id == v.id { "*" } else { " " };
        outln!(
            "{mark} {}  {}  {}",
            human_date(m.published.as_deref()),
            short(m.site.as_deref().unwrap_or("(no site)"), 30),
            short(m.title.as_deref().unwrap_or("(no title)"), 70)
        );
        outln!("    id {}  {}", m.id, m.path);
    }
    outln!("evidence (shared 5-word shingles; containment in the shorter text; Jaccard):");
    for p in &v.pairs {
        let id = |s: &str| s.chars().take(12).collect::<String>();
        outln!("  {} ~ {}: {} shared, {:.2}, {:.2}", id(&p.a), id(&p.b), p.shared, p.containment, p.jaccard);
    }
    Ok(Outcome::Success)
}
