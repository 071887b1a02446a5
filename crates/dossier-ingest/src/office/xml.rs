//! A small, safe view of an XML part for the office readers: elements by
//! their local name (prefixes differ between writers and between the
//! transitional and strict OOXML namespaces), attributes, and text.
//!
//! Safe on hostile parts: a DOCTYPE is ignored and no entity it declares is
//! ever expanded (only the five predefined ones and character references
//! are), so entity tricks ("billion laughs", external entities) yield
//! nothing; nesting is handled by the callers with explicit stacks, never
//! by recursion.

use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

/// One element's name and attributes.
pub(crate) struct Tag {
    /// The local name (`p` for `w:p`, `text:p` and `a:p`).
    pub name: String,
    /// The name as written, with its prefix (`svg:title`).
    pub qname: String,
    /// Attributes as (qualified name, value).
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn from(e: &BytesStart<'_>) -> Self {
        let name = e.local_name().into_inner().to_string();
        let qname = e.name().into_inner().to_string();
        let attrs = e
            .attributes()
            .with_checks(false)
            .filter_map(Result::ok)
            .map(|a| {
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string());
                (a.key.into_inner().to_string(), value)
            })
            .collect();
        Tag { name, qname, attrs }
    }

    /// The value of the attribute whose local name is `local` (any prefix).
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k.rsplit(':').next() == Some(local)).map(|(_, v)| v.as_str())
    }

    /// The value of the attribute named `local` with a prefix (`r:id`, not
    /// `id`: a slide id list carries both).
    pub fn prefixed_attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.split_once(':').is_some_and(|(_, l)| l == local))
            .map(|(_, v)| v.as_str())
    }
}

/// What the reader meets, in document order.
pub(crate) enum Node {
    /// An element opens (an empty element opens and then closes).
    Open(Tag),
    /// An element closes; its local name.
    Close(String),
    /// Character data, unescaped.
    Text(String),
}

/// A subtree being skipped (formatting, deleted text, comments …): the
/// elements opened inside it are counted so that the reader knows where
/// it ends.
#[derive(Default)]
pub(crate) struct Skip(usize);

impl Skip {
    /// An element opens: true when it is skipped (inside a skipped subtree,
    /// or `starts` one).
    pub fn enter(&mut self, starts: bool) -> bool {
        let skipped = self.0 > 0 || starts;
        if skipped {
            self.0 += 1;
        }
        skipped
    }

    /// An element closes: true when it was skipped.
    pub fn leave(&mut self) -> bool {
        let skipped = self.0 > 0;
        self.0 = self.0.saturating_sub(1);
        skipped
    }

    /// Whether the reader is inside a skipped subtree.
    pub fn active(&self) -> bool {
        self.0 > 0
    }
}

/// Reads the nodes of an XML part held in memory.
pub(crate) struct Xml<'a> {
    reader: quick_xml::Reader<quick_xml::encoding::DecodingReader<&'a [u8]>>,
    buf: Vec<u8>,
    /// The local name of an empty element just opened, closed next.
    pending_close: Option<String>,
    part: String,
}

impl<'a> Xml<'a> {
    /// A reader of `bytes`, the part named `part` (for messages).
    pub fn new(bytes: &'a [u8], part: &str) -> Self {
        let mut reader = quick_xml::Reader::from_reader(quick_xml::encoding::DecodingReader::new(bytes));
        reader.config_mut().check_end_names = true;
        Xml { reader, buf: Vec::new(), pending_close: None, part: part.to_string() }
    }

    /// The next node, `Ok(None)` at the end, or why the part is not XML.
    pub fn next(&mut self) -> Result<Option<Node>, String> {
        if let Some(name) = self.pending_close.take() {
            return Ok(Some(Node::Close(name)));
        }
        loop {
            self.buf.clear();
            let event = self
                .reader
                .read_event_into(&mut self.buf)
                .map_err(|e| format!("corrupt XML in {}: {e}", self.part))?;
            return Ok(Some(match event {
                Event::Start(e) => Node::Open(Tag::from(&e)),
                Event::Empty(e) => {
                    let tag = Tag::from(&e);
                    self.pending_close = Some(tag.name.clone());
                    Node::Open(tag)
                }
                Event::End(e) => Node::Close(e.local_name().into_inner().to_string()),
                Event::Text(t) => Node::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Node::Text(t.into_inner().into_owned()),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => Node::Text(c.to_string()),
                    _ if r.is_char_ref() => continue,
                    _ => match quick_xml::escape::resolve_predefined_entity(&r.into_inner()) {
                        Some(s) => Node::Text(s.to_string()),
                        // Declared in a DOCTYPE, or not at all: never expanded.
                        None => continue,
                    },
                },
                Event::Eof => return Ok(None),
                _ => continue,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> String {
        let mut x = Xml::new(xml.as_bytes(), "t.xml");
        let mut out = String::new();
        while let Some(n) = x.next().unwrap() {
            match n {
                Node::Open(t) => out.push_str(&format!("<{}>", t.name)),
                Node::Close(n) => out.push_str(&format!("</{n}>")),
                Node::Text(t) => out.push_str(&t),
            }
        }
        out
    }

    #[test]
    fn local_names_text_and_references() {
        assert_eq!(
            texts("<w:p><w:t>A &amp; B &#x41;&#66;</w:t><w:br/></w:p>"),
            "<p><t>A & B AB</t><br></br></p>"
        );
    }

    #[test]
    fn declared_entities_are_never_expanded() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY ext SYSTEM "file:///etc/passwd">]><r>x&b;&ext;y</r>"#;
        assert_eq!(texts(bomb), "<r>xy</r>");
    }

    #[test]
    fn broken_xml_is_an_error_naming_the_part() {
        let mut x = Xml::new(b"<a><b></a>", "word/document.xml");
        let err = loop {
            match x.next() {
                Err(e) => break e,
                Ok(None) => panic!("no error"),
                Ok(Some(_)) => {}
            }
        };
        assert!(err.contains("word/document.xml"), "{err}");
    }

    #[test]
    fn prefixed_attributes_are_told_from_plain_ones() {
        let mut x = Xml::new(br#"<p:sldId id="256" r:id="rId2"/>"#, "p.xml");
        let Some(Node::Open(t)) = x.next().unwrap() else { panic!() };
        assert_eq!(t.attr("id"), Some("256"));
        assert_eq!(t.prefixed_attr("id"), Some("rId2"));
    }
}
