"""Every pair of drugs at once: the drug x entity incidence matrix and its products (numpy).

Used by :mod:`pharmgraph.analysis.shared` when no drug is given; kept apart so that the
questions about one drug do not import numpy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import networkx as nx
import numpy as np

from pharmgraph.analysis.hierarchy import broader, label_of
from pharmgraph.analysis.shared import _Ancestry, _meet_count, _Profile


class _Incidence:
    """Drugs by the entities at or above what they act on, as numpy arrays.

    ``drugs`` are ordered by label then CURIE, so that of two drugs the first is the one an
    all-pairs row names as ``drug``; ``closure`` is the boolean drug x entity matrix of
    the profiles' roll-ups and ``direct`` marks the entities a drug names itself.
    """

    def __init__(self, graph: nx.MultiDiGraph, prof: dict[str, _Profile]) -> None:
        self.drugs = sorted(prof, key=lambda d: (label_of(graph, d), d))
        self.nodes = sorted({n for p in prof.values() for n in p.closure})
        column = {n: j for j, n in enumerate(self.nodes)}
        self.column = column
        rows, cols, direct = [], [], []
        for i, drug in enumerate(self.drugs):
            p = prof[drug]
            for node in p.closure:
                rows.append(i)
                cols.append(column[node])
                direct.append(node in p.direct)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.is_direct = np.asarray(direct, dtype=bool)
        self.sizes = np.bincount(self.rows, minlength=len(self.drugs)).astype(np.int64)

    def dense(self, columns: np.ndarray, direct: bool = False) -> np.ndarray:
        """The drug x ``columns`` matrix (float32, 0/1) of the closure or of direct objects."""
        index = np.full(len(self.nodes), -1, dtype=np.int64)
        index[columns] = np.arange(len(columns))
        keep = index[self.cols] >= 0
        if direct:
            keep &= self.is_direct
        out = np.zeros((len(self.drugs), len(columns)), dtype=np.float32)
        out[self.rows[keep], index[self.cols[keep]]] = 1.0
        return out


_BLOCK_CELLS = 4_000_000
"""Cells of one block of the drug x drug product (16 MB of float32)."""


def _candidate_pairs(inc: _Incidence) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair ``i < j`` of drugs with a common entity and the number of them.

    Only entities reached by two drugs or more matter; the product is taken in blocks of
    rows so the memory stays bounded.
    """
    counts = np.bincount(inc.cols, minlength=len(inc.nodes))
    shared_cols = np.flatnonzero(counts >= 2)
    m = inc.dense(shared_cols)
    n = len(inc.drugs)
    block = max(1, _BLOCK_CELLS // max(n, 1))
    firsts, seconds, common = [], [], []
    for start in range(0, n, block):
        product = m[start:start + block] @ m.T
        rows, cols = np.nonzero(np.triu(product, k=start + 1))
        firsts.append((rows + start).astype(np.int32))
        seconds.append(cols.astype(np.int32))
        common.append(product[rows, cols].astype(np.int32))
    if not firsts:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty, empty
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(common)


def _forest_parents(
    graph: nx.MultiDiGraph, nodes: Sequence[str], ancestry: _Ancestry
) -> dict[str, str] | None:
    """Each entity's one broader entity, or None when some entity has two or a cycle."""
    parents: dict[str, str] = {}
    for node in nodes:
        up = broader(graph, node)
        if len(set(up)) > 1:
            return None
        if up:
            if up[0] == node or node in ancestry(up[0]):
                return None
            parents[node] = up[0]
    return parents


def _forest_counts(
    inc: _Incidence, parents: dict[str, str], ancestry: _Ancestry
) -> np.ndarray:
    """Meeting points of every pair of drugs (drug x drug, int32) when ``broader`` is a forest.

    This is :func:`_meet` for all pairs at once. In a forest the meeting points under an
    entity depend only on what lies below it, so the entities are visited from the deepest
    up, each with the square of the drugs that reach it: ``free[a, b]`` says that drug ``a``
    acts on something at or below the entity that no lower meeting point with ``b`` took,
    and the entity is a meeting point when both drugs name it or both have something free.
    """
    n = len(inc.drugs)
    counts = np.zeros((n, n), dtype=np.int32)
    members: dict[int, np.ndarray] = {}
    direct_of: dict[int, np.ndarray] = {}
    order = np.argsort(inc.cols, kind="stable")
    cols_sorted = inc.cols[order]
    bounds = np.searchsorted(cols_sorted, np.arange(len(inc.nodes) + 1))
    for j in range(len(inc.nodes)):
        idx = order[bounds[j]:bounds[j + 1]]
        drugs = inc.rows[idx]
        sort = np.argsort(drugs)
        members[j] = drugs[sort]
        direct_of[j] = inc.is_direct[idx][sort]
    children: dict[int, list[int]] = defaultdict(list)
    for node, parent in parents.items():
        children[inc.column[parent]].append(inc.column[node])
    done: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for node in sorted(inc.nodes, key=lambda x: -len(ancestry(x))):
        j = inc.column[node]
        drugs = members[j]
        k = len(drugs)
        kids = children.get(j, [])
        direct = direct_of[j]
        free = np.repeat(direct[:, None], k, axis=1)
        if kids:
            # A child that drug a reaches and drug b does not leaves a's objects there free.
            reach = np.zeros((k, len(kids)), dtype=np.float32)
            for c, kid in enumerate(kids):
                reach[np.searchsorted(drugs, members[kid]), c] = 1.0
            only_a = reach.sum(axis=1)[:, None] - reach @ reach.T
            free |= only_a > 0.5
            for kid in kids:
                below = done.pop(kid, None)
                if below is None:
                    continue
                accepted, kid_free = below
                pos = np.searchsorted(drugs, members[kid])
                free[np.ix_(pos, pos)] |= ~accepted & kid_free
        accepted = (direct[:, None] & direct[None, :]) | (free & free.T)
        np.fill_diagonal(accepted, False)
        if k >= 2:
            counts[np.ix_(drugs, drugs)] += accepted
            if node in parents:
                done[j] = (accepted, free)
    return counts


def _pair_order(
    graph: nx.MultiDiGraph, inc: _Incidence, first: np.ndarray, second: np.ndarray,
    shared: np.ndarray, common: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard indices (rounded as the rows show them) and the order of the rows."""
    union = inc.sizes[first] + inc.sizes[second] - common
    keys, inverse = np.unique(np.stack([common, union]), axis=1, return_inverse=True)
    values = np.array([round(int(c) / int(u), 4) for c, u in keys.T], dtype=np.float64)
    jaccard = values[inverse.reshape(-1)]
    labels = [label_of(graph, d) for d in inc.drugs]
    label_rank = np.unique(np.asarray(labels, dtype=object), return_inverse=True)[1]
    label_rank = np.asarray(label_rank).reshape(-1)
    order = np.lexsort((second, first, label_rank[second], label_rank[first], -jaccard, -shared))
    return jaccard, order


def _all_pairs(
    graph: nx.MultiDiGraph, prof: dict[str, _Profile], ancestry: _Ancestry, level: bool,
    limit: int | None, min_shared: int,
) -> list[tuple[str, str, float]]:
    """The pairs of drugs to report, best first: ``(drug, other, jaccard)``.

    Common entities and Jaccard indices come from the product of the drug x entity
    matrix with itself; the meeting points are counted for all pairs at once when the
    hierarchy is a forest (every entity has at most one broader entity), else pair by pair.
    """
    if len(prof) < 2:
        return []
    inc = _Incidence(graph, prof)
    first, second, common = _candidate_pairs(inc)
    if not level:
        shared = common
    else:
        parents = _forest_parents(graph, inc.nodes, ancestry)
        if parents is not None:
            shared = _forest_counts(inc, parents, ancestry)[first, second]
        else:
            shared = np.fromiter(
                (_meet_count(prof[inc.drugs[i]], prof[inc.drugs[j]], ancestry)
                 for i, j in zip(first.tolist(), second.tolist(), strict=True)),
                dtype=np.int32, count=len(first),
            )
    keep = shared >= max(min_shared, 1)
    first, second, common, shared = first[keep], second[keep], common[keep], shared[keep]
    jaccard, order = _pair_order(graph, inc, first, second, shared, common)
    if limit is not None:
        order = order[:limit]
    return [(inc.drugs[first[i]], inc.drugs[second[i]], float(jaccard[i])) for i in order]
