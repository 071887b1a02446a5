//! Unit tests of attribution on sentences written for each construction the
//! quotes stage handles (none is taken from the evaluation data).

use super::names::NOT_NAMES;
use super::*;
use crate::sentence::split_sentences;
use crate::token::tokenize;
use dossier_core::EntityLabel;

/// What a test looks at in one quote.
#[derive(Debug)]
struct Seen {
    kind: &'static str,
    content: String,
    cue: Option<String>,
    speaker: Option<String>,
    name: Option<String>,
    role: Option<String>,
    on_behalf_of: Option<String>,
    channel: Option<String>,
    candidates: Vec<String>,
}

fn run(text: &str) -> Vec<Seen> {
    run_with(text, &[])
}

fn run_with(text: &str, entities: &[Mention]) -> Vec<Seen> {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let quotes = find_quotes(text, &tokens, &sentences, entities);
    for q in &quotes {
        let c = q.confidence.unwrap();
        assert!((0.0..=1.0).contains(&c));
        // Spans always slice the text.
        let _ = q.span.slice(text);
    }
    quotes
        .iter()
        .map(|q| Seen {
            kind: q.kind.as_str(),
            content: q.span.slice(text).to_string(),
            cue: q.cue.map(|c| c.slice(text).to_string()),
            speaker: q.speaker.as_ref().map(|s| s.span.slice(text).to_string()),
            name: q.speaker.as_ref().and_then(|s| s.name.clone()),
            role: q.speaker.as_ref().and_then(|s| s.role.clone()),
            on_behalf_of: q.speaker.as_ref().and_then(|s| s.on_behalf_of.clone()),
            channel: q.speaker.as_ref().and_then(|s| s.channel.clone()),
            candidates: q.candidates.clone(),
        })
        .collect()
}

fn one(text: &str) -> Seen {
    let mut v = run(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.remove(0)
}

#[test]
fn direct_quote_then_cue() {
    let q = one("“We will rebuild the bridge by winter,” the mayor said.");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.content, "“We will rebuild the bridge by winter,”");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("the mayor"));
}

#[test]
fn cue_then_quote_with_colon() {
    let q = one("Anna Virtanen told reporters: “The inquiry will take several months.”");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.content, "“The inquiry will take several months.”");
    assert_eq!(q.speaker.as_deref(), Some("Anna Virtanen"));
    assert_eq!(q.cue.as_deref(), Some("told"));
}

#[test]
fn inverted_cue_with_a_name() {
    let q = one("“The border will stay closed for now,” said Osmonov.");
    assert_eq!(q.speaker.as_deref(), Some("Osmonov"));
    assert_eq!(q.name.as_deref(), Some("Osmonov"));
}

#[test]
fn unnamed_spokeswoman_is_not_the_person_she_speaks_for() {
    let q =
        one("“Talks will resume next week,” said a spokeswoman for EU trade commissioner Maria Lindqvist.");
    assert_eq!(q.speaker.as_deref(), Some("a spokeswoman for EU trade commissioner Maria Lindqvist"));
    assert_eq!(q.name, None);
}

#[test]
fn pronoun_resolves_to_the_person_named_before() {
    let v = run(
        "Piotr Nowak arrived in the capital on Monday. “We expect nothing new from these talks,” he said.",
    );
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].speaker.as_deref(), Some("he"));
    assert_eq!(v[0].name.as_deref(), Some("Piotr Nowak"));
}

#[test]
fn surname_resolves_to_the_full_name() {
    let v = run(
        "Kaarina Lehto leads the commission.\n\nLehto said the investigation would last throughout the autumn.",
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].kind, "indirect");
    assert_eq!(v[0].content, "the investigation would last throughout the autumn");
    assert_eq!(v[0].name.as_deref(), Some("Kaarina Lehto"));
}

#[test]
fn description_resolves_to_the_name_it_was_attached_to() {
    let text = "Norway's envoy to the region, Lars Berg, met both delegations on Tuesday.\n\n\
                “There is no agreement yet,” the envoy said.";
    let v = run(text);
    let q = v.iter().find(|q| q.kind == "direct").unwrap();
    assert_eq!(q.speaker.as_deref(), Some("the envoy"));
    assert_eq!(q.name.as_deref(), Some("Lars Berg"));
}

#[test]
fn apposition_gives_name_and_role() {
    let q =
        one("Tomas Ruzicka, a senior economist at the World Bank, said the region needed more investment.");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Ruzicka"));
    assert_eq!(q.role.as_deref(), Some("a senior economist at the World Bank"));
    assert_eq!(q.content, "the region needed more investment");
}

#[test]
fn mixed_quote() {
    let q = one("The minister accused the opposition of living in a “fantasy world” built on rumours.");
    assert_eq!(q.kind, "mixed");
    assert_eq!(q.cue.as_deref(), Some("accused"));
    assert!(q.content.contains("“fantasy world”"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("The minister"));
}

#[test]
fn indirect_with_that() {
    let q = one("The council said that the talks had failed.");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.content, "that the talks had failed");
    assert_eq!(q.speaker.as_deref(), Some("The council"));
}

#[test]
fn according_to_before_and_after() {
    let q = one("According to the Daily Ledger, the contract was signed in secret.");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.cue.as_deref(), Some("According to"));
    assert_eq!(q.speaker.as_deref(), Some("the Daily Ledger"));
    assert_eq!(q.content, "the contract was signed in secret");
    let q = one("The contract was signed in secret, according to two officials.");
    assert_eq!(q.content, "The contract was signed in secret");
    assert_eq!(q.speaker.as_deref(), Some("two officials"));
}

#[test]
fn said_in_a_statement_without_that() {
    let q = one("The alliance said in a statement a working group would meet in Vienna.");
    assert_eq!(q.content, "a working group would meet in Vienna");
    assert_eq!(q.speaker.as_deref(), Some("The alliance"));
}

#[test]
fn reported_speech_after_its_content() {
    let q = one("The vote will be delayed until March, the official said.");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.content, "The vote will be delayed until March");
    assert_eq!(q.speaker.as_deref(), Some("the official"));
}

#[test]
fn many_cue_verbs_and_tenses() {
    for (cue, text) in [
        ("warned", "The central bank warned that inflation would rise."),
        ("argued", "Her lawyer argued that the evidence was incomplete."),
        ("announced", "The ministry announced that the border would reopen."),
        ("revealed", "The audit revealed that funds had been misused."),
        ("insisted", "The governor insisted that the budget was balanced."),
        ("wondered", "The senator wondered whether the plan could work."),
        ("stated", "The company stated that no data had been lost."),
        ("says", "The agency says the harvest will be late."),
        ("has said", "The prime minister has said the tax will stay."),
        ("told", "The coach told reporters the team was ready."),
    ] {
        let q = one(text);
        let want = cue.rsplit(' ').next().unwrap();
        assert_eq!(q.cue.as_deref(), Some(want), "{text}");
        assert!(q.speaker.is_some(), "{text}");
    }
}

#[test]
fn straight_quotes_and_nyt_double_apostrophes() {
    let q = one("\"We are ready for the vote,\" Hansen said.");
    assert_eq!(q.content, "\"We are ready for the vote,\"");
    assert_eq!(q.speaker.as_deref(), Some("Hansen"));
    let q = one("''We are ready for the vote,'' Mr. Hansen said.");
    assert_eq!(q.content, "''We are ready for the vote,''");
    assert_eq!(q.speaker.as_deref(), Some("Mr. Hansen"));
}

#[test]
fn single_quotes_guillemets_and_low_quotes() {
    let q = one("'We will not give up the fight,' the minister said.");
    assert_eq!(q.content, "'We will not give up the fight,'");
    let q = one("«We will stay in the city», the minister said.");
    assert_eq!(q.content, "«We will stay in the city»");
    let q = one("„We will stay in the city“, the minister said.");
    assert_eq!(q.content, "„We will stay in the city“");
}

#[test]
fn apostrophes_are_not_quotes() {
    assert!(run("The Democrats’ plan doesn't add up, and it's Maria's turn.").is_empty());
}

#[test]
fn multi_paragraph_quote_is_one_quote() {
    let text = "The mayor said:\n\n“We will rebuild the bridge.\n\n“And we will do it this year.”";
    let q = one(text);
    assert_eq!(q.kind, "direct");
    assert!(q.content.starts_with("“We will rebuild"));
    assert!(q.content.ends_with("this year.”"));
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
}

#[test]
fn quote_split_by_its_cue_is_one_quote() {
    let q = one("“We will stay,” he said. “And we will win the vote.”");
    assert_eq!(q.content, "“We will stay,” he said. “And we will win the vote.”");
    assert_eq!(q.speaker.as_deref(), Some("he"));
    let q = one("“We will stay,” Rossi said, “and we will win the vote.”");
    assert_eq!(q.content, "“We will stay,” Rossi said, “and we will win the vote.”");
}

#[test]
fn forgotten_opening_mark() {
    let q = one("Mildly speaking, this does not help the negotiations,” he continued.");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.content, "Mildly speaking, this does not help the negotiations,”");
    assert_eq!(q.cue.as_deref(), Some("continued"));
    assert_eq!(q.speaker.as_deref(), Some("he"));
}

#[test]
fn forgotten_closing_mark() {
    let text = "Hansen said: “We will not leave the city\n\nThe council meets on Friday.";
    let v = run(text);
    assert_eq!(v[0].content, "“We will not leave the city");
    assert_eq!(v[0].speaker.as_deref(), Some("Hansen"));
}

#[test]
fn speaker_introduced_by_colon_or_dash_or_previous_paragraph() {
    let q = one("Lehto: “The report is ready and will be published.”");
    assert_eq!(q.speaker.as_deref(), Some("Lehto"));
    let q = one("“The report is ready and will be published.” ― Maria Lopez");
    assert_eq!(q.speaker.as_deref(), Some("Maria Lopez"));
    let q = one(
        "The commission chairman Pekka Salo told reporters:\n\n“The report is ready and will be published.”",
    );
    assert_eq!(q.name.as_deref(), Some("Pekka Salo"));
}

#[test]
fn continuation_paragraph_keeps_the_speaker() {
    let text =
        "“We will rebuild the bridge,” Hansen said.\n\n“Nobody will stop this project, not even the courts.”";
    let v = run(text);
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].speaker.as_deref(), Some("Hansen"));
}

#[test]
fn unclear_pronoun_lists_candidates() {
    let text = "Maria Lopez met Anna Berg in Geneva. Later Carla Ruiz joined them.\n\n“Nothing was agreed,” she said.";
    let v = run(text);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].speaker.as_deref(), Some("she"));
    assert_eq!(v[0].name, None);
    assert!(v[0].candidates.len() >= 2, "{v:?}");
}

#[test]
fn quote_without_any_speaker_has_none() {
    let v = run("The hall was quiet.\n\n“Nobody expected this outcome at all.”");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].speaker, None);
}

#[test]
fn entities_from_ner_are_used_for_names() {
    let text = "Ivan Petrov spoke first. “We disagree,” he said.";
    let start = 0;
    let end = "Ivan Petrov".len();
    let ents = [Mention {
        span: Span::new(start, end),
        label: EntityLabel::Per,
        entity: Some("ivan-petrov".into()),
    }];
    let v = run_with(text, &ents);
    assert_eq!(v[0].name.as_deref(), Some("Ivan Petrov"));
}

#[test]
fn scare_quotes_alone_are_not_statements() {
    assert!(run("The so-called “reform” package passed on Tuesday.").is_empty());
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "“",
        "”",
        "\"\"",
        "said",
        "according to",
        "According to",
        ", said",
        "“a,” said",
        "he said: “",
        "''",
        "'",
        "« »",
        "\n\n“\n\n“",
        "said said said said",
        "🙂 “🙂,” 🙂 said 🙂.",
        "Vuc\u{30c}ic\u{301} said “x”.",
    ] {
        let _ = run(text);
    }
    let long = "“A,” he said. ".repeat(2000);
    assert_eq!(run(&long).len(), 2000);
}

#[test]
fn not_names_list_is_sorted_for_binary_search() {
    assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn expressed_and_in_an_interview_with() {
    let q = one("The mayor expressed hope that the bridge would reopen before winter.");
    assert_eq!(q.cue.as_deref(), Some("expressed"));
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
    let q = one("Ilse Berger said in an interview with the Morning Post that the deal was dead.");
    assert_eq!(q.content, "that the deal was dead");
    assert_eq!(q.speaker.as_deref(), Some("Ilse Berger"));
}

#[test]
fn inverted_cue_with_an_apposition() {
    let q = one("“Growth will slow this year,” said Ben Okafor, a senior economist at the central bank.");
    assert_eq!(q.speaker.as_deref(), Some("Ben Okafor"));
    assert_eq!(q.role.as_deref(), Some("a senior economist at the central bank"));
}

#[test]
fn partial_quote_before_its_cue_takes_the_sentence() {
    // The words before a short quote that ends on `,”` are part of what was said.
    let q = one("The new plan is a “very welcome step,” Ms. Ortega said.");
    assert_eq!(q.kind, "mixed");
    assert_eq!(q.content, "The new plan is a “very welcome step,”");
    assert_eq!(q.speaker.as_deref(), Some("Ms. Ortega"));
}

#[test]
fn participle_takes_the_subject_of_its_sentence() {
    let text = "“The money is there,” Dalia Haddad said, adding: “What we need now is time.”";
    let v = run(text);
    let last = v.last().unwrap();
    assert_eq!(last.content, "“What we need now is time.”");
    assert_eq!(last.speaker.as_deref(), Some("Dalia Haddad"));
    let q = one(
        "Senator Ruth Amos went on the attack on Monday, saying the bill was “a disgrace to this house.”",
    );
    assert_eq!(q.speaker.as_deref(), Some("Senator Ruth Amos"));
    assert!(q.content.ends_with("“a disgrace to this house.”"), "{q:?}");
}

#[test]
fn a_quote_ending_its_sentence_is_not_attributed_to_the_next_sentence() {
    let text = "The ministry called the report “a work of fiction.” The agency declined to comment further.";
    for q in run(text).iter().filter(|q| q.content.contains("fiction")) {
        assert_ne!(q.speaker.as_deref(), Some("The agency"), "{q:?}");
    }
    // After a question or exclamation mark, the next words may still be the cue.
    let q = one("“Where is the money?” Okafor asked.");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"));
}

#[test]
fn quoted_passage_without_a_cue_takes_the_speaker_just_before_in_its_paragraph() {
    let text = "“We will rebuild every house,” Mayor Ivo Tanaskovic said on Monday.\n\n\
                Later, at the ruins: “Nobody will be left without a roof this winter.”";
    let v = run(text);
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[1].content, "“Nobody will be left without a roof this winter.”");
    // In the next paragraph the speaker is only a candidate (on PolNeAR
    // train such passages named the wrong person more often than the right one).
    assert_eq!(v[1].name, None);
    assert_eq!(v[1].candidates, ["Ivo Tanaskovic"]);
    // In the same paragraph it is the speaker.
    let text = "“We will rebuild every house,” Mayor Ivo Tanaskovic said on Monday. \
                Later, at the ruins: “Nobody will be left without a roof this winter.”";
    let v = run(text);
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[1].name.as_deref(), Some("Ivo Tanaskovic"));
}

#[test]
fn nyt_quote_after_an_unspaced_period() {
    let text = "The vote was close.''It will not work,'' Mr. Hansen said.";
    let q = one(text);
    assert_eq!(q.content, "''It will not work,''");
    assert_eq!(q.speaker.as_deref(), Some("Mr. Hansen"));
}

/// The cues of every quote found in `text`.
fn cues_of(text: &str) -> Vec<Option<String>> {
    run(text).into_iter().map(|q| q.cue).collect()
}

#[test]
fn a_capitalised_word_inside_a_sentence_is_a_name_not_a_cue() {
    // `States` is a learned cue word; here it ends a country's name.
    let text = "The floods worried Canada and the United States, which both fund the dam, that the river could rise.";
    assert!(!cues_of(text).contains(&Some("States".into())), "{:#?}", run(text));
    // In a title-case headline a capitalised verb is still a cue.
    let v = run("Mayor Says Bridge Will Reopen Before Winter");
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].cue.as_deref(), Some("Says"));
}

#[test]
fn adverbs_are_not_cues_but_join_the_verb_they_modify() {
    assert!(run("Both treaties clearly forbade such annexations.").is_empty());
    assert!(run("Ms. Tamm was also doubtful about the merger talks.").is_empty());
    let q = one("The minister also said the border crossing would reopen on Monday.");
    assert!(q.cue.as_deref().is_some_and(|c| c.ends_with("said")), "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("The minister"));
}

#[test]
fn a_state_verb_before_an_adverb_is_not_a_cue() {
    assert!(run("The agency seems deeply worried about the coming vote.").is_empty());
}

#[test]
fn an_ing_form_after_a_noun_or_adjective_is_not_a_cue() {
    assert!(run("The donors funding the campaign wanted a quick win.").is_empty());
    assert!(run("The company won Chinese backing for the new dam.").is_empty());
    assert!(run("It is a charity promoting its independence everywhere.").is_empty());
    // After a comma it is a verb of its own.
    let v = run("She took questions for an hour, insisting that the budget was balanced.");
    let q = v.iter().find(|q| q.cue.as_deref() == Some("insisting")).expect("insisting");
    assert_eq!(q.speaker.as_deref(), Some("She"));
}

#[test]
fn passive_and_reduced_participles_are_not_cues_of_their_subject() {
    assert!(run("The port went to the region as suggested by an EU mediator last year.").is_empty());
    assert!(run("Several of the meetings were described in the leaked memos.").is_empty());
    // A passive that reports a clause keeps it, without the addressee as speaker.
    let v = run("The senator was asked whether she would run again.");
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker, None);
}

#[test]
fn a_second_person_reader_is_never_a_speaker() {
    assert!(run("You are replying using your work address. Sign out.").is_empty());
    assert!(run("Your neighbours say the plant is safe.").is_empty());
}

#[test]
fn the_object_of_a_preposition_is_not_the_speaker() {
    let q = one("Aid workers in Tartu, the country's second city, said the shelters were already full.");
    assert_eq!(q.speaker.as_deref(), Some("Aid workers"));
    assert_eq!(q.role, None);
    let q = one("Norway's envoy to Latvia accused the ministry of hiding the audit.");
    assert_eq!(q.speaker.as_deref(), Some("Norway's envoy"));
    // A country acting as a subject stays the speaker.
    let q = one("Latvia considers the strait an international waterway.");
    assert_eq!(q.speaker.as_deref(), Some("Latvia"));
}

#[test]
fn a_lone_nationality_adjective_is_not_a_speaker() {
    let text = "Belarusian claimed the runoff had been rigged from the start.";
    let ents = [Mention { span: Span::new(0, "Belarusian".len()), label: EntityLabel::Misc, entity: None }];
    let v = run_with(text, &ents);
    assert!(v.iter().all(|q| q.speaker.as_deref() != Some("Belarusian")), "{v:#?}");
}

#[test]
fn an_adjective_after_a_copula_is_not_a_cue() {
    // `skeptical` is a learned cue word; after `was` it is a predicate adjective.
    assert!(run("Mr. Ilves was also skeptical about the pipeline deal.").is_empty());
}

#[test]
fn a_noun_phrase_running_on_after_an_inverted_verb_is_its_object() {
    let text = "The memos sent by the consul, Ines Aro, on May 4, 2009, reveal a meeting in 2008 between two ministers.";
    let v = run(text);
    assert!(v.iter().all(|q| q.speaker.as_deref() != Some("a meeting")), "{v:#?}");
    // A true inversion still reads its speaker.
    let q = one("The talks will resume in June, said the envoy.");
    assert_eq!(q.speaker.as_deref(), Some("the envoy"));
}

#[test]
fn acts_are_not_statements() {
    for text in [
        "The council voted for the new budget on Monday.",
        "The mayor chose to back the harbour plan after a long debate.",
        "The minister decided the school would stay open next year.",
        "Her lawyer declined to comment on the ruling.",
        "The union refused to sign the agreement with the board.",
        "The company did not respond to requests for comment.",
    ] {
        let v = run(text);
        assert!(v.is_empty(), "{text}: {v:#?}");
    }
}

#[test]
fn a_court_or_a_study_finds_but_a_person_who_found_a_wallet_does_not_say() {
    let q = one("The appeals court found that the search of the flat was unlawful.");
    assert_eq!(q.content, "that the search of the flat was unlawful");
    assert!(run("The fisherman found a wallet full of old coins on the pier.").is_empty());
}

#[test]
fn a_promise_to_act_is_a_statement() {
    let q = one("The governor promised to reopen the rail line before the winter.");
    assert_eq!(q.content, "to reopen the rail line before the winter");
    assert_eq!(q.speaker.as_deref(), Some("The governor"));
}

#[test]
fn an_opening_adverbial_is_not_the_content() {
    let q = one("In a second ruling, the tribunal said the fines stand.");
    assert_eq!(q.content, "the fines stand");
    assert_eq!(q.speaker.as_deref(), Some("the tribunal"));
    // A whole reported clause before the speaker still is.
    let q = one("Prices in the capital will rise again next spring, the economist said.");
    assert_eq!(q.content, "Prices in the capital will rise again next spring");
}

#[test]
fn a_pull_quote_repeating_a_body_quote_is_not_a_new_statement() {
    let text = "\"We will not close a single rural clinic this year\"\n\nThe health minister spoke in Leeds on Friday.\n\n\"We will not close a single rural clinic this year,\" Dana Whitlock said.";
    let v = run(text);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Dana Whitlock"));
}

fn mentions(text: &str, names: &[(&str, EntityLabel)]) -> Vec<Mention> {
    names
        .iter()
        .map(|(n, label)| {
            let at = text.find(n).unwrap();
            Mention { span: Span::new(at, at + n.len()), label: *label, entity: None }
        })
        .collect()
}

#[test]
fn a_spokesman_speaks_for_someone_but_is_not_them() {
    let text = "A spokeswoman for Mayor Ruth Calder said the bridge would reopen in May.";
    let v = run_with(text, &mentions(text, &[("Ruth Calder", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("A spokeswoman for Mayor Ruth Calder"));
    assert_eq!(v[0].name, None);
    assert_eq!(v[0].role.as_deref(), Some("spokeswoman for Mayor Ruth Calder"));
    assert_eq!(v[0].on_behalf_of.as_deref(), Some("Ruth Calder"));
    let text = "A lawyer for Tomas Brenner said his client would appeal the verdict.";
    let v = run_with(text, &mentions(text, &[("Tomas Brenner", EntityLabel::Per)]));
    assert_eq!(v[0].name, None, "{v:#?}");
    assert_eq!(v[0].on_behalf_of.as_deref(), Some("Tomas Brenner"));
}

#[test]
fn an_outlet_told_is_the_channel() {
    let text = "Mara Quint told Reuters that the mine would close by June.";
    let v =
        run_with(text, &mentions(text, &[("Mara Quint", EntityLabel::Per), ("Reuters", EntityLabel::Org)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Mara Quint"));
    assert_eq!(v[0].channel.as_deref(), Some("Reuters"));
    // A person told is an addressee, not a channel.
    let text = "Mara Quint told Ivo Sander that the mine would close by June.";
    let v = run_with(
        text,
        &mentions(text, &[("Mara Quint", EntityLabel::Per), ("Ivo Sander", EntityLabel::Per)]),
    );
    assert_eq!(v[0].channel, None, "{v:#?}");
}

#[test]
fn an_age_between_commas_is_no_role() {
    let q = one("Paul Ferris, 61, said the factory would close by spring.");
    assert_eq!(q.speaker.as_deref(), Some("Paul Ferris"), "{q:#?}");
    assert_eq!(q.role, None);
    assert_eq!(q.content, "the factory would close by spring");
}

#[test]
fn a_relative_clause_of_saying_names_its_speaker_and_ends_at_its_comma() {
    let q =
        one("The ministry, which said in a statement that the strike was illegal, refused further talks.");
    assert_eq!(q.speaker.as_deref(), Some("The ministry"), "{q:#?}");
    assert_eq!(q.content, "that the strike was illegal");
    // `which` with an act is no statement of the relative's noun.
    let v = run("The union, which backed the mayor in March, said it would strike.");
    assert!(v.iter().all(|q| q.cue.as_deref() != Some("backed")), "{v:#?}");
}

#[test]
fn a_cue_in_an_opening_subordinate_clause_reports_up_to_its_comma() {
    let v = run(
        "When Senator Ruth Calder warned that the bill would fail, Governor Tom Ashby stated that \"the votes are there.\"",
    );
    let stated = v.iter().find(|q| q.cue.as_deref() == Some("stated")).expect("the main clause's statement");
    assert_eq!(stated.speaker.as_deref(), Some("Governor Tom Ashby"), "{v:#?}");
    let warned = v.iter().find(|q| q.cue.as_deref() == Some("warned")).expect("the subordinate clause's");
    assert_eq!(warned.content, "that the bill would fail");
}

#[test]
fn an_absolute_clause_with_saying_names_its_own_speaker() {
    let v = run("The union rejected the offer, with the management saying it would not improve its terms.");
    let q = v.iter().find(|q| q.cue.as_deref() == Some("saying")).expect("the absolute clause");
    assert_eq!(q.speaker.as_deref(), Some("the management"), "{v:#?}");
    assert_eq!(q.content, "it would not improve its terms");
}

#[test]
fn texted_to_say_reports_what_was_said() {
    let q = one("The mayor texted to say she would be late for the vote.");
    assert_eq!(q.cue.as_deref(), Some("texted"));
    assert_eq!(q.content, "she would be late for the vote");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
}

#[test]
fn a_bracket_inside_the_content_does_not_end_it() {
    let q = one(
        "The agency said the reservoir held 4.5 million cubic metres (about 160 million cubic feet) of water in June.",
    );
    assert_eq!(
        q.content,
        "the reservoir held 4.5 million cubic metres (about 160 million cubic feet) of water in June"
    );
}

#[test]
fn a_sentence_that_opens_with_its_subject_gives_it_to_a_participle() {
    let text = "Hanna Wexler attacked her rival, calling the senator \"a coward\" in front of donors.";
    let v = run_with(text, &mentions(text, &[("Hanna Wexler", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.cue.as_deref() == Some("calling")).expect("the participle's statement");
    assert_eq!(q.name.as_deref(), Some("Hanna Wexler"), "{v:#?}");
}

#[test]
fn an_outlet_with_no_person_named_is_the_speaker() {
    let q = one("According to Time magazine, the company had lost three contracts in a year.");
    assert_eq!(q.speaker.as_deref(), Some("Time magazine"));
    assert_eq!(q.name.as_deref(), Some("Time magazine"), "{q:#?}");
}

#[test]
fn a_pronoun_skips_a_person_titled_the_other_way() {
    let text = "Mr. Dorian Pell met Ms. Greta Lanner on Monday. \"We have a deal,\" she said.";
    let v = run_with(
        text,
        &mentions(text, &[("Dorian Pell", EntityLabel::Per), ("Greta Lanner", EntityLabel::Per)]),
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Greta Lanner"));
    // Without titles, two people in view leave `she` open.
    let text = "Dorian Pell met Greta Lanner on Monday. \"We have a deal,\" she said.";
    let v = run_with(
        text,
        &mentions(text, &[("Dorian Pell", EntityLabel::Per), ("Greta Lanner", EntityLabel::Per)]),
    );
    assert_eq!(v[0].name, None, "{v:#?}");
}

/// The refusals to comment [`find_statements`] reports: (words, speaker name or words).
fn refusals(text: &str, entities: &[Mention]) -> (usize, Vec<(String, Option<String>)>) {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let (quotes, no_comment) = find_statements(text, &tokens, &sentences, entities);
    let seen = no_comment
        .iter()
        .map(|n| {
            let who =
                n.speaker.as_ref().map(|s| s.name.clone().unwrap_or_else(|| s.span.slice(text).to_string()));
            (n.span.slice(text).to_string(), who)
        })
        .collect();
    (quotes.len(), seen)
}

#[test]
fn declining_to_comment_is_a_flag_never_a_statement() {
    let text = "Dana Whitlock declined to comment. The company did not immediately respond to requests for comment. \
                A spokesman could not be reached.";
    let (quotes, seen) = refusals(text, &mentions(text, &[("Dana Whitlock", EntityLabel::Per)]));
    assert_eq!(quotes, 0);
    assert_eq!(
        seen,
        vec![
            ("declined to comment".to_string(), Some("Dana Whitlock".to_string())),
            (
                "did not immediately respond to requests for comment".to_string(),
                Some("The company".to_string())
            ),
            ("could not be reached".to_string(), Some("A spokesman".to_string())),
        ]
    );
    // A refusal to act is not one to speak.
    let (_, seen) = refusals("The council declined to raise the tax.", &[]);
    assert!(seen.is_empty(), "{seen:?}");
}

#[test]
fn same_surname_people_are_kept_apart_by_first_name() {
    let text =
        "Anne Ward opened the fair with her husband William Jefferson Ward. Anne Ward cut the ribbon.\n\n\
                Ward said the fair would run all week. William Ward said the rides were safe.";
    let mut names = Vec::new();
    for (name, at) in [
        ("Anne Ward", 0),
        ("William Jefferson Ward", 0),
        ("Anne Ward", 60),
        ("Ward", 90),
        ("William Ward", 120),
    ] {
        let start = text[at..].find(name).unwrap() + at;
        names.push(Mention {
            span: Span::new(start, start + name.len()),
            label: EntityLabel::Per,
            entity: None,
        });
    }
    names.sort_by_key(|m| m.span.start);
    let v = run_with(text, &names);
    assert_eq!(v.len(), 2, "{v:#?}");
    // The surname alone is the person mentioned most; another first name is another person.
    assert_eq!(v[0].name.as_deref(), Some("Anne Ward"));
    assert_eq!(v[1].name.as_deref(), Some("William Jefferson Ward"));
}

#[test]
fn a_quote_after_a_colon_takes_the_speaker_of_the_sentence_the_colon_ends() {
    let text = "The hearing ran late.\n\nAs Jo Park reported after the hearing ended:\n\n\"The board will not meet again before the spring, and the budget waits until then.\"";
    let v = run_with(text, &mentions(text, &[("Jo Park", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quoted paragraph");
    assert_eq!(q.name.as_deref(), Some("Jo Park"), "{v:#?}");
    // Without a statement in the colon's sentence, the speaker stays open.
    let text = "The hearing ran late.\n\nHere is the full list:\n\n\"The board will not meet again before the spring, and the budget waits until then.\"";
    let v = run(text);
    assert!(v.iter().all(|q| q.speaker.is_none()), "{v:#?}");
}

#[test]
fn points_out_is_a_cue_with_its_particle() {
    let q = one("“Turnout fell in every district,” Bozell points out.");
    assert_eq!(q.cue.as_deref(), Some("points out"));
    assert_eq!(q.speaker.as_deref(), Some("Bozell"));
}

#[test]
fn a_speaker_described_then_named_in_the_next_sentence_is_named() {
    let text =
        "\"We will not give up the port,\" said the envoy. Mikhail Dorenko, Moldova's envoy to the talks, \
                left the hall at noon.";
    let v = run_with(text, &mentions(text, &[("Mikhail Dorenko", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.speaker.as_deref(), Some("the envoy"));
    assert_eq!(q.name.as_deref(), Some("Mikhail Dorenko"), "{v:#?}");
}

#[test]
fn a_cue_between_commas_inside_a_sentence_reports_the_whole_sentence() {
    let text = "The new quay, Mayor Petra Lund said, would take two years to build.";
    let q = one(text);
    assert_eq!(q.content, "The new quay, Mayor Petra Lund said, would take two years to build", "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Mayor Petra Lund"));
    let q = one("The old crane was a landmark, Mr. Aalto said, until it rusted through in 1998.");
    assert_eq!(q.content, "The old crane was a landmark, Mr. Aalto said, until it rusted through in 1998");
    // A participle or an adjunct after the cue is not part of what was said.
    let v = run("The budget is fixed, she said, adding that the council had no more money.");
    let said = v.iter().find(|q| q.cue.as_deref() == Some("said")).expect("the first statement");
    assert_eq!(said.content, "The budget is fixed", "{v:#?}");
    let q = one("The budget is fixed, she said, in a speech to the council.");
    assert_eq!(q.content, "The budget is fixed", "{q:#?}");
}

#[test]
fn a_party_tag_in_brackets_after_the_name_is_skipped() {
    let text = "\"We will not let the fishermen down,\" Sen. Karin Aho (D-Vt.) said. \"They have waited long enough.\"";
    let v = run(text);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].kind, "direct");
    assert_eq!(v[0].speaker.as_deref(), Some("Sen. Karin Aho"));
    assert!(v[0].content.ends_with("long enough.\""), "{v:#?}");
}

#[test]
fn a_person_of_an_organisation_is_the_person() {
    let text = "\"We were never asked,\" Mr. Holm of the Farmers Union said.";
    let v =
        run_with(text, &mentions(text, &[("Holm", EntityLabel::Per), ("Farmers Union", EntityLabel::Org)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Holm"), "{v:#?}");
    let text = "Ilse Moor of the Farmers Union said the levy was unfair.";
    let v = run_with(
        text,
        &mentions(text, &[("Ilse Moor", EntityLabel::Per), ("Farmers Union", EntityLabel::Org)]),
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ilse Moor"), "{v:#?}");
}

#[test]
fn a_chain_of_appositions_keeps_the_name_before_them() {
    let text = "Maria Lindqvist, 47, of Uppsala, who has grown barley for twenty years, said the new levy would ruin her.";
    let v = run_with(
        text,
        &mentions(text, &[("Maria Lindqvist", EntityLabel::Per), ("Uppsala", EntityLabel::Loc)]),
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Maria Lindqvist"), "{v:#?}");
    assert_eq!(v[0].content, "the new levy would ruin her");
}

#[test]
fn a_pronoun_takes_the_gender_the_document_gives_a_name() {
    let text = "Kim Lee opened a bakery in 2001. She has run it alone since. Alex Moor, a neighbour, said he had watched the street change. \"Nobody comes here after six,\" she said.";
    let v =
        run_with(text, &mentions(text, &[("Kim Lee", EntityLabel::Per), ("Alex Moor", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Kim Lee"), "{v:#?}");
}

#[test]
fn he_or_she_never_stands_for_an_organisation() {
    let text = "In a statement, Nordgrain said it supports the plan. \"Back then,\" she said, \"we had no choice at all.\"";
    let v = run_with(text, &mentions(text, &[("Nordgrain", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_eq!(q.name, None, "{v:#?}");
}

#[test]
fn a_transcript_label_names_the_speaker() {
    let text = "The councillor spoke to the radio station on Monday.\n\nHOST: Why did you vote against the plan?\n\nBERG: Because nobody on the council had read it.\n\nHOST: Will you stand again?\n\nBERG: Yes, and I expect to win.";
    let v = run(text);
    assert_eq!(v.len(), 4, "{v:#?}");
    assert_eq!(v[1].content, "Because nobody on the council had read it.");
    assert_eq!(v[1].speaker.as_deref(), Some("BERG"));
    assert_eq!(v[1].kind, "direct");
    // A label inside a quoted paragraph.
    let text = "Part of the interview follows.\n\n\"LUND: We will build the quay next year, whatever the council says.\"";
    let v = run(text);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("LUND"), "{v:#?}");
}

#[test]
fn as_someone_put_it_is_a_cue() {
    let q = one("As Ingrid Sjoberg, an economist at Lund University, recently put it, \"The levy is a tax on bread.\"");
    assert_eq!(q.speaker.as_deref(), Some("Ingrid Sjoberg"), "{q:#?}");
    assert_eq!(q.content, "\"The levy is a tax on bread.\"");
}

#[test]
fn a_bracketed_aside_after_the_speaker_is_not_the_content() {
    let v = run("However sound the plan, moving the ferry ''is a costly mistake,'' said Mr. Niemi (a view shared by other captains).");
    assert_eq!(v.len(), 1, "{v:#?}");
    assert!(v[0].content.contains("costly mistake"), "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Mr. Niemi"));
}

#[test]
fn a_quote_and_the_quote_its_participle_adds_are_two_statements() {
    let v = run(
        "\"Our budget is fixed,\" he said, adding that \"the council cannot find another cent this year.\"",
    );
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[0].content, "\"Our budget is fixed,\"");
    assert!(v[1].content.contains("another cent"), "{v:#?}");
}

#[test]
fn a_participle_after_a_quote_takes_the_quote_s_speaker() {
    let text = "\"It is a reflection of anger,\" Senator Ruth Amos said, citing low wages and rising rents.";
    let v = run_with(text, &mentions(text, &[("Ruth Amos", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.cue.as_deref() == Some("citing")).expect("the participle's statement");
    assert_eq!(q.name.as_deref(), Some("Ruth Amos"), "{v:#?}");
}

#[test]
fn a_participle_takes_a_subject_described_before_the_name() {
    let text = "Democratic presidential candidate Sen. Ruth Amos (D-Ore.) on Saturday criticized the accord, saying it went \"nowhere near far enough.\"";
    let v = run_with(text, &mentions(text, &[("Ruth Amos", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.cue.as_deref() == Some("saying")).expect("the participle's statement");
    assert_eq!(q.name.as_deref(), Some("Ruth Amos"), "{v:#?}");
}

#[test]
fn a_cue_in_an_infinitive_or_gerund_takes_the_subject_of_its_verb() {
    let q = one("When the session resumed, she began by saying, \"Nobody here is above the rules.\"");
    assert_eq!(q.speaker.as_deref(), Some("she"), "{q:#?}");
    let q = one("The minister went on to say: \"We will publish every contract.\"");
    assert_eq!(q.speaker.as_deref(), Some("The minister"), "{q:#?}");
}

#[test]
fn a_titled_name_opening_the_sentence_is_the_subject_of_its_participle() {
    let text = "Mr. Ortega also came close to an apology on Friday, saying, ''We never claimed the audit was complete.''";
    let v = run_with(text, &mentions(text, &[("Ortega", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ortega"), "{v:#?}");
}

#[test]
fn a_description_then_a_name_between_commas_is_the_named_speaker() {
    let text = "Another reader, Roland Zell, wrote of the mayor: \"She has never once answered a letter.\"";
    let v = run_with(text, &mentions(text, &[("Roland Zell", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Roland Zell"), "{v:#?}");
    assert_eq!(v[0].role.as_deref(), Some("Another reader"));
}

#[test]
fn a_dateline_is_never_the_speaker() {
    let text = "HARROGATE, England (AP) — Mayor Ruth Amos and her allies attacked the budget on Tuesday, saying it would \"gut every library in the county.\"";
    let v =
        run_with(text, &mentions(text, &[("HARROGATE", EntityLabel::Loc), ("Ruth Amos", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.cue.as_deref() == Some("saying")).expect("the participle's statement");
    assert_eq!(q.name.as_deref(), Some("Ruth Amos"), "{v:#?}");
}

#[test]
fn a_cue_word_after_a_possessive_is_a_noun() {
    let v = run("The senator rubbished Ortega's claim to speak for the farmers.");
    assert!(v.iter().all(|q| q.cue.as_deref() != Some("claim")), "{v:#?}");
}

#[test]
fn openers_times_and_participles_are_never_speakers() {
    let text = "After Speaking Tuesday Saturday afternoon the mayor He despite the storm";
    let toks = tokenize(text);
    let sents = split_sentences(text, &toks);
    let doc = Doc::new(text, &toks, &sents, &[]);
    assert_eq!(doc.plausible_speaker((0, 0)), None, "After");
    assert_eq!(doc.plausible_speaker((2, 2)), None, "Tuesday");
    assert_eq!(doc.plausible_speaker((3, 4)), None, "Saturday afternoon");
    assert_eq!(doc.plausible_speaker((5, 6)), Some((5, 6)), "the mayor");
    assert_eq!(doc.plausible_speaker((7, 7)), Some((7, 7)), "He");
    assert_eq!(doc.plausible_speaker((8, 10)), None, "despite the storm");
    let text = "Speaking at the rally, Schilling said the poll released Thursday was wrong.";
    let toks = tokenize(text);
    let sents = split_sentences(text, &toks);
    let doc = Doc::new(text, &toks, &sents, &[]);
    assert_eq!(doc.plausible_speaker((0, 0)), None, "Speaking");
    assert_eq!(doc.plausible_speaker((5, 5)), Some((5, 5)), "Schilling");
    assert_eq!(doc.plausible_speaker((7, 10)), Some((7, 9)), "the poll released Thursday");
}

#[test]
fn a_name_merely_mentioned_does_not_take_a_pronoun_from_the_last_speaker() {
    let text = "Omar Haddad said the plan, drafted with help from Jonas Berg, would cut waiting times. \"It is the first honest budget in years,\" he said.";
    let v = run_with(
        text,
        &mentions(text, &[("Omar Haddad", EntityLabel::Per), ("Jonas Berg", EntityLabel::Per)]),
    );
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Omar Haddad"), "{v:#?}");
    // A person who became the subject since leaves the pronoun open.
    let text = "Omar Haddad said the plan would cut waiting times. Jonas Berg disagreed. \"It is the first honest budget in years,\" he said.";
    let v = run_with(
        text,
        &mentions(text, &[("Omar Haddad", EntityLabel::Per), ("Jonas Berg", EntityLabel::Per)]),
    );
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_ne!(q.name.as_deref(), Some("Omar Haddad"), "{v:#?}");
}

#[test]
fn an_outlet_names_itself_before_an_earlier_outlet_of_the_same_kind() {
    let text = "The Harbour Gazette magazine published the letters leaked by Nordbank. According to Time magazine, the harbour police raided three offices in May.";
    let v = run_with(
        text,
        &mentions(text, &[("Harbour Gazette", EntityLabel::Org), ("Nordbank", EntityLabel::Org)]),
    );
    let q = v.iter().find(|q| q.cue.as_deref() == Some("According to")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Time magazine"), "{v:#?}");
}

#[test]
fn a_newspaper_that_spoke_last_is_no_he() {
    let text = "Lars Berg spoke to the Tribune newspaper, the New York Tribune, on Friday. \"We print what we can prove,\" the newspaper said. \"We never met,\" he said.";
    let v = run_with(
        text,
        &mentions(text, &[("Lars Berg", EntityLabel::Per), ("New York Tribune", EntityLabel::Org)]),
    );
    let q = v.iter().find(|q| q.content.contains("never met")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Lars Berg"), "{v:#?}");
}

#[test]
fn according_to_without_a_comma_ends_the_source_where_the_content_begins() {
    let q = one(
        "According to the health ministry at least 12 patients died in the fire, and 30 others were injured.",
    );
    assert_eq!(q.speaker.as_deref(), Some("the health ministry"), "{q:#?}");
    assert_eq!(q.content, "at least 12 patients died in the fire, and 30 others were injured");
    let q = one("According to Reuters the talks collapsed on Friday after the second round.");
    assert_eq!(q.speaker.as_deref(), Some("Reuters"), "{q:#?}");
    assert_eq!(q.content, "the talks collapsed on Friday after the second round");
    // With a comma, the source is everything before it.
    let q = one("According to a spokesman for the port, the strike will end on Monday.");
    assert_eq!(q.speaker.as_deref(), Some("a spokesman for the port"), "{q:#?}");
    let q = one("According to figures released by the ministry, exports fell by a third.");
    assert_eq!(q.content, "exports fell by a third", "{q:#?}");
}

#[test]
fn continuing_something_is_an_act_but_continuing_to_speak_is_not() {
    let v = run("The harbour festival continues a tradition that began when the first ferry docked in 1950.");
    assert!(v.iter().all(|q| q.cue.as_deref() != Some("continues")), "{v:#?}");
    let v = run("\"The pier is safe,\" the engineer said. \"We checked every bolt,\" she continued.");
    assert!(v.iter().any(|q| q.content.contains("every bolt") && q.speaker.is_some()), "{v:#?}");
    let q = one("The mayor continued to insist that the ferry would run in May.");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"), "{q:#?}");
}

#[test]
fn a_title_counts_for_every_name_of_a_sentence() {
    // Both titles stand in one sentence: the second must count as well.
    let text = "Mr. Dorian Pell met Ms. Greta Lanner on Monday. \"We have a deal,\" he said.";
    let v = run_with(
        text,
        &mentions(text, &[("Dorian Pell", EntityLabel::Per), ("Greta Lanner", EntityLabel::Per)]),
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Dorian Pell"), "{v:#?}");
}

#[test]
fn a_first_name_of_one_sex_rules_out_a_pronoun_of_the_other() {
    // The last speaker is a man; `she` is the woman named in between.
    let text =
        "Deputy Minister Carlos Ibarra said the road would be cleared. That drew a reply from Quispe. \
                \"Let him come and see,\" she said. Earlier, Marta Quispe had led the march.";
    let ents = mentions(
        text,
        &[
            ("Carlos Ibarra", EntityLabel::Per),
            ("Quispe", EntityLabel::Per),
            ("Marta Quispe", EntityLabel::Per),
        ],
    );
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("Let him")).expect("the quote");
    assert_ne!(q.name.as_deref(), Some("Carlos Ibarra"), "{q:#?}");
}

#[test]
fn a_title_keeps_two_people_of_one_surname_apart() {
    let text = "Councilman Raymond Pell voted for the cut. His wife, Doreen Pell, spoke against it. \
                Mrs. Pell said the branch was the only one on the east side.";
    let ents = mentions(
        text,
        &[("Raymond Pell", EntityLabel::Per), ("Doreen Pell", EntityLabel::Per), ("Pell", EntityLabel::Per)],
    );
    // `mentions` marks the first `Pell` only; mark the titled one too.
    let mut ents = ents;
    let at = text.find("Mrs. Pell").unwrap() + 5;
    ents.push(Mention { span: Span::new(at, at + 4), label: EntityLabel::Per, entity: None });
    ents.sort_by_key(|m| m.span.start);
    ents.dedup_by_key(|m| m.span.start);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("only one")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Doreen Pell"), "{q:#?}");
}

#[test]
fn the_subject_of_the_sentence_before_beats_the_last_speaker() {
    let text = "\"We made progress on water,\" said Aibek Tashiev, the deputy minister. \
                His counterpart, Dr. Daniel Nazri, was less upbeat. \"I cannot say we are closer,\" he said.";
    let ents = mentions(text, &[("Aibek Tashiev", EntityLabel::Per), ("Daniel Nazri", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("cannot say")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Daniel Nazri"), "{q:#?}");
    // A subject whose gender nothing tells leaves the pronoun open (taking
    // the latest such subject was tried: right on held-out 4, half wrong on
    // the untouched held-out 5).
    let text = text.replace("Daniel", "Rustam");
    let ents = mentions(&text, &[("Aibek Tashiev", EntityLabel::Per), ("Rustam Nazri", EntityLabel::Per)]);
    let v = run_with(&text, &ents);
    let q = v.iter().find(|q| q.content.contains("cannot say")).expect("the quote");
    assert_eq!(q.name, None, "{q:#?}");
    // Merely mentioned, not the subject: the last speaker goes on.
    let text = "\"We made progress on water,\" said Aibek Tashiev, the deputy minister. \
                He met Rustam Nazri on Monday. \"I cannot say we are closer,\" he said.";
    let ents = mentions(text, &[("Aibek Tashiev", EntityLabel::Per), ("Rustam Nazri", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("cannot say")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Aibek Tashiev"), "{q:#?}");
}

#[test]
fn a_subject_after_a_live_blog_time_stamp_or_a_participle_clause_is_the_subject() {
    // The last speaker is a woman too: only the subject rule tells them apart.
    let text = "10:40 — Oddný Sveinsdóttir, a geologist, says the fissure has grown. \
                \"It is moving north,\" she says.\n\n\
                10:25 — Kristín Jónsdóttir, who runs a guesthouse, spoke to us by phone. \
                \"We left with nothing,\" she says.";
    let ents =
        mentions(text, &[("Oddný Sveinsdóttir", EntityLabel::Per), ("Kristín Jónsdóttir", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("left with nothing")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Kristín Jónsdóttir"), "{q:#?}");
    // A participle clause before the subject: she is no longer the last
    // speaker's `he` (his gender unknown, hers too: the pronoun stays open).
    let text = "Coach Emeka Dibia said the team had trained well. \"We were ready,\" he told reporters.\n\n\
                Asked about the penalty, Otieno laughed. \"I just hit it,\" he said.";
    let ents = mentions(text, &[("Emeka Dibia", EntityLabel::Per), ("Otieno", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("just hit it")).expect("the quote");
    assert_ne!(q.name.as_deref(), Some("Emeka Dibia"), "{q:#?}");
}

#[test]
fn a_family_name_before_a_romanised_given_name_stands_for_the_person() {
    let text = "Secretary for Transport Grace Wong Mei-ling said the line would open in 2028. \
                \"We will not wait any longer,\" Wong said.";
    let mut ents = mentions(text, &[("Grace Wong Mei-ling", EntityLabel::Per)]);
    let at = text.rfind("Wong").unwrap();
    ents.push(Mention { span: Span::new(at, at + 4), label: EntityLabel::Per, entity: None });
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.contains("wait any longer")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Grace Wong Mei-ling"), "{q:#?}");
}

#[test]
fn a_pronoun_after_a_described_subject_is_not_the_last_speaker() {
    let text = "Defence lawyer Robin Ek said the client had been a driver. \
                \"He never made a call,\" Ek said.\n\n\
                One of the victims, a 91-year-old widow from Borås, gave evidence by video. \
                \"He was so polite,\" she told the court.";
    let v = run_with(text, &mentions(text, &[("Robin Ek", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("so polite")).expect("the quote");
    assert_eq!(q.name, None, "{q:#?}");
    // A described person of the other gender does not stand in the way.
    let text = "Defence lawyer Lena Ek said her client had been a driver. \
                \"He never made a call,\" Ek said.\n\n\
                One of the victims, a 91-year-old man from Borås, gave evidence by video. \
                \"He was only the driver,\" she told the court.";
    let v = run_with(text, &mentions(text, &[("Lena Ek", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("only the driver")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Lena Ek"), "{q:#?}");
}

#[test]
fn a_possessor_is_spoken_for_not_the_speaker() {
    let text = "Dario's rep hit back, insisting there was \"no third party involved\".";
    let v = run_with(text, &mentions(text, &[("Dario", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name, None, "{v:#?}");
    assert_eq!(v[0].on_behalf_of.as_deref(), Some("Dario"));
    let text = "Norway's envoy to the talks said the ceasefire would hold.";
    let v = run_with(text, &mentions(text, &[("Norway", EntityLabel::Loc)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name, None, "{v:#?}");
}

#[test]
fn a_demonym_or_a_place_inside_the_phrase_is_no_speaker_name() {
    let text = "Coach Lars Eklund would not hear of it. \"Nobody lets anybody down,\" the Swede said.";
    let v =
        run_with(text, &mentions(text, &[("Lars Eklund", EntityLabel::Per), ("Swede", EntityLabel::Misc)]));
    assert_ne!(v[0].name.as_deref(), Some("Swede"), "{v:#?}");
    let text = "Leaders of the countries bordering the North Sea pledged that their navies would share data.";
    let v = run_with(text, &mentions(text, &[("North Sea", EntityLabel::Loc)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name, None, "{v:#?}");
    // A plural party name is the group itself.
    let text = "Republicans said the bill would pass by Friday.";
    let v = run_with(text, &mentions(text, &[("Republicans", EntityLabel::Misc)]));
    assert_eq!(v[0].name.as_deref(), Some("Republicans"), "{v:#?}");
}

#[test]
fn a_person_of_a_firm_is_the_speaker_not_the_firm() {
    let text = "Security researcher Hana Oduya of the firm Blue Lantern said the group had hit 14 towns.";
    let v = run_with(
        text,
        &mentions(text, &[("Hana Oduya", EntityLabel::Per), ("Blue Lantern", EntityLabel::Org)]),
    );
    assert_eq!(v[0].name.as_deref(), Some("Hana Oduya"), "{v:#?}");
}

#[test]
fn a_pronoun_after_an_unnamed_speaker_stays_unnamed() {
    let text =
        "Brightly said the audit found no irregularities. A former engineer, who asked not to be named, \
                said the mood had been tense. \"Everyone knew the money was late,\" she said.";
    let v = run_with(text, &mentions(text, &[("Brightly", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.content.contains("Everyone knew")).expect("the quote");
    assert_eq!(q.name, None, "{q:#?}");
}

#[test]
fn an_organisation_that_spoke_last_is_it() {
    let text = "Kettleworks said it had 212 reports of lids opening. Its Aria kettles were sold in May. \
                No serious injuries have been reported, it said.";
    let v = run_with(text, &mentions(text, &[("Kettleworks", EntityLabel::Org), ("Aria", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.content.contains("No serious")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Kettleworks"), "{q:#?}");
}

#[test]
fn told_is_followed_by_whom_it_was_said_to() {
    let text =
        "The ship was listing badly, a coast guard spokeswoman, Eleni Marou, told The Associated Press.";
    let v = run_with(
        text,
        &mentions(text, &[("Eleni Marou", EntityLabel::Per), ("The Associated Press", EntityLabel::Org)]),
    );
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_ne!(v[0].name.as_deref(), Some("The Associated Press"), "{v:#?}");
}

#[test]
fn a_cue_without_a_subject_of_its_own_takes_the_sentence_subject() {
    for text in [
        "Asked on Monday whether the mayor would resign, Ms. Dana Orrel shook her head and said, \"No.\"",
        "Dana Orrel deflected questions about the budget before saying, \"It is time to move on.\"",
    ] {
        let v = run_with(text, &mentions(text, &[("Dana Orrel", EntityLabel::Per)]));
        let q = v.iter().find(|q| q.kind == "direct").unwrap_or_else(|| panic!("{text}: {v:#?}"));
        assert_eq!(q.name.as_deref(), Some("Dana Orrel"), "{text}: {q:#?}");
    }
}

/// Every occurrence of each name, as the tagger would give it.
fn every_mention(text: &str, names: &[(&str, EntityLabel)]) -> Vec<Mention> {
    let mut out: Vec<Mention> = names
        .iter()
        .flat_map(|&(n, label)| {
            text.match_indices(n).map(move |(at, _)| Mention {
                span: Span::new(at, at + n.len()),
                label,
                entity: None,
            })
        })
        .collect();
    out.sort_by_key(|m| m.span.start);
    out
}

#[test]
fn a_role_then_a_name_between_commas_is_the_name() {
    for text in [
        "The chief inspector of the Harbour Authority, Mr Tobias Wren, said the pier would stay shut until March.",
        "The Labour MP for Eastfield, Nadia Corrigan, asked whether the pier would reopen.",
    ] {
        let v = run_with(
            text,
            &mentions(
                text,
                &[
                    ("Tobias Wren", EntityLabel::Per),
                    ("Nadia Corrigan", EntityLabel::Per),
                    ("Harbour Authority", EntityLabel::Org),
                    ("Eastfield", EntityLabel::Loc),
                ]
                .into_iter()
                .filter(|(n, _)| text.contains(n))
                .collect::<Vec<_>>(),
            ),
        );
        let want = if text.contains("Wren") { "Tobias Wren" } else { "Nadia Corrigan" };
        assert_eq!(v.len(), 1, "{text}: {v:#?}");
        assert_eq!(v[0].name.as_deref(), Some(want), "{text}: {v:#?}");
    }
}

#[test]
fn a_first_name_or_a_family_name_written_first_reaches_the_full_name() {
    let text = "Sir Anthony Brisk, the chairman of Dunmore Water, faced the committee on Tuesday. \
                Sir Anthony said the company had met its targets. Director Park Min-jae won the award \
                on Friday. Park said the film took nine years to make.";
    let v = run_with(
        text,
        &every_mention(
            text,
            &[
                ("Anthony Brisk", EntityLabel::Per),
                ("Anthony", EntityLabel::Per),
                ("Park Min-jae", EntityLabel::Per),
            ],
        )
        .into_iter()
        // `Anthony` alone only where it is not part of the full name.
        .filter(|m| !(m.span.slice(text) == "Anthony" && text[m.span.end..].starts_with(" Brisk")))
        .chain(std::iter::once({
            let at = text.find("Park said").unwrap();
            Mention { span: Span::new(at, at + 4), label: EntityLabel::Per, entity: None }
        }))
        .collect::<Vec<_>>(),
    );
    let name_of = |words: &str| v.iter().find(|q| q.content.contains(words)).and_then(|q| q.name.clone());
    assert_eq!(name_of("met its targets").as_deref(), Some("Anthony Brisk"), "{v:#?}");
    assert_eq!(name_of("nine years").as_deref(), Some("Park Min-jae"), "{v:#?}");
}

#[test]
fn a_document_that_says_something_is_nobody_quoted_near_it() {
    let text = "Mayor Irene Solberg, quoted in the council's release, welcomed the plan. \
                The release said 3,000 homes would join the scheme by June.";
    let v = run_with(text, &mentions(text, &[("Irene Solberg", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("3,000 homes")).expect("the statement");
    assert_eq!(q.speaker.as_deref(), Some("The release"), "{q:#?}");
    assert_eq!(q.name, None, "{q:#?}");
}

#[test]
fn she_is_never_a_museum_and_a_gendered_name_is_a_person() {
    // The tagger called the museum MISC: still no `she`.
    let text = "The Maritime Museum said in a tribute that her archive was unique. \
                Asked what she would have done otherwise, she replied: \"Sailed, probably.\"";
    let v = run_with(text, &mentions(text, &[("Maritime Museum", EntityLabel::Misc)]));
    let q = v.iter().find(|q| q.content.contains("Sailed")).expect("the quote");
    assert_ne!(q.name.as_deref(), Some("Maritime Museum"), "{q:#?}");
    // The tagger called a woman's name ORG: her surname's ending says she is a person.
    let text = "Envoy Henrik Lind visited the village on Monday. Villager Gulnara Abdrakhmanova said her \
                brother lives across the border. \"We speak every day,\" she said.";
    let v = run_with(
        text,
        &mentions(text, &[("Henrik Lind", EntityLabel::Per), ("Gulnara Abdrakhmanova", EntityLabel::Org)]),
    );
    let q = v.iter().find(|q| q.content.contains("every day")).expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Gulnara Abdrakhmanova"), "{q:#?}");
}

#[test]
fn a_body_the_tagger_missed_is_still_named_but_a_role_is_not() {
    // The tagger found the town but none of the bodies.
    let tagged = |text: &str| run_with(text, &mentions(text, &[("Dover", EntityLabel::Loc)]));
    let v =
        tagged("Storms hit Dover overnight. Eastern Grid Distribution says 40,000 homes are without power.");
    assert_eq!(v[0].name.as_deref(), Some("Eastern Grid Distribution"), "{v:#?}");
    let v = tagged(
        "Storms hit Dover overnight. The Coastal Weather Office said gusts would reach 80mph by noon.",
    );
    assert_eq!(v[0].name.as_deref(), Some("Coastal Weather Office"), "{v:#?}");
    // A role in title case describes a person, and is no name.
    let v =
        tagged("Fire hit Dover overnight. Police Public Relations Officer said the fire started in a shed.");
    assert_eq!(v[0].name, None, "{v:#?}");
    // Nor is such a body a `he`.
    let v =
        tagged("Dover Harbour Safety Watch said the pier was unsafe. \"Nobody should fish there,\" he said.");
    let q = v.iter().find(|q| q.content.contains("Nobody")).expect("the quote");
    assert_eq!(q.name, None, "{q:#?}");
}

#[test]
fn the_airline_is_the_airline_named_before_but_not_any_group() {
    let text = "Passengers complained to Northwind Airlines after the delay. In a statement, \
                the airline said it was reviewing the case.";
    let v = run_with(text, &mentions(text, &[("Northwind Airlines", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.content.contains("reviewing")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Northwind Airlines"), "{q:#?}");
    let text = "The monitoring firm Lantern Research Group tracked the posts. The militant group \
                said it had carried out the attack.";
    let v = run_with(text, &mentions(text, &[("Lantern Research Group", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.content.contains("carried out")).expect("the statement");
    assert_eq!(q.name, None, "{q:#?}");
}

#[test]
fn it_is_an_organisation_that_was_a_subject_and_they_goes_on_from_an_unnamed_source() {
    let text = "Dunmore Water raised its prices in May. The increase was first reported by Radio Coastline \
                on Friday. It said the rise would pay for new pipes.";
    let v = run_with(
        text,
        &mentions(text, &[("Dunmore Water", EntityLabel::Org), ("Radio Coastline", EntityLabel::Org)]),
    );
    let q = v.iter().find(|q| q.content.contains("new pipes")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Dunmore Water"), "{q:#?}");
    let text = "The couple met on the set of a Channel Nine drama. Another insider claimed the pair had \
                argued for months. \"It was always going to end this way,\" they said.";
    let v = run_with(text, &mentions(text, &[("Channel Nine", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.content.contains("always going")).expect("the quote");
    assert_eq!(q.name, None, "{q:#?}");
}

#[test]
fn a_birth_name_is_no_subject() {
    // `Born Mary Varga in Pécs, she …` names her at birth: no new subject
    // for the pronoun to take.
    let text = "The pianist Mary Reyes died on Monday. Her son, Peter Reyes, said she had been ill. Born \
                Mary Varga in Pécs, she liked to say that \"the left hand pays the rent.\"";
    let v = run_with(
        text,
        &mentions(
            text,
            &[
                ("Mary Reyes", EntityLabel::Per),
                ("Peter Reyes", EntityLabel::Per),
                ("Mary Varga", EntityLabel::Per),
                ("Pécs", EntityLabel::Loc),
            ],
        ),
    );
    let q = v.iter().find(|q| q.content.contains("left hand")).expect("the quote");
    assert_ne!(q.name.as_deref(), Some("Mary Varga"), "{q:#?}");
}

#[test]
fn a_name_drops_its_article_and_a_dash_closes_an_apposition() {
    let text = "The Royal Hill Rowing Federation said the ban would stand.";
    let v = run_with(text, &mentions(text, &[("The Royal Hill Rowing Federation", EntityLabel::Org)]));
    assert_eq!(v[0].name.as_deref(), Some("Royal Hill Rowing Federation"), "{v:#?}");
    let text = "Swimmer Tessa Brand told the committee the river was brown. The firm's finance director, \
                Alison Greaves — who joined in May — tried to calm the room. The dividend, she said, \
                would be cut.";
    let v = run_with(
        text,
        &mentions(text, &[("Tessa Brand", EntityLabel::Per), ("Alison Greaves", EntityLabel::Per)]),
    );
    let q = v.iter().find(|q| q.content.contains("dividend")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Alison Greaves"), "{q:#?}");
}

#[test]
fn a_description_of_a_person_never_names_a_body_it_stood_near() {
    // The spokesperson speaks for the carrier; the carrier is not the spokesperson.
    let text = "A spokesperson for Danish carrier Nordlys said on Tuesday that ships would sail around Africa. \"We will not risk crews,\" the spokesperson said.";
    let ents = every_mention(text, &[("Danish", EntityLabel::Misc), ("Nordlys", EntityLabel::Org)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.speaker.as_deref() == Some("the spokesperson")).expect("the direct quote");
    assert_eq!(q.name, None, "{v:#?}");
    // A person noun takes the person it was attached to, not the company in between.
    let text = "A flaw in the Brightnote app exposed call notes, according to Lena Varga, a researcher who works with Brightnote customers. The security researcher said the company fixed it within a day.";
    let ents = every_mention(text, &[("Brightnote", EntityLabel::Org), ("Lena Varga", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let q =
        v.iter().find(|q| q.speaker.as_deref() == Some("The security researcher")).expect("second statement");
    assert_eq!(q.name.as_deref(), Some("Lena Varga"), "{v:#?}");
}

#[test]
fn the_object_of_a_preposition_after_a_noun_is_not_what_the_noun_names() {
    let text = "The report came from the press service of the Interior Ministry on Friday. The checkpoint would stay shut until March, the press service said.";
    let ents = every_mention(text, &[("Interior Ministry", EntityLabel::Org)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.speaker.as_deref() == Some("the press service")).expect("the statement");
    assert_eq!(q.name, None, "{v:#?}");
    // An apposition after a prepositional phrase still names the noun.
    let text =
        "Oslo's envoy to the talks, Lars Berg, arrived late. The envoy said the ceasefire was holding.";
    let ents = every_mention(text, &[("Oslo", EntityLabel::Loc), ("Lars Berg", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Lars Berg"), "{v:#?}");
}

#[test]
fn honorifics_are_titles_and_a_first_name_takes_the_full_name() {
    let text = "Group chief executive Datuk Faridah Osman told analysts the plant would open in May. \"We are ready,\" Faridah said. Tan Sri Musa Rahim, the chairman, said the board agreed.";
    let ents = every_mention(
        text,
        &[
            ("Datuk Faridah Osman", EntityLabel::Per),
            ("Faridah", EntityLabel::Per),
            ("Tan Sri Musa Rahim", EntityLabel::Per),
        ],
    );
    // `Faridah` also matches inside the full name: keep the mentions that do not overlap.
    let mut ents: Vec<Mention> = ents;
    ents.dedup_by(|b, a| b.span.start < a.span.end);
    let v = run_with(text, &ents);
    let names: Vec<Option<&str>> = v.iter().map(|q| q.name.as_deref()).collect();
    assert_eq!(names, [Some("Faridah Osman"), Some("Faridah Osman"), Some("Musa Rahim")], "{v:#?}");
}

#[test]
fn a_name_before_the_noun_of_a_body_names_the_body() {
    let text =
        "Heavy rain closed three roads on Monday. Cornwall council said the clean-up would take a week.";
    let ents = every_mention(text, &[("Cornwall", EntityLabel::Loc)]);
    let v = run_with(text, &ents);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Cornwall council"), "{v:#?}");
    let text = "The Harlow administration said the tariffs would stay until June.";
    let ents = every_mention(text, &[("Harlow", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Harlow administration"), "{v:#?}");
}

#[test]
fn a_body_whose_name_holds_and_is_named_whole() {
    let text =
        "Oil washed up on two beaches. The Harbour and Lighthouse Agency said the spill had been contained.";
    let ents = every_mention(text, &[("Lighthouse Agency", EntityLabel::Org)]);
    let v = run_with(text, &ents);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Harbour and Lighthouse Agency"), "{v:#?}");
    // Two places joined by `and` stay two: the phrase is not widened.
    let text = "The Netherlands and Belgium said the border checks would end in May.";
    let ents = every_mention(text, &[("Netherlands", EntityLabel::Loc), ("Belgium", EntityLabel::Loc)]);
    let v = run_with(text, &ents);
    assert!(v.iter().all(|q| q.name.as_deref() != Some("Netherlands and Belgium")), "{v:#?}");
}

#[test]
fn an_organisation_before_the_noun_of_a_body_is_named_alone() {
    let text = "The HVU union said the strike would go on until Friday.";
    let ents = every_mention(text, &[("HVU", EntityLabel::Org)]);
    let v = run_with(text, &ents);
    assert!(v.iter().all(|q| q.name.as_deref() != Some("HVU union")), "{v:#?}");
    // A nationality before a body's lower-case words names the body.
    let text = "The Iraqi water resources ministry said the dam was half empty.";
    let ents = every_mention(text, &[("Iraqi", EntityLabel::Misc)]);
    let v = run_with(text, &ents);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Iraqi water resources ministry"), "{v:#?}");
}

#[test]
fn a_place_before_a_comma_does_not_join_the_speaker() {
    let text = "Speaking at the Grand Hall and Gardens, Ms. Ruth Hale said the museum would open in May. The Wexford and Ross Ferry Company, Ms. Hale added, would run extra boats.";
    let ents =
        every_mention(text, &[("Grand Hall and Gardens", EntityLabel::Loc), ("Ruth Hale", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    assert_eq!(v[0].name.as_deref(), Some("Ruth Hale"), "{v:#?}");
}

#[test]
fn a_nickname_in_quotes_leaves_one_person() {
    let text = "Provincial disaster chief Roberto \"Bobby\" Vidal said the roads were closed. \"We need boats,\" Vidal said.";
    let ents = every_mention(text, &[("Roberto", EntityLabel::Per), ("Vidal", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let names: Vec<Option<&str>> = v.iter().map(|q| q.name.as_deref()).collect();
    assert_eq!(names, [Some("Roberto Vidal"), Some("Roberto Vidal")], "{v:#?}");
}

#[test]
fn a_nickname_the_tagger_took_into_the_name_leaves_one_person() {
    let text = "Provincial disaster chief Roberto \"Bobby\" Vidal said the roads were closed. \"We need boats,\" Vidal said.";
    let ents = every_mention(text, &[("Roberto \"Bobby", EntityLabel::Per), ("Vidal", EntityLabel::Per)]);
    let v = run_with(text, &ents);
    let names: Vec<Option<&str>> = v.iter().map(|q| q.name.as_deref()).collect();
    assert_eq!(names, [Some("Roberto Vidal"), Some("Roberto Vidal")], "{v:#?}");
}

#[test]
fn a_kinship_noun_gives_the_name_it_describes_a_gender() {
    // Neither first name is in the census lists; `his wife` says Asha Rao
    // is a woman, so `He` is her husband, the last man to speak.
    let text = "Devang Rao, a tailor, said the family had waited two days for a bed. His wife, Asha Rao, said the lane had not been cleaned since June. \"We are still waiting,\" he said.";
    let v =
        run_with(text, &mentions(text, &[("Devang Rao", EntityLabel::Per), ("Asha Rao", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Devang Rao"), "{v:#?}");
    // `whose son …` describes someone else: Amit Desai stays without a gender.
    let text = "Amit Desai, whose son was admitted on Friday, spoke first. Nalini Bose, a nurse, said beds were short. \"It is worse every year,\" she said.";
    let v = run_with(
        text,
        &mentions(text, &[("Amit Desai", EntityLabel::Per), ("Nalini Bose", EntityLabel::Per)]),
    );
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Nalini Bose"), "{v:#?}");
}

#[test]
fn a_kunya_says_the_bearer_is_a_woman_or_a_man() {
    let text = "Umm Yusuf, 52, said the road home was open again. Her cousin Abu Samir said he would stay until spring. \"I am not afraid of the journey,\" she said.";
    let v =
        run_with(text, &mentions(text, &[("Umm Yusuf", EntityLabel::Per), ("Abu Samir", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name.as_deref(), Some("Umm Yusuf"), "{v:#?}");
}

#[test]
fn a_description_finds_the_person_its_short_title_named() {
    let text = "Sen. Laura Pettit voted against the bill on Tuesday. The measure passed 61-39. The senator said the bill would raise rents.";
    let v = run_with(text, &mentions(text, &[("Laura Pettit", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("raise rents")).expect("the statement");
    assert_eq!(q.name.as_deref(), Some("Laura Pettit"), "{v:#?}");
}

#[test]
fn a_month_the_tagger_took_for_a_name_never_speaks() {
    let text = "OSLO, Dec 3 (Reuters) - Shares in Nordvik Foods fell 9% after it cut its outlook, saying demand had slowed in November.\n\nThe company, which has 80 shops, said it now expected flat sales for the year.";
    let v =
        run_with(text, &mentions(text, &[("Dec", EntityLabel::Org), ("Nordvik Foods", EntityLabel::Org)]));
    assert!(v.iter().all(|q| q.name.as_deref() != Some("Dec")), "{v:#?}");
}

#[test]
fn she_is_never_a_body_whose_noun_stands_before_its_of() {
    let text = "The Ratepayers League of Dunmore County said the levy would cost families $300 a year. \"We were promised lower fares,\" she said.";
    // The tagger found only the county, as an organisation.
    let v = run_with(text, &mentions(text, &[("Dunmore County", EntityLabel::Org)]));
    let q = v.iter().find(|q| q.kind == "direct").expect("the quote");
    assert_eq!(q.name, None, "{v:#?}");
}

#[test]
fn a_military_rank_is_a_title_not_part_of_the_name() {
    let text = "Maj. Omar Farah Warsame, who commands the garrison, said the attack began at dawn.";
    let v = run_with(text, &mentions(text, &[("Maj. Omar Farah Warsame", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Omar Farah Warsame"), "{v:#?}");
}

#[test]
fn a_wire_dateline_is_neither_content_nor_speaker() {
    let text =
        "TALLINN, Dec 3 (Reuters) - The port of Paldiski will close for a month, an official said on Monday.";
    let v = run(text);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].content, "The port of Paldiski will close for a month", "{v:#?}");
    let text = "MILLBROOK TOWNSHIP — Trustees approved the rezoning on Tuesday, an official said.";
    let v = run(text);
    assert_eq!(v[0].content, "Trustees approved the rezoning on Tuesday", "{v:#?}");
}

#[test]
fn a_place_or_occasion_after_the_cue_is_not_what_was_said() {
    let text = "The levy will sink the harbour, Marta Quist said at a rally in Tromsø last week.";
    let v =
        run_with(text, &mentions(text, &[("Marta Quist", EntityLabel::Per), ("Tromsø", EntityLabel::Loc)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].content, "The levy will sink the harbour", "{v:#?}");
    // With nothing said around it, the cue reports no statement.
    let text = "Marta Quist said at a rally in Tromsø last week.";
    let v =
        run_with(text, &mentions(text, &[("Marta Quist", EntityLabel::Per), ("Tromsø", EntityLabel::Loc)]));
    assert!(v.is_empty(), "{v:#?}");
    // A number after `about` is what was said, not a phrase of place.
    let text = "According to the parish council, about 900 people live in the valley.";
    let v = run(text);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].content, "about 900 people live in the valley", "{v:#?}");
}

#[test]
fn two_roles_joined_by_and_belong_to_the_name_after_them() {
    let text = "\"The ice shelf is thinning faster than we modelled,\" glaciologist and lead author Ines Brandt said.";
    let v = run_with(text, &mentions(text, &[("Ines Brandt", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ines Brandt"), "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("glaciologist and lead author Ines Brandt"), "{v:#?}");
    // Two people are not one speaker.
    let text = "\"We will appeal,\" Brandt and Oduya said.";
    let v = run_with(text, &mentions(text, &[("Brandt", EntityLabel::Per), ("Oduya", EntityLabel::Per)]));
    assert!(v.iter().all(|q| q.name.as_deref() != Some("Oduya")), "{v:#?}");
}

#[test]
fn the_sign_off_of_an_embedded_post_names_its_author() {
    let text = "The mayor answered her critics online.\n\n\"The bridge reopens on Friday, as promised. Thank you for your patience.\"\n\n— Mayor Ruth Okafor (@RuthOkaforMayor) March 3, 2026\n\nCommuters were not convinced.";
    let v = run_with(text, &mentions(text, &[("Ruth Okafor", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("bridge reopens")).expect("the post");
    assert_eq!(q.name.as_deref(), Some("Ruth Okafor"), "{v:#?}");
    // A dash line without an account is no sign-off.
    let text = "The mayor answered her critics.\n\n\"The bridge reopens on Friday, as promised. Thank you for your patience.\"\n\n— Ruth Okafor, March 3\n\nCommuters were not convinced.";
    let v = run_with(text, &mentions(text, &[("Ruth Okafor", EntityLabel::Per)]));
    assert!(v.iter().all(|q| q.name.is_none()), "{v:#?}");
}

#[test]
fn a_surname_the_tagger_missed_is_the_person_named_earlier() {
    let text = "\"Cloud gaming is a bandwidth business,\" said Chris Early, a vice president at the studio. \"You either have the pipe or you don't,\" says Early.";
    // The tagger knew the full name only; `Early` alone is also a common word.
    let v = run_with(text, &mentions(text, &[("Chris Early", EntityLabel::Per)]));
    let q = v.iter().find(|q| q.content.contains("pipe")).expect("the second quote");
    assert_eq!(q.name.as_deref(), Some("Chris Early"), "{v:#?}");
}

#[test]
fn laughed_reports_the_quote_before_it_and_nothing_else() {
    let text = "\"The accordion drives me up the wall,\" Callum Reid laughed.";
    let v = run_with(text, &mentions(text, &[("Callum Reid", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Callum Reid"), "{v:#?}");
    // A quote split by `and laughs` stays one quote.
    let text =
        "\"They will have to carry me out,\" Reid says, and laughs, \"and they will need a bigger van.\"";
    let v = run_with(text, &mentions(text, &[("Reid", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    // Laughing is no verb of saying without a quote next to it.
    let text = "Asked whether she would miss the job, Ingrid Solberg laughed.";
    let v = run_with(text, &mentions(text, &[("Ingrid Solberg", EntityLabel::Per)]));
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn a_party_and_state_tag_with_a_period_does_not_end_the_frame() {
    // `R-Ky.,`: the period closes an abbreviation, not the sentence.
    let q =
        one("The override is near. Senator Dana Whitfield, R-Ky., said Tuesday that the veto would fail.");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.content, "that the veto would fail");
    assert_eq!(q.name.as_deref(), Some("Dana Whitfield"));
    let q = one("The override is near. “We have the votes,” Senator Dana Whitfield, R-Ky., said on Tuesday.");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.name.as_deref(), Some("Dana Whitfield"));
    let q = one("The override is near. Rep. Omar Castillo, D-Texas., told reporters: “Not this week.”");
    assert_eq!(q.name.as_deref(), Some("Omar Castillo"));
}

#[test]
fn present_tense_speech_verbs_attribute_the_quote_beside_them() {
    for verb in ["yells", "shouts", "whispers", "quips", "exclaims", "mutters"] {
        let text =
            format!("The crowd pressed closer. “Get back from the door,” Irma Castell {verb} at the guards.");
        let q = one(&text);
        assert_eq!(q.kind, "direct", "{verb}");
        assert_eq!(q.name.as_deref(), Some("Irma Castell"), "{verb}");
    }
}

#[test]
fn a_noun_form_of_a_manner_verb_opens_no_reported_statement() {
    // `shouts` and `whispers` are nouns here: nothing is reported.
    assert!(run("The shouts from the stands grew louder as the whispers spread that the coach had quit.")
        .is_empty());
}

#[test]
fn a_name_inside_the_content_is_not_the_pronoun_speaker() {
    let v = run("Ruth Okafor, 41, a night-shift cleaner, said she had heard about the cuts on the bus. \
                 Her supervisor, Dana Pruitt, had already offered her a day shift, she said.");
    let q = v.last().unwrap();
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_eq!(q.name.as_deref(), Some("Ruth Okafor"), "{v:#?}");
}

#[test]
fn a_person_noun_is_the_speaker_not_the_cue() {
    let q = one("The school closed early on Friday. Her mum said that the heating had failed again.");
    assert_eq!(q.speaker.as_deref(), Some("Her mum"));
    assert_eq!(q.content, "that the heating had failed again");
}

#[test]
fn an_age_in_brackets_after_a_name_leaves_the_speaker() {
    let q = one("At a stall near the station, Savitri Negi (58), a flower seller, said trade had halved since the works began.");
    assert_eq!(q.name.as_deref(), Some("Savitri Negi"), "{q:#?}");
    let q = one("Bhupinder Rana (44) said the road had been shut for a week.");
    assert_eq!(q.name.as_deref(), Some("Bhupinder Rana"), "{q:#?}");
}

#[test]
fn a_quantifier_or_a_proportion_alone_is_an_unnamed_subject() {
    let v =
        run("The council asked residents about the harbour plan. Several said they would prefer a new quay.");
    let q = v.last().unwrap();
    assert_eq!(q.content, "they would prefer a new quay", "{v:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Several"));
    let q = one("One in four said the party had ignored farmers.");
    assert_eq!(q.speaker.as_deref(), Some("One in four"), "{q:#?}");
    assert_eq!(q.content, "the party had ignored farmers");
}

#[test]
fn a_relative_clause_after_the_subject_leaves_the_subject_the_speaker() {
    // Restrictive: the phrase ending next to the cue is the relative's object.
    let q = one("Residents who attended the meeting on Tuesday said the road was unsafe.");
    assert_eq!(q.speaker.as_deref(), Some("Residents"), "{q:#?}");
    assert_eq!(q.content, "the road was unsafe");
    // Between commas.
    let q = one("The union, which has fought the closure for two years, said that the talks had failed.");
    assert_eq!(q.speaker.as_deref(), Some("The union"), "{q:#?}");
    assert_eq!(q.content, "that the talks had failed");
    // A relative inside an apposition keeps the named speaker.
    let q = one("Tomas Berg, a fisherman who has worked the fjord for decades, said the catch had halved.");
    assert_eq!(q.name.as_deref(), Some("Tomas Berg"), "{q:#?}");
}

#[test]
fn a_verb_of_saying_coordinated_with_the_first_verb_shares_its_subject() {
    let v = run(
        "The minister admitted that the figures were wrong but said the ministry would publish new ones.",
    );
    let contents: Vec<&str> = v.iter().map(|q| q.content.as_str()).collect();
    assert_eq!(contents, ["that the figures were wrong", "the ministry would publish new ones"], "{v:#?}");
    assert!(v.iter().all(|q| q.speaker.as_deref() == Some("The minister")), "{v:#?}");
    // The object's relative clause does not give the second verb a subject.
    let v = run(
        "The mayor thanked the volunteers who cleaned the park and said the city would pay for a new fence.",
    );
    let q = v.iter().find(|q| q.content == "the city would pay for a new fence").expect("statement");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"), "{v:#?}");
    // The first statement ends where the coordinated one begins; a short
    // object with no clause and no quotation is what was done, not said.
    let v = run("Ms Okafor called the ruling \"reckless\" and said the court had ignored the evidence.");
    let contents: Vec<&str> = v.iter().map(|q| q.content.as_str()).collect();
    assert_eq!(contents, ["the ruling \"reckless\"", "the court had ignored the evidence"], "{v:#?}");
    let q = one("The mayor welcomed the plan but said the city could not pay for it.");
    assert_eq!(q.content, "the city could not pay for it", "{q:#?}");
    // The coordinated verb of an inner clause takes that clause's subject.
    let v = run("Senator Alvarez criticised the bill after she read it and said it ignored rural schools.");
    let q = v.iter().find(|q| q.content == "it ignored rural schools").expect("statement");
    assert_eq!(q.speaker.as_deref(), Some("she"), "{v:#?}");
}

#[test]
fn verbs_of_thought_report_what_others_think_but_not_the_writer_or_a_wish() {
    let q = one("Party strategists think the vote in the northern suburbs will be close.");
    assert_eq!(q.speaker.as_deref(), Some("Party strategists"), "{q:#?}");
    assert_eq!(q.content, "the vote in the northern suburbs will be close");
    let q = one("Investigators suspect the fire was started deliberately.");
    assert_eq!(q.content, "the fire was started deliberately", "{q:#?}");
    assert!(run("I think the vote in the northern suburbs will be close.").is_empty());
    assert!(run("Officials hope to open the new bridge before the winter storms.").is_empty());
    let q = one("The think tank said the cuts were too deep.");
    assert_eq!(q.speaker.as_deref(), Some("The think tank"), "{q:#?}");
}

#[test]
fn according_to_after_a_connective_or_inside_the_sentence() {
    let q = one("But, according to the survey, most farmers plan to sell fewer cattle next year.");
    assert_eq!(q.content, "most farmers plan to sell fewer cattle next year", "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("the survey"));
    let q =
        one("In the north of the country, according to the agency, the harvest was the worst in a decade.");
    assert_eq!(q.content, "the harvest was the worst in a decade", "{q:#?}");
    // The source between commas inside the sentence: all of it was said.
    let text = "The real problem, according to Ana Ruiz, a hydrologist in Lima, is the lack of storage.";
    let q = one(text);
    assert_eq!(q.content, text.trim_end_matches('.'), "{q:#?}");
    assert_eq!(q.name.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn according_to_after_a_whole_clause_ends_the_statement() {
    let q = one("Card payments tripled in the first half of the year, according to the central bank, which began counting them in 2021.");
    assert_eq!(q.content, "Card payments tripled in the first half of the year", "{q:#?}");
}

#[test]
fn a_closed_bracket_is_no_clause_for_a_coordinated_cue() {
    let v = run("Sen. Maria Ruiz (D-Ohio) praised the inspectors and said the answer was not a new fee.");
    let q = v.iter().find(|q| q.content == "the answer was not a new fee").expect("statement");
    assert_eq!(q.name.as_deref(), Some("Maria Ruiz"), "{v:#?}");
}

#[test]
fn a_clause_ending_in_a_colon_hands_the_quote_to_its_subject() {
    let text = "Halvorsen delivered a blunt verdict to the committee: \"The tunnel was never going to open on time.\"";
    let v = run_with(text, &mentions(text, &[("Halvorsen", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Halvorsen"), "{v:#?}");
    // After an apposition, and after a connective.
    let text = "The harbour master, Ines Vold, made her view plain:\n\n\"No ferry leaves in this wind.\"";
    let v = run_with(text, &mentions(text, &[("Ines Vold", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ines Vold"), "{v:#?}");
    let text = "But Halvorsen was not finished: \"We will find the money.\"";
    let v = run_with(text, &mentions(text, &[("Halvorsen", EntityLabel::Per)]));
    assert_eq!(v[0].speaker.as_deref(), Some("Halvorsen"), "{v:#?}");
    // A caption or a label before the colon has no subject and verb.
    let text = "Ines Vold, 64, at the harbour: \"No ferry leaves in this wind.\"";
    let v = run_with(text, &mentions(text, &[("Ines Vold", EntityLabel::Per)]));
    assert!(v.iter().all(|q| q.speaker.is_none()), "{v:#?}");
    let v = run("For example: \"No ferry leaves in this wind, whatever the timetable says.\"");
    assert!(v.iter().all(|q| q.speaker.is_none()), "{v:#?}");
}

#[test]
fn a_participle_after_a_connective_or_two_fronted_phrases_takes_the_opening_subject() {
    let text = "And then Halvorsen turned on the board, saying, \"They knew about the cracks for a year.\"";
    let v = run_with(text, &mentions(text, &[("Halvorsen", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Halvorsen"), "{v:#?}");
    let text = "On Friday, after a week of silence, Halvorsen walked out of the hearing, saying, \"It is the only one we have.\"";
    let v = run_with(text, &mentions(text, &[("Halvorsen", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("Halvorsen"), "{v:#?}");
    // One fronted phrase, then a description: the description speaks.
    let q = one("On Friday, the minister went further, saying the tunnel would never open.");
    assert!(q.speaker.as_deref().is_some_and(|s| s.starts_with("the minister")), "{q:#?}");
}

#[test]
fn a_description_finds_the_body_its_head_noun_opens() {
    let text = "Storms washed away the beach between Arvik and Tolsby, the Ministry of Coastal Affairs said. The ministry said it would assess the damage next week.";
    let ents =
        mentions(text, &[("Tolsby", EntityLabel::Org), ("Ministry of Coastal Affairs", EntityLabel::Org)]);
    let v = run_with(text, &ents);
    let q = v.iter().find(|q| q.content.starts_with("it would assess")).expect("statement");
    assert_eq!(q.name.as_deref(), Some("Ministry of Coastal Affairs"), "{v:#?}");
}

#[test]
fn a_domain_before_a_title_stays_out_of_the_speakers_name() {
    let text = "Tourism Director Pema Wangdi said the fee would stay.";
    let v = run_with(text, &mentions(text, &[("Tourism Director Pema Wangdi", EntityLabel::Per)]));
    assert_eq!(v[0].name.as_deref(), Some("Pema Wangdi"), "{v:#?}");
    let text = "Magistrate Ana Ruiz said the fine was fair.";
    let v = run_with(text, &mentions(text, &[("Magistrate Ana Ruiz", EntityLabel::Per)]));
    assert_eq!(v[0].name.as_deref(), Some("Ana Ruiz"), "{v:#?}");
}

#[test]
fn a_legal_form_after_a_comma_ends_the_companys_name() {
    let q = one("The Northern Ferry Co., Ltd. said the new route would open in March.");
    assert_eq!(q.speaker.as_deref(), Some("The Northern Ferry Co., Ltd."), "{q:#?}");
}

#[test]
fn a_setting_after_the_cue_then_an_adjunct_leaves_the_content_on_the_left() {
    // (`blaming …` is a statement of its own.)
    let v = run("Ferry fares will rise by a tenth in March, the harbour board said on Monday, blaming the price of fuel.");
    let q = v.iter().find(|q| q.cue.as_deref() == Some("said")).expect("statement");
    assert_eq!(q.content, "Ferry fares will rise by a tenth in March", "{v:#?}");
    let q = one("Nurses at two clinics have not been paid since August, union officials said Tuesday, as the strike entered its second week.");
    assert_eq!(q.content, "Nurses at two clinics have not been paid since August", "{q:#?}");
    // A content after the setting stays after it.
    let q = one("The harbour board said on Monday that ferry fares would rise by a tenth in March.");
    assert_eq!(q.content, "that ferry fares would rise by a tenth in March", "{q:#?}");
}

#[test]
fn a_participle_or_relative_between_commas_leaves_the_noun_phrase_before_it_the_speaker() {
    let q = one("A Chilean customs officer, speaking on condition of anonymity, said the trucks had been waved through.");
    assert_eq!(q.speaker.as_deref(), Some("A Chilean customs officer"), "{q:#?}");
    assert_eq!(q.content, "the trucks had been waved through");
    // A prepositional phrase after the head stays in the speaker; asking
    // not to be named says nothing.
    let q =
        one("A nurse at one of the clinics, who asked not to be named, said the fridges had failed twice.");
    assert_eq!(q.speaker.as_deref(), Some("A nurse at one of the clinics"), "{q:#?}");
    assert_eq!(q.content, "the fridges had failed twice");
    // Only a noun phrase that opens the clause: a fronted phrase is no speaker.
    let v = run(
        "In the harbour, crowded with trawlers since dawn, said to be the busiest in years, boats waited.",
    );
    assert!(v.iter().all(|q| q.speaker.as_deref() != Some("the harbour")), "{v:#?}");
}

#[test]
fn a_person_or_body_noun_heads_a_speaker_whatever_the_cue_table_says() {
    for (text, speaker) in [
        ("The prosecutor said the ferry's owner had ignored three warnings.", "The prosecutor"),
        ("The port authority said the cranes would be back in service by May.", "The port authority"),
        ("A tanker driver said the queue at the depot had stretched for a mile.", "A tanker driver"),
    ] {
        let q = one(text);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{q:#?}");
    }
    // A relative that gives the speaker's name leaves the name the speaker.
    let text = "A fisherman who gave his name as Ali Demir said the nets had come up empty.";
    let v = run_with(text, &mentions(text, &[("Ali Demir", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ali Demir"), "{v:#?}");
    // An apposition's name still speaks, not its description.
    let text = "A bus driver, Tomas Reyes, said the road had flooded twice.";
    let v = run_with(text, &mentions(text, &[("Tomas Reyes", EntityLabel::Per)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Tomas Reyes"), "{v:#?}");
}

#[test]
fn hansard_broadcast_and_q_and_a_labels_name_the_turns() {
    let text = "The minister was questioned on Tuesday.\n\nMs OKORO: Will the depot close?\n\nMr LINDQVIST: Not this year. The trains keep running.\n\nMs OKORO: And next year?";
    let v = run(text);
    assert_eq!(v.len(), 3, "{v:#?}");
    assert_eq!(v[1].speaker.as_deref(), Some("Mr LINDQVIST"), "{v:#?}");
    let text = "Boats stayed in port on Saturday.\n\nANA SOTO (SKIPPER, NORTH BAY FISHERS): We burn the fuel and catch nothing.\n\nREPORTER: The cooperative wants help from the state.";
    let v = run(text);
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("ANA SOTO"), "{v:#?}");
    let text = "We met the potter in her studio.\n\nQ: When did you start?\n\nA: At nine, in my grandmother's yard.\n\nQ: And now?\n\nA: Now I teach more than I throw.";
    let v = run(text);
    assert_eq!(v.len(), 4, "{v:#?}");
    assert_eq!(v[1].speaker.as_deref(), Some("A"), "{v:#?}");
    assert_eq!(v[1].content, "At nine, in my grandmother's yard.");
    // A lone `A:` is no interview.
    assert!(run("Schools reopen on Monday.\n\nA: new timetable starts then.").is_empty());
}

#[test]
fn prepositional_phrases_on_the_head_stay_in_a_speaker_after_the_content() {
    for (text, speaker) in [
        ("Wool sales fell by a third this winter, farmers in the valley said.", "farmers in the valley"),
        ("The dam is leaking at two points, an engineer at the dam said.", "an engineer at the dam"),
        ("Bread prices doubled in a month, traders at the market said.", "traders at the market"),
    ] {
        let q = one(text);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{q:#?}");
        assert_eq!(q.name, None, "{q:#?}");
        assert!(text.starts_with(&q.content), "{q:#?}");
    }
    // The head speaks, not the place the phrase names.
    let text = "Curfew will begin at nine, police in Mopti said.";
    let v = run_with(text, &mentions(text, &[("Mopti", EntityLabel::Loc)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("police in Mopti"), "{v:#?}");
    assert_eq!(v[0].name, None, "{v:#?}");
    // A preposition's object is not lifted to the speaker.
    let v = run("Hiring slowed, the survey by economists at the bank said.");
    assert!(v.iter().all(|q| q.speaker.as_deref() != Some("economists at the bank")), "{v:#?}");
}

#[test]
fn a_named_body_after_the_content_takes_its_article() {
    let text = "Clinics vaccinated 4,000 children in a week, the Ministry of Health and Social Welfare said.";
    let v = run_with(text, &mentions(text, &[("Ministry of Health and Social Welfare", EntityLabel::Org)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].speaker.as_deref(), Some("the Ministry of Health and Social Welfare"), "{v:#?}");
    assert_eq!(v[0].content, "Clinics vaccinated 4,000 children in a week");
}

#[test]
fn a_title_with_its_domain_is_the_whole_name() {
    let text = "The Governor of Harstad said the quay would stay closed.";
    let v = run_with(text, &mentions(text, &[("Governor of Harstad", EntityLabel::Org)]));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Governor of Harstad"), "{v:#?}");
}

#[test]
fn q_and_a_answers_name_the_interviewee_and_questions_the_byline() {
    let text = "By Ines Carvalho\n\nThe island will cap boat numbers. Rui Andrade, 61, has farmed mussels in the bay since 1990.\n\nQ: How did you start?\n\nA: With my uncle's raft and a borrowed boat.\n\nQ: And the cap?\n\nA: It comes ten years too late.";
    let v = run_with(
        text,
        &mentions(text, &[("Ines Carvalho", EntityLabel::Per), ("Rui Andrade", EntityLabel::Per)]),
    );
    assert_eq!(v.len(), 4, "{v:#?}");
    assert_eq!(v[0].name.as_deref(), Some("Ines Carvalho"), "{v:#?}");
    assert_eq!(v[1].name.as_deref(), Some("Rui Andrade"), "{v:#?}");
    assert_eq!(v[3].name.as_deref(), Some("Rui Andrade"), "{v:#?}");
    // Two people named before the questions: no guess.
    let text = "Rui Andrade and Marta Sousa farm mussels in the bay.\n\nQ: How did you start?\n\nA: With my uncle's raft and a borrowed boat.\n\nQ: And the cap?\n\nA: It comes ten years too late.";
    let v = run_with(
        text,
        &mentions(text, &[("Rui Andrade", EntityLabel::Per), ("Marta Sousa", EntityLabel::Per)]),
    );
    assert_eq!(v.len(), 4, "{v:#?}");
    assert_eq!(v[1].name, None, "{v:#?}");
}
