//! Scores for entity linking: the standard coreference metrics (MUC, B³,
//! CEAF-e and their CoNLL-2012 average) for clusters within a document, and
//! precision and recall of cross-document pairs.
//!
//! Mentions are plain numbers; a mention present on one side only counts as
//! missed (recall) or spurious (precision), as in the CoNLL-2012 reference
//! scorer.

use std::collections::HashMap;

/// Precision and recall as numerator/denominator pairs, so that scores over
/// several documents add up (micro-averages).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Precision numerator.
    pub p_num: f64,
    /// Precision denominator.
    pub p_den: f64,
    /// Recall numerator.
    pub r_num: f64,
    /// Recall denominator.
    pub r_den: f64,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.p_den > 0.0 {
            self.p_num / self.p_den
        } else {
            0.0
        }
    }

    /// Recall (0 when there is nothing to find).
    pub fn recall(&self) -> f64 {
        if self.r_den > 0.0 {
            self.r_num / self.r_den
        } else {
            0.0
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Adds another document's counts.
    pub fn add(&mut self, o: &Prf) {
        self.p_num += o.p_num;
        self.p_den += o.p_den;
        self.r_num += o.r_num;
        self.r_den += o.r_den;
    }
}

fn owner(clusters: &[Vec<usize>]) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (c, cl) in clusters.iter().enumerate() {
        for &x in cl {
            m.insert(x, c);
        }
    }
    m
}

fn muc_side(a: &[Vec<usize>], b: &[Vec<usize>]) -> (f64, f64) {
    let ob = owner(b);
    let (mut num, mut den) = (0.0, 0.0);
    for k in a {
        if k.is_empty() {
            continue;
        }
        let mut parts = std::collections::HashSet::new();
        let mut lone = 0usize;
        for x in k {
            match ob.get(x) {
                Some(c) => {
                    parts.insert(*c);
                }
                None => lone += 1,
            }
        }
        num += (k.len() - parts.len() - lone) as f64;
        den += (k.len() - 1) as f64;
    }
    (num, den)
}

/// MUC (Vilain et al. 1995): links recovered.
pub fn muc(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let (r_num, r_den) = muc_side(key, resp);
    let (p_num, p_den) = muc_side(resp, key);
    Prf { p_num, p_den, r_num, r_den }
}

fn overlap(a: &[Vec<usize>], b: &[Vec<usize>]) -> Vec<HashMap<usize, usize>> {
    let ob = owner(b);
    a.iter()
        .map(|k| {
            let mut m = HashMap::new();
            for x in k {
                if let Some(c) = ob.get(x) {
                    *m.entry(*c).or_insert(0) += 1;
                }
            }
            m
        })
        .collect()
}

/// B³ (Bagga & Baldwin 1998): per-mention cluster overlap.
pub fn b_cubed(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let side = |a: &[Vec<usize>], b: &[Vec<usize>]| {
        let ov = overlap(a, b);
        let mut num = 0.0;
        let mut den = 0.0;
        for (k, m) in a.iter().zip(ov) {
            if k.is_empty() {
                continue;
            }
            den += k.len() as f64;
            num += m.values().map(|&n| (n * n) as f64).sum::<f64>() / k.len() as f64;
        }
        (num, den)
    };
    let (r_num, r_den) = side(key, resp);
    let (p_num, p_den) = side(resp, key);
    Prf { p_num, p_den, r_num, r_den }
}

/// CEAF-e (Luo 2005): the best one-to-one alignment of clusters, scored by
/// φ4 = 2|K∩R| / (|K|+|R|).
pub fn ceaf_e(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let key: Vec<&Vec<usize>> = key.iter().filter(|k| !k.is_empty()).collect();
    let resp: Vec<&Vec<usize>> = resp.iter().filter(|k| !k.is_empty()).collect();
    let ov = overlap(
        &key.iter().map(|k| (*k).clone()).collect::<Vec<_>>(),
        &resp.iter().map(|k| (*k).clone()).collect::<Vec<_>>(),
    );
    let n = key.len().max(resp.len());
    let mut w = vec![vec![0.0f64; n]; n];
    for (i, m) in ov.iter().enumerate() {
        for (&j, &c) in m {
            w[i][j] = 2.0 * c as f64 / (key[i].len() + resp[j].len()) as f64;
        }
    }
    let total = max_assignment(&w);
    Prf { p_num: total, p_den: resp.len() as f64, r_num: total, r_den: key.len() as f64 }
}

/// Maximum-weight perfect matching on a square matrix (Hungarian method,
/// O(n³)); returns the total weight.
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    if n == 0 {
        return 0.0;
    }
    let big = w.iter().flatten().cloned().fold(0.0f64, f64::max);
    // Minimise cost = big - weight, 1-based potentials (e-maxx formulation).
    let cost = |i: usize, j: usize| big - w[i - 1][j - 1];
    let (mut u, mut v) = (vec![0.0f64; n + 1], vec![0.0f64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).filter(|&j| p[j] > 0).map(|j| w[p[j] - 1][j - 1]).sum()
}

/// Precision and recall of pairs of items put in one cluster (in a
/// document or across documents): `(key, response)` labels per item; a
/// pair counts on a side when both items share a label there (`None`
/// pairs with nothing). Used to compare two linkers' clusterings.
pub fn cluster_pairs(items: &[(Option<&str>, Option<&str>)]) -> Prf {
    fn pairs<K: std::hash::Hash + Eq>(it: impl Iterator<Item = K>) -> f64 {
        let mut n: HashMap<K, u64> = HashMap::new();
        for k in it {
            *n.entry(k).or_default() += 1;
        }
        n.values().map(|&c| (c * c.saturating_sub(1) / 2) as f64).sum()
    }
    let key = pairs(items.iter().filter_map(|(k, _)| *k));
    let resp = pairs(items.iter().filter_map(|(_, r)| *r));
    let both = pairs(items.iter().filter_map(|(k, r)| k.zip(*r)));
    Prf { p_num: both, p_den: resp, r_num: both, r_den: key }
}

/// Precision and recall of cross-document pairs: two mentions in different
/// documents form a gold pair when they share a gold label and a predicted
/// pair when they share a predicted label. Each item is `(document, gold,
/// predicted)`; `None` labels pair with nothing.
pub fn cross_doc_pairs(items: &[(usize, Option<&str>, Option<&str>)]) -> Prf {
    fn count<K: std::hash::Hash + Eq>(groups: HashMap<K, HashMap<usize, u64>>) -> f64 {
        groups
            .values()
            .map(|per_doc| {
                let n: u64 = per_doc.values().sum();
                let same: u64 = per_doc.values().map(|c| c * c).sum();
                ((n * n - same) / 2) as f64
            })
            .sum()
    }
    let mut gold: HashMap<&str, HashMap<usize, u64>> = HashMap::new();
    let mut pred: HashMap<&str, HashMap<usize, u64>> = HashMap::new();
    let mut both: HashMap<(&str, &str), HashMap<usize, u64>> = HashMap::new();
    for &(d, g, p) in items {
        if let Some(g) = g {
            *gold.entry(g).or_default().entry(d).or_default() += 1;
        }
        if let Some(p) = p {
            *pred.entry(p).or_default().entry(d).or_default() += 1;
        }
        if let (Some(g), Some(p)) = (g, p) {
            *both.entry((g, p)).or_default().entry(d).or_default() += 1;
        }
    }
    let b = count(both);
    Prf { p_num: b, p_den: count(pred), r_num: b, r_den: count(gold) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_response_scores_one() {
        let k = vec![vec![1, 2, 3], vec![4, 5], vec![6]];
        for f in [muc, b_cubed, ceaf_e] {
            let s = f(&k, &k);
            assert!(close(s.precision(), 1.0) && close(s.recall(), 1.0), "{s:?}");
        }
    }

    #[test]
    fn textbook_example() {
        // Key {1,2,3,4,5} {6,7}; response {1,2,3,4,5,6,7}: MUC R = 1, P = 5/6.
        let k = vec![vec![1, 2, 3, 4, 5], vec![6, 7]];
        let r = vec![vec![1, 2, 3, 4, 5, 6, 7]];
        let m = muc(&k, &r);
        assert!(close(m.recall(), 1.0) && close(m.precision(), 5.0 / 6.0));
        let b = b_cubed(&k, &r);
        assert!(close(b.recall(), 1.0));
        assert!(close(b.precision(), (25.0 / 7.0 + 4.0 / 7.0) / 7.0));
        let c = ceaf_e(&k, &r);
        assert!(close(c.p_num, 2.0 * 5.0 / 12.0) && close(c.r_den, 2.0) && close(c.p_den, 1.0));
    }

    #[test]
    fn missing_and_spurious_mentions_count() {
        let k = vec![vec![1, 2]];
        let r = vec![vec![1, 9]];
        let m = muc(&k, &r);
        assert!(close(m.recall(), 0.0) && close(m.precision(), 0.0));
        let b = b_cubed(&k, &r);
        // Mention 1 is found with half its cluster; mention 2 is missed.
        assert!(close(b.recall(), 0.25) && close(b.precision(), 0.25));
    }

    #[test]
    fn assignment_finds_the_best_matching() {
        let w = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert!(close(max_assignment(&w), 0.8 + 0.85));
    }

    #[test]
    fn cross_document_pairs() {
        let items = [
            (0, Some("A"), Some("x")),
            (1, Some("A"), Some("x")),
            (2, Some("A"), Some("y")),
            (2, Some("B"), Some("x")),
            (0, Some("A"), Some("x")),
        ];
        let s = cross_doc_pairs(&items);
        // Gold pairs across docs for A: docs {0:2,1:1,2:1} → (16-6)/2 = 5.
        assert!(close(s.r_den, 5.0));
        // Predicted x: docs {0:2,1:1,2:1} → 5; y: 0.
        assert!(close(s.p_den, 5.0));
        // Both (A,x): docs {0:2,1:1} → (9-5)/2 = 2.
        assert!(close(s.p_num, 2.0));
    }

    #[test]
    fn cluster_pairs_count_pairs_within_and_across_clusters() {
        // Key {a,b,c} {d}; response {a,b} {c,d}: 3 key pairs, 2 predicted, 1 shared.
        let items =
            [(Some("x"), Some("p")), (Some("x"), Some("p")), (Some("x"), Some("q")), (Some("y"), Some("q"))];
        let prf = cluster_pairs(&items);
        assert_eq!((prf.p_num, prf.p_den, prf.r_den), (1.0, 2.0, 3.0));
        // The same clustering under other names agrees fully.
        let same = [(Some("x"), Some("1")), (Some("x"), Some("1")), (Some("y"), Some("2")), (None, None)];
        assert!((cluster_pairs(&same).f1() - 1.0).abs() < 1e-12);
    }
}
