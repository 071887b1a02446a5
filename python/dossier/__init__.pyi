"""Type stubs of the dossier package (see __init__.py for the docs)."""

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import pyarrow

Input = Union[str, bytes, os.PathLike[str]]

TABLES: Tuple[str, ...]

class DossierError(Exception): ...
class DossierWarning(UserWarning): ...

def extract(
    inputs: Union[Input, Iterable[Input]],
    *,
    threads: Optional[int] = None,
    errors: str = "warn",
) -> List[Dict[str, Any]]:
    """Extract documents and their annotations, as ``dossier extract`` does;
    one contract dict per document, in input order."""
    ...

def extract_arrow(
    batch: Any,
    *,
    threads: Optional[int] = None,
    errors: str = "warn",
) -> Dict[str, pyarrow.RecordBatch]:
    """Extract the inputs of a record batch (``bytes`` or ``text``, optional
    ``path``) into the five tables of ``docs/parquet.md``."""
    ...
