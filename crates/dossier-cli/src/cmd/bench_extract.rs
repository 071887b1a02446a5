//! `dossier bench extract PATH...`: the speed of `dossier extract` itself —
//! build (decode, HTML extraction, language id), every NLP stage and JSON
//! serialisation — in documents and megabytes per second, on one thread and
//! on all threads. Inputs are read into memory before timing, so disk speed
//! does not count; output is serialised but not written.

use std::time::Instant;

use anyhow::{bail, Result};
use dossier_ingest::{expand_inputs, open_input, RawDoc};
use dossier_nlp::Pipeline;
use rayon::prelude::*;

use super::extract::process_one;

/// Arguments of `dossier bench extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders, as for `dossier extract`.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// How many passes over the inputs per measurement.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

/// Runs the benchmark.
pub fn run(args: &Args) -> Result<()> {
    let mut raws: Vec<RawDoc> = Vec::new();
    for input in expand_inputs(&args.paths) {
        for raw in open_input(&input?) {
            match raw {
                Ok(r) => raws.push(r),
                Err(e) => eprintln!("dossier: skipped {e}"),
            }
        }
    }
    if raws.is_empty() {
        bail!("no documents in the inputs");
    }
    let bytes: usize = raws.iter().map(|r| r.bytes.len()).sum();
    let pipeline = Pipeline::new();
    let rounds = args.rounds.max(1);
    // Warm-up; the output size is the invariant each timed pass must match.
    let out_bytes: usize =
        raws.iter().map(|r| process_one(&pipeline, r.clone()).map_or(0, |s| s.len())).sum();
    let measure = |threads: usize| -> Result<f64> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        let t = Instant::now();
        for _ in 0..rounds {
            let got: usize = pool.install(|| {
                raws.par_iter().map(|r| process_one(&pipeline, r.clone()).map_or(0, |s| s.len())).sum()
            });
            assert_eq!(got, out_bytes, "extract is not deterministic");
        }
        Ok(t.elapsed().as_secs_f64())
    };
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("corpus: {} documents, {:.2} MB raw input", raws.len(), bytes as f64 / 1e6);
    for threads in [1, all] {
        let secs = measure(threads)?;
        let n = (raws.len() * rounds) as f64;
        println!(
            "threads={threads:<3} {:>10.1} docs/s {:>8.2} MB/s  ({rounds} passes in {secs:.2} s)",
            n / secs,
            (bytes * rounds) as f64 / secs / 1e6
        );
        if all == 1 {
            break;
        }
    }
    Ok(())
}
