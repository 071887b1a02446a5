//! What a name alone says about its bearer's gender, for pronoun
//! resolution (`"…," she said` never stands for Jorge Valcárcel).
//!
//! Two sources, both weaker than what the document itself says (titles and
//! pronouns, `Doc::document_genders`), so they are asked only when the
//! document is silent:
//! - a first name borne overwhelmingly by one sex in the 1990 US Census
//!   name lists (`first_names.tsv`, built by `scripts/build-first-names.py`;
//!   ambiguous names such as `Jordan` or `Leslie` are not in it);
//! - the gendered endings of Russian and Central Asian surnames
//!   (`Otunbayeva`, `Kuznetsova` are women; `Bakiyev`, `Ivanov` men), and
//!   the Icelandic `-dóttir` (daughter of), which the Census lists do not
//!   cover.

use std::sync::OnceLock;

/// A person's gender, as the document or the name gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

const TABLE: &str = include_str!("first_names.tsv");

/// The table's lines, sorted by name (the file is sorted; comments dropped).
fn first_names() -> &'static [(&'static str, Gender)] {
    static LIST: OnceLock<Vec<(&'static str, Gender)>> = OnceLock::new();
    LIST.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once('\t')?;
                let g = match g {
                    "M" => Gender::Male,
                    "F" => Gender::Female,
                    _ => return None,
                };
                Some((name, g))
            })
            .collect()
    })
}

/// The gender a first name alone gives, if its bearers are nearly all of
/// one sex.
pub(crate) fn of_first_name(word: &str) -> Option<Gender> {
    if word.len() < 2 || word.len() > 20 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // The Census lists spell names without diacritics: `Kristín`, `José`
    // and `Zoë` are looked up as `kristin`, `jose` and `zoe`.
    let low: String = word.chars().flat_map(char::to_lowercase).map(crate::ner::features::fold).collect();
    let list = first_names();
    list.binary_search_by(|(n, _)| (*n).cmp(low.as_str())).ok().map(|i| list[i].1)
}

/// Feminine and masculine endings of Russian-style surnames (transliterated
/// and Cyrillic), longest first within each list, and the Icelandic
/// `-dóttir`.
const FEMININE_ENDINGS: &[&str] =
    &["ovna", "evna", "skaya", "tskaya", "ova", "eva", "yeva", "ина", "ова", "ева", "ая", "dóttir", "dottir"];
const MASCULINE_ENDINGS: &[&str] =
    &["ovich", "evich", "skiy", "skii", "sky", "ov", "ev", "yev", "ов", "ев", "ий"];

/// The gender a Russian-style surname gives by its ending (`Otunbayeva`,
/// `Bakiyev`). Short words are skipped: `Eva`, `Lev` are first names.
pub(crate) fn of_surname(word: &str) -> Option<Gender> {
    if word.chars().count() < 5 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let low = word.to_lowercase();
    if FEMININE_ENDINGS.iter().any(|e| low.ends_with(e)) {
        Some(Gender::Female)
    } else if MASCULINE_ENDINGS.iter().any(|e| low.ends_with(e)) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender a full name gives (titles already dropped): its first word's,
/// when the name has two words or more, else its surname's ending.
pub(crate) fn of_name(full: &str) -> Option<Gender> {
    let mut words = full.split_whitespace();
    let first = words.next()?;
    let last = words.next_back();
    let by_first = last.and_then(|_| of_first_name(first));
    by_first.or_else(|| of_surname(last.unwrap_or(first)))
}

/// Nouns that say their bearer's sex, for a name they describe (`his wife,
/// Asha Rao`; `a spokeswoman in Amman, Lina Haddad`; `Tom Ilves, the
/// widower of …`). Kinship and gendered role words only: `chairman` and
/// `actor` are said of women too, and are left out.
const FEMALE_NOUNS: &[&str] = &[
    "actress",
    "aunt",
    "businesswoman",
    "chairwoman",
    "congresswoman",
    "councilwoman",
    "countess",
    "daughter",
    "daughter-in-law",
    "duchess",
    "fiancée",
    "girlfriend",
    "granddaughter",
    "grandma",
    "grandmother",
    "heiress",
    "housewife",
    "landlady",
    "mom",
    "mother",
    "mother-in-law",
    "mum",
    "niece",
    "nun",
    "policewoman",
    "princess",
    "queen",
    "sister",
    "sister-in-law",
    "spokeswoman",
    "sportswoman",
    "stepdaughter",
    "stepmother",
    "waitress",
    "widow",
    "wife",
    "woman",
];
const MALE_NOUNS: &[&str] = &[
    "boyfriend",
    "brother",
    "brother-in-law",
    "businessman",
    "congressman",
    "councilman",
    "dad",
    "father",
    "father-in-law",
    "grandfather",
    "grandpa",
    "grandson",
    "husband",
    "king",
    "man",
    "monk",
    "nephew",
    "policeman",
    "prince",
    "son",
    "son-in-law",
    "spokesman",
    "sportsman",
    "stepfather",
    "stepson",
    "uncle",
    "widower",
];

/// The sex a (lower-case) noun gives whoever it describes.
pub(crate) fn of_noun(low: &str) -> Option<Gender> {
    if FEMALE_NOUNS.contains(&low) {
        Some(Gender::Female)
    } else if MALE_NOUNS.contains(&low) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// An Arabic kunya opening a person's name (`Umm Khaled`, "mother of
/// Khaled"; `Abu Omar`, "father of Omar") says the bearer's sex. Asked of
/// people's names only: `Abu Dhabi` is a place.
pub(crate) fn of_kunya(first_word: &str) -> Option<Gender> {
    match first_word.to_lowercase().as_str() {
        "umm" => Some(Gender::Female),
        "abu" | "abou" => Some(Gender::Male),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        let list = first_names();
        assert!(list.len() > 4000, "{} names", list.len());
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn clear_first_names_give_a_gender_and_shared_ones_none() {
        assert_eq!(of_first_name("Margaret"), Some(Gender::Female));
        assert_eq!(of_first_name("Jorge"), Some(Gender::Male));
        assert_eq!(of_first_name("PHYLLIS"), Some(Gender::Female));
        // Borne by both sexes in numbers: no evidence.
        assert_eq!(of_first_name("Jordan"), None);
        assert_eq!(of_first_name("Leslie"), None);
        assert_eq!(of_first_name("Xq"), None);
    }

    #[test]
    fn kinship_and_gendered_role_nouns_give_a_gender_and_neutral_ones_none() {
        assert_eq!(of_noun("wife"), Some(Gender::Female));
        assert_eq!(of_noun("brother-in-law"), Some(Gender::Male));
        assert_eq!(of_noun("spokeswoman"), Some(Gender::Female));
        assert_eq!(of_noun("chairman"), None);
        assert_eq!(of_noun("neighbour"), None);
    }

    #[test]
    fn russian_style_surnames_give_a_gender_by_their_ending() {
        assert_eq!(of_name("Roza Otunbayeva"), Some(Gender::Female));
        assert_eq!(of_name("Kurmanbek Bakiyev"), Some(Gender::Male));
        assert_eq!(of_name("Nazarbayev"), Some(Gender::Male));
        assert_eq!(of_name("Petrovskaya"), Some(Gender::Female));
        // One-word names that only look like endings are left alone.
        assert_eq!(of_name("Eva"), None);
        assert_eq!(of_name("Smith"), None);
    }

    #[test]
    fn first_names_with_diacritics_and_icelandic_surnames_give_a_gender() {
        assert_eq!(of_first_name("Kristín"), Some(Gender::Female));
        assert_eq!(of_first_name("José"), Some(Gender::Male));
        assert_eq!(of_name("Xyq Sigurðardóttir"), Some(Gender::Female));
        assert_eq!(of_name("Halldórsdóttir"), Some(Gender::Female));
    }
}
