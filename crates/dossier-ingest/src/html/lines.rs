//! Paragraph-level filter for furniture that survives DOM cleaning because
//! it is marked up like text: date and time stamps ("PUBLISHED: 10:48, Tue,
//! Nov 19, 2019"), copyright and image-credit lines, "contributed reporting"
//! credits, and calls to action ("Follow us on…", "Subscribe to…", "Sign up
//! for…"). Only short paragraphs are considered, so a sentence of real prose
//! that happens to contain such words is never dropped. The vocabulary is
//! English plus digits; other languages pass through untouched.

use std::sync::OnceLock;

use regex::Regex;

/// Paragraphs longer than this (in bytes) are always kept.
const MAX_FURNITURE_LEN: usize = 200;

fn furniture_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pats = [
            // Copyright notices.
            r"^(?:©|\(c\)|copyright\b)",
            r"all rights reserved\.?$",
            // Image credits.
            r"^\(?(?:image|images|photo|photos|picture|pictures|photograph|credit|credits|source|video)(?: credit)?s?\s*:",
            r"^(?:getty images|ap photo|reuters|afp)(?:\s*/.*)?$",
            // Reporting credits.
            r"contributed (?:reporting|to this (?:report|article|story))",
            // Calls to action.
            r"^(?:follow|subscribe|sign up|join|listen|download|click here|get the latest|tell us)\b.{0,150}\b(?:twitter|facebook|instagram|youtube|newsletters?|inbox|podcasts?|click here|itunes)\b",
            r"^(?:read more|see more|more|related(?: \w+){0,2}|also read|don't miss|recommended)\s*:",
            r"^(?:write to|email|e-mail|contact) .{0,80}@",
            // Advertisement markers and placeholders ("- Advertisement -",
            // "Story continues below advertisement", "Loading Photo Gallery").
            r"^[-–—_|•\s]*(?:advertisement|advertising|advert|ad|sponsored(?: content)?)[-–—_|•\s]*$",
            r"^(?:the )?(?:story|article|text) continues (?:below|after)(?: (?:the|this))? (?:advertisement|ad)\.?$",
            r"^(?:advertisement\s*)?continue reading(?: the main story)?(?: below)?\.?$",
            r"^loading(?: (?:photo|image|video))? (?:gallery|galleries|slideshow|video|player|comments)(?:\.{3}|…)?$",
            r"^skip (?:to|ahead to) (?:main |the )?(?:content|article|story)$",
            // Publication stamps.
            r"^\|?\s*(?:published|updated|posted|last updated|first published|modified)\b\s*(?:on|at)?\s*:?",
        ];
        let pat = format!("(?i){}", pats.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|"));
        // Built from constant patterns; known to compile.
        Regex::new(&pat).expect("valid line regex")
    })
}

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
const DAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];
const STAMP_WORDS: &[&str] =
    &["am", "pm", "a", "m", "p", "at", "on", "gmt", "utc", "est", "edt", "pst", "pdt", "bst", "cet", "ist"];

/// A bare date or time stamp: it holds a digit, and every word in it is a
/// number, a month or weekday name or a time-zone/clock word.
fn is_stamp(line: &str) -> bool {
    if !line.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        let w = w.to_lowercase();
        w.chars().all(|c| c.is_ascii_digit())
            || MONTHS.contains(&w.as_str())
            || DAYS.contains(&w.as_str())
            || STAMP_WORDS.contains(&w.as_str())
            || (w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd"))
                && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit())
                && w.len() > 2
    })
}

/// Captions run longer than other furniture; a credit-ending line up to
/// this many bytes is taken for one.
const MAX_CAPTION_LEN: usize = 300;

/// An image caption: a line that ends in a photo credit, "(Photo: X/Getty
/// Images)", "(Jane Roe/AP)", "[File: Reuters]".
fn caption_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:[(\[](?:photo|photograph|image|picture|credit|file photo|file)s?(?: credit)?\s*:[^()\[\]]{1,80}[)\]]|\((?:[^()/]{2,50}/)+[^()/]{2,40}\))$",
        )
        .expect("valid caption regex")
    })
}

/// Whether one paragraph (or line) is furniture by the rules above.
pub(crate) fn is_furniture_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && (line.len() <= MAX_FURNITURE_LEN && (is_stamp(line) || furniture_line_re().is_match(line))
            || line.len() <= MAX_CAPTION_LEN && caption_re().is_match(line))
}

/// Fewest words a repeated paragraph needs before it is taken for a pull
/// quote: a short line ("Yes.") may well recur inside prose.
const MIN_REPEAT_WORDS: usize = 8;

/// A paragraph's words, lower-cased, without punctuation or quotation marks.
fn words_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops pull quotes that survive as text: a short paragraph (at most
/// [`MAX_CAPTION_LEN`] bytes) of at least [`MIN_REPEAT_WORDS`] words whose
/// words all stand, in order, inside an earlier, longer paragraph. A pull
/// quote set before the sentence it repeats is kept: it may be the first
/// time the reader meets the words.
/// Texts longer than this (bytes) are left as they are: the pairwise
/// check is quadratic, and articles are far shorter.
const MAX_REPEAT_TEXT: usize = 256 << 10;

pub(crate) fn drop_repeated_paragraphs(text: &str) -> String {
    if text.len() > MAX_REPEAT_TEXT {
        return text.to_string();
    }
    let paras: Vec<&str> = text.split("\n\n").collect();
    // Keys padded with spaces, so that a match is on whole words.
    let keys: Vec<String> = paras.iter().map(|p| format!(" {} ", words_key(p))).collect();
    let repeated = |i: usize| {
        let k = &keys[i];
        paras[i].len() <= MAX_CAPTION_LEN
            && k.split(' ').filter(|w| !w.is_empty()).count() >= MIN_REPEAT_WORDS
            && keys[..i].iter().any(|other| other.len() > k.len() && other.contains(k.as_str()))
    };
    let kept: Vec<&str> = (0..paras.len()).filter(|&i| !repeated(i)).map(|i| paras[i]).collect();
    if kept.len() == paras.len() {
        return text.to_string();
    }
    kept.join("\n\n")
}

/// Drops furniture lines from normalised text (paragraphs separated by a
/// blank line, lines by `\n`), keeping the layout of the rest.
pub(crate) fn drop_furniture_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text.split("\n\n") {
        let kept: Vec<&str> = para.split('\n').filter(|l| !is_furniture_line(l)).collect();
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&kept.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_credits_and_calls_to_action_go() {
        for l in [
            "PUBLISHED: 10:48, Tue, Nov 19, 2019",
            "| UPDATED: 11:05, Tue, Nov 19, 2019",
            "Posted: Fri 6:45 PM, Feb 16, 2018 |",
            "November 20",
            "15:23 2019",
            "© 2021 Example Media Ltd",
            "Copyright 2019 The Daily Planet. All rights reserved.",
            "(Image: © Shutterstock)",
            "Photo: Jane Doe / Reuters",
            "Keith Bradsher contributed reporting from Hong Kong.",
            "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
            "Sign up for our daily newsletter.",
            "Write to Al Root at al.root@example.com",
        ] {
            assert!(is_furniture_line(l), "{l}");
        }
    }

    #[test]
    fn prose_stays() {
        for l in [
            "A whole lot of people on Twitter pointed it out.",
            "Follow-up tests in March showed no trace of the virus.",
            "The vote is on May 3.",
            "He said the company had published its results on Tuesday, two days late.",
            "2019 was the hottest year on record in Europe.",
            "More than 200 people died: officials gave no figure for the injured.",
            "Join the two halves and bake for 20 minutes, then let the cake cool on a rack before you slice it.",
        ] {
            assert!(!is_furniture_line(l), "{l}");
        }
    }

    #[test]
    fn markers_placeholders_and_captions_go() {
        for l in [
            "- Advertisement -",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Loading Photo Gallery",
            "Skip to content",
            "The old mill at dawn on Sunday. (Photo: Ana Ruiz/Getty Images)",
            "Fans outside the ground before kick-off. (Dan Mole/Wire Photos)",
            "Smoke over the hills. [File: Wire]",
        ] {
            assert!(is_furniture_line(l), "{l}");
        }
        for l in [
            "Sales of advertising fell by a third, the company said on Monday (the figures are unaudited).",
            "The ratio of the two rates (before/after) was about one in five, the report found, across all regions.",
            "Ad hoc committees will meet on Friday.",
        ] {
            assert!(!is_furniture_line(l), "{l}");
        }
    }

    #[test]
    fn pull_quotes_repeating_a_paragraph_go() {
        let t = "The mayor spoke first. \u{201c}We cannot wait another winter for this bridge to be repaired,\u{201d} she said, to applause.\n\n\u{201c}We cannot wait another winter for this bridge to be repaired.\u{201d}\n\nThe vote is next week.";
        let out = drop_repeated_paragraphs(t);
        assert!(out.starts_with("The mayor spoke first."));
        assert!(out.ends_with("\n\nThe vote is next week."));
        assert_eq!(out.matches("another winter").count(), 1);
        // A repeat that comes first is where the reader meets the words.
        let t = "\u{201c}We cannot wait another winter for this bridge to be repaired.\u{201d}\n\nThe mayor spoke. \u{201c}We cannot wait another winter for this bridge to be repaired,\u{201d} she said.";
        assert_eq!(drop_repeated_paragraphs(t), t);
        // Short or merely similar paragraphs stay.
        let t = "No.\n\nHe said no. Then he left.\n\nThe bridge will be repaired in the spring, officials said on Monday.";
        assert_eq!(drop_repeated_paragraphs(t), t);
    }

    #[test]
    fn layout_is_kept() {
        let t = "PUBLISHED: 1 May 2020\n\nFirst para.\nSecond line.\n\nNovember 20\n\nLast para.";
        assert_eq!(drop_furniture_lines(t), "First para.\nSecond line.\n\nLast para.");
        assert_eq!(drop_furniture_lines(""), "");
    }
}
