//! Finding the spans that overlap a span, or the next span after a point,
//! without scanning them all: a long document has thousands of mentions
//! and of quotes, and asking, for each quote's speaker (or each place
//! name), about every mention made linking quadratic in its length.

use dossier_core::Span;

/// Spans sorted by start, each with the index it stands for.
pub(super) struct SpanFinder {
    by_start: Vec<(usize, usize)>,
    /// The longest span's length: an overlapping span starts at most this
    /// far before the span asked about.
    longest: usize,
}

impl SpanFinder {
    /// Indexes `spans` (index, span), in any order.
    pub(super) fn new(spans: impl Iterator<Item = (usize, Span)>) -> Self {
        let mut longest = 0;
        let mut by_start: Vec<(usize, usize)> = spans
            .map(|(i, s)| {
                longest = longest.max(s.end.saturating_sub(s.start));
                (s.start, i)
            })
            .collect();
        by_start.sort_unstable();
        SpanFinder { by_start, longest }
    }

    /// The indices of every span that may overlap `s`, in no useful order:
    /// a superset (each span starting between `s.start - longest` and
    /// `s.end`), so callers still test the overlap they mean.
    pub(super) fn near(&self, s: Span) -> impl Iterator<Item = usize> + '_ {
        let from = s.start.saturating_sub(self.longest);
        let first = self.by_start.partition_point(|&(start, _)| start < from);
        self.by_start[first..].iter().take_while(move |&&(start, _)| start <= s.end).map(|&(_, i)| i)
    }
}

impl SpanFinder {
    /// The span starting first at or after byte `pos` (of two starting
    /// there, the lower index).
    pub(super) fn first_from(&self, pos: usize) -> Option<usize> {
        let first = self.by_start.partition_point(|&(start, _)| start < pos);
        self.by_start.get(first).map(|&(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_holds_every_overlapping_span() {
        let spans =
            [Span::new(0, 5), Span::new(3, 40), Span::new(50, 52), Span::new(60, 70), Span::new(41, 45)];
        let finder = SpanFinder::new(spans.iter().copied().enumerate());
        for probe in
            [Span::new(0, 1), Span::new(38, 51), Span::new(45, 50), Span::new(52, 60), Span::new(69, 90)]
        {
            let mut near: Vec<usize> = finder.near(probe).filter(|&i| spans[i].overlaps(&probe)).collect();
            near.sort_unstable();
            let all: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].overlaps(&probe)).collect();
            assert_eq!(near, all, "{probe:?}");
        }
        assert_eq!(finder.near(Span::new(100, 120)).count(), 0);
    }

    #[test]
    fn first_from_takes_the_nearest_start_then_the_lower_index() {
        let spans = [Span::new(10, 12), Span::new(4, 6), Span::new(10, 20), Span::new(30, 31)];
        let finder = SpanFinder::new(spans.iter().copied().enumerate());
        assert_eq!(finder.first_from(0), Some(1));
        assert_eq!(finder.first_from(5), Some(0));
        assert_eq!(finder.first_from(11), Some(3));
        assert_eq!(finder.first_from(31), None);
    }
}
