"""``pharmgraph migrate``: rewrite document graphs of RDF model 1 as model 2."""

from __future__ import annotations

import json

import click

from pharmgraph.commands._common import store_from


@click.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg migrate
  pharmgraph --store kg migrate --dry-run
  pharmgraph --store kg migrate --format json
  pharmgraph --store http://127.0.0.1:7878/query migrate
\b
Every pharmgraph command reads stores of either model, so migrating is optional:
it makes an older store smaller (a model 1 statement takes two to three times
the quads). Each document graph is rewritten in its own transaction; graphs
already in model 2 are skipped, so an interrupted run is simply run again.
Graphs without pharmgraph statements (foreign RDF) are left alone.
"""
)
@click.option("--dry-run", is_flag=True, help="Count the graphs that would be rewritten; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def migrate(ctx: click.Context, dry_run: bool, fmt: str) -> None:
    """Rewrite the store's document graphs written by an older pharmgraph (RDF model 1) in
    the current model (2), graph by graph, and print how many were rewritten."""
    from pharmgraph.migration import migrate as run

    with store_from(ctx, read_only=dry_run) as store:
        summary = run(store, dry_run=dry_run)
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2))
        return
    verb = "would be rewritten" if dry_run else "rewritten"
    line = (f"{summary['graphs']} document graphs: {summary['migrated']} {verb} in model 2, "
            f"{summary['already']} already in model 2, {summary['other']} without statements left alone")
    if summary["migrated"] and not dry_run:
        line += (f"; {summary['statements']} statements, {summary['quads_before']} quads before, "
                 f"{summary['quads_after']} after")
    click.echo(line + f" ({summary['seconds']:.1f} s).")


COMMANDS = [migrate]
