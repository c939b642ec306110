"""Helpers shared by the CLI commands: opening the store, output formats, progress bars."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from pharmgraph.store import GraphStore, open_store

EMPTY_STORE = "The store holds no statements; ingest documents first."
FORMAT_CHOICE = click.Choice(["table", "json", "csv"])

lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra lexicon file (TSV, OBO, Hetionet nodes); repeat for more.",
)
"""The ``--lexicon FILE`` option of the commands that match names against the lexicon."""

model_option = click.option(
    "--model",
    metavar="FILE|none",
    help="Relation model from `pharmgraph train` (default: $PHARMGRAPH_MODEL, else the shipped "
    "one); `none` for the rules alone.",
)
"""The ``--model`` option of the commands that extract statements."""


def use_model(model: str | None) -> None:
    """Make ``--model`` the relation model of this run, checking it loads first.

    The choice goes into ``$PHARMGRAPH_MODEL``, so worker processes of the same run use it too.
    """
    if model is None:
        return
    import os

    from pharmgraph.extract.learned import MODEL_ENV, load_model

    load_model(model)  # one clear sentence now for a missing or malformed file
    os.environ[MODEL_ENV] = model


@contextlib.contextmanager
def store_from(ctx: click.Context, read_only: bool = False) -> Iterator[GraphStore]:
    """Open the store named by the global ``--store`` option and close it afterwards."""
    root = ctx.find_root()
    location = (root.obj or {}).get("store")
    update_url = (root.obj or {}).get("update_url")
    if update_url and str(location or "").startswith(("http://", "https://")):
        from pharmgraph.store import SparqlEndpointStore

        store: GraphStore = SparqlEndpointStore(str(location), update_url)
    else:
        store = open_store(location, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def progress(iterable: Iterable, label: str, total: int | None = None) -> Iterable:
    """Wrap an iterable in a progress bar on stderr, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(iterable, desc=label, total=total, disable=not sys.stderr.isatty(), leave=False, unit="doc")


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Render rows as an aligned plain-text table."""
    if not rows:
        return "(no results)"
    columns = list(columns or rows[0].keys())
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(_clip(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Print rows as a table, JSON (a list of objects) or CSV."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        columns = list(columns or (rows[0].keys() if rows else []))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(render_table(rows, columns))
