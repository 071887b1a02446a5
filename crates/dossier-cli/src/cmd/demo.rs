//! `dossier demo`: the quick start. Ingests the bundled demo corpus (24
//! Wikinews articles, CC BY 2.5) into a fresh store and prints a short
//! tour: what was stored, the top entities, a few quotes, a sample search,
//! and the commands to try next.

use std::path::PathBuf;

use anyhow::Context;
use dossier_store::{QuoteParams, SearchParams, Store};

use crate::output::short;
use crate::Outcome;

/// The demo corpus, built into the binary.
const CORPUS: &[u8] = include_bytes!("../../../../data/demo/wikinews-gum.jsonl");
/// The file that marks a folder as a demo store, safe to recreate.
const MARKER: &str = ".dossier-demo";

/// Arguments of `dossier demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The sample search of the tour.
    #[arg(long, default_value = "\"White House\" OR robot")]
    pub query: String,
}

/// Runs the demo. The store is `--store` when given, else `./dossier-demo`.
pub fn run(flag: Option<PathBuf>, args: Args) -> anyhow::Result<Outcome> {
    let dir = flag.unwrap_or_else(|| PathBuf::from("dossier-demo"));
    if dir.exists() {
        if dir.join(MARKER).exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        } else if std::fs::read_dir(&dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
            anyhow::bail!(
                "{} exists and is not a demo store; give `dossier --store NEW_DIR demo` a fresh folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(dir.join(MARKER), "made by `dossier demo`; the demo recreates this folder\n")?;
    println!("dossier demo: ingesting 24 Wikinews articles (CC BY 2.5) into {}", dir.display());
    let raws = dossier_ingest::source::open_reader(
        "wikinews-gum.jsonl".into(),
        "wikinews-gum.jsonl",
        Box::new(std::io::Cursor::new(CORPUS)),
    );
    let s = crate::cmd::ingest::ingest(&dir, raws, None::<std::io::Sink>, Default::default())?;
    println!("{}", crate::cmd::ingest::summary_line(&s));
    let store = Store::open(&dir)?;
    let st = store.stats()?;
    println!(
        "\nthe store holds {} documents, {} entities, {} mentions, {} quotes",
        st.documents, st.entities, st.mentions, st.quotes
    );

    println!("\n== top entities");
    let top = store.top_entities(8)?;
    if top.is_empty() {
        println!("(none yet: ingest stores the names NER finds but does not link them to entities yet)");
    }
    for t in &top {
        println!(
            "  {:>4} mentions in {:>2} docs  {}  ({}, {})",
            t.mentions,
            t.documents,
            t.entity.name,
            t.entity.id,
            t.entity.label.as_deref().unwrap_or("?")
        );
    }

    println!("\n== a few quotes");
    let quotes = store.quotes(&QuoteParams { limit: 3, ..Default::default() })?;
    if quotes.is_empty() {
        println!("(none: this build's NLP finds no quotes yet)");
    }
    for q in &quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| {
                s.entity
                    .as_ref()
                    .map(|e| e.name.clone())
                    .or_else(|| s.name.clone())
                    .unwrap_or_else(|| s.text.clone())
            })
            .unwrap_or_else(|| "(unknown)".into());
        println!("  {who}: “{}”", short(&q.text, 120));
        println!("      {}", short(q.doc.title.as_deref().unwrap_or(&q.doc.id), 100));
    }

    println!("\n== search: {}", args.query);
    let res = store.search_counted(&SearchParams { limit: 3, ..SearchParams::new(&args.query) })?;
    println!("  {} matching documents; the best:", res.total);
    for h in &res.hits {
        println!("  {:.2}  {}", h.score, short(h.doc.title.as_deref().unwrap_or(&h.id), 100));
        println!("        {}", short(&h.snippet, 160));
    }

    let d = dir.display();
    println!("\n== try next");
    println!("  dossier --store {d} search '\"climate change\"' --limit 5");
    if let Some(t) = top.first() {
        println!("  dossier --store {d} entity {}", t.entity.id);
        println!("  dossier --store {d} quotes --speaker {}", t.entity.id);
    } else {
        println!("  dossier --store {d} quotes --speaker NAME");
    }
    println!("  dossier --store {d} timeline --limit 20");
    println!("  dossier --store {d} graph --format gexf > actors.gexf   # opens in Gephi");
    println!("  dossier --store {d} stats");
    Ok(Outcome::Success)
}
