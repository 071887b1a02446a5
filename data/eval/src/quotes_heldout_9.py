#!/usr/bin/env python3
"""Builds data/eval/quotes-heldout-9.jsonl from the marked-up articles in
data/eval/src/quotes_heldout_9/*.txt, with the same inline markers and
checks as set 7 (see the doc comment of quotes_heldout_7.py).

    python3 data/eval/src/quotes_heldout_9.py   # writes the .jsonl
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import quotes_heldout_7  # noqa: E402

if __name__ == "__main__":
    quotes_heldout_7.main(
        os.path.join(HERE, "quotes_heldout_9"),
        os.path.join(HERE, "..", "quotes-heldout-9.jsonl"),
    )
