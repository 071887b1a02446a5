//! The text of a word-processing document or a presentation as it is read:
//! paragraphs separated by a blank line, a table row on one line with its
//! cells separated by tabs (a table nested in a cell becomes that cell's
//! text), a blank line after a table. Bounded: past
//! [`MAX_DOCUMENT_BYTES`] nothing more is kept and the reader is told to
//! stop.

use crate::limits::MAX_DOCUMENT_BYTES;

/// Collects text in reading order.
#[derive(Default)]
pub(crate) struct Flow {
    out: String,
    /// The paragraph being read.
    para: String,
    /// Paragraphs interrupted by one nested in them (a text box, a note).
    outer: Vec<String>,
    /// The finished cells of the row being read.
    cells: Vec<String>,
    /// The text of the cell being read.
    cell: String,
    /// How many tables are open around the reader.
    tables: usize,
    /// Set once the text reached the size bound.
    pub full: bool,
}

impl Flow {
    /// Text inside the current paragraph.
    pub fn text(&mut self, s: &str) {
        if !self.full {
            self.para.push_str(s);
        }
    }

    /// A paragraph opens (inside another one, such as a text box in a
    /// paragraph, it comes out before the rest of the outer one).
    pub fn begin_paragraph(&mut self) {
        if self.outer.len() < 1024 {
            self.outer.push(std::mem::take(&mut self.para));
        }
    }

    /// A paragraph closes: it is written, and the paragraph it interrupted,
    /// if any, goes on.
    pub fn end_paragraph(&mut self) {
        self.flush();
        self.para = self.outer.pop().unwrap_or_default();
    }

    /// Writes the current paragraph (nothing when it is empty).
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        let para = para.trim();
        if para.is_empty() || self.full {
            return;
        }
        if self.tables > 0 {
            if !self.cell.is_empty() {
                self.cell.push(' ');
            }
            self.cell.push_str(para);
        } else {
            self.push_out(para);
            self.push_out("\n\n");
        }
    }

    /// A table opens.
    pub fn start_table(&mut self) {
        self.flush();
        self.tables += 1;
    }

    /// A cell of the outermost table ends (an inner table's cells are
    /// text of the outer cell).
    pub fn end_cell(&mut self) {
        self.flush();
        if self.tables == 1 {
            let cell = std::mem::take(&mut self.cell);
            // A cell on one line: the row is the line.
            self.cells.push(cell.replace(['\n', '\t'], " "));
        }
    }

    /// A row of the outermost table ends: one line.
    pub fn end_row(&mut self) {
        self.flush();
        if self.tables == 1 {
            let cells = std::mem::take(&mut self.cells);
            if cells.iter().any(|c| !c.trim().is_empty()) {
                let line = cells.join("\t");
                self.push_out(line.trim_end());
                self.push_out("\n");
            }
        }
    }

    /// A table closes.
    pub fn end_table(&mut self) {
        self.flush();
        if self.tables == 1 {
            // A row left open by a broken file still counts.
            if !self.cells.is_empty() || !self.cell.is_empty() {
                self.end_cell();
                self.end_row();
            }
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.push_out("\n");
            }
        }
        self.tables = self.tables.saturating_sub(1);
    }

    /// Appends another flow's text (notes after what they annotate).
    pub fn append(&mut self, other: Flow) {
        let text = other.finish();
        if !text.is_empty() {
            self.flush();
            self.push_out(text.trim_end());
            self.push_out("\n\n");
        }
    }

    fn push_out(&mut self, s: &str) {
        if self.full {
            return;
        }
        if self.out.len() + s.len() > MAX_DOCUMENT_BYTES {
            self.full = true;
            return;
        }
        self.out.push_str(s);
    }

    /// The text, ending in one newline (empty when there is none).
    pub fn finish(mut self) -> String {
        self.flush();
        while let Some(outer) = self.outer.pop() {
            self.para = outer;
            self.flush();
        }
        while self.tables > 0 {
            self.end_table();
        }
        let mut text = self.out.trim_end().to_string();
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_table_rows() {
        let mut f = Flow::default();
        f.text("The council met.");
        f.end_paragraph();
        f.start_table();
        for row in [["Name", "Vote"], ["Ana Lind", "yes"]] {
            for c in row {
                f.text(c);
                f.end_paragraph();
                f.end_cell();
            }
            f.end_row();
        }
        f.end_table();
        f.text("It adjourned.");
        assert_eq!(f.finish(), "The council met.\n\nName\tVote\nAna Lind\tyes\n\nIt adjourned.\n");
    }

    #[test]
    fn a_nested_table_is_text_of_its_cell() {
        let mut f = Flow::default();
        f.start_table();
        f.text("outer");
        f.end_paragraph();
        f.start_table();
        f.text("inner");
        f.end_cell();
        f.end_row();
        f.end_table();
        f.end_cell();
        f.end_row();
        f.end_table();
        assert_eq!(f.finish(), "outer inner\n");
    }
}
