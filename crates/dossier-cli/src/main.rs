//! The `dossier` binary: parse arguments, run one subcommand, map the
//! outcome to an exit code (0 success, 1 finished but some inputs failed,
//! 2 fatal error; a closed output pipe counts as success).

mod cmd;
mod output;

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
    /// Measure quality against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::Eval),
    /// Train a model from labelled or unlabelled data.
    #[command(subcommand)]
    Train(Train),
    /// Tag a CoNLL-style file with named entities (`TOKEN<TAB>TAG`, IOB2).
    Tag(cmd::ner::TagArgs),
    /// Measure speed (one thread).
    #[command(subcommand)]
    Bench(Bench),
}

/// What `dossier bench` can measure.
#[derive(Debug, Subcommand)]
enum Bench {
    /// Tokenize + sentence split + NER tagging, tokens per second.
    Ner(cmd::ner::BenchArgs),
}

/// What `dossier train` can train.
#[derive(Debug, Subcommand)]
enum Train {
    /// The named-entity tagger (writes the model file).
    Ner(cmd::ner::TrainNerArgs),
    /// Word clusters and capitalisation counts from unlabelled text (the NER lexicon).
    Clusters(cmd::ner::TrainClustersArgs),
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
        Command::Train(Train::Ner(args)) => cmd::ner::train_ner(args),
        Command::Train(Train::Clusters(args)) => cmd::ner::train_clusters(args),
        Command::Tag(args) => cmd::ner::tag(args),
        Command::Bench(Bench::Ner(args)) => cmd::ner::bench(args),
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
