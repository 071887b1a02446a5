//! Places through the binary: `dossier entities` gives place entities their
//! GeoNames place (country, region, coordinates) on texts written for this
//! test, and `dossier eval places` holds its measured accuracy on the
//! held-out sentences of `data/eval/places-heldout.jsonl`.

mod util;

use util::{dossier, json_lines, shared_data, TempDir};

fn place_of<'a>(ents: &'a [serde_json::Value], name: &str) -> Vec<&'a serde_json::Value> {
    ents.iter().filter(|e| e["name"] == name).map(|e| &e["place"]).collect()
}

#[test]
fn entities_carry_their_place_and_merge_by_geonames_id() {
    let dir = TempDir::new();
    let a = dir.path("a.txt");
    let b = dir.path("b.txt");
    std::fs::write(
        &a,
        "Traders in Osh closed their stalls on Monday. Kyrgyzstan's government sent police from Bishkek.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "A rodeo in Paris, Texas, drew a record crowd. Officials in Osh, Kyrgyzstan, sent greetings.\n",
    )
    .unwrap();
    let run = dossier(&["entities", "--json", &a, &b]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ents = json_lines(&run.stdout);
    // One Osh across both documents, the city in Kyrgyzstan.
    let osh = place_of(&ents, "Osh");
    assert_eq!(osh.len(), 1, "{ents:?}");
    assert_eq!(osh[0]["geonames"], 1527534);
    assert_eq!(osh[0]["kind"], "city");
    assert_eq!(osh[0]["country"], "KG");
    let lat = osh[0]["lat"].as_f64().unwrap();
    assert!((lat - 40.53).abs() < 0.01, "{lat}");
    // The knowledge base's Kyrgyzstan is GeoNames' Kyrgyzstan: one entity.
    let kg: Vec<&serde_json::Value> = ents.iter().filter(|e| e["place"]["geonames"] == 1527747).collect();
    assert_eq!(kg.len(), 1, "{ents:?}");
    assert_eq!(kg[0]["type"], "country");
    assert!(kg[0]["kb"].is_object(), "{:?}", kg[0]);
    // `Paris, Texas` is the town in Texas.
    let paris = place_of(&ents, "Paris");
    assert_eq!(paris.len(), 1);
    assert_eq!((paris[0]["geonames"].as_u64(), paris[0]["region"].as_str()), (Some(4717560), Some("Texas")));
    // The table form says it in words.
    let table = dossier(&["entities", &a]);
    assert!(table.stdout.contains("city in Kyrgyzstan"), "{}", table.stdout);
}

/// Measured with `dossier eval places --gold data/eval/places-heldout.jsonl
/// --json`, run once when the rules were set (they were chosen on GUM):
/// 92 of 103 names decided right, 86 of 91 placements right.
const MEASURED: (f64, f64) = (0.893, 0.945);
/// How far below the measured figures a score may fall.
const MARGIN: f64 = 0.02;

#[test]
fn place_linking_holds_on_the_held_out_sentences() {
    // The set is in the repository; the gazetteer is embedded: nothing to skip.
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/eval/places-heldout.jsonl");
    let run = dossier(&["eval", "places", "--json", "--gold", gold]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON scores");
    assert_eq!(v["names"], 103);
    let (acc, prec) = (v["accuracy"].as_f64().unwrap(), v["precision"].as_f64().unwrap());
    assert!(acc >= MEASURED.0 - MARGIN, "accuracy {acc:.3}");
    assert!(prec >= MEASURED.1 - MARGIN, "precision {prec:.3}");
}

#[test]
fn the_gazetteer_build_is_deterministic_and_matches_the_committed_table() {
    let Some(geo) = shared_data("data/kb/geonames") else { return };
    let dir = TempDir::new();
    let out = dir.path("places.bin");
    let run = dossier(&["build", "gazetteer", "--geonames", geo.to_str().unwrap(), "--out", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = std::fs::read(&out).unwrap();
    let committed =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../dossier-link/data/places.bin")).unwrap();
    assert!(built == committed, "the committed table is not what `dossier build gazetteer` writes");
}
