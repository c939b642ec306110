"""Answers as lists that also turn into pandas DataFrames (for notebooks).

Every analysis returns a :class:`Rows` (a list of dicts) or a :class:`PathList` (a list of
:class:`pharmgraph.analysis.Path`); both are plain lists to JSON and to code that iterates
them, and have :meth:`to_dataframe`.

Examples
--------
>>> rows = Rows([{"drug": "a", "shared": 2, "names": ["x", "y"]}])
>>> rows.to_dataframe().loc[0, "names"]
'x; y'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return "; ".join(str(v) for v in value)
        return value
    return value


class Rows(list):
    """A list of answer rows (dicts) with :meth:`to_dataframe`."""

    def to_dataframe(self, columns: Sequence[str] | None = None, *, flat: bool = True):
        """Return the rows as a :class:`pandas.DataFrame`, one row per answer row.

        Parameters
        ----------
        columns : sequence of str, optional
            Only these columns, in this order.
        flat : bool
            Join lists of plain values with ``"; "`` so cells stay scalar (default);
            lists of dicts (meeting points, evidence) are kept as they are.
        """
        import pandas as pd

        records = [{k: (_flat(v) if flat else v) for k, v in row.items()} for row in self]
        frame = pd.DataFrame.from_records(records)
        if columns is not None:
            frame = frame.reindex(columns=list(columns))
        return frame


class PathList(list):
    """A list of :class:`pharmgraph.analysis.Path` with :meth:`to_dataframe` (one row per hop)."""

    def to_dataframe(self):
        """Return one row per hop: ``path``, ``kind``, ``sign``, ``hop``, the hop's fields."""
        import pandas as pd

        records = []
        for number, path in enumerate(self, start=1):
            for step, hop in enumerate(path.hops, start=1):
                record = {"path": number, "kind": getattr(path, "kind", "shortest"),
                          "sign": path.sign_label, "hop": step}
                record.update(hop.to_dict())
                evidence = record.pop("evidence") or {}
                record["evidence"] = evidence.get("text", "")
                record["record"] = evidence.get("record")
                records.append(record)
        return pd.DataFrame.from_records(records)
