//! Tag sets of the NER stage and conversions between them.
//!
//! The tagger decodes in BILOU (Begin, Inside, Last, Outside, Unit), which
//! lets a linear model learn single-token and multi-token names apart; the
//! outside world speaks IOB1 (CoNLL-2003 files) or IOB2 (our output). Every
//! scheme is converted through [`Chunk`]s, spans of tokens with a type, and
//! IOB decoding follows the `conlleval` script exactly so that evaluation
//! counts what the shared task counted.

use dossier_core::EntityLabel;

/// The four CoNLL entity types, in tag-index order.
pub const TYPES: [EntityLabel; 4] = EntityLabel::ALL;

/// Number of BILOU tags: `O` plus four positions for each of four types.
pub const NUM_TAGS: usize = 17;

/// The `O` tag.
pub const O: u8 = 0;

/// Position of a token inside a name in BILOU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// First token of a multi-token name.
    B,
    /// Inner token of a multi-token name.
    I,
    /// Last token of a multi-token name.
    L,
    /// A one-token name.
    U,
}

/// The BILOU tag index of `pos` for type number `ty` (0..4).
pub const fn tag(pos: Pos, ty: usize) -> u8 {
    let p = match pos {
        Pos::B => 1,
        Pos::I => 2,
        Pos::L => 3,
        Pos::U => 4,
    };
    (ty * 4 + p) as u8
}

/// Splits a BILOU tag index into position and type number; `None` for `O`.
pub const fn split(tag: u8) -> Option<(Pos, usize)> {
    if tag == 0 || tag as usize >= NUM_TAGS {
        return None;
    }
    let t = (tag - 1) as usize;
    let pos = match t % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some((pos, t / 4))
}

/// Type number of a label (index into [`TYPES`]).
pub fn type_index(label: EntityLabel) -> usize {
    TYPES.iter().position(|&l| l == label).unwrap_or(0)
}

/// Whether BILOU tag `b` may follow tag `a` (`None` = sentence start).
pub fn allowed(a: Option<u8>, b: u8) -> bool {
    let prev_open = match a.and_then(split) {
        Some((Pos::B | Pos::I, ty)) => Some(ty),
        _ => None,
    };
    match (prev_open, split(b)) {
        (Some(ty), Some((Pos::I | Pos::L, tb))) => ty == tb,
        (Some(_), _) => false,
        (None, Some((Pos::I | Pos::L, _))) => false,
        (None, _) => true,
    }
}

/// Whether a sentence may end after tag `a`.
pub fn allowed_end(a: u8) -> bool {
    !matches!(split(a), Some((Pos::B | Pos::I, _)))
}

/// A name: tokens `start..end` of a sentence, with its type number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Type number (index into [`TYPES`]).
    pub ty: usize,
}

/// Chunks of a BILOU sequence. Tolerates ill-formed sequences (as a decoder
/// with constraints never produces) by closing names where they break.
pub fn bilou_chunks(tags: &[u8]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    out.push(Chunk { start: s, end: i, ty });
                }
            }
            Some((pos, ty)) => {
                let continues = matches!(pos, Pos::I | Pos::L) && matches!(open, Some((_, o)) if o == ty);
                if !continues {
                    if let Some((s, oty)) = open.take() {
                        out.push(Chunk { start: s, end: i, ty: oty });
                    }
                    open = Some((i, ty));
                }
                if matches!(pos, Pos::L | Pos::U) {
                    let (s, ty) = open.take().unwrap_or((i, ty));
                    out.push(Chunk { start: s, end: i + 1, ty });
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push(Chunk { start: s, end: tags.len(), ty });
    }
    out
}

/// The BILOU sequence of length `n` for well-formed, non-overlapping chunks.
pub fn chunks_to_bilou(chunks: &[Chunk], n: usize) -> Vec<u8> {
    let mut tags = vec![O; n];
    for c in chunks {
        if c.end > n || c.start >= c.end {
            continue;
        }
        if c.end - c.start == 1 {
            tags[c.start] = tag(Pos::U, c.ty);
        } else {
            tags[c.start] = tag(Pos::B, c.ty);
            for t in &mut tags[c.start + 1..c.end - 1] {
                *t = tag(Pos::I, c.ty);
            }
            tags[c.end - 1] = tag(Pos::L, c.ty);
        }
    }
    tags
}

/// IOB2 strings (`B-PER`, `I-PER`, `O`) for a BILOU sequence.
pub fn bilou_to_iob2(tags: &[u8]) -> Vec<String> {
    let mut out = vec!["O".to_string(); tags.len()];
    for c in bilou_chunks(tags) {
        let name = TYPES[c.ty].as_str();
        out[c.start] = format!("B-{name}");
        for o in &mut out[c.start + 1..c.end] {
            *o = format!("I-{name}");
        }
    }
    out
}

/// A tag of an IOB-style file split as `conlleval` splits it: the prefix
/// (`B`, `I`, `E`, `S`, `O`, …) and the type (`PER`, or empty).
fn split_iob(tag: &str) -> (&str, &str) {
    match tag.split_once('-') {
        Some((p, t)) => (p, t),
        None => (tag, ""),
    }
}

/// `conlleval`'s `endOfChunk`.
fn end_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    let mut end = matches!(
        (prev_tag, tag),
        ("B", "B")
            | ("B", "S")
            | ("B", "O")
            | ("I", "B")
            | ("I", "S")
            | ("I", "O")
            | ("E", "E")
            | ("E", "I")
            | ("E", "O")
            | ("E", "S")
            | ("S", "E")
            | ("S", "I")
            | ("S", "O")
            | ("S", "S")
            | ("E", "B")
            | ("S", "B")
    );
    if prev_tag != "O" && prev_tag != "." && prev_type != ty {
        end = true;
    }
    if prev_tag == "]" || prev_tag == "[" {
        end = true;
    }
    end
}

/// `conlleval`'s `startOfChunk`.
fn start_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    let mut start = matches!(
        (prev_tag, tag),
        ("B", "B")
            | ("I", "B")
            | ("O", "B")
            | ("S", "B")
            | ("E", "B")
            | ("E", "E")
            | ("E", "I")
            | ("O", "E")
            | ("O", "I")
            | ("S", "E")
            | ("S", "I")
            | ("E", "S")
            | ("I", "S")
            | ("O", "S")
            | ("S", "S")
            | ("B", "S")
    );
    if tag != "O" && tag != "." && prev_type != ty {
        start = true;
    }
    if tag == "[" || tag == "]" {
        start = true;
    }
    start
}

/// Chunks of one sentence of IOB1, IOB2 or IOBES tags, decoded exactly as
/// `conlleval` does (an `I-X` after `O` or after another type opens a name;
/// `B`/`I`/`E`/`O` and brackets follow the Perl script, `S` follows its
/// common Python port).
/// Types not in [`TYPES`] are reported with `ty == usize::MAX` so that the
/// caller can count or skip them.
pub fn iob_chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut prev_tag, mut prev_type) = ("O", "");
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (tag, ty) = split_iob(t.as_ref());
        if end_of_chunk(prev_tag, tag, prev_type, ty) {
            if let Some((s, oty)) = open.take() {
                out.push(Chunk { start: s, end: i, ty: label_index(oty) });
            }
        }
        if start_of_chunk(prev_tag, tag, prev_type, ty) {
            open = Some((i, ty));
        }
        prev_tag = tag;
        prev_type = ty;
    }
    if end_of_chunk(prev_tag, "O", prev_type, "") {
        if let Some((s, oty)) = open.take() {
            out.push(Chunk { start: s, end: tags.len(), ty: label_index(oty) });
        }
    }
    out
}

fn label_index(ty: &str) -> usize {
    EntityLabel::parse(ty).map(type_index).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(start: usize, end: usize, ty: &str) -> Chunk {
        Chunk { start, end, ty: label_index(ty) }
    }

    #[test]
    fn iob1_as_conlleval_reads_it() {
        // IOB1: I after O opens, B separates two adjacent names of one type.
        let tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "O"];
        assert_eq!(iob_chunks(&tags), vec![c(0, 2, "PER"), c(2, 3, "PER"), c(4, 5, "LOC"), c(5, 6, "ORG")]);
    }

    #[test]
    fn iob2_and_ill_formed_iob2() {
        let tags = ["B-ORG", "I-ORG", "O", "I-MISC", "B-LOC", "I-PER"];
        // A stray I-MISC opens a chunk; I-PER after B-LOC opens a new one.
        assert_eq!(iob_chunks(&tags), vec![c(0, 2, "ORG"), c(3, 4, "MISC"), c(4, 5, "LOC"), c(5, 6, "PER")]);
    }

    #[test]
    fn names_at_end_are_closed() {
        assert_eq!(iob_chunks(&["O", "B-LOC", "I-LOC"]), vec![c(1, 3, "LOC")]);
        assert!(iob_chunks::<&str>(&[]).is_empty());
    }

    #[test]
    fn bilou_round_trip() {
        let chunks = vec![c(0, 1, "PER"), c(2, 5, "ORG"), c(5, 7, "ORG")];
        let tags = chunks_to_bilou(&chunks, 8);
        assert_eq!(bilou_chunks(&tags), chunks);
        assert_eq!(
            bilou_to_iob2(&tags),
            ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "B-ORG", "I-ORG", "O"].map(String::from)
        );
        // Every emitted sequence is allowed by the transition constraints.
        let mut prev = None;
        for &t in &tags {
            assert!(allowed(prev, t), "{prev:?} -> {t}");
            prev = Some(t);
        }
        assert!(allowed_end(*tags.last().unwrap()));
    }

    #[test]
    fn constraints() {
        let b = tag(Pos::B, 0);
        let i = tag(Pos::I, 0);
        let l = tag(Pos::L, 0);
        let l_org = tag(Pos::L, 1);
        assert!(allowed(None, b));
        assert!(!allowed(None, i));
        assert!(allowed(Some(b), l));
        assert!(!allowed(Some(b), l_org));
        assert!(!allowed(Some(b), O));
        assert!(allowed(Some(l), O));
        assert!(!allowed_end(b));
    }

    #[test]
    fn ill_formed_bilou_is_tolerated() {
        let tags = [tag(Pos::I, 2), O, tag(Pos::B, 1)];
        assert_eq!(
            bilou_chunks(&tags),
            vec![Chunk { start: 0, end: 1, ty: 2 }, Chunk { start: 2, end: 3, ty: 1 }]
        );
    }
}
