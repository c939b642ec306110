"""British and US spellings of a name find the same concept in the built-in lexicon."""

from __future__ import annotations

import pytest

from pharmgraph.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("british", "us"),
    [("anaemia", "anemia"), ("leukaemia", "leukemia"), ("oestrogen receptor", "estrogen receptor"),
     ("haemorrhage", "hemorrhage"), ("membrane depolarisation", "membrane depolarization"),
     ("oedema", "edema"), ("ischaemic stroke", "ischemic stroke")],
)
def test_both_spellings_name_one_entity(british: str, us: str) -> None:
    lex = default_lexicon()
    found_british, found_us = lex.lookup(british), lex.lookup(us)
    assert found_british and found_us and found_british[0].id == found_us[0].id


def test_a_british_spelling_is_found_in_text() -> None:
    matches = default_lexicon().matcher().find("Tamoxifen blocks the oestrogen receptor.")
    assert ("oestrogen receptor", "NCBIGene:2099") in [(m.text, m.entity.id) for m in matches]
