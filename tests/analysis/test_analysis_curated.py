"""Curated sources beside text: target roles, mechanism chains, known or new, negation."""

from __future__ import annotations

import json

import pytest
from analysis_kg import said
from click.testing import CliRunner

from pharmgraph.analysis import (
    known_or_new,
    mechanism_paths,
    project,
    shared_indications,
    shared_targets,
    statement_status,
)
from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

CBZ = Entity("CHEBI:3387", "carbamazepine", "Drug")
PHT = Entity("CHEBI:8107", "phenytoin", "Drug")
ETX = Entity("CHEBI:4887", "ethosuximide", "Drug")
VPA = Entity("CHEBI:39867", "valproate", "Drug")
CYP = Entity("ncbigene:1576", "CYP3A4", "Enzyme")
NAV = Entity("ncbigene:6323", "SCN1A", "IonChannel", xrefs=("pharmgraph:nav1_1",))
NAV_TEXT = Entity("pharmgraph:nav1_1", "Nav1.1", "IonChannel")
CACN = Entity("ncbigene:8913", "CACNA1G", "IonChannel")
FIRING = Entity("GO:0019228", "neuronal action potential", "BiologicalProcess")
SEIZURES = Entity("mesh:D012640", "seizures", "Disease")
ABSENCE = Entity("mesh:D004832", "absence epilepsy", "Disease", broader=("mesh:D012640",))
TONIC = Entity("mesh:D004830", "tonic-clonic epilepsy", "Disease", broader=("mesh:D012640",))


def record(source: str, rec: str) -> tuple[Evidence, ...]:
    """Evidence from a database record (no sentence)."""
    return (Evidence(source, "", source=f"infores:{source}", record=rec),)


def curated_statements() -> list[Statement]:
    """Text statements about antiepileptics beside curated records (our own words)."""
    return [
        # text
        Statement(CBZ, "blocks", NAV_TEXT, evidence=said("p.txt", "C blocks the channel.")),
        Statement(CBZ, "metabolised_by", CYP, evidence=said("p.txt", "C is cleared by the enzyme.", 30)),
        Statement(PHT, "metabolised_by", CYP, evidence=said("q.txt", "P is cleared by it too.")),
        Statement(PHT, "opens", NAV, evidence=said("q.txt", "P holds the channel open.", 30)),
        Statement(PHT, "blocks", CACN, negated=True, evidence=said("q.txt", "P spares that channel.", 60)),
        Statement(ETX, "treats", ABSENCE, evidence=said("r.txt", "E helps in absence epilepsy.")),
        Statement(ETX, "treats", TONIC, negated=True,
                  evidence=said("r.txt", "E fails in tonic-clonic epilepsy.", 40)),
        Statement(VPA, "treats", TONIC, evidence=said("r.txt", "V helps there.", 80)),
        Statement(VPA, "treats", ABSENCE, evidence=said("r.txt", "V helps in absence too.", 100)),
        Statement(CBZ, "treats", SEIZURES, evidence=said("p.txt", "C is used against seizures.", 60)),
        # curated
        Statement(CBZ, "binds", NAV, evidence=record("hetionet", "CbG:3387-6323")),
        Statement(PHT, "blocks", NAV, evidence=record("hetionet", "CbG:8107-6323")),
        Statement(PHT, "blocks", CACN, evidence=record("hetionet", "CbG:8107-8913")),
        Statement(ETX, "treats", SEIZURES, evidence=record("hetionet", "CtD:4887-12640")),
        Statement(NAV, "participates_in", FIRING, evidence=record("drugmechdb", "DB00564_1")),
        Statement(FIRING, "contributes_to", SEIZURES, evidence=record("drugmechdb", "DB00564_1")),
    ]


@pytest.fixture
def curated():
    """An in-memory store of :func:`curated_statements`."""
    store = open_store(":memory:")
    store.ingest(curated_statements())
    return store


def test_shared_targets_answer_about_mechanism_targets_by_default(curated):
    rows = shared_targets(curated, "carbamazepine")
    assert [(r["other_label"], r["names"]) for r in rows] == [("phenytoin", ["SCN1A"])]
    assert rows[0]["items"][0]["role"] == "mechanism"
    everything = shared_targets(curated, "carbamazepine", roles="all")
    assert [(r["names"], [i["role"] for i in r["items"]]) for r in everything] == [
        (["CYP3A4", "SCN1A"], ["metabolism", "mechanism"])]
    only_enzymes = shared_targets(curated, "carbamazepine", roles="metabolism")
    assert [r["names"] for r in only_enzymes] == [["CYP3A4"]]
    assert shared_targets(project(curated), "carbamazepine", roles=["metabolism"]) == only_enzymes
    with pytest.raises(InputError, match="Unknown target role 'enzyme'"):
        shared_targets(curated, "carbamazepine", roles="enzyme")


def test_cli_roles_novel_and_mechanism_paths(tmp_path):
    location = tmp_path / "kg"
    disk = open_store(location)
    disk.ingest(curated_statements())
    disk.close()
    result = CliRunner().invoke(main, ["--store", str(location), "shared-targets",
                                       "carbamazepine", "--roles", "all", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert 'carbamazepine,phenytoin,2,0.500,"CYP3A4, SCN1A","metabolism, mechanism"' in result.output
    result = CliRunner().invoke(main, ["--store", str(location), "novel", "--drug", "phenytoin",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(r["predicate"], r["object_label"]) for r in json.loads(result.output)] == [
        ("metabolised_by", "CYP3A4")]
    result = CliRunner().invoke(main, ["--store", str(location), "path", "carbamazepine",
                                       "seizures", "-k", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1. carbamazepine -treats-> seizures  [1 hops, unsigned]"
    assert lines[1].startswith("2. carbamazepine -binds-> SCN1A -participates_in-> ")
    assert "[3 hops, unsigned, mechanism]" in lines[1]
    assert "curated" in result.output and "text-mined" in result.output


def test_mechanism_chains_go_through_a_target_with_evidence_on_every_hop(curated):
    paths = mechanism_paths(curated, "carbamazepine", "seizures", k=3)
    assert [(p.kind, p.labels) for p in paths] == [
        ("direct", ["carbamazepine", "seizures"]),
        ("mechanism", ["carbamazepine", "SCN1A", "neuronal action potential", "seizures"]),
    ]
    chain = paths[1]
    assert [h.predicate for h in chain.hops] == ["binds", "participates_in", "contributes_to"]
    assert [h.origin for h in chain.hops] == ["curated", "curated", "curated"]
    assert [h.evidence["record"] for h in chain.hops] == ["CbG:3387-6323", "DB00564_1", "DB00564_1"]
    assert paths[0].hops[0].origin == "text-mined"
    assert paths[0].hops[0].evidence["text"] == "C is used against seizures."
    # The projected graph gives the same chains.
    graph_paths = mechanism_paths(project(curated), "carbamazepine", "seizures", k=3)
    assert [p.labels for p in graph_paths] == [p.labels for p in paths]


def test_a_hop_both_curated_and_text_mined_says_so(curated):
    curated.ingest([Statement(NAV, "participates_in", FIRING,
                              evidence=said("s.txt", "The channel drives firing."))])
    [chain] = mechanism_paths(curated, "phenytoin", "seizures")
    assert chain.kind == "mechanism"
    assert [h.origin for h in chain.hops] == ["curated", "both", "curated"]


def test_no_chain_when_the_first_hop_is_not_a_target(curated):
    # ethosuximide reaches seizures only directly (a curated indication): no chain.
    assert [p.kind for p in mechanism_paths(curated, "ethosuximide", "seizures")] == ["direct"]
    frame = mechanism_paths(curated, "carbamazepine", "seizures").to_dataframe()
    assert list(frame["kind"]) == ["direct", "mechanism", "mechanism", "mechanism"]


def test_known_or_new(curated):
    rows = {(r["subject_label"], r["predicate"], r["object_label"], r["negated"]): r
            for r in known_or_new(curated)}
    # "binds SCN1A" in Hetionet backs "blocks Nav1.1" (the same channel, by exactMatch).
    assert rows[("carbamazepine", "blocks", "Nav1.1", False)]["status"] == "supported"
    assert rows[("carbamazepine", "blocks", "Nav1.1", False)]["supported_by"] == [
        "infores:hetionet CbG:3387-6323: carbamazepine binds SCN1A"]
    # Opposite direction.
    opened = rows[("phenytoin", "opens", "SCN1A", False)]
    assert opened["status"] == "contradicted"
    assert opened["contradicted_by"] == ["infores:hetionet CbG:8107-6323: phenytoin blocks SCN1A"]
    # Negated in text, asserted by the source, same entity.
    assert rows[("phenytoin", "blocks", "CACNA1G", True)]["status"] == "contradicted"
    # A narrower disease under a broader curated indication is supported...
    assert rows[("ethosuximide", "treats", "absence epilepsy", False)]["supported_by"] == [
        "infores:hetionet CtD:4887-12640: ethosuximide treats seizures (broader)"]
    # ...but a negation about a narrower disease does not climb to contradict it.
    assert rows[("ethosuximide", "treats", "tonic-clonic epilepsy", True)]["status"] == "novel"
    assert rows[("carbamazepine", "metabolised_by", "CYP3A4", False)]["status"] == "novel"
    assert rows[("carbamazepine", "metabolised_by", "CYP3A4", False)]["evidence"] == (
        "C is cleared by the enzyme.")
    novel = known_or_new(curated, drug="ethosuximide", status="novel")
    assert [(r["object_label"], r["negated"]) for r in novel] == [("tonic-clonic epilepsy", True)]
    assert known_or_new(curated, entity="CYP3A4", status="supported") == []
    assert len(known_or_new(curated, entity="CYP3A4")) == 2


def test_statement_status_for_pages(curated):
    assert statement_status(curated, "phenytoin", "inhibits", "SCN1A")["status"] == "supported"
    assert statement_status(curated, "phenytoin", "activates", "SCN1A")["status"] == "contradicted"
    assert statement_status(curated, "phenytoin", "treats", "seizures")["status"] == "novel"
    with pytest.raises(InputError, match="Unknown predicate"):
        statement_status(curated, "phenytoin", "cures", "seizures")


def test_a_negation_is_not_reported_at_a_family_it_does_not_join():
    # ethosuximide does not treat tonic-clonic epilepsy; with valproate it meets at absence
    # epilepsy (exact): the negation is about another disease and is not reported there.
    store = open_store(":memory:")
    store.ingest([
        Statement(ETX, "treats", ABSENCE, evidence=said("r.txt", "E helps in absence epilepsy.")),
        Statement(ETX, "treats", TONIC, negated=True, evidence=said("r.txt", "E fails there.", 40)),
        Statement(VPA, "treats", ABSENCE, evidence=said("r.txt", "V helps in absence too.", 80)),
        Statement(CBZ, "treats", SEIZURES, evidence=said("p.txt", "C is used against seizures.")),
    ])
    rows = {r["other_label"]: r for r in shared_indications(store, "ethosuximide")}
    assert rows["valproate"]["names"] == ["absence epilepsy"]
    assert rows["valproate"]["contradictions"] == []
    # carbamazepine meets ethosuximide at the broader "seizures": not rolled up there either.
    assert rows["carbamazepine"]["names"] == ["seizures (family via absence epilepsy)"]
    assert rows["carbamazepine"]["contradictions"] == []
    graph_rows = shared_indications(project(store), "ethosuximide")
    assert graph_rows == shared_indications(store, "ethosuximide")



def test_focus_views_say_what_is_known(curated):
    from pharmgraph.views.subgraphs import focus_view

    graph, _ = focus_view(curated, ["phenytoin"], 1, show_negated=True)
    edges = {(u, k, v): d for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges[(PHT.id, "opens", NAV.id)]["status"] == "contradicted"
    assert edges[(PHT.id, "opens", NAV.id)]["origin"] == "text-mined"
    assert edges[(PHT.id, "blocks", NAV.id)]["origin"] == "curated"
    assert "status" not in edges[(PHT.id, "blocks", NAV.id)]
    assert edges[(PHT.id, "metabolised_by", CYP.id)]["status"] == "novel"
    assert edges[(PHT.id, "not_blocks", CACN.id)]["status"] == "contradicted"
