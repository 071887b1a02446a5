//! Training of the NER model (behind the `train` feature, so that the
//! server never links it).
//!
//! An averaged structured perceptron over BILOU tags, decoded with Viterbi,
//! trained in two stages. Stage one learns from local and document
//! features. Stage two adds stage one's labels of the same word across the
//! document; to give it labels as noisy as the ones it will see on new text,
//! its training labels come from stage-one models trained on the other
//! folds of the training documents (jackknifing). Everything is
//! deterministic: documents are shuffled with a fixed seed, features are
//! numbered in order of first appearance and the file is written sorted.
//!
//! The parts, by their job: `prepare.rs` computes each document's word
//! and context features once and numbers them; `perceptron.rs` holds the
//! weights, their update and averaging, and the epoch loop;
//! `case_copy.rs` writes the case-changed copies of training documents
//! (headlines in capitals and title case). The gazetteer reader for the
//! Phoenix dictionaries (`phoenix.rs`) and the word-cluster builder for
//! unlabelled text (`clusters.rs`) are re-exported here. Both take
//! contents, not paths.

mod case_copy;
mod perceptron;
mod prepare;

use super::eval::Scores;
use super::features::{stage2_evidence, Stage2Tok};
use super::hash::mix;
use super::lexicon::{Gazetteer, Lexicon};
use super::model::NerModel;
use super::tags::bilou_to_iob2;
use case_copy::case_copy;
use perceptron::run_epochs;
use prepare::{featurize, prepare, Dict, Prepared, Vocab};

pub use super::clusters::{build_lexicon, ClusterConfig};
pub use super::phoenix::phoenix_gazetteer;

/// A training or evaluation document.
#[derive(Debug, Clone, Default)]
pub struct TrainDoc {
    /// Sentences of tokens.
    pub sents: Vec<Vec<String>>,
    /// Gold BILOU tags per token.
    pub tags: Vec<Vec<u8>>,
    /// The annotation has no MISC type (Universal NER): a MISC name the
    /// tagger finds over tokens labelled `O` is not counted as an error,
    /// since the annotators had no label for it.
    pub no_misc: bool,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Epochs of each stage.
    pub epochs: usize,
    /// Folds for the jackknifed stage-one labels (0 = one stage only).
    pub folds: usize,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// Weights below this (absolute) are pruned from the file.
    pub prune: f32,
    /// Percent of the sentences of headline length (at most 15 tokens)
    /// written in capitals, then in title case, in a second copy of every
    /// training document (0, 0: no copy). Headlines,
    /// datelines and title-case text are rare in training data and common
    /// in what users feed in; the copy teaches the tagger to find names
    /// when capitalisation says little.
    pub case_copy: (u32, u32),
    /// Percent of the capitalised word types of each case-changed copy
    /// that the tagger sees as never-seen words (see
    /// `features::mask_as_unseen`); chosen by a fixed hash per document and
    /// word, so that a masked word is masked throughout its document. Names
    /// in users' text are often in no training text, cluster or lexicon;
    /// without this, gazetteer, affix and context features are undertrained
    /// because the word's own features already explain the training data.
    pub word_dropout: u32,
    /// Perceptrons trained per model, each over its own shuffle of the
    /// documents; the model is the mean of their averaged weights (see
    /// `perceptron::run_epochs`). Costs training time, not tagging time.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            folds: 5,
            seed: 20_240_601,
            min_count: 1,
            prune: 0.0,
            case_copy: (20, 40),
            word_dropout: 10,
            runs: 3,
        }
    }
}

/// Scores a model on documents (entity F1 with `conlleval` semantics).
pub fn evaluate(model: &NerModel, docs: &[TrainDoc]) -> Scores {
    let mut tagger = model.tagger();
    let mut scores = Scores::default();
    for d in docs {
        let pred = tagger.tag_bilou(&d.sents);
        for (g, p) in d.tags.iter().zip(&pred) {
            scores.add(&bilou_to_iob2(g), &bilou_to_iob2(p), [true; 4]);
        }
    }
    scores
}

/// Trains a model. `log` receives progress lines (dev F1 per epoch).
pub fn train(
    train_docs: &[TrainDoc],
    dev_docs: &[TrainDoc],
    lex: Lexicon,
    gaz: Gazetteer,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> NerModel {
    let mut vocab = Vocab::default();
    // Documents with their case-changed copies; `origin` keeps a copy in
    // the fold of its original, so that no stage-one labels are learnt from
    // the same text.
    let mut origin: Vec<usize> = (0..train_docs.len()).collect();
    let mut copies = Vec::new();
    if cfg.case_copy != (0, 0) {
        for (d, doc) in train_docs.iter().enumerate() {
            copies.push(case_copy(doc, d as u64 ^ cfg.seed.rotate_left(32), cfg.case_copy));
            origin.push(d);
        }
    }
    let n_orig = train_docs.len();
    let prepared: Vec<Prepared> = train_docs
        .iter()
        .chain(&copies)
        .enumerate()
        .map(|(d, doc)| {
            let mask = (d >= n_orig && cfg.word_dropout > 0)
                .then(|| (mix(d as u64 ^ cfg.seed.rotate_left(17)), cfg.word_dropout));
            prepare(doc, &lex, &gaz, &mut vocab, mask)
        })
        .collect();
    let gold: Vec<&Prepared> = prepared.iter().collect();
    log(&format!(
        "prepared {} documents, {} sentences, {} tokens, {} word types",
        prepared.len(),
        train_docs.iter().map(|d| d.sents.len()).sum::<usize>(),
        train_docs.iter().flat_map(|d| &d.sents).map(|s| s.len()).sum::<usize>(),
        vocab.props.len()
    ));
    let mut model = NerModel { lex, gaz, stages: Vec::new() };
    let all: Vec<usize> = (0..prepared.len()).collect();

    // Stage one.
    let mut dict1 = Dict::default();
    let f1 = featurize(&prepared, &vocab, None, &mut dict1, true);
    let active1: Vec<bool> = dict1.counts.iter().map(|&c| c >= cfg.min_count).collect();
    log(&format!(
        "stage 1: {} features, {} active",
        dict1.keys.len(),
        active1.iter().filter(|&&a| a).count()
    ));
    let p1 = run_epochs(&f1, &gold, &all, dict1.keys.len(), active1.clone(), cfg, |e, p| {
        let m = NerModel {
            lex: model.lex.clone(),
            gaz: model.gaz.clone(),
            stages: vec![p.averaged().to_stage(&dict1)],
        };
        report(log, 1, e, &m, dev_docs);
    });
    model.stages.push(p1.to_stage(&dict1));
    if cfg.folds < 2 {
        return model;
    }

    // Jackknifed stage-one labels for the training documents.
    let mut s1_tags: Vec<Vec<Vec<u8>>> = vec![Vec::new(); prepared.len()];
    let mut em = Vec::new();
    for fold in 0..cfg.folds {
        let rest: Vec<usize> = all.iter().copied().filter(|&d| origin[d] % cfg.folds != fold).collect();
        let pf = run_epochs(&f1, &gold, &rest, dict1.keys.len(), active1.clone(), cfg, |_, _| {});
        for d in all.iter().copied().filter(|&d| origin[d] % cfg.folds == fold) {
            s1_tags[d] = f1.docs[d]
                .iter()
                .map(|(offs, ids)| {
                    let mut out = Vec::new();
                    pf.decode(offs, ids, &mut em, &mut out);
                    out
                })
                .collect();
        }
        log(&format!("stage 1 fold {}/{} done", fold + 1, cfg.folds));
    }
    let s2: Vec<Vec<Vec<Stage2Tok>>> =
        prepared.iter().zip(&s1_tags).map(|(p, t)| stage2_evidence(&p.ctx, t)).collect();

    // Stage two.
    let mut dict2 = Dict::default();
    let f2 = featurize(&prepared, &vocab, Some(&s2), &mut dict2, true);
    let active2: Vec<bool> = dict2.counts.iter().map(|&c| c >= cfg.min_count).collect();
    log(&format!("stage 2: {} features", dict2.keys.len()));
    let stage1 = model.stages[0].clone();
    let p2 = run_epochs(&f2, &gold, &all, dict2.keys.len(), active2, cfg, |e, p| {
        let m = NerModel {
            lex: model.lex.clone(),
            gaz: model.gaz.clone(),
            stages: vec![stage1.clone(), p.averaged().to_stage(&dict2)],
        };
        report(log, 2, e, &m, dev_docs);
    });
    model.stages.push(p2.to_stage(&dict2));
    model
}

fn report(log: &mut dyn FnMut(&str), stage: usize, epoch: usize, m: &NerModel, dev: &[TrainDoc]) {
    if dev.is_empty() {
        log(&format!("stage {stage} epoch {}", epoch + 1));
        return;
    }
    let s = evaluate(m, dev);
    let f = |t: usize| 100.0 * s.of_type(t).2;
    log(&format!(
        "stage {stage} epoch {:>2}: dev F1 {:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2})",
        epoch + 1,
        100.0 * s.overall().2,
        f(0),
        f(1),
        f(2),
        f(3)
    ));
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ner::tags::{chunks_to_bilou, Chunk};

    pub(super) fn doc(text: &str, names: &[(usize, usize, usize)]) -> TrainDoc {
        let s: Vec<String> = text.split(' ').map(String::from).collect();
        let chunks: Vec<Chunk> = names.iter().map(|&(start, end, ty)| Chunk { start, end, ty }).collect();
        TrainDoc { tags: vec![chunks_to_bilou(&chunks, s.len())], sents: vec![s], no_misc: false }
    }

    fn tiny() -> Vec<TrainDoc> {
        vec![
            doc("Peter Blackburn visited Paris on Monday .", &[(0, 2, 0), (3, 4, 2)]),
            doc("The European Commission met in Brussels .", &[(1, 3, 1), (5, 6, 2)]),
            doc("Anna Smith left London for Berlin .", &[(0, 2, 0), (3, 4, 2), (5, 6, 2)]),
            doc("German officials said the Commission would act .", &[(0, 1, 3), (4, 5, 1)]),
        ]
    }

    #[test]
    fn learns_a_toy_set_and_is_deterministic() {
        // Without case copies the toy set is learnt exactly.
        let cfg = TrainConfig { epochs: 8, folds: 2, case_copy: (0, 0), ..Default::default() };
        let m1 = train(&tiny(), &[], Lexicon::default(), Gazetteer::default(), &cfg, &mut |_| {});
        let s = evaluate(&m1, &tiny());
        assert_eq!(s.overall().2, 1.0, "{}", s.report());
        assert_eq!(m1.stages.len(), 2);
        // With them (the default) training is still deterministic.
        let cfg = TrainConfig { epochs: 8, folds: 2, ..Default::default() };
        assert!(cfg.runs > 1, "the default averages several runs");
        let m1 = train(&tiny(), &[], Lexicon::default(), Gazetteer::default(), &cfg, &mut |_| {});
        let m2 = train(&tiny(), &[], Lexicon::default(), Gazetteer::default(), &cfg, &mut |_| {});
        assert_eq!(m1.to_bytes(0.0), m2.to_bytes(0.0));
    }
}
