"""The ``export`` command: the store written out in the ecosystem's formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pharmgraph.commands._common import store_from


@click.command(
    epilog="""
\b
Examples:
  pharmgraph export --format trig -o graph.trig
  pharmgraph export --format jsonld > graph.jsonld
"""
)
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"]), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole store as RDF. TriG and N-Quads keep one graph per document; the other
    formats merge them."""
    with store_from(ctx, read_only=True) as store:
        data = store.export(fmt)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


COMMANDS = [export]
