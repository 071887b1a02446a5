//! Case-changed copies of training documents: headlines and datelines
//! (capitals, title case) are rare in training text and common in what
//! users feed in.

use super::TrainDoc;

/// Words a title-case headline may leave in lower case (AP style).
const SMALL_WORDS: [&str; 18] = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "the",
    "to", "with",
];

/// Longest sentence (in tokens) that [`case_copy`] rewrites: headlines are
/// short, and long sentences in title case or capitals, which no one
/// writes, would teach the tagger more about odd writing than about names.
const HEADLINE_MAX: usize = 15;

/// A copy of `doc` with some sentences of headline length in capitals
/// (`upper` percent) and some in title case (`title` percent), chosen by a
/// hash of `key` and the sentence number; half of the title-case sentences
/// keep small words in lower case. Tags are unchanged.
pub(super) fn case_copy(doc: &TrainDoc, key: u64, (upper, title): (u32, u32)) -> TrainDoc {
    let mut out = doc.clone();
    for (i, s) in out.sents.iter_mut().enumerate() {
        let h = crate::ner::hash::key2(0xCA5E, key, i as u64);
        if s.len() > HEADLINE_MAX {
            continue;
        }
        let r = (h % 100) as u32;
        if r < upper {
            for w in s.iter_mut() {
                *w = w.to_uppercase();
            }
        } else if r < upper + title {
            let ap = (h >> 32) & 1 == 1;
            for (j, w) in s.iter_mut().enumerate() {
                if ap && j > 0 && SMALL_WORDS.contains(&w.as_str()) {
                    continue;
                }
                let mut cs = w.chars();
                if let Some(c) = cs.next().filter(|c| c.is_lowercase()) {
                    *w = c.to_uppercase().chain(cs).collect();
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::train::tests::doc;

    #[test]
    fn case_copies_change_the_writing_not_the_tags() {
        let mut d = doc("Peter Blackburn visited Paris on Monday .", &[(0, 2, 0), (3, 4, 2)]);
        for _ in 0..40 {
            d.sents.push(d.sents[0].clone());
            d.tags.push(d.tags[0].clone());
        }
        let c = case_copy(&d, 7, (20, 40));
        assert_eq!(c.tags, d.tags);
        assert_eq!(case_copy(&d, 7, (20, 40)).sents, c.sents, "deterministic");
        let upper = c.sents.iter().filter(|s| s[2] == "VISITED").count();
        let title = c.sents.iter().filter(|s| s[2] == "Visited").count();
        let plain = c.sents.iter().filter(|s| s[2] == "visited").count();
        assert!(upper > 0 && title > 0 && plain > 0, "{upper} {title} {plain}");
        assert_eq!(upper + title + plain, c.sents.len());
        assert!(c.sents.iter().all(|s| s[0].to_lowercase() == "peter"));
        assert_eq!(case_copy(&d, 7, (0, 0)).sents, d.sents);
        // Sentences longer than a headline stay as they are.
        let long = doc(&["the talks went on"; 5].join(" "), &[]);
        assert_eq!(case_copy(&long, 7, (50, 50)).sents, long.sents);
    }
}
