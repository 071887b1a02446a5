//! `dossier bench gen-corpus` and `dossier bench store`: the store's scale
//! benchmark.
//!
//! - `gen-corpus` writes a synthetic corpus, deterministically, from the
//!   bundled demo corpus: each document is ~N words of demo sentences in a
//!   shuffled order, with invented person and place names (syllable
//!   combinations drawn with a Zipf-like skew, so a few names are common
//!   and most are rare, as in news) put in front of the reporting verbs,
//!   a date, a site and a title. JSON Lines, 10,000 documents per file.
//! - `store` ingests a corpus into a fresh store through the real
//!   pipeline, sampling the resident memory every half second, then
//!   measures warm latency (p50, p99) of `search`, `quotes --speaker` and
//!   `entity` over the result, and prints the figures as JSON.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use dossier_store::{QuoteParams, SearchParams, Store};
use serde_json::json;

use crate::Outcome;

/// The bundled demo corpus, the source of every synthetic benchmark input.
pub(super) const DEMO: &str = include_str!("../../../../data/demo/wikinews-gum.jsonl");

/// Arguments of `dossier bench gen-corpus`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Number of documents.
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// Words per document (about).
    #[arg(long, default_value_t = 600)]
    pub words: usize,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Arguments of `dossier bench store`.
#[derive(Debug, clap::Args)]
pub struct StoreArgs {
    /// Corpus files or folders.
    #[arg(required = true)]
    pub corpus: Vec<String>,
    /// The store to create (must not exist, unless --queries-only).
    #[arg(long = "into", value_name = "DIR")]
    pub into: PathBuf,
    /// Timed runs of each query kind.
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Skip ingest: measure queries over an existing store.
    #[arg(long)]
    pub queries_only: bool,
    /// Add synthetic entity mentions before storing (runs of two or three
    /// capitalised words as PER mentions linked by exact name, speakers
    /// linked by name), so entity queries can be measured at scale before
    /// NER and linking land. Measures the store, not NLP quality. Turns
    /// linking off (these ids stand for it).
    #[arg(long)]
    pub name_mentions: bool,
    /// Ingest without cross-document linking, to measure what linking costs.
    #[arg(long)]
    pub no_link: bool,
}

/// The synthetic mentions of `--name-mentions`: every run of two or three
/// capitalised words (letters only after the capital) becomes a PER mention
/// whose entity id is the run in lower case joined by `-`; quote speakers
/// with a name of two words or more are linked the same way.
fn add_name_mentions(doc: &dossier_core::Document, ann: &mut dossier_core::Annotations) {
    use dossier_core::{EntityLabel, Mention, Span};
    let text = &doc.text;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, i));
        }
    }
    let cap = |&(s, e): &(usize, usize)| {
        let w = &text[s..e];
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_lowercase()) && e - s > 1
    };
    let slug = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join("-");
    let mut i = 0;
    let mut found = Vec::new();
    while i < words.len() {
        let mut j = i;
        // Words of one name are separated by a single space.
        while j < words.len()
            && cap(&words[j])
            && (j == i || (words[j].0 == words[j - 1].1 + 1 && &text[words[j - 1].1..words[j].0] == " "))
            && j - i < 3
        {
            j += 1;
        }
        if j - i >= 2 {
            let span = Span::new(words[i].0, words[j - 1].1);
            found.push(Mention {
                span,
                label: EntityLabel::Per,
                entity: Some(slug(&text[span.start..span.end])),
            });
            i = j;
        } else {
            i += 1;
        }
    }
    ann.entities = found;
    for q in &mut ann.quotes {
        if let Some(sp) = q.speaker.as_mut() {
            if let Some(n) = sp.name.as_deref().filter(|n| n.split_whitespace().count() >= 2) {
                sp.entity = Some(slug(n));
            }
        }
    }
}

/// `dossier bench gen-corpus`.
pub fn run_gen(a: &GenArgs) -> anyhow::Result<Outcome> {
    gen_corpus(a.docs, a.words, &a.out, a.seed)
}

/// `dossier bench store`.
pub fn run_store(a: &StoreArgs) -> anyhow::Result<Outcome> {
    bench_store(
        &a.corpus,
        &a.into,
        a.queries,
        a.queries_only,
        a.name_mentions,
        !a.no_link && !a.name_mentions,
    )
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Zipf-like: small indices much more likely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n.max(1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "lan", "te", "vo", "shi", "ne", "ba", "dor", "il", "ya", "zu", "ko", "len", "mar",
    "ta", "vi", "gor", "sa", "ul", "den", "po", "rin",
];
const VERBS: &[&str] = &["said", "told reporters", "stated", "added", "warned", "according to"];
const SITES: &[&str] = &[
    "Wikinews",
    "Steppe Herald",
    "Balkan Wire",
    "Daily Courier",
    "Evening Post",
    "Global Monitor",
    "Capital Times",
    "Observer",
    "Tribune",
    "Gazette",
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn gen_corpus(docs: usize, words: usize, out: &std::path::Path, seed: u64) -> anyhow::Result<Outcome> {
    let mut texts: Vec<String> = Vec::new();
    for line in DEMO.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        texts.push(v["text"].as_str().unwrap_or_default().to_string());
    }
    let mut sentences: Vec<&str> = Vec::new();
    for text in &texts {
        // A rough split is enough here: the pipeline re-splits the text.
        for para in text.split('\n') {
            for s in para.split_inclusive(". ") {
                let s = s.trim();
                if s.split_whitespace().count() >= 6 {
                    sentences.push(s);
                }
            }
        }
    }
    anyhow::ensure!(!sentences.is_empty(), "the demo corpus yielded no sentences");
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // 20,000 invented people and 2,000 places.
    let name = |rng: &mut Rng, parts: usize| -> String {
        (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect::<String>()
    };
    let people: Vec<String> =
        (0..20_000).map(|_| format!("{} {}", cap(&name(&mut rng, 2)), cap(&name(&mut rng, 3)))).collect();
    let places: Vec<String> = (0..2_000).map(|_| cap(&name(&mut rng, 3))).collect();
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut file: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut bytes = 0u64;
    for i in 0..docs {
        if i % 10_000 == 0 {
            if let Some(mut f) = file.take() {
                f.flush()?;
            }
            let p = out.join(format!("corpus-{:04}.jsonl", i / 10_000));
            file = Some(std::io::BufWriter::new(std::fs::File::create(&p)?));
        }
        let mut text = String::with_capacity(words * 7);
        let mut n = 0;
        let cast: Vec<&String> = (0..4).map(|_| &people[rng.skewed(people.len())]).collect();
        let place = &places[rng.skewed(places.len())];
        text.push_str(&format!("{}, {} – ", place.to_uppercase(), 2008 + rng.below(5)));
        while n < words {
            let s = sentences[rng.below(sentences.len())];
            if rng.below(3) == 0 {
                let who = cast[rng.below(cast.len())];
                let verb = VERBS[rng.below(VERBS.len())];
                let body = s.trim_end_matches('.');
                if verb == "according to" {
                    text.push_str(&format!("{body}, according to {who} in {place}. "));
                } else {
                    text.push_str(&format!("\"{body},\" {who} {verb}. "));
                }
            } else {
                text.push_str(s);
                text.push(' ');
            }
            n += s.split_whitespace().count();
            if rng.below(6) == 0 {
                text.push_str("\n\n");
            }
        }
        let year = 2008 + rng.below(5);
        let (m, d) = (1 + rng.below(12), 1 + rng.below(28));
        let title = format!(
            "{} {} in {}",
            cast[0],
            ["speaks", "warns", "meets officials", "visits"][rng.below(4)],
            place
        );
        let line = json!({
            "id": format!("synth-{seed}-{i}"),
            "title": title,
            "published": format!("{year}-{m:02}-{d:02}"),
            "site": SITES[rng.below(SITES.len())],
            "text": text.trim_end(),
        });
        let s = serde_json::to_string(&line)?;
        bytes += s.len() as u64 + 1;
        if let Some(f) = file.as_mut() {
            f.write_all(s.as_bytes())?;
            f.write_all(b"\n")?;
        }
    }
    if let Some(mut f) = file.take() {
        f.flush()?;
    }
    eprintln!("wrote {docs} documents ({:.1} MiB) to {}", bytes as f64 / (1 << 20) as f64, out.display());
    Ok(Outcome::Success)
}

/// Resident and peak-resident memory of this process, bytes (Linux).
pub(super) fn rss() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> u64 {
        s.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn time_queries(
    n: usize,
    mut f: impl FnMut(usize) -> anyhow::Result<usize>,
) -> anyhow::Result<serde_json::Value> {
    // Warm-up pass over the same inputs (the figures are for a warm store).
    for i in 0..n {
        f(i)?;
    }
    let mut times = Vec::with_capacity(n);
    let mut results = 0;
    for i in 0..n {
        let t = Instant::now();
        results += f(i)?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(json!({
        "runs": n,
        "p50_ms": percentile(&times, 0.5),
        "p99_ms": percentile(&times, 0.99),
        "max_ms": percentile(&times, 1.0),
        "mean_results": results as f64 / n.max(1) as f64,
    }))
}

fn bench_store(
    corpus: &[String],
    dir: &std::path::Path,
    queries: usize,
    queries_only: bool,
    name_mentions: bool,
    link: bool,
) -> anyhow::Result<Outcome> {
    let enrich: Option<crate::cmd::ingest::Enrich> =
        if name_mentions { Some(add_name_mentions) } else { None };
    let mut report = json!({ "name_mentions": name_mentions, "link": link });
    if !queries_only {
        anyhow::ensure!(!dir.exists(), "{} exists: the benchmark needs a fresh store", dir.display());
        let samples = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(f64, u64)>::new()));
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let t0 = Instant::now();
        let sampler = {
            let (samples, done) = (samples.clone(), done.clone());
            std::thread::spawn(move || {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let (r, _) = rss();
                    if let Ok(mut s) = samples.lock() {
                        s.push((t0.elapsed().as_secs_f64(), r));
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
            })
        };
        let s = crate::cmd::ingest::ingest(
            dir,
            dossier_pipeline::sources(corpus),
            None::<std::io::Sink>,
            crate::cmd::ingest::Options { progress: false, link, enrich },
        )?;
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = sampler.join();
        let samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
        let half = samples.len() / 2;
        let max = |xs: &[(f64, u64)]| xs.iter().map(|x| x.1).max().unwrap_or(0);
        let (_, hwm) = rss();
        let stats = Store::open(dir)?.stats()?;
        report["ingest"] = json!({
            "documents_added": s.added,
            "failed": s.failed,
            "seconds": s.seconds,
            "docs_per_second": s.added as f64 / s.seconds.max(1e-9),
            "peak_rss_mib": hwm as f64 / (1 << 20) as f64,
            "max_rss_first_half_mib": max(&samples[..half]) as f64 / (1 << 20) as f64,
            "max_rss_second_half_mib": max(&samples[half..]) as f64 / (1 << 20) as f64,
            "threads": rayon::current_num_threads(),
        });
        report["store"] = serde_json::to_value(&stats)?;
    }
    let store = Store::open(dir)?;
    store.catch_up_index()?;
    // Query inputs: words and phrases of the demo corpus, and the most
    // mentioned entities (so each query has real work to do).
    let words = [
        "election",
        "government",
        "police",
        "president",
        "robot",
        "climate",
        "museum",
        "students",
        "minister",
        "report",
        "water",
        "children",
        "\"United States\"",
        "court",
        "science",
        "city",
        "flag",
        "asylum",
        "market",
        "\"White House\"",
    ];
    let top = store.top_entities(200)?;
    report["entities_sampled"] = json!(top.len());
    let names: Vec<String> = top.iter().map(|t| t.entity.id.clone()).collect();
    // Speakers by name: linked or not (before NER and linking land, quotes
    // still carry the names their speakers are given).
    let speakers: Vec<String> = store.top_speakers(200)?.into_iter().map(|s| s.name).collect();
    report["queries"] = json!({
        "search": time_queries(queries, |i| {
            let q = if i % 3 == 0 { format!("{} {}", words[i % words.len()], words[(i * 7 + 3) % words.len()]) } else { words[i % words.len()].to_string() };
            Ok(store.search(&SearchParams { limit: 10, ..SearchParams::new(&q) })?.len())
        })?,
        "quotes_speaker": if speakers.is_empty() { json!("no named speakers in the store") } else { time_queries(queries, |i| {
            Ok(store.quotes(&QuoteParams { speaker: Some(speakers[i % speakers.len()].clone()), limit: 50, ..Default::default() })?.len())
        })? },
        "entity": if names.is_empty() { json!("no entities in the store") } else { time_queries(queries, |i| {
            Ok(store.entity_profile(&names[i % names.len()], 10)?.mentions as usize)
        })? },
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(Outcome::Success)
}
