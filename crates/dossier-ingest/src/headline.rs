//! Title and byline of a plain-text document, read from its first lines.
//!
//! A saved article in a `.txt` file usually starts with its headline, often
//! followed by a byline (`By Jane Doe`, `Jane Doe, Reuters`). Without them a
//! text document would have no title at all, and every view would fall back
//! to its file name. The rules are conservative: a first line that reads as
//! a sentence (a final full stop, too long) is no headline, and only an
//! explicit byline form gives authors — an empty field beats a wrong one.

/// The longest headline, in characters.
const MAX_HEADLINE_CHARS: usize = 160;
/// The most words a headline has.
const MAX_HEADLINE_WORDS: usize = 24;
/// How many non-blank lines after the headline may hold the byline.
const BYLINE_WINDOW: usize = 4;

/// Wire services and broadcasters that follow a reporter's name in a
/// `Jane Doe, Reuters` byline.
const AGENCIES: &[&str] = &[
    "Reuters",
    "AP",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "BBC News",
    "CNN",
    "RFE/RL",
    "TASS",
    "Xinhua",
    "dpa",
    "ANSA",
    "EFE",
    "Interfax",
    "RIA Novosti",
    "Kyodo",
    "Yonhap",
    "UPI",
];

/// Titles that precede a name in a byline and are not part of it.
const HONORIFICS: &[&str] = &["Dr.", "Dr", "Prof.", "Prof", "Professor", "Mr.", "Mrs.", "Ms.", "Sir"];

/// What the first lines of a text say about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TextMeta {
    /// The headline, Markdown stripped.
    pub title: Option<String>,
    /// Authors named by a byline.
    pub authors: Vec<String>,
}

/// Reads the headline and byline at the top of `text`.
pub fn text_meta(text: &str) -> TextMeta {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(1 + BYLINE_WINDOW);
    let Some(first) = lines.next() else { return TextMeta::default() };
    let mut meta = TextMeta::default();
    if let Some(authors) = byline(first) {
        // A text that opens with its byline has no headline before it.
        meta.authors = authors;
        return meta;
    }
    meta.title = headline(first);
    if meta.title.is_some() {
        meta.authors = lines.find_map(byline).unwrap_or_default();
    }
    meta
}

/// `line` as a headline, when it reads as one: short, with letters, and no
/// final full stop (`U.S.` at the end is an abbreviation, not a stop).
fn headline(line: &str) -> Option<String> {
    let s = strip_markdown(line.trim_start_matches('#').trim());
    let s = s.trim();
    let words = s.split_whitespace().count();
    if s.chars().count() > MAX_HEADLINE_CHARS || words == 0 || words > MAX_HEADLINE_WORDS {
        return None;
    }
    if !s.chars().any(char::is_alphabetic) || s.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    if s.ends_with([',', ';', ':']) {
        return None;
    }
    if s.ends_with('.') && !ends_with_abbreviation(s) {
        return None;
    }
    Some(s.to_string())
}

/// The last word is a dotted abbreviation such as `U.S.` or `U.N.`.
fn ends_with_abbreviation(s: &str) -> bool {
    let last = s.rsplit(char::is_whitespace).next().unwrap_or("");
    let parts: Vec<&str> = last.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// The authors a byline line names: `By A and B`, `By A, B`, or `A, Reuters`.
fn byline(line: &str) -> Option<Vec<String>> {
    let s = strip_markdown(line);
    let s = s.trim();
    let names = if let Some(rest) = s.strip_prefix("By ").or_else(|| s.strip_prefix("BY ")) {
        // `By Jane Doe, Reuters`: the agency is not an author.
        let rest = match rest.rsplit_once(',') {
            Some((names, tail)) if is_agency(tail.trim()) => names,
            _ => rest,
        };
        rest.trim()
    } else {
        let (name, tail) = s.rsplit_once(',')?;
        if !is_agency(tail.trim()) {
            return None;
        }
        name.trim()
    };
    let authors: Vec<String> = names
        .split(" and ")
        .flat_map(|part| part.split(", "))
        .map(|n| strip_honorific(n.trim()).to_string())
        .filter(|n| !n.is_empty())
        .collect();
    (!authors.is_empty() && authors.iter().all(|a| looks_like_a_name(a))).then_some(authors)
}

fn is_agency(s: &str) -> bool {
    AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(s))
}

fn strip_honorific(name: &str) -> &str {
    let mut name = name;
    while let Some((first, rest)) = name.split_once(' ') {
        if !HONORIFICS.contains(&first) {
            break;
        }
        name = rest.trim_start();
    }
    name
}

/// Two to five words, each starting with a capital (name particles such as
/// `van`, `de`, `al-` allowed), no digits.
fn looks_like_a_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && !s.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["van", "von", "de", "der", "da", "di", "du", "la", "le", "bin", "ibn"].contains(w)
                || w.starts_with("al-")
                || w.starts_with("el-")
        })
}

/// `s` without Markdown emphasis and with links reduced to their text:
/// `*A* [B](#)` → `A B`.
fn strip_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| after[close..].find(')').map(|end| (close, close + end))) {
            Some((close, end)) => {
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").trim_matches(|c| c == '*' || c == '_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> (Option<String>, Vec<String>) {
        let m = text_meta(text);
        (m.title, m.authors)
    }

    #[test]
    fn a_markdown_heading_and_a_linked_byline() {
        let text =
            "\n\n# Floods close the port of Durban\n\nBy [Dr. Thandi Mokoena](#)\n\nRain fell for days.\n";
        assert_eq!(
            meta(text),
            (Some("Floods close the port of Durban".into()), vec!["Thandi Mokoena".to_string()])
        );
    }

    #[test]
    fn a_plain_headline_with_no_byline() {
        assert_eq!(
            meta("Talks resume in Geneva!\n\nDelegates met on Monday.\n"),
            (Some("Talks resume in Geneva!".into()), vec![])
        );
        assert_eq!(meta("Moscow to U.S.\nThe ministry said so.\n").0.as_deref(), Some("Moscow to U.S."));
    }

    #[test]
    fn a_first_sentence_is_no_headline() {
        let text = "The council voted on Tuesday to close the bridge for repairs.\nWork starts in May.\n";
        assert_eq!(meta(text), (None, vec![]));
        let long = "Officials in three provinces said that the new rules on water use would be \
                    enforced from the spring, although farmers have asked for more time to adapt";
        assert_eq!(meta(long).0, None);
        assert_eq!(meta("the quiet start of a lower-case note\n").0, None);
        assert_eq!(meta("\n\n   \n").0, None);
    }

    #[test]
    fn wire_bylines_name_the_reporters_not_the_agency() {
        let text = "Ferry sinks off Sulawesi\nMaria Santos and Lee Min-jun, Reuters\nA ferry sank.\n";
        assert_eq!(meta(text).1, vec!["Maria Santos".to_string(), "Lee Min-jun".to_string()]);
        let text = "Ferry sinks off Sulawesi\nBy Omar al-Hassan, AFP\nA ferry sank.\n";
        assert_eq!(meta(text).1, vec!["Omar al-Hassan".to_string()]);
    }

    #[test]
    fn a_dateline_or_a_sentence_is_no_byline() {
        let text = "Ferry sinks off Sulawesi\nJakarta, Reuters reported on 3 May 2024\nA ferry sank.\n";
        assert_eq!(meta(text).1, Vec::<String>::new());
        let text = "Ferry sinks off Sulawesi\nBy the time rescuers arrived, it was dark.\n";
        assert_eq!(meta(text).1, Vec::<String>::new());
    }
}
