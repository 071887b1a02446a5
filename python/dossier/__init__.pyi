"""Type stubs of the dossier package (see __init__.py for the docs)."""

import os
from typing import Any, Dict, Iterable, List, Optional, Union

Input = Union[str, bytes, os.PathLike[str]]

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
