"""Similar drugs and central entities."""

from __future__ import annotations

import pytest

from pharmgraph.analysis import centrality, similar
from pharmgraph.errors import InputError


def test_similar_rolls_profiles_up_and_orders_ties_by_label(graph):
    rows = similar(graph, "lamotrigine")
    assert [(r["label"], r["score"], r["shared_count"]) for r in rows] == [
        ("carbamazepine", 0.5, 1),
        ("losigamone", 0.5, 2),
        ("veratrine", 0.5, 1),
        ("phenytoin", 0.3333, 1),
    ]
    assert rows[1]["shared"] == ["glutamate release", "voltage-gated sodium channel"]
    assert [r["label"] for r in similar(graph, "lamotrigine", top=2)] == ["carbamazepine", "losigamone"]


def test_similar_cosine(graph):
    rows = similar(graph, "lamotrigine", metric="cosine")
    # lamotrigine: channel + glutamate release; carbamazepine: channel; losigamone: 4 entities.
    assert [(r["label"], r["score"]) for r in rows[:2]] == [
        ("carbamazepine", round(1 / 2**0.5, 4)), ("losigamone", round(2 / 8**0.5, 4))]
    with pytest.raises(InputError, match="Unknown metric"):
        similar(graph, "lamotrigine", metric="euclid")


def test_centrality_by_type(graph):
    rows = centrality(graph, top=1)
    assert [(r["group"], r["label"], r["degree"]) for r in rows] == [
        ("Drug", "lamotrigine", 4),
        ("Target", "voltage-gated sodium channel", 3),
        ("Effect", "glutamate release", 2),
        ("Disease", "epilepsy", 2),
    ]
    overall = centrality(graph, by_type=False, top=3)
    assert [r["rank"] for r in overall] == [1, 2, 3]
    assert overall[2]["label"] == "voltage-gated sodium channel"
    total = sum(r["pagerank"] for r in centrality(graph, by_type=False, top=100))
    assert total == pytest.approx(1.0, abs=1e-4)
