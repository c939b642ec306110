"""Shared fixtures: small hand-made statements and the location of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.model import Entity, Evidence, Statement

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

LAMOTRIGINE = Entity("CHEBI:6367", "lamotrigine", "Drug", synonyms=("Lamictal",))
CARBAMAZEPINE = Entity("CHEBI:3387", "carbamazepine", "Drug")
LOSIGAMONE = Entity("pharmgraph:losigamone", "losigamone", "Drug")
VGSC = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
BZD_SITE = Entity("pharmgraph:benzodiazepine_site", "benzodiazepine site", "BindingSite")
EPILEPSY = Entity("MONDO:0005027", "epilepsy", "Disease")


def ev(doc: str, text: str, start: int = 0) -> Evidence:
    """Evidence for a sentence at an offset."""
    return Evidence(doc, text, start, start + len(text), references=("1",), extractor="test")


@pytest.fixture
def statements() -> list[Statement]:
    """Four statements over two documents, one negated and one hedged."""
    return [
        Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(ev("a.txt", "Lamotrigine blocks sodium channels."),)),
        Statement(CARBAMAZEPINE, "blocks", VGSC, evidence=(ev("b.txt", "Carbamazepine blocks them too."),)),
        Statement(LOSIGAMONE, "binds", BZD_SITE, negated=True,
                  evidence=(ev("b.txt", "Losigamone does not bind the benzodiazepine site.", 40),)),
        Statement(LAMOTRIGINE, "treats", EPILEPSY, certainty="hedged",
                  qualifiers={"population": "adults"},
                  evidence=(ev("a.txt", "It may help in epilepsy.", 36),)),
    ]


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
