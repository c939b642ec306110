"""Names to entities: find the CURIE a user means by a CURIE, a label or a synonym.

Matching ignores case. A CURIE beats a label, a label beats a synonym; a name that still
matches several entities, or none, raises :class:`pharmgraph.errors.EntityNotFound` with one
sentence naming the closest candidates (found with :mod:`difflib`).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("CHEBI:6367", label="lamotrigine", type="Drug", synonyms=["LTG", "Lamictal"])
>>> resolve_entity(g, "lamictal")
'CHEBI:6367'
>>> resolve_entity(g, "lamotrigin")
Traceback (most recent call last):
...
pharmgraph.errors.EntityNotFound: No entity is named 'lamotrigin'; did you mean lamotrigine (CHEBI:6367)?
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Iterable, Sequence

import networkx as nx

from pharmgraph.errors import EntityNotFound, InputError
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import ENTITY_TYPES, is_subtype

# Name indexes per graph, rebuilt when the graph's node count changes.
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(graph: nx.Graph) -> dict[str, dict[str, set[str]]]:
    cached = _INDEXES.get(graph)
    if cached is not None and cached[0] == graph.number_of_nodes():
        return cached[1]
    index: dict[str, dict[str, set[str]]] = {"curie": {}, "label": {}, "synonym": {}}
    for node, data in graph.nodes(data=True):
        index["curie"].setdefault(str(node).casefold(), set()).add(node)
        index["label"].setdefault(str(data.get("label") or node).casefold(), set()).add(node)
        for synonym in data.get("synonyms") or ():
            index["synonym"].setdefault(synonym.casefold(), set()).add(node)
    _INDEXES[graph] = (graph.number_of_nodes(), index)
    return index


def check_types(types: Iterable[str] | None) -> list[str] | None:
    """Return ``types`` as a list after checking each is a pharmgraph entity type.

    Raises
    ------
    InputError
        For an unknown type name.
    """
    if types is None:
        return None
    types = [types] if isinstance(types, str) else list(types)
    for kind in types:
        if kind not in ENTITY_TYPES:
            raise InputError(
                f"Unknown entity type {kind!r}; use one of {', '.join(ENTITY_TYPES)}."
            )
    return types


def _describe(graph: nx.Graph, node: str) -> str:
    label = graph.nodes[node].get("label") or node
    return f"{label} ({node})" if label != node else node


def _fits(graph: nx.Graph, node: str, types: Sequence[str] | None) -> bool:
    if not types:
        return True
    kind = graph.nodes[node].get("type") or "Entity"
    return any(is_subtype(kind, t) for t in types)


def resolve_entity(graph: nx.Graph | GraphStore, name: str, types: Iterable[str] | str | None = None) -> str:
    """Return the CURIE of the entity ``name`` refers to.

    Parameters
    ----------
    graph : networkx graph or GraphStore
        A graph made by :func:`pharmgraph.analysis.project` (nodes with ``label``,
        ``synonyms`` and ``type``), or a store: then the name is looked up with SPARQL
        (:meth:`pharmgraph.analysis.local.LocalGraph.resolve`).
    name : str
        A CURIE, a label or a synonym, in any case.
    types : str or iterable of str, optional
        Accept only entities of these types or their subtypes (``"Drug"``, ``"Target"``).

    Returns
    -------
    str
        The entity's CURIE.

    Raises
    ------
    EntityNotFound
        When no entity, or more than one, has that name; the message lists the closest
        candidates.
    """
    if isinstance(graph, GraphStore):
        from pharmgraph.analysis.local import LocalGraph

        local = LocalGraph(graph)
        return local.curie(local.resolve(name, types))
    types = check_types(types)
    text = name.strip()
    if text in graph and _fits(graph, text, types):
        return text
    key = text.casefold()
    index = _index(graph)
    wrong_type: set[str] = set()
    for field in ("curie", "label", "synonym"):
        found = index[field].get(key, set())
        fitting = sorted(n for n in found if _fits(graph, n, types))
        wrong_type.update(found)
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            listed = ", ".join(_describe(graph, n) for n in fitting[:6])
            raise EntityNotFound(
                f"The name {name!r} matches {len(fitting)} entities: {listed}; "
                "give the CURIE of the one you mean."
            )
    if wrong_type and types:
        node = sorted(wrong_type)[0]
        kind = graph.nodes[node].get("type") or "Entity"
        raise EntityNotFound(
            f"{_describe(graph, node)} is a {kind}, not a {' or '.join(types)}."
        )
    if graph.number_of_nodes() == 0:
        raise EntityNotFound(f"No entity is named {name!r}: the graph is empty.")
    candidates = _closest(graph, key, types)
    if candidates:
        listed = ", ".join(_describe(graph, n) for n in candidates)
        raise EntityNotFound(f"No entity is named {name!r}; did you mean {listed}?")
    raise EntityNotFound(f"No entity is named {name!r}, and none has a similar name.")


def _closest(graph: nx.Graph, key: str, types: Sequence[str] | None, n: int = 5) -> list[str]:
    index = _index(graph)
    names: dict[str, set[str]] = {}
    for field in ("label", "synonym", "curie"):
        for text, nodes in index[field].items():
            fitting = {x for x in nodes if _fits(graph, x, types)}
            if fitting:
                names.setdefault(text, set()).update(fitting)
    matches = difflib.get_close_matches(key, list(names), n=n * 2, cutoff=0.6)
    if not matches:
        # A partial name ("sodium") is closer to what users type than edit distance says.
        matches = sorted(t for t in names if key and key in t)[: n * 2]
    out: list[str] = []
    for text in matches:
        for node in sorted(names[text]):
            if node not in out:
                out.append(node)
    return out[:n]
