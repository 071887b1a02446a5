//! `dossier ingest PATH ...`: add documents to the store.
//!
//! Reading and NLP run in the shared ordered parallel loop
//! ([`dossier_pipeline::batches`]); a planning thread does the half of
//! linking that needs no other document (`dossier_link::Planner`); one
//! writer thread then, in input order, links each
//! document against every entity in the store (a
//! `dossier_link::Linker` over [`dossier_store::StoreIndex`], so ids are
//! deterministic and a new article mentioning `Kiljunen` joins the stored
//! `kimmo-kiljunen`) and stores it with its annotations and the link state
//! it changed in one transaction. The analyst's `distinct` decisions are
//! given to the linker; merges are applied to new mentions by the writer.
//! Documents already stored are recognised by id before NLP (and again
//! before linking, for a duplicate within one run) and skipped, so a second
//! run over the same files adds nothing (and says so). A progress line is drawn when standard error is a
//! terminal; a one-line summary ends the run; `--report FILE` writes one
//! JSON line per document or failed input.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use dossier_ingest::{IngestError, RawDoc};
use dossier_link::{DocPlan, KnowledgeBase, Linker, Planner};
use dossier_nlp::Pipeline;
use dossier_store::{AddOutcome, Prepared, Store, StoreIndex, BATCH_DOCS};
use serde::Serialize;

use crate::Outcome;
use dossier_pipeline::batches::{self as pipeline, Item};

/// Arguments of `dossier ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (walked recursively, sorted) or `-` for standard input.
    #[arg(required_unless_present = "parquet")]
    pub paths: Vec<String>,
    /// Load the Parquet tables in DIR (`dossier extract --format parquet`,
    /// `python -m dossier.spark extract`) instead: no NLP runs; documents
    /// are linked against the store as any ingest links them.
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    pub parquet: Option<PathBuf>,
    /// Write one JSON line per input document: path, id, outcome, reason.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Worker threads for NLP (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Store mentions without linking them to entities (faster; entity
    /// queries then find nothing for these documents).
    #[arg(long)]
    pub no_link: bool,
}

/// How [`ingest`] runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Draw a progress line on standard error.
    pub progress: bool,
    /// Link mentions and speakers to entities across documents.
    pub link: bool,
    /// A hook that adds annotations before linking and storing.
    pub enrich: Option<Enrich>,
}

impl Default for Options {
    fn default() -> Self {
        Options { progress: false, link: true, enrich: None }
    }
}

/// Documents planned for linking and waiting for the writer: enough that
/// the writer never waits on the planning thread, few enough that plans
/// take no memory worth counting.
const PLANNED_AHEAD: usize = 16;

/// What an ingest did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Documents added.
    pub added: u64,
    /// Documents skipped because they were already stored.
    pub skipped: u64,
    /// Inputs or records that yielded no document.
    pub failed: u64,
    /// Mentions added.
    pub mentions: u64,
    /// Quotes added.
    pub quotes: u64,
    /// Entities seen for the first time.
    pub new_entities: u64,
    /// Entities in the store after the run.
    pub entities: i64,
    /// Documents in the store after the run.
    pub documents: i64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

#[derive(Serialize)]
struct ReportLine<'a> {
    path: &'a str,
    id: Option<&'a str>,
    outcome: &'a str,
    reason: Option<String>,
}

/// Runs the command.
pub fn run(dir: &Path, args: Args) -> anyhow::Result<Outcome> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()?;
    }
    let report = match &args.report {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => None,
    };
    let opts = Options { progress: std::io::stderr().is_terminal(), link: !args.no_link, enrich: None };
    let s = match &args.parquet {
        Some(tables) => {
            let docs = super::ingest_parquet::read(tables)?;
            ingest_items(dir, report, opts, |lookup, send| {
                super::ingest_parquet::feed(docs, lookup, &mut |item| send(item, None))
            })?
        }
        None => {
            let sources = pipeline::sources(&args.paths).map(|raw| {
                raw.map(|mut raw| {
                    raw.path = stored_path(&args.paths, &raw.path);
                    raw
                })
            });
            ingest(dir, sources, report, opts)?
        }
    };
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        println!("{}", summary_line(&s));
    }
    Ok(if s.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}

/// The path a document is stored under: relative to what the user named on
/// the command line, starting at the named folder (`corpus/2010/a.txt` for
/// `dossier ingest /home/me/corpus`), or the file name alone for a named
/// file. The store, the API, the UI and exports then never show the folders
/// of the machine that ingested it. Messages and `--report` keep the path
/// as given.
pub fn stored_path(named: &[String], path: &str) -> String {
    let file = Path::new(path);
    let best = named
        .iter()
        .filter(|arg| arg.as_str() != "-")
        .filter_map(|arg| file.strip_prefix(arg).ok().map(|rest| (arg, rest)))
        .max_by_key(|(arg, _)| arg.len());
    let Some((arg, rest)) = best else {
        return file.file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    };
    // `.` and `..` name a folder without saying its name.
    let base = Path::new(arg)
        .file_name()
        .map(|n| n.to_os_string())
        .or_else(|| std::fs::canonicalize(arg).ok().and_then(|p| p.file_name().map(|n| n.to_os_string())));
    let stored = match base {
        Some(base) if rest.as_os_str().is_empty() => PathBuf::from(base),
        Some(base) => Path::new(&base).join(rest),
        None => rest.to_path_buf(),
    };
    stored.to_string_lossy().into_owned()
}

/// The one-line summary.
pub fn summary_line(s: &Summary) -> String {
    let rate = if s.seconds > 0.0 { s.added as f64 / s.seconds } else { 0.0 };
    if s.added == 0 && s.failed == 0 {
        return format!(
            "nothing new: {} already in the store, none added ({}, {} in the store)",
            crate::output::counted(s.skipped as i64, "document"),
            crate::output::counted(s.documents, "document"),
            crate::output::counted(s.entities, "entity"),
        );
    }
    format!(
        "{} added, {} skipped (already stored), {} failed; {} mentions, {} quotes, {} new entities ({} in the store); \
         {:.1} s, {:.0} docs/s",
        s.added, s.skipped, s.failed, s.mentions, s.quotes, s.new_entities, s.entities, s.seconds, rate
    )
}

/// A hook that adds annotations to a document before it is linked and
/// stored (the store benchmark's synthetic entity mentions).
pub type Enrich = fn(&dossier_core::Document, &mut dossier_core::Annotations);

/// Ingests `raws` into the store at `dir` (created when absent).
pub fn ingest(
    dir: &Path,
    raws: impl Iterator<Item = Result<RawDoc, IngestError>>,
    report: Option<impl Write + Send>,
    opts: Options,
) -> anyhow::Result<Summary> {
    let nlp = Pipeline::new();
    // Each text's fingerprint is computed beside its NLP, in parallel,
    // rather than on the writer thread that every document waits for.
    let prepare = |doc: &dossier_core::Document| Some(Prepared::of(doc));
    ingest_items(dir, report, opts, |lookup, send| {
        pipeline::run_prepared(raws, &nlp, &mut |ids| Ok(lookup.contains_ids(ids)?), &prepare, send)
    })
}

/// Hands a store's writer its items, in order, each document with the
/// writer's text-only work when it was done in parallel (`None`: the writer
/// does it); `lookup` says which documents the store already has.
pub type Feed<'a> = dyn FnMut(Item, Option<Prepared>) -> anyhow::Result<()> + 'a;

/// Stores the items `feed` hands over (documents read and annotated by
/// [`ingest`], or read back from Parquet tables by `--parquet`): each
/// document linked in order against the store's entities and written with
/// its annotations in one transaction.
pub fn ingest_items(
    dir: &Path,
    mut report: Option<impl Write + Send>,
    opts: Options,
    feed: impl FnOnce(&Store, &mut Feed<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let Options { progress, link, enrich } = opts;
    let start = Instant::now();
    let mut store =
        Store::create(dir).with_context(|| format!("cannot open the store at {}", dir.display()))?;
    let lookup = Store::open(dir)?;
    store.limit_memory()?;
    lookup.limit_memory()?;
    let bar = if progress {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let decisions = lookup.link_decisions()?;
    let planner = Arc::new(Planner::new(KnowledgeBase::embedded()));
    let mut linker = Linker::with_planner(planner.clone(), StoreIndex::new(store.writer()?));
    linker.set_decisions(decisions);
    let mut summary = std::thread::scope(|scope| -> anyhow::Result<Summary> {
        // The writer holds up to BATCH_DOCS documents it has written (to
        // write them again should a later one of their transaction fail), so
        // the channel holds that many fewer: no more documents in memory.
        let (tx, rx) = sync_channel::<(Item, Option<Prepared>)>(1024 - BATCH_DOCS);
        // Planning runs on a thread of its own between the feed and the
        // writer, not beside NLP: a plan is about three times the size of
        // its annotated document (43.8 kB against 13.8 kB a document of the
        // synthetic corpus), so only the few documents next in line for the
        // writer have one, not the 1,024 the channel above may hold.
        let (to_writer, planned) = sync_channel::<(Item, Option<Prepared>, Option<DocPlan>)>(PLANNED_AHEAD);
        let planning = scope.spawn(move || {
            for (mut item, prepared) in rx {
                let mut plan = None;
                if let Item::Doc { doc, ann, .. } = &mut item {
                    if let Some(f) = enrich {
                        f(doc, ann);
                    }
                    plan = link.then(|| planner.plan(&doc.text, ann));
                }
                if to_writer.send((item, prepared, plan)).is_err() {
                    break; // the writer stopped: its own error says why
                }
            }
        });
        let bar2 = bar.clone();
        let handle = scope.spawn(move || -> anyhow::Result<Summary> {
            let mut s = Summary::default();
            let mut line =
                |path: &str, id: Option<&str>, outcome: &str, reason: Option<String>| -> anyhow::Result<()> {
                    if let Some(r) = report.as_mut() {
                        serde_json::to_writer(&mut *r, &ReportLine { path, id, outcome, reason })?;
                        r.write_all(b"\n")?;
                    }
                    Ok(())
                };
            for (item, prepared, plan) in planned {
                match item {
                    Item::Doc { locator, doc, ann, warnings } => {
                        for w in &warnings {
                            bar2.suspend(|| {
                                eprintln!(
                                    "dossier: {}",
                                    crate::output::clean(&format!("{locator}: warning: {w}"))
                                )
                            });
                        }
                        let mut ann = ann;
                        let id = doc.id.clone();
                        // The same document twice in one run: link it once.
                        let outcome = if linker.index_mut().writer().contains(&doc.id)? {
                            if let Some(parent) = &doc.envelope.parent {
                                let name = doc.envelope.filename.as_deref();
                                linker.index_mut().writer().found_in(&doc.id, parent, name)?;
                            }
                            AddOutcome::Skipped
                        } else {
                            if let Some(plan) = plan {
                                linker.link_planned(plan, &mut ann);
                            }
                            match linker.index_mut().add_owned(*doc, *ann, prepared) {
                                Ok(o) => o,
                                Err(dossier_store::StoreError::TooLarge(reason)) => {
                                    // Refused alone: the ingest goes on with the next document.
                                    s.failed += 1;
                                    let msg = format!("{locator}: {reason}");
                                    bar2.suspend(|| eprintln!("dossier: {}", crate::output::clean(&msg)));
                                    line(&locator, Some(&id), "failed", Some(reason))?;
                                    bar2.inc(1);
                                    continue;
                                }
                                Err(e) => return Err(e.into()),
                            }
                        };
                        match outcome {
                            AddOutcome::Added { mentions, quotes, new_entities, .. } => {
                                s.added += 1;
                                s.mentions += mentions as u64;
                                s.quotes += quotes as u64;
                                s.new_entities += new_entities as u64;
                                line(&locator, Some(&id), "added", None)?;
                            }
                            AddOutcome::Skipped => {
                                s.skipped += 1;
                                line(&locator, Some(&id), "skipped", Some("already in the store".into()))?;
                            }
                        }
                    }
                    Item::Known { locator, id, found_in } => {
                        if let Some((parent, name)) = found_in {
                            linker.index_mut().writer().found_in(&id, &parent, name.as_deref())?;
                        }
                        s.skipped += 1;
                        line(&locator, Some(&id), "skipped", Some("already in the store".into()))?;
                    }
                    Item::Failed(e) => {
                        s.failed += 1;
                        bar2.suspend(|| eprintln!("dossier: {}", crate::output::clean(&e.to_string())));
                        line(&e.path, None, "failed", Some(e.reason.clone()))?;
                    }
                }
                bar2.inc(1);
                bar2.set_message(format!("added {}, skipped {}, failed {}", s.added, s.skipped, s.failed));
            }
            linker.into_index().into_writer().finish()?;
            if let Some(r) = report.as_mut() {
                r.flush()?;
            }
            Ok(s)
        });
        let fed = feed(&lookup, &mut |item, prepared| {
            tx.send((item, prepared)).map_err(|_| anyhow::anyhow!("the store writer stopped"))
        });
        drop(tx);
        if let Err(panic) = planning.join() {
            std::panic::resume_unwind(panic);
        }
        let written = handle.join().map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
        // The writer's own error explains a failed send; report it first.
        let s = written?;
        fed?;
        Ok(s)
    })?;
    bar.finish_and_clear();
    let stats = lookup.stats()?;
    summary.entities = stats.entities;
    summary.documents = stats.documents;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::stored_path;

    fn named(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn stored_paths_start_at_what_the_user_named() {
        let args = named(&["/home/ana/leaks/corpus", "/tmp/x/one.txt", "-"]);
        assert_eq!(stored_path(&args, "/home/ana/leaks/corpus/2010/a.txt"), "corpus/2010/a.txt");
        assert_eq!(stored_path(&args, "/tmp/x/one.txt"), "one.txt");
        assert_eq!(stored_path(&args, "-"), "-");
        // A folder and a file inside it: the longer match wins.
        let args = named(&["/srv/in", "/srv/in/sub"]);
        assert_eq!(stored_path(&args, "/srv/in/sub/b.html"), "sub/b.html");
        // Relative names keep their last folder.
        assert_eq!(stored_path(&named(&["data/demo"]), "data/demo/w.jsonl"), "demo/w.jsonl");
        // Something no argument names is reduced to its file name.
        assert_eq!(stored_path(&named(&["a"]), "/var/secret/source-name/b.txt"), "b.txt");
    }
}
