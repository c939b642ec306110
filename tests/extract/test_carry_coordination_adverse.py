"""When the drug in focus is carried into a sentence, slash coordination, adverse effects
named by a condition head, and skipping sentences that cannot state a relation."""

from __future__ import annotations

import pytest

from pharmgraph.extract import extract_text
from pharmgraph.lexicon import Lexicon, Term

EXTRA = [
    Term("test:kcnq2", "KCNQ2", "IonChannel"),
    Term("test:kcnq3", "KCNQ3", "IonChannel"),
    Term("test:rtg", "retigabine", "Drug"),
]


@pytest.fixture(scope="module")
def wide_lexicon(lexicon) -> Lexicon:
    """The shared test lexicon plus two potassium channel subunits and retigabine."""
    return Lexicon([*lexicon, *EXTRA])


@pytest.fixture
def found(wide_lexicon):
    def run(text: str, name: str = "t.md") -> set[tuple[str, str, str, bool]]:
        return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text, name, wide_lexicon)}

    return run


# -- carrying the drug in focus ------------------------------------------------------------


def test_generic_sentence_before_any_drug_is_not_given_the_documents_drug(found):
    text = (
        "Anti-seizure drugs act in several ways. Two other mechanisms are opening potassium "
        "channels and binding to a vesicle protein. Retigabine is reviewed here. Retigabine "
        "is well tolerated."
    )
    assert not {c for c in found(text) if c[2] == "potassium channel"}


def test_quantified_subject_does_not_take_the_drug_in_focus(found):
    text = "Topiramate is reviewed here. Several other mechanisms involve the activation of potassium channels."
    assert found(text) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "In addition, the proposed mechanism involves the activation of potassium channels.",
        "An additional mechanism is the activation of potassium channels.",
        "This mechanism relies on the activation of potassium channels.",
    ],
)
def test_anaphoric_subject_takes_the_drug_in_focus(found, sentence):
    claims = found("Topiramate is reviewed here. " + sentence)
    assert ("topiramate", "activates", "potassium channel", False) in claims


def test_bullets_under_a_drug_heading_speak_of_that_drug(found):
    text = "# Notes\n\n## Topiramate\n\n- Blocks voltage-gated sodium channels.\n- Opens potassium channels.\n"
    claims = found(text)
    assert ("topiramate", "blocks", "voltage-gated sodium channel", False) in claims
    assert ("topiramate", "opens", "potassium channel", False) in claims


def test_bullets_under_another_heading_state_nothing(found):
    text = "# Notes\n\nTopiramate is reviewed here.\n\n## Background\n\n- Opens potassium channels.\n"
    assert found(text) == set()


# -- slash coordination -------------------------------------------------------------------


def test_slash_between_targets_coordinates_them(found):
    claims = found("Retigabine opens KCNQ2/KCNQ3 potassium channels in neurons.")
    assert ("retigabine", "opens", "KCNQ2", False) in claims
    assert ("retigabine", "opens", "KCNQ3", False) in claims


def test_slash_coordination_works_leftwards_too(found):
    claims = found("KCNQ2/KCNQ3 channels are opened by retigabine.")
    assert {c[2] for c in claims if c[1] == "opens"} == {"KCNQ2", "KCNQ3"}


def test_slash_chain_naming_a_pathway_is_one_thing(found):
    claims = found("Retigabine activates the KCNQ2/KCNQ3 pathway.")
    assert ("retigabine", "activates", "KCNQ3", False) not in claims


# -- adverse effects ----------------------------------------------------------------------


def test_use_of_the_drug_causing_unnamed_conditions(found):
    text = (
        "Retigabine is an anti-seizure drug. The drug was used for epilepsy but was withdrawn "
        "because long-term use caused blue discoloration of the skin and retinal pigment changes."
    )
    adverse = {c[2] for c in found(text) if c[1] == "causes_adverse_event" and c[0] == "retigabine"}
    assert adverse == {"blue skin discoloration", "retinal pigment changes"}


def test_use_of_the_drug_causing_a_known_adverse_event(found):
    text = "Phenytoin was used for epilepsy but was withdrawn because long-term use caused hepatotoxicity."
    assert ("phenytoin", "causes_adverse_event", "hepatotoxicity", False) in found(text)


def test_use_of_a_named_drug(found):
    text = "Chronic administration of carbamazepine produced gingival overgrowth in rats."
    assert ("carbamazepine", "causes_adverse_event", "gingival overgrowth", False) in found(text)


def test_denied_condition_is_negated(found):
    text = "Topiramate caused no hepatic damage in treated animals."
    assert ("topiramate", "causes_adverse_event", "hepatic damage", True) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Topiramate produced fewer gastric lesions than carbamazepine.",
        "Topiramate induced rapid changes in firing.",
        "Topiramate induced death of tumour cells.",
    ],
)
def test_comparisons_and_vague_changes_are_not_adverse_events(found, text):
    assert not {c for c in found(text) if c[1] == "causes_adverse_event"}


# -- sentences that cannot relate anything -------------------------------------------------


def test_sentence_with_a_drug_and_no_object_still_feeds_context(found):
    # the first sentence states nothing, but makes carbamazepine the drug "it" refers to
    claims = found("Carbamazepine was given daily. It blocks sodium channels.")
    assert claims == {("carbamazepine", "blocks", "voltage-gated sodium channel", False)}


def test_property_adjective_without_object_mention_is_read(found):
    claims = found("Lamotrigine has antiepileptic properties.")
    assert ("lamotrigine", "treats", "epilepsy", False) in claims
