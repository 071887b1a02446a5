"""dossier.extract against the CLI it shares its library with.

Run from the repository root after `pip install ./python` and
`cargo build --release` (the CLI is target/release/dossier, or DOSSIER_BIN):

    python3 -m pytest python/tests
"""

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

import dossier
from dossier import _native

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "wikinews-gum.jsonl"
BIN = Path(os.environ.get("DOSSIER_BIN", ROOT / "target" / "release" / "dossier"))


def cli(args, stdin=b""):
    if not BIN.exists():
        pytest.fail(f"the dossier binary is not built at {BIN} (cargo build --release, or set DOSSIER_BIN)")
    run = subprocess.run([str(BIN), *args], input=stdin, capture_output=True, check=True)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


def test_the_demo_corpus_gives_what_the_cli_prints():
    expected = cli(["extract", str(DEMO)])
    assert len(expected) == 24
    assert dossier.extract(DEMO) == expected
    assert dossier.extract([DEMO], threads=1) == expected


def test_a_text_is_read_as_the_cli_reads_standard_input():
    text = "Mara Quell, the harbour master, said on Tuesday: \u201cThe pier reopens in June.\u201d"
    expected = cli(["extract"], stdin=text.encode("utf-8"))
    got = dossier.extract(text)
    assert got == expected
    assert got[0]["path"] == "-"
    assert dossier.extract(text.encode("utf-8")) == expected


def test_spans_index_python_strings():
    text = "Zo\u00eb \u00c5berg told reporters: \u201cWe will rebuild the school.\u201d She spoke in M\u00e4lmo."
    (doc,) = dossier.extract(text)
    spans = doc["entities"] + doc["quotes"] + doc["dates"]
    assert spans, "the sentence has names and a quote"
    for s in spans:
        assert doc["text"][s["start"]:s["end"]] == s["text"]


def test_a_bad_input_is_named_and_the_others_go_on(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.warns(dossier.DossierWarning, match="missing.txt"):
        docs = dossier.extract([missing, "Pell Orrin wrote the report."])
    assert len(docs) == 1
    with pytest.raises(dossier.DossierError, match="missing.txt"):
        dossier.extract([missing], errors="raise")
    assert dossier.extract([missing], errors="ignore") == []
    with pytest.raises(TypeError):
        dossier.extract([3])


def test_the_gil_is_released_while_rust_works():
    inputs = [(str(DEMO), None)]
    state = {"started": False, "done": False}

    def work():
        state["started"] = True
        _native.extract_json(inputs, 1)
        state["done"] = True

    t = threading.Thread(target=work)
    t.start()
    while not state["started"]:
        pass
    ticks = 0
    while not state["done"]:
        ticks += 1
    t.join()
    # Holding the GIL for the whole native call would leave this loop a
    # handful of turns at most; released, it spins freely meanwhile.
    assert ticks > 10_000
