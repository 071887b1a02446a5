//! The word-cluster builder: capitalisation counts and clusters of words
//! by their neighbours in unlabelled text, the tagger's lexicon (training
//! only).

use super::hash::{KeyMap, StrMap};
use super::lexicon::{Lexicon, CLUSTER_LEVELS};

/// Settings of the word-cluster builder.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// Number of context words (the most frequent lower-cased words).
    pub contexts: usize,
    /// Context words looked at on each side.
    pub window: usize,
    /// Dimensions of the projected vectors.
    pub dims: usize,
    /// Clusters at each granularity (coarse to fine).
    pub k: [usize; CLUSTER_LEVELS],
    /// k-means iterations.
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            contexts: 1000,
            window: 2,
            dims: 128,
            k: [64, 256, 1024],
            iterations: 12,
        }
    }
}

/// Builds the word lexicon from unlabelled sentences: capitalisation counts
/// of every lower-cased word, and clusters of words by their neighbours
/// (positive PMI of the context words up to `window` places left and
/// right, each side and distance apart, projected to `dims`
/// dimensions with a fixed random projection, grouped with spherical
/// k-means at each granularity, seeded with the most frequent words).
pub fn build_lexicon(sentences: &[Vec<String>], cfg: &ClusterConfig, log: &mut dyn FnMut(&str)) -> Lexicon {
    let mut lex = Lexicon::default();
    let mut freq: StrMap<u32> = StrMap::default();
    let mut lfreq: StrMap<u32> = StrMap::default();
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            *freq.entry(w.clone()).or_default() += 1;
            let lower = w.to_lowercase();
            *lfreq.entry(lower.clone()).or_default() += 1;
            if i > 0 && w.chars().any(char::is_alphabetic) {
                let caps_run = s.iter().filter(|t| t.chars().any(char::is_lowercase)).count() * 2 < s.len();
                if caps_run {
                    continue;
                }
                let e = lex.case_counts.entry(lower).or_default();
                e.0 += 1;
                if w.chars().next().is_some_and(char::is_uppercase) {
                    e.1 += 1;
                }
            }
        }
    }
    lex.case_counts.retain(|_, e| e.0 >= 2);
    // Context vocabulary: most frequent lower-cased words (ties by string).
    let mut lf: Vec<(&String, &u32)> = lfreq.iter().collect();
    lf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let ctx_ids: StrMap<u32> =
        lf.iter().take(cfg.contexts).enumerate().map(|(i, (w, _))| ((*w).clone(), i as u32)).collect();
    let nctx = ctx_ids.len() + 1;
    let mut words: Vec<(&String, &u32)> = freq.iter().filter(|(_, &c)| c >= cfg.min_count).collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let wid: StrMap<u32> = words.iter().enumerate().map(|(i, (w, _))| ((*w).clone(), i as u32)).collect();
    log(&format!("{} words to cluster, {} context words", words.len(), nctx - 1));
    // Co-occurrence counts: word × (side, context).
    let mut co: Vec<KeyMap<f32>> = vec![KeyMap::default(); words.len()];
    let cid = |w: Option<&String>| -> u64 {
        match w {
            None => nctx as u64,
            Some(w) => ctx_ids.get(&w.to_lowercase()).map(|&i| i as u64).unwrap_or(nctx as u64 - 1),
        }
    };
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&id) = wid.get(w) else { continue };
            for d in 1..=cfg.window {
                let l = cid(if i >= d { s.get(i - d) } else { None });
                let r = cid(s.get(i + d));
                let slot = 2 * (d as u64 - 1) * 4096;
                *co[id as usize].entry(l + slot).or_default() += 1.0;
                *co[id as usize].entry(r + slot + 4096).or_default() += 1.0;
            }
        }
    }
    // PPMI weights.
    let mut col: KeyMap<f64> = KeyMap::default();
    let mut total = 0f64;
    for row in &co {
        for (&c, &v) in row {
            *col.entry(c).or_default() += v as f64;
            total += v as f64;
        }
    }
    let dims = cfg.dims;
    let mut vecs = vec![0f32; words.len() * dims];
    for (i, row) in co.iter().enumerate() {
        let rs: f64 = row.values().map(|&v| v as f64).sum();
        let mut cols: Vec<(&u64, &f32)> = row.iter().collect();
        cols.sort_by_key(|(c, _)| **c);
        let v = &mut vecs[i * dims..(i + 1) * dims];
        for (&c, &x) in cols {
            let pmi = ((x as f64 * total) / (rs * col[&c])).ln();
            if pmi <= 0.0 {
                continue;
            }
            // Fixed random projection: ±1 per (context, dim) from the hash.
            for (d, vd) in v.iter_mut().enumerate() {
                let h = super::hash::key2(0xC1, c, d as u64);
                *vd += if h & 1 == 0 { pmi as f32 } else { -(pmi as f32) };
            }
        }
        normalise(v);
    }
    let mut ids = vec![[0u16; CLUSTER_LEVELS]; words.len()];
    for (lvl, &k) in cfg.k.iter().enumerate() {
        let k = k.min(words.len()).max(1);
        let assign = kmeans(&vecs, dims, k, cfg.iterations);
        for (i, a) in assign.iter().enumerate() {
            ids[i][lvl] = *a as u16;
        }
        log(&format!("k-means with {k} clusters done"));
    }
    for (i, (w, _)) in words.iter().enumerate() {
        lex.clusters.insert((*w).clone(), ids[i]);
    }
    lex
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v {
            *x /= n;
        }
    }
}

fn kmeans(vecs: &[f32], dims: usize, k: usize, iters: usize) -> Vec<usize> {
    let n = vecs.len() / dims;
    // Seeds: the k most frequent words (rows are sorted by frequency).
    let mut cent: Vec<f32> = vecs[..k * dims].to_vec();
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        for (i, a) in assign.iter_mut().enumerate() {
            let v = &vecs[i * dims..(i + 1) * dims];
            let mut best = f32::MIN;
            for c in 0..k {
                let cv = &cent[c * dims..(c + 1) * dims];
                let s: f32 = v.iter().zip(cv).map(|(a, b)| a * b).sum();
                if s > best {
                    best = s;
                    *a = c;
                }
            }
        }
        cent.iter_mut().for_each(|x| *x = 0.0);
        for (i, &a) in assign.iter().enumerate() {
            for d in 0..dims {
                cent[a * dims + d] += vecs[i * dims + d];
            }
        }
        for c in 0..k {
            normalise(&mut cent[c * dims..(c + 1) * dims]);
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_group_words_used_alike() {
        let mut sents = Vec::new();
        for (a, b) in [("Monday", "Paris"), ("Tuesday", "London"), ("Friday", "Berlin")] {
            for _ in 0..5 {
                sents.push(format!("he left on {a} for {b} .").split(' ').map(String::from).collect());
                sents.push(format!("she came on {a} from {b} .").split(' ').map(String::from).collect());
            }
        }
        let cfg = ClusterConfig { k: [2, 2, 2], contexts: 20, dims: 16, ..Default::default() };
        let lex = build_lexicon(&sents, &cfg, &mut |_| {});
        let c = |w: &str| lex.clusters[w][0];
        assert_eq!(c("Monday"), c("Friday"));
        assert_eq!(c("Paris"), c("Berlin"));
        assert_ne!(c("Monday"), c("Paris"));
        assert_eq!(lex.case_counts["paris"], (10, 10));
    }
}
