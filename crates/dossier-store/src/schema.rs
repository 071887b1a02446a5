//! The SQLite schema, its version, and the ordered migrations that bring an
//! older store up to date.
//!
//! A store records its schema version in `schema_version`. Opening a store
//! runs every migration step above its version, each in its own transaction,
//! so an interrupted upgrade leaves the store at a whole version. A store
//! written by a newer dossier is refused with a clear message rather than
//! misread, and so is an SQLite file that is not a dossier store.
//!
//! Spans are byte offsets into `documents.text`; every JSON output converts
//! them to code points. Entities have an integer key (`eid`) used by the
//! annotation tables, and a textual id (`id`, e.g. `kimmo-kiljunen`) shown to
//! users. `mentions.entity_auto` is what linking said; `mentions.entity` is the
//! effective entity after the analyst's decisions (see `decisions.rs`).

use rusqlite::{Connection, OptionalExtension};

use crate::{Result, StoreError};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = 12;

/// Migration steps: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the initial schema.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    format      TEXT NOT NULL,
    url         TEXT,
    title       TEXT,
    authors     TEXT NOT NULL DEFAULT '[]',
    site        TEXT,
    published   TEXT,
    day_lo      TEXT,
    day_hi      TEXT,
    lang        TEXT,
    source_id   TEXT,
    dateline    TEXT,
    text        TEXT NOT NULL,
    sentences   BLOB NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_mentions  INTEGER NOT NULL,
    n_quotes    INTEGER NOT NULL,
    n_dates     INTEGER NOT NULL,
    ingested    TEXT NOT NULL
);
CREATE INDEX documents_day ON documents(day_lo);
CREATE INDEX documents_site ON documents(site COLLATE NOCASE);

CREATE TABLE entities (
    eid    INTEGER PRIMARY KEY,
    id     TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    label  TEXT,
    kind   TEXT,
    facts  TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL DEFAULT 'link'
);

CREATE TABLE aliases (
    eid   INTEGER NOT NULL,
    key   TEXT NOT NULL,
    alias TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (eid, key)
) WITHOUT ROWID;
CREATE INDEX aliases_key ON aliases(key);

CREATE TABLE mentions (
    mid         INTEGER PRIMARY KEY,
    doc         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    sent        INTEGER,
    label       TEXT NOT NULL,
    text        TEXT NOT NULL,
    entity_auto INTEGER,
    entity      INTEGER
);
CREATE INDEX mentions_doc ON mentions(doc, start);
CREATE INDEX mentions_entity ON mentions(entity, doc);
CREATE INDEX mentions_auto ON mentions(entity_auto);

CREATE TABLE quotes (
    qid            INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    cue_start      INTEGER,
    cue_end        INTEGER,
    sp_start       INTEGER,
    sp_end         INTEGER,
    sp_text        TEXT,
    sp_name        TEXT,
    sp_key         TEXT,
    sp_role        TEXT,
    sp_entity_auto INTEGER,
    sp_entity      INTEGER,
    confidence     REAL,
    candidates     TEXT NOT NULL DEFAULT '[]',
    date           TEXT,
    date_source    TEXT,
    day_lo         TEXT,
    day_hi         TEXT,
    ctx_start      INTEGER NOT NULL,
    ctx_end        INTEGER NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(sp_entity, day_lo);
CREATE INDEX quotes_speaker_auto ON quotes(sp_entity_auto);
CREATE INDEX quotes_sp_key ON quotes(sp_key);
CREATE INDEX quotes_day ON quotes(day_lo);

CREATE TABLE dates (
    doc    INTEGER NOT NULL,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    sent   INTEGER,
    value  TEXT NOT NULL,
    day_lo TEXT,
    day_hi TEXT
);
CREATE INDEX dates_doc ON dates(doc, sent);

CREATE TABLE decisions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     TEXT NOT NULL,
    a        TEXT NOT NULL,
    b        TEXT,
    mentions TEXT NOT NULL DEFAULT '[]',
    created  TEXT NOT NULL,
    undone   TEXT
);
"#,
    // 1 -> 2: an index for entity profiles, and the linker's cross-document state (see `write::Writer::link_candidates`):
    // records by entity id, opaque to the store, filed under the linker's keys.
    r#"
CREATE TABLE link_records (
    id   TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE link_keys (
    key TEXT NOT NULL,
    id  TEXT NOT NULL,
    ord INTEGER NOT NULL,
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE INDEX link_keys_order ON link_keys(key, ord);

-- An entity's documents through its quotes, without reading quote rows.
CREATE INDEX quotes_speaker_doc ON quotes(sp_entity, doc);
"#,
    // 2 -> 3: summary tables (see `summary.rs`, filled by `summary::rebuild`
    // after this step) and indexes that serve the queries in their order,
    // so a page of quotes or neighbours reads that page, not every row.
    r#"
CREATE TABLE totals (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    documents INTEGER NOT NULL,
    mentions  INTEGER NOT NULL,
    quotes    INTEGER NOT NULL,
    dates     INTEGER NOT NULL
);
INSERT INTO totals VALUES (1, 0, 0, 0, 0);

CREATE TABLE entity_stats (
    eid        INTEGER PRIMARY KEY,
    documents  INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    quotes     INTEGER NOT NULL,
    first_seen TEXT,
    last_seen  TEXT
);
CREATE INDEX entity_stats_mentions ON entity_stats(mentions DESC, eid);

CREATE TABLE alias_words (
    word TEXT NOT NULL,
    eid  INTEGER NOT NULL,
    PRIMARY KEY (word, eid)
) WITHOUT ROWID;

-- Quotes in the order every quote list uses (dated first, by day,
-- document, position): by speaker, by unlinked speaker name, and overall.
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker ON quotes(sp_entity, day_lo IS NULL, day_lo, doc, start);
CREATE INDEX quotes_sp_key_order ON quotes(sp_key, day_lo IS NULL, day_lo, doc, start) WHERE sp_entity IS NULL;
CREATE INDEX quotes_order ON quotes(day_lo IS NULL, day_lo, doc, start);

-- Co-occurrence is counted per document from (doc, sentence, entity),
-- read from an index alone.
DROP INDEX mentions_entity;
CREATE INDEX mentions_entity ON mentions(entity, doc, sent);
CREATE INDEX mentions_doc_sent ON mentions(doc, sent, entity);

-- Co-occurrence of effective entities, both directions: documents and
-- sentences where both are mentioned.
CREATE TABLE cooc (
    a     INTEGER NOT NULL,
    b     INTEGER NOT NULL,
    docs  INTEGER NOT NULL,
    sents INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Quotes whose content mentions an entity, in quote-list order.
CREATE TABLE quote_about (
    eid     INTEGER NOT NULL,
    undated INTEGER NOT NULL,
    day_lo  TEXT NOT NULL,
    doc     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    qid     INTEGER NOT NULL,
    PRIMARY KEY (eid, undated, day_lo, doc, start, qid)
) WITHOUT ROWID;
"#,
    // 3 -> 4: an entity's companions in rank order, so a profile reads one
    // page of them instead of every `cooc` row of the entity (a hub has
    // ~30k on the 100k-document store). Partial indexes: only pairs seen in
    // more than one document (a quarter of the rows on that store) and in
    // at least one sentence (an eighth); the pairs left out have the lowest
    // counts and rank by entity after them, in primary-key order (see
    // `query::entity`). Smaller indexes, cheaper upserts at ingest.
    r#"
CREATE INDEX cooc_docs ON cooc(a, docs DESC, b) WHERE docs > 1;
CREATE INDEX cooc_sents ON cooc(a, sents DESC, b) WHERE sents > 0;
"#,
    // 4 -> 5: who made and who undid each decision (`cli`, or `web:LABEL`
    // for a correction made in the web UI with the token labelled LABEL).
    r#"
ALTER TABLE decisions ADD COLUMN made_by TEXT;
ALTER TABLE decisions ADD COLUMN undone_by TEXT;
"#,
    // 5 -> 6: the GeoNames place an entity is (id, `country`/`region`/
    // `city`, ISO country code, coordinates), so that places can be listed
    // and drawn without reading every entity's facts. Older stores have no
    // places yet: linking wrote none before; their entities get one when a
    // new document links to them.
    r#"
ALTER TABLE entities ADD COLUMN geonames INTEGER;
ALTER TABLE entities ADD COLUMN place_kind TEXT;
ALTER TABLE entities ADD COLUMN country_code TEXT;
ALTER TABLE entities ADD COLUMN lat REAL;
ALTER TABLE entities ADD COLUMN lon REAL;
CREATE INDEX entities_geonames ON entities(geonames) WHERE geonames IS NOT NULL;
"#,
    // 6 -> 7: where a document was found and what its envelope said: the
    // id of the message or archive it came from (`parent`, indexed so a
    // message lists its attachments), and the contract's envelope fields
    // (`to`, `cc`, `subject`, `message_id`, `in_reply_to`, `filename`,
    // `classification`, `references`) as one JSON object, NULL when there
    // are none; `found_in` lists every container a document was met in.
    // Older documents had none: both stay NULL.
    r#"
ALTER TABLE documents ADD COLUMN parent TEXT;
ALTER TABLE documents ADD COLUMN envelope TEXT;
CREATE INDEX documents_parent ON documents(parent) WHERE parent IS NOT NULL;

-- Every message or archive a document was found in, with its name there:
-- the same attachment in two messages is stored once (its id is the hash
-- of its bytes) and listed under both.
CREATE TABLE found_in (
    parent   TEXT NOT NULL,
    doc      TEXT NOT NULL,
    filename TEXT,
    PRIMARY KEY (parent, doc)
) WITHOUT ROWID;
"#,
    // 7 -> 8: copies (see `copies/`): each document's MinHash signature
    // and shingle count, its LSH band keys, the confirmed copy pairs with
    // their measured overlap (the evidence), and the cluster of every
    // document that has a copy (named after its least `seq`). Documents
    // already stored are fingerprinted by the last step (`file_keys`).
    // Also each document's credits (see `credits.rs`), NULL when none (and
    // for documents stored before: credits come from NLP at ingest).
    r#"
ALTER TABLE documents ADD COLUMN credits TEXT;

CREATE TABLE copy_prints (
    doc      INTEGER PRIMARY KEY,
    shingles INTEGER NOT NULL,
    sig      BLOB NOT NULL
);

CREATE TABLE copy_bands (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;

CREATE TABLE copy_pairs (
    a           INTEGER NOT NULL,
    b           INTEGER NOT NULL,
    shared      INTEGER NOT NULL,
    containment REAL NOT NULL,
    jaccard     REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX copy_pairs_b ON copy_pairs(b);

CREATE TABLE copy_clusters (
    doc     INTEGER PRIMARY KEY,
    cluster INTEGER NOT NULL
);
CREATE INDEX copy_clusters_cluster ON copy_clusters(cluster);
"#,
    // 8 -> 9: statement clusters (below), and the channels of each quote (see `via.rs`): kind, the words
    // that say so (byte span), the name, its key and its entity as linked
    // (`eid`, before the analyst's merges, applied when read). Quotes
    // stored before have none (channels come from NLP at ingest).
    r#"
CREATE TABLE quote_via (
    qid      INTEGER NOT NULL,
    pos      INTEGER NOT NULL,
    doc      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    name     TEXT,
    name_key TEXT,
    eid      INTEGER,
    PRIMARY KEY (qid, pos)
) WITHOUT ROWID;
CREATE INDEX quote_via_eid ON quote_via(eid) WHERE eid IS NOT NULL;
CREATE INDEX quote_via_key ON quote_via(name_key) WHERE name_key IS NOT NULL;

-- Statement clusters (see `statements/`; replaced by step 9): each quote with a linked speaker,
-- its speaker (as linked) and number of word pairs; its word pairs keyed
-- by the speaker; the confirmed pairs of quotes with their shared pairs
-- (the evidence); the cluster of every quote that joined another (named
-- after its least qid).
CREATE TABLE statement_prints (
    qid     INTEGER PRIMARY KEY,
    speaker INTEGER NOT NULL,
    pairs   INTEGER NOT NULL
);

CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    qid INTEGER NOT NULL,
    PRIMARY KEY (key, qid)
) WITHOUT ROWID;

CREATE TABLE statement_pairs (
    a           INTEGER NOT NULL,
    b           INTEGER NOT NULL,
    shared      INTEGER NOT NULL,
    containment REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE TABLE statement_clusters (
    qid     INTEGER PRIMARY KEY,
    cluster INTEGER NOT NULL
);
CREATE INDEX statement_clusters_cluster ON statement_clusters(cluster);
"#,
    // 9 -> 10: statements filed anew (by the last step, `file_keys`): each
    // quote under a sketch of 8 of its word pairs (31-bit keys) instead of
    // every pair, its pair hashes kept with its print to confirm candidates;
    // filed under its effective speaker (the analyst's merges applied), or,
    // when the speaker is not linked, under its name. Copies' band keys
    // shrink to 31 bits (`copies::fingerprint::band_keys`): the bands are
    // filed again from the stored signatures (by the last step).
    r#"
DROP TABLE statement_prints;
DROP TABLE statement_keys;
DROP TABLE statement_pairs;
DROP TABLE statement_clusters;

CREATE TABLE statement_prints (
    qid     INTEGER PRIMARY KEY,
    speaker INTEGER NOT NULL,
    pairs   INTEGER NOT NULL,
    hashes  BLOB NOT NULL
);

CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    qid INTEGER NOT NULL,
    PRIMARY KEY (key, qid)
) WITHOUT ROWID;

CREATE TABLE statement_pairs (
    a           INTEGER NOT NULL,
    b           INTEGER NOT NULL,
    shared      INTEGER NOT NULL,
    containment REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX statement_pairs_b ON statement_pairs(b);

CREATE TABLE statement_clusters (
    qid     INTEGER PRIMARY KEY,
    cluster INTEGER NOT NULL
);
CREATE INDEX statement_clusters_cluster ON statement_clusters(cluster);
"#,
    // 10 -> 11: copies' bands and statements' keys are filed into small
    // recent tables, merged into the large ones (`copy_bands`,
    // `statement_keys`, now the settled tables) in sorted runs (see
    // `copies/keys.rs`); `key_runs` counts the rows filed into each recent
    // table since its last merge. A store written before has every key in
    // the settled tables, which is where a merge would have put them: its
    // keys stay, and lookups read them there.
    r#"
CREATE TABLE copy_bands_recent (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;

CREATE TABLE statement_keys_recent (
    key INTEGER NOT NULL,
    qid INTEGER NOT NULL,
    PRIMARY KEY (key, qid)
) WITHOUT ROWID;

CREATE TABLE key_runs (
    tbl    TEXT PRIMARY KEY,
    recent INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO key_runs VALUES ('copy_bands_recent', 0), ('statement_keys_recent', 0);
"#,
    // 11 -> 12: each statement key row carries its quote's signature (a
    // 64-bit mask of its word pairs, `statements/signature.rs`), so a
    // lookup rejects most candidates without reading their prints. The
    // key tables are made again and every stored print is filed anew from
    // its pair hashes (by the last step, `file_keys`).
    r#"
DROP TABLE statement_keys;
DROP TABLE statement_keys_recent;

CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    qid INTEGER NOT NULL,
    sig INTEGER NOT NULL,
    PRIMARY KEY (key, qid)
) WITHOUT ROWID;

CREATE TABLE statement_keys_recent (
    key INTEGER NOT NULL,
    qid INTEGER NOT NULL,
    sig INTEGER NOT NULL,
    PRIMARY KEY (key, qid)
) WITHOUT ROWID;

UPDATE key_runs SET recent = 0 WHERE tbl = 'statement_keys_recent';
"#,
];

/// Brings the store behind `conn` to [`SCHEMA_VERSION`], or refuses it.
/// Returns the version found before migrating (0 for a new store).
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    let found = current_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        if step == 0 {
            tx.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0);")?;
        }
        tx.execute_batch(sql)?;
        if step == 2 {
            crate::summary::rebuild(&tx)?;
        }
        if step + 1 == MIGRATIONS.len() {
            file_keys(&tx, found)?;
        }
        tx.execute("UPDATE schema_version SET version = ?1", [step as i64 + 1])?;
        tx.commit()?;
    }
    Ok(found)
}

/// Files what today's filing code files (copies' fingerprints and bands,
/// statements' prints and keys) for a store found at version `found`. It
/// runs in the last step, when every table that code writes exists (it
/// writes the recent key tables of step 10 and the signatures of step 11),
/// and does the work steps 7 (fingerprint every document), 9 (bands of 31
/// bits, statements filed by sketch) and 11 (statement keys with
/// signatures) once did: each part files only what is missing or stale, so
/// a store whose upgrade was interrupted after one of them gets it too.
fn file_keys(tx: &Connection, found: i64) -> Result<()> {
    let keys = &mut crate::copies::keys::StoreKeys::default();
    if found < 12 {
        // Prints kept from before (none below version 10: step 9 drops them).
        crate::statements::record::refile_keys(tx, &mut keys.statements)?;
    }
    if found < 10 {
        crate::copies::record::refile_bands(tx, &mut keys.copies)?;
        crate::copies::record::backfill(tx, &mut keys.copies)?;
        crate::statements::record::backfill(tx, &mut keys.statements)?;
    }
    Ok(())
}

/// The schema version of the store behind `conn`: 0 for an empty database,
/// an error for a database that is not a dossier store.
pub fn current_version(conn: &Connection) -> Result<i64> {
    let has_version: bool = conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", [], |_| {
            Ok(())
        })
        .optional()?
        .is_some();
    if !has_version {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        return if tables == 0 {
            Ok(0)
        } else {
            Err(StoreError::NotAStore("it has tables but no schema_version".into()))
        };
    }
    let v: Option<i64> = conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?;
    v.ok_or_else(|| StoreError::NotAStore("its schema_version table is empty".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_is_migrated_to_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(current_version(&conn).unwrap(), SCHEMA_VERSION);
        // A second open is a no-op.
        assert_eq!(migrate(&mut conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_store_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute("UPDATE schema_version SET version = ?1", [SCHEMA_VERSION + 1]).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
        assert!(err.to_string().contains("newer"), "{err}");
    }

    #[test]
    fn foreign_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NotAStore(_))));
    }
}
