//! Linker cases on short texts written for these tests: every case the
//! linking issue names, within a document and across documents.

use dossier_core::{Annotations, EntityLabel, Mention, Quote, QuoteKind, Span, Speaker};

use super::*;

/// A document for tests: text plus mentions given by surface and label, found
/// in order (each search starts after the previous mention).
pub(crate) fn doc(text: &str, mentions: &[(&str, EntityLabel)]) -> Annotations {
    let mut at = 0;
    let mut entities = Vec::new();
    for (s, l) in mentions {
        let p = at + text[at..].find(s).unwrap_or_else(|| panic!("{s:?} not in text"));
        entities.push(Mention { span: Span::new(p, p + s.len()), label: *l, entity: None });
        at = p + s.len();
    }
    Annotations { entities, ..Default::default() }
}

fn speaker(text: &str, words: &str, name: Option<&str>) -> Quote {
    let p = text.rfind(words).expect("speaker words");
    Quote {
        kind: QuoteKind::Direct,
        span: Span::new(0, 1),
        cue: None,
        speaker: Some(Speaker {
            span: Span::new(p, p + words.len()),
            name: name.map(str::to_string),
            entity: None,
            role: None,
            on_behalf_of: None,
            channel: None,
        }),
        confidence: None,
        candidates: Vec::new(),
        date: None,
        date_source: None,
        via: Vec::new(),
    }
}

fn ids(ann: &Annotations) -> Vec<String> {
    ann.entities.iter().map(|m| m.entity.clone().unwrap_or_else(|| "-".into())).collect()
}

fn link(l: &mut Linker, text: &str, mentions: &[(&str, EntityLabel)]) -> (Vec<String>, DocLinks) {
    let mut ann = doc(text, mentions);
    let links = l.link(text, &mut ann);
    (ids(&ann), links)
}

use EntityLabel::{Loc, Misc, Org, Per};

#[test]
fn surname_and_title_refer_back_to_the_full_name() {
    let mut l = Linker::with_embedded_kb();
    let t = "Kiljunen's report came first. Kimmo Kiljunen, a Finnish MP, visited Osh. Mr Kiljunen said more.";
    let (ids, links) = link(&mut l, t, &[("Kiljunen", Per), ("Kimmo Kiljunen", Per), ("Kiljunen", Per)]);
    assert_eq!(ids, ["kimmo-kiljunen"; 3]);
    assert_eq!(links.mentions[0].as_ref().unwrap().evidence, vec![Evidence::PartialName]);
    assert!(links.mentions[0].as_ref().unwrap().confidence < 1.0);
}

#[test]
fn a_hyphenated_surname_refers_back_to_the_full_name() {
    let mut l = Linker::with_embedded_kb();
    let t = "The envoy Jan Novak-Horvath arrived on Monday. Novak-Horvath met the mayor. \
             Later Novak-Horvath left.";
    let (ids, _) =
        link(&mut l, t, &[("Jan Novak-Horvath", Per), ("Novak-Horvath", Per), ("Novak-Horvath", Per)]);
    assert_eq!(ids, ["jan-novak-horvath"; 3]);
}

#[test]
fn a_general_role_word_refers_back_to_the_one_person_with_that_kind_of_role() {
    let t = "Moldova's President Ana Rusu spoke in Chisinau. Later Moldova's leader said more.";
    let mut ann = doc(t, &[("Moldova", Loc), ("Ana Rusu", Per), ("Chisinau", Loc), ("Moldova", Loc)]);
    ann.quotes.push(speaker(t, "Moldova's leader", None));
    let mut l = Linker::with_embedded_kb();
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].speaker.as_ref().unwrap().entity.as_deref(), Some("ana-rusu"));
    // Two people the word could mean: no guess.
    let t = "Moldova's President Ana Rusu met Moldova's Prime Minister Ion Toma. Moldova's leader said more.";
    let mut ann =
        doc(t, &[("Moldova", Loc), ("Ana Rusu", Per), ("Moldova", Loc), ("Ion Toma", Per), ("Moldova", Loc)]);
    ann.quotes.push(speaker(t, "Moldova's leader", None));
    let mut l = Linker::with_embedded_kb();
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].speaker.as_ref().unwrap().entity, None);
}

#[test]
fn acronym_defined_in_the_text() {
    let mut l = Linker::with_embedded_kb();
    let t = "The Collective Security Treaty Organisation (CSTO) met. The CSTO declined to send troops.";
    let (ids, links) =
        link(&mut l, t, &[("Collective Security Treaty Organisation", Org), ("CSTO", Org), ("CSTO", Org)]);
    assert_eq!(ids, ["csto"; 3]);
    assert_eq!(links.mentions[1].as_ref().unwrap().evidence, vec![Evidence::AcronymDefined]);
    // Defined without the long name tagged as a mention.
    let mut l = Linker::with_embedded_kb();
    let t = "Officials of the Shanghai Cooperation Organisation (SCO) arrived. The SCO said little.";
    let (ids, _) = link(&mut l, t, &[("SCO", Org), ("SCO", Org)]);
    assert_eq!(ids, ["sco"; 2]);
    assert!(l.index().get("sco").unwrap().name.starts_with("Shanghai Cooperation Organi"));
}

#[test]
fn acronym_the_knowledge_base_knows() {
    let mut l = Linker::with_embedded_kb();
    let t = "The OSCE sent observers. OSCE officials stayed.";
    let (ids, links) = link(&mut l, t, &[("OSCE", Org), ("OSCE", Org)]);
    assert_eq!(ids, ["osce"; 2]);
    let rec = l.index().get("osce").unwrap();
    let kb = rec.kb.as_ref().expect("kb facts");
    assert!(kb.name.contains("Security") && kb.name.contains("Europe"), "{kb:?}");
    assert_eq!(rec.kind, Some(EntityKind::Organisation));
    assert!(links.mentions[1].as_ref().unwrap().evidence.contains(&Evidence::SameName));
}

#[test]
fn description_resolves_to_the_person_the_document_names_so() {
    let mut l = Linker::with_embedded_kb();
    let t = "Kyrgyz President Roza Otunbaeva visited Osh. \"We will rebuild,\" the Kyrgyz president said.";
    let mut ann = doc(t, &[("Kyrgyz", Misc), ("Roza Otunbaeva", Per), ("Osh", Loc)]);
    ann.quotes.push(speaker(t, "the Kyrgyz president", None));
    let links = l.link(t, &mut ann);
    let roza = ann.entities[1].entity.clone().unwrap();
    assert_eq!(roza, "roza-otunbayeva");
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.entity.as_deref(), Some(roza.as_str()));
    assert_eq!(links.speakers[0].as_ref().unwrap().evidence[0], Evidence::Description);
    // The adjective links to the country.
    assert_eq!(ann.entities[0].entity.as_deref(), Some("kyrgyzstan"));
    let rec = l.index().get("roza-otunbayeva").unwrap();
    assert!(rec
        .kb
        .as_ref()
        .unwrap()
        .roles
        .iter()
        .any(|r| r.contains("Kyrgyzstan") && r.contains("2010-08-01")));
    assert_eq!(rec.country.as_deref(), Some("Kyrgyzstan"));
}

#[test]
fn description_stays_unresolved_when_two_people_fit() {
    let mut l = Linker::with_embedded_kb();
    let t = "Russian envoy Ivan Petrov met Russian envoy Pavel Sidorov. The Russian envoy said no.";
    let mut ann = doc(t, &[("Ivan Petrov", Per), ("Pavel Sidorov", Per)]);
    ann.quotes.push(speaker(t, "The Russian envoy", None));
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].speaker.as_ref().unwrap().entity, None);
    // The adjective before the role still ties each envoy to Russia.
    let rec = l.index().get("ivan-petrov").unwrap();
    assert!(rec.country.as_deref().is_some_and(|c| c.contains("Russia")), "{rec:?}");
    assert_eq!(rec.descriptions, vec!["Russian envoy".to_string()]);
}

#[test]
fn apposition_and_speakers() {
    let mut l = Linker::with_embedded_kb();
    let t = "Kimmo Kiljunen, the OSCE special envoy, arrived. \"It is calm,\" Kiljunen said. \"We stay,\" he added. The OSCE envoy also said it.";
    let mut ann = doc(t, &[("Kimmo Kiljunen", Per), ("OSCE", Org), ("Kiljunen", Per), ("OSCE", Org)]);
    ann.quotes.push(speaker(t, "Kiljunen", None));
    ann.quotes.push(speaker(t, "he", Some("Kimmo Kiljunen")));
    ann.quotes.push(speaker(t, "The OSCE envoy", None));
    let links = l.link(t, &mut ann);
    for q in &ann.quotes {
        assert_eq!(q.speaker.as_ref().unwrap().entity.as_deref(), Some("kimmo-kiljunen"), "{q:?}");
    }
    assert_eq!(links.speakers[0].as_ref().unwrap().evidence[0], Evidence::Speaker);
    assert_eq!(l.index().get("kimmo-kiljunen").unwrap().mentions, 2);
    assert_eq!(ids(&ann), ["kimmo-kiljunen", "osce", "kimmo-kiljunen", "osce"]);
}

#[test]
fn a_name_owning_the_speaker_is_not_the_speaker() {
    // The quote layer names the speaker of `the Acme Corporation's website`
    // (here, the outlet quoted earlier); the owner in the possessive must
    // neither take the quote nor gain that name as an alias.
    let mut l = Linker::with_embedded_kb();
    let t = "Harbor News reported the raid. The Acme Corporation's website said the claims were false.";
    let mut ann = doc(t, &[("Harbor News", Org), ("Acme Corporation", Org)]);
    ann.quotes.push(speaker(t, "The Acme Corporation's website", Some("Harbor News")));
    ann.quotes.push(speaker(t, "The Acme Corporation", None));
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].speaker.as_ref().unwrap().entity.as_deref(), Some("harbor-news"));
    // Without the possessive the organisation is the speaker.
    assert_eq!(ann.quotes[1].speaker.as_ref().unwrap().entity.as_deref(), Some("acme-corporation"));
    assert!(possessive_modifier(t, ann.quotes[0].speaker.as_ref().unwrap().span, ann.entities[1].span));
    assert!(!possessive_modifier(t, ann.quotes[1].speaker.as_ref().unwrap().span, ann.entities[1].span));
}

#[test]
fn same_actor_same_id_across_documents_with_spelling_variants() {
    let mut l = Linker::with_embedded_kb();
    let pairs: [(&str, &str, EntityLabel); 6] = [
        ("Roza Otunbaeva", "Roza Otunbayeva", Per),
        ("Aleksandar Vucic", "Aleksandar Vučić", Per),
        ("Aleksandr Solzhenitsyn", "Aleksandr Solzhenitsin", Per),
        ("Moscow", "MOSCOW", Loc),
        ("Zoran Djindjic", "Zoran Đinđić", Per),
        ("Kimmo Kiljunen", "Kimmo Kiljunen's", Per),
    ];
    for (a, b, label) in pairs {
        let ta = format!("Yesterday {a} spoke.");
        let tb = format!("Today {b} answered.");
        let (ia, _) = link(&mut l, &ta, &[(a, label)]);
        let (ib, lb) = link(&mut l, &tb, &[(b, label)]);
        assert_eq!(ia, ib, "{a} / {b}");
        assert!(lb.mentions[0].as_ref().unwrap().confidence >= 0.8);
    }
}

#[test]
fn united_states_variants_meet() {
    let mut l = Linker::with_embedded_kb();
    let mut seen = Vec::new();
    for (t, m, label) in [
        ("The U.S. said no.", "U.S.", Loc),
        ("The US said yes.", "US", Loc),
        ("Troops of the United States left.", "United States", Loc),
        ("America is far.", "America", Loc),
        ("American officials agreed.", "American", Misc),
    ] {
        let (ids, _) = link(&mut l, t, &[(m, label)]);
        seen.push(ids[0].clone());
    }
    assert!(seen.iter().all(|s| *s == seen[0]), "{seen:?}");
    assert_eq!(l.index().get(&seen[0]).unwrap().kind, Some(EntityKind::Country));
}

#[test]
fn different_actors_with_one_surname_stay_apart() {
    let mut l = Linker::with_embedded_kb();
    let (a, _) =
        link(&mut l, "William Burns met officials in Moscow.", &[("William Burns", Per), ("Moscow", Loc)]);
    let (b, _) = link(
        &mut l,
        "Nicholas Burns spoke in Boston. Burns smiled.",
        &[("Nicholas Burns", Per), ("Boston", Loc), ("Burns", Per)],
    );
    assert_ne!(a[0], b[0]);
    assert_eq!(b[2], b[0], "a bare Burns after Nicholas Burns is Nicholas");
    // Both named in one document: a bare Burns is neither.
    let t = "William Burns and Nicholas Burns met. Burns left early.";
    let (c, links) = link(&mut l, t, &[("William Burns", Per), ("Nicholas Burns", Per), ("Burns", Per)]);
    assert_eq!(c[0], a[0]);
    assert_eq!(c[1], b[0]);
    assert!(c[2] != a[0] && c[2] != b[0], "{c:?}");
    assert!(links.mentions[2].as_ref().unwrap().evidence.is_empty());
}

#[test]
fn a_pair_of_documents_that_must_link_and_a_pair_that_must_not() {
    let mut l = Linker::with_embedded_kb();
    let d1 = "William Burns held talks in Moscow with Sergei Lavrov on Iran.";
    let (a, _) =
        link(&mut l, d1, &[("William Burns", Per), ("Moscow", Loc), ("Sergei Lavrov", Per), ("Iran", Loc)]);
    // Must link: a bare Burns in a document sharing the context.
    let d2 = "In Moscow, Burns and Sergei Lavrov discussed Iran again.";
    let (b, links) =
        link(&mut l, d2, &[("Moscow", Loc), ("Burns", Per), ("Sergei Lavrov", Per), ("Iran", Loc)]);
    assert_eq!(b[1], a[0]);
    assert_eq!(links.mentions[1].as_ref().unwrap().evidence, vec![Evidence::Context]);
    // Must not: a bare Burns in an unrelated document.
    let d3 = "Burns scored twice for Glasgow on Saturday.";
    let (c, _) = link(&mut l, d3, &[("Burns", Per), ("Glasgow", Loc)]);
    assert_ne!(c[0], a[0]);
    assert_eq!(c[0], "burns");
    // And another unrelated bare Burns gets its own, suffixed id.
    let (d, _) = link(&mut l, "Burns painted a barn.", &[("Burns", Per)]);
    assert_eq!(d[0], "burns-2");
}

#[test]
fn ids_are_stable_across_runs() {
    let run = || {
        let mut l = Linker::with_embedded_kb();
        let mut out = Vec::new();
        for (t, m) in [
            ("Burns spoke.", vec![("Burns", Per)]),
            ("Burns spoke again.", vec![("Burns", Per)]),
            ("The OSCE and Kimmo Kiljunen.", vec![("OSCE", Org), ("Kimmo Kiljunen", Per)]),
        ] {
            out.extend(link(&mut l, t, &m).0);
        }
        out
    };
    let a = run();
    assert_eq!(a, run());
    assert_eq!(a, ["burns", "burns-2", "osce", "kimmo-kiljunen"]);
}

#[test]
fn demonym_modifiers_tie_an_actor_to_its_country() {
    let mut l = Linker::with_embedded_kb();
    let t = "Kyrgyz security forces fired. Serbian police watched. Albanian leaders met.";
    let (ids, _) = link(&mut l, t, &[("Kyrgyz security forces", Org), ("Serbian", Misc), ("Albanian", Misc)]);
    let forces = l.index().get(&ids[0]).unwrap();
    assert_eq!(forces.country.as_deref(), Some("Kyrgyzstan"));
    assert_eq!(ids[1], "serbia");
    assert_eq!(ids[2], "albania");
}

#[test]
fn analyst_decisions_merge_and_split() {
    let mut l = Linker::with_embedded_kb();
    let mut d = Decisions::default();
    d.distinct.insert(("kimmo kiljunen".into(), "kimmo-kiljunen".into()));
    let (a, _) = link(&mut l, "Kimmo Kiljunen spoke.", &[("Kimmo Kiljunen", Per)]);
    l.set_decisions(d);
    let (b, _) = link(&mut l, "Kimmo Kiljunen spoke.", &[("Kimmo Kiljunen", Per)]);
    assert_ne!(a, b);
    let mut d = Decisions::default();
    d.merged.insert(b[0].clone(), a[0].clone());
    l.set_decisions(d);
    let (c, links) = link(&mut l, "Jane Roe wrote.", &[("Jane Roe", Per)]);
    assert_eq!(c[0], "jane-roe");
    let mut d = Decisions::default();
    d.merged.insert("jane-roe".into(), a[0].clone());
    l.set_decisions(d);
    let (e, links2) = link(&mut l, "Jane Roe wrote again.", &[("Jane Roe", Per)]);
    assert_eq!(e[0], a[0]);
    assert!(links2.mentions[0].as_ref().unwrap().evidence.contains(&Evidence::Decision));
    let _ = links;
}

#[test]
fn odd_input_never_panics() {
    let mut l = Linker::with_embedded_kb();
    let t = "Vučić 🙂 ((CSTO)) (";
    let mut ann = Annotations {
        entities: vec![
            Mention { span: Span::new(0, 7), label: Per, entity: None },
            Mention { span: Span::new(1, 3), label: Per, entity: None },
            Mention { span: Span::new(5, 500), label: Org, entity: None },
            Mention { span: Span::new(12, 16), label: Org, entity: None },
            Mention { span: Span::new(9, 9), label: Misc, entity: None },
        ],
        ..Default::default()
    };
    ann.quotes.push(speaker(t, "(", Some("")));
    let links = l.link(t, &mut ann);
    assert_eq!(links.mentions.len(), 5);
    assert!(ann.entities[0].entity.is_some());
    assert!(ann.entities[2].entity.is_none());
    l.link("", &mut Annotations::default());
}

#[test]
fn a_name_cut_short_by_ner_takes_the_words_the_knowledge_base_knows() {
    let mut l = Linker::with_embedded_kb();
    let t = "Monitors from the Organisation for Security and Co-operation in Europe arrived. The OSCE said little.";
    let (ids, _) = link(&mut l, t, &[("Organisation for Security and Co-operation", Org), ("OSCE", Org)]);
    assert_eq!(ids, ["osce", "osce"]);
    // Words the knowledge base does not complete into a known name stay out.
    let t = "The Committee for Security and Trade in Paris met.";
    let (ids, _) = link(&mut l, t, &[("Committee for Security and Trade", Org)]);
    assert_eq!(ids, ["committee-for-security-and-trade"]);
    // A longer name on the next line is not this one.
    let t = "the Organisation for Security and Co-operation\nin Europe";
    let (ids, _) = link(&mut l, t, &[("Organisation for Security and Co-operation", Org)]);
    assert_ne!(ids, ["osce"]);
}

#[test]
fn a_speaker_named_like_a_mention_is_that_entity_not_a_new_person() {
    let mut l = Linker::with_embedded_kb();
    let t = "The Zarvanian Lumber Board met on Monday. Board members disagreed. \"We will sell,\" it said.";
    let mut ann = doc(t, &[("Zarvanian Lumber Board", Org)]);
    ann.quotes.push(speaker(t, "it", Some("Zarvanian Lumber Board")));
    l.link(t, &mut ann);
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.entity.as_deref(), Some("zarvanian-lumber-board"));
    assert_eq!(l.index().records().len(), 1, "{:?}", l.index().records());
}

#[test]
fn one_word_labelled_person_and_organisation_in_one_document_is_one_name() {
    let mut l = Linker::with_embedded_kb();
    let t = "Zorbacle published the cables. Later Zorbacle said more. Zorbacle denied it.";
    let (ids, _) = link(&mut l, t, &[("Zorbacle", Misc), ("Zorbacle", Per), ("Zorbacle", Org)]);
    assert_eq!(ids, ["zorbacle"; 3]);
    // A person whose name holds the word keeps the surname.
    let t = "Anna Quellberg met Quellberg Holdings. Quellberg said no.";
    let (ids, _) =
        link(&mut l, t, &[("Anna Quellberg", Per), ("Quellberg Holdings", Org), ("Quellberg", Per)]);
    assert_eq!(ids[2], ids[0]);
}

#[test]
fn a_surname_ner_called_an_organisation_joins_the_person_the_context_points_to() {
    let mut l = Linker::with_embedded_kb();
    let t = "Kimmo Kiljunen of the OSCE visited Osh and Bishkek in Kyrgyzstan.";
    let (ids, _) = link(
        &mut l,
        t,
        &[("Kimmo Kiljunen", Per), ("OSCE", Org), ("Osh", Loc), ("Bishkek", Loc), ("Kyrgyzstan", Loc)],
    );
    assert_eq!(ids[0], "kimmo-kiljunen");
    let t = "Kiljunen said the OSCE would return to Osh. Kyrgyzstan agreed.";
    let (ids, _) = link(&mut l, t, &[("Kiljunen", Org), ("OSCE", Org), ("Osh", Loc), ("Kyrgyzstan", Loc)]);
    assert_eq!(ids[0], "kimmo-kiljunen");
    // Without shared actors it stays what NER said.
    let t = "Kiljunen announced a new phone in Helsinki.";
    let (ids, _) = link(&mut l, t, &[("Kiljunen", Org), ("Helsinki", Loc)]);
    assert_ne!(ids[0], "kimmo-kiljunen");
}

#[test]
fn a_surname_joins_a_full_name_the_tagger_took_for_an_organisation() {
    let mut l = Linker::with_embedded_kb();
    let t = "Tashkent governor Farid Kurbanov rejected the plan. Kurbanov told reporters it would fail.";
    let (ids, _) = link(&mut l, t, &[("Tashkent", Loc), ("Farid Kurbanov", Org), ("Kurbanov", Per)]);
    assert_eq!(ids[1], ids[2], "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    // Two such names end in the word: the surname cannot tell which.
    let t = "Farid Kurbanov and Aziz Kurbanov met. Kurbanov spoke first.";
    let (ids, _) = link(&mut l, t, &[("Farid Kurbanov", Org), ("Aziz Kurbanov", Misc), ("Kurbanov", Per)]);
    assert!(ids[2] != ids[0] && ids[2] != ids[1], "{ids:?}");
    // A place is no person's full name.
    let t = "They flew to Nova Gorica. Gorica said nothing.";
    let (ids, _) = link(&mut l, t, &[("Nova Gorica", Loc), ("Gorica", Per)]);
    assert_ne!(ids[0], ids[1], "{ids:?}");
}

/// The GeoNames place of a mention's entity: (id, ISO country).
fn place_of(l: &Linker, ann: &Annotations, i: usize) -> Option<(u32, String)> {
    let id = ann.entities[i].entity.as_deref()?;
    let p = l.index().get(id)?.place.clone()?;
    Some((p.geonames, p.country))
}

#[test]
fn places_merge_across_documents_by_geonames_id_and_same_names_stay_apart() {
    let mut l = Linker::with_embedded_kb();
    let t1 = "Traders in Osh reopened their shops.";
    let mut a1 = doc(t1, &[("Osh", EntityLabel::Loc)]);
    l.link(t1, &mut a1);
    let t2 = "The mayor of Osh, Kyrgyzstan, met traders from Paris, Texas.";
    let mut a2 = doc(
        t2,
        &[
            ("Osh", EntityLabel::Loc),
            ("Kyrgyzstan", EntityLabel::Loc),
            ("Paris", EntityLabel::Loc),
            ("Texas", EntityLabel::Loc),
        ],
    );
    l.link(t2, &mut a2);
    let t3 = "Fashion buyers flew to Paris on Sunday.";
    let mut a3 = doc(t3, &[("Paris", EntityLabel::Loc)]);
    l.link(t3, &mut a3);
    assert_eq!(place_of(&l, &a1, 0), Some((1527534, "KG".to_string())));
    assert_eq!(a1.entities[0].entity, a2.entities[0].entity, "one Osh");
    assert_eq!(place_of(&l, &a2, 2), Some((4717560, "US".to_string())));
    assert_eq!(place_of(&l, &a3, 0), Some((2988507, "FR".to_string())));
    assert_ne!(a2.entities[2].entity, a3.entities[0].entity, "two Parises");
    // The knowledge base's country is GeoNames' country: one entity, with
    // its knowledge-base facts and its place.
    let kg = l.index().get(a2.entities[1].entity.as_deref().unwrap()).unwrap();
    assert_eq!((kg.kind, kg.place.as_ref().map(|p| p.geonames)), (Some(EntityKind::Country), Some(1527747)));
    assert!(kg.kb.is_some());
}

#[test]
fn ambiguous_and_unknown_place_names_stay_unplaced() {
    let mut l = Linker::with_embedded_kb();
    let t = "Police in Springfield and in Zorbania said the roads were closed.";
    let mut a = doc(t, &[("Springfield", EntityLabel::Loc), ("Zorbania", EntityLabel::Loc)]);
    l.link(t, &mut a);
    assert_eq!(place_of(&l, &a, 0), None, "several Springfields of similar size");
    assert_eq!(place_of(&l, &a, 1), None);
    // An unplaced Springfield does not join a placed one by name.
    let t2 = "Lawmakers met in Springfield, Illinois.";
    let mut a2 = doc(t2, &[("Springfield", EntityLabel::Loc), ("Illinois", EntityLabel::Loc)]);
    l.link(t2, &mut a2);
    assert_eq!(place_of(&l, &a2, 0), Some((4250542, "US".to_string())));
    assert_ne!(a.entities[0].entity, a2.entities[0].entity);
}

#[test]
fn a_region_phoenix_lists_among_a_countrys_names_is_that_region() {
    let mut l = Linker::with_embedded_kb();
    let t = "Fires spread across Western Australia, and Australia sent troops.";
    let mut a = doc(t, &[("Western Australia", EntityLabel::Loc), ("Australia", EntityLabel::Loc)]);
    l.link(t, &mut a);
    assert_ne!(a.entities[0].entity, a.entities[1].entity);
    assert_eq!(place_of(&l, &a, 0), Some((2058645, "AU".to_string())));
    assert_eq!(place_of(&l, &a, 1).map(|p| p.0), Some(2077456));
}

#[test]
fn acronyms_defined_in_parentheses_are_found_in_one_pass() {
    let text =
        "The Collective Security Treaty Organisation (CSTO) met. Later (in March) the CSTO (again) said so.";
    let defined = parenthesised(text);
    assert_eq!(defined.get("CSTO").map(Vec::len), Some(1));
    assert!(!defined.contains_key("in March"));
    assert_eq!(
        defined_expansion(text, &defined, "CSTO").as_deref(),
        Some("Collective Security Treaty Organisation")
    );
    assert_eq!(defined_expansion(text, &defined, "OSCE"), None);
}

#[test]
fn a_spokeswoman_for_someone_is_not_linked_to_them() {
    let mut l = Linker::with_embedded_kb();
    let t = "A spokeswoman for foreign policy chief Carla Ashdown said the delegation would grow.";
    let mut ann = doc(t, &[("Carla Ashdown", Per)]);
    let mut q = speaker(t, "A spokeswoman for foreign policy chief Carla Ashdown", None);
    q.speaker.as_mut().unwrap().on_behalf_of = Some("Carla Ashdown".into());
    ann.quotes.push(q);
    l.link(t, &mut ann);
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.name, None);
    assert_eq!(sp.entity, None);
    // The spoken-for person is still linked as a mention.
    assert!(ann.entities[0].entity.is_some());
}

/// A quote by `words` whose channel is the last `name` of the text (kind `told`).
fn told(text: &str, words: &str, name: &str) -> Quote {
    let mut q = speaker(text, words, None);
    let p = text.rfind(name).expect("channel name");
    q.via.push(dossier_core::Via {
        kind: dossier_core::ViaKind::Told,
        span: Span::new(p - "told ".len(), p + name.len()),
        name: Some(name.to_string()),
        name_span: Some(Span::new(p, p + name.len())),
        entity: None,
    });
    q
}

#[test]
fn a_channel_takes_the_entity_of_its_mention_or_one_of_its_own() {
    let mut l = Linker::with_embedded_kb();
    // Covered by a mention: the mention's entity.
    let t = "Harbour Weekly reported the strike. Tobias Lind told Harbour Weekly that the port would close.";
    let mut ann = doc(t, &[("Harbour Weekly", Org), ("Tobias Lind", Per), ("Harbour Weekly", Org)]);
    ann.quotes.push(told(t, "Tobias Lind", "Harbour Weekly"));
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].via[0].entity.as_deref(), Some("harbour-weekly"));
    // No mention: the name is linked on its own, through the knowledge
    // base when it knows it (Xinhua, a Chinese agency).
    let t = "Tobias Lind told Xinhua that the port would close.";
    let mut ann = doc(t, &[("Tobias Lind", Per)]);
    ann.quotes.push(told(t, "Tobias Lind", "Xinhua"));
    let links = l.link(t, &mut ann);
    let id = ann.quotes[0].via[0].entity.clone().expect("linked");
    assert!(links.entities.contains(&id), "{links:?}");
    let rec = l.index().get(&id).unwrap();
    assert!(rec.kb.is_some(), "{rec:?}");
    // The same channel in another document is the same entity.
    let t = "Mara Quint told Xinhua the harbour was calm.";
    let mut ann = doc(t, &[("Mara Quint", Per)]);
    ann.quotes.push(told(t, "Mara Quint", "Xinhua"));
    l.link(t, &mut ann);
    assert_eq!(ann.quotes[0].via[0].entity.as_deref(), Some(id.as_str()));
}

#[test]
fn an_unnamed_speaker_is_never_named_after_a_place_a_modifier_or_an_earlier_person() {
    // The quote stage left these speakers unnamed on purpose: the linker
    // must not name them after a mention inside their words.
    let mut l = Linker::with_embedded_kb();
    let t = "Ana Ruiz chairs the board. Lisbon market brokers said prices fell. The Dane said nothing new. \
             An official said the talks stalled. The principal at Hillcrest Academy said classes resume. \
             The Barbican said the show was sold out. The state-run Xinhua News Agency said ten died. \
             Traders at ferry operator Blue Strait Lines said fares rose.";
    let mut ann = doc(
        t,
        &[
            ("Ana Ruiz", Per),
            ("Lisbon", Loc),
            ("Dane", Misc),
            ("Hillcrest Academy", Org),
            ("Barbican", Org),
            ("Xinhua", Org),
            ("Blue Strait Lines", Org),
        ],
    );
    for words in [
        "Lisbon market brokers",
        "The Dane",
        "An official",
        "The principal at Hillcrest Academy",
        "The Barbican",
        "The state-run Xinhua News Agency",
        "Traders at ferry operator Blue Strait Lines",
    ] {
        ann.quotes.push(speaker(t, words, None));
    }
    l.link(t, &mut ann);
    let names: Vec<Option<&str>> =
        ann.quotes.iter().map(|q| q.speaker.as_ref().unwrap().name.as_deref()).collect();
    // A name the tagger cut short still heads the words (`Xinhua | News Agency`).
    assert_eq!(names, [None, None, None, None, Some("Barbican"), Some("Xinhua"), None]);
    assert!(ann.quotes[..4].iter().all(|q| q.speaker.as_ref().unwrap().entity.is_none()));
}

#[test]
fn a_speaker_known_by_a_first_name_is_named_in_full() {
    let mut l = Linker::with_embedded_kb();
    let t = "Priya Vantongeren opened the bakery in May. \"We sold out by noon,\" Priya said.";
    let mut ann = doc(t, &[("Priya Vantongeren", Per), ("Priya", Per)]);
    ann.quotes.push(speaker(t, "Priya", Some("Priya")));
    l.link(t, &mut ann);
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.entity.as_deref(), Some("priya-vantongeren"));
    assert_eq!(sp.name.as_deref(), Some("Priya Vantongeren"));
    assert!(fuller_name("Tabligan", "Roberto Tabligan"));
    assert!(!fuller_name("Roberto Tabligan", "Roberto \"Bobby\" Tabligan"));
    assert!(!fuller_name("Maria", "Mariana Lopez"));
}

#[test]
fn a_paternal_surname_alone_refers_back_to_the_full_name() {
    // Spanish-language news names a person by the first of two surnames.
    let mut l = Linker::with_embedded_kb();
    let t = "The deputy minister, Gustavo Ibarra Solís, met the strikers. \"We will talk,\" Ibarra said.";
    let mut ann = doc(t, &[("Gustavo Ibarra Solís", Per), ("Ibarra", Per)]);
    ann.quotes.push(speaker(t, "Ibarra", Some("Ibarra")));
    l.link(t, &mut ann);
    assert_eq!(ids(&ann), ["gustavo-ibarra-solis"; 2]);
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.name.as_deref(), Some("Gustavo Ibarra Solís"));
    // A particle is no surname.
    let mut l = Linker::with_embedded_kb();
    let t = "Rosa del Campo Ruiz arrived. Later Del spoke, then Campo.";
    let (ids, _) = link(&mut l, t, &[("Rosa del Campo Ruiz", Per), ("Del", Per), ("Campo", Per)]);
    assert_ne!(ids[1], "rosa-del-campo-ruiz");
    assert_eq!(ids[2], "rosa-del-campo-ruiz");
}

#[test]
fn an_organisation_speaking_by_its_defined_acronym_is_named_in_full() {
    let mut l = Linker::with_embedded_kb();
    let t = "The Office for Fiscal Oversight (OFO) published its forecast. The OFO said growth would slow.";
    let mut ann = doc(t, &[("Office for Fiscal Oversight", Org), ("OFO", Org), ("OFO", Org)]);
    ann.quotes.push(speaker(t, "The OFO", Some("OFO")));
    l.link(t, &mut ann);
    let sp = ann.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(sp.name.as_deref(), Some("Office for Fiscal Oversight"));
}

/// Texts written for the planning tests: the same people and places across
/// documents, a bare surname that only context places, a speaker.
fn planning_docs() -> Vec<(&'static str, Annotations)> {
    let t1 = "Marta Kowalczyk-Riel met Oskar Vinter in Tromsø on Monday.";
    let t2 = "Oskar Vinter and Kowalczyk-Riel toured Tromsø. \"We agree,\" Vinter said.";
    let t3 = "In Oslo, Marta Kowalczyk-Riel of the Nordic Council said the ferry would run.";
    let mut d2 = doc(t2, &[("Oskar Vinter", Per), ("Kowalczyk-Riel", Per), ("Tromsø", Loc), ("Vinter", Per)]);
    d2.quotes.push(speaker(t2, "Vinter", Some("Vinter")));
    vec![
        (t1, doc(t1, &[("Marta Kowalczyk-Riel", Per), ("Oskar Vinter", Per), ("Tromsø", Loc)])),
        (t2, d2),
        (t3, doc(t3, &[("Oslo", Loc), ("Marta Kowalczyk-Riel", Per), ("Nordic Council", Org)])),
    ]
}

#[test]
fn documents_planned_on_another_thread_ahead_of_linking_link_as_in_line() {
    let mut in_line = Linker::with_embedded_kb();
    let expected: Vec<(DocLinks, Annotations)> =
        planning_docs().into_iter().map(|(text, mut ann)| (in_line.link(text, &mut ann), ann)).collect();
    // The case links across documents (the full name, then its surname).
    let vinter = |ann: &Annotations| [0, 3].map(|m| ann.entities[m].entity.clone().unwrap_or_default());
    assert_eq!(vinter(&expected[1].1), ["oskar-vinter", "oskar-vinter"]);
    // Every plan is made before the first document is linked, on another
    // thread: a plan must not depend on what linking earlier documents did.
    let mut linker = Linker::with_embedded_kb();
    let planner = linker.planner().clone();
    let docs = planning_docs();
    let plans: Vec<DocPlan> = std::thread::scope(|s| {
        s.spawn(|| docs.iter().map(|(text, ann)| planner.plan(text, ann)).collect()).join().unwrap()
    });
    let got: Vec<(DocLinks, Annotations)> = docs
        .into_iter()
        .zip(plans)
        .map(|((_, mut ann), plan)| (linker.link_planned(plan, &mut ann), ann))
        .collect();
    assert_eq!(got, expected);
}

#[test]
#[should_panic(expected = "a plan made from other annotations")]
fn a_plan_is_refused_for_other_annotations() {
    let mut linker = Linker::with_embedded_kb();
    let mut docs = planning_docs();
    let plan = linker.planner().plan(docs[0].0, &docs[0].1);
    linker.link_planned(plan, &mut docs[1].1);
}
