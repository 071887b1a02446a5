#!/usr/bin/env python3
"""Classify the NER tagger's cross-validation errors by kind.

The fold models come from

    dossier train ner --train ../shared/data/ner/conll2003/train.conll \
                              ../shared/data/ner/uner-ewt/dev.iob2 \
                      --cv 5 --cv-models DIR

(document i of the first --train file is held out by fold i mod K). This
script cuts that file into the same folds, tags each fold with its model
(`dossier tag --model DIR/fold-N.bin`), and counts every gold or predicted
name that is not an exact match by kind:

  type     same span, another type (by gold -> predicted type)
  bounds   overlapping spans with other bounds (same type, or type too)
  missed   a gold name no predicted name overlaps
  spurious a predicted name no gold name overlaps

Each error is also counted by where it stands: in a "table line" (a
sentence at least 30% of whose tokens are numbers, as score lines and
result tables are), elsewhere in a "table document" (one at least a fifth
of whose sentences are table lines: sports results, market reports) or
in running text of other documents.

Usage: scripts/ner-cv-errors.py DOSSIER_BINARY TRAIN.conll DIR K [--examples N]
Only counts are printed unless --examples is given (examples are from
train, never from dev).
"""

import collections
import os
import re
import subprocess
import sys
import tempfile


def read_docs(path):
    """Documents as lists of sentences of (token, tag) pairs."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            cols = line.split()
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def chunks(tags):
    """(start, end, type) of the names in IOB1 or IOB2 tags."""
    out, start, ty = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (ty is not None and t[2:] != ty):
            if start is not None:
                out.append((start, i, ty))
            start, ty = (i, t[2:]) if t != "O" else (None, None)
        elif start is None:
            start, ty = i, t[2:]
    return out


NUM = re.compile(r"^[\d.,:/-]+$")


def is_table_line(tokens):
    nums = sum(1 for t in tokens if NUM.match(t) and any(c.isdigit() for c in t))
    return len(tokens) >= 3 and nums * 10 >= len(tokens) * 3


def main():
    args = sys.argv[1:]
    examples = 0
    if "--examples" in args:
        i = args.index("--examples")
        examples = int(args[i + 1])
        del args[i : i + 2]
    binary, train, model_dir, k = args[0], args[1], args[2], int(args[3])
    docs = read_docs(train)
    counts = collections.Counter()
    where = collections.Counter()
    shown = collections.defaultdict(list)
    gold_total = 0
    for fold in range(k):
        held = [d for i, d in enumerate(docs) if i % k == fold]
        with tempfile.NamedTemporaryFile("w", suffix=".conll", delete=False) as f:
            for d in held:
                f.write("-DOCSTART- -X- O O\n\n")
                for s in d:
                    for tok, _ in s:
                        f.write(tok + "\n")
                    f.write("\n")
            path = f.name
        model = os.path.join(model_dir, f"fold-{fold + 1}.bin")
        out = subprocess.run(
            [binary, "tag", "--model", model, path], capture_output=True, text=True, check=True
        ).stdout
        os.unlink(path)
        pred = [l.split("\t")[1] for l in out.splitlines() if "\t" in l]
        p = 0
        for d in held:
            doc_tables = sum(1 for s in d if is_table_line([t for t, _ in s]))
            for s in d:
                toks = [t for t, _ in s]
                g = chunks([t for _, t in s])
                pr = chunks(pred[p : p + len(s)])
                p += len(s)
                gold_total += len(g)
                table = (
                    "table line"
                    if is_table_line(toks)
                    else "table document" if doc_tables * 5 >= len(d) else "running text"
                )
                gs, ps = set(g), set(pr)

                def note(kind, detail, a, b):
                    counts[(kind, detail)] += 1
                    where[(kind, table)] += 1
                    if len(shown[(kind, detail)]) < examples:
                        span = lambda c: " ".join(toks[c[0] : c[1]]) + "/" + c[2] if c else "-"
                        ctx = " ".join(toks[max(0, (a or b)[0] - 4) : (a or b)[1] + 4])
                        shown[(kind, detail)].append(f"{span(a)} -> {span(b)}  | {ctx}")

                for c in g:
                    if c in ps:
                        continue
                    over = [q for q in pr if q[0] < c[1] and c[0] < q[1]]
                    same_span = [q for q in over if q[:2] == c[:2]]
                    if same_span:
                        note("type", f"{c[2]}->{same_span[0][2]}", c, same_span[0])
                    elif over:
                        q = over[0]
                        kind = "bounds" if q[2] == c[2] else "bounds+type"
                        if q[0] < c[0] or q[1] > c[1]:
                            detail = "too long" if q[0] <= c[0] and q[1] >= c[1] else "shifted"
                        else:
                            detail = "too short"
                        if len(over) > 1:
                            detail = "split"
                        note(kind, detail, c, q)
                    else:
                        note("missed", c[2], c, None)
                for q in pr:
                    if q in gs:
                        continue
                    if not any(c[0] < q[1] and q[0] < c[1] for c in g):
                        note("spurious", q[2], None, q)
    total = sum(counts.values())
    print(f"{gold_total} gold names; {total} errors (a wrong-bounds name counts once)")
    kinds = collections.Counter()
    for (kind, _), n in counts.items():
        kinds[kind] += n
    for kind, n in kinds.most_common():
        places = ", ".join(f"{w} {where[(kind, w)]}" for w in ["table line", "table document", "running text"])
        print(f"{kind:12} {n:5}  ({places})")
        for (kd, detail), m in counts.most_common():
            if kd == kind:
                print(f"    {detail:12} {m:5}")
                for e in shown[(kd, detail)]:
                    print(f"        {e}")


if __name__ == "__main__":
    main()
