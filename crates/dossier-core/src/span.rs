//! Byte spans into a document's text, and their conversion to code points.

/// A half-open byte range `[start, end)` into a document's `text`.
///
/// Internally every annotation is a byte span (cheap to slice, what `str`
/// indexing wants); the JSON contract speaks Unicode code points, and
/// [`CharOffsets`] converts between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers. Panics if the span is not on char
    /// boundaries of `text`, which would be a bug in the producer.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Maps byte offsets of one text to code-point offsets.
///
/// Built once per document; ASCII texts (the common case) need no table.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// For non-ASCII text: `table[b]` is the number of chars before byte `b`,
    /// for every byte position `0..=len`. Empty for ASCII text.
    table: Vec<u32>,
}

impl CharOffsets {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharOffsets { table: Vec::new() };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut chars = 0u32;
        for (i, c) in text.char_indices() {
            debug_assert_eq!(table.len(), i);
            for _ in 0..c.len_utf8() {
                table.push(chars);
            }
            chars += 1;
        }
        table.push(chars);
        CharOffsets { table }
    }

    /// The code-point offset of byte offset `byte`.
    pub fn char_at(&self, byte: usize) -> usize {
        if self.table.is_empty() {
            byte
        } else {
            self.table[byte] as usize
        }
    }

    /// The code-point range of a byte span.
    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.char_at(span.start), self.char_at(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let m = CharOffsets::new("Kimmo Kiljunen");
        assert_eq!(m.span(Span::new(6, 14)), (6, 14));
    }

    #[test]
    fn non_ascii_offsets_count_code_points() {
        let text = "Račak — “Vučić” 🙂 said";
        let m = CharOffsets::new(text);
        let b = text.find("said").unwrap();
        let (s, e) = m.span(Span::new(b, b + 4));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[s..e].iter().collect::<String>(), "said");
        assert_eq!(m.char_at(text.len()), chars.len());
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(&Span::new(4, 9)));
        assert!(!a.overlaps(&Span::new(5, 9)));
        assert!(a.contains(&Span::new(1, 5)));
        assert_eq!(a.slice("hello world"), "hello");
    }
}
