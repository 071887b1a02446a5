//! The channels of stored quotes (`told Kommersant`): one `quote_via` row
//! per channel, with the words that say so (byte span), the name, its
//! key, and the entity linking gave the name (as linked; the analyst's
//! merges are applied when read, so a merge needs no rewrite here).
//!
//! Read back with each page of quotes ([`Store::via_of_quotes`]), and used
//! as a filter (`dossier quotes --via Kommersant`, [`Store::via_condition`]).

use std::collections::HashMap;

use dossier_core::{Span, Via};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::query::{span_text, DocCache, EntityRef};
use crate::decisions::merge_map;
use crate::util::name_key;
use crate::{Result, Store};

/// A channel of a quote, as results show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ViaOut {
    /// `told`, `interview`, `statement`, `release`, `post`,
    /// `according_to`, `reported_by` or `quoted_by`.
    pub kind: String,
    /// The outlet, platform or person named, when the text names one.
    pub name: Option<String>,
    /// Start of the words that say so, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The words (`told Russia's Kommersant daily`).
    pub text: String,
    /// The entity of the name (after the analyst's decisions), when linked.
    pub entity: Option<EntityRef>,
    /// The entity's country, when the knowledge base or the text gives one.
    pub country: Option<String>,
}

/// Writes the channels of the quote `qid` of document `seq`; `eids[i]` is
/// the entity row of channel `i`'s name, when linked. Spans that do not fit
/// `text` are dropped.
pub(crate) fn insert(
    conn: &Connection,
    seq: i64,
    qid: i64,
    text: &str,
    via: &[Via],
    eids: &[Option<i64>],
) -> Result<()> {
    let fits = |s: &Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    let mut ins = conn.prepare_cached(
        "INSERT INTO quote_via (qid, pos, doc, kind, start, end, name, name_key, eid) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (pos, v) in via.iter().enumerate().filter(|(_, v)| fits(&v.span)) {
        let key = v.name.as_deref().map(name_key).filter(|k| !k.is_empty());
        ins.execute(params![
            qid,
            pos as i64,
            seq,
            v.kind.as_str(),
            v.span.start as i64,
            v.span.end as i64,
            v.name,
            key,
            eids.get(pos).copied().flatten()
        ])?;
    }
    Ok(())
}

impl Store {
    /// The channels of each quote of `qids`, in their order (texts read
    /// through `docs`).
    pub(crate) fn via_of_quotes(
        &self,
        qids: &[i64],
        docs: &mut DocCache,
    ) -> Result<HashMap<i64, Vec<ViaOut>>> {
        let mut out: HashMap<i64, Vec<ViaOut>> = HashMap::new();
        if qids.is_empty() {
            return Ok(out);
        }
        let merged = merge_map(self.conn())?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.doc, v.kind, v.start, v.end, v.name, v.eid FROM quote_via v WHERE v.qid = ?1 ORDER BY v.pos",
        )?;
        for &qid in qids {
            type Row = (i64, String, i64, i64, Option<String>, Option<i64>);
            let rows: Vec<Row> = stmt
                .query_map([qid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
                .collect::<std::result::Result<_, _>>()?;
            for (doc, kind, start, end, name, eid) in rows {
                let text = &docs.get(self, doc)?.1;
                let s = span_text(text, start.max(0) as usize, end.max(0) as usize);
                let (entity, country) = match eid.map(|e| *merged.get(&e).unwrap_or(&e)) {
                    Some(e) => (Some(self.entity_ref(e)?), self.entity_country(e)?),
                    None => (None, None),
                };
                out.entry(qid).or_default().push(ViaOut {
                    kind,
                    name,
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    entity,
                    country,
                });
            }
        }
        Ok(out)
    }

    /// The country an entity's facts give (linking's, else the knowledge
    /// base's), or its place's country code.
    fn entity_country(&self, eid: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT coalesce(json_extract(facts, '$.country'), json_extract(facts, '$.kb.country'), country_code) \
                 FROM entities WHERE eid = ?1",
            )?
            .query_row([eid], |r| r.get(0))?)
    }

    /// The condition (` AND …` on quotes `q`) of quotes with a channel
    /// named `name`: an entity the name resolves to (with every entity
    /// merged into it), or a channel name with the same key. Appends its
    /// arguments to `args`.
    pub(crate) fn via_condition(&self, name: &str, args: &mut Vec<Value>) -> Result<String> {
        let resolved = self.resolve_entities(name)?;
        let merged = merge_map(self.conn())?;
        let mut eids: Vec<i64> = resolved.eids.clone();
        for (&auto, &eff) in &merged {
            if resolved.eids.contains(&eff) && !eids.contains(&auto) {
                eids.push(auto);
            }
        }
        let mut alts: Vec<String> = Vec::new();
        if !eids.is_empty() {
            let at = args.len();
            let marks: Vec<String> = (0..eids.len()).map(|i| format!("?{}", at + i + 1)).collect();
            args.extend(eids.iter().map(|&e| Value::Integer(e)));
            alts.push(format!("eid IN ({})", marks.join(",")));
        }
        args.push(Value::Text(name_key(name)));
        alts.push(format!("name_key = ?{}", args.len()));
        Ok(format!(" AND q.qid IN (SELECT qid FROM quote_via WHERE {})", alts.join(" OR ")))
    }
}
