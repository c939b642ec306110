"""The projection of the whole store that whole-graph analyses use, saved beside the store.

Centrality and the all-pairs questions (every pair of drugs sharing a target) need every
statement. Rather than rebuild a networkx graph from the store for each question, the
statements (without evidence: claim, certainty, evidence count) and the entities of each
document graph are kept in a file beside a store folder (``<store>.projection``; for a remote
or in-memory store, in memory), and the assembled graph of the whole store in another
(``<store>.projection-graph``). Before each use a cheap fingerprint of every graph (statement
count, first and last statement IRI) is compared with the saved one, and only graphs that
changed are read again.

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> store = open_store(":memory:")
>>> d, t = Entity("x:d", "d", "Drug"), Entity("x:t", "t", "Protein")
>>> _ = store.ingest([Statement(d, "inhibits", t)])
>>> graph = saved_projection(store)
>>> list(graph.edges(keys=True))
[('x:d', 'x:t', 'inhibits')]
"""

from __future__ import annotations

import io
import os
import pickle
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from pharmgraph.analysis import queries as q
from pharmgraph.analysis.projection import _depth, _statement_rows, build_graph
from pharmgraph.identifiers import iri_to_curie
from pharmgraph.rdf import ENTITY_GRAPH_BASE, PG, document_iri, document_name
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import ENTITY_TYPES, type_group

VERSION = 1
"""Format of the saved file; a file of another version is rebuilt."""

_MEMORY: dict[str, dict] = {}
_BY_OBJECT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MERGED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ASSEMBLED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Plain(pickle.Unpickler):
    """Unpickles only plain containers and strings: the file cannot run code."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the projection file")


def projection_path(store: GraphStore) -> Path | None:
    """Return the file the projection of a store folder is saved in (None for other stores)."""
    location = getattr(store, "location", "")
    if not location or location == ":memory:" or "://" in location:
        return None
    folder = Path(location)
    return folder.with_name(folder.name + ".projection")


def _load(store: GraphStore) -> dict:
    path = projection_path(store)
    if path is None:
        if getattr(store, "location", ":memory:") == ":memory:":
            return _BY_OBJECT.get(store) or {"version": VERSION, "graphs": {}}
        return _MEMORY.get(store.location) or {"version": VERSION, "graphs": {}}
    try:
        with open(path, "rb") as handle:
            data = _Plain(io.BufferedReader(handle)).load()
        if isinstance(data, dict) and data.get("version") == VERSION:
            return data
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        pass
    return {"version": VERSION, "graphs": {}}


def _save(store: GraphStore, data: dict) -> None:
    path = projection_path(store)
    if path is None:
        if getattr(store, "location", ":memory:") == ":memory:":
            _BY_OBJECT[store] = data
        else:
            _MEMORY[store.location] = data
        return
    _write_atomically(path, data)


def fingerprints(store: GraphStore) -> dict[str, tuple[int, str, str]]:
    """Return ``{graph IRI: (statements, first statement IRI, last statement IRI)}``."""
    out = {}
    for g, n, lo, hi in q.rows(store, q.load("fingerprints"), ("g", "n", "lo", "hi")):
        out[g] = (int(n), lo or "", hi or "")
    return out


def _read_graphs(store: GraphStore, graphs: Sequence[str] | None) -> dict[str, dict[str, Any]]:
    """Read the claims and entities of some graphs (all with None), graph by graph."""
    names = None if graphs is None else [document_name(g) for g in graphs]
    out: dict[str, dict[str, Any]] = {}
    evidence_seen: dict[tuple, set[str]] = {}
    for s, p, o, neg, cert, g, ev, *_ in _statement_rows(store, names, evidence=False):
        part = out.setdefault(g, {"edges": {}, "entities": {}})
        predicate = p[len(PG):] if p.startswith(PG) else p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        key = (s, predicate, o, neg in ("true", "1"))
        edge = part["edges"].get(key)
        if edge is None:
            edge = part["edges"][key] = [cert, 0]
        elif cert == "asserted":
            edge[0] = "asserted"
        if ev is not None:
            seen = evidence_seen.setdefault((g, key), set())
            if ev not in seen:
                seen.add(ev)
                edge[1] += 1
    batches = [None] if graphs is None else list(q.batches(graphs, 200))
    for batch in batches:
        clause = q.graphs_clause(batch)
        query = q.render("graph_entities", graphs=clause,
                         types=" ".join(f"<{PG}{t}>" for t in ENTITY_TYPES))
        for g, e, k, v in q.rows(store, query, ("g", "e", "k", "v")):
            part = out.setdefault(g, {"edges": {}, "entities": {}})
            part["entities"].setdefault(e, {}).setdefault(k, set()).add(v)
    return out


def update(store: GraphStore, current: dict[str, tuple] | None = None) -> dict:
    """Bring the saved projection of a store up to date and return it (read changed graphs).

    ``current`` holds the fingerprints when the caller has just read them.
    """
    data = _load(store)
    saved = data["graphs"]
    if current is None:
        current = fingerprints(store)
    changed = [g for g, fp in current.items() if saved.get(g, {}).get("fp") != fp]
    removed = [g for g in saved if g not in current]
    if not changed and not removed:
        return data
    for g in removed:
        del saved[g]
    if changed:
        parts = _read_graphs(store, None if len(changed) == len(current) else changed)
        for g in changed:
            part = parts.get(g, {"edges": {}, "entities": {}})
            saved[g] = {"fp": current[g], "edges": part["edges"], "entities": part["entities"]}
    _save(store, data)
    return data


def saved_projection(
    store: GraphStore,
    *,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
) -> nx.MultiDiGraph:
    """Return the whole store (or some documents) as :func:`project` would, without evidence
    sentences, from the projection saved beside the store (updated first).

    Parameters
    ----------
    store : GraphStore
    documents : sequence of str, optional
        Only statements read in these documents.
    asserted_only, include_negated : bool
        As for :func:`pharmgraph.analysis.project`.
    """
    plain = documents is None and not asserted_only and not include_negated
    current = fingerprints(store)
    stamp = tuple(sorted(current.items()))
    if plain:
        # The graph itself is kept too, ready to use, for as long as no graph changes.
        assembled = _load_assembled(store)
        if assembled is not None and assembled.get("stamp") == stamp:
            return _graph_from(assembled)
    data = update(store, current)
    graphs = data["graphs"]
    if documents is not None:
        # Entity graphs describe the entities of bulk-loaded documents: always read.
        wanted = {document_iri(d) for d in documents}
        graphs = {g: v for g, v in graphs.items() if g in wanted or g.startswith(ENTITY_GRAPH_BASE)}
        edges, props, seen_docs = _merge(graphs)
    else:
        # The merge of every graph is kept in memory, for as long as no graph changes.
        stamp = tuple(sorted((g, part["fp"]) for g, part in graphs.items()))
        merged = _MERGED.get(store)
        if merged is None or merged[0] != stamp:
            merged = (stamp, *_merge(graphs))
            _MERGED[store] = merged
        _, edges, props, seen_docs = merged
    entity_info, curies = _entity_info(props)
    graph = build_graph(edges, entity_info, curies,
                        documents=sorted(seen_docs) if documents is None else list(documents),
                        asserted_only=asserted_only, include_negated=include_negated,
                        evidence=False)
    if plain:
        _save_assembled(store, {
            "version": VERSION, "stamp": stamp, "graph": dict(graph.graph),
            "nodes": list(graph.nodes(data=True)),
            "edges": list(graph.edges(keys=True, data=True)),
        })
    return graph


def _assembled_path(store: GraphStore) -> Path | None:
    path = projection_path(store)
    return None if path is None else path.with_name(path.name + "-graph")


def _load_assembled(store: GraphStore) -> dict | None:
    path = _assembled_path(store)
    if path is None:
        return _ASSEMBLED.get(store) if _weakrefable(store) else None
    try:
        with open(path, "rb") as handle:
            data = _Plain(io.BufferedReader(handle)).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("version") == VERSION else None


def _save_assembled(store: GraphStore, data: dict) -> None:
    path = _assembled_path(store)
    if path is None:
        if _weakrefable(store):
            _ASSEMBLED[store] = data
        return
    _write_atomically(path, data)


def _write_atomically(path, data: dict) -> None:
    """Pickle ``data`` to a temporary file beside ``path`` and rename it into place."""
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        # A store on a read-only medium still answers; the projection is then not kept.
        temporary.unlink(missing_ok=True)


def _weakrefable(store: GraphStore) -> bool:
    try:
        weakref.ref(store)
    except TypeError:
        return False
    return True


def _graph_from(data: dict) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(data["nodes"])
    graph.add_edges_from(data["edges"])
    graph.graph.update(data["graph"])
    return graph


def _merge(graphs: dict[str, dict]) -> tuple[dict, dict, set[str]]:
    """Merge the claims and entity descriptions of some graphs."""
    edges: dict[tuple, dict[str, Any]] = {}
    props: dict[str, dict[str, set[str]]] = {}
    seen_docs: set[str] = set()
    for g, part in graphs.items():
        doc = document_name(g)
        if not g.startswith(ENTITY_GRAPH_BASE):
            seen_docs.add(doc)
        for key, (cert, count) in part["edges"].items():
            edge = edges.get(key)
            if edge is None:
                edges[key] = {"certainty": cert, "documents": {doc}, "count": count}
            else:
                edge["documents"].add(doc)
                edge["count"] += count
                if cert == "asserted":
                    edge["certainty"] = "asserted"
        for e, values in part["entities"].items():
            mine = props.setdefault(e, {})
            for k, v in values.items():
                mine.setdefault(k, set()).update(v)
    return edges, props, seen_docs


def _entity_info(props: dict[str, dict[str, set[str]]]) -> tuple[dict, dict[str, str]]:
    curies = {e: min(p["curie"]) for e, p in props.items() if p.get("curie")}
    info: dict[str, dict[str, Any]] = {}
    for e, curie in curies.items():
        p = props[e]
        kinds = {t[len(PG):] for t in p.get("type", ()) if t[len(PG):] in ENTITY_TYPES} or {"Entity"}
        kind = min(kinds, key=lambda k: (-_depth(k), k))
        info[curie] = {
            "id": curie,
            "label": min(p["label"]) if p.get("label") else curie,
            "type": kind,
            "group": type_group(kind),
            "synonyms": sorted(p.get("synonym", ())),
            "broader": sorted({curies.get(b) or iri_to_curie(b) for b in p.get("broader", ())}),
        }
    return info, curies
