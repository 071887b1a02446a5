//! The `dossier` binary: parse arguments, run one subcommand, map the
//! outcome to an exit code (0 success, 1 finished but some inputs failed,
//! 2 fatal error; a closed output pipe counts as success).

mod cmd;
mod output;
mod polnear;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Who said what, about whom, when, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract clean text, metadata and annotations as JSON Lines (the output contract).
    Extract(cmd::extract::Args),
    /// List the entities found in the inputs, linked across documents.
    Entities(cmd::entities::Args),
    /// Build the tables dossier ships from reference data (the knowledge base).
    #[command(subcommand)]
    Build(cmd::build::Build),
    /// Measure quality against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::Eval),
    /// Measure speed (use a release build).
    #[command(subcommand)]
    Bench(cmd::bench::Bench),
    /// Build the tables and models dossier ships, from training data.
    #[command(subcommand)]
    Train(cmd::train::Train),
    /// Tag a CoNLL-style file with named entities (`TOKEN<TAB>TAG`, IOB2).
    Tag(cmd::ner::TagArgs),
}

/// How a command ended.
pub enum Outcome {
    /// Everything went well.
    Success,
    /// The command finished, but some inputs failed (named on standard error).
    PartialFailure,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(eval) => cmd::eval::run(eval),
        Command::Entities(args) => cmd::entities::run(args),
        Command::Build(b) => cmd::build::run(b),
        Command::Bench(bench) => cmd::bench::run(bench),
        Command::Train(train) => cmd::train::run(train),
        Command::Tag(args) => cmd::ner::tag(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
