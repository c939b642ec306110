"""Fixtures writing the tiny source files of source_fixtures.py into a temporary folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from source_fixtures import (
    DRUGMECHDB,
    HETIONET_EDGES,
    HETIONET_NODES,
    KGX_EDGES,
    KGX_NODES,
    SHARED,
    write_sif,
)


@pytest.fixture
def hetionet_dir(tmp_path: Path) -> Path:
    """A Hetionet folder: the nodes table, an edge file and a sample repeating two edges."""
    folder = tmp_path / "hetionet"
    folder.mkdir()
    (folder / "hetionet-v1.0-nodes.tsv").write_bytes(HETIONET_NODES.encode())
    write_sif(folder / "hetionet-v1.0-edges.sif.gz", HETIONET_EDGES)
    write_sif(folder / "hetionet-v1.0-edges-sample.sif.gz", HETIONET_EDGES[:2])
    return folder


@pytest.fixture
def drugmechdb_file(tmp_path: Path) -> Path:
    """Two DrugMechDB paths for one indication, sharing their first link."""
    path = tmp_path / "indication_paths.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(DRUGMECHDB, handle)
    return path


@pytest.fixture
def kgx_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A KGX TSV pair of four nodes and five edges."""
    nodes, edges = tmp_path / "partner_nodes.tsv", tmp_path / "partner_edges.tsv"
    nodes.write_text(KGX_NODES, encoding="utf-8")
    edges.write_text(KGX_EDGES, encoding="utf-8")
    return nodes, edges


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
