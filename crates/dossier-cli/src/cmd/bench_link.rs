//! `dossier bench link`: linking speed on synthetic data. It makes N synthetic news documents with their mentions
//! (popular people and organisations recurring across documents, one new
//! person per document, bare surnames, defined acronyms, countries from the
//! knowledge base), then times the linker over them, one document after the
//! other, for each N. Linear time shows as a flat time per document.

use std::time::Instant;

use dossier_core::{Annotations, EntityLabel, Mention, Span};
use dossier_link::{EntityKind, Linker};

/// Arguments of `dossier bench link`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus sizes (documents), comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub docs: Vec<usize>,
}

/// Runs the benchmark.
pub fn run(args: &Args) -> anyhow::Result<()> {
    bench_link(&args.docs)
}

/// A small deterministic generator (xorshift64*), shared by the synthetic
/// benchmarks.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "vo", "sha", "dar", "ni", "bel", "gor", "u", "ze", "pa", "tov", "lin",
    "ma", "sek", "ri", "an", "do", "vik", "har", "el",
];

/// A pronounceable capitalised word for `n` (distinct `n`, distinct words).
fn word(mut n: usize, min: usize) -> String {
    let mut s = String::new();
    let mut parts = 0;
    while parts < min || n > 0 {
        s.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        parts += 1;
    }
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// A text being built with its mentions.
#[derive(Default)]
struct DocBuilder {
    text: String,
    mentions: Vec<Mention>,
}

impl DocBuilder {
    fn plain(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn name(&mut self, s: &str, label: EntityLabel) {
        let start = self.text.len();
        self.text.push_str(s);
        self.mentions.push(Mention { span: Span::new(start, self.text.len()), label, entity: None });
    }
}

/// The synthetic corpus: deterministic for a given size.
fn corpus(n: usize, countries: &[String]) -> Vec<(String, Annotations)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let people: Vec<(String, String)> =
        (0..5000).map(|i| (word(i % 300, 2), word(1000 + i * 7, 3))).collect();
    let orgs: Vec<(String, String)> = (0..800)
        .map(|i| {
            let (a, b) = (word(i, 2), word(i * 13 + 5, 2));
            let full = format!("{a} {b} Council");
            let acr: String = [&a, &b, "Council"].iter().filter_map(|w| w.chars().next()).collect();
            (full, acr.to_uppercase())
        })
        .collect();
    let pick = |rng: &mut Rng, len: usize| {
        // Popular items come up more often: the minimum of two draws.
        rng.below(len).min(rng.below(len))
    };
    (0..n)
        .map(|d| {
            let mut b = DocBuilder::default();
            let p1 = &people[pick(&mut rng, people.len())];
            let p2 = &people[pick(&mut rng, people.len())];
            let p3 = &people[pick(&mut rng, people.len())];
            let p4 = &people[pick(&mut rng, people.len())];
            let org = &orgs[pick(&mut rng, orgs.len())];
            let c1 = &countries[rng.below(countries.len())];
            let c2 = &countries[rng.below(countries.len())];
            let fresh = (word(d, 2), word(d * 31 + 7, 4));
            b.name(&format!("{} {}", p1.0, p1.1), EntityLabel::Per);
            b.plain(" met ");
            b.name(&format!("{} {}", p2.0, p2.1), EntityLabel::Per);
            b.plain(" in ");
            b.name(c1, EntityLabel::Loc);
            b.plain(". The ");
            b.name(&org.0, EntityLabel::Org);
            b.plain(" (");
            b.name(&org.1, EntityLabel::Org);
            b.plain(") hosted the talks. ");
            b.name(&p1.1, EntityLabel::Per);
            b.plain(" said the ");
            b.name(&org.1, EntityLabel::Org);
            b.plain(" would act. ");
            b.name(&format!("{} {}", fresh.0, fresh.1), EntityLabel::Per);
            b.plain(" of ");
            b.name(c2, EntityLabel::Loc);
            b.plain(" disagreed. ");
            b.name(&format!("{} {}", p3.0, p3.1), EntityLabel::Per);
            b.plain(" and ");
            b.name(&p2.1, EntityLabel::Per);
            b.plain(" left for ");
            b.name(c2, EntityLabel::Loc);
            b.plain(". ");
            b.name(&p4.1, EntityLabel::Per);
            b.plain(" declined to comment.");
            (b.text, Annotations { entities: b.mentions, ..Default::default() })
        })
        .collect()
}

fn bench_link(sizes: &[usize]) -> anyhow::Result<()> {
    let kb_linker = Linker::with_embedded_kb();
    let countries: Vec<String> = kb_linker
        .kb()
        .entries()
        .iter()
        .filter(|e| e.kind == EntityKind::Country)
        .map(|e| e.name.clone())
        .collect();
    anyhow::ensure!(!countries.is_empty(), "the embedded knowledge base has no countries");
    println!(
        "{:>9} {:>10} {:>9} {:>9} {:>9} {:>10} {:>12}",
        "documents", "mentions", "entities", "wall s", "cpu s", "cpu µs/doc", "cpu ns/ment."
    );
    let mut per_doc = Vec::new();
    for &n in sizes {
        let mut docs = corpus(n, &countries);
        let mentions: usize = docs.iter().map(|d| d.1.entities.len()).sum();
        let mut linker = Linker::new(kb_linker.kb().clone(), dossier_link::MemoryIndex::new());
        let t = Instant::now();
        let c0 = cpu_seconds();
        for (text, ann) in docs.iter_mut() {
            linker.link(text, ann);
        }
        let wall = t.elapsed().as_secs_f64();
        // CPU time, when the system reports it, is not inflated by other
        // processes sharing the machine; wall time stands in otherwise.
        let secs = match (c0, cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        };
        let linked = docs.iter().flat_map(|d| &d.1.entities).filter(|m| m.entity.is_some()).count();
        anyhow::ensure!(linked == mentions, "only {linked} of {mentions} mentions linked");
        let entities = linker.index().records().len();
        println!(
            "{n:>9} {mentions:>10} {entities:>9} {wall:>9.3} {secs:>9.3} {:>10.1} {:>12.0}",
            secs * 1e6 / n.max(1) as f64,
            secs * 1e9 / mentions.max(1) as f64
        );
        per_doc.push(secs / n.max(1) as f64);
    }
    if let (Some(first), Some(last)) = (per_doc.first(), per_doc.last()) {
        println!("CPU time per document, largest over smallest corpus: {:.2}× (1.0 = linear)", last / first);
    }
    Ok(())
}

/// User + system CPU time of this process, from `/proc/self/stat` (Linux;
/// clock ticks of 1/100 s), or `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}
