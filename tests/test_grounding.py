"""Grounding: one canonical id per concept, whoever named it (text, a source, a user)."""

from __future__ import annotations

import pytest

from pharmgraph.grounding import Grounder, canonical_id, ground_entity, ground_statements
from pharmgraph.lexicon import Lexicon, Term, default_lexicon
from pharmgraph.model import Entity, Statement


@pytest.fixture
def small() -> Lexicon:
    return Lexicon(
        [
            Term(
                "drugbank:DB00555",
                "lamotrigine",
                "Drug",
                ("Lamictal",),
                xrefs=("CHEBI:6367", "mesh:D000077213"),
            ),
            Term(
                "NCBIGene:5743",
                "PTGS2",
                "Enzyme",
                ("COX-2", "cyclooxygenase-2"),
                xrefs=("uniprot:P35354",),
            ),
            Term("mesh:D004827", "epilepsy", "Disease", (), xrefs=("DOID:1826", "UMLS:C0014544")),
            Term("UMLS:C0018681", "headache", "AdverseEvent"),
            Term("mesh:D006261", "headache disorder", "Disease", ("headache",)),
            Term("mesh:D019161", "statins", "DrugClass", ("statin",)),
            Term("pharmgraph:seizure_threshold", "seizure threshold", "PhysiologicalEffect"),
        ]
    )


def test_cross_references_map_to_the_canonical_id(small: Lexicon) -> None:
    grounder = Grounder(small)
    assert grounder.canonical_id("CHEBI:6367") == "drugbank:DB00555"
    assert grounder.canonical_id("chebi:6367") == "drugbank:DB00555"
    assert grounder.canonical_id("doid:1826") == "mesh:D004827"
    assert grounder.canonical_id("uniprot:P35354") == "NCBIGene:5743"
    assert grounder.canonical_id("CHEBI:999999") == "CHEBI:999999"  # unknown: kept


def test_given_id_is_kept_as_xref(small: Lexicon) -> None:
    e = Grounder(small).entity(Entity("CHEBI:6367", "Lamotrigine", "Drug"))
    assert (e.id, e.label, e.type) == ("drugbank:DB00555", "lamotrigine", "Drug")
    assert e.xrefs == ("CHEBI:6367", "mesh:D000077213")  # given first, then the lexicon's


def test_local_ids_and_labels_are_grounded_by_name_within_their_kind(small: Lexicon) -> None:
    grounder = Grounder(small)
    assert grounder.entity(Entity("pharmgraph:cox_2", "COX-2", "Protein")).id == "NCBIGene:5743"
    assert grounder.label("Lamictal", "Drug").id == "drugbank:DB00555"
    # nothing was given, so the xrefs are the lexicon's own
    assert grounder.label("Lamictal", "Drug").xrefs == small.xrefs("drugbank:DB00555")
    assert grounder.label("statins", "Drug").type == "DrugClass"
    # a disease named like a drug is not grounded to the drug
    assert grounder.label("lamotrigine", "Disease").id == "pharmgraph:lamotrigine"
    assert grounder.label("snorkelamine", "Drug").id == "pharmgraph:snorkelamine"
    counts = grounder.counts
    assert counts.named == 3 and counts.local == 2


def test_treats_object_typed_adverse_event_becomes_the_disease(small: Lexicon) -> None:
    drug = Entity("drugbank:DB00555", "lamotrigine", "Drug")
    statements = [
        Statement(drug, "treats", Entity("UMLS:C0018681", "headache", "AdverseEvent")),
        Statement(drug, "treats", Entity("UMLS:C0014544", "epilepsy", "AdverseEvent")),
        Statement(
            drug,
            "treats",
            Entity("pharmgraph:seizure_threshold", "seizure threshold", "PhysiologicalEffect"),
        ),
        Statement(
            drug, "causes_adverse_event", Entity("UMLS:C0018681", "headache", "AdverseEvent")
        ),
    ]
    out, counts = ground_statements(statements, small)
    assert [s.object.id for s in out] == [
        "mesh:D006261",
        "mesh:D004827",
        "pharmgraph:seizure_threshold",
        "UMLS:C0018681",
    ]
    assert [s.object.type for s in out[:2]] == ["Disease", "Disease"]
    assert out[3].object.type == "AdverseEvent"  # a side effect stays one where it is one
    assert counts.retyped == 1 and counts.type_errors == 1
    assert counts.mapped == 1  # UMLS:C0014544 -> mesh:D004827
    assert "type errors" in counts.summary()


def test_same_concept_from_three_namers_is_one_entity(small: Lexicon) -> None:
    namers = [
        Entity("drugbank:DB00555", "lamotrigine", "Drug"),
        Entity("CHEBI:6367", "lamotrigine", "Drug"),
        Entity("pharmgraph:lamotrigine", "Lamotrigine", "Drug"),
    ]
    target = Entity("uniprot:P35354", "Prostaglandin G/H synthase 2", "Protein")
    out, _ = ground_statements([Statement(n, "inhibits", target) for n in namers], small)
    assert {s.key() for s in out} == {("drugbank:DB00555", "inhibits", "NCBIGene:5743", False)}


def test_builtin_grounding_of_the_issue_cases() -> None:
    lex = default_lexicon()
    grounder = Grounder(lex)
    assert grounder.label("COX-1", "Protein").id == "NCBIGene:5742"
    assert grounder.label("COX-2", "Enzyme").id == "NCBIGene:5743"
    assert grounder.label("β2-adrenergic receptor", "Receptor").id == "NCBIGene:154"
    assert grounder.label("heart rate", "PhysiologicalEffect").id == "mesh:D006339"
    statins = grounder.label("statins", "Drug")
    assert statins.type == "DrugClass" and statins.id != lex.lookup("simvastatin")[0].id
    assert canonical_id("CHEBI:6367") == canonical_id("drugbank:DB00555") == "drugbank:DB00555"
    assert canonical_id("DOID:1826") == canonical_id("mesh:D004827")
    assert canonical_id("uniprot:P12821") == "NCBIGene:1636"  # ACE under one id
    beta = lex.get("NCBIGene:154")
    assert "pharmgraph:beta_adrenergic_receptor" in beta.broader
    assert ground_entity(Entity("mesh:D005680", "GABA", "Drug")).type == "EndogenousSubstance"
