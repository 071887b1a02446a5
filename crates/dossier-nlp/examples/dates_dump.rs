//! Prints the date expressions `find_dates` sees in text files, one per
//! line (`file<TAB>start<TAB>text<TAB>value`), for reading the recogniser's
//! output on real articles: `cargo run -p dossier-nlp --example dates_dump
//! -- [--anchor YYYY-MM-DD] FILE...`. The dateline, when one is found,
//! is used as the anchor unless `--anchor` is given.

use dossier_nlp::dates::{dateline_date, find_dates, parse_anchor};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut anchor = None;
    if args.first().is_some_and(|a| a == "--anchor") && args.len() >= 2 {
        anchor = parse_anchor(&args[1]);
        args.drain(..2);
    }
    for path in args {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let dl = dateline_date(&text);
        let a = anchor.or_else(|| dl.as_ref().and_then(|(d, _)| parse_anchor(d)));
        println!("{path}\tdateline={dl:?}\tanchor={a:?}");
        for d in find_dates(&text, a) {
            println!("{path}\t{}\t{}\t{}", d.span.start, d.span.slice(&text).replace('\n', "\\n"), d.value);
        }
    }
}
