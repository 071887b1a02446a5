//! `dossier bench throughput`: tokens per second of the real `dossier
//! extract` command, end to end — a child process reads the files, builds,
//! annotates, links and writes JSON (to a pipe this benchmark reads and
//! hashes), exactly as a user runs it.
//!
//! Each thread count is timed `--rounds` times; the median wall time and the
//! median CPU time (user + sys of the child, from `/proc/self/stat`) are
//! reported. On a shared machine CPU time is the robust figure: tokens per
//! CPU-second is the one-core rate whatever else runs. The fixed start-up
//! cost (loading the models and tables) is measured on a one-sentence file
//! and reported apart, with the rate net of it. `--exe` runs other builds
//! (e.g. main's) through the same harness for a before/after figure, and
//! checks that every build writes the same JSON to the byte.

use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use dossier_nlp::token::tokenize;

use super::bench_conll::write_articles;

/// Arguments of `dossier bench throughput`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders, as for `dossier extract`.
    pub paths: Vec<String>,
    /// A CoNLL-2003 file rendered as one article per `-DOCSTART-` and added
    /// to the inputs (use the train split, not test).
    #[arg(long)]
    pub conll: Option<PathBuf>,
    /// Thread counts to time, passed as `extract -j N`.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    pub threads: Vec<usize>,
    /// Timed runs per thread count (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// The `dossier` binaries to time, in turn (default: this one); their
    /// outputs must be identical.
    #[arg(long, value_delimiter = ',')]
    pub exe: Vec<PathBuf>,
}

/// One timed run of the child.
struct Run {
    wall: f64,
    cpu: Option<f64>,
    out_bytes: usize,
    out_hash: u64,
}

/// CPU seconds (user + sys) of this process's waited-for children so far,
/// from `/proc/self/stat` (fields 16 and 17, in clock ticks of 1/100 s on
/// Linux). `None` where there is no `/proc`.
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // `after` starts at field 3, so field N is at index N - 3.
    let cutime: f64 = fields.get(13)?.parse().ok()?;
    let cstime: f64 = fields.get(14)?.parse().ok()?;
    Some((cutime + cstime) / 100.0)
}

/// Runs `exe extract -j threads inputs...` once, reading its output.
fn run_extract(exe: &Path, threads: usize, inputs: &[String]) -> Result<Run> {
    let cpu_before = children_cpu();
    let t = Instant::now();
    let mut child = Command::new(exe)
        .arg("extract")
        .arg("-j")
        .arg(threads.to_string())
        .args(inputs)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    let mut stdout = child.stdout.take().context("no stdout")?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut out_bytes = 0;
    loop {
        let n = stdout.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.write(&buf[..n]);
        out_bytes += n;
    }
    let status = child.wait()?;
    let wall = t.elapsed().as_secs_f64();
    // Exit 1 is a partial failure (some input skipped, named on stderr).
    ensure!(status.success() || status.code() == Some(1), "extract failed: {status}");
    let cpu = children_cpu().zip(cpu_before).map(|(after, before)| after - before);
    Ok(Run { wall, cpu, out_bytes, out_hash: hasher.finish() })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Tokens the NLP stages read in the inputs: each document built as
/// `extract` builds it, its annotated prefix tokenized.
fn count_tokens(inputs: &[String]) -> (usize, usize) {
    let (mut docs, mut tokens) = (0, 0);
    for raw in dossier_pipeline::sources(inputs).flatten() {
        if let Ok(built) = raw.build() {
            let text = &built.doc.text;
            tokens += tokenize(&text[..dossier_nlp::annotated_len(text)]).len();
            docs += 1;
        }
    }
    (docs, tokens)
}

/// Runs the benchmark.
pub fn run(args: &Args) -> Result<()> {
    let scratch = tempfile::tempdir()?;
    let mut inputs = args.paths.clone();
    if let Some(conll) = &args.conll {
        let dir = scratch.path().join("conll");
        let n = write_articles(conll, &dir)?;
        eprintln!("rendered {n} articles from {}", conll.display());
        inputs.push(dir.display().to_string());
    }
    if inputs.is_empty() {
        bail!("no inputs: give paths or --conll");
    }
    let exes = if args.exe.is_empty() { vec![std::env::current_exe()?] } else { args.exe.clone() };
    let (docs, tokens) = count_tokens(&inputs);
    ensure!(tokens > 0, "no tokens in the inputs");
    println!("corpus: {docs} documents, {tokens} tokens");
    let tiny = scratch.path().join("startup.txt");
    std::fs::write(&tiny, "Ada Lovelace said the engine was ready.\n")?;
    let mut first_hash: Option<(u64, usize)> = None;
    for exe in &exes {
        time_exe(exe, args, &inputs, &tiny, tokens, &mut first_hash)?;
    }
    if let Some((hash, bytes)) = first_hash {
        println!("output: {bytes} bytes of JSON, hash {hash:016x} (the same in every run)");
    }
    Ok(())
}

/// Times one binary: its start-up, then each thread count. Every run's
/// output must hash to `first_hash` (set by the first run).
fn time_exe(
    exe: &Path,
    args: &Args,
    inputs: &[String],
    tiny: &Path,
    tokens: usize,
    first_hash: &mut Option<(u64, usize)>,
) -> Result<()> {
    let rounds = args.rounds.max(1);
    let startup: Vec<Run> =
        (0..rounds).map(|_| run_extract(exe, 1, &[tiny.display().to_string()])).collect::<Result<_>>()?;
    let startup_wall = median(startup.iter().map(|r| r.wall).collect());
    let startup_cpu = startup.iter().map(|r| r.cpu).collect::<Option<Vec<f64>>>().map(median);
    println!("exe: {}", exe.display());
    println!(
        "start-up (one sentence, -j1): wall {startup_wall:.3} s, cpu {}",
        startup_cpu.map_or("?".into(), |c| format!("{c:.2} s"))
    );
    for &threads in &args.threads {
        let runs: Vec<Run> = (0..rounds).map(|_| run_extract(exe, threads, inputs)).collect::<Result<_>>()?;
        for r in &runs {
            let key = (r.out_hash, r.out_bytes);
            ensure!(*first_hash.get_or_insert(key) == key, "output differs between runs (-j{threads})");
        }
        let wall = median(runs.iter().map(|r| r.wall).collect());
        let cpu = runs.iter().map(|r| r.cpu).collect::<Option<Vec<f64>>>().map(median);
        let t = tokens as f64;
        let mut line = format!(
            "-j{threads}: wall {wall:.2} s = {:.3} M tokens/s (net of start-up {:.3} M/s)",
            t / wall / 1e6,
            t / (wall - startup_wall).max(1e-9) / 1e6
        );
        if let (Some(cpu), Some(startup_cpu)) = (cpu, startup_cpu) {
            line += &format!(
                "; cpu {cpu:.2} s = {:.3} M tokens per cpu-second (net of start-up {:.3} M)",
                t / cpu / 1e6,
                t / (cpu - startup_cpu).max(1e-9) / 1e6
            );
        }
        println!("{line}");
    }
    Ok(())
}
