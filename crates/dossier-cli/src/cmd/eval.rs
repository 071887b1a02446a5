//! `dossier eval …`: quality measurements against gold data.

use clap::Subcommand;

use crate::Outcome;

/// The evaluations.
#[derive(Debug, Subcommand)]
pub enum Eval {
    /// Named entities: entity-level precision, recall and F1 per type (conlleval semantics).
    Ner(super::ner::EvalArgs),
}

/// Runs one evaluation.
pub fn run(eval: Eval) -> anyhow::Result<Outcome> {
    match eval {
        Eval::Ner(args) => super::ner::eval(args),
    }
}
