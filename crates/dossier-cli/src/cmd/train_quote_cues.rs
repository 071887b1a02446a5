//! `dossier train quote-cues`: learns the attribution cue table from a
//! PolNeAR split and writes it where the NLP crate embeds it
//! (`crates/dossier-nlp/src/quotes/cues.tsv`). Deterministic: the same split
//! gives the same bytes.

use std::path::PathBuf;

use anyhow::{Context, Result};

/// Arguments of `dossier train quote-cues`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PolNeAR split to learn from (its train part).
    #[arg(long)]
    gold: PathBuf,
    /// Where to write the table.
    #[arg(long, default_value = "crates/dossier-nlp/src/quotes/cues.tsv")]
    out: PathBuf,
    /// Leave out words seen as a cue fewer times than this.
    #[arg(long, default_value_t = 2)]
    min_count: u32,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let docs = crate::polnear::load_split(&args.gold)?;
    let pairs: Vec<(&str, &[_])> = docs.iter().map(|d| (d.text.as_str(), d.gold.as_slice())).collect();
    let table = dossier_nlp::quotes::cues::build_cue_table(&pairs, args.min_count);
    std::fs::write(&args.out, &table).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "{} articles, {} cue words -> {}",
        docs.len(),
        table.lines().filter(|l| !l.starts_with('#')).count(),
        args.out.display()
    );
    Ok(())
}
