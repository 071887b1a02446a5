//! `dossier bench copies`: the cost of copy detection per document as the
//! store grows. Synthetic news-like texts (words drawn from a Zipf-like
//! vocabulary, a shared site footer on a fifth of them so that some LSH
//! bands fill up, one document in ten a trimmed and re-wrapped copy of an
//! earlier one) are stored one after the other in a bare store database,
//! and the time of the copy step (fingerprint, candidates, confirmation,
//! clusters: `copies::record::record`) is averaged over the last 1,000 (`--window`)
//! documents before each checkpoint. Flat times mean the cost does not
//! grow with the store.

use std::time::Instant;

use anyhow::Context;
use rusqlite::params;

use super::bench_link::Rng;

/// Arguments of `dossier bench copies`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Checkpoints (documents stored), comma-separated; the run goes to the largest.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub docs: Vec<usize>,
    /// Words per synthetic document.
    #[arg(long, default_value_t = 300)]
    pub words: usize,
    /// Documents per SQLite transaction (the store's writer commits 256).
    #[arg(long, default_value_t = dossier_store::BATCH_DOCS)]
    pub batch: usize,
    /// Documents averaged over before each checkpoint. The key tables merge
    /// their recent rows every 2^19 rows (8,192 documents here): a window
    /// of that many holds one merge, as the amortised cost should.
    #[arg(long, default_value_t = WINDOW)]
    pub window: usize,
    /// The key filter's size at most, in MiB (the store's default: 16). A
    /// tenth of it at 100,000 documents gives the filter the bits per key
    /// it has at a million.
    #[arg(long, default_value_t = FILTER_MIB)]
    pub filter_mib: f64,
}

/// Documents averaged over before each checkpoint, by default.
pub(super) const WINDOW: usize = 1_000;
/// The store's key filter budget in MiB, the benches' default.
pub(super) const FILTER_MIB: f64 = (dossier_store::copies::keys::FILTER_BYTES >> 20) as f64;
/// Bytes in a MiB.
pub(super) const MIB: f64 = (1 << 20) as f64;
/// Distinct words of the synthetic vocabulary.
const VOCABULARY: usize = 30_000;
/// A footer many sites print under every article.
const FOOTER: &str =
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox \
    every weekday. Follow us on social media for more updates. Copyright all rights reserved.";

/// A word of the vocabulary, drawn log-uniformly (a few words very common,
/// most rare, as in news text).
pub(super) fn word(rng: &mut Rng) -> String {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let n = ((VOCABULARY as f64).powf(u) as usize).saturating_sub(1);
    format!("w{n:x}")
}

/// CPU seconds (user and system) this process has used, from
/// `/proc/self/stat` (`None` where there is no such file): on a shared
/// machine the wall clock mostly measures waiting for a core.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The time of a step over the last `size` documents before each
/// checkpoint, and the CPU time of the whole loop over them.
pub(super) struct Window {
    checkpoints: Vec<usize>,
    size: usize,
    took: std::time::Duration,
    cpu_start: Option<f64>,
}

impl Window {
    pub(super) fn new(checkpoints: Vec<usize>, size: usize) -> Self {
        let size = size.max(1);
        Window { checkpoints, size, took: std::time::Duration::ZERO, cpu_start: cpu_seconds() }
    }

    /// Counts document `n`'s step time; at a checkpoint, returns `n`, the
    /// step's mean wall time in µs and the loop's mean CPU time per
    /// document over the window, and starts the next window.
    pub(super) fn add(&mut self, n: usize, took: std::time::Duration) -> Option<(usize, f64, String)> {
        let cps = &self.checkpoints;
        if cps.iter().any(|&c| n > c.saturating_sub(self.size) && n <= c) {
            self.took += took;
            if n == cps.iter().find(|&&c| n <= c).map_or(0, |c| c.saturating_sub(self.size) + 1) {
                self.cpu_start = cpu_seconds();
            }
        }
        if !cps.contains(&n) {
            return None;
        }
        let docs = self.size.min(n) as f64;
        // CPU time of the whole loop over the window (the inserts
        // included), per document.
        let cpu = match (self.cpu_start, cpu_seconds()) {
            (Some(a), Some(b)) => format!("{:.0} µs CPU", (b - a) * 1e6 / docs),
            _ => "CPU time unknown".into(),
        };
        let wall = self.took.as_secs_f64() * 1e6 / docs;
        self.took = std::time::Duration::ZERO;
        Some((n, wall, cpu))
    }
}

/// A store's tables in a temporary SQLite file, set up as the store sets
/// them up, and the document counts at which a bench reports.
pub(super) struct ScratchStore {
    /// The counts at which to report, ascending.
    pub checkpoints: Vec<usize>,
    /// The last of them: how many documents to run.
    pub total: usize,
    /// Removed on drop, with the database.
    pub _dir: tempfile::TempDir,
    pub conn: rusqlite::Connection,
}

impl ScratchStore {
    pub fn new(docs: &[usize]) -> anyhow::Result<ScratchStore> {
        let mut checkpoints = docs.to_vec();
        checkpoints.sort_unstable();
        let total = *checkpoints.last().context("no --docs")?;
        let dir = tempfile::tempdir()?;
        let mut conn = rusqlite::Connection::open(dir.path().join("bench.sqlite"))?;
        dossier_store::configure_writer(&conn)?;
        dossier_store::schema::migrate(&mut conn)?;
        Ok(ScratchStore { checkpoints, total, _dir: dir, conn })
    }
}

/// Runs the benchmark.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let ScratchStore { checkpoints, total, _dir, mut conn } = ScratchStore::new(&args.docs)?;
    let mut rng = Rng(0x00c0_ffee_d00d_f00d);
    let mut texts: Vec<String> = Vec::new();
    let mut bands =
        dossier_store::copies::keys::Keys::copies().with_filter_bytes((args.filter_mib * MIB) as usize);
    let (mut planted, mut found) = (0usize, 0usize);
    let mut window = Window::new(checkpoints, args.window);
    println!(
        "copy detection per document ({} words each, {} per transaction; time of the copy step alone)",
        args.words, args.batch
    );
    let mut tx = conn.transaction()?;
    for i in 0..total {
        let text = if i > 0 && rng.below(10) == 0 {
            // A copy: an earlier document trimmed to 60-100% of its words,
            // under a new lead and over a footer.
            planted += 1;
            let src = &texts[rng.below(texts.len())];
            let words: Vec<&str> = src.split(' ').collect();
            let keep = words.len() * (60 + rng.below(41)) / 100;
            format!("A new lead for this site. {} {FOOTER}", words[..keep].join(" "))
        } else {
            let mut t: Vec<String> = (0..args.words).map(|_| word(&mut rng)).collect();
            if rng.below(5) == 0 {
                t.push(FOOTER.to_string());
            }
            t.join(" ")
        };
        tx.execute(
            "INSERT INTO documents (id, path, format, text, sentences, n_sentences, n_mentions, n_quotes, n_dates, ingested) \
             VALUES (?1, 'bench', 'text', ?2, x'', 0, 0, 0, 0, '')",
            params![format!("doc{i}"), text],
        )?;
        let seq = tx.last_insert_rowid();
        let start = Instant::now();
        found += usize::from(dossier_store::copies::record::record(&tx, &mut bands, seq, &text)? > 0);
        let took = start.elapsed();
        texts.push(text);
        if (i + 1) % args.batch.max(1) == 0 {
            tx.commit()?;
            tx = conn.transaction()?;
        }
        if let Some((n, wall, cpu)) = window.add(i + 1, took) {
            println!(
                "{n:>8} documents: copy step {wall:>7.1} µs wall per document; whole loop {cpu} per document \
                 (means of the last {}); {planted} copies planted so far, {found} documents found a copy",
                args.window.min(n),
            );
            println!("{:>8}  {}", "", bands.stats());
        }
    }
    tx.commit()?;
    Ok(())
}
