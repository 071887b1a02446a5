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
    /// The country code table of `dossier-store` (ISO 3166 alpha-2, alpha-3
    /// and name, for exports) from GeoNames' `countries.tsv`.
    Countries {
        /// GeoNames' `countries.tsv` (`../shared/data/kb/geonames/countries.tsv`).
        #[arg(long)]
        geonames: PathBuf,
        /// Where to write the table (commit it as `crates/dossier-store/data/countries.tsv`).
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
    /// The place table of the linker from GeoNames (`cities5000.tsv`,
    /// `admin.tsv`, `countries.tsv`; CC BY 4.0, credit GeoNames): countries,
    /// first-level regions and cities with population, coordinates and
    /// alternate names.
    Gazetteer {
        /// The folder holding the three GeoNames tables.
        #[arg(long, default_value = "../shared/data/kb/geonames")]
        geonames: PathBuf,
        /// Where to write the table (commit it as `crates/dossier-link/data/places.bin`).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs one build.
pub fn run(b: Build) -> anyhow::Result<Outcome> {
    let read_geonames = |dir: &std::path::Path| -> anyhow::Result<[String; 3]> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
        };
        Ok([read("cities5000.tsv")?, read("admin.tsv")?, read("countries.tsv")?])
    };
    match b {
        Build::Gazetteer { geonames, out } => {
            let [cities, admin, countries] = read_geonames(&geonames)?;
            let geo = dossier_link::geo::build::from_geonames(&cities, &admin, &countries)
                .map_err(|e| anyhow::anyhow!("{}: {e}", geonames.display()))?;
            let bytes = geo.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
            let mut counts = std::collections::BTreeMap::new();
            for p in geo.places() {
                *counts.entry(p.kind.as_str()).or_insert(0usize) += 1;
            }
            let names: usize = geo.places().iter().map(|p| p.aliases.len() + 1).sum();
            eprintln!("dossier: wrote {} ({} bytes, {names} names): {counts:?}", out.display(), bytes.len());
            Ok(Outcome::Success)
        }
        Build::Places { geonames, out } => {
            let [cities, admin, countries] = read_geonames(&geonames)?;
            let entries = dossier_nlp::ner::places::geonames_entries(&cities, &admin, &countries)
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
        Build::Countries { geonames, out } => {
            let text = std::fs::read_to_string(&geonames)
                .with_context(|| format!("cannot read {}", geonames.display()))?;
            let table = country_table(&text)?;
            std::fs::write(&out, &table).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("dossier: wrote {} ({} countries)", out.display(), table.lines().count() - 2);
            Ok(Outcome::Success)
        }
    }
}

/// GeoNames' `countries.tsv` (`iso, iso3, geonameid, name, …` with a header
/// line) as the store's table: `alpha2 TAB alpha3 TAB name`, sorted by
/// alpha-2, under a credit line.
fn country_table(geonames: &str) -> anyhow::Result<String> {
    let mut lines = geonames.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header.iter().position(|h| *h == name).with_context(|| format!("no `{name}` column in the header"))
    };
    let (iso, iso3, name) = (col("iso")?, col("iso3")?, col("name")?);
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| f.get(i).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let (Some(a2), Some(a3), Some(nm)) = (get(iso), get(iso3), get(name)) else {
            anyhow::bail!("line {}: missing a code or the name", n + 2);
        };
        rows.push((a2, a3, nm));
    }
    rows.sort();
    let mut out = String::from(
        "# Country codes and names from GeoNames (geonames.org), CC BY 4.0. Built by `dossier build countries`.\n\
         # alpha2\talpha3\tname\n",
    );
    for (a2, a3, nm) in rows {
        out.push_str(&format!("{a2}\t{a3}\t{nm}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn country_table_from_geonames() {
        let src = "iso\tiso3\tgeonameid\tname\tcapital\n\
                   KG\tKGZ\t1527747\tKyrgyzstan\tBishkek\nAD\tAND\t3041565\tAndorra\tAndorra la Vella\n";
        let t = super::country_table(src).unwrap();
        let rows: Vec<&str> = t.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(rows, ["AD\tAND\tAndorra", "KG\tKGZ\tKyrgyzstan"]);
        assert!(t.starts_with("# Country codes and names from GeoNames"));
        assert!(super::country_table("iso\tname\nKG\tKyrgyzstan\n").is_err());
    }
}
