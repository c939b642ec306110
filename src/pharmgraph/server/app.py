"""The Starlette application behind ``pharmgraph serve``.

Routes
------
``GET, POST /sparql``
    SPARQL 1.1 Protocol query endpoint (read-only), see :mod:`pharmgraph.server.protocol`.
``GET /``
    Counts by type and predicate, documents, a search box.
``GET /search?q=``
    Entities whose label, synonym or CURIE matches ``q`` (prefix, substring or fuzzy), from an
    in-memory index built at start-up (:mod:`pharmgraph.server.label_index`).
``GET /entity/{curie}``
    An entity's statements, grouped by predicate, with their evidence.
``GET /document/{name}``
    What was extracted from one document.
``GET, POST /query``
    A query form; with a query, its results as an HTML table (CURIEs, links to entity pages).
``GET /view/entity/{curie}?radius=1|2`` and ``GET /view/document/{name}``
    Interactive graph views (standalone HTML pages).

Lanes: pages (home, entity, document) run their small queries on their own page workers;
users' queries (``/sparql``, ``/query``) and graph views run on the query workers, at a lower
CPU priority, behind per-client admission (:mod:`pharmgraph.server.admission`). ``/search``
reads the label index in the server process and the home page's counts are computed once
(the store does not change while served: :mod:`pharmgraph.serving`). So a page never waits
behind a query.

In front of a remote SPARQL server (``store`` is an ``http(s)://`` URL) the routes, lanes,
checks and limits are the same; the workers forward the checked queries to the server
(:mod:`pharmgraph.server.remote`), the label index is read from it with paged SELECTs, and
nothing is written to it (no served-by marker: that is for store folders).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pharmgraph.errors import StoreError
from pharmgraph.server import pages, protocol
from pharmgraph.server.admission import Admission
from pharmgraph.server.cross_site import CrossSite
from pharmgraph.server.pool import WorkerPool

log = logging.getLogger("pharmgraph.server")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
QUERY_NICENESS = 5
"""Added to the query workers' niceness, so pages and the server itself get the CPU first."""


@dataclass(frozen=True)
class ServerConfig:
    """How the server runs.

    Parameters
    ----------
    store : str
        The store folder (opened read-only by every worker), or the query URL of a remote
        SPARQL 1.1 server to serve in front of.
    timeout : float
        Seconds a request may take, waiting for a worker included; longer queries are stopped.
    max_results : int
        Most rows (or triples) a query returns; more are cut off and the response says so.
    workers : int
        Query worker processes, i.e. queries that run at the same time.
    allowed_hosts : tuple of str or None
        Host names the server answers to (the ``Host`` header); None for any. A server on a
        loopback address should list only loopback names, so that a web page whose domain
        is re-pointed at 127.0.0.1 (DNS rebinding) cannot read the store.
    cors : tuple of str
        Origins whose web pages may query ``/sparql`` (``*`` for any); none by default.
    page_workers : int
        Worker processes for the pages' own queries (a separate lane from ``workers``).
    per_client : int
        Queries one client (IP address) may have running at once.
    queue_per_client, queue_total : int
        Queries that may wait, per client and in all; beyond, 503 with ``Retry-After``.
    mark_store : bool
        Write the "being served" marker into the store folder (:mod:`pharmgraph.serving`);
        never done for a remote server.
    index_page : int
        Rows per request when the label index is read from a remote server.
    """

    store: str
    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    workers: int = 2
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES
    cors: tuple[str, ...] = ()
    page_workers: int = 2
    per_client: int = 1
    queue_per_client: int = 4
    queue_total: int = 64
    mark_store: bool = True
    index_page: int = 10_000

    @property
    def remote(self) -> bool:
        """True when the store is a remote SPARQL server's URL."""
        return self.store.startswith(("http://", "https://"))

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("the time limit must be positive")
        if self.max_results < 1:
            raise ValueError("the result limit must be at least 1")
        if self.workers < 1 or self.page_workers < 1:
            raise ValueError("at least one worker is needed")
        if self.per_client < 1 or self.queue_per_client < 0 or self.queue_total < 0:
            raise ValueError("the admission bounds must be positive")
        if self.index_page < 1:
            raise ValueError("an index page holds at least one row")


async def _not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/sparql"):
        return protocol.error_response(404, "Not found.")
    return pages.error_page(404, "There is no page at this address.")


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    response = protocol.error_response(405, f"{request.method} is not allowed here.")
    allowed = getattr(exc, "headers", None) or {}
    if "Allow" in allowed:
        response.headers["Allow"] = allowed["Allow"]
    return response


async def _server_error(request: Request, exc: Exception) -> Response:
    return protocol.error_response(500, "The server failed to answer this request.")


def _build_remote_index(config: ServerConfig):
    from pharmgraph.server.label_index import build_remote
    from pharmgraph.server.remote import RemoteError, RemoteSource

    source = RemoteSource(config.store, timeout=max(config.timeout, 60.0))
    try:
        return build_remote(source, page=config.index_page)
    except RemoteError as exc:
        raise StoreError(f"Could not read the entity names from {config.store}: {exc.message}") from None
    finally:
        source.close()


def _build_index(location: str):
    from pharmgraph.server.label_index import build
    from pharmgraph.store import OxigraphStore

    store = OxigraphStore(location, read_only=True)
    try:
        return build(store.reader)
    finally:
        store.close()


def create_app(config: ServerConfig) -> Starlette:
    """Build the application; its lifespan marks the store, builds the label index and starts
    and stops the workers."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from pharmgraph.serving import serving_marker

        with contextlib.ExitStack() as stack:
            if config.mark_store and not config.remote:
                try:
                    stack.enter_context(serving_marker(config.store))
                except OSError as exc:  # a read-only folder: serve anyway, say so
                    log.warning("Could not mark %s as served (%s); ingest will not be refused.",
                                config.store, exc)
            began = time.monotonic()
            if config.remote:
                app.state.index = await asyncio.to_thread(_build_remote_index, config)
            else:
                app.state.index = await asyncio.to_thread(_build_index, config.store)
            log.info("Search index: %d entities, %d names in %.1f s.", len(app.state.index),
                     app.state.index.names, time.monotonic() - began)
            page_pool = WorkerPool(config.store, size=config.page_workers, name="page")
            query_pool = WorkerPool(config.store, size=config.workers, niceness=QUERY_NICENESS, preload=True,
                                    name="query")
            try:
                await asyncio.gather(page_pool.start(), query_pool.start())
            except StoreError:
                await page_pool.close()
                await query_pool.close()
                raise
            app.state.page_pool = page_pool
            app.state.query_pool = query_pool
            app.state.pool = query_pool
            app.state.admission = Admission(config.workers, config.per_client, config.queue_per_client,
                                            config.queue_total)
            app.state.home_cache = None
            try:
                yield
            finally:
                await page_pool.close()
                await query_pool.close()

    routes = [
        Route("/sparql", protocol.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/", pages.home, name="home"),
        Route("/search", pages.search, name="search"),
        Route("/query", pages.query_form, methods=["GET", "POST"], name="query_form"),
        Route("/entity/{curie:path}", pages.entity, name="entity"),
        Route("/document/{name:path}", pages.document, name="document"),
        Route("/view/entity/{curie:path}", pages.view_entity, name="view_entity"),
        Route("/view/document/{name:path}", pages.view_document, name="view_document"),
    ]
    middleware = []
    if config.allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts)))
    middleware.append(Middleware(CrossSite, cors=config.cors))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _method_not_allowed, 500: _server_error},
    )
    app.state.config = config
    return app
