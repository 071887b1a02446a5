//! Across documents: each group looks itself up in the [`EntityIndex`]
//! under its keys (knowledge-base entry, folded full name, transliteration;
//! a bare surname only on shared context) or becomes a new entity with a
//! readable, unique slug.

use super::*;

impl<I: EntityIndex> Linker<I> {
    /// Finds or creates the entity of one cluster and updates its record.
    pub(super) fn resolve_cluster(
        &mut self,
        cl: &Cluster,
        items: &[Item],
        doc_ctx: &BTreeSet<String>,
    ) -> (String, Evidence) {
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
        let mut keys: Vec<String> = Vec::new();
        let kb_key = cl.kb.map(|(e, _)| {
            let en = self.kb.entry(e);
            format!("kb:{}:{}", en.kind.as_str(), fold(&en.name))
        });
        if let Some(k) = &kb_key {
            keys.push(k.clone());
        }
        let geo_key = cl.place.map(|p| format!("geo:{}", self.gazetteer().place(p).id));
        if let Some(k) = &geo_key {
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
        let allowed = |r: &EntityRecord| {
            self.decisions.distinct.is_empty()
                || !self.decisions.distinct.contains(&(cl.key.clone(), r.id.clone()))
        };
        let kind_ok = |r: &EntityRecord| match (r.kind, kind) {
            (Some(a), b) => (a == EntityKind::Person) == (b == EntityKind::Person),
            (None, _) => true,
        };
        // A place name GeoNames knows but that was left unplaced (ambiguous)
        // joins no placed entity by name alone.
        let unplaced_loc = cl.place.is_none() && kind == EntityKind::Place;
        let kind_ok = |r: &EntityRecord| kind_ok(r) && !(unplaced_loc && r.place.is_some());
        let mut found: Option<(EntityRecord, Evidence)> = None;
        let same_name =
            |r: &EntityRecord| r.aliases.iter().any(|a| fold(a) == cl.key) || fold(&r.name) == cl.key;
        // A placed name joins the entity of the same GeoNames place, and no
        // other (`Paris` in Texas is not `Paris` in France): its place comes
        // before a knowledge-base entry, except for a country, whose entry
        // is the entity.
        let lookups = match kind {
            EntityKind::Country => [&kb_key, &geo_key],
            _ => [&geo_key, &kb_key],
        };
        for k in lookups.into_iter().flatten() {
            if found.is_none() {
                found = self.index.find(k, &allowed).map(|r| {
                    let same = same_name(&r);
                    (r, if same { Evidence::SameName } else { Evidence::KbAlias })
                });
            }
        }
        // Otherwise by name (a knowledge-base entry or a place decides alone).
        let by_name = kb_key.is_none() && geo_key.is_none();
        if by_name && !cl.bare {
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
                    .find(&format!("n:{p}:{n}"), &|r| allowed(r) && kind_ok(r))
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
                        .find(&format!("n:x:{}", items[i].key), &|r| allowed(r) && kind_ok(r))
                        .map(|r| (r, Evidence::PartialName));
                    if found.is_some() {
                        break;
                    }
                }
            }
            if found.is_none() && cl.person {
                found = self
                    .index
                    .find(&format!("t:p:{}", translit_key(&cl.key)), &|r| allowed(r) && kind_ok(r))
                    .map(|r| (r, Evidence::Transliteration));
            }
        } else if by_name {
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
        if let (None, Some(p)) = (&rec.place, cl.place) {
            rec.place = Some(self.place_facts(p));
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

    pub(super) fn new_record(&mut self, cl: &Cluster, kind: EntityKind) -> EntityRecord {
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
