"""Statements to RDF: one named graph per document, deterministic IRIs.

Each statement of a document becomes, in that document's graph:

* a statement node (``pg:Statement``) with ``rdf:subject``, ``rdf:predicate``, ``rdf:object``,
  ``pg:negated``, ``pg:certainty``, its qualifiers and its evidence nodes;
* evidence nodes (``pg:Evidence``) with ``prov:wasDerivedFrom`` the document, the sentence,
  its character offsets, section and cited references;
* the entities' type, label, CURIE and synonyms;
* the plain triple ``subject predicate object`` when the statement is not negated, so simple
  SPARQL works. A negated statement never produces it.

The mapping is written once against a small term factory, so the same code yields rdflib
terms (for users, validation and export) and pyoxigraph terms (for fast loading).

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> s = Statement(Entity("CHEBI:6367", "lamotrigine", "Drug"), "blocks",
...               Entity("mesh:D062528", "sodium channel", "IonChannel"),
...               evidence=(Evidence("doc.txt", "Lamotrigine blocks sodium channels.", 0, 35),))
>>> ds = to_dataset([s])
>>> [str(g.identifier) for g in ds.graphs() if len(g)]
['https://w3id.org/pharmgraph/document/doc.txt']
"""

from __future__ import annotations

import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pharmgraph.identifiers import digest, entity_iri
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.vocabulary import BASE_IRI, ONTOLOGY_IRI

PG = ONTOLOGY_IRI
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "pg": PG,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "obo": "http://purl.obolibrary.org/obo/",
}
"""Prefixes used in pharmgraph's RDF, also declared for SPARQL queries."""

SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

DOCUMENT_BASE = BASE_IRI + "document/"
STATEMENT_BASE = BASE_IRI + "statement/"
EVIDENCE_BASE = BASE_IRI + "evidence/"

UNATTRIBUTED = "unattributed"
"""Document name used for statements that carry no evidence."""


def document_iri(document: str) -> str:
    """Return the IRI of a document, which is also the name of its graph."""
    return DOCUMENT_BASE + urllib.parse.quote(document, safe="")


def document_name(iri: str) -> str:
    """Invert :func:`document_iri`."""
    return urllib.parse.unquote(iri[len(DOCUMENT_BASE):]) if iri.startswith(DOCUMENT_BASE) else iri


def statement_iri(stmt: Statement, document: str) -> str:
    """Return the IRI of a statement as read in one document."""
    return STATEMENT_BASE + digest(*stmt.key(), document)


def evidence_iri(stmt: Statement, ev: Evidence) -> str:
    """Return the IRI of one piece of evidence for a statement."""
    return EVIDENCE_BASE + digest(*stmt.key(), ev.document, ev.start, ev.end, ev.text)


class _Terms:
    """Builds RDF terms for one library: ``iri(str)`` and ``literal(value, datatype)``."""

    def __init__(self, iri: Callable[[str], Any], literal: Callable[[str, Any], Any]) -> None:
        self.iri = iri
        self._literal = literal
        self._cache: dict[str, Any] = {}

    def node(self, iri: str) -> Any:
        term = self._cache.get(iri)
        if term is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            term = self._cache[iri] = self.iri(iri)
        return term

    def lit(self, value: object) -> Any:
        if isinstance(value, bool):
            return self._literal("true" if value else "false", self.node(XSD + "boolean"))
        if isinstance(value, int):
            return self._literal(str(value), self.node(XSD + "integer"))
        if isinstance(value, float):
            return self._literal(repr(value), self.node(XSD + "double"))
        return self._literal(str(value), None)


def _rdflib_terms() -> _Terms:
    from rdflib import Literal, URIRef

    return _Terms(URIRef, lambda v, dt: Literal(v, datatype=dt))


def _oxigraph_terms() -> _Terms:
    from pyoxigraph import Literal, NamedNode

    return _Terms(NamedNode, lambda v, dt: Literal(v, datatype=dt) if dt is not None else Literal(v))


def entity_triples(entity: Entity, t: _Terms) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples that describe an entity."""
    node = t.node(entity_iri(entity.id))
    yield node, t.node(RDF + "type"), t.node(PG + entity.type)
    yield node, t.node(RDFS + "label"), t.lit(entity.label)
    yield node, t.node(PG + "curie"), t.lit(entity.id)
    for synonym in entity.synonyms:
        yield node, t.node(SKOS + "altLabel"), t.lit(synonym)
    for parent in entity.broader:
        yield node, t.node(SKOS + "broader"), t.node(entity_iri(parent))
    for xref in entity.xrefs:
        yield node, t.node(SKOS + "exactMatch"), t.node(entity_iri(xref))


def statement_triples(stmt: Statement, document: str, t: _Terms) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples of one statement as read in one document.

    Only the evidence from ``document`` is included (all of it for :data:`UNATTRIBUTED`).
    """
    node_iri = statement_iri(stmt, document)
    node = t.node(node_iri)
    subject = t.node(entity_iri(stmt.subject.id))
    obj = t.node(entity_iri(stmt.object.id))
    predicate = t.node(PG + stmt.predicate)
    a = t.node(RDF + "type")
    yield from entity_triples(stmt.subject, t)
    yield from entity_triples(stmt.object, t)
    yield node, a, t.node(PG + "Statement")
    yield node, t.node(RDF + "subject"), subject
    yield node, t.node(RDF + "predicate"), predicate
    yield node, t.node(RDF + "object"), obj
    yield node, t.node(PG + "negated"), t.lit(stmt.negated)
    yield node, t.node(PG + "certainty"), t.lit(stmt.certainty)
    yield node, t.node(PG + "statedIn"), t.node(document_iri(document))
    for key, value in stmt.qualifiers:
        qnode = t.node(f"{node_iri}/qualifier/{urllib.parse.quote(key, safe='')}")
        yield node, t.node(PG + "hasQualifier"), qnode
        yield qnode, t.node(PG + "qualifierName"), t.lit(key)
        yield qnode, t.node(PG + "qualifierValue"), t.lit(value)
    for ev in stmt.evidence:
        if ev.document != document and document != UNATTRIBUTED:
            continue
        enode = t.node(evidence_iri(stmt, ev))
        yield node, t.node(PG + "hasEvidence"), enode
        yield enode, a, t.node(PG + "Evidence")
        yield enode, t.node(PROV + "wasDerivedFrom"), t.node(document_iri(ev.document))
        yield enode, t.node(PG + "sentence"), t.lit(ev.text)
        if ev.start is not None:
            yield enode, t.node(PG + "start"), t.lit(int(ev.start))
        if ev.end is not None:
            yield enode, t.node(PG + "end"), t.lit(int(ev.end))
        if ev.section:
            yield enode, t.node(PG + "section"), t.lit(ev.section)
        for ref in ev.references:
            yield enode, t.node(PG + "citesReference"), t.lit(ref)
        if ev.extractor:
            yield enode, t.node(PG + "extractor"), t.lit(ev.extractor)
        if ev.confidence is not None:
            yield enode, t.node(PG + "confidence"), t.lit(float(ev.confidence))
        if ev.source:
            yield enode, t.node(PG + "source"), t.node(entity_iri(ev.source))
        if ev.record:
            yield enode, t.node(PG + "record"), t.lit(ev.record)
        if ev.source_version:
            yield enode, t.node(PG + "sourceVersion"), t.lit(ev.source_version)
        if ev.knowledge_level:
            yield enode, t.node(PG + "knowledgeLevel"), t.lit(ev.knowledge_level)
    if not stmt.negated:
        yield subject, predicate, obj


def document_triples(document: str, t: _Terms) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples that describe a document node."""
    node = t.node(document_iri(document))
    yield node, t.node(RDF + "type"), t.node(PG + "Document")
    yield node, t.node(RDFS + "label"), t.lit(document)


def group_by_document(
    statements: Iterable[Statement], default: str = UNATTRIBUTED
) -> dict[str, list[Statement]]:
    """Group statements by the documents of their evidence.

    A statement with evidence from two documents appears under both; one without evidence
    goes under ``default``.
    """
    groups: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements:
        docs = stmt.documents or [default]
        for doc in docs:
            groups[doc].append(stmt)
    return dict(groups)


def _graph_triples(document: str, statements: Iterable[Statement], t: _Terms):
    seen: set = set()
    for triple in document_triples(document, t):
        seen.add(triple)
        yield triple
    for stmt in statements:
        for triple in statement_triples(stmt, document, t):
            if triple not in seen:
                seen.add(triple)
                yield triple


def document_graph(document: str, statements: Iterable[Statement]):
    """Return an rdflib Graph named after ``document`` holding its statements."""
    from rdflib import Graph, URIRef

    graph = Graph(identifier=URIRef(document_iri(document)))
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in _graph_triples(document, statements, _rdflib_terms()):
        graph.add(triple)
    return graph


def to_dataset(statements: Iterable[Statement], default_document: str = UNATTRIBUTED):
    """Return an rdflib Dataset with one named graph per document."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    t = _rdflib_terms()
    for document, stmts in group_by_document(statements, default_document).items():
        graph = dataset.graph(URIRef(document_iri(document)))
        for triple in _graph_triples(document, stmts, t):
            graph.add(triple)
    return dataset


def oxigraph_quads(document: str, statements: Iterable[Statement]) -> list:
    """Return pyoxigraph quads for one document's graph (the fast path into the store)."""
    from pyoxigraph import NamedNode, Quad

    graph = NamedNode(document_iri(document))
    return [Quad(s, p, o, graph) for s, p, o in _graph_triples(document, statements, _oxigraph_terms())]
