//! The `dossier` binary: parse arguments, run one subcommand, map the
//! outcome to an exit code (0 success, 1 finished but some inputs failed,
//! 2 fatal error; a closed output pipe counts as success).

mod cmd;
mod output;
mod polnear;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: the NLP and linking stages allocate many small strings and
/// vectors per token and per mention, and the system allocator spent about a
/// fifth of `extract`'s time on them (docs/performance.md has the figures).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Who said what, about whom, when, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, propagate_version = true)]
struct Cli {
    /// The store folder (for every command that uses one).
    #[arg(long, global = true, env = "DOSSIER_STORE", value_name = "DIR")]
    store: Option<PathBuf>,
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
    /// Add documents to the store (idempotent: stored documents are skipped).
    Ingest(cmd::ingest::Args),
    /// Full-text search: ranked documents with highlighted snippets.
    Search(cmd::query::SearchArgs),
    /// Quotes: who said what, filtered by speaker, subject and date.
    Quotes(cmd::query::QuotesArgs),
    /// A document's copies: the same story stored again (reprints, wire copies), its origin and evidence.
    Copies(cmd::copies::Args),
    /// An entity's profile: names, facts, counts, dates, quotes, companions.
    Entity(cmd::query::EntityArgs),
    /// Dated items (documents, quotes, dated statements) in order.
    Timeline(cmd::query::TimelineArgs),
    /// The actor network (co-occurrence, who quotes about whom) for Gephi.
    Graph(cmd::export::GraphArgs),
    /// Export documents, entities, mentions and quotes (JSON Lines, CSV, FollowTheMoney).
    Export(cmd::export::ExportArgs),
    /// Decide that two entities are one actor (the second joins the first).
    Merge(cmd::decide::MergeArgs),
    /// Decide that some mentions of an entity are another actor.
    Split(cmd::decide::SplitArgs),
    /// Decide that two entities are not the same actor.
    Distinct(cmd::decide::DistinctArgs),
    /// List the analyst's decisions.
    Decisions(cmd::decide::ListArgs),
    /// Undo a decision.
    Undo(cmd::decide::UndoArgs),
    /// Serve the HTTP API and the web UI over the store.
    Serve(cmd::serve::Args),
    /// Counts, sizes on disk and schema version of the store.
    Stats(cmd::stats::StatsArgs),
    /// Rebuild the full-text index from the database.
    Reindex(cmd::stats::ReindexArgs),
    /// Ingest the bundled demo corpus into a fresh store and show around.
    Demo(cmd::demo::Args),
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

/// The store folder: `--store`, else `DOSSIER_STORE`, else `./dossier-store`.
fn store_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| PathBuf::from("dossier-store"))
}

fn main() -> ExitCode {
    // A copy of this binary reads each PDF, so that a hostile one can be
    // stopped at its deadline (dossier_ingest::pdf::isolate).
    if std::env::args_os().nth(1).is_some_and(|a| a == dossier_ingest::pdf::isolate::CHILD_ARG) {
        return ExitCode::from(dossier_ingest::pdf::isolate::child_main() as u8);
    }
    if let Ok(exe) = std::env::current_exe() {
        dossier_ingest::pdf::isolate::isolate_with(exe);
    }
    let cli = Cli::parse();
    let flag = cli.store;
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Ingest(args) => cmd::ingest::run(&store_dir(flag), args),
        Command::Search(args) => cmd::query::search(&store_dir(flag), args),
        Command::Quotes(args) => cmd::query::quotes(&store_dir(flag), args),
        Command::Copies(args) => cmd::copies::run(&store_dir(flag), args),
        Command::Entity(args) => cmd::query::entity(&store_dir(flag), args),
        Command::Timeline(args) => cmd::query::timeline(&store_dir(flag), args),
        Command::Graph(args) => cmd::export::graph(&store_dir(flag), args),
        Command::Export(args) => cmd::export::export(&store_dir(flag), args),
        Command::Merge(args) => cmd::decide::merge(&store_dir(flag), args),
        Command::Split(args) => cmd::decide::split(&store_dir(flag), args),
        Command::Distinct(args) => cmd::decide::distinct(&store_dir(flag), args),
        Command::Decisions(args) => cmd::decide::list(&store_dir(flag), args),
        Command::Undo(args) => cmd::decide::undo(&store_dir(flag), args),
        Command::Serve(args) => cmd::serve::run(&store_dir(flag), args),
        Command::Stats(args) => cmd::stats::stats(&store_dir(flag), args),
        Command::Reindex(args) => cmd::stats::reindex(&store_dir(flag), args),
        Command::Demo(args) => cmd::demo::run(flag, args),
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
            eprintln!("dossier: error: {}", crate::output::clean(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}
