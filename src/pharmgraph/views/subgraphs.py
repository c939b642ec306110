"""The parts of a projected graph that a focused view draws: shared targets, paths.

Both functions take the ``MultiDiGraph`` of :func:`pharmgraph.analysis.project` and return a
smaller one with the same node and edge attributes, ready for
:func:`pharmgraph.views.render_html`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from pharmgraph.analysis.hierarchy import ancestors
from pharmgraph.vocabulary import type_group

BROADER = "broader"
"""Key and predicate of the edges drawn from an entity to a broader one (hierarchy, not a
statement: they carry no evidence)."""


def _entity(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    if node in graph:
        return dict(graph.nodes[node])
    info = dict(graph.graph.get("entities", {}).get(node) or {})
    kind = info.get("type") or "Entity"
    return {
        "id": node,
        "label": info.get("label") or node,
        "type": kind,
        "group": info.get("group") or type_group(kind),
        "synonyms": list(info.get("synonyms") or ()),
        "broader": list(info.get("broader") or ()),
    }


def _add_broader_chain(view: nx.MultiDiGraph, graph: nx.MultiDiGraph, start: str, stop: str) -> None:
    """Add ``start`` -> ... -> ``stop`` along ``broader`` links, as hierarchy edges."""
    current = start
    seen = {start}
    while current != stop:
        parents = [p for p in _entity(graph, current).get("broader", []) if p not in seen]
        ups = [p for p in parents if p == stop or stop in ancestors(graph, p)]
        if not ups:
            return
        parent = ups[0]
        for node in (current, parent):
            if node not in view:
                view.add_node(node, **_entity(graph, node))
        if not view.has_edge(current, parent, key=BROADER):
            view.add_edge(
                current, parent, key=BROADER, predicate=BROADER, sign=0, kind="other",
                certainty="asserted", negated=False, evidence=[], documents=[], evidence_count=0,
            )
        seen.add(parent)
        current = parent


def shared_target_graph(graph: nx.MultiDiGraph, drug: str, rows: Sequence[dict[str, Any]]) -> nx.MultiDiGraph:
    """Return the drug, the drugs sharing a target with it and the statements that meet.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The projected graph the rows were computed on.
    drug : str
        The CURIE of the drug asked about.
    rows : sequence of dict
        What :func:`pharmgraph.analysis.shared_targets` returned for that drug: each names
        the ``other`` drug and the meeting points (``items``, each with an ``id``).

    Returns
    -------
    networkx.MultiDiGraph
        Both drugs of every row, their statements about targets at or below a meeting point,
        the meeting points, and ``broader`` edges from each target up to its meeting point.
    """
    view = nx.MultiDiGraph()
    view.graph = dict(graph.graph)
    view.add_node(drug, **_entity(graph, drug))
    for row in rows:
        points = {item["id"] for item in row.get("items", ())}
        for node in points:
            if node not in view:
                view.add_node(node, **_entity(graph, node))
        for who in (row.get("drug", drug), row["other"]):
            if who not in view:
                view.add_node(who, **_entity(graph, who))
            for _, target, key, attrs in graph.out_edges(who, keys=True, data=True):
                above = ancestors(graph, target)
                reached = [p for p in points if p == target or p in above]
                if not reached:
                    continue
                if target not in view:
                    view.add_node(target, **_entity(graph, target))
                view.add_edge(who, target, key=key, **attrs)
                for point in reached:
                    if point != target:
                        _add_broader_chain(view, graph, target, point)
    return view


def path_graph(graph: nx.MultiDiGraph, paths: Iterable[Any]) -> nx.MultiDiGraph:
    """Return the nodes of ``paths`` and every statement between two of them.

    ``paths`` are :class:`pharmgraph.analysis.Path` objects (or anything with ``nodes``).
    """
    nodes: list[str] = []
    for path in paths:
        for node in getattr(path, "nodes", path):
            if node not in nodes:
                nodes.append(node)
    view = graph.subgraph(nodes).copy()
    view.graph = dict(graph.graph)
    return view
