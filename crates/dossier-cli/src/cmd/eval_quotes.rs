//! `dossier eval quotes --gold DIR`: runs the real pipeline over a PolNeAR
//! split and scores the quotes it finds (rules in
//! `dossier_nlp::quotes::eval`): direct, direct end-to-end, all contents and
//! all end-to-end, as precision, recall and F1. `--gold FILE.jsonl` scores
//! a hand-annotated held-out set instead (format: `crate::polnear::load_heldout`,
//! e.g. `data/eval/quotes-heldout.jsonl`), and also how often the resolved
//! `speaker.name` of an end-to-end match is the annotator's name, and, on
//! a set that lists each statement's channels (`via`), channel precision
//! and recall (`dossier_nlp::quotes::via_eval`; `--dump` lists the misses
//! as `V` lines).
//!
//! Speaker names are scored as `dossier extract` prints them, after the
//! linker (which may name a speaker the quote stage left unnamed);
//! `--no-link` scores the quote stage alone.
//!
//! It also prints how far a name can be trusted: speaker precision (of the
//! statements with a `speaker.name` whose content matches a gold content, the
//! share naming the gold speaker; on PolNeAR, which gives no names, the share
//! whose speaker words overlap the gold Source), the share of matched
//! statements left without a name although the gold names a source, and a
//! reliability table by confidence bin. `--fit-confidence FILE` refits the
//! confidence model on the split (normally PolNeAR train), writes its
//! weights to FILE, and prints a 5-fold cross-validated reliability table.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use dossier_core::{Document, Format};
use dossier_nlp::quotes::confidence;
use dossier_nlp::quotes::eval::{
    content_matches, has_quotation_mark, judge, score_document, Counts, QuoteScores, SpeakerScores, BINS,
};
use dossier_nlp::quotes::via_eval::{score_channels, ChannelCounts};

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
    /// Refit the confidence model on this split and write its weights here
    /// (`crates/dossier-nlp/src/quotes/confidence.tsv`).
    #[arg(long)]
    fit_confidence: Option<PathBuf>,
    /// Score the quote stage's own speaker names, without the linker that
    /// `dossier extract` runs after it.
    #[arg(long)]
    no_link: bool,
}

/// L2 penalty of the confidence model's fit.
const LAMBDA: f64 = 1.0;
/// Folds of the cross-validation printed with `--fit-confidence`.
const FOLDS: usize = 5;

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let (docs, gold_names, gold_via) = if args.gold.is_file() {
        let set = crate::polnear::load_heldout(&args.gold)?;
        let mut out = (Vec::new(), Vec::new(), Vec::new());
        for h in set {
            out.0.push(h.doc);
            out.1.push(h.names);
            out.2.push(h.via);
        }
        out
    } else {
        let docs = crate::polnear::load_split(&args.gold)?;
        let n = docs.len();
        (docs, vec![Vec::new(); n], vec![Vec::new(); n])
    };
    // Channels are scored only on a set that annotates them.
    let channels_annotated = gold_via.iter().flatten().any(Option::is_some);
    let mut channels = ChannelCounts::default();
    // Resolved names: (gold attributions with a name whose content and
    // speaker were found, of those the ones whose speaker.name is that name).
    let (mut named, mut named_right) = (0usize, 0usize);
    let pipeline = dossier_nlp::Pipeline::new();
    // Names are scored as `dossier extract` gives them: after the linker,
    // which names a speaker the quote stage left unnamed from the mention
    // inside its words (documents linked in order, as extract links a folder).
    let mut linker = (!args.no_link).then(dossier_link::Linker::with_embedded_kb);
    let mut total = QuoteScores::default();
    let mut speakers = SpeakerScores::default();
    // Per document: (features, right) of every prediction, for the fit.
    let mut samples: Vec<Vec<(Vec<f64>, bool)>> = Vec::new();
    let mut dump = args.dump.as_ref().map(std::fs::File::create).transpose()?;
    for (di, d) in docs.iter().enumerate() {
        let doc = Document::new(d.name.clone(), d.name.clone(), Format::Text, d.text.clone());
        let mut ann = pipeline.annotate(&doc);
        let tokens = dossier_nlp::token::tokenize(&d.text);
        let sentences = dossier_nlp::sentence::split_sentences(&d.text, &tokens);
        let (mut quotes, evidence): (Vec<_>, Vec<_>) =
            dossier_nlp::quotes::find_quotes_with_evidence(&d.text, &tokens, &sentences, &ann.entities)
                .into_iter()
                .unzip();
        if let Some(linker) = linker.as_mut() {
            // The linker names the speakers of these very quotes (each stays
            // beside its evidence), as extract links the pipeline's.
            ann.quotes = std::mem::take(&mut quotes);
            linker.link(&d.text, &mut ann);
            quotes = std::mem::take(&mut ann.quotes);
        }
        total.add(&score_document(&d.text, &d.gold, &quotes));
        let names = args.gold.is_file().then(|| gold_names[di].as_slice());
        let judged = judge(&d.text, &d.gold, names, &quotes);
        speakers.add(&quotes, &judged);
        samples.push(evidence.iter().zip(&judged).map(|(e, j)| (e.features(), j.both)).collect());
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
        let channel_gold: Vec<(Vec<dossier_core::Span>, Vec<String>)> = d
            .gold
            .iter()
            .zip(&gold_via[di])
            .filter_map(|(g, v)| Some((g.content.clone(), v.clone()?)))
            .collect();
        let (counts, channel_misses) = score_channels(&d.text, &channel_gold, &quotes);
        channels.add(&counts);
        if let Some(f) = dump.as_mut() {
            writeln!(f, "=== {}", d.name)?;
            for m in &channel_misses {
                let found = if m.found { "found" } else { "NOT-FOUND" };
                writeln!(f, "V\t{}\t{found}\tmissed {:?}\twrong {:?}", m.at, m.missed, m.wrong)?;
            }
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
            for ((q, j), e) in quotes.iter().zip(&judged).zip(&evidence) {
                let sp = q.speaker.as_ref().map(|s| (s.span.slice(&d.text), s.name.clone()));
                let mark = match (j.content, j.both) {
                    (false, _) => "FALSE",
                    (true, true) => "ok",
                    (true, false) => "SPEAKER",
                };
                let name = match j.name_right {
                    Some(true) => "name-ok",
                    Some(false) => "NAME-WRONG",
                    None => "-",
                };
                writeln!(
                    f,
                    "P\t{}\t{mark}\t{name}\t{}\t{:.2}\t{:?}/{:?}\t{:?}\t{:?}",
                    q.span.start,
                    q.kind.as_str(),
                    q.confidence.unwrap_or(0.0),
                    e.origin,
                    e.how,
                    sp,
                    q.span.slice(&d.text)
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
        let (n08, right08) = speakers.right_from(0.8);
        obj.insert(
            "speakers".into(),
            serde_json::json!({
                "precision": speakers.precision(), "named": speakers.named, "named_right": speakers.named_right,
                "named_unmatched": speakers.named_unmatched,
                "blank_share": speakers.blank_share(), "gold_named": speakers.gold_named, "left_blank": speakers.left_blank,
                "conf_ge_0_8": {"n": n08, "right": right08},
                "bins": speakers.bins.iter().map(|b| serde_json::json!({"n": b.0, "content": b.1, "both": b.2})).collect::<Vec<_>>(),
            }),
        );
        if channels_annotated {
            obj.insert(
                "channels".into(),
                serde_json::json!({
                    "precision": channels.names.precision(), "recall": channels.names.recall(), "recall_e2e": channels.recall_e2e(),
                    "tp": channels.names.tp, "pred": channels.names.pred, "gold": channels.names.gold, "gold_unmatched": channels.gold_unmatched,
                }),
            );
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
        print_speakers(&mut out, &speakers)?;
        if channels_annotated {
            writeln!(
                out,
                "channels (via names of matched statements vs gold): precision {:.3} ({} of {}), recall {:.3} ({} of {}); \
                 end to end {:.3} ({} more gold names on statements not found)",
                channels.names.precision(),
                channels.names.tp,
                channels.names.pred,
                channels.names.recall(),
                channels.names.tp,
                channels.names.gold,
                channels.recall_e2e(),
                channels.gold_unmatched
            )?;
        }
    }
    if let Some(path) = &args.fit_confidence {
        fit(&samples, path, &args.gold, &mut out)?;
    }
    Ok(())
}

fn print_speakers(out: &mut impl Write, s: &SpeakerScores) -> Result<()> {
    writeln!(
        out,
        "speaker precision {:.3} ({} of {} named statements with a matched content; {} more named statements match no gold content)",
        s.precision(),
        s.named_right,
        s.named,
        s.named_unmatched
    )?;
    writeln!(
        out,
        "left unnamed {:.3} ({} of {} matched statements whose gold names a source)",
        s.blank_share(),
        s.left_blank,
        s.gold_named
    )?;
    print_bins(out, &s.bins)?;
    let (n, right) = s.right_from(0.8);
    writeln!(out, "confidence >= 0.8: {n} statements, {:.1}% right (content and speaker)", 100.0 * right)?;
    Ok(())
}

fn print_bins(out: &mut impl Write, bins: &[(usize, usize, usize); BINS]) -> Result<()> {
    writeln!(out, "{:<12} {:>6} {:>8} {:>8}", "confidence", "n", "content", "both")?;
    for (i, b) in bins.iter().enumerate() {
        let share = |k: usize| if b.0 == 0 { 0.0 } else { k as f64 / b.0 as f64 };
        let lo = i as f64 / BINS as f64;
        writeln!(
            out,
            "{:<12} {:>6} {:>8.3} {:>8.3}",
            format!("{lo:.1}-{:.1}", lo + 1.0 / BINS as f64),
            b.0,
            share(b.1),
            share(b.2)
        )?;
    }
    Ok(())
}

/// Fits the confidence model on every sample, writes it, and prints the
/// reliability of a cross-validated fit (folds by document).
fn fit(
    samples: &[Vec<(Vec<f64>, bool)>],
    path: &std::path::Path,
    gold: &std::path::Path,
    out: &mut impl Write,
) -> Result<()> {
    let mut bins = [(0usize, 0usize, 0usize); BINS];
    for k in 0..FOLDS {
        let train: Vec<(Vec<f64>, bool)> = samples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != k)
            .flat_map(|(_, v)| v.iter().cloned())
            .collect();
        let w = confidence::fit(&train, LAMBDA);
        for (x, y) in samples.iter().enumerate().filter(|(i, _)| i % FOLDS == k).flat_map(|(_, v)| v) {
            let b = dossier_nlp::quotes::eval::bin(confidence::predict(&w, x) as f32);
            bins[b].0 += 1;
            bins[b].2 += usize::from(*y);
        }
    }
    writeln!(out, "{FOLDS}-fold cross-validated confidence (content column not computed):")?;
    print_bins(out, &bins)?;
    let all: Vec<(Vec<f64>, bool)> = samples.iter().flatten().cloned().collect();
    let w = confidence::fit(&all, LAMBDA);
    let header = format!(
        "dossier quote confidence, logistic weights fitted by `dossier eval quotes --fit-confidence` on {} ({} statements, L2 {LAMBDA})",
        gold.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
        all.len()
    );
    std::fs::write(path, confidence::format_weights(&w, &header))
        .with_context(|| format!("writing {}", path.display()))?;
    writeln!(out, "weights written to {}", path.display())?;
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
