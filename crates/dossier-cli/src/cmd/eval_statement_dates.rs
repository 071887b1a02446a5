//! `dossier eval statement-dates`: is a quote dated when it was said?
//!
//! The gold (`data/eval/statement-dates-tuning.jsonl` over the Wikinews
//! corpus, `data/eval/statement-dates-heldout.jsonl` with its own texts)
//! marks, per article, the anchor of each attribution (its cue, or the start
//! of the quote when it has none) with the date the text gives for the
//! statement, or `null` when the text does not date it. The command runs the
//! whole pipeline, pairs each gold anchor with the predicted quote whose cue
//! (else content) overlaps it, and scores the quote's `date`:
//!
//! - **accuracy**: the value is right — the gold date, or the document's
//!   date when the gold is `null`;
//! - **text dates**: precision and recall of dates taken from the text
//!   (`date_source: text`), the rule this evaluation is about;
//! - **false dates**: undated statements that got a date from the text (a
//!   year inside the quote, another event's date).
//!
//! Gold anchors no predicted quote covers are counted apart (`unmatched`):
//! finding quotes is `dossier eval quotes`' business.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use dossier_core::{CharOffsets, DateSource, Document, Format, Quote};
use dossier_nlp::Pipeline;

use super::corpus;

/// Arguments of `dossier eval statement-dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold statements (JSON Lines: id, published, [text], statements[]).
    #[arg(long)]
    pub gold: PathBuf,
    /// The corpus holding the texts of gold lines without `text`.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Print every statement dated wrongly and every unmatched anchor.
    #[arg(long)]
    pub errors: bool,
}

/// One gold statement: its anchor in code points and its date.
#[derive(Debug, Clone)]
struct Gold {
    start: usize,
    end: usize,
    text: String,
    date: Option<String>,
}

/// A predicted quote as the evaluation sees it (code points).
#[derive(Debug, Clone)]
struct Pred {
    cue: Option<(usize, usize)>,
    span: (usize, usize),
    date: Option<String>,
    from_text: bool,
}

/// The counts behind the scores.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    gold: usize,
    matched: usize,
    right: usize,
    gold_dated: usize,
    text_dated: usize,
    text_right: usize,
    false_dates: usize,
}

impl Counts {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "statements": self.gold,
            "matched": self.matched,
            "accuracy": Self::ratio(self.right, self.matched),
            "text_dates": {
                "gold": self.gold_dated,
                "predicted": self.text_dated,
                "right": self.text_right,
                "precision": Self::ratio(self.text_right, self.text_dated),
                "recall": Self::ratio(self.text_right, self.gold_dated),
            },
            "false_dates": self.false_dates,
        })
    }
}

/// Runs the evaluation and prints the scores.
pub fn run(args: &Args) -> Result<()> {
    let docs = match &args.corpus {
        Some(p) => corpus::read(std::slice::from_ref(p))?,
        None => Vec::new(),
    };
    let by_id: HashMap<&str, &corpus::CorpusDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let pipeline = Pipeline::new();
    let mut total = Counts::default();
    let mut n_docs = 0;
    for g in corpus::read_gold_lines(&args.gold)? {
        let id = g["id"].as_str().context("gold line without id")?;
        let (text, published) = match g["text"].as_str() {
            Some(t) => (t.to_string(), g["published"].as_str().map(str::to_string)),
            None => {
                let Some(doc) = by_id.get(id) else {
                    bail!("gold document {id} has no text and is not in the corpus (--corpus)")
                };
                (doc.text.clone(), doc.published.clone())
            }
        };
        let gold = read_gold(id, &text, &g)?;
        let mut doc = Document::new(id.to_string(), id.to_string(), Format::Text, text);
        doc.published = published;
        let ann = pipeline.process(&mut doc);
        let offsets = CharOffsets::new(&doc.text);
        let preds: Vec<Pred> = ann.quotes.iter().map(|q| pred(q, &offsets)).collect();
        score(&mut total, id, &gold, &preds, doc.published.as_deref(), args.errors);
        n_docs += 1;
    }
    if args.json {
        println!("{}", total.json());
        return Ok(());
    }
    let pct = |a: usize, b: usize| 100.0 * Counts::ratio(a, b);
    println!(
        "statement dates: {n_docs} documents, {} statements, {} matched by a quote",
        total.gold, total.matched
    );
    println!(
        "accuracy  {:>5.1}% ({} of {} matched)",
        pct(total.right, total.matched),
        total.right,
        total.matched
    );
    println!(
        "text dates: precision {:.1}% ({} of {}), recall {:.1}% ({} of {} dated in the gold)",
        pct(total.text_right, total.text_dated),
        total.text_right,
        total.text_dated,
        pct(total.text_right, total.gold_dated),
        total.text_right,
        total.gold_dated
    );
    println!("false dates: {} undated statements dated from the text", total.false_dates);
    Ok(())
}

fn pred(q: &Quote, offsets: &CharOffsets) -> Pred {
    Pred {
        cue: q.cue.map(|c| offsets.span(c)),
        span: offsets.span(q.span),
        date: q.date.clone(),
        from_text: q.date_source == Some(DateSource::Text),
    }
}

fn read_gold(id: &str, text: &str, g: &serde_json::Value) -> Result<Vec<Gold>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for s in g["statements"].as_array().context("gold line without statements")? {
        let item = Gold {
            start: s["start"].as_u64().unwrap_or(0) as usize,
            end: s["end"].as_u64().unwrap_or(0) as usize,
            text: s["text"].as_str().unwrap_or_default().to_string(),
            date: s["date"].as_str().map(str::to_string),
        };
        let got: String = chars.get(item.start..item.end).map(|c| c.iter().collect()).unwrap_or_default();
        if got != item.text {
            bail!(
                "gold {id} [{}, {}) says {:?} but the text there is {:?}",
                item.start,
                item.end,
                item.text,
                got
            );
        }
        out.push(item);
    }
    Ok(out)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Pairs each gold anchor with a predicted quote (its cue over the anchor
/// first, else its content) and adds the document's counts to `c`.
fn score(c: &mut Counts, id: &str, gold: &[Gold], preds: &[Pred], published: Option<&str>, show: bool) {
    c.gold += gold.len();
    for g in gold {
        c.gold_dated += usize::from(g.date.is_some());
        let anchor = (g.start, g.end);
        let hit = preds
            .iter()
            .find(|p| p.cue.is_some_and(|cue| overlaps(cue, anchor)))
            .or_else(|| preds.iter().find(|p| overlaps(p.span, anchor)));
        let Some(p) = hit else {
            if show {
                println!(
                    "{id}\tUNMATCHED\t{:?} at {}\tgold {}",
                    g.text,
                    g.start,
                    g.date.as_deref().unwrap_or("-")
                );
            }
            continue;
        };
        c.matched += 1;
        let expected = g.date.as_deref().or(published);
        let right = p.date.as_deref() == expected;
        c.right += usize::from(right);
        if p.from_text {
            c.text_dated += 1;
            match &g.date {
                Some(d) if p.date.as_deref() == Some(d.as_str()) => c.text_right += 1,
                Some(_) => {}
                None => c.false_dates += 1,
            }
        }
        if show && !right {
            println!(
                "{id}\tWRONG\t{:?} at {}\tgold {}\tsys {} ({})",
                g.text,
                g.start,
                g.date.as_deref().unwrap_or("-"),
                p.date.as_deref().unwrap_or("-"),
                if p.from_text { "text" } else { "document" }
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(start: usize, end: usize, date: Option<&str>) -> Gold {
        Gold { start, end, text: String::new(), date: date.map(str::to_string) }
    }

    fn pred(cue: Option<(usize, usize)>, span: (usize, usize), date: &str, from_text: bool) -> Pred {
        Pred { cue, span, date: Some(date.to_string()), from_text }
    }

    #[test]
    fn counts_right_values_text_dates_and_false_dates() {
        let g = vec![
            gold(10, 14, Some("2020-01-03")), // dated by the text, found
            gold(30, 34, None),               // undated, but dated from the text
            gold(50, 54, None),               // undated, document date: right
            gold(70, 74, Some("2019")),       // dated, missed (document date)
            gold(90, 94, None),               // no quote there
        ];
        let p = vec![
            pred(Some((10, 14)), (15, 40), "2020-01-03", true),
            pred(Some((30, 34)), (0, 29), "1990", true),
            pred(None, (45, 60), "2020-01-06", false),
            pred(Some((70, 74)), (75, 85), "2020-01-06", false),
        ];
        let mut c = Counts::default();
        score(&mut c, "t", &g, &p, Some("2020-01-06"), false);
        assert_eq!(
            c,
            Counts {
                gold: 5,
                matched: 4,
                right: 2,
                gold_dated: 2,
                text_dated: 2,
                text_right: 1,
                false_dates: 1
            }
        );
    }

    #[test]
    fn a_cue_over_the_anchor_beats_a_content_over_it() {
        // The first quote's content covers the anchor, the second's cue does.
        let g = vec![gold(20, 24, Some("2020-01-01"))];
        let p = vec![pred(None, (0, 30), "1999", true), pred(Some((20, 24)), (25, 40), "2020-01-01", true)];
        let mut c = Counts::default();
        score(&mut c, "t", &g, &p, None, false);
        assert_eq!((c.right, c.text_right), (1, 1));
    }
}
