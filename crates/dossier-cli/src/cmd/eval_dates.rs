//! `dossier eval dates`: scores `find_dates` against hand-annotated gold.
//!
//! The gold file (`data/eval/dates-gold.jsonl`) gives, per article, every
//! date expression as code-point offsets with its ISO 8601 value; the corpus
//! gives the article texts and publication dates. The command runs the
//! recogniser with the chosen anchor and prints, per split and overall:
//! precision and recall of spans (exact, and lenient = any overlap, matched
//! one to one), and value accuracy on the matched spans.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use dossier_core::CharOffsets;
use dossier_nlp::dates::{dateline_date, find_dates, parse_anchor};

use super::corpus;

/// Arguments of `dossier eval dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold annotations (JSON Lines: id, split, published, dates[]).
    #[arg(long)]
    pub gold: PathBuf,
    /// The corpus the gold annotates (JSON Lines with id, text, published).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Which date resolves relative expressions: the corpus `published`
    /// field, or the dateline printed in the text (falling back to
    /// `published`).
    #[arg(long, value_enum, default_value_t = Anchor::Published)]
    pub anchor: Anchor,
    /// Only score articles of this split (`dev`, `test`); all by default.
    #[arg(long)]
    pub split: Option<String>,
    /// Print every miss, spurious date and wrong value.
    #[arg(long)]
    pub errors: bool,
}

/// Where the anchor date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Anchor {
    /// The corpus metadata.
    Published,
    /// The dateline in the text, else the metadata.
    Dateline,
}

#[derive(Debug, Clone)]
struct Item {
    start: usize,
    end: usize,
    text: String,
    value: String,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    sys: usize,
    exact: usize,
    exact_value: usize,
    lenient: usize,
    lenient_value: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.sys += o.sys;
        self.exact += o.exact;
        self.exact_value += o.exact_value;
        self.lenient += o.lenient;
        self.lenient_value += o.lenient_value;
    }
}

/// Runs the evaluation and prints the table.
pub fn run(args: &Args) -> Result<()> {
    let docs = corpus::read(std::slice::from_ref(&args.corpus))?;
    let by_id: HashMap<&str, &corpus::CorpusDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut per_split: Vec<(String, Counts)> = Vec::new();
    let mut total = Counts::default();
    let mut n_docs = 0;
    for g in corpus::read_gold_lines(&args.gold)? {
        let id = g["id"].as_str().context("gold line without id")?;
        let split = g["split"].as_str().unwrap_or("all").to_string();
        if args.split.as_ref().is_some_and(|s| *s != split) {
            continue;
        }
        let Some(doc) = by_id.get(id) else { bail!("gold document {id} is not in the corpus") };
        let gold: Vec<Item> = g["dates"]
            .as_array()
            .context("gold line without dates")?
            .iter()
            .map(|d| Item {
                start: d["start"].as_u64().unwrap_or(0) as usize,
                end: d["end"].as_u64().unwrap_or(0) as usize,
                text: d["text"].as_str().unwrap_or_default().to_string(),
                value: d["value"].as_str().unwrap_or_default().to_string(),
            })
            .collect();
        check_gold_offsets(id, &doc.text, &gold)?;
        let published = doc.published.as_deref().and_then(parse_anchor);
        let anchor = match args.anchor {
            Anchor::Published => published,
            Anchor::Dateline => dateline_date(&doc.text).and_then(|(d, _)| parse_anchor(&d)).or(published),
        };
        let offsets = CharOffsets::new(&doc.text);
        let sys: Vec<Item> = find_dates(&doc.text, anchor)
            .into_iter()
            .map(|d| {
                let (start, end) = offsets.span(d.span);
                Item { start, end, text: d.span.slice(&doc.text).to_string(), value: d.value }
            })
            .collect();
        let c = score(id, &gold, &sys, args.errors);
        n_docs += 1;
        total.add(&c);
        match per_split.iter_mut().find(|(s, _)| *s == split) {
            Some((_, acc)) => acc.add(&c),
            None => per_split.push((split, c)),
        }
    }
    per_split.sort_by(|a, b| a.0.cmp(&b.0));
    println!(
        "dates: {} documents, anchor = {}",
        n_docs,
        match args.anchor {
            Anchor::Published => "published",
            Anchor::Dateline => "dateline",
        }
    );
    println!(
        "{:<6} {:>5} {:>5} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7} | {:>9} {:>9} | {:>9}",
        "split", "gold", "sys", "P", "R", "F1", "P~", "R~", "F1~", "value", "value~", "end2end"
    );
    for (s, c) in per_split.iter().chain(std::iter::once(&("all".to_string(), total))) {
        print_row(s, c);
    }
    println!(
        "P/R/F1: exact span match; ~: lenient (overlapping spans, one to one); value: value accuracy on \
         matched spans; end2end: exact span and value / gold."
    );
    Ok(())
}

fn print_row(split: &str, c: &Counts) {
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    let (p, r) = (pct(c.exact, c.sys), pct(c.exact, c.gold));
    let (pl, rl) = (pct(c.lenient, c.sys), pct(c.lenient, c.gold));
    println!(
        "{:<6} {:>5} {:>5} | {:>6.1}% {:>6.1}% {:>6.1}% | {:>6.1}% {:>6.1}% {:>6.1}% | {:>8.1}% {:>8.1}% | {:>8.1}%",
        split,
        c.gold,
        c.sys,
        p,
        r,
        f1(p, r),
        pl,
        rl,
        f1(pl, rl),
        pct(c.exact_value, c.exact),
        pct(c.lenient_value, c.lenient),
        pct(c.exact_value, c.gold)
    );
}

fn check_gold_offsets(id: &str, text: &str, gold: &[Item]) -> Result<()> {
    let chars: Vec<char> = text.chars().collect();
    for g in gold {
        let got: String = chars.get(g.start..g.end).map(|c| c.iter().collect()).unwrap_or_default();
        if got != g.text {
            bail!("gold {id} [{}, {}) says {:?} but the text there is {:?}", g.start, g.end, g.text, got);
        }
    }
    Ok(())
}

/// Matches system items to gold items: exact spans first, then, among the
/// rest, overlapping spans one to one in text order.
fn score(id: &str, gold: &[Item], sys: &[Item], show: bool) -> Counts {
    let mut c = Counts { gold: gold.len(), sys: sys.len(), ..Counts::default() };
    let mut g_used = vec![false; gold.len()];
    let mut s_used = vec![false; sys.len()];
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
    for (si, s) in sys.iter().enumerate() {
        if let Some(gi) = gold.iter().position(|g| g.start == s.start && g.end == s.end) {
            g_used[gi] = true;
            s_used[si] = true;
            pairs.push((gi, si, true));
        }
    }
    for (si, s) in sys.iter().enumerate() {
        if s_used[si] {
            continue;
        }
        if let Some(gi) =
            (0..gold.len()).find(|&gi| !g_used[gi] && gold[gi].start < s.end && s.start < gold[gi].end)
        {
            g_used[gi] = true;
            s_used[si] = true;
            pairs.push((gi, si, false));
        }
    }
    for &(gi, si, exact) in &pairs {
        let same = gold[gi].value == sys[si].value;
        c.lenient += 1;
        c.lenient_value += usize::from(same);
        if exact {
            c.exact += 1;
            c.exact_value += usize::from(same);
        }
        if show && (!exact || !same) {
            println!(
                "{id}\t{}\tgold {:?}={}\tsys {:?}={}",
                if exact {
                    "VALUE"
                } else if same {
                    "SPAN"
                } else {
                    "SPAN+VALUE"
                },
                gold[gi].text,
                gold[gi].value,
                sys[si].text,
                sys[si].value
            );
        }
    }
    if show {
        for (gi, g) in gold.iter().enumerate().filter(|(i, _)| !g_used[*i]) {
            let _ = gi;
            println!("{id}\tMISS\tgold {:?}={} at {}", g.text, g.value, g.start);
        }
        for s in sys.iter().enumerate().filter(|(i, _)| !s_used[*i]).map(|(_, s)| s) {
            println!("{id}\tSPURIOUS\tsys {:?}={} at {}", s.text, s.value, s.start);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(start: usize, end: usize, value: &str) -> Item {
        Item { start, end, text: String::new(), value: value.into() }
    }

    #[test]
    fn exact_and_lenient_matching_is_one_to_one() {
        let gold = vec![item(0, 9, "2010-08-23"), item(20, 30, "2010"), item(40, 45, "2011")];
        let sys =
            vec![item(0, 9, "2010-08-23"), item(18, 30, "2009"), item(22, 25, "2010"), item(50, 55, "x")];
        let c = score("t", &gold, &sys, false);
        assert_eq!((c.gold, c.sys), (3, 4));
        assert_eq!((c.exact, c.exact_value), (1, 1));
        // (18,30) overlaps gold (20,30); (22,25) then finds no free gold item.
        assert_eq!((c.lenient, c.lenient_value), (2, 1));
    }
}
