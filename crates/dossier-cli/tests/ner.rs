//! End-to-end tests of the NER commands: `tag --format conll` keeps the
//! file's layout, `eval ner` scores with conlleval semantics, and the
//! shipped model holds its measured CoNLL-2003 dev score.

mod util;

use util::{dossier, shared_data, TempDir};

/// Entity F1 of the shipped model on CoNLL-2003 dev when it was trained
/// (`dossier eval ner --gold ../shared/data/ner/conll2003/dev.conll`).
const MEASURED_DEV_F1: f64 = 94.13;

/// Entity F1 on the held-out news sample written for the project
/// (`crates/dossier-nlp/tests/data/news-heldout.conll`, not in `../shared`).
const MEASURED_HELDOUT_F1: f64 = 95.93;

/// Entity F1 on the second held-out sample, news on other topics
/// (`crates/dossier-nlp/tests/data/news-heldout-world.conll`); 91.36
/// before the averaged runs of format 4's third training (one name more
/// found, `VW`, one typed as a place, the team `Orlando City`); 90.80
/// before issue 15's seventh pass joined a name over a particle (`Luiz
/// Inacio Lula da Silva`).
const MEASURED_HELDOUT_WORLD_F1: f64 = 92.59;

/// Entity F1 on the third held-out sample (written by another engineer,
/// used for development since it was scored), on the fourth, scored once
/// untouched when the rules after decoding of issue 15's sixth pass were
/// final (77.12 with the rules before them; 79.77 since the seventh pass's
/// `Ministry of Road Transport and Highways`), and on the fifth, scored
/// once untouched when the seventh pass's rules were final (74.86, the
/// same as main's binary before them). The fourth is 80.28 since issue
/// 15's fourteenth pass (`Motor Vehicles Act`).
const MEASURED_HELDOUT_3_F1: f64 = 85.19;
const MEASURED_HELDOUT_4_F1: f64 = 80.28;
const MEASURED_HELDOUT_5_F1: f64 = 74.86;

/// Entity F1 on the sixth to twelfth held-out samples, each written by a
/// helper who never ran dossier on it and scored untouched when a pass's
/// rules were frozen (docs/quality.md has their histories); the sixth to
/// tenth have been development material since the pass after, the eleventh
/// is untouched (2026-12-07, issue 15's thirteenth pass, main's weights;
/// 76.12 again with the fourteenth quotes pass's span rules in roles.rs,
/// which raised the seventh, eighth and tenth); the twelfth untouched at
/// issue 15's fourteenth pass (74.55 with main's binary and with that
/// pass's, 2026-12-07), whose law rule raised the tenth (`Private Securities
/// Litigation Reform Act of 1995`, `Cybersecurity and Cybercrime Act`).
const MEASURED_HELDOUT_6_TO_12_F1: [(&str, f64); 7] = [
    ("news-heldout-6.conll", 80.08),
    ("news-heldout-7.conll", 83.53),
    ("news-heldout-8.conll", 75.70),
    ("news-heldout-9.conll", 81.79),
    ("news-heldout-10.conll", 76.92),
    ("news-heldout-11.conll", 76.12),
    ("news-heldout-12.conll", 74.55),
];

/// Entity F1 (PER, ORG, LOC) on Universal NER English-EWT test, web text;
/// only its dev split is training data.
const MEASURED_UNER_TEST_F1: f64 = 67.29;

fn fb1(report: &str) -> f64 {
    let line = report.lines().find(|l| l.starts_with("accuracy:")).expect("overall line");
    line.rsplit("FB1:").next().unwrap().trim().parse().expect("FB1 value")
}

#[test]
fn shipped_model_holds_its_dev_score() {
    let Some(dev) = shared_data("data/ner/conll2003/dev.conll") else { return };
    let run = dossier(&["eval", "ner", "--gold", dev.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = fb1(&run.stdout);
    assert!(f >= MEASURED_DEV_F1 - 0.5, "dev F1 {f} fell below {} - 0.5:\n{}", MEASURED_DEV_F1, run.stdout);
    for ty in ["PER", "ORG", "LOC", "MISC"] {
        assert!(run.stdout.contains(&format!("{ty:>17}: precision")), "{}", run.stdout);
    }
}

#[test]
fn shipped_model_holds_its_held_out_scores() {
    for (file, measured) in [
        ("news-heldout.conll", MEASURED_HELDOUT_F1),
        ("news-heldout-world.conll", MEASURED_HELDOUT_WORLD_F1),
        ("news-heldout-3.conll", MEASURED_HELDOUT_3_F1),
        ("news-heldout-4.conll", MEASURED_HELDOUT_4_F1),
        ("news-heldout-5.conll", MEASURED_HELDOUT_5_F1),
    ]
    .into_iter()
    .chain(MEASURED_HELDOUT_6_TO_12_F1)
    {
        let gold = format!("{}/../dossier-nlp/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let run = dossier(&["eval", "ner", "--gold", &gold]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let f = fb1(&run.stdout);
        assert!(f >= measured - 0.5, "{file}: F1 {f} fell below {measured} - 0.5:\n{}", run.stdout);
    }
}

#[test]
fn shipped_model_holds_its_web_text_score() {
    let Some(gold) = shared_data("data/ner/uner-ewt/test.iob2") else { return };
    let run = dossier(&["eval", "ner", "--gold", gold.to_str().unwrap(), "--types", "PER,ORG,LOC"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = fb1(&run.stdout);
    assert!(f >= MEASURED_UNER_TEST_F1 - 0.5, "UNER test F1 {f} fell below {MEASURED_UNER_TEST_F1} - 0.5");
}

#[test]
fn tag_keeps_the_layout_and_writes_iob2() {
    let dir = TempDir::new();
    let path = dir.path("in.conll");
    std::fs::write(
        &path,
        "-DOCSTART- -X- O O\n\nRoza NNP\nOtunbaeva NNP\nvisited VBD\nMoscow NNP\n. .\n\nThe DT\nEU NNP\nagreed VBD\n",
    )
    .unwrap();
    let run = dossier(&["tag", "--format", "conll", path.as_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "-DOCSTART- -X- O O\n\nRoza\tB-PER\nOtunbaeva\tI-PER\nvisited\tO\nMoscow\tB-LOC\n.\tO\n\nThe\tO\nEU\tB-ORG\nagreed\tO\n"
    );
}

#[test]
fn eval_reads_iob1_gold_and_scores_exact_spans() {
    let dir = TempDir::new();
    let path = dir.path("gold.conll");
    // IOB1 gold: "Roza Otunbaeva" PER, "Moscow" LOC, and "Kyrgyz" wrongly marked ORG.
    std::fs::write(
        &path,
        "-DOCSTART- -X- O O\n\nRoza NNP I-NP I-PER\nOtunbaeva NNP I-NP I-PER\nleft VBD I-VP O\nMoscow NNP I-NP I-LOC\n. . O O\n\nKyrgyz JJ I-NP I-ORG\ntroops NNS I-NP O\n",
    )
    .unwrap();
    let run = dossier(&["eval", "ner", "--gold", path.as_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Three gold names (IOB1 read as conlleval does); the model gets the
    // person and the city, and whatever it makes of "Kyrgyz" is not ORG.
    assert!(
        run.stdout.contains("processed 7 tokens with 3 phrases; found: 3 phrases; correct: 2."),
        "{}",
        run.stdout
    );
    // Scoring one type ignores the others on both sides.
    let run = dossier(&["eval", "ner", "--gold", path.as_str(), "--types", "PER"]);
    assert!(run.stdout.contains("with 1 phrases; found: 1 phrases; correct: 1."), "{}", run.stdout);
}

#[test]
fn a_bad_model_file_is_an_error_not_a_panic() {
    let dir = TempDir::new();
    let model = dir.path("bad.bin");
    std::fs::write(&model, b"not a model").unwrap();
    let run = dossier(&["tag", "--model", model.as_str(), "--format", "conll", model.as_str()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a dossier NER model"), "{}", run.stderr);
}

#[test]
fn train_ner_cross_validates_and_builds_places() {
    let dir = TempDir::new();
    let path = dir.path("tiny.conll");
    let mut text = String::new();
    for (a, b) in [("Anna", "Paris"), ("Peter", "Berlin"), ("Maria", "Rome"), ("Omar", "Cairo")] {
        text.push_str(&format!(
            "-DOCSTART- -X- O O\n\n{a} NNP I-NP I-PER\nvisited VBD I-VP O\n{b} NNP I-NP I-LOC\n. . O O\n\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let none = ["--lexicon", "none", "--phoenix", "none", "--places", "none", "--orgs", "none"];
    let folds = dir.path("folds");
    std::fs::create_dir(folds.as_str()).unwrap();
    let mut args = vec!["train", "ner", "--train", path.as_str(), "--cv", "2", "--epochs", "2"];
    args.extend(["--cv-models", folds.as_str(), "--cv-prune", "0,1000000"]);
    args.extend(none);
    let run = dossier(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().filter(|l| l.starts_with("fold ")).count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("cv 2 folds: F1 mean"), "{}", run.stdout);
    // Each fold model is also scored pruned: at 0 it is the model itself;
    // past every weight no row of weights is left.
    let summary = |prefix: &str| {
        let line =
            run.stdout.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{}", run.stdout));
        line[prefix.len()..].to_string()
    };
    assert_eq!(summary("cv 2 folds, pruned at 0: "), summary("cv 2 folds: "));
    let emptied = run.stdout.lines().filter(|l| l.starts_with("  pruned at 1000000: F1")).collect::<Vec<_>>();
    assert_eq!(emptied.len(), 2, "{}", run.stdout);
    assert!(emptied.iter().all(|l| l.ends_with("rows per stage [0, 0]")), "{}", run.stdout);
    // Each fold's model is written and tags.
    for n in [1, 2] {
        let model = dir.path(&format!("folds/fold-{n}.bin"));
        let run = dossier(&["tag", "--model", model.as_str(), "--format", "conll", path.as_str()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    // More folds than documents is an error, not a panic.
    let mut args = vec!["train", "ner", "--train", path.as_str(), "--cv", "9"];
    args.extend(none);
    let run = dossier(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--cv needs"), "{}", run.stderr);
    // The place table is built from GeoNames, deterministically.
    let Some(geo) = shared_data("data/kb/geonames") else { return };
    let (a, b) = (dir.path("a.tsv"), dir.path("b.tsv"));
    for out in [&a, &b] {
        let run = dossier(&["build", "places", "--geonames", geo.to_str().unwrap(), "--out", out.as_str()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let table = std::fs::read_to_string(a.as_str()).unwrap();
    assert_eq!(table, std::fs::read_to_string(b.as_str()).unwrap());
    assert!(table.starts_with("# Place names from GeoNames"));
    assert!(table.lines().any(|l| l == "geo-city-large\tOSH"), "Osh, a city of 300,000");
    assert!(table.lines().any(|l| l == "geo-country\tBOSNIA AND HERZEGOVINA"));
    let shipped = format!("{}/../dossier-nlp/models/places.tsv", env!("CARGO_MANIFEST_DIR"));
    assert_eq!(table, std::fs::read_to_string(shipped).unwrap(), "the shipped table is the build's output");
}
