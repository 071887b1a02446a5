//! `dossier eval …`: quality measurements against gold data.

use clap::Subcommand;

use crate::Outcome;

/// The evaluations.
#[derive(Debug, Subcommand)]
pub enum Eval {}

/// Runs one evaluation.
pub fn run(eval: Eval) -> anyhow::Result<Outcome> {
    match eval {}
}
