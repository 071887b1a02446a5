#!/usr/bin/env python3
"""Validates a hand-annotated CoNLL NER file and counts its names.

Standard library only. Checks every line: `-DOCSTART-` lines, blank lines
between sentences, otherwise `TOKEN TAG` with the tag in the last column
(O, B-X or I-X with X in PER, ORG, LOC, MISC), a token without spaces, and
the IOB2 rule (an I-X follows a B-X or an I-X of the same type, never O, a
sentence start or another type). Then prints the numbers of documents,
sentences, tokens and names by type (a name starts at each B- tag).
Exit status 1 when anything fails.

    python3 crates/dossier-nlp/tests/data/check_conll.py crates/dossier-nlp/tests/data/news-heldout-3.conll
"""
import sys
from collections import Counter

TYPES = ("PER", "ORG", "LOC", "MISC")


def check(path):
    errors = []
    docs = sents = tokens = 0
    names = Counter()
    prev = "O"
    in_sent = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if line.startswith("-DOCSTART-"):
            docs += 1
            if in_sent:
                errors.append(f"{path}:{n}: -DOCSTART- inside a sentence (no blank line before it)")
            prev, in_sent = "O", False
            continue
        if not line.strip():
            prev, in_sent = "O", False
            continue
        cols = line.split()
        if len(cols) < 2:
            errors.append(f"{path}:{n}: expected `TOKEN TAG`: {line!r}")
            continue
        if line != line.strip() or "\t" in line:
            errors.append(f"{path}:{n}: stray whitespace: {line!r}")
        tag = cols[-1]
        if not in_sent:
            sents += 1
            in_sent = True
        tokens += 1
        if tag != "O":
            bio, _, typ = tag.partition("-")
            if bio not in ("B", "I") or typ not in TYPES:
                errors.append(f"{path}:{n}: bad tag {tag!r}")
            elif bio == "I" and prev[2:] != typ:
                errors.append(f"{path}:{n}: {tag} after {prev} breaks IOB2")
            elif bio == "B":
                names[typ] += 1
        prev = tag
    if docs == 0:
        errors.append(f"{path}: no -DOCSTART- line")
    for e in errors:
        print("ERROR", e)
    total = sum(names.values())
    by_type = ", ".join(f"{t} {names[t]}" for t in TYPES)
    print(f"{path}: {docs} documents, {sents} sentences, {tokens} tokens, {total} names ({by_type})")
    print("OK" if not errors else f"FAILED: {len(errors)} errors")
    return not errors


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(0 if all([check(p) for p in sys.argv[1:]]) else 1)
