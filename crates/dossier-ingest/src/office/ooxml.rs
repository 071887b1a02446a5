//! Office Open XML: Word (`.docx`) and PowerPoint (`.pptx`) files, and the
//! package structure (relationships, document properties) that Excel files
//! (`sheet.rs`) share.
//!
//! WordprocessingML and DrawingML name their text elements alike (`p`
//! paragraph, `t` text, `br` break, `tbl`/`tr`/`tc` tables), so one walker
//! reads both. Formatting (`pPr`, `rPr`: they hold tab stops that are no
//! tabs), deleted text of tracked changes, field codes and the fallback
//! copy of drawings (`mc:Fallback`, the same text box again) are skipped.

use std::io::{Read, Seek};

use super::flow::Flow;
use super::xml::{Node, Skip, Tag, Xml};
use super::{Extracted, Package};

/// Elements whose content is never text.
const SKIPPED: &[&str] =
    &["pPr", "rPr", "delText", "instrText", "Fallback", "sectPr", "tblPr", "tcPr", "trPr"];

/// Placeholders of page furniture on slides and notes pages.
const FURNITURE: &[&str] = &["sldNum", "dt", "ftr", "hdr", "sldImg"];

/// Reads the paragraphs and tables of a WordprocessingML or DrawingML part
/// into `flow`.
pub(crate) fn walk(bytes: &[u8], part: &str, flow: &mut Flow) -> Result<(), String> {
    let mut xml = Xml::new(bytes, part);
    let mut skip = Skip::default();
    let mut in_text = 0usize;
    // One entry per open shape: whether it is page furniture.
    let mut shapes: Vec<bool> = Vec::new();
    while let Some(node) = xml.next()? {
        if flow.full {
            break;
        }
        match node {
            Node::Open(tag) => {
                if skip.enter(SKIPPED.contains(&tag.name.as_str())) {
                    continue;
                }
                let visible = !shapes.iter().any(|&f| f);
                match tag.name.as_str() {
                    "p" => flow.begin_paragraph(),
                    "t" => in_text += 1,
                    "tab" if visible => flow.text("\t"),
                    "br" | "cr" if visible => flow.text("\n"),
                    "noBreakHyphen" if visible => flow.text("-"),
                    "tbl" => flow.start_table(),
                    "sp" => shapes.push(false),
                    "ph" => mark_furniture(&tag, &mut shapes),
                    _ => {}
                }
            }
            Node::Close(name) => {
                if skip.leave() {
                    continue;
                }
                match name.as_str() {
                    "p" => flow.end_paragraph(),
                    "t" => in_text = in_text.saturating_sub(1),
                    "tc" => flow.end_cell(),
                    "tr" => flow.end_row(),
                    "tbl" => flow.end_table(),
                    "sp" => {
                        shapes.pop();
                    }
                    _ => {}
                }
            }
            Node::Text(t) => {
                if !skip.active() && in_text > 0 && !shapes.iter().any(|&f| f) {
                    flow.text(&t);
                }
            }
        }
    }
    Ok(())
}

fn mark_furniture(ph: &Tag, shapes: &mut [bool]) {
    if let (Some(kind), Some(shape)) = (ph.attr("type"), shapes.last_mut()) {
        *shape |= FURNITURE.contains(&kind);
    }
}

/// A `.docx`: the main document, then its footnotes and endnotes.
pub(crate) fn docx<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let main = main_part(pkg)?.unwrap_or_else(|| "word/document.xml".to_string());
    let mut flow = Flow::default();
    walk(&pkg.part(&main)?, &main, &mut flow)?;
    let rels = relationships(pkg, &main)?;
    for kind in ["/footnotes", "/endnotes"] {
        for rel in rels.iter().filter(|r| r.kind.ends_with(kind)) {
            if let Some(bytes) = pkg.optional_part(&rel.target)? {
                let mut notes = Flow::default();
                walk(&bytes, &rel.target, &mut notes)?;
                flow.append(notes);
            }
        }
    }
    finish(pkg, flow)
}

/// A `.pptx`: each slide in the presentation's order, then its notes.
pub(crate) fn pptx<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let main = main_part(pkg)?.unwrap_or_else(|| "ppt/presentation.xml".to_string());
    let rels = relationships(pkg, &main)?;
    let mut order = Vec::new();
    let presentation = pkg.part(&main)?;
    let mut xml = Xml::new(&presentation, &main);
    while let Some(node) = xml.next()? {
        if let Node::Open(tag) = node {
            if tag.name == "sldId" {
                if let Some(id) = tag.prefixed_attr("id") {
                    order.extend(rels.iter().find(|r| r.id == id).map(|r| r.target.clone()));
                }
            }
        }
    }
    let mut flow = Flow::default();
    for slide in order {
        let Some(bytes) = pkg.optional_part(&slide)? else { continue };
        walk(&bytes, &slide, &mut flow)?;
        let notes = relationships(pkg, &slide)?.into_iter().find(|r| r.kind.ends_with("/notesSlide"));
        if let Some(notes) = notes {
            if let Some(bytes) = pkg.optional_part(&notes.target)? {
                walk(&bytes, &notes.target, &mut flow)?;
            }
        }
    }
    finish(pkg, flow)
}

/// The text, the core properties, and a warning when the text was cut.
fn finish<R: Read + Seek>(pkg: &mut Package<R>, flow: Flow) -> Result<Extracted, String> {
    let mut out = core_properties(pkg)?;
    if flow.full {
        out.warnings.push(super::cut_warning());
    }
    out.text = flow.finish();
    Ok(out)
}

/// One relationship of a part: its id, type and target part.
pub(crate) struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// The relationships of `part` (`dir/_rels/name.rels`), targets resolved
/// to part names; external targets are left out.
pub(crate) fn relationships<R: Read + Seek>(pkg: &mut Package<R>, part: &str) -> Result<Vec<Rel>, String> {
    let (dir, name) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name =
        if dir.is_empty() { format!("_rels/{name}.rels") } else { format!("{dir}/_rels/{name}.rels") };
    let Some(bytes) = pkg.optional_part(&rels_name)? else { return Ok(Vec::new()) };
    let mut xml = Xml::new(&bytes, &rels_name);
    let mut out = Vec::new();
    while let Some(node) = xml.next()? {
        let Node::Open(tag) = node else { continue };
        if tag.name != "Relationship" || tag.attr("TargetMode") == Some("External") {
            continue;
        }
        if let (Some(id), Some(kind), Some(target)) = (tag.attr("Id"), tag.attr("Type"), tag.attr("Target")) {
            out.push(Rel { id: id.to_string(), kind: kind.to_string(), target: resolve(dir, target) });
        }
    }
    Ok(out)
}

/// A relationship target relative to the folder `dir` of its source part,
/// as a part name (`../media/x` climbs, `/xl/x` is absolute).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|p| !p.is_empty()).collect() };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The package's main part, from its root relationships.
pub(crate) fn main_part<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Option<String>, String> {
    Ok(relationships(pkg, "")?.into_iter().find(|r| r.kind.ends_with("/officeDocument")).map(|r| r.target))
}

/// Title, creator and dates of `docProps/core.xml` (where the root
/// relationships put it).
pub(crate) fn core_properties<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Extracted, String> {
    let name = relationships(pkg, "")?
        .into_iter()
        .find(|r| r.kind.ends_with("/core-properties"))
        .map(|r| r.target)
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let mut out = Extracted::default();
    let Some(bytes) = pkg.optional_part(&name)? else { return Ok(out) };
    let fields = super::odf::leaf_texts(&bytes, &name, &["title", "creator", "created", "modified"])?;
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    out.title = get("title").map(str::to_string);
    out.authors = get("creator").map(super::split_authors).unwrap_or_default();
    out.published = super::published(get("created"), get("modified"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(
            resolve("ppt/slides", "../notesSlides/notesSlide1.xml"),
            "ppt/notesSlides/notesSlide1.xml"
        );
        assert_eq!(resolve("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("a", "../../../../etc/passwd"), "etc/passwd");
    }

    #[test]
    fn word_runs_tabs_breaks_tables_and_skipped_parts() {
        let xml = r#"<w:document><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>Mayor</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Ana Lind </w:t></w:r><w:del><w:r><w:delText>removed</w:delText></w:r></w:del><w:r><w:br/><w:t>said yes.</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Vote</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Ana</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:fldChar/><w:instrText>PAGE</w:instrText><w:t>yes</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>The end.</w:t></w:r></w:p></w:body></w:document>"#;
        let mut flow = Flow::default();
        walk(xml.as_bytes(), "d.xml", &mut flow).unwrap();
        assert_eq!(flow.finish(), "Mayor\tAna Lind \nsaid yes.\n\nName\tVote\nAna\tyes\n\nThe end.\n");
    }

    #[test]
    fn a_text_box_is_read_once_and_slide_furniture_not_at_all() {
        let xml = r#"<w:p><w:r><w:t>Before</w:t></w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent><w:r><w:t> after.</w:t></w:r></w:p>"#;
        let mut flow = Flow::default();
        walk(xml.as_bytes(), "d.xml", &mut flow).unwrap();
        assert_eq!(flow.finish(), "Boxed\n\nBefore after.\n");
        let slide = r#"<p:sld><p:cSld><p:spTree>
            <p:sp><p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>Budget</a:t></a:r></a:p></p:txBody></p:sp>
            <p:sp><p:nvSpPr><p:nvPr><p:ph type="sldNum"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:fld><a:t>7</a:t></a:fld></a:p></p:txBody></p:sp>
            </p:spTree></p:cSld></p:sld>"#;
        let mut flow = Flow::default();
        walk(slide.as_bytes(), "s.xml", &mut flow).unwrap();
        assert_eq!(flow.finish(), "Budget\n");
    }
}
