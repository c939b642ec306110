"""Disease objects of treats whose head noun is shared by coordinated modifiers
("focal and generalized epilepsy"), and treats in a first clause before ", and it ..."."""

from __future__ import annotations

import pytest

from pharmgraph.extract import extract_text
from pharmgraph.lexicon import Lexicon, Term

EXTRA = [
    Term("test:focal", "focal epilepsy", "Disease", ("partial epilepsy",)),
    Term("test:cpain", "chronic pain", "Disease"),
    Term("test:apain", "acute pain", "Disease"),
    Term("test:pain", "pain", "Disease"),
]


@pytest.fixture(scope="module")
def epi_lexicon(lexicon) -> Lexicon:
    """The shared test lexicon plus focal epilepsy and three kinds of pain."""
    return Lexicon([*lexicon, *EXTRA])


@pytest.fixture
def found(epi_lexicon):
    def run(text: str) -> set[tuple[str, str, str, bool]]:
        return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text, "t.md", epi_lexicon)}

    return run


def test_two_modifiers_share_the_head_and_unknown_falls_back_to_head(found):
    got = found("Phenytoin is given to treat focal and generalized epilepsy in adults.")
    assert ("phenytoin", "treats", "focal epilepsy", False) in got
    assert ("phenytoin", "treats", "epilepsy", False) in got  # "generalized epilepsy" is unknown


def test_three_modifiers_with_or_each_resolve(found):
    got = found("Topiramate was studied as a drug to treat acute, neuropathic or chronic pain.")
    assert {("topiramate", "treats", "acute pain", False), ("topiramate", "treats", "chronic pain", False),
            ("topiramate", "treats", "pain", False)} <= got  # fmt: skip


def test_first_clause_treats_survives_a_following_it_clause(found):
    got = found(
        "Zonisamide is used to treat focal and generalized epilepsy, and it is also approved "
        "for the maintenance treatment of bipolar disorder."
    )
    assert {("zonisamide", "treats", "focal epilepsy", False), ("zonisamide", "treats", "epilepsy", False),
            ("zonisamide", "treats", "bipolar disorder", False)} <= got  # fmt: skip


def test_no_coordinator_means_no_distribution(found):
    got = found("Carbamazepine treats generalized epilepsy.")
    assert got == {("carbamazepine", "treats", "epilepsy", False)}


def test_a_bare_word_before_and_is_not_a_shared_modifier(found):
    got = found("Diazepam treats migraine and focal epilepsy.")
    assert got == {("diazepam", "treats", "migraine", False), ("diazepam", "treats", "focal epilepsy", False)}
