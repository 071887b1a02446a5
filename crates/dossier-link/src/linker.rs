//! The linker: groups a document's mentions into entities, then ties each
//! group to an entity across documents through an [`EntityIndex`].
//!
//! Within a document, mentions join on evidence in this order: the same full
//! name; a surname or first name after the full name; an acronym the text
//! defines or whose letters are a name's initials; the same knowledge-base
//! entry (alias, acronym, country adjective); and, for quote speakers, the
//! mention they overlap, the name the attribution stage resolved, or a
//! description the document ties to one name (`the Kyrgyz president`).
//!
//! Across documents, each group looks itself up under keys: its
//! knowledge-base entry, its folded full name, its transliteration key; a
//! bare surname only joins an entity when the documents share context
//! (other actors), otherwise it stays apart. New entities get readable slug
//! ids, with `-2`, `-3` … when an id is taken, chosen in input order so the
//! same input gives the same ids.
//!
//! Work per document is a few hash lookups per mention, so linking N
//! documents takes time linear in N.

use std::collections::{BTreeSet, HashMap, HashSet};

use dossier_core::{Annotations, EntityLabel, Span};

use crate::index::{EntityIndex, EntityRecord, Evidence, KbFacts, MemoryIndex};
use crate::kb::{EntityKind, KbVia, KnowledgeBase};
use crate::names::{
    fold, initials, is_acronym, is_connector, is_corporate_suffix, is_role, is_role_filler, is_title, slug,
    strip_possessive, translit_key,
};

/// Most slug bases whose next free suffix the linker remembers.
const MAX_SUFFIX_HINTS: usize = 65_536;

/// An analyst's decisions, consulted before linking.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// Entity id → the id it was merged into.
    pub merged: HashMap<String, String>,
    /// (folded name, entity id): a name that must not join that entity (a split).
    pub distinct: HashSet<(String, String)>,
}

impl Decisions {
    fn resolve(&self, id: &str) -> String {
        let mut cur = id.to_string();
        for _ in 0..16 {
            match self.merged.get(&cur) {
                Some(n) if *n != cur => cur = n.clone(),
                _ => break,
            }
        }
        cur
    }
}

/// How one mention (or speaker) was linked.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionLink {
    /// The entity id.
    pub entity: String,
    /// The evidence the link rests on: how the mention joined its group in
    /// the document, then how the group joined the entity across documents
    /// (the founding mention of a new entity has none).
    pub evidence: Vec<Evidence>,
    /// Confidence 0–1: that of the weakest evidence.
    pub confidence: f32,
}

/// What linking one document produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocLinks {
    /// One entry per `Annotations::entities` item.
    pub mentions: Vec<Option<MentionLink>>,
    /// One entry per `Annotations::quotes` item (its speaker).
    pub speakers: Vec<Option<MentionLink>>,
    /// The entities of the document, in order of first mention.
    pub entities: Vec<String>,
}

/// The cross-document linker. Feed it documents one at a time with
/// [`Linker::link`]; its state lives in the index `I`.
#[derive(Debug)]
pub struct Linker<I: EntityIndex = MemoryIndex> {
    kb: KnowledgeBase,
    index: I,
    decisions: Decisions,
    /// For each slug base, the next suffix worth trying: ids are never freed,
    /// so probing can start there (without it, the thousandth `burns` would
    /// probe a thousand ids).
    next_suffix: HashMap<String, usize>,
}

impl Linker<MemoryIndex> {
    /// A linker over the embedded knowledge base with an in-memory index.
    pub fn with_embedded_kb() -> Self {
        Linker::new(KnowledgeBase::embedded(), MemoryIndex::new())
    }
}

/// One thing to link: a mention, or a speaker name no mention covers.
#[derive(Debug, Clone)]
struct Item {
    /// Index into `ann.entities`, or `None` for a speaker name.
    mention: Option<usize>,
    span: Span,
    label: EntityLabel,
    surface: String,
    words: Vec<String>,
    key: String,
    acronym: bool,
    country: Option<String>,
}

#[derive(Debug, Clone)]
struct Desc {
    mods: BTreeSet<String>,
    role: String,
    text: String,
}

#[derive(Debug, Clone)]
struct Cluster {
    members: Vec<(usize, Evidence)>,
    person: bool,
    key: String,
    words: Vec<String>,
    display: String,
    acronym: Option<String>,
    bare: bool,
    ambiguous: bool,
    kb: Option<(u32, KbVia)>,
    descs: Vec<Desc>,
    country: Option<String>,
    labels: [usize; 4],
    alive: bool,
}

impl<I: EntityIndex> Linker<I> {
    /// A linker over a knowledge base and an index.
    pub fn new(kb: KnowledgeBase, index: I) -> Self {
        Linker { kb, index, decisions: Decisions::default(), next_suffix: HashMap::new() }
    }

    /// Sets the analyst's decisions.
    pub fn set_decisions(&mut self, d: Decisions) {
        self.decisions = d;
    }

    /// The index (for reading the entities).
    pub fn index(&self) -> &I {
        &self.index
    }

    /// The index, mutably (a store-backed index also writes documents).
    pub fn index_mut(&mut self) -> &mut I {
        &mut self.index
    }

    /// Gives the index back.
    pub fn into_index(self) -> I {
        self.index
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Links one document: fills `entity` on its mentions and speakers and
    /// returns the links with their evidence. Never fails; spans that do not
    /// fit the text are left unlinked.
    pub fn link(&mut self, text: &str, ann: &mut Annotations) -> DocLinks {
        let items = self.items(text, ann);
        let mut clusters = self.cluster(text, &items);
        self.kb_pass(&mut clusters);
        // Speakers resolved by description, before entities are assigned.
        let mut speaker_cluster: Vec<Option<(usize, Evidence)>> = vec![None; ann.quotes.len()];
        let item_cluster = member_map(&clusters, items.len());
        for (qi, q) in ann.quotes.iter().enumerate() {
            let Some(sp) = &q.speaker else { continue };
            // 1. A mention it overlaps (the longest such).
            let role_end = text.get(sp.span.start..sp.span.end).and_then(|s| {
                let last = s.trim_end().rsplit(char::is_whitespace).next()?;
                is_role(&norm_role(&fold(last))).then(|| sp.span.start + s.trim_end().len())
            });
            let over = items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.mention.is_some() && it.span.overlaps(&sp.span))
                .filter(|(_, it)| role_end.is_none_or(|e| it.span.end >= e))
                .filter(|(_, it)| !possessive_modifier(text, sp.span, it.span))
                .max_by_key(|(i, it)| (it.span.len(), std::cmp::Reverse(*i)))
                .map(|(i, _)| i);
            if let Some(i) = over {
                speaker_cluster[qi] = item_cluster[i].map(|c| (c, Evidence::Speaker));
                continue;
            }
            // 2. A speaker-name item.
            if let Some(i) = items.iter().position(|it| it.mention.is_none() && it.span == sp.span) {
                speaker_cluster[qi] = item_cluster[i].map(|c| (c, Evidence::Speaker));
                continue;
            }
            // 3. A description.
            if let Some(s) = text.get(sp.span.start..sp.span.end) {
                if let Some(c) = self.resolve_description(s, &clusters) {
                    speaker_cluster[qi] = Some((c, Evidence::Description));
                }
            }
        }
        // Across documents.
        let mut order: Vec<usize> = (0..clusters.len()).filter(|&c| clusters[c].alive).collect();
        // Names that only context can place go last, when the document's
        // other actors are known.
        order.sort_by_key(|&c| {
            let last = clusters[c].bare || weak_single(&clusters[c]);
            (last, clusters[c].members.first().map_or(usize::MAX, |m| m.0))
        });
        let mut cluster_entity: Vec<Option<(String, Evidence)>> = vec![None; clusters.len()];
        let mut doc_ctx: BTreeSet<String> = BTreeSet::new();
        for &c in &order {
            let (id, ev) = self.resolve_cluster(&clusters[c], &items, &doc_ctx);
            if !clusters[c].bare {
                doc_ctx.insert(id.clone());
            }
            cluster_entity[c] = Some((id, ev));
        }
        // Write links and update records.
        let mut links = DocLinks {
            mentions: vec![None; ann.entities.len()],
            speakers: vec![None; ann.quotes.len()],
            entities: Vec::new(),
        };
        let mut first_pos: HashMap<String, usize> = HashMap::new();
        for (c, cl) in clusters.iter().enumerate() {
            let Some((id, cross)) = &cluster_entity[c] else { continue };
            for &(i, ev) in &cl.members {
                let it = &items[i];
                let Some(m) = it.mention else { continue };
                let link = make_link(id, &[ev, *cross]);
                ann.entities[m].entity = Some(id.clone());
                links.mentions[m] = Some(link);
                let p = first_pos.entry(id.clone()).or_insert(it.span.start);
                *p = (*p).min(it.span.start);
            }
        }
        for (qi, sc) in speaker_cluster.iter().enumerate() {
            let Some((c, ev)) = sc else { continue };
            let Some((id, cross)) = &cluster_entity[*c] else { continue };
            if let Some(sp) = ann.quotes[qi].speaker.as_mut() {
                sp.entity = Some(id.clone());
                if sp.name.is_none() {
                    sp.name = Some(clusters[*c].display.clone());
                }
            }
            links.speakers[qi] = Some(make_link(id, &[*ev, *cross]));
            first_pos
                .entry(id.clone())
                .or_insert(ann.quotes[qi].speaker.as_ref().map_or(0, |s| s.span.start));
        }
        let mut ids: Vec<(usize, String)> = first_pos.into_iter().map(|(k, v)| (v, k)).collect();
        ids.sort();
        links.entities = ids.into_iter().map(|(_, k)| k).collect();
        // Per-document counts and context: the actors the document
        // mentions most (ties: first mentioned first).
        let mut n_links: HashMap<&str, usize> = HashMap::new();
        for l in links.mentions.iter().chain(&links.speakers).flatten() {
            *n_links.entry(l.entity.as_str()).or_default() += 1;
        }
        let mut salient: Vec<&str> = links.entities.iter().map(String::as_str).collect();
        salient.sort_by_key(|id| std::cmp::Reverse(n_links.get(id).copied().unwrap_or(0)));
        salient.truncate(crate::index::CONTEXT_PER_DOC);
        salient.reverse(); // added last = most recent = first among equals
        let mut counted: HashSet<&str> = HashSet::new();
        for id in &links.entities {
            if !counted.insert(id) {
                continue;
            }
            if let Some(mut rec) = self.fetch(id) {
                rec.documents += 1;
                rec.add_context(salient.iter().copied());
                self.index.upsert(&rec, &[]);
            }
        }
        links
    }

    fn fetch(&self, id: &str) -> Option<EntityRecord> {
        self.index.candidates(&format!("id:{id}")).into_iter().find(|r| r.id == id)
    }

    /// Cleans mentions (and uncovered speaker names) into items.
    fn items(&self, text: &str, ann: &Annotations) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, m) in ann.entities.iter().enumerate() {
            let Some(s) = text.get(m.span.start..m.span.end) else { continue };
            if let Some(mut it) = self.item(Some(i), m.span, m.label, s) {
                // A name cut short by NER (`Organisation for Security and
                // Co-operation` before `in Europe`) takes the words after it
                // when the knowledge base knows the longer name exactly.
                if it.label != EntityLabel::Per && !it.acronym && self.kb.lookup(&it.key).is_empty() {
                    if let Some(longer) = self.kb_extension(text, m.span, s) {
                        if let Some(ext) = self.item(Some(i), m.span, m.label, &longer) {
                            it = ext;
                        }
                    }
                }
                items.push(it);
            }
        }
        for q in &ann.quotes {
            let Some(sp) = &q.speaker else { continue };
            let Some(name) = &sp.name else { continue };
            if ann
                .entities
                .iter()
                .any(|m| m.span.overlaps(&sp.span) && !possessive_modifier(text, sp.span, m.span))
            {
                continue;
            }
            if items.iter().any(|it: &Item| it.mention.is_none() && it.span == sp.span) {
                continue;
            }
            // A speaker takes the label of a mention of the same name in the
            // document (`CSTO`); else it is a person unless the knowledge
            // base knows the name as something else (`Thailand`, `AFP`).
            let folded = fold(name);
            let same = ann.entities.iter().find(|m| {
                text.get(m.span.start..m.span.end).is_some_and(|s| {
                    let f = fold(strip_possessive(s.trim()));
                    f == folded || f.strip_prefix("the ") == Some(folded.as_str())
                })
            });
            let kind = self.kb.lookup(&folded).first().map(|(i, _)| self.kb.entry(*i).kind);
            let label = match (same, kind) {
                (Some(m), _) => m.label,
                (None, Some(EntityKind::Country | EntityKind::Place)) => EntityLabel::Loc,
                (None, Some(EntityKind::Organisation | EntityKind::Group)) => EntityLabel::Org,
                _ => EntityLabel::Per,
            };
            if let Some(it) = self.item(None, sp.span, label, name) {
                items.push(it);
            }
        }
        items
    }

    fn item(&self, mention: Option<usize>, span: Span, label: EntityLabel, raw: &str) -> Option<Item> {
        let mut surface = strip_possessive(raw.trim()).trim().to_string();
        for the in ["the ", "The ", "THE "] {
            if let Some(s) = surface.strip_prefix(the) {
                surface = s.trim().to_string();
            }
        }
        let acronym = label != EntityLabel::Per && is_acronym(&surface);
        let mut person_country = None;
        if label == EntityLabel::Per {
            // Titles go, up to the last one before the name: `US President
            // Barack Obama`, `Home Secretary Suella Braverman`, `Mr Key`.
            let toks: Vec<&str> = surface.split_whitespace().collect();
            let cut = (0..toks.len().saturating_sub(1))
                .rev()
                .find(|&k| {
                    let f = fold(toks[k]);
                    !f.is_empty() && f.split(' ').all(is_title)
                })
                .map_or(0, |k| k + 1);
            // A country before the name says where the person is from
            // (`United States Hamdullah Mohib` is not a longer name).
            let mut toks: Vec<&str> = toks[cut..].to_vec();
            let mut from = None;
            for k in (1..=3).rev() {
                if toks.len() >= k + 2 {
                    if let Some(c) = self.country_of(&fold(&toks[..k].join(" "))) {
                        from = Some(c);
                        toks.drain(..k);
                        break;
                    }
                }
            }
            if cut > 0 || from.is_some() {
                surface = toks.join(" ");
            }
            person_country = from;
        }
        let folded = fold(&surface);
        let mut words: Vec<String> =
            folded.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        if words.is_empty() {
            return None;
        }
        let mut country = person_country;
        if label == EntityLabel::Per {
            // Drop a single-letter middle initial: `Kimmo A. Kiljunen`.
            if words.len() > 2 {
                let last = words.len() - 1;
                let kept: Vec<String> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| *i == 0 || *i == last || w.len() > 1)
                    .map(|(_, w)| w.clone())
                    .collect();
                words = kept;
            }
        } else if !acronym {
            while words.len() > 1 && words.last().is_some_and(|w| is_corporate_suffix(w)) {
                words.pop();
            }
            // A country adjective that modifies the name: `Kyrgyz security forces`.
            if words.len() > 1 {
                if let Some(code) = self.country_of(&words[0]) {
                    country = Some(code);
                }
            }
        }
        let key = words.join(" ");
        Some(Item { mention, span, label, surface, words, key, acronym, country })
    }

    /// The mention's words followed by up to four more (`in Europe`), the
    /// longest such name the knowledge base lists as an organisation or
    /// group, by name or alias; `None` when there is none.
    fn kb_extension(&self, text: &str, span: Span, surface: &str) -> Option<String> {
        let after = text.get(span.end..)?;
        let mut cut = after.len().min(80);
        while !after.is_char_boundary(cut) {
            cut -= 1;
        }
        let after = &after[..cut];
        // Only on the same line, and only words that continue the name.
        let after = after.split(['\n', ',', ';', '(', ')', ':', '"', '“', '”']).next().unwrap_or("");
        let words: Vec<&str> = after.split_whitespace().take(4).collect();
        if !words.first().is_some_and(|w| is_connector(&fold(w))) {
            return None;
        }
        for n in (2..=words.len()).rev() {
            let tail = &words[..n];
            let last = tail[n - 1].trim_end_matches(['.', '!', '?', '\'']);
            if !last.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let cand = format!("{} {} {}", surface.trim(), tail[..n - 1].join(" "), last);
            // Without hyphens first (`Co-operation` is `Cooperation`; the
            // knowledge base lists some names both ways, as two entries,
            // and the unhyphenated one is the one its acronyms point to),
            // then as written.
            for c in [cand.replace('-', ""), cand.clone()] {
                let f = fold(&c);
                let f = f.strip_prefix("the ").unwrap_or(&f);
                let known = self.kb.lookup(f).iter().any(|(e, via)| {
                    matches!(via, KbVia::Name | KbVia::Alias)
                        && matches!(self.kb.entry(*e).kind, EntityKind::Organisation | EntityKind::Group)
                });
                if known {
                    return Some(c);
                }
            }
        }
        None
    }

    /// The country code a single word points to (`kyrgyz` → `KGZ`).
    fn country_of(&self, folded_word: &str) -> Option<String> {
        self.kb
            .lookup(folded_word)
            .iter()
            .map(|(i, _)| self.kb.entry(*i))
            .find(|e| e.kind == EntityKind::Country)
            .and_then(|e| e.code.clone())
    }

    fn cluster(&self, text: &str, items: &[Item]) -> Vec<Cluster> {
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
            if let Some(exp) = defined_expansion(text, &it.surface) {
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
                let hits: Vec<usize> = clusters
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        !c.person && c.words.len() >= 2 && c.acronym.is_none() && initials(&c.key) == it.key
                    })
                    .map(|(c, _)| c)
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
                for w in [cl.words.first(), cl.words.last(), written.as_ref()].into_iter().flatten() {
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
                self.misread_full_name(w, &clusters)
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

    /// The one cluster of the document that looks like a person's full
    /// name mislabelled ORG or MISC and ends in the surname `w`: two or
    /// three capitalised words, no acronym, labelled ORG or MISC only,
    /// unknown to the knowledge base. `None` when there is no such cluster
    /// or more than one.
    fn misread_full_name(&self, w: &str, clusters: &[Cluster]) -> Option<usize> {
        let mut found = None;
        for (c, cl) in clusters.iter().enumerate() {
            let written: Vec<&str> = cl.display.split_whitespace().collect();
            let fits = cl.alive
                && !cl.person
                && cl.acronym.is_none()
                && (2..=3).contains(&cl.words.len())
                && cl.words.last().is_some_and(|l| l == w)
                && written.len() == cl.words.len()
                && written.iter().all(|x| x.chars().next().is_some_and(char::is_uppercase))
                && cl.labels[label_ix(EntityLabel::Per)] == 0
                && cl.labels[label_ix(EntityLabel::Loc)] == 0
                && self.kb.lookup(&cl.key).is_empty();
            if fits {
                if found.is_some() {
                    return None;
                }
                found = Some(c);
            }
        }
        found
    }

    /// Links clusters to the knowledge base and merges clusters that meet
    /// in one entry.
    fn kb_pass(&self, clusters: &mut [Cluster]) {
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
            for k in &keys {
                let hits: Vec<(u32, KbVia)> = self
                    .kb
                    .lookup(k)
                    .iter()
                    .copied()
                    .filter(|(i, via)| ok(self.kb.entry(*i).kind, *via))
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

    /// A title phrase right before a person's name: `Kyrgyz President`,
    /// `OSCE special envoy`.
    fn title_before(&self, text: &str, span: Span) -> Option<Desc> {
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
    fn apposition_after(&self, text: &str, span: Span) -> Option<Desc> {
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

    fn desc(&self, mods: &[&str], role: &str) -> Desc {
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
    fn norm_mod(&self, m: &str) -> Option<String> {
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
    fn resolve_description(&self, s: &str, clusters: &[Cluster]) -> Option<usize> {
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

    /// Finds or creates the entity of one cluster and updates its record.
    fn resolve_cluster(
        &mut self,
        cl: &Cluster,
        items: &[Item],
        doc_ctx: &BTreeSet<String>,
    ) -> (String, Evidence) {
        let major = major_label(&cl.labels);
        let kind = match cl.kb {
            Some((e, _)) => self.kb.entry(e).kind,
            None => match major {
                EntityLabel::Per => EntityKind::Person,
                EntityLabel::Org => EntityKind::Organisation,
                EntityLabel::Loc => EntityKind::Place,
                EntityLabel::Misc => EntityKind::Other,
            },
        };
        let p = if cl.person { "p" } else { "x" };
        let mut keys: Vec<String> = Vec::new();
        let kb_key = cl.kb.map(|(e, _)| {
            let en = self.kb.entry(e);
            format!("kb:{}:{}", en.kind.as_str(), fold(&en.name))
        });
        if let Some(k) = &kb_key {
            keys.push(k.clone());
        }
        // The names the cluster goes by: its fullest, then the other names its
        // members carry on strong evidence, then its acronym.
        let mut names: Vec<String> = vec![cl.key.clone()];
        for &(i, ev) in &cl.members {
            let it = &items[i];
            let strong = !matches!(ev, Evidence::PartialName | Evidence::Description | Evidence::Context);
            if strong && (!cl.person || it.words.len() >= 2) && !names.contains(&it.key) {
                names.push(it.key.clone());
            }
        }
        if let Some(a) = &cl.acronym {
            if !names.contains(a) {
                names.push(a.clone());
            }
        }
        if cl.bare {
            keys.push(format!("b:{}", cl.key));
        } else {
            keys.extend(names.iter().map(|n| format!("n:{p}:{n}")));
            if cl.person {
                keys.push(format!("t:p:{}", translit_key(&cl.key)));
                if let Some(last) = cl.words.last() {
                    keys.push(format!("s:{last}"));
                }
            }
        }
        let allowed = |r: &EntityRecord| !self.decisions.distinct.contains(&(cl.key.clone(), r.id.clone()));
        let kind_ok = |r: &EntityRecord| match (r.kind, kind) {
            (Some(a), b) => (a == EntityKind::Person) == (b == EntityKind::Person),
            (None, _) => true,
        };
        let mut found: Option<(EntityRecord, Evidence)> = None;
        if let Some(k) = &kb_key {
            found = self.index.candidates(k).into_iter().find(|r| allowed(r)).map(|r| {
                let same = r.aliases.iter().any(|a| fold(a) == cl.key) || fold(&r.name) == cl.key;
                (r, if same { Evidence::SameName } else { Evidence::KbAlias })
            });
        } else if !cl.bare {
            // An unknown one-word name NER did not call a person (`Kiljunen
            // said …` tagged ORG) may be a known person's surname: context
            // decides first, as for a bare surname; the same word seen
            // before is no stronger evidence.
            if weak_single(cl) {
                found = self.surname_by_context(cl, doc_ctx, &allowed);
            }
            for n in &names {
                if found.is_some() {
                    break;
                }
                found = self
                    .index
                    .candidates(&format!("n:{p}:{n}"))
                    .into_iter()
                    .find(|r| allowed(r) && kind_ok(r))
                    .map(|r| (r, Evidence::SameName));
                if found.is_some() {
                    break;
                }
            }
            // Last, a head word its members share with an entity seen before
            // (`Church of Scientology` here, `Scientology` there).
            if found.is_none() && !cl.person {
                for &(i, ev) in &cl.members {
                    if ev != Evidence::PartialName || names.contains(&items[i].key) {
                        continue;
                    }
                    found = self
                        .index
                        .candidates(&format!("n:x:{}", items[i].key))
                        .into_iter()
                        .find(|r| allowed(r) && kind_ok(r))
                        .map(|r| (r, Evidence::PartialName));
                    if found.is_some() {
                        break;
                    }
                }
            }
            if found.is_none() && cl.person {
                found = self
                    .index
                    .candidates(&format!("t:p:{}", translit_key(&cl.key)))
                    .into_iter()
                    .find(|r| allowed(r) && kind_ok(r))
                    .map(|r| (r, Evidence::Transliteration));
            }
        } else {
            // A bare surname: only context can tell which actor it is.
            found = self.surname_by_context(cl, doc_ctx, &allowed);
        }
        let (mut rec, cross) = match found {
            Some((r, ev)) => (r, ev),
            None => (self.new_record(cl, kind), Evidence::First),
        };
        // Analyst merges redirect to the surviving entity.
        let target = self.decisions.resolve(&rec.id);
        let cross = if target != rec.id {
            rec = self.fetch(&target).unwrap_or_else(|| EntityRecord { id: target.clone(), ..rec.clone() });
            Evidence::Decision
        } else {
            cross
        };
        for &(i, ev) in &cl.members {
            let it = &items[i];
            if it.mention.is_some() {
                rec.mentions += 1;
            }
            rec.add_alias(&it.surface);
            rec.add_evidence(if ev == Evidence::First { cross } else { ev }, 1);
        }
        if cl.bare && rec.aliases.is_empty() {
            rec.add_alias(&cl.display);
        }
        for d in &cl.descs {
            if rec.descriptions.len() < crate::index::MAX_ALIASES && !rec.descriptions.contains(&d.text) {
                rec.descriptions.push(d.text.clone());
            }
        }
        if rec.country.is_none() {
            if let Some(c) = &cl.country {
                rec.country = self.kb.country(c).map(|e| e.name.clone());
            }
        }
        self.index.upsert(&rec, &keys);
        (rec.id, cross)
    }

    /// The person a one-word name is the surname of, when the documents
    /// share at least two other actors with that person and more than with
    /// any other candidate.
    fn surname_by_context(
        &self,
        cl: &Cluster,
        doc_ctx: &BTreeSet<String>,
        allowed: &dyn Fn(&EntityRecord) -> bool,
    ) -> Option<(EntityRecord, Evidence)> {
        let mut cands = self.index.candidates(&format!("s:{}", cl.key));
        cands.extend(self.index.candidates(&format!("b:{}", cl.key)));
        let mut scored: Vec<(usize, EntityRecord)> = cands
            .into_iter()
            .filter(|r| allowed(r) && r.kind == Some(EntityKind::Person))
            .map(|r| (r.context.iter().filter(|(id, _)| doc_ctx.contains(id)).count(), r))
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.dedup_by(|a, b| a.1.id == b.1.id);
        let best = scored.first().map_or(0, |s| s.0);
        let second = scored.get(1).map_or(0, |s| s.0);
        (best >= 2 && best > second).then(|| (scored.swap_remove(0).1, Evidence::Context))
    }

    fn new_record(&mut self, cl: &Cluster, kind: EntityKind) -> EntityRecord {
        let (name, base) = match cl.kb {
            Some((e, _)) => {
                let en = self.kb.entry(e);
                let f = fold(&en.name);
                let content = f.split(' ').filter(|w| !is_connector(w)).count();
                let acr = initials(&f);
                let acr_known = self.kb.lookup(&acr).iter().any(|(i, _)| *i == e)
                    || en.aliases.iter().any(|a| fold(a) == acr);
                let base = if matches!(en.kind, EntityKind::Organisation | EntityKind::Group)
                    && content >= 3
                    && acr_known
                {
                    slug(&acr)
                } else {
                    slug(&en.name)
                };
                (en.name.clone(), base)
            }
            None => {
                let content = cl.key.split(' ').filter(|w| !is_connector(w)).count();
                let base = match &cl.acronym {
                    Some(a) if content >= 3 || *a == cl.key => slug(a),
                    _ => slug(&cl.display),
                };
                (cl.display.clone(), base)
            }
        };
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        if n > 1 {
            // The hint holds while the index keeps every id it was given; a
            // store that drops what a refused document staged does not, so
            // a hint whose last id is gone starts over.
            let last = if n == 2 { base.clone() } else { format!("{base}-{}", n - 1) };
            if self.index.candidates(&format!("id:{last}")).is_empty()
                && !self.decisions.merged.contains_key(&last)
            {
                n = 1;
            }
        }
        let mut id = if n <= 1 { base.clone() } else { format!("{base}-{n}") };
        while !self.index.candidates(&format!("id:{id}")).is_empty()
            || self.decisions.merged.contains_key(&id)
        {
            n = n.max(1) + 1;
            id = format!("{base}-{n}");
        }
        // A hint only (probing above finds the same id without it), so it
        // is bounded: memory must not grow with the corpus.
        if self.next_suffix.len() >= MAX_SUFFIX_HINTS {
            self.next_suffix.clear();
        }
        self.next_suffix.insert(base.clone(), n.max(1) + 1);
        let kb = cl.kb.map(|(e, _)| {
            let en = self.kb.entry(e);
            KbFacts {
                name: en.name.clone(),
                code: en.code.clone(),
                country: en.country.as_deref().and_then(|c| self.kb.country(c)).map(|c| c.name.clone()),
                roles: en.roles.iter().take(12).map(|r| self.kb.describe_role(r)).collect(),
                adjectives: en.adjectives.clone(),
                aliases: en.aliases.iter().take(12).cloned().collect(),
            }
        });
        let country = kb.as_ref().and_then(|k| k.country.clone());
        EntityRecord { id, kind: Some(kind), name, kb, country, ..Default::default() }
    }
}

/// A one-word name NER did not call a person, not an acronym and unknown
/// to the knowledge base: only context can tell what it is.
fn weak_single(cl: &Cluster) -> bool {
    !cl.person && !cl.bare && cl.words.len() == 1 && cl.acronym.is_none() && cl.kb.is_none()
}

fn make_link(id: &str, evs: &[Evidence]) -> MentionLink {
    let evidence: Vec<Evidence> = evs.iter().copied().filter(|e| *e != Evidence::First).collect();
    let confidence = evidence.iter().map(|e| e.confidence()).fold(1.0f32, f32::min);
    MentionLink { entity: id.to_string(), evidence, confidence }
}

fn member_map(clusters: &[Cluster], n: usize) -> Vec<Option<usize>> {
    let mut m = vec![None; n];
    for (c, cl) in clusters.iter().enumerate() {
        if cl.alive {
            for &(i, _) in &cl.members {
                m[i] = Some(c);
            }
        }
    }
    m
}

fn label_ix(l: EntityLabel) -> usize {
    match l {
        EntityLabel::Per => 0,
        EntityLabel::Org => 1,
        EntityLabel::Loc => 2,
        EntityLabel::Misc => 3,
    }
}

fn major_label(labels: &[usize; 4]) -> EntityLabel {
    let mut best = 0;
    for i in 1..4 {
        if labels[i] > labels[best] {
            best = i;
        }
    }
    EntityLabel::ALL[best]
}

fn first_last(words: &[String]) -> (String, String) {
    (words.first().cloned().unwrap_or_default(), words.last().cloned().unwrap_or_default())
}

fn norm_role(r: &str) -> String {
    match r {
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson".to_string(),
        "advisor" => "adviser".to_string(),
        "chairman" | "chairwoman" | "chair" => "chair".to_string(),
        _ => r.to_string(),
    }
}

/// Whether a description's role noun can name someone the text gave
/// `given`: the same role, or a general word for it (`Serbia's leader` for
/// the president or prime minister named earlier, `the diplomat` for the
/// envoy). Resolution still needs exactly one such person in the document.
fn role_covers(role: &str, given: &Desc) -> bool {
    let prime_minister = given.role == "minister" && given.mods.contains("prime");
    let given = given.role.as_str();
    role == given
        || (role == "leader" && prime_minister)
        || match role {
            "leader" => matches!(
                given,
                "president"
                    | "premier"
                    | "chancellor"
                    | "king"
                    | "queen"
                    | "emir"
                    | "monarch"
                    | "chief"
                    | "head"
                    | "chair"
            ),
            "diplomat" => matches!(given, "envoy" | "ambassador" | "negotiator" | "mediator"),
            "official" => matches!(
                given,
                "minister"
                    | "secretary"
                    | "envoy"
                    | "ambassador"
                    | "spokesperson"
                    | "director"
                    | "commissioner"
                    | "representative"
                    | "diplomat"
                    | "adviser"
                    | "negotiator"
                    | "mediator"
                    | "governor"
                    | "mayor"
            ),
            _ => false,
        }
}

/// One knowledge-base hit among several: a single entry, or a country over
/// places of the same name; anything else is ambiguous.
fn pick(kb: &KnowledgeBase, hits: &[(u32, KbVia)]) -> Option<(u32, KbVia)> {
    match hits {
        [] => None,
        [h] => Some(*h),
        _ => {
            let countries: Vec<_> =
                hits.iter().filter(|(i, _)| kb.entry(*i).kind == EntityKind::Country).collect();
            if countries.len() == 1 {
                return Some(*countries[0]);
            }
            let direct: Vec<_> = hits.iter().filter(|(_, v)| *v == KbVia::Name).collect();
            (direct.len() == 1).then(|| *direct[0])
        }
    }
}

/// The expansion the text gives an acronym: `The Collective Security Treaty
/// Organisation (CSTO)` → `Collective Security Treaty Organisation`.
fn defined_expansion(text: &str, acronym: &str) -> Option<String> {
    let pat = format!("({acronym})");
    let want = fold(acronym);
    let mut from = 0;
    while let Some(p) = text.get(from..).and_then(|t| t.find(&pat)) {
        let at = from + p;
        from = at + pat.len();
        let before = text[..at].trim_end();
        let window_start = before.len().saturating_sub(160);
        let window_start =
            (window_start..=before.len()).find(|&i| before.is_char_boundary(i)).unwrap_or(before.len());
        let words: Vec<&str> = before[window_start..].split_whitespace().collect();
        for n in 1..=words.len().min(12) {
            let cand = &words[words.len() - n..];
            if cand.iter().any(|w| w.ends_with(['.', ',', ';', ':', ')'])) && n > 1 {
                let inner = &cand[1..];
                if inner.iter().any(|w| w.ends_with(['.', ',', ';', ':', ')'])) {
                    break;
                }
            }
            let phrase = cand.join(" ");
            if !cand[0].starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            if initials(&fold(&phrase)) == want {
                return Some(phrase.trim_end_matches([',', ';', ':']).to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;

/// Whether the mention at `m` only qualifies the speaker words at `sp`
/// through a possessive (`the Acme Corporation's website`, `Russia's
/// envoy`): the speaker is the thing owned, not the owner, so the mention
/// neither links the speaker nor stands for the name the quote gives it.
fn possessive_modifier(text: &str, sp: Span, m: Span) -> bool {
    if m.end >= sp.end || m.start < sp.start {
        return false;
    }
    let (Some(inner), Some(tail)) = (text.get(m.start..m.end), text.get(m.end..sp.end)) else {
        return false;
    };
    let after = if strip_possessive(inner).len() < inner.trim_end().len() {
        Some(tail)
    } else {
        ["'s", "’s", "'S", "’S", "'", "’"].iter().find_map(|p| tail.strip_prefix(p))
    };
    after.is_some_and(|w| w.starts_with(char::is_whitespace) && w.chars().any(char::is_alphabetic))
}
