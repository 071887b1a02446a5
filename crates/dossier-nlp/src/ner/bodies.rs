//! Rules after decoding for the names of bodies the tagger has never seen,
//! and for places it reads as one: a wire agency credited after a
//! dateline, an organisation's name that goes on over `of` or `for`, a
//! nationality word that opens an organisation's name, and a listed place
//! after a preposition only places take.
//!
//! Organisations are the weakest type on text the tagger was not tuned on
//! (70–76 F1 on the held-out samples 4–7): names of bodies are long,
//! built of common nouns, and new to the training text. Each rule here was
//! kept because 5-fold cross-validation on CoNLL-2003 train did not drop
//! with it (docs/quality.md) and has a test on sentences written for it
//! (`tests/ner_cases.rs`).

use super::features::{casing, SentCtx};
use super::lexicon::{Gazetteer, Lexicon, DEMONYM_BITS, GEO_FIRST};
use super::roles::is_title;
use super::rules::{retag, LOC, MISC, ORG, PER};
use super::tags::bilou_chunks;

/// Applies the rules of this module to one sentence's BILOU tags.
pub(crate) fn apply<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    wire_credits_are_organisations(words, ctx, tags);
    organisations_go_on_over_of(words, ctx, lex, tags);
    a_nationality_opens_an_organisation(words, ctx, gaz, tags);
    places_after_a_place_preposition(words, ctx, gaz, tags);
    cities_after_in_are_places(words, ctx, gaz, tags);
    features_of_nature_are_places(words, tags);
    an_offices_domain_leaves_the_person(words, ctx, lex, tags);
}

/// Dashes that end a dateline's credit (`( AP ) —`).
const DASHES: &[&str] = &["—", "–", "-", "--"];

/// A wire agency credited in brackets after a dateline is an organisation
/// (`HELSINKI , Nov 2 ( STT ) – …`, `QUITO ( AP ) —`): a sentence that
/// opens with a word in capitals, holds no lower-case word before the
/// bracket, and goes on with a dash after it. The tagger meets agencies it
/// knows (`Reuters`) and reads an unknown one as a person or nothing.
fn wire_credits_are_organisations<S: AsRef<str>>(words: &[S], ctx: &SentCtx, tags: &mut [u8]) {
    if ctx.caps
        || words.len() < 5
        || ctx.info[0].casing != casing::CAPS
        || words[0].as_ref().chars().count() < 3
    {
        return;
    }
    let Some(open) = (1..words.len().min(12)).find(|&i| words[i].as_ref() == "(") else { return };
    if (1..open)
        .any(|i| ctx.info[i].casing == casing::LOWER && words[i].as_ref().chars().any(char::is_alphabetic))
    {
        return;
    }
    let Some(close) = (open + 2..words.len().min(open + 4)).find(|&i| words[i].as_ref() == ")") else {
        return;
    };
    let credit_word = |i: usize| matches!(ctx.info[i].casing, casing::TITLE | casing::CAPS | casing::MIXED);
    if words.get(close + 1).is_some_and(|w| DASHES.contains(&w.as_ref()))
        && (open + 1..close).all(credit_word)
    {
        retag(tags, open + 1, close, Some(ORG));
    }
}

/// Prepositions inside the names of bodies (`Stock Exchange of Thailand`,
/// `Agency for Meteorology`, `Commission on Human Rights`).
const NAME_PREPOSITIONS: &[&str] = &["for", "of", "on"];

/// An organisation's name ending in a common noun written with a capital
/// (`Stock Exchange`, `Democratic Party`: the lexicon sees the word mostly
/// in lower case) goes on over `of`, `for` or `on` (and `the`) to the name
/// after it (`Stock Exchange of Thailand`, `Democratic Party of the
/// Friendly Islands`), or to capitalised common nouns that are no name
/// (`State Commission on Paedophilia`). The tagger, which cuts long names
/// at the preposition, gives a place and an organisation instead. In
/// CoNLL-2003 train an organisation followed by `of`/`for` and a name is
/// one name 112 times in 134; the 22 apart end in a proper name (`Benfica
/// of Portugal`) or a legal form (`Oakley Inc of the United States`), or
/// hold a preposition already (`U.S. Court of Appeals | for the Ninth
/// Circuit`): a name that holds one goes on over no second, and a title
/// is no body (`Special Envoy | for the U.N.`).
fn organisations_go_on_over_of<S: AsRef<str>>(words: &[S], ctx: &SentCtx, lex: &Lexicon, tags: &mut [u8]) {
    if ctx.caps || ctx.title {
        return;
    }
    let common_capitalised = |i: usize| {
        ctx.info[i].casing == casing::TITLE && lex.case_bucket(&words[i].as_ref().to_lowercase()) <= 2
    };
    // One join at a time: each changes the names the next one reads.
    for _ in 0..4 {
        let names = bilou_chunks(tags);
        let mut joined = false;
        for c in names.iter().filter(|c| c.ty == ORG) {
            let Some(prep) = words.get(c.end).map(AsRef::as_ref) else { continue };
            if !NAME_PREPOSITIONS.contains(&prep)
                || !common_capitalised(c.end - 1)
                || is_title(words[c.end - 1].as_ref(), lex)
                || holds_a_preposition(&words[c.start..c.end])
            {
                continue;
            }
            let mut next = c.end + 1;
            if words.get(next).is_some_and(|w| w.as_ref() == "the") {
                next += 1;
            }
            let end = match names.iter().find(|n| n.start == next) {
                Some(n) if n.ty != PER => n.end,
                Some(_) => continue,
                None => {
                    let mut end = next;
                    while end < words.len() && tags[end] == 0 && common_capitalised(end) {
                        end += 1;
                    }
                    end
                }
            };
            if end > next {
                retag(tags, c.start, end, Some(ORG));
                joined = true;
                break;
            }
        }
        if !joined {
            break;
        }
    }
}

/// Whether a name's words hold one of [`NAME_PREPOSITIONS`].
fn holds_a_preposition<S: AsRef<str>>(name: &[S]) -> bool {
    name.iter().any(|w| NAME_PREPOSITIONS.contains(&w.as_ref()))
}

/// A nationality word tagged apart right before an organisation's name
/// that holds a preposition opens that name (`Latvian Institute of
/// International Affairs`, `Croatian Bureau of Statistics`): the tagger
/// reads the listed demonym as MISC and the rest as the body. In
/// CoNLL-2003 train a word labelled MISC alone at least three times opens
/// an organisation's name with `of`, `for` or `on` in it 4 times and
/// stands apart before one never; before a name without one it stands
/// apart 19 times (`Turkish | Foreign Ministry`), and joining those
/// lowered 5-fold CV.
fn a_nationality_opens_an_organisation<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    let names = bilou_chunks(tags);
    for pair in names.windows(2) {
        let (nationality, body) = (&pair[0], &pair[1]);
        let roles = gaz.token_roles.get(&ctx.info[nationality.start].upper).copied().unwrap_or(0);
        if nationality.ty == MISC
            && nationality.end == nationality.start + 1
            && roles & DEMONYM_BITS != 0
            && body.start == nationality.end
            && body.ty == ORG
            && holds_a_preposition(&words[body.start..body.end])
        {
            retag(tags, nationality.start, body.end, Some(ORG));
        }
    }
}

/// Prepositions that take a place, not a person or a body (`around
/// Grindavík`, `near Kraljevo`).
const PLACE_PREPOSITIONS: &[&str] = &["across", "around", "near", "outside", "towards"];

/// A one-word person or organisation right after a preposition that takes
/// a place is the place when GeoNames lists the word as a place of any
/// size (`evacuated the area around Grindavík`): the preposition says
/// where, and the gazetteer that the word names somewhere.
fn places_after_a_place_preposition<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    let geo: u64 = (GEO_FIRST as u64..GEO_FIRST as u64 + 5).map(|c| 1u64 << (c * 4)).sum();
    for c in bilou_chunks(tags) {
        if (c.ty == PER || c.ty == ORG)
            && c.end == c.start + 1
            && c.start > 0
            && PLACE_PREPOSITIONS.contains(&words[c.start - 1].as_ref())
            && gaz.token_roles.get(&ctx.info[c.start].upper).copied().unwrap_or(0) & geo != 0
        {
            retag(tags, c.start, c.end, Some(LOC));
        }
    }
}

/// Prepositions of where before which a listed city is the place, not a
/// person of that name (`a guesthouse in Jermuk`, `traffic to Jermuk`).
const WHERE_PREPOSITIONS: &[&str] = &["from", "in", "through", "to"];

/// A one-word person right after `in`, `to`, `from` or `through` is the
/// place when GeoNames lists the word as a country, region or city (towns,
/// whose names villages share, aside): an unseen place name looks like a
/// surname to the weights, and a person seldom follows those prepositions.
/// Organisations are left alone (`a stake in Vodafone`). With the other
/// occurrences of the name the document's vote (`consistency.rs`) then
/// carries the place to `Jermuk 's mineral water` too.
fn cities_after_in_are_places<S: AsRef<str>>(words: &[S], ctx: &SentCtx, gaz: &Gazetteer, tags: &mut [u8]) {
    for c in bilou_chunks(tags) {
        if c.ty == PER
            && c.end == c.start + 1
            && c.start > 0
            && WHERE_PREPOSITIONS.contains(&words[c.start - 1].as_ref())
            && words.get(c.end).is_none_or(|w| w.as_ref() != "'s")
            && gaz.lists_place(ctx.info[c.start].upper)
        {
            retag(tags, c.start, c.end, Some(LOC));
        }
    }
}

/// Last words of the names of features of nature (`Lake Sevan`, `Okavango
/// Delta`, `Red River`). `Coast`, `Forest`, `Park`, `Island`, `Bay` and
/// `Valley` are out: they end clubs' and teams' names too (`Gold Coast`,
/// `Nottingham Forest`, `Queen 's Park`, ORG in CoNLL-2003 train).
const NATURE_LAST: &[&str] = &[
    "Canyon",
    "Delta",
    "Desert",
    "Falls",
    "Glacier",
    "Islands",
    "Lake",
    "Mountains",
    "Ocean",
    "Peninsula",
    "Reef",
    "River",
    "Sea",
    "Strait",
];

/// First words of the names of features of nature (`Lake Kariba`, `Mount
/// Kenya`).
const NATURE_FIRST: &[&str] = &["Lake", "Mount"];

/// A name of two words or more that names a feature of nature by its first
/// or last word (`Lake Sevan`, `Gatun Lake`, `Okavango Delta`, `Chobe
/// National Park`) is a place, whatever the other words look like (a
/// surname in `Lake Sevan`, a body in `National Park`). CoNLL-2003 train
/// has 28 such names, all LOC (`Indian Ocean`, `Leduc Reef`, `Mount
/// Lebanon`): too few for the weights to learn the heads. A name that
/// holds `of`, `for` or `on` names a body after a place (`Democratic Party
/// of the Friendly Islands`) and is left alone.
fn features_of_nature_are_places<S: AsRef<str>>(words: &[S], tags: &mut [u8]) {
    for c in bilou_chunks(tags) {
        if c.ty == LOC || c.end < c.start + 2 || holds_a_preposition(&words[c.start..c.end]) {
            continue;
        }
        let first = words[c.start].as_ref();
        let last = words[c.end - 1].as_ref();
        let national_park = last == "Park" && words[c.end - 2].as_ref() == "National" && c.end >= c.start + 3;
        if NATURE_LAST.contains(&last) || NATURE_FIRST.contains(&first) || national_park {
            retag(tags, c.start, c.end, Some(LOC));
        }
    }
}

/// A name that holds an office's domain and then a person (`Minister for
/// Economic Affairs | Wirasmoyo`, `Deputy Minister of Agriculture | Dilnoza
/// Karimova`, read as one body `Agriculture Dilnoza Karimova` or one
/// person `Fisheries Tomasi Vakacegu`) gives the domain back to the title
/// and the rest to the person. It fires when a title and `of`/`for` come before the name
/// (with untagged domain words, `and`, `the` between: `Minister of
/// Finance and the Public Service Marsha Campbell-Reid`), the name opens
/// with capitalised common nouns (the lexicon sees them mostly in lower
/// case) and ends in one to four words it sees capitalised nearly always
/// or too seldom to say (a word capitalised only now and then, `East` in
/// `Secretary for Near East Affairs`, `Commission` in `Chairman of the
/// National Election Commission`, is no person's).
fn an_offices_domain_leaves_the_person<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    tags: &mut [u8],
) {
    if ctx.caps || ctx.title {
        return;
    }
    let common_capitalised = |i: usize| {
        ctx.info[i].casing == casing::TITLE && lex.case_bucket(&words[i].as_ref().to_lowercase()) <= 2
    };
    let joining = |i: usize| matches!(words[i].as_ref(), "and" | "the" | ",");
    for c in bilou_chunks(tags) {
        if c.end < c.start + 2 {
            continue;
        }
        let mut before = c.start;
        while before > 0 && tags[before - 1] == 0 && (common_capitalised(before - 1) || joining(before - 1)) {
            before -= 1;
        }
        if before < 2
            || !matches!(words[before - 1].as_ref(), "of" | "for")
            || !is_title(words[before - 2].as_ref(), lex)
        {
            continue;
        }
        let mut person = c.start;
        while person < c.end && (common_capitalised(person) || joining(person)) {
            person += 1;
        }
        let person_words = c.end - person;
        let name_like = |i: usize| {
            matches!(ctx.info[i].casing, casing::TITLE | casing::MIXED)
                && lex.case_bucket(&words[i].as_ref().to_lowercase()) >= 5
        };
        if person > c.start && (1..=4).contains(&person_words) && (person..c.end).all(name_like) {
            retag(tags, c.start, person, None);
            retag(tags, person, c.end, Some(PER));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::sentence_context;
    use crate::ner::tags::{tag, Pos};

    #[test]
    fn a_listed_city_read_as_a_person_after_in_is_the_place() {
        // Category 11: a GeoNames city.
        let (lex, gaz) = (Lexicon::default(), Gazetteer::from_entries([(11, "VARDENIS".to_string())]));
        let words = ["a", "guesthouse", "in", "Vardenis", "."];
        let ctx = sentence_context(&words, &lex, &gaz);
        let mut t = [0, 0, 0, tag(Pos::U, PER), 0];
        cities_after_in_are_places(&words, &ctx, &gaz, &mut t);
        assert_eq!(t[3], tag(Pos::U, LOC));
        // A possessive after it is a person's (`in Vardenis 's half`), and a
        // word the gazetteer does not list stays a person.
        let words = ["in", "Vardenis", "'s", "half"];
        let ctx = sentence_context(&words, &lex, &gaz);
        let mut t = [0, tag(Pos::U, PER), 0, 0];
        cities_after_in_are_places(&words, &ctx, &gaz, &mut t);
        assert_eq!(t[1], tag(Pos::U, PER));
        let words = ["in", "Gndeval"];
        let ctx = sentence_context(&words, &lex, &gaz);
        let mut t = [0, tag(Pos::U, PER)];
        cities_after_in_are_places(&words, &ctx, &gaz, &mut t);
        assert_eq!(t[1], tag(Pos::U, PER));
    }

    #[test]
    fn nature_heads_make_places_but_not_of_bodies() {
        let words = ["near", "Lake", "Oruma", "and", "the", "Ruvu", "Delta"];
        let mut t = [0, tag(Pos::B, PER), tag(Pos::L, PER), 0, 0, tag(Pos::B, ORG), tag(Pos::L, ORG)];
        features_of_nature_are_places(&words, &mut t);
        assert_eq!(t, [0, tag(Pos::B, LOC), tag(Pos::L, LOC), 0, 0, tag(Pos::B, LOC), tag(Pos::L, LOC)]);
        let words = ["the", "Labour", "Party", "of", "the", "Coral", "Islands"];
        let mut t = [
            0,
            tag(Pos::B, ORG),
            tag(Pos::I, ORG),
            tag(Pos::I, ORG),
            tag(Pos::I, ORG),
            tag(Pos::I, ORG),
            tag(Pos::L, ORG),
        ];
        let before = t;
        features_of_nature_are_places(&words, &mut t);
        assert_eq!(t, before);
    }
}
