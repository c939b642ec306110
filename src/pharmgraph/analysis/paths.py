"""Paths between entities: how a drug reaches a disease, hop by hop, with evidence.

:func:`shortest_paths` finds the shortest, or the ``k`` shortest simple, paths on a simple
directed view of the graph (parallel statements between two entities become one hop, the best
supported one). Edges are followed in their stated direction unless ``undirected`` is set;
``via`` restricts the intermediate nodes to some entity types.

Every path carries its sign, the product of its hops' signs: a drug that *inhibits* something
that *decreases* a process increases that process (+1). A hop without a direction (``binds``,
``treats``), or one taken against its stated direction, makes the path unsigned (0).

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> from pharmgraph.analysis.projection import project
>>> d, t = Entity("x:d", "drug", "Drug"), Entity("x:t", "target", "Protein")
>>> e = Entity("x:e", "process", "BiologicalProcess")
>>> store = open_store(":memory:")
>>> _ = store.ingest([Statement(d, "inhibits", t), Statement(t, "decreases", e)])
>>> [path] = shortest_paths(project(store), "drug", "process")
>>> path.labels, path.sign_label
(['drug', 'target', 'process'], 'increase')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from pharmgraph.analysis.hierarchy import type_of
from pharmgraph.analysis.resolve import check_types, resolve_entity
from pharmgraph.vocabulary import is_subtype

SIGN_LABELS = {1: "increase", -1: "decrease", 0: "unsigned"}


@dataclass
class Hop:
    """One step of a path: the statement it follows and one sentence of evidence."""

    source: str
    source_label: str
    target: str
    target_label: str
    predicate: str
    direction: str  # "forward" (as stated) or "backward"
    sign: int
    certainty: str
    evidence_count: int
    evidence: dict[str, Any] | None = None
    document: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the hop as a plain dict."""
        return asdict(self)


@dataclass
class Path:
    """A path from one entity to another, with its hops and its overall sign."""

    nodes: list[str]
    labels: list[str]
    hops: list[Hop] = field(default_factory=list)
    sign: int = 0

    @property
    def length(self) -> int:
        """The number of hops."""
        return len(self.hops)

    @property
    def sign_label(self) -> str:
        """``increase``, ``decrease`` or ``unsigned``."""
        return SIGN_LABELS[self.sign]

    def to_dict(self) -> dict[str, Any]:
        """Return the path as a plain dict (hops included)."""
        return {
            "nodes": list(self.nodes),
            "labels": list(self.labels),
            "length": self.length,
            "sign": self.sign,
            "sign_label": self.sign_label,
            "hops": [h.to_dict() for h in self.hops],
        }

    def text(self) -> str:
        """Return the path on one line: ``a -blocks-> b <-treats- c``."""
        parts = [self.labels[0]]
        for hop in self.hops:
            arrow = f" -{hop.predicate}-> " if hop.direction == "forward" else f" <-{hop.predicate}- "
            parts.append(arrow + (hop.target_label if hop.direction == "forward" else hop.source_label))
        return "".join(parts)


def _edge_rank(data: dict) -> tuple:
    """Order parallel statements: asserted, signed, best supported, then by name."""
    return (
        data.get("certainty") != "asserted",
        data.get("sign", 0) == 0,
        -data.get("evidence_count", 0),
        data.get("predicate", ""),
    )


def _simple_view(graph: nx.MultiDiGraph, undirected: bool, allowed: set[str] | None) -> nx.DiGraph:
    """Collapse parallel edges into one hop each; record which statement a hop follows."""
    view = nx.DiGraph()
    nodes = sorted(graph.nodes if allowed is None else allowed)
    view.add_nodes_from(nodes)
    best: dict[tuple[str, str], tuple[tuple, str, str, dict]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("negated"):
            continue
        if allowed is not None and (u not in allowed or v not in allowed):
            continue
        if u == v:
            continue
        candidates = [((u, v), "forward")]
        if undirected:
            candidates.append(((v, u), "backward"))
        for pair, way in candidates:
            rank = (way != "forward", *_edge_rank(data))
            seen = best.get(pair)
            if seen is None or rank < seen[0]:
                best[pair] = (rank, u, v, data)
    for (a, b) in sorted(best):
        _, u, v, data = best[(a, b)]
        view.add_edge(a, b, statement=(u, v, data))
    return view


def _hop(graph: nx.MultiDiGraph, a: str, b: str, statement: tuple[str, str, dict]) -> Hop:
    u, v, data = statement
    forward = (u, v) == (a, b)
    evidence = data.get("evidence") or []
    first = evidence[0] if evidence else None
    return Hop(
        source=u,
        source_label=graph.nodes[u].get("label", u),
        target=v,
        target_label=graph.nodes[v].get("label", v),
        predicate=data.get("predicate", ""),
        direction="forward" if forward else "backward",
        sign=data.get("sign", 0),
        certainty=data.get("certainty", "asserted"),
        evidence_count=data.get("evidence_count", len(evidence)),
        evidence=dict(first) if first else None,
        document=first["document"] if first else None,
    )


def path_sign(hops: Iterable[Hop]) -> int:
    """Return the product of the hops' signs; 0 when a hop is unsigned or backward."""
    sign = 1
    for hop in hops:
        if hop.direction != "forward":
            return 0
        sign *= hop.sign
        if sign == 0:
            return 0
    return sign


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    k: int = 1,
    via: Sequence[str] | str | None = None,
    *,
    undirected: bool = False,
) -> list[Path]:
    """Return the ``k`` shortest simple paths from ``source`` to ``target``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph made by :func:`pharmgraph.analysis.project`.
    source, target : str
        Names or CURIEs.
    k : int
        How many paths; paths of equal length are ordered by their labels.
    via : str or sequence of str, optional
        Entity types allowed for the intermediate nodes (``"Target"`` allows every target
        subtype); several types mean any of them.
    undirected : bool
        Also follow statements against their stated direction (such hops are "backward").

    Returns
    -------
    list of Path
        Shortest first; empty when there is no path.

    Raises
    ------
    EntityNotFound
        When a name is unknown or ambiguous.
    InputError
        When ``k`` is below 1 or a ``via`` type is unknown.
    """
    from pharmgraph.errors import InputError

    if k < 1:
        raise InputError("k must be at least 1.")
    types = check_types(via)
    src = resolve_entity(graph, source)
    dst = resolve_entity(graph, target)
    if src == dst:
        raise InputError("The source and the target are the same entity.")
    allowed = None
    if types:
        allowed = {n for n in graph if any(is_subtype(type_of(graph, n), t) for t in types)}
        allowed |= {src, dst}
    view = _simple_view(graph, undirected, allowed)
    found: list[list[str]] = []
    try:
        generator = nx.shortest_simple_paths(view, src, dst)
        for nodes in itertools.islice(generator, k + 50):
            # Keep paths tied with the k-th, so the order among equals is by label, not chance.
            if len(found) >= k and len(nodes) > len(found[k - 1]):
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        return []
    labels = {n: graph.nodes[n].get("label", n) for p in found for n in p}
    found.sort(key=lambda p: (len(p), [labels[n].casefold() for n in p], p))
    paths = []
    for nodes in found[:k]:
        hops = [_hop(graph, a, b, view.edges[a, b]["statement"]) for a, b in itertools.pairwise(nodes)]
        paths.append(Path(nodes=nodes, labels=[labels[n] for n in nodes], hops=hops,
                          sign=path_sign(hops)))
    return paths


def neighbors(
    graph: nx.MultiDiGraph, entity: str, types: Sequence[str] | str | None = None
) -> list[dict[str, Any]]:
    """Return every statement that links ``entity`` to another entity.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    entity : str
        A name or CURIE.
    types : str or sequence of str, optional
        Only neighbours of these entity types.

    Returns
    -------
    list of dict
        ``direction`` ("out": entity is the subject, "in": the object), ``predicate``,
        ``neighbor``, ``neighbor_label``, ``neighbor_type``, ``sign``, ``certainty``,
        ``negated``, ``evidence_count``, ``documents`` and ``evidence`` (the first sentence),
        sorted by direction, predicate and label.
    """
    types = check_types(types)
    node = resolve_entity(graph, entity)
    rows = []
    edges = [("out", v, data) for _, v, data in graph.out_edges(node, data=True)]
    edges += [("in", u, data) for u, _, data in graph.in_edges(node, data=True)]
    for way, other, data in edges:
        kind = type_of(graph, other)
        if types and not any(is_subtype(kind, t) for t in types):
            continue
        evidence = data.get("evidence") or []
        rows.append(
            {
                "direction": way,
                "predicate": data.get("predicate"),
                "neighbor": other,
                "neighbor_label": graph.nodes[other].get("label", other),
                "neighbor_type": kind,
                "sign": data.get("sign", 0),
                "certainty": data.get("certainty"),
                "negated": bool(data.get("negated")),
                "evidence_count": data.get("evidence_count", len(evidence)),
                "documents": list(data.get("documents") or []),
                "evidence": evidence[0]["text"] if evidence else "",
            }
        )
    rows.sort(key=lambda r: (r["direction"] != "out", r["predicate"], r["neighbor_label"], r["neighbor"]))
    return rows
