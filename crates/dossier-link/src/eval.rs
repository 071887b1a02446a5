//! The linking evaluation behind `dossier eval link`: runs a [`Linker`] over
//! GUM documents (on their gold named mentions, or on mentions a recogniser
//! predicted) and scores it against GUM's entities.
//!
//! - Within each document: MUC, B³ and CEAF-e over named mentions, and the
//!   CoNLL-2012 average of their F1. Predicted mentions count as the gold
//!   mention they overlap by at least half of the longer span (one to one);
//!   the others are spurious, and gold mentions left over are missed.
//! - Across documents: precision and recall of pairs of mentions in
//!   different documents tied to the same Wikipedia title, over the
//!   mentions GUM gives a title.
//!
//! A baseline scores the same way with entities made by exact string match
//! (folded surface), to show what the linker adds.

use std::collections::HashMap;

use dossier_core::{Annotations, Mention};

use crate::gum::GumDoc;
use crate::metrics::{b_cubed, ceaf_e, cross_doc_pairs, muc, Prf};
use crate::names::fold;
use crate::{KnowledgeBase, Linker, MemoryIndex};

/// Scores of one system.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// MUC.
    pub muc: Prf,
    /// B³.
    pub b3: Prf,
    /// CEAF-e.
    pub ceaf: Prf,
    /// Cross-document pairs tied to one Wikipedia title.
    pub cross: Prf,
}

impl Scores {
    /// The CoNLL-2012 score: the mean of the MUC, B³ and CEAF-e F1.
    pub fn conll(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceaf.f1()) / 3.0
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Gold named mentions.
    pub gold_mentions: usize,
    /// Mentions given to the linker.
    pub mentions: usize,
    /// Of those, matched to a gold named mention.
    pub matched: usize,
    /// The linker.
    pub linker: Scores,
    /// Exact-string-match baseline.
    pub baseline: Scores,
    /// GUM's place mentions whose Wikipedia title names a place.
    pub places: TitledPlaces,
    /// Every scored mention, for error analysis: document id, gold entity
    /// (`-` when unmatched), Wikipedia title, predicted entity, surface,
    /// and the GeoNames place of the entity (`1527534 Osh KG`, or empty).
    pub mentions_seen: Vec<[String; 6]>,
    /// Every gold named mention no given mention stands for: document id,
    /// gold entity, Wikipedia title, surface.
    pub gold_missed: Vec<[String; 4]>,
}

/// GUM's named place mentions with a Wikipedia title, against the place
/// the linker gave them (see [`crate::geo::eval::title_fits`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitledPlaces {
    /// Place mentions (GUM type `place`) with a title, matched by a mention.
    pub titled: usize,
    /// Of those, whose title names a place the gazetteer knows.
    pub named: usize,
    /// Of those, placed by the linker.
    pub placed: usize,
    /// Of those, placed where the title says.
    pub fits: usize,
}

/// Evaluates on `docs`. `predicted`, when given, holds each document's
/// predicted mentions; otherwise the gold named mentions are linked.
pub fn evaluate(kb: KnowledgeBase, docs: &[GumDoc], predicted: Option<&[Vec<Mention>]>) -> Report {
    evaluate_with(kb, docs, predicted, None)
}

/// [`evaluate`], linking with the distributed linker
/// ([`crate::distributed::link_distributed`], over `partitions`
/// simulated partitions) when `distributed` is given.
pub fn evaluate_with(
    kb: KnowledgeBase,
    docs: &[GumDoc],
    predicted: Option<&[Vec<Mention>]>,
    distributed: Option<usize>,
) -> Report {
    let mut linker = Linker::new(kb, MemoryIndex::new());
    let geo = crate::geo::Gazetteer::embedded();
    let mut report = Report { documents: docs.len(), ..Default::default() };
    let mut cross_items: Vec<(usize, String, String, String)> = Vec::new();
    let golds: Vec<Vec<&crate::gum::GoldMention>> =
        docs.iter().map(|doc| doc.mentions.iter().filter(|m| m.named).collect()).collect();
    let mut anns: Vec<(&str, Annotations)> = docs
        .iter()
        .zip(&golds)
        .enumerate()
        .map(|(d, (doc, gold))| {
            let entities: Vec<Mention> = match predicted {
                Some(p) => p.get(d).cloned().unwrap_or_default(),
                None => gold.iter().map(|g| Mention { span: g.span, label: g.label, entity: None }).collect(),
            };
            (doc.text.as_str(), Annotations { entities, ..Default::default() })
        })
        .collect();
    let records: Vec<crate::EntityRecord> = match distributed {
        Some(partitions) => crate::distributed::link_distributed(&mut linker, &mut anns, partitions).records,
        None => {
            for (text, ann) in anns.iter_mut() {
                linker.link(text, ann);
            }
            linker.index().records().to_vec()
        }
    };
    let record: HashMap<&str, &crate::EntityRecord> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    for (d, (doc, (_, ann))) in docs.iter().zip(&anns).enumerate() {
        let gold = &golds[d];
        report.gold_mentions += gold.len();
        report.mentions += ann.entities.len();
        // Mention identity: gold index for matched mentions, else a fresh number.
        let matched = align(gold, &ann.entities, predicted.is_none());
        report.matched += matched.iter().filter(|m| m.is_some()).count();
        let fresh = |i: usize| gold.len() + i;
        let ident: Vec<usize> = matched.iter().enumerate().map(|(i, m)| m.unwrap_or(fresh(i))).collect();
        let mut key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (g, m) in gold.iter().enumerate() {
            key.entry(m.entity.as_str()).or_default().push(g);
        }
        let key: Vec<Vec<usize>> = sorted_clusters(key);
        let mut resp: HashMap<String, Vec<usize>> = HashMap::new();
        let mut base: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in ann.entities.iter().enumerate() {
            let e = m.entity.clone().unwrap_or_else(|| format!("#unlinked-{i}"));
            resp.entry(e).or_default().push(ident[i]);
            let surface = doc.text.get(m.span.start..m.span.end).unwrap_or("");
            base.entry(fold(surface)).or_default().push(ident[i]);
        }
        let resp = sorted_clusters(resp);
        let base = sorted_clusters(base);
        for (s, r) in [(&mut report.linker, &resp), (&mut report.baseline, &base)] {
            s.muc.add(&muc(&key, r));
            s.b3.add(&b_cubed(&key, r));
            s.ceaf.add(&ceaf_e(&key, r));
        }
        for (i, m) in ann.entities.iter().enumerate() {
            let g = matched[i].map(|g| gold[g]);
            report.mentions_seen.push([
                doc.id.clone(),
                g.map_or("-".into(), |g| g.entity.clone()),
                g.and_then(|g| g.title.clone()).unwrap_or_default(),
                m.entity.clone().unwrap_or_default(),
                doc.text.get(m.span.start..m.span.end).unwrap_or("").to_string(),
                m.entity
                    .as_deref()
                    .and_then(|e| record.get(e))
                    .and_then(|r| r.place.as_ref())
                    .map_or(String::new(), |p| format!("{} {} {}", p.geonames, p.name, p.country)),
            ]);
        }
        let mut found = vec![false; gold.len()];
        matched.iter().flatten().for_each(|&g| found[g] = true);
        for (g, _) in found.iter().enumerate().filter(|(_, f)| !**f) {
            report.gold_missed.push([
                doc.id.clone(),
                gold[g].entity.clone(),
                gold[g].title.clone().unwrap_or_default(),
                doc.text.get(gold[g].span.start..gold[g].span.end).unwrap_or("").to_string(),
            ]);
        }
        for (i, m) in ann.entities.iter().enumerate() {
            let Some(g) = matched[i] else { continue };
            let Some(title) = &gold[g].title else { continue };
            if gold[g].etype == "place" {
                let p = &mut report.places;
                p.titled += 1;
                let got = m.entity.as_deref().and_then(|e| record.get(e)).and_then(|r| r.place.as_ref());
                if let Some(fits) = crate::geo::eval::title_fits(&geo, title, got) {
                    p.named += 1;
                    p.placed += usize::from(got.is_some());
                    p.fits += usize::from(fits);
                }
            }
            let surface = doc.text.get(m.span.start..m.span.end).unwrap_or("");
            let pred = m.entity.clone().unwrap_or_else(|| format!("#unlinked-{d}-{i}"));
            cross_items.push((d, title.clone(), pred, fold(surface)));
        }
    }
    let items: Vec<(usize, Option<&str>, Option<&str>)> =
        cross_items.iter().map(|(d, t, p, _)| (*d, Some(t.as_str()), Some(p.as_str()))).collect();
    report.linker.cross = cross_doc_pairs(&items);
    let items: Vec<(usize, Option<&str>, Option<&str>)> =
        cross_items.iter().map(|(d, t, _, s)| (*d, Some(t.as_str()), Some(s.as_str()))).collect();
    report.baseline.cross = cross_doc_pairs(&items);
    report
}

fn sorted_clusters<K: Ord>(m: HashMap<K, Vec<usize>>) -> Vec<Vec<usize>> {
    let mut v: Vec<(K, Vec<usize>)> = m.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.into_iter().map(|(_, c)| c).collect()
}

/// For each mention, the gold mention it stands for: the same span when
/// `exact`, else the unmatched gold mention it overlaps most, by at least
/// half of the longer span.
fn align(gold: &[&crate::gum::GoldMention], mentions: &[Mention], exact: bool) -> Vec<Option<usize>> {
    let mut used = vec![false; gold.len()];
    let mut out = vec![None; mentions.len()];
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        for (g, gm) in gold.iter().enumerate() {
            if exact {
                if gm.span == m.span {
                    pairs.push((usize::MAX, i, g));
                }
                continue;
            }
            let ov = m.span.end.min(gm.span.end).saturating_sub(m.span.start.max(gm.span.start));
            let longer = m.span.len().max(gm.span.len());
            if ov > 0 && 2 * ov >= longer {
                pairs.push((ov, i, g));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, g) in pairs {
        if out[i].is_none() && !used[g] {
            out[i] = Some(g);
            used[g] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gum::parse;

    #[test]
    fn gold_mentions_of_a_tiny_document_score_perfectly() {
        let conllu = "# newdoc id = d1
1\tKimmo\tKimmo\tPROPN\tNNP\t_\t2\tflat\t_\tEntity=(1-person-new-x-cf1-1-coref-Kimmo_Kiljunen
2\tKiljunen\tKiljunen\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
3\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tKiljunen\tKiljunen\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-cf1-1-coref)
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";
        let docs = parse(conllu);
        let r = evaluate(KnowledgeBase::default(), &docs, None);
        assert_eq!(r.gold_mentions, 2);
        assert_eq!(r.matched, 2);
        assert!((r.linker.conll() - 1.0).abs() < 1e-9, "{r:?}");
        // The baseline keeps `Kimmo Kiljunen` and `Kiljunen` apart.
        assert!(r.baseline.muc.recall() < 1.0);
    }
}
