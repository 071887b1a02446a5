//! `dossier demo`: the quick start. Ingests the bundled demo corpus (24
//! Wikinews articles, CC BY 2.5) into a fresh store and prints a short
//! tour: what was stored, the top entities, quotes with linked speakers, the
//! profile of the most quoted person, a sample search, and the commands to
//! try next.

use std::path::PathBuf;

use anyhow::Context;
use dossier_store::{QuoteHit, QuoteParams, SearchParams, Store};

use crate::output::{counted, seen_between, short};
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

/// Why a demo store must not be recreated: it holds documents the demo did
/// not put there, or an analyst's decisions (merges, splits, distinctions).
/// `None` when it holds only the demo's own work, or is no readable store.
fn holds_analyst_work(dir: &std::path::Path) -> anyhow::Result<Option<String>> {
    let Ok(store) = Store::open_read_only(dir) else { return Ok(None) };
    let demo_docs =
        CORPUS.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count() as i64;
    let docs = store.stats()?.documents;
    if docs > demo_docs {
        return Ok(Some(format!("it holds {} besides the demo's", counted(docs - demo_docs, "document"))));
    }
    let decisions = store.decisions()?.len() as i64;
    if decisions > 0 {
        return Ok(Some(format!("it holds {}", counted(decisions, "analyst decision"))));
    }
    Ok(None)
}

/// Runs the demo. The store is `--store` when given, else `./dossier-demo`.
pub fn run(flag: Option<PathBuf>, args: Args) -> anyhow::Result<Outcome> {
    let dir = flag.unwrap_or_else(|| PathBuf::from("dossier-demo"));
    if dir.exists() {
        if dir.join(MARKER).exists() {
            if let Some(why) = holds_analyst_work(&dir)? {
                anyhow::bail!(
                    "{} was made by `dossier demo` but {why}; the demo does not delete it. \
                     Keep working in it, or start over with `dossier --store NEW_DIR demo` \
                     (or remove the folder yourself)",
                    dir.display()
                );
            }
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
    crate::output::outln!("dossier demo: ingesting 24 Wikinews articles (CC BY 2.5) into {}", dir.display());
    let raws = dossier_ingest::source::open_reader(
        "wikinews-gum.jsonl".into(),
        "wikinews-gum.jsonl",
        Box::new(std::io::Cursor::new(CORPUS)),
    );
    let s = crate::cmd::ingest::ingest(&dir, raws, None::<std::io::Sink>, Default::default())?;
    crate::output::outln!("{}", crate::cmd::ingest::summary_line(&s));
    let store = Store::open(&dir)?;
    let st = store.stats()?;
    crate::output::outln!(
        "\nthe store holds {} documents, {} entities, {} mentions, {} quotes",
        st.documents,
        st.entities,
        st.mentions,
        st.quotes
    );

    crate::output::outln!("\n== top entities");
    let top = store.top_entities(8)?;
    if top.is_empty() {
        crate::output::outln!("(none: no names were found)");
    }
    for t in &top {
        crate::output::outln!(
            "  {:>4} mentions in {:>12}  {}  ({}, {})",
            t.mentions,
            counted(t.documents, "document"),
            t.entity.name,
            t.entity.id,
            t.entity.label.as_deref().unwrap_or("?")
        );
    }

    // Quotes whose speaker is linked to a person, one per speaker, from the
    // most quoted speakers down.
    let all = store.quotes(&QuoteParams { limit: 0, ..Default::default() })?;
    let person = |q: &&QuoteHit| {
        q.speaker.as_ref().and_then(|s| s.entity.as_ref()).is_some_and(|e| e.label.as_deref() == Some("PER"))
    };
    let mut quoted: Vec<(String, usize)> = Vec::new();
    for q in all.iter().filter(person) {
        let id =
            &q.speaker.as_ref().and_then(|s| s.entity.as_ref()).map(|e| e.id.clone()).unwrap_or_default();
        match quoted.iter_mut().find(|(k, _)| k == id) {
            Some((_, n)) => *n += 1,
            None => quoted.push((id.clone(), 1)),
        }
    }
    quoted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    crate::output::outln!(
        "\n== quotes with linked speakers ({} of {} quotes are by a linked person)",
        quoted.iter().map(|q| q.1).sum::<usize>(),
        all.len()
    );
    if quoted.is_empty() {
        crate::output::outln!("(none)");
    }
    for (id, n) in quoted.iter().take(3) {
        let Some(q) = all
            .iter()
            .filter(person)
            .find(|q| q.speaker.as_ref().and_then(|s| s.entity.as_ref()).is_some_and(|e| &e.id == id))
        else {
            continue;
        };
        let sp = q.speaker.as_ref().expect("filtered on a linked speaker");
        let e = sp.entity.as_ref().expect("filtered on a linked speaker");
        let words = if sp.text != e.name {
            format!(", the text says “{}”", short(&sp.text, 30))
        } else {
            String::new()
        };
        crate::output::outln!(
            "  {} ({}, {}{words}): {}",
            e.name,
            e.id,
            counted(*n as i64, "quote"),
            short(&q.display_text(), 110)
        );
        crate::output::outln!("      {}", short(q.doc.title.as_deref().unwrap_or(&q.doc.id), 100));
    }

    // The profile of the most quoted person.
    let profiled = quoted.first().map(|q| q.0.clone()).or_else(|| top.first().map(|t| t.entity.id.clone()));
    if let Some(id) = &profiled {
        let p = store.entity_profile(id, 3)?;
        crate::output::outln!("\n== entity profile: {} ({})", p.name, p.id);
        for (label, words) in super::query::profile_lines(&p, false) {
            crate::output::outln!("  {label}: {}", short(&words, 100));
        }
        crate::output::outln!(
            "  {}, {}, {}; {}",
            counted(p.documents, "document"),
            counted(p.mentions, "mention"),
            counted(p.quote_count, "quote"),
            seen_between(p.first_seen.as_deref(), p.last_seen.as_deref())
        );
        if !p.co_document.is_empty() {
            let with: Vec<String> =
                p.co_document.iter().map(|c| format!("{} ({})", c.entity.name, c.count)).collect();
            crate::output::outln!("  appears with: {}", with.join(", "));
        }
    }

    crate::output::outln!("\n== search: {}", args.query);
    let res = store.search_counted(&SearchParams { limit: 3, ..SearchParams::new(&args.query) })?;
    crate::output::outln!("  {} matching documents; the best:", res.total);
    for h in &res.hits {
        crate::output::outln!("  {:.2}  {}", h.score, short(h.doc.title.as_deref().unwrap_or(&h.id), 100));
        crate::output::outln!("        {}", short(&h.snippet, 160));
    }

    let d = dir.display();
    crate::output::outln!("\n== try next");
    crate::output::outln!("  dossier --store {d} search '\"climate change\"' --limit 5");
    if let Some(id) = &profiled {
        crate::output::outln!("  dossier --store {d} entity {id}");
        crate::output::outln!("  dossier --store {d} quotes --speaker {id}");
    } else {
        crate::output::outln!("  dossier --store {d} quotes --speaker NAME");
    }
    crate::output::outln!("  dossier --store {d} timeline --limit 20");
    crate::output::outln!("  dossier --store {d} graph --format gexf > actors.gexf   # opens in Gephi");
    crate::output::outln!("  dossier --store {d} stats");
    Ok(Outcome::Success)
}
