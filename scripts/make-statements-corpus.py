#!/usr/bin/env python3
"""Builds the statement-cluster test corpus of `dossier eval statements`, deterministically.

A statement cluster is one statement (same speaker, exact or near-exact
words) reported in several documents. The corpus holds the three ways a
statement travels, and one way it must not be joined (a quote split by its cue, `"A," she
said. "B."`, is one statement, as the output contract reports it):

  - carried by copies: the syndication corpus of `dossier eval copies`
    (data/eval/copies/{dev,test}.jsonl, from scripts/make-copies-corpus.py)
    as it is, each quoted passage of a copy labelled with the passage of
    its origin it came from (the copy was made from the origin, so this is
    the construction, not a judgement: the passage of the origin sharing
    the most words, light edits such as `per cent` -> `percent` included);
  - carried by different articles: data/eval/statements/src/carried.jsonl,
    articles written for this corpus, three per invented event, by
    different outlets in their own words, quoting the same speaker with the
    same words (or a near-exact variant: `thirty` -> `30`, a comma, a cut),
    labelled by hand;
  - the same speaker paraphrased (`The people have made their choice …`
    for `The voters have spoken …`), or saying something else: labelled as
    other statements, so joining them is an error.

Passages of the copies corpus quoting the same words (6 or more, equal
once lower-cased and stripped of punctuation) in different articles are
one statement too (the same-story articles of that corpus share quotes).

The split follows the copies corpus (dev/test by group); the articles
written here are split by event, half each side. Output:
data/eval/statements/{dev,test}.jsonl, one document per line (`id`,
`title`, `site`, `published`, `text`, `statements`: `[{start, end, text,
statement}]`, code points; passages with the same `statement` are one).

Run from the repository root: python3 scripts/make-statements-corpus.py
"""
import json
import random
import re

SEED = 20261206
OUT = "data/eval/statements"
MIN_WORDS = 4
SAME_WORDS = 6
GAP_WORDS = 25
PART_WORDS = 5

QUOTE_MARK = re.compile(r"[\"“”]")
QUOTED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def norm(s):
    return re.findall(r"\w+", s.lower())


def jaccard(a, b):
    a, b = set(a), set(b)
    return len(a & b) / max(1, len(a | b))


def passages(text):
    """Quoted passages inside one paragraph, of MIN_WORDS words or more: (start, end, text)."""
    out = []
    for m in QUOTED.finditer(text):
        if len(norm(m.group(1))) >= MIN_WORDS:
            out.append((m.start(1), m.end(1), m.group(1)))
    return out


def merge_split_quotes(text, statements):
    """A quote split by its cue (`"A," she said. "B."`) is one statement, as
    the output contract reports it: passages of one paragraph with at most
    GAP_WORDS words between them are merged, their labels joined."""
    statements = sorted(statements, key=lambda s: s["start"])
    out = []
    for s in statements:
        if out:
            prev = out[-1]
            gap = text[prev["end"]:s["start"]]
            if "\n" not in gap and not QUOTE_MARK.search(gap[1:-1]) and len(norm(gap)) <= GAP_WORDS:
                labels = sorted(set(prev["statement"].split("+")) | set(s["statement"].split("+")))
                prev.update(end=s["end"], text=text[prev["start"]:s["end"]], statement="+".join(labels))
                continue
        out.append(dict(s))
    return out


def from_copies(side):
    docs = [json.loads(l) for l in open(f"data/eval/copies/{side}.jsonl", encoding="utf-8")]
    origins = {d["group"]: d for d in docs if not d["edits"]}
    labelled = []
    for d in docs:
        origin = origins[d["group"]]
        base = passages(origin["text"])
        statements = []
        for (s, e, t) in passages(d["text"]):
            scores = [(jaccard(norm(t), norm(bt)), k) for k, (_, _, bt) in enumerate(base)]
            best = max(scores, default=(0, None))
            if best[0] >= 0.5:
                label = f"{d['group']}#{best[1]}"
            else:
                label = f"{d['id']}@{s}"
            statements.append({"start": s, "end": e, "text": t, "statement": label})
        statements = merge_split_quotes(d["text"], statements)
        labelled.append({k: d[k] for k in ("id", "title", "site", "published", "text")} | {"statements": statements})
    return labelled


def from_carried(rng):
    arts = [json.loads(l) for l in open(f"{OUT}/src/carried.jsonl", encoding="utf-8")]
    events = sorted({a["event"] for a in arts})
    rng.shuffle(events)
    dev_events = set(events[: len(events) // 2])
    split = {"dev": [], "test": []}
    for a in arts:
        statements = []
        for s in a["statements"]:
            at = a["text"].index(s["quote"])
            statements.append({"start": at, "end": at + len(s["quote"]), "text": s["quote"],
                               "statement": f"carried:{s['statement']}"})
        statements = merge_split_quotes(a["text"], statements)
        side = "dev" if a["event"] in dev_events else "test"
        split[side].append({"id": f"carried:{a['id']}", "title": a["title"], "site": a["site"],
                            "published": a["published"], "text": a["text"], "statements": statements})
    return split


def contains(long, short):
    """Whether the word list `short` runs inside `long`."""
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def unify_same_words(docs):
    """Passages with the same SAME_WORDS+ words in different documents are
    one statement, and so is a passage of PART_WORDS+ words quoted whole
    inside another's (`we can see the shore` of `We are not there yet, but
    we can see the shore`): the same words, cut shorter."""
    parent = {}

    def root(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    first = {}
    for d in docs:
        for s in d["statements"]:
            words = tuple(norm(s["text"]))
            if len(words) < SAME_WORDS:
                continue
            if words in first:
                a, b = root(first[words]), root(s["statement"])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[words] = s["statement"]
    every = [(tuple(norm(s["text"])), s["statement"]) for d in docs for s in d["statements"]]
    for words, label in every:
        if len(words) < PART_WORDS:
            continue
        for other, olabel in every:
            if len(other) > len(words) and contains(list(other), list(words)):
                a, b = root(label), root(olabel)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    for d in docs:
        for s in d["statements"]:
            s["statement"] = root(s["statement"])


def main():
    rng = random.Random(SEED)
    carried = from_carried(rng)
    for side in ("dev", "test"):
        docs = from_copies(side) + carried[side]
        unify_same_words(docs)
        rng.shuffle(docs)
        for d in docs:
            for s in d["statements"]:
                # Code points, as the contract counts.
                assert d["text"][s["start"]:s["end"]] == s["text"]
        with open(f"{OUT}/{side}.jsonl", "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        labels = {}
        for d in docs:
            for s in d["statements"]:
                labels.setdefault(s["statement"], set()).add(d["id"])
        n = sum(len(d["statements"]) for d in docs)
        pairs = sum(len(v) * (len(v) - 1) // 2 for v in labels.values())
        print(f"{side}: {len(docs)} documents, {n} passages, {len(labels)} statements, "
              f"{sum(1 for v in labels.values() if len(v) > 1)} in more than one document, {pairs} document pairs")


if __name__ == "__main__":
    main()
