//! Features of the training documents, computed once: each word's
//! features are interned per word type ([`Vocab`]), each sentence's
//! context once ([`Prepared`]), and every feature key numbered in order of
//! first appearance ([`Dict`]) so that training is deterministic.

use super::TrainDoc;
use crate::ner::features::{
    casing, doc_evidence, mask_as_unseen, token_keys, word_props, SentCtx, Stage2Tok,
};
use crate::ner::hash::{mix, KeyMap, StrMap};
use crate::ner::lexicon::{Gazetteer, Lexicon};

/// A document with its features computed once.
pub(super) struct Prepared {
    /// Word features per sentence and token.
    pub(super) words: Vec<Vec<u32>>,
    pub(super) ctx: Vec<SentCtx>,
    pub(super) gold: Vec<Vec<u8>>,
    /// See [`TrainDoc::no_misc`].
    pub(super) no_misc: bool,
}

/// Interned word features shared by all documents.
#[derive(Default)]
pub(super) struct Vocab {
    pub(super) ids: StrMap<u32>,
    pub(super) props: Vec<Vec<(u8, u64)>>,
}

pub(super) fn prepare(
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
pub(super) struct Dict {
    pub(super) index: KeyMap<u32>,
    pub(super) keys: Vec<u64>,
    pub(super) counts: Vec<u32>,
}

impl Dict {
    pub(super) fn id(&mut self, k: u64) -> u32 {
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
pub(super) struct Featurized {
    /// Per document, per sentence: (token feature offsets, ids).
    pub(super) docs: Vec<Vec<(Vec<u32>, Vec<u32>)>>,
}

pub(super) fn featurize(
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
