//! Feature extraction for the NER tagger.
//!
//! Features come in two kinds. *Word features* depend on one word only
//! (its form, lower case, shape, affixes, clusters, capitalisation ratio,
//! gazetteer memberships) and are applied at offsets −2..=2 around the
//! token; because they depend on the word alone, the tagger caches their
//! summed weights per word type, which is what makes tagging fast.
//! *Context features* depend on the neighbourhood: word bigrams, shape
//! trigrams, sentence position, headlines in capitals or title case,
//! gazetteer matches over several tokens, role words (`mayor`, `envoy`)
//! next to a capitalised word, document-level evidence (the same word
//! written in lower case or capitalised elsewhere in the document) and, in
//! the second stage, the first stage's labels of the same word across the
//! document (news names its actors in full first, then by surname).
//!
//! In headlines capitalisation says little, so there the features that
//! look at it (exact form, shapes, case) are features of their own, apart
//! from running text's; what a word is (lower case, clusters, affixes,
//! gazetteers) is shared.
//!
//! Training and tagging call the same functions, so the features cannot
//! drift apart; a unit test in `model.rs` checks that the cached path
//! scores exactly as the plain one.

use super::hash::{hash_str, key1, key2, key3, mix, KeyMap};
use super::lexicon::{Gazetteer, Lexicon, GEO_FIRST, UPPER_SEED};

/// Token-role bits of a one-word GeoNames country, large city or city
/// (categories 8, 10, 11, role 0).
const GEO_STRONG_SINGLE: u64 = 1 << (GEO_FIRST as u64 * 4) | 1 << (10 * 4) | 1 << (11 * 4);
use super::tags::{split, NUM_TAGS};

/// Word-feature classes (bit numbers in the offset masks).
mod class {
    pub const W: u8 = 0;
    pub const L: u8 = 1;
    pub const SH: u8 = 2;
    pub const SS: u8 = 3;
    pub const P1: u8 = 4;
    pub const S1: u8 = 8;
    pub const S3: u8 = 10;
    pub const C0: u8 = 12;
    pub const C1: u8 = 13;
    pub const C2: u8 = 14;
    pub const CASE: u8 = 15;
    pub const GAZ: u8 = 16;
    pub const FOLD: u8 = 17;
}

/// Which word-feature classes apply at offset `k` (−2..=2).
const fn offset_mask(k: i32) -> u32 {
    use class::*;
    match k {
        0 => u32::MAX,
        -1 | 1 => {
            1 << W
                | 1 << L
                | 1 << FOLD
                | 1 << SH
                | 1 << SS
                | 1 << S3
                | 1 << C1
                | 1 << C2
                | 1 << CASE
                | 1 << GAZ
        }
        _ => 1 << L | 1 << SS | 1 << C1 | 1 << C0,
    }
}

/// The window of word features.
pub(crate) const WINDOW: i32 = 2;
/// Number of offsets in the window.
pub(crate) const OFFSETS: usize = (2 * WINDOW + 1) as usize;

/// Casing of a token.
pub(crate) mod casing {
    /// No upper-case letter (or no letter at all).
    pub const LOWER: u8 = 0;
    /// First letter upper case, some lower case after it.
    pub const TITLE: u8 = 1;
    /// Letters, none lower case (`NATO`, `MOSCOW`, `U.S.`).
    pub const CAPS: u8 = 2;
    /// Upper case somewhere else (`iPhone`, `McCain` counts as title).
    pub const MIXED: u8 = 3;
    /// No letter.
    pub const NONE: u8 = 4;
}

/// What the context features need to know about a token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TokInfo {
    /// Hash of the lower-cased form.
    pub lower: u64,
    /// Hash of the upper-cased form (gazetteer matching).
    pub upper: u64,
    /// Hash of the short shape.
    pub ss: u64,
    /// One of [`casing`].
    pub casing: u8,
    /// Whether a gazetteer entry starts with this word.
    pub gaz_start: bool,
    /// Whether the word is a role or title in the knowledge base's agent
    /// list (`mayor`, `envoy`, `spokesman`): a cue that the capitalised
    /// word before it names a place or group and the one after it a person.
    pub role: bool,
    /// What the tagger knows of the word, one of [`kind`]: context cues
    /// (a role word after it, a preposition before it) mean something else
    /// for a demonym (`Kyrgyz president`) than for a word never seen
    /// (`Osh mayor`, `in Osh`).
    pub kind: u8,
}

/// What the tagger knows of a word (see [`TokInfo::kind`]).
pub(crate) mod kind {
    /// No cluster and no one-word gazetteer entry: a word never seen.
    pub const UNKNOWN: u8 = 0;
    /// A word with a cluster, in no one-word country or demonym entry.
    pub const KNOWN: u8 = 1;
    /// A one-word demonym entry (`Kyrgyz`, `Albanian`).
    pub const DEMONYM: u8 = 2;
    /// A one-word country entry (countries, their cities and regions).
    pub const PLACE: u8 = 3;
}

fn shape(word: &str, max_run: usize) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if m == last {
            run += 1;
            if run >= max_run {
                continue;
            }
        } else {
            run = 0;
            last = m;
        }
        out.push(m);
    }
    out
}

/// Folds a Latin letter with a diacritic to its base letter (lower case).
pub(crate) fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'Ç' | 'Ć' | 'Č' => 'C',
        'Đ' | 'Ď' => 'D',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => 'E',
        'Í' | 'Î' | 'Ï' => 'I',
        'Ł' => 'L',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
        'Ř' => 'R',
        'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'Ť' | 'Ț' => 'T',
        'Ú' | 'Û' | 'Ü' | 'Ů' => 'U',
        'Ý' => 'Y',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        _ => c,
    }
}

fn casing_of(word: &str) -> u8 {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first_upper = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            if letters == 0 {
                first_upper = c.is_uppercase();
            }
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    if letters == 0 {
        casing::NONE
    } else if upper == 0 {
        casing::LOWER
    } else if lower == 0 {
        casing::CAPS
    } else if first_upper {
        casing::TITLE
    } else {
        casing::MIXED
    }
}

/// Computes the word features of `word` (class, key) into `out` and
/// returns its [`TokInfo`].
pub(crate) fn word_props(word: &str, lex: &Lexicon, gaz: &Gazetteer, out: &mut Vec<(u8, u64)>) -> TokInfo {
    out.clear();
    let lower = word.to_lowercase();
    let upper = word.to_uppercase();
    let short = shape(word, 1);
    let info = TokInfo {
        lower: hash_str(0x4c, &lower),
        upper: hash_str(UPPER_SEED, &upper),
        ss: hash_str(0x5353, &short),
        casing: casing_of(word),
        gaz_start: false,
        role: false,
        kind: kind::UNKNOWN,
    };
    let roles = gaz.token_roles.get(&info.upper).copied().unwrap_or(0);
    let info = TokInfo {
        gaz_start: gaz.first.contains_key(&info.upper),
        role: roles & super::lexicon::AGENT_ROLE_BITS != 0,
        ..info
    };
    let c = |cl: u8| 0x1000 + cl as u64;
    out.push((class::W, hash_str(c(class::W), word)));
    out.push((class::L, info.lower));
    out.push((class::SH, hash_str(c(class::SH), &shape(word, 4))));
    out.push((class::SS, info.ss));
    // Affixes of the ASCII-folded form: news spells one name with and
    // without diacritics (`Vučić`, `Vucic`), so `-ic` is evidence either way.
    let folded: String = lower.chars().map(fold).collect();
    if folded != lower {
        out.push((class::FOLD, hash_str(c(class::L), &folded)));
    }
    // Affixes are slices of `folded` (no allocation per affix): the byte
    // offsets of its first five character boundaries and last five.
    let nchars = folded.chars().count();
    let bound = |i: usize| folded.char_indices().nth(i).map_or(folded.len(), |(b, _)| b);
    for n in 1..=4usize {
        if nchars > n {
            let p = &folded[..bound(n)];
            let s = &folded[bound(nchars - n)..];
            out.push((class::P1 + n as u8 - 1, hash_str(c(class::P1 + n as u8 - 1), p)));
            out.push((class::S1 + n as u8 - 1, hash_str(c(class::S1 + n as u8 - 1), s)));
        }
    }
    let folded_word: String = word.chars().map(fold).collect();
    // Headlines and datelines write in capitals words that the cluster
    // builder saw in running text: fall back to the word as running text
    // would write it (`MOSCOW` → `Moscow`, `BLOCK` → `block`). A capitalised
    // word keeps no cluster when unknown: in running text it is most often
    // a name, whatever its lower-case twin means.
    let found = lex.clusters.get(word).or_else(|| lex.clusters.get(folded_word.as_str())).or_else(|| {
        (info.casing == casing::CAPS).then_some(()).and_then(|_| {
            let mut cs = lower.chars();
            let cap: String = cs.next().into_iter().flat_map(char::to_uppercase).chain(cs).collect();
            lex.clusters.get(cap.as_str()).or_else(|| lex.clusters.get(lower.as_str()))
        })
    });
    let bucket = lex.case_bucket(&lower) as u64;
    // A one-word GeoNames city or country counts as a place when the
    // lexicon saw the word mostly capitalised, too rarely to say, or never
    // (`Osh`), not when it is mostly a common word (`Police`, `Mobile`).
    let geo_place = roles & GEO_STRONG_SINGLE != 0 && (bucket >= 3);
    let kind = if roles & super::lexicon::DEMONYM_BITS != 0 {
        kind::DEMONYM
    } else if roles & 1 != 0 || geo_place {
        kind::PLACE
    } else if found.is_some() {
        kind::KNOWN
    } else {
        kind::UNKNOWN
    };
    let info = TokInfo { kind, ..info };
    match found {
        Some(ids) => {
            for (lvl, &id) in ids.iter().enumerate() {
                out.push((class::C0 + lvl as u8, key1(c(class::C0 + lvl as u8), id as u64)));
            }
        }
        None => {
            for lvl in 0..3u8 {
                out.push((class::C0 + lvl, key1(c(class::C0 + lvl), 0xFFFF_FFFF)));
            }
        }
    }
    out.push((class::CASE, key2(c(class::CASE), bucket, info.casing as u64)));
    if roles != 0 {
        for bit in 0..64u64 {
            if roles & (1 << bit) != 0 {
                out.push((class::GAZ, key1(c(class::GAZ), bit)));
                // A place name that is also a common word (`Police`,
                // `Mobile`, `Split`) is weak evidence; one seen capitalised
                // or never seen, strong: GeoNames memberships by how the
                // lexicon saw the word written.
                if bit >= GEO_FIRST as u64 * 4 {
                    out.push((class::GAZ, key2(c(class::GAZ) + 0x100, bit, bucket)));
                }
            }
        }
    }
    info
}

/// Turns the word features and info of a known word into those of a word
/// never seen (training only, see `TrainConfig::word_dropout`): its exact
/// form, lower case and clusters go, its capitalisation counts read as
/// unseen and its lower-case hash is renamed, so that word-specific
/// bigrams and document evidence do not recognise it either; affixes,
/// shape and gazetteer memberships stay, as they would for a new word.
#[cfg(any(test, feature = "train"))]
pub(crate) fn mask_as_unseen(props: &mut Vec<(u8, u64)>, info: &mut TokInfo) {
    use class::*;
    let c = |cl: u8| 0x1000 + cl as u64;
    props.retain(|&(cl, _)| !matches!(cl, W | L | FOLD | C0 | C1 | C2 | CASE));
    for lvl in 0..3u8 {
        props.push((C0 + lvl, key1(c(C0 + lvl), 0xFFFF_FFFF)));
    }
    props.push((CASE, key2(c(CASE), 7, info.casing as u64)));
    info.lower = mix(info.lower ^ 0x0D0D_0D0D);
    if info.kind == kind::KNOWN {
        info.kind = kind::UNKNOWN;
    }
}

/// The key of word feature `prop` of class `cl` seen at offset `k` in a
/// sentence of running text (`headline` false) or in a headline or
/// dateline in capitals or title case (`headline` true), or `None` when
/// the class does not apply there.
///
/// The exact form, shape and capitalisation of a word are features of
/// their own in headlines: there `Programme` or `BLOCK` (shape `Xx`, `X`)
/// is mostly a common noun, in running text a capitalised `Programme` is
/// mostly part of a name, and one weight for both would blur the
/// running-text evidence. The other word features (lower case, clusters,
/// affixes, gazetteers) are shared by both: they carry what a word is,
/// whatever its writing.
#[inline]
pub(crate) fn offset_key(cl: u8, prop: u64, k: i32, headline: bool) -> Option<u64> {
    let prop = if headline && headline_dependent(cl) { mix(prop ^ 0x4EAD_11DE) } else { prop };
    (offset_mask(k) & (1 << cl) != 0).then(|| key2(0x0FF5, (k + 10) as u64, prop))
}

/// Whether word-feature class `cl` depends on the sentence being a headline.
#[inline]
pub(crate) fn headline_dependent(cl: u8) -> bool {
    matches!(cl, class::W | class::SH | class::SS | class::CASE)
}

/// The key standing for "no word at offset `k`" (beyond the sentence).
#[inline]
pub(crate) fn boundary_key(k: i32) -> u64 {
    key1(0xB0B0, (k + 10) as u64)
}

/// Templates of context features.
mod t {
    pub const BIAS: u64 = 100;
    pub const BI_L: u64 = 101;
    pub const BI_R: u64 = 102;
    pub const SS3: u64 = 103;
    pub const FIRST_SS: u64 = 104;
    pub const FIRST_L: u64 = 105;
    pub const CAPS_L: u64 = 106;
    pub const CAPS_SS: u64 = 107;
    pub const GAZ: u64 = 108;
    pub const DOCF: u64 = 109;
    pub const DOCF_L: u64 = 110;
    pub const S1_OWN: u64 = 120;
    pub const S1_PREV: u64 = 121;
    pub const S1_NEXT: u64 = 122;
    pub const AGG_HAS: u64 = 123;
    pub const AGG_MAJ: u64 = 124;
    pub const LONGER: u64 = 125;
    pub const LONGER_OWN: u64 = 126;
    pub const S1_OWN_L: u64 = 127;
    pub const PREVL_SS: u64 = 111;
    pub const NEXTL_SS: u64 = 112;
    pub const TITLE_L: u64 = 113;
    pub const TITLE_SS: u64 = 114;
    pub const ROLE_PREV: u64 = 116;
    pub const ROLE_KIND: u64 = 117;
    pub const ROLE_PREV_KIND: u64 = 118;
    pub const PREP_KIND: u64 = 119;
    pub const GAZ_AT: u64 = 128;
}

/// Per-sentence context shared by both stages.
#[derive(Debug, Default, Clone)]
pub(crate) struct SentCtx {
    /// Token infos.
    pub info: Vec<TokInfo>,
    /// Gazetteer match bits per token (see [`Gazetteer::matches`]).
    pub gaz: Vec<u64>,
    /// Document evidence code per token (0 = none).
    pub docf: Vec<u8>,
    /// Whether the sentence is written in capitals (a headline or dateline).
    pub caps: bool,
    /// Whether the sentence capitalises (nearly) every word, as title-case
    /// headlines do: capitalisation then says little about names.
    pub title: bool,
}

impl SentCtx {
    /// The context of a sentence of these token infos (document evidence
    /// is filled later, by [`doc_evidence`]).
    pub(crate) fn new(info: Vec<TokInfo>, gaz: &Gazetteer) -> SentCtx {
        let mut c = SentCtx { caps: is_caps_sentence(&info), ..Default::default() };
        c.title = !c.caps && is_title_sentence(&info);
        gaz.matches(&info, &mut c.gaz);
        c.info = info;
        c
    }
}

/// Second-stage evidence for one token, from the first stage's labels.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Stage2Tok {
    /// First-stage BILOU tags of the previous, own and next token
    /// (`u8::MAX` beyond the sentence).
    pub prev: u8,
    pub own: u8,
    pub next: u8,
    /// Types (O, PER, ORG, LOC, MISC) the first stage gave to the same word,
    /// capitalised, elsewhere in the document.
    pub agg: [u32; 5],
    /// Bit `ty * 3 + role` when the same word stands elsewhere in the
    /// document inside a multi-token name of type `ty` (role 0 first,
    /// 1 inner, 2 last).
    pub longer: u16,
}

/// Whether a sentence of these casings is a headline or dateline in capitals.
pub(crate) fn is_caps_sentence(info: &[TokInfo]) -> bool {
    let letters = info.iter().filter(|i| i.casing != casing::NONE).count();
    let caps = info.iter().filter(|i| i.casing == casing::CAPS).count();
    letters >= 2 && caps * 4 >= letters * 3
}

/// Whether a sentence of these casings capitalises (nearly) every word:
/// at least four words, at most one in lower case for every six.
pub(crate) fn is_title_sentence(info: &[TokInfo]) -> bool {
    let words = info.iter().filter(|i| i.casing != casing::NONE).count();
    let lower = info.iter().filter(|i| i.casing == casing::LOWER).count();
    words >= 4 && lower * 6 <= words
}

/// Fills the document-evidence codes of every sentence of a document.
pub(crate) fn doc_evidence(sents: &mut [SentCtx]) {
    // lower form → [lower-case, title-case mid-sentence, caps mid-sentence]
    let n: usize = sents.iter().map(|s| s.info.len()).sum();
    let mut counts: KeyMap<[u32; 3]> = KeyMap::with_capacity_and_hasher(n / 2, Default::default());
    let slot = |s: &SentCtx, i: usize| -> Option<usize> {
        let c = s.info[i].casing;
        match c {
            casing::LOWER => Some(0),
            casing::TITLE if i > 0 && !s.caps && !s.title => Some(1),
            casing::CAPS if !s.caps => Some(2),
            _ => None,
        }
    };
    for s in sents.iter() {
        for i in 0..s.info.len() {
            if let Some(k) = slot(s, i) {
                counts.entry(s.info[i].lower).or_default()[k] += 1;
            }
        }
    }
    for s in sents.iter_mut() {
        s.docf.clear();
        for i in 0..s.info.len() {
            let c = s.info[i].casing;
            if c == casing::LOWER || c == casing::NONE {
                s.docf.push(0);
                continue;
            }
            let mut n = counts.get(&s.info[i].lower).copied().unwrap_or_default();
            if let Some(k) = slot(s, i) {
                n[k] -= 1;
            }
            let code = 1 + (n[0] > 0) as u8 + 2 * (n[1] > 0) as u8 + 4 * (n[2] > 0) as u8;
            s.docf.push(code);
        }
    }
}

/// Second-stage evidence for a document from first-stage tags.
pub(crate) fn stage2_evidence(sents: &[SentCtx], tags: &[Vec<u8>]) -> Vec<Vec<Stage2Tok>> {
    #[derive(Default, Clone, Copy)]
    struct Agg {
        types: [u32; 5],
        longer: [u32; 12],
    }
    let ty_of = |t: u8| split(t).map(|(_, ty)| ty + 1).unwrap_or(0);
    let role_of = |t: u8| match split(t) {
        Some((super::tags::Pos::B, ty)) => Some(ty * 3),
        Some((super::tags::Pos::I, ty)) => Some(ty * 3 + 1),
        Some((super::tags::Pos::L, ty)) => Some(ty * 3 + 2),
        _ => None,
    };
    let n: usize = sents.iter().map(|s| s.info.len()).sum();
    let mut agg: KeyMap<Agg> = KeyMap::with_capacity_and_hasher(n / 4, Default::default());
    for (s, tg) in sents.iter().zip(tags) {
        for (info, &t) in s.info.iter().zip(tg) {
            if info.casing == casing::LOWER || info.casing == casing::NONE {
                continue;
            }
            let a = agg.entry(info.lower).or_default();
            a.types[ty_of(t)] = a.types[ty_of(t)].saturating_add(1);
            if let Some(r) = role_of(t) {
                a.longer[r] = a.longer[r].saturating_add(1);
            }
        }
    }
    let mut out = Vec::with_capacity(sents.len());
    for (s, tg) in sents.iter().zip(tags) {
        let n = s.info.len();
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            let t = tg.get(i).copied().unwrap_or(0);
            let mut st = Stage2Tok {
                prev: if i > 0 { tg[i - 1] } else { u8::MAX },
                own: t,
                next: if i + 1 < n { tg[i + 1] } else { u8::MAX },
                ..Default::default()
            };
            let info = s.info[i];
            if info.casing != casing::LOWER && info.casing != casing::NONE {
                if let Some(a) = agg.get(&info.lower) {
                    let mut a = *a;
                    a.types[ty_of(t)] = a.types[ty_of(t)].saturating_sub(1);
                    if let Some(r) = role_of(t) {
                        a.longer[r] = a.longer[r].saturating_sub(1);
                    }
                    st.agg = a.types;
                    for (r, &c) in a.longer.iter().enumerate() {
                        if c > 0 {
                            st.longer |= 1 << r;
                        }
                    }
                }
            }
            v.push(st);
        }
        out.push(v);
    }
    out
}

/// Emits the context features of token `i`, each with a flag telling
/// whether its template has a small domain (a few thousand values at most),
/// which the tagger keeps in a small, cache-friendly table.
#[inline]
pub(crate) fn context_keys(s: &SentCtx, i: usize, s2: Option<&Stage2Tok>, emit: &mut impl FnMut(u64, bool)) {
    let n = s.info.len();
    let cur = s.info[i];
    let prev_l = if i > 0 { s.info[i - 1].lower } else { 0xB0 };
    let next_l = if i + 1 < n { s.info[i + 1].lower } else { 0xE0 };
    let prev_ss = if i > 0 { s.info[i - 1].ss } else { 0xB0 };
    let next_ss = if i + 1 < n { s.info[i + 1].ss } else { 0xE0 };
    // Shape templates are apart in headlines (see `offset_key`).
    let hs = if s.caps || s.title { 0x1000 } else { 0 };
    emit(key1(t::BIAS, 0), true);
    emit(key2(t::BI_L, prev_l, cur.lower), false);
    emit(key2(t::BI_R, cur.lower, next_l), false);
    emit(key3(t::SS3 + hs, prev_ss, cur.ss, next_ss), true);
    emit(key2(t::PREVL_SS + hs, prev_l, cur.ss), false);
    emit(key2(t::NEXTL_SS + hs, cur.ss, next_l), false);
    if i == 0 {
        emit(key1(t::FIRST_SS + hs, cur.ss), true);
        emit(key1(t::FIRST_L, cur.lower), false);
    }
    if s.caps {
        emit(key1(t::CAPS_L, cur.lower), false);
        emit(key1(t::CAPS_SS, cur.ss), true);
    }
    if s.title {
        emit(key1(t::TITLE_L, cur.lower), false);
        emit(key1(t::TITLE_SS, cur.ss), true);
    }
    // A role word next to a capitalised word: `Osh mayor`, `envoy Zannier`.
    let style = cur.casing as u64 + 8 * (i == 0) as u64 + 16 * s.caps as u64 + 32 * s.title as u64;
    if i > 0 && s.info[i - 1].role {
        emit(key1(t::ROLE_PREV, style), true);
    }
    // The same cues by what is known of the word before the role: a
    // demonym there is MISC (`Kyrgyz president`), a place LOC, a word never
    // seen most often a town or a party (`Osh mayor`); the name after the
    // role is a person either way.
    let headline = (s.caps || s.title) as u64;
    if i + 1 < n && s.info[i + 1].role && cur.casing != casing::LOWER && cur.casing != casing::NONE {
        let after = if i + 2 < n { s.info[i + 2].casing as u64 } else { 7 };
        let ctx = cur.casing as u64 + 8 * headline + 16 * s.info[i + 1].casing as u64;
        emit(key3(t::ROLE_KIND, ctx, cur.kind as u64, after), true);
    }
    if i > 1 && s.info[i - 1].role && cur.casing != casing::LOWER && cur.casing != casing::NONE {
        let before = s.info[i - 2];
        let ctx = before.casing as u64 + 8 * headline + 16 * s.info[i - 1].casing as u64;
        emit(key2(t::ROLE_PREV_KIND, ctx, before.kind as u64), true);
    }
    // A capitalised word after a lower-case word (`in Osh`, `from Osh`), by
    // what is known of it.
    if i > 0
        && s.info[i - 1].casing == casing::LOWER
        && cur.casing != casing::LOWER
        && cur.casing != casing::NONE
    {
        emit(key3(t::PREP_KIND, prev_l, cur.kind as u64, headline), false);
    }

    let g = s.gaz[i];
    if g != 0 {
        for bit in 0..64u64 {
            if g & (1 << bit) != 0 {
                emit(key1(t::GAZ, bit), true);
                // Place matches by where they stand: a sentence start or a
                // headline says less than the middle of running text.
                if bit >= GEO_FIRST as u64 * 4 {
                    let at = cur.casing as u64 + 8 * (i == 0) as u64 + 16 * headline;
                    emit(key2(t::GAZ_AT, bit, at), true);
                }
            }
        }
    }
    let d = s.docf[i];
    if d != 0 {
        let ctx = cur.casing as u64 + 8 * s.caps as u64 + 16 * (i == 0) as u64 + 32 * s.title as u64;
        emit(key2(t::DOCF, d as u64, ctx), true);
        emit(key2(t::DOCF_L, d as u64, cur.lower), false);
    }
    if let Some(x) = s2 {
        emit(key1(t::S1_OWN, x.own as u64), true);
        emit(key2(t::S1_OWN_L, x.own as u64, cur.lower), false);
        emit(key2(t::S1_PREV, x.prev as u64, x.own as u64), true);
        emit(key2(t::S1_NEXT, x.own as u64, x.next as u64), true);
        let total: u64 = x.agg.iter().map(|&c| c as u64).sum();
        if total > 0 {
            let mut best = 0;
            for ty in 0..5 {
                if x.agg[ty] > 0 {
                    emit(key1(t::AGG_HAS, ty as u64), true);
                }
                if x.agg[ty] > x.agg[best] {
                    best = ty;
                }
            }
            let sure = (x.agg[best] as u64 * 10 >= total * 8) as u64;
            emit(key3(t::AGG_MAJ, best as u64, sure, (x.own != 0) as u64), true);
        }
        if x.longer != 0 {
            let single = matches!(split(x.own), None | Some((super::tags::Pos::U, _))) as u64;
            for bit in 0..12u64 {
                if x.longer & (1 << bit) != 0 {
                    emit(key1(t::LONGER, bit), true);
                    emit(key2(t::LONGER_OWN, bit, single), true);
                }
            }
        }
    }
}

/// All feature keys of token `i` (word features at every offset plus
/// context features), the plain path used by training and by tests.
#[cfg(any(test, feature = "train"))]
pub(crate) fn token_keys(
    words: &[Vec<(u8, u64)>],
    s: &SentCtx,
    i: usize,
    s2: Option<&Stage2Tok>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = words.len() as i32;
    let headline = s.caps || s.title;
    for k in -WINDOW..=WINDOW {
        let j = i as i32 + k;
        if j < 0 || j >= n {
            out.push(boundary_key(k));
        } else {
            for &(cl, p) in &words[j as usize] {
                if let Some(key) = offset_key(cl, p, k, headline) {
                    out.push(key);
                }
            }
        }
    }
    context_keys(s, i, s2, &mut |k, _| out.push(k));
}

/// Number of tags (re-exported for the model).
pub(crate) const NT: usize = NUM_TAGS;

/// The context of a sentence of these words, for the tests of the rules
/// after decoding.
#[cfg(test)]
pub(crate) fn sentence_context(words: &[&str], lex: &Lexicon, gaz: &Gazetteer) -> SentCtx {
    let mut props = Vec::new();
    SentCtx::new(words.iter().map(|w| word_props(w, lex, gaz, &mut props)).collect(), gaz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_casing() {
        assert_eq!(shape("Botsan-Kharchenko", 1), "Xx-Xx");
        assert_eq!(shape("U.S.", 4), "X.X.");
        assert_eq!(shape("Račak", 4), "Xxxxx".chars().take(5).collect::<String>());
        assert_eq!(shape("1996-08-22", 1), "d-d-d");
        assert_eq!(casing_of("MOSCOW"), casing::CAPS);
        assert_eq!(casing_of("U.S."), casing::CAPS);
        assert_eq!(casing_of("Vučić"), casing::TITLE);
        assert_eq!(casing_of("iPhone"), casing::MIXED);
        assert_eq!(casing_of("1,400"), casing::NONE);
        assert_eq!(casing_of(""), casing::NONE);
    }

    fn infos(ws: &[&str], lex: &Lexicon, gaz: &Gazetteer) -> Vec<TokInfo> {
        ws.iter().map(|w| word_props(w, lex, gaz, &mut Vec::new())).collect()
    }

    #[test]
    fn title_case_sentences_are_told_from_running_text() {
        let (lex, gaz) = (Lexicon::default(), Gazetteer::default());
        let title = "Kyrgyz Leader Flies To Bishkek After Talks".split(' ').collect::<Vec<_>>();
        assert!(is_title_sentence(&infos(&title, &lex, &gaz)));
        let ap = "Leader Flies to Bishkek After Talks in the South".split(' ').collect::<Vec<_>>();
        assert!(!is_title_sentence(&infos(&ap, &lex, &gaz)), "three small words in nine");
        let plain = "The leader flew to Bishkek on Monday .".split(' ').collect::<Vec<_>>();
        assert!(!is_title_sentence(&infos(&plain, &lex, &gaz)));
        let short = ["Roza", "Otunbaeva"];
        assert!(!is_title_sentence(&infos(&short, &lex, &gaz)));
        // Title-case words of a title-case sentence are no evidence of a name.
        let c = SentCtx::new(infos(&title, &lex, &gaz), &gaz);
        assert!(c.title && !c.caps);
        let mut doc = vec![c, SentCtx::new(infos(&["the", "leader", "said"], &lex, &gaz), &gaz)];
        doc_evidence(&mut doc);
        assert_eq!(doc[0].docf[1], 2, "`Leader`: seen in lower case only");
    }

    #[test]
    fn capitals_fall_back_to_the_running_text_cluster() {
        let lex = Lexicon::from_text("C\tMoscow\t1\t2\t3\nC\tflies\t4\t5\t6\n").unwrap();
        let gaz = Gazetteer::default();
        let clusters = |w: &str| {
            let mut p = Vec::new();
            word_props(w, &lex, &gaz, &mut p);
            p.into_iter().filter(|(c, _)| (class::C0..=class::C2).contains(c)).collect::<Vec<_>>()
        };
        assert_eq!(clusters("MOSCOW"), clusters("Moscow"));
        assert_eq!(clusters("FLIES"), clusters("flies"));
        assert_ne!(clusters("Flies"), clusters("flies"));
        assert_ne!(clusters("Moscow"), clusters("flies"));
        assert_ne!(clusters("OSH"), clusters("Moscow"));
    }

    #[test]
    fn role_words_come_from_the_agent_gazetteer() {
        let gaz = Gazetteer::from_entries([
            (5, "MAYOR".to_string()),
            (5, "MINISTRY OF DEVELOPMENT".to_string()),
            (0, "KYRGYZSTAN".to_string()),
        ]);
        let lex = Lexicon::default();
        let role = |w: &str| word_props(w, &lex, &gaz, &mut Vec::new()).role;
        assert!(role("mayor") && role("Mayor") && role("MAYOR"));
        assert!(!role("ministry") && !role("Development") && !role("Kyrgyzstan") && !role("said"));
    }

    #[test]
    fn counts_do_not_overflow_on_huge_documents() {
        let lex = Lexicon::default();
        let gaz = Gazetteer::default();
        let info = word_props("Kiljunen", &lex, &gaz, &mut Vec::new());
        let n = 70_000;
        let mut doc =
            vec![SentCtx { info: vec![info; n], gaz: vec![0; n], docf: vec![], caps: false, title: false }];
        doc_evidence(&mut doc);
        let tags = vec![vec![super::super::tags::tag(super::super::tags::Pos::U, 0); n]];
        let s2 = stage2_evidence(&doc, &tags);
        assert_eq!(s2[0][0].agg[1], n as u32 - 1);
    }

    #[test]
    fn document_evidence_excludes_the_token_itself() {
        let lex = Lexicon::default();
        let gaz = Gazetteer::default();
        let mk = |ws: &[&str]| {
            let info: Vec<TokInfo> = ws.iter().map(|w| word_props(w, &lex, &gaz, &mut Vec::new())).collect();
            SentCtx {
                caps: is_caps_sentence(&info),
                gaz: vec![0; ws.len()],
                info,
                docf: vec![],
                title: false,
            }
        };
        let mut doc = vec![mk(&["MAY", "RISE", "IN", "PRICES"]), mk(&["Prices", "may", "rise", "."])];
        doc_evidence(&mut doc);
        assert!(doc[0].caps && !doc[1].caps);
        // "MAY" in the headline: seen in lower case elsewhere.
        assert_eq!(doc[0].docf[0], 2);
        // "Prices" at the start: only "PRICES" in a caps headline, which does not count.
        assert_eq!(doc[1].docf[0], 1);
        assert_eq!(doc[1].docf[1], 0);
    }
}
