"""dossier.spark against `dossier extract --format parquet` on the same files.

Runs Spark on `local[2]` (one JVM, two task threads) and on
`local-cluster[2,1,1024]` (two executor processes, as on a cluster: the
installed package is what they import). Skipped, saying why, when pyspark,
pandas or Java are missing, unless DOSSIER_REQUIRE_SPARK=1 (CI sets it).
Run from the repository root after `pip install ./python` and
`cargo build --release`.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import dossier

REQUIRED = os.environ.get("DOSSIER_REQUIRE_SPARK") == "1"


def _missing():
    for module in ("pyspark", "pyarrow", "pandas"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install 'pyspark[sql]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "java is not installed (Debian: apt-get install openjdk-17-jre-headless)"
    return None


MISSING = _missing()
if MISSING and REQUIRED:
    raise RuntimeError(f"DOSSIER_REQUIRE_SPARK=1 but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"skipped: {MISSING}")

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("DOSSIER_BIN", ROOT / "target" / "release" / "dossier"))

#: Texts written for these tests (not from any corpus): people named again
#: across files, so linking across partitions matters.
TEXTS = {
    "a/harbour.txt": "Pell Orrin, the harbour master, said on Monday: \u201cThe pier reopens in June.\u201d",
    "a/later/vey.txt": "Dana Vey met Pell Orrin in Troms\u00f8. Orrin said the works start in May.",
    "b.txt": "Dana Vey, the port director, told the council the budget was \u20ac4m. Vey left on Friday.",
    "notes.ndjson": '{"id": "n1", "text": "Orrin said the pier was safe."}\n\n'
    '{"id": "n2", "text": "The council thanked Dana Vey on Tuesday."}\n',
    # A name Spark writes in two forms (URL-encoded or not): its lines
    # must still be found, under the name the CLI gives.
    "odd name %20+#.jsonl": '{"id": "o1", "text": "Pell Orrin left Troms\u00f8 on Sunday."}\n',
}


def cli_rows(*inputs, problems=None):
    """Every table's rows as `dossier extract --format parquet` writes them;
    the inputs must all be read, unless `problems` (a list) is given to
    take the lines the CLI printed about the inputs that failed."""
    import pyarrow.parquet as pq

    if not BIN.exists():
        pytest.fail(f"the dossier binary is not built at {BIN} (cargo build --release, or set DOSSIER_BIN)")
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"dossier-cli-{os.getpid()}"
    run = subprocess.run(
        [str(BIN), "extract", "--format", "parquet", "--out", str(out), *inputs], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == (0 if problems is None else 1), run.stderr
    if problems is not None:
        problems.extend(l for l in run.stderr.splitlines() if l.startswith("dossier: ") and not l.startswith("dossier: wrote"))
    rows = {t: pq.read_table(out / f"{t}.parquet").to_pylist() for t in dossier.TABLES}
    shutil.rmtree(out)
    return rows


def spark_rows(out):
    import pyarrow.parquet as pq

    return {t: pq.read_table(out / t).to_pylist() for t in dossier.TABLES}


def session(master):
    from pyspark.sql import SparkSession

    from dossier.spark import SESSION_DEFAULTS

    builder = SparkSession.builder
    # As `python -m dossier.spark` starts its JVM (the first session of
    # this process starts the one every later session uses).
    for key, value in SESSION_DEFAULTS.items():
        builder = builder.config(key, value)
    return (
        builder.master(master)
        .appName("dossier tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        # Small read splits: the demo's JSON Lines file (100 kB) is read as
        # several blocks by several tasks, so the tables show that a
        # line's sort key (its block's start, then its row) keeps the
        # file's order across blocks.
        .config("spark.sql.files.maxPartitionBytes", "16384")
        .config("spark.sql.files.openCostInBytes", "0")
        .getOrCreate()
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of written texts beside a copy of the demo corpus."""
    root = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    # `b/` before `b.txt`, as the CLI walks folders.
    (root / "b").mkdir()
    shutil.copy(ROOT / "data" / "demo" / "wikinews-gum.jsonl", root / "b" / "demo.jsonl")
    return root


#: A JSON Lines file whose bad lines stand after lines of spaces (blank:
#: no document, but counted) filling more than one 16 kB read split.
BAD_LINES = (
    '{"text": "Ana Lima opened the depot."}\n'
    + "not json\n"
    + (" " * 1000 + "\n") * 40
    + '{"title": "no text here"}\n'
    + '{"text": "Ben Orr closed it."}\n'
    + "[1, 2]\n"
)


@pytest.mark.parametrize("master", ["local[2]", "local-cluster[2,1,1024]"])
def test_spark_gives_the_cli_rows_in_the_cli_order(master, corpus, tmp_path, capfd):
    from dossier.spark import extract

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "lines.jsonl").write_text(BAD_LINES, encoding="utf-8")
    cli_problems = []
    expected = cli_rows(str(corpus), str(bad), problems=cli_problems)
    assert len(expected["documents"]) == 3 + 2 + 1 + 24 + 2
    assert [p.split(": ")[1] for p in cli_problems] == [f"{bad}/lines.jsonl:{n}" for n in (2, 43, 45)]
    spark = session(master)
    try:
        # More partitions than inputs of a kind: documents of one person
        # are annotated in different tasks and still linked as one.
        capfd.readouterr()
        extract(spark, [str(corpus), str(bad)], str(tmp_path / "out"), partitions=5)
        printed = capfd.readouterr().err.splitlines()
    finally:
        spark.stop()
    got = spark_rows(tmp_path / "out")
    for t in dossier.TABLES:
        assert got[t] == expected[t], t
    # The failed lines are named by their line, as the CLI names them.
    assert [l for l in printed if l.startswith("dossier: ")] == cli_problems


def test_the_command_line(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [
            "python3", "-m", "dossier.spark", "extract", "--master", "local[2]",
            "--input", "data/demo/wikinews-gum.jsonl", "--output", str(out),
        ],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "wrote 24 documents" in run.stderr
    assert spark_rows(out) == cli_rows("data/demo/wikinews-gum.jsonl")
    # The CLI loads Spark's folders of part files into a store.
    store = tmp_path / "store"
    loaded = subprocess.run(
        [str(BIN), "--store", str(store), "ingest", "--parquet", str(out), "--json"], capture_output=True, text=True
    )
    assert loaded.returncode == 0, loaded.stderr
    assert '"added":24' in loaded.stdout


def _pair_f1(key, resp):
    """Pairwise F1 of two clusterings of the same mentions (ids per mention;
    None pairs with nothing)."""
    from collections import Counter

    def pairs(labels):
        return sum(n * (n - 1) // 2 for n in Counter(l for l in labels if l is not None).values())

    k, r = pairs(key), pairs(resp)
    both = pairs([(a, b) if a is not None and b is not None else None for a, b in zip(key, resp)])
    p, rec = (both / r if r else 0.0), (both / k if k else 0.0)
    return 2 * p * rec / (p + rec) if p + rec else 0.0


def _check_gid_codes(spark):
    """The context stage's numbers for group ids (`_gid_codes`) sort as the
    ids do and differ for different ids, and the direct code reads back
    as its id: ids made as `_numbered` and the Rust planner make them, in
    partitions 0, 2 and 5 (and 1023, the last a direct code holds) for the
    direct code, 0, 2 and 5 for the counted one (a partition index
    shifted left 33 bits, leaving no room for a rank). Run in the session
    of the test below, so no JVM is started for it."""
    from pyspark.sql import functions as F

    from dossier._spark_linking import DIRECT_PARTITIONS, _counted_code, _direct_code, _direct_gid

    def gids(rows):
        return [
            f"{(p << 33) + row:016X}\x00{0:012}\x00{rank:06}"
            for p, n in rows.items()
            for row in range(n)
            for rank in (0, 7, 999_999)
        ]

    for rows, code, back in [
        ({0: 3, 2: 2, 5: 1, DIRECT_PARTITIONS - 1: 2}, _direct_code, _direct_gid),
        ({0: 3, 2: 2, 5: 1}, _counted_code({0: 3, 2: 2, 5: 1}), None),
    ]:
        made = gids(rows)
        got = spark.createDataFrame([(g,) for g in made], "gid string").select("gid", code("gid").alias("n"))
        if back is not None:
            got = got.withColumn("back", back(F.col("n")))
        got = got.collect()
        assert [r.gid for r in sorted(got, key=lambda r: r.n)] == sorted(made)
        assert len({r.n for r in got}) == len(made)
        if back is not None:
            assert [r.back for r in got] == made


def test_distributed_linking_does_not_depend_on_partitioning(corpus, tmp_path, monkeypatch):
    from dossier import _spark_linking
    from dossier.spark import extract

    # One partition on one JVM, its stages kept in memory; five on two
    # executor processes, its stages written to a checkpoint folder (as on
    # a cluster, where a lost executor must not fail the run).
    spark = session("local[2]")
    try:
        extract(spark, [str(corpus)], str(tmp_path / "p1"), partitions=1, linking="distributed")
        _check_gid_codes(spark)
    finally:
        spark.stop()
    checkpoints = tmp_path / "checkpoints"
    # The apply stage's streams cut every 2 documents (500 on a real run),
    # so the tables of cut streams are compared with those of whole ones.
    monkeypatch.setattr(_spark_linking, "APPLY_DOCS", 2)
    # And the context stage's codes counted (as past 1,024 numbering
    # partitions), its winners joined back to ids, against the direct
    # codes of the one-partition run.
    monkeypatch.setattr(_spark_linking, "DIRECT_PARTITIONS", 0)
    spark = session("local-cluster[2,1,1024]")
    try:
        extract(
            spark, [str(corpus)], str(tmp_path / "p5"), partitions=5, linking="distributed",
            checkpoint_dir=str(checkpoints),
        )
    finally:
        spark.stop()
    assert any(f.is_file() for f in checkpoints.rglob("part-*")), "no stage was written to the checkpoint folder"
    five, one = spark_rows(tmp_path / "p5"), spark_rows(tmp_path / "p1")
    for t in dossier.TABLES:
        assert five[t] == one[t], t
    # Against the ordered linker (the CLI's rows): the same documents,
    # mentions and quotes in the same order; the entities differ only where
    # the two linkers decide differently, which the pair F1 bounds.
    expected = cli_rows(str(corpus))
    assert len(five["documents"]) == len(expected["documents"])
    strip = lambda rows: [{k: v for k, v in r.items() if "entity" not in k} for r in rows]
    assert strip(five["mentions"]) == strip(expected["mentions"])
    ordered = [m["entity_id"] for m in expected["mentions"]]
    distributed = [m["entity_id"] for m in five["mentions"]]
    assert _pair_f1(ordered, distributed) >= 0.98
    # The written texts: Pell Orrin across three files is one entity.
    pell = {m["entity_id"] for m in five["mentions"] if m["text"] == "Pell Orrin"}
    assert pell == {"pell-orrin"}
    ids = [e["entity_id"] for e in five["entities"]]
    assert len(ids) == len(set(ids)) and set(distributed) - {None} <= set(ids)
