"""Questions asked of the store with SPARQL give the answers the whole projection gives."""

from __future__ import annotations

import pytest
from analysis_kg import fixture_statements, said

from pharmgraph.analysis import (
    centrality,
    focus_graph,
    neighbors,
    opposite_actions,
    project,
    resolve_entity,
    shared_effects,
    shared_indications,
    shared_targets,
    shortest_paths,
    similar,
)
from pharmgraph.errors import EntityNotFound
from pharmgraph.model import Entity, Statement
from pharmgraph.store import open_store

DRUGS = ["lamotrigine", "losigamone", "carbamazepine", "diazepam", "phenytoin", "veratrine"]


def _edges(graph):
    return sorted((u, v, k, tuple(sorted((a, str(b)) for a, b in d.items() if a != "origin")))
                  for u, v, k, d in graph.edges(keys=True, data=True))


@pytest.mark.parametrize("drug", DRUGS)
@pytest.mark.parametrize("question", [shared_targets, shared_effects, shared_indications,
                                      similar, opposite_actions])
def test_drug_questions_agree_with_the_projection(store, graph, question, drug):
    assert question(store, drug) == question(graph, drug)


@pytest.mark.parametrize("filters", [{"asserted_only": True}, {"documents": ["a.txt", "c.txt"]},
                                     {"documents": ["b.txt"]}])
def test_filters_agree_with_the_projection(store, filters):
    graph = project(store, **filters)
    for drug in ("lamotrigine", "losigamone"):
        if drug not in {d["label"] for d in graph.nodes.values()}:
            # The store still knows the drug; the documents say nothing about it.
            assert shared_targets(store, drug, **filters) == []
            continue
        assert shared_targets(store, drug, **filters) == shared_targets(graph, drug)
        assert similar(store, drug, **filters) == similar(graph, drug)


def test_all_pairs_and_centrality_use_the_saved_projection(store, graph):
    assert shared_targets(store) == shared_targets(graph)
    assert opposite_actions(store) == opposite_actions(graph)
    assert centrality(store) == centrality(graph)
    assert centrality(store, asserted_only=True) == centrality(project(store, asserted_only=True))


@pytest.mark.parametrize("entity", ["lamotrigine", "voltage-gated sodium channel", "epilepsy",
                                    "glutamate release", "benzodiazepine site"])
def test_neighbors_agree_with_the_projection(store, graph, entity):
    assert neighbors(store, entity) == neighbors(graph, entity)
    assert neighbors(store, entity, types="Drug") == neighbors(graph, entity, types="Drug")


@pytest.mark.parametrize(
    ("source", "target", "options"),
    [("lamotrigine", "epilepsy", {}),
     ("LTG", "losigamone", {"undirected": True, "k": 2}),
     ("lamotrigine", "losigamone", {"undirected": True, "via": ["Effect"]}),
     ("epilepsy", "lamotrigine", {}),
     ("veratrine", "epilepsy", {"undirected": True, "k": 5}),
     ("phenytoin", "diazepam", {"undirected": True, "k": 3})],
)
def test_paths_agree_with_the_projection(store, graph, source, target, options):
    mine = [p.to_dict() for p in shortest_paths(store, source, target, **options)]
    theirs = [p.to_dict() for p in shortest_paths(graph, source, target, **options)]
    for path in mine:
        assert all(hop["origin"] == "text-mined" for hop in path["hops"])
    for path in mine + theirs:
        for hop in path["hops"]:
            hop["origin"] = None
    assert mine == theirs


def test_paths_stop_at_their_bound(store):
    assert shortest_paths(store, "LTG", "losigamone", undirected=True, max_length=1) == []
    assert len(shortest_paths(store, "LTG", "losigamone", undirected=True)[0].hops) == 2


@pytest.mark.parametrize("radius", [0, 1, 2, 3])
@pytest.mark.parametrize("negated", [False, True])
def test_focus_graph_is_the_neighbourhood(store, radius, negated):
    mine, ids = focus_graph(store, ["voltage-gated sodium channel"], radius,
                            include_negated=negated)
    theirs = project(store, include_negated=negated)
    from pharmgraph.analysis import neighbourhood

    theirs = neighbourhood(theirs, ids, radius)
    assert dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert _edges(mine) == _edges(theirs)
    assert mine.graph["negated"] == theirs.graph["negated"]


def test_names_resolve_in_the_store_as_in_the_graph(store, graph):
    for name in ("lamotrigine", "LAMICTAL", "chebi:6367", "AO-33", " VGSC ", "sodium channel",
                 "persistent sodium current"):
        assert resolve_entity(store, name) == resolve_entity(graph, name)
    for name, types in (("lamotrigin", None), ("epilepsy", "Drug"), ("zzzzqqq", None)):
        with pytest.raises(EntityNotFound) as from_store:
            resolve_entity(store, name, types)
        with pytest.raises(EntityNotFound) as from_graph:
            resolve_entity(graph, name, types)
        assert str(from_store.value) == str(from_graph.value)


def test_a_store_with_many_documents_repeats_no_row():
    # The same claim in three documents: one edge, three documents, three sentences.
    drug, other = Entity("x:a", "alpha", "Drug"), Entity("x:b", "beta", "Drug")
    target = Entity("x:t", "tau", "Receptor")
    store = open_store(":memory:")
    store.ingest([Statement(drug, "blocks", target, evidence=said(f"d{i}.txt", f"A blocks T ({i})."))
                  for i in range(3)] + [Statement(other, "blocks", target)])
    [row] = neighbors(store, "alpha")
    assert (row["documents"], row["evidence_count"]) == (["d0.txt", "d1.txt", "d2.txt"], 3)
    [pair] = shared_targets(store, "alpha")
    assert (pair["other_label"], pair["names"]) == ("beta", ["tau"])


def test_answers_turn_into_dataframes(store):
    frame = shared_targets(store, "lamotrigine").to_dataframe()
    assert list(frame["other_label"]) == ["carbamazepine", "veratrine", "phenytoin", "losigamone"]
    assert frame.loc[0, "names"] == "voltage-gated sodium channel"
    hops = shortest_paths(store, "LTG", "losigamone", undirected=True, k=2).to_dataframe()
    assert list(hops["path"]) == [1, 1, 2, 2]
    assert list(hops["direction"]) == ["forward", "backward", "forward", "backward"]
    assert hops.loc[0, "evidence"] == "Drug L is used against seizures."
    for answer in (similar(store, "lamotrigine"), neighbors(store, "lamotrigine"),
                   centrality(store), opposite_actions(store), shared_effects(store, "LTG"),
                   shared_indications(store, "LTG")):
        assert len(answer.to_dataframe()) == len(answer)


def test_answers_stay_plain_lists_for_json(store):
    import json

    rows = shared_targets(store, "lamotrigine")
    assert json.loads(json.dumps(rows))[0]["other_label"] == "carbamazepine"


def test_fixture_has_what_the_questions_need():
    # Guard: the comparisons above are only meaningful if the fixture has hedged, negated
    # and hierarchical statements.
    statements = fixture_statements()
    assert any(s.negated for s in statements) and any(s.certainty == "hedged" for s in statements)
    assert any(s.object.broader for s in statements)


@pytest.mark.parametrize("drug", DRUGS)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_the_best_few_agree_with_the_projection_across_families(store, graph, drug, limit):
    # Drugs meet at families here (broader links): the store reads only the drugs that can
    # be among the best few, and the rows are still the projection's.
    for question in (shared_targets, shared_effects, shared_indications):
        assert question(store, drug, limit=limit) == question(graph, drug, limit=limit)
    assert shared_targets(store, drug, limit=limit, min_shared=2) == shared_targets(
        graph, drug, limit=limit, min_shared=2)
