"""Fixtures for the document reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_helpers import SHARED


@pytest.fixture
def seeds_dir() -> Path:
    """The seed documents folder, ``<repo>/../shared/seeds``; skips the test when absent."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds
