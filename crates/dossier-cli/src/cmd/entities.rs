//! `dossier entities`: the entities found in the inputs, one per line, with
//! what is known about each (the same pipeline as `dossier extract`, then
//! the linker, then one record per entity).

use std::collections::HashMap;
use std::io::Write;

use dossier_link::{EntityRecord, Linker};
use serde_json::{json, Value};

use crate::Outcome;
use dossier_pipeline::{annotate_inputs, set_threads, sources};

/// Arguments of `dossier entities`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (walked recursively, sorted) or `-` for standard input.
    #[arg(default_value = "-")]
    pub paths: Vec<String>,
    /// One JSON object per entity (default: a tab-separated table).
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
}

/// Where an entity appears.
struct Seen {
    id: String,
    path: String,
    title: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    set_threads(args.threads)?;
    let mut linker = Linker::with_embedded_kb();
    let mut docs_of: HashMap<String, Vec<Seen>> = HashMap::new();
    let pipeline = dossier_nlp::Pipeline::new();
    let failed =
        annotate_inputs(&pipeline, sources(&args.paths), &mut crate::output::print_problem, |mut batch| {
            for a in batch.iter_mut() {
                let links = linker.link(&a.doc.text, &mut a.ann);
                for id in links.entities {
                    docs_of.entry(id).or_default().push(Seen {
                        id: a.doc.id.clone(),
                        path: a.doc.path.clone(),
                        title: a.doc.title.clone(),
                    });
                }
            }
            Ok::<(), anyhow::Error>(())
        })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !args.json {
        writeln!(out, "id\ttype\tmentions\tdocuments\tname\tplace")?;
    }
    for rec in linker.index().records() {
        let seen = docs_of.get(&rec.id).map_or(&[][..], |v| v.as_slice());
        if args.json {
            serde_json::to_writer(&mut out, &entity_json(rec, seen))?;
            out.write_all(b"\n")?;
        } else {
            let kind = rec.kind.map_or("", |k| k.as_str());
            let place = rec.place.as_ref().map_or(String::new(), place_words);
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{place}",
                rec.id, kind, rec.mentions, rec.documents, rec.name
            )?;
        }
    }
    out.flush()?;
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// The JSON face of one entity.
fn entity_json(rec: &EntityRecord, seen: &[Seen]) -> Value {
    let evidence: serde_json::Map<String, Value> =
        rec.evidence.iter().map(|(e, n)| (e.as_str().to_string(), json!(n))).collect();
    json!({
        "id": rec.id,
        "type": rec.kind.map(|k| k.as_str()),
        "name": rec.name,
        "aliases": rec.aliases,
        "descriptions": rec.descriptions,
        "country": rec.country,
        "kb": rec.kb.as_ref().map(|k| json!({
            "name": k.name,
            "code": k.code,
            "country": k.country,
            "roles": k.roles,
            "adjectives": k.adjectives,
            "aliases": k.aliases,
        })),
        "mentions": rec.mentions,
        "document_count": rec.documents,
        "documents": seen.iter().map(|s| json!({"id": s.id, "path": s.path, "title": s.title})).collect::<Vec<_>>(),
        "evidence": evidence,
        "place": rec.place,
    })
}

/// A place in words for the table, as `dossier entity` and the web UI say
/// it: `city in Kyrgyzstan, Osh, pop. 322,164, 40.53° N 72.80° E (GeoNames
/// 1527534)`.
fn place_words(p: &dossier_link::PlaceFacts) -> String {
    let words =
        serde_json::to_value(p).ok().and_then(|v| crate::output::place_in_words(&v)).unwrap_or_default();
    format!("{words} (GeoNames {})", p.geonames)
}
