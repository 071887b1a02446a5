//! Rules applied to a sentence's tags after decoding, before one label per
//! name is settled across the document (`consistency.rs`).
//!
//! Each covers a kind of name that the training text holds too few
//! examples of for the weights to learn, but that the model's own word
//! knowledge (lexicon, gazetteer) recognises. They were kept because
//! 5-fold cross-validation on CoNLL-2003 train (`dossier train ner --cv 5`)
//! did not drop with them (docs/quality.md); each has a test on sentences
//! written for it (`tests/ner_cases.rs`).

use super::features::{casing, SentCtx};
use super::hash::hash_str;
use super::lexicon::{Gazetteer, Lexicon, DEMONYM_BITS, GAZ_CATEGORIES, GEO_FIRST, UPPER_SEED};
use super::tags::{bilou_chunks, tag, Chunk, Pos};

pub(crate) const PER: usize = 0;
pub(crate) const ORG: usize = 1;
pub(crate) const LOC: usize = 2;
pub(crate) const MISC: usize = 3;

/// Gazetteer category of companies, platforms and publishers.
pub(crate) const COMPANY: u64 = 7;

/// Applies every rule to one sentence's BILOU tags.
pub(crate) fn apply<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    // Bounds first (titles out, nicknames in), then types.
    super::roles::apply(words, ctx, lex, gaz, tags);
    super::bodies::apply(words, ctx, lex, gaz, tags);
    laws_keep_their_words(words, ctx, tags);
    // The first three rules change types or drop a name, never the
    // bounds of another, so the names are found once.
    let names = bilou_chunks(tags);
    demonyms_are_misc(&names, words, ctx, gaz, tags);
    laws_are_misc(&names, words, tags);
    parties_are_organisations(&names, words, tags);
    opening_adverb_is_no_name(names.first(), words, ctx, lex, tags);
    listed_companies_are_organisations(ctx, lex, words, tags);
    month_abbreviations_are_no_names(&names, words, tags);
    company_endings_make_organisations(&names, words, tags);
}

/// Last words that end only companies' names (`Novo Holdings`, `Mavin
/// Records`, `Sun Pharmaceutical Industries`), and legal forms.
const COMPANY_ENDINGS: &[&str] = &[
    "AG",
    "Airlines",
    "Airways",
    "ASA",
    "Corp",
    "Corp.",
    "Corporation",
    "GmbH",
    "Holding",
    "Holdings",
    "Inc",
    "Inc.",
    "Industries",
    "Laboratories",
    "Limited",
    "LLC",
    "Ltd",
    "Ltd.",
    "Motors",
    "Pharmaceuticals",
    "plc",
    "PLC",
    "Records",
    "SA",
    "SAS",
    "Technologies",
];

/// A name of two words or more that ends in a word only companies' names
/// end in is an organisation, whatever the first words look like (a place
/// in `Novo Holdings`, a person in `Mavin Records`).
///
/// A name followed by such a word that the tagger left outside takes it
/// in (`Ethiopian | Airlines`, read as a nationality and a common noun).
fn company_endings_make_organisations<S: AsRef<str>>(names: &[Chunk], words: &[S], tags: &mut [u8]) {
    for c in names {
        let ending_after = c.end < words.len()
            && tags[c.end] == 0
            && c.ty != PER
            && COMPANY_ENDINGS.contains(&words[c.end].as_ref());
        if ending_after {
            retag(tags, c.start, c.end + 1, Some(ORG));
        } else if c.end > c.start + 1 && c.ty != ORG && COMPANY_ENDINGS.contains(&words[c.end - 1].as_ref()) {
            retag(tags, c.start, c.end, Some(ORG));
        }
    }
}

/// Abbreviated months (`Dec`, `Sept.`), which CoNLL-2003 never labels.
const MONTH_ABBREVIATIONS: &[&str] =
    &["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];

/// A one-word name that is an abbreviated month before a number is a date
/// (`ACCRA, Dec 3 –`), not a name: the tagger, meeting a short capitalised
/// word after a dateline's place, reads an organisation.
fn month_abbreviations_are_no_names<S: AsRef<str>>(names: &[Chunk], words: &[S], tags: &mut [u8]) {
    for c in names {
        let word = words[c.start].as_ref();
        let word = word.strip_suffix('.').unwrap_or(word);
        let before_number =
            words.get(c.end).is_some_and(|w| w.as_ref().chars().next().is_some_and(|ch| ch.is_ascii_digit()));
        if c.end == c.start + 1 && before_number && MONTH_ABBREVIATIONS.contains(&word) {
            retag(tags, c.start, c.end, None);
        }
    }
}

/// Sets the tags of `start..end` to one name of type `ty` (or to `O`
/// with `ty` = `None`).
pub(crate) fn retag(tags: &mut [u8], start: usize, end: usize, ty: Option<usize>) {
    for (i, t) in tags[start..end].iter_mut().enumerate() {
        *t = match ty {
            None => 0,
            Some(ty) if end - start == 1 => tag(Pos::U, ty),
            Some(ty) if i == 0 => tag(Pos::B, ty),
            Some(ty) if start + i + 1 == end => tag(Pos::L, ty),
            Some(ty) => tag(Pos::I, ty),
        };
    }
}

/// A one-word place or organisation that the gazetteer lists as a demonym
/// (`Kyrgyz`, `Albanian`), or the plural of one (`Uzbeks`, `Serbs`), and
/// GeoNames as no place is MISC, as CoNLL-2003 labels nationality words
/// wherever they stand. Phoenix lists demonyms as aliases of their
/// country, so a sentence-opening `Kyrgyz` looks like the country to the
/// weights, and an unseen plural (`ethnic Uzbeks`) like a group's name. In
/// CoNLL-2003 train, capitalised plurals of words labelled MISC are MISC
/// 196 times in 263 (`Palestinians`, `Serbs`, `Kurds`; ORG mostly for
/// teams such as `Indians`).
fn demonyms_are_misc<S: AsRef<str>>(
    names: &[Chunk],
    words: &[S],
    ctx: &SentCtx,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    let geo_single: u64 = (GEO_FIRST as u64..GAZ_CATEGORIES.len() as u64).map(|c| 1u64 << (c * 4)).sum();
    let roles_of = |key: u64| gaz.token_roles.get(&key).copied().unwrap_or(0);
    for c in names {
        if !(c.ty == LOC || c.ty == ORG) || c.end != c.start + 1 {
            continue;
        }
        let mut roles = roles_of(ctx.info[c.start].upper);
        if roles & DEMONYM_BITS == 0 && roles & geo_single == 0 {
            // `Uzbeks` → `UZBEK`: the singular must be the listed demonym.
            let upper = words[c.start].as_ref().to_uppercase();
            if let Some(one) = upper.strip_suffix('S').filter(|w| w.chars().count() >= 3) {
                roles = roles_of(hash_str(UPPER_SEED, one));
            }
        }
        if roles & DEMONYM_BITS != 0 && roles & geo_single == 0 {
            retag(tags, c.start, c.end, Some(MISC));
        }
    }
}

/// A name ending in `Act` names a law, MISC in CoNLL-2003 (both names
/// ending in `Act` in its train split are MISC); the tagger, seeing a
/// long capitalised name, reads it as an organisation.
fn laws_are_misc<S: AsRef<str>>(names: &[Chunk], words: &[S], tags: &mut [u8]) {
    for c in names {
        let last = words[c.end - 1].as_ref();
        if c.end > c.start + 1 && c.ty != MISC && (last == "Act" || last == "Acts") {
            retag(tags, c.start, c.end, Some(MISC));
        }
    }
}

/// The tagger may cut a long law's name or miss it (`Cybersecurity and
/// Cybercrime Act`, `Securities Reform Act of 1995`, read as nothing or as
/// two names): in running text, the capitalised words before `Act`, with
/// `and`, `of`, `on`, `for` between them, and a year after `of`, are one
/// MISC name (see [`laws_are_misc`]). A sentence-opening `The` stays out,
/// and a name of the tagger's crossing the law's bounds leaves the
/// sentence as it is. Run before the sentence's names are found for the
/// other rules, since it moves bounds.
fn laws_keep_their_words<S: AsRef<str>>(words: &[S], ctx: &SentCtx, tags: &mut [u8]) {
    if ctx.caps || ctx.title {
        return;
    }
    let capitalised = |i: usize| matches!(ctx.info[i].casing, casing::TITLE | casing::CAPS | casing::MIXED);
    for k in 1..words.len() {
        if !matches!(words[k].as_ref(), "Act" | "Acts") || !capitalised(k - 1) {
            continue;
        }
        let mut start = k - 1;
        while start > 0 {
            if capitalised(start - 1) {
                start -= 1;
            } else if start >= 2
                && matches!(words[start - 1].as_ref(), "and" | "of" | "on" | "for")
                && capitalised(start - 2)
            {
                start -= 2;
            } else {
                break;
            }
        }
        if start == 0 && words[0].as_ref() == "The" {
            start = 1;
        }
        let year =
            |w: &str| w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit());
        let end = if words.get(k + 1).is_some_and(|w| w.as_ref() == "of")
            && words.get(k + 2).is_some_and(|w| year(w.as_ref()))
        {
            k + 3
        } else {
            k + 1
        };
        let crosses = bilou_chunks(tags)
            .iter()
            .any(|n| n.start < end && start < n.end && (n.start < start || n.end > end));
        if start < k && !crosses {
            retag(tags, start, end, Some(MISC));
        }
    }
}

/// Plural nouns of a party's members (`Democrats`, `Greens`).
const PARTY_MEMBERS: &[&str] = &[
    "Communists",
    "Conservatives",
    "Democrats",
    "Greens",
    "Liberals",
    "Nationalists",
    "Republicans",
    "Socialists",
    "Tories",
    "Unionists",
];

/// A name of two words or more ending in a plural noun of a party's
/// members names the party (`New Democrats`, `BC Greens`, `Australian
/// Democrats`), ORG; the plural alone is membership, as a nationality is
/// (`fellow Democrats`, MISC), and is left to the weights. In CoNLL-2003
/// train such names of two words or more are ORG 12 times in 15.
fn parties_are_organisations<S: AsRef<str>>(names: &[Chunk], words: &[S], tags: &mut [u8]) {
    for c in names {
        if c.end > c.start + 1 && c.ty == MISC && PARTY_MEMBERS.contains(&words[c.end - 1].as_ref()) {
            retag(tags, c.start, c.end, Some(ORG));
        }
    }
}

/// A sentence-opening word in `-ly` before a comma (`Crucially,`) whose
/// stem is a common lower-case word (`crucial`) is an adverb, not a name,
/// even when the tagger has never seen it: names in `-ly` (`Italy`,
/// `Kelly`) have no such stem.
fn opening_adverb_is_no_name<S: AsRef<str>>(
    first: Option<&Chunk>,
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    tags: &mut [u8],
) {
    let Some(first) = first else { return };
    if first.start != 0
        || first.end != 1
        || ctx.info[0].casing != casing::TITLE
        || words.get(1).map(AsRef::as_ref) != Some(",")
    {
        return;
    }
    let lower = words[0].as_ref().to_lowercase();
    if is_adverb_of_common_word(&lower, lex) {
        retag(tags, 0, 1, None);
    }
}

/// Whether `lower` is `-ly` added to a word the lexicon saw mostly in lower
/// case (`crucially` ← `crucial`, `happily` ← `happy`, `notably` ←
/// `notable`, `basically` ← `basic`), and the word itself is not mostly
/// capitalised.
fn is_adverb_of_common_word(lower: &str, lex: &Lexicon) -> bool {
    let Some(stem) = lower.strip_suffix("ly") else { return false };
    if lex.case_bucket(lower) >= 3 && lex.case_bucket(lower) <= 5 {
        return false;
    }
    let mut stems = vec![stem.to_string(), format!("{stem}le")];
    if let Some(s) = stem.strip_suffix('i') {
        stems.push(format!("{s}y"));
    }
    if let Some(s) = stem.strip_suffix("al") {
        stems.push(s.to_string());
    }
    stems.iter().any(|s| s.chars().count() >= 4 && lex.case_bucket(s) <= 1)
}

/// A run of capitalised words that the company list names (`Twitter`,
/// `Goldman Sachs`) and that the tagger left outside any name is an
/// organisation, when it stands inside running text (not at a sentence
/// start, not in a headline) and the lexicon does not see its words
/// mostly in lower case (`Apple`, `Shell` stay to the weights).
fn listed_companies_are_organisations<S: AsRef<str>>(
    ctx: &SentCtx,
    lex: &Lexicon,
    words: &[S],
    tags: &mut [u8],
) {
    if ctx.caps || ctx.title {
        return;
    }
    let bit = |i: usize, pos: u64| ctx.gaz[i] & (1 << (COMPANY * 4 + pos)) != 0;
    let mut i = 1;
    while i < tags.len() {
        let end = if bit(i, 3) {
            i + 1
        } else if bit(i, 0) {
            match (i + 1..tags.len()).find(|&j| !bit(j, 1)) {
                Some(j) if bit(j, 2) => j + 1,
                _ => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let free = tags[i..end].iter().all(|&t| t == 0);
        let names = (i..end).all(|j| {
            let cased = matches!(ctx.info[j].casing, casing::TITLE | casing::CAPS | casing::MIXED);
            let lower = words[j].as_ref().to_lowercase();
            cased && lex.case_bucket(&lower) >= 4
        });
        if free && names {
            retag(tags, i, end, Some(ORG));
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::sentence_context as ctx;

    fn lex() -> Lexicon {
        Lexicon::from_text(
            "F\tcrucial\t40\t0\nF\thappy\t90\t2\nF\tnotable\t30\t1\nF\tbasic\t50\t0\n\
             F\titaly\t300\t300\nF\tkelly\t40\t40\nF\tear\t30\t0\nF\ttwitter\t50\t50\n\
             F\tapple\t80\t10\n",
        )
        .unwrap()
    }

    #[test]
    fn adverbs_of_common_words() {
        let l = lex();
        for w in ["crucially", "happily", "notably", "basically"] {
            assert!(is_adverb_of_common_word(w, &l), "{w}");
        }
        // Names in -ly, unknown stems and too-short stems are not adverbs.
        for w in ["italy", "kelly", "emily", "early", "lily"] {
            assert!(!is_adverb_of_common_word(w, &l), "{w}");
        }
    }

    #[test]
    fn an_opening_adverb_loses_its_name_only_before_a_comma() {
        let (l, g) = (lex(), Gazetteer::default());
        let per = tag(Pos::U, 0);
        let words = ["Crucially", ",", "the", "plan", "failed"];
        let mut t = [per, 0, 0, 0, 0];
        opening_adverb_is_no_name(bilou_chunks(&t).first(), &words, &ctx(&words, &l, &g), &l, &mut t);
        assert_eq!(t, [0; 5]);
        let words = ["Italy", ",", "the", "host", "said"];
        let mut t = [tag(Pos::U, LOC), 0, 0, 0, 0];
        opening_adverb_is_no_name(bilou_chunks(&t).first(), &words, &ctx(&words, &l, &g), &l, &mut t);
        assert_eq!(t[0], tag(Pos::U, LOC));
        let words = ["Crucially", "spoke", "first"];
        let mut t = [per, 0, 0];
        opening_adverb_is_no_name(bilou_chunks(&t).first(), &words, &ctx(&words, &l, &g), &l, &mut t);
        assert_eq!(t[0], per);
    }

    #[test]
    fn retag_writes_bilou() {
        let mut t = [0u8; 4];
        retag(&mut t, 1, 4, Some(ORG));
        assert_eq!(t, [0, tag(Pos::B, ORG), tag(Pos::I, ORG), tag(Pos::L, ORG)]);
        retag(&mut t, 1, 4, None);
        assert_eq!(t, [0; 4]);
        retag(&mut t, 2, 3, Some(MISC));
        assert_eq!(t, [0, 0, tag(Pos::U, MISC), 0]);
    }

    #[test]
    fn a_law_keeps_its_words_and_year() {
        let (l, g) = (lex(), Gazetteer::default());
        let words = ["under", "the", "Tidal", "Power", "and", "Grid", "Act", "of", "2014", "."];
        let c = crate::ner::features::sentence_context(&words, &l, &g);
        // The tagger found `Tidal Power` ORG and `Grid Act` MISC.
        let mut t =
            [0, 0, tag(Pos::B, ORG), tag(Pos::L, ORG), 0, tag(Pos::B, MISC), tag(Pos::L, MISC), 0, 0, 0];
        laws_keep_their_words(&words, &c, &mut t);
        let mut want = [0u8; 10];
        retag(&mut want, 2, 9, Some(MISC));
        assert_eq!(t, want);
        // A sentence-opening `The` stays out; a bare `the Act` is no name.
        let words = ["The", "Grid", "Act", "passed", "and", "the", "Act", "stands"];
        let c = crate::ner::features::sentence_context(&words, &l, &g);
        let mut t = [0u8; 8];
        laws_keep_their_words(&words, &c, &mut t);
        let mut want = [0u8; 8];
        retag(&mut want, 1, 3, Some(MISC));
        assert_eq!(t, want);
    }

    #[test]
    fn parties_named_in_full_are_organisations() {
        let words = ["the", "Free", "Democrats", "and", "fellow", "Greens", "voted"];
        let mut t = [0, tag(Pos::B, MISC), tag(Pos::L, MISC), 0, 0, tag(Pos::U, MISC), 0];
        parties_are_organisations(&bilou_chunks(&t), &words, &mut t);
        assert_eq!(t, [0, tag(Pos::B, ORG), tag(Pos::L, ORG), 0, 0, tag(Pos::U, MISC), 0]);
    }

    #[test]
    fn laws_take_misc() {
        let words = ["under", "the", "Clean", "Air", "Act", "."];
        let mut t = [0, 0, tag(Pos::B, ORG), tag(Pos::I, ORG), tag(Pos::L, ORG), 0];
        laws_are_misc(&bilou_chunks(&t), &words, &mut t);
        assert_eq!(t, [0, 0, tag(Pos::B, MISC), tag(Pos::I, MISC), tag(Pos::L, MISC), 0]);
    }

    #[test]
    fn listed_demonyms_are_misc_listed_places_stay() {
        let (l, g) = (
            lex(),
            Gazetteer::from_entries([
                (6, "KYRGYZ".to_string()),
                (6, "OSH".to_string()),
                (10, "OSH".to_string()),
            ]),
        );
        let words = ["Kyrgyz", "and", "Osh", "officials"];
        let loc = tag(Pos::U, LOC);
        let mut t = [loc, 0, loc, 0];
        demonyms_are_misc(&bilou_chunks(&t), &words, &ctx(&words, &l, &g), &g, &mut t);
        assert_eq!(t, [tag(Pos::U, MISC), 0, loc, 0]);
    }

    #[test]
    fn listed_companies_left_outside_names_are_organisations() {
        let l = lex();
        let g = Gazetteer::from_entries([
            (7, "TWITTER".to_string()),
            (7, "APPLE".to_string()),
            (7, "GOLDMAN SACHS".to_string()),
        ]);
        let org = |p| tag(p, ORG);
        let words = ["users", "left", "Twitter", "for", "Goldman", "Sachs", "and", "Apple"];
        let mut t = [0; 8];
        listed_companies_are_organisations(&ctx(&words, &l, &g), &l, &words, &mut t);
        // `Apple` is mostly a lower-case word: left to the weights.
        assert_eq!(t, [0, 0, org(Pos::U), 0, org(Pos::B), org(Pos::L), 0, 0]);
        // Not at a sentence start, and never over a name already found.
        let words = ["Twitter", "met", "Twitter"];
        let mut t = [0, 0, tag(Pos::U, 0)];
        listed_companies_are_organisations(&ctx(&words, &l, &g), &l, &words, &mut t);
        assert_eq!(t, [0, 0, tag(Pos::U, 0)]);
    }
}
