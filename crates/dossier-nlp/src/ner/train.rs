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
//! Also here: the gazetteer reader for the Phoenix dictionaries and the
//! word-cluster builder for unlabelled text. Both take contents, not paths.

use super::eval::Scores;
use super::features::{
    casing, doc_evidence, mask_as_unseen, stage2_evidence, token_keys, word_props, SentCtx, Stage2Tok, NT,
};
use super::hash::{mix, KeyMap, StrMap};
use super::lexicon::{Gazetteer, Lexicon, CLUSTER_LEVELS, GAZ_MAX_LEN};
use super::model::{viterbi_raw, NerModel, StageWeights};
use super::tags::bilou_to_iob2;

/// A training or evaluation document.
#[derive(Debug, Clone, Default)]
pub struct TrainDoc {
    /// Sentences of tokens.
    pub sents: Vec<Vec<String>>,
    /// Gold BILOU tags per token.
    pub tags: Vec<Vec<u8>>,
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
            word_dropout: 6,
        }
    }
}

/// A document with its features computed once.
struct Prepared {
    /// Word features per sentence and token.
    words: Vec<Vec<u32>>,
    ctx: Vec<SentCtx>,
    gold: Vec<Vec<u8>>,
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
    Prepared { words, ctx, gold: doc.tags.clone() }
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
    for e in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            for (s, (offs, ids)) in feats.docs[d].iter().enumerate() {
                let g = &gold[d].gold[s];
                if g.is_empty() {
                    continue;
                }
                p.decode(offs, ids, &mut em, &mut pred);
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

/// Reads the Phoenix actor and agent dictionaries into a gazetteer. Each
/// file is given by name (its category follows from it) and contents.
pub fn phoenix_gazetteer<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Gazetteer {
    let mut entries: Vec<(u8, String)> = Vec::new();
    for (name, text) in files {
        let kind = if name.contains("Countries") {
            0
        } else if name.contains("International") {
            3
        } else if name.contains("MilNonState") {
            4
        } else if name.contains("agents") {
            5
        } else {
            continue;
        };
        let mut block: Vec<String> = Vec::new();
        let mut country = false;
        let mut person = false;
        let mut listed_person = false;
        let mut flush = |block: &mut Vec<String>, country: bool, person: bool| {
            let cat = match kind {
                0 if country => 0,
                0 if person => 1,
                0 => 2,
                k => k,
            };
            let demonyms = if cat == 0 { demonyms_of(block) } else { Vec::new() };
            for (i, e) in block.drain(..).enumerate() {
                entries.push((if demonyms.contains(&i) { 6 } else { cat }, e));
            }
        };
        for line in expand_macros(text) {
            let line = line.as_str();
            let (body, comment) = match line.find('#') {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            };
            if body.trim().is_empty() || body.contains('!') {
                continue;
            }
            let starts_entry = !line.starts_with(char::is_whitespace) && !body.trim_start().starts_with('[');
            let is_alias = body.starts_with('+');
            if starts_entry && !is_alias {
                flush(&mut block, country, person);
                country = false;
                person = comment.contains("CountryInfo");
                listed_person = person;
            }
            let name_part = body.trim_start_matches('+');
            let name_part = name_part.split('[').next().unwrap_or("");
            for code in body.split('[').skip(1) {
                let code = code.split(']').next().unwrap_or("").trim();
                let head = code.split_whitespace().next().unwrap_or("");
                // A bare three-letter code is a country, dated or not
                // (`[KGZ >911221]`: Kyrgyzstan since independence); a dated
                // longer code is a person's role (`[KGZGOV 100407-111201]`).
                let bare = head.len() == 3 && head.chars().all(|c| c.is_ascii_uppercase());
                if bare && !listed_person {
                    country = true;
                }
                if !bare
                    && code.split_whitespace().nth(1).is_some_and(|d| d.chars().any(|c| c.is_ascii_digit()))
                {
                    person = true;
                }
            }
            if let Some(e) = normalise_entry(name_part) {
                block.push(e);
            }
        }
        flush(&mut block, country, person);
    }
    Gazetteer::from_entries(entries)
}

/// Endings that make a demonym of a country name's stem (`ALBANIA-N`,
/// `CHIN-ESE`, `IRAQ-I`, `POL-ISH`).
const DEMONYM_ENDINGS: [&str; 8] = ["N", "AN", "IAN", "EAN", "ESE", "I", "ISH", "IC"];

/// Indices of the entries of a Phoenix country block that are demonyms:
/// one-word entries formed from another one-word entry of the block by
/// dropping at most three final letters (keeping at least three) and adding
/// a demonym ending (`RUSSIAN` from `RUSSIA`, `LEBANESE` from `LEBANON`), or
/// that name the country when `STAN`/`ISTAN` is added (`KYRGYZ`, `UZBEK`).
/// Phoenix lists demonyms as aliases of the country; news (and CoNLL)
/// labels a country LOC but its demonym MISC, so the tagger needs them apart.
fn demonyms_of(block: &[String]) -> Vec<usize> {
    let words: Vec<&str> = block.iter().map(String::as_str).filter(|e| !e.contains(' ')).collect();
    let derived = |a: &str, stem: &str| {
        if a == stem || !a.is_ascii() || !stem.is_ascii() {
            return false;
        }
        if stem.len() > a.len() && (stem == format!("{a}STAN") || stem == format!("{a}ISTAN")) {
            return true;
        }
        (0..=3usize).any(|k| {
            stem.len() >= k + 3
                && a.starts_with(&stem[..stem.len() - k])
                && DEMONYM_ENDINGS.contains(&&a[stem.len() - k..])
        })
    };
    block
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.contains(' ') && words.iter().any(|s| derived(e, s)))
        .map(|(i, _)| i)
        .collect()
}

/// The lines of a Phoenix file with its word macros expanded: a line
/// `!PERSON! = MAN, MEN, WOMAN` defines `!PERSON!`, and `SPOKES!PERSON!`
/// then stands for `SPOKESMAN`, `SPOKESMEN`, `SPOKESWOMAN`. Definition
/// lines are dropped; lines with an unknown macro are kept as they are
/// (and skipped by the reader).
fn expand_macros(text: &str) -> Vec<String> {
    let mut macros: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("");
        if let Some((name, alts)) = body.split_once('=') {
            let name = name.trim();
            if name.len() > 2 && name.starts_with('!') && name.ends_with('!') {
                let alts: Vec<&str> = alts.split(',').map(str::trim).filter(|a| !a.is_empty()).collect();
                macros.push((name, alts));
            }
        }
    }
    let mut out = Vec::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("");
        if body.trim_start().starts_with('!') && body.contains('=') {
            continue;
        }
        let mut lines = vec![line.to_string()];
        for (name, alts) in &macros {
            if !lines[0].contains(name) {
                continue;
            }
            lines = lines
                .iter()
                .flat_map(|l| alts.iter().map(move |a| l.replacen(name, a, 1)))
                .take(64)
                .collect();
        }
        out.extend(lines);
    }
    out
}

fn normalise_entry(raw: &str) -> Option<String> {
    let toks: Vec<String> = raw
        .split(['_', ' ', '\t'])
        .filter(|t| !t.is_empty() && !t.starts_with('(') && !t.starts_with('~') && !t.starts_with('{'))
        .map(|t| t.to_uppercase())
        .collect();
    (!toks.is_empty() && toks.len() <= GAZ_MAX_LEN).then(|| toks.join(" "))
}

/// Settings of the word-cluster builder.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// Number of context words (the most frequent lower-cased words).
    pub contexts: usize,
    /// Context words looked at on each side.
    pub window: usize,
    /// Dimensions of the projected vectors.
    pub dims: usize,
    /// Clusters at each granularity (coarse to fine).
    pub k: [usize; CLUSTER_LEVELS],
    /// k-means iterations.
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            contexts: 1000,
            window: 2,
            dims: 128,
            k: [64, 256, 1024],
            iterations: 12,
        }
    }
}

/// Builds the word lexicon from unlabelled sentences: capitalisation counts
/// of every lower-cased word, and clusters of words by their neighbours
/// (positive PMI of the context words up to `window` places left and
/// right, each side and distance apart, projected to `dims`
/// dimensions with a fixed random projection, grouped with spherical
/// k-means at each granularity, seeded with the most frequent words).
pub fn build_lexicon(sentences: &[Vec<String>], cfg: &ClusterConfig, log: &mut dyn FnMut(&str)) -> Lexicon {
    let mut lex = Lexicon::default();
    let mut freq: StrMap<u32> = StrMap::default();
    let mut lfreq: StrMap<u32> = StrMap::default();
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            *freq.entry(w.clone()).or_default() += 1;
            let lower = w.to_lowercase();
            *lfreq.entry(lower.clone()).or_default() += 1;
            if i > 0 && w.chars().any(char::is_alphabetic) {
                let caps_run = s.iter().filter(|t| t.chars().any(char::is_lowercase)).count() * 2 < s.len();
                if caps_run {
                    continue;
                }
                let e = lex.case_counts.entry(lower).or_default();
                e.0 += 1;
                if w.chars().next().is_some_and(char::is_uppercase) {
                    e.1 += 1;
                }
            }
        }
    }
    lex.case_counts.retain(|_, e| e.0 >= 2);
    // Context vocabulary: most frequent lower-cased words (ties by string).
    let mut lf: Vec<(&String, &u32)> = lfreq.iter().collect();
    lf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let ctx_ids: StrMap<u32> =
        lf.iter().take(cfg.contexts).enumerate().map(|(i, (w, _))| ((*w).clone(), i as u32)).collect();
    let nctx = ctx_ids.len() + 1;
    let mut words: Vec<(&String, &u32)> = freq.iter().filter(|(_, &c)| c >= cfg.min_count).collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let wid: StrMap<u32> = words.iter().enumerate().map(|(i, (w, _))| ((*w).clone(), i as u32)).collect();
    log(&format!("{} words to cluster, {} context words", words.len(), nctx - 1));
    // Co-occurrence counts: word × (side, context).
    let mut co: Vec<KeyMap<f32>> = vec![KeyMap::default(); words.len()];
    let cid = |w: Option<&String>| -> u64 {
        match w {
            None => nctx as u64,
            Some(w) => ctx_ids.get(&w.to_lowercase()).map(|&i| i as u64).unwrap_or(nctx as u64 - 1),
        }
    };
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&id) = wid.get(w) else { continue };
            for d in 1..=cfg.window {
                let l = cid(if i >= d { s.get(i - d) } else { None });
                let r = cid(s.get(i + d));
                let slot = 2 * (d as u64 - 1) * 4096;
                *co[id as usize].entry(l + slot).or_default() += 1.0;
                *co[id as usize].entry(r + slot + 4096).or_default() += 1.0;
            }
        }
    }
    // PPMI weights.
    let mut col: KeyMap<f64> = KeyMap::default();
    let mut total = 0f64;
    for row in &co {
        for (&c, &v) in row {
            *col.entry(c).or_default() += v as f64;
            total += v as f64;
        }
    }
    let dims = cfg.dims;
    let mut vecs = vec![0f32; words.len() * dims];
    for (i, row) in co.iter().enumerate() {
        let rs: f64 = row.values().map(|&v| v as f64).sum();
        let mut cols: Vec<(&u64, &f32)> = row.iter().collect();
        cols.sort_by_key(|(c, _)| **c);
        let v = &mut vecs[i * dims..(i + 1) * dims];
        for (&c, &x) in cols {
            let pmi = ((x as f64 * total) / (rs * col[&c])).ln();
            if pmi <= 0.0 {
                continue;
            }
            // Fixed random projection: ±1 per (context, dim) from the hash.
            for (d, vd) in v.iter_mut().enumerate() {
                let h = super::hash::key2(0xC1, c, d as u64);
                *vd += if h & 1 == 0 { pmi as f32 } else { -(pmi as f32) };
            }
        }
        normalise(v);
    }
    let mut ids = vec![[0u16; CLUSTER_LEVELS]; words.len()];
    for (lvl, &k) in cfg.k.iter().enumerate() {
        let k = k.min(words.len()).max(1);
        let assign = kmeans(&vecs, dims, k, cfg.iterations);
        for (i, a) in assign.iter().enumerate() {
            ids[i][lvl] = *a as u16;
        }
        log(&format!("k-means with {k} clusters done"));
    }
    for (i, (w, _)) in words.iter().enumerate() {
        lex.clusters.insert((*w).clone(), ids[i]);
    }
    lex
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v {
            *x /= n;
        }
    }
}

fn kmeans(vecs: &[f32], dims: usize, k: usize, iters: usize) -> Vec<usize> {
    let n = vecs.len() / dims;
    // Seeds: the k most frequent words (rows are sorted by frequency).
    let mut cent: Vec<f32> = vecs[..k * dims].to_vec();
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        for (i, a) in assign.iter_mut().enumerate() {
            let v = &vecs[i * dims..(i + 1) * dims];
            let mut best = f32::MIN;
            for c in 0..k {
                let cv = &cent[c * dims..(c + 1) * dims];
                let s: f32 = v.iter().zip(cv).map(|(a, b)| a * b).sum();
                if s > best {
                    best = s;
                    *a = c;
                }
            }
        }
        cent.iter_mut().for_each(|x| *x = 0.0);
        for (i, &a) in assign.iter().enumerate() {
            for d in 0..dims {
                cent[a * dims + d] += vecs[i * dims + d];
            }
        }
        for c in 0..k {
            normalise(&mut cent[c * dims..(c + 1) * dims]);
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tags::{chunks_to_bilou, Chunk};

    fn doc(text: &str, names: &[(usize, usize, usize)]) -> TrainDoc {
        let s: Vec<String> = text.split(' ').map(String::from).collect();
        let chunks: Vec<Chunk> = names.iter().map(|&(start, end, ty)| Chunk { start, end, ty }).collect();
        TrainDoc { tags: vec![chunks_to_bilou(&chunks, s.len())], sents: vec![s] }
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

    #[test]
    fn phoenix_categories() {
        let countries = "# c\nKYRGYZSTAN_\n+OSH\n+KYRGYZ_\n\t[USRKGZ <910831]\n\t[KGZ >911221]\n\nROZA_OTUNBAYEVA_  # CountryInfo.txt\n+ROZA_OTUNBAEVA_\n\t[KGZGOV 100407-111201]\nKYRGYZ_ARMY\n\t[KGZMIL]\n";
        let intl = "ORGANIZATION_FOR_SECURITY_AND_COOPERATION_IN_EUROPE_ [IGOEUROSC]\n+OSCE\n";
        let agents = "!PERSON! = MAN, MEN\nMAYOR [GOV]\nSPOKES!PERSON! [~MED]\nX!UNKNOWN! [~AGR]\n";
        let g = phoenix_gazetteer([
            ("Phoenix.Countries.actors.txt", countries),
            ("Phoenix.International.actors.txt", intl),
            ("Phoenix.agents.txt", agents),
        ]);
        let has = |cat: u8, e: &str| g.list.contains(&(cat, e.to_string()));
        assert!(has(0, "KYRGYZSTAN") && has(0, "OSH") && has(6, "KYRGYZ") && !has(0, "KYRGYZ"));
        assert!(has(1, "ROZA OTUNBAEVA") && has(1, "ROZA OTUNBAYEVA"));
        assert!(has(2, "KYRGYZ ARMY"));
        assert!(has(3, "OSCE") && has(3, "ORGANIZATION FOR SECURITY AND COOPERATION IN EUROPE"));
        assert!(has(5, "MAYOR") && has(5, "SPOKESMAN") && has(5, "SPOKESMEN"));
        assert_eq!(g.len(), 11);
    }

    #[test]
    fn demonyms_are_told_from_places() {
        let block = |es: &[&str]| es.iter().map(|e| e.to_string()).collect::<Vec<_>>();
        let names = |es: &[&str]| {
            let b = block(es);
            demonyms_of(&b).into_iter().map(|i| b[i].clone()).collect::<Vec<_>>()
        };
        assert_eq!(names(&["ALBANIA", "ALBANIAN", "TIRANA"]), ["ALBANIAN"]);
        assert_eq!(names(&["LEBANON", "LEBANESE", "BEIRUT"]), ["LEBANESE"]);
        assert_eq!(names(&["UZBEKISTAN", "UZBEK", "TASHKENT"]), ["UZBEK"]);
        assert_eq!(names(&["RUSSIAN FEDERATION", "RUSSIAN", "RUSSIA", "MOSCOW"]), ["RUSSIAN"]);
        // A capital that merely ends like a demonym is a place.
        assert!(names(&["IRAN", "TEHRAN", "PERSIA"]).is_empty());
        assert!(names(&["KYRGYZSTAN", "KYRGYZTAN", "OSH", "BISHKEK"]).is_empty());
        assert!(names(&["ČR", "Č"]).is_empty(), "non-ASCII entries do not panic");
    }

    #[test]
    fn clusters_group_words_used_alike() {
        let mut sents = Vec::new();
        for (a, b) in [("Monday", "Paris"), ("Tuesday", "London"), ("Friday", "Berlin")] {
            for _ in 0..5 {
                sents.push(format!("he left on {a} for {b} .").split(' ').map(String::from).collect());
                sents.push(format!("she came on {a} from {b} .").split(' ').map(String::from).collect());
            }
        }
        let cfg = ClusterConfig { k: [2, 2, 2], contexts: 20, dims: 16, ..Default::default() };
        let lex = build_lexicon(&sents, &cfg, &mut |_| {});
        let c = |w: &str| lex.clusters[w][0];
        assert_eq!(c("Monday"), c("Friday"));
        assert_eq!(c("Paris"), c("Berlin"));
        assert_ne!(c("Monday"), c("Paris"));
        assert_eq!(lex.case_counts["paris"], (10, 10));
    }
}
