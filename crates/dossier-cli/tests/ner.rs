//! End-to-end tests of the NER commands: `tag --format conll` keeps the
//! file's layout, `eval ner` scores with conlleval semantics, and the
//! shipped model holds its measured CoNLL-2003 dev score.

mod util;

use util::{dossier, shared_data, TempDir};

/// Entity F1 of the shipped model on CoNLL-2003 dev when it was trained
/// (`dossier eval ner --gold ../shared/data/ner/conll2003/dev.conll`).
const MEASURED_DEV_F1: f64 = 93.75;

/// Entity F1 on the held-out news sample written for the project
/// (`crates/dossier-nlp/tests/data/news-heldout.conll`, not in `../shared`).
const MEASURED_HELDOUT_F1: f64 = 93.58;

/// Entity F1 on the second held-out sample, news on other topics
/// (`crates/dossier-nlp/tests/data/news-heldout-world.conll`).
const MEASURED_HELDOUT_WORLD_F1: f64 = 88.34;

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
    for (file, measured) in
        [("news-heldout.conll", MEASURED_HELDOUT_F1), ("news-heldout-world.conll", MEASURED_HELDOUT_WORLD_F1)]
    {
        let gold = format!("{}/../dossier-nlp/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let run = dossier(&["eval", "ner", "--gold", &gold]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let f = fb1(&run.stdout);
        assert!(f >= measured - 0.5, "{file}: F1 {f} fell below {measured} - 0.5:\n{}", run.stdout);
    }
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
