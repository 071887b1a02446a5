//! `dossier graph` and `dossier export`: the store's contents in formats
//! other tools read (Gephi, spreadsheets, OCCRP Aleph). The store crate
//! produces the records; this module only writes them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier_store::export::ExportRecord;
use dossier_store::{GraphParams, Store};

use crate::output::stdout;
use crate::Outcome;

/// Graph formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GraphFormat {
    /// `{nodes, edges}` as one JSON object.
    Json,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML (Gephi, yEd, networkx).
    Graphml,
}

/// Arguments of `dossier graph`.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// Leave out edges lighter than this.
    #[arg(long, default_value_t = 1)]
    pub min_weight: i64,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: GraphFormat,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line, each with a `type`: entity, document, mention, quote.
    Jsonl,
    /// Four CSV files (documents, entities, mentions, quotes) in `--out DIR`.
    Csv,
    /// FollowTheMoney entities as JSON Lines (Article, Person, Organization, LegalEntity, Mention).
    Ftm,
    /// Five Parquet tables (documents, mentions, quotes, dates, entities) in `--out DIR` (docs/parquet.md).
    Parquet,
}

/// Arguments of `dossier export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output folder (CSV, Parquet) or file (JSON Lines; default standard output).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// `dossier graph`.
pub fn graph(dir: &Path, a: GraphArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let g = store.graph(&GraphParams { min_weight: a.min_weight })?;
    let mut out = stdout();
    match a.format {
        GraphFormat::Json => {
            serde_json::to_writer(&mut out, &g)?;
            out.write_all(b"\n")?;
        }
        GraphFormat::Gexf => out.write_all(g.to_gexf().as_bytes())?,
        GraphFormat::Graphml => out.write_all(g.to_graphml().as_bytes())?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// `dossier export`.
pub fn export(dir: &Path, a: ExportArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    if a.format == ExportFormat::Csv {
        let out = a.out.context("--format csv writes four files: give the folder with --out DIR")?;
        return export_csv(&store, &out);
    }
    if a.format == ExportFormat::Parquet {
        let out = a.out.context("--format parquet writes five files: give the folder with --out DIR")?;
        return super::parquet::export(&store, &out);
    }
    let mut out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(stdout()),
    };
    let mut io_err: Option<std::io::Error> = None;
    let mut write_line = |v: &dyn erased::Ser| -> dossier_store::Result<()> {
        let r = v.write(&mut out).and_then(|_| out.write_all(b"\n"));
        if let Err(e) = r {
            io_err = Some(e);
            return Err(dossier_store::StoreError::Invalid("output closed".into()));
        }
        Ok(())
    };
    let res = match a.format {
        ExportFormat::Jsonl => store.export(&mut |rec| write_line(&rec)),
        ExportFormat::Ftm => store.export_ftm(&mut |v| write_line(&v)),
        ExportFormat::Csv | ExportFormat::Parquet => unreachable!("handled above"),
    };
    if let Some(e) = io_err {
        return Err(e.into());
    }
    res?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// A tiny object-safe "serialise as one JSON line".
mod erased {
    /// Writes itself as JSON.
    pub trait Ser {
        /// Writes `self` as compact JSON.
        fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()>;
    }

    impl<T: serde::Serialize> Ser for T {
        fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
            serde_json::to_writer(out, self).map_err(std::io::Error::other)
        }
    }
}

fn export_csv(store: &Store, dir: &Path) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let open = |name: &str| -> anyhow::Result<csv::Writer<std::fs::File>> {
        let p = dir.join(name);
        csv::Writer::from_path(&p).with_context(|| format!("cannot write {}", p.display()))
    };
    let mut docs = open("documents.csv")?;
    let mut ents = open("entities.csv")?;
    let mut ments = open("mentions.csv")?;
    let mut quotes = open("quotes.csv")?;
    docs.write_record([
        "id",
        "path",
        "format",
        "url",
        "title",
        "authors",
        "site",
        "published",
        "lang",
        "text",
    ])?;
    ents.write_record(["id", "name", "label", "aliases", "facts", "merged_into"])?;
    ments.write_record(["doc", "start", "end", "text", "label", "entity"])?;
    quotes.write_record([
        "doc",
        "kind",
        "start",
        "end",
        "text",
        "cue",
        "speaker_text",
        "speaker_name",
        "speaker_entity",
        "speaker_role",
        "confidence",
        "date",
        "date_source",
        "context",
    ])?;
    let mut err: Option<anyhow::Error> = None;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    store
        .export(&mut |rec| {
            let r: anyhow::Result<()> = (|| {
                match rec {
                    ExportRecord::Document(d) => docs.write_record([
                        d.meta.id,
                        d.meta.path,
                        d.meta.format,
                        o(&d.meta.url),
                        o(&d.meta.title),
                        d.meta.authors.join("; "),
                        o(&d.meta.site),
                        o(&d.meta.published),
                        o(&d.meta.lang),
                        d.text,
                    ])?,
                    ExportRecord::Entity(e) => ents.write_record([
                        e.id,
                        e.name,
                        o(&e.label),
                        e.aliases.join("; "),
                        e.facts.to_string(),
                        o(&e.merged_into),
                    ])?,
                    ExportRecord::Mention(m) => ments.write_record([
                        m.doc,
                        m.start.to_string(),
                        m.end.to_string(),
                        m.text,
                        m.label,
                        o(&m.entity),
                    ])?,
                    ExportRecord::Quote(q) => {
                        let sp = q.speaker.as_ref();
                        quotes.write_record([
                            q.doc.id.clone(),
                            q.kind.clone(),
                            q.start.to_string(),
                            q.end.to_string(),
                            q.text.clone(),
                            q.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                            sp.map(|s| s.text.clone()).unwrap_or_default(),
                            sp.and_then(|s| s.name.clone()).unwrap_or_default(),
                            sp.and_then(|s| s.entity.as_ref()).map(|e| e.id.clone()).unwrap_or_default(),
                            sp.and_then(|s| s.role.clone()).unwrap_or_default(),
                            q.confidence.map(|c| c.to_string()).unwrap_or_default(),
                            o(&q.date),
                            o(&q.date_source),
                            q.context.text.clone(),
                        ])?
                    }
                }
                Ok(())
            })();
            r.map_err(|e| {
                let msg = e.to_string();
                err = Some(e);
                dossier_store::StoreError::Invalid(msg)
            })
        })
        .map_err(|e| err.take().unwrap_or_else(|| e.into()))?;
    for w in [&mut docs, &mut ents, &mut ments, &mut quotes] {
        w.flush()?;
    }
    eprintln!("wrote documents.csv, entities.csv, mentions.csv, quotes.csv in {}", dir.display());
    Ok(Outcome::Success)
}
