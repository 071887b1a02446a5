//! Makes a parsed PDF safe for pdf-extract. pdf-extract recurses
//! without a bound where a PDF links back to itself, and unbounded
//! recursion overflows the stack, which kills the process however the
//! call is wrapped (no panic to catch). Two links are cut here first:
//!
//! - a form object that draws itself, directly, through other forms, or
//!   through the resources it inherits from whatever draws it (a form
//!   without `/Resources` resolves `/X Do` in its caller's resources), and
//!   chains of forms deeper than [`MAX_FORM_DEPTH`];
//! - `/Parent` links of the page tree that loop or climb further than
//!   [`MAX_PARENT_CHAIN`]: pdf-extract climbs them for a page's inherited
//!   resources and media box, forever on a loop.
//!
//! The guard must see every link pdf-extract follows, or it is no guard:
//! pdf-extract draws *any* stream an XObject name points to, whatever its
//! `/Subtype`, and it follows chains of references (`6 0 obj 5 0 R`) to
//! the end, as lopdf's `get_object` does. So here a "form" is every
//! stream some resources name as an XObject, and every reference is
//! followed the same way ([`end_of_chain`]). Each gap was a SIGSEGV or a hang
//! of the pdf fuzz target (docs/reliability.md, issue #17).
//!
//! Image data is also set aside while the glyphs are read (pdf-extract
//! would parse it as drawing commands) and put back for OCR.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Most forms drawn one inside another (real documents nest a few; each
/// level costs pdf-extract about 2 KB of stack).
pub const MAX_FORM_DEPTH: usize = 32;

/// Most `/Parent` links climbed from one node of the page tree (lopdf
/// walks page trees at most 256 deep; real ones are a few levels).
pub const MAX_PARENT_CHAIN: usize = 256;

/// Image data set aside, to be put back with [`restore`].
pub type Images = HashMap<ObjectId, Vec<u8>>;

/// Cuts what would make pdf-extract recurse without end (see the module
/// comment) and sets image data aside; says what was cut in `warnings`.
pub fn defuse(doc: &mut Document, warnings: &mut Vec<String>) -> Images {
    let cut = cut_parent_loops(doc);
    if cut > 0 {
        warnings.push(format!("{cut} page-tree link(s) loop or climb too far: cut"));
    }
    let mut images = HashMap::new();
    for (id, obj) in doc.objects.iter() {
        let Object::Stream(s) = obj else { continue };
        if let Ok(b"Image") = s.dict.get(b"Subtype").and_then(Object::as_name) {
            images.insert(*id, Vec::new());
        }
    }
    for (id, data) in images.iter_mut() {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(id) {
            *data = std::mem::take(&mut s.content);
        }
    }
    let by_name = xobjects_by_name(doc);
    let mut forms: Vec<ObjectId> = by_name
        .values()
        .flatten()
        .copied()
        .filter(|id| matches!(doc.objects.get(id), Some(Object::Stream(_))))
        .collect();
    forms.sort();
    forms.dedup();
    let graph = form_graph(doc, &forms, &by_name);
    let cyclic: Vec<ObjectId> = forms.iter().copied().filter(|&f| reaches(&graph, f, f)).collect();
    if !cyclic.is_empty() {
        warnings.push(format!("{} form object(s) draw themselves: not drawn", cyclic.len()));
        empty(doc, &cyclic);
    }
    let too_deep = deeper_than(&graph, &cyclic, MAX_FORM_DEPTH);
    if !too_deep.is_empty() {
        warnings.push(format!(
            "{} form object(s) nest more than {MAX_FORM_DEPTH} deep: not drawn",
            too_deep.len()
        ));
        empty(doc, &too_deep);
    }
    images
}

/// Puts back the image data [`defuse`] set aside.
pub fn restore(doc: &mut Document, images: Images) {
    for (id, data) in images {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.content = data;
        }
    }
}

/// Forms that draw nothing.
fn empty(doc: &mut Document, forms: &[ObjectId]) {
    for id in forms {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(id) {
            s.content.clear();
            s.dict.remove(b"Filter");
        }
    }
}

/// Removes the `/Parent` link that closes each loop of the page tree, or
/// that starts the climb past [`MAX_PARENT_CHAIN`]; returns how many.
fn cut_parent_loops(doc: &mut Document) -> usize {
    // Nodes are the dictionaries themselves, at the end of any chain of
    // references (pdf-extract climbs with `get_dictionary`, which follows
    // them): a loop through an object that is only `5 0 R` is a loop.
    let parent = |doc: &Document, id: ObjectId| -> Option<ObjectId> {
        let up = doc.objects.get(&id)?.as_dict().ok()?.get(b"Parent").ok()?.as_reference().ok()?;
        end_of_chain(doc, up)
    };
    let nodes: Vec<ObjectId> = doc.objects.keys().copied().filter(|&id| parent(doc, id).is_some()).collect();
    // Nodes whose climb is known to end well.
    let mut sound: HashSet<ObjectId> = HashSet::new();
    let mut cut = 0;
    for start in nodes {
        let mut path = vec![start];
        let mut on_path: HashSet<ObjectId> = HashSet::from([start]);
        let mut node = start;
        while let Some(up) = parent(doc, node) {
            if sound.contains(&up) {
                break;
            }
            if on_path.contains(&up) || path.len() >= MAX_PARENT_CHAIN {
                if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&node) {
                    d.remove(b"Parent");
                }
                cut += 1;
                break;
            }
            path.push(up);
            on_path.insert(up);
            node = up;
        }
        sound.extend(path);
    }
    cut
}

/// Every XObject name of every resources in the file, with the objects
/// it stands for. pdf-extract only takes resources from pages, page-tree
/// nodes and forms, all of them objects of their own, so looking at the
/// `/Resources` of every object misses none.
fn xobjects_by_name(doc: &Document) -> HashMap<Vec<u8>, Vec<ObjectId>> {
    let mut by_name: HashMap<Vec<u8>, Vec<ObjectId>> = HashMap::new();
    for obj in doc.objects.values() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        for (name, target) in xobjects(doc, dict) {
            by_name.entry(name).or_default().push(target);
        }
    }
    by_name
}

/// For each form, the forms it may draw. A form with resources of its
/// own draws the forms they name; one without draws, by name, from
/// whatever resources it is drawn with, so every form that any resources
/// name under a name its content draws is counted.
fn form_graph(
    doc: &Document,
    forms: &[ObjectId],
    by_name: &HashMap<Vec<u8>, Vec<ObjectId>>,
) -> HashMap<ObjectId, Vec<ObjectId>> {
    let mut graph = HashMap::new();
    for &id in forms {
        let Some(Object::Stream(s)) = doc.objects.get(&id) else { continue };
        let edges: Vec<ObjectId> = if own_resources(doc, &s.dict).is_some() {
            xobjects(doc, &s.dict).into_iter().map(|(_, target)| target).collect()
        } else {
            let content = if s.filters().is_ok() {
                s.decompressed_content().unwrap_or_else(|_| s.content.clone())
            } else {
                s.content.clone()
            };
            drawn_names(&content).iter().filter_map(|n| by_name.get(n)).flatten().copied().collect()
        };
        graph.insert(id, edges);
    }
    graph
}

/// A dictionary's `/Resources`, when they are a dictionary (else
/// pdf-extract uses the caller's).
fn own_resources<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    resolve(doc, dict.get(b"Resources").ok()?)
}

/// The dictionary an object is or points to, through any chain of
/// references (as pdf-extract reads it).
fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(obj).ok()?.1.as_dict().ok()
}

/// The object at the end of a chain of references from `id`, as lopdf's
/// `get_object` finds it (`None` when the chain breaks or is too long).
fn end_of_chain(doc: &Document, id: ObjectId) -> Option<ObjectId> {
    match doc.dereference(&Object::Reference(id)) {
        Ok((Some(end), _)) => Some(end),
        _ => None,
    }
}

/// The XObjects a dictionary's resources name: (name, object at the end
/// of the reference).
fn xobjects(doc: &Document, dict: &Dictionary) -> Vec<(Vec<u8>, ObjectId)> {
    let Some(resources) = own_resources(doc, dict) else { return Vec::new() };
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| resolve(doc, o)) else {
        return Vec::new();
    };
    xobjects
        .iter()
        .filter_map(|(name, v)| Some((name.clone(), end_of_chain(doc, v.as_reference().ok()?)?)))
        .collect()
}

/// Every name in a content stream that may draw something (`/Logo Do`),
/// or none when it has no `Do` operator. All names are kept, not only
/// those before a `Do`: counting a font's name too costs nothing, missing
/// a drawn one could let a form recurse. `Do` is looked for as lopdf's
/// content parser finds operators, which need no space before them
/// (`/X ()Do`, `/X trueDo`): any `Do` not followed by another operator
/// byte counts, even one inside a string.
fn drawn_names(content: &[u8]) -> HashSet<Vec<u8>> {
    let operator_byte = |b: &u8| b.is_ascii_alphabetic() || b"*'\"".contains(b);
    let draws = content
        .windows(2)
        .enumerate()
        .any(|(at, pair)| pair == b"Do" && content.get(at + 2).is_none_or(|next| !operator_byte(next)));
    if !draws {
        return HashSet::new();
    }
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    let mut names = HashSet::new();
    let mut i = 0;
    while i < content.len() {
        if content[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let is_name = content[i] == b'/';
        i += 1;
        while i < content.len() && !delimiter(content[i]) {
            i += 1;
        }
        if is_name {
            names.insert(unescape_name(&content[start + 1..i]));
        }
    }
    names
}

/// A name's `#xx` escapes decoded, as lopdf reads them (two hex digits).
fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match (raw[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'#', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// True when form `from` draws `target` (through any chain of forms).
fn reaches(graph: &HashMap<ObjectId, Vec<ObjectId>>, from: ObjectId, target: ObjectId) -> bool {
    let mut seen = HashSet::new();
    let mut stack: Vec<ObjectId> = graph.get(&from).cloned().unwrap_or_default();
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if seen.insert(id) {
            stack.extend(graph.get(&id).into_iter().flatten());
        }
    }
    false
}

/// The forms with more than `max` levels of forms below and including
/// them (the emptied `cyclic` ones count as one level), so that what is
/// left nests at most `max` deep.
fn deeper_than(graph: &HashMap<ObjectId, Vec<ObjectId>>, cyclic: &[ObjectId], max: usize) -> Vec<ObjectId> {
    let mut height: HashMap<ObjectId, usize> = cyclic.iter().map(|&id| (id, 1)).collect();
    for &root in graph.keys() {
        // Depth-first without recursion: a node is measured once all it
        // draws are.
        let mut stack = vec![(root, false)];
        while let Some((id, children_done)) = stack.pop() {
            if height.contains_key(&id) {
                continue;
            }
            let children = graph.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            if children_done {
                let below = children.iter().filter_map(|c| height.get(c)).max().copied().unwrap_or(0);
                height.insert(id, below + 1);
            } else {
                stack.push((id, true));
                stack.extend(children.iter().filter(|c| !height.contains_key(c)).map(|&c| (c, false)));
            }
        }
    }
    let mut deep: Vec<ObjectId> = height.into_iter().filter(|&(_, h)| h > max).map(|(id, _)| id).collect();
    deep.sort();
    deep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_names_are_every_name_of_a_stream_that_draws() {
        let names = drawn_names(b"q 1 0 0 1 0 0 cm /Im#31 Do Q BT /F1 12 Tf ET");
        assert!(names.contains(b"Im1".as_slice()) && names.contains(b"F1".as_slice()), "{names:?}");
        assert!(drawn_names(b"BT /F1 12 Tf (Done) Tj ET").is_empty(), "Done is not Do");
        assert!(drawn_names(b"BT /F1 12 Tf (no drawing) Tj ET").is_empty());
        assert!(drawn_names(b"/A/B Do").contains(b"A".as_slice()));
    }

    #[test]
    fn do_needs_no_space_before_it() {
        // lopdf reads operands and the operator Do from each of these.
        for content in [b"/X ()Do".as_slice(), b"/X []Do", b"/X trueDo", b"/X 1Do", b"/X Do"] {
            let names = drawn_names(content);
            assert!(names.contains(b"X".as_slice()), "{:?}", String::from_utf8_lossy(content));
        }
    }

    #[test]
    fn names_decode_only_two_hex_digits() {
        assert_eq!(unescape_name(b"A#20B"), b"A B");
        assert_eq!(unescape_name(b"A#+1"), b"A#+1", "a sign is not a hex digit");
    }

    #[test]
    fn depth_counts_the_longest_chain() {
        let id = |n: u32| (n, 0);
        // 1 -> 2 -> 3 -> 4, and 5 -> 4.
        let graph: HashMap<ObjectId, Vec<ObjectId>> = [
            (id(1), vec![id(2)]),
            (id(2), vec![id(3)]),
            (id(3), vec![id(4)]),
            (id(4), vec![]),
            (id(5), vec![id(4)]),
        ]
        .into_iter()
        .collect();
        assert_eq!(deeper_than(&graph, &[], 2), vec![id(1), id(2)]);
        assert!(deeper_than(&graph, &[], 4).is_empty());
    }
}
