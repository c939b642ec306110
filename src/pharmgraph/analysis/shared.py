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

from pharmgraph.analysis.answers import Rows
from pharmgraph.analysis.hierarchy import ancestors, label_of, type_of
from pharmgraph.analysis.local import drugs_graph
from pharmgraph.analysis.projection import edge_attributes, negation_text
from pharmgraph.analysis.resolve import resolve_entity
from pharmgraph.errors import InputError
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import TARGET_ROLES, is_subpredicate, is_subtype


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


def _roles(profile: _Profile, objects: Iterable[str]) -> set[str]:
    return {d.get("role") or "mechanism" for o in objects for d in profile.direct.get(o, ())}


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
                "role": "/".join(sorted(_roles(pa, via_a) | _roles(pb, via_b))),
                "via": [] if exact else via,
                "via_ids": sorted((via_a | via_b) - {node}),
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
    """Negated statements of either drug about a meeting point or an entity it joins.

    ``negated`` maps each drug to ``{entity: sentences}`` for the entity each of its negated
    statements is about. A negation stays where it was said: "X does not bind the
    benzodiazepine site" is reported where a meeting point joins that site, never at a
    broader family that does not join it, nor above or below it.
    """
    out: set[str] = set()
    for drug in drugs:
        related = negated.get(drug)
        if related:
            for point in points:
                for node in (point["id"], *point.get("via_ids", ())):
                    out |= related.get(node, set())
    return sorted(out)


def _negated_by_drug(
    graph: nx.MultiDiGraph, object_ok: Callable[[nx.Graph, str], bool], ancestry: _Ancestry
) -> dict[str, dict[str, set[str]]]:
    rows = [r for r in graph.graph.get("negated") or () if object_ok(graph, r["object"])]
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        text = negation_text(row["subject_label"], row["predicate"], row["object_label"])
        out[row["subject"]][row["object"]].add(text)
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


_PAIRS = ("_Incidence", "_candidate_pairs", "_forest_parents", "_forest_counts", "_pair_order",
          "_all_pairs", "_BLOCK_CELLS")


def __getattr__(name: str):
    """The all-pairs machinery (numpy) lives in :mod:`pharmgraph.analysis.pairs`, imported
    when first needed."""
    if name in _PAIRS:
        from pharmgraph.analysis import pairs

        return getattr(pairs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _shared(
    graph: nx.MultiDiGraph | GraphStore,
    drugs: Sequence[str] | str | None,
    object_ok: Callable[[nx.Graph, str], bool],
    edge_ok: Callable[[dict], bool],
    level: bool,
    limit: int | None = None,
    min_shared: int = 1,
    *,
    object_types: Sequence[str] = ("Target",),
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    roles: tuple[str, ...] | None = None,
) -> Rows:
    if isinstance(drugs, str):
        drugs = [drugs]
    sizes = None
    if isinstance(graph, GraphStore):
        store = graph

        def store_edge_ok(predicate: str, kind: str, label: str) -> bool:
            return edge_ok({"predicate": predicate,
                            **edge_attributes(predicate, kind, label)})

        top = limit if limit and limit > 0 else None
        table = _profile_table(store, drugs, roles, documents)
        if table is not None:
            # The sizes of the other drugs' profiles come from the table, so their
            # profiles are not read: the graph holds what the given drug can meet.
            graph, given, _ = drugs_graph(store, drugs, object_types, level=level,
                                          asserted_only=asserted_only, edge_ok=store_edge_ok,
                                          top=top, min_shared=min_shared, whole_profiles=False)

            def sizes(drug: str) -> int | None:
                return table.size(drug, roles, level, asserted_only)
        else:
            def contenders(partial: nx.MultiDiGraph, drug: str) -> set[str]:
                return _contenders(partial, drug, object_ok, edge_ok, level, top or 0, min_shared)

            graph, given = _store_graph(store, drugs, object_types, level, documents, asserted_only,
                                        store_edge_ok, top=top, min_shared=min_shared,
                                        contenders=contenders)
    else:
        given = None
        if drugs:
            given = list(dict.fromkeys(resolve_entity(graph, d, types="Drug") for d in drugs))
    if limit is not None and limit <= 0:
        limit = None
    ancestry = _Ancestry(graph)
    prof = profiles(graph, object_ok, edge_ok, level, ancestry)
    if given is None:
        from pharmgraph.analysis.pairs import _all_pairs

        chosen = _all_pairs(graph, prof, ancestry, level, limit, min_shared)
    else:
        try:
            chosen = _given_pairs(graph, prof, ancestry, given, limit, min_shared, sizes)
        except _SizeUnknown:
            # The table does not know a drug it should: answer by reading the profiles.
            return _shared(store, drugs, object_ok, edge_ok, level, limit, min_shared,
                           object_types=object_types, documents=documents,
                           asserted_only=asserted_only, roles=None)
    negated = _negated_by_drug(graph, object_ok, ancestry) if chosen else {}
    return Rows(_row(graph, a, b, prof, ancestry, negated, j) for a, b, j in chosen)


class _SizeUnknown(Exception):
    """The profile sizes table has no entry for a drug that has a target profile."""


def _profile_table(store: GraphStore, drugs: Sequence[str] | None, roles: tuple[str, ...] | None,
                   documents: Sequence[str] | None):
    """The profile sizes table (:mod:`pharmgraph.analysis.profile_sizes`) when a question
    can use it: shared targets of one drug, over the whole store; else None."""
    if roles is None or documents is not None or not drugs or len(drugs) != 1:
        return None
    from pharmgraph.analysis import profile_sizes

    return profile_sizes.table(store)


def _contenders(
    graph: nx.MultiDiGraph, drug: str, object_ok: Callable[[nx.Graph, str], bool],
    edge_ok: Callable[[dict], bool], level: bool, top: int, min_shared: int,
) -> set[str]:
    """The other drugs that meet ``drug`` at least as often as the ``top``-th best (and
    ``min_shared`` times), counted on a graph that holds the others' statements onto what
    ``drug``'s closure can meet (see :func:`pharmgraph.analysis.local.drugs_graph`): only their
    Jaccard index, which needs their whole profiles, is left to order them."""
    ancestry = _Ancestry(graph)
    prof = profiles(graph, object_ok, edge_ok, level, ancestry)
    if drug not in prof:
        return set()
    counts = {b: _meet_count(prof[drug], pb, ancestry) for b, pb in prof.items() if b != drug}
    ranked = sorted(counts.values(), reverse=True)
    floor = max(min_shared, 1, ranked[top - 1] if top and len(ranked) >= top else 0)
    return {b for b, n in counts.items() if n >= floor}


def _store_graph(
    store: GraphStore, drugs: Sequence[str] | None, object_types: Sequence[str], level: bool,
    documents: Sequence[str] | None, asserted_only: bool,
    edge_ok: Callable[[str, str, str], bool] | None = None,
    top: int | None = None,
    min_shared: int = 1,
    contenders: Callable[[nx.MultiDiGraph, str], set[str]] | None = None,
) -> tuple[nx.MultiDiGraph, list[str] | None]:
    """The graph a question about ``drugs`` needs, read from the store with SPARQL; for all
    pairs, the projection saved beside the store."""
    if drugs:
        graph, given, _ = drugs_graph(store, drugs, object_types, level=level,
                                      documents=documents, asserted_only=asserted_only,
                                      edge_ok=edge_ok, top=top, min_shared=min_shared,
                                      contenders=contenders)
        return graph, given
    from pharmgraph.analysis.cache import saved_projection

    return saved_projection(store, documents=documents, asserted_only=asserted_only), None


def _given_pairs(
    graph: nx.MultiDiGraph, prof: dict[str, _Profile], ancestry: _Ancestry,
    given: list[str], limit: int | None, min_shared: int,
    sizes: Callable[[str], int | None] | None = None,
) -> list[tuple[str, str, float]]:
    """The pairs of the given drugs with the others, best first: ``(drug, other, jaccard)``.

    With ``sizes`` (one given drug), the other drugs' profiles in ``graph`` hold only what
    the given drug's profile can meet: the union of two profiles is then counted from the
    size of the other's whole profile, ``sizes(other)``.

    Raises
    ------
    _SizeUnknown
        When ``sizes`` does not know a drug that has a profile.
    """
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
        if sizes is None:
            jaccard = round(_jaccard(pa.closure, pb.closure), 4)
        else:
            size = sizes(b)
            if size is None:
                raise _SizeUnknown(b)
            common = len(pa.closure.keys() & pb.closure.keys())
            union = len(pa.closure) + size - common
            jaccard = round(common / union, 4) if union else 0.0
        keyed.append(((rank[a], -shared, -jaccard, label_of(graph, a), label_of(graph, b),
                       a, b), jaccard))
    keyed.sort()
    if limit is not None:
        keyed = keyed[:limit]
    return [(key[5], key[6], jaccard) for key, jaccard in keyed]


def check_roles(roles: Sequence[str] | str | None) -> tuple[str, ...]:
    """Return target roles as a tuple: ``"all"`` for every role, ``"mechanism,metabolism"``
    or a sequence for some; None means mechanism targets only.

    Raises
    ------
    InputError
        For a role that is not one of :data:`pharmgraph.vocabulary.TARGET_ROLES`.
    """
    if roles is None:
        return ("mechanism",)
    if isinstance(roles, str):
        roles = [r.strip() for r in roles.split(",") if r.strip()]
    if list(roles) == ["all"]:
        return TARGET_ROLES
    for role in roles:
        if role not in TARGET_ROLES:
            raise InputError(
                f"Unknown target role {role!r}; use all or some of {', '.join(TARGET_ROLES)}."
            )
    return tuple(roles)


_LIKENESS = frozenset({"similar_to", "enantiomer_of"})
"""Predicates that say what a drug is like, not what it acts on: a recombinant enzyme that is
``similar_to`` the enzyme it replaces does not target it."""


def _role_edge(roles: tuple[str, ...]) -> Callable[[dict], bool]:
    wanted = set(roles)
    return lambda data: (data.get("predicate") not in _LIKENESS
                         and (data.get("role") or "mechanism") in wanted)


def shared_targets(
    graph: nx.MultiDiGraph | GraphStore, drugs: Sequence[str] | str | None = None, *,
    level: bool = True, limit: int | None = None, min_shared: int = 1,
    roles: Sequence[str] | str | None = None, documents: Sequence[str] | None = None,
    asserted_only: bool = False,
) -> Rows:
    """Return drugs that share a target with ``drugs``, or every pair of drugs that do.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
        A graph made by :func:`pharmgraph.analysis.project`, or a store: then only what the
        question touches is read, with SPARQL (all pairs use the projection saved beside
        the store).
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
    roles : str or sequence of str, optional
        What the targets are to the drugs (:func:`pharmgraph.vocabulary.target_role`):
        mechanism targets only by default; ``"all"``, or some of ``mechanism``,
        ``metabolism``, ``transport``, ``carrier``.
    documents : sequence of str, optional
        With a store: only statements read in these documents.
    asserted_only : bool
        With a store: leave out hedged statements.

    Returns
    -------
    Rows
        One row per pair: ``drug``, ``drug_label``, ``other``, ``other_label``, ``shared``
        (number of meeting points), ``jaccard``, ``names`` (meeting points as text),
        ``items`` (meeting points: ``id``, ``label``, ``level`` "exact" or "family",
        ``role``, ``via``, ``via_ids``, ``description``, ``opposite``, ``drug_predicates``,
        ``other_predicates``),
        ``opposite`` (labels of meeting points where the drugs act in opposite directions) and
        ``contradictions`` (negated statements of either drug about a meeting point).
        Sorted by the given drug's position, shared (descending), Jaccard (descending), labels.

    Raises
    ------
    EntityNotFound
        When a name is unknown, ambiguous or not a drug.
    """
    wanted = check_roles(roles)
    return _shared(graph, drugs, _target_object, _role_edge(wanted), level, limit,
                   min_shared, documents=documents, asserted_only=asserted_only, roles=wanted)


def shared_effects(
    graph: nx.MultiDiGraph | GraphStore, drugs: Sequence[str] | str | None = None, *,
    level: bool = True, limit: int | None = None, min_shared: int = 1,
    documents: Sequence[str] | None = None, asserted_only: bool = False,
) -> Rows:
    """Return drugs that share an effect (Effect nodes: processes, physiological effects).

    Same arguments (but roles) and rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _effect_object, _any_edge, level, limit, min_shared,
                   object_types=("Effect",), documents=documents, asserted_only=asserted_only)


def shared_indications(
    graph: nx.MultiDiGraph | GraphStore, drugs: Sequence[str] | str | None = None, *,
    level: bool = True, limit: int | None = None, min_shared: int = 1,
    documents: Sequence[str] | None = None, asserted_only: bool = False,
) -> Rows:
    """Return drugs that treat a common disease (``treats`` edges to Disease nodes).

    Same arguments (but roles) and rows as :func:`shared_targets`.
    """
    return _shared(graph, drugs, _disease_object, _treats_edge, level, limit, min_shared,
                   object_types=("Disease",), documents=documents, asserted_only=asserted_only)


_GROUP_TESTS = {"Target": _target_object, "Effect": _effect_object, "Disease": _disease_object}


def opposite_actions(
    graph: nx.MultiDiGraph | GraphStore, drugs: Sequence[str] | str | None = None, *,
    group: str = "Target", level: bool = True, documents: Sequence[str] | None = None,
    asserted_only: bool = False,
) -> Rows:
    """Return pairs of drugs that act in opposite directions on the same entity.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or GraphStore
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
        raise InputError(f"Unknown group {group!r}; use one of {', '.join(_GROUP_TESTS)}.")
    rows = Rows()
    for row in _shared(graph, drugs, _GROUP_TESTS[group], _any_edge, level,
                       object_types=(group,), documents=documents, asserted_only=asserted_only):
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
