"""Fixtures for the view tests: a small hand-made graph with hostile text, and Chromium."""

from __future__ import annotations

import networkx as nx
import pytest
import views_helpers

from pharmgraph.views.browser import find_chromium


@pytest.fixture
def small_graph() -> nx.MultiDiGraph:
    """See :func:`views_helpers.small_graph`."""
    return views_helpers.small_graph()


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium binary; the browser tests skip when there is none."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install chromium)")
    return binary
