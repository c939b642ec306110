"""Which entities the graph turns around: degree and PageRank, by entity type.

Degree counts statements (a drug that blocks and binds one channel has degree 2 there);
PageRank (a sparse power iteration) runs on the simple directed graph of those statements, one link per pair of
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

from collections.abc import Sequence

import networkx as nx

from pharmgraph.analysis.answers import Rows
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import TYPE_GROUPS


def pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict:
    """Return PageRank scores of a simple directed graph, by power iteration on a sparse
    matrix (scipy).

    Dangling nodes spread their rank evenly, as in :func:`networkx.pagerank`; iteration stops
    when the L1 change falls below ``n * tol``.
    """
    import numpy as np
    from scipy import sparse

    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in graph.edges() if u in index and v in index]
    rows = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    links = sparse.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    links.data[:] = 1.0  # a simple graph: one link per pair, however many statements
    out_degree = np.asarray(links.sum(axis=1)).ravel()
    dangling = out_degree == 0
    scale = np.divide(1.0, out_degree, out=np.zeros(n), where=~dangling)
    transition = (sparse.diags(scale) @ links).T.tocsr()
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        spread = alpha * previous[dangling].sum() / n
        rank = alpha * (transition @ previous) + (1.0 - alpha) / n + spread
        if np.abs(rank - previous).sum() < n * tol:
            break
    return dict(zip(nodes, rank.tolist(), strict=True))


def centrality(
    graph: nx.MultiDiGraph | GraphStore, by_type: bool = True, top: int = 10, *,
    documents: Sequence[str] | None = None, asserted_only: bool = False,
) -> Rows:
    """Return the most central entities, by degree and PageRank.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
        A graph made by :func:`pharmgraph.analysis.project`, or a store: then the
        projection saved beside it (:func:`pharmgraph.analysis.cache.saved_projection`),
        updated for the documents that changed, with ``documents`` and ``asserted_only``.
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
    if isinstance(graph, GraphStore):
        from pharmgraph.analysis.cache import saved_projection

        graph = saved_projection(graph, documents=documents, asserted_only=asserted_only)
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
        return Rows(dict(r, rank=i) for i, r in enumerate(rows[:top], start=1))
    order = {g: i for i, g in enumerate((*TYPE_GROUPS, "Entity"))}
    out = Rows()
    for group in sorted({r["group"] for r in rows}, key=lambda g: (order.get(g, 99), g)):
        members = [r for r in rows if r["group"] == group][:top]
        out.extend(dict(r, rank=i) for i, r in enumerate(members, start=1))
    return out
