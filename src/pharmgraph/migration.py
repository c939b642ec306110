"""Rewrite document graphs written in RDF model 1 as model 2 (``pharmgraph migrate``).

Every reader reads both models (see :mod:`pharmgraph.rdf`), so migrating is optional: it
reclaims space (a model 1 statement takes two to three times the quads). Each graph is
migrated on its own, in one transaction: its quads are read, its statements rebuilt from them
(:func:`statements_from_quads`), written again by the model 2 writer, and the graph replaced.
A graph whose document node carries ``pg:modelVersion 2`` is skipped, so an interrupted run is
simply started again. Quads of a graph that are not part of its statements' model 1 form (a
source's ``dcterms:source`` on the document node, triples a user added) are kept as they are.
Graphs without model 1 statements (foreign RDF, empty documents) are left alone.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> from pharmgraph.rdf import oxigraph_quads
>>> from pharmgraph.store import open_store
>>> store = open_store(":memory:")
>>> s = Statement(Entity("x:a", "a", "Drug"), "binds", Entity("x:b", "b", "Protein"),
...               evidence=(Evidence("d.txt", "A binds B.", 0, 10),))
>>> store.replace_documents({"d.txt": oxigraph_quads("d.txt", [s], version=1)})
>>> migrate(store)["migrated"]
1
>>> migrate(store)["already"]
1
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from pharmgraph.identifiers import iri_to_curie
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.rdf import (
    DOCUMENT_BASE,
    MODEL_VERSION,
    PG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    document_iri,
    document_name,
    oxigraph_quads,
)
from pharmgraph.store import STAGING_BASE, GraphStore

_EVIDENCE_FIELDS = {
    PG + "sentence": "text",
    PG + "start": "start",
    PG + "end": "end",
    PG + "section": "section",
    PG + "extractor": "extractor",
    PG + "confidence": "confidence",
    PG + "record": "record",
    PG + "sourceVersion": "source_version",
    PG + "knowledgeLevel": "knowledge_level",
}


def _value(term: Any) -> str:
    return term.value


def statements_from_quads(document: str, quads: Iterable) -> list[Statement]:
    """Rebuild the statements of one document graph from its quads (either model).

    Parameters
    ----------
    document : str
        The graph's document name (evidence without ``prov:wasDerivedFrom`` is from it).
    quads : iterable of pyoxigraph.Quad
        The graph's quads.
    """
    by_subject: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for q in quads:
        by_subject[q.subject.value].append((q.predicate.value, q.object))
    graph_node = document_iri(document)
    shared: dict[str, Any] = {}
    for p, o in by_subject.get(graph_node, ()):
        for field, name in (("extractor", "extractor"), ("source", "source"),
                            ("source_version", "sourceVersion"), ("knowledge_level", "knowledgeLevel")):
            if p == PG + name:
                shared[field] = o.value
    entities: dict[str, Entity] = {}

    def entity(iri: str) -> Entity:
        found = entities.get(iri)
        if found is not None:
            return found
        props = by_subject.get(iri, ())
        curie = next((o.value for p, o in props if p == PG + "curie"), None) or iri_to_curie(iri)
        kinds = [o.value[len(PG):] for p, o in props if p == RDF + "type" and o.value.startswith(PG)]
        label = next((o.value for p, o in props if p == RDFS + "label"), curie)
        synonyms = tuple(sorted(o.value for p, o in props if p == SKOS + "altLabel"))

        def curie_of(target: str) -> str:
            return next((o.value for p, o in by_subject.get(target, ()) if p == PG + "curie"), None) or iri_to_curie(target)

        broader = tuple(sorted(curie_of(o.value) for p, o in props if p == SKOS + "broader"))
        xrefs = tuple(sorted(curie_of(o.value) for p, o in props if p == SKOS + "exactMatch"))
        found = entities[iri] = Entity(curie, label, min(kinds) if kinds else "Entity", synonyms, broader, xrefs)
        return found

    def evidence(node: str) -> Evidence:
        fields: dict[str, Any] = dict(shared)
        references = []
        doc = document
        for p, o in by_subject.get(node, ()):
            name = _EVIDENCE_FIELDS.get(p)
            if name is not None:
                fields[name] = o.value
            elif p == PG + "source":
                fields["source"] = o.value
            elif p == PG + "citesReference":
                references.append(o.value)
            elif p == PROV + "wasDerivedFrom":
                doc = document_name(o.value)
        for key in ("start", "end"):
            if key in fields:
                fields[key] = int(fields[key])
        if "confidence" in fields:
            fields["confidence"] = float(fields["confidence"])
        if "source" in fields:
            fields["source"] = iri_to_curie(fields["source"])
        text = fields.pop("text", "")
        return Evidence(doc, text, references=tuple(sorted(references)), **fields)

    out = []
    for node, props in by_subject.items():
        subject = next((o.value for p, o in props if p == RDF + "subject"), None)
        if subject is None:
            continue
        predicate = next((o.value for p, o in props if p == RDF + "predicate"), "")
        obj = next((o.value for p, o in props if p == RDF + "object"), None)
        if obj is None or not predicate.startswith(PG):
            continue
        negated = any(p == PG + "negated" and o.value in ("true", "1") for p, o in props)
        certainty = next((o.value for p, o in props if p == PG + "certainty"), "asserted")
        qualifiers = {}
        for p, o in props:
            if p == PG + "hasQualifier":
                qprops = by_subject.get(o.value, ())
                name = next((x.value for k, x in qprops if k == PG + "qualifierName"), None)
                value = next((x.value for k, x in qprops if k == PG + "qualifierValue"), None)
                if name is not None and value is not None:
                    qualifiers[name] = value
        nodes = [o.value for p, o in props if p == PG + "hasEvidence"]
        pieces = [evidence(n) for n in nodes]
        if not nodes and any(p in (PG + "sentence", PG + "record") for p, _ in props):
            pieces = [evidence(node)]
        out.append(Statement(entity(subject), predicate[len(PG):], entity(obj), negated, certainty,
                             qualifiers, tuple(pieces)))
    return out


def graph_version(quads: list, graph: str) -> int | None:
    """The model a document graph is written in: 2, 1, or None when it holds no model 1
    statements (foreign RDF, a document without statements)."""
    for q in quads:
        if q.subject.value == graph and q.predicate.value == PG + "modelVersion":
            return int(q.object.value)
    for q in quads:
        p = q.predicate.value
        if p == PG + "statedIn" or (p == RDF + "type" and q.object.value == PG + "Statement"):
            return 1
    return None


def _graph_quads(store: GraphStore, graph: str) -> list:
    import pyoxigraph as ox

    raw = getattr(store, "raw", None)
    if raw is not None:
        return list(raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    data = store.query_bytes(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", "ntriples")
    name = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, name)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def migrate_graph(store: GraphStore, document: str, quads: list | None = None) -> dict[str, int]:
    """Rewrite one model 1 document graph as model 2, in one transaction.

    Returns
    -------
    dict
        ``statements``, ``quads_before`` and ``quads_after``.
    """
    graph = document_iri(document)
    if quads is None:
        quads = _graph_quads(store, graph)
    statements = statements_from_quads(document, quads)
    rebuilt = set(oxigraph_quads(document, statements, version=1))
    extra = [q for q in quads if q not in rebuilt]
    new = oxigraph_quads(document, statements, version=MODEL_VERSION)
    known = set(new)
    new.extend(q for q in extra if q not in known)
    store.replace_documents({document: new})
    return {"statements": len(statements), "quads_before": len(quads), "quads_after": len(new)}


def migrate(store: GraphStore, progress: Callable[[str], None] | None = None,
            dry_run: bool = False) -> dict[str, Any]:
    """Rewrite every model 1 document graph of a store as model 2, graph by graph.

    Parameters
    ----------
    store : GraphStore
        A writable store (embedded or a SPARQL server).
    progress : callable or None
        Called with each document name once it is handled.
    dry_run : bool
        Count what would be migrated, write nothing.

    Returns
    -------
    dict
        ``graphs`` (document graphs seen), ``migrated``, ``already`` (model 2 already),
        ``other`` (no model 1 statements: left alone), ``statements`` (migrated),
        ``quads_before`` and ``quads_after`` (of the migrated graphs) and ``seconds``.
    """
    start = time.perf_counter()
    rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pg:Document } } ORDER BY ?g")
    graphs = [r["g"] for r in rows if r["g"].startswith(DOCUMENT_BASE) and not r["g"].startswith(STAGING_BASE)]
    summary: dict[str, Any] = {"graphs": len(graphs), "migrated": 0, "already": 0, "other": 0,
                               "statements": 0, "quads_before": 0, "quads_after": 0, "dry_run": dry_run}
    for graph in graphs:
        document = document_name(graph)
        quads = _graph_quads(store, graph)
        version = graph_version(quads, graph)
        if version is None:
            summary["other"] += 1
        elif version >= MODEL_VERSION:
            summary["already"] += 1
        elif dry_run:
            summary["migrated"] += 1
            summary["quads_before"] += len(quads)
        else:
            done = migrate_graph(store, document, quads)
            summary["migrated"] += 1
            for key in ("statements", "quads_before", "quads_after"):
                summary[key] += done[key]
        if progress is not None:
            progress(document)
    if not dry_run and summary["migrated"] and hasattr(store, "raw") and store.location != ":memory:":
        store.raw.flush()
    summary["seconds"] = round(time.perf_counter() - start, 3)
    return summary
