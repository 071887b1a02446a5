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
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from dossier import _native

if TYPE_CHECKING:  # pyarrow is only needed by extract_arrow
    import pyarrow

__all__ = ["extract", "extract_arrow", "TABLES", "DossierError", "DossierWarning"]

#: The tables extract_arrow returns, as docs/parquet.md describes them.
TABLES = ("documents", "mentions", "quotes", "dates", "entities")

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
    _check_errors(errors)
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
    _report(problems, failed, errors)
    return [json.loads(line) for line in lines]


def _check_errors(errors: str) -> None:
    if errors not in ("warn", "raise", "ignore"):
        raise ValueError(f"errors must be 'warn', 'raise' or 'ignore', not {errors!r}")


def _report(problems: List[str], failed: bool, errors: str) -> None:
    if errors == "warn":
        for p in problems:
            warnings.warn(p, DossierWarning, stacklevel=3)
    if errors == "raise" and failed:
        raise DossierError("; ".join(problems))


class _CArray:
    """A batch the native module exported, handed to pyarrow through the
    Arrow PyCapsule protocol (no copy)."""

    def __init__(self, schema: Any, array: Any) -> None:
        self._capsules = (schema, array)

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple:
        return self._capsules


def _input_batch(batch: Any) -> "pyarrow.RecordBatch":
    """The native module's input: ``path`` (string) and ``data`` (binary),
    from a batch with ``bytes`` or ``text`` and an optional ``path``."""
    import pyarrow as pa

    if isinstance(batch, pa.Table):
        batch = pa.RecordBatch.from_struct_array(batch.to_struct_array().combine_chunks())
    elif not isinstance(batch, pa.RecordBatch):
        batch = pa.record_batch(batch)
    names = batch.schema.names
    if "bytes" in names:
        data = batch.column("bytes")
    elif "text" in names:
        data = batch.column("text")
    else:
        raise ValueError("the batch needs a `bytes` (binary) or `text` (string) column")
    # A string column is valid UTF-8 already: the cast only relabels it.
    data = data.cast(pa.binary())
    if "path" in names:
        path = batch.column("path").cast(pa.string())
    else:
        path = pa.nulls(batch.num_rows, pa.string())
    return pa.record_batch([path, data], names=["path", "data"])


def extract_arrow(
    batch: Any,
    *,
    threads: Optional[int] = None,
    errors: str = "warn",
) -> Dict[str, "pyarrow.RecordBatch"]:
    """Extract the inputs of an Arrow record batch into Arrow record batches.

    ``batch`` is a ``pyarrow.RecordBatch`` or ``pyarrow.Table`` (or any
    object with ``__arrow_c_array__``) with one input per row: its raw
    bytes in a binary column ``bytes`` (format detected from content, as
    for a file) or its text in a string column ``text``; an optional string
    column ``path`` names it (the file name breaks format ties and becomes
    the documents' ``path``; a null or absent path is ``-``, as standard
    input). A row may give several documents (JSON Lines, WARC, mail).

    Returns a dict of five ``pyarrow.RecordBatch``: ``documents``,
    ``mentions``, ``quotes``, ``dates`` and ``entities``, shaped exactly as
    the Parquet tables of ``dossier extract --format parquet``
    (``docs/parquet.md``; the schema's metadata carries its version) and
    equal to them for the same input. Entity ids are linked across the
    documents of one call. Batches cross the language boundary through the
    Arrow C data interface; no text goes through JSON or Python objects.

    ``threads`` and ``errors`` are as in :func:`extract`.
    """
    import pyarrow as pa

    _check_errors(errors)
    native_input = _input_batch(batch)
    tables, problems, failed = _native.extract_arrow(*native_input.__arrow_c_array__(), threads)
    _report(problems, failed, errors)
    return {name: pa.record_batch(_CArray(*capsules)) for name, capsules in tables}
