//! A small, non-recursive HTML tag scanner used where building a DOM is
//! unsafe or wasteful.
//!
//! Two jobs: [`profile`] measures an HTML string's nesting depth cheaply
//! before it is handed to html5ever (whose tree builder is quadratic on very
//! deep nesting and whose consumers may recurse), and [`flat_text`] produces a
//! plain text rendering of a page in one linear pass, used as the fallback
//! when the DOM path is refused (too deep, too big) or yields nothing. The
//! scanner is lenient by design: any byte sequence is accepted and produces
//! some events, never a panic.

/// Elements whose content is raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Void elements (never have an end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose end tag is optional; they are not counted as nesting
/// because pages routinely leave them open.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "tbody", "thead",
    "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content the flat text rendering leaves out: non-content and
/// typical page furniture.
const FLAT_SKIP: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "object",
    "canvas",
    "figcaption",
    "dialog",
];

/// Elements that start a new paragraph in the flat rendering.
const FLAT_BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "figure",
    "address",
    "center",
    "details",
    "summary",
    "hr",
];

/// Elements that start a new line in the flat rendering.
const FLAT_LINE: &[&str] = &["br", "li", "dt", "dd", "tr"];

/// What the scanner sees.
enum Event<'a> {
    /// Character data, entities not yet decoded.
    Text(&'a str),
    /// A start tag: lower-cased name and whether it was written `<x/>`.
    Start(&'a str, bool),
    /// An end tag (name as written; compare case-insensitively).
    End(&'a str),
    /// The length of a raw-text element's content (script, style…), skipped.
    Raw(usize),
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':'
}

fn one_of(name: &str, set: &[&str]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Finds the `>` closing a tag whose attributes start at `from`, honouring
/// quoted attribute values. Returns the index of `>`, or `None`.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut prev_eq = false;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i),
            q @ (b'"' | b'\'') if prev_eq => {
                i += 1 + b[i + 1..].iter().position(|&c| c == q)?;
                prev_eq = false;
            }
            b'=' => prev_eq = true,
            c if c.is_ascii_whitespace() => {}
            _ => prev_eq = false,
        }
        i += 1;
    }
    None
}

/// Finds the case-insensitive `</name` at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.as_bytes();
    let mut i = from;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > n.len()
            && rest[1..=n.len()].eq_ignore_ascii_case(n)
            && !rest.get(n.len() + 1).is_some_and(|&c| is_name_byte(c))
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Walks `html` and calls `f` for every event, in one linear pass.
fn scan<'a>(html: &'a str, mut f: impl FnMut(Event<'a>)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        let Some(off) = b[i..].iter().position(|&c| c == b'<') else { break };
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let kind = if next.is_ascii_alphabetic() {
            1
        } else if next == b'/' && b.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            2
        } else if next == b'!' || next == b'?' {
            3
        } else {
            0
        };
        if kind == 0 {
            i = lt + 1;
            continue;
        }
        if lt > text_start {
            f(Event::Text(&html[text_start..lt]));
        }
        match kind {
            3 => {
                // Comment, doctype, CDATA or processing instruction.
                let end = if b[lt..].starts_with(b"<!--") {
                    find_sub(b, lt + 4, b"-->").map(|e| e + 3)
                } else {
                    b[lt..].iter().position(|&c| c == b'>').map(|e| lt + e + 1)
                };
                i = end.unwrap_or(b.len());
            }
            _ => {
                let name_start = lt + if kind == 1 { 1 } else { 2 };
                let mut name_end = name_start;
                while name_end < b.len() && is_name_byte(b[name_end]) {
                    name_end += 1;
                }
                let name = &html[name_start..name_end];
                let Some(gt) = tag_end(b, name_end) else {
                    i = b.len();
                    text_start = i;
                    break;
                };
                i = gt + 1;
                if kind == 2 {
                    f(Event::End(name));
                } else {
                    let self_closing = gt > name_end && b[gt - 1] == b'/';
                    f(Event::Start(name, self_closing));
                    if !self_closing && one_of(name, RAW_TEXT) {
                        let end = find_end_tag(b, i, name).unwrap_or(b.len());
                        f(Event::Raw(end - i));
                        f(Event::End(name));
                        i = match end {
                            e if e >= b.len() => b.len(),
                            e => tag_end(b, e + 2).map(|g| g + 1).unwrap_or(b.len()),
                        };
                    }
                }
            }
        }
        text_start = i;
    }
    if text_start < b.len() {
        f(Event::Text(&html[text_start..]));
    }
}

fn find_sub(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..].windows(pat.len()).position(|w| w == pat).map(|p| from + p)
}

/// Structural measurements of an HTML string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Largest nesting depth of elements that need an end tag.
    pub max_depth: usize,
    /// Number of start tags.
    pub tags: usize,
    /// Bytes outside raw-text elements (scripts and styles are cheap to
    /// parse and never content, so they do not count towards size limits).
    pub markup_bytes: usize,
}

/// Measures `html` without building a tree (linear time, constant stack).
pub(crate) fn profile(html: &str) -> Profile {
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut tags = 0usize;
    // Inside SVG or MathML `<x/>` really is empty; in HTML the slash is
    // ignored and `<div/>` opens an element like `<div>`.
    let mut foreign = 0usize;
    let mut raw_bytes = 0usize;
    let nests = |name: &str| !one_of(name, VOID) && !one_of(name, OPTIONAL_END) && !one_of(name, RAW_TEXT);
    scan(html, |ev| match ev {
        Event::Start(name, self_closing) => {
            tags += 1;
            let is_foreign_root = one_of(name, &["svg", "math"]);
            let empty = self_closing && (foreign > 0 || is_foreign_root);
            if !empty && nests(name) {
                depth += 1;
                max_depth = max_depth.max(depth);
                if is_foreign_root {
                    foreign += 1;
                }
            }
        }
        Event::End(name) => {
            if nests(name) {
                depth = depth.saturating_sub(1);
                if one_of(name, &["svg", "math"]) {
                    foreign = foreign.saturating_sub(1);
                }
            }
        }
        Event::Raw(len) => raw_bytes += len,
        Event::Text(_) => {}
    });
    Profile { max_depth, tags, markup_bytes: html.len() - raw_bytes.min(html.len()) }
}

/// Renders `html` as plain text in one pass: markup dropped, non-content
/// elements (scripts, navigation, forms, footers…) skipped, block elements
/// turned into paragraph breaks and entities decoded. The result still needs
/// [`super::text::normalize`].
pub(crate) fn flat_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 4);
    // The skipped element we are inside, and how many of that name are open.
    let mut skip: Option<(&str, usize)> = None;
    scan(html, |ev| match ev {
        Event::Start(name, self_closing) => {
            if let Some((s, n)) = &mut skip {
                if s.eq_ignore_ascii_case(name) && !self_closing {
                    *n += 1;
                }
                return;
            }
            if one_of(name, FLAT_SKIP) && !self_closing && !one_of(name, VOID) {
                if one_of(name, RAW_TEXT) {
                    return; // its End follows at once
                }
                skip = Some((name, 1));
            } else if one_of(name, FLAT_BLOCK) {
                out.push_str("\n\n");
            } else if one_of(name, FLAT_LINE) {
                out.push('\n');
            } else if one_of(name, &["td", "th"]) {
                out.push(' ');
            }
        }
        Event::End(name) => {
            if let Some((s, n)) = &mut skip {
                if s.eq_ignore_ascii_case(name) {
                    *n -= 1;
                    if *n == 0 {
                        skip = None;
                    }
                }
                return;
            }
            if one_of(name, FLAT_BLOCK) {
                out.push_str("\n\n");
            }
        }
        Event::Raw(_) => {}
        Event::Text(t) => {
            if skip.is_none() {
                decode_entities_into(t, &mut out);
            }
        }
    });
    out
}

/// Appends `s` to `out` with character references decoded (numeric ones and
/// the common named ones; unknown names are kept as written).
pub(crate) fn decode_entities_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let end = tail.bytes().take(32).position(|c| c == b';');
        let decoded = end.and_then(|e| decode_entity(&tail[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_counts_real_nesting_only() {
        let p = profile("<html><body><div><div><p>a<p>b<br><img src=x></div></div></body></html>");
        assert_eq!(p.max_depth, 2);
        assert_eq!(p.tags, 8);
        // Script contents are not markup.
        let html = "<div><script>if (a<b) { x = '<div><div><div>'; }</script></div>";
        let p = profile(html);
        assert_eq!(p.max_depth, 1);
        assert_eq!(p.markup_bytes, html.len() - 35);
        // Quoted `>` inside attributes does not end the tag.
        let p = profile(r#"<div title="a > b"><span data-x='<div>'>x</span></div>"#);
        assert_eq!(p.max_depth, 2);
        // `<div/>` nests in HTML; `<path/>` inside SVG does not.
        assert_eq!(profile("<div/><div/><div/>").max_depth, 3);
        assert_eq!(profile("<svg><path/><path/><g><path/></g></svg>").max_depth, 2);
    }

    #[test]
    fn flat_text_drops_furniture_and_separates_blocks() {
        let html = "<html><head><title>Tttl</title><style>p{}</style></head><body>\
            <nav><a href=/>Home</a></nav><h1>Head&amp;line</h1><p>One &ldquo;two&rdquo;</p>\
            <div>Three<br>four</div><!-- hidden --><footer>(c) Site</footer><script>var x;</script></body></html>";
        let t = flat_text(html);
        assert!(!t.contains("Home") && !t.contains("Site") && !t.contains("var") && !t.contains("Tttl"));
        assert!(!t.contains("hidden"));
        assert!(t.contains("Head&line"));
        assert!(t.contains("\n\nOne “two”\n\n"));
        assert!(t.contains("Three\nfour"));
    }

    #[test]
    fn scanner_survives_broken_markup() {
        for s in [
            "<",
            "<a",
            "<a href='x",
            "</",
            "<!--",
            "<div><script>never closed",
            "&",
            "&#xZZ;",
            "&#0;",
            "a<b>c",
        ] {
            let _ = profile(s);
            let _ = flat_text(s);
        }
        assert_eq!(flat_text("x &unknown; &#65;&#x42;"), "x &unknown; AB");
    }
}
