//! Descriptions a document attaches to names (`Kyrgyz President X`, `X, the
//! OSCE envoy`), and the resolution of a bare description or title
//! (`the Kyrgyz president`) to the one group it fits.

use super::*;

impl Planner {
    /// A title phrase right before a person's name: `Kyrgyz President`,
    /// `OSCE special envoy`.
    pub(super) fn title_before(&self, text: &str, span: Span) -> Option<Desc> {
        let before = text.get(..span.start)?;
        let cut = (before.len().saturating_sub(80)..=before.len()).find(|&i| before.is_char_boundary(i))?;
        let tail = &before[cut..];
        let words: Vec<&str> = tail.split_whitespace().collect();
        if words.is_empty() || !tail.ends_with(|c: char| c.is_whitespace()) {
            return None;
        }
        let last = words[words.len() - 1];
        let role = fold(last);
        if !is_role(&role) {
            return None;
        }
        let mut mods = Vec::new();
        for w in words[..words.len() - 1].iter().rev().take(4) {
            if w.ends_with([',', '.', ';', ':', '"', '(', ')', '“', '”']) {
                break;
            }
            let f = fold(strip_possessive(w));
            if f.is_empty() || f == "the" || f == "a" || f == "an" {
                break;
            }
            let cap = w.starts_with(|c: char| c.is_uppercase());
            if cap || is_role_filler(&f) || is_title(&f) {
                mods.push(*w);
            } else {
                break;
            }
        }
        mods.reverse();
        Some(self.desc(&mods, last))
    }

    /// An apposition right after a person's name: `, the Kyrgyz president,`.
    pub(super) fn apposition_after(&self, text: &str, span: Span) -> Option<Desc> {
        let after = text.get(span.end..)?;
        let after = after.strip_prefix("'s").unwrap_or(after);
        let after = after.trim_start().strip_prefix(',')?;
        let head: String = after.chars().take(100).collect();
        let mut mods = Vec::new();
        for (n, w) in head.split_whitespace().enumerate() {
            if n > 6 {
                return None;
            }
            let clean = w.trim_end_matches([',', '.', ';', ':', '"', ')', '”']);
            let f = fold(strip_possessive(clean));
            if n == 0 && matches!(f.as_str(), "the" | "a" | "an") {
                continue;
            }
            if is_role(&f) {
                return Some(self.desc(&mods, clean));
            }
            let cap = clean.starts_with(|c: char| c.is_uppercase());
            if !(cap || is_role_filler(&f) || is_title(&f)) || clean.len() != w.len() {
                return None;
            }
            mods.push(clean);
        }
        None
    }

    pub(super) fn desc(&self, mods: &[&str], role: &str) -> Desc {
        let mut set = BTreeSet::new();
        for m in mods {
            if let Some(k) = self.norm_mod(m) {
                set.insert(k);
            }
        }
        let mut text = mods.join(" ");
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(role);
        Desc { mods: set, role: norm_role(&fold(role)), text }
    }

    /// A modifier as compared: `c:KGZ` for a country word, else its fold;
    /// fillers (`special`, `former`) do not count.
    pub(super) fn norm_mod(&self, m: &str) -> Option<String> {
        let f = fold(strip_possessive(m));
        if f.is_empty() || is_role_filler(&f) {
            return None;
        }
        Some(match self.country_of(&f) {
            Some(c) => format!("c:{c}"),
            None => f,
        })
    }

    /// `the Kyrgyz president` → the one person cluster the document
    /// describes so.
    pub(super) fn resolve_description(&self, s: &str, clusters: &[Cluster]) -> Option<usize> {
        let words: Vec<&str> = s.split_whitespace().collect();
        let start =
            usize::from(words.first().is_some_and(|w| matches!(fold(w).as_str(), "the" | "a" | "an")));
        let words = words.get(start..)?;
        let (last, mods) = words.split_last()?;
        let role = norm_role(&fold(last.trim_end_matches([',', '.'])));
        if !is_role(&role) && role != "spokesperson" {
            return None;
        }
        let want: BTreeSet<String> = mods.iter().filter_map(|m| self.norm_mod(m)).collect();
        let hits: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.alive && c.person && !c.bare)
            .filter(|(_, c)| c.descs.iter().any(|d| role_covers(&role, d) && want.is_subset(&d.mods)))
            .map(|(i, _)| i)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }
}
