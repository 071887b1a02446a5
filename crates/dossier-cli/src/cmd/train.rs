//! `dossier train …`: builds the tables and models dossier ships, from
//! training data, deterministically.

use clap::Subcommand;

use crate::Outcome;

/// The training commands.
#[derive(Debug, Subcommand)]
pub enum Train {
    /// Learn the attribution cue and speaker-head table from a PolNeAR split.
    QuoteCues(super::train_quote_cues::Args),
    /// The named-entity tagger (writes the model file).
    Ner(Box<super::ner::TrainNerArgs>),
    /// Word clusters and capitalisation counts from unlabelled text (the NER lexicon).
    Clusters(super::ner::TrainClustersArgs),
}

/// Runs one training command.
pub fn run(train: Train) -> anyhow::Result<Outcome> {
    match train {
        Train::QuoteCues(args) => super::train_quote_cues::run(&args)?,
        Train::Ner(args) => return super::ner::train_ner(*args),
        Train::Clusters(args) => return super::ner::train_clusters(args),
    }
    Ok(Outcome::Success)
}
