"""Matching names in text: spelling variants, longest match, word boundaries, aliases."""

from __future__ import annotations

import pytest

from pharmgraph.lexicon import Lexicon, Match
from pharmgraph.model import Entity


def found(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.id) for m in lexicon.matcher().find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "GABA-A receptor",
        "GABAA receptor",
        "GABA A receptor",
        "GABA(A) receptor",
        "gaba-a Receptors",
        "γ-aminobutyric acid type A receptor".replace("γ", "gamma "),
        "GABA(A)-receptor",
    ],
)
def test_gaba_a_spellings_match_one_entity(lexicon: Lexicon, text: str) -> None:
    assert found(lexicon, f"Binding to the {text} was weak.") == [(text, "mesh:D011963")]


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("S(+)-losigamone", "pharmgraph:s_losigamone"),
        ("S(+) -losigamone", "pharmgraph:s_losigamone"),
        ("S(+) - losigamone", "pharmgraph:s_losigamone"),
        ("R(-)-losigamone", "pharmgraph:r_losigamone"),
        ("R(-) -losigamone", "pharmgraph:r_losigamone"),
        ("AO-33", "pharmgraph:losigamone"),
        ("AO 33", "pharmgraph:losigamone"),
        ("Na+ channels", "mesh:D062528"),
        ("Na(+) channel", "mesh:D062528"),
        ("K+ channel", "mesh:D015221"),
        ("Cl- channels", "mesh:D018118"),
        ("sodium channels", "mesh:D062528"),
        ("Nav1.1", "NCBIGene:6323"),
        ("Nav 1.1", "NCBIGene:6323"),
        ("alpha2delta-1 subunit", "NCBIGene:781"),
        ("α2δ-1 subunits", "NCBIGene:781"),
        ("µ-opioid receptor", "pharmgraph:opioid_mu"),
        ("μ-opioid receptors", "pharmgraph:opioid_mu"),
        ("mu opioid receptor", "pharmgraph:opioid_mu"),
        ("LAMOTRIGINE", "drugbank:DB00555"),
        ("Lamictal", "drugbank:DB00555"),
    ],
)
def test_spelling_variants(lexicon: Lexicon, text: str, entity_id: str) -> None:
    assert found(lexicon, f"We saw ({text}) here.") == [(text, entity_id)]


def test_offsets_point_into_the_given_string(lexicon: Lexicon) -> None:
    text = "   Lamotrigine  [12]   blocks   Na+   channels ."
    matches = lexicon.matcher().find(text)
    assert [text[m.start : m.end] for m in matches] == ["Lamotrigine", "Na+   channels"]
    assert all(isinstance(m, Match) and m.text == text[m.start : m.end] for m in matches)


def test_longest_match_wins(lexicon: Lexicon) -> None:
    got = found(
        lexicon, "in focal epilepsy and a persistent sodium current through the sodium channel"
    )
    assert got == [
        ("focal epilepsy", "mesh:D004828"),
        ("persistent sodium current", "pharmgraph:persistent_sodium_current"),
        ("sodium channel", "mesh:D062528"),
    ]


def test_matches_respect_word_boundaries(lexicon: Lexicon) -> None:
    assert found(lexicon, "epilepsyX, preepilepsy, lamotriginexyz, SCN1AB, Nav1.12") == []
    assert found(lexicon, "anti-epilepsy drugs") == [("epilepsy", "mesh:D004827")]


def test_short_symbols_need_their_case(lexicon: Lexicon) -> None:
    assert found(lexicon, "the cat sat on the set; ltg and inap") == []
    assert found(lexicon, "CAT and SET bind LTG; INaP grows") == [
        ("CAT", "NCBIGene:847"),
        ("SET", "NCBIGene:6418"),
        ("LTG", "drugbank:DB00555"),
        ("INaP", "pharmgraph:persistent_sodium_current"),
    ]


def test_two_letter_names_are_not_matched_but_can_be_looked_up() -> None:
    lex = Lexicon([Entity("pharmgraph:gs", "GS", "Enzyme", ("glutamine synthetase",))])
    assert lex.matcher().find("GS and glutamine synthetase") == [
        Match(7, 27, "glutamine synthetase", lex.get("pharmgraph:gs"), "glutamine synthetase")
    ]
    assert [e.id for e in lex.lookup("GS")] == ["pharmgraph:gs"]


def test_aliases_add_document_abbreviations(lexicon: Lexicon) -> None:
    base = lexicon.matcher()
    vgsc = lexicon.get("mesh:D062528")
    doc = base.with_aliases({"VSSC": vgsc, "LSG": "pharmgraph:losigamone"})
    text = "LSG inhibits VSSC and VGSC; lsg is lower case."
    assert [(m.text, m.entity.id) for m in doc.find(text)] == [
        ("LSG", "pharmgraph:losigamone"),
        ("VSSC", "mesh:D062528"),
        ("VGSC", "mesh:D062528"),
    ]
    assert [m.text for m in base.find(text)] == ["VGSC"]  # the base matcher is unchanged
    with pytest.raises(KeyError):
        base.with_aliases({"XYZ": "pharmgraph:nothing"})


def test_alias_for_entity_outside_the_lexicon(lexicon: Lexicon) -> None:
    new = Entity("pharmgraph:new_thing", "new thing", "Drug")
    matches = lexicon.matcher().with_aliases({"NT-1": new}).find("NT-1 works")
    assert [(m.text, m.entity) for m in matches] == [("NT-1", new)]


def test_shared_names_prefer_earlier_sources() -> None:
    lex = Lexicon()
    lex.add(Entity("mesh:D1", "first thing", "Drug", ("shared name",)), rank=0)
    lex.add(Entity("mesh:D2", "shared name", "Disease"), rank=1)
    (match,) = lex.matcher().find("a shared name")
    assert match.entity.id == "mesh:D1"
    assert [c.id for c in match.candidates] == ["mesh:D1", "mesh:D2"]


def test_matcher_is_cached_and_rebuilt_after_add(lexicon: Lexicon) -> None:
    first = lexicon.matcher()
    assert lexicon.matcher() is first
    lexicon.add(Entity("pharmgraph:zz", "zonk receptor", "Receptor"))
    assert found(lexicon, "the zonk receptor") == [("zonk receptor", "pharmgraph:zz")]


def test_empty_and_punctuation_only_text(lexicon: Lexicon) -> None:
    assert lexicon.matcher().find("") == []
    assert lexicon.matcher().find(" -- () ++ ") == []


def test_find_all_equals_find_on_each_text(lexicon: Lexicon) -> None:
    texts = [
        "Lamotrigine blocks the sodium",  # a name may not run on into the next text
        "channel and LTG's effect on GABA(A) receptors.",
        "",
        "Nothing here.",
        "SCN1A and the K+ channel; lamotrigine's",
    ]
    matcher = lexicon.matcher()
    expected = [matcher.find(t) for t in texts]
    assert matcher.find_all(texts) == expected
    assert [[m.text for m in ms] for ms in expected][1] == ["LTG", "GABA(A) receptors"]
    assert [(m.start, m.end) for m in matcher.find_all(texts)[4]] == [(0, 5), (14, 24), (26, 37)]
    assert matcher.find_all([]) == []


def test_lookup_results_follow_additions(lexicon: Lexicon) -> None:
    assert lexicon.lookup("zorbamide") == []
    lexicon.add(Entity("pharmgraph:zorbamide", "zorbamide", "Drug"))
    assert [e.id for e in lexicon.lookup("zorbamide")] == ["pharmgraph:zorbamide"]
    hits = lexicon.lookup("sodium channels")
    hits.clear()  # callers get their own list
    assert [e.id for e in lexicon.lookup("sodium channels")] == ["mesh:D062528"]
