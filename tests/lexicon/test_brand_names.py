"""Brand names and usual abbreviations name the drug, in lookups and in text."""

from __future__ import annotations

import pytest

from pharmgraph.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("brand", "generic"),
    [("Lipitor", "atorvastatin"), ("Eliquis", "apixaban"), ("Keppra", "levetiracetam"),
     ("Tylenol", "acetaminophen"), ("Gleevec", "imatinib"), ("Zovirax", "aciclovir"),
     ("acyclovir", "aciclovir")],
)
def test_a_brand_name_grounds_to_its_drug(brand: str, generic: str) -> None:
    found = default_lexicon().lookup(brand)
    assert found and found[0].label == generic and found[0].id.startswith("drugbank:")


def test_brand_names_are_found_in_text_as_the_drug() -> None:
    matches = default_lexicon().matcher().find("Patients switched from Plavix to Brilinta.")
    assert [(m.text, m.entity.label) for m in matches] == [("Plavix", "clopidogrel"), ("Brilinta", "ticagrelor")]
