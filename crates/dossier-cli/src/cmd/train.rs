//! `dossier train …`: builds the tables and models dossier ships, from
//! training data, deterministically.

use clap::Subcommand;

use crate::Outcome;

/// The training commands.
#[derive(Debug, Subcommand)]
pub enum Train {
    /// Learn the attribution cue and speaker-head table from a PolNeAR split.
    QuoteCues(super::train_quote_cues::Args),
}

/// Runs one training command.
pub fn run(train: Train) -> anyhow::Result<Outcome> {
    match train {
        Train::QuoteCues(args) => super::train_quote_cues::run(&args)?,
    }
    Ok(Outcome::Success)
}
