"""The store written out in the ecosystem's formats.

RDF (Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML) for RDF tools; GraphML and GEXF for
Cytoscape and Gephi; KGX nodes/edges for Biolink tools; CSV for ``neo4j-admin database
import``. Every exporter reads the store with SPARQL queries whose results are streamed
(:mod:`pharmgraph.exports.rows`). :func:`format_for_path` picks a format from the name given
to ``-o``.

Examples
--------
>>> format_for_path("graph.ttl"), format_for_path("g.graphml"), format_for_path("out/kg_edges.tsv")
('turtle', 'graphml', 'kgx')
>>> format_for_path("neo/x_nodes.csv"), format_for_path("folder") is None
('neo4j-csv', True)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.store import GraphStore

RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json-ld": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
}
GRAPH_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf"}

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml", "graphml", "gexf", "kgx", "neo4j-csv")
"""Every name ``pharmgraph export --format`` takes."""

#: Formats written as a pair of files (or a folder); they need ``-o``.
MULTI_FILE = ("kgx", "neo4j-csv")


def format_for_path(path: str | Path) -> str | None:
    """Return the export format a file name asks for, or None when it does not say."""
    name = Path(path).name.lower()
    suffix = Path(name).suffix
    if suffix in RDF_SUFFIXES:
        return RDF_SUFFIXES[suffix]
    if suffix in GRAPH_SUFFIXES:
        return GRAPH_SUFFIXES[suffix]
    if name.endswith(("_nodes.tsv", "_edges.tsv", "_nodes.jsonl", "_edges.jsonl")):
        return "kgx"
    if name.endswith(("_nodes.csv", "_relationships.csv")):
        return "neo4j-csv"
    return None


def export_store(
    store: GraphStore, fmt: str, output: str | Path | None = None, notes: list[str] | None = None
) -> list[Path]:
    """Write the store in ``fmt`` to ``output`` (stdout when None); return the files written.

    ``notes``, when given, receives sentences about what was left out.

    Raises
    ------
    InputError
        For an unknown format, or a two-file format without ``output``.
    """
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt in MULTI_FILE:
        if output is None:
            raise InputError(f"The {fmt} export writes two files: give -o FOLDER (or a *_nodes file name).")
        if fmt == "kgx":
            from pharmgraph.exports.kgx import write_kgx

            result = write_kgx(store, output)
            nodes, edges = result["nodes_path"], result["edges_path"]
            if notes is not None and (result["left_out_nodes"] or result["left_out_edges"]):
                notes.append(
                    f"Left out {result['left_out_nodes']} entities whose id prefix Biolink does not know "
                    f"(local pharmgraph: ids and others) and {result['left_out_edges']} claims that touch them."
                )
        else:
            from pharmgraph.exports.neo4j import write_neo4j

            nodes, edges, _, _ = write_neo4j(store, output)
        return [nodes, edges]
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    if fmt in GRAPH_SUFFIXES.values():
        from pharmgraph.exports.graphs import write_gexf, write_graphml

        writer = write_graphml if fmt == "graphml" else write_gexf
        if output is None:
            writer(store, io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True))
            return []
        with Path(output).open("w", encoding="utf-8") as out:
            writer(store, out)
        return [Path(output)]
    from pharmgraph.exports.rdf import write_rdf

    if output is None:
        write_rdf(store, fmt, sys.stdout.buffer)
        return []
    with Path(output).open("wb") as out:
        write_rdf(store, fmt, out)
    return [Path(output)]
