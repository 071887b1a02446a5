//! `dossier train ner`, `dossier train clusters`, `dossier tag` and
//! `dossier eval ner`: the file side of the NER stage.
//!
//! The NLP crate does no I/O; this module reads CoNLL-style files, the
//! Phoenix dictionaries and unlabelled text, hands their contents to
//! `dossier_nlp::ner`, and writes models and reports.
//!
//! CoNLL-style input: one token per line, a blank line between sentences,
//! `-DOCSTART-` lines (or `# newdoc` comments) between documents, other
//! `#` comment lines ignored. For training and evaluation the columns are
//! found per file: CoNLL-2003 (`TOKEN … TAG`, tag in the last column) or
//! Universal NER (`INDEX TOKEN TAG …`, recognised by a numeric first
//! column). `tag` reads the token from the first column, as the output
//! contract says.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Args;
use dossier_nlp::ner::eval::Scores;
use dossier_nlp::ner::lexicon::Lexicon;
use dossier_nlp::ner::tags::{chunks_to_bilou, iob_chunks, TYPES};
use dossier_nlp::ner::train::{self, ClusterConfig, TrainConfig, TrainDoc};
use dossier_nlp::ner::NerModel;

use crate::Outcome;

/// A document read from a CoNLL-style file.
#[derive(Debug, Default, Clone)]
pub struct ConllDoc {
    /// Sentences of tokens.
    pub sents: Vec<Vec<String>>,
    /// Tags per token as written (IOB1 or IOB2).
    pub tags: Vec<Vec<String>>,
}

/// Which columns hold the token and the tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    /// Token first, tag last (CoNLL-2003).
    Conll,
    /// Index, token, tag (Universal NER).
    Uner,
    /// Token first, no tag needed (`tag`).
    TokenOnly,
}

fn detect(text: &str) -> Columns {
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with("-DOCSTART-") {
            continue;
        }
        let f: Vec<&str> = l.split_whitespace().collect();
        return if f.len() >= 3 && f[0].chars().all(|c| c.is_ascii_digit()) {
            Columns::Uner
        } else {
            Columns::Conll
        };
    }
    Columns::Conll
}

/// Reads CoNLL-style documents.
fn read_docs(text: &str, cols: Columns) -> Vec<ConllDoc> {
    let mut docs = vec![ConllDoc::default()];
    let mut sent: (Vec<String>, Vec<String>) = Default::default();
    let flush_sent = |docs: &mut Vec<ConllDoc>, sent: &mut (Vec<String>, Vec<String>)| {
        if !sent.0.is_empty() {
            let d = docs.last_mut().expect("one document");
            d.sents.push(std::mem::take(&mut sent.0));
            d.tags.push(std::mem::take(&mut sent.1));
        }
    };
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with("-DOCSTART-") || l.starts_with("# newdoc") {
            flush_sent(&mut docs, &mut sent);
            if !docs.last().expect("one document").sents.is_empty() {
                docs.push(ConllDoc::default());
            }
            continue;
        }
        if l.is_empty() {
            flush_sent(&mut docs, &mut sent);
            continue;
        }
        if l.starts_with("# ") && cols == Columns::Uner {
            continue;
        }
        let f: Vec<&str> = l.split_whitespace().collect();
        let (tok, tag) = match cols {
            Columns::Uner if f.len() >= 3 => (f[1], f[2]),
            Columns::Conll | Columns::TokenOnly if !f.is_empty() => (f[0], *f.last().expect("non-empty")),
            _ => (f[0], "O"),
        };
        sent.0.push(tok.to_string());
        sent.1.push(if cols == Columns::TokenOnly { "O".to_string() } else { tag.to_string() });
    }
    flush_sent(&mut docs, &mut sent);
    docs.retain(|d| !d.sents.is_empty());
    docs
}

fn read_file(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads a labelled file (columns detected) as training documents.
fn read_labelled(path: &Path) -> Result<Vec<TrainDoc>> {
    let text = read_file(path)?;
    let cols = detect(&text);
    let docs = read_docs(&text, cols);
    Ok(docs.into_iter().map(|d| to_train(d, cols == Columns::Uner)).collect())
}

/// A training document; `no_misc` for annotations without a MISC type
/// (Universal NER).
fn to_train(d: ConllDoc, no_misc: bool) -> TrainDoc {
    let tags = d
        .tags
        .iter()
        .map(|t| {
            let chunks: Vec<_> = iob_chunks(t).into_iter().filter(|c| c.ty < TYPES.len()).collect();
            chunks_to_bilou(&chunks, t.len())
        })
        .collect();
    TrainDoc { sents: d.sents, tags, no_misc }
}

pub fn load_model(path: Option<&Path>) -> Result<NerModel> {
    match path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            NerModel::from_bytes(&bytes).with_context(|| format!("cannot load NER model {}", p.display()))
        }
        None => NerModel::embedded().context("the built-in NER model cannot be loaded"),
    }
}

/// `dossier tag` arguments.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// Output format (only `conll`).
    #[arg(long, default_value = "conll")]
    format: String,
    /// A model file to use instead of the built-in one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// The CoNLL-style file to tag (`-` for standard input).
    file: PathBuf,
}

/// Tags a CoNLL-style file, writing `TOKEN<TAB>TAG` lines in IOB2.
pub fn tag(args: TagArgs) -> Result<Outcome> {
    if args.format != "conll" {
        bail!("unknown format {:?} (only conll)", args.format);
    }
    let model = load_model(args.model.as_deref())?;
    let text = if args.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("cannot read standard input")?;
        s
    } else {
        read_file(&args.file)?
    };
    let docs = read_docs(&text, Columns::TokenOnly);
    let mut tagger = model.tagger();
    let mut tags = docs.iter().flat_map(|d| tagger.tag_iob2(&d.sents)).flatten();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty()
            || l.starts_with("-DOCSTART-")
            || l.starts_with('#') && !l.contains('\t') && l.starts_with("# ")
        {
            writeln!(out, "{line}")?;
            continue;
        }
        let tok = l.split_whitespace().next().unwrap_or("");
        let tag = tags.next().unwrap_or_else(|| "O".to_string());
        writeln!(out, "{tok}\t{tag}")?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// `dossier eval ner` arguments.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file, CoNLL-2003 (IOB1) or Universal NER (IOB2) columns.
    #[arg(long)]
    gold: PathBuf,
    /// A model file to use instead of the built-in one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Types to score, comma-separated (default all four); names of other
    /// types are ignored in gold and prediction alike.
    #[arg(long, value_delimiter = ',')]
    types: Vec<String>,
}

/// Scores the model against a gold file.
pub fn eval(args: EvalArgs) -> Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let text = read_file(&args.gold)?;
    let docs = read_docs(&text, detect(&text));
    let mut keep = [args.types.is_empty(); 4];
    for t in &args.types {
        match TYPES.iter().position(|l| l.as_str() == t.trim()) {
            Some(i) => keep[i] = true,
            None => bail!("unknown type {t:?} (PER, ORG, LOC, MISC)"),
        }
    }
    let mut scores = Scores::default();
    let mut tagger = model.tagger();
    let start = Instant::now();
    for d in &docs {
        let pred = tagger.tag_iob2(&d.sents);
        for (g, p) in d.tags.iter().zip(&pred) {
            scores.add(g, p, keep);
        }
    }
    eprintln!("tagged {} tokens in {:.2?}", scores.tokens, start.elapsed());
    print!("{}", scores.report());
    Ok(Outcome::Success)
}

/// `dossier train ner` arguments.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training files (CoNLL-2003 or Universal NER columns).
    #[arg(long, num_args = 1.., required = true)]
    train: Vec<PathBuf>,
    /// Development file, scored after every epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model (not needed with `--cv`).
    #[arg(long, required_unless_present = "cv")]
    out: Option<PathBuf>,
    /// K-fold cross-validation instead of training one model: the
    /// documents of the first `--train` file are cut into K folds (document
    /// i in fold i mod K); K models are trained, each on the other folds
    /// plus every other `--train` file, and scored on their fold. Prints
    /// each fold's F1 and the mean and standard deviation; writes nothing.
    #[arg(long)]
    cv: Option<usize>,
    /// With `--cv`: also write each fold's model to this folder
    /// (`fold-1.bin`, …), so that its errors on its held-out fold can be
    /// studied (`dossier tag --model`) without training again.
    #[arg(long, requires = "cv")]
    cv_models: Option<PathBuf>,
    /// Place names (`dossier build places`; `none` for none).
    #[arg(long, default_value = "crates/dossier-nlp/models/places.tsv")]
    places: PathBuf,
    /// The project's list of companies, platforms and publishers
    /// (`category<TAB>name` lines; `none` for none).
    #[arg(long, default_value = "crates/dossier-nlp/models/orgs.tsv")]
    orgs: PathBuf,
    /// Word lexicon (clusters and capitalisation counts) from `dossier train clusters` (`none` for none).
    #[arg(long, default_value = "crates/dossier-nlp/models/lexicon.tsv")]
    lexicon: PathBuf,
    /// Folder of the Phoenix dictionaries for the gazetteers (`none` for no gazetteer).
    #[arg(long, default_value = "../shared/data/kb/phoenix")]
    phoenix: PathBuf,
    /// Epochs per stage.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Folds for the second stage's training labels (0 or 1: one stage only).
    #[arg(long, default_value_t = TrainConfig::default().folds)]
    folds: usize,
    /// Seed of the document shuffle.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// Drop features seen fewer times in training.
    #[arg(long, default_value_t = TrainConfig::default().min_count)]
    min_count: u32,
    /// Drop weights below this (absolute) from the file.
    #[arg(long, default_value_t = TrainConfig::default().prune)]
    prune: f32,
    /// Train on the first N documents of the training files only (quick experiments).
    #[arg(long)]
    limit: Option<usize>,
    /// Percent of sentences in capitals and in title case in a second,
    /// case-changed copy of every training document (`0,0`: no copy).
    #[arg(long, value_delimiter = ',', num_args = 2, default_values_t = [TrainConfig::default().case_copy.0, TrainConfig::default().case_copy.1])]
    case_copy: Vec<u32>,
    /// Percent of the capitalised word types of each case-changed copy
    /// shown to the tagger as never-seen words (no form, lower case or
    /// cluster), so that gazetteers, affixes and context learn to carry
    /// names the tagger has never seen (0: none).
    #[arg(long, default_value_t = TrainConfig::default().word_dropout)]
    word_dropout: u32,
    /// Perceptrons trained per model over different shuffles of the
    /// documents, their weights averaged (1: one perceptron).
    #[arg(long, default_value_t = TrainConfig::default().runs)]
    runs: usize,
    /// With `--cv`: also score each fold model with its weights below each
    /// of these thresholds dropped (as `--prune` does to the file), so that
    /// a threshold can be chosen by cross-validation from one training.
    #[arg(long, requires = "cv", value_delimiter = ',')]
    cv_prune: Vec<f32>,
}

/// Trains and writes an NER model.
pub fn train_ner(args: TrainNerArgs) -> Result<Outcome> {
    let start = Instant::now();
    let mut train_docs = Vec::new();
    let mut first_file = 0;
    for (i, p) in args.train.iter().enumerate() {
        train_docs.extend(read_labelled(p)?);
        if i == 0 {
            if let Some(n) = args.limit {
                train_docs.truncate(n);
            }
            first_file = train_docs.len();
        }
    }
    let dev = match &args.dev {
        Some(p) => read_labelled(p)?,
        None => Vec::new(),
    };
    let lex = if args.lexicon.as_os_str() == "none" {
        Lexicon::default()
    } else {
        Lexicon::from_text(&read_file(&args.lexicon)?).map_err(anyhow::Error::msg)?
    };
    let gaz = if args.phoenix.as_os_str() == "none" {
        train::phoenix_gazetteer([])
    } else {
        let mut files = Vec::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(&args.phoenix)
            .with_context(|| format!("cannot read {}", args.phoenix.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for p in names {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((name, read_file(&p)?));
        }
        train::phoenix_gazetteer(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    };
    let mut more = Vec::new();
    for p in [&args.places, &args.orgs] {
        if p.as_os_str() != "none" {
            let entries = dossier_nlp::ner::places::from_text(&read_file(p)?)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            more.extend(entries);
        }
    }
    let gaz = gaz.extended(more);
    let counts: Vec<String> = dossier_nlp::ner::lexicon::GAZ_CATEGORIES
        .iter()
        .zip(gaz.counts())
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    eprintln!(
        "gazetteer: {} entries ({}); lexicon read in {:.1?}",
        gaz.len(),
        counts.join(", "),
        start.elapsed()
    );
    let cfg = TrainConfig {
        epochs: args.epochs,
        folds: args.folds,
        seed: args.seed,
        min_count: args.min_count,
        prune: args.prune,
        case_copy: (
            args.case_copy.first().copied().unwrap_or(0),
            args.case_copy.get(1).copied().unwrap_or(0),
        ),
        word_dropout: args.word_dropout,
        runs: args.runs,
    };
    if let Some(k) = args.cv {
        let cv =
            CrossValidation { split: first_file, k, save: args.cv_models.as_deref(), prunes: &args.cv_prune };
        return cross_validate(&train_docs, &cv, lex, gaz, &cfg);
    }
    let out = args.out.as_ref().context("--out is required")?;
    let model = train::train(&train_docs, &dev, lex, gaz, &cfg, &mut |line| {
        eprintln!("[{:>6.1}s] {line}", start.elapsed().as_secs_f64());
    });
    let bytes = model.to_bytes(cfg.prune);
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    // Score what was written, quantised as it ships.
    let shipped = NerModel::from_bytes(&bytes).context("the written model does not load")?;
    eprintln!("wrote {} ({} bytes, rows per stage {:?})", out.display(), bytes.len(), shipped.rows());
    if !dev.is_empty() {
        let s = train::evaluate(&shipped, &dev);
        eprintln!("shipped model on dev:\n{}", s.report());
    }
    eprintln!("done in {:.1?}", start.elapsed());
    Ok(Outcome::Success)
}

/// What `--cv` asks for (see `TrainNerArgs::cv`).
struct CrossValidation<'a> {
    /// The documents of the first `--train` file: the ones cut into folds.
    split: usize,
    /// Number of folds.
    k: usize,
    /// Folder to write the fold models to.
    save: Option<&'a Path>,
    /// Extra weight thresholds to score each fold model at.
    prunes: &'a [f32],
}

/// The F1 of each fold and the scores pooled over the folds.
#[derive(Default)]
struct FoldScores {
    f1s: Vec<f64>,
    total: Scores,
}

impl FoldScores {
    fn add(&mut self, s: &Scores) -> f64 {
        let f = 100.0 * s.overall().2;
        self.f1s.push(f);
        self.total.merge(s);
        f
    }

    /// `F1 mean M sd S (min, max); pooled P; folds F1/F2/…`: the sample
    /// standard deviation, and pooled F1 over all folds' names.
    fn summary(&self) -> String {
        let k = self.f1s.len();
        let mean = self.f1s.iter().sum::<f64>() / k as f64;
        let sd = (self.f1s.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / (k - 1) as f64).sqrt();
        let (lo, hi) = self.f1s.iter().fold((f64::MAX, f64::MIN), |(a, b), &f| (a.min(f), b.max(f)));
        let per_fold: Vec<String> = self.f1s.iter().map(|f| format!("{f:.2}")).collect();
        format!(
            "F1 mean {mean:.2} sd {sd:.2} (min {lo:.2}, max {hi:.2}); pooled {:.2}; folds {}",
            100.0 * self.total.overall().2,
            per_fold.join("/")
        )
    }
}

/// K-fold cross-validation over the first `cv.split` documents (see
/// `TrainNerArgs::cv`); prints per-fold and mean F1.
fn cross_validate(
    docs: &[TrainDoc],
    cv: &CrossValidation,
    lex: Lexicon,
    gaz: dossier_nlp::ner::lexicon::Gazetteer,
    cfg: &TrainConfig,
) -> Result<Outcome> {
    let start = Instant::now();
    let (k, split) = (cv.k, cv.split);
    if k < 2 || k > split {
        bail!("--cv needs at least 2 folds and no more than the {split} documents of the first --train file");
    }
    let mut scores = FoldScores::default();
    let mut pruned: Vec<FoldScores> = cv.prunes.iter().map(|_| FoldScores::default()).collect();
    for fold in 0..k {
        let (mut tr, mut held) = (Vec::new(), Vec::new());
        for (i, d) in docs.iter().enumerate() {
            if i < split && i % k == fold {
                held.push(d.clone());
            } else {
                tr.push(d.clone());
            }
        }
        let model = train::train(&tr, &[], lex.clone(), gaz.clone(), cfg, &mut |_| {});
        let bytes = model.to_bytes(cfg.prune);
        if let Some(dir) = cv.save {
            let path = dir.join(format!("fold-{}.bin", fold + 1));
            std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
        }
        let shipped = NerModel::from_bytes(&bytes).context("a fold model does not load")?;
        let s = train::evaluate(&shipped, &held);
        let f = scores.add(&s);
        println!(
            "fold {}/{k}: {} documents held out, F1 {f:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2}) [{:.0}s]",
            fold + 1,
            held.len(),
            100.0 * s.of_type(0).2,
            100.0 * s.of_type(1).2,
            100.0 * s.of_type(2).2,
            100.0 * s.of_type(3).2,
            start.elapsed().as_secs_f64()
        );
        for (&p, acc) in cv.prunes.iter().zip(&mut pruned) {
            let bytes = model.to_bytes(p);
            let m = NerModel::from_bytes(&bytes).context("a pruned fold model does not load")?;
            let f = acc.add(&train::evaluate(&m, &held));
            println!("  pruned at {p}: F1 {f:.2}, {} bytes, rows per stage {:?}", bytes.len(), m.rows());
        }
    }
    println!("cv {k} folds: {}", scores.summary());
    for (p, acc) in cv.prunes.iter().zip(&pruned) {
        println!("cv {k} folds, pruned at {p}: {}", acc.summary());
    }
    Ok(Outcome::Success)
}

/// `dossier train clusters` arguments.
#[derive(Debug, Args)]
pub struct TrainClustersArgs {
    /// CoNLL-style files whose tokens are used (labels ignored).
    #[arg(long)]
    conll: Vec<PathBuf>,
    /// Plain-text files or folders of `.txt` files (tokenized with the project tokenizer).
    #[arg(long)]
    text: Vec<PathBuf>,
    /// JSON Lines files with a `text` field.
    #[arg(long)]
    jsonl: Vec<PathBuf>,
    /// Where to write the lexicon.
    #[arg(long)]
    out: PathBuf,
}

fn text_sentences(text: &str, out: &mut Vec<Vec<String>>) {
    let tokens = dossier_nlp::token::tokenize(text);
    for s in dossier_nlp::sentence::split_sentences(text, &tokens) {
        out.push(tokens[s.tokens].iter().map(|t| t.text(text).to_string()).collect());
    }
}

/// Builds the word lexicon (clusters, capitalisation counts) from unlabelled text.
pub fn train_clusters(args: TrainClustersArgs) -> Result<Outcome> {
    let start = Instant::now();
    let mut sents = Vec::new();
    for p in &args.conll {
        for d in read_docs(&read_file(p)?, Columns::TokenOnly) {
            sents.extend(d.sents);
        }
    }
    for p in &args.text {
        let mut files = if p.is_dir() {
            std::fs::read_dir(p)
                .with_context(|| format!("cannot read {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        } else {
            vec![p.clone()]
        };
        files.sort();
        for f in files {
            text_sentences(&read_file(&f)?, &mut sents);
        }
    }
    for p in &args.jsonl {
        for line in read_file(p)?.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("bad JSON in {}", p.display()))?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                text_sentences(t, &mut sents);
            }
        }
    }
    eprintln!("{} sentences, {} tokens", sents.len(), sents.iter().map(|s| s.len()).sum::<usize>());
    let lex = train::build_lexicon(&sents, &ClusterConfig::default(), &mut |l| {
        eprintln!("[{:>6.1}s] {l}", start.elapsed().as_secs_f64())
    });
    std::fs::write(&args.out, lex.to_text())
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("wrote {} in {:.1?}", args.out.display(), start.elapsed());
    Ok(Outcome::Success)
}

/// `dossier bench ner` arguments.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// A model file to use instead of the built-in one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Plain-text files or folders of `.txt` files to tokenize and tag.
    #[arg(long)]
    text: Vec<PathBuf>,
    /// CoNLL files whose tokens, joined by spaces (sentences by new lines,
    /// documents by blank lines), make the text to tokenize and tag.
    #[arg(long)]
    conll: Vec<PathBuf>,
    /// Passes over the texts (the first also fills the tagger's word cache).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

/// CPU time of this thread in seconds (Linux `schedstat`), when known. On a
/// machine shared with other work, wall-clock time measures the other work
/// too; CPU time measures ours.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Measures tokenize + sentence split + tag speed on one thread.
pub fn bench(args: BenchArgs) -> Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let mut texts: Vec<String> = Vec::new();
    for p in &args.text {
        let mut files = if p.is_dir() {
            std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        } else {
            vec![p.clone()]
        };
        files.sort();
        for f in files {
            texts.push(read_file(&f)?);
        }
    }
    for p in &args.conll {
        for d in read_docs(&read_file(p)?, Columns::TokenOnly) {
            texts.push(d.sents.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join("\n"));
        }
    }
    if texts.is_empty() {
        bail!("nothing to benchmark: give --text or --conll");
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut tagger = model.tagger();
    let mut first: Option<(usize, usize)> = None;
    for round in 0..args.rounds.max(1) {
        let start = Instant::now();
        let cpu0 = thread_cpu_secs();
        let (mut ntok, mut nent) = (0usize, 0usize);
        for t in &texts {
            let tokens = dossier_nlp::token::tokenize(t);
            let sents = dossier_nlp::sentence::split_sentences(t, &tokens);
            let m = dossier_nlp::ner::tag_document(&mut tagger, t, &sents, &tokens);
            ntok += tokens.len();
            nent += m.len();
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu0.zip(thread_cpu_secs()).map(|(a, b)| b - a);
        // Every round must do the same work, and find names at a plausible rate.
        match first {
            None => first = Some((ntok, nent)),
            Some(f) => assert_eq!(f, (ntok, nent), "rounds disagree"),
        }
        assert!(nent * 100 >= ntok, "only {nent} names in {ntok} tokens: not tagging news text?");
        let cpu_rate =
            cpu.map(|c| format!("; CPU {c:.3}s: {:.0} tokens/s", ntok as f64 / c)).unwrap_or_default();
        println!(
            "round {}: {} docs, {} bytes, {} tokens, {} names; wall {:.3}s: {:.0} tokens/s{cpu_rate}{}",
            round + 1,
            texts.len(),
            bytes,
            ntok,
            nent,
            secs,
            ntok as f64 / secs,
            if round == 0 { " (cold word cache)" } else { "" }
        );
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll_and_uner_columns() {
        let conll = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n";
        assert_eq!(detect(conll), Columns::Conll);
        let docs = read_docs(conll, Columns::Conll);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sents, vec![vec!["EU", "rejects"], vec!["Peter"]]);
        assert_eq!(docs[0].tags[0], vec!["I-ORG", "O"]);
        let uner = "# newdoc id = a\n# text = where in tampa\n1\twhere\tO\t-\t-\n2\ttampa\tB-LOC\t-\tx\n\n# newdoc id = b\n1\tHi\tO\t-\t-\n";
        assert_eq!(detect(uner), Columns::Uner);
        let docs = read_docs(uner, Columns::Uner);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sents[0], vec!["where", "tampa"]);
        assert_eq!(docs[0].tags[0], vec!["O", "B-LOC"]);
        let t = to_train(docs[0].clone(), true);
        assert!(t.no_misc);
        assert_eq!(t.tags[0], vec![0, dossier_nlp::ner::tags::tag(dossier_nlp::ner::tags::Pos::U, 2)]);
    }

    #[test]
    fn fold_scores_give_mean_spread_and_pooled_f1() {
        let mut folds = FoldScores::default();
        let mut fold = |gold: &[&str], pred: &[&str]| {
            let mut s = Scores::default();
            s.add(gold, pred, [true; 4]);
            folds.add(&s)
        };
        // One name in each fold: found, then missed.
        assert_eq!(fold(&["B-PER", "O"], &["B-PER", "O"]), 100.0);
        assert_eq!(fold(&["B-LOC", "O"], &["O", "O"]), 0.0);
        // Mean 50, sample sd 70.71; pooled: one of two names found, no
        // false guess (precision 1, recall 0.5).
        assert_eq!(
            folds.summary(),
            "F1 mean 50.00 sd 70.71 (min 0.00, max 100.00); pooled 66.67; folds 100.00/0.00"
        );
    }
}
