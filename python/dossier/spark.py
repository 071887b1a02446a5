"""dossier on Apache Spark: the tables of ``dossier extract --format parquet``
from files Spark reads, with the NLP spread over the cluster.

From the command line::

    python -m dossier.spark extract --input PATH [PATH ...] --output DIR

or from a PySpark program (any ``SparkSession``)::

    from dossier.spark import extract
    tables = extract(spark, ["s3a://bucket/crawl/"], "s3a://bucket/dossier/")
    tables["quotes"].groupBy("speaker_entity_id").count()

How it runs (three stages):

1. **Read.** Every input (a file or a folder, any file system Spark
   reads) is listed with Spark's ``binaryFile`` source: one row per file,
   so a WARC archive, a feed or a mail folder stays whole and is read as
   the CLI reads it. JSON Lines files (``.jsonl``, ``.ndjson``) are read
   line by line instead, so a large one spreads over many tasks. Each row
   carries a sort key that puts it where ``dossier extract`` would read it
   (argument order, then folders walked in sorted order, then line order).
2. **Annotate**, in parallel: ``mapInArrow`` runs the native library on
   each partition (reading, building, NER, quotes, dates); each document
   leaves as its contract JSON, not yet linked.
3. **Link**, in one task (``linking="ordered"``, the default): the
   annotated documents, sorted by that key, go through one linker in
   input order, exactly as ``dossier extract`` links them, so entity ids
   are the CLI's whatever the partitioning; this stage is serial. With
   ``linking="distributed"`` it runs as Spark stages instead
   (``dossier._spark_linking``): ids that do not depend on partitioning,
   close to the ordered linker's (docs/python.md has the figures). Its output is written by Spark as
   ``DIR/documents``, ``DIR/mentions``, ``DIR/quotes``, ``DIR/dates`` and
   ``DIR/entities``: folders of Parquet part files (at most
   ``max_records_per_file`` rows each) whose rows, read in part order, are
   in input order. The columns are those of ``docs/parquet.md``.

Executors need the ``dossier`` package importable (``pip install`` it on
every node, or ship the wheel: see the README). pyspark and Java are
needed only here; ``dossier`` itself never needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import time
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple

from dossier import TABLES, _native, _CArray

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["extract", "main"]

#: Files read one line per row (one document per line, as the CLI reads them).
JSON_LINES = re.compile(r"\.(jsonl|ndjson)$", re.IGNORECASE)

#: The annotate stage's rows: the input's sort key, the document's place
#: among that input's documents, its unlinked contract JSON (null when the
#: input failed) and what went wrong (`PATH: reason` lines).
ANNOTATED = "order string, seq long, document string, problem string"

#: The link stage's rows: one Arrow IPC stream of a table's rows each, in
#: output order (`part`).
LINKED = "table string, part long, ipc binary"

#: Settings of the session ``main`` starts (``--conf`` overrides each;
#: under spark-submit the driver JVM is already running and they are not
#: applied). The driver JVM compiles a method only after ten times the
#: usual calls: a run plans some 70 queries, and the JIT compiling code
#: that ran a few times cost more CPU than the tasks (docs/performance.md,
#: 2026-12-07: 114 -> 99 CPU-s for the link stages at 3k documents). Hot
#: loops are still compiled fully (C1 alone saved as much at 3k but made
#: the tasks 23% slower). On a cluster this is the driver alone, which
#: plans; executors keep the JVM's defaults. Set as ``defaultJavaOptions``,
#: so an ``extraJavaOptions`` of the user's (or spark-defaults.conf's)
#: still applies, after it.
SESSION_DEFAULTS = {"spark.driver.defaultJavaOptions": "-XX:CompileThresholdScaling=10"}


def _sort_key(arg_index: int, relative: str) -> str:
    """Where the CLI reads a file: argument order, then the path with `/`
    sorting before every other character (a folder's walk visits the
    entries of `a/` before the file `a.txt`). A JSON Lines file's lines
    extend it after a NUL (`_inputs`)."""
    return f"{arg_index:06d}\x00{relative.replace('/', chr(1))}"


def _qualified(spark: "SparkSession", arg: str) -> str:
    """The fully qualified form of an input, as binaryFile names the files
    under it (`data/x` → `file:/work/data/x`; not URL-encoded, as
    `Path.toString` writes it)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(arg)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return str(fs.makeQualified(path))


def _relative(uri: str, root: str) -> str:
    """The part of a file's name below the input it was found under (''
    for the input itself). Both are `Path.toString` forms, compared as
    they are: a `%20` or `#` in a file name is part of the name."""
    base = root.rstrip("/")
    if uri == base:
        return ""
    return uri[len(base) :] if uri.startswith(base + "/") else uri


def _listing(spark: "SparkSession", arg_index: int, arg: str) -> List[Tuple[str, str, str]]:
    """The files of one input argument, hidden ones left out, as (`uri` as
    Spark names it, sort key prefix, `path` as the CLI would name it).
    Only names are read (binaryFile reads content lazily)."""
    root = _qualified(spark, arg)
    listed = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(arg)
    out = []
    for uri in sorted(r.path for r in listed.select("path").collect()):
        rel = _relative(uri, root)
        if any(part.startswith(".") for part in rel.split("/") if part):
            continue
        out.append((uri, _sort_key(arg_index, rel), arg if rel == "" else arg.rstrip("/") + rel))
    return out


def _inputs(spark: "SparkSession", paths: Sequence[str]) -> Tuple["DataFrame", "_Lines"]:
    """One row per input (a file, or a line of a JSON Lines file): `order`,
    `path` (as the CLI would name it: the argument, then the path below it)
    and `data` (its bytes).

    Nothing but the file names passes through the driver: whole files are
    one `binaryFile` scan, JSON Lines files one `text` scan (split by
    Spark like any text file, so a large one spreads over many tasks). A
    line's place in its file is (the start of the block it was read in,
    then `monotonically_increasing_id`, which grows along the lines a
    task reads): its order without a numbering pass. The key's value
    depends on how Spark split the file; its order does not, and order is
    all that is read from it. Also returns the JSON Lines files, to name
    a failed line by its number (`_Lines`)."""
    from pyspark.sql import functions as F

    schema = "order string, path string, data binary"
    listed = [f for i, arg in enumerate(paths) for f in _listing(spark, i, arg)]
    lines_files = [f for f in listed if JSON_LINES.search(f[0])]
    whole = [f for f in listed if not JSON_LINES.search(f[0])]
    frames: List["DataFrame"] = []
    if whole:
        meta = spark.createDataFrame(whole, "uri string, order string, path string")
        content = spark.read.format("binaryFile").load([f[0] for f in whole])
        content = content.select(F.col("path").alias("uri"), F.col("content").alias("data"))
        frames.append(content.join(F.broadcast(meta), "uri").select("order", "path", "data"))
    if lines_files:
        # `_metadata.file_path` names a file URL-encoded (`a%20b.jsonl`),
        # the listing decoded (`a b.jsonl`): the join needs one form.
        jvm = spark.sparkContext._jvm
        encoded = [(jvm.org.apache.hadoop.fs.Path(uri).toUri().toString(), o, p) for uri, o, p in lines_files]
        meta = spark.createDataFrame(encoded, "uri string, prefix string, path string")
        text = _lines_scan(spark, [f[0] for f in lines_files])
        order = F.concat_ws(
            "\x00", "prefix", F.lpad(F.col("block").cast("string"), 20, "0"), F.lpad(F.col("row").cast("string"), 20, "0")
        )
        frames.append(
            # A blank line (ASCII white space only) is no document, as for the CLI.
            text.where(~F.col("value").rlike("^[ \\t\\n\\f\\r]*$"))
            .join(F.broadcast(meta), "uri")
            .select(order.alias("order"), "path", F.encode("value", "UTF-8").alias("data"))
        )
    lines = _Lines(spark, lines_files)
    if not frames:
        return spark.createDataFrame([], schema), lines
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out, lines


def _lines_scan(spark: "SparkSession", uris: List[str]) -> "DataFrame":
    """The lines of JSON Lines files (`uri`, `block`: the start of the
    split it was read in, `row`: consecutive along the lines a task reads,
    blank lines included, `value`). The same files give the same splits
    and so the same `row`s each time they are scanned."""
    from pyspark.sql import functions as F

    return spark.read.text(uris).select(
        F.col("_metadata.file_path").alias("uri"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("row"),
        "value",
    )


class _Lines:
    """The JSON Lines files of a run, to name a line that failed or
    warned by its number (`FILE:LINE`, as the CLI does). Each line is
    annotated as an input of its own, so the native reader calls it line
    1; its sort key holds its split's start and its `row`, and the lines
    of the splits before it are counted by scanning the files once more,
    only when some line has something to say."""

    def __init__(self, spark: "SparkSession", files: List[Tuple[str, str, str]]) -> None:
        self.spark = spark
        self.files = files
        self.path_of = {prefix: path for _, prefix, path in files}

    def locate(self, problems: List[Tuple[str, str]]) -> List[str]:
        """`problems` (`order`, `problem`) with each JSON Lines line's
        `PATH:1` made `PATH:LINE`."""
        located = [(order.split("\x00"), problem) for order, problem in problems]
        wanted = {p[0] + "\x00" + p[1] for p, _ in located if len(p) == 4}
        if not wanted:
            return [problem for _, problem in problems]
        first_line = self._first_lines(wanted)
        out = []
        for parts, problem in located:
            if len(parts) == 4:
                prefix, block, row = parts[0] + "\x00" + parts[1], int(parts[2]), int(parts[3])
                base, first_row = first_line[(prefix, block)]
                path = self.path_of[prefix]
                line = base + row - first_row
                problem = "\n".join(
                    f"{path}:{line}{p[len(path) + 2:]}" if p.startswith(f"{path}:1:") else p for p in problem.split("\n")
                )
            out.append(problem)
        return out

    def _first_lines(self, prefixes: set) -> Dict[Tuple[str, int], Tuple[int, int]]:
        """Per (file's sort key prefix, split start): the line number of
        the split's first line and its `row`."""
        from pyspark.sql import functions as F

        jvm = self.spark.sparkContext._jvm
        prefix_of = {jvm.org.apache.hadoop.fs.Path(uri).toUri().toString(): prefix for uri, prefix, _ in self.files}
        splits = (
            _lines_scan(self.spark, [uri for uri, _, _ in self.files])
            .groupBy("uri", "block")
            .agg(F.min("row").alias("first"), F.count("*").alias("lines"))
            .collect()
        )
        out: Dict[Tuple[str, int], Tuple[int, int]] = {}
        for uri in sorted({s.uri for s in splits}):
            prefix = prefix_of.get(uri)
            if prefix not in prefixes:
                continue
            line = 1
            for s in sorted((s for s in splits if s.uri == uri), key=lambda s: s.block):
                out[(prefix, s.block)] = (line, s.first)
                line += s.lines
        return out


def _native_input(batch: "pyarrow.RecordBatch", columns: Sequence[str]) -> "pyarrow.RecordBatch":
    """`batch`'s columns as the native module reads them: utf8 strings and
    binary (Spark may hand over their large forms)."""
    import pyarrow as pa

    types = {"order": pa.string(), "path": pa.string(), "data": pa.binary(), "document": pa.string()}
    return pa.record_batch([batch.column(c).cast(types[c]) for c in columns], names=list(columns))


def _annotate(threads: int):
    """The annotate stage's `mapInArrow` function."""

    def annotate(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        for batch in batches:
            native = _native_input(batch, ["order", "path", "data"])
            yield pa.record_batch(_CArray(*_native.annotate_arrow(*native.__arrow_c_array__(), threads)))

    return annotate


def _ipc(batch: "pyarrow.RecordBatch") -> bytes:
    import pyarrow as pa

    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return sink.getvalue()


def _link(threads: int):
    """The link stage's `mapInArrow` function: one linker over every
    annotated document, in the order the rows come (sorted)."""

    def link(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        linker = _native.OrderedLinker()
        part = 0

        def out(name: str, capsules: Any) -> "pyarrow.RecordBatch":
            nonlocal part
            part += 1
            rows = pa.record_batch(_CArray(*capsules))
            return pa.record_batch({"table": [name], "part": [part], "ipc": [_ipc(rows)]})

        for batch in batches:
            native = _native_input(batch, ["document"])
            for name, capsules in linker.link(*native.__arrow_c_array__(), threads):
                yield out(name, capsules)
        yield out("entities", linker.entities())

    return link


def _decode(arrow_schema: "pyarrow.Schema"):
    """A table's `mapInArrow` function: its IPC streams back into rows."""

    def decode(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        for batch in batches:
            for blob in batch.column("ipc").to_pylist():
                for rows in pa.ipc.open_stream(blob):
                    if rows.num_rows:
                        yield rows.cast(arrow_schema)

    return decode


def _schemas() -> Dict[str, "pyarrow.Schema"]:
    """Each table's Arrow schema, from the native module (one layout)."""
    import pyarrow as pa

    class _CSchema:
        def __init__(self, capsule: Any) -> None:
            self.capsule = capsule

        def __arrow_c_schema__(self) -> Any:
            return self.capsule

    return {name: pa.schema(_CSchema(c)) for name, c in _native.table_schemas()}


def extract(
    spark: "SparkSession",
    inputs: Sequence[str],
    output: Optional[str] = None,
    *,
    partitions: Optional[int] = None,
    threads: int = 1,
    max_records_per_file: int = 1_000_000,
    mode: str = "error",
    linking: str = "ordered",
    checkpoint_dir: Optional[str] = None,
    timings: bool = False,
) -> Dict[str, "DataFrame"]:
    """Extract `inputs` (paths Spark reads: files or folders) with dossier
    on `spark`'s executors.

    Returns the five tables (``documents``, ``mentions``, ``quotes``,
    ``dates``, ``entities``) as DataFrames with the columns of
    ``docs/parquet.md``; with `output`, also writes each as a folder of
    Parquet files ``OUTPUT/TABLE`` (`mode` as in ``DataFrameWriter.mode``).
    `partitions` is the number of annotation tasks (default: the
    session's default parallelism); `threads` the threads each task uses
    (match ``spark.task.cpus``). Inputs that yield no document are printed
    on standard error, as the CLI prints them. `linking` is ``ordered``
    (one task links every document in input order: the CLI's entity ids)
    or ``distributed`` (linking as Spark stages, see
    ``dossier._spark_linking``: ids that do not depend on partitioning,
    measured against the ordered linker in docs/python.md).
    `checkpoint_dir` (distributed linking only) is a folder every executor
    reaches (HDFS, S3, a shared mount): each linking stage is written
    there (``DataFrame.checkpoint``) instead of kept in the executors'
    memory (``localCheckpoint``), so a lost executor costs a re-read
    rather than the run, for one more write of every stage. With
    `timings`, each stage's wall time is printed on standard error.
    """
    if linking not in ("ordered", "distributed"):
        raise ValueError(f"linking must be 'ordered' or 'distributed', not {linking!r}")
    if checkpoint_dir is not None and linking != "distributed":
        raise ValueError("checkpoint_dir is for linking='distributed' (the ordered path cuts no plan)")
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    clock = _Clock(spark, timings)
    with clock("read and annotate"):
        raw, lines = _inputs(spark, inputs)
        n = partitions or spark.sparkContext.defaultParallelism
        annotated = (
            raw.repartition(n).mapInArrow(_annotate(threads), ANNOTATED).persist(StorageLevel.MEMORY_AND_DISK)
        )
        problems = annotated.filter(F.col("problem").isNotNull()).orderBy("order", "seq").select("order", "problem")
        for problem in lines.locate([(r.order, r.problem) for r in problems.collect()]):
            print(f"dossier: {problem}", file=sys.stderr)
    docs = annotated.filter(F.col("document").isNotNull()).select("order", "seq", "document")
    with clock(f"link ({linking})"):
        if linking == "distributed":
            from dossier import _spark_linking

            cut = _spark_linking.local_cut
            if checkpoint_dir is not None:
                spark.sparkContext.setCheckpointDir(checkpoint_dir)
                cut = _spark_linking.reliable_cut
            linked = _spark_linking.link(docs, n, _ipc, cut, timings).persist(StorageLevel.MEMORY_AND_DISK)
        else:
            linked = (
                docs.repartition(1)
                .sortWithinPartitions("order", "seq")
                .mapInArrow(_link(threads), LINKED)
                .persist(StorageLevel.MEMORY_AND_DISK)
            )
        linked.count()  # computed here, once, rather than by the first table's write
    annotated.unpersist()
    tables: Dict[str, "DataFrame"] = {}
    for name, arrow_schema in _schemas().items():
        blobs = linked.filter(F.col("table") == name).sortWithinPartitions("part")
        tables[name] = blobs.mapInArrow(_decode(arrow_schema), from_arrow_schema(arrow_schema))
        if output is not None:
            with clock(f"write {name}"):
                (
                    tables[name]
                    .write.mode(mode)
                    .option("maxRecordsPerFile", max_records_per_file)
                    .parquet(f"{output.rstrip('/')}/{name}")
                )
    return tables


class _Clock:
    """Prints how long each stage took (wall time, on standard error) when
    asked to: the figures of docs/python.md come from it."""

    def __init__(self, spark: "SparkSession", on: bool) -> None:
        self.spark, self.on = spark, on

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        from dossier._spark_linking import spark_jobs

        start, jobs = time.monotonic(), spark_jobs(self.spark)
        yield
        if self.on:
            wall, jobs = time.monotonic() - start, spark_jobs(self.spark) - jobs
            print(f"dossier: {stage}: {wall:.1f} s, {jobs} jobs", file=sys.stderr)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m dossier.spark extract --input PATHS --output DIR``."""
    parser = argparse.ArgumentParser(prog="python -m dossier.spark", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract files into Parquet tables with Spark")
    ex.add_argument("--input", nargs="+", required=True, help="files or folders (any path Spark reads)")
    ex.add_argument("--output", required=True, help="folder of the tables (OUTPUT/documents, …)")
    ex.add_argument("--partitions", type=int, help="annotation tasks (default: Spark's default parallelism)")
    ex.add_argument("--threads", type=int, default=1, help="threads per task (default 1)")
    ex.add_argument("--master", help="Spark master when not run by spark-submit (default local[*])")
    ex.add_argument("--overwrite", action="store_true", help="replace tables already in OUTPUT")
    ex.add_argument(
        "--linking",
        choices=["ordered", "distributed"],
        default="ordered",
        help="ordered: one task links in input order (the CLI's ids); distributed: linking as Spark stages",
    )
    ex.add_argument(
        "--checkpoint-dir",
        help="with --linking distributed: write each linking stage here (a folder every executor reaches), "
        "so a lost executor does not fail the run",
    )
    ex.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable), as spark-submit's"
    )
    ex.add_argument("--timings", action="store_true", help="print each stage's wall time on standard error")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dossier extract")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # we start the JVM (spark-submit's is running)
        for key, value in SESSION_DEFAULTS.items():
            builder = builder.config(key, value)
    if args.master:  # else spark-submit's, or pyspark's default local[*]
        builder = builder.master(args.master)
    for setting in args.conf:
        key, sep, value = setting.partition("=")
        if not sep:
            parser.error(f"--conf takes KEY=VALUE, not {setting!r}")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        mode = "overwrite" if args.overwrite else "error"
        extract(
            spark,
            args.input,
            args.output,
            partitions=args.partitions,
            threads=args.threads,
            mode=mode,
            linking=args.linking,
            checkpoint_dir=args.checkpoint_dir,
            timings=args.timings,
        )
        counts = {t: spark.read.parquet(f"{args.output.rstrip('/')}/{t}").count() for t in TABLES}
        print(
            "wrote {documents} documents, {mentions} mentions, {quotes} quotes, {dates} dates, "
            "{entities} entities as Parquet tables in {out}".format(out=args.output, **counts),
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
