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
waited for and counted), the peak of their summed resident memory
(sampled each second), and the load average at its start and end, since
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / "target" / "release" / "dossier"
#: prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants come back to us.
PR_SET_CHILD_SUBREAPER = 36


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tree_rss() -> int:
    """Resident bytes of every descendant of this process, summed (the JVMs
    and Python workers at once: a cluster's memory is their sum, which no
    single process's peak shows)."""
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    me, total = os.getpid(), 0
    for pid in parent:
        up = parent.get(pid)
        while up is not None and up != me:
            up = parent.get(up)
        if up == me:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            except OSError:
                pass
    return total


PAGE = os.sysconf("SC_PAGE_SIZE")


def timed(cmd, log: Path):
    """(wall seconds, CPU seconds of the whole process tree, peak summed RSS
    of the tree in bytes, sampled each second)."""
    before = children_cpu()
    start = time.monotonic()
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.wait(1.0):
            peak[0] = max(peak[0], tree_rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with log.open("w") as out:
        code = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    while True:  # reap what the run left behind (the JVM, Python workers)
        try:
            os.wait()
        except ChildProcessError:
            break
    if code != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({code}); see {log}")
    return wall, children_cpu() - before, peak[0]


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
        wall, cpu, peak = timed(cmd, log)
        print(
            f"{run}: {args.docs} documents in {wall:.1f} s = {args.docs / wall:.1f} documents/s, "
            f"{cpu:.1f} CPU-s, peak {peak / 2**20:.0f} MiB (all processes; load {load:.1f} at start, "
            f"{os.getloadavg()[0]:.1f} at end)"
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
