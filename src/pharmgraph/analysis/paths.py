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

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from pharmgraph.analysis.answers import PathList, Rows
from pharmgraph.analysis.hierarchy import type_of
from pharmgraph.analysis.local import LocalGraph, origin_of
from pharmgraph.analysis.projection import edge_attributes
from pharmgraph.analysis.resolve import check_types, resolve_entity
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import PREDICATES, direction, is_subpredicate, is_subtype, target_role

SIGN_LABELS = {1: "increase", -1: "decrease", 0: "unsigned"}

MAX_LENGTH = 6
"""Longest path (in hops) a plain search in a store looks for."""

MAX_CHAIN_LENGTH = 7
"""Longest mechanism chain (in hops) a search looks for by default. DrugMechDB's curated
chains from drug to disease are up to 6 hops long in 94% of its paths and up to 7 in 99.4%."""

MAX_SEEN = 300_000
"""Entities a search in a store may reach before it gives up."""


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
    origin: str | None = None  # "curated", "text-mined" or "both" (None when not read)

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
    kind: str = "shortest"  # "shortest", or for a drug and a disease "direct" / "mechanism"

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
            "kind": self.kind,
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


def _offer(best: dict, u: str, v: str, data: dict, undirected: bool, value: tuple) -> None:
    """Keep ``value`` as the hop u -> v (and v -> u when undirected) where it ranks best.

    ``best`` maps a node pair to ``(rank, *value)``; a hop read forward ranks before the same
    hop read backward, then :func:`_edge_rank` orders parallel statements.
    """
    ways = [((u, v), False), ((v, u), True)] if undirected else [((u, v), False)]
    for pair, backward in ways:
        rank = (backward, *_edge_rank(data))
        seen = best.get(pair)
        if seen is None or rank < seen[0]:
            best[pair] = (rank, *value)


def _simple_view(graph: nx.MultiDiGraph, undirected: bool, allowed: set[str] | None,
                 edge_ok: Callable[[str, str, str], bool] | None = None) -> nx.DiGraph:
    """Collapse parallel edges into one hop each; record which statement a hop follows.
    ``edge_ok(subject, predicate, object)`` leaves out the statements it refuses."""
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
        if edge_ok is not None and not edge_ok(u, data.get("predicate", ""), v):
            continue
        _offer(best, u, v, data, undirected, (u, v, data))
    for (a, b) in sorted(best):
        _, u, v, data = best[(a, b)]
        view.add_edge(a, b, statement=(u, v, data))
    return view


def _hop(graph: nx.MultiDiGraph, a: str, b: str, statement: tuple[str, str, dict]) -> Hop:
    u, v, data = statement
    forward = (u, v) == (a, b)
    evidence = data.get("evidence") or []
    first = evidence[0] if evidence else None
    origin = data.get("origin")
    if origin is None and evidence:
        origin = origin_of(any("source" in e for e in evidence),
                           any("source" not in e for e in evidence))
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
        origin=origin,
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
    graph: nx.MultiDiGraph | GraphStore,
    source: str,
    target: str,
    k: int = 1,
    via: Sequence[str] | str | None = None,
    *,
    undirected: bool = False,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    max_length: int = MAX_LENGTH,
) -> PathList:
    """Return the ``k`` shortest simple paths from ``source`` to ``target``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
        A graph made by :func:`pharmgraph.analysis.project`, or a store: then a bounded
        bidirectional breadth-first search runs as SPARQL frontier queries (at most
        ``max_length`` hops), and evidence is read for the hops returned only.
    source, target : str
        Names or CURIEs.
    k : int
        How many paths; paths of equal length are ordered by their labels.
    via : str or sequence of str, optional
        Entity types allowed for the intermediate nodes (``"Target"`` allows every target
        subtype); several types mean any of them.
    undirected : bool
        Also follow statements against their stated direction (such hops are "backward").
    documents, asserted_only
        With a store: only statements of these documents; leave out hedged statements.
    max_length : int
        With a store: the longest path searched for.

    Returns
    -------
    PathList
        A list of :class:`Path`
        Shortest first; empty when there is no path.

    Raises
    ------
    EntityNotFound
        When a name is unknown or ambiguous.
    InputError
        When ``k`` is below 1 or a ``via`` type is unknown.
    """
    from pharmgraph.errors import InputError

    if isinstance(graph, GraphStore):
        return _store_paths(graph, source, target, k, via, undirected, documents,
                            asserted_only, max_length=max_length)
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
    return _ranked_paths(graph, view, _k_shortest(view, src, dst, k), k)


def _ranked_paths(graph, view, found: list, k: int, kind: str | None = None) -> PathList:
    """The ``k`` best of the node lists found, shortest first, equals by label, with hops."""
    labels = {n: graph.nodes[n].get("label", n) for p in found for n in p}
    found.sort(key=lambda p: (len(p), [labels[n].casefold() for n in p], p))
    paths = PathList()
    for nodes in found[:k]:
        hops = [_hop(graph, a, b, view.edges[a, b]["statement"]) for a, b in itertools.pairwise(nodes)]
        path = Path(nodes=nodes, labels=[labels[n] for n in nodes], hops=hops, sign=path_sign(hops))
        if kind is not None:
            path.kind = kind
        paths.append(path)
    return paths


def _k_shortest(view: nx.DiGraph, src: str, dst: str, k: int, max_nodes: int | None = None) -> list[list[str]]:
    """The ``k`` shortest simple paths (and those tied with the k-th), as node lists."""
    found: list[list[str]] = []
    if src not in view or dst not in view:
        return found
    try:
        for nodes in itertools.islice(nx.shortest_simple_paths(view, src, dst), k + 50):
            if max_nodes is not None and len(nodes) > max_nodes:
                break
            # Keep paths tied with the k-th, so the order among equals is by label, not chance.
            if len(found) >= k and len(nodes) > len(found[k - 1]):
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        return found
    return found


def _store_view(local: LocalGraph, undirected: bool, allowed: set[str] | None,
                edge_ok: Callable[[str, str, str], bool] | None = None) -> nx.DiGraph:
    """The simple directed view of the edges read so far (IRIs as nodes), one statement per
    hop: the best-ranked, as :func:`_simple_view` chooses it (``edge_ok`` as there)."""
    best: dict[tuple[str, str], tuple] = {}
    for key, edge in local.edges.items():
        u, predicate, v, negated = key
        if negated or u == v or not local.keep(key):
            continue
        if allowed is not None and (u not in allowed or v not in allowed):
            continue
        if edge_ok is not None and not edge_ok(u, predicate, v):
            continue
        data = {"predicate": predicate, "sign": direction(predicate) if predicate in PREDICATES else 0,
                "certainty": edge["certainty"], "evidence_count": len(edge["graphs"])}
        _offer(best, u, v, data, undirected, (key,))
    view = nx.DiGraph()
    for pair in sorted(best):
        view.add_edge(*pair, key=best[pair][1])
    return view


def _search(
    local: LocalGraph, src: str, dst: str, k: int, *, types: Sequence[str] | None,
    undirected: bool, mechanism: bool, max_length: int,
) -> tuple[nx.DiGraph, list[list[str]]]:
    """Bidirectional breadth-first search in the store, as frontier queries.

    The smaller frontier is expanded each round; once the two balls meet, and as long as
    fewer than ``k`` paths no longer than the two radii together are found, the search goes
    one step further. Every path of that length lies inside the two balls, so the answer is
    the one a search of the whole graph gives.
    """
    def step_ok(nodes: set[str], frontier: Sequence[str] = (), way: str = "out") -> set[str]:
        inner = nodes - {src, dst}
        kinds = local.types(inner | set(frontier)) if (types or mechanism) else {}
        keep = {n for n in inner if _intermediate_ok(kinds.get(n, "Entity"), types, mechanism)}
        if mechanism:
            keep = _chain_steps(local, keep, set(frontier), way, src, kinds)
        return keep | (nodes & {src, dst})

    def paths_in(max_nodes: int | None) -> tuple[nx.DiGraph, list[list[str]]]:
        balls = set(forward) | set(backward)
        if not mechanism:
            view = _store_view(local, undirected, balls)
            return view, _k_shortest(view, src, dst, k, max_nodes=max_nodes)
        kinds = local.types(balls)
        view = _store_view(local, False, balls, _chain_edge_ok(src, lambda n: kinds.get(n, "Entity")))
        entries = {v for u in view if u == src or _is_lead_in(kinds.get(u, "Entity"))
                   for v in view.successors(u) if _is_target(kinds.get(v, "Entity"))}
        local.load_entities(entries)

        def entry_ok(u: str, v: str) -> bool:
            return _mechanism_target(view.edges[u, v]["key"][1], kinds.get(v, "Entity"),
                                     local.node(v)["label"])

        return view, _k_chains(view, src, dst, k, kinds, max_nodes=max_nodes, entry_ok=entry_ok)

    forward, backward = {src: 0}, {dst: 0}
    ff, bf = [src], [dst]
    rf = rb = 0
    view = nx.DiGraph()
    found: list[list[str]] = []
    while rf + rb < max_length and (ff or bf) and len(forward) + len(backward) < MAX_SEEN:
        if ff and (not bf or len(ff) <= len(bf)):
            reached = local.expand(ff, "out")
            if undirected:
                reached |= local.expand(ff, "in")
            new = step_ok({n for n in reached if n not in forward}, ff, "out")
            rf += 1
            forward.update(dict.fromkeys(new, rf))
            ff = sorted(n for n in new if n != dst)
        else:
            reached = local.expand(bf, "in")
            if undirected:
                reached |= local.expand(bf, "out")
            new = step_ok({n for n in reached if n not in backward}, bf, "in")
            rb += 1
            backward.update(dict.fromkeys(new, rb))
            bf = sorted(n for n in new if n != src)
        if forward.keys() & backward.keys():
            view, found = paths_in(max_nodes=rf + rb + 1)
            if len(found) >= k:
                break
    if not found and forward.keys() & backward.keys():
        view, found = paths_in(max_nodes=None)
    return view, found


_NOT_IN_A_MECHANISM = ("DrugClass", "AdverseEvent")
"""Types a mechanism chain never passes through: a chain goes from one drug to one disease
through targets, processes and effects, substances (endogenous ones, active metabolites, which
the lexicon often types ``Drug``), other conditions (a phenotype the disease shows, a disorder
that leads to it), cells and anatomy; not through a drug class or an adverse event."""

_LEAD_IN = ("Drug", "EndogenousSubstance")
"""Types that may stand between the drug and the chain's first target: what the drug becomes
or releases (an active metabolite, dopamine from levodopa), which then acts on the target."""

_NOT_A_CHAIN_HOP = ("treats", "causes_adverse_event")
"""Predicates a hop from a substance (:data:`_LEAD_IN`) may not follow: a chain never runs
through another drug's indication or adverse effects. (A process that ``treats`` a
condition, as DrugMechDB sometimes says, is a hop.)"""


def _intermediate_ok(kind: str, types: Sequence[str] | None, mechanism: bool) -> bool:
    if mechanism:
        return _in_mechanism(kind)
    return not types or any(is_subtype(kind, t) for t in types)


# Asked for every edge of a search: answered once per type or predicate.
@functools.cache
def _in_mechanism(kind: str) -> bool:
    return not any(is_subtype(kind, t) for t in _NOT_IN_A_MECHANISM)


@functools.cache
def _is_lead_in(kind: str) -> bool:
    return any(is_subtype(kind, t) for t in _LEAD_IN)


@functools.cache
def _is_target(kind: str) -> bool:
    return is_subtype(kind, "Target")


@functools.cache
def _is_condition(kind: str) -> bool:
    return is_subtype(kind, "Disease")


@functools.cache
def _no_chain_hop(predicate: str) -> bool:
    return any(is_subpredicate(predicate, p) for p in _NOT_A_CHAIN_HOP)


def _mechanism_target(predicate: str, kind: str, label: str | None) -> bool:
    """Whether a drug's (or its substance's) statement onto a target names a mechanism
    target, not an enzyme, transporter or carrier that handles the drug
    (:func:`pharmgraph.vocabulary.target_role`)."""
    return target_role(predicate if predicate in PREDICATES else "affects", kind, label) == "mechanism"


def _chain_edge_ok(src: str, kind_of: Callable[[str], str]) -> Callable[[str, str, str], bool]:
    """The statements a chain from ``src`` may follow (see :data:`_NOT_A_CHAIN_HOP`);
    ``kind_of`` gives an entity's type."""
    def ok(u: str, predicate: str, v: str) -> bool:
        if u == src or not _no_chain_hop(predicate):
            return True
        return not _is_lead_in(kind_of(u))
    return ok


def _chain_steps(local: LocalGraph, nodes: set[str], frontier: set[str], way: str, src: str,
                 kinds: dict[str, str]) -> set[str]:
    """The entities a chain search keeps among those one step from its frontier.

    An entity reached only by statements no chain follows is dropped: from the drug, a
    statement onto anything but a target or a substance; a ``treats`` from a substance (see
    :data:`_NOT_A_CHAIN_HOP`); from a condition, a statement onto anything but a condition.
    Without this, a search from a drug would wander through every disease it treats, one
    towards a disease through every drug treating it, and both through the genes whose
    expression each disease changes.
    """
    def kind(n: str) -> str:
        return kinds.get(n, "Entity")

    def usable(u: str, predicate: str, v: str) -> bool:
        if u == src:
            return _is_target(kind(v)) or _is_lead_in(kind(v))
        if _is_condition(kind(u)) and not _is_condition(kind(v)):
            return False
        return not (_no_chain_hop(predicate) and _is_lead_in(kind(u)))

    keep = set()
    for n in nodes:
        for key in local._by_node.get(n, ()):
            u, predicate, v, negated = key
            if negated or not local.keep(key):
                continue
            if way == "out" and v == n and u in frontier and usable(u, predicate, v):
                keep.add(n)
                break
            if way == "in" and u == n and v in frontier and usable(u, predicate, v):
                keep.add(n)
                break
    return keep


def _k_chains(view: nx.DiGraph, src: str, dst: str, k: int, kinds: dict[str, str],
              max_nodes: int | None = None,
              entry_ok: Callable[[str, str], bool] | None = None) -> list[list[str]]:
    """The ``k`` shortest mechanism chains (and those tied with the k-th), as node lists.

    A chain passes through a target: from the drug it reaches a ``Target`` directly or
    through substances only (:data:`_LEAD_IN`); after that it may pass through any allowed
    intermediate (:func:`_intermediate_ok`); once it reaches a condition (a phenotype, a
    disorder) it goes on through conditions only, and it ends at the disease.
    ``entry_ok(u, v)`` says whether the hop from ``u`` onto the first target ``v`` counts (a
    mechanism target, not an enzyme that metabolises the drug). The search runs on a layered
    copy of the view (before the first target, after it, among conditions), so the shortest
    chains come first; a chain is simple in the view (no entity twice).
    """
    def kind(n: str) -> str:
        return kinds.get(n, "Entity")

    layered = nx.DiGraph()
    end = (dst, 3)
    for u, v in view.edges:
        if v == src or u == dst:
            continue
        if u == src or _is_lead_in(kind(u)):
            # layer 0: still before the first target
            if v != dst and _is_target(kind(v)) and (entry_ok is None or entry_ok(u, v)):
                layered.add_edge((u, 0), (v, 1))
            elif v != dst and _is_lead_in(kind(v)) and _in_mechanism(kind(v)):
                layered.add_edge((u, 0), (v, 0))
        if u == src:
            continue
        condition = _is_condition(kind(v))
        # layer 1: after the target, through targets, processes, substances...
        if v == dst:
            layered.add_edge((u, 1), end)
        elif _in_mechanism(kind(v)):
            layered.add_edge((u, 1), (v, 2 if condition else 1))
        # layer 2: among conditions that lead to the disease
        if v == dst:
            layered.add_edge((u, 2), end)
        elif condition and _in_mechanism(kind(v)):
            layered.add_edge((u, 2), (v, 2))
    found: list[list[str]] = []
    start = (src, 0)
    if start not in layered or end not in layered:
        return found
    seen: set[tuple[str, ...]] = set()
    try:
        for states in itertools.islice(nx.shortest_simple_paths(layered, start, end), 10 * k + 50):
            nodes = [n for n, _ in states]
            if max_nodes is not None and len(nodes) > max_nodes:
                break
            if len(set(nodes)) < len(nodes) or tuple(nodes) in seen:
                continue
            if len(found) >= k and len(nodes) > len(found[k - 1]):
                break
            seen.add(tuple(nodes))
            found.append(nodes)
    except nx.NetworkXNoPath:
        return found
    return found


def _store_paths(
    store: GraphStore, source: str, target: str, k: int, via: Sequence[str] | str | None,
    undirected: bool, documents: Sequence[str] | None, asserted_only: bool,
    mechanism: bool = False, max_length: int = MAX_LENGTH,
) -> PathList:
    from pharmgraph.errors import InputError

    if k < 1:
        raise InputError("k must be at least 1.")
    types = check_types(via)
    local = LocalGraph(store, documents, asserted_only)
    src = local.resolve(source)
    dst = local.resolve(target)
    if src == dst:
        raise InputError("The source and the target are the same entity.")
    view, found = _search(local, src, dst, k, types=types, undirected=undirected,
                          mechanism=mechanism, max_length=max_length)
    local.load_entities({n for p in found for n in p})
    labels = {n: local.node(n)["label"] for p in found for n in p}
    found.sort(key=lambda p: (len(p), [labels[n].casefold() for n in p],
                              [local.curie(n) for n in p]))
    found = found[:k]
    keys = [view.edges[a, b]["key"] for p in found for a, b in itertools.pairwise(p)]
    local.load_evidence(keys)
    paths = PathList()
    for nodes in found:
        hops = []
        for a, b in itertools.pairwise(nodes):
            key = view.edges[a, b]["key"]
            u, predicate, v, _ = key
            evidence = local.evidence_of.get(key) or []
            obj = local.node(v)
            data = {"predicate": predicate, "certainty": local.edges[key]["certainty"],
                    "evidence": evidence, "evidence_count": len(evidence),
                    **edge_attributes(predicate, obj["type"], obj["label"])}
            hop = Hop(
                source=local.curie(u), source_label=local.node(u)["label"],
                target=local.curie(v), target_label=obj["label"], predicate=predicate,
                direction="forward" if (u, v) == (a, b) else "backward", sign=data["sign"],
                certainty=data["certainty"], evidence_count=len(evidence),
                evidence=dict(evidence[0]) if evidence else None,
                document=evidence[0]["document"] if evidence else None,
                origin=origin_of(any("source" in e for e in evidence),
                                 any("source" not in e for e in evidence) or not evidence),
            )
            hops.append(hop)
        paths.append(Path(nodes=[local.curie(n) for n in nodes],
                          labels=[labels[n] for n in nodes], hops=hops, sign=path_sign(hops),
                          kind="mechanism" if mechanism else "shortest"))
    return paths


def mechanism_paths(
    graph: nx.MultiDiGraph | GraphStore,
    drug: str,
    disease: str,
    k: int = 3,
    *,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    max_length: int = MAX_CHAIN_LENGTH,
) -> PathList:
    """Return how a drug may act on a disease: the direct statements, then the ``k``
    shortest chains drug → target → ... (processes, other targets) → disease.

    A chain passes through a mechanism target (an entity of a ``Target`` type that is not
    an enzyme, transporter or carrier handling the drug, see
    :func:`pharmgraph.vocabulary.target_role`): the drug's first hop reaches one, or
    reaches a substance (an active metabolite, an endogenous substance the drug releases)
    that acts on one. No intermediate is a drug class or an adverse event, no
    hop from a substance is a ``treats`` (a chain never runs through another drug's
    indication), and
    every hop follows a statement in its stated direction: ``inhibits``,
    ``participates_in``, ``contributes_to``, as text or a curated source (DrugMechDB,
    Hetionet, GO annotations) says. Conditions may be intermediates at the end of a chain: a
    phenotype or a disorder that leads to the disease (after a condition, only conditions).
    Each hop carries one piece of evidence (a sentence, or a database ``record`` with its
    ``source``) and its ``origin``: ``curated``, ``text-mined`` or ``both``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
    drug, disease : str
        Names or CURIEs.
    k : int
        How many chains.
    documents, asserted_only
        With a store: as for the analysis commands.
    max_length : int
        Longest chain searched for (hops); :data:`MAX_CHAIN_LENGTH` by default.

    Returns
    -------
    PathList
        Direct statements first (``kind="direct"``, e.g. ``treats``), then chains
        (``kind="mechanism"``), shortest first, equals by label.
    """
    if isinstance(graph, GraphStore):
        direct = _store_paths(graph, drug, disease, 1, None, False, documents, asserted_only,
                              max_length=1)
        chains = _store_paths(graph, drug, disease, k, None, False, documents, asserted_only,
                              mechanism=True, max_length=max_length)
    else:
        direct = PathList(p for p in shortest_paths(graph, drug, disease, k=1) if p.length == 1)
        src = resolve_entity(graph, drug)
        dst = resolve_entity(graph, disease)
        allowed = {n for n in graph if _intermediate_ok(type_of(graph, n), None, True)} | {src, dst}
        kinds = {n: type_of(graph, n) for n in allowed}
        view = _simple_view(graph, False, allowed, _chain_edge_ok(src, lambda n: kinds.get(n, "Entity")))

        def entry_ok(u: str, v: str) -> bool:
            return _mechanism_target(view.edges[u, v]["statement"][2].get("predicate", ""),
                                     kinds.get(v, "Entity"), graph.nodes[v].get("label"))

        found = _k_chains(view, src, dst, k, kinds, entry_ok=entry_ok)
        chains = _ranked_paths(graph, view, found, k, kind="mechanism")
    for path in direct:
        path.kind = "direct"
    return PathList([*direct, *chains])


def neighbors(
    graph: nx.MultiDiGraph | GraphStore, entity: str, types: Sequence[str] | str | None = None,
    *, documents: Sequence[str] | None = None, asserted_only: bool = False,
) -> Rows:
    """Return every statement that links ``entity`` to another entity.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
        A projected graph, or a store: then the entity's statements (and their evidence)
        are read with SPARQL, nothing else. With a store, ``documents`` and
        ``asserted_only`` filter as for the analysis commands.
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
    if isinstance(graph, GraphStore):
        local = LocalGraph(graph, documents, asserted_only)
        iri = local.resolve(entity)
        local.expand([iri], "out")
        local.expand([iri], "in")
        graph = local.to_graph(evidence=True, edge_ok=lambda key: iri in (key[0], key[2]))
        node = local.curie(iri)
        if node not in graph:
            graph.add_node(node, **local.node(iri))
    else:
        node = resolve_entity(graph, entity)
    rows = Rows()
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
