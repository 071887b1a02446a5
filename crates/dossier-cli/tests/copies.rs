//! Copies through the binary: `dossier eval copies` holds its measured
//! pair precision and recall on both halves of the syndication corpus
//! (`data/eval/copies`), and `dossier copies` / `search --collapse-copies`
//! show a reprint with its origin on texts written for this test.

mod util;

use util::{dossier, TempDir};

fn eval(split: &str) -> serde_json::Value {
    let gold = format!("{}/../../data/eval/copies/{split}.jsonl", env!("CARGO_MANIFEST_DIR"));
    let run = dossier(&["eval", "copies", "--gold", &gold, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(run.stdout.trim()).unwrap()
}

/// Goals of issue #20: precision at least 0.97, recall at least 0.95, on
/// the dev half (thresholds chosen there) and the test half (scored once).
#[test]
fn copies_are_found_on_both_halves_of_the_syndication_corpus() {
    for split in ["dev", "test"] {
        let s = eval(split);
        let (p, r) = (s["precision"].as_f64().unwrap(), s["recall"].as_f64().unwrap());
        assert!(p >= 0.97 && r >= 0.95, "{split}: precision {p}, recall {r}");
        assert!(s["gold_pairs"].as_u64().unwrap() > 150, "{split}: {s}");
    }
}

const STORY: &str = "The regional water board voted on Thursday to ration irrigation water for the coming \
season, after the driest winter recorded in the valley for forty years. Farmers will receive a little \
over half of their usual allocation, and the board will review the limits every month until the \
reservoirs recover. Growers' groups said the cut would hit orchards hardest, because young trees cannot \
survive a summer without water, and asked for emergency loans to buy water from neighbouring districts.";

#[test]
fn a_reprint_shows_its_origin_and_collapses_in_search() {
    let dir = TempDir::new();
    let docs = dir.path("docs.jsonl");
    let lines = [
        serde_json::json!({"id": "wire", "site": "Wire", "published": "2024-03-07", "title": "Water rationed", "text": STORY}),
        serde_json::json!({"id": "reprint", "site": "Courier", "published": "2024-03-08", "title": "Drought cuts",
            "text": format!("Home | News\n\nDrought hits the valley.\n\n{STORY}\n\nAll rights reserved.")}),
        serde_json::json!({"id": "other", "site": "Post", "published": "2024-03-07", "title": "Orchards fear for trees",
            "text": "Orchard owners in the valley fear for their young trees after the water board cut irrigation by \
                     nearly half on Thursday, and some say they may leave land unplanted this year unless \
                     ministers lend them money to buy water elsewhere."}),
    ];
    std::fs::write(&docs, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    let store = dir.path("store");
    assert_eq!(dossier(&["--store", &store, "ingest", &docs]).code, 0);
    let run = dossier(&["--store", &store, "search", "water", "--json"]);
    let hits: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 3, "{}", run.stdout);
    let reprint = hits.iter().find(|h| h["doc"]["title"] == "Drought cuts").unwrap();
    assert_eq!(reprint["copies"], 2);
    let run = dossier(&["--store", &store, "search", "water", "--json", "--collapse-copies"]);
    let collapsed: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(collapsed.len(), 2, "{}", run.stdout);
    let id = reprint["id"].as_str().unwrap();
    let run = dossier(&["--store", &store, "copies", id, "--json"]);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(v["documents"], 2);
    assert_eq!(v["origin"]["site"], "Wire");
    assert!(v["pairs"][0]["containment"].as_f64().unwrap() > 0.9, "{v}");
    let run = dossier(&["--store", &store, "copies", id]);
    assert!(run.stdout.contains("first: Wire"), "{}", run.stdout);
}
