//! The NER model: weights, file format, and the fast tagger.
//!
//! A model is two stages of a linear-chain tagger over BILOU tags. Stage
//! one sees the token, its window and the document; stage two sees the
//! same plus stage one's labels of the same word across the document, so
//! that a name keeps one label throughout and a surname inherits the type
//! of the full name it abbreviates. Each stage is decoded with Viterbi
//! under BILOU constraints.
//!
//! The file format (little-endian), version [`FORMAT_VERSION`]:
//! magic `DOSSIER-NER\0`, `u32` version, the lexicon as text (a `u32`
//! length, then UTF-8), the gazetteer (`u32` count, then `u8` category, `u16` length,
//! UTF-8 entry), `u8` stage count, then per stage: `f32` scale, start,
//! end and transition scores as `f32`, `u32` row count, the row keys as
//! sorted `u64`s, and per row `u8` count of (`u8` tag, `i16` weight) pairs;
//! a weight is `i16 × scale`. Everything is written in sorted order, so the
//! same model gives the same bytes.
//!
//! [`Tagger`] caches, per word type, the summed weights of its word features
//! at each window offset, so tagging a token costs a few vector additions, a
//! handful of hash look-ups for context features and a Viterbi step.

use super::features::{
    boundary_key, context_keys, doc_evidence, headline_dependent, offset_key, stage2_evidence, word_props,
    SentCtx, Stage2Tok, TokInfo, NT, OFFSETS, WINDOW,
};
use super::hash::{KeyMap, StrMap};
use super::lexicon::{Gazetteer, Lexicon, GAZ_CATEGORIES};
use super::tags::{allowed, allowed_end};
use std::fmt;

/// Version of the model file format this build reads and writes. It also
/// names the feature set the weights belong to: version 2 added the
/// headline (title case, capitals) and role-word features, so a version-1
/// file, whose keys mean other features, is refused rather than misread;
/// version 3 added the demonym gazetteer category and the cues by what is
/// known of a word (demonym, place, seen, never seen) next to role words
/// and after lower-case words; version 4 added the company category and
/// the GeoNames place categories (by population) to the gazetteer, with
/// their features.
pub const FORMAT_VERSION: u32 = 4;

const MAGIC: &[u8; 12] = b"DOSSIER-NER\0";

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// Not a dossier NER model.
    BadMagic,
    /// Written by another format version.
    Version(u32),
    /// Cut short or inconsistent, at this byte offset.
    Corrupt(usize),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a dossier NER model"),
            ModelError::Version(v) => {
                write!(f, "NER model format version {v}, this build reads version {FORMAT_VERSION}")
            }
            ModelError::Corrupt(at) => write!(f, "NER model file corrupt at byte {at}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Weights of one stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct StageWeights {
    /// Feature key → row.
    pub rows: KeyMap<u32>,
    /// Row-major weights, `NT` per row.
    pub w: Vec<f32>,
    /// Transition scores `trans[a * NT + b]` from tag `a` to tag `b`.
    pub trans: Vec<f32>,
    /// Scores of the first tag of a sentence.
    pub start: Vec<f32>,
    /// Scores of the last tag of a sentence.
    pub end: Vec<f32>,
    /// A one-hash bit filter over the row keys: most looked-up keys have no
    /// row, and the filter (small enough for the cache) says so without
    /// touching the table.
    pub filter: Vec<u64>,
    /// Open-addressing table of (key, 16-bit weights) for tagging: one
    /// cache line per hit instead of a map probe plus a row fetch.
    pub fast: Vec<Slot>,
    /// Scale of the 16-bit weights in `fast`.
    pub fast_scale: f32,
}

/// A slot of the tagging table; key 0 marks an empty slot.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C, align(16))]
pub(crate) struct Slot {
    key: u64,
    w: [i16; NT],
}

/// Bits of the key filter (2^21 bits = 256 KiB).
const FILTER_BITS: u32 = 21;

impl StageWeights {
    /// Builds the key filter and the tagging table; call after the rows change.
    pub(crate) fn index(&mut self) {
        self.filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for &k in self.rows.keys() {
            let b = (k >> (64 - FILTER_BITS)) as usize;
            self.filter[b >> 6] |= 1 << (b & 63);
        }
        let max = self.w.iter().fold(0f32, |m, w| m.max(w.abs()));
        self.fast_scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let cap = (self.rows.len() * 2).next_power_of_two().max(16);
        self.fast = vec![Slot::default(); cap];
        let mut keys: Vec<(&u64, &u32)> = self.rows.iter().collect();
        keys.sort();
        for (&k, &r) in keys {
            if k == 0 {
                continue;
            }
            let mut i = k as usize & (cap - 1);
            while self.fast[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            let row = &self.w[r as usize * NT..r as usize * NT + NT];
            let mut w = [0i16; NT];
            for (q, x) in w.iter_mut().zip(row) {
                *q = (x / self.fast_scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            self.fast[i] = Slot { key: k, w };
        }
    }

    /// Whether the filter lets `key` through (always, without a table).
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        if self.fast.is_empty() {
            return true;
        }
        let b = (key >> (64 - FILTER_BITS)) as usize;
        self.filter[b >> 6] & (1 << (b & 63)) != 0
    }

    #[inline]
    fn add(&self, key: u64, acc: &mut [f32; NT]) {
        if self.may_have(key) {
            self.add_unfiltered(key, acc);
        }
    }

    #[inline]
    fn add_unfiltered(&self, key: u64, acc: &mut [f32; NT]) {
        if self.fast.is_empty() {
            if let Some(&r) = self.rows.get(&key) {
                let row = &self.w[r as usize * NT..r as usize * NT + NT];
                for (a, w) in acc.iter_mut().zip(row) {
                    *a += *w;
                }
            }
            return;
        }
        let mask = self.fast.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let s = &self.fast[i];
            if s.key == key {
                for (a, &q) in acc.iter_mut().zip(&s.w) {
                    *a += q as f32 * self.fast_scale;
                }
                return;
            }
            if s.key == 0 {
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A trained NER model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerModel {
    pub(crate) lex: Lexicon,
    pub(crate) gaz: Gazetteer,
    pub(crate) stages: Vec<StageWeights>,
}

static EMBEDDED: &[u8] = include_bytes!("../../models/ner.bin");

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end =
            self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or(ModelError::Corrupt(self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().map_err(|_| ModelError::Corrupt(self.at))?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| ModelError::Corrupt(self.at))?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| ModelError::Corrupt(self.at))?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn str(&mut self, n: usize) -> Result<&'a str, ModelError> {
        let at = self.at;
        std::str::from_utf8(self.take(n)?).map_err(|_| ModelError::Corrupt(at))
    }
}

impl NerModel {
    /// The model built into the binary.
    pub fn embedded() -> Result<NerModel, ModelError> {
        NerModel::from_bytes(EMBEDDED)
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(MAGIC.len()).map_err(|_| ModelError::BadMagic)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let v = r.u32()?;
        if v != FORMAT_VERSION {
            return Err(ModelError::Version(v));
        }
        let n = r.u32()? as usize;
        let at = r.at;
        let lex = Lexicon::from_text(r.str(n)?).map_err(|_| ModelError::Corrupt(at))?;
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let cat = r.u8()?;
            let len = r.u16()? as usize;
            if cat as usize >= GAZ_CATEGORIES.len() {
                return Err(ModelError::Corrupt(r.at));
            }
            entries.push((cat, r.str(len)?.to_string()));
        }
        let gaz = Gazetteer::from_entries(entries);
        let ns = r.u8()? as usize;
        let mut stages = Vec::with_capacity(ns);
        for _ in 0..ns {
            let scale = r.f32()?;
            let mut vecs = [Vec::new(), Vec::new(), Vec::new()];
            for (v, len) in vecs.iter_mut().zip([NT, NT, NT * NT]) {
                for _ in 0..len {
                    v.push(r.f32()?);
                }
            }
            let [start, end, trans] = vecs;
            let rows_n = r.u32()? as usize;
            if rows_n > bytes.len() / 9 {
                return Err(ModelError::Corrupt(r.at));
            }
            let mut rows = KeyMap::default();
            rows.reserve(rows_n);
            for i in 0..rows_n {
                rows.insert(r.u64()?, i as u32);
            }
            let mut w = vec![0f32; rows_n * NT];
            for i in 0..rows_n {
                let k = r.u8()? as usize;
                for _ in 0..k {
                    let tag = r.u8()? as usize;
                    let q = r.u16()? as i16;
                    if tag >= NT {
                        return Err(ModelError::Corrupt(r.at));
                    }
                    w[i * NT + tag] = q as f32 * scale;
                }
            }
            let mut st = StageWeights { rows, w, trans, start, end, ..Default::default() };
            st.index();
            stages.push(st);
        }
        if stages.is_empty() || r.at != bytes.len() {
            return Err(ModelError::Corrupt(r.at));
        }
        Ok(NerModel { lex, gaz, stages })
    }

    /// Writes the model file; weights are quantised to 16 bits and weights
    /// below `prune` (absolute) are dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let lex = self.lex.to_text();
        out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        out.extend_from_slice(lex.as_bytes());
        out.extend_from_slice(&(self.gaz.list.len() as u32).to_le_bytes());
        for (cat, e) in &self.gaz.list {
            out.push(*cat);
            out.extend_from_slice(&(e.len() as u16).to_le_bytes());
            out.extend_from_slice(e.as_bytes());
        }
        out.push(self.stages.len() as u8);
        for st in &self.stages {
            let max = st.w.iter().fold(0f32, |m, w| m.max(w.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            out.extend_from_slice(&scale.to_le_bytes());
            for v in [&st.start, &st.end, &st.trans] {
                for x in v.iter() {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
            let mut keyed: Vec<(u64, Vec<(u8, i16)>)> = st
                .rows
                .iter()
                .map(|(&k, &r)| {
                    let row = &st.w[r as usize * NT..r as usize * NT + NT];
                    let nz = row
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| w.abs() >= prune)
                        .map(|(t, w)| (t as u8, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                        .filter(|&(_, q)| q != 0)
                        .collect::<Vec<_>>();
                    (k, nz)
                })
                .filter(|(_, nz)| !nz.is_empty())
                .collect();
            keyed.sort_by_key(|(k, _)| *k);
            out.extend_from_slice(&(keyed.len() as u32).to_le_bytes());
            for (k, _) in &keyed {
                out.extend_from_slice(&k.to_le_bytes());
            }
            for (_, nz) in &keyed {
                out.push(nz.len() as u8);
                for &(t, q) in nz {
                    out.push(t);
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
        }
        out
    }

    /// Number of weight rows per stage.
    pub fn rows(&self) -> Vec<usize> {
        self.stages.iter().map(|s| s.rows.len()).collect()
    }

    /// A tagger over this model (holds a per-word cache; make one per thread).
    pub fn tagger(&self) -> Tagger<'_> {
        Tagger::new(self)
    }
}

/// Joins a country name of the gazetteer that holds a connective
/// (`Bosnia and Herzegovina`, `Trinidad and Tobago`) when the tagger took
/// its first and last words for places and left the words between outside
/// any name: two places joined by `and` would not be in the country list.
pub(crate) fn join_listed_places(gaz: &[u64], tags: &mut [u8]) {
    use super::tags::{tag, Pos};
    const LOC: usize = 2;
    // BILOU bits of the `country` (Phoenix) and `geo-country` categories.
    let cats = [0u64, super::lexicon::GEO_FIRST as u64];
    let bit = |i: usize, pos: u64| cats.iter().any(|&c| gaz[i] & (1 << (c * 4 + pos)) != 0);
    let mut i = 0;
    while i < tags.len() {
        if !bit(i, 0) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tags.len() && bit(j, 1) {
            j += 1;
        }
        let whole = j < tags.len() && bit(j, 2) && j >= i + 2;
        if whole
            && tags[i] == tag(Pos::U, LOC)
            && tags[j] == tag(Pos::U, LOC)
            && tags[i + 1..j].iter().all(|&t| t == 0)
        {
            tags[i] = tag(Pos::B, LOC);
            for t in &mut tags[i + 1..j] {
                *t = tag(Pos::I, LOC);
            }
            tags[j] = tag(Pos::L, LOC);
        }
        i = j;
    }
}

/// Viterbi decoding under BILOU constraints.
#[cfg(test)]
pub(crate) fn viterbi(em: &[[f32; NT]], st: &StageWeights, out: &mut Vec<u8>) {
    viterbi_raw(em, &st.trans, &st.start, &st.end, out)
}

/// Viterbi decoding with transition, start and end scores given apart.
#[cfg(any(test, feature = "train"))]
pub(crate) fn viterbi_raw(em: &[[f32; NT]], trans: &[f32], start: &[f32], end: &[f32], out: &mut Vec<u8>) {
    let mut back = Vec::new();
    viterbi_buf(em, trans, start, end, &mut back, out)
}

/// Viterbi decoding with a reusable buffer of path scores. Only
/// transitions that BILOU allows count (97 of the 289 pairs).
///
/// The forward pass keeps the best path score per position and tag only,
/// computed densely (disallowed transitions score −10³⁰) so that it runs
/// branch-free on vectors; the backward pass then finds, along the one
/// best path, the predecessor that produced each score, by the same
/// comparison in the same order, so the result is exactly that of a pass
/// with back-pointers.
pub(crate) fn viterbi_buf(
    em: &[[f32; NT]],
    trans: &[f32],
    start: &[f32],
    end: &[f32],
    alpha: &mut Vec<[f32; NT]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = em.len();
    if n == 0 || trans.len() < NT * NT || start.len() < NT || end.len() < NT {
        return;
    }
    const NEG: f32 = -1e30;
    let mut tm = [[NEG; NT]; NT];
    for (a, row) in tm.iter_mut().enumerate() {
        for (b, x) in row.iter_mut().enumerate() {
            if ALLOWED[a][b] {
                *x = trans[a * NT + b];
            }
        }
    }
    alpha.clear();
    alpha.resize(n, [NEG; NT]);
    for (b, s) in alpha[0].iter_mut().enumerate() {
        if allowed(None, b as u8) {
            *s = start[b] + em[0][b];
        }
    }
    for i in 1..n {
        let prev = alpha[i - 1];
        let mut next = [NEG; NT];
        for (s, row) in prev.iter().zip(&tm) {
            for (x, t) in next.iter_mut().zip(row) {
                // A compare-and-select (not `f32::max`, whose NaN rule
                // costs extra instructions): scores are never NaN.
                let v = s + t;
                *x = if v > *x { v } else { *x };
            }
        }
        for (x, e) in next.iter_mut().zip(&em[i]) {
            *x += e;
        }
        alpha[i] = next;
    }
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for (a, &s) in alpha[n - 1].iter().enumerate() {
        if allowed_end(a as u8) && s + end[a] > best {
            best = s + end[a];
            arg = a as u8;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        let b = out[i] as usize;
        let (preds, len) = &PREDS[b];
        let mut best = NEG;
        let mut arg = preds[0];
        for &a in &preds[..*len] {
            let s = alpha[i - 1][a as usize] + trans[a as usize * NT + b];
            if s > best {
                best = s;
                arg = a;
            }
        }
        out[i - 1] = arg;
    }
}

/// Whether BILOU allows tag `b` after tag `a`.
const ALLOWED: [[bool; NT]; NT] = {
    let mut m = [[false; NT]; NT];
    let mut a = 0;
    while a < NT {
        let mut b = 0;
        while b < NT {
            m[a][b] = allowed_const(a as u8, b as u8);
            b += 1;
        }
        a += 1;
    }
    m
};

/// For each tag, the tags allowed before it (and how many).
const PREDS: [([u8; NT], usize); NT] = {
    let mut p = [([0u8; NT], 0usize); NT];
    let mut b = 0;
    while b < NT {
        let mut a = 0;
        while a < NT {
            if allowed_const(a as u8, b as u8) {
                p[b].0[p[b].1] = a as u8;
                p[b].1 += 1;
            }
            a += 1;
        }
        b += 1;
    }
    p
};

const fn allowed_const(a: u8, b: u8) -> bool {
    // Mirrors `tags::allowed` for a known previous tag.
    let a_open = a != 0 && ((a - 1) % 4 == 0 || (a - 1) % 4 == 1);
    let b_cont = b != 0 && ((b - 1) % 4 == 1 || (b - 1) % 4 == 2);
    if a_open {
        b_cont && (a - 1) / 4 == (b - 1) / 4
    } else {
        !b_cont
    }
}

/// A slot of the small-feature cache: a key (0 = empty) and its weights.
#[derive(Clone, Copy)]
struct SmallSlot {
    key: u64,
    w: [f32; NT],
}

/// Slots of the small-feature cache per stage (direct-mapped: a key has one
/// slot, chosen by its top bits, and a newcomer evicts the occupant).
const SMALL_BITS: u32 = 12;

/// Tags documents with a [`NerModel`], caching per-word scores.
pub struct Tagger<'m> {
    model: &'m NerModel,
    ids: StrMap<u32>,
    /// Per cached word: what the context features need.
    infos: Vec<TokInfo>,
    /// Per stage, sentence kind (0 running text, 1 headline) , cached word
    /// and window offset: the summed weights of its word features, flat
    /// (`id * OFFSETS + offset`) so that a token's scores are one indexed
    /// load per offset, and a pass touches only its own table.
    offs: Vec<[Vec<[f32; NT]>; 2]>,
    /// Boundary scores per stage and offset.
    boundary: Vec<[f32; NT]>,
    props: Vec<(u8, u64)>,
    /// Per stage: weights of small-domain context features, filled lazily.
    small: Vec<Vec<SmallSlot>>,
    /// Path scores of the Viterbi pass.
    back: Vec<[f32; NT]>,
    /// Large-domain feature keys of a sentence, with their token.
    big: Vec<(u64, u32)>,
}

/// Words kept in the cache before it is emptied.
const CACHE_LIMIT: usize = 50_000;

impl<'m> Tagger<'m> {
    fn new(model: &'m NerModel) -> Self {
        let mut boundary = vec![[0f32; NT]; model.stages.len() * OFFSETS];
        for (s, st) in model.stages.iter().enumerate() {
            for k in -WINDOW..=WINDOW {
                st.add(boundary_key(k), &mut boundary[s * OFFSETS + (k + WINDOW) as usize]);
            }
        }
        Tagger {
            model,
            ids: StrMap::default(),
            infos: Vec::new(),
            offs: vec![[Vec::new(), Vec::new()]; model.stages.len()],
            boundary,
            props: Vec::new(),
            small: vec![vec![SmallSlot { key: 0, w: [0.0; NT] }; 1 << SMALL_BITS]; model.stages.len()],
            back: Vec::new(),
            big: Vec::new(),
        }
    }

    fn word_id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let m = self.model;
        let info = word_props(w, &m.lex, &m.gaz, &mut self.props);
        for (st, [plain, head]) in m.stages.iter().zip(&mut self.offs) {
            for k in -WINDOW..=WINDOW {
                // Features shared by both kinds of sentence are summed once.
                let mut shared = [0f32; NT];
                let (mut a, mut b) = ([0f32; NT], [0f32; NT]);
                for &(cl, p) in &self.props {
                    if headline_dependent(cl) {
                        if let Some(key) = offset_key(cl, p, k, false) {
                            st.add(key, &mut a);
                        }
                        if let Some(key) = offset_key(cl, p, k, true) {
                            st.add(key, &mut b);
                        }
                    } else if let Some(key) = offset_key(cl, p, k, false) {
                        st.add(key, &mut shared);
                    }
                }
                for (x, s) in a.iter_mut().zip(&shared) {
                    *x += s;
                }
                for (x, s) in b.iter_mut().zip(&shared) {
                    *x += s;
                }
                plain.push(a);
                head.push(b);
            }
        }
        let id = self.infos.len() as u32;
        self.infos.push(info);
        self.ids.insert(w.to_string(), id);
        id
    }

    /// Tags one document given as sentences of tokens; returns BILOU tag
    /// indices (see [`super::tags`]) per token. A name keeps one label
    /// throughout the document (see [`super::consistency`]).
    pub fn tag_bilou<S: AsRef<str>>(&mut self, doc: &[Vec<S>]) -> Vec<Vec<u8>> {
        let mut tags = self.decode_bilou(doc);
        super::consistency::harmonise(doc, &mut tags);
        super::acronyms::acronyms_take_their_definition(doc, &mut tags);
        tags
    }

    /// Whether the gazetteer lists `word` alone as a country, a city or a
    /// region (Phoenix or GeoNames), towns aside.
    pub(crate) fn is_listed_place(&self, word: &str) -> bool {
        let h = super::hash::hash_str(super::lexicon::UPPER_SEED, &word.to_uppercase());
        self.model.gaz.lists_place(h)
    }

    /// The model's decoding of a document, sentence by sentence, before
    /// labels are made consistent across it.
    pub(crate) fn decode_bilou<S: AsRef<str>>(&mut self, doc: &[Vec<S>]) -> Vec<Vec<u8>> {
        if self.model.stages.is_empty() {
            return doc.iter().map(|s| vec![0; s.len()]).collect();
        }
        if self.infos.len() > CACHE_LIMIT {
            self.ids.clear();
            self.infos.clear();
            self.offs.iter_mut().flatten().for_each(Vec::clear);
        }
        let ids: Vec<Vec<u32>> =
            doc.iter().map(|s| s.iter().map(|w| self.word_id(w.as_ref())).collect()).collect();
        let mut ctx: Vec<SentCtx> = ids
            .iter()
            .map(|s| {
                let info: Vec<TokInfo> = s.iter().map(|&id| self.infos[id as usize]).collect();
                SentCtx::new(info, &self.model.gaz)
            })
            .collect();
        doc_evidence(&mut ctx);
        let mut tags: Vec<Vec<u8>> = Vec::with_capacity(doc.len());
        let mut em: Vec<[f32; NT]> = Vec::new();
        let mut back = std::mem::take(&mut self.back);
        for (s, c) in ids.iter().zip(&ctx) {
            self.emissions(0, s, c, None, &mut em);
            let mut t = Vec::new();
            let st = &self.model.stages[0];
            viterbi_buf(&em, &st.trans, &st.start, &st.end, &mut back, &mut t);
            tags.push(t);
        }
        for stage in 1..self.model.stages.len() {
            let s2 = stage2_evidence(&ctx, &tags);
            for ((s, c), (t, x)) in ids.iter().zip(&ctx).zip(tags.iter_mut().zip(&s2)) {
                self.emissions(stage, s, c, Some(x), &mut em);
                let st = &self.model.stages[stage];
                viterbi_buf(&em, &st.trans, &st.start, &st.end, &mut back, t);
            }
        }
        self.back = back;
        for ((c, t), words) in ctx.iter().zip(tags.iter_mut()).zip(doc) {
            join_listed_places(&c.gaz, t);
            super::rules::apply(words, c, &self.model.lex, &self.model.gaz, t);
        }
        tags
    }

    fn emissions(
        &mut self,
        stage: usize,
        ids: &[u32],
        c: &SentCtx,
        s2: Option<&[Stage2Tok]>,
        em: &mut Vec<[f32; NT]>,
    ) {
        em.clear();
        let n = ids.len();
        let st = &self.model.stages[stage];
        let small = &mut self.small[stage];
        let offs = &self.offs[stage][(c.caps || c.title) as usize];
        let word = |j: usize, k: usize| &offs[ids[j] as usize * OFFSETS + k];
        let bound = &self.boundary[stage * OFFSETS..stage * OFFSETS + OFFSETS];
        let w = WINDOW as usize;
        for i in 0..n {
            let mut acc = [0f32; NT];
            for (k, b) in bound.iter().enumerate() {
                // Token i + k − WINDOW, or the boundary beyond the sentence.
                let v = if i + k < w || i + k - w >= n { b } else { word(i + k - w, k) };
                for (a, x) in acc.iter_mut().zip(v) {
                    *a += *x;
                }
            }
            let big = &mut self.big;
            context_keys(c, i, s2.map(|x| &x[i]), &mut |key, is_small| {
                if !is_small {
                    big.push((key, i as u32));
                    return;
                }
                let slot = &mut small[(key >> (64 - SMALL_BITS)) as usize];
                if slot.key != key || key == 0 {
                    let mut w = [0f32; NT];
                    st.add(key, &mut w);
                    *slot = SmallSlot { key, w };
                }
                for (a, x) in acc.iter_mut().zip(&slot.w) {
                    *a += *x;
                }
            });
            em.push(acc);
        }
        // Large-domain features are looked up in batches: first the filter
        // for all of them, then the table for the survivors, so that the
        // processor overlaps the cache misses instead of taking them one by one.
        let big = &mut self.big;
        let mut kept = 0;
        for j in 0..big.len() {
            let (key, i) = big[j];
            big[kept] = (key, i);
            kept += st.may_have(key) as usize;
        }
        for &(key, i) in &big[..kept] {
            st.add_unfiltered(key, &mut em[i as usize]);
        }
        big.clear();
    }
}

/// Emission scores by the plain path (every feature looked up), used to
/// check the cached path and by training.
#[cfg(test)]
pub(crate) fn plain_emissions(
    st: &StageWeights,
    words: &[Vec<(u8, u64)>],
    c: &SentCtx,
    s2: Option<&[Stage2Tok]>,
) -> Vec<[f32; NT]> {
    use super::features::token_keys;
    let mut keys = Vec::new();
    (0..words.len())
        .map(|i| {
            token_keys(words, c, i, s2.map(|x| &x[i]), &mut keys);
            let mut acc = [0f32; NT];
            for &k in &keys {
                st.add(k, &mut acc);
            }
            acc
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_countries_with_a_connective_are_joined() {
        use super::super::tags::{tag, Pos};
        let (b, i, l) = (1u64 << 32, 1u64 << 33, 1u64 << 34);
        let loc = |p| tag(p, 2);
        // `Bosnia and Herzegovina will`: a geo-country match over three words.
        let mut t = vec![loc(Pos::U), 0, loc(Pos::U), 0];
        join_listed_places(&[b, i, l, 0], &mut t);
        assert_eq!(t, vec![loc(Pos::B), loc(Pos::I), loc(Pos::L), 0]);
        // Not when a word between is in a name, or an end is not a place.
        let mut t = vec![loc(Pos::U), tag(Pos::U, 3), loc(Pos::U)];
        join_listed_places(&[b, i, l], &mut t);
        assert_eq!(t, vec![loc(Pos::U), tag(Pos::U, 3), loc(Pos::U)]);
        let mut t = vec![loc(Pos::U), 0, tag(Pos::U, 1)];
        join_listed_places(&[b, i, l], &mut t);
        assert_eq!(t, vec![loc(Pos::U), 0, tag(Pos::U, 1)]);
        // A match cut short by the sentence end does nothing.
        let mut t = vec![loc(Pos::U), 0];
        join_listed_places(&[b, i], &mut t);
        assert_eq!(t, vec![loc(Pos::U), 0]);
    }
    use crate::ner::features::token_keys;
    use crate::ner::hash::mix;

    /// A model whose weights are pseudo-random over the features of `docs`.
    #[allow(clippy::needless_range_loop)]
    fn random_model(docs: &[Vec<Vec<&str>>]) -> NerModel {
        let gaz = Gazetteer::from_entries([(0, "KOSOVO".to_string()), (1, "ROZA OTUNBAEVA".to_string())]);
        let mut m = NerModel { lex: Lexicon::default(), gaz, stages: vec![] };
        for s in 0..2u64 {
            let mut st = StageWeights {
                trans: (0..NT * NT).map(|i| (mix(i as u64 + s) % 7) as f32 - 3.0).collect(),
                start: vec![0.5; NT],
                end: vec![-0.5; NT],
                ..Default::default()
            };
            let mut keys = Vec::new();
            for doc in docs {
                let (words, ctx) = plain_ctx(&m, doc);
                let tags: Vec<Vec<u8>> = doc.iter().map(|s| vec![0; s.len()]).collect();
                let s2 = stage2_evidence(&ctx, &tags);
                for (si, c) in ctx.iter().enumerate() {
                    for i in 0..c.info.len() {
                        token_keys(&words[si], c, i, Some(&s2[si][i]), &mut keys);
                        for &k in &keys {
                            let n = st.rows.len() as u32;
                            if let std::collections::hash_map::Entry::Vacant(e) = st.rows.entry(k) {
                                e.insert(n);
                                st.w.extend(
                                    (0..NT).map(|t| ((mix(k ^ t as u64) % 1000) as f32 - 500.0) / 100.0),
                                );
                            }
                        }
                    }
                }
            }
            m.stages.push(st);
        }
        m
    }

    type Props = Vec<Vec<Vec<(u8, u64)>>>;

    fn plain_ctx(m: &NerModel, doc: &[Vec<&str>]) -> (Props, Vec<SentCtx>) {
        let mut words = Vec::new();
        let mut ctx = Vec::new();
        for s in doc {
            let mut ws = Vec::new();
            let mut info = Vec::new();
            for w in s {
                let mut p = Vec::new();
                info.push(word_props(w, &m.lex, &m.gaz, &mut p));
                ws.push(p);
            }
            let c = SentCtx::new(info, &m.gaz);
            words.push(ws);
            ctx.push(c);
        }
        doc_evidence(&mut ctx);
        (words, ctx)
    }

    #[test]
    fn cached_path_scores_like_plain_path() {
        let doc: Vec<Vec<&str>> = vec![
            "KOSOVO TALKS STALL".split(' ').collect(),
            "Roza Otunbaeva met Kosovo 's envoy in Osh .".split(' ').collect(),
            "Otunbaeva said .".split(' ').collect(),
        ];
        let m = random_model(std::slice::from_ref(&doc));
        let mut tg = m.tagger();
        let got = tg.decode_bilou(&doc);
        // Recompute both stages by the plain path.
        let (words, ctx) = plain_ctx(&m, &doc);
        let mut tags = Vec::new();
        for (w, c) in words.iter().zip(&ctx) {
            let em = plain_emissions(&m.stages[0], w, c, None);
            let mut t = Vec::new();
            viterbi(&em, &m.stages[0], &mut t);
            tags.push(t);
        }
        let s2 = stage2_evidence(&ctx, &tags);
        for (si, (w, c)) in words.iter().zip(&ctx).enumerate() {
            let em = plain_emissions(&m.stages[1], w, c, Some(&s2[si]));
            let ids: Vec<u32> = doc[si].iter().map(|x| tg.ids[*x]).collect();
            let mut fast = Vec::new();
            tg.emissions(1, &ids, c, Some(&s2[si]), &mut fast);
            for (a, b) in em.iter().zip(&fast) {
                for t in 0..NT {
                    assert!((a[t] - b[t]).abs() < 1e-3, "{} vs {}", a[t], b[t]);
                }
            }
            let mut t = Vec::new();
            viterbi(&em, &m.stages[1], &mut t);
            assert_eq!(t, got[si]);
        }
    }

    #[test]
    fn file_round_trip_and_errors() {
        let doc: Vec<Vec<&str>> = vec!["Roza Otunbaeva met Vučić .".split(' ').collect()];
        let m = random_model(std::slice::from_ref(&doc));
        let bytes = m.to_bytes(0.0);
        let back = NerModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(0.0), bytes);
        assert_eq!(back.gaz.len(), 2);
        assert_eq!(NerModel::from_bytes(b"nope"), Err(ModelError::BadMagic));
        let mut v2 = bytes.clone();
        v2[12] = 9;
        assert_eq!(NerModel::from_bytes(&v2), Err(ModelError::Version(9)));
        for cut in [13, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(matches!(NerModel::from_bytes(&bytes[..cut]), Err(ModelError::Corrupt(_))));
        }
    }

    /// Textbook Viterbi with back-pointers, over allowed transitions only.
    #[allow(clippy::needless_range_loop)]
    fn reference_viterbi(em: &[[f32; NT]], st: &StageWeights) -> Vec<u8> {
        let n = em.len();
        let mut score: Vec<f32> =
            (0..NT).map(|b| if allowed(None, b as u8) { st.start[b] + em[0][b] } else { -1e30 }).collect();
        let mut back = vec![[0u8; NT]; n];
        for i in 1..n {
            let mut next = vec![-1e30f32; NT];
            for b in 0..NT {
                let mut best = -1e30f32;
                for a in 0..NT {
                    let s = score[a] + st.trans[a * NT + b];
                    if allowed(Some(a as u8), b as u8) && s > best {
                        best = s;
                        back[i][b] = a as u8;
                    }
                }
                next[b] = best + em[i][b];
            }
            score = next;
        }
        let mut last = 0;
        let mut best = f32::NEG_INFINITY;
        for a in 0..NT {
            if allowed_end(a as u8) && score[a] + st.end[a] > best {
                best = score[a] + st.end[a];
                last = a as u8;
            }
        }
        let mut out = vec![last; n];
        for i in (1..n).rev() {
            out[i - 1] = back[i][out[i] as usize];
        }
        out
    }

    #[test]
    fn fast_viterbi_decodes_like_the_textbook_one() {
        let mut r = 7u64;
        let mut rnd = || {
            r = mix(r.wrapping_add(1));
            ((r % 2000) as f32 - 1000.0) / 100.0
        };
        for n in [1usize, 2, 3, 7, 30] {
            for _ in 0..50 {
                let st = StageWeights {
                    trans: (0..NT * NT).map(|_| rnd()).collect(),
                    start: (0..NT).map(|_| rnd()).collect(),
                    end: (0..NT).map(|_| rnd()).collect(),
                    ..Default::default()
                };
                let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| rnd())).collect();
                let mut out = Vec::new();
                viterbi(&em, &st, &mut out);
                assert_eq!(out, reference_viterbi(&em, &st));
            }
        }
    }

    #[test]
    fn viterbi_respects_constraints() {
        let st = StageWeights {
            trans: vec![0.0; NT * NT],
            start: vec![0.0; NT],
            end: vec![0.0; NT],
            ..Default::default()
        };
        // Emissions favour I-PER everywhere, which may never start a name.
        let mut em = vec![[0f32; NT]; 3];
        for e in &mut em {
            e[2] = 5.0;
        }
        let mut out = Vec::new();
        viterbi(&em, &st, &mut out);
        let mut prev = None;
        for &t in &out {
            assert!(allowed(prev, t));
            prev = Some(t);
        }
        assert!(allowed_end(out[2]));
        viterbi(&[], &st, &mut out);
        assert!(out.is_empty());
    }
}
