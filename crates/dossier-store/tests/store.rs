//! End-to-end tests of the store over small hand-made articles whose
//! annotations are built here (the NLP stages are tested in their crate):
//! ingest, idempotence, search, quotes, profiles, timeline, decisions,
//! graph, export, and recovery of an index that lags the database.

use dossier_core::{
    Annotations, DateMention, DateSource, Document, EntityLabel, Format, Mention, Quote, QuoteKind, Span,
    Speaker,
};
use dossier_store::{GraphParams, QuoteParams, SearchParams, Store, StoreError, TimelineParams};

/// The byte span of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let mut from = 0;
    for _ in 0..nth {
        from += text[from..].find(needle).expect(needle) + needle.len();
    }
    let s = from + text[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(s, s + needle.len())
}

/// Builds a document and annotations: sentences split on ". ", mentions
/// given as (surface, occurrence, label, entity id).
struct Article {
    doc: Document,
    ann: Annotations,
}

impl Article {
    fn new(id: &str, title: &str, published: Option<&str>, text: &str) -> Self {
        let mut doc = Document::new(id.into(), format!("{id}.txt"), Format::Text, text.into());
        doc.title = Some(title.into());
        doc.published = published.map(str::to_string);
        doc.site = Some("Steppe Herald".into());
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            sentences.push(Span::new(start, i + 1));
            start = i + 2;
        }
        if start < text.len() {
            sentences.push(Span::new(start, text.len()));
        }
        Article { doc, ann: Annotations { sentences, ..Default::default() } }
    }

    fn mention(mut self, surface: &str, nth: usize, label: EntityLabel, entity: Option<&str>) -> Self {
        let span = find(&self.doc.text, surface, nth);
        self.ann.entities.push(Mention { span, label, entity: entity.map(str::to_string) });
        self.ann.entities.sort_by_key(|m| m.span.start);
        self
    }

    #[allow(clippy::too_many_arguments)]
    fn quote(
        mut self,
        content: &str,
        cue: &str,
        speaker: &str,
        name: Option<&str>,
        entity: Option<&str>,
        date: Option<&str>,
    ) -> Self {
        let text = &self.doc.text;
        self.ann.quotes.push(Quote {
            kind: QuoteKind::Direct,
            span: find(text, content, 0),
            cue: Some(find(text, cue, 0)),
            speaker: Some(Speaker {
                span: find(text, speaker, 0),
                name: name.map(str::to_string),
                entity: entity.map(str::to_string),
                role: None,
                on_behalf_of: None,
                channel: None,
            }),
            confidence: Some(0.9),
            candidates: Vec::new(),
            date: date.map(str::to_string),
            date_source: date.map(|_| DateSource::Text),
            via: Vec::new(),
        });
        self
    }

    fn date(mut self, surface: &str, value: &str) -> Self {
        let span = find(&self.doc.text, surface, 0);
        self.ann.dates.push(DateMention { span, value: value.into() });
        self
    }
}

fn osh() -> Article {
    Article::new(
        "doc-osh",
        "Envoy says inquiry into Osh clashes will take months",
        Some("2010-08-24"),
        "Kimmo Kiljunen met Roza Otunbayeva in Bishkek on Monday. \
         “The inquiry will last throughout September,” Kiljunen said. \
         He added: “Račak must not be repeated in Osh.” Otunbayeva thanked the OSCE.",
    )
    .mention("Kimmo Kiljunen", 0, EntityLabel::Per, Some("kimmo-kiljunen"))
    .mention("Roza Otunbayeva", 0, EntityLabel::Per, Some("roza-otunbayeva"))
    .mention("Bishkek", 0, EntityLabel::Loc, Some("bishkek"))
    .mention("Kiljunen", 1, EntityLabel::Per, Some("kimmo-kiljunen"))
    .mention("Osh", 0, EntityLabel::Loc, Some("osh"))
    .mention("Otunbayeva", 1, EntityLabel::Per, Some("roza-otunbayeva"))
    .mention("OSCE", 0, EntityLabel::Org, Some("osce"))
    .quote(
        "The inquiry will last throughout September,",
        "said",
        "Kiljunen",
        Some("Kimmo Kiljunen"),
        Some("kimmo-kiljunen"),
        None,
    )
    .quote(
        "Račak must not be repeated in Osh.",
        "added",
        "He",
        Some("Kimmo Kiljunen"),
        Some("kimmo-kiljunen"),
        Some("2010-08-23"),
    )
    .date("Monday", "2010-08-23")
}

fn report() -> Article {
    Article::new(
        "doc-report",
        "Commission report delayed",
        Some("2010-12-02"),
        "Otunbayeva said the commission led by Kiljunen would report in December. \
         The OSCE declined to comment.",
    )
    .mention("Otunbayeva", 0, EntityLabel::Per, Some("roza-otunbayeva"))
    .mention("Kiljunen", 0, EntityLabel::Per, Some("kimmo-kiljunen"))
    .mention("OSCE", 0, EntityLabel::Org, Some("osce"))
    .quote(
        "the commission led by Kiljunen would report in December",
        "said",
        "Otunbayeva",
        Some("Roza Otunbayeva"),
        Some("roza-otunbayeva"),
        None,
    )
    .date("December", "2010-12")
}

fn kosovo() -> Article {
    // An unrelated, unlinked article: its speaker has no entity id.
    Article::new(
        "doc-kosovo",
        "Kosovo precedent debated",
        Some("2008-02-18"),
        "Diplomats in Vienna debated the Kosovo precedent. \"It changes nothing,\" a spokeswoman said.",
    )
    .mention("Vienna", 0, EntityLabel::Loc, None)
    .mention("Kosovo", 0, EntityLabel::Loc, Some("kosovo"))
    .quote("It changes nothing,", "said", "a spokeswoman", None, None, None)
}

fn store_with(articles: &[Article]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    {
        let mut w = store.writer().unwrap();
        for a in articles {
            assert!(w.add(&a.doc, &a.ann).unwrap().is_added());
        }
        w.finish().unwrap();
    }
    (dir, store)
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn ingest_is_idempotent_and_counted() {
    let (dir, mut store) = store_with(&[osh(), report()]);
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.mentions, s.quotes, s.dates), (2, 10, 3, 2));
    assert_eq!(s.entities, 5, "kimmo-kiljunen, roza-otunbayeva, bishkek, osh, osce: {s:?}");
    // Adding the same documents again adds nothing.
    let mut w = store.writer().unwrap();
    assert!(!w.add(&osh().doc, &osh().ann).unwrap().is_added());
    w.finish().unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
    assert_eq!(store.stats().unwrap().indexed_documents, 2);
}

#[test]
fn search_ranks_highlights_and_filters() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    let hits = store.search(&SearchParams::new("inquiry")).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "doc-osh");
    let h = &hits[0];
    assert!(!h.highlights.is_empty());
    for [a, b] in &h.highlights {
        assert_eq!(chars(&h.snippet, *a, *b).to_lowercase(), "inquiry");
    }
    // Phrases, fields, boolean, ASCII folding.
    assert_eq!(store.search(&SearchParams::new("\"Kosovo precedent\"")).unwrap()[0].id, "doc-kosovo");
    assert!(store.search(&SearchParams::new("\"precedent Kosovo\"")).unwrap().is_empty());
    assert_eq!(store.search(&SearchParams::new("title:delayed")).unwrap()[0].id, "doc-report");
    assert_eq!(store.search(&SearchParams::new("OSCE -December")).unwrap().len(), 1);
    assert_eq!(store.search(&SearchParams::new("Racak")).unwrap()[0].id, "doc-osh");
    // Filters.
    let mut p = SearchParams::new("*");
    p.from = Some("2010".into());
    assert_eq!(store.search(&p).unwrap().len(), 2);
    p.to = Some("2010-09".into());
    assert_eq!(store.search(&p).unwrap().len(), 1);
    let mut p = SearchParams::new("OSCE");
    p.entity = Some("Kiljunen".into());
    assert_eq!(store.search(&p).unwrap().len(), 2);
    p.entity = Some("kosovo".into());
    assert!(store.search(&p).unwrap().is_empty());
    let mut p = SearchParams::new("*");
    p.site = Some("steppe herald".into());
    assert_eq!(store.search(&p).unwrap().len(), 3);
    // A malformed query is searched as its words, and says so.
    let r = store.search_counted(&SearchParams::new("title:( OSCE")).unwrap();
    assert!(r.notice.as_deref().is_some_and(|n| n.contains("as written")), "{:?}", r.notice);
    // Beyond the limits: an error naming the limit, not a panic.
    let deep = format!("{}OSCE{}", "(".repeat(30), ")".repeat(30));
    assert!(
        matches!(store.search(&SearchParams::new(&deep)), Err(StoreError::Query(m)) if m.contains("deep"))
    );
}

#[test]
fn search_accepts_what_people_type() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    // Each string is a valid query: no error, no notice, words read literally.
    for q in ["Kosovo's", "O'Brien", "Côte d'Ivoire", "Russia to U.S.: Get Real", "http://example.org/a?b=c"]
    {
        let r = store.search_counted(&SearchParams::new(q)).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(r.notice, None, "{q}");
    }
    // `Kosovo's` is the words `Kosovo` `s` next to each other: no match here,
    // while `Kosovo` alone matches.
    assert!(store.search(&SearchParams::new("Kosovo's")).unwrap().is_empty());
    assert_eq!(store.search(&SearchParams::new("Kosovo")).unwrap()[0].id, "doc-kosovo");
    // An unbalanced quote: the words, and a notice.
    let r = store.search_counted(&SearchParams::new("\"Kosovo precedent")).unwrap();
    assert_eq!(r.hits[0].id, "doc-kosovo");
    assert!(r.notice.unwrap().starts_with("unbalanced quote"));
    // OR, exclusion of a phrase, a group, a field with a phrase, site.
    assert_eq!(store.search(&SearchParams::new("Vienna OR inquiry")).unwrap().len(), 2);
    assert!(store.search(&SearchParams::new("Vienna -\"Kosovo precedent\"")).unwrap().is_empty());
    assert_eq!(store.search(&SearchParams::new("(Vienna OR inquiry) -Osh")).unwrap()[0].id, "doc-kosovo");
    assert_eq!(store.search(&SearchParams::new("title:\"precedent debated\"")).unwrap()[0].id, "doc-kosovo");
    assert!(store.search(&SearchParams::new("text:\"precedent debated\"")).unwrap().is_empty());
    // Only exclusions: every other document.
    assert_eq!(store.search(&SearchParams::new("-Vienna")).unwrap().len(), 2);
    // Only punctuation: nothing to look for, nothing found.
    assert!(store.search(&SearchParams::new("?!")).unwrap().is_empty());
}

#[test]
fn quotes_by_speaker_include_pronoun_attributions_and_spans_are_code_points() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    for name in ["kimmo-kiljunen", "Kiljunen", "kimmo kiljunen"] {
        let q = store.quotes(&QuoteParams { speaker: Some(name.into()), ..Default::default() }).unwrap();
        assert_eq!(q.len(), 2, "{name}");
        // In date order: the quote dated by the text (Aug 23) comes first.
        assert_eq!(q[0].text, "Račak must not be repeated in Osh.");
        assert_eq!(q[0].date.as_deref(), Some("2010-08-23"));
        assert_eq!(q[0].speaker.as_ref().unwrap().text, "He");
        assert_eq!(q[1].date_source.as_deref(), Some("document"));
        let text = osh().doc.text;
        assert_eq!(chars(&text, q[0].start, q[0].end), q[0].text);
        assert!(q[0].context.text.starts_with("He added"), "{}", q[0].context.text);
        assert_eq!(chars(&text, q[0].context.start, q[0].context.end), q[0].context.text);
    }
    // About: quotes whose content mentions Kiljunen, by someone else.
    let about = store.quotes(&QuoteParams { about: Some("Kiljunen".into()), ..Default::default() }).unwrap();
    assert_eq!(about.len(), 1);
    assert_eq!(about[0].speaker.as_ref().unwrap().entity.as_ref().unwrap().id, "roza-otunbayeva");
    // Dates.
    let late = store.quotes(&QuoteParams { from: Some("2010-09".into()), ..Default::default() }).unwrap();
    assert_eq!(late.len(), 1);
    // An empty range or an unknown entity is an error, not zero results.
    let err = store
        .quotes(&QuoteParams { from: Some("2011".into()), to: Some("2010-12".into()), ..Default::default() })
        .unwrap_err();
    assert!(err.to_string().contains("later than"), "{err}");
    let err = store.quotes(&QuoteParams { about: Some("Nobody".into()), ..Default::default() }).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let same_day =
        QuoteParams { from: Some("2010-08".into()), to: Some("2010-08".into()), ..Default::default() };
    assert!(store.quotes(&same_day).is_ok());
    // Unlinked speakers are found by their words.
    let q =
        store.quotes(&QuoteParams { speaker: Some("a spokeswoman".into()), ..Default::default() }).unwrap();
    assert_eq!(q.len(), 1);
    assert!(store
        .quotes(&QuoteParams { speaker: Some("Nobody".into()), ..Default::default() })
        .unwrap()
        .is_empty());
}

#[test]
fn entity_profile_gathers_names_counts_dates_and_companions() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    let p = store.entity_profile("Kiljunen", 10).unwrap();
    assert_eq!(p.id, "kimmo-kiljunen");
    assert_eq!(p.name, "Kimmo Kiljunen");
    assert_eq!((p.documents, p.mentions, p.quote_count), (2, 3, 2));
    assert_eq!(p.first_seen.as_deref(), Some("2010-08-24"));
    assert_eq!(p.last_seen.as_deref(), Some("2010-12-02"));
    let names: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Kiljunen") && names.contains(&"Kimmo Kiljunen"), "{names:?}");
    assert_eq!(p.quoted_about.len(), 1);
    // Same sentence: Otunbayeva (osh s1, report s1) and Bishkek (osh s1).
    let top = &p.co_sentence[0];
    assert_eq!((top.entity.id.as_str(), top.count), ("roza-otunbayeva", 2));
    assert!(p.co_sentence.iter().any(|c| c.entity.id == "bishkek" && c.count == 1));
    // Same document: OSCE and Otunbayeva in both.
    assert!(p.co_document.iter().any(|c| c.entity.id == "osce" && c.count == 2));
    assert!(matches!(store.entity_profile("Nobody At All", 5), Err(StoreError::NotFound(_))));
}

#[test]
fn timeline_orders_documents_quotes_and_statements() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    let all = store.timeline(&TimelineParams::default()).unwrap();
    let days: Vec<&str> = all.iter().map(|i| i.day.as_str()).collect();
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted);
    assert_eq!(all[0].doc.id, "doc-kosovo");
    let k = store
        .timeline(&TimelineParams { entity: Some("kimmo-kiljunen".into()), ..Default::default() })
        .unwrap();
    let kinds: Vec<&str> = k.iter().map(|i| i.kind.as_str()).collect();
    assert!(
        kinds.contains(&"statement") && kinds.contains(&"quote") && kinds.contains(&"document"),
        "{kinds:?}"
    );
    assert!(k.iter().all(|i| i.doc.id != "doc-kosovo"));
}

/// The rows of the summary tables, sorted, as text.
fn summary_rows(conn: &rusqlite::Connection) -> Vec<String> {
    let mut out = Vec::new();
    for t in ["totals", "entity_stats", "alias_words", "cooc", "quote_about"] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let vals: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(format!("{t}: {}", vals.join(" ")))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

/// Asserts that the summary tables the writer and the decisions keep
/// current equal what a rebuild from the stored rows gives.
#[track_caller]
fn assert_summaries_consistent(dir: &std::path::Path) {
    let mut conn = rusqlite::Connection::open(dir.join(dossier_store::DB_FILE)).unwrap();
    let kept = summary_rows(&conn);
    assert!(kept.iter().any(|r| r.starts_with("cooc:")), "no co-occurrence rows at all");
    let tx = conn.transaction().unwrap();
    dossier_store::summary::rebuild(&tx).unwrap();
    let rebuilt = summary_rows(&tx);
    tx.rollback().unwrap();
    let missing: Vec<&String> = rebuilt.iter().filter(|r| !kept.contains(r)).collect();
    let extra: Vec<&String> = kept.iter().filter(|r| !rebuilt.contains(r)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:#?}\nextra {extra:#?}");
}

#[test]
fn decisions_merge_split_distinct_and_undo() {
    // Linking gave "Otunbayeva" in the report a separate id.
    let mut r = report();
    for m in &mut r.ann.entities {
        if m.entity.as_deref() == Some("roza-otunbayeva") {
            m.entity = Some("otunbayeva".into());
        }
    }
    let (dir, mut store) = store_with(&[osh(), r]);
    assert_eq!(store.entity_profile("roza-otunbayeva", 5).unwrap().mentions, 2);
    assert_summaries_consistent(dir.path());
    let d = store.merge("roza-otunbayeva", "otunbayeva").unwrap();
    assert_summaries_consistent(dir.path());
    let p = store.entity_profile("otunbayeva", 5).unwrap();
    assert_eq!((p.id.as_str(), p.mentions, p.documents), ("roza-otunbayeva", 3, 2));
    assert_eq!(p.merged, vec!["otunbayeva".to_string()]);
    assert!(store.merge("otunbayeva", "roza-otunbayeva").is_err(), "already merged");
    // A document linked to the merged-away id later still counts under the merge.
    let mut later = Article::new("doc-later", "Later", Some("2011-01-10"), "Otunbayeva spoke again. ")
        .mention("Otunbayeva", 0, EntityLabel::Per, Some("otunbayeva"));
    later.doc.site = None;
    {
        let mut w = store.writer().unwrap();
        w.add(&later.doc, &later.ann).unwrap();
        w.finish().unwrap();
    }
    assert_eq!(store.entity_profile("roza-otunbayeva", 5).unwrap().mentions, 4);
    assert_summaries_consistent(dir.path());
    // Distinct refuses to contradict a merge, and a merge contradicting it.
    assert!(store.distinct("roza-otunbayeva", "otunbayeva").is_err());
    store.undo(d.id).unwrap();
    assert_summaries_consistent(dir.path());
    assert_eq!(store.entity_profile("roza-otunbayeva", 5).unwrap().mentions, 2);
    store.distinct("roza-otunbayeva", "otunbayeva").unwrap();
    let err = store.merge("roza-otunbayeva", "otunbayeva").unwrap_err();
    assert!(err.to_string().contains("distinct"), "{err}");
    // Split: the Kiljunen of the report is someone else.
    let s = store
        .split(
            "kimmo-kiljunen",
            &[dossier_store::decisions::MentionRef { doc: "doc-rep".into(), span: None }],
        )
        .unwrap();
    let new_id = s.b.clone().unwrap();
    assert_summaries_consistent(dir.path());
    assert_eq!(store.entity_profile("kimmo-kiljunen", 5).unwrap().mentions, 2);
    assert_eq!(store.entity_profile(&new_id, 5).unwrap().mentions, 1);
    // Decisions survive reopening; undoing the split restores the mention.
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.decisions().unwrap().len(), 3);
    assert_eq!(store.entity_profile("kimmo-kiljunen", 5).unwrap().mentions, 2);
    store.undo(s.id).unwrap();
    assert_summaries_consistent(dir.path());
    assert_eq!(store.entity_profile("kimmo-kiljunen", 5).unwrap().mentions, 3);
    assert!(store.undo(s.id).is_err(), "undo twice");
}

#[test]
fn a_split_entity_keeps_its_names_and_quotes() {
    let (dir, mut store) = store_with(&[osh(), report()]);
    let speaker = |store: &Store, name: &str| {
        let p = QuoteParams { speaker: Some(name.into()), limit: 0, ..Default::default() };
        store.quotes(&p).unwrap().into_iter().map(|q| q.text).collect::<Vec<_>>()
    };
    let before = speaker(&store, "Otunbayeva");
    assert_eq!(before.len(), 1, "{before:?}");
    // The Otunbayeva quoted in the report is someone else.
    let s = store
        .split(
            "roza-otunbayeva",
            &[dossier_store::decisions::MentionRef { doc: "doc-report".into(), span: None }],
        )
        .unwrap();
    let new_id = s.b.clone().unwrap();
    assert_summaries_consistent(dir.path());
    let p = store.entity_profile(&new_id, 5).unwrap();
    let names: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Otunbayeva"), "the split-off entity keeps its names: {names:?}");
    assert_eq!(p.quote_count, 1);
    // Her quote is found by the name, and by the new entity's id.
    assert_eq!(speaker(&store, "Otunbayeva"), before);
    assert_eq!(speaker(&store, &new_id), before);
    // Undo: the names go with the entity, the quote is hers again.
    store.undo(s.id).unwrap();
    assert_summaries_consistent(dir.path());
    assert_eq!(speaker(&store, "roza-otunbayeva"), before);
}

#[test]
fn distinct_explains_when_both_names_are_one_entity() {
    let (_dir, mut store) = store_with(&[osh(), report()]);
    let err = store.distinct("Otunbayeva", "Roza Otunbayeva").unwrap_err().to_string();
    assert!(err.contains("both name the entity roza-otunbayeva"), "{err}");
    assert!(err.contains("split"), "{err}");
    assert!(!err.contains("undo the merge"), "no merge joined them: {err}");
    let d = store.merge("roza-otunbayeva", "kimmo-kiljunen").unwrap();
    let err = store.distinct("roza-otunbayeva", "kimmo-kiljunen").unwrap_err().to_string();
    assert!(err.contains(&format!("merge decision {}", d.id)), "{err}");
}

#[test]
fn graph_has_cooccurrence_and_quote_edges() {
    let (_d, store) = store_with(&[osh(), report()]);
    let g = store.graph(&GraphParams::default()).unwrap();
    let edge = |a: &str, b: &str, kind: &str| {
        g.edges.iter().find(|e| {
            e.kind == kind && ((e.source == a && e.target == b) || (e.source == b && e.target == a))
        })
    };
    assert_eq!(edge("kimmo-kiljunen", "roza-otunbayeva", "co-occurrence").unwrap().weight, 2);
    let q = g.edges.iter().find(|e| e.kind == "quotes-about" && e.source == "roza-otunbayeva").unwrap();
    assert_eq!((q.target.as_str(), q.weight), ("kimmo-kiljunen", 1));
    assert!(g
        .edges
        .iter()
        .any(|e| e.kind == "quotes-about" && e.source == "kimmo-kiljunen" && e.target == "osh"));
    let heavy = store.graph(&GraphParams { min_weight: 2 }).unwrap();
    assert!(heavy.edges.iter().all(|e| e.weight >= 2));
    assert!(g.to_gexf().contains("<node id=\"kimmo-kiljunen\" label=\"Kimmo Kiljunen\">"));
    assert!(g.to_graphml().contains("<data key=\"kind\">quotes-about</data>"));
    // The node type is the entity type, the NER label a column of its own.
    let kiljunen = g.nodes.iter().find(|n| n.id == "kimmo-kiljunen").unwrap();
    assert_eq!((kiljunen.kind.as_str(), kiljunen.label.as_deref()), ("person", Some("PER")));
    assert!(g
        .to_gexf()
        .contains("<attvalue for=\"type\" value=\"person\"/><attvalue for=\"label\" value=\"PER\"/>"));
    assert!(g.to_graphml().contains("<data key=\"type\">person</data><data key=\"label\">PER</data>"));
}

#[test]
fn export_streams_every_record_and_ftm_entities() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    store
        .export(&mut |r| {
            let v = serde_json::to_value(&r).unwrap();
            *kinds.entry(v["type"].as_str().unwrap().to_string()).or_default() += 1;
            if v["type"] == "mention" {
                let doc = [osh(), report(), kosovo()].into_iter().find(|a| a.doc.id == v["doc"]).unwrap().doc;
                let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
                assert_eq!(chars(&doc.text, s, e), v["text"].as_str().unwrap());
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(kinds["document"], 3);
    assert_eq!(kinds["mention"], 12);
    assert_eq!(kinds["quote"], 4);
    assert_eq!(kinds["entity"], 6);
    let mut ftm = Vec::new();
    store
        .export_ftm(&mut |v| {
            ftm.push(v);
            Ok(())
        })
        .unwrap();
    // For checking against FollowTheMoney's schema by hand
    // (`DOSSIER_FTM_DUMP=FILE cargo test -p dossier-store export`).
    if let Some(path) = std::env::var_os("DOSSIER_FTM_DUMP") {
        let lines: Vec<String> = ftm.iter().map(|v| v.to_string()).collect();
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }
    let person = ftm.iter().find(|v| v["id"] == "dossier-entity-kimmo-kiljunen").unwrap();
    assert_eq!(person["schema"], "Person");
    assert!(ftm.iter().any(|v| v["schema"] == "Organization"));
    let article = ftm.iter().find(|v| v["schema"] == "Article").unwrap();
    assert!(article["properties"]["fileName"][0].is_string());
    let mention =
        ftm.iter().find(|v| v["schema"] == "Mention" && v["properties"]["name"][0] == "Kiljunen").unwrap();
    assert_eq!(mention["properties"]["resolved"][0], "dossier-entity-kimmo-kiljunen");
    // Every FtM value is a list of strings.
    for v in &ftm {
        for (_, vals) in v["properties"].as_object().unwrap() {
            assert!(vals.as_array().unwrap().iter().all(|x| x.is_string()), "{v}");
        }
    }
}

#[test]
fn an_index_behind_the_database_is_caught_up_and_reindex_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::create(dir.path()).unwrap();
        let mut w = store.writer().unwrap();
        w.add(&osh().doc, &osh().ann).unwrap();
        w.add(&report().doc, &report().ann).unwrap();
        // Dropped without `finish`: SQLite has both documents, the index none,
        // as after a crash between the two commits.
        drop(w);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().indexed_documents, 0);
    assert_eq!(store.search(&SearchParams::new("OSCE")).unwrap().len(), 2);
    assert_eq!(store.stats().unwrap().indexed_documents, 2);
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.reindex().unwrap(), 2);
    assert_eq!(store.stats().unwrap().indexed_documents, 2);
    assert_eq!(store.search(&SearchParams::new("OSCE")).unwrap().len(), 2);
}

#[test]
fn stores_from_a_newer_dossier_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::create(dir.path()).unwrap());
    let conn = rusqlite_conn(dir.path());
    conn.execute("UPDATE schema_version SET version = version + 1", []).unwrap();
    drop(conn);
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(matches!(Store::open(&dir.path().join("nothing")), Err(StoreError::NoStore(_))));
}

fn rusqlite_conn(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(dossier_store::DB_FILE)).unwrap()
}

#[test]
fn bad_spans_are_dropped_not_stored_wrong() {
    let mut a = osh();
    a.ann.entities.push(Mention {
        span: Span::new(5, 10_000),
        label: EntityLabel::Per,
        entity: Some("x".into()),
    });
    // Inside the 'č' of Račak: not a char boundary.
    let r = a.doc.text.find("Ra").unwrap();
    a.ann.entities.push(Mention { span: Span::new(r + 3, r + 5), label: EntityLabel::Loc, entity: None });
    let (_d, store) = store_with(&[a]);
    assert_eq!(store.stats().unwrap().mentions, 7);
}

#[test]
fn a_version_1_store_is_migrated_and_keeps_its_documents() {
    // A store written by the schema-1 build (committed fixture, copied so it
    // stays untouched); its full-text index is not committed and is rebuilt.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1/dossier.sqlite");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(dossier_store::DB_FILE)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.migrated_from(), 1);
    let s = store.stats().unwrap();
    assert_eq!((s.schema_version, s.documents, s.quotes), (dossier_store::schema::SCHEMA_VERSION, 1, 1));
    assert_eq!(store.search(&SearchParams::new("inquiry")).unwrap().len(), 1);
    let q = store.quotes(&QuoteParams::default()).unwrap();
    assert!(q[0].text.contains("The inquiry will take months"));
}

#[test]
fn link_state_is_written_with_its_document_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    let mut w = store.writer().unwrap();
    let rec = |data: &str, keys: &[&str]| dossier_store::LinkRecord {
        id: "kimmo-kiljunen".into(),
        data: data.into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
    };
    w.stage_link_record(rec("v1", &["n:kiljunen", "id:kimmo-kiljunen"]));
    // Staged records are visible to the linker before the document is stored.
    assert_eq!(w.link_candidates("n:kiljunen", 32).unwrap(), vec![("kimmo-kiljunen".into(), "v1".into())]);
    w.add(&osh().doc, &osh().ann).unwrap();
    w.stage_link_record(rec("v2", &["n:kimmo kiljunen"]));
    // A duplicate document drops what was staged for it.
    w.add(&osh().doc, &osh().ann).unwrap();
    assert_eq!(w.link_candidates("n:kiljunen", 32).unwrap()[0].1, "v1");
    assert!(w.link_candidates("n:kimmo kiljunen", 32).unwrap().is_empty());
    w.stage_link_record(rec("v3", &["n:kimmo kiljunen"]));
    w.add(&report().doc, &report().ann).unwrap();
    w.finish().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let w = store.writer().unwrap();
    assert_eq!(w.link_candidates("n:kiljunen", 32).unwrap()[0].1, "v3");
    assert_eq!(w.link_candidates("n:kimmo kiljunen", 32).unwrap().len(), 1);
    assert!(w.link_candidates("n:otunbayeva", 32).unwrap().is_empty());
}

#[test]
fn a_version_2_store_is_migrated_with_its_summaries() {
    // Written by the schema-2 build (main at 66d9bc4) with `dossier bench
    // store --name-mentions --into DIR` over the first 8 demo articles
    // (names linked by the benchmark's synthetic linker), then vacuumed.
    // Copied so the fixture stays untouched; its index is rebuilt.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v2/dossier.sqlite");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(dossier_store::DB_FILE)).unwrap();
    // What the old tables say, before the migration.
    let (docs, mentions, quotes, entities, top, top_mentions, top_docs) = {
        let c = rusqlite_conn(dir.path());
        let v: i64 = c.query_row("SELECT version FROM schema_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2);
        let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        let (top, tm): (String, i64) = c
            .query_row(
                "SELECT e.id, count(*) AS n FROM mentions m JOIN entities e ON e.eid = m.entity \
                 GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let td: i64 = c
            .query_row(
                "SELECT count(*) FROM (SELECT doc FROM mentions WHERE entity = (SELECT eid FROM entities WHERE id = ?1) \
                 UNION SELECT doc FROM quotes WHERE sp_entity = (SELECT eid FROM entities WHERE id = ?1))",
                [&top],
                |r| r.get(0),
            )
            .unwrap();
        (
            n("SELECT count(*) FROM documents"),
            n("SELECT count(*) FROM mentions"),
            n("SELECT count(*) FROM quotes"),
            n("SELECT count(*) FROM (SELECT entity FROM mentions WHERE entity IS NOT NULL \
               UNION SELECT sp_entity FROM quotes WHERE sp_entity IS NOT NULL)"),
            top,
            tm,
            td,
        )
    };
    assert!(docs == 8 && mentions > 100 && quotes > 20, "{docs} {mentions} {quotes}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.migrated_from(), 2);
    let s = store.stats().unwrap();
    assert_eq!(s.schema_version, dossier_store::schema::SCHEMA_VERSION);
    assert_eq!((s.documents, s.mentions, s.quotes, s.entities), (docs, mentions, quotes, entities));
    let t = &store.top_entities(1).unwrap()[0];
    assert_eq!((t.entity.id.as_str(), t.mentions, t.documents), (top.as_str(), top_mentions, top_docs));
    let p = store.entity_profile(&top, 5).unwrap();
    assert_eq!((p.mentions, p.documents), (top_mentions, top_docs));
    assert_summaries_consistent(dir.path());
    // The look-up finds it by a prefix of its name.
    let prefix: String = p.name.chars().take(4).collect();
    let found = store.lookup_entities(&prefix, 50, 0).unwrap();
    assert!(found.iter().any(|m| m.entity.id == top), "{prefix:?}: {found:?}");
    // A speaker's quotes, read in index order, are every quote of theirs.
    let c = rusqlite_conn(dir.path());
    let (speaker, n): (String, i64) = c
        .query_row(
            "SELECT e.id, count(*) AS n FROM quotes q JOIN entities e ON e.eid = q.sp_entity \
             GROUP BY q.sp_entity ORDER BY n DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let all = store.quotes(&QuoteParams { speaker: Some(speaker.clone()), ..Default::default() }).unwrap();
    assert!(all.len() as i64 >= n, "{speaker}: {} < {n}", all.len());
}

#[test]
fn a_version_3_store_is_migrated_and_ranks_companions_from_its_indexes() {
    // Written by the schema-3 build (main at 71ded72) with `dossier bench
    // store --queries 1 --into DIR` over the first 8 demo articles (real
    // pipeline: NER and linking), then vacuumed, index folder left out.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v3/dossier.sqlite");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(dossier_store::DB_FILE)).unwrap();
    let index_names = |c: &rusqlite::Connection| -> Vec<String> {
        let mut st =
            c.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cooc'").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let old_rows: i64 = {
        let c = rusqlite_conn(dir.path());
        let v: i64 = c.query_row("SELECT version FROM schema_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 3);
        assert!(index_names(&c).iter().all(|n| n.starts_with("sqlite_autoindex")), "{:?}", index_names(&c));
        c.query_row("SELECT count(*) FROM cooc", [], |r| r.get(0)).unwrap()
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.migrated_from(), 3);
    assert_eq!(store.stats().unwrap().schema_version, dossier_store::schema::SCHEMA_VERSION);
    let c = rusqlite_conn(dir.path());
    // Schema 6: the place columns, empty until linking places an entity.
    let placed: i64 =
        c.query_row("SELECT count(*) FROM entities WHERE geonames IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(placed, 0);
    let names = index_names(&c);
    assert!(
        names.contains(&"cooc_docs".to_string()) && names.contains(&"cooc_sents".to_string()),
        "{names:?}"
    );
    let n: i64 = c.query_row("SELECT count(*) FROM cooc", [], |r| r.get(0)).unwrap();
    assert_eq!(n, old_rows);
    // Every page of every entity's companions equals the full sort of its
    // rows, across the boundary between pairs in several documents (read
    // from the index) and pairs in one (read by entity).
    let ids: Vec<(i64, String, i64)> = {
        let mut st = c
            .prepare(
                "SELECT e.eid, e.id, (SELECT count(*) FROM cooc WHERE a = e.eid AND docs > 1) AS multi \
                 FROM entities e WHERE EXISTS (SELECT 1 FROM cooc WHERE a = e.eid) ORDER BY multi DESC, e.eid",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(
        ids.len() > 50 && ids[0].2 >= 2,
        "{} entities, best has {} multi-document pairs",
        ids.len(),
        ids[0].2
    );
    let full = |eid: i64, col: &str| -> Vec<(String, i64)> {
        let mut st = c
            .prepare(&format!(
                "SELECT e.id, c.{col} FROM cooc c JOIN entities e ON e.eid = c.b WHERE c.a = ?1 AND c.{col} > 0 \
                 ORDER BY c.{col} DESC, c.b"
            ))
            .unwrap();
        st.query_map([eid], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let ids_of = |v: &[dossier_store::Cooccurrence]| -> Vec<(String, i64)> {
        v.iter().map(|x| (x.entity.id.clone(), x.count)).collect()
    };
    let mut crossed = 0;
    for (eid, id, multi) in ids.iter().take(40) {
        let (docs, sents) = (full(*eid, "docs"), full(*eid, "sents"));
        for (limit, offset) in
            [(2, 0), (2, 1), (2, 2), (3, 3), (5, 7), (20, 0), (20, 20), (1000, 0), (5, 100_000)]
        {
            let p = store.entity_profile_page(id, limit, offset).unwrap();
            let want = |v: &[(String, i64)]| v.iter().skip(offset).take(limit).cloned().collect::<Vec<_>>();
            assert_eq!(ids_of(&p.co_document), want(&docs), "{id} documents, limit {limit} offset {offset}");
            assert_eq!(ids_of(&p.co_sentence), want(&sents), "{id} sentences, limit {limit} offset {offset}");
            if (offset as i64) < *multi && (offset + limit) as i64 > *multi && docs.len() > offset + limit {
                crossed += 1;
            }
        }
    }
    assert!(crossed > 0, "no page crossed from multi-document to single-document pairs");
    // The entity facet of a search is the SQL count of linked mentions'
    // documents over its hits (all of them here: fewer than 200).
    for q in ["*", "said", "government", "police OR court"] {
        let mut sp = dossier_store::SearchParams::new(q);
        sp.facets = true;
        sp.limit = 50;
        let r = store.search_counted(&sp).unwrap();
        assert!(!r.hits.is_empty(), "{q}");
        assert_eq!(r.hits.len(), r.total, "{q}: every hit listed");
        let ids = r.hits.iter().map(|h| format!("'{}'", h.id)).collect::<Vec<_>>().join(",");
        let mut st = c
            .prepare(&format!(
                "SELECT e.id, count(DISTINCT m.doc) AS n FROM mentions m JOIN entities e ON e.eid = m.entity \
                 WHERE m.doc IN (SELECT seq FROM documents WHERE id IN ({ids})) \
                 GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT 15"
            ))
            .unwrap();
        let want: Vec<(String, u64)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
        let f = r.facets.unwrap();
        let got: Vec<(String, u64)> = f.entities.iter().map(|e| (e.entity.id.clone(), e.documents)).collect();
        assert_eq!(got, want, "{q}");
        assert_eq!(f.entity_docs, r.total, "{q}");
    }
}

#[test]
fn pages_of_quotes_and_lookups_and_facets_follow_the_hits() {
    let (_d, store) = store_with(&[osh(), report(), kosovo()]);
    // Quote pages tile the full list.
    let all = store.quotes(&QuoteParams::default()).unwrap();
    assert_eq!(all.len(), 4);
    let mut paged = Vec::new();
    for offset in [0, 2, 4] {
        paged.extend(store.quotes(&QuoteParams { limit: 2, offset, ..Default::default() }).unwrap());
    }
    let key = |q: &dossier_store::QuoteHit| (q.doc.id.clone(), q.start);
    assert_eq!(paged.iter().map(key).collect::<Vec<_>>(), all.iter().map(key).collect::<Vec<_>>());
    // About: quotes whose content names the entity, in order.
    let about =
        store.quotes(&QuoteParams { about: Some("kimmo-kiljunen".into()), ..Default::default() }).unwrap();
    assert_eq!(about.len(), 1);
    assert!(about[0].text.contains("led by Kiljunen"));
    // Look-up: id, alias, prefix, word prefix, near spelling.
    let kinds = |q: &str| -> Vec<(String, dossier_store::LookupKind)> {
        store.lookup_entities(q, 10, 0).unwrap().into_iter().map(|m| (m.entity.id, m.matched)).collect()
    };
    use dossier_store::LookupKind as K;
    assert_eq!(kinds("kimmo-kiljunen")[0], ("kimmo-kiljunen".into(), K::Id));
    assert_eq!(kinds("Kiljunen")[0], ("kimmo-kiljunen".into(), K::Alias));
    assert_eq!(kinds("Kimmo Kil")[0], ("kimmo-kiljunen".into(), K::Prefix));
    assert_eq!(kinds("kilj")[0], ("kimmo-kiljunen".into(), K::Prefix));
    assert_eq!(kinds("Kiljunen Kim")[0], ("kimmo-kiljunen".into(), K::Word));
    assert_eq!(kinds("Otunbajeva")[0], ("roza-otunbayeva".into(), K::Fuzzy));
    assert!(kinds("zzzz qqqq").is_empty());
    assert_eq!(store.lookup_entities("o", 1, 0).unwrap().len(), 1, "limit holds");
    // Facets are counted over the query's hits, not the corpus.
    let mut p = SearchParams::new("Kiljunen");
    p.facets = true;
    let r = store.search_counted(&p).unwrap();
    assert_eq!(r.total, 2);
    let f = r.facets.unwrap();
    assert_eq!(f.sites, vec![dossier_store::FacetCount { value: "Steppe Herald".into(), documents: 2 }]);
    let months: Vec<(&str, u64)> = f.months.iter().map(|m| (m.value.as_str(), m.documents)).collect();
    assert_eq!(months, vec![("2010-08", 1), ("2010-12", 1)], "the 2008 Kosovo article does not match");
    assert_eq!((f.first_day.as_deref(), f.last_day.as_deref()), (Some("2010-08-24"), Some("2010-12-02")));
    assert_eq!(f.entity_docs, 2);
    assert!(f.entities.iter().any(|e| e.entity.id == "kimmo-kiljunen" && e.documents == 2));
    assert!(!f.entities.iter().any(|e| e.entity.id == "kosovo"), "not in the hits");
    // Search pages.
    let mut p = SearchParams::new("*");
    p.limit = 1;
    p.offset = 2;
    let r = store.search_counted(&p).unwrap();
    assert_eq!((r.total, r.hits.len()), (3, 1));
    p.offset = 3;
    assert!(store.search_counted(&p).unwrap().hits.is_empty());
}

#[test]
fn cooccurrence_lost_with_a_crashed_writer_is_counted_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::create(dir.path()).unwrap();
        let mut w = store.writer().unwrap();
        w.add(&osh().doc, &osh().ann).unwrap();
        w.add(&report().doc, &report().ann).unwrap();
        drop(w); // no finish: the batch of pairs is lost, as in a crash
    }
    let c = rusqlite_conn(dir.path());
    let n: i64 = c.query_row("SELECT count(*) FROM cooc", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "nothing was written");
    let mut store = Store::open(dir.path()).unwrap();
    store.writer().unwrap().finish().unwrap();
    assert_summaries_consistent(dir.path());
    let p = store.entity_profile("kimmo-kiljunen", 10).unwrap();
    assert!(p.co_document.iter().any(|c| c.entity.id == "osce" && c.count == 2));
}

#[test]
fn a_speaker_name_shared_by_hundreds_of_entities_still_lists_their_quotes_in_order() {
    // More entities than SQLite allows arms in one compound SELECT (500).
    let articles: Vec<Article> = (0..600)
        .map(|i| {
            let day = format!("2010-{:02}-{:02}", 1 + (599 - i) % 12, 1 + i % 28);
            // Every seventh speaker is left unlinked: found by name.
            let id = format!("smith-{i}");
            let id = (i % 7 != 3).then_some(id.as_str());
            Article::new(&format!("doc-{i}"), "Smith speaks", Some(&day), "Smith said the road was closed.")
                .mention("Smith", 0, EntityLabel::Per, id)
                .quote("the road was closed", "said", "Smith", Some("Smith"), id, None)
        })
        .collect();
    let (_d, store) = store_with(&articles);
    let q = store.quotes(&QuoteParams { speaker: Some("Smith".into()), ..Default::default() }).unwrap();
    assert_eq!(q.len(), 600);
    let dates: Vec<_> = q.iter().map(|h| h.date.clone().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "not in date order");
    let page = store
        .quotes(&QuoteParams { speaker: Some("Smith".into()), limit: 10, ..Default::default() })
        .unwrap();
    assert_eq!(page.len(), 10);
    assert_eq!(page[0].date, q[0].date);
    // Any page is that slice of the full list.
    let key = |h: &dossier_store::QuoteHit| (h.doc.id.clone(), h.start);
    for offset in [0, 1, 85, 299, 595] {
        let page = store
            .quotes(&QuoteParams { speaker: Some("Smith".into()), limit: 10, offset, ..Default::default() })
            .unwrap();
        let want: Vec<_> = q.iter().skip(offset).take(10).map(key).collect();
        assert_eq!(page.iter().map(key).collect::<Vec<_>>(), want, "offset {offset}");
    }
}

#[test]
fn decisions_are_refused_while_an_ingest_writes() {
    let (d, mut store) = store_with(&[osh(), report()]);
    let mut other = Store::open(d.path()).unwrap();
    {
        // An ingest holds the writer (here in the same process).
        let _w = other.writer().unwrap();
        let e = store.merge("kimmo-kiljunen", "roza-otunbayeva").unwrap_err();
        assert!(e.to_string().contains("an ingest is running"), "{e}");
        assert!(store.distinct("kimmo-kiljunen", "roza-otunbayeva").is_err());
    }
    // Once it has finished, the same decision is made.
    let dec = store.merge("kimmo-kiljunen", "roza-otunbayeva").unwrap();
    assert!(store.undo(dec.id).is_ok());
}

#[test]
fn quotes_filter_and_count_by_confidence_and_kind() {
    // One of Kiljunen's two quotes attributed with low confidence.
    let mut o = osh();
    o.ann.quotes[1].confidence = Some(0.3);
    let (_d, store) = store_with(&[o, report(), kosovo()]);
    let by = |min: Option<f64>, below: Option<f64>| QuoteParams {
        speaker: Some("Kiljunen".into()),
        min_confidence: min,
        below_confidence: below,
        ..Default::default()
    };
    let sure = store.quotes(&by(Some(0.7), None)).unwrap();
    assert_eq!(sure.len(), 1);
    assert_eq!(sure[0].text, "The inquiry will last throughout September,");
    let unsure = store.quotes(&by(None, Some(0.7))).unwrap();
    assert_eq!(unsure.len(), 1);
    assert_eq!(unsure[0].confidence, Some(0.30000001192092896));
    for p in [by(None, None), by(Some(0.7), None), by(None, Some(0.7))] {
        assert_eq!(store.count_quotes(&p).unwrap() as usize, store.quotes(&p).unwrap().len());
    }
    let all = QuoteParams::default();
    assert_eq!(store.count_quotes(&all).unwrap() as usize, store.quotes(&all).unwrap().len());
    let direct = QuoteParams { kind: Some("direct".into()), ..Default::default() };
    assert_eq!(store.count_quotes(&direct).unwrap(), store.count_quotes(&all).unwrap());
    let indirect = QuoteParams { kind: Some("indirect".into()), ..Default::default() };
    assert_eq!(store.count_quotes(&indirect).unwrap(), 0);
    assert!(store.quotes(&QuoteParams { kind: Some("rumour".into()), ..Default::default() }).is_err());
    assert!(store.quotes(&by(Some(1.5), None)).is_err());
    // The profile lists the less certain quote apart.
    let p = store.entity_profile_filtered("kimmo-kiljunen", 5, 0, Some(0.7)).unwrap();
    assert_eq!((p.quotes.len(), p.less_certain.len(), p.less_certain_count), (1, 1, 1));
    assert_eq!(p.quote_count, 2);
    let p = store.entity_profile("kimmo-kiljunen", 5).unwrap();
    assert_eq!((p.quotes.len(), p.less_certain_count), (2, 0));
}

#[test]
fn decisions_record_who_made_and_undid_them() {
    let (_d, mut store) = store_with(&[osh(), report()]);
    let d = store.merge_by("roza-otunbayeva", "kimmo-kiljunen", "web:desk").unwrap();
    assert_eq!(d.made_by.as_deref(), Some("web:desk"));
    assert!(d.created.len() >= 10);
    let u = store.undo_by(d.id, "web:night").unwrap();
    assert_eq!((u.made_by.as_deref(), u.undone_by.as_deref()), (Some("web:desk"), Some("web:night")));
    assert!(u.undone.is_some());
    let c = store.distinct("roza-otunbayeva", "kimmo-kiljunen").unwrap();
    assert_eq!(c.made_by.as_deref(), Some("cli"));
    assert_eq!(store.decisions().unwrap().len(), 2);
}

#[test]
fn a_message_keeps_its_envelope_and_links_to_its_attachments() {
    let mut msg = Article::new(
        "msg-1",
        "Re: reservoir",
        Some("2008-03-04T10:22:00+01:00"),
        "The reservoir is half empty.",
    );
    msg.doc.format = Format::Email;
    msg.doc.envelope = dossier_core::Envelope {
        to: vec!["Ana Lind <ana@example.org>".into()],
        cc: vec!["<script>alert(1)</script>".into()],
        subject: Some("Re: reservoir".into()),
        message_id: Some("reply-42@example.org".into()),
        in_reply_to: Some("question-41@example.org".into()),
        ..Default::default()
    };
    let mut att = Article::new("att-1", "notes", None, "The dam was built in 1975.");
    att.doc.envelope.parent = Some("msg-1".into());
    att.doc.envelope.filename = Some("notes.txt".into());
    let (_d, store) = store_with(&[msg, att, osh()]);
    let view = store.document("msg-1").unwrap();
    assert_eq!(view.meta.format, "email");
    assert_eq!(view.meta.envelope.in_reply_to.as_deref(), Some("question-41@example.org"));
    assert_eq!(view.meta.envelope.cc, vec!["<script>alert(1)</script>".to_string()]);
    assert_eq!(view.children.len(), 1);
    assert_eq!(view.children[0].id, "att-1");
    assert_eq!(view.children[0].filename.as_deref(), Some("notes.txt"));
    assert!(view.parent_doc.is_none());
    let child = store.document("att-1").unwrap();
    assert_eq!(child.parent_doc.as_ref().map(|p| p.id.as_str()), Some("msg-1"));
    assert_eq!(child.meta.envelope.parent.as_deref(), Some("msg-1"));
    // Documents without an envelope keep empty fields, and the JSON has them.
    let plain = store.document("doc-osh").unwrap();
    let json = serde_json::to_value(&plain).unwrap();
    for key in ["parent", "to", "cc", "subject", "message_id", "in_reply_to", "classification", "references"]
    {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert!(plain.children.is_empty());
    // Search finds the message by its words.
    assert_eq!(store.search(&SearchParams::new("reservoir")).unwrap()[0].id, "msg-1");
    // The same attachment in another message is stored once, listed under both.
    let (_d, mut store) = store_with(&[]);
    let mut w = store.writer().unwrap();
    for (parent, name) in [("msg-1", "notes.txt"), ("msg-2", "copy.txt")] {
        let mut att = Article::new("att-1", "notes", None, "The dam was built in 1975.");
        att.doc.envelope.parent = Some(parent.into());
        att.doc.envelope.filename = Some(name.into());
        w.add(&att.doc, &att.ann).unwrap();
    }
    w.found_in("att-1", "msg-3", None).unwrap();
    w.finish().unwrap();
    for (parent, name) in [("msg-1", Some("notes.txt")), ("msg-2", Some("copy.txt")), ("msg-3", None)] {
        let kids = store.children_of(parent).unwrap();
        assert_eq!(kids.len(), 1, "{parent}");
        assert_eq!((kids[0].id.as_str(), kids[0].filename.as_deref()), ("att-1", name));
    }
    assert_eq!(store.document("att-1").unwrap().meta.envelope.parent.as_deref(), Some("msg-1"));
}

/// The Osh article with a channel on its first quote: `told Radio Azattyk`
/// (linked), and an unnamed one on its second: `in a statement`.
fn osh_with_channels() -> Article {
    let text = "Kimmo Kiljunen met Roza Otunbayeva in Bishkek on Monday. \
         “The inquiry will last throughout September,” Kiljunen told Radio Azattyk. \
         He added in a statement: “Račak must not be repeated in Osh.”";
    let mut a = Article::new("doc-osh-via", "Envoy speaks to the radio", Some("2010-08-24"), text)
        .mention("Kimmo Kiljunen", 0, EntityLabel::Per, Some("kimmo-kiljunen"))
        .mention("Radio Azattyk", 0, EntityLabel::Org, Some("radio-azattyk"))
        .quote(
            "The inquiry will last throughout September,",
            "told",
            "Kiljunen",
            Some("Kimmo Kiljunen"),
            Some("kimmo-kiljunen"),
            None,
        )
        .quote(
            "Račak must not be repeated in Osh.",
            "added",
            "He",
            Some("Kimmo Kiljunen"),
            Some("kimmo-kiljunen"),
            None,
        );
    let told = find(text, "told Radio Azattyk", 0);
    a.ann.quotes[0].via.push(dossier_core::Via {
        kind: dossier_core::ViaKind::Told,
        span: told,
        name: Some("Radio Azattyk".into()),
        name_span: Some(find(text, "Radio Azattyk", 0)),
        entity: Some("radio-azattyk".into()),
    });
    a.ann.quotes[1].via.push(dossier_core::Via {
        kind: dossier_core::ViaKind::Statement,
        span: find(text, "in a statement", 0),
        name: None,
        name_span: None,
        entity: None,
    });
    a
}

#[test]
fn channels_are_stored_with_their_words_entity_and_filter_quotes() {
    let (_d, store) = store_with(&[osh_with_channels(), report()]);
    let all = store.quotes(&QuoteParams::default()).unwrap();
    let q = all.iter().find(|q| q.text.starts_with("The inquiry")).unwrap();
    assert_eq!(q.via.len(), 1);
    let v = &q.via[0];
    assert_eq!(
        (v.kind.as_str(), v.name.as_deref(), v.text.as_str()),
        ("told", Some("Radio Azattyk"), "told Radio Azattyk")
    );
    assert_eq!(v.entity.as_ref().map(|e| e.id.as_str()), Some("radio-azattyk"));
    // Code points, as every span leaving the store.
    let text = store.document("doc-osh-via").unwrap().text;
    assert_eq!(chars(&text, v.start, v.end), "told Radio Azattyk");
    let other = all.iter().find(|q| q.text.starts_with("Račak")).unwrap();
    assert_eq!(other.via[0].kind, "statement");
    assert_eq!(other.via[0].entity, None);
    // The filter: by name, by entity id; a channel nobody used finds nothing.
    for name in ["Radio Azattyk", "radio-azattyk", "radio azattyk"] {
        let by = store.quotes(&QuoteParams { via: Some(name.into()), ..Default::default() }).unwrap();
        assert_eq!(by.len(), 1, "{name}");
        assert!(by[0].text.starts_with("The inquiry"));
        assert_eq!(
            store.count_quotes(&QuoteParams { via: Some(name.into()), ..Default::default() }).unwrap(),
            1
        );
    }
    let none = store.quotes(&QuoteParams { via: Some("Reuters".into()), ..Default::default() }).unwrap();
    assert!(none.is_empty());
    // With a speaker filter too.
    let both = QuoteParams {
        via: Some("Radio Azattyk".into()),
        speaker: Some("Kiljunen".into()),
        ..Default::default()
    };
    assert_eq!(store.quotes(&both).unwrap().len(), 1);
}

/// An article quoting Mayor Hanne Brask (entity `hanne-brask`) saying
/// `words`, after `lead`, with wire credits `wires`.
fn brask(id: &str, day: &str, lead: &str, words: &str, wires: &[&str]) -> Article {
    let text = format!("{lead} “{words}” Hanne Brask said.");
    let mut a = Article::new(id, id, Some(day), &text)
        .mention("Hanne Brask", 0, EntityLabel::Per, Some("hanne-brask"))
        .quote(words, "said", "Hanne Brask", Some("Hanne Brask"), Some("hanne-brask"), None);
    for w in wires {
        let span = find(&text, w, 0);
        a.ann.credits.push(dossier_core::Credit {
            kind: dossier_core::CreditKind::Wire,
            name: w.to_string(),
            span,
        });
    }
    a
}

#[test]
fn one_statement_in_many_documents_counts_its_independent_sources() {
    let said = "The harbour wall will be rebuilt before the winter storms, whatever it costs the city.";
    // A long lead, so the two wire copies are copies (they share it whole).
    let wire_lead =
        "KESSLING (AFP) - The storm that struck the coast on Sunday night tore a gap of forty metres in the \
                     old harbour wall, flooded the fish market and left three trawlers on the quay, the port \
                     authority said on Monday as crews began to clear the debris from the inner basin.";
    let (_d, store) = store_with(&[
        brask("wire-a", "2025-01-06", wire_lead, said, &["AFP"]),
        brask("wire-a-reprint", "2025-01-07", wire_lead, said, &["AFP"]),
        // Another outlet's own article crediting the same agency: still AFP.
        brask("afp-rewrite", "2025-01-07", "Crews cleared the quay (AFP).", said, &["AFP"]),
        // Its own reporter, the same words (a comma dropped): a second source.
        brask(
            "local",
            "2025-01-08",
            "The mayor spoke at the quay.",
            &said.replace(", whatever", " whatever"),
            &[],
        ),
        // The same mayor paraphrased: not the statement.
        brask(
            "paraphrase",
            "2025-01-09",
            "The mayor spoke again.",
            "Whatever the cost, we will rebuild the wall before winter.",
            &[],
        ),
    ]);
    let all =
        store.quotes(&QuoteParams { speaker: Some("hanne-brask".into()), ..Default::default() }).unwrap();
    assert_eq!(all.len(), 5);
    let st = all.iter().find(|q| q.doc.id == "local").and_then(|q| q.statement.clone()).expect("clustered");
    assert_eq!((st.documents, st.independent), (4, 2), "{st:?}");
    assert_eq!(st.first.id, "wire-a");
    let para = all.iter().find(|q| q.doc.id == "paraphrase").unwrap();
    assert_eq!(para.statement, None);
    // The chain: by date, each with its source and the evidence of each link.
    let view = store.statement(&st.id).unwrap();
    let chain: Vec<(&str, usize)> = view.chain.iter().map(|s| (s.doc.id.as_str(), s.source)).collect();
    assert_eq!(chain, [("wire-a", 1), ("wire-a-reprint", 1), ("afp-rewrite", 1), ("local", 2)]);
    assert_eq!(view.chain[0].wire, ["AFP"]);
    assert_eq!(view.chain[1].copy_of.as_deref(), Some("wire-a"));
    // Each member was confirmed against every earlier one: 3 + 2 + 1 pairs.
    assert_eq!(view.links.len(), 6);
    assert!(view.links.iter().all(|l| l.containment >= 0.6 && l.shared >= 3));
    assert_eq!(view.speaker.map(|e| e.id).as_deref(), Some("hanne-brask"));
    assert!(matches!(store.statement("s999999"), Err(StoreError::NotFound(_))));
}

/// An article quoting `speaker` (linked to `entity` when given) saying `words`.
fn says(id: &str, day: &str, speaker: &str, entity: Option<&str>, words: &str) -> Article {
    let text = format!("The council met on Monday. “{words}” {speaker} said.");
    let a = Article::new(id, id, Some(day), &text);
    let a = match entity {
        Some(e) => a.mention(speaker, 0, EntityLabel::Per, Some(e)),
        None => a,
    };
    let name = (!speaker.starts_with(|c: char| c.is_lowercase())).then_some(speaker);
    a.quote(words, "said", speaker, name, entity, None)
}

#[test]
fn unlinked_speakers_are_clustered_by_name_and_merges_join_clusters() {
    let said = "The ferry to the islands will run every day of the year from the first of March.";
    let (_d, mut store) = store_with(&[
        // Two entities the linker kept apart; the analyst merges them below.
        says("a", "2025-03-01", "Ines Morel", Some("ines-morel"), said),
        says("b", "2025-03-02", "Minister Morel", Some("minister-morel"), said),
        // Not linked, but named alike: one speaker by name.
        says("c", "2025-03-03", "Tomas Reyes", None, said),
        says("d", "2025-03-04", "TOMAS REYES", None, said),
        // Not named at all: never clustered.
        says("e", "2025-03-05", "he", None, said),
        says("f", "2025-03-06", "he", None, said),
    ]);
    let statement_of = |store: &Store, doc: &str| {
        let all = store.quotes(&QuoteParams { doc: Some(doc.into()), ..Default::default() }).unwrap();
        all[0].statement.as_ref().map(|s| (s.id.clone(), s.documents))
    };
    assert_eq!(statement_of(&store, "a"), None, "two entities: two speakers");
    let (by_name, n) = statement_of(&store, "c").expect("named alike");
    assert_eq!((statement_of(&store, "d"), n), (Some((by_name.clone(), 2)), 2));
    assert_eq!((statement_of(&store, "e"), statement_of(&store, "f")), (None, None));
    // The analyst's merge joins the two entities' statement.
    let merge = store.merge("ines-morel", "minister-morel").unwrap();
    let (joined, n) = statement_of(&store, "a").expect("joined by the merge");
    assert_eq!((statement_of(&store, "b"), n), (Some((joined.clone(), 2)), 2));
    assert_ne!(joined, by_name, "an entity's statement is not a name's");
    // Undoing it parts them again.
    store.undo(merge.id).unwrap();
    assert_eq!((statement_of(&store, "a"), statement_of(&store, "b")), (None, None));
    assert_eq!(statement_of(&store, "d").map(|s| s.1), Some(2), "the name's cluster is untouched");
}

#[test]
fn a_version_10_store_keeps_its_keys_and_later_quotes_join_them() {
    // A version-10 store had one key table each for copies and statements
    // (no recent tables, no signatures): made here from a current store by
    // merging its recent keys into the large tables and dropping what
    // steps 10 and 11 add.
    let said = "The night trains to the coast will run again from May, and every carriage will have \
        room for bicycles, prams and wheelchairs, because families asked us for that above all.";
    let (dir, store) = store_with(&[says("first", "2025-04-01", "Ines Morel", Some("ines-morel"), said)]);
    drop(store);
    {
        let c = rusqlite_conn(dir.path());
        c.execute_batch(
            "INSERT INTO copy_bands SELECT * FROM copy_bands_recent;
             CREATE TABLE old_keys (key INTEGER NOT NULL, qid INTEGER NOT NULL, PRIMARY KEY (key, qid)) WITHOUT ROWID;
             INSERT INTO old_keys SELECT key, qid FROM statement_keys UNION SELECT key, qid FROM statement_keys_recent;
             DROP TABLE statement_keys; ALTER TABLE old_keys RENAME TO statement_keys;
             DROP TABLE copy_bands_recent; DROP TABLE statement_keys_recent; DROP TABLE key_runs;
             UPDATE schema_version SET version = 10;",
        )
        .unwrap();
        let keys: i64 = c.query_row("SELECT count(*) FROM statement_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(keys, 8, "one quote filed under its sketch");
        let bands: i64 = c.query_row("SELECT count(*) FROM copy_bands", [], |r| r.get(0)).unwrap();
        assert!(bands > 0);
    }
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.migrated_from(), 10);
    assert_eq!(store.stats().unwrap().schema_version, dossier_store::schema::SCHEMA_VERSION);
    // The old bands stay where they were and are read there, the statement
    // keys are filed again with signatures: the same words said again join
    // the first quote, and the same article reprinted is a copy.
    {
        let mut w = store.writer().unwrap();
        let again = says("again", "2025-04-02", "Ines Morel", Some("ines-morel"), said);
        assert!(w.add(&again.doc, &again.ann).unwrap().is_added());
        w.finish().unwrap();
    }
    let all =
        store.quotes(&QuoteParams { speaker: Some("ines-morel".into()), ..Default::default() }).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|q| q.statement.as_ref().map(|s| s.documents) == Some(2)), "{all:?}");
    assert_eq!(store.copies("again").unwrap().documents, 2);
}

#[test]
fn a_version_11_store_is_migrated_and_its_statements_keep_and_find_their_clusters() {
    // Written by the schema-11 build (main at b155732) with `dossier ingest
    // --store DIR -j1` over the first 24 lines of
    // data/eval/statements/dev.jsonl (real pipeline), then vacuumed, index
    // folder left out. Its statement keys have no signatures.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v11/dossier.sqlite");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(dossier_store::DB_FILE)).unwrap();
    type Rows = std::collections::BTreeSet<(i64, i64)>;
    let read = |c: &rusqlite::Connection, sql: &str| -> Rows {
        let mut st = c.prepare(sql).unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let keys_sql = "SELECT key, qid FROM statement_keys UNION ALL SELECT key, qid FROM statement_keys_recent";
    let clusters_sql = "SELECT qid, cluster FROM statement_clusters";
    let (old_keys, old_clusters) = {
        let c = rusqlite_conn(dir.path());
        let v: i64 = c.query_row("SELECT version FROM schema_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 11);
        let has_sig: i64 = c
            .query_row(
                "SELECT count(*) FROM pragma_table_info('statement_keys_recent') WHERE name = 'sig'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_sig, 0);
        (read(&c, keys_sql), read(&c, clusters_sql))
    };
    assert!(old_keys.len() > 500 && old_clusters.len() > 20, "{} {}", old_keys.len(), old_clusters.len());
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.migrated_from(), 11);
    assert_eq!(store.stats().unwrap().schema_version, dossier_store::schema::SCHEMA_VERSION);
    // The same clusters, every quote filed under the same keys, each key row
    // with its quote's signature.
    let c = rusqlite_conn(dir.path());
    assert_eq!(read(&c, keys_sql), old_keys);
    assert_eq!(read(&c, clusters_sql), old_clusters);
    let mut st = c
        .prepare(
            "SELECT k.sig, p.hashes FROM (SELECT qid, sig FROM statement_keys UNION ALL \
             SELECT qid, sig FROM statement_keys_recent) k JOIN statement_prints p ON p.qid = k.qid",
        )
        .unwrap();
    let rows: Vec<(i64, Vec<u8>)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), old_keys.len());
    for (sig, hashes) in &rows {
        let pairs: Vec<u64> =
            hashes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap())).collect();
        assert_eq!(*sig as u64, dossier_store::statements::signature::signature(&pairs));
    }
    // Each stored statement said again by its speaker joins its cluster
    // (a quote alone until now starts one with the new quote).
    let printed: Vec<(i64, String, String, String)> = {
        let mut st = c
            .prepare(
                "SELECT q.qid, e.id, d.text, q.start || ':' || q.end FROM statement_prints p \
                 JOIN quotes q ON q.qid = p.qid JOIN entities e ON e.eid = q.sp_entity \
                 JOIN documents d ON d.seq = q.doc ORDER BY q.qid",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(printed.len() > 100, "{}", printed.len());
    {
        let mut w = store.writer().unwrap();
        for (i, (_, entity, text, span)) in printed.iter().enumerate() {
            let (s, e) = span.split_once(':').unwrap();
            let words = &text[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()];
            let again = says(&format!("again-{i}"), "2026-01-01", "Speaker Again", Some(entity), words);
            assert!(w.add(&again.doc, &again.ann).unwrap().is_added());
        }
        w.finish().unwrap();
    }
    let cluster_of = |qid: i64| -> Option<i64> {
        c.query_row("SELECT cluster FROM statement_clusters WHERE qid = ?1", [qid], |r| r.get(0)).ok()
    };
    for (i, (qid, ..)) in printed.iter().enumerate() {
        let again: i64 = c
            .query_row(
                "SELECT q.qid FROM quotes q JOIN documents d ON d.seq = q.doc WHERE d.id = ?1",
                [format!("again-{i}")],
                |r| r.get(0),
            )
            .unwrap();
        assert!(cluster_of(*qid).is_some() && cluster_of(*qid) == cluster_of(again), "quote {qid}");
    }
    // Quotes clustered before still share a cluster.
    for (qid, cluster) in &old_clusters {
        assert_eq!(cluster_of(*qid), cluster_of(*cluster), "quote {qid}");
    }
}
