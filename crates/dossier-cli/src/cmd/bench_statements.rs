//! `dossier bench statements`: the cost of statement clustering per
//! document as the store grows. Synthetic documents of ten quotes each
//! (12-40 words from the Zipf-like vocabulary of `bench copies`), their
//! speakers drawn log-uniformly from 5,000 (a few speak in most documents,
//! as in news), one quote in eight an earlier quote of the same speaker
//! again, cut by up to a third. The time of the statement step
//! (`statements::record::record`, every quote of the document) is averaged
//! over the last 1,000 (`--window`) documents before each checkpoint: flat times mean
//! the cost does not grow with the store.

use std::time::Instant;

use super::bench_copies::{word, ScratchStore, Window, FILTER_MIB, MIB, WINDOW};
use super::bench_link::Rng;

/// Arguments of `dossier bench statements`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Checkpoints (documents stored), comma-separated; the run goes to the largest.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub docs: Vec<usize>,
    /// Documents per SQLite transaction (the store's writer commits 256).
    #[arg(long, default_value_t = dossier_store::BATCH_DOCS)]
    pub batch: usize,
    /// Documents averaged over before each checkpoint. The key table merges
    /// its recent rows every 2^19 rows (about 6,550 documents here): a
    /// window of 8,192 holds one merge, as the amortised cost should.
    #[arg(long, default_value_t = WINDOW)]
    pub window: usize,
    /// The key filter's size at most, in MiB (the store's default: 16). A
    /// tenth of it at 100,000 documents gives the filter the bits per key
    /// it has at a million.
    #[arg(long, default_value_t = FILTER_MIB)]
    pub filter_mib: f64,
}

/// Quotes per synthetic document.
const QUOTES: usize = 10;
/// Distinct speakers.
const SPEAKERS: f64 = 5_000.0;

/// Runs the benchmark.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let ScratchStore { checkpoints, total, _dir, mut conn } = ScratchStore::new(&args.docs)?;
    let mut rng = Rng(0x5747_e3e7_0000_0001);
    // Earlier quotes by speaker (the last few), to repeat.
    let mut said: std::collections::HashMap<i64, Vec<String>> = Default::default();
    // Planted repeats that joined no quote (each should join its source).
    let mut missed = 0usize;
    let (mut planted, mut joined) = (0usize, 0usize);
    let mut window = Window::new(checkpoints, args.window);
    let mut qid = 0i64;
    let mut filed = dossier_store::copies::keys::Keys::statements()
        .with_filter_bytes((args.filter_mib * MIB) as usize)
        .remembering_stops(&conn, dossier_store::statements::record::MAX_PER_KEY);
    println!(
        "statement clustering per document ({QUOTES} quotes each, {} per transaction; time of the statement step alone)",
        args.batch
    );
    let mut tx = conn.transaction()?;
    for i in 0..total {
        let mut took = std::time::Duration::ZERO;
        for _ in 0..QUOTES {
            let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            let speaker = SPEAKERS.powf(u) as i64;
            let earlier = said.get(&speaker).filter(|v| !v.is_empty());
            let repeat = earlier.is_some() && rng.below(8) == 0;
            let text = match earlier {
                Some(v) if repeat => {
                    planted += 1;
                    let words: Vec<&str> = v[rng.below(v.len())].split(' ').collect();
                    let keep = words.len() * (67 + rng.below(34)) / 100;
                    words[..keep.max(4)].join(" ")
                }
                _ => (0..12 + rng.below(29)).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" "),
            };
            qid += 1;
            let start = Instant::now();
            let n = dossier_store::statements::record::record(&tx, &mut filed, qid, speaker, &text)?;
            took += start.elapsed();
            joined += usize::from(n > 0);
            missed += usize::from(repeat && n == 0);
            let mine = said.entry(speaker).or_default();
            if mine.len() >= 20 {
                mine.remove(0);
            }
            mine.push(text);
        }
        if (i + 1) % args.batch.max(1) == 0 {
            tx.commit()?;
            tx = conn.transaction()?;
        }
        if let Some((n, wall, cpu)) = window.add(i + 1, took) {
            println!(
                "{n:>8} documents: statement step {wall:>7.1} µs wall per document; whole loop {cpu} per document \
                 (means of the last {}); {planted} repeats planted so far, {joined} quotes joined one",
                args.window.min(n),
            );
            println!("{:>8}  {}", "", filed.stats());
            println!("{:>8}  planted repeats that joined nothing so far: {missed}", "");
        }
    }
    tx.commit()?;
    Ok(())
}
