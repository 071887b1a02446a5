//! The `dossier` binary: parses arguments, runs one subcommand, maps the
//! outcome to an exit code. Each subcommand lives in its own module under
//! `cmd/`.

mod cmd;
mod polnear;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dossier: who said what, about whom, when, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure quality against gold annotations.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Build the models and tables dossier ships, from training data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Measure speed (build with --release).
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Time attribution against tokenizing and sentence splitting alone.
    Quotes(cmd::bench_quotes::Args),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Score quote attribution on a PolNeAR split (`text/`, `attributions/`).
    Quotes(cmd::eval_quotes::Args),
}

#[derive(Debug, Subcommand)]
enum TrainCommand {
    /// Learn the attribution cue table from a PolNeAR split.
    QuoteCues(cmd::train_quote_cues::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval(EvalCommand::Quotes(args)) => cmd::eval_quotes::run(&args),
        Command::Train(TrainCommand::QuoteCues(args)) => cmd::train_quote_cues::run(&args),
        Command::Bench(BenchCommand::Quotes(args)) => cmd::bench_quotes::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(2)
        }
    }
}
