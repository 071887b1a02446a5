#!/usr/bin/env python3
"""Where the CPU of dossier's distributed link stages goes: the link
stages alone (`dossier._spark_linking.link`) on documents annotated once,
in a fresh Spark JVM per run, so a Spark setting can be compared with
another on the same input.

    python3 scripts/profile-spark-link.py annotate CORPUS DOCS
    python3 scripts/profile-spark-link.py run DOCS NAME [KEY=VALUE ...]

`annotate` writes the annotated documents of CORPUS (files or folders, as
`dossier.spark` reads them) to the Parquet folder DOCS. `run` links them
on `local[2]` (4 shuffle partitions, driver memory 4 GB, then the
settings given, as `--conf`) in a child process and prints: its wall and
CPU seconds (the whole process tree: the JVM and the Python workers, this
script being their subreaper) and its peak summed memory, each stage's
wall time, jobs and rows after the tree's CPU when the stage ended (`cpu
N`: live processes only, so a worker that exited drops out: ±5 CPU-s),
the Spark jobs of the link stages, the
JVM's CPU per thread kind (`C2 CompilerThread` is the JIT compiler,
`Executor task launch worker` the tasks, `Thread-N` py4j's calls from the
driver: planning) and a hash of every mention's entity id (by document
and mention) and every entity's id, equal between runs that decide alike. JVM defaults unless a setting is given
(`SESSION_DEFAULTS` of `dossier.spark` is not applied). Needs `pip
install ./python` and pyspark.
"""

import ctypes
import glob
import hashlib
import importlib.util
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path


def session(settings):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master("local[2]").appName("profile-spark-link")
    defaults = ["spark.driver.memory=4g", "spark.ui.enabled=false", "spark.sql.shuffle.partitions=4"]
    for setting in defaults + list(settings):
        key, _, value = setting.partition("=")
        builder = builder.config(key, value)
    return builder.getOrCreate()


def annotate(corpus, out):
    from pyspark.sql import functions as F

    from dossier import spark as ds

    spark = session([])
    raw, _ = ds._inputs(spark, [corpus])
    annotated = raw.repartition(4).mapInArrow(ds._annotate(1), ds.ANNOTATED)
    annotated.filter(F.col("document").isNotNull()).select("order", "seq", "document").write.parquet(out)
    spark.stop()


def jvm_threads():
    """The CPU seconds of this process's JVM child, per thread kind."""
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = open(stat).read()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if fields[1] == str(os.getpid()) and "java" in text[: text.rindex(")")]:
            jvm = stat.split("/")[2]
            break
    else:
        return "no JVM found"
    kinds = Counter()
    for stat in glob.glob(f"/proc/{jvm}/task/*/stat"):
        try:
            text = open(stat).read()
        except OSError:
            continue
        kind = re.sub(r"[ #-]?[0-9]+$", "", text[text.index("(") + 1 : text.rindex(")")]).strip()
        fields = text[text.rindex(")") + 2 :].split()
        kinds[kind] += (int(fields[11]) + int(fields[12])) / ticks
    total = sum(int(x) for x in open(f"/proc/{jvm}/stat").read().rsplit(")", 1)[1].split()[11:13]) / ticks
    return f"JVM {total:.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in kinds.most_common(6))


def tree_cpu():
    """CPU seconds so far of this process and its live descendants (the
    JVM, the Python workers; a dead child's are in its parent's `c` fields)."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.split("/")[2])] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    total, me = 0, os.getpid()
    for pid, (_, cpu) in stats.items():
        up = pid
        while up in stats and up != me:
            up = stats[up][0]
        total += cpu if up == me else 0
    return total / ticks


def job_names(spark, first, end):
    """(job id, what started it) for jobs `first` to `end`: a job's result
    stage (its last) is named by the call that started the job (`collect
    at …`, `localCheckpoint at …`; PySpark names the Python line), so an
    extra job can be traced to its line. Adaptive execution runs each
    shuffle (and broadcast) of a query as a job of its own, named
    `$anonfun$withThreadLocalCaptured$1 at CompletableFuture.java`."""
    tracker = spark.sparkContext.statusTracker()
    out = []
    for job in range(first, end):
        info = tracker.getJobInfo(job)
        last = tracker.getStageInfo(max(info.stageIds)) if info and info.stageIds else None
        out.append((job, last.name if last else "(forgotten)"))
    return out


def link(docs_path, settings):
    """One run, in this process: prints jobs, threads and the ids' hash,
    and (on standard error) each stage's wall time, jobs and rows, after
    the CPU of the process tree when it ended (`cpu N`)."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from dossier import _spark_linking, spark as ds

    spark = session(settings)
    docs = spark.read.parquet(docs_path).localCheckpoint(eager=True)
    jobs = _spark_linking.spark_jobs(spark)

    def cut(df):
        out = _spark_linking.local_cut(df)
        print(f"dossier: cpu {tree_cpu():.1f}", file=sys.stderr)
        return out

    print(f"dossier: cpu {tree_cpu():.1f} before linking", file=sys.stderr)
    linked = _spark_linking.link(docs, 4, ds._ipc, cut, timings=True).localCheckpoint(eager=True)
    print(f"dossier: cpu {tree_cpu():.1f} after linking", file=sys.stderr)
    first_job, jobs = jobs, _spark_linking.spark_jobs(spark) - jobs
    for job, name in job_names(spark, first_job, first_job + jobs):
        print(f"dossier: job {job}: {name}", file=sys.stderr)
    threads = jvm_threads()
    # Rows sorted by their own keys: `part` counts up in each partition, so
    # an order by it alone leaves rows of different partitions in any order.
    ids = hashlib.sha256()
    for name, schema in ds._schemas().items():
        if name in ("mentions", "entities"):
            columns = ["doc_id", "mention_index", "entity_id"] if name == "mentions" else ["entity_id"]
            rows = linked.filter(F.col("table") == name)
            rows = rows.mapInArrow(ds._decode(schema), from_arrow_schema(schema)).select(*columns).toArrow()
            ids.update(repr(sorted(zip(*(rows.column(c).to_pylist() for c in columns)))).encode())
    print(f"RESULT {jobs} jobs; {threads}; ids {ids.hexdigest()[:16]}")
    spark.stop()


def run(docs_path, name, settings):
    """`link` in a child process, timed as bench-spark.py times a run."""
    spec = importlib.util.spec_from_file_location("bench_spark", Path(__file__).with_name("bench-spark.py"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ctypes.CDLL(None, use_errno=True).prctl(bench.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    load = os.getloadavg()[0]
    log = Path(tempfile.mkdtemp()) / f"{name}.log"
    wall, cpu, peak = bench.timed([sys.executable, __file__, "link", docs_path, *settings], log)
    lines = log.read_text().splitlines()
    result = [l[7:] for l in lines if l.startswith("RESULT ")]
    for l in lines:
        if l.startswith("dossier: "):
            print("   ", l[9:])
    print(
        f"{name}: {wall:.1f} s wall, {cpu:.1f} CPU-s, peak {peak / 2**20:.0f} MiB (load {load:.1f} at start); {result[0]}",
        flush=True,
    )


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "annotate":
        annotate(*args)
    elif command == "link":
        link(args[0], args[1:])
    elif command == "run":
        run(args[0], args[1], args[2:])
    else:
        sys.exit(__doc__)
