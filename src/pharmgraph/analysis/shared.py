"""What drugs have in common: shared targets, shared effects, shared indications.

Two drugs *meet* at an entity that both act on. They meet *exactly* when both statements name
the same entity, and at a *family* when their entities lie under a common broader entity: a
drug that blocks Nav1.1 and one that blocks "voltage-gated sodium channel" meet at the family
"voltage-gated sodium channel via Nav1.1"; so does a drug acting on the persistent sodium
current (broader: the channel). Only the lowest meeting points are reported, and a family
only when it joins statements that no lower meeting point already joined.

Pairs are ranked by the number of meeting points, then by the Jaccard index of the two drugs'
profiles (rolled up through ``broader``), then by label. Each answer flags opposite actions
(one drug raises what the other lowers: a blocker and an opener) and lists the negated
statements that contradict a meeting point ("losigamone does not bind benzodiazepine site").

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> from pharmgraph.analysis.projection import project
>>> vgsc = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
>>> nav = Entity("x:nav11", "Nav1.1", "IonChannel", broader=("mesh:D062528",))
>>> ltg, cbz = Entity("d:ltg", "lamotrigine", "Drug"), Entity("d:cbz", "carbamazepine", "Drug")
>>> store = open_store(":memory:")
>>> _ = store.ingest([Statement(ltg, "blocks", nav), Statement(cbz, "blocks", vgsc)])
>>> [(r["other_label"], r["names"]) for r in shared_targets(project(store), ["lamotrigine"])]
[('carbamazepine', ['voltage-gated sodium channel (family via Nav1.1)'])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from pharmgraph.analysis.hierarchy import ancestors, broader, label_of, type_of
from pharmgraph.analysis.projection import negation_text
from pharmgraph.analysis.resolve import resolve_entity
from pharmgraph.vocabulary import is_subpredicate, is_subtype


@dataclass
class _Profile:
    """What one drug acts on: direct objects with their edges, and the roll-up."""

    direct: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # every entity at or above a direct object -> the direct objects below it
    closure: dict[str, set[str]] = field(default_factory=dict)


class _Ancestry:
    """Ancestors of entities, computed once per question."""

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self._cache: dict[str, dict[str, int]] = {}
        self._keys: dict[str, tuple] = {}

    def __call__(self, node: str) -> dict[str, int]:
        found = self._cache.get(node)
        if found is None:
            found = self._cache[node] = ancestors(self.graph, node)
        return found

    def order(self, node: str) -> tuple:
        """Sort key putting descendants before their ancestors, then by label."""
        key = self._keys.get(node)
        if key is None:
            key = self._keys[node] = (-len(self(node)), label_of(self.graph, node), node)
        return key


def _is_drug(graph: nx.Graph, node: str) -> bool:
    return graph.nodes[node].get("group") == "Drug"


def _target_object(graph: nx.Graph, node: str) -> bool:
    return is_subtype(type_of(graph, node), "Target")


def _effect_object(graph: nx.Graph, node: str) -> bool:
    return is_subtype(type_of(graph, node), "Effect")


def _disease_object(graph: nx.Graph, node: str) -> bool:
    return is_subtype(type_of(graph, node), "Disease")


def _any_edge(data: dict) -> bool:
    return True


def _treats_edge(data: dict) -> bool:
    return is_subpredicate(data.get("predicate", ""), "treats")


def profiles(
    graph: nx.MultiDiGraph,
    object_ok: Callable[[nx.Graph, str], bool],
    edge_ok: Callable[[dict], bool] = _any_edge,
    level: bool = True,
    ancestry: _Ancestry | None = None,
) -> dict[str, _Profile]:
    """Return each drug's profile: the objects it acts on (edges from Drug nodes only,
    negated edges never), and with ``level`` everything above them through ``broader``."""
    out: dict[str, _Profile] = {}
    ancestry = ancestry or _Ancestry(graph)
    for u, v, data in graph.edges(data=True):
        if data.get("negated") or not _is_drug(graph, u) or not object_ok(graph, v):
            continue
        if not edge_ok(data):
            continue
        profile = out.setdefault(u, _Profile())
        profile.direct.setdefault(v, []).append(data)
    for profile in out.values():
        for obj in profile.direct:
            profile.closure.setdefault(obj, set()).add(obj)
            if level:
                for parent in ancestry(obj):
                    profile.closure.setdefault(parent, set()).add(obj)
    return out


def _signs(profile: _Profile, objects: Iterable[str]) -> set[int]:
    return {d.get("sign", 0) for o in objects for d in profile.direct.get(o, ())}


def _predicates(profile: _Profile, objects: Iterable[str]) -> list[str]:
    return sorted({d["predicate"] for o in objects for d in profile.direct.get(o, ())})


def _opposite(a: set[int], b: set[int]) -> bool:
    return (1 in a and -1 in b) or (-1 in a and 1 in b)


def _meet(
    graph: nx.MultiDiGraph, pa: _Profile, pb: _Profile, ancestry: _Ancestry
) -> list[dict[str, Any]]:
    """Return the meeting points of two profiles, lowest first."""
    common = pa.closure.keys() & pb.closure.keys()
    used_a: set[str] = set()
    used_b: set[str] = set()
    points = []
    # Descendants have more ancestors than their ancestors: deepest first, then by label.
    for node in sorted(common, key=ancestry.order):
        via_a, via_b = pa.closure[node], pb.closure[node]
        exact = node in pa.direct and node in pb.direct
        if not exact and not (via_a - used_a and via_b - used_b):
            continue
        used_a |= via_a
        used_b |= via_b
        via = sorted({label_of(graph, n) for n in (via_a | via_b) - {node}})
        label = label_of(graph, node)
        opposite = _opposite(_signs(pa, via_a), _signs(pb, via_b))
        points.append(
            {
                "id": node,
                "label": label,
                "level": "exact" if exact else "family",
                "via": [] if exact else via,
                "description": "exact" if exact else f"family: {label} via {', '.join(via)}",
                "opposite": opposite,
                "drug_predicates": _predicates(pa, via_a),
                "other_predicates": _predicates(pb, via_b),
            }
        )
    points.sort(key=lambda p: (p["level"] != "exact", p["label"], p["id"]))
    return points


def _contradictions(
    drugs: tuple[str, str], points: list[dict[str, Any]],
    negated: dict[str, dict[str, set[str]]],
) -> list[str]:
    """Negated statements of either drug about a meeting point, above or below it.

    ``negated`` maps each drug to ``{entity: sentences}`` for every entity that one of its
    negated statements is about, or lies above or below.
    """
    out: set[str] = set()
    for drug in drugs:
        related = negated.get(drug)
        if related:
            for point in points:
                out |= related.get(point["id"], set())
    return sorted(out)


def _negated_by_drug(
    graph: nx.MultiDiGraph, object_ok: Callable[[nx.Graph, str], bool], ancestry: _Ancestry
) -> dict[str, dict[str, set[str]]]:
    rows = [r for r in graph.graph.get("negated") or () if object_ok(graph, r["object"])]
    if not rows:
        return {}
    below: dict[str, set[str]] = defaultdict(set)
    known = set(graph.nodes) | set(graph.graph.get("entities", ()))
    for node in known:
        for parent in ancestry(node):
            below[parent].add(node)
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        text = negation_text(row["subject_label"], row["predicate"], row["object_label"])
        obj = row["object"]
        for node in {obj, *ancestry(obj), *below.get(obj, ())}:
            out[row["subject"]][node].add(text)
    return out


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _meet_count(pa: _Profile, pb: _Profile, ancestry: _Ancestry) -> int:
    """Return ``len(_meet(...))`` without describing the meeting points."""
    common = pa.closure.keys() & pb.closure.keys()
    if len(common) < 2:
        return len(common)
    used_a: set[str] = set()
    used_b: set[str] = set()
    count = 0
    for node in sorted(common, key=ancestry.order):
        via_a, via_b = pa.closure[node], pb.closure[node]
        if (node in pa.direct and node in pb.direct) or (via_a - used_a and via_b - used_b):
            used_a |= via_a
            used_b |= via_b
            count += 1
    return count


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


def _row(
    graph: nx.MultiDiGraph, a: str, b: str, prof: dict[str, _Profile], ancestry: _Ancestry,
    negated: dict[str, dict[str, set[str]]], jaccard: float,
) -> dict[str, Any]:
    """The answer row of one pair of drugs, with its meeting points described."""
    points = _meet(graph, prof[a], prof[b], ancestry)
    return {
        "drug": a,
        "drug_label": label_of(graph, a),
        "other": b,
        "other_label": label_of(graph, b),
        "shared": len(points),
        "jaccard": jaccard,
        "names": [
            p["label"] if p["level"] == "exact"
            else f"{p['label']} (family via {', '.join(p['via'])})"
            for p in points
        ],
        "items": points,
        "opposite": [p["label"] for p in points if p["opposite"]],
        "contradictions": _contradictions((a, b), points, negated),
    }


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


def _shared(
    graph: nx.MultiDiGraph,
    drugs: Sequence[str] | str | None,
    object_ok: Callable[[nx.Graph, str], bool],
    edge_ok: Callable[[dict], bool],
    level: bool,
    limit: int | None = None,
    min_shared: int = 1,
) -> list[dict[str, Any]]:
    if isinstance(drugs, str):
        drugs = [drugs]
    given = None
    if drugs:
        given = list(dict.fromkeys(resolve_entity(graph, d, types="Drug") for d in drugs))
    if limit is not None and limit <= 0:
        limit = None
    ancestry = _Ancestry(graph)
    prof = profiles(graph, object_ok, edge_ok, level, ancestry)
    if given is None:
        chosen = _all_pairs(graph, prof, ancestry, level, limit, min_shared)
    else:
        chosen = _given_pairs(graph, prof, ancestry, given, limit, min_shared)
    negated = _negated_by_drug(graph, object_ok, ancestry) if chosen else {}
    return [_row(graph, a, b, prof, ancestry, negated, j) for a, b, j in chosen]


def _given_pairs(
    graph: nx.MultiDiGraph, prof: dict[str, _Profile], ancestry: _Ancestry,
    given: list[str], limit: int | None, min_shared: int,
) -> list[tuple[str, str, float]]:
    """The pairs of the given drugs with the others, best first: ``(drug, other, jaccard)``."""
    index: dict[str, set[str]] = defaultdict(set)
    for drug, p in prof.items():
        for node in p.closure:
            index[node].add(drug)
    rank = {d: i for i, d in enumerate(given)}
    pairs: dict[tuple[str, str], None] = {}
    for a in given:
        if a not in prof:
            continue
        for node in prof[a].closure:
            for b in index[node]:
                if b == a:
                    continue
                # A pair of two given drugs is reported once, under the first given.
                if b in rank and rank[b] < rank[a]:
                    continue
                pairs[(a, b)] = None
    keyed = []
    for a, b in pairs:
        pa, pb = prof[a], prof[b]
        shared = _meet_count(pa, pb, ancestry)
        if shared < max(min_shared, 1):
            continue
        jaccard = round(_jaccard(pa.closure, pb.closure), 4)
        keyed.append(((rank[a], -shared, -jaccard, label_of(graph, a), label_of(graph, b),
                       a, b), jaccard))
    keyed.sort()
    if limit is not None:
        keyed = keyed[:limit]
    return [(key[5], key[6], jaccard) for key, jaccard in keyed]


def shared_targets(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True,
    limit: int | None = None, min_shared: int = 1,
) -> list[dict[str, Any]]:
    """Return drugs that share a target with ``drugs``, or every pair of drugs that do.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph made by :func:`pharmgraph.analysis.project`.
    drugs : str or sequence of str, optional
        Names or CURIEs of drugs; with none, every pair of drugs is compared.
    level : bool
        Roll targets up through ``broader`` so drugs meet at a family (default); with False
        only identical targets count.
    limit : int, optional
        Return only the first ``limit`` rows (all when None or 0). Every pair is still
        ranked, with numpy, but only the rows returned are described, so a top N of all pairs
        of thousands of drugs takes seconds.
    min_shared : int
        Leave out pairs with fewer meeting points.

    Returns
    -------
    list of dict
        One row per pair: ``drug``, ``drug_label``, ``other``, ``other_label``, ``shared``
        (number of meeting points), ``jaccard``, ``names`` (meeting points as text),
        ``items`` (meeting points: ``id``, ``label``, ``level`` "exact" or "family",
        ``via``, ``description``, ``opposite``, ``drug_predicates``, ``other_predicates``),
        ``opposite`` (labels of meeting points where the drugs act in opposite directions) and
        ``contradictions`` (negated statements of either drug about a meeting point).
        Sorted by the given drug's position, shared (descending), Jaccard (descending), labels.

    Raises
    ------
    EntityNotFound
        When a name is unknown, ambiguous or not a drug.
    """
    return _shared(graph, drugs, _target_object, _any_edge, level, limit, min_shared)


def shared_effects(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True,
    limit: int | None = None, min_shared: int = 1,
) -> list[dict[str, Any]]:
    """Return drugs that share an effect (Effect nodes: processes, physiological effects).

    Same rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _effect_object, _any_edge, level, limit, min_shared)


def shared_indications(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True,
    limit: int | None = None, min_shared: int = 1,
) -> list[dict[str, Any]]:
    """Return drugs that treat a common disease (``treats`` edges to Disease nodes).

    Same rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _disease_object, _treats_edge, level, limit, min_shared)


_GROUP_TESTS = {"Target": _target_object, "Effect": _effect_object, "Disease": _disease_object}


def opposite_actions(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, group: str = "Target",
    level: bool = True,
) -> list[dict[str, Any]]:
    """Return pairs of drugs that act in opposite directions on the same entity.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    drugs : str or sequence of str, optional
        Only pairs involving these drugs.
    group : {"Target", "Effect"}
        Compare actions on targets (default) or on effects.
    level : bool
        Also compare across the ``broader`` hierarchy (a Nav1.1 blocker against a sodium
        channel opener).

    Returns
    -------
    list of dict
        ``drug``, ``drug_label``, ``drug_predicates``, ``other``, ``other_label``,
        ``other_predicates``, ``target``, ``target_label``, ``level`` ("exact" or
        "family: ... via ..."), sorted by labels.
    """
    if group not in _GROUP_TESTS:
        from pharmgraph.errors import InputError

        raise InputError(f"Unknown group {group!r}; use one of {', '.join(_GROUP_TESTS)}.")
    rows = []
    for row in _shared(graph, drugs, _GROUP_TESTS[group], _any_edge, level):
        for point in row["items"]:
            if not point["opposite"]:
                continue
            rows.append(
                {
                    "drug": row["drug"],
                    "drug_label": row["drug_label"],
                    "drug_predicates": point["drug_predicates"],
                    "other": row["other"],
                    "other_label": row["other_label"],
                    "other_predicates": point["other_predicates"],
                    "target": point["id"],
                    "target_label": point["label"],
                    "level": point["description"],
                }
            )
    rows.sort(key=lambda r: (r["drug_label"], r["other_label"], r["target_label"], r["target"]))
    return rows
