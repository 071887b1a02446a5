//! `dossier eval link`: reads the GUM CoNLL-U files, gives the linker either
//! the mentions the NER stage predicts (the default, when the build has a
//! NER model) or the gold named mentions (`--gold-mentions`), and prints the
//! scores of [`dossier_link::eval`].

use std::path::PathBuf;

use anyhow::Context;
use dossier_core::{Document, Format, Mention};
use dossier_link::eval::{evaluate_with, Report, Scores};
use dossier_link::gum;
use dossier_link::KnowledgeBase;
use dossier_nlp::Pipeline;
use serde_json::json;

/// Arguments of `dossier eval link`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of GUM `.conllu` files (e.g. `../shared/data/linking/gum-news`).
    #[arg(long)]
    pub gold: PathBuf,
    /// Link the gold named mentions instead of predicted ones.
    #[arg(long)]
    pub gold_mentions: bool,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also print every scored mention (document, gold entity, Wikipedia
    /// title, predicted entity, text, GeoNames place) as tab-separated lines,
    /// then every gold named mention no predicted one stands for (`missed`,
    /// document, gold entity, title, text), for error analysis.
    #[arg(long)]
    pub mentions: bool,
    /// Link with the distributed linker (the stages `dossier.spark` runs),
    /// over this many simulated partitions, instead of the ordered one.
    #[arg(long, value_name = "PARTITIONS")]
    pub distributed: Option<usize>,
}

/// Runs the evaluation.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        docs.extend(gum::parse(&text));
    }
    anyhow::ensure!(!docs.is_empty(), "no .conllu documents in {}", args.gold.display());
    let mut mode = "gold";
    let mut predicted: Option<Vec<Vec<Mention>>> = None;
    if !args.gold_mentions {
        let pipeline = Pipeline::new();
        let p: Vec<Vec<Mention>> = docs
            .iter()
            .map(|d| {
                let doc = Document::new(d.id.clone(), d.id.clone(), Format::Text, d.text.clone());
                pipeline.annotate(&doc).entities
            })
            .collect();
        if p.iter().all(|v| v.is_empty()) {
            eprintln!("dossier: this build finds no entity mentions (no NER model): scoring gold mentions");
        } else {
            mode = "predicted";
            predicted = Some(p);
        }
    }
    let r = evaluate_with(KnowledgeBase::embedded(), &docs, predicted.as_deref(), args.distributed);
    // The second figure: only for predicted mentions (gold ones carry their titles).
    let untitled = predicted.as_deref().map(|p| {
        evaluate_with(KnowledgeBase::embedded(), &without_leading_titles(&docs), Some(p), args.distributed)
    });
    if args.mentions {
        for m in &r.mentions_seen {
            println!("{}", m.join("\t"));
        }
        for m in &r.gold_missed {
            println!("missed\t{}", m.join("\t"));
        }
    }
    if args.json {
        let mut j = report_json(mode, &r);
        if let Some(u) = &untitled {
            j["without_gold_titles"] = json!({"matched_mentions": u.matched, "conll_f1": u.linker.conll()});
        }
        println!("{}", serde_json::to_string_pretty(&j)?);
    } else {
        print_report(mode, &r, untitled.as_ref());
    }
    Ok(())
}

/// GUM puts a capitalised title inside a named mention (`Ambassador Mohib`,
/// `Professor Eastman`); dossier keeps titles outside names, as CoNLL-2003
/// does and issue 15 asks, so `Mohib` overlaps the gold mention by less
/// than the half the alignment needs. This is the gold with each named
/// mention's leading title (a word of the tagger's title table) left out,
/// scored beside the strict figure, which stays the one held as a floor.
fn without_leading_titles(docs: &[gum::GumDoc]) -> Vec<gum::GumDoc> {
    let mut docs = docs.to_vec();
    for d in &mut docs {
        for m in d.mentions.iter_mut().filter(|m| m.named) {
            let Some(surface) = d.text.get(m.span.start..m.span.end) else { continue };
            let Some((first, rest)) = surface.split_once(' ') else { continue };
            let lower = first.strip_suffix('.').unwrap_or(first).to_lowercase();
            let rest = rest.trim_start();
            if first.starts_with(char::is_uppercase)
                && !rest.is_empty()
                && dossier_nlp::titles::is_name_title(&lower)
            {
                m.span.start = m.span.end - rest.len();
            }
        }
    }
    docs
}

fn scores_json(s: &Scores) -> serde_json::Value {
    let prf = |p: &dossier_link::metrics::Prf| json!({"p": p.precision(), "r": p.recall(), "f1": p.f1()});
    json!({
        "muc": prf(&s.muc), "b3": prf(&s.b3), "ceaf_e": prf(&s.ceaf), "conll_f1": s.conll(),
        "cross_doc": {"p": s.cross.precision(), "r": s.cross.recall(), "f1": s.cross.f1(),
                      "gold_pairs": s.cross.r_den, "predicted_pairs": s.cross.p_den},
    })
}

fn report_json(mode: &str, r: &Report) -> serde_json::Value {
    json!({
        "mentions_from": mode,
        "documents": r.documents,
        "gold_named_mentions": r.gold_mentions,
        "mentions": r.mentions,
        "matched_mentions": r.matched,
        "linker": scores_json(&r.linker),
        "exact_match_baseline": scores_json(&r.baseline),
        "places": {"titled": r.places.titled, "title_names_a_place": r.places.named,
                   "placed": r.places.placed, "placed_as_titled": r.places.fits},
    })
}

fn print_report(mode: &str, r: &Report, untitled: Option<&Report>) {
    println!(
        "mentions: {mode} ({} given, {} matching the {} gold named mentions) in {} documents",
        r.mentions, r.matched, r.gold_mentions, r.documents
    );
    println!("{:<22} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}", "", "P", "R", "F1", "P", "R", "F1");
    println!("{:<22} {:^20}   {:^20}", "", "linker", "exact-match baseline");
    let row = |name: &str, a: &dossier_link::metrics::Prf, b: &dossier_link::metrics::Prf| {
        println!(
            "{:<22} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            name,
            a.precision(),
            a.recall(),
            a.f1(),
            b.precision(),
            b.recall(),
            b.f1()
        );
    };
    row("MUC", &r.linker.muc, &r.baseline.muc);
    row("B3", &r.linker.b3, &r.baseline.b3);
    row("CEAF-e", &r.linker.ceaf, &r.baseline.ceaf);
    println!("{:<22} {:>20.3}   {:>20.3}", "CoNLL F1", r.linker.conll(), r.baseline.conll());
    if let Some(u) = untitled {
        println!(
            "{:<22} {:>20.3}   (gold's leading titles left out: {} matching)",
            "  CoNLL F1, no titles",
            u.linker.conll(),
            u.matched
        );
    }
    row("cross-doc pairs", &r.linker.cross, &r.baseline.cross);
    println!("(cross-doc: {} gold pairs of titled mentions)", r.linker.cross.r_den);
    let p = &r.places;
    println!(
        "places: {} titled place mentions, {} whose title names a GeoNames place: {} placed, {} as the title says",
        p.titled, p.named, p.placed, p.fits
    );
}
