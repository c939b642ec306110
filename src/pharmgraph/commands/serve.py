"""``pharmgraph serve``: a read-only SPARQL 1.1 endpoint and web pages over the store."""

from __future__ import annotations

import ipaddress
import os

import click

from pharmgraph.errors import StoreError


def is_loopback(host: str) -> bool:
    """Tell whether ``host`` only accepts connections from this machine.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.5")
    (False, False)
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_workers() -> int:
    """Two query workers, or up to four on machines with more cores."""
    return max(2, min(4, os.cpu_count() or 2))


@click.command(
    epilog="""
\b
Examples:
  pharmgraph --store kg serve
  pharmgraph --store kg serve --port 8080 --timeout 10 --max-results 5000
  pharmgraph --store kg serve --host 0.0.0.0     # reachable from other machines
\b
Then open http://127.0.0.1:7878/ in a browser, or query the endpoint:
  curl -H 'Accept: text/csv' --data-urlencode \\
       'query=SELECT ?d ?t WHERE { ?d pg:blocks ?t }' http://127.0.0.1:7878/sparql
\b
Routes: /sparql (SPARQL 1.1 Protocol: GET, POST form, POST application/sparql-query),
/ (overview), /search?q=, /entity/CURIE, /document/NAME, /query (query form),
/view/entity/CURIE?radius=1|2 and /view/document/NAME (graph views).
Updates are refused (403), as are SERVICE and LOAD; a query past --timeout gets 503 and
results past --max-results are cut off (header X-Pharmgraph-Truncated: true).
On a loopback address the server answers only to loopback host names (no DNS rebinding).
The store is opened read-only: stop the server before ingesting into it.
"""
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Most rows or triples a query returns; more are cut off.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Query worker processes (queries run at the same time). [default: 2-4 by CPU count]")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request on stderr.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_results: int,
          workers: int | None, access_log: bool) -> None:
    """Serve the store read-only: a SPARQL 1.1 query endpoint at /sparql and pages to browse
    entities, documents and their evidence."""
    import uvicorn

    from pharmgraph.server import ServerConfig, create_app
    from pharmgraph.server.app import LOOPBACK_NAMES
    from pharmgraph.store import OxigraphStore, default_store_path

    location = (ctx.find_root().obj or {}).get("store") or os.environ.get("PHARMGRAPH_STORE") or str(default_store_path())
    if str(location).startswith(("http://", "https://")):
        raise StoreError("pharmgraph serve needs a store folder, not a SPARQL endpoint URL.")
    if str(location) == ":memory:":
        raise StoreError("pharmgraph serve needs a store folder; an in-memory store would be empty.")
    OxigraphStore(location, read_only=True)  # fail now, in one sentence, if it cannot be opened
    # On loopback, answer only to loopback host names (no DNS rebinding); elsewhere, to any.
    allowed = (*LOOPBACK_NAMES, host) if is_loopback(host) else None
    config = ServerConfig(store=str(location), timeout=timeout, max_results=max_results,
                          workers=workers or default_workers(), allowed_hosts=allowed)
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, not on a loopback address: anyone who can reach this "
            "machine on that port can query the store.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"Serving {location} read-only at http://{shown}:{port}/ (SPARQL endpoint /sparql); "
        "press Ctrl-C to stop.",
        err=True,
    )
    uvicorn.run(create_app(config), host=host, port=port, log_level="info" if access_log else "warning",
                access_log=access_log, server_header=False)


COMMANDS = [serve]
