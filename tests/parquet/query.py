"""Queries dossier's Parquet tables with DuckDB, as a user would.

    python3 tests/parquet/query.py DIR

Prints one JSON object: the rows of each table, the ten most quoted
speaker entities (most quotes first, then by id), and how many span rows
of mentions, quotes and dates do not cover their own text in the document
(DuckDB's substr counts code points from 1, the tables from 0). Used by
crates/dossier-cli/tests/parquet.rs.
"""

import json
import sys

import duckdb


def main(folder: str) -> None:
    con = duckdb.connect()
    for table in ["documents", "mentions", "quotes", "dates", "entities"]:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder}/{table}.parquet')")
    rows = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ["documents", "mentions", "quotes", "dates", "entities"]
    }
    top = con.execute(
        """SELECT speaker_entity_id, count(*) AS n FROM quotes
           WHERE speaker_entity_id IS NOT NULL
           GROUP BY 1 ORDER BY n DESC, speaker_entity_id LIMIT 10"""
    ).fetchall()
    bad = 0
    for t in ["mentions", "quotes", "dates"]:
        bad += con.execute(
            f"""SELECT count(*) FROM {t} s JOIN documents d USING (doc_id)
                WHERE substr(d.text, s.start + 1, s."end" - s.start) <> s.text"""
        ).fetchone()[0]
    unknown = con.execute(
        """SELECT count(*) FROM mentions m WHERE m.entity_id IS NOT NULL
           AND m.entity_id NOT IN (SELECT entity_id FROM entities)"""
    ).fetchone()[0]
    print(json.dumps({
        "rows": rows,
        "top_speakers": [[k, n] for k, n in top],
        "bad_spans": bad,
        "unknown_entities": unknown,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
