//! The query commands: `search`, `quotes`, `entity`, `timeline`. Each calls
//! one store query and formats its result: JSON Lines with `--json` (one
//! object per result), a readable table otherwise.

use std::path::Path;

use dossier_store::{EntityProfile, QuoteHit, QuoteParams, SearchParams, Store, TimelineParams};

use crate::output::{counted, json_lines, seen_between, short, Table};
use crate::Outcome;

/// Arguments of `dossier search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// tantivy query syntax: words (all required), "a phrase", OR, -word, title:word, site:name.
    pub query: String,
    /// Only documents that mention or quote this entity (name or id).
    #[arg(long)]
    pub entity: Option<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this site.
    #[arg(long)]
    pub site: Option<String>,
    /// Most results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// One hit per copies cluster (the same story stored several times),
    /// with the number of copies.
    #[arg(long)]
    pub collapse_copies: bool,
    /// JSON Lines output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier quotes`.
#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Quotes by this speaker (name or entity id).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Quotes whose content mentions this entity (name or id).
    #[arg(long)]
    pub about: Option<String>,
    /// Quotes the text says came through this channel (an outlet's name or
    /// entity id: `told Kommersant`, `according to Interfax`).
    #[arg(long)]
    pub via: Option<String>,
    /// Made (or published) on or after.
    #[arg(long)]
    pub from: Option<String>,
    /// Made (or published) on or before.
    #[arg(long)]
    pub to: Option<String>,
    /// Only quotes attributed with at least this confidence (0 to 1). With
    /// --speaker the table's default is the measured threshold below which
    /// attributions are less certain (0 shows them all; --json gives every
    /// quote with its confidence).
    #[arg(long, value_name = "C")]
    pub min_confidence: Option<f64>,
    /// One line per statement: the same statement in several documents is
    /// shown once, with its count of documents, of independent sources
    /// (copies and shared wire credits counted once) and the chain by date
    /// (--limit then counts statements).
    #[arg(long)]
    pub group: bool,
    /// Most results (0: all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// JSON Lines output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier entity`.
#[derive(Debug, clap::Args)]
pub struct EntityArgs {
    /// Entity id or name (an alias seen in the corpus, or a word of one).
    pub name: String,
    /// Most items in each list of the profile.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// JSON output (one object).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier timeline`.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// Only items about this entity (name or id).
    pub name: Option<String>,
    /// On or after.
    #[arg(long)]
    pub from: Option<String>,
    /// On or before.
    #[arg(long)]
    pub to: Option<String>,
    /// Most items (0: all).
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// JSON Lines output.
    #[arg(long)]
    pub json: bool,
}

/// `dossier search`.
pub fn search(dir: &Path, a: SearchArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let p = SearchParams {
        query: a.query,
        entity: a.entity,
        from: a.from,
        to: a.to,
        site: a.site,
        limit: a.limit,
        collapse_copies: a.collapse_copies,
        ..SearchParams::new("")
    };
    let res = store.search_counted(&p)?;
    if let Some(n) = &res.notice {
        eprintln!("dossier: note: {n}");
    }
    let undated = store.search_undated_left_out(&p)?;
    if undated > 0 {
        eprintln!("dossier: note: the date filter left out {}", counted(undated as i64, "undated document"));
    }
    if a.json {
        json_lines(&res.hits)?;
        return Ok(Outcome::Success);
    }
    crate::output::outln!(
        "{} matching{}",
        counted(res.total as i64, "document"),
        if res.total > res.hits.len() { format!(", best {}", res.hits.len()) } else { String::new() }
    );
    for h in &res.hits {
        crate::output::outln!();
        crate::output::outln!(
            "{:.2}  {}  {}  {}",
            h.score,
            crate::output::human_date(h.doc.published.as_deref()),
            short(h.doc.title.as_deref().unwrap_or("(no title)"), 80),
            h.doc.site.as_deref().unwrap_or("")
        );
        crate::output::outln!("      id {}  {}", h.id, h.doc.path);
        if let Some(n) = h.copies {
            crate::output::outln!(
                "      the same story in {} (dossier copies {})",
                counted(n as i64, "document"),
                h.id
            );
        }
        crate::output::outln!("      {}", short(&highlight(&h.snippet, &h.highlights), 400));
    }
    Ok(Outcome::Success)
}

/// Marks highlighted ranges (code points) with `[` `]`.
fn highlight(s: &str, ranges: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(s.len() + ranges.len() * 2);
    for (i, c) in s.chars().enumerate() {
        if ranges.iter().any(|r| r[0] == i) {
            out.push('[');
        }
        out.push(c);
        if ranges.iter().any(|r| r[1] == i + 1) {
            out.push(']');
        }
    }
    out
}

/// `dossier quotes`.
pub fn quotes(dir: &Path, a: QuotesArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    // The table presents a speaker's quotes as their words: less certain
    // attributions are left out unless asked for. JSON is data: every
    // quote, each with its confidence.
    let min_confidence = match (a.min_confidence, &a.speaker) {
        (Some(c), _) if !(0.0..=1.0).contains(&c) => {
            anyhow::bail!("--min-confidence is from 0 to 1, not {c}")
        }
        (Some(c), _) => Some(c),
        (None, Some(_)) if !a.json => Some(dossier_store::SPEAKER_MIN_CONFIDENCE),
        (None, _) => None,
    };
    let p = QuoteParams {
        speaker: a.speaker,
        about: a.about,
        via: a.via,
        from: a.from,
        to: a.to,
        min_confidence,
        // Grouped, the limit counts statements: every quote is read first.
        limit: if a.group { 0 } else { a.limit },
        ..Default::default()
    };
    let hits = store.quotes(&p)?;
    if a.group {
        print_statements(&store, hits, a.limit, a.json)?;
        return Ok(Outcome::Success);
    }
    let undated = store.quotes_undated_left_out(&p)?;
    if undated > 0 {
        eprintln!("dossier: note: the date filter left out {}", counted(undated, "undated quote"));
    }
    if a.json {
        json_lines(&hits)?;
        return Ok(Outcome::Success);
    }
    print_quotes(&hits)?;
    if hits.is_empty() {
        crate::output::outln!("no quotes match");
    }
    if a.min_confidence.is_none() && min_confidence.is_some() {
        let unsure = store.count_quotes(&QuoteParams {
            min_confidence: None,
            below_confidence: min_confidence,
            ..p.clone()
        })?;
        if unsure > 0 {
            crate::output::outln!(
                "{unsure} more, less certain (attributed with confidence under {:.2}): --min-confidence 0 shows them",
                min_confidence.unwrap_or_default()
            );
        }
    }
    Ok(Outcome::Success)
}

fn speaker_label(q: &QuoteHit) -> String {
    match &q.speaker {
        Some(s) => {
            let name = s
                .entity
                .as_ref()
                .map(|e| e.name.clone())
                .or_else(|| s.name.clone())
                .unwrap_or_else(|| s.text.clone());
            if s.text != name {
                format!("{name} (\"{}\")", short(&s.text, 30))
            } else {
                name
            }
        }
        None => "(unknown speaker)".into(),
    }
}

/// The quotes grouped by statement, in the order of their first quote: a
/// statement cluster once (with its counts and chain), a quote in none
/// alone. At most `limit` groups (0: all).
fn print_statements(store: &Store, hits: Vec<QuoteHit>, limit: usize, json: bool) -> anyhow::Result<()> {
    let mut groups: Vec<Vec<QuoteHit>> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in hits {
        match q.statement.as_ref().map(|s| s.id.clone()) {
            Some(id) if at.contains_key(&id) => groups[at[&id]].push(q),
            id => {
                if let Some(id) = id {
                    at.insert(id, groups.len());
                }
                groups.push(vec![q]);
            }
        }
    }
    if limit > 0 {
        groups.truncate(limit);
    }
    for g in &groups {
        let first = &g[0];
        if json {
            let chain = match &first.statement {
                Some(st) => Some(store.statement(&st.id)?),
                None => None,
            };
            crate::output::outln!("{}", serde_json::json!({"statement": chain, "quotes": g}));
            continue;
        }
        let counts = match &first.statement {
            Some(st) => format!(
                "{} documents, {} independent source{}; first: {}",
                st.documents,
                st.independent,
                if st.independent == 1 { "" } else { "s" },
                st.first.site.as_deref().or(st.first.title.as_deref()).unwrap_or(&st.first.id)
            ),
            None => "1 document".into(),
        };
        crate::output::outln!(
            "{}  {}  [{counts}]",
            crate::output::human_date(first.date.as_deref()),
            speaker_label(first)
        );
        crate::output::outln!("    {}", short(&first.display_text(), 300));
        if let Some(st) = &first.statement {
            let view = store.statement(&st.id)?;
            for step in &view.chain {
                let mut how: Vec<String> = step.via.iter().map(via_label).collect();
                how.extend(step.wire.iter().map(|w| format!("credits {w}")));
                if step.copy_of.is_some() {
                    how.push("a copy".into());
                }
                crate::output::outln!(
                    "    {}. {}  {}{}",
                    step.source,
                    crate::output::human_date(step.doc.published.as_deref()),
                    step.doc.site.as_deref().or(step.doc.title.as_deref()).unwrap_or(&step.doc.id),
                    if how.is_empty() { String::new() } else { format!(" ({})", how.join("; ")) }
                );
            }
        } else {
            crate::output::outln!("    doc {} at {}-{}", first.doc.id, first.start, first.end);
        }
    }
    if groups.is_empty() {
        crate::output::outln!("no quotes match");
    }
    Ok(())
}

/// `told Kommersant (kommersant, RUS)`: a channel's words, its entity and
/// country when known.
fn via_label(v: &dossier_store::ViaOut) -> String {
    let mut known: Vec<&str> = Vec::new();
    if let Some(e) = &v.entity {
        known.push(&e.id);
    }
    if let Some(c) = &v.country {
        known.push(c);
    }
    if known.is_empty() {
        short(&v.text, 80)
    } else {
        format!("{} ({})", short(&v.text, 80), known.join(", "))
    }
}

fn print_quotes(hits: &[QuoteHit]) -> anyhow::Result<()> {
    for q in hits {
        crate::output::outln!(
            "{}  {}  {}  [{}{}]",
            crate::output::human_date(q.date.as_deref()),
            speaker_label(q),
            q.doc.title.as_deref().map(|t| short(t, 50)).unwrap_or_default(),
            if q.kind == "direct" { "direct" } else { "reported speech" },
            q.confidence.map(|c| format!(", confidence {c:.2}")).unwrap_or_default()
        );
        crate::output::outln!("    {}", short(&q.display_text(), 300));
        if !q.via.is_empty() {
            let via: Vec<String> = q.via.iter().map(via_label).collect();
            crate::output::outln!("    via: {}", via.join("; "));
        }
        crate::output::outln!("    in: {}", short(&q.context.text, 300));
        crate::output::outln!("    doc {} at {}-{}", q.doc.id, q.start, q.end);
    }
    Ok(())
}

/// `dossier entity`.
pub fn entity(dir: &Path, a: EntityArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let p = store.entity_profile(&a.name, a.limit)?;
    if a.json {
        json_lines(std::slice::from_ref(&p))?;
        return Ok(Outcome::Success);
    }
    print_profile(&p)?;
    Ok(Outcome::Success)
}

/// What an entity profile says besides counts, in words, one `(label,
/// text)` a line: the names the documents use (with counts when `counts`),
/// its type, country, descriptions and knowledge-base facts — knowledge-base
/// names apart and folded, never raw JSON or actor codes (the web UI's
/// entity page says the same).
pub fn profile_lines(p: &EntityProfile, counts: bool) -> Vec<(&'static str, String)> {
    let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str()).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    // A count of 0: a canonical or knowledge-base name the corpus did not use.
    let seen: Vec<String> = p
        .aliases
        .iter()
        .filter(|a| a.count > 0)
        .map(|a| if counts { format!("{} ×{}", a.name, a.count) } else { a.name.clone() })
        .collect();
    lines.push(("names", if seen.is_empty() { "-".into() } else { seen.join(", ") }));
    if let Some(k) = p.kind.as_deref() {
        lines.push(("type", k.to_string()));
    }
    if let Some(c) = p.facts.get("country").and_then(|c| c.as_str()) {
        lines.push(("country", c.to_string()));
    }
    if let Some(place) = p.place.as_ref().and_then(crate::output::place_in_words) {
        lines.push(("place", place));
    }
    let described = strings(p.facts.get("descriptions"));
    if !described.is_empty() {
        lines.push(("described as", described.join("; ")));
    }
    if let Some(kb) = p.facts.get("kb") {
        let name = kb.get("name").and_then(|n| n.as_str()).unwrap_or(&p.name);
        let roles = strings(kb.get("roles"));
        lines.push((
            "knowledge base",
            if roles.is_empty() { name.to_string() } else { format!("{name}: {}", roles.join("; ")) },
        ));
    }
    let unseen: Vec<&str> =
        p.aliases.iter().filter(|a| a.count == 0 && a.name != p.name).map(|a| a.name.as_str()).collect();
    if !unseen.is_empty() {
        let shown = unseen.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        let more = unseen.len().saturating_sub(4);
        lines.push(("also known as", if more > 0 { format!("{shown} and {more} more") } else { shown }));
    }
    lines
}

fn print_profile(p: &EntityProfile) -> anyhow::Result<()> {
    crate::output::outln!("{}  ({})  {}", p.name, p.id, p.label.as_deref().unwrap_or("?"));
    if !p.merged.is_empty() {
        crate::output::outln!("merged with: {}", p.merged.join(", "));
    }
    if !p.also_matched.is_empty() {
        let others: Vec<String> = p.also_matched.iter().map(|e| format!("{} ({})", e.name, e.id)).collect();
        crate::output::outln!("the name also matches: {}", others.join(", "));
    }
    for (label, words) in profile_lines(p, true) {
        crate::output::outln!("{label}: {words}");
    }
    crate::output::outln!(
        "{}, {}, {}; {}",
        counted(p.documents, "document"),
        counted(p.mentions, "mention"),
        counted(p.quote_count, "quote"),
        seen_between(p.first_seen.as_deref(), p.last_seen.as_deref())
    );
    if !p.co_sentence.is_empty() {
        crate::output::outln!("\nappears with (same sentence):");
        let mut t = Table::new(&["  count", "entity", "id"]);
        for c in &p.co_sentence {
            t.row(vec![format!("  {}", c.count), c.entity.name.clone(), c.entity.id.clone()]);
        }
        t.print()?;
    }
    if !p.co_document.is_empty() {
        crate::output::outln!("\nappears with (same document):");
        let mut t = Table::new(&["  docs", "entity", "id"]);
        for c in &p.co_document {
            t.row(vec![format!("  {}", c.count), c.entity.name.clone(), c.entity.id.clone()]);
        }
        t.print()?;
    }
    if !p.quotes.is_empty() {
        crate::output::outln!("\nquotes:");
        print_quotes(&p.quotes)?;
    }
    if !p.quoted_about.is_empty() {
        crate::output::outln!("\nwhat others say about {}:", p.name);
        print_quotes(&p.quoted_about)?;
    }
    Ok(())
}

/// `dossier timeline`.
pub fn timeline(dir: &Path, a: TimelineArgs) -> anyhow::Result<Outcome> {
    let store = Store::open(dir)?;
    let items = store.timeline(&TimelineParams { entity: a.name, from: a.from, to: a.to, limit: a.limit })?;
    if a.json {
        json_lines(&items)?;
        return Ok(Outcome::Success);
    }
    let mut t = Table::new(&["date", "kind", "what", "document"]);
    for it in &items {
        let what = match &it.speaker {
            Some(s) => format!("{s}: “{}”", short(&it.text, 100)),
            None => short(&it.text, 110),
        };
        t.row(vec![
            crate::output::human_date(Some(&it.date)),
            it.kind.clone(),
            what,
            it.doc.id.chars().take(12).collect(),
        ]);
    }
    t.print()?;
    if items.is_empty() {
        crate::output::outln!("no dated items");
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_bracketed() {
        assert_eq!(highlight("Osh clashes in Osh", &[[0, 3], [15, 18]]), "[Osh] clashes in [Osh]");
    }
}
