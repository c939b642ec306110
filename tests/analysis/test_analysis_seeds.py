"""The seed questions of ../shared/seeds/gold.json, answered from extracted statements.

Skipped until extraction (``pharmgraph.extract.extract_path``) exists, and when ../shared is
absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.analysis import project, shared_targets, shortest_paths
from pharmgraph.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_graph():
    if not SEEDS.is_dir() or not sorted(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is absent")
    try:
        from pharmgraph.extract import extract_path
    except ImportError:
        pytest.skip("extraction is not there yet")
    store = open_store(":memory:")
    for path in sorted(SEEDS.glob("*.txt")):
        store.ingest(extract_path(path), default_document=path.name)
    return project(store)


def test_carbamazepine_shares_a_target_with_lamotrigine(seed_graph):
    others = {r["other_label"].casefold() for r in shared_targets(seed_graph, "lamotrigine")}
    assert "carbamazepine" in others


def test_a_path_from_lamotrigine_to_epilepsy_has_evidence_on_every_hop(seed_graph):
    paths = shortest_paths(seed_graph, "lamotrigine", "epilepsy")
    assert paths, "no path from lamotrigine to epilepsy"
    assert all(hop.evidence and hop.evidence["text"].strip() for hop in paths[0].hops)
