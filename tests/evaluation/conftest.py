"""Shared fixtures for the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture
def tiny_folder() -> Path:
    """A DrugProt folder with two made-up abstracts, their entities and relations."""
    return FIXTURES / "drugprot"


@pytest.fixture
def copy_of_tiny(tmp_path: Path, tiny_folder: Path) -> Path:
    """A writable copy of the tiny folder."""
    target = tmp_path / "tiny"
    target.mkdir()
    for path in tiny_folder.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target
