#!/usr/bin/env python3
"""Documents per second of dossier on Spark against the CLI on the same
files: the synthetic corpus of the CLI's benches (`dossier bench
gen-corpus`: demo sentences shuffled, invented names with a Zipf-like
skew, ~600 words a document, JSON Lines).

    python3 scripts/bench-spark.py --docs 10000 \\
        [--runs cli-1,cli-2,local-1,local-2] [--linking ordered|distributed] [--keep DIR]

Runs: `cli-J` is `dossier extract -jJ --format parquet`; `local-N` is
`python -m dossier.spark extract --master local[N]` (one executor JVM with
N task threads), `local-cluster-N` is `local-cluster[N,1,2048]` (N
executor processes of one core each). Needs `cargo build --release`,
`pip install ./python` and pyspark[sql] with Java.

Prints one line per run: documents, wall seconds, documents/s, the CPU
seconds of the run and every process it started (the Spark JVM and its
Python workers too: this script makes itself their subreaper, so they are
waited for and counted), and the load average when it started, since
the machine may be shared. For Spark runs, the stage times the run
printed (`--timings`) follow.
"""

import argparse
import ctypes
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / "target" / "release" / "dossier"
#: prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants come back to us.
PR_SET_CHILD_SUBREAPER = 36


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, log: Path):
    """(wall seconds, CPU seconds of the whole process tree)."""
    before = children_cpu()
    start = time.monotonic()
    with log.open("w") as out:
        code = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.monotonic() - start
    while True:  # reap what the run left behind (the JVM, Python workers)
        try:
            os.wait()
        except ChildProcessError:
            break
    if code != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({code}); see {log}")
    return wall, children_cpu() - before


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", default="cli-1,cli-2,local-1,local-2")
    ap.add_argument("--linking", default="ordered", choices=["ordered", "distributed"])
    ap.add_argument("--keep", help="write corpus and outputs here (kept) instead of a temporary folder")
    args = ap.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    tmp.mkdir(parents=True, exist_ok=True)
    corpus = tmp / f"corpus-{args.docs}"
    if not corpus.exists():
        subprocess.run(
            [str(BIN), "bench", "gen-corpus", "--docs", str(args.docs), "--words", "600", "--out", str(corpus)],
            check=True, stdout=subprocess.DEVNULL,
        )
    for run in args.runs.split(","):
        out = tmp / f"out-{run}"
        shutil.rmtree(out, ignore_errors=True)
        load = os.getloadavg()[0]
        if run.startswith("cli-"):
            cmd = [str(BIN), "extract", "-j", run.split("-")[1], "--format", "parquet", "--out", str(out), str(corpus)]
        else:
            n = int(run.rsplit("-", 1)[1])
            master = f"local-cluster[{n},1,2048]" if run.startswith("local-cluster") else f"local[{n}]"
            cmd = [
                sys.executable, "-m", "dossier.spark", "extract", "--master", master,
                "--partitions", str(2 * n), "--linking", args.linking, "--timings",
                "--conf", "spark.driver.memory=4g", "--conf", f"spark.sql.shuffle.partitions={2 * n}",
                "--conf", "spark.ui.enabled=false", "--input", str(corpus), "--output", str(out),
            ]
        log = tmp / f"{run}.log"
        wall, cpu = timed(cmd, log)
        print(
            f"{run}: {args.docs} documents in {wall:.1f} s = {args.docs / wall:.1f} documents/s, "
            f"{cpu:.1f} CPU-s (load {load:.1f} at start)"
        )
        if not run.startswith("cli-"):
            stages = [l.split("dossier: ", 1)[1] for l in log.read_text().replace("\r", "\n").splitlines() if "dossier: " in l]
            print("    " + "; ".join(stages))
        sys.stdout.flush()
    if not args.keep:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
