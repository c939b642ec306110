"""Projection of the store into networkx: nodes, edges, evidence, filters, negation."""

from __future__ import annotations

from analysis_kg import EPI, GABAA, LTG, VGSC, fixture_statements, said

from pharmgraph.analysis import negated_statements, neighbourhood, project
from pharmgraph.model import Statement
from pharmgraph.store import open_store


def test_nodes_carry_label_type_group_synonyms_and_broader(graph):
    node = graph.nodes["pharmgraph:persistent_sodium_current"]
    assert node["label"] == "persistent sodium current"
    assert node["type"] == "IonCurrent"
    assert node["group"] == "Target"
    assert node["synonyms"] == ["INaP", "sodium current"]
    assert node["broader"] == ["mesh:D062528"]
    assert graph.nodes["CHEBI:6367"]["synonyms"] == ["LTG", "Lamictal"]


def test_edges_are_keyed_by_predicate_with_sign_kind_and_evidence(graph):
    data = graph.edges["CHEBI:6367", "mesh:D062528", "blocks"]
    assert data["predicate"] == "blocks"
    assert data["sign"] == -1
    assert data["kind"] == "decrease"
    assert data["certainty"] == "asserted"
    assert data["negated"] is False
    assert data["documents"] == ["a.txt"]
    assert data["evidence_count"] == 1
    assert data["evidence"] == [
        {"document": "a.txt", "text": "Drug L blocks the channel.", "start": 0, "end": 26,
         "references": ["ref1"]}
    ]
    assert graph.edges["CHEBI:6367", "mesh:D004827", "treats"]["kind"] == "treats"


def test_negated_statements_are_not_edges_but_are_reported(graph):
    assert not graph.has_edge("pharmgraph:losigamone", "pharmgraph:benzodiazepine_site")
    [row] = negated_statements(graph)
    assert row["text"] == "losigamone does not bind benzodiazepine site"
    assert row["evidence"][0]["text"] == "Drug S shows no affinity for that site."
    assert negated_statements(graph, entities=["CHEBI:6367"]) == []


def test_negated_statements_from_a_store(store):
    [row] = negated_statements(store, documents=["b.txt"])
    assert (row["subject"], row["predicate"], row["object"]) == (
        "pharmgraph:losigamone", "binds", "pharmgraph:benzodiazepine_site")
    assert negated_statements(store, documents=["a.txt"]) == []


def test_include_negated_adds_marked_edges(store):
    graph = project(store, include_negated=True)
    data = graph.edges["pharmgraph:losigamone", "pharmgraph:benzodiazepine_site", "not_binds"]
    assert data["negated"] is True
    assert data["predicate"] == "binds"


def test_asserted_only_drops_hedged_edges(store):
    full = project(store)
    asserted = project(store, asserted_only=True)
    assert full.has_edge("CHEBI:6367", "mesh:D001714")
    assert not asserted.has_edge("CHEBI:6367", "mesh:D001714")
    assert not asserted.has_edge("pharmgraph:losigamone", GABAA.id)
    assert full.number_of_edges() - asserted.number_of_edges() == 2


def test_asserted_wins_when_documents_disagree_and_evidence_merges():
    store = open_store(":memory:")
    store.ingest([
        Statement(LTG, "treats", EPI, certainty="hedged", evidence=said("x.txt", "Maybe so.")),
        Statement(LTG, "treats", EPI, evidence=said("y.txt", "Certainly so.", 5)),
    ])
    data = project(store).edges[LTG.id, EPI.id, "treats"]
    assert data["certainty"] == "asserted"
    assert data["documents"] == ["x.txt", "y.txt"]
    assert [e["text"] for e in data["evidence"]] == ["Maybe so.", "Certainly so."]
    hedged_only = project(store, documents=["x.txt"]).edges[LTG.id, EPI.id, "treats"]
    assert hedged_only["certainty"] == "hedged"


def test_documents_restrict_the_graph(store):
    graph = project(store, documents=["c.txt"])
    assert sorted(graph.nodes) == ["CHEBI:8107", "pharmgraph:nav1_1"]
    assert graph.graph["documents"] == ["c.txt"]
    assert graph.graph["negated"] == []


def test_entities_and_radius_give_the_neighbourhood(store):
    one = project(store, entities=["voltage-gated sodium channel"], radius=1)
    assert sorted(one.nodes) == sorted([VGSC.id, LTG.id, "CHEBI:3387", "mesh:D014702"])
    two = project(store, entities=[VGSC.id], radius=2)
    assert "GO:0014047" in two and EPI.id in two
    assert "pharmgraph:losigamone" not in two


def test_neighbourhood_keeps_graph_attributes(graph):
    sub = neighbourhood(graph, ["pharmgraph:losigamone"], 1)
    assert sub.graph["documents"] == ["a.txt", "b.txt", "c.txt"]
    assert "mesh:D004827" in sub and "CHEBI:6367" not in sub


def test_empty_store_projects_to_an_empty_graph():
    graph = project(open_store(":memory:"))
    assert graph.number_of_nodes() == 0
    assert graph.graph["negated"] == []


def test_projection_agrees_with_the_statements(store):
    graph = project(store)
    claims = {(s.subject.id, s.predicate, s.object.id) for s in fixture_statements() if not s.negated}
    assert {(u, k, v) for u, v, k in graph.edges(keys=True)} == {(s, p, o) for s, p, o in claims}
