"""dossier.extract_arrow against the Parquet tables of the CLI.

Needs pyarrow (skipped with a reason when it is absent, unless
DOSSIER_REQUIRE_PYARROW=1) and the CLI at target/release/dossier (or
DOSSIER_BIN), as test_extract.py does.
"""

import os
import subprocess
from pathlib import Path

import pytest

import dossier

if os.environ.get("DOSSIER_REQUIRE_PYARROW") == "1":
    import pyarrow as pa
else:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install pyarrow)")

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "wikinews-gum.jsonl"
BIN = Path(os.environ.get("DOSSIER_BIN", ROOT / "target" / "release" / "dossier"))


def cli_tables(tmp_path, *inputs):
    """The tables `dossier extract --format parquet` writes for `inputs`."""
    import pyarrow.parquet as pq

    if not BIN.exists():
        pytest.fail(f"the dossier binary is not built at {BIN} (cargo build --release, or set DOSSIER_BIN)")
    out = tmp_path / "tables"
    subprocess.run([str(BIN), "extract", "--format", "parquet", "--out", str(out), *inputs], check=True, cwd=ROOT)
    return {name: pq.read_table(out / f"{name}.parquet") for name in dossier.TABLES}


def test_the_demo_corpus_gives_the_cli_tables(tmp_path):
    expected = cli_tables(tmp_path, "data/demo/wikinews-gum.jsonl")
    batch = pa.record_batch(
        {"path": ["data/demo/wikinews-gum.jsonl"], "bytes": pa.array([DEMO.read_bytes()], pa.binary())}
    )
    got = dossier.extract_arrow(batch)
    assert set(got) == set(dossier.TABLES)
    assert got["documents"].num_rows == 24
    for name in dossier.TABLES:
        assert got[name].schema.equals(expected[name].schema, check_metadata=False), name
        version = got[name].schema.metadata[b"dossier.parquet_schema"]
        assert version == expected[name].schema.metadata[b"dossier.parquet_schema"]
        assert got[name].to_pylist() == expected[name].to_pylist(), name
    # One thread links in the same order, so the same ids.
    assert dossier.extract_arrow(batch, threads=1)["mentions"].equals(got["mentions"])


def test_texts_are_read_as_standard_input_and_spans_index_them(tmp_path):
    texts = [
        "Zo\u00eb \u00c5berg told reporters: \u201cWe will rebuild the school.\u201d She spoke in M\u00e4lmo.",
        "Pell Orrin, the harbour master, said on Tuesday that the pier reopens in June.",
    ]
    got = dossier.extract_arrow(pa.table({"text": pa.array(texts, pa.large_string())}))
    docs = got["documents"].to_pylist()
    assert [d["path"] for d in docs] == ["-", "-"]
    assert [d["text"] for d in docs] == texts
    by_id = {d["doc_id"]: d["text"] for d in docs}
    rows = got["mentions"].to_pylist() + got["quotes"].to_pylist() + got["dates"].to_pylist()
    assert got["mentions"].num_rows and got["quotes"].num_rows
    for r in rows:
        assert by_id[r["doc_id"]][r["start"]:r["end"]] == r["text"]
    # The same as dossier.extract for the same texts.
    as_dicts = dossier.extract(texts)
    assert [m["text"] for d in as_dicts for m in d["entities"]] == got["mentions"].column("text").to_pylist()


def test_a_bad_row_is_named_and_the_others_go_on():
    batch = pa.record_batch({"path": ["bad.jsonl", "ok.txt"], "bytes": [b'{"text": 3}\n', b"Pell Orrin wrote it."]})
    with pytest.warns(dossier.DossierWarning, match="bad.jsonl"):
        got = dossier.extract_arrow(batch)
    assert got["documents"].column("path").to_pylist() == ["ok.txt"]
    with pytest.raises(dossier.DossierError):
        dossier.extract_arrow(batch, errors="raise")
    with pytest.raises(ValueError, match="bytes"):
        dossier.extract_arrow(pa.record_batch({"body": ["no input column"]}))
