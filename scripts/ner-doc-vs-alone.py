#!/usr/bin/env python3
"""Sizes the document-level evidence of the NER tagger on a CoNLL file:
each gold one-word name is scored twice, tagged inside its document and
tagged alone (its sentence as a document of one sentence), and counted by
(right alone, right in the document).

    python3 scripts/ner-doc-vs-alone.py DOSSIER FILE.conll [--types LOC,ORG]

Prints the counts per gold type and, with --list, the names that flip.
"""
import subprocess, sys

from ner_conll import read, spans


def tag(dossier, docs):
    text = "".join(
        "-DOCSTART- O\n\n" + "".join("".join(f"{w}\tO\n" for w, _ in s) + "\n" for s in d) for d in docs
    )
    out = subprocess.run([dossier, "tag", "-"], input=text, capture_output=True, text=True, check=True).stdout
    return [s for d in read(out) for s in d]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dossier, path = args[0], args[1]
    types = "LOC,ORG,PER,MISC"
    for a in sys.argv[1:]:
        if a.startswith("--types="):
            types = a.split("=", 1)[1]
    types = types.split(",")
    docs = read(open(path, encoding="utf-8").read())
    sents = [s for d in docs for s in d]
    in_doc = tag(dossier, docs)
    alone = tag(dossier, [[s] for s in sents])
    counts = {}
    flips = []
    for gold, a, b in zip(sents, alone, in_doc):
        pa = set(spans([t for _, t in a]))
        pd = set(spans([t for _, t in b]))
        for st, en, ty in spans([t for _, t in gold]):
            if en - st != 1 or ty not in types:
                continue
            ra, rd = (st, en, ty) in pa, (st, en, ty) in pd
            c = counts.setdefault(ty, [0, 0, 0, 0])
            c[2 * ra + rd] += 1
            if ra != rd:
                got = lambda p: next((f"{k}" for s, e, k in p if s <= st < e), "O")
                flips.append((ty, gold[st][0], "alone only" if ra else "document only", got(pa), got(pd)))
    print(f"{path}: gold type: wrong both / right in document only / right alone only / right both")
    for ty in types:
        c = counts.get(ty, [0, 0, 0, 0])
        print(f"  {ty}: {c[0]} / {c[1]} / {c[2]} / {c[3]}")
    if "--list" in sys.argv:
        for f in flips:
            print("   ", *f)


main()
