"""Drugs that act alike: similarity of target and effect profiles.

A drug's profile is the set of targets and effects it acts on (negated statements never
count), rolled up through ``broader`` so that a Nav1.1 blocker and a sodium channel blocker
have something in common. Profiles are compared with the Jaccard index or the cosine of their
indicator vectors.

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> from pharmgraph.analysis.projection import project
>>> a, b = Entity("x:a", "a", "Drug"), Entity("x:b", "b", "Drug")
>>> t, u = Entity("x:t", "t", "Protein"), Entity("x:u", "u", "Protein")
>>> store = open_store(":memory:")
>>> _ = store.ingest([Statement(a, "inhibits", t), Statement(a, "inhibits", u),
...                   Statement(b, "inhibits", t)])
>>> [(r["label"], r["score"]) for r in similar(project(store), "a")]
[('b', 0.5)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx

from pharmgraph.analysis.answers import Rows
from pharmgraph.analysis.hierarchy import label_of, type_of
from pharmgraph.analysis.local import drugs_graph
from pharmgraph.analysis.resolve import resolve_entity
from pharmgraph.analysis.shared import profiles
from pharmgraph.errors import InputError
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import is_subtype

METRICS = ("jaccard", "cosine")


def _target_or_effect(graph: nx.Graph, node: str) -> bool:
    kind = type_of(graph, node)
    return is_subtype(kind, "Target") or is_subtype(kind, "Effect")


def similar(
    graph: nx.MultiDiGraph | GraphStore, drug: str, top: int = 10, *, metric: str = "jaccard",
    level: bool = True, documents: Sequence[str] | None = None, asserted_only: bool = False,
) -> Rows:
    """Return the drugs whose target and effect profile is closest to ``drug``'s.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
        A projected graph, or a store: then only the drug, the drugs acting on what it acts
        on (or on entities above or below) and their profiles are read, with SPARQL.
    drug : str
        A name or CURIE of a drug.
    top : int
        How many drugs to return.
    metric : {"jaccard", "cosine"}
    level : bool
        Roll profiles up through ``broader`` (default).
    documents : sequence of str, optional
        With a store: only statements read in these documents.
    asserted_only : bool
        With a store: leave out hedged statements.

    Returns
    -------
    list of dict
        ``drug``, ``label``, ``score`` (rounded to 4 places), ``shared`` (labels of the
        entities in both profiles), ``shared_count``; best first, ties by label. Drugs with
        nothing in common are left out.
    """
    if metric not in METRICS:
        raise InputError(f"Unknown metric {metric!r}; use one of {', '.join(METRICS)}.")
    if isinstance(graph, GraphStore):
        graph, [node], _ = drugs_graph(graph, [drug], ("Target", "Effect"), level=level,
                                       documents=documents, asserted_only=asserted_only)
    else:
        node = resolve_entity(graph, drug, types="Drug")
    prof = profiles(graph, _target_or_effect, level=level)
    if node not in prof:
        return Rows()
    mine = set(prof[node].closure)
    rows = []
    for other, p in prof.items():
        if other == node:
            continue
        theirs = set(p.closure)
        common = mine & theirs
        if not common:
            continue
        if metric == "jaccard":
            score = len(common) / len(mine | theirs)
        else:
            score = len(common) / math.sqrt(len(mine) * len(theirs))
        rows.append(
            {
                "drug": other,
                "label": label_of(graph, other),
                "score": round(score, 4),
                "shared": sorted(label_of(graph, n) for n in common),
                "shared_count": len(common),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["label"], r["drug"]))
    return Rows(rows[:top])
