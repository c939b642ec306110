"""Counting meeting points for all pairs at once agrees with describing them pair by pair."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmgraph.analysis import shared_targets
from pharmgraph.analysis.shared import (
    _Ancestry,
    _candidate_pairs,
    _forest_counts,
    _forest_parents,
    _Incidence,
    _meet,
    _target_object,
    profiles,
)


@st.composite
def drug_graphs(draw, forest: bool):
    """A graph of drugs acting on targets in a random hierarchy (a forest, or not)."""
    n_targets = draw(st.integers(2, 12))
    graph = nx.MultiDiGraph()
    for t in range(n_targets):
        parents = []
        if t and draw(st.booleans()):
            parents.append(f"t{draw(st.integers(0, t - 1))}")
            if not forest and t > 1 and draw(st.booleans()):
                parents.append(f"t{draw(st.integers(0, t - 1))}")
        graph.add_node(f"t{t}", label=f"target {t}", type="Receptor", group="Target",
                       broader=sorted(set(parents)))
    n_drugs = draw(st.integers(2, 7))
    for d in range(n_drugs):
        graph.add_node(f"d{d}", label=f"drug {d % 3}", type="Drug", group="Drug", broader=[])
        targets = draw(st.lists(st.integers(0, n_targets - 1), max_size=5, unique=True))
        for t in targets:
            predicate, sign = draw(st.sampled_from([("blocks", -1), ("opens", 1), ("binds", 0)]))
            graph.add_edge(f"d{d}", f"t{t}", key=predicate, predicate=predicate, sign=sign,
                           negated=False)
    return graph


def _pairwise(graph: nx.MultiDiGraph) -> dict[tuple[str, str], int]:
    ancestry = _Ancestry(graph)
    prof = profiles(graph, _target_object, ancestry=ancestry)
    out = {}
    for a in prof:
        for b in prof:
            if a < b:
                points = _meet(graph, prof[a], prof[b], ancestry)
                if points:
                    out[(a, b)] = len(points)
    return out


@settings(max_examples=150, deadline=None)
@given(st.one_of(drug_graphs(forest=True), drug_graphs(forest=False)))
def test_all_pairs_counts_match_pair_by_pair_meeting_points(graph):
    expected = _pairwise(graph)
    rows = shared_targets(graph)
    assert {tuple(sorted((r["drug"], r["other"]))): r["shared"] for r in rows} == expected
    assert all(r["shared"] == len(r["items"]) for r in rows)
    keys = [(-r["shared"], -r["jaccard"], r["drug_label"], r["other_label"], r["drug"],
             r["other"]) for r in rows]
    assert keys == sorted(keys)
    assert shared_targets(graph, limit=3) == rows[:3]
    assert shared_targets(graph, min_shared=2) == [r for r in rows if r["shared"] >= 2]


@settings(max_examples=150, deadline=None)
@given(drug_graphs(forest=True))
def test_forest_counts_equal_the_meeting_points_of_each_pair(graph):
    ancestry = _Ancestry(graph)
    prof = profiles(graph, _target_object, ancestry=ancestry)
    if len(prof) < 2:
        return
    inc = _Incidence(graph, prof)
    parents = _forest_parents(graph, inc.nodes, ancestry)
    assert parents is not None
    counts = _forest_counts(inc, parents, ancestry)
    first, second, _ = _candidate_pairs(inc)
    found = {(inc.drugs[i], inc.drugs[j]): int(counts[i, j]) for i, j in zip(first, second, strict=True)}
    assert {tuple(sorted(k)): v for k, v in found.items()} == _pairwise(graph)
