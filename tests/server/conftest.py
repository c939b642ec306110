"""Fixtures for the server tests: a small store and a real `pharmgraph serve` on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_kg import Server, statements

from pharmgraph.store import open_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding :func:`statements` (closed, so servers can open it read-only)."""
    path = tmp_path_factory.mktemp("server") / "store"
    store = open_store(path)
    store.ingest(statements())
    store.close()
    return path


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Server]:
    """A server with a 3 s time limit and a 1,000-row cap, stopped after the module."""
    running = Server(store_path, "--timeout", "3", "--max-results", "1000", "--workers", "2")
    yield running
    running.stop()
