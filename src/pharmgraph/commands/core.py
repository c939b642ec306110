"""Core commands: ingest, sparql, stats, validate."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pharmgraph.commands._common import emit, lexicon_option, progress, store_from
from pharmgraph.errors import InputError, QueryError


@click.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg ingest statements.jsonl
  pharmgraph --store kg ingest papers/ --format json
  pharmgraph --store kg ingest export.trig pubmed.nbib --skip-unknown
  pharmgraph --store kg ingest corpus/ --jobs 4 --batch 16
\b
Document keys: a document is named by its file's path as typed from the current
directory (papers/a/review.md and papers/b/review.md are two documents); a file
outside it by the folder you named plus the path inside it, else its absolute
path; --relative-to DIR makes keys relative to DIR. Records (PubTator, MEDLINE,
BioC, PubMed XML) are <file key>#<record id>. Ingesting a file again replaces its
documents. Each file lands whole or not at all: in one transaction, or, for a JSON
Lines file of 8 MB or more going into new documents, through the bulk loader, its
graphs hidden from readers until the whole file is in.
\b
Exit status: 0 when every file landed; 1 when a file was refused, or a file of
an unknown kind was found (unless --skip-unknown).
"""
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--skip-unknown", is_flag=True, help="Exit 0 even when some files are of a kind pharmgraph cannot read (they are still named).")
@click.option("--relative-to", type=click.Path(file_okay=False, path_type=Path), help="Name documents by their path relative to this folder.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes that read and extract files  [default: all cores].")
@click.option("--batch", type=click.IntRange(min=1), default=None, help="Files read ahead of the store writer at most, bounding memory  [default: 4 x jobs].")
@lexicon_option
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[Path, ...], fmt: str, skip_unknown: bool, relative_to: Path | None,
    jobs: int | None, batch: int | None, lexicons: tuple[Path, ...],
) -> None:
    """Store statements (JSON Lines), RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD) or
    documents (text, Markdown, HTML, PubTator, MEDLINE/.nbib, BioC, PubMed XML), and print
    what landed: files, documents, documents with no statement, statements, and every file
    refused or not understood."""
    from pharmgraph.ingest import IngestSummary, ingest_paths

    lexicon = None
    if lexicons:
        from pharmgraph.lexicon import lexicon_with

        lexicon = lexicon_with(lexicons)
    rows = []
    summary = IngestSummary()
    with store_from(ctx) as store:
        results = ingest_paths(
            store, paths, progress=lambda f: progress(f, "ingest"), lexicon=lexicon,
            relative_to=relative_to, summary=summary, jobs=jobs or os.cpu_count() or 1, batch=batch,
        )
        for result in results:
            for document, n in result.documents.items():
                rows.append({"file": str(result.path), "document": document, "statements": n})
    data = summary.to_dict()
    if fmt == "json":
        click.echo(json.dumps({"documents": rows, "summary": data}, indent=2, ensure_ascii=False))
    else:
        if rows:
            emit(rows, "table", ["file", "document", "statements"])
        click.echo(
            f"{data['files']} files, {data['documents']} documents "
            f"({data['documents_without_statements']} with no statement), {data['statements']} statements, "
            f"{data['local_id_entities']} entities with only a local id"
            + (f", {data['removed_documents']} vanished records removed" if data["removed_documents"] else "")
            + (f", {data['hidden_skipped']} hidden files not read" if data["hidden_skipped"] else "")
            + "."
        )
        for item in data["refused"]:
            click.echo(f"Refused: {item['reason']}")
        for item in data["unknown"]:
            click.echo(f"Unknown kind of file, not read: {item}")
    if summary.failed(skip_unknown):
        parts = []
        if data["refused"]:
            parts.append(f"{len(data['refused'])} refused")
        if data["unknown"] and not skip_unknown:
            parts.append(f"{len(data['unknown'])} of an unknown kind (--skip-unknown to accept)")
        click.echo(f"Error: not every file landed: {' and '.join(parts)}.", err=True)
        sys.exit(1)


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
  pharmgraph stats --documents          # every document key with its statements
A damaged store is named in one sentence (see 'pharmgraph doctor').
"""
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--documents", "list_documents", is_flag=True, help="List every document (its key) with its number of statements.")
@click.pass_context
def stats(ctx: click.Context, fmt: str, list_documents: bool) -> None:
    """Count what the store holds: documents, statements (negated, hedged), entities by type."""
    with store_from(ctx, read_only=True) as store:
        if list_documents:
            store.stats()  # checks a damaged store before the listing scans it
            emit(store.document_counts(), fmt, ["document", "statements"])
            return
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
