"""A small in-memory store of export_fixtures.STATEMENTS for the export tests."""

from __future__ import annotations

import pytest
from export_fixtures import STATEMENTS

from pharmgraph.store import open_store


@pytest.fixture
def store():
    store = open_store(":memory:")
    store.ingest(STATEMENTS)
    return store
