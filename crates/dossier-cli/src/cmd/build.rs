//! `dossier build …`: builds the tables the binary ships from reference data.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use dossier_link::phoenix::{self, SourceFile};
use dossier_link::KnowledgeBase;

use crate::Outcome;

/// The build targets.
#[derive(Debug, Subcommand)]
pub enum Build {
    /// The knowledge base of `dossier-link` from the Phoenix/CAMEO dictionaries.
    Kb {
        /// The folder holding `Phoenix.Countries.actors.txt`,
        /// `Phoenix.International.actors.txt` and `Phoenix.MilNonState.actors.txt`.
        #[arg(long)]
        phoenix: PathBuf,
        /// Where to write the table (commit it as `crates/dossier-link/data/kb.bin`).
        #[arg(long)]
        out: PathBuf,
    },
    /// The place-name gazetteer of the NER tagger from GeoNames
    /// (`cities5000.tsv`, `admin.tsv`, `countries.tsv`; CC BY 4.0, credit
    /// GeoNames): names by category and population, one line each.
    Places {
        /// The folder holding the three GeoNames tables.
        #[arg(long, default_value = "../shared/data/kb/geonames")]
        geonames: PathBuf,
        /// Where to write the table (commit it as `crates/dossier-nlp/models/places.tsv`;
        /// `dossier train ner` reads it into the model).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs one build.
pub fn run(b: Build) -> anyhow::Result<Outcome> {
    match b {
        Build::Places { geonames, out } => {
            let read = |name: &str| {
                let path = geonames.join(name);
                std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
            };
            let entries = dossier_nlp::ner::places::geonames_entries(
                &read("cities5000.tsv")?,
                &read("admin.tsv")?,
                &read("countries.tsv")?,
            )
            .map_err(|e| anyhow::anyhow!("{}: {e}", geonames.display()))?;
            let text = dossier_nlp::ner::places::to_text(&entries);
            std::fs::write(&out, &text).with_context(|| format!("cannot write {}", out.display()))?;
            let mut counts = std::collections::BTreeMap::new();
            for (c, _) in &entries {
                *counts.entry(dossier_nlp::ner::lexicon::GAZ_CATEGORIES[*c as usize]).or_insert(0usize) += 1;
            }
            eprintln!("dossier: wrote {} ({} bytes): {counts:?}", out.display(), text.len());
            Ok(Outcome::Success)
        }
        Build::Kb { phoenix: dir, out } => {
            let mut texts = Vec::new();
            for (name, kind) in [
                ("Phoenix.Countries.actors.txt", SourceFile::Countries),
                ("Phoenix.International.actors.txt", SourceFile::International),
                ("Phoenix.MilNonState.actors.txt", SourceFile::MilNonState),
            ] {
                let path = dir.join(name);
                let bytes =
                    std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                texts.push((kind, String::from_utf8_lossy(&bytes).into_owned()));
            }
            let files: Vec<(SourceFile, &str)> = texts.iter().map(|(k, t)| (*k, t.as_str())).collect();
            let kb = KnowledgeBase::from_entries(phoenix::build(&files));
            let bytes = kb.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
            let mut counts = std::collections::BTreeMap::new();
            for e in kb.entries() {
                *counts.entry(e.kind.as_str()).or_insert(0usize) += 1;
            }
            eprintln!("dossier: wrote {} ({} bytes): {counts:?}", out.display(), bytes.len());
            Ok(Outcome::Success)
        }
    }
}
