//! Quotes: who said what, filtered by speaker, by whom the quote is about,
//! and by date, each with the sentence around it.

use std::collections::HashMap;

use rusqlite::types::Value;
use serde::Serialize;

use super::{date_filter, span_text, DocCache, DocRef, EntityRef};
use crate::{Result, Store};

/// Filters of [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteParams {
    /// Quotes by this speaker (name or entity id). Matches linked speakers,
    /// including those the text calls "he" but resolved to a name, and
    /// unlinked speakers with the same name.
    pub speaker: Option<String>,
    /// Quotes whose content mentions this entity (name or id).
    pub about: Option<String>,
    /// Quotes made (or published) on or after this date.
    pub from: Option<String>,
    /// Quotes made (or published) on or before this date.
    pub to: Option<String>,
    /// Only quotes in this document (contract id).
    pub doc: Option<String>,
    /// Only quotes of this kind (`direct`, `indirect` or `mixed`).
    pub kind: Option<String>,
    /// Only quotes with a channel of this name or entity (`told
    /// Kommersant`, `according to Interfax`).
    pub via: Option<String>,
    /// Only quotes whose attribution confidence is at least this (a quote
    /// with no confidence counts as 0).
    pub min_confidence: Option<f64>,
    /// Only quotes whose attribution confidence is below this: the "less
    /// certain" ones a view hid.
    pub below_confidence: Option<f64>,
    /// Most quotes to return (0: no limit).
    pub limit: usize,
    /// Quotes to skip first (paging).
    pub offset: usize,
}

/// A span and its text: the contract's own shape.
pub type SpanText = dossier_core::contract::SpanJson;

/// A quote's speaker.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SpeakerOut {
    /// Start of the words naming the speaker, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The words the text uses ("he", "Kiljunen").
    pub text: String,
    /// The resolved name, when known.
    pub name: Option<String>,
    /// An apposition describing the speaker, when the text gives one.
    pub role: Option<String>,
    /// The entity (after the analyst's decisions), when linked.
    pub entity: Option<EntityRef>,
}

/// One quote.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    /// The document it is in.
    pub doc: DocRef,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Start of the content, code points.
    pub start: usize,
    /// End of the content, code points, exclusive.
    pub end: usize,
    /// The content.
    pub text: String,
    /// The cue ("said"), when any.
    pub cue: Option<SpanText>,
    /// The speaker, when known.
    pub speaker: Option<SpeakerOut>,
    /// Confidence 0–1, when given.
    pub confidence: Option<f64>,
    /// Names considered when the speaker is unclear.
    pub candidates: Vec<String>,
    /// When the statement was made: from the text, or the document's date.
    pub date: Option<String>,
    /// `text` or `document`.
    pub date_source: Option<String>,
    /// The sentence(s) around the quote.
    pub context: SpanText,
    /// The channels the text says the statement came through (`told
    /// Kommersant`), in text order.
    pub via: Vec<crate::ViaOut>,
    /// The statement cluster it belongs to, when other quotes (in other
    /// documents, as a rule) are the same statement: counts and the first.
    pub statement: Option<crate::StatementSummary>,
    /// The quote's row in the store (not shown: ids are the documents').
    #[serde(skip)]
    pub qid: i64,
}

/// The columns [`Store::quote_rows`] reads, in its order.
pub(crate) const QUOTE_COLUMNS: &str =
    "q.doc, q.kind, q.start, q.end, q.cue_start, q.cue_end, q.sp_start, q.sp_end, q.sp_name, \
     q.sp_role, q.sp_entity, q.confidence, q.candidates, q.date, q.date_source, q.ctx_start, q.ctx_end, q.qid";

/// The attribution confidence below which a view that presents quotes as
/// someone's words (an entity's "quotes by", quotes by a speaker) hides a
/// quote behind a "less certain" control.
///
/// Chosen by measurement: the end-to-end precision (content and speaker
/// right, as `all_e2e` counts it) of the quotes kept at or above each
/// confidence, from `dossier eval quotes --gold DIR --dump FILE` (whose `P`
/// lines carry each quote's confidence and `e2e` mark), 2026-12-06:
///
/// | kept at ≥   | PolNeAR train (840 articles) | PolNeAR dev (84) | held-out (`data/eval/quotes-heldout.jsonl`, 11) |
/// |-------------|------------------------------|------------------|-------------------------------------------------|
/// | all         | 0.645 of 13644               | 0.684 of 1567    | 0.820 of 50                                     |
/// | 0.55        | 0.755 of 8741                | 0.786 of 1025    | 0.909 of 33                                     |
/// | 0.60        | 0.773 of 8242                | 0.807 of 969     | 0.909 of 33                                     |
/// | 0.65        | 0.799 of 7543                | 0.827 of 889     | 0.968 of 31                                     |
/// | **0.70**    | **0.817 of 6531**            | **0.828 of 795** | **0.963 of 27**                                 |
///
/// On dev, precision falls below 0.8 under 0.60; on train (the larger
/// split, where rules are chosen) under 0.70. 0.70 keeps precision above
/// 0.8 on both (and hides about half of the quotes of PolNeAR's
/// hard-to-attribute political news).
pub const SPEAKER_MIN_CONFIDENCE: f64 = 0.7;

/// `?a,?b,...`: `n` numbered placeholders after the `before` arguments bound so far.
fn placeholders(n: usize, before: usize) -> String {
    (0..n).map(|i| format!("?{}", before + i + 1)).collect::<Vec<_>>().join(",")
}

/// The sort key of a quote list (undated last, then day, document,
/// position) with the quote's row id.
type OrderKey = (bool, String, i64, i64, i64);

impl Store {
    /// Quotes matching the filters, in date order (undated last).
    ///
    /// Every quote list is read in the order of an index (`quotes_order`,
    /// and by speaker `quotes_speaker` and `quotes_sp_key_order`), so a
    /// page costs its own rows: a speaker's quotes are one ordered arm per
    /// linked entity and per unlinked name, merged by SQLite.
    pub fn quotes(&self, p: &QuoteParams) -> Result<Vec<QuoteHit>> {
        let (filters, mut args, about_arm) = self.quote_filters(p)?;
        let arm = |cond: &str| {
            format!(
                "SELECT {QUOTE_COLUMNS}, q.day_lo IS NULL AS o1, q.day_lo AS o2, q.doc AS o3, q.start AS o4 \
                 FROM quotes q WHERE {cond}{filters}"
            )
        };
        let mut arms: Vec<String> = Vec::new();
        if let Some(name) = &p.speaker {
            return self.speaker_quotes(name, p, &filters, &args);
        } else if let Some(eid) = about_arm {
            args.push(Value::Integer(eid));
            arms.push(format!(
                "SELECT {QUOTE_COLUMNS}, qa.undated AS o1, qa.day_lo AS o2, qa.doc AS o3, qa.start AS o4 \
                 FROM quote_about qa JOIN quotes q ON q.qid = qa.qid WHERE qa.eid = ?{}{filters}",
                args.len()
            ));
        } else {
            arms.push(arm("1"));
        }
        let mut sql = arms.join(" UNION ALL ");
        sql.push_str(" ORDER BY o1, o2, o3, o4");
        if p.limit > 0 || p.offset > 0 {
            let limit = if p.limit > 0 { p.limit as i64 } else { -1 };
            sql.push_str(&format!(" LIMIT {limit} OFFSET {}", p.offset));
        }
        self.quote_rows(&sql, &args)
    }

    /// How many undated quotes the date filters of `p` leave out: 0 without
    /// `from`/`to`, else those that match every other filter but have no
    /// date (neither their own nor their document's).
    pub fn quotes_undated_left_out(&self, p: &QuoteParams) -> Result<i64> {
        if p.from.is_none() && p.to.is_none() {
            return Ok(0);
        }
        let all = self.count_quotes(&QuoteParams { from: None, to: None, ..p.clone() })?;
        let dated = self.count_quotes(&QuoteParams {
            from: Some("0001".into()),
            to: Some("9999".into()),
            ..p.clone()
        })?;
        Ok((all - dated).max(0))
    }

    /// How many quotes match the filters (`limit` and `offset` ignored).
    /// Counted in the same index ranges [`Store::quotes`] reads.
    pub fn count_quotes(&self, p: &QuoteParams) -> Result<i64> {
        let (filters, mut args, about_arm) = self.quote_filters(p)?;
        let count = |sql: &str, args: &[Value]| -> Result<i64> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            Ok(stmt.query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?)
        };
        if let Some(name) = &p.speaker {
            let Some((eids, keys)) = self.speaker_arms(name)? else { return Ok(0) };
            let n = args.len();
            let mut total = 0;
            for eid in eids {
                let mut all = args.clone();
                all.push(Value::Integer(eid));
                total += count(
                    &format!(
                        "SELECT count(*) FROM quotes q INDEXED BY quotes_speaker WHERE q.sp_entity = ?{}{filters}",
                        n + 1
                    ),
                    &all,
                )?;
            }
            for key in keys {
                let mut all = args.clone();
                all.push(Value::Text(key));
                total += count(
                    &format!(
                        "SELECT count(*) FROM quotes q INDEXED BY quotes_sp_key_order \
                         WHERE q.sp_key = ?{} AND q.sp_entity IS NULL{filters}",
                        n + 1
                    ),
                    &all,
                )?;
            }
            return Ok(total);
        }
        if let Some(eid) = about_arm {
            args.push(Value::Integer(eid));
            return count(
                &format!(
                    "SELECT count(*) FROM quote_about qa JOIN quotes q ON q.qid = qa.qid WHERE qa.eid = ?{}{filters}",
                    args.len()
                ),
                &args,
            );
        }
        if filters.is_empty() {
            return Ok(self.conn().query_row("SELECT quotes FROM totals WHERE id = 1", [], |r| r.get(0))?);
        }
        count(&format!("SELECT count(*) FROM quotes q WHERE 1{filters}"), &args)
    }

    /// The SQL conditions (each ` AND …` on `q`) and arguments of the
    /// filters other than the speaker, and the one entity talked about
    /// when its `quote_about` rows can be the list itself.
    fn quote_filters(&self, p: &QuoteParams) -> Result<(String, Vec<Value>, Option<i64>)> {
        let mut args: Vec<Value> = Vec::new();
        let mut filters = String::new();
        let about = match &p.about {
            Some(name) => Some(self.filter_entities(name)?),
            None => None,
        };
        // One entity talked about and no speaker: its `quote_about` rows
        // are the list, in order. Otherwise they filter.
        let about_arm = match (&about, &p.speaker) {
            (Some(eids), None) if eids.len() == 1 => Some(eids[0]),
            _ => None,
        };
        if let (Some(eids), None) = (&about, about_arm) {
            let e = placeholders(eids.len(), args.len());
            args.extend(eids.iter().map(|&e| Value::Integer(e)));
            filters.push_str(&format!(" AND q.qid IN (SELECT qid FROM quote_about WHERE eid IN ({e}))"));
        }
        let (lo, hi) = date_filter(p.from.as_deref(), p.to.as_deref())?;
        if let Some(lo) = lo {
            args.push(Value::Text(lo));
            filters.push_str(&format!(" AND q.day_hi >= ?{}", args.len()));
        }
        if let Some(hi) = hi {
            args.push(Value::Text(hi));
            filters.push_str(&format!(" AND q.day_lo <= ?{}", args.len()));
        }
        if let Some(doc) = &p.doc {
            args.push(Value::Text(doc.clone()));
            filters.push_str(&format!(" AND q.doc = (SELECT seq FROM documents WHERE id = ?{})", args.len()));
        }
        if let Some(kind) = &p.kind {
            if !matches!(kind.as_str(), "direct" | "indirect" | "mixed") {
                return Err(crate::StoreError::Invalid(format!(
                    "bad quote kind {kind:?}: expected direct, indirect or mixed"
                )));
            }
            args.push(Value::Text(kind.clone()));
            filters.push_str(&format!(" AND q.kind = ?{}", args.len()));
        }
        if let Some(name) = &p.via {
            filters.push_str(&self.via_condition(name, &mut args)?);
        }
        for (bound, op) in [(p.min_confidence, ">="), (p.below_confidence, "<")] {
            if let Some(c) = bound {
                if !(0.0..=1.0).contains(&c) {
                    return Err(crate::StoreError::Invalid(format!("a confidence is from 0 to 1, not {c}")));
                }
                args.push(Value::Real(c));
                filters.push_str(&format!(" AND coalesce(q.confidence, 0) {op} ?{}", args.len()));
            }
        }
        Ok((filters, args, about_arm))
    }

    /// The linked entities and the unlinked-speaker name keys a speaker
    /// name stands for; `None` when it stands for nothing.
    fn speaker_arms(&self, name: &str) -> Result<Option<(Vec<i64>, Vec<String>)>> {
        let r = self.resolve_entities(name)?;
        let mut keys: Vec<String> = vec![r.key.clone()];
        for k in self.alias_keys_of(&r.eids)? {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys.retain(|k| !k.is_empty());
        if r.eids.is_empty() && keys.is_empty() {
            return Ok(None);
        }
        Ok(Some((r.eids, keys)))
    }

    /// A speaker's quotes: each entity the name stands for, and the
    /// unlinked speakers given one of their names, is read in index order
    /// (`quotes_speaker`, `quotes_sp_key_order`) up to the end of the page;
    /// the keys are merged here and only the page's rows are read. A name
    /// shared by hundreds of entities, or a hub with a hundred aliases,
    /// so costs one short index range per entity and per name,
    /// never a sort of all their quotes (SQLite's compound SELECT, which
    /// did this before, is limited to 500 arms and sorts when an arm
    /// cannot be read in order).
    fn speaker_quotes(
        &self,
        name: &str,
        p: &QuoteParams,
        filters: &str,
        args: &[Value],
    ) -> Result<Vec<QuoteHit>> {
        let Some((eids, keys)) = self.speaker_arms(name)? else { return Ok(Vec::new()) };
        let page_end = if p.limit > 0 { p.offset.saturating_add(p.limit) as i64 } else { -1 };
        let order = "q.day_lo IS NULL, q.day_lo, q.doc, q.start";
        // Each arm names its index: the planner, left alone, may read all
        // unlinked quotes through `sp_entity IS NULL` and sort them.
        let read = |index: &str, cond: &str, extra: &[Value]| -> Result<Vec<OrderKey>> {
            let sql = format!(
                "SELECT q.day_lo IS NULL, coalesce(q.day_lo, ''), q.doc, q.start, q.qid FROM quotes q \
                 INDEXED BY {index} WHERE {cond}{filters} ORDER BY {order} LIMIT {page_end}"
            );
            let mut all: Vec<Value> = args.to_vec();
            all.extend_from_slice(extra);
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(all.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let n = args.len();
        let mut found: Vec<OrderKey> = Vec::new();
        let by_entity = format!("q.sp_entity = ?{}", n + 1);
        for &eid in &eids {
            found.extend(read("quotes_speaker", &by_entity, &[Value::Integer(eid)])?);
        }
        let by_name = format!("q.sp_key = ?{} AND q.sp_entity IS NULL", n + 1);
        for key in keys {
            found.extend(read("quotes_sp_key_order", &by_name, &[Value::Text(key)])?);
        }
        found.sort_unstable();
        let page: Vec<Value> = found
            .into_iter()
            .skip(p.offset)
            .take(if p.limit > 0 { p.limit } else { usize::MAX })
            .map(|o| Value::Integer(o.4))
            .collect();
        if page.is_empty() {
            return Ok(Vec::new());
        }
        let ids = placeholders(page.len(), 0);
        self.quote_rows(
            &format!("SELECT {QUOTE_COLUMNS} FROM quotes q WHERE q.qid IN ({ids}) ORDER BY {order}, q.qid"),
            &page,
        )
    }

    /// Runs a quote query whose columns are those of [`Store::quotes`].
    pub(crate) fn quote_rows(&self, sql: &str, args: &[Value]) -> Result<Vec<QuoteHit>> {
        type Row = (
            i64,
            String,
            [Option<i64>; 8],
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<f64>,
            String,
            Option<String>,
            Option<String>,
            i64,
        );
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows: Vec<Row> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    [
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(15)?,
                        r.get(16)?,
                    ],
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                    r.get(17)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut docs = DocCache::new();
        let mut entities: HashMap<i64, EntityRef> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for (seq, kind, s, sp_name, sp_role, sp_entity, confidence, candidates, date, date_source, qid) in
            rows
        {
            let entity = match sp_entity {
                Some(e) => {
                    if let std::collections::hash_map::Entry::Vacant(v) = entities.entry(e) {
                        v.insert(self.entity_ref(e)?);
                    }
                    Some(entities[&e].clone())
                }
                None => None,
            };
            let (doc, text) = docs.get(self, seq)?;
            let u = |v: Option<i64>| v.unwrap_or(0).max(0) as usize;
            let content = span_text(text, u(s[0]), u(s[1]));
            let cue = match (s[2], s[3]) {
                (Some(a), Some(b)) => Some(span_text(text, a as usize, b as usize)),
                _ => None,
            };
            let speaker = match (s[4], s[5]) {
                (Some(a), Some(b)) => {
                    let st = span_text(text, a as usize, b as usize);
                    Some(SpeakerOut {
                        start: st.start,
                        end: st.end,
                        text: st.text,
                        name: sp_name,
                        role: sp_role,
                        entity,
                    })
                }
                _ => None,
            };
            let (date, date_source) = match date {
                Some(d) => (Some(d), date_source),
                None => (doc.published.clone(), doc.published.as_ref().map(|_| "document".to_string())),
            };
            out.push(QuoteHit {
                doc: doc.clone(),
                kind,
                start: content.start,
                end: content.end,
                text: content.text,
                cue,
                speaker,
                confidence,
                candidates: serde_json::from_str(&candidates).unwrap_or_default(),
                date,
                date_source,
                context: span_text(text, u(s[6]), u(s[7])),
                via: Vec::new(),
                statement: None,
                qid,
            });
        }
        let qids: Vec<i64> = out.iter().map(|q| q.qid).collect();
        let mut via = self.via_of_quotes(&qids, &mut docs)?;
        let mut statements = self.statement_summaries(&qids)?;
        for q in &mut out {
            q.via = via.remove(&q.qid).unwrap_or_default();
            q.statement = statements.remove(&q.qid);
        }
        Ok(out)
    }
}

/// Quotation marks a quote's text may carry at its ends.
const MARKS: &[char] = &['"', '“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '\'', '‹', '›'];

impl QuoteHit {
    /// The quote as a reader should see it. A direct quote inside one pair
    /// of quotation marks (marks the text already carries are taken off
    /// first, with a comma that closed it); reported speech (indirect and
    /// mixed) never inside marks, but after its verb: `said that …` (the
    /// cue when it is a single verb, else `said`).
    pub fn display_text(&self) -> String {
        display_text(&self.kind, &self.text, self.cue.as_ref().map(|c| c.text.as_str()))
    }
}

/// Words that open a sentence in lower case once it follows `said that`
/// (a capital there is the sentence's, not a name's).
const SENTENCE_OPENERS: &[&str] = &[
    "a", "about", "after", "all", "almost", "an", "any", "as", "at", "before", "both", "by", "each", "every",
    "few", "for", "he", "her", "his", "if", "in", "it", "its", "less", "many", "more", "most", "no", "none",
    "not", "on", "only", "our", "several", "she", "some", "such", "that", "the", "their", "there", "these",
    "they", "this", "those", "we", "when", "while", "with",
];

/// Whether a cue reads as a verb after a speaker (`said`, `warned`,
/// `says`): a single lower-case word in the past or third person.
fn is_verb(cue: &str) -> bool {
    cue.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && (cue.ends_with("ed")
            || cue.ends_with('s')
            || matches!(
                cue,
                "said" | "told" | "wrote" | "thought" | "felt" | "knew" | "spoke" | "say" | "tell"
            ))
}

/// [`QuoteHit::display_text`] of a kind, a content and a cue.
pub fn display_text(kind: &str, text: &str, cue: Option<&str>) -> String {
    let t = text.trim();
    if kind == "direct" {
        let inner = t.trim_matches(|c: char| MARKS.contains(&c) || c.is_whitespace());
        let inner = inner.strip_suffix(',').unwrap_or(inner).trim_end();
        return format!("“{inner}”");
    }
    let verb = cue.map(str::trim).filter(|c| is_verb(c)).unwrap_or("said");
    let first = t.split_whitespace().next().unwrap_or("");
    let t = if SENTENCE_OPENERS.contains(&first.to_lowercase().as_str()) && first != first.to_uppercase() {
        let mut c = t.chars();
        c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
    } else {
        t.to_string()
    };
    if ["that ", "whether ", "if "].iter().any(|w| t.starts_with(w)) {
        format!("{verb} {t}")
    } else {
        format!("{verb} that {t}")
    }
}

#[cfg(test)]
mod display_tests {
    use super::display_text;

    #[test]
    fn direct_quotes_get_one_pair_of_marks() {
        assert_eq!(
            display_text("direct", "\"We will rebuild the bridge,\"", None),
            "“We will rebuild the bridge”"
        );
        assert_eq!(display_text("direct", "“It is over.”", Some("said")), "“It is over.”");
        assert_eq!(display_text("direct", "Nobody came", None), "“Nobody came”");
    }

    #[test]
    fn reported_speech_is_never_in_marks() {
        assert_eq!(
            display_text("indirect", "that the ferry would run again in spring", Some("announced")),
            "announced that the ferry would run again in spring"
        );
        assert_eq!(
            display_text("indirect", "the talks had failed", Some("according to")),
            "said that the talks had failed"
        );
        assert_eq!(
            display_text("mixed", "the plan was \"a gamble\"", None),
            "said that the plan was \"a gamble\""
        );
    }
}
