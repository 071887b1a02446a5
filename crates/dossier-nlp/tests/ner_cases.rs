//! The cases news throws at a tagger, on sentences written for these tests
//! (not taken from any training or evaluation data), run through the
//! project tokenizer and the shipped model.

use std::sync::OnceLock;

use dossier_nlp::ner::{tag_document, NerModel};
use dossier_nlp::{sentence, token};

fn model() -> &'static NerModel {
    static MODEL: OnceLock<NerModel> = OnceLock::new();
    MODEL.get_or_init(|| NerModel::embedded().expect("embedded model loads"))
}

/// Names found in `text`, as (surface, label) in text order.
fn ents(text: &str) -> Vec<(String, &'static str)> {
    let mut tagger = model().tagger();
    let tokens = token::tokenize(text);
    let sents = sentence::split_sentences(text, &tokens);
    tag_document(&mut tagger, text, &sents, &tokens)
        .into_iter()
        .map(|m| (m.span.slice(text).to_string(), m.label.as_str()))
        .collect()
}

fn has(found: &[(String, &str)], name: &str, label: &str) -> bool {
    found.iter().any(|(n, l)| n == name && *l == label)
}

#[track_caller]
fn expect(text: &str, want: &[(&str, &str)]) {
    let found = ents(text);
    for (name, label) in want {
        assert!(has(&found, name, label), "{name:?} as {label} in {text:?}; found {found:?}");
    }
}

#[track_caller]
fn not_in_any_name(text: &str, word: &str) {
    let found = ents(text);
    assert!(
        !found.iter().any(|(n, _)| n.split_whitespace().any(|w| w == word)),
        "{word:?} inside a name in {text:?}: {found:?}"
    );
}

#[test]
fn roles_are_not_part_of_the_name() {
    let t = "US diplomat William Walker led the verification mission.";
    expect(t, &[("US", "LOC"), ("William Walker", "PER")]);
    not_in_any_name(t, "diplomat");
    let t = "The talks were chaired by UN envoy Lamberto Zannier in the capital.";
    expect(t, &[("Lamberto Zannier", "PER")]);
    not_in_any_name(t, "envoy");
}

#[test]
#[ignore = "known failure of the shipped model (format 3): `Melis Myrzakmatov` now comes out \
            PER, but `Osh` is left untagged. `Osh` is in no training text, word cluster, Phoenix \
            entry or unlabelled text of ../shared/data outside the demo seeds, so no mined place \
            list can hold it; the role cue by what is known of the word before `mayor` learns \
            from the ~40 `Capitalised role Name` cases of CoNLL-2003 train, most of them \
            demonyms (MISC), too few to say LOC for a word never seen; known towns pass \
            (`Bishkek mayor ...`), and in a report that also says `in Osh` the one-label-per-name \
            pass makes it a place (`a_place_keeps_its_label_before_a_role`)"]
fn place_before_a_role_is_a_place() {
    let t = "Osh mayor Melis Myrzakmatov told reporters that the curfew would stay.";
    expect(t, &[("Osh", "LOC"), ("Melis Myrzakmatov", "PER")]);
    not_in_any_name(t, "mayor");
}

#[test]
fn possessives() {
    expect("Russia's envoy arrived in Pristina on Monday.", &[("Russia", "LOC")]);
    expect("Kosovo’s prime minister said the talks were over.", &[("Kosovo", "LOC")]);
}

#[test]
fn hyphenated_and_transliterated_names() {
    expect(
        "Alexander Botsan-Kharchenko, the Russian envoy, met Maurice Gourdault-Montagne in Paris.",
        &[("Alexander Botsan-Kharchenko", "PER"), ("Maurice Gourdault-Montagne", "PER"), ("Paris", "LOC")],
    );
    expect("Interim president Roza Otunbaeva flew to the south on Sunday.", &[("Roza Otunbaeva", "PER")]);
}

#[test]
fn names_with_diacritics() {
    expect(
        "Serbian President Aleksandar Vučić spoke to reporters in Belgrade.",
        &[("Aleksandar Vučić", "PER")],
    );
}

#[test]
fn village_with_diacritics() {
    expect("Observers visited the village of Račak on Saturday.", &[("Račak", "LOC")]);
}

#[test]
fn all_caps_datelines_and_headlines() {
    expect(
        "MOSCOW, Nov 21, 2007 (AFP) - Russia said on Wednesday it would send more observers.",
        &[("MOSCOW", "LOC"), ("AFP", "ORG"), ("Russia", "LOC")],
    );
    expect("RUSSIA AND CHINA BLOCK UN RESOLUTION ON SYRIA", &[("RUSSIA", "LOC"), ("CHINA", "LOC")]);
}

#[test]
#[ignore = "known failure of the shipped model (format 3): in a title-case headline an \
            unknown town (`Osh`, see above) is still missed; known names pass \
            (`title_case_headline_known_names`)"]
fn title_case_headline() {
    expect("Kyrgyz Leader Flies To Osh After Clashes In The South", &[("Osh", "LOC")]);
}

#[test]
fn title_case_headline_known_names() {
    // Every word capitalised: the tagger must not run the words together
    // into one long name, and must still find the names it knows.
    let t = "Russia And China Block UN Resolution On Syria";
    expect(t, &[("Russia", "LOC"), ("China", "LOC"), ("UN", "ORG"), ("Syria", "LOC")]);
    not_in_any_name(t, "Block");
}

#[test]
fn acronyms_and_expansions() {
    expect(
        "The Organisation for Security and Co-operation in Europe (OSCE) sent observers.",
        &[("Organisation for Security and Co-operation in Europe", "ORG"), ("OSCE", "ORG")],
    );
    expect("The CSTO said on Friday it would not send troops.", &[("CSTO", "ORG")]);
}

#[test]
fn organisations_named_after_places() {
    expect(
        "Jean Smith, a senior economist at the UN Development Programme, said growth would slow.",
        &[("UN Development Programme", "ORG")],
    );
    expect(
        "The International Court of Justice ruled on Thursday.",
        &[("International Court of Justice", "ORG")],
    );
}

#[test]
fn one_name_one_label_within_a_document() {
    let t = "Kurmanbek Bakiyev left the country on Thursday. Supporters of Bakiyev gathered in Jalalabad. \
             Bakiyev said from Minsk that he was still president.";
    let found = ents(t);
    let labels: Vec<&str> = found.iter().filter(|(n, _)| n.contains("Bakiyev")).map(|(_, l)| *l).collect();
    assert_eq!(labels.len(), 3, "{found:?}");
    assert!(labels.iter().all(|&l| l == "PER"), "{found:?}");
}

#[test]
fn a_place_keeps_its_label_before_a_role() {
    // A town the model never saw: read as a place after `in`; before
    // `mayor` it alone reads as a demonym (MISC), and the document's one
    // label per name settles it (a tie goes to LOC over MISC).
    let t = "Clashes broke out in Osh on Thursday. Osh mayor Melis Myrzakmatov told reporters \
             that the curfew would stay.";
    let found = ents(t);
    let labels: Vec<&str> = found.iter().filter(|(n, _)| n == "Osh").map(|(_, l)| *l).collect();
    assert_eq!(labels, ["LOC", "LOC"], "{found:?}");
    expect(t, &[("Melis Myrzakmatov", "PER")]);
    not_in_any_name(t, "mayor");
    // Two demonym-like uses outvote one place-like use: the label is
    // wrong (MISC) but still one label for the name.
    let t = "Fighting broke out again in Osh on Thursday. Osh mayor Melis Myrzakmatov told reporters \
             that the curfew would stay, and Osh residents queued for bread.";
    let found = ents(t);
    let labels: Vec<&str> = found.iter().filter(|(n, _)| n == "Osh").map(|(_, l)| *l).collect();
    assert!(labels.len() == 3 && labels.iter().all(|&l| l == labels[0]), "{found:?}");
}

#[test]
fn lower_case_text_does_not_panic_and_finds_little() {
    // Lower-case text has no capitalisation evidence; the tagger must stay sane.
    let found = ents("the minister said on monday that the talks would go on.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn odd_input_never_panics() {
    for t in ["", " ", "\u{feff}", "ÄÖÜ ß … “ ” 🙂", &"Word ".repeat(5000), "\u{0}\u{1}", "A.B.C.D.E.F.G.H."]
    {
        let _ = ents(t);
    }
}

#[test]
fn demonyms_are_misc_not_places() {
    let t = "The Albanian minister said Serbian police had left the village.";
    expect(t, &[("Albanian", "MISC"), ("Serbian", "MISC")]);
}

#[test]
#[ignore = "known failure of the shipped model (format 3): demonyms in no training text \
            (`Kyrgyz`, `Uzbek`) now carry Phoenix's demonym category and come out MISC in \
            some contexts (`the Kyrgyz security forces`, 3 of the 4 `Kyrgyz` of the Kyrgyzstan \
            seeds), but still LOC at a sentence start and when joined by `and`"]
fn unseen_demonyms_are_misc_not_places() {
    // Phoenix lists `Kyrgyz`, `Uzbek` as aliases of their countries; CoNLL
    // labels demonyms MISC and the country LOC.
    let t = "Kyrgyz and Uzbek officials met in Bishkek to discuss the border with Tajikistan.";
    expect(t, &[("Kyrgyz", "MISC"), ("Uzbek", "MISC"), ("Bishkek", "LOC"), ("Tajikistan", "LOC")]);
    let t = "Officials said Kyrgyz and Uzbek border guards met in Bishkek on Monday.";
    expect(t, &[("Kyrgyz", "MISC"), ("Uzbek", "MISC"), ("Bishkek", "LOC")]);
}
