//! `dossier stats` and `dossier reindex`.

use std::path::Path;

use dossier_store::Store;

use crate::output::{bytes, json_lines};
use crate::Outcome;

/// Arguments of `dossier stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// One JSON object (`documents`, `entities`, `mentions`, `quotes`, … as keys).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier reindex`.
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {}

/// `dossier stats`.
pub fn stats(dir: &Path, a: StatsArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let s = store.stats()?;
    if a.json {
        json_lines(std::slice::from_ref(&s))?;
        return Ok(Outcome::Success);
    }
    crate::output::outln!("store       {}", s.store);
    crate::output::outln!("documents   {}", s.documents);
    crate::output::outln!("entities    {}", s.entities);
    crate::output::outln!("mentions    {}", s.mentions);
    crate::output::outln!("quotes      {}", s.quotes);
    crate::output::outln!("dates       {}", s.dates);
    crate::output::outln!("decisions   {}", s.decisions);
    crate::output::outln!("indexed     {} documents in the full-text index", s.indexed_documents);
    crate::output::outln!(
        "on disk     {} ({} database, {} index)",
        bytes(s.total_bytes),
        bytes(s.db_bytes),
        bytes(s.index_bytes)
    );
    crate::output::outln!("schema      version {}", s.schema_version);
    Ok(Outcome::Success)
}

/// `dossier reindex`.
pub fn reindex(dir: &Path, _a: ReindexArgs) -> anyhow::Result<Outcome> {
    let mut store = Store::open(dir)?;
    let t = std::time::Instant::now();
    let n = store.reindex()?;
    crate::output::outln!("reindexed {n} documents in {:.1} s", t.elapsed().as_secs_f64());
    Ok(Outcome::Success)
}
