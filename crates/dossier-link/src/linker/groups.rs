//! Within one document, items become groups of one actor: the same full
//! name, a surname or first name after the full name, an acronym the text
//! defines or whose letters are a name's initials, and then the
//! knowledge-base pass that merges groups sharing an entry.

use super::*;

impl Planner {
    pub(super) fn cluster(&self, text: &str, items: &[Item]) -> Vec<Cluster> {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; items.len()];
        let new_cluster = |clusters: &mut Vec<Cluster>, i: usize, it: &Item, bare: bool| {
            let mut labels = [0; 4];
            labels[label_ix(it.label)] += 1;
            clusters.push(Cluster {
                members: vec![(i, Evidence::First)],
                person: it.label == EntityLabel::Per,
                key: it.key.clone(),
                words: it.words.clone(),
                display: it.surface.clone(),
                acronym: it.acronym.then(|| it.key.clone()),
                bare,
                ambiguous: false,
                kb: None,
                descs: Vec::new(),
                country: it.country.clone(),
                labels,
                alive: true,
                place: None,
            });
            clusters.len() - 1
        };
        let join = |clusters: &mut Vec<Cluster>, c: usize, i: usize, it: &Item, ev: Evidence| {
            let cl = &mut clusters[c];
            cl.members.push((i, ev));
            cl.labels[label_ix(it.label)] += 1;
            if cl.country.is_none() {
                cl.country = it.country.clone();
            }
            // The fullest name wins the display.
            if !it.acronym && (it.words.len() > cl.words.len() || cl.acronym.is_some() && cl.words.len() == 1)
            {
                cl.words = it.words.clone();
                cl.key = it.key.clone();
                cl.display = it.surface.clone();
            }
        };
        // Pass A: full person names; non-person names that are not acronyms.
        let mut by_key: HashMap<(bool, String), usize> = HashMap::new();
        let mut by_translit: HashMap<String, usize> = HashMap::new();
        let mut by_first_last: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            let person = it.label == EntityLabel::Per;
            // A person named by one written word is a surname even when
            // folding splits it (`Botsan-Kharchenko`): Pass C places it.
            if it.acronym || (person && (it.words.len() < 2 || it.surface.split_whitespace().count() < 2)) {
                continue;
            }
            let k = (person, it.key.clone());
            let c = if let Some(&c) = by_key.get(&k) {
                join(&mut clusters, c, i, it, Evidence::SameName);
                c
            } else if let Some(&c) = person.then(|| by_translit.get(&translit_key(&it.key))).flatten() {
                join(&mut clusters, c, i, it, Evidence::Transliteration);
                c
            } else if let Some(c) = person
                .then(|| by_first_last.get(&first_last(&it.words)).filter(|v| v.len() == 1).map(|v| v[0]))
                .flatten()
            {
                join(&mut clusters, c, i, it, Evidence::PartialName);
                c
            } else {
                let c = new_cluster(&mut clusters, i, it, false);
                if person {
                    by_translit.insert(translit_key(&it.key), c);
                    let v = by_first_last.entry(first_last(&it.words)).or_default();
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
                c
            };
            by_key.insert(k, c);
            assigned[i] = Some(c);
        }
        // Pass B: acronyms.
        let mut acr_clusters: HashMap<String, usize> = HashMap::new();
        let defined = if items.iter().any(|it| it.acronym) { parenthesised(text) } else { HashMap::new() };
        // The non-person names of several words by their initials, made
        // once (not per acronym: a long text has thousands of both). Pass B
        // only adds clusters with an acronym, and only ever gives clusters
        // an acronym, so the test of `acronym` is left for the lookup.
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
        if items.iter().any(|it| it.acronym) {
            for (c, cl) in clusters.iter().enumerate() {
                if !cl.person && cl.words.len() >= 2 {
                    by_initials.entry(initials(&cl.key)).or_default().push(c);
                }
            }
        }
        for (i, it) in items.iter().enumerate() {
            if !it.acronym {
                continue;
            }
            if let Some(&c) = acr_clusters.get(&it.key) {
                join(&mut clusters, c, i, it, Evidence::SameName);
                assigned[i] = Some(c);
                continue;
            }
            let mut target = None;
            if let Some(exp) = defined_expansion(text, &defined, &it.surface) {
                let ek = fold(&exp);
                let ek = ek.strip_prefix("the ").map(str::to_string).unwrap_or(ek);
                target = match by_key.get(&(false, ek.clone())) {
                    Some(&c) => Some((c, Evidence::AcronymDefined)),
                    None => {
                        let c = new_cluster(&mut clusters, i, it, false);
                        let cl = &mut clusters[c];
                        cl.words = ek.split(' ').map(str::to_string).collect();
                        cl.key = ek.clone();
                        cl.display = exp.trim_start_matches("the ").trim_start_matches("The ").to_string();
                        cl.members[0].1 = Evidence::AcronymDefined;
                        by_key.insert((false, ek), c);
                        acr_clusters.insert(it.key.clone(), c);
                        assigned[i] = Some(c);
                        continue;
                    }
                };
            }
            if target.is_none() {
                let hits: Vec<usize> = by_initials
                    .get(&it.key)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .copied()
                    .filter(|&c| clusters[c].acronym.is_none())
                    .collect();
                if hits.len() == 1 {
                    target = Some((hits[0], Evidence::AcronymInitials));
                }
            }
            let c = match target {
                Some((c, ev)) => {
                    join(&mut clusters, c, i, it, ev);
                    clusters[c].acronym.get_or_insert_with(|| it.key.clone());
                    c
                }
                None => new_cluster(&mut clusters, i, it, false),
            };
            acr_clusters.insert(it.key.clone(), c);
            assigned[i] = Some(c);
        }
        // Pass A2: a one-word name that is the head of one longer name in
        // the document (`Scientology` after `Church of Scientology`, `States`
        // after `United States`), when the knowledge base does not know the
        // word on its own.
        let mut heads: HashMap<&str, Vec<usize>> = HashMap::new();
        for (c, cl) in clusters.iter().enumerate() {
            if !cl.person && cl.alive && cl.words.len() >= 2 && cl.acronym.is_none() {
                let last = cl.words.last().map(String::as_str).unwrap_or("");
                let v = heads.entry(last).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
                if cl.words.get(1).is_some_and(|w| w == "of") {
                    let v = heads.entry(cl.words[0].as_str()).or_default();
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
            }
        }
        let mut moves = Vec::new();
        for (c, cl) in clusters.iter().enumerate() {
            if cl.person || cl.words.len() != 1 || cl.acronym.is_some() || !self.kb.lookup(&cl.key).is_empty()
            {
                continue;
            }
            if let Some(t) = heads.get(cl.key.as_str()).filter(|v| v.len() == 1).map(|v| v[0]) {
                if t != c {
                    moves.push((c, t));
                }
            }
        }
        for (c, t) in moves {
            let members: Vec<(usize, Evidence)> = clusters[c].members.drain(..).collect();
            clusters[c].alive = false;
            for (i, _) in members {
                join(&mut clusters, t, i, &items[i], Evidence::PartialName);
                assigned[i] = Some(t);
            }
        }
        // Descriptions from titles before person names and appositions after.
        for cl in clusters.iter_mut() {
            if !cl.person {
                continue;
            }
            let mut descs = Vec::new();
            for &(i, _) in &cl.members {
                if items[i].mention.is_none() {
                    continue;
                }
                descs.extend(self.title_before(text, items[i].span));
                descs.extend(self.apposition_after(text, items[i].span));
            }
            for d in descs {
                if let Some(code) = d.mods.iter().find_map(|m| m.strip_prefix("c:")) {
                    cl.country.get_or_insert_with(|| code.to_string());
                }
                if !cl.descs.iter().any(|x| x.text == d.text) {
                    cl.descs.push(d);
                }
            }
        }
        // Pass C: single-word person names.
        let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
        for (c, cl) in clusters.iter().enumerate() {
            if cl.person && cl.words.len() >= 2 {
                // The last written word too, when folding splits it: the
                // surname `Botsan-Kharchenko` of `Alexander Botsan-Kharchenko`.
                let written = cl
                    .display
                    .split_whitespace()
                    .nth(1)
                    .and_then(|_| cl.display.split_whitespace().last())
                    .map(|w| fold(strip_possessive(w)))
                    .filter(|w| w.contains(' '));
                // The middle words of a longer name too: the paternal surname
                // of `Gustavo Pareja Linares`, which Spanish-language news uses
                // alone (`Pareja said`), not its particles (`da`, `van`).
                let middle = cl.words[1..cl.words.len() - 1]
                    .iter()
                    .filter(|w| w.chars().count() >= 3 && !is_connector(w));
                for w in
                    [cl.words.first(), cl.words.last(), written.as_ref()].into_iter().flatten().chain(middle)
                {
                    for k in [w.clone(), format!("t:{}", translit_key(w))] {
                        let v = by_part.entry(k).or_default();
                        if !v.contains(&c) {
                            v.push(c);
                        }
                    }
                }
            }
        }
        let mut bare: HashMap<String, usize> = HashMap::new();
        let misread_candidates = self.misread_candidates(&clusters);
        for (i, it) in items.iter().enumerate() {
            if assigned[i].is_some() || it.label != EntityLabel::Per {
                continue;
            }
            let w = &it.key;
            // A bare title (`the President`) is the one person the document
            // gives that title.
            if it.words.len() == 1 && is_role(&norm_role(w)) {
                if let Some(c) = self.resolve_description(&it.surface, &clusters) {
                    join(&mut clusters, c, i, it, Evidence::Description);
                    assigned[i] = Some(c);
                    continue;
                }
            }
            let exact = by_part.get(w).cloned().unwrap_or_default();
            let cands = if exact.is_empty() {
                by_part.get(&format!("t:{}", translit_key(w))).cloned().unwrap_or_default()
            } else {
                exact
            };
            // The same word NER labels as a non-person elsewhere in the
            // document (`Wikileaks` as PER here, MISC there) is that name,
            // unless a person's name holds the word.
            let other = by_key.get(&(false, w.clone())).copied().filter(|&c| clusters[c].alive);
            // No person holds the word, but one full name the tagger took
            // for an organisation or other name ends in it (`Melis
            // Myrzakmatov` tagged ORG, then `Myrzakmatov said`): the
            // surname is that name's, and the name a person's, unless the
            // knowledge base knows the full name as something else.
            let misread = if cands.is_empty() && it.words.len() == 1 && other.is_none() {
                misread_full_name(w, &clusters, &misread_candidates)
            } else {
                None
            };
            let c = if cands.len() == 1 {
                join(&mut clusters, cands[0], i, it, Evidence::PartialName);
                cands[0]
            } else if let (true, Some(c)) = (cands.is_empty() && it.words.len() == 1, other) {
                join(&mut clusters, c, i, it, Evidence::SameName);
                c
            } else if let Some(c) = misread {
                join(&mut clusters, c, i, it, Evidence::PartialName);
                clusters[c].person = true;
                by_part.entry(w.clone()).or_default().push(c);
                c
            } else if let Some(&c) = bare.get(w) {
                join(&mut clusters, c, i, it, Evidence::SameName);
                c
            } else {
                let c = new_cluster(&mut clusters, i, it, true);
                clusters[c].ambiguous = cands.len() > 1;
                bare.insert(w.clone(), c);
                c
            };
            assigned[i] = Some(c);
        }
        clusters
    }

    /// The clusters that could be a person's full name mislabelled ORG or
    /// MISC, by last word: two or three capitalised words, no acronym,
    /// unknown to the knowledge base, not a person. Made once before pass C
    /// (not per single name: a long text has thousands of both); pass C
    /// changes none of these facts of a non-person cluster (it only joins
    /// one-word names to them and makes clusters persons), so
    /// [`misread_full_name`] checks the ones it can change.
    pub(super) fn misread_candidates(&self, clusters: &[Cluster]) -> HashMap<String, Vec<usize>> {
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        for (c, cl) in clusters.iter().enumerate() {
            let written: Vec<&str> = cl.display.split_whitespace().collect();
            let fits = !cl.person
                && cl.acronym.is_none()
                && (2..=3).contains(&cl.words.len())
                && written.len() == cl.words.len()
                && written.iter().all(|x| x.chars().next().is_some_and(char::is_uppercase))
                && self.kb.lookup(&cl.key).is_empty();
            if let (true, Some(last)) = (fits, cl.words.last()) {
                out.entry(last.clone()).or_default().push(c);
            }
        }
        out
    }

    /// Links clusters to the knowledge base and merges clusters that meet
    /// in one entry.
    pub(super) fn kb_pass(&self, clusters: &mut [Cluster], geo: &crate::geo::Gazetteer) {
        for cl in clusters.iter_mut() {
            if cl.ambiguous || !cl.alive {
                continue;
            }
            let major = major_label(&cl.labels);
            let ok = |k: EntityKind, via: KbVia| match major {
                EntityLabel::Per => k == EntityKind::Person,
                EntityLabel::Loc => matches!(k, EntityKind::Country | EntityKind::Place),
                EntityLabel::Org => {
                    matches!(k, EntityKind::Organisation | EntityKind::Group)
                        || k == EntityKind::Country && via != KbVia::Adjective
                }
                EntityLabel::Misc => {
                    matches!(k, EntityKind::Group | EntityKind::Organisation) || k == EntityKind::Country
                }
            };
            let mut keys = vec![cl.key.clone()];
            if let Some(a) = &cl.acronym {
                keys.push(a.clone());
            }
            let mut found = None;
            for (n, k) in keys.iter().enumerate() {
                // The acronym of a cluster the text names in full (keys[1])
                // names an entry only when that full name could be the
                // entry's: `USI` after `University of Southern Indiana` is
                // not the knowledge base's United Stationers Inc.
                let fits =
                    |i: u32| n == 0 || cl.words.len() < 2 || expansion_fits(&self.kb.entry(i).name, &cl.key);
                let hits: Vec<(u32, KbVia)> = self
                    .kb
                    .lookup(k)
                    .iter()
                    .copied()
                    .filter(|(i, via)| ok(self.kb.entry(*i).kind, *via) && fits(*i))
                    .collect();
                if let Some(h) = pick(&self.kb, &hits) {
                    found = Some(h);
                    break;
                }
            }
            if found.is_none() && cl.acronym.is_none() && (cl.words.len() >= 2 || major == EntityLabel::Loc) {
                let hits: Vec<(u32, KbVia)> = self
                    .kb
                    .lookup_translit(&translit_key(&cl.key))
                    .iter()
                    .filter(|i| ok(self.kb.entry(**i).kind, KbVia::Translit))
                    .map(|&i| (i, KbVia::Translit))
                    .collect();
                found = pick(&self.kb, &hits);
            }
            // A bare surname takes a knowledge-base person only when that is
            // the one person listed under exactly that single name.
            if cl.bare {
                found = found.filter(|(i, _)| {
                    let e = self.kb.entry(*i);
                    e.kind == EntityKind::Person && self.kb.lookup(&cl.key).len() == 1
                });
            }
            // A country's alias that GeoNames names a place of it is that
            // place (`Western Australia`), in that country.
            if let Some((e, KbVia::Alias)) = found {
                let en = self.kb.entry(e);
                let country = (en.kind == EntityKind::Country).then(|| places::country_of(geo, en)).flatten();
                if country.and_then(|c| places::place_in_country(geo, &cl.key, c)).is_some() {
                    found = None;
                    cl.country = en.code.clone();
                }
            }
            cl.kb = found;
        }
        // Merge clusters with one entry into the earliest.
        let mut first: HashMap<u32, usize> = HashMap::new();
        for c in 0..clusters.len() {
            let Some((e, via)) = clusters[c].kb.filter(|_| clusters[c].alive) else { continue };
            match first.get(&e) {
                None => {
                    first.insert(e, c);
                }
                Some(&t) => {
                    let ev = if via == KbVia::Adjective { Evidence::Demonym } else { Evidence::KbAlias };
                    let moved: Vec<(usize, Evidence)> = clusters[c].members.drain(..).collect();
                    let descs = std::mem::take(&mut clusters[c].descs);
                    let labels = clusters[c].labels;
                    clusters[c].alive = false;
                    let tc = &mut clusters[t];
                    for (i, old) in moved {
                        let e2 = if old == Evidence::First { ev } else { old };
                        tc.members.push((i, e2));
                    }
                    for (t, n) in tc.labels.iter_mut().zip(labels) {
                        *t += n;
                    }
                    tc.descs.extend(descs);
                    if tc.bare && !clusters[c].bare {
                        let (w, k, d) =
                            (clusters[c].words.clone(), clusters[c].key.clone(), clusters[c].display.clone());
                        let tc = &mut clusters[t];
                        tc.bare = false;
                        tc.words = w;
                        tc.key = k;
                        tc.display = d;
                    }
                }
            }
        }
        for cl in clusters.iter_mut() {
            cl.members.sort_by_key(|m| m.0);
            if let Some((_, KbVia::Adjective)) = cl.kb {
                for m in cl.members.iter_mut() {
                    if m.1 == Evidence::First {
                        m.1 = Evidence::Demonym;
                    }
                }
            }
        }
    }
}

/// Whether a full name the text gives (`key`, folded) could be the
/// knowledge-base name `entry_name`: at least half of the content words of
/// the shorter one are in the other (`Organization for Security and
/// Co-operation in Europe` ~ `Organisation for Security and Co-operation in
/// Europe`; `University of Southern Indiana` ≁ `United Stationers Inc`).
fn expansion_fits(entry_name: &str, key: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !is_connector(w))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(entry_name), words(key));
    let shared = a.intersection(&b).count();
    shared * 2 >= a.len().min(b.len()).max(1)
}

/// The one cluster of the document that looks like a person's full name
/// mislabelled ORG or MISC and ends in the surname `w`: one of the
/// [`Linker::misread_candidates`] for `w` that is still alive, still no
/// person, and labelled ORG or MISC only. `None` when there is no such
/// cluster or more than one.
fn misread_full_name(
    w: &str,
    clusters: &[Cluster],
    candidates: &HashMap<String, Vec<usize>>,
) -> Option<usize> {
    let mut found = None;
    for &c in candidates.get(w).map_or(&[][..], Vec::as_slice) {
        let cl = &clusters[c];
        if cl.alive
            && !cl.person
            && cl.labels[label_ix(EntityLabel::Per)] == 0
            && cl.labels[label_ix(EntityLabel::Loc)] == 0
        {
            if found.is_some() {
                return None;
            }
            found = Some(c);
        }
    }
    found
}

#[cfg(test)]
mod expansion_tests {
    use super::expansion_fits;

    #[test]
    fn an_acronym_keeps_to_entries_its_full_name_could_be() {
        assert!(expansion_fits(
            "Organisation for Security and Co-operation in Europe",
            "organization for security and co-operation in europe"
        ));
        assert!(expansion_fits("North Atlantic Treaty Organization", "north atlantic treaty organisation"));
        assert!(!expansion_fits("United Stationers Inc", "university of southern indiana"));
        assert!(!expansion_fits("Communist Party of China", "chinese progressive party"));
    }
}
