"""Which entities the graph turns around: degree and PageRank, by entity type.

Degree counts statements (a drug that blocks and binds one channel has degree 2 there);
PageRank runs on the simple directed graph of those statements, one link per pair of
entities, so a claim repeated in many documents does not outweigh two distinct claims.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("a", {"label": "a", "group": "Drug"}), ("b", {"label": "b", "group": "Drug"}),
...                   ("t", {"label": "t", "group": "Target"})])
>>> _ = g.add_edges_from([("a", "t"), ("b", "t")])
>>> [(r["label"], r["degree"]) for r in centrality(g, by_type=False)]
[('t', 2), ('a', 1), ('b', 1)]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pharmgraph.vocabulary import TYPE_GROUPS


def pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict:
    """Return PageRank scores of a simple directed graph (pure Python, no SciPy needed).

    Dangling nodes spread their rank evenly, as in :func:`networkx.pagerank`.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_degree = {v: graph.out_degree(v) for v in nodes}
    dangling = [v for v in nodes if out_degree[v] == 0]
    for _ in range(max_iter):
        previous = rank
        spread = alpha * sum(previous[v] for v in dangling) / n
        rank = dict.fromkeys(nodes, (1.0 - alpha) / n + spread)
        for u in nodes:
            if out_degree[u]:
                share = alpha * previous[u] / out_degree[u]
                for v in graph.successors(u):
                    rank[v] += share
        if sum(abs(rank[v] - previous[v]) for v in nodes) < n * tol:
            break
    return rank


def centrality(
    graph: nx.MultiDiGraph, by_type: bool = True, top: int = 10
) -> list[dict[str, Any]]:
    """Return the most central entities, by degree and PageRank.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph made by :func:`pharmgraph.analysis.project`.
    by_type : bool
        Rank within each type group (Drug, Target, Effect, Disease, AdverseEvent, Entity)
        and return ``top`` of each (default); else one ranking over everything.
    top : int
        How many entities per ranking.

    Returns
    -------
    list of dict
        ``group``, ``rank`` (1-based within its ranking), ``id``, ``label``, ``type``,
        ``degree``, ``in_degree``, ``out_degree`` and ``pagerank`` (rounded to 6 places).
        Ranked by degree, then PageRank, then label; groups in the order of
        :data:`pharmgraph.vocabulary.TYPE_GROUPS`.
    """
    simple = nx.DiGraph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v, data in graph.edges(data=True) if u != v)
    scores = pagerank(simple)
    rows = []
    for node, data in graph.nodes(data=True):
        rows.append(
            {
                "group": data.get("group") or "Entity",
                "id": node,
                "label": data.get("label", node),
                "type": data.get("type") or "Entity",
                "degree": graph.degree(node),
                "in_degree": graph.in_degree(node),
                "out_degree": graph.out_degree(node),
                "pagerank": round(scores.get(node, 0.0), 6),
            }
        )
    rows.sort(key=lambda r: (-r["degree"], -r["pagerank"], r["label"], r["id"]))
    if not by_type:
        return [dict(r, rank=i) for i, r in enumerate(rows[:top], start=1)]
    order = {g: i for i, g in enumerate((*TYPE_GROUPS, "Entity"))}
    out = []
    for group in sorted({r["group"] for r in rows}, key=lambda g: (order.get(g, 99), g)):
        members = [r for r in rows if r["group"] == group][:top]
        out.extend(dict(r, rank=i) for i, r in enumerate(members, start=1))
    return out
