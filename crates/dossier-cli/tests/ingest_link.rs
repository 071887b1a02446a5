//! Cross-document linking at ingest, end to end on real files: two articles
//! written for these tests (`tests/fixtures/articles`, on the topics of the
//! seed articles but in words of their own) ingested in two separate runs
//! must land the same actor on one entity, quote speakers must be found by
//! surname in every document (including where the text says "he"), and the
//! analyst's merge and distinct decisions must hold for documents ingested
//! after them. The short articles the decisions are tested with are written
//! here (held out: no rule was shaped on them).

mod util;

use util::{dossier, fixture, json_lines, TempDir};

const ENVOY_SEED: &str = "articles/envoy.txt";
const POLICE_SEED: &str = "articles/police.txt";

/// A new article that names the envoy by surname only, among the actors of
/// the seed articles.
const FOLLOW_UP: &str = "OSCE envoy urges calm in Osh\n\nKiljunen said on Tuesday that the OSCE would send \
advisers to Osh. The violence in Kyrgyzstan had calmed, he added, but Bishkek must act.\n";
/// Another Kiljunen, in another world.
const SKIER: &str =
    "Kiljunen wins in Lahti\n\nKiljunen won the ski jumping event in Lahti on Sunday. The crowd \
cheered as Kiljunen landed.\n";

fn seed(rel: &str) -> String {
    fixture(rel)
}

fn ingest(store: &str, path: &str) {
    let run = dossier(&["--store", store, "ingest", path, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_lines(&run.stdout)[0]["added"], 1, "{}", run.stdout);
}

fn profile(store: &str, name: &str) -> serde_json::Value {
    let run = dossier(&["--store", store, "entity", name, "--json"]);
    assert_eq!(run.code, 0, "entity {name}: {}", run.stderr);
    json_lines(&run.stdout).remove(0)
}

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    let p = dir.path(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn two_runs_link_one_actor_and_find_his_quotes_by_surname() {
    let dir = TempDir::new();
    let store = dir.path("store");
    ingest(&store, &seed(ENVOY_SEED));
    ingest(&store, &seed(POLICE_SEED));

    let p = profile(&store, "Kiljunen");
    assert_eq!(p["id"], "kimmo-kiljunen");
    assert_eq!(p["documents"], 2, "{p}");
    assert_eq!(p["kind"], "person");
    // Other actors of both articles meet too.
    let osce = profile(&store, "OSCE");
    assert_eq!(osce["id"], "osce");
    assert_eq!(osce["documents"], 2, "{osce}");
    assert!(osce["facts"]["kb"]["name"].as_str().is_some_and(|n| n.contains("Security")), "{osce}");
    // A knowledge-base name finds the actor although the text spells it
    // another way (`Otunbaeva`).
    let roza = profile(&store, "Otunbayeva");
    assert_eq!(roza["id"], "roza-otunbayeva");

    let run = dossier(&["--store", &store, "quotes", "--speaker", "Kiljunen", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let qs = json_lines(&run.stdout);
    let docs: std::collections::HashSet<&str> = qs.iter().map(|q| q["doc"]["id"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 2, "quotes by Kiljunen in both articles: {qs:#?}");
    for q in &qs {
        assert_eq!(q["speaker"]["entity"]["id"], "kimmo-kiljunen", "{q}");
    }
    let pronoun_docs: std::collections::HashSet<&str> = qs
        .iter()
        .filter(|q| q["speaker"]["text"].as_str().is_some_and(|t| t.eq_ignore_ascii_case("he")))
        .map(|q| q["doc"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(pronoun_docs.len(), 2, "quotes where the text says \"he\", in both articles: {qs:#?}");

    // A third run: an article naming him by surname only joins him.
    ingest(&store, &write(&dir, "follow-up.txt", FOLLOW_UP));
    assert_eq!(profile(&store, "kimmo-kiljunen")["documents"], 3);
    // Re-ingesting everything adds nothing.
    let again = dossier(&["--store", &store, "ingest", &seed(ENVOY_SEED), &seed(POLICE_SEED), "--json"]);
    assert_eq!(json_lines(&again.stdout)[0]["added"], 0);
    assert_eq!(profile(&store, "kimmo-kiljunen")["documents"], 3);
}

#[test]
fn a_distinct_decision_keeps_a_new_article_apart() {
    for decided in [false, true] {
        let dir = TempDir::new();
        let store = dir.path("store");
        ingest(&store, &seed(ENVOY_SEED));
        ingest(&store, &write(&dir, "skier.txt", SKIER));
        // The skier is not the envoy: no shared context.
        let skier = profile(&store, "kimmo-kiljunen");
        assert_eq!(skier["documents"], 1);
        if decided {
            let run = dossier(&["--store", &store, "distinct", "kimmo-kiljunen", "kiljunen"]);
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
        ingest(&store, &write(&dir, "follow-up.txt", FOLLOW_UP));
        let docs = profile(&store, "kimmo-kiljunen")["documents"].as_u64().unwrap();
        // Without the decision the surname joins the envoy; with it, not.
        assert_eq!(docs, if decided { 1 } else { 2 }, "decided: {decided}");
    }
}

#[test]
fn a_merge_holds_for_articles_ingested_after_it() {
    let dir = TempDir::new();
    let store = dir.path("store");
    ingest(&store, &seed(ENVOY_SEED));
    // The article spells its author two ways, which linking keeps apart.
    let pyotr = profile(&store, "pyotr-iskenderov");
    let petr = profile(&store, "petr-iskenderov");
    assert_ne!(pyotr["id"], petr["id"]);
    let run = dossier(&["--store", &store, "merge", "pyotr-iskenderov", "petr-iskenderov"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        "Iskenderov on the Balkans\n\nPetr Iskenderov, a senior researcher at the Institute for Slavic \
                Studies in Moscow, wrote a new study of the Balkans.\n";
    ingest(&store, &write(&dir, "isk.txt", text));
    let p = profile(&store, "Petr Iskenderov");
    assert_eq!(p["id"], "pyotr-iskenderov", "{p}");
    assert_eq!(p["documents"], 2, "{p}");
    assert!(p["merged"].as_array().unwrap().iter().any(|m| m == "petr-iskenderov"), "{p}");
}
