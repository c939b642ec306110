"""Shortest paths, their signs and evidence, type restrictions; neighbours."""

from __future__ import annotations

import pytest
from analysis_kg import said

from pharmgraph.analysis import neighbors, project, shortest_paths
from pharmgraph.errors import EntityNotFound, InputError
from pharmgraph.model import Entity, Statement
from pharmgraph.store import open_store

DRUG = Entity("x:drug", "drugx", "Drug")
KINASE = Entity("x:kinase", "kinase k", "Enzyme")
RECEPTOR = Entity("x:receptor", "receptor r", "Receptor")
PROCESS = Entity("x:process", "firing", "BiologicalProcess")
EFFECT = Entity("x:effect", "calm", "PhysiologicalEffect")
DISEASE = Entity("x:disease", "disorder d", "Disease")


@pytest.fixture
def chain():
    """drugx -inhibits-> kinase -decreases-> firing -increases-> disorder d, plus detours."""
    store = open_store(":memory:")
    store.ingest([
        Statement(DRUG, "inhibits", KINASE, evidence=said("p1", "X inhibits K.")),
        Statement(KINASE, "decreases", PROCESS, evidence=said("p1", "K lowers firing.", 20)),
        Statement(PROCESS, "increases", DISEASE, evidence=said("p2", "Firing worsens D.")),
        Statement(DRUG, "binds", RECEPTOR, certainty="hedged", evidence=said("p2", "X may bind R.", 30)),
        Statement(RECEPTOR, "activates", PROCESS, evidence=said("p2", "R drives firing.", 50)),
        Statement(DRUG, "causes", EFFECT, evidence=said("p3", "X calms.")),
        Statement(EFFECT, "decreases", PROCESS, evidence=said("p3", "Calm lowers firing.", 10)),
    ])
    return project(store)


def test_inhibits_then_decreases_is_an_increase(chain):
    [path] = shortest_paths(chain, "drugx", "firing", via="Target")
    assert path.labels == ["drugx", "kinase k", "firing"]
    assert [h.predicate for h in path.hops] == ["inhibits", "decreases"]
    assert (path.sign, path.sign_label) == (1, "increase")
    assert path.text() == "drugx -inhibits-> kinase k -decreases-> firing"
    [one_hop] = shortest_paths(chain, "drugx", "kinase k")
    assert one_hop.sign_label == "decrease"


def test_equal_paths_are_ordered_by_label(chain):
    paths = shortest_paths(chain, "drugx", "disorder d", k=2, via=["Target", "Effect"])
    assert [p.labels[1] for p in paths] == ["calm", "kinase k"]
    assert [p.sign_label for p in paths] == ["unsigned", "increase"]


def test_every_hop_has_direction_certainty_and_evidence(chain):
    [path] = shortest_paths(chain, "drugx", "disorder d", via=["Enzyme", "BiologicalProcess"])
    assert path.length == 3
    assert [(h.direction, h.certainty, h.document, h.evidence["text"]) for h in path.hops] == [
        ("forward", "asserted", "p1", "X inhibits K."),
        ("forward", "asserted", "p1", "K lowers firing."),
        ("forward", "asserted", "p2", "Firing worsens D."),
    ]
    assert path.sign == 1
    assert path.to_dict()["sign_label"] == "increase"


def test_k_shortest_paths_are_ordered_by_length_then_label(chain):
    paths = shortest_paths(chain, "drugx", "firing", k=5)
    assert [(p.labels[1], p.sign_label) for p in paths] == [
        ("calm", "unsigned"), ("kinase k", "increase"), ("receptor r", "unsigned")]


def test_via_restricts_intermediate_types(chain):
    paths = shortest_paths(chain, "drugx", "firing", k=5, via="Receptor")
    assert [p.labels for p in paths] == [["drugx", "receptor r", "firing"]]
    assert paths[0].hops[0].certainty == "hedged"
    assert shortest_paths(chain, "drugx", "firing", k=5, via=["Enzyme", "Receptor"])[1].labels[1] == "receptor r"
    assert shortest_paths(chain, "drugx", "disorder d", via="Disease") == []


def test_direction_is_respected_unless_undirected(chain):
    assert shortest_paths(chain, "firing", "drugx") == []
    [path] = shortest_paths(chain, "disorder d", "kinase k", undirected=True)
    assert [h.direction for h in path.hops] == ["backward", "backward"]
    assert path.sign_label == "unsigned"
    assert path.hops[0].source_label == "firing"


def test_bad_arguments(chain):
    with pytest.raises(EntityNotFound, match="did you mean kinase k"):
        shortest_paths(chain, "drugx", "kinase")
    with pytest.raises(InputError, match="Unknown entity type 'Targets'"):
        shortest_paths(chain, "drugx", "firing", via="Targets")
    with pytest.raises(InputError, match="k must be at least 1"):
        shortest_paths(chain, "drugx", "firing", k=0)


def test_negated_statements_are_not_hops():
    store = open_store(":memory:")
    store.ingest([Statement(DRUG, "treats", DISEASE, negated=True, evidence=said("n", "It does not."))])
    graph = project(store, include_negated=True)
    assert shortest_paths(graph, "x:drug", "x:disease") == []


def test_neighbors_list_statements_both_ways(chain):
    rows = neighbors(chain, "firing")
    assert [(r["direction"], r["predicate"], r["neighbor_label"]) for r in rows] == [
        ("out", "increases", "disorder d"),
        ("in", "activates", "receptor r"),
        ("in", "decreases", "calm"),
        ("in", "decreases", "kinase k"),
    ]
    assert rows[0]["evidence"] == "Firing worsens D."
    assert [r["neighbor_label"] for r in neighbors(chain, "firing", types="Target")] == [
        "receptor r", "kinase k"]
