"""The ``export`` command: the store written out in the ecosystem's formats."""

from __future__ import annotations

from pathlib import Path

import click

from pharmgraph.commands._common import store_from
from pharmgraph.exports import FORMATS, MULTI_FILE, export_store, format_for_path


@click.command(
    epilog="""
\b
Examples:
  pharmgraph export -o graph.ttl                      (Turtle, from the suffix)
  pharmgraph export --format trig -o graph.trig
  pharmgraph export -o graph.graphml                  (Cytoscape; .gexf for Gephi)
  pharmgraph export --format kgx -o kgx/              (kgx/nodes.tsv, kgx/edges.tsv)
  pharmgraph export -o out/pharmgraph_edges.jsonl     (KGX JSON Lines pair)
  pharmgraph export --format neo4j-csv -o neo4j/      (nodes.csv, relationships.csv)
  pharmgraph export --format jsonld > graph.jsonld
\b
Suffixes: .ttl .trig .nq .nt .jsonld .rdf .graphml .gexf, *_nodes.tsv / *_edges.tsv
(*.jsonl) for KGX, *_nodes.csv / *_relationships.csv for Neo4j.
"""
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the -o suffix, else trig).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (or folder, for kgx and neo4j-csv) instead of stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str | None, output: Path | None) -> None:
    """Write the whole store. TriG and N-Quads keep one graph per document and source; the
    other RDF formats merge them. GraphML and GEXF hold scalars only (evidence as counts and
    a joined text); KGX uses Biolink 4 predicates and qualifiers; neo4j-csv is for
    neo4j-admin database import."""
    if fmt is None:
        fmt = (format_for_path(output) if output else None) or "trig"
    if fmt in MULTI_FILE and output is None:
        raise click.UsageError(f"--format {fmt} writes two files; give -o FOLDER.")
    notes: list[str] = []
    with store_from(ctx, read_only=True) as store:
        written = export_store(store, fmt, output, notes)
    for note in notes:
        click.echo(note, err=True)
    if written:
        click.echo(f"Wrote {', '.join(str(p) for p in written)} ({fmt}).", err=True)
    if fmt == "neo4j-csv" and written:
        click.echo(
            f"Load with: neo4j-admin database import full --nodes={written[0]} --relationships={written[1]} neo4j",
            err=True,
        )


COMMANDS = [export]
