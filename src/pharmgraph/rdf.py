"""Statements to RDF: one named graph per document, deterministic IRIs (model version 2).

Each statement of a document becomes, in that document's graph:

* a statement node with ``rdf:subject``, ``rdf:predicate``, ``rdf:object``, ``pg:negated true``
  only when it is negated, ``pg:certainty "hedged"`` only when it is hedged, and its
  qualifiers. The graph names the document, so nothing else says where it was read;
* its evidence. A statement with one piece of evidence in the document carries it itself
  (``pg:sentence``, ``pg:start``, ``pg:end``, ``pg:record``...); one with several has an
  evidence node for each (``pg:hasEvidence``). ``prov:wasDerivedFrom`` names the document
  only for evidence from another document than the graph's;
* the entities' type, label, CURIE and synonyms;
* the plain triple ``subject predicate object`` when the statement is not negated, so simple
  SPARQL works. A negated statement never produces it.

The document node (``pg:Document``, ``rdfs:label``) carries ``pg:modelVersion 2`` and the
evidence values every evidence of the document shares (``pg:extractor``, ``pg:source``,
``pg:sourceVersion``, ``pg:knowledgeLevel``); evidence states them itself when they differ.
``docs/rdf_model.md`` explains the choice. Version 1 (``pg:Statement`` and ``pg:Evidence``
nodes, ``pg:statedIn``, explicit defaults) is still written by ``version=1`` for
``pharmgraph migrate`` and tests, and every reader reads both.

The mapping is written once against a small term factory, so the same code yields rdflib
terms (for users, validation and export), pyoxigraph terms (for transactional loading) and
N-Quads text (for the bulk loader, :func:`nquads_lines`).

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> s = Statement(Entity("CHEBI:6367", "lamotrigine", "Drug"), "blocks",
...               Entity("mesh:D062528", "sodium channel", "IonChannel"),
...               evidence=(Evidence("doc.txt", "Lamotrigine blocks sodium channels.", 0, 35),))
>>> ds = to_dataset([s])
>>> [str(g.identifier) for g in ds.graphs() if len(g)]
['https://w3id.org/pharmgraph/document/doc.txt']
>>> len(oxigraph_quads("doc.txt", [s], version=2)), len(oxigraph_quads("doc.txt", [s], version=1))
(16, 22)
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pharmgraph.identifiers import digest
from pharmgraph.identifiers import entity_iri as _entity_iri
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
    """Return the IRI of one piece of evidence for a statement (a database record's id is
    part of it: records of one claim have no text or offsets to tell them apart)."""
    if ev.record:
        return EVIDENCE_BASE + digest(*stmt.key(), ev.document, ev.start, ev.end, ev.text, ev.record)
    return EVIDENCE_BASE + digest(*stmt.key(), ev.document, ev.start, ev.end, ev.text)


@functools.lru_cache(maxsize=200_000)
def entity_iri(curie: str) -> str:
    """:func:`pharmgraph.identifiers.entity_iri`, remembered (the writers ask it twice a
    statement, mostly for the same few entities)."""
    return _entity_iri(curie)


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


MODEL_VERSION = 2
"""The RDF model :func:`oxigraph_quads` and friends write; see the module notes."""

WRITE_VERSION = MODEL_VERSION
"""The model the writers use when no version is given."""

STORE_GRAPH = BASE_IRI + "store"
"""The graph of facts about the store itself (``<store> pg:modelVersion 2``)."""

SHARED_FIELDS = (
    ("extractor", "extractor"),
    ("source", "source"),
    ("source_version", "sourceVersion"),
    ("knowledge_level", "knowledgeLevel"),
)
"""Evidence fields (attribute, property) stated once on the document node when every
evidence of the document has the same value."""


def _evidence_in(stmt: Statement, document: str) -> list[Evidence]:
    return [ev for ev in stmt.evidence if ev.document == document or document == UNATTRIBUTED]


def shared_values(document: str, statements: Iterable[Statement]) -> dict[str, str]:
    """Return the :data:`SHARED_FIELDS` values that every evidence of a document shares.

    Examples
    --------
    >>> from pharmgraph.model import Entity, Evidence, Statement
    >>> a, b = Entity("x:a", "a", "Drug"), Entity("x:b", "b", "Protein")
    >>> ev = Evidence("db", "", record="r1", source="infores:x")
    >>> shared_values("db", [Statement(a, "binds", b, evidence=(ev,))])
    {'source': 'infores:x'}
    """
    seen: dict[str, set] = {}
    for stmt in statements:
        for ev in stmt.evidence:
            if ev.document != document and document != UNATTRIBUTED:
                continue
            for field, _ in SHARED_FIELDS:
                seen.setdefault(field, set()).add(getattr(ev, field))
    out = {}
    for field, values in seen.items():
        if len(values) == 1:
            value = next(iter(values))
            if value:
                out[field] = value
    return out


def statement_triples(
    stmt: Statement, document: str, t: _Terms, shared: dict[str, str] | None = None,
    flat: bool = False, described: set | None = None,
) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples of one statement as read in one document (model version 2).

    Only the evidence from ``document`` is included (all of it for :data:`UNATTRIBUTED`).

    Parameters
    ----------
    shared : dict or None
        Evidence values the document node states (:func:`shared_values`); the evidence
        leaves them out. None: every evidence states its own.
    flat : bool
        Whether a single piece of evidence may sit on the statement node. Only a caller that
        sees the whole document can know that no other statement of the document has the
        same claim (whose evidence would then land on the same node), so the default is
        False: every evidence gets a node of its own, which is still model 2.
    described : set or None
        Entities already described in this graph (left out; the statement's are added).
    """
    node_iri = statement_iri(stmt, document)
    node = t.node(node_iri)
    subject = t.node(entity_iri(stmt.subject.id))
    obj = t.node(entity_iri(stmt.object.id))
    predicate = t.node(PG + stmt.predicate)
    for entity in (stmt.subject, stmt.object):
        if described is None:
            yield from entity_triples(entity, t)
        elif entity not in described:
            described.add(entity)
            yield from entity_triples(entity, t)
    yield node, t.node(RDF + "subject"), subject
    yield node, t.node(RDF + "predicate"), predicate
    yield node, t.node(RDF + "object"), obj
    if stmt.negated:
        yield node, t.node(PG + "negated"), t.lit(True)
    if stmt.certainty != "asserted":
        yield node, t.node(PG + "certainty"), t.lit(stmt.certainty)
    for key, value in stmt.qualifiers:
        qnode = t.node(f"{node_iri}/qualifier/{urllib.parse.quote(key, safe='')}")
        yield node, t.node(PG + "hasQualifier"), qnode
        yield qnode, t.node(PG + "qualifierName"), t.lit(key)
        yield qnode, t.node(PG + "qualifierValue"), t.lit(value)
    evidence = _evidence_in(stmt, document)
    shared = shared or {}
    single = flat and len(evidence) == 1
    for ev in evidence:
        # Evidence with neither a sentence nor a record keeps a node of its own: on the
        # statement node it would leave no trace, and a reader could not count it.
        if single and (ev.text or ev.record):
            enode = node
        else:
            enode = t.node(evidence_iri(stmt, ev))
            yield node, t.node(PG + "hasEvidence"), enode
        if ev.document != document:
            yield enode, t.node(PROV + "wasDerivedFrom"), t.node(document_iri(ev.document))
        yield from _evidence_values(enode, ev, t, shared)
    if not stmt.negated:
        yield subject, predicate, obj


def _evidence_values(enode: Any, ev: Evidence, t: _Terms, shared: dict[str, str]) -> Iterator[tuple]:
    if ev.text:
        yield enode, t.node(PG + "sentence"), t.lit(ev.text)
    if ev.start is not None:
        yield enode, t.node(PG + "start"), t.lit(int(ev.start))
    if ev.end is not None:
        yield enode, t.node(PG + "end"), t.lit(int(ev.end))
    if ev.section:
        yield enode, t.node(PG + "section"), t.lit(ev.section)
    for ref in ev.references:
        yield enode, t.node(PG + "citesReference"), t.lit(ref)
    if ev.confidence is not None:
        yield enode, t.node(PG + "confidence"), t.lit(float(ev.confidence))
    if ev.record:
        yield enode, t.node(PG + "record"), t.lit(ev.record)
    for field, name in SHARED_FIELDS:
        value = getattr(ev, field)
        if value and field not in shared:
            term = t.node(entity_iri(value)) if field == "source" else t.lit(value)
            yield enode, t.node(PG + name), term


def statement_triples_v1(stmt: Statement, document: str, t: _Terms) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples of one statement under model version 1 (``pg:Statement`` and
    ``pg:Evidence`` nodes, ``pg:statedIn``, explicit ``pg:negated`` and ``pg:certainty``)."""
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
    for ev in _evidence_in(stmt, document):
        enode = t.node(evidence_iri(stmt, ev))
        yield node, t.node(PG + "hasEvidence"), enode
        yield enode, a, t.node(PG + "Evidence")
        yield enode, t.node(PROV + "wasDerivedFrom"), t.node(document_iri(ev.document))
        yield enode, t.node(PG + "sentence"), t.lit(ev.text)
        for triple in _evidence_values(enode, ev, t, {}):
            if triple[1] != t.node(PG + "sentence"):
                yield triple
    if not stmt.negated:
        yield subject, predicate, obj


def document_triples(document: str, t: _Terms, shared: dict[str, str] | None = None,
                     version: int = MODEL_VERSION) -> Iterator[tuple[Any, Any, Any]]:
    """Yield the triples that describe a document node (with the model version and, from
    ``shared``, the evidence values all its evidence share)."""
    node = t.node(document_iri(document))
    yield node, t.node(RDF + "type"), t.node(PG + "Document")
    yield node, t.node(RDFS + "label"), t.lit(document)
    if version >= 2:
        yield node, t.node(PG + "modelVersion"), t.lit(version)
    for field, name in SHARED_FIELDS:
        value = (shared or {}).get(field)
        if value:
            yield node, t.node(PG + name), t.node(entity_iri(value)) if field == "source" else t.lit(value)


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


class _Everything(set):
    """A set that holds every entity: entities described apart are left out of a graph."""

    def __contains__(self, item: object) -> bool:
        return True


def _graph_triples(document: str, statements: Iterable[Statement], t: _Terms, version: int | None = None,
                   entities_apart: bool = False):
    version = version or WRITE_VERSION
    statements = list(statements)
    seen: set = set()
    described: set = _Everything() if entities_apart else set()
    if version == 1:
        head = document_triples(document, t, version=1)
    else:
        shared = shared_values(document, statements)
        head = document_triples(document, t, shared)
        keys: dict[tuple, int] = {}
        for stmt in statements:
            key = stmt.key()
            keys[key] = keys.get(key, 0) + 1
    for triple in head:
        seen.add(triple)
        yield triple
    for stmt in statements:
        if version == 1:
            triples = statement_triples_v1(stmt, document, t)
        else:
            triples = statement_triples(stmt, document, t, shared, keys[stmt.key()] == 1, described)
        for triple in triples:
            if triple not in seen:
                seen.add(triple)
                yield triple


def document_graph(document: str, statements: Iterable[Statement], version: int | None = None):
    """Return an rdflib Graph named after ``document`` holding its statements."""
    from rdflib import Graph, URIRef

    graph = Graph(identifier=URIRef(document_iri(document)))
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in _graph_triples(document, statements, _rdflib_terms(), version):
        graph.add(triple)
    return graph


def to_dataset(statements: Iterable[Statement], default_document: str = UNATTRIBUTED,
               version: int | None = None):
    """Return an rdflib Dataset with one named graph per document (``version`` 2 or 1)."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    t = _rdflib_terms()
    for document, stmts in group_by_document(statements, default_document).items():
        graph = dataset.graph(URIRef(document_iri(document)))
        for triple in _graph_triples(document, stmts, t, version):
            graph.add(triple)
    return dataset


def oxigraph_quads(document: str, statements: Iterable[Statement], version: int | None = None) -> list:
    """Return pyoxigraph quads for one document's graph (``version`` 2, or 1 for migration
    and tests)."""
    from pyoxigraph import NamedNode, Quad

    graph = NamedNode(document_iri(document))
    triples = _graph_triples(document, statements, _oxigraph_terms(), version)
    return [Quad(s, p, o, graph) for s, p, o in triples]


# -- N-Quads text, for the bulk loader -------------------------------------------------------

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt_iri(iri: str) -> str:
    if _BAD_IRI.search(iri) or ":" not in iri:
        raise ValueError(f"{iri!r} is not a valid IRI")
    return f"<{iri}>"


def _nt_literal(value: str, datatype: str | None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' if datatype is None else f'"{escaped}"^^{datatype}'


def nquads_terms() -> _Terms:
    """A term factory whose terms are N-Triples strings (``<iri>``, ``"text"^^<type>``).

    IRIs are checked as pyoxigraph checks them: one that could not be stored raises
    ValueError.
    """
    return _Terms(_nt_iri, _nt_literal)


def nquads_lines(document: str, statements: Iterable[Statement], t: _Terms | None = None,
                 version: int | None = None, entities_apart: bool = False) -> list[str]:
    """Return the N-Quads lines of one document's graph, the quads of :func:`oxigraph_quads`
    written as text (for ``pyoxigraph.Store.bulk_load``).

    With ``entities_apart`` (model 2 only) the entities are not described in the document's
    graph: the bulk path describes each once, in the entity graph of its file
    (:func:`entity_graph_iri`, :func:`entity_lines`).

    Examples
    --------
    >>> from pharmgraph.model import Entity, Statement
    >>> s = Statement(Entity("x:a", "a", "Drug"), "binds", Entity("x:b", "b", "Protein"))
    >>> import pyoxigraph
    >>> text = "".join(nquads_lines("d", [s])).encode()
    >>> set(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS)) == set(oxigraph_quads("d", [s]))
    True
    """
    t = t or nquads_terms()
    graph = f"<{document_iri(document)}>"
    triples = _graph_triples(document, statements, t, version, entities_apart)
    return [f"{s} {p} {o} {graph} .\n" for s, p, o in triples]


ENTITY_GRAPH_BASE = BASE_IRI + "entities/"
"""Graphs that describe the entities of a bulk-loaded file once (``<base><file key>``)
instead of in every document graph that mentions them. Not documents: they hold no
``pg:Document`` node and no statements; readers find entities in the union of the graphs."""


def entity_graph_iri(key: str) -> str:
    """Return the IRI of the entity graph of a bulk-loaded file."""
    return ENTITY_GRAPH_BASE + urllib.parse.quote(key, safe="")


def entity_lines(entities: Iterable[Entity], graph_iri: str, t: _Terms | None = None) -> list[str]:
    """Return the N-Quads lines describing ``entities`` in the graph ``graph_iri``."""
    t = t or nquads_terms()
    graph = _nt_iri(graph_iri)
    return [f"{s} {p} {o} {graph} .\n" for entity in entities for s, p, o in entity_triples(entity, t)]
