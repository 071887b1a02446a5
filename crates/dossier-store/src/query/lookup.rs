//! Entity look-up by name, for a search box (`GET /api/entities?q=`): an
//! id, an alias, an alias prefix, words or word prefixes of aliases, and,
//! when those find too little, aliases within a small edit distance
//! (`Kiljunnen` finds `Kiljunen`). Every look-up reads indexes
//! (`aliases_key`, `alias_words`), never the mentions; results are
//! effective entities (after merges), best match first, then most
//! mentioned, paginated.

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::EntityRef;
use crate::decisions::merge_map;
use crate::util::name_key;
use crate::{Result, Store};

/// How an entity matched a look-up, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LookupKind {
    /// The query is the entity's id.
    Id,
    /// The query is one of its aliases.
    Alias,
    /// The query starts one of its aliases.
    Prefix,
    /// Every word of the query starts a word of its aliases.
    Word,
    /// Every word of the query is within a small edit distance of a word
    /// of its aliases.
    Fuzzy,
}

/// One entity found by [`Store::lookup_entities`].
#[derive(Debug, Clone, Serialize)]
pub struct EntityMatch {
    /// The entity.
    pub entity: EntityRef,
    /// How it matched.
    pub matched: LookupKind,
    /// Its mentions.
    pub mentions: i64,
    /// Documents mentioning or quoting it.
    pub documents: i64,
    /// Quotes attributed to it.
    pub quotes: i64,
}

/// Most candidates one look-up step reads.
const STEP_LIMIT: i64 = 2_000;
/// Deepest page a look-up serves.
pub const MAX_LOOKUP: usize = 1_000;

/// Edit distance of `a` and `b` (insertions, deletions, substitutions and
/// swaps of two neighbouring letters, each costing one: the optimal string
/// alignment distance), or `None` when above `max`.
pub(crate) fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 0..a.len() {
        let mut cur = vec![i + 1; b.len() + 1];
        let mut row_min = cur[0];
        for j in 0..b.len() {
            let mut d = (prev[j] + usize::from(a[i] != b[j])).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// The largest edit distance tolerated for a word of this many characters.
fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The exclusive upper bound of the keys starting with `prefix`.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl Store {
    /// Entities whose id or names match `q`, best match first, then most
    /// mentioned: `offset` skips, at most `limit` are returned (the deepest
    /// result served is [`MAX_LOOKUP`]).
    pub fn lookup_entities(&self, q: &str, limit: usize, offset: usize) -> Result<Vec<EntityMatch>> {
        let key = name_key(q);
        let mut best: HashMap<i64, LookupKind> = HashMap::new();
        fn note(best: &mut HashMap<i64, LookupKind>, e: i64, k: LookupKind) {
            let slot = best.entry(e).or_insert(k);
            *slot = (*slot).min(k);
        }
        let conn = self.conn();
        if let Some(e) = conn
            .query_row("SELECT eid FROM entities WHERE id = ?1", [q.trim()], |r| r.get::<_, i64>(0))
            .optional()?
        {
            note(&mut best, e, LookupKind::Id);
        }
        if !key.is_empty() {
            let mut stmt = conn
                .prepare_cached("SELECT eid, key = ?1 FROM aliases WHERE key >= ?1 AND key < ?2 LIMIT ?3")?;
            let rows = stmt.query_map(rusqlite::params![key, prefix_end(&key), STEP_LIMIT], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?))
            })?;
            for row in rows {
                let (e, exact) = row?;
                note(&mut best, e, if exact { LookupKind::Alias } else { LookupKind::Prefix });
            }
            let words: Vec<&str> = key.split(' ').collect();
            let mut by_prefix = conn.prepare_cached(
                "SELECT DISTINCT eid FROM alias_words WHERE word >= ?1 AND word < ?2 LIMIT ?3",
            )?;
            let mut common: Option<std::collections::HashSet<i64>> = None;
            for w in &words {
                let set: std::collections::HashSet<i64> = by_prefix
                    .query_map(rusqlite::params![w, prefix_end(w), STEP_LIMIT], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                common = Some(match common {
                    None => set,
                    Some(prev) => prev.intersection(&set).copied().collect(),
                });
            }
            for e in common.unwrap_or_default() {
                note(&mut best, e, LookupKind::Word);
            }
            if best.len() < offset + limit && words.iter().any(|w| tolerance(w.chars().count()) > 0) {
                // Few matches: try words within a small edit distance. The
                // distinct words of all aliases are read from their index.
                let mut all = conn.prepare_cached("SELECT DISTINCT word FROM alias_words")?;
                let mut near: Vec<Vec<String>> = vec![Vec::new(); words.len()];
                let mut rows = all.query([])?;
                while let Some(r) = rows.next()? {
                    let word: String = r.get(0)?;
                    for (i, w) in words.iter().enumerate() {
                        if edit_distance(w, &word, tolerance(w.chars().count())).is_some() {
                            near[i].push(word.clone());
                        }
                    }
                }
                let mut by_word =
                    conn.prepare_cached("SELECT eid FROM alias_words WHERE word = ?1 LIMIT ?2")?;
                let mut common: Option<std::collections::HashSet<i64>> = None;
                for ws in &near {
                    let mut set = std::collections::HashSet::new();
                    for w in ws {
                        for e in
                            by_word.query_map(rusqlite::params![w, STEP_LIMIT], |r| r.get::<_, i64>(0))?
                        {
                            set.insert(e?);
                        }
                    }
                    common = Some(match common {
                        None => set,
                        Some(prev) => prev.intersection(&set).copied().collect(),
                    });
                }
                for e in common.unwrap_or_default() {
                    note(&mut best, e, LookupKind::Fuzzy);
                }
            }
        }
        // Effective entities, with their counts.
        let map = merge_map(conn)?;
        let mut eff: HashMap<i64, LookupKind> = HashMap::new();
        for (e, k) in best {
            let e = *map.get(&e).unwrap_or(&e);
            let slot = eff.entry(e).or_insert(k);
            *slot = (*slot).min(k);
        }
        let mut counts =
            conn.prepare_cached("SELECT mentions, documents, quotes FROM entity_stats WHERE eid = ?1")?;
        let mut rows: Vec<(LookupKind, i64, i64, i64, i64)> = Vec::with_capacity(eff.len());
        for (e, k) in eff {
            let (m, d, qn) = counts
                .query_row([e], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .unwrap_or((0, 0, 0));
            rows.push((k, m, d, qn, e));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.4.cmp(&b.4)));
        let end = (offset + limit).min(MAX_LOOKUP);
        rows.into_iter()
            .take(end)
            .skip(offset)
            .map(|(matched, mentions, documents, quotes, e)| {
                Ok(EntityMatch { entity: self.entity_ref(e)?, matched, mentions, documents, quotes })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances_are_bounded() {
        assert_eq!(edit_distance("kiljunen", "kiljunen", 2), Some(0));
        assert_eq!(edit_distance("kiljunnen", "kiljunen", 2), Some(1));
        assert_eq!(edit_distance("kiljunen", "kilujnen", 2), Some(1), "a swap is one edit");
        assert_eq!(edit_distance("kiljunen", "kilunjen", 2), Some(2));
        assert_eq!(edit_distance("kiljunen", "smith", 2), None);
        assert_eq!(edit_distance("vučić", "vucic", 2), Some(2));
        assert_eq!(edit_distance("", "ab", 1), None);
        assert_eq!(tolerance(3), 0);
        assert!(prefix_end("ki").as_str() > "kiljunen");
    }
}
