//! Rules after decoding about the words around a name: titles and roles
//! stay outside a person's name, a nickname in quotes stays inside it,
//! and the noun next to a name says what kind of name it is (`Cornwall
//! council`, `the startup Lexora`).
//!
//! CoNLL-2003 labels `President Clinton` as `Clinton` alone, and so does
//! the tagger on the titles it has seen; these rules carry the same
//! convention to the titles, roles and phrases news has and the training
//! text lacks (`Assemblyman`, `Deputy Minister of Education`). Each was
//! kept because 5-fold cross-validation on CoNLL-2003 train did not drop
//! with it (docs/quality.md) and has a test on sentences written for it
//! (`tests/ner_cases.rs`).

use super::features::{casing, SentCtx};
use super::hash::hash_str;
use super::lexicon::{Gazetteer, Lexicon, DEMONYM_BITS, UPPER_SEED};
use super::tags::{bilou_chunks, Chunk};

use super::rules::{retag, COMPANY, LOC, MISC, ORG, PER};

/// Lower-case nouns of a kind of organisation, which make the name right
/// after them an organisation (`the startup Lexora`, `consulting firm
/// Towers Perrin`). Nouns that also name a person's trade (`publisher`,
/// `broadcaster`, `insurer`, `developer`) and kinds that hold people as
/// often as bodies (`party`, `service`) are left out.
const ORG_KINDS: &[&str] = &[
    "airline",
    "automaker",
    "bank",
    "carmaker",
    "chain",
    "company",
    "conglomerate",
    "firm",
    "franchise",
    "group",
    "lender",
    "magazine",
    "manufacturer",
    "newspaper",
    "retailer",
    "start-up",
    "startup",
    "tabloid",
];

/// Nouns of a kind of organisation that also name a person's trade
/// (`publisher`, `operator`): set off by commas before a name (`her
/// publisher, Gerakbudaya,`), they stand for a body.
const APPOSITION_ORG_KINDS: &[&str] =
    &["broadcaster", "insurer", "label", "operator", "organisers", "publisher", "union"];

/// Lower-case nouns of a place's institutions and people, after which a
/// place's name is the place, not a person (`Cornwall council said`).
const PLACE_NOUNS: &[&str] = &[
    "authorities",
    "council",
    "county",
    "government",
    "governor",
    "mayor",
    "officials",
    "police",
    "residents",
];

/// The nouns of [`PLACE_NOUNS`] that only a place has: an organisation
/// has officials and police too (`Commonwealth officials`, `U.N. police`),
/// but no council of its own, no mayor and no residents (`Leeds council`,
/// where the weights read the football club). A governor heads a state or
/// a province, and a central bank (`BOJ governor`), which the gazetteer
/// lists as no place.
const PLACE_ONLY_NOUNS: &[&str] = &["council", "county", "governor", "mayor", "residents"];

/// Lower-case nouns of a place's offices and kinds, after which `of` and
/// a listed place's name is the place (`mayor of Surrey`, `the city of
/// Coventry`), though the weights read the football club or a person.
const PLACE_OF_NOUNS: &[&str] =
    &["city", "county", "district", "governor", "mayor", "province", "region", "residents", "state", "town"];

/// Lower-case particles inside a person's name (`Lula da Silva`, `Ludwig
/// van Beethoven`, `Osama bin Laden`).
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "ibn", "van",
    "von",
];

/// Applies the rules of this module to one sentence's BILOU tags.
pub(crate) fn apply<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    nicknames_stay_inside(words, ctx, tags);
    particles_stay_inside(words, ctx, tags);
    second_domains_stay_inside(words, ctx, lex, tags);
    titles_stay_outside(words, lex, tags);
    a_title_inside_a_name_splits_it(words, ctx, lex, gaz, tags);
    hyphenated_surnames_stay_inside(words, ctx, gaz, tags);
    a_hyphenated_surname_after_a_first_name_joins(words, ctx, lex, gaz, tags);
    a_first_name_before_a_name_joins(words, ctx, lex, gaz, tags);
    an_honorific_makes_a_person(words, ctx, lex, tags);
    post_nominals_stay_outside(words, tags);
    role_of_a_domain_stays_outside(words, ctx, lex, gaz, tags);
    let names = bilou_chunks(tags);
    kind_nouns_type_the_name(&names, words, ctx, gaz, tags);
}

/// Whether `word` is a title or role standing before a name: a title of
/// the shared table (`src/titles.rs`: `Sen.`, `Honourable`), or a compound in `-man`, `-woman` or
/// `-person` of a word of five letters or more that the lexicon sees
/// capitalised less than four times in five (`Assemblyman`,
/// `Councilwoman`; not `Englishman`, nor the first names `Freeman`,
/// `Sherman`, whose stems are short).
pub(crate) fn is_title(word: &str, lex: &Lexicon) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    if crate::titles::is_name_title(&lower) {
        return true;
    }
    ["man", "woman", "person"].iter().any(|suffix| {
        lower.strip_suffix(suffix).is_some_and(|stem| stem.chars().count() >= 5 && lex.case_bucket(stem) <= 3)
    })
}

/// A title or role at the start of a person's name is taken out of it
/// (`Sen. Rand Paul` → `Rand Paul`), and a title tagged as a name of its
/// own right before a person's name is no name (`Assemblyman` in
/// `Assemblyman Dale Kirchner`). A name keeps at least one word.
fn titles_stay_outside<S: AsRef<str>>(words: &[S], lex: &Lexicon, tags: &mut [u8]) {
    let names = bilou_chunks(tags);
    for (i, c) in names.iter().enumerate() {
        let next_is_person = names.get(i + 1).is_some_and(|n| n.start == c.end && n.ty == PER);
        if c.ty != PER {
            if c.end == c.start + 1 && next_is_person && is_title(words[c.start].as_ref(), lex) {
                retag(tags, c.start, c.end, None);
            }
            continue;
        }
        let mut first = c.start;
        while first + 1 < c.end && is_title(words[first].as_ref(), lex) {
            first += 1;
        }
        if first > c.start {
            retag(tags, c.start, first, None);
            retag(tags, first, c.end, Some(PER));
        }
    }
}

/// A title inside a name, followed by capitalised words, stands between
/// what the title belongs to and a person: `Kharkiv Mayor Vitalii
/// Hordiienko`, which the tagger may read as one organisation, is the place
/// `Kharkiv`, the title outside any name, and the person `Vitalii
/// Hordiienko`. The words before the title are a place when the gazetteer
/// lists the one word as a place, else an organisation (`Lufthansa Chief
/// Executive Carsten Spohr`), or MISC when it is a listed demonym
/// (`German Chancellor X`).
/// Titles in running text only: a title-case headline capitalises every
/// word.
fn a_title_inside_a_name_splits_it<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    if ctx.caps || ctx.title {
        return;
    }
    // A word before the title, the title and a word after it: three at
    // least. A title opening a name is left to `titles_stay_outside`
    // (`Premier League` stays MISC).
    for c in bilou_chunks(tags).into_iter().filter(|c| c.end >= c.start + 3) {
        if is_title(words[c.start].as_ref(), lex) {
            continue;
        }
        let Some(first_title) = (c.start + 1..c.end - 1).find(|&i| is_title(words[i].as_ref(), lex)) else {
            continue;
        };
        let mut rest = first_title;
        while rest < c.end && is_title(words[rest].as_ref(), lex) {
            rest += 1;
        }
        // A person's words: capitalised, and seen capitalised at least half
        // the time or rarely seen.
        let person_like = |i: usize| {
            ctx.info[i].casing == casing::TITLE && lex.case_bucket(&words[i].as_ref().to_lowercase()) >= 3
        };
        if rest == c.end || !(rest..c.end).all(person_like) {
            continue;
        }
        // `Prime Minister`, `Foreign Minister`: the word before the title
        // belongs to the title when the lexicon sees it mostly in lower case.
        if lex.case_bucket(&words[first_title - 1].as_ref().to_lowercase()) <= 2 {
            continue;
        }
        let one_word = first_title == c.start + 1;
        let roles = gaz.token_roles.get(&ctx.info[c.start].upper).copied().unwrap_or(0);
        let ty = if one_word && roles & DEMONYM_BITS != 0 {
            MISC
        } else if one_word && gaz.lists_place(ctx.info[c.start].upper) {
            LOC
        } else {
            ORG
        };
        retag(tags, c.start, first_title, Some(ty));
        retag(tags, first_title, rest, None);
        retag(tags, rest, c.end, Some(PER));
    }
}

/// A double-barrelled surname (`Sian Pritchard-Evans`) ends the name the
/// tagger meets before it: it tags the first name and the surname as two
/// names of other kinds (`Sian` LOC, `Pritchard-Evans` MISC), since a
/// hyphenated capitalised word looks like a compound modifier. One or two
/// capitalised words tagged as a name, right before a name of one word
/// `Xxx-Yyy` whose two halves are capitalised words and no listed place
/// (`Alsace-Lorraine`, `Baden-Württemberg` stay places), are one person.
fn hyphenated_surnames_stay_inside<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    if ctx.caps {
        return;
    }
    let names = bilou_chunks(tags);
    for pair in names.windows(2) {
        let (first, surname) = (&pair[0], &pair[1]);
        if first.end != surname.start || surname.end != surname.start + 1 || first.end - first.start > 2 {
            continue;
        }
        let word = words[surname.start].as_ref();
        let Some((a, b)) = word.split_once('-') else { continue };
        let listed = |w: &str| lists_place_word(gaz, w);
        if !(is_title_case_word(a) && is_title_case_word(b)) || listed(a) || listed(b) || listed(word) {
            continue;
        }
        if !(first.start..first.end)
            .all(|i| ctx.info[i].casing == casing::TITLE && !listed(words[i].as_ref()))
        {
            continue;
        }
        retag(tags, first.start, surname.end, Some(PER));
    }
}

/// One or two capitalised words tagged as a person, then an untagged
/// `Xxx-Yyy` whose halves are capitalised words, are one person (`Mayor
/// Imelda Faraday-Quist tells…`, where the tagger reads the hyphenated
/// word as a modifier and leaves it out). A word that the gazetteer lists
/// as a place, or whose two halves it both lists (`Alsace-Lorraine`), and
/// a hyphenated word that opens a longer capitalised run (`Faraday-Quist
/// Foundation`) stay out. A given name of two romanised syllables, the
/// second in lower case (`Chan Siu-fong`, `Lee Dong-hyun`: Cantonese and
/// Korean names put it after the surname), joins the same way when the
/// lexicon does not see the word mostly in lower case (`Co-op`).
fn a_hyphenated_surname_after_a_first_name_joins<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    if ctx.caps {
        return;
    }
    let listed = |w: &str| lists_place_word(gaz, w);
    for c in bilou_chunks(tags) {
        let next = c.end;
        if c.ty != PER || c.end - c.start > 2 || next >= words.len() || tags[next] != 0 {
            continue;
        }
        if !(c.start..c.end).all(|i| ctx.info[i].casing == casing::TITLE) {
            continue;
        }
        let word = words[next].as_ref();
        let Some((a, b)) = word.split_once('-') else { continue };
        let syllables = is_romanised_given_name(word) && lex.case_bucket(&word.to_lowercase()) >= 3;
        if !(is_title_case_word(a) && is_title_case_word(b) || syllables)
            || listed(word)
            || (listed(a) && listed(b))
        {
            continue;
        }
        if words.get(next + 1).is_some() && ctx.info[next + 1].casing == casing::TITLE {
            continue;
        }
        retag(tags, c.start, next + 1, Some(PER));
    }
}

/// Whether the gazetteer lists `w` alone as a place.
fn lists_place_word(gaz: &Gazetteer, w: &str) -> bool {
    gaz.lists_place(hash_str(UPPER_SEED, &w.to_uppercase()))
}

/// A Cantonese or Korean given name written after the family name: two
/// romanised syllables, the second in lower case (`Ka-man`, `Dong-hyun`).
/// The quote stage uses it too, to find the family name in `Winnie Lo
/// Ka-man`.
pub(crate) fn is_romanised_given_name(w: &str) -> bool {
    w.split_once('-').is_some_and(|(a, b)| {
        (2..=4).contains(&a.len())
            && a.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && a.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && (2..=5).contains(&b.len())
            && b.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// A capitalised word of letters, the rest lower case (`Quist`, `Reed`).
fn is_title_case_word(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase)
}

/// The tagger may leave a person's first name out of the name when the
/// name opens a sentence (`Marguerite Anne Lavallee, who …, said`: only
/// `Anne Lavallee` tagged), since a capitalised word there says little. An
/// untagged capitalised word right before a person's name joins it when it
/// stands alone (at the sentence's start, after a title or after a word in
/// lower case or punctuation) and is a first name: a first name of the
/// Census lists that the lexicon sees capitalised at least half the time
/// or barely knows (`Ruth`, `Marguerite`; not `Will`, `Bill`), or, before
/// a name of two words or more, a word the lexicon barely knows that the
/// gazetteer lists as no place or nationality (`Tsering`), that does not
/// end like a noun of a trade (`Physiotherapist`) and stands before no
/// common first name. Titles, days (`Monday`, known and in no list),
/// months (`June`) and words seen in lower case (`Striker`) stay out,
/// except right after a title or a role word (`Mayor`, `Mr`, `mayor`),
/// where a capitalised word of letters can only open the name, even one
/// the lexicon sees mostly in lower case (`Blessing`, `Mere`, `Odd`):
/// there only a title's second word (`Secretary | General`, `Chief |
/// Accountant`, `Chief Executive | Officer`: any word of the titles table,
/// a role word, a noun of a trade by its ending), a month, a weekday or a
/// listed demonym stays out.
fn a_first_name_before_a_name_joins<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    if ctx.caps || ctx.title {
        return;
    }
    for c in bilou_chunks(tags) {
        if c.ty != PER || c.start == 0 {
            continue;
        }
        let i = c.start - 1;
        let word = words[i].as_ref();
        if tags[i] != 0
            || ctx.info[i].casing != casing::TITLE
            || !word.chars().all(char::is_alphabetic)
            || is_title(word, lex)
        {
            continue;
        }
        let alone = i == 0 || ctx.info[i - 1].casing != casing::TITLE || is_title(words[i - 1].as_ref(), lex);
        let after_title = i > 0 && tags[i - 1] == 0 && {
            let before = words[i - 1].as_ref();
            is_title(before, lex)
                || HONORIFICS.contains(&before.trim_end_matches('.').to_lowercase().as_str())
                || (ctx.info[i - 1].role && ctx.info[i - 1].casing == casing::LOWER)
        };
        if !alone && !after_title {
            continue;
        }
        let lower = word.to_lowercase();
        if MONTHS.contains(&lower.as_str()) {
            continue;
        }
        let bucket = lex.case_bucket(&lower);
        let census = crate::quotes::gender::of_first_name(word).is_some() && bucket >= 3;
        let roles = gaz.token_roles.get(&ctx.info[i].upper).copied().unwrap_or(0);
        let place_or_nation = gaz.lists_place(ctx.info[i].upper) || roles & DEMONYM_BITS != 0;
        // A role noun the lexicon lacks is most often followed by a common
        // first name (`Trustee Karen Whitfield`); a first name it lacks, by
        // the rest of a name the Census lists do not know either.
        let agent_noun = AGENT_SUFFIXES.iter().any(|x| lower.ends_with(x))
            || crate::quotes::gender::of_first_name(words[c.start].as_ref()).is_some();
        let unknown = bucket >= 6 && !place_or_nation && !agent_noun && c.end - c.start >= 2;
        // Right after a title or role word, a first name that is also a
        // common word (`Mayor Mere Tawhiri`, `Mr Blessing Zvobgo`, `mayor
        // Odd Arne Pedersen`), unless the word is a title's second word.
        let common_word_first_name = after_title
            && !crate::titles::SPEAKER_TITLES.contains(&lower.as_str())
            && !dossier_core::titles::is_link_title(&lower)
            && !AGENT_SUFFIXES.iter().any(|x| lower.ends_with(x))
            && !ctx.info[i].role
            && !WEEKDAYS.contains(&lower.as_str())
            && roles & DEMONYM_BITS == 0;
        if (alone && (census || unknown)) || common_word_first_name {
            retag(tags, i, c.end, Some(PER));
        }
    }
}

/// Days of the week, which stand capitalised after a title's name
/// (`Mayor Hale Monday`) but never open a name.
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Months that are first names too (`June`, `April`): `from January to
/// June Comelf exported` holds no person's first name.
const MONTHS: &[&str] = &["april", "august", "june", "may"];

/// Endings of English nouns of a trade or role (`Physiotherapist`,
/// `Volcanologist`, `Trustee`, `Bridesmaid`, `Fullback`), which open a sentence
/// before a person's name as often as a first name does and which the
/// lexicon, built on news text, may never have seen.
const AGENT_SUFFIXES: &[&str] =
    &["ant", "back", "ee", "ent", "er", "ess", "ian", "ist", "maid", "man", "or", "ster"];

/// Endings of English abstract and plural common nouns (`Irrigation`,
/// `Enlightenment`, `Fisheries`, `Minerals`), which name an office's domain
/// after `Minister of` and which the lexicon, built on news text, may
/// never have seen.
const COMMON_NOUN_ENDINGS: &[&str] =
    &["als", "ance", "ence", "ics", "ies", "ion", "ism", "ity", "ment", "ness", "ogy", "ure"];

fn has_common_noun_ending(w: &str) -> bool {
    let lower = w.to_lowercase();
    lower.len() >= 6 && COMMON_NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Initials of a given name: capital letters each with a full stop (`T.`,
/// `T.S.`).
fn is_initials(w: &str) -> bool {
    let b = w.as_bytes();
    !b.is_empty() && b.len() % 2 == 0 && b.chunks(2).all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

/// Honorifics that only ever stand before a person's surname (`Mrs
/// Cawthorne`, `Coun Postlethwaite`), never open the name of an
/// organisation or a work in news (`Madame Bovary` does, so `Madame` is
/// not one).
const HONORIFICS: &[&str] = &["cllr", "coun", "dr", "mr", "mrs", "ms", "mx"];

/// An honorific and one capitalised word tagged together as an
/// organisation, place or MISC (`Mrs Cawthorne` read as a firm) are a
/// person: the honorific goes out, as `titles_stay_outside` does for
/// persons, and the surname is a person. So are an honorific and two or
/// three capitalised words the lexicon sees mostly capitalised or barely
/// knows (`Dr Alice Njoroge`; not `Dr Reddy's Laboratories`).
fn an_honorific_makes_a_person<S: AsRef<str>>(words: &[S], ctx: &SentCtx, lex: &Lexicon, tags: &mut [u8]) {
    if ctx.caps || ctx.title {
        return;
    }
    for c in bilou_chunks(tags) {
        let honorific = words[c.start].as_ref().trim_end_matches('.').to_lowercase();
        let name_like = |i: usize| {
            ctx.info[i].casing == casing::TITLE
                && (c.end == c.start + 2 || lex.case_bucket(&words[i].as_ref().to_lowercase()) >= 3)
        };
        if c.ty != PER
            && (2..=4).contains(&(c.end - c.start))
            && HONORIFICS.contains(&honorific.as_str())
            && (c.start + 1..c.end).all(name_like)
        {
            retag(tags, c.start, c.start + 1, None);
            retag(tags, c.start + 1, c.end, Some(PER));
        }
    }
}

/// Letters after a person's name (`Ciara Breen SC`, `Tom Hale MP`) are
/// no part of it, as a title before it is not.
const POST_NOMINALS: &[&str] = &["CBE", "KBE", "KC", "MBE", "MEP", "MLA", "MP", "MSP", "OBE", "QC", "SC"];

/// A person's name of three words or more ending in post-nominal letters
/// ends before them, and the letters tagged as a name of their own right
/// after a person's name are none (`Aoife Nic Gearailt | SC`).
fn post_nominals_stay_outside<S: AsRef<str>>(words: &[S], tags: &mut [u8]) {
    let names = bilou_chunks(tags);
    for (i, c) in names.iter().enumerate() {
        let letters = POST_NOMINALS.contains(&words[c.end - 1].as_ref());
        if c.ty == PER && c.end - c.start >= 3 && letters {
            retag(tags, c.end - 1, c.end, None);
            retag(tags, c.start, c.end - 1, Some(PER));
        } else if c.end == c.start + 1
            && letters
            && i > 0
            && names[i - 1].ty == PER
            && names[i - 1].end == c.start
        {
            retag(tags, c.start, c.end, None);
        }
    }
}

/// In `Deputy Minister of Education Nadiia Vovk` the tagger reads
/// `Education Nadiia Vovk` as one name, and in `Minister for Health Aoife
/// Brennan` (the Irish, Australian and Hong Kong style) it may take the
/// title in too. After `TITLE of` or `TITLE for` (and any domain words
/// before the chunk: `Minister of Water and Irrigation …`), a name that opens with
/// words the lexicon sees mostly in lower case (`Education`, `Foreign
/// Affairs`) and goes on with at least two capitalised words that are not
/// (and no company's) is the office, then a person.
fn role_of_a_domain_stays_outside<S: AsRef<str>>(
    words: &[S],
    ctx: &SentCtx,
    lex: &Lexicon,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    if ctx.caps || ctx.title {
        return;
    }
    let of_or_for = |i: usize| matches!(words[i].as_ref(), "of" | "for");
    for c in bilou_chunks(tags) {
        // The domain's first word: the chunk's first word after a `TITLE
        // of` outside it, or the word after the chunk's own titles and `for`.
        // (Titles are looked up only in a chunk that holds `of` or `for`.)
        let mut titles_end = c.start;
        if (c.start + 1..c.end).any(of_or_for) {
            while titles_end < c.end && is_title(words[titles_end].as_ref(), lex) {
                titles_end += 1;
            }
        }
        // Domain words before the chunk go back to the `TITLE of`: `Minister
        // of Water and Irrigation Raed Haddad`, where the chunk starts at
        // `Irrigation`.
        let after_and = c.start >= 1 && matches!(words[c.start - 1].as_ref(), "and" | "&");
        let mut back = c.start;
        if after_and {
            while back > c.start.saturating_sub(6)
                && back >= 1
                && (matches!(words[back - 1].as_ref(), "and" | "&" | ",")
                    || ctx.info[back - 1].casing == casing::TITLE)
            {
                back -= 1;
            }
        }
        let start = if back >= 2 && of_or_for(back - 1) && is_title(words[back - 2].as_ref(), lex) {
            c.start
        } else if titles_end > c.start && titles_end + 1 < c.end && of_or_for(titles_end) {
            titles_end + 1
        } else {
            continue;
        };
        let lower_bucket = |i: usize| lex.case_bucket(&words[i].as_ref().to_lowercase());
        // The domain goes on over words the lexicon sees mostly in lower
        // case and over words it barely knows that are shaped like an
        // abstract or plural common noun (`Irrigation`, `Enlightenment`).
        let domain_word = |i: usize| {
            let bucket = lower_bucket(i);
            bucket <= 2 || bucket >= 6 && has_common_noun_ending(words[i].as_ref())
        };
        let mut split = start;
        while split < c.end && domain_word(split) {
            split += 1;
        }
        // After `and`, the chunk's first word closes the domain, however
        // the lexicon sees it (`… and Fisheries`); so does the word after
        // an `and` inside the chunk (`Minerals and Energy`): no person's
        // name holds `and`.
        if start == c.start && after_and {
            split = split.max(c.start + 1);
        }
        if let Some(and) = (start..c.end).rev().find(|&i| matches!(words[i].as_ref(), "and" | "&")) {
            split = split.max(and + 2);
        }
        let person_like = |i: usize| {
            ctx.info[i].casing == casing::TITLE
                && (3..=7).contains(&lower_bucket(i))
                && gaz.token_roles.get(&ctx.info[i].upper).copied().unwrap_or(0) & (0xF << (COMPANY * 4)) == 0
        };
        // Inside the person's name: a particle (`Raed Al Khasawneh`) or
        // initials before the surname (`T.S. Selvavinayagam`).
        let inside_name = |i: usize| {
            person_like(i)
                || i + 1 < c.end
                    && (i > split && NAME_PARTICLES.contains(&words[i].as_ref().to_lowercase().as_str())
                        || is_initials(words[i].as_ref()))
        };
        if split > start && c.end >= split + 2 && person_like(c.end - 1) && (split..c.end).all(inside_name) {
            retag(tags, c.start, split, None);
            retag(tags, split, c.end, Some(PER));
        }
    }
}

/// A nickname in quotes inside a name (`Roberto "Bobby" Vidal`) is part of
/// it: the tagger, meeting the quotes, ends the name before them and
/// starts another after. A capitalised word tagged as a person, a quote,
/// one or two capitalised words (or initials in capitals, `"AJ"`), a
/// quote, and a person's name become one name from the first name's start
/// to the last's end.
fn nicknames_stay_inside<S: AsRef<str>>(words: &[S], ctx: &SentCtx, tags: &mut [u8]) {
    let is_quote = |i: usize| matches!(words[i].as_ref(), "\"" | "“" | "”" | "'" | "‘" | "’" | "``" | "''");
    let cased = |i: usize| ctx.info[i].casing == casing::TITLE;
    let nickname = |i: usize| matches!(ctx.info[i].casing, casing::TITLE | casing::CAPS);
    let names = bilou_chunks(tags);
    let chunk_at = |i: usize| names.iter().find(|c| c.start <= i && i < c.end).copied();
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for open in 1..words.len() {
        if !is_quote(open) || !cased(open - 1) {
            continue;
        }
        let Some(before) = chunk_at(open - 1).filter(|c| c.ty == PER) else { continue };
        for len in 1..=2 {
            let close = open + len + 1;
            if close + 1 >= words.len()
                || !is_quote(close)
                || !(open + 1..close).all(nickname)
                || !cased(close + 1)
            {
                continue;
            }
            if let Some(after) = chunk_at(close + 1).filter(|c| c.ty == PER && c.start >= open) {
                merges.push((before.start, after.end));
                break;
            }
        }
    }
    for (start, end) in merges {
        retag(tags, start, end, Some(PER));
    }
}

/// A person's name goes on over one or two lower-case particles to the
/// capitalised word after them (`Luiz Inacio Lula da Silva`, `Joao Batista
/// da Costa`): the tagger, which meets few such names, may end the name at
/// the particle and type the rest apart (`Silva` MISC, `Costa` LOC). The
/// word after the particles is untagged, a name of one word, or starts a
/// person's or a MISC name, which the person's name takes whole. CoNLL-2003
/// train has 32 such names, all people, and the fold models keep each
/// whole already: 5-fold CV does not move.
fn particles_stay_inside<S: AsRef<str>>(words: &[S], ctx: &SentCtx, tags: &mut [u8]) {
    let names = bilou_chunks(tags);
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for c in names.iter().filter(|c| c.ty == PER) {
        let mut next = c.end;
        while next < words.len().min(c.end + 2) && NAME_PARTICLES.contains(&words[next].as_ref()) {
            next += 1;
        }
        if next == c.end || next >= words.len() || ctx.info[next].casing != casing::TITLE {
            continue;
        }
        match names.iter().find(|n| n.start <= next && next < n.end) {
            None => merges.push((c.start, next + 1)),
            Some(n) if n.start == next && (n.end == next + 1 || n.ty == PER || n.ty == MISC) => {
                merges.push((c.start, n.end))
            }
            Some(_) => {}
        }
    }
    for (start, end) in merges {
        retag(tags, start, end, Some(PER));
    }
}

/// An organisation named for two domains (`Department of Enterprise and
/// Employment`, `Ministry of Fisheries and Aquaculture`) keeps the second:
/// the tagger may end the name at `and`, and tag the rest apart or not at
/// all. After an organisation's name with `of` inside, `and` and
/// capitalised words that the lexicon sees mostly in lower case (common
/// nouns written with a capital inside a name), untagged or tagged as one
/// name of their own, join the name. In CoNLL-2003 train's fold models this
/// joins one name and leaves `Council of Europe and NATO` apart (`NATO` is
/// no common noun).
fn second_domains_stay_inside<S: AsRef<str>>(words: &[S], ctx: &SentCtx, lex: &Lexicon, tags: &mut [u8]) {
    if ctx.caps || ctx.title {
        return;
    }
    let names = bilou_chunks(tags);
    for c in &names {
        if c.ty != ORG || c.end + 1 >= words.len() || words[c.end].as_ref() != "and" {
            continue;
        }
        if !words[c.start + 1..c.end].iter().any(|w| w.as_ref() == "of") {
            continue;
        }
        let common_capitalised = |i: usize| {
            ctx.info[i].casing == casing::TITLE && lex.case_bucket(&words[i].as_ref().to_lowercase()) <= 2
        };
        let (first, mut end) = (c.end + 1, c.end + 1);
        while end < words.len() && common_capitalised(end) {
            end += 1;
        }
        // The words joined are untagged, or one name of their own.
        let untagged = tags[first..end].iter().all(|&t| t == 0);
        let one_name = names.iter().any(|n| n.start == first && n.end == end);
        let ends_there = end == words.len() || ctx.info[end].casing != casing::TITLE && tags[end] == 0;
        if end > first && ends_there && (untagged || one_name) {
            retag(tags, c.start, end, Some(ORG));
        }
    }
}

/// The noun right before or after a name says what it is: a name after
/// a noun of a kind of organisation is one (`the startup Lexora`, where
/// the weights read a person), and a one-word person that the gazetteer
/// lists as a country, region or city before a noun of a place's
/// institutions is the place (`Cornwall council said`), as is such an
/// organisation before a noun only a place has (`Leeds council`). Set off
/// by commas, a noun of a kind of organisation makes the name an
/// organisation too (`her publisher, Lintang Pustaka,`), and a one-word
/// person or organisation the gazetteer lists as a place after `mayor
/// of`, `residents of`, `the city of` is the place (`mayor of Coventry`).
fn kind_nouns_type_the_name<S: AsRef<str>>(
    names: &[Chunk],
    words: &[S],
    ctx: &SentCtx,
    gaz: &Gazetteer,
    tags: &mut [u8],
) {
    for c in names {
        let apposition = c.start > 1
            && words[c.start - 1].as_ref() == ","
            && words.get(c.end).is_some_and(|w| w.as_ref() == ",")
            && (ORG_KINDS.contains(&words[c.start - 2].as_ref())
                || APPOSITION_ORG_KINDS.contains(&words[c.start - 2].as_ref()));
        if c.ty != ORG && c.start > 0 && (ORG_KINDS.contains(&words[c.start - 1].as_ref()) || apposition) {
            retag(tags, c.start, c.end, Some(ORG));
        } else if c.end == c.start + 1
            && (words.get(c.end).is_some_and(|w| {
                let nouns = if c.ty == PER { PLACE_NOUNS } else { PLACE_ONLY_NOUNS };
                (c.ty == PER || c.ty == ORG) && nouns.contains(&w.as_ref())
            }) || ((c.ty == PER || c.ty == ORG)
                && c.start >= 2
                && words[c.start - 1].as_ref() == "of"
                && PLACE_OF_NOUNS.contains(&words[c.start - 2].as_ref())))
            && gaz.lists_place(ctx.info[c.start].upper)
        {
            retag(tags, c.start, c.end, Some(LOC));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::sentence_context as ctx;
    use crate::ner::tags::{tag, Pos};

    fn lex() -> Lexicon {
        Lexicon::from_text(
            "F\tassembly\t25\t9\nF\tenglish\t51\t51\nF\tfree\t300\t3\nF\teducation\t116\t23\n\
             F\tforeign\t200\t30\nF\taffairs\t150\t20\nF\tnadia\t30\t30\nF\tvovk\t5\t5\n\
             F\tuniverse\t20\t2\nF\tinc\t50\t50\n",
        )
        .unwrap()
    }

    fn per(n: usize) -> Vec<u8> {
        match n {
            1 => vec![tag(Pos::U, PER)],
            _ => {
                let mut v = vec![tag(Pos::B, PER)];
                v.extend(std::iter::repeat_n(tag(Pos::I, PER), n - 2));
                v.push(tag(Pos::L, PER));
                v
            }
        }
    }

    #[test]
    fn initials_and_common_noun_endings() {
        assert!(is_initials("T.") && is_initials("T.S."));
        assert!(!is_initials("TS") && !is_initials("T.s.") && !is_initials("Dr."));
        assert!(has_common_noun_ending("Irrigation") && has_common_noun_ending("Fisheries"));
        assert!(!has_common_noun_ending("Quraini") && !has_common_noun_ending("Ion"));
    }

    #[test]
    fn titles_by_list_and_by_compound() {
        let l = lex();
        for w in ["Sen.", "Rep.", "Honourable", "Mr", "Assemblyman", "Assemblywoman", "Spokeswoman"] {
            assert!(is_title(w, &l), "{w}");
        }
        // A nationality's compound, first names in -man, lower-case words.
        for w in ["Englishman", "Freeman", "Sherman", "senator", "Dean", "Miss"] {
            assert!(!is_title(w, &l), "{w}");
        }
    }

    #[test]
    fn a_leading_title_leaves_the_name() {
        let l = lex();
        let words = ["Sen.", "Rand", "Paul", "voted"];
        let mut t = per(3);
        t.push(0);
        titles_stay_outside(&words, &l, &mut t);
        assert_eq!(t, [0, tag(Pos::B, PER), tag(Pos::L, PER), 0]);
        // A title alone stays: the name keeps a word.
        let words = ["Senator", "voted"];
        let mut t = [tag(Pos::U, PER), 0];
        titles_stay_outside(&words, &l, &mut t);
        assert_eq!(t, [tag(Pos::U, PER), 0]);
        // A title tagged as a name of its own before a person.
        let words = ["by", "Assemblyman", "Dale", "Ruiz"];
        let mut t = [0, tag(Pos::U, 3), tag(Pos::B, PER), tag(Pos::L, PER)];
        titles_stay_outside(&words, &l, &mut t);
        assert_eq!(t, [0, 0, tag(Pos::B, PER), tag(Pos::L, PER)]);
        // A demonym before a person is a name (CoNLL: `Spaniard Carlos Sainz`).
        let words = ["English", "Dale", "Ruiz"];
        let mut t = [tag(Pos::U, 3), tag(Pos::B, PER), tag(Pos::L, PER)];
        titles_stay_outside(&words, &l, &mut t);
        assert_eq!(t[0], tag(Pos::U, 3));
    }

    #[test]
    fn an_office_then_a_person() {
        let (l, g) = (lex(), Gazetteer::default());
        let words = ["Minister", "of", "Foreign", "Affairs", "Nadia", "Vovk", "said"];
        let org = |p| tag(p, ORG);
        let mut t = [0, 0, org(Pos::B), org(Pos::I), org(Pos::I), org(Pos::L), 0];
        role_of_a_domain_stays_outside(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, [0, 0, 0, 0, tag(Pos::B, PER), tag(Pos::L, PER), 0]);
        // Domain words the lexicon never saw: shaped like a common noun
        // (`Irrigation`), or closed by `and` (`Mines and Petroleum`); a
        // particle and initials inside the person's name.
        let words = ["Minister", "of", "Irrigation", "Tomas", "Al", "Quraini", "said"];
        let mut t = [0, 0, org(Pos::B), org(Pos::I), org(Pos::I), org(Pos::L), 0];
        role_of_a_domain_stays_outside(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, [0, 0, 0, tag(Pos::B, PER), tag(Pos::I, PER), tag(Pos::L, PER), 0]);
        let words = ["Minister", "of", "Mines", "and", "Petroleum", "K.T.", "Mokgatle", "said"];
        let mut t = [0, 0, org(Pos::B), org(Pos::I), org(Pos::I), org(Pos::I), org(Pos::L), 0];
        role_of_a_domain_stays_outside(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, [0, 0, 0, 0, 0, tag(Pos::B, PER), tag(Pos::L, PER), 0]);
        // A name the lexicon never saw after the office is no domain word.
        let words = ["Minister", "of", "Tomas", "Quraini", "said"];
        let mut t = [0, 0, org(Pos::B), org(Pos::L), 0];
        let before = t;
        role_of_a_domain_stays_outside(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, before);
        // A company's name after the office stays whole.
        let g = Gazetteer::from_entries([(COMPANY as u8, "MISS UNIVERSE INC".to_string())]);
        let words = ["president", "of", "Universe", "Nadia", "Inc", ","];
        let mut t = [0, 0, org(Pos::B), org(Pos::I), org(Pos::L), 0];
        let before = t;
        role_of_a_domain_stays_outside(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_title_inside_a_name_splits_place_and_person() {
        let l = Lexicon::from_text("F\tprime\t300\t40\n").unwrap();
        let g = Gazetteer::from_entries([(9, "BRATSK".to_string()), (6, "LATVIAN".to_string())]);
        let org = |p| tag(p, ORG);
        let words = ["Bratsk", "Mayor", "Olena", "Marchuk", "spoke"];
        let mut t = [org(Pos::B), org(Pos::I), org(Pos::I), org(Pos::L), 0];
        a_title_inside_a_name_splits_it(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, [tag(Pos::U, LOC), 0, tag(Pos::B, PER), tag(Pos::L, PER), 0]);
        // What the title belongs to: an organisation unless listed as a place or a demonym.
        // (Lower-case words around them: a sentence of capitalised words reads as a headline.)
        let words = [
            "the",
            "board",
            "of",
            "Velbrook",
            "Chief",
            "Executive",
            "Ana",
            "Ruiz",
            "and",
            "the",
            "Latvian",
            "Envoy",
            "Ivo",
            "Kalns",
            "met",
        ];
        let (b, i, l_) = (org(Pos::B), org(Pos::I), org(Pos::L));
        let mut t = [0, 0, 0, b, i, i, i, l_, 0, 0, b, i, i, l_, 0];
        a_title_inside_a_name_splits_it(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        let per2 = [tag(Pos::B, PER), tag(Pos::L, PER)];
        assert_eq!(t[3..8], [tag(Pos::U, ORG), 0, 0, per2[0], per2[1]]);
        assert_eq!(t[10..14], [tag(Pos::U, MISC), 0, per2[0], per2[1]]);
        // A title opening a name of another type splits nothing.
        let l = Lexicon::from_text("F\tprime\t300\t40\nF\tleague\t400\t150\n").unwrap();
        let words = ["the", "Premier", "League", "."];
        let mut t = [0, tag(Pos::B, MISC), tag(Pos::L, MISC), 0];
        a_title_inside_a_name_splits_it(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
        assert_eq!(t, [0, tag(Pos::B, MISC), tag(Pos::L, MISC), 0]);
        // A word the lexicon sees mostly in lower case belongs to the title,
        // and a title last in a name (`Burger King`) splits nothing.
        for words in [["the", "Prime", "Minister", "Ivo"], ["at", "Burger", "King", "."]] {
            let mut t = [0, org(Pos::B), org(Pos::I), org(Pos::L)];
            if words[3] == "." {
                t = [0, org(Pos::B), org(Pos::L), 0];
            }
            let before = t;
            a_title_inside_a_name_splits_it(&words, &ctx(&words, &l, &g), &l, &g, &mut t);
            assert_eq!(t, before, "{words:?}");
        }
    }

    #[test]
    fn a_double_barrelled_surname_joins_the_first_name() {
        let (l, g) = (lex(), Gazetteer::from_entries([(9, "BADEN".to_string())]));
        let words = ["By", "Carys", "Pritchard-Owen"];
        let mut t = [0, tag(Pos::U, LOC), tag(Pos::U, MISC)];
        hyphenated_surnames_stay_inside(&words, &ctx(&words, &l, &g), &g, &mut t);
        assert_eq!(t, [0, tag(Pos::B, PER), tag(Pos::L, PER)]);
        // A listed place in the hyphenated word, or a modifier in lower case, stays apart.
        for (words, last) in
            [(["in", "Stuttgart", "Baden-Wurttemberg"], MISC), (["the", "Perth", "Perth-based"], MISC)]
        {
            let mut t = [0, tag(Pos::U, LOC), tag(Pos::U, last)];
            let before = t;
            hyphenated_surnames_stay_inside(&words, &ctx(&words, &l, &g), &g, &mut t);
            assert_eq!(t, before, "{words:?}");
        }
    }

    #[test]
    fn a_nickname_joins_the_two_halves() {
        let (l, g) = (lex(), Gazetteer::default());
        let words = ["coach", "Roberto", "\"", "Bobby", "\"", "Vidal", "said"];
        let mut t = [0, tag(Pos::U, PER), 0, tag(Pos::U, 3), 0, tag(Pos::U, PER), 0];
        nicknames_stay_inside(&words, &ctx(&words, &l, &g), &mut t);
        let mut want = vec![0];
        want.extend(per(5));
        want.push(0);
        assert_eq!(t.to_vec(), want);
        // Two people with a quoted title between them stay two.
        let words = ["Ana", "Ruiz", "\"", "Hello", "\"", "said", "Bo", "Li"];
        let mut t = [tag(Pos::B, PER), tag(Pos::L, PER), 0, 0, 0, 0, tag(Pos::B, PER), tag(Pos::L, PER)];
        let before = t;
        nicknames_stay_inside(&words, &ctx(&words, &l, &g), &mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn nouns_next_to_a_name_type_it() {
        let l = lex();
        let g = Gazetteer::from_entries([(9, "CORNWALL".to_string())]);
        let words = ["the", "startup", "Qorvala", "and", "Cornwall", "council"];
        let mut t = [0, 0, tag(Pos::U, PER), 0, tag(Pos::U, PER), 0];
        let c = ctx(&words, &l, &g);
        kind_nouns_type_the_name(&bilou_chunks(&t), &words, &c, &g, &mut t);
        assert_eq!(t, [0, 0, tag(Pos::U, ORG), 0, tag(Pos::U, LOC), 0]);
        // An organisation has officials of its own, a place a council.
        let words = ["Cornwall", "officials", "and", "Cornwall", "council"];
        let mut t = [tag(Pos::U, ORG), 0, 0, tag(Pos::U, ORG), 0];
        kind_nouns_type_the_name(&bilou_chunks(&t), &words, &ctx(&words, &l, &g), &g, &mut t);
        assert_eq!(t, [tag(Pos::U, ORG), 0, 0, tag(Pos::U, LOC), 0]);
        // A person before a verb stays a person, listed place or not.
        let words = ["Cornwall", "said"];
        let mut t = [tag(Pos::U, PER), 0];
        kind_nouns_type_the_name(&bilou_chunks(&t), &words, &ctx(&words, &l, &g), &g, &mut t);
        assert_eq!(t, [tag(Pos::U, PER), 0]);
    }

    #[test]
    fn particles_join_the_name_after_them() {
        let (l, g) = (lex(), Gazetteer::default());
        let words = ["Lula", "da", "Silva", "flew"];
        let mut t = [tag(Pos::U, PER), 0, tag(Pos::U, MISC), 0];
        particles_stay_inside(&words, &ctx(&words, &l, &g), &mut t);
        assert_eq!(t, [tag(Pos::B, PER), tag(Pos::I, PER), tag(Pos::L, PER), 0]);
        // An organisation of several words after the particle stays apart.
        let words = ["Ana", "de", "Real", "Madrid"];
        let mut t = [tag(Pos::U, PER), 0, tag(Pos::B, ORG), tag(Pos::L, ORG)];
        let before = t;
        particles_stay_inside(&words, &ctx(&words, &l, &g), &mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_second_domain_joins_the_organisation() {
        let l = Lexicon::from_text("F\tfisheries\t40\t3\nF\taquaculture\t40\t2\nF\tnato\t40\t40\n").unwrap();
        let g = Gazetteer::default();
        let org = |p| tag(p, ORG);
        let words =
            ["The", "Ministry", "of", "Fisheries", "and", "Aquaculture", "said", "the", "quota", "fell"];
        let mut t = [0, org(Pos::B), org(Pos::I), org(Pos::L), 0, org(Pos::U), 0, 0, 0, 0];
        second_domains_stay_inside(&words, &ctx(&words, &l, &g), &l, &mut t);
        assert_eq!(t, [0, org(Pos::B), org(Pos::I), org(Pos::I), org(Pos::I), org(Pos::L), 0, 0, 0, 0]);
        // `NATO` is no common noun: two organisations.
        let words = ["The", "Council", "of", "Europe", "and", "NATO", "met", "in", "the", "city"];
        let mut t = [0, org(Pos::B), org(Pos::I), org(Pos::L), 0, org(Pos::U), 0, 0, 0, 0];
        let before = t;
        second_domains_stay_inside(&words, &ctx(&words, &l, &g), &l, &mut t);
        assert_eq!(t, before);
    }
}
