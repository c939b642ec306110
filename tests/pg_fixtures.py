"""Hand-made entities and evidence shared by the core tests (imported by conftest.py)."""

from __future__ import annotations

from pathlib import Path

from pharmgraph.model import Entity, Evidence

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


