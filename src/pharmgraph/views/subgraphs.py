"""The parts of the graph that a focused view draws: a neighbourhood, shared targets, paths.

:func:`shared_target_graph` and :func:`path_graph` take a ``MultiDiGraph`` shaped like
:func:`pharmgraph.analysis.project`'s and return a smaller one with the same node and edge
attributes, ready for :func:`pharmgraph.views.render_html`. :func:`focus_view`,
:func:`shared_target_view` and :func:`path_view` get that graph from a store: they read with
SPARQL only what the view draws (:mod:`pharmgraph.analysis.local`), evidence included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from pharmgraph.analysis.hierarchy import ancestors
from pharmgraph.store import GraphStore
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


def focus_view(
    store: GraphStore, names: Sequence[str], radius: int = 1, *,
    documents: Sequence[str] | None = None, asserted_only: bool = False,
    show_negated: bool = False, max_nodes: int | None = None,
) -> tuple[nx.MultiDiGraph, list[str]]:
    """Return the neighbourhood of some entities (``radius`` steps either way) and their
    CURIEs, read from the store by frontier queries, with evidence (at most ``max_nodes``
    entities: see :func:`pharmgraph.analysis.local.focus_graph`).

    When the store holds curated sources, every edge stated in text gets ``status``
    (supported, contradicted or novel: :func:`pharmgraph.analysis.known_or_new`), and every
    edge has ``origin`` (curated, text-mined or both).
    """
    from pharmgraph.analysis.local import focus_graph
    from pharmgraph.analysis.novelty import annotate_known, has_sources

    graph, ids = focus_graph(store, names, radius, documents=documents,
                             asserted_only=asserted_only, include_negated=show_negated,
                             evidence=True, max_nodes=max_nodes)
    if has_sources(store):
        annotate_known(store, graph)
    return graph, ids


def shared_target_view(
    store: GraphStore, drug: str, *, documents: Sequence[str] | None = None,
    asserted_only: bool = False, show_negated: bool = False,
    roles: Sequence[str] | str | None = None,
) -> tuple[nx.MultiDiGraph, str, list[dict[str, Any]]]:
    """Return the view of the drugs sharing a target with ``drug``, its CURIE and the rows
    of :func:`pharmgraph.analysis.shared_targets` it draws."""
    from pharmgraph.analysis import shared_targets
    from pharmgraph.analysis.local import drugs_graph

    graph, [curie], _ = drugs_graph(store, [drug], ("Target",), documents=documents,
                                    asserted_only=asserted_only, evidence=True,
                                    include_negated=show_negated)
    rows = shared_targets(graph, [curie], roles=roles)
    return shared_target_graph(graph, curie, rows), curie, rows


def path_view(
    store: GraphStore, paths: Sequence[Any], *, documents: Sequence[str] | None = None,
    asserted_only: bool = False, show_negated: bool = False,
) -> nx.MultiDiGraph:
    """Return the nodes of ``paths`` and every statement between two of them, with evidence."""
    from pharmgraph.analysis.local import LocalGraph

    local = LocalGraph(store, documents, asserted_only)
    nodes = {local.iri(n) for path in paths for n in getattr(path, "nodes", path)}
    local.expand(nodes, "out")
    if show_negated:
        local.add_negated(nodes, both_ends=True)
    graph = local.to_graph(include_negated=show_negated, evidence=True, nodes=nodes)
    from pharmgraph.analysis.novelty import annotate_known, has_sources

    if has_sources(store):
        annotate_known(store, graph)
    return path_graph(graph, paths)
