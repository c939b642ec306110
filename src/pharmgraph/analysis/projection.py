"""The store as a networkx graph: entities as nodes, statements as edges with their evidence.

:func:`project` streams the statements of the store (or of some documents) with one plain
SPARQL scan per property (statement nodes, evidence, entities), joins them in Python and
builds a :class:`networkx.MultiDiGraph`:

* nodes are keyed by CURIE, with ``id``, ``label``, ``type``, ``group``, ``synonyms`` and
  ``broader`` (CURIEs of broader entities, from ``skos:broader``);
* edges are keyed by predicate name, with ``predicate``, ``sign`` (+1/-1/0), ``kind``,
  ``certainty`` (``asserted`` wins over ``hedged`` when documents disagree), ``negated``,
  ``evidence`` (dicts: document, text, start, end, references), ``documents`` and
  ``evidence_count``.

Negated statements ("X does not bind Y") are not edges of the normal graph, so no analysis
treats them as facts; they are kept in ``graph.graph["negated"]`` so that answers can report
them next to what they contradict. ``graph.graph["entities"]`` holds the label, type and
broader links of every entity the store mentions, including those only negated statements
touch.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> from pharmgraph.store import open_store
>>> store = open_store(":memory:")
>>> ltg = Entity("CHEBI:6367", "lamotrigine", "Drug")
>>> vgsc = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
>>> _ = store.ingest([Statement(ltg, "blocks", vgsc,
...     evidence=(Evidence("a.txt", "It blocks the channel.", 0, 22),))])
>>> g = project(store)
>>> g.nodes["CHEBI:6367"]["group"], g.nodes["mesh:D062528"]["group"]
('Drug', 'Target')
>>> data = g.edges["CHEBI:6367", "mesh:D062528", "blocks"]
>>> data["sign"], data["certainty"], data["documents"]
(-1, 'asserted', ['a.txt'])
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import networkx as nx

from pharmgraph.identifiers import iri_to_curie
from pharmgraph.rdf import PG, SPARQL_PREFIXES, document_iri, document_name
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import (
    CERTAINTIES,
    ENTITY_TYPES,
    PREDICATES,
    direction,
    edge_kind,
    is_subtype,
    target_role,
    type_group,
)

NEGATED_PREFIX = "not_"
"""Edge keys of negated statements (only with ``include_negated=True``) start with this."""

# The statements are read with one plain scan per property, joined here by statement node:
# on a store on disk every join inside a SPARQL query costs an index lookup per row (about
# 40 microseconds), while a scan streams a row in about 12. Negation and certainty are read
# only where they differ from the default (not negated, asserted): a lookup by value.
_SCAN = "SELECT ?g {names} WHERE {{ {values} GRAPH ?g {{ {pattern} }} }}"
_STATEMENT_PATTERNS = {
    "subject": ("?st ?s", "?st rdf:subject ?s"),
    "predicate": ("?st ?p", "?st rdf:predicate ?p"),
    "object": ("?st ?o", "?st rdf:object ?o"),
    "negated": (
        "?st", 'VALUES ?neg { true "1"^^xsd:boolean "true" "1" } ?st pg:negated ?neg'
    ),
    "certainty": (
        "?st ?cert",
        "VALUES ?cert { "
        + " ".join(f'"{c}"' for c in CERTAINTIES if c != "asserted")
        + " } ?st pg:certainty ?cert",
    ),
}
_EVIDENCE_PATTERNS = {
    "evidence": ("?st ?ev", "?st pg:hasEvidence ?ev"),
    # Model 2 writes a statement's single evidence on the statement node: a sentence or a
    # record there is that evidence (the scans also return evidence nodes, which are no
    # statement nodes and are left out).
    "own sentence": ("?st", "?st pg:sentence ?x"),
    "own record": ("?st", "?st pg:record ?x"),
    "document": ("?ev ?doc", "?ev prov:wasDerivedFrom ?doc"),
    "text": ("?ev ?text", "?ev pg:sentence ?text"),
    "start": ("?ev ?start", "?ev pg:start ?start"),
    "end": ("?ev ?end", "?ev pg:end ?end"),
}

# One small query per property, each a plain index scan: a variable predicate, or a join
# with pg:curie, made Oxigraph scan far more than it returns. Labels of documents are dropped
# afterwards (they have no CURIE).
_ENTITY_QUERY = "SELECT DISTINCT ?e ?v WHERE {{ {values} GRAPH ?g {{ {pattern} }} }}"
_ENTITY_PATTERNS = {
    "curie": "?e pg:curie ?v",
    "type": "?e rdf:type ?v . VALUES ?v { "
    + " ".join(f"pg:{kind}" for kind in ENTITY_TYPES)
    + " }",
    "label": "?e rdfs:label ?v",
    "synonym": "?e skos:altLabel ?v",
    "broader": "?e skos:broader ?v",
}

_REFERENCES = """
SELECT ?ev ?ref WHERE {{ {values} GRAPH ?g {{ ?ev pg:citesReference ?ref }} }}"""



def _rows(store: GraphStore, query: str, names: Sequence[str]) -> Iterator[tuple]:
    """Yield result rows as tuples of plain strings (None for unbound), streaming when possible."""
    raw = getattr(store, "reader", None)
    if raw is not None:
        result = raw.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
        if [v.value for v in result.variables] != list(names):
            raise ValueError(f"the query selects {result.variables}, not {names}")
        # Solutions iterate in the order of the SELECT clause; positional access is fastest.
        for solution in result:
            yield tuple(None if t is None else t.value for t in solution)
        return
    for row in store.select(query):
        yield tuple(row.get(n) for n in names)


def _scan(
    store: GraphStore, patterns: dict[str, tuple[str, str]], key: str, values: str
) -> Iterator[tuple]:
    """Yield ``(graph, *variables)`` rows of one pattern of ``patterns``."""
    names, pattern = patterns[key]
    query = _SCAN.format(names=names, values=values, pattern=pattern)
    return _rows(store, query, ("g", *(n.lstrip("?") for n in names.split())))


def _statement_rows(
    store: GraphStore, documents: Iterable[str] | None, evidence: bool = True
) -> Iterator[tuple]:
    """Yield ``(s, p, o, neg, cert, g, ev, doc, text, start, end)`` for every statement node
    and piece of evidence (``ev`` and the rest None for a statement without evidence; only
    ``ev`` without ``evidence``), reading each property with one scan."""
    values = _values(documents)

    def table(patterns: dict, key: str) -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = {}
        for g, node, value in _scan(store, patterns, key, values):
            found = out.get((g, node))
            if found is None:
                out[(g, node)] = [value]
            elif value not in found:
                found.append(value)
        return out

    def first(patterns: dict, key: str) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for g, node, value in _scan(store, patterns, key, values):
            out.setdefault((g, node), value)
        return out

    subjects = table(_STATEMENT_PATTERNS, "subject")
    predicates = table(_STATEMENT_PATTERNS, "predicate")
    objects = table(_STATEMENT_PATTERNS, "object")
    negated = {(g, st) for g, st in _scan(store, _STATEMENT_PATTERNS, "negated", values)}
    certainty = first(_STATEMENT_PATTERNS, "certainty")
    links = table(_EVIDENCE_PATTERNS, "evidence")
    for kind in ("own sentence", "own record"):
        for g, st in _scan(store, _EVIDENCE_PATTERNS, kind, values):
            if (g, st) in subjects and (g, st) not in links:
                links[(g, st)] = [st]
    fields: list[dict[tuple[str, str], str]] = []
    if evidence:
        fields = [first(_EVIDENCE_PATTERNS, k) for k in ("document", "text", "start", "end")]
    no_evidence = [None]
    for (g, st), subject_list in subjects.items():
        predicate_list = predicates.get((g, st))
        object_list = objects.get((g, st))
        if predicate_list is None or object_list is None:
            continue
        neg = "true" if (g, st) in negated else "false"
        cert = certainty.get((g, st), "asserted")
        for s in subject_list:
            for p in predicate_list:
                for o in object_list:
                    for ev in links.get((g, st), no_evidence):
                        if ev is None or not fields:
                            yield s, p, o, neg, cert, g, ev, None, None, None, None
                        else:
                            yield (s, p, o, neg, cert, g, ev,
                                   *(f.get((g, ev)) for f in fields))


def _values(documents: Iterable[str] | None) -> str:
    if documents is None:
        return ""
    iris = " ".join(f"<{document_iri(d)}>" for d in documents)
    return f"VALUES ?g {{ {iris} }}"


def _depth(kind: str) -> int:
    depth = 0
    while kind is not None:
        kind = ENTITY_TYPES.get(kind)
        depth += 1
    return depth


def _entities(store: GraphStore, documents: Iterable[str] | None) -> tuple[dict, dict[str, str]]:
    """Read every entity: return ``{curie: info}`` and ``{iri: curie}``."""
    curies: dict[str, str] = {}
    types: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    synonyms: dict[str, dict[str, None]] = {}
    broader: dict[str, dict[str, None]] = {}
    values = _values(documents)

    def read(key: str) -> Iterator[tuple]:
        query = _ENTITY_QUERY.format(values=values, pattern=_ENTITY_PATTERNS[key])
        return _rows(store, query, ("e", "v"))

    for iri, value in read("curie"):
        curies[iri] = value
    for iri, value in read("type"):
        if value.startswith(PG) and value[len(PG):] in ENTITY_TYPES:
            types.setdefault(iri, set()).add(value[len(PG):])
    for iri, value in read("label"):
        labels.setdefault(iri, set()).add(value)
    for iri, value in read("synonym"):
        synonyms.setdefault(iri, {})[value] = None
    for iri, value in read("broader"):
        broader.setdefault(iri, {})[value] = None
    entities: dict[str, dict[str, Any]] = {}
    for iri, curie in curies.items():
        kinds = types.get(iri) or {"Entity"}
        # Documents may type an entity differently; the most specific type is kept.
        kind = min(kinds, key=lambda k: (-_depth(k), k))
        names = labels.get(iri)
        entities[curie] = {
            "id": curie,
            "label": min(names) if names else curie,
            "type": kind,
            "group": type_group(kind),
            "synonyms": sorted(synonyms.get(iri, ())),
            "broader": [],
            "_broader_iris": list(broader.get(iri, ())),
        }
    for info in entities.values():
        info["broader"] = sorted(
            {curies.get(b) or iri_to_curie(b) for b in info.pop("_broader_iris")}
        )
    return entities, curies


def _references(store: GraphStore, documents: Iterable[str] | None) -> dict[str, list[str]]:
    refs: dict[str, list[str]] = {}
    for ev, ref in _rows(store, _REFERENCES.format(values=_values(documents)), ("ev", "ref")):
        refs.setdefault(ev, []).append(ref)
    return {k: sorted(set(v)) for k, v in refs.items()}


def _entity_node(entities: dict, curie: str) -> dict[str, Any]:
    info = entities.get(curie)
    if info is None:
        return {"id": curie, "label": curie, "type": "Entity", "group": "Entity",
                "synonyms": [], "broader": []}
    return {k: (list(v) if isinstance(v, list) else v) for k, v in info.items()}


def project(
    store: GraphStore,
    *,
    documents: Sequence[str] | None = None,
    entities: Sequence[str] | None = None,
    radius: int = 1,
    asserted_only: bool = False,
    include_negated: bool = False,
    evidence: bool = True,
) -> nx.MultiDiGraph:
    """Build the networkx graph of the statements in a store.

    Parameters
    ----------
    store : GraphStore
        The store to read.
    documents : sequence of str, optional
        Only statements read in these documents (by name).
    entities : sequence of str, optional
        Only the neighbourhood of these entities (CURIEs or names, see
        :func:`pharmgraph.analysis.resolve.resolve_entity`), ``radius`` steps out in either
        direction.
    radius : int
        Steps out from ``entities``.
    asserted_only : bool
        Leave out hedged statements ("is thought to block").
    include_negated : bool
        Add negated statements as edges with ``negated=True`` and key ``not_<predicate>``.
    evidence : bool
        Read the evidence sentences (default). With False the edges' ``evidence`` lists are
        empty but ``evidence_count`` is still right: enough for the analyses that show no
        sentences (shared targets, similar drugs, centrality), and about twice as fast.

    Returns
    -------
    networkx.MultiDiGraph
        ``graph.graph`` holds ``negated`` (the negated statements, see
        :func:`negated_statements`), ``entities`` (every entity's label, type and broader
        links), ``documents`` (the documents read) and ``asserted_only``.
    """
    documents = None if documents is None else list(dict.fromkeys(documents))
    if entities:
        from pharmgraph.analysis.local import focus_graph

        graph, _ = focus_graph(store, entities, radius, documents=documents,
                               asserted_only=asserted_only, include_negated=include_negated,
                               evidence=evidence)
        return graph
    entity_info, curies = _entities(store, documents)
    references = _references(store, documents) if evidence else {}
    edges: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    seen_docs: set[str] = set()
    graph_docs: dict[str, str] = {}
    for s, p, o, neg, cert, g, ev, doc, text, start, end in _statement_rows(
        store, documents, evidence
    ):
        predicate = p[len(PG):] if p.startswith(PG) else p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        negated = neg in ("true", "1")
        key = (s, predicate, o, negated)
        edge = edges.get(key)
        graph_doc = graph_docs.get(g)
        if graph_doc is None:
            graph_doc = graph_docs[g] = document_name(g)
            seen_docs.add(graph_doc)
        if edge is None:
            edge = edges[key] = {"certainty": cert, "documents": {graph_doc}, "evidence": {}}
        else:
            edge["documents"].add(graph_doc)
            if cert == "asserted":
                edge["certainty"] = "asserted"
        if ev is not None and ev not in edge["evidence"]:
            edge["evidence"][ev] = None if not evidence else {
                "document": document_name(doc) if doc else graph_doc,
                "text": text or "",
                "start": int(start) if start is not None else None,
                "end": int(end) if end is not None else None,
                "references": references.get(ev, []),
            }
    return build_graph(edges, entity_info, curies,
                       documents=sorted(seen_docs) if documents is None else documents,
                       asserted_only=asserted_only, include_negated=include_negated,
                       evidence=evidence)


def edge_attributes(predicate: str, object_type: str, object_label: str | None) -> dict[str, Any]:
    """Return the ``sign``, ``kind`` and, onto a target, ``role`` of an edge.

    The role is :func:`pharmgraph.vocabulary.target_role`: mechanism, metabolism, transport
    or carrier.
    """
    return dict(_edge_attributes(predicate, object_type, object_label))


@functools.lru_cache(maxsize=200_000)
def _edge_attributes(predicate: str, object_type: str, object_label: str | None) -> tuple:
    known = predicate in PREDICATES
    data: dict[str, Any] = {
        "sign": direction(predicate) if known else 0,
        "kind": edge_kind(predicate) if known else "other",
    }
    if is_subtype(object_type, "Target"):
        data["role"] = target_role(predicate, object_type, object_label) if known else "mechanism"
    return tuple(data.items())


def build_graph(
    edges: dict[tuple[str, str, str, bool], dict[str, Any]],
    entity_info: dict[str, dict[str, Any]],
    curies: dict[str, str],
    *,
    documents: list[str],
    asserted_only: bool = False,
    include_negated: bool = False,
    evidence: bool = True,
) -> nx.MultiDiGraph:
    """Assemble the graph of :func:`project` from statements read from a store.

    ``edges`` maps ``(subject IRI, predicate, object IRI, negated)`` to ``certainty``,
    ``documents`` (names) and ``evidence`` (evidence IRI -> dict, or None without
    evidence), or ``count`` instead of ``evidence`` (the saved projection keeps counts only).
    """

    def curie_of(iri: str) -> str:
        curie = curies.get(iri)
        return curie if curie is not None else iri_to_curie(iri)

    graph = nx.MultiDiGraph()
    nodes: dict[str, dict[str, Any]] = {}
    edge_list: list[tuple[str, str, str, dict[str, Any]]] = []
    negated_list: list[dict[str, Any]] = []
    for (s_iri, predicate, o_iri, negated), edge in edges.items():
        if asserted_only and edge["certainty"] != "asserted":
            continue
        s, o = curie_of(s_iri), curie_of(o_iri)
        obj = nodes.get(o)
        if obj is None:
            obj = _entity_node(entity_info, o)
        found = edge.get("evidence") or {}
        count = edge["count"] if "count" in edge else len(found)
        items = sorted(
            (e for e in found.values() if e is not None),
            key=lambda e: (e["document"], e["start"] if e["start"] is not None else -1, e["text"]),
        ) if evidence else []
        data = {
            "predicate": predicate,
            **edge_attributes(predicate, obj["type"], obj["label"]),
            "certainty": edge["certainty"],
            "negated": negated,
            "evidence": items,
            "documents": sorted(edge["documents"]),
            "evidence_count": count,
        }
        if negated:
            negated_list.append(
                {
                    "subject": s,
                    "subject_label": _entity_node(entity_info, s)["label"],
                    "predicate": predicate,
                    "object": o,
                    "object_label": obj["label"],
                    "certainty": data["certainty"],
                    "evidence": items,
                    "documents": data["documents"],
                    "evidence_count": count,
                }
            )
            if not include_negated:
                continue
        nodes[o] = obj
        if s not in nodes:
            nodes[s] = _entity_node(entity_info, s)
        edge_list.append((s, o, (NEGATED_PREFIX + predicate) if negated else predicate, data))
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(edge_list)
    negated_list.sort(key=lambda n: (n["subject_label"], n["predicate"], n["object_label"]))
    graph.graph.update(
        negated=negated_list,
        entities={k: _entity_node(entity_info, k) for k in sorted(entity_info)},
        documents=documents,
        asserted_only=asserted_only,
    )
    return graph




def neighbourhood(graph: nx.MultiDiGraph, ids: Iterable[str], radius: int = 1) -> nx.MultiDiGraph:
    """Return the part of ``graph`` within ``radius`` steps of ``ids``, in either direction.

    The graph attributes are kept; ``negated`` keeps the statements whose subject and object
    both lie in the neighbourhood.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(neighbourhood(g, ["b"], 1))
    ['a', 'b', 'c']
    """
    seen = {n: 0 for n in ids if n in graph}
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        if seen[node] >= radius:
            continue
        for other in (*graph.successors(node), *graph.predecessors(node)):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    sub = graph.subgraph(seen).copy()
    sub.graph = dict(graph.graph)
    if "negated" in graph.graph:
        sub.graph["negated"] = [
            n for n in graph.graph["negated"] if n["subject"] in seen and n["object"] in seen
        ]
    return sub


def negated_statements(
    source: GraphStore | nx.MultiDiGraph,
    *,
    documents: Sequence[str] | None = None,
    entities: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Return the negated statements ("X does not bind Y") of a store or a projected graph.

    Parameters
    ----------
    source : GraphStore or networkx.MultiDiGraph
        A store (it is projected) or a graph made by :func:`project`.
    documents : sequence of str, optional
        Only statements read in these documents (stores only).
    entities : iterable of str, optional
        Only statements whose subject or object is one of these CURIEs.

    Returns
    -------
    list of dict
        ``subject``, ``subject_label``, ``predicate``, ``object``, ``object_label``,
        ``certainty``, ``evidence``, ``documents``, ``evidence_count`` and ``text`` (a short
        sentence such as "losigamone does not bind benzodiazepine site"), sorted by labels.
    """
    if isinstance(source, nx.Graph):
        rows = source.graph.get("negated", [])
    else:
        rows = project(source, documents=documents).graph["negated"]
    if entities is not None:
        wanted = set(entities)
        rows = [r for r in rows if r["subject"] in wanted or r["object"] in wanted]
    return [dict(r, text=negation_text(r["subject_label"], r["predicate"], r["object_label"]))
            for r in rows]


_NOUN_PREDICATES = {
    "antagonist_of": "an antagonist of",
    "inverse_agonist_of": "an inverse agonist of",
    "agonist_of": "an agonist of",
    "substrate_of": "a substrate of",
    "product_of": "a product of",
    "enantiomer_of": "an enantiomer of",
    "similar_to": "similar to",
    "part_of": "part of",
}


def negation_text(subject: str, predicate: str, obj: str) -> str:
    """Phrase a negated statement.

    Examples
    --------
    >>> negation_text("losigamone", "binds", "benzodiazepine site")
    'losigamone does not bind benzodiazepine site'
    >>> negation_text("x", "agonist_of", "y")
    'x is not an agonist of y'
    """
    if predicate in _NOUN_PREDICATES:
        return f"{subject} is not {_NOUN_PREDICATES[predicate]} {obj}"
    words = predicate.split("_")
    verb = next((i for i, w in enumerate(words) if w.endswith("s")), None)
    if verb is not None:
        words[verb] = words[verb][:-1]
    return f"{subject} does not {' '.join(words)} {obj}"
