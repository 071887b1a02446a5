"""dossier from Python: who said what, about whom, when, and according to whom.

``dossier.extract`` runs the same library as the ``dossier extract``
command (reading, parallel annotation, linking across documents in input
order) and returns its documents as dicts shaped as the JSON output
contract says (``docs/output-contract.md``): for the same inputs, the same
documents as the command prints.

    >>> import dossier
    >>> docs = dossier.extract(["Ann Lee said: \\"We will win.\\""])
    >>> [q["speaker"]["name"] for q in docs[0]["quotes"]]
    ['Ann Lee']
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Optional, Union

from dossier import _native

__all__ = ["extract", "DossierError", "DossierWarning"]

Input = Union[str, bytes, "os.PathLike[str]"]


class DossierError(Exception):
    """Raised by ``extract(..., errors="raise")`` when an input yielded no document."""


class DossierWarning(UserWarning):
    """A problem with one input (named first); the other inputs went on."""


def extract(
    inputs: Union[Input, Iterable[Input]],
    *,
    threads: Optional[int] = None,
    errors: str = "warn",
) -> List[Dict[str, Any]]:
    """Extract documents and their annotations, as ``dossier extract`` does.

    ``inputs`` is one input or a list of them, each one of:

    - a path (``pathlib.Path`` or any ``os.PathLike``): a file or a folder
      (walked recursively in sorted order), read as the command reads it
      (text, HTML, WARC, feeds, JSON Lines, e-mail, archives, office files,
      PDF; a WARC archive or JSON Lines file gives one document per record);
    - a ``str``: the text of one input, as if piped to the command's
      standard input (so its ``path`` is ``-``);
    - ``bytes``: the raw bytes of one input, format detected from content.

    Returns one dict per document, in input order, with the contract's
    fields (``id``, ``text``, ``entities``, ``quotes``, ``dates``, …);
    spans are code-point offsets into ``text``, so
    ``doc["text"][m["start"]:m["end"]] == m["text"]`` in Python. Entity ids
    are linked across all the documents of one call.

    ``threads`` is the number of worker threads (default: all cores); the
    GIL is released while they work, so other Python threads run.

    ``errors`` says what happens when an input yields no document or only
    part of one: ``"warn"`` (default) issues a ``DossierWarning`` per
    problem and goes on, ``"raise"`` raises ``DossierError`` after the run
    when an input failed, ``"ignore"`` says nothing.
    """
    if errors not in ("warn", "raise", "ignore"):
        raise ValueError(f"errors must be 'warn', 'raise' or 'ignore', not {errors!r}")
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    native: List[tuple] = []
    for item in inputs:
        if isinstance(item, os.PathLike):
            native.append((os.fspath(item), None))
        elif isinstance(item, str):
            native.append(("-", item.encode("utf-8")))
        elif isinstance(item, (bytes, bytearray, memoryview)):
            native.append(("-", bytes(item)))
        else:
            raise TypeError(f"an input is a path, a str or bytes, not {type(item).__name__}")
    lines, problems, failed = _native.extract_json(native, threads)
    if errors == "warn":
        for p in problems:
            warnings.warn(p, DossierWarning, stacklevel=2)
    if errors == "raise" and failed:
        raise DossierError("; ".join(problems))
    return [json.loads(line) for line in lines]
