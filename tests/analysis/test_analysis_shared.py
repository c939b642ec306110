"""Shared targets, effects and indications; the target hierarchy; opposite actions."""

from __future__ import annotations

import pytest
from analysis_kg import CBZ, LTG, NAV11, VGSC, said

from pharmgraph.analysis import (
    opposite_actions,
    project,
    shared_effects,
    shared_indications,
    shared_targets,
)
from pharmgraph.errors import EntityNotFound
from pharmgraph.model import Entity, Statement
from pharmgraph.store import open_store


def _summary(rows):
    return [(r["other_label"], r["shared"], r["jaccard"], r["names"], r["opposite"]) for r in rows]


def test_shared_targets_of_lamotrigine_roll_up_the_hierarchy(graph):
    assert _summary(shared_targets(graph, "lamotrigine")) == [
        ("carbamazepine", 1, 1.0, ["voltage-gated sodium channel"], []),
        ("veratrine", 1, 1.0, ["voltage-gated sodium channel"], ["voltage-gated sodium channel"]),
        ("phenytoin", 1, 0.5, ["voltage-gated sodium channel (family via Nav1.1)"], []),
        ("losigamone", 1, 0.3333,
         ["voltage-gated sodium channel (family via persistent sodium current)"], []),
    ]


def test_meeting_points_say_their_level(graph):
    rows = {r["other_label"]: r for r in shared_targets(graph, "lamotrigine")}
    [exact] = rows["carbamazepine"]["items"]
    assert (exact["level"], exact["description"], exact["via"]) == ("exact", "exact", [])
    assert (exact["drug_predicates"], exact["other_predicates"]) == (["blocks"], ["modulates"])
    [family] = rows["phenytoin"]["items"]
    assert family["level"] == "family"
    assert family["id"] == VGSC.id
    assert family["description"] == "family: voltage-gated sodium channel via Nav1.1"


def test_without_level_only_identical_targets_count(graph):
    assert [r["other_label"] for r in shared_targets(graph, "lamotrigine", level=False)] == [
        "carbamazepine", "veratrine"]


def test_ties_are_ordered_by_label(store):
    # Without the hedged GABA-A statement losigamone's profile is as wide as phenytoin's.
    graph = project(store, asserted_only=True)
    assert _summary(shared_targets(graph, "LTG"))[2:] == [
        ("losigamone", 1, 0.5,
         ["voltage-gated sodium channel (family via persistent sodium current)"], []),
        ("phenytoin", 1, 0.5, ["voltage-gated sodium channel (family via Nav1.1)"], []),
    ]


def test_siblings_meet_at_their_family_and_contradictions_are_reported(graph):
    rows = {r["other_label"]: r for r in shared_targets(graph, "losigamone")}
    assert rows["phenytoin"]["names"] == [
        "voltage-gated sodium channel (family via Nav1.1, persistent sodium current)"]
    assert rows["diazepam"]["names"] == ["GABA-A receptor (family via benzodiazepine site)"]
    assert rows["diazepam"]["contradictions"] == ["losigamone does not bind benzodiazepine site"]
    assert rows["phenytoin"]["contradictions"] == []
    assert rows["veratrine"]["opposite"] == ["voltage-gated sodium channel"]


def test_a_lower_exact_meeting_hides_the_family_it_explains():
    d1, d2 = Entity("x:d1", "alpha", "Drug"), Entity("x:d2", "beta", "Drug")
    sub2 = Entity("x:nav12", "Nav1.2", "IonChannel", broader=(VGSC.id,))
    store = open_store(":memory:")
    store.ingest([
        Statement(d1, "blocks", NAV11), Statement(d1, "blocks", sub2),
        Statement(d2, "blocks", NAV11),
    ])
    [row] = shared_targets(project(store), "alpha")
    assert row["names"] == ["Nav1.1"]
    # ...but a second, separate meeting at the family is reported.
    store.ingest([Statement(d2, "blocks", VGSC, evidence=said("z.txt", "Also the family."))])
    [row] = shared_targets(project(store), "alpha")
    assert row["names"] == ["Nav1.1", "voltage-gated sodium channel (family via Nav1.1, Nav1.2)"]
    assert row["shared"] == 2


def test_all_pairs_when_no_drug_is_given(graph):
    pairs = [(r["drug_label"], r["other_label"], r["jaccard"]) for r in shared_targets(graph)]
    assert pairs == [
        ("carbamazepine", "lamotrigine", 1.0),
        ("carbamazepine", "veratrine", 1.0),
        ("lamotrigine", "veratrine", 1.0),
        ("carbamazepine", "phenytoin", 0.5),
        ("lamotrigine", "phenytoin", 0.5),
        ("phenytoin", "veratrine", 0.5),
        ("carbamazepine", "losigamone", 0.3333),
        ("lamotrigine", "losigamone", 0.3333),
        ("losigamone", "veratrine", 0.3333),
        ("diazepam", "losigamone", 0.25),
        ("losigamone", "phenytoin", 0.25),
    ]


def test_pair_of_two_given_drugs_is_reported_once(graph):
    rows = shared_targets(graph, ["lamotrigine", "carbamazepine"])
    pairs = [(r["drug_label"], r["other_label"]) for r in rows]
    assert pairs.count(("lamotrigine", "carbamazepine")) == 1
    assert ("carbamazepine", "lamotrigine") not in pairs
    assert pairs[0][0] == "lamotrigine" and pairs[-1][0] == "carbamazepine"


def test_only_drug_to_target_edges_count():
    store = open_store(":memory:")
    channel_user = Entity("x:p", "a protein", "Protein")
    store.ingest([Statement(channel_user, "inhibits", VGSC), Statement(LTG, "blocks", VGSC)])
    assert shared_targets(project(store), "lamotrigine") == []


@pytest.mark.parametrize("as_store", [True, False])
def test_a_drug_similar_to_a_protein_does_not_target_it(as_store):
    store = open_store(":memory:")
    factor = Entity("NCBIGene:2155", "F7", "Protein")
    recombinant = Entity("x:f7a", "recombinant factor VIIa", "Drug")
    store.ingest([Statement(recombinant, "similar_to", factor), Statement(LTG, "activates", factor)])
    assert shared_targets(store if as_store else project(store), "lamotrigine") == []


def test_negated_edges_never_make_a_shared_target():
    store = open_store(":memory:")
    store.ingest([
        Statement(LTG, "blocks", VGSC),
        Statement(CBZ, "blocks", VGSC, negated=True, evidence=said("n.txt", "Not at all.")),
    ])
    graph = project(store)
    assert shared_targets(graph, "lamotrigine") == []
    assert shared_targets(project(store, include_negated=True), "lamotrigine") == []


def test_negated_statement_on_a_shared_target_is_reported_alongside():
    store = open_store(":memory:")
    store.ingest([
        Statement(LTG, "blocks", VGSC, evidence=said("p.txt", "Yes.")),
        Statement(CBZ, "blocks", VGSC, evidence=said("p.txt", "Yes too.", 5)),
        Statement(CBZ, "blocks", VGSC, negated=True, evidence=said("q.txt", "No, says another.")),
    ])
    [row] = shared_targets(project(store), "carbamazepine")
    assert row["contradictions"] == ["carbamazepine does not block voltage-gated sodium channel"]


def test_shared_effects_and_indications(graph):
    assert _summary(shared_effects(graph, "lamotrigine")) == [
        ("losigamone", 1, 1.0, ["glutamate release"], [])]
    [row] = shared_indications(graph, "lamotrigine")
    assert (row["other_label"], row["names"]) == ("losigamone", ["epilepsy"])
    assert shared_indications(graph, "carbamazepine") == []


def test_opposite_actions(graph):
    rows = [(r["drug_label"], r["other_label"], r["target_label"], r["level"])
            for r in opposite_actions(graph)]
    assert rows == [
        ("lamotrigine", "veratrine", "voltage-gated sodium channel", "exact"),
        ("losigamone", "veratrine", "voltage-gated sodium channel",
         "family: voltage-gated sodium channel via persistent sodium current"),
        ("phenytoin", "veratrine", "voltage-gated sodium channel",
         "family: voltage-gated sodium channel via Nav1.1"),
    ]
    first = opposite_actions(graph, "lamotrigine")[0]
    assert (first["drug_predicates"], first["other_predicates"]) == (["blocks"], ["opens"])


def test_unknown_drug_is_reported_with_candidates(graph):
    with pytest.raises(EntityNotFound, match="did you mean carbamazepine"):
        shared_targets(graph, "carbamazepin")
    with pytest.raises(EntityNotFound, match="is a IonChannel, not a Drug"):
        shared_targets(graph, "Nav1.1")
