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
