"""A 28-entry lexicon for extraction tests, and helpers to read what extraction returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.extract import extract_text
from pharmgraph.lexicon import Lexicon, Term

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

TERMS = [
    Term("test:ltg", "lamotrigine", "Drug", ("Lamictal",)),
    Term("test:cbz", "carbamazepine", "Drug"),
    Term("test:pht", "phenytoin", "Drug"),
    Term("test:dzp", "diazepam", "Drug"),
    Term("test:vtd", "veratridine", "Drug"),
    Term("test:zns", "zonisamide", "Drug"),
    Term("test:ket", "ketoconazole", "Drug"),
    Term("test:tpm", "topiramate", "Drug"),
    Term("test:glu", "glutamate", "Drug"),
    Term("test:ser", "serotonin", "Drug"),
    Term("test:pal", "palonosetron", "Drug"),
    Term("test:5ht3", "5-HT3 receptor", "Receptor"),
    Term("test:asp", "aspartate", "Drug"),
    Term("test:gaba", "GABA", "Drug"),
    Term("test:vgsc", "voltage-gated sodium channel", "IonChannel", ("sodium channel", "Na+ channel")),
    Term("test:gabaa", "GABA-A receptor", "Receptor", ("GABAA receptor",)),
    Term("test:kch", "potassium channel", "IonChannel"),
    Term("test:clch", "chloride channel", "IonChannel"),
    Term("test:nmda", "NMDA receptor", "Receptor"),
    Term("test:cyp3a4", "CYP3A4", "Enzyme"),
    Term("test:inap", "persistent sodium current", "IonCurrent", (), ("test:vgsc",)),
    Term("test:glurel", "glutamate release", "BiologicalProcess", ("glutamate secretion",)),
    Term("test:epi", "epilepsy", "Disease"),
    Term("test:sz", "seizures", "Disease", ("seizure", "convulsions")),
    Term("test:bip", "bipolar disorder", "Disease"),
    Term("test:mig", "migraine", "Disease"),
    Term("test:rash", "skin rash", "AdverseEvent", ("rash",)),
    Term("test:hep", "hepatotoxicity", "AdverseEvent"),
]


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The test lexicon."""
    return Lexicon(TERMS)


@pytest.fixture
def claims(lexicon):
    """Extract a text and return its claims as (subject, predicate, object, negated) tuples."""

    def run(text: str) -> set[tuple[str, str, str, bool]]:
        return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text, "t.txt", lexicon)}

    return run


@pytest.fixture
def statements(lexicon):
    """Extract a text and return its statements."""

    def run(text: str, name: str = "t.txt"):
        return extract_text(text, name, lexicon)

    return run


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
