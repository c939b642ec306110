"""The ``import`` commands: curated sources (Hetionet, DrugMechDB, KGX) into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pharmgraph.commands._common import emit, store_from
from pharmgraph.sources.records import ImportSummary

FORMATS = click.Choice(["table", "json"])


class _Bar:
    """A statement counter on stderr (tqdm), shown only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        from tqdm import tqdm

        self._bar = tqdm(desc=label, unit=" statements", disable=not sys.stderr.isatty(), leave=False)
        self._seen = 0

    def __call__(self, count: int) -> None:
        self._bar.update(count - self._seen)
        self._seen = count

    def close(self) -> None:
        self._bar.close()


def _report(summary: ImportSummary, fmt: str, grounding=None) -> None:
    data = summary.to_dict()
    if grounding is not None:
        data["grounding"] = grounding.to_dict()
    if fmt == "json":
        emit([data], "json")
        return
    skipped = sum(summary.skipped.values())
    click.echo(
        f"Imported {summary.statements:,} statements from {summary.records:,} {summary.source} records "
        f"into {summary.document} in {summary.seconds:.1f} s ({skipped:,} records skipped)."
    )
    if grounding is not None:
        click.echo(f"Identifiers: {grounding.summary()}.")
    if summary.skipped:
        rows = [{"skipped": reason, "records": n} for reason, n in sorted(summary.skipped.items())]
        emit(rows, "table", ["skipped", "records"])


def _run(ctx: click.Context, label: str, fmt: str, call) -> None:
    from pharmgraph.grounding import Grounder

    bar = _Bar(label)
    grounder = Grounder()  # every imported id is mapped to the canonical one, as at ingest
    try:
        with store_from(ctx) as store:
            summary = call(store, bar, grounder.statements)
    finally:
        bar.close()
    _report(summary, fmt, grounder.counts)


@click.group(
    name="import",
    epilog="""
\b
Examples:
  pharmgraph --store kg import hetionet ../shared/corpora/hetionet
  pharmgraph --store kg import drugmechdb ../shared/corpora/drugmechdb/indication_paths.reassembled.json.gz
  pharmgraph --store kg import kgx partner_nodes.tsv partner_edges.tsv --name partner
  pharmgraph --store kg import go
""",
)
def import_group() -> None:
    """Import a curated source into its own named graph (source:NAME), replacing what an
    earlier import of it put there. Each record becomes a statement whose evidence names the
    source (infores CURIE), the record, the source version and the knowledge level."""


@import_group.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg import hetionet ../shared/corpora/hetionet
  pharmgraph --store kg import hetionet hetionet-v1.0-edges.sif.gz --metaedges CbG,CtD
  pharmgraph --store kg import hetionet ../shared/corpora/hetionet --metaedges all --format json
\b
By default every mapped metaedge except the gene-gene ones (GiG, Gr>G) and the compound
expression signatures (CuG, CdG) is imported; --metaedges all adds them.
"""
)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--metaedges", help="Comma-separated metaedges to import (CbG,CtD,...), or 'all'.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def hetionet(ctx: click.Context, path: Path, metaedges: str | None, fmt: str) -> None:
    """Import Hetionet: a folder with the nodes table and SIF edge files, or one SIF file
    (the nodes table is looked for beside it)."""
    from pharmgraph.sources import hetionet as source

    chosen = [m.strip() for m in metaedges.split(",") if m.strip()] if metaedges else None
    if chosen is not None:
        source.check_metaedges(chosen)
    _run(ctx, "hetionet", fmt, lambda store, bar, ground: source.import_source(store, path, chosen, resolve=ground, progress=bar))


@import_group.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg import drugmechdb ../shared/corpora/drugmechdb/indication_paths.reassembled.json.gz
  pharmgraph --store kg import drugmechdb indication_paths.yaml --format json
"""
)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def drugmechdb(ctx: click.Context, path: Path, fmt: str) -> None:
    """Import DrugMechDB's indication paths (JSON or YAML, gzipped or not, or their folder):
    every link of every path, and the indication each path explains."""
    from pharmgraph.sources import drugmechdb as source

    _run(ctx, "drugmechdb", fmt, lambda store, bar, ground: source.import_source(store, path, resolve=ground, progress=bar))


@import_group.command(
    name="go",
    epilog="""
\b
Examples:
  pharmgraph --store kg import go
  pharmgraph --store kg import go --scope all --format json
\b
Import the other sources (Hetionet, DrugMechDB, documents) first: by default only the
annotations between genes and processes the store already holds are imported. Import GO
again after adding sources to link what they brought.
"""
)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--scope", type=click.Choice(["store", "all"]), default="store", show_default=True,
              help="store: annotations among the genes and processes already in the store; all: every one.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def go(ctx: click.Context, path: Path | None, scope: str, fmt: str) -> None:
    """Import the GO biological-process annotations of human genes (gene participates_in
    process; the lexicon's built-in file unless PATH is given), as the source:go graph."""
    from pharmgraph.sources import go_annotations as source

    _run(ctx, "go", fmt, lambda store, bar, ground: source.import_source(store, path, scope=scope, resolve=ground, progress=bar))


@import_group.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg import kgx other_team_nodes.tsv other_team_edges.tsv
  pharmgraph --store kg import kgx exported/ --name partner-kg
  pharmgraph --store kg import kgx graph_nodes.jsonl --format json
"""
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--name", help="Source name; the graph is source:NAME (default kgx-<file stem>).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def kgx(ctx: click.Context, paths: tuple[Path, ...], name: str | None, fmt: str) -> None:
    """Import a KGX graph (nodes and edges, TSV or JSON Lines): a folder, one of the two
    files (the other is found by name), or both."""
    from pharmgraph.sources import kgx as source

    source.find_files(paths)
    _run(ctx, "kgx", fmt, lambda store, bar, ground: source.import_source(store, paths, name, resolve=ground, progress=bar))


COMMANDS = [import_group]
