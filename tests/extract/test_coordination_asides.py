"""An aside between a coordinator and its second member ("by A and, to a lesser extent, by
B", "at A and, at higher doses, B") leaves both members their relation, and a drug that
"attaches to" a protein binds it. Every sentence is written for this file; the built-in
lexicon is used."""

from __future__ import annotations

import pytest

from pharmgraph.extract.pipeline import extract_text


def _facts(text: str) -> set[tuple[str, str, str, bool]]:
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated)
            for s in extract_text(text, "t.txt")}


@pytest.mark.parametrize("aside", ["to a lesser extent", "to a lesser degree", "in part", "to some extent"])
def test_a_second_agent_after_an_aside(aside):
    found = _facts(f"Ranolazine is metabolised by CYP3A4 and, {aside}, by CYP2D6.")
    assert {("ranolazine", "metabolised_by", "cyp3a4", False), ("ranolazine", "metabolised_by", "cyp2d6", False)} <= found


def test_a_second_object_after_an_aside():
    found = _facts("Clozapine blocks D4 receptors and, at higher doses, D2 receptors.")
    assert {("clozapine", "blocks", "drd4", False), ("clozapine", "blocks", "drd2", False)} <= found


def test_an_aside_that_is_not_one_ends_the_list():
    found = _facts("Clozapine blocks D4 receptors and, as expected, sedation followed.")
    assert ("clozapine", "blocks", "drd4", False) in found
    assert not {f for f in found if f[1] == "blocks" and f[2] != "drd4"}


def test_attaching_to_a_protein_is_binding_it():
    assert ("everolimus", "binds", "fkbp1a", False) in _facts("Everolimus attaches to FKBP12 inside the cell.")


def test_both_analogues_are_the_two_drugs_just_named():
    found = _facts("Octreotide was compared with pasireotide in acromegaly. "
                   "Both analogues caused diarrhoea and cholelithiasis.")
    events = {(s, o) for s, p, o, neg in found if p == "causes_adverse_event" and not neg}
    assert events == {(d, e) for d in ("octreotide", "pasireotide") for e in ("diarrhea", "cholelithiasis")}


def test_modifiers_shared_by_a_whole_disease_name_keep_that_disease():
    found = _facts("Paclitaxel is used in early and metastatic breast cancer.")
    uses = {o for s, p, o, neg in found if p == "treats"}
    assert uses and all("breast" in o for o in uses)
    assert ("paclitaxel", "treats", "tumor", False) not in found
