"""RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) read as RDF, not as prose.

Two kinds of RDF come in:

* **pharmgraph's own export** (``pharmgraph export``). TriG and N-Quads keep one named graph
  per document: those graphs are taken as they are. Turtle, N-Triples and JSON-LD exports hold
  the union of the document graphs; they are split back into document graphs by what each
  node is (a statement goes to the graph its ``pg:statedIn`` names, its evidence and
  qualifiers with it (model 2 graphs do not hold ``pg:statedIn``: ``pharmgraph export``
  adds it to these formats, and it is dropped again on reading), an entity's description to every graph whose statements mention it,
  the plain ``S pg:p O`` triple to the graphs of the statements that assert it). The union of
  the graphs is then exactly the file's triples; a triple that belongs to no document makes
  the file refused, since it could only be put somewhere by guessing.
* **Foreign RDF** (anything without pharmgraph documents or statements): the file's triples
  become one named graph of their own, named after the file's document key and marked as a
  ``pg:Document``, so it is listed, counted, queried and replaced like any document.
  A foreign dataset with named graphs of its own is refused: flattening its graphs into one
  would change what it says.

Files are recognised by suffix (:data:`RDF_SUFFIXES`) and by content (:func:`sniff_rdf`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pharmgraph.errors import InputError

RDF_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nt": "ntriples", ".nq": "nquads", ".jsonld": "jsonld"}
"""Suffixes read as RDF, with their format names."""

FORMAT_NAMES = {"turtle": "Turtle", "trig": "TriG", "ntriples": "N-Triples", "nquads": "N-Quads", "jsonld": "JSON-LD"}

_TURTLE_HEAD = re.compile(r"(?:@prefix|(?i:prefix))\s+(?:[A-Za-z][\w.-]*)?:\s*<|(?:@base|(?i:base))\s+<")
_NT_LINE = re.compile(r'(?:<[^<>\s]*>|_:\S+)\s+<[^<>\s]*>\s+(?:<[^<>\s]*>|_:\S+|".*")(?:\s+(<[^<>\s]*>|_:\S+))?\s*\.\s*$')
_JSONLD_HEAD = re.compile(r'[\[{]\s*(?:\{\s*)?"@(?:context|id|graph|type)"')


def sniff_rdf(data: bytes) -> str | None:
    """Name the RDF format a file's first lines show (``turtle``, ``ntriples``, ``nquads``,
    ``jsonld``), or None when they do not look like RDF.

    Examples
    --------
    >>> sniff_rdf(b"@prefix pg: <https://w3id.org/pharmgraph/ontology#> .")
    'turtle'
    >>> sniff_rdf(b"<http://x/s> <http://x/p> <http://x/o> <http://x/g> .")
    'nquads'
    >>> sniff_rdf(b"Lamotrigine blocks sodium channels.") is None
    True
    """
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = [line.strip() for line in head.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        return None
    first = lines[0]
    if _TURTLE_HEAD.match(first):
        return "turtle"
    if _JSONLD_HEAD.match(" ".join(lines[:3])):
        return "jsonld"
    match = _NT_LINE.match(first)
    if match:
        return "nquads" if match.group(1) else "ntriples"
    return None


@dataclass
class RdfContent:
    """What an RDF file holds, ready to store.

    Attributes
    ----------
    graphs : dict
        Document name to the quads of its graph.
    statements : dict
        Document name to the number of statement nodes in its graph.
    foreign : bool
        True when the file is not pharmgraph's own RDF and became one graph of its own.
    """

    graphs: dict[str, list] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    foreign: bool = False

    @classmethod
    def of_graphs(cls, graphs: dict) -> RdfContent:
        """The content of pharmgraph document graphs, keyed by graph IRI."""
        from pharmgraph.rdf import document_name

        out = cls()
        for graph, quads in graphs.items():
            document = document_name(graph)
            out.graphs[document] = quads
            out.statements[document] = _count_statements(quads)
        return out


def parse_rdf(data: bytes, fmt: str, name: str) -> list:
    """Parse RDF bytes into pyoxigraph quads (the default graph for triple formats).

    Raises
    ------
    InputError
        For RDF that does not parse, in one sentence naming the file and the place.
    """
    import pyoxigraph

    from pharmgraph.store import rdf_format

    try:
        return list(pyoxigraph.parse(data, format=rdf_format(fmt)))
    except SyntaxError as exc:
        detail = " ".join(str(exc).split())[:200]
        raise InputError(f"{name} is not valid {FORMAT_NAMES[fmt]} ({detail}).") from None
    except (ValueError, OSError, RuntimeError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise InputError(f"{name} cannot be read as {FORMAT_NAMES[fmt]} ({detail}).") from None


def read_rdf(data: bytes, fmt: str, name: str, key: str) -> RdfContent:
    """Turn an RDF file into document graphs (see the module notes).

    Parameters
    ----------
    data : bytes
        The file's content.
    fmt : str
        One of :data:`FORMAT_NAMES`.
    name : str
        The file, for messages.
    key : str
        The file's document key: the name of the graph foreign RDF goes into.

    Raises
    ------
    InputError
        When the file does not parse, holds foreign named graphs, or holds pharmgraph
        statements together with triples that belong to no document.
    """
    import pyoxigraph

    from pharmgraph.rdf import DOCUMENT_BASE

    quads = parse_rdf(data, fmt, name)
    named = defaultdict(list)
    default = []
    for quad in quads:
        if isinstance(quad.graph_name, pyoxigraph.DefaultGraph):
            default.append(quad)
        else:
            named[quad.graph_name.value].append(quad)
    if named:
        foreign = sorted(g for g in named if not g.startswith(DOCUMENT_BASE))
        if foreign:
            more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
            raise InputError(
                f"{name} holds named graphs that are not pharmgraph documents (<{foreign[0]}>"
                f"{more}); pharmgraph loads "
                "other RDF as one graph per file, so give its triples as Turtle or N-Triples."
            )
        if default:
            raise InputError(
                f"{name} mixes {len(default)} triples in the default graph with pharmgraph's "
                "document graphs; a pharmgraph export keeps every triple in a document graph."
            )
        return RdfContent.of_graphs(named)
    if _is_pharmgraph(default):
        return _split_union(default, name)
    return _foreign(default, key)


_PG = "https://w3id.org/pharmgraph/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _count_statements(quads: list) -> int:
    # Every statement node, of either model, has one rdf:subject.
    return sum(1 for q in quads if q.predicate.value == _RDF + "subject")


def _is_pharmgraph(triples: list) -> bool:
    kinds = {_PG + "Statement", _PG + "Document"}
    return any(q.predicate.value == _RDF + "type" and getattr(q.object, "value", "") in kinds for q in triples)


def _foreign(triples: list, key: str) -> RdfContent:
    import pyoxigraph

    from pharmgraph.rdf import _oxigraph_terms, document_iri, document_triples

    graph = pyoxigraph.NamedNode(document_iri(key))
    quads = [pyoxigraph.Quad(s, p, o, graph) for s, p, o in document_triples(key, _oxigraph_terms())]
    quads += [pyoxigraph.Quad(q.subject, q.predicate, q.object, graph) for q in triples]
    return RdfContent(graphs={key: quads}, statements={key: 0}, foreign=True)


def _split_union(triples: list, name: str) -> RdfContent:
    """Split the union of pharmgraph document graphs back into the graphs."""
    import pyoxigraph

    from pharmgraph.rdf import DOCUMENT_BASE, EVIDENCE_BASE, STATEMENT_BASE

    rdf_type, stated_in = _RDF + "type", _PG + "statedIn"
    graph_of: dict[str, str] = {}  # statement node -> document graph
    documents = {q.subject.value for q in triples if q.predicate.value == rdf_type
                 and getattr(q.object, "value", "") == _PG + "Document"}
    # Model 2 graphs name their document by being its graph: the export adds pg:statedIn
    # for these formats, and it is dropped again here.
    version2 = {q.subject.value for q in triples if q.predicate.value == _PG + "modelVersion"}
    for q in triples:
        if q.predicate.value == stated_in and q.subject.value.startswith(STATEMENT_BASE):
            graph_of[q.subject.value] = q.object.value
    evidence_graphs: dict[str, set[str]] = defaultdict(set)
    entity_graphs: dict[str, set[str]] = defaultdict(set)
    claims: dict[tuple, set[str]] = defaultdict(set)
    parts: dict[str, dict[str, object]] = defaultdict(dict)
    for q in triples:
        node = q.subject.value
        if node in graph_of:
            p = q.predicate.value
            if p == _PG + "hasEvidence":
                evidence_graphs[q.object.value].add(graph_of[node])
            elif p in (_RDF + "subject", _RDF + "object"):
                entity_graphs[q.object.value].add(graph_of[node])
            if p in (_RDF + "subject", _RDF + "predicate", _RDF + "object", _PG + "negated"):
                parts[node][p] = q.object
    for node, fields in parts.items():
        negated = fields.get(_PG + "negated")
        if negated is not None and negated.value == "true":
            continue
        claim = tuple(getattr(fields.get(_RDF + k), "value", None) for k in ("subject", "predicate", "object"))
        claims[claim].add(graph_of[node])
    out: dict[str, list] = defaultdict(list)
    leftover = []
    for q in triples:
        node = q.subject.value
        if node.startswith(DOCUMENT_BASE) and node in documents:
            targets = {node}
        elif node in graph_of:
            targets = {graph_of[node]}
        elif "/qualifier/" in node and node.split("/qualifier/", 1)[0] in graph_of:
            targets = {graph_of[node.split("/qualifier/", 1)[0]]}
        elif node.startswith(EVIDENCE_BASE):
            targets = evidence_graphs.get(node, set())
        else:
            claim = (node, q.predicate.value, getattr(q.object, "value", None))
            targets = claims.get(claim) or entity_graphs.get(node, set())
        if not targets:
            leftover.append(q)
            continue
        if q.predicate.value == stated_in and targets <= version2:
            continue
        for graph in targets:
            out[graph].append(pyoxigraph.Quad(q.subject, q.predicate, q.object, pyoxigraph.NamedNode(graph)))
    if leftover:
        q = leftover[0]
        raise InputError(
            f"{name} holds pharmgraph statements and {len(leftover)} triples that belong to no "
            f"document (the first: {q.subject} {q.predicate} …); export with --format trig to "
            "keep every document graph, or give the other triples in a file of their own."
        )
    return RdfContent.of_graphs(out)


def read_rdf_file(path: str | Path, key: str, fmt: str | None = None) -> RdfContent:
    """Read an RDF file (format from ``fmt``, the suffix, or the content); see :func:`read_rdf`."""
    from pharmgraph.documents.reading import read_bytes

    path = Path(path)
    data = read_bytes(path)
    fmt = fmt or RDF_SUFFIXES.get(path.suffix.lower()) or sniff_rdf(data)
    if fmt is None:
        raise InputError(f"{path.name} is not RDF pharmgraph can read (Turtle, TriG, N-Triples, N-Quads, JSON-LD).")
    return read_rdf(data, fmt, path.name, key)
