//! The analyst's decisions on entities: merge, split, distinct, each
//! undoable.
//!
//! Decisions live in their own table, apart from what linking decided
//! (`entity_auto` columns), and are replayed over it into the effective
//! columns (`mentions.entity`, `quotes.sp_entity`) whenever a decision is
//! made or undone, and for every new document as it is written. So they
//! hold across re-ingest and re-linking: linking may change its mind, the
//! analyst's word is applied on top.
//!
//! - `merge A B`: the same actor; B's mentions and quotes count as A's.
//! - `split A --mention DOC[:START-END]`: those mentions of A (all of A's
//!   mentions in DOC, or the one at that code-point span) are another actor,
//!   a new entity `A~N` (N the decision number).
//! - `distinct A B`: not the same actor. A merge that would join them is
//!   refused, and the pair is listed for the linker to respect.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::util::{now, slice};
use crate::{Result, Store, StoreError};

/// The kind of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionKind {
    /// Two entities are one actor.
    Merge,
    /// Some mentions of an entity are another actor.
    Split,
    /// Two entities are not the same actor.
    Distinct,
}

impl DecisionKind {
    fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Merge => "merge",
            DecisionKind::Split => "split",
            DecisionKind::Distinct => "distinct",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "merge" => DecisionKind::Merge,
            "split" => DecisionKind::Split,
            "distinct" => DecisionKind::Distinct,
            _ => return None,
        })
    }
}

/// One mention named in a split: a document and, optionally, a code-point
/// span in its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MentionRef {
    /// The document's contract id.
    pub doc: String,
    /// `[start, end)` in code points; `None` for all the entity's mentions
    /// in the document.
    pub span: Option<[usize; 2]>,
}

impl MentionRef {
    /// Parses `DOC` or `DOC:START-END` (code points). `DOC` may be a unique
    /// prefix of the id; it is resolved later against the store.
    pub fn parse(s: &str) -> Result<MentionRef> {
        let bad = || StoreError::Invalid(format!("bad mention {s:?}: expected DOC or DOC:START-END"));
        match s.rsplit_once(':') {
            Some((doc, span)) => {
                let (a, b) = span.split_once('-').ok_or_else(bad)?;
                let (a, b): (usize, usize) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if a >= b || doc.is_empty() {
                    return Err(bad());
                }
                Ok(MentionRef { doc: doc.to_string(), span: Some([a, b]) })
            }
            None if !s.is_empty() => Ok(MentionRef { doc: s.to_string(), span: None }),
            None => Err(bad()),
        }
    }
}

/// A recorded decision.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// Its number, used to undo it.
    pub id: i64,
    /// Merge, split or distinct.
    pub kind: DecisionKind,
    /// The first entity.
    pub a: String,
    /// The second entity (merge, distinct) or the entity a split creates.
    pub b: Option<String>,
    /// The mentions a split moves.
    pub mentions: Vec<MentionRef>,
    /// When it was made (UTC).
    pub created: String,
    /// When it was undone, if it was.
    pub undone: Option<String>,
    /// Who made it: `cli`, or `web:LABEL` for the web UI with the token
    /// labelled LABEL (`None` for decisions recorded before schema 5).
    pub made_by: Option<String>,
    /// Who undid it, when it was undone.
    pub undone_by: Option<String>,
}

/// The effective entity of every automatic entity the active merges move:
/// `auto eid -> effective eid` (the first-named entity of a merge survives).
pub fn merge_map(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ea.eid, eb.eid FROM decisions d JOIN entities ea ON ea.id = d.a JOIN entities eb ON eb.id = d.b \
         WHERE d.kind = 'merge' AND d.undone IS NULL ORDER BY d.id",
    )?;
    let pairs: Vec<(i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut parent: HashMap<i64, i64> = HashMap::new();
    fn root(parent: &HashMap<i64, i64>, mut x: i64) -> i64 {
        while let Some(&p) = parent.get(&x) {
            if p == x {
                break;
            }
            x = p;
        }
        x
    }
    for (a, b) in pairs {
        let (ra, rb) = (root(&parent, a), root(&parent, b));
        if ra != rb {
            parent.insert(rb, ra);
        }
    }
    let keys: Vec<i64> = parent.keys().copied().collect();
    Ok(keys.into_iter().map(|k| (k, root(&parent, k))).filter(|(k, r)| k != r).collect())
}

/// Who the command line records as the maker of a decision.
pub const CLI: &str = "cli";

impl Store {
    /// Records that `a` and `b` are one actor (`b` joins `a`). Refused when
    /// they were declared distinct.
    pub fn merge(&mut self, a: &str, b: &str) -> Result<Decision> {
        self.merge_by(a, b, CLI)
    }

    /// [`Store::merge`], recording `by` as its maker.
    pub fn merge_by(&mut self, a: &str, b: &str, by: &str) -> Result<Decision> {
        let (a, b) = (self.entity_id(a)?, self.entity_id(b)?);
        if a == b {
            return Err(StoreError::Invalid(format!("{a} and {b} are already one entity")));
        }
        let map = merge_map(&self.conn)?;
        let group = |id: &str| -> Result<i64> {
            let eid = eid_of(&self.conn, id)?;
            Ok(*map.get(&eid).unwrap_or(&eid))
        };
        let (ga, gb) = (group(&a)?, group(&b)?);
        if ga == gb {
            return Err(StoreError::Invalid(format!("{a} and {b} are already merged")));
        }
        // Refuse when any distinct pair would end up on both sides.
        for d in
            self.decisions()?.into_iter().filter(|d| d.kind == DecisionKind::Distinct && d.undone.is_none())
        {
            let Some(db) = &d.b else { continue };
            let (x, y) = (group(&d.a)?, group(db)?);
            if (x == ga && y == gb) || (x == gb && y == ga) {
                return Err(StoreError::Invalid(format!(
                    "{} and {} were declared distinct (decision {}): undo it first",
                    d.a, db, d.id
                )));
            }
        }
        self.record(DecisionKind::Merge, &a, Some(&b), &[], by)
    }

    /// Records that `a` and `b` are not the same actor. Refused when they
    /// are merged now (undo the merge instead).
    pub fn distinct(&mut self, a: &str, b: &str) -> Result<Decision> {
        self.distinct_by(a, b, CLI)
    }

    /// [`Store::distinct`], recording `by` as its maker.
    pub fn distinct_by(&mut self, a: &str, b: &str, by: &str) -> Result<Decision> {
        let (name_a, name_b) = (a, b);
        let (a, b) = (self.entity_id(a)?, self.entity_id(b)?);
        if a == b {
            // Two names linking found to be one actor: no decision joined them.
            return Err(StoreError::Invalid(format!(
                "{name_a:?} and {name_b:?} both name the entity {a}: linking found them to be one actor. \
                 To separate some of its mentions, split them off (`dossier split {a} --mention DOC[:START-END]`)"
            )));
        }
        let map = merge_map(&self.conn)?;
        let (ea, eb) = (eid_of(&self.conn, &a)?, eid_of(&self.conn, &b)?);
        if map.get(&ea).unwrap_or(&ea) == map.get(&eb).unwrap_or(&eb) {
            let merges: Vec<String> = self
                .decisions()?
                .into_iter()
                .filter(|d| d.kind == DecisionKind::Merge && d.undone.is_none())
                .filter(|d| [&d.a, d.b.as_ref().unwrap_or(&d.a)].iter().any(|x| **x == a || **x == b))
                .map(|d| d.id.to_string())
                .collect();
            let which = match merges.as_slice() {
                [] => "the merges that joined them".to_string(),
                [one] => format!("merge decision {one} (`dossier undo {one}`)"),
                many => format!("the merge decisions {} that joined them", many.join(", ")),
            };
            return Err(StoreError::Invalid(format!(
                "{a} and {b} were merged into one entity: undo {which} first"
            )));
        }
        self.record(DecisionKind::Distinct, &a, Some(&b), &[], by)
    }

    /// Records that the given mentions of `a` are another actor, and
    /// creates that entity (`a~N`).
    pub fn split(&mut self, a: &str, mentions: &[MentionRef]) -> Result<Decision> {
        self.split_by(a, mentions, CLI)
    }

    /// [`Store::split`], recording `by` as its maker.
    pub fn split_by(&mut self, a: &str, mentions: &[MentionRef], by: &str) -> Result<Decision> {
        let a = self.entity_id(a)?;
        if mentions.is_empty() {
            return Err(StoreError::Invalid("a split needs at least one --mention DOC[:START-END]".into()));
        }
        let mut resolved = Vec::new();
        for m in mentions {
            let doc = self.resolve_doc(&m.doc)?;
            resolved.push(MentionRef { doc, span: m.span });
        }
        let d = self.record(DecisionKind::Split, &a, None, &resolved, by)?;
        let moved = self.mentions_moved_by(&d)?;
        if moved == 0 {
            self.conn.execute("DELETE FROM decisions WHERE id = ?1", [d.id])?;
            self.apply_decisions()?;
            return Err(StoreError::Invalid(format!("none of the given mentions is a mention of {a}")));
        }
        self.decision(d.id)
    }

    /// Undoes decision `id`.
    pub fn undo(&mut self, id: i64) -> Result<Decision> {
        self.undo_by(id, CLI)
    }

    /// [`Store::undo`], recording `by` as who undid it.
    pub fn undo_by(&mut self, id: i64, by: &str) -> Result<Decision> {
        self.refuse_during_ingest()?;
        let d = self.decision(id)?;
        if d.undone.is_some() {
            return Err(StoreError::Invalid(format!("decision {id} was already undone")));
        }
        self.conn.execute(
            "UPDATE decisions SET undone = ?2, undone_by = ?3 WHERE id = ?1",
            params![id, now(), by],
        )?;
        let mut gone = Vec::new();
        if d.kind == DecisionKind::Split {
            if let Some(b) = &d.b {
                if let Ok(eid) = eid_of(&self.conn, b) {
                    gone.push(eid);
                    self.conn.execute("DELETE FROM aliases WHERE eid = ?1", [eid])?;
                    self.conn.execute("DELETE FROM alias_words WHERE eid = ?1", [eid])?;
                }
                self.conn.execute("DELETE FROM entities WHERE id = ?1 AND origin = 'split'", [b])?;
            }
        }
        self.apply_decisions_touching(&gone)?;
        self.decision(id)
    }

    /// Every decision, oldest first (undone ones too, marked).
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, a, b, mentions, created, undone, made_by, undone_by FROM decisions ORDER BY id",
        )?;
        let rows = stmt.query_map([], row_decision)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Decision `id`.
    pub fn decision(&self, id: i64) -> Result<Decision> {
        self.conn
            .query_row(
                "SELECT id, kind, a, b, mentions, created, undone, made_by, undone_by FROM decisions WHERE id = ?1",
                [id],
                row_decision,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("decision {id}")))
    }

    /// Pairs of entity ids declared distinct (for the linker to respect).
    pub fn distinct_pairs(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .decisions()?
            .into_iter()
            .filter(|d| d.kind == DecisionKind::Distinct && d.undone.is_none())
            .filter_map(|d| Some((d.a, d.b?)))
            .collect())
    }

    /// Refuses a decision while an ingest writes to the store: the ingest
    /// read the decisions when it started, so documents it writes after
    /// this one would not follow it.
    fn refuse_during_ingest(&self) -> Result<()> {
        use tantivy::Directory as _;
        match self.ft.index.directory().acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK) {
            Ok(lock) => {
                drop(lock);
                Ok(())
            }
            Err(tantivy::directory::error::LockError::LockBusy) => Err(StoreError::Busy(
                "an ingest is running: make merges, splits, distinctions and undos when it has finished"
                    .into(),
            )),
            Err(e) => Err(StoreError::Invalid(format!("cannot check for a running ingest: {e}"))),
        }
    }

    fn record(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: Option<&str>,
        mentions: &[MentionRef],
        by: &str,
    ) -> Result<Decision> {
        self.refuse_during_ingest()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO decisions (kind, a, b, mentions, created, made_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                kind.as_str(),
                a,
                b,
                serde_json::to_string(mentions).unwrap_or_else(|_| "[]".into()),
                now(),
                by
            ],
        )?;
        let id = tx.last_insert_rowid();
        if kind == DecisionKind::Split {
            let new_id = format!("{a}~{id}");
            let (name, label): (String, Option<String>) =
                tx.query_row("SELECT name, label FROM entities WHERE id = ?1", [a], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            tx.execute(
                "INSERT INTO entities (id, name, label, origin) VALUES (?1, ?2, ?3, 'split')",
                params![new_id, name, label],
            )?;
            tx.execute("UPDATE decisions SET b = ?2 WHERE id = ?1", params![id, new_id])?;
        }
        tx.commit()?;
        self.apply_decisions()?;
        self.decision(id)
    }

    /// Replays the active decisions over what linking said, rewriting the
    /// effective entity columns.
    pub fn apply_decisions(&mut self) -> Result<()> {
        self.apply_decisions_touching(&[])
    }

    /// [`Store::apply_decisions`], also recounting the summaries of
    /// `extra` entities (ones no longer named by an entity row).
    fn apply_decisions_touching(&mut self, extra: &[i64]) -> Result<()> {
        let map = merge_map(&self.conn)?;
        let splits: Vec<Decision> = self
            .decisions()?
            .into_iter()
            .filter(|d| d.kind == DecisionKind::Split && d.undone.is_none())
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE mentions SET entity = entity_auto WHERE entity IS NOT entity_auto", [])?;
        tx.execute("UPDATE quotes SET sp_entity = sp_entity_auto WHERE sp_entity IS NOT sp_entity_auto", [])?;
        for (from, to) in &map {
            tx.execute("UPDATE mentions SET entity = ?2 WHERE entity_auto = ?1", params![from, to])?;
            tx.execute("UPDATE quotes SET sp_entity = ?2 WHERE sp_entity_auto = ?1", params![from, to])?;
        }
        for d in &splits {
            apply_split(&tx, &map, d)?;
        }
        // Only entities named by a decision (in force or undone) can have
        // gained or lost mentions: their counters are recomputed.
        let mut touched: Vec<i64> = tx
            .prepare(
                "SELECT eid FROM entities WHERE id IN \
                 (SELECT a FROM decisions UNION SELECT b FROM decisions WHERE b IS NOT NULL)",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        touched.extend_from_slice(extra);
        crate::summary::refresh_entities(&tx, &touched)?;
        // Quotes whose speaker moved are filed under it again: a merge
        // joins the two entities' statements, an undo parts them.
        crate::statements::record::refresh(&tx, &mut self.keys.statements)?;
        tx.commit()?;
        Ok(())
    }

    fn mentions_moved_by(&self, d: &Decision) -> Result<i64> {
        let Some(b) = &d.b else { return Ok(0) };
        Ok(self.conn.query_row(
            "SELECT count(*) FROM mentions WHERE entity = (SELECT eid FROM entities WHERE id = ?1)",
            [b],
            |r| r.get(0),
        )?)
    }

    /// The contract id of the one document whose id is `id` or starts with it.
    pub fn resolve_doc(&self, id: &str) -> Result<String> {
        if id.len() < 6 {
            return Err(StoreError::Invalid(format!(
                "document id {id:?} is too short (give at least 6 characters)"
            )));
        }
        let mut stmt = self.conn.prepare("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 LIMIT 2")?;
        let upper = format!("{id}\u{10FFFF}");
        let ids: Vec<String> =
            stmt.query_map([id, upper.as_str()], |r| r.get(0))?.collect::<Result<_, _>>()?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(StoreError::NotFound(format!("document {id}"))),
            _ => Err(StoreError::Invalid(format!("document id {id:?} is ambiguous"))),
        }
    }
}

fn eid_of(conn: &Connection, id: &str) -> Result<i64> {
    conn.query_row("SELECT eid FROM entities WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("entity {id}")))
}

fn apply_split(conn: &Connection, map: &HashMap<i64, i64>, d: &Decision) -> Result<()> {
    let Some(new_id) = &d.b else { return Ok(()) };
    let Ok(a) = eid_of(conn, &d.a) else { return Ok(()) };
    let Ok(new) = eid_of(conn, new_id) else { return Ok(()) };
    let a = *map.get(&a).unwrap_or(&a);
    for m in &d.mentions {
        let Some((seq, text)) = conn
            .query_row("SELECT seq, text FROM documents WHERE id = ?1", [&m.doc], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        else {
            continue;
        };
        match m.span {
            None => {
                conn.execute(
                    "UPDATE mentions SET entity = ?3 WHERE doc = ?1 AND entity = ?2",
                    params![seq, a, new],
                )?;
                conn.execute(
                    "UPDATE quotes SET sp_entity = ?3 WHERE doc = ?1 AND sp_entity = ?2",
                    params![seq, a, new],
                )?;
            }
            Some([cs, ce]) => {
                let (bs, be) = byte_span(&text, cs, ce);
                debug_assert!(slice(&text, bs, be).chars().count() <= ce - cs);
                conn.execute(
                    "UPDATE mentions SET entity = ?5 WHERE doc = ?1 AND start = ?2 AND end = ?3 AND entity = ?4",
                    params![seq, bs as i64, be as i64, a, new],
                )?;
                conn.execute(
                    "UPDATE quotes SET sp_entity = ?5 WHERE doc = ?1 AND sp_start < ?3 AND sp_end > ?2 AND sp_entity = ?4",
                    params![seq, bs as i64, be as i64, a, new],
                )?;
            }
        }
    }
    refresh_split_names(conn, new)
}

/// Gives a split-off entity the names its moved mentions and quote speakers
/// use, so that its profile lists them and `quotes --speaker NAME` still
/// finds the quotes that moved (its aliases are otherwise empty: it was
/// created by the decision, not by linking).
fn refresh_split_names(conn: &Connection, new: i64) -> Result<()> {
    conn.execute("DELETE FROM aliases WHERE eid = ?1", [new])?;
    conn.execute("DELETE FROM alias_words WHERE eid = ?1", [new])?;
    let names: Vec<(String, i64)> = conn
        .prepare(
            "SELECT text, count(*) FROM mentions WHERE entity = ?1 GROUP BY text \
             UNION ALL SELECT sp_name, count(*) FROM quotes WHERE sp_entity = ?1 AND sp_name IS NOT NULL \
             GROUP BY sp_name",
        )?
        .query_map([new], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO aliases (eid, key, alias, count) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (eid, key) DO UPDATE SET count = count + excluded.count",
    )?;
    for (name, count) in names {
        let key = crate::util::name_key(&name);
        if key.is_empty() {
            continue;
        }
        insert.execute(params![new, key, name, count])?;
        crate::summary::add_alias_words(conn, new, &key)?;
    }
    Ok(())
}

/// Code-point offsets to byte offsets in `text` (clamped to its end).
pub fn byte_span(text: &str, cs: usize, ce: usize) -> (usize, usize) {
    let mut bs = text.len();
    let mut be = text.len();
    for (n, (b, _)) in text.char_indices().enumerate() {
        if n == cs {
            bs = b;
        }
        if n == ce {
            be = b;
            break;
        }
    }
    (bs, be)
}

fn row_decision(r: &rusqlite::Row<'_>) -> rusqlite::Result<Decision> {
    let kind: String = r.get(1)?;
    let mentions: String = r.get(4)?;
    Ok(Decision {
        id: r.get(0)?,
        kind: DecisionKind::parse(&kind).unwrap_or(DecisionKind::Distinct),
        a: r.get(2)?,
        b: r.get(3)?,
        mentions: serde_json::from_str(&mentions).unwrap_or_default(),
        created: r.get(5)?,
        undone: r.get(6)?,
        made_by: r.get(7)?,
        undone_by: r.get(8)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_refs_parse() {
        assert_eq!(MentionRef::parse("abc123").unwrap(), MentionRef { doc: "abc123".into(), span: None });
        assert_eq!(
            MentionRef::parse("abc123:4-9").unwrap(),
            MentionRef { doc: "abc123".into(), span: Some([4, 9]) }
        );
        assert!(MentionRef::parse("abc:9-4").is_err());
        assert!(MentionRef::parse("abc:x-4").is_err());
        assert!(MentionRef::parse("").is_err());
    }

    #[test]
    fn byte_spans_from_code_points() {
        let t = "Račak said";
        assert_eq!(byte_span(t, 0, 5), (0, 6));
        assert_eq!(byte_span(t, 6, 10), (7, 11));
    }
}
