//! The `dossier` binary: parses the command line, runs one subcommand and
//! maps the outcome to an exit code (0 success, 2 fatal error).
//!
//! This is a minimal entry point carrying the `eval dates` and `bench dates`
//! subcommands; each subcommand lives in its own module under `cmd/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

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
    /// Measure speed.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Date recognition and normalisation: precision, recall, value accuracy.
    Dates(cmd::eval_dates::Args),
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Throughput of date recognition (`find_dates`) in MB/s.
    Dates(cmd::bench_dates::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval(EvalCommand::Dates(args)) => cmd::eval_dates::run(&args),
        Command::Bench(BenchCommand::Dates(args)) => cmd::bench_dates::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
