"""RDF exports with prefixes: Turtle with ``@prefix`` lines, TriG, N-Quads, N-Triples, JSON-LD,
RDF/XML.

TriG and N-Quads keep one named graph per document and source; the other formats hold the
union of the graphs. The embedded store is written straight from its quads, without building
a copy in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from pharmgraph.identifiers import ENTITY_BASE
from pharmgraph.rdf import DOCUMENT_BASE, EVIDENCE_BASE, PG, PREFIXES, RDF, STATEMENT_BASE
from pharmgraph.store import STAGING_BASE, GraphStore, rdf_format

RDF_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")

#: Prefixes written into Turtle, TriG and RDF/XML: pharmgraph's own, and the bioregistry
#: namespaces entity IRIs use most.
EXPORT_PREFIXES = {
    **PREFIXES,
    "doc": DOCUMENT_BASE,
    "statement": STATEMENT_BASE,
    "evidence": EVIDENCE_BASE,
    "entity": ENTITY_BASE,
    **{p: f"https://bioregistry.io/{p}:" for p in ("drugbank", "mesh", "ncbigene", "uniprot", "umls", "infores", "ndfrt")},
}


def write_rdf(store: GraphStore, fmt: str, out: IO[bytes]) -> None:
    """Write the whole store in an RDF format to a binary stream.

    The formats that hold the union of the graphs (Turtle, N-Triples, JSON-LD, RDF/XML) say
    in which document each statement was read with ``pg:statedIn``: model 1 graphs hold it,
    model 2 graphs leave it to the graph's name, which these formats do not keep, so it is
    added for them (and dropped again when pharmgraph reads the file back).
    """
    import pyoxigraph as ox

    from pharmgraph.store import OxigraphStore

    prefixes = EXPORT_PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
    if not isinstance(store, OxigraphStore):
        if fmt in ("trig", "nquads"):
            data = store.export(fmt)
            if prefixes is None:
                out.write(data)
                return
            ox.serialize(ox.parse(data, format=rdf_format(fmt)), out, format=rdf_format(fmt), prefixes=prefixes)
            return
        quads = list(ox.parse(store.export("nquads"), format=rdf_format("nquads")))
        by_graph: dict = {}
        for quad in quads:
            by_graph.setdefault(quad.graph_name, []).append(quad)
        triples = _union_triples(list(by_graph), lambda g: by_graph[g],
                                 lambda g: any(q.predicate.value == PG + "modelVersion" and q.subject == g
                                               for q in by_graph[g]))
    else:
        raw = store.reader
        graphs = [g for g in raw.named_graphs() if not g.value.startswith(STAGING_BASE)]
        if fmt in ("trig", "nquads"):
            quads = (q for g in graphs for q in raw.quads_for_pattern(None, None, None, g))
            ox.serialize(quads, out, format=rdf_format(fmt), prefixes=prefixes)
            return
        version = ox.NamedNode(PG + "modelVersion")
        triples = _union_triples(graphs, lambda g: raw.quads_for_pattern(None, None, None, g),
                                 lambda g: next(iter(raw.quads_for_pattern(g, version, None, g)), None) is not None)
    if fmt == "jsonld":
        # JSON-LD is written as one document: the serializer is handed a de-duplicated set.
        triples = iter(set(triples))
    ox.serialize(triples, out, format=rdf_format(fmt), prefixes=prefixes)


def _union_triples(graphs: list, quads_of, is_v2) -> Iterator:
    """The triples of some graphs, with ``pg:statedIn`` added for model 2 graphs."""
    import pyoxigraph as ox

    subject = ox.NamedNode(RDF + "subject")
    stated_in = ox.NamedNode(PG + "statedIn")
    for g in graphs:
        v2 = isinstance(g, ox.NamedNode) and is_v2(g)
        for q in quads_of(g):
            yield ox.Triple(q.subject, q.predicate, q.object)
            if v2 and q.predicate == subject:
                yield ox.Triple(q.subject, stated_in, g)
