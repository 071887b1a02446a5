#!/usr/bin/env python3
"""Builds crates/dossier-nlp/src/quotes/first_names.tsv: first names whose
bearers are overwhelmingly of one sex, from the 1990 US Census name lists.

The lists (dist.male.first, dist.female.first: name, percent of that sex's
population, cumulative percent, rank) are public domain (US Census Bureau);
they ship in the `names` package on PyPI (version 0.3.0, MIT code, data
public domain), which is where this script reads them from:

    pip download names==0.3.0 --no-deps && tar xzf names-0.3.0.tar.gz
    python3 scripts/build-first-names.py names-0.3.0/names > crates/dossier-nlp/src/quotes/first_names.tsv

A name is kept when one sex's share is at least RATIO times the other's
(`JORDAN`, `LESLIE`, `KELLY` are dropped: they say nothing). Output: one
`name<TAB>M|F` line per name, lower case, sorted (the quote stage reads it
with a binary search). Deterministic.
"""
import os
import sys

RATIO = 10.0


def read(path):
    out = {}
    for line in open(path, encoding="ascii"):
        f = line.split()
        if len(f) >= 2:
            out[f[0].lower()] = float(f[1])
    return out


def main():
    folder = sys.argv[1]
    male = read(os.path.join(folder, "dist.male.first"))
    female = read(os.path.join(folder, "dist.female.first"))
    print("# First names of one sex, from the 1990 US Census name lists (public domain; via the PyPI package `names` 0.3.0).")
    print(f"# Built by scripts/build-first-names.py: a name is kept when one sex's share is >= {RATIO:g}x the other's.")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        # Shares under 0.001% are printed as 0.000 in the lists: count them as a trace.
        m_eff, f_eff = max(m, 0.0005) if name in male else 0.0, max(f, 0.0005) if name in female else 0.0
        if m_eff >= RATIO * f_eff and m_eff > 0:
            print(f"{name}\tM")
        elif f_eff >= RATIO * m_eff and f_eff > 0:
            print(f"{name}\tF")


if __name__ == "__main__":
    main()
