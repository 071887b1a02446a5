"""The native module behind dossier.extract (not for direct use)."""

from typing import List, Optional, Tuple

def extract_json(
    inputs: List[Tuple[str, Optional[bytes]]], threads: Optional[int] = None
) -> Tuple[List[str], List[str], bool]:
    """(name, None) is a path, (name, bytes) one input's bytes; returns the
    contract JSON lines, the problems met and whether an input failed."""
    ...
