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

from pharmgraph.analysis.hierarchy import ancestors, label_of, type_of
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


def _shared(
    graph: nx.MultiDiGraph,
    drugs: Sequence[str] | str | None,
    object_ok: Callable[[nx.Graph, str], bool],
    edge_ok: Callable[[dict], bool],
    level: bool,
) -> list[dict[str, Any]]:
    if isinstance(drugs, str):
        drugs = [drugs]
    given = None
    if drugs:
        given = list(dict.fromkeys(resolve_entity(graph, d, types="Drug") for d in drugs))
    ancestry = _Ancestry(graph)
    prof = profiles(graph, object_ok, edge_ok, level, ancestry)
    index: dict[str, set[str]] = defaultdict(set)
    for drug, p in prof.items():
        for node in p.closure:
            index[node].add(drug)
    pairs: set[tuple[str, str]] = set()
    if given is None:
        for members in index.values():
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    pairs.add((a, b))
    else:
        rank = {d: i for i, d in enumerate(given)}
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
                    pairs.add((a, b))
    negated = _negated_by_drug(graph, object_ok, ancestry)
    rows = []
    for a, b in pairs:
        if given is None and label_of(graph, b) < label_of(graph, a):
            a, b = b, a
        pa, pb = prof[a], prof[b]
        points = _meet(graph, pa, pb, ancestry)
        if not points:
            continue
        rows.append(
            {
                "drug": a,
                "drug_label": label_of(graph, a),
                "other": b,
                "other_label": label_of(graph, b),
                "shared": len(points),
                "jaccard": round(_jaccard(pa.closure, pb.closure), 4),
                "names": [
                    p["label"] if p["level"] == "exact"
                    else f"{p['label']} (family via {', '.join(p['via'])})"
                    for p in points
                ],
                "items": points,
                "opposite": [p["label"] for p in points if p["opposite"]],
                "contradictions": _contradictions((a, b), points, negated),
            }
        )
    order = {d: i for i, d in enumerate(given or ())}
    rows.sort(
        key=lambda r: (
            order.get(r["drug"], 0),
            -r["shared"],
            -r["jaccard"],
            r["drug_label"],
            r["other_label"],
            r["drug"],
            r["other"],
        )
    )
    return rows


def shared_targets(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True
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
    return _shared(graph, drugs, _target_object, _any_edge, level)


def shared_effects(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True
) -> list[dict[str, Any]]:
    """Return drugs that share an effect (Effect nodes: processes, physiological effects).

    Same rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _effect_object, _any_edge, level)


def shared_indications(
    graph: nx.MultiDiGraph, drugs: Sequence[str] | str | None = None, *, level: bool = True
) -> list[dict[str, Any]]:
    """Return drugs that treat a common disease (``treats`` edges to Disease nodes).

    Same rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _disease_object, _treats_edge, level)


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
