//! Across documents: each group looks itself up in the [`EntityIndex`]
//! under its keys (knowledge-base entry, folded full name, transliteration;
//! a bare surname only on shared context) or becomes a new entity with a
//! readable, unique slug.

use super::*;

impl<I: EntityIndex> Linker<I> {
    /// Finds or creates the entity of one cluster (with its `keys` and
    /// `contribution`, [`Planner::plan`]'s) and updates its record.
    pub(super) fn resolve_cluster(
        &mut self,
        cl: &Cluster,
        keys: ClusterKeys,
        contribution: &Contribution,
        doc_ctx: &BTreeSet<String>,
    ) -> (String, Evidence) {
        let ClusterKeys { kind, files, lookups, unplaced_loc } = keys;
        let allowed = |r: &EntityRecord| {
            self.decisions.distinct.is_empty()
                || !self.decisions.distinct.contains(&(cl.key.clone(), r.id.clone()))
        };
        let kind_ok = |r: &EntityRecord| {
            let same_kind = r.kind.is_none_or(|a| (a == EntityKind::Person) == (kind == EntityKind::Person));
            same_kind && !(unplaced_loc && r.place.is_some())
        };
        let same_name =
            |r: &EntityRecord| r.aliases.iter().any(|a| fold(a) == cl.key) || fold(&r.name) == cl.key;
        let mut found: Option<(EntityRecord, Evidence)> = None;
        for lookup in &lookups {
            found = match lookup {
                Lookup::Entry { key } => self.index.find(key, &allowed).map(|r| {
                    let same = same_name(&r);
                    (r, if same { Evidence::SameName } else { Evidence::KbAlias })
                }),
                Lookup::Name { key, evidence } => {
                    self.index.find(key, &|r| allowed(r) && kind_ok(r)).map(|r| (r, *evidence))
                }
                Lookup::Context => self.surname_by_context(cl, doc_ctx, &allowed),
            };
            if found.is_some() {
                break;
            }
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
        contribution.apply(&mut rec, cross);
        let id = rec.id.clone();
        self.index.upsert(rec, &files);
        (id, cross)
    }

    /// The person a one-word name is the surname of, when the documents
    /// share at least two other actors with that person and more than with
    /// any other candidate.
    pub(super) fn surname_by_context(
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

    /// A new entity for `cl`: its founding record with a free id.
    pub(super) fn new_record(&mut self, cl: &Cluster, kind: EntityKind) -> EntityRecord {
        let mut rec = self.planner.founding_record(cl, kind);
        rec.id = self.free_id(&rec.id);
        rec
    }

    /// The first id of `base`, `base-2`, `base-3` … that no entity has.
    fn free_id(&mut self, base: &str) -> String {
        let base = base.to_string();
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        if n > 1 {
            // The hint holds while the index keeps every id it was given; a
            // store that drops what a refused document staged does not, so
            // a hint whose last id is gone starts over.
            let last = if n == 2 { base.clone() } else { format!("{base}-{}", n - 1) };
            if !self.index.contains(&format!("id:{last}")) && !self.decisions.merged.contains_key(&last) {
                n = 1;
            }
        }
        let mut id = if n <= 1 { base.clone() } else { format!("{base}-{n}") };
        while self.index.contains(&format!("id:{id}")) || self.decisions.merged.contains_key(&id) {
            n = n.max(1) + 1;
            id = format!("{base}-{n}");
        }
        // A hint only (probing above finds the same id without it), so it
        // is bounded: memory must not grow with the corpus.
        if self.next_suffix.len() >= MAX_SUFFIX_HINTS {
            self.next_suffix.clear();
        }
        self.next_suffix.insert(base.clone(), n.max(1) + 1);
        id
    }
}

impl Planner {
    /// The keys a cluster is filed under and the lookups that find its
    /// entity, in the order they are tried: its knowledge-base entry or
    /// place, which decide alone; otherwise its names (fullest first, then
    /// the other names its members carry on strong evidence, then its
    /// acronym), a head word its members share with an entity seen before
    /// (`Church of Scientology` here, `Scientology` there), its
    /// transliteration key; a bare surname only by context.
    pub(super) fn cluster_keys(&self, cl: &Cluster, items: &[Item]) -> ClusterKeys {
        let major = major_label(&cl.labels);
        let geo_kind = cl.place.map(|p| self.gazetteer().place(p).kind);
        let kind = match (cl.kb, geo_kind) {
            (Some((e, _)), _) => self.kb.entry(e).kind,
            (None, Some(crate::geo::PlaceKind::Country)) => EntityKind::Country,
            (None, Some(_)) => EntityKind::Place,
            (None, None) => match major {
                EntityLabel::Per => EntityKind::Person,
                EntityLabel::Org => EntityKind::Organisation,
                EntityLabel::Loc => EntityKind::Place,
                EntityLabel::Misc => EntityKind::Other,
            },
        };
        let p = if cl.person { "p" } else { "x" };
        let mut files: Vec<String> = Vec::new();
        let kb_key = cl.kb.map(|(e, _)| {
            let en = self.kb.entry(e);
            format!("kb:{}:{}", en.kind.as_str(), fold(&en.name))
        });
        files.extend(kb_key.clone());
        let geo_key = cl.place.map(|p| format!("geo:{}", self.gazetteer().place(p).id));
        files.extend(geo_key.clone());
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
            files.push(format!("b:{}", cl.key));
        } else {
            files.extend(names.iter().map(|n| format!("n:{p}:{n}")));
            if cl.person {
                files.push(format!("t:p:{}", translit_key(&cl.key)));
                if let Some(last) = cl.words.last() {
                    files.push(format!("s:{last}"));
                }
            }
        }
        // A place name GeoNames knows but that was left unplaced (ambiguous)
        // joins no placed entity by name alone.
        let unplaced_loc = cl.place.is_none() && kind == EntityKind::Place;
        // A placed name joins the entity of the same GeoNames place, and no
        // other (`Paris` in Texas is not `Paris` in France): its place comes
        // before a knowledge-base entry, except for a country, whose entry
        // is the entity.
        let entries = match kind {
            EntityKind::Country => [&kb_key, &geo_key],
            _ => [&geo_key, &kb_key],
        };
        let mut lookups: Vec<Lookup> =
            entries.into_iter().flatten().map(|k| Lookup::Entry { key: k.clone() }).collect();
        // Otherwise by name (a knowledge-base entry or a place decides alone).
        if kb_key.is_none() && geo_key.is_none() {
            if cl.bare || weak_single(cl) {
                // A bare surname, or an unknown one-word name NER did not
                // call a person (`Kiljunen said …` tagged ORG), which may be
                // a known person's surname: context decides first; the same
                // word seen before is no stronger evidence.
                lookups.push(Lookup::Context);
            }
            if !cl.bare {
                let same = Evidence::SameName;
                lookups
                    .extend(names.iter().map(|n| Lookup::Name { key: format!("n:{p}:{n}"), evidence: same }));
                if !cl.person {
                    for &(i, ev) in &cl.members {
                        if ev == Evidence::PartialName && !names.contains(&items[i].key) {
                            let key = format!("n:x:{}", items[i].key);
                            lookups.push(Lookup::Name { key, evidence: Evidence::PartialName });
                        }
                    }
                } else {
                    let key = format!("t:p:{}", translit_key(&cl.key));
                    lookups.push(Lookup::Name { key, evidence: Evidence::Transliteration });
                }
            }
        }
        ClusterKeys { kind, files, lookups, unplaced_loc }
    }

    /// What one cluster adds to the record of its entity.
    pub(super) fn contribution(&self, cl: &Cluster, items: &[Item]) -> Contribution {
        let members: Vec<&Item> = cl.members.iter().map(|&(i, _)| &items[i]).collect();
        Contribution {
            mentions: members.iter().filter(|it| it.mention.is_some()).count() as u64,
            aliases: members.iter().map(|it| it.surface.clone()).collect(),
            evidence: cl.members.iter().map(|&(_, ev)| ev).collect(),
            bare_display: cl.bare.then(|| cl.display.clone()),
            descriptions: cl.descs.iter().map(|d| d.text.clone()).collect(),
            place: cl.place.map(|p| self.place_facts(p)),
            country: cl.country.as_deref().and_then(|c| self.kb.country(c)).map(|e| e.name.clone()),
        }
    }

    /// The record a cluster founds, before any member is counted; its id is
    /// the slug base (the acronym of a long organisation name, else the
    /// name), which a collision suffixes.
    pub(super) fn founding_record(&self, cl: &Cluster, kind: EntityKind) -> EntityRecord {
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
        EntityRecord { id: base, kind: Some(kind), name, kb, country, ..Default::default() }
    }
}

/// How a cluster looks for its entity: one step of
/// [`ClusterKeys::lookups`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lookup {
    /// A knowledge-base entry or GeoNames place key (`kb:…`, `geo:…`): the
    /// first entity filed under it, whatever its kind.
    Entry {
        /// The key.
        key: String,
    },
    /// A name key (`n:p:…`, `n:x:…`, `t:p:…`): the first entity filed under
    /// it that is a person exactly when the cluster is one (and not placed
    /// when the cluster is an unplaced place name), on `evidence`.
    Name {
        /// The key.
        key: String,
        /// What a hit rests on.
        evidence: Evidence,
    },
    /// A one-word name: the person filed under `s:`/`b:` and the word
    /// whose context the document shares ([`Linker::surname_by_context`]).
    Context,
}

/// The keys of one cluster ([`Linker::cluster_keys`]).
pub(super) struct ClusterKeys {
    /// The kind of entity it is.
    pub(super) kind: EntityKind,
    /// The keys its entity is filed under.
    pub(super) files: Vec<String>,
    /// How it looks for an entity, in order; none found: a new entity.
    pub(super) lookups: Vec<Lookup>,
    /// A place name GeoNames knows but left unplaced.
    pub(super) unplaced_loc: bool,
}

/// What one cluster adds to its entity's record: plain data, so that the
/// distributed linker can carry it between stages.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Contribution {
    /// Members that are mentions (not speaker or channel names).
    pub mentions: u64,
    /// Each member's surface, in member order.
    pub aliases: Vec<String>,
    /// How each member joined the cluster (`first`: by the cross-document
    /// evidence).
    pub evidence: Vec<Evidence>,
    /// A bare surname's name, the alias of last resort.
    pub bare_display: Option<String>,
    /// Descriptions of the actor the document gives.
    pub descriptions: Vec<String>,
    /// The GeoNames place it names.
    pub place: Option<crate::index::PlaceFacts>,
    /// The country (name) a modifier ties it to.
    pub country: Option<String>,
}

impl Contribution {
    /// Adds it to `rec`, the cluster having joined on `cross`.
    pub fn apply(&self, rec: &mut EntityRecord, cross: Evidence) {
        rec.mentions += self.mentions;
        for (alias, &ev) in self.aliases.iter().zip(&self.evidence) {
            rec.add_alias(alias);
            rec.add_evidence(if ev == Evidence::First { cross } else { ev }, 1);
        }
        if let (Some(d), true) = (&self.bare_display, rec.aliases.is_empty()) {
            rec.add_alias(d);
        }
        for d in &self.descriptions {
            if rec.descriptions.len() < crate::index::MAX_ALIASES && !rec.descriptions.contains(d) {
                rec.descriptions.push(d.clone());
            }
        }
        if rec.place.is_none() {
            rec.place = self.place.clone();
        }
        if rec.country.is_none() {
            rec.country = self.country.clone();
        }
    }
}
