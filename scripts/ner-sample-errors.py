#!/usr/bin/env python3
"""The NER tagger's errors on annotated CoNLL files, by gold type and kind.

    python3 scripts/ner-sample-errors.py DOSSIER FILE.conll... [--list KIND] [--model PATH]

Each file is tagged whole (`dossier tag -`, documents kept), and every gold
name that is not matched exactly, and every predicted name no gold name
overlaps, is counted once as:

  wrong type    same span, another type
  wrong bounds  an overlapping predicted name with other bounds (any type)
  missed        no predicted name overlaps it
  spurious      a predicted name no gold name overlaps (by predicted type)

`--list KIND` (e.g. `--list missed`, `--list all`) prints the names of that
kind with their sentence, for reading.
"""
import collections
import subprocess
import sys


from ner_conll import read, spans


def tag(dossier, docs, model):
    text = "".join(
        "-DOCSTART- O\n\n" + "".join("".join(f"{w}\tO\n" for w, _ in s) + "\n" for s in d) for d in docs
    )
    cmd = [dossier, "tag"] + (["--model", model] if model else []) + ["-"]
    out = subprocess.run(cmd, input=text, capture_output=True, text=True, check=True).stdout
    return [s for d in read(out) for s in d]


KINDS = ["wrong type", "wrong bounds", "missed", "spurious"]


def main():
    argv = sys.argv[1:]
    listing, model = None, None
    if "--list" in argv:
        i = argv.index("--list")
        listing = argv[i + 1]
        del argv[i : i + 2]
    if "--model" in argv:
        i = argv.index("--model")
        model = argv[i + 1]
        del argv[i : i + 2]
    dossier, files = argv[0], argv[1:]
    total = collections.Counter()
    golds = collections.Counter()
    for path in files:
        docs = read(open(path, encoding="utf-8").read())
        sents = [s for d in docs for s in d]
        pred = tag(dossier, docs, model)
        counts = collections.Counter()
        for gold, got in zip(sents, pred):
            toks = [w for w, _ in gold]
            g = spans([t for _, t in gold])
            p = spans([t for _, t in got])
            gs, ps = set(g), set(p)
            show = lambda c: " ".join(toks[c[0] : c[1]]) + "/" + c[2]
            for c in g:
                golds[c[2]] += 1
                if c in ps:
                    continue
                over = [q for q in p if q[0] < c[1] and c[0] < q[1]]
                if any(q[:2] == c[:2] for q in over):
                    kind, got_s = "wrong type", show(next(q for q in over if q[:2] == c[:2]))
                elif over:
                    kind, got_s = "wrong bounds", " | ".join(show(q) for q in over)
                else:
                    kind, got_s = "missed", "-"
                counts[(c[2], kind)] += 1
                if listing in (kind, "all"):
                    print(f"{path.split('/')[-1]}\t{kind}\t{show(c)}\t->\t{got_s}\t|\t{' '.join(toks)}")
            for q in p:
                if q not in gs and not any(c[0] < q[1] and q[0] < c[1] for c in g):
                    counts[(q[2], "spurious")] += 1
                    if listing in ("spurious", "all"):
                        print(f"{path.split('/')[-1]}\tspurious\t-\t->\t{show(q)}\t|\t{' '.join(toks)}")
        total.update(counts)
        print(path, " ".join(f"{t}:{'/'.join(str(counts[(t, k)]) for k in KINDS)}" for t in ["PER", "ORG", "LOC", "MISC"]))
    print("| gold type | names | wrong type | wrong bounds | missed | spurious (by predicted type) |")
    print("|---|---|---|---|---|---|")
    for t in ["PER", "ORG", "LOC", "MISC"]:
        print(f"| {t} | {golds[t]} | " + " | ".join(str(total[(t, k)]) for k in KINDS) + " |")
    print(f"| all | {sum(golds.values())} | " + " | ".join(str(sum(total[(t, k)] for t in golds)) for k in KINDS) + " |")


main()
