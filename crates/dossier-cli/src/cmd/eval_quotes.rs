//! `dossier eval quotes --gold DIR`: runs the real pipeline over a PolNeAR
//! split and scores the quotes it finds (rules in
//! `dossier_nlp::quotes::eval`): direct, direct end-to-end, all contents and
//! all end-to-end, as precision, recall and F1. `--gold FILE.jsonl` scores
//! a hand-annotated held-out set instead (format: `crate::polnear::load_heldout`,
//! e.g. `data/eval/quotes-heldout.jsonl`), and also how often the resolved
//! `speaker.name` of an end-to-end match is the annotator's name.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use dossier_core::{Document, Format};
use dossier_nlp::quotes::eval::{content_matches, has_quotation_mark, score_document, Counts, QuoteScores};

/// Arguments of `dossier eval quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PolNeAR split to score on (a folder with `text/` and `attributions/`),
    /// or a held-out `.jsonl` file (`data/eval/quotes-heldout.jsonl`).
    #[arg(long)]
    gold: PathBuf,
    /// Print the scores as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Write every gold and predicted attribution, side by side, to this file.
    #[arg(long)]
    dump: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let (docs, gold_names): (Vec<crate::polnear::GoldDoc>, Vec<Vec<Option<String>>>) = if args.gold.is_file()
    {
        crate::polnear::load_heldout(&args.gold)?.into_iter().unzip()
    } else {
        let docs = crate::polnear::load_split(&args.gold)?;
        let n = docs.len();
        (docs, vec![Vec::new(); n])
    };
    // Resolved names: (gold attributions with a name whose content and
    // speaker were found, of those the ones whose speaker.name is that name).
    let (mut named, mut named_right) = (0usize, 0usize);
    let pipeline = dossier_nlp::Pipeline::new();
    let mut total = QuoteScores::default();
    let mut dump = args.dump.as_ref().map(std::fs::File::create).transpose()?;
    for (di, d) in docs.iter().enumerate() {
        let doc = Document::new(d.name.clone(), d.name.clone(), Format::Text, d.text.clone());
        let quotes = pipeline.annotate(&doc).quotes;
        total.add(&score_document(&d.text, &d.gold, &quotes));
        for (g, want) in d.gold.iter().zip(&gold_names[di]) {
            let Some(want) = want else { continue };
            let hit = quotes.iter().find_map(|q| {
                let s = q.speaker.as_ref()?;
                (content_matches(&d.text, q.span, &g.content)
                    && g.source.iter().any(|src| src.overlaps(&s.span)))
                .then_some(s)
            });
            if let Some(s) = hit {
                named += 1;
                if s.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(want)) {
                    named_right += 1;
                }
            }
        }
        if let Some(f) = dump.as_mut() {
            writeln!(f, "=== {}", d.name)?;
            for g in &d.gold {
                let content: Vec<&str> = g.content.iter().map(|s| s.slice(&d.text)).collect();
                let source: Vec<&str> = g.source.iter().map(|s| s.slice(&d.text)).collect();
                let hit = quotes.iter().any(|q| content_matches(&d.text, q.span, &g.content));
                let direct = if content.iter().any(|c| has_quotation_mark(c)) { "D" } else { "-" };
                let mark = if hit { "ok" } else { "MISS" };
                writeln!(
                    f,
                    "G\t{}\t{mark}\t{direct}\t{:?}\t{:?}",
                    g.content[0].start,
                    source,
                    content.join(" | ")
                )?;
            }
            for q in &quotes {
                let sp = q.speaker.as_ref().map(|s| (s.span.slice(&d.text), s.name.clone()));
                let hit = d.gold.iter().any(|g| content_matches(&d.text, q.span, &g.content));
                let mark = if hit { "ok" } else { "FALSE" };
                // The speaker right too (as `all_e2e` counts it), and the
                // confidence: what choosing a confidence threshold needs.
                let e2e = q.speaker.as_ref().is_some_and(|s| {
                    d.gold.iter().any(|g| {
                        content_matches(&d.text, q.span, &g.content)
                            && g.source.iter().any(|x| x.overlaps(&s.span))
                    })
                });
                writeln!(
                    f,
                    "P\t{}\t{mark}\t{}\t{:?}\t{:?}\t{}\t{}",
                    q.span.start,
                    q.kind.as_str(),
                    sp,
                    q.span.slice(&d.text),
                    q.confidence.map_or_else(|| "-".to_string(), |c| format!("{c:.3}")),
                    if e2e { "e2e" } else { "-" }
                )?;
            }
        }
    }
    let rows = [
        ("direct", total.direct),
        ("direct_e2e", total.direct_e2e),
        ("all", total.all),
        ("all_e2e", total.all_e2e),
    ];
    let mut out = std::io::stdout().lock();
    if args.json {
        let obj: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(k, c)| {
                (k.to_string(), serde_json::json!({"p": c.precision(), "r": c.recall(), "f1": c.f1(), "tp": c.tp, "pred": c.pred, "gold": c.gold}))
            })
            .collect();
        let mut obj = obj;
        if named > 0 {
            obj.insert("names".into(), serde_json::json!({"right": named_right, "of": named}));
        }
        writeln!(out, "{}", serde_json::Value::Object(obj))?;
    } else {
        writeln!(out, "{} articles", docs.len())?;
        writeln!(
            out,
            "{:<12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "score", "P", "R", "F1", "tp", "pred", "gold"
        )?;
        for (k, c) in rows {
            print_row(&mut out, k, &c)?;
        }
        if named > 0 {
            writeln!(
                out,
                "speaker.name right on {named_right} of {named} end-to-end matches whose gold gives a name ({:.1}%)",
                100.0 * named_right as f64 / named as f64
            )?;
        }
    }
    Ok(())
}

fn print_row(out: &mut impl Write, name: &str, c: &Counts) -> Result<()> {
    writeln!(
        out,
        "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
        name,
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.pred,
        c.gold
    )?;
    Ok(())
}
