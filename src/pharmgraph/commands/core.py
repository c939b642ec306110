"""Core commands: ingest, sparql, stats, validate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pharmgraph.commands._common import emit, progress, store_from
from pharmgraph.errors import InputError, QueryError
from pharmgraph.ingest import ingest_paths


@click.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg ingest statements.jsonl
  pharmgraph --store kg ingest data/examples/ --format json
"""
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Store statements (JSON Lines) or documents (text, Markdown, HTML, PubTator, BioC,
    PubMed XML). Each document is stored in one transaction; ingesting it again replaces
    what it had."""
    rows = []
    with store_from(ctx) as store:
        for path, counts in ingest_paths(store, paths, progress=lambda f: progress(f, "ingest")):
            for document, n in counts.items():
                rows.append({"file": str(path), "document": document, "statements": n})
    emit(rows, fmt, ["file", "document", "statements"])


@click.command(
    epilog="""
\b
Examples:
  pharmgraph sparql 'SELECT ?drug ?target WHERE { ?drug pg:blocks ?target }'
  pharmgraph sparql -f query.rq --format csv
  echo 'ASK { ?s ?p ?o }' | pharmgraph sparql -f -
The prefixes pg, rdf, rdfs, xsd, skos, prov, dcterms and obo are predeclared; the default
graph is the union of the document graphs.
"""
)
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file (- for stdin).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld"]), default="table", show_default=True)
@click.pass_context
def sparql(ctx: click.Context, query: str | None, query_file, fmt: str) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) against the store."""
    if query_file is not None:
        query = query_file.read()
    if not query or not query.strip():
        raise click.UsageError("Give a query, or -f FILE.")
    with store_from(ctx, read_only=True) as store:
        if fmt == "table":
            raw = store.query_bytes(query, "json")
            try:
                data = json.loads(raw)
            except ValueError:  # CONSTRUCT/DESCRIBE: show Turtle
                click.echo(store.query_bytes(query, "turtle").decode("utf-8"), nl=False)
                return
            if "boolean" in data:
                click.echo("yes" if data["boolean"] else "no")
                return
            names = data["head"]["vars"]
            rows = [{n: b.get(n, {}).get("value") for n in names} for b in data["results"]["bindings"]]
            emit(rows, "table", names)
            return
        out = store.query_bytes(query, fmt)
        sys.stdout.buffer.write(out)
        if out and not out.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")


@click.command(
    epilog="""
\b
Examples:
  pharmgraph stats
  pharmgraph stats --format json
"""
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count what the store holds: documents, statements (negated, hedged), entities by type."""
    with store_from(ctx, read_only=True) as store:
        data = store.stats()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    rows = [{"what": k, "count": v} for k, v in data.items() if not isinstance(v, dict)]
    rows += [{"what": f"entities: {k}", "count": v} for k, v in data["entities"].items()]
    rows += [{"what": f"statements: {k}", "count": v} for k, v in data["predicates"].items()]
    emit(rows, "table", ["what", "count"])


@click.command(
    epilog="""
\b
Examples:
  pharmgraph validate                 # the whole store
  pharmgraph validate graph.trig      # an RDF file
  pharmgraph validate statements.jsonl --format json
Exit status 1 when there are violations.
"""
)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def validate(ctx: click.Context, path: Path | None, fmt: str) -> None:
    """Check statements against pharmgraph's SHACL shapes (ontology/shapes.ttl)."""
    from pharmgraph.validation import validate_path, validate_store

    if path is not None:
        findings = validate_path(path)
    else:
        with store_from(ctx, read_only=True) as store:
            findings = validate_store(store)
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in findings], indent=2))
    elif findings:
        emit([f.to_dict() for f in findings], "table", ["severity", "focus", "path", "message"])
    else:
        click.echo("No violations.")
    if any(f.severity == "Violation" for f in findings):
        sys.exit(1)


COMMANDS = [ingest, sparql, stats, validate]

__all__ = ["COMMANDS", "InputError", "QueryError"]
