//! Spreadsheets as text: `.xlsx` (here), `.ods` (`odf.rs`) and `.csv`.
//!
//! Each sheet is its name on a line, a blank line, then one line per row
//! with the cells separated by tabs (a tab or line break inside a cell is a
//! space); empty rows are left out, a blank line separates sheets. A CSV
//! file is one sheet without a name. Cells show what the file stores: the
//! text, the number as written, `TRUE`/`FALSE`, and for a number whose
//! style is a date format, the date (`2024-03-05`, or with its time).
//! Formulas are not text, their last computed value is.
//!
//! At most [`MAX_SHEET_CELLS`] non-empty cells are read from one file: past
//! them the text stops with a warning naming the sheet.

use std::io::{Read, Seek};

use super::ooxml::relationships;
use super::xml::{Node, Skip, Xml};
use super::{Extracted, Package};
use crate::limits::{MAX_DOCUMENT_BYTES, MAX_SHEET_CELLS};

/// Most empty cells kept between two others of a row: a hostile sheet
/// placing one cell in column A and one in column XFD gives a short line.
pub(crate) const MAX_GAP: usize = 64;

/// The cells of one row, as read.
#[derive(Default)]
pub(crate) struct Row {
    cells: Vec<String>,
    /// Empty cells met since the last non-empty one.
    gap: usize,
}

impl Row {
    /// `text` in the next `times` cells.
    pub fn push(&mut self, text: &str, times: usize) {
        if text.is_empty() {
            self.gap = self.gap.saturating_add(times);
            return;
        }
        let gap = self.gap.min(MAX_GAP);
        self.cells.extend(std::iter::repeat_n(String::new(), gap));
        self.gap = 0;
        let cell = text.replace(['\t', '\n', '\r'], " ");
        // Repeats beyond the budget would be cut anyway.
        self.cells.extend(std::iter::repeat_n(cell, times.min(MAX_SHEET_CELLS + 1)));
    }

    /// Moves to column `col` (0-based), when the file says where a cell is.
    pub fn at_column(&mut self, col: usize) {
        let next = self.cells.len() + self.gap;
        if col > next {
            self.gap += col - next;
        }
    }
}

/// The text of a workbook's sheets, within the cell budget.
#[derive(Default)]
pub(crate) struct Sheets {
    out: String,
    cells: usize,
    sheet: String,
    stop: Option<String>,
}

impl Sheets {
    /// A sheet begins: its name as a heading line (none when empty).
    pub fn sheet(&mut self, name: &str) {
        if self.stop.is_some() {
            return;
        }
        self.sheet = name.to_string();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        let name = name.trim();
        if !name.is_empty() {
            self.out.push_str(name);
            self.out.push_str("\n\n");
        }
    }

    /// One row; false once the budget is spent (nothing more is kept).
    pub fn row(&mut self, row: &Row) -> bool {
        if self.stop.is_some() {
            return false;
        }
        let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
        if filled == 0 {
            return true;
        }
        self.cells += filled;
        if self.cells > MAX_SHEET_CELLS {
            self.stop = Some(format!(
                "spreadsheet of more than {MAX_SHEET_CELLS} cells: cut in sheet {:?}",
                self.sheet
            ));
            return false;
        }
        let line = row.cells.join("\t");
        if self.out.len() + line.len() + 1 > MAX_DOCUMENT_BYTES {
            self.stop = Some(super::cut_warning());
            return false;
        }
        self.out.push_str(&line);
        self.out.push('\n');
        true
    }

    /// Whether the budget is spent.
    pub fn stopped(&self) -> bool {
        self.stop.is_some()
    }

    /// The text, and the warning of a cut.
    pub fn finish(self) -> (String, Option<String>) {
        let mut text = self.out.trim_end().to_string();
        if !text.is_empty() {
            text.push('\n');
        }
        (text, self.stop)
    }
}

/// A CSV (or TSV, or semicolon-separated) file: decoded like any text,
/// its separator the most frequent of `,`, `;` and tab on the first line.
pub(crate) fn csv(bytes: &[u8], tab_separated: bool) -> Extracted {
    let decoded = crate::decode::decode(bytes, None, false);
    let mut out = Extracted::default();
    if decoded.had_errors {
        out.warnings.push(format!("undecodable bytes as {} replaced by U+FFFD", decoded.encoding));
    }
    let text = decoded.text;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if tab_separated {
        b'\t'
    } else {
        [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
            .unwrap_or(b',')
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheets = Sheets::default();
    for (n, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(format!("row {}: {e}; the rest of the file is not read", n + 1));
                break;
            }
        };
        let mut row = Row::default();
        for field in record.iter() {
            row.push(field.trim(), 1);
        }
        if !sheets.row(&row) {
            break;
        }
    }
    let (text, warning) = sheets.finish();
    out.text = text;
    out.warnings.extend(warning);
    out
}

/// An Excel workbook: the sheets in the workbook's order.
pub(crate) fn xlsx<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let main = super::ooxml::main_part(pkg)?.unwrap_or_else(|| "xl/workbook.xml".to_string());
    let rels = relationships(pkg, &main)?;
    let workbook = pkg.part(&main)?;
    let mut sheets_in_order = Vec::new();
    let mut date1904 = false;
    let mut xml = Xml::new(&workbook, &main);
    while let Some(node) = xml.next()? {
        let Node::Open(tag) = node else { continue };
        match tag.name.as_str() {
            "workbookPr" => date1904 = matches!(tag.attr("date1904"), Some("1" | "true")),
            "sheet" => {
                let target = tag.prefixed_attr("id").and_then(|id| rels.iter().find(|r| r.id == id));
                if let Some(rel) = target {
                    sheets_in_order.push((tag.attr("name").unwrap_or("").to_string(), rel.target.clone()));
                }
            }
            _ => {}
        }
    }
    let strings = match rels.iter().find(|r| r.kind.ends_with("/sharedStrings")) {
        Some(rel) => shared_strings(pkg, &rel.target.clone())?,
        None => Vec::new(),
    };
    let dates = match rels.iter().find(|r| r.kind.ends_with("/styles")) {
        Some(rel) => date_styles(pkg, &rel.target.clone())?,
        None => Vec::new(),
    };
    let mut sheets = Sheets::default();
    for (name, part) in sheets_in_order {
        sheets.sheet(&name);
        let bytes = pkg.large_part(&part)?;
        let cut = !pkg.warnings.is_empty();
        read_worksheet(&bytes, &part, &strings, &dates, date1904, &mut sheets).or_else(|e| {
            // A sheet cut at the size bound ends where its bytes do.
            if cut {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        if sheets.stopped() {
            break;
        }
    }
    let mut out = super::ooxml::core_properties(pkg)?;
    let (text, warning) = sheets.finish();
    out.text = text;
    out.warnings.extend(warning);
    Ok(out)
}

/// The rows of one worksheet part.
fn read_worksheet(
    bytes: &[u8],
    part: &str,
    strings: &[String],
    dates: &[bool],
    date1904: bool,
    sheets: &mut Sheets,
) -> Result<(), String> {
    let mut xml = Xml::new(bytes, part);
    let mut row = Row::default();
    // The cell being read: its type, style, and value or inline text.
    let mut cell: Option<(Option<String>, usize, String)> = None;
    let mut in_value = false;
    let mut skip = Skip::default();
    while let Some(node) = xml.next()? {
        match node {
            Node::Open(tag) => {
                if skip.enter(matches!(tag.name.as_str(), "f" | "rPh" | "extLst")) {
                    continue;
                }
                match tag.name.as_str() {
                    "row" => row = Row::default(),
                    "c" => {
                        if let Some(col) = tag.attr("r").and_then(column) {
                            row.at_column(col);
                        }
                        let style = tag.attr("s").and_then(|s| s.parse().ok()).unwrap_or(0);
                        cell = Some((tag.attr("t").map(str::to_string), style, String::new()));
                    }
                    "v" | "t" => in_value = true,
                    _ => {}
                }
            }
            Node::Close(name) => {
                if skip.leave() {
                    continue;
                }
                match name.as_str() {
                    "v" | "t" => in_value = false,
                    "c" => {
                        if let Some((kind, style, value)) = cell.take() {
                            let shown = show(
                                kind.as_deref(),
                                &value,
                                strings,
                                dates.get(style) == Some(&true),
                                date1904,
                            );
                            row.push(shown.trim(), 1);
                        }
                    }
                    "row" => {
                        let kept = sheets.row(&std::mem::take(&mut row));
                        if !kept {
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(t) => {
                if let Some((_, _, value)) = cell.as_mut().filter(|_| in_value && !skip.active()) {
                    value.push_str(&t);
                }
            }
        }
    }
    Ok(())
}

/// What a cell shows, from its type (`t`), stored value and style.
fn show(kind: Option<&str>, value: &str, strings: &[String], is_date: bool, date1904: bool) -> String {
    match kind {
        Some("s") => {
            value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).cloned().unwrap_or_default()
        }
        Some("b") => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        Some("str" | "inlineStr" | "e") => value.to_string(),
        _ if is_date => value
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|v| serial_date(v, date1904))
            .unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}

/// The 0-based column of a cell reference (`C7` → 2).
fn column(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference.bytes().take_while(u8::is_ascii_alphabetic).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters.iter().fold(0usize, |n, &b| n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize);
    Some(n - 1)
}

/// An Excel date serial as ISO 8601: `2024-03-05`, with `THH:MM:SS` when
/// it has a time of day. The 1900 system counts from 1899-12-30 (Excel
/// takes 1900 for a leap year, so serials before March 1900 are off by
/// one there and here alike); the 1904 system from 1904-01-01.
fn serial_date(serial: f64, date1904: bool) -> Option<String> {
    if !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = if date1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let days = serial.floor();
    let seconds = ((serial - days) * 86_400.0).round() as i64;
    let at =
        base.and_hms_opt(0, 0, 0)? + chrono::Duration::days(days as i64) + chrono::Duration::seconds(seconds);
    Some(if seconds == 0 {
        at.format("%Y-%m-%d").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S").to_string()
    })
}

/// The shared strings table: each `si`'s text runs (phonetic guides left
/// out).
fn shared_strings<R: Read + Seek>(pkg: &mut Package<R>, part: &str) -> Result<Vec<String>, String> {
    let Some(bytes) = pkg.optional_part(part)? else { return Ok(Vec::new()) };
    let mut xml = Xml::new(&bytes, part);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut skip) = (false, Skip::default());
    while let Some(node) = xml.next()? {
        match node {
            Node::Open(tag) => {
                if skip.enter(tag.name == "rPh") {
                    continue;
                }
                match tag.name.as_str() {
                    "si" => current = Some(String::new()),
                    "t" => in_t = true,
                    _ => {}
                }
            }
            Node::Close(name) => {
                if skip.leave() {
                    continue;
                }
                match name.as_str() {
                    "si" => out.extend(current.take()),
                    "t" => in_t = false,
                    _ => {}
                }
            }
            Node::Text(t) => {
                if let Some(s) = current.as_mut().filter(|_| in_t && !skip.active()) {
                    s.push_str(&t);
                }
            }
        }
    }
    Ok(out)
}

/// For each cell style (`cellXfs` in order), whether its number format
/// shows a date.
fn date_styles<R: Read + Seek>(pkg: &mut Package<R>, part: &str) -> Result<Vec<bool>, String> {
    let Some(bytes) = pkg.optional_part(part)? else { return Ok(Vec::new()) };
    let mut xml = Xml::new(&bytes, part);
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut styles = Vec::new();
    let mut in_xfs = false;
    while let Some(node) = xml.next()? {
        match node {
            Node::Open(tag) => match tag.name.as_str() {
                "numFmt" => {
                    if let (Some(id), Some(code)) =
                        (tag.attr("numFmtId").and_then(|i| i.parse().ok()), tag.attr("formatCode"))
                    {
                        custom.push((id, is_date_format(code)));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = tag.attr("numFmtId").and_then(|i| i.parse().ok()).unwrap_or(0);
                    let date =
                        custom.iter().find(|(c, _)| *c == id).map(|(_, d)| *d).unwrap_or(builtin_date(id));
                    styles.push(date);
                }
                _ => {}
            },
            Node::Close(name) if name == "cellXfs" => in_xfs = false,
            _ => {}
        }
    }
    Ok(styles)
}

/// Built-in number formats that show dates or times.
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// A format code shows a date when it has a day, month or year letter
/// outside quoted text and brackets (`[Red]`, `[$-409]`).
fn is_date_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_dates_and_formats() {
        assert_eq!(column("A1"), Some(0));
        assert_eq!(column("AA10"), Some(26));
        assert_eq!(column("XFD1048576"), Some(16383));
        assert_eq!(serial_date(45356.0, false).as_deref(), Some("2024-03-05"));
        assert_eq!(serial_date(45356.5, false).as_deref(), Some("2024-03-05T12:00:00"));
        assert_eq!(serial_date(43894.0, true).as_deref(), Some("2024-03-05"));
        assert!(is_date_format("dd/mm/yyyy"));
        assert!(!is_date_format("#,##0.00 \"dm\""));
        assert!(!is_date_format("[Red]0.00"));
    }

    #[test]
    fn rows_keep_gaps_up_to_a_bound() {
        let mut row = Row::default();
        row.push("a", 1);
        row.at_column(3);
        row.push("d", 1);
        row.at_column(16383);
        row.push("z", 1);
        assert_eq!(row.cells.join("|"), format!("a|||d{}|z", "|".repeat(MAX_GAP)));
    }

    #[test]
    fn the_cell_budget_cuts_with_a_warning() {
        let mut sheets = Sheets::default();
        sheets.sheet("Huge");
        let mut row = Row::default();
        row.push("x", MAX_SHEET_CELLS / 2);
        assert!(sheets.row(&row));
        assert!(sheets.row(&row));
        assert!(!sheets.row(&row));
        let (text, warning) = sheets.finish();
        assert_eq!(text.lines().count(), 4);
        assert!(warning.unwrap().contains("cut in sheet \"Huge\""));
    }

    #[test]
    fn csv_separators_quotes_and_names() {
        let got = csv(b"name;role\n\"Lind, Ana\";mayor\n\nOkoro;\"said \"\"no\"\"\"\n", false);
        assert_eq!(got.text, "name\trole\nLind, Ana\tmayor\nOkoro\tsaid \"no\"\n");
        let got = csv(b"a\tb\n1\t2\n", true);
        assert_eq!(got.text, "a\tb\n1\t2\n");
    }
}
