#!/usr/bin/env python3
"""Builds data/eval/quotes-heldout-7.jsonl from the marked-up articles in
data/eval/src/quotes_heldout_7/*.txt (standard library, deterministic).

The articles were written with their annotation inline, so that every
content, source and channel is an exact substring by construction and the
source occurrence the loader will take can be checked against the one the
annotator meant:

    === article-id | outlet style
    @1 Full Name            name of attribution 1 (`-` for null)
    @2 - nosource           attribution 2 has no source in the text
    @3 Full Name !mixed     kind override (default: derived, see below)
    ---
    Paragraph one, one line.

    [[s1 Jane Doe]] said [[c1 that ...]], she told [[v1 Reuters]].

Markers open with `[[c<id> ` (content piece), `[[s<ids> ` (source; ids
comma-separated when one mention is the source of several attributions),
`[[v<id> ` (a channel name of attribution id, in `via`), `[[n ` (a
non-statement phrase); every marker closes with `]]`, and markers nest.
Kind: direct when every content piece starts with a quotation mark, mixed
when the content holds one, else indirect.

    python3 data/eval/src/quotes_heldout_7.py   # writes the .jsonl
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from check_quotes_gold import overlaps, whole_word_occurrences  # noqa: E402

OUT = os.path.join(HERE, "..", "quotes-heldout-7.jsonl")
MARKS = "\"\u201c\u201d'\u2018\u2019"
OPEN = re.compile(r"\[\[([csvn])([0-9,]*) ?")


def parse_text(raw):
    """Returns plain text and a list of (type, ids, start, end)."""
    out, stack, spans, i = [], [], [], 0
    while i < len(raw):
        m = OPEN.match(raw, i)
        if m:
            stack.append((m.group(1), m.group(2), sum(map(len, out))))
            i = m.end()
        elif raw.startswith("]]", i):
            t, ids, start = stack.pop()
            spans.append((t, ids, start, sum(map(len, out))))
            i += 2
        else:
            out.append(raw[i])
            i += 1
    if stack:
        raise ValueError(f"unclosed marker {stack}")
    return "".join(out), spans


def nearest(text, words, content_spans, c0, c1):
    """The occurrence of `words` the loader takes: whole words outside the
    content, nearest to it (the same rule check_quotes_gold.py reports)."""
    occ = [o for o in whole_word_occurrences(text, words) if not any(overlaps(o, s) for s in content_spans)]
    if not occ:
        return None
    return min(occ, key=lambda o: c0 - o[1] if o[1] <= c0 else max(0, o[0] - c1))


def build_article(block, errors):
    head, body = block.split("\n---\n", 1)
    lines = head.strip().split("\n")
    aid, style = [x.strip() for x in lines[0].split("|", 1)]
    meta = {}
    for l in lines[1:]:
        m = re.match(r"@(\d+) (.*)$", l.strip())
        if not m:
            errors.append(f"{aid}: bad meta line {l!r}")
            continue
        rest = m.group(2)
        kind = None
        km = re.search(r" !(direct|mixed|indirect)$", rest)
        if km:
            kind, rest = km.group(1), rest[: km.start()]
        nosrc = rest.endswith(" nosource")
        if nosrc:
            rest = rest[: -len(" nosource")]
        meta[int(m.group(1))] = (None if rest.strip() == "-" else rest.strip(), kind, nosrc)
    paras = [p.strip() for p in body.strip().split("\n\n")]
    text, spans = parse_text("\n\n".join(paras))
    contents, sources, vias, traps = {}, {}, {}, []
    for t, ids, s, e in spans:
        if t == "n":
            traps.append(text[s:e])
            continue
        for n in [int(x) for x in ids.split(",")]:
            {"c": contents, "s": sources, "v": vias}[t].setdefault(n, []).append((s, e))
    atts = []
    for n in sorted(set(contents) | set(meta) | set(sources) | set(vias)):
        if n not in contents or n not in meta:
            errors.append(f"{aid} #{n}: content or meta missing")
            continue
        name, kind, nosrc = meta[n]
        pieces = sorted(contents[n])
        content = [text[s:e] for s, e in pieces]
        if kind is None:
            if all(p[0] in MARKS for p in content):
                kind = "direct"
            elif any(c in "\"\u201c\u201d" for p in content for c in p):
                kind = "mixed"
            else:
                kind = "indirect"
        source = None
        if n in sources:
            if nosrc or len(sources[n]) != 1:
                errors.append(f"{aid} #{n}: source marked {len(sources[n])} times (nosource={nosrc})")
            s, e = sources[n][0]
            source = text[s:e]
            got = nearest(text, source, pieces, pieces[0][0], pieces[-1][1])
            if got != (s, e):
                errors.append(f"{aid} #{n}: loader would take {source!r} at {got}, marked at {(s, e)}")
        elif not nosrc:
            errors.append(f"{aid} #{n}: no source marked and not declared nosource")
        a = {"kind": kind, "content": content, "source": source, "name": name}
        if n in vias:
            a["via"] = [text[s:e] for s, e in sorted(vias[n])]
        atts.append(a)
    d = {"id": aid, "outlet_style": style, "text": text, "attributions": atts}
    d["non_statements"] = traps
    return d


def main(src_dir=os.path.join(HERE, "quotes_heldout_7"), out=OUT):
    """Builds `out` from the marked-up articles in `src_dir` (set 8 reuses
    this with its own folder, see quotes_heldout_8.py)."""
    errors, arts = [], []
    for path in sorted(glob.glob(os.path.join(src_dir, "*.txt"))):
        raw = open(path, encoding="utf-8").read()
        for block in raw.split("\n=== ")[1:] if not raw.startswith("=== ") else raw[4:].split("\n=== "):
            arts.append(build_article(block, errors))
    for e in errors:
        print("ERROR", e)
    with open(out, "w", encoding="utf-8") as f:
        for d in arts:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(arts)} articles, {sum(len(d['attributions']) for d in arts)} attributions -> {os.path.normpath(out)}")
    sys.exit(1 if errors else 0)


def build_set(n):
    """Builds quotes-heldout-<n>.jsonl from quotes_heldout_<n>/ (set 9's
    wrapper calls this; set 8's passes the same two paths to main)."""
    main(os.path.join(HERE, f"quotes_heldout_{n}"), os.path.join(HERE, "..", f"quotes-heldout-{n}.jsonl"))


if __name__ == "__main__":
    main()
