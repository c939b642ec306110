"""Negation and hedging flags: negated findings are kept, flagged, never turned positive."""

from __future__ import annotations

import pytest

from pharmgraph.extract.context import Clauses
from pharmgraph.extract.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("Diazepam does not bind the NMDA receptor.", "diazepam", "binds", "NMDA receptor"),
        ("Phenytoin had no significant effect on glutamate release.", "phenytoin", "affects", "glutamate release"),
        ("Topiramate failed to inhibit CYP3A4.", "topiramate", "inhibits", "CYP3A4"),
        ("Zonisamide reduced seizures without affecting the GABA-A receptor.", "zonisamide", "affects", "GABA-A receptor"),
        ("The NMDA receptor was not blocked by lamotrigine.", "lamotrigine", "blocks", "NMDA receptor"),
        ("Carbamazepine shows no inhibition of CYP3A4.", "carbamazepine", "inhibits", "CYP3A4"),
        ("Lamotrigine doesn't open potassium channels.", "lamotrigine", "opens", "potassium channel"),
    ],
)
def test_negated_sentence_never_yields_the_positive(claims, text, subject, predicate, obj):
    found = claims(text)
    assert (subject, predicate, obj, True) in found
    assert (subject, predicate, obj, False) not in found


def test_negation_stops_at_a_contrast_word(claims):
    found = claims("Diazepam does not bind the NMDA receptor, but it binds the GABA-A receptor.")
    assert ("diazepam", "binds", "NMDA receptor", True) in found
    assert ("diazepam", "binds", "GABA-A receptor", False) in found
    assert ("diazepam", "binds", "GABA-A receptor", True) not in found


def test_not_only_is_no_negation(claims):
    found = claims("Topiramate not only inhibits the NMDA receptor but also blocks sodium channels.")
    assert ("topiramate", "inhibits", "NMDA receptor", False) in found


def test_no_effect_takes_the_predicate_under_discussion(claims):
    found = claims("Phenytoin reduces glutamate release. In contrast, diazepam has no effect on glutamate release.")
    assert ("diazepam", "decreases", "glutamate release", True) in found


@pytest.mark.parametrize(
    "text",
    [
        "Zonisamide is thought to block sodium channels.",
        "Zonisamide may block sodium channels.",
        "These data suggest that zonisamide blocks sodium channels.",
        "Zonisamide appears to block sodium channels.",
        "A putative action is that zonisamide blocks sodium channels.",
        "Zonisamide possibly blocks sodium channels.",
        "Zonisamide could block sodium channels.",
        "It has been proposed that zonisamide blocks sodium channels.",
    ],
)
def test_hedged(statements, text):
    found = [s for s in statements(text) if s.predicate == "blocks"]
    assert [(s.subject.label, s.certainty, s.negated) for s in found] == [("zonisamide", "hedged", False)]


def test_asserted_when_the_hedge_is_in_another_clause(statements):
    found = statements("Zonisamide blocks sodium channels, although tolerability may vary.")
    assert [s.certainty for s in found if s.predicate == "blocks"] == ["asserted"]


def test_clauses_scope():
    toks = tokenize("It does not bind the site, but it binds the pore.")
    c = Clauses(toks)
    assert c.negated(0, 5) is True  # "It does not bind the site"
    assert c.negated(8, 11) is False  # "it binds the pore"
