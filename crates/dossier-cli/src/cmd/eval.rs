//! `dossier eval …`: quality measurements against gold data.

use clap::Subcommand;

use crate::Outcome;

/// The evaluations.
#[derive(Debug, Subcommand)]
pub enum Eval {
    /// Main-text extraction: Zyte benchmark shingle precision/recall/F1.
    Html(super::eval_html::Args),
    /// PDF text extraction: shingle precision/recall/F1 against gold texts.
    Pdf(super::eval_pdf::Args),
    /// Date recognition and normalisation against a hand-made gold set.
    Dates(super::eval_dates::Args),
    /// Quote dates: is each statement dated when it was said (hand-made gold).
    StatementDates(super::eval_statement_dates::Args),
    /// Entity linking on GUM's Wikinews articles: within-document MUC, B³,
    /// CEAF-e and CoNLL F1, and cross-document pair precision/recall.
    Link(super::eval_link::Args),
    /// Distributed against ordered linking on the same files: pair
    /// precision/recall/F1 of their mention clusters.
    LinkAgreement(super::eval_link_agreement::Args),
    /// Place linking: the GeoNames place given to each place name of
    /// sentences with the expected ids (`data/eval/places-heldout.jsonl`).
    Places(super::eval_places::Args),
    /// Quote attribution on a PolNeAR split: direct, end-to-end and all-content P/R/F1.
    Quotes(super::eval_quotes::Args),
    /// Copies: pair precision and recall of copies clusters on the syndication corpus (`data/eval/copies`).
    Copies(super::eval_copies::Args),
    /// Statements: pair precision and recall of statement clusters on the statements corpus (`data/eval/statements`).
    Statements(super::eval_statements::Args),
    /// Named entities: entity-level precision, recall and F1 per type (conlleval semantics).
    Ner(super::ner::EvalArgs),
}

/// Runs one evaluation.
pub fn run(eval: Eval) -> anyhow::Result<Outcome> {
    match eval {
        Eval::Html(args) => super::eval_html::run(&args)?,
        Eval::Pdf(args) => super::eval_pdf::run(&args)?,
        Eval::Dates(args) => super::eval_dates::run(&args)?,
        Eval::StatementDates(args) => super::eval_statement_dates::run(&args)?,
        Eval::Quotes(args) => super::eval_quotes::run(&args)?,
        Eval::Ner(args) => return super::ner::eval(args),
        Eval::Link(args) => super::eval_link::run(&args)?,
        Eval::LinkAgreement(args) => super::eval_link_agreement::run(&args)?,
        Eval::Places(args) => super::eval_places::run(&args)?,
        Eval::Copies(args) => super::eval_copies::run(&args)?,
        Eval::Statements(args) => super::eval_statements::run(&args)?,
    }
    Ok(Outcome::Success)
}
