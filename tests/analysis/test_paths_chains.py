"""Mechanism chains: through a target, via substances and conditions, never via an indication."""

from __future__ import annotations

import pytest

from pharmgraph.analysis import mechanism_paths, project
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

PRODRUG = Entity("x:prodrug", "prodrug P", "Drug")
ACTIVE = Entity("x:active", "active metabolite A", "Drug")
OTHER = Entity("x:other", "drug O", "Drug")
LEVELS = Entity("x:dopamine", "dopamine", "EndogenousSubstance")
RECEPTOR = Entity("x:receptor", "receptor R", "Receptor")
ENZYME = Entity("x:enzyme", "enzyme E", "Enzyme")
PROCESS = Entity("x:signal", "signalling S", "BiologicalProcess")
SIGN = Entity("x:sign", "sign F", "Disease")  # a phenotype the disease shows
DISEASE = Entity("x:disease", "disease D", "Disease")
CLASS = Entity("x:class", "class C", "DrugClass")
DRUG = Entity("x:drug", "drug Q", "Drug")


def said(n: int) -> tuple[Evidence, ...]:
    return (Evidence("a.txt", f"Sentence {n} in our own words.", 40 * n, 40 * n + 29),)


def both(statements: list[Statement]) -> list:
    """The same statements as a store and as a projected graph."""
    store = open_store(":memory:")
    store.ingest(statements)
    return [store, project(store)]


def chains(graph, drug, disease, k=3) -> list[list[str]]:
    return [p.labels for p in mechanism_paths(graph, drug, disease, k=k) if p.kind == "mechanism"]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_a_chain_may_pass_through_a_phenotype_of_the_disease(kind):
    graph = both([
        Statement(DRUG, "inhibits", ENZYME, evidence=said(1)),
        Statement(ENZYME, "increases", SIGN, evidence=said(2)),
        Statement(SIGN, "contributes_to", DISEASE, evidence=said(3)),
    ])[kind == "graph"]
    [chain] = chains(graph, "drug Q", "disease D")
    assert chain == ["drug Q", "enzyme E", "sign F", "disease D"]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_a_drug_may_reach_its_target_through_what_it_becomes_or_releases(kind):
    graph = both([
        Statement(PRODRUG, "increases", ACTIVE, evidence=said(1)),   # has metabolite
        Statement(ACTIVE, "agonist_of", RECEPTOR, evidence=said(2)),
        Statement(RECEPTOR, "participates_in", PROCESS, evidence=said(3)),
        Statement(PROCESS, "contributes_to", DISEASE, evidence=said(4)),
        Statement(DRUG, "increases", LEVELS, evidence=said(5)),      # releases dopamine
        Statement(LEVELS, "activates", RECEPTOR, evidence=said(6)),
    ])[kind == "graph"]
    assert chains(graph, "prodrug P", "disease D") == [
        ["prodrug P", "active metabolite A", "receptor R", "signalling S", "disease D"]]
    assert chains(graph, "drug Q", "disease D") == [
        ["drug Q", "dopamine", "receptor R", "signalling S", "disease D"]]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_no_chain_without_a_target_or_through_another_drugs_indication(kind):
    graph = both([
        # drug Q raises a substance that is linked to the disease: no target on the way
        Statement(DRUG, "increases", LEVELS, evidence=said(1)),
        Statement(LEVELS, "contributes_to", DISEASE, evidence=said(2)),
        # the enzyme raises drug O, which treats the disease: that is O's indication
        Statement(DRUG, "inhibits", ENZYME, evidence=said(3)),
        Statement(ENZYME, "increases", OTHER, evidence=said(4)),
        Statement(OTHER, "treats", DISEASE, evidence=said(5)),
        # a drug class is no step of a mechanism
        Statement(ENZYME, "part_of", CLASS, evidence=said(6)),
        Statement(CLASS, "contributes_to", DISEASE, evidence=said(7)),
        Statement(DRUG, "treats", DISEASE, evidence=said(8)),
    ])[kind == "graph"]
    paths = mechanism_paths(graph, "drug Q", "disease D", k=3)
    assert [p.kind for p in paths] == ["direct"]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_a_process_that_treats_a_condition_is_a_hop_and_every_hop_has_evidence(kind):
    graph = both([
        Statement(DRUG, "blocks", RECEPTOR, evidence=said(1)),
        Statement(RECEPTOR, "participates_in", PROCESS, evidence=said(2)),
        Statement(PROCESS, "treats", DISEASE, evidence=said(3)),   # as DrugMechDB says at times
    ])[kind == "graph"]
    [chain] = [p for p in mechanism_paths(graph, "drug Q", "disease D") if p.kind == "mechanism"]
    assert chain.labels == ["drug Q", "receptor R", "signalling S", "disease D"]
    assert all(h.evidence and h.evidence["text"].startswith("Sentence") for h in chain.hops)


def test_shortest_chain_first_and_each_entity_once():
    store = both([
        Statement(DRUG, "blocks", RECEPTOR, evidence=said(1)),
        Statement(RECEPTOR, "increases", LEVELS, evidence=said(2)),
        Statement(LEVELS, "activates", RECEPTOR, evidence=said(3)),  # a loop back
        Statement(LEVELS, "contributes_to", DISEASE, evidence=said(4)),
        Statement(RECEPTOR, "participates_in", PROCESS, evidence=said(5)),
        Statement(PROCESS, "increases", SIGN, evidence=said(6)),
        Statement(SIGN, "contributes_to", DISEASE, evidence=said(7)),
    ])[0]
    found = chains(store, "drug Q", "disease D", k=5)
    assert found == [
        ["drug Q", "receptor R", "dopamine", "disease D"],
        ["drug Q", "receptor R", "signalling S", "sign F", "disease D"],
    ]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_the_first_target_is_a_mechanism_target_not_an_enzyme_that_clears_the_drug(kind):
    cyp3a4 = Entity("NCBIGene:1576", "CYP3A4", "Enzyme")
    cyp51 = Entity("NCBIGene:1595", "CYP51A1", "Enzyme")
    graph = both([
        Statement(DRUG, "binds", cyp3a4, evidence=said(1)),
        Statement(cyp3a4, "contributes_to", DISEASE, evidence=said(2)),
        Statement(OTHER, "inhibits", cyp51, evidence=said(3)),
        Statement(cyp51, "participates_in", PROCESS, evidence=said(4)),
        Statement(PROCESS, "contributes_to", DISEASE, evidence=said(5)),
    ])[kind == "graph"]
    assert chains(graph, "drug Q", "disease D") == []
    assert chains(graph, "drug O", "disease D") == [["drug O", "CYP51A1", "signalling S", "disease D"]]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_after_a_condition_a_chain_goes_on_through_conditions_only(kind):
    other_disease = Entity("x:other_disease", "disease B", "Disease")
    gene = Entity("x:gene", "gene G", "Protein")
    graph = both([
        Statement(DRUG, "blocks", RECEPTOR, evidence=said(1)),
        Statement(RECEPTOR, "contributes_to", other_disease, evidence=said(2)),   # an association
        # disease B lowers the expression of a gene that takes part in the disease: a
        # statement about disease B, no step of the drug's mechanism
        Statement(other_disease, "decreases", gene, evidence=said(3)),
        Statement(gene, "contributes_to", DISEASE, evidence=said(4)),
    ])[kind == "graph"]
    assert chains(graph, "drug Q", "disease D") == []
    graph = both([
        Statement(DRUG, "blocks", RECEPTOR, evidence=said(1)),
        Statement(RECEPTOR, "contributes_to", other_disease, evidence=said(2)),
        Statement(other_disease, "contributes_to", SIGN, evidence=said(3)),
        Statement(SIGN, "contributes_to", DISEASE, evidence=said(4)),
    ])[kind == "graph"]
    assert chains(graph, "drug Q", "disease D") == [["drug Q", "receptor R", "disease B", "sign F", "disease D"]]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_a_recombinant_enzyme_reaches_the_disease_through_the_enzyme_it_replaces(kind):
    drug = Entity("x:replacement", "enzyme replacement R", "Drug")
    gla = Entity("NCBIGene:2717", "GLA", "Enzyme")
    lipid = Entity("x:lipid", "stored lipid L", "EndogenousSubstance")
    graph = both([
        Statement(drug, "similar_to", gla, evidence=said(1)),
        Statement(gla, "decreases", lipid, evidence=said(2)),
        Statement(lipid, "contributes_to", DISEASE, evidence=said(3)),
    ])[kind == "graph"]
    assert chains(graph, "enzyme replacement R", "disease D") == [
        ["enzyme replacement R", "GLA", "stored lipid L", "disease D"]]


@pytest.mark.parametrize("kind", ["store", "graph"])
def test_the_urate_transporter_is_the_mechanism_target_of_a_uricosuric(kind):
    urat1 = Entity("NCBIGene:116085", "SLC22A12", "Transporter")
    oat1 = Entity("NCBIGene:9356", "SLC22A6", "Transporter")
    graph = both([
        Statement(DRUG, "inhibits", urat1, evidence=said(1)),
        Statement(urat1, "contributes_to", DISEASE, evidence=said(2)),
        Statement(OTHER, "inhibits", oat1, evidence=said(3)),
        Statement(oat1, "contributes_to", DISEASE, evidence=said(4)),
    ])[kind == "graph"]
    assert chains(graph, "drug Q", "disease D") == [["drug Q", "SLC22A12", "disease D"]]
    assert chains(graph, "drug O", "disease D") == []
