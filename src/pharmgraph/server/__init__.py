"""``pharmgraph serve``: a read-only SPARQL 1.1 endpoint and browsable pages over a store.

Queries run in worker processes that each hold a read-only handle on the store, so a query
that runs past the time limit can be stopped (its process is killed and replaced) without
disturbing the others. See :mod:`pharmgraph.server.app` for the routes and
:mod:`pharmgraph.server.protocol` for the status codes. With a SPARQL endpoint URL as the
store, the same server runs in front of that remote server (:mod:`pharmgraph.server.remote`).

This package imports Starlette only when the application is built, so worker processes start
quickly.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServerConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pharmgraph.server import app

        return getattr(app, name)
    raise AttributeError(name)
