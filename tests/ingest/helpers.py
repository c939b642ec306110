"""Small helpers for the ingest tests: run the CLI, compare stores as graphs."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pharmgraph.cli import main


def run(*args: str, cwd=None):
    """Invoke the CLI (optionally from ``cwd``); return the click result."""
    import os

    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, [str(a) for a in args])
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def ingest_json(store, *paths, cwd=None, extra=()):
    """Run ``ingest --format json``; return (exit code, parsed output or None, raw output)."""
    result = run("--store", store, "ingest", *paths, *extra, "--format", "json", cwd=cwd)
    text = result.stdout if hasattr(result, "stdout") else result.output
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    return result.exit_code, data, result.output


def graphs_of(nquads: bytes) -> dict[str, object]:
    """Parse N-Quads into rdflib graphs keyed by graph IRI (empty graphs left out)."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def union_of(nquads: bytes):
    """The union of all graphs in N-Quads, as one rdflib Graph."""
    from rdflib import Graph

    union = Graph()
    for graph in graphs_of(nquads).values():
        for triple in graph:
            union.add(triple)
    return union
