//! What `dossier extract` does to its inputs before it writes them:
//! read, build and annotate in ordered parallel batches
//! ([`crate::annotated`]), then, on one thread and in input order, link
//! mentions and speakers across documents (so entity ids are
//! deterministic). With more than one thread, linking and the caller's
//! `on_batch` run on a thread of their own, one batch behind the annotation
//! of the next.

use dossier_ingest::{IngestError, RawDoc};
use dossier_link::Linker;
use dossier_nlp::Pipeline;

use crate::annotated::{annotate_inputs, Annotated, Problem};

/// The annotation side stopped because the linking side had stopped first
/// (its own error says why).
struct LinkerStopped;

/// Annotates and links every raw document, handing each linked batch, in
/// input order, to `on_batch` (which may serialise it in parallel on
/// rayon's pool). `report` gets warnings and failures as they come; the
/// result is true when some input failed. `linker` links in input order
/// (`Linker::with_embedded_kb()` for what `dossier extract` does), so the
/// entity ids are the same whatever the number of threads; it holds every
/// entity of the run afterwards.
pub fn annotate_and_link<E: Send>(
    pipeline: &Pipeline,
    raws: impl Iterator<Item = Result<RawDoc, IngestError>>,
    linker: &mut Linker,
    report: &mut dyn FnMut(Problem<'_>),
    on_batch: &mut (dyn FnMut(Vec<Annotated>) -> Result<(), E> + Send),
) -> Result<bool, E> {
    if rayon::current_num_threads() == 1 {
        // One thread asked for: link in line.
        return annotate_inputs(pipeline, raws, report, |mut batch| {
            link_batch(linker, &mut batch);
            on_batch(batch)
        });
    }
    // Linking is sequential (ids follow input order), so it runs on its own
    // thread one batch behind: while it links and writes batch k, the pool
    // annotates batch k + 1 (linking alone would otherwise leave the other
    // cores idle for a quarter of the run).
    std::thread::scope(|scope| {
        let (to_linker, batches) = std::sync::mpsc::sync_channel::<Vec<Annotated>>(1);
        let linking = scope.spawn(move || -> Result<(), E> {
            for mut batch in batches {
                link_batch(linker, &mut batch);
                on_batch(batch)?;
            }
            Ok(())
        });
        // A closed channel means the linking side stopped on an error.
        let fed =
            annotate_inputs(pipeline, raws, report, |batch| to_linker.send(batch).map_err(|_| LinkerStopped));
        drop(to_linker);
        match linking.join() {
            Ok(linked) => linked?,
            Err(panic) => std::panic::resume_unwind(panic),
        }
        // The linking side ended without error, so it took every batch and
        // the feed cannot have stopped.
        Ok(fed.unwrap_or(true))
    })
}

/// Links the documents of a batch, in order.
fn link_batch(linker: &mut Linker, batch: &mut [Annotated]) {
    for a in batch.iter_mut() {
        linker.link(&a.doc.text, &mut a.ann);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts written for this test: the same people across documents.
    const TEXTS: [&str; 3] = [
        "Pell Orrin met Dana Vey in Tromsø on Monday. Orrin said: \"We agree on the harbour.\"",
        "Dana Vey, the harbour director, said the works start in May.",
        "Orrin and Vey left Tromsø on Friday.",
    ];

    /// Every mention's entity id, document by document, from a run on
    /// `threads` threads, with the problems reported.
    fn run(threads: usize, extra: Option<Vec<u8>>) -> (Vec<Vec<Option<String>>>, Vec<String>, bool) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let mut inputs: Vec<Vec<u8>> = TEXTS.iter().map(|t| t.as_bytes().to_vec()).collect();
            inputs.extend(extra);
            let raws = inputs.into_iter().flat_map(|bytes| crate::from_bytes("-", bytes));
            let (mut ids, mut problems) = (Vec::new(), Vec::new());
            let failed = annotate_and_link(
                &Pipeline::new(),
                raws,
                &mut Linker::with_embedded_kb(),
                &mut |p| problems.push(p.to_string()),
                &mut |batch: Vec<Annotated>| {
                    ids.extend(
                        batch.iter().map(|a| a.ann.entities.iter().map(|m| m.entity.clone()).collect()),
                    );
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            (ids, problems, failed)
        })
    }

    #[test]
    fn the_same_ids_in_input_order_whatever_the_threads() {
        let (one, problems, failed) = run(1, None);
        assert_eq!(one.len(), TEXTS.len());
        assert!(problems.is_empty() && !failed, "{problems:?}");
        let linked: Vec<&String> = one.iter().flatten().flatten().collect();
        assert!(!linked.is_empty(), "the people are linked");
        assert_eq!(run(2, None).0, one);
    }

    #[test]
    fn a_bad_input_is_reported_and_the_others_go_on() {
        // A JSON Lines input whose line is not a JSON object.
        let (ids, problems, failed) = run(2, Some(b"{\"text\": 3}\n".to_vec()));
        assert_eq!(ids.len(), TEXTS.len(), "{problems:?}");
        assert!(failed);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
