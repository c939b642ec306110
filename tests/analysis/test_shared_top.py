"""Asked for the best N drugs sharing a target, the store reads only the drugs that can be
among them, and answers exactly as the whole projection does."""

from __future__ import annotations

import pytest

from pharmgraph.analysis import project, shared_targets
from pharmgraph.analysis.local import drugs_graph
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

HUB = Entity("CHEBI:6367", "lamotrigine", "Drug")
TARGETS = [Entity(f"NCBIGene:{700 + i}", f"TGT{i}", "Protein") for i in range(6)]
OTHERS = [Entity(f"drugbank:DB{i:05d}", f"otherdrug{i:02d}", "Drug") for i in range(20)]
EXTRA = [Entity(f"NCBIGene:{800 + i}", f"OFF{i}", "Protein") for i in range(10)]


def _statements() -> list[Statement]:
    ev = (Evidence("made-up.txt", "A sentence of our own.", 0, 20),)
    out = [Statement(HUB, "binds", t, evidence=ev) for t in TARGETS[:5]]
    for i, drug in enumerate(OTHERS):
        met = 1 + (i % 4 == 0) + (i % 8 == 0)  # 1, 2 or 3 of the hub's targets
        for j in range(met):
            out.append(Statement(drug, "inhibits" if j else "binds", TARGETS[(i + j) % 5], evidence=ev))
        for j in range(i % 3):  # profiles of different sizes: different Jaccard indices
            out.append(Statement(drug, "binds", EXTRA[(i + j) % 10], evidence=ev))
    out.append(Statement(OTHERS[1], "binds", TARGETS[5], negated=True, evidence=ev))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    location = tmp_path_factory.mktemp("top") / "kg"
    with open_store(location) as s:
        s.ingest(_statements())
    with open_store(location, read_only=True) as s:
        yield s


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 8, 25, None])
@pytest.mark.parametrize("min_shared", [1, 2])
def test_the_best_rows_are_the_projections(store, limit, min_shared):
    graph = project(store)
    mine = shared_targets(store, "lamotrigine", limit=limit, min_shared=min_shared)
    assert mine == shared_targets(graph, "lamotrigine", limit=limit, min_shared=min_shared)
    if limit:
        assert len(mine) == min(limit, sum(1 for r in shared_targets(graph, "lamotrigine")
                                           if r["shared"] >= min_shared))


def test_only_the_drugs_that_can_be_shown_are_read(store):
    def ok(predicate, kind, label):
        return True

    everyone, _, _ = drugs_graph(store, ["lamotrigine"], ("Target",), edge_ok=ok)
    best, _, _ = drugs_graph(store, ["lamotrigine"], ("Target",), edge_ok=ok, top=2)
    drugs = {n for n, d in everyone.nodes(data=True) if d.get("group") == "Drug"}
    read = {n for n, d in best.nodes(data=True) if d.get("group") == "Drug"}
    assert len(drugs) == 21 and read == {"CHEBI:6367", "drugbank:DB00000", "drugbank:DB00008",
                                          "drugbank:DB00016"}
