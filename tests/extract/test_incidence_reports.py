"""Shares of patients with an event, in a report about one drug ("nausea was recorded in 31%
of patients, somnolence in 12% and dizziness in 9%"), are adverse events of that drug; a share
of patients with a benefit ("relief of pain was noted in 60%") is not. Every sentence is
written for this file; the built-in lexicon is used."""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_text
from pharmgraph.extract.pipeline import extract_document
from pharmgraph.extract.sections import lists_adverse_events

_TITLE = "Tolerability of oral ropinirole in older adults with restless legs syndrome\n\nResults: "


def _events(text: str) -> set[str]:
    return {s.object.label.lower() for s in extract_document(parse_text(_TITLE + text, "report.txt"))
            if s.predicate == "causes_adverse_event" and s.subject.label == "ropinirole" and not s.negated}


@pytest.mark.parametrize("verb", ["recorded", "documented", "noted"])
def test_every_event_of_an_incidence_list_belongs_to_the_drug_of_the_report(verb):
    found = _events(f"Nausea was {verb} in 31% of patients, somnolence in 12% and dizziness in 9%.")
    assert found == {"nausea", "somnolence", "dizziness"}


def test_a_share_of_patients_with_a_benefit_is_no_adverse_event():
    assert _events("Relief of pain was noted in 60% of patients.") == set()
    assert not lists_adverse_events("Complete remission of the rash was recorded in 40% of patients.")
    assert lists_adverse_events("Rash was recorded in 4% of patients.")


def test_counts_of_patients_are_an_incidence_too():
    assert _events("Weight gain developed in 22 patients and ankle oedema in 9.") == {"weight gain", "ankle edema"}


def test_the_commonest_adverse_event_was_one_of_the_drug():
    assert _events("Somnolence was the commonest adverse event, reported by 45 patients (70%).") == {"somnolence"}


def test_a_drug_named_after_the_list_does_not_take_it():
    text = "Nausea was the commonest adverse event, reported by 40 patients; domperidone relieved it in most."
    found = {(s.subject.label, s.object.label.lower()) for s in
             extract_document(parse_text(_TITLE + text, "report.txt")) if s.predicate == "causes_adverse_event"}
    assert found == {("ropinirole", "nausea")}


@pytest.mark.parametrize("route", ["oral", "intravenous", "subcutaneous"])
def test_the_takers_of_a_drug_given_by_a_route(route):
    text = f"Somnolence and dizziness were reported by 30% of patients on {route} tizanidine."
    found = {(s.subject.label, s.object.label.lower()) for s in extract_document(parse_text(text, "t.txt"))
             if s.predicate == "causes_adverse_event"}
    assert found == {("tizanidine", "somnolence"), ("tizanidine", "dizziness")}


@pytest.mark.parametrize(("text", "negated"), [
    ("Two patients on oral baclofen developed encephalopathy.", False),
    ("Six patients who stayed on baclofen later developed encephalopathy.", False),
    ("Patients treated with baclofen often develop encephalopathy.", False),
    ("No patient treated with baclofen developed encephalopathy.", True),
    ("Patients on baclofen did not develop encephalopathy.", True),
])
def test_the_takers_of_a_drug_who_developed_an_event(text, negated):
    found = {(s.subject.label, s.object.label.lower(), s.negated) for s in extract_document(parse_text(text, "t.txt"))
             if s.predicate == "causes_adverse_event"}
    assert found == {("baclofen", "encephalopathy", negated)}


@pytest.mark.parametrize(("text", "events", "negated"), [
    ("Gentamicin is nephrotoxic, ototoxic and neurotoxic.", {"nephrotoxicity", "ototoxicity", "neurotoxicity"}, False),
    ("Isotretinoin is highly teratogenic.", {"birth defects"}, False),
    ("Unlike gentamicin, ceftriaxone is not nephrotoxic.", {"nephrotoxicity"}, True),
    ("Methotrexate is cheap; it is hepatotoxic and teratogenic, and blood counts must be checked.",
     {"hepatitis", "birth defects"}, False),
])
def test_a_toxic_adjective_said_of_a_drug(text, events, negated):
    found = {(s.object.label.lower(), s.negated) for s in extract_document(parse_text(text, "t.txt"))
             if s.predicate == "causes_adverse_event"}
    assert found == {(e, negated) for e in events}

