//! `dossier eval link-agreement PATHS`: annotates the files once, links
//! them with the ordered linker (as `dossier extract` does) and with the
//! distributed one (the stages `dossier.spark --linking distributed`
//! runs), and scores the distributed clusters of mentions against the
//! ordered ones as pairs (precision, recall, F1), plus how many mentions
//! got the very same entity id.

use dossier_core::Annotations;
use dossier_link::distributed::link_distributed;
use dossier_link::metrics::cluster_pairs;
use dossier_link::Linker;
use dossier_nlp::Pipeline;
use dossier_pipeline::batches::{run as run_batches, sources, Item};
use serde_json::json;

/// Arguments of `dossier eval link-agreement`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders, read as `dossier extract` reads them.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Simulated partitions of the distributed run.
    #[arg(long, default_value_t = 5)]
    pub partitions: usize,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs the comparison.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let pipeline = Pipeline::new();
    let mut docs: Vec<(String, Annotations)> = Vec::new();
    run_batches(sources(&args.inputs), &pipeline, &mut |ids| Ok(vec![false; ids.len()]), &mut |item| {
        match item {
            Item::Doc { doc, ann, .. } => docs.push((doc.text, *ann)),
            Item::Failed(e) => eprintln!("dossier: {e}"),
            Item::Known { .. } => {}
        }
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    anyhow::ensure!(!docs.is_empty(), "no documents in the inputs");
    let mut ordered: Vec<(&str, Annotations)> = docs.iter().map(|(t, a)| (t.as_str(), a.clone())).collect();
    let mut linker = Linker::with_embedded_kb();
    for (text, ann) in ordered.iter_mut() {
        linker.link(text, ann);
    }
    let mut distributed: Vec<(&str, Annotations)> =
        docs.iter().map(|(t, a)| (t.as_str(), a.clone())).collect();
    let out = link_distributed(&mut Linker::with_embedded_kb(), &mut distributed, args.partitions);
    let mut items = Vec::new();
    let (mut mentions, mut same_id) = (0usize, 0usize);
    for ((_, o), (_, d)) in ordered.iter().zip(&distributed) {
        for (mo, md) in o.entities.iter().zip(&d.entities) {
            mentions += 1;
            same_id += usize::from(mo.entity == md.entity);
            items.push((mo.entity.as_deref(), md.entity.as_deref()));
        }
    }
    let prf = cluster_pairs(&items);
    let entities = (linker.index().records().len(), out.records.len());
    if args.json {
        let j = json!({
            "documents": docs.len(), "mentions": mentions, "same_id": same_id,
            "entities": {"ordered": entities.0, "distributed": entities.1},
            "pairs": {"ordered": prf.r_den, "distributed": prf.p_den, "shared": prf.p_num},
            "p": prf.precision(), "r": prf.recall(), "f1": prf.f1(),
        });
        println!("{}", serde_json::to_string_pretty(&j)?);
    } else {
        println!(
            "{} documents, {} mentions ({} with the same entity id); entities: ordered {}, distributed {}",
            docs.len(),
            mentions,
            same_id,
            entities.0,
            entities.1
        );
        println!(
            "mention pairs in one entity: ordered {}, distributed {}, shared {}: P {:.4} R {:.4} F1 {:.4}",
            prf.r_den,
            prf.p_den,
            prf.p_num,
            prf.precision(),
            prf.recall(),
            prf.f1()
        );
    }
    Ok(())
}
