"""pandas DataFrames of statements and of analysis answers, for notebooks.

:func:`to_dataframe` takes statements (one row each), or any rows an analysis returns (plain
dicts, dataclasses, objects with ``to_dict``). :func:`store_dataframe` reads a store's claims
the way the exports do, one row per claim.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> s = Statement(Entity("CHEBI:6367", "lamotrigine", "Drug"), "blocks",
...               Entity("mesh:D062528", "sodium channel", "IonChannel"),
...               evidence=(Evidence("a.txt", "It blocks them.", 0, 15),))
>>> frame = to_dataframe([s])
>>> frame.loc[0, ["subject_label", "predicate", "object_label", "evidence_count"]].tolist()
['lamotrigine', 'blocks', 'sodium channel', 1]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Any

from pharmgraph.model import Statement

STATEMENT_COLUMNS = [
    "subject_id",
    "subject_label",
    "subject_type",
    "predicate",
    "object_id",
    "object_label",
    "object_type",
    "negated",
    "certainty",
    "qualifiers",
    "evidence_count",
    "documents",
    "sources",
    "sentences",
]


def statement_row(stmt: Statement) -> dict[str, Any]:
    """Return one statement as a flat row (lists for documents, sources and sentences)."""
    return {
        "subject_id": stmt.subject.id,
        "subject_label": stmt.subject.label,
        "subject_type": stmt.subject.type,
        "predicate": stmt.predicate,
        "object_id": stmt.object.id,
        "object_label": stmt.object.label,
        "object_type": stmt.object.type,
        "negated": stmt.negated,
        "certainty": stmt.certainty,
        "qualifiers": stmt.qualifier_dict,
        "evidence_count": len(stmt.evidence),
        "documents": stmt.documents,
        "sources": list(dict.fromkeys(ev.source for ev in stmt.evidence if ev.source)),
        "sentences": [ev.text for ev in stmt.evidence],
    }


def _row(item: Any) -> dict[str, Any]:
    if isinstance(item, Statement):
        return statement_row(item)
    if isinstance(item, dict):
        return dict(item)
    if hasattr(item, "to_dict"):
        return dict(item.to_dict())
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    raise TypeError(f"cannot make a table row of {type(item).__name__}")


def to_dataframe(items: Iterable[Any]):
    """Return a pandas DataFrame with one row per statement or per analysis answer.

    Statements give the columns of :data:`STATEMENT_COLUMNS`; other rows keep their own keys.

    Raises
    ------
    TypeError
        For an item that is neither a statement, a dict, a dataclass nor has ``to_dict``.
    """
    import pandas as pd

    items = list(items)
    rows = [_row(item) for item in items]
    if items and all(isinstance(i, Statement) for i in items):
        return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    if not rows:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    return pd.DataFrame(rows)


def store_dataframe(store, sentences: bool = False):
    """Return the store's claims as a DataFrame, one row per (subject, predicate, object,
    negated), with labels and types, evidence counts, documents and sources."""
    import pandas as pd

    from pharmgraph.exports.rows import edge_rows, entity_rows

    nodes = {n.id: n for n in entity_rows(store)}
    rows = []
    for edge in edge_rows(store, sentences=sentences):
        subject, obj = nodes.get(edge.subject), nodes.get(edge.object)
        rows.append(
            {
                "subject_id": edge.subject,
                "subject_label": subject.label if subject else edge.subject,
                "subject_type": subject.type if subject else "Entity",
                "predicate": edge.predicate,
                "object_id": edge.object,
                "object_label": obj.label if obj else edge.object,
                "object_type": obj.type if obj else "Entity",
                "negated": edge.negated,
                "certainty": edge.certainty,
                "qualifiers": edge.qualifiers,
                "evidence_count": edge.evidence_count,
                "documents": edge.documents,
                "sources": edge.sources,
                "sentences": edge.sentences,
            }
        )
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
