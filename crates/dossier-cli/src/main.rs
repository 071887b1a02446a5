//! The `dossier` binary: parses arguments, dispatches to one function per
//! subcommand and maps the outcome to an exit code (0 ok, 2 fatal error).
//!
//! This is a minimal entry point carrying only the `eval html` and
//! `bench html` subcommands; the lead merges it into the full command set.

mod cmd;

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
    /// Measure quality against gold data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Measure speed on a corpus.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Main-text extraction: Zyte benchmark shingle precision/recall/F1.
    Html(cmd::eval_html::Args),
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// HTML extraction speed in pages per second (one thread, all threads).
    Html(cmd::bench_html::Args),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Eval { what: EvalCommand::Html(args) } => cmd::eval_html::run(&args),
        Command::Bench { what: BenchCommand::Html(args) } => cmd::bench_html::run(&args),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
