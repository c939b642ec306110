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
  pharmgraph --store kg serve --cors https://yasgui.triply.cc   # let YASGUI query it
  pharmgraph --store http://127.0.0.1:8890/sparql serve   # in front of a SPARQL server
\b
Then open http://127.0.0.1:7878/ in a browser, or query the endpoint:
  curl -H 'Accept: text/csv' --data-urlencode \\
       'query=SELECT ?d ?t WHERE { ?d pg:blocks ?t }' http://127.0.0.1:7878/sparql
\b
Routes: /sparql (SPARQL 1.1 Protocol: GET, POST form, POST application/sparql-query),
/ (overview), /search?q=, /entity/CURIE, /document/NAME, /query (query form),
/view/entity/CURIE?radius=1|2 and /view/document/NAME (graph views).
Updates are refused (403), as are SERVICE and LOAD: every query is parsed by rdflib's
SPARQL 1.1 parser (a text it cannot read is refused) and also scanned for the letters
SERVICE or LOAD anywhere outside strings, IRIs, comments and variable names (after
decoding \\u escapes), so a prefixed name such as ex:workload is refused too.
A query past --timeout gets 503; results past --max-results are cut off (header
X-Pharmgraph-Truncated: true). A SELECT without DISTINCT, aggregates or GRAPH gets
DISTINCT (the union of the document graphs repeats a triple once per document); pass
distinct=false to keep every row (header X-Pharmgraph-Distinct says which).
\b
Each client (IP address) may run --per-client queries at once and queue --queue more;
beyond that it gets 503 with Retry-After. Pages have their own workers and never wait
behind queries; /search uses an index built at start-up.
\b
Cross-site POSTs are refused (Origin must be this server's own); --cors ORIGIN (repeatable,
* for any) lets web applications on ORIGIN query /sparql (GET, POST, OPTIONS preflight).
On a loopback address the server answers only to loopback host names (no DNS rebinding).
The store is opened read-only and marked as served (a file SERVED_BY.<pid> in the store folder):
ingest into it is refused until the server stops.
\b
With --store URL (a SPARQL 1.1 query endpoint: oxigraph serve --union-default-graph,
Virtuoso's /sparql, ...) the same server runs in front of it: queries pass the same checks
and limits here, then go to that server; pages query it too, and /search uses names read
from it at start-up. Nothing is written to it. When it cannot be reached or fails, the
answer is 502; when it does not answer within --timeout, 504.
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
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from ORIGIN (e.g. https://yasgui.triply.cc, or *) query /sparql. Repeatable.")
@click.option("--per-client", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Queries one client (IP address) may run at once.")
@click.option("--queue", "queue", default=4, show_default=True, type=click.IntRange(0, 1000),
              help="Queries one client may have waiting; more get 503 with Retry-After.")
@click.option("--page-workers", default=2, show_default=True, type=click.IntRange(1, 16),
              help="Worker processes for the pages (a lane of their own).")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request on stderr.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_results: int,
          workers: int | None, cors: tuple[str, ...], per_client: int, queue: int, page_workers: int,
          access_log: bool) -> None:
    """Serve the store read-only: a SPARQL 1.1 query endpoint at /sparql and pages to browse
    entities, documents and their evidence."""
    import uvicorn

    from pharmgraph.server import ServerConfig, create_app
    from pharmgraph.server.app import LOOPBACK_NAMES
    from pharmgraph.server.remote import check_endpoint, is_url
    from pharmgraph.store import OxigraphStore, default_store_path

    location = (ctx.find_root().obj or {}).get("store") or os.environ.get("PHARMGRAPH_STORE") or str(default_store_path())
    remote = is_url(str(location))
    if str(location) == ":memory:":
        raise StoreError("pharmgraph serve needs a store folder; an in-memory store would be empty.")
    if remote:
        check_endpoint(str(location), timeout=min(timeout, 30.0))  # fail now, in one sentence
    else:
        OxigraphStore(location, read_only=True).close()  # fail now, in one sentence, if it cannot be opened
    # On loopback, answer only to loopback host names (no DNS rebinding); elsewhere, to any.
    allowed = (*LOOPBACK_NAMES, host) if is_loopback(host) else None
    config = ServerConfig(store=str(location), timeout=timeout, max_results=max_results,
                          workers=workers or default_workers(), allowed_hosts=allowed, cors=tuple(cors),
                          page_workers=page_workers, per_client=per_client, queue_per_client=queue,
                          queue_total=max(64, 16 * queue))
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, not on a loopback address: anyone who can reach this "
            "machine on that port can query the store.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    what = f"the SPARQL server at {location}" if remote else str(location)
    click.echo(
        f"Serving {what} read-only at http://{shown}:{port}/ (SPARQL endpoint /sparql); "
        "press Ctrl-C to stop.",
        err=True,
    )
    uvicorn.run(create_app(config), host=host, port=port, log_level="info" if access_log else "warning",
                access_log=access_log, server_header=False)


COMMANDS = [serve]
