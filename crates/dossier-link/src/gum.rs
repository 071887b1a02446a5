//! Reads GUM's CoNLL-U files (`../shared/data/linking/gum-news`): the text
//! of each document, rebuilt from its tokens, and its entity mentions with
//! their gold entity and Wikipedia title. Pure: the caller reads the file.
//!
//! GUM marks every mention (names, descriptions, pronouns) in the MISC
//! column: `Entity=(3-organization-new-sssss-cf1-5-coref-Afghan_Girls_Robotics_Team`
//! opens a mention of entity 3 (type, information status, salience,
//! centering, minimal span, link type, Wikipedia title), `3)` closes it.
//! The linker is measured on *named* mentions: those whose syntactic head is
//! a proper noun. Their span for linking is the proper-name core around the
//! head (`US President Donald Trump` → `Donald Trump`), which is what a
//! named-entity recogniser finds.

use dossier_core::{EntityLabel, Span};

/// One gold mention.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldMention {
    /// The proper-name core (bytes into [`GumDoc::text`]); for a mention that
    /// is not named, its whole span.
    pub span: Span,
    /// The whole annotated span.
    pub full: Span,
    /// GUM's entity type (`person`, `organization`, `place`, …).
    pub etype: String,
    /// The CoNLL class the type maps to.
    pub label: EntityLabel,
    /// The entity, unique within the document.
    pub entity: String,
    /// The Wikipedia title, when GUM gives one.
    pub title: Option<String>,
    /// Whether the head is a proper noun.
    pub named: bool,
}

/// One GUM document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GumDoc {
    /// GUM's document id (`GUM_news_afghan`).
    pub id: String,
    /// The text, tokens joined as the `SpaceAfter` marks say, sentences by a
    /// space, paragraphs by a blank line.
    pub text: String,
    /// Every mention, in order of their start.
    pub mentions: Vec<GoldMention>,
}

#[derive(Debug, Clone)]
struct Tok {
    form: String,
    upos: String,
    head: usize,
    span: Span,
}

struct Open {
    id: String,
    fields: Vec<String>,
    start: usize,
}

/// Parses a CoNLL-U file into documents. Malformed lines are skipped.
pub fn parse(contents: &str) -> Vec<GumDoc> {
    let mut docs: Vec<GumDoc> = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut ents: Vec<Ent> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut newpar = false;
    // A multi-word token (`Trump's` = `Trump` + `'s`): its last word id, span
    // and the words seen so far (form, upos, head, misc).
    let mut range: Option<(usize, Span, Vec<Word>)> = None;
    for line in contents.lines().chain(std::iter::once("")) {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            flush_sentence(&mut docs, &mut toks, &mut ents);
            range = None;
            if let Some(d) = docs.last_mut() {
                finish(d);
            }
            docs.push(GumDoc { id: id.trim().to_string(), ..Default::default() });
            newpar = false;
            open.clear();
            continue;
        }
        if line.starts_with("# newpar") && !line.starts_with("# newpar_") {
            newpar = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush_sentence(&mut docs, &mut toks, &mut ents);
            range = None;
            open.clear();
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        if docs.is_empty() {
            docs.push(GumDoc { id: "doc".into(), ..Default::default() });
        }
        let doc = docs.last_mut().expect("a document");
        if toks.is_empty() && range.is_none() && !doc.text.is_empty() {
            while doc.text.ends_with(' ') {
                doc.text.pop();
            }
            doc.text.push_str(if newpar { "\n\n" } else { " " });
        }
        newpar = false;
        let no_space = cols[9].split('|').any(|x| x == "SpaceAfter=No");
        if let Some((_, b)) = cols[0].split_once('-') {
            let start = doc.text.len();
            doc.text.push_str(cols[1]);
            let span = Span::new(start, doc.text.len());
            if !no_space {
                doc.text.push(' ');
            }
            range = Some((b.parse().unwrap_or(0), span, Vec::new()));
            continue;
        }
        let Ok(n) = cols[0].parse::<usize>() else { continue };
        let head = cols[6].parse().unwrap_or(0);
        if let Some((last, _, words)) = &mut range {
            words.push((cols[1].to_string(), cols[3].to_string(), head, cols[9].to_string()));
            if n >= *last {
                let (_, span, words) = range.take().expect("range");
                let joined: usize = words.iter().map(|w| w.0.len()).sum();
                let mut at = span.start;
                for (form, upos, head, misc) in words {
                    let s = if joined == span.len() {
                        at += form.len();
                        Span::new(at - form.len(), at)
                    } else {
                        span
                    };
                    toks.push(Tok { form, upos, head, span: s });
                    apply_entities(&misc, toks.len() - 1, &mut open, &mut ents);
                }
            }
            continue;
        }
        let start = doc.text.len();
        doc.text.push_str(cols[1]);
        let span = Span::new(start, doc.text.len());
        if !no_space {
            doc.text.push(' ');
        }
        toks.push(Tok { form: cols[1].to_string(), upos: cols[3].to_string(), head, span });
        apply_entities(cols[9], toks.len() - 1, &mut open, &mut ents);
    }
    if let Some(d) = docs.last_mut() {
        finish(d);
    }
    docs
}

/// A word of a multi-word token: form, upos, head, misc.
type Word = (String, String, usize, String);

/// A closed mention: entity id, fields, first and last token.
type Ent = (String, Vec<String>, usize, usize);

fn apply_entities(misc: &str, ti: usize, open: &mut Vec<Open>, ents: &mut Vec<Ent>) {
    let Some(val) = misc.split('|').find_map(|x| x.strip_prefix("Entity=")) else { return };
    let b = val.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != b'(' && b[j] != b')' {
                j += 1;
            }
            let fields: Vec<String> = val[start..j].splitn(8, '-').map(str::to_string).collect();
            let id = fields.first().cloned().unwrap_or_default();
            if j < b.len() && b[j] == b')' {
                ents.push((id, fields, ti, ti));
                i = j + 1;
            } else {
                open.push(Open { id, fields, start: ti });
                i = j;
            }
        } else if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let id = &val[start..i];
            if i < b.len() && b[i] == b')' {
                i += 1;
                if let Some(p) = open.iter().rposition(|o| o.id == id) {
                    let o = open.remove(p);
                    ents.push((o.id, o.fields, o.start, ti));
                }
            }
        } else {
            i += 1;
        }
    }
}

fn flush_sentence(docs: &mut [GumDoc], toks: &mut Vec<Tok>, ents: &mut Vec<Ent>) {
    let Some(doc) = docs.last_mut() else {
        toks.clear();
        ents.clear();
        return;
    };
    let spans: Vec<(usize, usize)> = ents.iter().map(|e| (e.2, e.3)).collect();
    for (id, fields, a, b) in ents.drain(..) {
        if a >= toks.len() || b >= toks.len() || b < a {
            continue;
        }
        let etype = fields.get(1).cloned().unwrap_or_default();
        let title = fields.get(7).filter(|t| !t.is_empty()).cloned();
        // Head: the first token whose head lies outside the mention.
        let inside = |h: usize| h > a && h <= b + 1;
        let head = (a..=b).find(|&t| !inside(toks[t].head)).unwrap_or(b);
        let named = toks[head].upos == "PROPN";
        // Tokens of a nested mention that does not hold the head belong to
        // another entity (`US` in `US President Donald Trump`).
        let nested = |t: usize| {
            spans.iter().any(|&(x, y)| {
                a <= x && y <= b && (x, y) != (a, b) && x <= t && t <= y && !(x <= head && head <= y)
            })
        };
        let (mut s, mut e) = (head, head);
        if named {
            // The name around the head: capitalised words (whatever their
            // tag: `United` is a verb in `United States`), numbers after
            // them, and connectors between them; never a nested mention of
            // another entity.
            let word = |t: usize| {
                let tk = &toks[t];
                !nested(t)
                    && !matches!(
                        tk.upos.as_str(),
                        "DET" | "PRON" | "PUNCT" | "ADP" | "CCONJ" | "SCONJ" | "PART" | "AUX"
                    )
                    && (tk.form.starts_with(char::is_uppercase) || tk.upos == "PROPN")
            };
            let joins = |t: usize| {
                !nested(t)
                    && matches!(
                        toks[t].form.as_str(),
                        "of" | "for" | "and" | "the" | "de" | "&" | "-" | "." | "on" | "in"
                    )
            };
            loop {
                if s > a && word(s - 1) {
                    s -= 1;
                } else if s > a + 1 && joins(s - 1) && word(s - 2) {
                    s -= 2;
                } else {
                    break;
                }
            }
            loop {
                if e < b && (word(e + 1) || toks[e + 1].upos == "NUM" && !nested(e + 1)) {
                    e += 1;
                } else if e + 1 < b && joins(e + 1) && word(e + 2) {
                    e += 2;
                } else {
                    break;
                }
            }
        } else {
            s = a;
            e = b;
        }
        let label = match etype.as_str() {
            "person" => EntityLabel::Per,
            "organization" => EntityLabel::Org,
            "place" => EntityLabel::Loc,
            _ => EntityLabel::Misc,
        };
        doc.mentions.push(GoldMention {
            span: Span::new(toks[s].span.start, toks[e].span.end),
            full: Span::new(toks[a].span.start, toks[b].span.end),
            etype,
            label,
            entity: id,
            title,
            named,
        });
    }
    toks.clear();
}

fn finish(d: &mut GumDoc) {
    while d.text.ends_with(' ') {
        d.text.pop();
    }
    // Keep one named mention per core span: the innermost.
    d.mentions.sort_by_key(|m| (m.span.start, m.span.end, m.full.len()));
    let mut seen = std::collections::HashSet::new();
    d.mentions.retain(|m| !m.named || seen.insert(m.span));
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = doc1
# newpar
# text = US President Donald Trump's team won.
1\tUS\tUS\tPROPN\tNNP\t_\t4\tcompound\t_\tEntity=(1-person-new-x-cf1-1-coref-Donald_Trump(2-place-new-x-cf2-1-coref-United_States)
2\tPresident\tpresident\tPROPN\tNNP\t_\t4\tcompound\t_\t_
3\tDonald\tDonald\tPROPN\tNNP\t_\t4\tflat\t_\t_
4-5\tTrump's\t_\t_\t_\t_\t_\t_\t_\t_
4\tTrump\tTrump\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\tEntity=1)
6\tteam\tteam\tNOUN\tNN\t_\t7\tnsubj\t_\t_
7\twon\twin\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

# newpar
# text = He smiled.
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-cf1-1-coref)
2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

    #[test]
    fn rebuilds_text_and_mentions() {
        let docs = parse(SAMPLE);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "US President Donald Trump's team won.\n\nHe smiled.");
        let named: Vec<(&str, &str, Option<&str>)> = d
            .mentions
            .iter()
            .filter(|m| m.named)
            .map(|m| (m.span.slice(&d.text), m.entity.as_str(), m.title.as_deref()))
            .collect();
        assert_eq!(
            named,
            vec![("US", "2", Some("United_States")), ("President Donald Trump", "1", Some("Donald_Trump"))]
        );
        let he = d.mentions.iter().find(|m| !m.named).unwrap();
        assert_eq!(he.span.slice(&d.text), "He");
        assert_eq!(he.label, EntityLabel::Per);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in
            ["", "\t\t\t", "1\tx\tx\tPROPN\t_\t_\t0\t_\t_\tEntity=(((\n", "1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n"]
        {
            let _ = parse(s);
        }
    }
}
