"""The ``doctor`` command: is the store damaged, what is lost, and what can be re-ingested."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pharmgraph.commands._common import emit
from pharmgraph.errors import StoreError


def _source_file(document: str) -> str | None:
    """The file a document key names, when it exists here (records: the part before ``#``)."""
    for candidate in (document, document.split("#", 1)[0]):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def diagnose(location: str | Path) -> dict:
    """Check a store (:func:`pharmgraph.store.check_store`) and say what to do per document.

    Returns
    -------
    dict
        The check's report plus ``documents``: one row per damaged document with the file it
        can be re-ingested from (when that file is here) and the action to take.
    """
    from pharmgraph.store import check_store

    folder = Path(location)
    if not (folder / "CURRENT").exists():
        raise StoreError(f"There is no pharmgraph store at {location}.")
    report = check_store(folder)
    rows = []
    for document in report["damaged"]:
        source = _source_file(document)
        action = f"pharmgraph ingest {source}" if source else "find its source file and ingest it again"
        rows.append({"document": document, "state": "damaged", "source": source or "", "action": action})
    report["documents"] = rows
    return report


def _salvage(location: Path, damaged: list[str], output: Path) -> int:
    """Write every readable document graph to ``output`` (N-Quads); return how many."""
    import pyoxigraph

    from pharmgraph.rdf import document_iri

    skip = {document_iri(d) for d in damaged}
    store = pyoxigraph.Store.read_only(str(location))
    written = 0
    with output.open("wb") as handle:
        for graph in store.named_graphs():
            if graph.value in skip:
                continue
            quads = list(store.quads_for_pattern(None, None, None, graph))
            handle.write(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS))
            written += 1
    return written


@click.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg doctor
  pharmgraph --store kg doctor --format json
  pharmgraph --store kg doctor --salvage readable.nq
The check reads every graph in a child process whose memory is capped, so a damaged
file costs a finding, never the machine. Exit status 1 when something is damaged.
To rebuild: ingest the salvaged N-Quads into a new store, then re-ingest the damaged
documents from their files (the 'action' column).
"""
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--salvage", type=click.Path(dir_okay=False, path_type=Path), help="Write every readable document graph to this N-Quads file.")
@click.pass_context
def doctor(ctx: click.Context, fmt: str, salvage: Path | None) -> None:
    """Check the embedded store for damage: which documents cannot be read, which of them can
    be re-ingested from files here, and (with --salvage) save everything still readable."""
    from pharmgraph.store import default_store_path

    root = ctx.find_root()
    location = (root.obj or {}).get("store") or os.environ.get("PHARMGRAPH_STORE") or default_store_path()
    if str(location).startswith(("http://", "https://")):
        raise StoreError("doctor checks the embedded store's files; a SPARQL server checks its own.")
    report = diagnose(location)
    if salvage is not None and not report["unreadable"]:
        report["salvaged"] = _salvage(Path(location), report["damaged"], salvage)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
    else:
        if report["ok"]:
            click.echo(f"The store at {location} is sound: {report['graphs']} graphs read.")
        elif report["unreadable"]:
            click.echo(
                f"The store at {location} is damaged beyond listing its graphs ({report['error']}); "
                "restore it from an export or re-ingest its source files into a new store."
            )
        else:
            click.echo(
                f"The store at {location} is damaged ({report['error']}): {len(report['damaged'])} of "
                f"{report['graphs']} document graphs cannot be read"
                + ("; an index is damaged too, so rebuild the store" if report["index_damaged"] else "")
                + "."
            )
            if report["documents"]:
                emit(report["documents"], "table", ["document", "state", "source", "action"])
        if "salvaged" in report:
            click.echo(f"Wrote {report['salvaged']} readable graphs to {salvage}.")
    if not report["ok"]:
        sys.exit(1)


COMMANDS = [doctor]
