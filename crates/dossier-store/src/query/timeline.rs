//! The timeline: dated items (documents, quotes, dated statements) in
//! date order, for the whole corpus or around one entity.

use rusqlite::types::Value;
use serde::Serialize;

use super::{date_filter, span_text, DocCache, DocRef, EntityRef};
use crate::{Result, Store, StoreError};

/// Filters of [`Store::timeline`].
#[derive(Debug, Clone, Default)]
pub struct TimelineParams {
    /// Only items about this entity (name or id): documents mentioning it,
    /// its quotes, and dates in sentences that mention it.
    pub entity: Option<String>,
    /// Items on or after this date.
    pub from: Option<String>,
    /// Items on or before this date.
    pub to: Option<String>,
    /// Most items (0: no limit).
    pub limit: usize,
}

/// One dated item.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    /// The date as known (ISO 8601, possibly partial).
    pub date: String,
    /// The first day it can stand for, `YYYY-MM-DD` (the sort key).
    pub day: String,
    /// `document`, `quote` or `statement` (a sentence holding a date).
    pub kind: String,
    /// The document.
    pub doc: DocRef,
    /// The title, the quote, or the sentence.
    pub text: String,
    /// For a quote: its speaker's name, when known.
    pub speaker: Option<String>,
    /// For a quote: the speaker entity, when linked.
    pub entity: Option<EntityRef>,
    /// Where `text` stands in the document, code points (`null` for a
    /// document's title).
    pub span: Option<[usize; 2]>,
}

impl Store {
    /// Dated items in date order.
    pub fn timeline(&self, p: &TimelineParams) -> Result<Vec<TimelineItem>> {
        let eid = match &p.entity {
            Some(name) => {
                let r = self.resolve_entities(name)?;
                Some(
                    *r.eids
                        .first()
                        .ok_or_else(|| StoreError::NotFound(format!("no entity named {name:?}")))?,
                )
            }
            None => None,
        };
        let (lo, hi) = date_filter(p.from.as_deref(), p.to.as_deref())?;
        let lim = if p.limit == 0 { i64::MAX } else { p.limit as i64 };
        let range = |col: &str| {
            format!(
                " AND {col}_lo IS NOT NULL AND (?2 IS NULL OR {col}_hi >= ?2) AND (?3 IS NULL OR {col}_lo <= ?3)",
            )
        };
        let args = [
            eid.map_or(Value::Null, Value::Integer),
            lo.map_or(Value::Null, Value::Text),
            hi.map_or(Value::Null, Value::Text),
            Value::Integer(lim),
        ];
        let mut items = Vec::new();
        let mut docs = DocCache::new();
        // Documents.
        let sql = format!(
            "SELECT d.seq, d.published, d.day_lo FROM documents d WHERE (?1 IS NULL OR d.seq IN \
             (SELECT doc FROM mentions WHERE entity = ?1 UNION SELECT doc FROM quotes WHERE sp_entity = ?1)){} \
             ORDER BY d.day_lo, d.seq LIMIT ?4",
            range("d.day")
        );
        for (seq, date, day) in self.triples(&sql, &args)? {
            let (doc, _) = docs.get(self, seq)?;
            let text = doc.title.clone().unwrap_or_default();
            items.push(TimelineItem {
                date,
                day,
                kind: "document".into(),
                doc: doc.clone(),
                text,
                speaker: None,
                entity: None,
                span: None,
            });
        }
        // Quotes.
        let sql = format!(
            "SELECT q.qid, coalesce(q.date, d.published), q.day_lo FROM quotes q JOIN documents d ON d.seq = q.doc \
             WHERE (?1 IS NULL OR q.sp_entity = ?1){} ORDER BY q.day_lo, q.doc, q.start LIMIT ?4",
            range("q.day")
        );
        for (qid, date, day) in self.triples(&sql, &args)? {
            let (seq, s, e, name, sp): (i64, i64, i64, Option<String>, Option<i64>) = self.conn().query_row(
                "SELECT doc, start, end, coalesce(sp_name, sp_text), sp_entity FROM quotes WHERE qid = ?1",
                [qid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
            let entity = sp.map(|e| self.entity_ref(e)).transpose()?;
            let (doc, text) = docs.get(self, seq)?;
            let st = span_text(text, s as usize, e as usize);
            items.push(TimelineItem {
                date,
                day,
                kind: "quote".into(),
                doc: doc.clone(),
                text: st.text,
                speaker: name,
                entity,
                span: Some([st.start, st.end]),
            });
        }
        // Dated statements: sentences holding a date expression.
        let sql = format!(
            "SELECT t.rowid, t.value, t.day_lo FROM dates t WHERE t.sent IS NOT NULL AND (?1 IS NULL OR EXISTS \
             (SELECT 1 FROM mentions m WHERE m.doc = t.doc AND m.sent = t.sent AND m.entity = ?1)){} \
             ORDER BY t.day_lo, t.doc, t.start LIMIT ?4",
            range("t.day")
        );
        for (rowid, date, day) in self.triples(&sql, &args)? {
            let (seq, sent): (i64, i64) =
                self.conn().query_row("SELECT doc, sent FROM dates WHERE rowid = ?1", [rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let blob: Vec<u8> =
                self.conn()
                    .query_row("SELECT sentences FROM documents WHERE seq = ?1", [seq], |r| r.get(0))?;
            let sentences = crate::util::decode_spans(&blob);
            let Some(s) = sentences.get(sent as usize) else { continue };
            let (doc, text) = docs.get(self, seq)?;
            let st = span_text(text, s.start, s.end);
            items.push(TimelineItem {
                date,
                day,
                kind: "statement".into(),
                doc: doc.clone(),
                text: st.text,
                speaker: None,
                entity: None,
                span: Some([st.start, st.end]),
            });
        }
        let rank = |k: &str| match k {
            "document" => 0,
            "statement" => 1,
            _ => 2,
        };
        items.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| rank(&a.kind).cmp(&rank(&b.kind))));
        if p.limit > 0 {
            items.truncate(p.limit);
        }
        Ok(items)
    }

    fn triples(&self, sql: &str, args: &[Value]) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (a, b, c) = r?;
            if let (Some(b), Some(c)) = (b, c) {
                out.push((a, b, c));
            }
        }
        Ok(out)
    }
}
