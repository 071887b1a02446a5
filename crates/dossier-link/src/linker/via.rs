//! The channels of quotes (`told Kommersant`): each channel's name is
//! linked like any name. A name a mention covers takes that mention's
//! group; a name no mention covers becomes an item of its own (an
//! organisation unless the knowledge base says otherwise), so `Kommersant`
//! the tagger missed still reaches its knowledge-base entry and country.

use super::*;

impl Planner {
    /// Items for the channel names no mention covers (and no item holds yet).
    pub(super) fn via_items(&self, ann: &Annotations, mentions: &SpanFinder, items: &mut Vec<Item>) {
        let mut taken: HashSet<Span> =
            items.iter().filter(|it| it.mention.is_none()).map(|it| it.span).collect();
        for v in ann.quotes.iter().flat_map(|q| &q.via) {
            let (Some(name), Some(span)) = (&v.name, v.name_span) else { continue };
            if mentions.near(span).any(|i| ann.entities[i].span.overlaps(&span)) || taken.contains(&span) {
                continue;
            }
            let kind = self.kb.lookup(&fold(name)).first().map(|(i, _)| self.kb.entry(*i).kind);
            let label = match kind {
                Some(EntityKind::Person) => EntityLabel::Per,
                Some(EntityKind::Country | EntityKind::Place) => EntityLabel::Loc,
                _ => EntityLabel::Org,
            };
            if let Some(it) = self.item(None, span, label, name) {
                taken.insert(span);
                items.push(it);
            }
        }
    }
}

/// For each quote, for each of its channels, the item its name is: the
/// longest mention item overlapping the name, else the channel-name item
/// of the same span (`name_items`: mention-less items by span).
pub(super) fn via_item_of(
    ann: &Annotations,
    items: &[Item],
    mention_items: &SpanFinder,
    name_items: &HashMap<Span, usize>,
) -> Vec<Vec<Option<usize>>> {
    ann.quotes
        .iter()
        .map(|q| {
            q.via
                .iter()
                .map(|v| {
                    let span = v.name_span?;
                    mention_items
                        .near(span)
                        .filter(|&i| items[i].span.overlaps(&span))
                        .max_by_key(|&i| (items[i].span.len(), std::cmp::Reverse(i)))
                        .or_else(|| name_items.get(&span).copied())
                })
                .collect()
        })
        .collect()
}
