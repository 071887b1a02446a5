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
}

#[test]
#[ignore = "known failure since the averaged runs (issue 15, third pass): the tagger takes the \
            sentence-opening `The` into the name. A rule putting a sentence-opening `The` outside \
            any name (outside 241 times in 248 in CoNLL-2003 train) fixed it but lowered 5-fold CV \
            92.21 -> 92.20 and UNER test 67.10 -> 67.01, so it was not kept; a feature of the opening \
            `The` by what is known of the next word lowered CV to 92.10 (fourth pass)"]
fn a_sentence_opening_the_stays_outside_the_name() {
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
fn unseen_demonyms_are_misc_not_places() {
    // Phoenix lists `Kyrgyz`, `Uzbek` as aliases of their countries; CoNLL
    // labels demonyms MISC and the country LOC.
    let t = "Kyrgyz and Uzbek officials met in Bishkek to discuss the border with Tajikistan.";
    expect(t, &[("Kyrgyz", "MISC"), ("Uzbek", "MISC"), ("Bishkek", "LOC"), ("Tajikistan", "LOC")]);
    let t = "Officials said Kyrgyz and Uzbek border guards met in Bishkek on Monday.";
    expect(t, &[("Kyrgyz", "MISC"), ("Uzbek", "MISC"), ("Bishkek", "LOC")]);
}

#[test]
fn plural_demonyms_are_misc() {
    // Plurals of nationality words, as CoNLL labels them, not groups or places.
    let t = "Thousands of ethnic Uzbeks fled across the border after the riots, aid workers said.";
    expect(t, &[("Uzbeks", "MISC")]);
    let t = "In the north, Serbs and Albanians voted in separate polling stations.";
    expect(t, &[("Serbs", "MISC"), ("Albanians", "MISC")]);
}

#[test]
fn towns_known_from_geonames_before_a_role() {
    // Towns in no training text, found through the GeoNames gazetteer.
    expect("Jalal-Abad governor Bektur Asanov visited the market.", &[("Jalal-Abad", "LOC")]);
    expect("Protesters gathered outside the mayor's office in Kisumu on Monday.", &[("Kisumu", "LOC")]);
}

#[test]
fn sentence_opening_adverbs_are_not_names() {
    for t in [
        "Furthermore, the council voted to delay the plan until spring.",
        "Interestingly, the shares of the firm rose after the announcement.",
    ] {
        let first = t.split(',').next().unwrap();
        not_in_any_name(t, first);
    }
}

#[test]
fn unseen_sentence_opening_adverbs_are_not_names() {
    not_in_any_name("Crucially, the ministry has not published the figures.", "Crucially");
}

#[test]
fn platforms_and_companies_are_organisations() {
    expect(
        "Many users moved to rival apps last year, while Facebook and Spotify reported record growth.",
        &[("Facebook", "ORG"), ("Spotify", "ORG")],
    );
    expect(
        "Goldman Sachs advised Alibaba on the sale, a banker said.",
        &[("Goldman Sachs", "ORG"), ("Alibaba", "ORG")],
    );
    expect(
        "The memoir was bought by HarperCollins after Penguin Random House passed on it.",
        &[("HarperCollins", "ORG"), ("Penguin Random House", "ORG")],
    );
}

#[test]
fn a_platform_after_a_verb_is_an_organisation() {
    expect("Many users left Twitter last year.", &[("Twitter", "ORG")]);
}

#[test]
fn titles_stay_outside_the_name() {
    let t = "Gov. Gavin Newsom signed the bill on Tuesday.";
    expect(t, &[("Gavin Newsom", "PER")]);
    not_in_any_name(t, "Gov.");
    let t = "Sen. Rand Paul voted against the measure.";
    expect(t, &[("Rand Paul", "PER")]);
    not_in_any_name(t, "Sen.");
    let t = "The Honourable Mia Mottley, prime minister of Barbados, addressed the assembly.";
    expect(t, &[("Mia Mottley", "PER"), ("Barbados", "LOC")]);
    not_in_any_name(t, "Honourable");
}

#[test]
fn party_state_tags_and_modifiers_are_not_names() {
    let t = "The measure was opposed by Rep. Adam Schiff, D-Calif., and two others.";
    expect(t, &[("Adam Schiff", "PER")]);
    not_in_any_name(t, "D-Calif.");
    not_in_any_name("A Kenya-based charity sent food to the camps.", "Kenya-based");
    // The place inside a hyphenated modifier is the name.
    expect("Prices of Chicago-area homes fell again in March.", &[("Chicago", "LOC")]);
}

#[test]
fn long_names_stay_whole() {
    expect("Bosnia and Herzegovina will hold elections in October.", &[("Bosnia and Herzegovina", "LOC")]);
    expect(
        "The 9th Circuit Court of Appeals blocked the rule on Friday.",
        &[("9th Circuit Court of Appeals", "ORG")],
    );
    expect(
        "Republican Marjorie Taylor Greene criticised the spending bill.",
        &[("Marjorie Taylor Greene", "PER")],
    );
    expect(
        "Dr. Ana Ruiz joined the Department of Internal Medicine at the city hospital in 2019.",
        &[("Ana Ruiz", "PER"), ("Department of Internal Medicine", "ORG")],
    );
}

#[test]
#[ignore = "known failure of the shipped model (format 4): the tokenizer splits `+44` into `+` \
            and `44`, no training text has a name opening with a sign and a number, and the \
            tagger leaves `Magazine` outside any name"]
fn a_name_that_starts_with_digits_stays_whole() {
    expect(
        "The interview first ran in +44 Magazine, a music monthly, last spring.",
        &[("+44 Magazine", "ORG")],
    );
}

#[test]
fn laws_are_misc() {
    expect(
        "Brussels opened a case under the Digital Services Act against the platform.",
        &[("Digital Services Act", "MISC")],
    );
}

#[test]
fn towns_in_capitals_datelines_are_places() {
    expect(
        "KISUMU, Kenya (AP) - Fishermen on the lake said the water had risen again.",
        &[("KISUMU", "LOC"), ("Kenya", "LOC")],
    );
}

#[test]
fn a_capitalised_common_word_at_a_sentence_start_is_not_a_name() {
    not_in_any_name("Swift action followed the court's decision.", "Swift");
}

#[test]
fn section_headings_are_not_names() {
    let t = "Background\n\nThe council voted on Monday to delay the plan.\n\nSwift Response\n\n\
             The agency sent teams to Kisumu on Friday.";
    for w in ["Background", "Swift", "Response"] {
        not_in_any_name(t, w);
    }
    expect(t, &[("Kisumu", "LOC")]);
}

#[test]
fn roles_at_a_sentence_start_stay_outside_the_name() {
    for (t, person, role) in [
        ("Hairdresser Tiegan Marsh said the salon would reopen in May.", "Tiegan Marsh", "Hairdresser"),
        ("Striker Ama Owusu scored twice after the break.", "Ama Owusu", "Striker"),
        ("Chief Executive Jane Roe said profits had doubled.", "Jane Roe", "Executive"),
        ("Councilwoman Priya Natarajan voted against the budget.", "Priya Natarajan", "Councilwoman"),
        ("Spokeswoman Ines Alvarado declined to comment on the talks.", "Ines Alvarado", "Spokeswoman"),
    ] {
        expect(t, &[(person, "PER")]);
        not_in_any_name(t, role);
    }
}

#[test]
fn a_title_before_a_person_is_no_name_of_its_own() {
    let t = "The bill was filed by Assemblywoman Greta Lindqvist and two others.";
    expect(t, &[("Greta Lindqvist", "PER")]);
    not_in_any_name(t, "Assemblywoman");
    let t = "Former U.S. Rep. Walter Okafor will run for governor.";
    expect(t, &[("Walter Okafor", "PER")]);
    not_in_any_name(t, "Rep.");
}

#[test]
fn an_office_of_a_domain_stays_outside_the_name() {
    let t = "Deputy Minister of Education Nadiia Vovk said the schools would stay open.";
    expect(t, &[("Nadiia Vovk", "PER")]);
    not_in_any_name(t, "Education");
    let t = "Minister of Health Oleksandr Petrenko visited the ward on Friday.";
    expect(t, &[("Oleksandr Petrenko", "PER")]);
    not_in_any_name(t, "Health");
    // The Irish and Hong Kong style: `for`, the title inside the chunk.
    let t = "Minister for Health Aoife Brennan said the plan was ready.";
    expect(t, &[("Aoife Brennan", "PER")]);
    not_in_any_name(t, "Health");
    let t = "Minister of Agriculture and Fisheries Tomasi Vunivalu said the quota would be cut.";
    expect(t, &[("Tomasi Vunivalu", "PER")]);
    not_in_any_name(t, "Fisheries");
}

#[test]
fn a_place_before_its_council_is_a_place() {
    expect("Cornwall council said the road would close for a week.", &[("Cornwall", "LOC")]);
    expect("Leeds council voted against the new stadium plan.", &[("Leeds", "LOC")]);
}

#[test]
fn a_nickname_in_quotes_stays_inside_the_name() {
    expect(
        "The coach, Roberto \"Bobby\" Vidal, said the team was ready.",
        &[("Roberto \"Bobby\" Vidal", "PER")],
    );
}

#[test]
fn a_name_after_a_kind_of_organisation_is_one() {
    expect("The funding round was led by the startup Qorvala, its founder said.", &[("Qorvala", "ORG")]);
    expect("The deal makes media group Brandt Verlag the largest owner.", &[("Brandt Verlag", "ORG")]);
}

#[test]
#[ignore = "known failure (issue 15, sixth pass): the rule joins a nickname only to a surname the \
            tagger took for a person; here it leaves `Mensah` and `Boateng` after the quotes outside \
            any name, and the rule does not make a name of an untagged word"]
fn a_nickname_before_an_untagged_surname_stays_inside_the_name() {
    expect("Boxer Anthony “Tank” Mensah won in the fifth round.", &[("Anthony “Tank” Mensah", "PER")]);
    expect("The boxer, Kwame \"KJ\" Boateng, won on points.", &[("Kwame \"KJ\" Boateng", "PER")]);
}

// Issue 15, seventh pass: more sentences for each class of errors users
// see on real text, and the rules of `src/ner/roles.rs` added in this pass.

#[test]
fn particles_stay_inside_a_persons_name() {
    expect(
        "President Joao Batista da Costa flew to Luanda on Monday.",
        &[("Joao Batista da Costa", "PER"), ("Luanda", "LOC")],
    );
    expect("The company was founded by Carla dos Reis Moura in 1998.", &[("Carla dos Reis Moura", "PER")]);
}

#[test]
fn an_organisation_named_for_two_domains_stays_whole() {
    expect(
        "The Ministry of Tourism and Culture opened a museum.",
        &[("Ministry of Tourism and Culture", "ORG")],
    );
    // Two organisations joined by `and` stay two.
    expect(
        "The Council of Europe and NATO issued a joint statement.",
        &[("Council of Europe", "ORG"), ("NATO", "ORG")],
    );
}

#[test]
fn a_listed_place_before_its_governor_is_a_place() {
    expect(
        "Kitale governor Joseph Mwangi visited the flooded market.",
        &[("Kitale", "LOC"), ("Joseph Mwangi", "PER")],
    );
    expect("Ruvuma officials said the road had been cut by the rains.", &[("Ruvuma", "LOC")]);
    expect("Eldoret police commander Anne Kiprop said two men were held.", &[("Eldoret", "LOC")]);
}

#[test]
fn more_party_tags_and_hyphenated_modifiers() {
    let t = "The bill was backed by Sen. Maria Cantwell, D-Wash., and Rep. Tom Cole, R-Okla., on Thursday.";
    expect(t, &[("Maria Cantwell", "PER"), ("Tom Cole", "PER")]);
    not_in_any_name(t, "D-Wash.");
    not_in_any_name(t, "R-Okla.");
    not_in_any_name("A London-based lender cut its forecast.", "London-based");
    expect("Paris-listed shares of the Nairobi-based startup rose.", &[("Nairobi", "LOC")]);
}

#[test]
fn more_long_names_stay_whole() {
    expect(
        "The European Court of Human Rights ruled against the government of Trinidad and Tobago.",
        &[("European Court of Human Rights", "ORG"), ("Trinidad and Tobago", "LOC")],
    );
    expect(
        "The Food and Drug Administration approved the drug on Friday.",
        &[("Food and Drug Administration", "ORG")],
    );
}

#[test]
fn more_publishers_banks_and_companies_are_organisations() {
    expect(
        "Simon & Schuster and Macmillan Publishers both bid for the memoir, as did Hachette Book Group.",
        &[("Simon & Schuster", "ORG"), ("Macmillan Publishers", "ORG"), ("Hachette Book Group", "ORG")],
    );
    expect(
        "Deutsche Bank and Standard Chartered cut jobs, while Rakuten and Tencent raised prices.",
        &[("Deutsche Bank", "ORG"), ("Standard Chartered", "ORG"), ("Rakuten", "ORG"), ("Tencent", "ORG")],
    );
    expect("Barclays said the deal with Santander was off.", &[("Barclays", "ORG"), ("Santander", "ORG")]);
}

#[test]
fn more_towns_in_capitals_datelines_are_places() {
    expect(
        "MOMBASA, Kenya (Reuters) - Dockworkers went on strike on Monday.",
        &[("MOMBASA", "LOC"), ("Kenya", "LOC"), ("Reuters", "ORG")],
    );
    expect(
        "TAMALE, Ghana, May 3 (AP) - Farmers said the rains came late.",
        &[("TAMALE", "LOC"), ("Ghana", "LOC")],
    );
}

#[test]
fn more_capitalised_common_words_at_a_start_are_not_names() {
    for (t, w) in [
        ("Brisk trading followed the announcement.", "Brisk"),
        ("Heavy rain fell across the north on Sunday.", "Heavy"),
        ("Grave concerns were raised by the inspectors.", "Grave"),
        ("Stark warnings came from the health ministry.", "Stark"),
    ] {
        not_in_any_name(t, w);
    }
    let t = "Mixed Signals\n\nThe central bank kept rates on hold, a spokesman said.\n\nWhat Comes Next\n\n\
             Officials will meet again next week.";
    for w in ["Mixed", "Signals", "Comes", "Next"] {
        not_in_any_name(t, w);
    }
}

#[test]
fn a_title_inside_a_name_splits_place_and_person() {
    // Read as one organisation without the rule (issue 15, eighth pass).
    let t = "The shelter, Mykolaiv Mayor Taras Verbytsky said, will hold 600 people.";
    expect(t, &[("Mykolaiv", "LOC"), ("Taras Verbytsky", "PER")]);
    not_in_any_name(t, "Mayor");
}

#[test]
fn a_party_named_in_full_is_an_organisation() {
    let t = "The New Democrats and the BC Greens voted against the bill.";
    expect(t, &[("BC Greens", "ORG")]);
}

#[test]
fn an_abbreviated_month_before_a_number_is_no_name() {
    // Issue 15, ninth pass: read as an organisation after a dateline.
    let t = "NAIROBI, Dec 5 – Kenya's central bank held its main rate at 12%, it said.";
    expect(t, &[("NAIROBI", "LOC"), ("Kenya", "LOC")]);
    not_in_any_name(t, "Dec");
}

#[test]
fn a_listed_place_after_mayor_of_is_the_place() {
    // Issue 15, ninth pass: the weights read the football club.
    expect("She said she would stand for mayor of Coventry next spring.", &[("Coventry", "LOC")]);
    expect("Many residents of Surrey voted against the plan, the council said.", &[("Surrey", "LOC")]);
}

#[test]
fn company_endings_and_kinds_in_apposition_make_organisations() {
    // Issue 15, ninth pass: read as people without the rules.
    expect(
        "The stake is held through Karsten Holdings, the family's investment arm. \
         Her label, Sunbird Records, said the album would be out in May.",
        &[("Karsten Holdings", "ORG"), ("Sunbird Records", "ORG")],
    );
    expect(
        "The pilots' union, Verband Flugbetrieb, called the strike. \
         Her publisher, Lintang Pustaka, said the book sold out.",
        &[("Verband Flugbetrieb", "ORG"), ("Lintang Pustaka", "ORG")],
    );
}

#[test]
fn a_first_name_left_out_at_a_sentence_start_joins_the_name() {
    // Cut to `Anne Lavallee` and `Lhamo Bhutia` without the rule (issue 16,
    // tenth pass: names users saw on speakers).
    expect(
        "Marguerite Anne Lavallee, who has kept bees on the hill for thirty years, said the plan was rushed.",
        &[("Marguerite Anne Lavallee", "PER")],
    );
    expect(
        "Tsering Lhamo Bhutia, a guide in Gangtok, said the pass would stay shut.",
        &[("Tsering Lhamo Bhutia", "PER")],
    );
    // Nouns of a trade and months before a name stay out.
    not_in_any_name(
        "Beekeeper Oksana Melnyk said the winter losses were the worst she had seen.",
        "Beekeeper",
    );
    not_in_any_name("Ferryman Tobias Quell said the crossing was cancelled.", "Ferryman");
    not_in_any_name("Trustee Harriet Vance said the levy had failed twice.", "Trustee");
    not_in_any_name("From March to June Telvor exported most of its output.", "June");
}

#[test]
fn a_hyphenated_surname_after_a_first_name_joins_it() {
    // `Latrice` alone without the rule.
    expect(
        "Mayor Latrice Okafor-Reed tells residents to boil their water.",
        &[("Latrice Okafor-Reed", "PER")],
    );
}

#[test]
fn honorifics_and_post_nominal_letters_stay_outside_names() {
    let t = "Madam Siti Noraini, who sells noodles at the market, said rents had doubled.";
    expect(t, &[("Siti Noraini", "PER")]);
    not_in_any_name(t, "Madam");
    let t = "Aoife Nic Gearailt SC said the delay was unjust.";
    expect(t, &[("Aoife Nic Gearailt", "PER")]);
    assert!(!ents(t).iter().any(|(n, _)| n == "SC"), "{:?}", ents(t));
}

#[test]
fn a_wire_agency_after_a_dateline_is_an_organisation() {
    expect(
        "TROMSO, Norway, Feb 9 (NTB) – Snowploughs cleared the harbour road before dawn on Monday.",
        &[("NTB", "ORG")],
    );
}

#[test]
fn an_organisation_goes_on_over_of_and_for() {
    expect(
        "Shares of the miner fell 3 % on the Stock Exchange of Mauritius after the report.",
        &[("Stock Exchange of Mauritius", "ORG")],
    );
    expect(
        "The ruling Progressive Party of the Coral Islands lost two seats in the vote.",
        &[("Progressive Party of the Coral Islands", "ORG")],
    );
}

#[test]
fn a_nationality_opens_an_organisation_s_name() {
    expect(
        "Officials at the Bulgarian Ministry of Energy declined to comment.",
        &[("Bulgarian Ministry of Energy", "ORG")],
    );
    expect(
        "The figure comes from the Finnish Institute for Health and Welfare.",
        &[("Finnish Institute for Health and Welfare", "ORG")],
    );
}

#[test]
fn a_listed_place_after_around_or_near_is_a_place() {
    expect("The storm knocked out power to homes around Sherman late on Monday.", &[("Sherman", "LOC")]);
}

#[test]
fn a_stance_towards_a_name_is_no_name() {
    // `anti-Brussels` is a MISC name without the rule. In text only: the
    // CoNLL path keeps CoNLL-2003's MISC.
    let t = "Two pro-Moscow councillors and one anti-Brussels campaigner walked out of the session.";
    not_in_any_name(t, "anti-Brussels");
    not_in_any_name(t, "pro-Moscow");
}

#[test]
fn a_romanised_given_name_after_the_surname_joins_it() {
    // Cantonese and Korean names: surname first, then a given name of two
    // syllables with the second in lower case.
    expect("That is exactly what Wong Mei-ling fears.", &[("Wong Mei-ling", "PER")]);
}

#[test]
fn an_acronym_defined_in_brackets_keeps_its_type_alone() {
    // The definition types the bracketed word and its later uses, even in
    // a results line the tagger reads with no context.
    let t = "The Party for Social Progress (PpS) held the capital.\n\
             Norte: PpS 48.6 %, UDR 41.2 %\n\
             Sul: UDR 52.3 %, PpS 44.9 %";
    let found = ents(t);
    let pps = found.iter().filter(|(n, l)| n == "PpS" && *l == "ORG").count();
    assert_eq!(pps, 3, "{found:?}");
    expect(
        "The Bureau of Fisheries (BoF) issued a warning. Senators grill BoF, DENR execs over the ban.",
        &[("Bureau of Fisheries", "ORG"), ("BoF", "ORG")],
    );
}

#[test]
fn features_of_nature_are_places() {
    expect(
        "Tourists flock to the Rufiji Delta and to Lake Chala each winter, and rangers at Mikumi National \
         Park count the herds.",
        &[("Rufiji Delta", "LOC"), ("Lake Chala", "LOC"), ("Mikumi National Park", "LOC")],
    );
    expect("Herders graze their cattle near Lake Bogoria.", &[("Lake Bogoria", "LOC")]);
}

#[test]
fn a_company_ending_left_outside_joins_the_name() {
    expect("About Rwandan Airlines", &[("Rwandan Airlines", "ORG")]);
}

#[test]
fn an_offices_domain_stays_with_the_title() {
    let t = "Minister of Trade and the Public Service Ana Folau said prices would fall.";
    expect(t, &[("Ana Folau", "PER")]);
    not_in_any_name(t, "Service");
    let t = "Senior Minister for Economic Development Luhutomo told reporters the port would be sold.";
    expect(t, &[("Luhutomo", "PER")]);
    not_in_any_name(t, "Development");
}

#[test]
fn a_law_keeps_its_words_and_its_year() {
    expect(
        "Lawyers for the growers sued under the Seed Labelling and Plant Variety Act on Tuesday.",
        &[("Seed Labelling and Plant Variety Act", "MISC")],
    );
    expect(
        "The filing cites the Harbour Pilotage Reform Act of 2011 in its first paragraph.",
        &[("Harbour Pilotage Reform Act of 2011", "MISC")],
    );
}

#[test]
fn a_common_word_first_name_after_a_title_stays_in_the_name() {
    // Main before this rule: `Mutasa`, `Sverre Lundgaard`, `Bjarne Haugland`.
    expect(
        "Defence lawyer Mr Precious Mutasa told the court his client would appeal.",
        &[("Precious Mutasa", "PER")],
    );
    expect(
        "The fishing town's mayor Odd Sverre Lundgaard said the plant would reopen in March.",
        &[("Odd Sverre Lundgaard", "PER")],
    );
    expect(
        "The district's mayor Even Bjarne Haugland said the ferry would run twice a day.",
        &[("Even Bjarne Haugland", "PER")],
    );
}
