//! What a user types in the search box, read by dossier itself (not by
//! tantivy's query parser, whose grammar rejects `Kosovo's`, `U.S.:` or
//! `http://…` and whose parse time doubles with each nested parenthesis).
//!
//! The language is small and every string is a valid query:
//!
//! - words: all required (`Osh clashes`); punctuation inside a word is
//!   read as the index reads text, so `Kosovo's` or `d'Ivoire` match the
//!   words next to each other;
//! - `"a phrase"` (straight or curly quotes): the words in this order;
//! - `a OR b`: either (`OR` in capitals; `AND` is the default and may be
//!   written);
//! - `-word`, `-"a phrase"`, `-(a OR b)`: excluded;
//! - `title:word`, `text:word`, `title:"a phrase"`, `site:name`,
//!   `site:"two words"`: in that field only;
//! - `( … )`: grouping.
//!
//! Anything else is taken literally. A query whose advanced syntax is
//! malformed (an unbalanced quote or parenthesis, a dangling `OR`) is
//! searched as its plain words, with a [`UserQuery::notice`] saying so.
//!
//! Limits are checked before parsing, in one pass over the characters:
//! [`MAX_QUERY_CHARS`] characters, [`MAX_QUERY_WORDS`] words and
//! [`MAX_QUERY_DEPTH`] nested parentheses. The parser is recursive descent
//! over at most that many tokens, so its time is linear in the query.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::index::Fields;

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most whitespace-separated words in a query.
pub const MAX_QUERY_WORDS: usize = 64;
/// Deepest nesting of parentheses.
pub const MAX_QUERY_DEPTH: usize = 8;

/// Boost of a title match over a text match.
const TITLE_BOOST: f32 = 2.0;

/// Where words are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title or text.
    Any,
    /// Title only.
    Title,
    /// Text only.
    Text,
    /// The site (one keyword, case-insensitive).
    Site,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Words that must appear together, in order (one word or a phrase).
    Words(Scope, String),
    /// Every positive part, none of the negated ones.
    All(Vec<(bool, Node)>),
    /// Any of the parts.
    Any(Vec<Node>),
}

/// A query as understood, and what the user should be told about it.
#[derive(Debug, Clone, PartialEq)]
pub struct UserQuery {
    /// The query tree.
    pub node: Node,
    /// Set when the advanced syntax was malformed and the words were
    /// searched as written instead.
    pub notice: Option<String>,
}

/// Checks the limits, then parses. Fails only beyond the limits, with a
/// message saying which and by how much.
pub fn parse(q: &str) -> Result<UserQuery, String> {
    check_limits(q)?;
    let tokens = lex(q);
    let mut p = Parser { tokens: &tokens, at: 0 };
    match p.seq(0) {
        Ok(node) => Ok(UserQuery { node, notice: None }),
        Err(why) => Ok(UserQuery {
            node: literal(q),
            notice: Some(format!("{why}: searched for the words as written")),
        }),
    }
}

/// The limits, checked in one pass before any parsing.
fn check_limits(q: &str) -> Result<(), String> {
    let (mut chars, mut words, mut depth, mut deepest, mut in_word) = (0usize, 0usize, 0usize, 0usize, false);
    for c in q.chars() {
        chars += 1;
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    if chars > MAX_QUERY_CHARS {
        return Err(format!("search query too long: {chars} characters (at most {MAX_QUERY_CHARS})"));
    }
    if words > MAX_QUERY_WORDS {
        return Err(format!("search query too long: {words} words (at most {MAX_QUERY_WORDS})"));
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(format!("search query nests parentheses {deepest} deep (at most {MAX_QUERY_DEPTH})"));
    }
    Ok(())
}

/// The plain words of a query, all required.
fn literal(q: &str) -> Node {
    Node::All(q.split_whitespace().map(|w| (false, Node::Words(Scope::Any, w.to_string()))).collect())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    /// A quoted run, and whether its closing quote was found.
    Quoted(String, bool),
    Word(String),
}

/// Tokens, each with whether whitespace (or the start) comes before it.
fn lex(q: &str) -> Vec<(Tok, bool)> {
    let is_quote = |c: char| matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}');
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    let mut spaced = true;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let tok = match c {
            '(' => Tok::Open,
            ')' => Tok::Close,
            c if is_quote(c) => {
                let mut s = String::new();
                let mut closed = false;
                for d in chars.by_ref() {
                    if is_quote(d) {
                        closed = true;
                        break;
                    }
                    s.push(d);
                }
                Tok::Quoted(s, closed)
            }
            c => {
                let mut s = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || d == '(' || d == ')' || is_quote(d) {
                        break;
                    }
                    s.push(d);
                    chars.next();
                }
                Tok::Word(s)
            }
        };
        out.push((tok, spaced));
        spaced = false;
    }
    out
}

struct Parser<'a> {
    tokens: &'a [(Tok, bool)],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at).map(|t| &t.0)
    }

    /// Whether the token after the current one follows it without space.
    fn next_glued(&self) -> bool {
        self.tokens.get(self.at + 1).is_some_and(|t| !t.1)
    }

    /// Items up to the end or a closing parenthesis (left unread).
    fn seq(&mut self, depth: usize) -> Result<Node, &'static str> {
        let mut items: Vec<(bool, Node)> = Vec::new();
        let mut or_pending = false;
        loop {
            match self.peek() {
                None => break,
                Some(Tok::Close) if depth == 0 => return Err("unbalanced parenthesis"),
                Some(Tok::Close) => break,
                Some(Tok::Word(w)) if w == "AND" => {
                    self.at += 1;
                    continue;
                }
                Some(Tok::Word(w)) if w == "OR" => {
                    if or_pending || items.last().is_none_or(|i| i.0) {
                        return Err("OR without a word before it");
                    }
                    or_pending = true;
                    self.at += 1;
                    continue;
                }
                Some(_) => {}
            }
            let (negated, node) = self.item(depth)?;
            if or_pending {
                if negated {
                    return Err("OR before an excluded word");
                }
                let Some((_, last)) = items.pop() else { return Err("OR without a word before it") };
                let either = match last {
                    Node::Any(mut parts) => {
                        parts.push(node);
                        Node::Any(parts)
                    }
                    other => Node::Any(vec![other, node]),
                };
                items.push((false, either));
                or_pending = false;
            } else {
                items.push((negated, node));
            }
        }
        if or_pending {
            return Err("OR without a word after it");
        }
        Ok(Node::All(items))
    }

    /// One item: an optionally negated word, phrase, field or group.
    fn item(&mut self, depth: usize) -> Result<(bool, Node), &'static str> {
        let Some(tok) = self.peek().cloned() else { return Err("unexpected end") };
        match tok {
            Tok::Word(w) if w == "-" && self.next_glued() => {
                self.at += 1;
                let (negated, node) = self.item(depth)?;
                if negated {
                    return Err("a doubly excluded word");
                }
                Ok((true, node))
            }
            Tok::Word(w) if w.len() > 1 && w.starts_with('-') => {
                self.at += 1;
                Ok((true, self.word(&w[1..])?))
            }
            Tok::Word(w) => {
                self.at += 1;
                Ok((false, self.word(&w)?))
            }
            Tok::Quoted(s, closed) => {
                if !closed {
                    return Err("unbalanced quote");
                }
                self.at += 1;
                Ok((false, Node::Words(Scope::Any, s)))
            }
            Tok::Open => {
                if depth >= MAX_QUERY_DEPTH {
                    return Err("parentheses nested too deep");
                }
                self.at += 1;
                let inner = self.seq(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err("unbalanced parenthesis");
                }
                self.at += 1;
                Ok((false, inner))
            }
            Tok::Close => Err("unbalanced parenthesis"),
        }
    }

    /// A word just read (without its `-`): a field prefix takes the rest
    /// of the word, or the quoted phrase glued to it.
    fn word(&mut self, w: &str) -> Result<Node, &'static str> {
        let field = w.split_once(':').and_then(|(f, rest)| {
            let scope = match f {
                "title" => Scope::Title,
                "text" => Scope::Text,
                "site" => Scope::Site,
                _ => return None,
            };
            Some((scope, rest))
        });
        match field {
            Some((scope, "")) => match self.tokens.get(self.at) {
                Some((Tok::Quoted(s, closed), false)) => {
                    if !closed {
                        return Err("unbalanced quote");
                    }
                    self.at += 1;
                    Ok(Node::Words(scope, s.clone()))
                }
                Some((Tok::Open, false)) => Err("a field before parentheses"),
                _ => Ok(Node::Words(Scope::Any, w.to_string())),
            },
            Some((scope, rest)) => Ok(Node::Words(scope, rest.to_string())),
            None => Ok(Node::Words(Scope::Any, w.to_string())),
        }
    }
}

/// Builds tantivy queries from a parsed query.
pub struct Builder {
    /// The index fields.
    pub fields: Fields,
    /// The analyzer titles and texts were indexed with.
    pub analyzer: TextAnalyzer,
}

impl Builder {
    /// The query for `node`; with `positive_only`, negated parts are left
    /// out (the terms snippets highlight). `None`: nothing to search for
    /// (words that are all punctuation).
    pub fn build(&mut self, node: &Node, positive_only: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::Words(scope, text) => self.words(*scope, text),
            Node::Any(parts) => {
                let subs: Vec<(Occur, Box<dyn Query>)> = parts
                    .iter()
                    .filter_map(|p| self.build(p, positive_only))
                    .map(|q| (Occur::Should, q))
                    .collect();
                match subs.len() {
                    0 => None,
                    1 => subs.into_iter().next().map(|(_, q)| q),
                    _ => Some(Box::new(BooleanQuery::new(subs))),
                }
            }
            Node::All(items) => {
                let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (negated, part) in items {
                    if *negated && positive_only {
                        continue;
                    }
                    if let Some(q) = self.build(part, positive_only) {
                        subs.push((if *negated { Occur::MustNot } else { Occur::Must }, q));
                    }
                }
                if subs.is_empty() {
                    return None;
                }
                if subs.iter().all(|(o, _)| *o == Occur::MustNot) {
                    // Only exclusions: everything else.
                    subs.push((Occur::Must, Box::new(AllQuery)));
                }
                if subs.len() == 1 && subs[0].0 == Occur::Must {
                    return subs.pop().map(|(_, q)| q);
                }
                Some(Box::new(BooleanQuery::new(subs)))
            }
        }
    }

    /// The top-level query: nothing to search for matches nothing.
    pub fn query(&mut self, node: &Node, positive_only: bool) -> Box<dyn Query> {
        self.build(node, positive_only).unwrap_or_else(|| Box::new(EmptyQuery))
    }

    fn words(&mut self, scope: Scope, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        if scope == Scope::Site {
            let site = text.trim().to_lowercase();
            if site.is_empty() {
                return None;
            }
            let term = Term::from_field_text(f.site, &site);
            return Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        }
        let mut tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        stream.process(&mut |t| tokens.push((t.position, t.text.clone())));
        if tokens.is_empty() {
            return None;
        }
        let base = tokens[0].0;
        let in_field = |field| -> Box<dyn Query> {
            if tokens.len() == 1 {
                let term = Term::from_field_text(field, &tokens[0].1);
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
            } else {
                let terms = tokens.iter().map(|(p, t)| (p - base, Term::from_field_text(field, t))).collect();
                Box::new(PhraseQuery::new_with_offset(terms))
            }
        };
        Some(match scope {
            Scope::Title => in_field(f.title),
            Scope::Text => in_field(f.text),
            _ => Box::new(BooleanQuery::new(vec![
                (Occur::Should, Box::new(BoostQuery::new(in_field(f.title), TITLE_BOOST)) as Box<dyn Query>),
                (Occur::Should, in_field(f.text)),
            ])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Words(Scope::Any, s.into())
    }

    fn all(items: Vec<(bool, Node)>) -> Node {
        Node::All(items)
    }

    #[test]
    fn what_people_type_is_read_literally() {
        for q in
            ["Kosovo's", "O'Brien", "Côte d'Ivoire", "Russia to U.S.: Get Real", "http://example.org/a?b=c"]
        {
            let got = parse(q).unwrap();
            assert_eq!(got.notice, None, "{q}");
            assert_eq!(got.node, literal(q), "{q}");
        }
    }

    #[test]
    fn advanced_syntax_keeps_its_meaning() {
        let got =
            parse("\"border clashes\" Osh OR Jalalabad -curfew title:Kyrgyz site:\"Steppe Herald\"").unwrap();
        assert_eq!(got.notice, None);
        assert_eq!(
            got.node,
            all(vec![
                (false, w("border clashes")),
                (false, Node::Any(vec![w("Osh"), w("Jalalabad")])),
                (true, w("curfew")),
                (false, Node::Words(Scope::Title, "Kyrgyz".into())),
                (false, Node::Words(Scope::Site, "Steppe Herald".into())),
            ])
        );
        let got = parse("-(a OR b) c AND “curly quotes”").unwrap();
        assert_eq!(
            got.node,
            all(vec![
                (true, all(vec![(false, Node::Any(vec![w("a"), w("b")]))])),
                (false, w("c")),
                (false, w("curly quotes")),
            ])
        );
        // A word that merely contains a colon is a word.
        assert_eq!(parse("ratio:3").unwrap().node, all(vec![(false, w("ratio:3"))]));
    }

    #[test]
    fn malformed_syntax_falls_back_to_the_words_once() {
        for (q, why) in [
            ("\"unbalanced quote", "unbalanced quote"),
            ("title:(", "a field before parentheses"),
            ("(a b", "unbalanced parenthesis"),
            ("a b)", "unbalanced parenthesis"),
            ("OR a", "OR without a word before it"),
            ("a OR", "OR without a word after it"),
            ("a OR -b", "OR before an excluded word"),
        ] {
            let got = parse(q).unwrap();
            let notice = got.notice.unwrap_or_else(|| panic!("{q}: no notice"));
            assert!(notice.starts_with(why), "{q}: {notice}");
            assert_eq!(got.node, literal(q), "{q}");
        }
    }

    #[test]
    fn limits_are_checked_before_parsing() {
        let deep = format!("{}x{}", "(".repeat(MAX_QUERY_DEPTH + 1), ")".repeat(MAX_QUERY_DEPTH + 1));
        assert!(parse(&deep).unwrap_err().contains("nests parentheses 9 deep"));
        let ok = format!("{}x{}", "(".repeat(MAX_QUERY_DEPTH), ")".repeat(MAX_QUERY_DEPTH));
        assert_eq!(parse(&ok).unwrap().notice, None);
        assert!(parse(&"a".repeat(MAX_QUERY_CHARS + 1)).unwrap_err().contains("1001 characters"));
        assert!(parse(&"a ".repeat(MAX_QUERY_WORDS + 1)).unwrap_err().contains("65 words"));
        // Unbalanced opening parentheses deeper than the limit are refused too.
        assert!(parse(&"(".repeat(40)).is_err());
    }

    #[test]
    fn parse_time_is_linear() {
        // The worst inputs within the limits parse in well under a millisecond each.
        let inputs = [
            format!("{}a{}", "(".repeat(8), ")".repeat(8)),
            "(a OR (b OR (c OR (d OR (e OR (f OR (g OR (h))))))))".to_string(),
            "\"".repeat(MAX_QUERY_CHARS),
            "-".repeat(MAX_QUERY_CHARS),
            "a OR ".repeat(MAX_QUERY_WORDS / 2),
        ];
        let start = std::time::Instant::now();
        for _ in 0..100 {
            for q in &inputs {
                let _ = parse(q);
            }
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
    }
}
