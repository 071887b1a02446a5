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
//! The gazetteer reader for the Phoenix dictionaries (`phoenix.rs`) and the
//! word-cluster builder for unlabelled text (`clusters.rs`) are re-exported
//! here. Both take contents, not paths.

use super::eval::Scores;
use super::features::{
    casing, doc_evidence, mask_as_unseen, stage2_evidence, token_keys, word_props, SentCtx, Stage2Tok, NT,
};
use super::hash::{mix, KeyMap, StrMap};
use super::lexicon::{Gazetteer, Lexicon};
use super::model::{viterbi_raw, NerModel, StageWeights};
use super::tags::bilou_to_iob2;

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
        }
    }
}

/// A document with its features computed once.
struct Prepared {
    /// Word features per sentence and token.
    words: Vec<Vec<u32>>,
    ctx: Vec<SentCtx>,
    gold: Vec<Vec<u8>>,
    /// See [`TrainDoc::no_misc`].
    no_misc: bool,
}

/// Interned word features shared by all documents.
#[derive(Default)]
struct Vocab {
    ids: StrMap<u32>,
    props: Vec<Vec<(u8, u64)>>,
}

fn prepare(
    doc: &TrainDoc,
    lex: &Lexicon,
    gaz: &Gazetteer,
    vocab: &mut Vocab,
    mask: Option<(u64, u32)>,
) -> Prepared {
    let mut words = Vec::new();
    let mut ctx = Vec::new();
    for s in &doc.sents {
        let mut ids = Vec::with_capacity(s.len());
        let mut info = Vec::with_capacity(s.len());
        for w in s {
            let mut p = Vec::new();
            let mut inf = word_props(w, lex, gaz, &mut p);
            let masked = mask.is_some_and(|(key, pct)| {
                inf.casing != casing::LOWER
                    && inf.casing != casing::NONE
                    && mix(key ^ inf.lower) % 100 < pct as u64
            });
            let vkey = if masked {
                mask_as_unseen(&mut p, &mut inf);
                format!("\u{1}{w}")
            } else {
                w.clone()
            };
            let id = match vocab.ids.get(vkey.as_str()) {
                Some(&id) => id,
                None => {
                    let id = vocab.props.len() as u32;
                    vocab.props.push(Vec::new());
                    vocab.ids.insert(vkey, id);
                    id
                }
            };
            info.push(inf);
            vocab.props[id as usize] = p;
            ids.push(id);
        }
        let c = SentCtx::new(info, gaz);
        words.push(ids);
        ctx.push(c);
    }
    doc_evidence(&mut ctx);
    Prepared { words, ctx, gold: doc.tags.clone(), no_misc: doc.no_misc }
}

/// Feature numbering for one stage.
#[derive(Default)]
struct Dict {
    index: KeyMap<u32>,
    keys: Vec<u64>,
    counts: Vec<u32>,
}

impl Dict {
    fn id(&mut self, k: u64) -> u32 {
        let n = self.keys.len() as u32;
        let id = *self.index.entry(k).or_insert(n);
        if id == n {
            self.keys.push(k);
            self.counts.push(0);
        }
        self.counts[id as usize] += 1;
        id
    }
}

/// Feature ids of every token of a set of documents (flattened).
struct Featurized {
    /// Per document, per sentence: (token feature offsets, ids).
    docs: Vec<Vec<(Vec<u32>, Vec<u32>)>>,
}

fn featurize(
    docs: &[Prepared],
    vocab: &Vocab,
    s2: Option<&[Vec<Vec<Stage2Tok>>]>,
    dict: &mut Dict,
    grow: bool,
) -> Featurized {
    let mut keys = Vec::new();
    let mut out = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let mut sents = Vec::with_capacity(doc.ctx.len());
        for (s, c) in doc.ctx.iter().enumerate() {
            let props: Vec<Vec<(u8, u64)>> =
                doc.words[s].iter().map(|&id| vocab.props[id as usize].clone()).collect();
            let mut offs = vec![0u32];
            let mut ids = Vec::new();
            for i in 0..c.info.len() {
                token_keys(&props, c, i, s2.map(|x| &x[d][s][i]), &mut keys);
                for &k in &keys {
                    if grow {
                        ids.push(dict.id(k));
                    } else if let Some(&id) = dict.index.get(&k) {
                        ids.push(id);
                    }
                }
                offs.push(ids.len() as u32);
            }
            sents.push((offs, ids));
        }
        out.push(sents);
    }
    Featurized { docs: out }
}

/// An averaged perceptron's weights.
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f32>,
    trans: Vec<f32>,
    trans_u: Vec<f32>,
    start: Vec<f32>,
    start_u: Vec<f32>,
    end: Vec<f32>,
    end_u: Vec<f32>,
    c: f32,
    /// Features allowed to carry weight (min-count filter).
    active: Vec<bool>,
}

impl Perceptron {
    fn new(n: usize, active: Vec<bool>) -> Self {
        Perceptron {
            w: vec![0.0; n * NT],
            u: vec![0.0; n * NT],
            trans: vec![0.0; NT * NT],
            trans_u: vec![0.0; NT * NT],
            start: vec![0.0; NT],
            start_u: vec![0.0; NT],
            end: vec![0.0; NT],
            end_u: vec![0.0; NT],
            c: 1.0,
            active,
        }
    }

    fn emissions(w: &[f32], offs: &[u32], ids: &[u32], em: &mut Vec<[f32; NT]>) {
        em.clear();
        for t in 0..offs.len() - 1 {
            let mut acc = [0f32; NT];
            for &f in &ids[offs[t] as usize..offs[t + 1] as usize] {
                let row = &w[f as usize * NT..f as usize * NT + NT];
                for (a, x) in acc.iter_mut().zip(row) {
                    *a += *x;
                }
            }
            em.push(acc);
        }
    }

    fn decode(&self, offs: &[u32], ids: &[u32], em: &mut Vec<[f32; NT]>, out: &mut Vec<u8>) {
        Self::emissions(&self.w, offs, ids, em);
        viterbi_raw(em, &self.trans, &self.start, &self.end, out);
    }

    fn bump(w: &mut [f32], u: &mut [f32], i: usize, d: f32, c: f32) {
        w[i] += d;
        u[i] += c * d;
    }

    fn update(&mut self, offs: &[u32], ids: &[u32], gold: &[u8], pred: &[u8]) {
        let c = self.c;
        let n = gold.len();
        for t in 0..n {
            if gold[t] != pred[t] {
                for &f in &ids[offs[t] as usize..offs[t + 1] as usize] {
                    if !self.active[f as usize] {
                        continue;
                    }
                    let base = f as usize * NT;
                    Self::bump(&mut self.w, &mut self.u, base + gold[t] as usize, 1.0, c);
                    Self::bump(&mut self.w, &mut self.u, base + pred[t] as usize, -1.0, c);
                }
            }
            if t == 0 {
                if gold[0] != pred[0] {
                    Self::bump(&mut self.start, &mut self.start_u, gold[0] as usize, 1.0, c);
                    Self::bump(&mut self.start, &mut self.start_u, pred[0] as usize, -1.0, c);
                }
            } else if (gold[t - 1], gold[t]) != (pred[t - 1], pred[t]) {
                let g = gold[t - 1] as usize * NT + gold[t] as usize;
                let p = pred[t - 1] as usize * NT + pred[t] as usize;
                Self::bump(&mut self.trans, &mut self.trans_u, g, 1.0, c);
                Self::bump(&mut self.trans, &mut self.trans_u, p, -1.0, c);
            }
        }
        if n > 0 && gold[n - 1] != pred[n - 1] {
            Self::bump(&mut self.end, &mut self.end_u, gold[n - 1] as usize, 1.0, c);
            Self::bump(&mut self.end, &mut self.end_u, pred[n - 1] as usize, -1.0, c);
        }
    }

    fn averaged(&self) -> Perceptron {
        let avg =
            |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / self.c).collect() };
        Perceptron {
            w: avg(&self.w, &self.u),
            u: Vec::new(),
            trans: avg(&self.trans, &self.trans_u),
            trans_u: Vec::new(),
            start: avg(&self.start, &self.start_u),
            start_u: Vec::new(),
            end: avg(&self.end, &self.end_u),
            end_u: Vec::new(),
            c: self.c,
            active: Vec::new(),
        }
    }

    fn to_stage(&self, dict: &Dict) -> StageWeights {
        let mut rows = KeyMap::default();
        let mut w = Vec::new();
        for (i, &k) in dict.keys.iter().enumerate() {
            let row = &self.w[i * NT..i * NT + NT];
            if row.iter().any(|&x| x != 0.0) {
                rows.insert(k, rows.len() as u32);
                w.extend_from_slice(row);
            }
        }
        let mut st = StageWeights {
            rows,
            w,
            trans: self.trans.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            ..Default::default()
        };
        st.index();
        st
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains on the documents numbered `which` for `epochs`; calls `each`
/// after every epoch with the averaged weights.
fn run_epochs(
    feats: &Featurized,
    gold: &[&Prepared],
    which: &[usize],
    n_feats: usize,
    active: Vec<bool>,
    cfg: &TrainConfig,
    mut each: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut p = Perceptron::new(n_feats, active);
    let mut rng = Rng(cfg.seed | 1);
    let mut order = which.to_vec();
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut partial = Vec::new();
    for e in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            for (s, (offs, ids)) in feats.docs[d].iter().enumerate() {
                let mut g = &gold[d].gold[s];
                if g.is_empty() {
                    continue;
                }
                p.decode(offs, ids, &mut em, &mut pred);
                if gold[d].no_misc {
                    accept_misc(g, &pred, &mut partial);
                    g = &partial;
                }
                if pred != *g {
                    p.update(offs, ids, g, &pred);
                }
                p.c += 1.0;
            }
        }
        each(e, &p);
    }
    p.averaged()
}

/// The gold tags of a sentence annotated without MISC, with every MISC name
/// of `pred` that lies wholly on gold `O` tokens taken as gold: the
/// annotation cannot say it is wrong.
fn accept_misc(gold: &[u8], pred: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(gold);
    for c in super::tags::bilou_chunks(pred) {
        if c.ty == 3 && gold[c.start..c.end].iter().all(|&t| t == 0) {
            out[c.start..c.end].copy_from_slice(&pred[c.start..c.end]);
        }
    }
}

/// Words a title-case headline may leave in lower case (AP style).
const SMALL_WORDS: [&str; 18] = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "the",
    "to", "with",
];

/// Longest sentence (in tokens) that [`case_copy`] rewrites: headlines are
/// short, and long sentences in title case or capitals, which no one
/// writes, would teach the tagger more about odd writing than about names.
const HEADLINE_MAX: usize = 15;

/// A copy of `doc` with some sentences of headline length in capitals
/// (`upper` percent) and some in title case (`title` percent), chosen by a
/// hash of `key` and the sentence number; half of the title-case sentences
/// keep small words in lower case. Tags are unchanged.
fn case_copy(doc: &TrainDoc, key: u64, (upper, title): (u32, u32)) -> TrainDoc {
    let mut out = doc.clone();
    for (i, s) in out.sents.iter_mut().enumerate() {
        let h = super::hash::key2(0xCA5E, key, i as u64);
        if s.len() > HEADLINE_MAX {
            continue;
        }
        let r = (h % 100) as u32;
        if r < upper {
            for w in s.iter_mut() {
                *w = w.to_uppercase();
            }
        } else if r < upper + title {
            let ap = (h >> 32) & 1 == 1;
            for (j, w) in s.iter_mut().enumerate() {
                if ap && j > 0 && SMALL_WORDS.contains(&w.as_str()) {
                    continue;
                }
                let mut cs = w.chars();
                if let Some(c) = cs.next().filter(|c| c.is_lowercase()) {
                    *w = c.to_uppercase().chain(cs).collect();
                }
            }
        }
    }
    out
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
mod tests {
    use super::*;
    use crate::ner::tags::{chunks_to_bilou, Chunk};

    fn doc(text: &str, names: &[(usize, usize, usize)]) -> TrainDoc {
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
        let m1 = train(&tiny(), &[], Lexicon::default(), Gazetteer::default(), &cfg, &mut |_| {});
        let m2 = train(&tiny(), &[], Lexicon::default(), Gazetteer::default(), &cfg, &mut |_| {});
        assert_eq!(m1.to_bytes(0.0), m2.to_bytes(0.0));
    }

    #[test]
    fn misc_found_where_the_annotation_has_no_misc_is_not_an_error() {
        use crate::ner::tags::{tag, Pos};
        let misc = tag(Pos::U, 3);
        let per = tag(Pos::U, 0);
        let mut out = Vec::new();
        // Gold (no MISC type): `the argentinian team met Messi`.
        let gold = [0, 0, 0, 0, per];
        accept_misc(&gold, &[0, misc, 0, 0, per], &mut out);
        assert_eq!(out, [0, misc, 0, 0, per]);
        // A MISC guess over a gold name stays an error, and so does a miss.
        accept_misc(&gold, &[0, 0, 0, 0, misc], &mut out);
        assert_eq!(out, gold);
        let two = [tag(Pos::B, 3), tag(Pos::L, 3)];
        accept_misc(&[0, per], &two, &mut out);
        assert_eq!(out, [0, per]);
    }

    #[test]
    fn case_copies_change_the_writing_not_the_tags() {
        let mut d = doc("Peter Blackburn visited Paris on Monday .", &[(0, 2, 0), (3, 4, 2)]);
        for _ in 0..40 {
            d.sents.push(d.sents[0].clone());
            d.tags.push(d.tags[0].clone());
        }
        let c = case_copy(&d, 7, (20, 40));
        assert_eq!(c.tags, d.tags);
        assert_eq!(case_copy(&d, 7, (20, 40)).sents, c.sents, "deterministic");
        let upper = c.sents.iter().filter(|s| s[2] == "VISITED").count();
        let title = c.sents.iter().filter(|s| s[2] == "Visited").count();
        let plain = c.sents.iter().filter(|s| s[2] == "visited").count();
        assert!(upper > 0 && title > 0 && plain > 0, "{upper} {title} {plain}");
        assert_eq!(upper + title + plain, c.sents.len());
        assert!(c.sents.iter().all(|s| s[0].to_lowercase() == "peter"));
        assert_eq!(case_copy(&d, 7, (0, 0)).sents, d.sents);
        // Sentences longer than a headline stay as they are.
        let long = doc(&["the talks went on"; 5].join(" "), &[]);
        assert_eq!(case_copy(&long, 7, (50, 50)).sents, long.sents);
    }
}
