//! Does one long document cost more per token than a short one?
//! (`cargo bench -p dossier --bench long_document`)
//!
//! A news text of about 600 words, written for this benchmark with invented
//! people and organisations (each organisation defined once with its
//! acronym, `the Alder Basin Council (ABC)`, then named by the acronym), is
//! generated with fresh names for every copy and run together into one
//! document of 2× (about 530 words), 10×, 100× and ~1 MiB. Each size goes through what
//! `dossier extract` does to a document: the NLP pipeline (tokens,
//! sentences, NER, quotes, dates), the cross-document linker and the JSON
//! of the output contract. The CPU time per token of each size (the best
//! of three measurements, this thread's own time, so a busy machine does
//! not blur it) is printed beside that of the two-copy article: a linear pipeline keeps the ratio
//! near 1 (issue #19 asks for at most ~1.2 at 1 MiB). The texts stop short
//! of the annotation cap ([`dossier_nlp::annotated_len`]), so every token
//! is annotated.

use std::time::Instant;

use dossier_core::contract::DocumentJson;
use dossier_core::{Document, Format};
use dossier_link::Linker;
use dossier_nlp::Pipeline;

const FIRST: &[&str] =
    &["Ada", "Bram", "Cleo", "Dario", "Elin", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Lev"];
const LAST: &[&str] =
    &["Marsh", "Okonkwo", "Lindqvist", "Petrescu", "Haddad", "Moreau", "Takacs", "Quiroga", "Ferrand"];
const WORDS: &[&str] =
    &["Alder", "Basin", "Coastal", "Delta", "Eastern", "Forest", "Granite", "Harbour", "Inland", "Juniper"];
const KINDS: &[&str] = &["Council", "Agency", "Union", "Authority", "Commission", "Institute"];

/// One copy of the article; `n` picks its people and organisations so that
/// copies name different actors (thousands of names in the longest text).
fn article(n: usize) -> String {
    let person = |k: usize| {
        let i = n * 7 + k;
        format!(
            "{} {}{}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()],
            suffix(i / (FIRST.len() * LAST.len()))
        )
    };
    let org = |k: usize| {
        let i = n * 3 + k;
        let (a, b) = (WORDS[i % WORDS.len()], WORDS[(i / WORDS.len()) % WORDS.len()]);
        let kind = KINDS[(i / (WORDS.len() * WORDS.len())) % KINDS.len()];
        let name = format!("{a} {b} {kind}");
        let acronym: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
        (name, acronym)
    };
    let (p1, p2, p3) = (person(0), person(1), person(2));
    let (o1, a1) = org(0);
    let (o2, a2) = org(1);
    let s1 = p1.rsplit(' ').next().unwrap_or("");
    let s2 = p2.rsplit(' ').next().unwrap_or("");
    format!(
        "The {o1} ({a1}) said on Tuesday that it would review the dam project after weeks of protests in the valley. \
\"We have heard the farmers and we will answer them,\" {p1}, the {a1} chair, told reporters in the capital.\n\n\
{s1} said the review would take three months. The {a1} had approved the project in March, against the advice of the \
{o2} ({a2}), which warned that the river could lose a third of its flow in dry years.\n\n\
\"The numbers were never hidden,\" said {p2}, who leads the {a2}. \"Anyone who read our report knew what was coming.\" \
{s2} added that the {a2} would publish new figures next week.\n\n\
Farmers' leader {p3} welcomed the decision but said it came late. \"Our wells are already dry,\" he said. \
According to the {a2}, more than 4,000 families depend on the river for irrigation.\n\n\
The government has not commented. A spokeswoman for the ministry of water said the minister would meet \
{s1} and {s2} on Friday. The {a1} and the {a2} last met in January, when talks broke down after two days.\n\n\
{s1} told the regional radio that the council had \"made mistakes\" but that the dam would still be built. \
\"The question is how, not whether,\" {s1} said. Critics say the {o1} has been too close to the builders; \
the {a1} denies it.\n\n\
The {a2} said it would ask the courts to halt the work if the review did not look at the river's flow. \
\"We are ready to go to court,\" {s2} said. The case could take years, lawyers said.\n\n"
    )
}

/// Letters that keep names distinct past the lists' combinations.
fn suffix(i: usize) -> String {
    if i == 0 {
        return String::new();
    }
    let mut s = String::from("-");
    let mut i = i;
    while i > 0 {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
    }
    s
}

fn document(copies: usize) -> Document {
    let mut text = String::new();
    for n in 0..copies {
        text.push_str(&article(n));
    }
    Document::new(format!("long-{copies}"), "long.txt".into(), Format::Text, text)
}

/// CPU seconds (user + system) this thread has run, from
/// `/proc/thread-self/stat` (in clock ticks of 1/100 s), so that other work
/// on a shared machine does not count; wall-clock seconds where there is
/// no `/proc`.
fn thread_cpu(epoch: Instant) -> f64 {
    let ticks = std::fs::read_to_string("/proc/thread-self/stat").ok().and_then(|stat| {
        // Fields after the command name (which may hold spaces): state is
        // field 3, utime field 14, stime field 15.
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
    });
    ticks.map_or_else(|| epoch.elapsed().as_secs_f64(), |t| t / 100.0)
}

/// CPU seconds per run of the whole per-document path (NLP, linking,
/// JSON), the best of three measurements of enough runs to last about half
/// a second (the clock counts hundredths). The linker has linked the
/// document once before, as in a long extract where it knows the names.
fn time(doc: &Document, pipeline: &Pipeline) -> (f64, usize) {
    let epoch = Instant::now();
    let tokens = dossier_nlp::token::tokenize(&doc.text).len();
    let runs = (200_000 / tokens.max(1)).max(1);
    let mut linker = Linker::with_embedded_kb();
    let run_once = |linker: &mut Linker| {
        let mut doc = doc.clone();
        let mut ann = pipeline.process(&mut doc);
        linker.link(&doc.text, &mut ann);
        std::hint::black_box(serde_json::to_string(&DocumentJson::new(&doc, &ann)).expect("serialises"));
    };
    run_once(&mut linker);
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = thread_cpu(epoch);
        for _ in 0..runs {
            run_once(&mut linker);
        }
        best = best.min((thread_cpu(epoch) - t) / runs as f64);
    }
    (best, tokens)
}

fn main() {
    let pipeline = Pipeline::new();
    let one = article(0).len();
    // Two copies, about 530 words, stand for a news article.
    let sizes = [2, 10, 100, (dossier_nlp::MAX_ANNOTATED_BYTES * 95 / 100) / one];
    let mut base = None;
    for copies in sizes {
        let doc = document(copies);
        let (secs, tokens) = time(&doc, &pipeline);
        let per_token = secs / tokens as f64 * 1e9;
        let base = *base.get_or_insert(per_token);
        println!(
            "{copies:>5} copies: {:>8} bytes, {tokens:>7} tokens, {:>8.1} CPU-ms, {per_token:>6.0} ns/token, {:.2}x the article's cost per token",
            doc.text.len(),
            secs * 1e3,
            per_token / base
        );
    }
}
