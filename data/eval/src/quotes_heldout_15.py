#!/usr/bin/env python3
"""Builds data/eval/quotes-heldout-15.jsonl from the marked-up articles in
data/eval/src/quotes_heldout_15/*.txt with set 7's builder and checks (markers
in the doc comment of quotes_heldout_7.py): python3 data/eval/src/quotes_heldout_15.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quotes_heldout_7 import build_set  # noqa: E402

if __name__ == "__main__":
    build_set(15)
