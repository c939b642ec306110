"""Commands for corpora beyond one ingest: ``shard`` (extraction on a Dask cluster) and
``bulk-load`` (the shards into the embedded store)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pharmgraph.commands._common import store_from


@click.command(
    epilog="""
\b
Examples:
  pharmgraph shard papers/ -o shards/                       # a local cluster, all cores
  pharmgraph shard papers/ -o shards/ --workers 2 --files-per-task 500
  pharmgraph shard pubmed/ -o /data/shards --scheduler tcp://head:8786
  pharmgraph --store kg bulk-load shards/
A rerun keeps the shards already written and extracts only the missing batches.
"""
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for the N-Quads shards.")
@click.option("--scheduler", metavar="ADDRESS", help="A running dask.distributed scheduler; default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the local cluster (default: all cores).")
@click.option("--files-per-task", type=click.IntRange(min=1), default=200, show_default=True, help="Files per task and shard.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def shard(paths: tuple[Path, ...], out_dir: Path, scheduler: str | None, workers: int | None,
          files_per_task: int, fmt: str) -> None:
    """Extract documents on a Dask cluster into N-Quads shards, one named graph per document,
    the same quads `ingest` would store. Load them with `bulk-load`, or with a SPARQL server's
    own bulk loader."""
    from pharmgraph.distributed import extract_shards

    report = extract_shards(paths, out_dir, scheduler=scheduler, n_workers=workers, files_per_task=files_per_task)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(
            f"{report.files} files, {report.documents} documents ({report.empty_documents} without a statement), "
            f"{report.statements} statements in {len(report.shards)} shards under {out_dir}"
            + (f"; {report.reused} shards kept from an earlier run" if report.reused else "")
            + "."
        )
        for file, reason in report.refused:
            click.echo(f"refused: {file}: {reason}", err=True)
    if report.refused:
        raise SystemExit(1)


@click.command("bulk-load", epilog="""
\b
Examples:
  pharmgraph --store kg bulk-load shards/
  pharmgraph --store kg bulk-load shards/ --format json
""")
@click.argument("shard_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def bulk_load(ctx: click.Context, shard_dir: Path, fmt: str) -> None:
    """Load the shards written by `shard` into the embedded store with Oxigraph's bulk loader.
    Documents the store already holds are refused: re-ingest those with `ingest`."""
    from pharmgraph.distributed import bulk_load_shards

    with store_from(ctx) as store:
        documents = bulk_load_shards(store, shard_dir)
    if fmt == "json":
        click.echo(json.dumps({"documents": len(documents), "statements": sum(documents.values())}))
    else:
        click.echo(f"Loaded {len(documents)} documents, {sum(documents.values())} statements.")


COMMANDS = [shard, bulk_load]
