"""The native module behind dossier.extract and dossier.spark (not for direct use)."""

from typing import Any, List, Optional, Tuple

Capsules = Tuple[Any, Any]

def extract_json(
    inputs: List[Tuple[str, Optional[bytes]]], threads: Optional[int] = None
) -> Tuple[List[str], List[str], bool]:
    """(name, None) is a path, (name, bytes) one input's bytes; returns the
    contract JSON lines, the problems met and whether an input failed."""
    ...

def extract_arrow(
    schema: Any, array: Any, threads: Optional[int] = None
) -> Tuple[List[Tuple[str, Capsules]], List[str], bool]:
    """A batch of (path: string, data: binary) as Arrow C capsules; returns
    each table's capsules, the problems met and whether an input failed."""
    ...

def table_schemas() -> List[Tuple[str, Any]]:
    """Each table's name and its schema as an ``arrow_schema`` capsule."""
    ...

def annotate_arrow(schema: Any, array: Any, threads: Optional[int] = None) -> Capsules:
    """A batch of (order, path, data) annotated without linking: (order,
    seq, document, problem), one row per document or failed input."""
    ...

class OrderedLinker:
    """One run's linker, fed annotated documents in input order."""

    def __init__(self) -> None: ...
    def link(self, schema: Any, array: Any, threads: Optional[int] = None) -> List[Tuple[str, Capsules]]:
        """Links a batch with a ``document`` column; the four document tables."""
        ...
    def entities(self) -> Capsules:
        """The entities table so far."""
        ...

class Planner:
    """The per-partition steps of distributed linking (no index)."""

    def __init__(self) -> None: ...
    def groups(self, schema: Any, array: Any) -> Capsules:
        """(order, seq, document) rows → one row per within-document group."""
        ...
    def apply(self, schema: Any, array: Any) -> List[Tuple[str, Capsules]]:
        """(order, seq, document, entities) rows → the four document tables
        and ``doc_entities`` (entity, sort, context)."""
        ...

class RecordFolder:
    """Folds each entity's sorted rows into its record."""

    def __init__(self) -> None: ...
    def push(self, schema: Any, array: Any) -> Capsules:
        """(root, id, kind, evidence, payload) rows → finished (root, record) rows."""
        ...
    def finish(self) -> Capsules:
        """The last (root, record) row."""
        ...

def entities_table(schema: Any, array: Any) -> Capsules:
    """(record) rows of record JSON → the entities table."""
    ...

def assign_ids(roots: List[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """(root group id, slug base) → (root group id, entity id)."""
    ...
