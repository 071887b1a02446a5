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
//!
//! The flow lives here ([`Linker::link`]); its steps have a file each:
//! `mentions.rs` (mentions to cleaned items), `groups.rs` (items to
//! within-document groups), `descriptions.rs` (titles and appositions
//! attached to names, bare descriptions resolved), `across.rs` (groups to
//! entities across documents).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use dossier_core::{Annotations, EntityLabel, Span};

use self::across::ClusterKeys;
pub use self::across::{Contribution, Lookup};
pub use self::distributed::{doc_context, Group};
use self::spans::SpanFinder;
use crate::index::{EntityIndex, EntityRecord, Evidence, KbFacts, MemoryIndex};
use crate::kb::{EntityKind, KbEntry, KbVia, KnowledgeBase};
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
///
/// Linking a document has two halves. [`Planner::plan`] does everything
/// that needs no other document (items, groups, knowledge-base entries,
/// places, speakers, the order groups are resolved in) and reads nothing
/// but the knowledge base and the gazetteer, so it can run on any thread,
/// many documents at once. [`Linker::link_planned`] then ties the groups to
/// entities through the index, one document at a time in input order.
/// [`Linker::link`] does both; `dossier ingest` plans on its NLP threads so
/// that its single store writer only does the second half.
#[derive(Debug)]
pub struct Linker<I: EntityIndex = MemoryIndex> {
    planner: Arc<Planner>,
    index: I,
    decisions: Decisions,
    /// For each slug base, the next suffix worth trying: ids are never freed,
    /// so probing can start there (without it, the thousandth `burns` would
    /// probe a thousand ids).
    next_suffix: HashMap<String, usize>,
}

/// The half of linking that needs no other document (see [`Linker`]):
/// shared read-only between threads.
#[derive(Debug)]
pub struct Planner {
    kb: KnowledgeBase,
    /// The gazetteer, loaded when a document first names a place.
    geo: OnceLock<Arc<crate::geo::Gazetteer>>,
}

impl Planner {
    /// A planner over a knowledge base (the embedded gazetteer is loaded
    /// when first needed).
    pub fn new(kb: KnowledgeBase) -> Self {
        Planner { kb, geo: OnceLock::new() }
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// One document's plan: what linking it needs that no other document
    /// changes. Hand it, with the same `ann`, to [`Linker::link_planned`].
    pub fn plan(&self, text: &str, ann: &Annotations) -> DocPlan {
        let plan = self.plan_groups(text, ann);
        let groups = plan.order.iter().map(|&c| &plan.clusters[c]);
        let groups = groups
            .map(|cl| (self.cluster_keys(cl, &plan.items), self.contribution(cl, &plan.items)))
            .collect();
        DocPlan { plan, groups, mentions: ann.entities.len(), quotes: ann.quotes.len() }
    }
}

/// A document planned by [`Planner::plan`], waiting to be linked.
pub struct DocPlan {
    plan: Plan,
    /// For each group of `plan.order`: its keys and what it adds to its
    /// entity's record (work that needs no index, done with the plan).
    groups: Vec<(ClusterKeys, Contribution)>,
    /// The numbers of mentions and quotes of the annotations it was made
    /// from: a plan only fits those.
    mentions: usize,
    quotes: usize,
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
    /// The GeoNames place it names (an index into the gazetteer).
    place: Option<u32>,
}

impl<I: EntityIndex> Linker<I> {
    /// A linker over a knowledge base and an index.
    pub fn new(kb: KnowledgeBase, index: I) -> Self {
        Linker::with_planner(Arc::new(Planner::new(kb)), index)
    }

    /// A linker whose documents are planned by `planner` (which other
    /// threads may share, to plan documents before they are linked).
    pub fn with_planner(planner: Arc<Planner>, index: I) -> Self {
        Linker { planner, index, decisions: Decisions::default(), next_suffix: HashMap::new() }
    }

    /// Uses `geo` instead of the embedded gazetteer.
    pub fn with_gazetteer(mut self, geo: Arc<crate::geo::Gazetteer>) -> Self {
        match Arc::get_mut(&mut self.planner) {
            Some(planner) => planner.geo = OnceLock::from(geo),
            None => {
                self.planner = Arc::new(Planner { kb: self.planner.kb.clone(), geo: OnceLock::from(geo) })
            }
        }
        self
    }

    /// The planner, to plan documents on other threads.
    pub fn planner(&self) -> &Arc<Planner> {
        &self.planner
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
        &self.planner.kb
    }

    /// Links one document: fills `entity` on its mentions and speakers and
    /// returns the links with their evidence. Never fails; spans that do not
    /// fit the text are left unlinked.
    pub fn link(&mut self, text: &str, ann: &mut Annotations) -> DocLinks {
        let plan = self.planner.plan(text, ann);
        self.link_planned(plan, ann)
    }

    /// Links one document planned by [`Planner::plan`] from these very
    /// annotations (unchanged since), as [`Linker::link`] would.
    ///
    /// # Panics
    /// When `ann` has not the mentions and quotes the plan was made from.
    pub fn link_planned(&mut self, plan: DocPlan, ann: &mut Annotations) -> DocLinks {
        assert!(
            plan.mentions == ann.entities.len() && plan.quotes == ann.quotes.len(),
            "a plan made from other annotations"
        );
        let DocPlan { plan, groups, .. } = plan;
        // Across documents, in the plan's order (names only context can
        // place go last, when the document's other actors are known).
        let mut cluster_entity: Vec<Option<(String, Evidence)>> = vec![None; plan.clusters.len()];
        let mut doc_ctx: BTreeSet<String> = BTreeSet::new();
        for (&c, (keys, contribution)) in plan.order.iter().zip(groups) {
            let (id, ev) = self.resolve_cluster(&plan.clusters[c], keys, &contribution, &doc_ctx);
            if !plan.clusters[c].bare {
                doc_ctx.insert(id.clone());
            }
            cluster_entity[c] = Some((id, ev));
        }
        let links = plan.write_links(&cluster_entity, ann);
        // Per-document counts and context.
        let salient = salient(&links);
        let mut counted: HashSet<&str> = HashSet::new();
        for id in &links.entities {
            if !counted.insert(id) {
                continue;
            }
            if let Some(mut rec) = self.fetch(id) {
                rec.documents += 1;
                rec.add_context(salient.iter().copied());
                self.index.upsert(rec, &[]);
            }
        }
        links
    }

    fn fetch(&self, id: &str) -> Option<EntityRecord> {
        self.index.find(&format!("id:{id}"), &|r| r.id == id)
    }
}

impl Planner {
    /// Everything about one document that needs no other document: its
    /// items, their groups (with knowledge-base entries and places), the
    /// group of each speaker and channel, and the order in which the groups
    /// meet the index. The ordered and the distributed linker share it.
    fn plan_groups(&self, text: &str, ann: &Annotations) -> Plan {
        let items = self.items(text, ann);
        let mut clusters = self.cluster(text, &items);
        let geo = self.gazetteer();
        self.kb_pass(&mut clusters, geo);
        self.place_pass(text, &items, &mut clusters);
        // Speakers resolved by description, before entities are assigned.
        let mut speaker_cluster: Vec<Option<(usize, Evidence)>> = vec![None; ann.quotes.len()];
        let item_cluster = member_map(&clusters, items.len());
        let mention_items = SpanFinder::new(
            items.iter().enumerate().filter(|(_, it)| it.mention.is_some()).map(|(i, it)| (i, it.span)),
        );
        // The first speaker-name item of each span.
        let mut speaker_items: HashMap<Span, usize> = HashMap::new();
        for (i, it) in items.iter().enumerate().rev().filter(|(_, it)| it.mention.is_none()) {
            speaker_items.insert(it.span, i);
        }
        for (qi, q) in ann.quotes.iter().enumerate() {
            let Some(sp) = &q.speaker else { continue };
            // `a spokeswoman for Catherine Ashton`: the quote stage left the
            // speaker unnamed and Ashton is whom she speaks for; linking
            // through Ashton's mention would name the spokeswoman Ashton.
            if sp.name.is_none() && sp.on_behalf_of.is_some() {
                continue;
            }
            // An indefinite speaker (`an official`, `two EU officials`) is
            // someone new, never an earlier name nor a name inside its words.
            let words = text.get(sp.span.start..sp.span.end).unwrap_or("");
            if sp.name.is_none() && starts_indefinite(words) {
                continue;
            }
            // 1. A mention it overlaps (the longest such).
            let role_end = text.get(sp.span.start..sp.span.end).and_then(|s| {
                let last = s.trim_end().rsplit(char::is_whitespace).next()?;
                is_role(&norm_role(&fold(last))).then(|| sp.span.start + s.trim_end().len())
            });
            let over = mention_items
                .near(sp.span)
                .map(|i| (i, &items[i]))
                .filter(|(_, it)| it.span.overlaps(&sp.span))
                .filter(|(_, it)| role_end.is_none_or(|e| it.span.end >= e))
                .filter(|(_, it)| !possessive_modifier(text, sp.span, it.span))
                // When the quote stage found no name, a mention names the
                // speaker only as the head of its words (`the Barbican`),
                // never as a modifier (`Iraqi officials`, `London market
                // brokers`) or a preposition's object (`the principal at
                // Lincoln High`), and never a place or a nationality alone
                // (`Porthcawl`, `the Dane`): a speaker is neither.
                .filter(|(_, it)| {
                    sp.name.is_some()
                        || heads_words(text, it.span.end, sp.span.end)
                            && !matches!(it.label, EntityLabel::Loc | EntityLabel::Misc)
                            && !after_preposition(text, sp.span.start, it.span.start)
                })
                .max_by_key(|(i, it)| (it.span.len(), std::cmp::Reverse(*i)))
                .map(|(i, _)| i);
            if let Some(i) = over {
                speaker_cluster[qi] = item_cluster[i].map(|c| (c, Evidence::Speaker));
                continue;
            }
            // 2. A speaker-name item.
            if let Some(&i) = speaker_items.get(&sp.span) {
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
        let via_items = via::via_item_of(ann, &items, &mention_items, &speaker_items);
        let mut order: Vec<usize> = (0..clusters.len()).filter(|&c| clusters[c].alive).collect();
        // Names that only context can place go last, when the document's
        // other actors are known.
        order.sort_by_key(|&c| {
            let last = clusters[c].bare || weak_single(&clusters[c]);
            (last, clusters[c].members.first().map_or(usize::MAX, |m| m.0))
        });
        Plan { items, clusters, speaker_cluster, via_items, item_cluster, order }
    }
}

/// One document's groups before they meet the index ([`Linker::plan`]).
struct Plan {
    items: Vec<Item>,
    clusters: Vec<Cluster>,
    /// The group (and how) of each quote's speaker.
    speaker_cluster: Vec<Option<(usize, Evidence)>>,
    /// The item of each channel of each quote.
    via_items: Vec<Vec<Option<usize>>>,
    /// The group of each item.
    item_cluster: Vec<Option<usize>>,
    /// The live groups, in the order they are resolved.
    order: Vec<usize>,
}

impl Plan {
    /// Writes each group's entity (`cluster_entity`: its id and the
    /// evidence that tied it across documents) into the mentions, speakers
    /// and channels of `ann`, and returns the links.
    fn write_links(&self, cluster_entity: &[Option<(String, Evidence)>], ann: &mut Annotations) -> DocLinks {
        let (items, clusters) = (&self.items, &self.clusters);
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
        for (qi, sc) in self.speaker_cluster.iter().enumerate() {
            let Some((c, ev)) = sc else { continue };
            let Some((id, cross)) = &cluster_entity[*c] else { continue };
            if let Some(sp) = ann.quotes[qi].speaker.as_mut() {
                sp.entity = Some(id.clone());
                let cl = &clusters[*c];
                // A person the quote stage knew by one form of the name
                // (`Jonah` after `Jonah Ashby-Campbell`) is named in full.
                // So is an organisation named by the acronym its full name
                // stands for in the document (`the OBR`, defined earlier).
                if sp.name.is_none()
                    || cl.person && sp.name.as_deref().is_some_and(|n| fuller_name(n, &cl.display))
                    || !cl.person && sp.name.as_deref().is_some_and(|n| expanded_acronym(n, cl))
                {
                    sp.name = Some(cl.display.clone());
                }
            }
            links.speakers[qi] = Some(make_link(id, &[*ev, *cross]));
            first_pos
                .entry(id.clone())
                .or_insert(ann.quotes[qi].speaker.as_ref().map_or(0, |s| s.span.start));
        }
        // Channels (`told Kommersant`) take their name's entity.
        for (qi, vias) in self.via_items.iter().enumerate() {
            for (vi, item) in vias.iter().enumerate() {
                let Some(c) = item.and_then(|i| self.item_cluster[i]) else { continue };
                let Some((id, _)) = &cluster_entity[c] else { continue };
                let v = &mut ann.quotes[qi].via[vi];
                v.entity = Some(id.clone());
                first_pos.entry(id.clone()).or_insert(v.span.start);
            }
        }
        let mut ids: Vec<(usize, String)> = first_pos.into_iter().map(|(k, v)| (v, k)).collect();
        ids.sort();
        links.entities = ids.into_iter().map(|(_, k)| k).collect();
        links
    }
}

/// The context one document gives each of its entities: the actors it
/// links most (ties: first mentioned first), at most
/// [`crate::index::CONTEXT_PER_DOC`], in the order
/// [`EntityRecord::add_context`] takes them (most salient last).
fn salient(links: &DocLinks) -> Vec<&str> {
    let mut n_links: HashMap<&str, usize> = HashMap::new();
    for l in links.mentions.iter().chain(&links.speakers).flatten() {
        *n_links.entry(l.entity.as_str()).or_default() += 1;
    }
    let mut salient: Vec<&str> = links.entities.iter().map(String::as_str).collect();
    salient.sort_by_key(|id| std::cmp::Reverse(n_links.get(id).copied().unwrap_or(0)));
    salient.truncate(crate::index::CONTEXT_PER_DOC);
    salient.reverse(); // added last = most recent = first among equals
    salient
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

/// Where the text puts a word in parentheses (`(CSTO)`): the word → the
/// offsets of its `(`. Found in one pass over the text, so that each
/// acronym's definition is looked up instead of searched for (a long text
/// with many acronyms would otherwise be scanned once per acronym).
fn parenthesised(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
    for (at, _) in text.match_indices('(') {
        let rest = &text.as_bytes()[at + 1..];
        // An acronym is short: look no further than 64 bytes for its `)`.
        let Some(close) = rest.iter().take(65).position(|&b| b == b')') else { continue };
        let inner = &text[at + 1..at + 1 + close];
        if !inner.is_empty() && !inner.contains(char::is_whitespace) {
            out.entry(inner).or_default().push(at);
        }
    }
    out
}

/// The expansion the text gives an acronym: `The Collective Security Treaty
/// Organisation (CSTO)` → `Collective Security Treaty Organisation`.
/// `defined` is [`parenthesised`] of `text`.
fn defined_expansion(text: &str, defined: &HashMap<&str, Vec<usize>>, acronym: &str) -> Option<String> {
    let want = fold(acronym);
    for &at in defined.get(acronym).map(Vec::as_slice).unwrap_or_default() {
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

mod across;
mod descriptions;
mod distributed;
mod groups;
mod mentions;
mod places;
mod spans;
#[cfg(test)]
pub(crate) mod tests;
mod via;

/// Is `display` a fuller form of the one-word name `name` (`Jonah` →
/// `Jonah Ashby-Campbell`)? A name of several words is the quote stage's
/// own full form (`Roberto Tabligan` for `Roberto "Bobby" Tabligan`, `Lim
/// Wei Keat` for `Datuk Lim Wei Keat`) and stays.
fn fuller_name(name: &str, display: &str) -> bool {
    let (name, display) = (fold(name), fold(display));
    !name.is_empty() && !name.contains(' ') && display.contains(' ') && display.split(' ').any(|w| w == name)
}

/// Whether `name` is the group's own acronym and the group's display the
/// name it stands for (`OBR` of `Office for Budget Responsibility`; not
/// `OCHA`, which the quote stage tied to the `U.N.`'s group).
fn expanded_acronym(name: &str, cl: &Cluster) -> bool {
    is_acronym(name)
        && cl.acronym.as_deref() == Some(fold(name).as_str())
        && cl.words.len() >= 2
        && cl.display.contains(' ')
}

/// Whether a mention ending at `end` heads speaker words ending at
/// `sp_end`: nothing follows it, or only capitalised words the tagger cut
/// from the same name (`the state-run Xinhua | News Agency`), never a
/// common noun it modifies (`Middle East | observers`).
fn heads_words(text: &str, end: usize, sp_end: usize) -> bool {
    end >= sp_end
        || text
            .get(end..sp_end)
            .is_some_and(|tail| tail.split_whitespace().all(|w| w.starts_with(char::is_uppercase)))
}

/// Whether the speaker words from `start` put a preposition (and maybe an
/// article) right before the mention at `m` (`pals of | Saffron`).
fn after_preposition(text: &str, start: usize, m: usize) -> bool {
    let before = text.get(start..m).unwrap_or("").to_ascii_lowercase();
    let mut words = before.split_whitespace().rev();
    let mut w = words.next().unwrap_or("");
    if matches!(w, "the" | "a" | "an") {
        w = words.next().unwrap_or("");
    }
    // `analysts at payments consultancy Flint & Rowe`: a place or company
    // further into a prepositional phrase is its object too.
    matches!(w, "of" | "at" | "for" | "from" | "in" | "with" | "to" | "on" | "by")
        || words.any(|w| matches!(w, "at" | "from" | "in" | "with" | "on"))
}

/// Whether speaker words open with an indefinite determiner or a count
/// (`a judge`, `one official`, `two EU officials`, `several aides`).
fn starts_indefinite(words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(
        first.as_str(),
        "a" | "an" | "another" | "one" | "two" | "three" | "four" | "several" | "some" | "many" | "few"
    )
}

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
