//! Reading order of one page: glyphs into rows (one baseline), rows into
//! columns (split at gutters: vertical bands no body row crosses), and the
//! lines of each column top to bottom, columns left to right. A row that
//! crosses a gutter (a title over both columns) closes the columns above
//! it, so text reads title, left column, right column, next full-width row.

use super::glyphs::Glyph;

/// Glyphs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Row {
    /// The glyphs, sorted by x.
    pub glyphs: Vec<Glyph>,
    /// Baseline (from the top of the page).
    pub y: f64,
    /// The median font size of the row.
    pub size: f64,
}

impl Row {
    /// The row's text, spaces put where glyphs stand apart.
    pub fn text(&self) -> String {
        line_text(&self.glyphs)
    }
}

/// One line of text in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Right edge.
    pub end: f64,
    /// Baseline.
    pub y: f64,
    /// Median font size.
    pub size: f64,
    /// Which column (0 for the first, or for a row across columns); a
    /// change of column or of section starts a new run of lines.
    pub region: usize,
}

/// Groups glyphs into rows: a glyph joins the row whose baseline is within
/// 40% of its size; rows are returned top to bottom.
pub fn rows(mut glyphs: Vec<Glyph>) -> Vec<Row> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Row> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(r) if (g.y - r.y).abs() <= 0.4 * g.size.min(r.size).max(1.0) => r.glyphs.push(g),
            _ => rows.push(Row { y: g.y, size: g.size, glyphs: vec![g] }),
        }
    }
    for r in &mut rows {
        r.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        r.glyphs.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < 0.2 * a.size);
        let mut sizes: Vec<f64> = r.glyphs.iter().map(|g| g.size).collect();
        sizes.sort_by(f64::total_cmp);
        r.size = sizes[sizes.len() / 2];
    }
    rows
}

/// The text of glyphs on one line: a space where the gap between two
/// glyphs is wider than 15% of the font size (word spaces are often
/// drawn as gaps, not as space characters).
pub fn line_text(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let gap = g.x - p.end;
            if gap > 0.15 * g.size.min(p.size) && !out.ends_with(' ') && !g.text.starts_with(' ') {
                out.push(' ');
            }
        }
        if !(g.text == " " && out.ends_with(' ')) {
            out.push_str(&g.text);
        }
        prev = Some(g);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The x bands between columns: runs of 1-point bins that few rows cross
/// (at most a quarter of the rows with text to their left, and of those
/// with text to their right: titles and headers over both columns do),
/// with text on both sides in at least three rows each, at least 60% of
/// the median font size wide. Columns need not share baselines.
pub fn gutters(rows: &[Row]) -> Vec<(f64, f64)> {
    let glyphs = || rows.iter().flat_map(|r| r.glyphs.iter());
    let (Some(left), Some(right)) = (
        glyphs().map(|g| g.x).min_by(f64::total_cmp),
        glyphs().map(|g| g.end.max(g.x)).max_by(f64::total_cmp),
    ) else {
        return Vec::new();
    };
    let bins = ((right - left).ceil() as usize).min(5000);
    if bins < 10 || rows.len() < 5 {
        return Vec::new();
    }
    let bin = |x: f64| (((x - left).max(0.0)) as usize).min(bins - 1);
    let mut covered = vec![0u32; bins];
    // Rows with text ending before each bin, and starting after it.
    let mut text_left = vec![0i64; bins + 1];
    let mut text_right = vec![0i64; bins + 1];
    for r in rows {
        for g in &r.glyphs {
            for c in &mut covered[bin(g.x)..=bin(g.end.max(g.x))] {
                *c += 1;
            }
        }
        if let (Some(first), Some(last)) = (r.glyphs.first(), r.glyphs.last()) {
            text_left[bin(first.end.max(first.x)) + 1] += 1;
            text_right[0] += 1;
            text_right[bin(last.x)] -= 1;
        }
    }
    for b in 1..=bins {
        text_left[b] += text_left[b - 1];
        text_right[b] += text_right[b - 1];
    }
    let mut sizes: Vec<f64> = rows.iter().map(|r| r.size).collect();
    sizes.sort_by(f64::total_cmp);
    let min_width = 0.6 * sizes[sizes.len() / 2];
    let empty = |b: usize| {
        let sides = text_left[b].min(text_right[b]);
        sides >= 3 && i64::from(covered[b]) * 4 <= sides
    };
    let mut out = Vec::new();
    let mut b = 0;
    while b < bins {
        if !empty(b) {
            b += 1;
            continue;
        }
        let start = b;
        while b < bins && empty(b) {
            b += 1;
        }
        if (b - start) as f64 >= min_width {
            out.push((left + start as f64, left + b as f64));
        }
    }
    out
}

/// The page's lines in reading order.
pub fn reading_order(rows: &[Row]) -> Vec<Line> {
    let gutters = gutters(rows);
    let mut out = Vec::new();
    let mut columns: Vec<Vec<Line>> = vec![Vec::new(); gutters.len() + 1];
    let mut section = 0;
    let crosses = |g: &Glyph| gutters.iter().any(|&(a, b)| g.end.max(g.x) > a + 0.5 && g.x < b - 0.5);
    let flush = |columns: &mut Vec<Vec<Line>>, out: &mut Vec<Line>| {
        for c in columns.iter_mut() {
            out.append(c);
        }
    };
    for r in rows {
        if gutters.is_empty() || r.glyphs.iter().any(crosses) {
            flush(&mut columns, &mut out);
            section += gutters.len() + 1;
            out.push(line(&r.glyphs, r, section));
            section += 1;
            continue;
        }
        let mut start = 0;
        for (i, bounds) in gutters.iter().map(|g| g.0).chain([f64::INFINITY]).enumerate() {
            let end = start + r.glyphs[start..].iter().take_while(|g| g.x < bounds).count();
            if end > start {
                columns[i].push(line(&r.glyphs[start..end], r, section + i));
            }
            start = end;
        }
    }
    flush(&mut columns, &mut out);
    out
}

/// The headline of a first page: its first lines when they are set at
/// least 20% larger than the page's usual text, up to 200 characters —
/// the title of a PDF whose metadata has none.
pub fn headline(lines: &[Line]) -> Option<String> {
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let body = *sizes.get(sizes.len() / 2)?;
    let big: Vec<&str> =
        lines.iter().take_while(|l| l.size >= 1.2 * body).map(|l| l.text.as_str()).take(4).collect();
    let title = big.join(" ");
    (!title.is_empty() && title.chars().count() <= 200 && big.len() < lines.len()).then_some(title)
}

fn line(glyphs: &[Glyph], row: &Row, region: usize) -> Line {
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Line {
        text: line_text(glyphs),
        x: glyphs.first().map_or(0.0, |g| g.x),
        end: glyphs.last().map_or(0.0, |g| g.end),
        y: row.y,
        // The line's own size: a row may hold a title beside body text.
        size: sizes.get(sizes.len() / 2).copied().unwrap_or(row.size),
        region,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` set from `x` on baseline `y`, 10 points, 5 points
    /// per character, words apart by a gap of one character.
    pub(crate) fn words(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for c in text.chars() {
            if c != ' ' {
                out.push(Glyph { x: at, y, end: at + 5.0, size: 10.0, text: c.to_string() });
            }
            at += 5.0;
        }
        out
    }

    #[test]
    fn two_columns_read_left_then_right_under_a_full_width_title() {
        let mut g = words("A title that runs over both of the columns here", 20.0, 20.0);
        let left = ["left one", "left two", "left three", "left four", "left five", "left six"];
        let right = ["right one", "right two", "right three", "right four", "right five", "right six"];
        for (i, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 40.0 + 12.0 * i as f64;
            g.extend(words(l, 20.0, y));
            g.extend(words(r, 150.0, y));
        }
        let lines = reading_order(&rows(g));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[0], "A title that runs over both of the columns here");
        assert_eq!(&texts[1..7], &left);
        assert_eq!(&texts[7..], &right);
        assert_ne!(lines[6].region, lines[7].region);
    }

    #[test]
    fn columns_need_not_share_baselines() {
        let mut g = Vec::new();
        for i in 0..10 {
            g.extend(words(&format!("left line {i}"), 20.0, 40.0 + 12.0 * i as f64));
        }
        for i in 0..3 {
            g.extend(words(&format!("right line {i}"), 150.0, 46.0 + 12.0 * i as f64));
        }
        let texts: Vec<String> = reading_order(&rows(g)).into_iter().map(|l| l.text).collect();
        assert_eq!(texts[9], "left line 9");
        assert_eq!(texts[10], "right line 0");
    }

    #[test]
    fn a_large_first_line_is_the_headline() {
        let line =
            |text: &str, size: f64| Line { text: text.into(), x: 0.0, end: 0.0, y: 0.0, size, region: 0 };
        let body = |n: usize| (0..n).map(|_| line("body text of the page", 10.0));
        let lines: Vec<Line> =
            [line("Dam repairs", 16.0), line("run late", 16.0)].into_iter().chain(body(5)).collect();
        assert_eq!(headline(&lines).as_deref(), Some("Dam repairs run late"));
        let flat: Vec<Line> = body(6).collect();
        assert_eq!(headline(&flat), None);
    }

    #[test]
    fn one_column_has_no_gutter() {
        let mut g = Vec::new();
        for i in 0..8 {
            let t = if i % 2 == 0 { "the quick brown fox jumps" } else { "over a lazy dog again" };
            g.extend(words(t, 20.0, 20.0 + 12.0 * i as f64));
        }
        assert!(gutters(&rows(g)).is_empty());
    }

    #[test]
    fn word_gaps_become_single_spaces_and_doubled_glyphs_one() {
        let mut g = words("fake bold", 0.0, 10.0);
        g.push(Glyph { x: 0.5, y: 10.0, end: 5.5, size: 10.0, text: "f".into() });
        assert_eq!(rows(g)[0].text(), "fake bold");
    }
}
