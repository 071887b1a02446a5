//! From a document's mentions (and the speaker names no mention covers) to
//! the linker's items: cleaned surfaces (possessives, `the`, titles and a
//! leading country taken off), folded and transliteration keys, the
//! knowledge-base entry a name or its extension points to.

use super::*;

impl Planner {
    /// Cleans mentions (and uncovered speaker names) into items.
    pub(super) fn items(&self, text: &str, ann: &Annotations) -> Vec<Item> {
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
        // Looked up per speaker, never scanned (a long text has thousands
        // of quotes and of mentions).
        let mentions = SpanFinder::new(ann.entities.iter().map(|m| m.span).enumerate());
        let mut speaker_spans: HashSet<Span> = HashSet::new();
        let mut by_name: Option<HashMap<String, usize>> = None;
        for q in &ann.quotes {
            let Some(sp) = &q.speaker else { continue };
            let Some(name) = &sp.name else { continue };
            if mentions.near(sp.span).any(|i| {
                let m = &ann.entities[i];
                m.span.overlaps(&sp.span) && !possessive_modifier(text, sp.span, m.span)
            }) {
                continue;
            }
            if speaker_spans.contains(&sp.span) {
                continue;
            }
            // A speaker takes the label of a mention of the same name in the
            // document (`CSTO`); else it is a person unless the knowledge
            // base knows the name as something else (`Thailand`, `AFP`).
            let folded = fold(name);
            let same = by_name.get_or_insert_with(|| first_mention_by_name(text, ann)).get(&folded);
            let same = same.map(|&i| &ann.entities[i]);
            let kind = self.kb.lookup(&folded).first().map(|(i, _)| self.kb.entry(*i).kind);
            let label = match (same, kind) {
                (Some(m), _) => m.label,
                (None, Some(EntityKind::Country | EntityKind::Place)) => EntityLabel::Loc,
                (None, Some(EntityKind::Organisation | EntityKind::Group)) => EntityLabel::Org,
                _ => EntityLabel::Per,
            };
            if let Some(it) = self.item(None, sp.span, label, name) {
                speaker_spans.insert(it.span);
                items.push(it);
            }
        }
        self.via_items(ann, &mentions, &mut items);
        items
    }

    pub(super) fn item(
        &self,
        mention: Option<usize>,
        span: Span,
        label: EntityLabel,
        raw: &str,
    ) -> Option<Item> {
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
    pub(super) fn kb_extension(&self, text: &str, span: Span, surface: &str) -> Option<String> {
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
    pub(super) fn country_of(&self, folded_word: &str) -> Option<String> {
        self.kb
            .lookup(folded_word)
            .iter()
            .map(|(i, _)| self.kb.entry(*i))
            .find(|e| e.kind == EntityKind::Country)
            .and_then(|e| e.code.clone())
    }
}

/// Each name the document's mentions give (folded, possessive off), and the
/// same without a leading `the`, to the first mention giving it.
fn first_mention_by_name(text: &str, ann: &Annotations) -> HashMap<String, usize> {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, m) in ann.entities.iter().enumerate() {
        let Some(s) = text.get(m.span.start..m.span.end) else { continue };
        let f = fold(strip_possessive(s.trim()));
        if let Some(rest) = f.strip_prefix("the ") {
            first.entry(rest.to_string()).or_insert(i);
        }
        first.entry(f).or_insert(i);
    }
    first
}
