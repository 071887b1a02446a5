//! `dossier eval …`: quality measurements against gold data.

use clap::Subcommand;

use crate::Outcome;

/// The evaluations.
#[derive(Debug, Subcommand)]
pub enum Eval {
    /// Entity linking on GUM's Wikinews articles: within-document MUC, B³,
    /// CEAF-e and CoNLL F1, and cross-document pair precision/recall.
    Link(super::eval_link::Args),
}

/// Runs one evaluation.
pub fn run(eval: Eval) -> anyhow::Result<Outcome> {
    match eval {
        Eval::Link(args) => super::eval_link::run(args),
    }
}
