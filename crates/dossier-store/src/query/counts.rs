//! Aggregate counts for overviews and charts: documents per month, sites,
//! and an entity's documents and quotes per month.

use serde::Serialize;

use crate::{Result, Store, StoreError};

/// A month (`YYYY-MM`) and counts in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthCount {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Documents published that month (for an entity: those mentioning or quoting it).
    pub documents: i64,
    /// Quotes made that month (for an entity: its own quotes); 0 for the corpus view.
    pub quotes: i64,
}

/// A site and how many documents it has.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SiteCount {
    /// The site as stored.
    pub site: String,
    /// Documents.
    pub documents: i64,
}

fn merge_months(docs: Vec<(String, i64)>, quotes: Vec<(String, i64)>) -> Vec<MonthCount> {
    let mut map: std::collections::BTreeMap<String, (i64, i64)> = std::collections::BTreeMap::new();
    for (m, n) in docs {
        map.entry(m).or_default().0 += n;
    }
    for (m, n) in quotes {
        map.entry(m).or_default().1 += n;
    }
    map.into_iter().map(|(month, (documents, quotes))| MonthCount { month, documents, quotes }).collect()
}

impl Store {
    fn month_rows(&self, sql: &str, arg: Option<i64>) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let map = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?));
        let rows = match arg {
            Some(a) => stmt.query_map([a], map)?.collect::<Result<Vec<_>, _>>()?,
            None => stmt.query_map([], map)?.collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    /// Dated documents per month of publication, in month order.
    pub fn documents_per_month(&self) -> Result<Vec<MonthCount>> {
        let docs = self.month_rows(
            "SELECT substr(day_lo, 1, 7) AS m, count(*) FROM documents WHERE day_lo IS NOT NULL GROUP BY m ORDER BY m",
            None,
        )?;
        Ok(merge_months(docs, Vec::new()))
    }

    /// The sites with the most documents.
    pub fn sites(&self, limit: usize) -> Result<Vec<SiteCount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT site, count(*) AS n FROM documents WHERE site IS NOT NULL AND site != '' \
             GROUP BY site COLLATE NOCASE ORDER BY n DESC, site LIMIT ?1",
        )?;
        let rows =
            stmt.query_map([limit as i64], |r| Ok(SiteCount { site: r.get(0)?, documents: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// For the entity a name or id stands for: documents mentioning or
    /// quoting it, and its quotes, per month, in month order.
    pub fn entity_months(&self, name: &str) -> Result<Vec<MonthCount>> {
        let r = self.resolve_entities(name)?;
        let Some(&eid) = r.eids.first() else {
            return Err(StoreError::NotFound(format!("no entity named {name:?}")));
        };
        let docs = self.month_rows(
            "SELECT substr(d.day_lo, 1, 7) AS m, count(*) FROM documents d WHERE d.day_lo IS NOT NULL AND d.seq IN \
             (SELECT doc FROM mentions WHERE entity = ?1 UNION SELECT doc FROM quotes WHERE sp_entity = ?1) \
             GROUP BY m ORDER BY m",
            Some(eid),
        )?;
        let quotes = self.month_rows(
            "SELECT substr(q.day_lo, 1, 7) AS m, count(*) FROM quotes q WHERE q.sp_entity = ?1 AND q.day_lo IS NOT NULL \
             GROUP BY m ORDER BY m",
            Some(eid),
        )?;
        Ok(merge_months(docs, quotes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_merge_in_order() {
        let m = merge_months(
            vec![("2010-02".into(), 3), ("2010-01".into(), 1)],
            vec![("2010-02".into(), 2), ("2009-12".into(), 5)],
        );
        let got: Vec<(&str, i64, i64)> =
            m.iter().map(|c| (c.month.as_str(), c.documents, c.quotes)).collect();
        assert_eq!(got, vec![("2009-12", 0, 5), ("2010-01", 1, 0), ("2010-02", 3, 2)]);
    }
}
