#!/usr/bin/env python3
"""Documents per second of dossier on Spark against the CLI, on a synthetic
corpus made from the demo corpus (each article again with a numbered
closing line, so every copy is a new document with its own id).

    python3 scripts/bench-spark.py [--copies 100] [--runs cli-1,cli-2,local-cluster-1,local-cluster-2]

Needs `cargo build --release`, `pip install ./python` and pyspark[sql] with
Java. Prints one line per run: documents, seconds, documents/s, and the
load average when it started (the machine is shared, so say it).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / "target" / "release" / "dossier"


def make_corpus(folder: Path, copies: int) -> int:
    demo = [json.loads(line) for line in (ROOT / "data" / "demo" / "wikinews-gum.jsonl").open(encoding="utf-8")]
    n = 0
    # Files of 240 documents each: JSON Lines, read line by line by Spark.
    per_file = 10
    for f in range(0, copies, per_file):
        with (folder / f"part-{f // per_file:04d}.jsonl").open("w", encoding="utf-8") as out:
            for c in range(f, min(f + per_file, copies)):
                for d in demo:
                    d = dict(d, text=d["text"] + f"\n\nEdition {c + 1}.", id=f"{d.get('id', '')}-{c}")
                    out.write(json.dumps(d, ensure_ascii=False) + "\n")
                    n += 1
    return n


def timed(cmd, env=None) -> float:
    start = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", default="cli-1,cli-2,local-cluster-1,local-cluster-2")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        docs = make_corpus(corpus, args.copies)
        for run in args.runs.split(","):
            out = Path(tmp) / run
            load = os.getloadavg()[0]
            if run.startswith("cli-"):
                j = run.split("-")[1]
                cmd = [str(BIN), "extract", "-j", j, "--format", "parquet", "--out", str(out), str(corpus)]
            else:
                executors = int(run.rsplit("-", 1)[1])
                master = f"local-cluster[{executors},1,1024]" if run.startswith("local-cluster") else f"local[{executors}]"
                cmd = [sys.executable, "-m", "dossier.spark", "extract", "--master", master,
                       "--partitions", str(4 * executors), "--input", str(corpus), "--output", str(out)]
            seconds = timed(cmd)
            print(f"{run}: {docs} documents in {seconds:.1f} s = {docs / seconds:.1f} documents/s (load {load:.1f} at start)")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
