"""The Starlette application behind ``pharmgraph serve``.

Routes
------
``GET, POST /sparql``
    SPARQL 1.1 Protocol query endpoint (read-only), see :mod:`pharmgraph.server.protocol`.
``GET /``
    Counts by type and predicate, documents, a search box.
``GET /search?q=``
    Entities whose label, synonym or CURIE contains ``q``.
``GET /entity/{curie}``
    An entity's statements, grouped by predicate, with their evidence.
``GET /document/{name}``
    What was extracted from one document.
``GET /query``
    A query form that posts to ``/sparql``.
``GET /view/entity/{curie}?radius=1|2`` and ``GET /view/document/{name}``
    Interactive graph views (standalone HTML pages).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pharmgraph.server import pages, protocol
from pharmgraph.server.pool import WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class ServerConfig:
    """How the server runs.

    Parameters
    ----------
    store : str
        The store folder (opened read-only by every worker).
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
    """

    store: str
    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    workers: int = 2
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("the time limit must be positive")
        if self.max_results < 1:
            raise ValueError("the result limit must be at least 1")
        if self.workers < 1:
            raise ValueError("at least one worker is needed")


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


def create_app(config: ServerConfig) -> Starlette:
    """Build the application; its lifespan starts and stops the query workers."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(config.store, size=config.workers)
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/sparql", protocol.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/", pages.home, name="home"),
        Route("/search", pages.search, name="search"),
        Route("/query", pages.query_form, name="query_form"),
        Route("/entity/{curie:path}", pages.entity, name="entity"),
        Route("/document/{name:path}", pages.document, name="document"),
        Route("/view/entity/{curie:path}", pages.view_entity, name="view_entity"),
        Route("/view/document/{name:path}", pages.view_document, name="view_document"),
    ]
    middleware = []
    if config.allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts)))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _method_not_allowed, 500: _server_error},
    )
    app.state.config = config
    return app
