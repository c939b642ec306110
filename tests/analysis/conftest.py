"""Fixtures for the analysis tests: the hand-made graph of analysis_kg in real stores."""

from __future__ import annotations

import pytest
from analysis_kg import fixture_statements

from pharmgraph.store import open_store


@pytest.fixture
def store():
    """An in-memory store holding the fixture statements."""
    s = open_store(":memory:")
    s.ingest(fixture_statements())
    return s


@pytest.fixture
def graph(store):
    """The projection of the fixture store."""
    from pharmgraph.analysis import project

    return project(store)


@pytest.fixture(scope="session")
def disk_store(tmp_path_factory):
    """An on-disk store holding the fixture statements, closed, for CLI tests (which open
    it read-only, so one serves them all)."""
    path = tmp_path_factory.mktemp("analysis") / "kg"
    s = open_store(path)
    s.ingest(fixture_statements())
    s.close()
    return path


@pytest.fixture(scope="session")
def empty_disk_store(tmp_path_factory):
    """An on-disk store that holds nothing."""
    path = tmp_path_factory.mktemp("analysis") / "empty"
    open_store(path).close()
    return path
