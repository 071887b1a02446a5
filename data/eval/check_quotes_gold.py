#!/usr/bin/env python3
"""Validates a hand-annotated attribution file (quotes-heldout*.jsonl).

Standard library only. Checks, for every article:

- the JSON shape: `id` (unique), `text`, `attributions`, optional
  `outlet_style` and `non_statements`;
- every attribution has `kind` in direct/mixed/indirect, a non-empty
  `content` list, `source` (string or null) and `name` (string or null);
- every content piece occurs exactly once in the text, the pieces of one
  attribution are in text order and do not overlap, and no two attributions
  share characters unless one contains the other (a nested attribution:
  `she said a neighbour had told her that …`);
- a direct content piece starts or ends with a quotation mark, a mixed
  content contains one, an indirect content contains no double quotation
  mark;
- the source occurs as whole words outside the content (the loader of
  `dossier eval quotes` takes the occurrence nearest to the content, so with
  `-v` the checker prints that occurrence in context whenever the words
  occur more than once, to review that it is the intended one);
- an optional `via` (set 7 on) is a list of channel names, each occurring
  as whole words in the text outside the attribution's content;
- every `non_statements` phrase occurs in the text and overlaps no content.

Then prints counts. Exit status 1 when anything fails.

    python3 data/eval/check_quotes_gold.py data/eval/quotes-heldout-2.jsonl [-v]
"""
import json
import re
import sys
from collections import Counter

DOUBLE_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb"
ALL_MARKS = DOUBLE_MARKS + "'\u2018\u2019"


def whole_word_occurrences(text, words):
    out = []
    for m in re.finditer(re.escape(words), text):
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (not before or not before.isalnum()) and (not after or not after.isalnum()):
            out.append((m.start(), m.end()))
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def has_double_mark(s):
    return any(c in DOUBLE_MARKS for c in s) or "''" in s or "``" in s


def check(path, verbose):
    errors = []
    kinds = Counter()
    n_att = n_src_null = n_name_null = n_pieces_multi = n_traps = n_via = 0
    words = []
    ids = set()
    styles = Counter()
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    for ln, line in enumerate(lines, 1):
        where = f"{path}:{ln}"
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: not JSON: {e}")
            continue
        aid, text = d.get("id"), d.get("text")
        if not isinstance(aid, str) or not isinstance(text, str):
            errors.append(f"{where}: missing id or text")
            continue
        where = f"{where} ({aid})"
        if aid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(aid)
        styles[d.get("outlet_style", "?")] += 1
        words.append(len(text.split()))
        taken = []  # (span, attribution index)
        atts = d.get("attributions")
        if not isinstance(atts, list):
            errors.append(f"{where}: attributions is not a list")
            continue
        for i, a in enumerate(atts):
            w = f"{where} #{i + 1}"
            kind, content, source, name = a.get("kind"), a.get("content"), a.get("source"), a.get("name")
            if kind not in ("direct", "mixed", "indirect"):
                errors.append(f"{w}: bad kind {kind!r}")
            if not isinstance(content, list) or not content or not all(isinstance(p, str) and p for p in content):
                errors.append(f"{w}: content must be a non-empty list of strings")
                continue
            if source is not None and not isinstance(source, str):
                errors.append(f"{w}: source must be a string or null")
            if name is not None and not isinstance(name, str):
                errors.append(f"{w}: name must be a string or null")
            n_att += 1
            kinds[kind] += 1
            n_src_null += source is None
            n_name_null += name is None
            n_pieces_multi += len(content) > 1
            spans = []
            for p in content:
                occ = [m.start() for m in re.finditer(re.escape(p), text)]
                if len(occ) != 1:
                    errors.append(f"{w}: content piece occurs {len(occ)} times: {p!r}")
                    continue
                if p != p.strip():
                    errors.append(f"{w}: content piece has outer spaces: {p!r}")
                spans.append((occ[0], occ[0] + len(p)))
            if spans != sorted(spans):
                errors.append(f"{w}: content pieces not in text order")
            for x in range(len(spans) - 1):
                if overlaps(spans[x], spans[x + 1]):
                    errors.append(f"{w}: content pieces overlap")
            for s in spans:
                for t, j in taken:
                    nested = (t[0] <= s[0] and s[1] <= t[1]) or (s[0] <= t[0] and t[1] <= s[1])
                    if overlaps(s, t) and not nested:
                        errors.append(f"{w}: content partly overlaps attribution #{j + 1}")
            taken += [(s, i) for s in spans]
            joined = " ".join(content)
            if kind == "direct" and not all(p[0] in ALL_MARKS or p[-1] in ALL_MARKS for p in content):
                errors.append(f"{w}: direct piece without a quotation mark at either end")
            if kind == "mixed" and not has_double_mark(joined) and not any(c in "'\u2018" for c in joined):
                errors.append(f"{w}: mixed content without quotation marks")
            if kind == "indirect" and has_double_mark(joined):
                errors.append(f"{w}: indirect content contains a double quotation mark")
            via = a.get("via", [])
            if not isinstance(via, list) or not all(isinstance(v, str) and v for v in via):
                errors.append(f"{w}: via must be a list of non-empty strings")
                via = []
            n_via += bool(via)
            for v in via:
                if not [o for o in whole_word_occurrences(text, v) if not any(overlaps(o, s) for s in spans)]:
                    errors.append(f"{w}: via {v!r} not found as whole words outside the content")
            if isinstance(source, str) and spans:
                occ = [o for o in whole_word_occurrences(text, source) if not any(overlaps(o, s) for s in spans)]
                if not occ:
                    errors.append(f"{w}: source {source!r} not found as whole words outside the content")
                else:
                    c0, c1 = spans[0][0], spans[-1][1]
                    near = min(occ, key=lambda o: c0 - o[1] if o[1] <= c0 else max(0, o[0] - c1))
                    if verbose and len(occ) > 1:
                        ctx = text[max(0, near[0] - 50):near[1] + 50].replace("\n", " ")
                        print(f"  {w}: source {source!r} x{len(occ)}, nearest: ...{ctx}...")
        for t in d.get("non_statements", []):
            n_traps += 1
            occ = [(m.start(), m.end()) for m in re.finditer(re.escape(t), text)]
            if not occ:
                errors.append(f"{where}: non-statement {t!r} not in the text")
            for o in occ:
                if any(overlaps(o, s) for s, _ in taken):
                    errors.append(f"{where}: non-statement {t!r} overlaps an annotated content")
    for e in errors:
        print("ERROR", e)
    print(f"{path}: {len(ids)} articles, {sum(words)} words (min {min(words, default=0)}, max {max(words, default=0)})")
    print(f"  attributions: {n_att} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"  split/multi-piece contents: {n_pieces_multi}; source null: {n_src_null}; name null: {n_name_null}")
    print(f"  non-statement traps: {n_traps}; attributions with a channel (via): {n_via}")
    print(f"  outlet styles: {', '.join(f'{k} {v}' for k, v in sorted(styles.items()))}")
    print("OK" if not errors else f"FAILED: {len(errors)} errors")
    return not errors


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    if not args:
        sys.exit(__doc__)
    ok = all([check(p, "-v" in sys.argv) for p in args])
    sys.exit(0 if ok else 1)
