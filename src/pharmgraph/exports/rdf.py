"""RDF exports with prefixes: Turtle with ``@prefix`` lines, TriG, N-Quads, N-Triples, JSON-LD,
RDF/XML.

TriG and N-Quads keep one named graph per document and source; the other formats hold the
union of the graphs. The embedded store is written straight from its quads, without building
a copy in memory.
"""

from __future__ import annotations

from typing import IO

from pharmgraph.identifiers import ENTITY_BASE
from pharmgraph.rdf import DOCUMENT_BASE, EVIDENCE_BASE, PREFIXES, STATEMENT_BASE
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
    """Write the whole store in an RDF format to a binary stream."""
    import pyoxigraph as ox

    from pharmgraph.store import OxigraphStore

    prefixes = EXPORT_PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
    if not isinstance(store, OxigraphStore):
        data = store.export(fmt)
        if prefixes is None:
            out.write(data)
            return
        parsed = ox.parse(data, format=rdf_format(fmt))
        ox.serialize(parsed, out, format=rdf_format(fmt), prefixes=prefixes)
        return
    raw = store.raw
    graphs = [g for g in raw.named_graphs() if not g.value.startswith(STAGING_BASE)]
    if fmt in ("trig", "nquads"):
        quads = (q for g in graphs for q in raw.quads_for_pattern(None, None, None, g))
        ox.serialize(quads, out, format=rdf_format(fmt), prefixes=prefixes)
        return
    triples = (ox.Triple(q.subject, q.predicate, q.object) for g in graphs for q in raw.quads_for_pattern(None, None, None, g))
    if fmt == "jsonld":
        # JSON-LD is written as one document: the serializer is handed a de-duplicated set.
        triples = iter(set(triples))
    ox.serialize(triples, out, format=rdf_format(fmt), prefixes=prefixes)
