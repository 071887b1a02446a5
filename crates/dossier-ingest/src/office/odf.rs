//! OpenDocument: text (`.odt`), presentations (`.odp`) and spreadsheets
//! (`.ods`), all from `content.xml`, with `meta.xml` for the properties.
//!
//! Text is what `text:p` and `text:h` hold (whitespace collapsed as the
//! format says, `text:s` for kept spaces); footnotes and endnotes
//! (`text:note`) go after the body, a slide's notes after the slide (they
//! follow it in the file). Headers and footers live in `styles.xml` and are
//! not read; comments, deleted tracked changes, image titles and
//! descriptions, and slide number, date, header and footer frames are
//! skipped.

use std::io::{Read, Seek};

use super::flow::Flow;
use super::sheet::Sheets;
use super::xml::{Node, Skip, Xml};
use super::{Extracted, Package};

/// Elements whose content is never text, by qualified name (ODF writers
/// use the standard prefixes).
const SKIPPED: &[&str] = &[
    "text:tracked-changes",
    "office:annotation",
    "text:note-citation",
    "text:sequence-decls",
    "text:variable-decls",
    "text:user-field-decls",
    "office:forms",
    "office:scripts",
    "office:font-face-decls",
    "office:automatic-styles",
    "svg:title",
    "svg:desc",
];

/// Presentation frames that are page furniture.
const FURNITURE: &[&str] = &["page-number", "footer", "date-time", "header"];

/// A text document or a presentation.
pub(crate) fn text<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let content = pkg.part("content.xml")?;
    let mut xml = Xml::new(&content, "content.xml");
    let mut body = Flow::default();
    let mut notes = Flow::default();
    let mut skip = Skip::default();
    let mut in_note = 0usize;
    let mut in_para = 0usize;
    while let Some(node) = xml.next()? {
        if body.full || notes.full {
            break;
        }
        let flow = if in_note > 0 { &mut notes } else { &mut body };
        match node {
            Node::Open(tag) => {
                let furniture =
                    tag.name == "frame" && tag.attr("class").is_some_and(|c| FURNITURE.contains(&c));
                if skip.enter(furniture || SKIPPED.contains(&tag.qname.as_str())) {
                    continue;
                }
                match tag.name.as_str() {
                    "p" | "h" => {
                        in_para += 1;
                        flow.begin_paragraph();
                    }
                    "note" => in_note += 1,
                    "s" => {
                        let n = tag.attr("c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1);
                        flow.text(&" ".repeat(n.clamp(1, 100)));
                    }
                    "tab" => flow.text("\t"),
                    "line-break" => flow.text("\n"),
                    "table" => flow.start_table(),
                    _ => {}
                }
            }
            Node::Close(name) => {
                if skip.leave() {
                    continue;
                }
                match name.as_str() {
                    "p" | "h" => {
                        in_para = in_para.saturating_sub(1);
                        flow.end_paragraph();
                    }
                    "note" => in_note = in_note.saturating_sub(1),
                    "table-cell" | "covered-table-cell" => flow.end_cell(),
                    "table-row" => flow.end_row(),
                    "table" => flow.end_table(),
                    // A slide ends what it holds.
                    "page" => flow.end_paragraph(),
                    _ => {}
                }
            }
            Node::Text(t) => {
                if !skip.active() && in_para > 0 {
                    flow.text(&collapse(&t));
                }
            }
        }
    }
    let full = body.full || notes.full;
    body.append(notes);
    let mut out = meta(pkg)?;
    if full {
        out.warnings.push(super::cut_warning());
    }
    out.text = body.finish();
    Ok(out)
}

/// Runs of white space as one space, as ODF reads character data.
fn collapse(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A spreadsheet: each `table:table` a sheet, rows and cells with their
/// repeat counts (bounded by the cell budget, so a row "repeated" a
/// million times costs what its cells are worth and no more).
pub(crate) fn spreadsheet<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let content = pkg.large_part("content.xml")?;
    let mut xml = Xml::new(&content, "content.xml");
    let mut sheets = Sheets::default();
    let mut skip = Skip::default();
    let mut row = super::sheet::Row::default();
    let mut rows_repeated = 1usize;
    let mut cell: Option<(String, usize)> = None;
    let mut in_para = 0usize;
    loop {
        // A sheet cut short by the size bound ends where the bytes do.
        let node = match xml.next() {
            Ok(Some(n)) => n,
            Ok(None) => break,
            Err(e) if pkg.warnings.is_empty() => return Err(e),
            Err(_) => break,
        };
        if sheets.stopped() {
            break;
        }
        match node {
            Node::Open(tag) => {
                if skip.enter(SKIPPED.contains(&tag.qname.as_str())) {
                    continue;
                }
                match tag.name.as_str() {
                    "table" => sheets.sheet(tag.attr("name").unwrap_or("")),
                    "table-row" => {
                        row = Default::default();
                        rows_repeated = repeat(tag.attr("number-rows-repeated"));
                    }
                    "table-cell" | "covered-table-cell" => {
                        cell = Some((String::new(), repeat(tag.attr("number-columns-repeated"))));
                    }
                    "p" => {
                        in_para += 1;
                        if let Some((text, _)) = cell.as_mut().filter(|(t, _)| !t.is_empty()) {
                            text.push(' ');
                        }
                    }
                    "s" | "tab" | "line-break" => {
                        if let Some((text, _)) = cell.as_mut() {
                            text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Node::Close(name) => {
                if skip.leave() {
                    continue;
                }
                match name.as_str() {
                    "p" => in_para = in_para.saturating_sub(1),
                    "table-cell" | "covered-table-cell" => {
                        if let Some((text, times)) = cell.take() {
                            row.push(text.trim(), times);
                        }
                    }
                    "table-row" => {
                        let row = std::mem::take(&mut row);
                        for _ in 0..rows_repeated {
                            if !sheets.row(&row) {
                                break;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(t) => {
                if let Some((text, _)) = cell.as_mut().filter(|_| !skip.active() && in_para > 0) {
                    text.push_str(&collapse(&t));
                }
            }
        }
    }
    let mut out = meta(pkg)?;
    let (text, warning) = sheets.finish();
    out.text = text;
    out.warnings.extend(warning);
    Ok(out)
}

/// A repeat count attribute (1 when absent or unreadable).
fn repeat(v: Option<&str>) -> usize {
    v.and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).max(1)
}

/// Title, author and dates of `meta.xml`. ODF's `dc:creator` is who saved
/// the file last; the author is `meta:initial-creator` when it is there.
fn meta<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let mut out = Extracted::default();
    let Some(bytes) = pkg.optional_part("meta.xml")? else { return Ok(out) };
    let fields =
        leaf_texts(&bytes, "meta.xml", &["title", "initial-creator", "creator", "creation-date", "date"])?;
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    out.title = get("title").map(str::to_string);
    out.authors = get("initial-creator").or(get("creator")).map(super::split_authors).unwrap_or_default();
    out.published = super::published(get("creation-date"), get("date"));
    Ok(out)
}

/// The text of the first element of each of the local `names` in a
/// properties part, trimmed, non-empty.
pub(crate) fn leaf_texts(bytes: &[u8], part: &str, names: &[&str]) -> Result<Vec<(String, String)>, String> {
    let mut xml = Xml::new(bytes, part);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open: Option<(String, String)> = None;
    while let Some(node) = xml.next()? {
        match node {
            Node::Open(tag) if names.contains(&tag.name.as_str()) => open = Some((tag.name, String::new())),
            Node::Text(t) => {
                if let Some((_, text)) = open.as_mut() {
                    if text.len() < 4096 {
                        text.push_str(&t);
                    }
                }
            }
            Node::Close(name) => {
                if let Some((n, text)) = open.take_if(|(n, _)| *n == name) {
                    let text = text.trim().to_string();
                    if !text.is_empty() && !out.iter().any(|(k, _)| *k == n) {
                        out.push((n, text));
                    }
                }
            }
            Node::Open(_) => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses() {
        assert_eq!(collapse("a \n\t b"), "a b");
    }

    #[test]
    fn property_fields_are_read_once() {
        let xml = br#"<cp:coreProperties><dc:title> Dam report </dc:title><dc:creator>Ana Lind; Ben Okoro</dc:creator><dc:title>second</dc:title></cp:coreProperties>"#;
        let got = leaf_texts(xml, "core.xml", &["title", "creator"]).unwrap();
        assert_eq!(
            got,
            vec![("title".into(), "Dam report".into()), ("creator".into(), "Ana Lind; Ben Okoro".into())]
        );
    }
}
