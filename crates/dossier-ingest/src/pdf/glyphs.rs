//! The glyphs of a page with their positions, as pdf-extract decodes them
//! (fonts, encodings and ToUnicode maps are its part; the layout is ours).

use std::time::Instant;

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, Transform};

/// One glyph drawn on a page, in page space with the origin at the top
/// left and y growing downwards (points).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Right edge (x plus the advance).
    pub end: f64,
    /// Font size on the page.
    pub size: f64,
    /// The text the glyph stands for (ligatures already expanded).
    pub text: String,
}

/// Collects the glyphs of one page; stops the page (with an error) past
/// its deadline or past `max_glyphs`.
pub struct Collector {
    /// The page's height, to turn PDF's upward y into a downward one.
    height: f64,
    /// The glyphs so far.
    pub glyphs: Vec<Glyph>,
    /// The page's width.
    pub width: f64,
    deadline: Instant,
    max_glyphs: usize,
    /// Glyphs drawn rotated (sideways margin notes, stamps): not read.
    pub rotated: usize,
    /// Paths stroked or filled: a page of drawing without text is timed
    /// by them.
    paths: usize,
}

impl Collector {
    /// A collector for one page.
    pub fn new(deadline: Instant, max_glyphs: usize) -> Self {
        Collector { height: 0.0, width: 0.0, glyphs: Vec::new(), deadline, max_glyphs, rotated: 0, paths: 0 }
    }
}

fn stop(reason: &str) -> OutputError {
    OutputError::IoError(std::io::Error::new(std::io::ErrorKind::TimedOut, reason.to_string()))
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.width = media_box.urx - media_box.llx;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs.len() >= self.max_glyphs {
            return Err(stop("too many glyphs on one page"));
        }
        if self.glyphs.len() % 512 == 0 && Instant::now() >= self.deadline {
            return Err(stop("time budget spent"));
        }
        // Text drawn sideways or upside down is not part of the reading
        // order of the page's lines.
        if trm.m12.abs() > 0.1 * trm.m11.abs() || trm.m21.abs() > 0.1 * trm.m22.abs() || trm.m11 <= 0.0 {
            self.rotated += 1;
            return Ok(());
        }
        let (sx, sy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (sx * sy).abs().sqrt();
        let text = clean(text);
        if text.is_empty() || !size.is_finite() || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        let x = trm.m31;
        let advance = if width.is_finite() && width > 0.0 { width * size } else { 0.0 };
        self.glyphs.push(Glyph { x, y: self.height - trm.m32, end: x + advance, size, text });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(&mut self, _: &Transform, _: &ColorSpace, _: &[f64], _: &Path) -> Result<(), OutputError> {
        self.drew_path()
    }

    fn fill(&mut self, _: &Transform, _: &ColorSpace, _: &[f64], _: &Path) -> Result<(), OutputError> {
        self.drew_path()
    }
}

impl Collector {
    /// Checks the deadline every 512 paths.
    fn drew_path(&mut self) -> Result<(), OutputError> {
        self.paths += 1;
        if self.paths % 512 == 0 && Instant::now() >= self.deadline {
            return Err(stop("time budget spent"));
        }
        Ok(())
    }
}

/// A glyph's text as it should read: typographic ligatures expanded,
/// control characters (unmapped glyphs) dropped.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\t' | '\u{A0}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_are_expanded_and_controls_dropped() {
        assert_eq!(clean("\u{FB01}nal \u{FB03}ce\u{0}"), "final ffice");
        assert_eq!(clean("\u{FB02}ood\u{FB00}"), "floodff");
    }
}
